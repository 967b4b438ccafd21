//! Heap types (`T_HEAP`, classes made by a `class` statement): every instance
//! owns one reference to its type (TYPE_REF), released at the very end of the
//! instance's teardown, as `subtype_dealloc` does with `Py_DECREF(type)`.

mod common;

use common::*;
use ouro_heap::{alloc_object, heap_stats, tflags, Kind, TypeObj, UnitObj};

#[test]
fn instance_of_heap_type_holds_one_reference_on_its_type() {
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    assert_eq!(cls.refcount(), 1);
    let a = alloc_object(&cls, UnitObj, false).unwrap();
    assert_eq!(cls.refcount(), 2);
    let b = fx.instance(&cls, vec![]);
    assert_eq!(cls.refcount(), 3);
    drop(a);
    assert_eq!(cls.refcount(), 2);
    drop(b);
    assert_eq!(cls.refcount(), 1);
}

#[test]
fn every_allocation_function_takes_the_type_reference() {
    let fx = Fx::new();
    let str_sub = fx.new_type(Kind::Str, tflags::T_HEAP);
    let tuple_sub = fx.new_type(Kind::Tuple, tflags::T_HEAP);
    let s = ouro_heap::alloc_str(&str_sub, "abc").unwrap();
    let t = ouro_heap::alloc_tuple(&tuple_sub, vec![fx.int(1)], true).unwrap();
    assert_eq!(str_sub.refcount(), 2);
    assert_eq!(tuple_sub.refcount(), 2);
    drop((s, t));
    assert_eq!(str_sub.refcount(), 1);
    assert_eq!(tuple_sub.refcount(), 1);
}

#[test]
fn instance_of_builtin_type_holds_no_type_reference() {
    let fx = Fx::new();
    let builtin = fx.new_type(Kind::Object, 0);
    let a = alloc_object(&builtin, UnitObj, true).unwrap();
    assert_eq!(builtin.refcount(), 1);
    drop(a);
    assert_eq!(builtin.refcount(), 1);
}

#[test]
fn heap_type_is_freed_with_its_last_instance() {
    let fx = Fx::new();
    let base = heap_stats();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    let a = fx.instance(&cls, vec![]);
    let b = fx.instance(&cls, vec![]);
    drop(cls);
    // The instances keep the type alive.
    assert_eq!(live(Kind::Type), base.live[Kind::Type as usize] + 1);
    let cls = a.class();
    assert_eq!(cls.refcount(), 3);
    drop(cls);
    drop(a);
    assert_eq!(live(Kind::Type), base.live[Kind::Type as usize] + 1);
    drop(b);
    assert_eq!(heap_stats().live, base.live);
}

#[test]
fn type_is_released_after_the_instance_own_references() {
    let fx = Fx::new();
    // A heap type whose name is a logging object: it is released when the
    // type is torn down, which shows when the type's count reached zero.
    let cls = alloc_object(
        &fx.meta,
        TypeObj {
            name: fx.native("type", vec![]),
            ..type_payload(&fx.sentinel, Kind::Native)
        },
        false,
    )
    .unwrap();
    cls.set_tflags(tflags::T_HEAP);
    // An instance with a payload holding references and an attribute tail.
    let inst = native_of(
        &cls,
        "inst",
        vec![fx.native("p1", vec![]), fx.native("p2", vec![])],
        true,
    );
    set_attrs(
        &inst,
        vec![(fx.native("k", vec![]), fx.native("v", vec![]))],
    );
    drop(cls);
    drop(inst);
    // The instance's teardown, its dict, its payload's references, and only
    // then its type (subtype_dealloc: clear dict, basedealloc, DECREF(type)).
    assert_eq!(take_log(), ["inst", "k", "v", "p1", "p2", "type"]);
}

#[test]
fn type_is_released_after_the_whole_subtree_of_the_instance() {
    let fx = Fx::new();
    let cls = alloc_object(
        &fx.meta,
        TypeObj {
            name: fx.native("type", vec![]),
            ..type_payload(&fx.sentinel, Kind::Object)
        },
        false,
    )
    .unwrap();
    cls.set_tflags(tflags::T_HEAP);
    // inst.a = [x, y]: the attribute's whole subtree goes before the type.
    let inst = fx.instance(
        &cls,
        vec![(
            fx.int(0),
            fx.list(vec![fx.native("x", vec![]), fx.native("y", vec![])]),
        )],
    );
    drop(cls);
    drop(inst);
    assert_eq!(take_log(), ["y", "x", "type"]);
}

#[test]
fn set_class_moves_the_type_reference() {
    let fx = Fx::new();
    let c1 = fx.new_type(Kind::Object, tflags::T_HEAP);
    let c2 = fx.new_type(Kind::Object, tflags::T_HEAP);
    let builtin = fx.new_type(Kind::Object, 0);
    let o = fx.instance(&c1, vec![]);
    assert_eq!((c1.refcount(), c2.refcount()), (2, 1));
    o.set_class(&c2);
    assert!(o.class_is(&c2));
    assert_eq!((c1.refcount(), c2.refcount()), (1, 2));
    // Assigning the same class again changes nothing.
    o.set_class(&c2);
    assert_eq!(c2.refcount(), 2);
    o.set_class(&builtin);
    assert_eq!((c2.refcount(), builtin.refcount()), (1, 1));
    o.set_class(&c1);
    assert_eq!(c1.refcount(), 2);
    drop(o);
    assert_eq!(
        (c1.refcount(), c2.refcount(), builtin.refcount()),
        (1, 1, 1)
    );
}

#[test]
fn bootstrap_set_class_only_fills_a_null_type_with_a_builtin_type() {
    let fx = Fx::new();
    let heap_ty = fx.new_type(Kind::Null, tflags::T_HEAP);
    let null_ty = fx.new_type(Kind::Null, 0);
    let s = ouro_heap::alloc_bootstrap_sentinel().unwrap();
    assert_eq!(s.kind(), Kind::Null);
    assert_eq!(s.class_addr(), 0);
    // A heap type is refused (it would need a counted reference).
    ouro_heap::bootstrap_set_class(&s, &heap_ty);
    assert_eq!(s.class_addr(), 0);
    ouro_heap::bootstrap_set_class(&s, &null_ty);
    assert!(s.class_is(&null_ty));
    assert_eq!(null_ty.refcount(), 1);
    // Once set, it is not changed again.
    ouro_heap::bootstrap_set_class(&s, &fx.object_ty);
    assert!(s.class_is(&null_ty));
    // The sentinel goes before its (builtin) type.
    drop(s);
}
