//! Object layouts: the payload struct of each [`Kind`].
//!
//! These are plain Rust structs; the behaviour of the objects lives in the
//! VM. What the heap needs from them is here: which fields are references
//! (for teardown, and for the collector's traversal) and in which order
//! CPython releases them.

use std::any::{Any, TypeId};
use std::cell::Cell;
use std::ptr::NonNull;
use std::rc::Rc;

use num_bigint::BigInt;
use ouro_bytecode::CodeObject;

use crate::dict::DictTable;
use crate::heap::HVec;
use crate::object::{Frozen, Kind, ObjHeader, ObjRef, Payload};

macro_rules! payload {
    ($t:ty, $k:expr) => {
        // SAFETY: objects of this kind are allocated with this payload type
        // (the allocation functions take `T: Payload` and use `T::KIND`).
        unsafe impl Payload for $t {
            const KIND: Kind = $k;
        }
    };
    ($t:ty, $k:expr, frozen) => {
        payload!($t, $k);
        // SAFETY: the type's fields are immutable after construction or `Cell`s.
        unsafe impl Frozen for $t {}
    };
}

/// The payload of payload-less objects: `object()`, `None`, and instances
/// of plain classes (whose attributes live in the `Attrs` tail).
pub struct UnitObj;
payload!(UnitObj, Kind::Object, frozen);

/// A small int: one that fits in 64 bits. Ints outside that range are
/// [`BigIntObj`]s; the VM keeps every int in the narrowest form.
pub struct IntObj {
    pub value: i64,
}
payload!(IntObj, Kind::Int, frozen);

/// An int outside 64 bits: sign and magnitude, the magnitude as `len`
/// little-endian 32-bit limbs stored inline after this fixed part (CPython
/// keeps 30-bit digits inline the same way, so ouro's big ints are never
/// larger than CPython's).
pub struct BigIntObj {
    /// -1 or 1 (0 is a small int).
    sign: i32,
    len: u32,
}
payload!(BigIntObj, Kind::BigInt, frozen);

impl BigIntObj {
    pub(crate) fn new_header(sign: i32, len: usize) -> BigIntObj {
        BigIntObj {
            sign,
            len: len as u32,
        }
    }

    /// Number of 32-bit limbs.
    #[inline]
    pub fn len(&self) -> usize {
        self.len as usize
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The magnitude, least significant limb first.
    #[inline]
    pub fn limbs(&self) -> &[u32] {
        crate::heap::bigint_limbs(self)
    }

    pub fn is_negative(&self) -> bool {
        self.sign < 0
    }

    /// The value, if it fits in 128 bits.
    pub fn to_i128(&self) -> Option<i128> {
        let limbs = self.limbs();
        if limbs.len() > 4 {
            return None;
        }
        let m = limbs
            .iter()
            .rev()
            .fold(0u128, |acc, &l| (acc << 32) | l as u128);
        if self.sign < 0 {
            0i128.checked_sub_unsigned(m)
        } else {
            i128::try_from(m).ok()
        }
    }

    /// The value.
    pub fn value(&self) -> BigInt {
        let sign = if self.sign < 0 {
            num_bigint::Sign::Minus
        } else {
            num_bigint::Sign::Plus
        };
        BigInt::from_slice(sign, self.limbs())
    }
}

pub struct FloatObj {
    pub value: f64,
}
payload!(FloatObj, Kind::Float, frozen);

/// A complex number: two doubles, as CPython's `Py_complex`.
pub struct ComplexObj {
    pub re: f64,
    pub im: f64,
}
payload!(ComplexObj, Kind::Complex, frozen);

/// A str: UTF-8 bytes stored inline after this fixed part. The code point
/// count is kept so that ASCII strings (`nchars == nbytes`) index in O(1).
pub struct StrObj {
    hash: Cell<i64>,
    nchars: usize,
    nbytes: usize,
}
payload!(StrObj, Kind::Str, frozen);

impl StrObj {
    pub(crate) fn new_header(nchars: usize, nbytes: usize) -> StrObj {
        StrObj {
            hash: Cell::new(-1),
            nchars,
            nbytes,
        }
    }

