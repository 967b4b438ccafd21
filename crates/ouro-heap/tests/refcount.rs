//! Reference counting: handles count, and an object is freed exactly when
//! its last handle goes.

mod common;

use common::*;
use ouro_heap::{heap_stats, IntObj, Kind, ListObj, ObjRef};

#[test]
fn new_object_has_count_one() {
    let fx = Fx::new();
    let a = fx.int(7);
    assert_eq!(a.refcount(), 1);
    assert_eq!(a.kind(), Kind::Int);
    assert_eq!(int_value(&a), 7);
}

#[test]
fn clone_increments_and_drop_decrements_the_count() {
    let fx = Fx::new();
    let a = fx.int(7);
    let b = a.clone();
    assert_eq!(a.refcount(), 2);
    assert!(a.is(&b));
    assert_eq!(a.addr(), b.addr());
    let c = b.clone();
    assert_eq!(a.refcount(), 3);
    drop(b);
    assert_eq!(a.refcount(), 2);
    drop(c);
    assert_eq!(a.refcount(), 1);
}

#[test]
fn object_is_freed_exactly_when_the_last_handle_drops() {
    let fx = Fx::new();
    let base = heap_stats();
    let a = fx.int(1);
    let after_alloc = heap_stats();
    assert_eq!(
        after_alloc.live[Kind::Int as usize],
        base.live[Kind::Int as usize] + 1
    );
    assert_eq!(after_alloc.live_total(), base.live_total() + 1);
    assert_eq!(after_alloc.allocated_total, base.allocated_total + 1);

    let mut clones: Vec<ObjRef> = (0..10).map(|_| a.clone()).collect();
    drop(a);
    while let Some(c) = clones.pop() {
        assert_eq!(c.refcount() as usize, clones.len() + 1);
        // Still alive while any handle remains.
        assert_eq!(live_total(), base.live_total() + 1);
        assert_eq!(heap_stats().freed_total, base.freed_total);
        drop(c);
    }
    let end = heap_stats();
    assert_eq!(end.live, base.live);
    assert_eq!(end.freed_total, base.freed_total + 1);
}

#[test]
fn container_holds_one_count_per_reference() {
    let fx = Fx::new();
    let x = fx.int(3);
    let l = fx.list(vec![x.clone(), x.clone(), x.clone()]);
    assert_eq!(x.refcount(), 4);
    let t = fx.tuple(vec![x.clone(), l.clone()]);
    assert_eq!(x.refcount(), 5);
    assert_eq!(l.refcount(), 2);
    drop(l);
    // The tuple still holds the list.
    assert_eq!(x.refcount(), 5);
    drop(t);
    assert_eq!(x.refcount(), 1);
}

#[test]
fn moving_a_handle_into_a_container_transfers_the_count() {
    let fx = Fx::new();
    let x = fx.int(3);
    let keep = x.clone();
    let t = fx.tuple(vec![x]);
    assert_eq!(keep.refcount(), 2);
    assert!(t.get::<ouro_heap::TupleObj>().unwrap().items()[0].is(&keep));
    drop(t);
    assert_eq!(keep.refcount(), 1);
}

#[test]
fn freeing_a_container_frees_what_it_alone_owns_and_keeps_shared_items() {
    let fx = Fx::new();
    let base = heap_stats();
    let shared = fx.int(99);
    let inner = fx.list(vec![fx.int(1), shared.clone(), fx.str("abc")]);
    let d = fx.dict(vec![(fx.str("k"), inner), (fx.int(5), fx.tuple(vec![]))]);
    let outer = fx.tuple(vec![
        d,
        fx.cell(Some(shared.clone())),
        fx.native("n", vec![]),
    ]);
    assert_eq!(shared.refcount(), 3);
    // shared, 1, "abc", inner, "k", 5, (), dict, cell, native, outer
    assert_eq!(live_total(), base.live_total() + 11);
    drop(outer);
    assert_eq!(shared.refcount(), 1);
    let s = heap_stats();
    assert_eq!(s.live_total(), base.live_total() + 1);
    assert_eq!(
        s.live[Kind::Int as usize],
        base.live[Kind::Int as usize] + 1
    );
    assert_eq!(s.freed_total, base.freed_total + 10);
    drop(shared);
    assert_eq!(heap_stats().live, base.live);
    assert_eq!(take_log(), ["n"]);
}

#[test]
fn class_returns_a_new_reference_to_the_type() {
    let fx = Fx::new();
    let a = fx.int(1);
    let before = fx.int_ty.refcount();
    let c = a.class();
    assert!(c.is(&fx.int_ty));
    assert!(a.class_is(&fx.int_ty));
    assert_eq!(a.class_addr(), fx.int_ty.addr());
    assert_eq!(fx.int_ty.refcount(), before + 1);
    drop(c);
    assert_eq!(fx.int_ty.refcount(), before);
}

#[test]
fn instances_of_builtin_types_hold_no_count_on_the_type() {
    let fx = Fx::new();
    let before = fx.int_ty.refcount();
    let many: Vec<ObjRef> = (0..100).map(|i| fx.int(i)).collect();
    assert_eq!(fx.int_ty.refcount(), before);
    drop(many);
    assert_eq!(fx.int_ty.refcount(), before);
}

#[test]
fn replacing_a_list_item_releases_the_old_one() {
    let fx = Fx::new();
    let l = fx.list(vec![fx.native("old", vec![])]);
    let old = {
        let mut p = l.borrow_mut::<ListObj>().unwrap();
        std::mem::replace(&mut p.items[0], fx.native("new", vec![]))
    };
    assert!(take_log().is_empty());
    drop(old);
    assert_eq!(take_log(), ["old"]);
    drop(l);
    assert_eq!(take_log(), ["new"]);
}

#[test]
fn payload_access_checks_the_kind() {
    let fx = Fx::new();
    let a = fx.int(1);
    assert!(a.get::<IntObj>().is_some());
    assert!(a.borrow::<ListObj>().is_none());
    assert!(a.attrs().is_none());
    let l = fx.list(vec![]);
    assert!(l.get::<IntObj>().is_none());
    assert!(l.borrow::<ListObj>().is_some());
}

#[test]
#[should_panic(expected = "conflicting access")]
fn exclusive_borrow_while_shared_borrow_panics() {
    let fx = Fx::new();
    let l = fx.list(vec![]);
    let _shared = l.borrow::<ListObj>().unwrap();
    let _excl = l.borrow_mut::<ListObj>();
}

#[test]
fn borrows_are_released_when_dropped() {
    let fx = Fx::new();
    let l = fx.list(vec![]);
    {
        let _a = l.borrow::<ListObj>().unwrap();
        let _b = l.borrow::<ListObj>().unwrap();
    }
    l.borrow_mut::<ListObj>().unwrap().items.push(fx.int(1));
    assert_eq!(l.borrow::<ListObj>().unwrap().items.len(), 1);
}
