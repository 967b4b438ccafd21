# operations on closed files raise ValueError; reading a write-only file and the like raise io.UnsupportedOperation
import io, os, shutil, tempfile
d = tempfile.mkdtemp()
os.chdir(d)
def attempt(label, fn):
    try:
        r = fn()
    except Exception as e:
        print(label, type(e).__name__, e)
    else:
        print(label, 'ok', repr(r))
w = open('w.txt', 'w')
attempt('read w', lambda: w.read())
attempt('readline w', lambda: w.readline())
r = open('w.txt')
attempt('write r', lambda: r.write('x'))
attempt('truncate r', lambda: r.truncate())
wb = open('w.bin', 'wb')
attempt('read wb', lambda: wb.read())
rb = open('w.bin', 'rb')
attempt('write rb', lambda: rb.write(b'x'))
attempt('text write bytes', lambda: w.write(b'x'))
for f in (w, r, wb, rb):
    f.close()
    f.close()
    attempt('read closed', lambda: f.read())
    attempt('iter closed', lambda: iter(f))
    attempt('tell closed', lambda: f.tell())
    attempt('with closed', lambda: f.__enter__())
    attempt('closed', lambda: f.closed)
print(issubclass(io.UnsupportedOperation, OSError), issubclass(io.UnsupportedOperation, ValueError))
print(io.UnsupportedOperation.__module__)
os.chdir('/')
shutil.rmtree(d)
