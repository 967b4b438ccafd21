"""os.path on POSIX (str paths), after the behaviour of CPython's posixpath."""

import posix
import stat as _stat

__all__ = ["normcase", "isabs", "join", "splitdrive", "split", "splitext",
           "basename", "dirname", "commonprefix", "getsize", "getmtime",
           "getatime", "getctime", "islink", "exists", "lexists", "isdir",
           "isfile", "ismount", "expanduser", "expandvars", "normpath",
           "abspath", "samefile", "sameopenfile", "samestat", "curdir",
           "pardir", "sep", "pathsep", "defpath", "altsep", "extsep",
           "devnull", "realpath", "supports_unicode_filenames", "relpath",
           "commonpath"]

curdir = "."
pardir = ".."
extsep = "."
sep = "/"
pathsep = ":"
defpath = "/bin:/usr/bin"
altsep = None
devnull = "/dev/null"
supports_unicode_filenames = False


def _fspath(p):
    if isinstance(p, (str, bytes)):
        return p
    f = getattr(type(p), "__fspath__", None)
    if f is None:
        raise TypeError("expected str, bytes or os.PathLike object, not "
                        + type(p).__name__)
    return f(p)


def _seps(p):
    if isinstance(p, bytes):
        return b"/", b".", b"", b".."
    return "/", ".", "", ".."


def normcase(s):
    return _fspath(s)


def isabs(s):
    s = _fspath(s)
    return s.startswith(_seps(s)[0])


def join(a, *p):
    a = _fspath(a)
    sep = _seps(a)[0]
    path = a
    if not p:
        path[:0] + sep
    for b in p:
        b = _fspath(b)
        if type(b) is not type(a):
            raise TypeError("Can't mix strings and bytes in path components")
        if b.startswith(sep):
            path = b
        elif not path or path.endswith(sep):
            path += b
        else:
            path += sep + b
    return path


def split(p):
    p = _fspath(p)
    sep = _seps(p)[0]
    i = p.rfind(sep) + 1
    head, tail = p[:i], p[i:]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head, tail


def splitext(p):
    p = _fspath(p)
    sep, dot = _seps(p)[:2]
    sep_index = p.rfind(sep)
    dot_index = p.rfind(dot)
    if dot_index > sep_index:
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index:filename_index + 1] != dot:
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, p[:0]


def splitdrive(p):
    p = _fspath(p)
    return p[:0], p


def basename(p):
    p = _fspath(p)
    return p[p.rfind(_seps(p)[0]) + 1:]


def dirname(p):
    p = _fspath(p)
    sep = _seps(p)[0]
    i = p.rfind(sep) + 1
    head = p[:i]
    if head and head != sep * len(head):
        head = head.rstrip(sep)
    return head


def normpath(path):
    path = _fspath(path)
    sep, dot, empty, dotdot = _seps(path)
    if path == empty:
        return dot
    initial_slashes = 1 if path.startswith(sep) else 0
    if initial_slashes and path.startswith(sep * 2) and not path.startswith(sep * 3):
        initial_slashes = 2
    comps = path.split(sep)
    new_comps = []
    for comp in comps:
        if comp in (empty, dot):
            continue
        if (comp != dotdot or (not initial_slashes and not new_comps)
                or (new_comps and new_comps[-1] == dotdot)):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = sep.join(new_comps)
    if initial_slashes:
        path = sep * initial_slashes + path
    return path or dot


def abspath(path):
    path = _fspath(path)
    if not isabs(path):
        if isinstance(path, bytes):
            cwd = posix.getcwd().encode()
        else:
            cwd = posix.getcwd()
        path = join(cwd, path)
    return normpath(path)


def realpath(filename, *, strict=False):
    filename = _fspath(filename)
    path = abspath(filename)
    sep = _seps(path)[0]
    parts = path.split(sep)[1:]
    resolved = sep
    seen = 0
    while parts:
        part = parts.pop(0)
        if not part:
            continue
        candidate = join(resolved, part)
        try:
            st = posix.lstat(candidate)
        except OSError:
            if strict:
                raise
            resolved = candidate
            continue
        if _stat.S_ISLNK(st[0]):
            seen += 1
            if seen > 40:
                resolved = candidate
                continue
            target = posix.readlink(candidate)
            if target.startswith(sep):
                resolved = sep
            parts = [p for p in target.split(sep) if p] + parts
            continue
        resolved = candidate
    return normpath(resolved)


