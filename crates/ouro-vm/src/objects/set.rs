//! `set`, `frozenset` and `set_iterator`: CPython 3.11's
//! `Objects/setobject.c`, table and all, so that iteration order, `repr`,
//! `pop()` and `frozenset` hashes come out byte for byte the same.
//!
//! The table is CPython's open-addressing array of `(key, hash)` entries
//! ([`Entry`]): unused entries are `(None, 0)`, dummies (deleted entries)
//! `(None, -1)`. A lookup starts at `hash & mask`, inspects up to
//! `LINEAR_PROBES` neighbours in the same cache line, then jumps with
//! `i = (i*5 + 1 + perturb) & mask`, `perturb >>= PERTURB_SHIFT`
//! ([`Probe`]). `fill` counts active and dummy entries, `used` active ones;
//! `set_add_entry` resizes when `fill*5 >= mask*3`, which keeps at least one
//! unused entry in every table, so every probe loop ends.
//!
//! Comparing two keys with equal hashes may run Python code (`__eq__`),
//! which may mutate the set. Such comparisons run with the payload released:
//! the probe returns [`Look::Compare`] with its position, the VM compares,
//! then re-borrows and checks that the table is the same one (its
//! `generation`, standing for CPython's table pointer) and that the entry
//! still holds the key it compared; if not, the operation restarts, as
//! CPython's `set_lookkey` and `set_add_entry` do. Comparisons that cannot
//! run Python code (`dict::simple_eq`) happen in place.
//!
//! Differences from CPython's object: the small table is not inline (every
//! table is a buffer in the private heap), and the counts are `u32`, so a
//! table is at most 2^31 entries (`MemoryError` beyond). `sys.getsizeof`
//! reports the object block, the boxed payload and the table: 216 bytes for
//! a set of up to 4 elements, as in CPython, and 128 bytes less than CPython
//! for larger tables (CPython keeps its unused inline small table).

use ouro_bytecode::{BinOp, CmpOp};
use ouro_heap::{DictObj, HBox, HVec, Kind, NativeObj, NativePayload, ObjRef, HEAP_ALLOC};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::objects::dict::simple_eq;
use crate::types::T;
use crate::vm::Vm;

/// CPython's `PySet_MINSIZE`: the size of a new (or cleared) table.
const MINSIZE: usize = 8;
/// Entries inspected after the first before jumping (CPython's value).
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
/// The largest table: the counts are `u32`.
const MAX_SLOTS: usize = 1 << 31;

/// One table entry. Unused: `(None, 0)`; dummy: `(None, -1)`; active:
/// `(Some(key), hash)` — the layout of CPython's `setentry`.
struct Entry {
    key: Option<ObjRef>,
    hash: i64,
}

const _: () = assert!(std::mem::size_of::<Entry>() == 16);

impl Entry {
    fn unused() -> Entry {
        Entry { key: None, hash: 0 }
    }

    #[inline]
    fn is_unused(&self) -> bool {
        self.key.is_none() && self.hash == 0
    }

    #[inline]
    fn is_dummy(&self) -> bool {
        self.key.is_none() && self.hash != 0
    }
}

/// The payload of `set` and `frozenset` objects (CPython's `PySetObject`).
pub struct SetObj {
    /// `mask + 1` entries, a power of two, at least `MINSIZE`.
    table: HBox<[Entry]>,
    /// Active plus dummy entries.
    fill: u32,
    /// Active entries: `len(s)`.
    used: u32,
    /// Where `pop()` starts looking.
    finger: u32,
    /// Changes whenever the table is replaced, except when a small table is
    /// replaced by a small one: CPython's `table != so->table` test, whose
    /// inline small table keeps its address.
    generation: u32,
    /// The cached `frozenset` hash, or -1.
    hash: i64,
}

// sys.getsizeof depends on it: 48-byte block + 40 + 8 entries = 216.
const _: () = assert!(std::mem::size_of::<SetObj>() == 40);

/// A table of `size` unused entries, or None if it cannot be allocated.
fn new_table(size: usize) -> Option<HBox<[Entry]>> {
    if size > MAX_SLOTS || !ouro_heap::fits_in_limit(size * std::mem::size_of::<Entry>()) {
        return None;
    }
    let mut v: HVec<Entry> = HVec::new_in(HEAP_ALLOC);
    v.try_reserve_exact(size).ok()?;
    v.resize_with(size, Entry::unused);
    Some(v.into_boxed_slice())
}

impl NativePayload for SetObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // Released in table order, as set_dealloc does; the set is left
        // empty and consistent (the collector clears live objects too).
        for e in self.table.iter_mut().rev() {
            out.extend(e.key.take());
            e.hash = 0;
        }
        self.fill = 0;
        self.used = 0;
        self.hash = -1;
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        for e in self.table.iter() {
            if let Some(k) = &e.key {
                visit(k);
            }
        }
    }

    fn heap_size(&self) -> usize {
        std::mem::size_of::<SetObj>() + self.table.len() * std::mem::size_of::<Entry>()
    }
}

/// The position of a probe sequence: CPython's `i` (start of the current
/// run of linear probes), the entry inspected (`j`), the linear probes left
/// in the run, and `perturb`.
#[derive(Clone, Copy)]
struct Probe {
    i: usize,
    j: usize,
    probes: usize,
    perturb: u64,
    mask: usize,
}

impl Probe {
    fn new(hash: i64, mask: usize) -> Probe {
        let i = (hash as u64 as usize) & mask;
        Probe {
            i,
            j: i,
            probes: Probe::run(i, mask),
            perturb: hash as u64,
            mask,
        }
    }

    fn run(i: usize, mask: usize) -> usize {
        if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        }
    }

    /// The next entry: `entry++` within a run (`while (probes--)`), else
    /// the perturbed jump.
    fn advance(&mut self) {
        if self.probes > 0 {
            self.probes -= 1;
            self.j += 1;
            return;
        }
        self.perturb >>= PERTURB_SHIFT;
        self.i = ((self.i as u64)
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(self.perturb) as usize)
            & self.mask;
        self.j = self.i;
        self.probes = Probe::run(self.i, self.mask);
    }
}

/// Where a lookup stopped.
enum Look {
    /// An active entry whose key equals the one looked up.
    Found(usize),
    /// An unused entry: the key is absent.
    Absent,
    /// The entry at `slot` has the same hash and a key that only Python
    /// code can compare.
    Compare {
        slot: usize,
        startkey: ObjRef,
        probe: Probe,
        generation: u32,
    },
}

/// Where an insertion stopped.
enum Add {
    /// Inserted, or already present.
    Done,
    /// As `Look::Compare`, with the dummy entry seen last (`freeslot`).
    Compare {
        slot: usize,
        startkey: ObjRef,
        probe: Probe,
        freeslot: Option<usize>,
        generation: u32,
    },
    /// The table changed under the probe: start again.
    Restart,
}

impl SetObj {
    fn new() -> Option<SetObj> {
        Some(SetObj {
            table: new_table(MINSIZE)?,
            fill: 0,
            used: 0,
            finger: 0,
            generation: 0,
            hash: -1,
        })
    }

    #[inline]
    fn mask(&self) -> usize {
        self.table.len().saturating_sub(1)
    }

    #[inline]
    fn len(&self) -> usize {
        self.used as usize
    }

    /// Whether the entry at `slot` still holds `key` (after Python code ran).
    fn holds(&self, slot: usize, key: &ObjRef) -> bool {
        self.table
            .get(slot)
            .and_then(|e| e.key.as_ref())
            .is_some_and(|k| k.is(key))
    }

