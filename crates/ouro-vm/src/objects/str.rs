//! `str`: immutable UTF-8 text with code-point indexing (O(1) for ASCII).

use ouro_bytecode::BinOp;
use ouro_heap::{Kind, ObjRef, StrObj};

use crate::error::PyResult;
use crate::natives::Args;
use crate::types::T;
use crate::vm::Vm;

/// Whether CPython's `str.isprintable()` holds for `c`: everything except
/// the "Other" and "Separator" categories, with space allowed.
pub(crate) fn is_printable(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x20 || cp == 0x7f {
        return false;
    }
    if cp < 0x7f {
        return true;
    }
    !matches!(cp,
        0x80..=0xa0 | 0xad | 0x34f | 0x61c | 0x115f..=0x1160 | 0x1680 | 0x180e
        | 0x2000..=0x200f | 0x2028..=0x202f | 0x205f..=0x206f | 0x3000 | 0x3164
        | 0xd800..=0xdfff | 0xe000..=0xf8ff | 0xfe00..=0xfe0f | 0xfeff | 0xffa0
        | 0xfff0..=0xfffb | 0xfffe..=0xffff | 0x1d173..=0x1d17a | 0xe0000..=0xe0fff
        | 0xf0000..=0x10ffff)
}

/// `repr(str)`, as CPython's `unicode_repr`.
pub(crate) fn str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
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
            c if is_printable(c) => out.push(c),
            c => {
                let cp = c as u32;
                if cp < 0x100 {
                    out.push_str(&format!("\\x{cp:02x}"));
                } else if cp < 0x10000 {
                    out.push_str(&format!("\\u{cp:04x}"));
                } else {
                    out.push_str(&format!("\\U{cp:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Normalises a slice for a sequence of `len`, as CPython's
/// `PySlice_AdjustIndices`: (start, stop, step, count).
pub(crate) fn adjust_slice(
    start: Option<isize>,
    stop: Option<isize>,
    step: isize,
    len: usize,
) -> (isize, isize, isize, usize) {
    let len = len as isize;
    let (lo_default, hi_default) = if step < 0 { (len - 1, -1) } else { (0, len) };
    let clamp = |v: isize| -> isize {
        if v < 0 {
            let v = v + len;
            if v < 0 {
                if step < 0 {
                    -1
                } else {
                    0
                }
            } else {
                v
            }
        } else if v >= len {
            if step < 0 {
                len - 1
            } else {
                len
            }
        } else {
            v
        }
    };
    let start = start.map_or(lo_default, clamp);
    let stop = stop.map_or(hi_default, clamp);
    let count = if step < 0 {
        if stop < start {
            ((start - stop - 1) / (-step) + 1) as usize
        } else {
            0
        }
    } else if start < stop {
        ((stop - start - 1) / step + 1) as usize
    } else {
        0
    };
    (start, stop, step, count)
}

impl Vm {
    fn str_arg<'a>(&mut self, o: &'a ObjRef, what: &str) -> PyResult<&'a str> {
        match o.get::<StrObj>() {
            Some(s) => Ok(s.as_str()),
            None => {
                let tn = self.type_name_of(o);
                Err(self.type_error(format!("{what} must be str, not {tn}")))
            }
        }
    }

    pub(crate) fn str_getitem(&mut self, o: &ObjRef, key: &ObjRef) -> PyResult<ObjRef> {
        let s = self.str_of(o);
        let so = o.get::<StrObj>();
        let nchars = so.map_or(0, |s| s.char_len());
        let ascii = so.is_some_and(|s| s.is_ascii());
        if key.kind() == Kind::Slice {
            let (start, step, _, count) = self.slice_indices(key, nchars)?;
            let mut out = String::with_capacity(count);
            if ascii {
                let b = s.as_bytes();
                let mut i = start;
                for _ in 0..count {
                    out.push(b[i as usize] as char);
                    i += step;
                }
            } else {
                let chars: Vec<char> = s.chars().collect();
                let mut i = start;
                for _ in 0..count {
                    out.push(chars[i as usize]);
                    i += step;
                }
            }
            let owned = out;
            return self.new_str(&owned);
        }
        if !matches!(key.kind(), Kind::Int | Kind::BigInt) && !Vm::is_heap_class_of(key) {
            let tn = self.type_name_of(key);
            return Err(self.type_error(format!("string indices must be integers, not '{tn}'")));
        }
        let i = self.index_isize(key)?;
        let idx = if i < 0 { i + nchars as isize } else { i };
        if idx < 0 || idx as usize >= nchars {
            return Err(self.index_error("string index out of range"));
        }
        let c = if ascii {
            (s.as_bytes()[idx as usize] as char).to_string()
        } else {
            s.chars()
                .nth(idx as usize)
                .map(|c| c.to_string())
                .unwrap_or_default()
        };
        self.new_str(&c)
    }

    pub(crate) fn str_binop(
        &mut self,
        a: &ObjRef,
        b: &ObjRef,
        op: BinOp,
    ) -> PyResult<Option<ObjRef>> {
        match op {
            BinOp::Add if b.kind() == Kind::Str => {
                let x = self.str_of(a);
                let y = self.str_of(b);
                if y.is_empty() && self.is_exact(a, T::Str) {
                    return Ok(Some(a.clone()));
                }
                if x.is_empty() && self.is_exact(b, T::Str) {
                    return Ok(Some(b.clone()));
                }
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                self.new_str(&s).map(Some)
            }
            BinOp::Multiply if matches!(b.kind(), Kind::Int | Kind::BigInt) => {
                let n = self.repeat_count(b)?;
                let x = self.str_of(a);
                if n == 1 && self.is_exact(a, T::Str) {
                    return Ok(Some(a.clone()));
                }
                if x.len()
                    .checked_mul(n)
                    .is_none_or(|t| t > isize::MAX as usize / 2 || !ouro_heap::fits_in_limit(t))
                {
                    return Err(self.memory_error());
                }
                let s = x.repeat(n);
                self.new_str(&s).map(Some)
            }
            BinOp::Remainder => self.str_percent(a, b).map(Some),
            _ => Ok(None),
        }
    }

    /// A repetition count: negative counts are zero; huge ones raise.
    pub(crate) fn repeat_count(&mut self, n: &ObjRef) -> PyResult<usize> {
        match self.to_bigint(n) {
            Some(v) => {
                use num_traits::{Signed, ToPrimitive};
                if v.is_negative() {
                    return Ok(0);
                }
                match v.to_usize() {
                    Some(n) if n <= isize::MAX as usize => Ok(n),
                    _ => Err(self.overflow_error("cannot fit 'int' into an index-sized integer")),
                }
            }
            None => Ok(0),
        }
    }

    /// `str % args`.
    pub(crate) fn str_percent(&mut self, fmt: &ObjRef, args: &ObjRef) -> PyResult<ObjRef> {
        let f = self.str_of(fmt).to_string();
        let items: Vec<ObjRef> = if args.kind() == Kind::Tuple && !Vm::is_heap_class_of(args) {
            self.seq_items(args)
        } else {
            vec![args.clone()]
        };
        let mapping = args.kind() == Kind::Dict;
        let mut out = String::with_capacity(f.len());
        let mut it = items.iter();
        let mut used_mapping = false;
        let chars: Vec<char> = f.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            if c != '%' {
                out.push(c);
                i += 1;
                continue;
            }
            i += 1;
            let Some(&next) = chars.get(i) else {
                return Err(self.value_error("incomplete format"));
            };
            if next == '%' {
                out.push('%');
                i += 1;
                continue;
            }
            // (key)
            let mut value: Option<ObjRef> = None;
            if next == '(' {
                let mut depth = 1;
                let start = i + 1;
                let mut j = start;
                while j < chars.len() && depth > 0 {
                    if chars[j] == '(' {
                        depth += 1;
                    } else if chars[j] == ')' {
                        depth -= 1;
                    }
                    j += 1;
                }
                if depth != 0 {
                    return Err(self.value_error("incomplete format key"));
                }
                let key: String = chars[start..j - 1].iter().collect();
                if !mapping {
                    return Err(self.type_error("format requires a mapping"));
                }
                let k = self.new_str(&key)?;
                value = Some(self.getitem(args, &k)?);
                used_mapping = true;
                i = j;
            }
            let mut spec = ouro_algo::percent::Spec::default();
            // flags
            while let Some(&fc) = chars.get(i) {
                match fc {
                    '-' => spec.left_adjust = true,
                    '+' => spec.sign_plus = true,
                    ' ' => spec.sign_space = true,
                    '#' => spec.alternate = true,
                    '0' => spec.zero_pad = true,
                    _ => break,
                }
                i += 1;
            }
            // width
            if chars.get(i) == Some(&'*') {
                let Some(w) = it.next() else {
                    return Err(self.type_error("not enough arguments for format string"));
                };
                let w = self.index_isize(w)?;
                if w < 0 {
                    spec.left_adjust = true;
                }
                spec.width = Some(w.unsigned_abs());
                i += 1;
            } else {
                let mut w = None;
                while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                    w = Some(
                        w.unwrap_or(0usize)
                            .saturating_mul(10)
                            .saturating_add(d as usize),
                    );
                    i += 1;
                }
                spec.width = w;
            }
            if chars.get(i) == Some(&'.') {
                i += 1;
                if chars.get(i) == Some(&'*') {
                    let Some(p) = it.next() else {
                        return Err(self.type_error("not enough arguments for format string"));
                    };
                    let p = self.index_isize(p)?;
                    spec.precision = Some(p.max(0) as usize);
                    i += 1;
                } else {
                    let mut p = 0usize;
                    while let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                        p = p.saturating_mul(10).saturating_add(d as usize);
                        i += 1;
                    }
                    spec.precision = Some(p);
                }
            }
            // length modifiers are accepted and ignored
            while matches!(chars.get(i), Some('h' | 'l' | 'L')) {
                i += 1;
            }
            let Some(&conv) = chars.get(i) else {
                return Err(self.value_error("incomplete format"));
            };
            i += 1;
            let v = match value {
                Some(v) => v,
                None => {
                    if mapping && !used_mapping && items.len() == 1 {
                        // '%s' % {'a': 1} formats the dict itself.
                    }
                    match it.next() {
                        Some(v) => v.clone(),
                        None => {
                            return Err(self.type_error("not enough arguments for format string"))
                        }
                    }
                }
            };
            let piece = self.percent_one(&v, conv, &spec, i - 1)?;
            out.push_str(&piece);
        }
        if it.next().is_some() && !mapping {
            return Err(self.type_error("not all arguments converted during string formatting"));
        }
        self.new_str(&out)
    }

    fn percent_one(
        &mut self,
        v: &ObjRef,
        conv: char,
        spec: &ouro_algo::percent::Spec,
        pos: usize,
    ) -> PyResult<String> {
        use ouro_algo::percent as pc;
        match conv {
            's' => {
                let s = self.str_string(v)?;
                pc::format_str(&s, spec).map_err(|_| self.memory_error())
            }
            'r' => {
                let s = self.repr_string(v)?;
                pc::format_str(&s, spec).map_err(|_| self.memory_error())
            }
            'a' => {
                let s = self.ascii(v)?;
                let s = self.str_of(&s).to_string();
                pc::format_str(&s, spec).map_err(|_| self.memory_error())
            }
            'd' | 'i' | 'u' | 'x' | 'X' | 'o' => {
                let b = match v.kind() {
                    Kind::Int | Kind::BigInt => self.to_bigint(v).unwrap_or_default(),
                    Kind::Float => {
                        let f = self.float_value(v).unwrap_or(0.0);
                        if matches!(conv, 'x' | 'X' | 'o') {
                            let tn = self.type_name_of(v);
                            return Err(self.type_error(format!(
                                "%{conv} format: an integer is required, not {tn}"
                            )));
                        }
                        let o = self.int_from_f64(f)?;
                        self.to_bigint(&o).unwrap_or_default()
                    }
                    _ => {
                        let tn = self.type_name_of(v);
                        return Err(self.type_error(if matches!(conv, 'x' | 'X' | 'o') {
                            format!("%{conv} format: an integer is required, not {tn}")
                        } else {
                            format!("%{conv} format: a real number is required, not {tn}")
                        }));
                    }
                };
                let c = match conv {
                    'x' => pc::IntConversion::Hex,
                    'X' => pc::IntConversion::HexUpper,
                    'o' => pc::IntConversion::Octal,
                    _ => pc::IntConversion::Decimal,
                };
                pc::format_int(&b, c, spec).map_err(|_| self.memory_error())
            }
            'e' | 'E' | 'f' | 'F' | 'g' | 'G' => {
                let Some(f) = self
                    .float_value(v)
                    .filter(|_| matches!(v.kind(), Kind::Float | Kind::Int | Kind::BigInt))
                else {
                    let tn = self.type_name_of(v);
                    return Err(self.type_error(format!("must be real number, not {tn}")));
                };
                let code = ouro_algo::float::DtoaCode::from_char(conv)
                    .unwrap_or(ouro_algo::float::DtoaCode::Repr);
                pc::format_float(f, code, spec).map_err(|_| self.memory_error())
            }
            'c' => {
                let ch = if v.kind() == Kind::Str {
                    let s = self.str_of(v);
                    let mut cs = s.chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => c,
                        _ => return Err(self.type_error("%c requires int or char")),
                    }
                } else {
                    let n = self.index_isize(v)?;
                    match u32::try_from(n).ok().and_then(char::from_u32) {
                        Some(c) => c,
                        None => return Err(self.overflow_error("%c arg not in range(0x110000)")),
                    }
                };
                pc::format_char(ch, spec).map_err(|_| self.memory_error())
            }
            other => Err(self.value_error(format!(
                "unsupported format character '{other}' (0x{:x}) at index {pos}",
                other as u32
            ))),
        }
    }

    /// `str(object)` / `str()`.
    pub(crate) fn str_new(&mut self, mut args: Args) -> PyResult<ObjRef> {
        if args.len() > 1 || !args.kw.is_empty() {
            // str(object=b'', encoding='utf-8', errors='strict')
            if args.len() <= 3 {
                return self.str_decode_form(args);
            }
        }
        args.no_kw(self, "str")?;
        if args.len() > 1 {
            return Err(self.type_error(format!(
                "str expected at most 1 argument, got {}",
                args.len()
            )));
        }
        match std::mem::take(&mut args.pos).into_iter().next() {
            None => self.new_str(""),
            Some(o) => self.str(&o),
        }
    }
}

