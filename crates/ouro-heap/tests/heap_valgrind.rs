//! A deterministic workout of the object heap, small enough for valgrind's
//! memcheck (`harness = false`: a plain `main`, no test threads, no
//! randomness from the environment).
//!
//! Phases: allocate objects of every layout and free them; tear down deep
//! structures (depth 100 000) on a thread with a 256 KiB stack; churn dict
//! tables against a model; run the finalizer queue (release order,
//! resurrection, the floor); run the cycle collector over cycles of every
//! container shape with weakrefs and a resurrection. After each phase the live object counts and the
//! allocator's live blocks must be back where they started; at the end the
//! thread's heap is empty, so `HeapState::drop` releases the allocator (objects
//! still alive at thread exit would be leaked on purpose, and reported).
//!
//! Exits 1 on any mismatch (and 101 on a panic). Run it under memcheck with
//! `crates/ouro-heap/tests/valgrind.sh`.

mod common;

use std::process::ExitCode;

use common::*;
use ouro_heap::heap::alloc_stats;
use ouro_heap::{
    alloc_object, alloc_tuple, flags, heap_stats, pending_finalizer_count, set_finalizer_floor,
    tflags, DictObj, DictTable, ExceptionObj, FloatObj, Kind, ObjRef, SliceObj, UnitObj,
};

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Default)]
struct Checks {
    failures: Vec<String>,
    count: usize,
}

impl Checks {
    fn eq<T: PartialEq + std::fmt::Debug>(&mut self, what: &str, got: T, want: T) {
        self.count += 1;
        if got != want {
            self.failures
                .push(format!("{what}: got {got:?}, want {want:?}"));
        }
    }
}

/// Live objects per kind and live allocator blocks, once the float free
/// list has given its blocks back (as a full collection does).
fn snapshot() -> (Vec<usize>, usize) {
    ouro_heap::heap::clear_free_lists();
    (heap_stats().live.to_vec(), alloc_stats().blocks_in_use)
}

fn phase_every_layout(c: &mut Checks) {
    let fx = Fx::new();
    let before = snapshot();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP | tflags::T_HAS_ATTRS);
    let exc_ty = fx.new_type(Kind::Exception, 0);
    let slice_ty = fx.new_type(Kind::Slice, 0);
    let mut objs: Vec<ObjRef> = Vec::new();
    for i in 0..2000i64 {
        let o = match i % 12 {
            0 => fx.int(i),
            1 => alloc_object(&fx.int_ty, FloatObj { value: i as f64 }, false).unwrap(),
            2 => fx.str(&"ab".repeat((i % 300) as usize)),
            3 => fx.str(&"é€".repeat((i % 50) as usize)),
            4 => fx.tuple((0..i % 7).map(|j| fx.int(j)).collect()),
            5 => alloc_tuple(&fx.tuple_ty, vec![fx.int(i)], true).unwrap(),
            6 => fx.list((0..i % 40).map(|j| fx.int(j)).collect()),
            7 => fx.dict((0..i % 30).map(|j| (fx.int(j), fx.str("v"))).collect()),
            8 => fx.cell(objs.last().cloned()),
            9 => fx.instance(
                &cls,
                vec![(fx.str("a"), fx.int(i)), (fx.str("b"), fx.list(vec![]))],
            ),
            10 => alloc_object(
                &exc_ty,
                ExceptionObj {
                    args: fx.tuple(vec![fx.str("msg")]),
                    traceback: None,
                    context: objs.last().cloned(),
                    cause: None,
                    suppress_context: false,
                    notes: None,
                },
                true,
            )
            .unwrap(),
            _ => alloc_object(
                &slice_ty,
                SliceObj {
                    start: fx.int(0),
                    stop: fx.int(i),
                    step: fx.native("step", vec![]),
                },
                false,
            )
            .unwrap(),
        };
        objs.push(o);
    }
    // Sizes of a few layouts (the design targets).
    c.eq(
        "object() size",
        alloc_object(&fx.object_ty, UnitObj, false)
            .unwrap()
            .alloc_size(),
        16,
    );
    c.eq(
        "instance size",
        alloc_object(&cls, UnitObj, true).unwrap().alloc_size(),
        56,
    );
    c.eq("() size", fx.tuple(vec![]).alloc_size(), 40);
    c.eq("'abc' size", fx.str("abc").alloc_size(), 43);
    c.eq("class refcount", cls.refcount() as usize, 1 + 2000 / 12);
    // Free in a scrambled order.
    let mut rng = Rng(0x5EED);
    while !objs.is_empty() {
        let i = rng.below(objs.len() as u64) as usize;
        objs.swap_remove(i);
    }
    take_log();
    drop((cls, exc_ty, slice_ty));
    c.eq("every layout: live objects and blocks", snapshot(), before);
}

