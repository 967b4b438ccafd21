# int() truncates floats toward zero and converts bools and big floats exactly.
print(int(3.9), int(-3.9), int(0.5), int(-0.5), int(-0.0))
print(int(1e20), int(2.0 ** 70), int(1e300) == 10 ** 300)
print(int(True), int(False), int(7))
print(int(123456789.999))
try:
    int(float('nan'))
except ValueError as e:
    print('ValueError:', e)
