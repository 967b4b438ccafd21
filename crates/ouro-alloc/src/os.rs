//! Arena memory from the operating system.
//!
//! Mirrors CPython's `_PyObject_ArenaMmap` / `_PyObject_ArenaMunmap`, with one
//! difference: CPython maps exactly [`ARENA_SIZE`](crate::ARENA_SIZE) bytes
//! and, when the kernel hands back an address that is only page-aligned,
//! gives up the first partial pool ("bytes lost to arena alignment"). We need every pool to start on a
//! [`POOL_SIZE`] boundary (so `free` can find a pool header by masking an
//! address), and would rather not lose a pool per arena, so [`map_arena`]
//! returns memory that is itself `POOL_SIZE`-aligned:
//!
//! 1. map `ARENA_SIZE` bytes; if the result is already aligned we are done
//!    (the common case after the first arena, because the kernel places
//!    anonymous mappings next to each other, and `ARENA_SIZE` is a multiple
//!    of `POOL_SIZE`);
//! 2. otherwise unmap it, map `ARENA_SIZE + POOL_SIZE` bytes, and unmap the
//!    misaligned head and the tail beyond the aligned window.
//!
//! Step 2 only runs when the page size is smaller than `POOL_SIZE` (a
//! `POOL_SIZE`-or-larger page size makes every mapping aligned), so the head
//! and tail trimmed there are whole pages and `munmap` accepts them.
//!
//! Under Miri (which has no `mmap`) and on non-Unix targets the arena comes
//! from `std::alloc` with a `POOL_SIZE`-aligned layout instead.

use core::ptr::NonNull;

use crate::POOL_SIZE;

#[cfg(all(unix, not(miri)))]
mod imp {
    use core::ptr::{self, NonNull};

    use crate::{ARENA_SIZE, POOL_SIZE};

    /// `mmap`s `len` fresh, zero-filled, read-write bytes; `None` if the
    /// kernel refuses.
    fn map(len: usize) -> Option<NonNull<u8>> {
        // SAFETY: an anonymous private mapping at a kernel-chosen address
        // touches no existing memory; every argument is a valid constant.
        let p = unsafe {
            libc::mmap(
                ptr::null_mut(),
                len,
                libc::PROT_READ | libc::PROT_WRITE,
                libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                -1,
                0,
            )
        };
        if p == libc::MAP_FAILED {
            None
        } else {
            NonNull::new(p.cast::<u8>())
        }
    }

    /// # Safety
    /// `[p, p + len)` is a page-aligned range of a mapping made by [`map`]
    /// that nothing references any more.
    unsafe fn unmap(p: *mut u8, len: usize) {
        // SAFETY: the caller guarantees the range is ours and unused.
        let rc = unsafe { libc::munmap(p.cast(), len) };
        // munmap of a range we mapped can only fail on a bug (bad range);
        // there is nothing useful to do at run time, so only debug builds
        // check it.
        debug_assert_eq!(rc, 0, "munmap({p:p}, {len}) failed");
    }

    pub(crate) fn map_arena() -> Option<NonNull<u8>> {
        let p = map(ARENA_SIZE)?;
        if p.as_ptr().addr() % POOL_SIZE == 0 {
            return Some(p);
        }
        // SAFETY: `p` is the whole mapping just made, not yet handed out.
        unsafe { unmap(p.as_ptr(), ARENA_SIZE) };

        // Over-map by one pool and keep the aligned window inside.
        let p = map(ARENA_SIZE + POOL_SIZE)?.as_ptr();
        let lead = p.addr().next_multiple_of(POOL_SIZE) - p.addr();
        let trail = POOL_SIZE - lead;
        // SAFETY: `lead < POOL_SIZE`, so the window `[p + lead, p + lead +
        // ARENA_SIZE)` and the trimmed head `[p, p + lead)` and tail
        // `[p + lead + ARENA_SIZE, p + ARENA_SIZE + POOL_SIZE)` all lie within
        // the fresh mapping. We only get here when the kernel returned a
        // non-POOL_SIZE-aligned address, i.e. the page size is below
        // POOL_SIZE and (both being powers of two) divides it, so `lead` and
        // `trail` are whole pages as munmap requires.
        unsafe {
            if lead != 0 {
                unmap(p, lead);
            }
            if trail != 0 {
                unmap(p.add(lead + ARENA_SIZE), trail);
            }
            NonNull::new(p.add(lead))
        }
    }

