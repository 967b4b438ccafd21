//! `int` algorithms: `int(str, base)`, `bin`/`oct`/`hex`, and conversion to
//! `float`.

use crate::unicode;
use num_bigint::{BigInt, BigUint, Sign};
use num_traits::ToPrimitive;
use std::borrow::Cow;

/// CPython's default `sys.get_int_max_str_digits()`.
pub const DEFAULT_MAX_STR_DIGITS: usize = 4300;

/// Below this many digits the `int_max_str_digits` limit is never checked
/// (`_PY_LONG_MAX_STR_DIGITS_THRESHOLD`).
pub const MAX_STR_DIGITS_THRESHOLD: usize = 640;

/// Why [`parse_with_limit`] rejects its input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseIntError {
    /// `ValueError: int() base must be >= 2 and <= 36, or 0`.
    InvalidBase,
    /// `ValueError: invalid literal for int() with base {base}: {r}` where
    /// `r` is `repr(s)` cut to 200 characters (CPython's `%.200R`). CPython
    /// reports base 0 for a base-0 parse.
    InvalidLiteral,
    /// `ValueError: Exceeds the limit ({limit} digits) for integer string
    /// conversion: value has {digits} digits; use
    /// sys.set_int_max_str_digits() to increase the limit`.
    TooManyDigits {
        /// The limit in force.
        limit: usize,
        /// How many digits the input has.
        digits: usize,
    },
}

impl std::fmt::Display for ParseIntError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::InvalidBase => f.write_str("int() base must be >= 2 and <= 36, or 0"),
            Self::InvalidLiteral => f.write_str("invalid literal for int()"),
            Self::TooManyDigits { limit, digits } => write!(
                f,
                "Exceeds the limit ({limit} digits) for integer string conversion: value has \
                 {digits} digits; use sys.set_int_max_str_digits() to increase the limit"
            ),
        }
    }
}

impl std::error::Error for ParseIntError {}

/// `int(s, base)` without the digit-count limit; `None` for an invalid
/// literal or a base outside `0` and `2..=36`. See [`parse_with_limit`].
///
/// ```
/// use ouro_algo::int::parse;
/// use num_bigint::BigInt;
/// assert_eq!(parse(" -1_000 ", 10), Some(BigInt::from(-1000)));
/// assert_eq!(parse("0x_1f", 0), Some(BigInt::from(31)));
/// assert_eq!(parse("010", 0), None);
/// assert_eq!(parse("z", 36), Some(BigInt::from(35)));
/// ```
pub fn parse(s: &str, base: u32) -> Option<BigInt> {
    parse_with_limit(s, base, 0).ok()
}

/// `int(s, base)` for a `str` argument, with CPython's
/// `sys.int_max_str_digits` limit (`0` disables it).
///
/// Mirrors CPython's `PyLong_FromUnicodeObject` and `PyLong_FromString`:
/// non-ASCII whitespace and decimal digits of any script are mapped to
/// ASCII first; then surrounding whitespace is skipped; an optional sign;
/// base 0 infers the base from a `0x`/`0o`/`0b` prefix (any case) and
/// rejects non-zero numbers with leading zeros (`010`); a prefix matching
/// the base is allowed and may be followed by one underscore (`0x_1f`);
/// single underscores may separate digits. The limit applies only to bases
/// that are not powers of two, and to inputs of more than
/// [`MAX_STR_DIGITS_THRESHOLD`] digits.
pub fn parse_with_limit(
    s: &str,
    base: u32,
    max_str_digits: usize,
) -> Result<BigInt, ParseIntError> {
    if base == 1 || base > 36 {
        return Err(ParseIntError::InvalidBase);
    }
    let ascii: Cow<'_, [u8]> = if s.is_ascii() {
        Cow::Borrowed(s.as_bytes())
    } else {
        let mut v = Vec::with_capacity(s.len());
        unicode::transform_decimal_and_space(s, |b| v.push(b));
        Cow::Owned(v)
    };
    parse_ascii(&ascii, base, max_str_digits)
}

