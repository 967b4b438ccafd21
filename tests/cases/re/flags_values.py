# re flags: values, reprs of single and combined flags, operators, names, and how flags change matching
import re

for f in (re.I, re.IGNORECASE, re.M, re.S, re.X, re.A, re.U, re.L, re.NOFLAG, re.DEBUG, re.T):
    print(repr(f), str(f), int(f), f.name, f.value, f'{f}', format(f, 'd'))
print(re.I | re.M, re.M | re.I, re.I | re.M | re.S | re.X, re.I | 512, 2 | re.M, re.I & re.M, re.I ^ re.I)
print(~re.I, (re.I | re.M).name, type(re.I | re.M).__name__, re.I == 2, re.I is re.IGNORECASE, isinstance(re.I, int))
print(re.findall('a', 'aAa', re.I), re.findall('^a', 'a\na', re.M), re.findall('^a', 'a\na'))
print(re.findall('a.', 'a\na', re.S), re.findall('a.', 'a\na'), re.findall('a$', 'a\na\n'), re.findall('a$', 'a\na\n', re.M))
print(re.findall(r'a b # x', 'a bab', re.X), re.findall(r'\w', 'éa', re.A), re.findall(r'\w', 'éa'))
print(re.findall(r'[A-Z]', 'aBc', re.I), re.findall(r'[^A-Z]', 'aBc1', re.I), re.findall('É', 'éÉ', re.I), re.findall('é', 'éÉ', re.I | re.A))
print(re.findall(r'\bx', 'éx x', re.A), re.findall(r'\bx', 'éx x'))
print(re.match('(?i)ſ', 's'), re.match('k', '\u212a', re.I), re.match('K', '\u212a', re.I | re.A))
print(re.compile('a', re.I | re.M).flags, re.compile('(?s)a').flags, re.compile(b'a').flags, re.compile('a', re.A).flags)
print(re.compile('x', re.X | re.S), re.compile('x', 512 | re.I))
