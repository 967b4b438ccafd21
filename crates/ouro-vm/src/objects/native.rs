//! Objects whose payload is defined in the VM ([`ouro_heap::NativeObj`]):
//! `classmethod`, `staticmethod`, `property`, and the lazy iterators
//! (`enumerate`, `zip`, `map`, `filter`, `reversed`).

use ouro_heap::{Kind, NativeObj, NativePayload, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

macro_rules! native_payload {
    ($t:ty, |$s:ident, $out:ident| $take:block, |$s2:ident, $visit:ident| $trav:block) => {
        impl NativePayload for $t {
            fn take_children(&mut self, $out: &mut Vec<ObjRef>) {
                let $s = self;
                $take
            }
            fn traverse(&self, $visit: &mut dyn FnMut(&ObjRef)) {
                let $s2 = self;
                $trav
            }
        }
    };
}

/// `classmethod(f)` and `staticmethod(f)`.
pub struct Wrapper {
    pub func: Option<ObjRef>,
}
native_payload!(
    Wrapper,
    |s, out| {
        out.extend(s.func.take());
    },
    |s, visit| {
        if let Some(f) = &s.func {
            visit(f)
        }
    }
);

/// `property(fget, fset, fdel, doc)`.
pub struct Property {
    pub fget: Option<ObjRef>,
    pub fset: Option<ObjRef>,
    pub fdel: Option<ObjRef>,
    pub doc: Option<ObjRef>,
    /// The attribute name it was assigned to in a class (`__set_name__`).
    pub name: Option<ObjRef>,
}
native_payload!(
    Property,
    |s, out| {
        out.extend(s.name.take());
        out.extend(s.doc.take());
        out.extend(s.fdel.take());
        out.extend(s.fset.take());
        out.extend(s.fget.take());
    },
    |s, visit| {
        for f in [&s.fget, &s.fset, &s.fdel, &s.doc, &s.name]
            .into_iter()
            .flatten()
        {
            visit(f)
        }
    }
);

/// A slot of `__slots__` (`member_descriptor`): a data descriptor that
/// stores the value in the instance's attribute tail under its name.
pub struct MemberDescr {
    pub name: ObjRef,
    /// The name of the class that declared it, for its repr.
    pub owner: ObjRef,
}
native_payload!(
    MemberDescr,
    |s, out| {
        out.push(s.owner.clone());
        out.push(s.name.clone());
    },
    |s, visit| {
        visit(&s.name);
        visit(&s.owner);
    }
);

/// `super(type, obj)`.
pub struct SuperObj {
    pub ty: ObjRef,
    pub obj: Option<ObjRef>,
    pub obj_type: Option<ObjRef>,
}
native_payload!(
    SuperObj,
    |s, out| {
        out.extend(s.obj_type.take());
        out.extend(s.obj.take());
    },
    |s, visit| {
        visit(&s.ty);
        for o in [&s.obj, &s.obj_type].into_iter().flatten() {
            visit(o)
        }
    }
);

/// The lazy iterators: each holds its source iterators and state.
pub enum LazyIter {
    /// `enumerate`: the next index is `count`, or `long_count` once it
    /// is beyond 64 bits. `result` is the tuple handed out again while
    /// nothing else holds it (CPython's `en_result`).
    Enumerate {
        it: ObjRef,
        count: i64,
        long_count: Option<num_bigint::BigInt>,
        result: Option<ObjRef>,
    },
    /// `zip`, with its reused result tuple as `enumerate`'s.
    Zip {
        its: Vec<ObjRef>,
        strict: bool,
        result: Option<ObjRef>,
    },
    Map {
        func: ObjRef,
        its: Vec<ObjRef>,
    },
    Filter {
        func: ObjRef,
        it: ObjRef,
    },
    Reversed {
        seq: Option<ObjRef>,
        index: isize,
    },
    Callable {
        func: Option<ObjRef>,
        sentinel: ObjRef,
    },
    /// A range iterator beyond 64 bits.
    LongRange {
        next: num_bigint::BigInt,
        step: num_bigint::BigInt,
        remaining: num_bigint::BigInt,
    },
    Done,
}

impl NativePayload for LazyIter {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        match std::mem::replace(self, LazyIter::Done) {
            LazyIter::Enumerate { it, result, .. } => {
                out.extend(result);
                out.push(it);
            }
            LazyIter::Zip { its, result, .. } => {
                out.extend(result);
                out.extend(its.into_iter().rev());
            }
            LazyIter::Map { func, its } => {
                out.extend(its.into_iter().rev());
                out.push(func);
            }
            LazyIter::Filter { func, it } => {
                out.push(it);
                out.push(func);
            }
            LazyIter::Reversed { seq, .. } => out.extend(seq),
            LazyIter::Callable { func, sentinel } => {
                out.push(sentinel);
                out.extend(func);
            }
            LazyIter::LongRange { .. } | LazyIter::Done => {}
        }
    }
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        match self {
            LazyIter::Enumerate { it, result, .. } => {
                visit(it);
                result.iter().for_each(&mut *visit);
            }
            LazyIter::Zip { its, result, .. } => {
                its.iter().for_each(&mut *visit);
                result.iter().for_each(&mut *visit);
            }
            LazyIter::Map { func, its } => {
                visit(func);
                its.iter().for_each(&mut *visit);
            }
            LazyIter::Filter { func, it } => {
                visit(func);
                visit(it);
            }
            LazyIter::Reversed { seq, .. } => seq.iter().for_each(&mut *visit),
            LazyIter::Callable { func, sentinel } => {
                func.iter().for_each(&mut *visit);
                visit(sentinel);
            }
            LazyIter::LongRange { .. } | LazyIter::Done => {}
        }
    }
}

