# open(): CPython's checks of mode, buffering, encoding, newline and the OSError subclasses it raises
import os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
open('exists.txt', 'w').close()
def attempt(*args, **kw):
    try:
        f = open(*args, **kw)
    except Exception as e:
        print(type(e).__name__, '|', e)
        return
    print('opened', f)
    f.close()
for mode in ['rw', 'rr', 'U', 'q', 'tb', 'r+w', 'wa', 'xr', 'rbt', 'w+b', 'xb', 'rtt']:
    attempt('exists.txt', mode)
attempt('exists.txt', 'rb', encoding='utf-8')
attempt('exists.txt', 'rb', errors='strict')
attempt('exists.txt', 'rb', newline='')
attempt('exists.txt', 'r', newline='x')
attempt('exists.txt', 'r', encoding='no-such-codec')
attempt('exists.txt', 'r', buffering=0)
attempt('exists.txt', 3)
attempt(3.5)
attempt('missing.txt')
attempt('exists.txt', 'x')
attempt('.', 'r')
attempt('.', 'w')
attempt('missing/dir/f.txt', 'w')
try:
    open('missing.txt')
except OSError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename, e.args)
try:
    open('exists.txt', 'x')
except FileExistsError as e:
    print(e.errno, repr(e.filename), isinstance(e, OSError))
os.chdir('/')
shutil.rmtree(d)
