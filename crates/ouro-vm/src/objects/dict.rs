//! `dict`: the compact ordered table of `ouro-heap` plus Python key
//! semantics. Comparing two keys may run Python code (`__eq__`), which may
//! mutate the dict; such comparisons happen with the table released, and the
//! lookup is validated afterwards (CPython restarts the lookup likewise).

use ouro_bytecode::{BinOp, CmpOp};
use ouro_heap::{DictIterObj, DictIterWhat, DictObj, Kind, ObjRef, StrObj};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// Equality of two keys when it needs no Python code; None otherwise.
pub(crate) fn simple_eq(vm: &Vm, a: &ObjRef, b: &ObjRef) -> Option<bool> {
    if a.is(b) {
        return Some(true);
    }
    let builtin = |o: &ObjRef| !Vm::is_heap_class_of(o);
    if !builtin(a) || !builtin(b) {
        return None;
    }
    match (a.kind(), b.kind()) {
        (Kind::Str, Kind::Str) => {
            Some(a.get::<StrObj>().map(|s| s.as_str()) == b.get::<StrObj>().map(|s| s.as_str()))
        }
        (Kind::Int, Kind::Int) => Some(Vm::int_of(a) == Vm::int_of(b)),
        (Kind::Int | Kind::BigInt | Kind::Float, Kind::Int | Kind::BigInt | Kind::Float) => {
            Some(vm.num_partial_cmp(a, b) == Some(std::cmp::Ordering::Equal))
        }
        (Kind::Str, _) | (_, Kind::Str) => Some(false),
        (Kind::Int | Kind::BigInt | Kind::Float, Kind::Object | Kind::Tuple)
        | (Kind::Object | Kind::Tuple, Kind::Int | Kind::BigInt | Kind::Float) => Some(false),
        (Kind::Object, Kind::Object) => Some(false),
        (Kind::Tuple, Kind::Tuple) => {
            let x = a.get::<ouro_heap::TupleObj>()?;
            let y = b.get::<ouro_heap::TupleObj>()?;
            if x.len() != y.len() {
                return Some(false);
            }
            for (p, q) in x.items().iter().zip(y.items()) {
                if !simple_eq(vm, p, q)? {
                    return Some(false);
                }
            }
            Some(true)
        }
        _ => None,
    }
}

impl Vm {
    /// Finds `key` in dict `d`; returns its entry position.
    pub(crate) fn dict_lookup(
        &mut self,
        d: &ObjRef,
        key: &ObjRef,
        hash: i64,
    ) -> PyResult<Option<usize>> {
        let mut needs_python = false;
        let found = {
            let Some(dobj) = d.borrow::<DictObj>() else {
                return Err(self.internal_error("not a dict"));
            };
            dobj.table.lookup(hash, |k| match simple_eq(self, k, key) {
                Some(r) => r,
                None => {
                    needs_python = true;
                    false
                }
            })
        };
        if found.is_some() || !needs_python {
            return Ok(found);
        }
        // Slow path: compare candidates with the table released.
        let candidates: Vec<(usize, ObjRef)> = {
            let Some(dobj) = d.borrow::<DictObj>() else {
                return Err(self.internal_error("not a dict"));
            };
            dobj.table
                .candidates(hash)
                .into_iter()
                .filter_map(|p| dobj.table.entry(p).map(|e| (p, e.key.clone())))
                .collect()
        };
        for (pos, k) in candidates {
            if self.eq(&k, key)? {
                // The entry may have moved while Python code ran.
                let still = d
                    .borrow::<DictObj>()
                    .and_then(|dobj| dobj.table.entry(pos).map(|e| e.key.is(&k)))
                    .unwrap_or(false);
                if still {
                    return Ok(Some(pos));
                }
                return self.dict_lookup(d, key, hash);
            }
        }
        Ok(None)
    }

    /// `d[key]` for an exact dict and an exact str or int key, when the
    /// lookup needs no Python code and finds the key; None otherwise (the
    /// general path then decides, raising `KeyError` if need be).
    #[inline]
    pub(crate) fn dict_get_simple(&self, d: &ObjRef, key: &ObjRef) -> Option<ObjRef> {
        if d.kind() != Kind::Dict || Vm::is_heap_class_of(d) {
            return None;
        }
        let h = self.exact_str_int_hash(key)?;
        let dobj = d.borrow::<DictObj>()?;
        let pos = dobj
            .table
            .lookup(h, |k| simple_eq(self, k, key).unwrap_or(false))?;
        dobj.table.entry(pos).map(|e| e.value.clone())
    }

