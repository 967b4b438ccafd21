//! The float free list: dead exact floats keep their blocks (at most
//! `FLOAT_FREE_MAX`), the next floats reuse them last-freed first, and a
//! full collection gives them back to the allocator.

mod common;

use common::*;
use ouro_heap::heap::{clear_free_lists, free_float_count, with_allocator, FLOAT_FREE_MAX};
use ouro_heap::{alloc_float, heap_stats, FloatObj, Kind, ObjRef};

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
    assert_eq!(free_float_count(), 2);
    assert_eq!(blocks_in_use(), in_use);
    let c = float(&fx, 3.5);
    let d = float(&fx, 4.5);
    assert_eq!(c.addr(), b_addr);
    assert_eq!(d.addr(), a_addr);
    assert_eq!(c.get::<FloatObj>().map(|f| f.value), Some(3.5));
    assert_eq!(d.refcount(), 1);
    assert_eq!(free_float_count(), 0);
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
    assert_eq!(free_float_count(), FLOAT_FREE_MAX);
    // The 20 beyond the maximum went back at once.
    assert_eq!(blocks_in_use(), in_use + FLOAT_FREE_MAX);
    clear_free_lists();
    assert_eq!(free_float_count(), 0);
    assert_eq!(blocks_in_use(), in_use);
}

#[test]
fn a_float_subclass_instance_does_not_go_on_the_free_list() {
    let fx = Fx::new();
    clear_free_lists();
    let sub = fx.new_type(Kind::Float, ouro_heap::tflags::T_HEAP);
    let o = ouro_heap::alloc_object(&sub, FloatObj { value: 1.0 }, true).expect("an instance");
    drop(o);
    assert_eq!(free_float_count(), 0);
}
