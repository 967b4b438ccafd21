//! `list` and `tuple`. Lists over-allocate as CPython's `list_resize`
//! does, so `sys.getsizeof` grows in the same steps.

use ouro_bytecode::BinOp;
use ouro_heap::{Kind, ListObj, ObjRef, TupleObj};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::objects::str::adjust_slice;
use crate::types::T;
use crate::vm::Vm;

/// CPython's `list_resize` growth: the new allocation for `newsize` items.
pub(crate) fn list_capacity_for(newsize: usize, allocated: usize) -> usize {
    if keeps_allocation(newsize, allocated) {
        return allocated;
    }
    let mut new_allocated = (newsize + (newsize >> 3) + 6) & !3usize;
    if newsize - allocated.min(newsize) > new_allocated - newsize {
        new_allocated = (newsize + 3) & !3usize;
    }
    if newsize == 0 {
        new_allocated = 0;
    }
    new_allocated
}

/// Whether CPython's `list_resize` keeps the buffer for `newsize` items:
/// it has room, and not so much that it would shrink.
#[inline(always)]
fn keeps_allocation(newsize: usize, allocated: usize) -> bool {
    allocated >= newsize && newsize >= (allocated >> 1)
}

/// Grows (or shrinks) a list's buffer the way CPython does before a size
/// change to `newsize`. False if the growth does not fit the heap limit or
/// the system's memory (the caller raises `MemoryError`); shrinking always
/// succeeds.
#[must_use]
pub(crate) fn list_resize(items: &mut ouro_heap::HVec<ObjRef>, newsize: usize) -> bool {
    let cap = list_capacity_for(newsize, items.capacity());
    if cap > items.capacity() {
        let bytes = (cap - items.capacity()) * std::mem::size_of::<ObjRef>();
        if !ouro_heap::fits_in_limit(bytes) || items.try_reserve_exact(cap - items.len()).is_err() {
            return false;
        }
    } else if cap < items.capacity() && newsize <= items.len() {
        items.shrink_to(cap.max(newsize));
    }
    true
}

impl Vm {
    /// An empty item buffer with room for exactly `n` items, or
    /// `MemoryError` if that cannot be allocated (too big for the heap
    /// limit, or for the system) — checked before any item is made.
    pub(crate) fn reserve_items(&mut self, n: Option<usize>) -> PyResult<ouro_heap::HVec<ObjRef>> {
        let Some(n) = n else {
            return Err(self.memory_error());
        };
        let bytes = n.checked_mul(std::mem::size_of::<ObjRef>());
        if bytes.is_none_or(|b| b > isize::MAX as usize || !ouro_heap::fits_in_limit(b)) {
            return Err(self.memory_error());
        }
        let mut v = ouro_heap::hvec();
        if v.try_reserve_exact(n).is_err() {
            return Err(self.memory_error());
        }
        Ok(v)
    }

    /// The `(start, step, count)` of a slice object over `len` items.
    pub(crate) fn slice_indices(
        &mut self,
        slice: &ObjRef,
        len: usize,
    ) -> PyResult<(isize, isize, isize, usize)> {
        let (start, stop, step) = match slice.get::<ouro_heap::SliceObj>() {
            Some(s) => (s.start.clone(), s.stop.clone(), s.step.clone()),
            None => return Err(self.internal_error("not a slice")),
        };
        let conv = |vm: &mut Vm, o: &ObjRef| -> PyResult<Option<isize>> {
            if o.is(&vm.none) {
                return Ok(None);
            }
            // An int (of any class: its value is used as it is, as
            // CPython's `_PyEval_SliceIndex` does).
            if let Some(v) = Vm::int_of(o) {
                return Ok(Some(v as isize));
            }
            match vm.index_value(o) {
                Ok(v) => {
                    use num_traits::ToPrimitive;
                    Ok(Some(v.to_isize().unwrap_or(
                        if v.sign() == num_bigint::Sign::Minus {
                            isize::MIN / 2
                        } else {
                            isize::MAX / 2
                        },
                    )))
                }
                Err(_) => Err(vm.type_error(
                    "slice indices must be integers or None or have an __index__ method",
                )),
            }
        };
        let st = conv(self, &step)?.unwrap_or(1);
        if st == 0 {
            return Err(self.value_error("slice step cannot be zero"));
        }
        let a = conv(self, &start)?;
        let b = conv(self, &stop)?;
        let (s0, s1, st, n) = adjust_slice(a, b, st, len);
        Ok((s0, st, s1, n))
    }

