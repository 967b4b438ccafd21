//! The order in which teardown releases references must be CPython's, since
//! it is observable from Python through `__del__` and weakref callbacks.
//!
//! Observation: a [`common::Node`] native payload records its label when the
//! heap tears its object down. For a leaf that is the moment its reference is
//! released; for a native container it is the moment its own `tp_dealloc`
//! would start in CPython (before it releases its children). Every order
//! below was also checked against CPython 3.11.7 with `__del__` printing
//! objects (`[[D('C'), D('D')], D('B')]` prints `B D C`, `{k1: v1, k2: v2}`
//! prints `k1 v1 k2 v2`, `slice(a, b, c)` prints `c a b`, ...).

mod common;

use common::*;
use ouro_heap::{
    alloc_object, alloc_tuple, heap_stats, Attrs, DictObj, ExceptionObj, Kind, ListObj, ObjRef,
    SliceObj, UnitObj,
};
use proptest::prelude::*;

fn leaves(fx: &Fx, labels: &[&str]) -> Vec<ObjRef> {
    labels.iter().map(|l| fx.native(l, vec![])).collect()
}

#[test]
fn list_items_are_released_last_to_first() {
    let fx = Fx::new();
    // list_dealloc: `i = Py_SIZE(op); while (--i >= 0) Py_XDECREF(op->ob_item[i]);`
    let l = fx.list(leaves(&fx, &["a", "b", "c", "d"]));
    drop(l);
    assert_eq!(take_log(), ["d", "c", "b", "a"]);
}

#[test]
fn tuple_items_are_released_last_to_first() {
    let fx = Fx::new();
    // tupledealloc: `Py_ssize_t i = Py_SIZE(op); while (--i >= 0) Py_XDECREF(op->ob_item[i]);`
    let t = fx.tuple(leaves(&fx, &["a", "b", "c", "d"]));
    drop(t);
    assert_eq!(take_log(), ["d", "c", "b", "a"]);
}

#[test]
fn dict_entries_are_released_key_then_value_in_insertion_order() {
    let fx = Fx::new();
    // free_keys_object: `for (i = 0; i < n; i++) { Py_XDECREF(ep->me_key);
    // Py_XDECREF(ep->me_value); }` over the entries in insertion order.
    let d = fx.dict(vec![
        (fx.native("k1", vec![]), fx.native("v1", vec![])),
        (fx.native("k2", vec![]), fx.native("v2", vec![])),
        (fx.native("k3", vec![]), fx.native("v3", vec![])),
    ]);
    drop(d);
    assert_eq!(take_log(), ["k1", "v1", "k2", "v2", "k3", "v3"]);
}

#[test]
fn dict_teardown_skips_deleted_entries_and_sees_replaced_values() {
    let fx = Fx::new();
    let d = fx.dict(vec![
        (fx.native("k1", vec![]), fx.native("v1", vec![])),
        (fx.native("k2", vec![]), fx.native("v2", vec![])),
        (fx.native("k3", vec![]), fx.native("v3", vec![])),
    ]);
    {
        let mut p = d.borrow_mut::<DictObj>().unwrap();
        // Hashes are the insertion positions (see `Fx::dict`).
        let pos = p.table.lookup(1, |_| true).unwrap();
        let removed = p.table.remove_at(pos).unwrap();
        drop(removed);
        let pos = p.table.lookup(0, |_| true).unwrap();
        let old = p
            .table
            .replace_value(pos, fx.native("v1b", vec![]))
            .unwrap();
        drop(old);
        let k4 = fx.native("k4", vec![]);
        let v4 = fx.native("v4", vec![]);
        p.table.insert_new(7, k4, v4);
    }
    assert_eq!(take_log(), ["k2", "v2", "v1"]);
    drop(d);
    assert_eq!(take_log(), ["k1", "v1b", "k3", "v3", "k4", "v4"]);
}

#[test]
fn attrs_are_released_in_the_order_they_were_set() {
    let fx = Fx::new();
    let o = fx.instance(
        &fx.object_ty,
        vec![
            (fx.native("k1", vec![]), fx.native("v1", vec![])),
            (fx.native("k2", vec![]), fx.native("v2", vec![])),
            (fx.native("k3", vec![]), fx.native("v3", vec![])),
        ],
    );
    drop(o);
    assert_eq!(take_log(), ["k1", "v1", "k2", "v2", "k3", "v3"]);
}

#[test]
fn attrs_are_released_before_the_payload_references() {
    let fx = Fx::new();
    // subtype_dealloc clears the instance dict, then calls the base type's
    // dealloc (which releases the payload's references).
    let o = native_of(&fx.native_ty, "self", leaves(&fx, &["p1", "p2"]), true);
    set_attrs(&o, vec![(fx.native("k", vec![]), fx.native("v", vec![]))]);
    drop(o);
    assert_eq!(take_log(), ["self", "k", "v", "p1", "p2"]);

    // The same for a tuple subclass instance: the attribute tail follows the
    // inline items.
    let t = alloc_tuple(&fx.tuple_ty, leaves(&fx, &["a", "b", "c"]), true).unwrap();
    set_attrs(&t, vec![(fx.native("k", vec![]), fx.native("v", vec![]))]);
    drop(t);
    assert_eq!(take_log(), ["k", "v", "c", "b", "a"]);
}

