"""Container datatypes: deque, defaultdict, OrderedDict, Counter,
namedtuple, ChainMap, UserDict, UserList, UserString.

ouro's `collections`, written for ouro in Python (CPython's deque and
defaultdict are C). Behaviour, reprs and messages follow CPython 3.11.
Differences: deque keeps its items in a list (popleft and appendleft are
O(n)); the C types' names in messages lack the `collections.` prefix
(`unhashable type: 'deque'`); OrderedDict is a dict subclass that reorders by reinserting.
"""

import sys
from collections.abc import (Mapping, MutableMapping, MutableSequence,
                             Sequence)

# A package, so that `from collections import abc` imports the submodule.
__path__ = []

__all__ = ["ChainMap", "Counter", "OrderedDict", "UserDict", "UserList",
           "UserString", "defaultdict", "deque", "namedtuple"]


def _name_list(names):
    """'a', 'a' and 'b', 'a', 'b', and 'c' as CPython's call errors say."""
    q = [repr(n) for n in names]
    if len(q) == 1:
        return q[0]
    if len(q) == 2:
        return f"{q[0]} and {q[1]}"
    return ", ".join(q[:-1]) + ", and " + q[-1]


def _bind(fname, names, defaults, args, kwargs, kwonly=(), skip=1):
    """Binds a call's arguments to parameters as CPython's function calls
    do, with the same errors. `names` are positional-or-keyword, `kwonly`
    keyword-only, `defaults` maps names to default values; `skip` counts
    the implicit first argument (self or cls) in the messages.
    """
    values = {}
    for name, arg in zip(names, args):
        values[name] = arg
    for k, v in kwargs.items():
        if k in values:
            raise TypeError(f"{fname}() got multiple values for argument '{k}'")
        if k not in names and k not in kwonly:
            raise TypeError(f"{fname}() got an unexpected keyword argument '{k}'")
        values[k] = v
    if len(args) > len(names):
        most = len(names) + skip
        least = most - sum(1 for n in names if n in defaults)
        if least == most:
            takes = f"{most} positional argument{'' if most == 1 else 's'}"
        else:
            takes = f"from {least} to {most} positional arguments"
        given = len(args) + skip
        nkw = sum(1 for k in kwargs if k in kwonly)
        if nkw:
            was = (f"{given} positional argument{'' if given == 1 else 's'} "
                   f"(and {nkw} keyword-only argument{'' if nkw == 1 else 's'}) "
                   f"{'was' if given == 1 else 'were'}")
        else:
            was = f"{given} {'was' if given == 1 else 'were'}"
        raise TypeError(f"{fname}() takes {takes} but {was} given")
    missing = [n for n in names if n not in values and n not in defaults]
    if missing:
        s = "" if len(missing) == 1 else "s"
        raise TypeError(f"{fname}() missing {len(missing)} required positional "
                        f"argument{s}: {_name_list(missing)}")
    missing = [n for n in kwonly if n not in values and n not in defaults]
    if missing:
        s = "" if len(missing) == 1 else "s"
        raise TypeError(f"{fname}() missing {len(missing)} required keyword-only "
                        f"argument{s}: {_name_list(missing)}")
    for n in names:
        if n not in values:
            values[n] = defaults[n]
    for n in kwonly:
        if n not in values:
            values[n] = defaults[n]
    return values


# ---------------------------------------------------------------- deque

