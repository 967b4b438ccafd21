//! `_tracemalloc`: traces of ouro's real allocations (object blocks and the
//! buffers objects own), each with the Python traceback that made it. The
//! `tracemalloc` module (`lib/tracemalloc.py`) builds CPython 3.11's API on
//! these functions.
//!
//! The heap records allocation and free events while tracing
//! (`ouro_heap::trace`, consumer `Tracemalloc`); at every instruction
//! boundary the VM attributes the events to the traceback of the instruction
//! that made them and notes the traceback of the next one.

use std::collections::HashMap;
use std::rc::Rc;

use ouro_heap::trace::{Consumer, HeapEvent};
use ouro_heap::ObjRef;

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

type Traceback = Rc<[(Rc<str>, u32)]>;

/// The tracing state (`tracemalloc.start()` to `stop()`).
pub struct TraceMalloc {
    nframe: usize,
    /// Live traced blocks: address -> (size, traceback index).
    traces: HashMap<usize, (usize, u32)>,
    tracebacks: Vec<Traceback>,
    tb_index: HashMap<Traceback, u32>,
    /// The traceback of the running instruction.
    current_tb: u32,
    current: usize,
    peak: usize,
}

impl TraceMalloc {
    fn new(nframe: usize) -> TraceMalloc {
        let empty: Traceback = Rc::from(Vec::new());
        let mut tb_index = HashMap::new();
        tb_index.insert(empty.clone(), 0);
        TraceMalloc {
            nframe,
            traces: HashMap::new(),
            tracebacks: vec![empty],
            tb_index,
            current_tb: 0,
            current: 0,
            peak: 0,
        }
    }

    fn intern(&mut self, tb: Vec<(Rc<str>, u32)>) -> u32 {
        let tb: Traceback = Rc::from(tb);
        if let Some(&i) = self.tb_index.get(&tb) {
            return i;
        }
        let i = self.tracebacks.len() as u32;
        self.tracebacks.push(tb.clone());
        self.tb_index.insert(tb, i);
        i
    }

    fn add(&mut self, addr: usize, size: usize) {
        if let Some((old, _)) = self.traces.insert(addr, (size, self.current_tb)) {
            self.current -= old;
        }
        self.current += size;
        self.peak = self.peak.max(self.current);
    }

    fn remove(&mut self, addr: usize) {
        if let Some((size, _)) = self.traces.remove(&addr) {
            self.current -= size;
        }
    }

    /// Bytes used by the tracing itself (`get_tracemalloc_memory`).
    fn own_memory(&self) -> usize {
        let frames: usize = self.tracebacks.iter().map(|t| 16 + t.len() * 24).sum();
        self.traces.capacity() * 32 + self.tb_index.capacity() * 24 + frames
    }
}

impl Vm {
    /// Records the heap's events as traces.
    pub(crate) fn tracemalloc_events(&mut self, events: &[HeapEvent]) {
        let Some(tm) = self.tracemalloc.as_mut() else {
            return;
        };
        for ev in events {
            match ev {
                HeapEvent::Alloc { id, size, .. } => tm.add(*id, *size),
                HeapEvent::Buffer { addr, size } => tm.add(*addr, *size),
                HeapEvent::Free { id, .. } => tm.remove(*id),
                HeapEvent::BufferFree { addr } => tm.remove(*addr),
                HeapEvent::Refcount { .. } => {}
            }
        }
    }

    /// Notes the traceback of the instruction about to run (`ip` in frame
    /// `fi`): the innermost `nframe` frames, most recent first.
    pub(crate) fn tracemalloc_location(&mut self, fi: usize, ip: usize) {
        let Some(n) = self.tracemalloc.as_ref().map(|t| t.nframe) else {
            return;
        };
        let mut tb = Vec::with_capacity(n.min(self.frames.len()));
        for (k, f) in self.frames[..=fi].iter().rev().enumerate() {
            if k >= n {
                break;
            }
            let at = if k == 0 { ip } else { f.lasti };
            let line = f.code().line_of(at).unwrap_or(f.code().firstlineno);
            tb.push((f.code().filename.clone(), line));
        }
        if let Some(tm) = self.tracemalloc.as_mut() {
            tm.current_tb = tm.intern(tb);
        }
    }

