//! Golden tests of `--heap-dot` and `--heap-json` (see
//! `tests/heapgraph/README.md`). `OURO_BLESS=1` rewrites the golden files.

mod golden;

use golden::repo_root;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Numbers ids by first appearance.
#[derive(Default)]
struct Ids(HashMap<String, usize>);

impl Ids {
    fn get(&mut self, raw: &str) -> usize {
        let n = self.0.len() + 1;
        *self.0.entry(raw.to_string()).or_insert(n)
    }
}

/// JSON: every number after `"id":` or `"to":` becomes `"#n"`.
fn normalise_json(text: &str) -> String {
    let mut ids = Ids::default();
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    loop {
        let next = ["\"id\":", "\"to\":"]
            .iter()
            .filter_map(|k| rest.find(k).map(|p| (p, k.len())))
            .min();
        let Some((pos, klen)) = next else { break };
        let (head, tail) = rest.split_at(pos + klen);
        out.push_str(head);
        let end = tail
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (num, after) = tail.split_at(end);
        if num.is_empty() {
            rest = after;
            continue;
        }
        out.push_str(&format!("\"#{}\"", ids.get(num)));
        rest = after;
    }
    out.push_str(rest);
    out
}

/// DOT: node names `o<hex>` and labels `id=0x<hex>` become `o<n>` and
/// `id=#<n>`, numbered together.
fn normalise_dot(text: &str) -> String {
    let mut ids = Ids::default();
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let starts_node = bytes[i] == b'o'
            && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric())
            && bytes.get(i + 1).is_some_and(|b| b.is_ascii_hexdigit());
        let starts_hex = text[i..].starts_with("id=0x");
        if starts_node || starts_hex {
            let skip = if starts_node { 1 } else { 5 };
            let mut j = i + skip;
            while j < bytes.len() && bytes[j].is_ascii_hexdigit() {
                j += 1;
            }
            let n = ids.get(&text[i + skip..j]);
            if starts_node {
                out.push_str(&format!("o{n}"));
            } else {
                out.push_str(&format!("id=#{n}"));
            }
            i = j;
        } else {
            let c = text[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

fn graphs_of(root: &Path, case: &Path) -> (String, String) {
    // Both tests may render the same case at once (the harness runs them on
    // parallel threads of one process), so each call gets its own files.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = std::env::temp_dir();
    let stem = case.file_stem().unwrap().to_string_lossy().to_string();
    let dot = tmp.join(format!(
        "ouro-heap-golden-{}-{n}-{stem}.dot",
        std::process::id()
    ));
    let json = tmp.join(format!(
        "ouro-heap-golden-{}-{n}-{stem}.json",
        std::process::id()
    ));
    let rel = case.strip_prefix(root).unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .arg("--heap-dot")
        .arg(&dot)
        .arg("--heap-json")
        .arg(&json)
        .arg(rel)
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        .status()
        .expect("run ouro");
    assert!(status.success(), "{}: ouro failed: {status}", rel.display());
    let root_s = format!("{}/", root.display());
    let d = fs::read_to_string(&dot)
        .expect("dot file")
        .replace(&root_s, "");
    let j = fs::read_to_string(&json)
        .expect("json file")
        .replace(&root_s, "");
    let _ = fs::remove_file(&dot);
    let _ = fs::remove_file(&json);
    (normalise_dot(&d), normalise_json(&j))
}

#[test]
fn heap_graphs_match_their_golden_files() {
    let root = repo_root();
    let dir = root.join("tests").join("heapgraph");
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/heapgraph")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "py"))
        .collect();
    cases.sort();
    assert!(cases.len() >= 2, "the golden cases are missing");
    let mut failures = Vec::new();
    for case in &cases {
        let (dot, json) = graphs_of(&root, case);
        for (got, ext) in [(dot, "dot"), (json, "json")] {
            failures.extend(golden::check(&case.with_extension(ext), &got));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_json_is_valid_and_shows_sharing_and_garbage() {
    let root = repo_root();
    let (_, json) = graphs_of(&root, &root.join("tests/heapgraph/seed_names.py"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let snaps = v["snapshots"].as_array().expect("snapshots");
    // "x and y share one object": both names point at the same id.
    let first = &snaps[0];
    let frame = &first["frames"][0]["locals"];
    let id_of = |name: &str| {
        frame
            .as_array()
            .unwrap()
            .iter()
            .find(|l| l["name"] == name)
            .map(|l| l["id"].clone())
    };
    assert_eq!(id_of("x"), id_of("y"));
    // The exit graph: five references from the list to one None.
    let exit = snaps.last().unwrap();
    let list = exit["objects"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["type"] == "list")
        .expect("the list");
    let refs = list["refs"].as_array().unwrap();
    assert_eq!(refs.len(), 5);
    assert!(refs.iter().all(|r| r["to"] == refs[0]["to"]));
    let (_, json) = graphs_of(&root, &root.join("tests/heapgraph/garbage_cycle.py"));
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let garbage = |s: &serde_json::Value| {
        s["objects"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| o["garbage"] == true)
            .count()
    };
    let snaps = v["snapshots"].as_array().unwrap();
    // Two instances, the dict and the list are cyclic garbage; the tuple is
    // a constant of the module's code (referenced from outside), and atoms
    // are not tracked.
    assert_eq!(garbage(&snaps[0]), 4);
    assert_eq!(garbage(&snaps[1]), 0);
}
