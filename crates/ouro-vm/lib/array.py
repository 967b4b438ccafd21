"""ouro's frozen array module: array.array keeps its items packed in a
bytearray (memory in ouro's private heap, no Python references per item)
and converts them with the native _struct codes; CPython's checks and
messages are spelled out here."""

from _struct import pack as _pack, unpack_from as _unpack_from

typecodes = 'bBuhHiIlLqQfd'

_SIZES = {'b': 1, 'B': 1, 'u': 4, 'h': 2, 'H': 2, 'i': 4, 'I': 4, 'l': 8,
          'L': 8, 'q': 8, 'Q': 8, 'f': 4, 'd': 8}
# (min, max, "... is greater than maximum" name) for the range-checked codes.
_RANGES = {
    'b': (-128, 127, 'signed char'),
    'B': (0, 255, 'unsigned byte integer'),
    'h': (-32768, 32767, 'signed short integer'),
    'H': (0, 65535, 'unsigned short'),
    'i': (-2**31, 2**31 - 1, 'signed integer'),
}


def _as_index(v):
    t = type(v)
    if isinstance(v, int):
        return int(v)
    if hasattr(t, '__index__'):
        return t.__index__(v)
    raise TypeError("'%s' object cannot be interpreted as an integer" % t.__name__)


def _check(tc, v):
    """The item as the int, float or code point _struct packs."""
    if tc == 'u':
        if type(v) is not str and not isinstance(v, str) or len(v) != 1:
            raise TypeError('array item must be unicode character')
        return ord(v)
    if tc in 'fd':
        if isinstance(v, (int, float)) or hasattr(type(v), '__float__') \
                or hasattr(type(v), '__index__'):
            return float(v)
        raise TypeError('must be real number, not %s' % type(v).__name__)
    n = _as_index(v)
    if tc in _RANGES:
        if not -2**63 <= n < 2**63:
            raise OverflowError('Python int too large to convert to C long')
        lo, hi, name = _RANGES[tc]
        if n > hi:
            raise OverflowError('%s is greater than maximum' % name)
        if n < lo:
            raise OverflowError('%s is less than minimum' % name)
    elif tc == 'l':
        if not -2**63 <= n < 2**63:
            raise OverflowError('Python int too large to convert to C long')
    elif tc in 'IL':
        if n < 0:
            raise OverflowError("can't convert negative value to unsigned int")
        if n >= 2**64:
            raise OverflowError('Python int too large to convert to C unsigned long')
        if tc == 'I' and n >= 2**32:
            raise OverflowError('unsigned int is greater than maximum')
    elif tc == 'q':
        if not -2**63 <= n < 2**63:
            raise OverflowError('int too big to convert')
    elif tc == 'Q':
        if n < 0:
            raise OverflowError("can't convert negative int to unsigned")
        if n >= 2**64:
            raise OverflowError('int too big to convert')
    return n


def _code(tc):
    return 'I' if tc == 'u' else tc


