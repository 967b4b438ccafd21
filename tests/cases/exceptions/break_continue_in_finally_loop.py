# return inside try within a loop still runs finally; continue in try runs finally each time.
def first_even(items):
    for x in items:
        try:
            if x % 2 == 0:
                return x
        finally:
            print('visited', x)
    return None
print(first_even([1, 3, 4, 5]))
count = 0
while count < 3:
    try:
        count += 1
        continue
    finally:
        print('finally', count)
print('done', count)
