# os.path string functions: join, split, splitext, basename, dirname, normpath, isabs, relpath, commonpath, expanduser, abspath
import os
import os.path
import posixpath
print(os.path is posixpath, os.sep, os.path.sep, os.linesep == '\n', os.name, os.curdir, os.pardir, os.pathsep, os.devnull, os.extsep)
for args in [('a', 'b'), ('a/', 'b'), ('/a', '/b', 'c'), ('', 'x'), ('a', ''), ('a',)]:
    print(args, os.path.join(*args))
for p in ['a/b/c.txt', '/', '//x', 'a/', 'noslash', '/a//b/', '.bashrc', 'a.tar.gz', 'a/.b.c', '...', '']:
    print(repr(p), os.path.split(p), os.path.splitext(p), repr(os.path.basename(p)), repr(os.path.dirname(p)))
for p in ['', '.', 'a/./b/../c', '/../x', '//a//b', '///a', 'a/../..', '../a/..', 'a/b/']:
    print(repr(p), repr(os.path.normpath(p)))
print(os.path.isabs('/x'), os.path.isabs('x'), os.path.isabs(''))
print(os.path.relpath('/a/b/c', '/a/x'), os.path.relpath('/a', '/a'), os.path.relpath('/a/b', '/'))
print(os.path.commonpath(['/a/b/c', '/a/b/d', '/a/bc']), os.path.commonprefix(['/a/b/c', '/a/bc']))
try:
    os.path.commonpath(['/a', 'b'])
except ValueError as e:
    print(e)
print(os.path.abspath('/a/../b'), os.path.abspath('x') == os.path.join(os.getcwd(), 'x'))
home = os.environ.get('HOME')
os.environ['HOME'] = '/home/someone'
print(os.path.expanduser('~/x'), os.path.expanduser('~'), os.path.expanduser('a/~'), os.path.expanduser('~other/x'))
if home is None:
    del os.environ['HOME']
else:
    os.environ['HOME'] = home
print(os.path.exists('/'), os.path.isdir('/'), os.path.isfile('/'), os.path.exists('/no/such/path'), os.path.islink('/no/such'))
class P:
    def __fspath__(self):
        return 'p/q'
print(os.fspath(P()), os.path.join(P(), 'r'), isinstance(P(), os.PathLike), os.fspath('s'), os.fspath(b'b'))
try:
    os.fspath(3)
except TypeError as e:
    print(e)
