//! The `cmath` module, after CPython 3.11's `Modules/cmathmodule.c`.
//!
//! Each function follows CPython's algorithm step by step (the scaled
//! square root, `c_log` with its rescaling and `log1p` near the unit
//! circle, the large-argument shortcuts, the inverse functions built on
//! square roots and `asinh`), so that with glibc's elementary functions —
//! through `std`, or ported in [`ouro_algo::libm`] where `std` computes its
//! own (`asinh`) — the bits equal python3's. Infinities and NaNs come from
//! CPython's 7x7 special-value tables (C99 Annex G), indexed by the
//! [`special_type`] of the real and imaginary parts. Errors follow the
//! `errno` each C function sets: `Domain` is `ValueError: math domain
//! error`, `Range` is `OverflowError: math range error`.

use ouro_algo::libm;
use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::objects::complex::{quot, C};
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Errno {
    Ok,
    Domain,
    Range,
}

type CResult = (C, Errno);

const PI: f64 = std::f64::consts::PI;
const E: f64 = std::f64::consts::E;
const LN2: f64 = std::f64::consts::LN_2;
const LN10: f64 = std::f64::consts::LN_10;
const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// CPython's placeholder for table entries that finite arguments never use.
const U: f64 = -9.542_631_940_771_103e33;
const P: f64 = PI;
const P14: f64 = 0.25 * PI;
const P12: f64 = 0.5 * PI;
const P34: f64 = 0.75 * PI;

/// `CM_LARGE_DOUBLE`: beyond it the formulas would overflow needlessly.
const LARGE: f64 = f64::MAX / 4.0;
/// `CM_SCALE_UP` (odd, makes a subnormal normal) and `CM_SCALE_DOWN`.
const SCALE_UP: i32 = 2 * (f64::MANTISSA_DIGITS as i32 / 2) + 1;
const SCALE_DOWN: i32 = -(SCALE_UP + 1) / 2;

fn sqrt_large() -> f64 {
    LARGE.sqrt()
}

fn log_large() -> f64 {
    LARGE.ln()
}

fn c(re: f64, im: f64) -> C {
    C { re, im }
}

/// CPython's `special_type`: the row or column of a special-value table.
fn special_type(d: f64) -> usize {
    if d.is_finite() {
        match (d != 0.0, d.is_sign_positive()) {
            (true, true) => 4,   // ST_POS
            (true, false) => 1,  // ST_NEG
            (false, true) => 3,  // ST_PZERO
            (false, false) => 2, // ST_NZERO
        }
    } else if d.is_nan() {
        6
    } else if d.is_sign_positive() {
        5
    } else {
        0
    }
}

type Table = [[(f64, f64); 7]; 7];

fn lookup(t: &Table, z: C) -> C {
    let (re, im) = t[special_type(z.re)][special_type(z.im)];
    c(re, im)
}

fn nonfinite(z: C) -> bool {
    !z.re.is_finite() || !z.im.is_finite()
}

// The tables, row by real part (-inf, neg, -0, +0, pos, +inf, nan), column
// by imaginary part in the same order; as CPython's cmath_exec sets them.

const ACOS_SV: Table = [
    [
        (P34, INF),
        (P, INF),
        (P, INF),
        (P, -INF),
        (P, -INF),
        (P34, -INF),
        (N, INF),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, 0.),
        (P12, -0.),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (P12, 0.),
        (P12, -0.),
        (U, U),
        (P12, -INF),
        (P12, N),
    ],
    [
        (P12, INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (P12, -INF),
        (N, N),
    ],
    [
        (P14, INF),
        (0., INF),
        (0., INF),
        (0., -INF),
        (0., -INF),
        (P14, -INF),
        (N, INF),
    ],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)],
];

const ACOSH_SV: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -P12),
        (0., P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -P12),
        (0., P12),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

