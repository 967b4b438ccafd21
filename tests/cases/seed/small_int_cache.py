# Small ints (-5..256) are cached: equal values computed at run time are the same object.
a = 10
b = 10
print(a is b)
print(int('257') is int('257'))
print(int('256') is int('256'))
print(int('-5') is int('-5'))
print(int('-6') is int('-6'))
zero = 0
print(int('0') is zero)
c = 200
d = 100 + 100
print(c is d)
e = int('1000')
f = int('1000')
print(e is f, e == f)
