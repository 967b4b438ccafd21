# A RecursionError unwinds through every frame's finally block.
count = 0
def down(n):
    global count
    try:
        return down(n + 1)
    finally:
        count += 1
try:
    down(0)
except RecursionError:
    print('caught')
print(count > 900, count < 1000)
