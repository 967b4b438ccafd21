//! The private heap: allocation of objects, and their teardown when the last
//! reference goes. Together with [`crate::object`] this is the object-handle
//! layer, the only code that turns raw blocks into objects and back.
//!
//! # One heap per thread
//!
//! The heap is a thread-local singleton, like CPython's per-interpreter
//! obmalloc state: `ObjRef::drop` takes no context, so teardown must find the
//! allocator on its own. An interpreter uses the heap of the thread it runs
//! on. Objects are `!Send`, so they never meet another thread's heap. The
//! hot paths reach the state through `HEAP_PTR`, a plain pointer that is
//! non-null exactly while the state is alive (set on first use, cleared
//! when its destructor starts); after that, frees find no heap and leak.
//!
//! # Teardown without recursion
//!
//! CPython frees an object the moment its count reaches zero and releases its
//! references depth-first (`list_dealloc` decrefs the items last to first,
//! each possibly freeing a whole subtree first). Doing that with Rust
//! recursion would overflow the stack on a ten-million-deep list. Instead,
//! the first teardown on the stack becomes the *driver*: every object reaching
//! zero while it runs has its references moved onto one explicit stack (in
//! the reverse of CPython's release order) and its block freed at once; the
//! driver pops and drops the references one by one. Popping from the top
//! visits a child's children before the child's siblings, which is exactly
//! CPython's depth-first order, with constant Rust stack depth.
//!
//! # Finalizers (PEP 442)
//!
//! An object whose type defines `__del__` is not torn down at zero: it is
//! resurrected (count 1, owned by the heap) and queued. The VM runs queued
//! finalizers at its next instruction boundary, marks the object finalized,
//! and drops it; if the finalizer did not resurrect it, it is then torn down.
//! The queue is ordered so that finalizers run in the order CPython's
//! immediate calls would: all finalizable objects found by one teardown run in
//! release order, and those a finalizer's teardown uncovers run before the
//! rest (they are pushed on top).
//!
//! Running Python code only at instruction boundaries also means a drop never
//! runs Python code: no payload borrow can be disturbed by a teardown.

use std::alloc::Layout;
use std::cell::{Cell, UnsafeCell};
use std::mem::size_of;
use std::ptr::{self, NonNull};

use ouro_alloc::{AllocStats, Allocator};

use crate::layout::*;
use crate::object::{
    block_size, flags, tflags, GcLink, Kind, ObjHeader, ObjRef, Payload, KIND_COUNT, PAYLOAD_OFFSET,
};

/// The allocator refused: the heap limit was reached or the system is out
/// of memory. The VM raises `MemoryError`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoMemory;

/// Work the VM must do at its next instruction boundary: run a finalizer
/// or call a weak reference's callback. Both hold a count of their object.
pub enum Pending {
    /// Run `__del__` of the object, then mark it finalized.
    Finalize(ObjRef),
    /// Call the callback (second) with the now dead weak reference
    /// (first). The callback was taken out of the weakref when its
    /// referent died, as CPython's `PyObject_ClearWeakRefs` does.
    WeakCallback(ObjRef, ObjRef),
}

/// Counters of the object heap.
#[derive(Clone, Debug, Default)]
pub struct HeapStats {
    /// Live objects per [`Kind`] (indexed by `kind as usize`).
    pub live: [usize; KIND_COUNT],
    pub allocated_total: u64,
    pub freed_total: u64,
}

impl HeapStats {
    pub fn live_total(&self) -> usize {
        self.live.iter().sum()
    }
}

pub(crate) struct HeapState {
    alloc: Allocator,
    /// The cycle collector's generations and settings.
    pub(crate) gc: crate::gc::GcState,
    /// The weak-reference lists of referents.
    pub(crate) weak: crate::weakref::WeakTable,
    /// The VM's empty tuple, put in place of fields the collector clears
    /// that cannot be empty (a type's MRO, an exception's args).
    empty_tuple: Option<ObjRef>,
    /// References waiting to be released by the teardown driver.
    teardown: Vec<ObjRef>,
    in_teardown: bool,
    /// Finalizers and weakref callbacks found by the current teardown, in
    /// release order.
    batch: Vec<Pending>,
    /// Finalizers and callbacks to run; the last runs first. Entries below
    /// `floor` belong to finalizers that are still running (they run after
    /// those finish); new events are queued just above the floor, behind the
    /// entries already waiting there.
    pending: Vec<Pending>,
    floor: usize,
    /// A buffer allocation went past the heap limit (see [`HeapAlloc`]).
    over_limit: bool,
    /// The real limit while a grace margin is granted (see [`GRACE`]).
    grace_base: Option<usize>,
    stats: HeapStats,
    /// CPython 3.11's free lists: blocks of dead exact floats, tuples
    /// (one list per length, 1 to [`TUPLE_MAXSAVESIZE`]), lists and dicts,
    /// kept for the next object of that type and size. The allocator
    /// counts them as in use, as obmalloc does; a full collection gives
    /// them back ([`clear_free_lists`]).
    float_free: FreeList,
    tuple_free: [FreeList; TUPLE_MAXSAVESIZE],
    list_free: FreeList,
    dict_free: FreeList,
}

/// A free list: blocks of one size that hold no object, last in first
/// out, linked through each block's first word (FREE_LIST).
struct FreeList {
    head: *mut u8,
    len: usize,
}

impl FreeList {
    const EMPTY: FreeList = FreeList {
        head: ptr::null_mut(),
        len: 0,
    };

    /// Puts `block` on the list.
    ///
    /// # Safety
    /// `block` is an allocated block of this list's size, at least a word
    /// long and word-aligned, that nothing uses any more.
    #[inline(always)]
    unsafe fn push(&mut self, block: *mut u8) {
        // SAFETY: the caller's guarantee; the block's first word is ours.
        unsafe { block.cast::<*mut u8>().write(self.head) };
        self.head = block;
        self.len += 1;
    }

    /// Takes the block put on last, if any.
    #[inline(always)]
    fn pop(&mut self) -> Option<NonNull<u8>> {
        let b = NonNull::new(self.head)?;
        // SAFETY: FREE_LIST — an allocated block, its first word the link.
        self.head = unsafe { b.as_ptr().cast::<*mut u8>().read() };
        self.len -= 1;
        Some(b)
    }
}

impl HeapState {
    /// After a refusal at the limit: allow [`GRACE`] more bytes until usage
    /// falls back under the limit.
    fn enter_grace(&mut self) {
        if self.grace_base.is_none() {
            if let Some(l) = self.alloc.limit() {
                self.grace_base = Some(l);
                self.alloc.set_limit(Some(l.saturating_add(GRACE)));
            }
        }
    }

    /// Counts an object of `kind` made.
    #[inline(always)]
    fn count_alloc(&mut self, kind: Kind) {
        self.stats.live[kind as usize] += 1;
        self.stats.allocated_total += 1;
    }

    /// Counts an object of `kind` gone.
    #[inline(always)]
    fn count_free(&mut self, kind: Kind) {
        self.stats.live[kind as usize] -= 1;
        self.stats.freed_total += 1;
    }

    /// Gives `block` back to the allocator, withdrawing the grace margin
    /// once that makes room.
    ///
    /// # Safety
    /// `block` came from `self.alloc` with `size` bytes and is not used
    /// again.
    #[inline(always)]
    unsafe fn free_block(&mut self, block: NonNull<u8>, size: usize) {
        // SAFETY: the caller's guarantee.
        unsafe { self.alloc.free(block, size) };
        if self.grace_base.is_some() {
            self.check_grace();
        }
    }

    fn check_grace(&mut self) {
        if let Some(base) = self.grace_base {
            // Withdrawn once freeing has made real room under the limit.
            if self.alloc.footprint().saturating_add(GRACE) <= base {
                self.alloc.set_limit(Some(base));
                self.grace_base = None;
            }
        }
    }

    fn new() -> HeapState {
        HeapState {
            alloc: Allocator::new(),
            gc: crate::gc::GcState::new(),
            weak: crate::weakref::WeakTable::default(),
            empty_tuple: None,
            teardown: Vec::new(),
            in_teardown: false,
            batch: Vec::new(),
            pending: Vec::new(),
            floor: 0,
            over_limit: false,
            grace_base: None,
            stats: HeapStats::default(),
            float_free: FreeList::EMPTY,
            tuple_free: [const { FreeList::EMPTY }; TUPLE_MAXSAVESIZE],
            list_free: FreeList::EMPTY,
            dict_free: FreeList::EMPTY,
        }
    }
}

impl Drop for HeapState {
    fn drop(&mut self) {
        // From here on the state is reached only through `HEAP`, which
        // refuses access while its destructor runs (see `HEAP_PTR`).
        let _ = HEAP_PTR.try_with(|c| c.set(std::ptr::null_mut()));
        // At thread exit: queued objects and anything still alive keep their
        // memory (their handles may yet be dropped by other thread-local
        // destructors, which then find no heap and leak instead).
        for v in [&mut self.pending, &mut self.batch] {
            for o in v.drain(..) {
                std::mem::forget(o);
            }
        }
        for o in self.teardown.drain(..) {
            std::mem::forget(o);
        }
        if let Some(t) = self.empty_tuple.take() {
            std::mem::forget(t);
        }
        crate::gc::detach_all(&mut self.gc);
        if self.stats.live_total() != 0 {
            std::mem::forget(std::mem::replace(&mut self.alloc, Allocator::new()));
        }
    }
}

