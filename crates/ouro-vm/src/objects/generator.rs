//! Generators and coroutines (PEP 255, 342, 380, 479, 492), as CPython
//! 3.11 runs them.
//!
//! Calling a generator function binds its arguments in a frame as usual,
//! then moves the frame's slots out of the VM's stacks into buffers of a
//! [`GenObj`]: the generator owns its locals and its value stack while it
//! is suspended (so the collector sees them through it, and dropping it
//! releases them). The frame itself moves with them, so resuming and
//! suspending change no reference count. Resuming makes the generator's
//! buffers the VM's `locals` and `stack` and sets the caller's aside
//! (invariant SEGMENTS in `interp`), so the frame runs in place: from
//! `FOR_ITER` and `SEND` under a frame of kind `GenInline`, in the caller's
//! run of the loop (as 3.12's `FOR_ITER_GEN`); from Rust (`next()`, `send`)
//! under a frame of kind `Generator`, running the loop nested (as 3.11's
//! `gen_send_ex` calls the evaluator); until `YIELD_VALUE` hands the
//! buffers back or the frame returns or raises.
//!
//! Differences from CPython: the `Frame` record (code, position, globals)
//! moves between the generator and the frame stack at each resume and
//! yield (CPython's lives in the generator); `gi_frame` is not exposed
//! (None).

use ouro_bytecode::{code_flags, Instr};
use ouro_heap::{flags, tflags, CodeObj, ExceptionObj, FunctionObj, Kind, NativePayload, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::interp::{Frame, FrameKind, Segment, SimpleCall};
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// Where a generator is in its life (CPython's `gi_frame_state`, coarsely).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum GenState {
    /// Made, not started: the frame is at its first instruction.
    Created,
    /// Stopped at a `yield`.
    Suspended,
    /// On the VM's frame stack now.
    Running,
    /// Returned, raised, or closed: nothing left to run.
    Closed,
}

/// A generator or coroutine.
pub struct GenObj {
    pub coro: bool,
    /// An async generator (`async def` with `yield`).
    pub asyncgen: bool,
    pub state: GenState,
    /// `gi_code`.
    pub code_obj: ObjRef,
    pub name: ObjRef,
    pub qualname: ObjRef,
    /// The frame (its code, globals, builtins, function, position and frame
    /// object) while the generator is not running: moved onto the VM's
    /// frame stack when it resumes and back when it yields, so a resume
    /// changes no reference count. None while running and once the frame
    /// has ended.
    pub(crate) frame: Option<Frame>,
    /// The buffers of the frame's slots (`co_varnames`, cells, free
    /// variables) and value stack, held here while the generator is not
    /// running; while it runs they are the VM's `locals` and `stack`, and
    /// these are empty vectors with no allocation.
    pub locals: Vec<Option<ObjRef>>,
    pub stack: Vec<ObjRef>,
    /// The exception the generator's own code is handling (its
    /// `gi_exc_state`), kept across a yield inside an `except` block.
    pub exc: Option<ObjRef>,
}

/// What [`Vm::take_gen_frame`] found.
enum Taken<R> {
    /// The frame was moved onto the frame stack, in a segment of its own
    /// (its buffers and handled exception are the VM's); what `accept`
    /// said.
    Frame(R),
    /// The frame stack is full (RecursionError); nothing was changed.
    AtLimit,
    /// Not in a state to be resumed here; nothing was changed.
    Refused,
}

impl GenObj {
    /// The next instruction of the saved frame.
    fn ip(&self) -> Option<usize> {
        self.frame.as_ref().map(|f| f.ip)
    }
}

impl NativePayload for GenObj {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        let frame = self.frame.take();
        if let Some(f) = &frame {
            out.extend(f.frame_obj.clone());
        }
        out.extend(self.exc.take());
        while let Some(v) = self.stack.pop() {
            out.push(v);
        }
        while let Some(v) = self.locals.pop() {
            out.extend(v);
        }
        out.push(self.qualname.clone());
        out.push(self.name.clone());
        if let Some(f) = frame {
            out.push(f.builtins);
            out.push(f.globals);
            out.extend(f.func);
            out.extend(f.namespace);
            out.push(f.code_obj.into_obj());
        }
        out.push(self.code_obj.clone());
    }

    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.code_obj);
        if let Some(f) = &self.frame {
            visit(f.code_obj.obj());
            if let Some(func) = &f.func {
                visit(func);
            }
            visit(&f.globals);
            visit(&f.builtins);
            if let Some(ns) = &f.namespace {
                visit(ns);
            }
        }
        visit(&self.name);
        visit(&self.qualname);
        for v in self.locals.iter().flatten() {
            visit(v);
        }
        for v in &self.stack {
            visit(v);
        }
        if let Some(e) = &self.exc {
            visit(e);
        }
        if let Some(fo) = self.frame.as_ref().and_then(|f| f.frame_obj.as_ref()) {
            visit(fo);
        }
    }

    fn heap_size(&self) -> usize {
        (self.locals.capacity() + self.stack.capacity()) * std::mem::size_of::<ObjRef>()
    }
}

/// What a resumed generator did.
pub(crate) enum GenOut {
    /// It yielded this value and is suspended.
    Yield(ObjRef),
    /// It returned this value and is closed.
    Return(ObjRef),
}

impl Vm {
    /// A generator, coroutine or async generator (a `GenObj`): by its exact
    /// type, as none of the three can be subclassed.
    #[inline]
    pub(crate) fn is_generator(&self, o: &ObjRef) -> bool {
        o.class_is(self.ty(T::Generator))
            || o.class_is(self.ty(T::Coroutine))
            || o.class_is(self.ty(T::AsyncGenerator))
    }

    /// A coroutine object: exactly of the coroutine type (`make_generator`
    /// gives each kind of frame its own type).
    #[inline]
    pub(crate) fn gen_is_coro(&self, o: &ObjRef) -> bool {
        o.class_is(self.ty(T::Coroutine))
    }

    /// An async generator object, by its exact type.
    #[inline]
    pub(crate) fn gen_is_async(&self, o: &ObjRef) -> bool {
        o.class_is(self.ty(T::AsyncGenerator))
    }

