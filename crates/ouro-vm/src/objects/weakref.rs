//! Weak references: `weakref.ref` (`ReferenceType`) and the proxies
//! (`ProxyType`, `CallableProxyType`), and the `_weakref` module. Mirrors
//! CPython's `Objects/weakrefobject.c`.
//!
//! The referent side (the list of weakrefs to an object, clearing at death)
//! is `ouro_heap::weakref`. This module decides which objects may be weakly
//! referenced, where a new weakref goes in the list (so that callback-less
//! refs and proxies are shared, as in CPython), and what the objects do.

use ouro_heap::{weakref as heapweak, Kind, ObjRef, WeakRefObj};

use crate::error::{PyErr, PyResult};
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

/// Positions of the shareable weakrefs at the head of a referent's list
/// (CPython's `get_basic_refs`): the callback-less exact ref first, then the
/// callback-less proxy.
struct BasicRefs {
    r#ref: Option<ObjRef>,
    proxy: Option<ObjRef>,
    /// Index after the last basic ref present.
    after: usize,
}

impl Vm {
    /// Whether objects like `o` can be weakly referenced (CPython: the type
    /// has `tp_weaklistoffset`).
    pub(crate) fn supports_weakrefs(&mut self, o: &ObjRef) -> bool {
        let ty = o.class();
        if ty.tflags() & ouro_heap::tflags::T_SLOTS != 0 {
            return self.slots_allow_weakref(&ty);
        }
        if Vm::is_heap_type(&ty) {
            // Classes get a __weakref__ slot unless their builtin base is
            // variable-sized (int, bool, tuple, str).
            return !matches!(
                self.builtin_of(&ty),
                T::Int | T::Bool | T::Tuple | T::Str | T::Bytes
            );
        }
        matches!(
            o.kind(),
            Kind::Function | Kind::Type | Kind::Method | Kind::BuiltinFunction | Kind::Code
        ) || matches!(self.builtin_of(&ty), T::Set | T::FrozenSet | T::Module)
    }

    fn basic_refs(&self, referent: &ObjRef) -> BasicRefs {
        let list = heapweak::weakrefs(referent);
        let mut out = BasicRefs {
            r#ref: None,
            proxy: None,
            after: 0,
        };
        let mut i = 0;
        if let Some(first) = list.first() {
            if first.class_is(self.ty(T::WeakRef)) && !has_callback(first) {
                out.r#ref = Some(first.clone());
                i = 1;
            }
        }
        if let Some(next) = list.get(i) {
            if self.is_proxy(next) && !has_callback(next) {
                out.proxy = Some(next.clone());
                i += 1;
            }
        }
        out.after = i;
        out
    }

    fn cannot_weakref(&mut self, o: &ObjRef) -> PyErr {
        let tn = self.type_name_of(o);
        self.type_error(format!("cannot create weak reference to '{tn}' object"))
    }