    /// The string's text.
    #[inline]
    pub fn as_str(&self) -> &str {
        crate::heap::str_bytes(self)
    }

    /// Length in code points (`len(s)`).
    #[inline]
    pub fn char_len(&self) -> usize {
        self.nchars
    }

    #[inline]
    pub fn byte_len(&self) -> usize {
        self.nbytes
    }

    #[inline]
    pub fn is_ascii(&self) -> bool {
        self.nchars == self.nbytes
    }

    /// The cached hash, or -1 if not computed yet (as CPython's `hash` field).
    #[inline]
    pub fn cached_hash(&self) -> i64 {
        self.hash.get()
    }

    #[inline]
    pub fn set_cached_hash(&self, h: i64) {
        self.hash.set(h)
    }
}

/// A bytes object: `len` bytes stored inline after this fixed part, as
/// CPython's `PyBytesObject` keeps them (without its trailing NUL).
pub struct BytesObj {
    hash: Cell<i64>,
    len: usize,
}
payload!(BytesObj, Kind::Bytes, frozen);

impl BytesObj {
    pub(crate) fn new_header(len: usize) -> BytesObj {
        BytesObj {
            hash: Cell::new(-1),
            len,
        }
    }

    /// The bytes.
    #[inline]
    pub fn as_bytes(&self) -> &[u8] {
        crate::heap::bytes_data(self)
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The cached hash, or -1 if not computed yet (CPython's `ob_shash`).
    #[inline]
    pub fn cached_hash(&self) -> i64 {
        self.hash.get()
    }

    #[inline]
    pub fn set_cached_hash(&self, h: i64) {
        self.hash.set(h)
    }
}

/// A bytearray: a growable buffer in the private heap. Like CPython's
/// `PyByteArrayObject` it holds no references and is not a container.
pub struct ByteArrayObj {
    pub data: HVec<u8>,
    /// Live buffer exports (CPython's `ob_exports`): managed buffers of
    /// memoryviews. While it is non-zero the buffer must not be resized,
    /// because views address it by offset.
    pub exports: Cell<usize>,
}

impl ByteArrayObj {
    pub fn new(data: HVec<u8>) -> ByteArrayObj {
        ByteArrayObj {
            data,
            exports: Cell::new(0),
        }
    }
}
payload!(ByteArrayObj, Kind::ByteArray);

/// A tuple: `len` references stored inline after this fixed part.
pub struct TupleObj {
    len: usize,
}
payload!(TupleObj, Kind::Tuple, frozen);

impl TupleObj {
    pub(crate) fn new_header(len: usize) -> TupleObj {
        TupleObj { len }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub fn items(&self) -> &[ObjRef] {
        crate::heap::tuple_items(self)
    }
}

pub struct ListObj {
    pub items: HVec<ObjRef>,
}
payload!(ListObj, Kind::List);

pub struct DictObj {
    pub table: DictTable,
}
payload!(DictObj, Kind::Dict);

/// A Python function. Mirrors CPython's `PyFunctionObject`.
pub struct FunctionObj {
    pub code: ObjRef,
    pub globals: ObjRef,
    pub builtins: ObjRef,
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub module: Option<ObjRef>,
    pub defaults: Option<ObjRef>,
    pub kwdefaults: Option<ObjRef>,
    pub doc: Option<ObjRef>,
    pub dict: Option<ObjRef>,
    pub closure: Option<ObjRef>,
    pub annotations: Option<ObjRef>,
}
payload!(FunctionObj, Kind::Function);

/// A function implemented in Rust: a builtin, a module function, or a method
/// descriptor of a builtin type (`list.append`), bound or not.
pub struct BuiltinFunctionObj {
    /// Index into the VM's table of native functions.
    pub id: u32,
    pub name: &'static str,
    /// The bound object (`[].append`), or the module for module functions.
    pub bound: Option<ObjRef>,
    /// For method descriptors: the type defining the method.
    pub owner: Option<ObjRef>,
}
payload!(BuiltinFunctionObj, Kind::BuiltinFunction, frozen);

/// A bound method. Mirrors CPython's `PyMethodObject`.
pub struct MethodObj {
    pub func: ObjRef,
    pub self_: ObjRef,
}
payload!(MethodObj, Kind::Method, frozen);

/// What `LOAD_GLOBAL` found for one name of a code object: the entry
/// position in the globals (or, if absent there, in the builtins), valid
/// while both dicts keep the key versions recorded (see
/// [`crate::DictTable::keys_version`]). CPython 3.11 caches the same in the
/// instruction stream (`LOAD_GLOBAL_MODULE`, `LOAD_GLOBAL_BUILTIN`).
#[derive(Clone, Copy, Debug, Default)]
pub struct GlobalCache {
    pub globals_version: u64,
    /// 0 when the name was found in the globals.
    pub builtins_version: u64,
    pub pos: u32,
}

/// An attribute instruction's cache (`LOAD_ATTR`/`LOAD_METHOD` or
/// `STORE_ATTR`, one per name of a code object): what the last lookup of
/// the name on an object of type `key` found, valid while the VM's type
/// epoch (or, for a module, its dict's keys version) is `version`. It holds
/// positions, not objects, so it owns no references. The VM's
/// `attrcache` module gives the kinds their meaning.
#[derive(Clone, Copy, Debug, Default)]
pub struct AttrCache {
    /// The address of the type (or of the module) the entry is for.
    pub key: usize,
    pub version: u64,
    pub kind: u8,
    pub a: u32,
    pub b: u32,
}

/// A code object: the compiled code plus its constants and names as objects.
pub struct CodeObj {
    pub code: Rc<CodeObject>,
    pub consts: Vec<ObjRef>,
    /// Interned names for the name, attribute and global instructions.
    pub names: Vec<ObjRef>,
    /// Interned parameter and local names (keyword-argument matching).
    pub varnames: Vec<ObjRef>,
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub filename: ObjRef,
    /// One `LOAD_GLOBAL` cache per name.
    pub global_cache: Box<[Cell<GlobalCache>]>,
    /// One `LOAD_ATTR`/`LOAD_METHOD` cache per name.
    pub load_cache: Box<[Cell<AttrCache>]>,
    /// One `STORE_ATTR` cache per name.
    pub store_cache: Box<[Cell<AttrCache>]>,
    /// The number of positional arguments a call binds by moving them
    /// into the first slots, with nothing else to set up (CPython's
    /// `CALL_PY_EXACT_ARGS`): `argcount` when the code takes no `*args`,
    /// `**kwargs` or keyword-only parameters, has no cells and is not a
    /// generator or coroutine; `u32::MAX` otherwise.
    pub exact_args: u32,
}
payload!(CodeObj, Kind::Code, frozen);

impl CodeObj {
    /// [`CodeObj::exact_args`] for `code`.
    pub fn exact_args_of(code: &CodeObject) -> u32 {
        use ouro_bytecode::code_flags;
        let plain = code.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS) == 0
            && code.kwonlyargcount == 0
            && !code.is_generator_like()
            && code.cellvars.is_empty()
            && code.freevars.is_empty();
        if plain {
            code.argcount
        } else {
            u32::MAX
        }
    }
}

/// A type object. Mirrors the parts of CPython's `PyTypeObject` that are data.
pub struct TypeObj {
    pub name: ObjRef,
    pub qualname: ObjRef,
    pub bases: ObjRef,
    pub base: Option<ObjRef>,
    pub mro: ObjRef,
    pub dict: ObjRef,
    /// The payload kind of instances.
    pub layout: Kind,
    /// Which builtin type this is (or the builtin ancestor of a class).
    pub builtin: u16,
    /// A unique identity for the VM's method cache, never reused (an address
    /// can be, once a type is freed).
    pub tag: u64,
    /// A fact the VM derived from the type's namespaces and keeps here
    /// (positions, never references), valid while the VM's type epoch is
    /// the one recorded.
    pub vm_cache: Cell<TypeCache>,
}
payload!(TypeObj, Kind::Type);

/// See [`TypeObj::vm_cache`]: an epoch and two positions whose meaning the
/// VM gives them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TypeCache {
    pub epoch: u64,
    pub a: u32,
    pub b: u32,
}

impl Default for TypeCache {
    /// Nothing recorded: an epoch the VM never reaches.
    fn default() -> TypeCache {
        TypeCache {
            epoch: u64::MAX,
            a: 0,
            b: 0,
        }
    }
}

pub struct ModuleObj {
    pub name: ObjRef,
    pub dict: ObjRef,
}
payload!(ModuleObj, Kind::Module, frozen);

/// A closure cell. Mirrors CPython's `PyCellObject`.
pub struct CellObj {
    pub value: Option<ObjRef>,
}
payload!(CellObj, Kind::Cell);

/// A `BaseException` instance. Extra attributes (of subclasses and of
/// exceptions such as `StopIteration.value`) live in the `Attrs` tail that
/// every exception carries.
pub struct ExceptionObj {
    pub args: ObjRef,
    pub traceback: Option<ObjRef>,
    pub context: Option<ObjRef>,
    pub cause: Option<ObjRef>,
    pub suppress_context: bool,
    pub notes: Option<ObjRef>,
}
payload!(ExceptionObj, Kind::Exception);

/// A traceback entry. Mirrors CPython's `PyTracebackObject`.
pub struct TracebackObj {
    pub next: Option<ObjRef>,
    pub frame: ObjRef,
    /// Instruction index in the frame's code.
    pub lasti: u32,
    pub lineno: u32,
}
payload!(TracebackObj, Kind::Traceback);

/// A frame object: made when a frame must outlive its activation (tracebacks,
/// introspection). While the activation runs, the VM owns the locals; when it
/// ends, they move here (CPython's `take_ownership`).
pub struct FrameObj {
    pub code: ObjRef,
    pub globals: ObjRef,
    pub back: Option<ObjRef>,
    pub locals: Vec<Option<ObjRef>>,
    /// The namespace of module and class frames.
    pub namespace: Option<ObjRef>,
    pub lasti: u32,
    pub lineno: u32,
    /// Whether the activation is still on the VM's frame stack.
    pub live: bool,
}
payload!(FrameObj, Kind::Frame);

pub struct SliceObj {
    pub start: ObjRef,
    pub stop: ObjRef,
    pub step: ObjRef,
}
payload!(SliceObj, Kind::Slice, frozen);

/// `range(start, stop, step)`; the bounds are int objects, the length is
/// precomputed by the VM.
pub struct RangeObj {
    pub start: ObjRef,
    pub stop: ObjRef,
    pub step: ObjRef,
    pub length: ObjRef,
}
payload!(RangeObj, Kind::Range, frozen);

/// Iterator over a list, tuple or str by index. The sequence is released when
/// the iterator is exhausted, as CPython does.
pub struct SeqIterObj {
    pub seq: Cell<Option<ObjRef>>,
    pub index: Cell<usize>,
}
payload!(SeqIterObj, Kind::SeqIter, frozen);

/// Iterator over a range whose values fit in 64 bits.
pub struct RangeIterObj {
    pub next: Cell<i64>,
    pub step: i64,
    pub remaining: Cell<u64>,
}
payload!(RangeIterObj, Kind::RangeIter, frozen);

/// What a dict iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DictIterWhat {
    Keys,
    Values,
    Items,
}

pub struct DictIterObj {
    pub dict: Cell<Option<ObjRef>>,
    pub pos: Cell<usize>,
    /// `len(d)` when iteration started, to detect resizing.
    pub used: Cell<usize>,
    pub what: DictIterWhat,
    /// An items iterator's result tuple, handed out again while nothing
    /// else holds it (CPython's `di_result`).
    pub result: Cell<Option<ObjRef>>,
}
payload!(DictIterObj, Kind::DictIter, frozen);

/// A weak reference: `weakref.ref` and the proxies. Mirrors CPython's
/// `PyWeakReference`. The referent is not counted: the heap clears it when
/// the referent dies, before the referent's memory is freed (the WEAKREF
/// invariant of [`crate::weakref`]), so a set referent is always live.
pub struct WeakRefObj {
    pub(crate) referent: Cell<Option<NonNull<ObjHeader>>>,
    pub(crate) callback: Cell<Option<ObjRef>>,
    /// The cached hash of the referent, or -1 (CPython's `hash` field).
    pub hash: Cell<i64>,
}
payload!(WeakRefObj, Kind::WeakRef, frozen);

impl WeakRefObj {
    /// Whether the referent has died (or been cleared by the collector).
    pub fn is_dead(&self) -> bool {
        self.referent.get().is_none()
    }

