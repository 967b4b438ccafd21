# str.maketrans/translate, str.format_map (with __missing__), str.istitle, range.count/index, int/float __divmod__ and __round__
t = str.maketrans('abc', 'xyz', 'd')
print(sorted(t.items()), 'abcd-abcd'.translate(t))
print('hello'.translate({ord('l'): 'L', ord('o'): None, 104: 72}), 'x'.translate({}), 'abc'.translate(str.maketrans({'a': '1', 98: None})))
class Rot:
    def __getitem__(self, c):
        if 97 <= c <= 122:
            return (c - 97 + 13) % 26 + 97
        raise LookupError
print('hello, world!'.translate(Rot()))
for bad in [lambda: str.maketrans('ab', 'c'), lambda: str.maketrans(5), lambda: str.maketrans({'ab': 1}), lambda: 'a'.translate({97: 1.5}),
            lambda: 'a'.translate({97: 0x110000}), lambda: str.maketrans({1.5: 1})]:
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print('{a}-{b!r}-{c[0]}'.format_map({'a': 1, 'b': 'x', 'c': [9]}))
class Default(dict):
    def __missing__(self, k):
        return '<' + k + '>'
print('{name} is {age:>4}'.format_map(Default(name='Ann')))
for bad in [lambda: '{0}'.format_map({}), lambda: '{}'.format_map({}), lambda: '{x}'.format_map({})]:
    try:
        print(bad())
    except (ValueError, KeyError) as e:
        print(type(e).__name__, e)
print([s.istitle() for s in ['Hello World', 'Hello world', 'HELLO', '', '123', 'A1 B2', 'ǅungla', "They'Re"]])
r = range(0, 20, 3)
print(r.count(6), r.count(7), r.index(9), r.count(6.0), r.index(6.0), range(10, 0, -2).index(4), range(5).count('a'))
for bad in [lambda: r.index(7), lambda: r.index('x')]:
    try:
        bad()
    except ValueError as e:
        print('ValueError', e)
print((7).__divmod__(2), (7.5).__divmod__(2), (7).__rdivmod__(20), (7).__divmod__(2.0), (7).__round__(), (7.567).__round__(2), (1234).__round__(-2), (2.5).__round__())
