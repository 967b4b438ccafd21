//! The backtracking matcher, after `sre_lib.h`'s `SRE(match)` and
//! `SRE(search)`.
//!
//! `sre` recurses (on its own heap-allocated context stack) at every choice
//! point; here the choice points are [`Frame`]s on an explicit stack. Each
//! repeat's count, last position and enclosing repeat (`sre`'s `SRE_REPEAT`
//! fields and `state->repeat`) live in registers whose old values go on a
//! trail: backtracking to a frame undoes the trail down to the length it
//! had when the frame was pushed, as `sre` restores them on every path.
//!
//! Group marks are *not* trailed, because `sre` does not restore them on
//! every path, and the difference shows: a failed alternative's marks stay
//! set unless the choice point saved them. So marks follow `sre` exactly —
//! `lastmark` (marks beyond it are unset), `MARK` clearing the marks it
//! skips — and each frame saves what `sre` saves at that choice point
//! ([`Saved`]): `lastmark` and `lastindex` always (`LASTMARK_SAVE`), the
//! marks themselves (`MARK_PUSH`) where `sre` pushes them — at a branch, a
//! single-character repeat or a negative look-around only inside a general
//! repeat (`state->repeat`), at a repeat's extra iteration always.
//!
//! Atomic groups, possessive repeats and look-arounds push a barrier frame;
//! reaching their end cuts the stack back to the barrier (the body's choice
//! points are forgotten, its captures kept on the trail), and failing back
//! into the barrier means the body failed.

use super::compile::{AtKind, Inst, Program, Unit, UNBOUNDED};
use super::parse::SetItem;

/// `match`, `fullmatch` or `search`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Match,
    FullMatch,
    Search,
}

/// A successful match: the spans of groups 0..=groups (None: unmatched)
/// and `lastindex`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Captures {
    pub spans: Vec<Option<(usize, usize)>>,
    pub lastindex: Option<usize>,
}

const UNSET: i64 = -1;

/// What a choice point restores of the marks (`LASTMARK_SAVE`, and
/// `MARK_PUSH` when `marks` is kept).
struct Saved {
    lastmark: i64,
    lastindex: i64,
    marks: Option<Vec<i64>>,
}

enum Frame {
    /// Another alternative of a branch.
    Alt {
        pc: usize,
        pos: usize,
        trail: usize,
        saved: Saved,
    },
    /// The tail after a greedy repeat's extra iteration failed.
    GreedyTail {
        id: usize,
        pc: usize,
        pos: usize,
        trail: usize,
        saved: Saved,
    },
    /// A lazy `UNTIL` that may still run its body once more.
    LazyMore {
        pc: usize,
        n: i64,
        pos: usize,
        trail: usize,
        saved: Saved,
    },
    /// A greedy single-character repeat that may give back a character.
    OneGreedy {
        pc: usize,
        pos: usize,
        count: u32,
        min: u32,
        trail: usize,
        saved: Saved,
    },
    /// A lazy single-character repeat that may take one more.
    OneLazy {
        pc: usize,
        pos: usize,
        count: u32,
        trail: usize,
        saved: Saved,
    },
    Barrier {
        kind: BarrierKind,
        pos: usize,
        trail: usize,
        saved: Option<Saved>,
    },
}

#[derive(Clone, Copy)]
enum BarrierKind {
    Atomic,
    /// Look-around; `after` is where a negative one goes when its body fails.
    Look {
        negate: bool,
        after: usize,
    },
    /// A possessive repeat's iteration still needed for the minimum.
    PossMin,
    /// A possessive repeat's extra iteration: on failure, the tail.
    PossMore {
        tail: usize,
    },
}

struct Machine<'a> {
    prog: &'a Program,
    s: &'a [u32],
    end: usize,
    /// Trailed registers: per repeat its count, last position and
    /// enclosing repeat; then the innermost active repeat.
    regs: Vec<i64>,
    trail: Vec<(u32, i64)>,
    marks: Vec<i64>,
    lastmark: i64,
    lastindex: i64,
    stack: Vec<Frame>,
}