const ASINH_SV: Table = [
    [
        (-INF, -P14),
        (-INF, -0.),
        (-INF, -0.),
        (-INF, 0.),
        (-INF, 0.),
        (-INF, P14),
        (-INF, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (-INF, -P12),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (-INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [
        (INF, N),
        (N, N),
        (N, -0.),
        (N, 0.),
        (N, N),
        (INF, N),
        (N, N),
    ],
];

const ATANH_SV: Table = [
    [
        (-0., -P12),
        (-0., -P12),
        (-0., -P12),
        (-0., P12),
        (-0., P12),
        (-0., P12),
        (-0., N),
    ],
    [
        (-0., -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (-0., P12),
        (N, N),
    ],
    [
        (-0., -P12),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (-0., P12),
        (-0., N),
    ],
    [
        (0., -P12),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., P12),
        (0., N),
    ],
    [
        (0., -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (0., P12),
        (N, N),
    ],
    [
        (0., -P12),
        (0., -P12),
        (0., -P12),
        (0., P12),
        (0., P12),
        (0., P12),
        (0., N),
    ],
    [
        (0., -P12),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (0., P12),
        (N, N),
    ],
];

const COSH_SV: Table = [
    [
        (INF, N),
        (U, U),
        (INF, 0.),
        (INF, -0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (N, 0.),
        (U, U),
        (1., 0.),
        (1., -0.),
        (U, U),
        (N, 0.),
        (N, 0.),
    ],
    [
        (N, 0.),
        (U, U),
        (1., -0.),
        (1., 0.),
        (U, U),
        (N, 0.),
        (N, 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)],
];

const EXP_SV: Table = [
    [
        (0., 0.),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (1., -0.), (1., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

const LOG_SV: Table = [
    [
        (INF, -P34),
        (INF, -P),
        (INF, -P),
        (INF, P),
        (INF, P),
        (INF, P34),
        (INF, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, -P),
        (-INF, P),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (-INF, -0.),
        (-INF, 0.),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P12),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, P12),
        (N, N),
    ],
    [
        (INF, -P14),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, P14),
        (INF, N),
    ],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

const SINH_SV: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, -0.),
        (-INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (0., N),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (0., N),
        (0., N),
    ],
    [
        (0., N),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., N),
        (0., N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

const SQRT_SV: Table = [
    [
        (INF, -INF),
        (0., -INF),
        (0., -INF),
        (0., INF),
        (0., INF),
        (INF, INF),
        (N, INF),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (U, U),
        (U, U),
        (U, U),
        (U, U),
        (INF, INF),
        (N, N),
    ],
    [
        (INF, -INF),
        (INF, -0.),
        (INF, -0.),
        (INF, 0.),
        (INF, 0.),
        (INF, INF),
        (INF, N),
    ],
    [
        (INF, -INF),
        (N, N),
        (N, N),
        (N, N),
        (N, N),
        (INF, INF),
        (N, N),
    ],
];

const TANH_SV: Table = [
    [
        (-1., 0.),
        (U, U),
        (-1., -0.),
        (-1., 0.),
        (U, U),
        (-1., 0.),
        (-1., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (N, N),
        (U, U),
        (-0., -0.),
        (-0., 0.),
        (U, U),
        (N, N),
        (N, N),
    ],
    [(N, N), (U, U), (0., -0.), (0., 0.), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (1., 0.),
        (U, U),
        (1., -0.),
        (1., 0.),
        (U, U),
        (1., 0.),
        (1., 0.),
    ],
    [(N, N), (N, N), (N, -0.), (N, 0.), (N, N), (N, N), (N, N)],
];

const RECT_SV: Table = [
    [
        (INF, N),
        (U, U),
        (-INF, 0.),
        (-INF, -0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (0., 0.),
        (U, U),
        (-0., 0.),
        (-0., -0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [
        (0., 0.),
        (U, U),
        (0., -0.),
        (0., 0.),
        (U, U),
        (0., 0.),
        (0., 0.),
    ],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [
        (INF, N),
        (U, U),
        (INF, -0.),
        (INF, 0.),
        (U, U),
        (INF, N),
        (INF, N),
    ],
    [(N, N), (N, N), (N, 0.), (N, 0.), (N, N), (N, N), (N, N)],
];

// ------------------------------------------------------------- the functions

fn c_sqrt(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&SQRT_SV, z), Errno::Ok);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (c(0.0, z.im), Errno::Ok);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // hypot(ax, ay) could be subnormal: scale up first.
        ax = libm::ldexp(ax, SCALE_UP);
        libm::ldexp(
            (ax + ax.hypot(libm::ldexp(ay, SCALE_UP))).sqrt(),
            SCALE_DOWN,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 {
        c(s, d.copysign(z.im))
    } else {
        c(d, s.copysign(z.im))
    };
    (r, Errno::Ok)
}

fn c_acos(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&ACOS_SV, z), Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let re = z.im.abs().atan2(z.re);
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0;
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        c(re, im)
    } else {
        let s1 = c_sqrt(c(1.0 - z.re, -z.im)).0;
        let s2 = c_sqrt(c(1.0 + z.re, z.im)).0;
        c(
            2.0 * s1.re.atan2(s2.re),
            libm::asinh(s2.re * s1.im - s2.im * s1.re),
        )
    };
    (r, Errno::Ok)
}

fn c_acosh(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&ACOSH_SV, z), Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        c(
            (z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0,
            z.im.atan2(z.re),
        )
    } else {
        let s1 = c_sqrt(c(z.re - 1.0, z.im)).0;
        let s2 = c_sqrt(c(z.re + 1.0, z.im)).0;
        c(
            libm::asinh(s1.re * s2.re + s1.im * s2.im),
            2.0 * s1.im.atan2(s2.re),
        )
    };
    (r, Errno::Ok)
}

fn c_asinh(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&ASINH_SV, z), Errno::Ok);
    }
    let r = if z.re.abs() > LARGE || z.im.abs() > LARGE {
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + LN2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        c(re, z.im.atan2(z.re.abs()))
    } else {
        let s1 = c_sqrt(c(1.0 + z.im, -z.re)).0;
        let s2 = c_sqrt(c(1.0 - z.im, z.re)).0;
        c(
            libm::asinh(s1.re * s2.im - s2.re * s1.im),
            z.im.atan2(s1.re * s2.re - s1.im * s2.im),
        )
    };
    (r, Errno::Ok)
}

/// `asin(z) = -i asinh(iz)`.
fn c_asin(z: C) -> CResult {
    let (s, e) = c_asinh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_atanh(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&ATANH_SV, z), Errno::Ok);
    }
    if z.re < 0.0 {
        let (r, e) = c_atanh(c(-z.re, -z.im));
        return (c(-r.re, -r.im), e);
    }
    let ay = z.im.abs();
    if z.re > sqrt_large() || ay > sqrt_large() {
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        (
            c(z.re / 4.0 / h / h, -(PI / 2.0).copysign(-z.im)),
            Errno::Ok,
        )
    } else if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        if ay == 0.0 {
            (c(INF, z.im), Errno::Domain)
        } else {
            (
                c(
                    -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln(),
                    (2.0f64.atan2(-ay) / 2.0).copysign(z.im),
                ),
                Errno::Ok,
            )
        }
    } else {
        let one_minus = 1.0 - z.re;
        (
            c(
                log1p(4.0 * z.re / (one_minus * one_minus + ay * ay)) / 4.0,
                -(-2.0 * z.im).atan2(one_minus * (1.0 + z.re) - ay * ay) / 2.0,
            ),
            Errno::Ok,
        )
    }
}

