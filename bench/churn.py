# Allocation churn: millions of short-lived small ints, floats, tuples,
# lists, dicts and instances that die almost immediately.

class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y


def churn_tuples(n):
    acc = 0
    for i in range(n):
        t = (i, i + 1, i + 2)
        acc += t[1] - t[0]
    return acc


def churn_lists(n):
    acc = 0
    for i in range(n):
        l = [i, i * 2]
        l.append(i)
        acc += len(l)
    return acc


def churn_floats(n):
    acc = 0.0
    for i in range(n):
        f = i * 0.5
        acc += f / (f + 1.0)
    return acc


def churn_instances(n):
    acc = 0
    for i in range(n):
        p = Point(i, -i)
        acc += p.x + p.y + 1
    return acc


def churn_dicts(n):
    acc = 0
    for i in range(n):
        d = {'a': i, 'b': i + 1}
        acc += d['b'] - d['a']
    return acc


def churn_big_ints(n):
    acc = 0
    base = 2 ** 70
    for i in range(n):
        acc += (base + i) % 1000
    return acc


print('tuples:', churn_tuples(1500000))
print('lists:', churn_lists(1200000))
print('floats:', churn_floats(1500000))
print('instances:', churn_instances(1000000))
print('dicts:', churn_dicts(1000000))
print('big ints:', churn_big_ints(1200000))