    pub(crate) fn list_getitem(&mut self, l: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        if key.kind() == Kind::Slice {
            let len = l.borrow::<ListObj>().map_or(0, |l| l.items.len());
            let (start, step, _, count) = self.slice_indices(key, len)?;
            // Straight into the new list's buffer, sized exactly (as
            // CPython's list_slice).
            let items =
                match l.borrow::<ListObj>() {
                    Some(lo) => ouro_heap::hvec_from((0..count).filter_map(|k| {
                        lo.items.get((start + k as isize * step) as usize).cloned()
                    })),
                    None => ouro_heap::hvec(),
                };
            return self.new_list_of(items);
        }
        let i = match key.kind() {
            Kind::Int => Vm::int_of(key).unwrap_or(0) as isize,
            Kind::BigInt => self.index_isize(key)?,
            _ => {
                if Vm::is_heap_class_of(key) {
                    self.index_isize(key)?
                } else {
                    let tn = self.type_name_of(key);
                    return Err(self
                        .type_error(format!("list indices must be integers or slices, not {tn}")));
                }
            }
        };
        let item = l.borrow::<ListObj>().and_then(|lo| {
            let n = lo.items.len() as isize;
            let idx = if i < 0 { i + n } else { i };
            if idx < 0 || idx >= n {
                None
            } else {
                lo.items.get(idx as usize).cloned()
            }
        });
        match item {
            Some(v) => Ok(v),
            None => Err(self.index_error("list index out of range")),
        }
    }

    pub(crate) fn list_setitem(&mut self, l: &ObjRef, key: &ObjRef, value: ObjRef) -> PyResult<()> {
        if key.kind() == Kind::Slice {
            return self.list_assign_slice(l, key, Some(value));
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(
                self.type_error(format!("list indices must be integers or slices, not {tn}"))
            );
        }
        let i = self.index_isize(key)?;
        let old = {
            let Some(mut lo) = l.borrow_mut::<ListObj>() else {
                return Err(self.internal_error("not a list"));
            };
            let n = lo.items.len() as isize;
            let idx = if i < 0 { i + n } else { i };
            if idx < 0 || idx >= n {
                None
            } else {
                Some(std::mem::replace(&mut lo.items[idx as usize], value))
            }
        };
        match old {
            Some(o) => {
                drop(o);
                Ok(())
            }
            None => Err(self.index_error("list assignment index out of range")),
        }
    }

    pub(crate) fn list_delitem(&mut self, l: &ObjRef, key: &ObjRef) -> PyResult<()> {
        if key.kind() == Kind::Slice {
            return self.list_assign_slice(l, key, None);
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(
                self.type_error(format!("list indices must be integers or slices, not {tn}"))
            );
        }
        let i = self.index_isize(key)?;
        let old = {
            let Some(mut lo) = l.borrow_mut::<ListObj>() else {
                return Err(self.internal_error("not a list"));
            };
            let n = lo.items.len() as isize;
            let idx = if i < 0 { i + n } else { i };
            if idx < 0 || idx >= n {
                None
            } else {
                let v = lo.items.remove(idx as usize);
                let newlen = lo.items.len();
                let _ = list_resize(&mut lo.items, newlen);
                Some(v)
            }
        };
        match old {
            Some(o) => {
                drop(o);
                Ok(())
            }
            None => Err(self.index_error("list assignment index out of range")),
        }
    }

