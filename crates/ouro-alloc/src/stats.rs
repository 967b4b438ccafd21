//! Statistics, the occupancy snapshot, `sys._debugmallocstats()` output and
//! the invariant checker.
//!
//! None of this is on the allocation path: like CPython, the allocator keeps
//! no per-block counters, and these functions walk every pool header of every
//! arena (O(pools) = O(heap / 16 KiB)).

use core::fmt;

use crate::{
    blocks_per_pool, class_size, Allocator, ArenaObject, LargeHeader, PoolHeader, ALIGNMENT,
    ARENA_SIZE, MAX_POOLS_IN_ARENA, NB_SMALL_SIZE_CLASSES, NONE, POOL_OVERHEAD, POOL_SIZE,
    SMALL_REQUEST_THRESHOLD,
};

/// Per-size-class numbers, as in the table of `sys._debugmallocstats()`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SizeClassStats {
    /// Block size of the class ([`class_size`]).
    pub block_size: usize,
    /// Pools serving this class (used or full; empty pools are counted in
    /// [`AllocStats::unused_pools`]).
    pub pools: usize,
    /// Blocks allocated in those pools.
    pub blocks_in_use: usize,
    /// Blocks still available in those pools (freed or never used).
    pub avail_blocks: usize,
}

/// A snapshot of the allocator's statistics; see [`Allocator::stats`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllocStats {
    /// Bytes in live blocks: small blocks count their class size, large
    /// blocks their size rounded up to [`ALIGNMENT`] (headers excluded).
    pub bytes_in_use: usize,
    /// Live blocks, small and large.
    pub blocks_in_use: usize,
    /// Arenas ever mapped (`ntimes_arena_allocated`).
    pub arenas_allocated_total: usize,
    /// Arenas returned to the OS.
    pub arenas_reclaimed_total: usize,
    /// Arenas currently mapped.
    pub arenas_current: usize,
    /// Highest number of arenas mapped at once.
    pub arenas_highwater: usize,
    /// Bytes of mapped arenas (`arenas_current * ARENA_SIZE`).
    pub bytes_mapped: usize,
    /// Pools in mapped arenas that serve no size class (empty or never
    /// used).
    pub unused_pools: usize,
    /// Per size class, indexed by class.
    pub size_classes: [SizeClassStats; NB_SMALL_SIZE_CLASSES],
    /// Live large blocks (served by the system allocator).
    pub large_blocks: usize,
    /// Bytes taken from the system allocator by live large blocks, headers
    /// included.
    pub large_bytes: usize,
    /// `bytes_mapped + large_bytes`: what the limit caps.
    pub footprint: usize,
    /// The limit in force.
    pub limit: Option<usize>,
}

impl AllocStats {
    /// Writes the obmalloc part of `sys._debugmallocstats()` in CPython
    /// 3.11's layout (see [`Allocator::debug_malloc_stats`]).
    pub fn write_debug_malloc_stats(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        writeln!(
            out,
            "Small block threshold = {SMALL_REQUEST_THRESHOLD}, in {NB_SMALL_SIZE_CLASSES} size classes."
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "class   size   num pools   blocks in use  avail blocks"
        )?;
        writeln!(
            out,
            "-----   ----   ---------   -------------  ------------"
        )?;
        let (mut allocated, mut available, mut headers, mut quantization) = (0, 0, 0, 0);
        for (i, c) in self.size_classes.iter().enumerate() {
            if c.pools == 0 {
                continue;
            }
            writeln!(
                out,
                "{i:5} {:6} {:11} {:15} {:13}",
                c.block_size, c.pools, c.blocks_in_use, c.avail_blocks
            )?;
            allocated += c.blocks_in_use * c.block_size;
            available += c.avail_blocks * c.block_size;
            headers += c.pools * POOL_OVERHEAD;
            quantization += c.pools * ((POOL_SIZE - POOL_OVERHEAD) % c.block_size);
        }
        writeln!(out)?;
        printone(out, "# arenas allocated total", self.arenas_allocated_total)?;
        printone(out, "# arenas reclaimed", self.arenas_reclaimed_total)?;
        printone(out, "# arenas highwater mark", self.arenas_highwater)?;
        printone(out, "# arenas allocated current", self.arenas_current)?;
        let label = format!("{} arenas * {ARENA_SIZE} bytes/arena", self.arenas_current);
        printone(out, &label, self.bytes_mapped)?;
        writeln!(out)?;
        let mut total = printone(out, "# bytes in allocated blocks", allocated)?;
        total += printone(out, "# bytes in available blocks", available)?;
        let label = format!("{} unused pools * {POOL_SIZE} bytes", self.unused_pools);
        total += printone(out, &label, self.unused_pools * POOL_SIZE)?;
        total += printone(out, "# bytes lost to pool headers", headers)?;
        total += printone(out, "# bytes lost to quantization", quantization)?;
        // Arenas are pool-aligned (see os.rs): nothing is lost.
        total += printone(out, "# bytes lost to arena alignment", 0)?;
        printone(out, "Total", total)?;
        Ok(())
    }
}

