//! `complex` algorithms that only need the two `f64` parts.

use crate::float::{double_to_string, DtoaCode, DtoaFlags};

/// `repr(complex(re, im))` (and `str`, which is the same).
///
/// Mirrors CPython's `complex_repr`: each part as the shortest round-trip
/// repr without the `.0` for integral values; a real part of `+0.0` is
/// omitted along with the parentheses (`1j`, but `(-0+1j)`), and the
/// imaginary part always carries its sign.
///
/// ```
/// use ouro_algo::complex::repr;
/// assert_eq!(repr(1.0, 2.0), "(1+2j)");
/// assert_eq!(repr(0.0, -1.5), "-1.5j");
/// assert_eq!(repr(-0.0, 0.0), "(-0+0j)");
/// assert_eq!(repr(f64::NAN, f64::INFINITY), "(nan+infj)");
/// ```
pub fn repr(re: f64, im: f64) -> String {
    let mut out = String::with_capacity(16);
    let plain = DtoaFlags::default();
    if re == 0.0 && re.is_sign_positive() {
        double_to_string(&mut out, im, DtoaCode::Repr, 0, plain);
        out.push('j');
    } else {
        out.push('(');
        double_to_string(&mut out, re, DtoaCode::Repr, 0, plain);
        let signed = DtoaFlags {
            sign: true,
            ..plain
        };
        double_to_string(&mut out, im, DtoaCode::Repr, 0, signed);
        out.push_str("j)");
    }
    out
}
