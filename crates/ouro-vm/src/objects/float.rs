//! `float`: IEEE doubles with CPython's repr, arithmetic corner cases and
//! formatting (all from `ouro-algo`).

use ouro_bytecode::BinOp;
use ouro_heap::{Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::vm::Vm;

impl Vm {
    /// Arithmetic with at least one float operand; None = NotImplemented.
    pub(crate) fn float_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        let x = match self.float_value(a) {
            Some(v) => v,
            None => return Err(self.overflow_error("int too large to convert to float")),
        };
        let y = match self.float_value(b) {
            Some(v) => v,
            None => return Err(self.overflow_error("int too large to convert to float")),
        };
        let r = match op {
            BinOp::Add => x + y,
            BinOp::Subtract => x - y,
            BinOp::Multiply => x * y,
            BinOp::TrueDivide => {
                if y == 0.0 {
                    return Err(self.zero_division("float division by zero"));
                }
                x / y
            }
            BinOp::FloorDivide => match ouro_algo::float::floordiv(x, y) {
                Some(v) => v,
                None => return Err(self.zero_division("float floor division by zero")),
            },
            BinOp::Remainder => match ouro_algo::float::rem(x, y) {
                Some(v) => v,
                None => return Err(self.zero_division("float modulo")),
            },
            BinOp::Power => match ouro_algo::float::pow(x, y) {
                Ok(v) => v,
                Err(ouro_algo::float::PowError::ZeroToNegativePower) => {
                    return Err(self.zero_division("0.0 cannot be raised to a negative power"))
                }
                Err(ouro_algo::float::PowError::Overflow) => {
                    return Err(self.overflow_error("(34, 'Numerical result out of range')"))
                }
                Err(ouro_algo::float::PowError::ComplexResult) => {
                    return self.complex_pow_fallback(x, y).map(Some);
                }
            },
            _ => return Ok(None),
        };
        self.new_float(r).map(Some)
    }

    /// `(-8.0) ** (1/3)` is complex in Python 3; ouro has no complex type
    /// yet, so this raises rather than return a wrong real number.
    fn complex_pow_fallback(&mut self, x: f64, y: f64) -> PyResult<ObjRef> {
        self.complex_pow_of_floats(x, y)
    }

    /// `float(x)`.
    pub(crate) fn float_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        args.no_kw(self, "float")?;
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "float expected at most 1 argument, got {}",
                args.len()
            )));
        }
        let Some(x) = std::mem::take(&mut args.pos).into_iter().next() else {
            return self.new_float(0.0);
        };
        match x.kind() {
            Kind::Float => {
                if self.is_exact(&x, crate::types::T::Float) {
                    Ok(x)
                } else {
                    let v = self.float_value(&x).unwrap_or(0.0);
                    self.new_float(v)
                }
            }
            Kind::Int | Kind::BigInt => match self.float_value(&x) {
                Some(v) => self.new_float(v),
                None => Err(self.overflow_error("int too large to convert to float")),
            },
            Kind::Str => {
                let s = self.str_of(&x).to_string();
                match ouro_algo::float::parse(&s) {
                    Some(v) => self.new_float(v),
                    None => {
                        let r = self.repr_builtin(&x)?;
                        Err(self.value_error(format!("could not convert string to float: {r}")))
                    }
                }
            }
            _ => {
                let f = self.names.float_.clone();
                if let Some(r) = self.call_dunder(&x, &f, &[])? {
                    if r.kind() == Kind::Float {
                        return Ok(r);
                    }
                    let tn = self.type_name_of(&x);
                    let rn = self.type_name_of(&r);
                    return Err(
                        self.type_error(format!("{tn}.__float__ returned non-float (type {rn})"))
                    );
                }
                let idx = self.names.index.clone();
                if let Some(r) = self.call_dunder(&x, &idx, &[])? {
                    if let Some(v) = self.float_value(&r) {
                        return self.new_float(v);
                    }
                }
                // PyFloat_FromString of a bytes-like object: its bytes as
                // ASCII text.
                if let Some(d) = self.bytes_data(&x) {
                    let s: Option<String> = d
                        .iter()
                        .map(|&c| c.is_ascii().then_some(c as char))
                        .collect();
                    if let Some(v) = s.as_deref().and_then(ouro_algo::float::parse) {
                        return self.new_float(v);
                    }
                    let r = self.repr(&x)?;
                    let r = self.str_of(&r).to_string();
                    return Err(self.value_error(format!("could not convert string to float: {r}")));
                }
                let tn = self.type_name_of(&x);
                Err(self.type_error(format!(
                    "float() argument must be a string or a real number, not '{tn}'"
                )))
            }
        }
    }

    /// `format(v, spec)` for int, float and str.
    pub(crate) fn format_builtin(&mut self, v: &ObjRef, spec: &str) -> PyResult<String> {
        use ouro_algo::format_spec as fs;
        let tn = self.type_name_of(v);
        let parsed = match fs::parse(spec) {
            Ok(p) => p,
            Err(e) => return Err(self.format_error(e, &tn)),
        };
        let r = match v.kind() {
            Kind::Int | Kind::BigInt => {
                let b = self.to_bigint(v).unwrap_or_default();
                if spec.is_empty() && v.class_is(self.ty(crate::types::T::Bool)) {
                    return self.repr_builtin(v);
                }
                fs::format_int(&b, &parsed)
            }
            Kind::Float => fs::format_float(self.float_value(v).unwrap_or(0.0), &parsed),
            Kind::Str => fs::format_str(self.str_of(v), &parsed),
            _ => return Err(self.internal_error("format_builtin")),
        };
        r.map_err(|e| self.format_error(e, &tn))
    }

    fn format_error(
        &mut self,
        e: ouro_algo::format_spec::FormatError,
        tn: &str,
    ) -> crate::error::PyErr {
        use ouro_algo::format_spec::ExceptionKind;
        let msg = e.message(tn);
        match e.kind() {
            ExceptionKind::ValueError => self.value_error(msg),
            ExceptionKind::OverflowError => self.overflow_error(msg),
            ExceptionKind::MemoryError => self.memory_error(),
        }
    }
}
