"""Enumerations: Enum, IntEnum, StrEnum, Flag, IntFlag, auto, unique.

ouro's `enum`, written for ouro after CPython 3.11's documented
behaviour: member reprs and str(), lookup by value and by name, aliases,
`__members__`, auto(), the functional API, and Flag combination,
inversion and iteration in definition order. Differences: `__members__`
is a dict copy (CPython: a mappingproxy); Flag boundaries other than the
defaults (STRICT for Flag, KEEP for IntFlag) are accepted but not acted
on; no pickling support; StrEnum members cannot be created until ouro
can subclass str; `_ignore_` and `_order_` are accepted and
ignored.
"""

import sys

__all__ = ["EnumType", "EnumMeta", "Enum", "IntEnum", "StrEnum", "Flag",
           "IntFlag", "ReprEnum", "auto", "unique", "property", "verify",
           "FlagBoundary", "STRICT", "CONFORM", "EJECT", "KEEP",
           "global_enum", "EnumCheck", "CONTINUOUS", "NAMED_FLAGS", "UNIQUE"]

_builtin_property = property

# Set once Enum and Flag exist (the metaclass needs them while creating
# them).
Enum = Flag = ReprEnum = None


class auto:
    """Instances are replaced with an appropriate value in Enum class
    suites.
    """

    def __init__(self, value=None):
        self.value = value if value is not None else _auto_null

    def __repr__(self):
        return f"auto({self.value!r})"


_auto_null = object()


def _is_dunder(name):
    return (len(name) > 4 and name[:2] == name[-2:] == "__"
            and name[2] != "_" and name[-3] != "_")


def _is_sunder(name):
    return (len(name) > 2 and name[0] == name[-1] == "_"
            and name[1] != "_" and name[-2] != "_")


def _is_private(cls_name, name):
    pattern = f"_{cls_name.lstrip('_')}__"
    return (len(name) > len(pattern) and name.startswith(pattern)
            and not name.endswith("__"))


def _is_descriptor(obj):
    # ouro's functions have no __get__ attribute: test for them by type.
    return (isinstance(obj, type(_is_dunder)) or hasattr(obj, "__get__") or hasattr(obj, "__set__")
            or hasattr(obj, "__delete__")
            or isinstance(obj, (classmethod, staticmethod, _builtin_property)))


class property(_builtin_property):
    """A property for enum members (CPython's enum.property); here the
    builtin property.
    """


class _EnumDict(dict):
    """The class body's namespace: keeps member names in order and turns
    auto() into values.
    """

    def __init__(self, cls_name, generate):
        super().__init__()
        self._cls_name = cls_name
        self._member_names = []
        self._last_values = []
        self._generate = generate

    def __setitem__(self, key, value):
        if _is_private(self._cls_name, key):
            pass
        elif _is_sunder(key):
            if key == "_generate_next_value_":
                self._generate = value.__func__ if isinstance(value, staticmethod) else value
        elif _is_dunder(key):
            if key == "__order__":
                key = "_order_"
        elif key in self._member_names:
            raise TypeError(f"{key!r} already defined as {self[key]!r}")
        elif not _is_descriptor(value):
            if key in self:
                raise TypeError(f"{key!r} already defined as {self[key]!r}")
            if isinstance(value, auto):
                if value.value is _auto_null:
                    value.value = self._generate(
                        key, 1, len(self._member_names), self._last_values[:])
                value = value.value
            elif isinstance(value, tuple) and any(isinstance(v, auto) for v in value):
                parts = []
                for v in value:
                    if isinstance(v, auto):
                        if v.value is _auto_null:
                            v.value = self._generate(
                                key, 1, len(self._member_names), self._last_values[:])
                        v = v.value
                    parts.append(v)
                value = tuple(parts)
            self._member_names.append(key)
            self._last_values.append(value)
        super().__setitem__(key, value)


