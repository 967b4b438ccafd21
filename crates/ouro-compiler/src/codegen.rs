//! Bytecode generation from the AST. Follows CPython 3.11's `Python/compile.c`
//! (`compiler_try_except`, `compiler_with`, `compiler_unwind_fblock`, ...)
//! in the shape of the code it emits, so that tracebacks, line numbers and
//! the order of effects match.
//!
//! Exception handling uses CPython 3.11's zero-cost scheme: each instruction
//! records the innermost active handler at the time it is emitted (the
//! `handler_stack`, which `SETUP_FINALLY`/`POP_BLOCK` manipulate in CPython);
//! runs of instructions sharing a handler become exception-table entries.
//! The value-stack depth is tracked as code is emitted, so each handler knows
//! the depth to unwind to.

use std::collections::HashMap;
use std::rc::Rc;

use num_bigint::BigInt;
use ouro_bytecode::{
    code_flags, format_flags, make_function_flags as mff, BinOp, CmpOp, CodeObject, Constant,
    ExceptionEntry, Instr, Position,
};
use ruff_python_ast::{self as ast, Expr, Stmt};
use ruff_text_size::{Ranged, TextRange};

use crate::error::{CompileError, ErrorKind, LineIndex};
use crate::symtable::{NameScope, ScopeId, ScopeKind, SymbolTable};

/// What kind of source is compiled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// A module or script.
    Exec,
    /// A single expression (`eval`).
    Eval,
    /// One interactive statement: expression statements echo their value.
    Single,
}

type Label = u32;

#[derive(Clone, Copy, Debug)]
struct Handler {
    target: Label,
    lasti: bool,
    depth: i32,
}

#[derive(Clone, Copy)]
enum FBlockKind<'a> {
    WhileLoop,
    ForLoop,
    TryExcept,
    FinallyTry(&'a [Stmt]),
    FinallyEnd,
    /// A `with` (or, with `true`, an `async with`) body.
    With(TextRange, bool),
    HandlerCleanup(Option<&'a str>),
    PopValue,
    ExceptionHandler,
    /// The body of an `except*` clause: nothing may jump out of it.
    ExceptionGroupHandler,
}

#[derive(Clone, Copy)]
struct FBlock<'a> {
    kind: FBlockKind<'a>,
    /// `continue` target for loops.
    start: Label,
    /// `break` target for loops.
    exit: Label,
    /// Handlers this block owns; unwinding out of it removes them.
    handlers: [Option<u32>; 2],
}

struct Unit<'a> {
    scope: ScopeId,
    name: Rc<str>,
    qualname: Rc<str>,
    instrs: Vec<Instr>,
    positions: Vec<Position>,
    handler_of: Vec<Option<u32>>,
    consts: Vec<Constant>,
    names: Vec<Rc<str>>,
    name_index: HashMap<Rc<str>, u32>,
    varnames: Vec<Rc<str>>,
    cellvars: Vec<Rc<str>>,
    freevars: Vec<Rc<str>>,
    labels: Vec<Option<u32>>,
    label_depth: Vec<Option<i32>>,
    handlers: Vec<Handler>,
    handler_stack: Vec<u32>,
    fblocks: Vec<FBlock<'a>>,
    loc: Position,
    depth: i32,
    max_depth: i32,
    reachable: bool,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    flags: u32,
    firstlineno: u32,
    /// The class name used for private-name mangling.
    private: Option<Rc<str>>,
}

/// A compiled code object and the `SyntaxWarning`s its compilation gave.
pub type Compiled = (Rc<CodeObject>, Vec<CompileError>);

pub struct Compiler<'a> {
    source: &'a str,
    filename: Rc<str>,
    lines: LineIndex,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
    interactive: bool,
    /// The `SyntaxWarning`s found, in the order CPython's compiler gives
    /// them (the caller emits them through the warnings machinery).
    warnings: Vec<CompileError>,
}

/// The failure chain of a pattern: one label per number of items to pop
/// above `base` before going on.
struct MatchFail {
    base: i32,
    labels: Vec<Option<Label>>,
}

impl MatchFail {
    fn new(base: i32) -> MatchFail {
        MatchFail {
            base,
            labels: Vec::new(),
        }
    }
}

fn is_jump(i: &Instr) -> Option<Label> {
    match *i {
        Instr::Jump(l)
        | Instr::PopJumpIfFalse(l)
        | Instr::PopJumpIfTrue(l)
        | Instr::PopJumpIfNone(l)
        | Instr::PopJumpIfNotNone(l)
        | Instr::JumpIfFalseOrPop(l)
        | Instr::JumpIfTrueOrPop(l)
        | Instr::ForIter(l)
        | Instr::Send(l) => Some(l),
        _ => None,
    }
}

fn with_target(i: Instr, t: u32) -> Instr {
    match i {
        Instr::Jump(_) => Instr::Jump(t),
        Instr::PopJumpIfFalse(_) => Instr::PopJumpIfFalse(t),
        Instr::PopJumpIfTrue(_) => Instr::PopJumpIfTrue(t),
        Instr::PopJumpIfNone(_) => Instr::PopJumpIfNone(t),
        Instr::PopJumpIfNotNone(_) => Instr::PopJumpIfNotNone(t),
        Instr::JumpIfFalseOrPop(_) => Instr::JumpIfFalseOrPop(t),
        Instr::JumpIfTrueOrPop(_) => Instr::JumpIfTrueOrPop(t),
        Instr::ForIter(_) => Instr::ForIter(t),
        Instr::Send(_) => Instr::Send(t),
        other => other,
    }
}

/// Net effect of an instruction on the value stack; `jump` selects the
/// branch-taken effect for conditional jumps. Mirrors CPython's
/// `stack_effect()`.
pub fn stack_effect(i: &Instr, jump: bool) -> i32 {
    use Instr::*;
    match *i {
        // Superinstructions are made after emission (the pair's effect).
        LoadFastLoadFast(_) | LoadFastLoadConst(_) | LoadConstLoadFast(_) => 2,
        StoreFastLoadFast(_) => 0,
        LoadFastLoadAttr(_) => 1,
        LoadFastLoadMethod(_) => 2,
        LoadFastStoreAttr(_) => -1,
        LoadFastConstBinaryOp(..) | LoadFastConstSubscr(_) | LoadFastConstCompareOp(..) => 1,
        LoadFastConstBinaryOpStore(..) => 0,
        ConstBinaryOp(..) => 0,
        BinaryOpStoreFast(..) => -2,
        CallGlobalFast(_) => 1,
        // The pair's effect: the item is stored, or the iterator popped.
        ForIterStoreFast(_) => {
            if jump {
                -1
            } else {
                0
            }
        }
        StoreFastStoreFast(_) => -2,
        Nop | Swap(_) | DeleteFast(_) | DeleteName(_) | DeleteGlobal(_) | DeleteDeref(_) => 0,
        PopTop => -1,
        PushNull | Copy(_) | LoadConst(_) | LoadFast(_) | LoadName(_) | LoadGlobal(_)
        | LoadDeref(_) | LoadClosure(_) | LoadClassDeref(_) => 1,
        StoreFast(_) | StoreName(_) | StoreGlobal(_) | StoreDeref(_) => -1,
        LoadAttr(_) => 0,
        StoreAttr(_) => -2,
        DeleteAttr(_) => -1,
        LoadMethod(_) => 1,
        BinarySubscr => -1,
        StoreSubscr => -3,
        DeleteSubscr => -2,
        BinaryOp(_) => -1,
        UnaryNegative | UnaryPositive | UnaryInvert | UnaryNot => 0,
        CompareOp(_) | IsOp(_) | ContainsOp(_) => -1,
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildSlice(n) | BuildString(n) => 1 - n as i32,
        BuildMap(n) => 1 - 2 * n as i32,
        ListAppend(_) | ListExtend(_) | SetAdd(_) | SetUpdate(_) | DictUpdate(_) | DictMerge(_) => {
            -1
        }
        MapAdd(_) => -2,
        ListToTuple => 0,
        UnpackSequence(n) => n as i32 - 1,
        UnpackEx(a) => ((a & 0xff) + (a >> 8) + 1) as i32 - 1,
        GetIter => 0,
        ForIter(_) => {
            if jump {
                -1
            } else {
                1
            }
        }
        Jump(_) => 0,
        PopJumpIfFalse(_) | PopJumpIfTrue(_) | PopJumpIfNone(_) | PopJumpIfNotNone(_) => -1,
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => {
            if jump {
                0
            } else {
                -1
            }
        }
        Call(n) => -(n as i32),
        CallKw(n) => -(n as i32) - 1,
        CallMethod(n) => -(n as i32) - 1,
        CallMethodKw(n) => -(n as i32) - 2,
        CallFunctionEx(f) => -1 - (f & 1) as i32,
        MakeFunction(f) => -(f.count_ones() as i32),
        ReturnValue => -1,
        LoadBuildClass | LoadAssertionError => 1,
        ImportName(_) => -1,
        ImportFrom(_) => 1,
        ImportStar => -1,
        RaiseVarargs(n) => -(n as i32),
        Reraise(_) => -1,
        PushExcInfo => 1,
        PopExcept => -1,
        CheckExcMatch | CheckEgMatch => 0,
        WithExceptStart => 1,
        BeforeWith => 1,
        FormatValue(f) => {
            if f & format_flags::HAVE_SPEC != 0 {
                -1
            } else {
                0
            }
        }
        PrintExpr => -1,
        SetupAnnotations => 0,
        ReturnGenerator | YieldValue | GetYieldFromIter | GetAwaitable(_) | StopIterationError => 0,
        GetLen | MatchSequence | MatchMapping | MatchKeys => 1,
        MatchClass(_) => -2,
        CopyDictWithoutKeys => 0,
        BeforeAsyncWith => 1,
        GetAiter => 0,
        GetAnext => 1,
        EndAsyncFor => -2,
        PrepReraiseStar => -1,
        AsyncGenWrap => 0,
        Send(_) => {
            if jump {
                -1
            } else {
                0
            }
        }
    }
}

fn is_terminator(i: &Instr) -> bool {
    matches!(
        i,
        Instr::Jump(_) | Instr::ReturnValue | Instr::RaiseVarargs(_) | Instr::Reraise(_)
    )
}

enum NameOp {
    Load,
    Store,
    Delete,
}

fn binop(op: ast::Operator) -> BinOp {
    match op {
        ast::Operator::Add => BinOp::Add,
        ast::Operator::Sub => BinOp::Subtract,
        ast::Operator::Mult => BinOp::Multiply,
        ast::Operator::MatMult => BinOp::MatrixMultiply,
        ast::Operator::Div => BinOp::TrueDivide,
        ast::Operator::Mod => BinOp::Remainder,
        ast::Operator::Pow => BinOp::Power,
        ast::Operator::LShift => BinOp::Lshift,
        ast::Operator::RShift => BinOp::Rshift,
        ast::Operator::BitOr => BinOp::Or,
        ast::Operator::BitXor => BinOp::Xor,
        ast::Operator::BitAnd => BinOp::And,
        ast::Operator::FloorDiv => BinOp::FloorDivide,
    }
}

/// Parses a ruff int literal into a constant.
fn int_constant(i: &ast::Int) -> Constant {
    if let Some(v) = i.as_i64() {
        return Constant::Int(v);
    }
    let text: String = i.to_string().chars().filter(|&c| c != '_').collect();
    let lower = text.to_ascii_lowercase();
    let (digits, radix) = if let Some(r) = lower.strip_prefix("0x") {
        (r.to_string(), 16)
    } else if let Some(r) = lower.strip_prefix("0o") {
        (r.to_string(), 8)
    } else if let Some(r) = lower.strip_prefix("0b") {
        (r.to_string(), 2)
    } else {
        (lower, 10)
    };
    match BigInt::parse_bytes(digits.as_bytes(), radix) {
        Some(b) => match i64::try_from(&b) {
            Ok(v) => Constant::Int(v),
            Err(_) => Constant::BigInt(b),
        },
        None => Constant::Int(0),
    }
}

fn const_eq(a: &Constant, b: &Constant) -> bool {
    // Constants are deduplicated by value *and* type, like CPython's
    // `_PyCode_ConstantKey` (1, 1.0 and True stay distinct; so do 0.0, -0.0).
    match (a, b) {
        (Constant::Float(x), Constant::Float(y)) => x.to_bits() == y.to_bits(),
        (Constant::Complex { re: a1, im: b1 }, Constant::Complex { re: a2, im: b2 }) => {
            a1.to_bits() == a2.to_bits() && b1.to_bits() == b2.to_bits()
        }
        (Constant::Tuple(x), Constant::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y.iter()).all(|(a, b)| const_eq(a, b))
        }
        (Constant::Code(x), Constant::Code(y)) => Rc::ptr_eq(x, y),
        _ => a == b,
    }
}

impl<'a> Compiler<'a> {
    pub fn new(source: &'a str, filename: &str, table: SymbolTable, interactive: bool) -> Self {
        Compiler {
            source,
            filename: filename.into(),
            lines: LineIndex::new(source),
            table,
            units: Vec::new(),
            interactive,
            warnings: Vec::new(),
        }
    }

    /// Records a `SyntaxWarning` at `range` (CPython's `compiler_warn`;
    /// code compiled twice, as a `finally` body is, warns twice).
    fn warn(&mut self, msg: String, range: TextRange) {
        let w = CompileError::at(
            ErrorKind::SyntaxError,
            msg,
            self.source,
            &self.filename,
            range,
        );
        self.warnings.push(w);
    }

    /// `x is 1`: CPython's `check_compare`, one warning per comparison.
    fn check_compare(&mut self, c: &ast::ExprCompare, range: TextRange) {
        let mut left = !literal_for_is(&c.left);
        for (op, right) in c.ops.iter().zip(c.comparators.iter()) {
            let right_ok = !literal_for_is(right);
            if matches!(op, ast::CmpOp::Is | ast::CmpOp::IsNot) && !(left && right_ok) {
                let msg = if *op == ast::CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.warn(msg.to_string(), range);
                return;
            }
            left = right_ok;
        }
    }

