//! The VM's side of the cycle collector: driving a collection through its
//! phases (calling weakref callbacks and `__del__` where CPython's
//! `gc_collect_main` does), automatic collections at instruction
//! boundaries, and the `gc` module.
//!
//! The collector itself is `ouro_heap::gc`; `docs/GC.md` describes both.

use std::time::Instant;

use ouro_heap::gc::{self, Collection, NUM_GENERATIONS};
use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::trace::Val;
use crate::types::T;
use crate::vm::Vm;

/// The result of one collection: what `gc.collect()` returns is
/// `collected + uncollectable`.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Collected {
    pub collected: usize,
    pub uncollectable: usize,
}

impl Vm {
    /// CPython's `gc_collect_main`, the VM's part: runs a collection of
    /// `generation`, calling weakref callbacks and finalizers in their
    /// phases. None if a collection is already in progress.
    pub(crate) fn collect_main(&mut self, generation: usize) -> Option<Collected> {
        let debug = gc::debug_flags();
        let t1 = Instant::now();
        if debug & gc::DEBUG_STATS != 0 {
            let (sizes, permanent) = gc::generation_sizes();
            self.write_stderr(&format!(
                "gc: collecting generation {generation}...\n\
                 gc: objects in each generation: {} {} {}\n\
                 gc: objects in permanent generation: {permanent}\n",
                sizes[0], sizes[1], sizes[2]
            ));
        }
        let mut col = Collection::begin(generation)?;
        if self.tracer.is_some() {
            let c = col.counts();
            self.trace_event(
                "gc_start",
                &[
                    ("generation", Val::Int(generation as i64)),
                    ("examined", Val::Int(c.examined as i64)),
                    ("unreachable", Val::Int(c.unreachable as i64)),
                ],
            );
        }
        if debug & gc::DEBUG_COLLECTABLE != 0 {
            let objs = col.unreachable_objects();
            let mut text = String::new();
            for o in &objs {
                let tn = self.type_name_of(o);
                text.push_str(&format!("gc: collectable <{tn} {:#x}>\n", o.addr()));
            }
            drop(objs);
            self.write_stderr(&text);
        }
        // Weak references to the garbage are cleared; callbacks of the
        // reachable ones run now.
        col.handle_weakrefs();
        while let Some(wr) = col.next_weakref_callback() {
            let cb = wr.get::<ouro_heap::WeakRefObj>().and_then(|w| w.callback());
            if let Some(cb) = cb {
                if self.tracer.is_some() {
                    self.trace_event("weakref_callback", &[("id", Val::Int(wr.addr() as i64))]);
                }
                if let Err(e) = self.call(&cb, vec![wr.clone()]) {
                    self.report_unraisable(&cb, &e.0);
                }
            }
            col.weakref_callback_done(wr);
        }
        // PEP 442: `__del__` of every unreachable object, once.
        while let Some(obj) = col.next_to_finalize() {
            if self.tracer.is_some() {
                let tn = self.type_name_of(&obj);
                self.trace_event(
                    "del",
                    &[("id", Val::Int(obj.addr() as i64)), ("type", Val::Str(&tn))],
                );
            }
            self.finalize_now(&obj);
            drop(obj);
        }
        col.handle_resurrected_objects();
        let save_all = debug & gc::DEBUG_SAVEALL != 0;
        let mut saved = col.delete_garbage(save_all);
        let counts = col.counts();
        let (r, uncollectable) = col.finish(save_all);
        if self.viz.is_some() {
            let c = Collected {
                collected: r.collected,
                uncollectable: r.uncollectable,
            };
            self.viz_gc(generation, c, counts);
        }
        if self.tracer.is_some() {
            self.trace_event(
                "gc_done",
                &[
                    ("generation", Val::Int(generation as i64)),
                    ("examined", Val::Int(counts.examined as i64)),
                    ("unreachable", Val::Int(counts.unreachable as i64)),
                    ("weakrefs_cleared", Val::Int(counts.weakrefs_cleared as i64)),
                    ("finalizers", Val::Int(counts.finalizers as i64)),
                    ("resurrected", Val::Int(counts.resurrected as i64)),
                    ("collected", Val::Int(r.collected as i64)),
                    ("uncollectable", Val::Int(r.uncollectable as i64)),
                ],
            );
        }
        saved.extend(uncollectable);
        if debug & gc::DEBUG_STATS != 0 {
            let d = t1.elapsed().as_secs_f64();
            self.write_stderr(&format!(
                "gc: done, {} unreachable, {} uncollectable, {d:.4}s elapsed\n",
                r.collected + r.uncollectable,
                r.uncollectable
            ));
        }
        if !saved.is_empty() {
            let garbage = self.gc_garbage.clone();
            if let Some(mut l) = garbage.borrow_mut::<ouro_heap::ListObj>() {
                l.items.extend(saved);
            };
        }
        Some(Collected {
            collected: r.collected,
            uncollectable: r.uncollectable,
        })
    }