thread_local! {
    static HEAP: UnsafeCell<HeapState> = UnsafeCell::new(HeapState::new());
    /// The address of this thread's `HEAP` state once it was reached, until
    /// its destructor starts; null otherwise. It spares every allocation
    /// and free the lazy thread-local's initialisation and destruction
    /// checks (the state never moves: it lives in the thread-local).
    static HEAP_PTR: Cell<*mut HeapState> = const { Cell::new(std::ptr::null_mut()) };
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// Allocations and frees are recorded (`crate::trace`).
    static TRACING: Cell<bool> = const { Cell::new(false) };
    /// Buffer allocations are recorded too (tracemalloc).
    static TRACING_BUFFERS: Cell<bool> = const { Cell::new(false) };
}

#[inline(always)]
pub(crate) fn tracing() -> bool {
    TRACING.with(|t| t.get())
}

#[inline(always)]
fn tracing_buffers() -> bool {
    TRACING_BUFFERS.with(|t| t.get())
}

pub(crate) fn set_tracing(on: bool, buffers: bool) {
    TRACING.with(|t| t.set(on));
    TRACING_BUFFERS.with(|t| t.set(buffers));
    with_state(|s| refresh_pending(s));
}

/// Records the allocation of a fresh object when tracing.
///
/// # Safety
/// `hdr` heads a fully initialised object in `block`, of `size` bytes.
#[inline(always)]
unsafe fn trace_alloc(hdr: NonNull<ObjHeader>, block: NonNull<u8>, size: usize) {
    if tracing() {
        // SAFETY: the block is live and of this size (just allocated).
        let loc = with_state(|s| unsafe { s.alloc.block_location(block, size) }).flatten();
        // SAFETY: forwarded.
        unsafe { crate::trace::on_alloc(hdr, size, loc) };
    }
}

/// Runs `f` on this thread's heap state.
///
/// `f` must not drop an `ObjRef` or otherwise re-enter the heap (the state is
/// borrowed mutably for its duration); every caller below upholds this.
#[inline]
fn with_state<R>(f: impl FnOnce(&mut HeapState) -> R) -> Option<R> {
    let p = state_ptr()?;
    // SAFETY: `p` is this thread's live state (`state_ptr`); access is
    // single-threaded and callers do not re-enter the heap inside `f`, so
    // this is the only live reference to the state.
    Some(f(unsafe { &mut *p }))
}

/// This thread's heap state, or None once its destructor has started.
#[inline(always)]
pub(crate) fn state_ptr() -> Option<*mut HeapState> {
    let p = HEAP_PTR.with(|c| c.get());
    if p.is_null() {
        state_ptr_slow()
    } else {
        Some(p)
    }
}

/// [`state_ptr`] through `HEAP` itself (initialising it on first use),
/// remembering the address in `HEAP_PTR`. `try_with` fails while the
/// state's destructor runs and after, and the destructor clears
/// `HEAP_PTR` first, so the address is only ever that of a live state.
#[cold]
fn state_ptr_slow() -> Option<*mut HeapState> {
    let p = HEAP.try_with(|c| c.get()).ok()?;
    HEAP_PTR.with(|c| c.set(p));
    Some(p)
}

/// Allocates a zeroed block for an object; returns (block, header pointer).
fn alloc_block(kind: Kind, obj_flags: u8, var_len: usize) -> Result<NonNull<u8>, NoMemory> {
    let size = block_size(kind, obj_flags, var_len);
    with_state(|s| {
        let p = s.alloc.alloc(size);
        match p {
            Some(_) => {
                s.count_alloc(kind);
                if obj_flags & flags::F_GC != 0 && s.gc.on_alloc() {
                    PENDING.with(|c| c.set(true));
                }
            }
            None => s.enter_grace(),
        }
        p
    })
    .flatten()
    .ok_or(NoMemory)
}

/// Headroom granted past the heap limit once it has been hit, so that the
/// code handling the `MemoryError` can itself run (format a message, print).
/// It is withdrawn when usage falls back under the limit.
const GRACE: usize = 1 << 20;

fn layout_flags(kind: Kind, attrs: bool) -> u8 {
    let mut f = 0;
    if kind.is_container() || attrs {
        f |= flags::F_GC;
    }
    if attrs {
        f |= flags::F_ATTRS;
    }
    f
}

/// Initialises the GC link and header in `block`; returns the header.
///
/// # Safety
/// `block` is a fresh block of `block_size(kind, obj_flags, var_len)` bytes.
unsafe fn init_header(
    block: NonNull<u8>,
    kind: Kind,
    obj_flags: u8,
    ty: *const ObjHeader,
) -> NonNull<ObjHeader> {
    let mut p = block.as_ptr();
    if obj_flags & flags::F_GC != 0 {
        // SAFETY: the block starts with room for a GcLink when F_GC is set.
        unsafe {
            ptr::write(
                p as *mut GcLink,
                GcLink {
                    next: Cell::new(0),
                    prev: Cell::new(0),
                },
            );
            p = p.add(size_of::<GcLink>());
        }
    }
    // SAFETY: the header follows (16-aligned: blocks and GcLink are 16-sized).
    unsafe {
        ptr::write(p as *mut ObjHeader, ObjHeader::new(kind, obj_flags, ty));
        NonNull::new_unchecked(p as *mut ObjHeader)
    }
}

/// Takes the count an instance owns on its heap type (TYPE_REF).
fn retain_type(ty: &ObjRef) {
    if ty.tflags() & tflags::T_HEAP != 0 {
        std::mem::forget(ty.clone());
    }
}

/// Writes the `Attrs` tail of a fresh object.
///
/// # Safety
/// `hdr` heads a fresh block laid out with F_ATTRS for this kind and length.
unsafe fn init_attrs(hdr: NonNull<ObjHeader>, kind: Kind, var_len: usize) {
    let off = crate::object::attrs_offset(kind, var_len);
    // SAFETY: LAYOUT — with F_ATTRS the block has an Attrs at `off`.
    unsafe {
        ptr::write(
            (hdr.as_ptr() as *mut u8).add(off) as *mut Attrs,
            Attrs::default(),
        )
    };
}

/// Allocates an object of type `ty` with a fixed-size payload. With `attrs`,
/// it also gets an instance-attribute tail (and a GC link).
pub fn alloc_object<T: Payload>(ty: &ObjRef, payload: T, attrs: bool) -> Result<ObjRef, NoMemory> {
    let kind = T::KIND;
    let f = layout_flags(kind, attrs);
    // Exact lists and dicts come off their free lists when they can.
    let reused = match kind {
        Kind::List | Kind::Dict if !attrs && ty.tflags() & tflags::T_HEAP == 0 => {
            reuse_block(kind, 0)
        }
        _ => None,
    };
    let block = match reused {
        Some(b) => b,
        None => alloc_block(kind, f, 0)?,
    };
    // SAFETY: `block` is fresh and sized for (kind, f, 0); the payload goes
    // at PAYLOAD_OFFSET (KIND), the tail where LAYOUT puts it.
    let hdr = unsafe {
        let hdr = init_header(block, kind, f, ty.raw().as_ptr());
        ptr::write(
            (hdr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) as *mut T,
            payload,
        );
        if attrs {
            init_attrs(hdr, kind, 0);
        }
        hdr
    };
    retain_type(ty);
    // SAFETY: initialised above; the block has this size (LAYOUT).
    unsafe { trace_alloc(hdr, block, block_size(kind, f, 0)) };
    // Containers are tracked from birth, except exact dicts, which are
    // tracked once they hold a container (CPython's MAINTAIN_TRACKING).
    if f & flags::F_GC != 0 && (kind != Kind::Dict || attrs) {
        // SAFETY: a fresh, initialised container, not yet tracked.
        with_state(|s| unsafe { crate::gc::track_raw(&s.gc, hdr) });
    }
    // SAFETY: the header is initialised with count 1, owned by the handle.
    Ok(unsafe { ObjRef::from_raw(hdr) })
}

/// An object of a builtin type `ty` (not a heap type, so instances hold no
/// count of it) whose payload holds no references (an int, a range
/// iterator...): no attribute tail, no collector link. [`alloc_object`]
/// without the checks those need.
#[inline]
pub fn alloc_leaf<P: Payload>(ty: &ObjRef, payload: P) -> Result<ObjRef, NoMemory> {
    let kind = P::KIND;
    debug_assert!(!kind.is_container());
    let block = alloc_block(kind, 0, 0)?;
    // SAFETY: a fresh block of this kind's size.
    Ok(unsafe { leaf_in(block, ty, payload) })
}

