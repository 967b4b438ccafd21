# Indexing strings with positive and negative indices yields 1-char strings.
s = 'python'
print(s[0], s[5], s[-1], s[-6], s[2])
print(type(s[0]), len(s[0]))
i = 0
out = ''
while i < len(s):
    out = s[i] + out
    i += 1
print(out)
try:
    s[6]
except IndexError as e:
    print('IndexError:', e)
try:
    s[-7]
except IndexError as e:
    print('IndexError:', e)
