//! The compact ordered hash table behind `dict`, checked against a model: a
//! `Vec` of (hash, key id, value id) in insertion order. Keys and values are
//! real int objects (the key's value is its id), so the table handles real
//! counted references; equality callbacks compare ids.

mod common;

use std::sync::mpsc::{channel, RecvTimeoutError};
use std::time::Duration;

use common::*;
use ouro_heap::{heap_stats, DictTable, ObjRef};
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;

/// Key ids range over `0..IDS`.
const IDS: u32 = 48;

/// Hashes with many exact collisions (ids equal mod 7 share one hash, except
/// residue 6) and slot collisions (0, 8, 16 share slot 0 in small tables),
/// plus the extremes.
fn hash_of(id: u32) -> i64 {
    match id % 7 {
        0 => 0,
        1 => 8,
        2 => 16,
        3 => -1,
        4 => i64::MIN,
        5 => i64::MAX,
        _ => (id as i64).wrapping_mul(0x9E37_79B9_7F4A_7C15u64 as i64),
    }
}

#[derive(Clone, Debug)]
enum Op {
    /// `d[id] = val`: replace if present, else insert.
    Set(u32, u32),
    Get(u32),
    Del(u32),
    Candidates(u32),
    PopLast,
    Take,
}

fn id() -> impl Strategy<Value = u32> {
    0..IDS
}

/// Operations that may insert, with no `pop_last` (see
/// `lookup_terminates_after_insert_and_pop_last_cycles` for why the two are
/// kept apart in the main property).
fn insert_ops() -> impl Strategy<Value = Op> {
    prop_oneof![
        6 => (id(), any::<u32>()).prop_map(|(k, v)| Op::Set(k, v)),
        3 => id().prop_map(Op::Get),
        3 => id().prop_map(Op::Del),
        1 => id().prop_map(Op::Candidates),
        1 => Just(Op::Take),
    ]
}

/// Operations that never insert.
fn shrink_ops() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => Just(Op::PopLast),
        2 => id().prop_map(Op::Get),
        2 => id().prop_map(Op::Del),
        1 => id().prop_map(Op::Candidates),
    ]
}

fn any_op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (id(), any::<u32>()).prop_map(|(k, v)| Op::Set(k, v)),
        2 => id().prop_map(Op::Get),
        2 => id().prop_map(Op::Del),
        3 => Just(Op::PopLast),
        1 => id().prop_map(Op::Candidates),
        1 => Just(Op::Take),
    ]
}

struct Harness<'a> {
    fx: &'a Fx,
    table: DictTable,
    model: Vec<(i64, u32, u32)>,
    /// `insert_new` calls since the table was last emptied by `take_entries`.
    inserts: usize,
    /// If set, a `Set` of a new key beyond this many inserts becomes a `Get`.
    insert_cap: Option<usize>,
}

fn key_id(k: &ObjRef) -> u32 {
    int_value(k) as u32
}