    /// `1[0]`, `"abc"["x"]`: CPython's `check_subscripter` and
    /// `check_index`, for a subscript that loads.
    fn check_subscript(&mut self, sub: &ast::ExprSubscript, range: TextRange) {
        let value = &*sub.value;
        let subscripter = match value {
            Expr::Set(_) | Expr::SetComp(_) | Expr::Generator(_) | Expr::Lambda(_) => true,
            Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_) => true,
            Expr::UnaryOp(_) => folds_to_constant(value),
            _ => false,
        };
        if subscripter {
            if let Some(tn) = infer_type(value) {
                let msg =
                    format!("'{tn}' object is not subscriptable; perhaps you missed a comma?");
                self.warn(msg, range);
            }
            return;
        }
        let Some(index_type) = infer_type(&sub.slice) else {
            return;
        };
        if matches!(index_type, "int" | "bool") {
            return;
        }
        let indexed = matches!(
            value,
            Expr::StringLiteral(_)
                | Expr::BytesLiteral(_)
                | Expr::FString(_)
                | Expr::List(_)
                | Expr::ListComp(_)
                | Expr::Tuple(_)
        );
        if indexed {
            if let Some(tn) = infer_type(value) {
                let msg = format!(
                    "{tn} indices must be integers or slices, not {index_type}; \
                     perhaps you missed a comma?"
                );
                self.warn(msg, range);
            }
        }
    }

    /// `"a"()`, `[1, 2]()`: CPython's `check_caller`.
    fn check_caller(&mut self, c: &ast::ExprCall, range: TextRange) {
        if let Some(tn) = uncallable_display(&c.func) {
            let msg = format!("'{tn}' object is not callable; perhaps you missed a comma?");
            self.warn(msg, range);
        }
    }

    // ---------------------------------------------------------------- units

    fn unit(&mut self) -> &mut Unit<'a> {
        let n = self.units.len();
        &mut self.units[n - 1]
    }

    fn u(&self) -> &Unit<'a> {
        &self.units[self.units.len() - 1]
    }

    fn push_unit(&mut self, scope: ScopeId, name: &str, qualname: &str, firstlineno: u32) {
        let s = &self.table.scopes[scope];
        let varnames: Vec<Rc<str>> = s.params.iter().map(|p| Rc::from(p.as_str())).collect();
        let cellvars: Vec<Rc<str>> = s.cellvars.iter().map(|p| Rc::from(p.as_str())).collect();
        let freevars: Vec<Rc<str>> = s.freevars.iter().map(|p| Rc::from(p.as_str())).collect();
        let private = match s.kind {
            ScopeKind::Class => Some(Rc::from(name)),
            _ => self.units.last().and_then(|u| u.private.clone()),
        };
        let mut flags = 0;
        if s.kind.is_function_like() {
            flags |= code_flags::OPTIMIZED | code_flags::NEWLOCALS;
            if s.is_generator && s.is_coroutine {
                flags |= code_flags::ASYNC_GENERATOR;
            } else if s.is_generator {
                flags |= code_flags::GENERATOR;
            } else if s.is_coroutine && s.kind != ScopeKind::Comprehension {
                flags |= code_flags::COROUTINE;
            }
        }
        if s.parent
            .is_some_and(|p| self.table.scopes[p].kind.is_function_like())
        {
            flags |= code_flags::NESTED;
        }
        self.units.push(Unit {
            scope,
            name: name.into(),
            qualname: qualname.into(),
            instrs: Vec::new(),
            positions: Vec::new(),
            handler_of: Vec::new(),
            consts: Vec::new(),
            names: Vec::new(),
            name_index: HashMap::new(),
            varnames,
            cellvars,
            freevars,
            labels: Vec::new(),
            label_depth: Vec::new(),
            handlers: Vec::new(),
            handler_stack: Vec::new(),
            fblocks: Vec::new(),
            loc: Position {
                line: firstlineno,
                end_line: firstlineno,
                col: 0,
                end_col: 0,
            },
            depth: 0,
            max_depth: 0,
            reachable: true,
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags,
            firstlineno,
            private,
        });
    }

    /// Finishes the current unit: resolves labels, builds the exception table.
    fn pop_unit(&mut self) -> Result<Rc<CodeObject>, CompileError> {
        let u = match self.units.pop() {
            Some(u) => u,
            None => return Err(self.internal("no code unit")),
        };
        let mut instrs = u.instrs;
        for ins in instrs.iter_mut() {
            if let Some(l) = is_jump(ins) {
                let target = u.labels.get(l as usize).copied().flatten().unwrap_or(0);
                *ins = with_target(*ins, target);
            }
        }
        let mut table: Vec<ExceptionEntry> = Vec::new();
        let mut i = 0;
        while i < u.handler_of.len() {
            let Some(h) = u.handler_of[i] else {
                i += 1;
                continue;
            };
            let start = i;
            while i < u.handler_of.len() && u.handler_of[i] == Some(h) {
                i += 1;
            }
            let handler = u.handlers[h as usize];
            let target = u.labels[handler.target as usize].unwrap_or(0);
            table.push(ExceptionEntry {
                start: start as u32,
                end: i as u32,
                target,
                depth: handler.depth.max(0) as u32,
                lasti: handler.lasti,
            });
        }
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                u.varnames
                    .iter()
                    .take(self.table.scopes[u.scope].params.len())
                    .position(|v| v == c)
                    .map(|p| p as u32)
            })
            .collect();
        ouro_bytecode::fuse_superinstructions(&mut instrs, &u.positions);
        Ok(Rc::new(CodeObject {
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            firstlineno: u.firstlineno,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags: u.flags,
            instructions: instrs,
            positions: u.positions,
            constants: u.consts,
            names: u.names,
            varnames: u.varnames,
            cellvars: u.cellvars,
            freevars: u.freevars,
            cell2arg,
            exception_table: table,
            stacksize: u.max_depth.max(0) as u32,
        }))
    }

    fn internal(&self, what: &str) -> CompileError {
        CompileError {
            kind: ErrorKind::SyntaxError,
            msg: format!("internal compiler error: {what}"),
            filename: self.filename.to_string(),
            lineno: 0,
            offset: 0,
            end_lineno: 0,
            end_offset: 0,
            text: None,
        }
    }

    fn error(&self, msg: impl Into<String>, range: TextRange) -> CompileError {
        CompileError::at(
            ErrorKind::SyntaxError,
            msg,
            self.source,
            &self.filename,
            range,
        )
    }

    // ------------------------------------------------------------- emission

    fn position(&self, range: TextRange) -> Position {
        let (line, col) = self.lines.position(range.start().to_usize());
        let (end_line, end_col) = self.lines.position(range.end().to_usize());
        Position {
            line,
            end_line,
            col,
            end_col,
        }
    }

    fn set_loc(&mut self, range: TextRange) -> Position {
        let p = self.position(range);
        std::mem::replace(&mut self.unit().loc, p)
    }

    fn restore_loc(&mut self, p: Position) {
        self.unit().loc = p;
    }

    fn emit(&mut self, i: Instr) {
        let u = self.unit();
        if let Some(l) = is_jump(&i) {
            let d = u.depth + stack_effect(&i, true);
            let slot = &mut u.label_depth[l as usize];
            if slot.is_none() {
                *slot = Some(d);
            }
        }
        u.depth += stack_effect(&i, false);
        if u.depth > u.max_depth {
            u.max_depth = u.depth;
        }
        u.instrs.push(i);
        u.positions.push(u.loc);
        u.handler_of.push(u.handler_stack.last().copied());
        if is_terminator(&i) {
            u.reachable = false;
        }
    }

    fn new_label(&mut self) -> Label {
        let u = self.unit();
        u.labels.push(None);
        u.label_depth.push(None);
        (u.labels.len() - 1) as Label
    }

    fn bind(&mut self, l: Label) {
        let u = self.unit();
        u.labels[l as usize] = Some(u.instrs.len() as u32);
        match u.label_depth[l as usize] {
            Some(d) => {
                u.depth = d;
                u.reachable = true;
            }
            None => {
                if u.reachable {
                    u.label_depth[l as usize] = Some(u.depth);
                }
            }
        }
    }

    /// Starts a protected region whose handler is `target`.
    fn push_handler(&mut self, target: Label, lasti: bool) -> u32 {
        let u = self.unit();
        let depth = u.depth;
        u.handlers.push(Handler {
            target,
            lasti,
            depth,
        });
        let id = (u.handlers.len() - 1) as u32;
        u.handler_stack.push(id);
        let entry = depth + 1 + lasti as i32;
        if u.label_depth[target as usize].is_none() {
            u.label_depth[target as usize] = Some(entry);
        }
        id
    }

    fn pop_handler(&mut self, id: u32) {
        let u = self.unit();
        if let Some(pos) = u.handler_stack.iter().rposition(|&h| h == id) {
            u.handler_stack.remove(pos);
        }
    }

    fn add_const(&mut self, c: Constant) -> u32 {
        let u = self.unit();
        if let Some(i) = u.consts.iter().position(|x| const_eq(x, &c)) {
            return i as u32;
        }
        u.consts.push(c);
        (u.consts.len() - 1) as u32
    }

    fn load_const(&mut self, c: Constant) {
        let i = self.add_const(c);
        self.emit(Instr::LoadConst(i));
    }

    fn add_name(&mut self, name: &str) -> u32 {
        let name = self.mangle(name);
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name.as_str()) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name.as_str());
        u.names.push(rc.clone());
        let i = (u.names.len() - 1) as u32;
        u.name_index.insert(rc, i);
        i
    }

    /// Private name mangling (`__x` in class `C` becomes `_C__x`).
    fn mangle(&self, name: &str) -> String {
        let Some(private) = self.u().private.as_deref() else {
            return name.to_string();
        };
        if !name.starts_with("__") || name.ends_with("__") || name.contains('.') {
            return name.to_string();
        }
        let stripped = private.trim_start_matches('_');
        if stripped.is_empty() {
            return name.to_string();
        }
        format!("_{stripped}{name}")
    }

    fn varname_index(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(i) = u.varnames.iter().position(|v| &**v == name) {
            return i as u32;
        }
        u.varnames.push(Rc::from(name));
        (u.varnames.len() - 1) as u32
    }

    fn deref_index(&self, name: &str) -> Option<u32> {
        let u = self.u();
        if let Some(i) = u.cellvars.iter().position(|v| &**v == name) {
            return Some(i as u32);
        }
        u.freevars
            .iter()
            .position(|v| &**v == name)
            .map(|i| (i + u.cellvars.len()) as u32)
    }

    fn scope_kind(&self) -> ScopeKind {
        self.table.scopes[self.u().scope].kind
    }

    fn name_op(&mut self, name: &str, op: NameOp) -> Result<(), CompileError> {
        let mangled = self.mangle(name);
        let scope_id = self.u().scope;
        let kind = self.table.scopes[scope_id].kind;
        let sym = self.table.scopes[scope_id].lookup(&mangled).cloned();
        let scope = sym.as_ref().map_or(NameScope::GlobalImplicit, |s| s.scope);
        let free_class = sym
            .as_ref()
            .is_some_and(|s| s.flags & crate::symtable::def::FREE_CLASS != 0);
        enum Ty {
            Fast,
            Deref,
            Global,
            Name,
        }
        let ty = match scope {
            NameScope::Free | NameScope::Cell => {
                if kind == ScopeKind::Class
                    && !matches!(op, NameOp::Load)
                    && scope == NameScope::Free
                    && !free_class
                {
                    Ty::Deref
                } else if kind == ScopeKind::Class && free_class {
                    Ty::Name
                } else {
                    Ty::Deref
                }
            }
            NameScope::Local => {
                if kind.is_function_like() {
                    Ty::Fast
                } else {
                    Ty::Name
                }
            }
            NameScope::GlobalImplicit => {
                if kind.is_function_like() {
                    Ty::Global
                } else {
                    Ty::Name
                }
            }
            NameScope::GlobalExplicit => Ty::Global,
        };
        match ty {
            Ty::Fast => {
                let i = self.varname_index(&mangled);
                self.emit(match op {
                    NameOp::Load => Instr::LoadFast(i),
                    NameOp::Store => Instr::StoreFast(i),
                    NameOp::Delete => Instr::DeleteFast(i),
                });
            }
            Ty::Deref => {
                let Some(i) = self.deref_index(&mangled) else {
                    return Err(self.internal(&format!("no cell for {mangled}")));
                };
                self.emit(match op {
                    NameOp::Load if kind == ScopeKind::Class => Instr::LoadClassDeref(i),
                    NameOp::Load => Instr::LoadDeref(i),
                    NameOp::Store => Instr::StoreDeref(i),
                    NameOp::Delete => Instr::DeleteDeref(i),
                });
            }
            Ty::Global => {
                let i = self.add_name(&mangled);
                self.emit(match op {
                    NameOp::Load => Instr::LoadGlobal(i),
                    NameOp::Store => Instr::StoreGlobal(i),
                    NameOp::Delete => Instr::DeleteGlobal(i),
                });
            }
            Ty::Name => {
                let i = self.add_name(&mangled);
                self.emit(match op {
                    NameOp::Load => Instr::LoadName(i),
                    NameOp::Store => Instr::StoreName(i),
                    NameOp::Delete => Instr::DeleteName(i),
                });
            }
        }
        Ok(())
    }

    // ------------------------------------------------------------- modules

    /// Compiles a module; returns its code and the `SyntaxWarning`s found.
    pub fn compile_module(mut self, body: &'a [Stmt]) -> Result<Compiled, CompileError> {
        self.push_unit(0, "<module>", "<module>", 1);
        if self.table.scopes[0].has_annotations {
            self.emit(Instr::SetupAnnotations);
        }
        let body = if !self.interactive {
            self.docstring_store(body)?
        } else {
            body
        };
        for s in body {
            self.stmt(s)?;
        }
        if let Some(last) = body.last() {
            let (line, _) = self.lines.position(last.range().end().to_usize());
            self.unit().loc = Position {
                line,
                end_line: line,
                col: 0,
                end_col: 0,
            };
        }
        self.load_const(Constant::None);
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;
        Ok((code, self.warnings))
    }

    pub fn compile_expression(mut self, expr: &'a Expr) -> Result<Compiled, CompileError> {
        self.push_unit(0, "<module>", "<module>", 1);
        self.expr(expr)?;
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;
        Ok((code, self.warnings))
    }

    /// Stores a module or class docstring as `__doc__`; returns the rest.
    fn docstring_store(&mut self, body: &'a [Stmt]) -> Result<&'a [Stmt], CompileError> {
        if let Some(doc) = docstring(body) {
            let saved = self.set_loc(body[0].range());
            self.load_const(Constant::Str(Rc::from(doc.as_str())));
            self.name_op("__doc__", NameOp::Store)?;
            self.restore_loc(saved);
            return Ok(&body[1..]);
        }
        Ok(body)
    }

    // ----------------------------------------------------------- statements

    fn body(&mut self, stmts: &'a [Stmt]) -> Result<(), CompileError> {
        for s in stmts {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &'a Stmt) -> Result<(), CompileError> {
        let saved = self.set_loc(s.range());
        let r = self.stmt_inner(s);
        self.restore_loc(saved);
        r
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> Result<(), CompileError> {
        match s {
            Stmt::FunctionDef(f) => self.function_def(f),
            Stmt::ClassDef(c) => self.class_def(c),
            Stmt::Return(r) => {
                if !self.scope_kind().is_function_like() {
                    return Err(self.error("'return' outside function", s.range()));
                }
                let preserve = r.value.is_some();
                if preserve && self.unit().flags & code_flags::ASYNC_GENERATOR != 0 {
                    return Err(self.error("'return' with value in async generator", s.range()));
                }
                if let Some(v) = &r.value {
                    self.expr(v)?;
                }
                // Errors while unwinding point where CPython's do: at the
                // value just compiled, if any.
                let at = r.value.as_ref().map_or(s.range(), |v| v.range());
                let saved = self.unwind_all(preserve, at)?;
                if !preserve {
                    self.load_const(Constant::None);
                }
                self.set_loc(s.range());
                self.emit(Instr::ReturnValue);
                self.restore_blocks(saved);
                Ok(())
            }
            Stmt::Delete(d) => {
                for t in &d.targets {
                    self.delete_target(t)?;
                }
                Ok(())
            }
            Stmt::Assign(a) => {
                self.expr(&a.value)?;
                let n = a.targets.len();
                for (i, t) in a.targets.iter().enumerate() {
                    if i + 1 < n {
                        self.emit(Instr::Copy(1));
                    }
                    self.store_target(t)?;
                }
                Ok(())
            }
            Stmt::AugAssign(a) => self.aug_assign(a),
            Stmt::AnnAssign(a) => self.ann_assign(a),
            Stmt::TypeAlias(t) => Err(self.error("invalid syntax", t.range())),
            Stmt::For(f) => self.for_stmt(f),
            Stmt::While(w) => self.while_stmt(w),
            Stmt::If(i) => self.if_stmt(i),
            Stmt::With(w) => {
                if w.is_async {
                    if self.unit().flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR)
                        == 0
                    {
                        return Err(self.error("'async with' outside async function", s.range()));
                    }
                    return self.with_stmt(w, 0, true);
                }
                self.with_stmt(w, 0, false)
            }
            Stmt::Match(m) => self.match_stmt(m),
            Stmt::Raise(r) => {
                let mut n = 0;
                if let Some(e) = &r.exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = &r.cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instr::RaiseVarargs(n));
                Ok(())
            }
            Stmt::Try(t) => {
                if t.is_star && t.finalbody.is_empty() {
                    return self.try_star_except(t);
                }
                if t.finalbody.is_empty() {
                    self.try_except(t)
                } else {
                    self.try_finally(t)
                }
            }
            Stmt::Assert(a) => {
                if let Expr::Tuple(t) = &*a.test {
                    if !t.elts.is_empty() && !t.elts.iter().all(folds_to_constant) {
                        self.warn(
                            "assertion is always true, perhaps remove parentheses?".to_string(),
                            s.range(),
                        );
                    }
                }
                let end = self.new_label();
                self.jump_if(&a.test, true, end)?;
                self.emit(Instr::LoadAssertionError);
                if let Some(m) = &a.msg {
                    self.expr(m)?;
                    self.emit(Instr::Call(1));
                }
                self.emit(Instr::RaiseVarargs(1));
                self.bind(end);
                Ok(())
            }
            Stmt::Import(i) => {
                // Every instruction has the statement's position, as in
                // CPython 3.11 (a failed import shows the whole statement).
                for alias in &i.names {
                    self.load_const(Constant::Int(0));
                    self.load_const(Constant::None);
                    let ni = self.add_name_raw(alias.name.as_str());
                    self.emit(Instr::ImportName(ni));
                    match &alias.asname {
                        Some(asname) => {
                            // `import a.b.c as d` binds the innermost module.
                            let parts: Vec<&str> = alias.name.split('.').collect();
                            if parts.len() > 1 {
                                for part in &parts[1..] {
                                    let pi = self.add_name_raw(part);
                                    self.emit(Instr::ImportFrom(pi));
                                    self.emit(Instr::Swap(2));
                                    self.emit(Instr::PopTop);
                                }
                            }
                            self.name_op(asname.as_str(), NameOp::Store)?;
                        }
                        None => {
                            let top = alias.name.split('.').next().unwrap_or_default();
                            self.name_op(top, NameOp::Store)?;
                        }
                    }
                }
                Ok(())
            }
            Stmt::ImportFrom(i) => {
                self.load_const(Constant::Int(i.level as i64));
                let names: Vec<Constant> = i
                    .names
                    .iter()
                    .map(|a| Constant::Str(Rc::from(a.name.as_str())))
                    .collect();
                self.load_const(Constant::Tuple(names.into()));
                let module = i.module.as_ref().map_or("", |m| m.as_str());
                let mi = self.add_name_raw(module);
                self.emit(Instr::ImportName(mi));
                for alias in &i.names {
                    if alias.name.as_str() == "*" {
                        self.emit(Instr::ImportStar);
                        return Ok(());
                    }
                    let ni = self.add_name_raw(alias.name.as_str());
                    self.emit(Instr::ImportFrom(ni));
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    self.name_op(bound.as_str(), NameOp::Store)?;
                }
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Global(_) | Stmt::Nonlocal(_) | Stmt::Pass(_) => Ok(()),
            Stmt::Expr(e) => {
                if self.interactive && self.units.len() == 1 {
                    self.expr(&e.value)?;
                    self.emit(Instr::PrintExpr);
                    return Ok(());
                }
                if is_constant_expr(&e.value) {
                    // CPython drops constant expression statements.
                    self.emit(Instr::Nop);
                    return Ok(());
                }
                self.expr(&e.value)?;
                self.emit(Instr::PopTop);
                Ok(())
            }
            Stmt::Break(_) => {
                let (saved, lp) = self.unwind_to_loop(s.range())?;
                let Some(lp) = lp else {
                    self.restore_blocks(saved);
                    return Err(self.error("'break' outside loop", s.range()));
                };
                self.unwind_fblock(lp, false, s.range())?;
                self.emit(Instr::Jump(lp.exit));
                self.restore_blocks(saved);
                Ok(())
            }
            Stmt::Continue(_) => {
                let (saved, lp) = self.unwind_to_loop(s.range())?;
                let Some(lp) = lp else {
                    self.restore_blocks(saved);
                    return Err(self.error("'continue' not properly in loop", s.range()));
                };
                self.emit(Instr::Jump(lp.start));
                self.restore_blocks(saved);
                Ok(())
            }
            Stmt::IpyEscapeCommand(i) => Err(self.error("invalid syntax", i.range())),
        }
    }

    fn add_name_raw(&mut self, name: &str) -> u32 {
        let u = self.unit();
        if let Some(&i) = u.name_index.get(name) {
            return i;
        }
        let rc: Rc<str> = Rc::from(name);
        u.names.push(rc.clone());
        let i = (u.names.len() - 1) as u32;
        u.name_index.insert(rc, i);
        i
    }

    // ------------------------------------------------------ block unwinding

    fn save_blocks(&self) -> (Vec<FBlock<'a>>, Vec<u32>) {
        let u = self.u();
        (u.fblocks.clone(), u.handler_stack.clone())
    }

    fn restore_blocks(&mut self, saved: (Vec<FBlock<'a>>, Vec<u32>)) {
        let u = self.unit();
        u.fblocks = saved.0;
        u.handler_stack = saved.1;
    }

    /// Emits the cleanup for leaving `fb` (CPython's `compiler_unwind_fblock`).
    fn unwind_fblock(
        &mut self,
        fb: FBlock<'a>,
        preserve_tos: bool,
        range: TextRange,
    ) -> Result<(), CompileError> {
        for h in fb.handlers.iter().flatten() {
            self.pop_handler(*h);
        }
        match fb.kind {
            FBlockKind::ExceptionGroupHandler => {
                return Err(self.error(
                    "'break', 'continue' and 'return' cannot appear in an except* block",
                    range,
                ));
            }
            FBlockKind::WhileLoop | FBlockKind::ExceptionHandler | FBlockKind::TryExcept => {}
            FBlockKind::ForLoop => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
            }
            FBlockKind::FinallyTry(body) => {
                if preserve_tos {
                    self.unit().fblocks.push(FBlock {
                        kind: FBlockKind::PopValue,
                        start: 0,
                        exit: 0,
                        handlers: [None, None],
                    });
                }
                self.body(body)?;
                if preserve_tos {
                    self.unit().fblocks.pop();
                }
                self.set_loc(range);
            }
            FBlockKind::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
            }
            FBlockKind::With(r, is_async) => {
                self.set_loc(r);
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.call_exit_with_nones();
                if is_async {
                    // Leaving an `async with` by break/continue/return
                    // awaits `__aexit__` too.
                    self.await_top(2)?;
                }
                self.emit(Instr::PopTop);
                self.set_loc(range);
            }
            FBlockKind::HandlerCleanup(name) => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopExcept);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.name_op(n, NameOp::Store)?;
                    self.name_op(n, NameOp::Delete)?;
                }
            }
            FBlockKind::PopValue => {
                if preserve_tos {
                    self.emit(Instr::Swap(2));
                }
                self.emit(Instr::PopTop);
            }
        }
        Ok(())
    }

    /// Unwinds every block (for `return`); returns the saved block state for
    /// the caller to restore after emitting the return.
    fn unwind_all(
        &mut self,
        preserve_tos: bool,
        range: TextRange,
    ) -> Result<(Vec<FBlock<'a>>, Vec<u32>), CompileError> {
        let saved = self.save_blocks();
        while let Some(fb) = self.unit().fblocks.pop() {
            self.unwind_fblock(fb, preserve_tos, range)?;
        }
        Ok(saved)
    }

    /// Unwinds to the innermost loop (for `break`/`continue`).
    #[allow(clippy::type_complexity)]
    fn unwind_to_loop(
        &mut self,
        range: TextRange,
    ) -> Result<((Vec<FBlock<'a>>, Vec<u32>), Option<FBlock<'a>>), CompileError> {
        let saved = self.save_blocks();
        while let Some(fb) = self.unit().fblocks.last().copied() {
            if matches!(fb.kind, FBlockKind::WhileLoop | FBlockKind::ForLoop) {
                return Ok((saved, Some(fb)));
            }
            self.unit().fblocks.pop();
            self.unwind_fblock(fb, false, range)?;
        }
        Ok((saved, None))
    }

    fn push_fblock(
        &mut self,
        kind: FBlockKind<'a>,
        start: Label,
        exit: Label,
        handlers: [Option<u32>; 2],
    ) {
        self.unit().fblocks.push(FBlock {
            kind,
            start,
            exit,
            handlers,
        });
    }

    fn pop_fblock(&mut self) {
        self.unit().fblocks.pop();
    }

    // ------------------------------------------------------ compound stmts

    fn if_stmt(&mut self, s: &'a ast::StmtIf) -> Result<(), CompileError> {
        let end = self.new_label();
        let mut next = self.new_label();
        self.jump_if(&s.test, false, next)?;
        self.body(&s.body)?;
        for clause in &s.elif_else_clauses {
            self.emit_jump_noline(end);
            self.bind(next);
            next = self.new_label();
            let saved = self.set_loc(clause.range());
            if let Some(test) = &clause.test {
                self.jump_if(test, false, next)?;
            }
            self.body(&clause.body)?;
            self.restore_loc(saved);
        }
        self.bind(next);
        self.bind(end);
        Ok(())
    }

    fn emit_jump_noline(&mut self, target: Label) {
        if self.u().reachable {
            self.emit(Instr::Jump(target));
        }
    }

    /// `while`: the test at the top, and again at the bottom of the body
    /// jumping back into it while true, as CPython 3.11's compiler_while
    /// does (one jump per turn instead of two). `continue` goes to the top.
    fn while_stmt(&mut self, s: &'a ast::StmtWhile) -> Result<(), CompileError> {
        let start = self.new_label();
        let body = self.new_label();
        let orelse = self.new_label();
        let end = self.new_label();
        self.bind(start);
        self.push_fblock(FBlockKind::WhileLoop, start, end, [None, None]);
        self.jump_if(&s.test, false, orelse)?;
        self.bind(body);
        self.body(&s.body)?;
        if self.u().reachable {
            let saved = self.set_loc(s.test.range());
            self.jump_if(&s.test, true, body)?;
            self.restore_loc(saved);
        }
        self.pop_fblock();
        self.bind(orelse);
        self.body(&s.orelse)?;
        self.bind(end);
        Ok(())
    }

    // ------------------------------------------------------------- match

    /// `match`: the subject stays on the stack while each case tries its
    /// pattern on a copy; a failing pattern jumps to a chain that pops what
    /// it left and goes on to the next case (CPython 3.11's `fail_pop`).
    fn match_stmt(&mut self, m: &'a ast::StmtMatch) -> Result<(), CompileError> {
        self.expr(&m.subject)?;
        let end = self.new_label();
        let n = m.cases.len();
        for (i, case) in m.cases.iter().enumerate() {
            if i + 1 < n && case.guard.is_none() && case.pattern.is_irrefutable() {
                let msg = match &case.pattern {
                    ast::Pattern::MatchAs(a) if a.pattern.is_none() && a.name.is_some() => {
                        format!(
                            "name capture '{}' makes remaining patterns unreachable",
                            a.name.as_ref().map(|n| n.as_str()).unwrap_or("")
                        )
                    }
                    _ => "wildcard makes remaining patterns unreachable".to_string(),
                };
                return Err(self.error(msg, case.pattern.range()));
            }
            let next = self.new_label();
            let saved = self.set_loc(case.pattern.range());
            let base = self.unit().depth;
            let mut fail = MatchFail::new(base);
            self.emit(Instr::Copy(1));
            self.pattern(&case.pattern, &mut fail)?;
            if let Some(g) = &case.guard {
                self.expr(g)?;
                self.jump_if_false_fail(&mut fail);
            }
            self.emit(Instr::PopTop);
            self.restore_loc(saved);
            self.body(&case.body)?;
            if self.unit().reachable {
                self.emit_jump_noline(end);
            }
            self.emit_fail_chain(&fail, next);
            self.bind(next);
        }
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    /// A conditional jump to the failure chain of `fail`, which pops what is
    /// on the stack above its base.
    fn jump_if_false_fail(&mut self, fail: &mut MatchFail) {
        let count = (self.unit().depth - 1 - fail.base).max(0) as usize;
        let l = self.fail_label(fail, count);
        self.emit(Instr::PopJumpIfFalse(l));
    }

    fn fail_label(&mut self, fail: &mut MatchFail, count: usize) -> Label {
        if fail.labels.len() <= count {
            fail.labels.resize(count + 1, None);
        }
        match fail.labels[count] {
            Some(l) => l,
            None => {
                let l = self.new_label();
                fail.labels[count] = Some(l);
                l
            }
        }
    }

    /// The failure chain: entered at the label for `k` items, it pops them
    /// and jumps to `target`.
    fn emit_fail_chain(&mut self, fail: &MatchFail, target: Label) {
        let mut live = false;
        for c in (0..fail.labels.len()).rev() {
            if let Some(l) = fail.labels[c] {
                self.bind(l);
                live = true;
            }
            if live && c > 0 {
                self.emit(Instr::PopTop);
            }
        }
        if live {
            self.emit_jump_noline(target);
        }
    }

    fn store_capture(&mut self, name: &ast::Identifier) -> Result<(), CompileError> {
        self.name_op(name.as_str(), NameOp::Store)
    }

    /// Matches the top of the stack against `p`: consumes it on success;
    /// on failure jumps into `fail`'s chain.
    fn pattern(&mut self, p: &'a ast::Pattern, fail: &mut MatchFail) -> Result<(), CompileError> {
        use ast::Pattern as P;
        match p {
            P::MatchValue(v) => {
                self.expr(&v.value)?;
                self.emit(Instr::CompareOp(CmpOp::Eq));
                self.jump_if_false_fail(fail);
            }
            P::MatchSingleton(s) => {
                self.load_const(match s.value {
                    ast::Singleton::None => Constant::None,
                    ast::Singleton::True => Constant::True,
                    ast::Singleton::False => Constant::False,
                });
                self.emit(Instr::IsOp(0));
                self.jump_if_false_fail(fail);
            }
            P::MatchAs(a) => match (&a.pattern, &a.name) {
                (None, None) => self.emit(Instr::PopTop),
                (None, Some(n)) => self.store_capture(n)?,
                (Some(sub), name) => {
                    self.emit(Instr::Copy(1));
                    self.pattern(sub, fail)?;
                    match name {
                        Some(n) => self.store_capture(n)?,
                        None => self.emit(Instr::PopTop),
                    }
                }
            },
            P::MatchStar(s) => {
                return Err(self.error("can't use starred name here", s.range));
            }
            P::MatchOr(o) => {
                let success = self.new_label();
                let Some((last, alts)) = o.patterns.split_last() else {
                    return Ok(());
                };
                for alt in alts {
                    let base = self.unit().depth;
                    let mut alt_fail = MatchFail::new(base);
                    self.emit(Instr::Copy(1));
                    self.pattern(alt, &mut alt_fail)?;
                    self.emit(Instr::PopTop);
                    self.emit_jump_noline(success);
                    let next = self.new_label();
                    self.emit_fail_chain(&alt_fail, next);
                    self.bind(next);
                }
                self.pattern(last, fail)?;
                self.bind(success);
            }
            P::MatchSequence(s) => {
                let pats = &s.patterns;
                let stars: Vec<usize> = pats
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| matches!(p, P::MatchStar(_)))
                    .map(|(i, _)| i)
                    .collect();
                if stars.len() > 1 {
                    return Err(self.error("multiple starred names in sequence pattern", s.range));
                }
                let n = pats.len();
                self.emit(Instr::MatchSequence);
                self.jump_if_false_fail(fail);
                self.emit(Instr::GetLen);
                match stars.first() {
                    None => {
                        self.load_const(Constant::Int(n as i64));
                        self.emit(Instr::CompareOp(CmpOp::Eq));
                    }
                    Some(_) => {
                        self.load_const(Constant::Int(n as i64 - 1));
                        self.emit(Instr::CompareOp(CmpOp::Ge));
                    }
                }
                self.jump_if_false_fail(fail);
                match stars.first() {
                    None => self.emit(Instr::UnpackSequence(n as u32)),
                    Some(&i) => {
                        let after = n - i - 1;
                        self.emit(Instr::UnpackEx((i as u32) | ((after as u32) << 8)));
                    }
                }
                for sub in pats {
                    match sub {
                        P::MatchStar(st) => match &st.name {
                            Some(name) => self.store_capture(name)?,
                            None => self.emit(Instr::PopTop),
                        },
                        _ => self.pattern(sub, fail)?,
                    }
                }
            }
            P::MatchMapping(m) => {
                let k = m.keys.len();
                self.emit(Instr::MatchMapping);
                self.jump_if_false_fail(fail);
                if k > 0 {
                    self.emit(Instr::GetLen);
                    self.load_const(Constant::Int(k as i64));
                    self.emit(Instr::CompareOp(CmpOp::Ge));
                    self.jump_if_false_fail(fail);
                }
                // Literal keys must differ (checked at compile time, as CPython).
                let mut seen: Vec<String> = Vec::new();
                for key in m.keys.iter() {
                    let text =
                        &self.source[key.range().start().to_usize()..key.range().end().to_usize()];
                    if matches!(
                        key,
                        ast::Expr::NumberLiteral(_)
                            | ast::Expr::StringLiteral(_)
                            | ast::Expr::BooleanLiteral(_)
                            | ast::Expr::NoneLiteral(_)
                    ) {
                        if seen.iter().any(|s| s == text) {
                            return Err(self.error(
                                format!("mapping pattern checks duplicate key ({text})"),
                                m.range,
                            ));
                        }
                        seen.push(text.to_string());
                    }
                    self.expr(key)?;
                }
                self.emit(Instr::BuildTuple(k as u32));
                if k > 0 {
                    self.emit(Instr::MatchKeys);
                    self.emit(Instr::Copy(1));
                    self.load_const(Constant::None);
                    self.emit(Instr::IsOp(1));
                    self.jump_if_false_fail(fail);
                    self.emit(Instr::UnpackSequence(k as u32));
                    for sub in m.patterns.iter() {
                        self.pattern(sub, fail)?;
                    }
                }
                match &m.rest {
                    Some(rest) => {
                        self.emit(Instr::CopyDictWithoutKeys);
                        self.store_capture(rest)?;
                        self.emit(Instr::PopTop);
                    }
                    None => {
                        self.emit(Instr::PopTop);
                        self.emit(Instr::PopTop);
                    }
                }
            }
            P::MatchClass(c) => {
                let args = &c.arguments;
                let mut names: Vec<&str> = Vec::new();
                for kw in &args.keywords {
                    let a = kw.attr.as_str();
                    if names.contains(&a) {
                        return Err(self.error(
                            format!("attribute name repeated in class pattern: {a}"),
                            kw.attr.range(),
                        ));
                    }
                    names.push(a);
                }
                self.expr(&c.cls)?;
                let consts: Vec<Constant> = names
                    .iter()
                    .map(|n| Constant::Str(std::rc::Rc::from(*n)))
                    .collect();
                self.load_const(Constant::Tuple(consts.into()));
                let npos = args.patterns.len();
                self.emit(Instr::MatchClass(npos as u32));
                self.emit(Instr::Copy(1));
                self.load_const(Constant::None);
                self.emit(Instr::IsOp(1));
                self.jump_if_false_fail(fail);
                self.emit(Instr::UnpackSequence((npos + names.len()) as u32));
                for sub in args.patterns.iter() {
                    self.pattern(sub, fail)?;
                }
                for kw in &args.keywords {
                    self.pattern(&kw.pattern, fail)?;
                }
            }
        }
        Ok(())
    }

    fn for_stmt(&mut self, s: &'a ast::StmtFor) -> Result<(), CompileError> {
        if s.is_async {
            if self.unit().flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) == 0 {
                return Err(self.error("'async for' outside async function", s.range()));
            }
            return self.async_for_stmt(s);
        }
        let start = self.new_label();
        let cleanup = self.new_label();
        let end = self.new_label();
        self.expr(&s.iter)?;
        // GET_ITER and FOR_ITER carry the whole statement's location, as in
        // CPython 3.11 (so tracebacks show the `for` line without carets).
        let saved = self.set_loc(s.range());
        self.emit(Instr::GetIter);
        self.bind(start);
        self.push_fblock(FBlockKind::ForLoop, start, end, [None, None]);
        self.emit(Instr::ForIter(cleanup));
        self.restore_loc(saved);
        self.store_target(&s.target)?;
        self.body(&s.body)?;
        let saved = self.set_loc(s.target.range());
        self.emit_jump_noline(start);
        self.restore_loc(saved);
        self.pop_fblock();
        self.bind(cleanup);
        self.body(&s.orelse)?;
        self.bind(end);
        Ok(())
    }

    /// The protected body and `else` of a `try`, then the entry of its
    /// handlers: `PUSH_EXC_INFO` under the cleanup handler. Returns the end
    /// label, the cleanup label and the cleanup handler.
    fn try_body_and_handler_entry(
        &mut self,
        s: &'a ast::StmtTry,
    ) -> Result<(Label, Label, u32), CompileError> {
        let except = self.new_label();
        let end = self.new_label();
        let cleanup = self.new_label();
        let h_try = self.push_handler(except, false);
        self.push_fblock(FBlockKind::TryExcept, 0, 0, [Some(h_try), None]);
        self.body(&s.body)?;
        self.pop_fblock();
        self.pop_handler(h_try);
        self.emit(Instr::Nop);
        self.body(&s.orelse)?;
        self.emit_jump_noline(end);

        self.bind(except);
        let h_cleanup = self.push_handler(cleanup, true);
        self.emit(Instr::PushExcInfo);
        self.push_fblock(FBlockKind::ExceptionHandler, 0, 0, [None, None]);
        Ok((end, cleanup, h_cleanup))
    }

    fn try_except(&mut self, s: &'a ast::StmtTry) -> Result<(), CompileError> {
        let (end, cleanup, h_cleanup) = self.try_body_and_handler_entry(s)?;
        let n = s.handlers.len();
        for (i, handler) in s.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            let saved = self.set_loc(h.range());
            if h.type_.is_none() && i + 1 < n {
                return Err(self.error("default 'except:' must be last", h.range()));
            }
            let next = self.new_label();
            if let Some(ty) = &h.type_ {
                self.expr(ty)?;
                self.emit(Instr::CheckExcMatch);
                self.emit(Instr::PopJumpIfFalse(next));
            }
            if let Some(name) = &h.name {
                let cleanup_end = self.new_label();
                self.name_op(name.as_str(), NameOp::Store)?;
                let h_name = self.push_handler(cleanup_end, true);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(Some(name.as_str())),
                    0,
                    0,
                    [Some(h_name), Some(h_cleanup)],
                );
                self.body(&h.body)?;
                self.pop_fblock();
                self.pop_handler(h_name);
                self.pop_handler(h_cleanup);
                self.emit(Instr::PopExcept);
                self.load_const(Constant::None);
                self.name_op(name.as_str(), NameOp::Store)?;
                self.name_op(name.as_str(), NameOp::Delete)?;
                self.emit(Instr::Jump(end));
                // The exceptional exit of a named handler: clear the name,
                // then re-raise to `cleanup`.
                self.unit().handler_stack.push(h_cleanup);
                self.bind(cleanup_end);
                self.load_const(Constant::None);
                self.name_op(name.as_str(), NameOp::Store)?;
                self.name_op(name.as_str(), NameOp::Delete)?;
                self.emit(Instr::Reraise(1));
            } else {
                self.emit(Instr::PopTop);
                self.push_fblock(
                    FBlockKind::HandlerCleanup(None),
                    0,
                    0,
                    [Some(h_cleanup), None],
                );
                self.body(&h.body)?;
                self.pop_fblock();
                self.pop_handler(h_cleanup);
                self.emit(Instr::PopExcept);
                self.emit(Instr::Jump(end));
                self.unit().handler_stack.push(h_cleanup);
            }
            self.bind(next);
            self.restore_loc(saved);
        }
        self.pop_fblock();
        self.emit(Instr::Reraise(0));
        self.pop_handler(h_cleanup);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    /// `try ... except*` (PEP 654), as CPython 3.11 compiles it: each clause
    /// splits what is left of the group with `CHECK_EG_MATCH`; what clauses
    /// raise is collected in a list; `PREP_RERAISE_STAR` makes what the
    /// statement raises in the end.
    fn try_star_except(&mut self, s: &'a ast::StmtTry) -> Result<(), CompileError> {
        let reraise_star = self.new_label();
        let (end, cleanup, h_cleanup) = self.try_body_and_handler_entry(s)?;
        for (i, handler) in s.handlers.iter().enumerate() {
            let ast::ExceptHandler::ExceptHandler(h) = handler;
            let saved = self.set_loc(h.range());
            let Some(ty) = &h.type_ else {
                return Err(self.error("expected 'except' or 'finally' block", h.range()));
            };
            if i == 0 {
                // [prev, exc] -> [prev, orig, [], rest]
                self.emit(Instr::Copy(1));
                self.emit(Instr::BuildList(0));
                self.emit(Instr::Swap(2));
            }
            let next = self.new_label();
            let no_match = self.new_label();
            let cleanup_body = self.new_label();
            self.expr(ty)?;
            self.emit(Instr::CheckEgMatch);
            self.emit(Instr::Copy(1));
            self.emit(Instr::PopJumpIfNone(no_match));
            match &h.name {
                Some(name) => self.name_op(name.as_str(), NameOp::Store)?,
                None => self.emit(Instr::PopTop),
            }
            let h_body = self.push_handler(cleanup_body, true);
            self.push_fblock(
                FBlockKind::ExceptionGroupHandler,
                0,
                0,
                [Some(h_body), None],
            );
            self.body(&h.body)?;
            self.pop_fblock();
            self.pop_handler(h_body);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.name_op(name.as_str(), NameOp::Store)?;
                self.name_op(name.as_str(), NameOp::Delete)?;
            }
            self.emit(Instr::Jump(next));
            // What the clause raised joins the list: [.., rest, lasti, exc].
            self.bind(cleanup_body);
            if let Some(name) = &h.name {
                self.load_const(Constant::None);
                self.name_op(name.as_str(), NameOp::Store)?;
                self.name_op(name.as_str(), NameOp::Delete)?;
            }
            self.emit(Instr::ListAppend(3));
            self.emit(Instr::PopTop);
            self.emit(Instr::Jump(next));
            self.bind(no_match);
            self.emit(Instr::PopTop);
            self.bind(next);
            self.restore_loc(saved);
        }
        self.pop_fblock();
        // [prev, orig, list, rest]
        self.emit(Instr::ListAppend(1));
        self.emit(Instr::PrepReraiseStar);
        self.emit(Instr::Copy(1));
        self.emit(Instr::PopJumpIfNotNone(reraise_star));
        // The handlers' cleanup no longer covers what follows (POP_BLOCK).
        self.pop_handler(h_cleanup);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::Jump(end));
        self.bind(reraise_star);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(0));
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(end);
        Ok(())
    }

    fn pop_except_and_reraise(&mut self) {
        self.emit(Instr::Copy(3));
        self.emit(Instr::PopExcept);
        self.emit(Instr::Reraise(1));
    }

    fn try_finally(&mut self, s: &'a ast::StmtTry) -> Result<(), CompileError> {
        let end = self.new_label();
        let exit = self.new_label();
        let cleanup = self.new_label();
        let h = self.push_handler(end, false);
        self.push_fblock(FBlockKind::FinallyTry(&s.finalbody), 0, 0, [Some(h), None]);
        if s.handlers.is_empty() {
            self.body(&s.body)?;
        } else if s.is_star {
            self.try_star_except(s)?;
        } else {
            self.try_except(s)?;
        }
        self.pop_fblock();
        self.pop_handler(h);
        self.body(&s.finalbody)?;
        self.emit_jump_noline(exit);

        self.bind(end);
        let hc = self.push_handler(cleanup, true);
        self.emit(Instr::PushExcInfo);
        self.push_fblock(FBlockKind::FinallyEnd, 0, 0, [Some(hc), None]);
        self.body(&s.finalbody)?;
        self.pop_fblock();
        self.emit(Instr::Reraise(0));
        self.pop_handler(hc);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(exit);
        Ok(())
    }

    fn call_exit_with_nones(&mut self) {
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.load_const(Constant::None);
        self.emit(Instr::Call(3));
    }

    /// `with` (and `async with`, whose enter and exit results are awaited).
    fn with_stmt(
        &mut self,
        s: &'a ast::StmtWith,
        pos: usize,
        is_async: bool,
    ) -> Result<(), CompileError> {
        let Some(item) = s.items.get(pos) else {
            return self.body(&s.body);
        };
        let exit = self.new_label();
        let final_ = self.new_label();
        let cleanup = self.new_label();
        self.expr(&item.context_expr)?;
        let saved = self.set_loc(s.range());
        if is_async {
            self.emit(Instr::BeforeAsyncWith);
            self.await_top(1)?;
        } else {
            self.emit(Instr::BeforeWith);
        }
        self.restore_loc(saved);
        // The handler's depth excludes the `__enter__` result.
        self.unit().depth -= 1;
        let h = self.push_handler(final_, true);
        self.unit().depth += 1;
        self.push_fblock(FBlockKind::With(s.range(), is_async), 0, 0, [Some(h), None]);
        match &item.optional_vars {
            Some(v) => self.store_target(v)?,
            None => self.emit(Instr::PopTop),
        }
        if pos + 1 < s.items.len() {
            self.with_stmt(s, pos + 1, is_async)?;
        } else {
            self.body(&s.body)?;
        }
        self.pop_fblock();
        self.pop_handler(h);
        let saved = self.set_loc(s.range());
        self.call_exit_with_nones();
        if is_async {
            self.await_top(2)?;
        }
        self.emit(Instr::PopTop);
        self.emit(Instr::Jump(exit));

        self.bind(final_);
        let hc = self.push_handler(cleanup, true);
        self.emit(Instr::PushExcInfo);
        self.emit(Instr::WithExceptStart);
        if is_async {
            self.await_top(2)?;
        }
        let suppress = self.new_label();
        self.emit(Instr::PopJumpIfTrue(suppress));
        self.emit(Instr::Reraise(2));
        self.pop_handler(hc);
        self.bind(cleanup);
        self.pop_except_and_reraise();
        self.bind(suppress);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopExcept);
        self.emit(Instr::PopTop);
        self.emit(Instr::PopTop);
        self.restore_loc(saved);
        self.bind(exit);
        Ok(())
    }

    /// Awaits the value on top of the stack (`GET_AWAITABLE where` and the
    /// send loop), leaving its result.
    fn await_top(&mut self, where_: u32) -> Result<(), CompileError> {
        self.emit(Instr::GetAwaitable(where_));
        self.load_const(Constant::None);
        self.yield_from_loop()
    }

    /// `async for`: `__anext__()` awaited each time, until it raises
    /// StopAsyncIteration.
    fn async_for_stmt(&mut self, s: &'a ast::StmtFor) -> Result<(), CompileError> {
        let start = self.new_label();
        let except = self.new_label();
        let end = self.new_label();
        self.expr(&s.iter)?;
        let saved = self.set_loc(s.range());
        self.emit(Instr::GetAiter);
        self.bind(start);
        let h = self.push_handler(except, false);
        // GET_ANEXT already made the awaitable: straight to the send loop.
        self.emit(Instr::GetAnext);
        self.load_const(Constant::None);
        self.yield_from_loop()?;
        self.pop_handler(h);
        self.restore_loc(saved);
        self.push_fblock(FBlockKind::ForLoop, start, end, [None, None]);
        self.store_target(&s.target)?;
        self.body(&s.body)?;
        let saved = self.set_loc(s.target.range());
        self.emit_jump_noline(start);
        self.restore_loc(saved);
        self.pop_fblock();
        self.bind(except);
        let saved = self.set_loc(s.range());
        self.emit(Instr::EndAsyncFor);
        self.restore_loc(saved);
        self.body(&s.orelse)?;
        self.bind(end);
        Ok(())
    }

    fn aug_assign(&mut self, a: &'a ast::StmtAugAssign) -> Result<(), CompileError> {
        let op = binop(a.op).inplace();
        match &*a.target {
            Expr::Name(n) => {
                let saved = self.set_loc(n.range());
                self.name_op(n.id.as_str(), NameOp::Load)?;
                self.restore_loc(saved);
                self.expr(&a.value)?;
                self.emit(Instr::BinaryOp(op));
                let saved = self.set_loc(n.range());
                self.name_op(n.id.as_str(), NameOp::Store)?;
                self.restore_loc(saved);
            }
            Expr::Attribute(at) => {
                self.expr(&at.value)?;
                self.emit(Instr::Copy(1));
                let ni = self.add_name(at.attr.as_str());
                let saved = self.set_loc(at.range());
                self.emit(Instr::LoadAttr(ni));
                self.restore_loc(saved);
                self.expr(&a.value)?;
                self.emit(Instr::BinaryOp(op));
                self.emit(Instr::Swap(2));
                let saved = self.set_loc(at.range());
                self.emit(Instr::StoreAttr(ni));
                self.restore_loc(saved);
            }
            Expr::Subscript(sub) => {
                self.expr(&sub.value)?;
                self.subscript_index(&sub.slice)?;
                self.emit(Instr::Copy(2));
                self.emit(Instr::Copy(2));
                let saved = self.set_loc(sub.range());
                self.emit(Instr::BinarySubscr);
                self.restore_loc(saved);
                self.expr(&a.value)?;
                self.emit(Instr::BinaryOp(op));
                self.emit(Instr::Swap(3));
                self.emit(Instr::Swap(2));
                let saved = self.set_loc(sub.range());
                self.emit(Instr::StoreSubscr);
                self.restore_loc(saved);
            }
            other => {
                return Err(self.error(
                    "'expression' is an illegal expression for augmented assignment",
                    other.range(),
                ))
            }
        }
        Ok(())
    }

    fn ann_assign(&mut self, a: &'a ast::StmtAnnAssign) -> Result<(), CompileError> {
        if let Some(v) = &a.value {
            self.expr(v)?;
            self.store_target(&a.target)?;
        }
        let module_or_class = !self.scope_kind().is_function_like();
        match &*a.target {
            Expr::Name(n) if a.simple && module_or_class => {
                self.expr(&a.annotation)?;
                let ai = self.add_name("__annotations__");
                self.emit(Instr::LoadName(ai));
                let mangled = self.mangle(n.id.as_str());
                self.load_const(Constant::Str(Rc::from(mangled.as_str())));
                self.emit(Instr::StoreSubscr);
            }
            Expr::Attribute(at) if a.value.is_none() => {
                self.expr(&at.value)?;
                self.emit(Instr::PopTop);
                if module_or_class {
                    self.expr(&a.annotation)?;
                    self.emit(Instr::PopTop);
                }
            }
            Expr::Subscript(sub) if a.value.is_none() => {
                self.expr(&sub.value)?;
                self.emit(Instr::PopTop);
                self.subscript_index(&sub.slice)?;
                self.emit(Instr::PopTop);
                if module_or_class {
                    self.expr(&a.annotation)?;
                    self.emit(Instr::PopTop);
                }
            }
            _ => {
                if module_or_class {
                    self.expr(&a.annotation)?;
                    self.emit(Instr::PopTop);
                }
            }
        }
        Ok(())
    }

    // ------------------------------------------------- functions and classes

    fn qualname_for(&self, name: &str, scope: ScopeId) -> String {
        let Some(parent) = self.units.last() else {
            return name.to_string();
        };
        let pscope = &self.table.scopes[parent.scope];
        if pscope.kind == ScopeKind::Module {
            return name.to_string();
        }
        // A name declared global in the parent is qualified from the top.
        let child = &self.table.scopes[scope];
        if matches!(child.kind, ScopeKind::Function | ScopeKind::Class)
            && pscope.scope_of(&self.mangle(name)) == NameScope::GlobalExplicit
        {
            return name.to_string();
        }
        if pscope.kind.is_function_like() {
            format!("{}.<locals>.{}", parent.qualname, name)
        } else {
            format!("{}.{}", parent.qualname, name)
        }
    }

    fn function_def(&mut self, f: &'a ast::StmtFunctionDef) -> Result<(), CompileError> {
        let Some(scope) = self.table.scope_for(f.range()) else {
            return Err(self.internal("function without scope"));
        };
        for d in &f.decorator_list {
            self.expr(&d.expression)?;
        }
        let firstlineno = match f.decorator_list.first() {
            Some(d) => self.position(d.range()).line,
            None => self.position(f.range()).line,
        };
        let mut flags = self.defaults(&f.parameters)?;
        if self.annotations(&f.parameters, f.returns.as_deref())? {
            flags |= mff::ANNOTATIONS;
        }
        let qualname = self.qualname_for(f.name.as_str(), scope);
        self.push_unit(scope, f.name.as_str(), &qualname, firstlineno);
        self.set_arg_counts(&f.parameters);
        let body: &'a [Stmt] = &f.body;
        let rest = match docstring(body) {
            Some(doc) => {
                self.add_const(Constant::Str(Rc::from(doc.as_str())));
                &body[1..]
            }
            None => {
                self.add_const(Constant::None);
                body
            }
        };
        for s in rest {
            self.stmt(s)?;
        }
        if self.u().reachable {
            if let Some(last) = body.last() {
                let (line, _) = self.lines.position(last.range().end().to_usize());
                let line = self.last_line_of(last).unwrap_or(line);
                self.unit().loc = Position {
                    line,
                    end_line: line,
                    col: 0,
                    end_col: 0,
                };
            }
            self.load_const(Constant::None);
            self.emit(Instr::ReturnValue);
        }
        let code = self.pop_unit()?;
        self.make_closure(code, flags)?;
        let saved = self.set_loc(f.range());
        for _ in &f.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(f.name.as_str(), NameOp::Store)?;
        self.restore_loc(saved);
        Ok(())
    }

    fn last_line_of(&self, s: &Stmt) -> Option<u32> {
        Some(self.position(s.range()).end_line)
    }

    fn set_arg_counts(&mut self, p: &ast::Parameters) {
        let u = self.unit();
        u.posonlyargcount = p.posonlyargs.len() as u32;
        u.argcount = (p.posonlyargs.len() + p.args.len()) as u32;
        u.kwonlyargcount = p.kwonlyargs.len() as u32;
        if p.vararg.is_some() {
            u.flags |= code_flags::VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= code_flags::VARKEYWORDS;
        }
    }

    /// Pushes defaults and keyword-only defaults; returns the flags.
    fn defaults(&mut self, p: &'a ast::Parameters) -> Result<u32, CompileError> {
        let mut flags = 0;
        let defaults: Vec<&Expr> = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .filter_map(|a| a.default.as_deref())
            .collect();
        if !defaults.is_empty() {
            for d in &defaults {
                self.expr(d)?;
            }
            self.emit(Instr::BuildTuple(defaults.len() as u32));
            flags |= mff::DEFAULTS;
        }
        let kw: Vec<(&str, &Expr)> = p
            .kwonlyargs
            .iter()
            .filter_map(|a| a.default.as_deref().map(|d| (a.parameter.name.as_str(), d)))
            .collect();
        if !kw.is_empty() {
            for (name, d) in &kw {
                let mangled = self.mangle(name);
                self.load_const(Constant::Str(Rc::from(mangled.as_str())));
                self.expr(d)?;
            }
            self.emit(Instr::BuildMap(kw.len() as u32));
            flags |= mff::KWDEFAULTS;
        }
        Ok(flags)
    }

    /// Evaluates annotations into a dict on the stack; returns whether any.
    fn annotations(
        &mut self,
        p: &'a ast::Parameters,
        returns: Option<&'a Expr>,
    ) -> Result<bool, CompileError> {
        let mut n = 0;
        let all = p
            .posonlyargs
            .iter()
            .chain(p.args.iter())
            .map(|a| &a.parameter)
            .chain(p.vararg.as_deref())
            .chain(p.kwonlyargs.iter().map(|a| &a.parameter))
            .chain(p.kwarg.as_deref());
        let pairs: Vec<(&str, &'a Expr)> = all
            .filter_map(|a| a.annotation.as_deref().map(|e| (a.name.as_str(), e)))
            .collect();
        for (name, e) in pairs {
            let mangled = self.mangle(name);
            self.load_const(Constant::Str(Rc::from(mangled.as_str())));
            self.expr(e)?;
            n += 1;
        }
        if let Some(r) = returns {
            self.load_const(Constant::Str(Rc::from("return")));
            self.expr(r)?;
            n += 1;
        }
        if n > 0 {
            self.emit(Instr::BuildMap(n));
        }
        Ok(n > 0)
    }

    /// Loads `code` and makes a function of it, with its closure.
    fn make_closure(&mut self, code: Rc<CodeObject>, mut flags: u32) -> Result<(), CompileError> {
        if !code.freevars.is_empty() {
            for name in code.freevars.iter() {
                // In a class body, `__class__` refers to the class cell.
                let idx = self.deref_index(name);
                let Some(i) = idx else {
                    return Err(self.internal(&format!("no closure cell for {name}")));
                };
                self.emit(Instr::LoadClosure(i));
            }
            self.emit(Instr::BuildTuple(code.freevars.len() as u32));
            flags |= mff::CLOSURE;
        }
        self.load_const(Constant::Code(code));
        self.emit(Instr::MakeFunction(flags));
        Ok(())
    }

    fn class_def(&mut self, c: &'a ast::StmtClassDef) -> Result<(), CompileError> {
        let Some(scope) = self.table.scope_for(c.range()) else {
            return Err(self.internal("class without scope"));
        };
        for d in &c.decorator_list {
            self.expr(&d.expression)?;
        }
        let firstlineno = match c.decorator_list.first() {
            Some(d) => self.position(d.range()).line,
            None => self.position(c.range()).line,
        };
        let qualname = self.qualname_for(c.name.as_str(), scope);
        self.push_unit(scope, c.name.as_str(), &qualname, firstlineno);
        let mi = self.add_name_raw("__name__");
        self.emit(Instr::LoadName(mi));
        let mo = self.add_name_raw("__module__");
        self.emit(Instr::StoreName(mo));
        self.load_const(Constant::Str(Rc::from(qualname.as_str())));
        let qn = self.add_name_raw("__qualname__");
        self.emit(Instr::StoreName(qn));
        if self.table.scopes[scope].has_annotations {
            self.emit(Instr::SetupAnnotations);
        }
        let body: &'a [Stmt] = &c.body;
        let rest = self.docstring_store(body)?;
        for s in rest {
            self.stmt(s)?;
        }
        if self.table.scopes[scope].has_class_cell {
            let Some(i) = self.deref_index("__class__") else {
                return Err(self.internal("missing __class__ cell"));
            };
            self.emit(Instr::LoadClosure(i));
            self.emit(Instr::Copy(1));
            let cc = self.add_name_raw("__classcell__");
            self.emit(Instr::StoreName(cc));
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;

        let saved = self.set_loc(c.range());
        self.emit(Instr::LoadBuildClass);
        self.make_closure(code, 0)?;
        self.load_const(Constant::Str(Rc::from(c.name.as_str())));
        match &c.arguments {
            Some(args) => self.call_args(&args.args, &args.keywords, 2, false)?,
            None => self.emit(Instr::Call(2)),
        }
        for _ in &c.decorator_list {
            self.emit(Instr::Call(1));
        }
        self.name_op(c.name.as_str(), NameOp::Store)?;
        self.restore_loc(saved);
        Ok(())
    }

    // -------------------------------------------------------------- targets

    fn store_target(&mut self, t: &'a Expr) -> Result<(), CompileError> {
        let saved = self.set_loc(t.range());
        let r = self.store_target_inner(t);
        self.restore_loc(saved);
        r
    }

    fn store_target_inner(&mut self, t: &'a Expr) -> Result<(), CompileError> {
        match t {
            Expr::Name(n) => self.name_op(n.id.as_str(), NameOp::Store),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.add_name(a.attr.as_str());
                self.set_loc(a.range());
                self.emit(Instr::StoreAttr(ni));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.set_loc(s.range());
                self.emit(Instr::StoreSubscr);
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                self.unpack(elts, t.range())?;
                for e in elts {
                    let target = match e {
                        Expr::Starred(s) => &*s.value,
                        other => other,
                    };
                    self.store_target(target)?;
                }
                Ok(())
            }
            Expr::Starred(s) => Err(self.error(
                "starred assignment target must be in a list or tuple",
                s.range(),
            )),
            other => Err(self.error(
                format!("cannot assign to {}", expr_description(other)),
                other.range(),
            )),
        }
    }

    fn unpack(&mut self, elts: &[Expr], range: TextRange) -> Result<(), CompileError> {
        let star = elts.iter().position(|e| matches!(e, Expr::Starred(_)));
        if elts
            .iter()
            .filter(|e| matches!(e, Expr::Starred(_)))
            .count()
            > 1
        {
            return Err(self.error("multiple starred expressions in assignment", range));
        }
        match star {
            Some(i) => {
                let after = elts.len() - i - 1;
                if i >= 256 || after >= (1 << 24) {
                    return Err(
                        self.error("too many expressions in star-unpacking assignment", range)
                    );
                }
                self.emit(Instr::UnpackEx((i as u32) | ((after as u32) << 8)));
            }
            None => self.emit(Instr::UnpackSequence(elts.len() as u32)),
        }
        Ok(())
    }

    fn delete_target(&mut self, t: &'a Expr) -> Result<(), CompileError> {
        let saved = self.set_loc(t.range());
        let r = match t {
            Expr::Name(n) => self.name_op(n.id.as_str(), NameOp::Delete),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.add_name(a.attr.as_str());
                self.set_loc(a.range());
                self.emit(Instr::DeleteAttr(ni));
                Ok(())
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.set_loc(s.range());
                self.emit(Instr::DeleteSubscr);
                Ok(())
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                for e in elts {
                    self.delete_target(e)?;
                }
                Ok(())
            }
            other => Err(self.error(
                format!("cannot delete {}", expr_description(other)),
                other.range(),
            )),
        };
        self.restore_loc(saved);
        r
    }

    // ----------------------------------------------------------- conditions

    /// Jumps to `target` if `e` is truthy (`cond`) or falsy (`!cond`).
    /// Mirrors CPython's `compiler_jump_if`.
    fn jump_if(&mut self, e: &'a Expr, cond: bool, target: Label) -> Result<(), CompileError> {
        if let Some(truth) = literal_truth(e) {
            // A literal test: the jump is decided now, as CPython 3.11's
            // optimizer makes of LOAD_CONST and a conditional jump (a NOP
            // keeps the line).
            let saved = self.set_loc(e.range());
            self.emit(if truth == cond {
                Instr::Jump(target)
            } else {
                Instr::Nop
            });
            self.restore_loc(saved);
            return Ok(());
        }
        match e {
            Expr::UnaryOp(u) if u.op == ast::UnaryOp::Not => {
                return self.jump_if(&u.operand, !cond, target);
            }
            Expr::BoolOp(b) => {
                let is_or = b.op == ast::BoolOp::Or;
                let (last, rest) = match b.values.split_last() {
                    Some(x) => x,
                    None => return Ok(()),
                };
                if cond != is_or {
                    // Short-circuits away from the target.
                    let next = self.new_label();
                    for v in rest {
                        self.jump_if(v, !cond, next)?;
                    }
                    self.jump_if(last, cond, target)?;
                    self.bind(next);
                } else {
                    for v in rest {
                        self.jump_if(v, cond, target)?;
                    }
                    self.jump_if(last, cond, target)?;
                }
                return Ok(());
            }
            Expr::If(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, false, next)?;
                self.jump_if(&i.body, cond, target)?;
                self.emit(Instr::Jump(end));
                self.bind(next);
                self.jump_if(&i.orelse, cond, target)?;
                self.bind(end);
                return Ok(());
            }
            // `x is None` / `x is not None`: one jump on the value, as
            // CPython 3.11's peephole pass makes of LOAD_CONST None, IS_OP
            // and the conditional jump.
            Expr::Compare(c)
                if c.ops.len() == 1
                    && matches!(c.ops[0], ast::CmpOp::Is | ast::CmpOp::IsNot)
                    && matches!(c.comparators.first(), Some(Expr::NoneLiteral(_))) =>
            {
                self.check_compare(c, e.range());
                self.expr(&c.left)?;
                let saved = self.set_loc(e.range());
                let jump_if_none = cond == (c.ops[0] == ast::CmpOp::Is);
                self.emit(if jump_if_none {
                    Instr::PopJumpIfNone(target)
                } else {
                    Instr::PopJumpIfNotNone(target)
                });
                self.restore_loc(saved);
                return Ok(());
            }
            Expr::Compare(c) if c.ops.len() > 1 => {
                self.check_compare(c, e.range());
                let saved = self.set_loc(e.range());
                self.expr(&c.left)?;
                let n = c.ops.len() - 1;
                let cleanup = self.new_label();
                for i in 0..n {
                    self.expr(&c.comparators[i])?;
                    self.emit(Instr::Swap(2));
                    self.emit(Instr::Copy(2));
                    self.set_loc(e.range());
                    self.compare_op(c.ops[i]);
                    self.emit(Instr::PopJumpIfFalse(cleanup));
                }
                self.expr(&c.comparators[n])?;
                self.set_loc(e.range());
                self.compare_op(c.ops[n]);
                self.emit(if cond {
                    Instr::PopJumpIfTrue(target)
                } else {
                    Instr::PopJumpIfFalse(target)
                });
                let end = self.new_label();
                self.emit(Instr::Jump(end));
                self.bind(cleanup);
                self.emit(Instr::PopTop);
                if !cond {
                    self.emit(Instr::Jump(target));
                }
                self.bind(end);
                self.restore_loc(saved);
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        self.emit(if cond {
            Instr::PopJumpIfTrue(target)
        } else {
            Instr::PopJumpIfFalse(target)
        });
        Ok(())
    }

    fn compare_op(&mut self, op: ast::CmpOp) {
        self.emit(match op {
            ast::CmpOp::Eq => Instr::CompareOp(CmpOp::Eq),
            ast::CmpOp::NotEq => Instr::CompareOp(CmpOp::Ne),
            ast::CmpOp::Lt => Instr::CompareOp(CmpOp::Lt),
            ast::CmpOp::LtE => Instr::CompareOp(CmpOp::Le),
            ast::CmpOp::Gt => Instr::CompareOp(CmpOp::Gt),
            ast::CmpOp::GtE => Instr::CompareOp(CmpOp::Ge),
            ast::CmpOp::Is => Instr::IsOp(0),
            ast::CmpOp::IsNot => Instr::IsOp(1),
            ast::CmpOp::In => Instr::ContainsOp(0),
            ast::CmpOp::NotIn => Instr::ContainsOp(1),
        });
    }

    // ---------------------------------------------------------- expressions

    fn expr(&mut self, e: &'a Expr) -> Result<(), CompileError> {
        match e {
            Expr::Compare(c) => self.check_compare(c, e.range()),
            Expr::Call(c) => self.check_caller(c, e.range()),
            Expr::Subscript(sub) if sub.ctx == ast::ExprContext::Load => {
                self.check_subscript(sub, e.range())
            }
            _ => {}
        }
        let saved = self.set_loc(e.range());
        let r = self.expr_inner(e);
        self.restore_loc(saved);
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> Result<(), CompileError> {
        if let Some(c) = fold_constant(e) {
            self.load_const(c);
            return Ok(());
        }
        match e {
            Expr::BoolOp(b) => {
                let end = self.new_label();
                let n = b.values.len();
                for (i, v) in b.values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < n {
                        self.emit(match b.op {
                            ast::BoolOp::And => Instr::JumpIfFalseOrPop(end),
                            ast::BoolOp::Or => Instr::JumpIfTrueOrPop(end),
                        });
                    }
                }
                self.bind(end);
            }
            Expr::Named(n) => {
                self.expr(&n.value)?;
                self.emit(Instr::Copy(1));
                self.store_target(&n.target)?;
            }
            Expr::BinOp(b) => {
                self.expr(&b.left)?;
                self.expr(&b.right)?;
                self.emit(Instr::BinaryOp(binop(b.op)));
            }
            Expr::UnaryOp(u) => {
                self.expr(&u.operand)?;
                self.emit(match u.op {
                    ast::UnaryOp::Invert => Instr::UnaryInvert,
                    ast::UnaryOp::Not => Instr::UnaryNot,
                    ast::UnaryOp::UAdd => Instr::UnaryPositive,
                    ast::UnaryOp::USub => Instr::UnaryNegative,
                });
            }
            Expr::Lambda(l) => self.lambda(l, e.range())?,
            Expr::If(i) => {
                let end = self.new_label();
                let next = self.new_label();
                self.jump_if(&i.test, false, next)?;
                self.expr(&i.body)?;
                self.emit(Instr::Jump(end));
                self.bind(next);
                self.expr(&i.orelse)?;
                self.bind(end);
            }
            Expr::Dict(d) => self.dict_display(d)?,
            Expr::Set(s) => self.sequence_display(&s.elts, Seq::Set)?,
            Expr::List(l) => {
                if l.ctx != ast::ExprContext::Load {
                    return Err(self.error("invalid syntax", l.range()));
                }
                self.sequence_display(&l.elts, Seq::List)?
            }
            Expr::Tuple(t) => {
                if t.ctx != ast::ExprContext::Load {
                    return Err(self.error("invalid syntax", t.range()));
                }
                self.sequence_display(&t.elts, Seq::Tuple)?
            }
            Expr::ListComp(c) => {
                self.comprehension(e.range(), &c.generators, Comp::List(&c.elt))?
            }
            Expr::SetComp(c) => self.comprehension(e.range(), &c.generators, Comp::Set(&c.elt))?,
            Expr::DictComp(c) => {
                let Some(key) = c.key.as_deref() else {
                    return Err(self.error(
                        "dict unpacking cannot be used in dict comprehension",
                        e.range(),
                    ));
                };
                self.comprehension(e.range(), &c.generators, Comp::Dict(key, &c.value))?
            }
            Expr::Generator(c) => {
                self.comprehension(e.range(), &c.generators, Comp::Gen(&c.elt))?
            }
            Expr::Await(a) => {
                self.expr(&a.value)?;
                self.await_top(0)?;
            }
            Expr::Yield(y) => {
                match &y.value {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                if self.unit().flags & code_flags::ASYNC_GENERATOR != 0 {
                    self.emit(Instr::AsyncGenWrap);
                }
                self.emit(Instr::YieldValue);
            }
            Expr::YieldFrom(y) => {
                if self.unit().flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) != 0 {
                    return Err(self.error("'yield from' inside async function", e.range()));
                }
                self.expr(&y.value)?;
                self.emit(Instr::GetYieldFromIter);
                self.load_const(Constant::None);
                self.yield_from_loop()?;
            }
            Expr::Compare(c) => self.compare(c, e.range())?,
            Expr::Call(c) => self.call(c)?,
            Expr::FString(f) => self.fstring(f)?,
            Expr::TString(t) => return Err(self.error("invalid syntax", t.range())),
            Expr::StringLiteral(s) => {
                self.load_const(Constant::Str(Rc::from(s.value.to_str())));
            }
            Expr::BytesLiteral(b) => {
                let bytes: Vec<u8> = b.value.bytes().collect();
                self.load_const(Constant::Bytes(bytes.into()));
            }
            Expr::NumberLiteral(n) => self.load_const(number_constant(&n.value)),
            Expr::BooleanLiteral(b) => self.load_const(if b.value {
                Constant::True
            } else {
                Constant::False
            }),
            Expr::NoneLiteral(_) => self.load_const(Constant::None),
            Expr::EllipsisLiteral(_) => self.load_const(Constant::Ellipsis),
            Expr::Attribute(a) => {
                self.expr(&a.value)?;
                let ni = self.add_name(a.attr.as_str());
                self.set_loc(a.range());
                self.emit(Instr::LoadAttr(ni));
            }
            Expr::Subscript(s) => {
                self.expr(&s.value)?;
                self.subscript_index(&s.slice)?;
                self.set_loc(s.range());
                self.emit(Instr::BinarySubscr);
            }
            Expr::Starred(s) => {
                return Err(self.error("can't use starred expression here", s.range()));
            }
            Expr::Name(n) => self.name_op(n.id.as_str(), NameOp::Load)?,
            Expr::Slice(s) => {
                return Err(self.error("invalid syntax", s.range()));
            }
            Expr::IpyEscapeCommand(i) => return Err(self.error("invalid syntax", i.range())),
        }
        Ok(())
    }

    /// `[receiver, value]` on the stack: delegates until the receiver returns.
    fn yield_from_loop(&mut self) -> Result<(), CompileError> {
        let start = self.new_label();
        let exit = self.new_label();
        self.bind(start);
        self.emit(Instr::Send(exit));
        self.emit(Instr::YieldValue);
        self.emit(Instr::Jump(start));
        self.bind(exit);
        Ok(())
    }

    fn subscript_index(&mut self, e: &'a Expr) -> Result<(), CompileError> {
        match e {
            Expr::Slice(s) => {
                let saved = self.set_loc(s.range());
                let mut n = 2;
                match &s.lower {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                match &s.upper {
                    Some(v) => self.expr(v)?,
                    None => self.load_const(Constant::None),
                }
                if let Some(st) = &s.step {
                    self.expr(st)?;
                    n = 3;
                }
                self.emit(Instr::BuildSlice(n));
                self.restore_loc(saved);
                Ok(())
            }
            Expr::Tuple(t) if t.elts.iter().any(|x| matches!(x, Expr::Slice(_))) => {
                for x in &t.elts {
                    self.subscript_index(x)?;
                }
                self.emit(Instr::BuildTuple(t.elts.len() as u32));
                Ok(())
            }
            other => self.expr(other),
        }
    }

    fn compare(&mut self, c: &'a ast::ExprCompare, range: TextRange) -> Result<(), CompileError> {
        self.expr(&c.left)?;
        let n = c.ops.len();
        if n == 1 {
            self.expr(&c.comparators[0])?;
            self.set_loc(range);
            self.compare_op(c.ops[0]);
            return Ok(());
        }
        let cleanup = self.new_label();
        for i in 0..n - 1 {
            self.expr(&c.comparators[i])?;
            self.emit(Instr::Swap(2));
            self.emit(Instr::Copy(2));
            self.set_loc(range);
            self.compare_op(c.ops[i]);
            self.emit(Instr::JumpIfFalseOrPop(cleanup));
        }
        self.expr(&c.comparators[n - 1])?;
        self.set_loc(range);
        self.compare_op(c.ops[n - 1]);
        let end = self.new_label();
        self.emit(Instr::Jump(end));
        self.bind(cleanup);
        self.emit(Instr::Swap(2));
        self.emit(Instr::PopTop);
        self.bind(end);
        Ok(())
    }

    fn sequence_display(&mut self, elts: &'a [Expr], kind: Seq) -> Result<(), CompileError> {
        let has_star = elts.iter().any(|e| matches!(e, Expr::Starred(_)));
        if !has_star {
            for e in elts {
                self.expr(e)?;
            }
            let n = elts.len() as u32;
            self.emit(match kind {
                Seq::List => Instr::BuildList(n),
                Seq::Tuple => Instr::BuildTuple(n),
                Seq::Set => Instr::BuildSet(n),
            });
            return Ok(());
        }
        // Starred items: build a list (or set) and extend it piece by piece.
        let mut pending = 0u32;
        let mut built = false;
        for e in elts {
            match e {
                Expr::Starred(s) => {
                    if !built {
                        self.emit(match kind {
                            Seq::Set => Instr::BuildSet(pending),
                            _ => Instr::BuildList(pending),
                        });
                        built = true;
                        pending = 0;
                    }
                    self.expr(&s.value)?;
                    self.emit(match kind {
                        Seq::Set => Instr::SetUpdate(1),
                        _ => Instr::ListExtend(1),
                    });
                }
                other => {
                    self.expr(other)?;
                    if built {
                        self.emit(match kind {
                            Seq::Set => Instr::SetAdd(1),
                            _ => Instr::ListAppend(1),
                        });
                    } else {
                        pending += 1;
                    }
                }
            }
        }
        if matches!(kind, Seq::Tuple) {
            self.emit(Instr::ListToTuple);
        }
        Ok(())
    }

    fn dict_display(&mut self, d: &'a ast::ExprDict) -> Result<(), CompileError> {
        let mut pending = 0u32;
        let mut built = false;
        for item in &d.items {
            match &item.key {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(&item.value)?;
                    pending += 1;
                }
                None => {
                    if pending > 0 || !built {
                        self.emit(Instr::BuildMap(pending));
                        if built {
                            self.emit(Instr::DictUpdate(1));
                        }
                        built = true;
                        pending = 0;
                    }
                    self.expr(&item.value)?;
                    self.emit(Instr::DictUpdate(1));
                }
            }
        }
        if !built || pending > 0 {
            self.emit(Instr::BuildMap(pending));
            if built {
                self.emit(Instr::DictUpdate(1));
            }
        }
        Ok(())
    }

    fn lambda(&mut self, l: &'a ast::ExprLambda, range: TextRange) -> Result<(), CompileError> {
        let Some(scope) = self.table.scope_for(range) else {
            return Err(self.internal("lambda without scope"));
        };
        let flags = match &l.parameters {
            Some(p) => self.defaults(p)?,
            None => 0,
        };
        let qualname = self.qualname_for("<lambda>", scope);
        let line = self.position(range).line;
        self.push_unit(scope, "<lambda>", &qualname, line);
        if let Some(p) = &l.parameters {
            self.set_arg_counts(p);
        }
        self.add_const(Constant::None);
        self.expr(&l.body)?;
        self.emit(Instr::ReturnValue);
        let code = self.pop_unit()?;
        self.make_closure(code, flags)
    }

    fn comprehension(
        &mut self,
        range: TextRange,
        generators: &'a [ast::Comprehension],
        what: Comp<'a>,
    ) -> Result<(), CompileError> {
        let Some(scope) = self.table.scope_for(range) else {
            return Err(self.internal("comprehension without scope"));
        };
        let Some(first) = generators.first() else {
            return Err(self.internal("empty comprehension"));
        };
        let name = match what {
            Comp::List(_) => "<listcomp>",
            Comp::Set(_) => "<setcomp>",
            Comp::Dict(..) => "<dictcomp>",
            Comp::Gen(_) => "<genexpr>",
        };
        let qualname = self.qualname_for(name, scope);
        let line = self.position(range).line;
        // An `async for` clause or an `await` makes it asynchronous: a
        // coroutine to await (an async generator for a generator expression).
        let own_async =
            self.table.scopes[scope].is_coroutine || generators.iter().any(|g| g.is_async);
        if own_async
            && !matches!(what, Comp::Gen(_))
            && self.unit().flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) == 0
            && self.scope_kind() != ScopeKind::Comprehension
        {
            return Err(self.error(
                "asynchronous comprehension outside of an asynchronous function",
                range,
            ));
        }
        self.push_unit(scope, name, &qualname, line);
        self.unit().argcount = 1;
        match what {
            Comp::List(_) => self.emit(Instr::BuildList(0)),
            Comp::Set(_) => self.emit(Instr::BuildSet(0)),
            Comp::Dict(..) => self.emit(Instr::BuildMap(0)),
            Comp::Gen(_) => {}
        }
        self.comprehension_generator(generators, 0, what)?;
        // Awaiting anything (its own `async for` or `await`, or an inner
        // async comprehension) makes it a coroutine its caller awaits.
        let is_async = !matches!(what, Comp::Gen(_))
            && self
                .unit()
                .instrs
                .iter()
                .any(|i| matches!(i, Instr::Send(_)));
        if is_async {
            self.unit().flags |= code_flags::COROUTINE;
        }
        if !matches!(what, Comp::Gen(_)) {
            self.emit(Instr::ReturnValue);
        } else {
            self.load_const(Constant::None);
            self.emit(Instr::ReturnValue);
        }
        let code = self.pop_unit()?;
        self.make_closure(code, 0)?;
        self.expr(&first.iter)?;
        let saved = self.set_loc(range);
        self.emit(if first.is_async {
            Instr::GetAiter
        } else {
            Instr::GetIter
        });
        self.emit(Instr::Call(1));
        if is_async {
            self.await_top(0)?;
        }
        self.restore_loc(saved);
        Ok(())
    }

    fn comprehension_generator(
        &mut self,
        generators: &'a [ast::Comprehension],
        index: usize,
        what: Comp<'a>,
    ) -> Result<(), CompileError> {
        let g = &generators[index];
        let start = self.new_label();
        let if_cleanup = self.new_label();
        let anchor = self.new_label();
        if index == 0 {
            let i = self.varname_index(".0");
            self.emit(Instr::LoadFast(i));
        } else {
            self.expr(&g.iter)?;
            self.emit(if g.is_async {
                Instr::GetAiter
            } else {
                Instr::GetIter
            });
        }
        self.bind(start);
        if g.is_async {
            // As `async for`: await __anext__() until StopAsyncIteration,
            // which the handler at `anchor` turns into the loop's end.
            let h = self.push_handler(anchor, false);
            self.emit(Instr::GetAnext);
            self.load_const(Constant::None);
            self.yield_from_loop()?;
            self.pop_handler(h);
        } else {
            self.emit(Instr::ForIter(anchor));
        }
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, if_cleanup)?;
        }
        if index + 1 < generators.len() {
            self.comprehension_generator(generators, index + 1, what)?;
        } else {
            // The result container sits below one iterator per generator.
            let depth = generators.len() as u32 + 1;
            match what {
                Comp::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::ListAppend(depth));
                }
                Comp::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Instr::SetAdd(depth));
                }
                Comp::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instr::MapAdd(depth));
                }
                Comp::Gen(elt) => {
                    self.expr(elt)?;
                    if self.unit().flags & code_flags::ASYNC_GENERATOR != 0 {
                        self.emit(Instr::AsyncGenWrap);
                    }
                    self.emit(Instr::YieldValue);
                    self.emit(Instr::PopTop);
                }
            }
        }
        self.bind(if_cleanup);
        self.emit(Instr::Jump(start));
        self.bind(anchor);
        if g.is_async {
            self.emit(Instr::EndAsyncFor);
        }
        Ok(())
    }

    fn call(&mut self, c: &'a ast::ExprCall) -> Result<(), CompileError> {
        let args = &c.arguments;
        let simple = !args.args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !args.keywords.iter().any(|k| k.arg.is_none());
        if let Expr::Attribute(a) = &*c.func {
            if simple && a.ctx == ast::ExprContext::Load {
                self.expr(&a.value)?;
                let ni = self.add_name(a.attr.as_str());
                let saved = self.set_loc(a.range());
                self.emit(Instr::LoadMethod(ni));
                self.restore_loc(saved);
                for arg in args.args.iter() {
                    self.expr(arg)?;
                }
                let n = args.args.len() as u32;
                if args.keywords.is_empty() {
                    self.emit(Instr::CallMethod(n));
                } else {
                    let names = self.keyword_values(&args.keywords)?;
                    self.load_const(Constant::Tuple(names.into()));
                    self.emit(Instr::CallMethodKw(n + args.keywords.len() as u32));
                }
                return Ok(());
            }
        }
        self.expr(&c.func)?;
        self.call_args(&args.args, &args.keywords, 0, true)
    }

    /// Pushes keyword values; returns their names.
    fn keyword_values(&mut self, kws: &'a [ast::Keyword]) -> Result<Vec<Constant>, CompileError> {
        let mut names = Vec::new();
        for k in kws {
            self.expr(&k.value)?;
            if let Some(a) = &k.arg {
                if names
                    .iter()
                    .any(|n| matches!(n, Constant::Str(s) if &**s == a.as_str()))
                {
                    return Err(self.error(
                        format!("keyword argument repeated: {}", a.as_str()),
                        k.range(),
                    ));
                }
                names.push(Constant::Str(Rc::from(a.as_str())));
            }
        }
        Ok(names)
    }

    /// Emits the arguments and the call; `pushed` arguments are already on
    /// the stack after the callable.
    fn call_args(
        &mut self,
        args: &'a [Expr],
        kws: &'a [ast::Keyword],
        pushed: u32,
        _plain: bool,
    ) -> Result<(), CompileError> {
        let simple = !args.iter().any(|a| matches!(a, Expr::Starred(_)))
            && !kws.iter().any(|k| k.arg.is_none());
        if simple {
            for a in args {
                self.expr(a)?;
            }
            let n = pushed + args.len() as u32;
            if kws.is_empty() {
                self.emit(Instr::Call(n));
            } else {
                let names = self.keyword_values(kws)?;
                self.load_const(Constant::Tuple(names.into()));
                self.emit(Instr::CallKw(n + kws.len() as u32));
            }
            return Ok(());
        }
        // General form: a tuple of positionals and a dict of keywords. A lone
        // `*x` goes to CALL_FUNCTION_EX as it is (it makes the tuple, and
        // names the callee if `x` is not iterable), as CPython 3.11 does.
        let mut pending = pushed;
        let mut built = false;
        let lone_star = match args {
            [Expr::Starred(s)] if pushed == 0 => Some(s),
            _ => None,
        };
        if let Some(s) = lone_star {
            self.expr(&s.value)?;
        }
        for a in args.iter().filter(|_| lone_star.is_none()) {
            match a {
                Expr::Starred(s) => {
                    if !built {
                        self.emit(Instr::BuildList(pending));
                        built = true;
                        pending = 0;
                    }
                    self.expr(&s.value)?;
                    self.emit(Instr::ListExtend(1));
                }
                other => {
                    self.expr(other)?;
                    if built {
                        self.emit(Instr::ListAppend(1));
                    } else {
                        pending += 1;
                    }
                }
            }
        }
        if built {
            self.emit(Instr::ListToTuple);
        } else if lone_star.is_none() {
            self.emit(Instr::BuildTuple(pending));
        }
        let mut flag = 0;
        if !kws.is_empty() {
            flag = 1;
            let mut npending = 0u32;
            let mut dict_built = false;
            for k in kws {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Constant::Str(Rc::from(name.as_str())));
                        self.expr(&k.value)?;
                        npending += 1;
                    }
                    None => {
                        if npending > 0 || !dict_built {
                            self.emit(Instr::BuildMap(npending));
                            if dict_built {
                                self.emit(Instr::DictMerge(1));
                            }
                            dict_built = true;
                            npending = 0;
                        }
                        self.expr(&k.value)?;
                        self.emit(Instr::DictMerge(1));
                    }
                }
            }
            if npending > 0 {
                self.emit(Instr::BuildMap(npending));
                if dict_built {
                    self.emit(Instr::DictMerge(1));
                }
            }
        }
        self.emit(Instr::CallFunctionEx(flag));
        Ok(())
    }

    fn fstring(&mut self, f: &'a ast::ExprFString) -> Result<(), CompileError> {
        let mut count = 0u32;
        for part in f.value.as_slice() {
            match part {
                ast::FStringPart::Literal(l) => {
                    if !l.value.is_empty() {
                        self.load_const(Constant::Str(Rc::from(&*l.value)));
                        count += 1;
                    }
                }
                ast::FStringPart::FString(fs) => {
                    count += self.fstring_elements(&fs.elements)?;
                }
            }
        }
        match count {
            0 => self.load_const(Constant::Str(Rc::from(""))),
            1 => {
                // A lone literal is already a str; a lone value went through
                // FORMAT_VALUE, which produces a str.
            }
            n => self.emit(Instr::BuildString(n)),
        }
        Ok(())
    }

    fn fstring_elements(
        &mut self,
        elements: &'a ast::InterpolatedStringElements,
    ) -> Result<u32, CompileError> {
        let mut count = 0;
        for el in elements.iter() {
            match el {
                ast::InterpolatedStringElement::Literal(l) => {
                    if !l.value.is_empty() {
                        self.load_const(Constant::Str(Rc::from(&*l.value)));
                        count += 1;
                    }
                }
                ast::InterpolatedStringElement::Interpolation(i) => {
                    let mut conv = match i.conversion {
                        ast::ConversionFlag::None => format_flags::CONV_NONE,
                        ast::ConversionFlag::Str => format_flags::CONV_STR,
                        ast::ConversionFlag::Repr => format_flags::CONV_REPR,
                        ast::ConversionFlag::Ascii => format_flags::CONV_ASCII,
                    };
                    if let Some(debug) = &i.debug_text {
                        // `f"{x=}"`: the source text, then the repr by default.
                        let expr_src = self
                            .source
                            .get(
                                i.expression.range().start().to_usize()
                                    ..i.expression.range().end().to_usize(),
                            )
                            .unwrap_or("");
                        let text = format!("{}{}{}", debug.leading(), expr_src, debug.trailing());
                        self.load_const(Constant::Str(Rc::from(text.as_str())));
                        count += 1;
                        if conv == format_flags::CONV_NONE && i.format_spec.is_none() {
                            conv = format_flags::CONV_REPR;
                        }
                    }
                    self.expr(&i.expression)?;
                    let mut flags = conv;
                    if let Some(spec) = &i.format_spec {
                        let n = self.fstring_elements(&spec.elements)?;
                        match n {
                            0 => self.load_const(Constant::Str(Rc::from(""))),
                            1 => {}
                            n => self.emit(Instr::BuildString(n)),
                        }
                        flags |= format_flags::HAVE_SPEC;
                    }
                    self.emit(Instr::FormatValue(flags));
                    count += 1;
                }
            }
        }
        Ok(count)
    }
}

