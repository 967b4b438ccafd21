//! The format-specification mini-language: what `format(value, spec)`,
//! `str.format` and f-strings do with the text after the colon, for `int`,
//! `float` and `str` values.
//!
//! Mirrors CPython 3.11's `Python/formatter_unicode.c`. [`parse`] reads
//! `[[fill]align][sign][z][#][0][width][grouping][.precision][type]` without
//! knowing the value's type; [`format_int`], [`format_float`] and
//! [`format_str`] then apply the type's defaults and checks, exactly as
//! CPython does, so errors come out in CPython's order. Numbers are laid out
//! in the "C" locale, so the `n` type never groups digits.

use crate::float::{double_to_string, DtoaCode, DtoaFlags};
use crate::int::{self, DigitLimitExceeded, DEFAULT_MAX_STR_DIGITS};
use crate::{try_reserve, OutOfMemory};
use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

/// Where padding goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Align {
    /// `<`: pad on the right.
    Left,
    /// `>`: pad on the left.
    Right,
    /// `^`: pad both sides, the extra character on the right.
    Center,
    /// `=`: pad between the sign (and prefix) and the digits.
    AfterSign,
}

impl Align {
    fn from_char(c: char) -> Option<Self> {
        Some(match c {
            '<' => Self::Left,
            '>' => Self::Right,
            '^' => Self::Center,
            '=' => Self::AfterSign,
            _ => return None,
        })
    }
}

/// The sign option.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignOption {
    /// `+`: a sign for every number.
    Plus,
    /// `-`: a sign for negative numbers only (the default, but an explicit
    /// `-` is still an error for strings).
    Minus,
    /// ` `: a space for non-negative numbers, `-` for negative ones.
    Space,
}

/// The grouping option: a thousands separator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Grouping {
    /// `,`: every three digits.
    Comma,
    /// `_`: every three digits, or every four for `b`, `o`, `x` and `X`.
    Underscore,
}

impl Grouping {
    fn as_char(self) -> char {
        match self {
            Self::Comma => ',',
            Self::Underscore => '_',
        }
    }
}

/// A parsed format specification, not yet tied to a value type. Build one
/// with [`parse`]; the fields are public so callers can also build or
/// inspect one directly (e.g. `str.format`'s own checks).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct FormatSpec {
    /// The fill character, if one was given before an alignment.
    pub fill: Option<char>,
    /// The alignment, if given.
    pub align: Option<Align>,
    /// The sign option, if given.
    pub sign: Option<SignOption>,
    /// `z`: coerce negative zero to zero (floats only).
    pub no_neg_zero: bool,
    /// `#`: the alternate form.
    pub alternate: bool,
    /// A `0` before the width, with no explicit fill: zero padding (fill
    /// `'0'`, and alignment `=` for numbers unless one was given).
    pub zero_pad: bool,
    /// The minimum width.
    pub width: Option<usize>,
    /// The thousands separator.
    pub grouping: Option<Grouping>,
    /// The precision.
    pub precision: Option<usize>,
    /// The presentation type character.
    pub ty: Option<char>,
}