// ------------------------------------------------------------------ methods

fn this<'a>(vm: &mut Vm, args: &'a Args, name: &str) -> PyResult<&'a str> {
    match args.pos.first().and_then(|s| s.get::<StrObj>()) {
        Some(s) => Ok(s.as_str()),
        None => Err(vm.type_error(format!("descriptor '{name}' requires a 'str' object"))),
    }
}

fn str_upper(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "upper")?.to_uppercase();
    vm.new_str(&s)
}

fn str_lower(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "lower")?.to_lowercase();
    vm.new_str(&s)
}

fn strip_chars(vm: &mut Vm, args: &Args, name: &str) -> PyResult<Option<Vec<char>>> {
    match args.pos.get(1) {
        None => Ok(None),
        Some(c) if c.is(&vm.none) => Ok(None),
        Some(c) => match c.get::<StrObj>() {
            Some(s) => Ok(Some(s.as_str().chars().collect())),
            None => {
                let tn = vm.type_name_of(c);
                Err(vm.type_error(format!("{name} arg must be None or str, not {tn}")))
            }
        },
    }
}

fn do_strip(vm: &mut Vm, args: Args, name: &str, left: bool, right: bool) -> PyResult<ObjRef> {
    args.check(vm, name, 1, 2)?;
    let s = this(vm, &args, name)?;
    let chars = strip_chars(vm, &args, name)?;
    let pred = |c: char| match &chars {
        None => ouro_algo::unicode::is_space(c),
        Some(set) => set.contains(&c),
    };
    let mut r = s;
    if left {
        r = r.trim_start_matches(pred);
    }
    if right {
        r = r.trim_end_matches(pred);
    }
    if r.len() == s.len() && vm.is_exact(&args.pos[0], T::Str) {
        return Ok(args.pos[0].clone());
    }
    let owned = r.to_string();
    vm.new_str(&owned)
}

