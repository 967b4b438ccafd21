//! The builtin types' special methods as attributes: `int.__add__`,
//! `list.__getitem__`, `super().__len__()` in a subclass. CPython exposes
//! each C slot as a `wrapper_descriptor` in the type's dict; ouro installs a
//! method descriptor per special method that runs the builtin behaviour of
//! the receiver's layout directly — never the receiver's class's override,
//! so `super().__getitem__(k)` inside a `__getitem__` does not recurse.
//!
//! The operators of the interpreter do not go through these: they dispatch
//! on the layout themselves, and use a class's dict only for heap types.

use ouro_bytecode::{BinOp, CmpOp};
use ouro_heap::{Kind, ListObj, ObjRef};

use crate::error::PyResult;
use crate::interp::UnaryKind;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// The receiver and the one argument of a binary special method.
fn two(vm: &mut Vm, args: &Args, name: &str) -> PyResult<(ObjRef, ObjRef)> {
    args.no_kw(vm, name)?;
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "expected 1 argument, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    Ok((args.pos[0].clone(), args.pos[1].clone()))
}

fn one(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    if args.pos.len() != 1 {
        return Err(vm.type_error(format!(
            "expected 0 arguments, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    Ok(args.pos[0].clone())
}

/// `a.__op__(b)` (or `__rop__`, with the operands swapped): the builtin
/// arithmetic, NotImplemented when the builtin types do not combine.
fn binop(vm: &mut Vm, args: Args, op: BinOp, reflected: bool, name: &str) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, name)?;
    let (x, y) = if reflected { (&b, &a) } else { (&a, &b) };
    // A sequence repeated by an int is the sequence's operation (`[1] * 2`,
    // `2 * [1]`), so `int.__mul__(2, [1])` is NotImplemented, as in CPython.
    let seq = |o: &ObjRef| {
        matches!(
            o.kind(),
            Kind::Str | Kind::List | Kind::Tuple | Kind::Bytes | Kind::ByteArray
        )
    };
    if op == BinOp::Multiply && matches!(a.kind(), Kind::Int | Kind::BigInt) && seq(&b) {
        return Ok(vm.not_implemented.clone());
    }
    if int_meets_float(&a, &b) {
        return Ok(vm.not_implemented.clone());
    }
    let r = vm.builtin_binop(x, y, op)?;
    Ok(r.unwrap_or_else(|| vm.not_implemented.clone()))
}

/// int's slots leave mixed int/float operations to float's (`(1).__eq__(1.0)`
/// is NotImplemented; `(1.0).__eq__(1)` is True).
fn int_meets_float(receiver: &ObjRef, other: &ObjRef) -> bool {
    matches!(receiver.kind(), Kind::Int | Kind::BigInt) && other.kind() == Kind::Float
}

fn compare(vm: &mut Vm, args: Args, op: CmpOp, name: &str) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, name)?;
    if int_meets_float(&a, &b) {
        return Ok(vm.not_implemented.clone());
    }
    match vm.builtin_compare(&a, &b, op)? {
        Some(r) => Ok(vm.new_bool(r)),
        None => Ok(vm.not_implemented.clone()),
    }
}

macro_rules! binops {
    ($($f:ident, $rf:ident, $op:expr, $name:literal, $rname:literal;)*) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                binop(vm, args, $op, false, $name)
            }
            fn $rf(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                binop(vm, args, $op, true, $rname)
            }
        )*
        /// (name, reflected name, operator, plain fn, reflected fn).
        const BINOPS: &[(&str, &str, BinOp, NativeFn, NativeFn)] = &[
            $(($name, $rname, $op, $f, $rf),)*
        ];
    };
}

