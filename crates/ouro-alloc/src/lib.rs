//! ouro's private heap: a small-object allocator modelled on CPython 3.11's
//! `Objects/obmalloc.c` ("pymalloc"), as configured on 64-bit platforms.
//!
//! Every Python object ouro creates is carved out of this heap, so the common
//! case — a small block of a size that was recently freed — must be a handful
//! of instructions: pop a free list, or bump a pointer.
//!
//! # Layers
//!
//! ```text
//!   request of n bytes
//!     n > 512 ──────────────► system allocator (std::alloc), "large block"
//!     n ≤ 512 ─► size class ─► pool (16 KiB, one size class) ─► arena (1 MiB, mmap)
//! ```
//!
//! * A **block** is the unit handed out: `class_size(i) = 16 * (i + 1)` bytes.
//! * A **pool** is a [`POOL_SIZE`]-aligned 16 KiB page that serves blocks of
//!   one size class. Its header lives in its first [`POOL_OVERHEAD`] bytes
//!   (mirrors CPython's `struct pool_header`), so the pool of any block is
//!   found by masking the block's address: `addr & !(POOL_SIZE - 1)`.
//! * An **arena** is 1 MiB obtained from the OS with `mmap`, cut into
//!   [`MAX_POOLS_IN_ARENA`] pools. It is described by an `ArenaObject` in the
//!   `arenas` vector (mirrors CPython's `struct arena_object`).
//!
//! # Tunables
//!
//! | constant                     | value | CPython 3.11 (64-bit) |
//! |------------------------------|-------|-----------------------|
//! | [`ALIGNMENT`]                | 16    | `ALIGNMENT` 16 |
//! | [`SMALL_REQUEST_THRESHOLD`]  | 512   | `SMALL_REQUEST_THRESHOLD` 512 |
//! | [`NB_SMALL_SIZE_CLASSES`]    | 32    | `NB_SMALL_SIZE_CLASSES` 32 |
//! | [`POOL_SIZE`]                | 16 KiB | `POOL_SIZE` (`POOL_BITS` = 14) |
//! | [`ARENA_SIZE`]               | 1 MiB | `ARENA_SIZE` (`ARENA_BITS` = 20) |
//! | [`POOL_OVERHEAD`]            | 48    | `POOL_OVERHEAD` 48 |
//!
//! Size class `i` serves requests of `16*i + 1 ..= 16*(i + 1)` bytes; a
//! request of 0 bytes is served from class 0 (CPython sends 0 to the system
//! malloc; keeping it in class 0 keeps `free(p, 0)` on the same path).
//!
//! # States
//!
//! A pool is in exactly one of these states (mirrors CPython):
//!
//! * **used** — some blocks allocated, some available. Linked into
//!   `usedpools[szidx]`, the per-size-class list allocation draws from.
//! * **full** — every block allocated. Linked nowhere: freeing a block into
//!   it puts it back at the front of `usedpools[szidx]`.
//! * **empty** — no block allocated. Linked into its arena's `freepools`
//!   list; its header keeps its old size class, and when it is reused for the
//!   same class its free list is reused as is.
//!
//! Pools an arena has never handed out are not "empty" pools on a list: the
//! arena's `pool_address` is a bump pointer over them ("untouched").
//! Likewise inside a pool: `freeblock` lists the blocks available now (freed
//! ones, plus at most one never-used one), and `nextoffset` is a bump
//! pointer over the blocks never handed out.
//!
//! # The fast paths
//!
//! `alloc(n)` with `n ≤ 512`: `pool = usedpools[(n - 1) >> 4]`; if non-null,
//! pop `pool.freeblock`, bump `count`; only if the list is now empty, call
//! out to move one untouched block onto it (or, if there is none, unlink the
//! now-full pool). `free(p, n)`: `pool = p & !(POOL_SIZE - 1)`; push `p` on
//! `pool.freeblock`, drop `count`; only if the pool was full or is now empty,
//! call out to relink it. Everything else (new pools, arenas, large blocks)
//! is out of line and marked cold.
//!
//! Why the pool header lives inside the pool, as in CPython, rather than in a
//! side table: masking the block address finds it with no lookup, it shares
//! its page with the blocks being touched anyway, and it costs 48 bytes per
//! 16 KiB pool (0.3%).
//!
//! # Arenas
//!
//! Arenas with at least one empty or untouched pool are on the doubly-linked
//! `usable_arenas` list, **sorted by `nfreepools` ascending**: a new pool is
//! always taken from the fullest arena, so lightly used arenas can drain and
//! be returned to the OS (CPython's strategy; as there, `nfp2lasta[n]`
//! points at the last arena with `n` free pools, making the re-sort after a
//! pool is freed O(1)). When every pool of an arena is empty the arena is
//! unmapped at once — except when it is the last of `usable_arenas`: like
//! CPython (bpo-37257) we keep that one wholly free arena, so that a loop that
//! allocates and frees one object in an otherwise empty heap does not map and
//! unmap an arena per iteration. [`Allocator::trim`] releases it on demand,
//! and the limit check does so before refusing a request.
//!
//! # Invariants
//!
//! The following invariants hold between public calls. The test suite checks
//! all of them after every operation with [`Allocator::check_invariants`];
//! debug builds also assert the local ones as they go (e.g. that `free` was
//! given the size the block was allocated with).
//!
//! 1. An arena object is *associated* iff its `address` is non-null, and then
//!    owns an `ARENA_SIZE` mapping at `address`, aligned to `POOL_SIZE`.
//!    Unassociated arena objects form the singly-linked
//!    `unused_arena_objects` list, and only they.
//! 2. The pools of an associated arena are at `address + k * POOL_SIZE` for
//!    `k < MAX_POOLS_IN_ARENA`. Those below `pool_address` are *carved*: their
//!    header is initialised and names this arena in `arenaindex`. Those at
//!    or above `pool_address` are untouched.
//! 3. `nfreepools` = (pools on `freepools`) + (untouched pools), and
//!    `ntotalpools == MAX_POOLS_IN_ARENA`.
//! 4. For a carved pool: `count == 0` ⟺ empty ⟺ on its arena's
//!    `freepools`; `count > 0 && freeblock.is_null()` ⟺ full ⟺ on no list;
//!    `count > 0 && !freeblock.is_null()` ⟺ used ⟺ on `usedpools[szidx]`.
//!    In particular **a pool on `usedpools` always has a free block**, which
//!    is what makes the allocation fast path a bare list pop.
//! 5. In a non-empty pool, `count` + (blocks on the `freeblock` list) +
//!    (untouched blocks between `nextoffset` and `maxnextoffset`) equals
//!    `blocks_per_pool(szidx)`; a full pool has no untouched blocks (when the
//!    free list runs dry, the next untouched block is moved onto it first).
//!    Free-list blocks lie below `nextoffset`, at block boundaries.
//! 6. `usable_arenas` holds exactly the associated arenas with
//!    `nfreepools > 0`, sorted by `nfreepools` ascending, and `nfp2lasta[n]`
//!    is the last of them with `nfreepools == n` (or none).
//! 7. At most one associated arena has every pool free, and if there is one
//!    it is the last of `usable_arenas` (hence `nfp2lasta[MAX_POOLS_IN_ARENA]`).
//! 8. Every live large block is on the `large` list; `large_blocks` and
//!    `large_bytes` are its length and the sum of the blocks' layout sizes.
//! 9. An allocation never takes the footprint (mapped arena bytes + large
//!    block bytes, see [`Allocator::footprint`]) above the limit. (Lowering
//!    the limit below the current footprint frees nothing; it only makes
//!    further growth fail.)
//!
//! # Differences from CPython
//!
//! * **`free` is told the size.** CPython's `free(p)` must decide whether `p`
//!   is one of its blocks from the address alone (`address_in_range`, a radix
//!   tree over the address space in 3.11). ouro's heap always knows an
//!   object's size, so [`Allocator::free`] dispatches on it: `size ≤ 512`
//!   means a pool block, found by masking. Passing the wrong size is
//!   undefined behaviour; debug builds check it against the pool header or
//!   the large block header.
//! * **Arenas are pool-aligned**, so no pool is lost to alignment (see
//!   `os.rs`); `# bytes lost to arena alignment` is always 0.
//! * **Large blocks are tracked**: each carries a small header (list links
//!   and layout size) so dropping the [`Allocator`] releases them too, and
//!   so debug builds can check the size passed to `free`.
//! * **A memory limit** ([`Allocator::set_limit`]) caps the bytes held from
//!   the OS; past it allocation returns `None` (the VM's `MemoryError`).
//! * `usedpools` is an array of list heads with null-terminated lists, not
//!   CPython's trick of overlaying fake pool headers on the array; arena
//!   links are indices into `arenas`, so the vector may grow freely.

