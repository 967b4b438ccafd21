//! Functions implemented in Rust: the table that `BuiltinFunctionObj::id`
//! indexes, argument handling, and registration helpers.

use ouro_heap::{BuiltinFunctionObj, ObjRef, TupleObj};

use crate::error::PyResult;
use crate::types::T;
use crate::vm::Vm;

/// A native function. `args.pos[0]` is `self` for methods.
pub type NativeFn = fn(&mut Vm, Args) -> PyResult<ObjRef>;

/// The positional form of a native (CPython's `METH_FASTCALL` shape): its
/// arguments borrowed, straight from the value stack, for a call from
/// bytecode without keywords (so no argument vector is made). It handles
/// the shapes it accepts and gives None for any other (a wrong count, an
/// unexpected type), which then goes to the native's general form, so the
/// two agree on every result and message.
pub type PosFn = fn(&mut Vm, &[ObjRef]) -> Option<PyResult<ObjRef>>;

pub struct NativeDef {
    pub name: &'static str,
    pub func: NativeFn,
    pub pos: Option<PosFn>,
}

/// Arguments of a native call: positional values and keyword pairs.
pub struct Args {
    pub pos: Vec<ObjRef>,
    pub kw: Vec<(ObjRef, ObjRef)>,
    /// The arguments came packed in the caller's tuple (`f(*args)`): a
    /// builtin that CPython calls with an args tuple (`METH_VARARGS`) gets
    /// that tuple, with no copy of its own beside the caller's stack.
    pub packed: bool,
}