    /// The callback, as a new reference.
    pub fn callback(&self) -> Option<ObjRef> {
        let cb = self.callback.take();
        let out = cb.clone();
        self.callback.set(cb);
        out
    }

    pub fn has_callback(&self) -> bool {
        let cb = self.callback.take();
        let has = cb.is_some();
        self.callback.set(cb);
        has
    }
}

/// Payloads defined outside the heap crate.
pub trait NativePayload: Any {
    /// Moves every reference the payload holds into `out`, in the reverse of
    /// the order they should be released.
    fn take_children(&mut self, out: &mut Vec<ObjRef>);
    /// Calls `visit` on every reference the payload holds.
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef));
    /// Heap bytes owned beyond the object block.
    fn heap_size(&self) -> usize {
        0
    }
}

/// A payload defined outside the heap crate, boxed with its concrete type
/// recorded, so that `NativeObj::downcast_ref` (in `object.rs`) is one
/// comparison, not a call through the vtable (invariant NATIVE_TYPE). The
/// type goes in the box, not in the object, so the object's block stays a
/// pointer pair.
pub struct NativeObj {
    pub(crate) inner: Box<Tagged<dyn NativePayload>>,
}

/// A native payload and its `TypeId`.
pub struct Tagged<P: ?Sized> {
    pub(crate) type_id: TypeId,
    pub(crate) payload: P,
}

