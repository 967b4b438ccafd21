//! The `builtins` module.

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use ouro_heap::{Kind, ObjRef, StrObj};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::objects::native::LazyIter;
use crate::types::T;
use crate::vm::Vm;

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let b = vm.builtins.clone();
    let module = vm.new_module("builtins")?;
    // The module's namespace is the builtins dict itself.
    let mdict = Vm::module_dict(&module);
    if let Some(md) = mdict {
        for (k, v) in vm.dict_items_vec(&md)? {
            vm.dict_setitem(&b, k, v)?;
        }
    }
    let name = vm.new_str("builtins")?;
    let ty = vm.ty(T::Module).clone();
    let module = vm.alloc(
        &ty,
        ouro_heap::ModuleObj {
            name,
            dict: b.clone(),
        },
        false,
    )?;
    vm.builtins_module = module.clone();
    let functions: &[(&'static str, NativeFn)] = &[
        ("print", builtin_print),
        ("id", builtin_id),
        ("len", builtin_len),
        ("repr", builtin_repr),
        ("isinstance", builtin_isinstance),
        ("issubclass", builtin_issubclass),
        ("abs", builtin_abs),
        ("min", builtin_min),
        ("max", builtin_max),
        ("sum", builtin_sum),
        ("hasattr", builtin_hasattr),
        ("getattr", builtin_getattr),
        ("setattr", builtin_setattr),
        ("delattr", builtin_delattr),
        ("iter", builtin_iter),
        ("next", builtin_next),
        ("sorted", builtin_sorted),
        ("any", builtin_any),
        ("all", builtin_all),
        ("chr", builtin_chr),
        ("ord", builtin_ord),
        ("hex", builtin_hex),
        ("oct", builtin_oct),
        ("bin", builtin_bin),
        ("round", builtin_round),
        ("divmod", builtin_divmod),
        ("pow", builtin_pow),
        ("hash", builtin_hash),
        ("callable", builtin_callable),
        ("input", builtin_input),
        ("open", builtin_open),
        ("globals", builtin_globals),
        ("compile", crate::eval::builtin_compile),
        ("exec", crate::eval::builtin_exec),
        ("eval", crate::eval::builtin_eval),
        ("locals", builtin_locals),
        ("vars", builtin_vars),
        ("dir", builtin_dir),
        ("format", builtin_format),
        ("ascii", builtin_ascii),
        ("__import__", builtin_import),
        ("exit", builtin_exit),
        ("quit", builtin_exit),
    ];
    for (name, f) in functions {
        vm.add_function(&b, name, *f)?;
    }
    let positional: &[(&str, crate::natives::PosFn)] = &[
        ("len", len_pos),
        ("isinstance", isinstance_pos),
        ("abs", abs_pos),
    ];
    for (name, f) in positional {
        let id = vm.set_pos_form(&b, name, *f)?;
        if *name == "len" {
            vm.len_id = id;
        }
    }
    let types = [
        ("object", T::Object),
        ("type", T::Type),
        ("int", T::Int),
        ("bool", T::Bool),
        ("float", T::Float),
        ("str", T::Str),
        ("list", T::List),
        ("tuple", T::Tuple),
        ("dict", T::Dict),
        ("range", T::Range),
        ("slice", T::Slice),
        ("property", T::Property),
        ("classmethod", T::ClassMethod),
        ("staticmethod", T::StaticMethod),
        ("super", T::Super),
        ("set", T::Set),
        ("frozenset", T::FrozenSet),
        ("bytes", T::Bytes),
        ("bytearray", T::ByteArray),
        ("memoryview", T::MemoryView),
        ("complex", T::Complex),
        ("enumerate", T::Enumerate),
        ("zip", T::Zip),
        ("map", T::Map),
        ("filter", T::Filter),
        ("reversed", T::Reversed),
    ];
    for (name, t) in types {
        let key = vm.intern(name)?;
        let v = vm.ty(t).clone();
        vm.dict_set_str(&b, &key, v)?;
    }
    for &(id, name, _, _, _) in crate::types::BUILTIN_TYPES {
        if id.is_exception() {
            let key = vm.intern(name)?;
            let v = vm.ty(id).clone();
            vm.dict_set_str(&b, &key, v)?;
        }
    }
    // Aliases CPython keeps.
    for (alias, t) in [("EnvironmentError", T::OSError), ("IOError", T::OSError)] {
        let key = vm.intern(alias)?;
        let v = vm.ty(t).clone();
        vm.dict_set_str(&b, &key, v)?;
    }
    for (name, v) in [
        ("None", vm.none.clone()),
        ("True", vm.true_.clone()),
        ("False", vm.false_.clone()),
        ("NotImplemented", vm.not_implemented.clone()),
        ("Ellipsis", vm.ellipsis.clone()),
    ] {
        let key = vm.intern(name)?;
        vm.dict_set_str(&b, &key, v)?;
    }
    let key = vm.intern("__debug__")?;
    let t = vm.true_.clone();
    vm.dict_set_str(&b, &key, t)?;
    Ok(())
}

/// `sys.stdout` when it is not the process's own stdout stream, else `None`.
fn current_sys_stdout(vm: &mut Vm) -> PyResult<Option<ObjRef>> {
    let modules = vm.modules.clone();
    let key = vm.intern("sys")?;
    let Some(sys) = vm.dict_get_str(&modules, &key) else {
        return Ok(None);
    };
    let out = vm.getattr_str(&sys, "stdout")?;
    let fd = Vm::with_native::<crate::sys::TextStream, _>(&out, |t| t.fd);
    Ok(if fd == Some(1) { None } else { Some(out) })
}

