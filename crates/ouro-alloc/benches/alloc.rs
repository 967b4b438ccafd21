//! Microbenchmarks: ouro's `Allocator` against the system allocator
//! (`std::alloc::System`, glibc malloc here) and mimalloc, all driven
//! through the same sized alloc/free interface.
//!
//! * `pair`: allocate one block and free it at once (the temporary object
//!   pattern), per size, while another block of that size is live;
//!   `pair_lonely`: the same in an empty heap (ouro's worst case).
//! * `batch`: allocate 1000 blocks of one size, then free them all
//!   (building and dropping a container).
//! * `churn`: keep N blocks of random mostly-small sizes alive and replace a
//!   random one per iteration (a steady-state heap); each new block has its
//!   first word written, as an object header would be.
//!
//! Run: `cargo bench -p ouro-alloc`.

use std::alloc::{GlobalAlloc, Layout, System};

use divan::{black_box, Bencher};
use mimalloc::MiMalloc;
use ouro_alloc::{Allocator, ALIGNMENT};

fn main() {
    divan::main();
}

/// A heap with the sized interface ouro's VM uses.
trait Heap: Default {
    fn alloc(&mut self, size: usize) -> *mut u8;
    /// # Safety
    /// `p` came from `alloc(size)` on this heap and is freed once.
    unsafe fn free(&mut self, p: *mut u8, size: usize);
}

#[derive(Default)]
struct Ouro(Allocator);

impl Heap for Ouro {
    #[inline]
    fn alloc(&mut self, size: usize) -> *mut u8 {
        self.0.alloc(size).expect("out of memory").as_ptr()
    }

    #[inline]
    unsafe fn free(&mut self, p: *mut u8, size: usize) {
        // SAFETY: forwarded from the caller; `alloc` never returns null.
        unsafe { self.0.free(std::ptr::NonNull::new_unchecked(p), size) }
    }
}

fn layout(size: usize) -> Layout {
    Layout::from_size_align(size.max(1), ALIGNMENT).expect("bad layout")
}

/// Any `GlobalAlloc` used directly, with the same 16-byte alignment.
struct Global<A: GlobalAlloc>(A);

impl Default for Global<System> {
    fn default() -> Self {
        Global(System)
    }
}

impl Default for Global<MiMalloc> {
    fn default() -> Self {
        Global(MiMalloc)
    }
}

impl<A: GlobalAlloc> Heap for Global<A>
where
    Global<A>: Default,
{
    #[inline]
    fn alloc(&mut self, size: usize) -> *mut u8 {
        // SAFETY: the layout has a non-zero size.
        let p = unsafe { self.0.alloc(layout(size)) };
        assert!(!p.is_null(), "out of memory");
        p
    }

    #[inline]
    unsafe fn free(&mut self, p: *mut u8, size: usize) {
        // SAFETY: `p` was allocated by `self.0` with this layout (caller).
        unsafe { self.0.dealloc(p, layout(size)) }
    }
}

type Sys = Global<System>;
type Mi = Global<MiMalloc>;

/// xorshift64*: cheap and identical for every heap.
struct Rng(u64);

impl Rng {
    #[inline]
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    #[inline]
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// Object-like sizes: mostly 16..=128, some up to 512.
    #[inline]
    fn size(&mut self) -> usize {
        if self.below(4) == 0 {
            16 + self.below(497)
        } else {
            16 + self.below(113)
        }
    }
}

/// Fixed sample sizes: divan's automatic sizing is thrown off by the first
/// iteration, which maps memory.
const SAMPLES: u32 = 200;

/// Takes the heap's one-time setup (mapping an arena, a thread cache...)
/// out of the measurement.
fn warm<H: Heap>(heap: &mut H, size: usize) {
    let p = heap.alloc(size);
    // SAFETY: `p` was just allocated with `size`.
    unsafe { heap.free(p, size) };
}

/// Alloc/free pairs while another block of the size class is live, as in a
/// running program: the block's pool stays in use.
#[divan::bench(types = [Ouro, Sys, Mi], args = [16, 64, 256, 512], sample_count = SAMPLES, sample_size = 10_000)]
fn pair<H: Heap>(bencher: Bencher, size: usize) {
    let mut heap = H::default();
    let anchor = heap.alloc(size);
    bencher.bench_local(|| {
        let p = heap.alloc(black_box(size));
        // SAFETY: `p` was just allocated with `size`.
        unsafe { heap.free(black_box(p), size) };
    });
    // SAFETY: `anchor` is live with `size`.
    unsafe { heap.free(anchor, size) };
}

/// Alloc/free pairs in an otherwise empty heap. For ouro (as for CPython's
/// pymalloc) each free empties the pool, which goes back to its arena and is
/// fetched again by the next allocation: the slow path, every time.
#[divan::bench(types = [Ouro, Sys, Mi], args = [64], sample_count = SAMPLES, sample_size = 10_000)]
fn pair_lonely<H: Heap>(bencher: Bencher, size: usize) {
    let mut heap = H::default();
    warm(&mut heap, size);
    bencher.bench_local(|| {
        let p = heap.alloc(black_box(size));
        // SAFETY: `p` was just allocated with `size`.
        unsafe { heap.free(black_box(p), size) };
    });
}

#[divan::bench(types = [Ouro, Sys, Mi], args = [64], sample_count = SAMPLES, sample_size = 10)]
fn batch<H: Heap>(bencher: Bencher, size: usize) {
    let mut heap = H::default();
    warm(&mut heap, size);
    let mut blocks = Vec::with_capacity(1000);
    bencher
        .counter(divan::counter::ItemsCount::new(1000usize))
        .bench_local(|| {
            for _ in 0..1000 {
                blocks.push(heap.alloc(black_box(size)));
            }
            for p in blocks.drain(..) {
                // SAFETY: each `p` was allocated with `size` and is freed once.
                unsafe { heap.free(p, size) };
            }
        });
}

#[divan::bench(types = [Ouro, Sys, Mi], args = [1_000, 100_000], sample_count = SAMPLES, sample_size = 1_000)]
fn churn<H: Heap>(bencher: Bencher, live: usize) {
    let mut heap = H::default();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut blocks: Vec<(*mut u8, usize)> = (0..live)
        .map(|_| {
            let size = rng.size();
            (heap.alloc(size), size)
        })
        .collect();
    bencher.bench_local(|| {
        let i = rng.below(live);
        let (p, size) = blocks[i];
        // SAFETY: `p` is live with `size`; it is replaced below.
        unsafe { heap.free(p, size) };
        let size = rng.size();
        let p = heap.alloc(size);
        // SAFETY: `p` is a fresh block of at least 16 bytes, 16-aligned.
        unsafe { p.cast::<u64>().write(i as u64) };
        blocks[i] = (p, size);
    });
    for (p, size) in blocks {
        // SAFETY: every block is live with its size.
        unsafe { heap.free(p, size) };
    }
}
