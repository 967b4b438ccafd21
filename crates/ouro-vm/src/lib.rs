//! ouro's virtual machine: the behaviour of the object model, the
//! interpreter loop, the builtins and the `sys` module.
//!
//! Key decision: the VM owns no memory of its own. Every value is an object
//! of the private heap (`ouro-heap`) reached through counted `ObjRef`
//! handles; frames live on an explicit stack, so a Python call never
//! recurses in Rust. Python code runs only at instruction boundaries, which
//! is why no object teardown ever runs Python code in the middle of an
//! operation (finalizers are queued by the heap and started by the loop).

pub mod attrcache;
pub mod builtins;
pub mod cmathmodule;
pub mod error;
pub mod eval;
pub mod gcmodule;
pub mod import;
pub mod interp;
pub mod iomodule;
pub mod itertoolsmodule;
pub mod mathmodule;
pub mod modules;
pub mod natives;
pub mod objects;
pub mod ops;
pub mod osmodule;
pub mod randommodule;
pub mod snapshot;
pub mod sremodule;
pub mod structmodule;
pub mod sys;
pub mod trace;
pub mod tracemalloc;
pub mod types;
pub mod viz;
pub mod vm;

use std::rc::Rc;

pub use error::{PyErr, PyResult};
use ouro_heap::{Kind, ObjRef};
pub use types::T;
pub use vm::{flush_stdout_after_panic, Config, Vm};

/// How a run ended, as a process exit status.
pub type ExitCode = i32;

impl Vm {
    /// The `__main__` module, made on first use.
    pub fn main_module(&mut self) -> PyResult<ObjRef> {
        let key = self.names.main.clone();
        let modules = self.modules.clone();
        if let Some(m) = self.dict_get_str(&modules, &key) {
            return Ok(m);
        }
        let m = self.new_module("__main__")?;
        let Some(d) = Vm::module_dict(&m) else {
            return Err(self.internal_error("module without dict"));
        };
        let none = self.none.clone();
        for name in ["__package__", "__loader__", "__spec__"] {
            let k = self.intern(name)?;
            self.dict_set_str(&d, &k, none.clone())?;
        }
        let ann = self.new_dict()?;
        let k = self.names.annotations.clone();
        self.dict_set_str(&d, &k, ann)?;
        let k = self.names.builtins.clone();
        let b = self.builtins_module.clone();
        self.dict_set_str(&d, &k, b)?;
        self.dict_set_str(&modules, &key, m.clone())?;
        Ok(m)
    }

    /// Compiles and runs `source` as the `__main__` module. Errors are
    /// printed as CPython prints them; returns the exit status.
    pub fn run_main(&mut self, source: &str, filename: &str, file: Option<&str>) -> ExitCode {
        self.sources.insert(filename.to_string(), source.into());
        let code = match self.compile_source(source, filename, ouro_compiler::Mode::Exec) {
            Ok(c) => c,
            Err(err) => return self.report_uncaught(err),
        };
        let r = (|| -> PyResult<()> {
            let m = self.main_module()?;
            let Some(d) = Vm::module_dict(&m) else {
                return Err(self.internal_error("module without dict"));
            };
            if let Some(f) = file {
                let k = self.names.file.clone();
                let v = self.new_str(f)?;
                self.dict_set_str(&d, &k, v)?;
                let k = self.intern("__cached__")?;
                let none = self.none.clone();
                self.dict_set_str(&d, &k, none)?;
            }
            self.run_code(code, &d)?;
            Ok(())
        })();
        self.run_pending_finalizers();
        match r {
            Ok(()) => 0,
            Err(e) => self.report_uncaught(e),
        }
    }

    /// Runs one interactive statement in `__main__` (expression values are
    /// echoed). Errors are printed; returns false on an uncaught
    /// `SystemExit` (with its status).
    pub fn run_interactive(&mut self, source: &str) -> Result<(), ExitCode> {
        let code = match self.compile_source(source, "<stdin>", ouro_compiler::Mode::Single) {
            Ok(c) => c,
            Err(err) => {
                self.print_exception(&err.0);
                return Ok(());
            }
        };
        let r = (|| -> PyResult<()> {
            let m = self.main_module()?;
            let Some(d) = Vm::module_dict(&m) else {
                return Err(self.internal_error("module without dict"));
            };
            self.run_code(code, &d)?;
            Ok(())
        })();
        self.run_pending_finalizers();
        self.flush();
        match r {
            Ok(()) => Ok(()),
            Err(e) => {
                if self.err_is(&e, T::SystemExit) {
                    return Err(self.system_exit_status(&e));
                }
                self.print_exception(&e.0);
                self.flush();
                Ok(())
            }
        }
    }

    /// Compiles `source` and returns the code object (for `--dis`).
    pub fn disassemble(source: &str, filename: &str) -> Result<String, String> {
        ouro_compiler::compile(source, filename, ouro_compiler::Mode::Exec)
            .map(|c: Rc<ouro_bytecode::CodeObject>| c.to_string())
            .map_err(|e| e.to_string())
    }

    /// Prints an uncaught exception (or handles `SystemExit`); returns the
    /// exit status.
    pub fn report_uncaught(&mut self, e: PyErr) -> ExitCode {
        if self.err_is(&e, T::SystemExit) {
            return self.system_exit_status(&e);
        }
        self.print_exception(&e.0);
        1
    }

    /// The exit status a `SystemExit` asks for (CPython's
    /// `handle_system_exit`), printing a non-int code to stderr.
    fn system_exit_status(&mut self, e: &PyErr) -> ExitCode {
        let code = self
            .getattr_str(&e.0, "code")
            .unwrap_or_else(|_| self.none.clone());
        if code.is(&self.none) {
            return 0;
        }
        if matches!(code.kind(), Kind::Int | Kind::BigInt) {
            return Vm::int_of(&code).map_or(-1, |v| v as i32);
        }
        let s = self.str_string(&code).unwrap_or_default();
        self.write_stderr(&format!("{s}\n"));
        1
    }

