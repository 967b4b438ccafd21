"""Functional tools for creating and using iterators.

ouro's `itertools` module. Its iterators are native types from
`_itertools` (CPython's `itertoolsmodule.c` algorithms, names, reprs and
argument errors), except `groupby` and `tee`, which are classes here named
as CPython's (`groupby`, `_grouper`, `_tee`). Differences: the iterators
cannot be pickled or copied (`__reduce__`/`__setstate__` are absent), and
argument errors of `groupby` and `tee` are Python's.
"""

__all__ = ['accumulate', 'chain', 'combinations',
           'combinations_with_replacement', 'compress', 'count', 'cycle',
           'dropwhile', 'filterfalse', 'groupby', 'islice', 'pairwise',
           'permutations', 'product', 'repeat', 'starmap', 'takewhile', 'tee',
           'zip_longest']

from _itertools import (accumulate, chain, combinations,
                         combinations_with_replacement, compress, count, cycle,
                         dropwhile, filterfalse, islice, pairwise,
                         permutations, product, repeat, starmap, takewhile,
                         zip_longest)

_marker = object()


class groupby:
    """make an iterator that returns consecutive keys and groups from the iterable

  iterable
    Elements to divide into groups according to the key function.
  key
    A function for computing the group category for each element.
    If the key function is not specified or is None, the element itself
    is used for grouping."""

    def __init__(self, iterable, key=None):
        self._keyfunc = key
        self._it = iter(iterable)
        self._tgtkey = _marker
        self._currkey = _marker
        self._currvalue = _marker
        self._currgrouper = None

    def __iter__(self):
        return self

    def _step(self):
        value = next(self._it)
        key = value if self._keyfunc is None else self._keyfunc(value)
        self._currvalue = value
        self._currkey = key

    def __next__(self):
        self._currgrouper = None
        # Skip the rest of the current group.
        while True:
            if self._currkey is _marker:
                pass
            elif self._tgtkey is _marker:
                break
            elif not (self._tgtkey is self._currkey
                      or self._tgtkey == self._currkey):
                break
            self._step()
        self._tgtkey = self._currkey
        grouper = _grouper(self, self._tgtkey)
        self._currgrouper = grouper
        return self._currkey, grouper


class _grouper:
    def __init__(self, parent, tgtkey):
        self._parent = parent
        self._tgtkey = tgtkey

    def __iter__(self):
        return self

    def __next__(self):
        parent = self._parent
        if parent._currgrouper is not self:
            raise StopIteration
        if parent._currvalue is _marker:
            parent._step()
        if not (self._tgtkey is parent._currkey
                or self._tgtkey == parent._currkey):
            raise StopIteration
        value = parent._currvalue
        parent._currvalue = _marker
        return value


class _TeeLink:
    # One value fetched from the source; `next` is the link after it, None
    # until some tee asks for it.
    __slots__ = ('value', 'next')

    def __init__(self, value):
        self.value = value
        self.next = None


class _TeeSource:
    __slots__ = ('it',)

    def __init__(self, it):
        self.it = it


class _tee:
    """Iterator wrapped to make it copyable."""

    def __init__(self, iterable, /):
        if isinstance(iterable, _tee):
            self._source = iterable._source
            self._link = iterable._link
        else:
            self._source = _TeeSource(iter(iterable))
            self._link = _TeeLink(None)

    def __iter__(self):
        return self

    def __next__(self):
        link = self._link.next
        if link is None:
            link = _TeeLink(next(self._source.it))
            self._link.next = link
        self._link = link
        return link.value

    def __copy__(self):
        return _tee(self)


def tee(iterable, n=2, /):
    """Returns a tuple of n independent iterators."""
    if not isinstance(n, int):
        n = range(n).stop
    if n < 0:
        raise ValueError('n must be >= 0')
    if n == 0:
        return ()
    it = iter(iterable)
    first = it if hasattr(it, '__copy__') else _tee(it)
    result = [first]
    for _ in range(n - 1):
        result.append(first.__copy__())
    return tuple(result)

