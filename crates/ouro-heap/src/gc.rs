//! The cycle collector: CPython 3.11's generational collector
//! (`Modules/gcmodule.c`), on ouro's heap. `docs/GC.md` explains the design
//! with the names used here.
//!
//! Reference counting frees everything except cycles. Container objects
//! (those with an `F_GC` link) are kept in one of three generation lists;
//! a collection of generation `g` merges the younger lists into `g`, finds
//! the objects there that are unreachable from outside the list, and frees
//! them, moving survivors one generation up. The phases keep CPython's
//! names:
//!
//! 1. [`update_refs`]: copy each object's reference count into `gc_refs`.
//! 2. [`subtract_refs`]: for every reference from one object of the list to
//!    another, decrement the target's `gc_refs`. What remains counts the
//!    references from outside the list: the VM's stacks and locals, Rust
//!    handles, objects of older generations.
//! 3. [`move_unreachable`]: objects with `gc_refs > 0` are reachable, and so
//!    is everything they reach; the rest moves to `unreachable`.
//! 4. `untrack_tuples`, and on full collections `untrack_dicts`: containers
//!    that can never be part of a cycle leave the lists.
//! 5. [`Collection::handle_weakrefs`]: weak references to unreachable objects
//!    are cleared; callbacks of weakrefs that are themselves reachable are
//!    called (by the VM).
//! 6. [`Collection::next_to_finalize`]: `__del__` runs once per object (PEP
//!    442), called by the VM.
//! 7. [`Collection::handle_resurrected_objects`]: the unreachable set is
//!    deduced again; what a finalizer made reachable survives. When no
//!    Python code ran in phases 5 and 6, nothing can have changed and the
//!    set is kept as it is (phase 6 is skipped too when phase 5's walk saw
//!    no `__del__` to run).
//! 8. [`Collection::delete_garbage`]: each remaining object is *cleared*
//!    (CPython's `tp_clear`: its references are dropped), which breaks the
//!    cycles; reference counting then frees them.
//!
//! Running Python code (phases 5 and 6) is the VM's part: this module hands
//! it counted references one at a time and is re-entered after each call.
//!
//! # The link words during a collection
//!
//! As in CPython, the `prev` word of a [`GcLink`] holds `gc_refs` shifted
//! left by two while a collection runs, with [`PREV_MASK_COLLECTING`] in
//! bit 1 for objects of the generation being collected; the list is singly
//! linked then, and [`move_unreachable`] restores the back links. The `next`
//! word of objects in the unreachable set carries [`NEXT_MASK_UNREACHABLE`]
//! in bit 0 until [`move_legacy_finalizers`] clears it. Links are 16-byte
//! aligned, so the low bits are free.
//!
//! # Safety
//!
//! This module is part of the object-handle layer. Its invariants (the
//! `SAFETY` comments name them):
//!
//! - **LINKED**: a link whose `next` word is non-zero is in exactly one
//!   well-formed circular list: a generation list, the permanent
//!   generation, or one of a running [`Collection`]'s lists. List heads are
//!   boxed, so their addresses are stable while objects point at them.
//! - **TRACKED_LIVE**: only live objects are linked; teardown unlinks an
//!   object before freeing its block ([`on_free`]).
//! - **NO_REENTRY**: between a phase's start and end no Python code runs and
//!   no reference is dropped, so the lists are only changed by this module.
//!   Where references are dropped (clearing, giving up a callback's count),
//!   the code re-reads the lists afterwards, as CPython does.

use std::cell::Cell;
use std::mem::size_of;
use std::ptr::NonNull;

use crate::heap::{self, HeapState};
use crate::layout::*;
use crate::object::{flags, tflags, GcLink, Kind, ObjHeader, ObjRef, PAYLOAD_OFFSET};

/// Number of generations, as CPython's `NUM_GENERATIONS`.
pub const NUM_GENERATIONS: usize = 3;

/// Bit 1 of `prev`: the object belongs to the generation being collected.
const PREV_MASK_COLLECTING: usize = 2;
const PREV_SHIFT: u32 = 2;
const PREV_MASK: usize = (1 << PREV_SHIFT) - 1;
/// Bit 0 of `next`: the object is in `move_unreachable`'s unreachable set.
const NEXT_MASK_UNREACHABLE: usize = 1;

/// `gc.set_debug` flags, with CPython's values.
pub const DEBUG_STATS: u32 = 1 << 0;
pub const DEBUG_COLLECTABLE: u32 = 1 << 1;
pub const DEBUG_UNCOLLECTABLE: u32 = 1 << 2;
pub const DEBUG_SAVEALL: u32 = 1 << 5;
pub const DEBUG_LEAK: u32 = DEBUG_COLLECTABLE | DEBUG_UNCOLLECTABLE | DEBUG_SAVEALL;

/// Per-generation statistics (`gc.get_stats()`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GenStats {
    pub collections: u64,
    pub collected: u64,
    pub uncollectable: u64,
}

struct Generation {
    head: Box<GcLink>,
    threshold: i64,
    count: i64,
}

/// A list head: a link pointing at itself.
fn new_head() -> Box<GcLink> {
    let head = Box::new(GcLink {
        next: Cell::new(0),
        prev: Cell::new(0),
    });
    let p = &*head as *const GcLink as usize;
    head.next.set(p);
    head.prev.set(p);
    head
}

/// The collector's state, part of the thread's heap state. Mirrors
/// CPython's `struct _gc_runtime_state`.
pub(crate) struct GcState {
    generations: [Generation; NUM_GENERATIONS],
    permanent: Box<GcLink>,
    enabled: bool,
    /// A collection, or its `gc.callbacks`, is running (CPython's
    /// `collecting`): no other collection starts.
    collecting: bool,
    /// A [`Collection`] exists: its lists hold objects (LINKED needs this
    /// to be exclusive).
    active: bool,
    debug: u32,
    long_lived_total: usize,
    long_lived_pending: usize,
    stats: [GenStats; NUM_GENERATIONS],
    /// The allocation count passed a threshold: the VM collects at its next
    /// instruction boundary.
    requested: bool,
    /// `-X gcstress`: request a collection at every container allocation.
    stress: bool,
    stress_count: u64,
}

impl GcState {
    pub(crate) fn new() -> GcState {
        let generation = |threshold| Generation {
            head: new_head(),
            threshold,
            count: 0,
        };
        GcState {
            generations: [generation(700), generation(10), generation(10)],
            permanent: new_head(),
            enabled: true,
            collecting: false,
            active: false,
            debug: 0,
            long_lived_total: 0,
            long_lived_pending: 0,
            stats: [GenStats::default(); NUM_GENERATIONS],
            requested: false,
            stress: false,
            stress_count: 0,
        }
    }

    fn head(&self, generation: usize) -> *mut GcLink {
        &*self.generations[generation].head as *const GcLink as *mut GcLink
    }

    fn permanent_head(&self) -> *mut GcLink {
        &*self.permanent as *const GcLink as *mut GcLink
    }

    /// Whether a pending collection request should make the VM stop.
    pub(crate) fn requested(&self) -> bool {
        self.requested
    }

    /// Counts the allocation of a container (`_PyObject_GC_Alloc`); returns
    /// true if a collection became due.
    #[inline]
    pub(crate) fn on_alloc(&mut self) -> bool {
        let g0 = &mut self.generations[0];
        g0.count += 1;
        if self.enabled
            && !self.collecting
            && (self.stress || (g0.threshold != 0 && g0.count > g0.threshold))
        {
            self.requested = true;
        }
        self.requested
    }
}

// ---------------------------------------------------------------- links

/// The link of a container object.
///
/// # Safety
/// `h` is a live object with `F_GC` (LAYOUT: the link precedes the header).
#[inline(always)]
unsafe fn link_of(h: NonNull<ObjHeader>) -> *mut GcLink {
    // SAFETY: the caller guarantees the link is there.
    unsafe { (h.as_ptr() as *mut u8).sub(size_of::<GcLink>()) as *mut GcLink }
}

