# str.replace replaces all (or the first n) non-overlapping occurrences.
s = 'banana'
print(s.replace('a', 'o'), s.replace('an', ''), s.replace('x', 'y'), s)
print(s.replace('a', 'A', 2), s.replace('ana', '*'))
print('aaaa'.replace('aa', 'b'), 'abc'.replace('', '-'))
print('line1\nline2'.replace('\n', ' | '))
