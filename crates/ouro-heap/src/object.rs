//! Object headers and reference-counted handles: the object-handle layer.
//!
//! Why unsafe is needed here: a Python object is a block of the private heap
//! that many owners share. [`ObjRef`] is a counted pointer to such a block; its
//! payload is reached by pointer arithmetic and cast to the Rust type its
//! [`Kind`] names. All of that is in this module and in [`crate::heap`]; the
//! rest of ouro uses the safe API below.
//!
//! # Memory layout of an object
//!
//! ```text
//!            +--------------------------+  only when F_GC is set
//!            | GcLink   next, prev      |  16 bytes, the collector's link
//!  ObjRef -> +--------------------------+
//!            | refcnt: u32              |
//!            | kind: u8  flags: u8      |  ObjHeader, 16 bytes
//!            | tflags: u8 borrow: u8    |
//!            | ty: *const ObjHeader     |
//!            +--------------------------+
//!            | payload (Kind-specific)  |  size_of::<T>() or variable (tuple, str)
//!            +--------------------------+  only when F_ATTRS is set
//!            | Attrs (instance dict)    |  24 bytes, at an 8-aligned offset
//!            +--------------------------+
//! ```
//!
//! `id(obj)` is the address of the header, as in CPython (where the GC head
//! also precedes the object).
//!
//! # Invariants (the `SAFETY` comments refer to them by name)
//!
//! - **LIVE**: while an `ObjRef` exists its object's memory is allocated and
//!   its header initialised; `refcnt` counts the `ObjRef`s (plus raw owners
//!   such as the type pointer of instances of heap types, see `TYPE_REF`).
//! - **KIND**: `kind` never changes after allocation, and the payload at
//!   `PAYLOAD_OFFSET` is a valid, initialised value of the Rust type that
//!   `kind` names ([`Payload::KIND`]); variable-size payloads are followed by
//!   exactly `len` elements.
//! - **BORROW**: the `borrow` byte tracks access to mutable payloads like a
//!   `RefCell` flag: 0 free, `1..=254` shared borrows, 255 exclusive. Shared
//!   payloads ([`Frozen`]) are never mutated after construction except through
//!   `Cell`s (and under `UNIQUE`), so they need no tracking.
//! - **UNIQUE**: an object whose count is 1, reached through the `&mut`
//!   of the handle that owns that count and with no weak references, is
//!   seen by nothing else: no other handle exists and no payload reference
//!   derived from this one is live, so its frozen payload may be rewritten
//!   (`ObjRef::reuse_float`, `ObjRef::unique_tuple_items`).
//! - **LAYOUT**: `F_GC` and `F_ATTRS` never change after allocation; they
//!   alone (with the kind and the variable length) determine the block size.
//! - **TYPE_REF**: `ty` is never null after construction; if the type has
//!   `T_HEAP`, the object holds one counted reference to it, released at
//!   teardown.
//! - **TEARDOWN**: an object is torn down only at refcount zero, when no
//!   `ObjRef` to it exists, so no borrow of its payload can be alive.
//! - **FREE_LIST**: a block on one of the heap's free lists (floats,
//!   tuples of one length, lists, dicts) is an allocated block of that
//!   list's size that holds no object; its first word links to the next
//!   such block (null at the end). Only allocations of that type and size
//!   take blocks off the list, and only a full collection
//!   (`heap::clear_free_lists`) gives them back to the allocator.
//! - **NATIVE_TYPE**: the `type_id` in a [`NativeObj`]'s box is the
//!   `TypeId` of the payload beside it; both are private to the crate and
//!   set together, only by `NativeObj::new`.

use std::cell::Cell;
use std::fmt;
use std::marker::PhantomData;
use std::mem::{align_of, size_of};
use std::ops::{Deref, DerefMut};
use std::ptr::NonNull;

use crate::heap;
use crate::layout::{Attrs, NativeObj, NativePayload, Tagged};

/// The collector's link, kept before the header of container objects.
/// Mirrors CPython's `PyGC_Head`.
#[repr(C)]
///
/// Between collections both words are addresses of the neighbouring links
/// in a generation's list (`next == 0`: not tracked). During a collection
/// the low bits carry the collector's marks and `prev` its `gc_refs` count
/// (see [`crate::gc`]).
pub struct GcLink {
    pub(crate) next: Cell<usize>,
    pub(crate) prev: Cell<usize>,
}

