//! The `math` module, after CPython 3.11's `Modules/mathmodule.c`.
//!
//! Results must be bit-identical to CPython's, and CPython's elementary
//! functions are the C library's. So they are glibc's here too, without
//! FFI (the VM has no `unsafe`): most come through `std`'s `f64` methods,
//! which call the C library (`sin`, `exp`, `ln`, `powf`, `%` for `fmod`,
//! ...), and those `std` computes otherwise or lacks (`asinh`, `acosh`,
//! `atanh`, `erf`, `erfc`, `cbrt`, plus the exact `ldexp`, `nextafter`,
//! `frexp`) are ports of glibc's code in [`ouro_algo::libm`]. The
//! functions CPython computes itself (`gamma`, `lgamma`, `hypot`/`dist`,
//! `fsum`, `remainder`, the special values of `pow` and `atan2`) follow its
//! algorithms step by step. The error rules are `math_1`'s: a NaN from a
//! non-NaN argument is a domain error, an infinity from a finite argument a
//! range error (or a domain error, for functions that cannot overflow).
//! `tests/cases/math/` compares every function with `python3` bit for bit.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use ouro_algo::libm;
use ouro_heap::{Kind, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::objects::int::IntVal;
use crate::types::T;
use crate::vm::Vm;

/// What C's `errno` would report after a libm call: CPython turns `Domain` into
/// `ValueError` and `Range` into `OverflowError` (underflow is no error).
#[derive(Clone, Copy)]
enum MathErr {
    Domain,
    Range,
}

type MathResult = Result<f64, MathErr>;

fn math_error(vm: &mut Vm, e: MathErr) -> PyErr {
    match e {
        MathErr::Domain => vm.value_error("math domain error"),
        MathErr::Range => vm.overflow_error("math range error"),
    }
}

// ------------------------------------------------------------- arguments

/// `PyFloat_AsDouble`: floats, ints, and objects with `__float__` or
/// `__index__`.
pub(crate) fn real(vm: &mut Vm, o: &ObjRef) -> PyResult<f64> {
    match o.kind() {
        Kind::Float => return Ok(vm.float_value(o).unwrap_or(0.0)),
        Kind::Int | Kind::BigInt => return int_to_f64(vm, o),
        _ => {}
    }
    let name = vm.names.float_.clone();
    if let Some(r) = vm.call_dunder(o, &name, &[])? {
        if r.kind() == Kind::Float {
            return Ok(vm.float_value(&r).unwrap_or(0.0));
        }
        let (tn, rn) = (vm.type_name_of(o), vm.type_name_of(&r));
        return Err(vm.type_error(format!("{tn}.__float__ returned non-float (type {rn})")));
    }
    let index = vm.names.index.clone();
    if vm.type_lookup(&o.class(), &index).is_some() {
        let v = vm.index_value(o)?;
        return ouro_algo::int::to_f64(&v)
            .ok_or_else(|| vm.overflow_error("int too large to convert to float"));
    }
    let tn = vm.type_name_of(o);
    Err(vm.type_error(format!("must be real number, not {tn}")))
}

fn int_to_f64(vm: &mut Vm, o: &ObjRef) -> PyResult<f64> {
    vm.float_value(o)
        .ok_or_else(|| vm.overflow_error("int too large to convert to float"))
}

/// The one argument of a `METH_O` function.
fn one_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    if let ([o], true) = (&args.pos[..], args.kw.is_empty()) {
        return Ok(o.clone());
    }
    args.exactly_one(vm, &format!("math.{name}"))?;
    Ok(args.pos[0].clone())
}

/// The two arguments of a function taking exactly two positionals.
fn two_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(ObjRef, ObjRef)> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 2, 2)?;
    Ok((args.pos[0].clone(), args.pos[1].clone()))
}

// ------------------------------------------------------------- one-argument functions

/// CPython's `math_1`: calls `f` and classifies a NaN or infinite result.
fn math_1(
    vm: &mut Vm,
    args: Args,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, name)?;
    math_1_of(vm, &o, f, can_overflow)
}

fn math_1_of(vm: &mut Vm, o: &ObjRef, f: fn(f64) -> f64, can_overflow: bool) -> PyResult<ObjRef> {
    let x = real(vm, o)?;
    let r = f(x);
    if r.is_nan() && !x.is_nan() {
        return Err(math_error(vm, MathErr::Domain));
    }
    if r.is_infinite() && x.is_finite() {
        let e = if can_overflow {
            MathErr::Range
        } else {
            MathErr::Domain
        };
        return Err(math_error(vm, e));
    }
    vm.new_float(r)
}

