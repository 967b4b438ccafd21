//! The named methods and attributes of `int` (and `bool`) and `float`
//! (`bit_length` and `bit_count` are in `int.rs`): `to_bytes`/`from_bytes`, `as_integer_ratio`, `hex`/`fromhex`,
//! `real`/`imag`/`numerator`/`denominator`, and the conversion dunders.
//! The operators themselves live in `int.rs`, `float.rs` and `ops.rs`.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};
use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

impl Vm {
    /// `real`, `imag`, `numerator`, `denominator` of ints and floats (CPython's
    /// getset descriptors); None for other names.
    pub(crate) fn number_getattr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        match o.kind() {
            Kind::Int | Kind::BigInt => match name {
                "real" | "numerator" => {
                    let v = self.to_bigint(o).unwrap_or_default();
                    if self.is_exact(o, T::Int) {
                        return Ok(Some(o.clone()));
                    }
                    self.new_bigint(v).map(Some)
                }
                "imag" => self.new_int(0).map(Some),
                "denominator" => self.new_int(1).map(Some),
                _ => Ok(None),
            },
            Kind::Float => match name {
                "real" => {
                    if self.is_exact(o, T::Float) {
                        return Ok(Some(o.clone()));
                    }
                    let v = self.float_value(o).unwrap_or(0.0);
                    self.new_float(v).map(Some)
                }
                "imag" => self.new_float(0.0).map(Some),
                _ => Ok(None),
            },
            _ => Ok(None),
        }
    }

    /// The receiver of an int method as a big integer.
    fn int_self(&mut self, args: &Args, name: &str) -> PyResult<BigInt> {
        match args.pos.first().and_then(|o| self.to_bigint(o)) {
            Some(v) => Ok(v),
            None => {
                let tn = args
                    .pos
                    .first()
                    .map(|o| self.type_name_of(o))
                    .unwrap_or_else(|| "NoneType".into());
                Err(self.type_error(format!(
                    "descriptor '{name}' requires a 'int' object but received '{tn}'"
                )))
            }
        }
    }

    fn float_self(&mut self, args: &Args, name: &str) -> PyResult<f64> {
        match args.pos.first() {
            Some(o) if o.kind() == Kind::Float => Ok(self.float_value(o).unwrap_or(0.0)),
            other => {
                let tn = other
                    .map(|o| self.type_name_of(o))
                    .unwrap_or_else(|| "NoneType".into());
                Err(self.type_error(format!(
                    "descriptor '{name}' requires a 'float' object but received '{tn}'"
                )))
            }
        }
    }
}

/// `int(self)`: the exact int of the value (for `conjugate`, `__int__`, ...).
fn int_plain(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "conjugate", 1, 1)?;
    let o = args.pos[0].clone();
    if vm.is_exact(&o, T::Int) {
        return Ok(o);
    }
    let v = vm.int_self(&args, "conjugate")?;
    vm.new_bigint(v)
}

fn int_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "as_integer_ratio", 1, 1)?;
    let v = vm.int_self(&args, "as_integer_ratio")?;
    let n = vm.new_bigint(v)?;
    let one = vm.new_int(1)?;
    vm.new_tuple_of([n, one])
}

fn int_float(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__float__", 1, 1)?;
    let v = vm.int_self(&args, "__float__")?;
    match ouro_algo::int::to_f64(&v) {
        Some(f) => vm.new_float(f),
        None => Err(vm.overflow_error("int too large to convert to float")),
    }
}

/// The `byteorder` argument.
fn byteorder(vm: &mut Vm, o: Option<ObjRef>, fname: &str) -> PyResult<bool> {
    let Some(o) = o else {
        return Ok(true);
    };
    if o.kind() != Kind::Str {
        let tn = vm.type_name_of(&o);
        return Err(vm.type_error(format!(
            "{fname}() argument 'byteorder' must be str, not {tn}"
        )));
    }
    match vm.str_of(&o) {
        "big" => Ok(true),
        "little" => Ok(false),
        _ => Err(vm.value_error("byteorder must be either 'little' or 'big'")),
    }
}

