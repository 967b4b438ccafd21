//! `printf`-style formatting (`'%5.2f' % x`): the per-conversion
//! primitives. The caller parses the format string (mapping keys, `*`
//! widths, the `h`/`l`/`L` length modifiers) and picks the arguments; these
//! functions produce the text of one conversion.
//!
//! Mirrors CPython 3.11's `Objects/unicodeobject.c`: `formatfloat`,
//! `_PyUnicode_FormatLong` and `unicode_format_arg_output`.
//!
//! The functions share [`FormatError`] with `format()`; the only errors
//! here are [`FormatError::OutOfMemory`] (an absurd width or precision:
//! CPython's `MemoryError`) and, for decimal integers,
//! [`FormatError::DigitLimitExceeded`].

use crate::float::{double_to_string, DtoaCode, DtoaFlags};
use crate::format_spec::FormatError;
use crate::int::{self, to_base_string, DEFAULT_MAX_STR_DIGITS};
use crate::{try_reserve, OutOfMemory};
use num_bigint::BigInt;

/// Flags, width and precision of one `%` conversion.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Spec {
    /// `-`: left-justify (pad on the right, always with spaces).
    pub left_adjust: bool,
    /// `+`: a sign for every number.
    pub sign_plus: bool,
    /// ` `: a space before non-negative numbers.
    pub sign_space: bool,
    /// `#`: the alternate form (`0x`/`0o` prefixes, kept decimal point).
    pub alternate: bool,
    /// `0`: pad numbers with zeros after the sign.
    pub zero_pad: bool,
    /// The minimum width. (A negative `*` width is the caller's to turn
    /// into `left_adjust` plus its absolute value, as CPython does.)
    pub width: Option<usize>,
    /// The precision. (A negative `*` precision means 0.)
    pub precision: Option<usize>,
}

/// The integer conversions.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntConversion {
    /// `d`, `i` and `u`.
    Decimal,
    /// `o`.
    Octal,
    /// `x`.
    Hex,
    /// `X`.
    HexUpper,
}

impl IntConversion {
    /// Maps `d i u o x X` to a conversion.
    pub fn from_char(c: char) -> Option<Self> {
        Some(match c {
            'd' | 'i' | 'u' => Self::Decimal,
            'o' => Self::Octal,
            'x' => Self::Hex,
            'X' => Self::HexUpper,
            _ => return None,
        })
    }
}

/// `'%d' % v` and friends, for an `int` (the caller converts other numbers
/// with `int()` or `__index__`, as CPython's `mainformatlong` does), with
/// CPython's default `sys.int_max_str_digits` (4300) for `%d`; see
/// [`format_int_with_limit`].
///
/// Mirrors CPython's `_PyUnicode_FormatLong` and
/// `unicode_format_arg_output`: the precision is a minimum digit count,
/// `#` adds `0o`/`0x`/`0X`.
///
/// ```
/// use ouro_algo::percent::{format_int, IntConversion, Spec};
/// use num_bigint::BigInt;
/// let spec = Spec { alternate: true, zero_pad: true, width: Some(8), ..Spec::default() };
/// assert_eq!(format_int(&BigInt::from(-255), IntConversion::Hex, &spec).unwrap(), "-0x000ff");
/// ```
pub fn format_int(
    v: &BigInt,
    conversion: IntConversion,
    spec: &Spec,
) -> Result<String, FormatError> {
    format_int_with_limit(v, conversion, spec, DEFAULT_MAX_STR_DIGITS)
}

/// [`format_int`] under `sys.int_max_str_digits == max_str_digits` (`0`
/// for no limit).
pub fn format_int_with_limit(
    v: &BigInt,
    conversion: IntConversion,
    spec: &Spec,
    max_str_digits: usize,
) -> Result<String, FormatError> {
    let (base, ch) = match conversion {
        IntConversion::Decimal => (10, 'd'),
        IntConversion::Octal => (8, 'o'),
        IntConversion::Hex => (16, 'x'),
        IntConversion::HexUpper => (16, 'X'),
    };
    let prefixed = base != 10;
    if !prefixed {
        int::check_str_digits(v, max_str_digits)?;
    }
    let mut s = to_base_string(v, base, spec.alternate);
    let sign_len = usize::from(s.starts_with('-'));
    let non_digits = sign_len + if prefixed && spec.alternate { 2 } else { 0 };
    let num_digits = s.len() - non_digits;
    if let Some(prec) = spec.precision {
        if prec > num_digits {
            let (head, digits) = s.split_at(non_digits);
            let mut padded = String::new();
            try_reserve(&mut padded, prec.saturating_add(non_digits))?;
            padded.push_str(head);
            padded.extend(std::iter::repeat_n('0', prec - num_digits));
            padded.push_str(digits);
            s = padded;
        }
    }
    if ch == 'X' {
        s.make_ascii_uppercase();
    }
    Ok(output(&s, spec, ch, true, spec.alternate && prefixed)?)
}

/// `'%f' % x` and friends: `code` is the conversion (`e E f F g G`; the
/// precision defaults to 6).
///
/// Mirrors CPython's `formatfloat` and `unicode_format_arg_output`.
///
/// ```
/// use ouro_algo::float::DtoaCode;
/// use ouro_algo::percent::{format_float, Spec};
/// let spec = Spec { width: Some(8), precision: Some(2), ..Spec::default() };
/// assert_eq!(format_float(3.14159, DtoaCode::Fixed, &spec).unwrap(), "    3.14");
/// ```
pub fn format_float(x: f64, code: DtoaCode, spec: &Spec) -> Result<String, FormatError> {
    let flags = DtoaFlags {
        alternate: spec.alternate,
        ..DtoaFlags::default()
    };
    let mut s = String::with_capacity(24);
    double_to_string(&mut s, x, code, spec.precision.unwrap_or(6), flags);
    Ok(output(&s, spec, 'f', true, false)?)
}