class deque:
    """A list-like sequence optimized for data accesses near its endpoints."""

    __slots__ = ("_items", "_maxlen", "_state", "__weakref__")

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            if not isinstance(maxlen, int):
                raise TypeError("an integer is required")
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self._maxlen = maxlen
        self._items = []
        self._state = 0
        self.extend(iterable)

    @property
    def maxlen(self):
        """maximum size of a deque or None if unbounded"""
        return self._maxlen

    def _changed(self):
        self._state += 1

    def append(self, x):
        """Add an element to the right side of the deque."""
        self._changed()
        self._items.append(x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            del self._items[0]

    def appendleft(self, x):
        """Add an element to the left side of the deque."""
        self._changed()
        self._items.insert(0, x)
        if self._maxlen is not None and len(self._items) > self._maxlen:
            self._items.pop()

    def extend(self, iterable):
        """Extend the right side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        """Extend the left side of the deque with elements from the iterable"""
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def pop(self):
        """Remove and return the rightmost element."""
        if not self._items:
            raise IndexError("pop from an empty deque")
        self._changed()
        return self._items.pop()

    def popleft(self):
        """Remove and return the leftmost element."""
        if not self._items:
            raise IndexError("pop from an empty deque")
        self._changed()
        return self._items.pop(0)

    def clear(self):
        """Remove all elements from the deque."""
        self._changed()
        self._items.clear()

    def copy(self):
        """Return a shallow copy of a deque."""
        return self.__class__(self._items, self._maxlen)

    __copy__ = copy

    def count(self, value):
        """D.count(value) -- return number of occurrences of value"""
        state = self._state
        n = 0
        for x in self._items:
            if x is value or x == value:
                n += 1
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
        return n

    def index(self, value, start=0, stop=sys.maxsize):
        """D.index(value, [start, [stop]]) -- return first index of value.
        Raises ValueError if the value is not present.
        """
        n = len(self._items)
        if start < 0:
            start = max(start + n, 0)
        if stop < 0:
            stop = max(stop + n, 0)
        stop = min(stop, n)
        state = self._state
        for i in range(start, stop):
            x = self._items[i]
            if x is value or x == value:
                return i
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
        raise ValueError(f"{value!r} is not in deque")

    def insert(self, index, value):
        """D.insert(index, object) -- insert object before index"""
        if self._maxlen is not None and len(self._items) >= self._maxlen:
            raise IndexError("deque already at its maximum size")
        self._changed()
        self._items.insert(index, value)

    def remove(self, value):
        """D.remove(value) -- remove first occurrence of value."""
        for i, x in enumerate(self._items):
            if x is value or x == value:
                self._changed()
                del self._items[i]
                return
        raise ValueError(f"{value!r} is not in deque")

    def reverse(self):
        """D.reverse() -- reverse *IN PLACE*"""
        self._changed()
        self._items.reverse()

    def rotate(self, n=1):
        """Rotate the deque n steps to the right (default n=1).  If n is
        negative, rotates left.
        """
        k = len(self._items)
        if k:
            n %= k
            if n:
                self._changed()
                self._items[:] = self._items[-n:] + self._items[:-n]

    def _index(self, i):
        if not isinstance(i, int):
            raise TypeError(f"sequence index must be integer, not "
                            f"'{type(i).__name__}'")
        n = len(self._items)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError("deque index out of range")
        return i

    def __getitem__(self, i):
        return self._items[self._index(i)]

    def __setitem__(self, i, value):
        self._items[self._index(i)] = value

    def __delitem__(self, i):
        i = self._index(i)
        self._changed()
        del self._items[i]

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __contains__(self, value):
        state = self._state
        for x in self._items:
            if x is value or x == value:
                return True
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
        return False

    def __iter__(self):
        state = self._state
        items = self._items
        for i in range(len(items)):
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
            yield items[i]
        if state != self._state:
            raise RuntimeError("deque mutated during iteration")

    def __reversed__(self):
        state = self._state
        items = self._items
        for i in range(len(items) - 1, -1, -1):
            if state != self._state:
                raise RuntimeError("deque mutated during iteration")
            yield items[i]

    def __repr__(self):
        name = type(self).__name__
        if _repr_running(self):
            return "[...]"
        try:
            body = repr(self._items)
        finally:
            _repr_done(self)
        if self._maxlen is None:
            return f"{name}({body})"
        return f"{name}({body}, maxlen={self._maxlen})"

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError(f'can only concatenate deque (not '
                            f'"{type(other).__name__}") to deque')
        new = self.copy()
        new.extend(other)
        return new

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int):
            return NotImplemented
        new = self.copy()
        new *= n
        return new

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int):
            return NotImplemented
        items = list(self._items)
        self.clear()
        for _ in range(max(n, 0)):
            self.extend(items)
        return self

    def _cmp(self, other, op):
        if not isinstance(other, deque):
            return NotImplemented
        return op(self._items, other._items)

    def __eq__(self, other):
        return self._cmp(other, lambda a, b: a == b)

    def __ne__(self, other):
        return self._cmp(other, lambda a, b: a != b)

    def __lt__(self, other):
        return self._cmp(other, lambda a, b: a < b)

    def __le__(self, other):
        return self._cmp(other, lambda a, b: a <= b)

    def __gt__(self, other):
        return self._cmp(other, lambda a, b: a > b)

    def __ge__(self, other):
        return self._cmp(other, lambda a, b: a >= b)

    __hash__ = None

    def __reduce__(self):
        return type(self), (list(self._items), self._maxlen)


MutableSequence.register(deque)

# Objects whose repr is being computed (for recursive reprs).
_repr_active = set()


def _repr_running(obj):
    key = id(obj)
    if key in _repr_active:
        return True
    _repr_active.add(key)
    return False


def _repr_done(obj):
    _repr_active.discard(id(obj))


# ---------------------------------------------------------- defaultdict

class defaultdict(dict):
    """defaultdict(default_factory=None, /, [...]) --> dict with default
    factory.
    """

    def __init__(self, default_factory=None, /, *args, **kwargs):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        super().__init__(*args, **kwargs)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self[key] = value
        return value

    def __repr__(self):
        if _repr_running(self):
            return "..."
        try:
            f = self.default_factory
            if f is None:
                fr = "None"
            elif _repr_running(f):
                fr = "..."
            else:
                try:
                    fr = repr(f)
                finally:
                    _repr_done(f)
            return f"{type(self).__name__}({fr}, {dict(self)!r})"
        finally:
            _repr_done(self)

    def copy(self):
        """D.copy() -> a shallow copy of D."""
        return type(self)(self.default_factory, self)

    __copy__ = copy

    def __reduce__(self):
        return type(self), (self.default_factory,), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = self.copy()
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self.default_factory, other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


# ---------------------------------------------------------- OrderedDict

class OrderedDict(dict):
    """Dictionary that remembers insertion order"""

    def popitem(self, last=True):
        """Remove and return a (key, value) pair from the dictionary.

        Pairs are returned in LIFO order if last is true or FIFO order if
        false.
        """
        if not self:
            raise KeyError("dictionary is empty")
        key = next(reversed(list(dict.keys(self)))) if last else next(iter(dict.keys(self)))
        value = dict.pop(self, key)
        return key, value

    def move_to_end(self, key, last=True):
        """Move an existing element to the end (or beginning if last is
        false).
        """
        if key not in dict.keys(self):
            raise KeyError(key)
        value = dict.pop(self, key)
        if last:
            dict.__setitem__(self, key, value)
            return
        rest = list(dict.items(self))
        dict.clear(self)
        dict.__setitem__(self, key, value)
        for k, v in rest:
            dict.__setitem__(self, k, v)

    def __reversed__(self):
        yield from reversed(list(dict.keys(self)))

    def __repr__(self):
        if not self:
            return f"{type(self).__name__}()"
        if _repr_running(self):
            return "..."
        try:
            return f"{type(self).__name__}({list(self.items())!r})"
        finally:
            _repr_done(self)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return (len(self) == len(other)
                    and all(a == b for a, b in zip(self, other))
                    and dict(self) == dict(other))
        if isinstance(other, dict):
            return dict(self) == dict(other)
        return NotImplemented

    def __ne__(self, other):
        r = self.__eq__(other)
        return r if r is NotImplemented else not r

    __hash__ = None

    def copy(self):
        """od.copy() -> a shallow copy of od"""
        return type(self)(self)

    __copy__ = copy

    @classmethod
    def fromkeys(cls, iterable, value=None):
        """Create a new ordered dictionary with keys from iterable and
        values set to value.
        """
        new = cls()
        for key in iterable:
            new[key] = value
        return new

    def __reduce__(self):
        return type(self), (), None, None, iter(self.items())

    def __or__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(self)
        new.update(other)
        return new

    def __ror__(self, other):
        if not isinstance(other, dict):
            return NotImplemented
        new = type(self)(other)
        new.update(self)
        return new

    def __ior__(self, other):
        self.update(other)
        return self


# -------------------------------------------------------------- Counter

class Counter(dict):
    """Dict subclass for counting hashable items.  Sometimes called a bag
    or multiset.  Elements are stored as dictionary keys and their counts
    are stored as dictionary values.
    """

    def __init__(self, iterable=None, /, **kwds):
        super().__init__()
        self.update(iterable, **kwds)

    def __missing__(self, key):
        """The count of elements not in the Counter is zero."""
        return 0

    def total(self):
        """Sum of the counts"""
        return sum(self.values())

    def most_common(self, n=None):
        """List the n most common elements and their counts from the most
        common to the least.  If n is None, then list all element counts.
        """
        ordered = sorted(self.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return ordered
        return ordered[:max(n, 0)]

    def elements(self):
        """Iterator over elements repeating each as many times as its
        count.
        """
        for elem, count in self.items():
            for _ in range(count):
                yield elem

    @classmethod
    def fromkeys(cls, iterable, v=None):
        raise NotImplementedError(
            "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")

    def update(self, iterable=None, /, **kwds):
        """Like dict.update() but add counts instead of replacing them."""
        if iterable is not None:
            if isinstance(iterable, Mapping):
                if self:
                    for elem, count in iterable.items():
                        self[elem] = count + self.get(elem, 0)
                else:
                    dict.update(self, iterable)
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, /, **kwds):
        """Like dict.update() but subtracts counts instead of replacing
        them.
        """
        if iterable is not None:
            if isinstance(iterable, Mapping):
                for elem, count in iterable.items():
                    self[elem] = self.get(elem, 0) - count
            else:
                for elem in iterable:
                    self[elem] = self.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        """Return a shallow copy."""
        return self.__class__(self)

    __copy__ = copy

    def __reduce__(self):
        return self.__class__, (dict(self),)

    def __delitem__(self, elem):
        """Like dict.__delitem__() but does not raise KeyError for missing
        values.
        """
        if elem in self:
            super().__delitem__(elem)

    def __repr__(self):
        if not self:
            return f"{self.__class__.__name__}()"
        try:
            d = dict(self.most_common())
        except TypeError:
            d = dict(self)
        return f"{self.__class__.__name__}({d!r})"

    def __eq__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] == other[e] for c in (self, other) for e in c)

    def __ne__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return not self == other

    def __le__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] <= other[e] for c in (self, other) for e in c)

    def __lt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self <= other and self != other

    def __ge__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return all(self[e] >= other[e] for c in (self, other) for e in c)

    def __gt__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        return self >= other and self != other

    __hash__ = None

    def __add__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count + other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __sub__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            newcount = count - other[elem]
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count < 0:
                result[elem] = 0 - count
        return result

    def __or__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = other_count if count < other_count else count
            if newcount > 0:
                result[elem] = newcount
        for elem, count in other.items():
            if elem not in self and count > 0:
                result[elem] = count
        return result

    def __and__(self, other):
        if not isinstance(other, Counter):
            return NotImplemented
        result = Counter()
        for elem, count in self.items():
            other_count = other[elem]
            newcount = count if count < other_count else other_count
            if newcount > 0:
                result[elem] = newcount
        return result

    def __pos__(self):
        """Adds an empty counter, effectively stripping negative and zero
        counts
        """
        result = Counter()
        for elem, count in self.items():
            if count > 0:
                result[elem] = count
        return result

    def __neg__(self):
        """Subtracts from an empty counter.  Strips positive and zero
        counts, and flips the sign on negative counts.
        """
        result = Counter()
        for elem, count in self.items():
            if count < 0:
                result[elem] = 0 - count
        return result

    def _keep_positive(self):
        """Internal method to strip elements with a negative or zero
        count
        """
        for elem in [e for e, c in self.items() if not c > 0]:
            del self[elem]
        return self

    def __iadd__(self, other):
        for elem, count in other.items():
            self[elem] += count
        return self._keep_positive()

    def __isub__(self, other):
        for elem, count in other.items():
            self[elem] -= count
        return self._keep_positive()

    def __ior__(self, other):
        for elem, other_count in other.items():
            count = self[elem]
            if other_count > count:
                self[elem] = other_count
        return self._keep_positive()

    def __iand__(self, other):
        for elem, count in self.items():
            other_count = other[elem]
            if other_count < count:
                self[elem] = other_count
        return self._keep_positive()


# ----------------------------------------------------------- namedtuple

_KEYWORDS = frozenset([
    "False", "None", "True", "and", "as", "assert", "async", "await",
    "break", "class", "continue", "def", "del", "elif", "else", "except",
    "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
    "while", "with", "yield"])


# A namedtuple field: item `index` of the tuple, read-only. (No docstring:
# each instance has its own __doc__ slot.)
class _tuplegetter:

    __slots__ = ("_index", "__doc__")

    def __init__(self, index, doc):
        self._index = index
        self.__doc__ = doc

    def __get__(self, obj, objtype=None):
        if obj is None:
            return self
        return obj[self._index]

    def __set__(self, obj, value):
        raise AttributeError("can't set attribute")

    def __delete__(self, obj):
        raise AttributeError("can't delete attribute")

    def __repr__(self):
        return f"_tuplegetter({self._index}, {self.__doc__!r})"


def namedtuple(typename, field_names, *, rename=False, defaults=None,
               module=None):
    """Returns a new subclass of tuple with named fields."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = list(map(str, field_names))
    typename = sys.intern(str(typename))

    if rename:
        seen = set()
        for index, name in enumerate(field_names):
            if (not name.isidentifier() or name in _KEYWORDS
                    or name.startswith("_") or name in seen):
                field_names[index] = f"_{index}"
            seen.add(name)

    for name in [typename] + field_names:
        if type(name) is not str:
            raise TypeError("Type names and field names must be strings")
        if not name.isidentifier():
            raise ValueError("Type names and field names must be valid "
                             f"identifiers: {name!r}")
        if name in _KEYWORDS:
            raise ValueError("Type names and field names cannot be a "
                             f"keyword: {name!r}")

    seen = set()
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: "
                             f"{name!r}")
        if name in seen:
            raise ValueError(f"Encountered duplicate field name: {name!r}")
        seen.add(name)

    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        field_defaults = dict(reversed(list(zip(reversed(field_names),
                                                reversed(defaults)))))

    field_names = tuple(map(sys.intern, field_names))
    num_fields = len(field_names)
    arg_list = ", ".join(field_names)
    if num_fields == 1:
        arg_list += ","
    repr_fmt = "(" + ", ".join(f"{name}=%r" for name in field_names) + ")"

    def __new__(_cls, *args, **kwargs):
        values = _bind(f"{typename}.__new__", field_names, field_defaults,
                       args, kwargs)
        return tuple.__new__(_cls, [values[n] for n in field_names])

    __new__.__doc__ = f"Create new instance of {typename}({arg_list})"
    __new__.__qualname__ = f"{typename}.__new__"

    @classmethod
    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError(f"Expected {num_fields} arguments, got {len(result)}")
        return result

    def _replace(self, /, **kwds):
        result = self._make([kwds.pop(name, value)
                             for name, value in zip(field_names, self)])
        if kwds:
            raise ValueError(f"Got unexpected field names: {list(kwds)!r}")
        return result

    def __repr__(self):
        """Return a nicely formatted representation string"""
        return self.__class__.__name__ + repr_fmt % tuple(self)

    def _asdict(self):
        """Return a new dict which maps field names to their values."""
        return dict(zip(self._fields, self))

    def __getnewargs__(self):
        """Return self as a plain tuple.  Used by copy and pickle."""
        return tuple(self)

    _replace.__doc__ = (f"Return a new {typename} object replacing "
                        "specified fields with new values")
    for method in (__repr__, _asdict, __getnewargs__, _replace):
        method.__qualname__ = f"{typename}.{method.__name__}"

    namespace = {
        "__doc__": f"{typename}({arg_list})",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": _make,
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
        "__match_args__": field_names,
    }
    for index, name in enumerate(field_names):
        namespace[name] = _tuplegetter(index, f"Alias for field number {index}")

    if module is None:
        try:
            module = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            pass
    if module is not None:
        namespace["__module__"] = module
    return type(typename, (tuple,), namespace)