    /// `l[a:b] = value` / `del l[a:b]`, as CPython's `list_ass_slice`:
    /// the removed items are released after the list is consistent again.
    fn list_assign_slice(
        &mut self,
        l: &ObjRef,
        key: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let len = l.borrow::<ListObj>().map_or(0, |lo| lo.items.len());
        let (start, step, _, count) = self.slice_indices(key, len)?;
        let new_items = match &value {
            Some(v) if v.is(l) => Some(self.seq_items(l)),
            Some(v) => {
                if !self.has_iter(v) {
                    return Err(self.type_error("can only assign an iterable"));
                }
                Some(self.iterate(v)?)
            }
            None => None,
        };
        let removed: Vec<ObjRef> = {
            let Some(mut lo) = l.borrow_mut::<ListObj>() else {
                return Err(self.internal_error("not a list"));
            };
            if step == 1 {
                let start = start.max(0) as usize;
                let end = (start + count).min(lo.items.len());
                let mut new = new_items.unwrap_or_default();
                let mut removed = if new.len() == end - start {
                    // As many in as out: swapped in place, so `new` then
                    // holds the removed items.
                    for (slot, v) in lo.items[start..end].iter_mut().zip(new.iter_mut()) {
                        std::mem::swap(slot, v);
                    }
                    new
                } else {
                    let removed: Vec<ObjRef> = lo.items.splice(start..end, new).collect();
                    let n = lo.items.len();
                    let _ = list_resize(&mut lo.items, n);
                    removed
                };
                // CPython's list_ass_slice releases them last first.
                removed.reverse();
                removed
            } else {
                match new_items {
                    None => {
                        let mut idxs: Vec<usize> = (0..count)
                            .map(|k| (start + k as isize * step) as usize)
                            .collect();
                        idxs.sort_unstable();
                        let mut removed = Vec::with_capacity(idxs.len());
                        for &i in idxs.iter().rev() {
                            if i < lo.items.len() {
                                removed.push(lo.items.remove(i));
                            }
                        }
                        // Released in index order, as CPython's
                        // list_ass_subscript does.
                        removed.reverse();
                        removed
                    }
                    Some(new) => {
                        if new.len() != count {
                            drop(lo);
                            return Err(self.value_error(format!(
                                "attempt to assign sequence of size {} to extended slice of size {count}",
                                new.len()
                            )));
                        }
                        let mut removed = Vec::with_capacity(count);
                        for (k, v) in new.into_iter().enumerate() {
                            let i = (start + k as isize * step) as usize;
                            if let Some(slot) = lo.items.get_mut(i) {
                                removed.push(std::mem::replace(slot, v));
                            }
                        }
                        removed
                    }
                }
            }
        };
        drop(removed);
        Ok(())
    }

    pub(crate) fn list_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add if b.kind() == Kind::List => {
                let mut items = self.seq_items(a);
                items.extend(self.seq_items(b));
                self.new_list(items).map(Some)
            }
            BinOp::Multiply if matches!(b.kind(), Kind::Int | Kind::BigInt) => {
                let n = self.repeat_count(b)?;
                let items = self.seq_items(a);
                let mut out = self.reserve_items(items.len().checked_mul(n))?;
                for _ in 0..n {
                    out.extend(items.iter().cloned());
                }
                let ty = self.ty(T::List).clone();
                self.alloc(&ty, ListObj { items: out }, false).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// `l += x` and `l *= n`: in place.
    pub(crate) fn list_inplace(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add => {
                if !self.has_iter(b) {
                    return Ok(None);
                }
                self.list_extend(a, b)?;
                Ok(Some(a.clone()))
            }
            BinOp::Multiply if matches!(b.kind(), Kind::Int | Kind::BigInt) => {
                let n = self.repeat_count(b)?;
                let removed = {
                    let Some(mut lo) = a.borrow_mut::<ListObj>() else {
                        return Ok(None);
                    };
                    if n == 0 {
                        std::mem::replace(&mut lo.items, ouro_heap::hvec())
                    } else {
                        let items = lo.items.to_vec();
                        let total = items.len().checked_mul(n);
                        let fits = total.and_then(|t| t.checked_mul(8)).is_some_and(|b| {
                            b <= isize::MAX as usize && ouro_heap::fits_in_limit(b)
                        });
                        let Some(total) = total.filter(|_| fits) else {
                            drop(lo);
                            return Err(self.memory_error());
                        };
                        let extra = total - lo.items.len();
                        if lo.items.try_reserve_exact(extra).is_err() {
                            drop(lo);
                            return Err(self.memory_error());
                        }
                        for _ in 1..n {
                            lo.items.extend(items.iter().cloned());
                        }
                        ouro_heap::hvec()
                    }
                };
                drop(removed);
                Ok(Some(a.clone()))
            }
            _ => Ok(None),
        }
    }

    /// `list.extend(iterable)`.
    pub(crate) fn list_extend(&mut self, l: &ObjRef, iterable: &ObjRef) -> PyResult<()> {
        let new = if iterable.is(l) {
            self.seq_items(l)
        } else {
            self.iterate(iterable)?
        };
        let Some(mut lo) = l.borrow_mut::<ListObj>() else {
            return Err(self.internal_error("not a list"));
        };
        let n = lo.items.len() + new.len();
        if !list_resize(&mut lo.items, n) {
            drop(lo);
            return Err(self.memory_error());
        }
        lo.items.extend(new);
        Ok(())
    }

