# re on long subjects and catastrophic patterns: no stack overflow, CPython's results
import re

s = 'ab' * 25000
print(re.fullmatch('(?:ab)*', s) is not None, re.match('(ab)*', s).span(), re.match('(ab)*', s).group(1))
t = 'ab' * 5000
print(re.match('(?:a|b)*$', s).end(), len(re.findall('ab', t)), re.search('ba$', s + 'ba').span())
print(len(re.sub('a', 'x', s)), re.subn('b', '', t)[1], len(re.split('b', t)))
print(re.match('(a|b|ab)*c', 'ab' * 12), re.match(r'(x+x+)+y', 'x' * 18))
print(re.match('.*x', 'a' * 25000), re.search('(?<=a)b', 'a' * 25000 + 'b').span())
print(re.match('(?:a(?=a))*', 'a' * 25000).end(), re.match('(a*)*b', 'a' * 20))
print(re.match('(?:(?:(?:(?:(?:a)*)*)*)*)*b', 'aaaab').span())
nested = '(' * 50 + 'a' + ')' * 50
print(re.match(nested, 'a').lastindex, len(re.match(nested, 'a').groups()))
print(re.match('a{1000}', 'a' * 1000).end(), re.match('(?:ab){3,5}?', 'ab' * 6).end(), re.match('(?:a|b){2,1000}', s).end())
words = ['w%d' % i for i in range(300)]
big = re.compile('|'.join(words))
print(big.search('xx w299 w7').group(), len(big.findall(' '.join(words))))
