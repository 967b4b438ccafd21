# str() and repr() differ for strings (quotes) but not for numbers or containers.
s = 'hello'
print(str(s), repr(s))
print(str(42), repr(42), str(-1.5), repr(-1.5))
print(str([s, 1]), repr([s, 1]))
print(str(None), repr(None), str(True), repr(False))
print(str(('a',)), repr({'a': "b'c"}))
print(repr(repr(s)))
print(str(''), repr(''), len(repr('')))
