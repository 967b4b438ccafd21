//! Match results checked against python3 (`re.search(p, s)` spans and
//! groups, and the errors' messages and positions).

use super::exec::{search, Mode};
use super::{compile_pattern, flags, ErrorKind};

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// `re.search(p, s, f)`'s spans, group 0 first.
fn spans(p: &str, s: &str, f: u32) -> Option<Vec<Option<(usize, usize)>>> {
    let c = compile_pattern(&chars(p), true, f).expect("pattern compiles");
    let subject: Vec<u32> = s.chars().map(|c| c as u32).collect();
    search(&c.program, &subject, 0, subject.len(), Mode::Search, false).map(|m| m.spans)
}

fn err(p: &str) -> (String, Option<usize>) {
    match compile_pattern(&chars(p), true, 0) {
        Ok(_) => panic!("{p} compiled"),
        Err(e) => {
            assert_eq!(e.kind, ErrorKind::Re);
            (e.msg, e.pos)
        }
    }
}

#[test]
fn alternatives_and_repeats() {
    assert_eq!(spans("a|ab", "ab", 0), Some(vec![Some((0, 1))]));
    assert_eq!(
        spans("(a|ab)c", "abc", 0),
        Some(vec![Some((0, 3)), Some((0, 2))])
    );
    assert_eq!(spans("a*?b", "aab", 0), Some(vec![Some((0, 3))]));
    assert_eq!(
        spans("(a|)*", "aa", 0),
        Some(vec![Some((0, 2)), Some((2, 2))])
    );
    assert_eq!(
        spans("(?:(a)|b)*", "ab", 0),
        Some(vec![Some((0, 2)), Some((0, 1))])
    );
    assert_eq!(spans("(a)|b", "b", 0), Some(vec![Some((0, 1)), None]));
    assert_eq!(spans("x{2,3}", "xxxx", 0), Some(vec![Some((0, 3))]));
    assert_eq!(spans("(?:ab)+?c", "ababc", 0), Some(vec![Some((0, 5))]));
}

#[test]
fn lookaround_atomic_possessive() {
    assert_eq!(spans("(?<=a)b", "ab", 0), Some(vec![Some((1, 2))]));
    assert_eq!(spans("(?<!a)b", "ab b", 0), Some(vec![Some((3, 4))]));
    assert_eq!(
        spans("a(?=(b))", "ab", 0),
        Some(vec![Some((0, 1)), Some((1, 2))])
    );
    assert_eq!(spans("a(?!b)", "abac", 0), Some(vec![Some((2, 3))]));
    assert_eq!(spans("(?>a+)a", "aaa", 0), None);
    assert_eq!(spans("a++a", "aaa", 0), None);
    assert_eq!(spans("^(?:ab|a)*+b", "abab", 0), None);
}

#[test]
fn backrefs_conditionals_flags() {
    assert_eq!(
        spans(r"(a+)\1", "aaaa", 0),
        Some(vec![Some((0, 4)), Some((0, 2))])
    );
    assert_eq!(
        spans(r"(a)?(?(1)b|c)", "c", 0),
        Some(vec![Some((0, 1)), None])
    );
    assert_eq!(
        spans("A", "xa", flags::IGNORECASE),
        Some(vec![Some((1, 2))])
    );
    assert_eq!(
        spans("^b", "a\nb", flags::MULTILINE),
        Some(vec![Some((2, 3))])
    );
    assert_eq!(spans(r"\w+", "é_1 ", 0), Some(vec![Some((0, 3))]));
    assert_eq!(spans(r"\bx\b", "ax x", 0), Some(vec![Some((3, 4))]));
}

#[test]
fn deep_subjects_do_not_recurse() {
    let s = "ab".repeat(200_000);
    assert_eq!(spans("(?:ab)*$", &s, 0), Some(vec![Some((0, 400_000))]));
    assert_eq!(spans("(a|b)*c", &s[..2000], 0), None);
}

#[test]
fn errors() {
    assert_eq!(
        err("("),
        ("missing ), unterminated subpattern".into(), Some(0))
    );
    assert_eq!(err("*"), ("nothing to repeat".into(), Some(0)));
    assert_eq!(err("a)"), ("unbalanced parenthesis".into(), Some(1)));
    assert_eq!(err(r"\q"), ("bad escape \\q".into(), Some(0)));
    assert_eq!(err("a**"), ("multiple repeat".into(), Some(2)));
    assert_eq!(err("[a"), ("unterminated character set".into(), Some(0)));
    assert_eq!(err("[z-a]"), ("bad character range z-a".into(), Some(1)));
    assert_eq!(
        err("(?<=a+)b"),
        ("look-behind requires fixed-width pattern".into(), None)
    );
}
