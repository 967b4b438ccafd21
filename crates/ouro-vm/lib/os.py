"""The os module for ouro: the system calls of the native posix module,
and in Python what CPython's os.py builds on them (environ, makedirs, walk,
scandir, fspath, stat_result)."""

import abc
import sys
import posix
import stat as _stat
import posixpath as path
from posix import (getcwd, chdir, listdir, mkdir, rmdir, unlink, remove,
                   rename, replace, symlink, readlink, getpid, urandom,
                   cpu_count, strerror)

sys.modules["os.path"] = path

name = "posix"
linesep = "\n"
from posixpath import (curdir, pardir, sep, pathsep, defpath, extsep,
                       altsep, devnull)

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
F_OK = 0
R_OK = 4
W_OK = 2
X_OK = 1

error = OSError
supports_bytes_environ = True


def _fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(p).__name__)
    r = f(p)
    if isinstance(r, (str, bytes)):
        return r
    raise TypeError("expected %s.__fspath__() to return str or bytes, not %s"
                    % (type(p).__name__, type(r).__name__))


def fspath(path):
    """The file system representation of the path."""
    return _fspath(path)


class PathLike(abc.ABC):
    """Abstract base class for implementing the file system path protocol."""

    @abc.abstractmethod
    def __fspath__(self):
        raise NotImplementedError

    @classmethod
    def __subclasshook__(cls, subclass):
        if cls is PathLike:
            return hasattr(subclass, "__fspath__")
        return NotImplemented


def fsencode(filename):
    filename = _fspath(filename)
    if isinstance(filename, str):
        return filename.encode("utf-8", "surrogateescape")
    return filename


def fsdecode(filename):
    filename = _fspath(filename)
    if isinstance(filename, bytes):
        return filename.decode("utf-8", "surrogateescape")
    return filename


def getcwdb():
    return getcwd().encode()


# The wrappers below take path-like objects (the native calls take str or
# bytes), keeping the caller's object for error messages as CPython does.

def _wrap1(native):
    def f(path, *args):
        return native(_fspath(path), *args)
    f.__name__ = native.__name__
    return f


chdir = _wrap1(chdir)
rmdir = _wrap1(rmdir)
unlink = _wrap1(unlink)
remove = _wrap1(remove)
readlink = _wrap1(readlink)


def mkdir(path, mode=0o777, *, dir_fd=None):
    posix.mkdir(_fspath(path), mode)


def listdir(path=None):
    if path is None:
        return posix.listdir(".")
    return posix.listdir(_fspath(path))


