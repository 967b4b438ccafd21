//! The pattern parser: pattern text to a tree of [`Item`]s, with the
//! checks and error messages (and error positions) of CPython 3.11's
//! `Lib/re/_parser.py`, whose structure it follows (`Tokenizer`, `_parse_sub`,
//! `_parse`, `_escape`, `_class_escape`, `_parse_flags`, `fix_flags`).

use super::{flags::*, Error, ErrorKind, MAXGROUPS, MAXREPEAT};

/// An item of a sequence (CPython's `(op, av)` pairs of a `SubPattern`).
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    Literal(u32),
    NotLiteral(u32),
    Any,
    /// A character class: its items, and whether it is negated.
    In(Vec<SetItem>, bool),
    At(At),
    Branch(Vec<Vec<Item>>),
    Repeat {
        min: u32,
        max: u32,
        kind: RepeatKind,
        body: Vec<Item>,
    },
    /// A group: its number (None: not capturing), flags turned on and off.
    Sub {
        group: Option<usize>,
        add: u32,
        del: u32,
        body: Vec<Item>,
    },
    Atomic(Vec<Item>),
    Assert {
        behind: bool,
        negate: bool,
        body: Vec<Item>,
    },
    GroupRef(usize),
    GroupRefExists {
        group: usize,
        yes: Vec<Item>,
        no: Option<Vec<Item>>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RepeatKind {
    Greedy,
    Lazy,
    Possessive,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SetItem {
    Literal(u32),
    Range(u32, u32),
    Category(Category),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Category {
    Digit,
    NotDigit,
    Space,
    NotSpace,
    Word,
    NotWord,
}

/// Anchors as the parser sees them; the compiler picks the MULTILINE forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    Beginning,
    BeginningString,
    End,
    EndString,
    Boundary,
    NonBoundary,
}

/// The deepest `nested` (two per level of groups) CPython 3.11's parser
/// reaches under the default recursion limit: 495 levels of groups compile,
/// 496 raise `RecursionError`.
const MAX_NESTING: usize = 2 * 495 + 1;

/// Repeat counts at least this large are "infinite" (CPython's MAXREPEAT).
pub const INF: u32 = MAXREPEAT;

/// The parse result: the tree, the final flags and the groups.
pub struct Parsed {
    pub items: Vec<Item>,
    pub flags: u32,
    /// Number of groups, group 0 included.
    pub groups: usize,
    /// Named groups, in definition order.
    pub names: Vec<(String, usize)>,
    pub widths: Vec<Option<(u64, u64)>>,
}

/// One token: a character, or a backslash and the character after it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    Ch(char),
    Esc(char),
}

impl Tok {
    fn len(self) -> usize {
        match self {
            Tok::Ch(_) => 1,
            Tok::Esc(_) => 2,
        }
    }
    fn text(self) -> String {
        match self {
            Tok::Ch(c) => c.to_string(),
            Tok::Esc(c) => format!("\\{c}"),
        }
    }
}

/// Mirrors `_parser.Tokenizer` (for bytes patterns the text is the
/// latin-1 decoding, one character a byte).
pub(super) struct Tokenizer<'a> {
    s: &'a [char],
    index: usize,
    next: Option<Tok>,
    pub istext: bool,
}

impl<'a> Tokenizer<'a> {
    pub(super) fn new(s: &'a [char], istext: bool) -> Result<Self, Error> {
        let mut t = Tokenizer {
            s,
            index: 0,
            next: None,
            istext,
        };
        t.advance()?;
        Ok(t)
    }

    fn advance(&mut self) -> Result<(), Error> {
        let Some(&c) = self.s.get(self.index) else {
            self.next = None;
            return Ok(());
        };
        if c == '\\' {
            let Some(&d) = self.s.get(self.index + 1) else {
                return Err(Error::re(
                    "bad escape (end of pattern)",
                    Some(self.s.len() - 1),
                ));
            };
            self.index += 2;
            self.next = Some(Tok::Esc(d));
        } else {
            self.index += 1;
            self.next = Some(Tok::Ch(c));
        }
        Ok(())
    }

    fn get(&mut self) -> Result<Option<Tok>, Error> {
        let t = self.next;
        self.advance()?;
        Ok(t)
    }

    fn matches(&mut self, c: char) -> Result<bool, Error> {
        if self.next == Some(Tok::Ch(c)) {
            self.advance()?;
            return Ok(true);
        }
        Ok(false)
    }

    fn next_char(&self) -> Option<char> {
        match self.next {
            Some(Tok::Ch(c)) => Some(c),
            _ => None,
        }
    }

    fn next_in(&self, set: fn(char) -> bool) -> bool {
        self.next_char().is_some_and(set)
    }

