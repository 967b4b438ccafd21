//! CPython 3.11's free lists: dead exact floats, tuples (by length), lists
//! and dicts keep their blocks (up to each list's maximum), the next
//! objects of that type and size reuse them last-freed first without
//! counting as allocations for the collector, and a full collection gives
//! them back to the allocator.

mod common;

use common::*;
use ouro_heap::heap::{
    clear_free_lists, free_list_len, with_allocator, FLOAT_FREE_MAX, LIST_FREE_MAX, TUPLE_FREE_MAX,
    TUPLE_MAXSAVESIZE,
};
use ouro_heap::{alloc_float, alloc_tuple, gc, heap_stats, FloatObj, Kind, ObjRef};

fn blocks_in_use() -> usize {
    with_allocator(|a| a.stats().blocks_in_use).expect("a heap")
}

fn float(fx: &Fx, v: f64) -> ObjRef {
    alloc_float(&fx.float_ty, v).expect("a float")
}

#[test]
fn a_dead_float_is_kept_and_its_block_reused_last_freed_first() {
    let fx = Fx::new();
    clear_free_lists();
    let a = float(&fx, 1.5);
    let b = float(&fx, 2.5);
    let (a_addr, b_addr) = (a.addr(), b.addr());
    let base = heap_stats();
    let in_use = blocks_in_use();
    drop(a);
    drop(b);
    // Dead: no longer live objects, but their blocks stay allocated.
    assert_eq!(
        heap_stats().live[Kind::Float as usize],
        base.live[Kind::Float as usize] - 2
    );
    assert_eq!(heap_stats().freed_total, base.freed_total + 2);
    assert_eq!(free_list_len(Kind::Float, 0), 2);
    assert_eq!(blocks_in_use(), in_use);
    let c = float(&fx, 3.5);
    let d = float(&fx, 4.5);
    assert_eq!(c.addr(), b_addr);
    assert_eq!(d.addr(), a_addr);
    assert_eq!(c.get::<FloatObj>().map(|f| f.value), Some(3.5));
    assert_eq!(d.refcount(), 1);
    assert_eq!(free_list_len(Kind::Float, 0), 0);
    assert_eq!(blocks_in_use(), in_use);
    assert_eq!(heap_stats().allocated_total, base.allocated_total + 2);
}

#[test]
fn the_free_list_holds_at_most_its_maximum_and_clearing_frees_the_blocks() {
    let fx = Fx::new();
    clear_free_lists();
    let in_use = blocks_in_use();
    let floats: Vec<ObjRef> = (0..FLOAT_FREE_MAX + 20)
        .map(|i| float(&fx, i as f64))
        .collect();
    assert_eq!(blocks_in_use(), in_use + FLOAT_FREE_MAX + 20);
    drop(floats);
    assert_eq!(free_list_len(Kind::Float, 0), FLOAT_FREE_MAX);
    // The 20 beyond the maximum went back at once.
    assert_eq!(blocks_in_use(), in_use + FLOAT_FREE_MAX);
    clear_free_lists();
    assert_eq!(free_list_len(Kind::Float, 0), 0);
    assert_eq!(blocks_in_use(), in_use);
}

#[test]
fn a_float_subclass_instance_does_not_go_on_the_free_list() {
    let fx = Fx::new();
    clear_free_lists();
    let sub = fx.new_type(Kind::Float, ouro_heap::tflags::T_HEAP);
    let o = ouro_heap::alloc_object(&sub, FloatObj { value: 1.0 }, true).expect("an instance");
    drop(o);
    assert_eq!(free_list_len(Kind::Float, 0), 0);
}

/// A tuple of `n` references to the fixture's sentinel (no item is freed
/// with it).
fn tuple_of(fx: &Fx, n: usize) -> ObjRef {
    fx.tuple(vec![fx.sentinel.clone(); n])
}

fn gen0_count() -> i64 {
    gc::counts()[0]
}

