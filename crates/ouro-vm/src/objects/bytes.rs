//! `bytes` and `bytearray`: immutable bytes stored inline in the object
//! (CPython's `PyBytesObject`) and a growable buffer in the private heap
//! (`PyByteArrayObject`). Neither holds references, so neither is a
//! container for the collector, as in CPython.
//!
//! The methods the two types share are written once over `&[u8]`; a method
//! returns a new object of its receiver's type (`bytearray.upper()` is a
//! bytearray), as CPython's `bytes_methods.c` does.

use ouro_bytecode::BinOp;
use ouro_heap::{ByteArrayObj, BytesObj, Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::objects::codecs::codec_args;
use crate::types::T;
use crate::vm::Vm;

/// `repr(bytes)`'s body: `b'...'` with CPython's quote choice and escapes.
pub(crate) fn bytes_repr(data: &[u8]) -> String {
    let quote = if data.contains(&b'\'') && !data.contains(&b'"') {
        b'"'
    } else {
        b'\''
    };
    let mut out = String::with_capacity(data.len() + 3);
    out.push('b');
    out.push(quote as char);
    for &c in data {
        match c {
            b'\\' => out.push_str("\\\\"),
            b'\t' => out.push_str("\\t"),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c as char);
            }
            0x20..=0x7e => out.push(c as char),
            c => out.push_str(&format!("\\x{c:02x}")),
        }
    }
    out.push(quote as char);
    out
}