/// Payload layouts. The Python-visible type is `ty`; the kind says which
/// Rust struct the payload is (`True` is an `Int` whose type is `bool`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Kind {
    /// The stack sentinel of the method-call protocol; never visible to Python.
    Null,
    /// Payload-less objects: `None`, `NotImplemented`, `Ellipsis`, `object()`,
    /// and instances of plain classes (with an `Attrs` tail).
    Object,
    Int,
    BigInt,
    Float,
    Str,
    Tuple,
    List,
    Dict,
    Function,
    BuiltinFunction,
    Method,
    Code,
    Type,
    Module,
    Cell,
    Exception,
    Traceback,
    Frame,
    Slice,
    Range,
    SeqIter,
    RangeIter,
    DictIter,
    WeakRef,
    Bytes,
    ByteArray,
    Complex,
    Native,
}

/// Number of kinds, for per-kind statistics.
pub const KIND_COUNT: usize = Kind::Native as usize + 1;

impl Kind {
    /// Whether objects of this kind carry a [`GcLink`] whatever their type.
    /// Mirrors CPython's `Py_TPFLAGS_HAVE_GC` on the builtin types.
    pub const fn is_container(self) -> bool {
        matches!(
            self,
            Kind::Tuple
                | Kind::List
                | Kind::Dict
                | Kind::Function
                | Kind::Method
                | Kind::Type
                | Kind::Module
                | Kind::Cell
                | Kind::Exception
                | Kind::Traceback
                | Kind::Frame
                | Kind::SeqIter
                | Kind::DictIter
                | Kind::WeakRef
                | Kind::Native
        )
    }

    pub const fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Object => "object",
            Kind::Int => "int",
            Kind::BigInt => "bigint",
            Kind::Float => "float",
            Kind::Str => "str",
            Kind::Tuple => "tuple",
            Kind::List => "list",
            Kind::Dict => "dict",
            Kind::Function => "function",
            Kind::BuiltinFunction => "builtin_function",
            Kind::Method => "method",
            Kind::Code => "code",
            Kind::Type => "type",
            Kind::Module => "module",
            Kind::Cell => "cell",
            Kind::Exception => "exception",
            Kind::Traceback => "traceback",
            Kind::Frame => "frame",
            Kind::Slice => "slice",
            Kind::Range => "range",
            Kind::SeqIter => "seq_iterator",
            Kind::RangeIter => "range_iterator",
            Kind::DictIter => "dict_iterator",
            Kind::WeakRef => "weakref",
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
            Kind::Complex => "complex",
            Kind::Native => "native",
        }
    }

    pub fn all() -> impl Iterator<Item = Kind> {
        (0..KIND_COUNT as u8).map(Kind::from_index)
    }

    fn from_index(i: u8) -> Kind {
        const ALL: [Kind; KIND_COUNT] = [
            Kind::Null,
            Kind::Object,
            Kind::Int,
            Kind::BigInt,
            Kind::Float,
            Kind::Str,
            Kind::Tuple,
            Kind::List,
            Kind::Dict,
            Kind::Function,
            Kind::BuiltinFunction,
            Kind::Method,
            Kind::Code,
            Kind::Type,
            Kind::Module,
            Kind::Cell,
            Kind::Exception,
            Kind::Traceback,
            Kind::Frame,
            Kind::Slice,
            Kind::Range,
            Kind::SeqIter,
            Kind::RangeIter,
            Kind::DictIter,
            Kind::WeakRef,
            Kind::Bytes,
            Kind::ByteArray,
            Kind::Complex,
            Kind::Native,
        ];
        ALL[(i as usize).min(KIND_COUNT - 1)]
    }
}