/// The object whose link is `g`.
///
/// # Safety
/// `g` is the link of a live object (not a list head).
#[inline(always)]
unsafe fn obj_of(g: *mut GcLink) -> NonNull<ObjHeader> {
    // SAFETY: the header follows the link in the same block.
    unsafe { NonNull::new_unchecked((g as *mut u8).add(size_of::<GcLink>()) as *mut ObjHeader) }
}

// The accessors below read and write link words; every caller passes links
// of live objects or list heads (TRACKED_LIVE, LINKED).

#[inline(always)]
unsafe fn next(g: *mut GcLink) -> *mut GcLink {
    // SAFETY: see above.
    unsafe { (*g).next.get() as *mut GcLink }
}

#[inline(always)]
unsafe fn prev(g: *mut GcLink) -> *mut GcLink {
    // SAFETY: see above.
    unsafe { ((*g).prev.get() & !PREV_MASK) as *mut GcLink }
}

#[inline(always)]
unsafe fn set_next(g: *mut GcLink, n: *mut GcLink) {
    // SAFETY: see above.
    unsafe { (*g).next.set(n as usize) }
}

#[inline(always)]
unsafe fn set_prev(g: *mut GcLink, p: *mut GcLink) {
    // SAFETY: see above.
    unsafe {
        let flags = (*g).prev.get() & PREV_MASK;
        (*g).prev.set(p as usize | flags)
    }
}

#[inline(always)]
unsafe fn is_collecting(g: *mut GcLink) -> bool {
    // SAFETY: see above.
    unsafe { (*g).prev.get() & PREV_MASK_COLLECTING != 0 }
}

#[inline(always)]
unsafe fn clear_collecting(g: *mut GcLink) {
    // SAFETY: see above.
    unsafe { (*g).prev.set((*g).prev.get() & !PREV_MASK_COLLECTING) }
}

#[inline(always)]
unsafe fn get_refs(g: *mut GcLink) -> usize {
    // SAFETY: see above.
    unsafe { (*g).prev.get() >> PREV_SHIFT }
}

#[inline(always)]
unsafe fn set_refs(g: *mut GcLink, refs: usize) {
    // SAFETY: see above.
    unsafe {
        (*g).prev
            .set(((*g).prev.get() & PREV_MASK) | (refs << PREV_SHIFT))
    }
}

#[inline(always)]
unsafe fn reset_refs(g: *mut GcLink, refs: usize) {
    // SAFETY: see above.
    unsafe { (*g).prev.set(PREV_MASK_COLLECTING | (refs << PREV_SHIFT)) }
}

#[inline(always)]
unsafe fn decref_refs(g: *mut GcLink) {
    // SAFETY: see above.
    unsafe {
        debug_assert!(get_refs(g) > 0, "gc: refcount is too small");
        if get_refs(g) > 0 {
            (*g).prev.set((*g).prev.get() - (1 << PREV_SHIFT));
        }
    }
}

unsafe fn list_init(list: *mut GcLink) {
    // SAFETY: `list` is a head.
    unsafe {
        (*list).prev.set(list as usize);
        (*list).next.set(list as usize);
    }
}

unsafe fn list_is_empty(list: *mut GcLink) -> bool {
    // SAFETY: `list` is a head.
    unsafe { (*list).next.get() == list as usize }
}

/// Appends `node` to `list` (CPython's `gc_list_append`).
unsafe fn list_append(node: *mut GcLink, list: *mut GcLink) {
    // SAFETY: LINKED — `list` is a well-formed list, `node` is unlinked.
    unsafe {
        let last = (*list).prev.get() as *mut GcLink;
        set_prev(node, last);
        set_next(last, node);
        set_next(node, list);
        (*list).prev.set(node as usize);
    }
}

/// Unlinks `node` from its list and marks it untracked.
unsafe fn list_remove(node: *mut GcLink) {
    // SAFETY: LINKED — `node` is in a well-formed list.
    unsafe {
        let p = prev(node);
        let n = next(node);
        set_next(p, n);
        set_prev(n, p);
        (*node).next.set(0);
    }
}

/// Moves `node` from its list to the end of `list`.
unsafe fn list_move(node: *mut GcLink, list: *mut GcLink) {
    // SAFETY: LINKED — both lists are well formed.
    unsafe {
        let from_prev = prev(node);
        let from_next = next(node);
        set_next(from_prev, from_next);
        set_prev(from_next, from_prev);
        let to_prev = (*list).prev.get() as *mut GcLink;
        set_prev(node, to_prev);
        set_next(to_prev, node);
        (*list).prev.set(node as usize);
        set_next(node, list);
    }
}

/// Appends `from` to `to`; `from` becomes empty.
unsafe fn list_merge(from: *mut GcLink, to: *mut GcLink) {
    debug_assert!(from != to);
    // SAFETY: LINKED — both lists are well formed and distinct.
    unsafe {
        if !list_is_empty(from) {
            let to_tail = prev(to);
            let from_head = next(from);
            let from_tail = prev(from);
            set_next(to_tail, from_head);
            set_prev(from_head, to_tail);
            set_next(from_tail, to);
            set_prev(to, from_tail);
        }
        list_init(from);
    }
}

unsafe fn list_size(list: *mut GcLink) -> usize {
    let mut n = 0;
    // SAFETY: LINKED.
    unsafe {
        let mut g = next(list);
        while g != list {
            n += 1;
            g = next(g);
        }
    }
    n
}

unsafe fn list_clear_collecting(list: *mut GcLink) {
    // SAFETY: LINKED.
    unsafe {
        let mut g = next(list);
        while g != list {
            clear_collecting(g);
            g = next(g);
        }
    }
}

/// The objects of a list, as new references.
unsafe fn list_objects(list: *mut GcLink, out: &mut Vec<ObjRef>) {
    // SAFETY: LINKED, TRACKED_LIVE — every link is a live object; taking a
    // count for each handle changes no link.
    unsafe {
        let mut g = next(list);
        while g != list {
            out.push(new_ref(obj_of(g)));
            g = next(g);
        }
    }
}

/// A new counted handle to a live object.
///
/// # Safety
/// `h` is live.
unsafe fn new_ref(h: NonNull<ObjHeader>) -> ObjRef {
    // SAFETY: the caller guarantees LIVE; the handle owns the new count.
    unsafe {
        crate::object::inc(h);
        ObjRef::from_raw(h)
    }
}

// ------------------------------------------------------ debug validation

/// What `validate_list` expects of the marks (CPython's `flagstates`).
#[cfg(debug_assertions)]
#[derive(Clone, Copy)]
#[allow(clippy::enum_variant_names)] // CPython's names
enum Marks {
    CollectingClearUnreachableClear,
    CollectingSetUnreachableClear,
    CollectingSetUnreachableSet,
}

/// Checks a list's links and marks (debug builds only): the head carries no
/// marks, `prev` and `next` agree, and every object's marks are as stated.
#[cfg(debug_assertions)]
unsafe fn validate_list(head: *mut GcLink, marks: Marks) {
    let (prev_value, next_value) = match marks {
        Marks::CollectingClearUnreachableClear => (0, 0),
        Marks::CollectingSetUnreachableClear => (PREV_MASK_COLLECTING, 0),
        Marks::CollectingSetUnreachableSet => (PREV_MASK_COLLECTING, NEXT_MASK_UNREACHABLE),
    };
    // SAFETY: LINKED; read-only walk.
    unsafe {
        assert_eq!((*head).prev.get() & PREV_MASK_COLLECTING, 0);
        assert_eq!((*head).next.get() & NEXT_MASK_UNREACHABLE, 0);
        let mut prev_seen = head;
        let mut g = next(head);
        while g != head {
            let true_next = ((*g).next.get() & !NEXT_MASK_UNREACHABLE) as *mut GcLink;
            assert!(!true_next.is_null(), "gc: linked object with a null next");
            assert_eq!(prev(g), prev_seen, "gc: prev and next disagree");
            assert_eq!((*g).prev.get() & PREV_MASK_COLLECTING, prev_value);
            assert_eq!((*g).next.get() & NEXT_MASK_UNREACHABLE, next_value);
            assert!(obj_of(g).as_ref().flags() & flags::F_GC != 0);
            prev_seen = g;
            g = true_next;
        }
        assert_eq!(prev_seen, prev(head));
    }
}

