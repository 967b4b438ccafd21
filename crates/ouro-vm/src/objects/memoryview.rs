//! `memoryview`, after CPython 3.11's `Objects/memoryobject.c`: a view of
//! the buffer of a bytes or bytearray object with a format, a shape and
//! strides, sharing the exporter's memory.
//!
//! As in CPython, views do not hold the exporter directly: they share a
//! managed buffer (`_PyManagedBufferObject`, here [`ManagedBuffer`], type
//! `managedbuffer`) that holds the one export of the underlying object.
//! `memoryview(v)`, slices and casts of a view register with the same
//! managed buffer, so the exporter's reference count grows by one per
//! `memoryview(obj)` call, not per view, and `m.obj` is the exporter for
//! every view derived from `m`. When the last view is released (or freed)
//! the managed buffer releases the export and drops the exporter.
//!
//! A bytearray counts the managed buffers exporting it (CPython's
//! `ob_exports`) and refuses to change size while any is live, because
//! views address its bytes by offset; so an offset a live view holds always
//! lies inside the buffer. The reads below still go through checked slices.
//!
//! Freeing a view (its `take_children`) unregisters it from the managed
//! buffer and, for the last view, ends the export: it updates two counters
//! in other objects' payloads and hands the exporter's reference to the
//! teardown stack, which is what CPython's `memory_dealloc` does; no Python
//! code runs. The payload borrows this takes cannot conflict: a bytearray's
//! and a managed buffer's payloads are only borrowed for byte copies and
//! counter updates that release no object.
//!
//! Views are N-dimensional and strided (a view of a bytes object is 1-D of
//! format `B`; `cast(fmt, shape)` gives other formats and shapes). Items are
//! converted by the native codes of `_struct`; storing an item has
//! memoryview's own checks and messages (`pack_single`).

use num_bigint::BigInt;
use num_traits::ToPrimitive;
use ouro_heap::{ByteArrayObj, BytesObj, Kind, NativeObj, NativePayload, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

const RELEASED: &str = "operation forbidden on released memoryview object";
const DIFFERENT_STRUCTURES: &str =
    "memoryview assignment: lvalue and rvalue have different structures";
const BAD_DEST_FORMAT: &str = "memoryview: destination format must be a native single character format prefixed with an optional '@'";

/// The one export of a bytes or bytearray object that views share
/// (CPython's `_PyManagedBufferObject`).
pub struct ManagedBuffer {
    /// The exporter; None once the export is released.
    obj: Option<ObjRef>,
    /// Views registered and not yet released.
    views: usize,
}

impl ManagedBuffer {
    /// CPython's `mbuf_release`: ends the export and hands back the
    /// reference to the exporter (None if already released).
    fn release(&mut self) -> Option<ObjRef> {
        let obj = self.obj.take()?;
        if let Some(b) = obj.borrow::<ByteArrayObj>() {
            b.exports.set(b.exports.get().saturating_sub(1));
        }
        Some(obj)
    }
}

impl NativePayload for ManagedBuffer {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.extend(self.release());
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        if let Some(o) = &self.obj {
            visit(o);
        }
    }

    fn heap_size(&self) -> usize {
        std::mem::size_of::<ManagedBuffer>()
    }
}

/// Unregisters a view from its managed buffer (CPython's `_memory_release`
/// for a view without exports of its own); the exporter's reference when
/// this was the last view.
fn unregister(mbuf: &ObjRef) -> Option<ObjRef> {
    let mut n = mbuf.borrow_mut::<NativeObj>()?;
    let m = n.downcast_mut::<ManagedBuffer>()?;
    m.views = m.views.saturating_sub(1);
    if m.views == 0 {
        m.release()
    } else {
        None
    }
}

/// The shape of a view: everything but the buffer it looks at.
#[derive(Clone)]
struct Geom {
    /// Byte offset of the first item in the exporter's buffer.
    offset: usize,
    shape: Vec<usize>,
    /// Byte distance between neighbours, per dimension (may be negative).
    strides: Vec<isize>,
    itemsize: usize,
    /// The native struct character of the format.
    code: u8,
    /// Whether the format was spelled with a leading `@`.
    at: bool,
    readonly: bool,
}

impl Geom {
    fn ndim(&self) -> usize {
        self.shape.len()
    }

    fn items(&self) -> usize {
        self.shape.iter().product()
    }

    fn nbytes(&self) -> usize {
        self.items() * self.itemsize
    }

    fn format(&self) -> String {
        let c = self.code as char;
        if self.at {
            format!("@{c}")
        } else {
            c.to_string()
        }
    }

    /// CPython's `init_flags`: one dimension is contiguous when its stride
    /// is the item size (or it has one item); more use
    /// `PyBuffer_IsContiguous(view, 'C')`.
    fn c_contiguous(&self) -> bool {
        if self.ndim() == 1 {
            return self.shape[0] == 1 || self.strides[0] == self.itemsize as isize;
        }
        if self.nbytes() == 0 {
            return true;
        }
        let mut sd = self.itemsize as isize;
        for (&dim, &stride) in self.shape.iter().zip(&self.strides).rev() {
            if dim > 1 && stride != sd {
                return false;
            }
            sd *= dim as isize;
        }
        true
    }

    fn f_contiguous(&self) -> bool {
        if self.ndim() == 1 {
            return self.c_contiguous();
        }
        if self.nbytes() == 0 {
            return true;
        }
        let mut sd = self.itemsize as isize;
        for (&dim, &stride) in self.shape.iter().zip(&self.strides) {
            if dim > 1 && stride != sd {
                return false;
            }
            sd *= dim as isize;
        }
        true
    }