    /// "generator", "coroutine" or "async generator", for messages.
    fn gen_what(o: &ObjRef) -> &'static str {
        match Vm::with_native::<GenObj, _>(o, |g| (g.coro, g.asyncgen)) {
            Some((true, _)) => "coroutine",
            Some((_, true)) => "async generator",
            _ => "generator",
        }
    }

    #[inline]
    pub(crate) fn gen_state(o: &ObjRef) -> GenState {
        Vm::with_native::<GenObj, _>(o, |g| g.state).unwrap_or(GenState::Closed)
    }

    fn set_gen_state(o: &ObjRef, s: GenState) {
        Vm::with_native_mut::<GenObj, _>(o, |g| g.state = s);
        if s == GenState::Closed {
            o.set_flag(flags::F_NO_FINALIZER, true);
        }
    }

    /// Calls generator function `func`: binds the arguments in a frame and
    /// keeps the frame, unstarted, in a new generator or coroutine.
    pub(crate) fn make_generator(
        &mut self,
        func: &ObjRef,
        mut args: Vec<ObjRef>,
        kwnames: Option<&ObjRef>,
    ) -> PyResult<ObjRef> {
        let simple = match kwnames {
            None => crate::interp::simple_call_of(func, args.len(), true).filter(|c| !c.has_cells),
            Some(_) => None,
        };
        let (frame, locals, stack) = if let Some(call) = simple {
            // Plain positional parameters: the arguments become the
            // slots directly, with no frame pushed and popped to bind
            // them.
            let (mut locals, stack) = self.spare_segment_buffers();
            locals.reserve(call.nlocals);
            locals.extend(args.drain(..).map(Some));
            crate::natives::recycle_arg_vec(args);
            let frame = simple_gen_frame(func, call, &mut locals);
            (frame, locals, stack)
        } else {
            self.push_function_frame_any(func, args, kwnames, FrameKind::Normal { held: 0 }, None)?;
            match self.pop_frame_keep() {
                Some(kept) => kept,
                None => return Err(self.internal_error("generator without frame")),
            }
        };
        self.new_generator(func, frame, locals, stack)
    }

    /// `CALL` of generator function `func` with plain positional
    /// parameters (`call`), its arguments on the value stack: they move
    /// from the stack into the new generator's slots (after `first`, a
    /// bound self), with no argument vector, and the callable's entries
    /// from `callable_pos` leave the stack.
    pub(crate) fn generator_from_stack(
        &mut self,
        func: &ObjRef,
        call: SimpleCall,
        first: Option<ObjRef>,
        nargs: usize,
        callable_pos: usize,
    ) -> PyResult<ObjRef> {
        let (mut locals, stack) = self.spare_segment_buffers();
        locals.reserve(call.nlocals);
        locals.extend(first.map(Some));
        let start = self.stack.len() - nargs;
        locals.extend(self.stack.drain(start..).map(Some));
        self.release_to(callable_pos);
        let frame = simple_gen_frame(func, call, &mut locals);
        self.new_generator(func, frame, locals, stack)
    }

    /// A new generator, coroutine or async generator (as its code says)
    /// that keeps `frame`, unstarted, with its slots and stack buffers.
    fn new_generator(
        &mut self,
        func: &ObjRef,
        frame: Frame,
        locals: Vec<Option<ObjRef>>,
        mut stack: Vec<ObjRef>,
    ) -> PyResult<ObjRef> {
        let (name, qualname) = match func.borrow::<FunctionObj>() {
            Some(f) => (f.name.clone(), f.qualname.clone()),
            None => return Err(self.internal_error("not a function")),
        };
        // The value stack the frame will run on, at its full depth now
        // rather than grown on the first resume.
        stack.reserve(frame.code().stacksize as usize);
        let flags = frame.code().flags;
        let g = GenObj {
            coro: flags & code_flags::COROUTINE != 0,
            asyncgen: flags & code_flags::ASYNC_GENERATOR != 0,
            state: GenState::Created,
            code_obj: frame.code_obj.obj().clone(),
            name,
            qualname,
            frame: Some(frame),
            locals,
            stack,
            exc: None,
        };
        let (coro, asyncgen) = (g.coro, g.asyncgen);
        let t = if coro {
            T::Coroutine
        } else if asyncgen {
            T::AsyncGenerator
        } else {
            T::Generator
        };
        let g = self.new_native(t, g)?;
        // An unstarted generator needs no finalizer call; an unstarted
        // coroutine does (the "never awaited" warning).
        if !coro {
            g.set_flag(flags::F_NO_FINALIZER, true);
        }
        Ok(g)
    }

    /// `YIELD_VALUE` in the innermost frame, a generator's: its slot and
    /// stack buffers go back to the generator with the frame itself, the
    /// generator is suspended, and the caller's handled exception is
    /// current again (the generator keeps its own). Gives back the
    /// generator if the frame was resumed in the same run of the loop
    /// (`GenInline`), which then goes on in the caller.
    pub(crate) fn suspend_generator(&mut self) -> PyResult<Option<ObjRef>> {
        if !matches!(
            self.frames.last().map(|f| &f.kind),
            Some(FrameKind::Generator(_) | FrameKind::GenInline { .. })
        ) {
            return Err(self.internal_error("yield outside a generator frame"));
        }
        if self.tracer.is_some() {
            self.trace_frame("frame_pop");
        }
        let Some(top) = self.frames.last_mut() else {
            return Err(self.internal_error("yield without frame"));
        };
        // The saved frame must not own its generator.
        let (gen, inline) = match std::mem::replace(&mut top.kind, FrameKind::Normal { held: 0 }) {
            FrameKind::GenInline { gen, .. } => (gen, true),
            FrameKind::Generator(gen) => (gen, false),
            _ => return Err(self.internal_error("yield outside a generator frame")),
        };
        let Some(caller) = self.segments.pop() else {
            return Err(self.internal_error("generator frame without a segment"));
        };
        let own = std::mem::replace(&mut self.handled, caller.handled);
        let (vm_locals, vm_stack, vm_frames) =
            (&mut self.locals, &mut self.stack, &mut self.frames);
        // The generator's frame is the innermost of its segment (SEGMENTS):
        // the VM's buffers hold its slots and stack, and nothing else. They
        // go back to the generator whole, the caller's come back, and the
        // frame moves once, from the frame stack.
        Vm::with_native_mut::<GenObj, _>(&gen, |g| {
            // The generator's fields hold the empty vectors left at the
            // resume: swapped, not dropped.
            let stack = std::mem::replace(vm_stack, caller.stack);
            discard_empty(std::mem::replace(&mut g.stack, stack));
            let locals = std::mem::replace(vm_locals, caller.locals);
            discard_empty(std::mem::replace(&mut g.locals, locals));
            g.frame = vm_frames.pop();
            g.exc = own;
            g.state = GenState::Suspended;
        });
        self.trace_back_in_caller();
        // Freed while suspended, it must be closed first.
        gen.set_flag(flags::F_NO_FINALIZER, false);
        if inline {
            Ok(Some(gen))
        } else {
            self.gen_yielded = true;
            Ok(None)
        }
    }

    /// Resumes `gen` with `value` sent in (None for `__next__`), or with
    /// `exc` raised at its `yield` (`throw`). CPython's `gen_send_ex2`.
    pub(crate) fn gen_resume(
        &mut self,
        gen: &ObjRef,
        value: Option<ObjRef>,
        exc: Option<ObjRef>,
    ) -> PyResult<GenOut> {
        // The common case, a generator that can run, is entered with one
        // access to it; any other state answers in `gen_not_resumed`.
        let sending_none = value.as_ref().is_none_or(|v| v.is(&self.none));
        let throwing = exc.is_some();
        let taken = self.take_gen_frame(gen, |state| match state {
            GenState::Suspended => Some(true),
            GenState::Created if sending_none && !throwing => Some(false),
            _ => None,
        });
        let started = match taken {
            Taken::Frame(started) => {
                self.enter_gen_frame(FrameKind::Generator(gen.clone()));
                started
            }
            Taken::AtLimit => return Err(self.recursion_error()),
            Taken::Refused => return self.gen_not_resumed(gen, exc),
        };
        let r = match exc {
            Some(e) => match self.handle_error(PyErr(e), true) {
                // Caught inside: the generator runs on from its handler.
                Ok(()) => self.run_entry(),
                Err(e) => Err(e),
            },
            None => {
                if started {
                    self.stack.push(value.unwrap_or_else(|| self.none.clone()));
                }
                self.run_entry()
            }
        };
        let yielded = std::mem::take(&mut self.gen_yielded);
        match r {
            // `suspend_generator` did the leaving.
            Ok(v) if yielded => Ok(GenOut::Yield(v)),
            Ok(v) => {
                self.gen_ended(gen);
                Ok(GenOut::Return(v))
            }
            Err(e) => {
                self.gen_ended(gen);
                let e = self.gen_raised(gen, e);
                // Back in Rust, as if from a nested run of the loop.
                e.0.set_flag(flags::F_RAISED, true);
                Err(e)
            }
        }
    }

    /// [`Vm::gen_resume`] of a generator that cannot run now: running,
    /// closed, or new and thrown into or sent a value other than None.
    fn gen_not_resumed(&mut self, gen: &ObjRef, exc: Option<ObjRef>) -> PyResult<GenOut> {
        let Some((coro, asyncgen, state)) =
            Vm::with_native::<GenObj, _>(gen, |g| (g.coro, g.asyncgen, g.state))
        else {
            return Err(self.internal_error("not a generator"));
        };
        let what = match (coro, asyncgen) {
            (true, _) => "coroutine",
            (_, true) => "async generator",
            _ => "generator",
        };
        match state {
            GenState::Running => Err(self.value_error(format!("{what} already executing"))),
            GenState::Closed => {
                if let Some(e) = exc {
                    return Err(PyErr(e));
                }
                if coro {
                    return Err(
                        self.new_exc(T::RuntimeError, "cannot reuse already awaited coroutine")
                    );
                }
                Ok(GenOut::Return(self.none.clone()))
            }
            GenState::Created => {
                if let Some(e) = exc {
                    // Nothing ran yet: the exception leaves at once.
                    Vm::set_gen_state(gen, GenState::Closed);
                    return Err(PyErr(e));
                }
                Err(self.type_error(format!(
                    "can't send non-None value to a just-started {what}"
                )))
            }
            GenState::Suspended => Err(self.internal_error("generator without frame")),
        }
    }

    /// `FOR_ITER` (`send` false) or `SEND` on `gen`: resumes it in this run
    /// of the loop, under a `GenInline` frame that goes on at `exit` when
    /// it ends, if it is a generator (for `SEND`, a coroutine too) that is
    /// new or suspended, where a new one can only be sent None
    /// (`sending_none`). Some(true) if it was suspended (the value sent in
    /// is then to be pushed for its `yield`), Some(false) if new, None if
    /// it is not resumed here (the caller's general path).
    pub(crate) fn enter_inline(
        &mut self,
        gen: &ObjRef,
        exit: u32,
        send: bool,
        sending_none: bool,
    ) -> PyResult<Option<bool>> {
        if !(gen.class_is(self.ty(T::Generator)) || send && self.gen_is_coro(gen)) {
            return Ok(None);
        }
        let taken = self.take_gen_frame(gen, |state| match state {
            GenState::Suspended => Some(true),
            GenState::Created if sending_none => Some(false),
            _ => None,
        });
        match taken {
            Taken::Frame(started) => {
                let kind = FrameKind::GenInline {
                    gen: gen.clone(),
                    exit,
                    send,
                };
                self.enter_gen_frame(kind);
                Ok(Some(started))
            }
            Taken::AtLimit => Err(self.recursion_error()),
            Taken::Refused => Ok(None),
        }
    }

    /// The saved frame of `gen` moved onto the frame stack, its slot and
    /// stack buffers and its handled exception made the VM's and the
    /// caller's set aside (SEGMENTS), the generator running, if `accept`
    /// takes its state and the frame stack has room; one access to the
    /// generator does it all, and the frame is moved once.
    /// [`Vm::enter_gen_frame`] finishes the entry.
    #[inline(always)]
    fn take_gen_frame<R>(
        &mut self,
        gen: &ObjRef,
        accept: impl FnOnce(GenState) -> Option<R>,
    ) -> Taken<R> {
        let at_limit = self.frames.len() >= self.recursion_limit;
        self.note_caller_position();
        // The generator's buffers become the VM's for as long as its frame
        // runs, the caller's are set aside (SEGMENTS).
        let (vm_locals, vm_stack, vm_frames, vm_handled, segments) = (
            &mut self.locals,
            &mut self.stack,
            &mut self.frames,
            &mut self.handled,
            &mut self.segments,
        );
        let taken = Vm::with_native_mut::<GenObj, _>(gen, |g| {
            let Some(r) = accept(g.state) else {
                return Taken::Refused;
            };
            if at_limit {
                return Taken::AtLimit;
            }
            let Some(frame) = g.frame.take() else {
                return Taken::Refused;
            };
            vm_frames.push(frame);
            g.state = GenState::Running;
            segments.push(Segment {
                locals: std::mem::replace(vm_locals, std::mem::take(&mut g.locals)),
                stack: std::mem::replace(vm_stack, std::mem::take(&mut g.stack)),
                handled: std::mem::replace(vm_handled, g.exc.take()),
            });
            Taken::Frame(r)
        });
        taken.unwrap_or(Taken::Refused)
    }

    /// Makes the generator frame [`Vm::take_gen_frame`] put on top a
    /// frame of `kind`.
    #[inline(always)]
    fn enter_gen_frame(&mut self, kind: FrameKind) {
        if let Some(f) = self.frames.last_mut() {
            // A saved frame's kind is `Normal`, which owns nothing.
            match std::mem::replace(&mut f.kind, kind) {
                FrameKind::Normal { .. } => {}
                other => drop(other),
            }
        }
        if self.tracer.is_some() {
            self.trace_frame("frame_push");
        }
    }

    /// After the frame of `gen` ended (returned or raised, and the caller's
    /// segment with its handled exception came back): the generator is
    /// closed.
    pub(crate) fn gen_ended(&mut self, gen: &ObjRef) {
        Vm::set_gen_state(gen, GenState::Closed);
    }

    /// The exception that leaves the frame of `gen` (after
    /// [`Vm::gen_ended`]): PEP 479 turns a `StopIteration` (in an async
    /// generator, a `StopAsyncIteration` too) into a `RuntimeError`, as
    /// it would otherwise end the loop consuming the generator silently.
    pub(crate) fn gen_raised(&mut self, gen: &ObjRef, e: PyErr) -> PyErr {
        let asyncgen = self.gen_is_async(gen);
        let stop_async = asyncgen && self.err_is(&e, T::StopAsyncIteration);
        if !(self.err_is(&e, T::StopIteration) || stop_async) {
            return e;
        }
        let which = if stop_async {
            "StopAsyncIteration"
        } else {
            "StopIteration"
        };
        let msg = format!("{} raised {which}", Vm::gen_what(gen));
        let new = self.new_exc(T::RuntimeError, msg);
        if let Some(mut x) = new.0.borrow_mut::<ExceptionObj>() {
            x.cause = Some(e.0.clone());
            x.context = Some(e.0.clone());
            x.suppress_context = true;
        }
        new
    }

    /// `next(gen)` for the loop: None when it returns.
    pub(crate) fn gen_next(&mut self, gen: &ObjRef) -> PyResult<Option<ObjRef>> {
        match self.gen_resume(gen, None, None)? {
            GenOut::Yield(v) => Ok(Some(v)),
            GenOut::Return(_) => Ok(None),
        }
    }

    /// The `StopIteration` that ends a generator returning `v` (made by
    /// calling the class, so `value` is set as `StopIteration(v)` sets it).
    pub(crate) fn stop_iteration(&mut self, v: ObjRef) -> PyErr {
        let ty = self.ty(T::StopIteration).clone();
        let args = if v.is(&self.none) {
            Vec::new()
        } else {
            vec![v]
        };
        match self.call(&ty, args) {
            Ok(e) => PyErr(e),
            Err(e) => e,
        }
    }

    /// The value a `StopIteration` carries.
    pub(crate) fn stop_iteration_value(&mut self, e: &ObjRef) -> ObjRef {
        match self.getattr_str(e, "value") {
            Ok(v) => v,
            Err(_) => self.none.clone(),
        }
    }

    /// The iterator a suspended generator is delegating to with `yield from`
    /// or `await` (`gi_yieldfrom`): it is suspended in the compiler's
    /// `SEND; YIELD_VALUE; JUMP` loop, with the receiver on its stack.
    fn gen_yield_from(gen: &ObjRef) -> Option<(ObjRef, usize)> {
        Vm::with_native::<GenObj, _>(gen, |g| {
            if g.state != GenState::Suspended {
                return None;
            }
            let code = g.code_obj.get::<CodeObj>()?;
            let Some(Instr::Jump(t)) = code.code.instructions.get(g.ip()?).copied() else {
                return None;
            };
            let Some(Instr::Send(exit)) = code.code.instructions.get(t as usize).copied() else {
                return None;
            };
            g.stack.last().map(|r| (r.clone(), exit as usize))
        })
        .flatten()
    }

    /// `gen.throw(exc)`: delegated to the iterator of a `yield from` first,
    /// as CPython's `_gen_throw`.
    pub(crate) fn gen_throw(&mut self, gen: &ObjRef, exc: ObjRef) -> PyResult<GenOut> {
        if let Some((yf, exit)) = Vm::gen_yield_from(gen) {
            if self.is_instance_of(&exc, T::GeneratorExit) {
                // Close the delegate first; what its closing raises is
                // thrown in instead.
                Vm::set_gen_state(gen, GenState::Running);
                let r = self.close_iter(&yf);
                Vm::set_gen_state(gen, GenState::Suspended);
                let exc = match r {
                    Ok(()) => exc,
                    Err(e) => e.0,
                };
                return self.gen_resume(gen, None, Some(exc));
            }
            Vm::set_gen_state(gen, GenState::Running);
            let r = if self.is_generator(&yf) {
                self.gen_throw(&yf, exc.clone())
            } else {
                match self.getattr_str(&yf, "throw") {
                    Ok(f) => match self.call(&f, vec![exc.clone()]) {
                        Ok(v) => Ok(GenOut::Yield(v)),
                        Err(e) if self.err_is(&e, T::StopIteration) => {
                            let v = self.stop_iteration_value(&e.0);
                            Ok(GenOut::Return(v))
                        }
                        Err(e) => Err(e),
                    },
                    Err(e) if self.err_is(&e, T::AttributeError) => {
                        Vm::set_gen_state(gen, GenState::Suspended);
                        return self.gen_resume(gen, None, Some(exc));
                    }
                    Err(e) => Err(e),
                }
            };
            Vm::set_gen_state(gen, GenState::Suspended);
            return match r {
                Ok(GenOut::Yield(v)) => Ok(GenOut::Yield(v)),
                Ok(GenOut::Return(v)) => {
                    // The delegate finished: its value is the result of the
                    // `yield from`, which continues past the loop.
                    Vm::with_native_mut::<GenObj, _>(gen, |g| {
                        let recv = g.stack.pop();
                        drop(recv);
                        if let Some(f) = g.frame.as_mut() {
                            f.ip = exit;
                        }
                    });
                    self.gen_resume(gen, Some(v), None)
                }
                Err(e) => self.gen_resume(gen, None, Some(e.0)),
            };
        }
        self.gen_resume(gen, None, Some(exc))
    }

    /// `gen.close()`.
    pub(crate) fn gen_close(&mut self, gen: &ObjRef) -> PyResult<()> {
        match Vm::gen_state(gen) {
            GenState::Created => {
                Vm::set_gen_state(gen, GenState::Closed);
                return Ok(());
            }
            GenState::Closed => return Ok(()),
            GenState::Running | GenState::Suspended => {}
        }
        if self.gen_close_unprotected(gen) {
            return Ok(());
        }
        let exit = self.new_exc_empty(T::GeneratorExit).0;
        match self.gen_throw(gen, exit) {
            Ok(GenOut::Yield(v)) => {
                drop(v);
                let what = Vm::gen_what(gen);
                Err(self.new_exc(T::RuntimeError, format!("{what} ignored GeneratorExit")))
            }
            Ok(GenOut::Return(_)) => Ok(()),
            Err(e) if self.err_is(&e, T::GeneratorExit) || self.err_is(&e, T::StopIteration) => {
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Closes a generator suspended at a `yield` that no `try`, `with` or
    /// `yield from` protects: GeneratorExit would leave its frame at once,
    /// running no code, so the frame is released as that unwinding would
    /// release it (value stack top first, then the slots in order) without
    /// raising anything. False if the generator needs the real throw.
    fn gen_close_unprotected(&mut self, gen: &ObjRef) -> bool {
        let taken = Vm::with_native_mut::<GenObj, _>(gen, |g| {
            let ip = g.ip()?;
            let has_frame_obj = g.frame.as_ref().is_some_and(|f| f.frame_obj.is_some());
            if g.state != GenState::Suspended || has_frame_obj || g.coro || g.asyncgen {
                return None;
            }
            let code = g.code_obj.get::<CodeObj>()?;
            let at = ip.checked_sub(1)?;
            if !matches!(code.code.instructions.get(at), Some(Instr::YieldValue))
                || code.code.handler_for(at).is_some()
                || matches!(code.code.instructions.get(ip), Some(Instr::Jump(_)))
            {
                return None;
            }
            g.state = GenState::Closed;
            Some((
                std::mem::take(&mut g.stack),
                std::mem::take(&mut g.locals),
                g.exc.take(),
            ))
        })
        .flatten();
        let Some((mut stack, mut locals, exc)) = taken else {
            return false;
        };
        gen.set_flag(flags::F_NO_FINALIZER, true);
        while let Some(v) = stack.pop() {
            drop(v);
        }
        for slot in locals.iter_mut() {
            drop(slot.take());
        }
        drop(exc);
        true
    }

    /// Closes any iterator: generators directly, others by their `close`.
    fn close_iter(&mut self, it: &ObjRef) -> PyResult<()> {
        if self.is_generator(it) {
            return self.gen_close(it);
        }
        match self.getattr_str(it, "close") {
            Ok(f) => self.call(&f, Vec::new()).map(drop),
            Err(e) if self.err_is(&e, T::AttributeError) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// The finalizer of a generator that is freed or collected while
    /// suspended (CPython's `_PyGen_Finalize`): it is closed, so its
    /// `finally` blocks run; what that raises is reported, not raised.
    pub(crate) fn gen_finalize(&mut self, gen: &ObjRef) {
        if Vm::gen_state(gen) == GenState::Created && self.gen_is_coro(gen) {
            let q = Vm::with_native::<GenObj, _>(gen, |g| g.qualname.clone());
            if let Some(q) = q {
                let msg = format!("coroutine '{}' was never awaited", self.str_of(&q));
                self.warn_runtime(&msg);
            }
        }
        if Vm::gen_state(gen) != GenState::Suspended {
            Vm::set_gen_state(gen, GenState::Closed);
            return;
        }
        if let Err(e) = self.gen_close(gen) {
            let g = gen.clone();
            self.report_unraisable(&g, &e.0);
        }
    }

    /// A `RuntimeWarning` as the `warnings` module shows it by default: at
    /// the running line, once per location, with the hint about
    /// tracemalloc; `sys:1:` when no Python code runs (at exit).
    fn warn_runtime(&mut self, msg: &str) {
        let at = self.frames.last().map(|f| {
            let line = f.code().line_of(f.lasti).unwrap_or(f.code().firstlineno);
            (f.code().filename.to_string(), line)
        });
        let text = match at {
            Some((file, line)) => {
                if !self.warned.insert((file.clone(), line, msg.to_string())) {
                    return;
                }
                let mut t = format!("{file}:{line}: RuntimeWarning: {msg}\n");
                if let Some(src) = self.source_line(&file, line) {
                    t.push_str(&format!("  {}\n", src.trim()));
                }
                if self.tracemalloc.is_none() {
                    t.push_str(
                        "RuntimeWarning: Enable tracemalloc to get the object allocation traceback\n",
                    );
                }
                t
            }
            None => format!("sys:1: RuntimeWarning: {msg}\n"),
        };
        self.write_stderr(&text);
    }

    /// `SEND`: one step of `yield from` / `await` on `receiver`.
    pub(crate) fn send_to(&mut self, receiver: &ObjRef, v: ObjRef) -> PyResult<GenOut> {
        if self.is_generator(receiver) {
            return self.gen_resume(receiver, Some(v), None);
        }
        if v.is(&self.none) {
            // __next__ of a Python-visible iterator: its StopIteration's
            // value is the result (an asend awaitable ends that way).
            let next = self.names.next.clone();
            if let Some(f) = self.type_lookup(&receiver.class(), &next) {
                return match self.call(&f, vec![receiver.clone()]) {
                    Ok(y) => Ok(GenOut::Yield(y)),
                    Err(e) if self.err_is(&e, T::StopIteration) => {
                        let r = self.stop_iteration_value(&e.0);
                        Ok(GenOut::Return(r))
                    }
                    Err(e) => Err(e),
                };
            }
            return Ok(match self.next(receiver)? {
                Some(y) => GenOut::Yield(y),
                None => GenOut::Return(self.none.clone()),
            });
        }
        let send = self.getattr_str(receiver, "send")?;
        match self.call(&send, vec![v]) {
            Ok(y) => Ok(GenOut::Yield(y)),
            Err(e) if self.err_is(&e, T::StopIteration) => {
                let r = self.stop_iteration_value(&e.0);
                Ok(GenOut::Return(r))
            }
            Err(e) => Err(e),
        }
    }

    /// `GET_YIELD_FROM_ITER`.
    pub(crate) fn yield_from_iter(&mut self, o: ObjRef, in_coro: bool) -> PyResult<ObjRef> {
        if self.is_generator(&o) {
            if self.gen_is_coro(&o) && !in_coro {
                return Err(self.type_error(
                    "cannot 'yield from' a coroutine object in a non-coroutine generator",
                ));
            }
            return Ok(o);
        }
        self.iter(&o)
    }

    /// `GET_AWAITABLE`: the iterator an `await` drives.
    pub(crate) fn awaitable(&mut self, o: ObjRef) -> PyResult<ObjRef> {
        if self.gen_is_coro(&o) {
            if Vm::gen_yield_from(&o).is_some() {
                return Err(self.new_exc(T::RuntimeError, "coroutine is being awaited already"));
            }
            return Ok(o);
        }
        if o.class_is(self.ty(T::Generator)) {
            // A generator-based coroutine (types.coroutine) is awaitable
            // only if its code says so.
            let ok = Vm::with_native::<GenObj, _>(&o, |g| {
                g.code_obj
                    .get::<CodeObj>()
                    .is_some_and(|c| c.code.flags & code_flags::ITERABLE_COROUTINE != 0)
            })
            .unwrap_or(false);
            if ok {
                return Ok(o);
            }
        }
        let ty = o.class();
        let aw = self.intern("__await__")?;
        if let Some(f) = self.type_lookup(&ty, &aw) {
            let it = self.call(&f, vec![o])?;
            if self.gen_is_coro(&it) {
                return Err(self.type_error("__await__() returned a coroutine"));
            }
            let next = self.names.next.clone();
            let is_iter = self.is_generator(&it)
                || self.type_lookup(&it.class(), &next).is_some()
                || matches!(it.kind(), Kind::SeqIter | Kind::RangeIter | Kind::DictIter);
            if !is_iter {
                let tn = self.type_name_of(&it);
                return Err(
                    self.type_error(format!("__await__() returned non-iterator of type '{tn}'"))
                );
            }
            return Ok(it);
        }
        let tn = self.type_name_of(&o);
        Err(self.type_error(format!("object {tn} can't be used in 'await' expression")))
    }

    /// `<generator object f at 0x...>`.
    pub(crate) fn gen_repr(&mut self, o: &ObjRef) -> Option<String> {
        let q = Vm::with_native::<GenObj, _>(o, |g| g.qualname.clone())?;
        let what = Vm::gen_what(o).replace(' ', "_");
        Some(format!(
            "<{what} object {} at {:#x}>",
            self.str_of(&q),
            o.addr()
        ))
    }

    /// `gi_*` / `cr_*`, `__name__`, `__qualname__`.
    pub(crate) fn gen_getattr(&mut self, o: &ObjRef, name: &str) -> PyResult<Option<ObjRef>> {
        let Some((coro, asyncgen, state, code, n, q)) = Vm::with_native::<GenObj, _>(o, |g| {
            (
                g.coro,
                g.asyncgen,
                g.state,
                g.code_obj.clone(),
                g.name.clone(),
                g.qualname.clone(),
            )
        }) else {
            return Ok(None);
        };
        let p = if coro {
            "cr_"
        } else if asyncgen {
            "ag_"
        } else {
            "gi_"
        };
        let Some(attr) = name.strip_prefix(p).or(match name {
            "__name__" | "__qualname__" => Some(name),
            _ => None,
        }) else {
            return Ok(None);
        };
        Ok(match attr {
            "__name__" => Some(n),
            "__qualname__" => Some(q),
            "running" => Some(self.new_bool(state == GenState::Running)),
            "suspended" => Some(self.new_bool(state == GenState::Suspended)),
            "code" => Some(code),
            "frame" => Some(self.none.clone()),
            "yieldfrom" | "await" => {
                Some(Vm::gen_yield_from(o).map_or_else(|| self.none.clone(), |(r, _)| r))
            }
            _ => None,
        })
    }
}

fn this_gen(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(g) if vm.is_generator(g) => Ok(g.clone()),
        _ => Err(vm.type_error(format!("descriptor '{name}' requires a 'generator' object"))),
    }
}

fn gen_out(vm: &mut Vm, r: GenOut) -> PyResult<ObjRef> {
    match r {
        GenOut::Yield(v) => Ok(v),
        GenOut::Return(v) => Err(vm.stop_iteration(v)),
    }
}

fn gen_next_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let g = this_gen(vm, &args, "__next__")?;
    let r = vm.gen_resume(&g, None, None)?;
    gen_out(vm, r)
}

fn gen_iter_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this_gen(vm, &args, "__iter__")
}

fn gen_send_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "send")?;
    let g = this_gen(vm, &args, "send")?;
    let v = args.pos[1].clone();
    let r = vm.gen_resume(&g, Some(v), None)?;
    gen_out(vm, r)
}