binops! {
    s_add, s_radd, BinOp::Add, "__add__", "__radd__";
    s_sub, s_rsub, BinOp::Subtract, "__sub__", "__rsub__";
    s_mul, s_rmul, BinOp::Multiply, "__mul__", "__rmul__";
    s_truediv, s_rtruediv, BinOp::TrueDivide, "__truediv__", "__rtruediv__";
    s_floordiv, s_rfloordiv, BinOp::FloorDivide, "__floordiv__", "__rfloordiv__";
    s_mod, s_rmod, BinOp::Remainder, "__mod__", "__rmod__";
    s_pow, s_rpow, BinOp::Power, "__pow__", "__rpow__";
    s_lshift, s_rlshift, BinOp::Lshift, "__lshift__", "__rlshift__";
    s_rshift, s_rrshift, BinOp::Rshift, "__rshift__", "__rrshift__";
    s_and, s_rand, BinOp::And, "__and__", "__rand__";
    s_or, s_ror, BinOp::Or, "__or__", "__ror__";
    s_xor, s_rxor, BinOp::Xor, "__xor__", "__rxor__";
}

macro_rules! compares {
    ($($f:ident, $op:expr, $name:literal;)*) => {
        $(
            fn $f(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
                compare(vm, args, $op, $name)
            }
        )*
        const COMPARES: &[(&str, NativeFn)] = &[$(($name, $f),)*];
    };
}

compares! {
    s_lt, CmpOp::Lt, "__lt__";
    s_le, CmpOp::Le, "__le__";
    s_eq, CmpOp::Eq, "__eq__";
    s_ne, CmpOp::Ne, "__ne__";
    s_gt, CmpOp::Gt, "__gt__";
    s_ge, CmpOp::Ge, "__ge__";
}

/// Which binary operators a builtin type implements (CPython's nb_* and
/// sq_* slots that are filled).
fn has_binop(t: T, op: BinOp) -> bool {
    use BinOp::*;
    match t {
        T::Int => !matches!(op, MatrixMultiply),
        T::Float => matches!(
            op,
            Add | Subtract | Multiply | TrueDivide | FloorDivide | Remainder | Power
        ),
        T::Complex => matches!(op, Add | Subtract | Multiply | TrueDivide | Power),
        T::Str | T::Bytes | T::ByteArray => matches!(op, Add | Multiply | Remainder),
        T::List | T::Tuple => matches!(op, Add | Multiply),
        T::Dict => matches!(op, Or),
        _ => false,
    }
}

/// Whether the reflected form exists: only for numbers and for `*` of
/// sequences (`__rmul__`) and `%` of str/bytes (`__rmod__`).
fn has_reflected(t: T, op: BinOp) -> bool {
    match t {
        T::Int | T::Float | T::Complex => has_binop(t, op),
        T::Str | T::Bytes | T::ByteArray => matches!(op, BinOp::Multiply | BinOp::Remainder),
        T::List | T::Tuple => op == BinOp::Multiply,
        T::Dict => op == BinOp::Or,
        _ => false,
    }
}

fn s_len(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__len__")?;
    let n = match o.kind() {
        Kind::List => o.borrow::<ListObj>().map_or(0, |l| l.items.len()),
        Kind::Tuple => vm.seq_items(&o).len(),
        Kind::Str => o.get::<ouro_heap::StrObj>().map_or(0, |s| s.char_len()),
        Kind::Bytes | Kind::ByteArray => vm.bytes_len(&o),
        Kind::Dict => o
            .borrow::<ouro_heap::DictObj>()
            .map_or(0, |d| d.table.len()),
        Kind::Range => vm.range_len(&o)?,
        _ => {
            let tn = vm.type_name_of(&o);
            return Err(vm.type_error(format!("object of type '{tn}' has no len()")));
        }
    };
    vm.new_int(n as i64)
}

fn s_getitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (o, k) = two(vm, &args, "__getitem__")?;
    match o.kind() {
        Kind::List => vm.list_getitem(&o, &k),
        Kind::Tuple => vm.tuple_getitem(&o, &k),
        Kind::Str => vm.str_getitem(&o, &k),
        Kind::Bytes | Kind::ByteArray => vm.bytes_getitem(&o, &k),
        Kind::Range => vm.range_getitem(&o, &k),
        _ => {
            let tn = vm.type_name_of(&o);
            Err(vm.type_error(format!("'{tn}' object is not subscriptable")))
        }
    }
}