use core::fmt;
use core::ptr::{self, NonNull};
use std::alloc::Layout;

mod os;
mod stats;

pub use stats::{
    write_free_list_stats, AllocStats, ArenaSnapshot, PoolSnapshot, PoolState, SizeClassStats,
};

// ---------------------------------------------------------------------------
// Tunables (see the table in the module docs).

/// Alignment of every block handed out, small or large. Mirrors CPython's
/// `ALIGNMENT` on 64-bit platforms.
pub const ALIGNMENT: usize = 16;
const ALIGNMENT_SHIFT: u32 = ALIGNMENT.trailing_zeros();

/// Largest request served from pools; larger ones go to the system
/// allocator. Mirrors CPython's `SMALL_REQUEST_THRESHOLD`.
pub const SMALL_REQUEST_THRESHOLD: usize = 512;

/// Number of size classes. Mirrors CPython's `NB_SMALL_SIZE_CLASSES`.
pub const NB_SMALL_SIZE_CLASSES: usize = SMALL_REQUEST_THRESHOLD / ALIGNMENT;

/// Bytes in an arena (the unit obtained from the OS). Mirrors CPython's
/// `ARENA_SIZE`.
pub const ARENA_SIZE: usize = 1 << 20;

/// Bytes in a pool (the unit serving one size class). Mirrors CPython's
/// `POOL_SIZE`.
pub const POOL_SIZE: usize = 1 << 14;
const POOL_SIZE_MASK: usize = POOL_SIZE - 1;

/// Pools in an arena (arenas are pool-aligned, so none is lost).
pub const MAX_POOLS_IN_ARENA: usize = ARENA_SIZE / POOL_SIZE;

/// Bytes at the start of each pool taken by its header, rounded up to
/// [`ALIGNMENT`] so the first block is aligned. Mirrors CPython's
/// `POOL_OVERHEAD`.
pub const POOL_OVERHEAD: usize = size_of::<PoolHeader>().next_multiple_of(ALIGNMENT);

/// `szidx` of a carved pool that has never served a size class.
const DUMMY_SIZE_IDX: u32 = u32::MAX;

const _: () = {
    assert!(ALIGNMENT.is_power_of_two());
    // A free block stores the free-list link in its first word.
    assert!(ALIGNMENT >= size_of::<*mut u8>() && ALIGNMENT >= align_of::<*mut u8>());
    assert!(SMALL_REQUEST_THRESHOLD.is_multiple_of(ALIGNMENT));
    assert!(POOL_SIZE.is_power_of_two() && ARENA_SIZE.is_multiple_of(POOL_SIZE));
    assert!(POOL_SIZE <= u32::MAX as usize); // pool offsets are u32
    assert!(align_of::<PoolHeader>() <= ALIGNMENT);
    // Pool init carves two blocks at once, and a full pool that gets one
    // block back must not become empty in the same step (see `free_small`).
    assert!(blocks_per_pool(NB_SMALL_SIZE_CLASSES - 1) >= 2);
    assert!(size_of::<LargeHeader>().is_multiple_of(ALIGNMENT));
};

/// Size class of a request of `size` bytes, or `None` if it is served by
/// the system allocator (`size > SMALL_REQUEST_THRESHOLD`).
#[inline]
pub const fn size_class(size: usize) -> Option<usize> {
    if size <= SMALL_REQUEST_THRESHOLD {
        Some(size_to_index(size))
    } else {
        None
    }
}

