//! The `_itertools` module: the iterator types of CPython 3.11's
//! `Modules/itertoolsmodule.c` that `itertools` re-exports, with its
//! algorithms (element order, the results for `r > n` or empty input) and
//! its argument errors. The frozen `itertools.py` imports them and keeps in
//! Python only what is not here (`groupby`, `tee`).
//!
//! Every iterator is one payload ([`ItIter`]) of a builtin type named as
//! CPython's (`itertools.permutations`...), subclassable: a subclass's
//! instance holds the same payload, and the type's `__next__` steps it, so
//! `super().__next__()` in a subclass reaches the native step.
//!
//! The combinatoric iterators keep their pools as vectors of references and
//! their positions as plain indices: one step touches no Python object but
//! the new result tuple.

use num_traits::ToPrimitive;
use ouro_heap::{Kind, NativeObj, NativePayload, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// The state of one itertools iterator.
pub enum ItIter {
    /// `permutations(pool, r)`: CPython's indices and cycles.
    Permutations {
        pool: Vec<ObjRef>,
        r: usize,
        indices: Vec<usize>,
        cycles: Vec<usize>,
        started: bool,
        stopped: bool,
    },
    /// `combinations` and (with `replace`) `combinations_with_replacement`.
    Combinations {
        pool: Vec<ObjRef>,
        r: usize,
        indices: Vec<usize>,
        replace: bool,
        started: bool,
        stopped: bool,
    },
    /// `product(*pools, repeat=n)`: `pools` holds the distinct pools; wheel
    /// `i` turns over `pools[i % pools.len()]`.
    Product {
        pools: Vec<Vec<ObjRef>>,
        indices: Vec<usize>,
        started: bool,
        stopped: bool,
    },
    /// `count(start, step)`: `fast` is CPython's `cnt` (an int start with
    /// step 1, while it fits); otherwise `cnt` and `step` are objects.
    Count {
        fast: Option<i64>,
        cnt: Option<ObjRef>,
        step: Option<ObjRef>,
    },
    /// `repeat(obj, times)`: `times` None repeats forever.
    Repeat {
        obj: ObjRef,
        times: Option<usize>,
    },
    /// `chain(*its)` / `chain.from_iterable(its)`.
    Chain {
        source: Option<ObjRef>,
        active: Option<ObjRef>,
    },
    /// `islice`: CPython's `next`, `stop` (-1: none), `step`, `cnt`.
    Islice {
        it: Option<ObjRef>,
        next: isize,
        stop: isize,
        step: isize,
        cnt: isize,
    },
    Accumulate {
        it: ObjRef,
        func: Option<ObjRef>,
        total: Option<ObjRef>,
        initial: Option<ObjRef>,
    },
    Starmap {
        func: ObjRef,
        it: ObjRef,
    },
    Cycle {
        it: Option<ObjRef>,
        saved: Vec<ObjRef>,
        index: usize,
    },
    Pairwise {
        it: Option<ObjRef>,
        old: Option<ObjRef>,
    },
    ZipLongest {
        its: Vec<Option<ObjRef>>,
        active: usize,
        fill: ObjRef,
    },
    Compress {
        data: ObjRef,
        selectors: ObjRef,
    },
    /// `dropwhile` (`flag`: dropping is over) and `takewhile` (`flag`:
    /// stopped).
    DropWhile {
        func: ObjRef,
        it: ObjRef,
        flag: bool,
    },
    TakeWhile {
        func: ObjRef,
        it: ObjRef,
        flag: bool,
    },
    FilterFalse {
        func: ObjRef,
        it: ObjRef,
    },
    /// Torn down.
    Done,
}

impl ItIter {
    fn refs(&self) -> Vec<&ObjRef> {
        match self {
            ItIter::Permutations { pool, .. } | ItIter::Combinations { pool, .. } => {
                pool.iter().collect()
            }
            ItIter::Product { pools, .. } => pools.iter().flatten().collect(),
            ItIter::Count { cnt, step, .. } => cnt.iter().chain(step.iter()).collect(),
            ItIter::Repeat { obj, .. } => vec![obj],
            ItIter::Chain { source, active }
            | ItIter::Pairwise {
                it: source,
                old: active,
            } => source.iter().chain(active.iter()).collect(),
            ItIter::Islice { it, .. } => it.iter().collect(),
            ItIter::Accumulate {
                it,
                func,
                total,
                initial,
            } => std::iter::once(it)
                .chain(func.iter())
                .chain(total.iter())
                .chain(initial.iter())
                .collect(),
            ItIter::Starmap { func, it }
            | ItIter::DropWhile { func, it, .. }
            | ItIter::TakeWhile { func, it, .. }
            | ItIter::FilterFalse { func, it } => vec![func, it],
            ItIter::Compress { data, selectors } => vec![data, selectors],
            ItIter::Cycle { it, saved, .. } => it.iter().chain(saved.iter()).collect(),
            ItIter::ZipLongest { its, fill, .. } => {
                its.iter().flatten().chain(std::iter::once(fill)).collect()
            }
            ItIter::Done => Vec::new(),
        }
    }
}

impl NativePayload for ItIter {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        let s = std::mem::replace(self, ItIter::Done);
        let mut refs: Vec<ObjRef> = s.refs().into_iter().cloned().collect();
        drop(s);
        refs.reverse();
        out.append(&mut refs);
    }
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        for r in self.refs() {
            visit(r)
        }
    }
    fn heap_size(&self) -> usize {
        let w = std::mem::size_of::<usize>();
        match self {
            ItIter::Permutations {
                pool,
                indices,
                cycles,
                ..
            } => (pool.capacity() + indices.capacity() + cycles.capacity()) * w,
            ItIter::Combinations { pool, indices, .. } => {
                (pool.capacity() + indices.capacity()) * w
            }
            ItIter::Product { pools, indices, .. } => {
                (pools.iter().map(|p| p.capacity()).sum::<usize>() + indices.capacity()) * w
            }
            ItIter::Cycle { saved, .. } => saved.capacity() * w,
            ItIter::ZipLongest { its, .. } => its.capacity() * w,
            _ => 0,
        }
    }
}

