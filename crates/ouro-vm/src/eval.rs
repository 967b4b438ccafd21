//! `compile`, `exec` and `eval`: source text compiled at run time and run
//! in a namespace the caller chooses, as CPython's `builtin_exec_impl` and
//! `builtin_eval_impl` do.
//!
//! The code runs in a frame of its own whose namespace is `locals` (name
//! lookups go locals, globals, builtins, as in a class body), pushed as an
//! entry frame: the interpreter loop runs it to completion and returns its
//! value (the expression's for `eval`, None for `exec`).

use ouro_compiler::Mode;
use ouro_heap::{CodeObj, Kind, ObjRef};

use crate::error::PyResult;
use crate::interp::FrameKind;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

/// What `exec`/`eval` were given to run.
enum Source {
    Text(String),
    Code(ObjRef),
}

impl Vm {
    /// The first argument of `exec`/`eval`/`compile`: a str, a bytes-like
    /// object (UTF-8 source) or, except for `compile`, a code object.
    fn source_arg(&mut self, o: &ObjRef, fname: &str, code_ok: bool) -> PyResult<Source> {
        if o.kind() == Kind::Str {
            return Ok(Source::Text(self.str_of(o).to_string()));
        }
        if let Some(d) = self.bytes_data(o) {
            return match String::from_utf8(d) {
                Ok(s) => Ok(Source::Text(s)),
                Err(e) => {
                    let at = e.utf8_error().valid_up_to();
                    Err(self.new_exc(
                        T::SyntaxError,
                        format!(
                            "(unicode error) 'utf-8' codec can't decode byte 0x{:02x} in position {at}: invalid start byte",
                            e.as_bytes()[at]
                        ),
                    ))
                }
            };
        }
        if o.kind() == Kind::Code {
            if code_ok {
                return Ok(Source::Code(o.clone()));
            }
            return Ok(Source::Code(o.clone()));
        }
        let what = if fname == "compile" {
            "compile() arg 1 must be a string, bytes or AST object".to_string()
        } else {
            format!("{fname}() arg 1 must be a string, bytes or code object")
        };
        Err(self.type_error(what))
    }

    /// Compiles `text` into a code object named `filename`.
    fn compile_text(&mut self, text: &str, filename: &str, mode: Mode) -> PyResult<ObjRef> {
        if text.contains('\0') {
            return Err(self.new_exc(
                T::SyntaxError,
                "source code string cannot contain null bytes",
            ));
        }
        let code = self.compile_source(text, filename, mode)?;
        self.load_code(code)
    }

    /// Compiles `source`: a compile error becomes a `SyntaxError`, and the
    /// compiler's `SyntaxWarning`s go through `warnings.warn_explicit` (a
    /// filter that makes them errors makes a `SyntaxError` at the warning's
    /// place, as CPython's `compiler_warn` does).
    pub(crate) fn compile_source(
        &mut self,
        source: &str,
        filename: &str,
        mode: Mode,
    ) -> PyResult<std::rc::Rc<ouro_bytecode::CodeObject>> {
        let (mut code, warnings) =
            match ouro_compiler::compile_with_warnings(source, filename, mode) {
                Ok(r) => r,
                Err(e) => return Err(self.syntax_error_from(&e)),
            };
        // Traced or visualised, every plain instruction is a step of its own.
        if self.tracer.is_some() || self.viz.is_some() {
            if let Some(c) = std::rc::Rc::get_mut(&mut code) {
                c.unfuse();
            }
        }
        for w in warnings {
            let msg = self.new_str(&w.msg)?;
            let category = self.ty(T::SyntaxWarning).clone();
            let file = self.new_str(&w.filename)?;
            let lineno = self.new_int(w.lineno as i64)?;
            let args = vec![msg, category, file, lineno];
            match self.call_module_function("warnings", "warn_explicit", args) {
                Ok(_) => {}
                Err(e) if self.err_is(&e, T::SyntaxWarning) => {
                    return Err(self.syntax_error_from(&w));
                }
                Err(e) => return Err(e),
            }
        }
        Ok(code)
    }