/// What CPython would raise: [`FormatError::kind`] names the exception type
/// and [`FormatError::message`] gives CPython's exact message.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum FormatError {
    /// `Invalid format specifier '{spec}' for object of type '{type}'`:
    /// more than one character left where the type should be.
    InvalidSpecifier {
        /// The whole specification.
        spec: String,
    },
    /// `Format specifier missing precision`.
    MissingPrecision,
    /// `Too many decimal digits in format string` (a width or precision
    /// above `isize::MAX`).
    TooManyDecimalDigits,
    /// `Cannot specify both ',' and '_'.`
    CommaAndUnderscore,
    /// `Cannot specify ',' with 's'.`: a separator the type does not take.
    SeparatorNotAllowed {
        /// `,` or `_`.
        separator: char,
        /// The (possibly defaulted) presentation type.
        ty: char,
    },
    /// `Unknown format code 'd' for object of type 'float'`.
    UnknownCode {
        /// The presentation type.
        code: char,
    },
    /// `Precision not allowed in integer format specifier`.
    PrecisionNotAllowedForInt,
    /// `Negative zero coercion (z) not allowed in integer format specifier`.
    NegativeZeroNotAllowedForInt,
    /// `Sign not allowed with integer format specifier 'c'`.
    SignWithChar,
    /// `Alternate form (#) not allowed with integer format specifier 'c'`.
    AlternateWithChar,
    /// OverflowError `Python int too large to convert to C long` (type `c`).
    IntTooLargeForChar,
    /// OverflowError `%c arg not in range(0x110000)` (type `c`).
    CharOutOfRange,
    /// Type `c` of a surrogate code point: CPython returns a string with a
    /// lone surrogate, which a Rust `String` cannot hold.
    LoneSurrogate(u32),
    /// OverflowError `int too large to convert to float` (an `int` with a
    /// float presentation type).
    IntTooLargeForFloat,
    /// `precision too big` (above `i32::MAX`, floats only).
    PrecisionTooBig,
    /// `Space not allowed in string format specifier`.
    SpaceNotAllowedForStr,
    /// `Sign not allowed in string format specifier`.
    SignNotAllowedForStr,
    /// `Negative zero coercion (z) not allowed in string format specifier`.
    NegativeZeroNotAllowedForStr,
    /// `Alternate form (#) not allowed in string format specifier`.
    AlternateNotAllowedForStr,
    /// `'=' alignment not allowed in string format specifier`.
    AfterSignAlignNotAllowedForStr,
    /// `MemoryError`: the result would not fit in memory (e.g. a width of
    /// `10**18`).
    OutOfMemory,
    /// `Exceeds the limit (4300 digits) for integer string conversion; use
    /// sys.set_int_max_str_digits() to increase the limit`: a decimal
    /// presentation of an `int` with too many digits.
    DigitLimitExceeded {
        /// The `sys.int_max_str_digits` in force.
        limit: usize,
    },
}

impl From<DigitLimitExceeded> for FormatError {
    fn from(e: DigitLimitExceeded) -> Self {
        Self::DigitLimitExceeded { limit: e.limit }
    }
}

/// The Python exception type of a [`FormatError`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExceptionKind {
    /// `ValueError`.
    ValueError,
    /// `OverflowError`.
    OverflowError,
    /// `MemoryError`.
    MemoryError,
}

impl From<OutOfMemory> for FormatError {
    fn from(_: OutOfMemory) -> Self {
        Self::OutOfMemory
    }
}

impl FormatError {
    /// The exception CPython raises.
    pub fn kind(&self) -> ExceptionKind {
        match self {
            Self::IntTooLargeForChar | Self::CharOutOfRange | Self::IntTooLargeForFloat => {
                ExceptionKind::OverflowError
            }
            Self::OutOfMemory => ExceptionKind::MemoryError,
            _ => ExceptionKind::ValueError,
        }
    }

