//! Exception groups (PEP 654): `BaseExceptionGroup` and `ExceptionGroup`,
//! their `split`/`subgroup`/`derive`, and the run-time half of `except*`
//! (`CHECK_EG_MATCH`, `PREP_RERAISE_STAR`), after CPython 3.11's
//! `Objects/exceptions.c`.
//!
//! A group keeps its message and its tuple of exceptions as the instance
//! attributes `message` and `exceptions` (CPython has read-only members).

use ouro_heap::{ExceptionObj, Kind, ObjRef};

use crate::error::PyResult;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

/// Nesting deeper than this is refused (CPython's recursion check).
const MAX_DEPTH: usize = 900;

/// What `split` tests each exception with.
enum Matcher {
    /// An exception type or a tuple of them.
    Types(ObjRef),
    /// A predicate.
    Call(ObjRef),
}

impl Vm {
    pub(crate) fn is_exception_group(&self, o: &ObjRef) -> bool {
        self.is_instance_of(o, T::BaseExceptionGroup)
    }

    /// `BaseExceptionGroup.__new__(cls, message, exceptions)`.
    pub(crate) fn exception_group_new(&mut self, cls: &ObjRef, args: &Args) -> PyResult<ObjRef> {
        let name = self.type_name(cls);
        if !args.kw.is_empty() {
            return Err(self.type_error(format!("{name}() takes no keyword arguments")));
        }
        if args.pos.len() != 2 {
            return Err(self.type_error(format!(
                "BaseExceptionGroup.__new__() takes exactly 2 arguments ({} given)",
                args.pos.len()
            )));
        }
        let message = args.pos[0].clone();
        let excs = args.pos[1].clone();
        if message.kind() != Kind::Str {
            let tn = self.type_name_of(&message);
            return Err(self.type_error(format!(
                "BaseExceptionGroup.__new__() argument 1 must be str, not {tn}"
            )));
        }
        let is_seq = matches!(excs.kind(), Kind::List | Kind::Tuple);
        if !is_seq {
            return Err(self.type_error("second argument (exceptions) must be a sequence"));
        }
        let items = self.seq_items(&excs);
        if items.is_empty() {
            return Err(
                self.value_error("second argument (exceptions) must be a non-empty sequence")
            );
        }
        let mut nested_base = false;
        for (i, e) in items.iter().enumerate() {
            if !self.is_instance_of(e, T::BaseException) {
                return Err(self.value_error(format!(
                    "Item {i} of second argument (exceptions) is not an exception"
                )));
            }
            if !self.is_instance_of(e, T::Exception) {
                nested_base = true;
            }
        }
        let beg = self.ty(T::BaseExceptionGroup).clone();
        let eg = self.ty(T::ExceptionGroup).clone();
        let mut cls = cls.clone();
        if cls.is(&beg) {
            if !nested_base {
                cls = eg;
            }
        } else if cls.is(&eg) {
            if nested_base {
                return Err(self.type_error("Cannot nest BaseExceptions in an ExceptionGroup"));
            }
        } else if nested_base && self.is_subtype(&cls, self.ty(T::Exception)) {
            return Err(self.type_error(format!("Cannot nest BaseExceptions in '{name}'")));
        }
        let e = self.new_exc_args(&cls, vec![message.clone(), excs]).0;
        let t = self.new_tuple(items)?;
        self.set_attr_str(&e, "message", message)?;
        self.set_attr_str(&e, "exceptions", t)?;
        Ok(e)
    }

    /// `message (n sub-exceptions)`.
    pub(crate) fn exception_group_str(&mut self, eg: &ObjRef) -> PyResult<String> {
        let (m, items) = self.group_parts(eg)?;
        let n = items.len();
        Ok(format!(
            "{} ({n} sub-exception{})",
            self.str_of(&m),
            if n == 1 { "" } else { "s" }
        ))
    }