    /// CPython's `set_lookkey` from probe position `p`.
    fn lookkey_from(&self, vm: &Vm, key: &ObjRef, hash: i64, mut p: Probe) -> Look {
        loop {
            let Some(e) = self.table.get(p.j) else {
                return Look::Absent;
            };
            match &e.key {
                None if e.hash == 0 => return Look::Absent,
                Some(k) if e.hash == hash => {
                    if k.is(key) {
                        return Look::Found(p.j);
                    }
                    match simple_eq(vm, k, key) {
                        Some(true) => return Look::Found(p.j),
                        Some(false) => {}
                        None => {
                            return Look::Compare {
                                slot: p.j,
                                startkey: k.clone(),
                                probe: p,
                                generation: self.generation,
                            }
                        }
                    }
                }
                _ => {}
            }
            p.advance();
        }
    }

    /// CPython's `set_add_entry` from probe position `p`, with the dummy
    /// entry seen so far. Err: the table could not grow.
    fn add_from(
        &mut self,
        vm: &Vm,
        key: &ObjRef,
        hash: i64,
        mut p: Probe,
        mut freeslot: Option<usize>,
    ) -> Result<Add, ()> {
        let unused = loop {
            let Some(e) = self.table.get(p.j) else {
                return Ok(Add::Restart);
            };
            match &e.key {
                None if e.hash == 0 => break p.j,
                // CPython 3.11 reuses the last dummy of the probe sequence.
                None => freeslot = Some(p.j),
                Some(k) if e.hash == hash => {
                    if k.is(key) {
                        return Ok(Add::Done);
                    }
                    match simple_eq(vm, k, key) {
                        Some(true) => return Ok(Add::Done),
                        Some(false) => {}
                        None => {
                            return Ok(Add::Compare {
                                slot: p.j,
                                startkey: k.clone(),
                                probe: p,
                                freeslot,
                                generation: self.generation,
                            })
                        }
                    }
                }
                Some(_) => {}
            }
            p.advance();
        };
        if let Some(f) = freeslot {
            // A comparison may have filled the dummy; CPython would
            // overwrite it, ouro looks again.
            let Some(e) = self.table.get_mut(f).filter(|e| e.is_dummy()) else {
                return Ok(Add::Restart);
            };
            e.key = Some(key.clone());
            e.hash = hash;
            self.used += 1;
            return Ok(Add::Done);
        }
        let Some(e) = self.table.get_mut(unused) else {
            return Ok(Add::Restart);
        };
        e.key = Some(key.clone());
        e.hash = hash;
        self.fill += 1;
        self.used += 1;
        if (self.fill as usize) * 5 < p.mask * 3 {
            return Ok(Add::Done);
        }
        let used = self.len();
        self.resize(if used > 50000 { used * 2 } else { used * 4 })?;
        Ok(Add::Done)
    }

    /// CPython's `set_table_resize`: a table of the smallest power of two
    /// above `minused`, refilled in old-table order without dummies.
    fn resize(&mut self, minused: usize) -> Result<(), ()> {
        let mut newsize = MINSIZE;
        while newsize <= minused {
            newsize = newsize.checked_mul(2).ok_or(())?;
        }
        let oldsize = self.table.len();
        if newsize == MINSIZE && oldsize == MINSIZE && self.fill == self.used {
            // No dummies, so no point doing anything.
            return Ok(());
        }
        let newtable = new_table(newsize).ok_or(())?;
        let mut old = std::mem::replace(&mut self.table, newtable);
        let mask = newsize - 1;
        for e in old.iter_mut() {
            if let Some(k) = e.key.take() {
                insert_clean(&mut self.table, mask, k, e.hash);
            }
        }
        self.fill = self.used;
        if !(oldsize == MINSIZE && newsize == MINSIZE) {
            self.generation = self.generation.wrapping_add(1);
        }
        Ok(())
    }

    /// Empties the table (CPython's `set_clear_internal`); returns the old
    /// table for the caller to release after the payload borrow ends.
    fn clear(&mut self) -> Option<HBox<[Entry]>> {
        if self.fill == 0 && self.table.len() == MINSIZE {
            return None;
        }
        let old = match new_table(MINSIZE) {
            Some(t) => {
                if self.table.len() != MINSIZE {
                    self.generation = self.generation.wrapping_add(1);
                }
                Some(std::mem::replace(&mut self.table, t))
            }
            None => {
                // No memory for a fresh table: empty this one in place.
                let mut keys = Vec::with_capacity(self.len());
                for e in self.table.iter_mut() {
                    keys.extend(e.key.take());
                    e.hash = 0;
                }
                self.fill = 0;
                self.used = 0;
                self.hash = -1;
                drop(keys);
                return None;
            }
        };
        self.fill = 0;
        self.used = 0;
        self.hash = -1;
        old
    }

    /// The first active entry at or after `pos` (CPython's `set_next`).
    fn next_active(&self, pos: usize) -> Option<(usize, ObjRef, i64)> {
        self.table
            .iter()
            .enumerate()
            .skip(pos)
            .find_map(|(i, e)| e.key.as_ref().map(|k| (i, k.clone(), e.hash)))
    }

    /// CPython's `set_pop`: the first active entry from the finger on.
    fn pop(&mut self) -> Option<ObjRef> {
        if self.used == 0 {
            return None;
        }
        let n = self.table.len();
        let start = (self.finger as usize) & self.mask();
        for step in 0..n {
            let i = (start + step) % n;
            if let Some(e) = self.table.get_mut(i) {
                if let Some(k) = e.key.take() {
                    e.hash = -1;
                    self.used = self.used.saturating_sub(1);
                    self.finger = (i + 1) as u32;
                    return Some(k);
                }
            }
        }
        None
    }

    /// Removes the active entry at `slot`, leaving a dummy.
    fn remove_at(&mut self, slot: usize) -> Option<ObjRef> {
        let e = self.table.get_mut(slot)?;
        let k = e.key.take()?;
        e.hash = -1;
        self.used = self.used.saturating_sub(1);
        Some(k)
    }

    /// CPython's `frozenset_hash` (before caching).
    fn compute_hash(&self) -> i64 {
        fn shuffle_bits(h: u64) -> u64 {
            ((h ^ 89869747) ^ (h << 16)).wrapping_mul(3644798167)
        }
        // Xor every entry's hash field, then take out the unused (hash 0)
        // and dummy (hash -1) entries again, as CPython does.
        let mut hash: u64 = 0;
        for e in self.table.iter() {
            hash ^= shuffle_bits(e.hash as u64);
        }
        let (size, fill, used) = (self.table.len(), self.fill as usize, self.len());
        if size.saturating_sub(fill) & 1 == 1 {
            hash ^= shuffle_bits(0);
        }
        if fill.saturating_sub(used) & 1 == 1 {
            hash ^= shuffle_bits(-1i64 as u64);
        }
        hash ^= (used as u64 + 1).wrapping_mul(1927868237);
        hash ^= (hash >> 11) ^ (hash >> 25);
        hash = hash.wrapping_mul(69069).wrapping_add(907133923);
        if hash == u64::MAX {
            hash = 590923713;
        }
        hash as i64
    }
}

/// CPython's `set_insert_clean`: places a key known to be absent in a table
/// without dummies.
fn insert_clean(table: &mut [Entry], mask: usize, key: ObjRef, hash: i64) {
    let mut perturb = hash as u64;
    let mut i = (hash as u64 as usize) & mask;
    loop {
        let run = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        for j in i..=i + run {
            if let Some(e) = table.get_mut(j).filter(|e| e.is_unused()) {
                e.key = Some(key);
                e.hash = hash;
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = ((i as u64)
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb) as usize)
            & mask;
    }
}

/// The `set_iterator` payload (CPython's `setiterobject`).
pub struct SetIter {
    /// None once exhausted.
    set: Option<ObjRef>,
    /// The set's length when the iterator was made; -1 once a change of
    /// size was reported (sticky).
    used: i64,
    pos: usize,
    /// Items left, for `__length_hint__`.
    len: usize,
}

impl NativePayload for SetIter {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.extend(self.set.take());
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        if let Some(s) = &self.set {
            visit(s);
        }
    }

    fn heap_size(&self) -> usize {
        std::mem::size_of::<SetIter>()
    }
}

