//! `import`: `sys.modules`, the builtin modules, and modules and packages
//! found as `.py` files on `sys.path` (no importlib).

use std::path::{Path, PathBuf};

use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::types::T;
use crate::vm::Vm;

impl Vm {
    /// Imports a top-level module by name (for the VM's own use of frozen
    /// modules, such as `types` for `list[int]`).
    pub(crate) fn import_top(&mut self, name: &str) -> PyResult<ObjRef> {
        self.import_one(name, None)
    }

    /// Calls `module.func(*args)` of a top-level module.
    pub(crate) fn call_module_function(
        &mut self,
        module: &str,
        func: &str,
        args: Vec<ObjRef>,
    ) -> PyResult<ObjRef> {
        let m = self.import_top(module)?;
        let name = self.intern(func)?;
        let f = self.getattr(&m, &name)?;
        self.call(&f, args)
    }

    /// `IMPORT_NAME`: returns the top-level package when `fromlist` is empty,
    /// else the named module.
    pub(crate) fn import_name(
        &mut self,
        name: &ObjRef,
        fromlist: &ObjRef,
        level: &ObjRef,
        fi: usize,
    ) -> PyResult<ObjRef> {
        let level = Vm::int_of(level).unwrap_or(0);
        let name_s = self.str_of(name).to_string();
        let absolute = if level > 0 {
            let package = self.frame_package(fi)?;
            let mut parts: Vec<&str> = package.split('.').filter(|p| !p.is_empty()).collect();
            for _ in 1..level {
                if parts.pop().is_none() {
                    return Err(self.new_exc(
                        T::ImportError,
                        "attempted relative import beyond top-level package",
                    ));
                }
            }
            if parts.is_empty() {
                return Err(self.new_exc(
                    T::ImportError,
                    "attempted relative import with no known parent package",
                ));
            }
            let base = parts.join(".");
            if name_s.is_empty() {
                base
            } else {
                format!("{base}.{name_s}")
            }
        } else {
            if name_s.is_empty() {
                return Err(self.value_error("Empty module name"));
            }
            name_s.clone()
        };
        // Import each package along the dotted path.
        let mut module = None;
        let mut prefix = String::new();
        for part in absolute.split('.') {
            if !prefix.is_empty() {
                prefix.push('.');
            }
            prefix.push_str(part);
            let parent = module.clone();
            module = Some(self.import_one(&prefix, parent.as_ref())?);
        }
        let Some(module) = module else {
            return Err(self.value_error("Empty module name"));
        };
        let from_empty = fromlist.is(&self.none) || self.seq_items(fromlist).is_empty();
        if from_empty {
            if level > 0 {
                return Ok(module);
            }
            let top = absolute.split('.').next().unwrap_or_default().to_string();
            let key = self.new_str(&top)?;
            let modules = self.modules.clone();
            return Ok(self.dict_get_str(&modules, &key).unwrap_or(module));
        }
        // `from package import submodule` imports submodules on demand.
        for item in self.seq_items(fromlist) {
            let n = self.str_of(&item).to_string();
            if n == "*" {
                continue;
            }
            if self.getattr(&module, &item).is_err() && self.module_is_package(&module) {
                let sub = format!("{absolute}.{n}");
                match self.import_one(&sub, Some(&module)) {
                    Ok(_) => {}
                    Err(e) if self.err_is(&e, T::ModuleNotFoundError) => {}
                    Err(e) => return Err(e),
                }
            }
        }
        Ok(module)
    }

    fn module_is_package(&mut self, m: &ObjRef) -> bool {
        let d = Vm::module_dict(m);
        match (d, self.intern("__path__")) {
            (Some(d), Ok(k)) => self.dict_get_str(&d, &k).is_some(),
            _ => false,
        }
    }