impl NativeObj {
    pub fn new<P: NativePayload>(payload: P) -> NativeObj {
        NativeObj {
            inner: Box::new(Tagged {
                type_id: TypeId::of::<P>(),
                payload,
            }),
        }
    }

    /// The payload, as the trait object.
    pub fn payload(&self) -> &dyn NativePayload {
        &self.inner.payload
    }
}

payload!(NativeObj, Kind::Native);

/// Instance attributes: inline name/value pairs in the order they were set,
/// until `__dict__` is asked for; then a real dict object that the instance
/// shares with its users (CPython 3.11's materialised `__dict__`).
pub enum Attrs {
    Inline(HVec<(ObjRef, ObjRef)>),
    Dict(ObjRef),
}

impl Default for Attrs {
    fn default() -> Attrs {
        Attrs::Inline(crate::heap::hvec())
    }
}

impl Attrs {
    /// Moves the references out, in reverse release order.
    pub(crate) fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        match std::mem::take(self) {
            Attrs::Inline(pairs) => {
                for (k, v) in pairs.into_iter().rev() {
                    out.push(v);
                    out.push(k);
                }
            }
            Attrs::Dict(d) => out.push(d),
        }
    }

    /// Visits the values (CPython 3.11's `_PyObject_VisitInstanceAttributes`
    /// visits values, not the shared keys), or the materialised dict.
    pub fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        match self {
            Attrs::Inline(pairs) => {
                for (_, v) in pairs {
                    visit(v);
                }
            }
            Attrs::Dict(d) => visit(d),
        }
    }
}

