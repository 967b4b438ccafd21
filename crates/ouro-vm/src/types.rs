//! The builtin types: their ids, names, bases and layouts, and type-level
//! operations (MRO, attribute lookup on types, subclass checks).

use ouro_heap::{tflags, Kind, ObjRef, TypeObj};

use crate::vm::Vm;

macro_rules! builtin_types {
    ($($id:ident => $name:literal, $base:ident, $layout:ident, $flags:expr;)*) => {
        /// Builtin type ids; `TypeObj::builtin` holds one, and a class holds
        /// the id of its nearest builtin ancestor.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u16)]
        pub enum T { $($id,)* }

        /// (name, base, layout, flags) of each builtin type, by id.
        pub const BUILTIN_TYPES: &[(T, &str, T, Kind, u8)] = &[
            $((T::$id, $name, T::$base, Kind::$layout, $flags),)*
        ];

        /// How many builtin types there are: `Vm::types` is an array of
        /// this length, so indexing it with a `T` needs no bounds check.
        pub const BUILTIN_TYPE_COUNT: usize = BUILTIN_TYPES.len();
    };
}

const B: u8 = tflags::T_BASETYPE;
const BA: u8 = tflags::T_BASETYPE | tflags::T_HAS_ATTRS;
const N: u8 = 0;

