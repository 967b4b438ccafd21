//! ouro's bytecode: the instruction set and the code objects the compiler
//! produces and the VM runs.
//!
//! Key decision: this crate is plain data. It knows nothing of the heap or of
//! the parser, so the VM reads code without depending on the code generator
//! and the compiler emits code without depending on the heap. Constants are
//! described by [`Constant`]; the VM turns them into heap objects once, when it
//! loads a code object.
//!
//! The instruction set follows CPython 3.11's where the concept is CPython's
//! (`LOAD_FAST`, `LOAD_METHOD`, `PUSH_EXC_INFO`, zero-cost exception tables),
//! but every instruction is one fixed-size [`Instr`] of 8 bytes with its
//! argument inline: no `EXTENDED_ARG`, no inline caches.

use std::fmt;
use std::rc::Rc;

pub use num_bigint::BigInt;

/// One instruction. Jump targets are absolute instruction indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instr {
    Nop,
    /// Pops and drops the top of the stack.
    PopTop,
    /// Pushes the sentinel the `CallMethod` protocol uses for "no self".
    PushNull,
    /// Pushes a new reference to the item `n` deep (1 = top).
    Copy(u32),
    /// Swaps the top with the item `n` deep (2 = second).
    Swap(u32),
    LoadConst(u32),

    // Locals (fast slots), names (module and class bodies), globals.
    LoadFast(u32),
    StoreFast(u32),
    DeleteFast(u32),

    // Superinstructions (CPython 3.11's `LOAD_FAST__LOAD_FAST` and kin):
    // the first of two adjacent instructions on one line, replaced by one
    // that does the work of both and then skips the second. The second
    // stays in place, so a jump can still land on it and every instruction
    // keeps its index (line table, exception table, tracebacks). The two
    // operands are packed 16 bits each, the first's in the low half; see
    // [`fuse_superinstructions`].
    LoadFastLoadFast(u32),
    LoadFastLoadConst(u32),
    LoadConstLoadFast(u32),
    StoreFastLoadFast(u32),
    StoreFastStoreFast(u32),
    /// `LOAD_FAST` then `LOAD_ATTR` (`self.x`): the local, then the name.
    LoadFastLoadAttr(u32),
    /// `LOAD_FAST` then `LOAD_METHOD` (`self.m(...)`).
    LoadFastLoadMethod(u32),
    /// `LOAD_FAST` then `STORE_ATTR` (`self.x = ...`).
    LoadFastStoreAttr(u32),
    /// `LOAD_FAST`, `LOAD_CONST`, `BINARY_OP` (`i + 1`): three instructions
    /// in one, the operands read where they are (no push, no pop, no count
    /// change on the fast paths) and only the result pushed. The local's
    /// index is in the low half, the constant's in the high half; the two
    /// instructions after it stay in place, and it skips both.
    LoadFastConstBinaryOp(BinOp, u32),
    /// `LOAD_FAST`, `LOAD_CONST`, `BINARY_SUBSCR` (`t[0]`, `d["k"]`), the
    /// same way.
    LoadFastConstSubscr(u32),
    /// `LOAD_FAST`, `LOAD_CONST`, `BINARY_OP`, `STORE_FAST` (`i += 1`,
    /// `y = x * 2`): as `LoadFastConstBinaryOp`, the result going into the
    /// slot the `STORE_FAST` names (it stays in place; this skips all three).
    LoadFastConstBinaryOpStore(BinOp, u32),
    /// `LOAD_FAST`, `LOAD_CONST`, `COMPARE_OP` (`n == 0`, `i < 10`), the
    /// operands read in place.
    LoadFastConstCompareOp(CmpOp, u32),
    /// `LOAD_CONST` then `BINARY_OP` (`x % 1000`): the constant is the right
    /// operand, read in place.
    ConstBinaryOp(BinOp, u32),
    /// `BINARY_OP` then `STORE_FAST` (`acc += x`): the result goes straight
    /// into the local's slot.
    BinaryOpStoreFast(BinOp, u32),
    /// `FOR_ITER` then `STORE_FAST` (`for i in ...`): an item stepped
    /// inline goes straight into the slot the `STORE_FAST` names.
    ForIterStoreFast(u32),
    /// `LOAD_GLOBAL`, `LOAD_FAST`, `CALL 1` (`len(x)`, `f(x)`): the global
    /// (low half) called with the local (high half). `len` of a builtin
    /// container is answered in place, as CPython's `PRECALL_NO_KW_LEN`.
    CallGlobalFast(u32),
    LoadName(u32),
    StoreName(u32),
    DeleteName(u32),
    LoadGlobal(u32),
    StoreGlobal(u32),
    DeleteGlobal(u32),
    /// Cell and free variables: the argument indexes `cellvars ++ freevars`.
    LoadDeref(u32),
    StoreDeref(u32),
    DeleteDeref(u32),
    /// Pushes the cell object itself (to build a closure tuple).
    LoadClosure(u32),
    /// In a class body: the name in the class namespace, else the free variable.
    LoadClassDeref(u32),

    LoadAttr(u32),
    StoreAttr(u32),
    DeleteAttr(u32),
    /// Pushes `[method, self]` when the attribute is a plain function found on
    /// the type (no bound-method object is made), else `[attr, NULL]`.
    LoadMethod(u32),

    BinarySubscr,
    StoreSubscr,
    DeleteSubscr,
    BinaryOp(BinOp),
    UnaryNegative,
    UnaryPositive,
    UnaryInvert,
    UnaryNot,
    CompareOp(CmpOp),
    /// `is` (0) / `is not` (1).
    IsOp(u32),
    /// `in` (0) / `not in` (1).
    ContainsOp(u32),

    BuildTuple(u32),
    BuildList(u32),
    BuildSet(u32),
    /// Builds a dict from `n` key/value pairs on the stack.
    BuildMap(u32),
    BuildSlice(u32),
    /// Concatenates `n` strings.
    BuildString(u32),
    /// Appends the top to the list `n` deep (after popping the top).
    ListAppend(u32),
    ListExtend(u32),
    SetAdd(u32),
    SetUpdate(u32),
    /// Pops value and key; stores into the dict `n` deep.
    MapAdd(u32),
    DictUpdate(u32),
    DictMerge(u32),
    ListToTuple,

    UnpackSequence(u32),
    /// Low byte: names before the star; next byte: names after it.
    UnpackEx(u32),

    GetIter,
    /// Calls `next` on the iterator on top; pushes the value, or pops the
    /// iterator and jumps to the target when exhausted.
    ForIter(u32),

    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    PopJumpIfNone(u32),
    PopJumpIfNotNone(u32),
    JumpIfFalseOrPop(u32),
    JumpIfTrueOrPop(u32),

    /// Stack: `[callable, args...]`.
    Call(u32),
    /// Stack: `[callable, args..., kwnames]`; `kwnames` is a tuple of str,
    /// naming the last `len(kwnames)` arguments.
    CallKw(u32),
    /// Stack: `[method_or_callable, self_or_NULL, args...]`.
    CallMethod(u32),
    /// Stack: `[method_or_callable, self_or_NULL, args..., kwnames]`.
    CallMethodKw(u32),
    /// Stack: `[callable, args_tuple, kwargs_dict?]`; bit 0 of the argument
    /// says whether the dict is there.
    CallFunctionEx(u32),
    /// Stack: `[code, (closure)?, (annotations)?, (kwdefaults)?, (defaults)?]`
    /// top last, present as the [`MakeFunctionFlags`] bits say.
    MakeFunction(u32),
    ReturnValue,

    /// Pushes the class-building builtin (`__build_class__`).
    LoadBuildClass,
    LoadAssertionError,

    ImportName(u32),
    ImportFrom(u32),
    ImportStar,

    /// 0: re-raise the handled exception; 1: raise top; 2: raise top from top-1.
    RaiseVarargs(u32),
    /// Re-raises the exception on top. If the argument is 1, the item below it
    /// is the `lasti` to restore for the traceback.
    Reraise(u32),
    /// `[exc] -> [prev_exc, exc]` and makes `exc` the handled exception.
    PushExcInfo,
    /// `[prev_exc] -> []` and makes `prev_exc` the handled exception again.
    PopExcept,
    /// `[exc, type] -> [exc, bool]`.
    CheckExcMatch,
    /// `[exc, type] -> [rest, match]` for `except*`.
    CheckEgMatch,
    /// Stack: `[exit, value, lasti?, prev_exc, exc]`: calls `exit(type, exc, tb)`.
    WithExceptStart,
    /// `[mgr] -> [exit, enter_result]`.
    BeforeWith,

    FormatValue(u32),
    /// Prints the repr of the top (REPL echo of an expression statement).
    PrintExpr,
    SetupAnnotations,

    // Generators and coroutines.
    ReturnGenerator,
    YieldValue,
    GetYieldFromIter,
    GetAwaitable(u32),
    /// `[receiver, value] -> [receiver, yielded]`, or jumps with the return value.
    Send(u32),
    /// Converts a StopIteration escaping a generator into RuntimeError (PEP 479).
    StopIterationError,
    /// `[subject] -> [subject, len(subject)]`.
    GetLen,
    /// `[subject] -> [subject, bool]`: is it a sequence for `match`.
    MatchSequence,
    /// `[subject] -> [subject, bool]`: is it a mapping for `match`.
    MatchMapping,
    /// `[subject, keys] -> [subject, keys, values or None]`.
    MatchKeys,
    /// `[subject, cls, names] -> [attributes or None]`, with `n` positional
    /// sub-patterns (`__match_args__`).
    MatchClass(u32),
    /// `[mapping, keys] -> [mapping, rest]`: a dict of the other items.
    CopyDictWithoutKeys,
    /// `[mgr] -> [bound __aexit__, awaitable of __aenter__()]`.
    BeforeAsyncWith,
    /// `[iterable] -> [iterable.__aiter__()]`.
    GetAiter,
    /// `[aiter] -> [aiter, awaitable of aiter.__anext__()]`.
    GetAnext,
    /// `[aiter, exc] -> []` if exc is StopAsyncIteration; re-raises it otherwise.
    EndAsyncFor,
    /// `[orig, excs] -> [exception to raise or None]`, after `except*`.
    PrepReraiseStar,
    /// `[v] -> [wrapped v]`: marks what an async generator's `yield` gives
    /// its consumer, apart from what its awaits pass through.
    AsyncGenWrap,
}

