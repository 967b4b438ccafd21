# Division and modulo by zero raise ZeroDivisionError with operation-specific messages.
cases = [(1, 0), (1.0, 0), (1, 0.0), (0.0, 0.0)]
for a, b in cases:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print('/', e)
    try:
        print(a // b)
    except ZeroDivisionError as e:
        print('//', e)
    try:
        print(a % b)
    except ZeroDivisionError as e:
        print('%', e)
try:
    print(0.0 ** -1)
except ZeroDivisionError as e:
    print('**', e)