    /// CPython's message, for a value whose type is named `type_name`
    /// (`'int'`, `'float'`, `'str'`, or a subclass name).
    pub fn message(&self, type_name: &str) -> String {
        // CPython prints type names with "%.200s".
        let type_name = truncate_bytes(type_name, 200);
        match self {
            Self::InvalidSpecifier { spec } => {
                format!("Invalid format specifier '{spec}' for object of type '{type_name}'")
            }
            Self::MissingPrecision => "Format specifier missing precision".into(),
            Self::TooManyDecimalDigits => "Too many decimal digits in format string".into(),
            Self::CommaAndUnderscore => "Cannot specify both ',' and '_'.".into(),
            Self::SeparatorNotAllowed { separator, ty } => {
                format!("Cannot specify '{separator}' with {}.", quoted_code(*ty))
            }
            Self::UnknownCode { code } => {
                format!(
                    "Unknown format code {} for object of type '{type_name}'",
                    quoted_code(*code)
                )
            }
            Self::PrecisionNotAllowedForInt => {
                "Precision not allowed in integer format specifier".into()
            }
            Self::NegativeZeroNotAllowedForInt => {
                "Negative zero coercion (z) not allowed in integer format specifier".into()
            }
            Self::SignWithChar => "Sign not allowed with integer format specifier 'c'".into(),
            Self::AlternateWithChar => {
                "Alternate form (#) not allowed with integer format specifier 'c'".into()
            }
            Self::IntTooLargeForChar => "Python int too large to convert to C long".into(),
            Self::CharOutOfRange => "%c arg not in range(0x110000)".into(),
            Self::LoneSurrogate(cp) => format!("lone surrogate U+{cp:04X} cannot be represented"),
            Self::IntTooLargeForFloat => "int too large to convert to float".into(),
            Self::PrecisionTooBig => "precision too big".into(),
            Self::SpaceNotAllowedForStr => "Space not allowed in string format specifier".into(),
            Self::SignNotAllowedForStr => "Sign not allowed in string format specifier".into(),
            Self::NegativeZeroNotAllowedForStr => {
                "Negative zero coercion (z) not allowed in string format specifier".into()
            }
            Self::AlternateNotAllowedForStr => {
                "Alternate form (#) not allowed in string format specifier".into()
            }
            Self::AfterSignAlignNotAllowedForStr => {
                "'=' alignment not allowed in string format specifier".into()
            }
            Self::OutOfMemory => String::new(),
            Self::DigitLimitExceeded { limit } => DigitLimitExceeded { limit: *limit }.to_string(),
        }
    }
}

impl std::fmt::Display for FormatError {
    /// The message with the type name left generic (`object`); prefer
    /// [`FormatError::message`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message("object"))
    }
}

impl std::error::Error for FormatError {}

/// `'c'` for printable ASCII, else `'\x1f'` style, as CPython's
/// `unknown_presentation_type` and `invalid_thousands_separator_type` print.
fn quoted_code(c: char) -> String {
    let cp = u32::from(c);
    if cp > 32 && cp < 128 {
        format!("'{c}'")
    } else {
        format!("'\\x{cp:x}'")
    }
}

fn truncate_bytes(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s.get(..end).unwrap_or(s)
}

/// Parses a format specification.
///
/// Mirrors the syntax half of CPython's
/// `parse_internal_render_format_spec`: widths and precisions may use
/// decimal digits of any script (as CPython's `get_integer` does); the
/// type-dependent checks happen in the `format_*` functions.
///
/// ```
/// use ouro_algo::format_spec::{parse, Align, Grouping};
/// let spec = parse("*^+#012,.3f").unwrap();
/// assert_eq!((spec.fill, spec.align), (Some('*'), Some(Align::Center)));
/// assert_eq!((spec.width, spec.grouping, spec.precision), (Some(12), Some(Grouping::Comma), Some(3)));
/// assert!(parse("abc").is_err());
/// ```
pub fn parse(spec: &str) -> Result<FormatSpec, FormatError> {
    let mut out = FormatSpec::default();
    let mut rest = spec;
    let nth = |s: &str, n: usize| s.chars().nth(n);
    let advance = |s: &mut &str| {
        let mut it = s.chars();
        it.next();
        *s = it.as_str();
    };

    if let Some(align) = nth(rest, 1).and_then(Align::from_char) {
        out.fill = nth(rest, 0);
        out.align = Some(align);
        advance(&mut rest);
        advance(&mut rest);
    } else if let Some(align) = nth(rest, 0).and_then(Align::from_char) {
        out.align = Some(align);
        advance(&mut rest);
    }
    out.sign = match nth(rest, 0) {
        Some('+') => Some(SignOption::Plus),
        Some('-') => Some(SignOption::Minus),
        Some(' ') => Some(SignOption::Space),
        _ => None,
    };
    if out.sign.is_some() {
        advance(&mut rest);
    }
    if nth(rest, 0) == Some('z') {
        out.no_neg_zero = true;
        advance(&mut rest);
    }
    if nth(rest, 0) == Some('#') {
        out.alternate = true;
        advance(&mut rest);
    }
    if out.fill.is_none() && nth(rest, 0) == Some('0') {
        out.zero_pad = true;
        advance(&mut rest);
    }
    out.width = get_integer(&mut rest)?;
    if nth(rest, 0) == Some(',') {
        out.grouping = Some(Grouping::Comma);
        advance(&mut rest);
    }
    if nth(rest, 0) == Some('_') {
        if out.grouping.is_some() {
            return Err(FormatError::CommaAndUnderscore);
        }
        out.grouping = Some(Grouping::Underscore);
        advance(&mut rest);
    }
    if nth(rest, 0) == Some(',') && out.grouping == Some(Grouping::Underscore) {
        return Err(FormatError::CommaAndUnderscore);
    }
    if nth(rest, 0) == Some('.') {
        advance(&mut rest);
        out.precision = Some(get_integer(&mut rest)?.ok_or(FormatError::MissingPrecision)?);
    }
    let mut tail = rest.chars();
    out.ty = tail.next();
    if tail.next().is_some() {
        return Err(FormatError::InvalidSpecifier {
            spec: spec.to_owned(),
        });
    }
    Ok(out)
}