/// `throw(value)` or the deprecated `throw(type[, value[, tb]])`.
fn gen_throw_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "throw")?;
    args.check(vm, "throw", 2, 4)?;
    let g = this_gen(vm, &args, "throw")?;
    let typ = args.pos[1].clone();
    let val = args.pos.get(2).cloned().filter(|v| !v.is(&vm.none));
    let exc = if typ.kind() == Kind::Type {
        let base = vm.ty(T::BaseException).clone();
        let is_exc = vm.is_subtype(&typ, &base);
        if !is_exc {
            return Err(vm.type_error(
                "exceptions must be classes or instances deriving from BaseException, not type",
            ));
        }
        match val {
            Some(v) if v.class_is(&typ) || vm.isinstance(&v, &typ) => v,
            Some(v) => vm.call(&typ, vec![v])?,
            None => vm.call(&typ, Vec::new())?,
        }
    } else if vm.is_instance_of(&typ, T::BaseException) {
        if val.is_some() {
            return Err(vm.type_error("instance exception may not have a separate value"));
        }
        typ
    } else {
        let tn = vm.type_name_of(&typ);
        return Err(vm.type_error(format!(
            "exceptions must be classes or instances deriving from BaseException, not {tn}"
        )));
    };
    let r = vm.gen_throw(&g, exc)?;
    gen_out(vm, r)
}