/// Object flags (the `flags` byte).
pub mod flags {
    /// A [`super::GcLink`] precedes the header.
    pub const F_GC: u8 = 0x01;
    /// An [`crate::layout::Attrs`] tail follows the payload.
    pub const F_ATTRS: u8 = 0x02;
    /// `__del__` has run (PEP 442: at most once per object).
    pub const F_FINALIZED: u8 = 0x04;
    /// Weak references to the object exist (its list is in the heap's
    /// weak-reference table, see [`crate::weakref`]).
    pub const F_WEAKREFS: u8 = 0x08;
    /// A str in the interned table.
    pub const F_INTERNED: u8 = 0x10;
    /// The object's type has a finalizer, but this object needs no call of
    /// it when its count reaches zero (a generator that is not suspended:
    /// CPython's `_PyGen_Finalize` does nothing for it), so it is freed at
    /// once instead of going through the finalizer queue. The collector
    /// still finalizes it as any object with a finalizer (PEP 442).
    pub const F_NO_FINALIZER: u8 = 0x20;
    /// An exception on its way out of a nested run of the interpreter
    /// loop (to the Rust code that called back into Python), already
    /// chained to the exception handled where it was raised: the loop it
    /// returns to does not chain it again (CPython chains once, when the
    /// exception is set).
    pub const F_RAISED: u8 = 0x40;
    /// An interned str that has been an instance attribute's name (in an
    /// instance's inline attributes) at some time; never cleared. A name
    /// without it shadows no method on any instance, so a cached method
    /// load needs no look at the instance's attributes.
    pub const F_ATTR_NAME: u8 = 0x80;
}

/// Type flags (the `tflags` byte), meaningful on type objects only.
pub mod tflags {
    /// A class made by a `class` statement: instances own a reference to it.
    pub const T_HEAP: u8 = 0x01;
    /// Instances have a `__del__` to run before teardown.
    pub const T_HAS_DEL: u8 = 0x02;
    /// Instances carry an `Attrs` tail.
    pub const T_HAS_ATTRS: u8 = 0x04;
    /// The type may be subclassed.
    pub const T_BASETYPE: u8 = 0x08;
    /// A class in the MRO defines `__getattribute__` in Python.
    pub const T_GETATTRIBUTE: u8 = 0x10;
    /// A class in the MRO defines `__setattr__` or `__delattr__` in Python.
    pub const T_SETATTR: u8 = 0x20;
    /// A class in the MRO defines `__getattr__`.
    pub const T_GETATTR: u8 = 0x40;
    /// Instances have no `__dict__`: every class in the MRO defines
    /// `__slots__` without `"__dict__"`, so only slot names may be set.
    pub const T_SLOTS: u8 = 0x80;
}

/// The object header: CPython's `PyObject`, with the count narrowed to 32
/// bits to make room for the kind, the flags and the borrow state.
#[repr(C)]
pub struct ObjHeader {
    refcnt: Cell<u32>,
    kind: Kind,
    flags: Cell<u8>,
    tflags: Cell<u8>,
    borrow: Cell<u8>,
    ty: Cell<*const ObjHeader>,
}

const _: () = assert!(size_of::<ObjHeader>() == 16);
const _: () = assert!(size_of::<GcLink>() == 16);
const _: () = assert!(size_of::<ObjRef>() == 8);
const _: () = assert!(size_of::<Option<ObjRef>>() == 8);

const BORROW_EXCLUSIVE: u8 = u8::MAX;

/// Offset of the payload from the header.
pub(crate) const PAYLOAD_OFFSET: usize = size_of::<ObjHeader>();

impl ObjHeader {
    pub(crate) fn new(kind: Kind, flags: u8, ty: *const ObjHeader) -> ObjHeader {
        ObjHeader {
            refcnt: Cell::new(1),
            kind,
            flags: Cell::new(flags),
            tflags: Cell::new(0),
            borrow: Cell::new(0),
            ty: Cell::new(ty),
        }
    }

    pub(crate) fn refcnt(&self) -> u32 {
        self.refcnt.get()
    }

    /// The borrow byte (BORROW): 0 when no Rust code holds the payload.
    pub(crate) fn borrow_state(&self) -> u8 {
        self.borrow.get()
    }

    pub(crate) fn set_refcnt(&self, n: u32) {
        self.refcnt.set(n)
    }

    pub(crate) fn kind(&self) -> Kind {
        self.kind
    }

    pub(crate) fn flags(&self) -> u8 {
        self.flags.get()
    }

    pub(crate) fn set_flag(&self, f: u8, on: bool) {
        let old = self.flags.get();
        self.flags.set(if on { old | f } else { old & !f });
    }

    pub(crate) fn ty_ptr(&self) -> *const ObjHeader {
        self.ty.get()
    }

    pub(crate) fn tflags(&self) -> u8 {
        self.tflags.get()
    }

