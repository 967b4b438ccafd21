//! Object sizes. The design targets are CPython's on 64-bit platforms where
//! ouro's layout mirrors it: `object()` 16 bytes, an instance with an
//! attribute tail 56 (16 GC link + 16 header + 24 attributes), `()` 40
//! (16 GC link + 16 header + 8 length), and a str of n ASCII bytes 40 + n
//! (16 header + 24 hash/length fields + the bytes).

mod common;

use std::mem::size_of;

use common::*;
use ouro_heap::object::GcLink;
use ouro_heap::{alloc_object, alloc_str, alloc_tuple, Attrs, FloatObj, IntObj, ObjRef, UnitObj};

#[test]
fn handles_and_fixed_parts_have_their_design_sizes() {
    assert_eq!(size_of::<ObjRef>(), 8);
    assert_eq!(size_of::<Option<ObjRef>>(), 8);
    assert_eq!(size_of::<GcLink>(), 16);
    assert_eq!(size_of::<Attrs>(), 24);
}

#[test]
fn payloadless_object_is_16_bytes() {
    let fx = Fx::new();
    let o = alloc_object(&fx.object_ty, UnitObj, false).unwrap();
    assert_eq!(o.alloc_size(), 16);
}

#[test]
fn instance_with_attribute_tail_is_56_bytes() {
    let fx = Fx::new();
    let o = alloc_object(&fx.object_ty, UnitObj, true).unwrap();
    assert_eq!(o.alloc_size(), 56);
    // Setting attributes grows the out-of-line vector, not the block.
    set_attrs(&o, vec![(fx.str("a"), fx.int(1)), (fx.str("b"), fx.int(2))]);
    assert_eq!(o.alloc_size(), 56);
}

#[test]
fn empty_tuple_is_40_bytes_and_each_item_adds_8() {
    let fx = Fx::new();
    assert_eq!(
        alloc_tuple(&fx.tuple_ty, vec![], false)
            .unwrap()
            .alloc_size(),
        40
    );
    for n in 1..10 {
        let items = (0..n).map(|i| fx.int(i as i64)).collect();
        let t = alloc_tuple(&fx.tuple_ty, items, false).unwrap();
        assert_eq!(t.alloc_size(), 40 + 8 * n, "tuple of {n}");
    }
    // A tuple subclass instance: the attributes follow the items.
    let t = alloc_tuple(&fx.tuple_ty, vec![fx.int(1)], true).unwrap();
    assert_eq!(t.alloc_size(), 48 + 24);
}

#[test]
fn str_is_40_bytes_plus_its_utf8_bytes() {
    let fx = Fx::new();
    for n in [0usize, 1, 5, 7, 8, 100, 1000] {
        let s = alloc_str(&fx.str_ty, &"x".repeat(n)).unwrap();
        assert_eq!(s.alloc_size(), 40 + n, "ascii str of {n}");
    }
    // Non-ASCII text is stored as UTF-8: 40 + its byte length.
    let s = alloc_str(&fx.str_ty, "héllo €").unwrap();
    assert_eq!(s.alloc_size(), 40 + "héllo €".len());
}

#[test]
fn scalar_objects_are_header_plus_payload() {
    let fx = Fx::new();
    assert_eq!(fx.int(1).alloc_size(), 24);
    let f = alloc_object(&fx.int_ty, FloatObj { value: 1.5 }, false).unwrap();
    assert_eq!(f.alloc_size(), 24);
    // Containers carry the GC link: 16 + 16 + a 24-byte Vec.
    assert_eq!(fx.list(vec![]).alloc_size(), 56);
    let big = alloc_object(&fx.int_ty, IntObj { value: i64::MAX }, false).unwrap();
    assert_eq!(big.alloc_size(), 24);
}
