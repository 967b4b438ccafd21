//! Compile errors, carrying what CPython's `SyntaxError` carries.

use ruff_text_size::TextRange;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl ErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            ErrorKind::SyntaxError => "SyntaxError",
            ErrorKind::IndentationError => "IndentationError",
            ErrorKind::TabError => "TabError",
        }
    }
}

/// A syntax error, positioned as CPython positions them: 1-based line and
/// 1-based column offset (in characters), plus the source line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CompileError {
    pub kind: ErrorKind,
    pub msg: String,
    pub filename: String,
    pub lineno: u32,
    pub offset: u32,
    pub end_lineno: u32,
    pub end_offset: u32,
    /// The source line, with its newline.
    pub text: Option<String>,
}

impl CompileError {
    /// An error at `range` of `source`.
    pub fn at(
        kind: ErrorKind,
        msg: impl Into<String>,
        source: &str,
        filename: &str,
        range: TextRange,
    ) -> CompileError {
        let idx = LineIndex::new(source);
        let start = range.start().to_usize().min(source.len());
        let end = range.end().to_usize().min(source.len()).max(start);
        let (lineno, col) = idx.char_position(source, start);
        let (end_lineno, end_col) = idx.char_position(source, end);
        CompileError {
            kind,
            msg: msg.into(),
            filename: filename.to_string(),
            lineno,
            offset: col + 1,
            end_lineno,
            end_offset: end_col + 1,
            text: idx.line_text(source, lineno).map(|l| format!("{l}\n")),
        }
    }
}

impl std::fmt::Display for CompileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({}, line {})",
            self.kind.name(),
            self.msg,
            self.filename,
            self.lineno
        )
    }
}

/// Byte offset to line/column conversion.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(source: &str) -> LineIndex {
        let mut starts = vec![0];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// 1-based line and 0-based byte column of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let col = offset - self.starts.get(line).copied().unwrap_or(0);
        (line as u32 + 1, col as u32)
    }

    /// 1-based line and 0-based character column of a byte offset.
    pub fn char_position(&self, source: &str, offset: usize) -> (u32, u32) {
        let (line, col) = self.position(offset);
        let start = self.starts.get(line as usize - 1).copied().unwrap_or(0);
        let seg = source.get(start..start + col as usize).unwrap_or("");
        (line, seg.chars().count() as u32)
    }

    /// The text of a 1-based line, without its newline.
    pub fn line_text<'s>(&self, source: &'s str, line: u32) -> Option<&'s str> {
        let i = (line as usize).checked_sub(1)?;
        let start = *self.starts.get(i)?;
        let end = self.starts.get(i + 1).copied().unwrap_or(source.len());
        let text = source.get(start..end)?;
        Some(text.trim_end_matches(['\n', '\r']))
    }
}
