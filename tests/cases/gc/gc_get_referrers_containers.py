# get_referrers finds the list, dict, tuple and instance that hold an object.
import gc
gc.disable()
class Box:
    pass
def check():
    x = []
    in_list = [1, x]
    in_dict = {'k': x}
    in_tuple = (x, 2)
    box = Box()
    box.item = x
    unrelated = [[]]
    refs = gc.get_referrers(x)
    print(any([r is in_list for r in refs]), any([r is in_dict for r in refs]))
    print(any([r is in_tuple for r in refs]), any([r is box for r in refs]))
    print(any([r is unrelated for r in refs]))
    both = gc.get_referrers(x, unrelated[0])
    print(any([r is unrelated for r in both]), any([r is in_list for r in both]))
    in_list.remove(x)
    print(any([r is in_list for r in gc.get_referrers(x)]))
check()
g = []
holder = [g]
refs = gc.get_referrers(g)
print(any([r is holder for r in refs]), any([r is globals() for r in refs]))
