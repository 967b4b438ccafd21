"""A few of shutil's file operations: copyfileobj, copyfile, copy, rmtree,
move, copytree; and get_terminal_size."""

import os

COPY_BUFSIZE = 64 * 1024


class Error(OSError):
    pass


class SameFileError(Error):
    pass


def copyfileobj(fsrc, fdst, length=0):
    if not length:
        length = COPY_BUFSIZE
    while True:
        buf = fsrc.read(length)
        if not buf:
            break
        fdst.write(buf)


def copyfile(src, dst, *, follow_symlinks=True):
    if os.path.exists(dst) and os.path.samefile(src, dst):
        raise SameFileError("{!r} and {!r} are the same file".format(src, dst))
    with open(src, "rb") as fsrc:
        with open(dst, "wb") as fdst:
            copyfileobj(fsrc, fdst)
    return dst


def copy(src, dst, *, follow_symlinks=True):
    if os.path.isdir(dst):
        dst = os.path.join(dst, os.path.basename(src))
    copyfile(src, dst)
    return dst


copy2 = copy


def copytree(src, dst, dirs_exist_ok=False):
    os.makedirs(dst, exist_ok=dirs_exist_ok)
    for entry in os.scandir(src):
        target = os.path.join(dst, entry.name)
        if entry.is_dir(follow_symlinks=False):
            copytree(entry.path, target, dirs_exist_ok)
        else:
            copyfile(entry.path, target)
    return dst


def rmtree(path, ignore_errors=False, onerror=None):
    """Deletes a directory tree (symlinks to directories are not followed)."""
    def handle(func, p):
        if ignore_errors:
            return
        if onerror is None:
            raise
        onerror(func, p, None)

    try:
        if os.path.islink(path):
            raise OSError("Cannot call rmtree on a symbolic link")
    except OSError:
        handle(os.path.islink, path)
        return
    try:
        entries = list(os.scandir(path))
    except OSError:
        handle(os.scandir, path)
        entries = []
    for entry in entries:
        if entry.is_dir(follow_symlinks=False):
            rmtree(entry.path, ignore_errors, onerror)
        else:
            try:
                os.unlink(entry.path)
            except OSError:
                handle(os.unlink, entry.path)
    try:
        os.rmdir(path)
    except OSError:
        handle(os.rmdir, path)


def move(src, dst):
    real_dst = dst
    if os.path.isdir(dst):
        real_dst = os.path.join(dst, os.path.basename(src.rstrip(os.sep)))
        if os.path.exists(real_dst):
            raise Error("Destination path '%s' already exists" % real_dst)
    os.rename(src, real_dst)
    return real_dst


class terminal_size(tuple):
    """os.terminal_size's shape: a pair with named fields."""

    def __new__(cls, size):
        return tuple.__new__(cls, size)

    columns = property(lambda self: self[0])
    lines = property(lambda self: self[1])

    def __repr__(self):
        return "os.terminal_size(columns=%d, lines=%d)" % (self[0], self[1])


def get_terminal_size(fallback=(80, 24)):
    """COLUMNS and LINES from the environment, else the fallback (ouro has
    no os.get_terminal_size yet, so a terminal's own size is not asked)."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    try:
        lines = int(os.environ["LINES"])
    except (KeyError, ValueError):
        lines = 0
    if columns <= 0:
        columns = fallback[0]
    if lines <= 0:
        lines = fallback[1]
    return terminal_size((columns, lines))