/// Refills an iterator's reused result tuple (CPython's `en_result`,
/// `di_result`) with `items` if nothing else holds it, tracking it again
/// if the collector untracked it (bpo-42536). Gives the tuple, as a new
/// reference, and its old items, which the caller releases once the tuple
/// is back in its iterator; else gives `items` back for a new tuple.
pub(crate) fn refill_result<const N: usize>(
    result: Option<&mut ObjRef>,
    mut items: [ObjRef; N],
) -> Result<(ObjRef, [ObjRef; N]), [ObjRef; N]> {
    let Some(r) = result else { return Err(items) };
    let Some(slots) = r.unique_tuple_items().filter(|s| s.len() == N) else {
        return Err(items);
    };
    for (slot, new) in slots.iter_mut().zip(items.iter_mut()) {
        std::mem::swap(slot, new);
    }
    ouro_heap::gc::track(r);
    Ok((r.clone(), items))
}

impl Vm {
    pub(crate) fn new_native<P: NativePayload>(&mut self, t: T, payload: P) -> PyResult<ObjRef> {
        let ty = self.ty(t).clone();
        self.alloc(&ty, NativeObj::new(payload), false)
    }

    /// Runs `f` on the native payload of `o` if it is a `P`.
    pub(crate) fn with_native<P: NativePayload, R>(
        o: &ObjRef,
        f: impl FnOnce(&P) -> R,
    ) -> Option<R> {
        let n = o.borrow::<NativeObj>()?;
        n.downcast_ref::<P>().map(f)
    }

    pub(crate) fn with_native_mut<P: NativePayload, R>(
        o: &ObjRef,
        f: impl FnOnce(&mut P) -> R,
    ) -> Option<R> {
        let mut n = o.borrow_mut::<NativeObj>()?;
        n.downcast_mut::<P>().map(f)
    }

    /// The slot name of a member descriptor.
    pub(crate) fn member_name(o: &ObjRef) -> Option<ObjRef> {
        if o.kind() != Kind::Native {
            return None;
        }
        Vm::with_native::<MemberDescr, _>(o, |m| m.name.clone())
    }

