//! Classes: `__build_class__`, `type(name, bases, ns)`, `super`, and
//! `str.format` (which needs attribute and item access on arguments).

use ouro_heap::{tflags, CellObj, ExceptionObj, FunctionObj, Kind, ObjRef, TupleObj, TypeObj};

use crate::error::PyResult;
use crate::interp::FrameKind;
use crate::natives::Args;
use crate::objects::native::SuperObj;
use crate::types::{c3_mro, T};
use crate::vm::Vm;

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let b = vm.builtins.clone();
    vm.add_function(&b, "__build_class__", build_class)?;
    vm.add_method(T::Type, "mro", type_mro)?;
    vm.add_method(T::Type, "__call__", type_call_method)?;
    vm.add_method(T::Type, "__init__", type_init_method)?;
    add_static(vm, T::Type, "__new__", type_new_method)?;
    add_static(vm, T::Object, "__new__", object_new_method)?;
    for t in [T::Tuple, T::Int, T::Float, T::Str] {
        add_static(vm, t, "__new__", immutable_new_method)?;
    }
    vm.add_method(T::Type, "__subclasses__", type_subclasses)?;
    vm.add_method(T::MemberDescriptor, "__get__", member_get_m)?;
    vm.add_method(T::MemberDescriptor, "__set__", member_set_m)?;
    vm.add_method(T::MemberDescriptor, "__delete__", member_delete_m)?;
    Ok(())
}

/// `member.__get__(obj, type=None)`: the slot's value (the descriptor for
/// class access).
fn member_get_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__get__", 2, 3)?;
    let (descr, obj) = (args.pos[0].clone(), args.pos[1].clone());
    if obj.is(&vm.none) {
        return Ok(descr);
    }
    let owner = obj.class();
    match vm.bind_native_descriptor(&descr, Some(&obj), &owner)? {
        Some(v) => Ok(v),
        None => Err(vm.type_error("descriptor '__get__' requires a 'member_descriptor' object")),
    }
}

fn member_set_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__set__", 3, 3)?;
    vm.member_set(&args.pos[0], &args.pos[1], Some(args.pos[2].clone()))?;
    Ok(vm.none.clone())
}

fn member_delete_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__delete__", 2, 2)?;
    vm.member_set(&args.pos[0], &args.pos[1], None)?;
    Ok(vm.none.clone())
}

/// `__build_class__(func, name, *bases, metaclass=None, **kwds)`.
fn build_class(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    if args.len() < 2 {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    }
    let meta_kw = args.take_kw(vm, "metaclass");
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let (Some(func), Some(name)) = (pos.next(), pos.next()) else {
        return Err(vm.type_error("__build_class__: not enough arguments"));
    };
    if func.kind() != Kind::Function {
        return Err(vm.type_error("__build_class__: func must be a function"));
    }
    if name.kind() != Kind::Str {
        return Err(vm.type_error("__build_class__: name is not a string"));
    }
    let orig_bases: Vec<ObjRef> = pos.collect();
    // PEP 560: __mro_entries__ on non-type bases.
    let mut bases = Vec::with_capacity(orig_bases.len());
    let mut changed = false;
    for b in &orig_bases {
        if b.kind() == Kind::Type {
            bases.push(b.clone());
            continue;
        }
        // An attribute lookup on the base, as CPython's: a function with a
        // `__mro_entries__` attribute (typing.NamedTuple) counts too.
        let me = vm.names.mro_entries.clone();
        let entries = match vm.getattr(b, &me) {
            Ok(f) => Some(f),
            Err(e) if vm.err_is(&e, T::AttributeError) => None,
            Err(e) => return Err(e),
        };
        match entries {
            Some(f) => {
                let t = vm.new_tuple(orig_bases.clone())?;
                let r = vm.call(&f, vec![t])?;
                if r.kind() != Kind::Tuple {
                    return Err(vm.type_error("__mro_entries__ must return a tuple"));
                }
                bases.extend(vm.seq_items(&r));
                changed = true;
            }
            None => bases.push(b.clone()),
        }
    }
    let meta = match meta_kw {
        Some(m) => m,
        None => match bases.first() {
            Some(b) => b.class(),
            _ => vm.ty(T::Type).clone(),
        },
    };
    // The most derived metaclass of the bases.
    let meta = if meta.kind() == Kind::Type {
        let mut winner = meta;
        for b in &bases {
            let bm = b.class();
            if vm.is_subtype(&winner, &bm) {
                continue;
            }
            if vm.is_subtype(&bm, &winner) {
                winner = bm;
                continue;
            }
            return Err(vm.type_error(
                "metaclass conflict: the metaclass of a derived class must be a (non-strict) subclass of the metaclasses of all its bases",
            ));
        }
        winner
    } else {
        meta
    };
    let bases_t = vm.new_tuple(bases)?;
    // __prepare__
    let prepare = vm.names.prepare.clone();
    let ns = match vm.type_getattr_opt(&meta, &prepare)? {
        Some(p) if !Vm::is_heap_type(&meta) || p.kind() != Kind::BuiltinFunction => {
            let mut a = vec![name.clone(), bases_t.clone()];
            let kwn = kw_tuple(vm, &args.kw, &mut a)?;
            vm.call_kw(&p, a, kwn)?
        }
        _ => vm.new_dict()?,
    };
    // Run the class body with `ns` as its namespace.
    vm.push_function_frame(&func, Vec::new(), None, FrameKind::Entry, Some(ns.clone()))?;
    let cell = vm.run_entry()?;
    if changed {
        let key = vm.intern("__orig_bases__")?;
        let ob = vm.new_tuple(orig_bases)?;
        vm.setitem(&ns, key, ob)?;
    }
    let mut a = vec![name, bases_t, ns];
    let kwn = kw_tuple(vm, &args.kw, &mut a)?;
    let cls = vm.call_kw(&meta, a, kwn)?;
    if cell.kind() == Kind::Cell {
        if let Some(mut c) = cell.borrow_mut::<CellObj>() {
            c.value = Some(cls.clone());
        }
    }
    Ok(cls)
}