/// `_PyLong_DigitValue`: the value of an ASCII digit or letter, else 37.
#[inline]
fn digit_value(b: u8) -> u32 {
    match b {
        b'0'..=b'9' => u32::from(b - b'0'),
        b'a'..=b'z' => u32::from(b - b'a') + 10,
        b'A'..=b'Z' => u32::from(b - b'A') + 10,
        _ => 37,
    }
}

fn parse_ascii(s: &[u8], mut base: u32, max_str_digits: usize) -> Result<BigInt, ParseIntError> {
    use ParseIntError::{InvalidLiteral, TooManyDigits};
    let at = |i: usize| s.get(i).copied().unwrap_or(0);
    let mut pos = s
        .iter()
        .take_while(|&&b| unicode::is_ascii_space(b))
        .count();
    let mut negative = false;
    match at(pos) {
        b'+' => pos += 1,
        b'-' => {
            pos += 1;
            negative = true;
        }
        _ => {}
    }
    let mut error_if_nonzero = false;
    if base == 0 {
        base = match (at(pos), at(pos + 1).to_ascii_lowercase()) {
            (b'0', b'x') => 16,
            (b'0', b'o') => 8,
            (b'0', b'b') => 2,
            (b'0', _) => {
                // A C-style octal literal: only zero is allowed.
                error_if_nonzero = true;
                10
            }
            _ => 10,
        };
    }
    if at(pos) == b'0' {
        let prefix_base = match at(pos + 1).to_ascii_lowercase() {
            b'x' => 16,
            b'o' => 8,
            b'b' => 2,
            _ => 0,
        };
        if prefix_base == base {
            pos += 2;
            // One underscore is allowed after the prefix.
            if at(pos) == b'_' {
                pos += 1;
            }
        }
    }
    if at(pos) == b'_' {
        return Err(InvalidLiteral);
    }

    // Scan the digits, validating underscores.
    let start = pos;
    let mut ndigits = 0usize;
    let mut prev = 0u8;
    while pos < s.len() {
        let b = at(pos);
        if b == b'_' {
            if prev == b'_' {
                return Err(InvalidLiteral);
            }
        } else if digit_value(b) < base {
            ndigits += 1;
        } else {
            break;
        }
        prev = b;
        pos += 1;
    }
    if prev == b'_' {
        return Err(InvalidLiteral);
    }
    let digits = s.get(start..pos).unwrap_or_default();
    if !base.is_power_of_two()
        && ndigits > MAX_STR_DIGITS_THRESHOLD
        && max_str_digits > 0
        && ndigits > max_str_digits
    {
        return Err(TooManyDigits {
            limit: max_str_digits,
            digits: ndigits,
        });
    }
    if ndigits == 0 {
        return Err(InvalidLiteral);
    }
    pos += s
        .get(pos..)
        .unwrap_or_default()
        .iter()
        .take_while(|&&b| unicode::is_ascii_space(b))
        .count();
    if pos != s.len() {
        return Err(InvalidLiteral);
    }

    let magnitude = digits_to_biguint(digits, base);
    if error_if_nonzero && magnitude.bits() != 0 {
        return Err(InvalidLiteral);
    }
    let sign = if negative { Sign::Minus } else { Sign::Plus };
    Ok(BigInt::from_biguint(sign, magnitude))
}

/// Converts validated digits (possibly with single underscores) in `base`.
fn digits_to_biguint(digits: &[u8], base: u32) -> BigUint {
    let values = digits
        .iter()
        .filter(|&&b| b != b'_')
        .map(|&b| digit_value(b));
    // Fast path: most literals fit in a u64.
    let mut small = 0u64;
    let mut fits = true;
    for v in values.clone() {
        match small
            .checked_mul(u64::from(base))
            .and_then(|x| x.checked_add(u64::from(v)))
        {
            Some(x) => small = x,
            None => {
                fits = false;
                break;
            }
        }
    }
    if fits {
        return BigUint::from(small);
    }
    // Every value is below `base <= 36`, so the narrowing is lossless.
    let buf: Vec<u8> = values.map(|v| v as u8).collect();
    BigUint::from_radix_be(&buf, base).unwrap_or_default()
}