#[derive(Clone, Copy)]
enum Seq {
    List,
    Tuple,
    Set,
}

#[derive(Clone, Copy)]
enum Comp<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn number_constant(n: &ast::Number) -> Constant {
    match n {
        ast::Number::Int(i) => int_constant(i),
        ast::Number::Float(f) => Constant::Float(*f),
        ast::Number::Complex { real, imag } => Constant::Complex {
            re: *real,
            im: *imag,
        },
    }
}

/// Constant folding, as CPython's AST optimizer does for the cases whose
/// results are visible (`-1` is one constant; so is `(1, 2)`).
fn fold_constant(e: &Expr) -> Option<Constant> {
    match e {
        Expr::UnaryOp(u) if u.op == ast::UnaryOp::USub => match &*u.operand {
            Expr::NumberLiteral(n) => match number_constant(&n.value) {
                Constant::Int(i) => Some(match i.checked_neg() {
                    Some(v) => Constant::Int(v),
                    None => Constant::BigInt(-BigInt::from(i)),
                }),
                Constant::BigInt(b) => {
                    let neg = -b;
                    Some(match i64::try_from(&neg) {
                        Ok(v) => Constant::Int(v),
                        Err(_) => Constant::BigInt(neg),
                    })
                }
                Constant::Float(f) => Some(Constant::Float(-f)),
                Constant::Complex { re, im } => Some(Constant::Complex { re: -re, im: -im }),
                _ => None,
            },
            _ => None,
        },
        Expr::Tuple(t) if t.ctx == ast::ExprContext::Load && !t.elts.is_empty() => {
            let mut items = Vec::with_capacity(t.elts.len());
            for x in &t.elts {
                items.push(literal_constant(x)?);
            }
            Some(Constant::Tuple(items.into()))
        }
        _ => None,
    }
}

