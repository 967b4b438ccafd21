//! What the golden-file tests share: the repository root, and comparing
//! (or, with `OURO_BLESS=1`, rewriting) one golden file.

use std::fs;
use std::path::{Path, PathBuf};

/// The repository root: this crate lives in `<root>/crates/ouro-cli`.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("..")
        .canonicalize()
        .expect("repository root")
}

/// Whether the goldens are being rewritten (`OURO_BLESS=1`).
pub fn blessing() -> bool {
    std::env::var_os("OURO_BLESS").is_some()
}

/// Compares `got` with the golden file (or rewrites it when blessing);
/// returns a description of the first differing line.
pub fn check(golden: &Path, got: &str) -> Option<String> {
    if blessing() {
        fs::write(golden, got).expect("write golden");
        return None;
    }
    let want = fs::read_to_string(golden).unwrap_or_default();
    if got == want {
        return None;
    }
    let first = got
        .lines()
        .zip(want.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(got.lines().count().min(want.lines().count()));
    Some(format!(
        "{}: differs at line {}\n  got:  {}\n  want: {}",
        golden.display(),
        first + 1,
        got.lines().nth(first).unwrap_or("<end>"),
        want.lines().nth(first).unwrap_or("<end>"),
    ))
}
