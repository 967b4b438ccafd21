"""tempfile basics: gettempdir, mkdtemp, TemporaryDirectory,
NamedTemporaryFile (a file created with mode 'x' and removed on close)."""

import os
import shutil

TMP_MAX = 10000
template = "tmp"
tempdir = None

_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789_"


def _random_name():
    data = os.urandom(8)
    return "".join(_CHARS[b % len(_CHARS)] for b in data)


def gettempdir():
    global tempdir
    if tempdir is None:
        for name in ("TMPDIR", "TEMP", "TMP"):
            d = os.environ.get(name)
            if d and os.path.isdir(d):
                tempdir = os.path.abspath(d)
                break
        else:
            tempdir = "/tmp"
    return tempdir


def gettempprefix():
    return template


def _names(suffix, prefix, dir):
    if suffix is None:
        suffix = ""
    if prefix is None:
        prefix = template
    if dir is None:
        dir = gettempdir()
    for _ in range(TMP_MAX):
        yield os.path.join(dir, prefix + _random_name() + suffix)
    raise FileExistsError(17, "No usable temporary file name found")


def mkdtemp(suffix=None, prefix=None, dir=None):
    for file in _names(suffix, prefix, dir):
        try:
            os.mkdir(file, 0o700)
        except FileExistsError:
            continue
        return os.path.abspath(file)


def mktemp(suffix="", prefix=template, dir=None):
    for file in _names(suffix, prefix, dir):
        if not os.path.exists(file):
            return file


class TemporaryDirectory:
    """A directory removed (with its contents) on cleanup() or at the end
    of a with block."""

    def __init__(self, suffix=None, prefix=None, dir=None,
                 ignore_cleanup_errors=False):
        self.name = mkdtemp(suffix, prefix, dir)
        self._ignore = ignore_cleanup_errors
        self._done = False

    def __repr__(self):
        return "<{} {!r}>".format(self.__class__.__name__, self.name)

    def __enter__(self):
        return self.name

    def __exit__(self, exc, value, tb):
        self.cleanup()

    def cleanup(self):
        if not self._done and os.path.exists(self.name):
            self._done = True
            shutil.rmtree(self.name, ignore_errors=self._ignore)

    def __del__(self):
        self.cleanup()


class _TemporaryFileWrapper:
    def __init__(self, file, name, delete=True):
        self.file = file
        self.name = name
        self.delete = delete
        self._closed = False

    def __getattr__(self, name):
        return getattr(self.__dict__["file"], name)

    def __enter__(self):
        self.file.__enter__()
        return self

    def __exit__(self, exc, value, tb):
        self.close()

    def __iter__(self):
        return iter(self.file)

    def close(self):
        if not self._closed:
            self._closed = True
            try:
                self.file.close()
            finally:
                if self.delete:
                    try:
                        os.unlink(self.name)
                    except FileNotFoundError:
                        pass

    def __del__(self):
        self.close()


def NamedTemporaryFile(mode="w+b", buffering=-1, encoding=None, newline=None,
                       suffix=None, prefix=None, dir=None, delete=True,
                       *, errors=None):
    for name in _names(suffix, prefix, dir):
        try:
            f = open(name, mode.replace("w", "x", 1) if "w" in mode else mode,
                     buffering, encoding=encoding, errors=errors,
                     newline=newline)
        except FileExistsError:
            continue
        return _TemporaryFileWrapper(f, os.path.abspath(name), delete)


TemporaryFile = NamedTemporaryFile