/// Stores a native function in a builtin type's dict as a staticmethod
/// (how `__new__` is exposed).
fn add_static(vm: &mut Vm, t: T, name: &'static str, f: crate::natives::NativeFn) -> PyResult<()> {
    let func = vm.new_builtin_function(name, f)?;
    let sm = vm.new_native(
        T::StaticMethod,
        crate::objects::native::Wrapper { func: Some(func) },
    )?;
    let ty = vm.ty(t).clone();
    let d = vm.type_dict(&ty)?;
    let key = vm.intern(name)?;
    vm.dict_set_str(&d, &key, sm)
}

fn kwnames_of(
    vm: &mut Vm,
    kw: &[(ObjRef, ObjRef)],
    args: &mut Vec<ObjRef>,
) -> PyResult<Option<ObjRef>> {
    kw_tuple(vm, kw, args)
}

/// `type.__call__(cls, *args, **kwargs)`: the default instance creation.
fn type_call_method(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let Some(cls) = pos.next() else {
        return Err(vm.type_error("descriptor '__call__' of 'type' object needs an argument"));
    };
    let mut rest: Vec<ObjRef> = pos.collect();
    let kwn = kwnames_of(vm, &args.kw, &mut rest)?;
    let at = vm.hold_tp_args(rest);
    let r = vm.create_instance(cls, at, kwn, false);
    vm.end_tp_call(at, false);
    match r? {
        crate::interp::Called::Value(v) => Ok(v),
        crate::interp::Called::Pushed => Err(vm.internal_error("unexpected frame push")),
    }
}

fn type_init_method(vm: &mut Vm, _args: Args) -> PyResult<ObjRef> {
    Ok(vm.none.clone())
}

/// `type.__new__(mcs, name, bases, ns, **kwargs)`.
fn type_new_method(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    if args.len() != 4 {
        if args.len() == 2 {
            return Ok(args.pos[1].class());
        }
        return Err(vm.type_error("type.__new__() takes exactly 3 arguments"));
    }
    let mcs = args.pos[0].clone();
    if mcs.kind() != Kind::Type || !vm.is_subtype(&mcs, vm.ty(T::Type)) {
        return Err(vm.type_error("type.__new__(X): X is not a type object"));
    }
    vm.type_new(&mcs, &args.pos[1], &args.pos[2], &args.pos[3], &args.kw)
}

