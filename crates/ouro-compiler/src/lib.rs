//! ouro's compiler: Python source to bytecode.
//!
//! Key decision: parsing is `ruff_python_parser`'s (we write no parser);
//! everything after the AST is ours and mirrors CPython 3.11's pipeline — a
//! symbol table pass ([`symtable`]) then code generation ([`codegen`]) into the
//! plain-data code objects of `ouro-bytecode`.
//!
//! Architecture invariant: the compiler knows nothing of the heap or the VM.
//! Its output is data; the VM turns constants into objects when it loads code.

pub mod codegen;
pub mod error;
pub mod symtable;

use std::rc::Rc;

pub use codegen::Mode;
pub use error::{CompileError, ErrorKind, LineIndex};
use ouro_bytecode::CodeObject;
use ruff_python_parser::{LexicalErrorType, ParseErrorType};
use ruff_text_size::{TextRange, TextSize};

/// Compiles `source` (named `filename` in tracebacks) in the given mode.
pub fn compile(source: &str, filename: &str, mode: Mode) -> Result<Rc<CodeObject>, CompileError> {
    compile_with_warnings(source, filename, mode).map(|(code, _)| code)
}

/// [`compile`], with the `SyntaxWarning`s CPython 3.11's compiler gives
/// (`x is 1`, `assert (x, msg)`, `"a"()`, `1[0]`), in its order, for the
/// caller to emit through the warnings machinery (each carries its
/// position, for a filter that turns it into a `SyntaxError`).
pub fn compile_with_warnings(
    source: &str,
    filename: &str,
    mode: Mode,
) -> Result<codegen::Compiled, CompileError> {
    if let Some(off) = too_deep_brackets(source) {
        let pos = TextSize::new(off as u32);
        return Err(CompileError::at(
            ErrorKind::SyntaxError,
            "too many nested parentheses",
            source,
            filename,
            TextRange::new(pos, pos + TextSize::new(1)),
        ));
    }
    match mode {
        Mode::Exec | Mode::Single => {
            let parsed = ruff_python_parser::parse_module(source)
                .map_err(|e| parse_error(&e, source, filename))?;
            let module = parsed.into_syntax();
            let table = symtable::build(&module.body, source, filename)?;
            let compiler = codegen::Compiler::new(source, filename, table, mode == Mode::Single);
            compiler.compile_module(&module.body)
        }
        Mode::Eval => {
            let trimmed = source.trim_start_matches([' ', '\t']);
            let offset = source.len() - trimmed.len();
            let parsed = ruff_python_parser::parse_expression(trimmed).map_err(|e| {
                let mut err = parse_error(&e, trimmed, filename);
                err.offset += offset as u32;
                err
            })?;
            let expr = parsed.into_syntax();
            let table = symtable::build_expr(&expr.body, trimmed, filename)?;
            let compiler = codegen::Compiler::new(trimmed, filename, table, false);
            compiler.compile_expression(&expr.body)
        }
    }
}

/// Whether `source` is an incomplete interactive statement (the REPL should
/// read another line): an unclosed bracket or string, a compound statement
/// header, or a line ending in a backslash.
pub fn is_incomplete(source: &str) -> bool {
    if source.trim_end_matches(['\n', '\r']).ends_with('\\') {
        return true;
    }
    match ruff_python_parser::parse_module(source) {
        Ok(_) => {
            // A compound statement is complete only after an empty line.
            let first = source.lines().next().unwrap_or("").trim_start();
            let kw = first
                .split(|c: char| !c.is_alphanumeric() && c != '_')
                .next()
                .unwrap_or("");
            let compound = first.starts_with('@')
                || matches!(
                    kw,
                    "def" | "class" | "if" | "for" | "while" | "with" | "try" | "async" | "match"
                );
            compound && !source.ends_with("\n\n")
        }
        Err(e) => {
            if open_bracket(source).is_some() {
                return true;
            }
            match &e.error {
                ParseErrorType::Lexical(LexicalErrorType::Eof) => true,
                ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
                    // Only a triple-quoted string can continue.
                    let t = source.matches("\"\"\"").count() + source.matches("'''").count();
                    t % 2 == 1
                }
                _ => {
                    let end = e.location.start().to_usize() >= source.trim_end().len();
                    end && source.trim_end().ends_with(':')
                }
            }
        }
    }
}

/// The offset just past the comment or string literal starting at `i`
/// (`b.len()` if it runs to the end). A one-quote string also ends at a
/// newline; escapes are skipped.
fn skip_comment_or_string(b: &[u8], mut i: usize) -> usize {
    let c = b[i];
    if c == b'#' {
        while i < b.len() && b[i] != b'\n' {
            i += 1;
        }
        return i;
    }
    let triple = b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c);
    let q = if triple { 3 } else { 1 };
    i += q;
    while i < b.len() {
        if b[i] == b'\\' {
            i += 2;
            continue;
        }
        if !triple && b[i] == b'\n' {
            return i;
        }
        if b[i] == c && (!triple || (b.get(i + 1) == Some(&c) && b.get(i + 2) == Some(&c))) {
            return i + q;
        }
        i += 1;
    }
    b.len()
}

