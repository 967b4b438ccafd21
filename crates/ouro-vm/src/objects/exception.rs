//! Exceptions: `BaseException` and its methods, and the display of uncaught
//! exceptions with tracebacks as CPython 3.11 prints them (source lines,
//! position carets with `~`/`^` anchors, repeated-frame folding, chains).

use ouro_heap::{CodeObj, ExceptionObj, FrameObj, Kind, ListObj, ObjRef, TracebackObj};

use crate::error::PyResult;
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

const CAUSE_MSG: &str =
    "\nThe above exception was the direct cause of the following exception:\n\n";
const CONTEXT_MSG: &str =
    "\nDuring handling of the above exception, another exception occurred:\n\n";
/// Nesting and width of exception groups printed before eliding
/// (`traceback.TracebackException`'s `max_group_depth`, `max_group_width`).
const MAX_GROUP_DEPTH: usize = 10;
const MAX_GROUP_WIDTH: usize = 15;

/// Where the printing of nested exception groups is.
#[derive(Default)]
struct GroupCtx {
    depth: usize,
    need_close: bool,
}

impl GroupCtx {
    fn indent(&self) -> String {
        " ".repeat(2 * self.depth)
    }

    /// Writes `text` with every line indented, behind a `|` margin (or
    /// `margin`) inside a group.
    fn emit(&self, out: &mut String, text: &str, margin: Option<char>) {
        let mut prefix = self.indent();
        if self.depth > 0 {
            prefix.push(margin.unwrap_or('|'));
            prefix.push(' ');
        }
        for line in text.split_inclusive('\n') {
            out.push_str(&prefix);
            out.push_str(line);
        }
    }
}

/// CPython's `TB_RECURSIVE_CUTOFF`.
const RECURSIVE_CUTOFF: usize = 3;

fn exc_init(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let Some(this) = args.pos.first().cloned() else {
        return Err(
            vm.type_error("descriptor '__init__' of 'BaseException' object needs an argument")
        );
    };
    if !args.kw.is_empty() && !Vm::is_heap_class_of(&this) {
        let tn = vm.type_name_of(&this);
        return Err(vm.type_error(format!("{tn}() takes no keyword arguments")));
    }
    let rest: Vec<ObjRef> = args.pos[1..].to_vec();
    // Subclass-specific attributes.
    if vm.is_instance_of(&this, T::StopIteration) {
        let v = rest.first().cloned().unwrap_or_else(|| vm.none.clone());
        set_attr(vm, &this, "value", v)?;
    } else if vm.is_instance_of(&this, T::SystemExit) {
        let code = match rest.len() {
            0 => vm.none.clone(),
            1 => rest[0].clone(),
            _ => vm.new_tuple(rest.clone())?,
        };
        set_attr(vm, &this, "code", code)?;
    } else if vm.is_instance_of(&this, T::ImportError) {
        for name in ["name", "path"] {
            let v = args
                .kw
                .iter()
                .find(|(k, _)| vm.str_of(k) == name)
                .map(|(_, v)| v.clone());
            let v = v.unwrap_or_else(|| vm.none.clone());
            set_attr(vm, &this, name, v)?;
        }
        let m = rest.first().cloned().unwrap_or_else(|| vm.none.clone());
        set_attr(vm, &this, "msg", m)?;
    } else if vm.is_instance_of(&this, T::OSError) {
        let rest = oserror_init(vm, &this, rest)?;
        let t = vm.new_tuple(rest)?;
        let old = this
            .borrow_mut::<ExceptionObj>()
            .map(|mut e| std::mem::replace(&mut e.args, t));
        drop(old);
        return Ok(vm.none.clone());
    } else if vm.is_instance_of(&this, T::SyntaxError) {
        let none = vm.none.clone();
        let msg = rest.first().cloned().unwrap_or_else(|| none.clone());
        set_attr(vm, &this, "msg", msg)?;
        let details = rest.get(1).map(|d| vm.seq_items(d)).unwrap_or_default();
        for (i, name) in [
            "filename",
            "lineno",
            "offset",
            "text",
            "end_lineno",
            "end_offset",
        ]
        .iter()
        .enumerate()
        {
            let v = details.get(i).cloned().unwrap_or_else(|| none.clone());
            set_attr(vm, &this, name, v)?;
        }
        set_attr(vm, &this, "print_file_and_line", none)?;
    }
    let t = vm.new_tuple(rest)?;
    let old = this
        .borrow_mut::<ExceptionObj>()
        .map(|mut e| std::mem::replace(&mut e.args, t));
    drop(old);
    Ok(vm.none.clone())
}

