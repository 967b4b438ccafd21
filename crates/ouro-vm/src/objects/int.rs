//! `int` and `bool`: arbitrary precision, kept as a 64-bit payload when the
//! value fits and as a `BigInt` otherwise.

use std::cmp::Ordering;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};
use ouro_bytecode::BinOp;
use ouro_heap::{BigIntObj, FloatObj, IntObj, Kind, ObjRef};

use crate::error::PyResult;
use crate::interp::UnaryKind;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

/// An int's value (big values are rebuilt from the object's limbs).
pub(crate) enum IntVal {
    Small(i64),
    Big(BigInt),
}

impl IntVal {
    pub fn to_big(&self) -> BigInt {
        match self {
            IntVal::Small(v) => BigInt::from(*v),
            IntVal::Big(b) => b.clone(),
        }
    }
}

/// Largest exponent / shift we compute before raising MemoryError-like
/// errors, to keep a typo like `10**10**10` from hanging the host.
const MAX_BIG_BITS: u64 = 1 << 32;

/// `op` (plain or in-place) on two machine integers of one width with
/// Python's semantics (floor division and remainder take the divisor's
/// sign); None on overflow, for a zero divisor, or for an operation not
/// done this way. The one definition of those rules for the 64-bit
/// (`BINARY_OP`'s fast path, [`Vm::int_binop`]) and 128-bit paths.
macro_rules! machine_int_op {
    ($op:expr, $x:expr, $y:expr) => {{
        use ouro_bytecode::BinOp;
        let (x, y) = ($x, $y);
        match $op {
            BinOp::Add | BinOp::InplaceAdd => x.checked_add(y),
            BinOp::Subtract | BinOp::InplaceSubtract => x.checked_sub(y),
            BinOp::Multiply | BinOp::InplaceMultiply => x.checked_mul(y),
            BinOp::And | BinOp::InplaceAnd => Some(x & y),
            BinOp::Or | BinOp::InplaceOr => Some(x | y),
            BinOp::Xor | BinOp::InplaceXor => Some(x ^ y),
            BinOp::FloorDivide | BinOp::InplaceFloorDivide if y != 0 => {
                x.checked_div_euclid(y).map(|q| {
                    if y < 0 && x.rem_euclid(y) != 0 {
                        q - 1
                    } else {
                        q
                    }
                })
            }
            BinOp::Remainder | BinOp::InplaceRemainder if y != 0 => x
                .checked_rem_euclid(y)
                .map(|r| if y < 0 && r != 0 { r + y } else { r }),
            _ => None,
        }
    }};
}
pub(crate) use machine_int_op;

impl Vm {
    pub(crate) fn int_val(&self, o: &ObjRef) -> Option<IntVal> {
        if let Some(i) = o.get::<IntObj>() {
            return Some(IntVal::Small(i.value));
        }
        o.get::<BigIntObj>().map(|b| IntVal::Big(b.value()))
    }

    /// An int object's value as a big integer.
    pub(crate) fn to_bigint(&self, o: &ObjRef) -> Option<BigInt> {
        self.int_val(o).map(|v| v.to_big())
    }

    /// A float's or int's value as f64 (for mixed arithmetic).
    pub(crate) fn float_value(&self, o: &ObjRef) -> Option<f64> {
        if let Some(f) = o.get::<FloatObj>() {
            return Some(f.value);
        }
        match self.int_val(o)? {
            IntVal::Small(v) => Some(v as f64),
            IntVal::Big(b) => ouro_algo::int::to_f64(&b),
        }
    }

    pub(crate) fn int_hash(&self, o: &ObjRef) -> i64 {
        match self.int_val(o) {
            Some(IntVal::Small(v)) => ouro_algo::hash::hash_i64(v),
            Some(IntVal::Big(b)) => ouro_algo::hash::hash_bigint(&b),
            None => 0,
        }
    }

    pub(crate) fn int_cmp(&self, a: &ObjRef, b: &ObjRef) -> Ordering {
        match (self.int_val(a), self.int_val(b)) {
            (Some(IntVal::Small(x)), Some(IntVal::Small(y))) => x.cmp(&y),
            (Some(x), Some(y)) => x.to_big().cmp(&y.to_big()),
            _ => Ordering::Equal,
        }
    }

