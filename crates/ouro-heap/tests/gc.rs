//! The cycle collector from Rust, without a VM: what `gc.collect()` finds
//! and frees, generations and promotion, tracking rules, PEP 442
//! finalization and resurrection, weakref clearing, and structures deep
//! enough that any recursion would overflow. These run in debug builds, so
//! the collector's `validate_list` checks every phase too.
//!
//! Each test runs on its own thread (libtest), so each has a fresh heap and
//! a fresh collector.

mod common;

use common::*;
use ouro_heap::gc::{self, Collection};
use ouro_heap::{alloc_object, flags, tflags, weakref, DictObj, Kind, ListObj, ObjRef, UnitObj};

/// Appends `item` to a list object.
fn push(list: &ObjRef, item: ObjRef) {
    list.borrow_mut::<ListObj>().unwrap().items.push(item);
}

/// A full collection run by hand through every phase; the finalizers the
/// collector hands out are given to `finalize` (the VM would call
/// `__del__`). Returns what `gc.collect()` would.
fn collect_with(generation: usize, mut finalize: impl FnMut(ObjRef)) -> usize {
    let mut col = Collection::begin(generation).expect("no collection running");
    col.handle_weakrefs();
    while let Some(wr) = col.next_weakref_callback() {
        col.weakref_callback_done(wr);
    }
    while let Some(obj) = col.next_to_finalize() {
        finalize(obj);
    }
    col.handle_resurrected_objects();
    col.delete_garbage(false);
    let (r, _) = col.finish(false);
    r.collected + r.uncollectable
}

fn collect(generation: usize) -> usize {
    collect_with(generation, drop)
}

#[test]
fn self_referencing_list_is_found_and_freed() {
    let fx = Fx::new();
    collect(2);
    let before = live(Kind::List);
    let l = fx.list(vec![fx.int(1)]);
    push(&l, l.clone());
    drop(l);
    assert_eq!(
        live(Kind::List),
        before + 1,
        "refcounting cannot free a cycle"
    );
    assert_eq!(collect(2), 1);
    assert_eq!(live(Kind::List), before);
    assert_eq!(collect(2), 0);
}

#[test]
fn cycle_reachable_from_outside_is_kept_intact() {
    let fx = Fx::new();
    let a = fx.list(vec![]);
    let b = fx.list(vec![a.clone()]);
    push(&a, b.clone());
    drop(b);
    assert_eq!(collect(2), 0);
    // Still whole: a -> b -> a.
    let b = a.borrow::<ListObj>().unwrap().items[0].clone();
    assert!(b.borrow::<ListObj>().unwrap().items[0].is(&a));
    drop(b);
    drop(a);
    assert_eq!(collect(2), 2);
}

#[test]
fn garbage_hanging_off_a_cycle_is_counted_and_freed() {
    let fx = Fx::new();
    collect(2);
    // A native cycle x <-> y, with a chain y -> c1 -> c2 hanging off it.
    let c2 = fx.native("c2", vec![]);
    let c1 = fx.native("c1", vec![c2]);
    let y = fx.list(vec![c1]);
    let x = fx.native("x", vec![y.clone()]);
    push(&y, x);
    drop(y);
    take_log();
    assert_eq!(collect(2), 4);
    // Every native payload was freed: clearing breaks the references, and
    // reference counting does the freeing.
    let mut log = take_log();
    log.sort();
    assert_eq!(log, ["c1", "c2", "x"]);
}

#[test]
fn instances_in_a_cycle_count_one_object_each() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    collect(2);
    let a = fx.instance(&cls, vec![]);
    let b = fx.instance(&cls, vec![(fx.str("a"), a.clone())]);
    set_attrs(&a, vec![(fx.str("b"), b.clone())]);
    drop((a, b));
    assert_eq!(collect(2), 2);
    // The class itself is still held by the test.
    assert_eq!(cls.refcount(), 1);
}

#[test]
fn young_collections_see_only_the_young_generation() {
    let fx = Fx::new();
    collect(2);
    let l = fx.list(vec![]);
    push(&l, l.clone());
    // Survives a young collection (still referenced): promoted to gen 1.
    assert_eq!(collect(0), 0);
    assert!(gc::objects(Some(1)).iter().any(|o| o.is(&l)));
    drop(l);
    // Generation 0 no longer holds it.
    assert_eq!(collect(0), 0);
    assert_eq!(collect(1), 1);
}

#[test]
fn collection_counts_follow_cpython() {
    let fx = Fx::new();
    collect(2);
    assert_eq!(gc::counts(), [0, 0, 0]);
    let a = fx.list(vec![]);
    let b = fx.cell(None);
    assert_eq!(gc::counts()[0], 2);
    drop(b);
    assert_eq!(gc::counts()[0], 1, "a freed container counts down");
    // A list kept on its free list does not, and its reuse does not count
    // up (CPython's free lists skip PyObject_GC_Del and _PyObject_GC_Link).
    drop(fx.list(vec![]));
    assert_eq!(gc::counts()[0], 2);
    drop(fx.list(vec![]));
    assert_eq!(gc::counts()[0], 2);
    // Atoms are not containers.
    let _i = fx.int(7);
    assert_eq!(gc::counts()[0], 2);
    collect(0);
    assert_eq!(gc::counts(), [0, 1, 0]);
    collect(1);
    assert_eq!(gc::counts(), [0, 0, 1]);
    drop(a);
}

