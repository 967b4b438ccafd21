//! The parse tree to a [`Program`], after CPython 3.11's
//! `Lib/re/_compiler.py`: the same choice between `sre`'s single-character
//! repeat (`REPEAT_ONE`, for `_simple` bodies) and the general repeat with
//! its `UNTIL` (which carries the zero-width-loop protection), and the same
//! look-behind check.

use super::flags::*;
use super::parse::{At, Category, Item, Parsed, RepeatKind, SetItem, INF};
use super::Error;

/// A test of one character (`sre`'s `_UNIT_CODES`).
#[derive(Clone, Debug)]
pub enum Unit {
    Lit(u32),
    NotLit(u32),
    /// Case-insensitive literal, stored lowered; `ascii`: fold ASCII only.
    LitIgnore(u32, bool),
    NotLitIgnore(u32, bool),
    Any,
    AnyAll,
    /// A class: index into [`Program::sets`].
    Set(usize),
}

/// A class as compiled: items, negation, case folding, ASCII categories.
#[derive(Clone, Debug)]
pub struct Set {
    pub items: Vec<SetItem>,
    pub negate: bool,
    pub ignore: bool,
    pub ascii: bool,
}

/// Anchors with the MULTILINE and ASCII choices made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AtKind {
    Beginning,
    BeginningLine,
    BeginningString,
    End,
    EndLine,
    EndString,
    Boundary { ascii: bool },
    NonBoundary { ascii: bool },
}

/// The matcher's instructions. `pc` fields are absolute indices.
#[derive(Clone, Debug)]
pub enum Inst {
    One(Unit),
    At(AtKind),
    /// Sets mark `n` (group `n / 2 + 1`'s start or end) to the position.
    Mark(usize),
    /// Try `pc + 1`; on failure, `alt`.
    Split(usize),
    Jmp(usize),
    /// `REPEAT`: opens repeat `id` and goes to its `until`.
    Repeat {
        id: usize,
        until: usize,
    },
    /// `MAX_UNTIL` / `MIN_UNTIL`: the body starts at `body`, the tail at
    /// the next instruction.
    Until {
        id: usize,
        min: u32,
        max: u32,
        greedy: bool,
        body: usize,
    },
    /// `REPEAT_ONE` / `MIN_REPEAT_ONE`.
    RepeatOne {
        min: u32,
        max: u32,
        greedy: bool,
        unit: Unit,
    },
    /// `POSSESSIVE_REPEAT_ONE`.
    PossOne {
        min: u32,
        max: u32,
        unit: Unit,
    },
    /// `POSSESSIVE_REPEAT`: opens repeat `id`, then goes to `check`.
    PossStart {
        id: usize,
        check: usize,
    },
    /// Runs one more (atomic) iteration of the body at the next
    /// instruction, or goes on to `tail`.
    PossCheck {
        id: usize,
        min: u32,
        max: u32,
        tail: usize,
    },
    /// End of an iteration of a possessive repeat: back to `check`.
    PossEnd {
        id: usize,
        check: usize,
    },
    AtomicStart,
    AtomicEnd,
    /// `ASSERT` / `ASSERT_NOT`: `behind` is the look-behind width (0 for a
    /// look-ahead); `after` is where matching continues.
    LookStart {
        behind: usize,
        negate: bool,
        after: usize,
    },
    LookEnd,
    GroupRef {
        group: usize,
        ignore: bool,
        ascii: bool,
    },
    /// `GROUPREF_EXISTS`: goes on if the group matched, else to `no`.
    GroupExists {
        group: usize,
        no: usize,
    },
    Match,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Program {
    pub insts: Vec<Inst>,
    pub sets: Vec<Set>,
    /// Capturing groups, group 0 excluded.
    pub groups: usize,
    /// Repeat contexts (each has a count and a last position).
    pub repeats: usize,
}

struct Compiler {
    insts: Vec<Inst>,
    sets: Vec<Set>,
    repeats: usize,
    widths: Vec<Option<(u64, u64)>>,
}

/// Mirrors `_compiler.compile` (without the prefix/charset info block,
/// which only makes CPython faster).
pub fn compile(p: &Parsed) -> Result<Program, Error> {
    let mut c = Compiler {
        insts: Vec::new(),
        sets: Vec::new(),
        repeats: 0,
        widths: p.widths.clone(),
    };
    c.seq(&p.items, p.flags)?;
    c.insts.push(Inst::Match);
    Ok(Program {
        insts: c.insts,
        sets: c.sets,
        groups: p.groups - 1,
        repeats: c.repeats,
    })
}

fn combine_flags(flags: u32, add: u32, del: u32) -> u32 {
    let type_flags = ASCII | LOCALE | UNICODE;
    let mut f = flags;
    if add & type_flags != 0 {
        f &= !type_flags;
    }
    (f | add) & !del
}

/// `_simple`: a single one-character item (possibly in a flags-only group).
fn simple(body: &[Item]) -> Option<(&Item, u32, u32)> {
    if body.len() != 1 {
        return None;
    }
    match &body[0] {
        Item::Sub {
            group: None,
            add,
            del,
            body,
        } => simple(body).map(|(it, a, d)| (it, a | *add, d | *del)),
        it @ (Item::Literal(_) | Item::NotLiteral(_) | Item::Any | Item::In(..)) => {
            Some((it, 0, 0))
        }
        _ => None,
    }
}

pub(crate) fn is_ascii_mode(flags: u32) -> bool {
    flags & UNICODE == 0
}

impl Compiler {
    fn here(&self) -> usize {
        self.insts.len()
    }

