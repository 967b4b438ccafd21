//! CPython 3.11's hash functions, for a build with 64-bit `Py_hash_t` run
//! with `PYTHONHASHSEED=0` (hash randomization disabled, so the SipHash key
//! is all zeros and `hash("abc")` is the same in every run).
//!
//! Numeric hashes reduce values modulo the Mersenne prime `2**61 - 1` so
//! that equal numbers of different types hash equal (`hash(2) == hash(2.0)`).
//! Every hash avoids `-1`, which CPython reserves for errors, turning it
//! into `-2` (or another documented constant).

use crate::float::decompose;
use num_bigint::{BigInt, Sign};

/// `_PyHASH_BITS`.
pub const HASH_BITS: u32 = 61;
/// `_PyHASH_MODULUS`: the prime `2**61 - 1`.
pub const HASH_MODULUS: u64 = (1 << HASH_BITS) - 1;
/// `_PyHASH_INF`: `hash(float('inf'))`; `-inf` hashes to its negation.
pub const HASH_INF: i64 = 314_159;
/// `_PyHASH_IMAG`: the multiplier of the imaginary part in `hash(complex)`.
pub const HASH_IMAG: u64 = 1_000_003;

/// `x` reduced modulo `2**61 - 1`, for any `u64`.
#[inline]
fn reduce(x: u64) -> u64 {
    let r = (x & HASH_MODULUS) + (x >> HASH_BITS);
    if r >= HASH_MODULUS {
        r - HASH_MODULUS
    } else {
        r
    }
}

/// `x * 2**e mod (2**61 - 1)` for `x < 2**61 - 1` and `e < 61`: a 61-bit
/// rotation, since `2**61 == 1` modulo the prime.
#[inline]
fn mul_pow2(x: u64, e: u32) -> u64 {
    ((x << e) & HASH_MODULUS) | (x >> (HASH_BITS - e))
}