fn gen_close_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let g = this_gen(vm, &args, "close")?;
    vm.gen_close(&g)?;
    Ok(vm.none.clone())
}

/// `coroutine.__await__()`: the coroutine drives itself.
fn coro_await_m(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this_gen(vm, &args, "__await__")
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let common: &[(&'static str, NativeFn)] = &[
        ("send", gen_send_m),
        ("throw", gen_throw_m),
        ("close", gen_close_m),
    ];
    for t in [T::Generator, T::Coroutine] {
        for (name, f) in common {
            vm.add_method(t, name, *f)?;
        }
        // Suspended generators are closed when freed (tp_finalize).
        let ty = vm.ty(t).clone();
        ty.set_tflags(ty.tflags() | tflags::T_HAS_DEL);
    }
    vm.add_method(T::Generator, "__next__", gen_next_m)?;
    vm.add_method(T::Generator, "__iter__", gen_iter_m)?;
    vm.add_method(T::Coroutine, "__await__", coro_await_m)?;
    install_async(vm)
}

impl Vm {
    /// `GET_AITER`: `o.__aiter__()`.
    pub(crate) fn get_aiter(&mut self, o: &ObjRef) -> PyResult<ObjRef> {
        let ty = o.class();
        let n = self.intern("__aiter__")?;
        let Some(f) = self.type_lookup(&ty, &n) else {
            let tn = self.type_name(&ty);
            return Err(self.type_error(format!(
                "'async for' requires an object with __aiter__ method, got {tn}"
            )));
        };
        let it = self.call(&f, vec![o.clone()])?;
        let an = self.intern("__anext__")?;
        if self.type_lookup(&it.class(), &an).is_none() {
            let tn = self.type_name_of(&it);
            return Err(self.type_error(format!(
                "'async for' received an object from __aiter__ that does not implement __anext__: {tn}"
            )));
        }
        Ok(it)
    }

    /// `GET_ANEXT`: the awaitable of `it.__anext__()`.
    pub(crate) fn get_anext(&mut self, it: &ObjRef) -> PyResult<ObjRef> {
        let ty = it.class();
        let n = self.intern("__anext__")?;
        let Some(f) = self.type_lookup(&ty, &n) else {
            let tn = self.type_name(&ty);
            return Err(self.type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {tn}"
            )));
        };
        let r = self.call(&f, vec![it.clone()])?;
        let rn = self.type_name_of(&r);
        match self.awaitable(r) {
            Err(e) if self.err_is(&e, T::TypeError) => Err(self.type_error(format!(
                "'async for' received an invalid object from __anext__: {rn}"
            ))),
            r => r,
        }
    }
}