/// [`alloc_leaf`]'s commonest case with no call in it, for hot callers
/// that keep their slow path out of line: a block from the allocator's
/// quick path ([`Allocator::alloc_quick`]). The payload comes back, and
/// nothing is done, when that does not apply or while events are traced
/// (each allocation is one); the caller then uses `alloc_leaf`.
#[inline(always)]
pub fn alloc_leaf_quick<P: Payload>(ty: &ObjRef, payload: P) -> Result<ObjRef, P> {
    let kind = P::KIND;
    debug_assert!(!kind.is_container());
    let state = HEAP_PTR.with(|c| c.get());
    if state.is_null() || tracing() {
        return Err(payload);
    }
    // HEAP_PTR is only ever this thread's live state (`state_ptr`), and
    // nothing below re-enters the heap.
    // SAFETY: as above, this is the only access to the state.
    let s = unsafe { &mut *state };
    let Some(block) = s.alloc.alloc_quick(block_size(kind, 0, 0)) else {
        return Err(payload);
    };
    s.count_alloc(kind);
    // Not tracing, so `leaf_in` records no event (and calls nothing).
    // SAFETY: a fresh block of this kind's size.
    Ok(unsafe { leaf_in(block, ty, payload) })
}

/// The object [`alloc_leaf`] makes, in `block`.
///
/// # Safety
/// `block` is free, of `block_size(P::KIND, 0, 0)` bytes; `ty` is a
/// builtin type and `P` holds no references.
#[inline(always)]
unsafe fn leaf_in<P: Payload>(block: NonNull<u8>, ty: &ObjRef, payload: P) -> ObjRef {
    debug_assert!(ty.tflags() & tflags::T_HEAP == 0);
    let kind = P::KIND;
    // SAFETY: the block has this size (the caller); the payload goes at
    // PAYLOAD_OFFSET (KIND). A builtin type needs no count from its
    // instances (TYPE_REF).
    let hdr = unsafe {
        let hdr = init_header(block, kind, 0, ty.raw().as_ptr());
        ptr::write(
            (hdr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) as *mut P,
            payload,
        );
        hdr
    };
    // SAFETY: initialised above; the block has this size (LAYOUT).
    unsafe { trace_alloc(hdr, block, block_size(kind, 0, 0)) };
    // SAFETY: the header is initialised with count 1, owned by the handle.
    unsafe { ObjRef::from_raw(hdr) }
}

/// Most dead floats kept for reuse, as CPython 3.11's `PyFloat_MAXFREELIST`.
pub const FLOAT_FREE_MAX: usize = 100;
/// The longest tuples kept for reuse (`PyTuple_MAXSAVESIZE`). As in
/// CPython 3.11, a dead tuple of every length up to this one goes on its
/// list, but new tuples are taken from the lists only below it
/// (`maybe_freelist_pop` tests `size < PyTuple_MAXSAVESIZE`), so 20-tuples
/// only accumulate.
pub const TUPLE_MAXSAVESIZE: usize = 20;
/// Most dead tuples of each length kept (`PyTuple_MAXFREELIST`).
pub const TUPLE_FREE_MAX: usize = 2000;
/// Most dead lists kept (`PyList_MAXFREELIST`).
pub const LIST_FREE_MAX: usize = 80;
/// Most dead dicts kept (`PyDict_MAXFREELIST`).
pub const DICT_FREE_MAX: usize = 80;

/// The size of a float's block (`sys.getsizeof(1.0)`).
pub const FLOAT_SIZE: usize = block_size(Kind::Float, 0, 0);
/// The block size of an int that fits a machine word.
const INT_SIZE: usize = block_size(Kind::Int, 0, 0);

/// A float of the builtin type `ty` (never a subclass: those are heap types
/// and go through [`alloc_object`]), in a block from the float free list
/// when it has one, as CPython's `PyFloat_FromDouble`.
#[inline]
pub fn alloc_float(ty: &ObjRef, value: f64) -> Result<ObjRef, NoMemory> {
    let block = match reuse_block(Kind::Float, 0) {
        Some(b) => b,
        None => alloc_block(Kind::Float, 0, 0)?,
    };
    // SAFETY: a free block of a float's size, off the free list (FREE_LIST)
    // or fresh.
    Ok(unsafe { leaf_in(block, ty, FloatObj { value }) })
}

/// Gives the blocks on the float free list and the dict tables on theirs
/// back to the allocator (a full collection does, as CPython's
/// `_PyGC_ClearAllFreeLists`).
pub fn clear_free_lists() {
    crate::dict::clear_keys_free_list();
    with_state(|s| {
        for (kind, n) in free_lists() {
            let size = free_list_block_size(kind, n);
            while let Some(b) = s.free_list(kind, n).and_then(FreeList::pop) {
                // SAFETY: FREE_LIST — a block of this size holding no object.
                unsafe { s.free_block(b, size) };
            }
        }
    });
}

/// The free lists' lengths, for `sys._debugmallocstats()`: dicts, floats,
/// lists, then tuples of each length from 1 (CPython's order), each with
/// the size of its blocks.
pub fn free_list_counts() -> Vec<(Kind, usize, usize, usize)> {
    let mut out = Vec::new();
    with_state(|s| {
        for (kind, n) in free_lists() {
            let len = s.free_list(kind, n).map_or(0, |l| l.len);
            out.push((kind, n, len, free_list_block_size(kind, n)));
        }
    });
    out
}

/// How many blocks the free list for `kind` (and length `n`, for tuples)
/// holds; 0 for a kind without one.
pub fn free_list_len(kind: Kind, n: usize) -> usize {
    with_state(|s| s.free_list(kind, n).map_or(0, |l| l.len)).unwrap_or(0)
}

/// Every free list, as (kind, tuple length): dicts, floats, lists, then
/// tuples by length (the order of CPython's `_debugmallocstats` lines).
fn free_lists() -> impl Iterator<Item = (Kind, usize)> {
    [(Kind::Dict, 0), (Kind::Float, 0), (Kind::List, 0)]
        .into_iter()
        .chain((1..=TUPLE_MAXSAVESIZE).map(|n| (Kind::Tuple, n)))
}

/// The size of the blocks on the free list for `kind` (and length `n`, for
/// tuples).
const fn free_list_block_size(kind: Kind, n: usize) -> usize {
    match kind {
        Kind::Float => FLOAT_SIZE,
        _ => block_size(kind, flags::F_GC, n),
    }
}

/// A block off the free list for a new object of the builtin type of
/// `kind` (and length `n`, for tuples), counted as made; None when that
/// list is empty or there is none for it. As in CPython, reusing a block
/// is not an allocation for the collector's count.
#[inline(always)]
fn reuse_block(kind: Kind, n: usize) -> Option<NonNull<u8>> {
    if kind == Kind::Tuple && !(1..TUPLE_MAXSAVESIZE).contains(&n) {
        return None;
    }
    with_state(|s| {
        let b = s.free_list(kind, n)?.pop()?;
        s.count_alloc(kind);
        Some(b)
    })
    .flatten()
}

impl HeapState {
    /// The free list for objects of `kind` (and length `n`, for tuples),
    /// if the kind has one.
    #[inline(always)]
    fn free_list(&mut self, kind: Kind, n: usize) -> Option<&mut FreeList> {
        match kind {
            Kind::Float => Some(&mut self.float_free),
            Kind::List => Some(&mut self.list_free),
            Kind::Dict => Some(&mut self.dict_free),
            Kind::Tuple => self.tuple_free.get_mut(n.checked_sub(1)?),
            _ => None,
        }
    }
}

/// The most blocks the free list for `kind` keeps.
const fn free_list_max(kind: Kind) -> usize {
    match kind {
        Kind::Float => FLOAT_FREE_MAX,
        Kind::Tuple => TUPLE_FREE_MAX,
        Kind::List => LIST_FREE_MAX,
        Kind::Dict => DICT_FREE_MAX,
        _ => 0,
    }
}

/// Allocates the first type object, whose type is itself (`type(type) is type`).
pub fn alloc_self_typed(payload: TypeObj) -> Result<ObjRef, NoMemory> {
    let kind = Kind::Type;
    let f = layout_flags(kind, false);
    let block = alloc_block(kind, f, 0)?;
    // SAFETY: as in `alloc_object`; the type pointer is set to the header
    // itself, which is a builtin type (no counted self-reference).
    let hdr = unsafe {
        let hdr = init_header(block, kind, f, ptr::null());
        ptr::write(
            (hdr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) as *mut TypeObj,
            payload,
        );
        hdr
    };
    // SAFETY: the header was initialised just above.
    unsafe { hdr.as_ref() }.set_ty(hdr.as_ptr());
    // SAFETY: a fresh, initialised container, not yet tracked.
    with_state(|s| unsafe { crate::gc::track_raw(&s.gc, hdr) });
    // SAFETY: the header is initialised with count 1, owned by the handle.
    Ok(unsafe { ObjRef::from_raw(hdr) })
}

