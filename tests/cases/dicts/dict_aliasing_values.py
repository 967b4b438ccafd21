# Dict values are references: mutating a stored list is visible through the dict.
shared = []
d = {'a': shared, 'b': shared}
d['a'].append(1)
print(d, d['a'] is d['b'])
alias = d
alias['c'] = 'new'
print(d)
counts = {}
for w in 'the cat and the hat and the bat'.split():
    counts[w] = counts.get(w, 0) + 1
print(counts)
