//! Property tests: random sequences of `alloc` / `free` / `realloc` checked
//! against a model of the live blocks.
//!
//! After every step: blocks are 16-aligned and never overlap (each block's
//! whole size-class capacity is considered), contents survive until freed
//! and across `realloc`, the statistics agree with the model, and the
//! allocator's own invariant checker passes. At the end everything is freed
//! and every arena must be returned.
//!
//! `PROPTEST_CASES` overrides the case count; under Miri it is reduced.

use std::collections::BTreeMap;
use std::ptr::NonNull;

use ouro_alloc::{size_class, Allocator, ALIGNMENT, ARENA_SIZE, SMALL_REQUEST_THRESHOLD};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::Config;

/// Case count and ops per case: generous natively, small under Miri (which
/// runs this about 1000x slower).
const CASES: u32 = if cfg!(miri) { 4 } else { 256 };
const MAX_OPS: usize = if cfg!(miri) { 24 } else { 160 };
const MAX_BURST: usize = if cfg!(miri) { 60 } else { 3000 };

fn config() -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(CASES);
    Config {
        cases,
        // Miri's isolation forbids the regression file.
        failure_persistence: if cfg!(miri) {
            None
        } else {
            Config::default().failure_persistence
        },
        ..Config::default()
    }
}

#[derive(Clone, Debug)]
enum Op {
    Alloc(usize),
    /// Allocate `n` blocks of one size: builds heaps spanning several arenas.
    Burst(usize, usize),
    Free(Index),
    /// Free every `stride`-th live block starting at an index: drains pools
    /// and arenas unevenly.
    FreeMany(Index, usize),
    Realloc(Index, usize),
    Trim,
    /// `alloc_quick`, then `alloc` if it declined.
    AllocQuick(usize),
    /// `free_quick`, then `free` if it declined.
    FreeQuick(Index),
}

/// Sizes 0..2048, mostly small.
fn size() -> impl Strategy<Value = usize> {
    prop_oneof![
        6 => 0..=128usize,
        3 => 129..=SMALL_REQUEST_THRESHOLD,
        1 => SMALL_REQUEST_THRESHOLD + 1..2048usize,
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        10 => size().prop_map(Op::Alloc),
        1 => (size(), 1..MAX_BURST).prop_map(|(s, n)| Op::Burst(s, n)),
        8 => any::<Index>().prop_map(Op::Free),
        1 => (any::<Index>(), 1..6usize).prop_map(|(i, s)| Op::FreeMany(i, s)),
        4 => (any::<Index>(), size()).prop_map(|(i, s)| Op::Realloc(i, s)),
        1 => Just(Op::Trim),
        6 => size().prop_map(Op::AllocQuick),
        5 => any::<Index>().prop_map(Op::FreeQuick),
    ]
}

/// Bytes a block of `size` really occupies: its class size, or its size
/// rounded to the alignment for large blocks.
fn capacity(size: usize) -> usize {
    size_class(size).map_or(size.next_multiple_of(ALIGNMENT), |c| 16 * (c + 1))
}

struct Block {
    ptr: NonNull<u8>,
    size: usize,
    seed: u8,
}

/// The model: live blocks, plus their address ranges for overlap checks.
struct Model {
    heap: Allocator,
    live: Vec<Block>,
    ranges: BTreeMap<usize, usize>,
    next_seed: u8,
}

impl Model {
    fn new(limit: Option<usize>) -> Self {
        let mut heap = Allocator::new();
        heap.set_limit(limit);
        Model {
            heap,
            live: Vec::new(),
            ranges: BTreeMap::new(),
            next_seed: 1,
        }
    }

    fn claim(&mut self, ptr: NonNull<u8>, size: usize) -> Result<(), TestCaseError> {
        let start = ptr.as_ptr().addr();
        let end = start + capacity(size);
        prop_assert_eq!(start % ALIGNMENT, 0, "misaligned block");
        if let Some((&s, &e)) = self.ranges.range(..end).next_back() {
            prop_assert!(
                e <= start,
                "[{:#x},{:#x}) overlaps [{:#x},{:#x})",
                start,
                end,
                s,
                e
            );
        }
        self.ranges.insert(start, end);
        let seed = self.next_seed;
        self.next_seed = self.next_seed.wrapping_add(1).max(1);
        // SAFETY: `ptr` is a fresh block of `size` bytes.
        unsafe { ptr.as_ptr().write_bytes(seed, size) };
        self.live.push(Block { ptr, size, seed });
        Ok(())
    }

    fn verify(b: &Block, len: usize) -> Result<(), TestCaseError> {
        // SAFETY: `b` is live with at least `len` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(b.ptr.as_ptr(), len) };
        prop_assert!(
            bytes.iter().all(|&x| x == b.seed),
            "block of {} bytes clobbered",
            b.size
        );
        Ok(())
    }

    fn alloc(&mut self, size: usize) -> Result<bool, TestCaseError> {
        self.alloc_with(size, false)
    }

    fn alloc_with(&mut self, size: usize, quick: bool) -> Result<bool, TestCaseError> {
        let quick = if quick {
            self.heap.alloc_quick(size)
        } else {
            None
        };
        match quick.or_else(|| self.heap.alloc(size)) {
            Some(p) => self.claim(p, size).map(|()| true),
            None => {
                prop_assert!(
                    self.heap.limit().is_some(),
                    "alloc({}) failed without a limit",
                    size
                );
                Ok(false)
            }
        }
    }