/// CPython's `Py_ISSPACE` on bytes: space, \t, \n, \v, \f, \r.
fn is_space(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

impl Vm {
    pub(crate) fn new_bytes(&mut self, b: &[u8]) -> PyResult<ObjRef> {
        let ty = self.ty(T::Bytes).clone();
        ouro_heap::alloc_bytes(&ty, b, false).map_err(|_| self.memory_error())
    }

    pub(crate) fn new_bytearray(&mut self, b: &[u8]) -> PyResult<ObjRef> {
        if !ouro_heap::fits_in_limit(b.len()) {
            return Err(self.memory_error());
        }
        let ty = self.ty(T::ByteArray).clone();
        let mut data = ouro_heap::hvec();
        data.extend_from_slice(b);
        self.alloc(&ty, ByteArrayObj::new(data), false)
    }

    /// A new object of `like`'s builtin kind (bytes or bytearray).
    fn bytes_like_new(&mut self, like: &ObjRef, b: &[u8]) -> PyResult<ObjRef> {
        if like.kind() == Kind::ByteArray {
            self.new_bytearray(b)
        } else {
            self.new_bytes(b)
        }
    }

    /// Runs `f` on the contents of a bytes or bytearray object, without
    /// copying them; None for other objects.
    pub(crate) fn with_bytes<R>(o: &ObjRef, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
        match o.kind() {
            Kind::Bytes => o.get::<BytesObj>().map(|b| f(b.as_bytes())),
            Kind::ByteArray => o.borrow::<ByteArrayObj>().map(|b| f(&b.data)),
            // A live memoryview: its bytes in C order.
            Kind::Native => crate::objects::memoryview::with_view_bytes(o, f),
            _ => None,
        }
    }

    /// The contents of a bytes or bytearray object (a copy); None for others.
    pub(crate) fn bytes_data(&self, o: &ObjRef) -> Option<Vec<u8>> {
        Vm::with_bytes(o, <[u8]>::to_vec)
    }

    /// The contents of an argument that must be bytes-like (CPython's buffer
    /// protocol with a simple buffer: bytes, bytearray, a C-contiguous
    /// memoryview).
    pub(crate) fn buffer_arg(&mut self, o: &ObjRef) -> PyResult<Vec<u8>> {
        if crate::objects::memoryview::is_memoryview(o) {
            return self.memoryview_buffer(o);
        }
        match self.bytes_data(o) {
            Some(d) => Ok(d),
            None => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!("a bytes-like object is required, not '{tn}'")))
            }
        }
    }

    /// The length of a writable buffer (bytearray, array, writable
    /// memoryview); CPython's `w*` argument error for anything else.
    pub(crate) fn writable_buffer_len(&mut self, o: &ObjRef) -> PyResult<usize> {
        match o.kind() {
            Kind::ByteArray => Ok(self.bytes_len(o)),
            Kind::Native if self.memoryview_writable_len(o).is_some() => {
                Ok(self.memoryview_writable_len(o).unwrap_or(0))
            }
            _ => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!(
                    "argument must be read-write bytes-like object, not {tn}"
                )))
            }
        }
    }

    /// Writes `data` at `offset` into a writable buffer whose length
    /// [`Vm::writable_buffer_len`] checked.
    pub(crate) fn buffer_write(&mut self, o: &ObjRef, offset: usize, data: &[u8]) -> PyResult<()> {
        if crate::objects::memoryview::is_memoryview(o) {
            return self.memoryview_write(o, offset, data);
        }
        if let Some(mut b) = o.borrow_mut::<ByteArrayObj>() {
            if let Some(dst) = b.data.get_mut(offset..offset + data.len()) {
                dst.copy_from_slice(data);
                return Ok(());
            }
        }
        Err(self.internal_error("buffer write out of range"))
    }

    /// The byte at `i` of a bytes or bytearray object, without copying.
    pub(crate) fn byte_at(o: &ObjRef, i: usize) -> Option<u8> {
        Vm::with_bytes(o, |d| d.get(i).copied()).flatten()
    }

    pub(crate) fn bytes_len(&self, o: &ObjRef) -> usize {
        Vm::with_bytes(o, <[u8]>::len).unwrap_or(0)
    }

    pub(crate) fn bytes_hash(&self, o: &ObjRef) -> i64 {
        match o.get::<BytesObj>() {
            Some(b) => {
                let h = b.cached_hash();
                if h != -1 {
                    return h;
                }
                let h = ouro_algo::hash::hash_bytes(b.as_bytes());
                b.set_cached_hash(h);
                h
            }
            None => 0,
        }
    }

    /// `repr()` of a bytes or bytearray object.
    pub(crate) fn bytes_repr_of(&mut self, o: &ObjRef) -> String {
        let d = self.bytes_data(o).unwrap_or_default();
        if o.kind() == Kind::ByteArray {
            let tn = self.type_name_of(o);
            format!("{tn}({})", bytes_repr(&d))
        } else {
            bytes_repr(&d)
        }
    }

    pub(crate) fn bytes_getitem(&mut self, o: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        let len = self.bytes_len(o);
        if key.kind() == Kind::Slice {
            let (start, step, _, count) = self.slice_indices(key, len)?;
            let out = Vm::with_bytes(o, |d| {
                (0..count)
                    .map(|k| d[(start + k as isize * step) as usize])
                    .collect::<Vec<u8>>()
            })
            .unwrap_or_default();
            return self.bytes_like_new(o, &out);
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            let what = if o.kind() == Kind::ByteArray {
                "bytearray"
            } else {
                "byte"
            };
            return Err(self.type_error(format!(
                "{what} indices must be integers or slices, not {tn}"
            )));
        }
        let i = self.index_isize(key)?;
        let idx = if i < 0 { i + len as isize } else { i };
        if idx < 0 || idx as usize >= len {
            let what = if o.kind() == Kind::ByteArray {
                "bytearray index out of range"
            } else {
                "index out of range"
            };
            return Err(self.index_error(what));
        }
        let b = Vm::byte_at(o, idx as usize).unwrap_or(0);
        self.new_int(i64::from(b))
    }

    /// A value stored into a bytearray: an int in range(256).
    fn byte_value(&mut self, v: &ObjRef) -> PyResult<u8> {
        if !matches!(v.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(v) {
            let tn = self.type_name_of(v);
            return Err(
                self.type_error(format!("'{tn}' object cannot be interpreted as an integer"))
            );
        }
        let n = self.index_value(v)?;
        match u8::try_from(&n) {
            Ok(b) => Ok(b),
            Err(_) => Err(self.value_error("byte must be in range(0, 256)")),
        }
    }

    /// The bytes of an iterable of ints (the `bytes(iterable)` form).
    fn bytes_from_iterable(&mut self, o: &ObjRef) -> PyResult<Vec<u8>> {
        let items = self.iterate(o)?;
        let mut out = Vec::with_capacity(items.len());
        for it in &items {
            out.push(self.item_byte(it)?);
        }
        Ok(out)
    }

    /// An item of an iterable made into bytes: as `byte_value`, with the
    /// constructors' plural message.
    fn item_byte(&mut self, v: &ObjRef) -> PyResult<u8> {
        self.byte_value(v).map_err(|e| {
            if self.err_is(&e, T::ValueError) {
                self.value_error("bytes must be in range(0, 256)")
            } else {
                e
            }
        })
    }

    pub(crate) fn bytearray_setitem(
        &mut self,
        o: &ObjRef,
        key: &ObjRef,
        value: ObjRef,
    ) -> PyResult<()> {
        let len = self.bytes_len(o);
        if key.kind() == Kind::Slice {
            let new: Vec<u8> = match self.bytes_data(&value) {
                Some(d) => d,
                None if matches!(value.kind(), Kind::Int | Kind::BigInt) => {
                    return Err(self.type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ))
                }
                None if value.kind() == Kind::Str => {
                    return Err(self.type_error(
                        "can assign only bytes, buffers, or iterables of ints in range(0, 256)",
                    ))
                }
                None => self.bytes_from_iterable(&value)?,
            };
            let (start, step, stop, count) = self.slice_indices(key, len)?;
            if step == 1 {
                let lo = start as usize;
                let hi = (stop.max(start)) as usize;
                self.bytearray_check_resize(o, len - (hi - lo) + new.len())?;
                let mut b = self.bytearray_mut(o)?;
                let tail: Vec<u8> = b.data[hi..].to_vec();
                b.data.truncate(lo);
                b.data.extend_from_slice(&new);
                b.data.extend_from_slice(&tail);
                return Ok(());
            }
            if new.len() != count {
                return Err(self.value_error(format!(
                    "attempt to assign bytes of size {} to extended slice of size {count}",
                    new.len()
                )));
            }
            let mut b = self.bytearray_mut(o)?;
            let mut i = start;
            for &x in &new {
                b.data[i as usize] = x;
                i += step;
            }
            return Ok(());
        }
        let i = self.bytearray_index(o, key)?;
        let v = self.byte_value(&value)?;
        let mut b = self.bytearray_mut(o)?;
        b.data[i] = v;
        Ok(())
    }

    pub(crate) fn bytearray_delitem(&mut self, o: &ObjRef, key: &ObjRef) -> PyResult<()> {
        let len = self.bytes_len(o);
        if key.kind() == Kind::Slice {
            let (start, step, _, count) = self.slice_indices(key, len)?;
            self.bytearray_check_resize(o, len - count)?;
            let mut drop_at = vec![false; len];
            let mut i = start;
            for _ in 0..count {
                drop_at[i as usize] = true;
                i += step;
            }
            let mut b = self.bytearray_mut(o)?;
            let mut k = 0;
            b.data.retain(|_| {
                k += 1;
                !drop_at[k - 1]
            });
            return Ok(());
        }
        let i = self.bytearray_index(o, key)?;
        self.bytearray_check_resize(o, len - 1)?;
        let mut b = self.bytearray_mut(o)?;
        b.data.remove(i);
        Ok(())
    }

    fn bytearray_index(&mut self, o: &ObjRef, key: &ObjRef) -> PyResult<usize> {
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(self.type_error(format!(
                "bytearray indices must be integers or slices, not {tn}"
            )));
        }
        let len = self.bytes_len(o) as isize;
        let i = self.index_isize(key)?;
        let idx = if i < 0 { i + len } else { i };
        if idx < 0 || idx >= len {
            return Err(self.index_error("bytearray index out of range"));
        }
        Ok(idx as usize)
    }

    /// CPython's `_canresize`: a bytearray whose buffer is exported (a live
    /// memoryview) keeps its size; a resize to the same length is allowed.
    pub(crate) fn bytearray_check_resize(&mut self, o: &ObjRef, new_len: usize) -> PyResult<()> {
        let (len, exports) = o
            .borrow::<ByteArrayObj>()
            .map_or((0, 0), |b| (b.data.len(), b.exports.get()));
        if new_len != len && exports > 0 {
            return Err(self.new_exc(
                T::BufferError,
                "Existing exports of data: object cannot be re-sized",
            ));
        }
        Ok(())
    }

    fn bytearray_mut<'a>(&mut self, o: &'a ObjRef) -> PyResult<ouro_heap::PMut<'a, ByteArrayObj>> {
        match o.borrow_mut::<ByteArrayObj>() {
            Some(b) => Ok(b),
            None => Err(self.internal_error("not a bytearray")),
        }
    }

    /// `+`, `*` and `%` on bytes and bytearray; None means NotImplemented.
    pub(crate) fn bytes_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add => {
                let Some(x) = self.bytes_data(a) else {
                    return Ok(None);
                };
                let Some(y) = self.bytes_data(b) else {
                    let tn = self.type_name_of(b);
                    return Err(
                        self.type_error(format!("can't concat {tn} to {}", self.type_name_of(a)))
                    );
                };
                let mut out = x;
                out.extend_from_slice(&y);
                self.bytes_like_new(a, &out).map(Some)
            }
            BinOp::Multiply => {
                let (seq, n) = if self.bytes_data(a).is_some() {
                    (a, b)
                } else {
                    (b, a)
                };
                if !matches!(n.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(n) {
                    return Ok(None);
                }
                let count = self.repeat_count(n)?;
                let d = self.bytes_data(seq).unwrap_or_default();
                let total = d.len().checked_mul(count);
                match total {
                    Some(t) if ouro_heap::fits_in_limit(t) => {}
                    _ => return Err(self.memory_error()),
                }
                let out = d.repeat(count);
                self.bytes_like_new(seq, &out).map(Some)
            }
            BinOp::Remainder if self.bytes_data(a).is_some() => self.bytes_percent(a, b).map(Some),
            _ => Ok(None),
        }
    }

    /// `bytearray += x` and `bytearray *= n`: in place.
    pub(crate) fn bytearray_inplace(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add => {
                let Some(y) = self.bytes_data(b) else {
                    let tn = self.type_name_of(b);
                    return Err(self.type_error(format!("can't concat {tn} to bytearray")));
                };
                let len = self.bytes_len(a);
                self.bytearray_check_resize(a, len + y.len())?;
                self.bytearray_mut(a)?.data.extend_from_slice(&y);
                Ok(Some(a.clone()))
            }
            BinOp::Multiply => {
                if !matches!(b.kind(), Kind::Int | Kind::BigInt) {
                    return Ok(None);
                }
                let count = self.repeat_count(b)?;
                let d = self.bytes_data(a).unwrap_or_default();
                match d.len().checked_mul(count) {
                    Some(t) if ouro_heap::fits_in_limit(t) => {}
                    _ => return Err(self.memory_error()),
                }
                let out = d.repeat(count);
                self.bytearray_check_resize(a, out.len())?;
                let mut m = self.bytearray_mut(a)?;
                m.data.clear();
                m.data.extend_from_slice(&out);
                Ok(Some(a.clone()))
            }
            _ => Ok(None),
        }
    }

    /// `b'...' % args` (PEP 461): each conversion is formatted by the str
    /// operator on a stand-in argument (the latin-1 text of a bytes-like
    /// argument for `%s`/`%b`, `ascii()` for `%r`/`%a`), and its text is
    /// taken back as bytes.
    fn bytes_percent(&mut self, fmt: &ObjRef, args: &ObjRef) -> PyResult<ObjRef> {
        let f = self.bytes_data(fmt).unwrap_or_default();
        let is_map = args.kind() != Kind::Tuple
            && self.bytes_data(args).is_none()
            && args.kind() != Kind::Str
            && {
                let gi = self.names.getitem.clone();
                self.type_lookup(&args.class(), &gi).is_some()
            };
        let items = if args.kind() == Kind::Tuple {
            self.seq_items(args)
        } else {
            vec![args.clone()]
        };
        let mut next = 0usize;
        let mut used_map = false;
        let mut out = Vec::with_capacity(f.len());
        let mut i = 0;
        while i < f.len() {
            if f[i] != b'%' {
                out.push(f[i]);
                i += 1;
                continue;
            }
            i += 1;
            if f.get(i) == Some(&b'%') {
                out.push(b'%');
                i += 1;
                continue;
            }
            let mut key_arg = None;
            if f.get(i) == Some(&b'(') {
                let mut depth = 1;
                let k0 = i + 1;
                let mut j = k0;
                while j < f.len() && depth > 0 {
                    match f[j] {
                        b'(' => depth += 1,
                        b')' => depth -= 1,
                        _ => {}
                    }
                    j += 1;
                }
                if depth > 0 {
                    return Err(self.value_error("incomplete format key"));
                }
                if !is_map {
                    return Err(self.type_error("format requires a mapping"));
                }
                let key = self.new_bytes(&f[k0..j - 1])?;
                key_arg = Some(self.getitem(args, &key)?);
                used_map = true;
                i = j;
            }
            let mut spec = String::from("%");
            let mut star_args = Vec::new();
            while i < f.len() && !f[i].is_ascii_alphabetic() {
                if f[i] == b'*' {
                    let Some(a) = items.get(next).cloned() else {
                        return Err(self.type_error("not enough arguments for format string"));
                    };
                    next += 1;
                    star_args.push(a);
                }
                spec.push(f[i] as char);
                i += 1;
            }
            while i < f.len() && matches!(f[i], b'h' | b'l' | b'L') {
                i += 1;
            }
            let Some(&conv) = f.get(i) else {
                return Err(self.value_error("incomplete format"));
            };
            i += 1;
            let arg = match key_arg {
                Some(a) => a,
                None => {
                    let Some(a) = (if is_map {
                        Some(args.clone())
                    } else {
                        items.get(next).cloned()
                    }) else {
                        return Err(self.type_error("not enough arguments for format string"));
                    };
                    if !is_map {
                        next += 1;
                    }
                    a
                }
            };
            let (c, stand_in) = match conv {
                b's' | b'b' => {
                    let d = match self.bytes_data(&arg) {
                        Some(d) => d,
                        None => {
                            let name = self.intern("__bytes__")?;
                            match self.type_lookup(&arg.class(), &name) {
                                Some(m) => {
                                    let r = self.call_type_attr(&m, &arg, Vec::new())?;
                                    self.bytes_data(&r).unwrap_or_default()
                                }
                                None => {
                                    let tn = self.type_name_of(&arg);
                                    return Err(self.type_error(format!(
                                        "%b requires a bytes-like object, or an object that implements __bytes__, not '{tn}'"
                                    )));
                                }
                            }
                        }
                    };
                    let t: String = d.iter().map(|&c| c as char).collect();
                    ('s', self.new_str(&t)?)
                }
                b'r' | b'a' => ('s', self.ascii(&arg)?),
                b'c' => {
                    let bytes_like = matches!(arg.kind(), Kind::Bytes | Kind::ByteArray);
                    let byte = match self.bytes_data(&arg).filter(|_| bytes_like) {
                        Some(d) if d.len() == 1 => Some(d[0]),
                        Some(_) => None,
                        None if matches!(arg.kind(), Kind::Int | Kind::BigInt) => {
                            let v = self.index_value(&arg)?;
                            match u8::try_from(&v) {
                                Ok(b) => Some(b),
                                Err(_) => {
                                    return Err(
                                        self.new_exc(T::OverflowError, "%c arg not in range(256)")
                                    )
                                }
                            }
                        }
                        None => None,
                    };
                    let Some(b) = byte else {
                        return Err(self
                            .type_error("%c requires an integer in range(256) or a single byte"));
                    };
                    let t = (b as char).to_string();
                    ('s', self.new_str(&t)?)
                }
                c => (c as char, arg),
            };
            spec.push(c);
            star_args.push(stand_in);
            let t = self.new_str(&spec)?;
            let a = self.new_tuple(star_args)?;
            let r = self.str_percent(&t, &a)?;
            out.extend(self.str_of(&r).chars().map(|c| c as u32 as u8));
        }
        if !is_map && !used_map && next < items.len() && args.kind() == Kind::Tuple
            || !is_map && args.kind() != Kind::Tuple && next == 0
        {
            return Err(self.type_error("not all arguments converted during bytes formatting"));
        }
        self.bytes_like_new(fmt, &out)
    }

    /// `bytes(...)`.
    pub(crate) fn bytes_new(&mut self, ty: &ObjRef, mut args: Args) -> PyResult<ObjRef> {
        let data = self.bytes_ctor_data(&mut args, "bytes")?;
        if ty.is(self.ty(T::Bytes)) {
            if let Some(d) = data.1 {
                return Ok(d);
            }
            return self.new_bytes(&data.0);
        }
        ouro_heap::alloc_bytes(ty, &data.0, true).map_err(|_| self.memory_error())
    }

    /// `bytearray(...)` (also for subclasses: `ty` is the class).
    pub(crate) fn bytearray_new(&mut self, ty: &ObjRef, mut args: Args) -> PyResult<ObjRef> {
        let (d, _) = self.bytes_ctor_data(&mut args, "bytearray")?;
        if !ouro_heap::fits_in_limit(d.len()) {
            return Err(self.memory_error());
        }
        let mut data = ouro_heap::hvec();
        data.extend_from_slice(&d);
        let attrs = Vm::is_heap_type(ty);
        self.alloc(ty, ByteArrayObj::new(data), attrs)
    }

    /// The contents for the constructors: `()`, `(int)`, `(str, encoding[,
    /// errors])`, `(bytes-like)`, `(__bytes__)`, `(iterable of ints)`. The
    /// second value is an existing exact bytes object that can be returned
    /// as it is (`bytes(b)` is `b`).
    fn bytes_ctor_data(
        &mut self,
        args: &mut Args,
        fname: &str,
    ) -> PyResult<(Vec<u8>, Option<ObjRef>)> {
        let src_kw = args.take_kw(self, "source");
        if src_kw.is_some() {
            args.pos
                .insert(0, src_kw.unwrap_or_else(|| self.none.clone()));
        }
        let has_codec = args
            .kw
            .iter()
            .any(|(k, _)| matches!(self.str_of(k), "encoding" | "errors"));
        if args.pos.len() > 3 {
            return Err(self.type_error(format!(
                "{fname}() takes at most 3 arguments ({} given)",
                args.pos.len() + args.kw.len()
            )));
        }
        let Some(src) = args.pos.first().cloned() else {
            if has_codec {
                let errors_only = !args.kw.iter().any(|(k, _)| self.str_of(k) == "encoding");
                args.kw.clear();
                return Err(self.type_error(if errors_only {
                    "errors without a string argument"
                } else {
                    "encoding without a string argument"
                }));
            }
            args.no_more_kw(self, fname)?;
            return Ok((Vec::new(), None));
        };
        if src.kind() == Kind::Str {
            if args.pos.len() < 2 && !has_codec {
                return Err(self.type_error("string argument without an encoding"));
            }
            let call = codec_args(self, args, 1, fname, false)?;
            let s = self.str_of(&src).to_string();
            let r = self.encode_str(&s, call.codec, call.errors.clone());
            return Ok((self.wrap_codec_error(&call, "encoding", r)?, None));
        }
        if args.pos.len() > 1 || has_codec {
            args.no_more_kw(self, fname)?;
            let what =
                if args.pos.len() > 2 || args.kw.iter().any(|(k, _)| self.str_of(k) == "errors") {
                    "errors"
                } else {
                    "encoding"
                };
            return Err(self.type_error(format!("{what} without a string argument")));
        }
        args.no_more_kw(self, fname)?;
        if let Some(d) = self.bytes_data(&src) {
            let same =
                (src.kind() == Kind::Bytes && self.is_exact(&src, T::Bytes)).then(|| src.clone());
            return Ok((d, same));
        }
        // __bytes__ first (bytes only), then an int count, then iteration.
        if fname == "bytes" {
            let name = self.intern("__bytes__")?;
            if let Some(f) = self.type_lookup(&src.class(), &name) {
                let r = self.call_type_attr(&f, &src, Vec::new())?;
                if r.kind() != Kind::Bytes {
                    let tn = self.type_name_of(&r);
                    return Err(
                        self.type_error(format!("__bytes__ returned non-bytes (type {tn})"))
                    );
                }
                let d = self.bytes_data(&r).unwrap_or_default();
                return Ok((d, Some(r)));
            }
        }
        if matches!(src.kind(), Kind::Int | Kind::BigInt) {
            let n = self.index_isize(&src)?;
            if n < 0 {
                return Err(self.value_error("negative count"));
            }
            if !ouro_heap::fits_in_limit(n as usize) {
                return Err(self.memory_error());
            }
            return Ok((vec![0; n as usize], None));
        }
        if src.is(&self.none) || matches!(src.kind(), Kind::Float) {
            let tn = self.type_name_of(&src);
            return Err(self.type_error(format!("cannot convert '{tn}' object to {fname}")));
        }
        match self.iterate(&src) {
            Ok(items) => {
                let mut out = Vec::with_capacity(items.len());
                for it in &items {
                    out.push(self.item_byte(it)?);
                }
                Ok((out, None))
            }
            Err(e) if self.err_is(&e, T::TypeError) && !self.has_iter(&src) => {
                let tn = self.type_name_of(&src);
                Err(self.type_error(format!("cannot convert '{tn}' object to {fname}")))
            }
            Err(e) => Err(e),
        }
    }

    /// `str(b, encoding[, errors])`: the decoding form of the str constructor.
    pub(crate) fn str_decode_form(&mut self, mut args: Args) -> PyResult<ObjRef> {
        let src = args.pos.first().cloned();
        let Some(src) = src.or_else(|| args.take_kw(self, "object")) else {
            let call = codec_args(self, &mut args, 0, "str", true)?;
            let r = self.decode_bytes(&[], call.codec, call.errors.clone());
            let s = self.wrap_codec_error(&call, "decoding", r)?;
            return self.new_str(&s);
        };
        let Some(d) = self.bytes_data(&src) else {
            let tn = self.type_name_of(&src);
            if src.kind() == Kind::Str {
                return Err(self.type_error("decoding str is not supported"));
            }
            return Err(self.type_error(format!(
                "decoding to str: need a bytes-like object, {tn} found"
            )));
        };
        let call = codec_args(self, &mut args, 1, "str", true)?;
        let r = self.decode_bytes(&d, call.codec, call.errors.clone());
        let s = self.wrap_codec_error(&call, "decoding", r)?;
        self.new_str(&s)
    }

    /// `x in b`: an int byte value or a bytes-like subsequence.
    pub(crate) fn bytes_contains(&mut self, o: &ObjRef, item: &ObjRef) -> PyResult<bool> {
        let d = self.bytes_data(o).unwrap_or_default();
        if let Some(sub) = self.bytes_data(item) {
            return Ok(find(&d, &sub, 0, d.len()).is_some());
        }
        if matches!(item.kind(), Kind::Int | Kind::BigInt) || Vm::is_heap_class_of(item) {
            let v = self.index_value(item).map_err(|_| ());
            let v = match v {
                Ok(v) => v,
                Err(()) => {
                    let tn = self.type_name_of(item);
                    return Err(
                        self.type_error(format!("a bytes-like object is required, not '{tn}'"))
                    );
                }
            };
            return match u8::try_from(&v) {
                Ok(b) => Ok(d.contains(&b)),
                Err(_) => Err(self.value_error("byte must be in range(0, 256)")),
            };
        }
        let tn = self.type_name_of(item);
        Err(self.type_error(format!("a bytes-like object is required, not '{tn}'")))
    }

    /// `sys.getsizeof` part: a bytearray's buffer.
    pub(crate) fn bytearray_capacity(o: &ObjRef) -> usize {
        o.borrow::<ByteArrayObj>().map_or(0, |b| b.data.capacity())
    }
}

