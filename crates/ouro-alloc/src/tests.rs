//! Unit tests: size classes, pool and arena state transitions, arena
//! release, the limit, huge requests, realloc, statistics and the
//! `_debugmallocstats` text.

use super::*;

/// Panics with the violation if the allocator's invariants do not hold.
#[track_caller]
fn check(a: &Allocator) {
    if let Err(e) = a.check_invariants() {
        panic!("invariant violated: {e}");
    }
}

/// Live blocks with the sizes they were allocated with.
type Blocks = Vec<(NonNull<u8>, usize)>;

fn alloc(a: &mut Allocator, size: usize) -> NonNull<u8> {
    a.alloc(size).expect("allocation failed")
}

/// Frees every `(ptr, size)` in `blocks`.
fn free_all(a: &mut Allocator, blocks: &mut Blocks) {
    for (p, size) in blocks.drain(..) {
        // SAFETY: each entry was allocated from `a` with `size` and is freed
        // once (drained).
        unsafe { a.free(p, size) };
    }
}

fn pool_of(p: NonNull<u8>) -> usize {
    p.as_ptr().addr() & !POOL_SIZE_MASK
}

fn arena_of(a: &Allocator, p: NonNull<u8>) -> usize {
    let addr = p.as_ptr().addr();
    a.arena_snapshot()
        .iter()
        .position(|s| (s.address..s.address + ARENA_SIZE).contains(&addr))
        .expect("block in no arena")
}

/// Blocks of the largest class that fill `n` whole arenas.
fn fill_arenas(a: &mut Allocator, n: usize) -> Blocks {
    let per_arena = MAX_POOLS_IN_ARENA * blocks_per_pool(NB_SMALL_SIZE_CLASSES - 1);
    (0..n * per_arena).map(|_| (alloc(a, 512), 512)).collect()
}

#[test]
fn tunables_match_cpython_64bit() {
    assert_eq!(NB_SMALL_SIZE_CLASSES, 32);
    assert_eq!(MAX_POOLS_IN_ARENA, 64);
    #[cfg(target_pointer_width = "64")]
    assert_eq!(POOL_OVERHEAD, 48);
    assert_eq!(blocks_per_pool(0), 1021);
    assert_eq!(blocks_per_pool(31), 31);
}

#[test]
fn size_class_mapping() {
    assert_eq!(size_class(0), Some(0));
    assert_eq!(size_class(1), Some(0));
    assert_eq!(size_class(16), Some(0));
    assert_eq!(size_class(17), Some(1));
    assert_eq!(size_class(32), Some(1));
    assert_eq!(size_class(33), Some(2));
    assert_eq!(size_class(511), Some(31));
    assert_eq!(size_class(512), Some(31));
    assert_eq!(size_class(513), None);
    assert_eq!(size_class(usize::MAX), None);
    for size in 1..=SMALL_REQUEST_THRESHOLD {
        let c = size_class(size).unwrap();
        assert!(
            class_size(c) >= size && class_size(c) < size + ALIGNMENT,
            "{size}"
        );
    }
    for c in 0..NB_SMALL_SIZE_CLASSES {
        assert_eq!(size_class(class_size(c)), Some(c));
        assert_eq!(class_size(c), 16 * (c + 1));
    }
}

#[test]
fn blocks_are_aligned_distinct_and_writable() {
    let mut a = Allocator::new();
    let mut blocks = Vec::new();
    for size in 0..=2 * SMALL_REQUEST_THRESHOLD {
        let p = alloc(&mut a, size);
        assert_eq!(p.as_ptr().addr() % ALIGNMENT, 0, "size {size}");
        // SAFETY: `p` is a fresh block of `size` bytes.
        unsafe { ptr::write_bytes(p.as_ptr(), size as u8, size) };
        blocks.push((p, size));
    }
    let mut starts: Vec<usize> = blocks.iter().map(|(p, _)| p.as_ptr().addr()).collect();
    starts.sort_unstable();
    starts.dedup();
    assert_eq!(starts.len(), blocks.len());
    for &(p, size) in &blocks {
        // SAFETY: `p` is live with `size` bytes, written above.
        let bytes = unsafe { core::slice::from_raw_parts(p.as_ptr(), size) };
        assert!(
            bytes.iter().all(|&b| b == size as u8),
            "size {size} clobbered"
        );
    }
    check(&a);
    free_all(&mut a, &mut blocks);
    check(&a);
    assert_eq!(a.stats().blocks_in_use, 0);
}