    /// The package of the code running in frame `fi` (`__package__`, or
    /// derived from `__name__`).
    fn frame_package(&mut self, fi: usize) -> PyResult<String> {
        let globals = match self.frames.get(fi) {
            Some(f) => f.globals.clone(),
            None => return Ok(String::new()),
        };
        let pk = self.intern("__package__")?;
        if let Some(p) = self.dict_get_str(&globals, &pk) {
            if p.kind() == Kind::Str {
                return Ok(self.str_of(&p).to_string());
            }
        }
        let nk = self.names.name.clone();
        let name = self
            .dict_get_str(&globals, &nk)
            .map(|n| self.str_of(&n).to_string())
            .unwrap_or_default();
        let pathk = self.intern("__path__")?;
        if self.dict_get_str(&globals, &pathk).is_some() {
            return Ok(name);
        }
        Ok(name
            .rsplit_once('.')
            .map(|(p, _)| p.to_string())
            .unwrap_or_default())
    }

    /// Imports one fully qualified module, its parent already imported.
    fn import_one(&mut self, fullname: &str, parent: Option<&ObjRef>) -> PyResult<ObjRef> {
        let key = self.new_str(fullname)?;
        let modules = self.modules.clone();
        if let Some(m) = self.dict_get_str(&modules, &key) {
            if m.is(&self.none) {
                return Err(self.module_not_found(fullname));
            }
            return Ok(m);
        }
        if let Some(m) = crate::modules::builtin_module(self, fullname)? {
            self.dict_set_str(&modules, &key, m.clone())?;
            return Ok(m);
        }
        let short = fullname.rsplit('.').next().unwrap_or(fullname).to_string();
        if let Some((source, filename)) = crate::modules::frozen_source(fullname) {
            return self.exec_module_source(fullname, source, filename, None, parent, &short);
        }
        let search: Vec<PathBuf> = match parent {
            Some(p) => {
                let pk = self.intern("__path__")?;
                let path = Vm::module_dict(p).and_then(|d| self.dict_get_str(&d, &pk));
                match path {
                    Some(l) => self
                        .seq_items(&l)
                        .iter()
                        .map(|x| PathBuf::from(self.str_of(x)))
                        .collect(),
                    None => return Err(self.module_not_found(fullname)),
                }
            }
            None => {
                let pk = self.intern("path")?;
                let sysd = Vm::module_dict(&self.sys.clone());
                let path = sysd.and_then(|d| self.dict_get_str(&d, &pk));
                match path {
                    Some(l) => self
                        .seq_items(&l)
                        .iter()
                        .map(|x| PathBuf::from(self.str_of(x)))
                        .collect(),
                    None => Vec::new(),
                }
            }
        };
        for dir in search {
            let pkg_init = dir.join(&short).join("__init__.py");
            if pkg_init.is_file() {
                return self.exec_module_file(
                    fullname,
                    &pkg_init,
                    Some(&dir.join(&short)),
                    parent,
                    &short,
                );
            }
            let file = dir.join(format!("{short}.py"));
            if file.is_file() {
                return self.exec_module_file(fullname, &file, None, parent, &short);
            }
        }
        Err(self.module_not_found(fullname))
    }

    fn module_not_found(&mut self, name: &str) -> crate::error::PyErr {
        let e = self.new_exc(T::ModuleNotFoundError, format!("No module named '{name}'"));
        if let Ok(n) = self.new_str(name) {
            let _ = self.set_attr_str(&e.0, "name", n);
        }
        e
    }

    fn exec_module_file(
        &mut self,
        fullname: &str,
        file: &Path,
        pkg_dir: Option<&Path>,
        parent: Option<&ObjRef>,
        short: &str,
    ) -> PyResult<ObjRef> {
        let source = match std::fs::read_to_string(file) {
            Ok(s) => s,
            Err(e) => {
                return Err(self.new_exc(
                    T::ImportError,
                    format!("cannot read {}: {e}", file.display()),
                ))
            }
        };
        let filename = file.display().to_string();
        self.exec_module_source(fullname, &source, &filename, pkg_dir, parent, short)
    }

