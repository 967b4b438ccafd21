//! Golden tests of `ouro --trace`: each `tests/trace/<name>.py` is traced
//! and the normalised trace compared with `tests/trace/<name>.jsonl` (see
//! `tests/trace/README.md`). `OURO_BLESS=1` rewrites the golden files.

mod golden;

use golden::repo_root;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const HEADER: &str = "# regenerate: OURO_BLESS=1 cargo test -p ouro-cli --test trace_golden";

/// Replaces every number after `"key":` (for the given keys) by a symbol
/// numbered in order of first appearance.
struct Symbols {
    ids: Vec<String>,
    pools: Vec<String>,
}

impl Symbols {
    fn symbol(list: &mut Vec<String>, prefix: &str, value: &str) -> String {
        let i = match list.iter().position(|v| v == value) {
            Some(i) => i,
            None => {
                list.push(value.to_string());
                list.len() - 1
            }
        };
        format!("\"{prefix}{}\"", i + 1)
    }

    fn normalise_line(&mut self, line: &str, root: &str) -> String {
        let mut out = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(pos) = rest.find("\":") {
            let (head, tail) = rest.split_at(pos + 2);
            out.push_str(head);
            let key = head.rsplit('"').nth(1).unwrap_or_default().to_string();
            let end = tail
                .find(|c: char| c != '-' && !c.is_ascii_digit())
                .unwrap_or(tail.len());
            let (num, after) = tail.split_at(end);
            if !num.is_empty() && key == "id" {
                out.push_str(&Self::symbol(&mut self.ids, "#", num));
            } else if !num.is_empty() && key == "pool" {
                out.push_str(&Self::symbol(&mut self.pools, "P", num));
            } else {
                out.push_str(num);
            }
            rest = after;
        }
        out.push_str(rest);
        out.replace(&format!("{root}/"), "")
    }
}

fn trace_of(root: &Path, case: &Path) -> String {
    let src = fs::read_to_string(case).expect("case source");
    let flags: Vec<String> = src
        .lines()
        .find_map(|l| l.strip_prefix("# flags:"))
        .map(|f| f.split_whitespace().map(String::from).collect())
        .unwrap_or_default();
    let out_file = std::env::temp_dir().join(format!(
        "ouro-trace-golden-{}-{}.jsonl",
        std::process::id(),
        case.file_stem().unwrap().to_string_lossy()
    ));
    let rel = case.strip_prefix(root).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .arg("--trace")
        .arg(&out_file)
        .args(&flags)
        .arg(rel)
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        .status()
        .expect("run ouro");
    assert!(status.success(), "{}: ouro failed: {status}", rel.display());
    let text = fs::read_to_string(&out_file).expect("trace file");
    let _ = fs::remove_file(&out_file);
    let root_s = root.display().to_string();
    let mut syms = Symbols {
        ids: Vec::new(),
        pools: Vec::new(),
    };
    let mut out = String::from(HEADER);
    out.push('\n');
    for line in text.lines() {
        if line.contains("\"file\":null") {
            continue;
        }
        out.push_str(&syms.normalise_line(line, &root_s));
        out.push('\n');
    }
    out
}

#[test]
fn traces_match_their_golden_files() {
    let root = repo_root();
    let dir = root.join("tests").join("trace");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/trace")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 3, "the golden cases are missing");
    let mut failures = Vec::new();
    for case in &cases {
        let got = trace_of(&root, case);
        failures.extend(golden::check(&case.with_extension("jsonl"), &got));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn normalising_numbers_ids_and_pools_by_first_appearance() {
    let mut s = Symbols {
        ids: Vec::new(),
        pools: Vec::new(),
    };
    let a = s.normalise_line(
        r#"{"ev":"alloc","id":140,"type":"x","size":56,"pool":7,"file":"/r/a.py","line":1}"#,
        "/r",
    );
    let b = s.normalise_line(r#"{"ev":"free","id":99,"pool":7,"id2":140}"#, "/r");
    assert_eq!(
        a,
        r##"{"ev":"alloc","id":"#1","type":"x","size":56,"pool":"P1","file":"a.py","line":1}"##
    );
    assert_eq!(b, r##"{"ev":"free","id":"#2","pool":"P1","id2":140}"##);
}