/// Binary operators, in CPython's `NB_*` order; the in-place forms follow the
/// plain ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum BinOp {
    Add,
    And,
    FloorDivide,
    Lshift,
    MatrixMultiply,
    Multiply,
    Remainder,
    Or,
    Power,
    Rshift,
    Subtract,
    TrueDivide,
    Xor,
    InplaceAdd,
    InplaceAnd,
    InplaceFloorDivide,
    InplaceLshift,
    InplaceMatrixMultiply,
    InplaceMultiply,
    InplaceRemainder,
    InplaceOr,
    InplacePower,
    InplaceRshift,
    InplaceSubtract,
    InplaceTrueDivide,
    InplaceXor,
}

impl BinOp {
    /// The plain operators, in `NB_*` order.
    pub const PLAIN: [BinOp; 13] = [
        BinOp::Add,
        BinOp::And,
        BinOp::FloorDivide,
        BinOp::Lshift,
        BinOp::MatrixMultiply,
        BinOp::Multiply,
        BinOp::Remainder,
        BinOp::Or,
        BinOp::Power,
        BinOp::Rshift,
        BinOp::Subtract,
        BinOp::TrueDivide,
        BinOp::Xor,
    ];

    /// Whether this is an augmented-assignment form (`+=`).
    pub fn is_inplace(self) -> bool {
        self as u8 >= BinOp::InplaceAdd as u8
    }