fn str_strip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "strip", true, true)
}

fn str_lstrip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "lstrip", true, false)
}

fn str_rstrip(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    do_strip(vm, args, "rstrip", false, true)
}

fn str_split_impl(vm: &mut Vm, mut args: Args, name: &str, right: bool) -> PyResult<ObjRef> {
    let sep_kw = args.take_kw(vm, "sep");
    let max_kw = args.take_kw(vm, "maxsplit");
    args.no_more_kw(vm, name)?;
    args.check(vm, name, 1, 3)?;
    let s = this(vm, &args, name)?.to_string();
    let sep = args.pos.get(1).cloned().or(sep_kw);
    let maxsplit = match args.pos.get(2).cloned().or(max_kw) {
        Some(m) => vm.index_isize(&m)?,
        None => -1,
    };
    let mut parts: Vec<String> = Vec::new();
    match sep {
        Some(sep) if !sep.is(&vm.none) => {
            let sep = vm.str_arg(&sep, "must be str or None")?.to_string();
            if sep.is_empty() {
                return Err(vm.value_error("empty separator"));
            }
            if maxsplit < 0 {
                if right {
                    parts = s.rsplit(sep.as_str()).map(str::to_string).collect();
                    parts.reverse();
                } else {
                    parts = s.split(sep.as_str()).map(str::to_string).collect();
                }
            } else if right {
                parts = s
                    .rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect();
                parts.reverse();
            } else {
                parts = s
                    .splitn(maxsplit as usize + 1, sep.as_str())
                    .map(str::to_string)
                    .collect();
            }
        }
        _ => {
            // Whitespace splitting: runs of whitespace, no empty strings.
            let is_ws = ouro_algo::unicode::is_space;
            let chars: Vec<char> = s.chars().collect();
            let mut splits = 0;
            if !right {
                let mut i = 0;
                loop {
                    while i < chars.len() && is_ws(chars[i]) {
                        i += 1;
                    }
                    if i >= chars.len() {
                        break;
                    }
                    if maxsplit >= 0 && splits == maxsplit {
                        let rest: String = chars[i..].iter().collect();
                        parts.push(rest.trim_end_matches(is_ws).to_string());
                        break;
                    }
                    let start = i;
                    while i < chars.len() && !is_ws(chars[i]) {
                        i += 1;
                    }
                    parts.push(chars[start..i].iter().collect());
                    splits += 1;
                }
            } else {
                let mut i = chars.len();
                loop {
                    while i > 0 && is_ws(chars[i - 1]) {
                        i -= 1;
                    }
                    if i == 0 {
                        break;
                    }
                    if maxsplit >= 0 && splits == maxsplit {
                        let rest: String = chars[..i].iter().collect();
                        parts.push(rest.trim_start_matches(is_ws).to_string());
                        break;
                    }
                    let end = i;
                    while i > 0 && !is_ws(chars[i - 1]) {
                        i -= 1;
                    }
                    parts.push(chars[i..end].iter().collect());
                    splits += 1;
                }
                parts.reverse();
            }
        }
    }
    let mut items = Vec::with_capacity(parts.len());
    for p in parts {
        items.push(vm.new_str(&p)?);
    }
    vm.new_list(items)
}

