# re API: Pattern and Match objects (attributes, reprs, group access, pos/endpos, isinstance, cache)
import re

p = re.compile(r'(?P<key>\w+)=(?P<val>\d+)?', re.I)
print(p, p.pattern, p.flags, p.groups, p.groupindex, dict(p.groupindex))
print(isinstance(p, re.Pattern), type(p).__name__, type(p).__module__)
m = p.search('  a=1 b= c=3')
print(m, bool(m), isinstance(m, re.Match), type(m).__name__)
print(m.group(), m.group(0), m.group(1), m.group('val'), m.group(1, 'val', 0))
print(m[0], m[1], m['key'], m.groups(), m.groupdict())
print(m.start(), m.end(), m.span(), m.start('val'), m.end(2), m.span('key'))
print(m.pos, m.endpos, m.lastindex, m.lastgroup, m.re is p, m.string, m.regs)
m2 = p.search('  a=1 b= c=3', 5)
print(m2, m2.groups(), m2.groups('-'), m2.groupdict(0), m2.span(2), m2.start('val'))
print(m2.lastindex, m2.lastgroup, m2.pos)
print(p.match('a=1', 1), p.match('xa=1', 1), p.fullmatch('a=12'), p.fullmatch('a=12 '))
print(p.search('zz a=1', 0, 4), p.search('zz a=1', endpos=5), p.search('a=1', -5, 99))
print(p.findall('a=1 b= c=3'), p.findall('a=1 b= c=3', 2))
print([x.group() for x in p.finditer('a=1 b= c=3')], [x.span() for x in p.finditer('a=1 b=2', 1, 6)])
for bad in (3, 'nope', -1):
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError', e)
print(re.match('(a)(b)?', 'a').lastindex, re.match('((a)b)', 'ab').lastindex, re.match('(a)(?:b)', 'ab').lastgroup)
print(re.match('x', 'y'), re.search('', ''), re.match('a*', 'b'))
print(repr(re.compile('a' * 250))[-10:], len(repr(re.compile('a' * 250))))
print(re.match('.*', 'x' * 80))
print(re.compile('a+'), re.compile(b'a+'), re.compile('a', re.U), re.compile('a', re.A | re.M))
print(re.compile('(?i)a'), re.compile('(?x)a'), re.compile('a', re.I | re.DEBUG * 0))
print(re.compile('ab') == re.compile('ab'), re.compile('ab') == re.compile('ab', re.I), hash(re.compile('q')) == hash(re.compile('q')))
print(re.compile('abc') is re.compile('abc'), re.compile(p) is p)
re.purge()
print(re.compile('x').pattern, re.compile(re.compile('y')).pattern)
try:
    re.compile(p, re.I)
except ValueError as e:
    print('ValueError', e)
for bad in (None, 5):
    try:
        re.compile(bad)
    except TypeError as e:
        print('TypeError', e)
try:
    re.Pattern()
except TypeError as e:
    print('TypeError', e)
try:
    re.search('a', 5)
except TypeError as e:
    print('TypeError', e)
print(m.expand(r'[\1|\g<val>|\g<0>]'), re.match('(a)|b', 'b').expand(r'<\1>'))
print(re.match(r'(\d)(\d)(\d)', '123').expand(r'\3\2\1 \g<2>0'))
print(re.Pattern[str], re.Match[bytes])
sc = re.compile(r'\d*').scanner('12a3')
print([sc.search() for _ in range(5)])
sc = re.compile(r'(a)|b').scanner('abxb', 0, 3)
print(sc.match(), sc.match(), sc.match(), sc.match(), sc.search(), sc.pattern)
print([m.span() for m in iter(re.compile('x*').scanner('ab').search, None)])