/// Mirrors CPython's `get_integer`: reads decimal digits (any script);
/// `None` if there are none.
fn get_integer(s: &mut &str) -> Result<Option<usize>, FormatError> {
    let mut value: usize = 0;
    let mut any = false;
    let mut it = s.chars();
    loop {
        let before = it.as_str();
        let Some(d) = it.next().and_then(crate::unicode::decimal_value) else {
            *s = before;
            break;
        };
        any = true;
        // Py_ssize_t is the limit, as in CPython.
        value = value
            .checked_mul(10)
            .and_then(|v| v.checked_add(d as usize))
            .filter(|&v| v <= isize::MAX as usize)
            .ok_or(FormatError::TooManyDecimalDigits)?;
    }
    Ok(any.then_some(value))
}

/// A spec with the value type's defaults applied and the separator checked
/// (the rest of `parse_internal_render_format_spec`).
struct Resolved {
    fill: char,
    align: Align,
    sign: Option<SignOption>,
    no_neg_zero: bool,
    alternate: bool,
    width: Option<usize>,
    /// Separator and group size.
    grouping: Option<(u8, usize)>,
    precision: Option<usize>,
    /// The presentation type; `'\0'` for none (floats).
    ty: char,
}

fn resolve(
    spec: &FormatSpec,
    default_type: char,
    default_align: Align,
) -> Result<Resolved, FormatError> {
    let ty = spec.ty.unwrap_or(default_type);
    let mut fill = spec.fill.unwrap_or(' ');
    let mut align = spec.align.unwrap_or(default_align);
    if spec.zero_pad && spec.fill.is_none() {
        fill = '0';
        if spec.align.is_none() && default_align == Align::Right {
            align = Align::AfterSign;
        }
    }
    let grouping = match spec.grouping {
        None => None,
        Some(g) => match (ty, g) {
            ('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0', Grouping::Comma) => {
                Some((b',', 3))
            }
            ('d' | 'e' | 'f' | 'g' | 'E' | 'G' | '%' | 'F' | '\0', Grouping::Underscore) => {
                Some((b'_', 3))
            }
            ('b' | 'o' | 'x' | 'X', Grouping::Underscore) => Some((b'_', 4)),
            _ => {
                return Err(FormatError::SeparatorNotAllowed {
                    separator: g.as_char(),
                    ty,
                })
            }
        },
    };
    Ok(Resolved {
        fill,
        align,
        sign: spec.sign,
        no_neg_zero: spec.no_neg_zero,
        alternate: spec.alternate,
        width: spec.width,
        grouping,
        precision: spec.precision,
        ty,
    })
}

