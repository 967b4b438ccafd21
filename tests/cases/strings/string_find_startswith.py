# str.find, str.startswith and str.endswith, and the in operator on strings.
s = 'hello world'
print(s.find('o'), s.find('world'), s.find('z'), s.find(''), s.find('o', 5))
print(s.startswith('hell'), s.startswith('world'), s.endswith('world'), s.endswith('o'))
print(s.startswith(''), ''.endswith(''), s.endswith('d'))
print('lo w' in s, 'low' in s, '' in s, 'world' not in s)