fn s_setitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "__setitem__")?;
    if args.pos.len() != 3 {
        return Err(vm.type_error(format!(
            "expected 2 arguments, got {}",
            args.pos.len().saturating_sub(1)
        )));
    }
    let (o, k, v) = (
        args.pos[0].clone(),
        args.pos[1].clone(),
        args.pos[2].clone(),
    );
    match o.kind() {
        Kind::List => vm.list_setitem(&o, &k, v)?,
        Kind::ByteArray => vm.bytearray_setitem(&o, &k, v)?,
        _ => {
            let tn = vm.type_name_of(&o);
            return Err(vm.type_error(format!("'{tn}' object does not support item assignment")));
        }
    }
    Ok(vm.none.clone())
}

fn s_delitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (o, k) = two(vm, &args, "__delitem__")?;
    match o.kind() {
        Kind::List => vm.list_delitem(&o, &k)?,
        Kind::ByteArray => vm.bytearray_delitem(&o, &k)?,
        _ => {
            let tn = vm.type_name_of(&o);
            return Err(vm.type_error(format!("'{tn}' object doesn't support item deletion")));
        }
    }
    Ok(vm.none.clone())
}

fn s_contains(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (o, x) = two(vm, &args, "__contains__")?;
    let r = vm.builtin_contains(&o, &x)?;
    Ok(vm.new_bool(r))
}

fn s_iter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__iter__")?;
    vm.builtin_iter(&o)
}

fn s_hash(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__hash__")?;
    let h = vm.builtin_hash(&o)?;
    vm.new_int(h)
}

fn s_repr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__repr__")?;
    let r = vm.repr_builtin(&o)?;
    vm.new_str(&r)
}

fn s_str_str(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__str__")?;
    if vm.is_exact(&o, T::Str) {
        return Ok(o);
    }
    let s = vm.str_of(&o).to_string();
    vm.new_str(&s)
}

fn s_bool(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__bool__")?;
    let b = match o.kind() {
        Kind::Int => Vm::int_of(&o) != Some(0),
        Kind::BigInt => true,
        Kind::Float => vm.float_value(&o) != Some(0.0),
        Kind::Complex => Vm::complex_of(&o).is_some_and(|z| z.re != 0.0 || z.im != 0.0),
        _ => true,
    };
    Ok(vm.new_bool(b))
}

fn unary(vm: &mut Vm, args: Args, kind: UnaryKind, name: &str) -> PyResult<ObjRef> {
    let o = one(vm, &args, name)?;
    match (o.kind(), kind) {
        (Kind::Int | Kind::BigInt, _) => vm.int_unary(&o, kind),
        (Kind::Float, UnaryKind::Neg) => {
            let v = vm.float_value(&o).unwrap_or(0.0);
            vm.new_float(-v)
        }
        (Kind::Float, _) => {
            let v = vm.float_value(&o).unwrap_or(0.0);
            vm.new_float(v)
        }
        (Kind::Complex, UnaryKind::Neg) => vm.complex_unary(&o, true),
        (Kind::Complex, UnaryKind::Pos) => vm.complex_unary(&o, false),
        _ => Ok(vm.not_implemented.clone()),
    }
}

fn s_neg(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    unary(vm, args, UnaryKind::Neg, "__neg__")
}

fn s_pos(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    unary(vm, args, UnaryKind::Pos, "__pos__")
}

fn s_invert(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    unary(vm, args, UnaryKind::Invert, "__invert__")
}

fn s_complex_abs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__abs__")?;
    vm.complex_abs(&o)
}

fn s_float_abs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = one(vm, &args, "__abs__")?;
    let v = vm.float_value(&o).unwrap_or(0.0);
    vm.new_float(v.abs())
}