    fn free(&mut self, i: usize) -> Result<(), TestCaseError> {
        self.free_with(i, false)
    }

    fn free_with(&mut self, i: usize, quick: bool) -> Result<(), TestCaseError> {
        let b = self.live.swap_remove(i);
        Self::verify(&b, b.size)?;
        self.ranges.remove(&b.ptr.as_ptr().addr());
        // By one path or the other: `free_quick` does nothing when it declines.
        // SAFETY: `b` is live with `b.size` and leaves the model.
        unsafe {
            if !(quick && self.heap.free_quick(b.ptr, b.size)) {
                self.heap.free(b.ptr, b.size);
            }
        }
        Ok(())
    }

    fn realloc(&mut self, i: usize, new_size: usize) -> Result<(), TestCaseError> {
        let b = &self.live[i];
        Self::verify(b, b.size)?;
        let (old, old_size, seed) = (b.ptr, b.size, b.seed);
        // SAFETY: `old` is live with `old_size`.
        match unsafe { self.heap.realloc(old, old_size, new_size) } {
            Some(p) => {
                self.live.swap_remove(i);
                self.ranges.remove(&old.as_ptr().addr());
                Self::verify(
                    &Block {
                        ptr: p,
                        size: new_size,
                        seed,
                    },
                    old_size.min(new_size),
                )?;
                self.claim(p, new_size)
            }
            None => {
                prop_assert!(
                    self.heap.limit().is_some(),
                    "realloc failed without a limit"
                );
                Self::verify(&self.live[i], old_size)
            }
        }
    }

    fn step(&mut self, op: &Op) -> Result<(), TestCaseError> {
        match *op {
            Op::Alloc(size) => {
                self.alloc(size)?;
            }
            Op::Burst(size, n) => {
                for _ in 0..n {
                    if !self.alloc(size)? {
                        break;
                    }
                }
            }
            Op::Free(i) if !self.live.is_empty() => self.free(i.index(self.live.len()))?,
            Op::FreeMany(i, stride) if !self.live.is_empty() => {
                let mut k = i.index(self.live.len());
                while k < self.live.len() {
                    self.free(k)?;
                    k += stride;
                }
            }
            Op::Realloc(i, size) if !self.live.is_empty() => {
                self.realloc(i.index(self.live.len()), size)?
            }
            Op::Trim => {
                self.heap.trim();
            }
            Op::AllocQuick(size) => {
                self.alloc_with(size, true)?;
            }
            Op::FreeQuick(i) if !self.live.is_empty() => {
                self.free_with(i.index(self.live.len()), true)?
            }
            _ => {}
        }
        self.check()
    }

    fn check(&self) -> Result<(), TestCaseError> {
        if let Err(e) = self.heap.check_invariants() {
            return Err(TestCaseError::fail(format!("invariant violated: {e}")));
        }
        let s = self.heap.stats();
        prop_assert_eq!(s.blocks_in_use, self.live.len());
        let bytes: usize = self.live.iter().map(|b| capacity(b.size)).sum();
        prop_assert_eq!(s.bytes_in_use, bytes);
        let large = self
            .live
            .iter()
            .filter(|b| b.size > SMALL_REQUEST_THRESHOLD)
            .count();
        prop_assert_eq!(s.large_blocks, large);
        prop_assert_eq!(s.footprint, s.arenas_current * ARENA_SIZE + s.large_bytes);
        prop_assert_eq!(s.footprint, self.heap.footprint());
        if let Some(limit) = self.heap.limit() {
            prop_assert!(
                s.footprint <= limit,
                "footprint {} above limit {}",
                s.footprint,
                limit
            );
        }
        Ok(())
    }

    /// Frees everything (verifying contents) and checks the heap is empty.
    fn drain(mut self) -> Result<(), TestCaseError> {
        while !self.live.is_empty() {
            // Free in a scrambled order.
            let i = (self.live.len() * 7 / 13) % self.live.len();
            self.free(i)?;
        }
        self.check()?;
        let s = self.heap.stats();
        prop_assert_eq!(s.blocks_in_use, 0);
        prop_assert_eq!(s.large_bytes, 0);
        // At most the one wholly free arena CPython keeps; trim returns it.
        prop_assert!(
            s.arenas_current <= 1,
            "{} arenas still mapped",
            s.arenas_current
        );
        self.heap.trim();
        let s = self.heap.stats();
        prop_assert_eq!(s.arenas_current, 0);
        prop_assert_eq!(s.arenas_reclaimed_total, s.arenas_allocated_total);
        prop_assert_eq!(s.footprint, 0);
        Ok(())
    }
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_ops_match_the_model(ops in prop::collection::vec(op(), 1..MAX_OPS)) {
        let mut m = Model::new(None);
        for op in &ops {
            m.step(op)?;
        }
        m.drain()?;
    }

    #[test]
    fn footprint_never_exceeds_the_limit(
        limit in 0..4 * ARENA_SIZE,
        ops in prop::collection::vec(op(), 1..MAX_OPS),
    ) {
        let mut m = Model::new(Some(limit));
        for op in &ops {
            m.step(op)?;
        }
        m.drain()?;
    }
}