/// `format(v, spec)` for an `int`, with CPython's default
/// `sys.int_max_str_digits` (4300); see [`format_int_with_limit`].
///
/// Mirrors CPython's `_PyLong_FormatAdvancedWriter` and
/// `format_long_internal`: types `b c d o x X n` and none (as `d`); the
/// float types `e E f F g G %` convert to `float` first.
///
/// ```
/// use ouro_algo::format_spec::{format_int, parse};
/// use num_bigint::BigInt;
/// let f = |v: i64, s: &str| format_int(&BigInt::from(v), &parse(s).unwrap()).unwrap();
/// assert_eq!(f(255, "#x"), "0xff");
/// assert_eq!(f(-1234567, "_"), "-1_234_567");
/// assert_eq!(f(42, "+08"), "+0000042");
/// assert_eq!(f(5, "%"), "500.000000%");
/// ```
pub fn format_int(v: &BigInt, spec: &FormatSpec) -> Result<String, FormatError> {
    format_int_with_limit(v, spec, DEFAULT_MAX_STR_DIGITS)
}

/// `format(v, spec)` for an `int` under `sys.int_max_str_digits ==
/// max_str_digits` (`0` for no limit): decimal presentations (`d`, `n`,
/// none) of longer values fail with [`FormatError::DigitLimitExceeded`], as
/// in CPython. See [`format_int`].
pub fn format_int_with_limit(
    v: &BigInt,
    spec: &FormatSpec,
    max_str_digits: usize,
) -> Result<String, FormatError> {
    let r = resolve(spec, 'd', Align::Right)?;
    match r.ty {
        'b' | 'c' | 'd' | 'o' | 'x' | 'X' | 'n' => format_long_internal(v, &r, max_str_digits),
        'e' | 'E' | 'f' | 'F' | 'g' | 'G' | '%' => {
            let x = int::to_f64(v).ok_or(FormatError::IntTooLargeForFloat)?;
            format_float_internal(x, &r)
        }
        code => Err(FormatError::UnknownCode { code }),
    }
}

/// Mirrors CPython's `format_long_internal`.
fn format_long_internal(
    v: &BigInt,
    r: &Resolved,
    max_str_digits: usize,
) -> Result<String, FormatError> {
    if r.precision.is_some() {
        return Err(FormatError::PrecisionNotAllowedForInt);
    }
    if r.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowedForInt);
    }
    let mut out = String::new();
    if r.ty == 'c' {
        if r.sign.is_some() {
            return Err(FormatError::SignWithChar);
        }
        if r.alternate {
            return Err(FormatError::AlternateWithChar);
        }
        let x = v.to_i64().ok_or(FormatError::IntTooLargeForChar)?;
        let cp = u32::try_from(x)
            .ok()
            .filter(|&cp| cp <= 0x10ffff)
            .ok_or(FormatError::CharOutOfRange)?;
        let c = char::from_u32(cp).ok_or(FormatError::LoneSurrogate(cp))?;
        let mut buf = [0u8; 4];
        let number = Number {
            negative: false,
            prefix: "",
            digits: b"",
            has_decimal: false,
            remainder: c.encode_utf8(&mut buf),
        };
        write_number(&mut out, r, &number)?;
        return Ok(out);
    }
    let (base, prefix) = match r.ty {
        'b' => (2, "0b"),
        'o' => (8, "0o"),
        'x' => (16, "0x"),
        'X' => (16, "0X"),
        _ => (10, ""),
    };
    if base == 10 {
        int::check_str_digits(v, max_str_digits)?;
    }
    let mut digits = v.magnitude().to_str_radix(base);
    if r.ty == 'X' {
        digits.make_ascii_uppercase();
    }
    let number = Number {
        negative: v.sign() == Sign::Minus,
        prefix: if r.alternate { prefix } else { "" },
        digits: digits.as_bytes(),
        has_decimal: false,
        remainder: "",
    };
    write_number(&mut out, r, &number)?;
    Ok(out)
}