# ------------------------------------------------------------- ChainMap

class ChainMap(MutableMapping):
    """A ChainMap groups multiple dicts (or other mappings) together to
    create a single, updateable view.
    """

    def __init__(self, *maps):
        """Initialize a ChainMap by setting *maps* to the given mappings.
        If no mappings are provided, a single empty dictionary is used.
        """
        self.maps = list(maps) or [{}]

    def __missing__(self, key):
        raise KeyError(key)

    def __getitem__(self, key):
        for mapping in self.maps:
            try:
                return mapping[key]
            except KeyError:
                pass
        return self.__missing__(key)

    def get(self, key, default=None):
        return self[key] if key in self else default

    def __len__(self):
        return len(set().union(*self.maps))

    def __iter__(self):
        d = {}
        for mapping in reversed(self.maps):
            for key in mapping:
                d[key] = None
        return iter(d)

    def __contains__(self, key):
        return any(key in m for m in self.maps)

    def __bool__(self):
        return any(self.maps)

    def __repr__(self):
        if _repr_running(self):
            return "..."
        try:
            return f"{self.__class__.__name__}({', '.join(map(repr, self.maps))})"
        finally:
            _repr_done(self)

    @classmethod
    def fromkeys(cls, iterable, *args):
        """Create a ChainMap with a single dict created from the
        iterable.
        """
        return cls(dict.fromkeys(iterable, *args))

    def copy(self):
        """New ChainMap or subclass with a new copy of maps[0] and refs to
        maps[1:]
        """
        return self.__class__(self.maps[0].copy(), *self.maps[1:])

    __copy__ = copy

    def new_child(self, m=None, **kwargs):
        """New ChainMap with a new map followed by all previous maps.
        If no map is provided, an empty dict is used.
        Keyword arguments update the map or new empty dict.
        """
        if m is None:
            m = kwargs
        elif kwargs:
            m.update(kwargs)
        return self.__class__(m, *self.maps)

    @property
    def parents(self):
        """New ChainMap from maps[1:]."""
        return self.__class__(*self.maps[1:])

    def __setitem__(self, key, value):
        self.maps[0][key] = value

    def __delitem__(self, key):
        try:
            del self.maps[0][key]
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def popitem(self):
        """Remove and return an item pair from maps[0]. Raise KeyError is
        maps[0] is empty.
        """
        try:
            return self.maps[0].popitem()
        except KeyError:
            raise KeyError("No keys found in the first mapping.")

    def pop(self, key, *args):
        """Remove *key* from maps[0] and return its value. Raise KeyError
        if *key* not in maps[0].
        """
        try:
            return self.maps[0].pop(key, *args)
        except KeyError:
            raise KeyError(f"Key not found in the first mapping: {key!r}")

    def clear(self):
        """Clear maps[0], leaving maps[1:] intact."""
        self.maps[0].clear()

    def __ior__(self, other):
        self.maps[0].update(other)
        return self

    def __or__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        m = self.copy()
        m.maps[0].update(other)
        return m

    def __ror__(self, other):
        if not isinstance(other, Mapping):
            return NotImplemented
        m = dict(other)
        for child in reversed(self.maps):
            m.update(child)
        return self.__class__(m)