fn read<R>(o: &ObjRef, f: impl FnOnce(&SetObj) -> R) -> Option<R> {
    Vm::with_native::<SetObj, R>(o, f)
}

fn write<R>(o: &ObjRef, f: impl FnOnce(&mut SetObj) -> R) -> Option<R> {
    Vm::with_native_mut::<SetObj, R>(o, f)
}

/// `len(s)` if `o` is a set or frozenset.
pub(crate) fn set_len(o: &ObjRef) -> Option<usize> {
    if o.kind() != Kind::Native {
        return None;
    }
    read(o, SetObj::len)
}

impl Vm {
    /// Whether `o` is a `set_iterator` (by its exact type: it cannot be
    /// subclassed).
    #[inline]
    pub(crate) fn is_set_iter(&self, o: &ObjRef) -> bool {
        o.class_is(self.ty(T::SetIterator))
    }
}

impl Vm {
    // ------------------------------------------------------------ the hooks

    /// CPython's `PyAnySet_Check`: a set, a frozenset, or a subclass.
    pub(crate) fn is_set_like(&self, o: &ObjRef) -> bool {
        set_len(o).is_some()
    }

    /// `a op b` for two sets; None means NotImplemented.
    pub(crate) fn set_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: CmpOp,
    ) -> PyResult<Option<bool>> {
        if !self.is_set_like(a) || !self.is_set_like(b) {
            return Ok(None);
        }
        self.enter_recursive(" in comparison")?;
        let r = self.set_richcompare(a, b, op);
        self.leave_recursive();
        r.map(Some)
    }

    /// `item in s`: a set item is looked up as a frozenset, as CPython does.
    pub(crate) fn set_contains(&mut self, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
        match self.set_contains_key(so, key) {
            Err(e) if self.retry_as_frozenset(key, &e) => {
                let tmp = self.new_frozenset_of(key)?;
                self.set_contains_key(so, &tmp)
            }
            r => r,
        }
    }

    /// `iter(s)`.
    pub(crate) fn set_iter(&mut self, so: &ObjRef) -> PyResult<ObjRef> {
        let Some(used) = set_len(so) else {
            return Err(self.not_a_set());
        };
        self.new_native(
            T::SetIterator,
            SetIter {
                set: Some(so.clone()),
                used: used as i64,
                pos: 0,
                len: used,
            },
        )
    }

    /// `repr(s)`: `{1, 2}`, `set()`, `frozenset({1})`, `S({1})`; `set(...)`
    /// when the set is already being repr'd.
    pub(crate) fn set_repr(&mut self, so: &ObjRef) -> PyResult<String> {
        let tn = self.type_name_of(so);
        if !self.repr_enter(so) {
            return Ok(format!("{tn}(...)"));
        }
        let r = self.set_repr_inner(so, &tn);
        self.repr_leave(so);
        r
    }

    fn set_repr_inner(&mut self, so: &ObjRef, tn: &str) -> PyResult<String> {
        if set_len(so) == Some(0) {
            return Ok(format!("{tn}()"));
        }
        // PySequence_List(so): a subclass's __iter__ counts.
        let keys = if Vm::is_heap_class_of(so) {
            self.iterate(so)?
        } else {
            self.set_keys(so)
        };
        self.enter_recursive(" while getting the repr of an object")?;
        let inner = self.join_reprs(&keys);
        self.leave_recursive();
        let inner = inner?;
        if self.is_exact(so, T::Set) {
            Ok(format!("{{{inner}}}"))
        } else {
            Ok(format!("{tn}({{{inner}}})"))
        }
    }

    /// `BUILD_SET`: a set of `items`, added in order.
    pub(crate) fn new_set_from(&mut self, items: Vec<ObjRef>) -> PyResult<ObjRef> {
        let ty = self.ty(T::Set).clone();
        let so = self.alloc_set(&ty)?;
        for it in &items {
            self.set_add_key(&so, it)?;
        }
        Ok(so)
    }

    /// `set(iterable)`: CPython's `PySet_New`.
    pub(crate) fn new_set_of(&mut self, iterable: Option<&ObjRef>) -> PyResult<ObjRef> {
        let ty = self.ty(T::Set).clone();
        self.make_new_set(&ty, iterable)
    }

    /// `SET_ADD` and `set.add`.
    pub(crate) fn set_add(&mut self, so: &ObjRef, key: ObjRef) -> PyResult<()> {
        self.set_add_key(so, &key)
    }

    /// `SET_UPDATE`: `{*it}`.
    pub(crate) fn set_update(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
        self.set_update_internal(so, other)
    }

    /// `set(...)` and `frozenset(...)` (CPython's vectorcall constructors).
    pub(crate) fn set_new(&mut self, t: T, args: Args) -> PyResult<ObjRef> {
        let name = t.name();
        args.no_kw(self, name)?;
        args.check(self, name, 0, 1)?;
        let ty = self.ty(t).clone();
        match t {
            T::FrozenSet => self.make_new_frozenset(&ty, args.pos.first()),
            _ => self.make_new_set(&ty, args.pos.first()),
        }
    }

    /// `object.__new__` for a class deriving from set or frozenset.
    pub(crate) fn set_object_new(
        &mut self,
        ty: &ObjRef,
        base: T,
        args: &[ObjRef],
        nkw: usize,
    ) -> PyResult<ObjRef> {
        if base == T::FrozenSet {
            let pos = &args[..args.len() - nkw.min(args.len())];
            return self.frozenset_new(ty, pos, nkw > 0);
        }
        // set_new: the items come from set.__init__.
        self.alloc_set(ty)
    }

    /// `hash(s)` for the native-object protocol: outer None if `o` is not a
    /// set, inner None if it is unhashable (a `set`, not a `frozenset`).
    pub(crate) fn set_native_hash(&mut self, o: &ObjRef) -> Option<Option<i64>> {
        set_len(o)?;
        if !self.is_instance_of(o, T::FrozenSet) {
            return Some(None);
        }
        Some(Some(self.frozenset_hash(o)))
    }

    // --------------------------------------------------------- construction

    fn alloc_set(&mut self, ty: &ObjRef) -> PyResult<ObjRef> {
        let Some(payload) = SetObj::new() else {
            return Err(self.memory_error());
        };
        let attrs = Vm::is_heap_type(ty) || ty.tflags() & ouro_heap::tflags::T_HAS_ATTRS != 0;
        self.alloc(ty, NativeObj::new(payload), attrs)
    }

    /// CPython's `make_new_set`.
    fn make_new_set(&mut self, ty: &ObjRef, iterable: Option<&ObjRef>) -> PyResult<ObjRef> {
        let so = self.alloc_set(ty)?;
        if let Some(it) = iterable {
            self.set_update_internal(&so, it)?;
        }
        Ok(so)
    }

    /// CPython's `make_new_set_basetype`: a set or frozenset (never a
    /// subclass) like `so`.
    fn make_new_set_basetype(
        &mut self,
        so: &ObjRef,
        iterable: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let t = if self.is_instance_of(so, T::Set) {
            T::Set
        } else {
            T::FrozenSet
        };
        let ty = self.ty(t).clone();
        self.make_new_set(&ty, iterable)
    }

    /// CPython's `make_new_frozenset`: `frozenset(f)` is `f` itself.
    fn make_new_frozenset(&mut self, ty: &ObjRef, iterable: Option<&ObjRef>) -> PyResult<ObjRef> {
        if ty.is(self.ty(T::FrozenSet)) {
            if let Some(it) = iterable {
                if self.is_exact(it, T::FrozenSet) {
                    return Ok(it.clone());
                }
            }
        }
        self.make_new_set(ty, iterable)
    }

    /// CPython's `frozenset_new` for `ty` (a frozenset type).
    fn frozenset_new(&mut self, ty: &ObjRef, pos: &[ObjRef], has_kw: bool) -> PyResult<ObjRef> {
        if has_kw {
            let init = self.names.init.clone();
            let own_init = self
                .type_lookup(ty, &init)
                .is_some_and(|f| f.kind() == Kind::Function);
            if !own_init {
                return Err(self.type_error("frozenset() takes no keyword arguments"));
            }
        }
        if pos.len() > 1 {
            let tn = self.type_name(ty);
            return Err(self.type_error(format!(
                "{tn} expected at most 1 argument, got {}",
                pos.len()
            )));
        }
        self.make_new_frozenset(ty, pos.first())
    }

    fn new_frozenset_of(&mut self, iterable: &ObjRef) -> PyResult<ObjRef> {
        let ty = self.ty(T::FrozenSet).clone();
        self.make_new_set(&ty, Some(iterable))
    }

    /// Whether a failed lookup of `key` is retried with `frozenset(key)`:
    /// a TypeError for a key that is a set (CPython's `set_contains`).
    fn retry_as_frozenset(&self, key: &ObjRef, e: &PyErr) -> bool {
        self.is_instance_of(key, T::Set) && self.err_is(e, T::TypeError)
    }

    fn not_a_set(&mut self) -> PyErr {
        self.internal_error("not a set")
    }

    // ---------------------------------------------------------- the table

    /// CPython's `set_lookkey`: the slot of the active entry equal to `key`.
    fn set_lookkey(&mut self, so: &ObjRef, key: &ObjRef, hash: i64) -> PyResult<Option<usize>> {
        'restart: loop {
            let vm: &Vm = self;
            let mut look = match read(so, |s| {
                s.lookkey_from(vm, key, hash, Probe::new(hash, s.mask()))
            }) {
                Some(l) => l,
                None => return Err(self.not_a_set()),
            };
            loop {
                match look {
                    Look::Found(slot) => return Ok(Some(slot)),
                    Look::Absent => return Ok(None),
                    Look::Compare {
                        slot,
                        startkey,
                        probe,
                        generation,
                    } => {
                        let cmp = self.eq(&startkey, key)?;
                        let vm: &Vm = self;
                        let next = read(so, |s| {
                            if s.generation != generation || !s.holds(slot, &startkey) {
                                return None;
                            }
                            if cmp {
                                return Some(Look::Found(slot));
                            }
                            let mut p = probe;
                            p.advance();
                            Some(s.lookkey_from(vm, key, hash, p))
                        });
                        match next {
                            Some(Some(l)) => look = l,
                            // The comparison changed the set: start over.
                            Some(None) => continue 'restart,
                            None => return Err(self.not_a_set()),
                        }
                    }
                }
            }
        }
    }

    /// CPython's `set_add_entry`.
    fn set_add_entry(&mut self, so: &ObjRef, key: &ObjRef, hash: i64) -> PyResult<()> {
        'restart: loop {
            let vm: &Vm = self;
            let mut step = write(so, |s| {
                let p = Probe::new(hash, s.mask());
                s.add_from(vm, key, hash, p, None)
            });
            loop {
                match step {
                    None => return Err(self.not_a_set()),
                    Some(Err(())) => return Err(self.memory_error()),
                    Some(Ok(Add::Done)) => return Ok(()),
                    Some(Ok(Add::Restart)) => continue 'restart,
                    Some(Ok(Add::Compare {
                        slot,
                        startkey,
                        probe,
                        freeslot,
                        generation,
                    })) => {
                        if self.eq(&startkey, key)? {
                            return Ok(());
                        }
                        let vm: &Vm = self;
                        step = write(so, |s| {
                            if s.generation != generation || !s.holds(slot, &startkey) {
                                return Ok(Add::Restart);
                            }
                            let mut p = probe;
                            p.advance();
                            s.add_from(vm, key, hash, p, freeslot)
                        });
                    }
                }
            }
        }
    }

    fn set_add_key(&mut self, so: &ObjRef, key: &ObjRef) -> PyResult<()> {
        let hash = self.hash(key)?;
        self.set_add_entry(so, key, hash)
    }

    fn set_contains_entry(&mut self, so: &ObjRef, key: &ObjRef, hash: i64) -> PyResult<bool> {
        Ok(self.set_lookkey(so, key, hash)?.is_some())
    }

    fn set_contains_key(&mut self, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
        let hash = self.hash(key)?;
        self.set_contains_entry(so, key, hash)
    }

    /// CPython's `set_discard_entry`: true if the key was there.
    fn set_discard_entry(&mut self, so: &ObjRef, key: &ObjRef, hash: i64) -> PyResult<bool> {
        let Some(slot) = self.set_lookkey(so, key, hash)? else {
            return Ok(false);
        };
        let old = write(so, |s| s.remove_at(slot)).flatten();
        Ok(old.is_some())
    }

    fn set_discard_key(&mut self, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
        let hash = self.hash(key)?;
        self.set_discard_entry(so, key, hash)
    }

    fn set_resize(&mut self, so: &ObjRef, minused: usize) -> PyResult<()> {
        match write(so, |s| s.resize(minused)) {
            Some(Ok(())) => Ok(()),
            Some(Err(())) => Err(self.memory_error()),
            None => Err(self.not_a_set()),
        }
    }

    fn set_clear_internal(&mut self, so: &ObjRef) {
        let old = write(so, SetObj::clear).flatten();
        // Released after the payload borrow, in table order.
        drop(old);
    }

    /// The active entry at or after `pos`, by position (CPython's
    /// `set_next`); the set may change between calls.
    fn set_next(so: &ObjRef, pos: usize) -> Option<(usize, ObjRef, i64)> {
        read(so, |s| s.next_active(pos)).flatten()
    }

    /// The keys in table order.
    fn set_keys(&self, so: &ObjRef) -> Vec<ObjRef> {
        read(so, |s| {
            s.table.iter().filter_map(|e| e.key.clone()).collect()
        })
        .unwrap_or_default()
    }

    pub(crate) fn set_size(&mut self, so: &ObjRef) -> PyResult<usize> {
        match set_len(so) {
            Some(n) => Ok(n),
            None => Err(self.not_a_set()),
        }
    }

    /// The frozenset hash, computed once.
    fn frozenset_hash(&mut self, so: &ObjRef) -> i64 {
        write(so, |s| {
            if s.hash == -1 {
                s.hash = s.compute_hash();
            }
            s.hash
        })
        .unwrap_or(-1)
    }

    // ------------------------------------------------------------ updating

    /// CPython's `set_merge`: adds the keys of another set.
    fn set_merge(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if other.is(so) {
            return Ok(());
        }
        let other_used = self.set_size(other)?;
        if other_used == 0 {
            return Ok(());
        }
        // One big resize at the start rather than incremental ones.
        let (fill, used, mask) =
            read(so, |s| (s.fill as usize, s.len(), s.mask())).ok_or_else(|| self.not_a_set())?;
        if (fill + other_used) * 5 >= mask * 3 {
            self.set_resize(so, (used + other_used) * 2)?;
        }
        let copied = read(other, |o| {
            write(so, |s| {
                if s.fill != 0 {
                    return false;
                }
                if s.mask() == o.mask() && o.fill == o.used {
                    // Same size, no dummies: copy the entries as they are.
                    for (dst, src) in s.table.iter_mut().zip(o.table.iter()) {
                        if let Some(k) = &src.key {
                            dst.key = Some(k.clone());
                            dst.hash = src.hash;
                        }
                    }
                    s.fill = o.fill;
                    s.used = o.used;
                    return true;
                }
                // An empty table: no duplicates, no comparisons.
                s.fill = o.used;
                s.used = o.used;
                let mask = s.mask();
                for src in o.table.iter() {
                    if let Some(k) = &src.key {
                        insert_clean(&mut s.table, mask, k.clone(), src.hash);
                    }
                }
                true
            })
        })
        .flatten();
        if copied == Some(true) {
            return Ok(());
        }
        // Normal insertions, by position in the other table.
        let mut i = 0;
        loop {
            let item = read(other, |o| {
                (i <= o.mask()).then(|| {
                    o.table
                        .get(i)
                        .and_then(|e| e.key.clone().map(|k| (k, e.hash)))
                })
            })
            .flatten();
            match item {
                None => return Ok(()),
                Some(Some((k, h))) => self.set_add_entry(so, &k, h)?,
                Some(None) => {}
            }
            i += 1;
        }
    }

    /// CPython's `set_update_internal`.
    pub(crate) fn set_update_internal(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<()> {
        if self.is_set_like(other) {
            return self.set_merge(so, other);
        }
        if self.is_exact(other, T::Dict) {
            let entries = dict_entries(other);
            let n = entries.len();
            let (fill, used, mask) = read(so, |s| (s.fill as usize, s.len(), s.mask()))
                .ok_or_else(|| self.not_a_set())?;
            if (fill + n) * 5 >= mask * 3 {
                self.set_resize(so, (used + n) * 2)?;
            }
            for (k, h) in &entries {
                self.set_add_entry(so, k, *h)?;
            }
            return Ok(());
        }
        let it = self.iter(other)?;
        while let Some(k) = self.next(&it)? {
            self.set_add_key(so, &k)?;
        }
        Ok(())
    }

    /// CPython's `set_init`: `set.__init__(s, iterable=())`.
    fn set_init(&mut self, so: &ObjRef, iterable: Option<&ObjRef>) -> PyResult<()> {
        let fill = read(so, |s| s.fill).ok_or_else(|| self.not_a_set())?;
        if fill > 0 {
            self.set_clear_internal(so);
        }
        write(so, |s| s.hash = -1);
        match iterable {
            Some(it) => self.set_update_internal(so, it),
            None => Ok(()),
        }
    }

    /// CPython's `set_swap_bodies`: exchanges the tables of two sets.
    fn set_swap_bodies(&mut self, a: &ObjRef, b: &ObjRef) {
        if a.is(b) {
            return;
        }
        let both_frozen =
            self.is_instance_of(a, T::FrozenSet) && self.is_instance_of(b, T::FrozenSet);
        write(a, |x| {
            write(b, |y| {
                let both_small = x.table.len() == MINSIZE && y.table.len() == MINSIZE;
                std::mem::swap(&mut x.table, &mut y.table);
                std::mem::swap(&mut x.fill, &mut y.fill);
                std::mem::swap(&mut x.used, &mut y.used);
                if !both_small {
                    x.generation = x.generation.wrapping_add(1);
                    y.generation = y.generation.wrapping_add(1);
                }
                if both_frozen {
                    std::mem::swap(&mut x.hash, &mut y.hash);
                } else {
                    x.hash = -1;
                    y.hash = -1;
                }
            })
        });
    }

    fn set_pop(&mut self, so: &ObjRef) -> PyResult<ObjRef> {
        match write(so, SetObj::pop) {
            Some(Some(k)) => Ok(k),
            Some(None) => Err(self.new_exc(T::KeyError, "pop from an empty set")),
            None => Err(self.not_a_set()),
        }
    }

    fn set_copy(&mut self, so: &ObjRef) -> PyResult<ObjRef> {
        self.make_new_set_basetype(so, Some(so))
    }

    fn frozenset_copy(&mut self, so: &ObjRef) -> PyResult<ObjRef> {
        if self.is_exact(so, T::FrozenSet) {
            return Ok(so.clone());
        }
        self.set_copy(so)
    }

    // ------------------------------------------------------- set algebra

    fn set_union(&mut self, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
        let result = self.set_copy(so)?;
        for other in others {
            if other.is(so) {
                continue;
            }
            self.set_update_internal(&result, other)?;
        }
        Ok(result)
    }

    pub(crate) fn set_intersection(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
        if other.is(so) {
            return self.set_copy(so);
        }
        let result = self.make_new_set_basetype(so, None)?;
        if self.is_set_like(other) {
            // Iterate over the smaller set, look up in the larger.
            let (mut big, mut small) = (so, other);
            if self.set_size(other)? > self.set_size(so)? {
                std::mem::swap(&mut big, &mut small);
            }
            let mut pos = 0;
            while let Some((i, key, hash)) = Vm::set_next(small, pos) {
                pos = i + 1;
                if self.set_contains_entry(big, &key, hash)? {
                    self.set_add_entry(&result, &key, hash)?;
                }
            }
            return Ok(result);
        }
        let it = self.iter(other)?;
        let n = self.set_size(so)?;
        while let Some(key) = self.next(&it)? {
            let hash = self.hash(&key)?;
            if self.set_contains_entry(so, &key, hash)? {
                self.set_add_entry(&result, &key, hash)?;
                if self.set_size(&result)? >= n {
                    break;
                }
            }
        }
        Ok(result)
    }

    fn set_intersection_multi(&mut self, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
        if others.is_empty() {
            return self.set_copy(so);
        }
        let mut result = so.clone();
        for other in others {
            result = self.set_intersection(&result, other)?;
        }
        Ok(result)
    }

    fn set_isdisjoint(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if other.is(so) {
            return Ok(self.set_size(so)? == 0);
        }
        if self.is_exact(other, T::Set) || self.is_exact(other, T::FrozenSet) {
            let (mut big, mut small) = (so, other);
            if self.set_size(other)? > self.set_size(so)? {
                std::mem::swap(&mut big, &mut small);
            }
            let mut pos = 0;
            while let Some((i, key, hash)) = Vm::set_next(small, pos) {
                pos = i + 1;
                if self.set_contains_entry(big, &key, hash)? {
                    return Ok(false);
                }
            }
            return Ok(true);
        }
        let it = self.iter(other)?;
        while let Some(key) = self.next(&it)? {
            if self.set_contains_key(so, &key)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub(crate) fn set_difference_update_internal(
        &mut self,
        so: &ObjRef,
        other: &ObjRef,
    ) -> PyResult<()> {
        if other.is(so) {
            self.set_clear_internal(so);
            return Ok(());
        }
        if self.is_set_like(other) {
            // When the other set is more than 8 times larger, remove the
            // intersection instead.
            let other = if self.set_size(other)? >> 3 > self.set_size(so)? {
                self.set_intersection(so, other)?
            } else {
                other.clone()
            };
            let mut pos = 0;
            while let Some((i, key, hash)) = Vm::set_next(&other, pos) {
                pos = i + 1;
                self.set_discard_entry(so, &key, hash)?;
            }
        } else {
            let it = self.iter(other)?;
            while let Some(key) = self.next(&it)? {
                self.set_discard_key(so, &key)?;
            }
        }
        // If more than 1/4th are dummies, resize them away.
        let (fill, used, mask) =
            read(so, |s| (s.fill as usize, s.len(), s.mask())).ok_or_else(|| self.not_a_set())?;
        if fill.saturating_sub(used) <= mask / 4 {
            return Ok(());
        }
        self.set_resize(so, if used > 50000 { used * 2 } else { used * 4 })
    }

    fn set_copy_and_difference(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
        let result = self.set_copy(so)?;
        self.set_difference_update_internal(&result, other)?;
        Ok(result)
    }

    fn set_difference(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
        let is_dict = self.is_exact(other, T::Dict);
        let other_size = if self.is_set_like(other) {
            self.set_size(other)?
        } else if is_dict {
            other.borrow::<DictObj>().map_or(0, |d| d.table.len())
        } else {
            return self.set_copy_and_difference(so, other);
        };
        // Much larger than other: copy, then remove the common keys.
        if self.set_size(so)? >> 2 > other_size {
            return self.set_copy_and_difference(so, other);
        }
        let result = self.make_new_set_basetype(so, None)?;
        let mut pos = 0;
        while let Some((i, key, hash)) = Vm::set_next(so, pos) {
            pos = i + 1;
            let found = if is_dict {
                self.dict_lookup(other, &key, hash)?.is_some()
            } else {
                self.set_contains_entry(other, &key, hash)?
            };
            if !found {
                self.set_add_entry(&result, &key, hash)?;
            }
        }
        Ok(result)
    }

    fn set_difference_multi(&mut self, so: &ObjRef, others: &[ObjRef]) -> PyResult<ObjRef> {
        let Some((first, rest)) = others.split_first() else {
            return self.set_copy(so);
        };
        let result = self.set_difference(so, first)?;
        for other in rest {
            self.set_difference_update_internal(&result, other)?;
        }
        Ok(result)
    }

    pub(crate) fn set_symmetric_difference_update(
        &mut self,
        so: &ObjRef,
        other: &ObjRef,
    ) -> PyResult<()> {
        if other.is(so) {
            self.set_clear_internal(so);
            return Ok(());
        }
        if self.is_exact(other, T::Dict) {
            for (key, hash) in dict_entries(other) {
                if !self.set_discard_entry(so, &key, hash)? {
                    self.set_add_entry(so, &key, hash)?;
                }
            }
            return Ok(());
        }
        let otherset = if self.is_set_like(other) {
            other.clone()
        } else {
            self.make_new_set_basetype(so, Some(other))?
        };
        let mut pos = 0;
        while let Some((i, key, hash)) = Vm::set_next(&otherset, pos) {
            pos = i + 1;
            if !self.set_discard_entry(so, &key, hash)? {
                self.set_add_entry(so, &key, hash)?;
            }
        }
        Ok(())
    }

    fn set_symmetric_difference(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<ObjRef> {
        let otherset = self.make_new_set_basetype(so, Some(other))?;
        self.set_symmetric_difference_update(&otherset, so)?;
        Ok(otherset)
    }

    fn set_issubset(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if !self.is_set_like(other) {
            let tmp = self.set_intersection(so, other)?;
            return Ok(self.set_size(&tmp)? == self.set_size(so)?);
        }
        if self.set_size(so)? > self.set_size(other)? {
            return Ok(false);
        }
        let mut pos = 0;
        while let Some((i, key, hash)) = Vm::set_next(so, pos) {
            pos = i + 1;
            if !self.set_contains_entry(other, &key, hash)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    fn set_issuperset(&mut self, so: &ObjRef, other: &ObjRef) -> PyResult<bool> {
        if self.is_set_like(other) {
            return self.set_issubset(other, so);
        }
        let it = self.iter(other)?;
        while let Some(key) = self.next(&it)? {
            if !self.set_contains_key(so, &key)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// CPython's `set_richcompare` for two sets.
    fn set_richcompare(&mut self, v: &ObjRef, w: &ObjRef, op: CmpOp) -> PyResult<bool> {
        let (lv, lw) = (self.set_size(v)?, self.set_size(w)?);
        match op {
            CmpOp::Eq | CmpOp::Ne => {
                let eq = if lv != lw {
                    false
                } else {
                    let hv = read(v, |s| s.hash).unwrap_or(-1);
                    let hw = read(w, |s| s.hash).unwrap_or(-1);
                    if hv != -1 && hw != -1 && hv != hw {
                        false
                    } else {
                        self.set_issubset(v, w)?
                    }
                };
                Ok(eq == (op == CmpOp::Eq))
            }
            CmpOp::Le => self.set_issubset(v, w),
            CmpOp::Ge => self.set_issuperset(v, w),
            CmpOp::Lt => Ok(lv < lw && self.set_issubset(v, w)?),
            CmpOp::Gt => Ok(lv > lw && self.set_issuperset(v, w)?),
        }
    }

    /// `a | b`, `a & b`, `a - b`, `a ^ b` for sets; None means
    /// NotImplemented (CPython's `set_or` and friends).
    pub(crate) fn set_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_set_like(a) || !self.is_set_like(b) {
            return Ok(None);
        }
        let r = match op {
            BinOp::Or => {
                let result = self.set_copy(a)?;
                if !b.is(a) {
                    self.set_update_internal(&result, b)?;
                }
                result
            }
            BinOp::And => self.set_intersection(a, b)?,
            BinOp::Subtract => self.set_difference(a, b)?,
            BinOp::Xor => self.set_symmetric_difference(a, b)?,
            _ => return Ok(None),
        };
        Ok(Some(r))
    }

    /// `a |= b` and friends for a (mutable) set `a`; None means
    /// NotImplemented (CPython's `set_ior` and friends).
    pub(crate) fn set_inplace(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        if !self.is_set_like(a) || !self.is_instance_of(a, T::Set) || !self.is_set_like(b) {
            return Ok(None);
        }
        match op {
            BinOp::Or => self.set_update_internal(a, b)?,
            BinOp::And => {
                let tmp = self.set_intersection(a, b)?;
                self.set_swap_bodies(a, &tmp);
            }
            BinOp::Subtract => self.set_difference_update_internal(a, b)?,
            BinOp::Xor => self.set_symmetric_difference_update(a, b)?,
            _ => return Ok(None),
        }
        Ok(Some(a.clone()))
    }

    // ------------------------------------------------------------ iterator

    /// `next()` of a `set_iterator` (CPython's `setiter_iternext`).
    pub(crate) fn setiter_next(&mut self, it: &ObjRef) -> PyResult<Option<ObjRef>> {
        let Some((set, si_used, pos)) =
            Vm::with_native::<SetIter, _>(it, |si| (si.set.clone(), si.used, si.pos))
        else {
            return Err(self.internal_error("not a set iterator"));
        };
        let Some(so) = set else {
            return Ok(None);
        };
        if si_used != set_len(&so).map_or(-1, |n| n as i64) {
            Vm::with_native_mut::<SetIter, _>(it, |si| si.used = -1);
            return Err(self.runtime_error("Set changed size during iteration"));
        }
        match Vm::set_next(&so, pos) {
            Some((i, key, _)) => {
                Vm::with_native_mut::<SetIter, _>(it, |si| {
                    si.pos = i + 1;
                    si.len = si.len.saturating_sub(1);
                });
                Ok(Some(key))
            }
            None => {
                let done = Vm::with_native_mut::<SetIter, _>(it, |si| si.set.take()).flatten();
                drop(done);
                Ok(None)
            }
        }
    }
}

/// The `(key, hash)` pairs of an exact dict, in order.
fn dict_entries(d: &ObjRef) -> Vec<(ObjRef, i64)> {
    d.borrow::<DictObj>()
        .map(|d| d.table.iter().map(|e| (e.key.clone(), e.hash)).collect())
        .unwrap_or_default()
}

// --------------------------------------------------------------- methods

/// The type that defines a method shared by set and frozenset, for messages.
fn owner(vm: &Vm, o: &ObjRef) -> &'static str {
    if vm.is_instance_of(o, T::Set) {
        "set"
    } else {
        "frozenset"
    }
}

/// `self` of a method, checked: a set or frozenset.
fn this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if vm.is_set_like(o) => Ok(o.clone()),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'set' object"))),
    }
}

fn no_kw(vm: &mut Vm, args: &Args, so: &ObjRef, name: &str) -> PyResult<()> {
    if args.kw.is_empty() {
        return Ok(());
    }
    let tn = owner(vm, so);
    Err(vm.type_error(format!("{tn}.{name}() takes no keyword arguments")))
}

/// A `METH_NOARGS` method's self.
fn noargs(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    let so = this(vm, args, name)?;
    no_kw(vm, args, &so, name)?;
    if args.len() != 1 {
        let tn = owner(vm, &so);
        return Err(vm.type_error(format!(
            "{tn}.{name}() takes no arguments ({} given)",
            args.len() - 1
        )));
    }
    Ok(so)
}

/// A `METH_O` method's self and argument.
fn one_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(ObjRef, ObjRef)> {
    let so = this(vm, args, name)?;
    no_kw(vm, args, &so, name)?;
    match args.pos.get(1) {
        Some(a) if args.len() == 2 => Ok((so, a.clone())),
        _ => {
            let tn = owner(vm, &so);
            Err(vm.type_error(format!(
                "{tn}.{name}() takes exactly one argument ({} given)",
                args.len() - 1
            )))
        }
    }
}

/// A `METH_VARARGS` method's self and arguments.
fn varargs(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(ObjRef, Vec<ObjRef>)> {
    let so = this(vm, args, name)?;
    no_kw(vm, args, &so, name)?;
    Ok((so, args.pos[1..].to_vec()))
}

/// A unary slot wrapper's (`__len__`, `__repr__`...) self.
fn wrapper_self(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    let so = this(vm, args, name)?;
    if args.len() != 1 || !args.kw.is_empty() {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.len() - 1 + args.kw.len()
        )));
    }
    Ok(so)
}

/// A slot wrapper's (`__or__`, `__eq__`...) self and argument.
fn wrapper_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(ObjRef, ObjRef)> {
    let so = this(vm, args, name)?;
    match args.pos.get(1) {
        Some(a) if args.len() == 2 && args.kw.is_empty() => Ok((so, a.clone())),
        _ => Err(vm.type_error(format!(
            "expected 1 argument, got {}",
            args.len().saturating_sub(1)
        ))),
    }
}

fn set_add_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, key) = one_arg(vm, &args, "add")?;
    vm.set_add_key(&so, &key)?;
    Ok(vm.none.clone())
}