/// The first index of `sub` in `hay[start..end]`.
fn find(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    search_in(hay, sub, start, end, false)
}

/// The last index of `sub` in `hay[start..end]`.
fn rfind(hay: &[u8], sub: &[u8], start: usize, end: usize) -> Option<usize> {
    search_in(hay, sub, start, end, true)
}

/// The first (or, `last`, the last) index of `sub` in `hay[start..end]`;
/// an empty `sub` is found at the start (or the end).
fn search_in(hay: &[u8], sub: &[u8], start: usize, end: usize, last: bool) -> Option<usize> {
    if start > end || end > hay.len() {
        return None;
    }
    let h = &hay[start..end];
    if sub.is_empty() {
        return Some(if last { end } else { start });
    }
    if sub.len() > h.len() {
        return None;
    }
    let mut windows = h.windows(sub.len());
    let at = if last {
        windows.rposition(|w| w == sub)
    } else {
        windows.position(|w| w == sub)
    };
    at.map(|p| p + start)
}

/// Non-overlapping occurrences of `sub` in `hay`.
fn count(hay: &[u8], sub: &[u8]) -> usize {
    if sub.is_empty() {
        return hay.len() + 1;
    }
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find(hay, sub, i, hay.len()) {
        n += 1;
        i = p + sub.len();
    }
    n
}