    /// # Safety
    /// `p` came from [`map_arena`] and no block inside it is referenced.
    pub(crate) unsafe fn unmap_arena(p: NonNull<u8>) {
        // SAFETY: forwarded from the caller; `map_arena` returns exactly
        // ARENA_SIZE mapped, page-aligned bytes.
        unsafe { unmap(p.as_ptr(), ARENA_SIZE) }
    }
}

#[cfg(any(miri, not(unix)))]
mod imp {
    use core::ptr::NonNull;
    use std::alloc::Layout;

    use crate::{ARENA_SIZE, POOL_SIZE};

    const ARENA_LAYOUT: Layout = match Layout::from_size_align(ARENA_SIZE, POOL_SIZE) {
        Ok(layout) => layout,
        Err(_) => panic!("ARENA_SIZE/POOL_SIZE do not form a valid layout"),
    };

    pub(crate) fn map_arena() -> Option<NonNull<u8>> {
        // SAFETY: ARENA_LAYOUT has a non-zero size.
        NonNull::new(unsafe { std::alloc::alloc(ARENA_LAYOUT) })
    }

    /// # Safety
    /// `p` came from [`map_arena`] and no block inside it is referenced.
    pub(crate) unsafe fn unmap_arena(p: NonNull<u8>) {
        // SAFETY: `p` was allocated by `map_arena` with ARENA_LAYOUT.
        unsafe { std::alloc::dealloc(p.as_ptr(), ARENA_LAYOUT) }
    }
}

/// Obtains one arena: [`ARENA_SIZE`](crate::ARENA_SIZE) read-write bytes
/// aligned to [`POOL_SIZE`]. `None` if the OS refuses.
#[inline]
pub(crate) fn map_arena() -> Option<NonNull<u8>> {
    let p = imp::map_arena()?;
    debug_assert_eq!(p.as_ptr().addr() % POOL_SIZE, 0);
    Some(p)
}

/// Returns an arena to the OS.
///
/// # Safety
/// `p` came from [`map_arena`], has not been unmapped yet, and no pointer
/// into it is used afterwards.
#[inline]
pub(crate) unsafe fn unmap_arena(p: NonNull<u8>) {
    // SAFETY: forwarded from the caller.
    unsafe { imp::unmap_arena(p) }
}

#[cfg(all(test, unix, not(miri)))]
mod tests {
    use super::*;
    use crate::ARENA_SIZE;

    /// Mappings of a few pages placed before each arena shift where the
    /// kernel puts it, so the realign-and-trim path runs too.
    #[test]
    fn arenas_are_pool_aligned_and_fully_usable() {
        // SAFETY: sysconf has no preconditions.
        let page = usize::try_from(unsafe { libc::sysconf(libc::_SC_PAGESIZE) }).unwrap();
        for pages in 0..8 {
            let spacer_len = pages * page;
            let spacer = if pages > 0 {
                // SAFETY: a fresh anonymous mapping touches no existing memory.
                let p = unsafe {
                    libc::mmap(
                        core::ptr::null_mut(),
                        spacer_len,
                        libc::PROT_READ | libc::PROT_WRITE,
                        libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
                        -1,
                        0,
                    )
                };
                assert_ne!(p, libc::MAP_FAILED);
                Some(p)
            } else {
                None
            };
            let arena = map_arena().expect("mmap failed");
            assert_eq!(arena.as_ptr().addr() % POOL_SIZE, 0);
            // SAFETY: the arena is ARENA_SIZE fresh read-write bytes; after
            // the writes nothing refers to it and it is unmapped once.
            unsafe {
                arena.as_ptr().write(1);
                arena.as_ptr().add(ARENA_SIZE - 1).write(2);
                unmap_arena(arena);
            }
            if let Some(p) = spacer {
                // SAFETY: `p` is the spacer mapping made above.
                assert_eq!(unsafe { libc::munmap(p, spacer_len) }, 0);
            }
        }
    }
}