    /// `gc_collect_with_callback`: a collection framed by the `gc.callbacks`
    /// "start" and "stop" calls. Returns what `gc.collect()` returns.
    pub(crate) fn collect_with_callback(&mut self, generation: usize) -> usize {
        self.invoke_gc_callbacks("start", generation, Collected::default());
        let r = self.collect_main(generation).unwrap_or_default();
        self.invoke_gc_callbacks("stop", generation, r);
        r.collected + r.uncollectable
    }

    fn invoke_gc_callbacks(&mut self, phase: &str, generation: usize, r: Collected) {
        let cbs = self.seq_items(&self.gc_callbacks.clone());
        if cbs.is_empty() {
            return;
        }
        let info = match self.gc_info(generation, r) {
            Ok(i) => i,
            Err(e) => {
                let none = self.none.clone();
                self.report_unraisable(&none, &e.0);
                return;
            }
        };
        let Ok(phase) = self.new_str(phase) else {
            return;
        };
        // The list is read item by item: callbacks may change it.
        let mut i = 0;
        loop {
            let cb = {
                let l = self.gc_callbacks.borrow::<ouro_heap::ListObj>();
                match l.and_then(|l| l.items.get(i).cloned()) {
                    Some(cb) => cb,
                    None => break,
                }
            };
            if let Err(e) = self.call(&cb, vec![phase.clone(), info.clone()]) {
                self.report_unraisable(&cb, &e.0);
            }
            i += 1;
        }
    }

    fn gc_info(&mut self, generation: usize, r: Collected) -> PyResult<ObjRef> {
        let d = self.new_dict()?;
        for (k, v) in [
            ("generation", generation),
            ("collected", r.collected),
            ("uncollectable", r.uncollectable),
        ] {
            let k = self.new_str(k)?;
            let v = self.new_int(v as i64)?;
            self.dict_setitem(&d, k, v)?;
        }
        Ok(d)
    }

    /// An automatic collection, requested by allocations
    /// (`gc_collect_generations`); runs at an instruction boundary.
    pub(crate) fn collect_requested(&mut self) {
        if let Some(generation) = gc::take_request() {
            if gc::enter_collecting() {
                self.collect_with_callback(generation);
                gc::leave_collecting();
            }
        }
        ouro_heap::refresh_pending_events();
    }

    /// A full collection without callbacks (`_PyGC_CollectNoFail`), used at
    /// interpreter exit.
    pub(crate) fn collect_no_fail(&mut self) -> usize {
        if !gc::enter_collecting() {
            return 0;
        }
        let r = self.collect_main(NUM_GENERATIONS - 1).unwrap_or_default();
        gc::leave_collecting();
        r.collected + r.uncollectable
    }
}

// ------------------------------------------------------------ the module