fn phase_deep(c: &mut Checks) {
    const DEPTH: usize = 100_000;
    let fx = Fx::new();
    let before = snapshot();

    let mut cur = fx.list(vec![]);
    for _ in 1..DEPTH {
        cur = fx.list(vec![cur]);
    }
    c.eq(
        "deep list: live lists",
        heap_stats().live[Kind::List as usize],
        DEPTH,
    );
    drop(cur);
    c.eq("deep list freed", snapshot(), before.clone());

    let cls = fx.new_type(Kind::Object, tflags::T_HEAP);
    let name = fx.str("next");
    let mut cur = fx.instance(&cls, vec![]);
    for _ in 1..DEPTH {
        cur = fx.instance(&cls, vec![(name.clone(), cur)]);
    }
    drop(cur);
    c.eq("attrs chain: class refcount", cls.refcount(), 1);
    drop((cls, name));
    c.eq("attrs chain freed", snapshot(), before.clone());

    let mut cur = fx.native("bottom", vec![]);
    for i in 0..DEPTH {
        cur = match i % 5 {
            0 => fx.tuple(vec![cur, fx.int(i as i64)]),
            1 => fx.dict(vec![(fx.str("k"), cur)]),
            2 => fx.cell(Some(cur)),
            3 => fx.native("n", vec![cur]),
            _ => fx.list(vec![fx.int(0), cur]),
        };
    }
    drop(cur);
    let log = take_log();
    c.eq("mixed chain: natives torn down", log.len(), 1 + DEPTH / 5);
    c.eq(
        "mixed chain: bottom last",
        log.last().cloned(),
        Some("bottom".to_owned()),
    );
    c.eq("mixed chain freed", snapshot(), before);
}

fn phase_small_stack(c: &mut Checks) {
    // The same on a thread whose stack could not hold a recursive teardown.
    let result = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let mut c = Checks::default();
            {
                let fx = Fx::new();
                let before = snapshot();
                let mut cur = fx.list(vec![]);
                for _ in 1..100_000 {
                    cur = fx.list(vec![cur]);
                }
                drop(cur);
                c.eq("small stack: deep list freed", snapshot(), before);
            }
            c.eq("small stack: thread heap empty", snapshot().1, 0);
            (c.failures, c.count)
        })
        .unwrap()
        .join();
    match result {
        Ok((failures, count)) => {
            c.failures.extend(failures);
            c.count += count;
        }
        Err(_) => c.failures.push("small stack thread panicked".to_owned()),
    }
}

fn hash_of(id: u32) -> i64 {
    match id % 5 {
        0 => 0,
        1 => 8,
        2 => -1,
        _ => (id as i64).wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64),
    }
}