/// `object.__new__(cls, *args)`.
fn object_new_method(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(cls) = args.pos.first().cloned() else {
        return Err(vm.type_error("object.__new__(): not enough arguments"));
    };
    if cls.kind() != Kind::Type {
        let tn = vm.type_name_of(&cls);
        return Err(vm.type_error(format!("object.__new__(X): X is not a type object ({tn})")));
    }
    // `tuple.__new__(cls, ...)` and the like reach here (builtin types share
    // object's `__new__`): a class with a builtin base other than object
    // takes the base's arguments.
    if vm.builtin_of(&cls) == T::Random {
        // PyType_GenericNew: an unseeded generator, whatever the arguments
        // (`_random.Random.__init__` seeds it).
        return vm.random_object_new(&cls);
    }
    if vm.builtin_of(&cls) != T::Object && args.kw.is_empty() {
        let rest = args.pos[1..].to_vec();
        if !Vm::is_heap_type(&cls) {
            return vm.call_builtin_type(&cls, rest, None);
        }
        return vm.object_new(&cls, &rest, None);
    }
    if args.len() > 1 || !args.kw.is_empty() {
        let new_name = vm.names.new.clone();
        let init_name = vm.names.init.clone();
        let new_overridden = vm
            .type_lookup(&cls, &new_name)
            .map(|n| vm.unwrap_staticmethod(&n))
            .is_some_and(|f| f.kind() == Kind::Function);
        let init_overridden = vm
            .type_lookup(&cls, &init_name)
            .is_some_and(|f| f.kind() == Kind::Function);
        if new_overridden {
            return Err(vm.type_error(
                "object.__new__() takes exactly one argument (the type to instantiate)",
            ));
        }
        if !init_overridden {
            let tn = vm.type_name(&cls);
            return Err(vm.type_error(format!("{tn}() takes no arguments")));
        }
    }
    if !Vm::is_heap_type(&cls) {
        return vm.call_builtin_type(&cls, Vec::new(), None);
    }
    vm.object_new(&cls, &[], None)
}

/// `tuple.__new__(cls, ...)` (and `int`, `float`, `str`): the value built
/// by the builtin type, as an instance of `cls`. A subclass's own `__new__`
/// reaches its immutable base this way (namedtuple's `__new__` does).
fn immutable_new_method(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let Some(cls) = args.pos.first().cloned() else {
        return Err(vm.type_error("__new__(): not enough arguments"));
    };
    if cls.kind() != Kind::Type {
        let tn = vm.type_name_of(&cls);
        return Err(vm.type_error(format!("__new__(X): X is not a type object ({tn})")));
    }
    let base = vm.builtin_of(&cls);
    if !matches!(base, T::Tuple | T::Int | T::Float | T::Str) {
        let tn = vm.type_name(&cls);
        return Err(vm.type_error(format!(
            "__new__({tn}): {tn} is not a subtype of an immutable builtin"
        )));
    }
    let mut pos = args.pos.split_off(1);
    let kw = std::mem::take(&mut args.kw);
    let kwnames = kw_tuple(vm, &kw, &mut pos)?;
    if !Vm::is_heap_type(&cls) {
        return vm.call_builtin_type(&cls, pos, kwnames.as_ref());
    }
    vm.object_new(&cls, &pos, kwnames.as_ref())
}

fn kw_tuple(
    vm: &mut Vm,
    kw: &[(ObjRef, ObjRef)],
    args: &mut Vec<ObjRef>,
) -> PyResult<Option<ObjRef>> {
    if kw.is_empty() {
        return Ok(None);
    }
    let mut names = Vec::with_capacity(kw.len());
    for (k, v) in kw {
        names.push(k.clone());
        args.push(v.clone());
    }
    vm.new_tuple(names).map(Some)
}

fn type_mro(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let items = vm.mro_of(&args.pos[0]);
    vm.new_list(items)
}

fn type_subclasses(vm: &mut Vm, _args: Args) -> PyResult<ObjRef> {
    vm.new_list(Vec::new())
}

impl Vm {
    pub(crate) fn type_getattr_opt(
        &mut self,
        ty: &ObjRef,
        name: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        match self.type_lookup(ty, name) {
            Some(v) => self.bind_descriptor(v, None, ty).map(Some),
            None => Ok(None),
        }
    }

    /// `type(x)` or `type(name, bases, ns)`.
    pub(crate) fn type_call(&mut self, args: Args) -> PyResult<ObjRef> {
        if args.len() == 1 && args.kw.is_empty() {
            return Ok(args.pos[0].class());
        }
        if args.len() != 3 {
            return Err(self.type_error("type() takes 1 or 3 arguments"));
        }
        let meta = self.ty(T::Type).clone();
        self.type_new(&meta, &args.pos[0], &args.pos[1], &args.pos[2], &args.kw)
    }