/// Mirrors CPython's `oserror_parse_args`/`oserror_init`: with two to five
/// arguments they are `errno, strerror[, filename[, winerror[, filename2]]]`;
/// `args` keeps only the first two when a filename is given. Returns the
/// tuple `args` becomes.
fn oserror_init(vm: &mut Vm, this: &ObjRef, rest: Vec<ObjRef>) -> PyResult<Vec<ObjRef>> {
    let none = vm.none.clone();
    let parsed = (2..=5).contains(&rest.len());
    let get = |i: usize| {
        if parsed {
            rest.get(i).cloned().unwrap_or_else(|| none.clone())
        } else {
            none.clone()
        }
    };
    let (errno, strerror, filename, filename2) = (get(0), get(1), get(2), get(4));
    let has_filename = !filename.is(&vm.none);
    set_attr(vm, this, "errno", errno)?;
    set_attr(vm, this, "strerror", strerror)?;
    set_attr(vm, this, "filename", filename)?;
    set_attr(vm, this, "filename2", filename2)?;
    if parsed && has_filename {
        return Ok(rest[..2].to_vec());
    }
    Ok(rest)
}

/// The errno-to-subclass table of CPython's `_PyExc_InitState` (Linux
/// values).
fn oserror_errno_type(errno: i64) -> Option<T> {
    Some(match errno {
        11 | 114 | 115 => T::BlockingIOError,
        10 => T::ChildProcessError,
        32 | 108 => T::BrokenPipeError,
        103 => T::ConnectionAbortedError,
        111 => T::ConnectionRefusedError,
        104 => T::ConnectionResetError,
        17 => T::FileExistsError,
        2 => T::FileNotFoundError,
        21 => T::IsADirectoryError,
        20 => T::NotADirectoryError,
        4 => T::InterruptedError,
        1 | 13 => T::PermissionError,
        3 => T::ProcessLookupError,
        110 => T::TimeoutError,
        _ => return None,
    })
}

impl Vm {
    /// The subclass `OSError(errno, strerror, ...)` makes when `ty` is
    /// `OSError` itself (never for subclasses, as CPython).
    pub(crate) fn oserror_subclass(&self, ty: &ObjRef, pos: &[ObjRef]) -> Option<ObjRef> {
        if !ty.is(self.ty(T::OSError)) || !(2..=5).contains(&pos.len()) {
            return None;
        }
        let errno = Vm::int_of(&pos[0])?;
        oserror_errno_type(errno).map(|t| self.ty(t).clone())
    }

    /// `str()` of an `OSError`: `[Errno 2] No such file or directory: 'x'`,
    /// or None when it has neither errno nor strerror (then it is
    /// `BaseException`'s).
    pub(crate) fn oserror_str(&mut self, o: &ObjRef) -> PyResult<Option<String>> {
        let get = |vm: &mut Vm, n: &str| -> PyResult<Option<ObjRef>> {
            let k = vm.intern(n)?;
            Ok(vm.attrs_get(o, &k).filter(|v| !v.is(&vm.none)))
        };
        let errno = get(self, "errno")?;
        let strerror = get(self, "strerror")?;
        let filename = get(self, "filename")?;
        let filename2 = get(self, "filename2")?;
        let (Some(errno), Some(strerror)) = (errno, strerror) else {
            return Ok(None);
        };
        let e = self.str_string(&errno)?;
        let s = self.str_string(&strerror)?;
        Ok(Some(match (filename, filename2) {
            (Some(f), Some(f2)) => {
                let f = self.repr_string(&f)?;
                let f2 = self.repr_string(&f2)?;
                format!("[Errno {e}] {s}: {f} -> {f2}")
            }
            (Some(f), None) => {
                let f = self.repr_string(&f)?;
                format!("[Errno {e}] {s}: {f}")
            }
            _ => format!("[Errno {e}] {s}"),
        }))
    }
}