    /// `member.__set__` / `__delete__`.
    pub(crate) fn member_set(
        &mut self,
        descr: &ObjRef,
        obj: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let Some(name) = Vm::member_name(descr) else {
            return Err(self.internal_error("not a member descriptor"));
        };
        match value {
            Some(v) => self.attrs_set(obj, &name, v),
            None => {
                if self.attrs_del(obj, &name) {
                    Ok(())
                } else {
                    // CPython's member_set on an empty slot: AttributeError(name).
                    let n = self.str_of(&name).to_string();
                    Err(self.new_exc(T::AttributeError, n))
                }
            }
        }
    }

    /// `<member 'x' of 'A' objects>`.
    pub(crate) fn member_repr(&self, o: &ObjRef) -> Option<String> {
        if o.kind() != Kind::Native {
            return None;
        }
        Vm::with_native::<MemberDescr, _>(o, |m| {
            format!(
                "<member '{}' of '{}' objects>",
                self.str_of(&m.name),
                self.str_of(&m.owner)
            )
        })
    }

    pub fn new_classmethod(&mut self, f: ObjRef) -> PyResult<ObjRef> {
        self.new_native(T::ClassMethod, Wrapper { func: Some(f) })
    }

    pub fn new_staticmethod(&mut self, f: ObjRef) -> PyResult<ObjRef> {
        self.new_native(T::StaticMethod, Wrapper { func: Some(f) })
    }

    pub(crate) fn is_property(&self, o: &ObjRef) -> bool {
        o.kind() == Kind::Native && self.is_instance_of(o, T::Property)
    }

    pub(crate) fn is_staticmethod(&self, o: &ObjRef) -> bool {
        o.kind() == Kind::Native && self.is_instance_of(o, T::StaticMethod)
    }

    pub(crate) fn unwrap_staticmethod(&self, o: &ObjRef) -> ObjRef {
        if self.is_staticmethod(o) {
            if let Some(Some(f)) = Vm::with_native::<Wrapper, _>(o, |w| w.func.clone()) {
                return f;
            }
        }
        o.clone()
    }

    /// `__get__` of the native descriptors; None if `descr` is not one.
    pub(crate) fn bind_native_descriptor(
        &mut self,
        descr: &ObjRef,
        obj: Option<&ObjRef>,
        owner: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        if descr.kind() != Kind::Native {
            return Ok(None);
        }
        if self.is_instance_of(descr, T::ClassMethod) {
            let f = Vm::with_native::<Wrapper, _>(descr, |w| w.func.clone()).flatten();
            let Some(f) = f else {
                return Ok(Some(descr.clone()));
            };
            let cls = match obj {
                Some(o) if o.kind() != Kind::Type || !owner.is(&o.class()) => o.class(),
                Some(o) => o.clone(),
                None => owner.clone(),
            };
            let cls = if obj.is_none() { owner.clone() } else { cls };
            return self.make_bound(f, cls).map(Some);
        }
        if self.is_instance_of(descr, T::StaticMethod) {
            let f = Vm::with_native::<Wrapper, _>(descr, |w| w.func.clone()).flatten();
            return Ok(Some(f.unwrap_or_else(|| descr.clone())));
        }
        if let Some(name) = Vm::member_name(descr) {
            let Some(o) = obj else {
                return Ok(Some(descr.clone()));
            };
            return match self.attrs_get(o, &name) {
                Some(v) => Ok(Some(v)),
                None => Err(self.no_attribute(o, &name)),
            };
        }
        if self.is_instance_of(descr, T::Property) {
            let Some(o) = obj else {
                return Ok(Some(descr.clone()));
            };
            let fget = Vm::with_native::<Property, _>(descr, |p| p.fget.clone()).flatten();
            return match fget {
                Some(g) => self.call(&g, vec![o.clone()]).map(Some),
                None => Err(self.attribute_error("unreadable attribute")),
            };
        }
        Ok(None)
    }