fn phase_dict_churn(c: &mut Checks) {
    let fx = Fx::new();
    let before = snapshot();
    let mut rng = Rng(0xD1C7);
    // A dict object, so the table lives (and dies) inside the heap.
    let d = alloc_object(
        &fx.dict_ty,
        DictObj {
            table: DictTable::new(),
        },
        false,
    )
    .unwrap();
    let mut model: Vec<(i64, u32, u32)> = Vec::new();
    for step in 0..30_000u32 {
        let id = rng.below(200) as u32;
        let h = hash_of(id);
        let mut p = d.borrow_mut::<DictObj>().unwrap();
        let found = p.table.lookup(h, |k| int_value(k) == id as i64);
        let mpos = model.iter().position(|e| e.1 == id);
        c.eq("churn: lookup agrees", found.is_some(), mpos.is_some());
        match (rng.below(3), found, mpos) {
            (0 | 1, Some(pos), Some(m)) => {
                let old = p.table.replace_value(pos, fx.int(step as i64));
                c.eq(
                    "churn: replaced value",
                    old.map(|o| int_value(&o)),
                    Some(model[m].2 as i64),
                );
                model[m].2 = step;
            }
            (0 | 1, None, None) => {
                p.table
                    .insert_new(h, fx.int(id as i64), fx.int(step as i64));
                model.push((h, id, step));
            }
            (_, Some(pos), Some(m)) => {
                let (k, v) = p.table.remove_at(pos).unwrap();
                let (_, mk, mv) = model.remove(m);
                c.eq(
                    "churn: removed",
                    (int_value(&k), int_value(&v)),
                    (mk as i64, mv as i64),
                );
            }
            _ => {}
        }
        c.eq("churn: len", p.table.len(), model.len());
        if step % 1000 == 0 {
            let order: Vec<(i64, u32, u32)> = p
                .table
                .iter()
                .map(|e| (e.hash, int_value(&e.key) as u32, int_value(&e.value) as u32))
                .collect();
            c.eq("churn: insertion order", order, model.clone());
        }
    }
    // Drain the last third with popitem (no inserts after it).
    {
        let mut p = d.borrow_mut::<DictObj>().unwrap();
        for _ in 0..model.len() / 3 {
            let got = p
                .table
                .pop_last()
                .map(|(k, v)| (int_value(&k), int_value(&v)));
            let want = model.pop().map(|(_, k, v)| (k as i64, v as i64));
            c.eq("churn: pop_last", got, want);
        }
    }
    // The rest goes with the dict object.
    drop(d);
    c.eq("dict churn freed", snapshot(), before);
}

fn phase_finalizers(c: &mut Checks) {
    let fx = Fx::new();
    let before = snapshot();
    let fin_ty = fx.new_type(Kind::Native, tflags::T_HEAP | tflags::T_HAS_DEL);
    let fin = |label: &str, kids: Vec<ObjRef>| native_of(&fin_ty, label, kids, true);
    let run = || {
        let mut ran = Vec::new();
        while let Some(o) = take_pending_finalizer() {
            ran.push(label_of(&o));
            set_finalizer_floor(pending_finalizer_count());
            o.set_flag(flags::F_FINALIZED, true);
            drop(o);
            set_finalizer_floor(0);
        }
        ran
    };

    // Release order of a container; a finalizer uncovering more.
    let l = fx.list(vec![
        fin("A", vec![]),
        fin("B", vec![fin("B1", vec![]), fin("B2", vec![])]),
        fx.native("plain", vec![]),
        fin("C", vec![]),
    ]);
    drop(l);
    c.eq("finalizers: queued", pending_finalizer_count(), 3);
    c.eq(
        "finalizers: order",
        run(),
        ["C", "B", "B1", "B2", "A"].map(String::from).to_vec(),
    );

    // Resurrection: kept alive once, not queued again.
    drop(fin("R", vec![fx.list(vec![fx.int(1)])]));
    let r = take_pending_finalizer().unwrap();
    let keep = r.clone();
    r.set_flag(flags::F_FINALIZED, true);
    drop(r);
    c.eq("resurrected: alive", keep.refcount(), 1);
    drop(keep);
    c.eq(
        "resurrected: not queued again",
        pending_finalizer_count(),
        0,
    );

    // The floor.
    drop(fin("X", vec![]));
    set_finalizer_floor(1);
    drop(fx.list(vec![fin("Y", vec![]), fin("Z", vec![])]));
    set_finalizer_floor(0);
    c.eq(
        "floor: order",
        run(),
        ["Z", "Y", "X"].map(String::from).to_vec(),
    );

    // A finalizable object at the bottom of a deep chain.
    let mut cur = fin("deep", vec![]);
    for _ in 0..100_000 {
        cur = fx.list(vec![cur]);
    }
    drop(cur);
    c.eq("deep finalizer", run(), vec!["deep".to_owned()]);
    c.eq("finalizer type refcount", fin_ty.refcount(), 1);
    drop(fin_ty);
    take_log();
    c.eq("finalizers freed", snapshot(), before);
}

fn phase_release_order(c: &mut Checks) {
    let fx = Fx::new();
    let a = fx.list(vec![fx.native("C", vec![]), fx.native("D", vec![])]);
    drop(fx.list(vec![a, fx.native("B", vec![])]));
    c.eq(
        "list [[C, D], B]",
        take_log(),
        ["B", "D", "C"].map(String::from).to_vec(),
    );
    let d = fx.dict(vec![
        (fx.native("k1", vec![]), fx.native("v1", vec![])),
        (fx.native("k2", vec![]), fx.native("v2", vec![])),
    ]);
    drop(d);
    c.eq(
        "dict",
        take_log(),
        ["k1", "v1", "k2", "v2"].map(String::from).to_vec(),
    );
}