/// Writes one free-list line of `sys._debugmallocstats()`, as CPython's
/// `_PyDebugAllocatorStats`: "`num` free `name`s * `size` bytes each",
/// right-aligned in 48 columns, then the bytes they hold.
pub fn write_free_list_stats(
    out: &mut dyn fmt::Write,
    name: &str,
    num: usize,
    size: usize,
) -> fmt::Result {
    let what = format!("{num} free {name}s * {size} bytes each");
    printone(out, &format!("{what:>48} "), num * size).map(|_| ())
}

/// Writes `msg`, padded to 35 columns, `=`, and `value` with thousands
/// separators right-aligned in 21 columns. Mirrors CPython's `printone`,
/// including dropping the leading characters of a value wider than the
/// field. Returns `value` so callers can total up.
pub(crate) fn printone(
    out: &mut dyn fmt::Write,
    msg: &str,
    value: usize,
) -> Result<usize, fmt::Error> {
    const WIDTH: usize = 21;
    // A usize has at most 20 digits and 6 separators.
    let mut buf = [b' '; 26];
    let mut i = buf.len();
    let mut v = value;
    let mut digits = 0;
    loop {
        if digits > 0 && digits % 3 == 0 {
            i -= 1;
            buf[i] = b',';
        }
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        digits += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    let field = &buf[buf.len() - WIDTH..];
    let field = core::str::from_utf8(field).map_err(|_| fmt::Error)?;
    writeln!(out, "{msg:<35}={field}")?;
    Ok(value)
}

/// State of one pool in an [`ArenaSnapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PoolState {
    /// Never handed out by its arena.
    Untouched,
    /// Served a size class once, now has no allocated block.
    Empty,
    /// Has allocated and available blocks.
    Used,
    /// Every block is allocated.
    Full,
}

/// One pool in an [`ArenaSnapshot`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolSnapshot {
    /// Address of the pool (its header).
    pub address: usize,
    pub state: PoolState,
    /// Size class served (`Used` and `Full` pools only).
    pub size_class: Option<usize>,
    /// Allocated blocks.
    pub blocks_in_use: usize,
    /// Blocks the pool holds in its size class (0 for `Untouched` and
    /// `Empty` pools).
    pub total_blocks: usize,
}

/// Occupancy of one mapped arena; see [`Allocator::arena_snapshot`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArenaSnapshot {
    /// Address of the arena's first byte.
    pub address: usize,
    /// Pools that are `Empty` or `Untouched`.
    pub nfreepools: usize,
    /// Its [`MAX_POOLS_IN_ARENA`] pools, in address order.
    pub pools: Vec<PoolSnapshot>,
}

