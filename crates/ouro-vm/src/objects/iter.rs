//! Iteration (`iter`, the sequence and range iterators), `range` and
//! `slice`.

use std::cell::Cell;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use ouro_heap::{
    DictIterObj, Kind, ListObj, ObjRef, RangeIterObj, RangeObj, SeqIterObj, SliceObj, StrObj,
    TupleObj,
};

use crate::error::PyResult;
use crate::natives::Args;
use crate::objects::native::LazyIter;
use crate::types::T;
use crate::vm::Vm;

impl Vm {
    /// `iter(o)`.
    pub fn iter(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        if o.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(o)? {
                return self.iter(&t);
            }
        }
        // A builtin type's iterator needs no `__iter__` looked up.
        if Vm::is_heap_class_of(o) {
            let ty = o.class();
            let it = self.names.iter.clone();
            if let Some(f) = self.type_lookup(&ty, &it) {
                if f.is(&self.none) {
                    let tn = self.type_name(&ty);
                    return Err(self.type_error(format!("'{tn}' object is not iterable")));
                }
                let r = self.call(&f, vec![o.clone()])?;
                let next = self.names.next.clone();
                let rt = r.class();
                let is_iter = self.type_lookup(&rt, &next).is_some()
                    || matches!(r.kind(), Kind::SeqIter | Kind::RangeIter | Kind::DictIter)
                    || (r.kind() == Kind::Native && self.is_lazy_iter(&r));
                if !is_iter {
                    let tn = self.type_name(&rt);
                    return Err(
                        self.type_error(format!("iter() returned non-iterator of type '{tn}'"))
                    );
                }
                return Ok(r);
            }
        }
        self.builtin_iter(o)
    }

    /// `iter(o)` by its builtin layout (the part of `iter` after a class's
    /// own `__iter__`).
    pub(crate) fn builtin_iter(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        match o.kind() {
            Kind::List => self.new_seq_iter(o, T::ListIterator),
            Kind::Tuple => self.new_seq_iter(o, T::TupleIterator),
            Kind::Str => {
                let t = if o.get::<StrObj>().is_some_and(|s| s.is_ascii()) {
                    T::StrAsciiIterator
                } else {
                    T::StrIterator
                };
                self.new_seq_iter(o, t)
            }
            Kind::Bytes => self.new_seq_iter(o, T::BytesIterator),
            Kind::ByteArray => self.new_seq_iter(o, T::ByteArrayIterator),
            Kind::Dict => self.new_dict_iter(o, ouro_heap::DictIterWhat::Keys, false),
            Kind::DictIter => {
                if self.is_dict_view(o) {
                    let d = Vm::view_dict(o);
                    let what = o
                        .get::<DictIterObj>()
                        .map(|d| d.what)
                        .unwrap_or(ouro_heap::DictIterWhat::Keys);
                    match d {
                        Some(d) => self.new_dict_iter(&d, what, false),
                        None => Err(self.internal_error("view without dict")),
                    }
                } else {
                    Ok(o.clone())
                }
            }
            Kind::SeqIter | Kind::RangeIter => Ok(o.clone()),
            Kind::Range => self.range_iter(o),
            Kind::Native if self.is_lazy_iter(o) => Ok(o.clone()),
            Kind::Native if self.is_generator(o) => {
                if self.gen_is_coro(o) || self.gen_is_async(o) {
                    let tn = self.type_name_of(o);
                    return Err(self.type_error(format!("'{tn}' object is not iterable")));
                }
                Ok(o.clone())
            }
            Kind::Native if self.is_set_like(o) => self.set_iter(o),
            Kind::Native if crate::objects::memoryview::is_memoryview(o) => self.memoryview_iter(o),
            Kind::Native if self.is_set_iter(o) => Ok(o.clone()),
            _ => {
                let ty = o.class();
                let gi = self.names.getitem.clone();
                if Vm::is_heap_type(&ty) && self.type_lookup(&ty, &gi).is_some() {
                    return self.new_seq_iter(o, T::ListIterator);
                }
                let tn = self.type_name(&ty);
                Err(self.type_error(format!("'{tn}' object is not iterable")))
            }
        }
    }

    pub(crate) fn is_lazy_iter(&self, o: &ObjRef) -> bool {
        Vm::with_native::<LazyIter, _>(o, |_| ()).is_some() || Vm::is_itertools_iter(o)
    }

    pub(crate) fn new_seq_iter(&mut self, o: &ObjRef, t: T) -> PyResult<ObjRef> {
        let ty = self.ty(t).clone();
        self.alloc(
            &ty,
            SeqIterObj {
                seq: Cell::new(Some(o.clone())),
                index: Cell::new(0),
            },
            false,
        )
    }

    pub(crate) fn seqiter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(io) = it.get::<SeqIterObj>() else {
            return Err(self.internal_error("not a sequence iterator"));
        };
        if let Some(r) = step_list_or_tuple(io) {
            return Ok(r);
        }
        let Some(seq) = io.seq.take() else {
            return Ok(None);
        };
        let i = io.index.get();
        let item = match seq.kind() {
            Kind::Bytes | Kind::ByteArray => {
                let b = Vm::byte_at(&seq, i);
                match b {
                    Some(b) => {
                        io.index.set(i + 1);
                        io.seq.set(Some(seq));
                        return self.new_int(i64::from(b)).map(Some);
                    }
                    None => None,
                }
            }
            Kind::Str => {
                // The index is a byte offset for strs.
                let s = self.str_of(&seq);
                match s.get(i..).and_then(|r| r.chars().next()) {
                    Some(c) => {
                        io.index.set(i + c.len_utf8());
                        let mut b = [0u8; 4];
                        let v = self.new_str(c.encode_utf8(&mut b))?;
                        io.seq.set(Some(seq));
                        return Ok(Some(v));
                    }
                    None => None,
                }
            }
            _ => {
                // The old sequence protocol: __getitem__ until IndexError.
                let idx = self.new_int(i as i64)?;
                match self.getitem(&seq, &idx) {
                    Ok(v) => Some(v),
                    Err(e)
                        if self.err_is(&e, T::IndexError) || self.err_is(&e, T::StopIteration) =>
                    {
                        None
                    }
                    Err(e) => {
                        io.seq.set(Some(seq));
                        return Err(e);
                    }
                }
            }
        };
        match item {
            Some(v) => {
                io.index.set(i + 1);
                io.seq.set(Some(seq));
                Ok(Some(v))
            }
            // Exhausted: the sequence is released, as in CPython.
            None => Ok(None),
        }
    }

    // ---------------------------------------------------------------- range

    pub(crate) fn range_new(&mut self, args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "range")?;
        let n = args.len();
        if n == 0 {
            return Err(self.type_error("range expected at least 1 argument, got 0"));
        }
        if n > 3 {
            return Err(self.type_error(format!("range expected at most 3 arguments, got {n}")));
        }
        // All small ints (the common case): no big-integer arithmetic.
        let mut v = [0i64; 3];
        let mut small = true;
        for (slot, a) in v.iter_mut().zip(&args.pos) {
            match Vm::int_of(a) {
                Some(x) => *slot = x,
                None => small = false,
            }
        }
        if small {
            let (start, stop, step) = match n {
                1 => (0, v[0], 1),
                2 => (v[0], v[1], 1),
                _ => (v[0], v[1], v[2]),
            };
            if step == 0 {
                return Err(self.value_error("range() arg 3 must not be zero"));
            }
            // Differences and the step's size fit in u64.
            let (a, b, st) = (start as i128, stop as i128, step as i128);
            let length = if st > 0 && a < b {
                ((b - a - 1) as u64 / st as u64) as u128 + 1
            } else if st < 0 && a > b {
                ((a - b - 1) as u64 / (-st) as u64) as u128 + 1
            } else {
                0
            };
            let start = self.new_int(start)?;
            let stop = self.new_int(stop)?;
            let step = self.new_int(step)?;
            // At most 2**64: beyond i64 only for the widest ranges.
            let length = match i64::try_from(length) {
                Ok(l) => self.new_int(l)?,
                Err(_) => self.new_bigint(BigInt::from(length))?,
            };
            return self.alloc_range(start, stop, step, length);
        }
        let mut vals = Vec::with_capacity(3);
        for a in &args.pos {
            vals.push(self.index_value(a)?);
        }
        let (start, stop, step) = match vals.len() {
            1 => (BigInt::zero(), vals[0].clone(), BigInt::from(1)),
            2 => (vals[0].clone(), vals[1].clone(), BigInt::from(1)),
            _ => (vals[0].clone(), vals[1].clone(), vals[2].clone()),
        };
        if step.is_zero() {
            return Err(self.value_error("range() arg 3 must not be zero"));
        }
        let length = range_length(&start, &stop, &step);
        let start = self.new_bigint(start)?;
        let stop = self.new_bigint(stop)?;
        let step = self.new_bigint(step)?;
        let length = self.new_bigint(length)?;
        self.alloc_range(start, stop, step, length)
    }

    fn alloc_range(
        &mut self,
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
        length: ObjRef,
    ) -> PyResult<ObjRef> {
        let ty = self.ty(T::Range).clone();
        self.alloc(
            &ty,
            RangeObj {
                start,
                stop,
                step,
                length,
            },
            false,
        )
    }

    fn range_parts(&self, r: &ObjRef) -> Option<(BigInt, BigInt, BigInt, BigInt)> {
        let ro = r.get::<RangeObj>()?;
        Some((
            self.to_bigint(&ro.start)?,
            self.to_bigint(&ro.stop)?,
            self.to_bigint(&ro.step)?,
            self.to_bigint(&ro.length)?,
        ))
    }

    pub(crate) fn range_len(&mut self, r: &ObjRef) -> PyResult<usize> {
        let len = r.get::<RangeObj>().map(|ro| ro.length.clone());
        match len {
            Some(l) => match Vm::int_of(&l) {
                Some(v) => Ok(v as usize),
                None => Err(self.overflow_error("Python int too large to convert to C ssize_t")),
            },
            None => Ok(0),
        }
    }

    fn range_iter(&mut self, r: &ObjRef) -> PyResult<ObjRef> {
        // CPython's range_iter: a fast iterator when start, stop and step
        // are C longs, the length is at most LONG_MAX and stepping past the
        // end cannot overflow; a long-range iterator otherwise.
        let fast = r.get::<RangeObj>().and_then(|ro| {
            let (s, stop, st, n) = (
                Vm::int_of(&ro.start)?,
                Vm::int_of(&ro.stop)?,
                Vm::int_of(&ro.step)?,
                Vm::int_of(&ro.length)?,
            );
            let overflows = n > 0
                && if st > 0 {
                    stop > i64::MAX - (st - 1)
                } else {
                    stop < i64::MIN + (-1 - st)
                };
            (!overflows).then_some((s, st, n as u64))
        });
        if let Some((s, st, n)) = fast {
            let ty = self.ty(T::RangeIterator).clone();
            return self.alloc(
                &ty,
                RangeIterObj {
                    next: Cell::new(s),
                    step: st,
                    remaining: Cell::new(n),
                },
                false,
            );
        }
        let Some((start, _, step, len)) = self.range_parts(r) else {
            return Err(self.internal_error("not a range"));
        };
        self.new_native(
            T::LongRangeIterator,
            LazyIter::LongRange {
                next: start,
                step,
                remaining: len,
            },
        )
    }

    pub(crate) fn rangeiter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(ri) = it.get::<RangeIterObj>() else {
            return Err(self.internal_error("not a range iterator"));
        };
        match step_range(ri) {
            Some(v) => self.new_int(v).map(Some),
            None => Ok(None),
        }
    }

    pub(crate) fn range_getitem(&mut self, r: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        let Some((start, _stop, step, len)) = self.range_parts(r) else {
            return Err(self.internal_error("not a range"));
        };
        if key.kind() == Kind::Slice {
            let n = len.to_usize().unwrap_or(usize::MAX);
            let (s0, st, s1, count) = self.slice_indices(key, n)?;
            // CPython's compute_slice: the slice's own (adjusted) stop.
            let new_start = &start + &step * BigInt::from(s0);
            let new_step = &step * BigInt::from(st);
            let new_stop = &start + &step * BigInt::from(s1);
            let a = self.new_bigint(new_start)?;
            let b = self.new_bigint(new_stop)?;
            let c = self.new_bigint(new_step)?;
            let l = self.new_int(count as i64)?;
            let ty = self.ty(T::Range).clone();
            return self.alloc(
                &ty,
                RangeObj {
                    start: a,
                    stop: b,
                    step: c,
                    length: l,
                },
                false,
            );
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(self.type_error(format!(
                "range indices must be integers or slices, not {tn}"
            )));
        }
        let i = self.index_value(key)?;
        let idx = if i.is_negative() { &i + &len } else { i };
        if idx.is_negative() || idx >= len {
            return Err(self.index_error("range object index out of range"));
        }
        self.new_bigint(start + step * idx)
    }

    pub(crate) fn range_contains(&mut self, r: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        if matches!(item.kind(), Kind::Int | Kind::BigInt) {
            let Some((start, stop, step, _)) = self.range_parts(r) else {
                return Ok(false);
            };
            let v = self.to_bigint(item).unwrap_or_default();
            let inside = if step.is_positive() {
                start <= v && v < stop
            } else {
                stop < v && v <= start
            };
            return Ok(inside && (v - start).mod_floor(&step).is_zero());
        }
        let it = self.iter(r)?;
        while let Some(x) = self.next(&it)? {
            if self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The position of int `v` in range `r` (the caller checked it is in).
    pub(crate) fn range_index_of(&mut self, r: &ObjRef, v: &ObjRef) -> PyResult<ObjRef> {
        let Some((start, _, step, _)) = self.range_parts(r) else {
            return Err(self.internal_error("not a range"));
        };
        let x = self.to_bigint(v).unwrap_or_default();
        self.new_bigint((x - start) / step)
    }

    pub(crate) fn range_eq(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let (Some(x), Some(y)) = (self.range_parts(a), self.range_parts(b)) else {
            return Ok(false);
        };
        if x.3 != y.3 {
            return Ok(false);
        }
        if x.3.is_zero() {
            return Ok(true);
        }
        if x.0 != y.0 {
            return Ok(false);
        }
        Ok(x.3 == BigInt::from(1) || x.2 == y.2)
    }

    pub(crate) fn range_hash(&mut self, r: &ObjRef) -> PyResult<i64> {
        let Some((start, _, step, len)) = self.range_parts(r) else {
            return Ok(0);
        };
        let h = |v: &BigInt| ouro_algo::hash::hash_bigint(v);
        let none = ouro_algo::hash::hash_i64(0);
        let _ = none;
        let none_hash = crate::ops::pointer_hash(&self.none);
        let items = if len.is_zero() {
            vec![h(&len), none_hash, none_hash]
        } else if len == BigInt::from(1) {
            vec![h(&len), h(&start), none_hash]
        } else {
            vec![h(&len), h(&start), h(&step)]
        };
        Ok(ouro_algo::hash::hash_tuple(items))
    }

    pub(crate) fn range_repr(&mut self, r: &ObjRef) -> PyResult<String> {
        let Some((start, stop, step, _)) = self.range_parts(r) else {
            return Ok("range(?)".into());
        };
        if step == BigInt::from(1) {
            Ok(format!("range({start}, {stop})"))
        } else {
            Ok(format!("range({start}, {stop}, {step})"))
        }
    }

    // ---------------------------------------------------------------- slice

    pub(crate) fn new_slice(
        &mut self,
        start: ObjRef,
        stop: ObjRef,
        step: ObjRef,
    ) -> PyResult<ObjRef> {
        let ty = self.ty(T::Slice).clone();
        self.alloc(&ty, SliceObj { start, stop, step }, false)
    }

    pub(crate) fn slice_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "slice")?;
        let n = args.len();
        if n == 0 {
            return Err(self.type_error("slice expected at least 1 argument, got 0"));
        }
        if n > 3 {
            return Err(self.type_error(format!("slice expected at most 3 arguments, got {n}")));
        }
        let none = self.none.clone();
        let mut p = std::mem::take(&mut args.pos).into_iter();
        let (a, b, c) = match n {
            1 => (none.clone(), p.next().unwrap_or(none.clone()), none),
            2 => (
                p.next().unwrap_or(none.clone()),
                p.next().unwrap_or(none.clone()),
                none,
            ),
            _ => (
                p.next().unwrap_or(none.clone()),
                p.next().unwrap_or(none.clone()),
                p.next().unwrap_or(none),
            ),
        };
        self.new_slice(a, b, c)
    }
}