/// Size class index of a small request. Mirrors CPython's
/// `(nbytes - 1) >> ALIGNMENT_SHIFT`, except that 0 maps to class 0 (where
/// CPython hands 0-byte requests to the system malloc).
#[inline(always)]
const fn size_to_index(size: usize) -> usize {
    size.saturating_sub(1) >> ALIGNMENT_SHIFT
}

/// Block size of size class `szidx`. Mirrors CPython's `INDEX2SIZE`.
#[inline]
pub const fn class_size(szidx: usize) -> usize {
    (szidx + 1) << ALIGNMENT_SHIFT
}

/// Blocks in one pool of size class `szidx`. Mirrors CPython's `NUMBLOCKS`.
#[inline]
pub const fn blocks_per_pool(szidx: usize) -> usize {
    (POOL_SIZE - POOL_OVERHEAD) / class_size(szidx)
}

// ---------------------------------------------------------------------------
// Pool and arena bookkeeping.

/// Header at the start of every carved pool. Mirrors CPython's
/// `struct pool_header` field for field (48 bytes on 64-bit).
#[repr(C)]
struct PoolHeader {
    /// Number of allocated blocks (`ref.count` in CPython).
    count: u32,
    /// Head of the list of available blocks; each one's first word links to
    /// the next. Null iff the pool is full (invariant 4): when the list runs
    /// dry, the next untouched block is put on it.
    freeblock: *mut u8,
    /// Next pool on `usedpools[szidx]`, or on the arena's `freepools`.
    nextpool: *mut PoolHeader,
    /// Previous pool on `usedpools[szidx]` (unused on `freepools`).
    prevpool: *mut PoolHeader,
    /// Index of the owning arena in `Allocator::arenas`.
    arenaindex: u32,
    /// Size class served, or `DUMMY_SIZE_IDX` before first use.
    szidx: u32,
    /// Offset of the first never-used block ("bump pointer").
    nextoffset: u32,
    /// Largest valid `nextoffset`: `POOL_SIZE - class_size(szidx)`.
    maxnextoffset: u32,
}

/// Index into `Allocator::arenas`; `NONE` ends a list.
type ArenaIdx = u32;
const NONE: ArenaIdx = ArenaIdx::MAX;

/// Bookkeeping for one arena. Mirrors CPython's `struct arena_object`, with
/// indices instead of pointers for the arena links.
struct ArenaObject {
    /// Base of the arena's mapping; null if this object is unassociated.
    address: *mut u8,
    /// First untouched pool (bump pointer over never-carved pools).
    pool_address: *mut u8,
    /// Empty pools on `freepools` plus untouched pools.
    nfreepools: u32,
    /// Pools in the arena (always `MAX_POOLS_IN_ARENA`, kept for symmetry
    /// with CPython and for the occupancy snapshot).
    ntotalpools: u32,
    /// Singly-linked list (via `nextpool`) of empty pools.
    freepools: *mut PoolHeader,
    /// Next arena on `usable_arenas`, or on `unused_arena_objects`.
    nextarena: ArenaIdx,
    /// Previous arena on `usable_arenas`.
    prevarena: ArenaIdx,
}

impl ArenaObject {
    const UNASSOCIATED: ArenaObject = ArenaObject {
        address: ptr::null_mut(),
        pool_address: ptr::null_mut(),
        nfreepools: 0,
        ntotalpools: 0,
        freepools: ptr::null_mut(),
        nextarena: NONE,
        prevarena: NONE,
    };
}

/// Prefix of every large block: links of the `large` list and the layout
/// size, so `Drop` can free blocks nobody freed and debug builds can check
/// the size given to `free`. Aligned so the block after it is aligned.
#[repr(C, align(16))]
struct LargeHeader {
    prev: *mut LargeHeader,
    next: *mut LargeHeader,
    /// Size of the layout obtained from the system allocator.
    size: usize,
}

/// Bytes a large block of `size` requested bytes takes from the system
/// allocator, as a layout; `None` if that is not representable.
#[inline]
fn large_layout(size: usize) -> Option<Layout> {
    let rounded = size.checked_next_multiple_of(ALIGNMENT)?;
    let total = rounded.checked_add(size_of::<LargeHeader>())?;
    Layout::from_size_align(total, ALIGNMENT).ok()
}

// ---------------------------------------------------------------------------
// The allocator.

/// ouro's private heap. Single-threaded: owned by one interpreter heap.
///
/// Dropping it returns every arena and every large block to the system,
/// whether or not the blocks were freed.
///
/// ```
/// use ouro_alloc::Allocator;
///
/// let mut heap = Allocator::new();
/// heap.set_limit(Some(64 << 20));
/// let p = heap.alloc(24).expect("MemoryError");
/// // SAFETY: `p` is a live block of 24 bytes.
/// unsafe { p.as_ptr().write_bytes(0, 24) };
/// assert_eq!(heap.stats().size_classes[1].blocks_in_use, 1);
/// // SAFETY: `p` was allocated with 24 bytes and is freed once.
/// unsafe { heap.free(p, 24) };
/// assert_eq!(heap.stats().blocks_in_use, 0);
/// assert!(heap.alloc(1 << 40).is_none(), "over the limit");
/// ```
pub struct Allocator {
    /// Per size class, the first pool with an available block (or null):
    /// the list the allocation fast path pops from. Mirrors CPython's
    /// `usedpools`.
    usedpools: [*mut PoolHeader; NB_SMALL_SIZE_CLASSES],
    /// All arena objects, associated or not. Never shrinks (like CPython's
    /// `arenas` array); `PoolHeader::arenaindex` indexes it.
    arenas: Vec<ArenaObject>,
    /// Head of the list of unassociated arena objects.
    unused_arena_objects: ArenaIdx,
    /// Head of the list of arenas with free pools, fullest first.
    usable_arenas: ArenaIdx,
    /// `nfp2lasta[n]`: last arena in `usable_arenas` with `n` free pools.
    nfp2lasta: [ArenaIdx; MAX_POOLS_IN_ARENA + 1],
    /// Arenas currently mapped (`narenas_currently_allocated`).
    narenas_currently_allocated: usize,
    /// Arenas ever mapped (`ntimes_arena_allocated`).
    ntimes_arena_allocated: usize,
    /// Maximum of `narenas_currently_allocated` (`narenas_highwater`).
    narenas_highwater: usize,
    /// Head of the doubly-linked list of live large blocks.
    large: *mut LargeHeader,
    large_blocks: usize,
    large_bytes: usize,
    limit: Option<usize>,
}