    /// A bound method of `f` (Python or native) to `self_`.
    pub(crate) fn make_bound(&mut self, f: ObjRef, self_: ObjRef) -> PyResult<ObjRef> {
        match f.kind() {
            Kind::BuiltinFunction => {
                let (id, name, owner) = match f.get::<ouro_heap::BuiltinFunctionObj>() {
                    Some(b) => (b.id, b.name, b.owner.clone()),
                    None => return Ok(f),
                };
                let ty = self.ty(T::BuiltinFunction).clone();
                self.alloc(
                    &ty,
                    ouro_heap::BuiltinFunctionObj {
                        id,
                        name,
                        bound: Some(self_),
                        owner,
                    },
                    false,
                )
            }
            _ => {
                let ty = self.ty(T::Method).clone();
                self.alloc(&ty, ouro_heap::MethodObj { func: f, self_ }, false)
            }
        }
    }

    pub(crate) fn property_set(
        &mut self,
        descr: &ObjRef,
        obj: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let (fset, fdel, name) = Vm::with_native::<Property, _>(descr, |p| {
            (p.fset.clone(), p.fdel.clone(), p.name.clone())
        })
        .unwrap_or((None, None, None));
        let missing = |vm: &mut Vm, what: &str| {
            let tn = vm.type_name_of(obj);
            let msg = match &name {
                Some(n) => format!("property '{}' of '{tn}' object has no {what}", vm.str_of(n)),
                None => format!("property of '{tn}' object has no {what}"),
            };
            vm.attribute_error(msg)
        };
        match value {
            Some(v) => match fset {
                Some(s) => self.call(&s, vec![obj.clone(), v]).map(|_| ()),
                None => Err(missing(self, "setter")),
            },
            None => match fdel {
                Some(d) => self.call(&d, vec![obj.clone()]).map(|_| ()),
                None => Err(missing(self, "deleter")),
            },
        }
    }

    pub(crate) fn native_truthy(&mut self, o: &ObjRef) -> PyResult<bool> {
        if crate::objects::memoryview::is_memoryview(o) {
            return Ok(self.memoryview_len(o)? > 0);
        }
        Ok(crate::objects::set::set_len(o).is_none_or(|n| n > 0))
    }

    pub(crate) fn native_len(&mut self, o: &ObjRef) -> PyResult<Option<usize>> {
        if crate::objects::memoryview::is_memoryview(o) {
            return self.memoryview_len(o).map(Some);
        }
        Ok(crate::objects::set::set_len(o))
    }

    pub(crate) fn native_hash(&mut self, o: &ObjRef) -> PyResult<Option<i64>> {
        if let Some(h) = self.set_native_hash(o) {
            return Ok(h);
        }
        if crate::objects::memoryview::is_memoryview(o) {
            return self.memoryview_hash(o).map(Some);
        }
        Ok(Some(crate::ops::pointer_hash(o)))
    }

    /// Takes a lazy iterator's result tuple out while its next item is
    /// made (a `__next__` running meanwhile that reaches the iterator
    /// again finds none and makes a new tuple).
    fn take_lazy_result(it: &ObjRef) -> Option<ObjRef> {
        Vm::with_native_mut::<LazyIter, _>(it, |l| match l {
            LazyIter::Enumerate { result, .. } | LazyIter::Zip { result, .. } => result.take(),
            _ => None,
        })
        .flatten()
    }

    /// Gives the result tuple back (whatever the slot held is released
    /// after the borrow ends).
    fn put_lazy_result(it: &ObjRef, r: Option<ObjRef>) {
        let Some(r) = r else { return };
        let old = Vm::with_native_mut::<LazyIter, _>(it, |l| match l {
            LazyIter::Enumerate { result, .. } | LazyIter::Zip { result, .. } => result.replace(r),
            _ => Some(r),
        });
        drop(old);
    }

