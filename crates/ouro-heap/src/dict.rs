//! The hash table behind `dict`: CPython's compact dict (`Objects/dictobject.c`).
//!
//! A sparse index table points into a dense, insertion-ordered entry array,
//! so iteration follows insertion order and deleting leaves a hole that the
//! next resize compacts. Probing mirrors CPython's
//! (`i = (i*5 + perturb + 1) & mask`, `perturb >>= 5`), and so do the sizes:
//! index slots are 1, 2, 4 or 8 bytes wide depending on the table size
//! (`dk_indices`), the entry array holds exactly `USABLE_FRACTION` entries,
//! and tables grow to the next power of two of `used * 3` (`GROWTH_RATE`).
//!
//! The table knows nothing of Python equality: lookups take the hash and an
//! equality callback. The VM decides when a callback may run Python code (it
//! then releases the dict's borrow first; see `ouro_vm::objects::dict`).

use std::cell::{Cell, RefCell};

use crate::heap::{HBox, HVec, HEAP_ALLOC};

thread_local! {
    /// Source of dict key versions: never 0, never reused.
    static NEXT_VERSION: Cell<u64> = const { Cell::new(1) };
    /// Dead tables of the smallest size, kept for reuse (CPython's
    /// `keys_free_list`): every index slot `EMPTY`, every entry `None`.
    static KEYS_FREE: RefCell<Vec<HBox<Keys>>> = const { RefCell::new(Vec::new()) };
}

/// CPython's `PyDict_MAXFREELIST`: at most this many tables on the free list.
const KEYS_FREE_MAX: usize = 80;
use crate::object::ObjRef;

const EMPTY: i64 = -1;
const DUMMY: i64 = -2;
/// Smallest index table, as CPython's `PyDict_MINSIZE`.
const MINSIZE: usize = 8;

/// One key/value pair with the key's hash.
pub struct Entry {
    pub hash: i64,
    pub key: ObjRef,
    pub value: ObjRef,
}

/// The index table and the entry array of a dict: CPython's
/// `PyDictKeysObject`, in one block of the private heap.
struct Keys {
    /// One slot per hash bucket: `EMPTY`, `DUMMY` or an entry position, in
    /// little-endian signed integers of `1 << shift` bytes.
    indices: HBox<[u8]>,
    /// Insertion-ordered, `USABLE_FRACTION(size)` long; `None` marks an
    /// unused or deleted entry.
    entries: HBox<[Option<Entry>]>,
}

/// CPython's `USABLE_FRACTION`: a table of `n` slots holds `2n/3` entries.
fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// The width (log2 of bytes) of index slots for a table of `size` slots.
fn index_shift(size: usize) -> u8 {
    if size <= 1 << 7 {
        0
    } else if size <= 1 << 15 {
        1
    } else if size <= 1 << 31 {
        2
    } else {
        3
    }
}

impl Keys {
    /// A table of `size` slots: from the free list when it has one of that
    /// size (`new_keys_object`), else freshly allocated.
    fn with_size(size: usize) -> HBox<Keys> {
        if size == MINSIZE {
            if let Some(k) = KEYS_FREE.with(|f| f.borrow_mut().pop()) {
                return k;
            }
        }
        HBox::new_in(Keys::allocate(size), HEAP_ALLOC)
    }

    fn allocate(size: usize) -> Keys {
        let shift = index_shift(size);
        let mut indices = HVec::with_capacity_in(size << shift, HEAP_ALLOC);
        // EMPTY (-1) is all ones at every width.
        indices.resize(size << shift, 0xffu8);
        let n = usable_fraction(size);
        let mut entries = HVec::with_capacity_in(n, HEAP_ALLOC);
        entries.resize_with(n, || None);
        Keys {
            indices: indices.into_boxed_slice(),
            entries: entries.into_boxed_slice(),
        }
    }

    #[inline]
    fn slots(&self, shift: u8) -> usize {
        self.indices.len() >> shift
    }