    /// Creates a class. Mirrors CPython's `type_new`.
    pub(crate) fn type_new(
        &mut self,
        meta: &ObjRef,
        name: &ObjRef,
        bases: &ObjRef,
        ns: &ObjRef,
        kw: &[(ObjRef, ObjRef)],
    ) -> PyResult<ObjRef> {
        if name.kind() != Kind::Str {
            let tn = self.type_name_of(name);
            return Err(self.type_error(format!("type.__new__() argument 1 must be str, not {tn}")));
        }
        if bases.kind() != Kind::Tuple {
            let tn = self.type_name_of(bases);
            return Err(
                self.type_error(format!("type.__new__() argument 2 must be tuple, not {tn}"))
            );
        }
        if ns.kind() != Kind::Dict {
            let tn = self.type_name_of(ns);
            return Err(
                self.type_error(format!("type.__new__() argument 3 must be dict, not {tn}"))
            );
        }
        let mut base_list = self.seq_items(bases);
        if base_list.is_empty() {
            base_list.push(self.ty(T::Object).clone());
        }
        let mut builtin = T::Object;
        for b in &base_list {
            if b.kind() != Kind::Type {
                return Err(self.type_error("bases must be types"));
            }
            if b.tflags() & tflags::T_BASETYPE == 0 {
                let bn = self.type_name(b);
                return Err(self.type_error(format!("type '{bn}' is not an acceptable base type")));
            }
            let bb = self.builtin_of(b);
            if bb != T::Object {
                if builtin != T::Object && !self.layout_compatible(builtin, bb) {
                    return Err(self.type_error("multiple bases have instance lay-out conflict"));
                }
                if builtin == T::Object || self.is_subtype(self.ty(bb), self.ty(builtin)) {
                    builtin = bb;
                }
            }
        }
        for (i, b) in base_list.iter().enumerate() {
            if base_list[..i].iter().any(|x| x.is(b)) {
                let bn = self.type_name(b);
                return Err(self.type_error(format!("duplicate base class {bn}")));
            }
        }
        let layout = self.types[builtin as usize]
            .borrow::<TypeObj>()
            .map(|t| t.layout)
            .unwrap_or(Kind::Object);
        // The namespace is copied; __qualname__ and __classcell__ are taken out.
        let dict = self.new_dict()?;
        let mut qualname = name.clone();
        for (k, v) in self.dict_items_vec(ns)? {
            let ks = self.str_of(&k).to_string();
            if ks == "__qualname__" {
                if v.kind() != Kind::Str {
                    let tn = self.type_name_of(&v);
                    return Err(
                        self.type_error(format!("type __qualname__ must be a str, not {tn}"))
                    );
                }
                qualname = v;
                continue;
            }
            if ks == "__classcell__" {
                continue;
            }
            let k = if k.kind() == Kind::Str {
                self.intern_obj(&k)?
            } else {
                k
            };
            self.dict_setitem(&dict, k, v)?;
        }
        let slotted = self.install_slots(&dict, name, &base_list)?;
        let module_key = self.names.module.clone();
        if self.dict_get_str(&dict, &module_key).is_none() {
            if let Some(f) = self.frames.last() {
                let g = f.globals.clone();
                let nk = self.names.name.clone();
                if let Some(m) = self.dict_get_str(&g, &nk) {
                    self.dict_set_str(&dict, &module_key, m)?;
                }
            }
        }
        // A class defining __eq__ but not __hash__ is unhashable.
        let eq = self.names.eq.clone();
        let hash = self.names.hash.clone();
        if self.dict_get_str(&dict, &eq).is_some() && self.dict_get_str(&dict, &hash).is_none() {
            let none = self.none.clone();
            self.dict_set_str(&dict, &hash, none)?;
        }
        // __init_subclass__ and __class_getitem__ are implicit classmethods;
        // __new__ an implicit staticmethod.
        for (n, wrap_cm) in [
            ("__init_subclass__", true),
            ("__class_getitem__", true),
            ("__new__", false),
        ] {
            let key = self.intern(n)?;
            if let Some(f) = self.dict_get_str(&dict, &key) {
                if f.kind() == Kind::Function {
                    let w = if wrap_cm {
                        self.new_classmethod(f)?
                    } else {
                        self.new_native(
                            T::StaticMethod,
                            crate::objects::native::Wrapper { func: Some(f) },
                        )?
                    };
                    self.dict_set_str(&dict, &key, w)?;
                }
            }
        }
        let bases_t = self.new_tuple(base_list.clone())?;
        let base_mros: Vec<Vec<ObjRef>> = base_list.iter().map(|b| self.mro_of(b)).collect();
        let name_i = self.intern_obj(name)?;
        let placeholder = self.none.clone();
        let payload = TypeObj {
            name: name_i,
            qualname,
            bases: bases_t,
            base: base_list.first().cloned(),
            mro: placeholder,
            dict,
            layout,
            builtin: builtin as u16,
            tag: self.method_cache.next_tag(),
            vm_cache: Default::default(),
        };
        let cls = self.alloc(meta, payload, true)?;
        // Attribute caches are keyed by type address: a new class may sit
        // where a freed one was.
        self.method_cache.invalidate();
        let mro = match c3_mro(&cls, &base_list, &base_mros) {
            Ok(m) => m,
            Err(heads) => {
                let names: Vec<String> = heads.iter().map(|b| self.type_name(b)).collect();
                return Err(self.type_error(format!(
                    "Cannot create a consistent method resolution\norder (MRO) for bases {}",
                    names.join(", ")
                )));
            }
        };
        let mro_t = self.new_tuple(mro)?;
        if let Some(mut t) = cls.borrow_mut::<TypeObj>() {
            t.mro = mro_t;
        }
        let slots_flag = if slotted { tflags::T_SLOTS } else { 0 };
        cls.set_tflags(tflags::T_HEAP | tflags::T_BASETYPE | tflags::T_HAS_ATTRS | slots_flag);
        self.update_type_flags(&cls);
        // __set_name__ on the attributes, then the parent's __init_subclass__.
        let d = self.type_dict(&cls)?;
        let set_name = self.names.set_name.clone();
        for (k, v) in self.dict_items_vec(&d)? {
            let vt = v.class();
            if self.is_property(&v) {
                Vm::with_native_mut::<crate::objects::native::Property, _>(&v, |p| {
                    p.name = Some(k.clone());
                });
            }
            if Vm::is_heap_type(&vt) {
                if let Some(f) = self.type_lookup(&vt, &set_name) {
                    if let Err(e) = self.call(&f, vec![v.clone(), cls.clone(), k.clone()]) {
                        // CPython's type_new_set_names: the error becomes
                        // the cause of a RuntimeError naming the attribute.
                        let vtn = self.type_name(&vt);
                        let key = self.repr(&k)?;
                        let msg = format!(
                            "Error calling __set_name__ on '{vtn}' instance {} in '{}'",
                            self.str_of(&key),
                            self.type_name(&cls)
                        );
                        let new = self.new_exc(T::RuntimeError, msg);
                        if let Some(mut x) = new.0.borrow_mut::<ExceptionObj>() {
                            x.cause = Some(e.0.clone());
                            x.context = Some(e.0.clone());
                            x.suppress_context = true;
                        }
                        return Err(new);
                    }
                }
            }
        }
        let isub = self.names.init_subclass.clone();
        let mro = self.mro_of(&cls);
        for t in mro.iter().skip(1) {
            let td = self.type_dict(t)?;
            if let Some(f) = self.dict_get_str(&td, &isub) {
                let bound = self.bind_descriptor(f, None, &cls)?;
                let mut a = Vec::new();
                let kwn = kw_tuple(self, kw, &mut a)?;
                // A classmethod bound above gets `cls` through binding.
                let bound = if bound.kind() == Kind::Function {
                    self.make_bound(bound, cls.clone())?
                } else {
                    bound
                };
                self.call_kw(&bound, a, kwn)?;
                break;
            }
        }
        if !kw.is_empty()
            && !mro.iter().skip(1).any(|t| {
                self.type_dict(t)
                    .ok()
                    .and_then(|td| self.dict_get_str(&td, &isub))
                    .is_some()
            })
        {
            let k = self.str_of(&kw[0].0).to_string();
            return Err(self.type_error(
                format!(
                    "{}.__init_subclass__() takes no keyword arguments",
                    self.type_name(&cls)
                )
                .replace(&k, &k),
            ));
        }
        Ok(cls)
    }