fn replace(hay: &[u8], old: &[u8], new: &[u8], max: Option<usize>) -> Vec<u8> {
    let mut out = Vec::with_capacity(hay.len());
    let mut done = 0;
    if old.is_empty() {
        // Insert `new` before every byte and at the end.
        for (k, &c) in hay.iter().enumerate() {
            if max.is_none_or(|m| done < m) {
                out.extend_from_slice(new);
                done += 1;
            } else {
                out.extend_from_slice(&hay[k..]);
                return out;
            }
            out.push(c);
        }
        if max.is_none_or(|m| done < m) {
            out.extend_from_slice(new);
        }
        return out;
    }
    let mut i = 0;
    while max.is_none_or(|m| done < m) {
        match find(hay, old, i, hay.len()) {
            Some(p) => {
                out.extend_from_slice(&hay[i..p]);
                out.extend_from_slice(new);
                i = p + old.len();
                done += 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&hay[i..]);
    out
}

// ------------------------------------------------------------------ methods

/// The receiver's contents, checking its type (`bytes.upper(1)` is a
/// TypeError naming the type, as CPython's descriptors do).
fn this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Vec<u8>> {
    let receiver = args
        .pos
        .first()
        .filter(|s| matches!(s.kind(), Kind::Bytes | Kind::ByteArray));
    match receiver.and_then(|s| vm.bytes_data(s)) {
        Some(d) => Ok(d),
        None => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'bytes' object but received '{}'",
            args.pos
                .first()
                .map(|o| vm.type_name_of(o))
                .unwrap_or_else(|| "NoneType".into())
        ))),
    }
}

fn result(vm: &mut Vm, args: &Args, d: &[u8]) -> PyResult<ObjRef> {
    let like = args.pos[0].clone();
    vm.bytes_like_new(&like, d)
}

/// `start`/`end` arguments at `args.pos[i]` and `[i+1]`, clamped.
fn sub_range(vm: &mut Vm, args: &Args, i: usize, len: usize) -> PyResult<(usize, usize, bool)> {
    let get = |vm: &mut Vm, k: usize| -> PyResult<Option<isize>> {
        match args.pos.get(k) {
            None => Ok(None),
            Some(v) if v.is(&vm.none) => Ok(None),
            Some(v) => vm.index_isize(v).map(Some),
        }
    };
    let n = len as isize;
    let norm = |v: isize| -> isize {
        if v < 0 {
            (v + n).max(0)
        } else {
            v
        }
    };
    let start = get(vm, i)?.map_or(0, norm);
    let end = get(vm, i + 1)?.map_or(n, norm).min(n);
    // CPython: an empty needle is found at start when start <= len.
    Ok((start.max(0) as usize, end.max(0) as usize, start <= n))
}