/// `str(v)` (or a decimal `format`/`%d`) refused because `v` has more than
/// `sys.int_max_str_digits` decimal digits: CPython's `ValueError: Exceeds
/// the limit ({limit} digits) for integer string conversion; use
/// sys.set_int_max_str_digits() to increase the limit`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DigitLimitExceeded {
    /// The limit in force.
    pub limit: usize,
}

impl std::fmt::Display for DigitLimitExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Exceeds the limit ({} digits) for integer string conversion; use \
             sys.set_int_max_str_digits() to increase the limit",
            self.limit
        )
    }
}

impl std::error::Error for DigitLimitExceeded {}

/// Whether CPython would refuse to convert `v` to a decimal string under
/// `sys.int_max_str_digits == max_str_digits` (`0` disables the limit).
///
/// Mirrors the check in CPython's `long_to_decimal_string_internal`: values
/// of fewer than 73 internal 30-bit digits are never refused; larger ones
/// are refused when their decimal digit count (without the sign) exceeds
/// the limit.
///
/// ```
/// use ouro_algo::int::{check_str_digits, DigitLimitExceeded};
/// use num_bigint::BigInt;
/// let big = BigInt::from(10).pow(4300u32);
/// assert_eq!(check_str_digits(&(&big - 1), 4300), Ok(()));
/// assert_eq!(check_str_digits(&big, 4300), Err(DigitLimitExceeded { limit: 4300 }));
/// assert_eq!(check_str_digits(&big, 0), Ok(()));
/// ```
pub fn check_str_digits(v: &BigInt, max_str_digits: usize) -> Result<(), DigitLimitExceeded> {
    // 10 * _PY_LONG_MAX_STR_DIGITS_THRESHOLD / (3 * PyLong_SHIFT) + 2.
    const MIN_CHECKED_SIZE: u64 = 73;
    let bits = v.bits();
    if max_str_digits == 0 || bits.div_ceil(30) < MIN_CHECKED_SIZE {
        return Ok(());
    }
    // |v| has more than `limit` digits iff |v| >= 10**limit. Decide from the
    // bit length when possible: 2**(bits-1) <= |v| < 2**bits.
    let limit = max_str_digits as f64 * std::f64::consts::LOG2_10;
    let too_many = if (bits as f64) < limit - 1.0 {
        false
    } else if (bits as f64 - 1.0) > limit + 1.0 {
        true
    } else {
        let exp = u32::try_from(max_str_digits).unwrap_or(u32::MAX);
        *v.magnitude() >= BigUint::from(10u32).pow(exp)
    };
    if too_many {
        Err(DigitLimitExceeded {
            limit: max_str_digits,
        })
    } else {
        Ok(())
    }
}

/// `str(v)` under `sys.int_max_str_digits == max_str_digits` (`0` disables
/// the limit). Mirrors CPython's `long_to_decimal_string`.
pub fn to_decimal_string(v: &BigInt, max_str_digits: usize) -> Result<String, DigitLimitExceeded> {
    check_str_digits(v, max_str_digits)?;
    Ok(v.to_string())
}

/// The digits of `v` in `base` (2, 8, 10 or 16; anything else is treated as
/// 10), with a `0b`/`0o`/`0x` prefix after the sign when `prefix` is set
/// and the base is not 10. Lowercase digits.
///
/// Mirrors CPython's `_PyLong_Format` (prefix always) and
/// `_PyLong_FormatWriter` (prefix per the `alternate` flag).
///
/// ```
/// use ouro_algo::int::to_base_string;
/// use num_bigint::BigInt;
/// assert_eq!(to_base_string(&BigInt::from(-5), 2, true), "-0b101");
/// assert_eq!(to_base_string(&BigInt::from(31), 16, false), "1f");
/// ```
pub fn to_base_string(v: &BigInt, base: u32, prefix: bool) -> String {
    let (base, tag) = match base {
        2 => (2, "0b"),
        8 => (8, "0o"),
        16 => (16, "0x"),
        _ => (10, ""),
    };
    let digits = v.magnitude().to_str_radix(base);
    let negative = v.sign() == Sign::Minus;
    let tag = if prefix { tag } else { "" };
    let mut out = String::with_capacity(digits.len() + tag.len() + usize::from(negative));
    if negative {
        out.push('-');
    }
    out.push_str(tag);
    out.push_str(&digits);
    out
}