    /// The plain operator of an in-place one (identity for plain ones).
    pub fn plain(self) -> BinOp {
        let i = self as usize;
        let n = Self::PLAIN.len();
        Self::PLAIN[if i >= n { i - n } else { i }]
    }

    /// The in-place form of a plain operator.
    pub fn inplace(self) -> BinOp {
        match self.plain() {
            BinOp::Add => BinOp::InplaceAdd,
            BinOp::And => BinOp::InplaceAnd,
            BinOp::FloorDivide => BinOp::InplaceFloorDivide,
            BinOp::Lshift => BinOp::InplaceLshift,
            BinOp::MatrixMultiply => BinOp::InplaceMatrixMultiply,
            BinOp::Multiply => BinOp::InplaceMultiply,
            BinOp::Remainder => BinOp::InplaceRemainder,
            BinOp::Or => BinOp::InplaceOr,
            BinOp::Power => BinOp::InplacePower,
            BinOp::Rshift => BinOp::InplaceRshift,
            BinOp::Subtract => BinOp::InplaceSubtract,
            BinOp::TrueDivide => BinOp::InplaceTrueDivide,
            _ => BinOp::InplaceXor,
        }
    }

    /// The operator as Python writes it (`+`, `+=`), used in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::And => "&",
            BinOp::FloorDivide => "//",
            BinOp::Lshift => "<<",
            BinOp::MatrixMultiply => "@",
            BinOp::Multiply => "*",
            BinOp::Remainder => "%",
            BinOp::Or => "|",
            BinOp::Power => "** or pow()",
            BinOp::Rshift => ">>",
            BinOp::Subtract => "-",
            BinOp::TrueDivide => "/",
            BinOp::Xor => "^",
            BinOp::InplaceAdd => "+=",
            BinOp::InplaceAnd => "&=",
            BinOp::InplaceFloorDivide => "//=",
            BinOp::InplaceLshift => "<<=",
            BinOp::InplaceMatrixMultiply => "@=",
            BinOp::InplaceMultiply => "*=",
            BinOp::InplaceRemainder => "%=",
            BinOp::InplaceOr => "|=",
            BinOp::InplacePower => "**=",
            BinOp::InplaceRshift => ">>=",
            BinOp::InplaceSubtract => "-=",
            BinOp::InplaceTrueDivide => "/=",
            BinOp::InplaceXor => "^=",
        }
    }

    /// The dunder method names: (`__add__`, `__radd__`, `__iadd__`).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self.plain() {
            BinOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinOp::And => ("__and__", "__rand__", "__iand__"),
            BinOp::FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinOp::Lshift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinOp::MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinOp::Multiply => ("__mul__", "__rmul__", "__imul__"),
            BinOp::Remainder => ("__mod__", "__rmod__", "__imod__"),
            BinOp::Or => ("__or__", "__ror__", "__ior__"),
            BinOp::Power => ("__pow__", "__rpow__", "__ipow__"),
            BinOp::Rshift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinOp::Subtract => ("__sub__", "__rsub__", "__isub__"),
            BinOp::TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
            _ => ("__xor__", "__rxor__", "__ixor__"),
        }
    }
}

/// Rich comparison operators, in CPython's `Py_LT`.. order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub enum CmpOp {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
        }
    }

    /// The operator with its operands swapped (`a < b` is `b > a`).
    pub fn swapped(self) -> CmpOp {
        match self {
            CmpOp::Lt => CmpOp::Gt,
            CmpOp::Le => CmpOp::Ge,
            CmpOp::Eq => CmpOp::Eq,
            CmpOp::Ne => CmpOp::Ne,
            CmpOp::Gt => CmpOp::Lt,
            CmpOp::Ge => CmpOp::Le,
        }
    }

    pub fn dunder(self) -> &'static str {
        match self {
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
        }
    }
}