    /// `d[key] = value` for an exact dict and an exact str or int key, when
    /// finding the key's slot needs no Python code (every key met on the
    /// way compares without it), as CPython's `STORE_SUBSCR_DICT` and
    /// `BUILD_MAP`: the value replaces an equal key's, whose old value is
    /// released first, then the key given; or the pair is added. The key
    /// and value come back for the general path otherwise.
    pub(crate) fn dict_set_simple(
        &self,
        d: &ObjRef,
        key: ObjRef,
        value: ObjRef,
    ) -> Result<(), (ObjRef, ObjRef)> {
        if d.kind() != Kind::Dict || Vm::is_heap_class_of(d) {
            return Err((key, value));
        }
        let Some(h) = self.exact_str_int_hash(&key) else {
            return Err((key, value));
        };
        ouro_heap::gc::maintain_dict_tracking(d, &key, &value);
        let old = {
            let Some(mut dobj) = d.borrow_mut::<DictObj>() else {
                return Err((key, value));
            };
            let mut undecided = false;
            let pos = dobj.table.lookup(h, |k| {
                simple_eq(self, k, &key).unwrap_or_else(|| {
                    undecided = true;
                    false
                })
            });
            if undecided {
                drop(dobj);
                return Err((key, value));
            }
            match pos {
                Some(p) => dobj.table.replace_value(p, value),
                None => {
                    dobj.table.insert_new(h, key, value);
                    return Ok(());
                }
            }
        };
        drop(old);
        drop(key);
        Ok(())
    }

    pub(crate) fn dict_getitem_opt(
        &mut self,
        d: &ObjRef,
        key: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        let h = self.hash(key)?;
        let pos = self.dict_lookup(d, key, h)?;
        Ok(pos.and_then(|p| {
            d.borrow::<DictObj>()
                .and_then(|dobj| dobj.table.entry(p).map(|e| e.value.clone()))
        }))
    }

    /// `d[key]` with `__missing__` for subclasses.
    pub(crate) fn dict_subscript(&mut self, d: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        if let Some(v) = self.dict_getitem_opt(d, key)? {
            return Ok(v);
        }
        if Vm::is_heap_class_of(d) {
            let missing = self.intern("__missing__")?;
            if let Some(r) = self.call_dunder(d, &missing, std::slice::from_ref(key))? {
                return Ok(r);
            }
        }
        Err(self.key_error(key.clone()))
    }

    pub fn dict_setitem(&mut self, d: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        let h = self.hash(&key)?;
        let pos = self.dict_lookup(d, &key, h)?;
        ouro_heap::gc::maintain_dict_tracking(d, &key, &value);
        let old = {
            let Some(mut dobj) = d.borrow_mut::<DictObj>() else {
                return Err(self.internal_error("not a dict"));
            };
            match pos {
                Some(p) => dobj.table.replace_value(p, value),
                None => {
                    dobj.table.insert_new(h, key, value);
                    None
                }
            }
        };
        drop(old);
        Ok(())
    }

    pub(crate) fn dict_delitem(&mut self, d: &ObjRef, key: &ObjRef) -> PyResult<()> {
        let h = self.hash(key)?;
        match self.dict_lookup(d, key, h)? {
            Some(p) => {
                let removed = d
                    .borrow_mut::<DictObj>()
                    .and_then(|mut dobj| dobj.table.remove_at(p));
                drop(removed);
                Ok(())
            }
            None => Err(self.key_error(key.clone())),
        }
    }

    /// Removes and returns `d[key]`, if present.
    pub(crate) fn dict_pop_opt(&mut self, d: &ObjRef, key: &ObjRef) -> PyResult<Option<ObjRef>> {
        let h = self.hash(key)?;
        match self.dict_lookup(d, key, h)? {
            Some(p) => {
                let removed = d
                    .borrow_mut::<DictObj>()
                    .and_then(|mut dobj| dobj.table.remove_at(p));
                Ok(removed.map(|(_, v)| v))
            }
            None => Ok(None),
        }
    }

