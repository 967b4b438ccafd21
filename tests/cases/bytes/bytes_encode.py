# str.encode with encodings and error handlers, str(bytes, encoding), and ord() of bytes
s = 'naïve café ✓'
print(s.encode(), s.encode('utf-8'), s.encode('UTF8'), len(s.encode()))
print(s.encode('ascii', 'ignore'), s.encode('ascii', 'replace'), s.encode('ascii', 'backslashreplace'), s.encode('ascii', 'xmlcharrefreplace'))
print(s.encode('latin-1', 'replace'), 'abc'.encode(encoding='latin-1'), 'é'.encode('iso-8859-1'))
for enc, text in [('ascii', 'aé'), ('ascii', 'éé!'), ('latin-1', '✓'), ('ascii', '\U0001f600')]:
    try:
        text.encode(enc)
    except UnicodeEncodeError as e:
        print('UnicodeEncodeError', e)
try:
    'x'.encode('nope')
except LookupError as e:
    print('LookupError', e)
try:
    'x'.encode('ascii', 'nope')
except LookupError as e:
    print('LookupError', e)
print(str(b'abc', 'ascii'), str(b'caf\xc3\xa9', encoding='utf-8'), str(bytearray(b'x'), 'utf-8'), str(b'\xff', 'utf-8', 'replace'))
try:
    str('abc', 'utf-8')
except TypeError as e:
    print('TypeError', e)
print(ord(b'a'), ord(bytearray(b'\xff')))
try:
    ord(b'ab')
except TypeError as e:
    print('TypeError', e)
print(s.encode().decode() == s)