    pub(crate) fn set_ty(&self, ty: *const ObjHeader) {
        self.ty.set(ty)
    }
}

/// Payload types: the Rust struct stored after the header for one [`Kind`].
///
/// # Safety
/// `KIND` must be the kind whose objects are allocated with this payload
/// type; only the heap crate implements this trait.
pub unsafe trait Payload: Sized + 'static {
    const KIND: Kind;
}

/// Payloads that are never mutated after construction except through
/// `Cell`s, so shared references to them need no borrow tracking.
///
/// # Safety
/// The type must have no field that code mutates through `&mut` once the
/// object is published (teardown excepted: it happens when no handle exists).
pub unsafe trait Frozen: Payload {}

/// An owned, counted reference to a heap object. Cloning increments the count;
/// dropping decrements it and frees the object when it reaches zero.
#[repr(transparent)]
pub struct ObjRef {
    ptr: NonNull<ObjHeader>,
    _not_send: PhantomData<*const ObjHeader>,
}

impl ObjRef {
    /// Wraps a pointer whose count the caller transfers to the new handle.
    ///
    /// # Safety
    /// `ptr` points to a live object (LIVE) and the caller owns one count.
    pub(crate) unsafe fn from_raw(ptr: NonNull<ObjHeader>) -> ObjRef {
        ObjRef {
            ptr,
            _not_send: PhantomData,
        }
    }

    #[inline(always)]
    pub(crate) fn header(&self) -> &ObjHeader {
        // SAFETY: LIVE — the handle keeps the object allocated.
        unsafe { self.ptr.as_ref() }
    }

    pub(crate) fn raw(&self) -> NonNull<ObjHeader> {
        self.ptr
    }

    /// The object's identity: its address in the private heap (`id()`).
    #[inline]
    pub fn addr(&self) -> usize {
        self.ptr.as_ptr() as usize
    }

    /// Identity comparison (`is`).
    #[inline(always)]
    pub fn is(&self, other: &ObjRef) -> bool {
        self.ptr == other.ptr
    }

    /// The current reference count.
    #[inline]
    pub fn refcount(&self) -> u32 {
        self.header().refcnt.get()
    }

    #[inline(always)]
    pub fn kind(&self) -> Kind {
        self.header().kind
    }

    #[inline]
    pub fn flags(&self) -> u8 {
        self.header().flags.get()
    }

    #[inline]
    pub fn has_flag(&self, f: u8) -> bool {
        self.header().flags.get() & f != 0
    }

    /// Sets or clears flags that do not affect the layout (`F_GC` and
    /// `F_ATTRS` are ignored: LAYOUT; `F_WEAKREFS` belongs to the heap).
    pub fn set_flag(&self, f: u8, on: bool) {
        let f = f & !(flags::F_GC | flags::F_ATTRS | flags::F_WEAKREFS);
        self.header().set_flag(f, on);
    }

    /// Type flags of a type object.
    #[inline]
    pub fn tflags(&self) -> u8 {
        self.header().tflags.get()
    }

    pub fn set_tflags(&self, f: u8) {
        self.header().tflags.set(f)
    }

    /// The object's Python type, as a new reference.
    #[inline]
    pub fn class(&self) -> ObjRef {
        let ty = self.header().ty.get();
        // SAFETY: TYPE_REF — `ty` is non-null and the type outlives its
        // instances (heap types are owned by them; builtin types by the
        // runtime), so it is live; we take a new count for the new handle.
        unsafe {
            let ty = NonNull::new_unchecked(ty as *mut ObjHeader);
            inc(ty);
            ObjRef::from_raw(ty)
        }
    }

    /// The type flags of the object's type, read without taking a handle
    /// to the type.
    #[inline(always)]
    pub fn class_tflags(&self) -> u8 {
        // SAFETY: TYPE_REF — `ty` is non-null and the type outlives its
        // instances, so it is live while `self` is; the flags are read once
        // and no reference to the type escapes.
        unsafe { (*self.header().ty.get()).tflags.get() }
    }

    /// Whether the object's type is exactly `ty` (no subclass check).
    #[inline(always)]
    pub fn class_is(&self, ty: &ObjRef) -> bool {
        std::ptr::eq(self.header().ty.get(), ty.ptr.as_ptr())
    }

