//! The behaviour of the builtin types: constructors, methods, special
//! attributes and reprs. Each submodule adds one type family's methods.

pub mod bytes;
pub mod class;
pub mod codecs;
pub mod complex;
pub mod dict;
pub mod exception;
pub mod excgroup;
pub mod float;
pub mod generator;
pub mod int;
pub mod iter;
pub mod list;
pub mod memoryview;
pub mod native;
pub mod numbers;
pub mod pattern;
pub mod set;
pub mod slots;
pub mod str;
pub mod weakref;

use ouro_heap::{
    tflags, BuiltinFunctionObj, CellObj, CodeObj, DictObj, ExceptionObj, FrameObj, FunctionObj,
    Kind, ListObj, MethodObj, ModuleObj, ObjRef, SliceObj, TracebackObj, TupleObj, TypeObj,
};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    str::install(vm)?;
    int::install(vm)?;
    list::install(vm)?;
    dict::install(vm)?;
    native::install(vm)?;
    generator::install(vm)?;
    set::install(vm)?;
    bytes::install(vm)?;
    memoryview::install(vm)?;
    complex::install(vm)?;
    numbers::install(vm)?;
    vm.add_method(T::Code, "replace", crate::eval::code_replace)?;
    slots::install(vm)?;
    excgroup::install(vm)?;
    exception::install(vm)?;
    class::install(vm)?;
    weakref::install(vm)?;
    let object_methods: &[(&'static str, NativeFn)] = &[
        ("__init__", object_init),
        ("__repr__", object_repr),
        ("__str__", object_str),
        ("__eq__", object_eq),
        ("__ne__", object_ne),
        ("__hash__", object_hash),
        ("__setattr__", object_setattr),
        ("__getattribute__", object_getattribute),
        ("__delattr__", object_delattr),
        ("__format__", object_format),
        ("__sizeof__", object_sizeof),
        ("__dir__", object_dir),
    ];
    for (name, f) in object_methods {
        vm.add_method(T::Object, name, *f)?;
    }
    // object.__init_subclass__ is a classmethod that takes nothing.
    let f = vm.new_builtin_function("__init_subclass__", object_init_subclass)?;
    let cm = vm.new_classmethod(f)?;
    let object = vm.ty(T::Object).clone();
    let d = vm.type_dict(&object)?;
    let key = vm.names.init_subclass.clone();
    vm.dict_set_str(&d, &key, cm)?;
    vm.add_method(T::List, "__init__", list_init)?;
    vm.add_method(T::Dict, "__init__", dict_init)?;
    Ok(())
}

fn object_init_subclass(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let cls = args.pos.first().cloned();
    if !args.kw.is_empty() {
        let tn = cls.map_or_else(|| "object".to_string(), |c| vm.type_name(&c));
        return Err(vm.type_error(format!(
            "{tn}.__init_subclass__() takes no keyword arguments"
        )));
    }
    if args.len() > 1 {
        return Err(vm.type_error(format!(
            "__init_subclass__() takes no arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(vm.none.clone())
}

fn object_init(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(this) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__init__' of 'object' object needs an argument"));
    };
    if args.len() > 1 || !args.kw.is_empty() {
        let ty = this.class();
        let init = vm.names.init.clone();
        let new = vm.names.new.clone();
        let init_overridden = vm
            .type_lookup(&ty, &init)
            .is_some_and(|f| f.kind() == Kind::Function);
        let new_overridden = vm
            .type_lookup(&ty, &new)
            .is_some_and(|f| f.kind() == Kind::Function || vm.is_staticmethod(&f));
        if init_overridden {
            return Err(vm.type_error(
                "object.__init__() takes exactly one argument (the instance to initialize)",
            ));
        }
        if !new_overridden {
            let tn = vm.type_name(&ty);
            return Err(vm.type_error(format!("{tn}() takes no arguments")));
        }
    }
    Ok(vm.none.clone())
}

fn object_repr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(o) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__repr__' of 'object' object needs an argument"));
    };
    let s = vm.default_repr(o);
    vm.new_str(&s)
}

fn object_str(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(o) = args.pos.first() else {
        return Err(vm.type_error("descriptor '__str__' of 'object' object needs an argument"));
    };
    vm.repr(o)
}

fn object_eq(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__eq__", 2, 2)?;
    if args.pos[0].is(&args.pos[1]) {
        return Ok(vm.true_.clone());
    }
    Ok(vm.not_implemented.clone())
}

fn object_ne(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__ne__", 2, 2)?;
    let r = vm.richcompare(&args.pos[0], &args.pos[1], ouro_bytecode::CmpOp::Eq)?;
    if r.is(&vm.not_implemented) {
        return Ok(r);
    }
    let t = vm.truthy(&r)?;
    Ok(vm.new_bool(!t))
}

fn object_hash(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__hash__", 1, 1)?;
    vm.new_int(crate::ops::pointer_hash(&args.pos[0]))
}

fn object_setattr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__setattr__", 3, 3)?;
    let ty = args.pos[0].class();
    if args.pos[1].kind() != Kind::Str {
        let tn = vm.type_name_of(&args.pos[1]);
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    }
    vm.generic_setattr(&args.pos[0], &ty, &args.pos[1], Some(args.pos[2].clone()))?;
    Ok(vm.none.clone())
}

fn object_delattr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__delattr__", 2, 2)?;
    let ty = args.pos[0].class();
    vm.generic_setattr(&args.pos[0], &ty, &args.pos[1], None)?;
    Ok(vm.none.clone())
}

fn object_getattribute(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__getattribute__", 2, 2)?;
    let ty = args.pos[0].class();
    match vm.generic_getattr(&args.pos[0], &ty, &args.pos[1])? {
        Some(v) => Ok(v),
        None => Err(vm.no_attribute(&args.pos[0], &args.pos[1])),
    }
}

fn object_format(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__format__", 2, 2)?;
    // int, float and str reach here as `int.__format__(x, spec)` (they
    // have no `__format__` of their own in the type dict): their builtin
    // formatting, as CPython's long__format__ and friends.
    // An empty spec gives `str(x)` for them too.
    if vm.str_of(&args.pos[1]).is_empty() {
        return vm.str(&args.pos[0]);
    }
    if matches!(
        args.pos[0].kind(),
        Kind::Int | Kind::BigInt | Kind::Float | Kind::Str
    ) {
        let spec = vm.str_of(&args.pos[1]).to_string();
        let s = vm.format_builtin(&args.pos[0], &spec)?;
        return vm.new_str(&s);
    }
    let tn = vm.type_name_of(&args.pos[0]);
    Err(vm.type_error(format!(
        "unsupported format string passed to {tn}.__format__"
    )))
}