/// Searches `s[..endpos]` from `pos` as `mode` says. `must_advance`
/// refuses an empty match at `pos` itself (what `finditer`, `sub` and
/// `split` need after an empty match, as `sre`'s `state->must_advance`).
pub fn search(
    prog: &Program,
    s: &[u32],
    pos: usize,
    endpos: usize,
    mode: Mode,
    must_advance: bool,
) -> Option<Captures> {
    let end = endpos.min(s.len());
    let pos = pos.min(s.len());
    // A match may start beyond `endpos` (then only empty patterns match,
    // as in `sre`); a search may not.
    if pos > end && mode == Mode::Search {
        return None;
    }
    let nmarks = prog.groups * 2;
    let mut m = Machine {
        prog,
        s,
        end,
        regs: vec![UNSET; prog.repeats * 3 + 1],
        marks: vec![UNSET; nmarks],
        lastmark: -1,
        lastindex: -1,
        trail: Vec::new(),
        stack: Vec::new(),
    };
    let first = prog.first_literal();
    let mut start = pos;
    loop {
        let skip = mode == Mode::Search && first.is_some_and(|c| s.get(start) != Some(&c));
        if !skip {
            m.regs.iter_mut().for_each(|r| *r = UNSET);
            m.marks.iter_mut().for_each(|r| *r = UNSET);
            m.lastmark = -1;
            m.lastindex = -1;
            m.trail.clear();
            m.stack.clear();
            let adv = must_advance && start == pos;
            if let Some(e) = m.run(start, mode == Mode::FullMatch, adv) {
                return Some(m.captures(start, e));
            }
        }
        if mode != Mode::Search || start >= end {
            return None;
        }
        start += 1;
    }
}

/// Whether `c` is a word character (`\w`).
pub fn is_word(c: u32, ascii: bool) -> bool {
    if c < 128 || ascii {
        return c < 128 && (c as u8 as char).is_ascii_alphanumeric() || c == '_' as u32;
    }
    char::from_u32(c).is_some_and(char::is_alphanumeric)
}

/// Whether `c` is a decimal digit (`\d`): `str.isdecimal`.
pub fn is_digit(c: u32, ascii: bool) -> bool {
    if c < 128 || ascii {
        return (b'0' as u32..=b'9' as u32).contains(&c);
    }
    char::from_u32(c).is_some_and(|ch| crate::unicode::decimal_value(ch).is_some())
}

/// Whether `c` is whitespace (`\s`): `str.isspace`, or C's in ASCII mode.
pub fn is_space(c: u32, ascii: bool) -> bool {
    if ascii {
        return matches!(c, 9..=13 | 32);
    }
    char::from_u32(c).is_some_and(crate::unicode::is_space)
}

/// The lowercase mapping (`sre_lower_unicode`: CPython's
/// `_PyUnicode_ToLowercase`, which for a multi-character mapping gives its
/// first character), or ASCII's.
pub fn lower(c: u32, ascii: bool) -> u32 {
    if c < 128 || ascii {
        if (b'A' as u32..=b'Z' as u32).contains(&c) {
            return c + 32;
        }
        return c;
    }
    first(char::from_u32(c).map(|ch| ch.to_lowercase())).unwrap_or(c)
}

/// The uppercase mapping (`_PyUnicode_ToUppercase`), or ASCII's.
pub fn upper(c: u32, ascii: bool) -> u32 {
    if c < 128 || ascii {
        if (b'a' as u32..=b'z' as u32).contains(&c) {
            return c - 32;
        }
        return c;
    }
    first(char::from_u32(c).map(|ch| ch.to_uppercase())).unwrap_or(c)
}

fn first<I: Iterator<Item = char>>(it: Option<I>) -> Option<u32> {
    it?.next().map(|c| c as u32)
}

/// Whether case matters for `c` (`_sre.unicode_iscased`).
pub fn is_cased(c: u32, ascii: bool) -> bool {
    lower(c, ascii) != c || upper(c, ascii) != c
}

/// Case-insensitive equality of `c` with a lowered literal
/// (`LITERAL_UNI_IGNORE`, or the `IN_UNI_IGNORE` set CPython's compiler
/// makes of a literal with case fixes).
fn eq_ignore(c: u32, lowered: u32, ascii: bool) -> bool {
    let lc = lower(c, ascii);
    lc == lowered || (!ascii && fixes(lowered).contains(&lc))
}