    #[inline]
    fn get(&self, shift: u8, i: usize) -> i64 {
        let b = &self.indices;
        match shift {
            0 => b.get(i).map_or(EMPTY, |&x| x as i8 as i64),
            1 => b
                .get(2 * i..2 * i + 2)
                .map_or(EMPTY, |x| i16::from_le_bytes([x[0], x[1]]) as i64),
            2 => b.get(4 * i..4 * i + 4).map_or(EMPTY, |x| {
                i32::from_le_bytes([x[0], x[1], x[2], x[3]]) as i64
            }),
            _ => b.get(8 * i..8 * i + 8).map_or(EMPTY, |x| {
                let mut a = [0u8; 8];
                a.copy_from_slice(x);
                i64::from_le_bytes(a)
            }),
        }
    }

    #[inline]
    fn set(&mut self, shift: u8, i: usize, v: i64) {
        let w = 1usize << shift;
        if let Some(dst) = self.indices.get_mut(w * i..w * i + w) {
            dst.copy_from_slice(&v.to_le_bytes()[..w]);
        }
    }
}

/// The compact, ordered hash table of a dict (the part of `PyDictObject`
/// that is not the object header).
#[derive(Default)]
pub struct DictTable {
    keys: Option<HBox<Keys>>,
    /// Identifies the current set and positions of the keys, for caches of
    /// lookups (CPython's `dk_version`): 0 after any change to the keys,
    /// a fresh, never reused number once [`DictTable::keys_version`] is
    /// asked. Replacing a value keeps it.
    version: Cell<u64>,
    used: u32,
    /// Entries written so far (CPython's `dk_nentries`), holes included.
    nentries: u32,
    /// Inserts left before the table must be rebuilt. Mirrors CPython's
    /// `dk_usable`: deletions do not give it back (their slots stay dummy
    /// until the next resize), so probing always finds an empty slot.
    usable: u32,
    shift: u8,
}

/// Iterates the probe sequence for `hash` in a table of `mask + 1` slots.
struct Probe {
    i: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize) -> Probe {
        Probe {
            i: (hash as u64 as usize) & mask,
            perturb: hash as u64,
            mask,
        }
    }

    fn advance(&mut self) {
        self.perturb >>= 5;
        self.i = (self
            .i
            .wrapping_mul(5)
            .wrapping_add(self.perturb as usize)
            .wrapping_add(1))
            & self.mask;
    }
}

impl DictTable {
    pub fn new() -> DictTable {
        DictTable::default()
    }