fn int_to_bytes(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let len_kw = args.take_kw(vm, "length");
    let order_kw = args.take_kw(vm, "byteorder");
    let signed_kw = args.take_kw(vm, "signed");
    args.no_more_kw(vm, "to_bytes")?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "to_bytes() takes at most 2 positional arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let v = vm.int_self(&args, "to_bytes")?;
    let length = match args.pos.get(1).cloned().or(len_kw) {
        Some(l) => vm.index_isize(&l)?,
        None => 1,
    };
    if length < 0 {
        return Err(vm.value_error("length argument must be non-negative"));
    }
    let big = byteorder(vm, args.pos.get(2).cloned().or(order_kw), "to_bytes")?;
    let signed = match signed_kw {
        Some(s) => vm.truthy(&s)?,
        None => false,
    };
    if !signed && v.sign() == Sign::Minus {
        return Err(vm.overflow_error("can't convert negative int to unsigned"));
    }
    let length = length as usize;
    let mut bytes = if signed {
        v.to_signed_bytes_le()
    } else {
        v.magnitude().to_bytes_le()
    };
    if v.is_zero() {
        bytes.clear();
    }
    let fill = if signed && v.sign() == Sign::Minus {
        0xff
    } else {
        0
    };
    // Drop redundant sign bytes, then check the fit.
    while bytes.len() > length {
        let last = bytes[bytes.len() - 1];
        let prev_sign = bytes.len() >= 2 && (bytes[bytes.len() - 2] & 0x80 != 0) == (fill == 0xff);
        if last == fill && (!signed || prev_sign) {
            bytes.pop();
        } else {
            break;
        }
    }
    if bytes.len() > length
        || (signed && length > 0 && bytes.len() == length && {
            let top = bytes[length - 1] & 0x80 != 0;
            top != (fill == 0xff)
        })
    {
        return Err(vm.overflow_error("int too big to convert"));
    }
    bytes.resize(length, fill);
    if big {
        bytes.reverse();
    }
    vm.new_bytes(&bytes)
}

fn int_from_bytes(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let bytes_kw = args.take_kw(vm, "bytes");
    let order_kw = args.take_kw(vm, "byteorder");
    let signed_kw = args.take_kw(vm, "signed");
    args.no_more_kw(vm, "from_bytes")?;
    let cls = args.pos[0].clone();
    let Some(src) = args.pos.get(1).cloned().or(bytes_kw) else {
        return Err(vm.type_error("from_bytes() missing required argument 'bytes' (pos 1)"));
    };
    let big = byteorder(vm, args.pos.get(2).cloned().or(order_kw), "from_bytes")?;
    let signed = match signed_kw {
        Some(s) => vm.truthy(&s)?,
        None => false,
    };
    let mut data = match vm.bytes_data(&src) {
        Some(d) => d,
        None if src.kind() == Kind::Str => {
            return Err(vm.type_error("cannot convert 'str' object to bytes"));
        }
        None => {
            let b = vm.ty(T::Bytes).clone();
            let r = vm.call(&b, vec![src])?;
            vm.bytes_data(&r).unwrap_or_default()
        }
    };
    if big {
        data.reverse();
    }
    let v = if signed {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_bytes_le(Sign::Plus, &data)
    };
    let r = vm.new_bigint(v)?;
    if cls.is(vm.ty(T::Int)) {
        return Ok(r);
    }
    vm.call(&cls, vec![r])
}

fn float_is_integer(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "is_integer", 1, 1)?;
    let f = vm.float_self(&args, "is_integer")?;
    Ok(vm.new_bool(f.is_finite() && f.fract() == 0.0))
}

fn float_conjugate(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "conjugate", 1, 1)?;
    let f = vm.float_self(&args, "conjugate")?;
    if vm.is_exact(&args.pos[0], T::Float) {
        return Ok(args.pos[0].clone());
    }
    vm.new_float(f)
}

/// The exact ratio of a finite float: (numerator, denominator > 0), lowest
/// terms, as CPython's `float_as_integer_ratio`.
pub(crate) fn float_ratio(f: f64) -> (BigInt, BigInt) {
    let bits = f.to_bits();
    let neg = bits >> 63 != 0;
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | (1u64 << 52), exp - 1075)
    };
    let mut n = BigInt::from(mant);
    let mut d = BigInt::one();
    if e > 0 {
        n <<= e as usize;
    } else {
        d <<= (-e) as usize;
    }
    let g = n.gcd(&d);
    if !g.is_zero() {
        n /= &g;
        d /= &g;
    }
    if neg {
        n = -n;
    }
    (n, d)
}

