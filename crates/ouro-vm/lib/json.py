"""JSON (JavaScript Object Notation) encoder and decoder.

ouro's `json`, written for ouro after CPython 3.11's documented
behaviour: dumps/dump with indent, sort_keys, separators, default,
ensure_ascii, allow_nan, skipkeys, check_circular; loads/load with the
hooks and parse_* functions; JSONDecodeError (in `json.decoder`) with
CPython's messages and positions. Differences: no `cls` encoders written
against CPython's private `iterencode` internals beyond `default` and
`encode`; no bytes input.
"""

__all__ = ["dump", "dumps", "load", "loads", "JSONDecoder",
           "JSONDecodeError", "JSONEncoder"]

_INFINITY = float("inf")


class JSONDecodeError(ValueError):
    """Subclass of ValueError with the following additional properties:

    msg: The unformatted error message
    doc: The JSON document being parsed
    pos: The start index of doc where parsing failed
    lineno: The line corresponding to pos
    colno: The column corresponding to pos
    """

    def __init__(self, msg, doc, pos):
        lineno = doc.count("\n", 0, pos) + 1
        colno = pos - doc.rfind("\n", 0, pos)
        errmsg = f"{msg}: line {lineno} column {colno} (char {pos})"
        ValueError.__init__(self, errmsg)
        self.msg = msg
        self.doc = doc
        self.pos = pos
        self.lineno = lineno
        self.colno = colno

    def __reduce__(self):
        return self.__class__, (self.msg, self.doc, self.pos)


JSONDecodeError.__module__ = "json.decoder"

_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t",
            "\b": "\\b", "\f": "\\f"}


def _encode_str(s, ensure_ascii):
    out = ['"']
    for ch in s:
        e = _ESCAPES.get(ch)
        if e is not None:
            out.append(e)
            continue
        n = ord(ch)
        if n < 0x20 or (ensure_ascii and n > 0x7e):
            if n > 0xFFFF:
                n -= 0x10000
                out.append("\\u%04x\\u%04x" % (0xD800 | (n >> 10), 0xDC00 | (n & 0x3FF)))
            else:
                out.append("\\u%04x" % n)
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


class JSONEncoder:
    """Extensible JSON <https://json.org> encoder for Python data
    structures.
    """

    item_separator = ", "
    key_separator = ": "

    def __init__(self, *, skipkeys=False, ensure_ascii=True,
                 check_circular=True, allow_nan=True, sort_keys=False,
                 indent=None, separators=None, default=None):
        self.skipkeys = skipkeys
        self.ensure_ascii = ensure_ascii
        self.check_circular = check_circular
        self.allow_nan = allow_nan
        self.sort_keys = sort_keys
        self.indent = indent
        if separators is not None:
            self.item_separator, self.key_separator = separators
        elif indent is not None:
            self.item_separator = ","
        if default is not None:
            self.default = default

    def default(self, o):
        """Return a serializable object for `o`, or raise a TypeError."""
        raise TypeError(f"Object of type {o.__class__.__name__} "
                        f"is not JSON serializable")

    def encode(self, o):
        """Return a JSON string representation of a Python data
        structure.
        """
        if isinstance(o, str):
            return _encode_str(o, self.ensure_ascii)
        return "".join(self.iterencode(o))

    def iterencode(self, o, _one_shot=False):
        """Encode the given object and yield each string representation as
        available.
        """
        out = []
        indent = self.indent
        if indent is not None and not isinstance(indent, str):
            indent = " " * indent
        self._encode(o, out, {} if self.check_circular else None, indent, 0)
        return out

    def _float(self, o):
        if o != o:
            text = "NaN"
        elif o == _INFINITY:
            text = "Infinity"
        elif o == -_INFINITY:
            text = "-Infinity"
        else:
            return repr(float(o))
        if not self.allow_nan:
            raise ValueError("Out of range float values are not JSON compliant")
        return text

    def _encode(self, o, out, markers, indent, level):
        if o is None:
            out.append("null")
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, str):
            out.append(_encode_str(o, self.ensure_ascii))
        elif isinstance(o, int):
            out.append(repr(int(o)))
        elif isinstance(o, float):
            out.append(self._float(o))
        elif isinstance(o, (list, tuple)):
            self._encode_list(o, out, markers, indent, level)
        elif isinstance(o, dict):
            self._encode_dict(o, out, markers, indent, level)
        else:
            key = self._mark(o, markers)
            self._encode(self.default(o), out, markers, indent, level)
            if key is not None:
                del markers[key]

    def _mark(self, o, markers):
        if markers is None:
            return None
        key = id(o)
        if key in markers:
            raise ValueError("Circular reference detected")
        markers[key] = o
        return key

    def _open(self, out, bracket, indent, level):
        out.append(bracket)
        if indent is None:
            return self.item_separator
        newline = "\n" + indent * (level + 1)
        out.append(newline)
        return self.item_separator + newline

    def _close(self, out, bracket, indent, level):
        if indent is not None:
            out.append("\n" + indent * level)
        out.append(bracket)

    def _encode_list(self, o, out, markers, indent, level):
        if not o:
            out.append("[]")
            return
        key = self._mark(o, markers)
        sep = self._open(out, "[", indent, level)
        first = True
        for item in o:
            if not first:
                out.append(sep)
            first = False
            self._encode(item, out, markers, indent, level + 1)
        self._close(out, "]", indent, level)
        if key is not None:
            del markers[key]

    def _encode_dict(self, o, out, markers, indent, level):
        if not o:
            out.append("{}")
            return
        key = self._mark(o, markers)
        sep = self._open(out, "{", indent, level)
        items = sorted(o.items()) if self.sort_keys else o.items()
        first = True
        for k, v in items:
            if isinstance(k, str):
                pass
            elif isinstance(k, float):
                k = self._float(k)
            elif k is True:
                k = "true"
            elif k is False:
                k = "false"
            elif k is None:
                k = "null"
            elif isinstance(k, int):
                k = repr(int(k))
            elif self.skipkeys:
                continue
            else:
                raise TypeError(f"keys must be str, int, float, bool or None, "
                                f"not {k.__class__.__name__}")
            if not first:
                out.append(sep)
            first = False
            out.append(_encode_str(k, self.ensure_ascii))
            out.append(self.key_separator)
            self._encode(v, out, markers, indent, level + 1)
        self._close(out, "}", indent, level)
        if key is not None:
            del markers[key]


