//! The object protocols: attributes, items, arithmetic, comparison, truth,
//! repr/str, hashing, iteration. Builtin types are dispatched by layout;
//! classes by their dunder methods, following CPython's slot functions
//! (`binary_op1`, `do_richcompare`, `PyObject_GenericGetAttr`).

use ouro_bytecode::{BinOp, CmpOp};
use ouro_heap::{
    flags, Attrs, BuiltinFunctionObj, DictObj, ExceptionObj, FunctionObj, Kind, ListObj, MethodObj,
    ModuleObj, ObjRef, StrObj, TupleObj,
};

use crate::error::{PyErr, PyResult};
use crate::interp::UnaryKind;
use crate::types::T;
use crate::vm::Vm;

impl Vm {
    // ----------------------------------------------------------- recursion

    /// Guards Rust-level recursion through Python objects (repr of nested
    /// lists, comparisons...): counts against the recursion limit, as
    /// CPython's `Py_EnterRecursiveCall`.
    pub(crate) fn enter_recursive(&mut self, what: &str) -> PyResult<()> {
        self.native_depth += 1;
        if self.frames.len() + self.native_depth > self.recursion_limit + 50
            || self.native_depth > 1500
        {
            self.native_depth -= 1;
            return Err(self.new_exc(
                T::RecursionError,
                format!("maximum recursion depth exceeded{what}"),
            ));
        }
        Ok(())
    }

    pub(crate) fn leave_recursive(&mut self) {
        self.native_depth -= 1;
    }

    // ----------------------------------------------------------- attributes

    pub fn getattr_str(&mut self, obj: &ObjRef, name: &str) -> PyResult<ObjRef> {
        let n = self.intern(name)?;
        self.getattr(obj, &n)
    }