fn object_sizeof(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__sizeof__", 1, 1)?;
    let n = vm.sizeof(&args.pos[0])
        - if args.pos[0].has_flag(ouro_heap::flags::F_GC) {
            16
        } else {
            0
        };
    vm.new_int(n as i64)
}

fn object_dir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__dir__", 1, 1)?;
    let names = vm.dir_names(&args.pos[0])?;
    let mut items = Vec::with_capacity(names.len());
    for n in names {
        items.push(vm.new_str(&n)?);
    }
    vm.new_list(items)
}

fn list_init(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "list")?;
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    let l = args.pos[0].clone();
    let old = l
        .borrow_mut::<ListObj>()
        .map(|mut lo| std::mem::replace(&mut lo.items, ouro_heap::hvec()));
    drop(old);
    if let Some(src) = args.pos.get(1) {
        vm.list_extend(&l, src)?;
    }
    Ok(vm.none.clone())
}

fn dict_init(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "dict expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    let d = args.pos[0].clone();
    if let Some(src) = args.pos.get(1) {
        vm.dict_update(&d, src)?;
    }
    for (k, v) in std::mem::take(&mut args.kw) {
        vm.dict_setitem(&d, k, v)?;
    }
    Ok(vm.none.clone())
}

impl Vm {
    /// Calls a builtin type: its constructor.
    pub(crate) fn call_builtin_type(
        &mut self,
        ty: &ObjRef,
        pos: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let mut kw = Vec::new();
        let mut pos = pos;
        if let Some(names) = kwnames.and_then(|k| k.get::<TupleObj>()) {
            let n = names.len().min(pos.len());
            let vals = pos.split_off(pos.len() - n);
            kw = names.items().iter().cloned().zip(vals).collect();
        }
        let mut args = Args {
            pos,
            kw,
            packed: false,
        };
        let t = self.builtin_of(ty);
        if !ty.is(self.ty(t)) {
            // A metatype other than `type` that is builtin: not reachable.
            return Err(self.internal_error("unknown builtin type"));
        }
        match t {
            T::Type => self.type_call(args),
            T::Object => {
                if !args.is_empty() || !args.kw.is_empty() {
                    return Err(self.type_error("object() takes no arguments"));
                }
                let tyo = self.ty(T::Object).clone();
                self.alloc(&tyo, ouro_heap::layout::UnitObj, false)
            }
            T::Int => self.int_new(args),
            T::Bool => {
                args.no_kw(self, "bool")?;
                args.check(self, "bool", 0, 1)?;
                match args.pos.first() {
                    None => Ok(self.false_.clone()),
                    Some(o) => {
                        let t = self.truthy(o)?;
                        Ok(self.new_bool(t))
                    }
                }
            }
            T::Float => self.float_new(args),
            T::Str => self.str_new(args),
            T::Bytes => self.bytes_new(ty, args),
            T::Complex => self.complex_new(ty, args),
            T::Module => {
                // module(name, doc=None)
                let name_kw = args.take_kw(self, "name");
                let doc_kw = args.take_kw(self, "doc");
                args.no_more_kw(self, "module")?;
                if args.pos.len() > 2 {
                    return Err(self.type_error(format!(
                        "module() takes at most 2 arguments ({} given)",
                        args.pos.len()
                    )));
                }
                let Some(name) = args.pos.first().cloned().or(name_kw) else {
                    return Err(
                        self.type_error("module() missing required argument 'name' (pos 1)")
                    );
                };
                if name.kind() != Kind::Str {
                    let tn = self.type_name_of(&name);
                    return Err(
                        self.type_error(format!("module() argument 'name' must be str, not {tn}"))
                    );
                }
                let n = self.str_of(&name).to_string();
                let m = self.new_module(&n)?;
                if let (Some(d), Some(doc)) =
                    (Vm::module_dict(&m), args.pos.get(1).cloned().or(doc_kw))
                {
                    let k = self.names.doc.clone();
                    self.dict_set_str(&d, &k, doc)?;
                }
                if let Some(d) = Vm::module_dict(&m) {
                    for key in ["__package__", "__loader__", "__spec__"] {
                        let k = self.intern(key)?;
                        let none = self.none.clone();
                        self.dict_set_str(&d, &k, none)?;
                    }
                }
                Ok(m)
            }
            T::ByteArray => self.bytearray_new(ty, args),
            T::MemoryView => self.memoryview_new(args),
            T::List => self.list_new(args),
            T::Tuple => self.tuple_new(args),
            T::Dict => self.dict_new(args),
            T::Range => self.range_new(args),
            T::Slice => self.slice_new(args),
            T::Property => native::property_new(self, args),
            T::ClassMethod => native::classmethod_new(self, args),
            T::StaticMethod => native::staticmethod_new(self, args),
            T::Super => self.super_new(args),
            T::Enumerate | T::Zip | T::Map | T::Filter | T::Reversed => {
                crate::builtins::lazy_iter_new(self, t, args)
            }
            T::Set | T::FrozenSet => self.set_new(t, args),
            T::WeakRef => self.weakref_new(ty, args),
            T::Random => self.random_type_call(ty, args),
            t if crate::itertoolsmodule::is_itertools_type(t) => {
                crate::itertoolsmodule::new_iter(self, t, ty, args)
            }
            T::Method => {
                args.no_kw(self, "method")?;
                args.check(self, "method", 2, 2)?;
                let (func, self_) = (args.pos[0].clone(), args.pos[1].clone());
                if !self.is_callable(&func) {
                    return Err(self.type_error("first argument must be callable"));
                }
                if self_.is(&self.none) {
                    return Err(self.type_error("instance must not be None"));
                }
                let mty = self.ty(T::Method).clone();
                self.alloc(&mty, MethodObj { func, self_ }, false)
            }
            T::BaseExceptionGroup | T::ExceptionGroup => {
                let ty = ty.clone();
                let e = self.exception_group_new(&ty, &args)?;
                Ok(e)
            }
            t if t.is_exception() => {
                let ty = match self.oserror_subclass(ty, &args.pos) {
                    Some(t) => t,
                    None => ty.clone(),
                };
                let e = self.new_exc_args(&ty, std::mem::take(&mut args.pos));
                let init = self.names.init.clone();
                // Subclass-specific attributes (StopIteration.value, ...).
                if let Some(f) = self.type_lookup(&ty, &init) {
                    if f.kind() == Kind::BuiltinFunction {
                        let a = self.seq_items(
                            &e.0.borrow::<ExceptionObj>()
                                .map(|x| x.args.clone())
                                .unwrap_or_else(|| self.none.clone()),
                        );
                        let mut all = vec![e.0.clone()];
                        all.extend(a);
                        let kwn = if args.kw.is_empty() {
                            None
                        } else {
                            let names: Vec<ObjRef> =
                                args.kw.iter().map(|(k, _)| k.clone()).collect();
                            all.extend(args.kw.iter().map(|(_, v)| v.clone()));
                            Some(self.new_tuple(names)?)
                        };
                        self.call_native(&f, all, kwn.as_ref())?;
                    }
                }
                Ok(e.0)
            }
            _ => {
                let tn = self.type_name(ty);
                Err(self.type_error(format!("cannot create '{tn}' instances")))
            }
        }
    }