    fn layout_compatible(&self, a: T, b: T) -> bool {
        a == b
            || (a.is_exception() && b.is_exception())
            || self.is_subtype(self.ty(a), self.ty(b))
            || self.is_subtype(self.ty(b), self.ty(a))
    }

    // ---------------------------------------------------------------- super

    /// `super()` / `super(type, obj)`.
    pub(crate) fn super_new(&mut self, args: Args) -> PyResult<ObjRef> {
        let (ty, obj) = match args.len() {
            0 => {
                let Some(frame) = self.frames.last() else {
                    return Err(self.runtime_error("super(): no current frame"));
                };
                let code = frame.code().clone();
                let base = frame.locals_base;
                if code.argcount == 0 && code.flags & ouro_bytecode::code_flags::VARARGS == 0 {
                    return Err(self.runtime_error("super(): no arguments"));
                }
                let first = match code.cell2arg.iter().position(|a| *a == Some(0)) {
                    Some(ci) => self
                        .locals
                        .get(base + code.varnames.len() + ci)
                        .cloned()
                        .flatten()
                        .and_then(|c| c.borrow::<CellObj>().and_then(|c| c.value.clone())),
                    None => self.locals.get(base).cloned().flatten(),
                };
                let Some(first) = first else {
                    return Err(self.runtime_error("super(): arg[0] deleted"));
                };
                let Some(fi) = code.freevars.iter().position(|f| &**f == "__class__") else {
                    return Err(self.runtime_error("super(): __class__ cell not found"));
                };
                let idx = base + code.varnames.len() + code.cellvars.len() + fi;
                let cls = self
                    .locals
                    .get(idx)
                    .cloned()
                    .flatten()
                    .and_then(|c| c.borrow::<CellObj>().and_then(|c| c.value.clone()));
                let Some(cls) = cls else {
                    return Err(self.runtime_error("super(): empty __class__ cell"));
                };
                (cls, first)
            }
            1 => (args.pos[0].clone(), self.none.clone()),
            _ => (args.pos[0].clone(), args.pos[1].clone()),
        };
        if ty.kind() != Kind::Type {
            let tn = self.type_name_of(&ty);
            return Err(self.type_error(format!("super() argument 1 must be a type, not {tn}")));
        }
        let obj_type = if obj.is(&self.none) && args.len() == 1 {
            None
        } else if obj.kind() == Kind::Type && self.is_subtype(&obj, &ty) {
            Some(obj.clone())
        } else if self.isinstance(&obj, &ty) {
            Some(obj.class())
        } else {
            return Err(
                self.type_error("super(type, obj): obj must be an instance or subtype of type")
            );
        };
        self.new_native(
            T::Super,
            SuperObj {
                ty,
                obj: Some(obj),
                obj_type,
            },
        )
    }