/// CPython's tokenizer allows 200 levels of brackets (`MAXLEVEL`); the
/// offset of the first bracket beyond that.
fn too_deep_brackets(source: &str) -> Option<usize> {
    const MAXLEVEL: usize = 200;
    let b = source.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' | b'\'' | b'"' => {
                i = skip_comment_or_string(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAXLEVEL {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The first bracket left open at the end of `source` (strings and comments
/// skipped), with its byte offset.
fn open_bracket(source: &str) -> Option<(char, usize)> {
    let b = source.as_bytes();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        match c {
            b'#' | b'\'' | b'"' => {
                i = skip_comment_or_string(b, i);
                continue;
            }
            b'(' | b'[' | b'{' => stack.push((c as char, i)),
            b')' | b']' | b'}' => {
                stack.pop();
            }
            _ => {}
        }
        i += 1;
    }
    stack.first().copied()
}

/// Turns a ruff parse error into the `SyntaxError` CPython 3.11 would raise
/// for the same source, as closely as the two parsers allow.
fn parse_error(e: &ruff_python_parser::ParseError, source: &str, filename: &str) -> CompileError {
    use ErrorKind::*;
    let at =
        |kind, msg: String, range: TextRange| CompileError::at(kind, msg, source, filename, range);
    let idx = LineIndex::new(source);
    let range = e.location;
    let last_line = idx.position(source.len()).0;
    match &e.error {
        ParseErrorType::Lexical(LexicalErrorType::UnclosedStringError) => {
            let (line, _) = idx.position(range.start().to_usize());
            let text = source.get(range.start().to_usize()..).unwrap_or("");
            if text.starts_with("\"\"\"") || text.starts_with("'''") {
                return at(
                    SyntaxError,
                    format!(
                        "unterminated triple-quoted string literal (detected at line {last_line})"
                    ),
                    TextRange::empty(range.start()),
                );
            }
            at(
                SyntaxError,
                format!("unterminated string literal (detected at line {line})"),
                TextRange::empty(range.start()),
            )
        }
        ParseErrorType::Lexical(LexicalErrorType::IndentationError) => at(
            IndentationError,
            "unindent does not match any outer indentation level".into(),
            TextRange::empty(range.end()),
        ),
        ParseErrorType::ExpectedToken {
            expected: ruff_python_ast::token::TokenKind::Colon,
            ..
        } if open_bracket(source).is_none() => at(
            SyntaxError,
            "expected ':'".into(),
            TextRange::empty(range.start()),
        ),
        ParseErrorType::UnexpectedIndentation => at(
            IndentationError,
            "unexpected indent".into(),
            TextRange::empty(range.start()),
        ),
        ParseErrorType::Lexical(LexicalErrorType::UnrecognizedToken { tok }) => {
            let msg = if *tok == '$' || *tok == '?' || *tok == '!' || *tok == '`' {
                "invalid syntax".to_string()
            } else {
                format!("invalid character '{tok}' (U+{:04X})", *tok as u32)
            };
            at(SyntaxError, msg, TextRange::empty(range.start()))
        }
        other => {
            let text = other.to_string();
            if let Some((c, off)) = open_bracket(source) {
                let pos = TextSize::new(off as u32);
                return at(
                    SyntaxError,
                    format!("'{c}' was never closed"),
                    TextRange::new(pos, pos + TextSize::new(1)),
                );
            }
            if text.contains("indented block") || text.contains("Expected an indented block") {
                let (line, _) = idx.position(range.start().to_usize());
                let header = (1..line)
                    .rev()
                    .filter_map(|l| idx.line_text(source, l))
                    .find(|t| !t.trim().is_empty())
                    .unwrap_or("");
                let kw = header
                    .split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(':');
                let header_line = (1..line)
                    .rev()
                    .find(|&l| {
                        idx.line_text(source, l)
                            .is_some_and(|t| !t.trim().is_empty())
                    })
                    .unwrap_or(1);
                let what = match kw {
                    "def" => "function definition".to_string(),
                    "class" => "class definition".to_string(),
                    "if" | "elif" | "else" | "while" | "for" | "try" | "except" | "finally"
                    | "with" => {
                        format!("'{kw}' statement")
                    }
                    other => format!("'{other}' statement"),
                };
                let msg = match kw {
                    "else" | "try" | "finally" => format!(
                        "expected an indented block after '{kw}' statement on line {header_line}"
                    ),
                    "except" => format!(
                        "expected an indented block after 'except' statement on line {header_line}"
                    ),
                    _ => format!("expected an indented block after {what} on line {header_line}"),
                };
                let start = idx.position(range.start().to_usize());
                let _ = start;
                return at(IndentationError, msg, TextRange::empty(range.start()));
            }
            at(
                SyntaxError,
                "invalid syntax".into(),
                TextRange::empty(range.start()),
            )
        }
    }
}
