//! Shared fixtures for the ouro-heap integration tests: a minimal set of type
//! objects, constructors for small objects, and a native payload that records
//! when it is torn down.
#![allow(dead_code)]

use std::cell::RefCell;

use ouro_heap::layout::{NativeObj, NativePayload};
use ouro_heap::{
    alloc_bootstrap_sentinel, alloc_object, alloc_self_typed, alloc_str, alloc_tuple, heap_stats,
    hvec_from, Attrs, CellObj, DictObj, DictTable, IntObj, Kind, ListObj, ObjRef, TypeObj, UnitObj,
};

thread_local! {
    static LOG: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Appends an event to this thread's log.
pub fn log_event(s: &str) {
    let _ = LOG.try_with(|l| l.borrow_mut().push(s.to_owned()));
}

/// Takes (and clears) this thread's log.
pub fn take_log() -> Vec<String> {
    LOG.with(|l| std::mem::take(&mut *l.borrow_mut()))
}

/// A native payload with a label and references. Its `Drop` records the label:
/// the heap drops native payloads when it tears the object down (after moving
/// the references out), so the log shows the order in which objects reach
/// teardown.
pub struct Node {
    pub label: String,
    /// References, released in this order (first to last) at teardown.
    pub children: Vec<ObjRef>,
}

impl NativePayload for Node {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // The heap pops from the end of `out`: push in reverse release order.
        out.extend(self.children.drain(..).rev());
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        for c in &self.children {
            visit(c);
        }
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        log_event(&self.label);
    }
}

/// The label of an object made by [`Fx::native`] (or with a [`Node`] payload).
pub fn label_of(o: &ObjRef) -> String {
    let n = o.borrow::<NativeObj>().expect("a native object");
    n.downcast_ref::<Node>()
        .expect("a Node payload")
        .label
        .clone()
}

/// The value of an int object.
pub fn int_value(o: &ObjRef) -> i64 {
    o.get::<IntObj>().expect("an int object").value
}

/// Live objects, all kinds together.
pub fn live_total() -> usize {
    heap_stats().live_total()
}

/// Live objects of one kind.
pub fn live(kind: Kind) -> usize {
    heap_stats().live[kind as usize]
}

/// A small universe of type objects.
///
/// The sentinel (the `name`, `qualname`, ... of every type) keeps a null type:
/// it is released after `meta` when `meta` is torn down, and an object whose
/// builtin type is already freed would have its type's flags read from a
/// freed block. Fields drop in declaration order, so `meta` goes last.
pub struct Fx {
    pub object_ty: ObjRef,
    pub int_ty: ObjRef,
    pub float_ty: ObjRef,
    pub str_ty: ObjRef,
    pub tuple_ty: ObjRef,
    pub list_ty: ObjRef,
    pub dict_ty: ObjRef,
    pub cell_ty: ObjRef,
    pub native_ty: ObjRef,
    pub sentinel: ObjRef,
    pub meta: ObjRef,
}

impl Default for Fx {
    fn default() -> Fx {
        Fx::new()
    }
}

impl Fx {
    pub fn new() -> Fx {
        let sentinel = alloc_bootstrap_sentinel().expect("sentinel");
        let meta = alloc_self_typed(type_payload(&sentinel, Kind::Type)).expect("meta");
        let mk = |layout| alloc_object(&meta, type_payload(&sentinel, layout), false).unwrap();
        Fx {
            object_ty: mk(Kind::Object),
            int_ty: mk(Kind::Int),
            float_ty: mk(Kind::Float),
            str_ty: mk(Kind::Str),
            tuple_ty: mk(Kind::Tuple),
            list_ty: mk(Kind::List),
            dict_ty: mk(Kind::Dict),
            cell_ty: mk(Kind::Cell),
            native_ty: mk(Kind::Native),
            sentinel,
            meta,
        }
    }

    /// A new type object (instance of `meta`) with the given type flags.
    pub fn new_type(&self, layout: Kind, tflags: u8) -> ObjRef {
        let t = alloc_object(&self.meta, type_payload(&self.sentinel, layout), false).unwrap();
        t.set_tflags(tflags);
        t
    }

    pub fn int(&self, v: i64) -> ObjRef {
        alloc_object(&self.int_ty, IntObj { value: v }, false).unwrap()
    }

    pub fn str(&self, s: &str) -> ObjRef {
        alloc_str(&self.str_ty, s).unwrap()
    }

    pub fn list(&self, items: Vec<ObjRef>) -> ObjRef {
        let items = hvec_from(items);
        alloc_object(&self.list_ty, ListObj { items }, false).unwrap()
    }

    pub fn tuple(&self, items: Vec<ObjRef>) -> ObjRef {
        alloc_tuple(&self.tuple_ty, items, false).unwrap()
    }

    pub fn cell(&self, value: Option<ObjRef>) -> ObjRef {
        alloc_object(&self.cell_ty, CellObj { value }, false).unwrap()
    }

    /// A dict whose entries are `pairs`, inserted in order (hash = position).
    pub fn dict(&self, pairs: Vec<(ObjRef, ObjRef)>) -> ObjRef {
        let mut table = DictTable::new();
        for (i, (k, v)) in pairs.into_iter().enumerate() {
            table.insert_new(i as i64, k, v);
        }
        alloc_object(&self.dict_ty, DictObj { table }, false).unwrap()
    }

    /// A native object labelled `label`, releasing `children` in order.
    pub fn native(&self, label: &str, children: Vec<ObjRef>) -> ObjRef {
        native_of(&self.native_ty, label, children, false)
    }

    /// A payload-less instance of `ty` with an attribute tail holding `attrs`.
    pub fn instance(&self, ty: &ObjRef, attrs: Vec<(ObjRef, ObjRef)>) -> ObjRef {
        let o = alloc_object(ty, UnitObj, true).unwrap();
        set_attrs(&o, attrs);
        o
    }
}

/// A native object of type `ty` labelled `label`.
pub fn native_of(ty: &ObjRef, label: &str, children: Vec<ObjRef>, attrs: bool) -> ObjRef {
    let inner = NativeObj::new(Node {
        label: label.to_owned(),
        children,
    });
    alloc_object(ty, inner, attrs).unwrap()
}

/// Appends attributes (in order) to an object with an attribute tail.
pub fn set_attrs(o: &ObjRef, attrs: Vec<(ObjRef, ObjRef)>) {
    let mut a = o.attrs_mut().expect("an attribute tail");
    match &mut *a {
        Attrs::Inline(pairs) => pairs.extend(attrs),
        Attrs::Dict(_) => panic!("attributes already materialised"),
    }
}

/// A type payload whose name fields are all `filler`.
pub fn type_payload(filler: &ObjRef, layout: Kind) -> TypeObj {
    TypeObj {
        name: filler.clone(),
        qualname: filler.clone(),
        bases: filler.clone(),
        base: None,
        mro: filler.clone(),
        dict: filler.clone(),
        layout,
        builtin: 0,
        tag: 0,
        vm_cache: Default::default(),
    }
}

/// The object of the next queued finalizer (these tests queue no weakref
/// callbacks).
#[allow(dead_code)]
pub fn take_pending_finalizer() -> Option<ObjRef> {
    match ouro_heap::take_pending()? {
        ouro_heap::Pending::Finalize(o) => Some(o),
        ouro_heap::Pending::WeakCallback(..) => panic!("unexpected weakref callback"),
    }
}