    /// `object.__new__(cls, ...)`: allocates an instance of a class with the
    /// layout of its builtin base.
    pub(crate) fn object_new(
        &mut self,
        ty: &ObjRef,
        args: &[ObjRef],
        kwnames: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let base = self.builtin_of(ty);
        let attrs = ty.tflags() & ouro_heap::tflags::T_HAS_ATTRS != 0 || Vm::is_heap_type(ty);
        match base {
            T::Object => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                if !args.is_empty() || nkw > 0 {
                    let init = self.names.init.clone();
                    let init_overridden = self
                        .type_lookup(ty, &init)
                        .is_some_and(|f| f.kind() == Kind::Function);
                    if !init_overridden {
                        let tn = self.type_name(ty);
                        return Err(self.type_error(format!("{tn}() takes no arguments")));
                    }
                }
                self.alloc(ty, ouro_heap::layout::UnitObj, attrs)
            }
            T::List => self.alloc(
                ty,
                ListObj {
                    items: ouro_heap::hvec(),
                },
                attrs,
            ),
            T::Dict => self.alloc(
                ty,
                DictObj {
                    table: Default::default(),
                },
                attrs,
            ),
            T::Set | T::FrozenSet => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                self.set_object_new(ty, base, args, nkw)
            }
            T::BaseExceptionGroup | T::ExceptionGroup => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                let pos = args[..args.len() - nkw.min(args.len())].to_vec();
                let a = crate::natives::Args::new(pos);
                self.exception_group_new(ty, &a)
            }
            t if t.is_exception() => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                let pos = args[..args.len() - nkw.min(args.len())].to_vec();
                // CPython's oserror_use_init/errno map: `OSError(errno, ...)`
                // itself makes the subclass the errno names.
                let ty = &match self.oserror_subclass(ty, &pos) {
                    Some(t) => t,
                    None => ty.clone(),
                };
                let a = self.new_tuple(pos)?;
                let payload = ExceptionObj {
                    args: a,
                    traceback: None,
                    context: None,
                    cause: None,
                    suppress_context: false,
                    notes: None,
                };
                self.alloc(ty, payload, true)
            }
            T::WeakRef => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                if nkw > 0 {
                    return Err(self.type_error("ref() takes no keyword arguments"));
                }
                // A subclass whose __init__ takes more arguments (like
                // CPython's KeyedRef with its own __new__) passes the
                // referent and callback first.
                let init = self.names.init.clone();
                let custom_init = self
                    .type_lookup(ty, &init)
                    .is_some_and(|f| f.kind() == Kind::Function);
                let n = if custom_init {
                    args.len().min(2)
                } else {
                    args.len()
                };
                self.weakref_new(ty, Args::new(args[..n].to_vec()))
            }
            T::Type => {
                // A metaclass without its own __new__: type.__new__(meta, ...).
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                let npos = args.len() - nkw.min(args.len());
                if npos != 3 {
                    return Err(self.type_error("type.__new__() takes exactly 3 arguments"));
                }
                let kw: Vec<(ObjRef, ObjRef)> = match kwnames.and_then(|k| k.get::<TupleObj>()) {
                    Some(names) => names
                        .items()
                        .iter()
                        .cloned()
                        .zip(args[npos..].iter().cloned())
                        .collect(),
                    None => Vec::new(),
                };
                self.type_new(ty, &args[0], &args[1], &args[2], &kw)
            }
            T::Random => self.random_object_new(ty),
            t if crate::itertoolsmodule::is_itertools_type(t) => {
                let a = crate::natives::Args::from_call(args.to_vec(), kwnames);
                crate::itertoolsmodule::new_iter(self, t, ty, a)
            }
            T::ByteArray => self.alloc(ty, ouro_heap::ByteArrayObj::new(ouro_heap::hvec()), attrs),
            T::Complex => {
                let nkw = kwnames
                    .and_then(|k| k.get::<TupleObj>())
                    .map_or(0, |t| t.len());
                let n = args.len() - nkw.min(args.len());
                let mut a = Args::new(args[..n].to_vec());
                if let Some(names) = kwnames.and_then(|k| k.get::<TupleObj>()) {
                    a.kw = names
                        .items()
                        .iter()
                        .cloned()
                        .zip(args[n..].iter().cloned())
                        .collect();
                }
                self.complex_new(ty, a)
            }
            T::Int | T::Float | T::Str | T::Tuple | T::Bytes => {
                // Immutable bases: build the value, then an instance of the
                // subclass holding it.
                let builtin = self.ty(base).clone();
                let v = self.call_builtin_type(&builtin, args.to_vec(), kwnames)?;
                self.rebox_as(&v, ty)
            }
            _ => {
                let tn = self.type_name(ty);
                let bn = self.type_name(self.ty(base));
                Err(self.type_error(format!(
                    "{bn}.__new__({tn}) is not safe, use object.__new__()"
                )))
            }
        }
    }

    /// Copies an immutable builtin value into an instance of subclass `ty`.
    fn rebox_as(&mut self, v: &ObjRef, ty: &ObjRef) -> PyResult<ObjRef> {
        match v.kind() {
            Kind::Int => {
                let x = Vm::int_of(v).unwrap_or(0);
                self.alloc(ty, ouro_heap::IntObj { value: x }, true)
            }
            Kind::BigInt => {
                let b = self.to_bigint(v).unwrap_or_default();
                ouro_heap::alloc_bigint(ty, &b, true).map_err(|_| self.memory_error())
            }
            Kind::Float => {
                let f = self.float_value(v).unwrap_or(0.0);
                self.alloc(ty, ouro_heap::FloatObj { value: f }, true)
            }
            Kind::Tuple => {
                let items = self.seq_items(v);
                ouro_heap::alloc_tuple(ty, items, true).map_err(|_| self.memory_error())
            }
            Kind::Bytes => {
                let d = self.bytes_data(v).unwrap_or_default();
                ouro_heap::alloc_bytes(ty, &d, true).map_err(|_| self.memory_error())
            }
            Kind::Str => {
                let t = self.str_of(v).to_string();
                ouro_heap::alloc_str_in(ty, &t, true).map_err(|_| self.memory_error())
            }
            _ => Err(self.type_error(format!(
                "subclassing '{}' is not supported by ouro yet",
                self.type_name_of(v)
            ))),
        }
    }

    /// The display name of a callable in error messages (`f()`, `C.m()`).
    pub(crate) fn function_display_name(&mut self, f: &ObjRef) -> String {
        match f.kind() {
            Kind::Function => {
                let q = f.borrow::<FunctionObj>().map(|fo| fo.qualname.clone());
                q.map(|q| format!("{}()", self.str_of(&q)))
                    .unwrap_or_default()
            }
            Kind::Method => {
                let inner = f.get::<MethodObj>().map(|m| m.func.clone());
                inner
                    .map(|i| self.function_display_name(&i))
                    .unwrap_or_default()
            }
            Kind::BuiltinFunction => {
                let n = f.get::<BuiltinFunctionObj>().map(|b| b.name).unwrap_or("?");
                format!("{n}()")
            }
            Kind::Type => format!("{}()", self.type_name(f)),
            _ => format!("{} object", self.type_name_of(f)),
        }
    }

    /// The callee as CPython's `_PyObject_FunctionStr` names it in call
    /// errors: `module.qualname()` outside builtins.
    pub(crate) fn function_str(&mut self, f: &ObjRef) -> String {
        let f = match f.get::<MethodObj>() {
            Some(m) => m.func.clone(),
            None => f.clone(),
        };
        let module = f
            .borrow::<FunctionObj>()
            .and_then(|fo| fo.module.clone())
            .filter(|m| m.kind() == Kind::Str);
        let name = self.function_display_name(&f);
        match module {
            Some(m) if self.str_of(&m) != "builtins" => format!("{}.{name}", self.str_of(&m)),
            _ => name,
        }
    }

    /// `repr()` of builtin objects.
    pub(crate) fn repr_builtin(&mut self, o: &ObjRef) -> PyResult<String> {
        Ok(match o.kind() {
            Kind::Int | Kind::BigInt => {
                if o.class_is(self.ty(T::Bool)) {
                    if o.is(&self.true_) {
                        "True".into()
                    } else if Vm::int_of(o) == Some(0) {
                        "False".into()
                    } else {
                        "True".into()
                    }
                } else {
                    self.int_repr(o)?
                }
            }
            Kind::Float => ouro_algo::float::repr(self.float_value(o).unwrap_or(0.0)),
            Kind::Str => str::str_repr(self.str_of(o)),
            Kind::Bytes | Kind::ByteArray => self.bytes_repr_of(o),
            Kind::Complex => {
                complex::complex_repr(Vm::complex_of(o).unwrap_or(complex::C { re: 0.0, im: 0.0 }))
            }
            Kind::Tuple => {
                let items = self.seq_items(o);
                if items.is_empty() {
                    return Ok("()".into());
                }
                // A tuple inside itself (through a list) is `(...)`, as
                // CPython's tuplerepr guards with Py_ReprEnter.
                let Some(inner) = self.join_reprs_guarded(o, &items)? else {
                    return Ok("(...)".into());
                };
                if items.len() == 1 {
                    format!("({inner},)")
                } else {
                    format!("({inner})")
                }
            }
            Kind::List => {
                let items = self.seq_items(o);
                match self.join_reprs_guarded(o, &items)? {
                    Some(inner) => format!("[{inner}]"),
                    None => return Ok("[...]".into()),
                }
            }
            Kind::Dict => {
                if !self.repr_enter(o) {
                    return Ok("{...}".into());
                }
                let r = self.dict_repr(o);
                self.repr_leave(o);
                r?
            }
            Kind::Object => {
                if o.is(&self.none) {
                    "None".into()
                } else if o.is(&self.not_implemented) {
                    "NotImplemented".into()
                } else if o.is(&self.ellipsis) {
                    "Ellipsis".into()
                } else {
                    self.default_repr(o)
                }
            }
            Kind::Type => {
                let qn = self.type_qualname(o);
                match self.type_module_name(o) {
                    Some(m) if m != "builtins" => format!("<class '{m}.{qn}'>"),
                    _ => format!("<class '{qn}'>"),
                }
            }
            Kind::Function => {
                let q = o.borrow::<FunctionObj>().map(|f| f.qualname.clone());
                let q = q.map(|q| self.str_of(&q).to_string()).unwrap_or_default();
                format!("<function {q} at {:#x}>", o.addr())
            }
            Kind::Method => {
                let (f, s) = match o.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Ok("<method>".into()),
                };
                let q = match f.borrow::<FunctionObj>() {
                    Some(fo) => self.str_of(&fo.qualname).to_string(),
                    None => "?".to_string(),
                };
                let sr = self.repr_string(&s)?;
                format!("<bound method {q} of {sr}>")
            }
            Kind::BuiltinFunction => {
                let (name, bound, owner) = match o.get::<BuiltinFunctionObj>() {
                    Some(b) => (b.name, b.bound.clone(), b.owner.clone()),
                    None => return Ok("<builtin>".into()),
                };
                match (bound, owner) {
                    (Some(b), _) if b.kind() != Kind::Module => {
                        let tn = self.type_name_of(&b);
                        format!("<built-in method {name} of {tn} object at {:#x}>", b.addr())
                    }
                    (None, Some(owner)) => {
                        let tn = self.type_name(&owner);
                        format!("<method '{name}' of '{tn}' objects>")
                    }
                    _ => format!("<built-in function {name}>"),
                }
            }
            Kind::Module => {
                let n = o
                    .get::<ModuleObj>()
                    .map(|m| self.str_of(&m.name).to_string())
                    .unwrap_or_default();
                let file = self.names.file.clone();
                let d = Vm::module_dict(o);
                match d.and_then(|d| self.dict_get_str(&d, &file)) {
                    Some(f) if f.kind() == Kind::Str => {
                        format!("<module '{n}' from '{}'>", self.str_of(&f))
                    }
                    _ => format!("<module '{n}' (built-in)>"),
                }
            }
            Kind::Exception => {
                let args = o.borrow::<ExceptionObj>().map(|e| e.args.clone());
                let tn = self.type_name_of(o);
                let items = args.map(|a| self.seq_items(&a)).unwrap_or_default();
                if items.len() == 1 {
                    let r = self.repr_string(&items[0])?;
                    format!("{tn}({r})")
                } else {
                    let inner = self.join_reprs(&items)?;
                    format!("{tn}({inner})")
                }
            }
            Kind::Code => {
                let (name, file, line) = match o.get::<CodeObj>() {
                    Some(c) => (
                        c.code.name.to_string(),
                        c.code.filename.to_string(),
                        c.code.firstlineno,
                    ),
                    None => (String::new(), String::new(), 0),
                };
                format!(
                    "<code object {name} at {:#x}, file \"{file}\", line {line}>",
                    o.addr()
                )
            }
            Kind::Cell => {
                let v = o.borrow::<CellObj>().and_then(|c| c.value.clone());
                match v {
                    Some(v) => {
                        let tn = self.type_name_of(&v);
                        format!("<cell at {:#x}: {tn} object at {:#x}>", o.addr(), v.addr())
                    }
                    None => format!("<cell at {:#x}: empty>", o.addr()),
                }
            }
            Kind::Slice => {
                let (a, b, c) = match o.get::<SliceObj>() {
                    Some(s) => (s.start.clone(), s.stop.clone(), s.step.clone()),
                    None => return Ok("slice(?)".into()),
                };
                let a = self.repr_string(&a)?;
                let b = self.repr_string(&b)?;
                let c = self.repr_string(&c)?;
                format!("slice({a}, {b}, {c})")
            }
            Kind::Range => self.range_repr(o)?,
            Kind::DictIter if self.is_dict_view(o) => {
                let tn = self.type_name_of(o);
                let d = Vm::view_dict(o);
                let items = match d {
                    Some(d) => {
                        let it = self.iter(o)?;
                        let _ = d;
                        let mut v = Vec::new();
                        while let Some(x) = self.next(&it)? {
                            v.push(x);
                        }
                        v
                    }
                    None => Vec::new(),
                };
                let inner = self.join_reprs(&items)?;
                format!("{tn}([{inner}])")
            }
            Kind::Frame => {
                let (file, line, name) = match o.borrow::<FrameObj>() {
                    Some(f) => {
                        let c = f.code.get::<CodeObj>();
                        (
                            c.map(|c| c.code.filename.to_string()).unwrap_or_default(),
                            f.lineno,
                            c.map(|c| c.code.name.to_string()).unwrap_or_default(),
                        )
                    }
                    None => (String::new(), 0, String::new()),
                };
                format!(
                    "<frame at {:#x}, file '{file}', line {line}, code {name}>",
                    o.addr()
                )
            }
            Kind::Traceback => format!("<traceback object at {:#x}>", o.addr()),
            Kind::Native => {
                if let Some(r) = self.gen_repr(o) {
                    r
                } else if let Some(r) = crate::iomodule::std_stream_repr(o) {
                    r
                } else if let Some(r) = self.member_repr(o) {
                    r
                } else if self.is_set_like(o) {
                    self.set_repr(o)?
                } else if memoryview::is_memoryview(o) {
                    self.memoryview_repr(o)
                } else if self.is_property(o) {
                    format!("<property object at {:#x}>", o.addr())
                } else if let Some(r) = self.itertools_repr(o)? {
                    r
                } else if let Some((ty, obj_ty)) = Vm::with_native::<native::SuperObj, _>(o, |s| {
                    (s.ty.clone(), s.obj_type.clone())
                }) {
                    // CPython's super_repr.
                    let t = self.type_name(&ty);
                    match obj_ty {
                        Some(ot) => {
                            let on = self.type_name(&ot);
                            format!("<super: <class '{t}'>, <{on} object>>")
                        }
                        None => format!("<super: <class '{t}'>, NULL>"),
                    }
                } else {
                    self.default_repr(o)
                }
            }
            _ => self.default_repr(o),
        })
    }

    pub(crate) fn join_reprs(&mut self, items: &[ObjRef]) -> PyResult<String> {
        let mut out = String::new();
        for (i, it) in items.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            out.push_str(&self.repr_string(it)?);
        }
        Ok(out)
    }

    /// [`Vm::join_reprs`] for the items of container `o`, under CPython's
    /// `Py_ReprEnter` guard and the recursion limit; None when `o` is
    /// already being repr'd further up (it contains itself).
    fn join_reprs_guarded(&mut self, o: &ObjRef, items: &[ObjRef]) -> PyResult<Option<String>> {
        if !self.repr_enter(o) {
            return Ok(None);
        }
        let r = self
            .enter_recursive(" while getting the repr of an object")
            .and_then(|_| {
                let r = self.join_reprs(items);
                self.leave_recursive();
                r
            });
        self.repr_leave(o);
        r.map(Some)
    }

    fn dict_repr(&mut self, d: &ObjRef) -> PyResult<String> {
        let items = self.dict_items_vec(d)?;
        self.enter_recursive(" while getting the repr of an object")?;
        let r = (|| {
            let mut out = String::from("{");
            for (i, (k, v)) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&self.repr_string(k)?);
                out.push_str(": ");
                out.push_str(&self.repr_string(v)?);
            }
            out.push('}');
            Ok(out)
        })();
        self.leave_recursive();
        r
    }

    /// `Py_ReprEnter`: false if `o` is already being repr'd (a cycle).
    pub(crate) fn repr_enter(&mut self, o: &ObjRef) -> bool {
        if self.repr_active.iter().any(|x| x.is(o)) {
            return false;
        }
        self.repr_active.push(o.clone());
        true
    }

    pub(crate) fn repr_leave(&mut self, o: &ObjRef) {
        if let Some(i) = self.repr_active.iter().rposition(|x| x.is(o)) {
            self.repr_active.remove(i);
        }
    }

    /// Attributes implemented by the object's layout (CPython's getset and
    /// member descriptors). None if `name` is not one for this object.
    pub(crate) fn special_getattr(
        &mut self,
        o: &ObjRef,
        name: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        let n = self.str_of(name).to_string();
        let none = self.none.clone();
        let opt = |v: Option<ObjRef>| v.unwrap_or_else(|| none.clone());
        if n == "__class__" {
            return Ok(Some(o.class()));
        }
        match o.kind() {
            Kind::Type => {
                let t = match o.borrow::<TypeObj>() {
                    Some(t) => (
                        t.name.clone(),
                        t.qualname.clone(),
                        t.mro.clone(),
                        t.bases.clone(),
                        t.base.clone(),
                        t.dict.clone(),
                    ),
                    None => return Ok(None),
                };
                return Ok(match n.as_str() {
                    "__name__" => Some(t.0),
                    "__qualname__" => Some(t.1),
                    "__mro__" => Some(t.2),
                    "__bases__" => Some(t.3),
                    "__base__" => Some(opt(t.4)),
                    // CPython returns a read-only mappingproxy; ouro returns
                    // a copy, so writes cannot bypass the method cache.
                    "__dict__" => {
                        let d = self.new_dict()?;
                        self.dict_update(&d, &t.5)?;
                        Some(d)
                    }
                    "__module__" => {
                        let key = self.names.module.clone();
                        match self.dict_get_str(&t.5, &key) {
                            Some(m) => Some(m),
                            None => Some(self.new_str("builtins")?),
                        }
                    }
                    "__doc__" => {
                        let key = self.names.doc.clone();
                        Some(opt(self.dict_get_str(&t.5, &key)))
                    }
                    _ => None,
                });
            }
            Kind::Function => {
                let f = match o.borrow::<FunctionObj>() {
                    Some(f) => f,
                    None => return Ok(None),
                };
                let r = match n.as_str() {
                    "__name__" => Some(f.name.clone()),
                    "__qualname__" => Some(f.qualname.clone()),
                    "__code__" => Some(f.code.clone()),
                    "__defaults__" => Some(opt(f.defaults.clone())),
                    "__kwdefaults__" => Some(opt(f.kwdefaults.clone())),
                    "__globals__" => Some(f.globals.clone()),
                    "__builtins__" => Some(f.builtins.clone()),
                    "__closure__" => Some(opt(f.closure.clone())),
                    "__doc__" => Some(opt(f.doc.clone())),
                    "__module__" => Some(opt(f.module.clone())),
                    "__annotations__" => f.annotations.clone().map(Some).unwrap_or(None),
                    "__dict__" => f.dict.clone(),
                    _ => None,
                };
                let missing_dict = n == "__dict__" && r.is_none();
                let missing_ann = n == "__annotations__" && r.is_none();
                drop(f);
                if missing_dict {
                    let d = self.new_dict()?;
                    if let Some(mut f) = o.borrow_mut::<FunctionObj>() {
                        f.dict = Some(d.clone());
                    }
                    return Ok(Some(d));
                }
                if missing_ann {
                    let d = self.new_dict()?;
                    if let Some(mut f) = o.borrow_mut::<FunctionObj>() {
                        f.annotations = Some(d.clone());
                    }
                    return Ok(Some(d));
                }
                return Ok(r);
            }
            Kind::Method => {
                let (f, s) = match o.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Ok(None),
                };
                return match n.as_str() {
                    "__func__" => Ok(Some(f)),
                    "__self__" => Ok(Some(s)),
                    "__name__" | "__qualname__" | "__doc__" | "__module__" => {
                        let nn = self.intern(&n)?;
                        self.getattr(&f, &nn).map(Some)
                    }
                    _ => Ok(None),
                };
            }
            Kind::BuiltinFunction => {
                let (name, bound, owner) = match o.get::<BuiltinFunctionObj>() {
                    Some(b) => (b.name, b.bound.clone(), b.owner.clone()),
                    None => return Ok(None),
                };
                return match n.as_str() {
                    "__name__" => self.new_str(name).map(Some),
                    "__qualname__" => {
                        let q = match &owner {
                            Some(t) => format!("{}.{name}", self.type_name(t)),
                            None => name.to_string(),
                        };
                        self.new_str(&q).map(Some)
                    }
                    "__self__" => Ok(Some(bound.unwrap_or_else(|| self.builtins_module.clone()))),
                    "__doc__" => Ok(Some(self.none.clone())),
                    "__module__" => {
                        if owner.is_some() {
                            Ok(None)
                        } else {
                            self.new_str("builtins").map(Some)
                        }
                    }
                    "__objclass__" => Ok(owner),
                    _ => Ok(None),
                };
            }
            Kind::Module => {
                if n == "__dict__" {
                    return Ok(Vm::module_dict(o));
                }
                return Ok(None);
            }
            Kind::Exception => {
                let e = match o.borrow::<ExceptionObj>() {
                    Some(e) => (
                        e.args.clone(),
                        e.traceback.clone(),
                        e.cause.clone(),
                        e.context.clone(),
                        e.suppress_context,
                        e.notes.clone(),
                    ),
                    None => return Ok(None),
                };
                return Ok(match n.as_str() {
                    "args" => Some(e.0),
                    "__traceback__" => Some(opt(e.1)),
                    "__cause__" => Some(opt(e.2)),
                    "__context__" => Some(opt(e.3)),
                    "__suppress_context__" => Some(self.new_bool(e.4)),
                    "__notes__" => e.5,
                    "__dict__" => Some(self.instance_dict(o)?),
                    _ => None,
                });
            }
            Kind::Traceback => {
                let t = match o.borrow::<TracebackObj>() {
                    Some(t) => (t.next.clone(), t.frame.clone(), t.lasti, t.lineno),
                    None => return Ok(None),
                };
                return match n.as_str() {
                    "tb_next" => Ok(Some(opt(t.0))),
                    "tb_frame" => Ok(Some(t.1)),
                    "tb_lasti" => self.new_int(t.2 as i64 * 2).map(Some),
                    "tb_lineno" => self.new_int(t.3 as i64).map(Some),
                    _ => Ok(None),
                };
            }
            Kind::Frame => {
                let f = match o.borrow::<FrameObj>() {
                    Some(f) => (
                        f.code.clone(),
                        f.globals.clone(),
                        f.back.clone(),
                        f.lineno,
                        f.live,
                    ),
                    None => return Ok(None),
                };
                // A frame still running: its line and caller are read from
                // the VM's frame stack now (CPython's frame objects see the
                // live interpreter frame).
                let live_at = if f.4 {
                    self.frames
                        .iter()
                        .rposition(|fr| fr.frame_obj.as_ref().is_some_and(|x| x.is(o)))
                } else {
                    None
                };
                return match (n.as_str(), live_at) {
                    ("f_code", _) => Ok(Some(f.0)),
                    ("f_globals", _) => Ok(Some(f.1)),
                    ("f_back", Some(i)) if i > 0 => self.frame_object(i - 1).map(Some),
                    ("f_back", Some(_)) => Ok(Some(none)),
                    ("f_back", None) => Ok(Some(opt(f.2))),
                    ("f_lineno", Some(i)) => {
                        let fr = &self.frames[i];
                        // The running frame is where the loop is.
                        let at = if i + 1 == self.frames.len() {
                            self.cur_ip.saturating_sub(1)
                        } else {
                            fr.lasti
                        };
                        let line = fr.code().line_of(at).unwrap_or(fr.code().firstlineno);
                        self.new_int(line as i64).map(Some)
                    }
                    ("f_lineno", None) => self.new_int(f.3 as i64).map(Some),
                    ("f_locals", Some(i)) => match self.frames[i].namespace.clone() {
                        Some(ns) => Ok(Some(ns)),
                        None if i + 1 == self.frames.len() => self.current_locals().map(Some),
                        None => Ok(None),
                    },
                    ("f_locals", None) => self.finished_frame_locals(o).map(Some),
                    _ => Ok(None),
                };
            }
            Kind::Code => {
                let c = match o.get::<CodeObj>() {
                    Some(c) => (
                        c.name.clone(),
                        c.qualname.clone(),
                        c.filename.clone(),
                        c.code.firstlineno,
                        c.code.argcount,
                        c.varnames.clone(),
                        c.code.flags,
                    ),
                    None => return Ok(None),
                };
                return match n.as_str() {
                    "co_name" => Ok(Some(c.0)),
                    "co_qualname" => Ok(Some(c.1)),
                    "co_filename" => Ok(Some(c.2)),
                    "co_firstlineno" => self.new_int(c.3 as i64).map(Some),
                    "co_argcount" => self.new_int(c.4 as i64).map(Some),
                    "co_varnames" => self.new_tuple(c.5).map(Some),
                    "co_flags" => self.new_int(c.6 as i64).map(Some),
                    _ => Ok(None),
                };
            }
            Kind::Cell => {
                if n == "cell_contents" {
                    let v = o.borrow::<CellObj>().and_then(|c| c.value.clone());
                    return match v {
                        Some(v) => Ok(Some(v)),
                        None => Err(self.value_error("Cell is empty")),
                    };
                }
                return Ok(None);
            }
            Kind::Slice => {
                let s = match o.get::<SliceObj>() {
                    Some(s) => (s.start.clone(), s.stop.clone(), s.step.clone()),
                    None => return Ok(None),
                };
                return Ok(match n.as_str() {
                    "start" => Some(s.0),
                    "stop" => Some(s.1),
                    "step" => Some(s.2),
                    _ => None,
                });
            }
            Kind::Range => {
                let r = match o.get::<ouro_heap::RangeObj>() {
                    Some(r) => (r.start.clone(), r.stop.clone(), r.step.clone()),
                    None => return Ok(None),
                };
                return Ok(match n.as_str() {
                    "start" => Some(r.0),
                    "stop" => Some(r.1),
                    "step" => Some(r.2),
                    _ => None,
                });
            }
            Kind::Int | Kind::BigInt | Kind::Float => return self.number_getattr(o, &n),
            Kind::Complex => {
                let z = Vm::complex_of(o).unwrap_or(complex::C { re: 0.0, im: 0.0 });
                return match n.as_str() {
                    "real" => self.new_float(z.re).map(Some),
                    "imag" => self.new_float(z.im).map(Some),
                    _ => Ok(None),
                };
            }
            Kind::Native if self.is_generator(o) => {
                return self.gen_getattr(o, &n);
            }
            Kind::Native if memoryview::is_memoryview(o) => {
                return self.memoryview_getattr(o, &n);
            }
            Kind::Native if self.is_property(o) => {
                let p = Vm::with_native::<native::Property, _>(o, |p| {
                    (
                        p.fget.clone(),
                        p.fset.clone(),
                        p.fdel.clone(),
                        p.doc.clone(),
                    )
                });
                let Some(p) = p else { return Ok(None) };
                return Ok(match n.as_str() {
                    "fget" => Some(opt(p.0)),
                    "fset" => Some(opt(p.1)),
                    "fdel" => Some(opt(p.2)),
                    "__doc__" => Some(opt(p.3)),
                    _ => None,
                });
            }
            Kind::Native
                if self.is_instance_of(o, T::ClassMethod)
                    || self.is_instance_of(o, T::StaticMethod) =>
            {
                if n == "__func__" {
                    return Ok(
                        Vm::with_native::<native::Wrapper, _>(o, |w| w.func.clone()).flatten()
                    );
                }
                return Ok(None);
            }
            _ => {}
        }
        if n == "__dict__" && o.has_attrs() && o.class().tflags() & tflags::T_SLOTS == 0 {
            return self.instance_dict(o).map(Some);
        }
        Ok(None)
    }

    /// Settable layout attributes. `Some(())` when handled.
    /// `function.__code__ = code`: CPython's `func_set_code`, with its
    /// checks (a code object, as many free variables as the closure has).
    fn set_function_code(&mut self, f: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
        let Some(code) = value.filter(|v| v.kind() == Kind::Code) else {
            return Err(self.type_error("__code__ must be set to a code object"));
        };
        let nfree = code.get::<CodeObj>().map_or(0, |c| c.code.freevars.len());
        let (name, closure) = match f.borrow::<FunctionObj>() {
            Some(func) => (func.name.clone(), func.closure.clone()),
            None => return Err(self.internal_error("function without payload")),
        };
        let nclosure = closure
            .as_ref()
            .and_then(|c| c.get::<TupleObj>().map(|t| t.items().len()))
            .unwrap_or(0);
        if nclosure != nfree {
            let name = self.str_of(&name).to_string();
            return Err(self.value_error(format!(
                "{name}() requires a code object with {nclosure} free vars, not {nfree}"
            )));
        }
        let old = f
            .borrow_mut::<FunctionObj>()
            .map(|mut func| std::mem::replace(&mut func.code, code));
        drop(old);
        Ok(())
    }

    pub(crate) fn special_setattr(
        &mut self,
        o: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<Option<()>> {
        let n = self.str_of(name).to_string();
        if n == "__class__" {
            let Some(v) = value else {
                return Err(self.type_error("can't delete __class__ attribute"));
            };
            if v.kind() != Kind::Type {
                let tn = self.type_name_of(&v);
                return Err(self.type_error(format!(
                    "__class__ must be set to a class, not '{tn}' object"
                )));
            }
            let old = o.class();
            let ok = Vm::is_heap_type(&v)
                && Vm::is_heap_type(&old)
                && self.builtin_of(&v) == self.builtin_of(&old);
            if !ok {
                return Err(self.type_error("__class__ assignment only supported for mutable types or ModuleType subclasses"));
            }
            o.set_class(&v);
            self.update_type_flags(&v);
            return Ok(Some(()));
        }
        match o.kind() {
            Kind::Function if n == "__code__" => self.set_function_code(o, value).map(Some),
            Kind::Function => {
                // CPython's setters check the new value's type.
                let none = self.none.clone();
                let ok = match (n.as_str(), &value) {
                    ("__name__" | "__qualname__", Some(v)) => v.kind() == Kind::Str,
                    ("__name__" | "__qualname__", None) => false,
                    ("__defaults__", Some(v)) => v.is(&none) || v.kind() == Kind::Tuple,
                    ("__kwdefaults__", Some(v)) => v.is(&none) || v.kind() == Kind::Dict,
                    _ => true,
                };
                if !ok {
                    let what = match n.as_str() {
                        "__defaults__" => "a tuple",
                        "__kwdefaults__" => "a dict",
                        _ => "a string",
                    };
                    return Err(self.type_error(format!("{n} must be set to {what} object")));
                }
                let Some(mut f) = o.borrow_mut::<FunctionObj>() else {
                    return Ok(None);
                };
                let v = value.filter(|v| !v.is(&none));
                let old = match n.as_str() {
                    "__defaults__" => std::mem::replace(&mut f.defaults, v),
                    "__kwdefaults__" => std::mem::replace(&mut f.kwdefaults, v),
                    "__doc__" => std::mem::replace(&mut f.doc, v),
                    "__annotations__" => std::mem::replace(&mut f.annotations, v),
                    "__name__" => match v {
                        Some(v) => Some(std::mem::replace(&mut f.name, v)),
                        None => None,
                    },
                    "__qualname__" => match v {
                        Some(v) => Some(std::mem::replace(&mut f.qualname, v)),
                        None => None,
                    },
                    "__module__" => std::mem::replace(&mut f.module, v),
                    _ => return Ok(None),
                };
                drop(f);
                drop(old);
                Ok(Some(()))
            }
            Kind::Exception => {
                let none = self.none.clone();
                let given = value.as_ref().filter(|v| !v.is(&none));
                match (n.as_str(), &value) {
                    ("__traceback__" | "__cause__" | "__context__", None) => {
                        return Err(self.type_error(format!("{n} may not be deleted")));
                    }
                    ("__traceback__", _) if given.is_some_and(|v| v.kind() != Kind::Traceback) => {
                        return Err(self.type_error("__traceback__ must be a traceback or None"));
                    }
                    ("__cause__" | "__context__", _)
                        if given.is_some_and(|v| !self.is_instance_of(v, T::BaseException)) =>
                    {
                        let what = if n == "__cause__" { "cause" } else { "context" };
                        return Err(self.type_error(format!(
                            "exception {what} must be None or derive from BaseException"
                        )));
                    }
                    _ => {}
                }
                let mut e = match o.borrow_mut::<ExceptionObj>() {
                    Some(e) => e,
                    None => return Ok(None),
                };
                let old = match n.as_str() {
                    "args" => {
                        drop(e);
                        let Some(v) = value else {
                            return Err(self.type_error("args may not be deleted"));
                        };
                        let items = self.iterate(&v)?;
                        let t = self.new_tuple(items)?;
                        let old = o
                            .borrow_mut::<ExceptionObj>()
                            .map(|mut e| std::mem::replace(&mut e.args, t));
                        drop(old);
                        return Ok(Some(()));
                    }
                    "__traceback__" => {
                        std::mem::replace(&mut e.traceback, value.filter(|v| !v.is(&none)))
                    }
                    "__cause__" => {
                        e.suppress_context = true;
                        std::mem::replace(&mut e.cause, value.filter(|v| !v.is(&none)))
                    }
                    "__context__" => {
                        std::mem::replace(&mut e.context, value.filter(|v| !v.is(&none)))
                    }
                    "__suppress_context__" => {
                        drop(e);
                        let b = match &value {
                            Some(v) => self.truthy(v)?,
                            None => false,
                        };
                        if let Some(mut e) = o.borrow_mut::<ExceptionObj>() {
                            e.suppress_context = b;
                        }
                        return Ok(Some(()));
                    }
                    "__notes__" => std::mem::replace(&mut e.notes, value.filter(|v| !v.is(&none))),
                    _ => return Ok(None),
                };
                drop(e);
                drop(old);
                Ok(Some(()))
            }
            Kind::Type if Vm::is_heap_type(o) => {
                let Some(v) = value else { return Ok(None) };
                match n.as_str() {
                    "__name__" | "__qualname__" => {
                        if v.kind() != Kind::Str {
                            let tn = self.type_name(o);
                            let vt = self.type_name_of(&v);
                            return Err(self.type_error(format!(
                                "can only assign string to {tn}.{n}, not '{vt}'"
                            )));
                        }
                        let old = o.borrow_mut::<TypeObj>().map(|mut t| {
                            if n == "__name__" {
                                std::mem::replace(&mut t.name, v)
                            } else {
                                std::mem::replace(&mut t.qualname, v)
                            }
                        });
                        drop(old);
                        Ok(Some(()))
                    }
                    _ => Ok(None),
                }
            }
            _ => {
                if n == "__dict__" && o.has_attrs() {
                    let Some(v) = value else {
                        return Err(self.type_error("cannot delete __dict__"));
                    };
                    if v.kind() != Kind::Dict {
                        let tn = self.type_name_of(&v);
                        return Err(self.type_error(format!(
                            "__dict__ must be set to a dictionary, not a '{tn}'"
                        )));
                    }
                    let old = o
                        .attrs_mut()
                        .map(|mut a| std::mem::replace(&mut *a, ouro_heap::Attrs::Dict(v)));
                    drop(old);
                    return Ok(Some(()));
                }
                Ok(None)
            }
        }
    }

    /// `sys.getsizeof(o)`: the object's block plus the buffers it owns.
    pub fn sizeof(&mut self, o: &ObjRef) -> usize {
        // The attribute buffer of an instance is its own allocation, like
        // CPython 3.11's values array (which CPython leaves out; ouro counts it).
        let attrs = o.attrs().map_or(0, |a| match &*a {
            ouro_heap::Attrs::Inline(v) => v.capacity() * std::mem::size_of::<(ObjRef, ObjRef)>(),
            ouro_heap::Attrs::Dict(_) => 0,
        });
        let base = o.alloc_size() + attrs;
        let extra = match o.kind() {
            Kind::List => o.borrow::<ListObj>().map_or(0, |l| l.items.capacity() * 8),
            Kind::Dict => o.borrow::<DictObj>().map_or(0, |d| d.table.heap_size()),
            Kind::ByteArray => Vm::bytearray_capacity(o),
            Kind::Native => o
                .borrow::<ouro_heap::NativeObj>()
                .map_or(0, |n| n.payload().heap_size()),
            _ => 0,
        };
        base + extra
    }

    /// The names `dir(o)` lists, sorted.
    pub(crate) fn dir_names(&mut self, o: &ObjRef) -> PyResult<Vec<String>> {
        let mut names: Vec<String> = Vec::new();
        let add_dict = |vm: &mut Vm, d: &ObjRef, names: &mut Vec<String>| -> PyResult<()> {
            for (k, _) in vm.dict_items_vec(d)? {
                if k.kind() == Kind::Str {
                    names.push(vm.str_of(&k).to_string());
                }
            }
            Ok(())
        };
        match o.kind() {
            Kind::Module => {
                if let Some(d) = Vm::module_dict(o) {
                    add_dict(self, &d, &mut names)?;
                }
            }
            Kind::Type => {
                for t in self.mro_of(o) {
                    let d = self.type_dict(&t)?;
                    add_dict(self, &d, &mut names)?;
                }
            }
            _ => {
                if o.has_attrs() {
                    let d = self.instance_dict(o)?;
                    add_dict(self, &d, &mut names)?;
                }
                let ty = o.class();
                for t in self.mro_of(&ty) {
                    let d = self.type_dict(&t)?;
                    add_dict(self, &d, &mut names)?;
                }
            }
        }
        names.sort();
        names.dedup();
        Ok(names)
    }
}