fn builtin_print(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let sep = args.take_kw(vm, "sep");
    let end = args.take_kw(vm, "end");
    let file = args.take_kw(vm, "file");
    let flush = args.take_kw(vm, "flush");
    args.no_more_kw(vm, "print")?;
    let get = |vm: &mut Vm, o: Option<ObjRef>, name: &str, default: &str| -> PyResult<String> {
        match o {
            None => Ok(default.to_string()),
            Some(v) if v.is(&vm.none) => Ok(default.to_string()),
            Some(v) => match v.get::<StrObj>() {
                Some(s) => Ok(s.as_str().to_string()),
                None => {
                    let tn = vm.type_name_of(&v);
                    Err(vm.type_error(format!("{name} must be None or a string, not {tn}")))
                }
            },
        }
    };
    let sep = get(vm, sep, "sep", " ")?;
    let end = get(vm, end, "end", "\n")?;
    // The pieces as CPython writes them to a file object: each argument,
    // each separator and the end, one `write` call apiece.
    let mut pieces = Vec::new();
    for (i, a) in args.pos.iter().enumerate() {
        if i > 0 {
            pieces.push(sep.clone());
        }
        let s = vm.str(a)?;
        pieces.push(vm.str_of(&s).to_string());
    }
    pieces.push(end);
    // Without `file=`, print goes to whatever `sys.stdout` is now (a program
    // may have replaced it, as `contextlib.redirect_stdout` does).
    let file = match file.filter(|f| !f.is(&vm.none)) {
        Some(f) => Some(f),
        None => current_sys_stdout(vm)?,
    };
    match file {
        None => vm.write_stdout(&pieces.concat()),
        Some(f) => {
            for piece in &pieces {
                let s = vm.new_str(piece)?;
                vm.call_method(&f, "write", vec![s])?;
            }
            if let Some(fl) = &flush {
                if vm.truthy(fl)? {
                    vm.call_method(&f, "flush", Vec::new())?;
                }
            }
            return Ok(vm.none.clone());
        }
    }
    if let Some(fl) = flush {
        if vm.truthy(&fl)? {
            vm.flush();
        }
    }
    Ok(vm.none.clone())
}

fn builtin_id(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "id")?;
    let a = args.pos[0].addr();
    vm.new_bigint(BigInt::from(a))
}

fn builtin_len(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "len")?;
    len_of(vm, &args.pos[0])
}

fn len_of(vm: &mut Vm, o: &ObjRef) -> PyResult<ObjRef> {
    let n = vm.len(o)?;
    vm.new_int(n as i64)
}

fn len_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [o] => Some(len_of(vm, o)),
        _ => None,
    }
}

fn builtin_repr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "repr")?;
    vm.repr(&args.pos[0])
}

fn builtin_ascii(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "ascii")?;
    vm.ascii(&args.pos[0])
}

impl Vm {
    /// `isinstance(obj, cls)` with tuples and `__instancecheck__`.
    pub fn isinstance_check(&mut self, obj: &ObjRef, cls: &ObjRef) -> PyResult<bool> {
        if cls.kind() == Kind::Type {
            if obj.class_is(cls) {
                return Ok(true);
            }
            let meta = cls.class();
            if Vm::is_heap_type(&meta) {
                let ic = self.intern("__instancecheck__")?;
                if let Some(f) = self.type_lookup(&meta, &ic) {
                    let r = self.call(&f, vec![cls.clone(), obj.clone()])?;
                    return self.truthy(&r);
                }
            }
            return Ok(self.isinstance(obj, cls));
        }
        if cls.kind() == Kind::Tuple {
            for c in self.seq_items(cls) {
                if self.isinstance_check(obj, &c)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        // Any other object with `__instancecheck__` on its class
        // (typing's `List[int]`, `Union[int, str]`), as CPython's
        // PyObject_IsInstance.
        if let Some(r) = self.call_check_hook(cls, "__instancecheck__", obj)? {
            return Ok(r);
        }
        Err(self.type_error("isinstance() arg 2 must be a type, a tuple of types, or a union"))
    }

    /// Calls `type(cls).<hook>(cls, arg)` for a `cls` that is neither a type
    /// nor a tuple; None if its class has no such method.
    fn call_check_hook(
        &mut self,
        cls: &ObjRef,
        hook: &str,
        arg: &ObjRef,
    ) -> PyResult<Option<bool>> {
        let meta = cls.class();
        if !Vm::is_heap_type(&meta) {
            return Ok(None);
        }
        let name = self.intern(hook)?;
        match self.type_lookup(&meta, &name) {
            Some(f) => {
                let r = self.call(&f, vec![cls.clone(), arg.clone()])?;
                Ok(Some(self.truthy(&r)?))
            }
            None => Ok(None),
        }
    }

    pub fn issubclass_check(&mut self, c: &ObjRef, cls: &ObjRef) -> PyResult<bool> {
        if cls.kind() != Kind::Type && cls.kind() != Kind::Tuple {
            if let Some(r) = self.call_check_hook(cls, "__subclasscheck__", c)? {
                return Ok(r);
            }
        }
        if c.kind() != Kind::Type {
            return Err(self.type_error("issubclass() arg 1 must be a class"));
        }
        if cls.kind() == Kind::Type {
            let meta = cls.class();
            if Vm::is_heap_type(&meta) {
                let sc = self.intern("__subclasscheck__")?;
                if let Some(f) = self.type_lookup(&meta, &sc) {
                    let r = self.call(&f, vec![cls.clone(), c.clone()])?;
                    return self.truthy(&r);
                }
            }
            return Ok(self.is_subtype(c, cls));
        }
        if cls.kind() == Kind::Tuple {
            for x in self.seq_items(cls) {
                if self.issubclass_check(c, &x)? {
                    return Ok(true);
                }
            }
            return Ok(false);
        }
        Err(self.type_error("issubclass() arg 2 must be a class, a tuple of classes, or a union"))
    }
}

fn builtin_isinstance(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "isinstance")?;
    args.check(vm, "isinstance", 2, 2)?;
    isinstance_of(vm, &args.pos[0], &args.pos[1])
}

fn isinstance_of(vm: &mut Vm, o: &ObjRef, cls: &ObjRef) -> PyResult<ObjRef> {
    let mut r = vm.isinstance_check(o, cls)?;
    if !r {
        // A proxy's __class__ is its referent's (object_isinstance falls
        // back on __class__).
        if let Some(t) = vm.unproxy(o)? {
            r = vm.isinstance_check(&t, cls)?;
        }
    }
    Ok(vm.new_bool(r))
}

fn isinstance_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [o, cls] => Some(isinstance_of(vm, o, cls)),
        _ => None,
    }
}

