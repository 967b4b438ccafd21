//! Caches for the attribute instructions, after CPython 3.11's
//! specialisations of `LOAD_ATTR` (`LOAD_ATTR_INSTANCE_VALUE`,
//! `LOAD_ATTR_SLOT`, `LOAD_ATTR_MODULE`), `LOAD_METHOD`
//! (`LOAD_METHOD_WITH_VALUES`, `LOAD_METHOD_NO_DICT`) and `STORE_ATTR`
//! (`STORE_ATTR_INSTANCE_VALUE`, `STORE_ATTR_SLOT`).
//!
//! Each code object keeps one [`AttrCache`] per name for loads and one for
//! stores. An entry records, for objects of one type, where the last lookup
//! found the name: at an index of the instance's inline attributes, in the
//! dict of a type of the MRO, or in a module's dict. A hit re-checks the
//! cheap facts the entry relies on (the object's type, the VM's type epoch,
//! the key found at the recorded position) and otherwise falls back to the
//! full lookup, which refills the entry.
//!
//! Invariants:
//! - An entry holds positions and addresses, never references, so caching
//!   changes no reference count.
//! - A type entry is valid only while the type epoch
//!   ([`crate::types::MethodCache::epoch`]) is the one recorded. The epoch
//!   moves whenever any type's namespace changes and whenever a class is
//!   created, so a type address reused by a new class never matches an old
//!   entry, and hooks (`__getattribute__`, `__setattr__`, descriptors on
//!   the MRO) cannot appear behind an entry's back.
//! - Instance attributes are only read or written at a recorded index after
//!   checking that the key there is the (interned) name itself; names in
//!   inline attributes are always interned, so identity decides.
//! - A name goes into an instance's inline attributes only with
//!   `F_ATTR_NAME` set on it (`push_inline_attr`), so a
//!   method or class value found for a name without the flag is shadowed by
//!   no instance's inline attributes.
//! - The fast paths do exactly what the generic path does for the cases
//!   they accept, so results, reference counts and the order of attributes
//!   are the same with or without a hit.

use std::cell::Cell;

use ouro_heap::{flags, tflags, AttrCache, Attrs, DictObj, Kind, ObjRef, TupleObj, TypeObj};

use crate::types::T;
use crate::vm::Vm;

/// Nothing recorded.
const EMPTY: u8 = 0;
/// The lookup on this type cannot be served from the cache (a hook, a
/// descriptor with code, a dict-backed instance...): go straight to the
/// generic path without trying to fill again.
const GENERIC: u8 = 1;
/// The value is the instance's inline attribute at index `a` (plain
/// attributes and `__slots__` members alike).
const INSTANCE: u8 = 2;
/// A method (a Python function, or a builtin type's method descriptor) in
/// the dict of the MRO's type `a`, at entry `b`, not shadowed by the
/// instance.
const METHOD: u8 = 3;
/// A plain class attribute (no descriptor) in the dict of the MRO's type
/// `a`, at entry `b`, not shadowed by the instance.
const CLASS_VALUE: u8 = 4;
/// A module global at entry `a` of the module's dict (`version` is the
/// dict's keys version).
const MODULE: u8 = 5;
/// Store only: the instance has no attribute of that name yet and will
/// get it appended at index `a` (the position it would be appended at).
const APPEND: u8 = 6;
/// `LOAD_METHOD` only: as `METHOD`, for objects whose attribute lookup has
/// special cases of its own (sets, generators and the other native
/// objects, ints, floats...) that `LOAD_METHOD`, like CPython's
/// `_PyObject_GetMethod`, does not consult for a method found on the type.
const METHOD_ONLY: u8 = 7;

/// What a cached load produced.
pub(crate) enum Cached {
    Value(ObjRef),
    /// An unbound method to call with the object as its first argument.
    Method(ObjRef),
}

impl Vm {
    fn type_epoch(&self) -> u64 {
        self.method_cache.epoch()
    }