/// `x.__divmod__(y)` / `x.__rdivmod__(y)` of ints and floats.
fn divmod_slot(vm: &mut Vm, args: Args, reflected: bool, name: &str) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, name)?;
    let num = |o: &ObjRef| matches!(o.kind(), Kind::Int | Kind::BigInt | Kind::Float);
    if !num(&b) || int_meets_float(&a, &b) {
        return Ok(vm.not_implemented.clone());
    }
    let pair = if reflected { vec![b, a] } else { vec![a, b] };
    crate::builtins::builtin_divmod(vm, Args::new(pair))
}

fn s_divmod(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    divmod_slot(vm, args, false, "__divmod__")
}

fn s_rdivmod(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    divmod_slot(vm, args, true, "__rdivmod__")
}

fn s_round(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    crate::builtins::builtin_round(vm, args)
}

/// `range.count(x)` and `range.index(x)`.
fn range_search(vm: &mut Vm, args: Args, index: bool) -> PyResult<ObjRef> {
    let name = if index { "index" } else { "count" };
    let (r, x) = two(vm, &args, name)?;
    if matches!(x.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(&x) {
        let found = vm.range_contains(&r, &x)?;
        if index {
            if !found {
                let s = vm.repr_string(&x)?;
                return Err(vm.value_error(format!("{s} is not in range")));
            }
            return vm.range_index_of(&r, &x);
        }
        return vm.new_int(i64::from(found));
    }
    // Other values: compare item by item, as a sequence.
    let it = vm.iter(&r)?;
    let mut i = 0i64;
    let mut n = 0i64;
    while let Some(v) = vm.next(&it)? {
        if vm.eq(&v, &x)? {
            if index {
                return vm.new_int(i);
            }
            n += 1;
        }
        i += 1;
    }
    if index {
        return Err(vm.value_error("sequence.index(x): x not in sequence"));
    }
    vm.new_int(n)
}

fn s_range_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    range_search(vm, args, false)
}

fn s_range_index(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    range_search(vm, args, true)
}

/// `list.__init__(self, iterable=())`: empties the list, then extends it.
fn s_list_init(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "list")?;
    if args.pos.len() > 2 {
        return Err(vm.type_error(format!(
            "list expected at most 1 argument, got {}",
            args.pos.len() - 1
        )));
    }
    let o = args.pos[0].clone();
    let items = match args.pos.get(1) {
        Some(src) => vm.iterate(src)?,
        None => Vec::new(),
    };
    let old = match o.borrow_mut::<ListObj>() {
        Some(mut l) => std::mem::replace(&mut l.items, ouro_heap::hvec_from(items)),
        None => return Err(vm.type_error("descriptor '__init__' requires a 'list' object")),
    };
    drop(old);
    Ok(vm.none.clone())
}

/// `list += x` and `list *= n` as methods. `__iadd__` is
/// `list_inplace_concat`: it extends, so an `x` that cannot be iterated
/// fails there (a subclass's `+=` comes here before any `__radd__`).
fn s_list_iadd(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, "__iadd__")?;
    if a.kind() != Kind::List {
        return Ok(vm.not_implemented.clone());
    }
    vm.list_extend(&a, &b)?;
    Ok(a)
}

fn s_list_imul(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, "__imul__")?;
    match vm.list_inplace(&a, &b, BinOp::Multiply)? {
        Some(r) => Ok(r),
        None => Ok(vm.not_implemented.clone()),
    }
}

/// `bytearray += x` and `bytearray *= n` as methods.
fn s_bytearray_iadd(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, "__iadd__")?;
    if a.kind() != Kind::ByteArray {
        return Ok(vm.not_implemented.clone());
    }
    match vm.bytearray_inplace(&a, &b, BinOp::Add)? {
        Some(r) => Ok(r),
        None => Ok(vm.not_implemented.clone()),
    }
}

fn s_bytearray_imul(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (a, b) = two(vm, &args, "__imul__")?;
    if a.kind() != Kind::ByteArray {
        return Ok(vm.not_implemented.clone());
    }
    match vm.bytearray_inplace(&a, &b, BinOp::Multiply)? {
        Some(r) => Ok(r),
        None => Ok(vm.not_implemented.clone()),
    }
}