/// `'%s' % v`, `'%r' % v` and `'%a' % v`, given the already converted
/// string: truncated to the precision (in characters), then padded.
///
/// ```
/// use ouro_algo::percent::{format_str, Spec};
/// let spec = Spec { width: Some(5), precision: Some(2), left_adjust: true, ..Spec::default() };
/// assert_eq!(format_str("abcdef", &spec).unwrap(), "ab   ");
/// ```
pub fn format_str(s: &str, spec: &Spec) -> Result<String, FormatError> {
    Ok(output(s, spec, 's', false, false)?)
}

/// `'%c' % v`, given the character: padded to the width (the precision is
/// ignored, as in CPython).
pub fn format_char(c: char, spec: &Spec) -> Result<String, FormatError> {
    let mut buf = [0u8; 4];
    Ok(output(c.encode_utf8(&mut buf), spec, 'c', false, false)?)
}

/// Mirrors CPython's `unicode_format_arg_output`. `numeric` is CPython's
/// `arg->sign` (set for the number conversions); `alt_prefix` says that
/// `s` carries a two-character `0x`-style prefix after its sign.
fn output(
    s: &str,
    spec: &Spec,
    ch: char,
    numeric: bool,
    alt_prefix: bool,
) -> Result<String, OutOfMemory> {
    let mut out = String::new();
    // The padding is ASCII, so this bounds the output length.
    try_reserve(
        &mut out,
        s.len()
            .saturating_add(spec.width.unwrap_or(0))
            .saturating_add(1),
    )?;
    let fill = if numeric && spec.zero_pad { '0' } else { ' ' };
    let mut len = s.chars().count();
    if ch == 's' {
        if let Some(p) = spec.precision {
            len = len.min(p);
        }
    }
    let mut body = s;
    let mut sign = None;
    if numeric {
        if let Some(rest) = s.strip_prefix(['-', '+']) {
            sign = s.chars().next();
            body = rest;
            len -= 1;
        } else if spec.sign_plus {
            sign = Some('+');
        } else if spec.sign_space {
            sign = Some(' ');
        }
    }
    let mut width = spec.width.unwrap_or(0).max(len);
    if let Some(c) = sign {
        if fill != ' ' {
            out.push(c);
        }
        if width > len {
            width -= 1;
        }
    }
    let mut prefix = "";
    if alt_prefix {
        let split = body.char_indices().nth(2).map_or(body.len(), |(i, _)| i);
        let (p, rest) = body.split_at(split);
        prefix = p;
        body = rest;
        if fill != ' ' {
            out.push_str(prefix);
        }
        width = width.saturating_sub(2);
        len = len.saturating_sub(2);
    }
    if width > len && !spec.left_adjust {
        out.extend(std::iter::repeat_n(fill, width - len));
        width = len;
    }
    if fill == ' ' {
        if let Some(c) = sign {
            out.push(c);
        }
        out.push_str(prefix);
    }
    let end = body.char_indices().nth(len).map_or(body.len(), |(i, _)| i);
    out.push_str(body.get(..end).unwrap_or(body));
    if width > len {
        out.extend(std::iter::repeat_n(' ', width - len));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn int(v: i64, conversion: IntConversion, spec: Spec) -> String {
        format_int(&BigInt::from(v), conversion, &spec).unwrap_or_default()
    }

    #[test]
    fn ints() {
        let alt = Spec {
            alternate: true,
            ..Spec::default()
        };
        assert_eq!(int(255, IntConversion::HexUpper, alt), "0XFF");
        assert_eq!(int(255, IntConversion::Octal, alt), "0o377");
        let prec = Spec {
            precision: Some(5),
            ..Spec::default()
        };
        assert_eq!(int(255, IntConversion::Decimal, prec), "00255");
        let left = Spec {
            left_adjust: true,
            zero_pad: true,
            width: Some(5),
            ..Spec::default()
        };
        assert_eq!(int(-3, IntConversion::Decimal, left), "-3   ");
    }

    #[test]
    fn floats() {
        let spec = Spec {
            zero_pad: true,
            width: Some(5),
            ..Spec::default()
        };
        assert_eq!(
            format_float(f64::INFINITY, DtoaCode::Fixed, &spec).as_deref(),
            Ok("00inf")
        );
        let spec = Spec {
            precision: Some(3),
            ..Spec::default()
        };
        assert_eq!(
            format_float(12345.678, DtoaCode::Exp, &spec).as_deref(),
            Ok("1.235e+04")
        );
    }

    #[test]
    fn huge_widths_are_memory_errors() {
        let spec = Spec {
            width: Some(usize::MAX),
            ..Spec::default()
        };
        assert_eq!(format_str("a", &spec), Err(FormatError::OutOfMemory));
        assert_eq!(format_char('a', &spec), Err(FormatError::OutOfMemory));
        let spec = Spec {
            precision: Some(usize::MAX),
            ..Spec::default()
        };
        let one = BigInt::from(1);
        assert_eq!(
            format_int(&one, IntConversion::Decimal, &spec),
            Err(FormatError::OutOfMemory)
        );
    }

    #[test]
    fn digit_limit() {
        let big = BigInt::from(10).pow(5000u32);
        let spec = Spec::default();
        let err = Err(FormatError::DigitLimitExceeded { limit: 4300 });
        assert_eq!(format_int(&big, IntConversion::Decimal, &spec), err);
        assert!(format_int(&big, IntConversion::Hex, &spec).is_ok());
        assert!(format_int_with_limit(&big, IntConversion::Decimal, &spec, 0).is_ok());
    }
}