    /// A snapshot of a dict's items in order.
    pub fn dict_items_vec(&mut self, d: &ObjRef) -> PyResult<Vec<(ObjRef, ObjRef)>> {
        match d.borrow::<DictObj>() {
            Some(dobj) => Ok(dobj
                .table
                .iter()
                .map(|e| (e.key.clone(), e.value.clone()))
                .collect()),
            None => {
                if d.kind() == Kind::Dict {
                    return Ok(Vec::new());
                }
                // A mapping: keys() then [key].
                let keys = self.call_method(d, "keys", Vec::new())?;
                let keys = self.iterate(&keys)?;
                let mut out = Vec::with_capacity(keys.len());
                for k in keys {
                    let v = self.getitem(d, &k)?;
                    out.push((k, v));
                }
                Ok(out)
            }
        }
    }

    /// `d.update(other)`: a dict, a mapping with `keys()`, or pairs.
    pub(crate) fn dict_update(&mut self, d: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if other.kind() == Kind::Dict {
            let items = self.dict_items_vec(other)?;
            for (k, v) in items {
                self.dict_setitem(d, k, v)?;
            }
            return Ok(());
        }
        let keys_name = self.intern("keys")?;
        let ty = other.class();
        if self.type_lookup(&ty, &keys_name).is_some() {
            let items = self.dict_items_vec(other)?;
            for (k, v) in items {
                self.dict_setitem(d, k, v)?;
            }
            return Ok(());
        }
        if !self.has_iter(other) {
            let tn = self.type_name_of(other);
            return Err(self.attribute_error(format!("'{tn}' object has no attribute 'keys'")));
        }
        let items = self.iterate(other)?;
        for (i, item) in items.iter().enumerate() {
            if !self.has_iter(item) {
                return Err(self.type_error(format!(
                    "cannot convert dictionary update sequence element #{i} to a sequence"
                )));
            }
            let pair = self.iterate(item)?;
            if pair.len() != 2 {
                return Err(self.value_error(format!(
                    "dictionary update sequence element #{i} has length {}; 2 is required",
                    pair.len()
                )));
            }
            let mut p = pair.into_iter();
            if let (Some(k), Some(v)) = (p.next(), p.next()) {
                self.dict_setitem(d, k, v)?;
            }
        }
        Ok(())
    }

    /// `DICT_MERGE` for `f(**kw)`: duplicate keys are an error.
    pub(crate) fn dict_merge_kwargs(
        &mut self,
        d: &ObjRef,
        other: &ObjRef,
        fi: usize,
    ) -> PyResult<()> {
        let keys_name = self.intern("keys")?;
        if other.kind() != Kind::Dict && self.type_lookup(&other.class(), &keys_name).is_none() {
            let tn = self.type_name_of(other);
            let fname = self.callee_name_for_error(fi);
            return Err(self.type_error(format!(
                "{fname} argument after ** must be a mapping, not {tn}"
            )));
        }
        let items = self.dict_items_vec(other)?;
        for (k, v) in items {
            if k.kind() != Kind::Str {
                return Err(self.type_error("keywords must be strings"));
            }
            if self.dict_getitem_opt(d, &k)?.is_some() {
                let ks = self.str_of(&k).to_string();
                let fname = self.callee_name_for_error(fi);
                return Err(self.type_error(format!(
                    "{fname} got multiple values for keyword argument '{ks}'"
                )));
            }
            self.dict_setitem(d, k, v)?;
        }
        Ok(())
    }

    fn callee_name_for_error(&mut self, _fi: usize) -> String {
        // The callable sits below the argument tuple and dict on the stack.
        let len = self.stack.len();
        let f = if len >= 3 {
            Some(self.stack[len - 3].clone())
        } else {
            None
        };
        match f {
            Some(f) => self.function_str(&f),
            None => "function".to_string(),
        }
    }

    pub(crate) fn dict_eq(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let la = a.borrow::<DictObj>().map_or(0, |d| d.table.len());
        let lb = b.borrow::<DictObj>().map_or(0, |d| d.table.len());
        if la != lb {
            return Ok(false);
        }
        let items = self.dict_items_vec(a)?;
        for (k, v) in items {
            match self.dict_getitem_opt(b, &k)? {
                Some(w) => {
                    if !(v.is(&w) || self.eq(&v, &w)?) {
                        return Ok(false);
                    }
                }
                None => return Ok(false),
            }
        }
        Ok(true)
    }