    /// Exact comparison of ints and floats (as CPython's `float_richcompare`,
    /// which never loses precision converting big ints).
    pub(crate) fn num_partial_cmp(&self, a: &ObjRef, b: &ObjRef) -> Option<Ordering> {
        match (a.kind(), b.kind()) {
            (Kind::Float, Kind::Float) => self.float_value(a)?.partial_cmp(&self.float_value(b)?),
            (Kind::Float, _) => float_int_cmp(self.float_value(a)?, &self.to_bigint(b)?),
            (_, Kind::Float) => {
                float_int_cmp(self.float_value(b)?, &self.to_bigint(a)?).map(Ordering::reverse)
            }
            _ => Some(self.int_cmp(a, b)),
        }
    }

    /// [`Vm::int_binop`] of a big int whose operands and result fit in
    /// 128 bits (values just past 64 bits, such as `2 ** 70 + i`), with no
    /// arbitrary-precision arithmetic. None when they do not fit or the
    /// operation is not one of these.
    fn int_binop_i128(&mut self, a: &ObjRef, b: &ObjRef, op: BinOp) -> Option<PyResult<ObjRef>> {
        let wide = |o: &ObjRef| match o.get::<IntObj>() {
            Some(i) => Some(i.value as i128),
            None => o.get::<BigIntObj>()?.to_i128(),
        };
        let (x, y) = (wide(a)?, wide(b)?);
        let r = machine_int_op!(op, x, y)?;
        Some(match i64::try_from(r) {
            Ok(v) => self.new_int(v),
            Err(_) => ouro_heap::heap::alloc_bigint_i128(self.ty(T::Int), r)
                .map_err(|_| self.memory_error()),
        })
    }

    /// `a op b` for two ints (or bools) of any size; NotImplemented for an
    /// operator ints do not have (`@`), which the caller reports.
    pub(crate) fn int_binop(&mut self, a: &ObjRef, b: &ObjRef, op: BinOp) -> PyResult<ObjRef> {
        if a.kind() == Kind::BigInt || b.kind() == Kind::BigInt {
            if let Some(r) = self.int_binop_i128(a, b, op) {
                return r;
            }
        }
        let (Some(x), Some(y)) = (self.int_val(a), self.int_val(b)) else {
            return Err(self.internal_error("int_binop on non-ints"));
        };
        if let (IntVal::Small(x), IntVal::Small(y)) = (&x, &y) {
            let (x, y) = (*x, *y);
            // bool & bool, | and ^ stay bool (bool's own number methods).
            let bool_ty = self.ty(T::Bool);
            if a.class_is(bool_ty)
                && b.class_is(bool_ty)
                && matches!(op, BinOp::And | BinOp::Or | BinOp::Xor)
            {
                let r = match op {
                    BinOp::And => x & y,
                    BinOp::Or => x | y,
                    _ => x ^ y,
                };
                return Ok(self.new_bool(r != 0));
            }
            let small = machine_int_op!(op, x, y);
            if let Some(v) = small {
                return self.new_int(v);
            }
        }
        let xb = x.to_big();
        let yb = y.to_big();
        match op {
            BinOp::Add => self.new_bigint(xb + yb),
            BinOp::Subtract => self.new_bigint(xb - yb),
            BinOp::Multiply => {
                if xb.bits() + yb.bits() > MAX_BIG_BITS {
                    return Err(self.memory_error());
                }
                self.new_bigint(xb * yb)
            }
            BinOp::And => self.new_bigint(xb & yb),
            BinOp::Or => self.new_bigint(xb | yb),
            BinOp::Xor => self.new_bigint(xb ^ yb),
            BinOp::FloorDivide => {
                if yb.is_zero() {
                    return Err(self.zero_division("integer division or modulo by zero"));
                }
                self.new_bigint(xb.div_floor(&yb))
            }
            BinOp::Remainder => {
                if yb.is_zero() {
                    return Err(self.zero_division("integer modulo by zero"));
                }
                self.new_bigint(xb.mod_floor(&yb))
            }
            BinOp::TrueDivide => {
                if yb.is_zero() {
                    return Err(self.zero_division("division by zero"));
                }
                let r = int_true_divide(&xb, &yb);
                match r {
                    Some(v) => self.new_float(v),
                    None => {
                        Err(self.overflow_error("integer division result too large for a float"))
                    }
                }
            }
            BinOp::Power => self.int_pow(&xb, &yb),
            BinOp::Lshift => {
                if yb.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                if xb.is_zero() {
                    return self.new_int(0);
                }
                let Some(s) = yb.to_u64().filter(|s| *s < MAX_BIG_BITS) else {
                    return Err(self.overflow_error("too many digits in integer"));
                };
                self.new_bigint(xb << s)
            }
            BinOp::Rshift => {
                if yb.is_negative() {
                    return Err(self.value_error("negative shift count"));
                }
                let s = yb.to_u64().unwrap_or(u64::MAX);
                if s > xb.bits() {
                    return self.new_int(if xb.is_negative() { -1 } else { 0 });
                }
                // Arithmetic shift (floor), as Python's.
                let r = if xb.is_negative() {
                    let one = BigInt::from(1);
                    -((-xb - &one) >> s) - one
                } else {
                    xb >> s
                };
                self.new_bigint(r)
            }
            // `@` and the rest: the caller raises, naming the operator as
            // written (`@=` for an in-place one).
            _ => Ok(self.not_implemented.clone()),
        }
    }