builtin_types! {
    Object => "object", Object, Object, B;
    Type => "type", Object, Type, BA;
    NoneType => "NoneType", Object, Object, N;
    NotImplementedType => "NotImplementedType", Object, Object, N;
    EllipsisType => "ellipsis", Object, Object, N;
    Int => "int", Object, Int, B;
    Bool => "bool", Int, Int, N;
    Float => "float", Object, Float, B;
    Str => "str", Object, Str, B;
    Tuple => "tuple", Object, Tuple, B;
    List => "list", Object, List, B;
    Dict => "dict", Object, Dict, B;
    Function => "function", Object, Function, N;
    BuiltinFunction => "builtin_function_or_method", Object, BuiltinFunction, N;
    MethodDescriptor => "method_descriptor", Object, BuiltinFunction, N;
    Method => "method", Object, Method, N;
    Code => "code", Object, Code, N;
    Module => "module", Object, Module, BA;
    Cell => "cell", Object, Cell, N;
    Frame => "frame", Object, Frame, N;
    Traceback => "traceback", Object, Traceback, N;
    Slice => "slice", Object, Slice, N;
    Range => "range", Object, Range, N;
    ListIterator => "list_iterator", Object, SeqIter, N;
    TupleIterator => "tuple_iterator", Object, SeqIter, N;
    StrIterator => "str_iterator", Object, SeqIter, N;
    StrAsciiIterator => "str_ascii_iterator", Object, SeqIter, N;
    RangeIterator => "range_iterator", Object, RangeIter, N;
    LongRangeIterator => "longrange_iterator", Object, Native, N;
    DictKeyIterator => "dict_keyiterator", Object, DictIter, N;
    DictValueIterator => "dict_valueiterator", Object, DictIter, N;
    DictItemIterator => "dict_itemiterator", Object, DictIter, N;
    DictKeys => "dict_keys", Object, DictIter, N;
    DictValues => "dict_values", Object, DictIter, N;
    DictItems => "dict_items", Object, DictIter, N;
    NullType => "NULL", Object, Null, N;
    Property => "property", Object, Native, B;
    ClassMethod => "classmethod", Object, Native, B;
    StaticMethod => "staticmethod", Object, Native, B;
    Super => "super", Object, Native, B;
    Set => "set", Object, Native, B;
    FrozenSet => "frozenset", Object, Native, B;
    Bytes => "bytes", Object, Bytes, B;
    ByteArray => "bytearray", Object, ByteArray, B;
    BytesIterator => "bytes_iterator", Object, SeqIter, N;
    ByteArrayIterator => "bytearray_iterator", Object, SeqIter, N;
    Complex => "complex", Object, Complex, B;
    Enumerate => "enumerate", Object, Native, B;
    Zip => "zip", Object, Native, B;
    Map => "map", Object, Native, B;
    Filter => "filter", Object, Native, B;
    Reversed => "reversed", Object, Native, B;
    ListReverseIterator => "list_reverseiterator", Object, Native, N;
    SetIterator => "set_iterator", Object, Native, N;
    CallIterator => "callable_iterator", Object, Native, N;
    Generator => "generator", Object, Native, N;
    MemberDescriptor => "member_descriptor", Object, Native, N;
    Coroutine => "coroutine", Object, Native, N;
    AsyncGenerator => "async_generator", Object, Native, N;
    AsyncGenASend => "async_generator_asend", Object, Native, N;
    AsyncGenAThrow => "async_generator_athrow", Object, Native, N;
    AsyncGenWrappedValue => "async_generator_wrapped_value", Object, Native, N;
    TextIO => "_io.TextIOWrapper", Object, Native, N;
    FileHandle => "_io.FileHandle", Object, Native, N;
    WeakRef => "weakref.ReferenceType", Object, WeakRef, B;
    WeakProxy => "weakref.ProxyType", Object, WeakRef, N;
    WeakCallableProxy => "weakref.CallableProxyType", Object, WeakRef, N;
    Random => "_random.Random", Object, Native, B;
    SreCode => "_sre.Code", Object, Native, N;
    MemoryView => "memoryview", Object, Native, N;
    ManagedBuffer => "managedbuffer", Object, Native, N;
    MemoryIterator => "memory_iterator", Object, SeqIter, N;
    ItPermutations => "itertools.permutations", Object, Native, B;
    ItCombinations => "itertools.combinations", Object, Native, B;
    ItCwr => "itertools.combinations_with_replacement", Object, Native, B;
    ItProduct => "itertools.product", Object, Native, B;
    ItCount => "itertools.count", Object, Native, B;
    ItRepeat => "itertools.repeat", Object, Native, B;
    ItChain => "itertools.chain", Object, Native, B;
    ItIslice => "itertools.islice", Object, Native, B;
    ItAccumulate => "itertools.accumulate", Object, Native, B;
    ItStarmap => "itertools.starmap", Object, Native, B;
    ItCycle => "itertools.cycle", Object, Native, B;
    ItPairwise => "itertools.pairwise", Object, Native, B;
    ItZipLongest => "itertools.zip_longest", Object, Native, B;
    ItCompress => "itertools.compress", Object, Native, B;
    ItDropWhile => "itertools.dropwhile", Object, Native, B;
    ItTakeWhile => "itertools.takewhile", Object, Native, B;
    ItFilterFalse => "itertools.filterfalse", Object, Native, B;

    BaseException => "BaseException", Object, Exception, BA;
    SystemExit => "SystemExit", BaseException, Exception, BA;
    KeyboardInterrupt => "KeyboardInterrupt", BaseException, Exception, BA;
    GeneratorExit => "GeneratorExit", BaseException, Exception, BA;
    BaseExceptionGroup => "BaseExceptionGroup", BaseException, Exception, BA;
    Exception => "Exception", BaseException, Exception, BA;
    StopIteration => "StopIteration", Exception, Exception, BA;
    ExceptionGroup => "ExceptionGroup", BaseExceptionGroup, Exception, BA;
    StopAsyncIteration => "StopAsyncIteration", Exception, Exception, BA;
    ArithmeticError => "ArithmeticError", Exception, Exception, BA;
    FloatingPointError => "FloatingPointError", ArithmeticError, Exception, BA;
    OverflowError => "OverflowError", ArithmeticError, Exception, BA;
    ZeroDivisionError => "ZeroDivisionError", ArithmeticError, Exception, BA;
    AssertionError => "AssertionError", Exception, Exception, BA;
    AttributeError => "AttributeError", Exception, Exception, BA;
    BufferError => "BufferError", Exception, Exception, BA;
    EOFError => "EOFError", Exception, Exception, BA;
    ImportError => "ImportError", Exception, Exception, BA;
    ModuleNotFoundError => "ModuleNotFoundError", ImportError, Exception, BA;
    LookupError => "LookupError", Exception, Exception, BA;
    IndexError => "IndexError", LookupError, Exception, BA;
    KeyError => "KeyError", LookupError, Exception, BA;
    MemoryError => "MemoryError", Exception, Exception, BA;
    NameError => "NameError", Exception, Exception, BA;
    UnboundLocalError => "UnboundLocalError", NameError, Exception, BA;
    OSError => "OSError", Exception, Exception, BA;
    FileNotFoundError => "FileNotFoundError", OSError, Exception, BA;
    FileExistsError => "FileExistsError", OSError, Exception, BA;
    PermissionError => "PermissionError", OSError, Exception, BA;
    IsADirectoryError => "IsADirectoryError", OSError, Exception, BA;
    TimeoutError => "TimeoutError", OSError, Exception, BA;
    NotADirectoryError => "NotADirectoryError", OSError, Exception, BA;
    BlockingIOError => "BlockingIOError", OSError, Exception, BA;
    ChildProcessError => "ChildProcessError", OSError, Exception, BA;
    InterruptedError => "InterruptedError", OSError, Exception, BA;
    ProcessLookupError => "ProcessLookupError", OSError, Exception, BA;
    ConnectionError => "ConnectionError", OSError, Exception, BA;
    BrokenPipeError => "BrokenPipeError", ConnectionError, Exception, BA;
    ConnectionAbortedError => "ConnectionAbortedError", ConnectionError, Exception, BA;
    ConnectionRefusedError => "ConnectionRefusedError", ConnectionError, Exception, BA;
    ConnectionResetError => "ConnectionResetError", ConnectionError, Exception, BA;
    ReferenceError => "ReferenceError", Exception, Exception, BA;
    RuntimeError => "RuntimeError", Exception, Exception, BA;
    NotImplementedError => "NotImplementedError", RuntimeError, Exception, BA;
    RecursionError => "RecursionError", RuntimeError, Exception, BA;
    SyntaxError => "SyntaxError", Exception, Exception, BA;
    IndentationError => "IndentationError", SyntaxError, Exception, BA;
    TabError => "TabError", IndentationError, Exception, BA;
    SystemError => "SystemError", Exception, Exception, BA;
    TypeError => "TypeError", Exception, Exception, BA;
    ValueError => "ValueError", Exception, Exception, BA;
    UnicodeError => "UnicodeError", ValueError, Exception, BA;
    UnicodeDecodeError => "UnicodeDecodeError", UnicodeError, Exception, BA;
    UnicodeEncodeError => "UnicodeEncodeError", UnicodeError, Exception, BA;
    Warning => "Warning", Exception, Exception, BA;
    DeprecationWarning => "DeprecationWarning", Warning, Exception, BA;
    RuntimeWarning => "RuntimeWarning", Warning, Exception, BA;
    UserWarning => "UserWarning", Warning, Exception, BA;
    PendingDeprecationWarning => "PendingDeprecationWarning", Warning, Exception, BA;
    SyntaxWarning => "SyntaxWarning", Warning, Exception, BA;
    FutureWarning => "FutureWarning", Warning, Exception, BA;
    ImportWarning => "ImportWarning", Warning, Exception, BA;
    UnicodeWarning => "UnicodeWarning", Warning, Exception, BA;
    BytesWarning => "BytesWarning", Warning, Exception, BA;
    ResourceWarning => "ResourceWarning", Warning, Exception, BA;
    EncodingWarning => "EncodingWarning", Warning, Exception, BA;
}