    /// Attribute lookup through a `super` object.
    pub(crate) fn super_getattr(&mut self, sup: &ObjRef, name: &ObjRef) -> PyResult<ObjRef> {
        let parts = Vm::with_native::<SuperObj, _>(sup, |s| {
            (s.ty.clone(), s.obj.clone(), s.obj_type.clone())
        });
        let Some((ty, obj, obj_type)) = parts else {
            return Err(self.internal_error("not a super object"));
        };
        if self.str_of(name) == "__class__" {
            return Ok(sup.class());
        }
        if let Some(start) = obj_type.clone() {
            let mro = self.mro_of(&start);
            let pos = mro
                .iter()
                .position(|t| t.is(&ty))
                .map_or(mro.len(), |p| p + 1);
            for t in &mro[pos..] {
                let d = self.type_dict(t)?;
                if let Some(v) = self.dict_get_str(&d, name) {
                    let inst = obj
                        .clone()
                        .filter(|o| !o.is(&start) || o.kind() != Kind::Type);
                    let o = match &inst {
                        Some(o) if o.kind() == Kind::Type && o.is(&start) => None,
                        other => other.clone(),
                    };
                    return self.bind_descriptor(v, o.as_ref(), &start);
                }
            }
        }
        let n = self.str_of(name).to_string();
        Err(self.attribute_error(format!("'super' object has no attribute '{n}'")))
    }

    /// `str.format(*args, **kwargs)`.
    pub(crate) fn str_format(&mut self, args: Args) -> PyResult<ObjRef> {
        let Some(fmt) = args.pos.first() else {
            return Err(self.type_error("descriptor 'format' of 'str' object needs an argument"));
        };
        let f = self.str_of(fmt).to_string();
        let pos = &args.pos[1..];
        let mut auto = 0usize;
        let mut mode = 0u8; // 0 unknown, 1 auto, 2 manual
        let out = self.format_template(&f, pos, &args.kw, None, &mut auto, &mut mode, 2)?;
        self.new_str(&out)
    }