    fn group_parts(&mut self, eg: &ObjRef) -> PyResult<(ObjRef, Vec<ObjRef>)> {
        let m = self.getattr_str(eg, "message")?;
        let e = self.getattr_str(eg, "exceptions")?;
        let items = self.seq_items(&e);
        Ok((m, items))
    }

    /// The sub-exceptions of a group (empty for a plain exception).
    pub(crate) fn group_exceptions(&mut self, eg: &ObjRef) -> Vec<ObjRef> {
        if !self.is_exception_group(eg) {
            return Vec::new();
        }
        self.group_parts(eg).map(|(_, e)| e).unwrap_or_default()
    }

    fn matcher(&mut self, cond: &ObjRef) -> PyResult<Matcher> {
        let base = self.ty(T::BaseException).clone();
        let is_exc_type = |vm: &Vm, t: &ObjRef| t.kind() == Kind::Type && vm.is_subtype(t, &base);
        if is_exc_type(self, cond) {
            return Ok(Matcher::Types(cond.clone()));
        }
        if cond.kind() == Kind::Tuple {
            let items = self.seq_items(cond);
            if items.iter().all(|t| is_exc_type(self, t)) {
                return Ok(Matcher::Types(cond.clone()));
            }
        } else if self.is_callable(cond) {
            return Ok(Matcher::Call(cond.clone()));
        }
        Err(self.type_error("expected a function, exception type or tuple of exception types"))
    }

    fn matches(&mut self, m: &Matcher, e: &ObjRef) -> PyResult<bool> {
        match m {
            Matcher::Types(t) => self.exception_matches(e, t),
            Matcher::Call(f) => {
                let r = self.call(f, vec![e.clone()])?;
                self.truthy(&r)
            }
        }
    }

    /// `eg.derive(excs)`, then the group's traceback, cause, context and
    /// notes copied over.
    fn derive_and_copy(&mut self, eg: &ObjRef, excs: Vec<ObjRef>) -> PyResult<ObjRef> {
        let list = self.new_list(excs)?;
        let derive = self.getattr_str(eg, "derive")?;
        let new = self.call(&derive, vec![list])?;
        if !self.is_exception_group(&new) {
            return Err(self.type_error("derive must return an instance of BaseExceptionGroup"));
        }
        let (tb, cause, ctx) = match eg.borrow::<ExceptionObj>() {
            Some(x) => (x.traceback.clone(), x.cause.clone(), x.context.clone()),
            None => (None, None, None),
        };
        if let Some(mut x) = new.borrow_mut::<ExceptionObj>() {
            x.traceback = tb;
            x.cause = cause;
            x.context = ctx;
        }
        if let Ok(notes) = self.getattr_str(eg, "__notes__") {
            let items = self.iterate(&notes)?;
            let copy = self.new_list(items)?;
            self.set_attr_str(&new, "__notes__", copy)?;
        }
        Ok(new)
    }

    /// `exceptiongroup_split_recursive`: (match, rest) of `exc`.
    fn split_rec(
        &mut self,
        exc: &ObjRef,
        m: &Matcher,
        with_rest: bool,
        depth: usize,
    ) -> PyResult<(Option<ObjRef>, Option<ObjRef>)> {
        if depth > MAX_DEPTH {
            return Err(self.new_exc(
                T::RecursionError,
                "maximum recursion depth exceeded in __subclasscheck__",
            ));
        }
        if self.matches(m, exc)? {
            return Ok((Some(exc.clone()), None));
        }
        if !self.is_exception_group(exc) {
            return Ok((None, with_rest.then(|| exc.clone())));
        }
        let (_, items) = self.group_parts(exc)?;
        let mut matched = Vec::new();
        let mut rest = Vec::new();
        for e in &items {
            let (a, b) = self.split_rec(e, m, with_rest, depth + 1)?;
            matched.extend(a);
            rest.extend(b);
        }
        let a = if matched.is_empty() {
            None
        } else {
            Some(self.derive_and_copy(exc, matched)?)
        };
        let b = if with_rest && !rest.is_empty() {
            Some(self.derive_and_copy(exc, rest)?)
        } else {
            None
        };
        Ok((a, b))
    }