    pub(crate) fn dict_or(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
        let d = self.new_dict()?;
        self.dict_update(&d, a)?;
        self.dict_update(&d, b)?;
        Ok(d)
    }

    pub(crate) fn dict_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "dict expected at most 1 argument, got {}",
                args.len()
            )));
        }
        let d = self.new_dict()?;
        if let Some(src) = args.pos.first() {
            self.dict_update(&d, src)?;
        }
        for (k, v) in std::mem::take(&mut args.kw) {
            self.dict_setitem(&d, k, v)?;
        }
        Ok(d)
    }

    /// A dict iterator or view over `d`.
    pub(crate) fn new_dict_iter(
        &mut self,
        d: &ObjRef,
        what: DictIterWhat,
        view: bool,
    ) -> PyResult<ObjRef> {
        let t = match (what, view) {
            (DictIterWhat::Keys, false) => T::DictKeyIterator,
            (DictIterWhat::Values, false) => T::DictValueIterator,
            (DictIterWhat::Items, false) => T::DictItemIterator,
            (DictIterWhat::Keys, true) => T::DictKeys,
            (DictIterWhat::Values, true) => T::DictValues,
            (DictIterWhat::Items, true) => T::DictItems,
        };
        let used = d.borrow::<DictObj>().map_or(0, |x| x.table.len());
        let ty = self.ty(t).clone();
        // An items iterator's reused result tuple (CPython's di_result,
        // made after the iterator).
        let iter = self.alloc(
            &ty,
            DictIterObj {
                dict: std::cell::Cell::new(Some(d.clone())),
                pos: std::cell::Cell::new(0),
                used: std::cell::Cell::new(used),
                what,
                result: std::cell::Cell::new(None),
            },
            false,
        )?;
        if what == DictIterWhat::Items && !view {
            let none = self.none.clone();
            let result = self.new_tuple_of([none.clone(), none])?;
            if let Some(io) = iter.get::<DictIterObj>() {
                io.result.set(Some(result));
            }
        }
        Ok(iter)
    }

    pub(crate) fn is_dict_view(&self, o: &ObjRef) -> bool {
        self.is_exact(o, T::DictKeys)
            || self.is_exact(o, T::DictValues)
            || self.is_exact(o, T::DictItems)
    }

    /// CPython's `PyDictViewSet_Check`: a keys or items view, the views
    /// with set operations.
    pub(crate) fn is_setlike_view(&self, o: &ObjRef) -> bool {
        o.kind() == Kind::DictIter
            && (self.is_exact(o, T::DictKeys) || self.is_exact(o, T::DictItems))
    }

    /// `item in view` for a keys or items view (CPython's
    /// `dictkeys_contains` / `dictitems_contains`): a hash lookup, not a scan.
    pub(crate) fn dictview_contains(&mut self, view: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        let Some(d) = Vm::view_dict(view) else {
            return Ok(false);
        };
        if self.is_exact(view, T::DictKeys) {
            return Ok(self.dict_getitem_opt(&d, item)?.is_some());
        }
        let pair = match item.get::<ouro_heap::TupleObj>() {
            Some(t) if item.kind() == Kind::Tuple && t.len() == 2 => {
                (t.items()[0].clone(), t.items()[1].clone())
            }
            _ => return Ok(false),
        };
        match self.dict_getitem_opt(&d, &pair.0)? {
            Some(found) => Ok(found.is(&pair.1) || self.eq(&found, &pair.1)?),
            None => Ok(false),
        }
    }

    /// CPython's `dictviews_to_set`: `set(view)`, from the dict itself for
    /// the keys of a plain dict.
    fn dictviews_to_set(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        if self.is_exact(o, T::DictKeys) {
            if let Some(d) = Vm::view_dict(o) {
                if self.is_exact(&d, T::Dict) {
                    return self.new_set_of(Some(&d));
                }
            }
        }
        self.new_set_of(Some(o))
    }

    /// `a & b`, `a | b`, `a - b`, `a ^ b` where one side is a keys or items
    /// view; None means NotImplemented. Mirrors CPython's `dictviews_and`
    /// and friends, which serve both the view's slot and the reflected one.
    pub(crate) fn dictview_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_setlike_view(a) && !self.is_setlike_view(b) {
            return Ok(None);
        }
        let r = match op {
            BinOp::And => self.dictview_intersect(a, b)?,
            BinOp::Or => {
                let result = self.dictviews_to_set(a)?;
                self.set_update_internal(&result, b)?;
                result
            }
            BinOp::Subtract => {
                let result = self.dictviews_to_set(a)?;
                self.set_difference_update_internal(&result, b)?;
                result
            }
            BinOp::Xor => {
                if self.is_exact(a, T::DictItems) && self.is_exact(b, T::DictItems) {
                    self.dictitems_xor(a, b)?
                } else {
                    let result = self.dictviews_to_set(a)?;
                    self.set_symmetric_difference_update(&result, b)?;
                    result
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(r))
    }

    /// CPython's `_PyDictView_Intersect`.
    fn dictview_intersect(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
        // The interpreter swaps the operands when the view is on the right.
        let (mut view, mut other) = if self.is_setlike_view(a) {
            (a.clone(), b.clone())
        } else {
            (b.clone(), a.clone())
        };
        let len_self = self.dict_view_len(&view)?;
        if self.is_exact(&other, T::Set) && len_self <= self.set_size(&other)? {
            return self.set_intersection(&other, &view);
        }
        if self.is_setlike_view(&other) && self.dict_view_len(&other)? > len_self {
            std::mem::swap(&mut view, &mut other);
        }
        let result = self.new_set_of(None)?;
        let it = self.iter(&other)?;
        while let Some(key) = self.next(&it)? {
            if self.dictview_contains(&view, &key)? {
                self.set_add(&result, key)?;
            }
        }
        Ok(result)
    }

    /// CPython's `dictitems_xor`: the pairs of either dict whose key is not
    /// in the other with an equal value.
    fn dictitems_xor(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<ObjRef> {
        let (Some(d1), Some(d2)) = (Vm::view_dict(a), Vm::view_dict(b)) else {
            return Err(self.internal_error("dict view without a dict"));
        };
        let temp = self.new_dict()?;
        self.dict_update(&temp, &d1)?;
        let result = self.new_set_of(None)?;
        for (key, val2) in self.dict_items_vec(&d2)? {
            let to_delete = match self.dict_getitem_opt(&temp, &key)? {
                Some(val1) => val1.is(&val2) || self.eq(&val1, &val2)?,
                None => false,
            };
            if to_delete {
                self.dict_delitem(&temp, &key)?;
            } else {
                let pair = self.new_tuple(vec![key, val2])?;
                self.set_add(&result, pair)?;
            }
        }
        let remaining = self.new_dict_iter(&temp, DictIterWhat::Items, true)?;
        self.set_update_internal(&result, &remaining)?;
        Ok(result)
    }

    /// `view op other` for a keys or items view; None means NotImplemented
    /// (CPython's `dictview_richcompare`).
    pub(crate) fn dictview_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: CmpOp,
    ) -> PyResult<Option<bool>> {
        if !self.is_setlike_view(a) || !(self.is_set_like(b) || self.is_setlike_view(b)) {
            return Ok(None);
        }
        let len_a = self.len(a)?;
        let len_b = self.len(b)?;
        let r = match op {
            CmpOp::Eq => len_a == len_b && self.all_contained_in(a, b)?,
            CmpOp::Ne => !(len_a == len_b && self.all_contained_in(a, b)?),
            CmpOp::Lt => len_a < len_b && self.all_contained_in(a, b)?,
            CmpOp::Le => len_a <= len_b && self.all_contained_in(a, b)?,
            CmpOp::Gt => len_a > len_b && self.all_contained_in(b, a)?,
            CmpOp::Ge => len_a >= len_b && self.all_contained_in(b, a)?,
        };
        Ok(Some(r))
    }

    /// Whether every item of `a` is in `b`.
    fn all_contained_in(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        let it = self.iter(a)?;
        while let Some(x) = self.next(&it)? {
            if !self.contains(b, &x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// CPython's `dictviews_isdisjoint`.
    fn dictview_isdisjoint(&mut self, view: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if view.is(other) {
            return Ok(self.dict_view_len(view)? == 0);
        }
        let (mut big, mut small) = (view.clone(), other.clone());
        if self.is_set_like(other) || self.is_setlike_view(other) {
            // Iterate over the shorter one.
            if self.len(other)? > self.dict_view_len(view)? {
                std::mem::swap(&mut big, &mut small);
            }
        }
        let it = self.iter(&small)?;
        while let Some(x) = self.next(&it)? {
            if self.contains(&big, &x)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// The dict a view or dict iterator refers to.
    pub(crate) fn view_dict(o: &ObjRef) -> Option<ObjRef> {
        let it = o.get::<DictIterObj>()?;
        let d = it.dict.take();
        it.dict.set(d.clone());
        d
    }

    pub(crate) fn dict_view_len(&mut self, o: &ObjRef) -> PyResult<usize> {
        Ok(Vm::view_dict(o)
            .and_then(|d| d.borrow::<DictObj>().map(|x| x.table.len()))
            .unwrap_or(0))
    }

    pub(crate) fn dictiter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some(io) = it.get::<DictIterObj>() else {
            return Err(self.internal_error("not a dict iterator"));
        };
        let Some(d) = io.dict.take() else {
            return Ok(None);
        };
        let (entry, end) = {
            let Some(dobj) = d.borrow::<DictObj>() else {
                return Ok(None);
            };
            if dobj.table.len() != io.used.get() {
                io.used.set(usize::MAX);
                drop(dobj);
                io.dict.set(Some(d));
                return Err(self.runtime_error("dictionary changed size during iteration"));
            }
            let mut pos = io.pos.get();
            let end = dobj.table.end_pos();
            let mut found = None;
            while pos < end {
                if let Some(e) = dobj.table.entry(pos) {
                    found = Some((e.key.clone(), e.value.clone()));
                    pos += 1;
                    break;
                }
                pos += 1;
            }
            io.pos.set(pos);
            (found, end)
        };
        let _ = end;
        match entry {
            None => Ok(None),
            Some((k, v)) => {
                io.dict.set(Some(d));
                match io.what {
                    DictIterWhat::Keys => Ok(Some(k)),
                    DictIterWhat::Values => Ok(Some(v)),
                    DictIterWhat::Items => {
                        // CPython's dictiter_iternextitem: the result tuple
                        // again if nothing else holds it, the old key and
                        // value released after the new ones are in.
                        let mut res = io.result.take();
                        let refilled = super::native::refill_result(res.as_mut(), [k, v]);
                        io.result.set(res);
                        match refilled {
                            Ok((out, old)) => {
                                drop(old);
                                Ok(Some(out))
                            }
                            Err(kv) => self.new_tuple_of(kv).map(Some),
                        }
                    }
                }
            }
        }
    }
}

// ------------------------------------------------------------------ methods

fn this_dict(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(d) if d.kind() == Kind::Dict => Ok(d.clone()),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'dict' object"))),
    }
}

fn dict_get(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "get", 2, 3)?;
    let d = this_dict(vm, &args, "get")?;
    match vm.dict_getitem_opt(&d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => Ok(args.pos.get(2).cloned().unwrap_or_else(|| vm.none.clone())),
    }
}

fn dict_keys(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "keys")?;
    vm.new_dict_iter(&d, DictIterWhat::Keys, true)
}

fn dict_values(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "values")?;
    vm.new_dict_iter(&d, DictIterWhat::Values, true)
}