    fn tm_start(&mut self, nframe: usize) {
        self.tm_limit = nframe;
        match self.tracemalloc.as_mut() {
            Some(tm) => tm.nframe = nframe,
            None => {
                self.tracemalloc = Some(Box::new(TraceMalloc::new(nframe)));
                ouro_heap::trace::enable(Consumer::Tracemalloc, false);
            }
        }
        if let Some(fi) = self.frames.len().checked_sub(1) {
            let ip = self.frames[fi].lasti;
            self.tracemalloc_location(fi, ip);
        }
    }

    fn tm_stop(&mut self) {
        if self.tracemalloc.is_some() {
            // Events of the running instruction are not traced any more.
            let _ = ouro_heap::trace::take_events();
            ouro_heap::trace::disable(Consumer::Tracemalloc);
            self.tracemalloc = None;
        }
    }

    fn tb_tuple(&mut self, tb: &Traceback) -> PyResult<ObjRef> {
        let mut frames = Vec::with_capacity(tb.len());
        for (file, line) in tb.iter() {
            let f = self.new_str(file)?;
            let l = self.new_int(*line as i64)?;
            frames.push(self.new_tuple_of([f, l])?);
        }
        self.new_tuple(frames)
    }
}

fn tm_start(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw = args.take_kw(vm, "nframe");
    args.no_more_kw(vm, "start")?;
    args.check(vm, "start", 0, 1)?;
    let nframe = match args.pos.first().or(kw.as_ref()) {
        None => 1,
        Some(o) => {
            if !vm.is_instance_of(o, T::Int) {
                let tn = vm.type_name_of(o);
                return Err(
                    vm.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
                );
            }
            Vm::int_of(o).unwrap_or(i64::MAX)
        }
    };
    if !(1..=65535).contains(&nframe) {
        return Err(vm.value_error("the number of frames must be in range [1; 65535]"));
    }
    vm.tm_start(nframe as usize);
    Ok(vm.none.clone())
}

fn tm_stop(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.stop")?;
    vm.tm_stop();
    Ok(vm.none.clone())
}

fn tm_is_tracing(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.is_tracing")?;
    Ok(vm.new_bool(vm.tracemalloc.is_some()))
}

fn tm_clear_traces(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.clear_traces")?;
    vm.drain_heap_events();
    if let Some(tm) = vm.tracemalloc.as_mut() {
        let nframe = tm.nframe;
        let current_tb = tm.tracebacks[tm.current_tb as usize].clone();
        **tm = TraceMalloc::new(nframe);
        tm.current_tb = tm.intern(current_tb.to_vec());
    }
    Ok(vm.none.clone())
}

fn tm_get_traced_memory(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.get_traced_memory")?;
    vm.drain_heap_events();
    let (cur, peak) = vm
        .tracemalloc
        .as_ref()
        .map_or((0, 0), |t| (t.current, t.peak));
    let a = vm.new_int(cur as i64)?;
    let b = vm.new_int(peak as i64)?;
    vm.new_tuple_of([a, b])
}

fn tm_reset_peak(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.reset_peak")?;
    vm.drain_heap_events();
    if let Some(tm) = vm.tracemalloc.as_mut() {
        tm.peak = tm.current;
    }
    Ok(vm.none.clone())
}

fn tm_get_tracemalloc_memory(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.get_tracemalloc_memory")?;
    let n = vm.tracemalloc.as_ref().map_or(0, |t| t.own_memory());
    vm.new_int(n as i64)
}

fn tm_get_traceback_limit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc.get_traceback_limit")?;
    let n = vm.tracemalloc.as_ref().map_or(vm.tm_limit, |t| t.nframe);
    vm.new_int(n as i64)
}