def rename(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    posix.rename(_fspath(src), _fspath(dst))


def replace(src, dst, *, src_dir_fd=None, dst_dir_fd=None):
    posix.replace(_fspath(src), _fspath(dst))


def symlink(src, dst, target_is_directory=False, *, dir_fd=None):
    posix.symlink(_fspath(src), _fspath(dst))


class stat_result(tuple):
    """The result of stat(): ten sequence fields and the st_* attributes."""

    n_sequence_fields = 10
    n_fields = 19
    n_unnamed_fields = 3
    _names = ("st_mode", "st_ino", "st_dev", "st_nlink", "st_uid", "st_gid",
              "st_size", "st_atime", "st_mtime", "st_ctime")

    def __new__(cls, seq):
        seq = tuple(seq)
        if len(seq) < 10:
            raise TypeError("os.stat_result() takes an at least 10-sequence "
                            "(%d-sequence given)" % len(seq))
        self = tuple.__new__(cls, seq[:10])
        self._extra = seq[10:]
        return self

    def _get(i):
        return property(lambda self: self[i])

    st_mode = _get(0)
    st_ino = _get(1)
    st_dev = _get(2)
    st_nlink = _get(3)
    st_uid = _get(4)
    st_gid = _get(5)
    st_size = _get(6)
    del _get

    def _time(i):
        return property(lambda self: self._extra[i] if len(self._extra) > i
                        else self[7 + i])

    st_atime = _time(0)
    st_mtime = _time(1)
    st_ctime = _time(2)
    st_atime_ns = _time(3)
    st_mtime_ns = _time(4)
    st_ctime_ns = _time(5)
    del _time

    def __repr__(self):
        return "os.stat_result(%s)" % ", ".join(
            "%s=%r" % (n, v) for n, v in zip(self._names, self))

    def __reduce__(self):
        return (stat_result, (tuple(self) + tuple(self._extra),))


stat_result.__module__ = "os"


def _make_stat(t):
    ns = t[10:13]
    ints = tuple(n // 1000000000 for n in ns)
    return stat_result(t[:7] + ints + t[7:10] + ns)


def stat(path, *, dir_fd=None, follow_symlinks=True):
    p = _fspath(path)
    if follow_symlinks:
        return _make_stat(posix.stat(p))
    return _make_stat(posix.lstat(p))


def lstat(path, *, dir_fd=None):
    return _make_stat(posix.lstat(_fspath(path)))


def makedirs(name, mode=0o777, exist_ok=False):
    """Makes a directory and any missing parents."""
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    if head and tail and not path.exists(head):
        try:
            makedirs(head, exist_ok=exist_ok)
        except FileExistsError:
            pass
        cdir = curdir
        if isinstance(tail, bytes):
            cdir = bytes(curdir, "ASCII")
        if tail == cdir:
            return
    try:
        mkdir(name, mode)
    except OSError:
        if not exist_ok or not path.isdir(name):
            raise


def removedirs(name):
    rmdir(name)
    head, tail = path.split(name)
    if not tail:
        head, tail = path.split(head)
    while head and tail:
        try:
            rmdir(head)
        except OSError:
            break
        head, tail = path.split(head)


def renames(old, new):
    head, tail = path.split(new)
    if head and tail and not path.exists(head):
        makedirs(head)
    rename(old, new)
    head, tail = path.split(old)
    if head and tail:
        try:
            removedirs(head)
        except OSError:
            pass


class DirEntry:
    """An entry of scandir(): name, path, and cached stat queries."""

    def __init__(self, dirpath, name):
        self.name = name
        if dirpath == ".":
            self.path = name
        else:
            self.path = path.join(dirpath, name)
        self._lstat = None
        self._stat = None

    def __repr__(self):
        return "<DirEntry %r>" % (self.name,)

    def __fspath__(self):
        return self.path

    def _get_lstat(self):
        if self._lstat is None:
            self._lstat = lstat(self.path)
        return self._lstat

    def stat(self, *, follow_symlinks=True):
        if not follow_symlinks:
            return self._get_lstat()
        if self._stat is None:
            if self.is_symlink():
                self._stat = stat(self.path)
            else:
                self._stat = self._get_lstat()
        return self._stat

    def inode(self):
        return self._get_lstat().st_ino

    def is_symlink(self):
        try:
            return _stat.S_ISLNK(self._get_lstat().st_mode)
        except FileNotFoundError:
            return False

    def is_dir(self, *, follow_symlinks=True):
        try:
            st = self.stat(follow_symlinks=follow_symlinks)
        except FileNotFoundError:
            return False
        return _stat.S_ISDIR(st.st_mode)

    def is_file(self, *, follow_symlinks=True):
        try:
            st = self.stat(follow_symlinks=follow_symlinks)
        except FileNotFoundError:
            return False
        return _stat.S_ISREG(st.st_mode)


DirEntry.__module__ = "posix"


class ScandirIterator:
    def __init__(self, dirpath):
        self._dir = dirpath
        self._names = iter(posix.listdir(dirpath))

    def __iter__(self):
        return self

    def __next__(self):
        if self._names is None:
            raise StopIteration
        return DirEntry(self._dir, next(self._names))

    def close(self):
        self._names = None

    def __enter__(self):
        return self

    def __exit__(self, *args):
        self.close()


ScandirIterator.__module__ = "posix"


def scandir(path="."):
    return ScandirIterator(_fspath(path))


def walk(top, topdown=True, onerror=None, followlinks=False):
    """Directory tree generator: (dirpath, dirnames, filenames) triples."""
    top = _fspath(top)
    stack = [top]
    while stack:
        top = stack.pop()
        if isinstance(top, tuple):
            yield top
            continue
        dirs = []
        nondirs = []
        walk_dirs = []
        try:
            entries = list(scandir(top))
        except OSError as error:
            if onerror is not None:
                onerror(error)
            continue
        for entry in entries:
            is_dir = entry.is_dir()
            if is_dir:
                dirs.append(entry.name)
            else:
                nondirs.append(entry.name)
            if not topdown and is_dir:
                if followlinks or not entry.is_symlink():
                    walk_dirs.append(entry.path)
        if topdown:
            yield top, dirs, nondirs
            for dirname in reversed(dirs):
                new_path = path.join(top, dirname)
                if followlinks or not path.islink(new_path):
                    stack.append(new_path)
        else:
            stack.append((top, dirs, nondirs))
            for new_path in reversed(walk_dirs):
                stack.append(new_path)


from collections.abc import MutableMapping as _MutableMapping


class _Environ(_MutableMapping):
    """os.environ: a mapping whose changes update the process environment."""

    def __init__(self, data):
        self._data = data

    def __getitem__(self, key):
        try:
            return self._data[key]
        except KeyError:
            raise KeyError(key) from None

    def __setitem__(self, key, value):
        if not isinstance(key, str):
            raise TypeError("str expected, not %s" % type(key).__name__)
        if not isinstance(value, str):
            raise TypeError("str expected, not %s" % type(value).__name__)
        posix.putenv(key, value)
        self._data[key] = value

    def __delitem__(self, key):
        if key not in self._data:
            raise KeyError(key)
        posix.unsetenv(key)
        del self._data[key]

    def __iter__(self):
        return iter(list(self._data))

    def __len__(self):
        return len(self._data)

    def __repr__(self):
        return "environ({%s})" % ", ".join(
            "%r: %r" % (k, v) for k, v in self._data.items())

    def copy(self):
        return dict(self)

    def setdefault(self, key, value):
        if key not in self:
            self[key] = value
        return self[key]


_Environ.__module__ = "os"
environ = _Environ(posix._environ())


def getenv(key, default=None):
    return environ.get(key, default)


def putenv(key, value):
    posix.putenv(key, value)


def unsetenv(key):
    posix.unsetenv(key)


def get_exec_path(env=None):
    if env is None:
        env = environ
    return env.get("PATH", defpath).split(pathsep)