    fn getwhile(&mut self, n: usize, set: fn(char) -> bool) -> Result<String, Error> {
        let mut out = String::new();
        for _ in 0..n {
            match self.next_char() {
                Some(c) if set(c) => {
                    out.push(c);
                    self.advance()?;
                }
                _ => break,
            }
        }
        Ok(out)
    }

    /// Mirrors `Tokenizer.getuntil`.
    fn getuntil(&mut self, term: char, name: &str) -> Result<String, Error> {
        let mut out = String::new();
        loop {
            let c = self.next;
            self.advance()?;
            match c {
                None => {
                    if out.is_empty() {
                        return Err(self.error(format!("missing {name}"), 0));
                    }
                    let n = out.chars().count();
                    return Err(self.error(format!("missing {term}, unterminated name"), n));
                }
                Some(Tok::Ch(ch)) if ch == term => {
                    if out.is_empty() {
                        return Err(self.error(format!("missing {name}"), 1));
                    }
                    return Ok(out);
                }
                Some(t) => out.push_str(&t.text()),
            }
        }
    }

    pub(super) fn tell(&self) -> usize {
        self.index - self.next.map_or(0, Tok::len)
    }

    fn seek(&mut self, index: usize) -> Result<(), Error> {
        self.index = index;
        self.advance()
    }

    fn error(&self, msg: impl Into<String>, offset: usize) -> Error {
        let mut msg: String = msg.into();
        if !self.istext {
            msg = ascii_backslashreplace(&msg);
        }
        Error::re(msg, Some(self.tell().saturating_sub(offset)))
    }

    fn checkgroupname(&self, name: &str, offset: usize) -> Result<(), Error> {
        if !is_identifier(name) {
            let n = name.chars().count();
            return Err(self.error(
                format!("bad character in group name {}", py_repr(name)),
                n + offset,
            ));
        }
        Ok(())
    }
}

fn ascii_backslashreplace(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let cp = c as u32;
        if cp < 0x80 {
            out.push(c);
        } else if cp < 0x100 {
            out.push_str(&format!("\\x{cp:02x}"));
        } else if cp < 0x10000 {
            out.push_str(&format!("\\u{cp:04x}"));
        } else {
            out.push_str(&format!("\\U{cp:08x}"));
        }
    }
    out
}

/// `str.isidentifier()` (close enough: XID_Start-like letters or `_`, then
/// alphanumerics or `_`).
pub(super) fn is_identifier(s: &str) -> bool {
    let mut cs = s.chars();
    match cs.next() {
        Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
        _ => false,
    }
}

/// Python's `repr` of a str (as the error messages quote names).
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::new();
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit()
}
fn is_octdigit(c: char) -> bool {
    ('0'..='7').contains(&c)
}
fn is_hexdigit(c: char) -> bool {
    c.is_ascii_hexdigit()
}

const SPECIAL_CHARS: &str = ".\\[{()*+?^$|";

fn flag_of(c: char) -> Option<u32> {
    Some(match c {
        'i' => IGNORECASE,
        'L' => LOCALE,
        'm' => MULTILINE,
        's' => DOTALL,
        'x' => VERBOSE,
        'a' => ASCII,
        't' => TEMPLATE,
        'u' => UNICODE,
        _ => return None,
    })
}

const TYPE_FLAGS: u32 = ASCII | LOCALE | UNICODE;
const GLOBAL_FLAGS: u32 = DEBUG | TEMPLATE;

/// Mirrors `_parser.State`.
struct State {
    flags: u32,
    names: Vec<(String, usize)>,
    widths: Vec<Option<(u64, u64)>>,
    lookbehindgroups: Option<usize>,
    grouprefpos: Vec<(usize, usize)>,
}

impl State {
    fn groups(&self) -> usize {
        self.widths.len()
    }
    fn lookup(&self, name: &str) -> Option<usize> {
        self.names.iter().find(|(n, _)| n == name).map(|&(_, g)| g)
    }
    fn opengroup(&mut self, name: Option<&str>) -> Result<usize, String> {
        let gid = self.groups();
        self.widths.push(None);
        if self.groups() > MAXGROUPS {
            return Err("too many groups".into());
        }
        if let Some(name) = name {
            if let Some(ogid) = self.lookup(name) {
                return Err(format!(
                    "redefinition of group name {} as group {gid}; was group {ogid}",
                    py_repr(name)
                ));
            }
            self.names.push((name.to_string(), gid));
        }
        Ok(gid)
    }
    fn checkgroup(&self, gid: usize) -> bool {
        gid < self.groups() && self.widths[gid].is_some()
    }
    fn checklookbehindgroup(&self, gid: usize, src: &Tokenizer) -> Result<(), Error> {
        if let Some(lb) = self.lookbehindgroups {
            if !self.checkgroup(gid) {
                return Err(src.error("cannot refer to an open group", 0));
            }
            if gid >= lb {
                return Err(src.error(
                    "cannot refer to group defined in the same lookbehind subpattern",
                    0,
                ));
            }
        }
        Ok(())
    }
}