    fn int_pow(&mut self, x: &BigInt, y: &BigInt) -> PyResult<ObjRef> {
        if y.is_negative() {
            let xf = ouro_algo::int::to_f64(x);
            let yf = ouro_algo::int::to_f64(y);
            let (Some(xf), Some(yf)) = (xf, yf) else {
                return Err(self.overflow_error("int too large to convert to float"));
            };
            return match ouro_algo::float::pow(xf, yf) {
                Ok(v) => self.new_float(v),
                Err(ouro_algo::float::PowError::ZeroToNegativePower) => {
                    Err(self.zero_division("0.0 cannot be raised to a negative power"))
                }
                Err(ouro_algo::float::PowError::Overflow) => {
                    Err(self.overflow_error("(34, 'Numerical result out of range')"))
                }
                Err(ouro_algo::float::PowError::ComplexResult) => {
                    Err(self.value_error("math domain error"))
                }
            };
        }
        let Some(e) = y.to_u64() else {
            return Err(self.memory_error());
        };
        // Exact cases that stay small whatever the exponent.
        if x.is_zero() || x == &BigInt::from(1) {
            return self.new_bigint(if e == 0 { BigInt::from(1) } else { x.clone() });
        }
        if x == &BigInt::from(-1) {
            return self.new_int(if e % 2 == 0 { 1 } else { -1 });
        }
        if x.bits().saturating_mul(e) > MAX_BIG_BITS {
            return Err(self.memory_error());
        }
        if let (Some(xs), Ok(es)) = (x.to_i64(), u32::try_from(e)) {
            if let Some(v) = xs.checked_pow(es) {
                return self.new_int(v);
            }
        }
        self.new_bigint(num_traits::pow::Pow::pow(x, e))
    }

    pub(crate) fn int_unary(&mut self, a: &ObjRef, kind: UnaryKind) -> PyResult<ObjRef> {
        let Some(v) = self.int_val(a) else {
            return Err(self.internal_error("int_unary"));
        };
        match (v, kind) {
            (IntVal::Small(x), UnaryKind::Neg) => match x.checked_neg() {
                Some(n) => self.new_int(n),
                None => self.new_bigint(-BigInt::from(x)),
            },
            (IntVal::Small(x), UnaryKind::Pos) => self.new_int(x),
            (IntVal::Small(x), UnaryKind::Invert) => self.new_int(!x),
            (IntVal::Big(b), UnaryKind::Neg) => {
                let n = -b.clone();
                self.new_bigint(n)
            }
            (IntVal::Big(b), UnaryKind::Pos) => {
                let n = b.clone();
                self.new_bigint(n)
            }
            (IntVal::Big(b), UnaryKind::Invert) => {
                let n = -b.clone() - 1;
                self.new_bigint(n)
            }
        }
    }

    /// `repr(int)`, with CPython's limit on decimal digits.
    pub(crate) fn int_repr(&mut self, o: &ObjRef) -> PyResult<String> {
        match self.int_val(o) {
            Some(IntVal::Small(v)) => Ok(v.to_string()),
            Some(IntVal::Big(b)) => match ouro_algo::int::to_decimal_string(&b, ouro_algo::int::DEFAULT_MAX_STR_DIGITS) {
                Ok(s) => Ok(s),
                Err(_) => Err(self.value_error(
                    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                )),
            },
            None => Ok(String::new()),
        }
    }

    /// `operator.index(o)`: the int value of an int-like object.
    pub fn index_value(&mut self, o: &ObjRef) -> PyResult<BigInt> {
        if let Some(v) = self.to_bigint(o) {
            return Ok(v);
        }
        let ty = o.class();
        if Vm::is_heap_type(&ty) {
            let idx = self.names.index.clone();
            if let Some(r) = self.call_dunder(o, &idx, &[])? {
                if let Some(v) = self.to_bigint(&r) {
                    return Ok(v);
                }
                let tn = self.type_name_of(&r);
                return Err(self.type_error(format!("__index__ returned non-int (type {tn})")));
            }
        }
        let tn = self.type_name_of(o);
        Err(self.type_error(format!("'{tn}' object cannot be interpreted as an integer")))
    }