/// CPython's `math_1a`: for functions that report their own errors.
fn math_1a(vm: &mut Vm, args: Args, name: &str, f: fn(f64) -> MathResult) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, name)?;
    let x = real(vm, &o)?;
    match f(x) {
        Ok(r) => vm.new_float(r),
        Err(e) => Err(math_error(vm, e)),
    }
}

/// A one-argument function in its general and positional forms.
macro_rules! func1 {
    ($rust:ident, $pos:ident, $name:literal, $f:expr, $overflow:expr) => {
        fn $rust(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
            math_1(vm, args, $name, |x| $f(x), $overflow)
        }

        fn $pos(vm: &mut Vm, a: &[ObjRef]) -> Option<PyResult<ObjRef>> {
            match a {
                [o] => Some(math_1_of(vm, o, |x| $f(x), $overflow)),
                _ => None,
            }
        }
    };
}

func1!(math_acos, math_acos_pos, "acos", f64::acos, false);
func1!(math_acosh, math_acosh_pos, "acosh", libm::acosh, false);
func1!(math_asin, math_asin_pos, "asin", f64::asin, false);
func1!(math_asinh, math_asinh_pos, "asinh", libm::asinh, false);
func1!(math_atan, math_atan_pos, "atan", f64::atan, false);
func1!(math_atanh, math_atanh_pos, "atanh", libm::atanh, false);
func1!(math_cbrt, math_cbrt_pos, "cbrt", libm::cbrt, false);
func1!(math_cos, math_cos_pos, "cos", f64::cos, false);
func1!(math_cosh, math_cosh_pos, "cosh", f64::cosh, true);
func1!(math_erf, math_erf_pos, "erf", libm::erf, false);
func1!(math_erfc, math_erfc_pos, "erfc", libm::erfc, false);
func1!(math_exp, math_exp_pos, "exp", f64::exp, true);
func1!(math_exp2, math_exp2_pos, "exp2", f64::exp2, true);
func1!(math_expm1, math_expm1_pos, "expm1", f64::exp_m1, true);
func1!(math_fabs, math_fabs_pos, "fabs", f64::abs, false);
func1!(math_sin, math_sin_pos, "sin", f64::sin, false);
func1!(math_sinh, math_sinh_pos, "sinh", f64::sinh, true);
func1!(math_sqrt, math_sqrt_pos, "sqrt", f64::sqrt, false);
func1!(math_tan, math_tan_pos, "tan", f64::tan, false);
func1!(math_tanh, math_tanh_pos, "tanh", f64::tanh, false);
func1!(math_log1p, math_log1p_pos, "log1p", m_log1p, false);

fn math_gamma(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    math_1a(vm, args, "gamma", m_tgamma)
}

fn math_lgamma(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    math_1a(vm, args, "lgamma", m_lgamma)
}

/// `log1p` keeping the sign of a zero argument.
fn m_log1p(x: f64) -> f64 {
    if x == 0.0 {
        x
    } else {
        x.ln_1p()
    }
}

// ------------------------------------------------------------- gamma, lgamma

/// The Lanczos approximation CPython uses (N = 13, g = 6.0246800407767296):
/// coefficients of the numerator and denominator of the rational function.
/// The constants keep the digits of the published tables (the compiler
/// rounds them to the nearest double, as C's does).
const LANCZOS_N: usize = 13;
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM_COEFFS: [f64; LANCZOS_N] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN_COEFFS: [f64; LANCZOS_N] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];
#[allow(clippy::excessive_precision)]
const LOG_PI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;

/// The rational function of the Lanczos approximation, evaluated so that
/// it does not overflow for large `x`.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..LANCZOS_N).rev() {
            num = num * x + LANCZOS_NUM_COEFFS[i];
            den = den * x + LANCZOS_DEN_COEFFS[i];
        }
    } else {
        for i in 0..LANCZOS_N {
            num = num / x + LANCZOS_NUM_COEFFS[i];
            den = den / x + LANCZOS_DEN_COEFFS[i];
        }
    }
    num / den
}

/// sin(pi * x), accurate near the integers (CPython's `m_sinpi`).
fn m_sinpi(x: f64) -> f64 {
    let pi = std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (pi * y).sin(),
        1 => (pi * (y - 0.5)).cos(),
        2 => (pi * (1.0 - y)).sin(),
        3 => -(pi * (y - 1.5)).cos(),
        _ => (pi * (y - 2.0)).sin(),
    };
    1.0f64.copysign(x) * r
}