/// Allocates the VM's stack sentinel before any type exists; its type is
/// set by [`bootstrap_set_class`] once the type objects are made.
pub fn alloc_bootstrap_sentinel() -> Result<ObjRef, NoMemory> {
    let kind = Kind::Null;
    let block = alloc_block(kind, 0, 0)?;
    // SAFETY: a fresh block sized for a payload-less object; the type pointer
    // stays null only until `bootstrap_set_class`, and no code reads it before.
    let hdr = unsafe { init_header(block, kind, 0, ptr::null()) };
    // SAFETY: initialised with count 1, owned by the handle.
    Ok(unsafe { ObjRef::from_raw(hdr) })
}

/// Gives a bootstrap object (made with a null type) its builtin type.
/// Does nothing if the object already has a type or `ty` is a heap type.
pub fn bootstrap_set_class(obj: &ObjRef, ty: &ObjRef) {
    if obj.header().ty_ptr().is_null() && ty.tflags() & tflags::T_HEAP == 0 {
        obj.header().set_ty(ty.raw().as_ptr());
    }
}

/// Allocates a str holding `s`.
pub fn alloc_str(ty: &ObjRef, s: &str) -> Result<ObjRef, NoMemory> {
    alloc_str_in(ty, s, false)
}

/// Allocates a str holding `s`; with `attrs`, an instance of a str subclass
/// (with the attribute tail).
pub fn alloc_str_in(ty: &ObjRef, s: &str, attrs: bool) -> Result<ObjRef, NoMemory> {
    let nchars = if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    };
    alloc_inline(ty, StrObj::new_header(nchars, s.len()), s.as_bytes(), attrs)
}

/// Allocates a bytes object holding `b` (with `attrs`, an instance of a
/// bytes subclass).
pub fn alloc_bytes(ty: &ObjRef, b: &[u8], attrs: bool) -> Result<ObjRef, NoMemory> {
    alloc_inline(ty, BytesObj::new_header(b.len()), b, attrs)
}

/// Allocates an object whose fixed payload `header` is followed inline by
/// `data` (a str's text, a bytes object's bytes, a big int's limbs), with
/// the attribute tail and the collector link when `attrs`.
fn alloc_inline<P: Payload, I: Copy>(
    ty: &ObjRef,
    header: P,
    data: &[I],
    attrs: bool,
) -> Result<ObjRef, NoMemory> {
    let kind = P::KIND;
    debug_assert_eq!(crate::object::item_size(kind), size_of::<I>());
    debug_assert_eq!(size_of::<P>() % std::mem::align_of::<I>(), 0);
    let n = data.len();
    let oflags = layout_flags(kind, attrs);
    let block = alloc_block(kind, oflags, n)?;
    // SAFETY: the block is sized for a `P` followed by `n` items of `I`
    // (KIND), aligned for them (the payload is 16-aligned and `P`'s size a
    // multiple of `I`'s alignment), plus the Attrs tail when `attrs`
    // (LAYOUT), initialised below.
    let hdr = unsafe {
        let hdr = init_header(block, kind, oflags, ty.raw().as_ptr());
        let payload = (hdr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET);
        ptr::write(payload as *mut P, header);
        ptr::copy_nonoverlapping(data.as_ptr(), payload.add(size_of::<P>()) as *mut I, n);
        if attrs {
            init_attrs(hdr, kind, n);
        }
        hdr
    };
    retain_type(ty);
    // SAFETY: initialised above; the block has this size (LAYOUT).
    unsafe { trace_alloc(hdr, block, block_size(kind, oflags, n)) };
    if oflags & flags::F_GC != 0 {
        // SAFETY: a fresh, initialised container, not yet tracked.
        with_state(|s| unsafe { crate::gc::track_raw(&s.gc, hdr) });
    }
    // SAFETY: initialised with count 1, owned by the handle.
    Ok(unsafe { ObjRef::from_raw(hdr) })
}

/// Allocates a tuple (or an instance of a tuple subclass, with `attrs`) that
/// takes ownership of `items`.
pub fn alloc_tuple(ty: &ObjRef, items: Vec<ObjRef>, attrs: bool) -> Result<ObjRef, NoMemory> {
    let n = items.len();
    // SAFETY: a vector's iterator yields exactly its length.
    unsafe { alloc_tuple_exact(ty, n, items.into_iter(), attrs) }
}

/// [`alloc_tuple`] from the top of a value stack (`BUILD_TUPLE`).
pub fn alloc_tuple_drain(
    ty: &ObjRef,
    items: std::vec::Drain<'_, ObjRef>,
) -> Result<ObjRef, NoMemory> {
    let n = items.len();
    // SAFETY: a drain yields exactly its length.
    unsafe { alloc_tuple_exact(ty, n, items, false) }
}

/// [`alloc_tuple`] from an array: a pair or triple is built with no
/// intermediate vector.
pub fn alloc_tuple_array<const N: usize>(
    ty: &ObjRef,
    items: [ObjRef; N],
) -> Result<ObjRef, NoMemory> {
    // SAFETY: an array's iterator yields exactly N items.
    unsafe { alloc_tuple_exact(ty, N, items.into_iter(), false) }
}

/// # Safety
/// `items` yields exactly `n` references (each slot of the new tuple is
/// written once; a shorter iterator would leave slots uninitialised).
unsafe fn alloc_tuple_exact(
    ty: &ObjRef,
    n: usize,
    items: impl Iterator<Item = ObjRef>,
    attrs: bool,
) -> Result<ObjRef, NoMemory> {
    let kind = Kind::Tuple;
    let f = layout_flags(kind, attrs);
    let exact = !attrs && ty.tflags() & tflags::T_HEAP == 0;
    let reused = if exact { reuse_block(kind, n) } else { None };
    let block = match reused {
        Some(b) => b,
        None => alloc_block(kind, f, n)?,
    };
    // SAFETY: the block is sized for `n` references after the TupleObj
    // (KIND); each item's count moves into the tuple; the caller
    // guarantees exactly `n` items.
    let hdr = unsafe {
        let hdr = init_header(block, kind, f, ty.raw().as_ptr());
        let payload = (hdr.as_ptr() as *mut u8).add(PAYLOAD_OFFSET);
        ptr::write(payload as *mut TupleObj, TupleObj::new_header(n));
        let dst = payload.add(size_of::<TupleObj>()) as *mut ObjRef;
        for (i, item) in items.take(n).enumerate() {
            ptr::write(dst.add(i), item);
        }
        if attrs {
            init_attrs(hdr, kind, n);
        }
        hdr
    };
    retain_type(ty);
    // SAFETY: initialised above; the block has this size (LAYOUT).
    unsafe { trace_alloc(hdr, block, block_size(kind, f, n)) };
    // SAFETY: a fresh, initialised container, not yet tracked.
    with_state(|s| unsafe { crate::gc::track_raw(&s.gc, hdr) });
    // SAFETY: initialised with count 1, owned by the handle.
    Ok(unsafe { ObjRef::from_raw(hdr) })
}

/// Allocates a big int (or an instance of an int subclass, with `attrs`)
/// holding `value`. The VM keeps values that fit in 64 bits in `IntObj`s;
/// this accepts any value.
pub fn alloc_bigint(
    ty: &ObjRef,
    value: &num_bigint::BigInt,
    attrs: bool,
) -> Result<ObjRef, NoMemory> {
    let limbs = value.magnitude().to_u32_digits();
    let sign = if value.sign() == num_bigint::Sign::Minus {
        -1
    } else {
        1
    };
    alloc_inline(ty, BigIntObj::new_header(sign, limbs.len()), &limbs, attrs)
}

/// A big int of the builtin int type from a 128-bit value (made without
/// the arbitrary-precision representation; the same object
/// [`alloc_bigint`] makes for that value).
pub fn alloc_bigint_i128(ty: &ObjRef, value: i128) -> Result<ObjRef, NoMemory> {
    let mut m = value.unsigned_abs();
    let mut limbs = [0u32; 4];
    let mut n = 0;
    while m != 0 {
        limbs[n] = m as u32;
        m >>= 32;
        n += 1;
    }
    let sign = if value < 0 { -1 } else { 1 };
    alloc_inline(ty, BigIntObj::new_header(sign, n), &limbs[..n], false)
}

/// The limbs of a big int payload.
pub(crate) fn bigint_limbs(b: &BigIntObj) -> &[u32] {
    // SAFETY: KIND — a BigIntObj only exists inside a big int object,
    // followed by `len()` initialised limbs that live as long as `b`
    // (BigIntObj is 8 bytes, so the limbs are 4-aligned).
    unsafe {
        let p = (b as *const BigIntObj as *const u8).add(size_of::<BigIntObj>()) as *const u32;
        std::slice::from_raw_parts(p, b.len())
    }
}

/// The text of a str payload.
pub(crate) fn str_bytes(s: &StrObj) -> &str {
    // SAFETY: KIND — a StrObj only exists inside a str object, followed by
    // `byte_len()` bytes copied from a `&str` at allocation, so they are
    // valid UTF-8 and live as long as `s`.
    unsafe {
        let p = (s as *const StrObj as *const u8).add(size_of::<StrObj>());
        std::str::from_utf8_unchecked(std::slice::from_raw_parts(p, s.byte_len()))
    }
}