    /// `str.format_map(mapping)`: named fields are looked up in `mapping`
    /// with `[]` (so a dict subclass's `__missing__` is honoured).
    pub(crate) fn str_format_map(&mut self, args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "format_map")?;
        args.exactly_one_after_self(self, "format_map")?;
        let f = self.str_of(&args.pos[0]).to_string();
        let map = args.pos[1].clone();
        let mut auto = 0usize;
        let mut mode = 0u8;
        let out = self.format_template(&f, &[], &[], Some(&map), &mut auto, &mut mode, 2)?;
        self.new_str(&out)
    }

    #[allow(clippy::too_many_arguments)]
    fn format_template(
        &mut self,
        f: &str,
        pos: &[ObjRef],
        kw: &[(ObjRef, ObjRef)],
        map: Option<&ObjRef>,
        auto: &mut usize,
        mode: &mut u8,
        depth: u8,
    ) -> PyResult<String> {
        let chars: Vec<char> = f.chars().collect();
        let mut out = String::new();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c == '}' {
                if chars.get(i + 1) == Some(&'}') {
                    out.push('}');
                    i += 2;
                    continue;
                }
                return Err(self.value_error("Single '}' encountered in format string"));
            }
            if c != '{' {
                out.push(c);
                i += 1;
                continue;
            }
            if chars.get(i + 1) == Some(&'{') {
                out.push('{');
                i += 2;
                continue;
            }
            // A replacement field: find the matching '}'.
            let mut j = i + 1;
            let mut nest = 1;
            while j < chars.len() {
                match chars[j] {
                    '{' => nest += 1,
                    '}' => {
                        nest -= 1;
                        if nest == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                j += 1;
            }
            if j >= chars.len() {
                return Err(self.value_error(if nest > 1 {
                    "expected '}' before end of string"
                } else {
                    "Single '{' encountered in format string"
                }));
            }
            let field: String = chars[i + 1..j].iter().collect();
            i = j + 1;
            // field_name[!conv][:spec]
            let (name_part, rest) = split_field(&field);
            let (conv, spec) = match rest.split_once(':') {
                Some((c, s)) => (c, Some(s)),
                None => (rest, None),
            };
            let conv = conv.strip_prefix('!');
            if rest.starts_with('!') && conv.is_some_and(|c| c.chars().count() != 1) {
                return Err(self.value_error("expected ':' after conversion specifier"));
            }
            let value = self.format_field_value(&name_part, pos, kw, map, auto, mode)?;
            let value = match conv {
                None | Some("") if !rest.starts_with('!') => value,
                Some("r") => self.repr(&value)?,
                Some("s") => self.str(&value)?,
                Some("a") => self.ascii(&value)?,
                Some(other) => {
                    return Err(self.value_error(format!("Unknown conversion specifier {other}")));
                }
                None => value,
            };
            let spec_s = match spec {
                Some(s) if s.contains('{') => {
                    if depth == 0 {
                        return Err(self.value_error("Max string recursion exceeded"));
                    }
                    self.format_template(s, pos, kw, map, auto, mode, depth - 1)?
                }
                Some(s) => s.to_string(),
                None => String::new(),
            };
            let spec_o = self.new_str(&spec_s)?;
            let r = self.format(&value, &spec_o)?;
            out.push_str(self.str_of(&r));
        }
        Ok(out)
    }

    fn format_field_value(
        &mut self,
        name: &str,
        pos: &[ObjRef],
        kw: &[(ObjRef, ObjRef)],
        map: Option<&ObjRef>,
        auto: &mut usize,
        mode: &mut u8,
    ) -> PyResult<ObjRef> {
        // The first part up to '.' or '['.
        let end = name.find(['.', '[']).unwrap_or(name.len());
        let first = &name[..end];
        let positional = first.is_empty() || first.parse::<usize>().is_ok();
        let mut value = if let (Some(m), false) = (map, positional) {
            let k = self.new_str(first)?;
            self.getitem(m, &k)?
        } else if map.is_some() {
            return Err(self.value_error("Format string contains positional fields"));
        } else if first.is_empty() {
            if *mode == 2 {
                return Err(self.value_error(
                    "cannot switch from manual field specification to automatic field numbering",
                ));
            }
            *mode = 1;
            let idx = *auto;
            *auto += 1;
            match pos.get(idx) {
                Some(v) => v.clone(),
                None => {
                    return Err(self.index_error(format!(
                        "Replacement index {idx} out of range for positional args tuple"
                    )))
                }
            }
        } else if let Ok(idx) = first.parse::<usize>() {
            if *mode == 1 {
                return Err(self.value_error(
                    "cannot switch from automatic field numbering to manual field specification",
                ));
            }
            *mode = 2;
            match pos.get(idx) {
                Some(v) => v.clone(),
                None => {
                    return Err(self.index_error(format!(
                        "Replacement index {idx} out of range for positional args tuple"
                    )))
                }
            }
        } else {
            match kw.iter().find(|(k, _)| self.str_of(k) == first) {
                Some((_, v)) => v.clone(),
                None => {
                    let k = self.new_str(first)?;
                    return Err(self.key_error(k));
                }
            }
        };
        let mut rest = &name[end..];
        while !rest.is_empty() {
            if let Some(r) = rest.strip_prefix('.') {
                let e = r.find(['.', '[']).unwrap_or(r.len());
                let attr = self.intern(&r[..e])?;
                value = self.getattr(&value, &attr)?;
                rest = &r[e..];
            } else if let Some(r) = rest.strip_prefix('[') {
                let Some(e) = r.find(']') else {
                    return Err(self.value_error("Missing ']' in format string"));
                };
                let key = &r[..e];
                let k = match key.parse::<i64>() {
                    Ok(n) => self.new_int(n)?,
                    Err(_) => self.new_str(key)?,
                };
                value = self.getitem(&value, &k)?;
                rest = &r[e + 1..];
            } else {
                return Err(
                    self.value_error("Only '.' or '[' may follow ']' in format field specifier")
                );
            }
        }
        Ok(value)
    }
}