fn set_attr(vm: &mut Vm, o: &ObjRef, name: &str, v: ObjRef) -> PyResult<()> {
    let n = vm.intern(name)?;
    vm.attrs_set(o, &n, v)
}

fn exc_str(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__str__", 1, 1)?;
    let s = vm.exception_str(&args.pos[0])?;
    vm.new_str(&s)
}

fn exc_repr(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "__repr__", 1, 1)?;
    let s = vm.repr_builtin(&args.pos[0])?;
    vm.new_str(&s)
}

fn exc_with_traceback(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "with_traceback", 2, 2)?;
    let tb = if args.pos[1].is(&vm.none) {
        None
    } else {
        Some(args.pos[1].clone())
    };
    if tb.as_ref().is_some_and(|t| t.kind() != Kind::Traceback) {
        return Err(vm.type_error("__traceback__ must be a traceback or None"));
    }
    let old = args.pos[0]
        .borrow_mut::<ExceptionObj>()
        .map(|mut e| std::mem::replace(&mut e.traceback, tb));
    drop(old);
    Ok(args.pos[0].clone())
}

fn exc_add_note(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "add_note", 2, 2)?;
    if args.pos[1].kind() != Kind::Str {
        let tn = vm.type_name_of(&args.pos[1]);
        return Err(vm.type_error(format!("note must be a str, not '{tn}'")));
    }
    let notes = args.pos[0]
        .borrow::<ExceptionObj>()
        .and_then(|e| e.notes.clone());
    let notes = match notes {
        Some(n) => n,
        None => {
            let l = vm.new_list(Vec::new())?;
            if let Some(mut e) = args.pos[0].borrow_mut::<ExceptionObj>() {
                e.notes = Some(l.clone());
            }
            l
        }
    };
    match notes.borrow_mut::<ListObj>() {
        Some(mut l) => l.items.push(args.pos[1].clone()),
        None => return Err(vm.type_error("Cannot add note: __notes__ is not a list")),
    }
    Ok(vm.none.clone())
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, NativeFn)] = &[
        ("__init__", exc_init),
        ("__str__", exc_str),
        ("__repr__", exc_repr),
        ("with_traceback", exc_with_traceback),
        ("add_note", exc_add_note),
    ];
    for (name, f) in methods {
        vm.add_method(T::BaseException, name, *f)?;
    }
    Ok(())
}

/// Byte offset to character offset within a line.
fn byte_to_char(line: &str, byte: usize) -> usize {
    let b = byte.min(line.len());
    let mut b = b;
    while b > 0 && !line.is_char_boundary(b) {
        b -= 1;
    }
    line[..b].chars().count()
}

/// Mirrors `_extract_caret_anchors_from_line_segment`: for a binary
/// operation or a subscript, the range of the operator or the brackets, in
/// character offsets of `segment`.
fn caret_anchors(segment: &str) -> Option<(usize, usize)> {
    use ruff_python_ast::{Expr, Stmt};
    use ruff_text_size::Ranged;
    let parsed = ruff_python_parser::parse_module(segment).ok()?;
    let module = parsed.into_syntax();
    if module.body.len() != 1 {
        return None;
    }
    let Stmt::Expr(e) = &module.body[0] else {
        return None;
    };
    let chars: Vec<char> = segment.chars().collect();
    let norm = |b: usize| byte_to_char(segment, b);
    match &*e.value {
        Expr::BinOp(b) => {
            let op_start = norm(b.left.range().end().to_usize());
            let op_end = norm(b.right.range().start().to_usize());
            let op_str: String = chars.get(op_start..op_end)?.iter().collect();
            let op_offset = op_str.chars().count() - op_str.trim_start().chars().count();
            // In CPython these are byte offsets until normalised; ASCII
            // operators make the difference immaterial past `left`.
            let mut left = op_start + op_offset;
            let mut right = left + 1;
            let op_chars: Vec<char> = op_str.chars().collect();
            if op_offset + 1 < op_chars.len() && !op_chars[op_offset + 1].is_whitespace() {
                right += 1;
            }
            while left < chars.len()
                && (chars[left].is_whitespace() || chars[left] == ')' || chars[left] == '#')
            {
                left += 1;
                right += 1;
            }
            Some((left, right))
        }
        Expr::Subscript(s) => {
            let mut left = norm(s.value.range().end().to_usize());
            let mut right = norm(s.slice.range().end().to_usize()) + 1;
            while left < chars.len() && (chars[left].is_whitespace() || chars[left] != '[') {
                left += 1;
            }
            while right < chars.len() && (chars[right].is_whitespace() || chars[right] != ']') {
                right += 1;
            }
            if right < chars.len() {
                right += 1;
            }
            Some((left, right))
        }
        _ => None,
    }
}

