# Exceptions caught inside a loop body let the loop continue; break/continue run finally.
data = ['1', 'x', '3', '', '5']
total = 0
for s in data:
    try:
        total += int(s)
    except ValueError as e:
        print('skip', repr(s), '->', e)
        continue
    finally:
        print('checked', repr(s))
print('total', total)
for i in range(5):
    try:
        if i == 2:
            break
    finally:
        print('finally for', i)
