# Strings compare lexicographically by code point.
print('a' < 'b', 'abc' < 'abd', 'ab' < 'abc', '' < 'a')
print('Z' < 'a', 'apple' > 'Apple', '10' < '9', 'b' > 'abc')
print('abc' == 'abc', 'abc' != 'ABC', 'a' <= 'a')
print(min('banana', 'apple', 'cherry'), max(['x', 'xy', 'w']))
l = ['pear', 'Apple', 'banana', 'apple']
l.sort()
print(l)
