//! `Allocator::debug_malloc_stats` must reproduce the layout of CPython
//! 3.11's `sys._debugmallocstats()` (its obmalloc part). The numbers differ,
//! so this compares shapes: the sequence of line kinds and labels (with
//! digits normalised), and the exact columns numbers are printed in. The
//! oracle is `python3` when it is CPython 3.11; otherwise the test only
//! checks our own output's columns and says so.

use std::process::Command;

use ouro_alloc::Allocator;

#[derive(Debug, PartialEq)]
enum Line {
    Blank,
    /// Free text (headings), digits normalised to `N`.
    Text(String),
    /// A row of the size class table.
    Row,
    /// A `printone` line: label (digits normalised) and value.
    Value(String),
}

/// Replaces each run of digits by `N`.
fn normalise(s: &str) -> String {
    let mut out = String::new();
    let mut in_digits = false;
    for ch in s.chars() {
        if ch.is_ascii_digit() {
            if !in_digits {
                out.push('N');
            }
            in_digits = true;
        } else {
            out.push(ch);
            in_digits = false;
        }
    }
    out
}

/// Whether `field` is a number (with `,` separators allowed when `commas`),
/// right-aligned with spaces.
fn right_aligned_number(field: &str, commas: bool) -> bool {
    let digits = field.trim_start_matches(' ');
    !digits.is_empty()
        && digits.starts_with(|c: char| c.is_ascii_digit())
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || (commas && c == ','))
}

/// Classifies one line, checking the columns of the numbers it carries.
fn classify(line: &str) -> Result<Line, String> {
    if line.is_empty() {
        return Ok(Line::Blank);
    }
    // `%5u %6u %11zu %15zu %13zu`
    let widths = [5, 6, 11, 15, 13];
    if line.len() == widths.iter().sum::<usize>() + 4 && line.starts_with(' ') {
        let mut at = 0;
        for (i, w) in widths.into_iter().enumerate() {
            if i > 0 {
                if &line[at..at + 1] != " " {
                    return Err(format!("table row without separator: {line:?}"));
                }
                at += 1;
            }
            if !right_aligned_number(&line[at..at + w], false) {
                return Err(format!("bad table column {i} in {line:?}"));
            }
            at += w;
        }
        return Ok(Line::Row);
    }
    if let Some(eq) = line.rfind('=') {
        let (label, value) = (&line[..eq], &line[eq + 1..]);
        if right_aligned_number(value, true) {
            if value.len() != 21 {
                return Err(format!("value not 21 columns wide: {line:?}"));
            }
            if eq < 35 || (eq > 35 && label.ends_with(' ')) {
                return Err(format!("label not padded to 35 columns: {line:?}"));
            }
            return Ok(Line::Value(normalise(label.trim_end())));
        }
    }
    Ok(Line::Text(normalise(line)))
}

/// The obmalloc part: everything up to and including the first `Total`
/// line, classified, with consecutive table rows merged.
fn shape(text: &str) -> Result<Vec<Line>, String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let l = classify(line)?;
        let is_total = matches!(&l, Line::Value(label) if label == "Total");
        if !(l == Line::Row && out.last() == Some(&Line::Row)) {
            out.push(l);
        }
        if is_total {
            return Ok(out);
        }
    }
    Err("no Total line".into())
}

fn ours() -> String {
    let mut heap = Allocator::new();
    let blocks: Vec<_> = (0..40_000usize)
        .map(|i| {
            let size = (i * 7919) % 513;
            (heap.alloc(size).unwrap(), size)
        })
        .collect();
    let mut out = String::new();
    heap.debug_malloc_stats(&mut out).unwrap();
    for (p, size) in blocks {
        // SAFETY: each block is live and allocated with `size`.
        unsafe { heap.free(p, size) };
    }
    out
}

/// CPython 3.11's output, if `python3` is CPython 3.11.
fn cpython() -> Option<String> {
    let script = "import sys\n\
                  if sys.implementation.name != 'cpython' or sys.version_info[:2] != (3, 11): sys.exit(3)\n\
                  sys._debugmallocstats()";
    let out = Command::new("python3").args(["-c", script]).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
#[cfg_attr(miri, ignore = "spawns python3")]
fn layout_matches_cpython_3_11() {
    let ours = ours();
    let our_shape = shape(&ours).unwrap_or_else(|e| panic!("{e}\n{ours}"));
    assert!(our_shape.contains(&Line::Row));
    let Some(theirs) = cpython() else {
        eprintln!("python3 is not CPython 3.11: checked our columns only");
        return;
    };
    let their_shape = shape(&theirs).unwrap_or_else(|e| panic!("{e}\n{theirs}"));
    assert_eq!(
        our_shape, their_shape,
        "\nours:\n{ours}\nCPython:\n{theirs}"
    );
}