/// Mirrors CPython's `m_tgamma`.
fn m_tgamma(x: f64) -> MathResult {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 {
            Ok(x)
        } else {
            Err(MathErr::Domain)
        };
    }
    if x == 0.0 {
        return Err(MathErr::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(MathErr::Domain);
        }
        if x <= 23.0 {
            // (x - 1)! is exact in a double up to 22!.
            return Ok((1..x as i64).fold(1.0, |acc, k| acc * k as f64));
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(MathErr::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        return if x < 0.0 {
            Ok(0.0 / m_sinpi(x))
        } else {
            Err(MathErr::Range)
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    // Compute (absx - 0.5 + g) - y exactly, as a correction term.
    let z = if absx > LANCZOS_G_MINUS_HALF {
        let q = y - absx;
        q - LANCZOS_G_MINUS_HALF
    } else {
        let q = y - LANCZOS_G_MINUS_HALF;
        q - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / m_sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let sqrtpow = y.powf(absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        return Err(MathErr::Range);
    }
    Ok(r)
}

/// Mirrors CPython's `m_lgamma`.
fn m_lgamma(x: f64) -> MathResult {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 {
            Err(MathErr::Domain)
        } else {
            Ok(0.0)
        };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-absx.ln());
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = LOG_PI - m_sinpi(absx).abs().ln() - absx.ln() - r;
    }
    if r.is_infinite() {
        return Err(MathErr::Range);
    }
    Ok(r)
}

// ------------------------------------------------------------- logarithms

/// CPython's `m_log`: log of a double, with C99's special values.
fn m_log(x: f64) -> MathResult {
    log_with(x, f64::ln)
}

fn m_log2(x: f64) -> MathResult {
    log_with(x, f64::log2)
}

fn m_log10(x: f64) -> MathResult {
    log_with(x, f64::log10)
}

fn log_with(x: f64, f: fn(f64) -> f64) -> MathResult {
    if x.is_finite() {
        if x > 0.0 {
            Ok(f(x))
        } else {
            Err(MathErr::Domain)
        }
    } else if x.is_nan() || x > 0.0 {
        Ok(x)
    } else {
        Err(MathErr::Domain)
    }
}

/// `_PyLong_Frexp`: a positive big int as `m * 2**e` with `m` in
/// [0.5, 1), `m` correctly rounded to 53 bits.
fn bigint_frexp(v: &BigInt) -> (f64, u64) {
    let bits = v.bits();
    let mut e = bits;
    let m = if bits <= 55 {
        v.to_f64().unwrap_or(0.0) * 2f64.powi(-(bits as i32))
    } else {
        // Keep 55 bits, folding the rest into a sticky bit so that the
        // conversion to a double rounds once, half to even.
        let shift = bits - 55;
        let mut top = (v >> shift).to_u64().unwrap_or(0);
        if v.trailing_zeros().unwrap_or(0) < shift {
            top |= 1;
        }
        top as f64 * 2f64.powi(-55)
    };
    let m = if m == 1.0 {
        e += 1;
        0.5
    } else {
        m
    };
    (m, e)
}

/// CPython's `loghelper`: logarithms of ints of any size.
fn loghelper(vm: &mut Vm, o: &ObjRef, f: fn(f64) -> MathResult) -> PyResult<f64> {
    if let Some(v) = vm.int_val(o) {
        let big = v.to_big();
        if !big.is_positive() {
            return Err(math_error(vm, MathErr::Domain));
        }
        let r = match ouro_algo::int::to_f64(&big) {
            Some(x) => f(x),
            None => {
                let (m, e) = bigint_frexp(&big);
                let (a, b) = (f(m), f(2.0));
                a.and_then(|a| b.map(|b| a + b * e as f64))
            }
        };
        return r.map_err(|e| math_error(vm, e));
    }
    let x = real(vm, o)?;
    match f(x) {
        // math_1's rule: an infinity from a finite argument is a domain
        // error for the logarithms (they cannot overflow).
        Ok(r) if r.is_infinite() && x.is_finite() => Err(math_error(vm, MathErr::Domain)),
        Ok(r) => Ok(r),
        Err(e) => Err(math_error(vm, e)),
    }
}

fn math_log(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "math.log")?;
    if args.is_empty() || args.len() > 2 {
        return Err(vm.type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &args.pos[0], m_log)?;
    let r = match args.pos.get(1) {
        None => num,
        Some(base) => {
            let den = loghelper(vm, base, m_log)?;
            if den == 0.0 {
                return Err(vm.zero_division("float division by zero"));
            }
            num / den
        }
    };
    vm.new_float(r)
}

fn math_log2(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "log2")?;
    let r = loghelper(vm, &o, m_log2)?;
    vm.new_float(r)
}

fn math_log10(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "log10")?;
    let r = loghelper(vm, &o, m_log10)?;
    vm.new_float(r)
}

// ------------------------------------------------------------- two-argument functions