fn builtin_issubclass(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "issubclass")?;
    args.check(vm, "issubclass", 2, 2)?;
    let r = vm.issubclass_check(&args.pos[0], &args.pos[1])?;
    Ok(vm.new_bool(r))
}

fn builtin_abs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "abs")?;
    abs_of(vm, &args.pos[0])
}

fn abs_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [x] => Some(abs_of(vm, x)),
        _ => None,
    }
}

fn abs_of(vm: &mut Vm, x: &ObjRef) -> PyResult<ObjRef> {
    match x.kind() {
        Kind::Int | Kind::BigInt
            if !Vm::is_heap_class_of(x) || vm.builtin_type_of(x) != T::Object =>
        {
            let v = vm.to_bigint(x).unwrap_or_default();
            vm.new_bigint(v.abs())
        }
        Kind::Float => {
            let v = vm.float_value(x).unwrap_or(0.0);
            vm.new_float(v.abs())
        }
        Kind::Complex => vm.complex_abs(x),
        _ => {
            let a = vm.names.abs.clone();
            match vm.call_dunder(x, &a, &[])? {
                Some(r) => Ok(r),
                None => {
                    let tn = vm.type_name_of(x);
                    Err(vm.type_error(format!("bad operand type for abs(): '{tn}'")))
                }
            }
        }
    }
}

fn min_max(vm: &mut Vm, mut args: Args, name: &str, want_less: bool) -> PyResult<ObjRef> {
    let key = args.take_kw(vm, "key").filter(|k| !k.is(&vm.none));
    let default = args.take_kw(vm, "default");
    args.no_more_kw(vm, name)?;
    // Items are taken one at a time and each is keyed as it comes, as
    // CPython's min_max does (an iterator's and the key's side effects
    // interleave).
    let mut best: Option<(ObjRef, ObjRef)> = None;
    // min and max are METH_VARARGS builtins in CPython 3.11: called from
    // a `CALL`, the caller's stack keeps its references while the builtin
    // reads the arguments' tuple. These are the tuple's (from `f(*args)`,
    // the arguments are the tuple's already).
    let _tuple = if args.packed {
        Vec::new()
    } else {
        args.pos.clone()
    };
    match args.len() {
        0 => return Err(vm.type_error(format!("{name} expected at least 1 argument, got 0"))),
        1 => {
            if !vm.has_iter(&args.pos[0]) {
                let tn = vm.type_name_of(&args.pos[0]);
                return Err(vm.type_error(format!("'{tn}' object is not iterable")));
            }
            let it = vm.iter(&args.pos[0])?;
            while let Some(item) = vm.next(&it)? {
                min_max_step(vm, item, key.as_ref(), want_less, &mut best)?;
            }
        }
        n => {
            if default.is_some() {
                return Err(vm.type_error(format!(
                    "Cannot specify a default for {name}() with multiple positional arguments"
                )));
            }
            for i in 0..n {
                let item = args.pos[i].clone();
                min_max_step(vm, item, key.as_ref(), want_less, &mut best)?;
            }
        }
    }
    match best {
        Some((v, _)) => Ok(v),
        None => match default {
            Some(d) => Ok(d),
            None => Err(vm.value_error(format!("{name}() arg is an empty sequence"))),
        },
    }
}

/// One item of `min`/`max`: keyed (the key borrows the item, which this
/// step owns), then kept if it beats the best so far.
fn min_max_step(
    vm: &mut Vm,
    item: ObjRef,
    key: Option<&ObjRef>,
    want_less: bool,
    best: &mut Option<(ObjRef, ObjRef)>,
) -> PyResult<()> {
    let k = match key {
        Some(f) => vm.call_with(f, std::slice::from_ref(&item))?,
        None => item.clone(),
    };
    let better = match best.as_ref() {
        None => true,
        Some((_, bk)) => {
            let op = if want_less {
                ouro_bytecode::CmpOp::Lt
            } else {
                ouro_bytecode::CmpOp::Gt
            };
            let r = vm.richcompare(&k, bk, op)?;
            vm.truthy(&r)?
        }
    };
    if better {
        *best = Some((item, k));
    }
    Ok(())
}

fn builtin_min(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    min_max(vm, args, "min", true)
}

fn builtin_max(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    min_max(vm, args, "max", false)
}

