# Loop else clauses interacting with try/finally, continue, and exceptions leaving the loop.
def search(items, bad):
    for x in items:
        try:
            if x == bad:
                raise ValueError(x)
            if x < 0:
                continue
        except ValueError:
            print("  bad item", x)
            break
        finally:
            print("  checked", x)
    else:
        return "completed"
    return "stopped"
print(search([1, -2, 3], 99))
print(search([1, 99, 3], 99))
def loop_raises():
    try:
        for i in range(3):
            if i == 1:
                raise KeyError(i)
        else:
            print("else should not run")
    except KeyError as e:
        return "KeyError " + str(e)
print(loop_raises())
n = 0
while n < 3:
    n += 1
    try:
        continue
    finally:
        print("finally in while", n)
else:
    print("while else ran", n)
for empty in []:
    print("unreachable")
else:
    print("empty for else")
