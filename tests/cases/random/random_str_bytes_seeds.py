# random: str, bytes and bytearray seeds (version 2: the int of the bytes and their SHA-512; version 1: the old string hash) give CPython's sequences
import random
for a in ['', 'a', 'hello', 'héllo wörld €', 'x' * 200, b'', b'hello', b'\x00\xff' * 70, bytearray(b'hello')]:
    r = random.Random(a)
    print(repr(a)[:40], r.random(), r.getrandbits(40), r.randrange(1000))
# str and its UTF-8 bytes seed alike; bytearray as bytes.
print(random.Random('héllo').random() == random.Random('héllo'.encode()).random())
print(random.Random(bytearray(b'xyz')).random() == random.Random(b'xyz').random())
# version 1: CPython 2's string hash of the text (bytes as latin-1).
for a in ['', 'a', 'hello', 'héllo', b'hello', b'\xe9t\xe9']:
    r = random.Random()
    r.seed(a, version=1)
    print('v1', repr(a), r.random(), r.randint(1, 6))
# version 1 does not cover bytearray, which then seeds by its hash: unhashable.
try:
    random.Random().seed(bytearray(b'ab'), version=1)
except TypeError as e:
    print('TypeError', e)
# Other versions pass str to the native seed, which uses hash() (PYTHONHASHSEED=0 here).
r = random.Random()
r.seed('abc', version=3)
print(r.random())
# The module-level seed too; gauss_next is reset.
random.seed('spam')
x = random.gauss()
random.seed('spam')
print(random.gauss() == x, random.random())