/// `format(x, spec)` for a `float`.
///
/// Mirrors CPython's `_PyFloat_FormatAdvancedWriter` and
/// `format_float_internal`: types `e E f F g G n %` and none, where none
/// without a precision is `repr(x)` and with a precision is like `g` but
/// always with a digit after the point in positional notation.
///
/// ```
/// use ouro_algo::format_spec::{format_float, parse};
/// let f = |x: f64, s: &str| format_float(x, &parse(s).unwrap()).unwrap();
/// assert_eq!(f(2.675, ".2f"), "2.67");
/// assert_eq!(f(1234.5, ",.1f"), "1,234.5");
/// assert_eq!(f(-0.0001, "z.2f"), "0.00");
/// assert_eq!(f(1.0, ".3"), "1.0");
/// assert_eq!(f(f64::INFINITY, "+"), "+inf");
/// ```
pub fn format_float(x: f64, spec: &FormatSpec) -> Result<String, FormatError> {
    let r = resolve(spec, '\0', Align::Right)?;
    match r.ty {
        '\0' | 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'n' | '%' => format_float_internal(x, &r),
        code => Err(FormatError::UnknownCode { code }),
    }
}

/// Mirrors CPython's `format_float_internal`.
fn format_float_internal(x: f64, r: &Resolved) -> Result<String, FormatError> {
    if r.precision.is_some_and(|p| p > i32::MAX as usize) {
        return Err(FormatError::PrecisionTooBig);
    }
    let mut flags = DtoaFlags {
        alternate: r.alternate,
        no_neg_zero: r.no_neg_zero,
        ..DtoaFlags::default()
    };
    let mut ty = r.ty;
    let mut default_precision = 6;
    if ty == '\0' {
        flags.add_dot_0 = true;
        ty = 'r';
        default_precision = 0;
    }
    if ty == 'n' {
        ty = 'g';
    }
    let mut val = x;
    let add_pct = ty == '%';
    if add_pct {
        ty = 'f';
        val *= 100.0;
    }
    let precision = match r.precision {
        None => default_precision,
        Some(p) => {
            if ty == 'r' {
                ty = 'g';
            }
            p
        }
    };
    let code = DtoaCode::from_char(ty).unwrap_or(DtoaCode::Repr);
    let mut buf = String::new();
    double_to_string(&mut buf, val, code, precision, flags);
    if add_pct {
        buf.push('%');
    }
    if r.sign.is_none_or(|s| s == SignOption::Minus) && r.width.is_none() && r.grouping.is_none() {
        return Ok(buf); // CPython's fast path; the general path agrees.
    }
    let (negative, body) = match buf.strip_prefix('-') {
        Some(body) => (true, body),
        None => (false, buf.as_str()),
    };
    // parse_number: the leading digits, then an optional point, then the rest.
    let n_digits = body.bytes().take_while(u8::is_ascii_digit).count();
    let (digits, after) = body.split_at(n_digits);
    let (has_decimal, remainder) = match after.strip_prefix('.') {
        Some(rest) => (true, rest),
        None => (false, after),
    };
    let number = Number {
        negative,
        prefix: "",
        digits: digits.as_bytes(),
        has_decimal,
        remainder,
    };
    let mut out = String::new();
    write_number(&mut out, r, &number)?;
    Ok(out)
}

