//! Builtin modules implemented in Rust (other than `builtins` and `sys`,
//! which exist from startup), and modules written in Python that are
//! compiled into the binary ("frozen", as CPython calls them).

use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::vm::Vm;

/// The builtin module `name`, made on first import; None if there is none.
pub(crate) fn builtin_module(vm: &mut Vm, name: &str) -> PyResult<Option<ObjRef>> {
    Ok(match name {
        "gc" => Some(crate::gcmodule::make_module(vm)?),
        "_weakref" => Some(crate::objects::weakref::make_module(vm)?),
        "atexit" => Some(make_atexit(vm)?),
        "ouro" => Some(make_ouro(vm)?),
        "_tracemalloc" => Some(crate::tracemalloc::make_module(vm)?),
        "time" => Some(make_time(vm)?),
        "math" => Some(crate::mathmodule::make_module(vm)?),
        "cmath" => Some(crate::cmathmodule::make_module(vm)?),
        "_random" => Some(crate::randommodule::make_module(vm)?),
        "posix" => Some(crate::osmodule::make_module(vm)?),
        "_io" => Some(crate::iomodule::make_module(vm)?),
        "_sre" => Some(crate::sremodule::make_module(vm)?),
        "_struct" => Some(crate::structmodule::make_module(vm)?),
        "_itertools" => Some(crate::itertoolsmodule::make_module(vm)?),
        "_codecs" => Some(crate::objects::codecs::make_module(vm)?),
        "_traceback" => Some(crate::objects::exception::make_traceback_module(vm)?),
        _ => None,
    })
}

/// The source of a frozen module, and the file name its code reports.
pub(crate) fn frozen_source(name: &str) -> Option<(&'static str, &'static str)> {
    match name {
        "weakref" => Some((include_str!("../lib/weakref.py"), "<frozen weakref>")),
        "traceback" => Some((include_str!("../lib/traceback.py"), "<frozen traceback>")),
        "linecache" => Some((include_str!("../lib/linecache.py"), "<frozen linecache>")),
        "tracemalloc" => Some((
            include_str!("../lib/tracemalloc.py"),
            "<frozen tracemalloc>",
        )),
        "asyncio" => Some((include_str!("../lib/asyncio.py"), "<frozen asyncio>")),
        "functools" => Some((include_str!("../lib/functools.py"), "<frozen functools>")),
        "itertools" => Some((include_str!("../lib/itertools.py"), "<frozen itertools>")),
        "operator" => Some((include_str!("../lib/operator.py"), "<frozen operator>")),
        "heapq" => Some((include_str!("../lib/heapq.py"), "<frozen heapq>")),
        "bisect" => Some((include_str!("../lib/bisect.py"), "<frozen bisect>")),
        "copy" => Some((include_str!("../lib/copy.py"), "<frozen copy>")),
        "contextlib" => Some((include_str!("../lib/contextlib.py"), "<frozen contextlib>")),
        "string" => Some((include_str!("../lib/string.py"), "<frozen string>")),
        "abc" => Some((include_str!("../lib/abc.py"), "<frozen abc>")),
        "collections" => Some((
            include_str!("../lib/collections.py"),
            "<frozen collections>",
        )),
        "collections.abc" => Some((
            include_str!("../lib/collections_abc.py"),
            "<frozen collections.abc>",
        )),
        "enum" => Some((include_str!("../lib/enum.py"), "<frozen enum>")),
        "json" => Some((include_str!("../lib/json.py"), "<frozen json>")),
        "json.decoder" => Some((
            include_str!("../lib/json_decoder.py"),
            "<frozen json.decoder>",
        )),
        "random" => Some((include_str!("../lib/random.py"), "<frozen random>")),
        "re" => Some((include_str!("../lib/re.py"), "<frozen re>")),
        "types" => Some((include_str!("../lib/types.py"), "<frozen types>")),
        "platform" => Some((include_str!("../lib/platform.py"), "<frozen platform>")),
        "warnings" => Some((include_str!("../lib/warnings.py"), "<frozen warnings>")),
        "typing" => Some((include_str!("../lib/typing.py"), "<frozen typing>")),
        "dataclasses" => Some((
            include_str!("../lib/dataclasses.py"),
            "<frozen dataclasses>",
        )),
        "io" => Some((include_str!("../lib/io.py"), "<frozen io>")),
        "os" => Some((include_str!("../lib/os.py"), "<frozen os>")),
        "posixpath" => Some((include_str!("../lib/posixpath.py"), "<frozen posixpath>")),
        "stat" => Some((include_str!("../lib/stat.py"), "<frozen stat>")),
        "tempfile" => Some((include_str!("../lib/tempfile.py"), "<frozen tempfile>")),
        "shutil" => Some((include_str!("../lib/shutil.py"), "<frozen shutil>")),
        "struct" => Some((include_str!("../lib/struct.py"), "<frozen struct>")),
        "codecs" => Some((include_str!("../lib/codecs.py"), "<frozen codecs>")),
        "array" => Some((include_str!("../lib/array.py"), "<frozen array>")),
        "argparse" => Some((include_str!("../lib/argparse.py"), "<frozen argparse>")),
        _ => None,
    }
}

