//! The native half of `io`: the module `_io`, whose only object is the
//! operating-system file behind a `FileIO` ([`FileHandle`]). Everything
//! above it — `FileIO`'s checks and repr, the buffered classes, text
//! decoding and newline translation, `StringIO`, `BytesIO` — is the frozen
//! `lib/io.py`, as CPython's `_pyio.py` builds the same classes on `os`
//! calls.
//!
//! A handle owns a `std::fs::File` and no Python references, so it is no
//! collector container and freeing it (by count or by the collector,
//! through the `FileIO` that holds it) closes the descriptor at once.
//! `io.py` writes through to the handle on every `write`, so nothing is
//! left to flush when a file object dies unclosed.
//!
//! Also here: the repr and the small queries of the process's standard
//! streams (`sys.stdout` is a native `_io.TextIOWrapper`, see `sys.rs`).

use std::fs::{File, OpenOptions};
use std::io::{IsTerminal, Read, Seek, SeekFrom, Write};
use std::os::fd::AsRawFd;
use std::os::unix::fs::OpenOptionsExt;

use ouro_heap::{NativePayload, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::osmodule::{os_error, path_arg};
use crate::sys::TextStream;
use crate::types::T;
use crate::vm::Vm;

/// An open file of the operating system (`None` once closed).
pub struct FileHandle {
    file: Option<File>,
}

impl NativePayload for FileHandle {
    fn take_children(&mut self, _out: &mut Vec<ObjRef>) {}
    fn traverse(&self, _visit: &mut dyn FnMut(&ObjRef)) {}
}

/// Runs `f` on the open file of the handle `args.pos[0]`; `ValueError` if it
/// is closed, `OSError` (with no filename, as CPython's `FileIO` methods)
/// if the operation fails.
fn with_file<R>(
    vm: &mut Vm,
    args: &Args,
    f: impl FnOnce(&mut File) -> std::io::Result<R>,
) -> PyResult<R> {
    let Some(h) = args.pos.first() else {
        return Err(vm.type_error("a file handle is required"));
    };
    let r = Vm::with_native_mut::<FileHandle, _>(h, |fh| fh.file.as_mut().map(f));
    match r {
        None => Err(vm.type_error("a file handle is required")),
        Some(None) => Err(vm.value_error("I/O operation on closed file")),
        Some(Some(Ok(v))) => Ok(v),
        Some(Some(Err(e))) => Err(os_error(vm, &e, None, None)),
    }
}

fn int_arg(vm: &mut Vm, args: &Args, i: usize) -> PyResult<i64> {
    match args.pos.get(i) {
        Some(o) => Ok(vm.index_isize(o)? as i64),
        None => Err(vm.type_error("missing argument")),
    }
}

fn flag(vm: &mut Vm, args: &Args, i: usize) -> PyResult<bool> {
    match args.pos.get(i) {
        Some(o) => {
            let o = o.clone();
            vm.truthy(&o)
        }
        None => Ok(false),
    }
}

/// `_io.open_handle(path, readable, writable, append, create, truncate,
/// exclusive)`: opens the file as CPython's `FileIO.__init__` does (mode
/// 0o666 before the umask), refusing directories with `EISDIR`.
fn open_handle(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "open_handle", 7, 7)?;
    let path = path_arg(vm, &args.pos[0])?;
    let readable = flag(vm, &args, 1)?;
    let writable = flag(vm, &args, 2)?;
    let append = flag(vm, &args, 3)?;
    let create = flag(vm, &args, 4)?;
    let truncate = flag(vm, &args, 5)?;
    let exclusive = flag(vm, &args, 6)?;
    let mut opts = OpenOptions::new();
    opts.read(readable).mode(0o666);
    if append {
        opts.append(true);
    } else {
        opts.write(writable);
    }
    if exclusive {
        opts.create_new(true);
    } else if create {
        opts.create(true);
    }
    if truncate {
        opts.truncate(true);
    }
    let file = match opts.open(&path) {
        Ok(f) => f,
        Err(e) => {
            let name = args.pos[0].clone();
            return Err(os_error(vm, &e, Some(name), None));
        }
    };
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        let name = args.pos[0].clone();
        let e = std::io::Error::from_raw_os_error(21);
        return Err(os_error(vm, &e, Some(name), None));
    }
    vm.new_native(T::FileHandle, FileHandle { file: Some(file) })
}

/// `_io.read(handle, n)`: up to `n` bytes, or everything left if `n < 0`.
fn read(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "read", 2, 2)?;
    let n = int_arg(vm, &args, 1)?;
    let data = with_file(vm, &args, |f| {
        let mut buf = Vec::new();
        if n < 0 {
            f.read_to_end(&mut buf)?;
        } else {
            f.take(n as u64).read_to_end(&mut buf)?;
        }
        Ok(buf)
    })?;
    vm.new_bytes(&data)
}