// SAFETY: an `Allocator` exclusively owns every arena and large block it
// points to, and shares no state with any other value (no globals, no
// thread-locals), so moving it to another thread moves all of it. It is not
// `Sync`: every operation needs `&mut self`.
unsafe impl Send for Allocator {}

impl Default for Allocator {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for Allocator {
    /// A one-line summary; see [`Allocator::stats`] for the full picture.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Allocator")
            .field("arenas", &self.narenas_currently_allocated)
            .field("large_blocks", &self.large_blocks)
            .field("footprint", &self.footprint())
            .field("limit", &self.limit)
            .finish_non_exhaustive()
    }
}

impl Allocator {
    /// Creates an empty heap; no memory is obtained until the first
    /// allocation.
    pub const fn new() -> Self {
        Allocator {
            usedpools: [ptr::null_mut(); NB_SMALL_SIZE_CLASSES],
            arenas: Vec::new(),
            unused_arena_objects: NONE,
            usable_arenas: NONE,
            nfp2lasta: [NONE; MAX_POOLS_IN_ARENA + 1],
            narenas_currently_allocated: 0,
            ntimes_arena_allocated: 0,
            narenas_highwater: 0,
            large: ptr::null_mut(),
            large_blocks: 0,
            large_bytes: 0,
            limit: None,
        }
    }