fn literal_constant(e: &Expr) -> Option<Constant> {
    match e {
        Expr::NumberLiteral(n) => Some(number_constant(&n.value)),
        Expr::StringLiteral(s) => Some(Constant::Str(Rc::from(s.value.to_str()))),
        Expr::BytesLiteral(b) => {
            let bytes: Vec<u8> = b.value.bytes().collect();
            Some(Constant::Bytes(bytes.into()))
        }
        Expr::BooleanLiteral(b) => Some(if b.value {
            Constant::True
        } else {
            Constant::False
        }),
        Expr::NoneLiteral(_) => Some(Constant::None),
        Expr::EllipsisLiteral(_) => Some(Constant::Ellipsis),
        other => fold_constant(other),
    }
}

/// The truth of a literal whose truth is known without running anything
/// (`True`, `None`, `0`, `"x"`), for tests that need no evaluation.
fn literal_truth(e: &Expr) -> Option<bool> {
    match literal_constant(e)? {
        Constant::True => Some(true),
        Constant::False | Constant::None => Some(false),
        Constant::Int(v) => Some(v != 0),
        Constant::Str(s) => Some(!s.is_empty()),
        _ => None,
    }
}

fn is_constant_expr(e: &Expr) -> bool {
    matches!(
        e,
        Expr::StringLiteral(_)
            | Expr::BytesLiteral(_)
            | Expr::NumberLiteral(_)
            | Expr::BooleanLiteral(_)
            | Expr::NoneLiteral(_)
            | Expr::EllipsisLiteral(_)
    )
}

