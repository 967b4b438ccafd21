//! Buffers owned by objects (list items, instance attributes, dict tables):
//! allocated and freed with their objects, whatever allocator serves them.

mod common;

use std::marker::PhantomData;

use common::*;
use ouro_heap::heap::alloc_stats;
use ouro_heap::{heap_stats, DictObj, HVec, ListObj, ObjRef};

/// Blocks of the private heap in use.
fn blocks() -> usize {
    alloc_stats().blocks_in_use
}

#[test]
fn growing_and_freeing_containers_returns_every_block() {
    let fx = Fx::new();
    let base = (heap_stats().live, blocks());
    let l = fx.list(vec![]);
    for i in 0..10_000 {
        l.borrow_mut::<ListObj>().unwrap().items.push(fx.int(i));
    }
    let o = fx.instance(&fx.object_ty, vec![]);
    for i in 0..1000 {
        set_attrs(&o, vec![(fx.int(i), l.clone())]);
    }
    let d = fx.dict(vec![]);
    for i in 0..5000i64 {
        d.borrow_mut::<DictObj>()
            .unwrap()
            .table
            .insert_new(i, fx.int(i), o.clone());
    }
    drop((l, o, d));
    // The dict's first (smallest) table went to the keys free list when it
    // grew; the free lists keep blocks until cleared, as CPython's do.
    ouro_heap::heap::clear_free_lists();
    assert_eq!((heap_stats().live, blocks()), base);
}

#[test]
fn shrinking_a_list_buffer_keeps_the_accounting_straight() {
    let fx = Fx::new();
    let base = blocks();
    let l = fx.list((0..1000).map(|i| fx.int(i)).collect());
    {
        let mut p = l.borrow_mut::<ListObj>().unwrap();
        let tail: Vec<ObjRef> = p.items.drain(10..).collect();
        drop(tail);
        p.items.shrink_to_fit();
        assert_eq!(p.items.len(), 10);
    }
    drop(l);
    // The list object itself stays on the list free list until cleared.
    ouro_heap::heap::clear_free_lists();
    assert_eq!(blocks(), base);
}

// A compile-time probe for `Send`, usable in a plain `#[test]`: the inherent
// method applies only when `T: Send`; otherwise the trait's method is found.
struct SendProbe<T>(PhantomData<T>);

trait NotSend {
    fn is_send(&self) -> bool {
        false
    }
}

impl<T> NotSend for SendProbe<T> {}

impl<T: Send> SendProbe<T> {
    fn is_send(&self) -> bool {
        true
    }
}

#[test]
fn send_probe_works() {
    assert!(SendProbe::<Vec<i32>>(PhantomData).is_send());
    assert!(!SendProbe::<ObjRef>(PhantomData).is_send());
    assert!(!SendProbe::<HVec<ObjRef>>(PhantomData).is_send());
}

/// A buffer of the private heap belongs to its thread's heap (one heap per
/// thread): freeing it on another thread would hand the block to that
/// thread's allocator (which finds the pool header of a pool it does not own
/// by masking the address) while the owner thread may be using the same
/// pool. `ObjRef` is `!Send` for this reason; `HVec<T>` of a `Send` `T`
/// (and `HBox<T>`) are `Send`, so safe code can do
/// `let v = hvec_from([1, 2, 3]); std::thread::spawn(move || drop(v));`.
#[test]
fn heap_buffers_cannot_move_to_another_thread() {
    assert!(!SendProbe::<HVec<i32>>(PhantomData).is_send());
    assert!(!SendProbe::<ouro_heap::HBox<u8>>(PhantomData).is_send());
}

#[test]
fn smallest_dict_tables_are_reused_from_the_free_list() {
    let fx = Fx::new();
    ouro_heap::heap::clear_free_lists();
    let base = blocks();
    let (k, v) = (fx.int(1), fx.int(2));
    let base = base + 2;
    let table_of_one = || {
        let d = fx.dict(vec![]);
        d.borrow_mut::<DictObj>()
            .unwrap()
            .table
            .insert_new(1, k.clone(), v.clone());
        d
    };
    drop(table_of_one());
    // The dead dict's table (three blocks: header, indices, entries) stays
    // allocated on the keys free list, as CPython's keys_free_list keeps
    // it, and the dict object on the dict free list.
    let kept = blocks();
    assert_eq!(kept, base + 3 + 1);
    assert_eq!(ouro_heap::heap::free_list_len(ouro_heap::Kind::Dict, 0), 1);
    // The next dict and its smallest table come off the lists: no new
    // blocks.
    let d = table_of_one();
    assert_eq!(blocks(), kept, "the dict and its table are reused");
    drop(d);
    assert_eq!(blocks(), kept);
    ouro_heap::heap::clear_free_lists();
    assert_eq!(blocks(), base);
}
