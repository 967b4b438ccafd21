"""Regular expressions, as CPython 3.11's re module.

The engine is native (_sre, over ouro_algo::sre); this module holds the
public API as CPython's Lib/re/__init__.py does: the flags, re.error, the
pattern cache, and the Pattern and Match classes. Loops over matches
(findall, finditer, split, sub) run inside _sre.
"""

import _sre
from types import GenericAlias as _GenericAlias, MappingProxyType as _mappingproxy

__all__ = [
    "match", "fullmatch", "search", "sub", "subn", "split",
    "findall", "finditer", "compile", "purge", "template", "escape",
    "error", "Pattern", "Match", "A", "I", "L", "M", "S", "X", "U",
    "ASCII", "IGNORECASE", "LOCALE", "MULTILINE", "DOTALL", "VERBOSE",
    "UNICODE", "NOFLAG", "RegexFlag",
]

__version__ = "2.2.1"

_MAXSIZE = 9223372036854775807

# RegexFlag's members in definition order (the order of composite reprs).
_FLAG_MEMBERS = (
    ("ASCII", 256), ("IGNORECASE", 2), ("LOCALE", 4), ("UNICODE", 32),
    ("MULTILINE", 8), ("DOTALL", 16), ("VERBOSE", 64), ("TEMPLATE", 1),
    ("DEBUG", 128),
)
_FLAG_MASK = 511


class RegexFlag(int):
    """The re flags: an int whose repr names them (re.IGNORECASE|re.MULTILINE)."""

    def __new__(cls, value):
        return int.__new__(cls, value)

    @property
    def value(self):
        return int(self)

    @property
    def name(self):
        v = int(self)
        if v == 0:
            return "NOFLAG"
        names = [n for n, bit in _FLAG_MEMBERS if v & bit]
        return "|".join(names) if names else None

    def __repr__(self):
        v = int(self)
        if v == 0:
            return "re.NOFLAG"
        parts = ["re." + n for n, bit in _FLAG_MEMBERS if v & bit]
        if v & ~_FLAG_MASK:
            parts.append(hex(v & ~_FLAG_MASK))
        return "|".join(parts)

    __str__ = __repr__

    def __format__(self, spec):
        if spec:
            return format(int(self), spec)
        return repr(self)

    def __or__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) | int(other))

    __ror__ = __or__

    def __and__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) & int(other))

    __rand__ = __and__

    def __xor__(self, other):
        if not isinstance(other, int):
            return NotImplemented
        return RegexFlag(int(self) ^ int(other))

    __rxor__ = __xor__

    def __invert__(self):
        return RegexFlag(_FLAG_MASK & ~int(self))


NOFLAG = RegexFlag(0)
A = ASCII = RegexFlag(256)
I = IGNORECASE = RegexFlag(2)
L = LOCALE = RegexFlag(4)
U = UNICODE = RegexFlag(32)
M = MULTILINE = RegexFlag(8)
S = DOTALL = RegexFlag(16)
X = VERBOSE = RegexFlag(64)
T = TEMPLATE = RegexFlag(1)
DEBUG = RegexFlag(128)

# The order of _sre's pattern_repr.
_REPR_FLAGS = (
    ("TEMPLATE", 1), ("IGNORECASE", 2), ("LOCALE", 4), ("MULTILINE", 8),
    ("DOTALL", 16), ("UNICODE", 32), ("VERBOSE", 64), ("DEBUG", 128),
    ("ASCII", 256),
)


class error(Exception):
    """Exception raised for invalid regular expressions."""

    def __init__(self, msg, pattern=None, pos=None):
        self.msg = msg
        self.pattern = pattern
        self.pos = pos
        if pattern is not None and pos is not None:
            msg = "%s at position %d" % (msg, pos)
            newline = "\n" if isinstance(pattern, str) else b"\n"
            self.lineno = pattern.count(newline, 0, pos) + 1
            self.colno = pos - pattern.rfind(newline, 0, pos)
            if newline in pattern:
                msg = "%s (line %d, column %d)" % (msg, self.lineno, self.colno)
        else:
            self.lineno = self.colno = None
        super().__init__(msg)