impl<'a> Harness<'a> {
    fn new(fx: &'a Fx, insert_cap: Option<usize>) -> Harness<'a> {
        Harness {
            fx,
            table: DictTable::new(),
            model: Vec::new(),
            inserts: 0,
            insert_cap,
        }
    }

    fn model_pos(&self, id: u32) -> Option<usize> {
        self.model.iter().position(|&(_, k, _)| k == id)
    }

    /// Looks `id` up, checking that the callback only sees keys of that hash.
    fn lookup(&self, id: u32) -> Result<Option<usize>, TestCaseError> {
        let h = hash_of(id);
        let mut foreign = None;
        let pos = self.table.lookup(h, |k| {
            let kid = key_id(k);
            if hash_of(kid) != h {
                foreign = Some(kid);
            }
            kid == id
        });
        prop_assert_eq!(foreign, None, "eq called with a key of another hash");
        if let Some(p) = pos {
            let e = self.table.entry(p).expect("lookup returns a live entry");
            prop_assert_eq!(key_id(&e.key), id);
            prop_assert_eq!(e.hash, h);
        }
        Ok(pos)
    }

    fn apply(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Set(id, val) => {
                let found = self.lookup(id)?;
                let mp = self.model_pos(id);
                prop_assert_eq!(found.is_some(), mp.is_some());
                match (found, mp) {
                    (Some(p), Some(m)) => {
                        let old = self.table.replace_value(p, self.fx.int(val as i64));
                        let old = old.expect("replace at a live position");
                        prop_assert_eq!(int_value(&old), self.model[m].2 as i64);
                        prop_assert_eq!(old.refcount(), 1);
                        self.model[m].2 = val;
                    }
                    _ => {
                        if self.insert_cap.is_some_and(|cap| self.inserts >= cap) {
                            return Ok(());
                        }
                        let h = hash_of(id);
                        self.table
                            .insert_new(h, self.fx.int(id as i64), self.fx.int(val as i64));
                        self.inserts += 1;
                        self.model.push((h, id, val));
                    }
                }
            }
            Op::Get(id) => {
                let found = self.lookup(id)?;
                let mp = self.model_pos(id);
                prop_assert_eq!(found.is_some(), mp.is_some());
                if let (Some(p), Some(m)) = (found, mp) {
                    let v = int_value(&self.table.entry(p).unwrap().value);
                    prop_assert_eq!(v, self.model[m].2 as i64);
                }
            }
            Op::Del(id) => {
                let found = self.lookup(id)?;
                let mp = self.model_pos(id);
                prop_assert_eq!(found.is_some(), mp.is_some());
                if let (Some(p), Some(m)) = (found, mp) {
                    let (k, v) = self.table.remove_at(p).expect("remove a live entry");
                    let (_, mk, mv) = self.model.remove(m);
                    prop_assert_eq!(key_id(&k), mk);
                    prop_assert_eq!(int_value(&v), mv as i64);
                    prop_assert_eq!((k.refcount(), v.refcount()), (1, 1));
                    prop_assert!(self.table.remove_at(p).is_none(), "removed twice");
                    prop_assert!(self.table.entry(p).is_none());
                }
            }
            Op::Candidates(id) => {
                // Positions of the entries with this hash in probe order; like
                // CPython's lookup loop, the probe may visit a slot twice, so
                // a position may repeat. They must be exactly the keys an
                // unsuccessful lookup compares, in the same order...
                let h = hash_of(id);
                let cands = self.table.candidates(h);
                let mut compared = Vec::new();
                let none = self.table.lookup(h, |k| {
                    compared.push(key_id(k));
                    false
                });
                prop_assert!(none.is_none());
                let mut got: Vec<u32> = cands
                    .iter()
                    .map(|&p| {
                        let e = self.table.entry(p).expect("candidates are live");
                        assert_eq!(e.hash, h);
                        key_id(&e.key)
                    })
                    .collect();
                prop_assert_eq!(&got, &compared);
                // ... and, without repeats, the live keys of that hash.
                let mut want: Vec<u32> = self
                    .model
                    .iter()
                    .filter(|e| e.0 == h)
                    .map(|e| e.1)
                    .collect();
                got.sort_unstable();
                got.dedup();
                want.sort_unstable();
                prop_assert_eq!(got, want);
            }
            Op::PopLast => {
                let got = self.table.pop_last();
                let want = self.model.pop();
                match (got, want) {
                    (None, None) => {}
                    (Some((k, v)), Some((_, mk, mv))) => {
                        prop_assert_eq!(key_id(&k), mk);
                        prop_assert_eq!(int_value(&v), mv as i64);
                    }
                    (g, w) => prop_assert!(false, "pop_last {:?} vs model {:?}", g, w),
                }
            }
            Op::Take => {
                let got: Vec<(i64, u32, u32)> = self
                    .table
                    .take_entries()
                    .into_iter()
                    .map(|e| (e.hash, key_id(&e.key), int_value(&e.value) as u32))
                    .collect();
                prop_assert_eq!(got, std::mem::take(&mut self.model));
                self.inserts = 0;
            }
        }
        self.check()
    }