/// The docstring of a body: its first statement, if a plain string literal.
fn docstring(body: &[Stmt]) -> Option<String> {
    match body.first()? {
        Stmt::Expr(e) => match &*e.value {
            Expr::StringLiteral(s) => Some(s.value.to_str().to_string()),
            _ => None,
        },
        _ => None,
    }
}

/// How CPython names an expression in "cannot assign to ..." messages.
pub fn expr_description(e: &Expr) -> &'static str {
    match e {
        Expr::Call(_) => "function call",
        Expr::BoolOp(_) | Expr::BinOp(_) | Expr::UnaryOp(_) => "expression",
        Expr::Lambda(_) => "lambda",
        Expr::If(_) => "conditional expression",
        Expr::Dict(_) => "dict literal",
        Expr::Set(_) => "set display",
        Expr::ListComp(_) => "list comprehension",
        Expr::SetComp(_) => "set comprehension",
        Expr::DictComp(_) => "dict comprehension",
        Expr::Generator(_) => "generator expression",
        Expr::Await(_) => "await expression",
        Expr::Yield(_) | Expr::YieldFrom(_) => "yield expression",
        Expr::Compare(_) => "comparison",
        Expr::FString(_) => "f-string expression",
        Expr::NumberLiteral(_) | Expr::StringLiteral(_) | Expr::BytesLiteral(_) => "literal",
        Expr::BooleanLiteral(b) => {
            if b.value {
                "True"
            } else {
                "False"
            }
        }
        Expr::NoneLiteral(_) => "None",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Named(_) => "named expression",
        _ => "expression",
    }
}

