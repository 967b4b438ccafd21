//! `float` algorithms: `repr`, `float(str)`, `round(x, n)`, `%`, `//`,
//! `divmod` and `**`, and CPython's general double-to-string routine.

use crate::dtoa::{self, Mode, Scratch};
use crate::unicode;
use num_bigint::BigUint;
use num_traits::{ToPrimitive, Zero};
use std::borrow::Cow;

/// `repr(x)` (and `str(x)`, which is the same in Python 3).
///
/// Mirrors CPython's `float_repr`, i.e. `PyOS_double_to_string(x, 'r', 0,
/// Py_DTSF_ADD_DOT_0)`: the shortest digit string that round-trips, in
/// positional notation when the decimal exponent is in `-4..16` (with a `.0`
/// for integral values) and in scientific notation otherwise (`1e+16`,
/// `1e-05`); plus `inf`, `-inf`, `nan` and `-0.0`.
///
/// ```
/// use ouro_algo::float::repr;
/// assert_eq!(repr(0.1 + 0.2), "0.30000000000000004");
/// assert_eq!(repr(1e16), "1e+16");
/// assert_eq!(repr(123456789012345.0), "123456789012345.0");
/// assert_eq!(repr(-0.0), "-0.0");
/// ```
pub fn repr(x: f64) -> String {
    let mut out = String::new();
    write_repr(&mut out, x);
    out
}

/// Appends `repr(x)` to `out`; see [`repr`].
pub fn write_repr(out: &mut String, x: f64) {
    if x.is_finite() {
        // Fast path: `ryu` computes the same shortest digits as CPython's
        // `_Py_dg_dtoa` mode 0, and lays them out the same way, except that
        // its exponents read `e16` and `e-7` where CPython's read `e+16` and
        // `e-07`, and that it keeps `0.00001234` (decpt == -4) positional
        // where CPython switches to `1.234e-05`.
        let mut ryu = ryu::Buffer::new();
        let s = ryu.format_finite(x);
        match s.split_once('e') {
            Some((mantissa, exp)) => {
                let (sign, digits) = match exp.strip_prefix('-') {
                    Some(digits) => ('-', digits),
                    None => ('+', exp),
                };
                out.reserve(s.len() + 2);
                out.push_str(mantissa);
                out.push('e');
                out.push(sign);
                if digits.len() < 2 {
                    out.push('0');
                }
                out.push_str(digits);
                return;
            }
            None if !s.trim_start_matches('-').starts_with("0.0000") => {
                out.push_str(s);
                return;
            }
            None => {}
        }
    }
    let flags = DtoaFlags {
        add_dot_0: true,
        ..DtoaFlags::default()
    };
    format_float_short(out, x, Code::Repr, 0, false, flags);
}

/// The conversion codes of [`double_to_string`], the `format_code` argument
/// of CPython's `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DtoaCode {
    /// `'e'`: scientific notation with `precision` digits after the point.
    Exp,
    /// `'E'`: like [`DtoaCode::Exp`] with `E`, `INF` and `NAN`.
    ExpUpper,
    /// `'f'`: positional notation with `precision` digits after the point.
    Fixed,
    /// `'F'`: like [`DtoaCode::Fixed`] with `INF` and `NAN`.
    FixedUpper,
    /// `'g'`: `precision` significant digits, positional or scientific
    /// depending on the exponent, trailing zeros removed.
    General,
    /// `'G'`: like [`DtoaCode::General`] with `E`, `INF` and `NAN`.
    GeneralUpper,
    /// `'r'`: the shortest round-tripping digits, as `repr` (the precision
    /// is ignored).
    Repr,
}

impl DtoaCode {
    /// Maps `e E f F g G r` to a code.
    pub fn from_char(c: char) -> Option<Self> {
        Some(match c {
            'e' => Self::Exp,
            'E' => Self::ExpUpper,
            'f' => Self::Fixed,
            'F' => Self::FixedUpper,
            'g' => Self::General,
            'G' => Self::GeneralUpper,
            'r' => Self::Repr,
            _ => return None,
        })
    }
}