    pub(crate) fn list_new(&mut self, args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "list")?;
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "list expected at most 1 argument, got {}",
                args.len()
            )));
        }
        match args.pos.first() {
            None => self.new_list(Vec::new()),
            Some(it) => {
                let items = self.iterate(it)?;
                let mut v = ouro_heap::hvec();
                if !list_resize(&mut v, items.len()) {
                    return Err(self.memory_error());
                }
                v.extend(items);
                let ty = self.ty(T::List).clone();
                self.alloc(&ty, ListObj { items: v }, false)
            }
        }
    }

    pub(crate) fn tuple_getitem(&mut self, t: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        let len = t.get::<TupleObj>().map_or(0, |t| t.len());
        if key.kind() == Kind::Slice {
            let (start, step, _, count) = self.slice_indices(key, len)?;
            if start == 0 && step == 1 && count == len && self.is_exact(t, T::Tuple) {
                return Ok(t.clone());
            }
            let items: Vec<ObjRef> = match t.get::<TupleObj>() {
                Some(to) => (0..count)
                    .filter_map(|k| {
                        to.items()
                            .get((start + k as isize * step) as usize)
                            .cloned()
                    })
                    .collect(),
                None => Vec::new(),
            };
            return self.new_tuple(items);
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(self.type_error(format!(
                "tuple indices must be integers or slices, not {tn}"
            )));
        }
        let i = self.index_isize(key)?;
        let n = len as isize;
        let idx = if i < 0 { i + n } else { i };
        match t.get::<TupleObj>().and_then(|to| {
            if idx >= 0 {
                to.items().get(idx as usize).cloned()
            } else {
                None
            }
        }) {
            Some(v) => Ok(v),
            None => Err(self.index_error("tuple index out of range")),
        }
    }

    pub(crate) fn tuple_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add if b.kind() == Kind::Tuple => {
                if self.seq_items(b).is_empty() && self.is_exact(a, T::Tuple) {
                    return Ok(Some(a.clone()));
                }
                let mut items = self.seq_items(a);
                items.extend(self.seq_items(b));
                self.new_tuple(items).map(Some)
            }
            BinOp::Multiply if matches!(b.kind(), Kind::Int | Kind::BigInt) => {
                let n = self.repeat_count(b)?;
                let items = self.seq_items(a);
                if n == 1 && self.is_exact(a, T::Tuple) {
                    return Ok(Some(a.clone()));
                }
                match items.len().checked_mul(n) {
                    Some(t)
                        if t.checked_mul(8).is_some_and(|b| {
                            ouro_heap::fits_in_limit(b) && b <= (1usize << 40)
                        }) =>
                    {
                        let mut out = Vec::new();
                        if out.try_reserve_exact(t).is_err() {
                            return Err(self.memory_error());
                        }
                        for _ in 0..n {
                            out.extend(items.iter().cloned());
                        }
                        self.new_tuple(out).map(Some)
                    }
                    _ => Err(self.memory_error()),
                }
            }
            _ => Ok(None),
        }
    }

    pub(crate) fn tuple_new(&mut self, args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "tuple")?;
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "tuple expected at most 1 argument, got {}",
                args.len()
            )));
        }
        match args.pos.first() {
            None => self.new_tuple(Vec::new()),
            Some(it) if self.is_exact(it, T::Tuple) => Ok(it.clone()),
            Some(it) => {
                let items = self.iterate(it)?;
                self.new_tuple(items)
            }
        }
    }
}

// ------------------------------------------------------------------ methods

fn this_list(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(l) if l.kind() == Kind::List => Ok(l.clone()),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'list' object"))),
    }
}

fn list_append(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "list.append")?;
    let l = this_list(vm, &args, "append")?;
    match args.pos.pop() {
        Some(v) => append_to(vm, &l, v),
        None => Ok(vm.none.clone()),
    }
}

fn list_append_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [l, v] if l.kind() == Kind::List => Some(append_to(vm, l, v.clone())),
        _ => None,
    }
}