    /// The address of the object's type, for identity checks.
    #[inline(always)]
    pub fn class_addr(&self) -> usize {
        self.header().ty.get() as usize
    }

    /// Changes the object's type (`obj.__class__ = C`). The caller checks that
    /// the layouts are compatible; both types' counts are adjusted here.
    pub fn set_class(&self, ty: &ObjRef) {
        let old = self.class();
        if ty.tflags() & tflags::T_HEAP != 0 {
            std::mem::forget(ty.clone());
        }
        self.header().ty.set(ty.ptr.as_ptr());
        if old.tflags() & tflags::T_HEAP != 0 {
            // SAFETY: TYPE_REF — the object owned one count of its old heap
            // type; `old` (a fresh count) stays alive across this drop.
            unsafe { dec(old.ptr) };
        }
    }

    #[inline(always)]
    fn payload_ptr<T>(&self) -> *mut T {
        // SAFETY: the payload starts PAYLOAD_OFFSET bytes after the header,
        // inside the same allocation (KIND).
        unsafe { (self.ptr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) as *mut T }
    }

    /// Gives a float held only by this handle (count 1, no weak
    /// references) the value `v`, so that an arithmetic result can reuse
    /// the block of an operand that would be freed right after. False, and
    /// nothing changed, for any other object.
    #[inline(always)]
    pub fn reuse_float(&mut self, v: f64) -> bool {
        let h = self.header();
        if h.kind != Kind::Float || h.refcnt.get() != 1 || h.flags.get() & flags::F_WEAKREFS != 0 {
            return false;
        }
        // SAFETY: UNIQUE — the count is 1 and `self` owns it, so no other
        // handle exists; `&mut self` means no payload reference derived
        // from this handle is live. Nothing can observe the write.
        unsafe { (*self.payload_ptr::<crate::layout::FloatObj>()).value = v };
        true
    }

    /// The items of a tuple held only by this handle (count 1, no weak
    /// references), to be replaced in place: CPython's `enumerate`, `zip`
    /// and `dict.items()` iterators hand out one result tuple again once
    /// its user let go of it. None, and nothing lent, for any other object.
    #[inline(always)]
    pub fn unique_tuple_items(&mut self) -> Option<&mut [ObjRef]> {
        let h = self.header();
        if h.kind != Kind::Tuple || h.refcnt.get() != 1 || h.flags.get() & flags::F_WEAKREFS != 0 {
            return None;
        }
        let t = self.payload_ptr::<crate::layout::TupleObj>();
        // SAFETY: UNIQUE — no other handle exists (count 1, owned by
        // `self`), and the slice borrows `self` mutably, so no shared view
        // can be made while it lives. KIND — `len` initialised references
        // follow the TupleObj.
        let items = unsafe {
            let first = (t as *mut u8).add(size_of::<crate::layout::TupleObj>()) as *mut ObjRef;
            std::slice::from_raw_parts_mut(first, (*t).len())
        };
        Some(items)
    }

    /// Shared access to an immutable payload, if the object is of that kind.
    #[inline(always)]
    pub fn get<T: Frozen>(&self) -> Option<&T> {
        if self.kind() == T::KIND {
            // SAFETY: KIND — the payload is a valid `T`; Frozen — nobody
            // mutates it through `&mut` while the handle lives.
            Some(unsafe { &*self.payload_ptr::<T>() })
        } else {
            None
        }
    }