/// Parses `pattern` (a str's characters, or a bytes object's bytes as
/// latin-1 characters when `istext` is false) with the given flags.
pub fn parse(pattern: &[char], istext: bool, flags: u32) -> Result<Parsed, Error> {
    let mut src = Tokenizer::new(pattern, istext)?;
    let mut state = State {
        flags,
        names: Vec::new(),
        widths: vec![None],
        lookbehindgroups: None,
        grouprefpos: Vec::new(),
    };
    let verbose = flags & VERBOSE != 0;
    let items = parse_sub(&mut src, &mut state, verbose, 0)?;
    let flags = fix_flags(istext, state.flags)?;
    if src.next.is_some() {
        return Err(src.error("unbalanced parenthesis", 0));
    }
    for &(g, pos) in &state.grouprefpos {
        if g >= state.groups() {
            return Err(Error::re(format!("invalid group reference {g}"), Some(pos)));
        }
    }
    Ok(Parsed {
        items,
        flags,
        groups: state.groups(),
        names: state.names,
        widths: state.widths,
    })
}

/// Mirrors `_parser.fix_flags`.
pub fn fix_flags(istext: bool, mut flags: u32) -> Result<u32, Error> {
    if istext {
        if flags & LOCALE != 0 {
            return Err(Error::value("cannot use LOCALE flag with a str pattern"));
        }
        if flags & ASCII == 0 {
            flags |= UNICODE;
        } else if flags & UNICODE != 0 {
            return Err(Error::value("ASCII and UNICODE flags are incompatible"));
        }
    } else {
        if flags & UNICODE != 0 {
            return Err(Error::value("cannot use UNICODE flag with a bytes pattern"));
        }
        if flags & LOCALE != 0 && flags & ASCII != 0 {
            return Err(Error::value("ASCII and LOCALE flags are incompatible"));
        }
    }
    Ok(flags)
}

/// Mirrors `_parse_sub`: alternatives, with the common prefix factored
/// out and single-character alternatives merged into a class.
fn parse_sub(
    src: &mut Tokenizer,
    state: &mut State,
    mut verbose: bool,
    nested: usize,
) -> Result<Vec<Item>, Error> {
    let mut items: Vec<Vec<Item>> = Vec::new();
    loop {
        let first = nested == 0 && items.is_empty();
        items.push(parse_seq(src, state, verbose, nested + 1, first)?);
        if !src.matches('|')? {
            break;
        }
        if nested == 0 {
            verbose = state.flags & VERBOSE != 0;
        }
    }
    if items.len() == 1 {
        return Ok(items.pop().unwrap_or_default());
    }
    let mut out = Vec::new();
    // Common prefix.
    while let Some(prefix) = items[0].first().cloned() {
        if items.iter().all(|it| it.first() == Some(&prefix)) {
            for it in items.iter_mut() {
                it.remove(0);
            }
            out.push(prefix);
        } else {
            break;
        }
    }
    // All single literals or non-negated classes: one class.
    let mut set: Vec<SetItem> = Vec::new();
    let mut all = true;
    for it in &items {
        if it.len() != 1 {
            all = false;
            break;
        }
        match &it[0] {
            Item::Literal(c) => set.push(SetItem::Literal(*c)),
            Item::In(s, false) => set.extend(s.iter().copied()),
            _ => {
                all = false;
                break;
            }
        }
    }
    if all {
        out.push(Item::In(uniq(set), false));
        return Ok(out);
    }
    out.push(Item::Branch(items));
    Ok(out)
}