def _find_data_type(bases):
    """The first non-enum builtin-ish type among the bases' MROs (int for
    IntEnum), or object.
    """
    for chain in bases:
        for base in chain.__mro__:
            if base is object:
                continue
            if isinstance(base, EnumType):
                continue
            if "__new__" in base.__dict__ or base in (int, str, float, tuple):
                return base
    return object


def _bit_length(n):
    # ouro's int has no bit_length() yet.
    return len(bin(abs(n))) - 2 if n else 0


def _high_bit(n):
    return _bit_length(n) - 1


class EnumType(type):
    """Metaclass for Enum"""

    @classmethod
    def __prepare__(metacls, cls, bases, **kwds):
        generate = None
        for base in bases:
            g = getattr(base, "_generate_next_value_", None)
            if g is not None:
                generate = g
                break
        if generate is None:
            generate = _generate_next_value
        return _EnumDict(cls, generate)

    def __new__(metacls, cls, bases, classdict, *, boundary=None, _simple=False, **kwds):
        for base in bases:
            if isinstance(base, EnumType) and base._member_names_:
                raise TypeError(f"<enum {cls!r}> cannot extend {base!r}")
        member_names = list(getattr(classdict, "_member_names", ()))
        values = {name: dict.__getitem__(classdict, name) for name in member_names}
        ns = {k: v for k, v in classdict.items() if k not in values}
        ns.pop("_ignore_", None)
        ns.pop("_order_", None)
        if "_generate_next_value_" in classdict:
            g = classdict["_generate_next_value_"]
            ns["_generate_next_value_"] = g if isinstance(g, staticmethod) else staticmethod(g)
        member_type = _find_data_type(bases)
        custom_new = ns.get("__new__")
        if custom_new is not None:
            ns["_new_member_"] = custom_new
            del ns["__new__"]
        enum_class = super().__new__(metacls, cls, bases, ns, **kwds)
        type.__setattr__(enum_class, "_member_names_", [])
        type.__setattr__(enum_class, "_member_map_", {})
        type.__setattr__(enum_class, "_value2member_map_", {})
        type.__setattr__(enum_class, "_member_type_", member_type)
        # A mixed-in data type's repr/str/format come before Enum's in the
        # MRO (IntEnum is (int, ReprEnum)); as CPython's EnumType does, use
        # the enum's unless the class body defines its own.
        if member_type is not object:
            first_enum = bases[-1] if bases and isinstance(bases[-1], EnumType) else None
            for name in ("__repr__", "__str__", "__format__"):
                if name in classdict or first_enum is None:
                    continue
                found = getattr(enum_class, name)
                if found is getattr(member_type, name) or found is getattr(object, name):
                    type.__setattr__(enum_class, name, getattr(first_enum, name))
        if boundary is not None:
            type.__setattr__(enum_class, "_boundary_", boundary)
        new_member = enum_class.__dict__.get("_new_member_")
        if new_member is None:
            for base in enum_class.__mro__[1:]:
                if "_new_member_" in base.__dict__:
                    new_member = base.__dict__["_new_member_"]
                    break
        if new_member is None:
            new_member = object.__new__ if member_type is object else member_type.__new__
        if isinstance(new_member, staticmethod):
            new_member = new_member.__func__
        use_args = new_member is not object.__new__
        is_flag = Flag is not None and issubclass(enum_class, Flag)
        flag_mask = 0
        for name in member_names:
            value = values[name]
            args = value if isinstance(value, tuple) else (value,)
            if member_type is tuple:
                args = (args,)
            member = new_member(enum_class, *args) if use_args else new_member(enum_class)
            if not hasattr(member, "_value_"):
                if member_type is object:
                    member._value_ = value
                else:
                    member._value_ = member_type(*args)
            value = member._value_
            member._name_ = name
            member.__objclass__ = enum_class
            member.__init__(*args)
            canonical = True
            for existing in enum_class._member_map_.values():
                if existing._value_ == value:
                    member = existing
                    canonical = False
                    break
            if canonical and is_flag and isinstance(value, int):
                if value and value & (value - 1) == 0:
                    flag_mask |= value
                else:
                    canonical = False
            if canonical:
                enum_class._member_names_.append(name)
            enum_class._member_map_[name] = member
            try:
                enum_class._value2member_map_.setdefault(value, member)
            except TypeError:
                pass
            type.__setattr__(enum_class, name, member)
        if is_flag:
            for member in enum_class._member_map_.values():
                if isinstance(member._value_, int):
                    flag_mask |= member._value_
            type.__setattr__(enum_class, "_flag_mask_", flag_mask)
            type.__setattr__(enum_class, "_all_bits_", 2 ** _bit_length(flag_mask) - 1)
        return enum_class

    def __bool__(cls):
        return True

    def __call__(cls, value, names=None, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        if names is None:
            return cls.__new_lookup(value)
        return cls._create_(value, names, module=module, qualname=qualname,
                            type=type, start=start, boundary=boundary)

    def __new_lookup(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except KeyError:
            pass
        except TypeError:
            for member in cls._member_map_.values():
                if member._value_ == value:
                    return member
        result = cls._missing_(value)
        if isinstance(result, cls):
            return result
        if result is not None:
            raise TypeError(f"error in {cls.__name__}._missing_: returned "
                            f"{result!r} instead of None or a valid member")
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    def _create_(cls, class_name, names, *, module=None, qualname=None,
                 type=None, start=1, boundary=None):
        bases = (cls,) if type is None else (type, cls)
        classdict = cls.__prepare__(class_name, bases)
        if isinstance(names, str):
            names = names.replace(",", " ").split()
        if isinstance(names, (tuple, list)) and names and isinstance(names[0], str):
            original, names = names, []
            last_values = []
            for count, name in enumerate(original):
                value = classdict._generate(name, start, count, last_values[:])
                last_values.append(value)
                names.append((name, value))
        items = names.items() if hasattr(names, "items") else names
        for name, value in items:
            classdict[name] = value
        if module is None:
            try:
                module = sys._getframe(2).f_globals["__name__"]
            except (AttributeError, ValueError, KeyError):
                pass
        if module is not None:
            classdict["__module__"] = module
        if qualname is not None:
            classdict["__qualname__"] = qualname
        metacls = cls.__class__
        return metacls.__new__(metacls, class_name, bases, classdict, boundary=boundary)

    def __contains__(cls, member):
        if not isinstance(member, Enum):
            raise TypeError(
                "unsupported operand type(s) for 'in': "
                f"'{type(member).__qualname__}' and '{cls.__class__.__qualname__}'")
        return isinstance(member, cls) and member._name_ in cls._member_map_

    def __delattr__(cls, attr):
        if attr in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"{cls.__name__!r} cannot delete member {attr!r}.")
        super().__delattr__(attr)

    def __getitem__(cls, name):
        return cls._member_map_[name]

    def __iter__(cls):
        return (cls._member_map_[name] for name in cls._member_names_)

    def __reversed__(cls):
        return (cls._member_map_[name] for name in reversed(cls._member_names_))

    def __len__(cls):
        return len(cls._member_names_)

    @_builtin_property
    def __members__(cls):
        return dict(cls._member_map_)

    def __repr__(cls):
        if Flag is not None and issubclass(cls, Flag):
            return f"<flag {cls.__name__!r}>"
        return f"<enum {cls.__name__!r}>"

    def __setattr__(cls, name, value):
        if name in cls.__dict__.get("_member_map_", {}):
            raise AttributeError(f"cannot reassign member {name!r}")
        super().__setattr__(name, value)


EnumMeta = EnumType


def _generate_next_value(name, start, count, last_values):
    if not last_values:
        return start
    try:
        return sorted(last_values)[-1] + 1
    except TypeError:
        for v in reversed(last_values):
            try:
                return v + 1
            except TypeError:
                pass
        return start


class Enum(metaclass=EnumType):
    """Create a collection of name/value pairs."""

    _generate_next_value_ = staticmethod(_generate_next_value)

    @classmethod
    def _missing_(cls, value):
        return None

    def __init__(self, *args, **kwds):
        pass

    def __repr__(self):
        v_repr = self.__class__._value_repr_ or repr
        return f"<{self.__class__.__name__}.{self._name_}: {v_repr(self._value_)}>"

    def __str__(self):
        return f"{self.__class__.__name__}.{self._name_}"

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __dir__(self):
        return ["__class__", "__doc__", "__eq__", "__hash__", "__module__",
                "name", "value"]

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self

    def __setattr__(self, name, value):
        if name in ("name", "value"):
            raise AttributeError(f"<enum 'Enum'> cannot set attribute {name!r}")
        object.__setattr__(self, name, value)

    @_builtin_property
    def name(self):
        """The name of the Enum member."""
        return self._name_

    @_builtin_property
    def value(self):
        """The value of the Enum member."""
        return self._value_


Enum._value_repr_ = None


class ReprEnum(Enum):
    """Only changes the repr(), leaving str() and format() to the mixed-in
    type.
    """


class IntEnum(int, ReprEnum):
    """Enum where members are also (and must be) ints"""

    def __str__(self):
        return repr(int(self))

    def __format__(self, format_spec):
        return format(int(self), format_spec)


class StrEnum(str, ReprEnum):
    """Enum where members are also (and must be) strings"""

    def __new__(cls, *values):
        if len(values) > 3:
            raise TypeError(f"too many arguments for str(): {values!r}")
        if len(values) == 1 and not isinstance(values[0], str):
            raise TypeError(f"{values[0]!r} is not a string")
        value = str(*values)
        member = str.__new__(cls, value)
        member._value_ = value
        return member

    def __str__(self):
        return self._value_

    def __format__(self, format_spec):
        return format(self._value_, format_spec)

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()


class FlagBoundary(Enum):
    STRICT = "strict"
    CONFORM = "conform"
    EJECT = "eject"
    KEEP = "keep"


STRICT, CONFORM, EJECT, KEEP = FlagBoundary


def _flag_next_value(name, start, count, last_values):
    if not count:
        return start if start is not None else 1
    last_value = max(last_values)
    try:
        high_bit = _high_bit(last_value)
    except Exception:
        raise TypeError(f"invalid flag value {last_value!r}") from None
    return 2 ** (high_bit + 1)


def _bin(num, max_bits=None):
    ceiling = 2 ** _bit_length(num)
    if num >= 0:
        s = bin(num + ceiling).replace("1", "0", 1)
    else:
        s = bin(~num ^ (ceiling - 1) + ceiling)
    sign = s[:3]
    digits = s[3:]
    if max_bits is not None and len(digits) < max_bits:
        digits = (sign[-1] * max_bits + digits)[-max_bits:]
    return f"{sign} {digits}"


class Flag(Enum, boundary=STRICT):
    """Support for flags"""

    _generate_next_value_ = staticmethod(_flag_next_value)

    @classmethod
    def _missing_(cls, value):
        if not isinstance(value, int):
            raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")
        flag_mask = cls._flag_mask_
        boundary = cls.__dict__.get("_boundary_") or getattr(cls, "_boundary_", STRICT)
        if value < 0:
            neg_value = value
            value = cls._all_bits_ + 1 + value
        else:
            neg_value = None
        if value & ~flag_mask and boundary is STRICT:
            max_bits = max(_bit_length(value), _bit_length(flag_mask))
            raise ValueError(f"{cls!r} invalid value {neg_value if neg_value is not None else value!r}\n"
                             f"    given {_bin(value, max_bits)}\n"
                             f"  allowed {_bin(flag_mask, max_bits)}")
        if boundary is CONFORM:
            value &= flag_mask
        if cls._member_type_ is object:
            pseudo = object.__new__(cls)
        else:
            pseudo = cls._member_type_.__new__(cls, value)
        pseudo._value_ = value
        members = [m for m in cls if m._value_ & value]
        covered = 0
        for m in members:
            covered |= m._value_
        extra = value & ~covered
        if members or extra:
            names = [m._name_ for m in members]
            if extra:
                names.append(str(extra))
            pseudo._name_ = "|".join(names)
        else:
            pseudo._name_ = None
        return cls._value2member_map_.setdefault(value, pseudo)

    def __repr__(self):
        cls_name = self.__class__.__name__
        v_repr = self.__class__._value_repr_ or repr
        if self._name_ is None:
            return f"<{cls_name}: {v_repr(self._value_)}>"
        return f"<{cls_name}.{self._name_}: {v_repr(self._value_)}>"

    def __str__(self):
        cls_name = self.__class__.__name__
        if self._name_ is None:
            return f"{cls_name}({self._value_!r})"
        return f"{cls_name}.{self._name_}"

    def __contains__(self, other):
        if not isinstance(other, self.__class__):
            raise TypeError(
                f"unsupported operand type(s) for 'in': "
                f"'{type(other).__qualname__}' and '{self.__class__.__qualname__}'")
        return other._value_ & self._value_ == other._value_

    def __iter__(self):
        for member in self.__class__:
            if member._value_ & self._value_:
                yield member

    def __len__(self):
        return bin(self._value_).count("1")

    def __bool__(self):
        return bool(self._value_)

    def _get_value(self, flag):
        if isinstance(flag, self.__class__):
            return flag._value_
        if self._member_type_ is not object and isinstance(flag, self._member_type_):
            return flag
        return NotImplemented

    def __or__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ | other_value)

    def __and__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ & other_value)

    def __xor__(self, other):
        other_value = self._get_value(other)
        if other_value is NotImplemented:
            return NotImplemented
        return self.__class__(self._value_ ^ other_value)

    def __invert__(self):
        return self.__class__(self._flag_mask_ ^ self._value_)

    __ror__ = __or__
    __rand__ = __and__
    __rxor__ = __xor__


