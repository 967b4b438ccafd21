//! The data `--viz` records (docs/VIZ.md), read back from the page and
//! replayed step by step as the page does: the caps on steps and objects,
//! cyclic garbage marked until the collector frees it, keys never reused.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use std::process::Command;

use serde_json::Value;

/// Runs `ouro --viz PAGE flags... script` on `source`; returns the stdout
/// and the recording.
fn record(name: &str, source: &str, flags: &[&str]) -> (String, Value) {
    let dir = std::env::temp_dir().join(format!("ouro-viz-data-{}-{name}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    let script = dir.join("prog.py");
    let page = dir.join("page.html");
    fs::write(&script, source).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_ouro"))
        .arg("--viz")
        .arg(&page)
        .args(flags)
        .arg(&script)
        .output()
        .expect("ouro runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{name}: {stderr}");
    let html = fs::read_to_string(&page).unwrap();
    let _ = fs::remove_dir_all(&dir);
    let open = "<script id=\"ouro-data\" type=\"application/json\">";
    let start = html.find(open).expect("the data element") + open.len();
    let len = html[start..].find("</script>").expect("its end");
    let data = serde_json::from_str(&html[start..start + len]).expect("the data is JSON");
    (String::from_utf8_lossy(&out.stdout).into_owned(), data)
}

/// The objects shown at each step: key -> object, replayed from the diffs.
fn replay(rec: &Value) -> Vec<BTreeMap<String, Value>> {
    let mut now: BTreeMap<String, Value> = BTreeMap::new();
    let mut out = Vec::new();
    for step in rec["steps"].as_array().unwrap() {
        for (k, o) in step["objects"].as_object().unwrap() {
            now.insert(k.clone(), o.clone());
        }
        for k in step["removed"].as_array().unwrap() {
            now.remove(&k.to_string());
        }
        out.push(now.clone());
    }
    out
}

#[test]
fn the_object_cap_keeps_the_nearest_objects_and_says_so() {
    let src = "xs = [str(i) for i in range(40)]\nn = len(xs)\nprint(n)\n";
    let (stdout, rec) = record("objcap", src, &["--viz-objects", "8"]);
    assert_eq!(stdout, "40\n");
    assert_eq!(rec["object_cap"], 8);
    let steps = rec["steps"].as_array().unwrap();
    let states = replay(&rec);
    for (i, s) in states.iter().enumerate() {
        assert!(s.len() <= 8, "step {i}: {} objects recorded", s.len());
    }
    // At `n = len(xs)` the list and its first items are drawn, and the
    // step says more were reachable.
    let at = steps
        .iter()
        .position(|s| s["line"] == 2)
        .expect("a step at line 2");
    assert_eq!(steps[at]["objects_truncated"], true);
    assert!(states[at].values().any(|o| o["type"] == "list"));
    // The first step, before anything is bound, is complete.
    assert_eq!(steps[0]["objects_truncated"], false);
}

#[test]
fn the_step_cap_stops_the_recording_not_the_program() {
    let src = "t = 0\nfor i in range(100):\n    t += i\nprint(t)\n";
    let (stdout, rec) = record("stepcap", src, &["--viz-steps", "5"]);
    assert_eq!(stdout, "4950\n");
    assert_eq!(rec["truncated"], true);
    assert_eq!(rec["step_cap"], 5);
    assert_eq!(rec["steps"].as_array().unwrap().len(), 5);
}

#[test]
fn cyclic_garbage_is_marked_until_the_collector_frees_it() {
    let src = "\
import gc
gc.disable()
a = []
a.append(a)
a = None
x = 1
gc.collect()
y = 2
";
    let (_, rec) = record("garbage", src, &[]);
    let steps = rec["steps"].as_array().unwrap();
    let states = replay(&rec);
    let line = |n: i64| steps.iter().position(|s| s["line"] == n).unwrap();
    // Before `a = None` runs, the list is reachable; after, it is garbage
    // (still counted: it refers to itself) until gc.collect() frees it.
    let lists = |i: usize| -> Vec<(String, Value)> {
        states[i]
            .iter()
            .filter(|(_, o)| o["type"] == "list")
            .map(|(k, o)| (k.clone(), o["garbage"].clone()))
            .collect()
    };
    let before = lists(line(5));
    assert_eq!(before.len(), 1, "{before:?}");
    assert_eq!(before[0].1, false);
    let key = before[0].0.clone();
    assert_eq!(lists(line(6)), vec![(key.clone(), Value::Bool(true))]);
    assert_eq!(lists(line(7)), vec![(key.clone(), Value::Bool(true))]);
    let after = line(8);
    assert!(lists(after).is_empty());
    let freed: BTreeSet<String> = steps[after]["freed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert!(freed.contains(&key), "freed at the collection: {freed:?}");
    assert!(
        !steps[after]["gc"].is_null(),
        "the collection is on the step"
    );
}

#[test]
fn keys_are_never_reused_for_a_new_object_at_an_old_address() {
    // Each iteration frees the previous list and may reuse its block.
    let src = "for i in range(6):\n    x = [i]\n";
    let (_, rec) = record("keys", src, &[]);
    let mut by_key: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in replay(&rec) {
        for (k, o) in s {
            if o["type"] == "list" {
                by_key.entry(k).or_default().insert(o["refs"].to_string());
            }
        }
    }
    assert!(by_key.len() >= 6, "one key per list: {by_key:?}");
    for (k, contents) in &by_key {
        assert_eq!(contents.len(), 1, "key {k} named different lists");
    }
}
