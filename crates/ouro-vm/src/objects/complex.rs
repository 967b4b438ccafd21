//! `complex`: two doubles, with CPython 3.11's arithmetic (`_Py_c_quot`'s
//! scaled division, `_Py_c_pow` with repeated squaring for small integral
//! exponents), repr, hash, parsing and errors (`Objects/complexobject.c`).

use ouro_bytecode::{BinOp, CmpOp};
use ouro_heap::{ComplexObj, Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct C {
    pub re: f64,
    pub im: f64,
}

const ONE: C = C { re: 1.0, im: 0.0 };

fn sum(a: C, b: C) -> C {
    C {
        re: a.re + b.re,
        im: a.im + b.im,
    }
}

fn diff(a: C, b: C) -> C {
    C {
        re: a.re - b.re,
        im: a.im - b.im,
    }
}

fn prod(a: C, b: C) -> C {
    C {
        re: a.re * b.re - a.im * b.im,
        im: a.re * b.im + a.im * b.re,
    }
}

/// `_Py_c_quot`: Smith's method, scaling by the larger part of `b`. None
/// for division by zero.
pub(crate) fn quot(a: C, b: C) -> Option<C> {
    let abs_br = b.re.abs();
    let abs_bi = b.im.abs();
    if abs_br >= abs_bi {
        if abs_br == 0.0 {
            return None;
        }
        let ratio = b.im / b.re;
        let denom = b.re + b.im * ratio;
        Some(C {
            re: (a.re + a.im * ratio) / denom,
            im: (a.im - a.re * ratio) / denom,
        })
    } else if abs_bi >= abs_br {
        let ratio = b.re / b.im;
        let denom = b.re * ratio + b.im;
        Some(C {
            re: (a.re * ratio + a.im) / denom,
            im: (a.im * ratio - a.re) / denom,
        })
    } else {
        // At least one of b's parts is a NaN.
        Some(C {
            re: f64::NAN,
            im: f64::NAN,
        })
    }
}

enum PowErr {
    ZeroToNegative,
    Overflow,
}

/// `_Py_c_pow`.
fn pow_general(a: C, b: C) -> Result<C, PowErr> {
    if b.re == 0.0 && b.im == 0.0 {
        return Ok(ONE);
    }
    if a.re == 0.0 && a.im == 0.0 {
        if b.im != 0.0 || b.re < 0.0 {
            return Err(PowErr::ZeroToNegative);
        }
        return Ok(C { re: 0.0, im: 0.0 });
    }
    let vabs = a.re.hypot(a.im);
    let mut len = vabs.powf(b.re);
    let at = a.im.atan2(a.re);
    let mut phase = at * b.re;
    if b.im != 0.0 {
        len /= (at * b.im).exp();
        phase += b.im * vabs.ln();
    }
    Ok(C {
        re: len * phase.cos(),
        im: len * phase.sin(),
    })
}

/// `c_powu`: binary exponentiation by a positive integer.
fn powu(x: C, n: u64) -> C {
    let mut r = ONE;
    let mut p = x;
    let mut mask = 1u64;
    while mask > 0 && n >= mask {
        if n & mask != 0 {
            r = prod(r, p);
        }
        mask <<= 1;
        p = prod(p, p);
    }
    r
}

/// `complex_pow`: small integral exponents by repeated multiplication.
fn pow(a: C, b: C) -> Result<C, PowErr> {
    let r = if b.im == 0.0 && b.re == b.re.trunc() && b.re.abs() <= 100.0 {
        let n = b.re as i64;
        if n > 0 {
            powu(a, n as u64)
        } else if n == 0 {
            ONE
        } else {
            // c_powi: 1 / x**-n (with _Py_c_quot's zero check).
            match quot(ONE, powu(a, n.unsigned_abs())) {
                Some(r) => r,
                None => return Err(PowErr::ZeroToNegative),
            }
        }
    } else {
        pow_general(a, b)?
    };
    if (r.re.is_infinite() || r.im.is_infinite())
        && a.re.is_finite()
        && a.im.is_finite()
        && b.re.is_finite()
        && b.im.is_finite()
    {
        return Err(PowErr::Overflow);
    }
    Ok(r)
}

/// A part of a complex repr: the float's repr without a `.0` for integral
/// values (CPython formats the parts with `'r'` and no forced dot).
fn part_repr(x: f64) -> String {
    let r = ouro_algo::float::repr(x);
    match r.strip_suffix(".0") {
        Some(s) => s.to_string(),
        None => r,
    }
}

/// `repr(complex)`, as `complex_repr`.
pub(crate) fn complex_repr(z: C) -> String {
    if z.re == 0.0 && z.re.is_sign_positive() {
        return format!("{}j", part_repr(z.im));
    }
    let im = part_repr(z.im);
    let sign = if im.starts_with('-') { "" } else { "+" };
    format!("({}{sign}{im}j)", part_repr(z.re))
}

/// Parses `complex(str)`, as `complex_from_string_inner`: None if malformed.
fn parse(s: &str) -> Option<C> {
    let mut t = s.trim();
    if let Some(inner) = t.strip_prefix('(') {
        t = inner.strip_suffix(')')?.trim();
    }
    if t.is_empty() {
        return None;
    }
    // Split at the sign that starts the imaginary part (not one after an 'e').
    let b = t.as_bytes();
    let ends_j = matches!(b[b.len() - 1], b'j' | b'J');
    if !ends_j {
        return parse_float(t).map(|re| C { re, im: 0.0 });
    }
    let body = &t[..t.len() - 1];
    let mut split = None;
    for i in (1..body.len()).rev() {
        let c = body.as_bytes()[i];
        if (c == b'+' || c == b'-') && !matches!(body.as_bytes()[i - 1], b'e' | b'E') {
            split = Some(i);
            break;
        }
    }
    let (re, im) = match split {
        Some(i) => (parse_float(&body[..i])?, imag_part(&body[i..])?),
        None => (0.0, imag_part(body)?),
    };
    Some(C { re, im })
}

fn imag_part(s: &str) -> Option<f64> {
    match s {
        "" | "+" => Some(1.0),
        "-" => Some(-1.0),
        _ => parse_float(s),
    }
}

fn parse_float(s: &str) -> Option<f64> {
    if s.is_empty() || s.contains(char::is_whitespace) {
        return None;
    }
    ouro_algo::float::parse(s)
}

impl Vm {
    pub(crate) fn new_complex(&mut self, re: f64, im: f64) -> PyResult<ObjRef> {
        let ty = self.ty(T::Complex).clone();
        self.alloc(&ty, ComplexObj { re, im }, false)
    }

    fn new_c(&mut self, z: C) -> PyResult<ObjRef> {
        self.new_complex(z.re, z.im)
    }

    /// The value of a complex object.
    pub(crate) fn complex_of(o: &ObjRef) -> Option<C> {
        o.get::<ComplexObj>().map(|c| C { re: c.re, im: c.im })
    }

    /// An int, float or complex operand as a complex; None for others.
    fn as_complex(&mut self, o: &ObjRef) -> PyResult<Option<C>> {
        match o.kind() {
            Kind::Complex => Ok(Vm::complex_of(o)),
            Kind::Float => Ok(self.float_value(o).map(|re| C { re, im: 0.0 })),
            Kind::Int | Kind::BigInt => match self.float_value(o) {
                Some(re) => Ok(Some(C { re, im: 0.0 })),
                None => Err(self.overflow_error("int too large to convert to float")),
            },
            _ => Ok(None),
        }
    }

    /// Arithmetic with a complex operand; None means NotImplemented.
    pub(crate) fn complex_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        let (Some(x), Some(y)) = (self.as_complex(a)?, self.as_complex(b)?) else {
            return Ok(None);
        };
        let r = match op {
            BinOp::Add => sum(x, y),
            BinOp::Subtract => diff(x, y),
            BinOp::Multiply => prod(x, y),
            BinOp::TrueDivide => match quot(x, y) {
                Some(r) => r,
                None => return Err(self.zero_division("complex division by zero")),
            },
            BinOp::Power => match pow(x, y) {
                Ok(r) => r,
                Err(PowErr::ZeroToNegative) => {
                    return Err(self.zero_division("0.0 to a negative or complex power"))
                }
                Err(PowErr::Overflow) => return Err(self.overflow_error("complex exponentiation")),
            },
            // Floor division and modulo are not defined (NotImplemented).
            _ => return Ok(None),
        };
        self.new_c(r).map(Some)
    }

    /// `**` of two floats whose result is complex (a negative base to a
    /// fractional power): CPython's float_pow defers to complex.
    pub(crate) fn complex_pow_of_floats(&mut self, x: f64, y: f64) -> PyResult<ObjRef> {
        match pow(C { re: x, im: 0.0 }, C { re: y, im: 0.0 }) {
            Ok(r) => self.new_c(r),
            Err(PowErr::ZeroToNegative) => {
                Err(self.zero_division("0.0 to a negative or complex power"))
            }
            Err(PowErr::Overflow) => Err(self.overflow_error("complex exponentiation")),
        }
    }

    /// `==`/`!=` with a complex side; ordering is not defined (None).
    pub(crate) fn complex_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: CmpOp,
    ) -> PyResult<Option<bool>> {
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return Ok(None);
        }
        let (z, other) = if a.kind() == Kind::Complex {
            (a, b)
        } else {
            (b, a)
        };
        let Some(z) = Vm::complex_of(z) else {
            return Ok(None);
        };
        let eq = match other.kind() {
            Kind::Complex => Vm::complex_of(other) == Some(z),
            Kind::Float => z.im == 0.0 && Some(z.re) == self.float_value(other),
            Kind::Int | Kind::BigInt => {
                // Exactly, as float == int does.
                if z.im != 0.0 {
                    false
                } else {
                    let f = self.new_float(z.re)?;
                    self.builtin_compare(&f, other, CmpOp::Eq)?.unwrap_or(false)
                }
            }
            _ => return Ok(None),
        };
        Ok(Some(eq == (op == CmpOp::Eq)))
    }

    /// `hash(complex)`: `hash(re) + 1000003 * hash(im)`, as `complex_hash`.
    pub(crate) fn complex_hash(&mut self, o: &ObjRef) -> i64 {
        let z = Vm::complex_of(o).unwrap_or(C { re: 0.0, im: 0.0 });
        let hr = ouro_algo::hash::hash_f64(z.re).unwrap_or_else(|| crate::ops::pointer_hash(o));
        let hi = ouro_algo::hash::hash_f64(z.im).unwrap_or_else(|| crate::ops::pointer_hash(o));
        let h = (hr as u64).wrapping_add(1000003u64.wrapping_mul(hi as u64)) as i64;
        if h == -1 {
            -2
        } else {
            h
        }
    }

    pub(crate) fn complex_unary(&mut self, o: &ObjRef, neg: bool) -> PyResult<ObjRef> {
        let z = Vm::complex_of(o).unwrap_or(C { re: 0.0, im: 0.0 });
        if neg {
            self.new_complex(-z.re, -z.im)
        } else {
            self.new_c(z)
        }
    }

    /// `abs(complex)`.
    pub(crate) fn complex_abs(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        let z = Vm::complex_of(o).unwrap_or(C { re: 0.0, im: 0.0 });
        let r = if z.re.is_infinite() || z.im.is_infinite() {
            f64::INFINITY
        } else if z.re.is_nan() || z.im.is_nan() {
            f64::NAN
        } else {
            let h = z.re.hypot(z.im);
            if h.is_infinite() {
                return Err(self.overflow_error("absolute value too large"));
            }
            h
        };
        self.new_float(r)
    }

    /// Whether a constructor argument counts as complex in
    /// `complex_new_impl` (a complex, or an object with `__complex__`).
    fn is_complex_like(&mut self, o: &ObjRef) -> bool {
        o.kind() == Kind::Complex || self.type_lookup_str(&o.class(), "__complex__").is_some()
    }

    /// A constructor argument as a complex: a number, or an object with
    /// `__complex__`, `__float__` or `__index__`.
    fn complex_arg(&mut self, o: &ObjRef, first: bool) -> PyResult<C> {
        if let Some(z) = self.as_complex(o)? {
            return Ok(z);
        }
        let ty = o.class();
        let cname = self.intern("__complex__")?;
        if let Some(f) = self.type_lookup(&ty, &cname) {
            let r = self.call_type_attr(&f, o, Vec::new())?;
            if r.kind() != Kind::Complex {
                let tn = self.type_name_of(&r);
                return Err(
                    self.type_error(format!("__complex__ returned non-complex (type {tn})"))
                );
            }
            return Ok(Vm::complex_of(&r).unwrap_or(C { re: 0.0, im: 0.0 }));
        }
        let fname = self.intern("__float__")?;
        let iname = self.intern("__index__")?;
        if self.type_lookup(&ty, &fname).is_some() || self.type_lookup(&ty, &iname).is_some() {
            let fl = self.ty(T::Float).clone();
            let f = self.call(&fl, vec![o.clone()])?;
            return Ok(C {
                re: self.float_value(&f).unwrap_or(0.0),
                im: 0.0,
            });
        }
        let tn = self.type_name_of(o);
        Err(self.type_error(if first {
            format!("complex() first argument must be a string or a number, not '{tn}'")
        } else {
            format!("complex() second argument must be a number, not '{tn}'")
        }))
    }

    /// `complex(real=0, imag=0)` / `complex(string)`.
    pub(crate) fn complex_new(&mut self, ty: &ObjRef, mut args: Args) -> PyResult<ObjRef> {
        let re_kw = args.take_kw(self, "real");
        let im_kw = args.take_kw(self, "imag");
        args.no_more_kw(self, "complex")?;
        if args.pos.len() > 2 {
            return Err(self.type_error(format!(
                "complex() takes at most 2 arguments ({} given)",
                args.pos.len()
            )));
        }
        let r = args.pos.first().cloned().or(re_kw);
        let i = args.pos.get(1).cloned().or(im_kw);
        let z = match (r, i) {
            (None, None) => C { re: 0.0, im: 0.0 },
            (Some(r), i) if r.kind() == Kind::Str => {
                if i.is_some() {
                    return Err(
                        self.type_error("complex() can't take second arg if first is a string")
                    );
                }
                let text = self.str_of(&r).to_string();
                match parse(&text) {
                    Some(z) => z,
                    None => return Err(self.value_error("complex() arg is a malformed string")),
                }
            }
            (r, i) => {
                if let Some(i) = &i {
                    if i.kind() == Kind::Str {
                        return Err(self.type_error("complex() second arg can't be a string"));
                    }
                }
                let a = match &r {
                    Some(r) => {
                        if i.is_none() && ty.is(self.ty(T::Complex)) && self.is_exact(r, T::Complex)
                        {
                            return Ok(r.clone());
                        }
                        self.complex_arg(r, true)?
                    }
                    None => C { re: 0.0, im: 0.0 },
                };
                let b = match &i {
                    Some(i) => self.complex_arg(i, false)?,
                    None => C { re: 0.0, im: 0.0 },
                };
                // real + imag * 1j, as complex_new_impl: a part that was
                // not complex adds nothing (so complex(1.0, -0.0) keeps -0.0).
                let r_cplx = r.as_ref().is_some_and(|o| self.is_complex_like(o));
                let i_cplx = i.as_ref().is_some_and(|o| self.is_complex_like(o));
                C {
                    re: if i_cplx { a.re - b.im } else { a.re },
                    im: if r_cplx && i.is_some() {
                        b.re + a.im
                    } else if i.is_some() {
                        b.re
                    } else {
                        a.im
                    },
                }
            }
        };
        if ty.is(self.ty(T::Complex)) {
            return self.new_c(z);
        }
        self.alloc(ty, ComplexObj { re: z.re, im: z.im }, true)
    }

    /// `format(complex, spec)`.
    pub(crate) fn complex_format(&mut self, o: &ObjRef, spec: &str) -> PyResult<String> {
        let z = Vm::complex_of(o).unwrap_or(C { re: 0.0, im: 0.0 });
        if spec.is_empty() {
            return Ok(complex_repr(z));
        }
        // Each part formatted as a float with the spec; the imaginary part
        // always signed; no parentheses when a type is given.
        let re = self.new_float(z.re)?;
        let im = self.new_float(z.im)?;
        let last = spec.chars().last().unwrap_or(' ');
        let has_type = last.is_ascii_alphabetic() || last == '%';
        let (body, ty) = if has_type {
            (&spec[..spec.len() - 1], last.to_string())
        } else {
            (spec, "g".to_string())
        };
        let plain_body: String = body.chars().filter(|c| !"<>^=".contains(*c)).collect();
        let re_spec = self.new_str(&format!("{plain_body}{ty}"))?;
        let im_body = if plain_body.starts_with(['+', '-', ' ']) {
            format!("+{}", &plain_body[1..])
        } else {
            format!("+{plain_body}")
        };
        let im_spec = self.new_str(&format!("{im_body}{ty}"))?;
        let rs = self.format(&re, &re_spec)?;
        let is = self.format(&im, &im_spec)?;
        let (rs, is) = (self.str_of(&rs).to_string(), self.str_of(&is).to_string());
        if has_type {
            if z.re == 0.0
                && z.re.is_sign_positive()
                && !matches!(ty.as_str(), "e" | "f" | "E" | "F" | "%")
            {
                Ok(format!("{}j", is.trim_start_matches('+')))
            } else {
                Ok(format!("{rs}{is}j"))
            }
        } else {
            Ok(format!("({rs}{is}j)"))
        }
    }
}