impl Allocator {
    /// Reads pool `k` of associated arena `ao`.
    fn pool_snapshot(ao: &ArenaObject, k: usize) -> PoolSnapshot {
        // Pool addresses are computed from `address` (keeping its
        // provenance); `pool_address` is only compared.
        let pool = ao.address.wrapping_add(k * POOL_SIZE);
        let address = pool.addr();
        if address >= ao.pool_address.addr() {
            return PoolSnapshot {
                address,
                state: PoolState::Untouched,
                size_class: None,
                blocks_in_use: 0,
                total_blocks: 0,
            };
        }
        // SAFETY: invariant 2: pools below `pool_address` of an associated
        // arena are carved, so an initialised header sits at `pool`, inside
        // the mapping.
        let (count, freeblock, szidx) = unsafe {
            let h = pool.cast::<PoolHeader>();
            ((*h).count as usize, (*h).freeblock, (*h).szidx as usize)
        };
        let (state, size_class, total_blocks) = if count == 0 {
            (PoolState::Empty, None, 0)
        } else if freeblock.is_null() {
            (PoolState::Full, Some(szidx), blocks_per_pool(szidx))
        } else {
            (PoolState::Used, Some(szidx), blocks_per_pool(szidx))
        };
        PoolSnapshot {
            address,
            state,
            size_class,
            blocks_in_use: count,
            total_blocks,
        }
    }

    fn associated_arenas(&self) -> impl Iterator<Item = &ArenaObject> {
        self.arenas.iter().filter(|ao| !ao.address.is_null())
    }

    /// Gathers the statistics by walking every pool header (O(pools)).
    pub fn stats(&self) -> AllocStats {
        let mut s = AllocStats {
            arenas_allocated_total: self.ntimes_arena_allocated,
            arenas_reclaimed_total: self.ntimes_arena_allocated - self.narenas_currently_allocated,
            arenas_current: self.narenas_currently_allocated,
            arenas_highwater: self.narenas_highwater,
            bytes_mapped: self.narenas_currently_allocated * ARENA_SIZE,
            large_blocks: self.large_blocks,
            large_bytes: self.large_bytes,
            footprint: self.footprint(),
            limit: self.limit,
            ..AllocStats::default()
        };
        for (i, c) in s.size_classes.iter_mut().enumerate() {
            c.block_size = class_size(i);
        }
        for ao in self.associated_arenas() {
            s.unused_pools += ao.nfreepools as usize;
            for k in 0..MAX_POOLS_IN_ARENA {
                let p = Self::pool_snapshot(ao, k);
                if let Some(szidx) = p.size_class {
                    let c = &mut s.size_classes[szidx];
                    c.pools += 1;
                    c.blocks_in_use += p.blocks_in_use;
                    c.avail_blocks += p.total_blocks - p.blocks_in_use;
                }
            }
        }
        let small_blocks: usize = s.size_classes.iter().map(|c| c.blocks_in_use).sum();
        let small_bytes: usize = s
            .size_classes
            .iter()
            .map(|c| c.blocks_in_use * c.block_size)
            .sum();
        s.blocks_in_use = small_blocks + self.large_blocks;
        s.bytes_in_use =
            small_bytes + self.large_bytes - self.large_blocks * size_of::<LargeHeader>();
        s
    }

    /// Per-arena occupancy, for a heap visualiser: every mapped arena (in
    /// `arenas` order) with the state and fill of each of its pools.
    pub fn arena_snapshot(&self) -> Vec<ArenaSnapshot> {
        self.associated_arenas()
            .map(|ao| ArenaSnapshot {
                address: ao.address.addr(),
                nfreepools: ao.nfreepools as usize,
                pools: (0..MAX_POOLS_IN_ARENA)
                    .map(|k| Self::pool_snapshot(ao, k))
                    .collect(),
            })
            .collect()
    }

