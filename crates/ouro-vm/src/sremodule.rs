//! `_sre`: the native half of `re`, over the engine in `ouro_algo::sre`.
//! As in CPython, the frozen `re.py` holds the public API (`Pattern`,
//! `Match`, the module functions, the cache, `re.error`); this module
//! compiles patterns into `_sre.Code` objects (a native payload holding the
//! program) and runs the loops that would otherwise be Python loops —
//! `findall`, `finditer`'s scan, `split`, `sub` — so a program under
//! `--viz` records a step per call rather than per match.
//!
//! Errors the pattern parser finds come back as `(msg, pos)` tuples for
//! `re.py` to raise as `re.error` (which is a Python class).
//!
//! Match results travel as tuples of ints: `(lastindex, pos, endpos,
//! start0, end0, start1, end1, ...)`, -1 for what is unset.

use num_traits::{Signed, ToPrimitive};
use ouro_algo::sre::{self, template::Piece, ErrorKind, Mode};
use ouro_heap::{Kind, NativePayload, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// The payload of an `_sre.Code` object.
pub struct SreCode {
    compiled: sre::Compiled,
    istext: bool,
}

impl NativePayload for SreCode {
    fn take_children(&mut self, _out: &mut Vec<ObjRef>) {}

    fn traverse(&self, _visit: &mut dyn FnMut(&ObjRef)) {}
}

/// A subject string: its code points, and how to slice it back.
enum Subject {
    Str(Vec<char>),
    Bytes(Vec<u8>),
}

impl Subject {
    fn codes(&self) -> Vec<u32> {
        match self {
            Subject::Str(c) => c.iter().map(|&c| c as u32).collect(),
            Subject::Bytes(b) => b.iter().map(|&b| b as u32).collect(),
        }
    }

    fn len(&self) -> usize {
        match self {
            Subject::Str(c) => c.len(),
            Subject::Bytes(b) => b.len(),
        }
    }

    fn slice(&self, vm: &mut Vm, a: usize, b: usize) -> PyResult<ObjRef> {
        match self {
            Subject::Str(c) => {
                let s: String = c[a..b].iter().collect();
                vm.new_str(&s)
            }
            Subject::Bytes(v) => vm.new_bytes(&v[a..b]),
        }
    }
}

/// Output being built by `sub`.
enum Out {
    Str(String),
    Bytes(Vec<u8>),
}

impl Out {
    fn push_subject(&mut self, s: &Subject, a: usize, b: usize) {
        match (self, s) {
            (Out::Str(o), Subject::Str(c)) => o.extend(&c[a..b]),
            (Out::Bytes(o), Subject::Bytes(v)) => o.extend_from_slice(&v[a..b]),
            _ => {}
        }
    }

    /// Appends a str or bytes object; false if it is of the wrong kind.
    fn push_obj(&mut self, vm: &Vm, o: &ObjRef) -> bool {
        match self {
            Out::Str(out) => {
                if o.kind() != Kind::Str {
                    return false;
                }
                out.push_str(vm.str_of(o));
            }
            Out::Bytes(out) => match vm.bytes_data(o) {
                Some(b) => out.extend_from_slice(&b),
                None => return false,
            },
        }
        true
    }
}

fn subject_of(vm: &mut Vm, o: &ObjRef, istext: bool) -> PyResult<Subject> {
    if o.kind() == Kind::Str {
        if !istext {
            return Err(vm.type_error("cannot use a bytes pattern on a string-like object"));
        }
        return Ok(Subject::Str(vm.str_of(o).chars().collect()));
    }
    if let Some(b) = vm.bytes_data(o) {
        if istext {
            return Err(vm.type_error("cannot use a string pattern on a bytes-like object"));
        }
        return Ok(Subject::Bytes(b));
    }
    let tn = vm.type_name_of(o);
    Err(vm.type_error(format!("expected string or bytes-like object, got '{tn}'")))
}

/// Runs `f` on the compiled pattern of an `_sre.Code`.
fn with_code<R>(vm: &mut Vm, o: &ObjRef, f: impl FnOnce(&SreCode) -> R) -> PyResult<R> {
    let r = if o.kind() == Kind::Native {
        Vm::with_native::<SreCode, _>(o, f)
    } else {
        None
    };
    r.ok_or_else(|| vm.type_error("expected an _sre.Code object"))
}

/// A Python int argument as a clamped `usize` position (`pos`, `endpos`).
fn position(vm: &mut Vm, o: &ObjRef, len: usize) -> PyResult<usize> {
    let v = vm.index_value(o)?;
    if v.is_negative() {
        return Ok(0);
    }
    Ok(v.to_usize().unwrap_or(usize::MAX).min(len))
}

fn int_arg(vm: &mut Vm, o: &ObjRef) -> PyResult<i64> {
    let v = vm.index_value(o)?;
    Ok(v.to_i64()
        .unwrap_or(if v.is_negative() { i64::MIN } else { i64::MAX }))
}

/// The `(lastindex, pos, endpos, spans...)` tuple of a match.
fn regs_tuple(vm: &mut Vm, m: &sre::exec::Captures, pos: usize, endpos: usize) -> PyResult<ObjRef> {
    let mut items = Vec::with_capacity(3 + m.spans.len() * 2);
    items.push(vm.new_int(m.lastindex.map_or(-1, |i| i as i64))?);
    items.push(vm.new_int(pos as i64)?);
    items.push(vm.new_int(endpos as i64)?);
    for sp in &m.spans {
        let (a, b) = sp.map_or((-1, -1), |(a, b)| (a as i64, b as i64));
        items.push(vm.new_int(a)?);
        items.push(vm.new_int(b)?);
    }
    vm.new_tuple(items)
}

/// `_sre.compile(pattern, flags)`: `(code, flags, groups, [(name, index)])`,
/// or `(msg, pos)` for a `re.error`.
fn sre_compile(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "compile", 2, 2)?;
    let (p, f) = (&args.pos[0], &args.pos[1]);
    let (chars, istext): (Vec<char>, bool) = if p.kind() == Kind::Str {
        (vm.str_of(p).chars().collect(), true)
    } else if let Some(b) = vm.bytes_data(p) {
        (b.iter().map(|&b| b as char).collect(), false)
    } else {
        return Err(vm.type_error("first argument must be string or compiled pattern"));
    };
    let flags = int_arg(vm, f)?;
    let compiled = match sre::compile_pattern(&chars, istext, flags as u32) {
        Ok(c) => c,
        Err(e) => return error_result(vm, e),
    };
    let out_flags = vm.new_int(compiled.flags as i64)?;
    let groups = vm.new_int(compiled.groups as i64)?;
    let mut names = Vec::new();
    for (n, g) in &compiled.names {
        let k = vm.new_str(n)?;
        let v = vm.new_int(*g as i64)?;
        names.push(vm.new_tuple_of([k, v])?);
    }
    let names = vm.new_list(names)?;
    let code = vm.new_native(T::SreCode, SreCode { compiled, istext })?;
    ouro_heap::gc::untrack(&code);
    vm.new_tuple_of([code, out_flags, groups, names])
}

