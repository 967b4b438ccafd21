# The codecs module: lookup, encode/decode, BOMs, incremental codecs.
import codecs

for name in ('UTF-8', 'utf8', 'latin1', 'UTF16', 'utf_32_be', 'utf-8-sig', 'windows-1252',
             'unicode_escape', 'raw-unicode-escape', 'US-ASCII'):
    info = codecs.lookup(name)
    print(repr(name), info.name, isinstance(info, tuple), info is codecs.lookup(name))
try:
    codecs.lookup('nope')
except LookupError as ex:
    print(type(ex).__name__, ex)
print(codecs.encode('é', 'utf-16-le'), codecs.decode(b'\xe9', 'latin-1'), codecs.encode('x'))
print(codecs.decode(b'caf\xc3\xa9'), codecs.decode(b'\\u00e9', 'unicode_escape'))
print(codecs.encode('a\u0100', 'ascii', 'replace'), codecs.decode(b'a\xff', 'ascii', 'ignore'))
print(codecs.encode(obj='z', encoding='utf-32-be'), codecs.decode(memoryview(b'hi')))
for bad in (lambda: codecs.encode(b'x', 'utf-8'), lambda: codecs.decode('x', 'utf-8'),
            lambda: codecs.encode('é', 'ascii'), lambda: codecs.decode(b'\xff')):
    try:
        bad()
    except (TypeError, UnicodeError) as ex:
        print(type(ex).__name__, ex)
print(codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE,
      codecs.BOM_UTF32_BE, codecs.BOM_UTF16 == codecs.BOM_LE, codecs.BOM == codecs.BOM_UTF16)
print(codecs.lookup('utf-8').encode('héllo'), codecs.lookup('utf-16-be').decode(b'\x00h\x00i'))
print(codecs.getencoder('latin-1')('é'), codecs.getdecoder('ascii')(b'ok'))

# incremental decoding keeps incomplete sequences for the next call
for enc in ('utf-8', 'utf-16', 'utf-16-be', 'utf-32', 'utf-8-sig', 'unicode_escape', 'cp1252'):
    data = ('aé€\\n' if enc == 'cp1252' else 'aé€😀\\n').encode(enc)
    dec = codecs.getincrementaldecoder(enc)()
    parts = [dec.decode(data[i:i + 1]) for i in range(len(data))]
    parts.append(dec.decode(b'', final=True))
    print(enc, ''.join(parts) == data.decode(enc), len(parts))
    enc_ = codecs.getincrementalencoder(enc)()
    out = enc_.encode('ab') + enc_.encode('c') + enc_.encode('', final=True)
    print(enc, out, out.decode(enc))
d = codecs.getincrementaldecoder('utf-8')()
print(repr(d.decode(b'\xc3')), repr(d.decode(b'\xa9')))
try:
    d.decode(b'\xc3', final=True)
except UnicodeDecodeError as ex:
    print(type(ex).__name__, ex)
d = codecs.getincrementaldecoder('utf-16')()
print(repr(d.decode(b'\xfe')), repr(d.decode(b'\xff\x00')), repr(d.decode(b'A')))
