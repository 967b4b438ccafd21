//! The module `posix`: the system calls under `os`, after CPython's
//! `Modules/posixmodule.c`. Only the calls live here, each through
//! `std` (no FFI); the frozen `lib/os.py` and `lib/posixpath.py` build the
//! rest in Python (`stat_result`, `environ`, `walk`, `scandir`, `makedirs`,
//! `os.path`), as CPython splits `posix` from `os`.
//!
//! Failures become `OSError(errno, strerror, filename[, None, filename2])`,
//! which picks the subclass the errno names (`FileNotFoundError`, ...) and
//! prints as `[Errno 2] No such file or directory: 'x'`.

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, MetadataExt};
use std::path::PathBuf;

use ouro_heap::{Kind, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// C's `strerror(errno)`: std's message without its " (os error N)" tail.
fn strerror(errno: i32) -> String {
    let s = std::io::Error::from_raw_os_error(errno).to_string();
    match s.rfind(" (os error ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

/// The `OSError` (subclass) for a failed system call on `filename`.
pub(crate) fn os_error(
    vm: &mut Vm,
    e: &std::io::Error,
    filename: Option<ObjRef>,
    filename2: Option<ObjRef>,
) -> PyErr {
    let Some(errno) = e.raw_os_error() else {
        return vm.new_exc(T::OSError, e.to_string());
    };
    let mut args = Vec::new();
    match vm.new_int(errno as i64) {
        Ok(n) => args.push(n),
        Err(e) => return e,
    }
    match vm.new_str(&strerror(errno)) {
        Ok(s) => args.push(s),
        Err(e) => return e,
    }
    if let Some(f) = filename {
        args.push(f);
        if let Some(f2) = filename2 {
            args.push(vm.none.clone());
            args.push(f2);
        }
    }
    let ty = vm.ty(T::OSError).clone();
    match vm.call(&ty, args) {
        Ok(exc) => PyErr(exc),
        Err(e) => e,
    }
}

/// A path argument: str or bytes (`os.py` calls `fspath` first).
pub(crate) fn path_arg(vm: &mut Vm, o: &ObjRef) -> PyResult<PathBuf> {
    match o.kind() {
        Kind::Str => Ok(PathBuf::from(vm.str_of(o))),
        Kind::Bytes => {
            let b = vm.bytes_data(o).unwrap_or_default();
            Ok(PathBuf::from(OsStr::from_bytes(&b)))
        }
        _ => {
            let tn = vm.type_name_of(o);
            Err(vm.type_error(format!(
                "expected str, bytes or os.PathLike object, not {tn}"
            )))
        }
    }
}

/// A path the system gave back, as str (bytes if `as_bytes`), decoding
/// non-UTF-8 bytes lossily (CPython uses surrogateescape).
fn path_result(vm: &mut Vm, p: &OsStr, as_bytes: bool) -> PyResult<ObjRef> {
    if as_bytes {
        vm.new_bytes(p.as_bytes())
    } else {
        vm.new_str(&p.to_string_lossy())
    }
}

fn arg<'a>(vm: &mut Vm, args: &'a Args, i: usize, fname: &str) -> PyResult<&'a ObjRef> {
    match args.pos.get(i) {
        Some(a) => Ok(a),
        None => Err(vm.type_error(format!("{fname}() missing required argument"))),
    }
}

/// Runs a one-path system call, turning its failure into `OSError`.
fn path_call(
    vm: &mut Vm,
    args: &Args,
    fname: &str,
    f: impl FnOnce(&std::path::Path) -> std::io::Result<()>,
) -> PyResult<ObjRef> {
    let a = arg(vm, args, 0, fname)?.clone();
    let p = path_arg(vm, &a)?;
    match f(&p) {
        Ok(()) => Ok(vm.none.clone()),
        Err(e) => Err(os_error(vm, &e, Some(a), None)),
    }
}

fn getcwd(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "getcwd")?;
    match std::env::current_dir() {
        Ok(p) => path_result(vm, p.as_os_str(), false),
        Err(e) => Err(os_error(vm, &e, None, None)),
    }
}

fn chdir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "chdir", 1, 1)?;
    path_call(vm, &args, "chdir", |p| std::env::set_current_dir(p))
}