/// CPython's `math_2`: calls `f` and classifies a NaN or infinite result.
fn math_2(vm: &mut Vm, args: Args, name: &str, f: fn(f64, f64) -> f64) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, &args, name)?;
    let x = real(vm, &a)?;
    let y = real(vm, &b)?;
    let r = f(x, y);
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(math_error(vm, MathErr::Domain));
    }
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(math_error(vm, MathErr::Range));
    }
    vm.new_float(r)
}

/// atan2 with C99 Annex F's special values, as CPython's `m_atan2`.
fn m_atan2(y: f64, x: f64) -> f64 {
    use std::f64::consts::PI;
    if x.is_nan() || y.is_nan() {
        return f64::NAN;
    }
    if y.is_infinite() {
        if x.is_infinite() {
            let a = if x.is_sign_positive() {
                0.25 * PI
            } else {
                0.75 * PI
            };
            return a.copysign(y);
        }
        return (0.5 * PI).copysign(y);
    }
    if x.is_infinite() || y == 0.0 {
        return if x.is_sign_positive() {
            0.0f64.copysign(y)
        } else {
            PI.copysign(y)
        };
    }
    y.atan2(x)
}

/// IEEE 754 remainder (CPython's `m_remainder`).
fn m_remainder(x: f64, y: f64) -> f64 {
    if x.is_finite() && y.is_finite() {
        if y == 0.0 {
            return f64::NAN;
        }
        let (absx, absy) = (x.abs(), y.abs());
        let m = absx % absy;
        let c = absy - m;
        let r = if m < c {
            m
        } else if m > c {
            -c
        } else {
            // Half-way: pick the even multiple.
            m - 2.0 * ((0.5 * (absx - m)) % absy)
        };
        return 1.0f64.copysign(x) * r;
    }
    if x.is_nan() {
        return x;
    }
    if y.is_nan() {
        return y;
    }
    if x.is_infinite() {
        return f64::NAN;
    }
    x
}

fn math_atan2(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    math_2(vm, args, "atan2", m_atan2)
}

fn math_copysign(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    math_2(vm, args, "copysign", f64::copysign)
}

fn math_remainder(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    math_2(vm, args, "remainder", m_remainder)
}

fn math_nextafter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, &args, "nextafter")?;
    let x = real(vm, &a)?;
    let y = real(vm, &b)?;
    vm.new_float(libm::nextafter(x, y))
}

fn math_fmod(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, &args, "fmod")?;
    let x = real(vm, &a)?;
    let y = real(vm, &b)?;
    // fmod(x, +-inf) is x for finite x (some libms got this wrong).
    if y.is_infinite() && x.is_finite() {
        return vm.new_float(x);
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(math_error(vm, MathErr::Domain));
    }
    vm.new_float(r)
}

/// Mirrors CPython's `math_pow_impl`: C99's special values, then libm's
/// `pow` (through `f64::powf`).
fn m_pow(x: f64, y: f64) -> MathResult {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 {
                1.0
            } else {
                x
            }
        } else if y.is_nan() {
            if x == 1.0 {
                1.0
            } else {
                y
            }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && y.abs() % 2.0 == 1.0;
            if y > 0.0 {
                if odd_y {
                    x
                } else {
                    x.abs()
                }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(MathErr::Domain);
    }
    if r.is_infinite() {
        return Err(if x == 0.0 {
            MathErr::Domain
        } else {
            MathErr::Range
        });
    }
    Ok(r)
}

fn math_pow(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, &args, "pow")?;
    let x = real(vm, &a)?;
    let y = real(vm, &b)?;
    match m_pow(x, y) {
        Ok(r) => vm.new_float(r),
        Err(e) => Err(math_error(vm, e)),
    }
}

fn math_ldexp(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two_args(vm, &args, "ldexp")?;
    let x = real(vm, &a)?;
    let Some(e) = vm.int_val(&b) else {
        return Err(vm.type_error("Expected an int as second argument to ldexp."));
    };
    let e = match e {
        IntVal::Small(v) => v,
        IntVal::Big(b) if b.is_negative() => i64::MIN,
        IntVal::Big(_) => i64::MAX,
    };
    if x == 0.0 || !x.is_finite() {
        return vm.new_float(x);
    }
    if e > i32::MAX as i64 {
        return Err(math_error(vm, MathErr::Range));
    }
    if e < i32::MIN as i64 {
        return vm.new_float(0.0f64.copysign(x));
    }
    let r = libm::ldexp(x, e as i32);
    if r.is_infinite() {
        return Err(math_error(vm, MathErr::Range));
    }
    vm.new_float(r)
}

// ------------------------------------------------------------- float parts