fn uniq(set: Vec<SetItem>) -> Vec<SetItem> {
    let mut out: Vec<SetItem> = Vec::with_capacity(set.len());
    for s in set {
        if !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn category(c: char) -> Option<Category> {
    Some(match c {
        'd' => Category::Digit,
        'D' => Category::NotDigit,
        's' => Category::Space,
        'S' => Category::NotSpace,
        'w' => Category::Word,
        'W' => Category::NotWord,
        _ => return None,
    })
}

fn simple_escape(c: char) -> Option<u32> {
    Some(match c {
        'a' => 7,
        'b' => 8,
        'f' => 12,
        'n' => 10,
        'r' => 13,
        't' => 9,
        'v' => 11,
        '\\' => 92,
        _ => return None,
    })
}

/// What an escape stands for inside or outside a class.
enum Esc {
    Lit(u32),
    Cat(Category),
    At(At),
    GroupRef(usize),
}

/// The `\x`, `\u`, `\U` escapes, shared by `_escape` and `_class_escape`.
fn hex_escape(src: &mut Tokenizer, c: char) -> Result<Option<u32>, Error> {
    let (n, pre) = match c {
        'x' => (2, "\\x"),
        'u' if src.istext => (4, "\\u"),
        'U' if src.istext => (8, "\\U"),
        _ => return Ok(None),
    };
    let digits = src.getwhile(n, is_hexdigit)?;
    let escape = format!("{pre}{digits}");
    if digits.len() != n {
        return Err(src.error(format!("incomplete escape {escape}"), escape.len()));
    }
    let v = u32::from_str_radix(&digits, 16).unwrap_or(u32::MAX);
    if c == 'U' && char::from_u32(v).is_none() && v > 0x10ffff {
        return Err(src.error(format!("bad escape {escape}"), escape.len()));
    }
    Ok(Some(v))
}

/// Mirrors `_class_escape`.
fn class_escape(src: &mut Tokenizer, c: char) -> Result<Esc, Error> {
    if let Some(v) = simple_escape(c) {
        return Ok(Esc::Lit(v));
    }
    if let Some(cat) = category(c) {
        return Ok(Esc::Cat(cat));
    }
    if let Some(v) = hex_escape(src, c)? {
        return Ok(Esc::Lit(v));
    }
    if c == 'N' && src.istext {
        return Err(src.error("bad escape \\N", 2));
    }
    if is_octdigit(c) {
        let more = src.getwhile(2, is_octdigit)?;
        let escape = format!("\\{c}{more}");
        let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(0);
        if v > 0o377 {
            return Err(src.error(
                format!("octal escape value {escape} outside of range 0-0o377"),
                escape.len(),
            ));
        }
        return Ok(Esc::Lit(v));
    }
    if is_digit(c) || c.is_ascii_alphabetic() {
        return Err(src.error(format!("bad escape \\{c}"), 2));
    }
    Ok(Esc::Lit(c as u32))
}

/// Mirrors `_escape`.
fn escape(src: &mut Tokenizer, c: char, state: &State) -> Result<Esc, Error> {
    match c {
        'A' => return Ok(Esc::At(At::BeginningString)),
        'b' => return Ok(Esc::At(At::Boundary)),
        'B' => return Ok(Esc::At(At::NonBoundary)),
        'Z' => return Ok(Esc::At(At::EndString)),
        _ => {}
    }
    if let Some(cat) = category(c) {
        return Ok(Esc::Cat(cat));
    }
    if let Some(v) = simple_escape(c) {
        return Ok(Esc::Lit(v));
    }
    if let Some(v) = hex_escape(src, c)? {
        return Ok(Esc::Lit(v));
    }
    if c == 'N' && src.istext {
        return Err(src.error("bad escape \\N", 2));
    }
    if c == '0' {
        let more = src.getwhile(2, is_octdigit)?;
        return Ok(Esc::Lit(
            u32::from_str_radix(&format!("0{more}"), 8).unwrap_or(0),
        ));
    }
    if is_digit(c) {
        let mut escape = format!("\\{c}");
        if let Some(d) = src.next_char().filter(|&d| is_digit(d)) {
            src.get()?;
            escape.push(d);
            if is_octdigit(c) && is_octdigit(d) && src.next_in(is_octdigit) {
                let e = src.next_char().unwrap_or('0');
                src.get()?;
                escape.push(e);
                let v = u32::from_str_radix(&escape[1..], 8).unwrap_or(0);
                if v > 0o377 {
                    return Err(src.error(
                        format!("octal escape value {escape} outside of range 0-0o377"),
                        escape.len(),
                    ));
                }
                return Ok(Esc::Lit(v));
            }
        }
        let group: usize = escape[1..].parse().unwrap_or(usize::MAX);
        if group < state.groups() {
            if !state.checkgroup(group) {
                return Err(src.error("cannot refer to an open group", escape.len()));
            }
            state.checklookbehindgroup(group, src)?;
            return Ok(Esc::GroupRef(group));
        }
        return Err(src.error(format!("invalid group reference {group}"), escape.len() - 1));
    }
    if c.is_ascii_alphabetic() {
        return Err(src.error(format!("bad escape \\{c}"), 2));
    }
    Ok(Esc::Lit(c as u32))
}

fn is_repeat(it: &Item) -> bool {
    matches!(it, Item::Repeat { .. })
}

/// Mirrors `_parse`: one alternative.
fn parse_seq(
    src: &mut Tokenizer,
    state: &mut State,
    mut verbose: bool,
    nested: usize,
    first: bool,
) -> Result<Vec<Item>, Error> {
    if nested > MAX_NESTING {
        return Err(Error {
            kind: ErrorKind::Recursion,
            msg: "maximum recursion depth exceeded".into(),
            pos: None,
        });
    }
    let mut sub: Vec<Item> = Vec::new();
    while let Some(this) = src.next {
        if this == Tok::Ch('|') || this == Tok::Ch(')') {
            break;
        }
        src.get()?;
        if verbose {
            if let Tok::Ch(c) = this {
                if matches!(c, ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c') {
                    continue;
                }
                if c == '#' {
                    loop {
                        match src.get()? {
                            None | Some(Tok::Ch('\n')) => break,
                            _ => {}
                        }
                    }
                    continue;
                }
            }
        }
        let c = match this {
            Tok::Esc(c) => {
                sub.push(match escape(src, c, state)? {
                    Esc::Lit(v) => Item::Literal(v),
                    Esc::Cat(cat) => Item::In(vec![SetItem::Category(cat)], false),
                    Esc::At(a) => Item::At(a),
                    Esc::GroupRef(g) => Item::GroupRef(g),
                });
                continue;
            }
            Tok::Ch(c) => c,
        };
        if !SPECIAL_CHARS.contains(c) {
            sub.push(Item::Literal(c as u32));
            continue;
        }
        match c {
            '[' => sub.push(parse_class(src)?),
            '*' | '+' | '?' | '{' => {
                let here = src.tell();
                let (min, max) = match c {
                    '?' => (0, 1),
                    '*' => (0, INF),
                    '+' => (1, INF),
                    _ => {
                        if src.next == Some(Tok::Ch('}')) {
                            sub.push(Item::Literal('{' as u32));
                            continue;
                        }
                        let lo = src.getwhile(usize::MAX, is_digit)?;
                        let hi = if src.matches(',')? {
                            src.getwhile(usize::MAX, is_digit)?
                        } else {
                            lo.clone()
                        };
                        if !src.matches('}')? {
                            sub.push(Item::Literal('{' as u32));
                            src.seek(here)?;
                            continue;
                        }
                        let mut min = 0;
                        let mut max = INF;
                        if !lo.is_empty() {
                            min = parse_count(&lo)?;
                        }
                        if !hi.is_empty() {
                            max = parse_count(&hi)?;
                            if max < min {
                                return Err(src.error(
                                    "min repeat greater than max repeat",
                                    src.tell() - here,
                                ));
                            }
                        }
                        (min, max)
                    }
                };
                let off = src.tell() - here + 1;
                let item = match sub.last() {
                    None | Some(Item::At(_)) => {
                        return Err(src.error("nothing to repeat", off));
                    }
                    Some(it) if is_repeat(it) => {
                        return Err(src.error("multiple repeat", off));
                    }
                    Some(_) => sub.pop().unwrap_or(Item::Any),
                };
                let body = match item {
                    Item::Sub {
                        group: None,
                        add: 0,
                        del: 0,
                        body,
                    } => body,
                    other => vec![other],
                };
                let kind = if src.matches('?')? {
                    RepeatKind::Lazy
                } else if src.matches('+')? {
                    RepeatKind::Possessive
                } else {
                    RepeatKind::Greedy
                };
                sub.push(Item::Repeat {
                    min,
                    max,
                    kind,
                    body,
                });
            }
            '.' => sub.push(Item::Any),
            '(' => {
                let start = src.tell() - 1;
                let mut capture = true;
                let mut atomic = false;
                let mut name: Option<String> = None;
                let mut add = 0;
                let mut del = 0;
                if src.matches('?')? {
                    let Some(ch) = src.get()? else {
                        return Err(src.error("unexpected end of pattern", 0));
                    };
                    match ch {
                        Tok::Ch('P') => {
                            if src.matches('<')? {
                                let n = src.getuntil('>', "group name")?;
                                src.checkgroupname(&n, 1)?;
                                name = Some(n);
                            } else if src.matches('=')? {
                                let n = src.getuntil(')', "group name")?;
                                src.checkgroupname(&n, 1)?;
                                let len = n.chars().count();
                                let Some(gid) = state.lookup(&n) else {
                                    return Err(src.error(
                                        format!("unknown group name {}", py_repr(&n)),
                                        len + 1,
                                    ));
                                };
                                if !state.checkgroup(gid) {
                                    return Err(src.error("cannot refer to an open group", len + 1));
                                }
                                state.checklookbehindgroup(gid, src)?;
                                sub.push(Item::GroupRef(gid));
                                continue;
                            } else {
                                let Some(ch) = src.get()? else {
                                    return Err(src.error("unexpected end of pattern", 0));
                                };
                                return Err(src.error(
                                    format!("unknown extension ?P{}", ch.text()),
                                    ch.len() + 2,
                                ));
                            }
                        }
                        Tok::Ch(':') => capture = false,
                        Tok::Ch('#') => {
                            loop {
                                if src.next.is_none() {
                                    return Err(src.error(
                                        "missing ), unterminated comment",
                                        src.tell() - start,
                                    ));
                                }
                                if src.get()? == Some(Tok::Ch(')')) {
                                    break;
                                }
                            }
                            continue;
                        }
                        Tok::Ch(d @ ('=' | '!' | '<')) => {
                            let mut negate = d == '!';
                            let mut behind = false;
                            let mut saved_lb = state.lookbehindgroups;
                            if d == '<' {
                                let Some(e) = src.get()? else {
                                    return Err(src.error("unexpected end of pattern", 0));
                                };
                                if e != Tok::Ch('=') && e != Tok::Ch('!') {
                                    return Err(src.error(
                                        format!("unknown extension ?<{}", e.text()),
                                        e.len() + 2,
                                    ));
                                }
                                negate = e == Tok::Ch('!');
                                behind = true;
                                saved_lb = state.lookbehindgroups;
                                if saved_lb.is_none() {
                                    state.lookbehindgroups = Some(state.groups());
                                }
                            }
                            let p = parse_sub(src, state, verbose, nested + 1)?;
                            if behind && saved_lb.is_none() {
                                state.lookbehindgroups = None;
                            }
                            if !src.matches(')')? {
                                return Err(src.error(
                                    "missing ), unterminated subpattern",
                                    src.tell() - start,
                                ));
                            }
                            sub.push(Item::Assert {
                                behind,
                                negate,
                                body: p,
                            });
                            continue;
                        }
                        Tok::Ch('(') => {
                            let condname = src.getuntil(')', "group name")?;
                            let len = condname.chars().count();
                            let condgroup = if is_identifier(&condname) {
                                let Some(g) = state.lookup(&condname) else {
                                    return Err(src.error(
                                        format!("unknown group name {}", py_repr(&condname)),
                                        len + 1,
                                    ));
                                };
                                g
                            } else {
                                let Some(g) = parse_decimal(&condname) else {
                                    return Err(src.error(
                                        format!(
                                            "bad character in group name {}",
                                            py_repr(&condname)
                                        ),
                                        len + 1,
                                    ));
                                };
                                if g == 0 {
                                    return Err(src.error("bad group number", len + 1));
                                }
                                if g >= MAXGROUPS {
                                    return Err(
                                        src.error(format!("invalid group reference {g}"), len + 1)
                                    );
                                }
                                if !state.grouprefpos.iter().any(|&(x, _)| x == g) {
                                    state.grouprefpos.push((g, src.tell() - len - 1));
                                }
                                g
                            };
                            state.checklookbehindgroup(condgroup, src)?;
                            let yes = parse_seq(src, state, verbose, nested + 1, false)?;
                            let no = if src.matches('|')? {
                                let no = parse_seq(src, state, verbose, nested + 1, false)?;
                                if src.next == Some(Tok::Ch('|')) {
                                    return Err(src.error(
                                        "conditional backref with more than two branches",
                                        0,
                                    ));
                                }
                                Some(no)
                            } else {
                                None
                            };
                            if !src.matches(')')? {
                                return Err(src.error(
                                    "missing ), unterminated subpattern",
                                    src.tell() - start,
                                ));
                            }
                            sub.push(Item::GroupRefExists {
                                group: condgroup,
                                yes,
                                no,
                            });
                            continue;
                        }
                        Tok::Ch('>') => {
                            capture = false;
                            atomic = true;
                        }
                        Tok::Ch(f) if flag_of(f).is_some() || f == '-' => {
                            match parse_flags(src, state, f)? {
                                None => {
                                    if !first || !sub.is_empty() {
                                        return Err(src.error(
                                            "global flags not at the start of the expression",
                                            src.tell() - start,
                                        ));
                                    }
                                    verbose = state.flags & VERBOSE != 0;
                                    continue;
                                }
                                Some((a, d)) => {
                                    add = a;
                                    del = d;
                                    capture = false;
                                }
                            }
                        }
                        other => {
                            return Err(src.error(
                                format!("unknown extension ?{}", other.text()),
                                other.len() + 1,
                            ));
                        }
                    }
                }
                let group = if capture {
                    match state.opengroup(name.as_deref()) {
                        Ok(g) => Some(g),
                        Err(msg) => {
                            let n = name.as_deref().map_or(0, |n| n.chars().count());
                            return Err(src.error(msg, n + 1));
                        }
                    }
                } else {
                    None
                };
                let sub_verbose = (verbose || add & VERBOSE != 0) && del & VERBOSE == 0;
                let p = parse_sub(src, state, sub_verbose, nested + 1)?;
                if !src.matches(')')? {
                    return Err(src.error("missing ), unterminated subpattern", src.tell() - start));
                }
                if let Some(g) = group {
                    let w = width(&p, &state.widths);
                    if let Some(slot) = state.widths.get_mut(g) {
                        *slot = Some(w);
                    }
                }
                if atomic {
                    sub.push(Item::Atomic(p));
                } else {
                    sub.push(Item::Sub {
                        group,
                        add,
                        del,
                        body: p,
                    });
                }
            }
            '^' => sub.push(Item::At(At::Beginning)),
            '$' => sub.push(Item::At(At::End)),
            _ => sub.push(Item::Literal(c as u32)),
        }
    }
    // Plain non-capturing groups dissolve into the sequence.
    let mut out = Vec::with_capacity(sub.len());
    for it in sub {
        match it {
            Item::Sub {
                group: None,
                add: 0,
                del: 0,
                body,
            } => out.extend(body),
            other => out.push(other),
        }
    }
    Ok(out)
}

fn parse_decimal(s: &str) -> Option<usize> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    Some(s.parse().unwrap_or(usize::MAX))
}

fn parse_count(s: &str) -> Result<u32, Error> {
    match s.parse::<u64>() {
        Ok(v) if v < MAXREPEAT as u64 => Ok(v as u32),
        _ => Err(Error {
            kind: ErrorKind::Overflow,
            msg: "the repetition number is too large".into(),
            pos: None,
        }),
    }
}

/// A `[...]` class, the `[` consumed.
fn parse_class(src: &mut Tokenizer) -> Result<Item, Error> {
    let here = src.tell() - 1;
    let mut set: Vec<SetItem> = Vec::new();
    let negate = src.matches('^')?;
    loop {
        let Some(this) = src.get()? else {
            return Err(src.error("unterminated character set", src.tell() - here));
        };
        if this == Tok::Ch(']') && !set.is_empty() {
            break;
        }
        let code1 = match this {
            Tok::Esc(c) => class_escape(src, c)?,
            Tok::Ch(c) => Esc::Lit(c as u32),
        };
        if src.matches('-')? {
            let Some(that) = src.get()? else {
                return Err(src.error("unterminated character set", src.tell() - here));
            };
            if that == Tok::Ch(']') {
                set.push(esc_item(&code1));
                set.push(SetItem::Literal('-' as u32));
                break;
            }
            let code2 = match that {
                Tok::Esc(c) => class_escape(src, c)?,
                Tok::Ch(c) => Esc::Lit(c as u32),
            };
            let msg = format!("bad character range {}-{}", this.text(), that.text());
            let off = this.len() + 1 + that.len();
            match (code1, code2) {
                (Esc::Lit(lo), Esc::Lit(hi)) if hi >= lo => set.push(SetItem::Range(lo, hi)),
                _ => return Err(src.error(msg, off)),
            }
        } else {
            set.push(esc_item(&code1));
        }
    }
    let set = uniq(set);
    if set.len() == 1 {
        if let SetItem::Literal(c) = set[0] {
            return Ok(if negate {
                Item::NotLiteral(c)
            } else {
                Item::Literal(c)
            });
        }
    }
    Ok(Item::In(set, negate))
}

fn esc_item(e: &Esc) -> SetItem {
    match e {
        Esc::Lit(v) => SetItem::Literal(*v),
        Esc::Cat(c) => SetItem::Category(*c),
        // Not produced by class_escape.
        Esc::At(_) | Esc::GroupRef(_) => SetItem::Literal(0),
    }
}

/// Mirrors `_parse_flags`: None for global flags (`(?i)`), else the flags
/// a scoped group turns on and off.
fn parse_flags(
    src: &mut Tokenizer,
    state: &mut State,
    mut ch: char,
) -> Result<Option<(u32, u32)>, Error> {
    let mut add = 0;
    let mut del = 0;
    if ch != '-' {
        loop {
            let flag = flag_of(ch).unwrap_or(0);
            if src.istext {
                if ch == 'L' {
                    return Err(src.error(
                        "bad inline flags: cannot use 'L' flag with a str pattern",
                        0,
                    ));
                }
            } else if ch == 'u' {
                return Err(src.error(
                    "bad inline flags: cannot use 'u' flag with a bytes pattern",
                    0,
                ));
            }
            add |= flag;
            if flag & TYPE_FLAGS != 0 && add & TYPE_FLAGS != flag {
                return Err(src.error(
                    "bad inline flags: flags 'a', 'u' and 'L' are incompatible",
                    0,
                ));
            }
            let Some(t) = src.get()? else {
                return Err(src.error("missing -, : or )", 0));
            };
            let c = match t {
                Tok::Ch(c) if matches!(c, ')' | '-' | ':') => {
                    ch = c;
                    break;
                }
                Tok::Ch(c) if flag_of(c).is_some() => c,
                _ => {
                    let alpha = matches!(t, Tok::Ch(c) if c.is_alphabetic());
                    let msg = if alpha {
                        "unknown flag"
                    } else {
                        "missing -, : or )"
                    };
                    return Err(src.error(msg, t.len()));
                }
            };
            ch = c;
        }
    }
    if ch == ')' {
        state.flags |= add;
        return Ok(None);
    }
    if add & GLOBAL_FLAGS != 0 {
        return Err(src.error("bad inline flags: cannot turn on global flag", 1));
    }
    if ch == '-' {
        let Some(t) = src.get()? else {
            return Err(src.error("missing flag", 0));
        };
        let mut c = match t {
            Tok::Ch(c) if flag_of(c).is_some() => c,
            _ => {
                let alpha = matches!(t, Tok::Ch(c) if c.is_alphabetic());
                let msg = if alpha {
                    "unknown flag"
                } else {
                    "missing flag"
                };
                return Err(src.error(msg, t.len()));
            }
        };
        loop {
            let flag = flag_of(c).unwrap_or(0);
            if flag & TYPE_FLAGS != 0 {
                return Err(src.error(
                    "bad inline flags: cannot turn off flags 'a', 'u' and 'L'",
                    0,
                ));
            }
            del |= flag;
            let Some(t) = src.get()? else {
                return Err(src.error("missing :", 0));
            };
            match t {
                Tok::Ch(':') => break,
                Tok::Ch(d) if flag_of(d).is_some() => c = d,
                _ => {
                    let alpha = matches!(t, Tok::Ch(c) if c.is_alphabetic());
                    let msg = if alpha { "unknown flag" } else { "missing :" };
                    return Err(src.error(msg, t.len()));
                }
            }
        }
    }
    if del & GLOBAL_FLAGS != 0 {
        return Err(src.error("bad inline flags: cannot turn off global flag", 1));
    }
    if add & del != 0 {
        return Err(src.error("bad inline flags: flag turned on and off", 1));
    }
    Ok(Some((add, del)))
}

/// Sums saturate at this bound (CPython's MAXWIDTH is 1 << 64).
const MAXWIDTH: u64 = u64::MAX;

/// Mirrors `SubPattern.getwidth`: the least and greatest number of
/// characters a sequence can match.
pub fn width(items: &[Item], groupwidths: &[Option<(u64, u64)>]) -> (u64, u64) {
    let mut lo: u64 = 0;
    let mut hi: u64 = 0;
    for it in items {
        let (i, j) = match it {
            Item::Branch(alts) => {
                let mut i = MAXWIDTH;
                let mut j = 0;
                for a in alts {
                    let (l, h) = width(a, groupwidths);
                    i = i.min(l);
                    j = j.max(h);
                }
                (i, j)
            }
            Item::Atomic(b) | Item::Sub { body: b, .. } => width(b, groupwidths),
            Item::Repeat { min, max, body, .. } => {
                let (i, j) = width(body, groupwidths);
                let lo2 = i.saturating_mul(*min as u64);
                let hi2 = if *max == INF && j != 0 {
                    MAXWIDTH
                } else {
                    j.saturating_mul(*max as u64)
                };
                (lo2, hi2)
            }
            Item::Literal(_) | Item::NotLiteral(_) | Item::Any | Item::In(..) => (1, 1),
            Item::GroupRef(g) => groupwidths.get(*g).copied().flatten().unwrap_or((0, 0)),
            Item::GroupRefExists { yes, no, .. } => {
                let (mut i, mut j) = width(yes, groupwidths);
                match no {
                    Some(n) => {
                        let (l, h) = width(n, groupwidths);
                        i = i.min(l);
                        j = j.max(h);
                    }
                    None => i = 0,
                }
                (i, j)
            }
            Item::At(_) | Item::Assert { .. } => (0, 0),
        };
        lo = lo.saturating_add(i);
        hi = hi.saturating_add(j);
    }
    (lo, hi)
}