/// Splits a replacement field into its name and the `!conv:spec` rest,
/// honouring brackets in the name.
fn split_field(field: &str) -> (String, &str) {
    let mut in_bracket = false;
    for (i, c) in field.char_indices() {
        match c {
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            '!' | ':' if !in_bracket => return (field[..i].to_string(), &field[i..]),
            _ => {}
        }
    }
    (field.to_string(), "")
}

#[allow(dead_code)]
fn _uses(f: &FunctionObj, t: &TupleObj) -> usize {
    let _ = f;
    t.len()
}

impl Vm {
    /// `__slots__` of a class being made: a member descriptor per slot in
    /// the namespace `dict`. Returns whether instances go without a
    /// `__dict__` (no `"__dict__"` slot here, and every base is slotted).
    fn install_slots(&mut self, dict: &ObjRef, name: &ObjRef, bases: &[ObjRef]) -> PyResult<bool> {
        let key = self.intern("__slots__")?;
        let Some(slots) = self.dict_get_str(dict, &key) else {
            return Ok(false);
        };
        let items = if slots.kind() == Kind::Str {
            vec![slots]
        } else {
            self.iterate(&slots)?
        };
        let cname = self.str_of(name).to_string();
        let mut has_dict = false;
        let mut has_weakref = false;
        let mut seen: Vec<String> = Vec::new();
        for it in &items {
            if it.kind() != Kind::Str {
                let tn = self.type_name_of(it);
                return Err(self.type_error(format!("__slots__ items must be strings, not '{tn}'")));
            }
            let s = self.str_of(it).to_string();
            let ident = s
                .chars()
                .next()
                .is_some_and(|c| c == '_' || c.is_alphabetic())
                && s.chars().all(|c| c == '_' || c.is_alphanumeric());
            if !ident {
                return Err(self.type_error("__slots__ must be identifiers"));
            }
            if s == "__dict__" {
                if has_dict {
                    return Err(self.type_error("__dict__ slot disallowed: we already got one"));
                }
                has_dict = true;
                continue;
            }
            if s == "__weakref__" {
                if has_weakref {
                    return Err(self.type_error("__weakref__ slot disallowed: we already got one"));
                }
                has_weakref = true;
                continue;
            }
            // Private names are mangled, as in the class body.
            let mangled = if s.starts_with("__") && !s.ends_with("__") {
                format!("_{}{s}", cname.trim_start_matches('_'))
            } else {
                s
            };
            let k = self.intern(&mangled)?;
            if self.dict_get_str(dict, &k).is_some() {
                return Err(self.value_error(format!(
                    "'{mangled}' in __slots__ conflicts with class variable"
                )));
            }
            if seen.contains(&mangled) {
                continue;
            }
            seen.push(mangled);
            let d = self.new_native(
                T::MemberDescriptor,
                crate::objects::native::MemberDescr {
                    name: k.clone(),
                    owner: name.clone(),
                },
            )?;
            self.dict_set_str(dict, &k, d)?;
        }
        let object = self.ty(T::Object).clone();
        let bases_slotted = bases
            .iter()
            .all(|b| b.is(&object) || b.tflags() & tflags::T_SLOTS != 0);
        Ok(!has_dict && bases_slotted)
    }

    /// Whether a slotted class (or a slotted base) lists `__weakref__`.
    pub(crate) fn slots_allow_weakref(&mut self, ty: &ObjRef) -> bool {
        let Ok(key) = self.intern("__slots__") else {
            return false;
        };
        for t in self.mro_of(ty) {
            if !Vm::is_heap_type(&t) {
                continue;
            }
            let Ok(d) = self.type_dict(&t) else { continue };
            let Some(slots) = self.dict_get_str(&d, &key) else {
                return true;
            };
            let items = if slots.kind() == Kind::Str {
                vec![slots]
            } else {
                self.iterate(&slots).unwrap_or_default()
            };
            if items
                .iter()
                .any(|s| s.kind() == Kind::Str && self.str_of(s) == "__weakref__")
            {
                return true;
            }
        }
        false
    }
}