fn set_add_pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
    match a {
        [so, key] => Some(vm.set_add_key(so, key).map(|()| vm.none.clone())),
        _ => None,
    }
}

fn set_clear_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = noargs(vm, &args, "clear")?;
    vm.set_clear_internal(&so);
    Ok(vm.none.clone())
}

fn set_contains_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, key) = one_arg(vm, &args, "__contains__")?;
    let r = vm.set_contains(&so, &key)?;
    Ok(vm.new_bool(r))
}

fn set_copy_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = noargs(vm, &args, "copy")?;
    vm.set_copy(&so)
}

fn frozenset_copy_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = noargs(vm, &args, "copy")?;
    vm.frozenset_copy(&so)
}

/// `discard` and `remove`: a set key is looked up as a frozenset.
fn discard(vm: &mut Vm, so: &ObjRef, key: &ObjRef) -> PyResult<bool> {
    match vm.set_discard_key(so, key) {
        Err(e) if vm.retry_as_frozenset(key, &e) => {
            let tmp = vm.new_frozenset_of(key)?;
            vm.set_discard_key(so, &tmp)
        }
        r => r,
    }
}

fn set_discard_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, key) = one_arg(vm, &args, "discard")?;
    discard(vm, &so, &key)?;
    Ok(vm.none.clone())
}

