# Set displays and comprehensions: literal order, starred items, nested comprehensions, set-valued expressions.
x = 3
print({x}, {x, 1}, {1, x, 2}, {x, x, x})
print({x * i for i in range(6)})
print({c for c in 'abracadabra' if c != 'a'} == {'b', 'r', 'c', 'd'})
print({(i, j) for i in range(2) for j in range(2)} == {(0, 0), (0, 1), (1, 0), (1, 1)})
print({i % 4 for i in range(-8, 9)})
rest = [4, 5]
print({1, *rest}, {*rest, *'ab'} == {4, 5, 'a', 'b'}, {*range(3)}, {*()})
print({*{1: 2}, 0}, {0, *{9}, 8})
a = 10
b = 20
print({a, b, a + b, a - b, -a})
def items():
    return {v for v in [a, b, a]}
print(items(), len(items()))
print(type({i for i in []}).__name__, {i for i in []})
print([{j for j in range(i)} for i in range(4)])
print({frozenset({i}) for i in range(3)} == {frozenset([0]), frozenset([1]), frozenset([2])})
print(sorted({len(w) for w in 'the quick brown fox'.split()}))