fn float_as_integer_ratio(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "as_integer_ratio", 1, 1)?;
    let f = vm.float_self(&args, "as_integer_ratio")?;
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert Infinity to integer ratio"));
    }
    if f.is_nan() {
        return Err(vm.value_error("cannot convert NaN to integer ratio"));
    }
    let (n, d) = float_ratio(f);
    let n = vm.new_bigint(n)?;
    let d = vm.new_bigint(d)?;
    vm.new_tuple_of([n, d])
}

/// `float.hex()`, as CPython's `float_hex`.
pub(crate) fn float_hex_string(f: f64) -> String {
    if f.is_nan() {
        return "nan".into();
    }
    if f.is_infinite() {
        return if f < 0.0 { "-inf".into() } else { "inf".into() };
    }
    let sign = if f.is_sign_negative() { "-" } else { "" };
    if f == 0.0 {
        return format!("{sign}0x0.0p+0");
    }
    let bits = f.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    let frac = bits & ((1u64 << 52) - 1);
    let (lead, e) = if exp == 0 {
        (0, -1022)
    } else {
        (1, exp - 1023)
    };
    let sign_e = if e < 0 { '-' } else { '+' };
    format!("{sign}0x{lead}.{frac:013x}p{sign_e}{}", e.abs())
}

fn float_hex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "hex", 1, 1)?;
    let f = vm.float_self(&args, "hex")?;
    let s = float_hex_string(f);
    vm.new_str(&s)
}

/// Parses `float.fromhex`'s argument; None if it is malformed.
pub(crate) fn parse_float_hex(s: &str) -> Result<f64, &'static str> {
    let t = s.trim_matches(|c: char| c.is_ascii_whitespace());
    let (neg, t) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t),
    };
    let lower = t.to_ascii_lowercase();
    match lower.as_str() {
        "inf" | "infinity" => {
            return Ok(if neg {
                f64::NEG_INFINITY
            } else {
                f64::INFINITY
            })
        }
        "nan" => return Ok(f64::NAN),
        _ => {}
    }
    let body = lower.strip_prefix("0x").unwrap_or(&lower);
    let (mant, exp) = match body.find('p') {
        Some(p) => (&body[..p], Some(&body[p + 1..])),
        None => (body, None),
    };
    let (ip, fp) = match mant.find('.') {
        Some(d) => (&mant[..d], &mant[d + 1..]),
        None => (mant, ""),
    };
    if ip.is_empty() && fp.is_empty() {
        return Err("invalid hexadecimal floating-point string");
    }
    let digits: Vec<u32> = ip
        .chars()
        .chain(fp.chars())
        .map(|c| c.to_digit(16).ok_or(()))
        .collect::<Result<_, _>>()
        .map_err(|_| "invalid hexadecimal floating-point string")?;
    let mut e: i64 = match exp {
        Some(x) => {
            let ok = !x.is_empty()
                && x.trim_start_matches(['+', '-'])
                    .chars()
                    .all(|c| c.is_ascii_digit())
                && x.trim_start_matches(['+', '-']).len()
                    == x.len() - usize::from(x.starts_with(['+', '-']))
                && !x.trim_start_matches(['+', '-']).is_empty();
            if !ok {
                return Err("invalid hexadecimal floating-point string");
            }
            x.parse::<i64>().unwrap_or(if x.starts_with('-') {
                i64::MIN / 4
            } else {
                i64::MAX / 4
            })
        }
        None => 0,
    };
    e = e.saturating_sub(4 * fp.len() as i64);
    // Exact value: digits * 2**e. Round to nearest even via big ints.
    let mut n = BigInt::zero();
    for d in &digits {
        n = n * 16 + BigInt::from(*d);
    }
    if n.is_zero() {
        return Ok(if neg { -0.0 } else { 0.0 });
    }
    let nbits = n.bits() as i64;
    // The value's binary exponent (of its leading bit).
    let top = nbits - 1 + e;
    if top > 1023 {
        return Err("hexadecimal value too large to represent as a float");
    }
    // Keep 53 significant bits (fewer for subnormals).
    let lowest = (top - 52).max(-1074);
    let shift = lowest - e;
    let mant = if shift > 0 {
        let s = shift as usize;
        let q: BigInt = &n >> s;
        let rem: BigInt = &n - (&q << s);
        let half = BigInt::one() << (s - 1);
        let round_up = rem > half || (rem == half && q.is_odd());
        if round_up {
            q + 1
        } else {
            q
        }
    } else {
        n << ((-shift) as usize)
    };
    let m = mant.to_f64().unwrap_or(f64::INFINITY);
    let v = m * 2f64.powi(lowest.clamp(-1074, 1023) as i32);
    // powi of very small exponents underflows in one step; compose instead.
    let v = if lowest < -1022 {
        m * 2f64.powi(-1022) * 2f64.powi((lowest + 1022) as i32)
    } else {
        v
    };
    if v.is_infinite() {
        return Err("hexadecimal value too large to represent as a float");
    }
    Ok(if neg { -v } else { v })
}