impl Vm {
    /// The text of line `lineno` of `filename` (as `linecache.getline`).
    pub(crate) fn source_line(&mut self, filename: &str, lineno: u32) -> Option<String> {
        if filename.starts_with('<') && filename.ends_with('>') {
            return None;
        }
        if !self.sources.contains_key(filename) {
            let text = std::fs::read_to_string(filename).ok()?;
            self.sources.insert(filename.to_string(), text.into());
        }
        let src = self.sources.get(filename)?;
        src.lines()
            .nth(lineno.checked_sub(1)? as usize)
            .map(|l| l.to_string())
    }

    /// Formats one traceback entry (`tb_displayline`).
    pub(crate) fn format_tb_entry(&mut self, tb: &ObjRef, out: &mut String) {
        let Some((frame, lasti, lineno)) = tb
            .borrow::<TracebackObj>()
            .map(|t| (t.frame.clone(), t.lasti, t.lineno))
        else {
            return;
        };
        let code = frame.borrow::<FrameObj>().map(|f| f.code.clone());
        let Some(code) = code else { return };
        let Some(c) = code.get::<CodeObj>() else {
            return;
        };
        let filename = c.code.filename.to_string();
        let name = c.code.name.to_string();
        let pos = c.code.positions.get(lasti as usize).copied();
        out.push_str(&format!(
            "  File \"{filename}\", line {lineno}, in {name}\n"
        ));
        let Some(line) = self.source_line(&filename, lineno) else {
            return;
        };
        let stripped = line.trim();
        if stripped.is_empty() {
            return;
        }
        out.push_str(&format!("    {stripped}\n"));
        let Some(p) = pos else { return };
        if p.line != lineno || p.line == 0 {
            return;
        }
        let start = byte_to_char(&line, p.col as usize);
        let mut end = byte_to_char(&line, p.end_col as usize);
        let lead = line.chars().count() - line.trim_start().chars().count();
        let chars: Vec<char> = line.chars().collect();
        let mut anchors = None;
        if p.line == p.end_line {
            let segment: String = chars
                .get(start..end.min(chars.len()))
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            anchors = caret_anchors(&segment);
        } else {
            end = line.trim_end().chars().count();
        }
        let stripped_len = stripped.chars().count();
        let show = end.saturating_sub(start) < stripped_len || anchors.is_some_and(|(l, r)| r > l);
        if !show || end <= start {
            return;
        }
        out.push_str("    ");
        out.push_str(&" ".repeat(start.saturating_sub(lead)));
        match anchors {
            Some((l, r)) => {
                let total = end - start;
                let l = l.min(total);
                let r = r.clamp(l, total);
                out.push_str(&"~".repeat(l));
                out.push_str(&"^".repeat(r - l));
                out.push_str(&"~".repeat(total - r));
            }
            None => out.push_str(&"^".repeat(end - start)),
        }
        out.push('\n');
    }

