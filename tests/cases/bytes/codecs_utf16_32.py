# UTF-16 and UTF-32: byte orders, BOMs, errors.
s = 'Aé€😀'
for enc in ('utf-16', 'utf-16-le', 'utf-16-be', 'utf-32', 'utf-32-le', 'utf-32-be',
            'UTF16', 'utf_16', 'U16', 'utf_16le', 'UTF-16BE', 'UnicodeLittleUnmarked', 'u32', 'utf_32_be'):
    b = s.encode(enc)
    print(enc, b, b.decode(enc) == s, len(b))
print(''.encode('utf-16'), ''.encode('utf-32'), b''.decode('utf-16'), b''.decode('utf-32'))

# BOMs are honoured and stripped by utf-16/utf-32, kept by the explicit orders
print(b'\xff\xfeA\x00'.decode('utf-16'), b'\xfe\xff\x00A'.decode('utf-16'), b'A\x00'.decode('utf-16'))
print(repr(b'\xff\xfeA\x00'.decode('utf-16-le')), repr(b'\xfe\xff\x00A'.decode('utf-16-be')))
print(b'\xff\xfe\x00\x00A\x00\x00\x00'.decode('utf-32'), b'\x00\x00\xfe\xff\x00\x00\x00A'.decode('utf-32'))
print(repr(b'\xff\xfe\xff\xfeA\x00'.decode('utf-16')), repr(b'A\x00\xff\xfe'.decode('utf-16')))
print(str(b'\xff\xfeh\x00i\x00', 'utf-16'), bytes('hi', 'utf-16-be'), bytearray('hi', 'utf-32-le'))

def err(f):
    try:
        r = f()
        print(repr(r))
    except (UnicodeError, LookupError, TypeError) as ex:
        print(type(ex).__name__, ex)

err(lambda: b'A\x00B'.decode('utf-16-le'))
err(lambda: b'A\x00B'.decode('utf-16'))
err(lambda: b'\xfe\xff\x00A\x00'.decode('utf-16'))
err(lambda: b'\x00\xd8'.decode('utf-16-le'))
err(lambda: b'\x00\xd8A\x00'.decode('utf-16-le'))
err(lambda: b'\x00\xdcA\x00'.decode('utf-16-le'))
err(lambda: b'\xd8\x00\x00A'.decode('utf-16-be'))
err(lambda: b'A\x00\x00\x00B'.decode('utf-32-le'))
err(lambda: b'\x00\xd8\x00\x00'.decode('utf-32-le'))
err(lambda: b'\x00\x00\x11\x00'.decode('utf-32-le'))
err(lambda: b'\x00\x00\x00A\x00\x00'.decode('utf-32-be'))
for errors in ('ignore', 'replace', 'backslashreplace'):
    err(lambda: b'A\x00\x00\xdcB\x00C'.decode('utf-16-le', errors))
    err(lambda: b'A\x00\x00\x00\x00\x00\x11\x00B\x00\x00\x00C'.decode('utf-32-le', errors))
err(lambda: b'A\x00'.decode('utf-16', 'bogus'))
err(lambda: b'A\x00B'.decode('utf-16', 'bogus'))
err(lambda: b'A\x00B'.decode('utf-16', 'xmlcharrefreplace'))

# surrogate pairs are combined
print(b'=\xd8\x00\xde'.decode('utf-16-le'), '😀'.encode('utf-16-be'), '😀'.encode('utf-32-be'))
