# if/elif/else picks the first true branch only.
def classify(n):
    if n < 0:
        return 'negative'
    elif n == 0:
        return 'zero'
    elif n < 10:
        return 'small'
    elif n < 100:
        return 'medium'
    else:
        return 'large'
for n in [-5, 0, 3, 42, 1000]:
    print(n, classify(n))
x = 5
if x > 1:
    if x > 3:
        print('nested true')
    else:
        print('nested false')
if x > 10:
    print('not printed')
print('done')