    /// The traceback lines of `tb` (`tb_print_internal`), folding runs of the
    /// same frame after three.
    fn format_traceback(&mut self, tb: Option<ObjRef>, out: &mut String) {
        let mut entries = Vec::new();
        let mut cur = tb;
        while let Some(t) = cur {
            cur = t.borrow::<TracebackObj>().and_then(|x| x.next.clone());
            entries.push(t);
            if entries.len() > 100_000 {
                break;
            }
        }
        let key = |vm: &Vm, t: &ObjRef| -> (String, u32, String) {
            let (frame, lineno) = match t.borrow::<TracebackObj>() {
                Some(x) => (x.frame.clone(), x.lineno),
                None => return (String::new(), 0, String::new()),
            };
            let _ = vm;
            let code = frame.borrow::<FrameObj>().map(|f| f.code.clone());
            let (file, name) = code
                .and_then(|c| {
                    c.get::<CodeObj>()
                        .map(|c| (c.code.filename.to_string(), c.code.name.to_string()))
                })
                .unwrap_or_default();
            (file, lineno, name)
        };
        let mut last: Option<(String, u32, String)> = None;
        let mut count = 0usize;
        for t in &entries {
            let k = key(self, t);
            if last.as_ref() != Some(&k) {
                if count > RECURSIVE_CUTOFF {
                    repeated(out, count - RECURSIVE_CUTOFF);
                }
                last = Some(k);
                count = 0;
            }
            count += 1;
            if count <= RECURSIVE_CUTOFF {
                self.format_tb_entry(t, out);
            }
        }
        if count > RECURSIVE_CUTOFF {
            repeated(out, count - RECURSIVE_CUTOFF);
        }
    }

    /// The last line of an exception display: `Type: message`.
    pub(crate) fn format_exception_only(&mut self, exc: &ObjRef, out: &mut String) {
        let ty = exc.class();
        let qn = self.type_qualname(&ty);
        let module = self.type_module_name(&ty);
        let tname = match module.as_deref() {
            Some("builtins") | Some("__main__") | None => qn,
            Some(m) => format!("{m}.{qn}"),
        };
        if self.is_instance_of(exc, T::SyntaxError) {
            self.format_syntax_error_location(exc, out);
            let msg = self
                .getattr_str(exc, "msg")
                .ok()
                .filter(|m| m.kind() == Kind::Str);
            let msg = match msg {
                Some(m) => self.str_of(&m).to_string(),
                None => self.str_string(exc).unwrap_or_default(),
            };
            out.push_str(&format!("{tname}: {msg}\n"));
        } else {
            let msg = match self.str_string(exc) {
                Ok(m) => m,
                Err(_) => "<exception str() failed>".to_string(),
            };
            if msg.is_empty() {
                out.push_str(&format!("{tname}\n"));
            } else {
                out.push_str(&format!("{tname}: {msg}\n"));
            }
        }
        let notes = exc.borrow::<ExceptionObj>().and_then(|e| e.notes.clone());
        if let Some(n) = notes {
            for note in self.seq_items(&n) {
                match self.str_string(&note) {
                    Ok(s) => {
                        out.push_str(&s);
                        out.push('\n');
                    }
                    Err(_) => out.push_str("<note str() failed>\n"),
                }
            }
        }
    }

