"""A collection of string constants and classes.

ouro's `string` module: the constants, capwords, Template and Formatter with
CPython 3.11's behaviour and error messages. ouro has no `re` module yet, so
Template scans its placeholders by hand: a subclass may change `delimiter`,
while `idpattern`, `braceidpattern`, `flags` and `pattern` are not
consulted (identifiers are always ASCII `[_a-zA-Z][_a-zA-Z0-9]*`).
"""

__all__ = ["ascii_letters", "ascii_lowercase", "ascii_uppercase", "capwords",
           "digits", "hexdigits", "octdigits", "printable", "punctuation",
           "whitespace", "Formatter", "Template"]

whitespace = ' \t\n\r\x0b\x0c'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace


def capwords(s, sep=None):
    """capwords(s [,sep]) -> string

    Split the argument into words using split, capitalize each
    word using capitalize, and join the capitalized words using
    join.  If the optional second argument sep is absent or None,
    runs of whitespace characters are replaced by a single space
    and leading and trailing whitespace are removed, otherwise
    sep is used to split and join the words.

    """
    return (sep or ' ').join(word.capitalize() for word in s.split(sep))


# ---------------------------------------------------------------- Template

_ID_START = frozenset('_' + ascii_letters)
_ID_CONTINUE = frozenset('_' + ascii_letters + digits)


class _ChainLookup:
    # The keyword arguments first, then the mapping (CPython's ChainMap).
    def __init__(self, first, second):
        self.first = first
        self.second = second

    def __getitem__(self, key):
        try:
            return self.first[key]
        except KeyError:
            return self.second[key]


_sentinel_dict = {}


class Template:
    """A string class for supporting $-substitutions."""

    delimiter = '$'
    idpattern = r'(?a:[_a-z][_a-z0-9]*)'
    braceidpattern = None

    def __init__(self, template):
        self.template = template

    def _scan(self):
        # Yields (kind, start, end, name) for each placeholder, kind one of
        # 'escaped', 'named', 'braced', 'invalid'; start/end span the whole
        # placeholder, and for 'invalid' end is where the name should begin.
        text = self.template
        delim = self.delimiter
        dlen = len(delim)
        n = len(text)
        i = text.find(delim)
        while i >= 0:
            j = i + dlen
            if text.startswith(delim, j):
                yield 'escaped', i, j + dlen, None
                i = text.find(delim, j + dlen)
                continue
            if j < n and text[j] in _ID_START:
                k = j + 1
                while k < n and text[k] in _ID_CONTINUE:
                    k += 1
                yield 'named', i, k, text[j:k]
                i = text.find(delim, k)
                continue
            if j + 1 < n and text[j] == '{' and text[j + 1] in _ID_START:
                k = j + 2
                while k < n and text[k] in _ID_CONTINUE:
                    k += 1
                if k < n and text[k] == '}':
                    yield 'braced', i, k + 1, text[j + 1:k]
                    i = text.find(delim, k + 1)
                    continue
            yield 'invalid', i, j, None
            i = text.find(delim, j)

    def _invalid(self, pos):
        lines = self.template[:pos].splitlines(keepends=True)
        if not lines:
            colno = 1
            lineno = 1
        else:
            colno = pos - len(''.join(lines[:-1]))
            lineno = len(lines)
        raise ValueError('Invalid placeholder in string: line %d, col %d' %
                         (lineno, colno))

    def _substitute(self, mapping, kws, safe):
        if mapping is _sentinel_dict:
            mapping = kws
        elif kws:
            mapping = _ChainLookup(kws, mapping)
        text = self.template
        out = []
        last = 0
        for kind, start, end, name in self._scan():
            out.append(text[last:start])
            last = end
            if kind == 'escaped':
                out.append(self.delimiter)
            elif kind == 'invalid':
                if not safe:
                    self._invalid(end)
                out.append(text[start:end])
            elif safe:
                try:
                    out.append(str(mapping[name]))
                except KeyError:
                    out.append(text[start:end])
            else:
                out.append(str(mapping[name]))
        out.append(text[last:])
        return ''.join(out)

    def substitute(self, mapping=_sentinel_dict, /, **kws):
        return self._substitute(mapping, kws, False)

    def safe_substitute(self, mapping=_sentinel_dict, /, **kws):
        return self._substitute(mapping, kws, True)

    def is_valid(self):
        for kind, _start, _end, _name in self._scan():
            if kind == 'invalid':
                return False
        return True

    def get_identifiers(self):
        ids = []
        for kind, _start, _end, name in self._scan():
            if name is not None and name not in ids:
                ids.append(name)
        return ids


# ---------------------------------------------------------------- Formatter