// ------------------------------------------------------- async generators

/// What an async generator's `yield` gives its consumer, told apart from
/// what its awaits pass through to the event loop (CPython's
/// `_PyAsyncGenWrappedValue`).
pub struct AsyncGenWrapped {
    pub value: ObjRef,
}

impl NativePayload for AsyncGenWrapped {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        out.push(self.value.clone());
    }
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.value);
    }
}

/// What an `asend`/`athrow`/`aclose` awaitable does when driven.
enum AgOpKind {
    Send(ObjRef),
    Throw(ObjRef),
    Close,
}

/// The awaitable of `agen.asend(v)` (also `__anext__`), `agen.athrow(e)`
/// and `agen.aclose()`.
pub struct AsyncGenOp {
    gen: ObjRef,
    kind: AgOpKind,
    /// 0: not started, 1: iterating, 2: done.
    state: u8,
}

impl NativePayload for AsyncGenOp {
    fn take_children(&mut self, out: &mut Vec<ObjRef>) {
        match std::mem::replace(&mut self.kind, AgOpKind::Close) {
            AgOpKind::Send(v) | AgOpKind::Throw(v) => out.push(v),
            AgOpKind::Close => {}
        }
        out.push(self.gen.clone());
    }
    fn traverse(&self, visit: &mut dyn FnMut(&ObjRef)) {
        visit(&self.gen);
        if let AgOpKind::Send(v) | AgOpKind::Throw(v) = &self.kind {
            visit(v);
        }
    }
}