/// Applies the sign to a reduced magnitude and avoids `-1`.
#[inline]
fn signed(x: u64, negative: bool) -> i64 {
    // `x < 2**61`, so the cast is lossless.
    let h = if negative { -(x as i64) } else { x as i64 };
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(v)` for an `int` that fits in an `i64`.
///
/// Mirrors CPython's `long_hash`: the sign times `|v| mod (2**61 - 1)`,
/// with `-1` mapped to `-2`.
///
/// ```
/// use ouro_algo::hash::hash_i64;
/// assert_eq!(hash_i64(-1), -2);
/// assert_eq!(hash_i64((1 << 61) - 1), 0);
/// ```
#[inline]
pub fn hash_i64(v: i64) -> i64 {
    signed(reduce(v.unsigned_abs()), v < 0)
}

/// `hash(v)` for any `int`. Mirrors CPython's `long_hash`; agrees with
/// [`hash_i64`] on small values.
pub fn hash_bigint(v: &BigInt) -> i64 {
    let mut x = 0u64;
    for digit in v.magnitude().iter_u64_digits().rev() {
        // x = x * 2**64 + digit, where 2**64 == 2**3 modulo the prime.
        x = mul_pow2(x, 3) + reduce(digit);
        if x >= HASH_MODULUS {
            x -= HASH_MODULUS;
        }
    }
    signed(x, v.sign() == Sign::Minus)
}

/// `hash(x)` for a `float`; `None` for a NaN, whose hash CPython derives
/// from the object's identity (`_Py_HashPointer`), which only the caller
/// knows.
///
/// Mirrors CPython's `_Py_HashDouble`: a finite value hashes like the
/// rational number it is exactly (so `hash(1.5) == hash(Fraction(3, 2))`
/// and `hash(2.0) == hash(2)`), `inf` to 314159, `-inf` to -314159.
///
/// ```
/// use ouro_algo::hash::{hash_f64, hash_i64};
/// assert_eq!(hash_f64(2.0), Some(hash_i64(2)));
/// assert_eq!(hash_f64(0.5), Some(1 << 60));
/// assert_eq!(hash_f64(f64::NAN), None);
/// ```
pub fn hash_f64(v: f64) -> Option<i64> {
    if v.is_nan() {
        return None;
    }
    if v.is_infinite() {
        return Some(if v > 0.0 { HASH_INF } else { -HASH_INF });
    }
    // |v| = m * 2**e exactly, with m < 2**53 < 2**61 - 1.
    let (m, e) = decompose(v.abs());
    let x = mul_pow2(m, e.rem_euclid(HASH_BITS as i32).unsigned_abs());
    Some(signed(x, v < 0.0))
}

/// `hash(complex(re, im))` from the hashes of its parts (each as from
/// [`hash_f64`], or the identity-based hash for a NaN part).
///
/// Mirrors CPython's `complex_hash`: `hash(re) + 1000003 * hash(im)` in
/// wrapping unsigned arithmetic, with `-1` mapped to `-2`.
pub fn hash_complex(real_hash: i64, imag_hash: i64) -> i64 {
    let combined = (real_hash as u64).wrapping_add(HASH_IMAG.wrapping_mul(imag_hash as u64)) as i64;
    if combined == -1 {
        -2
    } else {
        combined
    }
}

/// SipHash-1-3 state, as in CPython's `Python/pyhash.c` (`siphash13`).
struct SipHash13 {
    v0: u64,
    v1: u64,
    v2: u64,
    v3: u64,
}

impl SipHash13 {
    /// CPython's key with hash randomization disabled: `k0 = k1 = 0`.
    #[inline]
    const fn new() -> Self {
        let (k0, k1) = (0u64, 0u64);
        Self {
            v0: k0 ^ 0x736f_6d65_7073_6575,
            v1: k1 ^ 0x646f_7261_6e64_6f6d,
            v2: k0 ^ 0x6c79_6765_6e65_7261,
            v3: k1 ^ 0x7465_6462_7974_6573,
        }
    }

    #[inline(always)]
    fn round(&mut self) {
        self.v0 = self.v0.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(13) ^ self.v0;
        self.v0 = self.v0.rotate_left(32);
        self.v2 = self.v2.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(16) ^ self.v2;
        self.v0 = self.v0.wrapping_add(self.v3);
        self.v3 = self.v3.rotate_left(21) ^ self.v0;
        self.v2 = self.v2.wrapping_add(self.v1);
        self.v1 = self.v1.rotate_left(17) ^ self.v2;
        self.v2 = self.v2.rotate_left(32);
    }

    /// Absorbs one little-endian 8-byte word.
    #[inline(always)]
    fn word(&mut self, m: u64) {
        self.v3 ^= m;
        self.round();
        self.v0 ^= m;
    }

    /// Absorbs the final partial word (`tail`, fewer than 8 bytes, little
    /// endian) and the total length, and returns the hash.
    #[inline]
    fn finish(mut self, tail: u64, total_len: usize) -> u64 {
        let b = ((total_len as u64) << 56) | tail;
        self.word(b);
        self.v2 ^= 0xff;
        self.round();
        self.round();
        self.round();
        (self.v0 ^ self.v1) ^ (self.v2 ^ self.v3)
    }
}

/// Maps the raw SipHash output to a `Py_hash_t`, avoiding `-1`.
#[inline]
fn finish_hash(h: u64) -> i64 {
    let h = h as i64;
    if h == -1 {
        -2
    } else {
        h
    }
}

/// `hash(b)` for `bytes` (and the hash of any buffer CPython hashes with
/// `_Py_HashBytes`).
///
/// Mirrors CPython 3.11's `_Py_HashBytes` with `Py_HASH_ALGORITHM ==
/// Py_HASH_SIPHASH13`, `Py_HASH_CUTOFF == 0` and `PYTHONHASHSEED=0`:
/// SipHash-1-3 with an all-zero key; the empty buffer hashes to 0.
///
/// ```
/// use ouro_algo::hash::hash_bytes;
/// assert_eq!(hash_bytes(b""), 0);
/// ```
pub fn hash_bytes(data: &[u8]) -> i64 {
    if data.is_empty() {
        return 0;
    }
    let mut sip = SipHash13::new();
    let (words, rest) = data.as_chunks::<8>();
    for w in words {
        sip.word(u64::from_le_bytes(*w));
    }
    let tail = rest
        .iter()
        .rev()
        .fold(0u64, |acc, &b| (acc << 8) | u64::from(b));
    finish_hash(sip.finish(tail, data.len()))
}

/// `hash(s)` for a `str`.
///
/// Mirrors CPython's `unicode_hash`: [`hash_bytes`] over the string's
/// canonical PEP 393 representation: one byte per character if every code
/// point is below 256 (Latin-1), two bytes (little endian) if every code
/// point is below 65536, else four bytes. No buffer is allocated.
///
/// ```
/// use ouro_algo::hash::{hash_bytes, hash_str};
/// assert_eq!(hash_str("abc"), hash_bytes(b"abc"));
/// assert_eq!(hash_str("é"), hash_bytes(&[0xe9]));
/// ```
pub fn hash_str(s: &str) -> i64 {
    if s.is_ascii() {
        return hash_bytes(s.as_bytes());
    }
    let mut max = 0u32;
    let mut count = 0usize;
    for c in s.chars() {
        max = max.max(u32::from(c));
        count += 1;
    }
    match max {
        0..=0xff => hash_units::<1>(s, count),
        0x100..=0xffff => hash_units::<2>(s, count),
        _ => hash_units::<4>(s, count),
    }
}

/// SipHash over the characters of `s` as `WIDTH`-byte little-endian units.
#[inline]
fn hash_units<const WIDTH: u32>(s: &str, count: usize) -> i64 {
    let mut sip = SipHash13::new();
    let mut acc = 0u64;
    let mut filled = 0u32; // bits of `acc` in use
    for c in s.chars() {
        acc |= u64::from(u32::from(c)) << filled;
        filled += 8 * WIDTH;
        if filled == 64 {
            sip.word(acc);
            acc = 0;
            filled = 0;
        }
    }
    finish_hash(sip.finish(acc, count * WIDTH as usize))
}

/// `_PyHASH_XXPRIME_1`.
const XXPRIME_1: u64 = 11_400_714_785_074_694_791;
/// `_PyHASH_XXPRIME_2`.
const XXPRIME_2: u64 = 14_029_467_366_897_019_727;
/// `_PyHASH_XXPRIME_5`.
const XXPRIME_5: u64 = 2_870_177_450_012_600_261;

/// Incremental `hash(tuple)`: feed the item hashes in order, then
/// [`TupleHasher::finish`]. Useful when computing an item's hash can fail.
///
/// Mirrors CPython 3.11's `tuplehash` (an xxHash-based combiner).
#[derive(Clone, Copy, Debug)]
pub struct TupleHasher {
    acc: u64,
    len: u64,
}

impl Default for TupleHasher {
    fn default() -> Self {
        Self::new()
    }
}

impl TupleHasher {
    /// A hasher for an empty tuple.
    pub const fn new() -> Self {
        Self {
            acc: XXPRIME_5,
            len: 0,
        }
    }

    /// Feeds the hash of the next item.
    #[inline]
    pub fn write(&mut self, item_hash: i64) {
        let lane = item_hash as u64;
        self.acc = self.acc.wrapping_add(lane.wrapping_mul(XXPRIME_2));
        self.acc = self.acc.rotate_left(31);
        self.acc = self.acc.wrapping_mul(XXPRIME_1);
        self.len += 1;
    }

    /// The tuple's hash.
    pub fn finish(&self) -> i64 {
        let acc = self.acc.wrapping_add(self.len ^ (XXPRIME_5 ^ 3_527_539));
        if acc == u64::MAX {
            1_546_275_796
        } else {
            acc as i64
        }
    }
}

/// `hash(t)` for a tuple whose items hash to `item_hashes`, in order.
///
/// Mirrors CPython 3.11's `tuplehash`.
///
/// ```
/// use ouro_algo::hash::hash_tuple;
/// assert_eq!(hash_tuple([]), 5740354900026072187); // hash(())
/// ```
pub fn hash_tuple(item_hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut h = TupleHasher::new();
    for item in item_hashes {
        h.write(item);
    }
    h.finish()
}

/// `_shuffle_bits` from CPython's `Objects/setobject.c`.
#[inline]
fn shuffle_bits(h: u64) -> u64 {
    ((h ^ 89_869_747) ^ (h << 16)).wrapping_mul(3_644_798_167)
}

/// `hash(frozenset)` from the hashes of its (distinct) elements, in any
/// order.
///
/// Mirrors CPython's `frozenset_hash`.
pub fn hash_frozenset(item_hashes: impl IntoIterator<Item = i64>) -> i64 {
    let mut hash = 0u64;
    let mut len = 0u64;
    for h in item_hashes {
        hash ^= shuffle_bits(h as u64);
        len += 1;
    }
    hash ^= (len + 1).wrapping_mul(1_927_868_237);
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash.wrapping_mul(69_069).wrapping_add(907_133_923);
    if hash == u64::MAX {
        590_923_713
    } else {
        hash as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ints() {
        assert_eq!(hash_i64(0), 0);
        assert_eq!(hash_i64(-2), -2);
        assert_eq!(hash_i64(i64::MIN), -4);
        assert_eq!(hash_i64(i64::MAX), 3);
        assert_eq!(hash_bigint(&BigInt::from(i64::MIN)), -4);
        assert_eq!(hash_bigint(&(BigInt::from(1) << 64u32)), 8);
        assert_eq!(hash_bigint(&BigInt::from(-1)), -2);
    }

    #[test]
    fn floats() {
        assert_eq!(hash_f64(-1.0), Some(-2));
        assert_eq!(hash_f64(-0.0), Some(0));
        assert_eq!(hash_f64(f64::NEG_INFINITY), Some(-314_159));
        assert_eq!(
            hash_f64(1e300),
            Some(hash_bigint(
                &num_traits::FromPrimitive::from_f64(1e300).unwrap_or_default()
            ))
        );
    }
}