fn append_to(vm: &mut Vm, l: &ObjRef, v: ObjRef) -> PyResult<ObjRef> {
    let grown = match l.borrow_mut::<ListObj>() {
        Some(mut lo) => push_item(&mut lo.items, v),
        None => true,
    };
    if !grown {
        return Err(vm.memory_error());
    }
    Ok(vm.none.clone())
}

/// Appends `v` to a list's items, growing the buffer as CPython's
/// `list_resize` does (`list.append`, `LIST_APPEND`); false (and `v`
/// dropped) if the growth does not fit the heap limit.
#[inline]
pub(crate) fn push_item(items: &mut ouro_heap::HVec<ObjRef>, v: ObjRef) -> bool {
    let n = items.len() + 1;
    if keeps_allocation(n, items.capacity()) {
        items.push(v);
        return true;
    }
    if !list_resize(items, n) {
        return false;
    }
    items.push(v);
    true
}

fn list_pop(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "pop", 1, 2)?;
    let l = this_list(vm, &args, "pop")?;
    pop_at(vm, &l, args.pos.get(1))
}

fn list_pop_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [l] if l.kind() == Kind::List => Some(pop_at(vm, l, None)),
        [l, i] if l.kind() == Kind::List => Some(pop_at(vm, l, Some(i))),
        _ => None,
    }
}

fn pop_at(vm: &mut Vm, l: &ObjRef, i: Option<&ObjRef>) -> PyResult<ObjRef> {
    let i = match i {
        Some(i) => vm.index_isize(i)?,
        None => -1,
    };
    let r = {
        let Some(mut lo) = l.borrow_mut::<ListObj>() else {
            return Err(vm.internal_error("pop"));
        };
        let n = lo.items.len() as isize;
        if n == 0 {
            Err("pop from empty list")
        } else {
            let idx = if i < 0 { i + n } else { i };
            if idx < 0 || idx >= n {
                Err("pop index out of range")
            } else {
                let v = lo.items.remove(idx as usize);
                let newlen = lo.items.len();
                let _ = list_resize(&mut lo.items, newlen);
                Ok(v)
            }
        }
    };
    r.map_err(|m| vm.index_error(m))
}

fn list_insert(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "insert", 3, 3)?;
    let l = this_list(vm, &args, "insert")?;
    let i = vm.index_isize(&args.pos[1])?;
    let v = args.pos[2].clone();
    if let Some(mut lo) = l.borrow_mut::<ListObj>() {
        let n = lo.items.len() as isize;
        let idx = if i < 0 { (i + n).max(0) } else { i.min(n) };
        let newlen = lo.items.len() + 1;
        if !list_resize(&mut lo.items, newlen) {
            drop(lo);
            return Err(vm.memory_error());
        }
        lo.items.insert(idx as usize, v);
    }
    Ok(vm.none.clone())
}

fn list_extend_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "list.extend")?;
    let l = this_list(vm, &args, "extend")?;
    if !vm.has_iter(&args.pos[1]) {
        let tn = vm.type_name_of(&args.pos[1]);
        return Err(vm.type_error(format!("'{tn}' object is not iterable")));
    }
    vm.list_extend(&l, &args.pos[1])?;
    Ok(vm.none.clone())
}

fn find_in_list(
    vm: &mut Vm,
    l: &ObjRef,
    v: &ObjRef,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let items = vm.seq_items(l);
    for (i, x) in items.iter().enumerate().take(stop).skip(start) {
        if x.is(v) || vm.eq(x, v)? {
            return Ok(Some(i));
        }
    }
    Ok(None)
}

fn list_index(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "index", 2, 4)?;
    let l = this_list(vm, &args, "index")?;
    let n = l.borrow::<ListObj>().map_or(0, |lo| lo.items.len());
    let norm = |v: isize| -> usize {
        if v < 0 {
            (v + n as isize).max(0) as usize
        } else {
            (v as usize).min(n)
        }
    };
    let start = match args.pos.get(2) {
        Some(s) => norm(vm.index_isize(s)?),
        None => 0,
    };
    let stop = match args.pos.get(3) {
        Some(s) => norm(vm.index_isize(s)?),
        None => n,
    };
    match find_in_list(vm, &l, &args.pos[1], start, stop)? {
        Some(i) => vm.new_int(i as i64),
        None => {
            let r = vm.repr_string(&args.pos[1])?;
            Err(vm.value_error(format!("{r} is not in list")))
        }
    }
}