impl Vm {
    /// `ASYNC_GEN_WRAP`.
    pub(crate) fn async_gen_wrap(&mut self, v: ObjRef) -> PyResult<ObjRef> {
        self.new_native(T::AsyncGenWrappedValue, AsyncGenWrapped { value: v })
    }

    fn unwrap_async_value(o: &ObjRef) -> Option<ObjRef> {
        if o.kind() != Kind::Native {
            return None;
        }
        Vm::with_native::<AsyncGenWrapped, _>(o, |w| w.value.clone())
    }

    /// `async_gen_unwrap_value`: a yielded (wrapped) value ends the await
    /// with that value; a returning generator raises StopAsyncIteration;
    /// other yields pass through to the event loop.
    fn async_gen_unwrap(&mut self, r: PyResult<GenOut>) -> PyResult<ObjRef> {
        match r? {
            GenOut::Yield(v) => match Vm::unwrap_async_value(&v) {
                Some(x) => Err(self.stop_iteration(x)),
                None => Ok(v),
            },
            GenOut::Return(_) => Err(self.new_exc_empty(T::StopAsyncIteration)),
        }
    }

    /// One step of an `asend`/`athrow`/`aclose` awaitable: `value` sent, or
    /// `exc` thrown, into it.
    fn async_gen_op_step(
        &mut self,
        op: &ObjRef,
        value: ObjRef,
        exc: Option<ObjRef>,
    ) -> PyResult<ObjRef> {
        let Some((gen, state, kind)) = Vm::with_native::<AsyncGenOp, _>(op, |o| {
            let kind = match &o.kind {
                AgOpKind::Send(v) => AgOpKind::Send(v.clone()),
                AgOpKind::Throw(e) => AgOpKind::Throw(e.clone()),
                AgOpKind::Close => AgOpKind::Close,
            };
            (o.gen.clone(), o.state, kind)
        }) else {
            return Err(self.internal_error("not an async generator awaitable"));
        };
        let set_state = |s: u8| {
            Vm::with_native_mut::<AsyncGenOp, _>(op, |o| o.state = s);
        };
        if state == 2 {
            let msg = match kind {
                AgOpKind::Send(_) => "cannot reuse already awaited __anext__()/asend()",
                AgOpKind::Throw(_) => "cannot reuse already awaited athrow()",
                AgOpKind::Close => "cannot reuse already awaited aclose()",
            };
            return Err(self.new_exc(T::RuntimeError, msg));
        }
        set_state(1);
        let r = match (state, &kind, exc) {
            (_, _, Some(e)) => {
                let r = self.gen_throw(&gen, e);
                self.async_gen_unwrap(r)
            }
            (0, AgOpKind::Send(v), None) => {
                let v = if value.is(&self.none) {
                    v.clone()
                } else {
                    value
                };
                let r = self.gen_resume(&gen, Some(v), None);
                self.async_gen_unwrap(r)
            }
            (0, AgOpKind::Throw(e), None) => {
                if Vm::gen_state(&gen) == GenState::Closed {
                    Err(self.new_exc_empty(T::StopAsyncIteration))
                } else {
                    let r = self.gen_throw(&gen, e.clone());
                    self.async_gen_unwrap(r)
                }
            }
            (0, AgOpKind::Close, None) => {
                if Vm::gen_state(&gen) == GenState::Closed {
                    Err(self.stop_iteration(self.none.clone()))
                } else {
                    let exit = self.new_exc_empty(T::GeneratorExit).0;
                    let r = self.gen_throw(&gen, exit);
                    self.async_gen_close_result(r)
                }
            }
            (_, AgOpKind::Close, None) => {
                let r = self.gen_resume(&gen, Some(value), None);
                self.async_gen_close_result(r)
            }
            (_, _, None) => {
                let r = self.gen_resume(&gen, Some(value), None);
                self.async_gen_unwrap(r)
            }
        };
        if let Err(e) = &r {
            if self.err_is(e, T::StopIteration)
                || self.err_is(e, T::StopAsyncIteration)
                || self.err_is(e, T::GeneratorExit)
                || !matches!(kind, AgOpKind::Close)
            {
                set_state(2);
            }
        }
        r
    }