/// `format(s, spec)` for a `str`.
///
/// Mirrors CPython's `_PyUnicode_FormatAdvancedWriter` and
/// `format_string_internal`: type `s` or none; left-aligned by default; the
/// precision truncates to that many characters.
///
/// ```
/// use ouro_algo::format_spec::{format_str, parse};
/// let f = |s: &str, spec: &str| format_str(s, &parse(spec).unwrap()).unwrap();
/// assert_eq!(f("abc", "*^7"), "**abc**");
/// assert_eq!(f("abcdef", ".2"), "ab");
/// assert_eq!(f("ab", "05"), "ab000");
/// ```
pub fn format_str(s: &str, spec: &FormatSpec) -> Result<String, FormatError> {
    let r = resolve(spec, 's', Align::Left)?;
    if r.ty != 's' {
        return Err(FormatError::UnknownCode { code: r.ty });
    }
    match r.sign {
        Some(SignOption::Space) => return Err(FormatError::SpaceNotAllowedForStr),
        Some(_) => return Err(FormatError::SignNotAllowedForStr),
        None => {}
    }
    if r.no_neg_zero {
        return Err(FormatError::NegativeZeroNotAllowedForStr);
    }
    if r.alternate {
        return Err(FormatError::AlternateNotAllowedForStr);
    }
    if r.align == Align::AfterSign {
        return Err(FormatError::AfterSignAlignNotAllowedForStr);
    }
    let mut len = s.chars().count();
    let mut text = s;
    if let Some(p) = r.precision {
        if len > p {
            len = p;
            let end = s.char_indices().nth(p).map_or(s.len(), |(i, _)| i);
            text = s.get(..end).unwrap_or(s);
        }
    }
    let total = r.width.map_or(len, |w| w.max(len));
    let lpad = match r.align {
        Align::Right => total - len,
        Align::Center => (total - len) / 2,
        Align::Left | Align::AfterSign => 0,
    };
    let rpad = total - len - lpad;
    let mut out = String::new();
    let pad_bytes = (lpad + rpad)
        .checked_mul(r.fill.len_utf8())
        .ok_or(OutOfMemory)?;
    try_reserve(&mut out, text.len().saturating_add(pad_bytes))?;
    push_repeated(&mut out, r.fill, lpad);
    out.push_str(text);
    push_repeated(&mut out, r.fill, rpad);
    Ok(out)
}

fn push_repeated(out: &mut String, c: char, n: usize) {
    out.extend(std::iter::repeat_n(c, n));
}

/// A number split the way CPython's `fill_number` consumes it:
/// `[sign][prefix][digits][.remainder]`.
struct Number<'a> {
    negative: bool,
    /// `0x` and friends (already in the right case).
    prefix: &'a str,
    /// The integer digits, ASCII (already in the right case).
    digits: &'a [u8],
    /// Whether a decimal point follows the digits.
    has_decimal: bool,
    /// Everything after the digits and point: fraction, exponent, `%`,
    /// `inf`, or the character for type `c`.
    remainder: &'a str,
}

/// Mirrors CPython's `calc_number_widths` followed by `fill_number`:
/// `[lpad][sign][prefix][spad][grouped digits][.][remainder][rpad]`, where
/// `=` alignment with a `'0'` fill zero-pads inside the digit grouping.
fn write_number(out: &mut String, r: &Resolved, n: &Number<'_>) -> Result<(), OutOfMemory> {
    let sign = match (r.sign, n.negative) {
        (_, true) => Some('-'),
        (Some(SignOption::Plus), false) => Some('+'),
        (Some(SignOption::Space), false) => Some(' '),
        _ => None,
    };
    let n_non_digit = usize::from(sign.is_some())
        + n.prefix.len()
        + usize::from(n.has_decimal)
        + n.remainder.chars().count();
    let width = r.width.map_or(-1, |w| w as i128);
    let min_width = if r.fill == '0' && r.align == Align::AfterSign {
        width - n_non_digit as i128
    } else {
        0
    };
    let grouped = if n.digits.is_empty() {
        Vec::new()
    } else {
        group_digits(n.digits, min_width, r.grouping)?
    };
    let padding = width - (n_non_digit + grouped.len()) as i128;
    let padding = usize::try_from(padding).unwrap_or(0);
    let (lpad, spad, rpad) = match r.align {
        Align::Left => (0, 0, padding),
        Align::Right => (padding, 0, 0),
        Align::Center => (padding / 2, 0, padding - padding / 2),
        Align::AfterSign => (0, padding, 0),
    };
    let pad_bytes = padding.checked_mul(r.fill.len_utf8()).ok_or(OutOfMemory)?;
    let text_bytes = n.prefix.len() + grouped.len() + n.remainder.len() + 2;
    try_reserve(out, text_bytes.saturating_add(pad_bytes))?;
    push_repeated(out, r.fill, lpad);
    if let Some(c) = sign {
        out.push(c);
    }
    out.push_str(n.prefix);
    push_repeated(out, r.fill, spad);
    out.extend(grouped.iter().map(|&b| char::from(b)));
    if n.has_decimal {
        out.push('.');
    }
    out.push_str(n.remainder);
    push_repeated(out, r.fill, rpad);
    Ok(())
}