#[cfg(not(debug_assertions))]
#[derive(Clone, Copy)]
#[allow(clippy::enum_variant_names, dead_code)]
enum Marks {
    CollectingClearUnreachableClear,
    CollectingSetUnreachableClear,
    CollectingSetUnreachableSet,
}

#[cfg(not(debug_assertions))]
#[inline(always)]
unsafe fn validate_list(_head: *mut GcLink, _marks: Marks) {}

// ------------------------------------------------------------ traversal

const BORROW_EXCLUSIVE: u8 = u8::MAX;

/// Calls `visit` on every reference `h` owns: its heap type, its payload's
/// references and its attributes (CPython's `tp_traverse`). An object whose
/// payload is exclusively borrowed (Rust code is changing it) is skipped;
/// [`update_refs`] treats such objects as referenced from outside.
///
/// # Safety
/// `h` is a live object; no payload of it is mutated during the call.
pub(crate) unsafe fn traverse(h: NonNull<ObjHeader>, visit: &mut dyn FnMut(&ObjRef)) {
    // SAFETY: LIVE — the caller guarantees it.
    let hdr = unsafe { h.as_ref() };
    if hdr.borrow_state() != BORROW_EXCLUSIVE {
        // subtype_traverse's order: the instance attributes, then the base
        // type's references, then the heap type.
        let kind = hdr.kind();
        if hdr.flags() & flags::F_ATTRS != 0 {
            let off = crate::object::attrs_offset(kind, var_len_of(h));
            // SAFETY: LAYOUT — with F_ATTRS an Attrs lives at `off`; not
            // exclusively borrowed (it shares the payload's borrow flag).
            unsafe { (*((h.as_ptr() as *const u8).add(off) as *const Attrs)).traverse(visit) };
        }
        // SAFETY: PAYLOAD_OFFSET is inside the block (KIND).
        let payload = unsafe { (h.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) };
        macro_rules! trav {
            ($t:ty) => {
                // SAFETY: KIND — the payload of this kind is a `$t`; no
                // exclusive borrow exists (checked above), and nobody
                // mutates it during the call (the caller's guarantee).
                unsafe { (*(payload as *const $t)).traverse(visit) }
            };
        }
        match kind {
            Kind::Null
            | Kind::Object
            | Kind::Int
            | Kind::BigInt
            | Kind::Float
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::Complex
            | Kind::RangeIter => {}
            Kind::Tuple => trav!(TupleObj),
            Kind::List => trav!(ListObj),
            Kind::Dict => trav!(DictObj),
            Kind::Function => trav!(FunctionObj),
            Kind::BuiltinFunction => trav!(BuiltinFunctionObj),
            Kind::Method => trav!(MethodObj),
            Kind::Code => trav!(CodeObj),
            Kind::Type => trav!(TypeObj),
            Kind::Module => trav!(ModuleObj),
            Kind::Cell => trav!(CellObj),
            Kind::Exception => trav!(ExceptionObj),
            Kind::Traceback => trav!(TracebackObj),
            Kind::Frame => trav!(FrameObj),
            Kind::Slice => trav!(SliceObj),
            Kind::Range => trav!(RangeObj),
            Kind::SeqIter => trav!(SeqIterObj),
            Kind::DictIter => trav!(DictIterObj),
            Kind::WeakRef => trav!(WeakRefObj),
            Kind::Native => trav!(NativeObj),
        }
    }
    let ty = hdr.ty_ptr();
    // SAFETY: TYPE_REF — the type outlives its instances.
    if !ty.is_null() && unsafe { (*ty).tflags() } & tflags::T_HEAP != 0 {
        // SAFETY: the instance owns a count of its heap type (TYPE_REF), so
        // this is an owned reference. The handle is only lent to `visit`;
        // ManuallyDrop keeps the count untouched.
        let tref = std::mem::ManuallyDrop::new(unsafe {
            ObjRef::from_raw(NonNull::new_unchecked(ty as *mut ObjHeader))
        });
        visit(&tref);
    }
}

/// The variable length of a live object (tuple items, str bytes).
fn var_len_of(h: NonNull<ObjHeader>) -> usize {
    // SAFETY: LIVE — callers pass live objects; the handle is only borrowed.
    let r = std::mem::ManuallyDrop::new(unsafe { ObjRef::from_raw(h) });
    r.var_len()
}

/// Whether `h` is a container the collector knows (`_PyObject_IS_GC`).
#[inline(always)]
fn is_gc(h: NonNull<ObjHeader>) -> bool {
    // SAFETY: callers pass live objects.
    unsafe { h.as_ref() }.flags() & flags::F_GC != 0
}

/// Whether a container is linked into a list.
///
/// # Safety
/// `h` is live and has `F_GC`.
#[inline(always)]
unsafe fn is_tracked_raw(h: NonNull<ObjHeader>) -> bool {
    // SAFETY: the caller guarantees the link exists.
    unsafe { (*link_of(h)).next.get() != 0 }
}