/// `atan(z) = -i atanh(iz)`.
fn c_atan(z: C) -> CResult {
    let (s, e) = c_atanh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

/// CPython's `_Py_log1p`: keeps the sign of a zero.
fn log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        x.ln_1p()
    }
}

fn c_cosh(z: C) -> CResult {
    if nonfinite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(INF.copysign(z.im.cos()), -INF.copysign(z.im.sin()))
            }
        } else {
            lookup(&COSH_SV, z)
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > log_large() {
        let xm1 = z.re - 1.0f64.copysign(z.re);
        c(z.im.cos() * xm1.cosh() * E, z.im.sin() * xm1.sinh() * E)
    } else {
        c(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    (r, overflowed(r))
}

fn overflowed(r: C) -> Errno {
    if r.re.is_infinite() || r.im.is_infinite() {
        Errno::Range
    } else {
        Errno::Ok
    }
}

/// `cos(z) = cosh(iz)`.
fn c_cos(z: C) -> CResult {
    c_cosh(c(-z.im, z.re))
}

fn c_sinh(z: C) -> CResult {
    if nonfinite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(-INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            }
        } else {
            lookup(&SINH_SV, z)
        };
        let e = if z.im.is_infinite() && !z.re.is_nan() {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > log_large() {
        let xm1 = z.re - 1.0f64.copysign(z.re);
        c(z.im.cos() * xm1.sinh() * E, z.im.sin() * xm1.cosh() * E)
    } else {
        c(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    (r, overflowed(r))
}

/// `sin(z) = -i sinh(iz)`.
fn c_sin(z: C) -> CResult {
    let (s, e) = c_sinh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_tanh(z: C) -> CResult {
    if nonfinite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let im = 0.0f64.copysign(2.0 * z.im.sin() * z.im.cos());
            if z.re > 0.0 {
                c(1.0, im)
            } else {
                c(-1.0, im)
            }
        } else {
            lookup(&TANH_SV, z)
        };
        let e = if z.im.is_infinite() && z.re.is_finite() {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re.abs() > log_large() {
        c(
            1.0f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        )
    } else {
        let tx = z.re.tanh();
        let ty = z.im.tan();
        let cx = 1.0 / z.re.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        c(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, Errno::Ok)
}

/// `tan(z) = -i tanh(iz)`.
fn c_tan(z: C) -> CResult {
    let (s, e) = c_tanh(c(-z.im, z.re));
    (c(s.im, -s.re), e)
}

fn c_exp(z: C) -> CResult {
    if nonfinite(z) {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                c(INF.copysign(z.im.cos()), INF.copysign(z.im.sin()))
            } else {
                c(0.0f64.copysign(z.im.cos()), 0.0f64.copysign(z.im.sin()))
            }
        } else {
            lookup(&EXP_SV, z)
        };
        let e = if z.im.is_infinite() && (z.re.is_finite() || (z.re.is_infinite() && z.re > 0.0)) {
            Errno::Domain
        } else {
            Errno::Ok
        };
        return (r, e);
    }
    let r = if z.re > log_large() {
        let l = (z.re - 1.0).exp();
        c(l * z.im.cos() * E, l * z.im.sin() * E)
    } else {
        let l = z.re.exp();
        c(l * z.im.cos(), l * z.im.sin())
    };
    (r, overflowed(r))
}

fn c_log(z: C) -> CResult {
    if nonfinite(z) {
        return (lookup(&LOG_SV, z), Errno::Ok);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let re = if ax > LARGE || ay > LARGE {
        (ax / 2.0).hypot(ay / 2.0).ln() + LN2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            let m = f64::MANTISSA_DIGITS as i32;
            libm::ldexp(ax, m).hypot(libm::ldexp(ay, m)).ln() - m as f64 * LN2
        } else {
            return (c(-INF, z.im.atan2(z.re)), Errno::Domain);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let am = if ax > ay { ax } else { ay };
            let an = if ax > ay { ay } else { ax };
            log1p((am - 1.0) * (am + 1.0) + an * an) / 2.0
        } else {
            h.ln()
        }
    };
    (c(re, z.im.atan2(z.re)), Errno::Ok)
}

fn c_log10(z: C) -> CResult {
    let (r, e) = c_log(z);
    (c(r.re / LN10, r.im / LN10), e)
}

/// CPython's `c_atan2` (the phase), with C99's special cases spelled out.
fn c_atan2(z: C) -> f64 {
    if z.re.is_nan() || z.im.is_nan() {
        return N;
    }
    if z.im.is_infinite() {
        if z.re.is_infinite() {
            return if z.re.is_sign_positive() {
                (0.25 * PI).copysign(z.im)
            } else {
                (0.75 * PI).copysign(z.im)
            };
        }
        return (0.5 * PI).copysign(z.im);
    }
    if z.re.is_infinite() || z.im == 0.0 {
        return if z.re.is_sign_positive() {
            0.0f64.copysign(z.im)
        } else {
            PI.copysign(z.im)
        };
    }
    z.im.atan2(z.re)
}

// ------------------------------------------------------------- glue

/// `PyComplex_AsCComplex`: a complex, `__complex__`, or a real number.
fn complex_arg(vm: &mut Vm, o: &ObjRef) -> PyResult<C> {
    if o.kind() == Kind::Complex {
        return Ok(Vm::complex_of(o).unwrap_or(c(0.0, 0.0)));
    }
    if let Some(f) = vm.type_lookup_str(&o.class(), "__complex__") {
        let r = vm.call_type_attr(&f, o, Vec::new())?;
        if r.kind() != Kind::Complex {
            let tn = vm.type_name_of(&r);
            return Err(vm.type_error(format!("__complex__ returned non-complex (type {tn})")));
        }
        return Ok(Vm::complex_of(&r).unwrap_or(c(0.0, 0.0)));
    }
    Ok(c(crate::mathmodule::real(vm, o)?, 0.0))
}

fn finish(vm: &mut Vm, (r, e): CResult) -> PyResult<ObjRef> {
    match e {
        Errno::Ok => vm.new_complex(r.re, r.im),
        Errno::Domain => Err(vm.value_error("math domain error")),
        Errno::Range => Err(vm.overflow_error("math range error")),
    }
}

fn one(vm: &mut Vm, args: &Args, name: &str) -> PyResult<C> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 1, 1)?;
    complex_arg(vm, &args.pos[0])
}

macro_rules! unary {
    ($($name:ident => $f:ident, $py:literal;)*) => {
        $(fn $name(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
            let z = one(vm, &args, $py)?;
            finish(vm, $f(z))
        })*
    };
}

unary! {
    cmath_sqrt => c_sqrt, "sqrt";
    cmath_exp => c_exp, "exp";
    cmath_log10 => c_log10, "log10";
    cmath_sin => c_sin, "sin";
    cmath_cos => c_cos, "cos";
    cmath_tan => c_tan, "tan";
    cmath_asin => c_asin, "asin";
    cmath_acos => c_acos, "acos";
    cmath_atan => c_atan, "atan";
    cmath_sinh => c_sinh, "sinh";
    cmath_cosh => c_cosh, "cosh";
    cmath_tanh => c_tanh, "tanh";
    cmath_asinh => c_asinh, "asinh";
    cmath_acosh => c_acosh, "acosh";
    cmath_atanh => c_atanh, "atanh";
}

fn cmath_log(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "log")?;
    args.check(vm, "log", 1, 2)?;
    let x = complex_arg(vm, &args.pos[0])?;
    // As in CPython, errno is shared: the base's log clears a domain error
    // of the argument's, and a division by zero sets one.
    let (mut r, mut e) = c_log(x);
    if let Some(b) = args.pos.get(1) {
        let y = complex_arg(vm, b)?;
        let (ly, ey) = c_log(y);
        e = ey;
        match quot(r, ly) {
            Some(q) => r = q,
            None => {
                r = c(0.0, 0.0);
                e = Errno::Domain;
            }
        }
    }
    finish(vm, (r, e))
}

fn cmath_phase(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let z = one(vm, &args, "phase")?;
    let phi = c_atan2(z);
    // glibc's atan2 sets ERANGE when a nonzero y gives a result that
    // underflows to zero, and CPython's phase reports errno as it is.
    // (polar does not: its _Py_c_abs resets errno afterwards.)
    if phi == 0.0 && z.im != 0.0 && z.re.is_finite() && z.im.is_finite() {
        return Err(vm.overflow_error("math range error"));
    }
    vm.new_float(phi)
}

fn cmath_polar(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let z = one(vm, &args, "polar")?;
    let phi = c_atan2(z);
    // _Py_c_abs.
    let r = if z.re.is_infinite() || z.im.is_infinite() {
        INF
    } else if z.re.is_nan() || z.im.is_nan() {
        N
    } else {
        let h = z.re.hypot(z.im);
        if h.is_infinite() {
            return Err(vm.overflow_error("math range error"));
        }
        h
    };
    let (r, phi) = (vm.new_float(r)?, vm.new_float(phi)?);
    vm.new_tuple_of([r, phi])
}

fn cmath_rect(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "rect")?;
    args.check(vm, "rect", 2, 2)?;
    let r = crate::mathmodule::real(vm, &args.pos[0])?;
    let phi = crate::mathmodule::real(vm, &args.pos[1])?;
    let z = if !r.is_finite() || !phi.is_finite() {
        let z = if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            if r > 0.0 {
                c(INF.copysign(phi.cos()), INF.copysign(phi.sin()))
            } else {
                c(-INF.copysign(phi.cos()), -INF.copysign(phi.sin()))
            }
        } else {
            lookup(&RECT_SV, c(r, phi))
        };
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(vm.value_error("math domain error"));
        }
        z
    } else if phi == 0.0 {
        c(r, r * phi)
    } else {
        c(r * phi.cos(), r * phi.sin())
    };
    vm.new_complex(z.re, z.im)
}