/// The builtin types this module defines, with their Python names.
const TYPES: &[(T, &str)] = &[
    (T::ItPermutations, "permutations"),
    (T::ItCombinations, "combinations"),
    (T::ItCwr, "combinations_with_replacement"),
    (T::ItProduct, "product"),
    (T::ItCount, "count"),
    (T::ItRepeat, "repeat"),
    (T::ItChain, "chain"),
    (T::ItIslice, "islice"),
    (T::ItAccumulate, "accumulate"),
    (T::ItStarmap, "starmap"),
    (T::ItCycle, "cycle"),
    (T::ItPairwise, "pairwise"),
    (T::ItZipLongest, "zip_longest"),
    (T::ItCompress, "compress"),
    (T::ItDropWhile, "dropwhile"),
    (T::ItTakeWhile, "takewhile"),
    (T::ItFilterFalse, "filterfalse"),
];

/// Whether `t` is one of this module's types.
pub(crate) fn is_itertools_type(t: T) -> bool {
    TYPES.iter().any(|(x, _)| *x == t)
}

// ------------------------------------------------------------- arguments

/// `PyArg_ParseTupleAndKeywords` for `fname(names...)`: each parameter by
/// position or by keyword; the first `required` must be given.
fn parse(
    vm: &mut Vm,
    args: &Args,
    fname: &str,
    names: &[&str],
    required: usize,
) -> PyResult<Vec<Option<ObjRef>>> {
    let npos = args.pos.len();
    let total = npos + args.kw.len();
    if total > names.len() {
        let n = names.len();
        let s = if n == 1 { "" } else { "s" };
        return Err(vm.type_error(format!(
            "{fname}() takes at most {n} argument{s} ({total} given)"
        )));
    }
    let mut out: Vec<Option<ObjRef>> = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let kw = args
            .kw
            .iter()
            .find(|(k, _)| vm.str_of(k) == *name)
            .map(|(_, v)| v.clone());
        if i < npos {
            if kw.is_some() {
                return Err(vm.type_error(format!(
                    "argument for {fname}() given by name ('{name}') and position ({})",
                    i + 1
                )));
            }
            out.push(Some(args.pos[i].clone()));
        } else {
            if kw.is_none() && i < required {
                return Err(vm.type_error(format!(
                    "{fname}() missing required argument '{name}' (pos {})",
                    i + 1
                )));
            }
            out.push(kw);
        }
    }
    for (k, _) in &args.kw {
        let k = vm.str_of(k).to_string();
        if !names.contains(&k.as_str()) {
            return Err(vm.type_error(format!(
                "'{k}' is an invalid keyword argument for {fname}()"
            )));
        }
    }
    Ok(out)
}

/// `PyNumber_AsSsize_t(o, PyExc_OverflowError)`.
fn ssize(vm: &mut Vm, o: &ObjRef) -> PyResult<isize> {
    let v = vm.index_value(o)?;
    match v.to_isize() {
        Some(n) => Ok(n),
        None => Err(vm.overflow_error("Python int too large to convert to C ssize_t")),
    }
}

/// A vector of `n` indices, or MemoryError when it cannot be had.
fn index_vec(vm: &mut Vm, n: usize, f: impl Fn(usize) -> usize) -> PyResult<Vec<usize>> {
    let mut v = Vec::new();
    if v.try_reserve_exact(n).is_err() {
        return Err(vm.memory_error());
    }
    v.extend((0..n).map(f));
    Ok(v)
}

/// Allocates an instance of `ty` (the builtin type or a subclass).
fn alloc_iter(vm: &mut Vm, ty: &ObjRef, state: ItIter) -> PyResult<ObjRef> {
    let attrs = Vm::is_heap_type(ty) || ty.tflags() & ouro_heap::tflags::T_HAS_ATTRS != 0;
    vm.alloc(ty, NativeObj::new(state), attrs)
}