    /// Prints the obmalloc part of CPython 3.11's `sys._debugmallocstats()`
    /// in its exact layout, with this heap's numbers: the size class table
    /// (classes with pools only), then the arena and byte accounting lines,
    /// whose bytes add up to the mapped arena bytes.
    ///
    /// Left out: the `arena map counts` section CPython prints next (it
    /// describes the radix tree behind `address_in_range`, which ouro does
    /// not need because `free` is given the size), and the per-type free
    /// list lines that follow it (ouro keeps no per-type free lists). Large
    /// blocks are not shown, as in CPython, where they belong to the system
    /// malloc; see [`AllocStats::large_blocks`].
    pub fn debug_malloc_stats(&self, out: &mut dyn fmt::Write) -> fmt::Result {
        self.stats().write_debug_malloc_stats(out)
    }

    /// Checks every invariant listed in the crate docs by walking all
    /// structures; returns a description of the first violation. O(heap):
    /// meant for tests and debugging.
    pub fn check_invariants(&self) -> Result<(), String> {
        check::run(self)
    }
}

/// The invariant checker, kept apart from the statistics.
mod check {
    use super::*;

    macro_rules! ensure {
        ($cond:expr, $($msg:tt)+) => {
            if !$cond {
                return Err(format!($($msg)+));
            }
        };
    }