#[test]
fn tracking_rules_for_tuples_and_dicts() {
    let fx = Fx::new();
    let atoms = fx.tuple(vec![fx.int(1), fx.str("x")]);
    let holder = fx.tuple(vec![fx.list(vec![])]);
    assert!(gc::is_tracked(&atoms), "tuples start tracked");
    collect(0);
    assert!(!gc::is_tracked(&atoms), "a collection untracks atom tuples");
    assert!(gc::is_tracked(&holder));
    assert!(!gc::is_tracked(&fx.int(3)), "atoms are never tracked");

    let d = fx.dict(vec![]);
    assert!(!gc::is_tracked(&d), "exact dicts start untracked");
    let (k, v) = (fx.str("k"), fx.int(1));
    gc::maintain_dict_tracking(&d, &k, &v);
    assert!(!gc::is_tracked(&d));
    let l = fx.list(vec![]);
    gc::maintain_dict_tracking(&d, &k, &l);
    d.borrow_mut::<DictObj>().unwrap().table.insert_new(1, k, l);
    assert!(gc::is_tracked(&d), "a container value tracks the dict");
    // Once the container is gone, only a full collection untracks it.
    let removed = d.borrow_mut::<DictObj>().unwrap().table.remove_at(0);
    drop(removed);
    collect(1);
    assert!(gc::is_tracked(&d));
    collect(2);
    assert!(!gc::is_tracked(&d));
}

#[test]
fn finalizers_run_once_and_resurrection_keeps_the_cycle() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP | tflags::T_HAS_DEL);
    collect(2);
    let a = fx.instance(&cls, vec![]);
    let b = fx.instance(&cls, vec![(fx.str("a"), a.clone())]);
    set_attrs(&a, vec![(fx.str("b"), b.clone())]);
    drop((a, b));
    // The "finalizer" of the first object resurrects it.
    let mut saved = None;
    let mut seen = 0;
    let n = collect_with(2, |o| {
        seen += 1;
        assert!(o.has_flag(flags::F_FINALIZED), "marked before it runs");
        if saved.is_none() {
            saved = Some(o);
        }
    });
    assert_eq!(seen, 2, "each finalizer handed out once");
    assert_eq!(n, 0, "a resurrected object keeps what it reaches alive");
    let a = saved.unwrap();
    assert!(gc::is_finalized(&a));
    drop(a);
    let mut again = 0;
    assert_eq!(collect_with(2, |_| again += 1), 2);
    assert_eq!(again, 0, "PEP 442: never finalized twice");
}

#[test]
fn weakrefs_to_garbage_are_cleared_before_finalizers() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    let wr_ty = fx.new_type(Kind::WeakRef, 0);
    let a = fx.instance(&cls, vec![]);
    set_attrs(&a, vec![(fx.str("me"), a.clone())]);
    let outside = weakref::new_weakref(&wr_ty, &a, Some(fx.int(1)), 0, false).unwrap();
    let inside = weakref::new_weakref(&wr_ty, &a, Some(fx.int(2)), 1, false).unwrap();
    set_attrs(&a, vec![(fx.str("w"), inside)]);
    assert_eq!(weakref::weakref_count(&a), 2);
    drop(a);
    let mut col = Collection::begin(2).unwrap();
    col.handle_weakrefs();
    assert!(weakref::referent(&outside).is_none(), "cleared");
    // Only the weakref outside the garbage gets its callback called.
    let wr = col.next_weakref_callback().expect("the outside weakref");
    assert!(wr.is(&outside));
    col.weakref_callback_done(wr);
    assert!(col.next_weakref_callback().is_none());
    while col.next_to_finalize().is_some() {}
    col.handle_resurrected_objects();
    col.delete_garbage(false);
    let (r, _) = col.finish(false);
    // The instance and the weakref inside it.
    assert_eq!(r.collected, 2);
    assert_eq!(weakref::referent_count(), 0);
}