fn set_remove_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, key) = one_arg(vm, &args, "remove")?;
    if !discard(vm, &so, &key)? {
        return Err(vm.key_error(key));
    }
    Ok(vm.none.clone())
}

fn set_pop_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = noargs(vm, &args, "pop")?;
    vm.set_pop(&so)
}

fn set_union_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "union")?;
    vm.set_union(&so, &others)
}

fn set_update_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "update")?;
    for other in &others {
        vm.set_update_internal(&so, other)?;
    }
    Ok(vm.none.clone())
}

fn set_intersection_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "intersection")?;
    vm.set_intersection_multi(&so, &others)
}

fn set_intersection_update_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "intersection_update")?;
    let tmp = vm.set_intersection_multi(&so, &others)?;
    vm.set_swap_bodies(&so, &tmp);
    Ok(vm.none.clone())
}

fn set_difference_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "difference")?;
    vm.set_difference_multi(&so, &others)
}

fn set_difference_update_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, others) = varargs(vm, &args, "difference_update")?;
    for other in &others {
        vm.set_difference_update_internal(&so, other)?;
    }
    Ok(vm.none.clone())
}

fn set_symmetric_difference_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, other) = one_arg(vm, &args, "symmetric_difference")?;
    vm.set_symmetric_difference(&so, &other)
}