/// The flags of CPython's `PyOS_double_to_string`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DtoaFlags {
    /// `Py_DTSF_SIGN`: always emit a sign (`+` for non-negative values).
    pub sign: bool,
    /// `Py_DTSF_ADD_DOT_0`: integral values in positional notation get a
    /// `.0` (and `g` switches to scientific one digit earlier).
    pub add_dot_0: bool,
    /// `Py_DTSF_ALT`: the `#` alternate form: always keep the decimal point,
    /// and `g` keeps trailing zeros.
    pub alternate: bool,
    /// `Py_DTSF_NO_NEG_0`: the `z` option: a negative value that rounds to
    /// zero is printed without its minus sign.
    pub no_neg_zero: bool,
}

/// Appends `x` formatted per `code`, `precision` and `flags` to `out`.
///
/// Mirrors CPython's `PyOS_double_to_string` (the short-repr version built
/// on `_Py_dg_dtoa`), the routine behind `repr`, `format()` and
/// `%`-formatting of floats. For [`DtoaCode::Exp`] and friends, `precision`
/// is the number of digits after the point; for `General` it is the number
/// of significant digits (0 is treated as 1). Precisions above `i32::MAX`
/// (which CPython rejects before getting here) are clamped.
///
/// ```
/// use ouro_algo::float::{double_to_string, DtoaCode, DtoaFlags};
/// let mut s = String::new();
/// double_to_string(&mut s, 2.675, DtoaCode::Fixed, 2, DtoaFlags::default());
/// assert_eq!(s, "2.67");
/// ```
pub fn double_to_string(
    out: &mut String,
    x: f64,
    code: DtoaCode,
    precision: usize,
    flags: DtoaFlags,
) {
    let precision = precision.min(i32::MAX as usize);
    let (code, upper) = match code {
        DtoaCode::Exp => (Code::Exp, false),
        DtoaCode::ExpUpper => (Code::Exp, true),
        DtoaCode::Fixed => (Code::Fixed, false),
        DtoaCode::FixedUpper => (Code::Fixed, true),
        DtoaCode::General => (Code::General, false),
        DtoaCode::GeneralUpper => (Code::General, true),
        DtoaCode::Repr => (Code::Repr, false),
    };
    format_float_short(out, x, code, precision, upper, flags);
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Code {
    Exp,
    Fixed,
    General,
    Repr,
}

/// Mirrors CPython's `format_float_short` (in `Python/pystrtod.c`), with the
/// per-code set-up of `PyOS_double_to_string` folded in.
fn format_float_short(
    out: &mut String,
    x: f64,
    code: Code,
    precision: usize,
    upper: bool,
    flags: DtoaFlags,
) {
    if x.is_nan() {
        // The sign of a NaN is ignored.
        if flags.sign {
            out.push('+');
        }
        out.push_str(if upper { "NAN" } else { "nan" });
        return;
    }
    let negative = x.is_sign_negative();
    if x.is_infinite() {
        if negative {
            out.push('-');
        } else if flags.sign {
            out.push('+');
        }
        out.push_str(if upper { "INF" } else { "inf" });
        return;
    }

    let mode = match code {
        Code::Exp => Mode::Significant(precision + 1),
        Code::Fixed => Mode::Fixed(precision),
        Code::General => Mode::Significant(precision.max(1)),
        Code::Repr => Mode::Shortest,
    };
    // `precision <= i32::MAX`, so this and the arithmetic below cannot overflow.
    let precision = match code {
        Code::Exp => precision as i64 + 1,
        Code::General => precision.max(1) as i64,
        Code::Fixed | Code::Repr => precision as i64,
    };
    let mut scratch = Scratch::new();
    let (digits, mut decpt) = dtoa::digits(x.abs(), mode, &mut scratch);
    let digits_len = digits.len() as i64;

    let mut sign = negative;
    if flags.no_neg_zero && sign && (digits.is_empty() || digits == b"0") {
        sign = false;
    }

    // The output is a slice vdigits[vdigits_start..vdigits_end] of the
    // digits padded with infinitely many zeros on both sides, with a decimal
    // point at `decpt` and maybe an exponent.
    let mut vdigits_end = digits_len;
    let mut use_exp = false;
    match code {
        Code::Exp => {
            use_exp = true;
            vdigits_end = precision;
        }
        Code::Fixed => vdigits_end = decpt + precision,
        Code::General => {
            let limit = if flags.add_dot_0 {
                precision - 1
            } else {
                precision
            };
            if decpt <= -4 || decpt > limit {
                use_exp = true;
            }
            if flags.alternate {
                vdigits_end = precision;
            }
        }
        Code::Repr => {
            if decpt <= -4 || decpt > 16 {
                use_exp = true;
            }
        }
    }

    let mut exp = 0;
    if use_exp {
        exp = decpt - 1;
        decpt = 1;
    }
    let vdigits_start = if decpt <= 0 { decpt - 1 } else { 0 };
    vdigits_end = if !use_exp && flags.add_dot_0 {
        vdigits_end.max(decpt + 1)
    } else {
        vdigits_end.max(decpt)
    };

    let zeros = |out: &mut String, n: i64| push_zeros(out, n.max(0) as usize);
    // The digits are ASCII, so `from_utf8` cannot fail.
    let ascii =
        |out: &mut String, d: &[u8]| out.push_str(std::str::from_utf8(d).unwrap_or_default());

    // Sign, digits and zeros, point, and an exponent of at most 5 bytes.
    out.reserve((vdigits_end - vdigits_start).max(0) as usize + 8);
    if sign {
        out.push('-');
    } else if flags.sign {
        out.push('+');
    }
    // Zero padding on the left of the digits.
    if decpt <= 0 {
        zeros(out, decpt - vdigits_start);
        out.push('.');
        zeros(out, -decpt);
    } else {
        zeros(out, -vdigits_start);
    }
    // The digits, including the decimal point if it falls inside them.
    match usize::try_from(decpt) {
        Ok(split) if split > 0 && split <= digits.len() => {
            let (int_part, frac_part) = digits.split_at(split);
            ascii(out, int_part);
            out.push('.');
            ascii(out, frac_part);
        }
        _ => ascii(out, digits),
    }
    // Zero padding on the right.
    if digits_len < decpt {
        zeros(out, decpt - digits_len);
        out.push('.');
        zeros(out, vdigits_end - decpt);
    } else {
        zeros(out, vdigits_end - digits_len);
    }
    if out.ends_with('.') && !flags.alternate {
        out.pop();
    }
    if use_exp {
        out.push(if upper { 'E' } else { 'e' });
        out.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            out.push('0');
        }
        push_u64(out, e);
    }
}

