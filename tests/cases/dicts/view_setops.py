# Set operations of dict keys and items views: results are sets.
d = {'a': 1, 'b': 2, 'c': 3}
e = {'b': 20, 'c': 3, 'd': 4}

def show(label, r):
    print(label, type(r).__name__, sorted(r))

show("keys & set", d.keys() & {'a', 'x'})
show("keys | set", d.keys() | {'x'})
show("keys - set", d.keys() - {'a'})
show("keys ^ set", d.keys() ^ {'a', 'z'})
show("set & keys", {'a', 'x'} & d.keys())
show("set | keys", {'x'} | d.keys())
show("set - keys", {'a', 'x'} - d.keys())
show("set ^ keys", {'a', 'z'} ^ d.keys())
show("list | keys", ['x'] | d.keys())
show("keys | list", d.keys() | ['x'])
show("tuple - keys", ('a', 'q') - d.keys())
show("keys & list", d.keys() & ['c', 'q', 'c'])
show("str & keys", 'abz' & d.keys())
show("keys & keys", d.keys() & e.keys())
show("keys | keys", d.keys() | e.keys())
show("keys - keys", d.keys() - e.keys())
show("keys ^ keys", d.keys() ^ e.keys())
show("keys & frozenset", d.keys() & frozenset('ab'))
show("items & items", d.items() & e.items())
show("items | items", d.items() | e.items())
show("items - items", d.items() - e.items())
show("items ^ items", d.items() ^ e.items())
show("items & set", d.items() & {('a', 1), ('b', 3)})
show("set - items", {('a', 1), ('z', 0)} - d.items())
show("items | list", d.items() | [('q', 9)])
show("keys & items", d.keys() & e.items())
show("empty", {}.keys() & {'a'})

# in-place operators fall back to the binary ones and rebind
k = d.keys()
k &= {'a'}
show("k &=", k)
s = {'a', 'x'}
s2 = s
s |= d.keys()
show("s |=", s)
print("s is s2", s is s2)
s = {'a', 'x'}
s -= d.keys()
show("s -=", s)

# unhashable items in items views
try:
    print(sorted({'a': []}.items() & {('a', 1)}))
except Exception as ex:
    print(type(ex).__name__, ex)
try:
    show("items with list values", {'a': [1]}.items() & [('a', [1])])
except Exception as ex:
    print(type(ex).__name__, ex)
print({'a': [1]}.items() == {'a': [1]}.items())

# isdisjoint
print(d.keys().isdisjoint({'x'}), d.keys().isdisjoint(['a']))
print(d.keys().isdisjoint(e.keys()), d.keys().isdisjoint(d.keys()))
print({}.keys().isdisjoint({}.keys()))
print(d.items().isdisjoint([('a', 1)]), d.items().isdisjoint([('a', 2)]))
print(d.keys().isdisjoint(iter('xyz')))
try:
    d.keys().isdisjoint(5)
except TypeError as ex:
    print(type(ex).__name__, ex)

# comparisons with sets and views
print(d.keys() == {'a', 'b', 'c'}, {'a', 'b', 'c'} == d.keys())
print(d.keys() != {'a', 'b'}, d.keys() == ['a', 'b', 'c'])
print(d.keys() <= {'a', 'b', 'c', 'd'}, d.keys() < {'a', 'b', 'c'})
print(d.keys() >= {'a'}, d.keys() > {'a', 'b', 'c'})
print({'a'} < d.keys(), {'a', 'b', 'c'} <= d.keys(), frozenset('abcd') > d.keys())
print(d.keys() == e.keys(), d.keys() == dict(d).keys(), d.keys() < {**d, 'z': 0}.keys())
print(d.items() == {('a', 1), ('b', 2), ('c', 3)}, d.items() <= {('a', 1)})
print(d.items() == dict(d).items(), d.items() == e.items())
print(d.values() == d.values(), d.values() == {1, 2, 3})
try:
    d.keys() < ['a']
except TypeError as ex:
    print(type(ex).__name__, ex)

# containment
print('a' in d.keys(), 'z' in d.keys(), ('a', 1) in d.items(), ('a', 2) in d.items())
print(('a',) in d.items(), 'a' in d.items(), ['a', 1] in d.items())
try:
    [] in d.keys()
except TypeError as ex:
    print(type(ex).__name__, ex)
print(([], 1) in d.items() if False else "skip")

# values views have none of these
for op in ('&', '|', '-', '^'):
    try:
        eval("d.values() " + op + " {1}")
    except TypeError as ex:
        print(type(ex).__name__, ex)
try:
    {1} & d.values()
except TypeError as ex:
    print(type(ex).__name__, ex)
print(hasattr(d.values(), 'isdisjoint'), hasattr(d.keys(), 'isdisjoint'))

# errors from the other operand
for bad in (5, None):
    try:
        d.keys() & bad
    except TypeError as ex:
        print(type(ex).__name__, ex)
    try:
        bad | d.keys()
    except TypeError as ex:
        print(type(ex).__name__, ex)

# views are unhashable; values views hash by identity
for v in (d.keys(), d.items()):
    try:
        hash(v)
    except TypeError as ex:
        print(type(ex).__name__, ex)

# the abstract base classes
import collections.abc as cabc
print(isinstance(d.keys(), cabc.KeysView), isinstance(d.items(), cabc.ItemsView))
print(isinstance(d.values(), cabc.ValuesView), isinstance(d.keys(), cabc.Set))
print(isinstance(d.values(), cabc.Set))