/// The needle of find/count/index: bytes-like or an int byte value.
fn needle(vm: &mut Vm, o: &ObjRef) -> PyResult<Vec<u8>> {
    if let Some(d) = vm.bytes_data(o) {
        return Ok(d);
    }
    if matches!(o.kind(), Kind::Int | Kind::BigInt) {
        let v = vm.index_value(o)?;
        return match u8::try_from(&v) {
            Ok(b) => Ok(vec![b]),
            Err(_) => Err(vm.value_error("byte must be in range(0, 256)")),
        };
    }
    let tn = vm.type_name_of(o);
    Err(vm.type_error(format!(
        "argument should be integer or bytes-like object, not '{tn}'"
    )))
}

fn search(vm: &mut Vm, args: Args, name: &str) -> PyResult<Option<usize>> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 2, 4)?;
    let d = this(vm, &args, name)?;
    let sub = needle(vm, &args.pos[1])?;
    let (start, end, ok) = sub_range(vm, &args, 2, d.len())?;
    if !ok || start > end && !sub.is_empty() {
        return Ok(None);
    }
    if start > end {
        return Ok(None);
    }
    Ok(if name.starts_with('r') {
        rfind(&d, &sub, start, end)
    } else {
        find(&d, &sub, start, end)
    })
}

fn b_find(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let p = search(vm, args, "find")?;
    vm.new_int(p.map_or(-1, |p| p as i64))
}

fn b_rfind(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let p = search(vm, args, "rfind")?;
    vm.new_int(p.map_or(-1, |p| p as i64))
}

fn b_index(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    match search(vm, args, "index")? {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn b_rindex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    match search(vm, args, "rindex")? {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.value_error("subsection not found")),
    }
}

fn b_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "count")?;
    args.check(vm, "count", 2, 4)?;
    let d = this(vm, &args, "count")?;
    let sub = needle(vm, &args.pos[1])?;
    let (start, end, ok) = sub_range(vm, &args, 2, d.len())?;
    let n = if !ok || start > end {
        0
    } else {
        count(&d[start..end], &sub)
    };
    vm.new_int(n as i64)
}

fn map_bytes(vm: &mut Vm, args: Args, name: &str, f: fn(&[u8]) -> Vec<u8>) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 1, 1)?;
    let d = this(vm, &args, name)?;
    let r = f(&d);
    result(vm, &args, &r)
}

fn b_upper(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    map_bytes(vm, args, "upper", |d| d.to_ascii_uppercase())
}

fn b_lower(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    map_bytes(vm, args, "lower", |d| d.to_ascii_lowercase())
}

fn b_swapcase(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    map_bytes(vm, args, "swapcase", |d| {
        d.iter()
            .map(|&c| {
                if c.is_ascii_lowercase() {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn b_capitalize(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    map_bytes(vm, args, "capitalize", |d| {
        d.iter()
            .enumerate()
            .map(|(i, &c)| {
                if i == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    })
}

fn b_title(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    map_bytes(vm, args, "title", |d| {
        let mut prev_cased = false;
        d.iter()
            .map(|&c| {
                let r = if prev_cased {
                    c.to_ascii_lowercase()
                } else {
                    c.to_ascii_uppercase()
                };
                prev_cased = c.is_ascii_alphabetic();
                r
            })
            .collect()
    })
}

fn pred(vm: &mut Vm, args: Args, name: &str, f: fn(&[u8]) -> bool) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 1, 1)?;
    let d = this(vm, &args, name)?;
    Ok(vm.new_bool(f(&d)))
}

fn b_isdigit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isdigit", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_digit)
    })
}

fn b_isalpha(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isalpha", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_alphabetic)
    })
}

fn b_isalnum(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isalnum", |d| {
        !d.is_empty() && d.iter().all(u8::is_ascii_alphanumeric)
    })
}

fn b_isspace(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isspace", |d| {
        !d.is_empty() && d.iter().all(|&c| is_space(c))
    })
}

fn b_isascii(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isascii", |d| d.is_ascii())
}

fn b_islower(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "islower", |d| {
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase)
    })
}

fn b_isupper(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "isupper", |d| {
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase)
    })
}

fn b_istitle(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred(vm, args, "istitle", |d| {
        crate::objects::str::is_title(d.iter().map(|&c| {
            if c.is_ascii_uppercase() {
                Some(true)
            } else if c.is_ascii_lowercase() {
                Some(false)
            } else {
                None
            }
        }))
    })
}

/// The `chars` argument of strip: None or bytes-like.
fn strip_set(vm: &mut Vm, args: &Args) -> PyResult<Option<Vec<u8>>> {
    match args.pos.get(1) {
        None => Ok(None),
        Some(c) if c.is(&vm.none) => Ok(None),
        Some(c) => vm.buffer_arg(c).map(Some),
    }
}

fn do_strip(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 1, 2)?;
    let d = this(vm, &args, name)?;
    let set = strip_set(vm, &args)?;
    let strip = |c: &u8| match &set {
        None => is_space(*c),
        Some(s) => s.contains(c),
    };
    let mut lo = 0;
    let mut hi = d.len();
    if left {
        while lo < hi && strip(&d[lo]) {
            lo += 1;
        }
    }
    if right {
        while hi > lo && strip(&d[hi - 1]) {
            hi -= 1;
        }
    }
    if lo == 0 && hi == d.len() && vm.is_exact(&args.pos[0], T::Bytes) {
        return Ok(args.pos[0].clone());
    }
    result(vm, &args, &d[lo..hi])
}

fn b_strip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "strip", true, true)
}

fn b_lstrip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "lstrip", true, false)
}

fn b_rstrip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "rstrip", false, true)
}

fn split_impl(vm: &mut Vm, mut args: Args, name: &str, right: bool) -> PyResult<ObjRef> {
    let sep_kw = args.take_kw(vm, "sep");
    let max_kw = args.take_kw(vm, "maxsplit");
    args.no_more_kw(vm, name)?;
    args.check(vm, name, 1, 3)?;
    let d = this(vm, &args, name)?;
    let sep = args.pos.get(1).cloned().or(sep_kw);
    let maxsplit = match args.pos.get(2).cloned().or(max_kw) {
        Some(m) => vm.index_isize(&m)?,
        None => -1,
    };
    let max = if maxsplit < 0 {
        usize::MAX
    } else {
        maxsplit as usize
    };
    let mut parts: Vec<&[u8]> = Vec::new();
    let sep_bytes = match sep {
        Some(s) if !s.is(&vm.none) => Some(vm.buffer_arg(&s)?),
        _ => None,
    };
    match sep_bytes {
        Some(sep) => {
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if right {
                let mut end = d.len();
                while parts.len() < max {
                    match rfind(&d, &sep, 0, end) {
                        Some(p) => {
                            parts.push(&d[p + sep.len()..end]);
                            end = p;
                        }
                        None => break,
                    }
                }
                parts.push(&d[..end]);
                parts.reverse();
            } else {
                let mut start = 0;
                while parts.len() < max {
                    match find(&d, &sep, start, d.len()) {
                        Some(p) => {
                            parts.push(&d[start..p]);
                            start = p + sep.len();
                        }
                        None => break,
                    }
                }
                parts.push(&d[start..]);
            }
        }
        None => {
            if right {
                let mut hi = d.len();
                loop {
                    while hi > 0 && is_space(d[hi - 1]) {
                        hi -= 1;
                    }
                    if hi == 0 {
                        break;
                    }
                    if parts.len() == max {
                        parts.push(&d[..hi]);
                        break;
                    }
                    let mut lo = hi;
                    while lo > 0 && !is_space(d[lo - 1]) {
                        lo -= 1;
                    }
                    parts.push(&d[lo..hi]);
                    hi = lo;
                }
                parts.reverse();
            } else {
                let mut lo = 0;
                loop {
                    while lo < d.len() && is_space(d[lo]) {
                        lo += 1;
                    }
                    if lo == d.len() {
                        break;
                    }
                    if parts.len() == max {
                        parts.push(&d[lo..]);
                        break;
                    }
                    let mut hi = lo;
                    while hi < d.len() && !is_space(d[hi]) {
                        hi += 1;
                    }
                    parts.push(&d[lo..hi]);
                    lo = hi;
                }
            }
        }
    }
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(result(vm, &args, p)?);
    }
    vm.new_list(items)
}