fn int_arg(vm: &mut Vm, o: &ObjRef) -> PyResult<i64> {
    if o.kind() == Kind::Float {
        return Err(vm.type_error("'float' object cannot be interpreted as an integer"));
    }
    match Vm::int_of(o) {
        Some(v) if vm.is_instance_of(o, T::Int) => Ok(v),
        _ if vm.is_instance_of(o, T::Int) => {
            Err(vm.new_exc(T::OverflowError, "Python int too large to convert to C int"))
        }
        _ => {
            let tn = vm.type_name_of(o);
            Err(vm.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
        }
    }
}

/// Clinic's check for functions of one optional argument.
fn at_most_one(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<()> {
    if args.pos.len() > 1 {
        return Err(vm.type_error(format!(
            "{fname}() takes at most 1 argument ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

fn gc_enable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.enable")?;
    gc::set_enabled(true);
    Ok(vm.none.clone())
}

fn gc_disable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.disable")?;
    gc::set_enabled(false);
    Ok(vm.none.clone())
}

fn gc_isenabled(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.isenabled")?;
    Ok(vm.new_bool(gc::is_enabled()))
}

fn gc_collect(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw = args.take_kw(vm, "generation");
    args.no_more_kw(vm, "collect")?;
    at_most_one(vm, &args, "collect")?;
    if kw.is_some() && !args.pos.is_empty() {
        return Err(
            vm.type_error("argument for collect() given by name ('generation') and position (1)")
        );
    }
    let generation = match args.pos.first().or(kw.as_ref()) {
        Some(o) => int_arg(vm, o)?,
        None => NUM_GENERATIONS as i64 - 1,
    };
    if !(0..NUM_GENERATIONS as i64).contains(&generation) {
        return Err(vm.value_error("invalid generation"));
    }
    let n = if gc::enter_collecting() {
        let n = vm.collect_with_callback(generation as usize);
        gc::leave_collecting();
        n
    } else {
        0
    };
    vm.new_int(n as i64)
}

fn gc_get_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.get_count")?;
    let c = gc::counts();
    let items = c
        .iter()
        .map(|&v| vm.new_int(v))
        .collect::<PyResult<Vec<_>>>()?;
    vm.new_tuple(items)
}

fn gc_get_threshold(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.get_threshold")?;
    let t = gc::thresholds();
    let items = t
        .iter()
        .map(|&v| vm.new_int(v))
        .collect::<PyResult<Vec<_>>>()?;
    vm.new_tuple(items)
}

fn gc_set_threshold(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "set_threshold")?;
    let n = args.pos.len();
    if n == 0 {
        return Err(vm.type_error("set_threshold() takes at least 1 argument (0 given)"));
    }
    if n > 3 {
        return Err(vm.type_error(format!(
            "set_threshold() takes at most 3 arguments ({n} given)"
        )));
    }
    let mut t = [None; NUM_GENERATIONS];
    for (i, o) in args.pos.iter().enumerate() {
        let v = int_arg(vm, o)?;
        if v > i32::MAX as i64 || v < i32::MIN as i64 {
            let msg = if v > 0 {
                "signed integer is greater than maximum"
            } else {
                "signed integer is less than minimum"
            };
            return Err(vm.new_exc(T::OverflowError, msg));
        }
        t[i] = Some(v);
    }
    gc::set_thresholds(t);
    Ok(vm.none.clone())
}

fn gc_get_debug(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.get_debug")?;
    vm.new_int(gc::debug_flags() as i64)
}

fn gc_set_debug(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "gc.set_debug")?;
    args.exactly_one(vm, "gc.set_debug")?;
    let v = int_arg(vm, &args.pos[0])?;
    gc::set_debug_flags(v as u32);
    Ok(vm.none.clone())
}

fn gc_get_objects(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw = args.take_kw(vm, "generation");
    args.no_more_kw(vm, "get_objects")?;
    at_most_one(vm, &args, "get_objects")?;
    let generation = match args.pos.first().or(kw.as_ref()) {
        Some(o) if o.is(&vm.none) => None,
        Some(o) => {
            if !vm.is_instance_of(o, T::Int) {
                let tn = vm.type_name_of(o);
                return Err(
                    vm.type_error(format!("argument should be integer or None, not '{tn}'"))
                );
            }
            let g = match Vm::int_of(o) {
                Some(g) => g,
                None => match vm.to_bigint(o) {
                    Some(b) if b.sign() == num_bigint::Sign::Minus => i64::MIN,
                    _ => i64::MAX,
                },
            };
            if g == -1 {
                return vm.new_list(gc::objects(None));
            }
            if g >= NUM_GENERATIONS as i64 {
                return Err(vm.value_error(format!(
                    "generation parameter must be less than the number of available generations ({NUM_GENERATIONS})"
                )));
            }
            if g < 0 {
                return Err(vm.value_error("generation parameter cannot be negative"));
            }
            Some(g as usize)
        }
        None => None,
    };
    let objs = gc::objects(generation);
    vm.new_list(objs)
}

fn gc_get_stats(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.get_stats")?;
    let stats = gc::stats();
    let mut out = Vec::new();
    for s in stats {
        let d = vm.new_dict()?;
        for (k, v) in [
            ("collections", s.collections),
            ("collected", s.collected),
            ("uncollectable", s.uncollectable),
        ] {
            let k = vm.new_str(k)?;
            let v = vm.new_int(v as i64)?;
            vm.dict_setitem(&d, k, v)?;
        }
        out.push(d);
    }
    vm.new_list(out)
}

fn gc_is_tracked(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "is_tracked")?;
    args.exactly_one(vm, "gc.is_tracked")?;
    Ok(vm.new_bool(gc::is_tracked(&args.pos[0])))
}

fn gc_is_finalized(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "is_finalized")?;
    args.exactly_one(vm, "gc.is_finalized")?;
    Ok(vm.new_bool(gc::is_finalized(&args.pos[0])))
}