    pub(super) fn run(a: &Allocator) -> Result<(), String> {
        let n = a.arenas.len();
        // Invariant 1: unused_arena_objects is exactly the unassociated ones.
        let mut unused = vec![false; n];
        let mut i = a.unused_arena_objects;
        let mut steps = 0;
        while i != NONE {
            ensure!(
                (i as usize) < n && !unused[i as usize],
                "unused list broken at {i}"
            );
            ensure!(
                a.arenas[i as usize].address.is_null(),
                "unused arena {i} is associated"
            );
            unused[i as usize] = true;
            i = a.arenas[i as usize].nextarena;
            steps += 1;
        }
        let associated = a.associated_arenas().count();
        ensure!(
            steps + associated == n,
            "{steps} unused + {associated} associated != {n}"
        );
        ensure!(
            associated == a.narenas_currently_allocated,
            "narenas_currently_allocated = {} but {associated} arenas are mapped",
            a.narenas_currently_allocated
        );

        // Invariants 2-5, per arena and pool.
        let mut used_pools_seen = [0usize; NB_SMALL_SIZE_CLASSES];
        let mut wholly_free = Vec::new();
        for (ai, ao) in a.arenas.iter().enumerate() {
            if ao.address.is_null() {
                continue;
            }
            let base = ao.address.addr();
            ensure!(
                base % POOL_SIZE == 0,
                "arena {ai} at {base:#x} is not pool-aligned"
            );
            let carved_end = ao.pool_address.addr();
            ensure!(
                carved_end >= base
                    && carved_end <= base + ARENA_SIZE
                    && (carved_end - base) % POOL_SIZE == 0,
                "arena {ai}: bad pool_address"
            );
            ensure!(
                ao.ntotalpools as usize == MAX_POOLS_IN_ARENA,
                "arena {ai}: ntotalpools"
            );
            let untouched = (base + ARENA_SIZE - carved_end) / POOL_SIZE;
            // Walk freepools.
            let mut on_freepools = 0;
            let mut p = ao.freepools;
            while !p.is_null() {
                let addr = p.addr();
                ensure!(
                    addr >= base && addr < carved_end && addr % POOL_SIZE == 0,
                    "arena {ai}: freepools entry {addr:#x} is not a carved pool"
                );
                ensure!(
                    on_freepools < MAX_POOLS_IN_ARENA,
                    "arena {ai}: freepools cycle"
                );
                // SAFETY: `p` is a carved pool of this arena (checked above).
                let (count, next) = unsafe { ((*p).count, (*p).nextpool) };
                ensure!(
                    count == 0,
                    "arena {ai}: pool {addr:#x} on freepools has count {count}"
                );
                on_freepools += 1;
                p = next;
            }
            ensure!(
                ao.nfreepools as usize == on_freepools + untouched,
                "arena {ai}: nfreepools {} != {on_freepools} free + {untouched} untouched",
                ao.nfreepools
            );
            let mut empty = 0;
            for k in 0..(carved_end - base) / POOL_SIZE {
                let pool = ao.address.wrapping_add(k * POOL_SIZE).cast::<PoolHeader>();
                check_pool(ai, pool, &mut used_pools_seen, &mut empty)?;
            }
            ensure!(
                empty == on_freepools,
                "arena {ai}: {empty} empty pools, {on_freepools} on freepools"
            );
            if ao.nfreepools as usize == MAX_POOLS_IN_ARENA {
                wholly_free.push(ai);
            }
        }

        // Invariant 4: usedpools lists hold exactly the used pools.
        for (szidx, &head) in a.usedpools.iter().enumerate() {
            let mut len = 0;
            let mut prev: *mut PoolHeader = core::ptr::null_mut();
            let mut p = head;
            while !p.is_null() {
                // The length bound stops cycles; the address check comes
                // before the header is read.
                ensure!(
                    len < used_pools_seen[szidx] + 1,
                    "usedpools[{szidx}] is longer than the used pools"
                );
                ensure!(
                    is_carved(a, p),
                    "usedpools[{szidx}] holds a non-pool {:#x}",
                    p.addr()
                );
                // SAFETY: `p` is a carved pool (just checked).
                let (count, freeblock, psz, pprev, next) = unsafe {
                    (
                        (*p).count,
                        (*p).freeblock,
                        (*p).szidx,
                        (*p).prevpool,
                        (*p).nextpool,
                    )
                };
                ensure!(
                    psz as usize == szidx,
                    "usedpools[{szidx}] holds a pool of class {psz}"
                );
                ensure!(
                    count > 0 && !freeblock.is_null(),
                    "usedpools[{szidx}] holds a pool that is not used"
                );
                ensure!(pprev == prev, "usedpools[{szidx}]: bad prevpool");
                len += 1;
                prev = p;
                p = next;
            }
            ensure!(
                len == used_pools_seen[szidx],
                "usedpools[{szidx}] has {len} pools, {} used pools exist",
                used_pools_seen[szidx]
            );
        }

        // Invariant 6: usable_arenas is sorted and nfp2lasta matches.
        let mut on_usable = vec![false; n];
        let mut prev = NONE;
        let mut i = a.usable_arenas;
        let mut order = Vec::new();
        while i != NONE {
            ensure!(
                (i as usize) < n && !on_usable[i as usize],
                "usable_arenas broken at {i}"
            );
            let ao = &a.arenas[i as usize];
            ensure!(!ao.address.is_null(), "usable arena {i} is unassociated");
            ensure!(ao.nfreepools > 0, "usable arena {i} has no free pool");
            ensure!(ao.prevarena == prev, "usable arena {i}: bad prevarena");
            if prev != NONE {
                ensure!(
                    a.arenas[prev as usize].nfreepools <= ao.nfreepools,
                    "usable_arenas not sorted at {i}"
                );
            }
            on_usable[i as usize] = true;
            order.push(i);
            prev = i;
            i = ao.nextarena;
        }
        for (ai, ao) in a.arenas.iter().enumerate() {
            let should = !ao.address.is_null() && ao.nfreepools > 0;
            ensure!(
                should == on_usable[ai],
                "arena {ai}: on usable_arenas = {}",
                on_usable[ai]
            );
        }
        for nf in 0..=MAX_POOLS_IN_ARENA {
            let last = order
                .iter()
                .rev()
                .find(|&&i| a.arenas[i as usize].nfreepools as usize == nf);
            let want = last.copied().unwrap_or(NONE);
            ensure!(
                a.nfp2lasta[nf] == want,
                "nfp2lasta[{nf}] = {} but should be {want}",
                a.nfp2lasta[nf]
            );
        }

        // Invariant 7: at most one wholly free arena, and it is last.
        ensure!(
            wholly_free.len() <= 1,
            "{} wholly free arenas are kept",
            wholly_free.len()
        );
        if let Some(&w) = wholly_free.first() {
            ensure!(
                order.last() == Some(&(w as u32)),
                "wholly free arena {w} is not last"
            );
        }

        // Invariant 8: the large list.
        let (mut blocks, mut bytes) = (0, 0);
        let mut prev: *mut LargeHeader = core::ptr::null_mut();
        let mut h = a.large;
        while !h.is_null() {
            ensure!(
                blocks < a.large_blocks,
                "large list longer than large_blocks"
            );
            ensure!(h.addr().is_multiple_of(ALIGNMENT), "misaligned large block");
            // SAFETY: `h` is on the large list, within its recorded length.
            let (hprev, next, size) = unsafe { ((*h).prev, (*h).next, (*h).size) };
            ensure!(hprev == prev, "large list: bad prev link");
            ensure!(
                size > SMALL_REQUEST_THRESHOLD,
                "large block of {size} bytes"
            );
            blocks += 1;
            bytes += size;
            prev = h;
            h = next;
        }
        ensure!(
            blocks == a.large_blocks,
            "large list has {blocks} blocks, counter {}",
            a.large_blocks
        );
        ensure!(
            bytes == a.large_bytes,
            "large list has {bytes} bytes, counter {}",
            a.large_bytes
        );
        Ok(())
    }