#[test]
fn a_dead_tuple_keeps_its_block_for_the_next_tuple_of_its_length() {
    let fx = Fx::new();
    clear_free_lists();
    let t = tuple_of(&fx, 2);
    let addr = t.addr();
    let in_use = blocks_in_use();
    let live = heap_stats().live[Kind::Tuple as usize];
    drop(t);
    assert_eq!(free_list_len(Kind::Tuple, 2), 1);
    assert_eq!(heap_stats().live[Kind::Tuple as usize], live - 1);
    assert_eq!(blocks_in_use(), in_use);
    // Another length does not take it; the same length does.
    let u = tuple_of(&fx, 3);
    assert_ne!(u.addr(), addr);
    assert_eq!(free_list_len(Kind::Tuple, 2), 1);
    let v = tuple_of(&fx, 2);
    assert_eq!(v.addr(), addr);
    assert_eq!(free_list_len(Kind::Tuple, 2), 0);
    assert_eq!(v.get::<ouro_heap::TupleObj>().map(|t| t.len()), Some(2));
    assert!(gc::is_tracked(&v));
}

#[test]
fn reused_blocks_are_not_allocations_for_the_collector() {
    let fx = Fx::new();
    clear_free_lists();
    let c0 = gen0_count();
    let t = tuple_of(&fx, 2);
    let l = fx.list(vec![]);
    let d = fx.dict(vec![]);
    // Fresh containers count (exact dicts are not tracked, but count).
    assert_eq!(gen0_count(), c0 + 3);
    let (ta, la, da) = (t.addr(), l.addr(), d.addr());
    drop((t, l, d));
    // Onto the free lists: not counted as deallocations.
    assert_eq!(gen0_count(), c0 + 3);
    let t = tuple_of(&fx, 2);
    let l = fx.list(vec![]);
    let d = fx.dict(vec![]);
    assert_eq!((t.addr(), l.addr(), d.addr()), (ta, la, da));
    assert_eq!(gen0_count(), c0 + 3);
    assert!(gc::is_tracked(&t) && gc::is_tracked(&l) && !gc::is_tracked(&d));
}

#[test]
fn tuples_of_the_largest_saved_length_go_on_their_list_but_are_not_taken() {
    let fx = Fx::new();
    clear_free_lists();
    let t = tuple_of(&fx, TUPLE_MAXSAVESIZE);
    let addr = t.addr();
    drop(t);
    assert_eq!(free_list_len(Kind::Tuple, TUPLE_MAXSAVESIZE), 1);
    let u = tuple_of(&fx, TUPLE_MAXSAVESIZE);
    assert_ne!(u.addr(), addr);
    assert_eq!(free_list_len(Kind::Tuple, TUPLE_MAXSAVESIZE), 1);
    // Longer tuples have no list.
    let in_use = blocks_in_use();
    drop(tuple_of(&fx, TUPLE_MAXSAVESIZE + 1));
    assert_eq!(blocks_in_use(), in_use);
}

#[test]
fn each_list_holds_at_most_its_maximum_and_clearing_frees_every_block() {
    let fx = Fx::new();
    clear_free_lists();
    let in_use = blocks_in_use();
    let tuples: Vec<ObjRef> = (0..TUPLE_FREE_MAX + 5).map(|_| tuple_of(&fx, 1)).collect();
    let lists: Vec<ObjRef> = (0..LIST_FREE_MAX + 5).map(|_| fx.list(vec![])).collect();
    drop(tuples);
    drop(lists);
    assert_eq!(free_list_len(Kind::Tuple, 1), TUPLE_FREE_MAX);
    assert_eq!(free_list_len(Kind::List, 0), LIST_FREE_MAX);
    // What did not fit went back at once (a list's item buffer too).
    assert_eq!(blocks_in_use(), in_use + TUPLE_FREE_MAX + LIST_FREE_MAX);
    clear_free_lists();
    assert_eq!(free_list_len(Kind::Tuple, 1), 0);
    assert_eq!(free_list_len(Kind::List, 0), 0);
    assert_eq!(blocks_in_use(), in_use);
}

#[test]
fn subclass_instances_do_not_go_on_the_free_lists() {
    let fx = Fx::new();
    clear_free_lists();
    let sub = fx.new_type(Kind::Tuple, ouro_heap::tflags::T_HEAP);
    let t = alloc_tuple(&sub, vec![fx.sentinel.clone()], true).expect("an instance");
    drop(t);
    assert_eq!(free_list_len(Kind::Tuple, 1), 0);
    let sub = fx.new_type(Kind::List, ouro_heap::tflags::T_HEAP);
    let items = ouro_heap::hvec_from(Vec::new());
    let l = ouro_heap::alloc_object(&sub, ouro_heap::ListObj { items }, true).expect("an instance");
    drop(l);
    assert_eq!(free_list_len(Kind::List, 0), 0);
}