/// Characters whose lowercase may be `t`: itself, its uppercase, and the
/// few others whose lowercase is a letter they are not the uppercase of
/// (titlecase digraphs, KELVIN SIGN, ANGSTROM SIGN, OHM SIGN, ...).
fn lower_preimages(t: u32) -> impl Iterator<Item = u32> {
    const OTHERS: [u32; 10] = [
        0x130, 0x1c5, 0x1c8, 0x1cb, 0x1f2, 0x3f4, 0x1e9e, 0x2126, 0x212a, 0x212b,
    ];
    [t, upper(t, false)]
        .into_iter()
        .chain(OTHERS.into_iter().filter(move |&x| lower(x, false) == t))
}

/// Whether the class holds a character equal to `c` ignoring case: as
/// CPython's `IN_UNI_IGNORE`, whether `lower(c)` is in the set of the
/// lowercases of the class's characters and their case fixes.
fn set_contains_ignore(items: &[SetItem], c: u32, ascii: bool) -> bool {
    let lc = lower(c, ascii);
    let extra: &[u32] = if ascii { &[] } else { fixes(lc) };
    let targets = std::iter::once(lc).chain(extra.iter().copied());
    let targets: Vec<u32> = targets.collect();
    items.iter().any(|it| match *it {
        SetItem::Literal(v) => targets.contains(&lower(v, ascii)),
        SetItem::Range(lo, hi) => targets.iter().any(|&t| {
            if ascii {
                [t, upper(t, true)].iter().any(|x| lo <= *x && *x <= hi)
            } else {
                lower_preimages(t).any(|x| lo <= x && x <= hi)
            }
        }),
        SetItem::Category(cat) => cat.matches(lc, ascii),
    })
}

fn set_contains(items: &[SetItem], c: u32, ascii: bool) -> bool {
    items.iter().any(|it| match *it {
        SetItem::Literal(v) => v == c,
        SetItem::Range(lo, hi) => lo <= c && c <= hi,
        SetItem::Category(cat) => cat.matches(c, ascii),
    })
}