fn dict_items(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "items")?;
    vm.new_dict_iter(&d, DictIterWhat::Items, true)
}

fn dictview_isdisjoint_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "isdisjoint")?;
    match args.pos.as_slice() {
        [view, other] if vm.is_setlike_view(view) => {
            let r = vm.dictview_isdisjoint(view, other)?;
            Ok(vm.new_bool(r))
        }
        [_, _] => Err(vm.type_error("descriptor 'isdisjoint' requires a dict view")),
        _ => Err(vm.type_error(format!(
            "isdisjoint() takes exactly one argument ({} given)",
            args.pos.len().saturating_sub(1)
        ))),
    }
}

fn dict_pop(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "pop", 2, 3)?;
    let d = this_dict(vm, &args, "pop")?;
    match vm.dict_pop_opt(&d, &args.pos[1])? {
        Some(v) => Ok(v),
        None => match args.pos.get(2) {
            Some(default) => Ok(default.clone()),
            None => Err(vm.key_error(args.pos[1].clone())),
        },
    }
}

fn dict_setdefault(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "setdefault", 2, 3)?;
    let d = this_dict(vm, &args, "setdefault")?;
    if let Some(v) = vm.dict_getitem_opt(&d, &args.pos[1])? {
        return Ok(v);
    }
    let default = args.pos.get(2).cloned().unwrap_or_else(|| vm.none.clone());
    vm.dict_setitem(&d, args.pos[1].clone(), default.clone())?;
    Ok(default)
}

