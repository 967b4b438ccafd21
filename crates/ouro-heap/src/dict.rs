//! The hash table behind `dict`: CPython's compact dict (`Objects/dictobject.c`).
//!
//! A sparse index table points into a dense, insertion-ordered entry array,
//! so iteration follows insertion order and deleting leaves a hole that the
//! next resize compacts. Probing mirrors CPython's
//! (`i = (i*5 + perturb + 1) & mask`, `perturb >>= 5`).
//!
//! The table knows nothing of Python equality: lookups take the hash and an
//! equality callback. The VM decides when a callback may run Python code (it
//! then releases the dict's borrow first; see `ouro_vm::objects::dict`).

use crate::heap::{HBox, HVec, HEAP_ALLOC};
use crate::object::ObjRef;

const EMPTY: i32 = -1;
const DUMMY: i32 = -2;
/// Smallest index table, as CPython's `PyDict_MINSIZE`.
const MINSIZE: usize = 8;

/// One key/value pair with the key's hash.
pub struct Entry {
    pub hash: i64,
    pub key: ObjRef,
    pub value: ObjRef,
}

struct Keys {
    /// `EMPTY`, `DUMMY` or an index into `entries`; length a power of two.
    indices: HVec<i32>,
    /// Insertion-ordered; `None` marks a deleted entry.
    entries: HVec<Option<Entry>>,
    /// Inserts left before the table must be rebuilt. Mirrors CPython's
    /// `dk_usable`: deletions do not give it back (their slots stay dummy
    /// until the next resize), so probing always finds an empty slot.
    usable: usize,
}

impl Keys {
    fn with_size(size: usize) -> Keys {
        let mut indices = HVec::with_capacity_in(size, HEAP_ALLOC);
        indices.resize(size, EMPTY);
        Keys {
            indices,
            entries: HVec::with_capacity_in(usable_fraction(size), HEAP_ALLOC),
            usable: usable_fraction(size),
        }
    }

    fn mask(&self) -> usize {
        self.indices.len() - 1
    }
}

/// CPython's `USABLE_FRACTION`: a table of `n` slots holds `2n/3` entries.
fn usable_fraction(n: usize) -> usize {
    (n << 1) / 3
}

/// The compact, ordered hash table of a dict.
#[derive(Default)]
pub struct DictTable {
    keys: Option<HBox<Keys>>,
    used: usize,
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
            keys: Some(HBox::new_in(Keys::with_size(size), HEAP_ALLOC)),
            used: 0,
        }
    }

    /// Number of live entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    /// Finds the entry whose key has `hash` and satisfies `eq`; returns its
    /// position in the entry array.
    pub fn lookup(&self, hash: i64, mut eq: impl FnMut(&ObjRef) -> bool) -> Option<usize> {
        let keys = self.keys.as_deref()?;
        let mut p = Probe::new(hash, keys.mask());
        loop {
            let ix = *keys.indices.get(p.i)?;
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
        let mut p = Probe::new(hash, keys.mask());
        loop {
            let Some(&ix) = keys.indices.get(p.i) else {
                return out;
            };
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
    #[inline]
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
        let need_resize = match self.keys.as_deref() {
            None => true,
            Some(k) => k.usable == 0,
        };
        if need_resize {
            // CPython's GROWTH_RATE: used*3.
            self.resize(self.used * 3);
        }
        let Some(keys) = self.keys.as_deref_mut() else {
            return;
        };
        let pos = keys.entries.len();
        let mut p = Probe::new(hash, keys.mask());
        while keys.indices.get(p.i).is_some_and(|&ix| ix >= 0) {
            p.advance();
        }
        if let Some(slot) = keys.indices.get_mut(p.i) {
            *slot = pos as i32;
        }
        keys.entries.push(Some(Entry { hash, key, value }));
        keys.usable = keys.usable.saturating_sub(1);
        self.used += 1;
    }

    /// Rebuilds the table with at least `minsize` index slots (the next
    /// power of two, as CPython's `calculate_log2_keysize`), compacting holes.
    fn resize(&mut self, minsize: usize) {
        let mut size = minsize.max(MINSIZE).next_power_of_two();
        while usable_fraction(size) <= self.used {
            size <<= 1;
        }
        let mut new = Keys::with_size(size);
        let mask = new.mask();
        if let Some(old) = self.keys.take() {
            let old = HBox::into_inner(old);
            for e in old.entries.into_iter().flatten() {
                let mut p = Probe::new(e.hash, mask);
                while new.indices.get(p.i).is_some_and(|&ix| ix != EMPTY) {
                    p.advance();
                }
                let pos = new.entries.len() as i32;
                if let Some(slot) = new.indices.get_mut(p.i) {
                    *slot = pos;
                }
                new.entries.push(Some(e));
            }
        }
        new.usable = usable_fraction(size) - new.entries.len();
        self.keys = Some(HBox::new_in(new, HEAP_ALLOC));
    }

    /// Removes the entry at `pos`, leaving a hole; returns its key and value.
    pub fn remove_at(&mut self, pos: usize) -> Option<(ObjRef, ObjRef)> {
        let keys = self.keys.as_deref_mut()?;
        let e = keys.entries.get_mut(pos)?.take()?;
        let mut p = Probe::new(e.hash, keys.mask());
        loop {
            match keys.indices.get(p.i).copied() {
                Some(ix) if ix == pos as i32 => {
                    if let Some(slot) = keys.indices.get_mut(p.i) {
                        *slot = DUMMY;
                    }
                    break;
                }
                Some(EMPTY) | None => break,
                Some(_) => p.advance(),
            }
        }
        self.used -= 1;
        Some((e.key, e.value))
    }

    /// Removes and returns the last entry (`dict.popitem()`).
    pub fn pop_last(&mut self) -> Option<(ObjRef, ObjRef)> {
        let pos = {
            let keys = self.keys.as_deref()?;
            keys.entries.iter().rposition(Option::is_some)?
        };
        let out = self.remove_at(pos);
        // Trim trailing holes so repeated popitem stays O(1) amortised.
        if let Some(keys) = self.keys.as_deref_mut() {
            while matches!(keys.entries.last(), Some(None)) {
                keys.entries.pop();
            }
            // Rebuild indices lazily: DUMMY slots pointing past the end are
            // harmless because lookups check `entries.get`.
        }
        out
    }

    /// One past the last entry position; positions below it may be holes.
    #[inline]
    pub fn end_pos(&self) -> usize {
        self.keys.as_deref().map_or(0, |k| k.entries.len())
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> + '_ {
        self.keys
            .as_deref()
            .into_iter()
            .flat_map(|k| k.entries.iter().flatten())
    }

    /// Empties the table, returning the entries in insertion order.
    pub fn take_entries(&mut self) -> Vec<Entry> {
        self.used = 0;
        match self.keys.take() {
            Some(k) => HBox::into_inner(k).entries.into_iter().flatten().collect(),
            None => Vec::new(),
        }
    }

    /// Bytes of the index table and entry array (for `sys.getsizeof`).
    pub fn heap_size(&self) -> usize {
        self.keys.as_deref().map_or(0, |k| {
            std::mem::size_of::<Keys>()
                + k.indices.capacity() * std::mem::size_of::<i32>()
                + k.entries.capacity() * std::mem::size_of::<Option<Entry>>()
        })
    }
}
