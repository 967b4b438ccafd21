//! `_struct`, after CPython 3.11's `Modules/_struct.c`: packing values
//! into bytes and back by a format string. The frozen `lib/struct.py`
//! re-exports it and adds the `Struct` class.
//!
//! A format is compiled (as `prepare_s` does) into a list of codes, each a
//! format character with a repeat count and its offset; `@` (the default)
//! uses the native sizes and alignment of x86-64 Linux, the other prefixes
//! the standard sizes without alignment. The error messages, including the
//! odd ones (`ubyte format requires ...`, `argument out of range` for a
//! value that does not fit a C long), are CPython's.

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use ouro_algo::libm;
use ouro_heap::{Kind, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::vm::Vm;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// `@`: native sizes, alignment and byte order.
    Native,
    Little,
    Big,
}

/// One compiled code: `count` items of `c` (or one string of `count`
/// bytes for `s`/`p`) at `offset`.
#[derive(Clone, Copy)]
struct Code {
    c: u8,
    count: usize,
    offset: usize,
    size: usize,
}

/// A compiled format (CPython's `PyStructObject` without the object).
pub(crate) struct Layout {
    order: Order,
    codes: Vec<Code>,
    /// Total bytes.
    pub(crate) size: usize,
    /// Number of values packed or unpacked.
    pub(crate) items: usize,
}

/// Size and alignment of a format character in the native table, or None.
fn native_entry(c: u8) -> Option<(usize, usize)> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => (1, 1),
        b'h' | b'H' | b'e' => (2, 2),
        b'i' | b'I' | b'f' => (4, 4),
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => (8, 8),
        _ => return None,
    })
}

/// Size of a format character in the standard table, or None.
fn standard_entry(c: u8) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'l' | b'L' | b'f' => 4,
        b'q' | b'Q' | b'd' => 8,
        _ => return None,
    })
}

/// Why a format is refused (each becomes `struct.error`).
pub(crate) enum FormatError {
    BadChar,
    RepeatWithoutCode,
    TooLong,
}

impl FormatError {
    fn message(&self) -> &'static str {
        match self {
            FormatError::BadChar => "bad char in struct format",
            FormatError::RepeatWithoutCode => "repeat count given without format specifier",
            FormatError::TooLong => "total struct size too long",
        }
    }
}

/// Compiles a format. Mirrors CPython's `prepare_s`.
pub(crate) fn compile(fmt: &[u8]) -> Result<Layout, FormatError> {
    let (order, body) = match fmt.first() {
        Some(b'@') => (Order::Native, &fmt[1..]),
        Some(b'=' | b'<') => (Order::Little, &fmt[1..]),
        Some(b'>' | b'!') => (Order::Big, &fmt[1..]),
        _ => (Order::Native, fmt),
    };
    const MAX: usize = isize::MAX as usize;
    let mut codes = Vec::new();
    let (mut size, mut items) = (0usize, 0usize);
    let mut i = 0;
    while i < body.len() {
        let mut c = body[i];
        i += 1;
        if c.is_ascii_whitespace() {
            continue;
        }
        let num = if c.is_ascii_digit() {
            let mut num = (c - b'0') as usize;
            loop {
                let Some(&d) = body.get(i) else {
                    return Err(FormatError::RepeatWithoutCode);
                };
                i += 1;
                if !d.is_ascii_digit() {
                    c = d;
                    break;
                }
                let digit = (d - b'0') as usize;
                if num > (MAX - digit) / 10 {
                    return Err(FormatError::TooLong);
                }
                num = num * 10 + digit;
            }
            num
        } else {
            1
        };
        let (itemsize, align) = if order == Order::Native {
            native_entry(c).ok_or(FormatError::BadChar)?
        } else {
            (standard_entry(c).ok_or(FormatError::BadChar)?, 0)
        };
        if align > 0 && size > 0 {
            size += (align - 1) - (size - 1) % align;
        }
        if num > (MAX - size) / itemsize {
            return Err(FormatError::TooLong);
        }
        match c {
            b's' | b'p' => {
                items += 1;
                codes.push(Code {
                    c,
                    count: num,
                    offset: size,
                    size: num,
                });
            }
            b'x' => {}
            _ => {
                items += num;
                if num > 0 {
                    codes.push(Code {
                        c,
                        count: num,
                        offset: size,
                        size: itemsize,
                    });
                }
            }
        }
        size += num * itemsize;
    }
    Ok(Layout {
        order,
        codes,
        size,
        items,
    })
}