fn push_opt(out: &mut Vec<ObjRef>, o: Option<ObjRef>) {
    if let Some(o) = o {
        out.push(o);
    }
}

/// How the heap releases an object's references at teardown: each payload
/// moves them to `out` in the reverse of the order CPython's `tp_dealloc`
/// releases them (the heap pops from the end, so the last pushed goes first).
pub trait Children {
    fn take_children(&mut self, out: &mut Vec<ObjRef>);
}

impl Children for ListObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // list_dealloc releases the items last to first.
        out.extend(self.items.drain(..));
    }
}

impl Children for DictObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // dict_dealloc releases key then value, in insertion order.
        for e in self.table.drain_entries().rev() {
            out.push(e.value);
            out.push(e.key);
        }
    }
}

impl Children for FunctionObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // func_clear's order, then code, name and qualname (func_dealloc).
        out.push(self.qualname.clone());
        out.push(self.name.clone());
        out.push(self.code.clone());
        push_opt(out, self.annotations.take());
        push_opt(out, self.closure.take());
        push_opt(out, self.dict.take());
        push_opt(out, self.doc.take());
        push_opt(out, self.kwdefaults.take());
        push_opt(out, self.defaults.take());
        push_opt(out, self.module.take());
        out.push(self.builtins.clone());
        out.push(self.globals.clone());
    }
}