fn builtin_sum(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let start_kw = args.take_kw(vm, "start");
    args.no_more_kw(vm, "sum")?;
    args.check(vm, "sum", 1, 2)?;
    let start = args.pos.get(1).cloned().or(start_kw);
    let mut acc = match start {
        Some(s) => {
            if s.kind() == Kind::Str {
                return Err(vm.type_error("sum() can't sum strings [use ''.join(seq) instead]"));
            }
            s
        }
        None => vm.new_int(0)?,
    };
    let it = vm.iter(&args.pos[0])?;
    // Exact-int fast path, as CPython's.
    let mut small: Option<i64> = Vm::int_of(&acc).filter(|_| vm.is_exact(&acc, T::Int));
    let mut fsum: Option<f64> = None;
    while let Some(x) = vm.next(&it)? {
        if let (Some(s), Some(v)) = (
            small,
            Vm::int_of(&x).filter(|_| vm.is_exact(&x, T::Int) || vm.is_exact(&x, T::Bool)),
        ) {
            if let Some(n) = s.checked_add(v) {
                small = Some(n);
                continue;
            }
        }
        if let Some(s) = small.take() {
            acc = vm.new_int(s)?;
        }
        if x.kind() == Kind::Float && (acc.kind() == Kind::Float || fsum.is_some()) {
            let cur = fsum.unwrap_or_else(|| vm.float_value(&acc).unwrap_or(0.0));
            fsum = Some(cur + vm.float_value(&x).unwrap_or(0.0));
            continue;
        }
        if let Some(f) = fsum.take() {
            acc = vm.new_float(f)?;
        }
        acc = vm.binary_op(&acc, &x, ouro_bytecode::BinOp::Add)?;
    }
    if let Some(s) = small {
        return vm.new_int(s);
    }
    if let Some(f) = fsum {
        return vm.new_float(f);
    }
    Ok(acc)
}

fn attr_name(vm: &mut Vm, o: &ObjRef, fname: &str) -> PyResult<ObjRef> {
    if o.kind() != Kind::Str {
        let tn = vm.type_name_of(o);
        let _ = fname;
        return Err(vm.type_error(format!("attribute name must be string, not '{tn}'")));
    }
    vm.intern_obj(o)
}

fn builtin_hasattr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "hasattr", 2, 2)?;
    let n = attr_name(vm, &args.pos[1], "hasattr")?;
    match vm.getattr(&args.pos[0], &n) {
        Ok(_) => Ok(vm.true_.clone()),
        Err(e) if vm.err_is(&e, T::AttributeError) => Ok(vm.false_.clone()),
        Err(e) => Err(e),
    }
}

fn builtin_getattr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "getattr", 2, 3)?;
    let n = attr_name(vm, &args.pos[1], "getattr")?;
    match vm.getattr(&args.pos[0], &n) {
        Ok(v) => Ok(v),
        Err(e) if vm.err_is(&e, T::AttributeError) && args.len() == 3 => Ok(args.pos[2].clone()),
        Err(e) => Err(e),
    }
}

fn builtin_setattr(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    args.check(vm, "setattr", 3, 3)?;
    let n = attr_name(vm, &args.pos[1], "setattr")?;
    // The value moves on: the argument array's reference is the one a
    // `__setattr__` call holds for its length.
    let Some(value) = args.pos.pop() else {
        return Err(vm.internal_error("setattr arguments"));
    };
    vm.setattr(&args.pos[0], &n, value)?;
    Ok(vm.none.clone())
}

fn builtin_delattr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "delattr", 2, 2)?;
    let n = attr_name(vm, &args.pos[1], "delattr")?;
    vm.delattr(&args.pos[0], &n)?;
    Ok(vm.none.clone())
}

fn builtin_iter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "iter", 1, 2)?;
    if args.len() == 2 {
        if !vm.is_callable(&args.pos[0]) {
            return Err(vm.type_error("iter(v, w): v must be callable"));
        }
        return vm.new_native(
            T::CallIterator,
            LazyIter::Callable {
                func: Some(args.pos[0].clone()),
                sentinel: args.pos[1].clone(),
            },
        );
    }
    vm.iter(&args.pos[0])
}

fn builtin_next(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "next", 1, 2)?;
    let it = &args.pos[0];
    let is_iter = matches!(it.kind(), Kind::SeqIter | Kind::RangeIter | Kind::DictIter) || {
        let n = vm.names.next.clone();
        vm.type_lookup(&it.class(), &n).is_some() || it.kind() == Kind::Native
    };
    if !is_iter || (it.kind() == Kind::DictIter && vm.is_dict_view(it)) {
        let tn = vm.type_name_of(it);
        return Err(vm.type_error(format!("'{tn}' object is not an iterator")));
    }
    if vm.is_generator(it) {
        // The value a generator returns rides on its StopIteration.
        return match vm.gen_resume(it, None, None)? {
            crate::objects::generator::GenOut::Yield(v) => Ok(v),
            crate::objects::generator::GenOut::Return(r) => match args.pos.get(1) {
                Some(d) => Ok(d.clone()),
                None => Err(vm.stop_iteration(r)),
            },
        };
    }
    match vm.next(it)? {
        Some(v) => Ok(v),
        None => match args.pos.get(1) {
            Some(d) => Ok(d.clone()),
            None => {
                let none = vm.none.clone();
                Err(vm.stop_iteration(none))
            }
        },
    }
}

fn builtin_sorted(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let key = args.take_kw(vm, "key");
    let reverse = args.take_kw(vm, "reverse");
    args.no_more_kw(vm, "sort")?;
    if args.len() != 1 {
        return Err(vm.type_error(format!("sorted expected 1 argument, got {}", args.len())));
    }
    let items = vm.iterate(&args.pos[0])?;
    let reverse = match reverse {
        Some(r) => vm.truthy(&r)?,
        None => false,
    };
    let key = key.filter(|k| !k.is(&vm.none));
    match vm.sort_values(items, key.as_ref(), reverse) {
        Ok(v) => vm.new_list(v),
        Err((_, e)) => Err(e),
    }
}

fn builtin_any(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "any")?;
    let it = vm.iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if vm.truthy(&x)? {
            return Ok(vm.true_.clone());
        }
    }
    Ok(vm.false_.clone())
}

fn builtin_all(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "all")?;
    let it = vm.iter(&args.pos[0])?;
    while let Some(x) = vm.next(&it)? {
        if !vm.truthy(&x)? {
            return Ok(vm.false_.clone());
        }
    }
    Ok(vm.true_.clone())
}

