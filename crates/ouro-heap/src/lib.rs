//! ouro's object heap: object headers, reference-counted handles, object
//! layouts and deallocation.
//!
//! Key decision: every Python value is a block in the private heap with a
//! 16-byte header (count, kind, flags, type), reached through [`ObjRef`], an
//! owned handle that counts. Dropping the last handle frees the object at
//! once, and its references after it, depth-first in CPython's order but
//! without Rust recursion (see [`heap`]). Cycles are found by the
//! generational collector ([`gc`]); weak references are in [`weakref`].
//! All unsafe code of the crate is in [`object`], [`heap`], [`gc`] and
//! [`weakref`] — the object-handle layer; layouts and the dict table are
//! safe code.

pub mod addrmap;
pub mod dict;
pub mod gc;
pub mod heap;
pub mod layout;
pub mod object;
pub mod trace;
pub mod weakref;

pub use dict::{DictTable, Drain, Entry};
pub use heap::{
    alloc_bigint, alloc_bootstrap_sentinel, alloc_bytes, alloc_float, alloc_leaf, alloc_leaf_quick,
    alloc_object, alloc_self_typed, alloc_str, alloc_str_in, alloc_tuple, alloc_tuple_array,
    alloc_tuple_drain, bootstrap_set_class, clear_empty_tuple, has_pending_events, heap_stats,
    pending_finalizer_count, refresh_pending_events, set_empty_tuple, set_finalizer_floor,
    take_pending, HeapStats, NoMemory, Pending,
};
pub use heap::{
    fits_in_limit, hvec, hvec_from, take_over_limit, HBox, HVec, HeapAlloc, HEAP_ALLOC,
};
pub use layout::*;
pub use object::{flags, tflags, Frozen, FrozenRef, Kind, ObjRef, PMut, PRef, Payload, KIND_COUNT};
