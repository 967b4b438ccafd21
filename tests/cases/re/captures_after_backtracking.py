# re group captures after backtracking: sre keeps marks of failed alternatives unless the choice point saved them
import re

def show(p, s):
    m = re.search(p, s)
    print(repr(p), repr(s), '->', m and (m.span(), m.groups(), m.lastindex))

show(r'((([aB])|(?=(?i:a)))*+)', 'aA')
show(r'(?:(a)b|(a)c)*', 'abac')
show(r'(?:(a)|b)*', 'ab')
show(r'(?:(a)|(b))+', 'ab')
show(r'(a)(?:(b)x|by)', 'aby')
show(r'(?:(a)x|a)y', 'ay')
show(r'(?:(a)x|a)*y', 'ay')
show(r'((a)|b)*?c', 'abc')
show(r'(?:(a)|b)+?$', 'ab')
show(r'(?>(a)x|a)', 'ax')
show(r'(?!(a)x)a', 'ay')
show(r'(?:(?!(a)x)a)*', 'ay')
show(r'(a*)+$', 'aa')
show(r'(a|b)*?b', 'aab')
show(r'(?:(a)|(b)|(c))*', 'cba')
show(r'(?:x(a)?)+', 'xax')
show(r'((a)|(b))*\3', 'abb')
show(r'(a)?(?(1)b|c)+', 'abcb')