fn push_zeros(out: &mut String, mut n: usize) {
    const ZEROS: &str = "0000000000000000000000000000000000000000000000000000000000000000";
    while n > 0 {
        let chunk = n.min(ZEROS.len());
        out.push_str(ZEROS.get(..chunk).unwrap_or_default());
        n -= chunk;
    }
}

fn push_u64(out: &mut String, mut n: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    // ASCII digits, so `from_utf8` cannot fail.
    out.push_str(std::str::from_utf8(buf.get(i..).unwrap_or_default()).unwrap_or_default());
}

/// `float(s)` for a `str` argument; `None` means CPython raises
/// `ValueError: could not convert string to float: <repr of s>`.
///
/// Mirrors CPython's `PyFloat_FromString`: non-ASCII whitespace and decimal
/// digits of any script are first mapped to ASCII
/// (`_PyUnicode_TransformDecimalAndSpaceToASCII`); underscores are allowed
/// only between two digits (`_Py_string_to_number_with_underscores`);
/// surrounding whitespace is ignored; then a decimal literal (`1.5`, `.5`,
/// `5.`, `1e-3`, optional sign) or `inf`/`infinity`/`nan` in any case with
/// optional sign is read, correctly rounded. Out-of-range values become
/// `±inf` or `±0.0`, as in CPython.
///
/// ```
/// use ouro_algo::float::parse;
/// assert_eq!(parse(" 1_000.5\n"), Some(1000.5));
/// assert_eq!(parse("-Infinity"), Some(f64::NEG_INFINITY));
/// assert_eq!(parse("1__0"), None);
/// assert_eq!(parse("0x10"), None);
/// ```
pub fn parse(s: &str) -> Option<f64> {
    let ascii: Cow<'_, [u8]> = if s.is_ascii() {
        Cow::Borrowed(s.as_bytes())
    } else {
        let mut v = Vec::with_capacity(s.len());
        unicode::transform_decimal_and_space(s, |b| v.push(b));
        Cow::Owned(v)
    };
    let cleaned: Cow<'_, [u8]> = if ascii.contains(&b'_') {
        Cow::Owned(remove_underscores(&ascii)?)
    } else {
        ascii
    };
    parse_ascii_number(trim_ascii_space(&cleaned))
}