fn listdir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "listdir", 0, 1)?;
    let a = match args.pos.first() {
        Some(a) if !a.is(&vm.none) => a.clone(),
        _ => vm.new_str(".")?,
    };
    let as_bytes = a.kind() == Kind::Bytes;
    let p = path_arg(vm, &a)?;
    let rd = match std::fs::read_dir(&p) {
        Ok(rd) => rd,
        Err(e) => return Err(os_error(vm, &e, Some(a), None)),
    };
    let mut items = Vec::new();
    for ent in rd {
        match ent {
            Ok(ent) => items.push(path_result(vm, &ent.file_name(), as_bytes)?),
            Err(e) => return Err(os_error(vm, &e, Some(a), None)),
        }
    }
    vm.new_list(items)
}

fn mkdir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "mkdir", 1, 2)?;
    let mode = match args.pos.get(1) {
        Some(m) => vm.index_isize(m)? as u32,
        None => 0o777,
    };
    path_call(vm, &args, "mkdir", |p| {
        std::fs::DirBuilder::new().mode(mode).create(p)
    })
}

fn rmdir(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "rmdir", 1, 1)?;
    path_call(vm, &args, "rmdir", |p| std::fs::remove_dir(p))
}

fn unlink(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "unlink", 1, 1)?;
    path_call(vm, &args, "unlink", |p| std::fs::remove_file(p))
}

/// `rename(src, dst)` (and `replace`, the same call on POSIX).
fn rename(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "rename", 2, 2)?;
    let (a, b) = (args.pos[0].clone(), args.pos[1].clone());
    let pa = path_arg(vm, &a)?;
    let pb = path_arg(vm, &b)?;
    match std::fs::rename(&pa, &pb) {
        Ok(()) => Ok(vm.none.clone()),
        Err(e) => Err(os_error(vm, &e, Some(a), Some(b))),
    }
}

fn symlink(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "symlink", 2, 2)?;
    let (a, b) = (args.pos[0].clone(), args.pos[1].clone());
    let pa = path_arg(vm, &a)?;
    let pb = path_arg(vm, &b)?;
    match std::os::unix::fs::symlink(&pa, &pb) {
        Ok(()) => Ok(vm.none.clone()),
        Err(e) => Err(os_error(vm, &e, Some(a), Some(b))),
    }
}

fn readlink(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "readlink", 1, 1)?;
    let a = args.pos[0].clone();
    let p = path_arg(vm, &a)?;
    match std::fs::read_link(&p) {
        Ok(t) => path_result(vm, t.as_os_str(), a.kind() == Kind::Bytes),
        Err(e) => Err(os_error(vm, &e, Some(a), None)),
    }
}

/// `stat(path)`/`lstat(path)`: the fields `os.stat_result` is built from,
/// `(mode, ino, dev, nlink, uid, gid, size, atime, mtime, ctime, atime_ns,
/// mtime_ns, ctime_ns)`, the times as float seconds.
fn stat_impl(vm: &mut Vm, args: Args, follow: bool) -> PyResult<ObjRef> {
    args.check(vm, "stat", 1, 1)?;
    let a = args.pos[0].clone();
    let p = path_arg(vm, &a)?;
    let md = if follow {
        std::fs::metadata(&p)
    } else {
        std::fs::symlink_metadata(&p)
    };
    let md = match md {
        Ok(m) => m,
        Err(e) => return Err(os_error(vm, &e, Some(a), None)),
    };
    let ns = |s: i64, n: i64| s as i128 * 1_000_000_000 + n as i128;
    let times = [
        ns(md.atime(), md.atime_nsec()),
        ns(md.mtime(), md.mtime_nsec()),
        ns(md.ctime(), md.ctime_nsec()),
    ];
    let mut items = Vec::with_capacity(13);
    for v in [
        md.mode() as i64,
        md.ino() as i64,
        md.dev() as i64,
        md.nlink() as i64,
        md.uid() as i64,
        md.gid() as i64,
        md.size() as i64,
    ] {
        items.push(vm.new_int(v)?);
    }
    for t in times {
        items.push(vm.new_float(t as f64 / 1e9)?);
    }
    for t in times {
        items.push(vm.new_bigint(t.into())?);
    }
    vm.new_tuple(items)
}

fn stat(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    stat_impl(vm, args, true)
}

fn lstat(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    stat_impl(vm, args, false)
}