    /// A table presized for `n` entries.
    pub fn with_capacity(n: usize) -> DictTable {
        if n == 0 {
            return DictTable::default();
        }
        let mut size = MINSIZE;
        while usable_fraction(size) < n {
            size <<= 1;
        }
        DictTable {
            keys: Some(Keys::with_size(size)),
            version: Cell::new(0),
            used: 0,
            nentries: 0,
            usable: usable_fraction(size) as u32,
            shift: index_shift(size),
        }
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.used as usize
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Finds the entry whose key has `hash` and satisfies `eq`; returns its
    /// position in the entry array.
    pub fn lookup(&self, hash: i64, mut eq: impl FnMut(&ObjRef) -> bool) -> Option<usize> {
        let keys = self.keys.as_deref()?;
        let mut p = Probe::new(hash, keys.slots(self.shift) - 1);
        loop {
            let ix = keys.get(self.shift, p.i);
            if ix == EMPTY {
                return None;
            }
            if ix >= 0 {
                if let Some(Some(e)) = keys.entries.get(ix as usize) {
                    if e.hash == hash && eq(&e.key) {
                        return Some(ix as usize);
                    }
                }
            }
            p.advance();
        }
    }

    /// Positions of the entries whose hash is `hash`, in probe order. Used
    /// when comparing keys may run Python code: the caller collects the
    /// candidates, releases the table, then compares.
    pub fn candidates(&self, hash: i64) -> Vec<usize> {
        let mut out = Vec::new();
        let Some(keys) = self.keys.as_deref() else {
            return out;
        };
        let mut p = Probe::new(hash, keys.slots(self.shift) - 1);
        loop {
            let ix = keys.get(self.shift, p.i);
            if ix == EMPTY {
                return out;
            }
            if ix >= 0 {
                if let Some(Some(e)) = keys.entries.get(ix as usize) {
                    if e.hash == hash {
                        out.push(ix as usize);
                    }
                }
            }
            p.advance();
        }
    }

    /// The live entry at `pos`, if any.
    #[inline(always)]
    pub fn entry(&self, pos: usize) -> Option<&Entry> {
        self.keys.as_deref()?.entries.get(pos)?.as_ref()
    }

    /// Replaces the value at `pos`, returning the old one.
    pub fn replace_value(&mut self, pos: usize, value: ObjRef) -> Option<ObjRef> {
        let e = self.keys.as_deref_mut()?.entries.get_mut(pos)?.as_mut()?;
        Some(std::mem::replace(&mut e.value, value))
    }

    /// Appends an entry whose key the caller knows is absent.
    pub fn insert_new(&mut self, hash: i64, key: ObjRef, value: ObjRef) {
        self.version.set(0);
        if self.keys.is_none() || self.usable == 0 {
            // CPython's GROWTH_RATE: used*3.
            self.resize(self.used as usize * 3);
        }
        let shift = self.shift;
        let pos = self.nentries as usize;
        let Some(keys) = self.keys.as_deref_mut() else {
            return;
        };
        let mut p = Probe::new(hash, keys.slots(shift) - 1);
        while keys.get(shift, p.i) >= 0 {
            p.advance();
        }
        keys.set(shift, p.i, pos as i64);
        if let Some(slot) = keys.entries.get_mut(pos) {
            *slot = Some(Entry { hash, key, value });
        }
        self.nentries += 1;
        self.usable = self.usable.saturating_sub(1);
        self.used += 1;
    }

    /// Rebuilds the table with at least `minsize` index slots (the next
    /// power of two, as CPython's `calculate_log2_keysize`), compacting holes.
    fn resize(&mut self, minsize: usize) {
        let mut size = minsize.max(MINSIZE).next_power_of_two();
        while usable_fraction(size) <= self.used as usize {
            size <<= 1;
        }
        let mut new = Keys::with_size(size);
        let shift = index_shift(size);
        let mask = size - 1;
        let mut n = 0usize;
        if let Some(mut old) = self.keys.take() {
            for e in old.entries.iter_mut().filter_map(Option::take) {
                let mut p = Probe::new(e.hash, mask);
                while new.get(shift, p.i) != EMPTY {
                    p.advance();
                }
                new.set(shift, p.i, n as i64);
                if let Some(slot) = new.entries.get_mut(n) {
                    *slot = Some(e);
                }
                n += 1;
            }
            recycle(old);
        }
        self.keys = Some(new);
        self.shift = shift;
        self.nentries = n as u32;
        self.usable = (usable_fraction(size) - n) as u32;
    }

    /// Removes the entry at `pos`, leaving a hole; returns its key and value.
    pub fn remove_at(&mut self, pos: usize) -> Option<(ObjRef, ObjRef)> {
        self.version.set(0);
        let shift = self.shift;
        let keys = self.keys.as_deref_mut()?;
        let e = keys.entries.get_mut(pos)?.take()?;
        let mut p = Probe::new(e.hash, keys.slots(shift) - 1);
        loop {
            let ix = keys.get(shift, p.i);
            if ix == pos as i64 {
                keys.set(shift, p.i, DUMMY);
                break;
            }
            if ix == EMPTY {
                break;
            }
            p.advance();
        }
        self.used -= 1;
        Some((e.key, e.value))
    }

    /// Removes and returns the last entry (`dict.popitem()`). As CPython's,
    /// it gives back the entry slot but not `usable`.
    pub fn pop_last(&mut self) -> Option<(ObjRef, ObjRef)> {
        self.version.set(0);
        let pos = {
            let keys = self.keys.as_deref()?;
            keys.entries
                .get(..self.nentries as usize)?
                .iter()
                .rposition(Option::is_some)?
        };
        let out = self.remove_at(pos);
        self.nentries = pos as u32;
        out
    }

    /// One past the last entry position; positions below it may be holes.
    #[inline]
    pub fn end_pos(&self) -> usize {
        self.nentries as usize
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        let n = self.nentries as usize;
        self.keys
            .as_deref()
            .into_iter()
            .flat_map(move |k| k.entries.iter().take(n).flatten())
    }

    /// Empties the table, returning the entries in insertion order.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        self.drain_entries().collect()
    }