    fn unit(&mut self, it: &Item, flags: u32) -> Unit {
        let ignore = flags & IGNORECASE != 0;
        let ascii = is_ascii_mode(flags);
        match it {
            Item::Literal(c) | Item::NotLiteral(c) => {
                let not = matches!(it, Item::NotLiteral(_));
                let cased = ignore && super::exec::is_cased(*c, ascii);
                match (not, cased) {
                    (false, false) => Unit::Lit(*c),
                    (true, false) => Unit::NotLit(*c),
                    (false, true) => Unit::LitIgnore(super::exec::lower(*c, ascii), ascii),
                    (true, true) => Unit::NotLitIgnore(super::exec::lower(*c, ascii), ascii),
                }
            }
            Item::Any => {
                if flags & DOTALL != 0 {
                    Unit::AnyAll
                } else {
                    Unit::Any
                }
            }
            Item::In(items, negate) => {
                self.sets.push(Set {
                    items: items.clone(),
                    negate: *negate,
                    ignore,
                    ascii,
                });
                Unit::Set(self.sets.len() - 1)
            }
            _ => Unit::AnyAll,
        }
    }

    fn seq(&mut self, items: &[Item], flags: u32) -> Result<(), Error> {
        for it in items {
            self.item(it, flags)?;
        }
        Ok(())
    }