/// `t(*args, **kw)` for this module's type `t`; `ty` is the type asked for
/// (`t` itself or a subclass).
pub(crate) fn new_iter(vm: &mut Vm, t: T, ty: &ObjRef, args: Args) -> PyResult<ObjRef> {
    let state = match t {
        T::ItPermutations => {
            let a = parse(vm, &args, "permutations", &["iterable", "r"], 1)?;
            let pool = match &a[0] {
                Some(it) => vm.iterate(it)?,
                None => Vec::new(),
            };
            let n = pool.len();
            let r = match &a[1] {
                Some(o) if !o.is(&vm.none) => {
                    if !vm.is_instance_of(o, T::Int) {
                        return Err(vm.type_error("Expected int as r"));
                    }
                    ssize(vm, o)?
                }
                _ => n as isize,
            };
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            let r = r as usize;
            let stopped = r > n;
            let (indices, cycles) = if stopped {
                (Vec::new(), Vec::new())
            } else {
                (index_vec(vm, n, |i| i)?, index_vec(vm, r, |i| n - i)?)
            };
            ItIter::Permutations {
                pool,
                r,
                indices,
                cycles,
                started: false,
                stopped,
            }
        }
        T::ItCombinations | T::ItCwr => {
            let replace = t == T::ItCwr;
            let fname = if replace {
                "combinations_with_replacement"
            } else {
                "combinations"
            };
            let a = parse(vm, &args, fname, &["iterable", "r"], 2)?;
            let (Some(src), Some(ro)) = (a[0].clone(), a[1].clone()) else {
                return Err(vm.internal_error("combinations arguments"));
            };
            let r = ssize(vm, &ro)?;
            let pool = vm.iterate(&src)?;
            if r < 0 {
                return Err(vm.value_error("r must be non-negative"));
            }
            let r = r as usize;
            let n = pool.len();
            let stopped = if replace { n == 0 && r > 0 } else { r > n };
            let indices = if stopped {
                Vec::new()
            } else if replace {
                index_vec(vm, r, |_| 0)?
            } else {
                index_vec(vm, r, |i| i)?
            };
            ItIter::Combinations {
                pool,
                r,
                indices,
                replace,
                started: false,
                stopped,
            }
        }
        T::ItProduct => {
            let mut repeat = 1isize;
            if !args.kw.is_empty() {
                if args.kw.len() > 1 {
                    return Err(vm.type_error(format!(
                        "product() takes at most 1 keyword argument ({} given)",
                        args.kw.len()
                    )));
                }
                let (k, v) = &args.kw[0];
                if vm.str_of(k) != "repeat" {
                    let k = vm.str_of(k).to_string();
                    return Err(vm.type_error(format!(
                        "'{k}' is an invalid keyword argument for product()"
                    )));
                }
                repeat = ssize(vm, v)?;
                if repeat < 0 {
                    return Err(vm.value_error("repeat argument cannot be negative"));
                }
            }
            let nargs = if repeat == 0 { 0 } else { args.pos.len() };
            let repeat = repeat as usize;
            if repeat != 0 && nargs > isize::MAX as usize / std::mem::size_of::<usize>() / repeat {
                return Err(vm.overflow_error("repeat argument too large"));
            }
            let mut pools = Vec::with_capacity(nargs);
            for p in args.pos.iter().take(nargs) {
                pools.push(vm.iterate(p)?);
            }
            let indices = index_vec(vm, nargs * repeat, |_| 0)?;
            ItIter::Product {
                pools,
                indices,
                started: false,
                stopped: false,
            }
        }
        T::ItCount => {
            let a = parse(vm, &args, "count", &["start", "step"], 0)?;
            for v in a.iter().flatten() {
                if !is_number(vm, v) {
                    return Err(vm.type_error("a number is required"));
                }
            }
            let start = match &a[0] {
                Some(v) => v.clone(),
                None => vm.new_int(0)?,
            };
            let step = match &a[1] {
                Some(v) => v.clone(),
                None => vm.new_int(1)?,
            };
            // CPython's fast mode: an int start that fits, and a step that
            // is an int equal to 1.
            let step_one = vm.is_instance_of(&step, T::Int)
                && vm.to_bigint(&step).is_some_and(|b| b == 1.into());
            let fast = if step_one && vm.is_instance_of(&start, T::Int) {
                vm.to_bigint(&start).and_then(|b| b.to_i64())
            } else {
                None
            };
            match fast {
                Some(n) => ItIter::Count {
                    fast: Some(n),
                    cnt: None,
                    step: None,
                },
                None => ItIter::Count {
                    fast: None,
                    cnt: Some(start),
                    step: Some(step),
                },
            }
        }
        T::ItRepeat => {
            let a = parse(vm, &args, "repeat", &["object", "times"], 1)?;
            let Some(obj) = a[0].clone() else {
                return Err(vm.internal_error("repeat arguments"));
            };
            let times = match &a[1] {
                Some(t) => Some(ssize(vm, t)?.max(0) as usize),
                None => None,
            };
            ItIter::Repeat { obj, times }
        }
        T::ItChain => {
            args.no_kw(vm, "chain")?;
            let t = vm.new_tuple(args.pos.clone())?;
            let source = vm.iter(&t)?;
            ItIter::Chain {
                source: Some(source),
                active: None,
            }
        }
        T::ItIslice => {
            args.no_kw(vm, "islice")?;
            args.check(vm, "islice", 2, 4)?;
            const STOP: &str =
                "Stop argument for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            const INDICES: &str =
                "Indices for islice() must be None or an integer: 0 <= x <= sys.maxsize.";
            let p = &args.pos;
            let none = vm.none.clone();
            let (mut start, mut stop, mut step) = (0isize, -1isize, 1isize);
            if p.len() == 2 {
                if !p[1].is(&none) {
                    stop = ssize_or_minus1(vm, &p[1]);
                    if stop == -1 {
                        return Err(vm.value_error(STOP));
                    }
                }
            } else {
                if !p[1].is(&none) {
                    start = ssize_or_minus1(vm, &p[1]);
                }
                if !p[2].is(&none) {
                    stop = ssize_or_minus1(vm, &p[2]);
                    if stop == -1 {
                        return Err(vm.value_error(STOP));
                    }
                }
            }
            if start < 0 || stop < -1 {
                return Err(vm.value_error(INDICES));
            }
            if p.len() == 4 && !p[3].is(&none) {
                step = ssize_or_minus1(vm, &p[3]);
            }
            if step < 1 {
                return Err(vm.value_error("Step for islice() must be a positive integer or None."));
            }
            let src = vm.iter(&p[0])?;
            ItIter::Islice {
                it: Some(src),
                next: start,
                stop,
                step,
                cnt: 0,
            }
        }
        T::ItAccumulate => {
            if args.pos.len() > 2 {
                return Err(vm.type_error(format!(
                    "accumulate() takes at most 2 positional arguments ({} given)",
                    args.pos.len()
                )));
            }
            let a = parse(vm, &args, "accumulate", &["iterable", "func", "initial"], 1)?;
            let Some(src) = a[0].clone() else {
                return Err(vm.internal_error("accumulate arguments"));
            };
            let func = a[1].clone().filter(|f| !f.is(&vm.none));
            let initial = a[2].clone().filter(|f| !f.is(&vm.none));
            let src = vm.iter(&src)?;
            ItIter::Accumulate {
                it: src,
                func,
                total: None,
                initial,
            }
        }
        T::ItStarmap | T::ItDropWhile | T::ItTakeWhile | T::ItFilterFalse => {
            let name = match t {
                T::ItStarmap => "starmap",
                T::ItDropWhile => "dropwhile",
                T::ItTakeWhile => "takewhile",
                _ => "filterfalse",
            };
            args.no_kw(vm, name)?;
            args.check(vm, name, 2, 2)?;
            let func = args.pos[0].clone();
            let src = vm.iter(&args.pos[1])?;
            match t {
                T::ItStarmap => ItIter::Starmap { func, it: src },
                T::ItDropWhile => ItIter::DropWhile {
                    func,
                    it: src,
                    flag: false,
                },
                T::ItTakeWhile => ItIter::TakeWhile {
                    func,
                    it: src,
                    flag: false,
                },
                _ => ItIter::FilterFalse { func, it: src },
            }
        }
        T::ItCycle | T::ItPairwise => {
            let name = if t == T::ItCycle { "cycle" } else { "pairwise" };
            args.no_kw(vm, name)?;
            args.check(vm, name, 1, 1)?;
            let src = vm.iter(&args.pos[0])?;
            if t == T::ItCycle {
                ItIter::Cycle {
                    it: Some(src),
                    saved: Vec::new(),
                    index: 0,
                }
            } else {
                ItIter::Pairwise {
                    it: Some(src),
                    old: None,
                }
            }
        }
        T::ItZipLongest => {
            let mut fill = vm.none.clone();
            if !args.kw.is_empty() {
                let ok = args.kw.len() == 1 && vm.str_of(&args.kw[0].0) == "fillvalue";
                if !ok {
                    return Err(vm.type_error("zip_longest() got an unexpected keyword argument"));
                }
                fill = args.kw[0].1.clone();
            }
            let mut its = Vec::with_capacity(args.pos.len());
            for p in &args.pos {
                its.push(Some(vm.iter(p)?));
            }
            let active = its.len();
            ItIter::ZipLongest { its, active, fill }
        }
        T::ItCompress => {
            let a = parse(vm, &args, "compress", &["data", "selectors"], 2)?;
            let (Some(d), Some(s)) = (a[0].clone(), a[1].clone()) else {
                return Err(vm.internal_error("compress arguments"));
            };
            let data = vm.iter(&d)?;
            let selectors = vm.iter(&s)?;
            ItIter::Compress { data, selectors }
        }
        _ => return Err(vm.internal_error("not an itertools type")),
    };
    alloc_iter(vm, ty, state)
}

