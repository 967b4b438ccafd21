# str.upper and str.lower return new strings; the original is unchanged.
s = 'Hello, World 123!'
u = s.upper()
l = s.lower()
print(u, l, s)
print('ABC'.lower().upper(), ''.upper())
print(s.upper() == s.upper(), u is s)