    /// Byte positions of the items, in C order (last index fastest) or, with
    /// `fortran`, first index fastest.
    fn positions(&self, fortran: bool) -> Vec<usize> {
        let mut out = Vec::with_capacity(self.items());
        let dims: Vec<usize> = if fortran {
            (0..self.ndim()).rev().collect()
        } else {
            (0..self.ndim()).collect()
        };
        fn walk(g: &Geom, dims: &[usize], base: isize, out: &mut Vec<usize>) {
            match dims.split_first() {
                None => out.push(base.max(0) as usize),
                Some((&d, rest)) => {
                    for i in 0..g.shape[d] {
                        walk(g, rest, base + i as isize * g.strides[d], out);
                    }
                }
            }
        }
        walk(self, &dims, self.offset as isize, &mut out);
        out
    }

    /// Strides of a C-contiguous array of this shape.
    fn c_strides(shape: &[usize], itemsize: usize) -> Vec<isize> {
        let mut strides = vec![0isize; shape.len()];
        let mut sd = itemsize as isize;
        for (s, &dim) in strides.iter_mut().zip(shape).rev() {
            *s = sd;
            sd *= dim as isize;
        }
        strides
    }
}

/// A `memoryview` (CPython's `PyMemoryViewObject`).
pub struct MemoryView {
    /// The shared managed buffer; kept after release, as CPython does.
    mbuf: Option<ObjRef>,
    released: bool,
    geom: Geom,
    /// The cached hash, or -1.
    hash: i64,
}

impl NativePayload for MemoryView {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        // memory_dealloc: release (which may drop the exporter), then the
        // managed buffer.
        if let Some(mbuf) = self.mbuf.take() {
            let obj = if self.released {
                None
            } else {
                self.released = true;
                unregister(&mbuf)
            };
            out.push(mbuf);
            out.extend(obj);
        }
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        if let Some(m) = &self.mbuf {
            visit(m);
        }
    }

    fn heap_size(&self) -> usize {
        std::mem::size_of::<MemoryView>()
            + self.geom.shape.capacity() * std::mem::size_of::<usize>()
            + self.geom.strides.capacity() * std::mem::size_of::<isize>()
    }
}

/// Size of a native single-character format (CPython's
/// `get_native_fmtchar`): the character and its size, or None.
fn native_format(fmt: &str) -> Option<(u8, usize, bool)> {
    let (at, body) = match fmt.strip_prefix('@') {
        Some(rest) => (true, rest),
        None => (false, fmt),
    };
    let &[c] = body.as_bytes() else {
        return None;
    };
    let size = match c {
        b'c' | b'b' | b'B' | b'?' => 1,
        b'h' | b'H' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' | b'q' | b'Q' | b'n' | b'N' | b'd' | b'P' => 8,
        _ => return None,
    };
    Some((c, size, at))
}

fn is_byte_format(c: u8) -> bool {
    matches!(c, b'B' | b'b' | b'c')
}

/// The geometry and exporter of a live view.
struct Live {
    geom: Geom,
    mbuf: ObjRef,
    obj: ObjRef,
}

/// A snapshot of `o` if it is a memoryview: (released, geometry, mbuf).
fn snapshot(o: &ObjRef) -> Option<(bool, Geom, Option<ObjRef>)> {
    if o.kind() != Kind::Native {
        return None;
    }
    Vm::with_native::<MemoryView, _>(o, |m| (m.released, m.geom.clone(), m.mbuf.clone()))
}

fn mbuf_obj(mbuf: &ObjRef) -> Option<ObjRef> {
    Vm::with_native::<ManagedBuffer, _>(mbuf, |m| m.obj.clone()).flatten()
}

/// `o`'s view if it is a live memoryview (not released).
fn live(o: &ObjRef) -> Option<Live> {
    let (released, geom, mbuf) = snapshot(o)?;
    if released {
        return None;
    }
    let mbuf = mbuf?;
    let obj = mbuf_obj(&mbuf)?;
    Some(Live { geom, mbuf, obj })
}

/// Runs `f` on the bytes of a live memoryview in C order, reading them in
/// place when the view is C-contiguous; None for anything else.
pub(crate) fn with_view_bytes<R>(o: &ObjRef, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let v = live(o)?;
    if v.geom.c_contiguous() {
        let (lo, n) = (v.geom.offset, v.geom.nbytes());
        return with_raw(&v.obj, |d| d.get(lo..lo + n).map(f)).flatten();
    }
    let data = gather(&v);
    Some(f(&data))
}

/// Runs `f` on the bytes of a live, C-contiguous memoryview (CPython's
/// `PyBUF_SIMPLE` request); None for anything else.
pub(crate) fn with_contiguous_bytes<R>(o: &ObjRef, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    let v = live(o)?;
    if !v.geom.c_contiguous() {
        return None;
    }
    let (lo, n) = (v.geom.offset, v.geom.nbytes());
    with_raw(&v.obj, |d| d.get(lo..lo + n).map(f)).flatten()
}

/// The bytes of a view in C order (a copy).
fn gather(v: &Live) -> Vec<u8> {
    gather_order(v, false)
}

fn gather_order(v: &Live, fortran: bool) -> Vec<u8> {
    let isz = v.geom.itemsize;
    let positions = v.geom.positions(fortran);
    with_raw(&v.obj, |d| {
        let mut out = Vec::with_capacity(positions.len() * isz);
        for p in positions {
            out.extend_from_slice(d.get(p..p + isz).unwrap_or(&[]));
        }
        out
    })
    .unwrap_or_default()
}