// ------------------------------------------------------------- half floats

/// CPython's `PyFloat_Pack2`: round half to even; None on overflow.
pub(crate) fn pack_half(x: f64) -> Option<u16> {
    let (sign, mut e, mut bits): (u16, i32, u16);
    if x == 0.0 {
        sign = x.is_sign_negative() as u16;
        e = 0;
        bits = 0;
    } else if x.is_infinite() {
        sign = (x < 0.0) as u16;
        e = 0x1f;
        bits = 0;
    } else if x.is_nan() {
        sign = x.is_sign_negative() as u16;
        e = 0x1f;
        bits = 512;
    } else {
        sign = (x < 0.0) as u16;
        let (mut f, ex) = libm::frexp(x.abs());
        f *= 2.0;
        e = ex - 1;
        if e >= 16 {
            return None;
        } else if e < -25 {
            f = 0.0;
            e = 0;
        } else if e < -14 {
            f = libm::ldexp(f, 14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0;
        }
        f *= 1024.0;
        bits = f as u16;
        let rest = f - bits as f64;
        if rest > 0.5 || (rest == 0.5 && bits % 2 == 1) {
            bits += 1;
            if bits == 1024 {
                bits = 0;
                e += 1;
                if e == 31 {
                    return None;
                }
            }
        }
    }
    Some(bits | ((e as u16) << 10) | (sign << 15))
}

/// CPython's `PyFloat_Unpack2`.
pub(crate) fn unpack_half(h: u16) -> f64 {
    let sign = h >> 15 != 0;
    let mut e = ((h >> 10) & 0x1f) as i32;
    let f = (h & 0x3ff) as f64;
    if e == 0x1f {
        let v = if f == 0.0 { f64::INFINITY } else { f64::NAN };
        return if sign { -v } else { v };
    }
    let mut x = f / 1024.0;
    if e == 0 {
        e = -14;
    } else {
        x += 1.0;
        e -= 15;
    }
    x = libm::ldexp(x, e);
    if sign {
        -x
    } else {
        x
    }
}

// ------------------------------------------------------------- errors and arguments

/// Raises `struct.error(msg)`.
pub(crate) fn struct_error(vm: &mut Vm, msg: impl AsRef<str>) -> PyErr {
    let cls = match vm
        .import_top("_struct")
        .and_then(|m| vm.getattr_str(&m, "error"))
    {
        Ok(c) => c,
        Err(e) => return e,
    };
    match vm.new_str(msg.as_ref()) {
        Ok(m) => vm.new_exc_args(&cls, vec![m]),
        Err(e) => e,
    }
}

/// The format argument as bytes: a str (ASCII) or a bytes object.
pub(crate) fn format_bytes(vm: &mut Vm, fmt: &ObjRef) -> PyResult<Vec<u8>> {
    match fmt.kind() {
        Kind::Str => {
            let s = vm.str_of(fmt);
            if s.is_ascii() {
                return Ok(s.as_bytes().to_vec());
            }
            // Let str.encode raise CPython's UnicodeEncodeError.
            let enc = vm.getattr_str(fmt, "encode")?;
            let ascii = vm.new_str("ascii")?;
            vm.call(&enc, vec![ascii])?;
            Err(vm.internal_error("non-ASCII format encoded"))
        }
        Kind::Bytes => Ok(vm.bytes_data(fmt).unwrap_or_default()),
        _ => {
            let tn = vm.type_name_of(fmt);
            Err(vm.type_error(format!(
                "Struct() argument 1 must be a str or bytes object, not {tn}"
            )))
        }
    }
}

fn layout_of(vm: &mut Vm, fmt: &ObjRef) -> PyResult<Layout> {
    let f = format_bytes(vm, fmt)?;
    if f.contains(&0) {
        return Err(struct_error(vm, "embedded null character"));
    }
    compile(&f).map_err(|e| struct_error(vm, e.message()))
}

/// CPython's `get_pylong`: an int, or the result of `__index__`.
fn get_int(vm: &mut Vm, v: &ObjRef) -> PyResult<BigInt> {
    if matches!(v.kind(), Kind::Int | Kind::BigInt) {
        return vm.index_value(v);
    }
    if vm.type_lookup_str(&v.class(), "__index__").is_some() {
        return vm.index_value(v);
    }
    Err(struct_error(vm, "required argument is not an integer"))
}

/// `PyFloat_AsDouble`, any failure reported as CPython's struct does.
fn get_float(vm: &mut Vm, v: &ObjRef) -> PyResult<f64> {
    let r = match v.kind() {
        Kind::Float => vm.float_value(v).ok_or(()),
        Kind::Int | Kind::BigInt => vm.float_value(v).ok_or(()),
        _ => {
            let float_ = vm.names.float_.clone();
            match vm.call_dunder(v, &float_, &[]) {
                Ok(Some(r)) if r.kind() == Kind::Float => vm.float_value(&r).ok_or(()),
                Ok(Some(_)) | Err(_) => Err(()),
                Ok(None) => {
                    if vm.type_lookup_str(&v.class(), "__index__").is_some() {
                        vm.index_value(v)
                            .ok()
                            .and_then(|i| ouro_algo::int::to_f64(&i))
                            .ok_or(())
                    } else {
                        Err(())
                    }
                }
            }
        }
    };
    r.map_err(|_| struct_error(vm, "required argument is not a float"))
}

fn put(out: &mut [u8], order: Order, v: u64, size: usize) {
    for (k, slot) in out.iter_mut().take(size).enumerate() {
        let shift = match order {
            Order::Big => 8 * (size - 1 - k),
            _ => 8 * k,
        };
        *slot = (v >> shift) as u8;
    }
}

fn get(data: &[u8], order: Order, size: usize) -> u64 {
    let mut v = 0u64;
    for k in 0..size {
        let b = data.get(k).copied().unwrap_or(0) as u64;
        let shift = match order {
            Order::Big => 8 * (size - 1 - k),
            _ => 8 * k,
        };
        v |= b << shift;
    }
    v
}

/// Packs one item of code `c` (`size` bytes) into `out`.
fn pack_one(
    vm: &mut Vm,
    order: Order,
    c: u8,
    size: usize,
    v: &ObjRef,
    out: &mut [u8],
) -> PyResult<()> {
    let out_of_range = |vm: &mut Vm| struct_error(vm, "argument out of range");
    let bits: u64 = match c {
        b'?' => vm.truthy(v)? as u64,
        b'c' => {
            if v.kind() == Kind::Bytes && vm.bytes_len(v) == 1 {
                Vm::byte_at(v, 0).unwrap_or(0) as u64
            } else {
                return Err(struct_error(
                    vm,
                    "char format requires a bytes object of length 1",
                ));
            }
        }
        b'e' => {
            let x = get_float(vm, v)?;
            match pack_half(x) {
                Some(h) => h as u64,
                None => return Err(vm.overflow_error("float too large to pack with e format")),
            }
        }
        b'f' => {
            let x = get_float(vm, v)?;
            let y = x as f32;
            if order != Order::Native && y.is_infinite() && !x.is_infinite() {
                return Err(vm.overflow_error("float too large to pack with f format"));
            }
            y.to_bits() as u64
        }
        b'd' => get_float(vm, v)?.to_bits(),
        b'b' | b'B' | b'h' | b'H' | b'i' | b'l' | b'q' | b'n' => {
            let n = get_int(vm, v)?;
            let Some(x) = n.to_i64() else {
                return Err(out_of_range(vm));
            };
            let (lo, hi, msg) = match (c, size) {
                (b'b', _) => (-128, 127, "byte format requires -128 <= number <= 127"),
                (b'B', _) => (0, 255, "ubyte format requires 0 <= number <= 255"),
                (b'h', _) => (
                    -32768,
                    32767,
                    "short format requires -32768 <= number <= 32767",
                ),
                (b'H', _) => (0, 65535, "ushort format requires 0 <= number <= 65535"),
                (_, 4) => (i32::MIN as i64, i32::MAX as i64, ""),
                _ => (i64::MIN, i64::MAX, ""),
            };
            if x < lo || x > hi {
                let msg = if msg.is_empty() {
                    format!("'{}' format requires {lo} <= number <= {hi}", c as char)
                } else {
                    msg.to_string()
                };
                return Err(struct_error(vm, msg));
            }
            x as u64
        }
        b'I' | b'L' | b'Q' | b'N' => {
            let n = get_int(vm, v)?;
            let Some(x) = n.to_u64() else {
                return Err(out_of_range(vm));
            };
            if size == 4 && x > u32::MAX as u64 {
                return Err(struct_error(
                    vm,
                    format!("'{}' format requires 0 <= number <= 4294967295", c as char),
                ));
            }
            x
        }
        b'P' => {
            let n = get_int(vm, v)?;
            match n.to_u64().or_else(|| n.to_i64().map(|i| i as u64)) {
                Some(x) => x,
                None => return Err(struct_error(vm, "int too large to convert")),
            }
        }
        _ => return Err(vm.internal_error("struct code")),
    };
    put(out, order, bits, size);
    Ok(())
}

/// One item of native code `c` (`@` sizes and byte order) from `data`:
/// memoryview's `unpack_single`.
pub(crate) fn unpack_native(vm: &mut Vm, c: u8, data: &[u8]) -> PyResult<ObjRef> {
    let Some((size, _)) = native_entry(c) else {
        return Err(vm.internal_error("memoryview format"));
    };
    unpack_one(vm, Order::Native, c, size, data)
}

fn unpack_one(vm: &mut Vm, order: Order, c: u8, size: usize, data: &[u8]) -> PyResult<ObjRef> {
    let raw = get(data, order, size);
    match c {
        b'?' => Ok(vm.new_bool(raw != 0)),
        b'c' => vm.new_bytes(&[raw as u8]),
        b'e' => vm.new_float(unpack_half(raw as u16)),
        b'f' => vm.new_float(f32::from_bits(raw as u32) as f64),
        b'd' => vm.new_float(f64::from_bits(raw)),
        b'b' => vm.new_int(raw as u8 as i8 as i64),
        b'h' => vm.new_int(raw as u16 as i16 as i64),
        b'i' | b'l' if size == 4 => vm.new_int(raw as u32 as i32 as i64),
        b'i' | b'l' | b'q' | b'n' => vm.new_int(raw as i64),
        _ => {
            if raw <= i64::MAX as u64 {
                vm.new_int(raw as i64)
            } else {
                vm.new_bigint(BigInt::from(raw))
            }
        }
    }
}

impl Layout {
    /// Packs `values` (exactly `self.items` of them) into `out`
    /// (`self.size` bytes, zeroed).
    pub(crate) fn pack(&self, vm: &mut Vm, values: &[ObjRef], out: &mut [u8]) -> PyResult<()> {
        let mut vals = values.iter();
        for code in &self.codes {
            match code.c {
                b's' | b'p' => {
                    let Some(v) = vals.next() else { break };
                    if !matches!(v.kind(), Kind::Bytes | Kind::ByteArray) {
                        return Err(struct_error(
                            vm,
                            format!("argument for '{}' must be a bytes object", code.c as char),
                        ));
                    }
                    let b = vm.bytes_data(v).unwrap_or_default();
                    let dst = out
                        .get_mut(code.offset..code.offset + code.count)
                        .unwrap_or_default();
                    if code.c == b's' {
                        let n = b.len().min(code.count);
                        dst[..n].copy_from_slice(&b[..n]);
                    } else if code.count > 0 {
                        let n = b.len().min(code.count - 1);
                        dst[1..1 + n].copy_from_slice(&b[..n]);
                        dst[0] = n.min(255) as u8;
                    }
                }
                _ => {
                    for k in 0..code.count {
                        let Some(v) = vals.next() else { break };
                        let at = code.offset + k * code.size;
                        let dst = out.get_mut(at..at + code.size).unwrap_or_default();
                        pack_one(vm, self.order, code.c, code.size, v, dst)?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Unpacks `data` (at least `self.size` bytes) into a tuple.
    pub(crate) fn unpack(&self, vm: &mut Vm, data: &[u8]) -> PyResult<ObjRef> {
        let mut items = Vec::with_capacity(self.items);
        for code in &self.codes {
            match code.c {
                b's' | b'p' => {
                    let src = data
                        .get(code.offset..code.offset + code.count)
                        .unwrap_or_default();
                    let v = if code.c == b's' {
                        vm.new_bytes(src)?
                    } else {
                        let n = match src.split_first() {
                            Some((&n, rest)) => &rest[..(n as usize).min(rest.len())],
                            None => &[],
                        };
                        vm.new_bytes(n)?
                    };
                    items.push(v);
                }
                _ => {
                    for k in 0..code.count {
                        let at = code.offset + k * code.size;
                        let src = data.get(at..at + code.size).unwrap_or_default();
                        items.push(unpack_one(vm, self.order, code.c, code.size, src)?);
                    }
                }
            }
        }
        vm.new_tuple(items)
    }
}

// ------------------------------------------------------------- the functions

fn pack_values(vm: &mut Vm, layout: &Layout, vals: &[ObjRef], what: &str) -> PyResult<Vec<u8>> {
    if vals.len() != layout.items {
        return Err(struct_error(
            vm,
            format!(
                "{what} expected {} items for packing (got {})",
                layout.items,
                vals.len()
            ),
        ));
    }
    let mut out = vec![0u8; layout.size];
    layout.pack(vm, vals, &mut out)?;
    Ok(out)
}

fn struct_pack(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "pack")?;
    let Some((fmt, vals)) = args.pos.split_first() else {
        return Err(vm.type_error("pack expected at least 1 argument, got 0"));
    };
    let layout = layout_of(vm, fmt)?;
    let out = pack_values(vm, &layout, vals, "pack")?;
    vm.new_bytes(&out)
}

fn struct_pack_into(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "pack_into")?;
    let Some((fmt, rest)) = args.pos.split_first() else {
        return Err(vm.type_error("pack_into expected at least 1 argument, got 0"));
    };
    let layout = layout_of(vm, fmt)?;
    let Some((buf, rest)) = rest.split_first() else {
        return Err(struct_error(vm, "pack_into expected buffer argument"));
    };
    let Some((off, vals)) = rest.split_first() else {
        return Err(struct_error(vm, "pack_into expected offset argument"));
    };
    let len = vm.writable_buffer_len(buf)?;
    if vals.len() != layout.items {
        return Err(struct_error(
            vm,
            format!(
                "pack_into expected {} items for packing (got {})",
                layout.items,
                vals.len()
            ),
        ));
    }
    let mut offset = vm.index_isize(off)?;
    if offset < 0 {
        if offset + (layout.size as isize) > 0 {
            return Err(struct_error(
                vm,
                format!("no space to pack {} bytes at offset {offset}", layout.size),
            ));
        }
        if offset + (len as isize) < 0 {
            return Err(struct_error(
                vm,
                format!("offset {offset} out of range for {len}-byte buffer"),
            ));
        }
        offset += len as isize;
    }
    let offset = offset as usize;
    if len < offset || len - offset < layout.size {
        return Err(struct_error(
            vm,
            format!(
                "pack_into requires a buffer of at least {} bytes for packing {} bytes at offset {offset} (actual buffer size is {len})",
                layout.size + offset,
                layout.size
            ),
        ));
    }
    let mut out = vec![0u8; layout.size];
    layout.pack(vm, vals, &mut out)?;
    vm.buffer_write(buf, offset, &out)?;
    Ok(vm.none.clone())
}

fn struct_unpack(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "unpack")?;
    args.check(vm, "unpack", 2, 2)?;
    let layout = layout_of(vm, &args.pos[0])?;
    let data = vm.buffer_arg(&args.pos[1])?;
    if data.len() != layout.size {
        return Err(struct_error(
            vm,
            format!("unpack requires a buffer of {} bytes", layout.size),
        ));
    }
    layout.unpack(vm, &data)
}

fn struct_unpack_from(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw_buf = args.take_kw(vm, "buffer");
    let kw_off = args.take_kw(vm, "offset");
    args.no_more_kw(vm, "unpack_from")?;
    let mut pos = args.pos.clone();
    pos.extend(kw_buf);
    if pos.len() == 2 {
        if let Some(o) = kw_off {
            pos.push(o);
        }
    }
    if pos.len() < 2 || pos.len() > 3 {
        return Err(vm.type_error(format!(
            "unpack_from() takes from 2 to 3 positional arguments but {} were given",
            pos.len()
        )));
    }
    let layout = layout_of(vm, &pos[0])?;
    let data = vm.buffer_arg(&pos[1])?;
    let mut offset = match pos.get(2) {
        Some(o) => vm.index_isize(o)?,
        None => 0,
    };
    let len = data.len() as isize;
    let size = layout.size as isize;
    if offset < 0 {
        if offset + size > 0 {
            return Err(struct_error(
                vm,
                format!("not enough data to unpack {size} bytes at offset {offset}"),
            ));
        }
        if offset + len < 0 {
            return Err(struct_error(
                vm,
                format!("offset {offset} out of range for {len}-byte buffer"),
            ));
        }
        offset += len;
    }
    if len - offset < size {
        return Err(struct_error(
            vm,
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {len})",
                size + offset
            ),
        ));
    }
    layout.unpack(vm, &data[offset as usize..])
}

fn struct_iter_unpack(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "iter_unpack")?;
    args.check(vm, "iter_unpack", 2, 2)?;
    let layout = layout_of(vm, &args.pos[0])?;
    let data = vm.buffer_arg(&args.pos[1])?;
    if layout.size == 0 {
        return Err(struct_error(
            vm,
            "cannot iteratively unpack with a struct of length 0",
        ));
    }
    if data.len() % layout.size != 0 {
        return Err(struct_error(
            vm,
            format!(
                "iterative unpacking requires a buffer of a multiple of {} bytes",
                layout.size
            ),
        ));
    }
    let mut out = Vec::with_capacity(data.len() / layout.size);
    for chunk in data.chunks(layout.size) {
        out.push(layout.unpack(vm, chunk)?);
    }
    let list = vm.new_list(out)?;
    vm.iter(&list)
}