fn b_split(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    split_impl(vm, args, "split", false)
}

fn b_rsplit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    split_impl(vm, args, "rsplit", true)
}

fn b_join(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "join")?;
    args.exactly_one_after_self(vm, "join")?;
    let sep = this(vm, &args, "join")?;
    let items = vm.iterate(&args.pos[1])?;
    let mut out = Vec::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(&sep);
        }
        // A simple buffer: a memoryview must be C-contiguous.
        let d = if crate::objects::memoryview::is_memoryview(it) {
            crate::objects::memoryview::with_contiguous_bytes(it, <[u8]>::to_vec)
        } else {
            vm.bytes_data(it)
        };
        match d {
            Some(d) => out.extend_from_slice(&d),
            None => {
                let tn = vm.type_name_of(it);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected a bytes-like object, {tn} found"
                )));
            }
        }
    }
    result(vm, &args, &out)
}

fn b_replace(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "replace")?;
    args.check(vm, "replace", 3, 4)?;
    let d = this(vm, &args, "replace")?;
    let old = vm.buffer_arg(&args.pos[1])?;
    let new = vm.buffer_arg(&args.pos[2])?;
    let max = match args.pos.get(3) {
        Some(c) => {
            let n = vm.index_isize(c)?;
            (n >= 0).then_some(n as usize)
        }
        None => None,
    };
    let r = replace(&d, &old, &new, max);
    result(vm, &args, &r)
}

fn affix(vm: &mut Vm, args: Args, name: &str, prefix: bool) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 2, 4)?;
    let d = this(vm, &args, name)?;
    let (start, end, ok) = sub_range(vm, &args, 2, d.len())?;
    let sub: &[u8] = if start <= end { &d[start..end] } else { &[] };
    let test = |a: &[u8]| -> bool {
        if !ok || start > end && !a.is_empty() {
            return false;
        }
        if prefix {
            sub.starts_with(a)
        } else {
            sub.ends_with(a)
        }
    };
    let arg = args.pos[1].clone();
    let found = if arg.kind() == Kind::Tuple {
        let mut f = false;
        for it in vm.seq_items(&arg) {
            match vm.bytes_data(&it) {
                Some(x) => {
                    if test(&x) {
                        f = true;
                        break;
                    }
                }
                None => {
                    let tn = vm.type_name_of(&it);
                    return Err(
                        vm.type_error(format!("a bytes-like object is required, not '{tn}'"))
                    );
                }
            }
        }
        f
    } else {
        match vm.bytes_data(&arg) {
            Some(x) => test(&x),
            None => {
                let tn = vm.type_name_of(&arg);
                return Err(vm.type_error(format!(
                    "{name} first arg must be bytes or a tuple of bytes, not {tn}"
                )));
            }
        }
    };
    Ok(vm.new_bool(found))
}

fn b_startswith(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    affix(vm, args, "startswith", true)
}

fn b_endswith(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    affix(vm, args, "endswith", false)
}

fn b_removeprefix(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "removeprefix")?;
    args.exactly_one_after_self(vm, "removeprefix")?;
    let d = this(vm, &args, "removeprefix")?;
    let p = vm.buffer_arg(&args.pos[1])?;
    let r = d.strip_prefix(p.as_slice()).unwrap_or(&d).to_vec();
    result(vm, &args, &r)
}

fn b_removesuffix(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "removesuffix")?;
    args.exactly_one_after_self(vm, "removesuffix")?;
    let d = this(vm, &args, "removesuffix")?;
    let p = vm.buffer_arg(&args.pos[1])?;
    let r = d.strip_suffix(p.as_slice()).unwrap_or(&d).to_vec();
    result(vm, &args, &r)
}

fn partition(vm: &mut Vm, args: Args, name: &str, right: bool) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.exactly_one_after_self(vm, name)?;
    let d = this(vm, &args, name)?;
    let sep = vm.buffer_arg(&args.pos[1])?;
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let at = if right {
        rfind(&d, &sep, 0, d.len())
    } else {
        find(&d, &sep, 0, d.len())
    };
    let (a, m, b): (&[u8], &[u8], &[u8]) = match at {
        Some(p) => (&d[..p], &sep, &d[p + sep.len()..]),
        None if right => (&[], &[], &d),
        None => (&d, &[], &[]),
    };
    // bytes.partition gives back the separator object itself when found
    // (stringlib's partition); bytearray's makes a bytearray of it.
    let middle = if at.is_some() && args.pos[0].kind() == Kind::Bytes {
        args.pos[1].clone()
    } else {
        result(vm, &args, m)?
    };
    let items = vec![result(vm, &args, a)?, middle, result(vm, &args, b)?];
    vm.new_tuple(items)
}

fn b_partition(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    partition(vm, args, "partition", false)
}

fn b_rpartition(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    partition(vm, args, "rpartition", true)
}

fn pad(vm: &mut Vm, args: Args, name: &str, how: u8) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 2, 3)?;
    let d = this(vm, &args, name)?;
    let width = vm.index_isize(&args.pos[1])?;
    let fill = match args.pos.get(2) {
        None => b' ',
        Some(f) => match vm.bytes_data(f) {
            Some(x) if x.len() == 1 => x[0],
            _ => {
                let tn = vm.type_name_of(f);
                return Err(vm.type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {tn}"
                )));
            }
        },
    };
    let w = width.max(0) as usize;
    if w <= d.len() {
        return result(vm, &args, &d);
    }
    let total = w - d.len();
    let (l, r) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        _ => {
            // CPython's center: the extra fill goes left when the width is odd
            // and the total padding is odd.
            let left = total / 2 + (total & w & 1);
            (left, total - left)
        }
    };
    let mut out = Vec::with_capacity(w);
    out.extend(std::iter::repeat_n(fill, l));
    out.extend_from_slice(&d);
    out.extend(std::iter::repeat_n(fill, r));
    result(vm, &args, &out)
}

fn b_ljust(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "ljust", b'l')
}

fn b_rjust(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "rjust", b'r')
}

fn b_center(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "center", b'c')
}

fn b_zfill(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "zfill")?;
    args.exactly_one_after_self(vm, "zfill")?;
    let d = this(vm, &args, "zfill")?;
    let w = vm.index_isize(&args.pos[1])?.max(0) as usize;
    if w <= d.len() {
        return result(vm, &args, &d);
    }
    let fill = w - d.len();
    let mut out = Vec::with_capacity(w);
    let (sign, rest) = match d.first() {
        Some(&c @ (b'+' | b'-')) => (Some(c), &d[1..]),
        _ => (None, &d[..]),
    };
    out.extend(sign);
    out.extend(std::iter::repeat_n(b'0', fill));
    out.extend_from_slice(rest);
    result(vm, &args, &out)
}

