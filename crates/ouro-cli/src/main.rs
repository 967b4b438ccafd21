//! The `ouro` command: run a script, `-c` code, stdin, or an interactive
//! session, like `python3`.
//!
//! The interpreter runs on a thread with a large stack: Python calls never
//! recurse in Rust, but native re-entry (a `__repr__` called from `repr`,
//! a class body run by `__build_class__`) does, and is bounded by the VM.
//! A Rust panic is a bug in ouro: it is reported as an internal error with
//! exit status 1, after the program's output so far has been flushed.

mod repl;

use std::io::{IsTerminal, Read};
use std::path::Path;

use ouro_vm::{Config, Vm};

const USAGE: &str = "usage: ouro [option] ... [-c cmd | file | -] [arg] ...
Options:
  -c cmd          program passed in as string (terminates option list)
  --dis           print the bytecode of the program instead of running it
  --max-heap SIZE cap the private heap (e.g. 64M, 1G); going over raises MemoryError
  --trace FILE    write the memory event trace (JSON Lines, docs/TRACE.md)
  --trace-refcounts  with --trace, also each object's reference-count changes
  --heap-dot FILE   write the object graph (Graphviz) at exit and at each
                  ouro.snapshot(label)
  --heap-json FILE  the same as JSON
  --viz FILE      write a self-contained HTML page that steps through the run
  --viz-steps N   record at most N steps for --viz (default 10000)
  --viz-objects N record at most N objects per step, the nearest to the
                  frames (default 1000)
  --leak-check    at exit, free everything and report objects still alive
                  (stderr, exit status 1 if any)
  -X gcstress     run a young collection after every container allocation
  -X internal-panic  panic once the program has run, before its output is
                  written (tests how an internal error ends the process)
  -h, --help      print this help message and exit
  -V, --version   print the version number and exit
file              program read from script file
-                 program read from stdin (default; interactive mode if a tty)
arg ...           arguments passed to program in sys.argv[1:]
";

enum Source {
    Command(String),
    File(String),
    Stdin,
}

struct Options {
    source: Source,
    args: Vec<String>,
    dis: bool,
    max_heap: Option<usize>,
    leak_check: bool,
    gc_stress: bool,
    internal_panic: bool,
    trace: Option<String>,
    trace_refcounts: bool,
    heap_dot: Option<String>,
    heap_json: Option<String>,
    viz: Option<String>,
    viz_steps: usize,
    viz_objects: usize,
}

fn parse_size(s: &str) -> Option<usize> {
    let s = s.trim();
    let (num, mult) = match s.chars().last()? {
        'k' | 'K' => (&s[..s.len() - 1], 1usize << 10),
        'm' | 'M' => (&s[..s.len() - 1], 1 << 20),
        'g' | 'G' => (&s[..s.len() - 1], 1 << 30),
        _ => (s, 1),
    };
    num.trim().parse::<usize>().ok()?.checked_mul(mult)
}

