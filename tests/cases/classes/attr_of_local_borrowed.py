# `local.attr` and `local.attr = v` read and store through the attribute
# cache with the local borrowed where it is. The object's count, the
# errors for an unbound local, the replaced value's release and the
# fall-back to the general path (properties, __getattr__, slots, methods)
# must all be as CPython's.
import sys


class Node:
    def __init__(self, left, right):
        self.left = left
        self.right = right


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print('  freed', self.name)


def counts():
    n = Node(None, None)
    before = sys.getrefcount(n)
    for _ in range(3):
        x = n.left
        n.right = 5
    print('count unchanged by reads and stores:', sys.getrefcount(n) == before)
    print('values:', n.left, n.right)


def replaced_value_freed():
    n = Node(Noisy('a'), None)
    print('store over a:')
    n.left = Noisy('b')
    print('after store; left is', n.left.name)
    n.left = None
    print('done')


def unbound_load():
    try:
        print(p.left)
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
    p = Node(1, 2)
    del p
    try:
        p.left
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)


def unbound_store():
    try:
        q.left = 1
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)
    q = Node(1, 2)
    del q
    try:
        q.right = 2
    except UnboundLocalError as e:
        print('UnboundLocalError:', e)


class WithProperty:
    def __init__(self):
        self._v = 0

    @property
    def v(self):
        return self._v * 10

    @v.setter
    def v(self, x):
        print('  setter', x)
        self._v = x


class WithGetattr:
    def __getattr__(self, name):
        return 'dynamic ' + name


class Slotted:
    __slots__ = ('a',)


def general_paths():
    objs = [Node(1, 2), WithProperty(), WithGetattr(), Slotted()]
    for o in objs:
        try:
            print(type(o).__name__, 'left:', o.left)
        except AttributeError as e:
            print(type(o).__name__, 'AttributeError:', e)
    w = WithProperty()
    for i in range(3):
        w.v = i
        print('  v', w.v)
    s = Slotted()
    for i in range(2):
        s.a = i
        print('  slot a', s.a)
    try:
        s.b = 1
    except AttributeError as e:
        print('AttributeError:', e)
    m = Node(1, 2)
    for i in range(2):
        f = m.__init__
        print('  bound method of Node:', type(f).__name__, f.__self__ is m)


def shape_change():
    # Same code, objects whose attributes were set in different orders.
    a = Node(1, 2)
    b = Node(3, 4)
    del b.left
    b.left = 5
    for o in (a, b, a, b):
        print('  left/right', o.left, o.right)
        o.left = o.left + 100
    print(a.__dict__, b.__dict__)


counts()
replaced_value_freed()
unbound_load()
unbound_store()
general_paths()
shape_change()