/// `_get_traces()`: a list of `(domain, size, traceback, total_nframe)`,
/// traceback a tuple of `(filename, lineno)`, most recent first.
fn tm_get_traces(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "_tracemalloc._get_traces")?;
    vm.drain_heap_events();
    let Some(tm) = vm.tracemalloc.as_ref() else {
        return vm.new_list(Vec::new());
    };
    let mut traces: Vec<(usize, usize, Traceback)> = tm
        .traces
        .iter()
        .map(|(&a, &(size, tb))| (a, size, tm.tracebacks[tb as usize].clone()))
        .collect();
    traces.sort_by_key(|t| t.0);
    let mut cache: HashMap<*const (Rc<str>, u32), ObjRef> = HashMap::new();
    let mut out = Vec::with_capacity(traces.len());
    let zero = vm.new_int(0)?;
    for (_, size, tb) in traces {
        let key = tb.as_ptr();
        let tbo = match cache.get(&key) {
            Some(t) => t.clone(),
            None => {
                let t = vm.tb_tuple(&tb)?;
                cache.insert(key, t.clone());
                t
            }
        };
        let s = vm.new_int(size as i64)?;
        let n = vm.new_int(tb.len() as i64)?;
        out.push(vm.new_tuple_of([zero.clone(), s, tbo, n])?);
    }
    let list = vm.new_list(out);
    // As CPython, which does not trace while building the list: the
    // objects made here are not the program's allocations.
    let _ = ouro_heap::trace::take_events();
    list
}

/// `_get_object_traceback(obj)`: the traceback where `obj` was allocated,
/// or None.
fn tm_get_object_traceback(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "_get_object_traceback")?;
    vm.drain_heap_events();
    let addr = args.pos[0].addr();
    let tb = vm.tracemalloc.as_ref().and_then(|t| {
        t.traces
            .get(&addr)
            .map(|&(_, i)| t.tracebacks[i as usize].clone())
    });
    let r = match tb {
        Some(tb) => vm.tb_tuple(&tb),
        None => Ok(vm.none.clone()),
    };
    let _ = ouro_heap::trace::take_events();
    r
}

/// `_getline(filename, lineno)`: a source line, for `Traceback.format`
/// (ouro has no `linecache` yet).
fn tm_getline(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "_getline", 2, 2)?;
    let file = vm.str_of(&args.pos[0]).to_string();
    let line = Vm::int_of(&args.pos[1]).unwrap_or(0);
    let text = match vm.sources.get(&file) {
        Some(src) => src.to_string(),
        None => std::fs::read_to_string(&file).unwrap_or_default(),
    };
    let l = if line >= 1 {
        text.lines()
            .nth(line as usize - 1)
            .map(|l| format!("{l}\n"))
            .unwrap_or_default()
    } else {
        String::new()
    };
    vm.new_str(&l)
}

/// `_write_file(filename, text)`: for `Snapshot.dump` (ouro has no `open`
/// yet). Errors are `OSError`s with the system's message.
fn tm_write_file(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "_write_file", 2, 2)?;
    let (name, text) = (
        vm.str_of(&args.pos[0]).to_string(),
        vm.str_of(&args.pos[1]).to_string(),
    );
    match std::fs::write(&name, text) {
        Ok(()) => Ok(vm.none.clone()),
        Err(e) => Err(vm.new_exc(T::OSError, format!("{e}: '{name}'"))),
    }
}

/// `_read_file(filename)`: for `Snapshot.load`.
fn tm_read_file(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "_read_file", 1, 1)?;
    let name = vm.str_of(&args.pos[0]).to_string();
    match std::fs::read_to_string(&name) {
        Ok(t) => vm.new_str(&t),
        Err(e) => {
            let t = if e.kind() == std::io::ErrorKind::NotFound {
                T::FileNotFoundError
            } else {
                T::OSError
            };
            Err(vm.new_exc(t, format!("{e}: '{name}'")))
        }
    }
}