fn parse_args() -> Result<Options, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_env();
    let mut dis = false;
    let mut max_heap = None;
    let mut leak_check = false;
    let mut gc_stress = false;
    let mut internal_panic = false;
    let mut trace = None;
    let mut trace_refcounts = false;
    let mut heap_dot = None;
    let mut heap_json = None;
    let mut viz = None;
    let mut viz_steps = ouro_vm::viz::DEFAULT_STEP_CAP;
    let mut viz_objects = ouro_vm::viz::DEFAULT_OBJECT_CAP;
    let mut source = Source::Stdin;
    let mut args = Vec::new();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('c') => {
                let code = parser
                    .value()
                    .map_err(|_| "Argument expected for the -c option".to_string())?;
                source = Source::Command(
                    code.string()
                        .map_err(|_| "invalid -c argument".to_string())?,
                );
                args.push("-c".to_string());
                break;
            }
            Long("dis") => dis = true,
            Long("leak-check") => leak_check = true,
            Long("trace") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                trace = Some(
                    v.string()
                        .map_err(|_| "invalid --trace file name".to_string())?,
                );
            }
            Long("trace-refcounts") => trace_refcounts = true,
            Long("viz") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                viz = Some(
                    v.string()
                        .map_err(|_| "invalid --viz file name".to_string())?,
                );
            }
            Long("viz-steps") | Long("viz-objects") => {
                let name = if matches!(arg, Long("viz-steps")) {
                    "--viz-steps"
                } else {
                    "--viz-objects"
                };
                let v = parser.value().map_err(|e| e.to_string())?;
                let v = v.string().map_err(|_| format!("invalid {name} value"))?;
                let n = v
                    .trim()
                    .parse()
                    .map_err(|_| format!("invalid {name} value: {v}"))?;
                if name == "--viz-steps" {
                    viz_steps = n;
                } else {
                    viz_objects = n;
                }
            }
            Long("heap-dot") | Long("heap-json") => {
                let json = matches!(arg, Long("heap-json"));
                let v = parser.value().map_err(|e| e.to_string())?;
                let v = v
                    .string()
                    .map_err(|_| "invalid heap graph file name".to_string())?;
                if json {
                    heap_json = Some(v);
                } else {
                    heap_dot = Some(v);
                }
            }
            Short('X') => {
                let v = parser
                    .value()
                    .map_err(|_| "Argument expected for the -X option".to_string())?;
                // Unknown -X options are accepted and ignored, as in CPython.
                match v.to_str() {
                    Some("gcstress") => gc_stress = true,
                    Some("internal-panic") => internal_panic = true,
                    _ => {}
                }
            }
            Long("max-heap") => {
                let v = parser.value().map_err(|e| e.to_string())?;
                let v = v
                    .string()
                    .map_err(|_| "invalid --max-heap value".to_string())?;
                max_heap =
                    Some(parse_size(&v).ok_or_else(|| format!("invalid --max-heap size: {v}"))?);
            }
            Short('h') | Long("help") => {
                print!("{USAGE}");
                std::process::exit(0);
            }
            Short('V') | Long("version") => {
                println!(
                    "ouro {} (Python 3.11 compatible)",
                    env!("CARGO_PKG_VERSION")
                );
                std::process::exit(0);
            }
            Value(v) => {
                let v = v.string().map_err(|_| "invalid file name".to_string())?;
                if v == "-" {
                    source = Source::Stdin;
                    args.push("-".to_string());
                } else {
                    args.push(v.clone());
                    source = Source::File(v);
                }
                break;
            }
            other => return Err(format!("unknown option {}\n{USAGE}", other.unexpected())),
        }
    }
    for rest in parser.raw_args().map_err(|e| e.to_string())? {
        args.push(rest.to_string_lossy().into_owned());
    }
    if args.is_empty() {
        args.push(String::new());
    }
    Ok(Options {
        source,
        args,
        dis,
        max_heap,
        leak_check,
        gc_stress,
        internal_panic,
        trace,
        trace_refcounts,
        heap_dot,
        heap_json,
        viz,
        viz_steps,
        viz_objects,
    })
}

/// The path a script is known by in tracebacks: absolute, as CPython 3.11
/// makes `__main__.__file__` (the working directory joined, not normalised).
fn script_path(arg: &str) -> String {
    let p = Path::new(arg);
    if p.is_absolute() {
        return arg.to_string();
    }
    match std::env::current_dir() {
        Ok(cwd) => cwd.join(p).display().to_string(),
        Err(_) => arg.to_string(),
    }
}