fn list_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "list.count")?;
    let l = this_list(vm, &args, "count")?;
    let items = vm.seq_items(&l);
    let mut c = 0;
    for x in &items {
        if x.is(&args.pos[1]) || vm.eq(x, &args.pos[1])? {
            c += 1;
        }
    }
    vm.new_int(c)
}

fn list_remove(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "list.remove")?;
    let l = this_list(vm, &args, "remove")?;
    let n = l.borrow::<ListObj>().map_or(0, |lo| lo.items.len());
    match find_in_list(vm, &l, &args.pos[1], 0, n)? {
        Some(i) => {
            let removed = l.borrow_mut::<ListObj>().and_then(|mut lo| {
                if i < lo.items.len() {
                    let v = lo.items.remove(i);
                    let newlen = lo.items.len();
                    let _ = list_resize(&mut lo.items, newlen);
                    Some(v)
                } else {
                    None
                }
            });
            drop(removed);
            Ok(vm.none.clone())
        }
        None => Err(vm.value_error("list.remove(x): x not in list")),
    }
}

fn list_reverse(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let l = this_list(vm, &args, "reverse")?;
    if let Some(mut lo) = l.borrow_mut::<ListObj>() {
        lo.items.reverse();
    }
    Ok(vm.none.clone())
}

fn list_clear(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let l = this_list(vm, &args, "clear")?;
    let old = l
        .borrow_mut::<ListObj>()
        .map(|mut lo| std::mem::replace(&mut lo.items, ouro_heap::hvec()));
    // list_clear releases the items last to first, after emptying the list.
    if let Some(mut old) = old {
        while let Some(v) = old.pop() {
            drop(v);
        }
    }
    Ok(vm.none.clone())
}

fn list_copy(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let l = this_list(vm, &args, "copy")?;
    let items = vm.seq_items(&l);
    vm.new_list(items)
}

fn list_sort(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let key = args.take_kw(vm, "key");
    let reverse = args.take_kw(vm, "reverse");
    args.no_more_kw(vm, "sort")?;
    if args.len() > 1 {
        return Err(vm.type_error("sort() takes no positional arguments"));
    }
    let l = this_list(vm, &args, "sort")?;
    let reverse = match reverse {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    // Like CPython, the list is empty while sorting; mutation is detected.
    let items = l
        .borrow_mut::<ListObj>()
        .map(|mut lo| std::mem::replace(&mut lo.items, ouro_heap::hvec()).to_vec())
        .unwrap_or_default();
    let key = key.filter(|k| !k.is(&vm.none));
    let result = vm.sort_values(items, key.as_ref(), reverse);
    let (sorted, err) = match result {
        Ok(v) => (v, None),
        Err((v, e)) => (v, Some(e)),
    };
    let intruded = l
        .borrow_mut::<ListObj>()
        .map(|mut lo| std::mem::replace(&mut lo.items, ouro_heap::hvec_from(sorted)));
    let modified = intruded.as_ref().is_some_and(|v| !v.is_empty());
    drop(intruded);
    if let Some(e) = err {
        return Err(e);
    }
    if modified {
        return Err(vm.value_error("list modified during sort"));
    }
    Ok(vm.none.clone())
}

impl Vm {
    /// Stable sort with an optional key (CPython's timsort is stable; Rust's
    /// merge sort is too, and both call `<` only). On error returns the
    /// items in some order with the exception.
    #[allow(clippy::type_complexity)]
    pub(crate) fn sort_values(
        &mut self,
        items: Vec<ObjRef>,
        key: Option<&ObjRef>,
        reverse: bool,
    ) -> Result<Vec<ObjRef>, (Vec<ObjRef>, crate::error::PyErr)> {
        let keys: Vec<ObjRef> = match key {
            Some(k) => {
                let mut ks = Vec::with_capacity(items.len());
                for it in &items {
                    match self.call(k, vec![it.clone()]) {
                        Ok(v) => ks.push(v),
                        Err(e) => return Err((items, e)),
                    }
                }
                ks
            }
            None => items.clone(),
        };
        let mut idx: Vec<usize> = (0..items.len()).collect();
        if reverse {
            idx.reverse();
        }
        // A stable merge sort that only asks "is a < b" (as timsort does),
        // so any consistent order sorts as in CPython; an inconsistent
        // `__lt__` just gives some permutation, never a panic.
        let err = merge_sort(&mut idx, &mut |a, b| self.lt_values(&keys[a], &keys[b])).err();
        if reverse {
            idx.reverse();
        }
        let mut slots: Vec<Option<ObjRef>> = items.into_iter().map(Some).collect();
        let out: Vec<ObjRef> = idx.iter().filter_map(|&i| slots[i].take()).collect();
        match err {
            Some(e) => Err((out, e)),
            None => Ok(out),
        }
    }

    fn lt_values(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (Vm::int_of(a), Vm::int_of(b)) {
            return Ok(x < y);
        }
        let r = self.richcompare(a, b, ouro_bytecode::CmpOp::Lt)?;
        self.truthy(&r)
    }
}

fn tuple_index(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "index", 2, 4)?;
    let items = vm.seq_items(&args.pos[0]);
    for (i, x) in items.iter().enumerate() {
        if x.is(&args.pos[1]) || vm.eq(x, &args.pos[1])? {
            return vm.new_int(i as i64);
        }
    }
    Err(vm.value_error("tuple.index(x): x not in tuple"))
}