/// Bits of the `MakeFunction` argument.
pub mod make_function_flags {
    pub const DEFAULTS: u32 = 0x01;
    pub const KWDEFAULTS: u32 = 0x02;
    pub const ANNOTATIONS: u32 = 0x04;
    pub const CLOSURE: u32 = 0x08;
}

/// Bits of the `FormatValue` argument (CPython's `FVC_*` and `FVS_HAVE_SPEC`).
pub mod format_flags {
    pub const CONV_MASK: u32 = 0x03;
    pub const CONV_NONE: u32 = 0x00;
    pub const CONV_STR: u32 = 0x01;
    pub const CONV_REPR: u32 = 0x02;
    pub const CONV_ASCII: u32 = 0x03;
    pub const HAVE_SPEC: u32 = 0x04;
}

/// Code flags, with CPython's `CO_*` values.
pub mod code_flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    /// Defined for completeness; CPython 3.11 no longer sets it, so
    /// neither does ouro's compiler (`co_flags` must read as 3.11's).
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
    pub const ITERABLE_COROUTINE: u32 = 0x0100;
    pub const ASYNC_GENERATOR: u32 = 0x0200;
}

/// A compile-time constant.
#[derive(Clone, Debug, PartialEq)]
pub enum Constant {
    None,
    True,
    False,
    Ellipsis,
    Int(i64),
    BigInt(BigInt),
    Float(f64),
    Complex { re: f64, im: f64 },
    Str(Rc<str>),
    Bytes(Rc<[u8]>),
    Tuple(Rc<[Constant]>),
    Code(Rc<CodeObject>),
}

/// Source span of an instruction: CPython's `co_positions()` entry. Lines are
/// 1-based; columns are 0-based UTF-8 byte offsets, as in CPython.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Position {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// An entry of the exception table (CPython 3.11's `co_exceptiontable`):
/// instructions in `start..end` jump to `target` when they raise, with the
/// value stack cut to `depth`, and `lasti` pushed below the exception when set.
///
/// Entries are ordered innermost first: the first entry that covers an
/// instruction is its handler.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ExceptionEntry {
    pub start: u32,
    pub end: u32,
    pub target: u32,
    pub depth: u32,
    pub lasti: bool,
}

/// A compiled code object: CPython's `PyCodeObject` as plain data.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeObject {
    pub name: Rc<str>,
    pub qualname: Rc<str>,
    pub filename: Rc<str>,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub instructions: Vec<Instr>,
    /// One entry per instruction.
    pub positions: Vec<Position>,
    pub constants: Vec<Constant>,
    /// Global, attribute and imported names.
    pub names: Vec<Rc<str>>,
    /// Local variables; the parameters come first.
    pub varnames: Vec<Rc<str>>,
    /// Locals captured by inner functions.
    pub cellvars: Vec<Rc<str>>,
    /// Variables captured from enclosing functions.
    pub freevars: Vec<Rc<str>>,
    /// For each cell variable that is also a parameter, its argument index.
    pub cell2arg: Vec<Option<u32>>,
    pub exception_table: Vec<ExceptionEntry>,
    /// Maximum depth of the value stack.
    pub stacksize: u32,
}

impl CodeObject {
    /// Replaces every superinstruction by the plain instruction it replaced
    /// ([`Instr::unfused`]), here and in the code objects among the
    /// constants. A traced or visualised run executes its code this way, so
    /// that every plain instruction is a step and each event names the
    /// instruction that caused it; the plain sequence does what the fused
    /// one does, so the program's behaviour is the same.
    pub fn unfuse(&mut self) {
        for i in &mut self.instructions {
            *i = i.unfused();
        }
        for c in &mut self.constants {
            if let Constant::Code(code) = c {
                // A fresh compilation owns its nested code objects.
                if let Some(code) = Rc::get_mut(code) {
                    code.unfuse();
                }
            }
        }
    }

    /// Total number of positional and keyword parameters, plus `*args` and
    /// `**kwargs` slots.
    pub fn total_args(&self) -> usize {
        let mut n = (self.argcount + self.kwonlyargcount) as usize;
        if self.flags & code_flags::VARARGS != 0 {
            n += 1;
        }
        if self.flags & code_flags::VARKEYWORDS != 0 {
            n += 1;
        }
        n
    }

    /// The line of the instruction at `index`, if any.
    pub fn line_of(&self, index: usize) -> Option<u32> {
        self.positions
            .get(index)
            .map(|p| p.line)
            .filter(|&l| l != 0)
    }

    /// The exception handler covering instruction `index`, innermost first.
    pub fn handler_for(&self, index: usize) -> Option<&ExceptionEntry> {
        let i = index as u32;
        self.exception_table
            .iter()
            .find(|e| e.start <= i && i < e.end)
    }