/// Runs `f` on the whole buffer of an exporter (bytes or bytearray).
fn with_raw<R>(o: &ObjRef, f: impl FnOnce(&[u8]) -> R) -> Option<R> {
    match o.kind() {
        Kind::Bytes => o.get::<BytesObj>().map(|b| f(b.as_bytes())),
        Kind::ByteArray => o.borrow::<ByteArrayObj>().map(|b| f(&b.data)),
        _ => None,
    }
}

/// Whether `o` is a memoryview (live or released).
pub(crate) fn is_memoryview(o: &ObjRef) -> bool {
    o.kind() == Kind::Native && Vm::with_native::<MemoryView, _>(o, |_| ()).is_some()
}

/// Whether `o` is a memoryview that has been released.
pub(crate) fn is_released(o: &ObjRef) -> bool {
    snapshot(o).is_some_and(|(r, _, _)| r)
}

impl Vm {
    fn released_error(&mut self) -> PyErr {
        self.value_error(RELEASED)
    }

    /// A live view of `o`, or CPython's error for a released one.
    fn mv_live(&mut self, o: &ObjRef) -> PyResult<Live> {
        match live(o) {
            Some(v) => Ok(v),
            None if is_memoryview(o) => Err(self.released_error()),
            None => Err(self.type_error("descriptor requires a 'memoryview' object")),
        }
    }

    /// A new view on `mbuf` (CPython's `mbuf_add_view`).
    fn mv_register(&mut self, mbuf: &ObjRef, geom: Geom) -> PyResult<ObjRef> {
        let view = self.new_native(
            T::MemoryView,
            MemoryView {
                mbuf: Some(mbuf.clone()),
                released: false,
                geom,
                hash: -1,
            },
        )?;
        Vm::with_native_mut::<ManagedBuffer, _>(mbuf, |m| m.views += 1);
        Ok(view)
    }