fn getpid(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "getpid")?;
    vm.new_int(std::process::id() as i64)
}

/// `uname()` as a plain 5-tuple (sysname, nodename, release, version,
/// machine), read from `/proc/sys/kernel` (Linux) and the build target.
fn uname(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "uname")?;
    let read = |f: &str, dflt: &str| -> String {
        std::fs::read_to_string(format!("/proc/sys/kernel/{f}"))
            .map(|s| s.trim().to_string())
            .unwrap_or_else(|_| dflt.to_string())
    };
    let fields = [
        read("ostype", "Linux"),
        read("hostname", ""),
        read("osrelease", ""),
        read("version", ""),
        std::env::consts::ARCH.to_string(),
    ];
    let mut items = Vec::with_capacity(5);
    for f in &fields {
        items.push(vm.new_str(f)?);
    }
    vm.new_tuple(items)
}

fn urandom(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "urandom", 1, 1)?;
    let n = vm.index_isize(&args.pos[0])?;
    if n < 0 {
        return Err(vm.value_error("negative argument not allowed"));
    }
    let mut buf = vec![0u8; n as usize];
    let r = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut buf));
    match r {
        Ok(()) => vm.new_bytes(&buf),
        Err(e) => Err(os_error(vm, &e, None, None)),
    }
}

/// The number of CPUs online (`sysconf(_SC_NPROCESSORS_ONLN)`, as CPython),
/// read from `/sys`; the scheduler's count where that is missing.
fn cpu_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "cpu_count")?;
    let online = std::fs::read_to_string("/sys/devices/system/cpu/online")
        .ok()
        .and_then(|s| {
            let mut n = 0i64;
            for part in s.trim().split(',') {
                match part.split_once('-') {
                    Some((a, b)) => n += b.parse::<i64>().ok()? - a.parse::<i64>().ok()? + 1,
                    None => n += 1,
                }
            }
            Some(n)
        });
    let n = online.or_else(|| {
        std::thread::available_parallelism()
            .ok()
            .map(|n| n.get() as i64)
    });
    match n {
        Some(n) => vm.new_int(n),
        None => Ok(vm.none.clone()),
    }
}

fn strerror_fn(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "strerror", 1, 1)?;
    let n = vm.index_isize(&args.pos[0])?;
    vm.new_str(&strerror(n as i32))
}

/// `_environ()`: the process environment as a dict of str.
fn environ(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_environ")?;
    let d = vm.new_dict()?;
    for (k, v) in std::env::vars_os() {
        let k = vm.new_str(&k.to_string_lossy())?;
        let v = vm.new_str(&v.to_string_lossy())?;
        vm.dict_setitem(&d, k, v)?;
    }
    Ok(d)
}

fn env_name(vm: &mut Vm, o: &ObjRef) -> PyResult<String> {
    if o.kind() != Kind::Str {
        let tn = vm.type_name_of(o);
        return Err(vm.type_error(format!("str expected, not {tn}")));
    }
    let s = vm.str_of(o).to_string();
    if s.contains('\0') {
        return Err(vm.value_error("embedded null byte"));
    }
    Ok(s)
}

fn putenv(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "putenv", 2, 2)?;
    let k = env_name(vm, &args.pos[0])?;
    let v = env_name(vm, &args.pos[1])?;
    if k.is_empty() || k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::set_var(k, v);
    Ok(vm.none.clone())
}

fn unsetenv(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "unsetenv", 1, 1)?;
    let k = env_name(vm, &args.pos[0])?;
    if k.is_empty() || k.contains('=') {
        return Err(vm.value_error("illegal environment variable name"));
    }
    std::env::remove_var(k);
    Ok(vm.none.clone())
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("posix")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("getcwd", getcwd),
        ("chdir", chdir),
        ("listdir", listdir),
        ("mkdir", mkdir),
        ("rmdir", rmdir),
        ("unlink", unlink),
        ("remove", unlink),
        ("rename", rename),
        ("replace", rename),
        ("symlink", symlink),
        ("readlink", readlink),
        ("stat", stat),
        ("lstat", lstat),
        ("getpid", getpid),
        ("uname", uname),
        ("urandom", urandom),
        ("cpu_count", cpu_count),
        ("strerror", strerror_fn),
        ("_environ", environ),
        ("putenv", putenv),
        ("unsetenv", unsetenv),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}