# ------------------------------------------------------------- UserDict

class UserDict(MutableMapping):

    def __init__(self, dict=None, /, **kwargs):
        self.data = {}
        if dict is not None:
            self.update(dict)
        if kwargs:
            self.update(kwargs)

    def __len__(self):
        return len(self.data)

    def __getitem__(self, key):
        if key in self.data:
            return self.data[key]
        if hasattr(self.__class__, "__missing__"):
            return self.__class__.__missing__(self, key)
        raise KeyError(key)

    def __setitem__(self, key, item):
        self.data[key] = item

    def __delitem__(self, key):
        del self.data[key]

    def __iter__(self):
        return iter(self.data)

    def __contains__(self, key):
        return key in self.data

    def __repr__(self):
        return repr(self.data)

    def __or__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(self.data | other.data)
        if isinstance(other, dict):
            return self.__class__(self.data | other)
        return NotImplemented

    def __ror__(self, other):
        if isinstance(other, UserDict):
            return self.__class__(other.data | self.data)
        if isinstance(other, dict):
            return self.__class__(other | self.data)
        return NotImplemented

    def __ior__(self, other):
        if isinstance(other, UserDict):
            self.data |= other.data
        else:
            self.data |= other
        return self

    def __copy__(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        inst.__dict__["data"] = self.__dict__["data"].copy()
        return inst

    def copy(self):
        if self.__class__ is UserDict:
            return UserDict(self.data.copy())
        return self.__copy__()

    @classmethod
    def fromkeys(cls, iterable, value=None):
        d = cls()
        for key in iterable:
            d[key] = value
        return d


# ------------------------------------------------------------- UserList

class UserList(MutableSequence):
    """A more or less complete user-defined wrapper around list objects."""

    def __init__(self, initlist=None):
        self.data = []
        if initlist is not None:
            if type(initlist) == type(self.data):
                self.data[:] = initlist
            elif isinstance(initlist, UserList):
                self.data[:] = initlist.data[:]
            else:
                self.data = list(initlist)

    def __repr__(self):
        return repr(self.data)

    def __lt__(self, other):
        return self.data < self.__cast(other)

    def __le__(self, other):
        return self.data <= self.__cast(other)

    def __eq__(self, other):
        return self.data == self.__cast(other)

    def __gt__(self, other):
        return self.data > self.__cast(other)

    def __ge__(self, other):
        return self.data >= self.__cast(other)

    def __cast(self, other):
        return other.data if isinstance(other, UserList) else other

    def __contains__(self, item):
        return item in self.data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.__class__(self.data[i])
        return self.data[i]

    def __setitem__(self, i, item):
        self.data[i] = item

    def __delitem__(self, i):
        del self.data[i]

    def __add__(self, other):
        if isinstance(other, UserList):
            return self.__class__(self.data + other.data)
        if isinstance(other, type(self.data)):
            return self.__class__(self.data + other)
        return self.__class__(self.data + list(other))

    def __radd__(self, other):
        if isinstance(other, UserList):
            return self.__class__(other.data + self.data)
        if isinstance(other, type(self.data)):
            return self.__class__(other + self.data)
        return self.__class__(list(other) + self.data)

    def __iadd__(self, other):
        if isinstance(other, UserList):
            self.data += other.data
        elif isinstance(other, type(self.data)):
            self.data += other
        else:
            self.data += list(other)
        return self

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __imul__(self, n):
        self.data *= n
        return self

    def __copy__(self):
        inst = self.__class__.__new__(self.__class__)
        inst.__dict__.update(self.__dict__)
        inst.__dict__["data"] = self.__dict__["data"][:]
        return inst

    def append(self, item):
        self.data.append(item)

    def insert(self, i, item):
        self.data.insert(i, item)

    def pop(self, i=-1):
        return self.data.pop(i)

    def remove(self, item):
        self.data.remove(item)

    def clear(self):
        self.data.clear()

    def copy(self):
        return self.__class__(self)

    def count(self, item):
        return self.data.count(item)

    def index(self, item, *args):
        return self.data.index(item, *args)

    def reverse(self):
        self.data.reverse()

    def sort(self, /, *args, **kwds):
        self.data.sort(*args, **kwds)

    def extend(self, other):
        if isinstance(other, UserList):
            self.data.extend(other.data)
        else:
            self.data.extend(other)


# ----------------------------------------------------------- UserString

class UserString(Sequence):

    def __init__(self, seq):
        if isinstance(seq, str):
            self.data = seq
        elif isinstance(seq, UserString):
            self.data = seq.data[:]
        else:
            self.data = str(seq)

    def __str__(self):
        return str(self.data)

    def __repr__(self):
        return repr(self.data)

    def __int__(self):
        return int(self.data)

    def __float__(self):
        return float(self.data)

    def __hash__(self):
        return hash(self.data)

    def __getnewargs__(self):
        return (self.data[:],)

    def __eq__(self, string):
        if isinstance(string, UserString):
            return self.data == string.data
        return self.data == string

    def __lt__(self, string):
        if isinstance(string, UserString):
            return self.data < string.data
        return self.data < string

    def __le__(self, string):
        if isinstance(string, UserString):
            return self.data <= string.data
        return self.data <= string

    def __gt__(self, string):
        if isinstance(string, UserString):
            return self.data > string.data
        return self.data > string

    def __ge__(self, string):
        if isinstance(string, UserString):
            return self.data >= string.data
        return self.data >= string

    def __contains__(self, char):
        if isinstance(char, UserString):
            char = char.data
        return char in self.data

    def __len__(self):
        return len(self.data)

    def __getitem__(self, index):
        return self.__class__(self.data[index])

    def __add__(self, other):
        if isinstance(other, UserString):
            return self.__class__(self.data + other.data)
        if isinstance(other, str):
            return self.__class__(self.data + other)
        return self.__class__(self.data + str(other))

    def __radd__(self, other):
        if isinstance(other, str):
            return self.__class__(other + self.data)
        return self.__class__(str(other) + self.data)

    def __mul__(self, n):
        return self.__class__(self.data * n)

    __rmul__ = __mul__

    def __mod__(self, args):
        return self.__class__(self.data % args)

    def __rmod__(self, template):
        return self.__class__(str(template) % self)


def _string_method(name):
    def method(self, *args, **kwargs):
        args = [a.data if isinstance(a, UserString) else a for a in args]
        result = getattr(self.data, name)(*args, **kwargs)
        if isinstance(result, str):
            return self.__class__(result)
        return result
    method.__name__ = name
    method.__qualname__ = f"UserString.{name}"
    return method


# The str methods UserString delegates; str results come back wrapped.
for _name in ("capitalize", "casefold", "center", "count", "endswith",
              "expandtabs", "find", "format", "format_map", "index",
              "isalpha", "isalnum", "isascii", "isdecimal", "isdigit",
              "isidentifier", "islower", "isnumeric", "isprintable",
              "isspace", "istitle", "isupper", "join", "ljust", "lower",
              "lstrip", "partition", "removeprefix", "removesuffix",
              "replace", "rfind", "rindex", "rjust", "rpartition",
              "rsplit", "rstrip", "split", "splitlines", "startswith",
              "strip", "swapcase", "title", "translate", "upper", "zfill"):
    setattr(UserString, _name, _string_method(_name))
del _name
