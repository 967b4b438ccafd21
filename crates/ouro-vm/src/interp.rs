//! The interpreter loop: frames on an explicit stack, CPython 3.11-style
//! calls and zero-cost exception handling.
//!
//! Architecture invariant: a Python-to-Python call never recurses in Rust.
//! `CALL` pushes a [`Frame`] and the loop continues with it; `RETURN_VALUE`
//! pops it. Rust re-enters the loop only when native code calls back into
//! Python (`__build_class__`, `__repr__` from `repr()`, sort keys...), and
//! those re-entries are counted and bounded.
//!
//! Values live on one shared value stack and locals in one shared slot
//! array; a frame owns windows of both. Arguments move from the caller's
//! stack into the callee's slots without changing any count, so
//! `sys.getrefcount` sees what it sees in CPython.
//!
//! A generator's frame is the exception: it runs on the generator's own
//! slot and stack buffers, which become the VM's `locals` and `stack`
//! while it runs (the caller's are set aside as a [`Segment`]) and go back
//! to the generator, values and all, when it yields. So a resume and a
//! yield move three buffers, never the values in them.

use std::rc::Rc;

use ouro_bytecode::{
    code_flags, format_flags, make_function_flags as mff, unpack_pair, BinOp, CodeObject, Instr,
};
use ouro_heap::{
    self as heap, flags, BuiltinFunctionObj, CellObj, CodeObj, DictObj, ExceptionObj, FloatObj,
    FrameObj, FrozenRef, FunctionObj, IntObj, Kind, ListObj, MethodObj, ObjRef, Pending,
    TracebackObj, TupleObj, TypeObj,
};

use crate::attrcache::{ways_of, Cached, WAYS};
use crate::error::{PyErr, PyResult};
use crate::natives::Args;
use crate::objects::int::machine_int_op;
use crate::types::T;
use crate::vm::Vm;

/// Why a frame exists, which decides what happens when it ends.
pub(crate) enum FrameKind {
    /// Called from Python: the result goes on the caller's stack, after the
    /// `held` entries on top of it are released (CPython's call temporaries
    /// that outlive the frame's start; see [`Vm::finish_held`]).
    Normal { held: u32 },
    /// Called from Rust: the loop returns the result to its caller.
    Entry,
    /// `__init__` of a new instance: the caller receives the instance, after
    /// the `held` entries on top of its stack are released.
    Init { inst: ObjRef, held: u32 },
    /// `__del__` of an object being finalized (PEP 442).
    Finalizer(ObjRef),
    /// A generator's or coroutine's frame, run by `gen_resume` (the loop
    /// returns to it at a `yield` or when the frame ends).
    Generator(ObjRef),
    /// A generator's or coroutine's frame resumed by `FOR_ITER` or `SEND`
    /// in the frame below, in the same run of the loop (as CPython 3.12's
    /// `FOR_ITER_GEN` and `SEND_GEN`; 3.11 calls the evaluator nested, which
    /// is what `Generator` frames do, with the same results). At a `yield`
    /// the value goes on the caller's stack and the caller continues after
    /// its instruction; when the frame ends, the caller goes on at `exit`
    /// (`FOR_ITER`: with the iterator popped; `SEND`, `send`: with the
    /// receiver replaced by the returned value).
    GenInline { gen: ObjRef, exit: u32, send: bool },
}

pub(crate) struct Frame {
    /// The code object (its compiled code is [`Frame::code`]).
    pub code_obj: FrozenRef<CodeObj>,
    /// Next instruction.
    pub ip: usize,
    /// Instruction being executed (for tracebacks).
    pub lasti: usize,
    pub locals_base: usize,
    pub stack_base: usize,
    pub globals: ObjRef,
    pub builtins: ObjRef,
    /// The namespace of module and class code (`LOAD_NAME`).
    pub namespace: Option<ObjRef>,
    pub func: Option<ObjRef>,
    /// The frame object, once something (a traceback) needed one.
    pub frame_obj: Option<ObjRef>,
    pub kind: FrameKind,
}

impl FrameKind {
    /// A generator's or coroutine's frame: it runs in a segment of its own.
    #[inline(always)]
    pub(crate) fn is_generator(&self) -> bool {
        matches!(self, FrameKind::Generator(_) | FrameKind::GenInline { .. })
    }
}

/// The slot array and value stack of the frames below a running
/// generator's frame, set aside while the generator runs on its own
/// buffers.
///
/// Invariant SEGMENTS: `Vm::segments` holds one segment per frame of kind
/// `Generator` or `GenInline` on the frame stack, in order. A frame's
/// `locals_base` and `stack_base` index the buffers of its segment: the
/// VM's `locals` and `stack` for the frames from the innermost generator
/// frame up (which starts at 0 in both), `segments[k]` for the frames
/// below the (k+1)-th generator frame. The collector needs nothing from
/// this: the counts a set-aside segment holds are outside references to
/// it, as the VM's own stacks are.
pub(crate) struct Segment {
    pub(crate) locals: Vec<Option<ObjRef>>,
    pub(crate) stack: Vec<ObjRef>,
    /// The exception those frames are handling (the rest of CPython's
    /// `exc_info` chain; `Vm::handled` is the generator's own).
    pub(crate) handled: Option<ObjRef>,
}

impl Frame {
    /// A frame about to run `code_obj` from its first instruction, its
    /// slots from `locals_base`, its value stack from `stack_base`.
    #[inline(always)]
    pub(crate) fn new(
        code_obj: FrozenRef<CodeObj>,
        globals: ObjRef,
        builtins: ObjRef,
        func: Option<ObjRef>,
        locals_base: usize,
        stack_base: usize,
        kind: FrameKind,
    ) -> Frame {
        Frame {
            code_obj,
            ip: 0,
            lasti: 0,
            locals_base,
            stack_base,
            globals,
            builtins,
            namespace: None,
            func,
            frame_obj: None,
            kind,
        }
    }

    /// The compiled code the frame runs.
    #[inline(always)]
    pub(crate) fn code(&self) -> &Rc<CodeObject> {
        &self.code_obj.code
    }
}

/// The result of starting a call.
pub(crate) enum Called {
    /// A Python frame was pushed; the loop continues in it.
    Pushed,
    /// The call completed with this value.
    Value(ObjRef),
}

/// How many ended generator frames' buffers are kept for new generators,
/// and the most slots either buffer of a kept pair may have room for.
const SPARE_BUFFERS: usize = 16;
const SPARE_BUFFER_SLOTS: usize = 64;

/// Bound on Rust-level re-entries of the loop, independent of the Python
/// recursion limit (each uses real stack).
const MAX_NATIVE_DEPTH: usize = 2000;

macro_rules! tri {
    ($l:lifetime, $e:expr) => {
        match $e {
            Ok(v) => v,
            Err(err) => break $l err,
        }
    };
}

impl Vm {
    #[inline(always)]
    pub(crate) fn pop(&mut self) -> PyResult<ObjRef> {
        match self.stack.pop() {
            Some(v) => Ok(v),
            None => Err(self.internal_error("value stack underflow")),
        }
    }

    #[inline(always)]
    fn top(&self) -> Option<&ObjRef> {
        self.stack.last()
    }

    /// `LOAD_FAST`: a new reference to slot `i` of the frame whose slots
    /// start at `lb`, pushed.
    #[inline(always)]
    fn load_fast(&mut self, lb: usize, i: u32, code: &CodeObject) -> PyResult<()> {
        let v = self.local_at(lb, i, code)?;
        self.stack.push(v);
        Ok(())
    }

    /// A new reference to slot `i` of the frame whose slots start at `lb`.
    #[inline(always)]
    fn local_at(&mut self, lb: usize, i: u32, code: &CodeObject) -> PyResult<ObjRef> {
        match self.locals.get(lb + i as usize) {
            Some(Some(v)) => Ok(v.clone()),
            _ => Err(self.unbound_local(code, i as usize)),
        }
    }

    /// `LOAD_ATTR` of name `i` of `cobj` on `obj`, through the
    /// instruction's cache: a cached value inline, anything else out of
    /// line ([`Vm::load_attr_slow`]).
    #[inline(always)]
    fn load_attr_op(&mut self, cobj: &CodeObj, i: u32, obj: ObjRef) -> PyResult<ObjRef> {
        let name = &cobj.names[i as usize];
        let cache = ways_of(&cobj.load_cache, i);
        match self.load_attr_cached(&obj, name, cache, false) {
            Some(Cached::Value(v)) => {
                drop(obj);
                Ok(v)
            }
            other => self.load_attr_slow(cobj, i, obj, other),
        }
    }

    /// The rest of `LOAD_ATTR` once the cache has answered `cached` (not a
    /// value): a method found on the type is bound; on a miss the generic
    /// lookup runs and refills the entry.
    #[inline(never)]
    fn load_attr_slow(
        &mut self,
        cobj: &CodeObj,
        i: u32,
        obj: ObjRef,
        cached: Option<Cached>,
    ) -> PyResult<ObjRef> {
        let name = &cobj.names[i as usize];
        let cache = ways_of(&cobj.load_cache, i);
        let v = match cached {
            Some(Cached::Value(v)) => v,
            Some(Cached::Method(f)) => {
                let ty = obj.class();
                self.bind_descriptor(f, Some(&obj), &ty)?
            }
            None => {
                let v = self.getattr(&obj, name)?;
                if !self.attr_cache_generic(&obj, cache) {
                    self.fill_load_cache(&obj, name, cache, false);
                }
                v
            }
        };
        drop(obj);
        Ok(v)
    }

    /// `STORE_ATTR` of name `i` of `cobj` on `obj`, through the
    /// instruction's cache: a cached store inline, anything else out of
    /// line ([`Vm::store_attr_slow`]).
    #[inline(always)]
    fn store_attr_op(&mut self, cobj: &CodeObj, i: u32, obj: &ObjRef, v: ObjRef) -> PyResult<()> {
        let name = &cobj.names[i as usize];
        let cache = ways_of(&cobj.store_cache, i);
        match self.store_attr_cached(obj, name, v, cache) {
            Ok(()) => Ok(()),
            Err(v) => self.store_attr_slow(cobj, i, obj, v),
        }
    }

    /// `STORE_ATTR` after the cache could not store: the generic store,
    /// then the entry refilled (unless it says to skip the cache).
    #[inline(never)]
    fn store_attr_slow(&mut self, cobj: &CodeObj, i: u32, obj: &ObjRef, v: ObjRef) -> PyResult<()> {
        let name = &cobj.names[i as usize];
        let cache = ways_of(&cobj.store_cache, i);
        if self.attr_cache_generic(obj, cache) {
            self.setattr(obj, name, v)
        } else {
            let had = self.has_inline_attr(obj, name);
            self.setattr(obj, name, v)?;
            self.fill_store_cache(obj, name, !had, cache);
            Ok(())
        }
    }

    /// `LOAD_METHOD` of name `i` of `cobj` on `obj`: pushes the method and
    /// `obj`, or the attribute and NULL.
    #[inline(always)]
    fn load_method_op(&mut self, cobj: &CodeObj, i: u32, obj: ObjRef) -> PyResult<()> {
        let name = &cobj.names[i as usize];
        let cache = ways_of(&cobj.load_cache, i);
        match self.load_attr_cached(&obj, name, cache, true) {
            Some(Cached::Method(f)) => {
                self.stack.push(f);
                self.stack.push(obj);
            }
            Some(Cached::Value(v)) => {
                drop(obj);
                self.stack.push(v);
                self.stack.push(self.null.clone());
            }
            None => {
                // Recorded before the lookup, which takes the object's
                // only reference.
                if !self.attr_cache_generic(&obj, cache) {
                    self.fill_load_cache(&obj, name, cache, true);
                }
                let (m, s) = self.load_method(obj, name)?;
                self.stack.push(m);
                self.stack.push(s);
            }
        }
        Ok(())
    }

    /// `STORE_FAST`: the top of the stack into slot `i`; the old value
    /// is released.
    #[inline(always)]
    fn store_fast(&mut self, lb: usize, i: u32) -> PyResult<()> {
        let v = self.pop()?;
        self.set_local(lb + i as usize, v)
    }

    /// `v` into the local slot `slot` (a frame's `lb` plus the index); the
    /// old value is released after the store.
    #[inline(always)]
    fn set_local(&mut self, slot: usize, v: ObjRef) -> PyResult<()> {
        let old = match self.locals.get_mut(slot) {
            Some(s) => s.replace(v),
            None => return Err(self.internal_error("bad local index")),
        };
        drop(old);
        Ok(())
    }

    /// `LOAD_GLOBAL` of name `i` of `cobj` in frame `fi`: through the
    /// name's cache, else the globals then the builtins (`NameError` if
    /// neither has it).
    #[inline(always)]
    fn load_global_op(&mut self, fi: usize, cobj: &CodeObj, i: u32) -> PyResult<ObjRef> {
        let frame = &self.frames[fi];
        let (globals, builtins) = (&frame.globals, &frame.builtins);
        let name = &cobj.names[i as usize];
        let cache = &cobj.global_cache[i as usize];
        if let Some(v) = global_cached(globals, builtins, name, cache.get()) {
            return Ok(v);
        }
        match self.load_global_slow(globals, builtins, name, cache) {
            Some(v) => Ok(v),
            None => {
                let n = self.str_of(name).to_string();
                Err(self.name_error(&n))
            }
        }
    }