    /// Caps the bytes the heap may hold from the system (its
    /// [`footprint`](Self::footprint)); `None` removes the cap. Lowering the
    /// cap below the current footprint frees nothing: it makes growth fail
    /// until enough is freed.
    pub fn set_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
    }

    /// The current cap, if any.
    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Bytes held from the system: mapped arenas plus large blocks (with
    /// their headers). This is what [`set_limit`](Self::set_limit) caps.
    /// O(1).
    #[inline]
    pub fn footprint(&self) -> usize {
        self.narenas_currently_allocated * ARENA_SIZE + self.large_bytes
    }

    /// Whether `extra` more bytes fit under the limit, after releasing the
    /// cached wholly free arena if that is what it takes.
    fn admit(&mut self, extra: usize) -> bool {
        let Some(limit) = self.limit else { return true };
        let fits = |a: &Self| a.footprint().checked_add(extra).is_some_and(|n| n <= limit);
        fits(self) || (self.trim() > 0 && fits(self))
    }

    // -- allocation ---------------------------------------------------------

    /// Allocates `size` bytes aligned to [`ALIGNMENT`]. Any `size` is
    /// accepted, including 0. Returns `None` when the limit would be exceeded
    /// or the system refuses; never panics or aborts.
    ///
    /// The block must be released with [`free`](Self::free) (or resized with
    /// [`realloc`](Self::realloc)) passing the same `size`.
    #[inline]
    pub fn alloc(&mut self, size: usize) -> Option<NonNull<u8>> {
        if size <= SMALL_REQUEST_THRESHOLD {
            let szidx = size_to_index(size);
            let pool = self.usedpools[szidx];
            if !pool.is_null() {
                // SAFETY: invariant 4: a pool on `usedpools` is a carved pool
                // in a mapped arena whose `freeblock` is a free block of that
                // pool, and whose first word links to the next free block.
                unsafe {
                    let bp = (*pool).freeblock;
                    debug_assert!(!bp.is_null());
                    (*pool).count += 1;
                    let next = bp.cast::<*mut u8>().read();
                    (*pool).freeblock = next;
                    if next.is_null() {
                        self.pool_extend(pool);
                    }
                    return Some(NonNull::new_unchecked(bp));
                }
            }
            return self.allocate_from_new_pool(szidx);
        }
        self.alloc_large(size)
    }

    /// [`alloc`](Self::alloc)'s commonest case with no call in it, for hot
    /// callers that keep their slow path out of line: the front block of
    /// the size class's current pool, when taking it leaves the pool
    /// another free block. None, and nothing done, otherwise (the caller
    /// uses `alloc`).
    #[inline(always)]
    pub fn alloc_quick(&mut self, size: usize) -> Option<NonNull<u8>> {
        if size > SMALL_REQUEST_THRESHOLD {
            return None;
        }
        let pool = self.usedpools[size_to_index(size)];
        if pool.is_null() {
            return None;
        }
        // Invariant 4: a pool on `usedpools` is a carved pool in a mapped
        // arena, its header initialised and `freeblock` non-null; the first
        // word of a free block links to the next free block (null: none).
        // SAFETY: invariant 4, above: the header is live.
        let bp = unsafe { (*pool).freeblock };
        debug_assert!(!bp.is_null());
        // SAFETY: invariant 4, above: `bp` is a free block holding a link.
        let next = unsafe { bp.cast::<*mut u8>().read() };
        if next.is_null() {
            return None;
        }
        // Only a non-null link is taken, so the pool stays on `usedpools`
        // with a free block, as invariant 4 requires.
        // SAFETY: invariant 4, above: the header is live.
        unsafe {
            (*pool).count += 1;
            (*pool).freeblock = next;
        }
        // SAFETY: `bp` was checked non-null by invariant 4's guarantee.
        Some(unsafe { NonNull::new_unchecked(bp) })
    }

    /// Refills the empty free list of `pool` from its untouched blocks, or,
    /// if there are none, unlinks the now-full pool from `usedpools`.
    /// Mirrors CPython's `pymalloc_pool_extend`.
    ///
    /// # Safety
    /// `pool` is on `usedpools` and its free list was just emptied by
    /// an allocation (so invariant 4 is momentarily broken: this restores
    /// it).
    #[inline(never)]
    unsafe fn pool_extend(&mut self, pool: *mut PoolHeader) {
        // SAFETY: `pool` is a carved pool (caller), so its header is
        // initialised and `nextoffset <= maxnextoffset` means the block at
        // `nextoffset` lies inside the pool and has never been handed out.
        unsafe {
            let p = &mut *pool;
            if p.nextoffset <= p.maxnextoffset {
                // There is room for another block.
                let bp = pool.cast::<u8>().add(p.nextoffset as usize);
                p.nextoffset += class_size(p.szidx as usize) as u32;
                bp.cast::<*mut u8>().write(ptr::null_mut());
                p.freeblock = bp;
                return;
            }
            // Pool is full: unlink it from the list of used pools.
            self.unlink_used(pool);
        }
    }

    /// Allocates a block of class `szidx` when `usedpools[szidx]` is empty:
    /// takes a pool from the fullest usable arena (mapping a new arena if
    /// needed) and puts it on `usedpools[szidx]`. Mirrors CPython's
    /// `allocate_from_new_pool`.
    #[cold]
    #[inline(never)]
    fn allocate_from_new_pool(&mut self, szidx: usize) -> Option<NonNull<u8>> {
        debug_assert!(self.usedpools[szidx].is_null());
        if self.usable_arenas == NONE {
            // No arena has a free pool: allocate a new arena.
            let a = self.new_arena()?;
            let nf = self.arenas[a as usize].nfreepools as usize;
            debug_assert_eq!(self.nfp2lasta[nf], NONE);
            self.usable_arenas = a;
            self.nfp2lasta[nf] = a;
        }
        let a = self.usable_arenas;
        let nf = self.arenas[a as usize].nfreepools as usize;
        debug_assert!(nf > 0);
        // The head of `usable_arenas` has the fewest free pools, so taking
        // one keeps the list sorted; only `nfp2lasta` needs fixing.
        if self.nfp2lasta[nf] == a {
            // It was the last with `nf`, so there are none left.
            self.nfp2lasta[nf] = NONE;
        }
        if nf > 1 {
            // It is now the only (hence last) arena with `nf - 1`.
            debug_assert_eq!(self.nfp2lasta[nf - 1], NONE);
            self.nfp2lasta[nf - 1] = a;
        }

        let ao = &mut self.arenas[a as usize];
        let pool: *mut PoolHeader;
        if !ao.freepools.is_null() {
            // Reuse an empty pool.
            pool = ao.freepools;
            // SAFETY: invariants 2-4: pools on `freepools` are carved pools
            // of this mapped arena with initialised headers.
            ao.freepools = unsafe { (*pool).nextpool };
        } else {
            // Carve off a new pool.
            pool = ao.pool_address.cast();
            // SAFETY: `nfreepools > 0` with no pool on `freepools` means an
            // untouched pool remains (invariant 3), so `pool_address` and the
            // header-sized range after it lie inside the mapped arena.
            unsafe {
                ao.pool_address = ao.pool_address.add(POOL_SIZE);
                pool.write(PoolHeader {
                    count: 0,
                    freeblock: ptr::null_mut(),
                    nextpool: ptr::null_mut(),
                    prevpool: ptr::null_mut(),
                    arenaindex: a,
                    szidx: DUMMY_SIZE_IDX,
                    nextoffset: 0,
                    maxnextoffset: 0,
                });
            }
        }
        ao.nfreepools -= 1;
        if ao.nfreepools == 0 {
            // Wholly allocated: remove it from `usable_arenas` (it is the
            // head).
            debug_assert!(ao.freepools.is_null() && ao.prevarena == NONE);
            let next = ao.nextarena;
            self.usable_arenas = next;
            if next != NONE {
                self.arenas[next as usize].prevarena = NONE;
            }
        }

        // SAFETY: `pool` is a carved pool with an initialised header (just
        // written, or kept from its previous use). If it served this size
        // class before, invariant 5 guarantees its free list holds every
        // carved block — at least two, as initialisation carves two — so
        // after popping one the list is still non-empty, restoring
        // invariant 4 for a used pool.
        unsafe {
            let p = &mut *pool;
            p.nextpool = ptr::null_mut();
            p.prevpool = ptr::null_mut();
            self.usedpools[szidx] = pool;
            p.count = 1;
            if p.szidx as usize == szidx {
                // Luckily, this pool last served this size class, so its
                // header and free list are already initialised.
                let bp = p.freeblock;
                p.freeblock = bp.cast::<*mut u8>().read();
                debug_assert!(!p.freeblock.is_null());
                return Some(NonNull::new_unchecked(bp));
            }
            // Initialise the pool header, set up the free list to contain
            // just the second block, and return the first block.
            let size = class_size(szidx);
            p.szidx = szidx as u32;
            p.nextoffset = (POOL_OVERHEAD + 2 * size) as u32;
            p.maxnextoffset = (POOL_SIZE - size) as u32;
            let bp = pool.cast::<u8>().add(POOL_OVERHEAD);
            p.freeblock = bp.add(size);
            p.freeblock.cast::<*mut u8>().write(ptr::null_mut());
            Some(NonNull::new_unchecked(bp))
        }
    }

    /// Maps a new arena and returns its (associated) arena object, which is
    /// on no list. Mirrors CPython's `new_arena`.
    fn new_arena(&mut self) -> Option<ArenaIdx> {
        if !self.admit(ARENA_SIZE) {
            return None;
        }
        if self.unused_arena_objects == NONE {
            // Grow `arenas`; indices stay valid, unlike CPython's pointers.
            if self.arenas.len() >= NONE as usize || self.arenas.try_reserve(1).is_err() {
                return None;
            }
            self.arenas.push(ArenaObject::UNASSOCIATED);
            self.unused_arena_objects = (self.arenas.len() - 1) as ArenaIdx;
        }
        let address = os::map_arena()?.as_ptr();
        let a = self.unused_arena_objects;
        let ao = &mut self.arenas[a as usize];
        self.unused_arena_objects = ao.nextarena;
        *ao = ArenaObject {
            address,
            pool_address: address,
            nfreepools: MAX_POOLS_IN_ARENA as u32,
            ntotalpools: MAX_POOLS_IN_ARENA as u32,
            freepools: ptr::null_mut(),
            nextarena: NONE,
            prevarena: NONE,
        };
        self.narenas_currently_allocated += 1;
        self.ntimes_arena_allocated += 1;
        self.narenas_highwater = self.narenas_highwater.max(self.narenas_currently_allocated);
        Some(a)
    }

    #[cold]
    #[inline(never)]
    fn alloc_large(&mut self, size: usize) -> Option<NonNull<u8>> {
        let layout = large_layout(size)?;
        if !self.admit(layout.size()) {
            return None;
        }
        // SAFETY: `layout` has a non-zero size (it includes the header).
        let h = unsafe { std::alloc::alloc(layout) }.cast::<LargeHeader>();
        let h = NonNull::new(h)?.as_ptr();
        // SAFETY: `h` is a fresh allocation big and aligned enough for a
        // header; the list head, if any, is a live large block (invariant 8).
        unsafe {
            h.write(LargeHeader {
                prev: ptr::null_mut(),
                next: self.large,
                size: layout.size(),
            });
            if !self.large.is_null() {
                (*self.large).prev = h;
            }
            self.large = h;
            self.large_blocks += 1;
            self.large_bytes += layout.size();
            Some(NonNull::new_unchecked(h.add(1).cast::<u8>()))
        }
    }

    // -- deallocation -------------------------------------------------------

    /// Frees a block.
    ///
    /// # Safety
    /// `ptr` was returned by [`alloc`](Self::alloc) or
    /// [`realloc`](Self::realloc) of this allocator with this same `size`,
    /// and has not been freed since.
    #[inline]
    pub unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        if size <= SMALL_REQUEST_THRESHOLD {
            // SAFETY: forwarded from the caller.
            unsafe { self.free_small(ptr, size) }
        } else {
            // SAFETY: forwarded from the caller.
            unsafe { self.free_large(ptr, size) }
        }
    }

    /// [`free`](Self::free)'s commonest case with no call in it: a small
    /// block whose pool was not full (so it is on `usedpools` already) and
    /// does not become empty. False, and nothing done, otherwise (the
    /// caller uses `free`).
    ///
    /// # Safety
    /// As for [`free`](Self::free).
    #[inline(always)]
    pub unsafe fn free_quick(&mut self, ptr: NonNull<u8>, size: usize) -> bool {
        if size > SMALL_REQUEST_THRESHOLD {
            return false;
        }
        let p = ptr.as_ptr();
        let pool = p.map_addr(|a| a & !POOL_SIZE_MASK).cast::<PoolHeader>();
        // Invariant 2: `p` is a live small block (the caller), so `pool` is
        // its carved pool with an initialised header.
        // SAFETY: invariant 2, above.
        let (lastfree, count) = unsafe { ((*pool).freeblock, (*pool).count) };
        if lastfree.is_null() || count == 1 {
            return false;
        }
        // A pool with a free block and more than this one block in use is
        // on `usedpools` and stays there (invariant 4), so linking `p` in
        // front (16-aligned with room for the link, no longer used: the
        // caller) is all `free_small` would do.
        // SAFETY: invariants 2 and 4, above.
        unsafe {
            p.cast::<*mut u8>().write(lastfree);
            (*pool).freeblock = p;
            (*pool).count = count - 1;
        }
        true
    }

    /// Where a live block of `size` bytes sits: `(arena index, pool
    /// address)` for small blocks, None for large ones (they come from the
    /// system allocator). For event traces and the visualiser.
    ///
    /// # Safety
    /// `ptr` was returned by [`alloc`](Self::alloc) of this allocator with
    /// this `size` and is still allocated.
    pub unsafe fn block_location(&self, ptr: NonNull<u8>, size: usize) -> Option<(usize, usize)> {
        if size > SMALL_REQUEST_THRESHOLD {
            return None;
        }
        let pool = ptr.as_ptr().map_addr(|a| a & !(POOL_SIZE - 1)) as *const PoolHeader;
        // SAFETY: the caller guarantees a live small block, so its pool is
        // carved and holds an initialised header (invariant 2).
        let arena = unsafe { (*pool).arenaindex } as usize;
        Some((arena, pool.addr()))
    }

    /// Mirrors CPython's `pymalloc_free`.
    ///
    /// # Safety
    /// As for [`free`](Self::free), with `size <= SMALL_REQUEST_THRESHOLD`.
    #[inline]
    unsafe fn free_small(&mut self, ptr: NonNull<u8>, size: usize) {
        let p = ptr.as_ptr();
        // Blocks never straddle pools and pools are POOL_SIZE-aligned, so
        // masking finds the header. Keeping `p`'s provenance (the arena).
        let pool = p.map_addr(|a| a & !POOL_SIZE_MASK).cast::<PoolHeader>();
        // SAFETY: the caller guarantees `p` is a live small block, so `pool`
        // is its carved pool (invariant 2) in a mapped arena, with an
        // initialised header; `p` is 16-aligned and at least 16 bytes, room
        // for the free-list link.
        unsafe {
            debug_assert_eq!(
                (*pool).szidx as usize,
                size_to_index(size),
                "free: size {size} does not match the block's size class"
            );
            debug_assert!((*pool).count > 0, "free: double free or foreign pointer");
            // Link `p` to the front of the pool's free list.
            let lastfree = (*pool).freeblock;
            p.cast::<*mut u8>().write(lastfree);
            (*pool).freeblock = p;
            (*pool).count -= 1;

            if lastfree.is_null() {
                // The pool was full, so it is on no list: link it to the
                // front of usedpools, so it is the next one allocated from
                // (it cannot be empty now: every pool holds >= 2 blocks).
                self.insert_to_usedpool(pool);
                return;
            }
            if (*pool).count != 0 {
                // Still in use: it stays on usedpools.
                return;
            }
            // Now empty: move it to its arena's free pools.
            self.insert_to_freepool(pool);
        }
    }

    /// Links a pool that just stopped being full to the front of
    /// `usedpools[szidx]`. Mirrors CPython's `insert_to_usedpool`.
    ///
    /// # Safety
    /// `pool` is a carved, non-empty pool on no list.
    #[cold]
    #[inline(never)]
    unsafe fn insert_to_usedpool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: `pool` has an initialised header (caller); the current list
        // head, if any, is a carved pool (invariant 4).
        unsafe {
            let szidx = (*pool).szidx as usize;
            let head = self.usedpools[szidx];
            (*pool).nextpool = head;
            (*pool).prevpool = ptr::null_mut();
            if !head.is_null() {
                (*head).prevpool = pool;
            }
            self.usedpools[szidx] = pool;
        }
    }

    /// Removes `pool` from `usedpools[szidx]`.
    ///
    /// # Safety
    /// `pool` is on `usedpools[(*pool).szidx]`.
    unsafe fn unlink_used(&mut self, pool: *mut PoolHeader) {
        // SAFETY: `pool` and its neighbours are carved pools on the list
        // (caller, invariant 4), so their headers are initialised.
        unsafe {
            let next = (*pool).nextpool;
            let prev = (*pool).prevpool;
            if prev.is_null() {
                debug_assert_eq!(self.usedpools[(*pool).szidx as usize], pool);
                self.usedpools[(*pool).szidx as usize] = next;
            } else {
                (*prev).nextpool = next;
            }
            if !next.is_null() {
                (*next).prevpool = prev;
            }
        }
    }

    /// Moves a pool that just became empty from `usedpools` to its arena's
    /// `freepools`, then restores the `usable_arenas` order, releasing the
    /// arena if it is wholly free. Mirrors CPython's `insert_to_freepool`.
    ///
    /// # Safety
    /// `pool` is on `usedpools` and its `count` just dropped to 0.
    #[cold]
    #[inline(never)]
    unsafe fn insert_to_freepool(&mut self, pool: *mut PoolHeader) {
        // SAFETY: forwarded from the caller.
        unsafe { self.unlink_used(pool) };
        // SAFETY: `pool`'s header is initialised and names its arena
        // (invariant 2).
        let a = unsafe { (*pool).arenaindex };
        let ao = &mut self.arenas[a as usize];
        // Link the pool to freepools (singly linked; prevpool unused).
        // SAFETY: as above.
        unsafe { (*pool).nextpool = ao.freepools };
        ao.freepools = pool;
        let nf = ao.nfreepools as usize;
        let prev = ao.prevarena;
        let next = ao.nextarena;
        // If this is the last arena with `nf` free pools, the last with `nf`
        // becomes its predecessor (if that has `nf` too) or none. When nf is
        // 0 the arena is not on `usable_arenas` and nfp2lasta[0] is NONE.
        let lastnf = self.nfp2lasta[nf];
        if lastnf == a {
            self.nfp2lasta[nf] =
                if prev != NONE && self.arenas[prev as usize].nfreepools as usize == nf {
                    prev
                } else {
                    NONE
                };
        }
        let nf = nf + 1;
        self.arenas[a as usize].nfreepools = nf as u32;

        // Four cases, as in CPython:
        // 1. Every pool is free: return the arena to the OS, unless it is
        //    the last of `usable_arenas` (keep one wholly free arena to avoid
        //    thrashing, bpo-37257).
        // 2. This is the arena's only free pool: it was not on
        //    `usable_arenas`; it goes to the front (fewest free pools).
        // 3. The next arena has fewer free pools: move this one right, to
        //    just after the last arena with `nf` free pools.
        // 4. Otherwise the order still holds.
        if nf == MAX_POOLS_IN_ARENA && next != NONE {
            // Case 1.
            self.unlink_usable(a);
            self.release_arena(a);
            return;
        }
        if nf == 1 {
            // Case 2.
            let head = self.usable_arenas;
            let ao = &mut self.arenas[a as usize];
            ao.nextarena = head;
            ao.prevarena = NONE;
            if head != NONE {
                self.arenas[head as usize].prevarena = a;
            }
            self.usable_arenas = a;
            if self.nfp2lasta[1] == NONE {
                self.nfp2lasta[1] = a;
            }
            return;
        }
        if self.nfp2lasta[nf] == NONE {
            // The only arena with `nf`: record it.
            self.nfp2lasta[nf] = a;
        }
        if lastnf == a {
            // Case 4: it was the last with the old count, so every arena
            // after it has more than the old count, i.e. at least `nf`.
            return;
        }
        // Case 3: move `a` to just after `lastnf` (the last arena with the
        // old count; `a` has more now).
        debug_assert!(lastnf != NONE && next != NONE);
        self.unlink_usable(a);
        let after = self.arenas[lastnf as usize].nextarena;
        {
            let ao = &mut self.arenas[a as usize];
            ao.prevarena = lastnf;
            ao.nextarena = after;
        }
        if after != NONE {
            self.arenas[after as usize].prevarena = a;
        }
        self.arenas[lastnf as usize].nextarena = a;
    }

    /// Removes arena `a` from `usable_arenas` (without touching
    /// `nfp2lasta`).
    fn unlink_usable(&mut self, a: ArenaIdx) {
        let ArenaObject {
            prevarena: prev,
            nextarena: next,
            ..
        } = self.arenas[a as usize];
        if prev == NONE {
            debug_assert_eq!(self.usable_arenas, a);
            self.usable_arenas = next;
        } else {
            self.arenas[prev as usize].nextarena = next;
        }
        if next != NONE {
            self.arenas[next as usize].prevarena = prev;
        }
    }

    /// Unmaps wholly free arena `a`, which is on no list, and makes its
    /// object unassociated.
    fn release_arena(&mut self, a: ArenaIdx) {
        let unused = self.unused_arena_objects;
        let ao = &mut self.arenas[a as usize];
        debug_assert_eq!(ao.nfreepools as usize, MAX_POOLS_IN_ARENA);
        let address = ao.address;
        *ao = ArenaObject {
            nextarena: unused,
            ..ArenaObject::UNASSOCIATED
        };
        self.unused_arena_objects = a;
        self.narenas_currently_allocated -= 1;
        if let Some(address) = NonNull::new(address) {
            // SAFETY: the arena was mapped by `os::map_arena` (invariant 1)
            // and all its pools are empty, so no block in it is referenced;
            // its object no longer points at it.
            unsafe { os::unmap_arena(address) };
        }
    }

    /// Returns the one wholly free arena kept to avoid thrashing (see the
    /// module docs) to the OS, if there is one. Returns the number of arenas
    /// released (0 or 1). Like `malloc_trim`: call it when the heap is known
    /// to have shrunk for good (e.g. after a full collection), or before
    /// measuring.
    pub fn trim(&mut self) -> usize {
        // Invariant 7: the wholly free arena, if any, is the last of
        // `usable_arenas` and so the last with MAX_POOLS_IN_ARENA.
        let a = self.nfp2lasta[MAX_POOLS_IN_ARENA];
        if a == NONE {
            return 0;
        }
        debug_assert_eq!(self.arenas[a as usize].nextarena, NONE);
        let prev = self.arenas[a as usize].prevarena;
        debug_assert!(
            prev == NONE || (self.arenas[prev as usize].nfreepools as usize) < MAX_POOLS_IN_ARENA
        );
        self.nfp2lasta[MAX_POOLS_IN_ARENA] = NONE;
        self.unlink_usable(a);
        self.release_arena(a);
        1
    }

    /// # Safety
    /// As for [`free`](Self::free), with `size > SMALL_REQUEST_THRESHOLD`.
    #[cold]
    #[inline(never)]
    unsafe fn free_large(&mut self, ptr: NonNull<u8>, size: usize) {
        // SAFETY: the caller guarantees `ptr` is a live large block, so a
        // header precedes it and its neighbours on the list are live
        // (invariant 8).
        unsafe {
            let h = ptr.as_ptr().cast::<LargeHeader>().sub(1);
            let LargeHeader {
                prev,
                next,
                size: bytes,
            } = h.read();
            debug_assert_eq!(
                large_layout(size).map(|l| l.size()),
                Some(bytes),
                "free: size {size} does not match the large block"
            );
            if prev.is_null() {
                self.large = next;
            } else {
                (*prev).next = next;
            }
            if !next.is_null() {
                (*next).prev = prev;
            }
            self.large_blocks -= 1;
            self.large_bytes -= bytes;
            std::alloc::dealloc(
                h.cast(),
                Layout::from_size_align_unchecked(bytes, ALIGNMENT),
            );
        }
    }

    // -- reallocation -------------------------------------------------------

    /// Resizes a block from `old_size` to `new_size` bytes, preserving its
    /// first `min(old_size, new_size)` bytes. The result may be `ptr` itself
    /// (when both sizes fall in the same size class) or a new block. On
    /// `None` (limit reached or the system refused) the old block is
    /// untouched and still owned by the caller.
    ///
    /// # Safety
    /// As for [`free`](Self::free) with `old_size`: `ptr` is a live block of
    /// this allocator allocated with `old_size`. On success the block must
    /// afterwards be treated as allocated with `new_size`.
    pub unsafe fn realloc(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Option<NonNull<u8>> {
        match (size_class(old_size), size_class(new_size)) {
            (Some(a), Some(b)) if a == b => return Some(ptr),
            // SAFETY: forwarded from the caller.
            (None, None) => return unsafe { self.realloc_large(ptr, old_size, new_size) },
            _ => {}
        }
        let new = self.alloc(new_size)?;
        // SAFETY: `ptr` is live with at least `old_size` bytes (caller),
        // `new` is a fresh block of at least `new_size` bytes, and distinct
        // live blocks never overlap; then `ptr` is freed with its own size.
        unsafe {
            ptr::copy_nonoverlapping(ptr.as_ptr(), new.as_ptr(), old_size.min(new_size));
            self.free(ptr, old_size);
        }
        Some(new)
    }

    /// # Safety
    /// `ptr` is a live large block allocated with `old_size`; `new_size` is
    /// large too.
    unsafe fn realloc_large(
        &mut self,
        ptr: NonNull<u8>,
        old_size: usize,
        new_size: usize,
    ) -> Option<NonNull<u8>> {
        let new_layout = large_layout(new_size)?;
        // SAFETY: the caller guarantees a header precedes `ptr`.
        let h = unsafe { ptr.as_ptr().cast::<LargeHeader>().sub(1) };
        // SAFETY: as above; the header is initialised.
        let old_bytes = unsafe { (*h).size };
        debug_assert_eq!(large_layout(old_size).map(|l| l.size()), Some(old_bytes));
        if new_layout.size() > old_bytes && !self.admit(new_layout.size() - old_bytes) {
            return None;
        }
        // SAFETY: `h` was allocated with layout (old_bytes, ALIGNMENT), and
        // `new_layout` proved the new size valid for that alignment. On
        // success the header moved with the contents: re-point the
        // neighbours (live, invariant 8) at its new address.
        unsafe {
            let old_layout = Layout::from_size_align_unchecked(old_bytes, ALIGNMENT);
            let nh =
                std::alloc::realloc(h.cast(), old_layout, new_layout.size()).cast::<LargeHeader>();
            if nh.is_null() {
                return None;
            }
            (*nh).size = new_layout.size();
            let (prev, next) = ((*nh).prev, (*nh).next);
            if prev.is_null() {
                self.large = nh;
            } else {
                (*prev).next = nh;
            }
            if !next.is_null() {
                (*next).prev = nh;
            }
            self.large_bytes = self.large_bytes - old_bytes + new_layout.size();
            Some(NonNull::new_unchecked(nh.add(1).cast::<u8>()))
        }
    }
}

impl Drop for Allocator {
    fn drop(&mut self) {
        for ao in &self.arenas {
            if let Some(address) = NonNull::new(ao.address) {
                // SAFETY: associated arenas are mappings from `map_arena`
                // (invariant 1); the allocator is going away, and blocks may
                // not outlive it.
                unsafe { os::unmap_arena(address) };
            }
        }
        let mut h = self.large;
        while !h.is_null() {
            // SAFETY: `h` is a live large block with an initialised header
            // (invariant 8), allocated with layout (size, ALIGNMENT).
            unsafe {
                let LargeHeader { next, size, .. } = h.read();
                std::alloc::dealloc(h.cast(), Layout::from_size_align_unchecked(size, ALIGNMENT));
                h = next;
            }
        }
    }
}

#[cfg(test)]
mod tests;