fn math_frexp(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "frexp")?;
    let x = real(vm, &o)?;
    let (m, e) = libm::frexp(x);
    let m = vm.new_float(m)?;
    let e = vm.new_int(e as i64)?;
    vm.new_tuple_of([m, e])
}

fn math_modf(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "modf")?;
    let x = real(vm, &o)?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else if x.is_nan() {
        (x, x)
    } else {
        ((x - x.trunc()).copysign(x), x.trunc())
    };
    let a = vm.new_float(frac)?;
    let b = vm.new_float(int)?;
    vm.new_tuple_of([a, b])
}

fn math_ulp(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "ulp")?;
    let x = real(vm, &o)?;
    if x.is_nan() {
        return vm.new_float(x);
    }
    let x = x.abs();
    if x.is_infinite() {
        return vm.new_float(x);
    }
    let up = libm::nextafter(x, f64::INFINITY);
    let r = if up.is_infinite() {
        // x is the largest double: use the gap below it.
        x - libm::nextafter(x, -f64::INFINITY)
    } else {
        up - x
    };
    vm.new_float(r)
}

fn math_degrees(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "degrees")?;
    let x = real(vm, &o)?;
    vm.new_float(x * (180.0 / std::f64::consts::PI))
}

fn math_radians(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "radians")?;
    let x = real(vm, &o)?;
    vm.new_float(x * (std::f64::consts::PI / 180.0))
}

fn classify(vm: &mut Vm, args: Args, name: &str, f: fn(f64) -> bool) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, name)?;
    let x = real(vm, &o)?;
    Ok(vm.new_bool(f(x)))
}

fn math_isfinite(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    classify(vm, args, "isfinite", f64::is_finite)
}

fn math_isinf(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    classify(vm, args, "isinf", f64::is_infinite)
}

fn math_isnan(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    classify(vm, args, "isnan", f64::is_nan)
}

fn math_isclose(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw_a = args.take_kw(vm, "a");
    let kw_b = args.take_kw(vm, "b");
    let rel = args.take_kw(vm, "rel_tol");
    let abs = args.take_kw(vm, "abs_tol");
    if let Some((k, _)) = args.kw.first() {
        let k = vm.str_of(k).to_string();
        return Err(vm.type_error(format!(
            "'{k}' is an invalid keyword argument for isclose()"
        )));
    }
    if args.len() > 2 {
        return Err(vm.type_error(format!(
            "isclose() takes exactly 2 positional arguments ({} given)",
            args.len()
        )));
    }
    let mut pos = std::mem::take(&mut args.pos).into_iter();
    let (pa, pb) = (pos.next(), pos.next());
    for (name, p, k) in [("a", &pa, &kw_a), ("b", &pb, &kw_b)] {
        if p.is_some() && k.is_some() {
            return Err(vm.type_error(format!(
                "argument for isclose() given by name ('{name}') and position ({})",
                if name == "a" { 1 } else { 2 }
            )));
        }
    }
    let Some(a) = pa.or(kw_a) else {
        return Err(vm.type_error("isclose() missing required argument 'a' (pos 1)"));
    };
    let Some(b) = pb.or(kw_b) else {
        return Err(vm.type_error("isclose() missing required argument 'b' (pos 2)"));
    };
    let a = real(vm, &a)?;
    let b = real(vm, &b)?;
    let rel_tol = match rel {
        Some(r) => real(vm, &r)?,
        None => 1e-9,
    };
    let abs_tol = match abs {
        Some(r) => real(vm, &r)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(vm.value_error("tolerances must be non-negative"));
    }
    if a == b {
        return Ok(vm.new_bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(vm.new_bool(false));
    }
    let diff = (b - a).abs();
    let close = diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol;
    Ok(vm.new_bool(close))
}

// ------------------------------------------------------------- rounding to int

/// `ceil`, `floor`: the type's `__ceil__`/`__floor__` if it has one, else
/// rounding of the float value.
fn round_to_int(
    vm: &mut Vm,
    args: Args,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, name)?;
    if !vm.is_exact(&o, T::Float) {
        if let Some(m) = vm.type_lookup_str(&o.class(), dunder) {
            return vm.call_type_attr(&m, &o, Vec::new());
        }
        // int's and float's own methods.
        if let Some(v) = vm.to_bigint(&o) {
            return vm.new_bigint(v);
        }
    }
    let x = real(vm, &o)?;
    vm.int_from_f64(f(x))
}

fn math_ceil(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    round_to_int(vm, args, "ceil", "__ceil__", f64::ceil)
}

fn math_floor(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    round_to_int(vm, args, "floor", "__floor__", f64::floor)
}