/// The data of a bytes payload.
pub(crate) fn bytes_data(b: &BytesObj) -> &[u8] {
    // SAFETY: KIND — a BytesObj only exists inside a bytes object, followed
    // by `len()` bytes initialised at allocation that live as long as `b`.
    unsafe {
        let p = (b as *const BytesObj as *const u8).add(size_of::<BytesObj>());
        std::slice::from_raw_parts(p, b.len())
    }
}

/// The items of a tuple payload.
pub(crate) fn tuple_items(t: &TupleObj) -> &[ObjRef] {
    // SAFETY: KIND — a TupleObj only exists inside a tuple object, followed
    // by `len()` initialised references that live as long as `t`.
    unsafe {
        let p = (t as *const TupleObj as *const u8).add(size_of::<TupleObj>()) as *const ObjRef;
        std::slice::from_raw_parts(p, t.len())
    }
}

/// Called by `ObjRef::drop` when a count reaches zero. The commonest
/// deaths, an exact int or float, are finished by [`dealloc_quick`] with no
/// call, so this function saves no registers for them; the rest go to
/// [`dealloc_slow`].
///
/// # Safety
/// `p` is an object whose count just reached zero: no handle to it remains.
#[inline(never)]
pub(crate) unsafe fn dealloc(p: NonNull<ObjHeader>) {
    // SAFETY: forwarded.
    if unsafe { dealloc_quick(p) } {
        return;
    }
    // SAFETY: forwarded; nothing was done.
    unsafe { dealloc_slow(p) }
}

/// [`dealloc`]'s commonest cases, with no call in them: an exact int whose
/// block goes straight back to a pool that stays in use
/// ([`Allocator::free_quick`]), an exact float onto a free list with room.
/// False, and nothing done, for anything else, while events are traced
/// (each free is an event) and while the heap limit's grace margin is out
/// (each free may withdraw it).
///
/// # Safety
/// As for [`dealloc`].
#[inline(always)]
unsafe fn dealloc_quick(p: NonNull<ObjHeader>) -> bool {
    // SAFETY: the caller guarantees the object is live with count zero.
    let h = unsafe { p.as_ref() };
    let kind = h.kind();
    // First, so that other kinds reach `dealloc_slow` after one test.
    if kind != Kind::Int && kind != Kind::Float {
        return false;
    }
    let state = HEAP_PTR.with(|c| c.get());
    if state.is_null() || tracing() {
        return false;
    }
    let ty = h.ty_ptr();
    // SAFETY: TYPE_REF — a non-null type outlives its instances.
    if ty.is_null() || unsafe { (*ty).tflags() } & tflags::T_HEAP != 0 {
        return false;
    }
    // HEAP_PTR is only ever this thread's live state (`state_ptr`), and
    // nothing below re-enters the heap.
    // SAFETY: as above, this is the only access to the state.
    let s = unsafe { &mut *state };
    if s.grace_base.is_some() {
        return false;
    }
    let block = p.cast::<u8>();
    match kind {
        Kind::Int if h.flags() & NOT_LEAF_FLAGS == 0 => {
            // An exact int with no finalizer, weakref or attributes is a
            // leaf of INT_SIZE bytes, never used again; its payload owns
            // nothing.
            // SAFETY: LAYOUT, as above: a live block of INT_SIZE bytes.
            if !unsafe { s.alloc.free_quick(block, INT_SIZE) } {
                return false;
            }
            s.count_free(Kind::Int);
            true
        }
        Kind::Float if s.float_free.len < FLOAT_FREE_MAX => {
            s.count_free(Kind::Float);
            // An exact float's block, FLOAT_SIZE bytes, stays allocated on
            // the list and links on through its first word; the float
            // payload owns nothing.
            // SAFETY: FREE_LIST, as above.
            unsafe { s.float_free.push(block.as_ptr()) };
            true
        }
        _ => false,
    }
}

/// The rest of [`dealloc`]: leaves of builtin types (no references, no
/// finalizer) are freed here, dead exact floats go on the float free list;
/// everything else is torn down by [`dealloc_object`], kept out of line so
/// this path saves few registers.
///
/// # Safety
/// As for [`dealloc`].
#[inline(never)]
unsafe fn dealloc_slow(p: NonNull<ObjHeader>) {
    let Some(state) = state_ptr() else {
        // The thread's heap is gone (thread exit): leak.
        return;
    };
    // SAFETY: the caller guarantees the object is live with count zero.
    let h = unsafe { p.as_ref() };
    let ty = h.ty_ptr();
    let ty_flags = if ty.is_null() {
        0
    } else {
        // SAFETY: TYPE_REF — the type outlives its instances.
        unsafe { (*ty).tflags() }
    };
    let kind = h.kind();
    if ty_flags & tflags::T_HEAP == 0 {
        // Exact floats and ints, the commonest leaves, skip the size
        // lookup (only heap subclasses have attributes or `__del__`).
        if kind == Kind::Float {
            // SAFETY: forwarded; `state` is this thread's live state.
            unsafe { free_float(state, p) };
            return;
        }
        if kind == Kind::Int && h.flags() & NOT_LEAF_FLAGS == 0 {
            // SAFETY: forwarded; an exact int is a leaf of INT_SIZE bytes.
            unsafe { free_leaf(state, p, Kind::Int, INT_SIZE) };
            return;
        }
    }
    if !is_leaf(kind, h.flags(), ty_flags) {
        // SAFETY: forwarded.
        unsafe { dealloc_object(state, p, ty_flags) };
        return;
    }
    let payload = (p.as_ptr() as *const u8).wrapping_add(PAYLOAD_OFFSET);
    let var_len = match kind {
        // SAFETY: KIND — a str's payload is a StrObj.
        Kind::Str => unsafe { (*payload.cast::<StrObj>()).byte_len() },
        // SAFETY: KIND — a big int's payload is a BigIntObj.
        Kind::BigInt => unsafe { (*payload.cast::<BigIntObj>()).len() },
        // SAFETY: KIND — a bytes payload is a BytesObj.
        Kind::Bytes => unsafe { (*payload.cast::<BytesObj>()).len() },
        _ => 0,
    };
    // SAFETY: forwarded; a leaf's block is `block_size(kind, 0, var_len)`.
    unsafe { free_leaf(state, p, kind, block_size(kind, 0, var_len)) };
}

/// The end of [`dealloc`] for a leaf of `size` bytes: its free event, its
/// count, its block back to the allocator.
///
/// # Safety
/// As for [`dealloc`], `p` being a leaf of `kind` whose block has `size`
/// bytes; `state` is this thread's live heap state.
#[inline(always)]
unsafe fn free_leaf(state: *mut HeapState, p: NonNull<ObjHeader>, kind: Kind, size: usize) {
    if tracing() {
        // SAFETY: still live; its type too (builtin types are immortal).
        unsafe { crate::trace::on_free(p, size) };
    }
    // SAFETY: the block came from this allocator with this size (LAYOUT);
    // the payload owns nothing to drop; short exclusive state access.
    unsafe {
        let s = &mut *state;
        s.count_free(kind);
        s.free_block(NonNull::new_unchecked(p.as_ptr() as *mut u8), size);
    }
}

/// [`dealloc`] of an exact float: its block goes on the float free list,
/// or back to the allocator when the list is full (`float_dealloc`).
///
/// # Safety
/// As for [`dealloc`], `p` being an exact float; `state` is this thread's
/// live heap state.
#[inline(always)]
unsafe fn free_float(state: *mut HeapState, p: NonNull<ObjHeader>) {
    if tracing() {
        // SAFETY: still live; its type too (builtin types are immortal).
        unsafe { crate::trace::on_free(p, FLOAT_SIZE) };
    }
    // SAFETY: short exclusive state access. The block came from the
    // allocator with FLOAT_SIZE bytes; on the free list it stays allocated
    // and links on through its first word (FREE_LIST), the float payload
    // owning nothing.
    unsafe {
        let s = &mut *state;
        s.count_free(Kind::Float);
        let block = p.as_ptr() as *mut u8;
        if s.float_free.len < FLOAT_FREE_MAX {
            s.float_free.push(block);
        } else {
            s.free_block(NonNull::new_unchecked(block), FLOAT_SIZE);
        }
    }
}