fn str_split(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    str_split_impl(vm, args, "split", false)
}

fn str_rsplit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    str_split_impl(vm, args, "rsplit", true)
}

fn str_join(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.exactly_one_after_self(vm, "join")?;
    let sep = this(vm, &args, "join")?.to_string();
    let items = vm.iterate(&args.pos[1])?;
    let mut out = String::new();
    for (i, it) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(&sep);
        }
        match it.get::<StrObj>() {
            Some(s) => out.push_str(s.as_str()),
            None => {
                let tn = vm.type_name_of(it);
                return Err(vm.type_error(format!(
                    "sequence item {i}: expected str instance, {tn} found"
                )));
            }
        }
    }
    vm.new_str(&out)
}

fn str_replace(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "replace", 3, 4)?;
    let s = this(vm, &args, "replace")?.to_string();
    let old = vm
        .str_arg(&args.pos[1], "replace() argument 1")?
        .to_string();
    let new = vm
        .str_arg(&args.pos[2], "replace() argument 2")?
        .to_string();
    let count = match args.pos.get(3) {
        Some(c) => vm.index_isize(c)?,
        None => -1,
    };
    let r = if count < 0 {
        s.replace(&old, &new)
    } else {
        s.replacen(&old, &new, count as usize)
    };
    vm.new_str(&r)
}