/// Whether `e` is, after CPython's constant folding, a constant other than
/// None, True, False and Ellipsis: what `is` should not compare with
/// (`check_is_arg`).
fn literal_for_is(e: &Expr) -> bool {
    match e {
        Expr::NoneLiteral(_) | Expr::BooleanLiteral(_) | Expr::EllipsisLiteral(_) => false,
        _ => folds_to_constant(e),
    }
}

/// Whether CPython 3.11's AST optimizer makes `e` a constant: a literal,
/// a sign or `~` applied to a number literal, a tuple of constants.
fn folds_to_constant(e: &Expr) -> bool {
    match e {
        Expr::NumberLiteral(_)
        | Expr::StringLiteral(_)
        | Expr::BytesLiteral(_)
        | Expr::NoneLiteral(_)
        | Expr::BooleanLiteral(_)
        | Expr::EllipsisLiteral(_) => true,
        Expr::UnaryOp(u) => {
            !matches!(u.op, ast::UnaryOp::Not) && matches!(&*u.operand, Expr::NumberLiteral(_))
        }
        Expr::Tuple(t) => t.elts.iter().all(folds_to_constant),
        _ => false,
    }
}

/// The type name CPython's `check_caller` gives a callee that is a
/// constant or a display, or None for anything that may be callable.
fn uncallable_display(e: &Expr) -> Option<&'static str> {
    match e {
        Expr::Lambda(_) => None,
        _ => infer_type(e),
    }
}

/// The type CPython's compiler infers for a constant or a display
/// (`infer_type`), or None.
fn infer_type(e: &Expr) -> Option<&'static str> {
    Some(match e {
        Expr::NumberLiteral(n) => match n.value {
            ast::Number::Int(_) => "int",
            ast::Number::Float(_) => "float",
            ast::Number::Complex { .. } => "complex",
        },
        Expr::StringLiteral(_) | Expr::FString(_) => "str",
        Expr::BytesLiteral(_) => "bytes",
        Expr::NoneLiteral(_) => "NoneType",
        Expr::BooleanLiteral(_) => "bool",
        Expr::EllipsisLiteral(_) => "ellipsis",
        Expr::Tuple(_) => "tuple",
        Expr::List(_) | Expr::ListComp(_) => "list",
        Expr::Dict(_) | Expr::DictComp(_) => "dict",
        Expr::Set(_) | Expr::SetComp(_) => "set",
        Expr::Generator(_) => "generator",
        Expr::Lambda(_) => "function",
        // A folded `-1`: the number's type.
        Expr::UnaryOp(u) if folds_to_constant(e) => return infer_type(&u.operand),
        _ => return None,
    })
}