/// [`dealloc`] of an object that is not a leaf: queued for its finalizer,
/// or torn down with its references.
///
/// # Safety
/// As for [`dealloc`]; `state` is this thread's live heap state and
/// `ty_flags` the flags of the object's type.
#[inline(never)]
unsafe fn dealloc_object(state: *mut HeapState, p: NonNull<ObjHeader>, ty_flags: u8) {
    // SAFETY: the caller guarantees the object is live with count zero.
    let h = unsafe { p.as_ref() };
    if h.flags() & (flags::F_FINALIZED | flags::F_NO_FINALIZER) == 0
        && ty_flags & tflags::T_HAS_DEL != 0
    {
        h.set_refcnt(1);
        // SAFETY: we resurrected the object with one count, owned by the queue.
        let obj = Pending::Finalize(unsafe { ObjRef::from_raw(p) });
        // SAFETY: short exclusive access to the state; pushing drops nothing.
        unsafe {
            if (*state).in_teardown {
                (*state).batch.push(obj);
            } else {
                let s = &mut *state;
                let at = s.floor.min(s.pending.len());
                s.pending.insert(at, obj);
                PENDING.with(|c| c.set(true));
            }
        }
        return;
    }
    // SAFETY: forwarded.
    if unsafe { release_leaf_container(state, p, ty_flags) } {
        return;
    }
    // SAFETY: reading the driver flag through the raw pointer.
    if unsafe { (*state).in_teardown } {
        // SAFETY: the caller's guarantee passes on.
        unsafe { teardown_one(state, p) };
        return;
    }
    // SAFETY: as above; this call becomes the driver.
    unsafe {
        (*state).in_teardown = true;
        teardown_one(state, p);
    }
    loop {
        // SAFETY: short exclusive access; the popped handle is dropped after
        // the access ends, since dropping may re-enter `dealloc`.
        let next = unsafe { (*state).teardown.pop() };
        match next {
            Some(obj) => drop(obj),
            None => break,
        }
    }
    // SAFETY: short exclusive accesses; moving handles drops nothing.
    unsafe {
        (*state).in_teardown = false;
        let s = &mut *state;
        if !s.batch.is_empty() {
            // The batch runs in release order, after what already waits at
            // this level: insert it reversed just above the floor.
            let at = s.floor.min(s.pending.len());
            let batch = std::mem::take(&mut s.batch);
            s.pending.splice(at..at, batch.into_iter().rev());
            PENDING.with(|c| c.set(true));
        }
    }
}

/// Releases one object: moves its references onto the teardown stack (in
/// reverse release order) and frees its block.
///
/// # Safety
/// `p` has count zero and no handle; `state` is this thread's heap state.
unsafe fn teardown_one(state: *mut HeapState, p: NonNull<ObjHeader>) {
    // SAFETY: the object is live until its block is freed below.
    let h = unsafe { p.as_ref() };
    let kind = h.kind();
    // PyObject_ClearWeakRefs: every weakref to the object is cleared now;
    // their callbacks run at the next instruction boundary, in list order,
    // before what this teardown releases.
    if h.flags() & flags::F_WEAKREFS != 0 {
        // SAFETY: object and weakrefs live (WEAKREF); events count them.
        unsafe {
            for wr in crate::weakref::take_all(p) {
                if let Some(cb) = crate::weakref::take_callback(wr) {
                    crate::object::inc(wr);
                    (*state)
                        .batch
                        .push(Pending::WeakCallback(ObjRef::from_raw(wr), cb));
                }
            }
        }
    }
    if kind == Kind::WeakRef {
        // SAFETY: a live weakref: leaves its referent's list (WEAKREF).
        unsafe { crate::weakref::detach(p) };
    }
    let obj_flags = h.flags();
    let base = p.as_ptr() as *mut u8;
    // SAFETY: PAYLOAD_OFFSET is inside the block (KIND).
    let payload = unsafe { base.add(PAYLOAD_OFFSET) };
    // A heap type is released last (subtype_dealloc releases it at the very
    // end): it goes on the teardown stack first.
    let ty = h.ty_ptr();

    // SAFETY: exclusive access to the teardown stack for the moves below;
    // moving references drops nothing, so nothing re-enters the heap.
    let stack = unsafe { &mut (*state).teardown };
    // SAFETY: TYPE_REF — ty is live; a heap type's count is owned by us.
    if !ty.is_null() && unsafe { (*ty).tflags() } & tflags::T_HEAP != 0 {
        // SAFETY: as above; the instance's count moves into the handle.
        stack.push(unsafe { ObjRef::from_raw(NonNull::new_unchecked(ty as *mut ObjHeader)) });
    }
    // SAFETY: KIND and TEARDOWN — `payload` is this kind's payload and no
    // other access exists.
    let var_len = unsafe { take_payload_children(kind, payload, stack) };
    // Attributes are released before the payload's references (subtype_dealloc
    // clears the instance dict before calling the base type's dealloc), so
    // they go on top.
    let attrs_ptr = if obj_flags & flags::F_ATTRS != 0 {
        let off = crate::object::attrs_offset(kind, var_len);
        // SAFETY: LAYOUT — with F_ATTRS an Attrs lives at `off`.
        let attrs = unsafe { &mut *(base.add(off) as *mut Attrs) };
        attrs.take_children(stack);
        Some(attrs as *mut Attrs)
    } else {
        None
    };
    // The stack borrow ends here: the drops below free only buffers (every
    // reference was moved out), but must not alias the state if they did not.
    if let Some(a) = attrs_ptr {
        // SAFETY: the Attrs is initialised and dropped exactly once here.
        unsafe { ptr::drop_in_place(a) };
    }
    // SAFETY: the payload is initialised and is dropped exactly once here.
    unsafe { drop_payload(kind, payload) };
    // SAFETY: the caller's guarantee; a counted type is released later.
    unsafe { free_object_block(state, p, kind, obj_flags, var_len) };
}

/// Frees the block of an object whose references are all released or
/// moved out: its free event, its unlinking from the collector's lists and
/// the block itself.
///
/// # Safety
/// `p` has count zero and no handle, its header is intact and its payload
/// owns nothing; `state` is this thread's heap state.
#[inline(always)]
unsafe fn free_object_block(
    state: *mut HeapState,
    p: NonNull<ObjHeader>,
    kind: Kind,
    obj_flags: u8,
    var_len: usize,
) {
    let base = p.as_ptr() as *mut u8;
    let size = block_size(kind, obj_flags, var_len);
    if tracing() {
        // SAFETY: the header is intact and the type is still live.
        unsafe { crate::trace::on_free(p, size) };
    }
    // SAFETY: the caller's guarantee: header intact, type live.
    if unsafe { free_list_push(state, p, kind, obj_flags, var_len) } {
        return;
    }
    if obj_flags & flags::F_GC != 0 {
        // SAFETY: TRACKED_LIVE — unlinked before the block is freed; short
        // exclusive access to the collector state.
        unsafe { crate::gc::on_free(&mut (*state).gc, p) };
    }
    let block = if obj_flags & flags::F_GC != 0 {
        // SAFETY: the GcLink precedes the header in the same block.
        unsafe { base.sub(size_of::<GcLink>()) }
    } else {
        base
    };
    // SAFETY: the block came from this allocator with this size (LAYOUT),
    // and nothing refers to it any more. Short exclusive state access.
    unsafe {
        let s = &mut *state;
        s.free_block(NonNull::new_unchecked(block), size);
        s.count_free(kind);
    }
}

/// The end of [`free_object_block`] for an exact tuple, list or dict (no
/// attributes, no weak references) when its free list has room, as
/// `tupledealloc`'s `maybe_freelist_push`, `list_dealloc` and
/// `dict_dealloc`: the object is counted as freed and leaves the
/// collector's lists, but its block stays allocated, on the free list.
/// As in CPython, that is not a deallocation for the collector's count.
/// False, and nothing done, for any other object.
///
/// # Safety
/// As for [`free_object_block`].
#[inline(always)]
unsafe fn free_list_push(
    state: *mut HeapState,
    p: NonNull<ObjHeader>,
    kind: Kind,
    obj_flags: u8,
    var_len: usize,
) -> bool {
    if !matches!(kind, Kind::Tuple | Kind::List | Kind::Dict) || obj_flags != flags::F_GC {
        return false;
    }
    // SAFETY: the caller's guarantee: the header is intact.
    let ty = unsafe { p.as_ref() }.ty_ptr();
    // SAFETY: TYPE_REF — a non-null type outlives its instances.
    if ty.is_null() || unsafe { (*ty).tflags() } & tflags::T_HEAP != 0 {
        return false;
    }
    // SAFETY: short exclusive access to the state.
    let s = unsafe { &mut *state };
    let Some(list) = s
        .free_list(kind, var_len)
        .filter(|l| l.len < free_list_max(kind))
    else {
        return false;
    };
    // SAFETY: TRACKED_LIVE — the dead object leaves the collector's lists.
    unsafe { crate::gc::unlink_dead(p) };
    // The block starts at the GcLink before the header (F_GC).
    let block = (p.as_ptr() as *mut u8).wrapping_sub(size_of::<GcLink>());
    // SAFETY: FREE_LIST — the block came from the allocator with this
    // kind's size for `var_len` (a word multiple) and holds nothing any
    // more (the caller's guarantee), so its first word can hold the link.
    unsafe { list.push(block) };
    s.count_free(kind);
    true
}

/// Object flags that make any object a non-leaf: a collector link,
/// attributes, or weak references to clear.
const NOT_LEAF_FLAGS: u8 = flags::F_GC | flags::F_ATTRS | flags::F_WEAKREFS;

/// Whether an object is a leaf: a builtin atom with no references, no
/// attributes and no finalizer, whose release frees it and nothing else
/// and runs no code ([`dealloc`] frees these inline).
#[inline(always)]
fn is_leaf(kind: Kind, obj_flags: u8, ty_flags: u8) -> bool {
    obj_flags & NOT_LEAF_FLAGS == 0
        && ty_flags & (tflags::T_HEAP | tflags::T_HAS_DEL) == 0
        && matches!(
            kind,
            // `Object` here: None, NotImplemented, Ellipsis, object().
            Kind::Object
                | Kind::Int
                | Kind::Float
                | Kind::Complex
                | Kind::Str
                | Kind::Bytes
                | Kind::RangeIter
                | Kind::BigInt
        )
}