    /// `weakref.ref(ob, callback=None)` and subclasses (`ty`).
    pub(crate) fn weakref_new(&mut self, ty: &ObjRef, args: Args) -> PyResult<ObjRef> {
        if !args.kw.is_empty() {
            return Err(self.type_error("ref() takes no keyword arguments"));
        }
        args.check(self, "__new__", 1, 2)?;
        let referent = args.pos[0].clone();
        let callback = args.pos.get(1).filter(|c| !c.is(&self.none)).cloned();
        if !self.supports_weakrefs(&referent) {
            return Err(self.cannot_weakref(&referent));
        }
        let exact = ty.is(self.ty(T::WeakRef));
        let basic = self.basic_refs(&referent);
        if callback.is_none() && exact {
            if let Some(r) = basic.r#ref {
                return Ok(r);
            }
        }
        // The exact callback-less ref goes first; others after the basic
        // ref and proxy.
        let at = if callback.is_none() && exact {
            0
        } else {
            basic.after
        };
        let attrs = Vm::is_heap_type(ty);
        heapweak::new_weakref(ty, &referent, callback, at, attrs).map_err(|_| self.memory_error())
    }

    /// `weakref.proxy(ob, callback=None)`.
    pub(crate) fn proxy_new(&mut self, args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "proxy")?;
        args.check(self, "proxy", 1, 2)?;
        let referent = args.pos[0].clone();
        let callback = args.pos.get(1).filter(|c| !c.is(&self.none)).cloned();
        if !self.supports_weakrefs(&referent) {
            return Err(self.cannot_weakref(&referent));
        }
        let basic = self.basic_refs(&referent);
        if callback.is_none() {
            if let Some(p) = basic.proxy {
                return Ok(p);
            }
        }
        let t = if self.is_callable(&referent) {
            T::WeakCallableProxy
        } else {
            T::WeakProxy
        };
        // Callback-less: right after the basic ref; others after the
        // basic proxy too.
        let at = if callback.is_none() {
            basic.r#ref.is_some() as usize
        } else {
            basic.after
        };
        let ty = self.ty(t).clone();
        heapweak::new_weakref(&ty, &referent, callback, at, false).map_err(|_| self.memory_error())
    }

    /// Whether `o` is a weak proxy.
    #[inline]
    pub(crate) fn is_proxy(&self, o: &ObjRef) -> bool {
        o.kind() == Kind::WeakRef
            && (o.class_is(self.ty(T::WeakProxy)) || o.class_is(self.ty(T::WeakCallableProxy)))
    }

    /// The referent of a proxy; `ReferenceError` once it died.
    pub(crate) fn proxy_referent(&mut self, p: &ObjRef) -> PyResult<ObjRef> {
        match heapweak::referent(p) {
            Some(o) => Ok(o),
            None => Err(self.new_exc(
                T::ReferenceError,
                "weakly-referenced object no longer exists",
            )),
        }
    }

    /// For operations that proxies forward: the referent if `o` is a
    /// proxy (an error if it died), None otherwise.
    #[inline]
    pub(crate) fn unproxy(&mut self, o: &ObjRef) -> PyResult<Option<ObjRef>> {
        if o.kind() != Kind::WeakRef || !self.is_proxy(o) {
            return Ok(None);
        }
        self.proxy_referent(o).map(Some)
    }

    /// Calling a weakref: its referent, or None once it died.
    pub(crate) fn weakref_call(&mut self, wr: &ObjRef, args: Args) -> PyResult<ObjRef> {
        if !args.kw.is_empty() {
            return Err(self.type_error("weakref() takes no keyword arguments"));
        }
        if !args.pos.is_empty() {
            return Err(self.type_error(format!(
                "weakref expected 0 arguments, got {}",
                args.pos.len()
            )));
        }
        Ok(heapweak::referent(wr).unwrap_or_else(|| self.none.clone()))
    }

    /// `repr()` of a weakref or proxy.
    pub(crate) fn weakref_repr(&mut self, wr: &ObjRef) -> PyResult<String> {
        let proxy = self.is_proxy(wr);
        let Some(obj) = heapweak::referent(wr) else {
            return Ok(if proxy {
                format!("<weakproxy at {:#x}; dead>", wr.addr())
            } else {
                format!("<weakref at {:#x}; dead>", wr.addr())
            });
        };
        let tn = self.type_name_of(&obj);
        if proxy {
            return Ok(format!(
                "<weakproxy at {:#x} to {tn} at {:#x}>",
                wr.addr(),
                obj.addr()
            ));
        }
        let name = self.names.name.clone();
        let suffix = match self.getattr(&obj, &name) {
            Ok(n) if n.kind() == Kind::Str => format!(" ({})", self.str_of(&n)),
            Ok(_) => String::new(),
            Err(e) if self.is_instance_of(&e.0, T::AttributeError) => String::new(),
            Err(e) => return Err(e),
        };
        Ok(format!(
            "<weakref at {:#x}; to '{tn}' at {:#x}{suffix}>",
            wr.addr(),
            obj.addr()
        ))
    }

    /// `hash()` of a weakref: the referent's hash, remembered after the
    /// first call so that it survives the referent.
    pub(crate) fn weakref_hash(&mut self, wr: &ObjRef) -> PyResult<i64> {
        if self.is_proxy(wr) {
            let tn = self.full_type_name(wr);
            return Err(self.type_error(format!("unhashable type: '{tn}'")));
        }
        let Some(w) = wr.get::<WeakRefObj>() else {
            return Err(self.internal_error("weakref without payload"));
        };
        let cached = w.hash.get();
        if cached != -1 {
            return Ok(cached);
        }
        let Some(obj) = heapweak::referent(wr) else {
            return Err(self.type_error("weak object has gone away"));
        };
        let h = self.hash(&obj)?;
        if let Some(w) = wr.get::<WeakRefObj>() {
            w.hash.set(h);
        }
        Ok(h)
    }

    /// `==` / `!=` between weakrefs: the referents compared while both
    /// live, identity otherwise. None: not two weakrefs.
    pub(crate) fn weakref_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        eq: bool,
    ) -> PyResult<Option<bool>> {
        if a.kind() != Kind::WeakRef || b.kind() != Kind::WeakRef {
            return Ok(None);
        }
        if self.is_proxy(a) || self.is_proxy(b) {
            return Ok(None);
        }
        match (heapweak::referent(a), heapweak::referent(b)) {
            (Some(x), Some(y)) => {
                let r = self.eq(&x, &y)?;
                Ok(Some(r == eq))
            }
            _ => Ok(Some(a.is(b) == eq)),
        }
    }

    /// The `__callback__` attribute.
    pub(crate) fn weakref_callback_attr(&self, wr: &ObjRef) -> ObjRef {
        wr.get::<WeakRefObj>()
            .and_then(|w| w.callback())
            .unwrap_or_else(|| self.none.clone())
    }

    /// The dotted name CPython's `tp_name` has for the weakref types.
    pub(crate) fn full_type_name(&mut self, o: &ObjRef) -> String {
        let ty = o.class();
        let name = self.type_name(&ty);
        match self.type_module_name(&ty) {
            Some(m) if m != "builtins" && !Vm::is_heap_type(&ty) => format!("{m}.{name}"),
            _ => name,
        }
    }
}