fn math_trunc(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "trunc")?;
    if !vm.is_exact(&o, T::Float) {
        if let Some(m) = vm.type_lookup_str(&o.class(), "__trunc__") {
            return vm.call_type_attr(&m, &o, Vec::new());
        }
    }
    match o.kind() {
        Kind::Float => {
            let x = vm.float_value(&o).unwrap_or(0.0);
            vm.int_from_f64(x)
        }
        Kind::Int | Kind::BigInt => {
            let v = vm.to_bigint(&o).unwrap_or_default();
            vm.new_bigint(v)
        }
        _ => {
            let tn = vm.type_name_of(&o);
            Err(vm.type_error(format!("type {tn} doesn't define __trunc__ method")))
        }
    }
}

// ------------------------------------------------------------- sums and norms

/// Mirrors CPython's `math_fsum`: Shewchuk's exact partial sums, then one
/// correctly rounded result.
fn math_fsum(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "fsum")?;
    let items = vm.iterate(&o)?;
    let mut partials: Vec<f64> = Vec::new();
    let (mut special_sum, mut inf_sum) = (0.0f64, 0.0f64);
    for item in &items {
        let mut x = real(vm, item)?;
        let xsave = x;
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                // A non-finite partial from finite summands is an overflow;
                // otherwise special values are summed on their own.
                if xsave.is_finite() {
                    return Err(vm.overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                partials.clear();
            } else {
                partials.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(vm.value_error("-inf + inf in fsum"));
        }
        return vm.new_float(special_sum);
    }
    let mut hi = 0.0;
    let mut n = partials.len();
    if n > 0 {
        n -= 1;
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly: if the rest has the sign of lo, the
        // sum lies beyond the half-way point.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
    }
    vm.new_float(hi)
}

/// A double-length value `hi + lo`.
struct DoubleLength {
    hi: f64,
    lo: f64,
}

/// Fast two-sum (requires |a| >= |b|).
fn dl_fast_sum(a: f64, b: f64) -> DoubleLength {
    let x = a + b;
    DoubleLength {
        hi: x,
        lo: (a - x) + b,
    }
}

/// Dekker's split of a double into two 26-bit halves.
fn dl_split(x: f64) -> DoubleLength {
    let t = x * 134217729.0; // 2**27 + 1
    let hi = t - (t - x);
    DoubleLength { hi, lo: x - hi }
}

/// Dekker's exact product.
fn dl_mul(x: f64, y: f64) -> DoubleLength {
    let xx = dl_split(x);
    let yy = dl_split(y);
    let p = xx.hi * yy.hi;
    let q = xx.hi * yy.lo + xx.lo * yy.hi;
    let z = p + q;
    DoubleLength {
        hi: z,
        lo: p - z + q + xx.lo * yy.lo,
    }
}

/// Mirrors CPython 3.11's `vector_norm`: the Euclidean norm of non-negative
/// finite coordinates whose maximum is `max`, with lossless scaling,
/// compensated summation and a final differential correction.
fn vector_norm(vec: &[f64], max: f64, found_nan: bool) -> f64 {
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || vec.len() <= 1 {
        return max;
    }
    let (_, max_e) = libm::frexp(max);
    if max_e < -1023 {
        // 2**-max_e would overflow: 3.11 divides by max instead (3.12
        // rescales the subnormals and recurses, which rounds differently),
        // with plain compensated summation.
        let (mut csum, mut frac) = (1.0f64, 0.0f64);
        for &x in vec.iter() {
            let x = x / max;
            let x = x * x;
            let old = csum;
            csum += x;
            frac += (old - csum) + x;
        }
        return max * (csum - 1.0 + frac).sqrt();
    }
    let scale = libm::ldexp(1.0, -max_e);
    let (mut csum, mut frac1, mut frac2) = (1.0, 0.0, 0.0);
    for &x in vec.iter() {
        let x = x * scale;
        let pr = dl_mul(x, x);
        let sm = dl_fast_sum(csum, pr.hi);
        csum = sm.hi;
        frac1 += pr.lo;
        frac2 += sm.lo;
    }
    let mut h = (csum - 1.0 + (frac1 + frac2)).sqrt();
    let pr = dl_mul(-h, h);
    let sm = dl_fast_sum(csum, pr.hi);
    csum = sm.hi;
    frac1 += pr.lo;
    frac2 += sm.lo;
    let x = csum - 1.0 + (frac1 + frac2);
    h += x / (2.0 * h);
    h / scale
}