    /// An index-sized integer (`Py_ssize_t`), for subscripts and counts.
    pub fn index_isize(&mut self, o: &ObjRef) -> PyResult<isize> {
        if let Some(v) = Vm::int_of(o) {
            return Ok(v as isize);
        }
        let v = self.index_value(o)?;
        match v.to_isize() {
            Some(i) => Ok(i),
            None => {
                let tn = self.type_name_of(o);
                Err(self.new_exc(
                    T::IndexError,
                    format!("cannot fit '{tn}' into an index-sized integer"),
                ))
            }
        }
    }

    /// `int(x)` / `int(x, base)`.
    /// `int(b'12', base)`: the bytes read as ASCII text.
    fn int_from_bytes_text(&mut self, x: &ObjRef, base: u32) -> PyResult<ObjRef> {
        let d = self.bytes_data(x).unwrap_or_default();
        let text: String = d.iter().map(|&c| c as char).collect();
        let s = self.new_str(&text)?;
        self.int_from_str(&s, base).map_err(|e| {
            if self.err_is(&e, T::ValueError) {
                let r = self.bytes_repr_of(x);
                self.value_error(format!("invalid literal for int() with base {base}: {r}"))
            } else {
                e
            }
        })
    }

    pub(crate) fn int_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        let base_kw = args.take_kw(self, "base");
        args.no_more_kw(self, "int")?;
        if args.len() > 2 {
            return Err(self.type_error(format!(
                "int() takes at most 2 arguments ({} given)",
                args.len()
            )));
        }
        let mut pos = std::mem::take(&mut args.pos).into_iter();
        let x = pos.next();
        let base = pos.next().or(base_kw);
        let Some(x) = x else {
            if base.is_some() {
                return Err(self.type_error("int() missing string argument"));
            }
            return self.new_int(0);
        };
        if let Some(base) = base {
            let b = self.index_value(&base)?;
            let b = b.to_i64().unwrap_or(-1);
            if b != 0 && !(2..=36).contains(&b) {
                return Err(self.value_error("int() base must be >= 2 and <= 36, or 0"));
            }
            if matches!(x.kind(), Kind::Bytes | Kind::ByteArray) {
                return self.int_from_bytes_text(&x, b as u32);
            }
            if x.kind() != Kind::Str {
                return Err(self.type_error("int() can't convert non-string with explicit base"));
            }
            return self.int_from_str(&x, b as u32);
        }
        if matches!(x.kind(), Kind::Bytes | Kind::ByteArray) {
            return self.int_from_bytes_text(&x, 10);
        }
        if crate::objects::memoryview::is_memoryview(&x) {
            // PyNumber_Long reads a buffer's bytes as a bytes object.
            let d = self.buffer_arg(&x)?;
            let b = self.new_bytes(&d)?;
            return self.int_from_bytes_text(&b, 10);
        }
        match x.kind() {
            Kind::Int | Kind::BigInt if self.is_exact(&x, T::Int) => Ok(x),
            Kind::Int | Kind::BigInt => {
                let v = self.to_bigint(&x).unwrap_or_default();
                self.new_bigint(v)
            }
            Kind::Float => {
                let f = self.float_value(&x).unwrap_or(0.0);
                self.int_from_f64(f)
            }
            Kind::Str => self.int_from_str(&x, 10),
            _ => {
                let ty = x.class();
                for name in ["__int__", "__index__", "__trunc__"] {
                    let n = self.intern(name)?;
                    if self.type_lookup(&ty, &n).is_some() {
                        let r = self.call_dunder(&x, &n, &[])?;
                        if let Some(r) = r {
                            if let Some(v) = self.to_bigint(&r) {
                                return self.new_bigint(v);
                            }
                            let tn = self.type_name_of(&r);
                            return Err(
                                self.type_error(format!("{name} returned non-int (type {tn})"))
                            );
                        }
                    }
                }
                let tn = self.type_name_of(&x);
                Err(self.type_error(format!(
                    "int() argument must be a string, a bytes-like object or a real number, not '{tn}'"
                )))
            }
        }
    }

    pub(crate) fn int_from_f64(&mut self, f: f64) -> PyResult<ObjRef> {
        if f.is_nan() {
            return Err(self.value_error("cannot convert float NaN to integer"));
        }
        if f.is_infinite() {
            return Err(self.overflow_error("cannot convert float infinity to integer"));
        }
        let t = f.trunc();
        if t.abs() < 9.0e18 {
            return self.new_int(t as i64);
        }
        self.new_bigint(bigint_from_f64(t))
    }

    fn int_from_str(&mut self, s: &ObjRef, base: u32) -> PyResult<ObjRef> {
        let text = self.str_of(s).to_string();
        match ouro_algo::int::parse_with_limit(&text, base, ouro_algo::int::DEFAULT_MAX_STR_DIGITS) {
            Ok(v) => self.new_bigint(v),
            Err(ouro_algo::int::ParseIntError::TooManyDigits { .. }) => Err(self.value_error(
                "Exceeds the limit (4300 digits) for integer string conversion: value has more digits; use sys.set_int_max_str_digits() to increase the limit",
            )),
            Err(_) => {
                let r = self.repr_builtin(s)?;
                Err(self.value_error(format!("invalid literal for int() with base {base}: {r}")))
            }
        }
    }
}