/// `PyNumber_AsSsize_t` with its error cleared: -1 for what is no index
/// or does not fit (islice's arguments).
fn ssize_or_minus1(vm: &mut Vm, o: &ObjRef) -> isize {
    match vm.index_value(o) {
        Ok(v) => v.to_isize().unwrap_or(-1),
        Err(_) => -1,
    }
}

/// `PyNumber_Check`: an int, float or complex, or a class with
/// `__index__`, `__int__`, `__float__` or `__complex__`.
fn is_number(vm: &mut Vm, o: &ObjRef) -> bool {
    if matches!(
        o.kind(),
        Kind::Int | Kind::BigInt | Kind::Float | Kind::Complex
    ) {
        return true;
    }
    let ty = o.class();
    ["__index__", "__int__", "__float__", "__complex__"]
        .iter()
        .any(|n| vm.type_lookup_str(&ty, n).is_some())
}

// ------------------------------------------------------------- stepping

/// One step of the combinatoric iterators: the items of the next result,
/// or None when done; outer None for the other iterators. Touches no
/// Python object.
fn step_combinatoric(s: &mut ItIter) -> Option<Option<Vec<ObjRef>>> {
    match s {
        ItIter::Permutations {
            pool,
            r,
            indices,
            cycles,
            started,
            stopped,
        } => {
            if *stopped {
                return Some(None);
            }
            let r = *r;
            let n = pool.len();
            if !*started {
                *started = true;
            } else {
                if n == 0 {
                    *stopped = true;
                    return Some(None);
                }
                // Decrement the rightmost cycle, moving left on rollover.
                let mut i = r;
                loop {
                    if i == 0 {
                        *stopped = true;
                        return Some(None);
                    }
                    i -= 1;
                    cycles[i] -= 1;
                    if cycles[i] == 0 {
                        // indices[i:] = indices[i+1:] + indices[i:i+1]
                        indices[i..].rotate_left(1);
                        cycles[i] = n - i;
                    } else {
                        let j = cycles[i];
                        indices.swap(i, n - j);
                        break;
                    }
                }
            }
            Some(Some(
                indices[..r].iter().map(|&k| pool[k].clone()).collect(),
            ))
        }
        ItIter::Combinations {
            pool,
            r,
            indices,
            replace,
            started,
            stopped,
        } => {
            if *stopped {
                return Some(None);
            }
            let r = *r;
            let n = pool.len();
            if !*started {
                *started = true;
            } else if *replace {
                // The rightmost index that is not at its maximum n-1.
                let Some(i) = (0..r).rev().find(|&i| indices[i] != n - 1) else {
                    *stopped = true;
                    return Some(None);
                };
                let v = indices[i] + 1;
                indices[i..].iter_mut().for_each(|x| *x = v);
            } else {
                // The rightmost index that is not at its maximum i+n-r.
                let Some(i) = (0..r).rev().find(|&i| indices[i] != i + n - r) else {
                    *stopped = true;
                    return Some(None);
                };
                indices[i] += 1;
                for j in i + 1..r {
                    indices[j] = indices[j - 1] + 1;
                }
            }
            Some(Some(indices.iter().map(|&k| pool[k].clone()).collect()))
        }
        ItIter::Product {
            pools,
            indices,
            started,
            stopped,
        } => {
            if *stopped {
                return Some(None);
            }
            let np = pools.len();
            if !*started {
                *started = true;
                if np > 0 && pools.iter().any(|p| p.is_empty()) {
                    *stopped = true;
                    return Some(None);
                }
            } else {
                // Turn the odometer from the rightmost wheel.
                let mut i = indices.len();
                loop {
                    if i == 0 {
                        *stopped = true;
                        return Some(None);
                    }
                    i -= 1;
                    indices[i] += 1;
                    if indices[i] < pools[i % np].len() {
                        break;
                    }
                    indices[i] = 0;
                }
            }
            Some(Some(
                indices
                    .iter()
                    .enumerate()
                    .map(|(i, &k)| pools[i % np][k].clone())
                    .collect(),
            ))
        }
        _ => None,
    }
}