/// `_io.write(handle, data)`: writes all of `data`, returns its length.
fn write(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "write", 2, 2)?;
    let Some(data) = vm.bytes_data(&args.pos[1]) else {
        let tn = vm.type_name_of(&args.pos[1]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    with_file(vm, &args, |f| f.write_all(&data))?;
    vm.new_int(data.len() as i64)
}

/// `_io.seek(handle, offset, whence)`: the new absolute position.
fn seek(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "seek", 3, 3)?;
    let off = int_arg(vm, &args, 1)?;
    let whence = int_arg(vm, &args, 2)?;
    let to = match whence {
        0 if off < 0 => {
            let e = std::io::Error::from_raw_os_error(22);
            return Err(os_error(vm, &e, None, None));
        }
        0 => SeekFrom::Start(off as u64),
        1 => SeekFrom::Current(off),
        2 => SeekFrom::End(off),
        _ => {
            let e = std::io::Error::from_raw_os_error(22);
            return Err(os_error(vm, &e, None, None));
        }
    };
    let pos = with_file(vm, &args, |f| f.seek(to))?;
    vm.new_int(pos as i64)
}

/// `_io.truncate(handle, size)`: sets the file's length (the position does
/// not move, as `ftruncate`).
fn truncate(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "truncate", 2, 2)?;
    let size = int_arg(vm, &args, 1)?;
    if size < 0 {
        let e = std::io::Error::from_raw_os_error(22);
        return Err(os_error(vm, &e, None, None));
    }
    with_file(vm, &args, |f| f.set_len(size as u64))?;
    vm.new_int(size)
}

/// `_io.close(handle)`: closes the descriptor; closing twice is harmless.
fn close(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "close", 1, 1)?;
    let file = Vm::with_native_mut::<FileHandle, _>(&args.pos[0], |fh| fh.file.take());
    drop(file);
    Ok(vm.none.clone())
}

fn fileno(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "fileno", 1, 1)?;
    let fd = with_file(vm, &args, |f| Ok(f.as_raw_fd()))?;
    vm.new_int(fd as i64)
}

fn isatty(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "isatty", 1, 1)?;
    let t = with_file(vm, &args, |f| Ok(f.is_terminal()))?;
    Ok(vm.new_bool(t))
}

// ------------------------------------------------------ the std streams

fn std_fd(vm: &mut Vm, args: &Args) -> PyResult<u8> {
    match args
        .pos
        .first()
        .and_then(|s| Vm::with_native::<TextStream, _>(s, |t| t.fd))
    {
        Some(fd) => Ok(fd),
        None => Err(vm.type_error("descriptor requires a '_io.TextIOWrapper' object")),
    }
}

/// `repr(sys.stdout)` and its siblings; None for other objects.
pub(crate) fn std_stream_repr(o: &ObjRef) -> Option<String> {
    let fd = Vm::with_native::<TextStream, _>(o, |t| t.fd)?;
    let (name, mode) = match fd {
        0 => ("<stdin>", "r"),
        1 => ("<stdout>", "w"),
        _ => ("<stderr>", "w"),
    };
    Some(format!(
        "<_io.TextIOWrapper name='{name}' mode='{mode}' encoding='utf-8'>"
    ))
}

fn std_fileno(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let fd = std_fd(vm, &args)?;
    vm.new_int(fd as i64)
}

fn std_isatty(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let fd = std_fd(vm, &args)?;
    let t = match fd {
        0 => std::io::stdin().is_terminal(),
        1 => std::io::stdout().is_terminal(),
        _ => std::io::stderr().is_terminal(),
    };
    Ok(vm.new_bool(t))
}

fn std_readable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let fd = std_fd(vm, &args)?;
    Ok(vm.new_bool(fd == 0))
}

fn std_writable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let fd = std_fd(vm, &args)?;
    Ok(vm.new_bool(fd != 0))
}

/// Adds the std streams' extra methods (at startup, with `sys`).
pub(crate) fn install_std_streams(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, NativeFn)] = &[
        ("fileno", std_fileno),
        ("isatty", std_isatty),
        ("readable", std_readable),
        ("writable", std_writable),
    ];
    for (name, f) in methods {
        vm.add_method(T::TextIO, name, *f)?;
    }
    Ok(())
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_io")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("open_handle", open_handle),
        ("read", read),
        ("write", write),
        ("seek", seek),
        ("truncate", truncate),
        ("close", close),
        ("fileno", fileno),
        ("isatty", isatty),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}