    /// `memoryview(object)`.
    pub(crate) fn memoryview_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        let kw = args.take_kw(self, "object");
        args.no_more_kw(self, "memoryview")?;
        if args.pos.len() + usize::from(kw.is_some()) > 1 {
            return Err(self.type_error(format!(
                "memoryview() takes at most 1 argument ({} given)",
                args.pos.len() + usize::from(kw.is_some())
            )));
        }
        let Some(obj) = args.pos.first().cloned().or(kw) else {
            return Err(self.type_error("memoryview() missing required argument 'object' (pos 1)"));
        };
        self.memoryview_of(&obj)
    }

    /// CPython's `PyMemoryView_FromObject`.
    pub(crate) fn memoryview_of(&mut self, obj: &ObjRef) -> PyResult<ObjRef> {
        if is_memoryview(obj) {
            let v = self.mv_live(obj)?;
            return self.mv_register(&v.mbuf, v.geom);
        }
        let readonly = match obj.kind() {
            Kind::Bytes => true,
            Kind::ByteArray => false,
            _ => {
                let tn = self.type_name_of(obj);
                return Err(self.type_error(format!(
                    "memoryview: a bytes-like object is required, not '{tn}'"
                )));
            }
        };
        let len = self.bytes_len(obj);
        let mbuf = self.new_native(
            T::ManagedBuffer,
            ManagedBuffer {
                obj: Some(obj.clone()),
                views: 0,
            },
        )?;
        if let Some(b) = obj.borrow::<ByteArrayObj>() {
            b.exports.set(b.exports.get() + 1);
        }
        let geom = Geom {
            offset: 0,
            shape: vec![len],
            strides: vec![1],
            itemsize: 1,
            code: b'B',
            at: false,
            readonly,
        };
        self.mv_register(&mbuf, geom)
    }

    /// `m.release()` (CPython's `_memory_release`).
    fn memoryview_release(&mut self, o: &ObjRef) {
        let mbuf = Vm::with_native_mut::<MemoryView, _>(o, |m| {
            if m.released {
                None
            } else {
                m.released = true;
                m.mbuf.clone()
            }
        })
        .flatten();
        if let Some(mbuf) = mbuf {
            drop(unregister(&mbuf));
        }
    }

    /// `len(m)`.
    pub(crate) fn memoryview_len(&mut self, o: &ObjRef) -> PyResult<usize> {
        let v = self.mv_live(o)?;
        Ok(v.geom.shape.first().copied().unwrap_or(1))
    }

    /// The item at byte position `pos`.
    fn mv_unpack_at(&mut self, v: &Live, pos: usize) -> PyResult<ObjRef> {
        let isz = v.geom.itemsize;
        let raw = with_raw(&v.obj, |d| d.get(pos..pos + isz).map(<[u8]>::to_vec)).flatten();
        match raw {
            Some(raw) => crate::structmodule::unpack_native(self, v.geom.code, &raw),
            None => Err(self.internal_error("memoryview item outside its buffer")),
        }
    }

    /// CPython's `lookup_dimension`: the byte position of item `index` of
    /// dimension `dim` from `base`.
    fn mv_lookup(&mut self, g: &Geom, base: isize, dim: usize, index: isize) -> PyResult<isize> {
        let n = g.shape[dim] as isize;
        let i = if index < 0 { index + n } else { index };
        if i < 0 || i >= n {
            return Err(self.index_error(format!("index out of bounds on dimension {}", dim + 1)));
        }
        Ok(base + i * g.strides[dim])
    }

    fn is_index(&mut self, key: &ObjRef) -> bool {
        matches!(key.kind(), Kind::Int | Kind::BigInt)
            || (Vm::is_heap_class_of(key)
                && self.type_lookup_str(&key.class(), "__index__").is_some())
    }

    /// The byte position a tuple of indices selects (CPython's
    /// `ptr_from_tuple`); None if `key` is not a tuple of indices.
    fn mv_multi_index(&mut self, g: &Geom, key: &ObjRef) -> PyResult<Option<usize>> {
        if key.kind() != Kind::Tuple {
            return Ok(None);
        }
        let items = self.seq_items(key);
        for it in &items {
            if !self.is_index(it) {
                return Ok(None);
            }
        }
        let n = items.len();
        if n < g.ndim() {
            return Err(self.new_exc(T::NotImplementedError, "sub-views are not implemented"));
        }
        if n > g.ndim() {
            return Err(self.type_error(format!(
                "cannot index {}-dimension view with {n}-element tuple",
                g.ndim()
            )));
        }
        let mut pos = g.offset as isize;
        for (dim, it) in items.iter().enumerate() {
            let i = self.index_isize(it)?;
            pos = self.mv_lookup(g, pos, dim, i)?;
        }
        Ok(Some(pos as usize))
    }

    fn is_multislice(&mut self, key: &ObjRef) -> bool {
        key.kind() == Kind::Tuple && self.seq_items(key).iter().all(|k| k.kind() == Kind::Slice)
    }

    /// `m[key]` (CPython's `memory_subscript`).
    pub(crate) fn memoryview_getitem(&mut self, o: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        let v = self.mv_live(o)?;
        let g = &v.geom;
        if g.ndim() == 0 {
            if key.kind() == Kind::Tuple && self.seq_items(key).is_empty() {
                let pos = g.offset;
                return self.mv_unpack_at(&v, pos);
            }
            if key.is(&self.ellipsis) {
                return Ok(o.clone());
            }
            return Err(self.type_error("invalid indexing of 0-dim memory"));
        }
        if self.is_index(key) {
            let i = self.index_isize(key)?;
            if g.ndim() != 1 {
                return Err(self.new_exc(
                    T::NotImplementedError,
                    "multi-dimensional sub-views are not implemented",
                ));
            }
            let pos = self.mv_lookup(g, g.offset as isize, 0, i)?;
            return self.mv_unpack_at(&v, pos as usize);
        }
        if key.kind() == Kind::Slice {
            let (start, step, _, count) = self.slice_indices(key, g.shape[0])?;
            let mut geom = g.clone();
            geom.offset = (g.offset as isize + start * g.strides[0]).max(0) as usize;
            geom.shape[0] = count;
            geom.strides[0] = g.strides[0] * step;
            return self.mv_register(&v.mbuf, geom);
        }
        if let Some(pos) = self.mv_multi_index(g, key)? {
            return self.mv_unpack_at(&v, pos);
        }
        if self.is_multislice(key) {
            return Err(self.new_exc(
                T::NotImplementedError,
                "multi-dimensional slicing is not implemented",
            ));
        }
        Err(self.type_error("memoryview: invalid slice key"))
    }

    /// Writes `data` at byte position `pos` of the exporter.
    fn mv_write_at(&mut self, v: &Live, pos: usize, data: &[u8]) -> PyResult<()> {
        let ok = v
            .obj
            .borrow_mut::<ByteArrayObj>()
            .and_then(|mut b| {
                b.data
                    .get_mut(pos..pos + data.len())
                    .map(|dst| dst.copy_from_slice(data))
            })
            .is_some();
        if ok {
            Ok(())
        } else {
            Err(self.internal_error("memoryview write outside its buffer"))
        }
    }

    /// The geometry and C-order bytes of an assignment's right side
    /// (CPython's `PyObject_GetBuffer(value, PyBUF_FULL_RO)`).
    fn mv_source(&mut self, value: &ObjRef) -> PyResult<(Geom, Vec<u8>)> {
        if is_memoryview(value) {
            let s = self.mv_live(value)?;
            let data = gather(&s);
            return Ok((s.geom, data));
        }
        match self.bytes_data(value) {
            Some(d) if matches!(value.kind(), Kind::Bytes | Kind::ByteArray) => {
                let geom = Geom {
                    offset: 0,
                    shape: vec![d.len()],
                    strides: vec![1],
                    itemsize: 1,
                    code: b'B',
                    at: false,
                    readonly: true,
                };
                Ok((geom, d))
            }
            _ => {
                let tn = self.type_name_of(value);
                Err(self.type_error(format!("a bytes-like object is required, not '{tn}'")))
            }
        }
    }

    /// `m[key] = value` (CPython's `memory_ass_sub`); `None` deletes.
    pub(crate) fn memoryview_setitem(
        &mut self,
        o: &ObjRef,
        key: &ObjRef,
        value: Option<ObjRef>,
    ) -> PyResult<()> {
        let v = self.mv_live(o)?;
        if v.geom.readonly {
            return Err(self.type_error("cannot modify read-only memory"));
        }
        let Some(value) = value else {
            return Err(self.type_error("cannot delete memory"));
        };
        let g = v.geom.clone();
        if g.ndim() == 0 {
            let empty_tuple = key.kind() == Kind::Tuple && self.seq_items(key).is_empty();
            if key.is(&self.ellipsis) || empty_tuple {
                let data = self.pack_single(&g, &value)?;
                return self.mv_write_at(&v, g.offset, &data);
            }
            return Err(self.type_error("invalid indexing of 0-dim memory"));
        }
        if self.is_index(key) {
            if g.ndim() > 1 {
                return Err(self.new_exc(T::NotImplementedError, "sub-views are not implemented"));
            }
            let i = self.index_isize(key)?;
            let pos = self.mv_lookup(&g, g.offset as isize, 0, i)?;
            let data = self.pack_single(&g, &value)?;
            return self.mv_write_at(&v, pos as usize, &data);
        }
        if key.kind() == Kind::Slice && g.ndim() == 1 {
            let (src, data) = self.mv_source(&value)?;
            let (start, step, _, count) = self.slice_indices(key, g.shape[0])?;
            let mut dest = g.clone();
            dest.offset = (g.offset as isize + start * g.strides[0]).max(0) as usize;
            dest.shape[0] = count;
            dest.strides[0] = g.strides[0] * step;
            let same_format = src.code == dest.code && src.itemsize == dest.itemsize;
            if !same_format || src.shape != dest.shape {
                return Err(self.value_error(DIFFERENT_STRUCTURES));
            }
            let isz = dest.itemsize;
            for (k, pos) in dest.positions(false).into_iter().enumerate() {
                let item = data.get(k * isz..(k + 1) * isz).unwrap_or(&[]);
                self.mv_write_at(&v, pos, item)?;
            }
            return Ok(());
        }
        if let Some(pos) = self.mv_multi_index(&g, key)? {
            let data = self.pack_single(&g, &value)?;
            return self.mv_write_at(&v, pos, &data);
        }
        if key.kind() == Kind::Slice || self.is_multislice(key) {
            return Err(self.new_exc(
                T::NotImplementedError,
                "memoryview slice assignments are currently restricted to ndim = 1",
            ));
        }
        Err(self.type_error("memoryview: invalid slice key"))
    }

    /// The bytes of one item of format `g.code` (CPython's `pack_single`,
    /// with its `fix_error_int` messages).
    fn pack_single(&mut self, g: &Geom, value: &ObjRef) -> PyResult<Vec<u8>> {
        let fmt = (g.code as char).to_string();
        let invalid_type =
            |vm: &mut Vm| vm.type_error(format!("memoryview: invalid type for format '{fmt}'"));
        let invalid_value =
            |vm: &mut Vm| vm.value_error(format!("memoryview: invalid value for format '{fmt}'"));
        let c = g.code;
        match c {
            b'b' | b'h' | b'i' | b'l' | b'q' | b'n' | b'B' | b'H' | b'I' | b'L' | b'Q' | b'N'
            | b'P' => {
                let n: BigInt = if self.is_index(value) {
                    match self.index_value(value) {
                        Ok(n) => n,
                        Err(e) if self.err_is(&e, T::TypeError) => return Err(invalid_type(self)),
                        Err(e)
                            if self.err_is(&e, T::ValueError)
                                || self.err_is(&e, T::OverflowError) =>
                        {
                            return Err(invalid_value(self))
                        }
                        Err(e) => return Err(e),
                    }
                } else {
                    return Err(invalid_type(self));
                };
                let size = g.itemsize;
                let signed = c.is_ascii_lowercase();
                let bits = 8 * size as u32;
                let fits = if c == b'P' {
                    n.to_u64().is_some() || n.to_i64().is_some()
                } else if signed {
                    n.to_i64().is_some_and(|x| {
                        let lo = -(1i128 << (bits - 1));
                        let hi = (1i128 << (bits - 1)) - 1;
                        (lo..=hi).contains(&i128::from(x))
                    })
                } else {
                    n.to_u64().is_some_and(|x| bits == 64 || x < (1u64 << bits))
                };
                if !fits {
                    return Err(invalid_value(self));
                }
                let raw = n
                    .to_i64()
                    .map(|x| x as u64)
                    .or_else(|| n.to_u64())
                    .unwrap_or(0);
                Ok(raw.to_le_bytes()[..size].to_vec())
            }
            b'f' | b'd' => {
                let x = self.mv_float(value).map_err(|e| match e {
                    FloatErr::Type => invalid_type(self),
                    FloatErr::Value => invalid_value(self),
                    FloatErr::Other(e) => e,
                })?;
                Ok(if c == b'f' {
                    (x as f32).to_le_bytes().to_vec()
                } else {
                    x.to_le_bytes().to_vec()
                })
            }
            b'?' => {
                let t = self.truthy(value)?;
                Ok(vec![u8::from(t)])
            }
            b'c' => {
                if value.kind() != Kind::Bytes {
                    return Err(invalid_type(self));
                }
                match self.bytes_data(value) {
                    Some(d) if d.len() == 1 => Ok(d),
                    _ => Err(invalid_value(self)),
                }
            }
            _ => Err(self.new_exc(
                T::NotImplementedError,
                format!("memoryview: format {fmt} not supported"),
            )),
        }
    }

    /// `PyFloat_AsDouble` for a stored item.
    fn mv_float(&mut self, v: &ObjRef) -> Result<f64, FloatErr> {
        match v.kind() {
            Kind::Float | Kind::Int => return self.float_value(v).ok_or(FloatErr::Type),
            Kind::BigInt => {
                return self
                    .index_value(v)
                    .ok()
                    .and_then(|i| ouro_algo::int::to_f64(&i))
                    .ok_or(FloatErr::Value)
            }
            _ => {}
        }
        let float_ = self.names.float_.clone();
        match self.call_dunder(v, &float_, &[]) {
            Ok(Some(r)) if r.kind() == Kind::Float => self.float_value(&r).ok_or(FloatErr::Type),
            Ok(Some(_)) => Err(FloatErr::Type),
            Err(e) if self.err_is(&e, T::TypeError) => Err(FloatErr::Type),
            Err(e) => Err(FloatErr::Other(e)),
            Ok(None) => {
                if self.is_index(v) {
                    self.index_value(v)
                        .ok()
                        .and_then(|i| ouro_algo::int::to_f64(&i))
                        .ok_or(FloatErr::Value)
                } else {
                    Err(FloatErr::Type)
                }
            }
        }
    }

    /// The items of a view as nested lists (CPython's `memory_tolist`).
    fn memoryview_tolist(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        let v = self.mv_live(o)?;
        let data = gather(&v);
        let g = &v.geom;
        if g.ndim() == 0 {
            return crate::structmodule::unpack_native(self, g.code, &data);
        }
        let mut items = Vec::with_capacity(g.items());
        for chunk in data.chunks(g.itemsize.max(1)) {
            items.push(crate::structmodule::unpack_native(self, g.code, chunk)?);
        }
        // Group the flat C-order items from the innermost dimension out.
        for &dim in g.shape[1..].iter().rev() {
            let mut grouped = Vec::with_capacity(items.len() / dim.max(1));
            let mut it = items.into_iter();
            loop {
                let row: Vec<ObjRef> = it.by_ref().take(dim).collect();
                if row.len() < dim || dim == 0 {
                    break;
                }
                grouped.push(self.new_list(row)?);
            }
            items = grouped;
        }
        self.new_list(items)
    }

    /// `m.cast(format, shape=None)` (CPython's `memory_cast`).
    fn memoryview_cast(
        &mut self,
        o: &ObjRef,
        format: &ObjRef,
        shape: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let v = self.mv_live(o)?;
        if format.kind() != Kind::Str {
            let tn = self.type_name_of(format);
            return Err(self.type_error(format!("cast() argument 'format' must be str, not {tn}")));
        }
        if !v.geom.c_contiguous() {
            return Err(self.type_error("memoryview: casts are restricted to C-contiguous views"));
        }
        let has_zero = v.geom.shape.contains(&0) || v.geom.strides.contains(&0);
        if (shape.is_some() || v.geom.ndim() != 1) && has_zero {
            return Err(
                self.type_error("memoryview: cannot cast view with zeros in shape or strides")
            );
        }
        let mut dims = None;
        if let Some(s) = shape {
            if !matches!(s.kind(), Kind::List | Kind::Tuple) {
                return Err(self.type_error("shape must be a list or a tuple"));
            }
            let items = self.seq_items(s);
            if items.len() > 64 {
                return Err(self.value_error("memoryview: number of dimensions must not exceed 64"));
            }
            if v.geom.ndim() != 1 && items.len() != 1 {
                return Err(self.type_error("memoryview: cast must be 1D -> ND or ND -> 1D"));
            }
            dims = Some(items);
        }
        // cast_to_1D
        let fmt = self.str_of(format).to_string();
        let Some((code, itemsize, at)) = native_format(&fmt) else {
            if !fmt.is_ascii() {
                return Err(self.new_exc(
                    T::UnicodeEncodeError,
                    "'ascii' codec can't encode the format",
                ));
            }
            return Err(self.value_error(BAD_DEST_FORMAT));
        };
        if !is_byte_format(v.geom.code) && !is_byte_format(code) {
            return Err(self.type_error("memoryview: cannot cast between two non-byte formats"));
        }
        let nbytes = v.geom.nbytes();
        if nbytes % itemsize != 0 {
            return Err(self.type_error("memoryview: length is not a multiple of itemsize"));
        }
        let mut geom = Geom {
            offset: v.geom.offset,
            shape: vec![nbytes / itemsize],
            strides: vec![itemsize as isize],
            itemsize,
            code,
            at,
            readonly: v.geom.readonly,
        };
        // cast_to_ND
        if let Some(items) = dims {
            let mut shape = Vec::with_capacity(items.len());
            let mut len = itemsize;
            for it in &items {
                if !matches!(it.kind(), Kind::Int | Kind::BigInt) {
                    return Err(
                        self.type_error("memoryview.cast(): elements of shape must be integers")
                    );
                }
                let n = self.index_value(it)?;
                let n = match n.to_usize() {
                    Some(n) if n > 0 => n,
                    _ => {
                        return Err(self.value_error(
                            "memoryview.cast(): elements of shape must be integers > 0",
                        ))
                    }
                };
                len = match len.checked_mul(n) {
                    Some(l) => l,
                    None => {
                        return Err(
                            self.value_error("memoryview.cast(): product(shape) > SSIZE_MAX")
                        )
                    }
                };
                shape.push(n);
            }
            if len != nbytes {
                return Err(self.type_error("memoryview: product(shape) * itemsize != buffer size"));
            }
            geom.strides = Geom::c_strides(&shape, itemsize);
            geom.shape = shape;
        }
        self.mv_register(&v.mbuf, geom)
    }

    /// `m == other` (CPython's `memory_richcompare`); None means
    /// NotImplemented.
    pub(crate) fn memoryview_compare(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        eq: bool,
    ) -> PyResult<Option<bool>> {
        if is_released(a) || is_released(b) {
            return Ok(Some(a.is(b) == eq));
        }
        let Some(va) = live(a) else {
            return Ok(None);
        };
        let (gb, db) = if let Some(vb) = live(b) {
            let d = gather(&vb);
            (vb.geom, d)
        } else if matches!(b.kind(), Kind::Bytes | Kind::ByteArray) {
            match self.mv_source(b) {
                Ok(s) => s,
                Err(_) => return Ok(None),
            }
        } else {
            return Ok(None);
        };
        let ga = &va.geom;
        // equiv_shape: the same dimensions (up to the first empty one).
        let mut same_shape = ga.ndim() == gb.ndim();
        if same_shape {
            for (x, y) in ga.shape.iter().zip(&gb.shape) {
                if x != y {
                    same_shape = false;
                    break;
                }
                if *x == 0 {
                    break;
                }
            }
        }
        if !same_shape {
            return Ok(Some(!eq));
        }
        let da = gather(&va);
        let equal = if ga.code == gb.code && !matches!(ga.code, b'f' | b'd' | b'?') {
            // Identical integer or char formats compare as their bytes.
            da == db
        } else {
            let n = ga.items();
            let mut equal = true;
            for k in 0..n {
                let x = da
                    .get(k * ga.itemsize..(k + 1) * ga.itemsize)
                    .unwrap_or(&[]);
                let y = db
                    .get(k * gb.itemsize..(k + 1) * gb.itemsize)
                    .unwrap_or(&[]);
                let x = crate::structmodule::unpack_native(self, ga.code, x)?;
                let y = crate::structmodule::unpack_native(self, gb.code, y)?;
                if !self.eq(&x, &y)? {
                    equal = false;
                    break;
                }
            }
            equal
        };
        Ok(Some(equal == eq))
    }

    /// `hash(m)` (CPython's `memory_hash`): the hash of the bytes, for
    /// read-only views of byte formats.
    pub(crate) fn memoryview_hash(&mut self, o: &ObjRef) -> PyResult<i64> {
        if let Some(h) = Vm::with_native::<MemoryView, _>(o, |m| m.hash).filter(|&h| h != -1) {
            return Ok(h);
        }
        let v = self.mv_live(o)?;
        if !v.geom.readonly {
            return Err(self.value_error("cannot hash writable memoryview object"));
        }
        if !is_byte_format(v.geom.code) {
            return Err(
                self.value_error("memoryview: hashing is restricted to formats 'B', 'b' or 'c'")
            );
        }
        // The exporter must be hashable too (a read-only view of a
        // bytearray is not).
        self.hash(&v.obj)?;
        let h = ouro_algo::hash::hash_bytes(&gather(&v));
        Vm::with_native_mut::<MemoryView, _>(o, |m| m.hash = h);
        Ok(h)
    }

    /// `repr(m)`.
    pub(crate) fn memoryview_repr(&self, o: &ObjRef) -> String {
        if is_released(o) {
            format!("<released memory at {:#x}>", o.addr())
        } else {
            format!("<memory at {:#x}>", o.addr())
        }
    }

    /// `iter(m)` (CPython's `memory_iter`).
    pub(crate) fn memoryview_iter(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        let v = self.mv_live(o)?;
        match v.geom.ndim() {
            0 => Err(self.type_error("invalid indexing of 0-dim memory")),
            1 => self.new_seq_iter(o, T::MemoryIterator),
            _ => Err(self.new_exc(
                T::NotImplementedError,
                "multi-dimensional sub-views are not implemented",
            )),
        }
    }

    /// The layout attributes of a memoryview; None for other names.
    pub(crate) fn memoryview_getattr(
        &mut self,
        o: &ObjRef,
        name: &str,
    ) -> PyResult<Option<ObjRef>> {
        const NAMES: &[&str] = &[
            "obj",
            "nbytes",
            "readonly",
            "itemsize",
            "format",
            "ndim",
            "shape",
            "strides",
            "suboffsets",
            "c_contiguous",
            "f_contiguous",
            "contiguous",
        ];
        if !NAMES.contains(&name) {
            return Ok(None);
        }
        let v = self.mv_live(o)?;
        let g = &v.geom;
        let ints = |vm: &mut Vm, xs: Vec<i64>| -> PyResult<ObjRef> {
            let mut items = Vec::with_capacity(xs.len());
            for x in xs {
                items.push(vm.new_int(x)?);
            }
            vm.new_tuple(items)
        };
        let r = match name {
            "obj" => v.obj.clone(),
            "nbytes" => self.new_int(g.nbytes() as i64)?,
            "readonly" => self.new_bool(g.readonly),
            "itemsize" => self.new_int(g.itemsize as i64)?,
            "format" => {
                let f = g.format();
                self.new_str(&f)?
            }
            "ndim" => self.new_int(g.ndim() as i64)?,
            "shape" => ints(self, g.shape.iter().map(|&x| x as i64).collect())?,
            "strides" => ints(self, g.strides.iter().map(|&x| x as i64).collect())?,
            "suboffsets" => self.new_tuple(Vec::new())?,
            "c_contiguous" => self.new_bool(g.c_contiguous()),
            "f_contiguous" => self.new_bool(g.f_contiguous()),
            _ => {
                let c = g.c_contiguous() || g.f_contiguous();
                self.new_bool(c)
            }
        };
        Ok(Some(r))
    }

    /// The bytes of a memoryview argument where CPython asks for a simple
    /// (C-contiguous) buffer: released and strided views are refused.
    pub(crate) fn memoryview_buffer(&mut self, o: &ObjRef) -> PyResult<Vec<u8>> {
        let v = self.mv_live(o)?;
        if !v.geom.c_contiguous() {
            return Err(self.new_exc(
                T::BufferError,
                "memoryview: underlying buffer is not C-contiguous",
            ));
        }
        Ok(gather(&v))
    }

    /// The length of a writable, C-contiguous memoryview argument; None if
    /// `o` is not one.
    pub(crate) fn memoryview_writable_len(&self, o: &ObjRef) -> Option<usize> {
        let v = live(o)?;
        (!v.geom.readonly && v.geom.c_contiguous()).then(|| v.geom.nbytes())
    }

    /// Writes `data` at byte `offset` of a writable, C-contiguous view.
    pub(crate) fn memoryview_write(
        &mut self,
        o: &ObjRef,
        offset: usize,
        data: &[u8],
    ) -> PyResult<()> {
        let v = self.mv_live(o)?;
        if offset + data.len() > v.geom.nbytes() {
            return Err(self.internal_error("buffer write out of range"));
        }
        let pos = v.geom.offset + offset;
        self.mv_write_at(&v, pos, data)
    }
}

