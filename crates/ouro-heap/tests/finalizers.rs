//! The PEP 442 hooks: objects whose type has `T_HAS_DEL` are queued instead
//! of freed when their count reaches zero; the VM takes them from the queue,
//! runs `__del__`, marks them `F_FINALIZED` and drops them.

mod common;

use common::*;
use ouro_heap::{
    flags, has_pending_events, heap_stats, pending_finalizer_count, set_finalizer_floor, tflags,
    Kind, ObjRef,
};

struct FinFx {
    fx: Fx,
    fin_ty: ObjRef,
}

impl FinFx {
    fn new() -> FinFx {
        let fx = Fx::new();
        let fin_ty = fx.new_type(Kind::Native, tflags::T_HAS_DEL);
        FinFx { fx, fin_ty }
    }

    /// A finalizable object labelled `label` holding `children`.
    fn fin(&self, label: &str, children: Vec<ObjRef>) -> ObjRef {
        native_of(&self.fin_ty, label, children, false)
    }
}

/// Runs the queued finalizers as the VM would (with no resurrection) and
/// returns the labels in the order they ran.
fn run_finalizers() -> Vec<String> {
    let mut ran = Vec::new();
    while let Some(o) = take_pending_finalizer() {
        ran.push(label_of(&o));
        o.set_flag(flags::F_FINALIZED, true);
        drop(o);
    }
    ran
}

/// The labels of the queue, in the order `take_pending_finalizer` returns
/// them, leaving the objects finalized but alive (handles returned).
fn take_all() -> Vec<ObjRef> {
    std::iter::from_fn(take_pending_finalizer).collect()
}

fn labels(objs: &[ObjRef]) -> Vec<String> {
    objs.iter().map(label_of).collect()
}

#[test]
fn finalizable_object_is_queued_at_zero_instead_of_freed() {
    let f = FinFx::new();
    let base = heap_stats();
    let x = f.fin("x", vec![f.fx.native("child", vec![])]);
    let addr = x.addr();
    assert!(!has_pending_events());
    drop(x);
    // Still allocated, its references untouched, owned by the queue.
    assert_eq!(live_total(), base.live_total() + 2);
    assert!(take_log().is_empty());
    assert_eq!(pending_finalizer_count(), 1);
    assert!(has_pending_events());
    let x = take_pending_finalizer().unwrap();
    assert_eq!(x.addr(), addr);
    assert_eq!(x.refcount(), 1);
    assert!(!x.has_flag(flags::F_FINALIZED));
    assert_eq!(pending_finalizer_count(), 0);
    assert!(!has_pending_events());
    assert!(take_pending_finalizer().is_none());
    // After __del__: marked and dropped, it is freed at once.
    x.set_flag(flags::F_FINALIZED, true);
    drop(x);
    assert_eq!(take_log(), ["x", "child"]);
    assert_eq!(pending_finalizer_count(), 0);
    assert_eq!(heap_stats().live, base.live);
}

#[test]
fn already_finalized_object_is_freed_at_zero() {
    let f = FinFx::new();
    let base = heap_stats();
    let x = f.fin("x", vec![]);
    x.set_flag(flags::F_FINALIZED, true);
    drop(x);
    assert_eq!(pending_finalizer_count(), 0);
    assert_eq!(take_log(), ["x"]);
    assert_eq!(heap_stats().live, base.live);
}

#[test]
fn resurrected_object_stays_alive_and_is_not_queued_again() {
    let f = FinFx::new();
    let base = heap_stats();
    drop(f.fin("x", vec![]));
    let x = take_pending_finalizer().unwrap();
    // __del__ stores `self` somewhere: a new reference survives the drop.
    let keep = x.clone();
    x.set_flag(flags::F_FINALIZED, true);
    drop(x);
    assert_eq!(keep.refcount(), 1);
    assert!(take_log().is_empty());
    assert_eq!(pending_finalizer_count(), 0);
    assert_eq!(live_total(), base.live_total() + 1);
    // PEP 442: the finalizer ran once; the final drop frees it directly.
    drop(keep);
    assert_eq!(pending_finalizer_count(), 0);
    assert_eq!(take_log(), ["x"]);
    assert_eq!(heap_stats().live, base.live);
}

#[test]
fn unmarked_object_dropped_after_being_taken_is_queued_again() {
    // The heap never sets F_FINALIZED itself: a handle dropped without the
    // mark goes back to the queue (the VM must mark before dropping).
    let f = FinFx::new();
    drop(f.fin("x", vec![]));
    let x = take_pending_finalizer().unwrap();
    let addr = x.addr();
    drop(x);
    assert_eq!(pending_finalizer_count(), 1);
    let again = take_pending_finalizer().unwrap();
    assert_eq!(again.addr(), addr);
    again.set_flag(flags::F_FINALIZED, true);
    drop(again);
    assert_eq!(take_log(), ["x"]);
}

#[test]
fn finalizers_of_a_container_are_queued_in_release_order() {
    let f = FinFx::new();
    let base = heap_stats();
    // CPython would call __del__ during list_dealloc: F3, F2, F1.
    let l = f.fx.list(vec![
        f.fin("F1", vec![]),
        f.fx.native("plain", vec![]),
        f.fin("F2", vec![f.fx.native("F2.child", vec![])]),
        f.fin("F3", vec![]),
    ]);
    drop(l);
    // The plain object went at once; the finalizable ones wait.
    assert_eq!(take_log(), ["plain"]);
    assert_eq!(pending_finalizer_count(), 3);
    assert_eq!(run_finalizers(), ["F3", "F2", "F1"]);
    assert_eq!(take_log(), ["F3", "F2", "F2.child", "F1"]);
    assert_eq!(heap_stats().live, base.live);
}