/// Whether releasing a reference to `h` can free nothing but `h` itself:
/// a leaf.
#[inline(always)]
fn releases_alone(h: &ObjHeader) -> bool {
    let ty = h.ty_ptr();
    let ty_flags = if ty.is_null() {
        0
    } else {
        // SAFETY: TYPE_REF — a non-null type outlives its instances.
        unsafe { (*ty).tflags() }
    };
    is_leaf(h.kind(), h.flags(), ty_flags)
}

/// An exact tuple, list or dict whose items (a dict's keys and values) are
/// all leaves is released in place, as `tupledealloc`,
/// `list_dealloc` and `dict_dealloc` do: a tuple's or list's items last to
/// first, a dict's key then value in insertion order, then the item buffer
/// or table, then the block. No trip through the teardown stack is needed:
/// no item can free anything else, so nothing nests. False, and nothing
/// done, for any other object.
///
/// # Safety
/// As for [`dealloc_object`].
#[inline(always)]
unsafe fn release_leaf_container(
    state: *mut HeapState,
    p: NonNull<ObjHeader>,
    ty_flags: u8,
) -> bool {
    // SAFETY: the caller guarantees the object is live with count zero.
    let h = unsafe { p.as_ref() };
    let obj_flags = h.flags();
    if ty_flags & tflags::T_HEAP != 0 || obj_flags & (flags::F_WEAKREFS | flags::F_ATTRS) != 0 {
        return false;
    }
    let kind = h.kind();
    let payload = (p.as_ptr() as *mut u8).wrapping_add(PAYLOAD_OFFSET);
    match kind {
        Kind::Tuple => {
            // SAFETY: KIND — a tuple's payload is a TupleObj, live with the tuple.
            let t = unsafe { &*(payload as *const TupleObj) };
            let n = t.len();
            if !t.items().iter().all(|o| releases_alone(o.header())) {
                return false;
            }
            let items = t.items().as_ptr();
            for i in (0..n).rev() {
                // SAFETY: TEARDOWN — each item is moved out once; a leaf frees only itself.
                let item = unsafe { ptr::read(items.add(i)) };
                drop(item);
            }
            // SAFETY: every item was released; a TupleObj owns nothing else.
            unsafe { free_object_block(state, p, Kind::Tuple, obj_flags, n) };
            true
        }
        Kind::List | Kind::Dict => {
            // SAFETY: KIND — the payload is a list's or a dict's; forwarded.
            if !unsafe { release_leaf_items(kind, payload) } {
                return false;
            }
            // SAFETY: every item was released and the payload dropped.
            unsafe { free_object_block(state, p, kind, obj_flags, 0) };
            true
        }
        _ => false,
    }
}

/// [`release_leaf_container`] of a list or dict: releases the items and
/// drops the emptied payload if every item is a leaf; false, and nothing
/// done, otherwise. Out of line, so the tuple path keeps its registers.
///
/// # Safety
/// `payload` is the payload of a list or dict (as `kind` says) with count
/// zero, reached by nothing else (TEARDOWN).
#[inline(never)]
unsafe fn release_leaf_items(kind: Kind, payload: *mut u8) -> bool {
    if kind == Kind::List {
        // SAFETY: KIND and TEARDOWN — a list's payload is a ListObj, and
        // with count zero nothing else reaches it; releasing a leaf touches
        // only the leaf.
        let l = unsafe { &mut *(payload as *mut ListObj) };
        if !l.items.iter().all(|o| releases_alone(o.header())) {
            return false;
        }
        while let Some(item) = l.items.pop() {
            drop(item);
        }
        // SAFETY: the emptied payload is dropped exactly once (its buffer
        // goes back to the allocator).
        unsafe { ptr::drop_in_place(l) };
    } else {
        // SAFETY: KIND and TEARDOWN, as for a list: a dict's payload is a
        // DictObj.
        let d = unsafe { &mut *(payload as *mut DictObj) };
        if !d
            .table
            .iter()
            .all(|e| releases_alone(e.key.header()) && releases_alone(e.value.header()))
        {
            return false;
        }
        for e in d.table.drain_entries() {
            drop(e.key);
            drop(e.value);
        }
        // SAFETY: the emptied payload is dropped exactly once (its table
        // goes back to the free list or the allocator).
        unsafe { ptr::drop_in_place(d) };
    }
    true
}

/// Moves a payload's references into `out`; returns the variable length.
///
/// # Safety
/// `payload` is the initialised payload of an object of `kind` being torn down.
unsafe fn take_payload_children(kind: Kind, payload: *mut u8, out: &mut Vec<ObjRef>) -> usize {
    macro_rules! take {
        ($t:ty) => {{
            // SAFETY: KIND — the payload of this kind is a `$t`; TEARDOWN.
            let p = unsafe { &mut *(payload as *mut $t) };
            p.take_children(out);
            0
        }};
    }
    match kind {
        Kind::Null | Kind::Object | Kind::Int | Kind::Float | Kind::Complex | Kind::RangeIter => 0,
        Kind::BigInt => {
            // SAFETY: KIND — a BigIntObj; its limbs own nothing.
            unsafe { (*(payload as *const BigIntObj)).len() }
        }
        Kind::Str => {
            // SAFETY: KIND — a StrObj.
            unsafe { (*(payload as *const StrObj)).byte_len() }
        }
        Kind::Bytes => {
            // SAFETY: KIND — a BytesObj; its data owns nothing.
            unsafe { (*(payload as *const BytesObj)).len() }
        }
        Kind::ByteArray => 0,
        Kind::Tuple => {
            // SAFETY: KIND — a TupleObj followed by `len` references, each
            // read (moved) exactly once; tupledealloc releases the last first.
            unsafe {
                let t = &*(payload as *const TupleObj);
                let n = t.len();
                let items = payload.add(size_of::<TupleObj>()) as *const ObjRef;
                for i in 0..n {
                    out.push(ptr::read(items.add(i)));
                }
                n
            }
        }
        Kind::List => take!(ListObj),
        Kind::Dict => take!(DictObj),
        Kind::Function => take!(FunctionObj),
        Kind::BuiltinFunction => take!(BuiltinFunctionObj),
        Kind::Method => take!(MethodObj),
        Kind::Code => take!(CodeObj),
        Kind::Type => take!(TypeObj),
        Kind::Module => take!(ModuleObj),
        Kind::Cell => take!(CellObj),
        Kind::Exception => take!(ExceptionObj),
        Kind::Traceback => take!(TracebackObj),
        Kind::Frame => take!(FrameObj),
        Kind::Slice => take!(SliceObj),
        Kind::Range => take!(RangeObj),
        Kind::SeqIter => take!(SeqIterObj),
        Kind::DictIter => take!(DictIterObj),
        Kind::WeakRef => take!(WeakRefObj),
        Kind::Native => take!(NativeObj),
    }
}

/// Drops a payload in place.
///
/// # Safety
/// `payload` is the initialised payload of an object of `kind`, dropped once.
unsafe fn drop_payload(kind: Kind, payload: *mut u8) {
    macro_rules! drop_as {
        ($t:ty) => {
            // SAFETY: KIND — the payload is a `$t`, dropped exactly once.
            unsafe { ptr::drop_in_place(payload as *mut $t) }
        };
    }
    match kind {
        // Variable-size parts were moved out; the fixed parts own nothing.
        Kind::Null | Kind::Object | Kind::Str | Kind::Bytes | Kind::Tuple | Kind::BigInt => {}
        Kind::ByteArray => drop_as!(ByteArrayObj),
        Kind::Int => drop_as!(IntObj),
        Kind::Float => drop_as!(FloatObj),
        Kind::Complex => drop_as!(ComplexObj),
        Kind::List => drop_as!(ListObj),
        Kind::Dict => drop_as!(DictObj),
        Kind::Function => drop_as!(FunctionObj),
        Kind::BuiltinFunction => drop_as!(BuiltinFunctionObj),
        Kind::Method => drop_as!(MethodObj),
        Kind::Code => drop_as!(CodeObj),
        Kind::Type => drop_as!(TypeObj),
        Kind::Module => drop_as!(ModuleObj),
        Kind::Cell => drop_as!(CellObj),
        Kind::Exception => drop_as!(ExceptionObj),
        Kind::Traceback => drop_as!(TracebackObj),
        Kind::Frame => drop_as!(FrameObj),
        Kind::Slice => drop_as!(SliceObj),
        Kind::Range => drop_as!(RangeObj),
        Kind::SeqIter => drop_as!(SeqIterObj),
        Kind::RangeIter => drop_as!(RangeIterObj),
        Kind::DictIter => drop_as!(DictIterObj),
        Kind::WeakRef => drop_as!(WeakRefObj),
        Kind::Native => drop_as!(NativeObj),
    }
}