    /// The `File "...", line N` block of a SyntaxError (`print_error_text`).
    fn format_syntax_error_location(&mut self, exc: &ObjRef, out: &mut String) {
        let get = |vm: &mut Vm, n: &str| vm.getattr_str(exc, n).ok().filter(|v| !v.is(&vm.none));
        let filename = get(self, "filename").map(|f| self.str_of(&f).to_string());
        let lineno = get(self, "lineno").and_then(|l| Vm::int_of(&l));
        let (Some(filename), Some(lineno)) = (filename, lineno) else {
            return;
        };
        out.push_str(&format!("  File \"{filename}\", line {lineno}\n"));
        let Some(text) = get(self, "text").map(|t| self.str_of(&t).to_string()) else {
            return;
        };
        let offset = get(self, "offset")
            .and_then(|o| Vm::int_of(&o))
            .unwrap_or(-1);
        let end_offset = get(self, "end_offset")
            .and_then(|o| Vm::int_of(&o))
            .unwrap_or(-1);
        let end_lineno = get(self, "end_lineno")
            .and_then(|o| Vm::int_of(&o))
            .unwrap_or(lineno);
        // Offsets are 1-based character offsets.
        let mut offset = offset - 1;
        // A range over several lines is marked to the end of its first.
        let mut end_offset = if end_lineno > lineno {
            text.trim_end_matches('\n').chars().count() as i64
        } else {
            end_offset - 1
        };
        let mut t = text.as_str();
        while let Some(c) = t.chars().next() {
            if c == ' ' || c == '\t' || c == '\x0c' {
                t = &t[c.len_utf8()..];
                offset -= 1;
                end_offset -= 1;
            } else {
                break;
            }
        }
        let t = t.trim_end_matches('\n');
        let len = t.chars().count() as i64;
        if offset > len {
            offset = len;
        }
        out.push_str(&format!("    {t}\n"));
        if offset < 0 {
            return;
        }
        let carets = if end_offset > offset {
            (end_offset - offset).min(len - offset + 1).max(1)
        } else {
            1
        };
        out.push_str("    ");
        out.push_str(&" ".repeat(offset as usize));
        out.push_str(&"^".repeat(carets as usize));
        out.push('\n');
    }

    /// The full display of an exception with its chain (CPython's
    /// `print_exception_recursive`).
    pub fn format_exception(&mut self, exc: &ObjRef) -> String {
        self.format_exception_chain(exc, true)
    }

    /// [`Vm::format_exception`], or without the exception's own causes and
    /// contexts when not `chain` (a group's sub-exceptions keep theirs).
    pub(crate) fn format_exception_chain(&mut self, exc: &ObjRef, chain: bool) -> String {
        let mut out = String::new();
        let mut seen: Vec<ObjRef> = Vec::new();
        let mut ctx = GroupCtx::default();
        self.format_exception_ctx(exc, &mut out, &mut seen, &mut ctx, chain);
        out
    }