enum FloatErr {
    Type,
    Value,
    Other(PyErr),
}

// ------------------------------------------------------------------ methods

fn this(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if is_memoryview(o) => Ok(o.clone()),
        other => {
            let tn = other
                .map(|o| vm.type_name_of(o))
                .unwrap_or_else(|| "NoneType".into());
            Err(vm.type_error(format!(
                "descriptor '{name}' for 'memoryview' objects doesn't apply to a '{tn}' object"
            )))
        }
    }
}

fn mv_tobytes(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let kw = args.take_kw(vm, "order");
    args.no_more_kw(vm, "tobytes")?;
    args.check(vm, "tobytes", 1, 2)?;
    let o = this(vm, &args, "tobytes")?;
    let order = args.pos.get(1).cloned().or(kw);
    let v = vm.mv_live(&o)?;
    let fortran = match order {
        None => false,
        Some(x) if x.is(&vm.none) => false,
        Some(x) if x.kind() == Kind::Str => match vm.str_of(&x) {
            "C" | "A" => false,
            "F" => true,
            _ => return Err(vm.value_error("order must be 'C', 'F' or 'A'")),
        },
        Some(x) => {
            let tn = vm.type_name_of(&x);
            return Err(vm.type_error(format!(
                "tobytes() argument 'order' must be str or None, not {tn}"
            )));
        }
    };
    let data = gather_order(&v, fortran);
    vm.new_bytes(&data)
}