    /// `LOAD_ATTR` / `LOAD_METHOD` from the cache, or None on a miss.
    #[inline(always)]
    pub(crate) fn load_attr_cached(
        &self,
        obj: &ObjRef,
        name: &ObjRef,
        ways: &[Cell<AttrCache>],
        method: bool,
    ) -> Option<Cached> {
        let c = way_for(ways, obj);
        match c.kind {
            METHOD_ONLY if method => {
                if obj.class_addr() != c.key || c.version != self.type_epoch() {
                    return None;
                }
                if obj.has_attrs() && !unshadowed(obj, name) {
                    return None;
                }
                type_entry(&obj.class(), c.a, c.b, name).map(Cached::Method)
            }
            INSTANCE => {
                if obj.class_addr() != c.key || c.version != self.type_epoch() {
                    return None;
                }
                let attrs = obj.attrs()?;
                match &*attrs {
                    Attrs::Inline(pairs) => {
                        let (k, v) = pairs.get(c.a as usize)?;
                        k.is(name).then(|| Cached::Value(v.clone()))
                    }
                    Attrs::Dict(_) => None,
                }
            }
            METHOD | CLASS_VALUE => {
                if obj.class_addr() != c.key || c.version != self.type_epoch() {
                    return None;
                }
                if obj.has_attrs() && !unshadowed(obj, name) {
                    return None;
                }
                let v = type_entry(&obj.class(), c.a, c.b, name)?;
                Some(if c.kind == METHOD {
                    Cached::Method(v)
                } else {
                    Cached::Value(v)
                })
            }
            MODULE => {
                if obj.addr() != c.key || obj.kind() != Kind::Module {
                    return None;
                }
                let m = obj.get::<ouro_heap::ModuleObj>()?;
                let d = m.dict.borrow::<DictObj>()?;
                if d.table.current_version() != c.version {
                    return None;
                }
                let e = d.table.entry(c.a as usize)?;
                e.key.is(name).then(|| Cached::Value(e.value.clone()))
            }
            _ => None,
        }
    }

    /// Whether the load entry says to skip the cache for this object.
    #[inline]
    pub(crate) fn attr_cache_generic(&self, obj: &ObjRef, ways: &[Cell<AttrCache>]) -> bool {
        let c = way_for(ways, obj);
        c.kind == GENERIC && obj.class_addr() == c.key && c.version == self.type_epoch()
    }

    /// After a generic load of `name` from `obj`, records what a later load
    /// from an object of the same type can reuse.
    pub(crate) fn fill_load_cache(
        &self,
        obj: &ObjRef,
        name: &ObjRef,
        ways: &[Cell<AttrCache>],
        method: bool,
    ) {
        record(ways, self.load_entry(obj, name, method));
    }

    fn load_entry(&self, obj: &ObjRef, name: &ObjRef, method: bool) -> AttrCache {
        let generic = AttrCache {
            key: obj.class_addr(),
            version: self.type_epoch(),
            kind: GENERIC,
            a: 0,
            b: 0,
        };
        let empty = || AttrCache {
            kind: EMPTY,
            ..AttrCache::default()
        };
        if !name.has_flag(flags::F_INTERNED) {
            return empty();
        }
        let special = self.str_of(name).starts_with("__");
        if obj.kind() == Kind::Module {
            let Some(m) = obj.get::<ouro_heap::ModuleObj>() else {
                return generic;
            };
            if special || !obj.class_is(self.ty(T::Module)) {
                return generic;
            }
            let Some((pos, _)) = self.dict_find_str(&m.dict, name) else {
                return generic;
            };
            let Some(d) = m.dict.borrow::<DictObj>() else {
                return generic;
            };
            return AttrCache {
                key: obj.addr(),
                version: d.table.keys_version(),
                kind: MODULE,
                a: pos as u32,
                b: 0,
            };
        }
        let is_super = obj.kind() == Kind::Native && self.is_exact(obj, T::Super);
        if method && !special && !is_super && !matches!(obj.kind(), Kind::Type | Kind::WeakRef) {
            if let Some(e) = self.method_only_entry(obj, name, generic) {
                return e;
            }
        }
        // The kinds whose lookups have special cases of their own.
        if special
            || lookup_has_own_cases(obj.kind())
            || matches!(obj.kind(), Kind::Type | Kind::WeakRef)
        {
            return generic;
        }
        let ty = obj.class();
        if Vm::is_heap_type(&ty)
            && (self.may_hook(&ty, tflags::T_GETATTRIBUTE) || self.may_hook(&ty, tflags::T_GETATTR))
        {
            return generic;
        }
        let found = self.type_lookup_at(&ty, name);
        let inline_index = || inline_index(obj, name).map(|i| i as u32);
        let instance = |i: u32| AttrCache {
            kind: INSTANCE,
            a: i,
            ..generic
        };
        match found {
            // Not found at all (yet): try again next time.
            None => match inline_index() {
                Some(i) => instance(i),
                None => empty(),
            },
            Some((mi, pos, d)) => {
                let plain_instance_ok = obj.has_attrs() && !self.attrs_are_dict(obj);
                if let Some(member) = Vm::member_name(&d) {
                    // A __slots__ member reads the inline attribute by its name.
                    return match inline_index() {
                        Some(i) if member.is(name) => instance(i),
                        None if member.is(name) => empty(),
                        _ => generic,
                    };
                }
                let is_method = match d.kind() {
                    Kind::Function => true,
                    Kind::BuiltinFunction => d
                        .get::<ouro_heap::BuiltinFunctionObj>()
                        .is_some_and(|b| b.bound.is_none() && b.owner.is_some()),
                    _ => false,
                };
                let plain_value = !matches!(
                    d.kind(),
                    Kind::Native | Kind::Function | Kind::BuiltinFunction
                ) && !Vm::is_heap_class_of(&d);
                if !(is_method || plain_value) {
                    return generic;
                }
                if obj.has_attrs() {
                    if !plain_instance_ok {
                        return generic;
                    }
                    if let Some(i) = inline_index() {
                        // Shadowed by the instance (a non-data descriptor
                        // or a plain value loses to an instance attribute).
                        return instance(i);
                    }
                }
                AttrCache {
                    kind: if is_method { METHOD } else { CLASS_VALUE },
                    a: mi,
                    b: pos,
                    ..generic
                }
            }
        }
    }