fn float_fromhex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "fromhex")?;
    args.exactly_one_after_self(vm, "fromhex")?;
    let cls = args.pos[0].clone();
    let s = args.pos[1].clone();
    if s.kind() != Kind::Str {
        let tn = vm.type_name_of(&s);
        return Err(vm.type_error(format!("bad argument type for built-in operation: '{tn}'")));
    }
    let text = vm.str_of(&s).to_string();
    let f = match parse_float_hex(&text) {
        Ok(f) => f,
        Err(msg) if msg.contains("too large") => return Err(vm.overflow_error(msg)),
        Err(msg) => return Err(vm.value_error(msg)),
    };
    let r = vm.new_float(f)?;
    if cls.is(vm.ty(T::Float)) {
        return Ok(r);
    }
    vm.call(&cls, vec![r])
}

fn float_trunc(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__trunc__", 1, 1)?;
    let f = vm.float_self(&args, "__trunc__")?;
    float_to_int(vm, f.trunc())
}

fn float_floor(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__floor__", 1, 1)?;
    let f = vm.float_self(&args, "__floor__")?;
    float_to_int(vm, f.floor())
}

fn float_ceil(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__ceil__", 1, 1)?;
    let f = vm.float_self(&args, "__ceil__")?;
    float_to_int(vm, f.ceil())
}

/// An integral float as an int, with CPython's errors for inf and nan.
pub(crate) fn float_to_int(vm: &mut Vm, f: f64) -> PyResult<ObjRef> {
    if f.is_nan() {
        return Err(vm.value_error("cannot convert float NaN to integer"));
    }
    if f.is_infinite() {
        return Err(vm.overflow_error("cannot convert float infinity to integer"));
    }
    let (n, d) = float_ratio(f);
    vm.new_bigint(n / d)
}

fn float_float(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__float__", 1, 1)?;
    let f = vm.float_self(&args, "__float__")?;
    if vm.is_exact(&args.pos[0], T::Float) {
        return Ok(args.pos[0].clone());
    }
    vm.new_float(f)
}

fn int_trunc_like(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    int_plain(vm, args)
}

fn int_abs_value(v: &BigInt) -> BigInt {
    v.abs()
}

fn int_abs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__abs__", 1, 1)?;
    let v = vm.int_self(&args, "__abs__")?;
    vm.new_bigint(int_abs_value(&v))
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let int_methods: &[(&'static str, crate::natives::NativeFn)] = &[
        ("conjugate", int_plain),
        ("as_integer_ratio", int_as_integer_ratio),
        ("to_bytes", int_to_bytes),
        ("__index__", int_trunc_like),
        ("__int__", int_trunc_like),
        ("__trunc__", int_trunc_like),
        ("__floor__", int_trunc_like),
        ("__ceil__", int_trunc_like),
        ("__float__", int_float),
        ("__abs__", int_abs),
    ];
    for (name, f) in int_methods {
        vm.add_method(T::Int, name, *f)?;
    }
    let float_methods: &[(&'static str, crate::natives::NativeFn)] = &[
        ("is_integer", float_is_integer),
        ("conjugate", float_conjugate),
        ("as_integer_ratio", float_as_integer_ratio),
        ("hex", float_hex),
        ("__trunc__", float_trunc),
        ("__int__", float_trunc),
        ("__floor__", float_floor),
        ("__ceil__", float_ceil),
        ("__float__", float_float),
    ];
    for (name, f) in float_methods {
        vm.add_method(T::Float, name, *f)?;
    }
    for (t, name, f) in [
        (
            T::Int,
            "from_bytes",
            int_from_bytes as crate::natives::NativeFn,
        ),
        (T::Float, "fromhex", float_fromhex),
    ] {
        let ty = vm.ty(t).clone();
        let f = vm.new_builtin_function(name, f)?;
        let cm = vm.new_classmethod(f)?;
        let d = vm.type_dict(&ty)?;
        let key = vm.intern(name)?;
        vm.dict_set_str(&d, &key, cm)?;
    }
    Ok(())
}