/// Number of items in `range(start, stop, step)`.
fn range_length(start: &BigInt, stop: &BigInt, step: &BigInt) -> BigInt {
    if step.is_positive() {
        if start < stop {
            (stop - start - 1) / step + 1
        } else {
            BigInt::zero()
        }
    } else if start > stop {
        (start - stop - 1) / (-step) + 1
    } else {
        BigInt::zero()
    }
}

/// The next value of a range iterator, None once it is exhausted. Shared
/// by `next()` and `FOR_ITER`.
#[inline]
pub(crate) fn step_range(ri: &RangeIterObj) -> Option<i64> {
    let rem = ri.remaining.get();
    if rem == 0 {
        return None;
    }
    let v = ri.next.get();
    ri.remaining.set(rem - 1);
    ri.next.set(v.wrapping_add(ri.step));
    Some(v)
}

/// The next item of an iterator over a list or tuple: Some(None) when it is
/// exhausted (the sequence is then released, as in CPython), None when the
/// sequence is of another kind. Shared by `next()` and `FOR_ITER`, which
/// steps these iterators itself.
#[inline(always)]
pub(crate) fn step_list_or_tuple(io: &SeqIterObj) -> Option<Option<ObjRef>> {
    let Some(seq) = io.seq.take() else {
        return Some(None);
    };
    let i = io.index.get();
    let item = match seq.kind() {
        Kind::List => seq
            .borrow::<ListObj>()
            .and_then(|l| l.items.get(i).cloned()),
        Kind::Tuple => seq
            .get::<TupleObj>()
            .and_then(|t| t.items().get(i).cloned()),
        _ => {
            io.seq.set(Some(seq));
            return None;
        }
    };
    match item {
        Some(v) => {
            io.index.set(i + 1);
            io.seq.set(Some(seq));
            Some(Some(v))
        }
        None => Some(None),
    }
}