    /// `getattr(obj, name)`.
    pub fn getattr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<ObjRef> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.getattr(&t, name);
            }
        }
        if obj.kind() == Kind::WeakRef && self.str_of(name) == "__callback__" {
            return Ok(self.weakref_callback_attr(obj));
        }
        if obj.kind() == Kind::Native && self.is_exact(obj, T::Super) {
            return self.super_getattr(obj, name);
        }
        let ty = obj.class();
        if Vm::is_heap_type(&ty) && self.may_hook(&ty, ouro_heap::tflags::T_GETATTRIBUTE) {
            let ga = self.names.getattribute.clone();
            if let Some(f) = self.type_lookup(&ty, &ga) {
                if f.kind() == Kind::Function {
                    let r = self.call(&f, vec![obj.clone(), name.clone()]);
                    return self.getattr_fallback(obj, &ty, name, r);
                }
            }
        }
        let r = match self.generic_getattr(obj, &ty, name)? {
            Some(v) => Ok(v),
            None => Err(self.no_attribute(obj, name)),
        };
        if Vm::is_heap_type(&ty) && self.may_hook(&ty, ouro_heap::tflags::T_GETATTR) {
            self.getattr_fallback(obj, &ty, name, r)
        } else {
            r
        }
    }

    /// On AttributeError, tries the class's `__getattr__`.
    fn getattr_fallback(
        &mut self,
        obj: &ObjRef,
        ty: &ObjRef,
        name: &ObjRef,
        r: PyResult<ObjRef>,
    ) -> PyResult<ObjRef> {
        match r {
            Err(e) if self.err_is(&e, T::AttributeError) => {
                let ga = self.names.getattr.clone();
                match self.type_lookup(ty, &ga) {
                    Some(f) => self.call(&f, vec![obj.clone(), name.clone()]),
                    None => Err(e),
                }
            }
            other => other,
        }
    }

    pub(crate) fn no_attribute(&mut self, obj: &ObjRef, name: &ObjRef) -> PyErr {
        let n = self.str_of(name).to_string();
        let msg = match obj.kind() {
            Kind::Module => {
                let mname = obj
                    .get::<ModuleObj>()
                    .map(|m| self.str_of(&m.name).to_string())
                    .unwrap_or_default();
                format!("module '{mname}' has no attribute '{n}'")
            }
            Kind::Type => format!(
                "type object '{}' has no attribute '{n}'",
                self.type_name(obj)
            ),
            _ => format!("'{}' object has no attribute '{n}'", self.type_name_of(obj)),
        };
        let e = self.attribute_error(msg);
        let _ = self.set_attr_str(&e.0, "name", name.clone());
        let _ = self.set_attr_str(&e.0, "obj", obj.clone());
        e
    }

    /// Whether `descr`'s type makes it a data descriptor (`__set__` or
    /// `__delete__` defined on a class).
    fn is_data_descriptor(&mut self, descr: &ObjRef) -> bool {
        let dt = descr.class();
        if !Vm::is_heap_type(&dt) {
            return self.is_property(descr) || Vm::member_name(descr).is_some();
        }
        let set = self.names.set.clone();
        let del = self.names.delete.clone();
        self.type_lookup(&dt, &set).is_some() || self.type_lookup(&dt, &del).is_some()
    }

    /// Binds a descriptor found on a type to `obj` (None for class access).
    pub(crate) fn bind_descriptor(
        &mut self,
        descr: ObjRef,
        obj: Option<&ObjRef>,
        owner: &ObjRef,
    ) -> PyResult<ObjRef> {
        match descr.kind() {
            Kind::Function => match obj {
                Some(o) => {
                    let ty = self.ty(T::Method).clone();
                    self.alloc(
                        &ty,
                        MethodObj {
                            func: descr,
                            self_: o.clone(),
                        },
                        false,
                    )
                }
                None => Ok(descr),
            },
            Kind::BuiltinFunction => {
                let (id, name, bound, own) = match descr.get::<BuiltinFunctionObj>() {
                    Some(b) => (b.id, b.name, b.bound.clone(), b.owner.clone()),
                    None => return Ok(descr),
                };
                match (obj, bound.is_none(), own) {
                    (Some(o), true, Some(own)) => {
                        if self.natives.get(id as usize).is_some()
                            && self.is_classmethod_native(&descr)
                        {
                            return Ok(descr);
                        }
                        let ty = self.ty(T::BuiltinFunction).clone();
                        self.alloc(
                            &ty,
                            BuiltinFunctionObj {
                                id,
                                name,
                                bound: Some(o.clone()),
                                owner: Some(own),
                            },
                            false,
                        )
                    }
                    _ => Ok(descr),
                }
            }
            _ => {
                if let Some(r) = self.bind_native_descriptor(&descr, obj, owner)? {
                    return Ok(r);
                }
                let dt = descr.class();
                if Vm::is_heap_type(&dt) {
                    let get = self.names.get.clone();
                    if let Some(g) = self.type_lookup(&dt, &get) {
                        let inst = obj.cloned().unwrap_or_else(|| self.none.clone());
                        return self.call(&g, vec![descr, inst, owner.clone()]);
                    }
                }
                Ok(descr)
            }
        }
    }

    fn is_classmethod_native(&self, _descr: &ObjRef) -> bool {
        false
    }

    /// `PyObject_GenericGetAttr`: data descriptors, then the instance's
    /// attributes, then other class attributes. Returns None if not found.
    pub(crate) fn generic_getattr(
        &mut self,
        obj: &ObjRef,
        ty: &ObjRef,
        name: &ObjRef,
    ) -> PyResult<Option<ObjRef>> {
        let special = self.str_of(name).starts_with("__") || special_getattr_kind(obj.kind());
        if special {
            if let Some(v) = self.special_getattr(obj, name)? {
                return Ok(Some(v));
            }
        }
        if obj.kind() == Kind::Type {
            return self.type_getattr(obj, name);
        }
        let descr = self.type_lookup(ty, name);
        if let Some(d) = &descr {
            if d.kind() != Kind::Function
                && d.kind() != Kind::BuiltinFunction
                && self.is_data_descriptor(d)
            {
                let d = d.clone();
                return self.bind_descriptor(d, Some(obj), ty).map(Some);
            }
        }
        if obj.has_attrs() {
            if let Some(v) = self.attrs_get(obj, name) {
                return Ok(Some(v));
            }
        }
        if obj.kind() == Kind::Module {
            if let Some(m) = obj.get::<ModuleObj>() {
                let d = m.dict.clone();
                if let Some(v) = self.dict_get_str(&d, name) {
                    return Ok(Some(v));
                }
                if descr.is_none() {
                    if obj.is(&self.sys) {
                        if let Some(v) = self.sys_lazy_attr(name)? {
                            return Ok(Some(v));
                        }
                    }
                    // PEP 562: a module's own __getattr__ for missing names.
                    let ga = self.names.getattr.clone();
                    if let Some(f) = self.dict_get_str(&d, &ga) {
                        return self.call(&f, vec![name.clone()]).map(Some);
                    }
                }
            }
        }
        if obj.kind() == Kind::Function {
            let d = obj.borrow::<FunctionObj>().and_then(|f| f.dict.clone());
            if let Some(d) = d {
                if let Some(v) = self.dict_get_str(&d, name) {
                    return Ok(Some(v));
                }
            }
        }
        match descr {
            Some(d) => self.bind_descriptor(d, Some(obj), ty).map(Some),
            None => Ok(None),
        }
    }

    /// Attribute lookup on a type object (`C.x`): the metatype's data
    /// descriptors, then the MRO of the type itself.
    fn type_getattr(&mut self, ty: &ObjRef, name: &ObjRef) -> PyResult<Option<ObjRef>> {
        let meta = ty.class();
        let meta_descr = self.type_lookup(&meta, name);
        if let Some(d) = &meta_descr {
            if self.is_data_descriptor(d) {
                let d = d.clone();
                return self.bind_descriptor(d, Some(ty), &meta).map(Some);
            }
        }
        if let Some(v) = self.type_lookup(ty, name) {
            return self.bind_descriptor(v, None, ty).map(Some);
        }
        match meta_descr {
            Some(d) => self.bind_descriptor(d, Some(ty), &meta).map(Some),
            None => Ok(None),
        }
    }

    /// Reads an instance attribute from the `Attrs` tail.
    pub(crate) fn attrs_get(&self, obj: &ObjRef, name: &ObjRef) -> Option<ObjRef> {
        let attrs = obj.attrs()?;
        match &*attrs {
            Attrs::Inline(pairs) => {
                for (k, v) in pairs {
                    if k.is(name) {
                        return Some(v.clone());
                    }
                }
                let text = self.str_of(name);
                pairs
                    .iter()
                    .find(|(k, _)| self.str_of(k) == text)
                    .map(|(_, v)| v.clone())
            }
            Attrs::Dict(d) => {
                let d = d.clone();
                drop(attrs);
                self.dict_get_str(&d, name)
            }
        }
    }

    /// Sets an instance attribute in the `Attrs` tail.
    pub(crate) fn attrs_set(&mut self, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
        let name = if name.has_flag(flags::F_INTERNED) {
            name.clone()
        } else {
            self.intern_obj(name)?
        };
        // Instances of subclasses of the variable-size builtins (str, bytes,
        // int, tuple) get a real dict, as in CPython 3.11, where only
        // fixed-size layouts keep inline values.
        if matches!(
            obj.kind(),
            Kind::Str | Kind::Bytes | Kind::Int | Kind::BigInt | Kind::Tuple
        ) && obj
            .attrs()
            .is_some_and(|a| matches!(&*a, Attrs::Inline(p) if p.is_empty()))
        {
            self.instance_dict(obj)?;
        }
        let dict = {
            let Some(mut attrs) = obj.attrs_mut() else {
                return Err(self.internal_error("object has no attributes"));
            };
            match &mut *attrs {
                Attrs::Inline(pairs) => {
                    // Names are interned, so identity almost always decides;
                    // the text comparison covers names interned apart.
                    let pos = pairs.iter().position(|(k, _)| k.is(&name)).or_else(|| {
                        let text = name.get::<StrObj>().map_or("", |s| s.as_str());
                        pairs.iter().position(|(k, _)| {
                            k.get::<StrObj>().is_some_and(|s| s.as_str() == text)
                        })
                    });
                    let old = match pos {
                        Some(i) => Some(std::mem::replace(&mut pairs[i].1, value)),
                        None => {
                            crate::attrcache::push_inline_attr(pairs, name, value);
                            None
                        }
                    };
                    drop(attrs);
                    drop(old);
                    return Ok(());
                }
                Attrs::Dict(d) => d.clone(),
            }
        };
        self.dict_set_str(&dict, &name, value)
    }

    /// Deletes an instance attribute; false if absent.
    pub(crate) fn attrs_del(&mut self, obj: &ObjRef, name: &ObjRef) -> bool {
        let dict = {
            let Some(mut attrs) = obj.attrs_mut() else {
                return false;
            };
            match &mut *attrs {
                Attrs::Inline(pairs) => {
                    let text = name.get::<StrObj>().map_or("", |s| s.as_str()).to_string();
                    let pos = pairs.iter().position(|(k, _)| {
                        k.is(name) || k.get::<StrObj>().is_some_and(|s| s.as_str() == text)
                    });
                    let removed = pos.map(|i| pairs.remove(i));
                    drop(attrs);
                    let found = removed.is_some();
                    drop(removed);
                    return found;
                }
                Attrs::Dict(d) => d.clone(),
            }
        };
        self.dict_del_str(&dict, name).is_some()
    }

    /// The instance's `__dict__`, materialised from inline attributes on
    /// first use (CPython 3.11 does the same with its inline values).
    pub(crate) fn instance_dict(&mut self, obj: &ObjRef) -> PyResult<ObjRef> {
        let pairs = {
            let Some(attrs) = obj.attrs() else {
                return Err(self.internal_error("no __dict__"));
            };
            match &*attrs {
                Attrs::Dict(d) => return Ok(d.clone()),
                Attrs::Inline(_) => {}
            }
            drop(attrs);
            let mut attrs = match obj.attrs_mut() {
                Some(a) => a,
                None => return Err(self.internal_error("no __dict__")),
            };
            match std::mem::take(&mut *attrs) {
                Attrs::Inline(p) => p,
                Attrs::Dict(d) => {
                    *attrs = Attrs::Dict(d.clone());
                    return Ok(d);
                }
            }
        };
        let d = self.new_dict()?;
        for (k, v) in pairs {
            self.dict_set_str(&d, &k, v)?;
        }
        if let Some(mut attrs) = obj.attrs_mut() {
            *attrs = Attrs::Dict(d.clone());
        }
        Ok(d)
    }

    pub fn set_attr_str(&mut self, obj: &ObjRef, name: &str, value: ObjRef) -> PyResult<()> {
        let n = self.intern(name)?;
        self.setattr(obj, &n, value)
    }

    /// `setattr(obj, name, value)`.
    pub fn setattr(&mut self, obj: &ObjRef, name: &ObjRef, value: ObjRef) -> PyResult<()> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.setattr(&t, name, value);
            }
        }
        if obj.kind() == Kind::WeakRef && self.str_of(name) == "__callback__" {
            return Err(self.new_exc(T::AttributeError, "readonly attribute"));
        }
        let ty = obj.class();
        if Vm::is_heap_type(&ty) && self.may_hook(&ty, ouro_heap::tflags::T_SETATTR) {
            let sa = self.names.setattr.clone();
            if let Some(f) = self.type_lookup(&ty, &sa) {
                if f.kind() == Kind::Function {
                    // The value is held here for the call, as by CPython's
                    // STORE_ATTR; the frame gets its own references.
                    let a = [name.clone(), value];
                    self.call_type_attr_with(&f, obj, &a)?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, &ty, name, Some(value))
    }

    pub fn delattr(&mut self, obj: &ObjRef, name: &ObjRef) -> PyResult<()> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.delattr(&t, name);
            }
        }
        let ty = obj.class();
        if Vm::is_heap_type(&ty) && self.may_hook(&ty, ouro_heap::tflags::T_SETATTR) {
            let da = self.names.delattr.clone();
            if let Some(f) = self.type_lookup(&ty, &da) {
                if f.kind() == Kind::Function {
                    self.call_type_attr_with(&f, obj, std::slice::from_ref(name))?;
                    return Ok(());
                }
            }
        }
        self.generic_setattr(obj, &ty, name, None)
    }

    /// `PyObject_GenericSetAttr` (`value` None deletes).
    pub(crate) fn generic_setattr(
        &mut self,
        obj: &ObjRef,
        ty: &ObjRef,
        name: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        if self.str_of(name).starts_with("__") || obj.kind() == Kind::Exception {
            if let Some(()) = self.special_setattr(obj, name, value.clone())? {
                return Ok(());
            }
        }
        if obj.kind() == Kind::Type {
            return self.type_setattr(obj, name, value);
        }
        if let Some(d) = self.type_lookup(ty, name) {
            if self.is_data_descriptor(&d) {
                return self.descriptor_set(&d, obj, value);
            }
        }
        if obj.has_attrs() && ty.tflags() & ouro_heap::tflags::T_SLOTS != 0 {
            // No __dict__: only the slots' descriptors (found above) store.
            return Err(self.no_attribute(obj, name));
        }
        if obj.has_attrs() {
            return match value {
                Some(v) => self.attrs_set(obj, name, v),
                None => {
                    if self.attrs_del(obj, name) {
                        Ok(())
                    } else {
                        Err(self.no_attribute(obj, name))
                    }
                }
            };
        }
        if obj.kind() == Kind::Module {
            let d = obj.get::<ModuleObj>().map(|m| m.dict.clone());
            if let Some(d) = d {
                return match value {
                    Some(v) => self.dict_set_str(&d, name, v),
                    None => {
                        if self.dict_del_str(&d, name).is_some() {
                            Ok(())
                        } else {
                            Err(self.no_attribute(obj, name))
                        }
                    }
                };
            }
        }
        if obj.kind() == Kind::Function {
            let d = match obj.borrow::<FunctionObj>().and_then(|f| f.dict.clone()) {
                Some(d) => d,
                None => {
                    let d = self.new_dict()?;
                    if let Some(mut f) = obj.borrow_mut::<FunctionObj>() {
                        f.dict = Some(d.clone());
                    }
                    d
                }
            };
            return match value {
                Some(v) => self.dict_set_str(&d, name, v),
                None => {
                    if self.dict_del_str(&d, name).is_some() {
                        Ok(())
                    } else {
                        Err(self.no_attribute(obj, name))
                    }
                }
            };
        }
        let n = self.str_of(name).to_string();
        let tn = self.type_name_of(obj);
        if self.type_lookup(ty, name).is_some() {
            return Err(self.attribute_error(format!("'{tn}' object attribute '{n}' is read-only")));
        }
        Err(self.attribute_error(format!("'{tn}' object has no attribute '{n}'")))
    }

    fn descriptor_set(
        &mut self,
        descr: &ObjRef,
        obj: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        if self.is_property(descr) {
            return self.property_set(descr, obj, value);
        }
        if Vm::member_name(descr).is_some() {
            return self.member_set(descr, obj, value);
        }
        let dt = descr.class();
        match value {
            Some(v) => {
                let set = self.names.set.clone();
                match self.type_lookup(&dt, &set) {
                    Some(f) => self
                        .call(&f, vec![descr.clone(), obj.clone(), v])
                        .map(|_| ()),
                    None => Err(self.attribute_error("__set__")),
                }
            }
            None => {
                let del = self.names.delete.clone();
                match self.type_lookup(&dt, &del) {
                    Some(f) => self.call(&f, vec![descr.clone(), obj.clone()]).map(|_| ()),
                    None => Err(self.attribute_error("__delete__")),
                }
            }
        }
    }

    fn type_setattr(&mut self, ty: &ObjRef, name: &ObjRef, value: Option<ObjRef>) -> PyResult<()> {
        if !Vm::is_heap_type(ty) {
            let n = self.str_of(name).to_string();
            let tn = self.type_name(ty);
            return Err(self.type_error(format!(
                "cannot set '{n}' attribute of immutable type '{tn}'"
            )));
        }
        let name = self.intern_obj(name)?;
        let dict = self.type_dict(ty)?;
        match value {
            Some(v) => self.dict_set_str(&dict, &name, v)?,
            None => {
                if self.dict_del_str(&dict, &name).is_none() {
                    return Err(self.no_attribute(ty, &name));
                }
            }
        }
        self.method_cache.invalidate();
        let n = self.str_of(&name);
        if n.starts_with("__") && n.ends_with("__") {
            self.dunders_changed = true;
            self.update_type_flags(ty);
        }
        Ok(())
    }

    /// `LOAD_METHOD`: `(function, self)` when the attribute is a plain method
    /// on the type (no bound method is made), else `(attr, NULL)`.
    pub(crate) fn load_method(&mut self, obj: ObjRef, name: &ObjRef) -> PyResult<(ObjRef, ObjRef)> {
        let ty = obj.class();
        let is_super = obj.kind() == Kind::Native && self.is_exact(&obj, T::Super);
        if obj.kind() != Kind::Type && obj.kind() != Kind::Module && !is_super {
            let custom_ga =
                Vm::is_heap_type(&ty) && self.may_hook(&ty, ouro_heap::tflags::T_GETATTRIBUTE) && {
                    let ga = self.names.getattribute.clone();
                    self.type_lookup(&ty, &ga)
                        .is_some_and(|f| f.kind() == Kind::Function)
                };
            if !custom_ga {
                if let Some(d) = self.type_lookup(&ty, name) {
                    let is_method = match d.kind() {
                        Kind::Function => true,
                        Kind::BuiltinFunction => d
                            .get::<BuiltinFunctionObj>()
                            .is_some_and(|b| b.bound.is_none() && b.owner.is_some()),
                        _ => false,
                    };
                    if is_method {
                        let shadowed = obj.has_attrs() && self.attrs_get(&obj, name).is_some();
                        if !shadowed {
                            return Ok((d, obj));
                        }
                    }
                }
            }
        }
        let v = self.getattr(&obj, name)?;
        Ok((v, self.null.clone()))
    }

    /// Calls `obj.name(*args)`.
    pub fn call_method(
        &mut self,
        obj: &ObjRef,
        name: &str,
        mut args: Vec<ObjRef>,
    ) -> PyResult<ObjRef> {
        let n = self.intern(name)?;
        let (m, s) = self.load_method(obj.clone(), &n)?;
        if !s.is(&self.null) {
            args.insert(0, s);
        }
        self.call(&m, args)
    }

    /// Looks up a dunder on the object's type and calls it with the object
    /// first; None if the type has no such method. The arguments are
    /// borrowed, as CPython's slots pass their operands to
    /// `vectorcall_method`: the callee's frame holds its own references.
    pub(crate) fn call_dunder(
        &mut self,
        obj: &ObjRef,
        name: &ObjRef,
        args: &[ObjRef],
    ) -> PyResult<Option<ObjRef>> {
        let ty = obj.class();
        let Some(f) = self.type_lookup(&ty, name) else {
            return Ok(None);
        };
        self.call_type_attr_with(&f, obj, args).map(Some)
    }

    /// Calls `f`, found on `obj`'s type, for `obj`: functions and method
    /// descriptors get `obj` first; other descriptors (`staticmethod`,
    /// `classmethod`, ...) are bound first, as CPython's slot lookups do.
    pub(crate) fn call_type_attr(
        &mut self,
        f: &ObjRef,
        obj: &ObjRef,
        args: Vec<ObjRef>,
    ) -> PyResult<ObjRef> {
        if f.kind() == Kind::Function {
            if let Some(r) = self.call_simple(f, obj, &args) {
                return r;
            }
        }
        if matches!(f.kind(), Kind::Function | Kind::BuiltinFunction) {
            let mut a = Vec::with_capacity(args.len() + 1);
            a.push(obj.clone());
            a.extend(args);
            return self.call(f, a);
        }
        let ty = obj.class();
        let bound = self.bind_descriptor(f.clone(), Some(obj), &ty)?;
        self.call(&bound, args)
    }

    /// `call_type_attr` with borrowed arguments: a plain Python method
    /// gets them without an argument vector.
    pub(crate) fn call_type_attr_with(
        &mut self,
        f: &ObjRef,
        obj: &ObjRef,
        args: &[ObjRef],
    ) -> PyResult<ObjRef> {
        if f.kind() == Kind::Function {
            if let Some(r) = self.call_simple(f, obj, args) {
                return r;
            }
        }
        self.call_type_attr(f, obj, args.to_vec())
    }

    // ----------------------------------------------------------------- items

    pub fn getitem(&mut self, obj: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.getitem(&t, key);
            }
        }
        match obj.kind() {
            Kind::List if !Vm::is_heap_class_of(obj) => return self.list_getitem(obj, key),
            Kind::Tuple if !Vm::is_heap_class_of(obj) => return self.tuple_getitem(obj, key),
            Kind::Str if !Vm::is_heap_class_of(obj) => return self.str_getitem(obj, key),
            Kind::Dict if !Vm::is_heap_class_of(obj) => {
                return match self.dict_getitem_opt(obj, key)? {
                    Some(v) => Ok(v),
                    None => Err(self.key_error(key.clone())),
                }
            }
            Kind::Range => return self.range_getitem(obj, key),
            Kind::Bytes | Kind::ByteArray if !Vm::is_heap_class_of(obj) => {
                return self.bytes_getitem(obj, key)
            }
            Kind::Native if crate::objects::memoryview::is_memoryview(obj) => {
                return self.memoryview_getitem(obj, key)
            }
            _ => {}
        }
        let gi = self.names.getitem.clone();
        if let Some(r) = self.call_dunder(obj, &gi, std::slice::from_ref(key))? {
            return Ok(r);
        }
        // Subclasses of builtins without their own __getitem__.
        match obj.kind() {
            Kind::List => return self.list_getitem(obj, key),
            Kind::Tuple => return self.tuple_getitem(obj, key),
            Kind::Str => return self.str_getitem(obj, key),
            Kind::Dict => return self.dict_subscript(obj, key),
            Kind::Bytes | Kind::ByteArray => return self.bytes_getitem(obj, key),
            _ => {}
        }
        if obj.kind() == Kind::Type {
            let cg = self.intern("__class_getitem__")?;
            if let Some(f) = self.type_getattr(obj, &cg)? {
                return self.call(&f, vec![key.clone()]);
            }
            // The builtin generic types (PEP 585): `list[int]`.
            if !Vm::is_heap_type(obj)
                && matches!(
                    self.builtin_of(obj),
                    T::List
                        | T::Dict
                        | T::Tuple
                        | T::Set
                        | T::FrozenSet
                        | T::Type
                        | T::Enumerate
                        | T::Zip
                        | T::Map
                        | T::Filter
                        | T::Reversed
                        | T::Property
                        | T::WeakRef
                )
            {
                return self.call_module_function(
                    "types",
                    "_generic_alias",
                    vec![obj.clone(), key.clone()],
                );
            }
            let tn = self.type_name(obj);
            return Err(self.type_error(format!("type '{tn}' is not subscriptable")));
        }
        let tn = self.type_name_of(obj);
        Err(self.type_error(format!("'{tn}' object is not subscriptable")))
    }

    pub fn setitem(&mut self, obj: &ObjRef, key: ObjRef, value: ObjRef) -> PyResult<()> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.setitem(&t, key, value);
            }
        }
        let heap = Vm::is_heap_class_of(obj);
        if !heap {
            match obj.kind() {
                Kind::List => return self.list_setitem(obj, &key, value),
                Kind::Dict => return self.dict_setitem(obj, key, value),
                Kind::ByteArray => return self.bytearray_setitem(obj, &key, value),
                Kind::Native if crate::objects::memoryview::is_memoryview(obj) => {
                    return self.memoryview_setitem(obj, &key, Some(value))
                }
                _ => {}
            }
        } else {
            let si = self.names.setitem.clone();
            let kv = [key, value];
            if self.call_dunder(obj, &si, &kv)?.is_some() {
                return Ok(());
            }
            let [key, value] = kv;
            match obj.kind() {
                Kind::List => return self.list_setitem(obj, &key, value),
                Kind::Dict => return self.dict_setitem(obj, key, value),
                Kind::ByteArray => return self.bytearray_setitem(obj, &key, value),
                _ => {}
            }
        }
        let tn = self.type_name_of(obj);
        Err(self.type_error(format!("'{tn}' object does not support item assignment")))
    }

    pub fn delitem(&mut self, obj: &ObjRef, key: &ObjRef) -> PyResult<()> {
        if obj.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(obj)? {
                return self.delitem(&t, key);
            }
        }
        let heap = Vm::is_heap_class_of(obj);
        if heap {
            let di = self.names.delitem.clone();
            if self
                .call_dunder(obj, &di, std::slice::from_ref(key))?
                .is_some()
            {
                return Ok(());
            }
        }
        match obj.kind() {
            Kind::List => return self.list_delitem(obj, key),
            Kind::Dict => return self.dict_delitem(obj, key),
            Kind::ByteArray => return self.bytearray_delitem(obj, key),
            Kind::Native if !heap && crate::objects::memoryview::is_memoryview(obj) => {
                return self.memoryview_setitem(obj, key, None)
            }
            _ => {}
        }
        let tn = self.type_name_of(obj);
        Err(self.type_error(format!("'{tn}' object doesn't support item deletion")))
    }

    // ------------------------------------------------------------ arithmetic

    /// A binary operator. Mirrors CPython's `binary_op1` (and the in-place
    /// variant `binary_iop1`) with the class slot `SLOT1BINFULL`.
    pub fn binary_op(&mut self, a: &ObjRef, b: &ObjRef, op: BinOp) -> PyResult<ObjRef> {
        // Two numbers of the builtin int and float types: no dunder, view
        // or in-place form can apply, so straight to the int or float
        // operation, as `builtin_binop` would get there (an operator they
        // do not have goes on to the general path's error).
        let (ka, kb) = (a.kind(), b.kind());
        let number = |k: Kind| matches!(k, Kind::Int | Kind::BigInt | Kind::Float);
        if number(ka) && number(kb) && !Vm::is_heap_class_of(a) && !Vm::is_heap_class_of(b) {
            if ka != Kind::Float && kb != Kind::Float {
                let r = self.int_binop(a, b, op.plain())?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            } else if let Some(r) = self.float_binop(a, b, op.plain())? {
                return Ok(r);
            }
        }
        if a.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(a)? {
                return self.binary_op(&t, b, op);
            }
        }
        if b.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(b)? {
                return self.binary_op(a, &t, op);
            }
        }
        let ta = a.class();
        let tb = b.class();
        let heap_a = Vm::is_heap_type(&ta);
        let heap_b = Vm::is_heap_type(&tb);
        let plain = op.plain();
        if op.is_inplace() {
            // Builtin mutable types with in-place forms.
            if !heap_a && a.kind() == Kind::List && matches!(plain, BinOp::Add | BinOp::Multiply) {
                if let Some(r) = self.list_inplace(a, b, plain)? {
                    return Ok(r);
                }
            }
            if a.kind() == Kind::ByteArray && matches!(plain, BinOp::Add | BinOp::Multiply) {
                let own = heap_a && {
                    let iname = self.binop_dunders(op)?.2;
                    self.type_lookup(&ta, &iname).is_some()
                };
                if !own {
                    if let Some(r) = self.bytearray_inplace(a, b, plain)? {
                        return Ok(r);
                    }
                }
            }
            if !heap_a && a.kind() == Kind::Native {
                if let Some(r) = self.set_inplace(a, b, plain)? {
                    return Ok(r);
                }
            }
            if heap_a {
                let iname = self.binop_dunders(op)?.2;
                if let Some(f) = self.type_lookup(&ta, &iname) {
                    let r = self.call_type_attr_with(&f, a, std::slice::from_ref(b))?;
                    if !r.is(&self.not_implemented) {
                        return Ok(r);
                    }
                }
            }
        }
        let r = if !heap_a && !heap_b {
            match self.builtin_binop(a, b, plain)? {
                Some(r) => r,
                None => self.not_implemented.clone(),
            }
        } else {
            let same = ta.is(&tb);
            // slotv / slotw as in binary_op1.
            let slotw_differs = !same && (heap_a || heap_b);
            let mut r;
            let mut try_w = slotw_differs;
            if !same && try_w && self.is_subtype(&tb, &ta) {
                r = self.slot_binop(b, a, b, plain, true)?;
                try_w = false;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
            r = self.slot_binop(a, a, b, plain, false)?;
            if r.is(&self.not_implemented) && (try_w || (!same && !heap_a)) {
                r = self.slot_binop(b, a, b, plain, true)?;
            }
            r
        };
        if r.is(&self.not_implemented) {
            let ta_n = self.type_name(&ta);
            let tb_n = self.type_name(&tb);
            if plain == BinOp::Power && !op.is_inplace() {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for ** or pow(): '{ta_n}' and '{tb_n}'"
                )));
            }
            if plain == BinOp::Add
                && b.kind() == Kind::Str
                && a.kind() == Kind::Int
                && !op.is_inplace()
            {
                return Err(self.type_error(format!(
                    "unsupported operand type(s) for +: '{ta_n}' and '{tb_n}'"
                )));
            }
            if plain == BinOp::Add && a.kind() == Kind::Str && !heap_a {
                return Err(
                    self.type_error(format!("can only concatenate str (not \"{tb_n}\") to str"))
                );
            }
            if plain == BinOp::Add && a.kind() == Kind::List && !heap_a && op.is_inplace() {
                // `list += x` ends in list_inplace_concat's extend, which
                // cannot iterate `x`.
                return Err(self.type_error(format!("'{tb_n}' object is not iterable")));
            }
            if plain == BinOp::Add && a.kind() == Kind::List && !heap_a && !op.is_inplace() {
                return Err(self.type_error(format!(
                    "can only concatenate list (not \"{tb_n}\") to list"
                )));
            }
            if plain == BinOp::Add && a.kind() == Kind::Tuple && !heap_a {
                return Err(self.type_error(format!(
                    "can only concatenate tuple (not \"{tb_n}\") to tuple"
                )));
            }
            if plain == BinOp::Multiply
                && matches!(
                    a.kind(),
                    Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray
                )
                && !heap_b
                && !matches!(b.kind(), Kind::Int)
            {
                return Err(self.type_error(format!(
                    "can't multiply sequence by non-int of type '{tb_n}'"
                )));
            }
            if plain == BinOp::Multiply
                && matches!(
                    b.kind(),
                    Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray
                )
                && !heap_a
                && !matches!(a.kind(), Kind::Int)
            {
                return Err(self.type_error(format!(
                    "can't multiply sequence by non-int of type '{ta_n}'"
                )));
            }
            return Err(self.type_error(format!(
                "unsupported operand type(s) for {}: '{ta_n}' and '{tb_n}'",
                op.symbol()
            )));
        }
        Ok(r)
    }

    /// The interned `__op__`, `__rop__` and `__iop__` names of `op`.
    pub(crate) fn binop_dunders(&mut self, op: BinOp) -> PyResult<(ObjRef, ObjRef, ObjRef)> {
        if self.binop_names.is_empty() {
            for plain in BinOp::PLAIN {
                debug_assert_eq!(plain as usize, self.binop_names.len());
                let (n, r, i) = plain.dunders();
                let names = (self.intern(n)?, self.intern(r)?, self.intern(i)?);
                self.binop_names.push(names);
            }
        }
        Ok(self.binop_names[op.plain() as usize].clone())
    }

    /// One side's slot: builtin implementation or the class's dunder.
    /// `who` is the operand whose type provides the slot; `reflected`
    /// selects `__radd__`-style calls (`who` is the right operand).
    fn slot_binop(
        &mut self,
        who: &ObjRef,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
        reflected: bool,
    ) -> PyResult<ObjRef> {
        if !Vm::is_heap_class_of(who) {
            return Ok(self
                .builtin_binop(a, b, op)?
                .unwrap_or_else(|| self.not_implemented.clone()));
        }
        let ty = who.class();
        let (name, rname, _) = self.binop_dunders(op)?;
        let (target, other, n) = if reflected {
            (b, a, rname)
        } else {
            (a, b, name)
        };
        match self.type_lookup(&ty, &n) {
            Some(f) => self.call_type_attr_with(&f, target, std::slice::from_ref(other)),
            None => {
                // A subclass of a builtin type without its own method.
                let base = self.builtin_of(&ty);
                if base != T::Object && !reflected {
                    return Ok(self
                        .builtin_binop(a, b, op)?
                        .unwrap_or_else(|| self.not_implemented.clone()));
                }
                if base != T::Object && reflected {
                    return Ok(self
                        .builtin_binop(a, b, op)?
                        .unwrap_or_else(|| self.not_implemented.clone()));
                }
                Ok(self.not_implemented.clone())
            }
        }
    }

    /// Arithmetic on builtin types; None means NotImplemented.
    pub(crate) fn builtin_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        // A keys or items view takes `&|-^` with anything (CPython's
        // `dictviews_and`... serve the reflected slot too): the builtin
        // types that have these operators return NotImplemented for a view.
        if (a.kind() == Kind::DictIter || b.kind() == Kind::DictIter)
            && matches!(op, BinOp::And | BinOp::Or | BinOp::Subtract | BinOp::Xor)
            && (self.is_setlike_view(a) || self.is_setlike_view(b))
        {
            return self.dictview_binop(a, b, op);
        }
        match (a.kind(), b.kind()) {
            (Kind::Int | Kind::BigInt, Kind::Int | Kind::BigInt) => {
                let r = self.int_binop(a, b, op)?;
                Ok((!r.is(&self.not_implemented)).then_some(r))
            }
            (Kind::Float, Kind::Float | Kind::Int | Kind::BigInt)
            | (Kind::Int | Kind::BigInt, Kind::Float) => self.float_binop(a, b, op),
            (Kind::Complex, _) | (_, Kind::Complex) => self.complex_binop(a, b, op),
            (Kind::Str, _) => self.str_binop(a, b, op),
            (Kind::List, _) => self.list_binop(a, b, op),
            (Kind::Tuple, _) => self.tuple_binop(a, b, op),
            (Kind::Int, Kind::Str | Kind::List | Kind::Tuple) if op == BinOp::Multiply => {
                self.builtin_binop(b, a, op)
            }
            (Kind::Dict, Kind::Dict) if op == BinOp::Or => self.dict_or(a, b).map(Some),
            // `int | str`, `int | None` (PEP 604): a types.UnionType.
            (Kind::Type, _) | (_, Kind::Type) if op == BinOp::Or => {
                let r =
                    self.call_module_function("types", "_union_or", vec![a.clone(), b.clone()])?;
                Ok((!r.is(&self.not_implemented)).then_some(r))
            }
            (Kind::Bytes | Kind::ByteArray, _) => self.bytes_binop(a, b, op),
            (Kind::Int | Kind::BigInt, Kind::Bytes | Kind::ByteArray) if op == BinOp::Multiply => {
                self.bytes_binop(b, a, op)
            }
            (Kind::Native, Kind::Native) => self.set_binop(a, b, op),
            _ => Ok(None),
        }
    }

    pub(crate) fn unary_op(&mut self, a: &ObjRef, kind: UnaryKind) -> PyResult<ObjRef> {
        if a.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(a)? {
                return self.unary_op(&t, kind);
            }
        }
        if Vm::is_heap_class_of(a) {
            let name = match kind {
                UnaryKind::Neg => self.names.neg.clone(),
                UnaryKind::Pos => self.names.pos.clone(),
                UnaryKind::Invert => self.names.invert.clone(),
            };
            if let Some(r) = self.call_dunder(a, &name, &[])? {
                return Ok(r);
            }
        }
        match (a.kind(), kind) {
            (Kind::Int | Kind::BigInt, _) => self.int_unary(a, kind),
            (Kind::Float, UnaryKind::Neg) => {
                let v = self.float_value(a).unwrap_or(0.0);
                self.new_float(-v)
            }
            (Kind::Float, UnaryKind::Pos) => {
                let v = self.float_value(a).unwrap_or(0.0);
                self.new_float(v)
            }
            (Kind::Complex, UnaryKind::Neg) => self.complex_unary(a, true),
            (Kind::Complex, UnaryKind::Pos) => self.complex_unary(a, false),
            _ => {
                let sym = match kind {
                    UnaryKind::Neg => "unary -",
                    UnaryKind::Pos => "unary +",
                    UnaryKind::Invert => "unary ~",
                };
                let tn = self.type_name_of(a);
                Err(self.type_error(format!("bad operand type for {sym}: '{tn}'")))
            }
        }
    }

    // ------------------------------------------------------------ comparison

    /// `a op b`. Mirrors CPython's `do_richcompare`.
    pub fn richcompare(&mut self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<ObjRef> {
        if a.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(a)? {
                return self.richcompare(&t, b, op);
            }
        }
        if b.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(b)? {
                return self.richcompare(a, &t, op);
            }
        }
        if a.kind() == Kind::WeakRef && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            if let Some(r) = self.weakref_compare(a, b, op == CmpOp::Eq)? {
                return Ok(self.new_bool(r));
            }
        }
        let ta = a.class();
        let tb = b.class();
        let mut checked_reverse = false;
        if !ta.is(&tb) && Vm::is_heap_type(&tb) && self.is_subtype(&tb, &ta) {
            let rname = self.intern(op.swapped().dunder())?;
            if self.type_lookup(&tb, &rname).is_some() {
                checked_reverse = true;
                let r = self.slot_richcompare(b, a, op.swapped())?;
                if !r.is(&self.not_implemented) {
                    return Ok(r);
                }
            }
        }
        let r = self.slot_richcompare(a, b, op)?;
        if !r.is(&self.not_implemented) {
            return Ok(r);
        }
        if !checked_reverse {
            let r = self.slot_richcompare(b, a, op.swapped())?;
            if !r.is(&self.not_implemented) {
                return Ok(r);
            }
        }
        match op {
            CmpOp::Eq => Ok(self.new_bool(a.is(b))),
            CmpOp::Ne => Ok(self.new_bool(!a.is(b))),
            _ => {
                let ta_n = self.type_name(&ta);
                let tb_n = self.type_name(&tb);
                Err(self.type_error(format!(
                    "'{}' not supported between instances of '{ta_n}' and '{tb_n}'",
                    op.symbol()
                )))
            }
        }
    }

    fn slot_richcompare(&mut self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<ObjRef> {
        if Vm::is_heap_class_of(a) {
            let ty = a.class();
            let name = self.intern(op.dunder())?;
            if let Some(f) = self.type_lookup(&ty, &name) {
                if f.kind() == Kind::Function || f.kind() == Kind::Method {
                    return self.call(&f, vec![a.clone(), b.clone()]);
                }
            }
            if op == CmpOp::Ne {
                // object.__ne__ delegates to __eq__ and inverts it.
                let eq = self.names.eq.clone();
                if let Some(f) = self.type_lookup(&ty, &eq) {
                    if f.kind() == Kind::Function {
                        let r = self.call(&f, vec![a.clone(), b.clone()])?;
                        if r.is(&self.not_implemented) {
                            return Ok(r);
                        }
                        let t = self.truthy(&r)?;
                        return Ok(self.new_bool(!t));
                    }
                }
            }
        }
        match self.builtin_compare(a, b, op)? {
            Some(r) => Ok(self.new_bool(r)),
            None => Ok(self.not_implemented.clone()),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &ObjRef, b: &ObjRef) -> PyResult<bool> {
        if a.is(b) {
            return Ok(true);
        }
        if let (Some(x), Some(y)) = (a.get::<StrObj>(), b.get::<StrObj>()) {
            if !Vm::is_heap_class_of(a) && !Vm::is_heap_class_of(b) {
                return Ok(x.as_str() == y.as_str());
            }
        }
        let r = self.richcompare(a, b, CmpOp::Eq)?;
        self.truthy(&r)
    }

    /// Comparison of builtin values; None means NotImplemented.
    pub(crate) fn builtin_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: CmpOp,
    ) -> PyResult<Option<bool>> {
        use std::cmp::Ordering;
        let ord_to = |o: Option<Ordering>| -> bool {
            match o {
                None => op == CmpOp::Ne,
                Some(o) => match op {
                    CmpOp::Lt => o == Ordering::Less,
                    CmpOp::Le => o != Ordering::Greater,
                    CmpOp::Eq => o == Ordering::Equal,
                    CmpOp::Ne => o != Ordering::Equal,
                    CmpOp::Gt => o == Ordering::Greater,
                    CmpOp::Ge => o != Ordering::Less,
                },
            }
        };
        match (a.kind(), b.kind()) {
            (Kind::Int | Kind::BigInt, Kind::Int | Kind::BigInt) => {
                Ok(Some(ord_to(Some(self.int_cmp(a, b)))))
            }
            (Kind::Float, Kind::Float | Kind::Int | Kind::BigInt)
            | (Kind::Int | Kind::BigInt, Kind::Float) => {
                Ok(Some(ord_to(self.num_partial_cmp(a, b))))
            }
            (Kind::Str, Kind::Str) => {
                let x = self.str_of(a);
                let y = self.str_of(b);
                Ok(Some(ord_to(Some(x.cmp(y)))))
            }
            (Kind::Complex, _) | (_, Kind::Complex) => self.complex_compare(a, b, op),
            (Kind::Bytes | Kind::ByteArray, Kind::Bytes | Kind::ByteArray) => {
                let o = Vm::with_bytes(a, |x| Vm::with_bytes(b, |y| x.cmp(y))).flatten();
                Ok(Some(ord_to(o)))
            }
            (Kind::Tuple, Kind::Tuple) | (Kind::List, Kind::List) => {
                if a.kind() == Kind::List && (Vm::is_heap_class_of(a) || Vm::is_heap_class_of(b)) {
                    // fall through to sequence compare anyway
                }
                self.seq_compare(a, b, op).map(Some)
            }
            (Kind::Dict, Kind::Dict) => match op {
                CmpOp::Eq => self.dict_eq(a, b).map(Some),
                CmpOp::Ne => self.dict_eq(a, b).map(|r| Some(!r)),
                _ => Ok(None),
            },
            (Kind::Method, Kind::Method) if matches!(op, CmpOp::Eq | CmpOp::Ne) => {
                // method_richcompare: the same self (identity), equal funcs.
                let (fa, sa) = match a.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Ok(None),
                };
                let (fb, sb) = match b.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Ok(None),
                };
                let eq = sa.is(&sb) && self.eq(&fa, &fb)?;
                Ok(Some(eq == (op == CmpOp::Eq)))
            }
            (Kind::Range, Kind::Range) => match op {
                CmpOp::Eq => self.range_eq(a, b).map(Some),
                CmpOp::Ne => self.range_eq(a, b).map(|r| Some(!r)),
                _ => Ok(None),
            },
            _ => {
                if self.is_set_like(a) && self.is_set_like(b) {
                    return self.set_compare(a, b, op);
                }
                if self.is_setlike_view(a) {
                    return self.dictview_compare(a, b, op);
                }
                if crate::objects::memoryview::is_memoryview(a) {
                    return match op {
                        CmpOp::Eq => self.memoryview_compare(a, b, true),
                        CmpOp::Ne => self.memoryview_compare(a, b, false),
                        _ => Ok(None),
                    };
                }
                // bytearray compares with any C-contiguous buffer.
                if a.kind() == Kind::ByteArray && crate::objects::memoryview::is_memoryview(b) {
                    let o = Vm::with_bytes(a, |x| {
                        crate::objects::memoryview::with_contiguous_bytes(b, |y| x.cmp(y))
                    })
                    .flatten();
                    return Ok(o.map(|o| ord_to(Some(o))));
                }
                match op {
                    CmpOp::Eq if a.is(b) => Ok(Some(true)),
                    CmpOp::Ne if a.is(b) => Ok(Some(false)),
                    _ => Ok(None),
                }
            }
        }
    }

    /// Lexicographic comparison of lists or tuples (CPython's `list_richcompare`).
    fn seq_compare(&mut self, a: &ObjRef, b: &ObjRef, op: CmpOp) -> PyResult<bool> {
        let x = self.seq_items(a);
        let y = self.seq_items(b);
        if x.len() != y.len() && matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(op == CmpOp::Ne);
        }
        self.enter_recursive(" in comparison")?;
        let r = (|| {
            let n = x.len().min(y.len());
            for i in 0..n {
                if !self.eq(&x[i], &y[i])? {
                    return match op {
                        CmpOp::Eq => Ok(false),
                        CmpOp::Ne => Ok(true),
                        _ => {
                            let r = self.richcompare(&x[i], &y[i], op)?;
                            self.truthy(&r)
                        }
                    };
                }
            }
            let (lx, ly) = (x.len(), y.len());
            Ok(match op {
                CmpOp::Lt => lx < ly,
                CmpOp::Le => lx <= ly,
                CmpOp::Eq => lx == ly,
                CmpOp::Ne => lx != ly,
                CmpOp::Gt => lx > ly,
                CmpOp::Ge => lx >= ly,
            })
        })();
        self.leave_recursive();
        r
    }

    /// A snapshot of a list's or tuple's items.
    pub(crate) fn seq_items(&self, o: &ObjRef) -> Vec<ObjRef> {
        match o.kind() {
            Kind::Tuple => o
                .get::<TupleObj>()
                .map(|t| t.items().to_vec())
                .unwrap_or_default(),
            Kind::List => o
                .borrow::<ListObj>()
                .map(|l| l.items.to_vec())
                .unwrap_or_default(),
            _ => Vec::new(),
        }
    }

    // ------------------------------------------------------------------ truth

    /// `bool(o)`.
    pub fn truthy(&mut self, o: &ObjRef) -> PyResult<bool> {
        if o.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(o)? {
                return self.truthy(&t);
            }
        }
        if o.is(&self.true_) {
            return Ok(true);
        }
        if o.is(&self.false_) || o.is(&self.none) {
            return Ok(false);
        }
        if Vm::is_heap_class_of(o) {
            let b = self.names.bool_.clone();
            if let Some(r) = self.call_dunder(o, &b, &[])? {
                if r.is(&self.true_) {
                    return Ok(true);
                }
                if r.is(&self.false_) {
                    return Ok(false);
                }
                let tn = self.type_name_of(&r);
                return Err(self.type_error(format!("__bool__ should return bool, returned {tn}")));
            }
            let l = self.names.len.clone();
            if let Some(r) = self.call_dunder(o, &l, &[])? {
                let n = self.len_result(&r)?;
                return Ok(n > 0);
            }
        }
        Ok(match o.kind() {
            Kind::Int => Vm::int_of(o) != Some(0),
            Kind::BigInt => true,
            Kind::Float => self.float_value(o) != Some(0.0),
            Kind::Str => o.get::<StrObj>().is_some_and(|s| s.byte_len() > 0),
            Kind::Bytes | Kind::ByteArray => self.bytes_len(o) > 0,
            Kind::Complex => Vm::complex_of(o).is_some_and(|z| z.re != 0.0 || z.im != 0.0),
            Kind::Tuple => o.get::<TupleObj>().is_some_and(|t| !t.is_empty()),
            Kind::List => o.borrow::<ListObj>().is_some_and(|l| !l.items.is_empty()),
            Kind::Dict => o.borrow::<DictObj>().is_some_and(|d| !d.table.is_empty()),
            Kind::Range => self.range_len(o)? > 0,
            Kind::Native => self.native_truthy(o)?,
            _ => true,
        })
    }

    /// Validates the result of `__len__`.
    pub(crate) fn len_result(&mut self, r: &ObjRef) -> PyResult<usize> {
        match r.kind() {
            Kind::Int => {
                let v = Vm::int_of(r).unwrap_or(0);
                if v < 0 {
                    return Err(self.value_error("__len__() should return >= 0"));
                }
                Ok(v as usize)
            }
            Kind::BigInt => {
                Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
            }
            _ => {
                let tn = self.type_name_of(r);
                Err(self.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
            }
        }
    }

    /// `len(o)`.
    pub fn len(&mut self, o: &ObjRef) -> PyResult<usize> {
        if o.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(o)? {
                return self.len(&t);
            }
        }
        if Vm::is_heap_class_of(o) {
            let l = self.names.len.clone();
            if let Some(r) = self.call_dunder(o, &l, &[])? {
                return self.len_result(&r);
            }
        }
        match o.kind() {
            Kind::Str => Ok(o.get::<StrObj>().map_or(0, |s| s.char_len())),
            Kind::Bytes | Kind::ByteArray => Ok(self.bytes_len(o)),
            Kind::Tuple => Ok(o.get::<TupleObj>().map_or(0, |t| t.len())),
            Kind::List => Ok(o.borrow::<ListObj>().map_or(0, |l| l.items.len())),
            Kind::Dict => Ok(o.borrow::<DictObj>().map_or(0, |d| d.table.len())),
            Kind::Range => self.range_len(o),
            Kind::DictIter if self.is_dict_view(o) => self.dict_view_len(o),
            Kind::Native => match self.native_len(o)? {
                Some(n) => Ok(n),
                None => {
                    let tn = self.type_name_of(o);
                    Err(self.type_error(format!("object of type '{tn}' has no len()")))
                }
            },
            _ => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!("object of type '{tn}' has no len()")))
            }
        }
    }

    // ------------------------------------------------------------ repr / str

    /// `repr(o)` as a str object.
    pub fn repr(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        if o.kind() == Kind::WeakRef && !Vm::is_heap_class_of(o) {
            let r = self.weakref_repr(o)?;
            return self.new_str(&r);
        }
        let ty = o.class();
        if Vm::is_heap_type(&ty) {
            let r = self.names.repr.clone();
            if let Some(f) = self.type_lookup(&ty, &r) {
                if f.kind() == Kind::Function {
                    self.enter_recursive(" while getting the repr of an object")?;
                    let res = self.call(&f, vec![o.clone()]);
                    self.leave_recursive();
                    let res = res?;
                    if res.kind() != Kind::Str {
                        let tn = self.type_name_of(&res);
                        return Err(
                            self.type_error(format!("__repr__ returned non-string (type {tn})"))
                        );
                    }
                    return Ok(res);
                }
            }
        }
        let s = self.repr_builtin(o)?;
        self.new_str(&s)
    }

    /// `repr(o)` as a Rust string.
    pub fn repr_string(&mut self, o: &ObjRef) -> PyResult<String> {
        let r = self.repr(o)?;
        Ok(self.str_of(&r).to_string())
    }

    /// `str(o)` as a str object.
    pub fn str(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        if o.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(o)? {
                return self.str(&t);
            }
        }
        if o.kind() == Kind::Str && self.is_exact(o, T::Str) {
            return Ok(o.clone());
        }
        let ty = o.class();
        if Vm::is_heap_type(&ty) {
            let s = self.names.str_.clone();
            if let Some(f) = self.type_lookup(&ty, &s) {
                if f.kind() == Kind::Function {
                    let res = self.call(&f, vec![o.clone()])?;
                    if res.kind() != Kind::Str {
                        let tn = self.type_name_of(&res);
                        return Err(
                            self.type_error(format!("__str__ returned non-string (type {tn})"))
                        );
                    }
                    return Ok(res);
                }
            }
        }
        match o.kind() {
            Kind::Str => {
                let s = self.str_of(o).to_string();
                self.new_str(&s)
            }
            Kind::Exception => {
                let s = self.exception_str(o)?;
                self.new_str(&s)
            }
            _ => self.repr(o),
        }
    }

    pub fn str_string(&mut self, o: &ObjRef) -> PyResult<String> {
        let r = self.str(o)?;
        Ok(self.str_of(&r).to_string())
    }

    /// `ascii(o)`.
    pub fn ascii(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        let r = self.repr_string(o)?;
        let mut out = String::with_capacity(r.len());
        for c in r.chars() {
            let cp = c as u32;
            if cp < 128 {
                out.push(c);
            } else if cp < 256 {
                out.push_str(&format!("\\x{cp:02x}"));
            } else if cp < 65536 {
                out.push_str(&format!("\\u{cp:04x}"));
            } else {
                out.push_str(&format!("\\U{cp:08x}"));
            }
        }
        self.new_str(&out)
    }

    /// The default `object.__repr__`: `<module.Qualname object at 0x...>`.
    pub(crate) fn default_repr(&mut self, o: &ObjRef) -> String {
        let ty = o.class();
        let qn = self.type_qualname(&ty);
        let module = self.type_module_name(&ty);
        match module {
            Some(m) if m != "builtins" => format!("<{m}.{qn} object at {:#x}>", o.addr()),
            _ => format!("<{qn} object at {:#x}>", o.addr()),
        }
    }

    /// A type's `__module__` as a string, if it has one.
    pub(crate) fn type_module_name(&mut self, ty: &ObjRef) -> Option<String> {
        let dict = self.type_dict(ty).ok()?;
        if !Vm::is_heap_type(ty) {
            let key = self.names.module.clone();
            return Some(match self.dict_get_str(&dict, &key) {
                Some(m) if m.kind() == Kind::Str => self.str_of(&m).to_string(),
                _ => "builtins".to_string(),
            });
        }
        let key = self.names.module.clone();
        let m = self.dict_get_str(&dict, &key)?;
        if m.kind() == Kind::Str {
            Some(self.str_of(&m).to_string())
        } else {
            None
        }
    }

    /// `format(value, spec)`.
    pub fn format(&mut self, v: &ObjRef, spec: &ObjRef) -> PyResult<ObjRef> {
        let ty = v.class();
        if Vm::is_heap_type(&ty) {
            let f = self.names.format.clone();
            if let Some(m) = self.type_lookup(&ty, &f) {
                if m.kind() == Kind::Function {
                    let r = self.call(&m, vec![v.clone(), spec.clone()])?;
                    if r.kind() != Kind::Str {
                        let tn = self.type_name_of(&r);
                        return Err(
                            self.type_error(format!("__format__ must return a str, not {tn}"))
                        );
                    }
                    return Ok(r);
                }
            }
        }
        let spec_s = self.str_of(spec).to_string();
        match v.kind() {
            Kind::Int | Kind::BigInt | Kind::Float | Kind::Str
                if !Vm::is_heap_type(&ty) || self.builtin_of(&ty) != T::Object =>
            {
                let s = self.format_builtin(v, &spec_s)?;
                self.new_str(&s)
            }
            Kind::Complex => {
                let s = self.complex_format(v, &spec_s)?;
                self.new_str(&s)
            }
            _ => {
                if spec_s.is_empty() {
                    self.str(v)
                } else {
                    let tn = self.type_name_of(v);
                    Err(self.type_error(format!(
                        "unsupported format string passed to {tn}.__format__"
                    )))
                }
            }
        }
    }

    // ------------------------------------------------------------------ hash

    /// `hash(o)`.
    /// The hash of an exact str or int (no Python code); None for others.
    #[inline(always)]
    pub(crate) fn exact_str_int_hash(&self, o: &ObjRef) -> Option<i64> {
        match o.kind() {
            Kind::Str if !Vm::is_heap_class_of(o) => Some(self.str_hash(o)),
            Kind::Int if !Vm::is_heap_class_of(o) => {
                Some(ouro_algo::hash::hash_i64(Vm::int_of(o).unwrap_or(0)))
            }
            _ => None,
        }
    }

    pub fn hash(&mut self, o: &ObjRef) -> PyResult<i64> {
        if o.kind() == Kind::WeakRef && !Vm::is_heap_class_of(o) {
            return self.weakref_hash(o);
        }
        if let Some(h) = self.exact_str_int_hash(o) {
            return Ok(h);
        }
        match o.kind() {
            // Key and item views are set-like, so unhashable (values views
            // hash by identity).
            Kind::DictIter
                if self.is_instance_of(o, T::DictKeys) || self.is_instance_of(o, T::DictItems) =>
            {
                let tn = self.type_name_of(o);
                return Err(self.type_error(format!("unhashable type: '{tn}'")));
            }
            _ => {}
        }
        let ty = o.class();
        if Vm::is_heap_type(&ty) {
            let h = self.names.hash.clone();
            match self.type_lookup(&ty, &h) {
                Some(f) if f.is(&self.none) => {
                    let tn = self.type_name(&ty);
                    return Err(self.type_error(format!("unhashable type: '{tn}'")));
                }
                Some(f) if f.kind() == Kind::Function => {
                    let r = self.call(&f, vec![o.clone()])?;
                    return match r.kind() {
                        // A machine-word result is the hash itself (-1 is
                        // reserved for errors), as CPython's slot_tp_hash;
                        // only larger ints are hashed.
                        Kind::Int => Ok(match Vm::int_of(&r).unwrap_or(0) {
                            -1 => -2,
                            v => v,
                        }),
                        Kind::BigInt => Ok(self.int_hash(&r)),
                        _ => Err(self.type_error("__hash__ method should return an integer")),
                    };
                }
                _ => {}
            }
        }
        self.builtin_hash(o)
    }

    /// `hash(o)` by its builtin layout (the part of `hash` after a class's
    /// own `__hash__`).
    pub(crate) fn builtin_hash(&mut self, o: &ObjRef) -> PyResult<i64> {
        match o.kind() {
            Kind::Int | Kind::BigInt => Ok(self.int_hash(o)),
            Kind::Str => Ok(self.str_hash(o)),
            Kind::Bytes => Ok(self.bytes_hash(o)),
            Kind::Complex => Ok(self.complex_hash(o)),
            Kind::Float => {
                let v = self.float_value(o).unwrap_or(0.0);
                Ok(ouro_algo::hash::hash_f64(v).unwrap_or_else(|| pointer_hash(o)))
            }
            Kind::Tuple => {
                let items = o
                    .get::<TupleObj>()
                    .map(|t| t.items().to_vec())
                    .unwrap_or_default();
                self.enter_recursive("")?;
                let mut hashes = Vec::with_capacity(items.len());
                let mut err = None;
                for i in &items {
                    match self.hash(i) {
                        Ok(h) => hashes.push(h),
                        Err(e) => {
                            err = Some(e);
                            break;
                        }
                    }
                }
                self.leave_recursive();
                if let Some(e) = err {
                    return Err(e);
                }
                Ok(ouro_algo::hash::hash_tuple(hashes))
            }
            Kind::List | Kind::Dict | Kind::ByteArray => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!("unhashable type: '{tn}'")))
            }
            Kind::Native => match self.native_hash(o)? {
                Some(h) => Ok(h),
                None => {
                    let tn = self.type_name_of(o);
                    Err(self.type_error(format!("unhashable type: '{tn}'")))
                }
            },
            Kind::Range => self.range_hash(o),
            Kind::Slice => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!("unhashable type: '{tn}'")))
            }
            Kind::Method => {
                let (f, s) = match o.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Ok(pointer_hash(o)),
                };
                // method_hash: the identity of self, the hash of the func.
                let hs = pointer_hash(&s);
                let hf = self.hash(&f)?;
                let h = hs ^ hf;
                Ok(if h == -1 { -2 } else { h })
            }
            _ => Ok(pointer_hash(o)),
        }
    }

    // ------------------------------------------------------------- iteration

    /// Whether `iter(o)` would succeed (without calling anything).
    pub(crate) fn has_iter(&mut self, o: &ObjRef) -> bool {
        match o.kind() {
            Kind::List
            | Kind::Tuple
            | Kind::Str
            | Kind::Bytes
            | Kind::ByteArray
            | Kind::Dict
            | Kind::Range
            | Kind::SeqIter
            | Kind::RangeIter
            | Kind::DictIter => true,
            Kind::Native
                if self.is_lazy_iter(o)
                    || self.is_set_like(o)
                    || self.is_set_iter(o)
                    || o.class_is(self.ty(T::Generator)) =>
            {
                true
            }
            _ => {
                let ty = o.class();
                let it = self.names.iter.clone();
                let gi = self.names.getitem.clone();
                self.type_lookup(&ty, &it).is_some() || self.type_lookup(&ty, &gi).is_some()
            }
        }
    }

    /// `next(it)`; None when exhausted.
    pub fn next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        match it.kind() {
            Kind::SeqIter => self.seqiter_next(it),
            Kind::RangeIter => self.rangeiter_next(it),
            Kind::DictIter => self.dictiter_next(it),
            Kind::Native if self.is_generator(it) => self.gen_next(it),
            Kind::Native if self.is_set_iter(it) => self.setiter_next(it),
            // The builtin lazy iterators (enumerate, zip, map, ...) step
            // directly unless a subclass may override `__next__`.
            Kind::Native if !Vm::is_heap_class_of(it) => match self.native_next(it)? {
                Some(r) => Ok(r),
                None => self.next_by_dunder(it),
            },
            _ => self.next_by_dunder(it),
        }
    }

    /// `next(it)` through the type's `__next__`.
    fn next_by_dunder(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let ty = it.class();
        let n = self.names.next.clone();
        match self.type_lookup(&ty, &n) {
            Some(f) => match self.call_type_attr_with(&f, it, &[]) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.err_is(&e, T::StopIteration) => Ok(None),
                Err(e) => Err(e),
            },
            None => {
                if it.kind() == Kind::Native {
                    if let Some(r) = self.native_next(it)? {
                        return Ok(r);
                    }
                }
                let tn = self.type_name_of(it);
                Err(self.type_error(format!("'{tn}' object is not an iterator")))
            }
        }
    }

    /// Collects an iterable into a vector.
    pub fn iterate(&mut self, o: &ObjRef) -> PyResult<Vec<ObjRef>> {
        if o.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(o)? {
                return self.iterate(&t);
            }
        }
        match o.kind() {
            Kind::List if self.is_exact(o, T::List) => return Ok(self.seq_items(o)),
            Kind::Tuple if self.is_exact(o, T::Tuple) => return Ok(self.seq_items(o)),
            _ => {}
        }
        let it = self.iter(o)?;
        let mut out = Vec::new();
        while let Some(v) = self.next(&it)? {
            out.push(v);
        }
        Ok(out)
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        // An exact set or frozenset has no `__contains__` to look up
        // (CPython's set_contains slot).
        if container.class_is(self.ty(T::Set)) || container.class_is(self.ty(T::FrozenSet)) {
            return self.set_contains(container, item);
        }
        if container.kind() == Kind::WeakRef {
            if let Some(t) = self.unproxy(container)? {
                return self.contains(&t, item);
            }
        }
        if Vm::is_heap_class_of(container) {
            let c = self.names.contains.clone();
            if let Some(r) = self.call_dunder(container, &c, std::slice::from_ref(item))? {
                return self.truthy(&r);
            }
        }
        self.builtin_contains(container, item)
    }

    /// `item in container` by the container's builtin layout (the part of
    /// `contains` after a class's own `__contains__`).
    pub(crate) fn builtin_contains(&mut self, container: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        match container.kind() {
            Kind::Str => {
                if item.kind() != Kind::Str {
                    let tn = self.type_name_of(item);
                    return Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {tn}"
                    )));
                }
                Ok(self.str_of(container).contains(self.str_of(item)))
            }
            Kind::Dict => Ok(self.dict_getitem_opt(container, item)?.is_some()),
            Kind::Bytes | Kind::ByteArray => self.bytes_contains(container, item),
            Kind::List | Kind::Tuple => {
                // Item by item, the length read again each time (an `__eq__`
                // may change the list), as CPython's list_contains.
                let int_ty = self.ty(T::Int).clone();
                let plain_item = item.class_is(&int_ty);
                let mut i = 0;
                loop {
                    let x = if container.kind() == Kind::Tuple {
                        container
                            .get::<TupleObj>()
                            .and_then(|t| t.items().get(i).cloned())
                    } else {
                        container
                            .borrow::<ListObj>()
                            .and_then(|l| l.items.get(i).cloned())
                    };
                    let Some(x) = x else {
                        return Ok(false);
                    };
                    if x.is(item) {
                        return Ok(true);
                    }
                    let equal = match (
                        x.get::<ouro_heap::IntObj>(),
                        item.get::<ouro_heap::IntObj>(),
                    ) {
                        (Some(a), Some(b)) if plain_item && x.class_is(&int_ty) => {
                            a.value == b.value
                        }
                        _ => self.eq(&x, item)?,
                    };
                    if equal {
                        return Ok(true);
                    }
                    i += 1;
                }
            }
            Kind::Range => self.range_contains(container, item),
            Kind::DictIter if self.is_setlike_view(container) => {
                self.dictview_contains(container, item)
            }
            _ => {
                if self.is_set_like(container) {
                    return self.set_contains(container, item);
                }
                if !self.has_iter(container) {
                    let tn = self.type_name_of(container);
                    return Err(self.type_error(format!("argument of type '{tn}' is not iterable")));
                }
                let it = self.iter(container)?;
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// `UNPACK_SEQUENCE`: pushes the items in reverse (the first on top).
    pub(crate) fn unpack_sequence(&mut self, seq: &ObjRef, n: usize) -> PyResult<()> {
        // A tuple or list of the right length: straight onto the stack, last
        // item first (CPython's UNPACK_SEQUENCE_TUPLE / _LIST).
        if seq.class_is(self.ty(T::Tuple)) {
            if let Some(t) = seq.get::<TupleObj>() {
                if t.len() == n {
                    push_reversed(&mut self.stack, t.items());
                    return Ok(());
                }
            }
        } else if seq.class_is(self.ty(T::List)) {
            if let Some(l) = seq.borrow::<ListObj>() {
                if l.items.len() == n {
                    push_reversed(&mut self.stack, &l.items);
                    return Ok(());
                }
            }
        }
        let items = match seq.kind() {
            Kind::Tuple | Kind::List if !Vm::is_heap_class_of(seq) => self.seq_items(seq),
            _ => {
                if !self.has_iter(seq) {
                    let tn = self.type_name_of(seq);
                    return Err(self.type_error(format!("cannot unpack non-iterable {tn} object")));
                }
                let it = self.iter(seq)?;
                let mut v = Vec::with_capacity(n);
                while let Some(x) = self.next(&it)? {
                    v.push(x);
                    if v.len() > n {
                        return Err(
                            self.value_error(format!("too many values to unpack (expected {n})"))
                        );
                    }
                }
                v
            }
        };
        if items.len() < n {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected {n}, got {})",
                items.len()
            )));
        }
        if items.len() > n {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        for x in items.into_iter().rev() {
            self.stack.push(x);
        }
        Ok(())
    }

    /// `UNPACK_EX`: `a, *b, c = seq`.
    pub(crate) fn unpack_ex(&mut self, seq: &ObjRef, before: usize, after: usize) -> PyResult<()> {
        if !self.has_iter(seq) {
            let tn = self.type_name_of(seq);
            return Err(self.type_error(format!("cannot unpack non-iterable {tn} object")));
        }
        let items = self.iterate(seq)?;
        if items.len() < before + after {
            return Err(self.value_error(format!(
                "not enough values to unpack (expected at least {}, got {})",
                before + after,
                items.len()
            )));
        }
        let mut items = items;
        let tail = items.split_off(items.len() - after);
        let middle = items.split_off(before);
        let list = self.new_list(middle)?;
        for x in tail.into_iter().rev() {
            self.stack.push(x);
        }
        self.stack.push(list);
        for x in items.into_iter().rev() {
            self.stack.push(x);
        }
        Ok(())
    }

    // ---------------------------------------------------------------- misc

    /// `except T:` matching, with CPython's checks on `T`.
    pub(crate) fn exception_matches(&mut self, exc: &ObjRef, ty: &ObjRef) -> PyResult<bool> {
        let check = |vm: &Vm, t: &ObjRef| -> bool {
            t.kind() == Kind::Type && vm.is_subtype(t, vm.ty(T::BaseException))
        };
        if ty.kind() == Kind::Tuple {
            let items = self.seq_items(ty);
            for t in &items {
                if !check(self, t) {
                    return Err(self.type_error(
                        "catching classes that do not inherit from BaseException is not allowed",
                    ));
                }
            }
            return Ok(items.iter().any(|t| self.isinstance(exc, t)));
        }
        if !check(self, ty) {
            return Err(self.type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        Ok(self.isinstance(exc, ty))
    }

    /// `BEFORE_WITH` / `BEFORE_ASYNC_WITH`: the bound `__exit__` (or
    /// `__aexit__`) and the result of calling `__enter__` (or `__aenter__`,
    /// an awaitable).
    pub(crate) fn before_with(
        &mut self,
        mgr: &ObjRef,
        asynchronous: bool,
    ) -> PyResult<(ObjRef, ObjRef)> {
        let ty = mgr.class();
        let (enter_n, exit_n, what) = if asynchronous {
            (
                self.intern("__aenter__")?,
                self.intern("__aexit__")?,
                "asynchronous context manager",
            )
        } else {
            (
                self.names.enter.clone(),
                self.names.exit.clone(),
                "context manager",
            )
        };
        let Some(enter) = self.type_lookup(&ty, &enter_n) else {
            let tn = self.type_name(&ty);
            return Err(self.type_error(format!(
                "'{tn}' object does not support the {what} protocol"
            )));
        };
        let Some(exit) = self.type_lookup(&ty, &exit_n) else {
            let tn = self.type_name(&ty);
            let en = self.str_of(&exit_n).to_string();
            return Err(self.type_error(format!(
                "'{tn}' object does not support the {what} protocol (missed {en} method)"
            )));
        };
        let exit = self.bind_descriptor(exit, Some(mgr), &ty)?;
        let enter = self.bind_descriptor(enter, Some(mgr), &ty)?;
        let r = self.call(&enter, Vec::new())?;
        Ok((exit, r))
    }

    /// The REPL's `sys.displayhook`: prints the repr of non-None values and
    /// stores them in `builtins._`.
    pub(crate) fn display_hook(&mut self, v: ObjRef) -> PyResult<()> {
        if v.is(&self.none) {
            return Ok(());
        }
        let key = self.intern("_")?;
        let b = self.builtins.clone();
        self.dict_set_str(&b, &key, self.none.clone())?;
        let r = self.repr_string(&v)?;
        self.write_stdout(&r);
        self.write_stdout("\n");
        self.dict_set_str(&b, &key, v)?;
        Ok(())
    }

    /// `str(exc)`: the message, as CPython's `BaseException.__str__`.
    pub(crate) fn exception_str(&mut self, o: &ObjRef) -> PyResult<String> {
        if self.is_exception_group(o) {
            return self.exception_group_str(o);
        }
        let args = match o.borrow::<ExceptionObj>() {
            Some(e) => e.args.clone(),
            None => return Ok(String::new()),
        };
        if self.is_instance_of(o, T::OSError) {
            if let Some(s) = self.oserror_str(o)? {
                return Ok(s);
            }
        }
        let items = self.seq_items(&args);
        if self.is_instance_of(o, T::KeyError) && items.len() == 1 {
            return self.repr_string(&items[0]);
        }
        match items.len() {
            0 => Ok(String::new()),
            1 => self.str_string(&items[0]),
            _ => self.repr_string(&args),
        }
    }
}

/// CPython's `_Py_HashPointer`: the address rotated by 4 bits.
pub(crate) fn pointer_hash(o: &ObjRef) -> i64 {
    let x = o.addr();
    let y = (x >> 4) | (x << (usize::BITS - 4));
    let h = y as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// New references to `items` on the value stack, last item first.
fn push_reversed(stack: &mut Vec<ObjRef>, items: &[ObjRef]) {
    // A trusted-length iterator: one capacity check for all the items.
    stack.extend(items.iter().rev().cloned());
}

/// The kinds whose attribute lookup starts with their own attributes
/// (`special_getattr`: exception, slice, code, frame, traceback, cell and
/// range fields, the number types' `real`/`imag`/..., native objects' data).
pub(crate) fn special_getattr_kind(kind: Kind) -> bool {
    matches!(
        kind,
        Kind::Exception
            | Kind::Slice
            | Kind::Code
            | Kind::Frame
            | Kind::Traceback
            | Kind::Cell
            | Kind::Range
            | Kind::Int
            | Kind::BigInt
            | Kind::Float
            | Kind::Complex
            | Kind::Native
    )
}