#[test]
fn finalizers_found_by_a_depth_first_teardown_keep_its_order() {
    let f = FinFx::new();
    // [F1, [F2, F3], F4]: F4, then the inner list (F3, F2), then F1.
    let inner = f.fx.list(vec![f.fin("F2", vec![]), f.fin("F3", vec![])]);
    let l =
        f.fx.list(vec![f.fin("F1", vec![]), inner, f.fin("F4", vec![])]);
    drop(l);
    assert_eq!(run_finalizers(), ["F4", "F3", "F2", "F1"]);

    // A dict releases key then value in insertion order.
    let d = f.fx.dict(vec![
        (f.fin("K1", vec![]), f.fin("V1", vec![])),
        (f.fin("K2", vec![]), f.fin("V2", vec![])),
    ]);
    drop(d);
    assert_eq!(run_finalizers(), ["K1", "V1", "K2", "V2"]);
    take_log();
}

#[test]
fn separate_events_are_queued_first_in_first_out() {
    let f = FinFx::new();
    drop(f.fin("A", vec![]));
    drop(f.fin("B", vec![]));
    drop(f.fin("C", vec![]));
    assert_eq!(run_finalizers(), ["A", "B", "C"]);
    take_log();
}

#[test]
fn a_teardown_batch_runs_after_entries_already_waiting() {
    let f = FinFx::new();
    drop(f.fin("A", vec![]));
    let l = f.fx.list(vec![f.fin("D", vec![]), f.fin("E", vec![])]);
    drop(l);
    assert_eq!(run_finalizers(), ["A", "E", "D"]);
    take_log();
}

#[test]
fn entries_queued_while_the_floor_is_raised_land_above_it() {
    let f = FinFx::new();
    drop(f.fin("A", vec![]));
    drop(f.fin("B", vec![]));
    assert_eq!(pending_finalizer_count(), 2);
    // As the VM does while a finalizer runs: entries below the floor wait.
    set_finalizer_floor(2);
    drop(f.fin("C", vec![]));
    let l = f.fx.list(vec![f.fin("D", vec![]), f.fin("E", vec![])]);
    drop(l);
    drop(f.fin("G", vec![]));
    set_finalizer_floor(0);
    // Above the floor: C, then the batch (E, D), then G (first in, first
    // out at that level); then the entries below the floor, A and B.
    let order = take_all();
    assert_eq!(labels(&order), ["C", "E", "D", "G", "A", "B"]);
    for o in &order {
        o.set_flag(flags::F_FINALIZED, true);
    }
    drop(order);
    take_log();
}

#[test]
fn finalizers_uncovered_by_a_running_finalizer_run_before_the_rest() {
    let f = FinFx::new();
    // Two finalizable objects wait; X holds two more.
    let x = f.fin("X", vec![f.fin("X1", vec![]), f.fin("X2", vec![])]);
    drop(x);
    drop(f.fin("B", vec![]));
    let mut ran = Vec::new();
    // The VM's loop: take one, raise the floor to the queue's depth while
    // its __del__ runs and while it is dropped, then restore the floor.
    while let Some(o) = take_pending_finalizer() {
        ran.push(label_of(&o));
        set_finalizer_floor(pending_finalizer_count());
        o.set_flag(flags::F_FINALIZED, true);
        drop(o);
        set_finalizer_floor(0);
    }
    // X's teardown queues X1, X2 (release order) above B.
    assert_eq!(ran, ["X", "X1", "X2", "B"]);
    take_log();
}

#[test]
fn floor_above_the_queue_length_is_clamped() {
    let f = FinFx::new();
    drop(f.fin("A", vec![]));
    set_finalizer_floor(10);
    drop(f.fin("B", vec![]));
    set_finalizer_floor(0);
    assert_eq!(run_finalizers(), ["B", "A"]);
    take_log();
}

#[test]
fn queued_instance_of_a_heap_type_keeps_its_type_alive() {
    let f = FinFx::new();
    let base = heap_stats();
    let cls =
        f.fx.new_type(Kind::Native, tflags::T_HEAP | tflags::T_HAS_DEL);
    let x = native_of(&cls, "x", vec![], true);
    drop(cls);
    drop(x);
    // The instance waits in the queue with its type reference.
    assert_eq!(live(Kind::Type), base.live[Kind::Type as usize] + 1);
    let x = take_pending_finalizer().unwrap();
    assert_eq!(x.class().refcount(), 2);
    x.set_flag(flags::F_FINALIZED, true);
    drop(x);
    assert_eq!(heap_stats().live, base.live);
    assert_eq!(take_log(), ["x"]);
}

#[test]
fn children_of_a_finalizable_object_wait_for_its_finalizer() {
    let f = FinFx::new();
    let shared = f.fx.native("shared", vec![]);
    let x = f.fin("X", vec![f.fx.native("own", vec![]), shared.clone()]);
    drop(x);
    // Queued: its references are still held.
    assert_eq!(shared.refcount(), 2);
    assert!(take_log().is_empty());
    assert_eq!(run_finalizers(), ["X"]);
    assert_eq!(take_log(), ["X", "own"]);
    assert_eq!(shared.refcount(), 1);
}