/// Mirrors `_Py_string_to_number_with_underscores`: every underscore must
/// sit between two ASCII digits.
fn remove_underscores(s: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len());
    let mut prev = 0u8;
    for &b in s {
        if b == b'_' {
            if !prev.is_ascii_digit() {
                return None;
            }
        } else {
            if prev == b'_' && !b.is_ascii_digit() {
                return None;
            }
            out.push(b);
        }
        prev = b;
    }
    (prev != b'_').then_some(out)
}

fn trim_ascii_space(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !unicode::is_ascii_space(*first) {
            break;
        }
        s = rest;
    }
    while let [rest @ .., last] = s {
        if !unicode::is_ascii_space(*last) {
            break;
        }
        s = rest;
    }
    s
}

/// `PyOS_string_to_double` over the whole of `s`: `_Py_dg_strtod`, falling
/// back to `_Py_parse_inf_or_nan`.
fn parse_ascii_number(s: &[u8]) -> Option<f64> {
    let (negative, body) = match s.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, s),
    };
    let special = if body.eq_ignore_ascii_case(b"inf") || body.eq_ignore_ascii_case(b"infinity") {
        Some(f64::INFINITY)
    } else if body.eq_ignore_ascii_case(b"nan") {
        Some(f64::NAN)
    } else {
        None
    };
    if let Some(v) = special {
        return Some(if negative { -v } else { v });
    }
    if !is_decimal_literal(body) {
        return None;
    }
    // A valid literal is ASCII, so this is valid UTF-8, and Rust's parser
    // (correctly rounded, like `_Py_dg_strtod`) accepts it.
    std::str::from_utf8(s).ok()?.parse::<f64>().ok()
}

/// `digits [. digits] | . digits`, then optionally `e|E [sign] digits`.
fn is_decimal_literal(s: &[u8]) -> bool {
    let int_digits = s.iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rest = s.get(int_digits..).unwrap_or_default();
    let mut frac_digits = 0;
    if let Some((b'.', after)) = rest.split_first() {
        frac_digits = after.iter().take_while(|b| b.is_ascii_digit()).count();
        rest = after.get(frac_digits..).unwrap_or_default();
    }
    if int_digits + frac_digits == 0 {
        return false;
    }
    match rest.split_first() {
        None => true,
        Some((b'e' | b'E', exp)) => {
            let exp = match exp.split_first() {
                Some((b'+' | b'-', digits)) => digits,
                _ => exp,
            };
            !exp.is_empty() && exp.iter().all(u8::is_ascii_digit)
        }
        Some(_) => false,
    }
}