/// `bin(v)`: `'0b101'`, `'-0b101'`. Mirrors `PyNumber_ToBase(v, 2)`.
pub fn bin(v: &BigInt) -> String {
    to_base_string(v, 2, true)
}

/// `oct(v)`: `'0o17'`, `'-0o17'`. Mirrors `PyNumber_ToBase(v, 8)`.
pub fn oct(v: &BigInt) -> String {
    to_base_string(v, 8, true)
}

/// `hex(v)`: `'0x1f'`, `'-0x1f'`. Mirrors `PyNumber_ToBase(v, 16)`.
pub fn hex(v: &BigInt) -> String {
    to_base_string(v, 16, true)
}

/// `float(v)`: `v` correctly rounded (ties to even) to a double; `None`
/// means `OverflowError: int too large to convert to float`. Mirrors
/// CPython's `PyLong_AsDouble`.
pub fn to_f64(v: &BigInt) -> Option<f64> {
    v.to_f64().filter(|x| x.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str, base: u32) -> Option<i64> {
        parse(s, base).and_then(|v| v.to_i64())
    }

    #[test]
    fn literals() {
        assert_eq!(p("0", 0), Some(0));
        assert_eq!(p("00", 0), Some(0));
        assert_eq!(p("0_0", 0), Some(0));
        assert_eq!(p("0_7", 0), None);
        assert_eq!(p("0b101", 0), Some(5));
        assert_eq!(p("0B_1", 2), Some(1));
        assert_eq!(p("0o17", 8), Some(15));
        assert_eq!(p("0x", 16), None);
        assert_eq!(p("0x10", 10), None);
        assert_eq!(p("0b1", 16), Some(0xb1));
        assert_eq!(p("+7", 10), Some(7));
        assert_eq!(p("- 7", 10), None);
        assert_eq!(p("1__0", 10), None);
        assert_eq!(p("_1", 10), None);
        assert_eq!(p("1_", 10), None);
        assert_eq!(p("", 10), None);
        assert_eq!(p("  ", 10), None);
        assert_eq!(p("1\0", 10), None);
        assert_eq!(p("\u{0661}\u{0660}", 10), Some(10));
        assert_eq!(p("\u{2003}5\u{3000}", 10), Some(5));
        assert_eq!(p("5", 1), None);
        assert_eq!(p("5", 37), None);
        assert_eq!(
            parse("123456789012345678901234567890", 10).map(|v| v.to_string()),
            Some("123456789012345678901234567890".to_string())
        );
    }

    #[test]
    fn digit_limit() {
        let long = "1".repeat(5000);
        assert_eq!(
            parse_with_limit(&(long.clone() + "x"), 10, DEFAULT_MAX_STR_DIGITS),
            Err(ParseIntError::TooManyDigits {
                limit: 4300,
                digits: 5000
            })
        );
        assert!(parse_with_limit(&long, 16, DEFAULT_MAX_STR_DIGITS).is_ok());
        assert!(parse_with_limit(&long, 10, 0).is_ok());
    }

    #[test]
    fn radix_strings() {
        assert_eq!(hex(&BigInt::from(-255)), "-0xff");
        assert_eq!(oct(&BigInt::from(8)), "0o10");
        assert_eq!(bin(&BigInt::from(0)), "0b0");
        assert_eq!(to_f64(&(BigInt::from(1) << 1024u32)), None);
        assert_eq!(to_f64(&BigInt::from(-3)), Some(-3.0));
    }
}
