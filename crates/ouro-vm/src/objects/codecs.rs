//! Text encodings: the codecs behind `str.encode`, `bytes.decode`,
//! `str(b, encoding)`, `bytes(s, encoding)`, `open(..., encoding=)`, and the
//! native `_codecs` module under the frozen `codecs.py`.
//!
//! Names are looked up as CPython's registry does (`_Py_normalize_encoding`
//! then `encodings.aliases`): case-insensitive, runs of punctuation read as
//! one `_`, so `UTF16`, `utf_16` and `U16` are one codec. The codecs are
//! CPython's builtin ones: utf-8, utf-8-sig, ascii, latin-1, cp1252 (a
//! charmap), utf-16/utf-32 in both byte orders and with a BOM (written
//! little-endian, this machine's order; honoured and stripped on decoding),
//! unicode_escape and raw_unicode_escape. Errors go through one handler
//! dispatch per direction, with CPython's messages and error positions.
//!
//! A decoder can stop before an incomplete sequence at the end of its input
//! (`final == false`) and report how many bytes it used: the frozen `io`
//! decodes a file chunk by chunk this way, carrying the rest over.

use ouro_heap::{Kind, ObjRef};

use crate::error::{PyErr, PyResult};
use crate::natives::{Args, NativeFn};
use crate::types::T;
use crate::vm::Vm;

/// Byte order of the UTF-16 and UTF-32 codecs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Order {
    /// `utf-16`/`utf-32`: a BOM is written (little-endian) and read.
    Bom,
    Le,
    Be,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Codec {
    Utf8,
    Utf8Sig,
    Ascii,
    Latin1,
    Cp1252,
    Utf16(Order),
    Utf32(Order),
    UnicodeEscape,
    RawUnicodeEscape,
}

impl Codec {
    /// `codecs.lookup(name).name`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Utf8Sig => "utf-8-sig",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "iso8859-1",
            Codec::Cp1252 => "cp1252",
            Codec::Utf16(Order::Bom) => "utf-16",
            Codec::Utf16(Order::Le) => "utf-16-le",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf32(Order::Bom) => "utf-32",
            Codec::Utf32(Order::Le) => "utf-32-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::UnicodeEscape => "unicode-escape",
            Codec::RawUnicodeEscape => "raw-unicode-escape",
        }
    }

    /// The codec name in `UnicodeError` messages (CPython's C codecs name
    /// themselves: a BOM'd UTF-16 reports the byte order it used).
    fn error_name(self) -> &'static str {
        match self {
            Codec::Utf8 | Codec::Utf8Sig => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Cp1252 => "charmap",
            Codec::Utf16(Order::Be) => "utf-16-be",
            Codec::Utf16(_) => "utf-16-le",
            Codec::Utf32(Order::Be) => "utf-32-be",
            Codec::Utf32(_) => "utf-32-le",
            Codec::UnicodeEscape => "unicodeescape",
            Codec::RawUnicodeEscape => "rawunicodeescape",
        }
    }
}

/// CPython's `_Py_normalize_encoding` (which `encodings.normalize_encoding`
/// repeats): ASCII letters lowered, every run of characters other than
/// ASCII letters, digits and `.` read as one `_` between words.
fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut punct = false;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() || c == '.' {
            if punct && !out.is_empty() {
                out.push('_');
            }
            punct = false;
            out.push(c.to_ascii_lowercase());
        } else {
            punct = true;
        }
    }
    out
}

/// The codec a name stands for (its module name or an alias of
/// `encodings.aliases`), or None.
pub(crate) fn lookup(name: &str) -> Option<Codec> {
    let norm = normalize(name);
    let alias = |n: &str| -> Option<Codec> {
        Some(match n {
            "utf_8" | "u8" | "utf" | "utf8" | "utf8_ucs2" | "utf8_ucs4" | "cp65001" => Codec::Utf8,
            "utf_8_sig" => Codec::Utf8Sig,
            "ascii" | "646" | "ansi_x3.4_1968" | "ansi_x3_4_1968" | "ansi_x3.4_1986" | "cp367"
            | "csascii" | "ibm367" | "iso646_us" | "iso_646.irv_1991" | "iso_ir_6" | "us"
            | "us_ascii" => Codec::Ascii,
            "latin_1" | "8859" | "cp819" | "csisolatin1" | "ibm819" | "iso8859" | "iso8859_1"
            | "iso_8859_1" | "iso_8859_1_1987" | "iso_ir_100" | "l1" | "latin" | "latin1" => {
                Codec::Latin1
            }
            "cp1252" | "windows_1252" | "1252" => Codec::Cp1252,
            "utf_16" | "u16" | "utf16" => Codec::Utf16(Order::Bom),
            "utf_16_le" | "utf_16le" | "unicodelittleunmarked" => Codec::Utf16(Order::Le),
            "utf_16_be" | "utf_16be" | "unicodebigunmarked" => Codec::Utf16(Order::Be),
            "utf_32" | "u32" | "utf32" => Codec::Utf32(Order::Bom),
            "utf_32_le" | "utf_32le" => Codec::Utf32(Order::Le),
            "utf_32_be" | "utf_32be" => Codec::Utf32(Order::Be),
            "unicode_escape" => Codec::UnicodeEscape,
            "raw_unicode_escape" => Codec::RawUnicodeEscape,
            _ => return None,
        })
    };
    alias(&norm).or_else(|| alias(&norm.replace('.', "_")))
}

