"""The io module for ouro: open(), the file-object classes, StringIO, BytesIO.

The classes are written here in Python over the native module _io, whose
only object is an open file of the operating system (a handle that closes
itself when freed). Writes go straight through to the system, so a file
object freed without close() loses nothing; reads are buffered in
BufferedReader (bytes) and TextIOWrapper (decoded text).

As in CPython, the concrete classes derive from the private _IOBase family
and the public ABCs (IOBase, RawIOBase, ...) have them registered.
"""

import abc
import sys
import _io
import _codecs

__all__ = ["BlockingIOError", "open", "open_code", "IOBase", "RawIOBase",
           "FileIO", "BytesIO", "StringIO", "BufferedIOBase",
           "BufferedReader", "BufferedWriter", "BufferedRWPair",
           "BufferedRandom", "TextIOBase", "TextIOWrapper",
           "UnsupportedOperation", "SEEK_SET", "SEEK_CUR", "SEEK_END",
           "DEFAULT_BUFFER_SIZE", "IncrementalNewlineDecoder"]

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
DEFAULT_BUFFER_SIZE = 8192
_CHUNK = 8192


class UnsupportedOperation(OSError, ValueError):
    pass


def _fspath(path):
    if isinstance(path, (str, bytes)):
        return path
    f = getattr(type(path), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(path).__name__)
    r = f(path)
    if not isinstance(r, (str, bytes)):
        raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                        % (type(path).__name__, type(r).__name__))
    return r


def _check_int(v):
    if not isinstance(v, int):
        if hasattr(type(v), "__index__"):
            return type(v).__index__(v)
        raise TypeError("'%s' object cannot be interpreted as an integer"
                        % type(v).__name__)
    return v


def _closed_error():
    return ValueError("I/O operation on closed file.")


def _check_encoding(encoding):
    """LookupError for a codec ouro does not have (as an unknown one)."""
    try:
        "".encode(encoding)
    except LookupError:
        raise LookupError("unknown encoding: " + encoding) from None


# The codec a BOM-writing codec continues with once the BOM is out.
_AFTER_BOM = {"utf-16": "utf-16-le", "utf-32": "utf-32-le", "utf-8-sig": "utf-8"}


# ---------------------------------------------------------------- bases

class _IOBase:
    __module__ = "_io"

    _closed_flag = False

    def _unsupported(self, name):
        raise UnsupportedOperation("%s.%s() not supported"
                                   % (type(self).__name__, name))

    def seek(self, pos, whence=0):
        self._unsupported("seek")

    def tell(self):
        return self.seek(0, 1)

    def truncate(self, pos=None):
        self._unsupported("truncate")

    def flush(self):
        self._checkClosed()

    def close(self):
        if not self._closed_flag:
            try:
                self.flush()
            finally:
                self._closed_flag = True

    @property
    def closed(self):
        return self._closed_flag

    def seekable(self):
        return False

    def readable(self):
        return False

    def writable(self):
        return False

    def _checkClosed(self):
        if self.closed:
            raise _closed_error()

    def _checkReadable(self):
        if not self.readable():
            raise UnsupportedOperation("File or stream is not readable.")

    def _checkWritable(self):
        if not self.writable():
            raise UnsupportedOperation("File or stream is not writable.")

    def _checkSeekable(self):
        if not self.seekable():
            raise UnsupportedOperation("File or stream is not seekable.")

    def __enter__(self):
        self._checkClosed()
        return self

    def __exit__(self, *args):
        self.close()

    def fileno(self):
        self._unsupported("fileno")

    def isatty(self):
        self._checkClosed()
        return False

    def readline(self, size=-1):
        size = -1 if size is None else _check_int(size)
        out = bytearray()
        while size < 0 or len(out) < size:
            b = self.read(1)
            if not b:
                break
            out += b
            if out.endswith(b"\n"):
                break
        return bytes(out)

    def __iter__(self):
        self._checkClosed()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def readlines(self, hint=None):
        hint = -1 if hint is None else _check_int(hint)
        if hint <= 0:
            return list(self)
        lines = []
        n = 0
        for line in self:
            lines.append(line)
            n += len(line)
            if n >= hint:
                break
        return lines

    def writelines(self, lines):
        self._checkClosed()
        for line in lines:
            self.write(line)