fn builtin_chr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "chr")?;
    let v = vm.index_value(&args.pos[0])?;
    match v.to_u32().and_then(char::from_u32) {
        Some(c) => {
            let mut b = [0u8; 4];
            vm.new_str(c.encode_utf8(&mut b))
        }
        None => {
            if v.to_u32().is_some_and(|c| (0xd800..0xe000).contains(&c)) {
                return Err(vm.value_error("ouro strings cannot hold lone surrogates"));
            }
            Err(vm.value_error("chr() arg not in range(0x110000)"))
        }
    }
}

fn builtin_ord(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "ord")?;
    let o = &args.pos[0];
    match o.get::<StrObj>() {
        Some(s) => {
            let mut cs = s.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => vm.new_int(c as i64),
                _ => Err(vm.type_error(format!(
                    "ord() expected a character, but string of length {} found",
                    s.char_len()
                ))),
            }
        }
        None => match vm
            .bytes_data(o)
            .filter(|_| matches!(o.kind(), Kind::Bytes | Kind::ByteArray))
        {
            Some(d) if d.len() == 1 => vm.new_int(i64::from(d[0])),
            Some(d) => Err(vm.type_error(format!(
                "ord() expected a character, but string of length {} found",
                d.len()
            ))),
            None => {
                let tn = vm.type_name_of(o);
                Err(vm.type_error(format!("ord() expected string of length 1, but {tn} found")))
            }
        },
    }
}

fn base_repr(vm: &mut Vm, args: Args, name: &str, f: fn(&BigInt) -> String) -> PyResult<ObjRef> {
    args.exactly_one(vm, name)?;
    let v = vm.index_value(&args.pos[0])?;
    let s = f(&v);
    vm.new_str(&s)
}

fn builtin_hex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    base_repr(vm, args, "hex", ouro_algo::int::hex)
}

fn builtin_oct(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    base_repr(vm, args, "oct", ouro_algo::int::oct)
}

fn builtin_bin(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    base_repr(vm, args, "bin", ouro_algo::int::bin)
}

pub(crate) fn builtin_round(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let nd_kw = args.take_kw(vm, "ndigits");
    args.no_more_kw(vm, "round")?;
    args.check(vm, "round", 1, 2)?;
    let x = &args.pos[0];
    let nd = args
        .pos
        .get(1)
        .cloned()
        .or(nd_kw)
        .filter(|n| !n.is(&vm.none));
    match x.kind() {
        Kind::Float => {
            let v = vm.float_value(x).unwrap_or(0.0);
            match nd {
                None => {
                    let r = ouro_algo::float::round_half_even(v);
                    vm.int_from_f64(r)
                }
                Some(n) => {
                    let n = vm.index_value(&n)?;
                    let n = n
                        .to_i64()
                        .unwrap_or(if n.is_negative() { i64::MIN } else { i64::MAX });
                    match ouro_algo::float::round(v, n) {
                        Ok(r) => vm.new_float(r),
                        Err(_) => Err(vm.overflow_error("rounded value too large to represent")),
                    }
                }
            }
        }
        Kind::Int | Kind::BigInt => match nd {
            None => {
                let v = vm.to_bigint(x).unwrap_or_default();
                vm.new_bigint(v)
            }
            Some(n) => {
                let n = vm.index_value(&n)?;
                let v = vm.to_bigint(x).unwrap_or_default();
                if !n.is_negative() {
                    return vm.new_bigint(v);
                }
                let p = (-n).to_u32().unwrap_or(u32::MAX).min(100_000);
                let m = num_traits::pow(BigInt::from(10), p as usize);
                // Round half to even at 10**p.
                let (q, r) = num_integer::Integer::div_mod_floor(&v, &m);
                let twice = &r * 2;
                let q = if twice > m || (twice == m && num_integer::Integer::is_odd(&q)) {
                    q + 1
                } else {
                    q
                };
                vm.new_bigint(q * m)
            }
        },
        _ => {
            let rn = vm.intern("__round__")?;
            let mut a = Vec::new();
            if let Some(n) = nd {
                a.push(n);
            }
            match vm.call_dunder(x, &rn, &a)? {
                Some(r) => Ok(r),
                None => {
                    let tn = vm.type_name_of(x);
                    Err(vm.type_error(format!("type {tn} doesn't define __round__ method")))
                }
            }
        }
    }
}

pub(crate) fn builtin_divmod(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "divmod", 2, 2)?;
    let (a, b) = (&args.pos[0], &args.pos[1]);
    if matches!(a.kind(), Kind::Int | Kind::BigInt) && matches!(b.kind(), Kind::Int | Kind::BigInt)
    {
        let y = vm.to_bigint(b).unwrap_or_default();
        if y.is_zero() {
            return Err(vm.zero_division("integer division or modulo by zero"));
        }
        let x = vm.to_bigint(a).unwrap_or_default();
        let (q, r) = num_integer::Integer::div_mod_floor(&x, &y);
        let q = vm.new_bigint(q)?;
        let r = vm.new_bigint(r)?;
        return vm.new_tuple_of([q, r]);
    }
    if matches!(a.kind(), Kind::Int | Kind::BigInt | Kind::Float)
        && matches!(b.kind(), Kind::Int | Kind::BigInt | Kind::Float)
    {
        let x = vm.float_value(a).unwrap_or(0.0);
        let y = vm.float_value(b).unwrap_or(0.0);
        return match ouro_algo::float::divmod(x, y) {
            Some((q, r)) => {
                let q = vm.new_float(q)?;
                let r = vm.new_float(r)?;
                vm.new_tuple_of([q, r])
            }
            None => Err(vm.zero_division("float divmod()")),
        };
    }
    let dm = vm.intern("__divmod__")?;
    if let Some(r) = vm.call_dunder(a, &dm, std::slice::from_ref(b))? {
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    let rdm = vm.intern("__rdivmod__")?;
    if let Some(r) = vm.call_dunder(b, &rdm, std::slice::from_ref(a))? {
        if !r.is(&vm.not_implemented) {
            return Ok(r);
        }
    }
    let ta = vm.type_name_of(a);
    let tb = vm.type_name_of(b);
    Err(vm.type_error(format!(
        "unsupported operand type(s) for divmod(): '{ta}' and '{tb}'"
    )))
}