#[test]
fn free_list_is_lifo() {
    let mut a = Allocator::new();
    let x = alloc(&mut a, 40);
    let _y = alloc(&mut a, 40);
    // SAFETY: `x` is live, allocated with 40.
    unsafe { a.free(x, 40) };
    assert_eq!(
        alloc(&mut a, 33),
        x,
        "same class reuses the freed block first"
    );
}

#[test]
fn pool_states_used_full_empty() {
    let mut a = Allocator::new();
    let n = blocks_per_pool(0);
    let mut blocks: Vec<_> = (0..n).map(|_| (alloc(&mut a, 16), 16)).collect();
    let first_pool = pool_of(blocks[0].0);
    assert!(blocks.iter().all(|&(p, _)| pool_of(p) == first_pool));
    let snap = &a.arena_snapshot()[0];
    assert_eq!(snap.pools[0].state, PoolState::Full);
    assert_eq!(snap.pools[0].blocks_in_use, n);
    assert_eq!(snap.pools[0].total_blocks, n);
    assert_eq!(snap.pools[1].state, PoolState::Untouched);
    assert!(a.usedpools[0].is_null(), "a full pool is on no list");
    check(&a);

    // The next block needs a second pool.
    let extra = alloc(&mut a, 1);
    assert_ne!(pool_of(extra), first_pool);
    check(&a);

    // Freeing into the full pool puts it at the front of usedpools, so it is
    // allocated from next.
    let (victim, _) = blocks.pop().unwrap();
    // SAFETY: `victim` is live, size 16.
    unsafe { a.free(victim, 16) };
    assert_eq!(a.usedpools[0].addr(), first_pool);
    assert_eq!(a.arena_snapshot()[0].pools[0].state, PoolState::Used);
    check(&a);
    assert_eq!(alloc(&mut a, 16), victim);
    blocks.push((victim, 16));

    // Emptying the first pool moves it to the arena's free pools.
    free_all(&mut a, &mut blocks);
    check(&a);
    let snap = &a.arena_snapshot()[0];
    assert_eq!(snap.pools[0].state, PoolState::Empty);
    assert_eq!(snap.pools[1].state, PoolState::Used);
    assert_eq!(snap.nfreepools, MAX_POOLS_IN_ARENA - 1);

    // An empty pool is reused before untouched ones, for any class.
    let other = alloc(&mut a, 300);
    assert_eq!(pool_of(other), first_pool);
    let snap = &a.arena_snapshot()[0];
    assert_eq!(snap.pools[0].size_class, size_class(300));
    check(&a);
    // SAFETY: both live with these sizes.
    unsafe {
        a.free(other, 300);
        a.free(extra, 1);
    }
    check(&a);
}

#[test]
fn empty_pool_reused_for_same_class_keeps_free_list() {
    let mut a = Allocator::new();
    let mut blocks: Vec<_> = (0..10).map(|_| (alloc(&mut a, 64), 64)).collect();
    let pool = pool_of(blocks[0].0);
    let last = blocks[9].0;
    free_all(&mut a, &mut blocks);
    check(&a);
    // The pool keeps its free list (LIFO: the last freed comes first) and
    // its bump pointer.
    let p = alloc(&mut a, 64);
    assert_eq!(pool_of(p), pool);
    assert_eq!(p, last);
    check(&a);
    // SAFETY: live, size 64.
    unsafe { a.free(p, 64) };
}

