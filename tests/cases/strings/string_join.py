# str.join over lists and tuples of strings; TypeError on non-strings.
print(', '.join(['a', 'b', 'c']))
print(''.join(['x', 'y']), '-'.join(('1', '2')), repr('-'.join([])), '+'.join(['solo']))
print('/'.join('abc'))
words = 'the quick brown fox'.split()
print(' '.join(words[::-1]))
try:
    ','.join(['a', 1])
except TypeError as e:
    print('TypeError:', e)
