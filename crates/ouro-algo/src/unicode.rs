//! The two Unicode character properties that CPython's number parsers and the
//! format-spec parser consult, per the Unicode 14.0.0 database that CPython
//! 3.11 ships.

/// First code point (the digit zero) of every run of Unicode decimal digits
/// (general category `Nd`). Each run is exactly ten consecutive code points,
/// zero through nine. Generated with
/// `[c for c in range(0x110000) if unicodedata.decimal(chr(c), None) == 0]`.
const DECIMAL_ZEROS: [u32; 66] = [
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
    0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
    0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The decimal value of `c` if it is a Unicode decimal digit (any script),
/// else `None`.
///
/// Mirrors CPython's `Py_UNICODE_TODECIMAL` (`_PyUnicode_ToDecimalDigit`),
/// which is what `int()`, `float()` and the format-spec width/precision
/// parser use, so `int('١٢٣') == 123`.
#[inline]
pub fn decimal_value(c: char) -> Option<u32> {
    let cp = u32::from(c);
    if cp < 0x80 {
        return c.to_digit(10);
    }
    // Index of the last run starting at or before `cp`.
    let idx = DECIMAL_ZEROS.partition_point(|&zero| zero <= cp);
    let zero = *DECIMAL_ZEROS.get(idx.checked_sub(1)?)?;
    let value = cp - zero;
    (value < 10).then_some(value)
}

/// Whether `c` is whitespace in CPython's sense.
///
/// Mirrors CPython's `Py_UNICODE_ISSPACE` (used by `str.isspace`,
/// `str.split()` and `str.strip()`): characters with bidirectional type
/// WS, B or S, or category Zs. Note that this includes the ASCII
/// separators `\x1c`..`\x1f`, which C's `isspace` does not.
#[inline]
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x20'
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// Whether the byte is whitespace for C's `isspace` in the "C" locale, which
/// is CPython's `Py_ISSPACE`: space, `\t`, `\n`, `\v`, `\f`, `\r`.
#[inline]
pub(crate) fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Mirrors CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`: code
/// points below 127 are kept as is, other whitespace becomes `' '`, other
/// decimal digits become their ASCII digit, and anything else becomes `'?'`
/// (which no number parser accepts). `f` receives the transformed bytes in
/// order; CPython stops at the first `'?'`, and so does this.
#[inline]
pub(crate) fn transform_decimal_and_space(s: &str, mut f: impl FnMut(u8)) {
    for c in s.chars() {
        let cp = u32::from(c);
        if cp < 127 {
            // `cp < 127`, so the cast is lossless.
            f(cp as u8);
        } else if is_space(c) {
            f(b' ');
        } else if let Some(d) = decimal_value(c) {
            // `d < 10`, so the cast is lossless.
            f(b'0' + d as u8);
        } else {
            f(b'?');
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_digits() {
        assert_eq!(decimal_value('7'), Some(7));
        assert_eq!(decimal_value('a'), None);
        assert_eq!(decimal_value('\u{0663}'), Some(3));
        assert_eq!(decimal_value('\u{FF19}'), Some(9));
        assert_eq!(decimal_value('\u{1FBF9}'), Some(9));
        assert_eq!(decimal_value('\u{1FBFA}'), None);
        assert_eq!(decimal_value('\u{2F}'), None);
        assert_eq!(decimal_value('\u{10FFFF}'), None);
        assert_eq!(decimal_value('\u{B2}'), None); // superscript two is a digit, not decimal
    }

    #[test]
    fn spaces() {
        for c in [' ', '\t', '\x0b', '\x1c', '\u{85}', '\u{3000}', '\u{2009}'] {
            assert!(is_space(c), "{c:?}");
        }
        for c in ['a', '\u{200b}', '\u{feff}', '\0', '\x1b'] {
            assert!(!is_space(c), "{c:?}");
        }
    }
}