#[test]
fn materialised_attribute_dict_is_released_with_the_instance() {
    let fx = Fx::new();
    let o = alloc_object(&fx.object_ty, UnitObj, true).unwrap();
    let d = fx.dict(vec![(fx.native("k", vec![]), fx.native("v", vec![]))]);
    *o.attrs_mut().unwrap() = Attrs::Dict(d.clone());
    drop(o);
    // The dict is shared: nothing released yet.
    assert!(take_log().is_empty());
    assert_eq!(d.refcount(), 1);
    drop(d);
    assert_eq!(take_log(), ["k", "v"]);
}

/// The example of the brief: a list `[A, B]` where `A` is the list `[C, D]`.
///
/// CPython's `list_dealloc(outer)` runs `i = 2; while (--i >= 0)
/// Py_XDECREF(ob_item[i])`:
///
/// 1. `i = 1`: decref `B`; its count reaches zero, so `B`'s `tp_dealloc` runs
///    right there, inside the decref: `B` is released first.
/// 2. `i = 0`: decref `A`; `A` reaches zero and `list_dealloc(A)` runs nested
///    inside that decref, releasing `A`'s items last to first: `D`, then `C`,
///    before control returns to the outer loop.
///
/// So the releases happen in the order `B, D, C` (with `A`'s own dealloc
/// starting between `B` and `D`): each decref frees a whole subtree before
/// the next sibling, and siblings go last to first.
#[test]
fn nested_lists_are_released_depth_first_last_sibling_first() {
    let fx = Fx::new();
    let a = fx.list(vec![fx.native("C", vec![]), fx.native("D", vec![])]);
    let outer = fx.list(vec![a, fx.native("B", vec![])]);
    drop(outer);
    assert_eq!(take_log(), ["B", "D", "C"]);
}

#[test]
fn nested_containers_start_teardown_in_cpython_dealloc_order() {
    let fx = Fx::new();
    // The same shape with `A` a logging container that, like a list,
    // releases `D` before `C`: A's teardown starts after B's and before D's.
    let a = fx.native("A", vec![fx.native("D", vec![]), fx.native("C", vec![])]);
    let outer = fx.list(vec![a, fx.native("B", vec![])]);
    drop(outer);
    assert_eq!(take_log(), ["B", "A", "D", "C"]);

    // One level deeper: [[C, D], [E, [F, G]]] releases the last item's
    // subtree first, innermost last item first: G F E, then D C.
    let fg = fx.list(leaves(&fx, &["F", "G"]));
    let efg = fx.list(vec![fx.native("E", vec![]), fg]);
    let cd = fx.list(leaves(&fx, &["C", "D"]));
    let outer = fx.list(vec![cd, efg]);
    drop(outer);
    assert_eq!(take_log(), ["G", "F", "E", "D", "C"]);
}

#[test]
fn shared_child_is_released_where_its_last_reference_goes() {
    let fx = Fx::new();
    // S is in both lists; `[[S, X], S2]` where S2 = [S, Y]: the outer list
    // releases S2 first (last item): Y, then S's count drops to 1 (no
    // release); then the first list: X, then S (its last reference).
    let s = fx.native("S", vec![]);
    let first = fx.list(vec![s.clone(), fx.native("X", vec![])]);
    let second = fx.list(vec![s, fx.native("Y", vec![])]);
    let outer = fx.list(vec![first, second]);
    drop(outer);
    assert_eq!(take_log(), ["Y", "X", "S"]);
}

#[test]
fn slice_releases_step_then_start_then_stop() {
    let fx = Fx::new();
    // slice_dealloc: Py_DECREF(r->step); Py_DECREF(r->start); Py_DECREF(r->stop);
    // (CPython 3.11.7: `del slice(D('start'), D('stop'), D('step'))` prints
    // `step start stop`.)
    let ty = fx.new_type(Kind::Slice, 0);
    let s = alloc_object(
        &ty,
        SliceObj {
            start: fx.native("start", vec![]),
            stop: fx.native("stop", vec![]),
            step: fx.native("step", vec![]),
        },
        false,
    )
    .unwrap();
    drop(s);
    assert_eq!(take_log(), ["step", "start", "stop"]);
}

#[test]
fn exception_releases_dict_args_notes_traceback_cause_context() {
    let fx = Fx::new();
    // BaseException_clear: Py_CLEAR(dict); Py_CLEAR(args); Py_CLEAR(notes);
    // Py_CLEAR(traceback); Py_CLEAR(cause); Py_CLEAR(context);
    // (CPython 3.11.7, where __notes__ still lives in the instance dict,
    // prints `dict args cause context` for an exception with those set.)
    let ty = fx.new_type(Kind::Exception, 0);
    let e = alloc_object(
        &ty,
        ExceptionObj {
            args: fx.native("args", vec![]),
            traceback: Some(fx.native("traceback", vec![])),
            context: Some(fx.native("context", vec![])),
            cause: Some(fx.native("cause", vec![])),
            suppress_context: true,
            notes: Some(fx.native("notes", vec![])),
        },
        true,
    )
    .unwrap();
    set_attrs(&e, vec![(fx.int(0), fx.native("dict", vec![]))]);
    drop(e);
    assert_eq!(
        take_log(),
        ["dict", "args", "notes", "traceback", "cause", "context"]
    );
}

