//! The `sys` module, and the text streams behind `sys.stdout`/`stderr`.

use ouro_heap::{Kind, NativePayload, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// A text stream of the process: 0 stdin, 1 stdout, 2 stderr.
pub struct TextStream {
    pub fd: u8,
}

impl NativePayload for TextStream {
    fn take_children(&mut self, _out: &mut Vec<ObjRef>) {}
    fn traverse(&self, _visit: &mut dyn FnMut(&ObjRef)) {}
}

fn stream_fd(vm: &mut Vm, args: &Args) -> PyResult<u8> {
    match args
        .pos
        .first()
        .and_then(|s| Vm::with_native::<TextStream, _>(s, |t| t.fd))
    {
        Some(fd) => Ok(fd),
        None => Err(vm.type_error("descriptor requires a 'TextIOWrapper' object")),
    }
}

fn stream_write(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "write", 2, 2)?;
    let fd = stream_fd(vm, &args)?;
    let s = &args.pos[1];
    if s.kind() != Kind::Str {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(format!("write() argument must be str, not {tn}")));
    }
    let text = vm.str_of(s).to_string();
    match fd {
        2 => vm.write_stderr(&text),
        _ => vm.write_stdout(&text),
    }
    vm.new_int(text.chars().count() as i64)
}

fn stream_flush(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    stream_fd(vm, &args)?;
    vm.flush();
    Ok(vm.none.clone())
}

fn stream_readline(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    stream_fd(vm, &args)?;
    vm.flush();
    let mut line = String::new();
    let _ = std::io::stdin().read_line(&mut line);
    vm.new_str(&line)
}

fn sys_getrefcount(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "getrefcount")?;
    let n = args.pos[0].refcount();
    vm.new_int(n as i64)
}

fn sys_getrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "getrecursionlimit")?;
    let l = vm.recursion_limit as i64;
    vm.new_int(l)
}

impl Vm {
    /// Attributes of `sys` made on first use because they need a frozen
    /// module: `sys.implementation` is a `types.SimpleNamespace`.
    pub(crate) fn sys_lazy_attr(&mut self, name: &ObjRef) -> PyResult<Option<ObjRef>> {
        if self.str_of(name) != "implementation" {
            return Ok(None);
        }
        let ns = self.call_module_function("types", "SimpleNamespace", Vec::new())?;
        let vi = self.intern("version_info")?;
        let sys = self.sys.clone();
        let version = self.getattr(&sys, &vi)?;
        let n = self.new_str("ouro")?;
        self.set_attr_str(&ns, "name", n)?;
        let none = self.none.clone();
        self.set_attr_str(&ns, "cache_tag", none)?;
        self.set_attr_str(&ns, "version", version)?;
        let hex = self.new_int(0x030b_00f0)?;
        self.set_attr_str(&ns, "hexversion", hex)?;
        if let Some(d) = Vm::module_dict(&sys) {
            self.dict_set_str(&d, name, ns.clone())?;
        }
        Ok(Some(ns))
    }
}

/// `sys._getframe(depth=0)`: the frame object `depth` calls below the
/// caller. ouro's frame objects have no `f_back` chain, but `f_globals`
/// serves what the standard modules need (namedtuple's `__module__`).
fn sys_getframe(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "_getframe")?;
    args.check(vm, "_getframe", 0, 1)?;
    let depth = match args.pos.first() {
        Some(d) => vm.index_isize(d)?,
        None => 0,
    };
    let n = vm.frames.len() as isize;
    if depth < 0 || depth >= n {
        return Err(vm.value_error("call stack is not deep enough"));
    }
    vm.frame_object((n - 1 - depth) as usize)
}

fn sys_setrecursionlimit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "setrecursionlimit")?;
    if args.pos[0].kind() == Kind::Float {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    let n = vm.index_isize(&args.pos[0])?;
    if n < 1 {
        return Err(vm.value_error("recursion limit must be greater or equal than 1"));
    }
    let depth = vm.frames.len();
    if (n as usize) <= depth {
        return Err(vm.new_exc(
            T::RecursionError,
            format!("cannot set the recursion limit to {n} at the recursion depth {depth}: the limit is too low"),
        ));
    }
    vm.recursion_limit = n as usize;
    Ok(vm.none.clone())
}

fn sys_exit(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    args.check(vm, "exit", 0, 1)?;
    let ty = vm.ty(T::SystemExit).clone();
    let e = vm.call(&ty, std::mem::take(&mut args.pos))?;
    Err(PyErr(e))
}

/// `sys.excepthook(type, value, traceback)`: prints the exception and its
/// traceback to stderr, as an uncaught exception is printed.
fn sys_excepthook(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "excepthook")?;
    args.check(vm, "excepthook", 3, 3)?;
    let value = args.pos[1].clone();
    if value.kind() != Kind::Exception {
        let tn = vm.type_name_of(&value);
        vm.write_stderr(&format!(
            "TypeError: print_exception(): Exception expected for value, {tn} found\n"
        ));
        return Ok(vm.none.clone());
    }
    let text = vm.format_exception(&value);
    vm.write_stderr(&text);
    Ok(vm.none.clone())
}

fn sys_intern(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "intern")?;
    let s = &args.pos[0];
    if !vm.is_exact(s, T::Str) {
        let tn = vm.type_name_of(s);
        return Err(vm.type_error(format!("intern() argument must be str, not {tn}")));
    }
    vm.intern_obj(s)
}