def _parse_format(s):
    # The (literal, field_name, format_spec, conversion) tuples of a format
    # string, as CPython's MarkupIterator produces them.
    n = len(s)
    pos = 0
    while pos < n:
        start = pos
        c = None
        markup = False
        while pos < n:
            c = s[pos]
            pos += 1
            if c == '{' or c == '}':
                markup = True
                break
        at_end = pos >= n
        length = pos - start
        if c == '}' and markup and (at_end or s[pos] != '}'):
            raise ValueError("Single '}' encountered in format string")
        if at_end and c == '{' and markup:
            raise ValueError("Single '{' encountered in format string")
        if not at_end and markup:
            if s[pos] == c:
                pos += 1
                markup = False
            else:
                length -= 1
        literal = s[start:start + length]
        if not markup:
            yield literal, None, None, None
            continue
        # The field: its name ends at '}', ':' or '!' ('[...]' may hold them).
        name_start = pos
        c = None
        while pos < n:
            c = s[pos]
            pos += 1
            if c == '{':
                raise ValueError("unexpected '{' in field name")
            if c == '[':
                while pos < n and s[pos] != ']':
                    pos += 1
                continue
            if c in '}:!':
                break
        field_name = s[name_start:pos - 1] if c in '}:!' else s[name_start:pos]
        conversion = None
        spec = ''
        if c == '!' or c == ':':
            if c == '!':
                if pos >= n:
                    raise ValueError('end of string while looking for '
                                     'conversion specifier')
                conversion = s[pos]
                pos += 1
                if pos < n:
                    c = s[pos]
                    pos += 1
                    if c == '}':
                        yield literal, field_name, '', conversion
                        continue
                    if c != ':':
                        raise ValueError('expected \':\' after conversion '
                                         'specifier')
            spec_start = pos
            depth = 1
            while pos < n:
                c = s[pos]
                pos += 1
                if c == '{':
                    depth += 1
                elif c == '}':
                    depth -= 1
                    if depth == 0:
                        break
            if depth != 0:
                raise ValueError("unmatched '{' in format spec")
            spec = s[spec_start:pos - 1]
        elif c != '}':
            raise ValueError("expected '}' before end of string")
        yield literal, field_name, spec, conversion


def _name_key(text):
    # CPython's get_integer: all decimal digits make an int, else the text.
    if text and all(ch in digits for ch in text):
        return int(text)
    return text


def _split_field_name(name):
    # CPython's formatter_field_name_split: the first part, and an iterator
    # of the (is_attribute, key) accessors after it (lazy, as CPython's: a
    # bad accessor is reported only when reached).
    n = len(name)
    i = 0
    while i < n and name[i] not in '.[':
        i += 1
    return _name_key(name[:i]), _field_accessors(name, i)


def _field_accessors(name, i):
    n = len(name)
    while i < n:
        c = name[i]
        i += 1
        if c == '.':
            start = i
            while i < n and name[i] not in '.[':
                i += 1
            key = name[start:i]
            is_attr = True
        elif c == '[':
            start = i
            while i < n and name[i] != ']':
                i += 1
            if i >= n:
                raise ValueError("Missing ']' in format string")
            key = name[start:i]
            i += 1
            is_attr = False
        else:
            raise ValueError("Only '.' or '[' may follow ']' in format field "
                             "specifier")
        if not key:
            raise ValueError('Empty attribute in format string')
        yield is_attr, key if is_attr else _name_key(key)


class Formatter:
    def format(self, format_string, /, *args, **kwargs):
        return self.vformat(format_string, args, kwargs)

    def vformat(self, format_string, args, kwargs):
        used_args = set()
        result, _ = self._vformat(format_string, args, kwargs, used_args, 2)
        self.check_unused_args(used_args, args, kwargs)
        return result

    def _vformat(self, format_string, args, kwargs, used_args,
                 recursion_depth, auto_arg_index=0):
        if recursion_depth < 0:
            raise ValueError('Max string recursion exceeded')
        result = []
        for literal, field_name, format_spec, conversion in \
                self.parse(format_string):
            if literal:
                result.append(literal)
            if field_name is None:
                continue
            if field_name == '':
                if auto_arg_index is False:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                field_name = str(auto_arg_index)
                auto_arg_index += 1
            elif field_name.isdigit():
                if auto_arg_index:
                    raise ValueError('cannot switch from manual field '
                                     'specification to automatic field '
                                     'numbering')
                auto_arg_index = False
            obj, arg_used = self.get_field(field_name, args, kwargs)
            used_args.add(arg_used)
            obj = self.convert_field(obj, conversion)
            format_spec, auto_arg_index = self._vformat(
                format_spec, args, kwargs, used_args, recursion_depth - 1,
                auto_arg_index=auto_arg_index)
            result.append(self.format_field(obj, format_spec))
        return ''.join(result), auto_arg_index

    def get_value(self, key, args, kwargs):
        if isinstance(key, int):
            return args[key]
        return kwargs[key]

    def check_unused_args(self, used_args, args, kwargs):
        pass

    def format_field(self, value, format_spec):
        return format(value, format_spec)

    def convert_field(self, value, conversion):
        if conversion is None:
            return value
        if conversion == 's':
            return str(value)
        if conversion == 'r':
            return repr(value)
        if conversion == 'a':
            return ascii(value)
        raise ValueError('Unknown conversion specifier {0!s}'.format(conversion))

    def parse(self, format_string):
        return list(_parse_format(format_string))

    def get_field(self, field_name, args, kwargs):
        first, rest = _split_field_name(field_name)
        obj = self.get_value(first, args, kwargs)
        for is_attr, key in rest:
            if is_attr:
                obj = getattr(obj, key)
            else:
                obj = obj[key]
        return obj, first
