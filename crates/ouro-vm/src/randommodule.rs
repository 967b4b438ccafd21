//! The `_random` module, after CPython 3.11's `Modules/_randommodule.c`:
//! the class `_random.Random`, which holds a Mersenne Twister (MT19937,
//! Matsumoto and Nishimura, 1998) and gives its core: `seed`, `random`,
//! `getrandbits`, `getstate`, `setstate`. The frozen `random.py` subclasses
//! it and builds every distribution on top in Python, as CPython's does.
//!
//! The generator's state is plain words ([`MtState`], a native payload that
//! holds no Python references), so seeding and twisting cost one native
//! call each: under `--viz`, which records a step per executed line, a
//! seeding is one step rather than thousands.
//!
//! One private extra: `_sha512_digest(data)`, the SHA-512 digest that
//! `random.seed(str_or_bytes)` needs (CPython's `random.py` imports it from
//! `hashlib`, which ouro does not have).

use num_bigint::{BigInt, BigUint, Sign};
use num_traits::{Signed, ToPrimitive};
use ouro_heap::{Kind, NativeObj, NativePayload, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// Words of state.
const N: usize = 624;
/// The middle word of the recurrence.
const M: usize = 397;
/// The twist matrix's last row.
const MATRIX_A: u32 = 0x9908_b0df;
/// The most significant bit of a word.
const UPPER_MASK: u32 = 0x8000_0000;
/// The 31 least significant bits of a word.
const LOWER_MASK: u32 = 0x7fff_ffff;

/// A Mersenne Twister's state: CPython's `RandomObject` without its header.
pub struct MtState {
    mt: [u32; N],
    /// The next word of `mt` to temper; `N` means "twist first".
    index: usize,
}

impl MtState {
    /// The state of a fresh object before any seeding: all zero, as C's
    /// zeroed allocation leaves it (it then draws only zeros, as CPython's).
    fn zeroed() -> MtState {
        MtState {
            mt: [0; N],
            index: 0,
        }
    }

    /// Mirrors CPython's `init_genrand()`.
    fn init_genrand(&mut self, s: u32) {
        self.mt[0] = s;
        for i in 1..N {
            let prev = self.mt[i - 1];
            self.mt[i] = 1_812_433_253u32
                .wrapping_mul(prev ^ (prev >> 30))
                .wrapping_add(i as u32);
        }
        self.index = N;
    }

    /// Mirrors CPython's `init_by_array()`: the seeding used for every seed.
    fn init_by_array(&mut self, key: &[u32]) {
        let key: &[u32] = if key.is_empty() { &[0] } else { key };
        self.init_genrand(19_650_218);
        let mt = &mut self.mt;
        let (mut i, mut j) = (1usize, 0usize);
        for _ in 0..N.max(key.len()) {
            let prev = mt[i - 1];
            mt[i] = (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_664_525))
                .wrapping_add(key[j])
                .wrapping_add(j as u32);
            i += 1;
            j += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if j >= key.len() {
                j = 0;
            }
        }
        for _ in 0..N - 1 {
            let prev = mt[i - 1];
            mt[i] =
                (mt[i] ^ (prev ^ (prev >> 30)).wrapping_mul(1_566_083_941)).wrapping_sub(i as u32);
            i += 1;
            if i >= N {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        // The top bit set: the state is never all zero.
        mt[0] = 0x8000_0000;
    }

    /// Regenerates the N words at once (the "twist").
    fn twist(&mut self) {
        let mt = &mut self.mt;
        // In index order, so that words past N - M read the new values,
        // as the reference code's three loops do.
        for kk in 0..N {
            let y = (mt[kk] & UPPER_MASK) | (mt[(kk + 1) % N] & LOWER_MASK);
            let mag = if y & 1 != 0 { MATRIX_A } else { 0 };
            mt[kk] = mt[(kk + M) % N] ^ (y >> 1) ^ mag;
        }
        self.index = 0;
    }

    /// Mirrors CPython's `genrand_uint32()`: the next 32 random bits.
    fn genrand_uint32(&mut self) -> u32 {
        if self.index >= N {
            self.twist();
        }
        let mut y = self.mt[self.index];
        self.index += 1;
        y ^= y >> 11;
        y ^= (y << 7) & 0x9d2c_5680;
        y ^= (y << 15) & 0xefc6_0000;
        y ^ (y >> 18)
    }

    /// Mirrors CPython's `random_random()`: a float in [0.0, 1.0) from 53
    /// random bits (27 from one word, 26 from the next).
    fn random(&mut self) -> f64 {
        let a = self.genrand_uint32() >> 5;
        let b = self.genrand_uint32() >> 6;
        (a as f64 * 67_108_864.0 + b as f64) * (1.0 / 9_007_199_254_740_992.0)
    }
}

impl NativePayload for MtState {
    fn take_children(&mut self, _out: &mut Vec<ObjRef>) {}

    fn traverse(&self, _visit: &mut dyn FnMut(&ObjRef)) {}

    fn heap_size(&self) -> usize {
        std::mem::size_of::<MtState>()
    }
}

// ------------------------------------------------------------- construction

impl Vm {
    /// A new, unseeded `_random.Random` (or subclass) instance:
    /// `PyType_GenericNew`, which ignores its arguments.
    pub(crate) fn random_object_new(&mut self, ty: &ObjRef) -> PyResult<ObjRef> {
        let attrs = Vm::is_heap_type(ty) || ty.tflags() & ouro_heap::tflags::T_HAS_ATTRS != 0;
        let obj = self.alloc(ty, NativeObj::new(MtState::zeroed()), attrs)?;
        if !attrs {
            // CPython's _random.Random is no GC type; only its subclasses
            // (with a __dict__) are tracked.
            ouro_heap::gc::untrack(&obj);
        }
        Ok(obj)
    }

    /// `_random.Random(seed)`: a new instance, seeded by `__init__`.
    pub(crate) fn random_type_call(&mut self, ty: &ObjRef, args: Args) -> PyResult<ObjRef> {
        let obj = self.random_object_new(ty)?;
        let mut all = Vec::with_capacity(args.pos.len() + 1);
        all.push(obj.clone());
        all.extend(args.pos.iter().cloned());
        random_init(
            self,
            Args {
                pos: all,
                kw: args.kw.clone(),
                packed: false,
            },
        )?;
        Ok(obj)
    }
}

/// Runs `f` on the state of `obj`, a `_random.Random` instance.
fn with_state<R>(vm: &mut Vm, obj: &ObjRef, f: impl FnOnce(&mut MtState) -> R) -> PyResult<R> {
    let r = if obj.kind() == Kind::Native {
        Vm::with_native_mut::<MtState, _>(obj, f)
    } else {
        None
    };
    r.ok_or_else(|| {
        let tn = vm.type_name_of(obj);
        vm.type_error(format!(
            "descriptor requires a '_random.Random' object but received a '{tn}'"
        ))
    })
}

/// Splits a method's arguments into `self` and the rest.
fn split_self(vm: &mut Vm, args: &mut Args) -> PyResult<ObjRef> {
    if args.pos.is_empty() {
        return Err(vm.internal_error("method without self"));
    }
    Ok(args.pos.remove(0))
}

// ------------------------------------------------------------- seeding

/// Mirrors CPython's `random_seed()`: None seeds from the OS's entropy, an
/// int by its absolute value, anything else by its hash (as C's `size_t`).
fn seed_from(vm: &mut Vm, obj: &ObjRef, arg: Option<&ObjRef>) -> PyResult<()> {
    let key: Vec<u32> = match arg {
        None => entropy_key(),
        Some(a) if a.is(&vm.none) => entropy_key(),
        Some(a) => match vm.to_bigint(a) {
            // An int subclass counts by its int value (int.__abs__, never a
            // user __abs__: CPython's issue #31478).
            Some(n) => n.magnitude().to_u32_digits(),
            None => {
                let h = vm.hash(a)? as u64;
                BigUint::from(h).to_u32_digits()
            }
        },
    };
    with_state(vm, obj, |st| st.init_by_array(&key))
}

/// CPython's `random_seed_urandom()`: N words from the OS; failing that,
/// `random_seed_time_pid()`'s clock and process id.
fn entropy_key() -> Vec<u32> {
    use std::io::Read;
    let mut bytes = [0u8; N * 4];
    let ok = std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .is_ok();
    if ok {
        return bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos() as u64;
    vec![now as u32, (now >> 32) as u32, std::process::id()]
}

/// `Random.__init__(self, seed=None, /)`: seeds the generator.
fn random_init(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    if !args.kw.is_empty() {
        // CPython rejects keywords only where this __init__ is the class's
        // own (a subclass's __init__ may call it with anything).
        let ty = this.class();
        let own_init = vm.is_exact(&this, T::Random)
            || vm
                .type_lookup_str(&ty, "__init__")
                .is_some_and(|f| f.kind() == Kind::BuiltinFunction);
        if own_init {
            return Err(vm.type_error("Random() takes no keyword arguments"));
        }
    }
    if args.pos.len() > 1 {
        return Err(vm.type_error("Random() requires 0 or 1 argument"));
    }
    seed_from(vm, &this, args.pos.first())?;
    Ok(vm.none.clone())
}

/// `Random.seed(self, n=None, /)`.
fn random_seed(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    args.no_kw(vm, "Random.seed")?;
    args.check(vm, "seed", 0, 1)?;
    seed_from(vm, &this, args.pos.first())?;
    Ok(vm.none.clone())
}

// ------------------------------------------------------------- drawing

/// `Random.random(self)`: a float in [0.0, 1.0).
fn random_random(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    args.no_kw(vm, "Random.random")?;
    args.none(vm, "Random.random")?;
    let x = with_state(vm, &this, MtState::random)?;
    vm.new_float(x)
}

/// `Random.getrandbits(self, k, /)`: an int of `k` random bits, built from
/// 32-bit words, least significant first; the last word keeps its top bits.
fn random_getrandbits(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    args.exactly_one(vm, "Random.getrandbits")?;
    let k = vm.index_value(&args.pos[0])?;
    let Some(k) = k.to_i32() else {
        return Err(vm.overflow_error("Python int too large to convert to C int"));
    };
    if k < 0 {
        return Err(vm.value_error("number of bits must be non-negative"));
    }
    if k == 0 {
        return vm.new_int(0);
    }
    if k <= 32 {
        let r = with_state(vm, &this, |st| st.genrand_uint32() >> (32 - k))?;
        return vm.new_int(r as i64);
    }
    let nwords = (k as usize - 1) / 32 + 1;
    let mut words: Vec<u32> = Vec::new();
    if words.try_reserve_exact(nwords).is_err() {
        return Err(vm.memory_error());
    }
    with_state(vm, &this, |st| {
        let mut left = k;
        for _ in 0..nwords {
            let mut r = st.genrand_uint32();
            if left < 32 {
                r >>= 32 - left;
            }
            words.push(r);
            left -= 32;
        }
    })?;
    vm.new_bigint(BigInt::from_biguint(Sign::Plus, BigUint::new(words)))
}

// ------------------------------------------------------------- state

/// `Random.getstate(self)`: the N words and the index, as a tuple of ints.
fn random_getstate(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    args.no_kw(vm, "Random.getstate")?;
    args.none(vm, "Random.getstate")?;
    let (words, index) = with_state(vm, &this, |st| (st.mt, st.index))?;
    let mut items = Vec::with_capacity(N + 1);
    for w in words {
        items.push(vm.new_int(w as i64)?);
    }
    items.push(vm.new_int(index as i64)?);
    vm.new_tuple(items)
}

/// `Random.setstate(self, state, /)`: restores what `getstate` gave, with
/// the checks (and messages) of CPython's `random_setstate()`. Nothing
/// changes unless every item is valid.
fn random_setstate(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let this = split_self(vm, &mut args)?;
    args.exactly_one(vm, "Random.setstate")?;
    let state = args.pos[0].clone();
    if !vm.is_instance_of(&state, T::Tuple) {
        return Err(vm.type_error("state vector must be a tuple"));
    }
    let items = vm.seq_items(&state);
    if items.len() != N + 1 {
        return Err(vm.value_error("state vector is the wrong size"));
    }
    let mut words = [0u32; N];
    for (w, item) in words.iter_mut().zip(&items) {
        // PyLong_AsUnsignedLong: ints only (no __index__), then truncated
        // to 32 bits.
        let Some(v) = vm.to_bigint(item) else {
            return Err(vm.type_error("an integer is required"));
        };
        if v.is_negative() {
            return Err(vm.overflow_error("can't convert negative value to unsigned int"));
        }
        let Some(v) = v.to_u64() else {
            return Err(vm.overflow_error("Python int too large to convert to C unsigned long"));
        };
        *w = v as u32;
    }
    // PyLong_AsLong: __index__ is honoured here.
    let index = vm.index_value(&items[N])?;
    let Some(index) = index.to_i64() else {
        return Err(vm.overflow_error("Python int too large to convert to C long"));
    };
    if !(0..=N as i64).contains(&index) {
        return Err(vm.value_error("invalid state"));
    }
    with_state(vm, &this, |st| {
        st.mt = words;
        st.index = index as usize;
    })?;
    Ok(vm.none.clone())
}

// ------------------------------------------------------------- the module

/// `_random._sha512_digest(data, /)`: the 64-byte SHA-512 digest of a
/// bytes or bytearray (ouro's stand-in for `hashlib.sha512(data).digest()`).
fn sha512_digest(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "_sha512_digest")?;
    let Some(data) = vm.bytes_data(&args.pos[0]) else {
        let tn = vm.type_name_of(&args.pos[0]);
        return Err(vm.type_error(format!("a bytes-like object is required, not '{tn}'")));
    };
    let d = ouro_algo::sha512::sha512(&data);
    vm.new_bytes(&d)
}

/// Makes `_random`. The methods of `_random.Random` are added to the
/// builtin type on the first import (nothing else reaches the type), which
/// keeps them out of every other program's startup.
pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let ty = vm.ty(T::Random).clone();
    if vm.type_lookup_str(&ty, "random").is_none() {
        let methods: &[(&'static str, NativeFn)] = &[
            ("__init__", random_init),
            ("seed", random_seed),
            ("random", random_random),
            ("getrandbits", random_getrandbits),
            ("getstate", random_getstate),
            ("setstate", random_setstate),
        ];
        for (name, f) in methods {
            vm.add_method(T::Random, name, *f)?;
        }
        let doc = vm
            .new_str("Random() -> create a random number generator with its own internal state.")?;
        let dict = vm.type_dict(&ty)?;
        let key = vm.intern("__doc__")?;
        vm.dict_set_str(&dict, &key, doc)?;
        // A type's namespace changed: stale method-cache entries go.
        vm.method_cache.invalidate();
    }
    let m = vm.new_module("_random")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let key = vm.intern("Random")?;
    vm.dict_set_str(&d, &key, ty)?;
    vm.add_function(&d, "_sha512_digest", sha512_digest)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The reference implementation's published check
    /// (`mt19937ar.out`): init_by_array({0x123, 0x234, 0x345, 0x456})
    /// then genrand_int32() gives 1067595299, 955945823, 477289528, ...
    #[test]
    fn reference_output() {
        let mut st = MtState::zeroed();
        st.init_by_array(&[0x123, 0x234, 0x345, 0x456]);
        let first: Vec<u32> = (0..3).map(|_| st.genrand_uint32()).collect();
        assert_eq!(first, [1_067_595_299, 955_945_823, 477_289_528]);
    }

    /// `random.Random(0).random()` in python3.
    #[test]
    fn seed_zero_float() {
        let mut st = MtState::zeroed();
        st.init_by_array(&[0]);
        assert_eq!(st.random(), 0.8444218515250481);
    }
}
