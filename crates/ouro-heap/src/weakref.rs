//! Weak references: the referent side.
//!
//! CPython keeps, in every object that supports weak references, the head of
//! a list of the weakrefs to it (`tp_weaklistoffset`). ouro keeps those
//! lists in a table of the heap, keyed by the referent's address, and marks
//! referents with `F_WEAKREFS`, so objects without weak references pay
//! nothing. The order of a list is CPython's (see `ouro_vm`'s `weakref`
//! module for where new references go), and it is the order in which
//! callbacks run when the referent dies.
//!
//! # Invariant
//!
//! **WEAKREF**: a weakref's referent pointer is set exactly when the weakref
//! is in the referent's list; the referent is then live. Every path that
//! frees a referent (teardown) or a weakref (teardown, the collector's
//! clear) first unlinks them here, so a set pointer never dangles.

use std::ptr::NonNull;

use crate::addrmap::AddrMap;
use crate::heap::{self, NoMemory};
use crate::layout::WeakRefObj;
use crate::object::{flags, Kind, ObjHeader, ObjRef, PAYLOAD_OFFSET};

/// The weakref lists of all referents.
#[derive(Default)]
pub(crate) struct WeakTable {
    lists: AddrMap<Vec<NonNull<ObjHeader>>>,
}

/// The payload of a weakref object.
///
/// # Safety
/// `wr` is a live object of kind WeakRef.
unsafe fn payload<'a>(wr: NonNull<ObjHeader>) -> &'a WeakRefObj {
    // SAFETY: KIND — a WeakRef's payload is a WeakRefObj (frozen: Cells).
    unsafe { &*((wr.as_ptr() as *const u8).add(PAYLOAD_OFFSET) as *const WeakRefObj) }
}

fn table() -> Option<*mut WeakTable> {
    // SAFETY: only the address of the field is taken.
    heap::state_ptr().map(|s| unsafe { &raw mut (*s).weak })
}

/// Makes a weak reference of type `ty` to `referent`, inserted at position
/// `at` of the referent's list (clamped to its length); `attrs` for
/// instances of subclasses. The caller checked that the referent's type
/// supports weak references.
pub fn new_weakref(
    ty: &ObjRef,
    referent: &ObjRef,
    callback: Option<ObjRef>,
    at: usize,
    attrs: bool,
) -> Result<ObjRef, NoMemory> {
    let wr = heap::alloc_object(
        ty,
        WeakRefObj {
            referent: std::cell::Cell::new(Some(referent.raw())),
            callback: std::cell::Cell::new(callback),
            hash: std::cell::Cell::new(-1),
        },
        attrs,
    )?;
    if let Some(t) = table() {
        // SAFETY: short exclusive access to the table; nothing is dropped.
        let list = unsafe { (*t).lists.entry(referent.addr()).or_default() };
        let at = at.min(list.len());
        list.insert(at, wr.raw());
        referent.header().set_flag(flags::F_WEAKREFS, true);
    }
    Ok(wr)
}

/// The live weak references to `referent`, in list order.
pub fn weakrefs(referent: &ObjRef) -> Vec<ObjRef> {
    if !referent.has_flag(flags::F_WEAKREFS) {
        return Vec::new();
    }
    let Some(t) = table() else {
        return Vec::new();
    };
    // SAFETY: short access to the table; WEAKREF — listed weakrefs are
    // live, and each handle takes its own count.
    unsafe {
        match (*t).lists.get(&referent.addr()) {
            Some(l) => l
                .iter()
                .map(|&w| {
                    crate::object::inc(w);
                    ObjRef::from_raw(w)
                })
                .collect(),
            None => Vec::new(),
        }
    }
}

/// How many weak references to `referent` exist.
pub fn weakref_count(referent: &ObjRef) -> usize {
    if !referent.has_flag(flags::F_WEAKREFS) {
        return 0;
    }
    // SAFETY: short read access to the table.
    table()
        .and_then(|t| unsafe { (*t).lists.get(&referent.addr()).map(Vec::len) })
        .unwrap_or(0)
}

/// The referent of a weakref, as a new reference; None once it died.
pub fn referent(wr: &ObjRef) -> Option<ObjRef> {
    let w = wr.get::<WeakRefObj>()?;
    let p = w.referent.get()?;
    // SAFETY: WEAKREF — a set referent pointer is live; the handle owns
    // the new count.
    unsafe {
        crate::object::inc(p);
        Some(ObjRef::from_raw(p))
    }
}

/// Whether `wr` has a callback.
///
/// # Safety
/// `wr` is a live weakref object.
pub(crate) unsafe fn has_callback(wr: NonNull<ObjHeader>) -> bool {
    // SAFETY: the caller's guarantee.
    unsafe { payload(wr) }.has_callback()
}

/// Takes the callback out of a weakref.
///
/// # Safety
/// `wr` is a live weakref object.
pub(crate) unsafe fn take_callback(wr: NonNull<ObjHeader>) -> Option<ObjRef> {
    // SAFETY: the caller's guarantee.
    unsafe { payload(wr) }.callback.take()
}

/// Clears a weakref's referent and removes it from the referent's list
/// (CPython's `clear_weakref` without dropping the callback).
///
/// # Safety
/// `wr` is a live object of kind WeakRef.
pub(crate) unsafe fn detach(wr: NonNull<ObjHeader>) {
    // SAFETY: the caller's guarantee.
    let w = unsafe { payload(wr) };
    let Some(referent) = w.referent.take() else {
        return;
    };
    let Some(t) = table() else { return };
    // SAFETY: short exclusive access to the table; WEAKREF — the referent
    // is live while the weakref was in its list.
    unsafe {
        let key = referent.as_ptr() as usize;
        if let Some(list) = (*t).lists.get_mut(&key) {
            list.retain(|&x| x != wr);
            if list.is_empty() {
                (*t).lists.remove(&key);
                referent.as_ref().set_flag(flags::F_WEAKREFS, false);
            }
        }
    }
}

/// Clears every weakref to `op` and returns them in list order (they stay
/// live: their owners hold them). Used when `op` dies and by the collector.
///
/// # Safety
/// `op` is a live object.
pub(crate) unsafe fn take_all(op: NonNull<ObjHeader>) -> Vec<NonNull<ObjHeader>> {
    // SAFETY: the caller's guarantee.
    let h = unsafe { op.as_ref() };
    if h.flags() & flags::F_WEAKREFS == 0 {
        return Vec::new();
    }
    h.set_flag(flags::F_WEAKREFS, false);
    let Some(t) = table() else {
        return Vec::new();
    };
    // SAFETY: short exclusive access to the table; the listed weakrefs are
    // live (WEAKREF) and their referent pointers are cleared here.
    unsafe {
        let list = (*t)
            .lists
            .remove(&(op.as_ptr() as usize))
            .unwrap_or_default();
        for &w in &list {
            debug_assert_eq!(w.as_ref().kind(), Kind::WeakRef);
            payload(w).referent.set(None);
        }
        list
    }
}

/// How many referents have weak references (for leak checks and tests).
pub fn referent_count() -> usize {
    // SAFETY: short read access.
    table().map(|t| unsafe { (*t).lists.len() }).unwrap_or(0)
}