#[test]
fn wholly_free_arenas_are_released_but_one_is_kept() {
    let mut a = Allocator::new();
    let mut blocks = fill_arenas(&mut a, 3);
    blocks.extend((0..5000).map(|i| (alloc(&mut a, i % 700), i % 700)));
    let s = a.stats();
    assert!(s.arenas_current >= 4, "{s:?}");
    assert_eq!(s.arenas_highwater, s.arenas_current);
    check(&a);
    free_all(&mut a, &mut blocks);
    check(&a);
    let s = a.stats();
    assert_eq!(s.blocks_in_use, 0);
    assert_eq!(s.bytes_in_use, 0);
    assert_eq!(s.large_blocks, 0);
    // Like CPython (bpo-37257), the last wholly free arena is kept...
    assert_eq!(s.arenas_current, 1);
    assert_eq!(s.arenas_reclaimed_total, s.arenas_allocated_total - 1);
    // ...until trimmed.
    assert_eq!(a.trim(), 1);
    assert_eq!(a.trim(), 0);
    check(&a);
    let s = a.stats();
    assert_eq!(s.arenas_current, 0);
    assert_eq!(s.bytes_mapped, 0);
    assert_eq!(s.footprint, 0);
    assert_eq!(s.arenas_reclaimed_total, s.arenas_allocated_total);
    assert!(a.arena_snapshot().is_empty());

    // Arena objects are recycled.
    let slots = a.arenas.len();
    let mut blocks = fill_arenas(&mut a, 2);
    assert_eq!(a.arenas.len(), slots);
    free_all(&mut a, &mut blocks);
    check(&a);
}

#[test]
fn alloc_free_pairs_do_not_thrash_arenas() {
    let mut a = Allocator::new();
    for i in 0..1000 {
        let size = [8, 100, 512][i % 3];
        let p = alloc(&mut a, size);
        // SAFETY: live, with `size`.
        unsafe { a.free(p, size) };
    }
    assert_eq!(a.stats().arenas_allocated_total, 1);
    check(&a);
}

#[test]
fn new_pools_come_from_the_fullest_arena() {
    let mut a = Allocator::new();
    let per_pool = blocks_per_pool(NB_SMALL_SIZE_CLASSES - 1);
    let blocks = fill_arenas(&mut a, 3);
    // Group the blocks by arena and pool.
    let mut by_arena: Vec<Vec<Blocks>> = vec![Vec::new(); 3];
    let mut pools: std::collections::BTreeMap<usize, Vec<(NonNull<u8>, usize)>> =
        Default::default();
    for b in blocks {
        pools.entry(pool_of(b.0)).or_default().push(b);
    }
    for (_, bs) in pools {
        assert_eq!(bs.len(), per_pool);
        by_arena[arena_of(&a, bs[0].0)].push(bs);
    }
    // Empty 10 pools in arena 0, 3 in arena 1, 20 in arena 2.
    for (arena, n) in [(0, 10), (1, 3), (2, 20)] {
        for _ in 0..n {
            let mut bs = by_arena[arena].pop().unwrap();
            free_all(&mut a, &mut bs);
        }
    }
    check(&a);
    // A new pool (class 0 has none) comes from arena 1, the fullest.
    let p = alloc(&mut a, 16);
    assert_eq!(arena_of(&a, p), 1);
    check(&a);
    // Taking 2 more new pools keeps draining arena 1 (classes 1 and 2).
    let q = alloc(&mut a, 32);
    let r = alloc(&mut a, 48);
    assert_eq!(arena_of(&a, q), 1);
    assert_eq!(arena_of(&a, r), 1);
    // Arena 1 is now full again; next is arena 0 (10 free) before arena 2.
    let s = alloc(&mut a, 64);
    assert_eq!(arena_of(&a, s), 0);
    check(&a);
    // SAFETY: all live with these sizes.
    unsafe {
        a.free(p, 16);
        a.free(q, 32);
        a.free(r, 48);
        a.free(s, 64);
    }
    for mut bs in by_arena.into_iter().flatten() {
        free_all(&mut a, &mut bs);
    }
    check(&a);
    assert_eq!(a.stats().arenas_current, 1);
}