    /// The globals and locals for `exec`/`eval`: explicit ones checked as
    /// CPython checks them, or the calling frame's.
    fn exec_namespaces(
        &mut self,
        globals: Option<ObjRef>,
        locals: Option<ObjRef>,
        fname: &str,
    ) -> PyResult<(ObjRef, ObjRef)> {
        let globals = globals.filter(|g| !g.is(&self.none));
        let locals = locals.filter(|l| !l.is(&self.none));
        if let Some(g) = &globals {
            if g.kind() != Kind::Dict {
                let tn = self.type_name_of(g);
                return Err(self.type_error(if fname == "exec" {
                    format!("exec() globals must be a dict, not {tn}")
                } else {
                    "globals must be a dict".to_string()
                }));
            }
        }
        if let Some(l) = &locals {
            let gi = self.names.getitem.clone();
            if l.kind() != Kind::Dict && self.type_lookup(&l.class(), &gi).is_none() {
                let tn = self.type_name_of(l);
                return Err(self.type_error(if fname == "exec" {
                    format!("locals must be a mapping or None, not {tn}")
                } else {
                    "locals must be a mapping".to_string()
                }));
            }
        }
        Ok(match (globals, locals) {
            (Some(g), Some(l)) => (g, l),
            (Some(g), None) => (g.clone(), g),
            (None, l) => {
                let g = match self.frames.last() {
                    Some(f) => f.globals.clone(),
                    None => self.new_dict()?,
                };
                let l = match l {
                    Some(l) => l,
                    None => self.current_locals()?,
                };
                (g, l)
            }
        })
    }

    /// Runs a code object with the given namespaces; returns its value.
    pub(crate) fn run_code_in(
        &mut self,
        code_obj: ObjRef,
        globals: &ObjRef,
        locals: &ObjRef,
    ) -> PyResult<ObjRef> {
        // The builtins are the globals' `__builtins__` (a module or a
        // dict), inserted when missing, as CPython's exec does.
        let bk = self.names.builtins.clone();
        let builtins = match self.dict_get_str(globals, &bk) {
            Some(b) if b.kind() == Kind::Dict => b,
            Some(b) if b.kind() == Kind::Module => {
                Vm::module_dict(&b).unwrap_or_else(|| self.builtins.clone())
            }
            Some(_) => self.builtins.clone(),
            None => {
                let bm = self.builtins_module.clone();
                self.dict_set_str(globals, &bk, bm)?;
                self.builtins.clone()
            }
        };
        let free = code_obj
            .get::<CodeObj>()
            .map_or(0, |c| c.code.freevars.len());
        if free > 0 {
            return Err(
                self.type_error("code object passed to exec() may not contain free variables")
            );
        }
        self.push_frame_raw(
            code_obj,
            globals.clone(),
            builtins,
            Some(locals.clone()),
            None,
            FrameKind::Entry,
        )?;
        self.run_entry()
    }
}

/// `code.replace(**changes)`: a copy of the code object with some `co_*`
/// fields changed. ouro's code objects are compiled data, so the fields that
/// describe the instructions themselves (`co_code`, `co_consts`, ...) cannot
/// be replaced.
pub(crate) fn code_replace(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "replace() takes exactly 0 positional arguments ({} given)",
            args.pos.len().saturating_sub(1)
        )));
    }
    let Some(mut code) = args.pos[0].get::<CodeObj>().map(|c| (*c.code).clone()) else {
        return Err(vm.type_error("descriptor 'replace' requires a 'code' object"));
    };
    for (k, v) in std::mem::take(&mut args.kw) {
        let key = vm.str_of(&k).to_string();
        let text = |vm: &mut Vm, v: &ObjRef| -> PyResult<std::rc::Rc<str>> {
            if v.kind() != Kind::Str {
                let tn = vm.type_name_of(v);
                return Err(
                    vm.type_error(format!("replace() argument '{key}' must be str, not {tn}"))
                );
            }
            Ok(vm.str_of(v).into())
        };
        let number = |vm: &mut Vm, v: &ObjRef| -> PyResult<u32> {
            let n = vm.index_isize(v)?;
            u32::try_from(n)
                .map_err(|_| vm.overflow_error("Python int too large to convert to C int"))
        };
        match key.as_str() {
            "co_flags" => code.flags = number(vm, &v)?,
            "co_firstlineno" => code.firstlineno = number(vm, &v)?,
            "co_name" => code.name = text(vm, &v)?,
            "co_qualname" => code.qualname = text(vm, &v)?,
            "co_filename" => code.filename = text(vm, &v)?,
            "co_argcount" | "co_posonlyargcount" | "co_kwonlyargcount" | "co_nlocals"
            | "co_stacksize" | "co_code" | "co_consts" | "co_names" | "co_varnames"
            | "co_freevars" | "co_cellvars" | "co_linetable" | "co_exceptiontable" => {
                return Err(vm.value_error(format!(
                    "ouro cannot replace {key} of a code object (its instructions are compiled data)"
                )));
            }
            _ => {
                return Err(vm.type_error(format!(
                    "replace() got an unexpected keyword argument '{key}'"
                )));
            }
        }
    }
    vm.load_code(std::rc::Rc::new(code))
}

