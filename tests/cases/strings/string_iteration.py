# for loops over strings yield single characters in order.
count = 0
for ch in 'hello':
    if ch == 'l':
        count += 1
    print(ch, end=' ')
print()
print(count)
vowels = ''
for c in 'programming language':
    if c in 'aeiou':
        vowels += c
print(vowels)
for c in '':
    print('never')