thread_local! {
    /// Argument vectors given back by finished native calls, reused by the
    /// next calls: a call from bytecode allocates no vector of its own.
    static ARG_VECS: std::cell::RefCell<Vec<Vec<ObjRef>>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Vectors kept for reuse, and the largest capacity kept.
const ARG_POOL_SIZE: usize = 16;
const ARG_POOL_MAX_CAP: usize = 16;

/// An empty vector with room for `n` arguments, reused when one is free.
pub(crate) fn arg_vec(n: usize) -> Vec<ObjRef> {
    if n <= ARG_POOL_MAX_CAP {
        if let Some(v) = ARG_VECS.with(|p| p.borrow_mut().pop()) {
            return v;
        }
    }
    Vec::with_capacity(n.max(4))
}

/// Gives an argument vector back for reuse by [`arg_vec`] (its items are
/// released first).
pub(crate) fn recycle_arg_vec(mut v: Vec<ObjRef>) {
    let cap = v.capacity();
    if cap == 0 || cap > ARG_POOL_MAX_CAP {
        return;
    }
    // Release the references first: freeing objects never makes Args.
    v.clear();
    ARG_VECS.with(|p| {
        let mut p = p.borrow_mut();
        if p.len() < ARG_POOL_SIZE {
            p.push(v);
        }
    });
}

impl Drop for Args {
    fn drop(&mut self) {
        recycle_arg_vec(std::mem::take(&mut self.pos));
    }
}

impl Args {
    pub fn new(pos: Vec<ObjRef>) -> Args {
        Args {
            pos,
            kw: Vec::new(),
            packed: false,
        }
    }

    /// Splits a call's values into positional and keyword arguments
    /// (`kwnames` names the last values).
    pub fn from_call(mut pos: Vec<ObjRef>, kwnames: Option<&ObjRef>) -> Args {
        let mut kw = Vec::new();
        if let Some(names) = kwnames.and_then(|k| k.get::<TupleObj>()) {
            let n = names.len().min(pos.len());
            let vals = pos.split_off(pos.len() - n);
            kw = names.items().iter().cloned().zip(vals).collect();
        }
        Args {
            pos,
            kw,
            packed: false,
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.pos.len()
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.pos.is_empty()
    }

    /// Removes and returns the keyword argument `name`.
    pub fn take_kw(&mut self, vm: &Vm, name: &str) -> Option<ObjRef> {
        let i = self.kw.iter().position(|(k, _)| vm.str_of(k) == name)?;
        Some(self.kw.remove(i).1)
    }

    /// Fails if keyword arguments remain (CPython: "f() takes no keyword
    /// arguments").
    pub fn no_kw(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if self.kw.is_empty() {
            Ok(())
        } else {
            Err(vm.type_error(format!("{fname}() takes no keyword arguments")))
        }
    }

    /// Fails with CPython's message if a keyword remains that the function
    /// does not accept.
    pub fn no_more_kw(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        match self.kw.first() {
            None => Ok(()),
            Some((k, _)) => {
                let k = vm.str_of(k).to_string();
                Err(vm.type_error(format!(
                    "{fname}() got an unexpected keyword argument '{k}'"
                )))
            }
        }
    }

    /// Checks the positional count against `min..=max` with the message of
    /// CPython's `_PyArg_CheckPositional`.
    pub fn check(&self, vm: &mut Vm, fname: &str, min: usize, max: usize) -> PyResult<()> {
        let n = self.pos.len();
        if n < min {
            let msg = if min == max {
                format!(
                    "{fname} expected {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname} expected at least {min} argument{}, got {n}",
                    if min == 1 { "" } else { "s" }
                )
            };
            return Err(vm.type_error(msg));
        }
        if n > max {
            let msg = if min == max {
                format!(
                    "{fname} expected {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{fname} expected at most {max} argument{}, got {n}",
                    if max == 1 { "" } else { "s" }
                )
            };
            return Err(vm.type_error(msg));
        }
        Ok(())
    }

    /// For `METH_O` functions: exactly one argument.
    pub fn exactly_one(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if !self.kw.is_empty() {
            return Err(vm.type_error(format!("{fname}() takes no keyword arguments")));
        }
        if self.pos.len() != 1 {
            return Err(vm.type_error(format!(
                "{fname}() takes exactly one argument ({} given)",
                self.pos.len()
            )));
        }
        Ok(())
    }

    /// For `METH_NOARGS` functions.
    pub fn none(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if !self.pos.is_empty() {
            return Err(vm.type_error(format!(
                "{fname}() takes no arguments ({} given)",
                self.pos.len()
            )));
        }
        Ok(())
    }
}

impl Vm {
    /// Registers a native function and returns its id.
    pub fn register_native(&mut self, name: &'static str, func: NativeFn) -> u32 {
        self.natives.push(NativeDef {
            name,
            func,
            pos: None,
        });
        (self.natives.len() - 1) as u32
    }

    /// Gives the native function `name` of namespace `dict` (a module's or
    /// a type's) its positional form; returns the native's id.
    pub(crate) fn set_pos_form(&mut self, dict: &ObjRef, name: &str, pos: PosFn) -> PyResult<u32> {
        let key = self.intern(name)?;
        let id = self
            .dict_get_str(dict, &key)
            .and_then(|f| f.get::<BuiltinFunctionObj>().map(|b| b.id));
        match id.and_then(|id| Some((id, self.natives.get_mut(id as usize)?))) {
            Some((id, def)) => {
                def.pos = Some(pos);
                Ok(id)
            }
            None => Err(self.internal_error("positional form of an unknown native")),
        }
    }

    /// A builtin function object (`len`, module functions).
    pub fn new_builtin_function(&mut self, name: &'static str, func: NativeFn) -> PyResult<ObjRef> {
        let id = self.register_native(name, func);
        let ty = self.ty(T::BuiltinFunction).clone();
        self.alloc(
            &ty,
            BuiltinFunctionObj {
                id,
                name,
                bound: None,
                owner: None,
            },
            false,
        )
    }

    /// Adds a function to a namespace dict.
    pub fn add_function(
        &mut self,
        dict: &ObjRef,
        name: &'static str,
        func: NativeFn,
    ) -> PyResult<()> {
        let f = self.new_builtin_function(name, func)?;
        let key = self.intern(name)?;
        self.dict_set_str(dict, &key, f)
    }

    /// Adds a method to a builtin type's dict (a method descriptor).
    pub fn add_method(&mut self, t: T, name: &'static str, func: NativeFn) -> PyResult<()> {
        let id = self.register_native(name, func);
        let owner = self.ty(t).clone();
        let ty = self.ty(T::MethodDescriptor).clone();
        let m = self.alloc(
            &ty,
            BuiltinFunctionObj {
                id,
                name,
                bound: None,
                owner: Some(owner.clone()),
            },
            false,
        )?;
        let dict = self.type_dict(&owner)?;
        let key = self.intern(name)?;
        self.dict_set_str(&dict, &key, m)
    }

    /// The namespace dict of a type object.
    pub fn type_dict(&mut self, ty: &ObjRef) -> PyResult<ObjRef> {
        match ty.borrow::<ouro_heap::TypeObj>() {
            Some(t) => Ok(t.dict.clone()),
            None => Err(self.internal_error("not a type")),
        }
    }

    /// Calls a native function object.
    pub(crate) fn call_native(
        &mut self,
        f: &ObjRef,
        mut args: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let Some(b) = f.get::<BuiltinFunctionObj>() else {
            return Err(self.internal_error("not a native function"));
        };
        let (id, name) = (b.id, b.name);
        let mut kw = Vec::new();
        if let Some(names) = kwnames.and_then(|k| k.get::<TupleObj>()) {
            let n = names.len();
            if n > args.len() {
                return Err(self.internal_error("keyword count"));
            }
            let vals = args.split_off(args.len() - n);
            kw = names.items().iter().cloned().zip(vals).collect();
        }
        match (&b.bound, &b.owner) {
            (Some(bound), _) => args.insert(0, bound.clone()),
            (None, Some(owner)) => {
                // An unbound method descriptor: the first argument is self.
                match args.first() {
                    None => {
                        let tn = self.type_name(owner);
                        return Err(self.type_error(format!(
                            "unbound method {tn}.{name}() needs an argument"
                        )));
                    }
                    Some(s) if !self.isinstance(s, owner) => {
                        let tn = self.tp_name(owner);
                        let sn = self.tp_name(&s.class());
                        return Err(self.type_error(format!(
                            "descriptor '{name}' for '{tn}' objects doesn't apply to a '{sn}' object"
                        )));
                    }
                    _ => {}
                }
            }
            (None, None) => {}
        }
        let func = match self.natives.get(id as usize) {
            Some(d) => d.func,
            None => return Err(self.internal_error("bad native id")),
        };
        let packed = std::mem::take(&mut self.native_args_packed);
        func(
            self,
            Args {
                pos: args,
                kw,
                packed,
            },
        )
    }
}

/// Installs the methods of the builtin types.
pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    crate::objects::install(vm)
}