fn dict_update_m(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "update expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    let d = this_dict(vm, &args, "update")?;
    if let Some(o) = args.pos.get(1) {
        vm.dict_update(&d, o)?;
    }
    for (k, v) in std::mem::take(&mut args.kw) {
        vm.dict_setitem(&d, k, v)?;
    }
    Ok(vm.none.clone())
}

fn dict_popitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "popitem")?;
    let item = d
        .borrow_mut::<DictObj>()
        .and_then(|mut dobj| dobj.table.pop_last());
    match item {
        Some((k, v)) => vm.new_tuple_of([k, v]),
        None => {
            let e = vm.new_exc(T::KeyError, "popitem(): dictionary is empty");
            Err(e)
        }
    }
}

fn dict_clear(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "clear")?;
    let entries = d
        .borrow_mut::<DictObj>()
        .map(|mut dobj| dobj.table.take_entries());
    // dict_clear releases keys and values in insertion order.
    if let Some(entries) = entries {
        for e in entries {
            drop(e.key);
            drop(e.value);
        }
    }
    Ok(vm.none.clone())
}

fn dict_copy(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this_dict(vm, &args, "copy")?;
    let n = vm.new_dict()?;
    vm.dict_update(&n, &d)?;
    Ok(n)
}

fn dict_fromkeys(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "fromkeys", 2, 3)?;
    let keys = vm.iterate(&args.pos[1])?;
    let value = args.pos.get(2).cloned().unwrap_or_else(|| vm.none.clone());
    let d = vm.new_dict()?;
    for k in keys {
        vm.dict_setitem(&d, k, value.clone())?;
    }
    Ok(d)
}

