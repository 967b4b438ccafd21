"""ouro's frozen codecs module: lookup, encode, decode, the BOM constants
and incremental encoders/decoders over the native _codecs (the codecs
themselves are Rust, objects/codecs.rs). No registry of Python codecs:
register() and the stream classes are missing."""

import _codecs
from _codecs import encode, decode

__all__ = ["lookup", "encode", "decode", "getencoder", "getdecoder",
           "getincrementalencoder", "getincrementaldecoder", "CodecInfo",
           "IncrementalEncoder", "IncrementalDecoder",
           "BOM", "BOM_BE", "BOM_LE", "BOM_UTF8", "BOM_UTF16", "BOM_UTF16_BE",
           "BOM_UTF16_LE", "BOM_UTF32", "BOM_UTF32_BE", "BOM_UTF32_LE"]

BOM_UTF8 = b'\xef\xbb\xbf'
BOM_LE = BOM_UTF16_LE = b'\xff\xfe'
BOM_BE = BOM_UTF16_BE = b'\xfe\xff'
BOM_UTF32_LE = b'\xff\xfe\x00\x00'
BOM_UTF32_BE = b'\x00\x00\xfe\xff'
# This machine is little-endian.
BOM = BOM_UTF16 = BOM_UTF16_LE
BOM_UTF32 = BOM_UTF32_LE

# The codec a BOM-writing codec continues with after its first output.
_AFTER_BOM = {'utf-16': 'utf-16-le', 'utf-32': 'utf-32-le', 'utf-8-sig': 'utf-8'}


class CodecInfo(tuple):
    """Codec details when looking up the codec registry"""

    _is_text_encoding = True

    def __new__(cls, encode, decode, streamreader=None, streamwriter=None,
                incrementalencoder=None, incrementaldecoder=None, name=None,
                *, _is_text_encoding=None):
        self = tuple.__new__(cls, (encode, decode, streamreader, streamwriter))
        self.name = name
        self.encode = encode
        self.decode = decode
        self.incrementalencoder = incrementalencoder
        self.incrementaldecoder = incrementaldecoder
        self.streamwriter = streamwriter
        self.streamreader = streamreader
        if _is_text_encoding is not None:
            self._is_text_encoding = _is_text_encoding
        return self

    def __repr__(self):
        return "<%s.%s object for encoding %s at %#x>" % (
            self.__class__.__module__, self.__class__.__qualname__,
            self.name, id(self))


class IncrementalEncoder(object):
    def __init__(self, errors='strict'):
        self.errors = errors
        self.buffer = ""

    def encode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return 0

    def setstate(self, state):
        pass


class IncrementalDecoder(object):
    def __init__(self, errors='strict'):
        self.errors = errors

    def decode(self, input, final=False):
        raise NotImplementedError

    def reset(self):
        pass

    def getstate(self):
        return (b"", 0)

    def setstate(self, state):
        pass


def _make_codec(name):
    def _encode(input, errors='strict'):
        return _codecs.encode(input, name, errors), len(input)

    def _decode(input, errors='strict'):
        return _codecs.decode(input, name, errors), len(input)

    class _Encoder(IncrementalEncoder):
        def __init__(self, errors='strict'):
            IncrementalEncoder.__init__(self, errors)
            self._name = name

        def encode(self, input, final=False):
            out = _codecs.encode(input, self._name, self.errors)
            if input:
                self._name = _AFTER_BOM.get(self._name, self._name)
            return out

        def reset(self):
            self._name = name

        def getstate(self):
            return 0 if self._name != name else 2

        def setstate(self, state):
            self._name = name if state else _AFTER_BOM.get(name, name)

    class _Decoder(IncrementalDecoder):
        def __init__(self, errors='strict'):
            IncrementalDecoder.__init__(self, errors)
            self._name = name
            self.buffer = b""

        def decode(self, input, final=False):
            data = self.buffer + bytes(input)
            text, used, self._name = _codecs._decode(data, self._name, self.errors, final)
            self.buffer = data[used:]
            return text

        def reset(self):
            self._name = name
            self.buffer = b""

        def getstate(self):
            return (self.buffer, 0)

        def setstate(self, state):
            self.buffer = state[0]

    _Encoder.__name__ = _Encoder.__qualname__ = "IncrementalEncoder"
    _Decoder.__name__ = _Decoder.__qualname__ = "IncrementalDecoder"
    return CodecInfo(_encode, _decode, incrementalencoder=_Encoder,
                     incrementaldecoder=_Decoder, name=name)


_cache = {}


def lookup(encoding):
    """Looks up a codec tuple in the Python codec registry and returns
    a CodecInfo object."""
    name = _codecs.lookup_name(encoding)
    info = _cache.get(name)
    if info is None:
        info = _cache[name] = _make_codec(name)
    return info


def getencoder(encoding):
    return lookup(encoding).encode


def getdecoder(encoding):
    return lookup(encoding).decode


def getincrementalencoder(encoding):
    return lookup(encoding).incrementalencoder


def getincrementaldecoder(encoding):
    return lookup(encoding).incrementaldecoder