impl T {
    pub const COUNT: usize = BUILTIN_TYPES.len();

    pub fn from_u16(i: u16) -> Option<T> {
        BUILTIN_TYPES.get(i as usize).map(|e| e.0)
    }

    pub fn name(self) -> &'static str {
        BUILTIN_TYPES[self as usize].1
    }

    /// Whether this is `BaseException` or one of its subclasses.
    pub fn is_exception(self) -> bool {
        self as u16 >= T::BaseException as u16
    }
}

impl Vm {
    /// The builtin type object for `t`.
    #[inline]
    pub fn ty(&self, t: T) -> &ObjRef {
        &self.types[t as usize]
    }

    /// The builtin ancestor id of a type object.
    pub fn builtin_of(&self, ty: &ObjRef) -> T {
        ty.borrow::<TypeObj>()
            .and_then(|t| T::from_u16(t.builtin))
            .unwrap_or(T::Object)
    }

    /// The builtin id of an object's type (or of its nearest builtin base).
    pub fn builtin_type_of(&self, obj: &ObjRef) -> T {
        self.builtin_of(&obj.class())
    }

    /// Whether `obj`'s type is exactly the builtin `t`.
    #[inline(always)]
    pub fn is_exact(&self, obj: &ObjRef, t: T) -> bool {
        obj.class_is(&self.types[t as usize])
    }