impl Vm {
    /// `next()` of the itertools iterators. Outer None: not one of them.
    pub(crate) fn itertools_next(&mut self, it: &ObjRef) -> PyResult<Option<Option<ObjRef>>> {
        let Some(items) = Vm::with_native_mut::<ItIter, _>(it, step_combinatoric) else {
            return Ok(None);
        };
        match items {
            Some(Some(items)) => Ok(Some(Some(self.new_tuple(items)?))),
            Some(None) => Ok(Some(None)),
            None => self.itertools_step(it).map(Some),
        }
    }

    /// One step of the iterators that call back into Python: their state
    /// is read in one borrow, the calls are made with no borrow held, and
    /// the new state is written back, as CPython's `*_next` functions do.
    fn itertools_step(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        enum S {
            Stop,
            Value(ObjRef),
            Int(i64),
            CountMax,
            CountSlow(ObjRef, ObjRef),
            Chain,
            Islice(ObjRef, isize, isize, isize, isize),
            Accumulate(ObjRef, Option<ObjRef>),
            Starmap(ObjRef, ObjRef),
            Cycle(Option<ObjRef>),
            Pairwise(ObjRef, Option<ObjRef>),
            ZipLongest(Vec<Option<ObjRef>>, ObjRef),
            Compress(ObjRef, ObjRef),
            DropWhile(ObjRef, ObjRef, bool),
            TakeWhile(ObjRef, ObjRef),
            FilterFalse(ObjRef, ObjRef),
        }
        let s = Vm::with_native_mut::<ItIter, _>(it, |st| match st {
            ItIter::Count { fast: Some(n), .. } => {
                if *n == i64::MAX {
                    S::CountMax
                } else {
                    *n += 1;
                    S::Int(*n - 1)
                }
            }
            ItIter::Count {
                cnt: Some(c),
                step: Some(s),
                ..
            } => S::CountSlow(c.clone(), s.clone()),
            ItIter::Repeat { obj, times } => match times {
                None => S::Value(obj.clone()),
                Some(0) => S::Stop,
                Some(n) => {
                    *n -= 1;
                    S::Value(obj.clone())
                }
            },
            ItIter::Chain { .. } => S::Chain,
            ItIter::Islice {
                it: Some(i),
                next,
                stop,
                step,
                cnt,
            } => S::Islice(i.clone(), *next, *stop, *step, *cnt),
            ItIter::Accumulate {
                it, func, initial, ..
            } => match initial.take() {
                Some(v) => S::Value(v),
                None => S::Accumulate(it.clone(), func.clone()),
            },
            ItIter::Starmap { func, it } => S::Starmap(func.clone(), it.clone()),
            ItIter::Cycle { it, .. } => S::Cycle(it.clone()),
            ItIter::Pairwise { it: Some(i), old } => S::Pairwise(i.clone(), old.clone()),
            ItIter::ZipLongest { its, active, fill } => {
                if its.is_empty() || *active == 0 {
                    S::Stop
                } else {
                    S::ZipLongest(its.clone(), fill.clone())
                }
            }
            ItIter::Compress { data, selectors } => S::Compress(data.clone(), selectors.clone()),
            ItIter::DropWhile { func, it, flag } => S::DropWhile(func.clone(), it.clone(), *flag),
            ItIter::TakeWhile { flag: true, .. } => S::Stop,
            ItIter::TakeWhile { func, it, .. } => S::TakeWhile(func.clone(), it.clone()),
            ItIter::FilterFalse { func, it } => S::FilterFalse(func.clone(), it.clone()),
            _ => S::Stop,
        });
        let set = |it: &ObjRef, f: &mut dyn FnMut(&mut ItIter)| {
            Vm::with_native_mut::<ItIter, _>(it, |st| f(st));
        };
        let Some(s) = s else { return Ok(None) };
        match s {
            S::Stop => Ok(None),
            S::Value(v) => {
                // Accumulate's initial value is also its first total.
                set(it, &mut |st| {
                    if let ItIter::Accumulate { total, .. } = st {
                        if total.is_none() {
                            *total = Some(v.clone());
                        }
                    }
                });
                Ok(Some(v))
            }
            S::Int(n) => self.new_int(n).map(Some),
            S::CountMax => {
                // Past the fast range: CPython's slow mode from here on.
                let c = self.new_int(i64::MAX)?;
                let one = self.new_int(1)?;
                set(it, &mut |st| {
                    if let ItIter::Count { fast, cnt, step } = st {
                        *fast = None;
                        *cnt = Some(c.clone());
                        *step = Some(one.clone());
                    }
                });
                self.itertools_step(it)
            }
            S::CountSlow(c, step) => {
                let n = self.binary_op(&c, &step, ouro_bytecode::BinOp::Add)?;
                set(it, &mut |st| {
                    if let ItIter::Count { cnt, .. } = st {
                        *cnt = Some(n.clone());
                    }
                });
                Ok(Some(c))
            }
            S::Chain => loop {
                let (source, active) = Vm::with_native::<ItIter, _>(it, |st| match st {
                    ItIter::Chain { source, active } => (source.clone(), active.clone()),
                    _ => (None, None),
                })
                .unwrap_or((None, None));
                let active = match active {
                    Some(a) => a,
                    None => {
                        let Some(src) = source else { return Ok(None) };
                        let clear = |it: &ObjRef| {
                            set(it, &mut |st| {
                                if let ItIter::Chain { source, .. } = st {
                                    *source = None;
                                }
                            })
                        };
                        let a = match self.next(&src) {
                            Ok(Some(x)) => self.iter(&x),
                            Ok(None) => {
                                clear(it);
                                return Ok(None);
                            }
                            Err(e) => Err(e),
                        };
                        match a {
                            Ok(a) => {
                                set(it, &mut |st| {
                                    if let ItIter::Chain { active, .. } = st {
                                        *active = Some(a.clone());
                                    }
                                });
                                a
                            }
                            Err(e) => {
                                clear(it);
                                return Err(e);
                            }
                        }
                    }
                };
                if let Some(v) = self.next(&active)? {
                    return Ok(Some(v));
                }
                set(it, &mut |st| {
                    if let ItIter::Chain { active, .. } = st {
                        *active = None;
                    }
                });
            },
            S::Islice(src, mut next, stop, step, mut cnt) => {
                let r = (|| -> PyResult<Option<ObjRef>> {
                    while cnt < next {
                        if self.next(&src)?.is_none() {
                            return Ok(None);
                        }
                        cnt += 1;
                    }
                    if stop != -1 && cnt >= stop {
                        return Ok(None);
                    }
                    let Some(v) = self.next(&src)? else {
                        return Ok(None);
                    };
                    cnt += 1;
                    let old = next;
                    next = next.wrapping_add(step);
                    if next < old || (stop != -1 && next > stop) {
                        next = stop;
                    }
                    Ok(Some(v))
                })();
                let done = !matches!(r, Ok(Some(_)));
                set(it, &mut |st| {
                    if let ItIter::Islice {
                        it: i,
                        next: n,
                        cnt: c,
                        ..
                    } = st
                    {
                        *n = next;
                        *c = cnt;
                        if done {
                            *i = None;
                        }
                    }
                });
                r
            }
            S::Accumulate(src, func) => {
                let Some(v) = self.next(&src)? else {
                    return Ok(None);
                };
                let total = Vm::with_native::<ItIter, _>(it, |st| match st {
                    ItIter::Accumulate { total, .. } => total.clone(),
                    _ => None,
                })
                .flatten();
                let new = match (total, func) {
                    (None, _) => v,
                    (Some(t), None) => self.binary_op(&t, &v, ouro_bytecode::BinOp::Add)?,
                    (Some(t), Some(f)) => self.call(&f, vec![t, v])?,
                };
                set(it, &mut |st| {
                    if let ItIter::Accumulate { total, .. } = st {
                        *total = Some(new.clone());
                    }
                });
                Ok(Some(new))
            }
            S::Starmap(func, src) => {
                let Some(a) = self.next(&src)? else {
                    return Ok(None);
                };
                let a = if self.is_exact(&a, T::Tuple) {
                    self.seq_items(&a)
                } else {
                    self.iterate(&a)?
                };
                self.call(&func, a).map(Some)
            }
            S::Cycle(src) => {
                if let Some(src) = src {
                    if let Some(v) = self.next(&src)? {
                        let v2 = v.clone();
                        set(it, &mut |st| {
                            if let ItIter::Cycle { saved, .. } = st {
                                saved.push(v2.clone());
                            }
                        });
                        return Ok(Some(v));
                    }
                    set(it, &mut |st| {
                        if let ItIter::Cycle { it, .. } = st {
                            *it = None;
                        }
                    });
                }
                Ok(Vm::with_native_mut::<ItIter, _>(it, |st| match st {
                    ItIter::Cycle { saved, index, .. } if !saved.is_empty() => {
                        let v = saved[*index].clone();
                        *index += 1;
                        if *index >= saved.len() {
                            *index = 0;
                        }
                        Some(v)
                    }
                    _ => None,
                })
                .flatten())
            }
            S::Pairwise(src, old) => {
                let clear = |it: &ObjRef| {
                    set(it, &mut |st| {
                        if let ItIter::Pairwise { it, old } = st {
                            *it = None;
                            *old = None;
                        }
                    })
                };
                let old = match old {
                    Some(o) => o,
                    None => match self.next(&src) {
                        Ok(Some(o)) => {
                            set(it, &mut |st| {
                                if let ItIter::Pairwise { old, .. } = st {
                                    *old = Some(o.clone());
                                }
                            });
                            o
                        }
                        r => {
                            clear(it);
                            return r;
                        }
                    },
                };
                let new = match self.next(&src) {
                    Ok(Some(n)) => n,
                    r => {
                        clear(it);
                        return r;
                    }
                };
                let t = self.new_tuple_of([old, new.clone()])?;
                set(it, &mut |st| {
                    if let ItIter::Pairwise { old, .. } = st {
                        *old = Some(new.clone());
                    }
                });
                Ok(Some(t))
            }
            S::ZipLongest(its, fill) => {
                let mut items = Vec::with_capacity(its.len());
                for (i, src) in its.iter().enumerate() {
                    let Some(src) = src else {
                        items.push(fill.clone());
                        continue;
                    };
                    let r = self.next(src);
                    match r {
                        Ok(Some(v)) => items.push(v),
                        _ => {
                            let mut last = false;
                            set(it, &mut |st| {
                                if let ItIter::ZipLongest { its, active, .. } = st {
                                    *active = active.saturating_sub(1);
                                    if *active == 0 || r.is_err() {
                                        *active = 0;
                                        last = true;
                                    } else if let Some(x) = its.get_mut(i) {
                                        *x = None;
                                    }
                                }
                            });
                            if last {
                                return r.map(|_| None);
                            }
                            items.push(fill.clone());
                        }
                    }
                }
                self.new_tuple(items).map(Some)
            }
            S::Compress(data, selectors) => loop {
                let Some(d) = self.next(&data)? else {
                    return Ok(None);
                };
                let Some(sel) = self.next(&selectors)? else {
                    return Ok(None);
                };
                if self.truthy(&sel)? {
                    return Ok(Some(d));
                }
            },
            S::DropWhile(func, src, started) => {
                if started {
                    return self.next(&src);
                }
                loop {
                    let Some(v) = self.next(&src)? else {
                        return Ok(None);
                    };
                    let good = self.call(&func, vec![v.clone()])?;
                    if !self.truthy(&good)? {
                        set(it, &mut |st| {
                            if let ItIter::DropWhile { flag, .. } = st {
                                *flag = true;
                            }
                        });
                        return Ok(Some(v));
                    }
                }
            }
            S::TakeWhile(func, src) => {
                let Some(v) = self.next(&src)? else {
                    return Ok(None);
                };
                let good = self.call(&func, vec![v.clone()])?;
                if self.truthy(&good)? {
                    return Ok(Some(v));
                }
                set(it, &mut |st| {
                    if let ItIter::TakeWhile { flag, .. } = st {
                        *flag = true;
                    }
                });
                Ok(None)
            }
            S::FilterFalse(func, src) => loop {
                let Some(v) = self.next(&src)? else {
                    return Ok(None);
                };
                let ok = if func.is(&self.none) {
                    self.truthy(&v)?
                } else {
                    let r = self.call(&func, vec![v.clone()])?;
                    self.truthy(&r)?
                };
                if !ok {
                    return Ok(Some(v));
                }
            },
        }
    }