_new = object.__new__


def _new_match(pattern, string, regs):
    m = _new(Match)
    m.re = pattern
    m.string = string
    m._regs = regs
    return m


def _check_error(result, source):
    if type(result) is tuple and len(result) == 2:
        pos = result[1]
        raise error(result[0], None if pos is None else source, pos)
    return result


class Pattern:
    """A compiled regular expression."""

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 're.Pattern' instances")

    def match(self, string, pos=0, endpos=_MAXSIZE):
        regs = _sre.search(self._code, string, pos, endpos, 0)
        return None if regs is None else _new_match(self, string, regs)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        regs = _sre.search(self._code, string, pos, endpos, 1)
        return None if regs is None else _new_match(self, string, regs)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        regs = _sre.search(self._code, string, pos, endpos, 2)
        return None if regs is None else _new_match(self, string, regs)

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        return _sre.findall(self._code, string, pos, endpos)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        return iter([_new_match(self, string, r)
                     for r in _sre.scan(self._code, string, pos, endpos)])

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        return _Scanner(self, string, pos, endpos)

    def split(self, string, maxsplit=0):
        return _sre.split(self._code, string, maxsplit)

    def _subx(self, repl, string, count):
        if callable(repl):
            def call(regs):
                return repl(_new_match(self, string, regs))
            return _sre.sub(self._code, string, count, None, call)
        if isinstance(repl, str) and "\\" not in repl:
            return _sre.sub(self._code, string, count, [repl], None)
        template = _check_error(_sre.template(self._code, repl), repl)
        return _sre.sub(self._code, string, count, template, None)

    def sub(self, repl, string, count=0):
        return self._subx(repl, string, count)[0]

    def subn(self, repl, string, count=0):
        return self._subx(repl, string, count)

    def __repr__(self):
        flags = self.flags
        if isinstance(self.pattern, str) and flags & 292 == 32:
            flags &= ~32
        names = []
        for name, bit in _REPR_FLAGS:
            if flags & bit:
                names.append("re." + name)
                flags &= ~bit
        if flags:
            names.append(hex(flags))
        r = repr(self.pattern)[:200]
        if names:
            return "re.compile(%s, %s)" % (r, "|".join(names))
        return "re.compile(%s)" % r

    def __eq__(self, other):
        if not isinstance(other, Pattern):
            return NotImplemented
        return (self.flags == other.flags and type(self.pattern) is type(other.pattern)
                and self.pattern == other.pattern)

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class Match:
    """The result of a successful match."""

    def __new__(cls, *args, **kwargs):
        raise TypeError("cannot create 're.Match' instances")

    @property
    def pos(self):
        return self._regs[1]

    @property
    def endpos(self):
        return self._regs[2]

    @property
    def lastindex(self):
        i = self._regs[0]
        return None if i < 0 else i

    @property
    def lastgroup(self):
        i = self._regs[0]
        for name, g in self.re.groupindex.items():
            if g == i:
                return name
        return None

    @property
    def regs(self):
        r = self._regs
        return tuple([(r[k], r[k + 1]) for k in range(3, len(r), 2)])

    def _index(self, g):
        if isinstance(g, int):
            if 0 <= g <= self.re.groups:
                return g
        elif isinstance(g, (str, bytes)) or g.__hash__ is not None:
            i = self.re.groupindex.get(g)
            if i is not None:
                return i
        raise IndexError("no such group")

    def _get(self, g, default=None):
        k = 3 + 2 * self._index(g)
        a = self._regs[k]
        if a < 0:
            return default
        s = self.string[a:self._regs[k + 1]]
        return bytes(s) if type(s) is bytearray or type(s) is memoryview else s

    def group(self, *args):
        if not args:
            return self._get(0)
        if len(args) == 1:
            return self._get(args[0])
        return tuple([self._get(g) for g in args])

    def __getitem__(self, g):
        return self._get(g)

    def groups(self, default=None):
        return tuple([self._get(g, default) for g in range(1, self.re.groups + 1)])

    def groupdict(self, default=None):
        return {name: self._get(g, default) for name, g in self.re.groupindex.items()}

    def start(self, group=0):
        return self._regs[3 + 2 * self._index(group)]

    def end(self, group=0):
        return self._regs[4 + 2 * self._index(group)]

    def span(self, group=0):
        k = 3 + 2 * self._index(group)
        return (self._regs[k], self._regs[k + 1])

    def expand(self, template):
        pieces = _check_error(_sre.template(self.re._code, template), template)
        empty = self.string[:0]
        if type(empty) is memoryview:
            empty = b''
        return empty.join([p if not isinstance(p, int) else self._get(p, empty)
                           for p in pieces])

    def __repr__(self):
        return "<re.Match object; span=(%d, %d), match=%s>" % (
            self._regs[3], self._regs[4], repr(self._get(0))[:50])

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