    /// Runs `source` as the module `fullname` (registered in `sys.modules`
    /// while it runs, removed again if it fails).
    fn exec_module_source(
        &mut self,
        fullname: &str,
        source: &str,
        filename: &str,
        pkg_dir: Option<&Path>,
        parent: Option<&ObjRef>,
        short: &str,
    ) -> PyResult<ObjRef> {
        self.sources.insert(filename.to_string(), source.into());
        let code = self.compile_source(source, filename, ouro_compiler::Mode::Exec)?;
        let module = self.new_module(fullname)?;
        let Some(d) = Vm::module_dict(&module) else {
            return Err(self.internal_error("module without dict"));
        };
        let fk = self.names.file.clone();
        let f = self.new_str(filename)?;
        self.dict_set_str(&d, &fk, f)?;
        let pk = self.intern("__package__")?;
        let package = match pkg_dir {
            Some(dir) => {
                let pathk = self.intern("__path__")?;
                let p = self.new_str(&dir.display().to_string())?;
                let l = self.new_list(vec![p])?;
                self.dict_set_str(&d, &pathk, l)?;
                fullname.to_string()
            }
            None => fullname
                .rsplit_once('.')
                .map(|(p, _)| p.to_string())
                .unwrap_or_default(),
        };
        let pv = self.new_str(&package)?;
        self.dict_set_str(&d, &pk, pv)?;
        let key = self.new_str(fullname)?;
        let modules = self.modules.clone();
        self.dict_set_str(&modules, &key, module.clone())?;
        if let Err(e) = self.run_code(code, &d) {
            self.dict_del_str(&modules, &key);
            return Err(e);
        }
        if let Some(p) = parent {
            let sk = self.intern(short)?;
            self.setattr(p, &sk, module.clone())?;
        }
        // The module in sys.modules may have been replaced while it ran.
        Ok(self.dict_get_str(&modules, &key).unwrap_or(module))
    }

    /// `IMPORT_FROM`.
    pub(crate) fn import_from(&mut self, module: &ObjRef, name: &ObjRef) -> PyResult<ObjRef> {
        match self.getattr(module, name) {
            Ok(v) => Ok(v),
            Err(e) if self.err_is(&e, T::AttributeError) => {
                let mname = match module.get::<ouro_heap::ModuleObj>() {
                    Some(m) => self.str_of(&m.name).to_string(),
                    None => "<unknown module name>".to_string(),
                };
                let n = self.str_of(name).to_string();
                let full = format!("{mname}.{n}");
                let key = self.new_str(&full)?;
                let modules = self.modules.clone();
                if let Some(m) = self.dict_get_str(&modules, &key) {
                    return Ok(m);
                }
                let fk = self.names.file.clone();
                let file = Vm::module_dict(module).and_then(|d| self.dict_get_str(&d, &fk));
                let loc = match file {
                    Some(f) => format!(" ({})", self.str_of(&f)),
                    None => " (unknown location)".to_string(),
                };
                Err(self.new_exc(
                    T::ImportError,
                    format!("cannot import name '{n}' from '{mname}'{loc}"),
                ))
            }
            Err(e) => Err(e),
        }
    }

    /// `from m import *`.
    pub(crate) fn import_star(&mut self, module: &ObjRef, fi: usize) -> PyResult<()> {
        let Some(ns) = self.frames.get(fi).and_then(|f| f.namespace.clone()) else {
            return Err(self.internal_error("import * outside a namespace"));
        };
        let Some(d) = Vm::module_dict(module) else {
            return Err(self.type_error("import * from a non-module"));
        };
        let all = self.intern("__all__")?;
        let names: Vec<ObjRef> = match self.dict_get_str(&d, &all) {
            Some(a) => self.iterate(&a)?,
            None => self
                .dict_items_vec(&d)?
                .into_iter()
                .map(|(k, _)| k)
                .filter(|k| !self.str_of(k).starts_with('_'))
                .collect(),
        };
        for n in names {
            let v = self.getattr(module, &n)?;
            let n = self.intern_obj(&n)?;
            self.dict_set_str(&ns, &n, v)?;
        }
        Ok(())
    }
}