    /// Whether `o` is an itertools iterator (or an instance of a subclass).
    pub(crate) fn is_itertools_iter(o: &ObjRef) -> bool {
        o.kind() == Kind::Native && Vm::with_native::<ItIter, _>(o, |_| ()).is_some()
    }
}

// ------------------------------------------------------------- methods

/// The `self` of a method of type `t`.
fn this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if Vm::is_itertools_iter(o) => Ok(o.clone()),
        Some(o) => {
            let tn = vm.type_name_of(o);
            Err(vm.type_error(format!(
                "descriptor '{name}' requires an itertools object but received a '{tn}'"
            )))
        }
        None => Err(vm.type_error(format!("descriptor '{name}' needs an argument"))),
    }
}

fn it_iter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this(vm, &args, "__iter__")
}

fn it_next(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = this(vm, &args, "__next__")?;
    match vm.itertools_next(&o)? {
        Some(Some(v)) => Ok(v),
        _ => {
            let none = vm.none.clone();
            Err(vm.stop_iteration(none))
        }
    }
}

fn repeat_length_hint(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = this(vm, &args, "__length_hint__")?;
    let times = Vm::with_native::<ItIter, _>(&o, |st| match st {
        ItIter::Repeat { times, .. } => Some(*times),
        _ => None,
    })
    .flatten();
    match times {
        Some(Some(n)) => vm.new_int(n as i64),
        _ => Err(vm.type_error("len() of unsized object")),
    }
}