_WS = " \t\n\r"
_BACKSLASH = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f",
              "n": "\n", "r": "\r", "t": "\t"}
_CONSTANTS = {"NaN": float("nan"), "Infinity": _INFINITY, "-Infinity": -_INFINITY}


class JSONDecoder:
    """Simple JSON <https://json.org> decoder."""

    def __init__(self, *, object_hook=None, parse_float=None, parse_int=None,
                 parse_constant=None, strict=True, object_pairs_hook=None):
        self.object_hook = object_hook
        self.parse_float = parse_float or float
        self.parse_int = parse_int or int
        self.parse_constant = parse_constant or _CONSTANTS.__getitem__
        self.strict = strict
        self.object_pairs_hook = object_pairs_hook

    def decode(self, s):
        """Return the Python representation of `s` (a str instance
        containing a JSON document).
        """
        obj, end = self.raw_decode(s, self._skip(s, 0))
        end = self._skip(s, end)
        if end != len(s):
            raise JSONDecodeError("Extra data", s, end)
        return obj

    def raw_decode(self, s, idx=0):
        """Decode a JSON document from `s` (a str beginning with a JSON
        document) and return a 2-tuple of the Python representation and the
        index in `s` where the document ended.
        """
        return self._value(s, idx)

    @staticmethod
    def _skip(s, i):
        n = len(s)
        while i < n and s[i] in _WS:
            i += 1
        return i

    def _value(self, s, i):
        if i >= len(s):
            raise JSONDecodeError("Expecting value", s, i)
        c = s[i]
        if c == '"':
            return self._string(s, i + 1)
        if c == "{":
            return self._object(s, i + 1)
        if c == "[":
            return self._array(s, i + 1)
        if c == "n" and s.startswith("null", i):
            return None, i + 4
        if c == "t" and s.startswith("true", i):
            return True, i + 4
        if c == "f" and s.startswith("false", i):
            return False, i + 5
        if c == "N" and s.startswith("NaN", i):
            return self.parse_constant("NaN"), i + 3
        if c == "I" and s.startswith("Infinity", i):
            return self.parse_constant("Infinity"), i + 8
        if c == "-" and s.startswith("-Infinity", i):
            return self.parse_constant("-Infinity"), i + 9
        return self._number(s, i)

    def _number(self, s, i):
        n = len(s)
        start = i
        if i < n and s[i] == "-":
            i += 1
        if i < n and s[i] == "0":
            i += 1
        elif i < n and "1" <= s[i] <= "9":
            while i < n and s[i].isdigit() and s[i].isascii():
                i += 1
        else:
            raise JSONDecodeError("Expecting value", s, start)
        is_float = False
        if i + 1 < n and s[i] == "." and s[i + 1].isdigit() and s[i + 1].isascii():
            is_float = True
            i += 2
            while i < n and s[i].isdigit() and s[i].isascii():
                i += 1
        if i < n and s[i] in "eE":
            j = i + 1
            if j < n and s[j] in "+-":
                j += 1
            if j < n and s[j].isdigit() and s[j].isascii():
                while j < n and s[j].isdigit() and s[j].isascii():
                    j += 1
                is_float = True
                i = j
        text = s[start:i]
        if is_float:
            return self.parse_float(text), i
        return self.parse_int(text), i

    def _string(self, s, i):
        begin = i - 1
        n = len(s)
        chunks = []
        while True:
            j = i
            while j < n and s[j] != '"' and s[j] != "\\" and (s[j] >= " " or not self.strict):
                j += 1
            chunks.append(s[i:j])
            if j >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            c = s[j]
            if c == '"':
                return "".join(chunks), j + 1
            if c != "\\":
                raise JSONDecodeError("Invalid control character at", s, j)
            if j + 1 >= n:
                raise JSONDecodeError("Unterminated string starting at", s, begin)
            esc = s[j + 1]
            if esc != "u":
                ch = _BACKSLASH.get(esc)
                if ch is None:
                    raise JSONDecodeError("Invalid \\escape", s, j)
                chunks.append(ch)
                i = j + 2
                continue
            uni = self._hex4(s, j + 2, j + 1)
            i = j + 6
            if 0xD800 <= uni <= 0xDBFF and s[i:i + 2] == "\\u":
                uni2 = self._hex4(s, i + 2, i + 1)
                if 0xDC00 <= uni2 <= 0xDFFF:
                    uni = 0x10000 + (((uni - 0xD800) << 10) | (uni2 - 0xDC00))
                    i += 6
            chunks.append(chr(uni))

    @staticmethod
    def _hex4(s, i, esc):
        digits = s[i:i + 4]
        if len(digits) == 4 and all(c in "0123456789abcdefABCDEF" for c in digits):
            return int(digits, 16)
        raise JSONDecodeError("Invalid \\uXXXX escape", s, esc)

    def _object(self, s, i):
        pairs = []
        i = self._skip(s, i)
        if i < len(s) and s[i] == "}":
            return self._finish_object(pairs), i + 1
        while True:
            if i >= len(s) or s[i] != '"':
                raise JSONDecodeError(
                    "Expecting property name enclosed in double quotes", s, i)
            key, i = self._string(s, i + 1)
            i = self._skip(s, i)
            if i >= len(s) or s[i] != ":":
                raise JSONDecodeError("Expecting ':' delimiter", s, i)
            i = self._skip(s, i + 1)
            value, i = self._value(s, i)
            pairs.append((key, value))
            i = self._skip(s, i)
            if i < len(s) and s[i] == "}":
                return self._finish_object(pairs), i + 1
            if i >= len(s) or s[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self._skip(s, i + 1)

    def _finish_object(self, pairs):
        if self.object_pairs_hook is not None:
            return self.object_pairs_hook(pairs)
        obj = dict(pairs)
        if self.object_hook is not None:
            return self.object_hook(obj)
        return obj

    def _array(self, s, i):
        values = []
        i = self._skip(s, i)
        if i < len(s) and s[i] == "]":
            return values, i + 1
        while True:
            value, i = self._value(s, i)
            values.append(value)
            i = self._skip(s, i)
            if i < len(s) and s[i] == "]":
                return values, i + 1
            if i >= len(s) or s[i] != ",":
                raise JSONDecodeError("Expecting ',' delimiter", s, i)
            i = self._skip(s, i + 1)


def dumps(obj, *, skipkeys=False, ensure_ascii=True, check_circular=True,
          allow_nan=True, cls=None, indent=None, separators=None,
          default=None, sort_keys=False, **kw):
    """Serialize ``obj`` to a JSON formatted ``str``."""
    if cls is None:
        cls = JSONEncoder
    return cls(skipkeys=skipkeys, ensure_ascii=ensure_ascii,
               check_circular=check_circular, allow_nan=allow_nan,
               indent=indent, separators=separators, default=default,
               sort_keys=sort_keys, **kw).encode(obj)


def dump(obj, fp, **kw):
    """Serialize ``obj`` as a JSON formatted stream to ``fp`` (a
    ``.write()``-supporting file-like object).
    """
    fp.write(dumps(obj, **kw))


def loads(s, *, cls=None, object_hook=None, parse_float=None,
          parse_int=None, parse_constant=None, object_pairs_hook=None, **kw):
    """Deserialize ``s`` (a ``str`` instance containing a JSON document)
    to a Python object.
    """
    if not isinstance(s, str):
        raise TypeError(f"the JSON object must be str, bytes or bytearray, "
                        f"not {s.__class__.__name__}")
    if s.startswith("\ufeff"):
        raise JSONDecodeError("Unexpected UTF-8 BOM (decode using utf-8-sig)", s, 0)
    if cls is None:
        cls = JSONDecoder
    return cls(object_hook=object_hook, parse_float=parse_float,
               parse_int=parse_int, parse_constant=parse_constant,
               object_pairs_hook=object_pairs_hook, **kw).decode(s)


def load(fp, **kw):
    """Deserialize ``fp`` (a ``.read()``-supporting file-like object
    containing a JSON document) to a Python object.
    """
    return loads(fp.read(), **kw)


import json.decoder  # noqa: E402  (makes json.decoder an attribute)