/// Whether `h` is an exact tuple (not an instance of a subclass).
fn is_exact(h: NonNull<ObjHeader>, kind: Kind) -> bool {
    // SAFETY: callers pass live objects; TYPE_REF for the type.
    unsafe {
        let hdr = h.as_ref();
        hdr.kind() == kind
            && (hdr.ty_ptr().is_null() || (*hdr.ty_ptr()).tflags() & tflags::T_HEAP == 0)
    }
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`: whether `h` is, or may become,
/// a tracked container. Tuples and types that are untracked stay so.
fn may_be_tracked_raw(h: NonNull<ObjHeader>) -> bool {
    if !is_gc(h) {
        return false;
    }
    // SAFETY: F_GC checked above.
    if unsafe { is_tracked_raw(h) } {
        return true;
    }
    // SAFETY: live (callers).
    let kind = unsafe { h.as_ref() }.kind();
    !(is_exact(h, Kind::Tuple) || kind == Kind::Type)
}

// ----------------------------------------------------- the state access

/// The thread's collector state.
fn state() -> Option<*mut HeapState> {
    heap::state_ptr()
}

/// Runs `f` on the collector state. `f` must not drop handles or run code
/// that re-enters the heap.
fn with_gc<R>(f: impl FnOnce(&mut GcState) -> R) -> Option<R> {
    // SAFETY: single-threaded; callers do not re-enter the heap inside `f`.
    state().map(|s| f(unsafe { &mut (*s).gc }))
}

// ------------------------------------------------ tracking, allocation

/// Links a fresh container into generation 0 (`_PyObject_GC_TRACK`).
///
/// # Safety
/// `h` is live, has `F_GC` and is not tracked; `gc` is this thread's state.
pub(crate) unsafe fn track_raw(gc: &GcState, h: NonNull<ObjHeader>) {
    // SAFETY: the caller guarantees the link exists and is unlinked.
    unsafe { list_append(link_of(h), gc.head(0)) }
}

/// Called by teardown for a container about to be freed: unlinks it and
/// counts the deallocation (`PyObject_GC_Del`).
///
/// # Safety
/// `h` has `F_GC` and is being torn down (TRACKED_LIVE).
pub(crate) unsafe fn on_free(gc: &mut GcState, h: NonNull<ObjHeader>) {
    // SAFETY: the link exists (F_GC); LINKED if tracked.
    unsafe {
        if is_tracked_raw(h) {
            list_remove(link_of(h));
        }
    }
    let g0 = &mut gc.generations[0];
    if g0.count > 0 {
        g0.count -= 1;
    }
}

/// Unlinks a dead container whose block goes on a free list: untracked,
/// but not counted as a deallocation (CPython's free lists skip
/// `PyObject_GC_Del`, which does the counting).
///
/// # Safety
/// `h` has `F_GC` and is being torn down (TRACKED_LIVE).
pub(crate) unsafe fn unlink_dead(h: NonNull<ObjHeader>) {
    // SAFETY: the link exists (F_GC); LINKED if tracked.
    unsafe {
        if is_tracked_raw(h) {
            list_remove(link_of(h));
        }
    }
}

/// Whether `obj` is tracked by the collector (`gc.is_tracked`).
pub fn is_tracked(obj: &ObjRef) -> bool {
    // SAFETY: the handle keeps the object live; F_GC checked first.
    is_gc(obj.raw()) && unsafe { is_tracked_raw(obj.raw()) }
}

/// Whether `obj` is a container the collector can know (`_PyObject_IS_GC`).
pub fn is_container(obj: &ObjRef) -> bool {
    is_gc(obj.raw())
}

/// Tracks `obj` if it is an untracked container.
pub fn track(obj: &ObjRef) {
    if is_gc(obj.raw()) && !is_tracked(obj) {
        // SAFETY: live (handle), F_GC, untracked: checked above.
        with_gc(|gc| unsafe { track_raw(gc, obj.raw()) });
    }
}

/// Untracks `obj` if it is tracked (`PyObject_GC_UnTrack`).
pub fn untrack(obj: &ObjRef) {
    if is_tracked(obj) {
        // SAFETY: tracked, so LINKED; unlinking changes no object.
        unsafe {
            let g = link_of(obj.raw());
            list_remove(g);
            (*g).prev.set(0);
        }
    }
}

/// CPython's `_PyObject_GC_MAY_BE_TRACKED`.
pub fn may_be_tracked(obj: &ObjRef) -> bool {
    may_be_tracked_raw(obj.raw())
}

/// CPython's `MAINTAIN_TRACKING` for a dict getting `key: value`: an
/// untracked exact dict becomes tracked once it holds a container.
pub fn maintain_dict_tracking(dict: &ObjRef, key: &ObjRef, value: &ObjRef) {
    if !is_tracked(dict) && (may_be_tracked(key) || may_be_tracked(value)) {
        track(dict);
    }
}

/// Untracks an exact dict all of whose keys and values are atoms
/// (`_PyDict_MaybeUntrack`).
fn maybe_untrack_dict(h: NonNull<ObjHeader>) {
    // SAFETY: live (callers walk tracked lists).
    if unsafe { h.as_ref() }.borrow_state() != 0 {
        return;
    }
    let mut tracked = false;
    // SAFETY: live and not borrowed; nothing mutates during traversal.
    unsafe {
        let d = &*((h.as_ptr() as *const u8).add(PAYLOAD_OFFSET) as *const DictObj);
        for e in d.table.iter() {
            if may_be_tracked_raw(e.key.raw()) || may_be_tracked_raw(e.value.raw()) {
                tracked = true;
                break;
            }
        }
        if !tracked {
            let g = link_of(h);
            list_remove(g);
            (*g).prev.set(0);
        }
    }
}

/// Untracks an exact tuple whose items are all untracked or atoms
/// (`_PyTuple_MaybeUntrack`).
fn maybe_untrack_tuple(h: NonNull<ObjHeader>) {
    // SAFETY: live (callers walk tracked lists); tuples are frozen.
    unsafe {
        let t = &*((h.as_ptr() as *const u8).add(PAYLOAD_OFFSET) as *const TupleObj);
        if t.items().iter().any(|o| may_be_tracked_raw(o.raw())) {
            return;
        }
        let g = link_of(h);
        list_remove(g);
        (*g).prev.set(0);
    }
}

/// The public untrack-if-possible for tuples (used on constants).
pub fn maybe_untrack(obj: &ObjRef) {
    if !is_tracked(obj) {
        return;
    }
    if is_exact(obj.raw(), Kind::Tuple) {
        maybe_untrack_tuple(obj.raw());
    } else if is_exact(obj.raw(), Kind::Dict) {
        maybe_untrack_dict(obj.raw());
    }
}

// ----------------------------------------------------- the phases

/// Sets `gc_refs` to the reference count for every object of `containers`
/// and marks them collecting. An object whose payload is borrowed (Rust
/// code is using it) gets one more: it is referenced from outside. Returns
/// how many objects `containers` holds.
unsafe fn update_refs(containers: *mut GcLink) -> usize {
    // SAFETY: LINKED, TRACKED_LIVE.
    unsafe {
        let mut n = 0;
        let mut g = next(containers);
        while g != containers {
            n += 1;
            let h = obj_of(g).as_ref();
            let busy = (h.borrow_state() != 0) as usize;
            reset_refs(g, h.refcnt() as usize + busy);
            // A tracked object never has a zero count: teardown unlinks it.
            debug_assert!(get_refs(g) != 0, "gc: tracked object with count 0");
            g = next(g);
        }
        n
    }
}

/// Subtracts the references between objects of `containers` from their
/// `gc_refs`.
unsafe fn subtract_refs(containers: *mut GcLink) {
    // SAFETY: LINKED, TRACKED_LIVE, NO_REENTRY — traversal drops nothing.
    unsafe {
        let mut g = next(containers);
        while g != containers {
            traverse(obj_of(g), &mut |r: &ObjRef| visit_decref(r.raw()));
            g = next(g);
        }
    }
}

/// `subtract_refs`'s visitor: only objects of the collected generation
/// (marked collecting) are counted down.
fn visit_decref(op: NonNull<ObjHeader>) {
    if is_gc(op) {
        // SAFETY: F_GC, live (referenced by a live object).
        unsafe {
            let g = link_of(op);
            if is_collecting(g) {
                decref_refs(g);
            }
        }
    }
}

/// `move_unreachable`'s visitor: an object reached from a reachable one is
/// reachable; if it was moved to `unreachable` already, it moves back.
unsafe fn visit_reachable(op: NonNull<ObjHeader>, reachable: *mut GcLink) {
    if !is_gc(op) {
        return;
    }
    // SAFETY: F_GC; LINKED (the collecting mark implies it is in `young`
    // or `unreachable`).
    unsafe {
        let g = link_of(op);
        let refs = get_refs(g);
        if !is_collecting(g) {
            return;
        }
        debug_assert!((*g).next.get() != 0);
        if (*g).next.get() & NEXT_MASK_UNREACHABLE != 0 {
            // Tentatively unreachable, but reachable after all: unlink it by
            // hand (the marks make the list functions unusable) and append
            // it to `young`, which the scan will reach.
            let p = prev(g);
            let n = ((*g).next.get() & !NEXT_MASK_UNREACHABLE) as *mut GcLink;
            (*p).next.set((*g).next.get()); // keeps the mark
            set_prev(n, p);
            list_append(g, reachable);
            set_refs(g, 1);
        } else if refs == 0 {
            // Still ahead in `young`: just say it is reachable.
            set_refs(g, 1);
        }
    }
}

/// Moves the objects of `young` unreachable from outside it to
/// `unreachable`; restores the `prev` links of `young`. Objects left in
/// `unreachable` keep the collecting mark and NEXT_MASK_UNREACHABLE.
unsafe fn move_unreachable(young: *mut GcLink, unreachable: *mut GcLink) {
    // SAFETY: LINKED (`young` singly linked with gc_refs in prev, as
    // update_refs left it), NO_REENTRY.
    unsafe {
        let mut prev_g = young;
        let mut g = next(young);
        while g != young {
            if get_refs(g) != 0 {
                // Reachable: traverse it (which may append to `young`, so
                // the next object is read afterwards).
                traverse(obj_of(g), &mut |r: &ObjRef| visit_reachable(r.raw(), young));
                set_prev(g, prev_g);
                clear_collecting(g);
                prev_g = g;
            } else {
                // Maybe unreachable: move it, marked, to `unreachable`.
                (*prev_g).next.set((*g).next.get());
                let last = (*unreachable).prev.get() as *mut GcLink;
                (*last).next.set(NEXT_MASK_UNREACHABLE | g as usize);
                set_prev(g, last);
                (*g).next.set(NEXT_MASK_UNREACHABLE | unreachable as usize);
                (*unreachable).prev.set(g as usize);
            }
            g = (*prev_g).next.get() as *mut GcLink;
        }
        (*young).prev.set(prev_g as usize);
        // The head of `unreachable` may have got the mark: remove it.
        (*unreachable)
            .next
            .set((*unreachable).next.get() & !NEXT_MASK_UNREACHABLE);
    }
}

/// Deduces which objects of `base` are unreachable from outside it and
/// moves them to `unreachable` (which this initialises). Returns how many
/// objects `base` held.
unsafe fn deduce_unreachable(base: *mut GcLink, unreachable: *mut GcLink) -> usize {
    // SAFETY: forwarded contracts.
    unsafe {
        validate_list(base, Marks::CollectingClearUnreachableClear);
        let examined = update_refs(base);
        subtract_refs(base);
        list_init(unreachable);
        move_unreachable(base, unreachable);
        validate_list(base, Marks::CollectingClearUnreachableClear);
        validate_list(unreachable, Marks::CollectingSetUnreachableSet);
        examined
    }
}

unsafe fn untrack_tuples(head: *mut GcLink) {
    // SAFETY: LINKED; untracking unlinks only the current node, after the
    // next one was read.
    unsafe {
        let mut g = next(head);
        while g != head {
            let n = next(g);
            let op = obj_of(g);
            if is_exact(op, Kind::Tuple) {
                maybe_untrack_tuple(op);
            }
            g = n;
        }
    }
}

unsafe fn untrack_dicts(head: *mut GcLink) {
    // SAFETY: as in untrack_tuples.
    unsafe {
        let mut g = next(head);
        while g != head {
            let n = next(g);
            let op = obj_of(g);
            if is_exact(op, Kind::Dict) {
                maybe_untrack_dict(op);
            }
            g = n;
        }
    }
}

/// Whether an object has a pre-PEP 442 finalizer (CPython's `tp_del`). No
/// ouro type has one: `__del__` of classes is a PEP 442 finalizer, which
/// CPython 3.11 also runs in `finalize_garbage`.
fn has_legacy_finalizer(_op: NonNull<ObjHeader>) -> bool {
    false
}

/// Moves unreachable objects with legacy finalizers to `finalizers`, and
/// clears NEXT_MASK_UNREACHABLE on the rest: `unreachable` is an ordinary
/// list afterwards. Returns how many objects were unreachable (both kinds).
unsafe fn move_legacy_finalizers(unreachable: *mut GcLink, finalizers: *mut GcLink) -> usize {
    // SAFETY: LINKED (with marks, handled by hand as in CPython).
    unsafe {
        let mut count = 0;
        let mut g = next(unreachable);
        while g != unreachable {
            count += 1;
            debug_assert!((*g).next.get() & NEXT_MASK_UNREACHABLE != 0);
            (*g).next.set((*g).next.get() & !NEXT_MASK_UNREACHABLE);
            let n = next(g);
            if has_legacy_finalizer(obj_of(g)) {
                clear_collecting(g);
                list_move(g, finalizers);
            }
            g = n;
        }
        count
    }
}

/// Moves what legacy finalizers reach from `unreachable` to `finalizers`.
unsafe fn move_legacy_finalizer_reachable(finalizers: *mut GcLink) {
    // SAFETY: LINKED, NO_REENTRY; the list may grow while walked.
    unsafe {
        let mut g = next(finalizers);
        while g != finalizers {
            traverse(obj_of(g), &mut |r: &ObjRef| {
                let op = r.raw();
                if is_gc(op) {
                    let og = link_of(op);
                    if is_collecting(og) {
                        list_move(og, finalizers);
                        clear_collecting(og);
                    }
                }
            });
            g = next(g);
        }
    }
}

/// Whether `op`'s class has a `__del__` that has not run on it yet (PEP
/// 442: once per object).
///
/// # Safety
/// `op` is live.
unsafe fn needs_finalizer(op: NonNull<ObjHeader>) -> bool {
    // SAFETY: LIVE; a non-null type pointer is a live type (TYPE_REF).
    unsafe {
        let h = op.as_ref();
        let ty = h.ty_ptr();
        !ty.is_null()
            && (*ty).tflags() & tflags::T_HAS_DEL != 0
            && h.flags() & flags::F_FINALIZED == 0
    }
}

/// Clears NEXT_MASK_UNREACHABLE on every object of `unreachable`; returns
/// how many there are.
unsafe fn clear_unreachable_mask(unreachable: *mut GcLink) -> usize {
    // SAFETY: LINKED with marks.
    unsafe {
        let mut count = 0;
        let mut g = next(unreachable);
        while g != unreachable {
            count += 1;
            debug_assert!((*g).next.get() & NEXT_MASK_UNREACHABLE != 0);
            (*g).next.set((*g).next.get() & !NEXT_MASK_UNREACHABLE);
            g = next(g);
        }
        validate_list(unreachable, Marks::CollectingSetUnreachableClear);
        count
    }
}

/// Moves every reference `h` owns that CPython's `tp_clear` drops into
/// `out`. Objects without a clear (tuples, methods) and objects whose
/// payload is in use are left as they are.
///
/// # Safety
/// `h` is live, unreachable garbage; the caller holds a count on it.
unsafe fn clear_object(h: NonNull<ObjHeader>, out: &mut Vec<ObjRef>, empty_tuple: Option<&ObjRef>) {
    // SAFETY: LIVE (the caller's count).
    let hdr = unsafe { h.as_ref() };
    if hdr.borrow_state() != 0 {
        return;
    }
    let kind = hdr.kind();
    // SAFETY: PAYLOAD_OFFSET is inside the block.
    let payload = unsafe { (h.as_ptr() as *mut u8).add(PAYLOAD_OFFSET) };
    // SAFETY: for each arm, KIND — the payload is of the named type; no
    // borrow exists (checked above) and no handle-level access happens
    // while this exclusive reference lives (moves only, drops come later).
    unsafe {
        match kind {
            Kind::List => (*(payload as *mut ListObj)).take_children(out),
            Kind::Dict => (*(payload as *mut DictObj)).take_children(out),
            Kind::Function => {
                let f = &mut *(payload as *mut FunctionObj);
                for o in [
                    f.module.take(),
                    f.defaults.take(),
                    f.kwdefaults.take(),
                    f.doc.take(),
                    f.dict.take(),
                    f.closure.take(),
                    f.annotations.take(),
                ]
                .into_iter()
                .flatten()
                {
                    out.push(o);
                }
            }
            Kind::Type => {
                // type_clear: the dict's contents and the MRO (which holds
                // the type itself).
                let t = &mut *(payload as *mut TypeObj);
                if let Some(e) = empty_tuple {
                    out.push(std::mem::replace(&mut t.mro, e.clone()));
                }
            }
            Kind::Cell => out.extend((*(payload as *mut CellObj)).value.take()),
            Kind::Exception => {
                let e = &mut *(payload as *mut ExceptionObj);
                if let Some(t) = empty_tuple {
                    out.push(std::mem::replace(&mut e.args, t.clone()));
                }
                out.extend(e.notes.take());
                out.extend(e.traceback.take());
                out.extend(e.cause.take());
                out.extend(e.context.take());
            }
            Kind::Traceback => out.extend((*(payload as *mut TracebackObj)).next.take()),
            Kind::Frame => {
                let f = &mut *(payload as *mut FrameObj);
                out.extend(std::mem::take(&mut f.locals).into_iter().flatten());
                out.extend(f.namespace.take());
                out.extend(f.back.take());
            }
            Kind::WeakRef => {
                crate::weakref::detach(h);
                out.extend((*(payload as *mut WeakRefObj)).callback.take());
            }
            Kind::Native => (*(payload as *mut NativeObj)).take_children(out),
            _ => {}
        }
        if hdr.flags() & flags::F_ATTRS != 0 {
            let off = crate::object::attrs_offset(kind, var_len_of(h));
            (*((h.as_ptr() as *mut u8).add(off) as *mut Attrs)).take_children(out);
        }
    }
}

// ------------------------------------------------------ a collection

/// A collection in progress. Created by [`Collection::begin`], driven by the
/// VM through the phases, ended by [`Collection::finish`] (or by dropping
/// it, which puts everything back into the older generation).
pub struct Collection {
    generation: usize,
    unreachable: Box<GcLink>,
    finalizers: Box<GcLink>,
    wrcb_to_call: Box<GcLink>,
    seen: Box<GcLink>,
    /// Objects collected (`m` in CPython's `gc_collect_main`).
    collected: usize,
    /// Unreachable objects that could not be collected (`n`).
    uncollectable: usize,
    done: bool,
    /// Whether a weakref callback or a finalizer was handed to the VM:
    /// only Python code can make the unreachable set reachable again.
    ran_code: bool,
    /// What `handle_weakrefs`'s walk saw of the unreachable set: its size,
    /// and whether an object in it has a `__del__` yet to run. While no
    /// Python code runs, the later phases trust it instead of walking the
    /// set again.
    scan: Option<(usize, bool)>,
    /// What the phases saw, for traces: see [`PhaseCounts`].
    counts: PhaseCounts,
}

/// What a collection's phases saw (reported in `--trace` and the
/// visualiser).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PhaseCounts {
    /// Objects in the generations being collected.
    pub examined: usize,
    /// Objects `move_unreachable` found unreachable.
    pub unreachable: usize,
    /// Weak references cleared by `handle_weakrefs`.
    pub weakrefs_cleared: usize,
    /// Finalizers handed out (PEP 442).
    pub finalizers: usize,
    /// Unreachable objects that finalizers made reachable again.
    pub resurrected: usize,
}

fn head_ptr(b: &GcLink) -> *mut GcLink {
    b as *const GcLink as *mut GcLink
}

/// What a finished collection found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CollectResult {
    pub collected: usize,
    pub uncollectable: usize,
}

impl Collection {
    /// Starts collecting `generation` (0..=2): counts, merging, the
    /// unreachable set, untracking and the legacy-finalizer split. Returns
    /// None if a collection is already in progress or the heap is gone.
    pub fn begin(generation: usize) -> Option<Collection> {
        let generation = generation.min(NUM_GENERATIONS - 1);
        let st = state()?;
        // SAFETY: short exclusive accesses to the gc state; the phases
        // below drop nothing and run no Python code (NO_REENTRY).
        unsafe {
            let gc = &mut (*st).gc;
            if gc.active {
                return None;
            }
            gc.active = true;
            gc.requested = false;
            if generation + 1 < NUM_GENERATIONS {
                gc.generations[generation + 1].count += 1;
            }
            for g in 0..=generation {
                gc.generations[g].count = 0;
            }
            for g in 0..generation {
                list_merge(gc.head(g), gc.head(generation));
            }
            let young = gc.head(generation);
            let old = gc.head((generation + 1).min(NUM_GENERATIONS - 1));
            let col = Collection {
                generation,
                unreachable: new_head(),
                finalizers: new_head(),
                wrcb_to_call: new_head(),
                seen: new_head(),
                collected: 0,
                uncollectable: 0,
                done: false,
                ran_code: false,
                scan: None,
                counts: PhaseCounts::default(),
            };
            let mut col = col;
            let unreachable = head_ptr(&col.unreachable);
            col.counts.examined = deduce_unreachable(young, unreachable);
            untrack_tuples(young);
            if young != old {
                if generation == NUM_GENERATIONS - 2 {
                    gc.long_lived_pending += list_size(young);
                }
                list_merge(young, old);
            } else {
                // Dicts are untracked only by full collections, to avoid
                // quadratic dict build-up (bpo-14775).
                untrack_dicts(young);
                gc.long_lived_pending = 0;
                gc.long_lived_total = list_size(young);
            }
            let finalizers = head_ptr(&col.finalizers);
            col.counts.unreachable = move_legacy_finalizers(unreachable, finalizers);
            move_legacy_finalizer_reachable(finalizers);
            validate_list(finalizers, Marks::CollectingClearUnreachableClear);
            validate_list(unreachable, Marks::CollectingSetUnreachableClear);
            Some(col)
        }
    }

    pub fn generation(&self) -> usize {
        self.generation
    }

    /// What the phases have seen so far.
    pub fn counts(&self) -> PhaseCounts {
        self.counts
    }

    fn old(&self) -> *mut GcLink {
        let st = state().expect("heap state during a collection");
        // SAFETY: read-only access to the heads.
        unsafe {
            (*st)
                .gc
                .head((self.generation + 1).min(NUM_GENERATIONS - 1))
        }
    }

    /// The objects found unreachable so far, as new references (for
    /// `DEBUG_COLLECTABLE`). Dropping them restores the counts.
    pub fn unreachable_objects(&self) -> Vec<ObjRef> {
        let mut out = Vec::new();
        // SAFETY: LINKED, TRACKED_LIVE; taking counts changes no link.
        unsafe { list_objects(head_ptr(&self.unreachable), &mut out) };
        out
    }

    /// Clears every weak reference to an unreachable object. Weakrefs with
    /// callbacks that are not garbage themselves are queued: take them with
    /// [`Collection::next_weakref_callback`].
    pub fn handle_weakrefs(&mut self) {
        let unreachable = head_ptr(&self.unreachable);
        let wrcb = head_ptr(&self.wrcb_to_call);
        // SAFETY: LINKED; NO_REENTRY — clearing weakrefs changes referent
        // pointers and the weak table only; counts taken on queued weakrefs
        // free nothing.
        unsafe {
            let mut len = 0;
            let mut any_del = false;
            let mut g = next(unreachable);
            while g != unreachable {
                let op = obj_of(g);
                let n = next(g);
                len += 1;
                any_del |= needs_finalizer(op);
                if op.as_ref().kind() == Kind::WeakRef {
                    // A weakref inside the garbage must not call back: its
                    // callback could see cleared objects (bpo-38006).
                    crate::weakref::detach(op);
                }
                for wr in crate::weakref::take_all(op) {
                    self.counts.weakrefs_cleared += 1;
                    if !crate::weakref::has_callback(wr) {
                        continue;
                    }
                    let wg = link_of(wr);
                    if is_collecting(wg) || !is_tracked_raw(wr) {
                        // Garbage itself: pretend it died first.
                        continue;
                    }
                    crate::object::inc(wr);
                    list_move(wg, wrcb);
                }
                g = n;
            }
            self.scan = Some((len, any_del));
        }
    }

    /// The next weakref whose callback the VM must call, with a count the
    /// VM gives back through [`Collection::weakref_callback_done`].
    pub fn next_weakref_callback(&mut self) -> Option<ObjRef> {
        let wrcb = head_ptr(&self.wrcb_to_call);
        // SAFETY: LINKED; the queued weakref holds the count taken in
        // handle_weakrefs, which the handle now owns.
        unsafe {
            if list_is_empty(wrcb) {
                return None;
            }
            self.ran_code = true;
            Some(ObjRef::from_raw(obj_of(next(wrcb))))
        }
    }

    /// Gives back the count of a weakref whose callback ran. If that freed
    /// it, it counts as collected; otherwise it moves to the older
    /// generation.
    pub fn weakref_callback_done(&mut self, wr: ObjRef) {
        let wrcb = head_ptr(&self.wrcb_to_call);
        // SAFETY: the link of `wr` while it lives.
        let g = unsafe { link_of(wr.raw()) };
        drop(wr);
        // SAFETY: LINKED — re-read after the drop (which may have freed
        // the weakref and unlinked it).
        unsafe {
            if !list_is_empty(wrcb) && next(wrcb) == g {
                list_move(g, self.old());
            } else {
                self.collected += 1;
            }
        }
    }

    /// The next unreachable object whose `__del__` must run, marked
    /// finalized (PEP 442: at most once), as a new reference; None when all
    /// were seen.
    pub fn next_to_finalize(&mut self) -> Option<ObjRef> {
        let unreachable = head_ptr(&self.unreachable);
        let seen = head_ptr(&self.seen);
        if !self.ran_code && matches!(self.scan, Some((_, false))) {
            // No `__del__` to run, and no code ran that could add one.
            return None;
        }
        // SAFETY: LINKED — each object is moved to `seen` before its
        // finalizer runs; objects freed meanwhile unlink themselves.
        unsafe {
            while !list_is_empty(unreachable) {
                let g = next(unreachable);
                let op = obj_of(g);
                list_move(g, seen);
                if needs_finalizer(op) {
                    op.as_ref().set_flag(flags::F_FINALIZED, true);
                    self.counts.finalizers += 1;
                    self.ran_code = true;
                    return Some(new_ref(op));
                }
            }
            list_merge(seen, unreachable);
        }
        None
    }

    /// Deduces the unreachable set again after finalizers ran: what they
    /// resurrected (and what that reaches) moves to the older generation.
    /// When no Python code ran since [`Collection::begin`], nothing can
    /// have been resurrected and the set is kept as it is: deducing it
    /// again would find the same objects (and leave the same marks).
    pub fn handle_resurrected_objects(&mut self) {
        let unreachable = head_ptr(&self.unreachable);
        let seen = head_ptr(&self.seen);
        // SAFETY: LINKED; NO_REENTRY. `seen` is empty after
        // next_to_finalize returned None; it holds the still-unreachable
        // objects from here on.
        unsafe {
            list_merge(seen, unreachable);
            if !self.ran_code {
                validate_list(unreachable, Marks::CollectingSetUnreachableClear);
                self.collected += match self.scan {
                    Some((len, _)) => len,
                    None => list_size(unreachable),
                };
                return;
            }
            list_clear_collecting(unreachable);
            let still = head_ptr(&self.seen);
            let before = deduce_unreachable(unreachable, still);
            let left = clear_unreachable_mask(still);
            list_merge(unreachable, self.old());
            // The final set moves back under the `unreachable` head.
            list_merge(still, unreachable);
            self.counts.resurrected = before - left;
            self.collected += left;
        }
    }

    /// Breaks the cycles: clears every remaining unreachable object, which
    /// frees them by reference counting. With `save_all` (`DEBUG_SAVEALL`)
    /// nothing is cleared; the objects are returned for `gc.garbage`.
    pub fn delete_garbage(&mut self, save_all: bool) -> Vec<ObjRef> {
        let collectable = head_ptr(&self.unreachable);
        let empty_tuple = heap::empty_tuple();
        let mut saved = Vec::new();
        // One buffer for every object's references (reused, not remade).
        let mut released = Vec::new();
        // SAFETY: LINKED; every drop below happens with no borrow of the
        // state or of a list, and the list is re-read afterwards.
        unsafe {
            while !list_is_empty(collectable) {
                let g = next(collectable);
                let op = obj_of(g);
                if save_all {
                    saved.push(new_ref(op));
                } else {
                    let hold = new_ref(op);
                    clear_object(op, &mut released, empty_tuple.as_ref());
                    // Released in the order tp_clear releases them.
                    for r in released.drain(..) {
                        drop(r);
                    }
                    drop(hold);
                }
                if !list_is_empty(collectable) && next(collectable) == g {
                    // Still alive: it may die later.
                    clear_collecting(g);
                    list_move(g, self.old());
                }
            }
        }
        saved
    }

    /// Ends the collection: counts what could not be collected (objects
    /// reachable from legacy finalizers), merges it into the older
    /// generation, and updates the statistics. With `save_all`, the
    /// uncollectable objects are returned too.
    pub fn finish(mut self, save_all: bool) -> (CollectResult, Vec<ObjRef>) {
        let finalizers = head_ptr(&self.finalizers);
        let mut saved = Vec::new();
        // SAFETY: LINKED; taking counts frees nothing.
        unsafe {
            self.uncollectable = list_size(finalizers);
            if save_all {
                list_objects(finalizers, &mut saved);
            }
        }
        self.close();
        let r = CollectResult {
            collected: self.collected,
            uncollectable: self.uncollectable,
        };
        let generation = self.generation;
        with_gc(|gc| {
            let s = &mut gc.stats[generation];
            s.collections += 1;
            s.collected += r.collected as u64;
            s.uncollectable += r.uncollectable as u64;
        });
        if generation == NUM_GENERATIONS - 1 {
            // gc_collect_main's clear_freelists.
            crate::heap::clear_free_lists();
        }
        (r, saved)
    }

    /// Puts everything still in the collection's lists back into the older
    /// generation and ends the collection.
    fn close(&mut self) {
        if self.done {
            return;
        }
        self.done = true;
        let old = self.old();
        // SAFETY: LINKED; merging moves links only.
        unsafe {
            for l in [
                &self.seen,
                &self.unreachable,
                &self.wrcb_to_call,
                &self.finalizers,
            ] {
                let h = head_ptr(l);
                list_clear_collecting(h);
                if !list_is_empty(h) {
                    list_merge(h, old);
                }
            }
        }
        with_gc(|gc| gc.active = false);
    }
}

impl Drop for Collection {
    fn drop(&mut self) {
        self.close();
    }
}

// ------------------------------------------------ scheduling and module

/// A full collection that runs no Python code: weakref callbacks are
/// dropped uncalled and finalizers are not run (objects are only marked).
/// For the end of an interpreter's life, when no VM exists to run them.
/// Returns the number of unreachable objects found.
pub fn collect_unattended() -> usize {
    let Some(mut col) = Collection::begin(NUM_GENERATIONS - 1) else {
        return 0;
    };
    col.handle_weakrefs();
    while let Some(wr) = col.next_weakref_callback() {
        col.weakref_callback_done(wr);
    }
    while let Some(obj) = col.next_to_finalize() {
        drop(obj);
    }
    col.handle_resurrected_objects();
    col.delete_garbage(false);
    let (r, _) = col.finish(false);
    r.collected + r.uncollectable
}

/// Marks a collection as running (CPython's `gcstate->collecting = 1`);
/// false if one already is.
pub fn enter_collecting() -> bool {
    with_gc(|gc| !std::mem::replace(&mut gc.collecting, true)).unwrap_or(false)
}

pub fn leave_collecting() {
    with_gc(|gc| gc.collecting = false);
}

/// Whether a collection is running.
pub fn collecting() -> bool {
    with_gc(|gc| gc.collecting).unwrap_or(true)
}

/// If a collection was requested by allocations, the generation to collect
/// (CPython's `gc_collect_generations`: the oldest generation over its
/// threshold, a full collection only when the long-lived objects pending
/// exceed 25% of the long-lived total). Clears the request.
pub fn take_request() -> Option<usize> {
    with_gc(|gc| {
        if !gc.requested {
            return None;
        }
        gc.requested = false;
        if gc.collecting || !gc.enabled {
            return None;
        }
        if gc.stress {
            // Stress: a young collection every time, and every 64th time the
            // whole heap, so that what earlier collections promoted is
            // examined again too (a full collection at every allocation
            // would make the test suite quadratic in heap size).
            gc.stress_count = gc.stress_count.wrapping_add(1);
            return Some(if gc.stress_count % 64 == 0 {
                NUM_GENERATIONS - 1
            } else {
                0
            });
        }
        for i in (0..NUM_GENERATIONS).rev() {
            let g = &gc.generations[i];
            if g.count > g.threshold {
                if i == NUM_GENERATIONS - 1 && gc.long_lived_pending < gc.long_lived_total / 4 {
                    continue;
                }
                return Some(i);
            }
        }
        None
    })
    .flatten()
}

pub fn is_enabled() -> bool {
    with_gc(|gc| gc.enabled).unwrap_or(false)
}

pub fn set_enabled(on: bool) {
    with_gc(|gc| gc.enabled = on);
}

pub fn set_stress(on: bool) {
    with_gc(|gc| gc.stress = on);
}

pub fn debug_flags() -> u32 {
    with_gc(|gc| gc.debug).unwrap_or(0)
}

pub fn set_debug_flags(f: u32) {
    with_gc(|gc| gc.debug = f);
}

pub fn thresholds() -> [i64; NUM_GENERATIONS] {
    with_gc(|gc| gc.generations.each_ref().map(|g| g.threshold)).unwrap_or_default()
}

pub fn set_thresholds(t: [Option<i64>; NUM_GENERATIONS]) {
    with_gc(|gc| {
        for (g, v) in gc.generations.iter_mut().zip(t) {
            if let Some(v) = v {
                g.threshold = v;
            }
        }
    });
}

pub fn counts() -> [i64; NUM_GENERATIONS] {
    with_gc(|gc| gc.generations.each_ref().map(|g| g.count)).unwrap_or_default()
}

pub fn stats() -> [GenStats; NUM_GENERATIONS] {
    with_gc(|gc| gc.stats).unwrap_or_default()
}

/// Objects in each generation and in the permanent generation.
pub fn generation_sizes() -> ([usize; NUM_GENERATIONS], usize) {
    // SAFETY: LINKED; read-only walks.
    with_gc(|gc| unsafe {
        (
            [0, 1, 2].map(|i| list_size(gc.head(i))),
            list_size(gc.permanent_head()),
        )
    })
    .unwrap_or_default()
}

/// The tracked objects of one generation, or of all (`gc.get_objects`).
pub fn objects(generation: Option<usize>) -> Vec<ObjRef> {
    let mut out = Vec::new();
    // SAFETY: LINKED; taking counts changes no link.
    with_gc(|gc| unsafe {
        match generation {
            Some(g) => list_objects(gc.head(g), &mut out),
            None => {
                for g in 0..NUM_GENERATIONS {
                    list_objects(gc.head(g), &mut out);
                }
            }
        }
    });
    out
}

/// The references `obj` owns, as the collector sees them
/// (`gc.get_referents`); nothing for objects that are not containers.
pub fn referents(obj: &ObjRef) -> Vec<ObjRef> {
    let mut out = Vec::new();
    if is_exact(obj.raw(), Kind::Dict) {
        // dict_traverse visits only the values of a table whose keys are
        // all str (CPython's DICT_KEYS_UNICODE).
        if let Some(d) = obj.borrow::<DictObj>() {
            let str_keys = d.table.iter().all(|e| is_exact(e.key.raw(), Kind::Str));
            if str_keys {
                out.extend(d.table.iter().map(|e| e.value.clone()));
                return out;
            }
        }
    }
    if is_gc(obj.raw()) {
        // SAFETY: the handle keeps it live; the visitor only clones.
        unsafe { traverse(obj.raw(), &mut |r: &ObjRef| out.push(r.clone())) };
    }
    out
}

/// The tracked objects that refer to any of `targets`
/// (`gc.get_referrers`), generation 0 first.
pub fn referrers(targets: &[ObjRef], exclude: &[&ObjRef]) -> Vec<ObjRef> {
    let mut out = Vec::new();
    let Some(st) = state() else { return out };
    for gen in 0..NUM_GENERATIONS {
        // SAFETY: LINKED, TRACKED_LIVE; the visitor only compares
        // addresses; handles are taken after each traversal.
        unsafe {
            let head = (*st).gc.head(gen);
            let mut g = next(head);
            while g != head {
                let op = obj_of(g);
                let addr = op.as_ptr() as usize;
                if !exclude.iter().any(|e| e.addr() == addr) {
                    let mut hit = false;
                    traverse(op, &mut |r: &ObjRef| {
                        hit |= targets.iter().any(|t| t.is(r));
                    });
                    if hit {
                        out.push(new_ref(op));
                    }
                }
                g = next(g);
            }
        }
    }
    out
}

/// The tracked objects a full collection would find unreachable right now,
/// without collecting or moving anything (for heap graphs and the
/// visualiser: "cyclic garbage awaiting the collector"). The same deduction
/// as `deduce_unreachable`; each object's `prev` word holds its index into
/// side tables meanwhile (with the collecting mark, so the visitors know the
/// objects of the deduction), and every `prev` is rebuilt from the `next`
/// chain at the end, so the lists are as they were.
pub fn unreachable_now() -> Vec<ObjRef> {
    let Some(st) = state() else { return Vec::new() };
    // SAFETY: LINKED, TRACKED_LIVE, NO_REENTRY: traversal drops nothing and
    // runs no code; the handles are made only after the links are restored.
    unsafe {
        let gc = &(*st).gc;
        let heads = [gc.head(0), gc.head(1), gc.head(2)];
        // Not in the middle of a collection (a `__del__` taking a snapshot):
        // the marks are the collector's then.
        for &head in &heads {
            let mut l = next(head);
            while l != head {
                if is_collecting(l) {
                    return Vec::new();
                }
                l = next(l);
            }
        }
        let mut objs: Vec<NonNull<ObjHeader>> = Vec::new();
        let mut refs: Vec<i64> = Vec::new();
        for &head in &heads {
            let mut l = next(head);
            while l != head {
                let o = obj_of(l);
                let h = o.as_ref();
                refs.push(h.refcnt() as i64 + (h.borrow_state() != 0) as i64);
                (*l).prev
                    .set(((*l).prev.get() & PREV_MASK) | PREV_MASK_COLLECTING);
                set_refs(l, objs.len());
                objs.push(o);
                l = next(l);
            }
        }
        // The index of a reference's target, if it is one of `objs`. (While
        // a `__del__` runs, the collector's own unreachable objects carry
        // the collecting mark too, with their counts: the check tells them
        // apart.)
        let index_of = |r: &ObjRef| -> Option<usize> {
            let op = r.raw();
            if !is_gc(op) {
                return None;
            }
            let g = link_of(op);
            if !is_collecting(g) {
                return None;
            }
            let i = get_refs(g);
            (objs.get(i) == Some(&op)).then_some(i)
        };
        for o in &objs {
            traverse(*o, &mut |r: &ObjRef| {
                if let Some(i) = index_of(r) {
                    refs[i] -= 1;
                }
            });
        }
        let mut reachable: Vec<bool> = refs.iter().map(|&r| r > 0).collect();
        let mut work: Vec<usize> = (0..objs.len()).filter(|&i| reachable[i]).collect();
        while let Some(i) = work.pop() {
            traverse(objs[i], &mut |r: &ObjRef| {
                if let Some(j) = index_of(r) {
                    if !reachable[j] {
                        reachable[j] = true;
                        work.push(j);
                    }
                }
            });
        }
        // Restore: each `prev` is the link before it; the marks go.
        for &head in &heads {
            let mut p = head;
            let mut l = next(head);
            while l != head {
                set_prev(l, p);
                clear_collecting(l);
                p = l;
                l = next(l);
            }
        }
        objs.iter()
            .zip(reachable)
            .filter(|(_, r)| !r)
            .map(|(o, _)| new_ref(*o))
            .collect()
    }
}

/// Calls `f(address, generation)` for every tracked object (generation 3:
/// the permanent one). `f` must not touch the heap.
pub fn for_each_tracked(mut f: impl FnMut(usize, u8)) {
    // SAFETY: LINKED; read-only walks; `f` does not re-enter the heap.
    with_gc(|gc| unsafe {
        for (g, head) in [gc.head(0), gc.head(1), gc.head(2), gc.permanent_head()]
            .into_iter()
            .enumerate()
        {
            let mut l = next(head);
            while l != head {
                f(obj_of(l).as_ptr() as usize, g as u8);
                l = next(l);
            }
        }
    });
}

/// Moves every tracked object to the permanent generation (`gc.freeze`).
pub fn freeze() {
    // SAFETY: LINKED; merging moves links only.
    with_gc(|gc| unsafe {
        for i in 0..NUM_GENERATIONS {
            list_merge(gc.head(i), gc.permanent_head());
            gc.generations[i].count = 0;
        }
    });
}

/// Moves the permanent generation back into the oldest (`gc.unfreeze`).
pub fn unfreeze() {
    // SAFETY: LINKED; merging moves links only.
    with_gc(|gc| unsafe { list_merge(gc.permanent_head(), gc.head(NUM_GENERATIONS - 1)) });
}

pub fn freeze_count() -> usize {
    generation_sizes().1
}

/// Whether `obj` was finalized (`gc.is_finalized`).
pub fn is_finalized(obj: &ObjRef) -> bool {
    is_gc(obj.raw()) && obj.has_flag(flags::F_FINALIZED)
}

/// Unlinks every list before the heap state goes away, so that no object
/// points at a freed head.
pub(crate) fn detach_all(gc: &mut GcState) {
    // SAFETY: LINKED; walking and unlinking, freeing nothing.
    unsafe {
        for head in [gc.head(0), gc.head(1), gc.head(2), gc.permanent_head()] {
            while !list_is_empty(head) {
                let g = next(head);
                list_remove(g);
                (*g).prev.set(0);
            }
        }
    }
}
