"""Functions to convert between Python values and C structs (ouro's frozen
struct: the native core is _struct; Struct is a class over it)."""

__all__ = [
    'calcsize', 'pack', 'pack_into', 'unpack', 'unpack_from',
    'iter_unpack', 'Struct', 'error',
]

from _struct import (
    calcsize, pack, pack_into, unpack, unpack_from, iter_unpack, error, _format,
)


class Struct:
    """Struct(fmt) --> compiled struct object"""

    __slots__ = ('_fmt', 'format', 'size')

    def __init__(self, format):
        self.format = _format(format)
        self._fmt = format
        self.size = calcsize(format)

    def pack(self, *values):
        return pack(self._fmt, *values)

    def pack_into(self, buffer, offset, *values):
        return pack_into(self._fmt, buffer, offset, *values)

    def unpack(self, buffer):
        return unpack(self._fmt, buffer)

    def unpack_from(self, buffer, offset=0):
        return unpack_from(self._fmt, buffer, offset)

    def iter_unpack(self, buffer):
        return iter_unpack(self._fmt, buffer)


Struct.__module__ = '_struct'