fn builtin_pow(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let m_kw = args.take_kw(vm, "mod");
    args.no_more_kw(vm, "pow")?;
    args.check(vm, "pow", 2, 3)?;
    let m = args
        .pos
        .get(2)
        .cloned()
        .or(m_kw)
        .filter(|m| !m.is(&vm.none));
    match m {
        None => vm.binary_op(&args.pos[0], &args.pos[1], ouro_bytecode::BinOp::Power),
        Some(m) => {
            // A class's __pow__(exp, mod) (ternary pow is not reflected).
            let base = args.pos[0].clone();
            if Vm::is_heap_class_of(&base) {
                let n = vm.intern("__pow__")?;
                if let Some(f) = vm.type_lookup(&base.class(), &n) {
                    let r = vm.call(&f, vec![base.clone(), args.pos[1].clone(), m.clone()])?;
                    if !r.is(&vm.not_implemented) {
                        return Ok(r);
                    }
                }
                let (t0, t1, t2) = (
                    vm.type_name_of(&base),
                    vm.type_name_of(&args.pos[1]),
                    vm.type_name_of(&m),
                );
                return Err(vm.type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{t0}', '{t1}', '{t2}'"
                )));
            }
            let (Some(b), Some(e), Some(md)) = (
                vm.to_bigint(&args.pos[0]),
                vm.to_bigint(&args.pos[1]),
                vm.to_bigint(&m),
            ) else {
                return Err(vm.type_error(
                    "pow() 3rd argument not allowed unless all arguments are integers",
                ));
            };
            if md.is_zero() {
                return Err(vm.value_error("pow() 3rd argument cannot be 0"));
            }
            let r = if e.is_negative() {
                // Modular inverse.
                let inv = mod_inverse(&b, &md);
                match inv {
                    Some(i) => i.modpow(&(-e), &md.abs()),
                    None => {
                        return Err(vm.value_error("base is not invertible for the given modulus"))
                    }
                }
            } else {
                b.modpow(&e, &md.abs())
            };
            // The result takes the sign of the modulus.
            let r = if md.is_negative() && !r.is_zero() {
                r + &md
            } else {
                r
            };
            vm.new_bigint(r)
        }
    }
}

fn mod_inverse(a: &BigInt, m: &BigInt) -> Option<BigInt> {
    let m = m.abs();
    let (mut old_r, mut r) = (num_integer::Integer::mod_floor(a, &m), m.clone());
    let (mut old_s, mut s) = (BigInt::from(1), BigInt::zero());
    while !r.is_zero() {
        let q = &old_r / &r;
        let nr = &old_r - &q * &r;
        old_r = std::mem::replace(&mut r, nr);
        let ns = &old_s - &q * &s;
        old_s = std::mem::replace(&mut s, ns);
    }
    if old_r != BigInt::from(1) {
        return None;
    }
    Some(num_integer::Integer::mod_floor(&old_s, &m))
}

fn builtin_hash(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "hash")?;
    let h = vm.hash(&args.pos[0])?;
    vm.new_int(h)
}

impl Vm {
    pub fn is_callable(&mut self, o: &ObjRef) -> bool {
        match o.kind() {
            Kind::Function | Kind::BuiltinFunction | Kind::Method | Kind::Type => true,
            Kind::WeakRef if !self.is_proxy(o) => true,
            Kind::WeakRef if o.class_is(self.ty(T::WeakCallableProxy)) => true,
            _ => {
                let c = self.names.call.clone();
                self.type_lookup(&o.class(), &c).is_some()
            }
        }
    }
}

fn builtin_callable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "callable")?;
    let r = vm.is_callable(&args.pos[0]);
    Ok(vm.new_bool(r))
}

/// `open(...)`: the frozen `io.open`. Like CPython's C `open`, it adds no
/// frames of its own to the traceback of what it raises.
fn builtin_open(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let f = {
        let m = vm.import_top("io")?;
        let name = vm.intern("_open")?;
        vm.getattr(&m, &name)?
    };
    let mut pos = std::mem::take(&mut args.pos);
    let mut names = Vec::new();
    for (k, v) in std::mem::take(&mut args.kw) {
        names.push(k);
        pos.push(v);
    }
    let kwnames = if names.is_empty() {
        None
    } else {
        Some(vm.new_tuple(names)?)
    };
    match vm.call_kw(&f, pos, kwnames) {
        Ok(v) => Ok(v),
        Err(e) => {
            let old =
                e.0.borrow_mut::<ouro_heap::ExceptionObj>()
                    .map(|mut x| x.traceback.take());
            drop(old);
            Err(e)
        }
    }
}

fn builtin_input(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "input", 0, 1)?;
    if let Some(p) = args.pos.first() {
        let s = vm.str_string(p)?;
        vm.write_stdout(&s);
    }
    vm.flush();
    let mut line = String::new();
    match std::io::stdin().read_line(&mut line) {
        Ok(0) => Err(vm.new_exc(T::EOFError, "EOF when reading a line")),
        Ok(_) => {
            if line.ends_with('\n') {
                line.pop();
                if line.ends_with('\r') {
                    line.pop();
                }
            }
            vm.new_str(&line)
        }
        Err(e) => Err(vm.new_exc(T::OSError, e.to_string())),
    }
}