fn this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<C> {
    match args.pos.first().and_then(Vm::complex_of) {
        Some(z) => Ok(z),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'complex' object"))),
    }
}

fn c_conjugate(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "conjugate", 1, 1)?;
    let z = this(vm, &args, "conjugate")?;
    vm.new_complex(z.re, -z.im)
}

fn c_complex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__complex__", 1, 1)?;
    let z = this(vm, &args, "__complex__")?;
    if vm.is_exact(&args.pos[0], T::Complex) {
        return Ok(args.pos[0].clone());
    }
    vm.new_complex(z.re, z.im)
}

fn c_getnewargs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let z = this(vm, &args, "__getnewargs__")?;
    let re = vm.new_float(z.re)?;
    let im = vm.new_float(z.im)?;
    vm.new_tuple_of([re, im])
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    vm.add_method(T::Complex, "conjugate", c_conjugate)?;
    vm.add_method(T::Complex, "__complex__", c_complex)?;
    vm.add_method(T::Complex, "__getnewargs__", c_getnewargs)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repr_matches_cpython() {
        assert_eq!(complex_repr(C { re: 0.0, im: 1.0 }), "1j");
        assert_eq!(complex_repr(C { re: 1.0, im: 2.0 }), "(1+2j)");
        assert_eq!(complex_repr(C { re: -0.0, im: -1.0 }), "(-0-1j)");
        assert_eq!(
            complex_repr(C {
                re: 1.5,
                im: f64::NAN
            }),
            "(1.5+nanj)"
        );
        assert_eq!(complex_repr(C { re: 0.0, im: 1e16 }), "1e+16j");
    }

    #[test]
    fn parses_cpython_forms() {
        assert_eq!(parse("1+2j"), Some(C { re: 1.0, im: 2.0 }));
        assert_eq!(
            parse(" ( -1.5e3-2J ) "),
            Some(C {
                re: -1500.0,
                im: -2.0
            })
        );
        assert_eq!(parse("j"), Some(C { re: 0.0, im: 1.0 }));
        assert_eq!(parse("-j"), Some(C { re: 0.0, im: -1.0 }));
        assert_eq!(parse("1e-3+1e+3j"), Some(C { re: 1e-3, im: 1e3 }));
        assert_eq!(parse("3"), Some(C { re: 3.0, im: 0.0 }));
        assert_eq!(parse("1 + 2j"), None);
        assert_eq!(parse(""), None);
        assert_eq!(parse("1+2"), None);
    }

    #[test]
    fn division_scales_like_cpython() {
        let r = quot(
            C { re: 1.0, im: 1.0 },
            C {
                re: 1e300,
                im: 1e300,
            },
        )
        .unwrap();
        assert_eq!(
            r,
            C {
                re: 1e-300,
                im: 0.0
            }
        );
        assert!(quot(ONE, C { re: 0.0, im: 0.0 }).is_none());
    }
}