    /// `enumerate`'s next index, counted on (into a big int past 64 bits,
    /// as CPython's `enum_next_long`).
    fn enumerate_index(&mut self, it: &ObjRef) -> PyResult<ObjRef> {
        let step = Vm::with_native_mut::<LazyIter, _>(it, |l| match l {
            LazyIter::Enumerate {
                count, long_count, ..
            } => match long_count {
                Some(big) => {
                    let v = big.clone();
                    *big += 1;
                    Err(v)
                }
                None => {
                    let c = *count;
                    match c.checked_add(1) {
                        Some(n) => *count = n,
                        None => *long_count = Some(num_bigint::BigInt::from(c) + 1),
                    }
                    Ok(c)
                }
            },
            _ => Ok(0),
        });
        match step {
            Some(Ok(c)) => self.new_int(c),
            Some(Err(big)) => self.new_bigint(big),
            None => Err(self.internal_error("not an enumerate")),
        }
    }

    /// `enumerate`'s result: its tuple again if nothing else holds it
    /// (the old items released index first, as CPython's `enum_next`),
    /// else a new one.
    fn lazy_result<const N: usize>(&mut self, it: &ObjRef, items: [ObjRef; N]) -> PyResult<ObjRef> {
        let mut res = Vm::take_lazy_result(it);
        let refilled = refill_result(res.as_mut(), items);
        Vm::put_lazy_result(it, res);
        match refilled {
            Ok((out, old)) => {
                drop(old);
                Ok(out)
            }
            Err(items) => self.new_tuple_of(items),
        }
    }

    /// `zip`'s next tuple (CPython's `zip_next`): its result tuple again
    /// if nothing else holds it, each old item released as its new one
    /// arrives, else a new tuple. `Err(i)` when iterator `i` is
    /// exhausted (a reused tuple keeps the items written before it).
    fn zip_next(&mut self, it: &ObjRef, n: usize) -> PyResult<Result<ObjRef, usize>> {
        if n == 0 {
            return Ok(Err(0));
        }
        let nth = |i: usize| {
            Vm::with_native::<LazyIter, _>(it, |l| match l {
                LazyIter::Zip { its, .. } => its.get(i).cloned(),
                _ => None,
            })
            .flatten()
        };
        let mut res = Vm::take_lazy_result(it);
        let mut reuse = res
            .as_mut()
            .and_then(|r| r.unique_tuple_items())
            .is_some_and(|s| s.len() == n);
        let mut vals: Vec<ObjRef> = Vec::new();
        for i in 0..n {
            let item = match nth(i).map(|inner| self.next(&inner)) {
                Some(Ok(Some(v))) => v,
                Some(Ok(None)) | None => {
                    Vm::put_lazy_result(it, res);
                    // A new tuple's items go last first, as tupledealloc.
                    while vals.pop().is_some() {}
                    return Ok(Err(i));
                }
                Some(Err(e)) => {
                    Vm::put_lazy_result(it, res);
                    return Err(e);
                }
            };
            if let (true, Some(r)) = (reuse, res.as_mut()) {
                if let Some(slots) = r.unique_tuple_items() {
                    let old = std::mem::replace(&mut slots[i], item);
                    drop(old);
                    continue;
                }
                // Something took a reference meanwhile (gc.get_objects):
                // the items so far go on in a new tuple.
                reuse = false;
                vals = r
                    .get::<ouro_heap::TupleObj>()
                    .map_or(Vec::new(), |t| t.items()[..i].to_vec());
            }
            vals.push(item);
        }
        if let (true, Some(r)) = (reuse, res.as_ref()) {
            ouro_heap::gc::track(r);
            let out = r.clone();
            Vm::put_lazy_result(it, res);
            return Ok(Ok(out));
        }
        Vm::put_lazy_result(it, res);
        Ok(Ok(self.new_tuple(vals)?))
    }