def relpath(path, start=None):
    if not path:
        raise ValueError("no path specified")
    path = _fspath(path)
    sep, curdir_, _, pardir_ = _seps(path)
    if start is None:
        start = curdir_
    else:
        start = _fspath(start)
    start_list = [x for x in abspath(start).split(sep) if x]
    path_list = [x for x in abspath(path).split(sep) if x]
    i = len(commonprefix([start_list, path_list]))
    rel_list = [pardir_] * (len(start_list) - i) + path_list[i:]
    if not rel_list:
        return curdir_
    return join(*rel_list)


def commonprefix(m):
    if not m:
        return ""
    if not isinstance(m[0], (list, tuple)):
        m = tuple(map(_fspath, m))
    s1 = min(m)
    s2 = max(m)
    for i, c in enumerate(s1):
        if c != s2[i]:
            return s1[:i]
    return s1


def commonpath(paths):
    if not paths:
        raise ValueError("commonpath() arg is an empty sequence")
    paths = tuple(map(_fspath, paths))
    sep, curdir_ = _seps(paths[0])[:2]
    split_paths = [p.split(sep) for p in paths]
    try:
        (isabs_,) = set(p[:1] == sep for p in paths)
    except ValueError:
        raise ValueError("Can't mix absolute and relative paths") from None
    split_paths = [[c for c in s if c and c != curdir_] for s in split_paths]
    s1 = min(split_paths)
    s2 = max(split_paths)
    common = s1
    for i, c in enumerate(s1):
        if c != s2[i]:
            common = s1[:i]
            break
    prefix = sep if isabs_ else sep[:0]
    return prefix + sep.join(common)


def expanduser(path):
    path = _fspath(path)
    tilde = b"~" if isinstance(path, bytes) else "~"
    if not path.startswith(tilde):
        return path
    sep = _seps(path)[0]
    i = path.find(sep, 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    env = posix._environ()
    home = env.get("HOME")
    if home is None:
        return path
    if isinstance(path, bytes):
        home = home.encode()
    root = sep
    home = home.rstrip(root)
    return (home + path[i:]) or root


def expandvars(path):
    path = _fspath(path)
    if "$" not in path:
        return path
    env = posix._environ()
    out = []
    i = 0
    n = len(path)
    while i < n:
        c = path[i]
        if c != "$":
            out.append(c)
            i += 1
            continue
        j = i + 1
        if j < n and path[j] == "{":
            k = path.find("}", j)
            if k < 0:
                out.append(path[i:])
                break
            name = path[j + 1:k]
            end = k + 1
        else:
            k = j
            while k < n and (path[k].isalnum() or path[k] == "_"):
                k += 1
            name = path[j:k]
            end = k
        if name and name in env:
            out.append(env[name])
        else:
            out.append(path[i:end])
        i = end
    return "".join(out)


def exists(path):
    try:
        posix.stat(_fspath(path))
    except (OSError, ValueError):
        return False
    return True


def lexists(path):
    try:
        posix.lstat(_fspath(path))
    except (OSError, ValueError):
        return False
    return True


def isfile(path):
    try:
        st = posix.stat(_fspath(path))
    except (OSError, ValueError):
        return False
    return _stat.S_ISREG(st[0])


def isdir(s):
    try:
        st = posix.stat(_fspath(s))
    except (OSError, ValueError):
        return False
    return _stat.S_ISDIR(st[0])


def islink(path):
    try:
        st = posix.lstat(_fspath(path))
    except (OSError, ValueError, AttributeError):
        return False
    return _stat.S_ISLNK(st[0])


def ismount(path):
    path = _fspath(path)
    try:
        s1 = posix.lstat(path)
    except (OSError, ValueError):
        return False
    if _stat.S_ISLNK(s1[0]):
        return False
    try:
        s2 = posix.lstat(join(path, ".."))
    except (OSError, ValueError):
        return False
    return s1[2] != s2[2] or s1[1] == s2[1]


def getsize(filename):
    return posix.stat(_fspath(filename))[6]


def getatime(filename):
    return posix.stat(_fspath(filename))[7]


def getmtime(filename):
    return posix.stat(_fspath(filename))[8]


def getctime(filename):
    return posix.stat(_fspath(filename))[9]


def samestat(s1, s2):
    return s1.st_ino == s2.st_ino and s1.st_dev == s2.st_dev


def samefile(f1, f2):
    a = posix.stat(_fspath(f1))
    b = posix.stat(_fspath(f2))
    return a[1] == b[1] and a[2] == b[2]


def sameopenfile(fp1, fp2):
    raise NotImplementedError("ouro has no os.fstat")
