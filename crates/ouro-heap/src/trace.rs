//! Heap events for `ouro --trace`: allocations, frees and (opt-in)
//! reference-count changes, recorded into a buffer the VM drains at every
//! instruction boundary (it knows which instruction caused them).
//!
//! Reference counts are not hooked in `inc`/`dec`: a test there, on the
//! hottest path of the whole runtime, cost 9% of all instructions executed
//! even when off (measured with callgrind). Instead, with `refcounts`, the
//! heap *watches* every object allocated while tracing and reports, each
//! time the events are taken (once per instruction), the objects whose
//! count changed and by how much — the net change over the instruction,
//! which is what a reader of the trace wants, without the transient
//! increments and decrements inside one operation.
//!
//! Cost when off: allocation and teardown test one thread-local flag.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::ptr::NonNull;

use crate::layout::{StrObj, TypeObj};
use crate::object::{Kind, ObjHeader, PAYLOAD_OFFSET};

/// What happened to an object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeapEvent {
    /// A block was allocated for an object. `location` is (arena index,
    /// pool address) for small blocks, None for large ones.
    Alloc {
        id: usize,
        kind: Kind,
        type_name: Box<str>,
        size: usize,
        location: Option<(usize, usize)>,
    },
    /// An object's block was freed.
    Free {
        id: usize,
        type_name: Box<str>,
        size: usize,
    },
    /// The reference count of a watched object changed to `count`, by
    /// `delta`, since the events were last taken.
    Refcount { id: usize, count: u32, delta: i64 },
    /// A buffer owned by an object (list items, dict tables, attribute
    /// tables) was allocated (only for [`Consumer::Tracemalloc`]).
    Buffer { addr: usize, size: usize },
    /// A buffer was freed.
    BufferFree { addr: usize },
}

/// Who wants heap events. Recording runs while any of them does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consumer {
    /// `--trace`.
    Trace = 1,
    /// `--viz`.
    Viz = 2,
    /// `tracemalloc.start()`: also wants buffer allocations.
    Tracemalloc = 4,
}

thread_local! {
    static EVENTS: RefCell<Vec<HeapEvent>> = const { RefCell::new(Vec::new()) };
    static REFCOUNTS: Cell<bool> = const { Cell::new(false) };
    /// The consumers recording (bits of [`Consumer`]).
    static CONSUMERS: Cell<u8> = const { Cell::new(0) };
    /// Objects allocated while refcount tracing, with the count last
    /// reported. Invariant WATCHED: every key is the address of a live
    /// object; `on_free` removes it before the block is released.
    static WATCHED: RefCell<HashMap<usize, u32>> = RefCell::new(HashMap::new());
}

/// Starts recording allocations and frees for `who` on this thread's heap
/// (with `refcounts`, also the reference-count changes of the objects
/// allocated from now on; with [`Consumer::Tracemalloc`], also buffers).
pub fn enable(who: Consumer, refcounts: bool) {
    let c = CONSUMERS.with(|c| {
        c.set(c.get() | who as u8);
        c.get()
    });
    crate::heap::set_tracing(c != 0, c & Consumer::Tracemalloc as u8 != 0);
    if refcounts {
        REFCOUNTS.with(|r| r.set(true));
    }
}

/// Stops recording for `who`; recording goes on while another consumer
/// wants it. Events not yet taken are kept.
pub fn disable(who: Consumer) {
    let c = CONSUMERS.with(|c| {
        c.set(c.get() & !(who as u8));
        c.get()
    });
    crate::heap::set_tracing(c != 0, c & Consumer::Tracemalloc as u8 != 0);
    if who == Consumer::Trace {
        REFCOUNTS.with(|r| r.set(false));
        let _ = WATCHED.try_with(|w| w.borrow_mut().clear());
    }
}

/// Whether allocations are being recorded.
pub fn is_enabled() -> bool {
    crate::heap::tracing()
}

/// Records a buffer allocation.
pub(crate) fn on_buffer(addr: usize, size: usize) {
    push(HeapEvent::Buffer { addr, size });
}

