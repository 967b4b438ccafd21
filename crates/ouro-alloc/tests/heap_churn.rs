//! Deterministic heap churn, small enough to run under valgrind's memcheck
//! in seconds (see `valgrind.sh`). No test harness, no threads, no
//! randomness from the environment: the same operations on every run.
//!
//! Phases: grow a heap of mixed sizes over several arenas, churn it (random
//! replacement and realloc), shrink it so whole arenas drain and are released,
//! regrow, free everything and check every arena went back to the OS, and
//! finally drop a heap with live blocks (its `Drop` must release them: the
//! leak checker would report them otherwise). Block contents are verified
//! before every free and after every realloc.

use std::process::ExitCode;
use std::ptr::NonNull;

use ouro_alloc::Allocator;

/// xorshift64*: deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Mostly small sizes, like Python objects; 1 in 32 large.
    fn size(&mut self) -> usize {
        match self.below(32) {
            0 => 513 + self.below(8000),
            1..=20 => self.below(129),
            _ => self.below(513),
        }
    }
}

struct Block {
    ptr: NonNull<u8>,
    size: usize,
    tag: u8,
}

struct Churn {
    heap: Allocator,
    live: Vec<Block>,
    rng: Rng,
    ops: usize,
}

impl Churn {
    fn alloc(&mut self, size: usize) {
        let ptr = self.heap.alloc(size).expect("allocation failed");
        assert_eq!(ptr.as_ptr().addr() % ouro_alloc::ALIGNMENT, 0);
        let tag = self.rng.next() as u8;
        // SAFETY: `ptr` is a fresh block of `size` bytes.
        unsafe { ptr.as_ptr().write_bytes(tag, size) };
        self.live.push(Block { ptr, size, tag });
        self.ops += 1;
    }

    fn verify(b: &Block, len: usize) {
        // SAFETY: `b` is live with at least `len` bytes.
        let bytes = unsafe { std::slice::from_raw_parts(b.ptr.as_ptr(), len) };
        assert!(
            bytes.iter().all(|&x| x == b.tag),
            "block of {} bytes clobbered",
            b.size
        );
    }

    fn free(&mut self, i: usize) {
        let b = self.live.swap_remove(i);
        Self::verify(&b, b.size);
        // SAFETY: `b` is live with `b.size` and leaves `live`.
        unsafe { self.heap.free(b.ptr, b.size) };
        self.ops += 1;
    }

    fn realloc(&mut self, i: usize, new_size: usize) {
        let b = &mut self.live[i];
        Self::verify(b, b.size);
        // SAFETY: `b` is live with `b.size`.
        let p = unsafe { self.heap.realloc(b.ptr, b.size, new_size) }.expect("realloc failed");
        let kept = b.size.min(new_size);
        // SAFETY: `p` is live with `new_size >= kept` bytes; the tail beyond
        // the preserved prefix is filled before it is ever verified.
        unsafe { p.as_ptr().add(kept).write_bytes(b.tag, new_size - kept) };
        *b = Block {
            ptr: p,
            size: new_size,
            tag: b.tag,
        };
        Self::verify(b, new_size);
        self.ops += 1;
    }

    fn check(&self) {
        if let Err(e) = self.heap.check_invariants() {
            panic!("invariant violated after {} ops: {e}", self.ops);
        }
        let s = self.heap.stats();
        assert_eq!(s.blocks_in_use, self.live.len());
    }
}

/// How many operations each phase does.
struct Plan {
    grow: usize,
    churn: usize,
    shrink_to: usize,
    regrow: usize,
}

impl Plan {
    /// `HEAP_CHURN_SCALE` (default 4) multiplies the work. Under Miri a
    /// token run only (Miri is about 1000x slower).
    fn from_env() -> Plan {
        if cfg!(miri) {
            return Plan {
                grow: 400,
                churn: 1_000,
                shrink_to: 50,
                regrow: 100,
            };
        }
        let scale: usize = std::env::var("HEAP_CHURN_SCALE")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(4)
            .max(1);
        Plan {
            grow: 10_000 * scale,
            churn: 50_000 * scale,
            shrink_to: 1_000 * scale,
            regrow: 2_000 * scale,
        }
    }
}

fn main() -> ExitCode {
    let plan = Plan::from_env();
    let mut c = Churn {
        heap: Allocator::new(),
        live: Vec::new(),
        rng: Rng(0x9E37_79B9_7F4A_7C15),
        ops: 0,
    };

    // Grow: several arenas' worth.
    for _ in 0..plan.grow {
        let size = c.rng.size();
        c.alloc(size);
    }
    c.check();
    let grown = c.heap.stats();
    assert!(cfg!(miri) || grown.arenas_current >= 2, "{grown:?}");

    // Churn: replace, resize.
    for round in 0..plan.churn {
        let i = c.rng.below(c.live.len());
        if c.rng.below(4) == 0 {
            let size = c.rng.size();
            c.realloc(i, size);
        } else {
            c.free(i);
            let size = c.rng.size();
            c.alloc(size);
        }
        if round % 20_000 == 0 {
            c.check();
        }
    }
    c.check();

    // Shrink: random frees leave every arena partly used (fragmentation),
    // so free by address, from the top, until a tenth remains: whole arenas
    // drain and are released.
    c.live.sort_by_key(|b| b.ptr.as_ptr().addr());
    while c.live.len() > plan.shrink_to {
        c.free(c.live.len() - 1);
    }
    c.check();
    let shrunk = c.heap.stats();
    // Drained arenas were released, except the one wholly free arena that
    // is kept against thrashing, which `trim` releases.
    let released = shrunk.arenas_reclaimed_total + c.heap.trim();
    assert!(cfg!(miri) || released > 0, "{shrunk:?}");

    // Regrow a little, then free everything.
    for _ in 0..plan.regrow {
        let size = c.rng.size();
        c.alloc(size);
    }
    while !c.live.is_empty() {
        let i = c.rng.below(c.live.len());
        c.free(i);
    }
    c.check();
    c.heap.trim();
    let s = c.heap.stats();
    assert_eq!(
        (s.arenas_current, s.footprint, s.blocks_in_use),
        (0, 0, 0),
        "{s:?}"
    );
    assert_eq!(s.arenas_reclaimed_total, s.arenas_allocated_total);

    // A heap dropped with live blocks releases them.
    let mut leaky = Allocator::new();
    for i in 0..plan.regrow {
        let _ = leaky.alloc(i % 1200);
    }
    drop(leaky);

    println!(
        "heap_churn: {} ops, {} arenas allocated, highwater {}: ok",
        c.ops, s.arenas_allocated_total, s.arenas_highwater
    );
    ExitCode::SUCCESS
}