/// hypot's and dist's coordinate conversion (`ASSIGN_DOUBLE`).
fn coordinate(vm: &mut Vm, o: &ObjRef) -> PyResult<f64> {
    if vm.is_exact(o, T::Float) {
        return Ok(vm.float_value(o).unwrap_or(0.0));
    }
    if matches!(o.kind(), Kind::Int | Kind::BigInt) && vm.is_exact(o, T::Int) {
        return int_to_f64(vm, o);
    }
    real(vm, o)
}

fn math_hypot(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "hypot")?;
    let mut coords = Vec::with_capacity(args.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for o in &args.pos {
        let x = coordinate(vm, o)?.abs();
        found_nan |= x.is_nan();
        if x > max {
            max = x;
        }
        coords.push(x);
    }
    vm.new_float(vector_norm(&coords, max, found_nan))
}

fn math_dist(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (p, q) = two_args(vm, &args, "dist")?;
    let p = vm.iterate(&p)?;
    let q = vm.iterate(&q)?;
    if p.len() != q.len() {
        return Err(vm.value_error("both points must have the same number of dimensions"));
    }
    let mut diffs = Vec::with_capacity(p.len());
    let (mut max, mut found_nan) = (0.0f64, false);
    for (a, b) in p.iter().zip(&q) {
        let x = coordinate(vm, a)?;
        let y = coordinate(vm, b)?;
        let d = (x - y).abs();
        found_nan |= d.is_nan();
        if d > max {
            max = d;
        }
        diffs.push(d);
    }
    vm.new_float(vector_norm(&diffs, max, found_nan))
}