/// The error of [`round`]: CPython's `OverflowError: rounded value too
/// large to represent`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RoundOverflow;

impl std::fmt::Display for RoundOverflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("rounded value too large to represent")
    }
}

impl std::error::Error for RoundOverflow {}

/// `round(x, ndigits)`: `x` correctly rounded (ties to even, on the exact
/// binary value) to a multiple of `10**-ndigits`.
///
/// Mirrors CPython's `float___round___impl` and `double_round`: NaNs and
/// infinities round to themselves, huge `ndigits` return `x` unchanged,
/// very negative `ndigits` return a zero with the sign of `x`, and the
/// result keeps the sign of `x` even when it is zero (`round(-1.0, -1)` is
/// `-0.0`). Python clips `ndigits` to `Py_ssize_t`, so `i64` covers it.
///
/// ```
/// use ouro_algo::float::round;
/// assert_eq!(round(2.675, 2), Ok(2.67));
/// assert_eq!(round(1250.0, -2), Ok(1200.0));
/// ```
pub fn round(x: f64, ndigits: i64) -> Result<f64, RoundOverflow> {
    // (DBL_MANT_DIG - DBL_MIN_EXP) * 0.30103 and -(DBL_MAX_EXP + 1) * 0.30103.
    const NDIGITS_MAX: i64 = 323;
    const NDIGITS_MIN: i64 = -308;
    if !x.is_finite() || ndigits > NDIGITS_MAX {
        return Ok(x);
    }
    if ndigits < NDIGITS_MIN {
        return Ok(0.0 * x);
    }
    let rounded = if ndigits >= 0 {
        // Rust's fixed formatting is correctly rounded with ties to even,
        // which is what `_Py_dg_dtoa` mode 3 computes; parsing it back is
        // correctly rounded too, like `_Py_dg_strtod`.
        format!("{:.*}", ndigits as usize, x)
            .parse::<f64>()
            .unwrap_or(x)
    } else {
        round_to_power_of_ten(x, ndigits.unsigned_abs() as u32)
    };
    if rounded.is_infinite() {
        Err(RoundOverflow)
    } else {
        Ok(rounded)
    }
}

/// Rounds finite `x` to a multiple of `10**k` (`1 <= k <= 308`), ties to
/// even, exactly, keeping the sign of `x`.
fn round_to_power_of_ten(x: f64, k: u32) -> f64 {
    let (mantissa, exp) = decompose(x.abs());
    // Split |x| into its integer part and whether a fraction remains.
    let (int_part, has_fraction) = if exp >= 0 {
        (BigUint::from(mantissa) << exp.unsigned_abs(), false)
    } else if exp <= -64 {
        (BigUint::zero(), mantissa != 0)
    } else {
        let shift = exp.unsigned_abs();
        (
            BigUint::from(mantissa >> shift),
            mantissa & ((1u64 << shift) - 1) != 0,
        )
    };
    let unit = BigUint::from(10u32).pow(k);
    let mut quotient = &int_part / &unit;
    let remainder = &int_part % &unit;
    let half = &unit >> 1u32;
    let odd = quotient.bit(0);
    if remainder > half || (remainder == half && (has_fraction || odd)) {
        quotient += 1u32;
    }
    let magnitude = (quotient * unit).to_f64().unwrap_or(f64::INFINITY);
    magnitude.copysign(x)
}

/// Splits finite, non-negative `x` into `mantissa * 2**exp` exactly.
pub(crate) fn decompose(x: f64) -> (u64, i32) {
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1u64 << 52) - 1);
    if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    }
}

/// `x % y`; `None` means `ZeroDivisionError: float modulo`.
///
/// Mirrors CPython's `float_rem`: the result has the sign of `y`, and a
/// zero result is a zero with the sign of `y`.
pub fn rem(x: f64, y: f64) -> Option<f64> {
    if y == 0.0 {
        return None;
    }
    let m = x % y; // C's fmod: exact.
    Some(if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m + y
        } else {
            m
        }
    } else {
        0.0f64.copysign(y)
    })
}

