# Chained comparisons evaluate each operand at most once and stop early.
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 < 2 > 0)
print(1 <= 1 < 2 != 3)
def val(v):
    print('eval', v)
    return v
print(val(1) < val(2) < val(3))
print(val(3) < val(2) < val(10))
x = 5
print(0 < x <= 5, 0 < x < 5)
print('a' < 'b' < 'c')
