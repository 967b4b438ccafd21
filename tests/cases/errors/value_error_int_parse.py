# Uncaught ValueError from int() on a non-numeric string.
values = ['1', '22', 'abc']
total = 0
for v in values:
    total = total + int(v)
    print(total)