fn builtin_globals(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "globals")?;
    match vm.frames.last() {
        Some(f) => Ok(f.globals.clone()),
        None => vm.new_dict(),
    }
}

impl Vm {
    /// `locals()` of the innermost Python frame: its namespace, or, for a
    /// function, the frame object's locals dict brought up to date with the
    /// fast locals (CPython 3.11's `PyFrame_FastToLocals`: the same dict on
    /// every call, so names `exec` stored there stay).
    pub(crate) fn current_locals(&mut self) -> PyResult<ObjRef> {
        let Some(f) = self.frames.last() else {
            return self.new_dict();
        };
        if let Some(ns) = &f.namespace {
            return Ok(ns.clone());
        }
        let fi = self.frames.len() - 1;
        let code = self.frames[fi].code().clone();
        let base = self.frames[fi].locals_base;
        let fo = self.frame_object(fi)?;
        let d = self.frame_locals_dict(&fo)?;
        let slots: Vec<Option<ObjRef>> = self.locals[base..].to_vec();
        self.fill_locals_dict(&d, &code, &slots)?;
        Ok(d)
    }

    /// Brings the dict `d` up to date with a function frame's slots: each
    /// bound local (a cell's content for cell and free variables) under its
    /// name, unbound ones removed (CPython's `PyFrame_FastToLocals`).
    fn fill_locals_dict(
        &mut self,
        d: &ObjRef,
        code: &ouro_bytecode::CodeObject,
        slots: &[Option<ObjRef>],
    ) -> PyResult<()> {
        let nv = code.varnames.len();
        let cells = code.cellvars.iter().chain(code.freevars.iter());
        let names: Vec<(usize, &str, bool)> = code
            .varnames
            .iter()
            .enumerate()
            .map(|(i, n)| (i, &**n, false))
            .chain(cells.enumerate().map(|(i, n)| (nv + i, &**n, true)))
            .collect();
        for (slot, name, is_cell) in names {
            let raw = slots.get(slot).cloned().flatten();
            let v = if is_cell {
                raw.and_then(|c| {
                    c.borrow::<ouro_heap::CellObj>()
                        .and_then(|c| c.value.clone())
                })
            } else {
                raw
            };
            let k = self.intern(name)?;
            match v {
                Some(v) => self.dict_set_str(d, &k, v)?,
                None => drop(self.dict_del_str(d, &k)),
            }
        }
        Ok(())
    }

    /// `f_locals` of a frame object whose frame has finished: its
    /// namespace for module and class code; for a function, a dict of the
    /// slots it kept, made once and refreshed on each read.
    pub(crate) fn finished_frame_locals(&mut self, fo: &ObjRef) -> PyResult<ObjRef> {
        let Some((code, ns, slots)) = fo
            .borrow::<ouro_heap::FrameObj>()
            .map(|f| (f.code.clone(), f.namespace.clone(), f.locals.clone()))
        else {
            return self.new_dict();
        };
        let Some(code) = code.get::<ouro_heap::CodeObj>().map(|c| c.code.clone()) else {
            return self.new_dict();
        };
        if code.flags & ouro_bytecode::code_flags::OPTIMIZED == 0 {
            return match ns {
                Some(ns) => Ok(ns),
                None => self.new_dict(),
            };
        }
        let d = self.frame_locals_dict(fo)?;
        self.fill_locals_dict(&d, &code, &slots)?;
        Ok(d)
    }

    /// The dict a function frame's object shows as `f_locals` (made on
    /// first need and kept, so each read returns the same dict).
    fn frame_locals_dict(&mut self, fo: &ObjRef) -> PyResult<ObjRef> {
        let existing = fo
            .borrow::<ouro_heap::FrameObj>()
            .and_then(|f| f.namespace.clone());
        if let Some(d) = existing {
            return Ok(d);
        }
        let d = self.new_dict()?;
        if let Some(mut f) = fo.borrow_mut::<ouro_heap::FrameObj>() {
            f.namespace = Some(d.clone());
        }
        Ok(d)
    }
}

fn builtin_locals(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "locals")?;
    vm.current_locals()
}

fn builtin_vars(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "vars", 0, 1)?;
    match args.pos.first() {
        None => vm.current_locals(),
        Some(o) => {
            let d = vm.names.dict.clone();
            match vm.getattr(o, &d) {
                Ok(v) => Ok(v),
                Err(e) if vm.err_is(&e, T::AttributeError) => {
                    Err(vm.type_error("vars() argument must have __dict__ attribute"))
                }
                Err(e) => Err(e),
            }
        }
    }
}

fn builtin_dir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "dir", 0, 1)?;
    let names = match args.pos.first() {
        None => {
            let l = vm.current_locals()?;
            let mut v: Vec<String> = vm
                .dict_items_vec(&l)?
                .into_iter()
                .map(|(k, _)| vm.str_of(&k).to_string())
                .collect();
            v.sort();
            v
        }
        Some(o) => {
            let ty = o.class();
            if Vm::is_heap_type(&ty) {
                let dn = vm.intern("__dir__")?;
                if let Some(f) = vm.type_lookup(&ty, &dn) {
                    if f.kind() == Kind::Function {
                        let r = vm.call(&f, vec![o.clone()])?;
                        let items = vm.iterate(&r)?;
                        let l = vm.new_list(items)?;
                        let sorted = vm.call_method(&l, "sort", Vec::new());
                        sorted?;
                        return Ok(l);
                    }
                }
            }
            vm.dir_names(o)?
        }
    };
    let mut items = Vec::with_capacity(names.len());
    for n in names {
        items.push(vm.new_str(&n)?);
    }
    vm.new_list(items)
}