    /// A `METHOD_ONLY` entry for an object of a kind with a special
    /// attribute lookup, when `LOAD_METHOD` would take the method from its
    /// type (see `Vm::load_method`).
    fn method_only_entry(
        &self,
        obj: &ObjRef,
        name: &ObjRef,
        generic: AttrCache,
    ) -> Option<AttrCache> {
        if !lookup_has_own_cases(obj.kind()) {
            return None;
        }
        let ty = obj.class();
        if Vm::is_heap_type(&ty) && self.may_hook(&ty, tflags::T_GETATTRIBUTE) {
            return None;
        }
        let (mi, pos, d) = self.type_lookup_at(&ty, name)?;
        let is_method = match d.kind() {
            Kind::Function => true,
            Kind::BuiltinFunction => d
                .get::<ouro_heap::BuiltinFunctionObj>()
                .is_some_and(|b| b.bound.is_none() && b.owner.is_some()),
            _ => false,
        };
        if !is_method || (obj.has_attrs() && !unshadowed(obj, name)) {
            return None;
        }
        Some(AttrCache {
            kind: METHOD_ONLY,
            a: mi,
            b: pos,
            ..generic
        })
    }

    fn attrs_are_dict(&self, obj: &ObjRef) -> bool {
        obj.attrs().is_some_and(|a| matches!(&*a, Attrs::Dict(_)))
    }

    /// `STORE_ATTR` through the cache. Gives the value back on a miss.
    #[inline(always)]
    pub(crate) fn store_attr_cached(
        &self,
        obj: &ObjRef,
        name: &ObjRef,
        value: ObjRef,
        ways: &[Cell<AttrCache>],
    ) -> Result<(), ObjRef> {
        let c = way_for(ways, obj);
        if !matches!(c.kind, INSTANCE | APPEND)
            || obj.class_addr() != c.key
            || c.version != self.type_epoch()
        {
            return Err(value);
        }
        let Some(mut attrs) = obj.attrs_mut() else {
            return Err(value);
        };
        let Attrs::Inline(pairs) = &mut *attrs else {
            return Err(value);
        };
        let i = c.a as usize;
        if c.kind == INSTANCE {
            match pairs.get_mut(i) {
                Some((k, v)) if k.is(name) => {
                    let old = std::mem::replace(v, value);
                    drop(attrs);
                    drop(old);
                    Ok(())
                }
                _ => Err(value),
            }
        } else if pairs.len() == i && !pairs.iter().any(|(k, _)| k.is(name)) {
            push_inline_attr(pairs, name.clone(), value);
            Ok(())
        } else {
            Err(value)
        }
    }

    /// After a generic store of `name` on `obj`, records what a later store
    /// on an object of the same type can do directly.
    pub(crate) fn fill_store_cache(
        &self,
        obj: &ObjRef,
        name: &ObjRef,
        appended: bool,
        ways: &[Cell<AttrCache>],
    ) {
        record(ways, self.store_entry(obj, name, appended));
    }

    fn store_entry(&self, obj: &ObjRef, name: &ObjRef, appended: bool) -> AttrCache {
        let generic = AttrCache {
            key: obj.class_addr(),
            version: self.type_epoch(),
            kind: GENERIC,
            a: 0,
            b: 0,
        };
        if !name.has_flag(flags::F_INTERNED)
            || obj.kind() != Kind::Object
            || self.str_of(name).starts_with("__")
        {
            return generic;
        }
        let ty = obj.class();
        if !Vm::is_heap_type(&ty) || self.may_hook(&ty, tflags::T_SETATTR) {
            return generic;
        }
        match self.type_lookup_at(&ty, name) {
            None if ty.tflags() & tflags::T_SLOTS != 0 => return generic,
            None => {}
            Some((_, _, d)) => match Vm::member_name(&d) {
                Some(member) if member.is(name) => {}
                _ => return generic,
            },
        }
        let Some(attrs) = obj.attrs() else {
            return generic;
        };
        let Attrs::Inline(pairs) = &*attrs else {
            return generic;
        };
        match pairs.iter().position(|(k, _)| k.is(name)) {
            // The store just appended the name: the next instance of the
            // class is most likely built the same way.
            Some(i) if appended && i + 1 == pairs.len() => AttrCache {
                kind: APPEND,
                a: i as u32,
                ..generic
            },
            Some(i) => AttrCache {
                kind: INSTANCE,
                a: i as u32,
                ..generic
            },
            None => generic,
        }
    }

