"""Generic (shallow and deep) copying operations.

ouro's `copy` module. Builtin containers are copied directly; instances of
classes follow CPython's protocol in its order: `__copy__`/`__deepcopy__`,
then a class's own `__reduce_ex__`/`__reduce__`, then the default that
CPython's `object.__reduce_ex__(4)` gives: a new object of the same class
(`cls.__new__(cls)`, or with the builtin base's value for int/str/...
subclasses) whose state is the `__dict__` and slot values (or what
`__getstate__` returns, given to `__setstate__` if defined), plus the items
of list and dict subclasses.
"""

__all__ = ["Error", "copy", "deepcopy"]


class Error(Exception):
    pass


error = Error


def _function():
    pass


class _Class:
    def method(self):
        pass


# Objects that are their own copy, shallow or deep.
_ATOMIC = frozenset([type(None), int, float, bool, str, type, range,
                     type(Ellipsis), type(NotImplemented), type(_function),
                     type(len), type(_Class().method), property])
_SHALLOW_IMMUTABLE = _ATOMIC | frozenset([tuple, frozenset, slice])
try:
    import weakref as _weakref
except ImportError:
    pass
else:
    _ATOMIC = _ATOMIC | frozenset([_weakref.ref])
    _SHALLOW_IMMUTABLE = _SHALLOW_IMMUTABLE | frozenset([_weakref.ref])
del _function, _Class


def copy(x):
    """Shallow copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    cls = type(x)
    if cls in _SHALLOW_IMMUTABLE or issubclass(cls, type):
        return x
    if cls is list or cls is dict or cls is set:
        return x.copy()
    copier = getattr(cls, '__copy__', None)
    if copier is not None:
        return copier(x)
    rv = _reduce(x, cls)
    if isinstance(rv, str):
        return x
    return _reconstruct(x, None, *rv)


def deepcopy(x, memo=None, _nil=[]):
    """Deep copy operation on arbitrary Python objects.

    See the module's __doc__ string for more info.
    """
    if memo is None:
        memo = {}
    d = id(x)
    y = memo.get(d, _nil)
    if y is not _nil:
        return y
    cls = type(x)
    if cls in _ATOMIC or issubclass(cls, type):
        y = x
    elif cls is list:
        y = []
        memo[d] = y
        for item in x:
            y.append(deepcopy(item, memo))
    elif cls is dict:
        y = {}
        memo[d] = y
        for key, value in x.items():
            y[deepcopy(key, memo)] = deepcopy(value, memo)
    elif cls is tuple:
        y = _deepcopy_tuple(x, memo, d)
    elif cls is set or cls is frozenset:
        y = cls([deepcopy(item, memo) for item in x])
    elif cls is slice:
        y = slice(deepcopy(x.start, memo), deepcopy(x.stop, memo),
                  deepcopy(x.step, memo))
    else:
        copier = getattr(x, '__deepcopy__', None)
        if copier is not None:
            y = copier(memo)
        else:
            rv = _reduce(x, cls)
            if isinstance(rv, str):
                y = x
            else:
                y = _reconstruct(x, memo, *rv)
    if y is not x:
        memo[d] = y
        _keep_alive(x, memo)
    return y


def _deepcopy_tuple(x, memo, d):
    y = [deepcopy(item, memo) for item in x]
    # A tuple in a cycle may have been copied while copying its items.
    try:
        return memo[d]
    except KeyError:
        pass
    for old, new in zip(x, y):
        if old is not new:
            return tuple(y)
    return x


def _keep_alive(x, memo):
    # Keeps the originals alive while the memo is in use, so that their ids
    # are not reused (as CPython's copy does).
    try:
        memo[id(memo)].append(x)
    except KeyError:
        memo[id(memo)] = [x]


# The builtin types whose subclasses' values are passed to __new__.
_VALUE_BASES = (int, float, str, tuple, frozenset)


def _reduce(x, cls):
    # A class's own __reduce_ex__/__reduce__, else the default reduction.
    reductor = getattr(cls, '__reduce_ex__', None)
    if reductor is not None:
        return reductor(x, 4)
    reductor = getattr(cls, '__reduce__', None)
    if reductor is not None:
        return reductor(x)
    if cls.__module__ == 'builtins':
        raise TypeError(f"cannot pickle '{cls.__name__}' object")
    args = ()
    for base in cls.__mro__:
        if base in _VALUE_BASES:
            args = (base(x),)
            break
    getstate = getattr(cls, '__getstate__', None)
    if getstate is not None:
        state = getstate(x)
    else:
        state = _default_state(x, cls)
    listitems = iter(x) if isinstance(x, list) else None
    dictitems = iter(x.items()) if isinstance(x, dict) else None
    return _new_object, (cls,) + args, state, listitems, dictitems


def _new_object(cls, *args):
    return cls.__new__(cls, *args)


def _default_state(x, cls):
    # CPython's object.__getstate__: the __dict__ (None if empty or absent),
    # paired with a dict of the set slots when the class has slots.
    try:
        state = x.__dict__
    except AttributeError:
        state = None
    else:
        if not state:
            state = None
    slots = {}
    for klass in cls.__mro__:
        names = klass.__dict__.get('__slots__', ())
        if isinstance(names, str):
            names = (names,)
        for name in names:
            if name in ('__dict__', '__weakref__'):
                continue
            if name.startswith('__') and not name.endswith('__'):
                stripped = klass.__name__.lstrip('_')
                if stripped:
                    name = f'_{stripped}{name}'
            try:
                slots[name] = getattr(x, name)
            except AttributeError:
                pass
    if slots:
        return state, slots
    return state


def _reconstruct(x, memo, func, args, state=None, listiter=None,
                 dictiter=None):
    deep = memo is not None
    if deep and args:
        args = deepcopy(args, memo)
    y = func(*args)
    if deep:
        memo[id(x)] = y
    if state is not None:
        if deep:
            state = deepcopy(state, memo)
        setstate = getattr(y, '__setstate__', None)
        if setstate is not None:
            setstate(state)
        else:
            slotstate = None
            if isinstance(state, tuple) and len(state) == 2:
                state, slotstate = state
            if state:
                y.__dict__.update(state)
            if slotstate:
                for key, value in slotstate.items():
                    setattr(y, key, value)
    if listiter is not None:
        if deep:
            for item in listiter:
                y.append(deepcopy(item, memo))
        else:
            for item in listiter:
                y.append(item)
    if dictiter is not None:
        if deep:
            for key, value in dictiter:
                y[deepcopy(key, memo)] = deepcopy(value, memo)
        else:
            for key, value in dictiter:
                y[key] = value
    return y
