# gc.is_finalized() is True only for objects whose __del__ already ran (here: resurrected ones).
import gc
gc.disable()
saved = []
class Phoenix:
    def __del__(self):
        print('__del__ runs')
        saved.append(self)
class Plain:
    pass
p = Phoenix()
print(gc.is_finalized(p), gc.is_finalized(Plain()), gc.is_finalized(1), gc.is_finalized([]))
del p
print(len(saved), gc.is_finalized(saved[0]))
q = Phoenix()
q.me = q
del q
print('collect', gc.collect())
print(len(saved), gc.is_finalized(saved[1]))
saved.clear()
print('collect', gc.collect())
print('end')
