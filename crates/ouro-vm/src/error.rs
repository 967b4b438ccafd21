//! Python exceptions as Rust values. A raised exception is a [`PyErr`]
//! holding the exception instance; every fallible VM operation returns
//! [`PyResult`]. Rust panics are bugs, never Python errors.

use ouro_heap::{ExceptionObj, ObjRef};

use crate::types::T;
use crate::vm::Vm;

/// A raised Python exception (the instance).
#[derive(Clone, Debug)]
pub struct PyErr(pub ObjRef);

pub type PyResult<T> = Result<T, PyErr>;

impl PyErr {
    pub fn exc(&self) -> &ObjRef {
        &self.0
    }
}

impl Vm {
    /// Creates an exception of builtin type `t` with a message argument.
    pub fn new_exc(&mut self, t: T, msg: impl AsRef<str>) -> PyErr {
        let ty = self.ty(t).clone();
        match self.new_str(msg.as_ref()) {
            Ok(m) => self.new_exc_args(&ty, vec![m]),
            Err(e) => e,
        }
    }

    /// Creates an exception of type `ty` with the given args.
    pub fn new_exc_args(&mut self, ty: &ObjRef, args: Vec<ObjRef>) -> PyErr {
        let args = match self.new_tuple(args) {
            Ok(a) => a,
            Err(e) => return e,
        };
        let payload = ExceptionObj {
            args,
            traceback: None,
            context: None,
            cause: None,
            suppress_context: false,
            notes: None,
        };
        match self.alloc(ty, payload, true) {
            Ok(o) => PyErr(o),
            Err(e) => e,
        }
    }

    /// An exception of type `t` with no arguments.
    pub fn new_exc_empty(&mut self, t: T) -> PyErr {
        let ty = self.ty(t).clone();
        self.new_exc_args(&ty, Vec::new())
    }

    pub fn type_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::TypeError, msg)
    }

    pub fn value_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::ValueError, msg)
    }

    pub fn index_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::IndexError, msg)
    }

    pub fn attribute_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::AttributeError, msg)
    }

    pub fn runtime_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::RuntimeError, msg)
    }

    pub fn overflow_error(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::OverflowError, msg)
    }

    pub fn zero_division(&mut self, msg: impl AsRef<str>) -> PyErr {
        self.new_exc(T::ZeroDivisionError, msg)
    }

    pub fn name_error(&mut self, name: &str) -> PyErr {
        let e = self.new_exc(T::NameError, format!("name '{name}' is not defined"));
        if let Ok(n) = self.new_str(name) {
            let _ = self.set_attr_str(&e.0, "name", n);
        }
        e
    }

    /// `KeyError(key)`.
    pub fn key_error(&mut self, key: ObjRef) -> PyErr {
        let ty = self.ty(T::KeyError).clone();
        self.new_exc_args(&ty, vec![key])
    }

    /// A failure inside ouro itself: reported as `SystemError`, never a panic.
    pub fn internal_error(&mut self, what: &str) -> PyErr {
        self.new_exc(T::SystemError, format!("ouro internal error: {what}"))
    }

    /// `MemoryError`, from the preallocated instance (allocating one could
    /// itself fail).
    pub fn memory_error(&mut self) -> PyErr {
        let ty = self.ty(T::MemoryError).clone();
        let payload = ExceptionObj {
            args: self.empty_tuple(),
            traceback: None,
            context: None,
            cause: None,
            suppress_context: false,
            notes: None,
        };
        match ouro_heap::alloc_object(&ty, payload, true) {
            Ok(e) => PyErr(e),
            Err(_) => {
                // The preallocated instance, reset (as CPython's freelist
                // hands out a clean one).
                let e = self.memory_error_instance.clone();
                let old = e
                    .borrow_mut::<ExceptionObj>()
                    .map(|mut x| (x.traceback.take(), x.context.take(), x.cause.take()));
                drop(old);
                PyErr(e)
            }
        }
    }

    /// Whether `err` is an instance of builtin exception type `t`.
    pub fn err_is(&self, err: &PyErr, t: T) -> bool {
        self.is_instance_of(&err.0, t)
    }
}
