//! Decimal digit generation for doubles: the part of David Gay's `dtoa.c`
//! (`_Py_dg_dtoa`) that CPython relies on.
//!
//! Mode 0 (the shortest digits that round-trip, the closest such string,
//! ties to even) comes from the `ryu` crate, which computes exactly that and
//! is several times faster than `core::fmt`'s `{:e}` (which also breaks
//! exact ties upwards: `717794904914473.25` must print as `…473.2`). Modes 2
//! and 3 (a given number of significant or fractional digits) come from
//! Rust's `{:.N$e}` and `{:.N$}`, which round the exact binary value
//! correctly with ties to even, as `_Py_dg_dtoa` does. This module only
//! re-lays those strings out as a bare digit string plus decimal-point
//! position, the form `_Py_dg_dtoa` returns.

use core::fmt::{self, Write as _};
use core::ops::Range;

/// Bytes kept inline before [`Scratch`] spills to the heap; enough for any
/// shortest repr (at most 17 digits, a point, and a five-character exponent).
const INLINE: usize = 40;

/// A `fmt::Write` sink that keeps short output on the stack and spills longer
/// output (e.g. `format(1e300, '.400f')`) to the heap.
pub(crate) struct Scratch {
    inline: [u8; INLINE],
    len: usize,
    heap: Vec<u8>,
}

impl Scratch {
    pub(crate) const fn new() -> Self {
        Self {
            inline: [0; INLINE],
            len: 0,
            heap: Vec::new(),
        }
    }

    fn bytes(&self) -> &[u8] {
        if self.heap.is_empty() {
            self.inline.get(..self.len).unwrap_or_default()
        } else {
            &self.heap
        }
    }

    fn bytes_mut(&mut self) -> &mut [u8] {
        if self.heap.is_empty() {
            self.inline.get_mut(..self.len).unwrap_or_default()
        } else {
            &mut self.heap
        }
    }
}

impl fmt::Write for Scratch {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        let b = s.as_bytes();
        if self.heap.is_empty() {
            let end = self.len + b.len();
            if let Some(dst) = self.inline.get_mut(self.len..end) {
                dst.copy_from_slice(b);
                self.len = end;
                return Ok(());
            }
            self.heap.reserve(end.max(2 * INLINE));
            self.heap
                .extend_from_slice(self.inline.get(..self.len).unwrap_or_default());
        }
        self.heap.extend_from_slice(b);
        Ok(())
    }
}

/// Which digits `_Py_dg_dtoa` should produce.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Mode {
    /// Mode 0: the shortest string that round-trips.
    Shortest,
    /// Mode 2: this many significant digits (at least 1).
    Significant(usize),
    /// Mode 3: this many digits after the decimal point.
    Fixed(usize),
}

/// Mirrors `_Py_dg_dtoa` for a finite, non-negative `x`: returns the decimal
/// digits (no leading zeros, trailing zeros stripped) and `decpt`, the
/// position of the decimal point relative to the start of the digits, so that
/// `x ≈ 0.d1d2d3… × 10^decpt`.
///
/// Zero gives `"0"` with `decpt == 1`. In [`Mode::Fixed`], a value that rounds
/// to zero gives no digits and `decpt == -ndigits`, like `_Py_dg_dtoa`.
pub(crate) fn digits(x: f64, mode: Mode, scratch: &mut Scratch) -> (&[u8], i64) {
    if x == 0.0 {
        return (b"0", 1);
    }
    // Writing to a `Scratch` cannot fail, so the `fmt::Result`s are `Ok`.
    let (range, decpt) = match mode {
        Mode::Shortest => {
            let mut ryu = ryu::Buffer::new();
            let _ = scratch.write_str(ryu.format_finite(x));
            split_decimal(scratch.bytes_mut())
        }
        Mode::Significant(n) => {
            let _ = write!(scratch, "{:.*e}", n.saturating_sub(1), x);
            split_decimal(scratch.bytes_mut())
        }
        Mode::Fixed(n) => {
            let _ = write!(scratch, "{:.*}", n, x);
            let (range, decpt) = split_decimal(scratch.bytes_mut());
            if range.is_empty() {
                (range, -i64::try_from(n).unwrap_or(i64::MAX))
            } else {
                (range, decpt)
            }
        }
    };
    (scratch.bytes().get(range).unwrap_or_default(), decpt)
}

/// Splits a non-negative decimal such as `123.4500`, `0.00123`, `1.5e-7`
/// or `1e16` into the range of its significant digits (no leading or
/// trailing zeros; empty for zero) and `decpt`. The integer digits are
/// moved right over the point to make the digits contiguous.
fn split_decimal(s: &mut [u8]) -> (Range<usize>, i64) {
    let e = s
        .iter()
        .position(|b| b.eq_ignore_ascii_case(&b'e'))
        .unwrap_or(s.len());
    let exp = parse_exponent(s.get(e + 1..).unwrap_or_default());
    let int_len = s.iter().take(e).position(|&b| b == b'.').unwrap_or(e);
    let start = if int_len < e {
        s.copy_within(0..int_len, 1);
        1
    } else {
        0
    };
    let digits = s.get_mut(start..e).unwrap_or_default();
    let leading = digits.iter().take_while(|&&b| b == b'0').count();
    let len = strip_trailing_zeros(digits.get_mut(leading..).unwrap_or_default());
    // Both counts are bounded by the string length, which fits in an i64.
    let decpt = (int_len as i64 - leading as i64).saturating_add(exp);
    (start + leading..start + leading + len, decpt)
}

/// The length of `d` without its trailing zeros.
fn strip_trailing_zeros(d: &mut [u8]) -> usize {
    d.iter().rposition(|&b| b != b'0').map_or(0, |i| i + 1)
}

fn parse_exponent(s: &[u8]) -> i64 {
    let (negative, digits) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let magnitude = digits.iter().fold(0i64, |acc, &b| {
        acc.saturating_mul(10)
            .saturating_add(i64::from(b.wrapping_sub(b'0')))
    });
    if negative {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(x: f64, mode: Mode) -> (String, i64) {
        let mut s = Scratch::new();
        let (digits, decpt) = digits(x, mode, &mut s);
        (String::from_utf8_lossy(digits).into_owned(), decpt)
    }

    #[test]
    fn modes() {
        assert_eq!(d(1.5e-5, Mode::Shortest), ("15".into(), -4));
        assert_eq!(d(1e16, Mode::Shortest), ("1".into(), 17));
        assert_eq!(d(123.0, Mode::Shortest), ("123".into(), 3));
        assert_eq!(d(0.0, Mode::Shortest), ("0".into(), 1));
        assert_eq!(d(123.45, Mode::Significant(4)), ("1235".into(), 3));
        assert_eq!(d(100.0, Mode::Significant(4)), ("1".into(), 3));
        assert_eq!(d(123.45, Mode::Fixed(1)), ("1235".into(), 3));
        assert_eq!(d(0.00123, Mode::Fixed(5)), ("123".into(), -2));
        assert_eq!(d(0.0001, Mode::Fixed(2)), ("".into(), -2));
        assert_eq!(d(0.5, Mode::Fixed(0)), ("".into(), 0));
        assert_eq!(d(1.5, Mode::Fixed(0)), ("2".into(), 1));
        assert_eq!(d(9.99, Mode::Fixed(1)), ("1".into(), 2));
        let long = d(1e300, Mode::Fixed(50));
        assert_eq!(long.1, 301);
    }
}
