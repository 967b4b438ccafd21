# Loop arithmetic: while and for loops over range with int and float math.

def int_loop(n):
    total = 0
    i = 0
    while i < n:
        total += (i * i) % 7 - (i // 3) + (i & 15) ^ 5
        i += 1
    return total


def float_loop(n):
    x = 0.0
    acc = 0.0
    step = 1.0 / n
    for i in range(n):
        acc += x * x * step
        x += step
    return acc


def nested(n):
    count = 0
    for i in range(n):
        for j in range(n):
            if (i + j) % 3 == 0:
                count += i - j
            else:
                count -= 1
    return count


def bigint_loop(n):
    a = 1
    b = 1
    for i in range(n):
        a, b = b, a + b
    return a % 1000000007


print('int_loop:', int_loop(2500000))
print('float_loop:', float_loop(2000000))
print('nested:', nested(900))
print('bigint_loop:', bigint_loop(30000))