/// An encoding name, or CPython's LookupError.
pub(crate) fn codec(vm: &mut Vm, name: &str) -> PyResult<Codec> {
    match lookup(name) {
        Some(c) => Ok(c),
        None => Err(vm.new_exc(T::LookupError, format!("unknown encoding: {name}"))),
    }
}

/// The error handlers ouro knows (CPython's builtin ones that make sense
/// for text held as valid Unicode).
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Errors {
    Strict,
    Ignore,
    Replace,
    BackslashReplace,
    XmlCharRefReplace,
    /// A name CPython looks up only when an error happens.
    Unknown(String),
}

pub(crate) fn error_handler(name: &str) -> Errors {
    match name {
        "strict" => Errors::Strict,
        "ignore" => Errors::Ignore,
        "replace" => Errors::Replace,
        "backslashreplace" => Errors::BackslashReplace,
        "xmlcharrefreplace" => Errors::XmlCharRefReplace,
        _ => Errors::Unknown(name.to_string()),
    }
}

/// The LookupError for an error handler name that does not exist.
fn unknown_handler(vm: &mut Vm, name: &str) -> PyErr {
    vm.new_exc(
        T::LookupError,
        format!("unknown error handler name '{name}'"),
    )
}

/// A codec chosen by name for one call, with its error handler.
pub(crate) struct CodecCall {
    pub codec: Codec,
    pub errors: Errors,
    /// The name as given.
    pub name: String,
    /// Whether CPython reaches the codec through its registry
    /// (`Objects/unicodeobject.c` has C shortcuts only for a few spellings
    /// of utf-8, utf-16, utf-32, ascii and latin-1): there a TypeError,
    /// ValueError or LookupError of the codec is wrapped as `decoding with
    /// 'name' codec failed (...)`.
    pub registry: bool,
}

/// Whether CPython's `PyUnicode_Decode`/`PyUnicode_AsEncodedString` take
/// a C shortcut for this name (so errors are not wrapped).
fn shortcut(name: &str, decoding: bool) -> bool {
    let norm = normalize(name);
    match norm.as_str() {
        "utf8" | "utf_8" | "ascii" | "us_ascii" | "latin1" | "latin_1" | "iso_8859_1"
        | "iso8859_1" => true,
        "utf16" | "utf_16" | "utf32" | "utf_32" => decoding,
        _ => false,
    }
}

/// `encoding` and `errors` arguments at `args.pos[i]`, `[i+1]` or by keyword.
pub(crate) fn codec_args(
    vm: &mut Vm,
    args: &mut Args,
    i: usize,
    fname: &str,
    decoding: bool,
) -> PyResult<CodecCall> {
    let enc_kw = args.take_kw(vm, "encoding");
    let err_kw = args.take_kw(vm, "errors");
    args.no_more_kw(vm, fname)?;
    let enc = args.pos.get(i).cloned().or(enc_kw);
    let err = args.pos.get(i + 1).cloned().or(err_kw);
    let e = text_arg(vm, enc, fname, "encoding", "utf-8")?;
    let r = text_arg(vm, err, fname, "errors", "strict")?;
    let codec = codec(vm, &e)?;
    Ok(CodecCall {
        codec,
        errors: error_handler(&r),
        registry: !shortcut(&e, decoding),
        name: e,
    })
}

impl Vm {
    /// CPython's `wrap_codec_error`: a plain TypeError, ValueError or
    /// LookupError raised by a codec found through the registry becomes
    /// `"<op> with '<name>' codec failed (<Type>: <message>)"`, chained
    /// from the original.
    pub(crate) fn wrap_codec_error<R>(
        &mut self,
        call: &CodecCall,
        op: &str,
        r: PyResult<R>,
    ) -> PyResult<R> {
        let Err(e) = &r else {
            return r;
        };
        if !call.registry {
            return r;
        }
        let t = [T::TypeError, T::ValueError, T::LookupError]
            .into_iter()
            .find(|&t| self.is_exact(&e.0, t));
        let Some(t) = t else {
            return r;
        };
        let msg = self.exception_str(&e.0)?;
        let n = self.new_str(&call.name)?;
        let n = self.repr(&n)?;
        let text = format!(
            "{op} with {} codec failed ({}: {msg})",
            self.str_of(&n),
            t.name()
        );
        let new = self.new_exc(t, text);
        if let Some(mut x) = new.0.borrow_mut::<ouro_heap::ExceptionObj>() {
            x.cause = Some(e.0.clone());
        }
        Err(new)
    }
}