    fn check(&self) -> Result<(), TestCaseError> {
        prop_assert_eq!(self.table.len(), self.model.len());
        prop_assert_eq!(self.table.is_empty(), self.model.is_empty());
        prop_assert!(self.table.end_pos() >= self.table.len());
        let order: Vec<(i64, u32, u32)> = self
            .table
            .iter()
            .map(|e| (e.hash, key_id(&e.key), int_value(&e.value) as u32))
            .collect();
        prop_assert_eq!(&order, &self.model, "iteration order is insertion order");
        // Lookups find exactly the live keys.
        for id in 0..IDS {
            let found = self.lookup(id)?;
            prop_assert_eq!(found.is_some(), self.model_pos(id).is_some(), "key {}", id);
        }
        Ok(())
    }
}

fn run_case(ops: &[&[Op]], insert_cap: Option<usize>) -> Result<(), TestCaseError> {
    let fx = Fx::new();
    let base = heap_stats();
    {
        let mut h = Harness::new(&fx, insert_cap);
        for phase in ops {
            for op in phase.iter() {
                h.apply(op)?;
            }
        }
        // The table owns one count of each live key and value.
        prop_assert_eq!(live_total(), base.live_total() + 2 * h.model.len());
    }
    prop_assert_eq!(
        heap_stats().live,
        base.live,
        "dropping the table frees everything"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Random inserts, replacements, lookups and removals (growing through
    /// several resizes), then a phase of `pop_last` mixed with lookups and
    /// removals.
    #[test]
    fn dict_table_matches_the_model(
        grow in prop::collection::vec(insert_ops(), 0..300),
        shrink in prop::collection::vec(shrink_ops(), 0..60),
    ) {
        run_case(&[&grow, &shrink], None)?;
    }

    /// Everything interleaved, `pop_last` included, with at most 7 inserts
    /// per emptied table: few enough that the index table always keeps an
    /// empty slot whatever the bug below does.
    #[test]
    fn dict_table_with_interleaved_pop_last_matches_the_model(
        ops in prop::collection::vec(any_op(), 0..120),
    ) {
        run_case(&[&ops], Some(7))?;
    }
}

#[test]
fn lookup_distinguishes_keys_with_equal_hashes() {
    let fx = Fx::new();
    let mut t = DictTable::new();
    for id in [1u32, 2, 3] {
        t.insert_new(42, fx.int(id as i64), fx.int(10 * id as i64));
    }
    for id in [1u32, 2, 3] {
        let p = t.lookup(42, |k| key_id(k) == id).unwrap();
        assert_eq!(int_value(&t.entry(p).unwrap().value), 10 * id as i64);
    }
    assert!(t.lookup(42, |k| key_id(k) == 4).is_none());
    assert!(t.lookup(43, |_| true).is_none());
    // In a 16-slot table the probe for 42 visits slots 10, 4, 5, 10 (again),
    // 3 (empty): the positions CPython's lookup loop would compare, with
    // position 0 twice.
    let mut compared = Vec::new();
    assert!(t
        .lookup(42, |k| {
            compared.push(key_id(k));
            false
        })
        .is_none());
    let cands = t.candidates(42);
    let cand_ids: Vec<u32> = cands
        .iter()
        .map(|&p| key_id(&t.entry(p).unwrap().key))
        .collect();
    assert_eq!(cand_ids, compared);
    let mut distinct = cands.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert_eq!(distinct, [0, 1, 2]);
}

#[test]
fn reinserted_key_moves_to_the_end_and_replaced_value_keeps_its_place() {
    let fx = Fx::new();
    let mut t = DictTable::new();
    for id in 0..4i64 {
        t.insert_new(id, fx.int(id), fx.int(id));
    }
    let p = t.lookup(1, |_| true).unwrap();
    drop(t.remove_at(p));
    t.insert_new(1, fx.int(1), fx.int(100));
    let p = t.lookup(2, |_| true).unwrap();
    drop(t.replace_value(p, fx.int(200)));
    let order: Vec<(i64, i64)> = t
        .iter()
        .map(|e| (int_value(&e.key), int_value(&e.value)))
        .collect();
    assert_eq!(order, [(0, 0), (2, 200), (3, 3), (1, 100)]);
}

#[test]
fn presized_table_does_not_grow_while_filled() {
    let fx = Fx::new();
    for n in [1usize, 5, 6, 21, 22, 100] {
        let mut t = DictTable::with_capacity(n);
        let size = t.heap_size();
        for i in 0..n as i64 {
            t.insert_new(i, fx.int(i), fx.int(i));
        }
        assert_eq!(t.heap_size(), size, "presized for {n}");
        assert_eq!(t.len(), n);
    }
}

#[test]
fn many_removals_and_inserts_stay_consistent() {
    // Churn far past the table size with remove_at only (holes compacted by
    // resizes), all keys colliding on a few hashes.
    let fx = Fx::new();
    let base = heap_stats();
    let mut t = DictTable::new();
    let mut live: Vec<i64> = Vec::new();
    for i in 0..20_000i64 {
        t.insert_new(i % 5, fx.int(i), fx.int(i));
        live.push(i);
        if i % 3 != 0 {
            let victim = live.remove(live.len() / 2);
            let p = t.lookup(victim % 5, |k| int_value(k) == victim).unwrap();
            drop(t.remove_at(p));
        }
    }
    let order: Vec<i64> = t.iter().map(|e| int_value(&e.key)).collect();
    assert_eq!(order, live);
    drop(t);
    assert_eq!(heap_stats().live, base.live);
}

/// Runs `f` on another thread and fails if it does not finish in time (the
/// spinning thread is left behind; the test process ends with the tests).
fn must_finish(f: impl FnOnce() + Send + 'static) {
    let (tx, rx) = channel();
    std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(()) => {}
        Err(RecvTimeoutError::Timeout) => panic!("did not terminate within 10 s"),
        Err(RecvTimeoutError::Disconnected) => panic!("the test thread panicked"),
    }
}

/// `pop_last` trims trailing holes from the entry array, so the entry count
/// that `insert_new` compares with the usable fraction goes down again, while
/// the popped entries' index slots stay `DUMMY`. Cycles of insert + pop_last
/// (`d[k] = v; d.popitem()` with ever new keys) never resize, and turn every
/// `EMPTY` slot into `DUMMY`; then a lookup of an absent key (and
/// `candidates`) probes forever. CPython keeps `dk_usable` decreasing on
/// popitem ("We can't dk_usable++ since there is DKIX_DUMMY in indices"), so
/// the table is resized before it runs out of empty slots.
#[test]
fn lookup_terminates_after_insert_and_pop_last_cycles() {
    must_finish(|| {
        let fx = Fx::new();
        let mut t = DictTable::new();
        for h in 0..64i64 {
            t.insert_new(h, fx.int(h), fx.int(h));
            let popped = t.pop_last();
            assert!(popped.is_some());
        }
        assert!(t.is_empty());
        assert!(t.lookup(1000, |_| true).is_none());
        assert!(t.candidates(1000).is_empty());
    });
}

/// CPython 3.11 gives a dict its first table with `PyDict_MINSIZE` (8) slots
/// and grows it with `dictresize(mp, calculate_log2_keysize(GROWTH_RATE(mp)))`:
/// the smallest power of two >= `used * 3`. `DictTable::insert_new` passes
/// `used * 3` to `resize`, which treats it as an entry count and scales it by
/// 3/2 again: the first table has 16 slots and later ones are twice
/// CPython's (`len == 11`: 64 slots instead of 32).
#[test]
fn table_sizes_follow_cpython_growth() {
    let fx = Fx::new();
    let mut t = DictTable::new();
    t.insert_new(0, fx.int(0), fx.int(0));
    // `with_capacity(n)` sizes like CPython's presizing (estimate_log2_keysize):
    // 1 entry -> 8 slots, 21 entries -> 32 slots.
    assert_eq!(
        t.heap_size(),
        DictTable::with_capacity(1).heap_size(),
        "after 1 insert: 8 slots"
    );
    for i in 1..11i64 {
        t.insert_new(i, fx.int(i), fx.int(i));
    }
    // CPython: resized at the 6th insert to 16 slots (5 * 3 = 15), at the 11th
    // to 32 slots (10 * 3 = 30).
    assert_eq!(
        t.heap_size(),
        DictTable::with_capacity(21).heap_size(),
        "after 11 inserts: 32 slots"
    );
}