class _RawIOBase(_IOBase):
    __module__ = "_io"

    def read(self, size=-1):
        size = -1 if size is None else _check_int(size)
        if size < 0:
            return self.readall()
        b = bytearray(size)
        n = self.readinto(b)
        if n is None:
            return None
        return bytes(b[:n])

    def readall(self):
        res = bytearray()
        while True:
            data = self.read(DEFAULT_BUFFER_SIZE)
            if not data:
                break
            res += data
        return bytes(res)


class _BufferedIOBase(_IOBase):
    __module__ = "_io"

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def detach(self):
        self._unsupported("detach")


class _TextIOBase(_IOBase):
    __module__ = "_io"

    @property
    def encoding(self):
        return None

    @property
    def newlines(self):
        return None

    @property
    def errors(self):
        return None

    def detach(self):
        self._unsupported("detach")


class IOBase(_IOBase, metaclass=abc.ABCMeta):
    __module__ = "io"


class RawIOBase(_RawIOBase, IOBase):
    __module__ = "io"


class BufferedIOBase(_BufferedIOBase, IOBase):
    __module__ = "io"


class TextIOBase(_TextIOBase, IOBase):
    __module__ = "io"


# ---------------------------------------------------------------- FileIO

class FileIO(_RawIOBase):
    __module__ = "_io"

    _handle = None

    def __init__(self, file, mode="r", closefd=True, opener=None):
        if isinstance(file, float):
            raise TypeError("integer argument expected, got float")
        if isinstance(file, int):
            raise OSError(95, "ouro cannot open file descriptors by number")
        file = _fspath(file)
        if not isinstance(mode, str):
            raise TypeError("invalid mode: %s" % (mode,))
        s = set(mode)
        if not s <= set("xrwab+") or len(mode) != len(s):
            raise ValueError("invalid mode: %s" % (mode,))
        if sum(c in s for c in "rwax") != 1 or mode.count("+") > 1:
            raise ValueError("Must have exactly one of create/read/write/"
                             "append mode and at most one plus")
        self._created = "x" in s
        self._appending = "a" in s
        plus = "+" in s
        self._readable = "r" in s or plus
        self._writable = not ("r" in s) or plus
        if opener is not None:
            raise OSError(95, "ouro does not support open(opener=...)")
        self._handle = _io.open_handle(
            file, self._readable, self._writable, self._appending,
            self._created or "w" in s or self._appending, "w" in s,
            self._created)
        self.name = file
        self._closefd = closefd
        if self._appending:
            _io.seek(self._handle, 0, 2)

    def __repr__(self):
        tn = "_io.FileIO"
        if self.closed:
            return "<%s [closed]>" % tn
        return "<%s name=%r mode=%r closefd=%r>" % (
            tn, self.name, self.mode, self._closefd)

    @property
    def closefd(self):
        return self._closefd

    @property
    def mode(self):
        if self._created:
            return "xb+" if self._readable else "xb"
        if self._appending:
            return "ab+" if self._readable else "ab"
        if self._readable:
            return "rb+" if self._writable else "rb"
        return "wb"

    @property
    def closed(self):
        return self._handle is None or self._closed_flag

    def _checkClosedRaw(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def close(self):
        if not self.closed:
            self._closed_flag = True
            _io.close(self._handle)

    def flush(self):
        self._checkClosedRaw()

    def readable(self):
        self._checkClosedRaw()
        return self._readable

    def writable(self):
        self._checkClosedRaw()
        return self._writable

    def seekable(self):
        self._checkClosedRaw()
        return True

    def fileno(self):
        self._checkClosedRaw()
        return _io.fileno(self._handle)

    def isatty(self):
        self._checkClosedRaw()
        return _io.isatty(self._handle)

    def read(self, size=-1):
        self._checkClosedRaw()
        if not self._readable:
            raise UnsupportedOperation("File not open for reading")
        size = -1 if size is None else _check_int(size)
        return _io.read(self._handle, size)

    def readall(self):
        return self.read(-1)

    def readinto(self, b):
        data = self.read(len(b))
        n = len(data)
        b[:n] = data
        return n

    def write(self, b):
        self._checkClosedRaw()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        return _io.write(self._handle, b)

    def seek(self, pos, whence=0):
        self._checkClosedRaw()
        if isinstance(pos, float):
            raise TypeError("an integer is required")
        return _io.seek(self._handle, _check_int(pos), _check_int(whence))

    def tell(self):
        self._checkClosedRaw()
        return _io.seek(self._handle, 0, 1)

    def truncate(self, size=None):
        self._checkClosedRaw()
        if not self._writable:
            raise UnsupportedOperation("File not open for writing")
        if size is None:
            size = self.tell()
        return _io.truncate(self._handle, _check_int(size))


# ------------------------------------------------------------- buffered

class _Buffered(_BufferedIOBase):
    """The three buffered classes: reads are buffered, writes go through."""

    __module__ = "_io"

    def __init__(self, raw, buffer_size=DEFAULT_BUFFER_SIZE):
        if buffer_size <= 0:
            raise ValueError("buffer size must be strictly positive")
        self.raw = raw
        self._rbuf = b""
        self._rpos = 0

    def __repr__(self):
        tn = "_io." + type(self).__name__
        try:
            name = self.name
        except AttributeError:
            return "<%s>" % tn
        return "<%s name=%r>" % (tn, name)

    @property
    def name(self):
        return self.raw.name

    @property
    def mode(self):
        return self.raw.mode

    @property
    def closed(self):
        return self.raw.closed

    def close(self):
        if not self.raw.closed:
            self.raw.close()

    def _check(self, what=None):
        if self.raw.closed:
            if what is None:
                raise ValueError("I/O operation on closed file")
            raise ValueError(what + " of closed file")

    def flush(self):
        if self.raw.closed:
            if self.raw._writable:
                raise ValueError("flush of closed file")
            raise _closed_error()

    def readable(self):
        return self.raw.readable()

    def writable(self):
        return self.raw.writable()

    def seekable(self):
        return self.raw.seekable()

    def fileno(self):
        return self.raw.fileno()

    def isatty(self):
        return self.raw.isatty()

    def detach(self):
        raw = self.raw
        self._drop_read_buffer()
        self.raw = None
        return raw

    def _drop_read_buffer(self):
        """Moves the raw position back over read-ahead and forgets it."""
        ahead = len(self._rbuf) - self._rpos
        if ahead:
            self.raw.seek(-ahead, 1)
        self._rbuf = b""
        self._rpos = 0

    def _check_readable(self, what="read"):
        self._check(what)
        if not self.raw.readable():
            raise UnsupportedOperation("read")

    def _fill(self):
        data = self.raw.read(_CHUNK)
        if not data:
            return False
        self._rbuf = self._rbuf[self._rpos:] + data
        self._rpos = 0
        return True

    def read(self, size=-1):
        self._check_readable()
        size = -1 if size is None else _check_int(size)
        if size < -1:
            raise ValueError("read length must be non-negative or -1")
        rest = self._rbuf[self._rpos:]
        if size < 0:
            self._rbuf = b""
            self._rpos = 0
            return rest + self.raw.read(-1)
        while len(self._rbuf) - self._rpos < size:
            if not self._fill():
                break
        out = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(out)
        return out

    def read1(self, size=-1):
        self._check_readable()
        size = -1 if size is None else _check_int(size)
        if self._rpos >= len(self._rbuf):
            self._fill()
        if size < 0:
            size = len(self._rbuf) - self._rpos
        out = self._rbuf[self._rpos:self._rpos + size]
        self._rpos += len(out)
        return out

    def peek(self, size=0):
        self._check_readable("peek")
        if self._rpos >= len(self._rbuf):
            self._fill()
        return self._rbuf[self._rpos:]

    def readline(self, size=-1):
        self._check_readable("readline")
        size = -1 if size is None else _check_int(size)
        start = self._rpos
        while True:
            i = self._rbuf.find(b"\n", start)
            if i >= 0:
                end = i + 1
                break
            start = len(self._rbuf)
            if size >= 0 and start - self._rpos >= size:
                end = start
                break
            before = self._rpos
            if not self._fill():
                end = len(self._rbuf)
                break
            start -= before
        if size >= 0:
            end = min(end, self._rpos + size)
        out = self._rbuf[self._rpos:end]
        self._rpos = end
        return out

    def write(self, b):
        self._check("write")
        if not self.raw.writable():
            raise UnsupportedOperation("write")
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        if self._rbuf:
            self._drop_read_buffer()
        return self.raw.write(b)

    def tell(self):
        self._check()
        return self.raw.tell() - (len(self._rbuf) - self._rpos)

    def seek(self, pos, whence=0):
        self._check("seek")
        pos = _check_int(pos)
        whence = _check_int(whence)
        if whence not in (0, 1, 2):
            raise ValueError("whence value %d unsupported" % whence)
        if whence == 1:
            pos = self.tell() + pos
            whence = 0
        self._rbuf = b""
        self._rpos = 0
        return self.raw.seek(pos, whence)

    def truncate(self, pos=None):
        self._check("truncate")
        if not self.raw.writable():
            raise UnsupportedOperation("truncate")
        if pos is None:
            pos = self.tell()
        self._drop_read_buffer()
        return self.raw.truncate(pos)


class BufferedReader(_Buffered):
    __module__ = "_io"

    def write(self, b):
        raise UnsupportedOperation("write")


class BufferedWriter(_Buffered):
    __module__ = "_io"

    def read(self, size=-1):
        raise UnsupportedOperation("read")

    def readline(self, size=-1):
        raise UnsupportedOperation("read")


class BufferedRandom(_Buffered):
    __module__ = "_io"


# ---------------------------------------------------------------- text

_StdStream = type(sys.stdout)


class _StdTextIOWrapperMeta(type):
    """Makes the process's native std streams (sys.stdout is a native
    _io.TextIOWrapper) instances of this TextIOWrapper for isinstance."""

    def __instancecheck__(cls, obj):
        t = type(obj)
        return (t is _StdStream and cls.__name__ == "TextIOWrapper"
                and cls.__module__ == "_io") or issubclass(t, cls)


class TextIOWrapper(_TextIOBase, metaclass=_StdTextIOWrapperMeta):
    __module__ = "_io"

    def __init__(self, buffer, encoding=None, errors=None, newline=None,
                 line_buffering=False, write_through=False):
        if encoding is not None and not isinstance(encoding, str):
            raise TypeError("TextIOWrapper() argument 'encoding' must be str "
                            "or None, not " + type(encoding).__name__)
        if errors is not None and not isinstance(errors, str):
            raise TypeError("TextIOWrapper() argument 'errors' must be str "
                            "or None, not " + type(errors).__name__)
        if newline is not None and not isinstance(newline, str):
            raise TypeError("TextIOWrapper() argument 'newline' must be str "
                            "or None, not " + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if encoding is None or encoding == "locale":
            encoding = "UTF-8"
        _check_encoding(encoding)
        self._buffer = buffer
        self._encoding = encoding
        # The codec's own name; the decoder's and encoder's current codecs
        # (a BOM'd codec continues in the byte order it read or wrote).
        self._codec = _codecs.lookup_name(encoding)
        self._dec_name = self._codec
        self._enc_name = self._codec
        if buffer.seekable() and buffer.writable():
            self._reset_encoder(buffer.tell())
        self._errors = "strict" if errors is None else errors
        self._newline = newline
        self._line_buffering = line_buffering
        self._write_through = write_through
        # Decoded text not yet handed out (untranslated), the position in it,
        # and bytes of an incomplete character at the end of the last chunk.
        self._text = ""
        self._tpos = 0
        self._pending = b""
        self._eof = False
        self._telling = True
        self._seen = 0

    def __repr__(self):
        out = "<_io.TextIOWrapper"
        try:
            name = self.name
        except AttributeError:
            pass
        else:
            out += " name=%r" % (name,)
        try:
            mode = self.mode
        except AttributeError:
            pass
        else:
            out += " mode=%r" % (mode,)
        return out + " encoding=%r>" % (self._encoding,)

    @property
    def name(self):
        return self._buffer.name

    @property
    def buffer(self):
        return self._buffer

    @property
    def encoding(self):
        return self._encoding

    @property
    def errors(self):
        return self._errors

    @property
    def line_buffering(self):
        return self._line_buffering

    @property
    def write_through(self):
        return self._write_through

    @property
    def newlines(self):
        return _SEEN[self._seen]

    @property
    def closed(self):
        return self._buffer.closed

    def _check(self):
        if self._buffer.closed:
            raise _closed_error()

    def close(self):
        if not self._buffer.closed:
            self._buffer.close()

    def flush(self):
        self._check()
        self._buffer.flush()

    def fileno(self):
        return self._buffer.fileno()

    def isatty(self):
        return self._buffer.isatty()

    def readable(self):
        return self._buffer.readable()

    def writable(self):
        return self._buffer.writable()

    def seekable(self):
        return self._buffer.seekable()

    def detach(self):
        b = self._buffer
        self._reset_read()
        return b

    # -- reading

    def _check_readable(self):
        self._check()
        if not self._buffer.readable():
            raise UnsupportedOperation("not readable")

    def _decode(self, data, final):
        data = self._pending + data
        text, used, self._dec_name = _codecs._decode(
            data, self._dec_name, self._errors, final)
        self._pending = data[used:]
        return text

    def _reset_encoder(self, position):
        """A BOM is written only at the start of the stream (CPython's
        _reset_encoder)."""
        if position == 0:
            self._enc_name = self._codec
        else:
            self._enc_name = _AFTER_BOM.get(self._codec, self._codec)

    def _fill(self):
        """Appends the next chunk of decoded text; False at end of file."""
        if self._eof:
            return False
        data = self._buffer.read1(_CHUNK) if hasattr(
            self._buffer, "read1") else self._buffer.read(_CHUNK)
        if not data:
            self._eof = True
            if self._pending:
                self._text = self._text[self._tpos:] + self._decode(b"", True)
                self._tpos = 0
                return True
            return False
        text = self._decode(data, False)
        self._text = self._text[self._tpos:] + text
        self._tpos = 0
        return True

    def _reset_read(self):
        self._text = ""
        self._tpos = 0
        self._pending = b""
        self._eof = False

    def _note(self, s):
        """Records the kinds of line ending seen (the `newlines` attribute)."""
        if "\r" in s or "\n" in s:
            crlf = s.count("\r\n")
            cr = s.count("\r") - crlf
            lf = s.count("\n") - crlf
            self._seen |= (1 if cr else 0) | (2 if lf else 0) | (4 if crlf else 0)

    def _out(self, s):
        """Hands out untranslated text, translating for universal newlines
        (the kinds of line ending are noted in both universal modes)."""
        if self._newline is None or self._newline == "":
            self._note(s)
            if self._newline is None and "\r" in s:
                return s.replace("\r\n", "\n").replace("\r", "\n")
        return s

    def read(self, size=-1):
        self._check_readable()
        size = -1 if size is None else _check_int(size)
        if size < 0:
            # As CPython's: the rest of the file decoded in one final call.
            if not self._eof:
                data = self._buffer.read()
                self._eof = True
                self._text = self._text[self._tpos:] + self._decode(data or b"", True)
                self._tpos = 0
            s = self._text[self._tpos:]
            self._text = ""
            self._tpos = 0
            return self._out(s)
        while True:
            avail = self._text[self._tpos:]
            if len(avail) >= size + 1 or self._eof:
                break
            if not self._fill():
                break
        text = self._text
        pos = self._tpos
        if self._newline is not None or "\r" not in text[pos:pos + size + 1]:
            end = min(pos + size, len(text))
        else:
            end = pos
            count = 0
            n = len(text)
            while count < size and end < n:
                if text[end] == "\r" and end + 1 < n and text[end + 1] == "\n":
                    end += 2
                else:
                    end += 1
                count += 1
            if end < n and text[end - 1:end + 1] == "\r\n" and count:
                end += 1
        self._tpos = end
        return self._out(text[pos:end])

    def _line_end(self, limit):
        """The end index of the next line in self._text, reading more as
        needed; the end of the text at end of file."""
        nl = self._newline
        start = self._tpos
        while True:
            text = self._text
            n = len(text)
            if nl is None or nl == "":
                i = start
                while i < n:
                    c = text[i]
                    if c == "\n":
                        return i + 1
                    if c == "\r":
                        if i + 1 < n:
                            return i + 2 if text[i + 1] == "\n" else i + 1
                        break
                    i += 1
                else:
                    i = n
                scanned = i
            else:
                j = text.find(nl, start)
                if j >= 0:
                    return j + len(nl)
                scanned = max(n - len(nl) + 1, start)
            if limit >= 0 and n - self._tpos >= limit:
                return n
            before = self._tpos
            if not self._fill():
                return len(self._text)
            start = scanned - before

    def readline(self, size=-1):
        self._check_readable()
        if size is None:
            size = -1
        else:
            size = _check_int(size)
        end = self._line_end(size)
        text = self._text
        if size >= 0 and end - self._tpos > size:
            end = self._tpos + size
            if self._newline is None and text[end - 1:end + 1] == "\r\n":
                end += 1
        line = text[self._tpos:end]
        self._tpos = end
        return self._out(line)

    def __next__(self):
        self._telling = False
        line = self.readline()
        if not line:
            self._telling = True
            raise StopIteration
        return line

    # -- writing

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("write() argument must be str, not "
                            + type(s).__name__)
        if not self._buffer.writable():
            raise UnsupportedOperation("not writable")
        n = len(s)
        if self._newline in ("\r", "\r\n") and "\n" in s:
            s = s.replace("\n", self._newline)
        # As CPython's, the decoded read-ahead is dropped without moving
        # the buffer back: text written after reading lands where the
        # buffer's reading stopped.
        self._reset_read()
        self._buffer.write(s.encode(self._enc_name, self._errors))
        self._enc_name = _AFTER_BOM.get(self._enc_name, self._enc_name)
        return n

    # -- positioning

    def tell(self):
        self._check()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        if not self._telling:
            raise OSError("telling position disabled by next() call")
        rest = self._text[self._tpos:].encode(
            _AFTER_BOM.get(self._dec_name, self._dec_name), self._errors)
        return self._buffer.tell() - len(rest) - len(self._pending)

    def seek(self, cookie, whence=0):
        self._check()
        if not self._buffer.seekable():
            raise UnsupportedOperation("underlying stream is not seekable")
        whence = _check_int(whence)
        if whence == 1:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero cur-relative seeks")
            cookie = self.tell()
            whence = 0
        if whence == 2:
            if cookie != 0:
                raise UnsupportedOperation("can't do nonzero end-relative seeks")
            self._reset_read()
            self._telling = True
            position = self._buffer.seek(0, 2)
            self._reset_encoder(position)
            return position
        if whence != 0:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        if isinstance(cookie, float):
            raise TypeError("an integer is required")
        cookie = _check_int(cookie)
        if cookie < 0:
            raise ValueError("negative seek position %d" % cookie)
        self._reset_read()
        self._telling = True
        self._buffer.seek(cookie)
        if cookie == 0:
            self._dec_name = self._codec
        self._reset_encoder(cookie)
        return cookie

    def truncate(self, pos=None):
        self._check()
        self.flush()
        return self._buffer.truncate(pos)


_SEEN = (None, "\r", "\n", ("\r", "\n"), "\r\n", ("\r", "\r\n"),
         ("\n", "\r\n"), ("\r", "\n", "\r\n"))


# ---------------------------------------------------------------- memory

class BytesIO(_BufferedIOBase):
    __module__ = "_io"

    def __init__(self, initial_bytes=None):
        self._buf = bytearray()
        if initial_bytes is not None:
            self._buf += initial_bytes
        self._pos = 0

    def _check(self):
        if self._closed_flag:
            raise ValueError("I/O operation on closed file.")

    def getvalue(self):
        self._check()
        return bytes(self._buf)

    def getbuffer(self):
        raise NotImplementedError("memoryview is not supported by ouro")

    def close(self):
        self._closed_flag = True

    def flush(self):
        self._check()

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def read(self, size=-1):
        self._check()
        size = -1 if size is None else _check_int(size)
        n = len(self._buf)
        if size < 0:
            size = n
        end = min(n, self._pos + size)
        if self._pos >= end:
            return b""
        out = bytes(self._buf[self._pos:end])
        self._pos = end
        return out

    read1 = read

    def readline(self, size=-1):
        self._check()
        size = -1 if size is None else _check_int(size)
        i = self._buf.find(b"\n", self._pos)
        end = len(self._buf) if i < 0 else i + 1
        if size >= 0:
            end = min(end, self._pos + size)
        if self._pos >= end:
            return b""
        out = bytes(self._buf[self._pos:end])
        self._pos = end
        return out

    def write(self, b):
        self._check()
        if isinstance(b, str):
            raise TypeError("a bytes-like object is required, not 'str'")
        b = bytes(b)
        n = len(b)
        if n == 0:
            return 0
        pos = self._pos
        if pos > len(self._buf):
            self._buf += bytes(pos - len(self._buf))
        self._buf[pos:pos + n] = b
        self._pos = pos + n
        return n

    def seek(self, pos, whence=0):
        self._check()
        if isinstance(pos, float):
            raise TypeError("'float' object cannot be interpreted as an integer")
        pos = _check_int(pos)
        whence = _check_int(whence)
        if whence == 0:
            if pos < 0:
                raise ValueError("negative seek value %d" % pos)
            self._pos = pos
        elif whence == 1:
            self._pos = max(0, self._pos + pos)
        elif whence == 2:
            self._pos = max(0, len(self._buf) + pos)
        else:
            raise ValueError("invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        size = _check_int(size)
        if size < 0:
            raise ValueError("negative size value %d" % size)
        del self._buf[size:]
        return size


class StringIO(_TextIOBase):
    __module__ = "_io"

    def __init__(self, initial_value="", newline="\n"):
        if newline is not None and not isinstance(newline, str):
            raise TypeError("newline must be str or None, not "
                            + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %r" % (newline,))
        if initial_value is not None and not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not "
                            + type(initial_value).__name__)
        self._newline = newline
        self._chars = []
        self._pos = 0
        self._seen = 0
        if initial_value:
            self.write(initial_value)
            self._pos = 0

    def _check(self):
        if self._closed_flag:
            raise ValueError("I/O operation on closed file")

    def close(self):
        self._closed_flag = True

    def flush(self):
        self._check()

    @property
    def line_buffering(self):
        return False

    @property
    def newlines(self):
        if self._newline not in (None, ""):
            return None
        return _SEEN[self._seen]

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def getvalue(self):
        self._check()
        return "".join(self._chars)

    def write(self, s):
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '%s'"
                            % type(s).__name__)
        n = len(s)
        if self._newline is None or self._newline == "":
            crlf = s.count("\r\n")
            cr = s.count("\r") - crlf
            lf = s.count("\n") - crlf
            self._seen |= (1 if cr else 0) | (2 if lf else 0) | (4 if crlf else 0)
        if self._newline is None:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        elif self._newline in ("\r", "\r\n"):
            s = s.replace("\n", self._newline)
        if not s:
            return n
        pos = self._pos
        chars = self._chars
        if pos > len(chars):
            chars.extend("\0" * (pos - len(chars)))
        chars[pos:pos + len(s)] = list(s)
        self._pos = pos + len(s)
        return n

    def read(self, size=-1):
        self._check()
        size = -1 if size is None else _check_int(size)
        n = len(self._chars)
        end = n if size < 0 else min(n, self._pos + size)
        if self._pos >= end:
            return ""
        out = "".join(self._chars[self._pos:end])
        self._pos = end
        return out

    def readline(self, size=-1):
        self._check()
        size = -1 if size is None else _check_int(size)
        chars = self._chars
        n = len(chars)
        i = self._pos
        nl = self._newline
        end = n
        if nl == "" or nl is None:
            while i < n:
                c = chars[i]
                if c == "\n":
                    end = i + 1
                    break
                if c == "\r" and nl == "":
                    end = i + 2 if i + 1 < n and chars[i + 1] == "\n" else i + 1
                    break
                i += 1
        else:
            target = "\n" if nl == "\n" else nl
            s = "".join(chars[i:])
            j = s.find(target)
            if j >= 0:
                end = i + j + len(target)
        if size >= 0:
            end = min(end, self._pos + size)
        if self._pos >= end:
            return ""
        out = "".join(chars[self._pos:end])
        self._pos = end
        return out

    def seek(self, pos, whence=0):
        self._check()
        pos = _check_int(pos)
        whence = _check_int(whence)
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position %d" % pos)
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                # (sic: CPython 3.11's message for both)
                raise OSError("Can't do nonzero cur-relative seeks")
            self._pos = len(self._chars)
        else:
            raise ValueError("Invalid whence (%d, should be 0, 1 or 2)" % whence)
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        size = _check_int(size)
        if size < 0:
            raise ValueError("Negative size value %d" % size)
        del self._chars[size:]
        return size

    def detach(self):
        raise UnsupportedOperation("detach")


# ---------------------------------------------------------------- open

def _open(file, mode="r", buffering=-1, encoding=None, errors=None,
         newline=None, closefd=True, opener=None):
    if not isinstance(file, int):
        file = _fspath(file)
    if not isinstance(mode, str):
        raise TypeError("open() argument 'mode' must be str, not "
                        + type(mode).__name__)
    if isinstance(buffering, float):
        raise TypeError("'float' object cannot be interpreted as an integer")
    buffering = _check_int(buffering)
    if encoding is not None and not isinstance(encoding, str):
        raise TypeError("open() argument 'encoding' must be str or None, not "
                        + type(encoding).__name__)
    if errors is not None and not isinstance(errors, str):
        raise TypeError("open() argument 'errors' must be str or None, not "
                        + type(errors).__name__)
    seen = ""
    for c in mode:
        if c not in "rwaxb+t" or c in seen:
            raise ValueError("invalid mode: %r" % (mode,))
        seen += c
    creating = "x" in mode
    reading = "r" in mode
    writing = "w" in mode
    appending = "a" in mode
    updating = "+" in mode
    text = "t" in mode
    binary = "b" in mode
    if text and binary:
        raise ValueError("can't have text and binary mode at once")
    if creating + reading + writing + appending > 1:
        raise ValueError("must have exactly one of create/read/write/append mode")
    if binary and encoding is not None:
        raise ValueError("binary mode doesn't take an encoding argument")
    if binary and errors is not None:
        raise ValueError("binary mode doesn't take an errors argument")
    if binary and newline is not None:
        raise ValueError("binary mode doesn't take a newline argument")
    if not binary:
        if newline is not None and not isinstance(newline, str):
            raise TypeError("open() argument 'newline' must be str or None, "
                            "not " + type(newline).__name__)
        if newline not in (None, "", "\n", "\r", "\r\n"):
            raise ValueError("illegal newline value: %s" % (newline,))
        if encoding is not None:
            _check_encoding(encoding)
    raw = FileIO(file,
                 (creating and "x" or "") + (reading and "r" or "")
                 + (writing and "w" or "") + (appending and "a" or "")
                 + (updating and "+" or ""),
                 closefd, opener=opener)
    result = raw
    try:
        line_buffering = buffering == 1
        if buffering == 1 or buffering < 0:
            buffering = DEFAULT_BUFFER_SIZE
        if buffering == 0:
            if binary:
                return result
            raise ValueError("can't have unbuffered text I/O")
        if updating:
            buffer = BufferedRandom(raw, buffering)
        elif creating or writing or appending:
            buffer = BufferedWriter(raw, buffering)
        else:
            buffer = BufferedReader(raw, buffering)
        result = buffer
        if binary:
            return result
        text = TextIOWrapper(buffer, encoding, errors, newline, line_buffering)
        result = text
        text.mode = mode
        return result
    except BaseException:
        result.close()
        raise


import builtins as _builtins
open = _builtins.open
del _builtins


def open_code(path):
    return open(path, "rb")


class IncrementalNewlineDecoder:
    """Only what StringIO-like users need: translate \\r\\n and \\r."""

    def __init__(self, decoder, translate, errors="strict"):
        self.decoder = decoder
        self.translate = translate
        self.errors = errors
        self._pendingcr = False

    def decode(self, input, final=False):
        s = input if self.decoder is None else self.decoder.decode(input, final)
        if self._pendingcr:
            s = "\r" + s
            self._pendingcr = False
        if s.endswith("\r") and not final:
            s = s[:-1]
            self._pendingcr = True
        if self.translate:
            s = s.replace("\r\n", "\n").replace("\r", "\n")
        return s

    def reset(self):
        self._pendingcr = False


RawIOBase.register(FileIO)
for _c in (BytesIO, BufferedReader, BufferedWriter, BufferedRandom):
    BufferedIOBase.register(_c)
for _c in (StringIO, TextIOWrapper, type(sys.stdout)):
    TextIOBase.register(_c)
del _c