/// A parser error: `(msg, pos)` for `re.error`, or the exception itself.
fn error_result(vm: &mut Vm, e: sre::Error) -> PyResult<ObjRef> {
    match e.kind {
        ErrorKind::Re => {
            let msg = vm.new_str(&e.msg)?;
            let pos = match e.pos {
                Some(p) => vm.new_int(p as i64)?,
                None => vm.none.clone(),
            };
            vm.new_tuple_of([msg, pos])
        }
        ErrorKind::Overflow => Err(vm.overflow_error(&e.msg)),
        ErrorKind::Value => Err(vm.value_error(&e.msg)),
        ErrorKind::Index => Err(vm.index_error(&e.msg)),
        ErrorKind::Recursion => Err(vm.new_exc(T::RecursionError, &e.msg)),
    }
}

/// `_sre.search(code, string, pos, endpos, mode, must_advance=False)`:
/// mode 0 match, 1 fullmatch, 2 search; the regs tuple or None.
/// `must_advance` refuses an empty match at `pos` (the scanner's rule
/// after an empty match).
fn sre_search(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "search", 5, 6)?;
    let istext = with_code(vm, &args.pos[0], |c| c.istext)?;
    let subj = subject_of(vm, &args.pos[1], istext)?;
    let len = subj.len();
    let pos = position(vm, &args.pos[2], len)?;
    let endpos = position(vm, &args.pos[3], len)?;
    let mode = match int_arg(vm, &args.pos[4])? {
        0 => Mode::Match,
        1 => Mode::FullMatch,
        _ => Mode::Search,
    };
    let must_advance = match args.pos.get(5) {
        Some(a) => vm.truthy(a)?,
        None => false,
    };
    let codes = subj.codes();
    let found = with_code(vm, &args.pos[0], |c| {
        sre::search(&c.compiled.program, &codes, pos, endpos, mode, must_advance)
    })?;
    match found {
        Some(m) => regs_tuple(vm, &m, pos, endpos),
        None => Ok(vm.none.clone()),
    }
}