fn b_expandtabs(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let ts_kw = args.take_kw(vm, "tabsize");
    args.no_more_kw(vm, "expandtabs")?;
    args.check(vm, "expandtabs", 1, 2)?;
    let d = this(vm, &args, "expandtabs")?;
    let ts = match args.pos.get(1).cloned().or(ts_kw) {
        Some(t) => vm.index_isize(&t)?,
        None => 8,
    };
    let mut out = Vec::with_capacity(d.len());
    let mut col = 0usize;
    for &c in &d {
        match c {
            b'\t' => {
                if ts > 0 {
                    let n = ts as usize - col % ts as usize;
                    out.extend(std::iter::repeat_n(b' ', n));
                    col += n;
                }
            }
            b'\n' | b'\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    result(vm, &args, &out)
}

fn b_splitlines(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let keep_kw = args.take_kw(vm, "keepends");
    args.no_more_kw(vm, "splitlines")?;
    args.check(vm, "splitlines", 1, 2)?;
    let d = this(vm, &args, "splitlines")?;
    let keep = match args.pos.get(1).cloned().or(keep_kw) {
        Some(k) => vm.truthy(&k)?,
        None => false,
    };
    let mut items = Vec::new();
    let mut i = 0;
    let mut start = 0;
    while i < d.len() {
        let c = d[i];
        if c == b'\n' || c == b'\r' {
            let mut eol = i + 1;
            if c == b'\r' && d.get(i + 1) == Some(&b'\n') {
                eol += 1;
            }
            let line = if keep { &d[start..eol] } else { &d[start..i] };
            items.push(result(vm, &args, line)?);
            start = eol;
            i = eol;
        } else {
            i += 1;
        }
    }
    if start < d.len() {
        items.push(result(vm, &args, &d[start..])?);
    }
    vm.new_list(items)
}

fn b_decode(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let d = this(vm, &args, "decode")?;
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "decode() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let call = codec_args(vm, &mut args, 1, "decode", true)?;
    let r = vm.decode_bytes(&d, call.codec, call.errors.clone());
    let s = vm.wrap_codec_error(&call, "decoding", r)?;
    vm.new_str(&s)
}

pub(crate) fn b_hex(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let sep_kw = args.take_kw(vm, "sep");
    let bps_kw = args.take_kw(vm, "bytes_per_sep");
    args.no_more_kw(vm, "hex")?;
    args.check(vm, "hex", 1, 3)?;
    let d = this(vm, &args, "hex")?;
    let sep = args.pos.get(1).cloned().or(sep_kw);
    let bps = match args.pos.get(2).cloned().or(bps_kw) {
        Some(n) => vm.index_isize(&n)?,
        None => 1,
    };
    let sep: Option<String> = match sep {
        None => None,
        Some(s) => {
            let t = if s.kind() == Kind::Str {
                vm.str_of(&s).to_string()
            } else if let Some(b) = vm.bytes_data(&s) {
                b.iter().map(|&c| c as char).collect()
            } else {
                return Err(vm.type_error("sep must be str or bytes."));
            };
            if t.chars().count() != 1 {
                return Err(vm.value_error("sep must be length 1."));
            }
            if !t.is_ascii() {
                return Err(vm.value_error("sep must be ASCII."));
            }
            Some(t)
        }
    };
    let hex: Vec<String> = d.iter().map(|b| format!("{b:02x}")).collect();
    let out = match sep {
        Some(sep) if bps != 0 && !d.is_empty() => {
            let n = bps.unsigned_abs();
            // Groups of `n` bytes counted from the right (positive) or the
            // left (negative).
            let mut groups: Vec<String> = Vec::new();
            if bps > 0 {
                let first = d.len() % n;
                let mut i = 0;
                if first > 0 {
                    groups.push(hex[..first].concat());
                    i = first;
                }
                while i < d.len() {
                    groups.push(hex[i..i + n].concat());
                    i += n;
                }
            } else {
                let mut i = 0;
                while i < d.len() {
                    let j = (i + n).min(d.len());
                    groups.push(hex[i..j].concat());
                    i = j;
                }
            }
            groups.join(&sep)
        }
        _ => hex.concat(),
    };
    vm.new_str(&out)
}

fn b_fromhex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "fromhex")?;
    args.exactly_one_after_self(vm, "fromhex")?;
    let cls = args.pos[0].clone();
    let s = args.pos[1].clone();
    if s.kind() != Kind::Str {
        let tn = vm.type_name_of(&s);
        return Err(vm.type_error(format!("fromhex() argument must be str, not {tn}")));
    }
    let text: Vec<char> = vm.str_of(&s).chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        if text[i].is_whitespace() && (text[i] as u32) < 128 {
            i += 1;
            continue;
        }
        let hi = text[i].to_digit(16);
        let lo = text.get(i + 1).and_then(|c| c.to_digit(16));
        match (hi, lo) {
            (Some(h), Some(l)) if text[i].is_ascii() && text[i + 1].is_ascii() => {
                out.push((h * 16 + l) as u8);
                i += 2;
            }
            (Some(_), _) if text[i].is_ascii() => {
                let at = i + 1;
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {at}"
                )));
            }
            _ => {
                return Err(vm.value_error(format!(
                    "non-hexadecimal number found in fromhex() arg at position {i}"
                )));
            }
        }
    }
    let builtin = vm.builtin_of(&cls);
    let obj = if builtin == T::ByteArray {
        vm.new_bytearray(&out)?
    } else {
        vm.new_bytes(&out)?
    };
    if Vm::is_heap_type(&cls) {
        return vm.call(&cls, vec![obj]);
    }
    Ok(obj)
}

fn b_translate(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let del_kw = args.take_kw(vm, "delete");
    args.no_more_kw(vm, "translate")?;
    args.check(vm, "translate", 2, 3)?;
    let d = this(vm, &args, "translate")?;
    let table = args.pos[1].clone();
    let table: Option<Vec<u8>> = if table.is(&vm.none) {
        None
    } else {
        let t = vm.buffer_arg(&table)?;
        if t.len() != 256 {
            return Err(vm.value_error("translation table must be 256 characters long"));
        }
        Some(t)
    };
    let delete = match args.pos.get(2).cloned().or(del_kw) {
        Some(x) => vm.buffer_arg(&x)?,
        None => Vec::new(),
    };
    let out: Vec<u8> = d
        .iter()
        .filter(|c| !delete.contains(c))
        .map(|&c| table.as_ref().map_or(c, |t| t[c as usize]))
        .collect();
    result(vm, &args, &out)
}

fn b_maketrans(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "maketrans")?;
    // Called through the type (a staticmethod), so there is no receiver.
    if args.pos.len() != 2 {
        return Err(vm.type_error(format!(
            "maketrans expected 2 arguments, got {}",
            args.pos.len()
        )));
    }
    let from = vm.buffer_arg(&args.pos[0])?;
    let to = vm.buffer_arg(&args.pos[1])?;
    if from.len() != to.len() {
        return Err(vm.value_error("maketrans arguments must have same length"));
    }
    let mut t: Vec<u8> = (0..=255u8).collect();
    for (a, b) in from.iter().zip(&to) {
        t[*a as usize] = *b;
    }
    vm.new_bytes(&t)
}

fn b_dunder_bytes(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__bytes__", 1, 1)?;
    let d = this(vm, &args, "__bytes__")?;
    if args.pos[0].kind() == Kind::Bytes && vm.is_exact(&args.pos[0], T::Bytes) {
        return Ok(args.pos[0].clone());
    }
    vm.new_bytes(&d)
}

fn b_getnewargs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let d = this(vm, &args, "__getnewargs__")?;
    let b = vm.new_bytes(&d)?;
    vm.new_tuple_of([b])
}

fn b_dunder_getitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "__getitem__")?;
    this(vm, &args, "__getitem__")?;
    vm.bytes_getitem(&args.pos[0], &args.pos[1])
}

fn b_dunder_len(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__len__", 1, 1)?;
    let n = this(vm, &args, "__len__")?.len();
    vm.new_int(n as i64)
}

fn b_dunder_contains(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "__contains__")?;
    this(vm, &args, "__contains__")?;
    let r = vm.bytes_contains(&args.pos[0], &args.pos[1])?;
    Ok(vm.new_bool(r))
}

// ------------------------------------------------------- bytearray only

fn ba_dunder_setitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__setitem__", 3, 3)?;
    let o = ba_this(vm, &args, "__setitem__")?;
    vm.bytearray_setitem(&o, &args.pos[1], args.pos[2].clone())?;
    Ok(vm.none.clone())
}

fn ba_dunder_delitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "__delitem__")?;
    let o = ba_this(vm, &args, "__delitem__")?;
    vm.bytearray_delitem(&o, &args.pos[1])?;
    Ok(vm.none.clone())
}

fn ba_this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if o.kind() == Kind::ByteArray => Ok(o.clone()),
        other => {
            let tn = other
                .map(|o| vm.type_name_of(o))
                .unwrap_or_else(|| "NoneType".into());
            Err(vm.type_error(format!(
                "descriptor '{name}' requires a 'bytearray' object but received '{tn}'"
            )))
        }
    }
}

