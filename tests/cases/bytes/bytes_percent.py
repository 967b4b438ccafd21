# printf-style formatting of bytes and bytearray (PEP 461)
print(b'%d %i %x %X %o' % (42, -7, 255, 255, 8))
print(b'%s and %b' % (b'bytes', bytearray(b'array')))
print(b'%r %a' % (b'x', 'é'))
print(b'%5d|%-5d|%05.1f|%e' % (3, 4, 2.25, 12345.678))
print(b'%c%c' % (65, b'B'))
print(b'%(name)s is %(age)d' % {b'name': b'Ann', b'age': 7})
print(b'%%' % (), b'100%%' % ())
print(bytearray(b'%s!') % b'hi', type(bytearray(b'%s') % b'x').__name__)
print(b'%*d' % (5, 42), b'%.3s' % b'abcdef')
for fmt, args in [(b'%s', 'str'), (b'%s', 5), (b'%d', b'x'), (b'%d %d', (1,)), (b'%d', (1, 2)), (b'%c', 300), (b'%c', b'ab')]:
    try:
        print(fmt % args)
    except Exception as e:
        print(type(e).__name__, e)