#[test]
fn limit_caps_arenas_and_freeing_makes_room() {
    let mut a = Allocator::new();
    a.set_limit(Some(2 * ARENA_SIZE));
    assert_eq!(a.limit(), Some(2 * ARENA_SIZE));
    let mut blocks = Vec::new();
    while let Some(p) = a.alloc(256) {
        blocks.push((p, 256));
    }
    let s = a.stats();
    assert_eq!(s.arenas_current, 2);
    assert!(s.footprint <= 2 * ARENA_SIZE);
    assert_eq!(
        blocks.len(),
        2 * MAX_POOLS_IN_ARENA * blocks_per_pool(size_class(256).unwrap())
    );
    // Other classes need a new pool: refused too, and so are large blocks.
    assert!(a.alloc(16).is_none());
    assert!(a.alloc(4096).is_none());
    check(&a);
    // Freeing one block makes room for one block of that class.
    let (p, size) = blocks.pop().unwrap();
    // SAFETY: live, with `size`.
    unsafe { a.free(p, size) };
    assert!(a.alloc(256).is_some_and(|q| q == p));
    assert!(a.alloc(256).is_none());
    // Raising the limit lets it grow.
    a.set_limit(Some(3 * ARENA_SIZE));
    let q = alloc(&mut a, 16);
    // SAFETY: live.
    unsafe { a.free(q, 16) };
    blocks.push((p, 256));
    free_all(&mut a, &mut blocks);
    check(&a);
}

#[test]
fn limit_counts_large_blocks() {
    let mut a = Allocator::new();
    a.set_limit(Some(1_000_000));
    let size = 100_000;
    let mut blocks = Vec::new();
    while let Some(p) = a.alloc(size) {
        blocks.push((p, size));
    }
    assert_eq!(blocks.len(), 9);
    assert!(a.footprint() <= 1_000_000);
    assert!(a.alloc(size).is_none());
    let (p, _) = blocks.pop().unwrap();
    // SAFETY: live, with `size`.
    unsafe { a.free(p, size) };
    assert!(a.alloc(size).is_some_and(|p| {
        blocks.push((p, size));
        true
    }));
    assert!(a.alloc(2_000_000).is_none());
    assert!(a.alloc(usize::MAX / 2).is_none());
    free_all(&mut a, &mut blocks);
    check(&a);
    assert_eq!(a.footprint(), 0);
}

#[test]
fn limit_releases_the_kept_free_arena_before_refusing() {
    let mut a = Allocator::new();
    let p = alloc(&mut a, 16);
    // SAFETY: live.
    unsafe { a.free(p, 16) };
    assert_eq!(a.footprint(), ARENA_SIZE, "the empty arena is kept");
    a.set_limit(Some(ARENA_SIZE));
    let big = alloc(&mut a, ARENA_SIZE / 2);
    assert_eq!(a.stats().arenas_current, 0);
    check(&a);
    // SAFETY: live.
    unsafe { a.free(big, ARENA_SIZE / 2) };
}

#[test]
fn limit_below_footprint_frees_nothing() {
    let mut a = Allocator::new();
    let p = alloc(&mut a, 100);
    a.set_limit(Some(0));
    assert_eq!(a.footprint(), ARENA_SIZE);
    // The mapped arena still has room: small blocks (even in new pools)
    // need no new memory.
    let q = alloc(&mut a, 100);
    let r = alloc(&mut a, 200);
    // A large block would.
    assert!(a.alloc(600).is_none());
    // SAFETY: all live with these sizes.
    unsafe {
        a.free(p, 100);
        a.free(q, 100);
        a.free(r, 200);
    }
    check(&a);
}