fn ba_append(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "append")?;
    args.exactly_one_after_self(vm, "append")?;
    let o = ba_this(vm, &args, "append")?;
    let v = vm.byte_value(&args.pos[1])?;
    let len = vm.bytes_len(&o);
    vm.bytearray_check_resize(&o, len + 1)?;
    vm.bytearray_mut(&o)?.data.push(v);
    Ok(vm.none.clone())
}

fn ba_extend(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "extend")?;
    args.exactly_one_after_self(vm, "extend")?;
    let o = ba_this(vm, &args, "extend")?;
    let src = args.pos[1].clone();
    let d = match vm.bytes_data(&src) {
        Some(d) => d,
        None => {
            if !vm.has_iter(&src) {
                let tn = vm.type_name_of(&src);
                return Err(vm.type_error(format!("can't extend bytearray with {tn}")));
            }
            vm.bytes_from_iterable(&src)?
        }
    };
    let len = vm.bytes_len(&o);
    vm.bytearray_check_resize(&o, len + d.len())?;
    vm.bytearray_mut(&o)?.data.extend_from_slice(&d);
    Ok(vm.none.clone())
}

fn ba_insert(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "insert")?;
    args.check(vm, "insert", 3, 3)?;
    let o = ba_this(vm, &args, "insert")?;
    let i = vm.index_isize(&args.pos[1])?;
    let v = vm.byte_value(&args.pos[2])?;
    let n = vm.bytes_len(&o) as isize;
    let at = if i < 0 { (i + n).max(0) } else { i.min(n) } as usize;
    vm.bytearray_check_resize(&o, n as usize + 1)?;
    vm.bytearray_mut(&o)?.data.insert(at, v);
    Ok(vm.none.clone())
}

fn ba_pop(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "pop")?;
    args.check(vm, "pop", 1, 2)?;
    let o = ba_this(vm, &args, "pop")?;
    let n = vm.bytes_len(&o) as isize;
    if n == 0 {
        return Err(vm.index_error("pop from empty bytearray"));
    }
    let i = match args.pos.get(1) {
        Some(x) => vm.index_isize(x)?,
        None => -1,
    };
    let at = if i < 0 { i + n } else { i };
    if at < 0 || at >= n {
        return Err(vm.index_error("pop index out of range"));
    }
    vm.bytearray_check_resize(&o, n as usize - 1)?;
    let v = vm.bytearray_mut(&o)?.data.remove(at as usize);
    vm.new_int(i64::from(v))
}

fn ba_remove(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "remove")?;
    args.exactly_one_after_self(vm, "remove")?;
    let o = ba_this(vm, &args, "remove")?;
    let v = vm.byte_value(&args.pos[1])?;
    let d = vm.bytes_data(&o).unwrap_or_default();
    match d.iter().position(|&c| c == v) {
        Some(p) => {
            vm.bytearray_check_resize(&o, d.len() - 1)?;
            vm.bytearray_mut(&o)?.data.remove(p);
            Ok(vm.none.clone())
        }
        None => Err(vm.value_error("value not found in bytearray")),
    }
}

fn ba_reverse(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "reverse", 1, 1)?;
    let o = ba_this(vm, &args, "reverse")?;
    vm.bytearray_mut(&o)?.data.reverse();
    Ok(vm.none.clone())
}

fn ba_clear(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "clear", 1, 1)?;
    let o = ba_this(vm, &args, "clear")?;
    vm.bytearray_check_resize(&o, 0)?;
    let mut b = vm.bytearray_mut(&o)?;
    b.data = ouro_heap::hvec();
    drop(b);
    Ok(vm.none.clone())
}

fn ba_copy(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "copy", 1, 1)?;
    let o = ba_this(vm, &args, "copy")?;
    let d = vm.bytes_data(&o).unwrap_or_default();
    vm.new_bytearray(&d)
}

/// `bytearray.__init__` for subclasses that call it explicitly.
fn ba_init(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = ba_this(vm, &args, "__init__")?;
    vm.bytearray_check_resize(&o, 0)?;
    let mut rest = Args {
        pos: args.pos[1..].to_vec(),
        kw: args.kw.clone(),
        packed: false,
    };
    let (d, _) = vm.bytes_ctor_data(&mut rest, "bytearray")?;
    let mut b = vm.bytearray_mut(&o)?;
    b.data.clear();
    b.data.extend_from_slice(&d);
    drop(b);
    Ok(vm.none.clone())
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let shared: &[(&'static str, crate::natives::NativeFn)] = &[
        ("capitalize", b_capitalize),
        ("center", b_center),
        ("count", b_count),
        ("decode", b_decode),
        ("endswith", b_endswith),
        ("expandtabs", b_expandtabs),
        ("find", b_find),
        ("hex", b_hex),
        ("index", b_index),
        ("isalnum", b_isalnum),
        ("isalpha", b_isalpha),
        ("isascii", b_isascii),
        ("isdigit", b_isdigit),
        ("islower", b_islower),
        ("isspace", b_isspace),
        ("istitle", b_istitle),
        ("isupper", b_isupper),
        ("join", b_join),
        ("ljust", b_ljust),
        ("lower", b_lower),
        ("lstrip", b_lstrip),
        ("partition", b_partition),
        ("removeprefix", b_removeprefix),
        ("removesuffix", b_removesuffix),
        ("replace", b_replace),
        ("rfind", b_rfind),
        ("rindex", b_rindex),
        ("rjust", b_rjust),
        ("rpartition", b_rpartition),
        ("rsplit", b_rsplit),
        ("rstrip", b_rstrip),
        ("split", b_split),
        ("splitlines", b_splitlines),
        ("startswith", b_startswith),
        ("strip", b_strip),
        ("swapcase", b_swapcase),
        ("title", b_title),
        ("translate", b_translate),
        ("upper", b_upper),
        ("zfill", b_zfill),
        ("__getitem__", b_dunder_getitem),
        ("__len__", b_dunder_len),
        ("__contains__", b_dunder_contains),
    ];
    for t in [T::Bytes, T::ByteArray] {
        for (name, f) in shared {
            vm.add_method(t, name, *f)?;
        }
        let ty = vm.ty(t).clone();
        let f = vm.new_builtin_function("fromhex", b_fromhex)?;
        let cm = vm.new_classmethod(f)?;
        let d = vm.type_dict(&ty)?;
        let key = vm.intern("fromhex")?;
        vm.dict_set_str(&d, &key, cm)?;
        let f = vm.new_builtin_function("maketrans", b_maketrans)?;
        let sm = vm.new_staticmethod(f)?;
        let key = vm.intern("maketrans")?;
        vm.dict_set_str(&d, &key, sm)?;
    }
    vm.add_method(T::Bytes, "__bytes__", b_dunder_bytes)?;
    vm.add_method(T::Bytes, "__getnewargs__", b_getnewargs)?;
    let only: &[(&'static str, crate::natives::NativeFn)] = &[
        ("append", ba_append),
        ("extend", ba_extend),
        ("insert", ba_insert),
        ("pop", ba_pop),
        ("remove", ba_remove),
        ("reverse", ba_reverse),
        ("clear", ba_clear),
        ("copy", ba_copy),
        ("__init__", ba_init),
        ("__setitem__", ba_dunder_setitem),
        ("__delitem__", ba_dunder_delitem),
    ];
    for (name, f) in only {
        vm.add_method(T::ByteArray, name, *f)?;
    }
    Ok(())
}

/// `str.encode(encoding='utf-8', errors='strict')`.
pub(crate) fn str_encode(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let s = match args.pos.first() {
        Some(o) if o.kind() == Kind::Str => vm.str_of(o).to_string(),
        _ => return Err(vm.type_error("descriptor 'encode' requires a 'str' object")),
    };
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "encode() takes at most 2 arguments ({} given)",
            args.pos.len() - 1
        )));
    }
    let call = codec_args(vm, &mut args, 1, "encode", false)?;
    let r = vm.encode_str(&s, call.codec, call.errors.clone());
    let d = vm.wrap_codec_error(&call, "encoding", r)?;
    vm.new_bytes(&d)
}