/// Every successive match from `pos`, as `sre`'s scanner finds them
/// (an empty match forbids another empty match at the same place).
fn scan_all(
    c: &SreCode,
    codes: &[u32],
    pos: usize,
    endpos: usize,
    limit: usize,
) -> Vec<sre::exec::Captures> {
    let mut out = Vec::new();
    let mut start = pos;
    let mut must_advance = false;
    while out.len() < limit && start <= endpos {
        let Some(m) = sre::search(
            &c.compiled.program,
            codes,
            start,
            endpos,
            Mode::Search,
            must_advance,
        ) else {
            break;
        };
        let (b, e) = m.spans[0].unwrap_or((start, start));
        must_advance = b == e;
        start = e;
        out.push(m);
    }
    out
}

/// `_sre.scan(code, string, pos, endpos)`: the regs tuples of every match
/// (`finditer`).
fn sre_scan(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "scan", 4, 4)?;
    let istext = with_code(vm, &args.pos[0], |c| c.istext)?;
    let subj = subject_of(vm, &args.pos[1], istext)?;
    let len = subj.len();
    let pos = position(vm, &args.pos[2], len)?;
    let endpos = position(vm, &args.pos[3], len)?;
    let codes = subj.codes();
    let all = with_code(vm, &args.pos[0], |c| {
        scan_all(c, &codes, pos, endpos, usize::MAX)
    })?;
    let mut items = Vec::with_capacity(all.len());
    for m in &all {
        items.push(regs_tuple(vm, m, pos, endpos)?);
    }
    vm.new_list(items)
}

/// A group's text, or `default` where it did not match.
fn group_or(
    vm: &mut Vm,
    subj: &Subject,
    span: Option<(usize, usize)>,
    default: &ObjRef,
) -> PyResult<ObjRef> {
    match span {
        Some((a, b)) => subj.slice(vm, a, b),
        None => Ok(default.clone()),
    }
}

/// `_sre.findall(code, string, pos, endpos)`.
fn sre_findall(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "findall", 4, 4)?;
    let (istext, groups) = with_code(vm, &args.pos[0], |c| (c.istext, c.compiled.groups))?;
    let subj = subject_of(vm, &args.pos[1], istext)?;
    let len = subj.len();
    let pos = position(vm, &args.pos[2], len)?;
    let endpos = position(vm, &args.pos[3], len)?;
    let codes = subj.codes();
    let all = with_code(vm, &args.pos[0], |c| {
        scan_all(c, &codes, pos, endpos, usize::MAX)
    })?;
    let empty = subj.slice(vm, 0, 0)?;
    let mut items = Vec::with_capacity(all.len());
    for m in &all {
        let item = match groups {
            0 => group_or(vm, &subj, m.spans[0], &empty)?,
            1 => group_or(vm, &subj, m.spans[1], &empty)?,
            _ => {
                let mut t = Vec::with_capacity(groups);
                for g in 1..=groups {
                    t.push(group_or(vm, &subj, m.spans[g], &empty)?);
                }
                vm.new_tuple(t)?
            }
        };
        items.push(item);
    }
    vm.new_list(items)
}

/// `_sre.split(code, string, maxsplit)`.
fn sre_split(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "split", 3, 3)?;
    let (istext, groups) = with_code(vm, &args.pos[0], |c| (c.istext, c.compiled.groups))?;
    let subj = subject_of(vm, &args.pos[1], istext)?;
    let maxsplit = int_arg(vm, &args.pos[2])?;
    if maxsplit < 0 {
        let s = args.pos[1].clone();
        return vm.new_list(vec![s]);
    }
    let limit = if maxsplit == 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let len = subj.len();
    let codes = subj.codes();
    let all = with_code(vm, &args.pos[0], |c| scan_all(c, &codes, 0, len, limit))?;
    let none = vm.none.clone();
    let mut items = Vec::new();
    let mut last = 0;
    for m in &all {
        let (b, e) = m.spans[0].unwrap_or((last, last));
        items.push(subj.slice(vm, last, b)?);
        for g in 1..=groups {
            items.push(group_or(vm, &subj, m.spans[g], &none)?);
        }
        last = e;
    }
    items.push(subj.slice(vm, last, len)?);
    vm.new_list(items)
}

/// `_sre.template(code, repl)`: the template as a list of literal strs
/// (or bytes) and group numbers, or `(msg, pos)` for a `re.error`.
fn sre_template(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "template", 2, 2)?;
    let r = &args.pos[1];
    let (chars, istext): (Vec<char>, bool) = if r.kind() == Kind::Str {
        (vm.str_of(r).chars().collect(), true)
    } else if let Some(b) = vm.bytes_data(r) {
        (b.iter().map(|&b| b as char).collect(), false)
    } else {
        let tn = vm.type_name_of(r);
        return Err(vm.type_error(format!("expected str or bytes-like object, got '{tn}'")));
    };
    let parsed = with_code(vm, &args.pos[0], |c| {
        sre::template::parse_template(&chars, istext, c.compiled.groups, &c.compiled.names)
    })?;
    let pieces = match parsed {
        Ok(p) => p,
        Err(e) => return error_result(vm, e),
    };
    let mut items = Vec::with_capacity(pieces.len());
    for p in pieces {
        items.push(match p {
            Piece::Group(g) => vm.new_int(g as i64)?,
            Piece::Lit(cs) if istext => {
                let s: String = cs.iter().filter_map(|&c| char::from_u32(c)).collect();
                vm.new_str(&s)?
            }
            Piece::Lit(cs) => {
                let b: Vec<u8> = cs.iter().map(|&c| c as u8).collect();
                vm.new_bytes(&b)?
            }
        });
    }
    vm.new_list(items)
}