    /// `CHECK_EG_MATCH`: (rest, match) of the exception being handled
    /// against an `except*` clause's type.
    pub(crate) fn check_eg_match(
        &mut self,
        exc: &ObjRef,
        ty: &ObjRef,
    ) -> PyResult<(ObjRef, ObjRef)> {
        let none = self.none.clone();
        // The clause's type: exception classes, but never groups.
        let types = if ty.kind() == Kind::Tuple {
            self.seq_items(ty)
        } else {
            vec![ty.clone()]
        };
        let beg = self.ty(T::BaseExceptionGroup).clone();
        for t in &types {
            if t.kind() == Kind::Type && self.is_subtype(t, &beg) {
                return Err(self.type_error(
                    "catching ExceptionGroup with except* is not allowed. Use except instead.",
                ));
            }
        }
        if exc.is(&none) {
            return Ok((none.clone(), none));
        }
        if self.exception_matches(exc, ty)? {
            if self.is_exception_group(exc) {
                return Ok((none, exc.clone()));
            }
            // A naked exception is wrapped in a group of its own.
            let tb = exc
                .borrow::<ExceptionObj>()
                .and_then(|x| x.traceback.clone());
            let msg = self.new_str("")?;
            let list = self.new_tuple_of([exc.clone()])?;
            let eg_ty = if self.is_instance_of(exc, T::Exception) {
                self.ty(T::ExceptionGroup).clone()
            } else {
                beg
            };
            let a = Args::new(vec![msg, list]);
            let wrapped = self.exception_group_new(&eg_ty, &a)?;
            if let Some(mut x) = wrapped.borrow_mut::<ExceptionObj>() {
                x.traceback = tb;
            }
            return Ok((none, wrapped));
        }
        if self.is_exception_group(exc) {
            let m = Matcher::Types(ty.clone());
            let (a, b) = self.split_rec(exc, &m, true, 0)?;
            let n = || none.clone();
            return Ok((b.unwrap_or_else(n), a.unwrap_or_else(n)));
        }
        Ok((exc.clone(), none))
    }

    /// Whether two exceptions carry the same traceback, cause, context and
    /// notes (`is_same_exception_metadata`).
    fn same_metadata(&mut self, a: &ObjRef, b: &ObjRef) -> bool {
        let meta = |o: &ObjRef| {
            o.borrow::<ExceptionObj>()
                .map(|x| (x.traceback.clone(), x.cause.clone(), x.context.clone()))
        };
        let same = |x: &Option<ObjRef>, y: &Option<ObjRef>| match (x, y) {
            (Some(x), Some(y)) => x.is(y),
            (None, None) => true,
            _ => false,
        };
        let (Some(ma), Some(mb)) = (meta(a), meta(b)) else {
            return false;
        };
        let na = self.getattr_str(a, "__notes__").ok();
        let nb = self.getattr_str(b, "__notes__").ok();
        same(&ma.0, &mb.0) && same(&ma.1, &mb.1) && same(&ma.2, &mb.2) && same(&na, &nb)
    }

    fn collect_leaves(&mut self, e: &ObjRef, out: &mut Vec<ObjRef>, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        if self.is_exception_group(e) {
            for s in self.group_exceptions(e) {
                self.collect_leaves(&s, out, depth + 1);
            }
        } else {
            out.push(e.clone());
        }
    }