/// Installs the special methods each builtin type implements, leaving any
/// the type's own module already installed.
pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let numbers = [T::Int, T::Float];
    let sequences = [T::Str, T::Bytes, T::ByteArray, T::List, T::Tuple];
    let all = [
        T::Int,
        T::Float,
        T::Str,
        T::Bytes,
        T::ByteArray,
        T::List,
        T::Tuple,
        T::Dict,
        T::Range,
        T::Complex,
    ];
    let add = |vm: &mut Vm, t: T, name: &'static str, f: NativeFn| -> PyResult<()> {
        let ty = vm.ty(t).clone();
        let d = vm.type_dict(&ty)?;
        let key = vm.intern(name)?;
        if vm.dict_get_str(&d, &key).is_none() {
            vm.add_method(t, name, f)?;
        }
        Ok(())
    };
    for t in all {
        for &(name, rname, op, f, rf) in BINOPS {
            if has_binop(t, op) {
                add(vm, t, name, f)?;
            }
            if has_reflected(t, op) {
                add(vm, t, rname, rf)?;
            }
        }
        // Dicts compare only for equality; ranges too.
        for &(name, f) in COMPARES {
            let ordered = !matches!(t, T::Dict | T::Range | T::Complex);
            if ordered || matches!(name, "__eq__" | "__ne__") {
                add(vm, t, name, f)?;
            }
        }
        add(vm, t, "__repr__", s_repr)?;
        if !matches!(t, T::List | T::Dict | T::ByteArray) {
            add(vm, t, "__hash__", s_hash)?;
        }
    }
    for t in numbers {
        add(vm, t, "__bool__", s_bool)?;
        add(vm, t, "__neg__", s_neg)?;
        add(vm, t, "__pos__", s_pos)?;
    }
    add(vm, T::Int, "__invert__", s_invert)?;
    add(vm, T::Complex, "__bool__", s_bool)?;
    add(vm, T::Complex, "__neg__", s_neg)?;
    add(vm, T::Complex, "__pos__", s_pos)?;
    add(vm, T::Complex, "__abs__", s_complex_abs)?;
    for t in numbers {
        add(vm, t, "__divmod__", s_divmod)?;
        add(vm, t, "__rdivmod__", s_rdivmod)?;
        add(vm, t, "__round__", s_round)?;
    }
    add(vm, T::Range, "count", s_range_count)?;
    add(vm, T::Range, "index", s_range_index)?;
    add(vm, T::Float, "__abs__", s_float_abs)?;
    for t in sequences.into_iter().chain([T::Range, T::Dict]) {
        add(vm, t, "__len__", s_len)?;
        add(vm, t, "__contains__", s_contains)?;
        add(vm, t, "__iter__", s_iter)?;
        if t != T::Dict {
            add(vm, t, "__getitem__", s_getitem)?;
        }
    }
    for t in [T::List, T::ByteArray] {
        add(vm, t, "__setitem__", s_setitem)?;
        add(vm, t, "__delitem__", s_delitem)?;
    }
    // Mutable containers are unhashable: `__hash__` is None in their dicts,
    // as CPython's `PyObject_HashNotImplemented` shows through.
    for t in [T::List, T::Dict, T::ByteArray, T::Set] {
        let ty = vm.ty(t).clone();
        let d = vm.type_dict(&ty)?;
        let key = vm.names.hash.clone();
        if vm.dict_get_str(&d, &key).is_none() {
            let none = vm.none.clone();
            vm.dict_set_str(&d, &key, none)?;
        }
    }
    add(vm, T::Str, "__str__", s_str_str)?;
    add(vm, T::List, "__init__", s_list_init)?;
    add(vm, T::List, "__iadd__", s_list_iadd)?;
    add(vm, T::ByteArray, "__iadd__", s_bytearray_iadd)?;
    add(vm, T::ByteArray, "__imul__", s_bytearray_imul)?;
    add(vm, T::List, "__imul__", s_list_imul)?;
    Ok(())
}