impl Machine<'_> {
    fn unit(&self, u: &Unit, c: u32) -> bool {
        match *u {
            Unit::Lit(v) => c == v,
            Unit::NotLit(v) => c != v,
            Unit::LitIgnore(v, ascii) => eq_ignore(c, v, ascii),
            Unit::NotLitIgnore(v, ascii) => !eq_ignore(c, v, ascii),
            Unit::Any => c != '\n' as u32,
            Unit::AnyAll => true,
            Unit::Set(i) => {
                let Some(set) = self.prog.sets.get(i) else {
                    return false;
                };
                let hit = if set.ignore {
                    set_contains_ignore(&set.items, c, set.ascii)
                } else {
                    set_contains(&set.items, c, set.ascii)
                };
                hit != set.negate
            }
        }
    }

    fn at(&self, k: AtKind, pos: usize) -> bool {
        let s = self.s;
        let nl = '\n' as u32;
        match k {
            AtKind::Beginning | AtKind::BeginningString => pos == 0,
            AtKind::BeginningLine => pos == 0 || s.get(pos - 1) == Some(&nl),
            AtKind::End => pos == self.end || (pos + 1 == self.end && s.get(pos) == Some(&nl)),
            AtKind::EndLine => pos == self.end || (pos < self.end && s[pos] == nl),
            AtKind::EndString => pos == self.end,
            AtKind::Boundary { ascii } | AtKind::NonBoundary { ascii } => {
                if self.end == 0 {
                    return false;
                }
                let that = pos > 0 && is_word(s[pos - 1], ascii);
                let this = pos < self.end && is_word(s[pos], ascii);
                match k {
                    AtKind::Boundary { .. } => this != that,
                    _ => this == that,
                }
            }
        }
    }

    fn set(&mut self, r: usize, v: i64) {
        self.trail.push((r as u32, self.regs[r]));
        self.regs[r] = v;
    }

    fn undo(&mut self, len: usize) {
        while self.trail.len() > len {
            if let Some((r, v)) = self.trail.pop() {
                self.regs[r as usize] = v;
            }
        }
    }

    /// Registers of repeat `id`: count, then last position, then the
    /// enclosing repeat.
    fn count_reg(&self, id: usize) -> usize {
        id * 3
    }

    /// The register of the innermost active repeat (`state->repeat`).
    fn cur_reg(&self) -> usize {
        self.prog.repeats * 3
    }

    fn in_repeat(&self) -> bool {
        self.regs[self.cur_reg()] >= 0
    }

    /// `LASTMARK_SAVE`, with `MARK_PUSH` if `push`.
    fn save(&self, push: bool) -> Saved {
        let n = (self.lastmark + 1).max(0) as usize;
        Saved {
            lastmark: self.lastmark,
            lastindex: self.lastindex,
            marks: push.then(|| self.marks[..n.min(self.marks.len())].to_vec()),
        }
    }

    /// `MARK_POP` (if pushed) and `LASTMARK_RESTORE`.
    fn restore(&mut self, saved: &Saved) {
        if let Some(m) = &saved.marks {
            self.marks[..m.len()].copy_from_slice(m);
        }
        self.lastmark = saved.lastmark;
        self.lastindex = saved.lastindex;
    }

    /// Mirrors `SRE_OP_MARK`.
    fn mark(&mut self, i: usize, pos: usize) {
        if i & 1 == 1 {
            self.lastindex = (i / 2 + 1) as i64;
        }
        if i as i64 > self.lastmark {
            let from = (self.lastmark + 1) as usize;
            for j in from..i {
                self.marks[j] = UNSET;
            }
            self.lastmark = i as i64;
        }
        self.marks[i] = pos as i64;
    }

    /// Cuts the stack back to the innermost barrier, which it returns.
    fn cut(&mut self) -> Option<(BarrierKind, usize)> {
        while let Some(f) = self.stack.pop() {
            if let Frame::Barrier { kind, pos, .. } = f {
                return Some((kind, pos));
            }
        }
        None
    }

    /// Group `g + 1`'s span as `sre` sees it: both marks within
    /// `lastmark`, set, and in order.
    fn group_span(&self, g: usize) -> Option<(usize, usize)> {
        if (g * 2 + 1) as i64 > self.lastmark {
            return None;
        }
        let a = *self.marks.get(g * 2)?;
        let b = *self.marks.get(g * 2 + 1)?;
        (a >= 0 && b >= a).then_some((a as usize, b as usize))
    }

    fn captures(&self, start: usize, end: usize) -> Captures {
        let mut spans = vec![Some((start, end))];
        for g in 0..self.prog.groups {
            spans.push(self.group_span(g));
        }
        let li = self.lastindex;
        Captures {
            spans,
            lastindex: (li > 0).then_some(li as usize),
        }
    }

    /// Runs the program from `start`; the end of the match if it matches.
    fn run(&mut self, start: usize, full: bool, must_advance: bool) -> Option<usize> {
        let prog = self.prog;
        let s = self.s;
        let end = self.end;
        let mut pc = 0usize;
        let mut pos = start;
        'run: loop {
            let ok = match &prog.insts[pc] {
                Inst::One(u) => {
                    if pos < end && self.unit(u, s[pos]) {
                        pos += 1;
                        pc += 1;
                        true
                    } else {
                        false
                    }
                }
                Inst::At(k) => {
                    pc += 1;
                    self.at(*k, pos)
                }
                Inst::Mark(i) => {
                    self.mark(*i, pos);
                    pc += 1;
                    true
                }
                Inst::Split(alt) => {
                    let saved = self.save(self.in_repeat());
                    self.stack.push(Frame::Alt {
                        pc: *alt,
                        pos,
                        trail: self.trail.len(),
                        saved,
                    });
                    pc += 1;
                    true
                }
                Inst::Jmp(t) => {
                    pc = *t;
                    true
                }
                Inst::Repeat { id, until } => {
                    let r = self.count_reg(*id);
                    let cur = self.cur_reg();
                    self.set(r, -1);
                    self.set(r + 1, UNSET);
                    self.set(r + 2, self.regs[cur]);
                    self.set(cur, *id as i64);
                    pc = *until;
                    true
                }
                Inst::Until {
                    id,
                    min,
                    max,
                    greedy,
                    body,
                } => {
                    let r = self.count_reg(*id);
                    let n = self.regs[r] + 1;
                    if n < *min as i64 {
                        self.set(r, n);
                        pc = *body;
                        true
                    } else if *greedy {
                        let more = *max == UNBOUNDED || n < *max as i64;
                        if more && self.regs[r + 1] != pos as i64 {
                            let saved = self.save(true);
                            self.stack.push(Frame::GreedyTail {
                                id: *id,
                                pc: pc + 1,
                                pos,
                                trail: self.trail.len(),
                                saved,
                            });
                            self.set(r, n);
                            self.set(r + 1, pos as i64);
                            pc = *body;
                        } else {
                            self.set(self.cur_reg(), self.regs[r + 2]);
                            pc += 1;
                        }
                        true
                    } else {
                        // The tail runs in the enclosing repeat.
                        let saved = self.save(self.regs[r + 2] >= 0);
                        self.stack.push(Frame::LazyMore {
                            pc,
                            n,
                            pos,
                            trail: self.trail.len(),
                            saved,
                        });
                        self.set(self.cur_reg(), self.regs[r + 2]);
                        pc += 1;
                        true
                    }
                }
                Inst::RepeatOne {
                    min,
                    max,
                    greedy,
                    unit,
                } => {
                    // `sre` compares signed: past the end, even `x*` fails.
                    if *min as i64 > end as i64 - pos as i64 {
                        false
                    } else if *greedy {
                        let limit = (*max as usize).min(end - pos);
                        let mut count = 0usize;
                        while count < limit && self.unit(unit, s[pos + count]) {
                            count += 1;
                        }
                        if count < *min as usize {
                            false
                        } else {
                            if count > *min as usize {
                                let saved = self.save(self.in_repeat());
                                self.stack.push(Frame::OneGreedy {
                                    pc: pc + 1,
                                    pos: pos + count,
                                    count: count as u32,
                                    min: *min,
                                    trail: self.trail.len(),
                                    saved,
                                });
                            }
                            pos += count;
                            pc += 1;
                            true
                        }
                    } else {
                        let mut ok = true;
                        for k in 0..*min as usize {
                            if !self.unit(unit, s[pos + k]) {
                                ok = false;
                                break;
                            }
                        }
                        if ok {
                            pos += *min as usize;
                            if *min < *max {
                                let saved = self.save(self.in_repeat());
                                self.stack.push(Frame::OneLazy {
                                    pc,
                                    pos,
                                    count: *min,
                                    trail: self.trail.len(),
                                    saved,
                                });
                            }
                            pc += 1;
                        }
                        ok
                    }
                }
                Inst::PossOne { min, max, unit } => {
                    let limit = (*max as usize).min(end.saturating_sub(pos));
                    let mut count = 0usize;
                    while count < limit && self.unit(unit, s[pos + count]) {
                        count += 1;
                    }
                    if *min as i64 > end as i64 - pos as i64 || count < *min as usize {
                        false
                    } else {
                        pos += count;
                        pc += 1;
                        true
                    }
                }
                Inst::PossStart { id, check } => {
                    let r = self.count_reg(*id);
                    self.set(r, 0);
                    self.set(r + 1, UNSET);
                    pc = *check;
                    true
                }
                Inst::PossCheck { id, min, max, tail } => {
                    let r = self.count_reg(*id);
                    let n = self.regs[r];
                    if n < *min as i64 {
                        self.stack.push(Frame::Barrier {
                            kind: BarrierKind::PossMin,
                            pos,
                            trail: self.trail.len(),
                            saved: None,
                        });
                        pc += 1;
                    } else if (*max == UNBOUNDED || n < *max as i64)
                        && self.regs[r + 1] != pos as i64
                    {
                        self.set(r + 1, pos as i64);
                        let saved = Some(self.save(true));
                        self.stack.push(Frame::Barrier {
                            kind: BarrierKind::PossMore { tail: *tail },
                            pos,
                            trail: self.trail.len(),
                            saved,
                        });
                        pc += 1;
                    } else {
                        pc = *tail;
                    }
                    true
                }
                Inst::PossEnd { id, check } => {
                    self.cut();
                    let r = self.count_reg(*id);
                    let n = self.regs[r];
                    self.set(r, n + 1);
                    pc = *check;
                    true
                }
                Inst::AtomicStart => {
                    self.stack.push(Frame::Barrier {
                        kind: BarrierKind::Atomic,
                        pos,
                        trail: self.trail.len(),
                        saved: None,
                    });
                    pc += 1;
                    true
                }
                Inst::AtomicEnd => {
                    self.cut();
                    pc += 1;
                    true
                }
                Inst::LookStart {
                    behind,
                    negate,
                    after,
                } => {
                    if pos < *behind {
                        // The body cannot match before the string's start.
                        if *negate {
                            pc = *after;
                            true
                        } else {
                            false
                        }
                    } else {
                        let saved = negate.then(|| self.save(self.in_repeat()));
                        self.stack.push(Frame::Barrier {
                            kind: BarrierKind::Look {
                                negate: *negate,
                                after: *after,
                            },
                            pos,
                            trail: self.trail.len(),
                            saved,
                        });
                        pos -= *behind;
                        pc += 1;
                        true
                    }
                }
                Inst::LookEnd => match self.cut() {
                    Some((BarrierKind::Look { negate: false, .. }, p)) => {
                        pos = p;
                        pc += 1;
                        true
                    }
                    _ => false,
                },
                Inst::GroupRef {
                    group,
                    ignore,
                    ascii,
                } => match self.group_span(group - 1) {
                    None => false,
                    Some((a, b)) => {
                        let len = b.saturating_sub(a);
                        if pos + len > end {
                            false
                        } else {
                            let ok = (0..len).all(|k| {
                                let (x, y) = (s[a + k], s[pos + k]);
                                x == y || (*ignore && lower(x, *ascii) == lower(y, *ascii))
                            });
                            if ok {
                                pos += len;
                                pc += 1;
                            }
                            ok
                        }
                    }
                },
                Inst::GroupExists { group, no } => {
                    if self.group_span(group - 1).is_some() {
                        pc += 1;
                    } else {
                        pc = *no;
                    }
                    true
                }
                Inst::Match => {
                    if (full && pos != end) || (must_advance && pos == start) {
                        false
                    } else {
                        return Some(pos);
                    }
                }
            };
            if ok {
                continue;
            }
            // Backtrack to the latest choice point.
            loop {
                let frame = self.stack.pop()?;
                match frame {
                    Frame::Alt {
                        pc: p,
                        pos: q,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        self.restore(&saved);
                        pc = p;
                        pos = q;
                        continue 'run;
                    }
                    Frame::GreedyTail {
                        id,
                        pc: p,
                        pos: q,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        self.restore(&saved);
                        let r = self.count_reg(id);
                        self.set(self.cur_reg(), self.regs[r + 2]);
                        pc = p;
                        pos = q;
                        continue 'run;
                    }
                    Frame::LazyMore {
                        pc: p,
                        n,
                        pos: q,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        self.restore(&saved);
                        let Inst::Until { id, max, body, .. } = &prog.insts[p] else {
                            continue;
                        };
                        let r = self.count_reg(*id);
                        if (*max != UNBOUNDED && n >= *max as i64) || self.regs[r + 1] == q as i64 {
                            continue;
                        }
                        self.set(r, n);
                        self.set(r + 1, q as i64);
                        pc = *body;
                        pos = q;
                        continue 'run;
                    }
                    Frame::OneGreedy {
                        pc: p,
                        pos: q,
                        count,
                        min,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        self.restore(&saved);
                        let (q, count) = (q - 1, count - 1);
                        if count > min {
                            self.stack.push(Frame::OneGreedy {
                                pc: p,
                                pos: q,
                                count,
                                min,
                                trail,
                                saved,
                            });
                        }
                        pc = p;
                        pos = q;
                        continue 'run;
                    }
                    Frame::OneLazy {
                        pc: p,
                        pos: q,
                        count,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        self.restore(&saved);
                        let Inst::RepeatOne { max, unit, .. } = &prog.insts[p] else {
                            continue;
                        };
                        if q >= end || !self.unit(unit, s[q]) {
                            continue;
                        }
                        let count = count + 1;
                        if count < *max {
                            self.stack.push(Frame::OneLazy {
                                pc: p,
                                pos: q + 1,
                                count,
                                trail,
                                saved,
                            });
                        }
                        pc = p + 1;
                        pos = q + 1;
                        continue 'run;
                    }
                    Frame::Barrier {
                        kind,
                        pos: q,
                        trail,
                        saved,
                    } => {
                        self.undo(trail);
                        if let Some(saved) = &saved {
                            self.restore(saved);
                        }
                        match kind {
                            BarrierKind::Atomic
                            | BarrierKind::PossMin
                            | BarrierKind::Look { negate: false, .. } => continue,
                            BarrierKind::Look {
                                negate: true,
                                after,
                            } => {
                                pc = after;
                                pos = q;
                                continue 'run;
                            }
                            BarrierKind::PossMore { tail } => {
                                pc = tail;
                                pos = q;
                                continue 'run;
                            }
                        }
                    }
                }
            }
        }
    }
}

