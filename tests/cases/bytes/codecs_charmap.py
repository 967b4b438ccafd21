# cp1252, utf-8-sig, name normalisation, unknown encodings.
def err(f):
    try:
        r = f()
        print(repr(r))
    except (UnicodeError, LookupError, TypeError) as ex:
        print(type(ex).__name__, ex)

data = bytes(range(0x80, 0x100))
text = data.decode('cp1252', 'replace')
print(ascii(text[:32]))
print(text[32:] == data[32:].decode('latin-1'))
print('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ'.encode('cp1252'))
print('héllo wörld'.encode('windows-1252'), b'caf\xe9 \x80'.decode('1252'), b'\x93q\x94'.decode('CP1252'))
err(lambda: b'\x81'.decode('cp1252'))
err(lambda: b'ab\x8d\x8f'.decode('cp1252'))
err(lambda: b'a\x90b'.decode('cp1252', 'ignore'))
err(lambda: b'a\x9db'.decode('cp1252', 'backslashreplace'))
err(lambda: '\x81'.encode('cp1252'))
err(lambda: 'ab\x81\x8d'.encode('cp1252'))
err(lambda: 'a\u20acb\u0100c'.encode('cp1252'))
err(lambda: 'x\u0100\u0101y'.encode('cp1252', 'replace'))
err(lambda: 'x\u0100y'.encode('cp1252', 'xmlcharrefreplace'))
err(lambda: 'x\u0100y'.encode('cp1252', 'backslashreplace'))
err(lambda: 'x\u0100y'.encode('cp1252', 'ignore'))
err(lambda: 'x\U0001f600y'.encode('cp1252', 'namereplace' if False else 'strict'))

# utf-8-sig
print('hi'.encode('utf-8-sig'), b'\xef\xbb\xbfhi'.decode('utf-8-sig'), b'hi'.decode('utf-8-sig'))
print(repr(b'\xef\xbb\xbf\xef\xbb\xbfhi'.decode('utf-8-sig')), repr(''.encode('utf_8_sig')))
err(lambda: b'\xef\xbb\xbf\xff'.decode('utf-8-sig'))

# names
for name in ('UTF-8', 'utf8', 'U8', ' utf-8 ', 'UTF 8', 'utf--8', 'latin1', 'Latin-1', 'L1',
             'iso-8859-1', 'ISO8859-1', 'ascii', 'US-ASCII', '646', 'cp65001', 'utf_32_le'):
    print(repr(name), 'é'.encode(name, 'replace'))
for name in ('xyz', 'cp-1252', 'utf8sig', 'utf-16-xx', '', 'latin-9-x'):
    err(lambda: 'a'.encode(name))
    err(lambda: b'a'.decode(name))
err(lambda: 'a'.encode(5))
err(lambda: 'a'.encode('utf-8', 5))
err(lambda: str(b'a', 'nope'))
err(lambda: bytes('a', 'nope'))

# latin-1 and ascii keep their messages
err(lambda: 'aé€'.encode('latin-1'))
err(lambda: 'a€€b'.encode('ascii'))
err(lambda: b'a\xff'.decode('ascii'))
err(lambda: 'a€'.encode('latin-1', 'xmlcharrefreplace'))

# errors of codecs CPython reaches through its registry are wrapped
err(lambda: 'x\x81'.encode('cp1252', 'nosuch'))
err(lambda: b'\x81'.decode('windows-1252', 'nosuch'))
err(lambda: b'\xef\xbb\xbf\xff'.decode('utf-8-sig', 'xmlcharrefreplace'))
err(lambda: b'\xff'.decode('u8', 'nosuch'))
err(lambda: b'\xff'.decode('utf8', 'nosuch'))
err(lambda: b'\xff'.decode('UTF-8', 'nosuch'))
err(lambda: b'\xff\xfe\x00'.decode('utf-16', 'nosuch'))
err(lambda: b'\x00'.decode('utf-16-le', 'nosuch'))
err(lambda: 'é'.encode('646', 'nosuch'))
err(lambda: 'é'.encode('US_ASCII', 'nosuch'))
err(lambda: str(b'\xff', 'latin-1', 'nosuch'))
err(lambda: str(b'\x81', 'cp1252', 'nosuch'))
err(lambda: bytes('\x81', 'cp1252', 'nosuch'))
err(lambda: b'\\N{DIGIT ONE}'.decode('unicode_escape', 'nosuch') if False else 'skip')