    /// Interpreter exit: runs the atexit callbacks, collects garbage, clears
    /// `__main__`'s namespace as CPython's `_PyModule_ClearDict` does (names
    /// with one leading underscore first, then the rest except
    /// `__builtins__`, each set to None in order) so that `__del__` of
    /// globals runs, and collects again.
    pub fn finalize(&mut self) -> ExitCode {
        let mut status = 0;
        self.trace_outside_code();
        // Py_FinalizeEx's order: the atexit callbacks, a collection of the
        // garbage (enabled or not), then the modules' namespaces, then
        // another collection for the cycles they held.
        self.run_atexit();
        self.run_pending_finalizers();
        self.collect_no_fail();
        self.run_pending_finalizers();
        let modules = self.modules.clone();
        let key = self.names.main.clone();
        if let Some(m) = self.dict_get_str(&modules, &key) {
            if let Some(d) = Vm::module_dict(&m) {
                for pass in 0..2 {
                    let items = self.dict_items_vec(&d).unwrap_or_default();
                    for (k, v) in items {
                        if v.is(&self.none) || k.kind() != Kind::Str {
                            continue;
                        }
                        let name = self.str_of(&k).to_string();
                        let single = name.starts_with('_') && !name.starts_with("__");
                        let clear = if pass == 0 {
                            single
                        } else {
                            name != "__builtins__"
                        };
                        if clear {
                            drop(v);
                            let none = self.none.clone();
                            if self.dict_set_str(&d, &k, none).is_err() {
                                status = 1;
                            }
                            self.run_pending_finalizers();
                        }
                    }
                }
            }
        }
        self.run_pending_finalizers();
        self.collect_no_fail();
        self.run_pending_finalizers();
        self.flush();
        status
    }

    /// Frees the interpreter and everything it holds, after [`Vm::finalize`]:
    /// every module's namespace is cleared, the garbage collected, the
    /// builtin types' cycles (type, MRO, dict) broken, and the VM dropped.
    /// What stays is the preallocated core: the builtin type objects, each
    /// with its name and (emptied) dict, and the empty tuple. Returns the
    /// objects alive beyond that core, by kind: a non-empty answer is a
    /// leak (`ouro --leak-check`). The core is left allocated (instances
    /// point at their builtin types without counting them, so the types
    /// must outlive every object; the process is ending).
    pub fn teardown(mut self: Box<Self>) -> Vec<(&'static str, usize)> {
        // finalize_modules: every module's namespace, then the garbage.
        let modules = self.modules.clone();
        let mods = self.dict_items_vec(&modules).unwrap_or_default();
        for (_, m) in &mods {
            if let Some(d) = Vm::module_dict(m) {
                let items = d
                    .borrow_mut::<ouro_heap::DictObj>()
                    .map(|mut t| t.table.take_entries());
                drop(items);
                self.run_pending_finalizers();
            }
        }
        drop(mods);
        drop(modules);
        self.collect_no_fail();
        self.run_pending_finalizers();
        let taken = std::mem::take(&mut self.atexit);
        drop(taken);
        // Builtin types are not tracked: break their cycles by hand.
        let empty = self.empty_tuple();
        let mut core: Vec<ObjRef> = vec![empty.clone()];
        for ty in self.types.iter().cloned() {
            let parts = ty.borrow_mut::<ouro_heap::TypeObj>().map(|mut t| {
                let mro = std::mem::replace(&mut t.mro, empty.clone());
                let bases = std::mem::replace(&mut t.bases, empty.clone());
                let base = t.base.take();
                (
                    mro,
                    bases,
                    base,
                    t.dict.clone(),
                    t.name.clone(),
                    t.qualname.clone(),
                )
            });
            if let Some((mro, bases, base, dict, name, qualname)) = parts {
                let entries = dict
                    .borrow_mut::<ouro_heap::DictObj>()
                    .map(|mut t| t.table.take_entries());
                drop((mro, bases, base, entries));
                core.extend([dict, name, qualname]);
            }
            core.push(ty);
        }
        self.run_pending_finalizers();
        self.flush();
        drop(self);
        ouro_heap::heap::clear_empty_tuple();
        ouro_heap::gc::collect_unattended();
        core.sort_by_key(|o| o.addr());
        core.dedup_by(|a, b| a.is(b));
        let mut live = ouro_heap::heap_stats().live;
        for o in &core {
            live[o.kind() as usize] = live[o.kind() as usize].saturating_sub(1);
        }
        std::mem::forget(core);
        ouro_heap::Kind::all()
            .filter(|k| live[*k as usize] != 0)
            .map(|k| (k.name(), live[k as usize]))
            .collect()
    }

    /// Sets `sys.path[0]` (the script's directory, or "" for -c and stdin).
    pub fn set_path0(&mut self, dir: &str) -> PyResult<()> {
        let sys = self.sys.clone();
        let k = self.intern("path")?;
        let Some(d) = Vm::module_dict(&sys) else {
            return Ok(());
        };
        if let Some(p) = self.dict_get_str(&d, &k) {
            let s = self.new_str(dir)?;
            if let Some(mut l) = p.borrow_mut::<ouro_heap::ListObj>() {
                l.items.insert(0, s);
            }
        }
        Ok(())
    }
}

/// Whether interactive input needs more lines (an open block or bracket).
pub fn is_incomplete_input(source: &str) -> bool {
    ouro_compiler::is_incomplete(source)
}
