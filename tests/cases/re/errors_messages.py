# re.error messages, positions, lineno/colno, and the other exceptions the parser raises
import re

pats = [
    '(', 'a(b', '*', '+a', 'a)', '())', r'\q', r'[\q]', 'a**', 'a*??', 'a{2}{3}', '^*', '[a', '[',
    '[z-a]', r'[\w-z]', r'[a-\d]', '(?<=a+)b', '(?<!a|bc)d', '(?P<1>a)', '(?P<a-b>x)', '(?P<a>x)(?P<a>y)',
    '(?P=nope)', '(?P=a)(?P<a>x)', '(?P<a>(?P=a))', '(?P', '(?Px)', '(?', '(?<x)', '(?z)', 'a{3,2}',
    '(?i', '(?iz)', '(?i-)', '(?-i)', '(?i-i:a)', 'a(?i)', '(?L)a', '(?au)a', '(?-a:x)', '(?t:x)',
    r'\1', r'(a)\2', r'(a\1)', r'\x4', r'\u12', r'\U0011ffff', r'\777', '(?#x', '(?(1)a|b|c)',
    '(?(x)a)', '(?(0)a)', '(?(-1)a)', '(?(1a)x)', '(?(2)a)(b)', 'a\nb(', 'x' + '\\', '(?x)a#(\n(',
    '{1,2',
]
for p in pats:
    try:
        re.compile(p)
        print(repr(p), 'compiled')
    except re.error as e:
        print(repr(p), '->', str(e), '|', e.msg, e.pos, e.lineno, e.colno, e.pattern == p)
    except Exception as e:
        print(repr(p), '->', type(e).__name__, e)

for p, f in [('a', re.L), ('a', re.A | re.U), (b'a', re.U), (b'a', re.A | re.L), ('a{4294967295}', 0), ('a{99999999999}', 0)]:
    try:
        re.compile(p, f)
        print(repr(p), 'compiled')
    except Exception as e:
        print(repr(p), type(e).__name__, e)

for t in [r'\3', r'\g<x>', r'\g<2', r'\g<>', r'\g', r'\g<-1>', r'\q', '\\', r'\g<a b>', r'\400']:
    try:
        print(repr(t), re.sub('(a)(b)', t, 'ab'))
    except re.error as e:
        print(repr(t), '->', e, '|', e.pos)
    except Exception as e:
        print(repr(t), type(e).__name__, e)

e = re.error('plain')
print(e, e.msg, e.pattern, e.pos, e.lineno, repr(e), isinstance(e, Exception), re.error.__module__)
e = re.error('bad', b'ab\ncd', 4)
print(e, e.lineno, e.colno)