fn math_prod(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let start = args.take_kw(vm, "start");
    if args.len() + args.kw.len() + usize::from(start.is_some()) > 2 {
        return Err(vm.type_error(format!(
            "prod() takes at most 2 arguments ({} given)",
            args.len() + args.kw.len() + usize::from(start.is_some())
        )));
    }
    if let Some((k, _)) = args.kw.first() {
        let k = vm.str_of(k).to_string();
        return Err(vm.type_error(format!("'{k}' is an invalid keyword argument for prod()")));
    }
    if args.len() != 1 {
        return Err(vm.type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let items = vm.iterate(&args.pos[0])?;
    let mut acc = match start {
        Some(s) => s,
        None => vm.new_int(1)?,
    };
    for item in &items {
        acc = vm.binary_op(&acc, item, ouro_bytecode::BinOp::Multiply)?;
    }
    Ok(acc)
}

// ------------------------------------------------------------- integer functions

fn math_isqrt(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "isqrt")?;
    let n = vm.index_value(&o)?;
    if n.is_negative() {
        return Err(vm.value_error("isqrt() argument must be nonnegative"));
    }
    vm.new_bigint(n.sqrt())
}

fn int_args(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<BigInt>> {
    args.no_kw(vm, name)?;
    let mut out = Vec::with_capacity(args.len());
    for o in &args.pos {
        out.push(vm.index_value(o)?);
    }
    Ok(out)
}

fn math_gcd(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let ns = int_args(vm, &args, "gcd")?;
    let g = ns.iter().fold(BigInt::zero(), |g, n| g.gcd(n));
    vm.new_bigint(g)
}

fn math_lcm(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let ns = int_args(vm, &args, "lcm")?;
    let l = ns.iter().fold(BigInt::one(), |l, n| l.lcm(n));
    vm.new_bigint(l)
}

/// The product of the integers in `lo..hi`, by binary splitting so that
/// the multiplications stay balanced.
fn range_product(lo: u64, hi: u64) -> BigInt {
    if hi <= lo {
        return BigInt::one();
    }
    if hi - lo <= 16 {
        return (lo..hi).fold(BigInt::one(), |acc, k| acc * k);
    }
    let mid = lo + (hi - lo) / 2;
    range_product(lo, mid) * range_product(mid, hi)
}

fn factorial_of(vm: &mut Vm, o: &ObjRef) -> PyResult<ObjRef> {
    let n = vm.index_value(o)?;
    if n.is_negative() {
        return Err(vm.value_error("factorial() not defined for negative values"));
    }
    let Some(n) = n.to_i64() else {
        return Err(vm.overflow_error(format!(
            "factorial() argument should not exceed {}",
            i64::MAX
        )));
    };
    vm.new_bigint(range_product(1, n as u64 + 1))
}

fn math_factorial(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one_arg(vm, &args, "factorial")?;
    factorial_of(vm, &o)
}

/// comb and perm's checks on `n` and `k`.
fn comb_args(vm: &mut Vm, n: &ObjRef, k: &ObjRef) -> PyResult<(BigInt, BigInt)> {
    let n = vm.index_value(n)?;
    let k = vm.index_value(k)?;
    if n.is_negative() {
        return Err(vm.value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(vm.value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn math_perm(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "perm")?;
    args.check(vm, "perm", 1, 2)?;
    let k = match args.pos.get(1) {
        Some(k) if !k.is(&vm.none) => k.clone(),
        _ => return factorial_of(vm, &args.pos[0]),
    };
    let (n, k) = comb_args(vm, &args.pos[0], &k)?;
    if n < k {
        return vm.new_int(0);
    }
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error(format!("k must not exceed {}", i64::MAX)));
    };
    // n * (n-1) * ... * (n-k+1)
    let mut r = BigInt::one();
    let mut f = n;
    for _ in 0..k {
        r *= &f;
        f -= 1;
    }
    vm.new_bigint(r)
}

fn math_comb(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (n, k) = two_args(vm, &args, "comb")?;
    let (n, k) = comb_args(vm, &n, &k)?;
    if n < k {
        return vm.new_int(0);
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64().filter(|k| *k <= i64::MAX as u64) else {
        return Err(vm.overflow_error(format!("min(n - k, k) must not exceed {}", i64::MAX)));
    };
    // C(n, i) = C(n, i-1) * (n-k+i) / i, exact at every step.
    let mut r = BigInt::one();
    let base = &n - k;
    for i in 1..=k {
        r = r * (&base + i) / i;
    }
    vm.new_bigint(r)
}

// ------------------------------------------------------------- the module

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("math")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("acos", math_acos),
        ("acosh", math_acosh),
        ("asin", math_asin),
        ("asinh", math_asinh),
        ("atan", math_atan),
        ("atan2", math_atan2),
        ("atanh", math_atanh),
        ("cbrt", math_cbrt),
        ("ceil", math_ceil),
        ("comb", math_comb),
        ("copysign", math_copysign),
        ("cos", math_cos),
        ("cosh", math_cosh),
        ("degrees", math_degrees),
        ("dist", math_dist),
        ("erf", math_erf),
        ("erfc", math_erfc),
        ("exp", math_exp),
        ("exp2", math_exp2),
        ("expm1", math_expm1),
        ("fabs", math_fabs),
        ("factorial", math_factorial),
        ("floor", math_floor),
        ("fmod", math_fmod),
        ("frexp", math_frexp),
        ("fsum", math_fsum),
        ("gamma", math_gamma),
        ("gcd", math_gcd),
        ("hypot", math_hypot),
        ("isclose", math_isclose),
        ("isfinite", math_isfinite),
        ("isinf", math_isinf),
        ("isnan", math_isnan),
        ("isqrt", math_isqrt),
        ("lcm", math_lcm),
        ("ldexp", math_ldexp),
        ("lgamma", math_lgamma),
        ("log", math_log),
        ("log10", math_log10),
        ("log1p", math_log1p),
        ("log2", math_log2),
        ("modf", math_modf),
        ("nextafter", math_nextafter),
        ("perm", math_perm),
        ("pow", math_pow),
        ("prod", math_prod),
        ("radians", math_radians),
        ("remainder", math_remainder),
        ("sin", math_sin),
        ("sinh", math_sinh),
        ("sqrt", math_sqrt),
        ("tan", math_tan),
        ("tanh", math_tanh),
        ("trunc", math_trunc),
        ("ulp", math_ulp),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    let positional: &[(&str, crate::natives::PosFn)] = &[
        ("acos", math_acos_pos),
        ("acosh", math_acosh_pos),
        ("asin", math_asin_pos),
        ("asinh", math_asinh_pos),
        ("atan", math_atan_pos),
        ("atanh", math_atanh_pos),
        ("cbrt", math_cbrt_pos),
        ("cos", math_cos_pos),
        ("cosh", math_cosh_pos),
        ("erf", math_erf_pos),
        ("erfc", math_erfc_pos),
        ("exp", math_exp_pos),
        ("exp2", math_exp2_pos),
        ("expm1", math_expm1_pos),
        ("fabs", math_fabs_pos),
        ("sin", math_sin_pos),
        ("sinh", math_sinh_pos),
        ("sqrt", math_sqrt_pos),
        ("tan", math_tan_pos),
        ("tanh", math_tanh_pos),
        ("log1p", math_log1p_pos),
    ];
    for (name, f) in positional {
        vm.set_pos_form(&d, name, *f)?;
    }
    let constants = [
        ("pi", std::f64::consts::PI),
        ("e", std::f64::consts::E),
        ("tau", std::f64::consts::TAU),
        ("inf", f64::INFINITY),
        ("nan", f64::NAN),
    ];
    for (name, v) in constants {
        let v = vm.new_float(v)?;
        let key = vm.intern(name)?;
        vm.dict_set_str(&d, &key, v)?;
    }
    Ok(m)
}