class array:
    """array(typecode [, initializer]) -> array"""

    __slots__ = ('_tc', '_b', '__weakref__')

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError('array() argument 1 must be a unicode character, not %s'
                            % type(typecode).__name__)
        if typecode not in _SIZES:
            raise ValueError('bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)')
        self._tc = typecode
        self._b = bytearray()
        if initializer is None:
            return
        if isinstance(initializer, str):
            if typecode != 'u':
                raise TypeError('cannot use a str to initialize an array with typecode %r'
                                % typecode)
            self.fromunicode(initializer)
        elif isinstance(initializer, array):
            if initializer._tc == 'u' and typecode != 'u':
                raise TypeError('cannot use a unicode array to initialize an array with '
                                'typecode %r' % typecode)
            self.fromlist(initializer.tolist())
        elif isinstance(initializer, (bytes, bytearray)):
            self.frombytes(initializer)
        else:
            self.extend(initializer)

    # -- item access
    @property
    def typecode(self):
        return self._tc

    @property
    def itemsize(self):
        return _SIZES[self._tc]

    def _get(self, i):
        v = _unpack_from(_code(self._tc), self._b, i * _SIZES[self._tc])[0]
        return chr(v) if self._tc == 'u' else v

    def _packed(self, v):
        return _pack(_code(self._tc), _check(self._tc, v))

    def __len__(self):
        return len(self._b) // _SIZES[self._tc]

    def _index(self, i, msg):
        n = len(self)
        i = _as_index(i)
        if i < 0:
            i += n
        if not 0 <= i < n:
            raise IndexError(msg)
        return i

    def __getitem__(self, i):
        if isinstance(i, slice):
            r = array(self._tc)
            s = _SIZES[self._tc]
            for k in range(*i.indices(len(self))):
                r._b += self._b[k * s:(k + 1) * s]
            return r
        if not isinstance(i, int) and not hasattr(type(i), '__index__'):
            raise TypeError('array indices must be integers')
        return self._get(self._index(i, 'array index out of range'))

    def __setitem__(self, i, v):
        s = _SIZES[self._tc]
        if isinstance(i, slice):
            if not isinstance(v, array):
                raise TypeError('can only assign array (not "%s") to array slice'
                                % type(v).__name__)
            if v._tc != self._tc:
                raise TypeError('bad argument type for built-in operation')
            start, stop, step = i.indices(len(self))
            if step == 1:
                if stop < start:
                    stop = start
                self._b[start * s:stop * s] = bytes(v._b)
                return
            ks = range(start, stop, step)
            if len(ks) != len(v):
                raise ValueError('attempt to assign array of size %d to extended slice of size %d'
                                 % (len(v), len(ks)))
            data = bytes(v._b)
            for n, k in enumerate(ks):
                self._b[k * s:(k + 1) * s] = data[n * s:(n + 1) * s]
            return
        k = self._index(i, 'array assignment index out of range')
        self._b[k * s:(k + 1) * s] = self._packed(v)

    def __delitem__(self, i):
        s = _SIZES[self._tc]
        if isinstance(i, slice):
            ks = sorted(range(*i.indices(len(self))), reverse=True)
            for k in ks:
                del self._b[k * s:(k + 1) * s]
            return
        k = self._index(i, 'array assignment index out of range')
        del self._b[k * s:(k + 1) * s]

    def __iter__(self):
        for k in range(len(self)):
            yield self._get(k)

    def __contains__(self, v):
        for x in self:
            if x == v:
                return True
        return False

    # -- methods
    def append(self, v):
        self._b += self._packed(v)

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable._tc != self._tc:
                raise TypeError('can only extend with array of same kind')
            self._b += bytes(iterable._b)
            return
        for v in iterable:
            self.append(v)

    def insert(self, i, v):
        n = len(self)
        i = _as_index(i)
        if i < 0:
            i = max(i + n, 0)
        i = min(i, n)
        s = _SIZES[self._tc]
        self._b[i * s:i * s] = self._packed(v)

    def pop(self, i=-1):
        if not len(self):
            raise IndexError('pop from empty array')
        k = self._index(i, 'pop index out of range')
        v = self._get(k)
        s = _SIZES[self._tc]
        del self._b[k * s:(k + 1) * s]
        return v

    def remove(self, v):
        for k, x in enumerate(self):
            if x == v:
                del self[k]
                return
        raise ValueError('array.remove(x): x not in array')

    def index(self, v, start=0, stop=None):
        n = len(self)
        start, stop, _ = slice(start, stop).indices(n)
        for k in range(start, stop):
            if self._get(k) == v:
                return k
        raise ValueError('array.index(x): x not in array')

    def count(self, v):
        return sum(1 for x in self if x == v)

    def reverse(self):
        s = _SIZES[self._tc]
        items = [bytes(self._b[k * s:(k + 1) * s]) for k in range(len(self))]
        self._b[:] = b''.join(reversed(items))

    def byteswap(self):
        s = _SIZES[self._tc]
        if s == 1:
            return
        b = self._b
        for k in range(0, len(b), s):
            b[k:k + s] = b[k:k + s][::-1]

    def buffer_info(self):
        return (id(self._b), len(self))

    def tobytes(self):
        return bytes(self._b)

    def frombytes(self, buffer):
        data = bytes(buffer)
        if len(data) % _SIZES[self._tc]:
            raise ValueError('bytes length not a multiple of item size')
        self._b += data

    def tolist(self):
        return [self._get(k) for k in range(len(self))]

    def fromlist(self, lst):
        if not isinstance(lst, list):
            raise TypeError('arg must be list')
        data = b''.join(self._packed(v) for v in lst)
        self._b += data

    def tounicode(self):
        if self._tc != 'u':
            raise ValueError('tounicode() may only be called on unicode type arrays')
        return ''.join(self)

    def fromunicode(self, s):
        if self._tc != 'u':
            raise ValueError('fromunicode() may only be called on unicode type arrays')
        if not isinstance(s, str):
            raise TypeError('fromunicode() argument must be str, not %s' % type(s).__name__)
        for c in s:
            self.append(c)

    def __copy__(self):
        return array(self._tc, self)

    def __deepcopy__(self, memo):
        return array(self._tc, self)

    def __reduce_ex__(self, protocol):
        return (array, (self._tc, self.tolist()))

    # -- operators
    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "%s") to array' % type(other).__name__)
        if other._tc != self._tc:
            raise TypeError('bad argument type for built-in operation')
        r = array(self._tc)
        r._b = self._b + other._b
        return r

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not "%s")'
                            % type(other).__name__)
        self.extend(other)
        return self

    def __mul__(self, n):
        if not isinstance(n, int) and not hasattr(type(n), '__index__'):
            return NotImplemented
        r = array(self._tc)
        r._b = self._b * _as_index(n)
        return r

    __rmul__ = __mul__

    def __imul__(self, n):
        if not isinstance(n, int) and not hasattr(type(n), '__index__'):
            return NotImplemented
        self._b *= _as_index(n)
        return self

    def _cmp(self, other, op):
        if not isinstance(other, array):
            return NotImplemented
        return op(self.tolist(), other.tolist())

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

    def __repr__(self):
        name = type(self).__name__
        if not len(self):
            return '%s(%r)' % (name, self._tc)
        if self._tc == 'u':
            return '%s(%r, %r)' % (name, self._tc, self.tounicode())
        return '%s(%r, %r)' % (name, self._tc, self.tolist())

    def __bytes__(self):
        return bytes(self._b)


ArrayType = array