/// Compares a float with an int exactly.
fn float_int_cmp(f: f64, i: &BigInt) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Greater
        } else {
            Ordering::Less
        });
    }
    if let Some(small) = i.to_i64() {
        if small.unsigned_abs() < (1u64 << 53) {
            return f.partial_cmp(&(small as f64));
        }
    }
    let t = f.trunc();
    let fi = bigint_from_f64(t);
    match fi.cmp(i) {
        Ordering::Equal => {
            let frac = f - t;
            frac.partial_cmp(&0.0)
        }
        o => Some(o),
    }
}

/// The exact integer value of an integral f64.
pub(crate) fn bigint_from_f64(t: f64) -> BigInt {
    if t.abs() < 9.0e18 {
        return BigInt::from(t as i64);
    }
    let bits = t.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64 - 1075;
    let mant = (bits & ((1u64 << 52) - 1)) | (1u64 << 52);
    let mut v = BigInt::from(mant);
    if exp > 0 {
        v <<= exp as u64;
    } else {
        v >>= (-exp) as u64;
    }
    if t < 0.0 {
        -v
    } else {
        v
    }
}

/// Correctly rounded int / int (CPython's `long_true_divide`), via exact
/// scaling when the operands are big.
fn int_true_divide(a: &BigInt, b: &BigInt) -> Option<f64> {
    if let (Some(x), Some(y)) = (a.to_i64(), b.to_i64()) {
        if x.unsigned_abs() <= (1u64 << 53) && y.unsigned_abs() <= (1u64 << 53) {
            return Some(x as f64 / y as f64);
        }
    }
    let negative = a.is_negative() != b.is_negative();
    let a = a.abs();
    let b = b.abs();
    // Scale so the quotient has 55 significant bits, then round once.
    let shift: i64 = 55 - (a.bits() as i64 - b.bits() as i64);
    let (num, den) = if shift >= 0 {
        (a << shift as u64, b)
    } else {
        (a, b << (-shift) as u64)
    };
    let (q, r) = num.div_rem(&den);
    let mut q = q.to_u64()?;
    // Sticky bit for correct rounding.
    if !r.is_zero() {
        q |= 1;
    }
    let v = (q as f64) * 2f64.powi(-(shift as i32));
    if v.is_infinite() {
        return None;
    }
    Some(if negative { -v } else { v })
}

/// `int.bit_length()`: the number of bits of `abs(self)`.
fn int_bit_length(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    no_args_but_self(vm, &args, "int.bit_length")?;
    let n = match vm.int_val(&args.pos[0]) {
        Some(IntVal::Small(v)) => u64::from(64 - v.unsigned_abs().leading_zeros()),
        Some(IntVal::Big(b)) => b.bits(),
        None => return Err(vm.internal_error("bit_length on a non-int")),
    };
    vm.new_int(n as i64)
}

/// `int.bit_count()`: the number of ones in the binary form of `abs(self)`.
fn int_bit_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    no_args_but_self(vm, &args, "int.bit_count")?;
    let n = match vm.int_val(&args.pos[0]) {
        Some(IntVal::Small(v)) => u64::from(v.unsigned_abs().count_ones()),
        Some(IntVal::Big(b)) => b.magnitude().count_ones(),
        None => return Err(vm.internal_error("bit_count on a non-int")),
    };
    vm.new_int(n as i64)
}

/// `METH_NOARGS` for a method: only `self`.
fn no_args_but_self(vm: &mut Vm, args: &Args, fname: &str) -> PyResult<()> {
    args.no_kw(vm, fname)?;
    if args.len() != 1 {
        return Err(vm.type_error(format!(
            "{fname}() takes no arguments ({} given)",
            args.len().saturating_sub(1)
        )));
    }
    Ok(())
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    vm.add_method(T::Int, "bit_length", int_bit_length)?;
    vm.add_method(T::Int, "bit_count", int_bit_count)?;
    Ok(())
}