/// The cycle collector: cycles of every container shape, with weakrefs,
/// finalizable members and a resurrection, collected until nothing is left.
fn phase_collector(c: &mut Checks) {
    use ouro_heap::gc::{self, Collection};
    use ouro_heap::{weakref, ListObj};
    fn full(mut keep: impl FnMut(ObjRef)) -> usize {
        let mut col = Collection::begin(2).expect("no collection running");
        col.handle_weakrefs();
        while let Some(wr) = col.next_weakref_callback() {
            col.weakref_callback_done(wr);
        }
        while let Some(o) = col.next_to_finalize() {
            keep(o);
        }
        col.handle_resurrected_objects();
        col.delete_garbage(false);
        let (r, _) = col.finish(false);
        r.collected
    }
    let fx = Fx::new();
    let cls = fx.new_type(Kind::Object, tflags::T_HEAP | tflags::T_HAS_DEL);
    let wr_ty = fx.new_type(Kind::WeakRef, 0);
    full(drop);
    let before = snapshot();
    let mut rng = Rng(0x5EED_C0FF_EE00_0001);
    let mut watchers = Vec::new();
    for round in 0..200 {
        let l = fx.list(vec![fx.int(round)]);
        let inst = fx.instance(&cls, vec![(fx.str("l"), l.clone())]);
        let d = fx.dict(vec![(fx.str("i"), inst.clone())]);
        gc::track(&d);
        let n = fx.native("n", vec![d]);
        l.borrow_mut::<ListObj>().unwrap().items.push(n);
        if rng.below(3) == 0 {
            let cb = Some(fx.int(round));
            watchers.push(weakref::new_weakref(&wr_ty, &inst, cb, 0, false).unwrap());
        }
        if rng.below(4) == 0 {
            let inner = weakref::new_weakref(&wr_ty, &inst, None, 0, false).unwrap();
            set_attrs(&inst, vec![(fx.str("w"), inner)]);
        }
    }
    take_log();
    // First pass: one finalizable instance resurrects (held, then let go):
    // its own cycle survives, the 199 others (4 or 5 objects each) go.
    let mut held = None;
    let first = full(|o| {
        if held.is_none() {
            held = Some(o);
        }
    });
    c.count += 1;
    if !(199 * 4..=199 * 5).contains(&first) {
        c.failures
            .push(format!("first collection found {first} objects"));
    }
    drop(held);
    let second = full(drop);
    c.count += 1;
    if !(4..=5).contains(&second) {
        c.failures.push(format!(
            "the resurrected cycle: {second} objects, want 4 or 5"
        ));
    }
    c.eq("third collection finds nothing", full(drop), 0);
    c.eq(
        "every watched referent is dead",
        watchers.iter().all(|w| weakref::referent(w).is_none()),
        true,
    );
    drop(watchers);
    c.eq("weak table empty", weakref::referent_count(), 0);
    c.eq("collector: back to the start", snapshot(), before);
}

fn run() -> Checks {
    let mut c = Checks::default();
    phase_every_layout(&mut c);
    phase_deep(&mut c);
    phase_small_stack(&mut c);
    phase_dict_churn(&mut c);
    phase_finalizers(&mut c);
    phase_release_order(&mut c);
    phase_collector(&mut c);
    // Every fixture is gone: the heap is empty, so nothing is leaked on
    // purpose at thread exit.
    c.eq("heap empty: live objects", heap_stats().live_total(), 0);
    c.eq("heap empty: live blocks", alloc_stats().blocks_in_use, 0);
    c.eq(
        "heap empty: pending finalizers",
        pending_finalizer_count(),
        0,
    );
    c
}

fn main() -> ExitCode {
    let c = run();
    for f in &c.failures {
        eprintln!("heap_valgrind: FAIL {f}");
    }
    if c.failures.is_empty() {
        println!("heap_valgrind: {} checks passed", c.count);
        ExitCode::SUCCESS
    } else {
        eprintln!(
            "heap_valgrind: {} of {} checks failed",
            c.failures.len(),
            c.count
        );
        ExitCode::FAILURE
    }
}