fn has_callback(wr: &ObjRef) -> bool {
    wr.get::<WeakRefObj>().is_some_and(|w| w.has_callback())
}

// ------------------------------------------------------------ _weakref

fn weakref_getweakrefcount(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "_weakref.getweakrefcount")?;
    args.exactly_one(vm, "_weakref.getweakrefcount")?;
    let n = heapweak::weakref_count(&args.pos[0]);
    vm.new_int(n as i64)
}

fn weakref_getweakrefs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "_weakref.getweakrefs")?;
    args.exactly_one(vm, "_weakref.getweakrefs")?;
    let refs = heapweak::weakrefs(&args.pos[0]);
    vm.new_list(refs)
}

fn weakref_proxy(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    vm.proxy_new(args)
}

/// `_remove_dead_weakref(dict, key)`: deletes `dict[key]` if it is a dead
/// weakref (used by `WeakValueDictionary`).
fn weakref_remove_dead(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "_remove_dead_weakref")?;
    args.check(vm, "_remove_dead_weakref", 2, 2)?;
    let (d, key) = (&args.pos[0], &args.pos[1]);
    if !vm.is_instance_of(d, T::Dict) {
        let tn = vm.type_name_of(d);
        return Err(vm.type_error(format!(
            "_remove_dead_weakref() argument 1 must be dict, not {tn}"
        )));
    }
    if let Some(v) = vm.dict_getitem_opt(d, key)? {
        if v.kind() == Kind::WeakRef && heapweak::referent(&v).is_none() {
            vm.dict_delitem(d, key)?;
        }
    }
    Ok(vm.none.clone())
}

/// `ReferenceType.__new__(cls, ob, callback=None)`.
fn ref_dunder_new(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    if args.pos.is_empty() {
        return Err(vm.type_error("ReferenceType.__new__(): not enough arguments"));
    }
    let cls = args.pos.remove(0);
    if cls.kind() != Kind::Type || !vm.is_subtype(&cls, vm.ty(T::WeakRef)) {
        let tn = vm.type_name_of(&cls);
        return Err(vm.type_error(format!(
            "ReferenceType.__new__(X): X is not a type object ({tn})"
        )));
    }
    vm.weakref_new(&cls, args)
}

/// `ReferenceType.__init__`: accepts the constructor's arguments.
fn ref_dunder_init(vm: &mut Vm, _args: Args) -> PyResult<ObjRef> {
    Ok(vm.none.clone())
}

fn ref_dunder_call(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let wr = args.pos.remove(0);
    vm.weakref_call(&wr, args)
}

fn ref_dunder_hash(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__hash__", 1, 1)?;
    let h = vm.weakref_hash(&args.pos[0])?;
    vm.new_int(h)
}

fn ref_compare(vm: &mut Vm, args: Args, eq: bool) -> PyResult<ObjRef> {
    args.check(vm, if eq { "__eq__" } else { "__ne__" }, 2, 2)?;
    match vm.weakref_compare(&args.pos[0], &args.pos[1], eq)? {
        Some(r) => Ok(vm.new_bool(r)),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn ref_dunder_eq(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    ref_compare(vm, args, true)
}

fn ref_dunder_ne(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    ref_compare(vm, args, false)
}

/// Installs the methods of `ReferenceType` that subclasses reach through
/// `super()` or the class (`ref.__new__(cls, ob)` in `WeakMethod`).
pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    vm.add_method(T::WeakRef, "__init__", ref_dunder_init)?;
    vm.add_method(T::WeakRef, "__call__", ref_dunder_call)?;
    vm.add_method(T::WeakRef, "__hash__", ref_dunder_hash)?;
    vm.add_method(T::WeakRef, "__eq__", ref_dunder_eq)?;
    vm.add_method(T::WeakRef, "__ne__", ref_dunder_ne)?;
    let new = vm.new_builtin_function("__new__", ref_dunder_new)?;
    let ty = vm.ty(T::WeakRef).clone();
    let d = vm.type_dict(&ty)?;
    let k = vm.names.new.clone();
    vm.dict_set_str(&d, &k, new)
}

/// Makes the `_weakref` module.
pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_weakref")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    vm.add_function(&d, "getweakrefcount", weakref_getweakrefcount)?;
    vm.add_function(&d, "getweakrefs", weakref_getweakrefs)?;
    vm.add_function(&d, "proxy", weakref_proxy)?;
    vm.add_function(&d, "_remove_dead_weakref", weakref_remove_dead)?;
    for (name, t) in [
        ("ref", T::WeakRef),
        ("ReferenceType", T::WeakRef),
        ("ProxyType", T::WeakProxy),
        ("CallableProxyType", T::WeakCallableProxy),
    ] {
        let k = vm.intern(name)?;
        let v = vm.ty(t).clone();
        vm.dict_set_str(&d, &k, v)?;
    }
    Ok(m)
}
