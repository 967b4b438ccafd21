//! Replacement templates (`\1`, `\g<name>`, escapes), after
//! `_parser.parse_template` of CPython 3.11, with its messages.

use super::parse::{is_identifier, py_repr};
use super::{Error, ErrorKind, MAXGROUPS};

/// A piece of a parsed template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Literal text (code points; bytes templates hold bytes).
    Lit(Vec<u32>),
    Group(usize),
}

fn octal(s: &str) -> u32 {
    u32::from_str_radix(s, 8).unwrap_or(0)
}

/// Parses `template`; `groups` is the number of capturing groups, `names`
/// maps group names to numbers.
pub fn parse_template(
    template: &[char],
    istext: bool,
    groups: usize,
    names: &[(String, usize)],
) -> Result<Vec<Piece>, Error> {
    let mut out: Vec<Piece> = Vec::new();
    let mut lit: Vec<u32> = Vec::new();
    let mut i = 0;
    let n = template.len();
    // Positions are those of CPython's Tokenizer-based scan.
    let err = |msg: String, pos: usize| -> Error {
        let mut e = Error::re(msg, Some(pos));
        if !istext {
            e.msg = e
                .msg
                .chars()
                .map(|c| {
                    if (c as u32) < 128 {
                        c.to_string()
                    } else {
                        format!("\\x{:02x}", c as u32)
                    }
                })
                .collect();
        }
        e
    };
    let add_group = |out: &mut Vec<Piece>, lit: &mut Vec<u32>, g: usize, pos: usize| {
        if g > groups {
            return Err(err(format!("invalid group reference {g}"), pos));
        }
        if !lit.is_empty() {
            out.push(Piece::Lit(std::mem::take(lit)));
        }
        out.push(Piece::Group(g));
        Ok(())
    };
    while i < n {
        let c = template[i];
        if c != '\\' {
            lit.push(c as u32);
            i += 1;
            continue;
        }
        let Some(&d) = template.get(i + 1) else {
            return Err(err("bad escape (end of pattern)".into(), n - 1));
        };
        i += 2;
        match d {
            'g' => {
                if template.get(i) != Some(&'<') {
                    return Err(err("missing <".into(), i));
                }
                i += 1;
                let start = i;
                let rest = &template[start..];
                let close = rest.iter().position(|&k| k == '>');
                let name: String = rest[..close.unwrap_or(rest.len())].iter().collect();
                let Some(close) = close else {
                    let msg = if name.is_empty() {
                        "missing group name"
                    } else {
                        "missing >, unterminated name"
                    };
                    return Err(err(msg.into(), start));
                };
                if name.is_empty() {
                    return Err(err("missing group name".into(), start));
                }
                let len = close;
                i = start + len + 1;
                let index = if is_identifier(&name) {
                    match names.iter().find(|(k, _)| *k == name) {
                        Some(&(_, g)) => g,
                        None => {
                            return Err(Error {
                                kind: ErrorKind::Index,
                                msg: format!("unknown group name {}", py_repr(&name)),
                                pos: None,
                            })
                        }
                    }
                } else {
                    let digits = name.chars().all(|c| c.is_ascii_digit());
                    let Some(g) = digits.then(|| name.parse::<usize>().unwrap_or(usize::MAX))
                    else {
                        return Err(err(
                            format!("bad character in group name {}", py_repr(&name)),
                            start,
                        ));
                    };
                    if g >= MAXGROUPS {
                        return Err(err(format!("invalid group reference {g}"), start));
                    }
                    g
                };
                add_group(&mut out, &mut lit, index, start)?;
            }
            '0' => {
                let mut s = String::from("0");
                for _ in 0..2 {
                    match template.get(i) {
                        Some(&e) if ('0'..='7').contains(&e) => {
                            s.push(e);
                            i += 1;
                        }
                        _ => break,
                    }
                }
                lit.push(octal(&s) & 0xff);
            }
            '1'..='9' => {
                let mut s = d.to_string();
                let mut isoctal = false;
                if let Some(&e) = template.get(i).filter(|e| e.is_ascii_digit()) {
                    s.push(e);
                    i += 1;
                    let oct = |x: char| ('0'..='7').contains(&x);
                    if oct(d) && oct(e) {
                        if let Some(&f) = template.get(i).filter(|f| oct(**f)) {
                            s.push(f);
                            i += 1;
                            isoctal = true;
                            let v = octal(&s);
                            if v > 0o377 {
                                return Err(err(
                                    format!("octal escape value \\{s} outside of range 0-0o377"),
                                    i - s.len() - 1,
                                ));
                            }
                            lit.push(v);
                        }
                    }
                }
                if !isoctal {
                    let g: usize = s.parse().unwrap_or(usize::MAX);
                    add_group(&mut out, &mut lit, g, i - s.len())?;
                }
            }
            _ => {
                let v = match d {
                    'a' => Some(7),
                    'b' => Some(8),
                    'f' => Some(12),
                    'n' => Some(10),
                    'r' => Some(13),
                    't' => Some(9),
                    'v' => Some(11),
                    '\\' => Some(92),
                    _ => None,
                };
                match v {
                    Some(v) => lit.push(v),
                    None => {
                        if d.is_ascii_alphabetic() {
                            return Err(err(format!("bad escape \\{d}"), i - 2));
                        }
                        lit.push('\\' as u32);
                        lit.push(d as u32);
                    }
                }
            }
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}