/// `divmod(x, y)` as `(x // y, x % y)`; `None` means `ZeroDivisionError:
/// float divmod()` (or `float floor division by zero` for `//`).
///
/// Mirrors CPython's `_float_div_mod`, including its snapping of the
/// quotient to an integral value and its signed zeros.
pub fn divmod(x: f64, y: f64) -> Option<(f64, f64)> {
    if y == 0.0 {
        return None;
    }
    let mut m = x % y;
    let mut div = (x - m) / y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = 0.0f64.copysign(y);
    }
    let floordiv = if div != 0.0 {
        let f = div.floor();
        if div - f > 0.5 {
            f + 1.0
        } else {
            f
        }
    } else {
        0.0f64.copysign(x / y)
    };
    Some((floordiv, m))
}

/// `x // y`; `None` means `ZeroDivisionError: float floor division by
/// zero`. Mirrors CPython's `float_floor_div`.
pub fn floordiv(x: f64, y: f64) -> Option<f64> {
    divmod(x, y).map(|(q, _)| q)
}

/// `round(x)` with no `ndigits`, before conversion to `int`: the nearest
/// integral value, ties to even. Mirrors CPython's `float___round___impl`.
/// (The caller raises for NaN and infinities when converting to `int`.)
pub fn round_half_even(x: f64) -> f64 {
    x.round_ties_even()
}

/// Why [`pow`] fails.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowError {
    /// `ZeroDivisionError: 0.0 cannot be raised to a negative power`.
    ZeroToNegativePower,
    /// A negative base with a non-integral exponent: CPython's result is a
    /// `complex`, computed by the caller as `complex(x) ** complex(y)`.
    ComplexResult,
    /// `OverflowError: (34, 'Numerical result out of range')`.
    Overflow,
}