/// `chain.from_iterable(iterable)`, a classmethod.
fn chain_from_iterable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(cls) = args.pos.first().cloned() else {
        return Err(vm.internal_error("classmethod without class"));
    };
    if !args.kw.is_empty() {
        return Err(vm.type_error("chain.from_iterable() takes no keyword arguments"));
    }
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "chain.from_iterable() takes exactly one argument ({} given)",
            args.pos.len() - 1
        )));
    }
    let source = vm.iter(&args.pos[1])?;
    alloc_iter(
        vm,
        &cls,
        ItIter::Chain {
            source: Some(source),
            active: None,
        },
    )
}

impl Vm {
    /// The reprs CPython gives `count` and `repeat` (named by the object's
    /// type, so a subclass shows its own name); None for the others.
    pub(crate) fn itertools_repr(&mut self, o: &ObjRef) -> PyResult<Option<String>> {
        enum R {
            Fast(i64),
            Slow(ObjRef, ObjRef),
            Repeat(ObjRef, Option<usize>),
        }
        let r = Vm::with_native::<ItIter, _>(o, |st| match st {
            ItIter::Count { fast: Some(n), .. } => Some(R::Fast(*n)),
            ItIter::Count {
                cnt: Some(c),
                step: Some(s),
                ..
            } => Some(R::Slow(c.clone(), s.clone())),
            ItIter::Repeat { obj, times } => Some(R::Repeat(obj.clone(), *times)),
            _ => None,
        })
        .flatten();
        let Some(r) = r else { return Ok(None) };
        let tn = self.type_name_of(o);
        Ok(Some(match r {
            R::Fast(n) => format!("{tn}({n})"),
            R::Slow(c, s) => {
                let cr = self.repr_string(&c)?;
                let step_one = self.is_instance_of(&s, T::Int)
                    && self.to_bigint(&s).is_some_and(|b| b == 1.into());
                if step_one {
                    format!("{tn}({cr})")
                } else {
                    let sr = self.repr_string(&s)?;
                    format!("{tn}({cr}, {sr})")
                }
            }
            R::Repeat(obj, times) => {
                self.enter_recursive(" while getting the repr of an object")?;
                let or = self.repr_string(&obj);
                self.leave_recursive();
                let or = or?;
                match times {
                    None => format!("{tn}({or})"),
                    Some(n) => format!("{tn}({or}, {n})"),
                }
            }
        }))
    }
}

/// Makes `_itertools`. The types' methods are added on the first import
/// (nothing else reaches the types), which keeps them out of every other
/// program's startup.
pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let first = TYPES[0].0;
    let ty0 = vm.ty(first).clone();
    if vm.type_lookup_str(&ty0, "__next__").is_none() {
        let methods: &[(&'static str, NativeFn)] = &[("__iter__", it_iter), ("__next__", it_next)];
        for &(t, _) in TYPES {
            for (name, f) in methods {
                vm.add_method(t, name, *f)?;
            }
        }
        vm.add_method(T::ItRepeat, "__length_hint__", repeat_length_hint)?;
        let f = vm.new_builtin_function("from_iterable", chain_from_iterable)?;
        let cm = vm.new_classmethod(f)?;
        let chain = vm.ty(T::ItChain).clone();
        let d = vm.type_dict(&chain)?;
        let key = vm.intern("from_iterable")?;
        vm.dict_set_str(&d, &key, cm)?;
        vm.method_cache.invalidate();
    }
    let m = vm.new_module("_itertools")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    for &(t, name) in TYPES {
        let key = vm.intern(name)?;
        let ty = vm.ty(t).clone();
        vm.dict_set_str(&d, &key, ty)?;
    }
    Ok(m)
}