class _Scanner:
    """Successive matches of a pattern, as CPython's _sre.SRE_Scanner."""

    def __init__(self, pattern, string, pos, endpos):
        self.pattern = pattern
        self._string = string
        self._pos = pos
        self._endpos = endpos
        self._advance = False
        self._done = False

    def _next(self, mode):
        if self._done:
            return None
        regs = _sre.search(self.pattern._code, self._string, self._pos,
                           self._endpos, mode, self._advance)
        if regs is None:
            self._done = True
            return None
        self._advance = regs[3] == regs[4]
        self._pos = regs[4]
        return _new_match(self.pattern, self._string, regs)

    def match(self):
        return self._next(0)

    def search(self):
        return self._next(2)


_Scanner.__name__ = _Scanner.__qualname__ = "SRE_Scanner"
_Scanner.__module__ = "_sre"

for _cls in (Pattern, Match):
    _cls.__module__ = "re"
    _cls.__class_getitem__ = classmethod(_GenericAlias)
del _cls

# --------------------------------------------------------------- the cache

_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(flags, RegexFlag):
        flags = flags.value
    try:
        return _cache[type(pattern), pattern, flags]
    except KeyError:
        pass
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError("cannot process flags argument with a compiled pattern")
        return pattern
    if not isinstance(pattern, (str, bytes)):
        raise TypeError("first argument must be string or compiled pattern")
    result = _check_error(_sre.compile(pattern, flags), pattern)
    p = _new(Pattern)
    p._code, p.flags, p.groups, names = result
    p.pattern = pattern
    p.groupindex = _mappingproxy(dict(names))
    if not flags & DEBUG:
        if len(_cache) >= _MAXCACHE:
            try:
                del _cache[next(iter(_cache))]
            except (StopIteration, RuntimeError, KeyError):
                pass
        _cache[type(pattern), pattern, flags] = p
    return p


def compile(pattern, flags=0):
    "Compile a regular expression pattern, returning a Pattern object."
    return _compile(pattern, flags)


def purge():
    "Clear the regular expression caches"
    _cache.clear()


def match(pattern, string, flags=0):
    """Try to apply the pattern at the start of the string, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    """Try to apply the pattern to all of the string, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    """Scan through string looking for a match to the pattern, returning
    a Match object, or None if no match was found."""
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    """Return the string obtained by replacing the leftmost
    non-overlapping occurrences of the pattern in string by the
    replacement repl."""
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    """Return a 2-tuple containing (new_string, number)."""
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    """Split the source string by the occurrences of the pattern,
    returning a list containing the resulting substrings."""
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    """Return a list of all non-overlapping matches in the string."""
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    """Return an iterator over all non-overlapping matches in the
    string.  For each match, the iterator returns a Match object."""
    return _compile(pattern, flags).finditer(string)


def template(pattern, flags=0):
    "Compile a template pattern, returning a Pattern object, deprecated"
    return _compile(pattern, flags | T)


_special_chars_map = {i: "\\" + chr(i) for i in b"()[]{}?*+-|^$\\.&~# \t\n\r\v\f"}
_special_chars = {chr(i): s for i, s in _special_chars_map.items()}


def escape(pattern):
    """Escape special characters in a string."""
    if isinstance(pattern, str):
        return "".join([_special_chars.get(c, c) for c in pattern])
    s = str(pattern, "latin1")
    return "".join([_special_chars.get(c, c) for c in s]).encode("latin1")