    /// Shared, borrow-tracked access to a mutable payload.
    #[inline(always)]
    pub fn borrow<T: Payload>(&self) -> Option<PRef<'_, T>> {
        if self.kind() != T::KIND {
            return None;
        }
        let h = self.header();
        let b = h.borrow.get();
        if b >= BORROW_EXCLUSIVE - 1 {
            borrow_conflict(self.kind());
        }
        h.borrow.set(b + 1);
        Some(PRef {
            header: h,
            // SAFETY: KIND — a valid `T`; BORROW — no exclusive borrow exists
            // (checked above) and the shared count now covers this one.
            val: unsafe { &*self.payload_ptr::<T>() },
        })
    }

    /// Exclusive, borrow-tracked access to a mutable payload.
    #[inline(always)]
    pub fn borrow_mut<T: Payload>(&self) -> Option<PMut<'_, T>> {
        if self.kind() != T::KIND {
            return None;
        }
        let h = self.header();
        if h.borrow.get() != 0 {
            borrow_conflict(self.kind());
        }
        h.borrow.set(BORROW_EXCLUSIVE);
        Some(PMut {
            header: h,
            // SAFETY: KIND — a valid `T`; BORROW — no other borrow exists
            // (checked above) and the flag now excludes new ones.
            val: unsafe { &mut *self.payload_ptr::<T>() },
        })
    }

    /// Whether the object carries instance attributes.
    #[inline]
    pub fn has_attrs(&self) -> bool {
        self.has_flag(flags::F_ATTRS)
    }

    #[inline(always)]
    fn attrs_ptr(&self) -> *mut Attrs {
        let kind = self.kind();
        // Plain instances (the common case) have no payload and no items.
        let off = if kind == Kind::Object {
            attrs_offset(Kind::Object, 0)
        } else {
            attrs_offset(kind, self.var_len())
        };
        // SAFETY: LAYOUT — with F_ATTRS set, an `Attrs` lives at this offset
        // inside the allocation.
        unsafe { (self.ptr.as_ptr() as *mut u8).add(off) as *mut Attrs }
    }

    /// Shared access to the instance attributes (shares the payload's
    /// borrow flag).
    #[inline(always)]
    pub fn attrs(&self) -> Option<PRef<'_, Attrs>> {
        if !self.has_attrs() {
            return None;
        }
        let h = self.header();
        let b = h.borrow.get();
        if b >= BORROW_EXCLUSIVE - 1 {
            borrow_conflict(self.kind());
        }
        h.borrow.set(b + 1);
        Some(PRef {
            header: h,
            // SAFETY: LAYOUT — F_ATTRS means an initialised Attrs is there;
            // BORROW as in `borrow`.
            val: unsafe { &*self.attrs_ptr() },
        })
    }

    /// Exclusive access to the instance attributes.
    #[inline(always)]
    pub fn attrs_mut(&self) -> Option<PMut<'_, Attrs>> {
        if !self.has_attrs() {
            return None;
        }
        let h = self.header();
        if h.borrow.get() != 0 {
            borrow_conflict(self.kind());
        }
        h.borrow.set(BORROW_EXCLUSIVE);
        Some(PMut {
            header: h,
            // SAFETY: LAYOUT and BORROW as in `attrs`.
            val: unsafe { &mut *self.attrs_ptr() },
        })
    }

    /// The element count of a variable-size object (tuple items, str bytes).
    #[inline]
    pub(crate) fn var_len(&self) -> usize {
        match self.kind() {
            Kind::Tuple => self.get::<crate::layout::TupleObj>().map_or(0, |t| t.len()),
            Kind::Str => self
                .get::<crate::layout::StrObj>()
                .map_or(0, |s| s.byte_len()),
            Kind::BigInt => self
                .get::<crate::layout::BigIntObj>()
                .map_or(0, |b| b.len()),
            Kind::Bytes => self.get::<crate::layout::BytesObj>().map_or(0, |b| b.len()),
            _ => 0,
        }
    }

    /// The number of bytes this object's block occupies in the heap.
    pub fn alloc_size(&self) -> usize {
        block_size(self.kind(), self.flags(), self.var_len())
    }
}

#[cold]
#[inline(never)]
fn borrow_conflict(kind: Kind) -> ! {
    panic!(
        "internal error: conflicting access to a {} object's payload",
        kind.name()
    )
}

/// Increments a count.
///
/// # Safety
/// `p` points to a live object.
#[inline(always)]
pub(crate) unsafe fn inc(p: NonNull<ObjHeader>) {
    // SAFETY: the caller guarantees LIVE.
    let h = unsafe { p.as_ref() };
    // A count that wrapped to zero would free a live object: overflow is
    // an internal error, as it is for `Rc`. It cannot happen in practice:
    // 2^32 references are 32 GiB of pointers, past any heap this runs in.
    match h.refcnt.get().checked_add(1) {
        Some(n) => h.refcnt.set(n),
        None => count_overflow(),
    }
}

#[cold]
#[inline(never)]
fn count_overflow() -> ! {
    panic!("reference count overflow")
}