/// Shell-style matching as `fnmatch.fnmatchcase`: `*`, `?`, `[seq]`,
/// `[!seq]`, ranges in sets.
pub(crate) fn fnmatch(name: &[char], pat: &[char]) -> bool {
    let (mut i, mut j) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while i < name.len() {
        if j < pat.len() {
            match pat[j] {
                '*' => {
                    star = Some((j, i));
                    j += 1;
                    continue;
                }
                '?' => {
                    i += 1;
                    j += 1;
                    continue;
                }
                '[' => {
                    if let Some((hit, end)) = set_match(&pat[j..], name[i]) {
                        if hit {
                            i += 1;
                            j += end;
                            continue;
                        }
                    } else if name[i] == '[' {
                        // An unclosed '[' is a literal.
                        i += 1;
                        j += 1;
                        continue;
                    }
                }
                c if c == name[i] => {
                    i += 1;
                    j += 1;
                    continue;
                }
                _ => {}
            }
        }
        match star {
            Some((sj, si)) => {
                j = sj + 1;
                star = Some((sj, si + 1));
                i = si + 1;
            }
            None => return false,
        }
    }
    pat[j..].iter().all(|&c| c == '*')
}

/// Matches `c` against the set at the start of `pat` (`[...]`); returns
/// (matched, length of the set) or None if the set is not closed.
fn set_match(pat: &[char], c: char) -> Option<(bool, usize)> {
    let mut k = 1;
    let negate = pat.get(k) == Some(&'!');
    if negate {
        k += 1;
    }
    let start = k;
    let mut hit = false;
    loop {
        let ch = *pat.get(k)?;
        if ch == ']' && k > start {
            return Some((hit != negate, k + 1));
        }
        if pat.get(k + 1) == Some(&'-') && pat.get(k + 2).is_some_and(|&e| e != ']') {
            let hi = pat[k + 2];
            hit |= ch <= c && c <= hi;
            k += 3;
        } else {
            hit |= ch == c;
            k += 1;
        }
    }
}

fn tm_fnmatch(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "_fnmatch", 2, 2)?;
    let name: Vec<char> = vm.str_of(&args.pos[0]).chars().collect();
    let pat: Vec<char> = vm.str_of(&args.pos[1]).chars().collect();
    Ok(vm.new_bool(fnmatch(&name, &pat)))
}

/// Makes the `_tracemalloc` module.
pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_tracemalloc")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("start", tm_start),
        ("stop", tm_stop),
        ("is_tracing", tm_is_tracing),
        ("clear_traces", tm_clear_traces),
        ("get_traced_memory", tm_get_traced_memory),
        ("reset_peak", tm_reset_peak),
        ("get_tracemalloc_memory", tm_get_tracemalloc_memory),
        ("get_traceback_limit", tm_get_traceback_limit),
        ("_get_traces", tm_get_traces),
        ("_get_object_traceback", tm_get_object_traceback),
        ("_getline", tm_getline),
        ("_write_file", tm_write_file),
        ("_fnmatch", tm_fnmatch),
        ("_read_file", tm_read_file),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::fnmatch;

    fn m(name: &str, pat: &str) -> bool {
        let n: Vec<char> = name.chars().collect();
        let p: Vec<char> = pat.chars().collect();
        fnmatch(&n, &p)
    }

    #[test]
    fn fnmatch_follows_fnmatchcase() {
        assert!(m("a.py", "a.py"));
        assert!(!m("a.py", "b.py"));
        assert!(m("/x/y/a.py", "*.py"));
        assert!(m("/x/y/a.py", "*/a.py"));
        assert!(!m("a.pyc", "*.py"));
        assert!(m("abc", "a?c"));
        assert!(m("abc", "a[a-c]c"));
        assert!(!m("abc", "a[!b]c"));
        assert!(m("a[c", "a[c"));
        assert!(m("", "*"));
        assert!(m("aXbYc", "a*b*c"));
        assert!(!m("aXbY", "a*b*c"));
    }
}