class IntFlag(int, ReprEnum, Flag, boundary=KEEP):
    """Support for integer-based Flags"""

    def __str__(self):
        return repr(int(self))

    def __format__(self, format_spec):
        return format(int(self), format_spec)

    # int's operators come first in the MRO; the flag ones must win.
    __or__ = Flag.__or__
    __and__ = Flag.__and__
    __xor__ = Flag.__xor__
    __ror__ = Flag.__ror__
    __rand__ = Flag.__rand__
    __rxor__ = Flag.__rxor__

    def __invert__(self):
        return self.__class__(self._flag_mask_ ^ self._value_)


def unique(enumeration):
    """Class decorator for enumerations ensuring unique member values."""
    duplicates = []
    for name, member in enumeration.__members__.items():
        if name != member.name:
            duplicates.append((name, member.name))
    if duplicates:
        alias_details = ", ".join(f"{alias} -> {name}" for alias, name in duplicates)
        raise ValueError(f"duplicate values found in {enumeration!r}: {alias_details}")
    return enumeration


# CPython's EnumCheck is a StrEnum; ouro cannot subclass str yet.
class EnumCheck(Enum):
    """various conditions to check an enumeration for"""

    CONTINUOUS = "no skipped integer values"
    NAMED_FLAGS = "multi-flag aliases may not contain unnamed flags"
    UNIQUE = "one name per value"


CONTINUOUS, NAMED_FLAGS, UNIQUE = EnumCheck


class verify:
    """Check an enumeration for various constraints (only UNIQUE is
    checked here).
    """

    def __init__(self, *checks):
        self.checks = checks

    def __call__(self, enumeration):
        if UNIQUE in self.checks:
            unique(enumeration)
        return enumeration


def global_enum(cls, update_str=False):
    """Export the members of `cls` into its module's globals."""
    module = sys.modules[cls.__module__].__dict__
    module.update(cls.__members__)
    return cls