    /// The MRO of a type, as a vector of type objects.
    pub fn mro_of(&self, ty: &ObjRef) -> Vec<ObjRef> {
        match ty.borrow::<TypeObj>() {
            Some(t) => t
                .mro
                .get::<ouro_heap::TupleObj>()
                .map(|m| m.items().to_vec())
                .unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// `issubclass(a, b)` for type objects (by MRO).
    pub fn is_subtype(&self, a: &ObjRef, b: &ObjRef) -> bool {
        if a.is(b) {
            return true;
        }
        let Some(t) = a.borrow::<TypeObj>() else {
            return false;
        };
        let mro = t.mro.clone();
        drop(t);
        let Some(items) = mro.get::<ouro_heap::TupleObj>() else {
            return false;
        };
        items.items().iter().any(|m| m.is(b))
    }

    /// `isinstance(obj, ty)` by type (no `__instancecheck__`).
    #[inline]
    pub fn isinstance(&self, obj: &ObjRef, ty: &ObjRef) -> bool {
        obj.class_is(ty) || self.is_subtype(&obj.class(), ty)
    }

    /// Whether `obj` is an instance of the builtin `t` or a subclass.
    #[inline]
    pub fn is_instance_of(&self, obj: &ObjRef, t: T) -> bool {
        let ty = &self.types[t as usize];
        if obj.class_is(ty) {
            return true;
        }
        // Among the builtin types only `object`, `int` (bool) and the
        // exceptions have builtin subtypes; an object of any other builtin
        // type is an instance of `t` only if its type is exactly `t`.
        let cls = obj.class();
        if !Vm::is_heap_type(&cls) && !matches!(t, T::Object | T::Int) && !t.is_exception() {
            return false;
        }
        self.is_subtype(&cls, ty)
    }

    /// Looks `name` up along the MRO of `ty` (CPython's `_PyType_Lookup`),
    /// through the method cache.
    pub fn type_lookup(&self, ty: &ObjRef, name: &ObjRef) -> Option<ObjRef> {
        self.type_lookup_at(ty, name).map(|(_, _, v)| v)
    }

    /// [`Vm::type_lookup`] that also says where the value is: its type's
    /// index in the MRO and its entry in that type's dict.
    pub(crate) fn type_lookup_at(&self, ty: &ObjRef, name: &ObjRef) -> Option<(u32, u32, ObjRef)> {
        let cacheable = name.has_flag(ouro_heap::flags::F_INTERNED);
        let (tag, mro) = {
            let t = ty.borrow::<TypeObj>()?;
            if cacheable {
                match self.method_cache.get(t.tag, name.addr()) {
                    Some(CacheHit::Absent) => return None,
                    Some(CacheHit::At(i, pos)) => {
                        // Still valid: no type dict changed since it was stored.
                        let found = t
                            .mro
                            .get::<ouro_heap::TupleObj>()
                            .and_then(|m| m.items().get(i as usize))
                            .and_then(|owner| {
                                let o = owner.borrow::<TypeObj>()?;
                                let d = o.dict.borrow::<ouro_heap::DictObj>()?;
                                let e = d.table.entry(pos as usize)?;
                                e.key.is(name).then(|| (i, pos, e.value.clone()))
                            });
                        if found.is_some() {
                            return found;
                        }
                    }
                    None => {}
                }
            }
            (t.tag, t.mro.clone())
        };
        let items = mro.get::<ouro_heap::TupleObj>()?;
        for (i, t) in items.items().iter().enumerate() {
            let dict = match t.borrow::<TypeObj>() {
                Some(tt) => tt.dict.clone(),
                None => continue,
            };
            if let Some((pos, v)) = self.dict_find_str(&dict, name) {
                if cacheable {
                    self.method_cache
                        .put(tag, name.addr(), CacheHit::At(i as u32, pos as u32));
                }
                return Some((i as u32, pos as u32, v));
            }
        }
        if cacheable {
            self.method_cache.put(tag, name.addr(), CacheHit::Absent);
        }
        None
    }

    /// Like [`Vm::type_lookup`] but by Rust string.
    pub fn type_lookup_str(&mut self, ty: &ObjRef, name: &str) -> Option<ObjRef> {
        let n = self.intern(name).ok()?;
        self.type_lookup(ty, &n)
    }

    /// The type's `__name__`.
    pub fn type_name(&self, ty: &ObjRef) -> String {
        match ty.borrow::<TypeObj>() {
            Some(t) => self.str_of(&t.name).to_string(),
            None => "?".to_string(),
        }
    }

    /// The type's `__qualname__`.
    pub fn type_qualname(&self, ty: &ObjRef) -> String {
        match ty.borrow::<TypeObj>() {
            Some(t) => self.str_of(&t.qualname).to_string(),
            None => "?".to_string(),
        }
    }

    /// CPython's `tp_name`: a builtin type's full dotted name
    /// (`_random.Random`), a class's `__name__`.
    pub fn tp_name(&self, ty: &ObjRef) -> String {
        if Vm::is_heap_type(ty) {
            return self.type_name(ty);
        }
        let t = self.builtin_of(ty);
        if ty.is(self.ty(t)) {
            t.name().to_string()
        } else {
            self.type_name(ty)
        }
    }

    /// The name of an object's type, as in error messages.
    pub fn type_name_of(&self, obj: &ObjRef) -> String {
        self.type_name(&obj.class())
    }

    /// Whether the type is a class made by a `class` statement.
    pub fn is_heap_type(ty: &ObjRef) -> bool {
        ty.tflags() & tflags::T_HEAP != 0
    }

    /// Whether `o`'s type is a heap type (made by a `class` statement).
    #[inline(always)]
    pub fn is_heap_class_of(o: &ObjRef) -> bool {
        o.class_tflags() & tflags::T_HEAP != 0
    }
}

/// Computes the C3 linearisation of a class with `bases`. Mirrors CPython's
/// `mro_implementation`; returns None when no consistent order exists.
/// The C3 linearisation of `cls` with `bases`; on a conflict, the heads
/// left unmerged (what CPython's error message names).
pub fn c3_mro(
    cls: &ObjRef,
    bases: &[ObjRef],
    base_mros: &[Vec<ObjRef>],
) -> Result<Vec<ObjRef>, Vec<ObjRef>> {
    let mut result = vec![cls.clone()];
    let mut seqs: Vec<Vec<ObjRef>> = base_mros.to_vec();
    seqs.push(bases.to_vec());
    loop {
        seqs.retain(|s| !s.is_empty());
        if seqs.is_empty() {
            return Ok(result);
        }
        let mut candidate = None;
        for s in &seqs {
            let head = &s[0];
            let in_tail = seqs.iter().any(|t| t[1..].iter().any(|x| x.is(head)));
            if !in_tail {
                candidate = Some(head.clone());
                break;
            }
        }
        let Some(c) = candidate else {
            let mut heads: Vec<ObjRef> = Vec::new();
            for s in &seqs {
                if !heads.iter().any(|h| h.is(&s[0])) {
                    heads.push(s[0].clone());
                }
            }
            return Err(heads);
        };
        for s in seqs.iter_mut() {
            if s[0].is(&c) {
                s.remove(0);
            }
        }
        result.push(c);
    }
}

/// What the method cache knows about a (type, name) pair.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CacheHit {
    /// Not found anywhere in the MRO.
    Absent,
    /// Found in the dict of `mro[.0]`, at entry position `.1`.
    At(u32, u32),
}

#[derive(Clone, Copy)]
struct CacheEntry {
    tag: u64,
    name: usize,
    epoch: u64,
    hit: CacheHit,
}

const CACHE_SIZE: usize = 4096;

/// The type attribute cache, after CPython's (`_PyType_Lookup`'s
/// `method_cache`): a direct-mapped table from (type tag, interned name) to
/// where the attribute was found. It stores locations, not objects, so it
/// holds no references (counts stay exact). Any change to any type's
/// namespace bumps the epoch, invalidating every entry.
pub(crate) struct MethodCache {
    entries: Vec<std::cell::Cell<CacheEntry>>,
    epoch: std::cell::Cell<u64>,
    next_tag: std::cell::Cell<u64>,
}

impl MethodCache {
    pub(crate) fn new() -> MethodCache {
        let empty = CacheEntry {
            tag: 0,
            name: 0,
            epoch: u64::MAX,
            hit: CacheHit::Absent,
        };
        MethodCache {
            entries: vec![std::cell::Cell::new(empty); CACHE_SIZE],
            epoch: std::cell::Cell::new(0),
            next_tag: std::cell::Cell::new(1 << 16),
        }
    }

    pub(crate) fn next_tag(&self) -> u64 {
        let t = self.next_tag.get();
        self.next_tag.set(t + 1);
        t
    }

    /// The current epoch: it moves whenever any type's namespace changes
    /// or a class is created (see [`crate::attrcache`]).
    #[inline(always)]
    pub(crate) fn epoch(&self) -> u64 {
        self.epoch.get()
    }

    pub(crate) fn invalidate(&self) {
        self.epoch.set(self.epoch.get() + 1);
    }

    fn slot(tag: u64, name: usize) -> usize {
        let h = (tag as usize).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (name >> 4);
        (h ^ (h >> 17)) & (CACHE_SIZE - 1)
    }

    fn get(&self, tag: u64, name: usize) -> Option<CacheHit> {
        let e = self.entries.get(Self::slot(tag, name))?.get();
        (e.tag == tag && e.name == name && e.epoch == self.epoch.get()).then_some(e.hit)
    }

    fn put(&self, tag: u64, name: usize, hit: CacheHit) {
        if let Some(c) = self.entries.get(Self::slot(tag, name)) {
            c.set(CacheEntry {
                tag,
                name,
                epoch: self.epoch.get(),
                hit,
            });
        }
    }
}