/// Records a buffer free.
pub(crate) fn on_buffer_free(addr: usize) {
    push(HeapEvent::BufferFree { addr });
}

/// Takes the events recorded since the last call, oldest first; with
/// refcount tracing, followed by the count changes of watched objects.
pub fn take_events() -> Vec<HeapEvent> {
    let mut out = EVENTS
        .try_with(|e| {
            e.try_borrow_mut()
                .map(|mut v| std::mem::take(&mut *v))
                .unwrap_or_default()
        })
        .unwrap_or_default();
    if REFCOUNTS.with(|r| r.get()) {
        let _ = WATCHED.try_with(|w| {
            let Ok(mut w) = w.try_borrow_mut() else {
                return;
            };
            let mut changed: Vec<(usize, u32, u32)> = Vec::new();
            for (&id, last) in w.iter_mut() {
                // SAFETY: WATCHED — the address is a live object's.
                let now = unsafe { (*(id as *const ObjHeader)).refcnt() };
                if now != *last {
                    changed.push((id, *last, now));
                    *last = now;
                }
            }
            changed.sort_unstable();
            out.extend(
                changed
                    .into_iter()
                    .map(|(id, was, now)| HeapEvent::Refcount {
                        id,
                        count: now,
                        delta: now as i64 - was as i64,
                    }),
            );
        });
    }
    out
}

fn push(ev: HeapEvent) {
    let _ = EVENTS.try_with(|e| {
        if let Ok(mut v) = e.try_borrow_mut() {
            v.push(ev);
        }
    });
}

/// The name of an object's type, read from the type object without a
/// handle (the type is live while its instance is: TYPE_REF).
///
/// # Safety
/// `h` is a live object.
pub(crate) unsafe fn type_name(h: NonNull<ObjHeader>) -> Box<str> {
    // SAFETY: the caller guarantees `h` is live.
    let ty = unsafe { h.as_ref() }.ty_ptr();
    if ty.is_null() {
        return "NULL".into();
    }
    // SAFETY: TYPE_REF — the type outlives its instances; its payload is a
    // TypeObj (KIND) unless it is still a bootstrap placeholder. A type
    // whose payload Rust code is changing right now (exclusive borrow) is
    // not read.
    unsafe {
        let t = &*ty;
        if t.kind() != Kind::Type || t.borrow_state() == u8::MAX {
            return "?".into();
        }
        let tobj = &*((ty as *const u8).add(PAYLOAD_OFFSET) as *const TypeObj);
        let name = &tobj.name;
        match name.get::<StrObj>() {
            Some(s) => s.as_str().into(),
            None => "?".into(),
        }
    }
}

/// Records an allocation.
///
/// # Safety
/// `h` is a fully initialised live object of `size` bytes.
pub(crate) unsafe fn on_alloc(
    h: NonNull<ObjHeader>,
    size: usize,
    location: Option<(usize, usize)>,
) {
    // SAFETY: forwarded.
    let type_name = unsafe { type_name(h) };
    // SAFETY: live.
    let kind = unsafe { h.as_ref() }.kind();
    let id = h.as_ptr() as usize;
    push(HeapEvent::Alloc {
        id,
        kind,
        type_name,
        size,
        location,
    });
    if REFCOUNTS.with(|r| r.get()) {
        // SAFETY: live.
        let count = unsafe { h.as_ref() }.refcnt();
        let _ = WATCHED.try_with(|w| w.borrow_mut().insert(id, count));
    }
}

/// Records a free (called before the block is released).
///
/// # Safety
/// `h` is the object being torn down; its type is still live.
pub(crate) unsafe fn on_free(h: NonNull<ObjHeader>, size: usize) {
    // SAFETY: forwarded.
    let type_name = unsafe { type_name(h) };
    let id = h.as_ptr() as usize;
    // WATCHED: forget the object before its block goes (nothing else
    // holds the table while an object is freed).
    let _ = WATCHED.try_with(|w| w.borrow_mut().remove(&id));
    push(HeapEvent::Free {
        id,
        type_name,
        size,
    });
}