/// Whether the VM has work at its next instruction boundary: finalizers or
/// weakref callbacks to run, a collection to do, or a buffer past the heap
/// limit. Cheap: the VM checks it between instructions.
#[inline(always)]
pub fn has_pending_events() -> bool {
    PENDING.with(|c| c.get())
}

fn refresh_pending(s: &HeapState) {
    // While tracing, the VM stops at every instruction boundary to record
    // where events come from.
    let any = !s.pending.is_empty() || s.over_limit || s.gc.requested() || tracing();
    PENDING.with(|c| c.set(any));
}

/// The next finalizer or callback to run (the caller runs it; for a
/// finalizer it then marks the object `F_FINALIZED` and drops the handle).
pub fn take_pending() -> Option<Pending> {
    with_state(|s| {
        let o = s.pending.pop();
        refresh_pending(s);
        o
    })
    .flatten()
}

/// Re-evaluates the pending-work flag (after the VM took a collection
/// request).
pub fn refresh_pending_events() {
    with_state(|s| refresh_pending(s));
}

/// Registers the VM's empty tuple (see `HeapState::empty_tuple`).
pub fn set_empty_tuple(t: &ObjRef) {
    let old = with_state(|s| s.empty_tuple.replace(t.clone())).flatten();
    drop(old);
}

/// Forgets the registered empty tuple (at interpreter teardown).
pub fn clear_empty_tuple() {
    let old = with_state(|s| s.empty_tuple.take()).flatten();
    drop(old);
}

pub(crate) fn empty_tuple() -> Option<ObjRef> {
    with_state(|s| s.empty_tuple.clone()).flatten()
}

/// Sets the queue depth above which new finalizers are queued (see the
/// `pending` field). The VM keeps it at the depth of the innermost running
/// finalizer.
pub fn set_finalizer_floor(floor: usize) {
    with_state(|s| s.floor = floor);
}

/// How many finalizers are queued.
pub fn pending_finalizer_count() -> usize {
    with_state(|s| s.pending.len()).unwrap_or(0)
}

/// Object counters.
pub fn heap_stats() -> HeapStats {
    with_state(|s| s.stats.clone()).unwrap_or_default()
}

/// Allocator statistics.
pub fn alloc_stats() -> AllocStats {
    with_state(|s| s.alloc.stats()).unwrap_or_default()
}

/// Caps the private heap at `limit` bytes (`None`: no cap).
pub fn set_heap_limit(limit: Option<usize>) {
    with_state(|s| {
        s.grace_base = None;
        s.alloc.set_limit(limit)
    });
}

pub fn heap_limit() -> Option<usize> {
    with_state(|s| s.grace_base.or(s.alloc.limit())).flatten()
}

/// Runs `f` with the allocator, for statistics reports. `f` must not touch
/// objects.
pub fn with_allocator<R>(f: impl FnOnce(&Allocator) -> R) -> Option<R> {
    with_state(|s| f(&s.alloc))
}

/// The allocator of object-owned buffers (list items, instance attributes,
/// dict tables): they live in the private heap too, so statistics, the heap
/// limit and `id`-level accounting cover them.
///
/// Buffers grow in the middle of operations that cannot fail cleanly, so the
/// heap limit is soft for them: a growth past the limit succeeds (if the
/// system has the memory), and the VM raises `MemoryError` at its next
/// instruction boundary ([`take_over_limit`]). Object allocations enforce the
/// limit at once.
///
/// `HeapAlloc` is `!Send`: a buffer must be freed into the heap of the thread
/// that allocated it.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeapAlloc {
    _not_send: std::marker::PhantomData<*const ()>,
}

/// The [`HeapAlloc`] value.
pub const HEAP_ALLOC: HeapAlloc = HeapAlloc {
    _not_send: std::marker::PhantomData,
};

/// A vector whose buffer lives in the private heap.
pub type HVec<T> = allocator_api2::vec::Vec<T, HeapAlloc>;

/// A box in the private heap.
pub type HBox<T> = allocator_api2::boxed::Box<T, HeapAlloc>;

/// An empty [`HVec`].
#[inline]
pub fn hvec<T>() -> HVec<T> {
    HVec::new_in(HEAP_ALLOC)
}

/// An [`HVec`] holding `items`.
pub fn hvec_from<T>(items: impl IntoIterator<Item = T>) -> HVec<T> {
    let it = items.into_iter();
    let mut v = HVec::with_capacity_in(it.size_hint().0, HEAP_ALLOC);
    v.extend(it);
    v
}

fn buffer_alloc(size: usize) -> Option<NonNull<u8>> {
    with_state(|s| {
        let limit = s.alloc.limit();
        if limit.is_none() {
            return s.alloc.alloc(size);
        }
        s.alloc.set_limit(None);
        let p = s.alloc.alloc(size);
        s.alloc.set_limit(limit);
        if limit.is_some_and(|l| s.alloc.footprint() > l) {
            s.over_limit = true;
            PENDING.with(|c| c.set(true));
        }
        p
    })
    .flatten()
}

// SAFETY: `allocate` returns blocks of at least the requested size with
// ALIGNMENT (16) alignment, which covers every layout it accepts (larger
// alignments are refused); `deallocate` hands a block back to the allocator
// it came from with the size it was allocated with (the layout's size, as
// the `Allocator` contract passes the same layout).
unsafe impl allocator_api2::alloc::Allocator for HeapAlloc {
    fn allocate(&self, layout: Layout) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        if layout.align() > ouro_alloc::ALIGNMENT {
            return Err(allocator_api2::alloc::AllocError);
        }
        match buffer_alloc(layout.size()) {
            Some(p) => {
                if tracing_buffers() {
                    crate::trace::on_buffer(p.as_ptr() as usize, layout.size());
                }
                Ok(NonNull::slice_from_raw_parts(p, layout.size()))
            }
            None => Err(allocator_api2::alloc::AllocError),
        }
    }

    unsafe fn deallocate(&self, ptr: NonNull<u8>, layout: Layout) {
        if tracing_buffers() {
            crate::trace::on_buffer_free(ptr.as_ptr() as usize);
        }
        // SAFETY: the Allocator contract: `ptr` was allocated by this
        // allocator with `layout`, so with `layout.size()` bytes.
        with_state(|s| unsafe { s.alloc.free(ptr, layout.size()) });
    }

    unsafe fn grow(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        if new.align() > ouro_alloc::ALIGNMENT {
            return Err(allocator_api2::alloc::AllocError);
        }
        let grown = with_state(|s| {
            let limit = s.alloc.limit();
            s.alloc.set_limit(None);
            // SAFETY: the Allocator contract: `ptr` is a live block of
            // `old.size()` bytes from this allocator.
            let p = unsafe { s.alloc.realloc(ptr, old.size(), new.size()) };
            s.alloc.set_limit(limit);
            if limit.is_some_and(|l| s.alloc.footprint() > l) {
                s.over_limit = true;
                PENDING.with(|c| c.set(true));
            }
            p
        })
        .flatten();
        match grown {
            Some(p) => {
                if tracing_buffers() {
                    crate::trace::on_buffer_free(ptr.as_ptr() as usize);
                    crate::trace::on_buffer(p.as_ptr() as usize, new.size());
                }
                Ok(NonNull::slice_from_raw_parts(p, new.size()))
            }
            None => Err(allocator_api2::alloc::AllocError),
        }
    }

    unsafe fn shrink(
        &self,
        ptr: NonNull<u8>,
        old: Layout,
        new: Layout,
    ) -> Result<NonNull<[u8]>, allocator_api2::alloc::AllocError> {
        // SAFETY: the Allocator contract: `ptr` is a live block of
        // `old.size()` bytes from this allocator; shrinking never fails the
        // limit.
        let p = with_state(|s| unsafe { s.alloc.realloc(ptr, old.size(), new.size()) }).flatten();
        match p {
            Some(p) => {
                if tracing_buffers() {
                    crate::trace::on_buffer_free(ptr.as_ptr() as usize);
                    crate::trace::on_buffer(p.as_ptr() as usize, new.size());
                }
                Ok(NonNull::slice_from_raw_parts(p, new.size()))
            }
            None => Err(allocator_api2::alloc::AllocError),
        }
    }
}

/// Whether `bytes` more could be allocated without passing the heap limit
/// (for operations that know their size up front, like `[0] * n`, which
/// then fail at once with `MemoryError` instead of growing past the cap).
pub fn fits_in_limit(bytes: usize) -> bool {
    with_state(|s| match s.alloc.limit() {
        Some(l) => {
            let fits = s.alloc.footprint().saturating_add(bytes) <= l;
            if !fits {
                s.enter_grace();
            }
            fits
        }
        None => true,
    })
    .unwrap_or(true)
}

/// Whether a buffer allocation went past the heap limit since the last
/// call (clears the condition). The VM raises `MemoryError`.
pub fn take_over_limit() -> bool {
    with_state(|s| {
        let over = std::mem::replace(&mut s.over_limit, false);
        refresh_pending(s);
        over
    })
    .unwrap_or(false)
}