impl Children for BuiltinFunctionObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.owner.take());
        push_opt(out, self.bound.take());
    }
}

impl Children for MethodObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.self_.clone());
        out.push(self.func.clone());
    }
}

impl Children for CodeObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.filename.clone());
        out.push(self.qualname.clone());
        out.push(self.name.clone());
        out.append(&mut self.varnames);
        out.append(&mut self.names);
        out.append(&mut self.consts);
    }
}

impl Children for TypeObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.dict.clone());
        out.push(self.mro.clone());
        push_opt(out, self.base.take());
        out.push(self.bases.clone());
        out.push(self.qualname.clone());
        out.push(self.name.clone());
    }
}

impl Children for ModuleObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.dict.clone());
        out.push(self.name.clone());
    }
}

impl Children for CellObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.value.take());
    }
}

impl Children for ExceptionObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // BaseException_clear: (dict,) args, notes, traceback, cause, context.
        push_opt(out, self.context.take());
        push_opt(out, self.cause.take());
        push_opt(out, self.traceback.take());
        push_opt(out, self.notes.take());
        out.push(self.args.clone());
    }
}

impl Children for TracebackObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.frame.clone());
        push_opt(out, self.next.take());
    }
}

impl Children for FrameObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.namespace.take());
        // Locals go in co_varnames order, as at a function's return.
        for l in std::mem::take(&mut self.locals).into_iter().rev().flatten() {
            out.push(l);
        }
        out.push(self.globals.clone());
        out.push(self.code.clone());
        push_opt(out, self.back.take());
    }
}

impl Children for SliceObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // slice_dealloc: step, start, stop.
        out.push(self.stop.clone());
        out.push(self.start.clone());
        out.push(self.step.clone());
    }
}

impl Children for RangeObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.length.clone());
        out.push(self.step.clone());
        out.push(self.stop.clone());
        out.push(self.start.clone());
    }
}

impl Children for SeqIterObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.seq.take());
    }
}

impl Children for DictIterObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.result.take());
        push_opt(out, self.dict.take());
    }
}

impl Children for NativeObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        self.inner.payload.take_children(out);
    }
}

impl Children for WeakRefObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        push_opt(out, self.callback.take());
    }
}