fn run(opts: Options) -> i32 {
    let config = Config {
        argv: opts.args.clone(),
        max_heap: opts.max_heap,
        capture_output: false,
        gc_stress: opts.gc_stress,
    };
    let (source, filename, file, path0) = match &opts.source {
        Source::Command(c) => (c.clone(), "<string>".to_string(), None, String::new()),
        Source::File(f) => {
            let full = script_path(f);
            let text = match std::fs::read(f) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(t) => t,
                    Err(_) => {
                        eprintln!("ouro: can't decode file '{full}': it is not UTF-8");
                        return 1;
                    }
                },
                Err(e) => {
                    let errno = e.raw_os_error().unwrap_or(0);
                    let msg = if e.kind() == std::io::ErrorKind::NotFound {
                        "No such file or directory".to_string()
                    } else if e.kind() == std::io::ErrorKind::PermissionDenied {
                        "Permission denied".to_string()
                    } else if Path::new(f).is_dir() {
                        "Is a directory".to_string()
                    } else {
                        e.to_string()
                    };
                    eprintln!("ouro: can't open file '{full}': [Errno {errno}] {msg}");
                    return 2;
                }
            };
            let dir = Path::new(&full)
                .parent()
                .map(|d| {
                    d.canonicalize()
                        .unwrap_or_else(|_| d.to_path_buf())
                        .display()
                        .to_string()
                })
                .unwrap_or_default();
            (text, full.clone(), Some(full), dir)
        }
        Source::Stdin => {
            if std::io::stdin().is_terminal() && !opts.dis {
                let mut vm = match Vm::new(config) {
                    Ok(vm) => vm,
                    Err(e) => {
                        eprintln!("ouro: {e}");
                        return 1;
                    }
                };
                let _ = vm.set_path0("");
                if let Err(code) = start_trace(&mut vm, &opts) {
                    return code;
                }
                let status = repl::run(&mut vm);
                let fin = vm.finalize();
                let status = if status != 0 { status } else { fin };
                return finish_trace(&mut vm, &opts, status);
            }
            let mut text = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("ouro: cannot read stdin: {e}");
                return 1;
            }
            (text, "<stdin>".to_string(), None, String::new())
        }
    };
    if opts.dis {
        return match Vm::disassemble(&source, &filename) {
            Ok(text) => {
                print!("{text}");
                0
            }
            Err(e) => {
                eprintln!("{e}");
                1
            }
        };
    }
    let mut vm = match Vm::new(config) {
        Ok(vm) => vm,
        Err(e) => {
            eprintln!("ouro: {e}");
            return 1;
        }
    };
    let _ = vm.set_path0(&path0);
    if let Err(code) = start_trace(&mut vm, &opts) {
        return code;
    }
    if let Some(path) = &opts.viz {
        vm.start_viz(path, &filename, &source, opts.viz_steps, opts.viz_objects);
    }
    let status = vm.run_main(&source, &filename, file.as_deref());
    if opts.internal_panic {
        panic!("-X internal-panic asked for a panic");
    }
    vm.write_heap_snapshot(Some("exit"));
    let mut status = status;
    if let Some(path) = &opts.viz {
        if let Err(e) = vm.finish_viz() {
            eprintln!("ouro: cannot write the page to '{path}': {e}");
            if status == 0 {
                status = 1;
            }
        }
    }
    let fin = vm.finalize();
    let status = if status != 0 { status } else { fin };
    let status = finish_trace(&mut vm, &opts, status);
    if opts.leak_check {
        let leaks = vm.teardown();
        if !leaks.is_empty() {
            let total: usize = leaks.iter().map(|(_, n)| n).sum();
            let mut text = format!("ouro: leak check: {total} objects still alive at exit\n");
            for (kind, n) in &leaks {
                text.push_str(&format!("  {kind}: {n}\n"));
            }
            eprint!("{text}");
            return if status != 0 { status } else { 1 };
        }
        return status;
    }
    drop(vm);
    status
}

/// Starts `--trace` and the heap graph files if asked; an unwritable file
/// is an error (status 1).
fn start_trace(vm: &mut Vm, opts: &Options) -> Result<(), i32> {
    if opts.heap_dot.is_some() || opts.heap_json.is_some() {
        match ouro_vm::snapshot::HeapOutputs::create(
            opts.heap_dot.as_deref(),
            opts.heap_json.as_deref(),
        ) {
            Ok(out) => vm.set_heap_outputs(out),
            Err(e) => {
                eprintln!("ouro: {e}");
                return Err(1);
            }
        }
    }
    if opts.trace_refcounts && opts.trace.is_none() {
        eprintln!("ouro: --trace-refcounts needs --trace FILE");
        return Err(2);
    }
    if let Some(path) = &opts.trace {
        if let Err(e) = vm.start_trace(path, opts.trace_refcounts) {
            eprintln!("ouro: cannot write the trace to '{path}': {e}");
            return Err(1);
        }
    }
    Ok(())
}

/// Ends `--trace` and the heap graph files; a write error is reported and
/// makes the status 1.
fn finish_trace(vm: &mut Vm, opts: &Options, status: i32) -> i32 {
    let mut status = status;
    if let Err(e) = vm.finish_heap_outputs() {
        eprintln!("ouro: {e}");
        if status == 0 {
            status = 1;
        }
    }
    if let Some(path) = &opts.trace {
        if let Err(e) = vm.finish_trace() {
            eprintln!("ouro: writing the trace to '{path}' failed: {e}");
            return if status != 0 { status } else { 1 };
        }
    }
    status
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("ouro: {e}");
            std::process::exit(2);
        }
    };
    // Release builds abort on a panic (nothing unwinds: see Cargo.toml), so
    // the hook finishes the process itself, as any fatal error does: what
    // the program printed first, then the error, then status 1.
    std::panic::set_hook(Box::new(|info| {
        ouro_vm::flush_stdout_after_panic();
        eprintln!("ouro: internal error: {info}");
        eprintln!("This is a bug in ouro; please report it with the program that triggered it.");
        std::process::exit(1);
    }));
    // A large, lazily committed stack for native re-entry.
    let handle = std::thread::Builder::new()
        .name("ouro-main".into())
        .stack_size(1 << 30)
        .spawn(move || run(opts));
    let code = match handle {
        Ok(h) => h.join().unwrap_or(1),
        Err(e) => {
            eprintln!("ouro: cannot start the interpreter thread: {e}");
            1
        }
    };
    std::process::exit(code);
}