fn builtin_format(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "format", 1, 2)?;
    let spec = match args.pos.get(1) {
        Some(s) => {
            if s.kind() != Kind::Str {
                let tn = vm.type_name_of(s);
                return Err(vm.type_error(format!("format() argument 2 must be str, not {tn}")));
            }
            s.clone()
        }
        None => vm.new_str("")?,
    };
    vm.format(&args.pos[0], &spec)
}

fn builtin_import(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__import__", 1, 5)?;
    let name = args.pos[0].clone();
    let none = vm.none.clone();
    let fromlist = args.pos.get(3).cloned().unwrap_or_else(|| none.clone());
    let level = match args.pos.get(4) {
        Some(l) => l.clone(),
        None => vm.new_int(0)?,
    };
    let fi = vm.frames.len().saturating_sub(1);
    vm.import_name(&name, &fromlist, &level, fi)
}

fn builtin_exit(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let ty = vm.ty(T::SystemExit).clone();
    let e = vm.call(&ty, std::mem::take(&mut args.pos))?;
    Err(crate::error::PyErr(e))
}

/// `enumerate`, `zip`, `map`, `filter`, `reversed`.
pub(crate) fn lazy_iter_new(vm: &mut Vm, t: T, mut args: Args) -> PyResult<ObjRef> {
    let state = match t {
        T::Enumerate => {
            let start_kw = args.take_kw(vm, "start");
            let it_kw = args.take_kw(vm, "iterable");
            args.no_more_kw(vm, "enumerate")?;
            let src = args.pos.first().cloned().or(it_kw);
            let Some(src) = src else {
                return Err(
                    vm.type_error("enumerate() missing required argument 'iterable' (pos 1)")
                );
            };
            let start = args.pos.get(1).cloned().or(start_kw);
            let (count, long_count) = match start {
                Some(s) => {
                    let v = vm.index_value(&s)?;
                    match v.to_i64() {
                        Some(c) => (c, None),
                        None => (0, Some(v)),
                    }
                }
                None => (0, None),
            };
            let it = vm.iter(&src)?;
            // The tuple each step hands out again (CPython's en_result).
            let none = vm.none.clone();
            let result = Some(vm.new_tuple_of([none.clone(), none])?);
            LazyIter::Enumerate {
                it,
                count,
                long_count,
                result,
            }
        }
        T::Zip => {
            let strict = match args.take_kw(vm, "strict") {
                Some(s) => vm.truthy(&s)?,
                None => false,
            };
            args.no_more_kw(vm, "zip")?;
            let mut its = Vec::with_capacity(args.len());
            for (i, a) in args.pos.iter().enumerate() {
                if !vm.has_iter(a) {
                    let tn = vm.type_name_of(a);
                    return Err(vm
                        .type_error(format!("zip argument #{} must support iteration", i + 1))
                        .or_tn(tn));
                }
                its.push(vm.iter(a)?);
            }
            // zip's reused result tuple, as enumerate's.
            let result = if its.is_empty() {
                None
            } else {
                let none = vm.none.clone();
                Some(vm.new_tuple(vec![none; its.len()])?)
            };
            LazyIter::Zip {
                its,
                strict,
                result,
            }
        }
        T::Map => {
            args.no_kw(vm, "map")?;
            if args.len() < 2 {
                return Err(vm.type_error("map() must have at least two arguments."));
            }
            let func = args.pos[0].clone();
            let mut its = Vec::new();
            for a in &args.pos[1..] {
                its.push(vm.iter(a)?);
            }
            LazyIter::Map { func, its }
        }
        T::Filter => {
            args.no_kw(vm, "filter")?;
            args.check(vm, "filter", 2, 2)?;
            let it = vm.iter(&args.pos[1])?;
            LazyIter::Filter {
                func: args.pos[0].clone(),
                it,
            }
        }
        _ => {
            args.no_kw(vm, "reversed")?;
            args.check(vm, "reversed", 1, 1)?;
            let seq = args.pos[0].clone();
            let rev = vm.intern("__reversed__")?;
            if Vm::is_heap_class_of(&seq) {
                if let Some(r) = vm.call_dunder(&seq, &rev, &[])? {
                    return Ok(r);
                }
            }
            if seq.kind() == Kind::Dict && !Vm::is_heap_class_of(&seq) {
                // dict_reversekeyiterator: the keys, last inserted first (a
                // snapshot of the keys; CPython iterates the table itself).
                let keys: Vec<ObjRef> = vm
                    .dict_items_vec(&seq)?
                    .into_iter()
                    .map(|(k, _)| k)
                    .collect();
                let l = vm.new_list(keys)?;
                let n = keys_len(&l);
                return vm.new_native(
                    T::ListReverseIterator,
                    LazyIter::Reversed {
                        seq: Some(l),
                        index: n as isize - 1,
                    },
                );
            }
            if !matches!(
                seq.kind(),
                Kind::List | Kind::Tuple | Kind::Str | Kind::Range | Kind::Bytes | Kind::ByteArray
            ) && !Vm::is_heap_class_of(&seq)
                && !crate::objects::memoryview::is_memoryview(&seq)
            {
                let tn = vm.type_name_of(&seq);
                return Err(vm.type_error(format!("'{tn}' object is not reversible")));
            }
            let n = vm.len(&seq)?;
            let t = if seq.kind() == Kind::List {
                T::ListReverseIterator
            } else {
                T::Reversed
            };
            return vm.new_native(
                t,
                LazyIter::Reversed {
                    seq: Some(seq),
                    index: n as isize - 1,
                },
            );
        }
    };
    vm.new_native(t, state)
}

fn keys_len(l: &ObjRef) -> usize {
    l.borrow::<ouro_heap::ListObj>()
        .map_or(0, |l| l.items.len())
}

trait OrTn {
    fn or_tn(self, tn: String) -> Self;
}

impl OrTn for crate::error::PyErr {
    fn or_tn(self, _tn: String) -> Self {
        self
    }
}