/// How the collector sees an object's references: CPython's `tp_traverse`.
/// Every reference the payload *owns* (holds a count of) is visited exactly
/// once, and nothing else: a visited reference the object does not own
/// would make the collector free a live object.
pub trait Traverse {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef));
}

fn visit_opt(visit: &mut dyn FnMut(&ObjRef), o: &Option<ObjRef>) {
    if let Some(o) = o {
        visit(o);
    }
}

/// Visits the reference in a `Cell<Option<ObjRef>>` without keeping a borrow.
fn visit_cell(visit: &mut dyn FnMut(&ObjRef), c: &Cell<Option<ObjRef>>) {
    let v = c.take();
    if let Some(o) = &v {
        visit(o);
    }
    c.set(v);
}

impl Traverse for TupleObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        // tupletraverse visits the items last to first.
        self.items().iter().rev().for_each(visit);
    }
}

impl Traverse for ListObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        // list_traverse visits the items last to first.
        self.items.iter().rev().for_each(visit);
    }
}

impl Traverse for DictObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        // dict_traverse: each entry's value, then its key.
        for e in self.table.iter() {
            visit(&e.value);
            visit(&e.key);
        }
    }
}

impl Traverse for FunctionObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.code);
        visit(&self.globals);
        visit(&self.builtins);
        visit_opt(visit, &self.module);
        visit_opt(visit, &self.defaults);
        visit_opt(visit, &self.kwdefaults);
        visit_opt(visit, &self.doc);
        visit(&self.name);
        visit_opt(visit, &self.dict);
        visit_opt(visit, &self.closure);
        visit_opt(visit, &self.annotations);
        visit(&self.qualname);
    }
}

impl Traverse for BuiltinFunctionObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_opt(visit, &self.bound);
        visit_opt(visit, &self.owner);
    }
}

impl Traverse for MethodObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.func);
        visit(&self.self_);
    }
}

impl Traverse for CodeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        self.consts.iter().for_each(&mut *visit);
        self.names.iter().for_each(&mut *visit);
        self.varnames.iter().for_each(&mut *visit);
        visit(&self.name);
        visit(&self.qualname);
        visit(&self.filename);
    }
}

impl Traverse for TypeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.dict);
        visit(&self.mro);
        visit(&self.bases);
        visit_opt(visit, &self.base);
        visit(&self.name);
        visit(&self.qualname);
    }
}

impl Traverse for ModuleObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.dict);
        visit(&self.name);
    }
}

impl Traverse for CellObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_opt(visit, &self.value);
    }
}

impl Traverse for ExceptionObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.args);
        visit_opt(visit, &self.notes);
        visit_opt(visit, &self.traceback);
        visit_opt(visit, &self.context);
        visit_opt(visit, &self.cause);
    }
}

impl Traverse for TracebackObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_opt(visit, &self.next);
        visit(&self.frame);
    }
}

impl Traverse for FrameObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_opt(visit, &self.back);
        visit(&self.code);
        visit(&self.globals);
        self.locals.iter().flatten().for_each(&mut *visit);
        visit_opt(visit, &self.namespace);
    }
}

impl Traverse for SliceObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
    }
}

impl Traverse for RangeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.start);
        visit(&self.stop);
        visit(&self.step);
        visit(&self.length);
    }
}

impl Traverse for SeqIterObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_cell(visit, &self.seq);
    }
}

impl Traverse for DictIterObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_cell(visit, &self.dict);
        visit_cell(visit, &self.result);
    }
}

impl Traverse for WeakRefObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit_cell(visit, &self.callback);
    }
}

impl Traverse for NativeObj {
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        self.inner.payload.traverse(visit);
    }
}

// The layouts the documented sizes depend on (list 56, instance 56, dict 48).
const _: () = assert!(std::mem::size_of::<ListObj>() == 24);
const _: () = assert!(std::mem::size_of::<Attrs>() == 24);
const _: () = assert!(std::mem::size_of::<DictObj>() <= 32);