fn struct_calcsize(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "calcsize")?;
    let layout = layout_of(vm, &args.pos[0])?;
    vm.new_int(layout.size as i64)
}

/// `_struct._format(fmt)`: the format as a str (for `Struct.format`),
/// validated.
fn struct_format(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one(vm, "_format")?;
    layout_of(vm, &args.pos[0])?;
    let f = format_bytes(vm, &args.pos[0])?;
    vm.new_str(&String::from_utf8_lossy(&f))
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_struct")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("pack", struct_pack),
        ("pack_into", struct_pack_into),
        ("unpack", struct_unpack),
        ("unpack_from", struct_unpack_from),
        ("iter_unpack", struct_iter_unpack),
        ("calcsize", struct_calcsize),
        ("_format", struct_format),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    // struct.error: a plain Exception subclass named as CPython's.
    let name = vm.new_str("error")?;
    let exc = vm.ty(crate::types::T::Exception).clone();
    let bases = vm.new_tuple_of([exc])?;
    let ns = vm.new_dict()?;
    let modkey = vm.intern("__module__")?;
    let modname = vm.new_str("struct")?;
    vm.dict_set_str(&ns, &modkey, modname)?;
    let meta = vm.ty(crate::types::T::Type).clone();
    let cls = vm.type_new(&meta, &name, &bases, &ns, &[])?;
    let key = vm.intern("error")?;
    vm.dict_set_str(&d, &key, cls)?;
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn native_alignment() {
        assert_eq!(compile(b"ci").ok().map(|l| l.size), Some(8));
        assert_eq!(compile(b"@ci0q").ok().map(|l| l.size), Some(8));
        assert_eq!(compile(b"<ci").ok().map(|l| l.size), Some(5));
        assert!(compile(b"<n").is_err());
    }

    #[test]
    fn half_round_trip() {
        assert_eq!(pack_half(1.0), Some(0x3c00));
        assert_eq!(pack_half(65504.0), Some(0x7bff));
        assert_eq!(pack_half(65520.0), None);
        assert_eq!(unpack_half(0x3c00), 1.0);
    }
}