fn mv_tolist(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "tolist")?;
    args.check(vm, "tolist", 1, 1)?;
    let o = this(vm, &args, "tolist")?;
    vm.memoryview_tolist(&o)
}

fn mv_hex(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let o = this(vm, &args, "hex")?;
    let v = vm.mv_live(&o)?;
    let data = gather(&v);
    args.pos[0] = vm.new_bytes(&data)?;
    crate::objects::bytes::b_hex(vm, args)
}

fn mv_cast(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let fmt_kw = args.take_kw(vm, "format");
    let shape_kw = args.take_kw(vm, "shape");
    args.no_more_kw(vm, "cast")?;
    args.check(vm, "cast", 1, 3)?;
    let o = this(vm, &args, "cast")?;
    let Some(fmt) = args.pos.get(1).cloned().or(fmt_kw) else {
        return Err(vm.type_error("cast() missing required argument 'format' (pos 1)"));
    };
    let shape = args.pos.get(2).cloned().or(shape_kw);
    vm.memoryview_cast(&o, &fmt, shape.as_ref())
}

fn mv_release(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "release", 1, 1)?;
    let o = this(vm, &args, "release")?;
    vm.memoryview_release(&o);
    Ok(vm.none.clone())
}

fn mv_toreadonly(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "toreadonly", 1, 1)?;
    let o = this(vm, &args, "toreadonly")?;
    let v = vm.mv_live(&o)?;
    let mut geom = v.geom;
    geom.readonly = true;
    vm.mv_register(&v.mbuf, geom)
}