    /// `aclose()`: a yield of a value means GeneratorExit was ignored; the
    /// generator ending (or re-raising GeneratorExit) completes the await.
    fn async_gen_close_result(&mut self, r: PyResult<GenOut>) -> PyResult<ObjRef> {
        match r {
            Ok(GenOut::Yield(v)) => {
                if Vm::unwrap_async_value(&v).is_some() {
                    Err(self.new_exc(T::RuntimeError, "async generator ignored GeneratorExit"))
                } else {
                    Ok(v)
                }
            }
            Ok(GenOut::Return(_)) => Err(self.stop_iteration(self.none.clone())),
            Err(e)
                if self.err_is(&e, T::StopAsyncIteration) || self.err_is(&e, T::GeneratorExit) =>
            {
                Err(self.stop_iteration(self.none.clone()))
            }
            Err(e) => Err(e),
        }
    }

    fn new_async_gen_op(&mut self, gen: ObjRef, kind: AgOpKind) -> PyResult<ObjRef> {
        let t = if matches!(kind, AgOpKind::Send(_)) {
            T::AsyncGenASend
        } else {
            T::AsyncGenAThrow
        };
        self.new_native(
            t,
            AsyncGenOp {
                gen,
                kind,
                state: 0,
            },
        )
    }
}

fn this_agen(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(g) if vm.gen_is_async(g) => Ok(g.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'async_generator' object"
        ))),
    }
}