#[test]
fn weakref_callbacks_queue_when_the_referent_dies_by_refcount() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    let wr_ty = fx.new_type(Kind::WeakRef, 0);
    let a = fx.instance(&cls, vec![]);
    let first = weakref::new_weakref(&wr_ty, &a, Some(fx.int(1)), 0, false).unwrap();
    let plain = weakref::new_weakref(&wr_ty, &a, None, 0, false).unwrap();
    let second = weakref::new_weakref(&wr_ty, &a, Some(fx.int(2)), 1, false).unwrap();
    let order: Vec<bool> = weakref::weakrefs(&a).iter().map(|w| w.is(&plain)).collect();
    assert_eq!(order, [true, false, false]);
    drop(a);
    assert!(weakref::referent(&plain).is_none());
    let mut calls = Vec::new();
    while let Some(p) = ouro_heap::take_pending() {
        match p {
            ouro_heap::Pending::WeakCallback(w, cb) => calls.push((w, int_value(&cb))),
            ouro_heap::Pending::Finalize(_) => panic!("no finalizer here"),
        }
    }
    // In list order (the newest callback ref was inserted after the plain
    // one, before the older), with the callback moved out of the weakref.
    assert_eq!(calls.len(), 2);
    assert!(calls[0].0.is(&second) && calls[0].1 == 2);
    assert!(calls[1].0.is(&first) && calls[1].1 == 1);
    assert!(calls[0]
        .0
        .get::<ouro_heap::WeakRefObj>()
        .unwrap()
        .callback()
        .is_none());
}

#[test]
fn a_million_long_cycle_is_collected_without_recursion() {
    // On a small stack: neither the collector nor the teardown recurses.
    // (A fresh thread has a heap of its own.)
    let (n, left) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let fx = Fx::new();
            collect(2);
            let before = live(Kind::List);
            let head = fx.list(vec![]);
            let mut cur = head.clone();
            for _ in 0..1_000_000 {
                let next = fx.list(vec![]);
                push(&cur, next.clone());
                cur = next;
            }
            push(&cur, head.clone());
            drop((cur, head));
            let n = collect(2);
            (n, live(Kind::List) - before)
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(n, 1_000_001);
    assert_eq!(left, 0);
}

#[test]
fn an_object_in_use_by_rust_code_is_never_collected() {
    let fx = Fx::new();
    let l = fx.list(vec![]);
    push(&l, l.clone());
    let weak_view = l.clone();
    drop(l);
    // Rust code holds an exclusive borrow of the payload (it is changing
    // it) while a collection runs: the object counts as referenced.
    let raw = weak_view.clone();
    drop(weak_view);
    let guard = raw.borrow_mut::<ListObj>().unwrap();
    let n = collect(2);
    drop(guard);
    assert_eq!(n, 0);
    drop(raw);
    assert_eq!(collect(2), 1);
}

#[test]
fn save_all_keeps_the_garbage_for_gc_garbage() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    collect(2);
    let a = alloc_object(&cls, UnitObj, true).unwrap();
    set_attrs(&a, vec![(fx.str("me"), a.clone())]);
    drop(a);
    let mut col = Collection::begin(2).unwrap();
    col.handle_weakrefs();
    while col.next_to_finalize().is_some() {}
    col.handle_resurrected_objects();
    let saved = col.delete_garbage(true);
    let (r, _) = col.finish(true);
    assert_eq!(r.collected, 1);
    assert_eq!(saved.len(), 1);
    // Not cleared: its attribute still points at itself.
    assert_eq!(saved[0].refcount(), 2);
    drop(saved);
    assert_eq!(collect(2), 1);
}

#[test]
fn freeze_moves_everything_out_of_reach() {
    let fx = Fx::new();
    let l = fx.list(vec![]);
    push(&l, l.clone());
    gc::freeze();
    assert!(gc::freeze_count() > 0);
    drop(l);
    assert_eq!(collect(2), 0);
    gc::unfreeze();
    assert_eq!(gc::freeze_count(), 0);
    assert_eq!(collect(2), 1);
}

#[test]
fn unreachable_now_finds_garbage_and_leaves_the_lists_as_they_were() {
    let fx = Fx::new();
    collect(2);
    // Garbage: a two-list cycle. Alive: a cycle held from outside, and a
    // list reachable only through it.
    let a = fx.list(vec![]);
    let b = fx.list(vec![a.clone()]);
    push(&a, b.clone());
    let (a_addr, b_addr) = (a.addr(), b.addr());
    drop((a, b));
    let kept = fx.list(vec![]);
    let inner = fx.list(vec![kept.clone()]);
    push(&kept, inner.clone());
    drop(inner);
    let sizes_before = gc::generation_sizes();
    let garbage = gc::unreachable_now();
    let mut found: Vec<usize> = garbage.iter().map(|o| o.addr()).collect();
    found.sort_unstable();
    let mut want = vec![a_addr, b_addr];
    want.sort_unstable();
    assert_eq!(found, want);
    drop(garbage);
    // Nothing moved and no mark is left: the debug build's list
    // validation in the collection below checks every link and flag.
    assert_eq!(gc::generation_sizes(), sizes_before);
    assert_eq!(collect(0), 2);
    assert_eq!(collect(2), 0);
    assert_eq!(kept.borrow::<ListObj>().unwrap().items.len(), 1);
    drop(kept);
    assert_eq!(collect(2), 2);
}