fn gc_get_referrers(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "get_referrers")?;
    let found = gc::referrers(&args.pos, &[]);
    vm.new_list(found)
}

fn gc_get_referents(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "get_referents")?;
    let mut out = Vec::new();
    for o in &args.pos {
        out.extend(gc::referents(o));
    }
    vm.new_list(out)
}

fn gc_freeze(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.freeze")?;
    gc::freeze();
    Ok(vm.none.clone())
}

fn gc_unfreeze(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.unfreeze")?;
    gc::unfreeze();
    Ok(vm.none.clone())
}

fn gc_get_freeze_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.none(vm, "gc.get_freeze_count")?;
    vm.new_int(gc::freeze_count() as i64)
}

/// Makes the `gc` module.
pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("gc")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, crate::natives::NativeFn)] = &[
        ("enable", gc_enable),
        ("disable", gc_disable),
        ("isenabled", gc_isenabled),
        ("set_debug", gc_set_debug),
        ("get_debug", gc_get_debug),
        ("get_count", gc_get_count),
        ("set_threshold", gc_set_threshold),
        ("get_threshold", gc_get_threshold),
        ("collect", gc_collect),
        ("get_objects", gc_get_objects),
        ("get_stats", gc_get_stats),
        ("is_tracked", gc_is_tracked),
        ("is_finalized", gc_is_finalized),
        ("get_referrers", gc_get_referrers),
        ("get_referents", gc_get_referents),
        ("freeze", gc_freeze),
        ("unfreeze", gc_unfreeze),
        ("get_freeze_count", gc_get_freeze_count),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    let garbage = vm.gc_garbage.clone();
    let callbacks = vm.gc_callbacks.clone();
    for (k, v) in [("garbage", garbage), ("callbacks", callbacks)] {
        let k = vm.intern(k)?;
        vm.dict_set_str(&d, &k, v)?;
    }
    for (k, v) in [
        ("DEBUG_STATS", gc::DEBUG_STATS),
        ("DEBUG_COLLECTABLE", gc::DEBUG_COLLECTABLE),
        ("DEBUG_UNCOLLECTABLE", gc::DEBUG_UNCOLLECTABLE),
        ("DEBUG_SAVEALL", gc::DEBUG_SAVEALL),
        ("DEBUG_LEAK", gc::DEBUG_LEAK),
    ] {
        let k = vm.intern(k)?;
        let v = vm.new_int(v as i64)?;
        vm.dict_set_str(&d, &k, v)?;
    }
    Ok(m)
}