    pub fn is_generator_like(&self) -> bool {
        self.flags & (code_flags::GENERATOR | code_flags::COROUTINE | code_flags::ASYNC_GENERATOR)
            != 0
    }
}

impl fmt::Display for CodeObject {
    /// A disassembly listing, in the spirit of `dis.dis`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "Disassembly of <code object {} at line {}>:",
            self.qualname, self.firstlineno
        )?;
        let mut last_line = 0;
        for (i, instr) in self.instructions.iter().enumerate() {
            let line = self.positions.get(i).map_or(0, |p| p.line);
            if line != last_line && line != 0 {
                write!(f, "{line:>4} ")?;
                last_line = line;
            } else {
                write!(f, "     ")?;
            }
            let note = match *instr {
                Instr::LoadConst(n) => self
                    .constants
                    .get(n as usize)
                    .map(|c| format!(" ({})", constant_repr(c))),
                Instr::LoadFast(n) | Instr::StoreFast(n) | Instr::DeleteFast(n) => {
                    self.varnames.get(n as usize).map(|s| format!(" ({s})"))
                }
                Instr::LoadFastLoadFast(n)
                | Instr::StoreFastLoadFast(n)
                | Instr::StoreFastStoreFast(n) => {
                    let (a, b) = unpack_pair(n);
                    let name = |i: u32| self.varnames.get(i as usize).map_or("?", |s| &**s);
                    Some(format!(" ({}, {})", name(a), name(b)))
                }
                Instr::LoadFastLoadConst(n) | Instr::LoadConstLoadFast(n) => {
                    let (a, b) = unpack_pair(n);
                    let (local, konst) = if matches!(*instr, Instr::LoadFastLoadConst(_)) {
                        (a, b)
                    } else {
                        (b, a)
                    };
                    let name = self.varnames.get(local as usize).map_or("?", |s| &**s);
                    let c = self
                        .constants
                        .get(konst as usize)
                        .map_or_else(|| "?".to_string(), constant_repr);
                    Some(if matches!(*instr, Instr::LoadFastLoadConst(_)) {
                        format!(" ({name}, {c})")
                    } else {
                        format!(" ({c}, {name})")
                    })
                }
                Instr::LoadFastConstBinaryOp(_, n)
                | Instr::LoadFastConstBinaryOpStore(_, n)
                | Instr::LoadFastConstCompareOp(_, n)
                | Instr::LoadFastConstSubscr(n) => {
                    let (local, konst) = unpack_pair(n);
                    let name = self.varnames.get(local as usize).map_or("?", |s| &**s);
                    let c = self
                        .constants
                        .get(konst as usize)
                        .map_or_else(|| "?".to_string(), constant_repr);
                    Some(format!(" ({name}, {c})"))
                }
                Instr::CallGlobalFast(n) => {
                    let (g, a) = unpack_pair(n);
                    let global = self.names.get(g as usize).map_or("?", |s| &**s);
                    let local = self.varnames.get(a as usize).map_or("?", |s| &**s);
                    Some(format!(" ({global}, {local})"))
                }
                Instr::BinaryOpStoreFast(_, n) => {
                    self.varnames.get(n as usize).map(|s| format!(" ({s})"))
                }
                Instr::ConstBinaryOp(_, n) => self
                    .constants
                    .get(n as usize)
                    .map(|c| format!(" ({})", constant_repr(c))),
                Instr::LoadFastLoadAttr(n)
                | Instr::LoadFastLoadMethod(n)
                | Instr::LoadFastStoreAttr(n) => {
                    let (local, name) = unpack_pair(n);
                    let local = self.varnames.get(local as usize).map_or("?", |s| &**s);
                    let name = self.names.get(name as usize).map_or("?", |s| &**s);
                    Some(format!(" ({local}, {name})"))
                }
                Instr::LoadName(n)
                | Instr::StoreName(n)
                | Instr::DeleteName(n)
                | Instr::LoadGlobal(n)
                | Instr::StoreGlobal(n)
                | Instr::DeleteGlobal(n)
                | Instr::LoadAttr(n)
                | Instr::StoreAttr(n)
                | Instr::DeleteAttr(n)
                | Instr::LoadMethod(n)
                | Instr::ImportName(n)
                | Instr::ImportFrom(n) => self.names.get(n as usize).map(|s| format!(" ({s})")),
                Instr::LoadDeref(n)
                | Instr::StoreDeref(n)
                | Instr::DeleteDeref(n)
                | Instr::LoadClosure(n)
                | Instr::LoadClassDeref(n) => self
                    .cellvars
                    .iter()
                    .chain(self.freevars.iter())
                    .nth(n as usize)
                    .map(|s| format!(" ({s})")),
                _ => None,
            };
            writeln!(f, "{i:>6} {instr:?}{}", note.unwrap_or_default())?;
        }
        if !self.exception_table.is_empty() {
            writeln!(f, "ExceptionTable:")?;
            for e in &self.exception_table {
                writeln!(
                    f,
                    "  {} to {} -> {} [{}]{}",
                    e.start,
                    e.end,
                    e.target,
                    e.depth,
                    if e.lasti { " lasti" } else { "" }
                )?;
            }
        }
        for c in &self.constants {
            if let Constant::Code(code) = c {
                writeln!(f)?;
                write!(f, "{code}")?;
            }
        }
        Ok(())
    }
}

