//! A regular-expression engine with the semantics of CPython 3.11's `re`
//! (the `sre` engine): the same syntax, the same error messages and
//! positions, and the same match results — which alternative wins, greedy,
//! lazy and possessive repeats, the captures of repeated groups (the last
//! iteration's), empty matches and `sre`'s zero-width-loop protection.
//!
//! - [`parse`]: pattern text to a tree (`Lib/re/_parser.py`).
//! - [`compile`]: the tree to a [`Program`] of instructions
//!   (`Lib/re/_compiler.py`), picking `sre`'s single-character repeat
//!   (`REPEAT_ONE`) where CPython does.
//! - [`exec`]: a backtracking matcher (`Modules/_sre/sre_lib.h`) that keeps
//!   its choice points on an explicit stack and undoes captures and repeat
//!   counters through a trail, so that neither the pattern's shape nor the
//!   subject's length deepens the Rust stack.
//! - [`template`]: replacement templates (`parse_template`).
//!
//! Subjects are slices of code points (`u32`): a str's characters, or a
//! bytes object's bytes. Positions are indices into that slice, which are
//! Python's indices.

pub mod compile;
pub mod exec;
pub mod parse;
pub mod template;

#[cfg(test)]
mod tests;

pub use compile::{compile, Program};
pub use exec::{search, Mode};

/// The flag values of CPython's `re` (`SRE_FLAG_*`).
pub mod flags {
    pub const TEMPLATE: u32 = 1;
    pub const IGNORECASE: u32 = 2;
    pub const LOCALE: u32 = 4;
    pub const MULTILINE: u32 = 8;
    pub const DOTALL: u32 = 16;
    pub const UNICODE: u32 = 32;
    pub const VERBOSE: u32 = 64;
    pub const DEBUG: u32 = 128;
    pub const ASCII: u32 = 256;
}

/// `_sre.MAXREPEAT`: repeat counts must stay below it.
pub const MAXREPEAT: u32 = u32::MAX;
/// `_sre.MAXGROUPS`.
pub const MAXGROUPS: usize = 1_073_741_823;

/// Which Python exception an [`Error`] becomes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// `re.error(msg, pattern, pos)`.
    Re,
    /// `OverflowError` (repeat counts too large).
    Overflow,
    /// `ValueError` (incompatible flags).
    Value,
    /// `IndexError` (unknown group name in a template).
    Index,
    /// `RecursionError`: groups nested deeper than CPython's recursive
    /// parser can go (which also keeps this parser's recursion bounded).
    Recursion,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub msg: String,
    /// The position in the pattern, for `re.error`.
    pub pos: Option<usize>,
}

impl Error {
    pub(crate) fn re(msg: impl Into<String>, pos: Option<usize>) -> Error {
        Error {
            kind: ErrorKind::Re,
            msg: msg.into(),
            pos,
        }
    }
    pub(crate) fn value(msg: impl Into<String>) -> Error {
        Error {
            kind: ErrorKind::Value,
            msg: msg.into(),
            pos: None,
        }
    }
}

/// A compiled pattern and what `re.Pattern` shows of it.
pub struct Compiled {
    pub program: Program,
    /// The flags after inline flags and `fix_flags` (UNICODE added for str).
    pub flags: u32,
    /// Number of capturing groups (group 0 not counted).
    pub groups: usize,
    /// Named groups in definition order.
    pub names: Vec<(String, usize)>,
}

/// Parses and compiles `pattern` (see [`parse::parse`]).
pub fn compile_pattern(pattern: &[char], istext: bool, flags: u32) -> Result<Compiled, Error> {
    let parsed = parse::parse(pattern, istext, flags)?;
    let program = compile::compile(&parsed)?;
    Ok(Compiled {
        program,
        flags: parsed.flags,
        groups: parsed.groups - 1,
        names: parsed.names,
    })
}