/// Decrements a count, tearing the object down at zero.
///
/// # Safety
/// `p` points to a live object and the caller gives up one count it owns.
#[inline(always)]
pub(crate) unsafe fn dec(p: NonNull<ObjHeader>) {
    // SAFETY: the caller guarantees LIVE.
    let h = unsafe { p.as_ref() };
    // At least 1: the caller owns a count (and counts never wrap, `inc`).
    let m = h.refcnt.get().wrapping_sub(1);
    h.refcnt.set(m);
    if m == 0 {
        // SAFETY: the count reached zero: the caller's count was the last.
        unsafe { heap::dealloc(p) };
    }
}

impl Clone for ObjRef {
    #[inline(always)]
    fn clone(&self) -> ObjRef {
        // SAFETY: LIVE — `self` keeps the object alive; the new handle owns
        // the new count.
        unsafe {
            inc(self.ptr);
            ObjRef::from_raw(self.ptr)
        }
    }
}

impl Drop for ObjRef {
    #[inline(always)]
    fn drop(&mut self) {
        // SAFETY: LIVE — this handle owns one count, given up here.
        unsafe { dec(self.ptr) }
    }
}

/// A counted reference to an object whose kind was checked once, when the
/// handle was made: its immutable payload is then reached with no further
/// check (a frame's code object, read at every call and return).
pub struct FrozenRef<T: Frozen> {
    obj: ObjRef,
    _payload: PhantomData<T>,
}

impl<T: Frozen> FrozenRef<T> {
    /// The handle, if `obj` is of `T`'s kind; otherwise `obj` back.
    #[inline]
    pub fn new(obj: ObjRef) -> Result<FrozenRef<T>, ObjRef> {
        if obj.kind() == T::KIND {
            Ok(FrozenRef {
                obj,
                _payload: PhantomData,
            })
        } else {
            Err(obj)
        }
    }

    /// The object itself.
    #[inline(always)]
    pub fn obj(&self) -> &ObjRef {
        &self.obj
    }

    /// The object itself, the handle's count with it.
    #[inline]
    pub fn into_obj(self) -> ObjRef {
        self.obj
    }
}

impl<T: Frozen> Deref for FrozenRef<T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        // SAFETY: KIND — checked in `new`, and a kind never changes, so the
        // payload is a valid `T`; Frozen — nobody mutates it through `&mut`
        // while the handle keeps the object alive (LIVE).
        unsafe { &*self.obj.payload_ptr::<T>() }
    }
}

impl<T: Frozen> Clone for FrozenRef<T> {
    #[inline(always)]
    fn clone(&self) -> FrozenRef<T> {
        FrozenRef {
            obj: self.obj.clone(),
            _payload: PhantomData,
        }
    }
}

impl fmt::Debug for ObjRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<{} object at {:#x}>", self.kind().name(), self.addr())
    }
}

/// A shared borrow of a payload.
pub struct PRef<'a, T> {
    header: &'a ObjHeader,
    val: &'a T,
}

impl<T> Deref for PRef<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        self.val
    }
}

impl<T> Drop for PRef<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        let b = self.header.borrow.get();
        self.header.borrow.set(b - 1);
    }
}

/// An exclusive borrow of a payload.
pub struct PMut<'a, T> {
    header: &'a ObjHeader,
    val: &'a mut T,
}

impl<T> Deref for PMut<'_, T> {
    type Target = T;
    #[inline(always)]
    fn deref(&self) -> &T {
        self.val
    }
}

impl<T> DerefMut for PMut<'_, T> {
    #[inline(always)]
    fn deref_mut(&mut self) -> &mut T {
        self.val
    }
}

impl<T> Drop for PMut<'_, T> {
    #[inline(always)]
    fn drop(&mut self) {
        self.header.borrow.set(0);
    }
}