fn constant_repr(c: &Constant) -> String {
    match c {
        Constant::None => "None".into(),
        Constant::True => "True".into(),
        Constant::False => "False".into(),
        Constant::Ellipsis => "Ellipsis".into(),
        Constant::Int(i) => i.to_string(),
        Constant::BigInt(i) => i.to_string(),
        Constant::Float(x) => format!("{x:?}"),
        Constant::Complex { re, im } => format!("({re}+{im}j)"),
        Constant::Str(s) => format!("{s:?}"),
        Constant::Bytes(b) => format!("b{:?}", String::from_utf8_lossy(b)),
        Constant::Tuple(items) => {
            let inner: Vec<String> = items.iter().map(constant_repr).collect();
            format!("({})", inner.join(", "))
        }
        Constant::Code(code) => format!("<code object {}>", code.name),
    }
}

impl Instr {
    /// The plain instruction a superinstruction replaced (its first half;
    /// the rest stay in place after it), or the instruction itself (see
    /// [`CodeObject::unfuse`]).
    pub fn unfused(self) -> Instr {
        let first = |n: u32| unpack_pair(n).0;
        match self {
            Instr::LoadFastLoadFast(n)
            | Instr::LoadFastLoadConst(n)
            | Instr::LoadFastLoadAttr(n)
            | Instr::LoadFastLoadMethod(n)
            | Instr::LoadFastStoreAttr(n)
            | Instr::LoadFastConstBinaryOp(_, n)
            | Instr::LoadFastConstBinaryOpStore(_, n)
            | Instr::LoadFastConstCompareOp(_, n)
            | Instr::LoadFastConstSubscr(n) => Instr::LoadFast(first(n)),
            Instr::LoadConstLoadFast(n) => Instr::LoadConst(first(n)),
            Instr::StoreFastLoadFast(n) | Instr::StoreFastStoreFast(n) => {
                Instr::StoreFast(first(n))
            }
            Instr::ConstBinaryOp(_, k) => Instr::LoadConst(k),
            Instr::BinaryOpStoreFast(op, _) => Instr::BinaryOp(op),
            Instr::ForIterStoreFast(t) => Instr::ForIter(t),
            Instr::CallGlobalFast(n) => Instr::LoadGlobal(first(n)),
            other => other,
        }
    }
}

// Instructions stay one machine word: the dispatch loop reads them by value.
const _: () = assert!(std::mem::size_of::<Instr>() == 8);

/// The two 16-bit operands of a superinstruction (first, second).
#[inline(always)]
pub fn unpack_pair(n: u32) -> (u32, u32) {
    (n & 0xffff, n >> 16)
}