// ------------------------------------------------------------- atexit

fn atexit_register(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let Some(func) = args.pos.first().cloned() else {
        return Err(vm.type_error("register() takes at least 1 argument (0 given)"));
    };
    if !vm.is_callable(&func) {
        return Err(vm.type_error("the first argument must be callable"));
    }
    let rest = vm.new_tuple(args.pos[1..].to_vec())?;
    let kwargs = if args.kw.is_empty() {
        vm.none.clone()
    } else {
        let d = vm.new_dict()?;
        for (k, v) in std::mem::take(&mut args.kw) {
            vm.dict_setitem(&d, k, v)?;
        }
        d
    };
    let entry = vm.new_tuple_of([func.clone(), rest, kwargs])?;
    vm.atexit.push(entry);
    Ok(func)
}

fn atexit_unregister(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "atexit.unregister")?;
    args.exactly_one(vm, "atexit.unregister")?;
    let func = args.pos[0].clone();
    let entries = std::mem::take(&mut vm.atexit);
    let mut keep = Vec::with_capacity(entries.len());
    for e in entries {
        let f = vm.seq_items(&e).into_iter().next();
        let same = match &f {
            Some(f) => vm.eq(f, &func)?,
            None => false,
        };
        if !same {
            keep.push(e);
        }
    }
    // Callbacks registered while comparing stay registered.
    keep.append(&mut vm.atexit);
    vm.atexit = keep;
    Ok(vm.none.clone())
}

fn atexit_run_exitfuncs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "atexit._run_exitfuncs")?;
    vm.run_atexit();
    Ok(vm.none.clone())
}

fn atexit_clear(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "atexit._clear")?;
    vm.atexit.clear();
    Ok(vm.none.clone())
}

fn atexit_ncallbacks(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "atexit._ncallbacks")?;
    let n = vm.atexit.len();
    vm.new_int(n as i64)
}

fn make_atexit(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("atexit")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("register", atexit_register),
        ("unregister", atexit_unregister),
        ("_run_exitfuncs", atexit_run_exitfuncs),
        ("_clear", atexit_clear),
        ("_ncallbacks", atexit_ncallbacks),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}

// ------------------------------------------------------------- ouro

/// `ouro.snapshot(label=None)`: writes a heap graph to the `--heap-dot` and
/// `--heap-json` files (does nothing without them).
fn ouro_snapshot(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw = args.take_kw(vm, "label");
    args.no_more_kw(vm, "snapshot")?;
    args.check(vm, "snapshot", 0, 1)?;
    let label = match args.pos.first().or(kw.as_ref()) {
        None => None,
        Some(l) if l.is(&vm.none) => None,
        Some(l) if l.kind() == Kind::Str => Some(vm.str_of(l).to_string()),
        Some(l) => {
            let tn = vm.type_name_of(l);
            return Err(vm.type_error(format!("snapshot() argument must be str or None, not {tn}")));
        }
    };
    drop(args);
    drop(kw);
    vm.write_heap_snapshot(label.as_deref());
    Ok(vm.none.clone())
}

/// `ouro.show()`: prints the frames, their names, and the objects they
/// reach, with ids, reference counts, sizes and generations.
fn ouro_show(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "ouro.show")?;
    drop(args);
    let text = vm.snapshot(None).to_text();
    vm.write_stdout(&text);
    Ok(vm.none.clone())
}