    fn item(&mut self, it: &Item, flags: u32) -> Result<(), Error> {
        match it {
            Item::Literal(_) | Item::NotLiteral(_) | Item::Any | Item::In(..) => {
                let u = self.unit(it, flags);
                self.insts.push(Inst::One(u));
            }
            Item::At(a) => {
                let ml = flags & MULTILINE != 0;
                let ascii = is_ascii_mode(flags);
                let k = match a {
                    At::Beginning if ml => AtKind::BeginningLine,
                    At::Beginning => AtKind::Beginning,
                    At::End if ml => AtKind::EndLine,
                    At::End => AtKind::End,
                    At::BeginningString => AtKind::BeginningString,
                    At::EndString => AtKind::EndString,
                    At::Boundary => AtKind::Boundary { ascii },
                    At::NonBoundary => AtKind::NonBoundary { ascii },
                };
                self.insts.push(Inst::At(k));
            }
            Item::Branch(alts) => {
                let mut jumps = Vec::new();
                for (i, alt) in alts.iter().enumerate() {
                    if i + 1 < alts.len() {
                        let split = self.here();
                        self.insts.push(Inst::Split(0));
                        self.seq(alt, flags)?;
                        jumps.push(self.here());
                        self.insts.push(Inst::Jmp(0));
                        let next = self.here();
                        self.insts[split] = Inst::Split(next);
                    } else {
                        self.seq(alt, flags)?;
                    }
                }
                let end = self.here();
                for j in jumps {
                    self.insts[j] = Inst::Jmp(end);
                }
            }
            Item::Repeat {
                min,
                max,
                kind,
                body,
            } => {
                if let Some((u, add, del)) = simple(body) {
                    let unit = self.unit(u, combine_flags(flags, add, del));
                    let (min, max) = (*min, *max);
                    self.insts.push(match kind {
                        RepeatKind::Greedy => Inst::RepeatOne {
                            min,
                            max,
                            greedy: true,
                            unit,
                        },
                        RepeatKind::Lazy => Inst::RepeatOne {
                            min,
                            max,
                            greedy: false,
                            unit,
                        },
                        RepeatKind::Possessive => Inst::PossOne { min, max, unit },
                    });
                    return Ok(());
                }
                let id = self.repeats;
                self.repeats += 1;
                match kind {
                    RepeatKind::Greedy | RepeatKind::Lazy => {
                        let start = self.here();
                        self.insts.push(Inst::Repeat { id, until: 0 });
                        self.seq(body, flags)?;
                        let until = self.here();
                        self.insts.push(Inst::Until {
                            id,
                            min: *min,
                            max: *max,
                            greedy: *kind == RepeatKind::Greedy,
                            body: start + 1,
                        });
                        self.insts[start] = Inst::Repeat { id, until };
                    }
                    RepeatKind::Possessive => {
                        let start = self.here();
                        self.insts.push(Inst::PossStart {
                            id,
                            check: start + 1,
                        });
                        self.insts.push(Inst::PossCheck {
                            id,
                            min: *min,
                            max: *max,
                            tail: 0,
                        });
                        self.seq(body, flags)?;
                        self.insts.push(Inst::PossEnd {
                            id,
                            check: start + 1,
                        });
                        let tail = self.here();
                        self.insts[start + 1] = Inst::PossCheck {
                            id,
                            min: *min,
                            max: *max,
                            tail,
                        };
                    }
                }
            }
            Item::Sub {
                group,
                add,
                del,
                body,
            } => {
                if let Some(g) = group {
                    self.insts.push(Inst::Mark((g - 1) * 2));
                }
                self.seq(body, combine_flags(flags, *add, *del))?;
                if let Some(g) = group {
                    self.insts.push(Inst::Mark((g - 1) * 2 + 1));
                }
            }
            Item::Atomic(body) => {
                self.insts.push(Inst::AtomicStart);
                self.seq(body, flags)?;
                self.insts.push(Inst::AtomicEnd);
            }
            Item::Assert {
                behind,
                negate,
                body,
            } => {
                let mut w = 0;
                if *behind {
                    let (lo, hi) = super::parse::width(body, &self.widths);
                    if lo != hi {
                        return Err(Error::re("look-behind requires fixed-width pattern", None));
                    }
                    if lo > u32::MAX as u64 {
                        return Err(Error::re("looks too much behind", None));
                    }
                    w = lo as usize;
                }
                let start = self.here();
                self.insts.push(Inst::LookStart {
                    behind: w,
                    negate: *negate,
                    after: 0,
                });
                self.seq(body, flags)?;
                self.insts.push(Inst::LookEnd);
                let after = self.here();
                self.insts[start] = Inst::LookStart {
                    behind: w,
                    negate: *negate,
                    after,
                };
            }
            Item::GroupRef(g) => self.insts.push(Inst::GroupRef {
                group: *g,
                ignore: flags & IGNORECASE != 0,
                ascii: is_ascii_mode(flags),
            }),
            Item::GroupRefExists { group, yes, no } => {
                let start = self.here();
                self.insts.push(Inst::GroupExists {
                    group: *group,
                    no: 0,
                });
                self.seq(yes, flags)?;
                let no_pc = match no {
                    Some(no) => {
                        let j = self.here();
                        self.insts.push(Inst::Jmp(0));
                        let no_pc = self.here();
                        self.seq(no, flags)?;
                        let end = self.here();
                        self.insts[j] = Inst::Jmp(end);
                        no_pc
                    }
                    None => self.here(),
                };
                self.insts[start] = Inst::GroupExists {
                    group: *group,
                    no: no_pc,
                };
            }
        }
        Ok(())
    }
}

impl Program {
    /// The literal every match must start with, if the program begins with
    /// one (lets a search skip start positions quickly).
    pub fn first_literal(&self) -> Option<u32> {
        match self.insts.first() {
            Some(Inst::One(Unit::Lit(c))) => Some(*c),
            Some(Inst::RepeatOne {
                min,
                unit: Unit::Lit(c),
                ..
            }) if *min > 0 => Some(*c),
            _ => None,
        }
    }
}

impl Category {
    /// Whether `c` is in the category (`sre_category`).
    pub fn matches(self, c: u32, ascii: bool) -> bool {
        use super::exec::{is_digit, is_space, is_word};
        match self {
            Category::Digit => is_digit(c, ascii),
            Category::NotDigit => !is_digit(c, ascii),
            Category::Space => is_space(c, ascii),
            Category::NotSpace => !is_space(c, ascii),
            Category::Word => is_word(c, ascii),
            Category::NotWord => !is_word(c, ascii),
        }
    }
}

/// `INF` re-exported for the matcher.
pub(crate) const UNBOUNDED: u32 = INF;