/// Mirrors CPython's `_PyUnicode_InsertThousandsGrouping`: `digits` with a
/// separator every `size` digits from the right, left-padded with zeros
/// (and separators) to at least `min_width` characters.
fn group_digits(
    digits: &[u8],
    min_width: i128,
    grouping: Option<(u8, usize)>,
) -> Result<Vec<u8>, OutOfMemory> {
    // An upper bound of the output length: all digits and separators, plus
    // at most `min_width` zeros and separators, plus one.
    let bound = (digits.len() as i128 * 2 + 2).saturating_add(min_width.max(0));
    let mut rev = Vec::new();
    let bound = usize::try_from(bound).map_err(|_| OutOfMemory)?;
    rev.try_reserve_exact(bound).map_err(|_| OutOfMemory)?;
    let mut remaining = digits.len() as i128;
    let mut min_width = min_width.max(0);
    let mut end = digits.len();
    let mut use_separator = false;
    // One group: `zeros` zeros then `chars` digits, right to left.
    let mut emit = |rev: &mut Vec<u8>, sep: Option<u8>, zeros: i128, chars: i128| {
        if let Some(sep) = sep {
            rev.push(sep);
        }
        let chars = chars.max(0) as usize;
        let start = end.saturating_sub(chars);
        rev.extend(digits.get(start..end).unwrap_or_default().iter().rev());
        end = start;
        rev.extend(std::iter::repeat_n(b'0', zeros.max(0) as usize));
    };
    if let Some((sep, size)) = grouping {
        let size = size as i128;
        loop {
            let l = size.min(remaining.max(min_width).max(1));
            let zeros = (l - remaining).max(0);
            let chars = remaining.min(l).max(0);
            emit(&mut rev, use_separator.then_some(sep), zeros, chars);
            use_separator = true;
            remaining -= chars;
            min_width -= l;
            if remaining <= 0 && min_width <= 0 {
                rev.reverse();
                return Ok(rev);
            }
            min_width -= 1;
        }
    }
    let l = remaining.max(min_width).max(1);
    emit(
        &mut rev,
        None,
        (l - remaining).max(0),
        remaining.min(l).max(0),
    );
    rev.reverse();
    Ok(rev)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fi(v: i64, spec: &str) -> String {
        parse(spec)
            .and_then(|s| format_int(&BigInt::from(v), &s))
            .unwrap_or_else(|e| format!("ERR {}", e.message("int")))
    }

    #[test]
    fn ints() {
        assert_eq!(fi(1234, "012,"), "0,000,001,234");
        assert_eq!(fi(255, "#010_b"), "0b1111_1111");
        assert_eq!(fi(65, "c"), "A");
        assert_eq!(fi(65, "^5c"), "  A  ");
        assert_eq!(fi(-5, "=+6"), "-    5");
        assert_eq!(
            fi(1, "abc"),
            "ERR Invalid format specifier 'abc' for object of type 'int'"
        );
        assert_eq!(fi(1, ",,"), "ERR Cannot specify ',' with ','.");
        assert_eq!(
            fi(1, "\u{1}"),
            "ERR Unknown format code '\\x1' for object of type 'int'"
        );
    }

    #[test]
    fn grouping_without_separator_zero_pads() {
        assert_eq!(group_digits(b"12", 5, None), Ok(b"00012".to_vec()));
        assert_eq!(
            group_digits(b"1234567", 0, Some((b',', 3))),
            Ok(b"1,234,567".to_vec())
        );
        assert_eq!(group_digits(b"1", 1 << 100, None), Err(OutOfMemory));
    }
}