/// Replaces the first of each fusable pair of adjacent instructions by its
/// superinstruction (see [`Instr::LoadFastLoadFast`]). A pair is fused only
/// when both operands fit in 16 bits and both instructions are on the same
/// line, so line events and tracebacks see what the plain pair would give;
/// an instruction already used as the second of a pair does not start one.
pub fn fuse_superinstructions(instrs: &mut [Instr], positions: &[Position]) {
    let line = |i: usize| positions.get(i).map(|p| p.line);
    let pack = |a: u32, b: u32| (a < 0x10000 && b < 0x10000).then_some(a | (b << 16));
    // `local <op> constant` (`LOAD_FAST`, `LOAD_CONST`, then `BINARY_OP` or
    // `BINARY_SUBSCR`, on one line) as one instruction, if the operands pack.
    let fast_const_op = |instrs: &[Instr], k: usize| -> Option<Instr> {
        let (Some(&Instr::LoadFast(a)), Some(&Instr::LoadConst(b)), Some(&third)) =
            (instrs.get(k), instrs.get(k + 1), instrs.get(k + 2))
        else {
            return None;
        };
        if line(k) != line(k + 1) || line(k + 1) != line(k + 2) {
            return None;
        }
        let n = pack(a, b)?;
        let stored =
            matches!(instrs.get(k + 3), Some(Instr::StoreFast(_))) && line(k + 2) == line(k + 3);
        match third {
            Instr::BinaryOp(op) if stored => Some(Instr::LoadFastConstBinaryOpStore(op, n)),
            Instr::BinaryOp(op) => Some(Instr::LoadFastConstBinaryOp(op, n)),
            Instr::BinarySubscr => Some(Instr::LoadFastConstSubscr(n)),
            Instr::CompareOp(op) => Some(Instr::LoadFastConstCompareOp(op, n)),
            _ => None,
        }
    };
    // `global(local)`: LOAD_GLOBAL, LOAD_FAST, CALL 1 on one line.
    let call_global_fast = |instrs: &[Instr], k: usize| -> Option<Instr> {
        let (Some(&Instr::LoadGlobal(g)), Some(&Instr::LoadFast(a)), Some(&Instr::Call(1))) =
            (instrs.get(k), instrs.get(k + 1), instrs.get(k + 2))
        else {
            return None;
        };
        if line(k) != line(k + 1) || line(k + 1) != line(k + 2) {
            return None;
        }
        pack(g, a).map(Instr::CallGlobalFast)
    };
    let mut i = 0;
    while i + 1 < instrs.len() {
        if let Some(f) = fast_const_op(instrs, i).or_else(|| call_global_fast(instrs, i)) {
            instrs[i] = f;
            i += if matches!(f, Instr::LoadFastConstBinaryOpStore(..)) {
                4
            } else {
                3
            };
            continue;
        }
        // A LOAD_FAST before an attribute load is better paired with it
        // (that saves a push and a pop too) than with the LOAD_FAST before.
        let attr_next = |k: usize| {
            matches!(
                (instrs.get(k), instrs.get(k + 1)),
                (
                    Some(Instr::LoadFast(_)),
                    Some(Instr::LoadAttr(_) | Instr::LoadMethod(_) | Instr::StoreAttr(_))
                )
            ) && line(k) == line(k + 1)
        };
        let fused = match (instrs[i], instrs[i + 1]) {
            (Instr::LoadFast(a), Instr::LoadAttr(b)) => pack(a, b).map(Instr::LoadFastLoadAttr),
            (Instr::LoadFast(a), Instr::LoadMethod(b)) => pack(a, b).map(Instr::LoadFastLoadMethod),
            (Instr::LoadFast(a), Instr::StoreAttr(b)) => pack(a, b).map(Instr::LoadFastStoreAttr),
            _ if attr_next(i + 1) => None,
            // Likewise a LOAD_FAST that starts `local <op> constant`.
            _ if fast_const_op(instrs, i + 1).is_some() => None,
            (Instr::LoadConst(a), Instr::BinaryOp(op)) => Some(Instr::ConstBinaryOp(op, a)),
            (Instr::BinaryOp(op), Instr::StoreFast(a)) => Some(Instr::BinaryOpStoreFast(op, a)),
            (Instr::ForIter(t), Instr::StoreFast(_)) => Some(Instr::ForIterStoreFast(t)),
            (Instr::LoadFast(a), Instr::LoadFast(b)) => pack(a, b).map(Instr::LoadFastLoadFast),
            (Instr::LoadFast(a), Instr::LoadConst(b)) => pack(a, b).map(Instr::LoadFastLoadConst),
            (Instr::LoadConst(a), Instr::LoadFast(b)) => pack(a, b).map(Instr::LoadConstLoadFast),
            (Instr::StoreFast(a), Instr::LoadFast(b)) => pack(a, b).map(Instr::StoreFastLoadFast),
            (Instr::StoreFast(a), Instr::StoreFast(b)) => pack(a, b).map(Instr::StoreFastStoreFast),
            _ => None,
        };
        match fused {
            Some(f) if line(i) == line(i + 1) => {
                instrs[i] = f;
                i += 2;
            }
            _ => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32) -> Position {
        Position {
            line,
            end_line: line,
            col: 0,
            end_col: 0,
        }
    }

    #[test]
    fn fuses_pairs_on_one_line_and_keeps_the_second_in_place() {
        use Instr::*;
        let mut code = vec![
            LoadFast(1),
            LoadFast(2),
            LoadFast(3),
            StoreFast(4),
            StoreFast(5),
            LoadConst(6),
            LoadFast(7),
        ];
        let lines: Vec<Position> = [1, 1, 1, 2, 2, 3, 3].map(at).to_vec();
        fuse_superinstructions(&mut code, &lines);
        assert_eq!(
            code,
            vec![
                LoadFastLoadFast(1 | 2 << 16),
                LoadFast(2),
                // The second of a pair does not start another one; this
                // LOAD_FAST is alone before a line change.
                LoadFast(3),
                StoreFastStoreFast(4 | 5 << 16),
                StoreFast(5),
                LoadConstLoadFast(6 | 7 << 16),
                LoadFast(7),
            ]
        );
        assert_eq!(unpack_pair(4 | 5 << 16), (4, 5));
    }

    #[test]
    fn pairs_a_local_with_the_attribute_load_after_it() {
        use Instr::*;
        // `a + self.x`, `self.m()` and `self.y = b`: the LOAD_FAST of
        // `self` goes with the attribute instruction, not with the
        // LOAD_FAST before it.
        let mut code = vec![
            LoadFast(0),
            LoadFast(1),
            LoadAttr(2),
            LoadFast(1),
            LoadMethod(3),
            LoadFast(4),
            LoadFast(1),
            StoreAttr(5),
        ];
        let lines: Vec<Position> = [1, 1, 1, 1, 1, 2, 2, 2].map(at).to_vec();
        fuse_superinstructions(&mut code, &lines);
        assert_eq!(
            code,
            vec![
                LoadFast(0),
                LoadFastLoadAttr(1 | 2 << 16),
                LoadAttr(2),
                LoadFastLoadMethod(1 | 3 << 16),
                LoadMethod(3),
                LoadFast(4),
                LoadFastStoreAttr(1 | 5 << 16),
                StoreAttr(5),
            ]
        );
    }

    #[test]
    fn fuses_a_local_operator_constant_and_a_constant_operator() {
        use Instr::*;
        // `acc + i * 2` (line 1), `t[0]` (line 2), `x % 7` with the
        // BINARY_OP on the next line (line 3-4), `s += (a + b) % 9` (line 5),
        // `len(x)` (line 6), `f(x, ...)` (line 7), `i += 1` (line 8) and
        // `j < 10` (line 9).
        let mut code = vec![
            LoadFast(0),
            LoadFast(1),
            LoadConst(2),
            BinaryOp(BinOp::Multiply),
            BinaryOp(BinOp::Add),
            LoadFast(3),
            LoadConst(4),
            BinarySubscr,
            LoadFast(5),
            LoadConst(6),
            BinaryOp(BinOp::Remainder),
            LoadFastLoadFast(7 | 8 << 16),
            LoadFast(8),
            BinaryOp(BinOp::Add),
            LoadConst(9),
            BinaryOp(BinOp::Remainder),
            BinaryOp(BinOp::InplaceAdd),
            StoreFast(10),
            LoadGlobal(11),
            LoadFast(12),
            Call(1),
            LoadGlobal(13),
            LoadFast(14),
            Call(2),
            LoadFast(15),
            LoadConst(16),
            BinaryOp(BinOp::InplaceAdd),
            StoreFast(15),
            LoadFast(17),
            LoadConst(18),
            CompareOp(CmpOp::Lt),
        ];
        let lines: Vec<Position> = [
            1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 5, 5, 5, 5, 5, 5, 6, 6, 6, 7, 7, 7, 8, 8, 8, 8, 9,
            9, 9,
        ]
        .map(at)
        .to_vec();
        fuse_superinstructions(&mut code, &lines);
        assert_eq!(
            code,
            vec![
                // The first LOAD_FAST stays alone: the second starts the triple.
                LoadFast(0),
                LoadFastConstBinaryOp(BinOp::Multiply, 1 | 2 << 16),
                LoadConst(2),
                BinaryOp(BinOp::Multiply),
                BinaryOp(BinOp::Add),
                LoadFastConstSubscr(3 | 4 << 16),
                LoadConst(4),
                BinarySubscr,
                // Split by a line: only the pair on line 3.
                LoadFastLoadConst(5 | 6 << 16),
                LoadConst(6),
                BinaryOp(BinOp::Remainder),
                LoadFastLoadFast(7 | 8 << 16),
                LoadFast(8),
                BinaryOp(BinOp::Add),
                ConstBinaryOp(BinOp::Remainder, 9),
                BinaryOp(BinOp::Remainder),
                BinaryOpStoreFast(BinOp::InplaceAdd, 10),
                StoreFast(10),
                // `len(x)`; a call with more arguments is left alone.
                CallGlobalFast(11 | 12 << 16),
                LoadFast(12),
                Call(1),
                LoadGlobal(13),
                LoadFast(14),
                Call(2),
                // `i += 1`, then `j < 10`.
                LoadFastConstBinaryOpStore(BinOp::InplaceAdd, 15 | 16 << 16),
                LoadConst(16),
                BinaryOp(BinOp::InplaceAdd),
                StoreFast(15),
                LoadFastConstCompareOp(CmpOp::Lt, 17 | 18 << 16),
                LoadConst(18),
                CompareOp(CmpOp::Lt),
            ]
        );
    }

    #[test]
    fn every_superinstruction_unfuses_to_the_instruction_it_replaced() {
        use Instr::*;
        // Fusing then unfusing each first instruction gives the original
        // sequence back.
        let original = vec![
            LoadFast(1),
            LoadFast(2),
            StoreFast(3),
            LoadFast(4),
            LoadConst(5),
            LoadConst(6),
            LoadFast(7),
            LoadFast(8),
            LoadAttr(9),
            LoadFast(8),
            LoadConst(10),
            BinaryOp(BinOp::Add),
            StoreFast(11),
            LoadFast(12),
            LoadConst(13),
            CompareOp(CmpOp::Eq),
            LoadFast(12),
            LoadConst(14),
            BinarySubscr,
            LoadConst(15),
            BinaryOp(BinOp::Remainder),
            BinaryOp(BinOp::Add),
            StoreFast(16),
            LoadGlobal(17),
            LoadFast(18),
            Call(1),
            ForIter(30),
            StoreFast(19),
        ];
        let mut code = original.clone();
        let lines: Vec<Position> = (0..code.len() as u32).map(|_| at(1)).collect();
        fuse_superinstructions(&mut code, &lines);
        assert_ne!(code, original);
        let unfused: Vec<Instr> = code.iter().map(|i| i.unfused()).collect();
        assert_eq!(unfused, original);
    }

    #[test]
    fn leaves_pairs_across_lines_and_wide_operands() {
        use Instr::*;
        let mut code = vec![StoreFast(0), LoadFast(0), LoadFast(70000), LoadConst(1)];
        let lines: Vec<Position> = [1, 2, 2, 2].map(at).to_vec();
        fuse_superinstructions(&mut code, &lines);
        assert_eq!(
            code,
            vec![StoreFast(0), LoadFast(0), LoadFast(70000), LoadConst(1)]
        );
    }
}