    /// Whether the instance has an inline attribute `name`.
    pub(crate) fn has_inline_attr(&self, obj: &ObjRef, name: &ObjRef) -> bool {
        inline_index(obj, name).is_some()
    }
}

/// Kinds whose attribute lookup is not only the type's and the instance's
/// attributes: `special_getattr`'s kinds, and functions (their `__dict__`).
/// Types, weak proxies and modules are excluded by the callers.
fn lookup_has_own_cases(kind: Kind) -> bool {
    crate::ops::special_getattr_kind(kind) || kind == Kind::Function
}

/// The entries kept per name and instruction kind: four, so that a name
/// used on objects of a few types in one code object (`p.x` and `q.x`,
/// `task.run()` over a class hierarchy) keeps them all.
pub(crate) const WAYS: usize = 4;

/// The entries of name `i` in a code object's cache array.
#[inline(always)]
pub(crate) fn ways_of(cache: &[Cell<AttrCache>], i: u32) -> &[Cell<AttrCache>] {
    let start = i as usize * WAYS;
    cache.get(start..start + WAYS).unwrap_or(&[])
}

/// The entry for `obj`'s type (or, for a module, for `obj` itself), or an
/// empty one.
#[inline(always)]
fn way_for(ways: &[Cell<AttrCache>], obj: &ObjRef) -> AttrCache {
    for w in ways {
        let c = w.get();
        if c.key == obj.class_addr() || c.key == obj.addr() {
            return c;
        }
    }
    AttrCache::default()
}

/// Stores `e`, replacing the entry for the same key, else the least
/// recently recorded one (the others move down a place).
fn record(ways: &[Cell<AttrCache>], e: AttrCache) {
    if let Some(w) = ways.iter().find(|w| w.get().key == e.key) {
        w.set(e);
        return;
    }
    for k in (1..ways.len()).rev() {
        ways[k].set(ways[k - 1].get());
    }
    if let Some(w) = ways.first() {
        w.set(e);
    }
}

/// Where `name` is among the instance's inline attributes (None when it is
/// not there, or the instance keeps a dict).
fn inline_index(obj: &ObjRef, name: &ObjRef) -> Option<usize> {
    match &*obj.attrs()? {
        Attrs::Inline(pairs) => pairs.iter().position(|(k, _)| k.is(name)),
        Attrs::Dict(_) => None,
    }
}

/// Appends `name` = `value` to an instance's inline attributes: the one way
/// a name gets there, marked `F_ATTR_NAME` (see [`unshadowed`]).
pub(crate) fn push_inline_attr(
    pairs: &mut ouro_heap::HVec<(ObjRef, ObjRef)>,
    name: ObjRef,
    value: ObjRef,
) {
    name.set_flag(flags::F_ATTR_NAME, true);
    pairs.push((name, value));
}

/// Whether none of the instance's inline attributes is `name` (false for a
/// dict-backed instance: its dict may hold anything).
#[inline(always)]
fn unshadowed(obj: &ObjRef, name: &ObjRef) -> bool {
    match obj.attrs() {
        Some(a) => match &*a {
            // A name no instance ever had needs no search (F_ATTR_NAME).
            Attrs::Inline(pairs) => {
                !name.has_flag(flags::F_ATTR_NAME) || !pairs.iter().any(|(k, _)| k.is(name))
            }
            Attrs::Dict(_) => false,
        },
        None => true,
    }
}

/// The value at entry `pos` of the dict of the type at `mro_index` of
/// `ty`'s MRO, if its key is `name`.
#[inline(always)]
pub(crate) fn type_entry(ty: &ObjRef, mro_index: u32, pos: u32, name: &ObjRef) -> Option<ObjRef> {
    let t = ty.borrow::<TypeObj>()?;
    if mro_index == 0 {
        // The type itself: an MRO always starts with its type (`c3_mro`;
        // a metaclass cannot replace `mro()` in ouro).
        return dict_entry(&t.dict, pos, name);
    }
    let items = t.mro.get::<TupleObj>()?;
    let owner = items.items().get(mro_index as usize)?;
    let o = owner.borrow::<TypeObj>()?;
    dict_entry(&o.dict, pos, name)
}

/// The value at entry `pos` of `dict`, if its key is `name`.
#[inline(always)]
fn dict_entry(dict: &ObjRef, pos: u32, name: &ObjRef) -> Option<ObjRef> {
    let d = dict.borrow::<DictObj>()?;
    let e = d.table.entry(pos as usize)?;
    e.key.is(name).then(|| e.value.clone())
}