    /// An exception with its chain (causes and contexts first), and, for a
    /// group, its sub-exceptions in nested boxes: CPython 3.11's
    /// `TracebackException.format` with its `_ExceptionPrintContext`.
    fn format_exception_ctx(
        &mut self,
        exc: &ObjRef,
        out: &mut String,
        seen: &mut Vec<ObjRef>,
        ctx: &mut GroupCtx,
        chain_top: bool,
    ) {
        // (message, exception): the message of an exception with a cause or
        // context is printed between that one and it.
        let mut chain: Vec<(Option<&'static str>, ObjRef)> = Vec::new();
        let mut cur = Some(exc.clone());
        seen.push(exc.clone());
        while let Some(e) = cur.take() {
            let (cause, context, suppress) = match e.borrow::<ExceptionObj>() {
                Some(x) => (x.cause.clone(), x.context.clone(), x.suppress_context),
                None => (None, None, false),
            };
            let next = if chain.len() >= 200 || !chain_top {
                None
            } else if let Some(c) = cause.filter(|c| !seen.iter().any(|s| s.is(c))) {
                Some((CAUSE_MSG, c))
            } else {
                context
                    .filter(|c| !suppress && !seen.iter().any(|s| s.is(c)))
                    .map(|c| (CONTEXT_MSG, c))
            };
            match next {
                Some((msg, n)) => {
                    seen.push(n.clone());
                    chain.push((Some(msg), e));
                    cur = Some(n);
                }
                None => chain.push((None, e)),
            }
        }
        for (msg, e) in chain.into_iter().rev() {
            if let Some(m) = msg {
                ctx.emit(out, m, None);
            }
            let tb = e.borrow::<ExceptionObj>().and_then(|x| x.traceback.clone());
            if !self.is_exception_group(&e) {
                self.emit_traceback(tb, "Traceback", None, out, ctx);
                self.emit_exception_only(&e, out, ctx);
                continue;
            }
            if ctx.depth > MAX_GROUP_DEPTH {
                ctx.emit(
                    out,
                    &format!("... (max_group_depth is {MAX_GROUP_DEPTH})\n"),
                    None,
                );
                continue;
            }
            let toplevel = ctx.depth == 0;
            if toplevel {
                ctx.depth += 1;
            }
            let margin = if toplevel { Some('+') } else { None };
            self.emit_traceback(tb, "Exception Group Traceback", margin, out, ctx);
            self.emit_exception_only(&e, out, ctx);
            let subs = self.group_exceptions(&e);
            let n = if subs.len() <= MAX_GROUP_WIDTH {
                subs.len()
            } else {
                MAX_GROUP_WIDTH + 1
            };
            ctx.need_close = false;
            for i in 0..n {
                let last = i + 1 == n;
                if last {
                    ctx.need_close = true;
                }
                let truncated = i >= MAX_GROUP_WIDTH;
                let title = if truncated {
                    "...".to_string()
                } else {
                    (i + 1).to_string()
                };
                out.push_str(&ctx.indent());
                out.push_str(if i == 0 { "+-" } else { "  " });
                out.push_str(&format!("+---------------- {title} ----------------\n"));
                ctx.depth += 1;
                if !truncated {
                    self.format_exception_ctx(&subs[i], out, seen, ctx, true);
                } else {
                    let remaining = subs.len() - MAX_GROUP_WIDTH;
                    let s = if remaining > 1 { "s" } else { "" };
                    ctx.emit(out, &format!("and {remaining} more exception{s}\n"), None);
                }
                if last && ctx.need_close {
                    out.push_str(&ctx.indent());
                    out.push_str("+------------------------------------\n");
                    ctx.need_close = false;
                }
                ctx.depth -= 1;
            }
            if toplevel {
                ctx.depth = 0;
            }
        }
    }

    /// `<title> (most recent call last):` and the entries, if there are any.
    fn emit_traceback(
        &mut self,
        tb: Option<ObjRef>,
        title: &str,
        margin: Option<char>,
        out: &mut String,
        ctx: &GroupCtx,
    ) {
        if tb.is_none() {
            return;
        }
        ctx.emit(out, &format!("{title} (most recent call last):\n"), margin);
        let mut t = String::new();
        self.format_traceback(tb, &mut t);
        ctx.emit(out, &t, None);
    }

    fn emit_exception_only(&mut self, e: &ObjRef, out: &mut String, ctx: &GroupCtx) {
        let mut t = String::new();
        self.format_exception_only(e, &mut t);
        ctx.emit(out, &t, None);
    }

    /// An exception with its own traceback only, not its chain (what
    /// CPython's default unraisable hook prints).
    pub fn format_exception_unchained(&mut self, exc: &ObjRef) -> String {
        let mut out = String::new();
        let tb = exc
            .borrow::<ExceptionObj>()
            .and_then(|e| e.traceback.clone());
        if tb.is_some() {
            out.push_str("Traceback (most recent call last):\n");
            self.format_traceback(tb, &mut out);
        }
        self.format_exception_only(exc, &mut out);
        out
    }

    /// Prints an uncaught exception to stderr (`sys.excepthook`).
    pub fn print_exception(&mut self, exc: &ObjRef) {
        let text = self.format_exception(exc);
        self.write_stderr(&text);
    }

    /// A `SyntaxError` (or subclass) instance from a compile error.
    pub fn syntax_error_from(&mut self, e: &ouro_compiler::CompileError) -> crate::error::PyErr {
        let t = match e.kind {
            ouro_compiler::ErrorKind::SyntaxError => T::SyntaxError,
            ouro_compiler::ErrorKind::IndentationError => T::IndentationError,
            ouro_compiler::ErrorKind::TabError => T::TabError,
        };
        let build = |vm: &mut Vm| -> PyResult<crate::error::PyErr> {
            let msg = vm.new_str(&e.msg)?;
            let filename = vm.new_str(&e.filename)?;
            let lineno = vm.new_int(e.lineno as i64)?;
            let offset = vm.new_int(e.offset as i64)?;
            let text = match &e.text {
                Some(t) => vm.new_str(t)?,
                None => vm.none.clone(),
            };
            let end_lineno = vm.new_int(e.end_lineno as i64)?;
            let end_offset = vm.new_int(e.end_offset as i64)?;
            let details =
                vm.new_tuple_of([filename, lineno, offset, text, end_lineno, end_offset])?;
            let ty = vm.ty(t).clone();
            let exc = vm.call(&ty, vec![msg, details])?;
            Ok(crate::error::PyErr(exc))
        };
        match build(self) {
            Ok(e) => e,
            Err(e) => e,
        }
    }
}

fn repeated(out: &mut String, n: usize) {
    out.push_str(&format!(
        "  [Previous line repeated {n} more time{}]\n",
        if n > 1 { "s" } else { "" }
    ));
}

// ------------------------------------------------------------ _traceback

/// The `_traceback` module: the interpreter's own exception display, for
/// the `traceback` module (frozen Python) to build its API on, so that
/// `traceback.print_exc()` prints what an uncaught exception prints.
pub(crate) fn make_traceback_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_traceback")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("format_exception", tb_format_exception),
        ("format_exception_only", tb_format_exception_only),
        ("format_entry", tb_format_entry),
        ("entry_position", tb_entry_position),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}

