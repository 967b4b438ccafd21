# Set errors: KeyError with the key, empty pop, unhashable items, set keys looked up as frozensets, argument and operand TypeErrors.
def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

s = {1, 2}
attempt('remove missing', lambda: s.remove(3))
attempt('remove tuple', lambda: s.remove((1, 2)))
attempt('remove set', lambda: s.remove({9}))
attempt('pop empty', lambda: set().pop())
attempt('add list', lambda: s.add([1]))
attempt('display list', lambda: {1, [2]})
attempt('in list', lambda: [1] in s)
attempt('in dict', lambda: {} in s)
attempt('in set', lambda: {1} in s)
attempt('frozenset key', lambda: {frozenset([1]), 2} == {2, frozenset({1})})
fs_member = {frozenset([1, 2]), 3}
attempt('set in set of frozensets', lambda: {2, 1} in fs_member)
fs_member.remove({1, 2})
attempt('after remove', lambda: fs_member)
fs_member.discard({3})
attempt('discard set', lambda: fs_member)
attempt('hash set', lambda: hash({1}))
attempt('set as key', lambda: {{1}: 2})
attempt('frozenset of set', lambda: frozenset([{1}]))
attempt('add no arg', lambda: s.add())
attempt('add two args', lambda: s.add(1, 2))
attempt('pop arg', lambda: s.pop(0))
attempt('union kw', lambda: s.union(x=1))
attempt('set kw', lambda: set(x=1))
attempt('set two', lambda: set([1], [2]))
attempt('frozenset kw', lambda: frozenset(x=1))
attempt('frozenset two', lambda: frozenset(1, 2))
attempt('set of int', lambda: set(5))
attempt('update int', lambda: s.update([1], 5))
attempt('issubset int', lambda: s.issubset(5))
attempt('or list', lambda: s | [1])
attempt('and tuple', lambda: s & (1,))
attempt('sub int', lambda: 1 - s)
attempt('xor str', lambda: s ^ 'a')
attempt('lt list', lambda: s < [1])
attempt('ge int', lambda: s >= 1)
def ior():
    t = {1}
    t |= [2]
attempt('ior list', ior)
def isub():
    t = {1}
    t -= (1,)
attempt('isub tuple', isub)
attempt('descriptor', lambda: set.add(frozenset(), 1))
attempt('unbound', lambda: set.union())
attempt('frozenset add', lambda: frozenset().add(1))
attempt('star int', lambda: {*5})
attempt('next on set', lambda: next({1}))
class S(set):
    pass
attempt('hash subclass', lambda: hash(S()))
attempt('subclass args', lambda: S([1], [2]))
attempt('subclass kw', lambda: S(x=1))
class F(frozenset):
    pass
attempt('frozen subclass args', lambda: F(1, 2))
attempt('frozen subclass kw', lambda: F([1], y=2))
it = iter({1, 2, 3})
grow = {1, 2, 3}
it = iter(grow)
next(it)
grow.add(4)
attempt('changed size', lambda: next(it))
attempt('changed size again', lambda: next(it))
shrink = {1, 2, 3}
it2 = iter(shrink)
attempt('first', lambda: next(it2))
shrink.discard(3)
shrink.add(30)
attempt('same size continues', lambda: list(it2))
class BadHash:
    def __hash__(self):
        raise ValueError('no hash today')
attempt('bad hash', lambda: {BadHash()})
class BadEq:
    def __hash__(self):
        return 1
    def __eq__(self, other):
        raise RuntimeError('no eq today')
attempt('bad eq', lambda: {BadEq(), BadEq()})
s = {1}
s.remove(1)
try:
    s.remove(1)
except KeyError as e:
    print('args', e.args)