    /// The operands of a `local <op> constant` superinstruction (`n` packs
    /// the local's index and the constant's): the local's slot, once it is
    /// known to be bound (else `UnboundLocalError`, at the `LOAD_FAST`),
    /// and the constant.
    #[inline(always)]
    fn fused_local_const<'c>(
        &mut self,
        lb: usize,
        n: u32,
        code: &CodeObject,
        consts: &'c [ObjRef],
    ) -> PyResult<(usize, &'c ObjRef)> {
        let (a, k) = unpack_pair(n);
        let slot = lb + a as usize;
        if !matches!(self.locals.get(slot), Some(Some(_))) {
            return Err(self.unbound_local(code, a as usize));
        }
        match consts.get(k as usize) {
            Some(c) => Ok((slot, c)),
            None => Err(self.internal_error("bad constant index")),
        }
    }

    /// `LOAD_CONST`.
    #[inline(always)]
    fn load_const(&mut self, consts: &[ObjRef], i: u32) -> PyResult<()> {
        match consts.get(i as usize) {
            Some(c) => {
                self.stack.push(c.clone());
                Ok(())
            }
            None => Err(self.internal_error("bad constant index")),
        }
    }

    /// Runs a module-level code object in `globals` (also its namespace).
    pub fn run_code(&mut self, code: Rc<CodeObject>, globals: &ObjRef) -> PyResult<ObjRef> {
        let code_obj = self.load_code(code)?;
        let builtins = self.builtins.clone();
        let names = self.names.builtins.clone();
        if self.dict_get_str(globals, &names).is_none() {
            let bm = self.builtins_module.clone();
            self.dict_set_str(globals, &names, bm)?;
        }
        self.push_frame_raw(
            code_obj,
            globals.clone(),
            builtins,
            Some(globals.clone()),
            None,
            FrameKind::Entry,
        )?;
        self.run_entry()
    }

    /// Turns compiled code into a code object (constants become objects,
    /// names are interned).
    pub fn load_code(&mut self, code: Rc<CodeObject>) -> PyResult<ObjRef> {
        let mut consts = Vec::with_capacity(code.constants.len());
        for c in &code.constants {
            consts.push(self.constant(c)?);
        }
        let mut names = Vec::with_capacity(code.names.len());
        for n in &code.names {
            names.push(self.intern(n)?);
        }
        let mut varnames = Vec::with_capacity(code.varnames.len());
        for n in &code.varnames {
            varnames.push(self.intern(n)?);
        }
        let name = self.intern(&code.name)?;
        let qualname = self.new_str(&code.qualname)?;
        let filename = self.new_str(&code.filename)?;
        let ty = self.ty(T::Code).clone();
        let global_cache = (0..names.len()).map(|_| Default::default()).collect();
        let load_cache = (0..names.len() * WAYS)
            .map(|_| Default::default())
            .collect();
        let store_cache = (0..names.len() * WAYS)
            .map(|_| Default::default())
            .collect();
        let exact_args = CodeObj::exact_args_of(&code);
        self.alloc(
            &ty,
            CodeObj {
                exact_args,
                code,
                consts,
                names,
                varnames,
                name,
                qualname,
                filename,
                global_cache,
                load_cache,
                store_cache,
            },
            false,
        )
    }

    fn constant(&mut self, c: &ouro_bytecode::Constant) -> PyResult<ObjRef> {
        use ouro_bytecode::Constant as C;
        Ok(match c {
            C::None => self.none.clone(),
            C::True => self.true_.clone(),
            C::False => self.false_.clone(),
            C::Ellipsis => self.ellipsis.clone(),
            C::Int(i) => self.new_int(*i)?,
            C::BigInt(b) => self.new_bigint(b.clone())?,
            C::Float(f) => self.new_float(*f)?,
            C::Complex { re, im } => self.new_complex(*re, *im)?,
            C::Str(s) => {
                // Identifier-like constants are interned, as CPython does.
                if s.len() < 64 && s.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '_') {
                    self.intern(s)?
                } else {
                    self.new_str(s)?
                }
            }
            C::Bytes(b) => self.new_bytes(b)?,
            C::Tuple(items) => {
                let mut v = Vec::with_capacity(items.len());
                for i in items.iter() {
                    v.push(self.constant(i)?);
                }
                self.new_tuple(v)?
            }
            C::Code(code) => self.load_code(code.clone())?,
        })
    }

    /// Before a frame is pushed from Rust: the running frame (the caller)
    /// records the instruction it is at, for its traceback entry and its
    /// frame object's `f_lineno` while the callee runs.
    #[inline(always)]
    pub(crate) fn note_caller_position(&mut self) {
        let at = self.cur_ip.saturating_sub(1);
        if let Some(c) = self.frames.last_mut() {
            c.lasti = at;
        }
    }

    /// Pushes a frame for `code_obj` with empty locals.
    pub(crate) fn push_frame_raw(
        &mut self,
        code_obj: ObjRef,
        globals: ObjRef,
        builtins: ObjRef,
        namespace: Option<ObjRef>,
        func: Option<ObjRef>,
        kind: FrameKind,
    ) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            return Err(self.recursion_error());
        }
        self.note_caller_position();
        let Ok(code_obj) = FrozenRef::<CodeObj>::new(code_obj) else {
            return Err(self.internal_error("frame without code"));
        };
        let code = &code_obj.code;
        let nlocals = code.varnames.len() + code.cellvars.len() + code.freevars.len();
        let base = self.locals.len();
        self.locals.resize(base + nlocals, None);
        let mut frame = Frame::new(
            code_obj,
            globals,
            builtins,
            func,
            base,
            self.stack.len(),
            kind,
        );
        frame.namespace = namespace;
        self.push_frame(frame);
        Ok(())
    }

    /// `RecursionError` for a frame past the recursion limit.
    pub(crate) fn recursion_error(&mut self) -> PyErr {
        self.new_exc(T::RecursionError, "maximum recursion depth exceeded")
    }

    /// Puts `frame` on top of the frame stack (with its event, traced).
    #[inline(always)]
    fn push_frame(&mut self, frame: Frame) {
        self.frames.push(frame);
        if self.tracer.is_some() {
            self.trace_frame("frame_push");
        }
    }

    /// Writes a frame event for the innermost frame.
    #[cold]
    pub(crate) fn trace_frame(&mut self, ev: &str) {
        let Some(f) = self.frames.last() else { return };
        let name = f.code().qualname.clone();
        let depth = self.frames.len() as i64;
        self.trace_event(
            ev,
            &[
                ("func", crate::trace::Val::Str(&name)),
                ("depth", crate::trace::Val::Int(depth)),
            ],
        );
    }

    /// Runs the loop until the innermost (entry) frame returns.
    pub(crate) fn run_entry(&mut self) -> PyResult<ObjRef> {
        if self.native_depth >= MAX_NATIVE_DEPTH {
            // Unwind the frame we were about to run.
            self.pop_frame();
            return Err(self.recursion_error());
        }
        self.native_depth += 1;
        // The caller's instruction, for the rest of it.
        let at = self.cur_ip;
        let r = self.run_frames();
        self.cur_ip = at;
        self.native_depth -= 1;
        if let Err(e) = &r {
            e.0.set_flag(flags::F_RAISED, true);
        }
        r
    }

    /// Pops the top frame, releasing its locals in `co_varnames` order (or
    /// handing them to its frame object, if it has one).
    pub(crate) fn pop_frame(&mut self) -> Option<Frame> {
        self.release_top_frame()?;
        let frame = self.frames.pop();
        if frame.as_ref().is_some_and(|f| f.kind.is_generator()) {
            self.leave_segment();
        }
        self.trace_back_in_caller();
        frame
    }

    /// After a generator's frame ended and left the frame stack: the
    /// caller's buffers and handled exception are the VM's again; the
    /// generator's own handled exception is released and its emptied
    /// buffers kept for the next generator ([`Vm::keep_segment_buffers`]).
    #[inline(always)]
    fn leave_segment(&mut self) {
        if let Some(caller) = self.segments.pop() {
            let own = Segment {
                locals: std::mem::replace(&mut self.locals, caller.locals),
                stack: std::mem::replace(&mut self.stack, caller.stack),
                handled: std::mem::replace(&mut self.handled, caller.handled),
            };
            self.keep_segment_buffers(own);
        }
    }

    /// The (empty) buffers of a generator frame that ended, kept for the
    /// next generator made, unless enough are kept or they grew large.
    #[inline]
    fn keep_segment_buffers(&mut self, own: Segment) {
        let Segment {
            locals,
            stack,
            handled,
        } = own;
        drop(handled);
        // Empty (the frame released them), unless something went wrong,
        // and then they are simply dropped.
        if self.spare_buffers.len() < SPARE_BUFFERS
            && locals.is_empty()
            && stack.is_empty()
            && locals.capacity() <= SPARE_BUFFER_SLOTS
            && stack.capacity() <= SPARE_BUFFER_SLOTS
        {
            self.spare_buffers.push((locals, stack));
        }
    }

    /// Empty slot and stack buffers for a new generator's frame: kept ones
    /// if there are any (saving two system allocations per generator).
    pub(crate) fn spare_segment_buffers(&mut self) -> (Vec<Option<ObjRef>>, Vec<ObjRef>) {
        self.spare_buffers.pop().unwrap_or_default()
    }

    /// The slots from `base` on of segment `seg`: the one below the
    /// (`seg`+1)-th generator frame on the frame stack, or the VM's own
    /// buffer for the innermost (SEGMENTS).
    pub(crate) fn segment_slots(&self, seg: usize, base: usize) -> &[Option<ObjRef>] {
        let locals = self.segments.get(seg).map_or(&self.locals, |s| &s.locals);
        locals.get(base..).unwrap_or(&[])
    }

    /// [`Vm::pop_frame`] for a frame that returned: the frame is dropped
    /// where it is (not moved out), and only its kind is given back.
    fn end_frame(&mut self) -> Option<FrameKind> {
        if self.tracer.is_some() {
            // What the frame itself releases belongs to the caller's
            // instruction: popped first, as `pop_frame` does.
            return self.pop_frame().map(|f| f.kind);
        }
        self.release_top_frame()?;
        let top = self.frames.last_mut()?;
        let kind = std::mem::replace(&mut top.kind, FrameKind::Normal { held: 0 });
        self.frames.truncate(self.frames.len() - 1);
        if kind.is_generator() {
            self.leave_segment();
        }
        Some(kind)
    }

    /// [`Vm::end_frame`] for the common case, inline, at `RETURN_VALUE`: a
    /// `Normal` frame called from bytecode with nothing held, nothing on
    /// its value stack but the value it returns, and no frame object, run
    /// with no tracer or recorder watching. Its slots are released in
    /// `co_varnames` order, then the frame's own references; the value is
    /// left where it is, which is the top of the caller's stack. False
    /// (and nothing done) for any other frame.
    #[inline(always)]
    fn end_plain_frame(&mut self) -> bool {
        match self.end_simple_frame(1, |k| matches!(k, FrameKind::Normal { held: 0 })) {
            Some(kind) => {
                // Normal with nothing held: no drop glue to run.
                std::mem::forget(kind);
                true
            }
            None => false,
        }
    }

    /// [`Vm::end_plain_frame`] for a frame whose kind `eligible` accepts,
    /// which is handed back, with `keep` values on its stack (left there).
    #[inline(always)]
    fn end_simple_frame(
        &mut self,
        keep: usize,
        eligible: impl Fn(&FrameKind) -> bool,
    ) -> Option<FrameKind> {
        let top = self.frames.last()?;
        if !eligible(&top.kind)
            || top.frame_obj.is_some()
            || self.stack.len() != top.stack_base + keep
            || self.tracer.is_some()
            || self.viz.is_some()
        {
            return None;
        }
        self.locals.truncate(top.locals_base);
        let Frame {
            code_obj,
            globals,
            builtins,
            namespace,
            func,
            frame_obj,
            kind,
            ..
        } = self.frames.pop()?;
        // In declaration order, as the frame's own drop would (the
        // options unwrapped by hand: their drop glue is not inlined).
        drop(code_obj);
        drop(globals);
        drop(builtins);
        if let Some(ns) = namespace {
            drop(ns);
        }
        if let Some(f) = func {
            drop(f);
        }
        // Checked empty above: nothing to release.
        debug_assert!(frame_obj.is_none());
        std::mem::forget(frame_obj);
        Some(kind)
    }

    /// The first half of ending the top frame: its value stack and slots
    /// are released (the slots in `co_varnames` order), or the slots go to
    /// its frame object if it has one. None if there is no frame.
    fn release_top_frame(&mut self) -> Option<()> {
        if self.tracer.is_some() {
            self.trace_frame("frame_pop");
            if self.frames.len() == 1 {
                // What follows the outermost frame is not caused by code.
                self.trace_outside_code();
            }
        }
        let top = self.frames.last()?;
        let (stack_base, base) = (top.stack_base, top.locals_base);
        // Anything left on the frame's stack (after an exception).
        while self.stack.len() > stack_base {
            let v = self.stack.pop();
            drop(v);
        }
        if let Some(fo) = top.frame_obj.clone() {
            let lasti = top.lasti as u32;
            let line = top.code().line_of(top.lasti);
            let generator = top.kind.is_generator();
            let locals: Vec<Option<ObjRef>> = self.locals.drain(base..).collect();
            // A frame object that outlives its frame keeps its caller's
            // (CPython's `take_ownership`); a generator's frame has none.
            let back = match self.frames.len().checked_sub(2) {
                Some(ci) if !generator => self.frame_object(ci).ok(),
                _ => None,
            };
            if let Some(mut f) = fo.borrow_mut::<FrameObj>() {
                f.locals = locals;
                f.live = false;
                f.lasti = lasti;
                if let Some(line) = line {
                    f.lineno = line;
                }
                if f.back.is_none() {
                    f.back = back;
                }
            }
        } else {
            // Release in slot order (`truncate` drops the tail first to
            // last); each drop may free objects (finalizers are queued, not
            // run, so this never re-enters the loop).
            self.locals.truncate(base);
        }
        Some(())
    }

    /// When tracing, after a frame went: what follows belongs to the
    /// caller's instruction.
    #[inline(always)]
    pub(crate) fn trace_back_in_caller(&mut self) {
        if self.tracer.is_some() {
            self.trace_back_in_caller_slow();
        }
    }

    #[cold]
    fn trace_back_in_caller_slow(&mut self) {
        if let Some(caller) = self.frames.last() {
            let (code, at) = (caller.code().clone(), caller.lasti);
            self.drain_heap_events();
            if let Some(t) = self.tracer.as_mut() {
                t.set_location(&code, at);
            }
        }
    }

    /// The exception being handled, as `sys.exc_info()` reports it: the
    /// innermost frame's, or, where a generator handles none, its caller's
    /// (CPython's `_PyErr_GetTopmostException`).
    pub(crate) fn topmost_handled(&self) -> Option<ObjRef> {
        if let Some(e) = &self.handled {
            return Some(e.clone());
        }
        self.segments.iter().rev().find_map(|s| s.handled.clone())
    }

    /// A new reference to the top of the value stack.
    fn top_cloned(&mut self, what: &str) -> PyResult<ObjRef> {
        match self.stack.last() {
            Some(v) => Ok(v.clone()),
            None => Err(self.internal_error(&format!("{what}: empty stack"))),
        }
    }

    /// Pops the top frame and hands over its slots and value stack instead of
    /// releasing them: the frame of a new generator, which keeps them in
    /// buffers of its own (SEGMENTS), where its bases now point.
    pub(crate) fn pop_frame_keep(&mut self) -> Option<(Frame, Vec<Option<ObjRef>>, Vec<ObjRef>)> {
        if self.tracer.is_some() {
            self.trace_frame("frame_pop");
        }
        let mut frame = self.frames.pop()?;
        let (mut locals, mut stack) = self.spare_segment_buffers();
        move_tail(&mut self.stack, frame.stack_base, &mut stack);
        move_tail(&mut self.locals, frame.locals_base, &mut locals);
        frame.stack_base = 0;
        frame.locals_base = 0;
        self.trace_back_in_caller();
        Some((frame, locals, stack))
    }

    /// Whether calling `f` (a function) makes a generator or coroutine.
    pub(crate) fn is_generator_function(f: &ObjRef) -> bool {
        f.borrow::<FunctionObj>()
            .and_then(|f| f.code.get::<CodeObj>().map(|c| c.code.is_generator_like()))
            .unwrap_or(false)
    }

    /// What waits for an instruction boundary (`heap::has_pending_events`),
    /// before the instruction at `ip` of frame `fi`: observers' records, a
    /// `MemoryError` for a buffer that grew past `--max-heap`, a requested
    /// collection, pending finalizers. True: the loop goes on in another
    /// frame (a handler, a finalizer's). Out of the loop's body, which it
    /// would only make bigger.
    #[cold]
    #[inline(never)]
    fn at_boundary(&mut self, fi: usize, ip: usize) -> PyResult<bool> {
        self.frames[fi].ip = ip;
        self.frames[fi].lasti = ip.saturating_sub(1);
        if self.observed() {
            self.trace_boundary(fi, ip);
        }
        if heap::take_over_limit() {
            // A buffer grew past --max-heap during the last instruction:
            // raise where it happened.
            let e = self.memory_error();
            return self.handle_error(e, true).map(|()| true);
        }
        // A collection requested by allocations runs here, at an
        // instruction boundary, where Python code may run.
        self.collect_requested();
        Ok(heap::pending_finalizer_count() > self.finalizer_floor() && self.start_finalizer()?)
    }

    /// Whether the run is traced, visualised or under tracemalloc, which
    /// record where each event happens.
    #[inline]
    fn observed(&self) -> bool {
        self.tracer.is_some() || self.viz.is_some() || self.tracemalloc.is_some()
    }

    /// The main loop. Runs until the frame that was on top at entry returns
    /// (its kind is `Entry`), and returns its result.
    fn run_frames(&mut self) -> PyResult<ObjRef> {
        'frames: loop {
            let Some(frame) = self.frames.last() else {
                return Err(self.internal_error("no frame to run"));
            };
            let code_ref = frame.code_obj.clone();
            let cobj: &CodeObj = &code_ref;
            let code: &CodeObject = &cobj.code;
            let mut ip = frame.ip;
            let lb = frame.locals_base;
            let fi = self.frames.len() - 1;
            let instrs = &code.instructions[..];
            'instrs: loop {
                if heap::has_pending_events() && self.at_boundary(fi, ip)? {
                    continue 'frames;
                }
                let Some(&instr) = instrs.get(ip) else {
                    return Err(self.internal_error("instruction pointer out of range"));
                };
                ip += 1;
                self.cur_ip = ip;
                let err: PyErr = 'err: {
                    match instr {
                        Instr::Nop => {}
                        Instr::PopTop => {
                            let v = self.stack.pop();
                            drop(v);
                        }
                        Instr::PushNull => self.stack.push(self.null.clone()),
                        Instr::Copy(n) => {
                            let len = self.stack.len();
                            match len.checked_sub(n as usize).and_then(|i| self.stack.get(i)) {
                                Some(v) => {
                                    let v = v.clone();
                                    self.stack.push(v);
                                }
                                None => break 'err self.internal_error("COPY out of range"),
                            }
                        }
                        Instr::Swap(n) => {
                            let len = self.stack.len();
                            if len < n as usize || n == 0 {
                                break 'err self.internal_error("SWAP out of range");
                            }
                            self.stack.swap(len - 1, len - n as usize);
                        }
                        Instr::LoadConst(i) => tri!('err, self.load_const(&cobj.consts, i)),
                        Instr::LoadFast(i) => tri!('err, self.load_fast(lb, i, code)),
                        Instr::StoreFast(i) => tri!('err, self.store_fast(lb, i)),
                        // Superinstructions: the second half's index is
                        // the current one once `ip` has moved past it, so
                        // an unbound local there reports that instruction.
                        Instr::LoadFastLoadFast(n) => {
                            let (a, b) = unpack_pair(n);
                            tri!('err, self.load_fast(lb, a, code));
                            ip += 1;
                            tri!('err, self.load_fast(lb, b, code));
                        }
                        Instr::LoadFastLoadConst(n) => {
                            let (a, b) = unpack_pair(n);
                            tri!('err, self.load_fast(lb, a, code));
                            ip += 1;
                            tri!('err, self.load_const(&cobj.consts, b));
                        }
                        Instr::LoadConstLoadFast(n) => {
                            let (a, b) = unpack_pair(n);
                            tri!('err, self.load_const(&cobj.consts, a));
                            ip += 1;
                            tri!('err, self.load_fast(lb, b, code));
                        }
                        Instr::StoreFastLoadFast(n) => {
                            let (a, b) = unpack_pair(n);
                            tri!('err, self.store_fast(lb, a));
                            ip += 1;
                            tri!('err, self.load_fast(lb, b, code));
                        }
                        Instr::StoreFastStoreFast(n) => {
                            let (a, b) = unpack_pair(n);
                            tri!('err, self.store_fast(lb, a));
                            ip += 1;
                            tri!('err, self.store_fast(lb, b));
                        }
                        Instr::DeleteFast(i) => {
                            let old = self.locals.get_mut(lb + i as usize).and_then(|s| s.take());
                            match old {
                                Some(v) => drop(v),
                                None => break 'err self.unbound_local(code, i as usize),
                            }
                        }
                        Instr::LoadName(i) => {
                            let name = cobj.names[i as usize].clone();
                            let v = tri!('err, self.load_name(fi, &name));
                            self.stack.push(v);
                        }
                        Instr::StoreName(i) => {
                            let name = &cobj.names[i as usize];
                            let v = tri!('err, self.pop());
                            let ns = match &self.frames[fi].namespace {
                                Some(ns) => ns,
                                None => {
                                    break 'err self.internal_error("no namespace for STORE_NAME")
                                }
                            };
                            if ns.kind() == Kind::Dict && self.is_exact(ns, T::Dict) {
                                // The frame's dict, borrowed: no Python code runs.
                                if !self.dict_store_str(ns, name, v) {
                                    break 'err self.internal_error("namespace is not a dict");
                                }
                            } else {
                                let ns = ns.clone();
                                tri!('err, self.setitem(&ns, name.clone(), v));
                            }
                        }
                        Instr::DeleteName(i) => {
                            let name = cobj.names[i as usize].clone();
                            let ns = match &self.frames[fi].namespace {
                                Some(ns) => ns.clone(),
                                None => {
                                    break 'err self.internal_error("no namespace for DELETE_NAME")
                                }
                            };
                            if self.dict_del_str(&ns, &name).is_none() {
                                let n = self.str_of(&name).to_string();
                                break 'err self.name_error(&n);
                            }
                        }
                        Instr::LoadGlobal(i) => {
                            let v = tri!('err, self.load_global_op(fi, cobj, i));
                            self.stack.push(v);
                        }
                        Instr::CallGlobalFast(n) => {
                            let (g, a) = unpack_pair(n);
                            let f = tri!('err, self.load_global_op(fi, cobj, g));
                            // The LOAD_FAST's instruction, then the CALL's.
                            ip += 1;
                            let len = match self.locals.get(lb + a as usize) {
                                Some(Some(x)) if self.is_builtin_len(&f) => exact_len(x),
                                _ => None,
                            };
                            if let Some(len) = len {
                                ip += 1;
                                let r = tri!('err, self.new_int(len as i64));
                                drop(f);
                                self.stack.push(r);
                                continue 'instrs;
                            }
                            self.stack.push(f);
                            tri!('err, self.load_fast(lb, a, code));
                            ip += 1;
                            self.cur_ip = ip;
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            match tri!('err, self.call_from_stack(1, None, false)) {
                                Called::Pushed => continue 'frames,
                                Called::Value(v) => self.stack.push(v),
                            }
                        }
                        Instr::StoreGlobal(i) => {
                            let name = cobj.names[i as usize].clone();
                            let v = tri!('err, self.pop());
                            let globals = self.frames[fi].globals.clone();
                            tri!('err, self.dict_set_str(&globals, &name, v));
                        }
                        Instr::DeleteGlobal(i) => {
                            let name = cobj.names[i as usize].clone();
                            let globals = self.frames[fi].globals.clone();
                            if self.dict_del_str(&globals, &name).is_none() {
                                let n = self.str_of(&name).to_string();
                                break 'err self.name_error(&n);
                            }
                        }
                        Instr::LoadDeref(i) => {
                            let cell = tri!('err, self.cell_at(code, lb, i));
                            let v = cell.borrow::<CellObj>().and_then(|c| c.value.clone());
                            match v {
                                Some(v) => self.stack.push(v),
                                None => break 'err self.unbound_deref(code, i as usize),
                            }
                        }
                        Instr::StoreDeref(i) => {
                            let v = tri!('err, self.pop());
                            let cell = tri!('err, self.cell_at(code, lb, i));
                            let old = cell
                                .borrow_mut::<CellObj>()
                                .and_then(|mut c| c.value.replace(v));
                            drop(old);
                        }
                        Instr::DeleteDeref(i) => {
                            let cell = tri!('err, self.cell_at(code, lb, i));
                            let old = cell
                                .borrow_mut::<CellObj>()
                                .and_then(|mut c| c.value.take());
                            match old {
                                Some(v) => drop(v),
                                None => break 'err self.unbound_deref(code, i as usize),
                            }
                        }
                        Instr::LoadClosure(i) => {
                            let cell = tri!('err, self.cell_at(code, lb, i));
                            self.stack.push(cell);
                        }
                        Instr::LoadClassDeref(i) => {
                            let idx = i as usize;
                            let name = code
                                .cellvars
                                .iter()
                                .chain(code.freevars.iter())
                                .nth(idx)
                                .cloned()
                                .unwrap_or_else(|| Rc::from(""));
                            let key = tri!('err, self.intern(&name));
                            let ns = self.frames[fi].namespace.clone();
                            let found = ns.as_ref().and_then(|ns| self.dict_get_str(ns, &key));
                            match found {
                                Some(v) => self.stack.push(v),
                                None => {
                                    let cell = tri!('err, self.cell_at(code, lb, i));
                                    let v = cell.borrow::<CellObj>().and_then(|c| c.value.clone());
                                    match v {
                                        Some(v) => self.stack.push(v),
                                        None => break 'err self.unbound_deref(code, idx),
                                    }
                                }
                            }
                        }
                        Instr::LoadAttr(i) => {
                            let obj = tri!('err, self.pop());
                            let v = tri!('err, self.load_attr_op(cobj, i, obj));
                            self.stack.push(v);
                        }
                        // The local stays on no stack: it goes straight to
                        // the attribute load (with its own count, as the
                        // stack's would be, for the duration of the load).
                        Instr::LoadFastLoadAttr(n) => {
                            let (a, b) = unpack_pair(n);
                            // A bound local is looked up in the cache
                            // borrowed where it is: a cached value costs the
                            // object no count change. Anything else takes
                            // the cache's answer out of line.
                            let cached = match self.locals.get(lb + a as usize) {
                                Some(Some(obj)) => {
                                    let name = &cobj.names[b as usize];
                                    let cache = ways_of(&cobj.load_cache, b);
                                    self.load_attr_cached(obj, name, cache, false)
                                }
                                _ => None,
                            };
                            let v = match cached {
                                Some(Cached::Value(v)) => {
                                    ip += 1;
                                    v
                                }
                                other => {
                                    let obj = tri!('err, self.local_at(lb, a, code));
                                    ip += 1;
                                    tri!('err, self.load_attr_slow(cobj, b, obj, other))
                                }
                            };
                            self.stack.push(v);
                        }
                        Instr::LoadFastLoadMethod(n) => {
                            let (a, b) = unpack_pair(n);
                            let obj = tri!('err, self.local_at(lb, a, code));
                            ip += 1;
                            tri!('err, self.load_method_op(cobj, b, obj));
                        }
                        Instr::StoreAttr(i) => {
                            let obj = tri!('err, self.pop());
                            let v = tri!('err, self.pop());
                            tri!('err, self.store_attr_op(cobj, i, &obj, v));
                        }
                        Instr::LoadFastStoreAttr(n) => {
                            let (a, b) = unpack_pair(n);
                            // A bound local whose attribute the cache can
                            // store is borrowed where it is (no count change
                            // for the object); otherwise the value comes
                            // back for the general path.
                            let missed = match self.locals.get(lb + a as usize) {
                                Some(Some(obj)) => match self.stack.pop() {
                                    Some(v) => {
                                        let name = &cobj.names[b as usize];
                                        let cache = ways_of(&cobj.store_cache, b);
                                        self.store_attr_cached(obj, name, v, cache).err()
                                    }
                                    None => break 'err self.internal_error("stack underflow"),
                                },
                                _ => break 'err self.unbound_local(code, a as usize),
                            };
                            ip += 1;
                            if let Some(v) = missed {
                                let obj = tri!('err, self.local_at(lb, a, code));
                                tri!('err, self.store_attr_slow(cobj, b, &obj, v));
                            }
                        }
                        Instr::DeleteAttr(i) => {
                            let obj = tri!('err, self.pop());
                            let name = cobj.names[i as usize].clone();
                            tri!('err, self.delattr(&obj, &name));
                        }
                        Instr::LoadMethod(i) => {
                            let obj = tri!('err, self.pop());
                            tri!('err, self.load_method_op(cobj, i, obj));
                        }
                        Instr::BinarySubscr => {
                            let key = tri!('err, self.pop());
                            let obj = tri!('err, self.pop());
                            // list[int] and tuple[int] in range, as CPython's
                            // BINARY_SUBSCR_LIST_INT / _TUPLE_INT.
                            let fast = match self.exact_seq_index(&obj, &key) {
                                Some(i) if obj.kind() == Kind::List => obj
                                    .borrow::<ListObj>()
                                    .and_then(|l| l.items.get(i).cloned()),
                                Some(i) => obj
                                    .get::<TupleObj>()
                                    .and_then(|t| t.items().get(i).cloned()),
                                None => None,
                            };
                            // dict[str] and dict[int] found with no Python
                            // code, as CPython's BINARY_SUBSCR_DICT.
                            let fast = fast.or_else(|| self.dict_get_simple(&obj, &key));
                            if let Some(v) = fast {
                                drop(obj);
                                drop(key);
                                self.stack.push(v);
                                continue 'instrs;
                            }
                            let v = tri!('err, self.getitem(&obj, &key));
                            drop(obj);
                            drop(key);
                            self.stack.push(v);
                        }
                        Instr::StoreSubscr => {
                            let key = tri!('err, self.pop());
                            let obj = tri!('err, self.pop());
                            let v = tri!('err, self.pop());
                            // list[int] = v in range, as CPython's
                            // STORE_SUBSCR_LIST_INT: the old item, the key,
                            // then the list are released.
                            let list = match self.exact_seq_index(&obj, &key) {
                                Some(i) => obj.borrow_mut::<ListObj>().map(|l| (i, l)),
                                None => None,
                            };
                            if let Some((i, mut l)) = list {
                                if let Some(slot) = l.items.get_mut(i) {
                                    let old = std::mem::replace(slot, v);
                                    drop(l);
                                    drop(old);
                                    drop(key);
                                    continue 'instrs;
                                }
                            }
                            // d[str or int] = v on an exact dict, as
                            // CPython's STORE_SUBSCR_DICT.
                            let (key, v) = match self.dict_set_simple(&obj, key, v) {
                                Ok(()) => continue 'instrs,
                                Err(kv) => kv,
                            };
                            tri!('err, self.setitem(&obj, key, v));
                        }
                        Instr::DeleteSubscr => {
                            let key = tri!('err, self.pop());
                            let obj = tri!('err, self.pop());
                            tri!('err, self.delitem(&obj, &key));
                        }
                        Instr::BinaryOp(op) => {
                            let b = tri!('err, self.pop());
                            // Two exact ints whose result fits a machine
                            // word: the result takes the left operand's
                            // place on the stack (CPython's SET_TOP), and
                            // the operands are released left then right.
                            let small =
                                self.stack.last().and_then(|a| self.exact_int_op(op, a, &b));
                            if let Some(v) = small {
                                let r = tri!('err, self.new_int(v));
                                match self.stack.last_mut() {
                                    Some(top) => drop(std::mem::replace(top, r)),
                                    None => {
                                        break 'err self.internal_error("value stack underflow")
                                    }
                                }
                                drop(b);
                                continue 'instrs;
                            }
                            // Two exact ints get here only when the result
                            // does not fit a machine word: the general path.
                            let a = tri!('err, self.pop());
                            let r = match (a.get::<FloatObj>(), b.get::<FloatObj>()) {
                                (Some(x), Some(y)) if self.both_exact_float(&a, &b) => {
                                    match fast_float_op(op, x.value, y.value) {
                                        Some(v) => {
                                            let r = tri!('err, self.float_result(a, b, v));
                                            self.stack.push(r);
                                            continue 'instrs;
                                        }
                                        None => tri!('err, self.binary_op(&a, &b, op)),
                                    }
                                }
                                _ => tri!('err, self.binary_op(&a, &b, op)),
                            };
                            drop(a);
                            drop(b);
                            self.stack.push(r);
                        }
                        Instr::LoadFastConstBinaryOp(op, n)
                        | Instr::LoadFastConstBinaryOpStore(op, n) => {
                            let (slot, c) =
                                tri!('err, self.fused_local_const(lb, n, code, &cobj.consts));
                            // From here on, the BINARY_OP's own instruction.
                            ip += 2;
                            self.cur_ip = ip;
                            let r = tri!('err, self.local_const_binop(slot, c, op));
                            if matches!(instr, Instr::LoadFastConstBinaryOp(..)) {
                                self.stack.push(r);
                                continue 'instrs;
                            }
                            // The STORE_FAST after it.
                            let Some(&Instr::StoreFast(k)) = instrs.get(ip) else {
                                break 'err self.internal_error("no STORE_FAST after BINARY_OP");
                            };
                            ip += 1;
                            tri!('err, self.set_local(lb + k as usize, r));
                        }
                        Instr::LoadFastConstCompareOp(op, n) => {
                            let (slot, c) =
                                tri!('err, self.fused_local_const(lb, n, code, &cobj.consts));
                            ip += 2;
                            self.cur_ip = ip;
                            let Some(Some(x)) = self.locals.get(slot) else {
                                break 'err self.internal_error("fused local unbound");
                            };
                            if let Some(t) = self.exact_compare(op, x, c) {
                                // Fused with a following conditional jump too.
                                match jump_on(instrs, ip, t) {
                                    Some(next) => ip = next,
                                    None => self.stack.push(self.new_bool(t)),
                                }
                                continue 'instrs;
                            }
                            let (x, c) = (x.clone(), c.clone());
                            let r = tri!('err, self.richcompare(&x, &c, op));
                            drop(x);
                            drop(c);
                            self.stack.push(r);
                        }
                        Instr::ConstBinaryOp(op, k) => {
                            let Some(c) = cobj.consts.get(k as usize) else {
                                break 'err self.internal_error("bad constant index");
                            };
                            ip += 1;
                            self.cur_ip = ip;
                            let small = self.stack.last().and_then(|a| self.exact_int_op(op, a, c));
                            if let Some(v) = small {
                                let r = tri!('err, self.new_int(v));
                                match self.stack.last_mut() {
                                    Some(top) => drop(std::mem::replace(top, r)),
                                    None => {
                                        break 'err self.internal_error("value stack underflow")
                                    }
                                }
                                continue 'instrs;
                            }
                            let a = tri!('err, self.pop());
                            let r = match self.exact_float_op(op, &a, c) {
                                // The left operand's float is reused when
                                // only the stack held it.
                                Some(v) => {
                                    let mut a = a;
                                    if a.reuse_float(v) {
                                        a
                                    } else {
                                        let r = tri!('err, self.new_float(v));
                                        drop(a);
                                        r
                                    }
                                }
                                None => {
                                    let c = c.clone();
                                    let r = tri!('err, self.binary_op(&a, &c, op));
                                    drop(a);
                                    drop(c);
                                    r
                                }
                            };
                            self.stack.push(r);
                        }
                        Instr::BinaryOpStoreFast(op, k) => {
                            let b = tri!('err, self.pop());
                            let a = tri!('err, self.pop());
                            let r = tri!('err, self.binary_values(op, a, b));
                            // The STORE_FAST: released after the operands,
                            // as the plain pair does.
                            ip += 1;
                            tri!('err, self.set_local(lb + k as usize, r));
                        }
                        Instr::LoadFastConstSubscr(n) => {
                            let (slot, c) =
                                tri!('err, self.fused_local_const(lb, n, code, &cobj.consts));
                            ip += 2;
                            self.cur_ip = ip;
                            let Some(Some(x)) = self.locals.get(slot) else {
                                break 'err self.internal_error("fused local unbound");
                            };
                            // As BINARY_SUBSCR's fast paths: an exact list or
                            // tuple by an int in range, an exact dict by a
                            // str or int found with no Python code.
                            let fast = match self.exact_seq_index(x, c) {
                                Some(i) if x.kind() == Kind::List => {
                                    x.borrow::<ListObj>().and_then(|l| l.items.get(i).cloned())
                                }
                                Some(i) => {
                                    x.get::<TupleObj>().and_then(|t| t.items().get(i).cloned())
                                }
                                None => None,
                            };
                            if let Some(v) = fast.or_else(|| self.dict_get_simple(x, c)) {
                                self.stack.push(v);
                                continue 'instrs;
                            }
                            let (x, c) = (x.clone(), c.clone());
                            let v = tri!('err, self.getitem(&x, &c));
                            drop(x);
                            drop(c);
                            self.stack.push(v);
                        }
                        Instr::UnaryNegative => {
                            let a = tri!('err, self.pop());
                            // An exact int whose negation fits a machine
                            // word, directly (no Python code can run).
                            let fast = match a.get::<IntObj>() {
                                Some(i) if a.class_is(&self.types[T::Int as usize]) => {
                                    i.value.checked_neg()
                                }
                                _ => None,
                            };
                            let r = match fast {
                                Some(n) => tri!('err, self.new_int(n)),
                                None => tri!('err, self.unary_op(&a, UnaryKind::Neg)),
                            };
                            drop(a);
                            self.stack.push(r);
                        }
                        Instr::UnaryPositive => {
                            let a = tri!('err, self.pop());
                            let r = tri!('err, self.unary_op(&a, UnaryKind::Pos));
                            drop(a);
                            self.stack.push(r);
                        }
                        Instr::UnaryInvert => {
                            let a = tri!('err, self.pop());
                            let r = tri!('err, self.unary_op(&a, UnaryKind::Invert));
                            drop(a);
                            self.stack.push(r);
                        }
                        Instr::UnaryNot => {
                            let a = tri!('err, self.pop());
                            let t = tri!('err, self.truthy(&a));
                            drop(a);
                            self.stack.push(self.new_bool(!t));
                        }
                        Instr::CompareOp(op) => {
                            let b = tri!('err, self.pop());
                            let a = tri!('err, self.pop());
                            let r = match self.exact_compare(op, &a, &b) {
                                Some(t) => {
                                    // Fused with a following conditional jump,
                                    // as CPython's COMPARE_OP_INT_JUMP.
                                    if let Some(next) = jump_on(instrs, ip, t) {
                                        ip = next;
                                        continue 'instrs;
                                    }
                                    self.new_bool(t)
                                }
                                _ => tri!('err, self.richcompare(&a, &b, op)),
                            };
                            drop(a);
                            drop(b);
                            self.stack.push(r);
                        }
                        Instr::IsOp(inv) => {
                            let b = tri!('err, self.pop());
                            let a = tri!('err, self.pop());
                            let r = a.is(&b) != (inv == 1);
                            drop(a);
                            drop(b);
                            self.stack.push(self.new_bool(r));
                        }
                        Instr::ContainsOp(inv) => {
                            let b = tri!('err, self.pop());
                            let a = tri!('err, self.pop());
                            let r = tri!('err, self.contains(&b, &a));
                            drop(a);
                            drop(b);
                            self.stack.push(self.new_bool(r != (inv == 1)));
                        }
                        Instr::BuildTuple(n) => {
                            let start = tri!('err, self.stack_top_start(n as usize));
                            let ty = &self.types[T::Tuple as usize];
                            // Pairs and triples are built from the popped
                            // items, with no drain of the stack.
                            let t = match n {
                                0 => Ok(self.empty_tuple()),
                                2 => {
                                    let (b, a) = (self.stack.pop(), self.stack.pop());
                                    match (a, b) {
                                        (Some(a), Some(b)) => heap::alloc_tuple_array(ty, [a, b]),
                                        _ => break 'err self.internal_error("BUILD_TUPLE"),
                                    }
                                }
                                3 => {
                                    let (c, b, a) =
                                        (self.stack.pop(), self.stack.pop(), self.stack.pop());
                                    match (a, b, c) {
                                        (Some(a), Some(b), Some(c)) => {
                                            heap::alloc_tuple_array(ty, [a, b, c])
                                        }
                                        _ => break 'err self.internal_error("BUILD_TUPLE"),
                                    }
                                }
                                _ => heap::alloc_tuple_drain(ty, self.stack.drain(start..)),
                            };
                            match t {
                                Ok(t) => self.stack.push(t),
                                Err(_) => break 'err self.memory_error(),
                            }
                        }
                        Instr::BuildList(n) => {
                            let start = tri!('err, self.stack_top_start(n as usize));
                            // Straight from the stack into the list's buffer
                            // (a pair popped, with no drain of the stack).
                            let items = match n {
                                2 => match (self.stack.pop(), self.stack.pop()) {
                                    (Some(b), Some(a)) => heap::hvec_from([a, b]),
                                    _ => break 'err self.internal_error("BUILD_LIST"),
                                },
                                _ => heap::hvec_from(self.stack.drain(start..)),
                            };
                            let l = tri!('err, self.new_list_of(items));
                            self.stack.push(l);
                        }
                        Instr::BuildSet(n) => {
                            let items = tri!('err, self.pop_n(n as usize));
                            let s = tri!('err, self.new_set_from(items));
                            self.stack.push(s);
                        }
                        Instr::BuildMap(n) => {
                            let start = tri!('err, self.stack_top_start(2 * n as usize));
                            // The keys and values leave the stack (a key's
                            // `__hash__` or `__eq__` may run code that uses
                            // it) for the reusable argument buffer.
                            let mut items = std::mem::take(&mut self.arg_buf);
                            items.extend(self.stack.drain(start..));
                            let d = tri!('err, self.new_dict_sized(n as usize));
                            let mut it = items.drain(..);
                            while let (Some(k), Some(v)) = (it.next(), it.next()) {
                                if let Err((k, v)) = self.dict_set_simple(&d, k, v) {
                                    tri!('err, self.dict_setitem(&d, k, v));
                                }
                            }
                            drop(it);
                            self.return_arg_buf(items);
                            self.stack.push(d);
                        }
                        Instr::BuildSlice(n) => {
                            let step = if n == 3 {
                                Some(tri!('err, self.pop()))
                            } else {
                                None
                            };
                            let stop = tri!('err, self.pop());
                            let start = tri!('err, self.pop());
                            let step = step.unwrap_or_else(|| self.none.clone());
                            let s = tri!('err, self.new_slice(start, stop, step));
                            self.stack.push(s);
                        }
                        Instr::BuildString(n) => {
                            let parts = tri!('err, self.pop_n(n as usize));
                            let mut s = String::new();
                            for p in &parts {
                                s.push_str(self.str_of(p));
                            }
                            let o = tri!('err, self.new_str(&s));
                            self.stack.push(o);
                        }
                        Instr::ListAppend(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            let ok = target
                                .borrow_mut::<ListObj>()
                                .map(|mut l| crate::objects::list::push_item(&mut l.items, v));
                            match ok {
                                Some(true) => {}
                                Some(false) => break 'err self.memory_error(),
                                None => break 'err self.internal_error("LIST_APPEND target"),
                            }
                        }
                        Instr::ListExtend(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            if let Err(e) = self.list_extend(&target, &v) {
                                if self.err_is(&e, T::TypeError) && !self.has_iter(&v) {
                                    let tn = self.type_name_of(&v);
                                    break 'err self.type_error(format!(
                                        "Value after * must be an iterable, not {tn}"
                                    ));
                                }
                                break 'err e;
                            }
                        }
                        Instr::SetAdd(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            tri!('err, self.set_add(&target, v));
                        }
                        Instr::SetUpdate(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            tri!('err, self.set_update(&target, &v));
                        }
                        Instr::MapAdd(n) => {
                            let v = tri!('err, self.pop());
                            let k = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            tri!('err, self.dict_setitem(&target, k, v));
                        }
                        Instr::DictUpdate(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            // `{**v}` takes mappings only (a `keys` method).
                            let keys = tri!('err, self.intern("keys"));
                            if v.kind() != Kind::Dict
                                && self.type_lookup(&v.class(), &keys).is_none()
                            {
                                let tn = self.type_name_of(&v);
                                break 'err self
                                    .type_error(format!("'{tn}' object is not a mapping"));
                            }
                            if let Err(e) = self.dict_update(&target, &v) {
                                if self.err_is(&e, T::AttributeError) {
                                    let tn = self.type_name_of(&v);
                                    break 'err self
                                        .type_error(format!("'{tn}' object is not a mapping"));
                                }
                                break 'err e;
                            }
                        }
                        Instr::DictMerge(n) => {
                            let v = tri!('err, self.pop());
                            let target = tri!('err, self.peek(n as usize));
                            tri!('err, self.dict_merge_kwargs(&target, &v, fi));
                        }
                        Instr::ListToTuple => {
                            let l = tri!('err, self.pop());
                            let items = l
                                .borrow::<ListObj>()
                                .map(|l| l.items.to_vec())
                                .unwrap_or_default();
                            let t = tri!('err, self.new_tuple(items));
                            self.stack.push(t);
                        }
                        Instr::UnpackSequence(n) => {
                            let seq = tri!('err, self.pop());
                            tri!('err, self.unpack_sequence(&seq, n as usize));
                        }
                        Instr::UnpackEx(arg) => {
                            let seq = tri!('err, self.pop());
                            tri!('err, self.unpack_ex(&seq, (arg & 0xff) as usize, (arg >> 8) as usize));
                        }
                        Instr::GetIter => {
                            let o = tri!('err, self.pop());
                            let it = tri!('err, self.iter(&o));
                            drop(o);
                            self.stack.push(it);
                        }
                        Instr::ForIter(target) | Instr::ForIterStoreFast(target) => {
                            // Range, list and tuple iterators step here, as
                            // CPython 3.12's FOR_ITER_RANGE / _LIST / _TUPLE.
                            'inline: {
                                let o = match self.stack.last().and_then(step_inline) {
                                    Some(Some(Stepped::Int(v))) => tri!('err, self.new_int(v)),
                                    Some(Some(Stepped::Item(o))) => o,
                                    Some(None) => {
                                        let it = self.stack.pop();
                                        drop(it);
                                        ip = target as usize;
                                        continue 'instrs;
                                    }
                                    None => break 'inline,
                                };
                                // Fused with the STORE_FAST after it: the item
                                // goes straight into that slot.
                                if let (Instr::ForIterStoreFast(_), Some(&Instr::StoreFast(k))) =
                                    (instr, instrs.get(ip))
                                {
                                    ip += 1;
                                    tri!('err, self.set_local(lb + k as usize, o));
                                    continue 'instrs;
                                }
                                self.stack.push(o);
                                continue 'instrs;
                            }
                            // Any other iterator: the general path, whose
                            // item the STORE_FAST after it stores as usual.
                            let it = tri!('err, self.top_cloned("FOR_ITER"));
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            if let Some(started) =
                                tri!('err, self.enter_inline(&it, target, false, true))
                            {
                                if started {
                                    self.stack.push(self.none.clone());
                                }
                                continue 'frames;
                            }
                            match tri!('err, self.next(&it)) {
                                Some(v) => self.stack.push(v),
                                None => {
                                    let it = self.stack.pop();
                                    drop(it);
                                    ip = target as usize;
                                }
                            }
                        }
                        Instr::Jump(t) => ip = t as usize,
                        Instr::PopJumpIfFalse(t) => {
                            let v = tri!('err, self.pop());
                            let b = if v.is(&self.false_) {
                                false
                            } else if v.is(&self.true_) {
                                true
                            } else {
                                tri!('err, self.truthy(&v))
                            };
                            drop(v);
                            if !b {
                                ip = t as usize;
                            }
                        }
                        Instr::PopJumpIfTrue(t) => {
                            let v = tri!('err, self.pop());
                            let b = if v.is(&self.true_) {
                                true
                            } else if v.is(&self.false_) {
                                false
                            } else {
                                tri!('err, self.truthy(&v))
                            };
                            drop(v);
                            if b {
                                ip = t as usize;
                            }
                        }
                        Instr::PopJumpIfNone(t) => {
                            let v = tri!('err, self.pop());
                            if v.is(&self.none) {
                                ip = t as usize;
                            }
                        }
                        Instr::PopJumpIfNotNone(t) => {
                            let v = tri!('err, self.pop());
                            if !v.is(&self.none) {
                                ip = t as usize;
                            }
                        }
                        Instr::JumpIfFalseOrPop(t) => {
                            let v = tri!('err, self.top_cloned("JUMP_IF_*_OR_POP"));
                            if !tri!('err, self.truthy(&v)) {
                                ip = t as usize;
                            } else {
                                let x = self.stack.pop();
                                drop(x);
                            }
                        }
                        Instr::JumpIfTrueOrPop(t) => {
                            let v = tri!('err, self.top_cloned("JUMP_IF_*_OR_POP"));
                            if tri!('err, self.truthy(&v)) {
                                ip = t as usize;
                            } else {
                                let x = self.stack.pop();
                                drop(x);
                            }
                        }
                        Instr::Call(n)
                        | Instr::CallKw(n)
                        | Instr::CallMethod(n)
                        | Instr::CallMethodKw(n) => {
                            let kwnames =
                                if matches!(instr, Instr::CallKw(_) | Instr::CallMethodKw(_)) {
                                    Some(tri!('err, self.pop()))
                                } else {
                                    None
                                };
                            let method =
                                matches!(instr, Instr::CallMethod(_) | Instr::CallMethodKw(_));
                            // `l.append(x)` on an exact list, right here (as
                            // CPython's PRECALL_NO_KW_LIST_APPEND).
                            if let (Instr::CallMethod(1), Some(pos)) =
                                (instr, self.stack.len().checked_sub(3))
                            {
                                if self.is_list_append(&self.stack[pos]) {
                                    if let Some(r) = self.try_list_append(pos) {
                                        let v = tri!('err, r);
                                        self.stack.push(v);
                                        continue 'instrs;
                                    }
                                }
                            }
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            match tri!('err, self.call_from_stack(n as usize, kwnames, method)) {
                                Called::Pushed => continue 'frames,
                                Called::Value(v) => self.stack.push(v),
                            }
                        }
                        Instr::CallFunctionEx(flag) => {
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let r = self.call_function_ex(flag & 1 != 0);
                            match tri!('err, r) {
                                Called::Pushed => continue 'frames,
                                Called::Value(v) => self.stack.push(v),
                            }
                        }
                        Instr::MakeFunction(fl) => {
                            let f = tri!('err, self.make_function(fi, fl));
                            self.stack.push(f);
                        }
                        Instr::ReturnValue => {
                            if self.end_plain_frame() {
                                // The value stays where it is, on top of
                                // the caller's stack.
                                continue 'frames;
                            }
                            let v = tri!('err, self.pop());
                            if v.is(&self.none) {
                                // `__init__` returning None: the caller gets
                                // the instance (as the general path below).
                                if let Some(FrameKind::Init { inst, held }) = self
                                    .end_simple_frame(0, |k| matches!(k, FrameKind::Init { .. }))
                                {
                                    self.release_held(held as usize);
                                    self.stack.push(inst);
                                    continue 'frames;
                                }
                            }
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            if self.viz.is_some() {
                                // A step with the returning frame still on
                                // the stack, its last line done.
                                self.viz_return(fi, ip - 1);
                            }
                            let Some(kind) = self.end_frame() else {
                                return Err(self.internal_error("return without frame"));
                            };
                            match kind {
                                FrameKind::Entry => return Ok(v),
                                FrameKind::Normal { held } => {
                                    if held != 0 {
                                        self.release_held(held as usize);
                                    }
                                    self.stack.push(v);
                                    continue 'frames;
                                }
                                FrameKind::Init { inst, held } => {
                                    self.release_held(held as usize);
                                    if !v.is(&self.none) {
                                        let tn = self.type_name_of(&v);
                                        let e = self.type_error(format!(
                                            "__init__() should return None, not '{tn}'"
                                        ));
                                        drop(inst);
                                        match self.handle_error(e, true) {
                                            Ok(()) => continue 'frames,
                                            Err(e) => return Err(e),
                                        }
                                    }
                                    self.stack.push(inst);
                                    continue 'frames;
                                }
                                FrameKind::Finalizer(obj) => {
                                    drop(v);
                                    self.pop_fin_floor();
                                    finish_finalizer(obj);
                                    continue 'frames;
                                }
                                FrameKind::Generator(_) => {
                                    self.gen_yielded = false;
                                    return Ok(v);
                                }
                                FrameKind::GenInline { gen, exit, send } => {
                                    self.gen_ended(&gen);
                                    if send {
                                        // The receiver's place takes the value.
                                        let r = self.stack.pop();
                                        drop(r);
                                        self.stack.push(v);
                                    } else {
                                        drop(v);
                                        let it = self.stack.pop();
                                        drop(it);
                                    }
                                    if let Some(caller) = self.frames.last_mut() {
                                        caller.ip = exit as usize;
                                    }
                                    continue 'frames;
                                }
                            }
                        }
                        Instr::LoadBuildClass => {
                            let key = tri!('err, self.intern("__build_class__"));
                            let builtins = self.frames[fi].builtins.clone();
                            match self.dict_get_str(&builtins, &key) {
                                Some(v) => self.stack.push(v),
                                None => {
                                    break 'err self
                                        .new_exc(T::NameError, "__build_class__ not found")
                                }
                            }
                        }
                        Instr::LoadAssertionError => {
                            let t = self.ty(T::AssertionError).clone();
                            self.stack.push(t);
                        }
                        Instr::ImportName(i) => {
                            let name = cobj.names[i as usize].clone();
                            let fromlist = tri!('err, self.pop());
                            let level = tri!('err, self.pop());
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let m = tri!('err, self.import_name(&name, &fromlist, &level, fi));
                            self.stack.push(m);
                        }
                        Instr::ImportFrom(i) => {
                            let name = cobj.names[i as usize].clone();
                            let m = match self.top() {
                                Some(m) => m.clone(),
                                None => {
                                    break 'err self.internal_error("IMPORT_FROM on empty stack")
                                }
                            };
                            let v = tri!('err, self.import_from(&m, &name));
                            self.stack.push(v);
                        }
                        Instr::ImportStar => {
                            let m = tri!('err, self.pop());
                            tri!('err, self.import_star(&m, fi));
                        }
                        Instr::RaiseVarargs(n) => {
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            match n {
                                0 => match self.topmost_handled() {
                                    Some(exc) => {
                                        // A bare `raise` re-raises without a new
                                        // traceback entry for this frame.
                                        match self.handle_error(PyErr(exc), false) {
                                            Ok(()) => continue 'frames,
                                            Err(e) => return Err(e),
                                        }
                                    }
                                    None => {
                                        break 'err self
                                            .runtime_error("No active exception to reraise")
                                    }
                                },
                                _ => {
                                    let cause = if n > 1 {
                                        Some(tri!('err, self.pop()))
                                    } else {
                                        None
                                    };
                                    let exc = tri!('err, self.pop());
                                    let e = tri!('err, self.make_raisable(exc, cause));
                                    // A new raise, chained again wherever
                                    // the object was raised before.
                                    e.0.set_flag(flags::F_RAISED, false);
                                    break 'err e;
                                }
                            }
                        }
                        Instr::Reraise(n) => {
                            let exc = tri!('err, self.pop());
                            if n > 0 {
                                let len = self.stack.len();
                                if let Some(l) =
                                    len.checked_sub(n as usize).and_then(|i| self.stack.get(i))
                                {
                                    if let Some(v) = Vm::int_of(l) {
                                        self.frames[fi].lasti = v as usize;
                                    }
                                }
                            } else {
                                self.frames[fi].lasti = ip - 1;
                            }
                            self.frames[fi].ip = ip;
                            match self.handle_error(PyErr(exc), false) {
                                Ok(()) => continue 'frames,
                                Err(e) => return Err(e),
                            }
                        }
                        Instr::PushExcInfo => {
                            let exc = tri!('err, self.pop());
                            let prev = self
                                .handled
                                .replace(exc.clone())
                                .unwrap_or_else(|| self.none.clone());
                            self.stack.push(prev);
                            self.stack.push(exc);
                        }
                        Instr::PopExcept => {
                            let prev = tri!('err, self.pop());
                            let old = if prev.is(&self.none) {
                                self.handled.take()
                            } else {
                                self.handled.replace(prev)
                            };
                            drop(old);
                        }
                        Instr::CheckExcMatch => {
                            let ty = tri!('err, self.pop());
                            let exc = tri!('err, self.top_cloned("CHECK_EXC_MATCH"));
                            let m = tri!('err, self.exception_matches(&exc, &ty));
                            self.stack.push(self.new_bool(m));
                        }
                        Instr::CheckEgMatch => {
                            let ty = tri!('err, self.pop());
                            let exc = tri!('err, self.pop());
                            let (rest, matched) = tri!('err, self.check_eg_match(&exc, &ty));
                            if !matched.is(&self.none) {
                                // The handler sees the matched part as the
                                // exception being handled.
                                let old = self.handled.replace(matched.clone());
                                drop(old);
                            }
                            self.stack.push(rest);
                            self.stack.push(matched);
                        }
                        Instr::AsyncGenWrap => {
                            let v = tri!('err, self.pop());
                            let w = tri!('err, self.async_gen_wrap(v));
                            self.stack.push(w);
                        }
                        Instr::PrepReraiseStar => {
                            let excs = tri!('err, self.pop());
                            let orig = tri!('err, self.pop());
                            let r = tri!('err, self.prep_reraise_star(&orig, &excs));
                            self.stack.push(r);
                        }
                        Instr::BeforeWith | Instr::BeforeAsyncWith => {
                            let mgr = tri!('err, self.pop());
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let asynchronous = matches!(instr, Instr::BeforeAsyncWith);
                            let (exit, entered) = tri!('err, self.before_with(&mgr, asynchronous));
                            self.stack.push(exit);
                            self.stack.push(entered);
                        }
                        Instr::WithExceptStart => {
                            let len = self.stack.len();
                            if len < 4 {
                                break 'err self.internal_error("WITH_EXCEPT_START");
                            }
                            let exit = self.stack[len - 4].clone();
                            let val = self.stack[len - 1].clone();
                            let ty = val.class();
                            let tb = val
                                .borrow::<ExceptionObj>()
                                .and_then(|e| e.traceback.clone())
                                .unwrap_or_else(|| self.none.clone());
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let r = tri!('err, self.call(&exit, vec![ty, val, tb]));
                            self.stack.push(r);
                        }
                        Instr::FormatValue(fl) => {
                            let spec = if fl & format_flags::HAVE_SPEC != 0 {
                                Some(tri!('err, self.pop()))
                            } else {
                                None
                            };
                            let v = tri!('err, self.pop());
                            let v = match fl & format_flags::CONV_MASK {
                                format_flags::CONV_STR => tri!('err, self.str(&v)),
                                format_flags::CONV_REPR => tri!('err, self.repr(&v)),
                                format_flags::CONV_ASCII => tri!('err, self.ascii(&v)),
                                _ => v,
                            };
                            let r = match spec {
                                Some(s) => tri!('err, self.format(&v, &s)),
                                None if self.is_exact(&v, T::Str) => v,
                                None => {
                                    let empty = tri!('err, self.new_str(""));
                                    tri!('err, self.format(&v, &empty))
                                }
                            };
                            self.stack.push(r);
                        }
                        Instr::PrintExpr => {
                            let v = tri!('err, self.pop());
                            tri!('err, self.display_hook(v));
                        }
                        Instr::SetupAnnotations => {
                            let ns = match &self.frames[fi].namespace {
                                Some(ns) => ns.clone(),
                                None => {
                                    break 'err self
                                        .internal_error("SETUP_ANNOTATIONS without namespace")
                                }
                            };
                            let key = self.names.annotations.clone();
                            if self.dict_get_str(&ns, &key).is_none() {
                                let d = tri!('err, self.new_dict());
                                tri!('err, self.dict_set_str(&ns, &key, d));
                            }
                        }
                        Instr::YieldValue => {
                            let v = tri!('err, self.pop());
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            if self.viz.is_some() {
                                self.viz_return(fi, ip - 1);
                            }
                            if tri!('err, self.suspend_generator()).is_none() {
                                return Ok(v);
                            }
                            // Resumed in this run: on in the caller.
                            self.stack.push(v);
                            continue 'frames;
                        }
                        Instr::Send(exit) => {
                            let v = tri!('err, self.pop());
                            let receiver = tri!('err, self.top_cloned("SEND"));
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let sending_none = v.is(&self.none);
                            if let Some(started) =
                                tri!('err, self.enter_inline(&receiver, exit, true, sending_none))
                            {
                                if started {
                                    self.stack.push(v);
                                }
                                continue 'frames;
                            }
                            match tri!('err, self.send_to(&receiver, v)) {
                                crate::objects::generator::GenOut::Yield(y) => self.stack.push(y),
                                crate::objects::generator::GenOut::Return(r) => {
                                    let recv = self.stack.pop();
                                    drop(recv);
                                    self.stack.push(r);
                                    ip = exit as usize;
                                }
                            }
                        }
                        Instr::GetYieldFromIter => {
                            let o = tri!('err, self.pop());
                            let in_coro = code.flags
                                & (code_flags::COROUTINE | code_flags::ITERABLE_COROUTINE)
                                != 0;
                            let it = tri!('err, self.yield_from_iter(o, in_coro));
                            self.stack.push(it);
                        }
                        Instr::GetAwaitable(_) => {
                            let o = tri!('err, self.pop());
                            let it = tri!('err, self.awaitable(o));
                            self.stack.push(it);
                        }
                        Instr::GetLen => {
                            let o = tri!('err, self.top_cloned("GET_LEN"));
                            let n = tri!('err, self.len(&o));
                            let n = tri!('err, self.new_int(n as i64));
                            self.stack.push(n);
                        }
                        Instr::MatchSequence | Instr::MatchMapping => {
                            let o = tri!('err, self.top_cloned("MATCH_SEQUENCE/MATCH_MAPPING"));
                            let b = if matches!(instr, Instr::MatchSequence) {
                                self.match_is_sequence(&o)
                            } else {
                                self.match_is_mapping(&o)
                            };
                            self.stack.push(self.new_bool(b));
                        }
                        Instr::MatchKeys => {
                            let len = self.stack.len();
                            if len < 2 {
                                break 'err self.internal_error("MATCH_KEYS stack");
                            }
                            let (subject, keys) =
                                (self.stack[len - 2].clone(), self.stack[len - 1].clone());
                            let v = tri!('err, self.match_keys(&subject, &keys));
                            self.stack.push(v);
                        }
                        Instr::CopyDictWithoutKeys => {
                            let keys = tri!('err, self.pop());
                            let subject = tri!('err, self.top_cloned("COPY_DICT_WITHOUT_KEYS"));
                            let rest = tri!('err, self.dict_without_keys(&subject, &keys));
                            self.stack.push(rest);
                        }
                        Instr::MatchClass(n) => {
                            let names = tri!('err, self.pop());
                            let cls = tri!('err, self.pop());
                            let subject = tri!('err, self.pop());
                            self.frames[fi].lasti = ip - 1;
                            let v =
                                tri!('err, self.match_class(&subject, &cls, n as usize, &names));
                            self.stack.push(v);
                        }
                        Instr::GetAiter => {
                            let o = tri!('err, self.pop());
                            let it = tri!('err, self.get_aiter(&o));
                            self.stack.push(it);
                        }
                        Instr::GetAnext => {
                            let it = tri!('err, self.top_cloned("GET_ANEXT"));
                            self.frames[fi].ip = ip;
                            self.frames[fi].lasti = ip - 1;
                            let aw = tri!('err, self.get_anext(&it));
                            self.stack.push(aw);
                        }
                        Instr::EndAsyncFor => {
                            let exc = tri!('err, self.pop());
                            let it = tri!('err, self.pop());
                            drop(it);
                            if !self.is_instance_of(&exc, T::StopAsyncIteration) {
                                // Not the end of the loop: on with its traceback.
                                match self.handle_error(PyErr(exc), false) {
                                    Ok(()) => continue 'frames,
                                    Err(e) => return Err(e),
                                }
                            }
                        }
                        Instr::ReturnGenerator | Instr::StopIterationError => {
                            break 'err self
                                .internal_error("instruction not emitted by ouro's compiler");
                        }
                    }
                    continue 'instrs;
                };
                // An instruction raised.
                self.frames[fi].ip = ip;
                self.frames[fi].lasti = ip - 1;
                match self.handle_error(err, true) {
                    Ok(()) => continue 'frames,
                    Err(e) => return Err(e),
                }
            }
        }
    }

    /// An int or bool (not an instance of a class derived from int).
    #[inline(always)]
    fn plain_int(&self, a: &ObjRef) -> bool {
        a.class_is(&self.types[T::Int as usize]) || a.class_is(&self.types[T::Bool as usize])
    }

    #[inline]
    fn both_exact_float(&self, a: &ObjRef, b: &ObjRef) -> bool {
        let f = &self.types[T::Float as usize];
        a.class_is(f) && b.class_is(f)
    }

    /// The result `v` of an operation on the exact floats `a` and `b`,
    /// which it consumes: written into an operand that only the value
    /// stack held (`ObjRef::reuse_float`), else a new float.
    #[inline(always)]
    fn float_result(&mut self, mut a: ObjRef, mut b: ObjRef, v: f64) -> PyResult<ObjRef> {
        if a.reuse_float(v) {
            return Ok(a);
        }
        if b.reuse_float(v) {
            return Ok(b);
        }
        let r = self.new_float(v);
        // Left first, as CPython's BINARY_OP releases them.
        drop(a);
        drop(b);
        r
    }

    /// `COMPARE_OP` of two ints (or bools) or two exact floats, which runs
    /// no Python code; None for anything else.
    #[inline(always)]
    fn exact_compare(&self, op: ouro_bytecode::CmpOp, a: &ObjRef, b: &ObjRef) -> Option<bool> {
        match (a.get::<IntObj>(), b.get::<IntObj>()) {
            (Some(x), Some(y)) if self.plain_int(a) && self.plain_int(b) => {
                Some(compare(op, x.value, y.value))
            }
            _ => match (a.get::<FloatObj>(), b.get::<FloatObj>()) {
                (Some(x), Some(y)) if self.both_exact_float(a, b) => {
                    Some(compare(op, x.value, y.value))
                }
                _ => None,
            },
        }
    }

    /// `local op constant` for `LoadFastConstBinaryOp`: the local in `slot`
    /// (bound: the caller checked) and the constant `c` are read in place
    /// on the exact int and float paths; anything else holds both, as the
    /// plain `LOAD_FAST`/`LOAD_CONST` would, while the general path runs.
    #[inline(always)]
    fn local_const_binop(&mut self, slot: usize, c: &ObjRef, op: BinOp) -> PyResult<ObjRef> {
        let Some(Some(x)) = self.locals.get(slot) else {
            return Err(self.internal_error("fused local unbound"));
        };
        if let Some(v) = self.exact_int_op(op, x, c) {
            return self.new_int(v);
        }
        if let Some(v) = self.exact_float_op(op, x, c) {
            return self.new_float(v);
        }
        let (x, c) = (x.clone(), c.clone());
        let r = self.binary_op(&x, &c, op);
        drop(x);
        drop(c);
        r
    }

    /// Whether `f` is `list.append` itself (the method descriptor).
    #[inline(always)]
    fn is_list_append(&self, f: &ObjRef) -> bool {
        f.get::<BuiltinFunctionObj>()
            .is_some_and(|b| b.bound.is_none() && b.id == self.list_append_id)
    }

    /// Whether `f` is the builtin `len` itself.
    #[inline(always)]
    fn is_builtin_len(&self, f: &ObjRef) -> bool {
        f.get::<BuiltinFunctionObj>()
            .is_some_and(|b| b.bound.is_none() && b.id == self.len_id)
    }

    /// `BINARY_OP` of two operands it consumes: the exact int and float fast
    /// paths, else the general one; the operands are released left then
    /// right once the result exists.
    #[inline(always)]
    fn binary_values(&mut self, op: BinOp, a: ObjRef, b: ObjRef) -> PyResult<ObjRef> {
        if let Some(v) = self.exact_int_op(op, &a, &b) {
            let r = self.new_int(v);
            drop(a);
            drop(b);
            return r;
        }
        if self.both_exact_float(&a, &b) {
            let v = match (a.get::<FloatObj>(), b.get::<FloatObj>()) {
                (Some(x), Some(y)) => fast_float_op(op, x.value, y.value),
                _ => None,
            };
            if let Some(v) = v {
                return self.float_result(a, b, v);
            }
        }
        let r = self.binary_op(&a, &b, op);
        drop(a);
        drop(b);
        r
    }

    /// `a op b` when one operand is an exact float and the other an exact
    /// float or int, and the result needs no error check: what
    /// `float_add` and kin compute (an int converts to the nearest double,
    /// as `PyLong_AsDouble`; a machine-word int always converts).
    #[inline(always)]
    fn exact_float_op(&self, op: BinOp, a: &ObjRef, b: &ObjRef) -> Option<f64> {
        let float = &self.types[T::Float as usize];
        let int = &self.types[T::Int as usize];
        let value = |o: &ObjRef| {
            if o.class_is(float) {
                o.get::<FloatObj>().map(|f| (f.value, true))
            } else if o.class_is(int) {
                o.get::<IntObj>().map(|i| (i.value as f64, false))
            } else {
                None
            }
        };
        let (x, xf) = value(a)?;
        let (y, yf) = value(b)?;
        if !(xf || yf) {
            return None;
        }
        fast_float_op(op, x, y)
    }

    #[inline]
    fn both_exact_int(&self, a: &ObjRef, b: &ObjRef) -> bool {
        let int = &self.types[T::Int as usize];
        a.class_is(int) && b.class_is(int)
    }

    /// `a op b` for two exact ints when the result fits a machine word
    /// (the right operand is checked first, so floats leave at once).
    #[inline(always)]
    fn exact_int_op(&self, op: BinOp, a: &ObjRef, b: &ObjRef) -> Option<i64> {
        let y = b.get::<IntObj>()?.value;
        let x = a.get::<IntObj>()?.value;
        if !self.both_exact_int(a, b) {
            return None;
        }
        machine_int_op!(op, x, y)
    }

    /// The item `n` deep (1 = top), as a new reference.
    fn peek(&mut self, n: usize) -> PyResult<ObjRef> {
        let len = self.stack.len();
        match len.checked_sub(n).and_then(|i| self.stack.get(i)) {
            Some(v) => Ok(v.clone()),
            None => Err(self.internal_error("stack peek out of range")),
        }
    }

    /// Pops `n` items, in stack order.
    pub(crate) fn pop_n(&mut self, n: usize) -> PyResult<Vec<ObjRef>> {
        let start = self.stack_top_start(n)?;
        Ok(self.stack.split_off(start))
    }

    /// Where the top `n` values of the stack start.
    #[inline(always)]
    fn stack_top_start(&mut self, n: usize) -> PyResult<usize> {
        match self.stack.len().checked_sub(n) {
            Some(start) => Ok(start),
            None => Err(self.internal_error("value stack underflow")),
        }
    }

    /// Gives back the argument buffer taken with `mem::take(&mut
    /// self.arg_buf)`, emptied, unless another use already put one back.
    #[inline(always)]
    fn return_arg_buf(&mut self, mut buf: Vec<ObjRef>) {
        buf.clear();
        if self.arg_buf.capacity() == 0 {
            self.arg_buf = buf;
        }
    }

    /// The index of `key` into `seq` for the fast subscript paths (CPython's
    /// `*_SUBSCR_LIST_INT` / `_TUPLE_INT`): an exact list or tuple and a
    /// non-negative int or bool. Whether it is in range is the caller's.
    #[inline(always)]
    fn exact_seq_index(&self, seq: &ObjRef, key: &ObjRef) -> Option<usize> {
        let ty = match seq.kind() {
            Kind::List => T::List,
            Kind::Tuple => T::Tuple,
            _ => return None,
        };
        if !(seq.class_is(&self.types[ty as usize]) && self.plain_int(key)) {
            return None;
        }
        usize::try_from(key.get::<IntObj>()?.value).ok()
    }

    fn unbound_local(&mut self, code: &CodeObject, i: usize) -> PyErr {
        let name = code
            .varnames
            .get(i)
            .map(|s| s.to_string())
            .unwrap_or_default();
        let e = self.new_exc(
            T::UnboundLocalError,
            format!(
                "cannot access local variable '{name}' where it is not associated with a value"
            ),
        );
        if let Ok(n) = self.new_str(&name) {
            let _ = self.set_attr_str(&e.0, "name", n);
        }
        e
    }

    fn unbound_deref(&mut self, code: &CodeObject, i: usize) -> PyErr {
        if i < code.cellvars.len() {
            let name = code.cellvars[i].to_string();
            self.new_exc(
                T::UnboundLocalError,
                format!(
                    "cannot access local variable '{name}' where it is not associated with a value"
                ),
            )
        } else {
            let name = code
                .freevars
                .get(i - code.cellvars.len())
                .map(|s| s.to_string())
                .unwrap_or_default();
            self.new_exc(
                T::NameError,
                format!("cannot access free variable '{name}' where it is not associated with a value in enclosing scope"),
            )
        }
    }

    fn cell_at(&mut self, code: &CodeObject, lb: usize, i: u32) -> PyResult<ObjRef> {
        let idx = lb + code.varnames.len() + i as usize;
        match self.locals.get(idx) {
            Some(Some(c)) => Ok(c.clone()),
            _ => Err(self.internal_error("missing cell")),
        }
    }

    /// `LOAD_NAME`: the namespace, then globals, then builtins.
    fn load_name(&mut self, fi: usize, name: &ObjRef) -> PyResult<ObjRef> {
        // A namespace other than an exact dict (a metaclass `__prepare__`
        // mapping) is read through `__getitem__`, which may run code.
        let mapping = self.frames[fi]
            .namespace
            .as_ref()
            .filter(|ns| !(ns.kind() == Kind::Dict && self.is_exact(ns, T::Dict)))
            .cloned();
        if let Some(ns) = &mapping {
            match self.getitem(ns, name) {
                Ok(v) => return Ok(v),
                Err(e) if self.err_is(&e, T::KeyError) => {}
                Err(e) => return Err(e),
            }
        }
        // Lookups that run no code, with the frame's dicts borrowed.
        let frame = &self.frames[fi];
        let local = match (&frame.namespace, &mapping) {
            (Some(ns), None) => self.dict_get_str(ns, name),
            _ => None,
        };
        let found = local
            .or_else(|| self.dict_get_str(&frame.globals, name))
            .or_else(|| self.dict_get_str(&frame.builtins, name));
        match found {
            Some(v) => Ok(v),
            None => {
                let n = self.str_of(name).to_string();
                Err(self.name_error(&n))
            }
        }
    }

    // ---------------------------------------------------------------- calls

    /// Calls the callable on the stack with `nargs` arguments (the last
    /// `len(kwnames)` of them by keyword).
    ///
    /// CPython 3.11's `CALL` gives its stack references to the new frame
    /// only when the callable is a Python function (a bound method is
    /// unpacked first); a builtin gets them as its argument array. Any
    /// other callable (a class, an instance with `__call__`) is called
    /// through `_PyObject_MakeTpCall`, and the stack keeps the callable and
    /// the arguments until the call returns: here they stay on the value
    /// stack, with the call's own temporaries above them ([`Vm::finish_held`]).
    fn call_from_stack(
        &mut self,
        nargs: usize,
        kwnames: Option<ObjRef>,
        method: bool,
    ) -> PyResult<Called> {
        if kwnames.is_none() {
            if let Some(c) = self.try_fast_call(nargs, method)? {
                return Ok(c);
            }
        }
        let len = self.stack.len();
        let extra = if method { 2 } else { 1 };
        if len < nargs + extra {
            return Err(self.internal_error("call stack underflow"));
        }
        let callable_pos = len - nargs - extra;
        // One allocation, with room for a bound self in front.
        let mut args = crate::natives::arg_vec(nargs + 1);
        if method {
            let self_or_null = &self.stack[len - nargs - 1];
            if !self_or_null.is(&self.null) {
                args.push(self_or_null.clone());
            }
        }
        if !self.calls_through_tuple(&self.stack[callable_pos]) {
            args.extend(self.stack.drain(len - nargs..));
            if method {
                let self_or_null = self.pop()?;
                drop(self_or_null);
            }
            let callable = self.pop()?;
            // A bound method of a callable object goes on to its type's
            // `__call__`, which holds entries from here.
            let mark = self.stack.len();
            let r = self.call_with_args(callable, args, kwnames, true);
            return self.finish_held(mark, r);
        }
        args.extend(self.stack[len - nargs..].iter().cloned());
        let callable = self.stack[callable_pos].clone();
        let r = self.call_with_args(callable, args, kwnames, true);
        self.finish_held(callable_pos, r)
    }

    /// Whether CPython 3.11 calls `c` through `_PyObject_MakeTpCall`, with
    /// its arguments packed into a tuple (and a dict for keywords): a
    /// class, or an object whose type defines `__call__`. Functions, bound
    /// methods, builtins and the builtin types are vectorcall callables.
    fn calls_through_tuple(&self, c: &ObjRef) -> bool {
        match c.kind() {
            Kind::Function | Kind::BuiltinFunction => false,
            // CPython's CALL unpacks a bound method and calls its function.
            Kind::Method => c
                .get::<MethodObj>()
                .is_some_and(|m| self.calls_through_tuple(&m.func)),
            Kind::Type => Vm::is_heap_type(c),
            _ => true,
        }
    }

    /// `_PyStack_UnpackDict`'s copy of the arguments (`first`, then `args`)
    /// that a call through a type slot (`__init__`, `__new__`, `__call__`)
    /// makes when there are keyword arguments, held on the value stack for
    /// the length of the call. Returns the mark to release to.
    fn push_unpacked(
        &mut self,
        first: &ObjRef,
        args: &[ObjRef],
        kwnames: Option<&ObjRef>,
    ) -> usize {
        let mark = self.stack.len();
        let nkw = kwnames
            .and_then(|k| k.get::<TupleObj>())
            .map_or(0, |t| t.len());
        if nkw > 0 {
            self.stack.push(first.clone());
            self.stack.extend(args.iter().cloned());
        }
        mark
    }

    /// Ends the start of a call that holds entries on the value stack from
    /// `mark` up (the callable and arguments a `CALL` keeps, and the
    /// temporaries above them: [`Vm::hold_tp_args`], [`Vm::push_unpacked`]).
    /// A call that pushed a frame keeps them until the frame returns (its
    /// kind counts them); a finished or failed call releases them now.
    fn finish_held(&mut self, mark: usize, r: PyResult<Called>) -> PyResult<Called> {
        if let Ok(Called::Pushed) = r {
            let Some(top) = self.frames.last_mut() else {
                return Err(self.internal_error("held call without frame"));
            };
            let n = (top.stack_base - mark) as u32;
            match &mut top.kind {
                FrameKind::Normal { held } | FrameKind::Init { held, .. } => *held += n,
                _ if n == 0 => {}
                _ => return Err(self.internal_error("held call in a frame that cannot hold")),
            }
            return r;
        }
        self.release_to(mark);
        r
    }

    /// `CALL_FUNCTION_EX`: calls the callable under the positional
    /// arguments (a tuple, or any iterable, made a tuple first) and, with
    /// `has_kwargs`, the keyword arguments' dict. As in CPython, the
    /// callable, the tuple and the dict are held for the length of the
    /// call (they are released in that order after it), and a call of a
    /// function or bound method with keywords holds the unpacked copy of
    /// all its arguments too ([`Vm::push_unpacked`]).
    fn call_function_ex(&mut self, has_kwargs: bool) -> PyResult<Called> {
        let len = self.stack.len();
        let need = 2 + has_kwargs as usize;
        if len < need {
            return Err(self.internal_error("call stack underflow"));
        }
        let callable_pos = len - need;
        let args_pos = callable_pos + 1;
        // A Python function or bound method gets copies of the tuple's and
        // dict's items, which the call holds; a builtin or `tp_call` gets
        // the items themselves (a native's argument vector, `hold_tp_args`),
        // and the call holds nothing more.
        let python_target = matches!(
            self.stack[callable_pos].kind(),
            Kind::Function | Kind::Method
        );
        let mut argv: Vec<ObjRef> = match self.stack[args_pos].get::<TupleObj>() {
            Some(t) => t.items().to_vec(),
            None => {
                let args = self.stack[args_pos].clone();
                if !self.has_iter(&args) {
                    let f = self.function_str(&self.stack[callable_pos].clone());
                    let tn = self.type_name_of(&args);
                    return Err(self.type_error(format!(
                        "{f} argument after * must be an iterable, not {tn}"
                    )));
                }
                let items = self.iterate(&args)?;
                if python_target {
                    let t = self.new_tuple(items.clone())?;
                    let old = std::mem::replace(&mut self.stack[args_pos], t);
                    drop(old);
                }
                items
            }
        };
        let mut kwnames_v = Vec::new();
        if has_kwargs {
            let kw = self.stack[args_pos + 1].clone();
            for (k, v) in self.dict_items_vec(&kw)? {
                kwnames_v.push(k);
                argv.push(v);
            }
        }
        let kwnames = if kwnames_v.is_empty() {
            None
        } else {
            Some(self.new_tuple(kwnames_v)?)
        };
        let callable = self.stack[callable_pos].clone();
        if !python_target {
            for i in args_pos..len {
                let old = std::mem::replace(&mut self.stack[i], self.none.clone());
                drop(old);
            }
        } else if kwnames.is_some() {
            // The unpacked copy, below the tuple and the dict: released
            // before them, so that the arguments are freed as the tuple and
            // the dict free them.
            self.stack.splice(args_pos..args_pos, argv.iter().cloned());
        }
        // A native gets the tuple's items as its arguments (`Args::packed`).
        self.native_args_packed = callable.kind() == Kind::BuiltinFunction;
        let r = self.call_with_args(callable, argv, kwnames, true);
        self.native_args_packed = false;
        self.finish_held(callable_pos, r)
    }

    /// Releases the top `n` entries of the value stack, a call's held
    /// entries ([`Vm::release_to`]).
    #[inline]
    fn release_held(&mut self, n: usize) {
        let len = self.stack.len();
        self.release_to(len - n);
    }

    /// Releases the value stack's entries from `mark` up, a call's held
    /// entries, bottom first: the callable, then the arguments in order,
    /// then the temporaries, whose copies of the arguments therefore hold
    /// the last references and free them in argument order, as CPython
    /// frees them when its `CALL` releases its stack after the call.
    #[inline]
    pub(crate) fn release_to(&mut self, mark: usize) {
        self.stack.truncate(mark);
    }

    /// The commonest call, inline: a plain Python function called with
    /// exactly its positional arguments (CPython's `CALL_PY_EXACT_ARGS`).
    /// The function, its self and the arguments move from the stack into
    /// the new frame. Any other call goes to [`Vm::try_fast_call_other`].
    #[inline(always)]
    fn try_fast_call(&mut self, nargs: usize, method: bool) -> PyResult<Option<Called>> {
        let len = self.stack.len();
        let extra = 1 + method as usize;
        if let Some(callable_pos) = len.checked_sub(nargs + extra) {
            let c0 = &self.stack[callable_pos];
            if c0.kind() == Kind::Function {
                let bound = method && !self.stack[callable_pos + 1].is(&self.null);
                let given = nargs + bound as usize;
                if let Some(exact) = exact_args_call(c0, given) {
                    let (base, func) =
                        self.call_moved_from_stack(method, bound, nargs, exact.nlocals())?;
                    self.push_exact_frame(func, exact, base, FrameKind::Normal { held: 0 })?;
                    return Ok(Some(Called::Pushed));
                }
            }
        }
        self.try_fast_call_other(nargs, method)
    }

    /// The other common calls: a plain Python function (or bound method)
    /// with positional arguments only and no `*args`/`**kwargs` parameters,
    /// a plain class, a native with a positional form. The arguments move
    /// straight from the value stack into the new frame's slots, with no
    /// intermediate vector. None: take the general path.
    ///
    /// Only a dispatch on the callable's kind: each shape has its own
    /// function, so none pays for the others' register saves.
    #[inline(never)]
    fn try_fast_call_other(&mut self, nargs: usize, method: bool) -> PyResult<Option<Called>> {
        let Some(callable_pos) = self.stack.len().checked_sub(nargs + 1 + method as usize) else {
            return self.call_stack_underflow();
        };
        match self.stack[callable_pos].kind() {
            Kind::BuiltinFunction => self.try_pos_native(nargs, method, callable_pos),
            Kind::Type if !method || self.stack[callable_pos + 1].is(&self.null) => {
                self.try_fast_instance(nargs, callable_pos)
            }
            Kind::Function | Kind::Method => self.try_fast_python_call(nargs, method, callable_pos),
            _ => Ok(None),
        }
    }

    #[cold]
    #[inline(never)]
    fn call_stack_underflow(&mut self) -> PyResult<Option<Called>> {
        Err(self.internal_error("call stack underflow"))
    }

    /// [`Vm::try_fast_call_other`] of a Python function or bound method.
    #[inline(never)]
    fn try_fast_python_call(
        &mut self,
        nargs: usize,
        method: bool,
        callable_pos: usize,
    ) -> PyResult<Option<Called>> {
        let c0 = &self.stack[callable_pos];
        let (func, self_arg) = match c0.kind() {
            Kind::Function => {
                let bound = method && !self.stack[callable_pos + 1].is(&self.null);
                let given = nargs + bound as usize;
                if let Some(call) = simple_call(c0, given) {
                    let (base, func) =
                        self.call_moved_from_stack(method, bound, nargs, call.nlocals)?;
                    self.install_simple_frame(
                        func,
                        call,
                        base,
                        given,
                        FrameKind::Normal { held: 0 },
                    )?;
                    return Ok(Some(Called::Pushed));
                }
                let self_arg = if bound {
                    Some(self.stack[callable_pos + 1].clone())
                } else {
                    None
                };
                (self.stack[callable_pos].clone(), self_arg)
            }
            Kind::Method if !method => match c0.get::<MethodObj>() {
                Some(m) if m.func.kind() == Kind::Function => {
                    (m.func.clone(), Some(m.self_.clone()))
                }
                _ => return Ok(None),
            },
            _ => return Ok(None),
        };
        let given = nargs + self_arg.is_some() as usize;
        let Some(call) = simple_call(&func, given) else {
            // A generator function: the generator, straight from the stack.
            return match simple_call_of(&func, given, true).filter(|c| !c.has_cells) {
                Some(call) => {
                    let g =
                        self.generator_from_stack(&func, call, self_arg, nargs, callable_pos)?;
                    Ok(Some(Called::Value(g)))
                }
                None => Ok(None),
            };
        };
        let base = self.slots_from_stack(self_arg, nargs, call.nlocals, callable_pos);
        self.install_simple_frame(func, call, base, given, FrameKind::Normal { held: 0 })?;
        Ok(Some(Called::Pushed))
    }

    /// The slots of a new frame, from the end of the slot array (returned):
    /// `first` (a bound self, a new instance) if any, then the top `nargs`
    /// values of the stack, moved in order, then empty slots up to
    /// `nlocals`. The callable (and self or NULL) below the arguments, from
    /// `callable_pos`, leave the stack.
    #[inline(always)]
    fn slots_from_stack(
        &mut self,
        first: Option<ObjRef>,
        nargs: usize,
        nlocals: usize,
        callable_pos: usize,
    ) -> usize {
        let base = self.locals.len();
        self.locals.reserve(nlocals);
        if let Some(s) = first {
            self.locals.push(Some(s));
        }
        // Popped last first, then put back in order.
        let args_at = self.locals.len();
        for _ in 0..nargs {
            let v = self.stack.pop();
            self.locals.push(v);
        }
        self.locals[args_at..].reverse();
        while self.locals.len() < base + nlocals {
            self.locals.push(None);
        }
        while self.stack.len() > callable_pos {
            let v = self.stack.pop();
            drop(v);
        }
        base
    }

    /// Takes a Python function's call off the value stack, as CPython's
    /// `CALL` steals it (no count changes): the slots of the new frame
    /// ([`Vm::slots_moved_from_stack`]), then the NULL of a `CALL_METHOD`
    /// that bound no self, then the function, returned with the slots'
    /// base.
    #[inline(always)]
    fn call_moved_from_stack(
        &mut self,
        method: bool,
        bound: bool,
        nargs: usize,
        nlocals: usize,
    ) -> PyResult<(usize, ObjRef)> {
        let base = self.slots_moved_from_stack(bound, nargs, nlocals);
        if method && !bound {
            let null = self.stack.pop();
            drop(null);
        }
        match self.stack.pop() {
            Some(func) => Ok((base, func)),
            None => Err(self.internal_error("call stack underflow")),
        }
    }

    /// The slots of a new frame, from the end of the slot array (returned):
    /// the top `nargs` values of the stack, moved in order, after the value
    /// below them when `bound` (a method's self), then empty slots up to
    /// `nlocals`. What is below those (the callable, and NULL if no self
    /// was bound) stays on the stack.
    #[inline(always)]
    fn slots_moved_from_stack(&mut self, bound: bool, nargs: usize, nlocals: usize) -> usize {
        let base = self.locals.len();
        self.locals.reserve(nlocals);
        if bound {
            self.locals.push(None);
        }
        // Popped last first, then put back in order.
        let args_at = self.locals.len();
        for _ in 0..nargs {
            let v = self.stack.pop();
            self.locals.push(v);
        }
        self.locals[args_at..].reverse();
        if bound {
            self.locals[base] = self.stack.pop();
        }
        while self.locals.len() < base + nlocals {
            self.locals.push(None);
        }
        base
    }

    /// A plain class ([`Vm::plain_class_init`]) of the metaclass `type`
    /// called with positional arguments its `__init__` takes as they are:
    /// the `__init__` frame's slots get the new instance and copies of the
    /// arguments, which stay on the value stack with the callable and the
    /// arguments' tuple (what CPython's `CALL` and `_PyObject_MakeTpCall`
    /// hold; see [`Vm::call_from_stack`]) until `__init__` returns. None:
    /// take the general path.
    #[inline(never)]
    fn try_fast_instance(&mut self, nargs: usize, callable_pos: usize) -> PyResult<Option<Called>> {
        let ty = &self.stack[callable_pos];
        if !Vm::is_heap_type(ty) || !ty.class_is(self.ty(T::Type)) {
            return Ok(None);
        }
        let ty = ty.clone();
        let Some(init) = self.plain_class_init(&ty) else {
            return Ok(None);
        };
        let given = nargs + 1;
        // The exact-arguments frame when `__init__` takes just these, or
        // the simple one (defaults, cells).
        let call = match exact_args_call(&init, given) {
            Some(e) => Ok(e),
            None => match simple_call(&init, given) {
                Some(c) => Err(c),
                None => return Ok(None),
            },
        };
        let nlocals = match &call {
            Ok(e) => e.nlocals(),
            Err(c) => c.nlocals,
        };
        let args_at = self.stack.len() - nargs;
        let inst = self.alloc(&ty, ouro_heap::layout::UnitObj, true)?;
        drop(ty);
        let base = self.slots_copied_from_stack(inst.clone(), args_at, nlocals);
        // The references of `_PyObject_MakeTpCall`'s tuple of the arguments
        // (see `hold_tp_args`).
        self.stack.reserve(nargs);
        for i in args_at..args_at + nargs {
            let v = self.stack[i].clone();
            self.stack.push(v);
        }
        let held = (self.stack.len() - callable_pos) as u32;
        let kind = FrameKind::Init { inst, held };
        let pushed = match call {
            Ok(e) => self.push_exact_frame(init, e, base, kind),
            Err(c) => self.install_simple_frame(init, c, base, given, kind),
        };
        match pushed {
            Ok(()) => Ok(Some(Called::Pushed)),
            Err(e) => {
                self.release_to(callable_pos);
                Err(e)
            }
        }
    }

    /// The slots of a new frame, from the end of the slot array (returned):
    /// `first`, then copies of the value stack's entries from `from` to
    /// the top (arguments the call keeps holding), then empty slots up to
    /// `nlocals`.
    #[inline(always)]
    fn slots_copied_from_stack(&mut self, first: ObjRef, from: usize, nlocals: usize) -> usize {
        let base = self.locals.len();
        self.locals.reserve(nlocals);
        self.locals.push(Some(first));
        for i in from..self.stack.len() {
            let v = self.stack[i].clone();
            self.locals.push(Some(v));
        }
        while self.locals.len() < base + nlocals {
            self.locals.push(None);
        }
        base
    }

    /// `first` and copies of the value stack's entries from `at` to the
    /// top: the arguments of a frame that a type slot starts while the
    /// call holds its own ([`Vm::hold_tp_args`]).
    fn held_args_with(&self, first: ObjRef, at: usize) -> Vec<ObjRef> {
        let mut a = Vec::with_capacity(self.stack.len() - at + 1);
        a.push(first);
        a.extend(self.stack[at..].iter().cloned());
        a
    }

    /// A native with a positional form ([`crate::natives::PosFn`]) called
    /// from the value stack: the arguments (`self` first, for a method)
    /// move into the VM's argument buffer and the form borrows them there.
    /// A shape the form does not take goes to the general form with the
    /// same arguments. None: not such a native (the caller's general path).
    ///
    /// `len(x)` is tried on its own path first ([`Vm::try_len`]), before
    /// anything that needs this function to save registers (`l.append(x)`
    /// was tried by `CALL_METHOD` itself).
    #[inline(never)]
    fn try_pos_native(
        &mut self,
        nargs: usize,
        method: bool,
        callable_pos: usize,
    ) -> PyResult<Option<Called>> {
        if nargs == 1 && self.is_builtin_len(&self.stack[callable_pos]) {
            if let Some(r) = self.try_len(callable_pos, method) {
                return r.map(|v| Some(Called::Value(v)));
            }
        }
        self.call_pos_native(method, callable_pos)
    }

    /// The rest of [`Vm::try_pos_native`]: the positional form, or the
    /// general one for a shape the form does not take.
    #[inline(never)]
    fn call_pos_native(&mut self, method: bool, callable_pos: usize) -> PyResult<Option<Called>> {
        let (pos, owner) = {
            let Some(b) = self.stack[callable_pos].get::<BuiltinFunctionObj>() else {
                return Ok(None);
            };
            let Some(pos) = self.natives.get(b.id as usize).and_then(|d| d.pos) else {
                return Ok(None);
            };
            if b.bound.is_some() {
                return Ok(None);
            }
            (pos, b.owner.clone())
        };
        let mut buf = std::mem::take(&mut self.arg_buf);
        // Self (or NULL) and the arguments, in order.
        move_tail(&mut self.stack, callable_pos + 1, &mut buf);
        if method && buf.first().is_some_and(|s| s.is(&self.null)) {
            drop(buf.remove(0));
        }
        let Some(callable) = self.stack.pop() else {
            return Err(self.internal_error("call stack underflow"));
        };
        // A method descriptor applies to its own type here; a subclass
        // instance (or anything else) takes the general form's checks.
        let owner_ok = match &owner {
            Some(t) => buf.first().is_some_and(|s| s.class_is(t)),
            None => true,
        };
        let r = match if owner_ok { pos(self, &buf) } else { None } {
            Some(r) => {
                self.return_arg_buf(buf);
                r
            }
            None => self.call_native(&callable, buf, None),
        };
        drop(callable);
        r.map(|v| Some(Called::Value(v)))
    }

    /// `l.append(x)` on an exact list, as CPython's
    /// `PRECALL_NO_KW_LIST_APPEND`: the item moves from the value stack
    /// into the list, then the list and the method are released. None (the
    /// stack untouched) for anything else. Out of line: inlined into the
    /// eval loop, it moves the loop's register allocation (+1.5% on churn).
    #[inline(never)]
    fn try_list_append(&mut self, callable_pos: usize) -> Option<PyResult<ObjRef>> {
        let list = self.stack.get(callable_pos + 1)?;
        if list.kind() != Kind::List || Vm::is_heap_class_of(list) {
            return None;
        }
        let list = list.clone();
        let v = self.stack.pop()?;
        let grown = match list.borrow_mut::<ListObj>() {
            Some(mut l) => crate::objects::list::push_item(&mut l.items, v),
            None => {
                // Borrowed elsewhere: the general path decides.
                self.stack.push(v);
                return None;
            }
        };
        self.release_to(callable_pos);
        drop(list);
        Some(if grown {
            Ok(self.none.clone())
        } else {
            Err(self.memory_error())
        })
    }

    /// `len(x)` of an exact str, tuple, list or dict, as CPython's
    /// `PRECALL_NO_KW_LEN`: the length read straight from the object, then
    /// the callable and the argument released, in that order. None, and
    /// nothing done, for anything else (the general path).
    fn try_len(&mut self, callable_pos: usize, method: bool) -> Option<PyResult<ObjRef>> {
        if method && !self.stack.get(callable_pos + 1)?.is(&self.null) {
            return None;
        }
        let n = exact_len(self.stack.last()?)?;
        let r = self.new_int(n as i64);
        self.release_to(callable_pos);
        Some(r)
    }

    /// Calls a Python function with positional arguments from Rust (`first`
    /// then `rest`), binding them straight into the new frame's slots when
    /// the function takes plain positional parameters. None if it does not
    /// (the caller takes the general path).
    pub(crate) fn call_simple(
        &mut self,
        func: &ObjRef,
        first: &ObjRef,
        rest: &[ObjRef],
    ) -> Option<PyResult<ObjRef>> {
        let given = 1 + rest.len();
        let call = simple_call(func, given)?;
        let base = self.locals.len();
        self.locals.reserve(call.nlocals);
        self.locals.push(Some(first.clone()));
        for v in rest {
            self.locals.push(Some(v.clone()));
        }
        while self.locals.len() < base + call.nlocals {
            self.locals.push(None);
        }
        if let Err(e) = self.install_simple_frame(func.clone(), call, base, given, FrameKind::Entry)
        {
            return Some(Err(e));
        }
        Some(self.run_entry())
    }

    /// Finishes a frame whose first `given` argument slots (from `base`) are
    /// filled: defaults, cells, the frame itself. On an error the slots are
    /// released.
    #[inline(always)]
    fn install_simple_frame(
        &mut self,
        func: ObjRef,
        mut call: SimpleCall,
        base: usize,
        given: usize,
        kind: FrameKind,
    ) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            self.release_locals_from(base);
            return Err(self.recursion_error());
        }
        if matches!(kind, FrameKind::Entry) {
            // From bytecode, the call instruction has recorded it.
            self.note_caller_position();
        }
        for k in given..call.argcount {
            self.locals[base + k] = call.default_arg(k);
        }
        if call.has_cells {
            let closure = call.closure.take();
            if let Err(e) = self.init_cells(&call.code_obj.code, base, closure) {
                self.release_locals_from(base);
                return Err(e);
            }
        }
        let frame = Frame::new(
            call.code_obj,
            call.globals,
            call.builtins,
            Some(func),
            base,
            self.stack.len(),
            kind,
        );
        self.push_frame(frame);
        Ok(())
    }

    /// Pushes the frame of an exact-arguments call of `func`, whose slots
    /// from `base` are filled. On an error the slots are released.
    #[inline(always)]
    fn push_exact_frame(
        &mut self,
        func: ObjRef,
        exact: ExactCall,
        base: usize,
        kind: FrameKind,
    ) -> PyResult<()> {
        if self.frames.len() >= self.recursion_limit {
            self.release_locals_from(base);
            return Err(self.recursion_error());
        }
        let frame = Frame::new(
            exact.code_obj,
            exact.globals,
            exact.builtins,
            Some(func),
            base,
            self.stack.len(),
            kind,
        );
        self.push_frame(frame);
        Ok(())
    }

    /// Releases local slots from `base` up, in slot order.
    fn release_locals_from(&mut self, base: usize) {
        let n = self.locals.len();
        for i in base..n {
            let v = self.locals[i].take();
            drop(v);
        }
        self.locals.truncate(base);
    }

    /// Creates the cells of a new frame (cell variables, those that are
    /// parameters starting with the argument) and installs its free
    /// variables from the closure.
    fn init_cells(
        &mut self,
        code: &CodeObject,
        base: usize,
        closure: Option<ObjRef>,
    ) -> PyResult<()> {
        let nvar = code.varnames.len();
        for (i, arg) in code.cell2arg.iter().enumerate() {
            let initial = match arg {
                Some(a) => self.locals[base + *a as usize].take(),
                None => None,
            };
            let cell_ty = self.ty(T::Cell).clone();
            let cell = self.alloc(&cell_ty, CellObj { value: initial }, false)?;
            self.locals[base + nvar + i] = Some(cell);
        }
        if let Some(cl) = closure {
            if let Some(t) = cl.get::<TupleObj>() {
                let ncell = code.cellvars.len();
                for (j, c) in t.items().iter().enumerate() {
                    if let Some(slot) = self.locals.get_mut(base + nvar + ncell + j) {
                        *slot = Some(c.clone());
                    }
                }
            }
        }
        Ok(())
    }

    /// Calls `callable`; Python functions are pushed as frames when
    /// `may_push` (the loop then runs them), otherwise run to completion.
    pub(crate) fn call_with_args(
        &mut self,
        callable: ObjRef,
        mut args: Vec<ObjRef>,
        kwnames: Option<ObjRef>,
        may_push: bool,
    ) -> PyResult<Called> {
        match callable.kind() {
            Kind::Function if Vm::is_generator_function(&callable) => {
                let g = self.make_generator(&callable, args, kwnames.as_ref())?;
                Ok(Called::Value(g))
            }
            Kind::Function => {
                self.push_function_frame(
                    &callable,
                    args,
                    kwnames.as_ref(),
                    FrameKind::Normal { held: 0 },
                    None,
                )?;
                drop(callable);
                if may_push {
                    Ok(Called::Pushed)
                } else {
                    self.set_top_frame_entry();
                    Ok(Called::Value(self.run_entry()?))
                }
            }
            Kind::Method => {
                let (func, self_) = match callable.get::<MethodObj>() {
                    Some(m) => (m.func.clone(), m.self_.clone()),
                    None => return Err(self.internal_error("bad method")),
                };
                drop(callable);
                args.insert(0, self_);
                self.call_with_args(func, args, kwnames, may_push)
            }
            Kind::BuiltinFunction => {
                let r = self.call_native(&callable, args, kwnames.as_ref())?;
                Ok(Called::Value(r))
            }
            Kind::Type => self.call_type(callable, args, kwnames, may_push),
            Kind::WeakRef if self.is_proxy(&callable) => {
                let target = self.proxy_referent(&callable)?;
                self.call_with_args(target, args, kwnames, may_push)
            }
            Kind::WeakRef if callable.class_is(self.ty(T::WeakRef)) => {
                let args = Args::from_call(args, kwnames.as_ref());
                Ok(Called::Value(self.weakref_call(&callable, args)?))
            }
            _ => {
                let ty = callable.class();
                let call = self.names.call.clone();
                match self.type_lookup(&ty, &call) {
                    Some(f) => {
                        let at = self.hold_tp_args(args);
                        let r = self.call_slot_from(f, callable, at, kwnames, may_push);
                        self.end_tp_call(at, may_push);
                        r
                    }
                    None => {
                        let tn = self.type_name_of(&callable);
                        Err(self.type_error(format!("'{tn}' object is not callable")))
                    }
                }
            }
        }
    }

    fn set_top_frame_entry(&mut self) {
        if let Some(f) = self.frames.last_mut() {
            f.kind = match std::mem::replace(&mut f.kind, FrameKind::Entry) {
                FrameKind::Normal { held: 0 } => FrameKind::Entry,
                other => other,
            };
        }
    }

    /// Calls `callable(*args)` from Rust with borrowed arguments: the callee
    /// gets its own references and the caller keeps its own for the call,
    /// as CPython's C code does with an argument array it owns (`map`'s
    /// items).
    pub(crate) fn call_with(&mut self, callable: &ObjRef, args: &[ObjRef]) -> PyResult<ObjRef> {
        if callable.kind() == Kind::Function {
            if let Some((first, rest)) = args.split_first() {
                if let Some(r) = self.call_simple(callable, first, rest) {
                    return r;
                }
            }
        }
        self.call(callable, args.to_vec())
    }

    /// Calls `callable(*args)` from Rust and returns its result. The
    /// arguments move into the call, as a vectorcall's array is passed on
    /// to the callee (a caller that keeps its own references, as CPython's
    /// C code often does, passes copies).
    pub fn call(&mut self, callable: &ObjRef, args: Vec<ObjRef>) -> PyResult<ObjRef> {
        self.call_kw(callable, args, None)
    }

    /// Calls with keyword arguments (`kwnames` names the last values).
    pub fn call_kw(
        &mut self,
        callable: &ObjRef,
        args: Vec<ObjRef>,
        kwnames: Option<ObjRef>,
    ) -> PyResult<ObjRef> {
        match self.call_with_args(callable.clone(), args, kwnames, false)? {
            Called::Value(v) => Ok(v),
            Called::Pushed => Err(self.internal_error("unexpected frame push")),
        }
    }

    /// Calls a Python function that a type slot found (`__call__`,
    /// `__init__`, `__new__`), with its first argument prepended (CPython's
    /// `_PyObject_Call_Prepend`): with keyword arguments, the copy of the
    /// arguments that the slot makes ([`Vm::push_unpacked`]) is held for the
    /// call, by the pushed frame or until the call finishes from Rust.
    fn call_slot_function(
        &mut self,
        f: ObjRef,
        args: Vec<ObjRef>,
        kwnames: Option<ObjRef>,
        may_push: bool,
    ) -> PyResult<Called> {
        let Some((first, rest)) = args.split_first() else {
            return self.call_with_args(f, args, kwnames, may_push);
        };
        let mark = self.push_unpacked(first, rest, kwnames.as_ref());
        let r = self.call_with_args(f, args, kwnames, may_push);
        self.end_tp_call(mark, may_push);
        r
    }

    /// Calling a type: `type(x)`, builtin constructors, or a class (object
    /// allocation, then `__init__` as a frame).
    fn call_type(
        &mut self,
        ty: ObjRef,
        args: Vec<ObjRef>,
        kwnames: Option<ObjRef>,
        may_push: bool,
    ) -> PyResult<Called> {
        if !Vm::is_heap_type(&ty) {
            let r = self.call_builtin_type(&ty, args, kwnames.as_ref())?;
            return Ok(Called::Value(r));
        }
        let at = self.hold_tp_args(args);
        // A metaclass with its own __call__.
        let meta = ty.class();
        let meta_call = if meta.is(self.ty(T::Type)) {
            None
        } else {
            let call = self.names.call.clone();
            self.type_lookup(&meta, &call)
                .filter(|f| f.kind() == Kind::Function)
        };
        let r = match meta_call {
            Some(f) => self.call_slot_from(f, ty, at, kwnames, may_push),
            None => self.create_instance(ty, at, kwnames, may_push),
        };
        self.end_tp_call(at, may_push);
        r
    }

    /// `_PyObject_MakeTpCall` for a callable without vectorcall (a class,
    /// an instance with `__call__`): the arguments become its args tuple
    /// and kwargs dict, whose references this call holds for its length,
    /// on the value stack from the returned mark (ouro holds the
    /// references without making the two objects: CPython takes them from
    /// its free lists, so they do not count for the collector there
    /// either). The type slot that runs gives its frames their own copies
    /// (`call_slot_from`, `create_instance`).
    pub(crate) fn hold_tp_args(&mut self, mut args: Vec<ObjRef>) -> usize {
        let at = self.stack.len();
        self.stack.append(&mut args);
        crate::natives::recycle_arg_vec(args);
        at
    }

    /// After a call through a type slot: from Rust what it held from `at`
    /// goes now; from bytecode it stays for the caller to release with the
    /// rest of the call's held entries ([`Vm::finish_held`]).
    pub(crate) fn end_tp_call(&mut self, at: usize, may_push: bool) {
        if !may_push {
            self.release_to(at);
        }
    }

    /// [`Vm::call_slot_function`] with `first` and copies of the arguments
    /// held on the value stack from `at` (those of
    /// [`Vm::hold_tp_args`]).
    fn call_slot_from(
        &mut self,
        f: ObjRef,
        first: ObjRef,
        at: usize,
        kwnames: Option<ObjRef>,
        may_push: bool,
    ) -> PyResult<Called> {
        let a = self.held_args_with(first, at);
        self.call_slot_function(f, a, kwnames, may_push)
    }

    /// `type.__call__` for a class: `__new__`, then `__init__` if the result
    /// is an instance of the class. The arguments are held on the value
    /// stack from `at` to the top (the args tuple's and kwargs dict's
    /// references, [`Vm::hold_tp_args`]); `__new__` and `__init__` get
    /// their own copies, as from CPython's `tp_call` arguments.
    pub(crate) fn create_instance(
        &mut self,
        ty: ObjRef,
        at: usize,
        kwnames: Option<ObjRef>,
        may_push: bool,
    ) -> PyResult<Called> {
        if !Vm::is_heap_type(&ty) {
            let args = self.stack[at..].to_vec();
            let r = self.call_builtin_type(&ty, args, kwnames.as_ref())?;
            return Ok(Called::Value(r));
        }
        let nargs = self.stack.len() - at;
        // The common class: object.__new__ and a Python __init__.
        let plain_init = match kwnames {
            None => self.plain_class_init(&ty),
            Some(_) => None,
        };
        if let Some(init) = plain_init {
            if let Some(call) = simple_call(&init, nargs + 1) {
                let inst = self.alloc(&ty, ouro_heap::layout::UnitObj, true)?;
                let given = nargs + 1;
                let base = self.slots_copied_from_stack(inst.clone(), at, call.nlocals);
                if may_push {
                    let kind = FrameKind::Init { inst, held: 0 };
                    self.install_simple_frame(init, call, base, given, kind)?;
                    return Ok(Called::Pushed);
                }
                self.install_simple_frame(init, call, base, given, FrameKind::Entry)?;
                let r = self.run_entry()?;
                if !r.is(&self.none) {
                    let tn = self.type_name_of(&r);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{tn}'"))
                    );
                }
                return Ok(Called::Value(inst));
            }
        }
        // __new__
        let new_name = self.names.new.clone();
        let custom_new = self
            .type_lookup(&ty, &new_name)
            .map(|n| self.unwrap_staticmethod(&n))
            .filter(|f| f.kind() == Kind::Function);
        let init_name = self.names.init.clone();
        let init = self.type_lookup(&ty, &init_name);
        let custom_new_ran = custom_new.is_some();
        let inst = match custom_new {
            Some(f) => {
                let a = self.held_args_with(ty.clone(), at);
                let obj = match self.call_slot_function(f, a, kwnames.clone(), false)? {
                    Called::Value(v) => v,
                    Called::Pushed => return Err(self.internal_error("unexpected frame push")),
                };
                if !self.isinstance(&obj, &ty) {
                    return Ok(Called::Value(obj));
                }
                obj
            }
            _ => {
                let args = self.stack[at..].to_vec();
                self.object_new(&ty, &args, kwnames.as_ref())?
            }
        };
        // __init__ (looked up again after a __new__ of Python code)
        let init = if custom_new_ran {
            self.type_lookup(&ty, &init_name)
        } else {
            init
        };
        match init {
            Some(f) if f.kind() == Kind::Function => {
                let a = self.held_args_with(inst.clone(), at);
                let mark = self.push_unpacked(&inst, &a[1..], kwnames.as_ref());
                let kind = FrameKind::Init { inst, held: 0 };
                if let Err(e) = self.push_function_frame(&f, a, kwnames.as_ref(), kind, None) {
                    self.release_to(mark);
                    return Err(e);
                }
                if may_push {
                    Ok(Called::Pushed)
                } else {
                    // Run __init__ to completion from Rust.
                    let frame = self.frames.last_mut();
                    let inst = match frame.map(|f| std::mem::replace(&mut f.kind, FrameKind::Entry))
                    {
                        Some(FrameKind::Init { inst, .. }) => inst,
                        _ => return Err(self.internal_error("init frame")),
                    };
                    let r = self.run_entry();
                    self.release_to(mark);
                    let r = r?;
                    if !r.is(&self.none) {
                        let tn = self.type_name_of(&r);
                        return Err(
                            self.type_error(format!("__init__() should return None, not '{tn}'"))
                        );
                    }
                    Ok(Called::Value(inst))
                }
            }
            Some(f) => {
                let a = self.held_args_with(inst.clone(), at);
                let r = self.call_kw(&f, a, kwnames)?;
                if !r.is(&self.none) {
                    let tn = self.type_name_of(&r);
                    return Err(
                        self.type_error(format!("__init__() should return None, not '{tn}'"))
                    );
                }
                Ok(Called::Value(inst))
            }
            None => Ok(Called::Value(inst)),
        }
    }

    /// The `__init__` of a class (a heap type) whose instances are made by
    /// `object.__new__` and set up by a Python `__init__`, or None. The
    /// answer is kept in the type's cache word until the type epoch moves
    /// (any type namespace changed): where the `__init__` was found, or
    /// that the class is not such a class. A class called again skips the
    /// MRO lookups, and one that takes the general path does them once.
    fn plain_class_init(&self, ty: &ObjRef) -> Option<ObjRef> {
        /// The cache word's `a` for a class that is not a plain one.
        const NOT_PLAIN: u32 = u32::MAX;
        let epoch = self.method_cache.epoch();
        let cache = |a, b| {
            if let Some(t) = ty.borrow::<TypeObj>() {
                t.vm_cache.set(ouro_heap::TypeCache { epoch, a, b });
            }
        };
        let c = ty.borrow::<TypeObj>()?.vm_cache.get();
        if c.epoch == epoch {
            if c.a == NOT_PLAIN {
                return None;
            }
            if let Some(init) = crate::attrcache::type_entry(ty, c.a, c.b, &self.names.init) {
                return Some(init);
            }
        }
        let custom_new = self
            .type_lookup(ty, &self.names.new)
            .map(|n| self.unwrap_staticmethod(&n))
            .is_some_and(|f| f.kind() == Kind::Function);
        let found = if custom_new || self.builtin_of(ty) != T::Object {
            None
        } else {
            self.type_lookup_at(ty, &self.names.init)
                .filter(|(_, _, init)| init.kind() == Kind::Function)
        };
        match found {
            Some((a, b, init)) => {
                cache(a, b);
                Some(init)
            }
            None => {
                cache(NOT_PLAIN, 0);
                None
            }
        }
    }

    /// Pushes a frame for a Python function, binding arguments as CPython's
    /// `initialize_locals` does (same errors, same messages).
    pub(crate) fn push_function_frame(
        &mut self,
        func: &ObjRef,
        args: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
        kind: FrameKind,
        namespace: Option<ObjRef>,
    ) -> PyResult<()> {
        let is_gen = func
            .borrow::<FunctionObj>()
            .and_then(|f| f.code.get::<CodeObj>().map(|c| c.code.is_generator_like()))
            .unwrap_or(false);
        if is_gen {
            // Only a call can make a generator; `__init__` or `__del__`
            // written as one gives the generator back to a caller that
            // rejects it (see `call_with_args`).
            return Err(self.type_error("__init__() should return None, not 'generator'"));
        }
        self.push_function_frame_any(func, args, kwnames, kind, namespace)
    }

    /// Pushes a frame for `func` with its arguments bound, generator code
    /// included (the generator then takes the frame over).
    pub(crate) fn push_function_frame_any(
        &mut self,
        func: &ObjRef,
        args: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
        kind: FrameKind,
        namespace: Option<ObjRef>,
    ) -> PyResult<()> {
        let (code_obj, globals, builtins, defaults, kwdefaults, closure, qualname) = {
            let Some(f) = func.borrow::<FunctionObj>() else {
                return Err(self.internal_error("not a function"));
            };
            (
                f.code.clone(),
                f.globals.clone(),
                f.builtins.clone(),
                f.defaults.clone(),
                f.kwdefaults.clone(),
                f.closure.clone(),
                f.qualname.clone(),
            )
        };
        let code = match code_obj.get::<CodeObj>() {
            Some(c) => c.code.clone(),
            None => return Err(self.internal_error("function without code")),
        };
        self.push_frame_raw(
            code_obj.clone(),
            globals,
            builtins,
            namespace,
            Some(func.clone()),
            kind,
        )?;
        let base = self.frames.last().map_or(0, |f| f.locals_base);
        if let Err(e) = self.bind_arguments(
            &code, &code_obj, base, args, kwnames, defaults, kwdefaults, &qualname,
        ) {
            self.pop_frame();
            return Err(e);
        }
        if let Err(e) = self.init_cells(&code, base, closure) {
            self.pop_frame();
            return Err(e);
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn bind_arguments(
        &mut self,
        code: &CodeObject,
        code_obj: &ObjRef,
        base: usize,
        args: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
        defaults: Option<ObjRef>,
        kwdefaults: Option<ObjRef>,
        qualname: &ObjRef,
    ) -> PyResult<()> {
        let argcount = code.argcount as usize;
        let posonly = code.posonlyargcount as usize;
        let kwonly = code.kwonlyargcount as usize;
        let has_varargs = code.flags & code_flags::VARARGS != 0;
        let has_varkw = code.flags & code_flags::VARKEYWORDS != 0;
        let nkw = kwnames
            .and_then(|k| k.get::<TupleObj>())
            .map_or(0, |t| t.len());
        let npos = args.len() - nkw;
        // Borrowed from the qualname object, not copied: only errors use it.
        let fname: &str = qualname
            .get::<ouro_heap::StrObj>()
            .map_or("", |s| s.as_str());
        let Some(cobj) = code_obj.get::<CodeObj>() else {
            return Err(self.internal_error("function without code"));
        };
        let varnames: &[ObjRef] = &cobj.varnames;

        let mut args = args.into_iter();
        // Positional parameters.
        let n = npos.min(argcount);
        for i in 0..n {
            self.locals[base + i] = args.next();
        }
        let vararg_slot = argcount + kwonly;
        let varkw_slot = vararg_slot + has_varargs as usize;
        if has_varargs {
            let extra: Vec<ObjRef> = (n..npos).filter_map(|_| args.next()).collect();
            self.locals[base + vararg_slot] = Some(self.new_tuple(extra)?);
        } else if npos > argcount {
            let ndefaults = defaults
                .as_ref()
                .and_then(|d| d.get::<TupleObj>())
                .map_or(0, |t| t.len());
            let kwonly_given = kwnames.map_or(0, |_| 0);
            let _ = kwonly_given;
            let msg = if ndefaults > 0 {
                format!(
                    "{fname}() takes from {} to {} positional arguments but {} {} given",
                    argcount - ndefaults,
                    argcount,
                    npos,
                    if npos == 1 { "was" } else { "were" }
                )
            } else {
                format!(
                    "{fname}() takes {} positional argument{} but {} {} given",
                    argcount,
                    if argcount == 1 { "" } else { "s" },
                    npos,
                    if npos == 1 { "was" } else { "were" }
                )
            };
            return Err(self.type_error(msg));
        }
        let kwdict = if has_varkw {
            let d = self.new_dict()?;
            self.locals[base + varkw_slot] = Some(d.clone());
            Some(d)
        } else {
            None
        };
        // Keyword arguments.
        if nkw > 0 {
            let names: Vec<ObjRef> = kwnames
                .and_then(|k| k.get::<TupleObj>())
                .map(|t| t.items().to_vec())
                .unwrap_or_default();
            let mut posonly_as_kw: Vec<String> = Vec::new();
            for name in names.iter() {
                let Some(value) = args.next() else { break };
                let text = self.str_of(name).to_string();
                let found = varnames
                    .iter()
                    .take(argcount + kwonly)
                    .position(|v| v.is(name) || self.str_of(v) == text);
                match found {
                    Some(i) if i >= posonly => {
                        if self.locals[base + i].is_some() {
                            return Err(self.type_error(format!(
                                "{fname}() got multiple values for argument '{text}'"
                            )));
                        }
                        self.locals[base + i] = Some(value);
                    }
                    _ => {
                        if let Some(d) = &kwdict {
                            self.dict_setitem(d, name.clone(), value)?;
                        } else if found.is_some() {
                            posonly_as_kw.push(text);
                        } else {
                            return Err(self.type_error(format!(
                                "{fname}() got an unexpected keyword argument '{text}'"
                            )));
                        }
                    }
                }
            }
            if !posonly_as_kw.is_empty() {
                let list = format!("'{}'", posonly_as_kw.join(", "));
                return Err(self.type_error(format!(
                    "{fname}() got some positional-only arguments passed as keyword arguments: {list}"
                )));
            }
        }
        // Defaults for missing positional parameters.
        if npos < argcount {
            let defs: Vec<ObjRef> = defaults
                .as_ref()
                .and_then(|d| d.get::<TupleObj>())
                .map(|t| t.items().to_vec())
                .unwrap_or_default();
            let first_default = argcount - defs.len();
            let mut missing = Vec::new();
            for i in npos..argcount {
                if self.locals[base + i].is_none() {
                    if i >= first_default {
                        self.locals[base + i] = Some(defs[i - first_default].clone());
                    } else {
                        missing.push(self.str_of(&varnames[i]).to_string());
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(fname, &missing, "positional"));
            }
        }
        // Keyword-only parameters.
        if kwonly > 0 {
            let mut missing = Vec::new();
            for (i, name) in varnames.iter().enumerate().skip(argcount).take(kwonly) {
                if self.locals[base + i].is_none() {
                    let name = name.clone();
                    let d = kwdefaults
                        .as_ref()
                        .and_then(|kd| self.dict_get_str(kd, &name));
                    match d {
                        Some(v) => self.locals[base + i] = Some(v),
                        None => missing.push(self.str_of(&name).to_string()),
                    }
                }
            }
            if !missing.is_empty() {
                return Err(self.missing_args(fname, &missing, "keyword-only"));
            }
        }
        Ok(())
    }

    fn missing_args(&mut self, fname: &str, missing: &[String], kind: &str) -> PyErr {
        let quoted: Vec<String> = missing.iter().map(|m| format!("'{m}'")).collect();
        let list = match quoted.len() {
            1 => quoted[0].clone(),
            2 => format!("{} and {}", quoted[0], quoted[1]),
            _ => {
                let (last, rest) = quoted
                    .split_last()
                    .map(|(l, r)| (l.clone(), r.to_vec()))
                    .unwrap_or_default();
                format!("{}, and {}", rest.join(", "), last)
            }
        };
        self.type_error(format!(
            "{fname}() missing {} required {kind} argument{}: {list}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" }
        ))
    }

    /// `MAKE_FUNCTION`.
    fn make_function(&mut self, fi: usize, fl: u32) -> PyResult<ObjRef> {
        let code_obj = self.pop()?;
        let closure = if fl & mff::CLOSURE != 0 {
            Some(self.pop()?)
        } else {
            None
        };
        let annotations = if fl & mff::ANNOTATIONS != 0 {
            Some(self.pop()?)
        } else {
            None
        };
        let kwdefaults = if fl & mff::KWDEFAULTS != 0 {
            Some(self.pop()?)
        } else {
            None
        };
        let defaults = if fl & mff::DEFAULTS != 0 {
            Some(self.pop()?)
        } else {
            None
        };
        let (name, qualname, doc) = match code_obj.get::<CodeObj>() {
            Some(c) => {
                let doc = c.consts.first().filter(|d| d.kind() == Kind::Str).cloned();
                (c.name.clone(), c.qualname.clone(), doc)
            }
            None => return Err(self.internal_error("MAKE_FUNCTION without code")),
        };
        let globals = self.frames[fi].globals.clone();
        let builtins = self.frames[fi].builtins.clone();
        let modname = self.names.name.clone();
        let module = self.dict_get_str(&globals, &modname);
        let ty = self.ty(T::Function).clone();
        let doc = Some(doc.unwrap_or_else(|| self.none.clone()));
        self.alloc(
            &ty,
            FunctionObj {
                code: code_obj,
                globals,
                builtins,
                name,
                qualname,
                module,
                defaults,
                kwdefaults,
                doc,
                dict: None,
                closure,
                annotations,
            },
            false,
        )
    }

    /// Turns the operand of `raise` into an exception instance, applying
    /// `from cause`.
    fn make_raisable(&mut self, exc: ObjRef, cause: Option<ObjRef>) -> PyResult<PyErr> {
        let inst = if exc.kind() == Kind::Type {
            if !self.is_subtype(&exc, self.ty(T::BaseException)) {
                return Ok(self.type_error("exceptions must derive from BaseException"));
            }
            let r = self.call(&exc, Vec::new())?;
            if !self.is_instance_of(&r, T::BaseException) {
                let tn = self.type_name_of(&r);
                return Ok(self.type_error(format!(
                    "calling {} should have returned an instance of BaseException, not {tn}",
                    self.type_name(&exc)
                )));
            }
            r
        } else if self.is_instance_of(&exc, T::BaseException) {
            exc
        } else {
            return Ok(self.type_error("exceptions must derive from BaseException"));
        };
        if let Some(cause) = cause {
            let cause = if cause.kind() == Kind::Type
                && self.is_subtype(&cause, self.ty(T::BaseException))
            {
                Some(self.call(&cause, Vec::new())?)
            } else if cause.is(&self.none) {
                None
            } else if self.is_instance_of(&cause, T::BaseException) {
                Some(cause)
            } else {
                return Ok(self.type_error("exception causes must derive from BaseException"));
            };
            if let Some(mut e) = inst.borrow_mut::<ExceptionObj>() {
                e.cause = cause;
                e.suppress_context = true;
            }
        }
        Ok(PyErr(inst))
    }

    /// Sets `exc.__context__` to the exception being handled, avoiding
    /// cycles. Mirrors the chaining in CPython's `_PyErr_SetObject`.
    fn chain_context(&mut self, exc: &ObjRef) {
        let Some(handled) = self.topmost_handled() else {
            return;
        };
        if handled.is(exc) {
            return;
        }
        // Break a cycle: if `exc` is already in handled's context chain, cut it.
        let mut o = handled.clone();
        let mut steps = 0;
        loop {
            let ctx = o.borrow::<ExceptionObj>().and_then(|e| e.context.clone());
            match ctx {
                Some(c) => {
                    if c.is(exc) {
                        let old = o
                            .borrow_mut::<ExceptionObj>()
                            .and_then(|mut e| e.context.take());
                        drop(old);
                        break;
                    }
                    o = c;
                }
                None => break,
            }
            steps += 1;
            if steps > 10_000 {
                break;
            }
        }
        let old = exc
            .borrow_mut::<ExceptionObj>()
            .map(|mut e| e.context.replace(handled));
        drop(old);
    }

    /// Unwinds after an exception: finds a handler in the current frame or
    /// pops frames until one does. `Ok` means execution continues (in a
    /// handler); `Err` means the exception leaves the loop.
    pub(crate) fn handle_error(&mut self, err: PyErr, new_raise: bool) -> PyResult<()> {
        if self.viz.is_some() {
            self.viz_exception();
        }
        let mut exc = err.0;
        // Raised in a nested run of the loop, it was chained there.
        let chained = exc.has_flag(flags::F_RAISED);
        if chained {
            exc.set_flag(flags::F_RAISED, false);
        }
        if new_raise && !chained {
            self.chain_context(&exc);
        }
        let mut add_tb = new_raise;
        loop {
            let Some(fi) = self.frames.len().checked_sub(1) else {
                return Err(PyErr(exc));
            };
            if add_tb {
                self.add_traceback(&exc, fi);
            }
            // The handler is found from the instruction that raised (a
            // RERAISE may have restored `lasti` to an earlier one, which is
            // what tracebacks and the pushed `lasti` report).
            let (lasti, handler) = {
                let f = &self.frames[fi];
                (
                    f.lasti,
                    f.code().handler_for(f.ip.saturating_sub(1)).copied(),
                )
            };
            if let Some(h) = handler {
                let base = self.frames[fi].stack_base + h.depth as usize;
                while self.stack.len() > base {
                    let v = self.stack.pop();
                    drop(v);
                }
                if h.lasti {
                    let l = self.new_int(lasti as i64)?;
                    self.stack.push(l);
                }
                self.stack.push(exc);
                self.frames[fi].ip = h.target as usize;
                return Ok(());
            }
            let Some(frame) = self.pop_frame() else {
                return Err(PyErr(exc));
            };
            match frame.kind {
                FrameKind::Entry | FrameKind::Generator(_) => return Err(PyErr(exc)),
                FrameKind::Finalizer(obj) => {
                    self.pop_fin_floor();
                    match frame.func.as_ref() {
                        Some(f) => self.report_unraisable(f, &exc),
                        None => {
                            let text = format!(
                                "Exception ignored in: <finalizer>\n{}",
                                self.format_exception_unchained(&exc)
                            );
                            self.write_stderr(&text);
                        }
                    }
                    drop(exc);
                    finish_finalizer(obj);
                    return Ok(());
                }
                // Entries the call held on the caller's stack go first, as
                // at a return.
                FrameKind::Init { held, .. } | FrameKind::Normal { held } => {
                    self.release_held(held as usize);
                    add_tb = true;
                }
                FrameKind::GenInline { gen, .. } => {
                    // Out of the generator into the frame that resumed it.
                    self.gen_ended(&gen);
                    exc = self.gen_raised(&gen, PyErr(exc)).0;
                    add_tb = true;
                }
            }
        }
    }

    /// Prepends a traceback entry for frame `fi` (CPython's `PyTraceBack_Here`).
    fn add_traceback(&mut self, exc: &ObjRef, fi: usize) {
        let frame_obj = match self.frame_object(fi) {
            Ok(f) => f,
            Err(_) => return,
        };
        let (lasti, lineno) = {
            let f = &self.frames[fi];
            (
                f.lasti,
                f.code().line_of(f.lasti).unwrap_or(f.code().firstlineno),
            )
        };
        let next = exc
            .borrow_mut::<ExceptionObj>()
            .and_then(|mut e| e.traceback.take());
        let ty = self.ty(T::Traceback).clone();
        let tb = self.alloc(
            &ty,
            TracebackObj {
                next,
                frame: frame_obj,
                lasti: lasti as u32,
                lineno,
            },
            false,
        );
        if let Ok(tb) = tb {
            if let Some(mut e) = exc.borrow_mut::<ExceptionObj>() {
                e.traceback = Some(tb);
            }
        }
    }

    /// The frame object of live frame `fi`, made on first use.
    pub(crate) fn frame_object(&mut self, fi: usize) -> PyResult<ObjRef> {
        if let Some(f) = &self.frames[fi].frame_obj {
            return Ok(f.clone());
        }
        let (code, globals, ns, lasti, line) = {
            let f = &self.frames[fi];
            (
                f.code_obj.obj().clone(),
                f.globals.clone(),
                f.namespace.clone(),
                f.lasti,
                f.code().line_of(f.lasti).unwrap_or(f.code().firstlineno),
            )
        };
        let ty = self.ty(T::Frame).clone();
        let fo = self.alloc(
            &ty,
            FrameObj {
                code,
                globals,
                back: None,
                locals: Vec::new(),
                namespace: ns,
                lasti: lasti as u32,
                lineno: line,
                live: true,
            },
            false,
        )?;
        self.frames[fi].frame_obj = Some(fo.clone());
        Ok(fo)
    }

    // ------------------------------------------------------------ finalizers

    /// The queue depth below which finalizers belong to an enclosing
    /// finalizer still running (they run after it, not inside it).
    fn finalizer_floor(&self) -> usize {
        self.fin_floors.last().copied().unwrap_or(0)
    }

    /// Starts the next pending finalizer or weakref callback. Returns true
    /// if a `__del__` frame was pushed (the loop must switch to it).
    fn start_finalizer(&mut self) -> PyResult<bool> {
        while let Some(obj) = self.next_pending_finalizer() {
            if self.tracer.is_some() {
                self.trace_del(&obj);
            }
            // A Python `__del__` runs as a frame of the loop; every other
            // finalizer (native `__del__`, a generator's close) to completion.
            let python_del = if self.is_generator(&obj) {
                None
            } else {
                let del = self.names.del.clone();
                self.type_lookup(&obj.class(), &del)
                    .filter(|f| f.kind() == Kind::Function)
            };
            if let Some(f) = python_del {
                match self.push_function_frame(
                    &f,
                    vec![obj.clone()],
                    None,
                    FrameKind::Finalizer(obj.clone()),
                    None,
                ) {
                    Ok(()) => {
                        self.push_fin_floor(heap::pending_finalizer_count());
                        return Ok(true);
                    }
                    Err(e) => {
                        self.report_unraisable(&f, &e.0);
                        finish_finalizer(obj);
                        continue;
                    }
                }
            }
            self.push_fin_floor(heap::pending_finalizer_count());
            self.finalize_now(&obj);
            self.pop_fin_floor();
            finish_finalizer(obj);
        }
        Ok(false)
    }

    #[cold]
    fn trace_del(&mut self, obj: &ObjRef) {
        let tn = self.type_name_of(obj);
        let id = crate::trace::Val::Int(obj.addr() as i64);
        self.trace_event("del", &[("id", id), ("type", crate::trace::Val::Str(&tn))]);
    }

    /// The next queued object whose `__del__` must run, above the current
    /// finalizer floor; weakref callbacks queued before it are called on
    /// the way.
    fn next_pending_finalizer(&mut self) -> Option<ObjRef> {
        while heap::pending_finalizer_count() > self.finalizer_floor() {
            match heap::take_pending()? {
                Pending::WeakCallback(wr, cb) => self.call_weakref_callback(wr, cb),
                Pending::Finalize(obj) => return Some(obj),
            }
        }
        None
    }

    /// Calls the callback of a weakref whose referent died by reference
    /// counting (CPython's `handle_callback`), then releases the queue's
    /// reference to the weakref.
    fn call_weakref_callback(&mut self, wr: ObjRef, cb: ObjRef) {
        if self.tracer.is_some() {
            let id = crate::trace::Val::Int(wr.addr() as i64);
            self.trace_event("weakref_callback", &[("id", id)]);
        }
        self.push_fin_floor(heap::pending_finalizer_count());
        let r = self.call(&cb, vec![wr.clone()]);
        self.pop_fin_floor();
        if let Err(e) = r {
            self.report_unraisable(&cb, &e.0);
        }
        drop(cb);
        release_event(wr);
    }

    /// Runs every pending finalizer and callback to completion (at exit and
    /// from Rust).
    pub fn run_pending_finalizers(&mut self) {
        while let Some(obj) = self.next_pending_finalizer() {
            if self.tracer.is_some() {
                self.trace_del(&obj);
            }
            self.push_fin_floor(heap::pending_finalizer_count());
            self.finalize_now(&obj);
            self.pop_fin_floor();
            finish_finalizer(obj);
        }
    }

    /// Runs `obj`'s finalizer to completion from Rust: a generator's close
    /// (CPython's `tp_finalize`) or the type's `__del__`; what it raises is
    /// reported as unraisable.
    pub(crate) fn finalize_now(&mut self, obj: &ObjRef) {
        if self.is_generator(obj) {
            self.gen_finalize(obj);
            return;
        }
        let del = self.names.del.clone();
        if let Some(f) = self.type_lookup(&obj.class(), &del) {
            if let Err(e) = self.call(&f, vec![obj.clone()]) {
                self.report_unraisable(&f, &e.0);
            }
        }
    }

    /// Prints an exception nobody can catch (raised by `__del__`, a weakref
    /// callback, a `gc.callbacks` entry) the way CPython's
    /// `PyErr_WriteUnraisable(obj)` does.
    pub(crate) fn report_unraisable(&mut self, obj: &ObjRef, exc: &ObjRef) {
        // An exception raised by the runtime itself (a generator ignoring
        // GeneratorExit) has no traceback: CPython's default hook shows the
        // running frame instead (`_PyTraceBack_FromFrame`).
        let bare = exc
            .borrow::<ExceptionObj>()
            .is_some_and(|e| e.traceback.is_none());
        if bare && !self.frames.is_empty() {
            let fi = self.frames.len() - 1;
            self.add_traceback(exc, fi);
        }
        let what = self
            .repr_string(obj)
            .unwrap_or_else(|_| "<object repr() failed>".into());
        let mut text = format!("Exception ignored in: {what}\n");
        text.push_str(&self.format_exception_unchained(exc));
        self.write_stderr(&text);
    }
}

/// Releases the queue's reference to an event's object with the finalizer
/// floor raised, so that what its teardown queues runs next.
fn release_event(obj: ObjRef) {
    let floor = heap::pending_finalizer_count();
    heap::set_finalizer_floor(floor);
    drop(obj);
    heap::set_finalizer_floor(FLOOR.with(|f| f.get()));
}

/// What an iterator that `FOR_ITER` steps itself gave.
enum Stepped {
    /// A range iterator's next value.
    Int(i64),
    /// A list's or tuple's next item.
    Item(ObjRef),
}

/// `FOR_ITER`'s own step of a range, list or tuple iterator, with no handle
/// to the iterator: Some(None) when it is exhausted (a sequence iterator
/// then releases its sequence, as `seqiter_next` does), None for any other
/// iterator.
#[inline(always)]
fn step_inline(it: &ObjRef) -> Option<Option<Stepped>> {
    use crate::objects::iter::{step_list_or_tuple, step_range};
    if let Some(ri) = it.get::<ouro_heap::RangeIterObj>() {
        return Some(step_range(ri).map(Stepped::Int));
    }
    let io = it.get::<ouro_heap::SeqIterObj>()?;
    step_list_or_tuple(io).map(|r| r.map(Stepped::Item))
}

/// Moves the items of `from` from index `base` on to the end of `to`, in
/// order. One or two items (a native call's arguments, the common case)
/// move by hand; more go as one block.
#[inline]
pub(crate) fn move_tail<V>(from: &mut Vec<V>, base: usize, to: &mut Vec<V>) {
    match from.len().saturating_sub(base) {
        0 => {}
        1 => to.extend(from.pop()),
        2 => {
            let (b, a) = (from.pop(), from.pop());
            to.extend(a);
            to.extend(b);
        }
        _ => to.extend(from.drain(base..)),
    }
}

/// What a call of a plain Python function needs, when `given` positional
/// arguments are all it gets and all it takes (no `*args`, `**kwargs` or
/// keyword-only parameters, not a generator, enough defaults).
pub(crate) struct SimpleCall {
    pub(crate) code_obj: FrozenRef<CodeObj>,
    pub(crate) globals: ObjRef,
    pub(crate) builtins: ObjRef,
    defaults: Option<ObjRef>,
    /// The function's closure, taken only when the code has cells.
    closure: Option<ObjRef>,
    pub(crate) argcount: usize,
    pub(crate) nlocals: usize,
    pub(crate) has_cells: bool,
}

impl SimpleCall {
    /// The call's frame, unstarted, its slots from `locals_base` and its
    /// value stack from `stack_base` (the cells, if any, are set up first).
    /// The default value of positional parameter `k` (one that has one).
    pub(crate) fn default_arg(&self, k: usize) -> Option<ObjRef> {
        let d = self.defaults.as_ref()?.get::<TupleObj>()?;
        let first_default = self.argcount.checked_sub(d.len())?;
        d.items().get(k.checked_sub(first_default)?).cloned()
    }
}

/// What the frame of an exact-arguments call needs from its function
/// (see [`exact_args_call`]).
pub(crate) struct ExactCall {
    code_obj: FrozenRef<CodeObj>,
    globals: ObjRef,
    builtins: ObjRef,
}

impl ExactCall {
    /// The frame's slot count: its variables (such code has no cells).
    #[inline(always)]
    fn nlocals(&self) -> usize {
        self.code_obj.code.varnames.len()
    }
}

/// CPython's `CALL_PY_EXACT_ARGS`: `func` is a plain Python function whose
/// code takes exactly `given` positional arguments and needs nothing else
/// ([`CodeObj::exact_args`]), so the call only moves them into the first
/// slots. None: take [`simple_call`]'s path.
#[inline(always)]
fn exact_args_call(func: &ObjRef, given: usize) -> Option<ExactCall> {
    let f = func.borrow::<FunctionObj>()?;
    if f.code.get::<CodeObj>()?.exact_args as usize != given {
        return None;
    }
    Some(ExactCall {
        code_obj: FrozenRef::new(f.code.clone()).ok()?,
        globals: f.globals.clone(),
        builtins: f.builtins.clone(),
    })
}

#[inline(always)]
fn simple_call(func: &ObjRef, given: usize) -> Option<SimpleCall> {
    simple_call_of(func, given, false)
}

/// [`simple_call`], generator code included when `generator` (for
/// [`Vm::make_generator`]).
#[inline(always)]
pub(crate) fn simple_call_of(func: &ObjRef, given: usize, generator: bool) -> Option<SimpleCall> {
    let f = func.borrow::<FunctionObj>()?;
    let cobj = f.code.get::<CodeObj>()?;
    let code = &cobj.code;
    if code.flags & (code_flags::VARARGS | code_flags::VARKEYWORDS) != 0
        || code.kwonlyargcount != 0
        || code.is_generator_like() != generator
    {
        return None;
    }
    let argcount = code.argcount as usize;
    let ndefaults = f
        .defaults
        .as_ref()
        .and_then(|d| d.get::<TupleObj>())
        .map_or(0, |t| t.len());
    if given > argcount || given + ndefaults < argcount {
        return None;
    }
    let ncells = code.cellvars.len() + code.freevars.len();
    Some(SimpleCall {
        code_obj: FrozenRef::new(f.code.clone()).ok()?,
        globals: f.globals.clone(),
        builtins: f.builtins.clone(),
        defaults: if given < argcount {
            f.defaults.clone()
        } else {
            None
        },
        closure: if ncells != 0 { f.closure.clone() } else { None },
        argcount,
        nlocals: code.varnames.len() + ncells,
        has_cells: ncells != 0,
    })
}

/// `LOAD_GLOBAL` through its cache: the value at the cached entry if the
/// dicts' keys have not changed since it was recorded.
#[inline]
fn global_cached(
    globals: &ObjRef,
    builtins: &ObjRef,
    name: &ObjRef,
    c: ouro_heap::GlobalCache,
) -> Option<ObjRef> {
    if c.globals_version == 0 {
        return None;
    }
    let g = globals.borrow::<DictObj>()?;
    if g.table.current_version() != c.globals_version {
        return None;
    }
    let d = if c.builtins_version == 0 {
        g
    } else {
        drop(g);
        let b = builtins.borrow::<DictObj>()?;
        if b.table.current_version() != c.builtins_version {
            return None;
        }
        b
    };
    let e = d.table.entry(c.pos as usize)?;
    e.key.is(name).then(|| e.value.clone())
}

impl Vm {
    /// `LOAD_GLOBAL` by lookup; records where the name was found.
    fn load_global_slow(
        &self,
        globals: &ObjRef,
        builtins: &ObjRef,
        name: &ObjRef,
        cache: &std::cell::Cell<ouro_heap::GlobalCache>,
    ) -> Option<ObjRef> {
        let interned = name.has_flag(flags::F_INTERNED);
        if let Some((pos, v)) = self.dict_find_str(globals, name) {
            if interned {
                if let Some(g) = globals.borrow::<DictObj>() {
                    cache.set(ouro_heap::GlobalCache {
                        globals_version: g.table.keys_version(),
                        builtins_version: 0,
                        pos: pos as u32,
                    });
                }
            }
            return Some(v);
        }
        let (pos, v) = self.dict_find_str(builtins, name)?;
        if interned {
            let g = globals.borrow::<DictObj>();
            let b = builtins.borrow::<DictObj>();
            if let (Some(g), Some(b)) = (g, b) {
                cache.set(ouro_heap::GlobalCache {
                    globals_version: g.table.keys_version(),
                    builtins_version: b.table.keys_version(),
                    pos: pos as u32,
                });
            }
        }
        Some(v)
    }
}

/// Marks a finalized object and releases the queue's reference. Objects
/// that its teardown finalizes run next, before the rest of the queue (as
/// CPython's depth-first deallocation would run them).
fn finish_finalizer(obj: ObjRef) {
    obj.set_flag(flags::F_FINALIZED, true);
    release_event(obj);
}

thread_local! {
    /// Mirror of the VM's innermost finalizer floor, restored after a
    /// finished finalizer's teardown.
    static FLOOR: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Vm {
    fn push_fin_floor(&mut self, floor: usize) {
        self.fin_floors.push(floor);
        FLOOR.with(|f| f.set(floor));
        heap::set_finalizer_floor(floor);
    }

    fn pop_fin_floor(&mut self) {
        self.fin_floors.pop();
        let floor = self.fin_floors.last().copied().unwrap_or(0);
        FLOOR.with(|f| f.set(floor));
        heap::set_finalizer_floor(floor);
    }
}

#[derive(Clone, Copy)]
pub(crate) enum UnaryKind {
    Neg,
    Pos,
    Invert,
}

/// Where a compare's result `t` sends the loop when the instruction at
/// `ip` is a conditional jump on it (which then never sees the bool): its
/// target or the instruction after it. None if it is anything else.
#[inline(always)]
fn jump_on(instrs: &[Instr], ip: usize, t: bool) -> Option<usize> {
    match instrs.get(ip) {
        Some(&Instr::PopJumpIfFalse(target)) => Some(if t { ip + 1 } else { target as usize }),
        Some(&Instr::PopJumpIfTrue(target)) => Some(if t { target as usize } else { ip + 1 }),
        _ => None,
    }
}

/// `len(o)` of a builtin str, tuple, list or dict (not a subclass, which
/// may define `__len__`); None for anything else.
#[inline(always)]
fn exact_len(o: &ObjRef) -> Option<usize> {
    if Vm::is_heap_class_of(o) {
        return None;
    }
    Some(match o.kind() {
        Kind::Str => o.get::<ouro_heap::StrObj>()?.char_len(),
        Kind::Tuple => o.get::<TupleObj>()?.len(),
        Kind::List => o.borrow::<ListObj>()?.items.len(),
        Kind::Dict => o.borrow::<DictObj>()?.table.len(),
        _ => return None,
    })
}

/// Float arithmetic that does not raise; None defers to the general path
/// (division by zero, `//`, `%`, a `**` that raises or gives a complex,
/// and the rest).
#[inline(always)]
fn fast_float_op(op: BinOp, a: f64, b: f64) -> Option<f64> {
    match op {
        BinOp::Add | BinOp::InplaceAdd => Some(a + b),
        BinOp::Subtract | BinOp::InplaceSubtract => Some(a - b),
        BinOp::Multiply | BinOp::InplaceMultiply => Some(a * b),
        BinOp::TrueDivide | BinOp::InplaceTrueDivide if b != 0.0 => Some(a / b),
        // float_pow's result; its errors (and complex results) are raised
        // by the general path.
        BinOp::Power | BinOp::InplacePower => ouro_algo::float::pow(a, b).ok(),
        _ => None,
    }
}

/// A comparison of two ints or two floats (IEEE for floats, as CPython's
/// `float_richcompare`: every comparison with a NaN is false except `!=`).
#[inline(always)]
fn compare<N: PartialOrd>(op: ouro_bytecode::CmpOp, a: N, b: N) -> bool {
    use ouro_bytecode::CmpOp::*;
    match op {
        Lt => a < b,
        Le => a <= b,
        Eq => a == b,
        Ne => a != b,
        Gt => a > b,
        Ge => a >= b,
    }
}

#[allow(dead_code)]
fn _assert_types() {
    let _ = DictObj {
        table: Default::default(),
    };
    let _: Option<&TypeObj> = None;
}