/// Resolves optional `start`/`end` arguments (at `args.pos[i]`, `[i+1]`)
/// into a char range of `s`.
fn sub_range(vm: &mut Vm, args: &Args, i: usize, nchars: usize) -> PyResult<(usize, usize)> {
    let get = |vm: &mut Vm, k: usize| -> PyResult<Option<isize>> {
        match args.pos.get(k) {
            None => Ok(None),
            Some(v) if v.is(&vm.none) => Ok(None),
            Some(v) => vm.index_isize(v).map(Some),
        }
    };
    let n = nchars as isize;
    let norm = |v: isize| -> usize {
        if v < 0 {
            (v + n).max(0) as usize
        } else {
            v.min(n) as usize
        }
    };
    let start = get(vm, i)?.map_or(0, norm);
    let end = get(vm, i + 1)?.map_or(nchars, norm);
    Ok((start, end))
}

fn char_slice(s: &str, start: usize, end: usize) -> &str {
    if start >= end {
        return "";
    }
    let mut it = s
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(s.len()));
    let b0 = it.by_ref().nth(start).unwrap_or(s.len());
    let b1 = if end > start {
        it.nth(end - start - 1).unwrap_or(s.len())
    } else {
        b0
    };
    s.get(b0..b1).unwrap_or("")
}

fn affix_check(vm: &mut Vm, args: Args, name: &str, prefix: bool) -> PyResult<ObjRef> {
    args.check(vm, name, 2, 4)?;
    let s = this(vm, &args, name)?;
    let n = args.pos[0].get::<StrObj>().map_or(0, |x| x.char_len());
    let (start, end) = sub_range(vm, &args, 2, n)?;
    let sub = char_slice(s, start, end);
    let test = |a: &str| {
        if prefix {
            sub.starts_with(a)
        } else {
            sub.ends_with(a)
        }
    };
    let arg = &args.pos[1];
    let ok = if arg.kind() == Kind::Tuple {
        let items = vm.seq_items(arg);
        let mut found = false;
        for it in &items {
            match it.get::<StrObj>() {
                Some(x) => {
                    if test(x.as_str()) {
                        found = true;
                        break;
                    }
                }
                None => {
                    let tn = vm.type_name_of(it);
                    return Err(
                        vm.type_error(format!("tuple for {name} must only contain str, not {tn}"))
                    );
                }
            }
        }
        found
    } else {
        match arg.get::<StrObj>() {
            Some(x) => start <= n && test(x.as_str()),
            None => {
                let tn = vm.type_name_of(arg);
                return Err(vm.type_error(format!(
                    "{name} first arg must be str or a tuple of str, not {tn}"
                )));
            }
        }
    };
    Ok(vm.new_bool(ok))
}

fn str_startswith(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    affix_check(vm, args, "startswith", true)
}

fn str_endswith(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    affix_check(vm, args, "endswith", false)
}

/// find/rfind/index/rindex/count share argument handling.
fn search(vm: &mut Vm, args: Args, name: &str) -> PyResult<(Option<usize>, usize)> {
    args.check(vm, name, 2, 4)?;
    let s = this(vm, &args, name)?;
    let sub = vm.str_arg(&args.pos[1], "must be str")?;
    let n = args.pos[0].get::<StrObj>().map_or(0, |x| x.char_len());
    let (start, end) = sub_range(vm, &args, 2, n)?;
    if start > end || start > n {
        return Ok((None, 0));
    }
    let hay = char_slice(s, start, end);
    let reverse = name.starts_with('r');
    if name == "count" {
        let c = if sub.is_empty() {
            hay.chars().count() + 1
        } else {
            hay.matches(sub).count()
        };
        return Ok((None, c));
    }
    let pos = if reverse {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    };
    Ok((pos.map(|b| start + hay[..b].chars().count()), 0))
}

fn str_find(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (p, _) = search(vm, args, "find")?;
    vm.new_int(p.map_or(-1, |p| p as i64))
}

fn str_rfind(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (p, _) = search(vm, args, "rfind")?;
    vm.new_int(p.map_or(-1, |p| p as i64))
}

fn str_index(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    match search(vm, args, "index")?.0 {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_rindex(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    match search(vm, args, "rindex")?.0 {
        Some(p) => vm.new_int(p as i64),
        None => Err(vm.value_error("substring not found")),
    }
}

fn str_count(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let (_, c) = search(vm, args, "count")?;
    vm.new_int(c as i64)
}

fn pred_method(vm: &mut Vm, args: Args, name: &str, f: fn(&str) -> bool) -> PyResult<ObjRef> {
    args.check(vm, name, 1, 1)?;
    let s = this(vm, &args, name)?;
    let r = f(s);
    Ok(vm.new_bool(r))
}

fn str_isdigit(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isdigit", |s| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_digit() || ouro_algo::unicode::decimal_value(c).is_some())
    })
}