/// Size of the fixed part of a kind's payload.
#[inline(always)]
pub(crate) const fn payload_size(kind: Kind) -> usize {
    use crate::layout::*;
    match kind {
        Kind::Null | Kind::Object => 0,
        Kind::Int => size_of::<IntObj>(),
        Kind::BigInt => size_of::<BigIntObj>(),
        Kind::Float => size_of::<FloatObj>(),
        Kind::Str => size_of::<StrObj>(),
        Kind::Tuple => size_of::<TupleObj>(),
        Kind::List => size_of::<ListObj>(),
        Kind::Dict => size_of::<DictObj>(),
        Kind::Function => size_of::<FunctionObj>(),
        Kind::BuiltinFunction => size_of::<BuiltinFunctionObj>(),
        Kind::Method => size_of::<MethodObj>(),
        Kind::Code => size_of::<CodeObj>(),
        Kind::Type => size_of::<TypeObj>(),
        Kind::Module => size_of::<ModuleObj>(),
        Kind::Cell => size_of::<CellObj>(),
        Kind::Exception => size_of::<ExceptionObj>(),
        Kind::Traceback => size_of::<TracebackObj>(),
        Kind::Frame => size_of::<FrameObj>(),
        Kind::Slice => size_of::<SliceObj>(),
        Kind::Range => size_of::<RangeObj>(),
        Kind::SeqIter => size_of::<SeqIterObj>(),
        Kind::RangeIter => size_of::<RangeIterObj>(),
        Kind::DictIter => size_of::<DictIterObj>(),
        Kind::WeakRef => size_of::<WeakRefObj>(),
        Kind::Bytes => size_of::<BytesObj>(),
        Kind::ByteArray => size_of::<ByteArrayObj>(),
        Kind::Complex => size_of::<ComplexObj>(),
        Kind::Native => size_of::<NativeObj>(),
    }
}

/// Size of one element of a variable-size payload.
#[inline(always)]
pub(crate) const fn item_size(kind: Kind) -> usize {
    match kind {
        Kind::Tuple => size_of::<ObjRef>(),
        Kind::Str | Kind::Bytes => 1,
        Kind::BigInt => size_of::<u32>(),
        _ => 0,
    }
}

const fn round8(n: usize) -> usize {
    (n + 7) & !7
}

/// Offset of the `Attrs` tail from the header.
#[inline(always)]
pub(crate) const fn attrs_offset(kind: Kind, var_len: usize) -> usize {
    round8(PAYLOAD_OFFSET + payload_size(kind) + item_size(kind) * var_len)
}

/// Bytes of the block holding an object. LAYOUT: a function of the kind,
/// the layout flags and the variable length only.
#[inline(always)]
pub(crate) const fn block_size(kind: Kind, flags: u8, var_len: usize) -> usize {
    let gc = if flags & flags::F_GC != 0 {
        size_of::<GcLink>()
    } else {
        0
    };
    let body = if flags & flags::F_ATTRS != 0 {
        attrs_offset(kind, var_len) + size_of::<Attrs>()
    } else {
        PAYLOAD_OFFSET + payload_size(kind) + item_size(kind) * var_len
    };
    gc + body
}

// Every payload must be placeable right after the 16-byte header.
const _: () = assert!(align_of::<crate::layout::TypeObj>() <= 16);

impl NativeObj {
    /// The payload, if it is a `P`.
    #[inline(always)]
    pub fn downcast_ref<P: NativePayload>(&self) -> Option<&P> {
        if self.inner.type_id != std::any::TypeId::of::<P>() {
            return None;
        }
        let p: *const Tagged<dyn NativePayload> = &*self.inner;
        // SAFETY: NATIVE_TYPE — the box was made from a `Tagged<P>`, so its
        // data pointer points to a live one, borrowed here for as long as
        // `self`.
        Some(unsafe { &(*p.cast::<Tagged<P>>()).payload })
    }

    /// The payload, mutably, if it is a `P`.
    #[inline(always)]
    pub fn downcast_mut<P: NativePayload>(&mut self) -> Option<&mut P> {
        if self.inner.type_id != std::any::TypeId::of::<P>() {
            return None;
        }
        let p: *mut Tagged<dyn NativePayload> = &mut *self.inner;
        // SAFETY: NATIVE_TYPE — as in `downcast_ref`, and `&mut self`
        // makes this the only access.
        Some(unsafe { &mut (*p.cast::<Tagged<P>>()).payload })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_count_at_its_maximum_does_not_wrap_when_cloned() {
        let o = crate::alloc_bootstrap_sentinel().unwrap();
        o.header().set_refcnt(u32::MAX);
        let cloned = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| o.clone()));
        let msg = cloned.err().and_then(|e| e.downcast_ref::<&str>().copied());
        assert_eq!(msg, Some("reference count overflow"));
        // Unchanged, not wrapped to zero; back to the one real count.
        assert_eq!(o.header().refcnt(), u32::MAX);
        o.header().set_refcnt(1);
    }
}