fn dict_contains(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "dict.__contains__")?;
    let d = this_dict(vm, &args, "__contains__")?;
    let r = vm.dict_getitem_opt(&d, &args.pos[1])?.is_some();
    Ok(vm.new_bool(r))
}

fn dict_getitem_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "dict.__getitem__")?;
    let d = this_dict(vm, &args, "__getitem__")?;
    vm.dict_subscript(&d, &args.pos[1])
}

fn dict_setitem_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__setitem__", 3, 3)?;
    let d = this_dict(vm, &args, "__setitem__")?;
    vm.dict_setitem(&d, args.pos[1].clone(), args.pos[2].clone())?;
    Ok(vm.none.clone())
}

fn dict_delitem_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "dict.__delitem__")?;
    let d = this_dict(vm, &args, "__delitem__")?;
    vm.dict_delitem(&d, &args.pos[1])?;
    Ok(vm.none.clone())
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, NativeFn)] = &[
        ("get", dict_get),
        ("keys", dict_keys),
        ("values", dict_values),
        ("items", dict_items),
        ("pop", dict_pop),
        ("setdefault", dict_setdefault),
        ("update", dict_update_m),
        ("popitem", dict_popitem),
        ("clear", dict_clear),
        ("copy", dict_copy),
        ("__contains__", dict_contains),
        ("__getitem__", dict_getitem_m),
        ("__setitem__", dict_setitem_m),
        ("__delitem__", dict_delitem_m),
    ];
    for (name, f) in methods {
        vm.add_method(T::Dict, name, *f)?;
    }
    for t in [T::DictKeys, T::DictItems] {
        vm.add_method(t, "isdisjoint", dictview_isdisjoint_m)?;
    }
    // dict.fromkeys is a classmethod: bound to the class when looked up.
    let f = vm.new_builtin_function("fromkeys", dict_fromkeys)?;
    let dict_ty = vm.ty(T::Dict).clone();
    let cm = vm.new_classmethod(f)?;
    let d = vm.type_dict(&dict_ty)?;
    let key = vm.intern("fromkeys")?;
    vm.dict_set_str(&d, &key, cm)?;
    Ok(())
}