    /// Whether `p` is the header address of a carved pool.
    fn is_carved(a: &Allocator, p: *mut PoolHeader) -> bool {
        let addr = p.addr();
        addr.is_multiple_of(POOL_SIZE)
            && a.associated_arenas()
                .any(|ao| addr >= ao.address.addr() && addr < ao.pool_address.addr())
    }

    /// Checks invariants 4-5 for the carved pool at `pool` of arena `ai`.
    fn check_pool(
        ai: usize,
        pool: *mut PoolHeader,
        used_pools_seen: &mut [usize; NB_SMALL_SIZE_CLASSES],
        empty: &mut usize,
    ) -> Result<(), String> {
        let base = pool.addr();
        // SAFETY: the caller passes a carved pool of an associated arena,
        // whose header is initialised (invariant 2).
        let h = unsafe { pool.read() };
        ensure!(
            h.arenaindex as usize == ai,
            "pool {base:#x}: arenaindex {} != {ai}",
            h.arenaindex
        );
        if h.count == 0 {
            *empty += 1;
            return Ok(());
        }
        let szidx = h.szidx as usize;
        ensure!(
            szidx < NB_SMALL_SIZE_CLASSES,
            "pool {base:#x}: szidx {szidx}"
        );
        let size = class_size(szidx);
        let capacity = blocks_per_pool(szidx);
        let (next, max) = (h.nextoffset as usize, h.maxnextoffset as usize);
        ensure!(
            max == POOL_SIZE - size,
            "pool {base:#x}: maxnextoffset {max}"
        );
        ensure!(
            next >= POOL_OVERHEAD + size
                && (next - POOL_OVERHEAD).is_multiple_of(size)
                && next <= max + size,
            "pool {base:#x}: nextoffset {next}"
        );
        let untouched = if next <= max {
            (max - next) / size + 1
        } else {
            0
        };
        let mut free = 0;
        let mut b = h.freeblock;
        while !b.is_null() {
            let off = b.addr().wrapping_sub(base);
            ensure!(
                off >= POOL_OVERHEAD && off < next && (off - POOL_OVERHEAD).is_multiple_of(size),
                "pool {base:#x}: free block at offset {off:#x}"
            );
            ensure!(free < capacity, "pool {base:#x}: free list cycle");
            free += 1;
            // SAFETY: `b` is a block of this pool below `nextoffset` (checked
            // above), so it lies in the mapping, and as a free block its
            // first word was written as a link.
            b = unsafe { b.cast::<*mut u8>().read() };
        }
        let count = h.count as usize;
        ensure!(
            count + free + untouched == capacity,
            "pool {base:#x}: {count} used + {free} free + {untouched} untouched != {capacity}"
        );
        if h.freeblock.is_null() {
            ensure!(
                untouched == 0,
                "pool {base:#x}: full with untouched blocks left"
            );
        } else {
            used_pools_seen[szidx] += 1;
        }
        Ok(())
    }
}