fn set_symmetric_difference_update_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, other) = one_arg(vm, &args, "symmetric_difference_update")?;
    vm.set_symmetric_difference_update(&so, &other)?;
    Ok(vm.none.clone())
}

fn set_isdisjoint_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, other) = one_arg(vm, &args, "isdisjoint")?;
    let r = vm.set_isdisjoint(&so, &other)?;
    Ok(vm.new_bool(r))
}

fn set_issubset_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, other) = one_arg(vm, &args, "issubset")?;
    let r = vm.set_issubset(&so, &other)?;
    Ok(vm.new_bool(r))
}

fn set_issuperset_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (so, other) = one_arg(vm, &args, "issuperset")?;
    let r = vm.set_issuperset(&so, &other)?;
    Ok(vm.new_bool(r))
}

fn set_len_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = wrapper_self(vm, &args, "__len__")?;
    let n = vm.set_size(&so)?;
    vm.new_int(n as i64)
}

fn set_iter_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = wrapper_self(vm, &args, "__iter__")?;
    vm.set_iter(&so)
}

fn set_repr_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = wrapper_self(vm, &args, "__repr__")?;
    let r = vm.set_repr(&so)?;
    vm.new_str(&r)
}

fn frozenset_hash_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = wrapper_self(vm, &args, "__hash__")?;
    let h = vm.frozenset_hash(&so);
    vm.new_int(h)
}