fn agen_aiter(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this_agen(vm, &args, "__aiter__")
}

fn agen_anext(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let g = this_agen(vm, &args, "__anext__")?;
    let none = vm.none.clone();
    vm.new_async_gen_op(g, AgOpKind::Send(none))
}

fn agen_asend(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "asend")?;
    let g = this_agen(vm, &args, "asend")?;
    vm.new_async_gen_op(g, AgOpKind::Send(args.pos[1].clone()))
}

fn agen_athrow(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "athrow", 2, 4)?;
    let g = this_agen(vm, &args, "athrow")?;
    let typ = args.pos[1].clone();
    let exc = if typ.kind() == Kind::Type {
        vm.call(&typ, args.pos[2..].iter().take(1).cloned().collect())?
    } else {
        typ
    };
    if !vm.is_instance_of(&exc, T::BaseException) {
        return Err(vm.type_error(
            "exceptions must be classes or instances deriving from BaseException, not type",
        ));
    }
    vm.new_async_gen_op(g, AgOpKind::Throw(exc))
}

fn agen_aclose(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let g = this_agen(vm, &args, "aclose")?;
    vm.new_async_gen_op(g, AgOpKind::Close)
}

fn this_op(vm: &mut Vm, args: &Args) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(o) if Vm::with_native::<AsyncGenOp, _>(o, |_| ()).is_some() => Ok(o.clone()),
        _ => Err(vm.type_error("descriptor requires an async generator awaitable")),
    }
}

fn agop_self(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    this_op(vm, &args)
}

fn agop_next(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = this_op(vm, &args)?;
    let none = vm.none.clone();
    vm.async_gen_op_step(&o, none, None)
}

fn agop_send(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "send")?;
    let o = this_op(vm, &args)?;
    vm.async_gen_op_step(&o, args.pos[1].clone(), None)
}

fn agop_throw(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "throw", 2, 4)?;
    let o = this_op(vm, &args)?;
    let typ = args.pos[1].clone();
    let exc = if typ.kind() == Kind::Type {
        vm.call(&typ, Vec::new())?
    } else {
        typ
    };
    let none = vm.none.clone();
    vm.async_gen_op_step(&o, none, Some(exc))
}

fn agop_close(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let o = this_op(vm, &args)?;
    Vm::with_native_mut::<AsyncGenOp, _>(&o, |op| op.state = 2);
    Ok(vm.none.clone())
}

pub(crate) fn install_async(vm: &mut Vm) -> PyResult<()> {
    let t = T::AsyncGenerator;
    vm.add_method(t, "__aiter__", agen_aiter)?;
    vm.add_method(t, "__anext__", agen_anext)?;
    vm.add_method(t, "asend", agen_asend)?;
    vm.add_method(t, "athrow", agen_athrow)?;
    vm.add_method(t, "aclose", agen_aclose)?;
    let ty = vm.ty(t).clone();
    ty.set_tflags(ty.tflags() | tflags::T_HAS_DEL);
    for t in [T::AsyncGenASend, T::AsyncGenAThrow] {
        vm.add_method(t, "__await__", agop_self)?;
        vm.add_method(t, "__iter__", agop_self)?;
        vm.add_method(t, "__next__", agop_next)?;
        vm.add_method(t, "send", agop_send)?;
        vm.add_method(t, "throw", agop_throw)?;
        vm.add_method(t, "close", agop_close)?;
    }
    Ok(())
}

/// The unstarted frame of a generator function called with plain
/// positional arguments, whose slots `locals` holds so far: the missing
/// ones get their defaults and the rest of the slots are made empty.
fn simple_gen_frame(func: &ObjRef, call: SimpleCall, locals: &mut Vec<Option<ObjRef>>) -> Frame {
    let given = locals.len();
    locals.extend((given..call.argcount).map(|k| call.default_arg(k)));
    locals.resize(call.nlocals, None);
    // Its own buffers from 0 (SEGMENTS).
    Frame::new(
        call.code_obj,
        call.globals,
        call.builtins,
        Some(func.clone()),
        0,
        0,
        FrameKind::Normal { held: 0 },
    )
}

/// Lets go of a vector, with no call of its drop glue when it never
/// allocated (the empty buffers a running generator's fields hold).
#[inline(always)]
fn discard_empty<T>(v: Vec<T>) {
    if v.capacity() == 0 {
        // Nothing to free: no allocation, and no items (len <= capacity).
        std::mem::forget(v);
    } else {
        drop(v);
    }
}
