//! Arbitrary inputs never panic, and the algorithms keep their invariants
//! (e.g. `float(repr(x)) == x`). Deterministic pseudo-random inputs, so a
//! failure is reproducible.

use num_bigint::BigInt;
use ouro_algo::float::{self, DtoaCode, DtoaFlags};
use ouro_algo::{format_spec, hash, int, percent};

/// xorshift64*: small, deterministic, good enough for test inputs.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }

    /// A double that is often "interesting": random bits, small integers,
    /// halves, or powers of ten.
    fn float(&mut self) -> f64 {
        match self.below(4) {
            0 => f64::from_bits(self.next()),
            1 => self.below(2001) as f64 - 1000.0,
            2 => (self.below(20001) as f64 - 10000.0) / 8.0,
            _ => 10f64.powi(self.below(640) as i32 - 320),
        }
    }

    /// A string built from characters the parsers care about.
    fn text(&mut self, max_len: usize) -> String {
        const ALPHABET: &[char] = &[
            '0',
            '1',
            '5',
            '9',
            '_',
            '.',
            'e',
            'E',
            '+',
            '-',
            'x',
            'X',
            'o',
            'b',
            'B',
            'i',
            'n',
            'f',
            'a',
            'z',
            'Z',
            ' ',
            '\t',
            '\n',
            '\0',
            '\x1c',
            '#',
            ',',
            '<',
            '>',
            '^',
            '=',
            '%',
            's',
            'd',
            'c',
            'g',
            '\u{661}',
            '\u{ff19}',
            '\u{3000}',
            '\u{a0}',
            '\u{85}',
            '\u{e9}',
            '\u{301}',
            '\u{1d7ce}',
            '\u{1f600}',
            '\u{ffff}',
            '\u{10ffff}',
        ];
        let len = self.below(max_len + 1);
        (0..len).map(|_| self.pick(ALPHABET)).collect()
    }
}

#[test]
fn repr_round_trips() {
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    for _ in 0..200_000 {
        let x = rng.float();
        let r = float::repr(x);
        let back = float::parse(&r).expect("repr parses");
        if x.is_nan() {
            assert!(back.is_nan(), "{r}");
        } else {
            assert_eq!(back.to_bits(), x.to_bits(), "repr {r}");
        }
        // Python's repr and str agree with format(x, '') and format(x, 'r'-like).
        let via_format = format_spec::format_float(x, &format_spec::FormatSpec::default());
        assert_eq!(via_format.as_deref(), Ok(r.as_str()));
    }
}

#[test]
fn parsers_never_panic() {
    let mut rng = Rng(0x5eed_1234_abcd_0002);
    for _ in 0..50_000 {
        let s = rng.text(24);
        let _ = float::parse(&s);
        for base in [0, 1, 2, 8, 10, 16, 36, 37] {
            if let Some(v) = int::parse(&s, base) {
                // Whatever parses must print and hash.
                let _ = int::hex(&v);
                let _ = hash::hash_bigint(&v);
            }
        }
        let _ = hash::hash_str(&s);
        let _ = hash::hash_bytes(s.as_bytes());
    }
}

#[test]
fn format_spec_never_panics() {
    let mut rng = Rng(0x5eed_1234_abcd_0003);
    for _ in 0..50_000 {
        let spec_text = rng.text(12);
        let Ok(spec) = format_spec::parse(&spec_text) else {
            continue;
        };
        let x = rng.float();
        let v = BigInt::from(rng.next() as i64) * BigInt::from(rng.below(3) as i64 - 1);
        let _ = format_spec::format_float(x, &spec);
        let _ = format_spec::format_int(&v, &spec);
        let _ = format_spec::format_str(&spec_text, &spec);
    }
    // Absurd sizes are errors, not aborts.
    for text in [
        "999999999999999999",
        "0=999999999999999999,",
        "\u{1f600}<999999999999999999",
    ] {
        let spec = format_spec::parse(text).expect("valid spec");
        assert!(
            format_spec::format_int(&BigInt::from(7), &spec).is_err(),
            "{text}"
        );
        assert!(format_spec::format_float(7.0, &spec).is_err(), "{text}");
    }
    let huge = format_spec::parse("99999999999999999999").expect_err("too many digits");
    assert_eq!(huge, format_spec::FormatError::TooManyDecimalDigits);
}

#[test]
fn double_to_string_never_panics() {
    let mut rng = Rng(0x5eed_1234_abcd_0004);
    let codes = [
        DtoaCode::Exp,
        DtoaCode::ExpUpper,
        DtoaCode::Fixed,
        DtoaCode::FixedUpper,
        DtoaCode::General,
        DtoaCode::GeneralUpper,
        DtoaCode::Repr,
    ];
    let mut out = String::new();
    for _ in 0..50_000 {
        let x = rng.float();
        let flags = DtoaFlags {
            sign: rng.below(2) == 0,
            add_dot_0: rng.below(2) == 0,
            alternate: rng.below(2) == 0,
            no_neg_zero: rng.below(2) == 0,
        };
        out.clear();
        float::double_to_string(&mut out, x, rng.pick(&codes), rng.below(40), flags);
        assert!(!out.is_empty());
        let _ = float::round(x, rng.below(700) as i64 - 350);
        let y = rng.float();
        let _ = (float::rem(x, y), float::divmod(x, y), float::pow(x, y));
        let _ = hash::hash_f64(x);
        let spec = percent::Spec {
            left_adjust: rng.below(2) == 0,
            sign_plus: rng.below(2) == 0,
            sign_space: rng.below(2) == 0,
            alternate: rng.below(2) == 0,
            zero_pad: rng.below(2) == 0,
            width: Some(rng.below(30)),
            precision: Some(rng.below(30)),
        };
        let _ = percent::format_float(x, rng.pick(&codes), &spec);
        let v = BigInt::from(rng.next() as i64);
        for conv in ['d', 'o', 'x', 'X'] {
            let conv = percent::IntConversion::from_char(conv).expect("int conversion");
            let _ = percent::format_int(&v, conv, &spec);
        }
    }
}

#[test]
fn hashes_agree_across_representations() {
    let mut rng = Rng(0x5eed_1234_abcd_0005);
    for _ in 0..20_000 {
        let v = rng.next() as i64;
        assert_eq!(hash::hash_i64(v), hash::hash_bigint(&BigInt::from(v)));
        // Integral floats hash like the equal int.
        let f = (v >> rng.below(64)) as f64;
        let as_int: BigInt = num_traits::FromPrimitive::from_f64(f).expect("finite");
        assert_eq!(hash::hash_f64(f), Some(hash::hash_bigint(&as_int)), "{f}");
        // A str of Latin-1 characters hashes like its Latin-1 bytes.
        let latin1: Vec<u8> = (0..rng.below(20)).map(|_| rng.next() as u8).collect();
        let s: String = latin1.iter().map(|&b| char::from(b)).collect();
        assert_eq!(hash::hash_str(&s), hash::hash_bytes(&latin1));
        // A BMP str hashes like its UCS-2 little-endian bytes.
        let ucs2: Vec<u16> = (0..rng.below(20))
            .map(|_| rng.next() as u16)
            .filter(|c| !(0xd800..0xe000).contains(c))
            .collect();
        let s: String = char::decode_utf16(ucs2.iter().copied())
            .map(|c| c.expect("no surrogates"))
            .collect();
        let bytes: Vec<u8> = ucs2.iter().flat_map(|c| c.to_le_bytes()).collect();
        if s.chars().any(|c| u32::from(c) > 0xff) {
            assert_eq!(hash::hash_str(&s), hash::hash_bytes(&bytes));
        }
    }
}