/// `x ** y` for floats.
///
/// Mirrors CPython's `float_pow`: all the special cases (`x**0 == 1` even
/// for NaN, `1**y == 1`, signed infinities and zeros, `(-1)**huge`) are
/// decided here; the rest goes to the platform `pow`, as in CPython.
pub fn pow(x: f64, y: f64) -> Result<f64, PowError> {
    let is_odd_integer = |v: f64| (v.abs() % 2.0) == 1.0;
    if y == 0.0 {
        return Ok(1.0);
    }
    if x.is_nan() {
        return Ok(x);
    }
    if y.is_nan() {
        return Ok(if x == 1.0 { 1.0 } else { y });
    }
    if y.is_infinite() {
        let ax = x.abs();
        return Ok(if ax == 1.0 {
            1.0
        } else if (y > 0.0) == (ax > 1.0) {
            f64::INFINITY
        } else {
            0.0
        });
    }
    if x.is_infinite() {
        let odd = is_odd_integer(y);
        return Ok(if y > 0.0 {
            if odd {
                x
            } else {
                x.abs()
            }
        } else if odd {
            0.0f64.copysign(x)
        } else {
            0.0
        });
    }
    if x == 0.0 {
        if y < 0.0 {
            return Err(PowError::ZeroToNegativePower);
        }
        return Ok(if is_odd_integer(y) { x } else { 0.0 });
    }
    let mut base = x;
    let mut negate = false;
    if x < 0.0 {
        if y != y.floor() {
            return Err(PowError::ComplexResult);
        }
        base = -x;
        negate = is_odd_integer(y);
    }
    if base == 1.0 {
        return Ok(if negate { -1.0 } else { 1.0 });
    }
    let r = base.powf(y);
    if r.is_infinite() {
        return Err(PowError::Overflow);
    }
    Ok(if negate { -r } else { r })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_basics() {
        assert_eq!(repr(1.0), "1.0");
        assert_eq!(repr(1e16), "1e+16");
        assert_eq!(repr(1e-5), "1e-05");
        assert_eq!(repr(0.0001), "0.0001");
        assert_eq!(repr(1.5e-7), "1.5e-07");
        assert_eq!(repr(f64::NAN), "nan");
        assert_eq!(repr(-f64::NAN), "nan");
        assert_eq!(repr(f64::NEG_INFINITY), "-inf");
        assert_eq!(repr(5e-324), "5e-324");
        assert_eq!(repr(f64::MAX), "1.7976931348623157e+308");
        assert_eq!(repr(1234567890123456.8), "1234567890123456.8");
    }

    #[test]
    fn parse_rules() {
        assert_eq!(parse("1.5"), Some(1.5));
        assert_eq!(parse(".5"), Some(0.5));
        assert_eq!(parse("5."), Some(5.0));
        assert_eq!(parse("  -1e3 "), Some(-1000.0));
        assert_eq!(parse("1_0.0_1"), Some(10.01));
        assert!(parse("nAn").is_some_and(f64::is_nan));
        assert!(parse("-nan").is_some_and(|v| v.is_nan() && v.is_sign_negative()));
        for bad in [
            "", " ", ".", "e5", "1e", "1e+", "_1", "1_", "1__0", "1_.0", "1._0", "inf_", "- 1",
            "1 2",
        ] {
            assert_eq!(parse(bad), None, "{bad:?}");
        }
        assert_eq!(parse("\u{0661}\u{0662}.5"), Some(12.5));
        assert_eq!(parse("\u{3000}7\u{a0}"), Some(7.0));
        assert_eq!(parse("1e999"), Some(f64::INFINITY));
        assert_eq!(parse("1\x1c"), None);
    }

    #[test]
    fn round_cases() {
        assert_eq!(round(2.675, 2), Ok(2.67));
        assert_eq!(round(0.5, 0), Ok(0.0));
        assert_eq!(round(1.5, 0), Ok(2.0));
        assert_eq!(round(-1.0, -1).map(f64::to_bits), Ok((-0.0f64).to_bits()));
        assert_eq!(round(1250.0, -2), Ok(1200.0));
        assert_eq!(round(1350.0, -2), Ok(1400.0));
        assert_eq!(round(1250.0001, -2), Ok(1300.0));
        assert_eq!(round(f64::MAX, -308), Err(RoundOverflow));
        assert_eq!(round(1e300, -300), Ok(1e300));
        assert_eq!(round(5e-324, 400), Ok(5e-324));
    }

    #[test]
    fn modulo() {
        assert_eq!(rem(-1.0, 3.0), Some(2.0));
        assert_eq!(rem(1.0, -3.0), Some(-2.0));
        assert_eq!(rem(3.0, -3.0).map(f64::to_bits), Some((-0.0f64).to_bits()));
        assert_eq!(rem(1.0, 0.0), None);
        assert_eq!(divmod(7.0, 2.0), Some((3.0, 1.0)));
        assert_eq!(divmod(-7.0, 2.0), Some((-4.0, 1.0)));
        let (q, _) = divmod(-0.0, 5.0).unwrap_or_default();
        assert!(q == 0.0 && q.is_sign_negative());
    }

    #[test]
    fn powers() {
        assert_eq!(pow(0.0, -1.0), Err(PowError::ZeroToNegativePower));
        assert_eq!(pow(-8.0, 1.0 / 3.0), Err(PowError::ComplexResult));
        assert_eq!(pow(10.0, 400.0), Err(PowError::Overflow));
        assert_eq!(pow(-1.0, 1e300), Ok(1.0));
        assert_eq!(pow(f64::NAN, 0.0), Ok(1.0));
        assert_eq!(pow(2.0, 10.0), Ok(1024.0));
        assert_eq!(pow(f64::NEG_INFINITY, 3.0), Ok(f64::NEG_INFINITY));
    }
}
