"""A small ``platform``: the interpreter and the machine it runs on.

ouro reports itself as its own implementation (``python_implementation()``
is ``'ouro'``, as ``sys.implementation.name``); the language version is
CPython 3.11's, which it follows.
"""

import sys
import posix as _posix


def python_implementation():
    return "ouro"


def python_version_tuple():
    v = sys.version_info
    return (str(v[0]), str(v[1]), str(v[2]))


def python_version():
    return ".".join(python_version_tuple())


def _uname():
    try:
        return _posix.uname()
    except (AttributeError, OSError):
        return None


def system():
    u = _uname()
    return u[0] if u else "Linux"


def node():
    u = _uname()
    return u[1] if u else ""


def release():
    u = _uname()
    return u[2] if u else ""


def version():
    u = _uname()
    return u[3] if u else ""


def machine():
    u = _uname()
    return u[4] if u else ""


def processor():
    return machine()


def architecture(executable=sys.executable if hasattr(sys, "executable") else "", bits="", linkage=""):
    return ("64bit" if sys.maxsize > 2**32 else "32bit", "ELF")


def platform(aliased=False, terse=False):
    return f"{system()}-{release()}-{machine()}-with-glibc"


class uname_result(tuple):
    _fields = ("system", "node", "release", "version", "machine")

    def __new__(cls, system, node, release, version, machine):
        return tuple.__new__(cls, (system, node, release, version, machine))

    system = property(lambda self: self[0])
    node = property(lambda self: self[1])
    release = property(lambda self: self[2])
    version = property(lambda self: self[3])
    machine = property(lambda self: self[4])

    def __repr__(self):
        return "uname_result(" + ", ".join(
            f"{n}={v!r}" for n, v in zip(self._fields, self)) + ")"


def uname():
    return uname_result(system(), node(), release(), version(), machine())