    /// `next()` of the lazy iterators. Outer None: not a lazy iterator.
    pub(crate) fn native_next(&mut self, it: &ObjRef) -> PyResult<Option<Option<ObjRef>>> {
        enum Step {
            Enumerate(ObjRef),
            Zip(usize, bool),
            Map(ObjRef, Vec<ObjRef>),
            Filter(ObjRef, ObjRef),
            Reversed(ObjRef, isize),
            Callable(ObjRef, ObjRef),
            LongRange(num_bigint::BigInt),
            Done,
        }
        let step = Vm::with_native_mut::<LazyIter, _>(it, |l| match l {
            LazyIter::Enumerate { it, .. } => Step::Enumerate(it.clone()),
            LazyIter::Zip { its, strict, .. } => Step::Zip(its.len(), *strict),
            LazyIter::Map { func, its } => Step::Map(func.clone(), its.clone()),
            LazyIter::Filter { func, it } => Step::Filter(func.clone(), it.clone()),
            LazyIter::Reversed {
                seq: Some(s),
                index,
            } => {
                let i = *index;
                *index -= 1;
                Step::Reversed(s.clone(), i)
            }
            LazyIter::Callable {
                func: Some(f),
                sentinel,
            } => Step::Callable(f.clone(), sentinel.clone()),
            LazyIter::LongRange {
                next,
                step,
                remaining,
            } => {
                use num_traits::Zero;
                if remaining.is_zero() {
                    Step::Done
                } else {
                    let v = next.clone();
                    *next += &*step;
                    *remaining -= 1;
                    Step::LongRange(v)
                }
            }
            _ => Step::Done,
        });
        let Some(step) = step else {
            return self.itertools_next(it);
        };
        let r = match step {
            Step::Done => None,
            Step::LongRange(v) => Some(self.new_bigint(v)?),
            Step::Enumerate(inner) => match self.next(&inner)? {
                Some(v) => {
                    // The index is read after the item, as CPython's
                    // enum_next does (the item's `__next__` may have
                    // advanced this enumerate).
                    let n = self.enumerate_index(it)?;
                    Some(self.lazy_result(it, [n, v])?)
                }
                None => None,
            },
            Step::Zip(n, strict) => match self.zip_next(it, n)? {
                Ok(t) => Some(t),
                Err(i) if strict && n > 0 => {
                    let nth = |i: usize| {
                        Vm::with_native::<LazyIter, _>(it, |l| match l {
                            LazyIter::Zip { its, .. } => its.get(i).cloned(),
                            _ => None,
                        })
                        .flatten()
                    };
                    if i > 0 {
                        let s = if i == 1 { " " } else { "s 1-" };
                        let msg = if i == 1 {
                            format!("zip() argument 2 is shorter than argument{s}1")
                        } else {
                            format!("zip() argument {} is shorter than arguments 1-{i}", i + 1)
                        };
                        return Err(self.value_error(msg));
                    }
                    for j in 1..n {
                        let Some(inner) = nth(j) else { break };
                        if self.next(&inner)?.is_some() {
                            let msg = if j == 1 {
                                "zip() argument 2 is longer than argument 1".to_string()
                            } else {
                                format!("zip() argument {} is longer than arguments 1-{j}", j + 1)
                            };
                            return Err(self.value_error(msg));
                        }
                    }
                    None
                }
                Err(_) => None,
            },
            Step::Map(func, its) => {
                let mut vals = Vec::with_capacity(its.len());
                let mut done = false;
                for inner in &its {
                    match self.next(inner)? {
                        Some(v) => vals.push(v),
                        None => {
                            done = true;
                            break;
                        }
                    }
                }
                if done {
                    None
                } else {
                    // CPython's map_next owns the items for the call.
                    Some(self.call_with(&func, &vals)?)
                }
            }
            Step::Filter(func, inner) => loop {
                match self.next(&inner)? {
                    Some(v) => {
                        let keep = if func.is(&self.none) {
                            self.truthy(&v)?
                        } else {
                            let r = self.call(&func, vec![v.clone()])?;
                            self.truthy(&r)?
                        };
                        if keep {
                            break Some(v);
                        }
                    }
                    None => break None,
                }
            },
            Step::Reversed(seq, i) => {
                if i < 0 {
                    Vm::with_native_mut::<LazyIter, _>(it, |l| {
                        *l = LazyIter::Reversed {
                            seq: None,
                            index: -1,
                        }
                    });
                    None
                } else {
                    let n = self.len(&seq)?;
                    if (i as usize) < n {
                        let idx = self.new_int(i as i64)?;
                        Some(self.getitem(&seq, &idx)?)
                    } else {
                        None
                    }
                }
            }
            Step::Callable(func, sentinel) => {
                let v = self.call(&func, Vec::new())?;
                if v.is(&sentinel) || self.eq(&v, &sentinel)? {
                    Vm::with_native_mut::<LazyIter, _>(it, |l| {
                        if let LazyIter::Callable { func, .. } = l {
                            *func = None;
                        }
                    });
                    None
                } else {
                    Some(v)
                }
            }
        };
        Ok(Some(r))
    }
}