fn text_arg(
    vm: &mut Vm,
    o: Option<ObjRef>,
    fname: &str,
    what: &str,
    dflt: &str,
) -> PyResult<String> {
    match o {
        None => Ok(dflt.to_string()),
        Some(o) if o.kind() == Kind::Str => Ok(vm.str_of(&o).to_string()),
        Some(o) => {
            let tn = vm.type_name_of(&o);
            Err(vm.type_error(format!("{fname}() argument '{what}' must be str, not {tn}")))
        }
    }
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh` for a character.
pub(crate) fn escape_char(c: char) -> String {
    let cp = c as u32;
    if cp < 0x100 {
        format!("\\x{cp:02x}")
    } else if cp < 0x10000 {
        format!("\\u{cp:04x}")
    } else {
        format!("\\U{cp:08x}")
    }
}

/// cp1252's bytes 0x80..0xA0 (`None`: undefined); the rest is latin-1.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20ac}'),
    None,
    Some('\u{201a}'),
    Some('\u{0192}'),
    Some('\u{201e}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02c6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017d}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201c}'),
    Some('\u{201d}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02dc}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203a}'),
    Some('\u{0153}'),
    None,
    Some('\u{017e}'),
    Some('\u{0178}'),
];

fn cp1252_decode(b: u8) -> Option<char> {
    match b {
        0x80..=0x9f => CP1252_HIGH[(b - 0x80) as usize],
        _ => Some(b as char),
    }
}

/// The byte a one-byte codec writes for `ch`, or None if it has none.
fn single_byte(c: Codec, ch: char) -> Option<u8> {
    let cp = ch as u32;
    match c {
        Codec::Ascii => (cp < 0x80).then_some(cp as u8),
        Codec::Latin1 => (cp < 0x100).then_some(cp as u8),
        _ => {
            if cp < 0x80 || (0xa0..0x100).contains(&cp) {
                return Some(cp as u8);
            }
            CP1252_HIGH
                .iter()
                .position(|&m| m == Some(ch))
                .map(|i| 0x80 + i as u8)
        }
    }
}

fn is_hex(b: u8) -> bool {
    b.is_ascii_hexdigit()
}

/// The result of a partial decode: the text, the bytes used, and the codec
/// to continue with (a BOM'd codec becomes the byte order it found).
pub(crate) struct Decoded {
    pub text: String,
    pub consumed: usize,
    pub next: Codec,
}

impl Vm {
    /// Applies the error handler to an undecodable `data[start..end]`,
    /// appending any replacement to `out` (CPython's
    /// `unicode_decode_call_errorhandler`).
    #[allow(clippy::too_many_arguments)]
    fn decode_error(
        &mut self,
        out: &mut String,
        h: &Errors,
        c: Codec,
        data: &[u8],
        start: usize,
        end: usize,
        reason: &str,
    ) -> PyResult<()> {
        match h {
            Errors::Strict => {
                let what = if end - start == 1 {
                    format!("byte 0x{:02x} in position {start}", data[start])
                } else {
                    format!("bytes in position {start}-{}", end - 1)
                };
                Err(self.new_exc(
                    T::UnicodeDecodeError,
                    format!("'{}' codec can't decode {what}: {reason}", c.error_name()),
                ))
            }
            Errors::Ignore => Ok(()),
            Errors::Replace => {
                out.push('\u{fffd}');
                Ok(())
            }
            Errors::BackslashReplace => {
                for &b in data.get(start..end).unwrap_or(&[]) {
                    out.push_str(&format!("\\x{b:02x}"));
                }
                Ok(())
            }
            Errors::XmlCharRefReplace => {
                Err(self
                    .type_error("don't know how to handle UnicodeDecodeError in error callback"))
            }
            Errors::Unknown(name) => Err(unknown_handler(self, name)),
        }
    }

    /// Applies the error handler to the unencodable `chars[start..end]`
    /// (CPython's `unicode_encode_call_errorhandler` for the builtin
    /// handlers), appending the replacement to `out`.
    #[allow(clippy::too_many_arguments)]
    fn encode_error(
        &mut self,
        out: &mut Vec<u8>,
        h: &Errors,
        c: Codec,
        chars: &[char],
        start: usize,
        end: usize,
        reason: &str,
    ) -> PyResult<()> {
        match h {
            Errors::Unknown(name) => Err(unknown_handler(self, name)),
            Errors::Strict => {
                let range = if end - start == 1 {
                    format!(
                        "character '{}' in position {start}",
                        escape_char(chars[start])
                    )
                } else {
                    format!("characters in position {start}-{}", end - 1)
                };
                Err(self.new_exc(
                    T::UnicodeEncodeError,
                    format!("'{}' codec can't encode {range}: {reason}", c.error_name()),
                ))
            }
            Errors::Ignore => Ok(()),
            Errors::Replace => {
                out.extend(std::iter::repeat_n(b'?', end - start));
                Ok(())
            }
            Errors::BackslashReplace => {
                for &ch in &chars[start..end] {
                    out.extend_from_slice(escape_char(ch).as_bytes());
                }
                Ok(())
            }
            Errors::XmlCharRefReplace => {
                for &ch in &chars[start..end] {
                    out.extend_from_slice(format!("&#{};", ch as u32).as_bytes());
                }
                Ok(())
            }
        }
    }

    /// `str.encode` and `bytes(str, encoding)`.
    pub(crate) fn encode_str(&mut self, s: &str, c: Codec, h: Errors) -> PyResult<Vec<u8>> {
        match c {
            Codec::Utf8 => Ok(s.as_bytes().to_vec()),
            Codec::Utf8Sig => {
                let mut out = vec![0xef, 0xbb, 0xbf];
                out.extend_from_slice(s.as_bytes());
                Ok(out)
            }
            Codec::Utf16(order) => {
                let mut out = Vec::with_capacity(2 * s.len() + 2);
                if order == Order::Bom {
                    out.extend_from_slice(&[0xff, 0xfe]);
                }
                for u in s.encode_utf16() {
                    if order == Order::Be {
                        out.extend_from_slice(&u.to_be_bytes());
                    } else {
                        out.extend_from_slice(&u.to_le_bytes());
                    }
                }
                Ok(out)
            }
            Codec::Utf32(order) => {
                let mut out = Vec::with_capacity(4 * s.len() + 4);
                if order == Order::Bom {
                    out.extend_from_slice(&[0xff, 0xfe, 0, 0]);
                }
                for ch in s.chars() {
                    let u = ch as u32;
                    if order == Order::Be {
                        out.extend_from_slice(&u.to_be_bytes());
                    } else {
                        out.extend_from_slice(&u.to_le_bytes());
                    }
                }
                Ok(out)
            }
            Codec::UnicodeEscape => {
                let mut out = Vec::with_capacity(s.len());
                for ch in s.chars() {
                    let cp = ch as u32;
                    match ch {
                        '\\' => out.extend_from_slice(b"\\\\"),
                        '\t' => out.extend_from_slice(b"\\t"),
                        '\n' => out.extend_from_slice(b"\\n"),
                        '\r' => out.extend_from_slice(b"\\r"),
                        ' '..='\x7e' => out.push(cp as u8),
                        _ => out.extend_from_slice(escape_char(ch).as_bytes()),
                    }
                }
                Ok(out)
            }
            Codec::RawUnicodeEscape => {
                let mut out = Vec::with_capacity(s.len());
                for ch in s.chars() {
                    if (ch as u32) < 0x100 {
                        out.push(ch as u32 as u8);
                    } else {
                        out.extend_from_slice(escape_char(ch).as_bytes());
                    }
                }
                Ok(out)
            }
            Codec::Ascii | Codec::Latin1 | Codec::Cp1252 => self.encode_single_byte(s, c, &h),
        }
    }

    /// ascii, latin-1 and cp1252: a run of unencodable characters is one
    /// error, as in CPython.
    fn encode_single_byte(&mut self, s: &str, c: Codec, h: &Errors) -> PyResult<Vec<u8>> {
        let reason = match c {
            Codec::Ascii => "ordinal not in range(128)",
            Codec::Latin1 => "ordinal not in range(256)",
            _ => "character maps to <undefined>",
        };
        let mut out = Vec::with_capacity(s.len());
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if let Some(b) = single_byte(c, chars[i]) {
                out.push(b);
                i += 1;
                continue;
            }
            let mut j = i;
            while j < chars.len() && single_byte(c, chars[j]).is_none() {
                j += 1;
            }
            self.encode_error(&mut out, h, c, &chars, i, j, reason)?;
            i = j;
        }
        Ok(out)
    }

    /// `bytes.decode` and `str(bytes, encoding)`.
    pub(crate) fn decode_bytes(&mut self, d: &[u8], c: Codec, h: Errors) -> PyResult<String> {
        self.decode_partial(d, c, &h, true).map(|r| r.text)
    }

    /// Decodes `d`; unless `fin`, an incomplete sequence at the end is left
    /// undecoded (not an error) for the next call.
    pub(crate) fn decode_partial(
        &mut self,
        d: &[u8],
        c: Codec,
        h: &Errors,
        fin: bool,
    ) -> PyResult<Decoded> {
        let done = |text: String, consumed: usize, next: Codec| Decoded {
            text,
            consumed,
            next,
        };
        match c {
            Codec::Latin1 => Ok(done(d.iter().map(|&b| b as char).collect(), d.len(), c)),
            Codec::Ascii | Codec::Cp1252 => {
                let mut out = String::with_capacity(d.len());
                for (i, &b) in d.iter().enumerate() {
                    let ch = if c == Codec::Ascii {
                        (b < 0x80).then_some(b as char)
                    } else {
                        cp1252_decode(b)
                    };
                    match ch {
                        Some(ch) => out.push(ch),
                        None => {
                            let reason = if c == Codec::Ascii {
                                "ordinal not in range(128)"
                            } else {
                                "character maps to <undefined>"
                            };
                            self.decode_error(&mut out, h, c, d, i, i + 1, reason)?;
                        }
                    }
                }
                Ok(done(out, d.len(), c))
            }
            Codec::Utf8 => {
                let (text, n) = self.decode_utf8(d, h, fin)?;
                Ok(done(text, n, c))
            }
            Codec::Utf8Sig => {
                const BOM: &[u8] = &[0xef, 0xbb, 0xbf];
                if !fin && d.len() < 3 && BOM.starts_with(d) {
                    return Ok(done(String::new(), 0, c));
                }
                let skip = if d.starts_with(BOM) { 3 } else { 0 };
                // Positions in errors count from after the BOM, as
                // `encodings.utf_8_sig` decodes the rest on its own.
                let (text, n) = self.decode_utf8(&d[skip..], h, fin)?;
                Ok(done(text, skip + n, Codec::Utf8))
            }
            Codec::Utf16(order) => self.decode_utf16(d, order, h, fin),
            Codec::Utf32(order) => self.decode_utf32(d, order, h, fin),
            Codec::UnicodeEscape => {
                let (text, n) = self.decode_unicode_escape(d, h, fin)?;
                Ok(done(text, n, c))
            }
            Codec::RawUnicodeEscape => {
                let (text, n) = self.decode_raw_unicode_escape(d, h, fin)?;
                Ok(done(text, n, c))
            }
        }
    }

    fn decode_utf8(&mut self, d: &[u8], h: &Errors, fin: bool) -> PyResult<(String, usize)> {
        let mut out = String::with_capacity(d.len());
        let mut pos = 0;
        loop {
            let rest = &d[pos..];
            match std::str::from_utf8(rest) {
                Ok(s) => {
                    out.push_str(s);
                    return Ok((out, d.len()));
                }
                Err(e) => {
                    let good = e.valid_up_to();
                    out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or(""));
                    let at = pos + good;
                    if e.error_len().is_none() && !fin {
                        return Ok((out, at));
                    }
                    let bad = e.error_len().unwrap_or(rest.len() - good);
                    let first = rest[good];
                    let reason = if e.error_len().is_none() {
                        "unexpected end of data"
                    } else if matches!(first, 0x80..=0xc1 | 0xf5..=0xff) {
                        "invalid start byte"
                    } else {
                        "invalid continuation byte"
                    };
                    self.decode_error(&mut out, h, Codec::Utf8, d, at, at + bad, reason)?;
                    pos = at + bad;
                }
            }
        }
    }

    fn decode_utf16(&mut self, d: &[u8], order: Order, h: &Errors, fin: bool) -> PyResult<Decoded> {
        let mut pos = 0;
        let order = match order {
            Order::Bom if d.len() < 2 && !fin => {
                return Ok(Decoded {
                    text: String::new(),
                    consumed: 0,
                    next: Codec::Utf16(Order::Bom),
                })
            }
            Order::Bom if d.starts_with(&[0xff, 0xfe]) => {
                pos = 2;
                Order::Le
            }
            Order::Bom if d.starts_with(&[0xfe, 0xff]) => {
                pos = 2;
                Order::Be
            }
            Order::Bom => Order::Le,
            o => o,
        };
        let c = Codec::Utf16(order);
        let unit = |i: usize| -> u32 {
            let (a, b) = (u32::from(d[i]), u32::from(d[i + 1]));
            if order == Order::Be {
                a << 8 | b
            } else {
                b << 8 | a
            }
        };
        let mut out = String::with_capacity(d.len() / 2);
        while pos < d.len() {
            if d.len() - pos < 2 {
                if !fin {
                    break;
                }
                self.decode_error(&mut out, h, c, d, pos, d.len(), "truncated data")?;
                pos = d.len();
                continue;
            }
            let u = unit(pos);
            if !(0xd800..0xe000).contains(&u) {
                out.push(char::from_u32(u).unwrap_or('\u{fffd}'));
                pos += 2;
                continue;
            }
            if u >= 0xdc00 {
                self.decode_error(&mut out, h, c, d, pos, pos + 2, "illegal encoding")?;
                pos += 2;
                continue;
            }
            if d.len() - pos < 4 {
                if !fin {
                    break;
                }
                self.decode_error(&mut out, h, c, d, pos, d.len(), "unexpected end of data")?;
                pos = d.len();
                continue;
            }
            let u2 = unit(pos + 2);
            if (0xdc00..0xe000).contains(&u2) {
                let cp = 0x10000 + ((u - 0xd800) << 10) + (u2 - 0xdc00);
                out.push(char::from_u32(cp).unwrap_or('\u{fffd}'));
                pos += 4;
            } else {
                self.decode_error(&mut out, h, c, d, pos, pos + 2, "illegal UTF-16 surrogate")?;
                pos += 2;
            }
        }
        Ok(Decoded {
            text: out,
            consumed: pos,
            next: c,
        })
    }

    fn decode_utf32(&mut self, d: &[u8], order: Order, h: &Errors, fin: bool) -> PyResult<Decoded> {
        let mut pos = 0;
        let order = match order {
            Order::Bom if d.len() < 4 && !fin => {
                return Ok(Decoded {
                    text: String::new(),
                    consumed: 0,
                    next: Codec::Utf32(Order::Bom),
                })
            }
            Order::Bom if d.starts_with(&[0xff, 0xfe, 0, 0]) => {
                pos = 4;
                Order::Le
            }
            Order::Bom if d.starts_with(&[0, 0, 0xfe, 0xff]) => {
                pos = 4;
                Order::Be
            }
            Order::Bom => Order::Le,
            o => o,
        };
        let c = Codec::Utf32(order);
        let mut out = String::with_capacity(d.len() / 4);
        while pos < d.len() {
            if d.len() - pos < 4 {
                if !fin {
                    break;
                }
                self.decode_error(&mut out, h, c, d, pos, d.len(), "truncated data")?;
                pos = d.len();
                continue;
            }
            let mut w = [0u8; 4];
            w.copy_from_slice(&d[pos..pos + 4]);
            let cp = if order == Order::Be {
                u32::from_be_bytes(w)
            } else {
                u32::from_le_bytes(w)
            };
            match char::from_u32(cp) {
                Some(ch) => out.push(ch),
                None => {
                    let reason = if (0xd800..0xe000).contains(&cp) {
                        "code point in surrogate code point range(0xd800, 0xe000)"
                    } else {
                        "code point not in range(0x110000)"
                    };
                    self.decode_error(&mut out, h, c, d, pos, pos + 4, reason)?;
                }
            }
            pos += 4;
        }
        Ok(Decoded {
            text: out,
            consumed: pos,
            next: c,
        })
    }

    /// CPython's `_PyUnicode_DecodeUnicodeEscapeInternal`. Differences: no
    /// DeprecationWarning for an unknown escape; `\N{...}` has no name
    /// database behind it; an escape of a lone surrogate is an error (ouro's
    /// strings hold valid Unicode only).
    fn decode_unicode_escape(
        &mut self,
        d: &[u8],
        h: &Errors,
        fin: bool,
    ) -> PyResult<(String, usize)> {
        let c = Codec::UnicodeEscape;
        let mut out = String::with_capacity(d.len());
        let mut i = 0;
        while i < d.len() {
            let b = d[i];
            if b != b'\\' {
                out.push(b as char);
                i += 1;
                continue;
            }
            let start = i;
            i += 1;
            let Some(&e) = d.get(i) else {
                if !fin {
                    return Ok((out, start));
                }
                self.decode_error(&mut out, h, c, d, start, d.len(), "\\ at end of string")?;
                break;
            };
            i += 1;
            let simple = match e {
                b'\n' => Some(None),
                b'\\' => Some(Some('\\')),
                b'\'' => Some(Some('\'')),
                b'"' => Some(Some('"')),
                b'b' => Some(Some('\x08')),
                b'f' => Some(Some('\x0c')),
                b't' => Some(Some('\t')),
                b'n' => Some(Some('\n')),
                b'r' => Some(Some('\r')),
                b'v' => Some(Some('\x0b')),
                b'a' => Some(Some('\x07')),
                _ => None,
            };
            if let Some(ch) = simple {
                out.extend(ch);
                continue;
            }
            if (b'0'..=b'7').contains(&e) {
                let mut v = u32::from(e - b'0');
                for _ in 0..2 {
                    match d.get(i) {
                        Some(&o) if (b'0'..=b'7').contains(&o) => {
                            v = v * 8 + u32::from(o - b'0');
                            i += 1;
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                continue;
            }
            let (count, message) = match e {
                b'x' => (2, "truncated \\xXX escape"),
                b'u' => (4, "truncated \\uXXXX escape"),
                b'U' => (8, "truncated \\UXXXXXXXX escape"),
                b'N' => {
                    // \N{name}: no names are known, so a complete one is
                    // an unknown name.
                    let malformed = "malformed \\N character escape";
                    let close = match d.get(i) {
                        Some(b'{') => d[i + 1..]
                            .iter()
                            .position(|&x| x == b'}')
                            .map(|k| i + 1 + k),
                        Some(_) => {
                            self.decode_error(&mut out, h, c, d, start, i, malformed)?;
                            continue;
                        }
                        None => None,
                    };
                    match close {
                        None if !fin => return Ok((out, start)),
                        None => {
                            self.decode_error(&mut out, h, c, d, start, d.len(), malformed)?;
                            i = d.len();
                        }
                        Some(j) if j == i + 1 => {
                            self.decode_error(&mut out, h, c, d, start, j, malformed)?;
                            i = j;
                        }
                        Some(j) => {
                            let unknown = "unknown Unicode character name";
                            self.decode_error(&mut out, h, c, d, start, j + 1, unknown)?;
                            i = j + 1;
                        }
                    }
                    continue;
                }
                other => {
                    out.push('\\');
                    out.push(other as char);
                    continue;
                }
            };
            let (v, bad) = read_hex(d, &mut i, count);
            match bad {
                Some(end) if end == d.len() && !fin => return Ok((out, start)),
                Some(end) => {
                    self.decode_error(&mut out, h, c, d, start, end, message)?;
                    i = end;
                }
                None => match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        self.decode_error(
                            &mut out,
                            h,
                            c,
                            d,
                            start,
                            i,
                            "illegal Unicode character",
                        )?;
                    }
                },
            }
        }
        Ok((out, d.len()))
    }

    /// CPython's `_PyUnicode_DecodeRawUnicodeEscapeStateful`: only `\u`
    /// and `\U` after an odd number of backslashes are escapes.
    fn decode_raw_unicode_escape(
        &mut self,
        d: &[u8],
        h: &Errors,
        fin: bool,
    ) -> PyResult<(String, usize)> {
        let c = Codec::RawUnicodeEscape;
        let mut out = String::with_capacity(d.len());
        let mut i = 0;
        while i < d.len() {
            if d[i] != b'\\' {
                out.push(d[i] as char);
                i += 1;
                continue;
            }
            let run_start = i;
            while i < d.len() && d[i] == b'\\' {
                i += 1;
            }
            let n = i - run_start;
            let escape = n % 2 == 1 && matches!(d.get(i), Some(b'u' | b'U'));
            if !escape {
                if i == d.len() && !fin && n % 2 == 1 {
                    // The next chunk may start with `u`.
                    out.extend(std::iter::repeat_n('\\', n - 1));
                    return Ok((out, i - 1));
                }
                out.extend(std::iter::repeat_n('\\', n));
                continue;
            }
            out.extend(std::iter::repeat_n('\\', n - 1));
            let start = i - 1;
            let (count, message) = if d[i] == b'u' {
                (4, "truncated \\uXXXX escape")
            } else {
                (8, "truncated \\UXXXXXXXX escape")
            };
            i += 1;
            let (v, bad) = read_hex(d, &mut i, count);
            match bad {
                Some(end) if end == d.len() && !fin => return Ok((out, start)),
                Some(end) => {
                    self.decode_error(&mut out, h, c, d, start, end, message)?;
                    i = end;
                }
                None => match char::from_u32(v) {
                    Some(ch) => out.push(ch),
                    None => {
                        let message = if v > 0x10ffff {
                            "\\Uxxxxxxxx out of range"
                        } else {
                            "illegal Unicode character"
                        };
                        self.decode_error(&mut out, h, c, d, start, i, message)?;
                    }
                },
            }
        }
        Ok((out, d.len()))
    }
}

// ------------------------------------------------------------- _codecs

/// `_codecs.lookup_name(encoding)`: the codec's canonical name.
fn codecs_lookup_name(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "lookup")?;
    args.check(vm, "lookup", 1, 1)?;
    let name = text_arg(vm, args.pos.first().cloned(), "lookup", "encoding", "")?;
    let c = codec(vm, &name)?;
    vm.new_str(c.name())
}

/// Puts `codecs.encode`/`decode`'s `obj` (positional or keyword) first in
/// the positional arguments and checks their count.
fn obj_first(vm: &mut Vm, args: &mut Args, fname: &str) -> PyResult<()> {
    if let Some(o) = args.take_kw(vm, "obj") {
        args.pos.insert(0, o);
    }
    if args.pos.is_empty() {
        return Err(vm.type_error(format!("{fname}() missing required argument 'obj' (pos 1)")));
    }
    if args.pos.len() > 3 {
        return Err(vm.type_error(format!(
            "{fname}() takes at most 3 arguments ({} given)",
            args.pos.len()
        )));
    }
    Ok(())
}

/// `_codecs.encode(obj, encoding='utf-8', errors='strict')`.
fn codecs_encode(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    obj_first(vm, &mut args, "encode")?;
    let mut call = codec_args(vm, &mut args, 1, "encode", false)?;
    let c = call.codec;
    let o = args.pos[0].clone();
    if o.kind() != Kind::Str {
        let tn = vm.type_name_of(&o);
        let f = c.name().replace('-', "_");
        return Err(vm.type_error(format!(
            "encoding with '{}' codec failed (TypeError: {f}_encode() argument 1 must be str, not {tn})",
            c.name()
        )));
    }
    let s = vm.str_of(&o).to_string();
    // codecs.encode always goes through the registry.
    call.registry = true;
    let r = vm.encode_str(&s, c, call.errors.clone());
    let d = vm.wrap_codec_error(&call, "encoding", r)?;
    vm.new_bytes(&d)
}

/// `_codecs.decode(obj, encoding='utf-8', errors='strict')`.
fn codecs_decode(vm: &mut Vm, mut args: Args) -> PyResult<ObjRef> {
    obj_first(vm, &mut args, "decode")?;
    let mut call = codec_args(vm, &mut args, 1, "decode", true)?;
    let c = call.codec;
    let o = args.pos[0].clone();
    let d = match vm.bytes_data(&o) {
        Some(d) => d,
        None => {
            let tn = vm.type_name_of(&o);
            return Err(vm.type_error(format!(
                "decoding with '{}' codec failed (TypeError: a bytes-like object is required, not '{tn}')",
                c.name()
            )));
        }
    };
    call.registry = true;
    let r = vm.decode_bytes(&d, c, call.errors.clone());
    let s = vm.wrap_codec_error(&call, "decoding", r)?;
    vm.new_str(&s)
}

/// `_codecs._decode(data, encoding, errors, final)`: `(text, consumed,
/// encoding to continue with)`, for incremental decoders.
fn codecs_partial_decode(vm: &mut Vm, args: Args) -> PyResult<ObjRef> {
    args.no_kw(vm, "_decode")?;
    args.check(vm, "_decode", 4, 4)?;
    let d = vm.buffer_arg(&args.pos[0])?;
    let name = text_arg(vm, Some(args.pos[1].clone()), "_decode", "encoding", "")?;
    let errors = text_arg(vm, Some(args.pos[2].clone()), "_decode", "errors", "")?;
    let fin = vm.truthy(&args.pos[3])?;
    let c = codec(vm, &name)?;
    // The incremental utf-8-sig decoder keeps (and at the end drops) a
    // partial BOM, as `encodings.utf_8_sig` does.
    if c == Codec::Utf8Sig && d.len() < 3 && [0xef, 0xbb, 0xbf].starts_with(&d) {
        let text = vm.new_str("")?;
        let n = vm.new_int(0)?;
        let next = vm.new_str(c.name())?;
        return vm.new_tuple(vec![text, n, next]);
    }
    let mut r = vm.decode_partial(&d, c, &error_handler(&errors), fin)?;
    // The incremental BOM'd decoders insist on their BOM: without one they
    // decode nothing for good (a short input waits for more).
    let missing_bom = match c {
        Codec::Utf16(Order::Bom) => {
            r.consumed >= 2 && !d.starts_with(&[0xff, 0xfe]) && !d.starts_with(&[0xfe, 0xff])
        }
        Codec::Utf32(Order::Bom) => {
            r.consumed >= 4
                && !d.starts_with(&[0xff, 0xfe, 0, 0])
                && !d.starts_with(&[0, 0, 0xfe, 0xff])
        }
        _ => false,
    };
    let bom_found = match c {
        Codec::Utf16(Order::Bom) => d.starts_with(&[0xff, 0xfe]) || d.starts_with(&[0xfe, 0xff]),
        Codec::Utf32(Order::Bom) => {
            d.starts_with(&[0xff, 0xfe, 0, 0]) || d.starts_with(&[0, 0, 0xfe, 0xff])
        }
        _ => true,
    };
    if !bom_found {
        r.next = c;
    }
    if missing_bom {
        let what = if matches!(c, Codec::Utf16(_)) {
            "UTF-16"
        } else {
            "UTF-32"
        };
        return Err(vm.new_exc(
            T::UnicodeError,
            format!("{what} stream does not start with BOM"),
        ));
    }
    let text = vm.new_str(&r.text)?;
    let n = vm.new_int(r.consumed as i64)?;
    let next = vm.new_str(r.next.name())?;
    vm.new_tuple(vec![text, n, next])
}

pub(crate) fn make_module(vm: &mut Vm) -> PyResult<ObjRef> {
    let m = vm.new_module("_codecs")?;
    let Some(d) = Vm::module_dict(&m) else {
        return Err(vm.internal_error("module without dict"));
    };
    let functions: &[(&'static str, NativeFn)] = &[
        ("lookup_name", codecs_lookup_name),
        ("encode", codecs_encode),
        ("decode", codecs_decode),
        ("_decode", codecs_partial_decode),
    ];
    for (name, f) in functions {
        vm.add_function(&d, name, *f)?;
    }
    Ok(m)
}

/// Reads up to `count` hex digits of an escape from `d` at `*i`: the value,
/// and where the escape stopped short (the end of the data or the first
/// byte that is not a hex digit), if it did.
fn read_hex(d: &[u8], i: &mut usize, count: usize) -> (u32, Option<usize>) {
    let mut v: u32 = 0;
    for _ in 0..count {
        match d.get(*i) {
            None => return (v, Some(d.len())),
            Some(&x) if is_hex(x) => {
                v = v * 16 + (x as char).to_digit(16).unwrap_or(0);
                *i += 1;
            }
            Some(_) => return (v, Some(*i)),
        }
    }
    (v, None)
}