/// `set.__init__(self, iterable=())`.
fn set_init_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let so = this(vm, &args, "__init__")?;
    if !args.kw.is_empty() {
        return Err(vm.type_error("set() takes no keyword arguments"));
    }
    if args.len() > 2 {
        let tn = vm.type_name_of(&so);
        return Err(vm.type_error(format!(
            "{tn} expected at most 1 argument, got {}",
            args.len() - 1
        )));
    }
    vm.set_init(&so, args.pos.get(1))?;
    Ok(vm.none.clone())
}

/// The class argument of `__new__`, checked as CPython's `tp_new_wrapper`.
fn new_cls(vm: &mut Vm, args: &Args, t: T) -> PyResult<ObjRef> {
    let tn = t.name();
    let Some(cls) = args.pos.first().cloned() else {
        return Err(vm.type_error(format!("{tn}.__new__(): not enough arguments")));
    };
    if cls.kind() != Kind::Type {
        let cn = vm.type_name_of(&cls);
        return Err(vm.type_error(format!("{tn}.__new__(X): X is not a type object ({cn})")));
    }
    if !vm.is_subtype(&cls, vm.ty(t)) {
        let cn = vm.type_name(&cls);
        return Err(vm.type_error(format!("{tn}.__new__({cn}): {cn} is not a subtype of {tn}")));
    }
    Ok(cls)
}

