//! ouro's private heap allocator (temporary system-allocator stand-in; the
//! obmalloc-style implementation replaces the internals, keeping this API).

use std::alloc::Layout;
use std::ptr::NonNull;

/// Alignment of every block handed out.
pub const ALIGNMENT: usize = 16;

/// Statistics of the allocator, read by `sys._debugmallocstats()` and observers.
#[derive(Clone, Debug, Default)]
pub struct AllocStats {
    /// Bytes currently handed out (requested sizes rounded to their size class).
    pub bytes_in_use: usize,
    /// Number of live blocks.
    pub blocks_in_use: usize,
}

/// The allocator. Single-threaded: owned by one interpreter heap.
#[derive(Default)]
pub struct Allocator {
    stats: AllocStats,
    limit: Option<usize>,
}

impl Allocator {
    pub fn new() -> Self {
        Self::default()
    }

    /// Caps the bytes the heap may hold; `None` removes the cap.
    pub fn set_limit(&mut self, limit: Option<usize>) {
        self.limit = limit;
    }

    pub fn limit(&self) -> Option<usize> {
        self.limit
    }

    /// Allocates `size` bytes aligned to [`ALIGNMENT`]. Returns `None` when the
    /// limit would be exceeded or the system refuses.
    pub fn alloc(&mut self, size: usize) -> Option<NonNull<u8>> {
        let size = size.max(1);
        let rounded = size.checked_add(ALIGNMENT - 1)? & !(ALIGNMENT - 1);
        if let Some(limit) = self.limit {
            if self.stats.bytes_in_use + rounded > limit {
                return None;
            }
        }
        let layout = Layout::from_size_align(rounded, ALIGNMENT).ok()?;
        // SAFETY: `layout` has a non-zero size.
        let p = NonNull::new(unsafe { std::alloc::alloc(layout) })?;
        self.stats.bytes_in_use += rounded;
        self.stats.blocks_in_use += 1;
        Some(p)
    }

    /// Frees a block.
    ///
    /// # Safety
    /// `ptr` was returned by `alloc` (or `realloc`) of this allocator with the
    /// same `size`, and has not been freed since.
    pub unsafe fn free(&mut self, ptr: NonNull<u8>, size: usize) {
        let size = size.max(1);
        let rounded = (size + ALIGNMENT - 1) & !(ALIGNMENT - 1);
        // SAFETY: the caller guarantees `ptr` came from `alloc` with this size,
        // hence with this layout.
        unsafe {
            std::alloc::dealloc(
                ptr.as_ptr(),
                Layout::from_size_align_unchecked(rounded, ALIGNMENT),
            )
        };
        self.stats.bytes_in_use -= rounded;
        self.stats.blocks_in_use -= 1;
    }

    pub fn stats(&self) -> AllocStats {
        self.stats.clone()
    }
}