    /// [`DictTable::take_entries`] without collecting them: the table is
    /// empty at once, and the entries come (in insertion order, from
    /// either end) out of the table's own array.
    pub fn drain_entries(&mut self) -> Drain {
        self.version.set(0);
        let back = self.nentries as usize;
        self.used = 0;
        self.usable = 0;
        self.nentries = 0;
        Drain {
            keys: self.keys.take(),
            front: 0,
            back,
        }
    }

    /// Bytes of the index table and entry array (for `sys.getsizeof`).
    /// The keys' version (see the `version` field), made on first use.
    pub fn keys_version(&self) -> u64 {
        let v = self.version.get();
        if v != 0 {
            return v;
        }
        let v = NEXT_VERSION.with(|c| {
            let v = c.get();
            c.set(v + 1);
            v
        });
        self.version.set(v);
        v
    }

    /// The current version if one was made since the last change of the
    /// keys, else 0 (never equal to a cached version).
    #[inline]
    pub fn current_version(&self) -> u64 {
        self.version.get()
    }

    pub fn heap_size(&self) -> usize {
        self.keys.as_deref().map_or(0, |k| {
            std::mem::size_of::<Keys>()
                + k.indices.len()
                + k.entries.len() * std::mem::size_of::<Option<Entry>>()
        })
    }
}

/// Gives a table whose entries are all gone back: onto the free list if it
/// has the smallest size and the list has room (`free_keys_object`), else
/// to the allocator.
fn recycle(mut keys: HBox<Keys>) {
    if keys.indices.len() != MINSIZE || keys.entries.iter().any(Option::is_some) {
        return;
    }
    keys.indices.fill(0xff);
    let kept = KEYS_FREE.with(|f| {
        let mut f = f.borrow_mut();
        if f.len() < KEYS_FREE_MAX {
            f.push(keys);
            None
        } else {
            Some(keys)
        }
    });
    // Freed outside the list's borrow.
    drop(kept);
}

/// Frees the tables on the free list (part of `heap::clear_free_lists`).
pub(crate) fn clear_keys_free_list() {
    let all = KEYS_FREE.with(|f| std::mem::take(&mut *f.borrow_mut()));
    drop(all);
}

/// The entries of an emptied table, in insertion order from either end
/// ([`DictTable::drain_entries`]). Entries not taken are released when it
/// is dropped, and the table then goes back through [`recycle`].
pub struct Drain {
    keys: Option<HBox<Keys>>,
    front: usize,
    back: usize,
}

impl Iterator for Drain {
    type Item = Entry;

    fn next(&mut self) -> Option<Entry> {
        let keys = self.keys.as_deref_mut()?;
        while self.front < self.back {
            let e = keys.entries.get_mut(self.front).and_then(Option::take);
            self.front += 1;
            if e.is_some() {
                return e;
            }
        }
        None
    }
}

impl DoubleEndedIterator for Drain {
    fn next_back(&mut self) -> Option<Entry> {
        let keys = self.keys.as_deref_mut()?;
        while self.front < self.back {
            self.back -= 1;
            let e = keys.entries.get_mut(self.back).and_then(Option::take);
            if e.is_some() {
                return e;
            }
        }
        None
    }
}

impl Drop for Drain {
    fn drop(&mut self) {
        // Release what was not taken (the table is already detached from
        // its dict), then give the table back.
        for e in self.by_ref() {
            drop(e);
        }
        if let Some(keys) = self.keys.take() {
            recycle(keys);
        }
    }
}

// The sizes `sys.getsizeof` reports depend on these.
const _: () = assert!(std::mem::size_of::<DictTable>() == 32);
const _: () = assert!(std::mem::size_of::<Keys>() == 32);
const _: () = assert!(std::mem::size_of::<Option<Entry>>() == 24);