#[test]
fn huge_requests_return_none() {
    let mut a = Allocator::new();
    for size in [
        usize::MAX,
        usize::MAX - 15,
        isize::MAX as usize,
        isize::MAX as usize - 40,
    ] {
        assert!(a.alloc(size).is_none(), "{size}");
    }
    // Beyond any address space: refused by the system allocator.
    #[cfg(not(miri))]
    for size in [1usize << 62, 1 << 60] {
        assert!(a.alloc(size).is_none(), "{size}");
    }
    // 8 TB: refused by the kernel unless it is told to overcommit anything.
    #[cfg(all(not(miri), target_os = "linux"))]
    {
        let overcommit_all = std::fs::read_to_string("/proc/sys/vm/overcommit_memory")
            .is_ok_and(|s| s.trim() == "1");
        if !overcommit_all {
            assert!(a.alloc(8 << 40).is_none());
        }
    }
    a.set_limit(Some(64 << 20));
    assert!(a.alloc(8 << 40).is_none());
    check(&a);
    assert_eq!(a.stats(), {
        let mut fresh = Allocator::new().stats();
        fresh.limit = Some(64 << 20);
        fresh
    });
}

/// Fills `len` bytes at `p` with a pattern derived from `seed`.
fn fill(p: NonNull<u8>, len: usize, seed: u8) {
    for i in 0..len {
        // SAFETY: callers pass a live block of at least `len` bytes.
        unsafe { p.as_ptr().add(i).write(seed.wrapping_add(i as u8)) };
    }
}

fn holds(p: NonNull<u8>, len: usize, seed: u8) -> bool {
    // SAFETY: callers pass a live block of at least `len` bytes.
    (0..len).all(|i| unsafe { p.as_ptr().add(i).read() } == seed.wrapping_add(i as u8))
}

#[test]
fn realloc_preserves_contents_across_paths() {
    let mut a = Allocator::new();
    let p = alloc(&mut a, 20);
    fill(p, 20, 7);
    // Same class: in place.
    // SAFETY: `p` is live with 20 bytes.
    let q = unsafe { a.realloc(p, 20, 32) }.unwrap();
    assert_eq!(p, q);
    assert!(holds(q, 20, 7));
    // Bigger class: moves.
    // SAFETY: `q` is live with 32 bytes.
    let r = unsafe { a.realloc(q, 32, 100) }.unwrap();
    assert_ne!(pool_of(r), pool_of(q));
    assert!(holds(r, 20, 7));
    fill(r, 100, 9);
    // Small to large.
    // SAFETY: `r` is live with 100 bytes.
    let s = unsafe { a.realloc(r, 100, 5000) }.unwrap();
    assert!(holds(s, 100, 9));
    fill(s, 5000, 11);
    // Large to larger and smaller (system realloc).
    // SAFETY: `s` is live with 5000 bytes.
    let t = unsafe { a.realloc(s, 5000, 200_000) }.unwrap();
    assert!(holds(t, 5000, 11));
    assert_eq!(a.stats().large_blocks, 1);
    // SAFETY: `t` is live with 200_000 bytes.
    let u = unsafe { a.realloc(t, 200_000, 1000) }.unwrap();
    assert!(holds(u, 1000, 11));
    check(&a);
    // Large to small.
    // SAFETY: `u` is live with 1000 bytes.
    let v = unsafe { a.realloc(u, 1000, 10) }.unwrap();
    assert!(holds(v, 10, 11));
    let s = a.stats();
    assert_eq!(
        (s.blocks_in_use, s.large_blocks, s.bytes_in_use),
        (1, 0, 16)
    );
    // Shrink within class 0 to 0 bytes: in place.
    // SAFETY: `v` is live with 10 bytes.
    let w = unsafe { a.realloc(v, 10, 0) }.unwrap();
    assert_eq!(v, w);
    // SAFETY: `w` is live, now with 0 bytes.
    unsafe { a.free(w, 0) };
    check(&a);
}

#[test]
fn realloc_failure_leaves_the_block_alone() {
    let mut a = Allocator::new();
    let keep = alloc(&mut a, 5000);
    let p = alloc(&mut a, 100);
    fill(p, 100, 3);
    a.set_limit(Some(a.footprint()));
    // SAFETY: `p` is live with 100 bytes.
    assert!(unsafe { a.realloc(p, 100, 1000) }.is_none());
    // SAFETY: `keep` is live with 5000 bytes.
    assert!(unsafe { a.realloc(keep, 5000, 6000) }.is_none());
    // SAFETY: `p` is live with 100 bytes.
    assert!(unsafe { a.realloc(p, 100, usize::MAX) }.is_none());
    assert!(holds(p, 100, 3));
    check(&a);
    // Shrinking a large block needs no room.
    // SAFETY: `keep` is live with 5000 bytes.
    let keep = unsafe { a.realloc(keep, 5000, 600) }.unwrap();
    // SAFETY: both live with these sizes.
    unsafe {
        a.free(p, 100);
        a.free(keep, 600);
    }
    check(&a);
}