/// `set.__new__(cls, *args, **kwargs)`: an empty set; `__init__` fills it.
fn set_new_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let cls = new_cls(vm, &args, T::Set)?;
    vm.alloc_set(&cls)
}

/// `frozenset.__new__(cls, iterable=())`.
fn frozenset_new_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let cls = new_cls(vm, &args, T::FrozenSet)?;
    vm.frozenset_new(&cls, &args.pos[1..], !args.kw.is_empty())
}

macro_rules! binop_wrappers {
    ($($name:ident => $dunder:literal, $op:expr, $reflected:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                let (so, other) = wrapper_arg(vm, &args, $dunder)?;
                let r = if $reflected {
                    vm.set_binop(&other, &so, $op)?
                } else {
                    vm.set_binop(&so, &other, $op)?
                };
                Ok(r.unwrap_or_else(|| vm.not_implemented.clone()))
            }
        )*
    };
}

binop_wrappers! {
    set_or_m => "__or__", BinOp::Or, false;
    set_and_m => "__and__", BinOp::And, false;
    set_sub_m => "__sub__", BinOp::Subtract, false;
    set_xor_m => "__xor__", BinOp::Xor, false;
    set_ror_m => "__ror__", BinOp::Or, true;
    set_rand_m => "__rand__", BinOp::And, true;
    set_rsub_m => "__rsub__", BinOp::Subtract, true;
    set_rxor_m => "__rxor__", BinOp::Xor, true;
}

macro_rules! inplace_wrappers {
    ($($name:ident => $dunder:literal, $op:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                let (so, other) = wrapper_arg(vm, &args, $dunder)?;
                let r = vm.set_inplace(&so, &other, $op)?;
                Ok(r.unwrap_or_else(|| vm.not_implemented.clone()))
            }
        )*
    };
}

inplace_wrappers! {
    set_ior_m => "__ior__", BinOp::Or;
    set_iand_m => "__iand__", BinOp::And;
    set_isub_m => "__isub__", BinOp::Subtract;
    set_ixor_m => "__ixor__", BinOp::Xor;
}

macro_rules! compare_wrappers {
    ($($name:ident => $dunder:literal, $op:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                let (so, other) = wrapper_arg(vm, &args, $dunder)?;
                match vm.set_compare(&so, &other, $op)? {
                    Some(r) => Ok(vm.new_bool(r)),
                    None => Ok(vm.not_implemented.clone()),
                }
            }
        )*
    };
}

compare_wrappers! {
    set_eq_m => "__eq__", CmpOp::Eq;
    set_ne_m => "__ne__", CmpOp::Ne;
    set_lt_m => "__lt__", CmpOp::Lt;
    set_le_m => "__le__", CmpOp::Le;
    set_gt_m => "__gt__", CmpOp::Gt;
    set_ge_m => "__ge__", CmpOp::Ge;
}

fn this_iter(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if vm.is_set_iter(o) => Ok(o.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'set_iterator' object"
        ))),
    }
}

fn setiter_next_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let it = this_iter(vm, &args, "__next__")?;
    match vm.setiter_next(&it)? {
        Some(v) => Ok(v),
        None => {
            let none = vm.none.clone();
            Err(vm.stop_iteration(none))
        }
    }
}

fn setiter_iter_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this_iter(vm, &args, "__iter__")
}

fn setiter_length_hint_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let it = this_iter(vm, &args, "__length_hint__")?;
    let state = Vm::with_native::<SetIter, _>(&it, |si| (si.set.clone(), si.used, si.len));
    let n = match state {
        Some((Some(so), used, len)) if set_len(&so).map(|n| n as i64) == Some(used) => len,
        _ => 0,
    };
    vm.new_int(n as i64)
}

/// Adds a static `__new__` to a builtin type.
fn add_new(vm: &mut Vm, t: T, f: NativeFn) -> PyResult<()> {
    let func = vm.new_builtin_function("__new__", f)?;
    let sm = vm.new_native(
        T::StaticMethod,
        crate::objects::native::Wrapper { func: Some(func) },
    )?;
    let ty = vm.ty(t).clone();
    let d = vm.type_dict(&ty)?;
    let key = vm.names.new.clone();
    vm.dict_set_str(&d, &key, sm)
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let shared: &[(&'static str, NativeFn)] = &[
        ("__contains__", set_contains_m),
        ("__len__", set_len_m),
        ("__iter__", set_iter_m),
        ("__repr__", set_repr_m),
        ("__or__", set_or_m),
        ("__and__", set_and_m),
        ("__sub__", set_sub_m),
        ("__xor__", set_xor_m),
        ("__ror__", set_ror_m),
        ("__rand__", set_rand_m),
        ("__rsub__", set_rsub_m),
        ("__rxor__", set_rxor_m),
        ("__eq__", set_eq_m),
        ("__ne__", set_ne_m),
        ("__lt__", set_lt_m),
        ("__le__", set_le_m),
        ("__gt__", set_gt_m),
        ("__ge__", set_ge_m),
        ("difference", set_difference_m),
        ("intersection", set_intersection_m),
        ("isdisjoint", set_isdisjoint_m),
        ("issubset", set_issubset_m),
        ("issuperset", set_issuperset_m),
        ("symmetric_difference", set_symmetric_difference_m),
        ("union", set_union_m),
    ];
    for t in [T::Set, T::FrozenSet] {
        for (name, f) in shared {
            vm.add_method(t, name, *f)?;
        }
    }
    let set_only: &[(&'static str, NativeFn)] = &[
        ("__init__", set_init_m),
        ("__ior__", set_ior_m),
        ("__iand__", set_iand_m),
        ("__isub__", set_isub_m),
        ("__ixor__", set_ixor_m),
        ("add", set_add_m),
        ("clear", set_clear_m),
        ("copy", set_copy_m),
        ("discard", set_discard_m),
        ("difference_update", set_difference_update_m),
        ("intersection_update", set_intersection_update_m),
        ("pop", set_pop_m),
        ("remove", set_remove_m),
        (
            "symmetric_difference_update",
            set_symmetric_difference_update_m,
        ),
        ("update", set_update_m),
    ];
    for (name, f) in set_only {
        vm.add_method(T::Set, name, *f)?;
    }
    vm.add_method(T::FrozenSet, "copy", frozenset_copy_m)?;
    vm.add_method(T::FrozenSet, "__hash__", frozenset_hash_m)?;
    // set.__hash__ is None: sets and their subclasses are unhashable.
    let set_ty = vm.ty(T::Set).clone();
    let d = vm.type_dict(&set_ty)?;
    let key = vm.names.hash.clone();
    let none = vm.none.clone();
    vm.dict_set_str(&d, &key, none)?;
    add_new(vm, T::Set, set_new_m)?;
    add_new(vm, T::FrozenSet, frozenset_new_m)?;
    vm.add_method(T::SetIterator, "__next__", setiter_next_m)?;
    vm.add_method(T::SetIterator, "__iter__", setiter_iter_m)?;
    vm.add_method(T::SetIterator, "__length_hint__", setiter_length_hint_m)?;
    let d = vm.type_dict(&vm.ty(T::Set).clone())?;
    vm.set_pos_form(&d, "add", set_add_pos)?;
    Ok(())
}
