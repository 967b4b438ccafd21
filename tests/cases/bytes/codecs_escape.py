# unicode_escape and raw_unicode_escape.
def err(f):
    try:
        r = f()
        print(ascii(r))
    except (UnicodeError, LookupError, TypeError) as ex:
        print(type(ex).__name__, ex)

s = 'a\\b\t\n\r\x00\x7f\xe9\u20ac\U0001f600\'"'
print(s.encode('unicode_escape'))
print(s.encode('raw_unicode_escape'))
print(s.encode('unicode-escape').decode('unicode-escape') == s)
print(s.encode('raw-unicode-escape').decode('raw-unicode-escape') == s)
err(lambda: b'\\n\\t\\\\ \\x41\\u00e9\\U0001F600 \\101\\7 \xe9'.decode('unicode_escape'))
err(lambda: b"\\a\\b\\f\\v\\'\\\"\\\n".decode('unicode_escape'))
err(lambda: b'\\N{LATIN SMALL LETTER A}'.decode('unicode_escape') if False else 'skip')
err(lambda: b'abc\\'.decode('unicode_escape'))
err(lambda: b'\\x4'.decode('unicode_escape'))
err(lambda: b'ab\\x4g'.decode('unicode_escape'))
err(lambda: b'\\u12'.decode('unicode_escape'))
err(lambda: b'\\U00110000'.decode('unicode_escape'))
err(lambda: b'\\U0011'.decode('unicode_escape'))
err(lambda: b'x\\x4y\\u12z'.decode('unicode_escape', 'replace'))
err(lambda: b'x\\x4y\\u12z'.decode('unicode_escape', 'ignore'))
err(lambda: b'x\\x4y'.decode('unicode_escape', 'backslashreplace'))
err(lambda: b'\\u00e9\\\\u00e9 \\x41 \\U0001f600'.decode('raw_unicode_escape'))
err(lambda: b'\\u12'.decode('raw_unicode_escape'))
err(lambda: b'\\U00110000'.decode('raw_unicode_escape'))
err(lambda: b'a\\'.decode('raw_unicode_escape'))
err(lambda: b'\xff\\t'.decode('raw_unicode_escape'))