/// `compile(source, filename, mode, flags=0, dont_inherit=False,
/// optimize=-1)`.
pub(crate) fn builtin_compile(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let names = [
        "source",
        "filename",
        "mode",
        "flags",
        "dont_inherit",
        "optimize",
    ];
    let mut vals: Vec<Option<ObjRef>> = args.pos.iter().cloned().map(Some).collect();
    if vals.len() > names.len() {
        return Err(vm.type_error(format!(
            "compile() takes at most 6 arguments ({} given)",
            vals.len()
        )));
    }
    vals.resize(names.len(), None);
    for (i, n) in names.iter().enumerate() {
        if let Some(v) = args.take_kw(vm, n) {
            if vals[i].is_some() {
                return Err(vm.type_error(format!(
                    "argument for compile() given by name ('{n}') and position ({})",
                    i + 1
                )));
            }
            vals[i] = Some(v);
        }
    }
    let _ = args.take_kw(vm, "_feature_version");
    args.no_more_kw(vm, "compile")?;
    for (i, n) in names.iter().enumerate().take(3) {
        if vals[i].is_none() {
            return Err(vm.type_error(format!(
                "compile() missing required argument '{n}' (pos {})",
                i + 1
            )));
        }
    }
    let source = vals[0].clone().unwrap_or_else(|| vm.none.clone());
    let filename = vals[1].clone().unwrap_or_else(|| vm.none.clone());
    let mode = vals[2].clone().unwrap_or_else(|| vm.none.clone());
    let filename = if filename.kind() == Kind::Str {
        vm.str_of(&filename).to_string()
    } else if let Some(d) = vm.bytes_data(&filename) {
        String::from_utf8_lossy(&d).into_owned()
    } else {
        let tn = vm.type_name_of(&filename);
        return Err(vm.type_error(format!(
            "compile() argument 'filename' must be str, bytes or os.PathLike, not {tn}"
        )));
    };
    if mode.kind() != Kind::Str {
        let tn = vm.type_name_of(&mode);
        return Err(vm.type_error(format!("compile() argument 'mode' must be str, not {tn}")));
    }
    let mode = match vm.str_of(&mode) {
        "exec" => Mode::Exec,
        "eval" => Mode::Eval,
        "single" => Mode::Single,
        _ => {
            return Err(vm.value_error("compile() mode must be 'exec', 'eval' or 'single'"));
        }
    };
    if let Some(f) = &vals[3] {
        let flags = vm.index_isize(f)?;
        // PyCF_ONLY_AST and the other AST flags: ouro has no `ast` module.
        if flags & 0x400 != 0 {
            return Err(vm.new_exc(
                T::NotImplementedError,
                "ouro cannot compile to an AST (no ast module)",
            ));
        }
    }
    match vm.source_arg(&source, "compile", false)? {
        Source::Code(c) => Ok(c),
        Source::Text(t) => vm.compile_text(&t, &filename, mode),
    }
}

/// The (source, globals, locals) arguments of `exec` and `eval`.
fn run_args(
    vm: &mut Vm,
    mut args: Args,
    fname: &str,
) -> PyResult<(ObjRef, Option<ObjRef>, Option<ObjRef>)> {
    let g_kw = args.take_kw(vm, "globals");
    let l_kw = args.take_kw(vm, "locals");
    let _ = args.take_kw(vm, "closure").filter(|_| fname == "exec");
    args.no_more_kw(vm, fname)?;
    if args.pos.is_empty() {
        return Err(vm.type_error(if fname == "exec" {
            "exec() takes at least 1 positional argument (0 given)".to_string()
        } else {
            format!("{fname} expected at least 1 argument, got 0")
        }));
    }
    if args.pos.len() > 3 {
        let n = args.pos.len();
        return Err(vm.type_error(if fname == "exec" {
            format!("exec() takes at most 3 positional arguments ({n} given)")
        } else {
            format!("{fname} expected at most 3 arguments, got {n}")
        }));
    }
    let src = args.pos[0].clone();
    let g = args.pos.get(1).cloned().or(g_kw);
    let l = args.pos.get(2).cloned().or(l_kw);
    Ok((src, g, l))
}

/// `exec(source, globals=None, locals=None)`.
pub(crate) fn builtin_exec(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (src, g, l) = run_args(vm, args, "exec")?;
    let (globals, locals) = vm.exec_namespaces(g, l, "exec")?;
    let code = match vm.source_arg(&src, "exec", true)? {
        Source::Code(c) => c,
        Source::Text(t) => vm.compile_text(&t, "<string>", Mode::Exec)?,
    };
    vm.run_code_in(code, &globals, &locals)?;
    Ok(vm.none.clone())
}

/// `eval(source, globals=None, locals=None)`.
pub(crate) fn builtin_eval(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (src, g, l) = run_args(vm, args, "eval")?;
    let (globals, locals) = vm.exec_namespaces(g, l, "eval")?;
    let code = match vm.source_arg(&src, "eval", true)? {
        Source::Code(c) => c,
        Source::Text(t) => {
            // eval strips leading spaces and tabs (and a trailing newline is fine).
            vm.compile_text(&t, "<string>", Mode::Eval)?
        }
    };
    vm.run_code_in(code, &globals, &locals)
}