fn str_isdecimal(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isdecimal", |s| {
        !s.is_empty()
            && s.chars()
                .all(|c| ouro_algo::unicode::decimal_value(c).is_some())
    })
}

fn str_isalpha(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isalpha", |s| {
        !s.is_empty() && s.chars().all(char::is_alphabetic)
    })
}

fn str_isalnum(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isalnum", |s| {
        !s.is_empty() && s.chars().all(char::is_alphanumeric)
    })
}

fn str_isspace(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isspace", |s| {
        !s.is_empty() && s.chars().all(ouro_algo::unicode::is_space)
    })
}

fn str_isupper(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isupper", |s| {
        s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
    })
}

fn str_islower(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "islower", |s| {
        s.chars().any(char::is_lowercase) && !s.chars().any(char::is_uppercase)
    })
}

fn str_isascii(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isascii", |s| s.is_ascii())
}

fn str_isidentifier(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isidentifier", |s| {
        let mut cs = s.chars();
        match cs.next() {
            Some(c) if c == '_' || c.is_alphabetic() => cs.all(|c| c == '_' || c.is_alphanumeric()),
            _ => false,
        }
    })
}

fn str_isprintable(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "isprintable", |s| s.chars().all(is_printable))
}

fn str_capitalize(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "capitalize")?;
    let mut out = String::with_capacity(s.len());
    let mut cs = s.chars();
    if let Some(c) = cs.next() {
        out.extend(c.to_uppercase());
    }
    for c in cs {
        out.extend(c.to_lowercase());
    }
    vm.new_str(&out)
}

fn str_title(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "title")?;
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    vm.new_str(&out)
}

fn str_swapcase(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "swapcase")?;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_uppercase() {
            out.extend(c.to_lowercase());
        } else if c.is_lowercase() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    vm.new_str(&out)
}

fn pad(vm: &mut Vm, args: Args, name: &str, how: u8) -> PyResult<ObjRef> {
    args.check(vm, name, 2, 3)?;
    let s = this(vm, &args, name)?.to_string();
    let width = vm.index_isize(&args.pos[1])?;
    let fill = match args.pos.get(2) {
        None => ' ',
        Some(f) => {
            let fs = vm.str_of(f);
            let mut cs = fs.chars();
            match (cs.next(), cs.next(), f.kind() == Kind::Str) {
                (Some(c), None, true) => c,
                _ => {
                    return Err(
                        vm.type_error("The fill character must be exactly one character long")
                    )
                }
            }
        }
    };
    let n = s.chars().count();
    if width <= n as isize {
        return Ok(args.pos[0].clone());
    }
    let total = width as usize - n;
    let (left, right) = match how {
        b'l' => (0, total),
        b'r' => (total, 0),
        _ => {
            // CPython's centering puts the extra character on the left when
            // the width and the padding are both odd.
            let left = total / 2 + (total & width as usize & 1);
            (left, total - left)
        }
    };
    let mut out = String::with_capacity(s.len() + total);
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(&s);
    out.extend(std::iter::repeat_n(fill, right));
    vm.new_str(&out)
}

fn str_ljust(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "ljust", b'l')
}

fn str_rjust(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "rjust", b'r')
}

fn str_center(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pad(vm, args, "center", b'c')
}

fn str_zfill(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "zfill", 2, 2)?;
    let s = this(vm, &args, "zfill")?.to_string();
    let width = vm.index_isize(&args.pos[1])?;
    let n = s.chars().count();
    if width <= n as isize {
        return Ok(args.pos[0].clone());
    }
    let fill = width as usize - n;
    let (sign, rest) = match s.chars().next() {
        Some(c @ ('+' | '-')) => (c.to_string(), s[1..].to_string()),
        _ => (String::new(), s.clone()),
    };
    let out = format!("{sign}{}{rest}", "0".repeat(fill));
    vm.new_str(&out)
}

fn str_partition_impl(vm: &mut Vm, args: Args, right: bool) -> PyResult<ObjRef> {
    let name = if right { "rpartition" } else { "partition" };
    args.check(vm, name, 2, 2)?;
    let s = this(vm, &args, name)?.to_string();
    let sep = vm.str_arg(&args.pos[1], "must be str")?.to_string();
    if sep.is_empty() {
        return Err(vm.value_error("empty separator"));
    }
    let found = if right { s.rfind(&sep) } else { s.find(&sep) };
    let (a, b, c) = match found {
        Some(i) => (
            s[..i].to_string(),
            sep.clone(),
            s[i + sep.len()..].to_string(),
        ),
        None if right => (String::new(), String::new(), s.clone()),
        None => (s.clone(), String::new(), String::new()),
    };
    let items = vec![vm.new_str(&a)?, vm.new_str(&b)?, vm.new_str(&c)?];
    vm.new_tuple(items)
}

fn str_partition(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    str_partition_impl(vm, args, false)
}

fn str_rpartition(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    str_partition_impl(vm, args, true)
}