    /// `PREP_RERAISE_STAR`: what an `except*` statement raises once its
    /// clauses ran: the unhandled and re-raised parts of the original
    /// group, kept in its shape, plus what the clauses raised.
    pub(crate) fn prep_reraise_star(&mut self, orig: &ObjRef, excs: &ObjRef) -> PyResult<ObjRef> {
        let items = self.seq_items(excs);
        let none = self.none.clone();
        if items.is_empty() {
            return Ok(none);
        }
        if !self.is_exception_group(orig) {
            // A naked exception was caught: at most one thing to raise.
            return Ok(items.into_iter().find(|e| !e.is(&none)).unwrap_or(none));
        }
        let mut raised = Vec::new();
        let mut reraised = Vec::new();
        for e in items {
            if e.is(&none) {
                continue;
            }
            if self.same_metadata(&e, orig) {
                reraised.push(e);
            } else {
                raised.push(e);
            }
        }
        // The re-raised leaves, projected on the original group.
        let mut leaves = Vec::new();
        for e in &reraised {
            self.collect_leaves(e, &mut leaves, 0);
        }
        if !leaves.is_empty() {
            let projected = self.project(orig, &leaves, 0)?;
            if let Some(p) = projected {
                raised.push(p);
            }
        }
        match raised.len() {
            0 => Ok(none),
            1 => Ok(raised.pop().unwrap_or(none)),
            _ => {
                let msg = self.new_str("")?;
                let list = self.new_list(raised)?;
                let beg = self.ty(T::BaseExceptionGroup).clone();
                self.exception_group_new(&beg, &Args::new(vec![msg, list]))
            }
        }
    }

    /// The part of `eg` whose leaves are in `keep` (by identity), in its
    /// shape (`exception_group_projection`).
    fn project(&mut self, eg: &ObjRef, keep: &[ObjRef], depth: usize) -> PyResult<Option<ObjRef>> {
        if depth > MAX_DEPTH {
            return Ok(None);
        }
        if !self.is_exception_group(eg) {
            return Ok(keep.iter().any(|k| k.is(eg)).then(|| eg.clone()));
        }
        let mut parts = Vec::new();
        for s in self.group_exceptions(eg) {
            if let Some(p) = self.project(&s, keep, depth + 1)? {
                parts.push(p);
            }
        }
        if parts.is_empty() {
            return Ok(None);
        }
        Ok(Some(self.derive_and_copy(eg, parts)?))
    }
}

fn this_group(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    match args.pos.first() {
        Some(g) if vm.is_exception_group(g) => Ok(g.clone()),
        _ => Err(vm.type_error(format!(
            "descriptor '{name}' requires a 'BaseExceptionGroup' object"
        ))),
    }
}

fn eg_str(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let g = this_group(vm, &args, "__str__")?;
    let s = vm.exception_group_str(&g)?;
    vm.new_str(&s)
}

fn eg_derive(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "derive")?;
    let g = this_group(vm, &args, "derive")?;
    let (m, _) = vm.group_parts(&g)?;
    let beg = vm.ty(T::BaseExceptionGroup).clone();
    vm.exception_group_new(&beg, &Args::new(vec![m, args.pos[1].clone()]))
}

fn eg_split(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "split")?;
    let g = this_group(vm, &args, "split")?;
    let m = vm.matcher(&args.pos[1])?;
    let (a, b) = vm.split_rec(&g, &m, true, 0)?;
    let none = vm.none.clone();
    vm.new_tuple_of([a.unwrap_or_else(|| none.clone()), b.unwrap_or(none)])
}

fn eg_subgroup(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "subgroup")?;
    let g = this_group(vm, &args, "subgroup")?;
    let m = vm.matcher(&args.pos[1])?;
    let (a, _) = vm.split_rec(&g, &m, false, 0)?;
    Ok(a.unwrap_or_else(|| vm.none.clone()))
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    vm.add_method(T::BaseExceptionGroup, "__str__", eg_str)?;
    vm.add_method(T::BaseExceptionGroup, "derive", eg_derive)?;
    vm.add_method(T::BaseExceptionGroup, "split", eg_split)?;
    vm.add_method(T::BaseExceptionGroup, "subgroup", eg_subgroup)?;
    Ok(())
}