fn make_ouro(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("ouro")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    vm.add_function(&d, "snapshot", ouro_snapshot)?;
    vm.add_function(&d, "show", ouro_show)?;
    Ok(m)
}

impl Vm {
    /// Runs the `atexit` callbacks, last registered first, reporting what
    /// they raise (CPython's `atexit_callfuncs`).
    pub(crate) fn run_atexit(&mut self) {
        while let Some(entry) = self.atexit.pop() {
            let items = self.seq_items(&entry);
            let [func, args, kwargs] = match <[ObjRef; 3]>::try_from(items) {
                Ok(a) => a,
                Err(_) => continue,
            };
            let mut call_args = self.seq_items(&args);
            let mut kwnames = None;
            if kwargs.kind() == Kind::Dict {
                let items = self.dict_items_vec(&kwargs).unwrap_or_default();
                let mut names = Vec::new();
                for (k, v) in items {
                    names.push(k);
                    call_args.push(v);
                }
                kwnames = self.new_tuple(names).ok();
            }
            if let Err(e) = self.call_kw(&func, call_args, kwnames) {
                let what = self
                    .repr_string(&func)
                    .unwrap_or_else(|_| "<object repr() failed>".into());
                let text = format!(
                    "Exception ignored in atexit callback: {what}\n{}",
                    self.format_exception_unchained(&e.0)
                );
                self.write_stderr(&text);
            }
        }
    }
}

// ------------------------------------------------------------- time

/// The process start, for `perf_counter` and `monotonic`.
fn time_origin() -> std::time::Instant {
    use std::sync::OnceLock;
    static ORIGIN: OnceLock<std::time::Instant> = OnceLock::new();
    *ORIGIN.get_or_init(std::time::Instant::now)
}

fn since_epoch() -> std::time::Duration {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
}

fn time_time(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "time", 0, 0)?;
    vm.new_float(since_epoch().as_secs_f64())
}

fn time_time_ns(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "time_ns", 0, 0)?;
    vm.new_bigint(since_epoch().as_nanos().into())
}

/// `monotonic` and `perf_counter`: seconds on a clock that never goes back.
fn time_monotonic(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "monotonic", 0, 0)?;
    vm.new_float(time_origin().elapsed().as_secs_f64())
}

fn time_monotonic_ns(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "monotonic_ns", 0, 0)?;
    vm.new_bigint(time_origin().elapsed().as_nanos().into())
}

/// `process_time`: CPU time of the process (user and system).
fn time_process_time(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "process_time", 0, 0)?;
    // /proc/self/stat fields 14 and 15: user and system time in clock ticks
    // (100 a second on Linux); the wall clock since start where there is
    // no /proc.
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|s| {
            let rest = &s[s.rfind(')')? + 2..];
            let f: Vec<&str> = rest.split(' ').collect();
            let u: f64 = f.get(11)?.parse().ok()?;
            let k: f64 = f.get(12)?.parse().ok()?;
            Some((u + k) / 100.0)
        });
    vm.new_float(ticks.unwrap_or_else(|| time_origin().elapsed().as_secs_f64()))
}

fn time_sleep(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "sleep")?;
    args.exactly_one(vm, "sleep")?;
    let Some(secs) = vm.float_value(&args.pos[0]) else {
        let tn = vm.type_name_of(&args.pos[0]);
        return Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")));
    };
    if secs.is_nan() {
        return Err(vm.value_error("Invalid value NaN (not a number)"));
    }
    if secs < 0.0 {
        return Err(vm.value_error("sleep length must be non-negative"));
    }
    if !secs.is_finite() || secs > 1e12 {
        return Err(vm.new_exc(
            crate::types::T::OverflowError,
            "timestamp too large to convert to C _PyTime_t",
        ));
    }
    std::thread::sleep(std::time::Duration::from_secs_f64(secs));
    Ok(vm.none.clone())
}

fn make_time(vm: &mut Vm) -> PyResult<ObjRef> {
    time_origin();
    let m = vm.new_module("time")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("time", time_time),
        ("time_ns", time_time_ns),
        ("monotonic", time_monotonic),
        ("monotonic_ns", time_monotonic_ns),
        ("perf_counter", time_monotonic),
        ("perf_counter_ns", time_monotonic_ns),
        ("process_time", time_process_time),
        ("sleep", time_sleep),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}
