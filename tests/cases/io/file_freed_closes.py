# a file object dropped without close() releases its descriptor and loses no data, whether freed by count or by the collector
import gc, os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
def fds():
    return len(os.listdir('/proc/self/fd'))
before = fds()
f = open('a.txt', 'w')
f.write('written, never closed')
print(fds() - before)
del f
print(fds() - before, open('a.txt').read())
class Holder:
    pass
h = Holder()
h.self = h
h.f = open('b.txt', 'w')
h.f.write("")
print(fds() - before)
del h
gc.collect()
print(fds() - before)
for i in range(300):
    open('a.txt').read()
print(fds() - before)
os.chdir('/')
shutil.rmtree(d)