fn tb_exception_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    let e = args.pos[0].clone();
    if !vm.is_instance_of(&e, T::BaseException) {
        let tn = vm.type_name_of(&e);
        return Err(vm.type_error(format!("{name}() expects an exception, not '{tn}'")));
    }
    Ok(e)
}

/// `format_exception(exc, chain)`: the full display of `exc` (with its
/// causes and contexts when `chain`), as `sys.excepthook` prints it.
fn tb_format_exception(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "format_exception")?;
    args.check(vm, "format_exception", 2, 2)?;
    let e = tb_exception_arg(vm, &args, "format_exception")?;
    let chain = vm.truthy(&args.pos[1])?;
    let text = vm.format_exception_chain(&e, chain);
    vm.new_str(&text)
}

/// `format_exception_only(exc)`: the `Type: message` line (the location
/// lines of a `SyntaxError` before it, its notes after it).
fn tb_format_exception_only(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "format_exception_only")?;
    args.check(vm, "format_exception_only", 1, 1)?;
    let e = tb_exception_arg(vm, &args, "format_exception_only")?;
    let mut out = String::new();
    vm.format_exception_only(&e, &mut out);
    vm.new_str(&out)
}

fn tb_arg(vm: &mut Vm, args: &Args, name: &str) -> PyResult<ObjRef> {
    args.no_kw(vm, name)?;
    args.check(vm, name, 1, 1)?;
    let t = args.pos[0].clone();
    if t.kind() != Kind::Traceback {
        let tn = vm.type_name_of(&t);
        return Err(vm.type_error(format!("{name}() expects a traceback, not '{tn}'")));
    }
    Ok(t)
}

/// `format_entry(tb)`: one traceback entry, with its source line and the
/// carets under the failing expression.
fn tb_format_entry(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let t = tb_arg(vm, &args, "format_entry")?;
    let mut out = String::new();
    vm.format_tb_entry(&t, &mut out);
    vm.new_str(&out)
}

/// `entry_position(tb)`: `(end_lineno, colno, end_colno)` of the
/// instruction the entry points at (UTF-8 byte columns, as CPython's
/// `co_positions`), or Nones.
fn tb_entry_position(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let t = tb_arg(vm, &args, "entry_position")?;
    let pos = t.borrow::<TracebackObj>().and_then(|x| {
        let code = x.frame.borrow::<FrameObj>().map(|f| f.code.clone())?;
        let c = code.get::<CodeObj>()?;
        c.code.positions.get(x.lasti as usize).copied()
    });
    let items = match pos.filter(|p| p.line != 0) {
        Some(p) => vec![
            vm.new_int(p.end_line as i64)?,
            vm.new_int(p.col as i64)?,
            vm.new_int(p.end_col as i64)?,
        ],
        None => vec![vm.none.clone(), vm.none.clone(), vm.none.clone()],
    };
    vm.new_tuple(items)
}