#[test]
fn large_blocks_are_tracked() {
    let mut a = Allocator::new();
    let sizes = [513, 1000, 4096, 70_000];
    let mut blocks: Vec<_> = sizes.iter().map(|&s| (alloc(&mut a, s), s)).collect();
    let s = a.stats();
    assert_eq!(s.large_blocks, 4);
    let rounded: usize = sizes.iter().map(|s| s.next_multiple_of(16)).sum();
    assert_eq!(s.bytes_in_use, rounded);
    assert_eq!(s.large_bytes, rounded + 4 * size_of::<LargeHeader>());
    assert_eq!(s.footprint, s.large_bytes);
    assert_eq!(s.arenas_current, 0);
    check(&a);
    // Free from the middle of the list.
    let (p, size) = blocks.remove(1);
    // SAFETY: live with `size`.
    unsafe { a.free(p, size) };
    check(&a);
    free_all(&mut a, &mut blocks);
    check(&a);
    assert_eq!(a.footprint(), 0);
}

#[test]
fn drop_releases_unfreed_blocks() {
    // Leak checkers (Miri, valgrind) verify nothing is lost here.
    let mut a = Allocator::new();
    for size in [0, 16, 500, 600, 100_000] {
        alloc(&mut a, size);
    }
    drop(a);
}

#[test]
fn stats_and_snapshot_agree() {
    let mut a = Allocator::new();
    let mut blocks = Vec::new();
    for i in 0..3000usize {
        let size = (i * 37) % 600;
        blocks.push((alloc(&mut a, size), size));
    }
    for i in (0..blocks.len()).rev().step_by(3) {
        let (p, size) = blocks.swap_remove(i);
        // SAFETY: live with `size`.
        unsafe { a.free(p, size) };
    }
    check(&a);
    let s = a.stats();
    let snap = a.arena_snapshot();
    assert_eq!(snap.len(), s.arenas_current);
    let mut per_class = [(0usize, 0usize); NB_SMALL_SIZE_CLASSES];
    let mut free_pools = 0;
    for arena in &snap {
        assert_eq!(arena.pools.len(), MAX_POOLS_IN_ARENA);
        let nf = arena
            .pools
            .iter()
            .filter(|p| matches!(p.state, PoolState::Empty | PoolState::Untouched))
            .count();
        assert_eq!(nf, arena.nfreepools);
        free_pools += nf;
        for p in &arena.pools {
            if let Some(c) = p.size_class {
                per_class[c].0 += 1;
                per_class[c].1 += p.blocks_in_use;
                assert_eq!(
                    p.state == PoolState::Full,
                    p.blocks_in_use == p.total_blocks
                );
            }
        }
    }
    assert_eq!(free_pools, s.unused_pools);
    for (c, &(pools, used)) in per_class.iter().enumerate() {
        assert_eq!(
            (s.size_classes[c].pools, s.size_classes[c].blocks_in_use),
            (pools, used),
            "class {c}"
        );
    }
    let live_small: Vec<_> = blocks
        .iter()
        .filter(|b| b.1 <= SMALL_REQUEST_THRESHOLD)
        .collect();
    assert_eq!(s.blocks_in_use, blocks.len());
    assert_eq!(s.large_blocks, blocks.len() - live_small.len());
    let bytes: usize = blocks
        .iter()
        .map(|&(_, n)| size_class(n).map_or(n.next_multiple_of(16), class_size))
        .sum();
    assert_eq!(s.bytes_in_use, bytes);
    free_all(&mut a, &mut blocks);
}

