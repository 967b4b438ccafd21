# for ... else: the else runs when no break happened (used for searching).
def find(items, target):
    for i in range(len(items)):
        if items[i] == target:
            print('found', target, 'at', i)
            break
    else:
        print(target, 'not found')
find([4, 8, 15], 8)
find([4, 8, 15], 16)
find([], 1)
for x in [1, 2]:
    continue
else:
    print('else after continue-only loop, x =', x)