fn sys_getsizeof(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "getsizeof", 1, 2)?;
    let o = &args.pos[0];
    if Vm::is_heap_class_of(o) {
        let so = vm.intern("__sizeof__")?;
        if let Some(f) = vm.type_lookup(&o.class(), &so) {
            if f.kind() == Kind::Function {
                let r = vm.call(&f, vec![o.clone()])?;
                let n = vm.index_isize(&r)?;
                if n < 0 {
                    return Err(vm.value_error("__sizeof__() should return >= 0"));
                }
                let gc = if o.has_flag(ouro_heap::flags::F_GC) {
                    16
                } else {
                    0
                };
                return vm.new_int(n as i64 + gc);
            }
        }
    }
    let n = vm.sizeof(o);
    vm.new_int(n as i64)
}

fn sys_exc_info(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "exc_info")?;
    match vm.topmost_handled() {
        Some(e) => {
            let ty = e.class();
            let tb = e
                .borrow::<ouro_heap::ExceptionObj>()
                .and_then(|x| x.traceback.clone())
                .unwrap_or_else(|| vm.none.clone());
            vm.new_tuple_of([ty, e, tb])
        }
        None => {
            let n = vm.none.clone();
            vm.new_tuple_of([n.clone(), n.clone(), n])
        }
    }
}

fn sys_exception(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "exception")?;
    Ok(vm.topmost_handled().unwrap_or_else(|| vm.none.clone()))
}

fn sys_debugmallocstats(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_debugmallocstats")?;
    let mut text = String::new();
    ouro_heap::heap::with_allocator(|a| {
        let _ = a.debug_malloc_stats(&mut text);
    });
    // The free lists, after obmalloc's part, as `_PyObject_DebugTypeStats`:
    // dicts, floats, lists, then tuples by length.
    text.push('\n');
    for (kind, n, count, size) in ouro_heap::heap::free_list_counts() {
        let name = match kind {
            Kind::Dict => "PyDictObject".to_string(),
            Kind::Float => "PyFloatObject".to_string(),
            Kind::List => "PyListObject".to_string(),
            _ => format!("{n}-sized PyTupleObject"),
        };
        let _ = ouro_alloc::write_free_list_stats(&mut text, &name, count, size);
    }
    vm.write_stderr(&text);
    Ok(vm.none.clone())
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let sys = vm.new_module("sys")?;
    let d = match Vm::module_dict(&sys) {
        Some(d) => d,
        None => return Err(vm.internal_error("sys module without dict")),
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("getrefcount", sys_getrefcount),
        ("getrecursionlimit", sys_getrecursionlimit),
        ("setrecursionlimit", sys_setrecursionlimit),
        ("exit", sys_exit),
        ("intern", sys_intern),
        ("getsizeof", sys_getsizeof),
        ("exc_info", sys_exc_info),
        ("exception", sys_exception),
        ("_debugmallocstats", sys_debugmallocstats),
        ("excepthook", sys_excepthook),
        ("_getframe", sys_getframe),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    let hook = vm.new_builtin_function("excepthook", sys_excepthook)?;
    let k = vm.intern("__excepthook__")?;
    vm.dict_set_str(&d, &k, hook)?;
    vm.add_method(T::TextIO, "write", stream_write)?;
    vm.add_method(T::TextIO, "flush", stream_flush)?;
    vm.add_method(T::TextIO, "readline", stream_readline)?;
    crate::iomodule::install_std_streams(vm)?;
    let argv: Vec<String> = vm.config.argv.clone();
    let mut items = Vec::with_capacity(argv.len());
    for a in &argv {
        items.push(vm.new_str(a)?);
    }
    let argv = vm.new_list(items)?;
    let set = |vm: &mut Vm, name: &str, v: ObjRef| -> PyResult<()> {
        let k = vm.intern(name)?;
        vm.dict_set_str(&d, &k, v)
    };
    set(vm, "argv", argv)?;
    let maxsize = vm.new_int(i64::MAX)?;
    set(vm, "maxsize", maxsize)?;
    let bo = vm.new_str("little")?;
    set(vm, "byteorder", bo)?;
    let pl = vm.new_str("linux")?;
    set(vm, "platform", pl)?;
    let version = vm.new_str(concat!("3.11.7 (ouro ", env!("CARGO_PKG_VERSION"), ")"))?;
    set(vm, "version", version)?;
    let vi = {
        let a = vm.new_int(3)?;
        let b = vm.new_int(11)?;
        let c = vm.new_int(7)?;
        let r = vm.new_str("final")?;
        let s = vm.new_int(0)?;
        vm.new_tuple_of([a, b, c, r, s])?
    };
    set(vm, "version_info", vi)?;
    let hv = vm.new_int(0x030b07f0)?;
    set(vm, "hexversion", hv)?;
    let modules = vm.modules.clone();
    set(vm, "modules", modules)?;
    let path = vm.new_list(Vec::new())?;
    set(vm, "path", path)?;
    let exe = vm.new_str(
        &std::env::current_exe()
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    )?;
    set(vm, "executable", exe)?;
    let dfl = vm.new_int(4300)?;
    set(vm, "int_max_str_digits", dfl)?;
    for (name, fd) in [("stdin", 0u8), ("stdout", 1), ("stderr", 2)] {
        let s = vm.new_native(T::TextIO, TextStream { fd })?;
        set(vm, name, s.clone())?;
        set(vm, &format!("__{name}__"), s)?;
    }
    let bnames = {
        let mut v = Vec::new();
        for n in ["builtins", "sys"] {
            v.push(vm.new_str(n)?);
        }
        vm.new_tuple(v)?
    };
    set(vm, "builtin_module_names", bnames)?;
    let m = vm.modules.clone();
    let k = vm.intern("sys")?;
    vm.dict_set_str(&m, &k, sys.clone())?;
    let k = vm.intern("builtins")?;
    let bm = vm.builtins_module.clone();
    vm.dict_set_str(&m, &k, bm)?;
    vm.sys = sys;
    Ok(())
}
