# LOAD_GLOBAL sees every change: a global shadowing a builtin later, deleted again, rebound, and new globals appearing between calls.
def use_len():
    return len([1, 2, 3])
def use_x():
    return x
results = []
for i in range(3):
    results.append(use_len())
len = lambda seq: 'shadowed'
results.append(use_len())
del len
results.append(use_len())
x = 1
results.append(use_x())
x = 2
results.append(use_x())
for k in range(20):
    globals()['filler%d' % k] = k
results.append(use_x())
del x
try:
    use_x()
except NameError as e:
    results.append(str(e))
x = 3
results.append(use_x())
import builtins
builtins.extra_name = 'from builtins'
def use_extra():
    return extra_name
results.append(use_extra())
extra_name = 'from globals'
results.append(use_extra())
del extra_name
results.append(use_extra())
del builtins.extra_name
try:
    use_extra()
except NameError as e:
    results.append(str(e))
print(results)