fn str_splitlines(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    let keep_kw = args.take_kw(vm, "keepends");
    let s = this(vm, &args, "splitlines")?.to_string();
    let keep = match args.pos.get(1).cloned().or(keep_kw) {
        Some(k) => vm.truthy(&k)?,
        None => false,
    };
    let mut out = Vec::new();
    let chars: Vec<char> = s.chars().collect();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let is_break = matches!(
            c,
            '\n' | '\r'
                | '\x0b'
                | '\x0c'
                | '\x1c'
                | '\x1d'
                | '\x1e'
                | '\u{85}'
                | '\u{2028}'
                | '\u{2029}'
        );
        if is_break {
            let mut end = i + 1;
            if c == '\r' && chars.get(i + 1) == Some(&'\n') {
                end += 1;
            }
            let line: String = chars[start..if keep { end } else { i }].iter().collect();
            out.push(vm.new_str(&line)?);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    if start < chars.len() {
        let line: String = chars[start..].iter().collect();
        out.push(vm.new_str(&line)?);
    }
    vm.new_list(out)
}

fn str_removeprefix(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "removeprefix", 2, 2)?;
    let s = this(vm, &args, "removeprefix")?.to_string();
    let p = vm
        .str_arg(&args.pos[1], "removeprefix() argument")?
        .to_string();
    match s.strip_prefix(p.as_str()) {
        Some(r) => vm.new_str(r),
        None => Ok(args.pos[0].clone()),
    }
}

fn str_removesuffix(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.check(vm, "removesuffix", 2, 2)?;
    let s = this(vm, &args, "removesuffix")?.to_string();
    let p = vm
        .str_arg(&args.pos[1], "removesuffix() argument")?
        .to_string();
    match s.strip_suffix(p.as_str()) {
        Some(r) if !p.is_empty() => vm.new_str(r),
        _ => Ok(args.pos[0].clone()),
    }
}

fn str_casefold(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "casefold")?
        .to_lowercase()
        .replace('ß', "ss");
    vm.new_str(&s)
}

fn str_expandtabs(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let s = this(vm, &args, "expandtabs")?.to_string();
    let size = match args.pos.get(1) {
        Some(t) => vm.index_isize(t)?,
        None => 8,
    };
    let mut out = String::new();
    let mut col = 0usize;
    for c in s.chars() {
        match c {
            '\t' => {
                if size > 0 {
                    let n = size as usize - col % size as usize;
                    out.extend(std::iter::repeat_n(' ', n));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    vm.new_str(&out)
}

fn str_format_method(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    vm.str_format(args)
}

fn str_format_map(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    vm.str_format_map(args)
}

fn str_istitle(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    pred_method(vm, args, "istitle", |s| {
        is_title(s.chars().map(|c| {
            if c.is_uppercase() || is_titlecase(c) {
                Some(true)
            } else if c.is_lowercase() {
                Some(false)
            } else {
                None
            }
        }))
    })
}

/// `istitle` over a text's characters, each given as Some(true) for an
/// upper- or titlecase letter, Some(false) for a lowercase one, None for
/// an uncased character: every cased run starts upper and goes on lower,
/// and there is at least one cased character (str and bytes alike).
pub(crate) fn is_title(cases: impl Iterator<Item = Option<bool>>) -> bool {
    let mut cased = false;
    let mut prev_cased = false;
    for c in cases {
        match c {
            Some(upper) => {
                if upper == prev_cased {
                    return false;
                }
                prev_cased = true;
                cased = true;
            }
            None => prev_cased = false,
        }
    }
    cased
}

/// The titlecase letters (category Lt), which `str.istitle` treats like
/// uppercase ones.
fn is_titlecase(c: char) -> bool {
    matches!(c as u32,
        0x01c5 | 0x01c8 | 0x01cb | 0x01f2 | 0x1f88..=0x1f8f | 0x1f98..=0x1f9f
        | 0x1fa8..=0x1faf | 0x1fbc | 0x1fcc | 0x1ffc)
}

/// `str.maketrans(x[, y[, z]])`: a dict from code points to code points,
/// strings or None.
fn str_maketrans(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "maketrans")?;
    let d = vm.new_dict()?;
    match args.pos.len() {
        1 => {
            let x = args.pos[0].clone();
            if x.kind() != Kind::Dict {
                return Err(
                    vm.type_error("if you give only one argument to maketrans it must be a dict")
                );
            }
            for (k, v) in vm.dict_items_vec(&x)? {
                let key = if k.kind() == Kind::Str {
                    let mut cs = vm.str_of(&k).chars();
                    match (cs.next(), cs.next()) {
                        (Some(c), None) => vm.new_int(c as i64)?,
                        _ => {
                            return Err(vm
                                .value_error("string keys in translate table must be of length 1"))
                        }
                    }
                } else if matches!(k.kind(), Kind::Int | Kind::BigInt) {
                    k
                } else {
                    return Err(
                        vm.type_error("keys in translate table must be strings or integers")
                    );
                };
                vm.dict_setitem(&d, key, v)?;
            }
        }
        2 | 3 => {
            let get = |vm: &mut Vm, i: usize, nth: &str| -> PyResult<Vec<char>> {
                let o = &args.pos[i];
                if o.kind() != Kind::Str {
                    let tn = vm.type_name_of(o);
                    return Err(
                        vm.type_error(format!("maketrans() argument {nth} must be str, not {tn}"))
                    );
                }
                Ok(vm.str_of(o).chars().collect())
            };
            let x = get(vm, 0, "1")?;
            let y = get(vm, 1, "2")?;
            if x.len() != y.len() {
                return Err(
                    vm.value_error("the first two maketrans arguments must have equal length")
                );
            }
            for (a, b) in x.iter().zip(&y) {
                let k = vm.new_int(*a as i64)?;
                let v = vm.new_int(*b as i64)?;
                vm.dict_setitem(&d, k, v)?;
            }
            if args.pos.len() == 3 {
                for c in get(vm, 2, "3")? {
                    let k = vm.new_int(c as i64)?;
                    let none = vm.none.clone();
                    vm.dict_setitem(&d, k, none)?;
                }
            }
        }
        n => {
            return Err(vm.type_error(format!("maketrans() takes at least 1 argument ({n} given)")))
        }
    }
    Ok(d)
}

/// `str.translate(table)`: each character looked up in `table` by code
/// point; a lookup error keeps it, None deletes it.
fn str_translate(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "translate")?;
    args.exactly_one_after_self(vm, "translate")?;
    let s = this(vm, &args, "translate")?.to_string();
    let table = args.pos[1].clone();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let k = vm.new_int(c as i64)?;
        let v = match vm.getitem(&table, &k) {
            Ok(v) => v,
            Err(e) if vm.err_is(&e, T::LookupError) => {
                out.push(c);
                continue;
            }
            Err(e) => return Err(e),
        };
        if v.is(&vm.none) {
            continue;
        }
        match v.kind() {
            Kind::Str => out.push_str(vm.str_of(&v)),
            Kind::Int | Kind::BigInt => {
                let n = vm.index_value(&v)?;
                match u32::try_from(&n).ok().and_then(char::from_u32) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(vm.value_error("character mapping must be in range(0x110000)"))
                    }
                }
            }
            _ => return Err(vm.type_error("character mapping must return integer, None or str")),
        }
    }
    vm.new_str(&out)
}