#[test]
fn debug_malloc_stats_exact_text() {
    let mut a = Allocator::new();
    let blocks: Vec<_> = [(16, 3), (512, 1)]
        .iter()
        .flat_map(|&(size, n)| (0..n).map(move |_| size))
        .map(|size| (alloc(&mut a, size), size))
        .collect();
    let mut out = String::new();
    a.debug_malloc_stats(&mut out).unwrap();
    let expected = "\
Small block threshold = 512, in 32 size classes.

class   size   num pools   blocks in use  avail blocks
-----   ----   ---------   -------------  ------------
    0     16           1               3          1018
   31    512           1               1            30

# arenas allocated total           =                    1
# arenas reclaimed                 =                    0
# arenas highwater mark            =                    1
# arenas allocated current         =                    1
1 arenas * 1048576 bytes/arena     =            1,048,576

# bytes in allocated blocks        =                  560
# bytes in available blocks        =               31,648
62 unused pools * 16384 bytes      =            1,015,808
# bytes lost to pool headers       =                   96
# bytes lost to quantization       =                  464
# bytes lost to arena alignment    =                    0
Total                              =            1,048,576
";
    assert_eq!(out, expected);
    let mut blocks = blocks;
    free_all(&mut a, &mut blocks);
}

#[test]
fn debug_malloc_stats_total_matches_mapped_bytes() {
    let mut a = Allocator::new();
    let mut blocks: Vec<_> = (0..20_000usize)
        .map(|i| (alloc(&mut a, i % 513), i % 513))
        .collect();
    let mut out = String::new();
    a.debug_malloc_stats(&mut out).unwrap();
    let total = out.lines().last().unwrap();
    let mapped = a.stats().bytes_mapped;
    let want = format!("{:>21}", {
        // Thousands separators, as printone writes them.
        let d = mapped.to_string();
        let mut s = String::new();
        for (i, ch) in d.chars().enumerate() {
            if i > 0 && (d.len() - i).is_multiple_of(3) {
                s.push(',');
            }
            s.push(ch);
        }
        s
    });
    assert_eq!(total, format!("Total{}={want}", " ".repeat(30)));
    free_all(&mut a, &mut blocks);
}

#[test]
fn printone_formats_like_cpython() {
    let line = |msg: &str, v: usize| {
        let mut s = String::new();
        stats::printone(&mut s, msg, v).unwrap();
        s
    };
    assert_eq!(
        line("x", 0),
        format!("x{}={}0\n", " ".repeat(34), " ".repeat(20))
    );
    assert_eq!(
        line("x", 999),
        format!("x{}={}999\n", " ".repeat(34), " ".repeat(18))
    );
    assert_eq!(
        line("x", 1000),
        format!("x{}={}1,000\n", " ".repeat(34), " ".repeat(16))
    );
    assert_eq!(
        line("x", 1_234_567),
        format!("x{}={}1,234,567\n", " ".repeat(34), " ".repeat(12))
    );
    // A label of 35+ characters is not padded.
    let long = "a".repeat(40);
    assert!(line(&long, 5).starts_with(&format!("{long}=")));
    // Wider than 21 columns: the leading characters are dropped.
    assert_eq!(
        line("x", usize::MAX),
        format!("x{}=6,744,073,709,551,615\n", " ".repeat(34))
    );
}

#[test]
fn allocator_is_send() {
    fn assert_send<T: Send>() {}
    assert_send::<Allocator>();
}

#[test]
fn free_list_line_has_cpython_layout() {
    // Lines of CPython 3.11's `sys._debugmallocstats()` (free-list part).
    let line = |name: &str, num, size| {
        let mut s = String::new();
        write_free_list_stats(&mut s, name, num, size).unwrap();
        s
    };
    assert_eq!(
        line("PyFloatObject", 4, 24),
        "           4 free PyFloatObjects * 24 bytes each =                   96\n"
    );
    assert_eq!(
        line("PyFloatObject", 100, 24),
        "         100 free PyFloatObjects * 24 bytes each =                2,400\n"
    );
}
