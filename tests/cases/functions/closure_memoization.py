# Memoization with closures: cache dict in enclosing scope, stats via nonlocal, recursion through the wrapper.
def memoize(fn):
    cache = {}
    hits = 0
    def wrapper(n):
        nonlocal hits
        if n in cache:
            hits += 1
            return cache[n]
        result = fn(n)
        cache[n] = result
        return result
    def stats():
        return hits, len(cache)
    wrapper.stats = stats
    return wrapper

@memoize
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)

print(fib(80))
print(fib.stats())
print(fib(80), fib.stats())

def counter_factory():
    counts = {}
    def count(word):
        counts[word] = counts.get(word, 0) + 1
        return counts[word]
    return count, counts
count, counts = counter_factory()
for w in "the cat and the hat and the bat".split():
    count(w)
print(sorted(counts.items()))
c2, counts2 = counter_factory()
print(c2("x"), counts2, counts is counts2)