/// `sre`'s extra case equivalences (CPython's `Lib/re/_casefix.py`, generated
/// from Unicode data): lowercase letters that match each other under
/// IGNORECASE though neither is the other's lowercase. Each lowercase
/// letter with its (up to two) equivalents, 0 for none; sorted.
/// Generated with `sorted(re._casefix._EXTRA_CASES.items())`.
const CASE_FIXES: [(u32, [u32; 2]); 50] = [
    (0x0069, [0x0131, 0x0000]),
    (0x0073, [0x017f, 0x0000]),
    (0x00b5, [0x03bc, 0x0000]),
    (0x0131, [0x0069, 0x0000]),
    (0x017f, [0x0073, 0x0000]),
    (0x0345, [0x03b9, 0x1fbe]),
    (0x0390, [0x1fd3, 0x0000]),
    (0x03b0, [0x1fe3, 0x0000]),
    (0x03b2, [0x03d0, 0x0000]),
    (0x03b5, [0x03f5, 0x0000]),
    (0x03b8, [0x03d1, 0x0000]),
    (0x03b9, [0x0345, 0x1fbe]),
    (0x03ba, [0x03f0, 0x0000]),
    (0x03bc, [0x00b5, 0x0000]),
    (0x03c0, [0x03d6, 0x0000]),
    (0x03c1, [0x03f1, 0x0000]),
    (0x03c2, [0x03c3, 0x0000]),
    (0x03c3, [0x03c2, 0x0000]),
    (0x03c6, [0x03d5, 0x0000]),
    (0x03d0, [0x03b2, 0x0000]),
    (0x03d1, [0x03b8, 0x0000]),
    (0x03d5, [0x03c6, 0x0000]),
    (0x03d6, [0x03c0, 0x0000]),
    (0x03f0, [0x03ba, 0x0000]),
    (0x03f1, [0x03c1, 0x0000]),
    (0x03f5, [0x03b5, 0x0000]),
    (0x0432, [0x1c80, 0x0000]),
    (0x0434, [0x1c81, 0x0000]),
    (0x043e, [0x1c82, 0x0000]),
    (0x0441, [0x1c83, 0x0000]),
    (0x0442, [0x1c84, 0x1c85]),
    (0x044a, [0x1c86, 0x0000]),
    (0x0463, [0x1c87, 0x0000]),
    (0x1c80, [0x0432, 0x0000]),
    (0x1c81, [0x0434, 0x0000]),
    (0x1c82, [0x043e, 0x0000]),
    (0x1c83, [0x0441, 0x0000]),
    (0x1c84, [0x0442, 0x1c85]),
    (0x1c85, [0x0442, 0x1c84]),
    (0x1c86, [0x044a, 0x0000]),
    (0x1c87, [0x0463, 0x0000]),
    (0x1c88, [0xa64b, 0x0000]),
    (0x1e61, [0x1e9b, 0x0000]),
    (0x1e9b, [0x1e61, 0x0000]),
    (0x1fbe, [0x0345, 0x03b9]),
    (0x1fd3, [0x0390, 0x0000]),
    (0x1fe3, [0x03b0, 0x0000]),
    (0xa64b, [0x1c88, 0x0000]),
    (0xfb05, [0xfb06, 0x0000]),
    (0xfb06, [0xfb05, 0x0000]),
];

/// The case equivalents of the lowercase letter `lc` (`_casefix`).
fn fixes(lc: u32) -> &'static [u32] {
    match CASE_FIXES.binary_search_by_key(&lc, |&(k, _)| k) {
        Ok(i) => {
            let v = &CASE_FIXES[i].1;
            if v[1] == 0 {
                &v[..1]
            } else {
                &v[..]
            }
        }
        Err(_) => &[],
    }
}