// ---------------------------------------------------------- constructors

pub(crate) fn classmethod_new(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    args.check(vm, "classmethod", 1, 1)?;
    let f = std::mem::take(&mut args.pos).into_iter().next();
    vm.new_native(T::ClassMethod, Wrapper { func: f })
}

pub(crate) fn staticmethod_new(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    args.check(vm, "staticmethod", 1, 1)?;
    let f = std::mem::take(&mut args.pos).into_iter().next();
    vm.new_native(T::StaticMethod, Wrapper { func: f })
}

pub(crate) fn property_new(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let get = |vm: &mut Vm, i: usize, name: &str, a: &mut Args| -> Option<ObjRef> {
        let kw = a.take_kw(vm, name);
        a.pos.get(i).cloned().or(kw).filter(|v| !v.is(&vm.none))
    };
    let fget = get(vm, 0, "fget", &mut args);
    let fset = get(vm, 1, "fset", &mut args);
    let fdel = get(vm, 2, "fdel", &mut args);
    let mut doc = get(vm, 3, "doc", &mut args);
    if doc.is_none() {
        // The getter's docstring, as CPython's property does.
        if let Some(g) = &fget {
            doc = vm
                .getattr_str(g, "__doc__")
                .ok()
                .filter(|d| !d.is(&vm.none));
        }
    }
    vm.new_native(
        T::Property,
        Property {
            fget,
            fset,
            fdel,
            doc,
            name: None,
        },
    )
}

fn property_copy_with(vm: &mut Vm, args: Args, which: u8) -> PyResult<ObjRef> {
    args.check(vm, "property", 2, 2)?;
    let p = &args.pos[0];
    let Some((fget, fset, fdel, doc, name)) = Vm::with_native::<Property, _>(p, |p| {
        (
            p.fget.clone(),
            p.fset.clone(),
            p.fdel.clone(),
            p.doc.clone(),
            p.name.clone(),
        )
    }) else {
        return Err(vm.type_error("descriptor requires a 'property' object"));
    };
    let f = Some(args.pos[1].clone());
    let np = match which {
        b'g' => Property {
            fget: f,
            fset,
            fdel,
            doc,
            name: name.clone(),
        },
        b's' => Property {
            fget,
            fset: f,
            fdel,
            doc,
            name: name.clone(),
        },
        _ => Property {
            fget,
            fset,
            fdel: f,
            doc,
            name: name.clone(),
        },
    };
    vm.new_native(T::Property, np)
}

fn property_getter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    property_copy_with(vm, args, b'g')
}

fn property_setter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    property_copy_with(vm, args, b's')
}

fn property_deleter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    property_copy_with(vm, args, b'd')
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    vm.add_method(T::Property, "getter", property_getter)?;
    vm.add_method(T::Property, "setter", property_setter)?;
    vm.add_method(T::Property, "deleter", property_deleter)?;
    Ok(())
}