fn predicate(vm: &mut Vm, args: Args, name: &str, f: fn(C) -> bool) -> PyResult<ObjRef> {
    let z = one(vm, &args, name)?;
    Ok(vm.new_bool(f(z)))
}

fn cmath_isfinite(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    predicate(vm, args, "isfinite", |z| {
        z.re.is_finite() && z.im.is_finite()
    })
}

fn cmath_isinf(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    predicate(vm, args, "isinf", |z| {
        z.re.is_infinite() || z.im.is_infinite()
    })
}

fn cmath_isnan(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    predicate(vm, args, "isnan", |z| z.re.is_nan() || z.im.is_nan())
}

fn c_abs(z: C) -> f64 {
    if z.re.is_infinite() || z.im.is_infinite() {
        INF
    } else if z.re.is_nan() || z.im.is_nan() {
        N
    } else {
        z.re.hypot(z.im)
    }
}

fn cmath_isclose(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let rel = args.take_kw(vm, "rel_tol");
    let abs = args.take_kw(vm, "abs_tol");
    args.no_more_kw(vm, "isclose")?;
    if args.pos.len() != 2 {
        let n = args.pos.len();
        return Err(vm.type_error(if n < 2 {
            let missing = if n == 0 { "'a'" } else { "'b'" };
            format!(
                "isclose() missing required argument {missing} (pos {})",
                n + 1
            )
        } else {
            format!("isclose() takes exactly 2 positional arguments ({n} given)")
        }));
    }
    let a = complex_arg(vm, &args.pos[0])?;
    let b = complex_arg(vm, &args.pos[1])?;
    let rel_tol = match rel {
        Some(o) => crate::mathmodule::real(vm, &o)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(o) => crate::mathmodule::real(vm, &o)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a.re == b.re && a.im == b.im {
        return Ok(vm.new_bool(true));
    }
    if a.re.is_infinite() || a.im.is_infinite() || b.re.is_infinite() || b.im.is_infinite() {
        return Ok(vm.new_bool(false));
    }
    let diff = c_abs(c(a.re - b.re, a.im - b.im));
    let close = diff <= rel_tol * c_abs(b) || diff <= rel_tol * c_abs(a) || diff <= abs_tol;
    Ok(vm.new_bool(close))
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("cmath")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("acos", cmath_acos),
        ("acosh", cmath_acosh),
        ("asin", cmath_asin),
        ("asinh", cmath_asinh),
        ("atan", cmath_atan),
        ("atanh", cmath_atanh),
        ("cos", cmath_cos),
        ("cosh", cmath_cosh),
        ("exp", cmath_exp),
        ("isclose", cmath_isclose),
        ("isfinite", cmath_isfinite),
        ("isinf", cmath_isinf),
        ("isnan", cmath_isnan),
        ("log", cmath_log),
        ("log10", cmath_log10),
        ("phase", cmath_phase),
        ("polar", cmath_polar),
        ("rect", cmath_rect),
        ("sin", cmath_sin),
        ("sinh", cmath_sinh),
        ("sqrt", cmath_sqrt),
        ("tan", cmath_tan),
        ("tanh", cmath_tanh),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    let floats = [
        ("pi", PI),
        ("e", E),
        ("tau", std::f64::consts::TAU),
        ("inf", INF),
        ("nan", N),
    ];
    for (name, v) in floats {
        let o = vm.new_float(v)?;
        let k = vm.intern(name)?;
        vm.dict_set_str(&d, &k, o)?;
    }
    for (name, v) in [("infj", INF), ("nanj", N)] {
        let o = vm.new_complex(0.0, v)?;
        let k = vm.intern(name)?;
        vm.dict_set_str(&d, &k, o)?;
    }
    Ok(m)
}