fn tuple_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "tuple.count")?;
    let items = vm.seq_items(&args.pos[0]);
    let mut c = 0;
    for x in &items {
        if x.is(&args.pos[1]) || vm.eq(x, &args.pos[1])? {
            c += 1;
        }
    }
    vm.new_int(c)
}

/// `slice.indices(length)`: CPython's `PySlice_GetIndicesEx` as a tuple.
fn slice_indices_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "indices")?;
    args.check(vm, "indices", 2, 2)?;
    let len = vm.index_isize(&args.pos[1])?;
    if len < 0 {
        return Err(vm.value_error("length should not be negative"));
    }
    let (start, step, stop, _) = vm.slice_indices(&args.pos[0], len as usize)?;
    let items = vec![
        vm.new_int(start as i64)?,
        vm.new_int(stop as i64)?,
        vm.new_int(step as i64)?,
    ];
    vm.new_tuple(items)
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, NativeFn)] = &[
        ("append", list_append),
        ("pop", list_pop),
        ("insert", list_insert),
        ("extend", list_extend_m),
        ("index", list_index),
        ("count", list_count),
        ("remove", list_remove),
        ("reverse", list_reverse),
        ("clear", list_clear),
        ("copy", list_copy),
        ("sort", list_sort),
    ];
    for (name, f) in methods {
        vm.add_method(T::List, name, *f)?;
    }
    vm.add_method(T::Slice, "indices", slice_indices_m)?;
    vm.add_method(T::Tuple, "index", tuple_index)?;
    vm.add_method(T::Tuple, "count", tuple_count)?;
    let dict = vm.type_dict(&vm.ty(T::List).clone())?;
    vm.list_append_id = vm.set_pos_form(&dict, "append", list_append_pos)?;
    vm.set_pos_form(&dict, "pop", list_pop_pos)?;
    Ok(())
}

/// Stable merge sort of `v` by `lt`, stopping at the first error.
fn merge_sort(v: &mut [usize], lt: &mut dyn FnMut(usize, usize) -> PyResult<bool>) -> PyResult<()> {
    let n = v.len();
    if n < 2 {
        return Ok(());
    }
    // Insertion sort on small runs.
    const RUN: usize = 16;
    let mut start = 0;
    while start < n {
        let end = (start + RUN).min(n);
        for i in start + 1..end {
            let mut j = i;
            while j > start && lt(v[j], v[j - 1])? {
                v.swap(j, j - 1);
                j -= 1;
            }
        }
        start = end;
    }
    let mut buf = v.to_vec();
    let mut width = RUN;
    while width < n {
        let mut lo = 0;
        while lo < n {
            let mid = (lo + width).min(n);
            let hi = (lo + 2 * width).min(n);
            let (mut i, mut j, mut k) = (lo, mid, lo);
            while i < mid && j < hi {
                // Take from the right only if strictly less: stability.
                if lt(v[j], v[i])? {
                    buf[k] = v[j];
                    j += 1;
                } else {
                    buf[k] = v[i];
                    i += 1;
                }
                k += 1;
            }
            while i < mid {
                buf[k] = v[i];
                i += 1;
                k += 1;
            }
            while j < hi {
                buf[k] = v[j];
                j += 1;
                k += 1;
            }
            lo = hi;
        }
        v.copy_from_slice(&buf);
        width *= 2;
    }
    Ok(())
}