fn mv_enter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__enter__", 1, 1)?;
    let o = this(vm, &args, "__enter__")?;
    vm.mv_live(&o)?;
    Ok(o)
}

fn mv_exit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = this(vm, &args, "__exit__")?;
    vm.memoryview_release(&o);
    Ok(vm.none.clone())
}

fn mv_getitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "__getitem__")?;
    let o = this(vm, &args, "__getitem__")?;
    vm.memoryview_getitem(&o, &args.pos[1])
}

fn mv_setitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__setitem__", 3, 3)?;
    let o = this(vm, &args, "__setitem__")?;
    vm.memoryview_setitem(&o, &args.pos[1], Some(args.pos[2].clone()))?;
    Ok(vm.none.clone())
}

fn mv_delitem(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "__delitem__")?;
    let o = this(vm, &args, "__delitem__")?;
    vm.memoryview_setitem(&o, &args.pos[1], None)?;
    Ok(vm.none.clone())
}

fn mv_len(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__len__", 1, 1)?;
    let o = this(vm, &args, "__len__")?;
    let n = vm.memoryview_len(&o)?;
    vm.new_int(n as i64)
}

fn mv_iter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__iter__", 1, 1)?;
    let o = this(vm, &args, "__iter__")?;
    vm.memoryview_iter(&o)
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, NativeFn)] = &[
        ("tobytes", mv_tobytes),
        ("tolist", mv_tolist),
        ("hex", mv_hex),
        ("cast", mv_cast),
        ("release", mv_release),
        ("toreadonly", mv_toreadonly),
        ("__enter__", mv_enter),
        ("__exit__", mv_exit),
        ("__getitem__", mv_getitem),
        ("__setitem__", mv_setitem),
        ("__delitem__", mv_delitem),
        ("__len__", mv_len),
        ("__iter__", mv_iter),
    ];
    for (name, f) in methods {
        vm.add_method(T::MemoryView, name, *f)?;
    }
    Ok(())
}