/// `_sre.sub(code, string, count, template, callback)`: `(result, n)`.
/// `template` is `_sre.template`'s list, or None to call `callback` with
/// each match's regs tuple (it returns the replacement, or None for "").
fn sre_sub(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "sub", 5, 5)?;
    let istext = with_code(vm, &args.pos[0], |c| c.istext)?;
    let string = args.pos[1].clone();
    let subj = subject_of(vm, &string, istext)?;
    let count = int_arg(vm, &args.pos[2])?;
    let template = args.pos[3].clone();
    let callback = args.pos[4].clone();
    let limit = if count <= 0 {
        usize::MAX
    } else {
        count as usize
    };
    let len = subj.len();
    let codes = subj.codes();
    let all = with_code(vm, &args.pos[0], |c| scan_all(c, &codes, 0, len, limit))?;
    let pieces = if template.is(&vm.none) {
        None
    } else {
        Some(vm.seq_items(&template))
    };
    let mut out = if istext {
        Out::Str(String::new())
    } else {
        Out::Bytes(Vec::new())
    };
    let mut last = 0;
    // Items of CPython's list of pieces so far (for its join's message).
    let mut nitems = 0;
    for m in &all {
        let (b, e) = m.spans[0].unwrap_or((last, last));
        if last < b {
            nitems += 1;
        }
        out.push_subject(&subj, last, b);
        match &pieces {
            Some(pieces) => {
                for p in pieces {
                    if let Some(g) = Vm::int_of(p) {
                        if let Some(Some((x, y))) = m.spans.get(g as usize) {
                            out.push_subject(&subj, *x, *y);
                        }
                    } else if !out.push_obj(vm, p) {
                        return Err(wrong_item(vm, p, istext, nitems));
                    }
                }
                nitems += 1;
            }
            None => {
                let regs = regs_tuple(vm, m, 0, len)?;
                let r = vm.call(&callback, vec![regs])?;
                if !r.is(&vm.none) && !out.push_obj(vm, &r) {
                    return Err(wrong_item(vm, &r, istext, nitems));
                }
                if !r.is(&vm.none) {
                    nitems += 1;
                }
            }
        }
        last = e;
    }
    let n = all.len();
    if n == 0
        && (string.kind() == Kind::Str || string.kind() == Kind::Bytes)
        && vm.is_exact_str_or_bytes(&string)
    {
        let k = vm.new_int(0)?;
        return vm.new_tuple_of([string, k]);
    }
    out.push_subject(&subj, last, len);
    let result = match out {
        Out::Str(s) => vm.new_str(&s)?,
        Out::Bytes(b) => vm.new_bytes(&b)?,
    };
    let k = vm.new_int(n as i64)?;
    vm.new_tuple_of([result, k])
}

/// The TypeError of joining a replacement of the wrong type (CPython's
/// message comes from `str.join`/`bytes.join`, with an item index).
fn wrong_item(vm: &mut Vm, o: &ObjRef, istext: bool, index: usize) -> crate::error::PyErr {
    let tn = vm.type_name_of(o);
    let want = if istext {
        "str instance"
    } else {
        "a bytes-like object"
    };
    vm.type_error(format!(
        "sequence item {index}: expected {want}, {tn} found"
    ))
}

impl Vm {
    fn is_exact_str_or_bytes(&self, o: &ObjRef) -> bool {
        self.is_exact(o, T::Str) || self.is_exact(o, T::Bytes)
    }
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_sre")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("compile", sre_compile),
        ("search", sre_search),
        ("scan", sre_scan),
        ("findall", sre_findall),
        ("split", sre_split),
        ("template", sre_template),
        ("sub", sre_sub),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    let mr = vm.new_int(sre::MAXREPEAT as i64)?;
    let key = vm.intern("MAXREPEAT")?;
    vm.dict_set_str(&d, &key, mr)?;
    let mg = vm.new_int(sre::MAXGROUPS as i64)?;
    let key = vm.intern("MAXGROUPS")?;
    vm.dict_set_str(&d, &key, mg)?;
    Ok(m)
}