// ---------------------------------------------------------------------------
// Property: teardown of any DAG of containers matches a recursive model of
// CPython's deallocation.

#[derive(Clone, Copy, Debug)]
enum Shape {
    Native,
    List,
    Tuple,
    Dict,
    Instance,
}

const SHAPES: [Shape; 5] = [
    Shape::Native,
    Shape::List,
    Shape::Tuple,
    Shape::Dict,
    Shape::Instance,
];

/// Builds node `i`, whose teardown logs `i` first and then releases
/// `kids` in the given order, whatever its shape.
fn build_node(fx: &Fx, i: usize, shape: Shape, kids: Vec<ObjRef>) -> ObjRef {
    let label = i.to_string();
    match shape {
        Shape::Native => fx.native(&label, kids),
        // Sequences release last to first: the marker goes last, the
        // children reversed before it.
        Shape::List | Shape::Tuple => {
            let mut items: Vec<ObjRef> = kids.into_iter().rev().collect();
            items.push(fx.native(&label, vec![]));
            if let Shape::List = shape {
                fx.list(items)
            } else {
                fx.tuple(items)
            }
        }
        // Dicts release key, value in insertion order: the marker is the
        // first key, each child a value under a non-logging int key.
        Shape::Dict => {
            let mut pairs = vec![(fx.native(&label, vec![]), fx.int(-1))];
            pairs.extend(
                kids.into_iter()
                    .enumerate()
                    .map(|(j, k)| (fx.int(j as i64), k)),
            );
            fx.dict(pairs)
        }
        // Attributes release name, value in the order set.
        Shape::Instance => {
            let mut attrs = vec![(fx.native(&label, vec![]), fx.int(-1))];
            attrs.extend(
                kids.into_iter()
                    .enumerate()
                    .map(|(j, k)| (fx.int(j as i64), k)),
            );
            fx.instance(&fx.object_ty, attrs)
        }
    }
}

/// CPython's teardown, as plain recursion: `dealloc(i)` starts (logs `i`),
/// then decrefs each child in release order, recursing when one reaches 0.
fn model_dealloc(i: usize, kids: &[Vec<usize>], counts: &mut [usize], out: &mut Vec<String>) {
    out.push(i.to_string());
    for &c in &kids[i] {
        counts[c] -= 1;
        if counts[c] == 0 {
            model_dealloc(c, kids, counts, out);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn teardown_order_matches_cpython_recursive_dealloc(
        n in 1usize..40,
        parents in prop::collection::vec(any::<u32>(), 40),
        extra in prop::collection::vec((any::<u32>(), any::<u32>()), 0..40),
        shapes in prop::collection::vec(0usize..SHAPES.len(), 40),
    ) {
        let fx = Fx::new();
        let base = heap_stats();
        // Node j > 0 hangs below a parent p < j, so all nodes are reachable
        // from node 0; extra edges (a < b) make a DAG with shared nodes.
        let mut kids: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (j, &r) in parents.iter().enumerate().take(n).skip(1) {
            kids[r as usize % j].push(j);
        }
        for &(a, b) in &extra {
            let (a, b) = (a as usize % n, b as usize % n);
            if a != b {
                kids[a.min(b)].push(a.max(b));
            }
        }
        let mut counts = vec![0usize; n];
        counts[0] = 1;
        for ks in &kids {
            for &c in ks {
                counts[c] += 1;
            }
        }

        let mut objs: Vec<Option<ObjRef>> = vec![None; n];
        for i in (0..n).rev() {
            let ks = kids[i]
                .iter()
                .map(|&c| objs[c].clone().expect("children are built first"))
                .collect();
            objs[i] = Some(build_node(&fx, i, SHAPES[shapes[i]], ks));
        }
        let root = objs[0].take().unwrap();
        drop(objs);
        prop_assert!(take_log().is_empty(), "every node is still reachable");

        let mut expected = Vec::new();
        model_dealloc(0, &kids, &mut counts, &mut expected);
        drop(root);
        prop_assert_eq!(take_log(), expected);
        prop_assert_eq!(heap_stats().live, base.live);
    }
}

#[test]
fn list_payload_release_leaves_no_borrow_behind() {
    // A list mutated through its borrow then dropped is torn down normally.
    let fx = Fx::new();
    let l = fx.list(vec![]);
    l.borrow_mut::<ListObj>()
        .unwrap()
        .items
        .extend(leaves(&fx, &["x", "y"]));
    drop(l);
    assert_eq!(take_log(), ["y", "x"]);
}
