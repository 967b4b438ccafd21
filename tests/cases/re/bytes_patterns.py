# re with bytes patterns and subjects: ASCII semantics, bytes results, type mixing errors, bytearray subjects
import re

p = re.compile(rb'(\w+)=(\d+)')
print(p, p.flags, p.pattern)
m = p.search(b'xx key=123 yy')
print(m, m.groups(), m.group(0), m.span(1), m.expand(rb'\2:\1'))
print(p.findall(b'a=1 b=2'), p.sub(rb'\2=\1', b'a=1 b=2'), p.split(b'a=1;b=2'))
print(re.findall(rb'\w+', b'caf\xe9 ok'), re.findall(rb'[\x80-\xff]', b'a\xe9\xff'))
print(re.findall(rb'(?i)AB', b'ab Ab \xc9\xe9'), re.findall(rb'\s+', b'a \t\x0bb\x85'))
print(re.sub(b'a', lambda m: m.group().upper(), b'banana'), re.subn(b'', b'-', b'ab'))
print(re.match(b'.', bytearray(b'xy')), re.search(rb'\d', bytearray(b'ab3')).group())
print(re.escape(b'a.b\xff'), re.compile(b'x', re.I), re.compile(b'x', re.L), re.compile(b'(?L)x'))
for pat, s in [('a', b'a'), (b'a', 'a')]:
    try:
        re.search(pat, s)
    except TypeError as e:
        print('TypeError', e)
for pat in [b'(?u)x', rb'\u0041', rb'\xZ']:
    try:
        re.compile(pat)
        print(pat, 'compiled')
    except re.error as e:
        print(pat, 're.error', e)
try:
    re.compile(b'x', re.U)
except ValueError as e:
    print('ValueError', e)
for args in [(b'a', 'x', b'a'), ('a', b'x', 'a'), ('a', lambda m: 5, 'xa'), (b'a', lambda m: 'x', b'a')]:
    try:
        re.sub(*args)
    except TypeError as e:
        print('TypeError', e)