fn str_dunder_len(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    let n = args
        .pos
        .first()
        .and_then(|s| s.get::<StrObj>())
        .map_or(0, |s| s.char_len());
    vm.new_int(n as i64)
}

impl Args {
    /// `METH_O` methods: self plus exactly one argument.
    pub fn exactly_one_after_self(&self, vm: &mut Vm, fname: &str) -> PyResult<()> {
        if self.pos.len() != 2 {
            return Err(vm.type_error(format!(
                "{fname}() takes exactly one argument ({} given)",
                self.pos.len().saturating_sub(1)
            )));
        }
        Ok(())
    }
}

pub(crate) fn install(vm: &mut Vm) -> PyResult<()> {
    let methods: &[(&'static str, crate::natives::NativeFn)] = &[
        ("upper", str_upper),
        ("lower", str_lower),
        ("strip", str_strip),
        ("lstrip", str_lstrip),
        ("rstrip", str_rstrip),
        ("split", str_split),
        ("rsplit", str_rsplit),
        ("join", str_join),
        ("replace", str_replace),
        ("startswith", str_startswith),
        ("endswith", str_endswith),
        ("find", str_find),
        ("rfind", str_rfind),
        ("index", str_index),
        ("rindex", str_rindex),
        ("count", str_count),
        ("isdigit", str_isdigit),
        ("isdecimal", str_isdecimal),
        ("isnumeric", str_isdigit),
        ("isalpha", str_isalpha),
        ("isalnum", str_isalnum),
        ("isspace", str_isspace),
        ("isupper", str_isupper),
        ("islower", str_islower),
        ("isascii", str_isascii),
        ("isidentifier", str_isidentifier),
        ("isprintable", str_isprintable),
        ("capitalize", str_capitalize),
        ("title", str_title),
        ("swapcase", str_swapcase),
        ("ljust", str_ljust),
        ("rjust", str_rjust),
        ("center", str_center),
        ("zfill", str_zfill),
        ("partition", str_partition),
        ("rpartition", str_rpartition),
        ("splitlines", str_splitlines),
        ("removeprefix", str_removeprefix),
        ("removesuffix", str_removesuffix),
        ("casefold", str_casefold),
        ("expandtabs", str_expandtabs),
        ("format", str_format_method),
        ("format_map", str_format_map),
        ("istitle", str_istitle),
        ("translate", str_translate),
        ("encode", super::bytes::str_encode),
        ("__len__", str_dunder_len),
    ];
    for (name, f) in methods {
        vm.add_method(T::Str, name, *f)?;
    }
    let f = vm.new_builtin_function("maketrans", str_maketrans)?;
    let sm = vm.new_staticmethod(f)?;
    let ty = vm.ty(T::Str).clone();
    let d = vm.type_dict(&ty)?;
    let key = vm.intern("maketrans")?;
    vm.dict_set_str(&d, &key, sm)?;
    Ok(())
}
