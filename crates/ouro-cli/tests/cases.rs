//! Runs the case corpus in `tests/cases/**/*.py` against the `ouro` binary.
//!
//! Each case `<name>.py` sits beside its expected results, produced by CPython
//! (`tests/regen.py`): `<name>.stdout` (always present), `<name>.stderr` (only
//! when non-empty) and `<name>.status` (only when the exit status is non-zero).
//! One trial per case, named by its path relative to `tests/cases`, so
//! `cargo test -p ouro-cli --test cases -- errors/` runs just one area.
//!
//! `OURO_TEST_BIN=python3` runs the corpus against another program instead of
//! the freshly built `ouro`, to check the corpus itself (a relative path in
//! it is taken relative to the repository root).
//!
//! Against `ouro`, every case runs with `--leak-check` (a leak adds a report
//! to stderr and fails the case), and a second trial per case, named
//! `gcstress/<case>`, runs it again under `-X gcstress` (a young collection
//! after every container allocation, a full one after every 64th), which must not change its output.
//! A case whose output legitimately depends on when the collector runs says
//! so on one of its first lines with `# gcstress: skip: <reason>`; its
//! stress trial is then reported as ignored. Two more trials, `trace/<case>`
//! and `viz/<case>`, run it with `--trace` and `--viz` to a temporary file:
//! observing must not change what it prints either.
//!
//! Object addresses in default reprs (`<generator object g at 0x...>`) are
//! masked on both sides before comparing: ids are real addresses of ouro's
//! heap, equal to CPython's only by chance.
//!
//! CPython prints the script's absolute path (working directory + argv[0]) in
//! tracebacks; the expected files hold paths relative to the repository root,
//! so the root prefix is stripped from the actual output before comparing.

use std::ffi::OsString;
use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use libtest_mimic::{Arguments, Failed, Trial};

/// The corpus may grow but must not silently shrink below this.
const MIN_CASES: usize = 110;
/// A case that runs longer than this is killed and fails: it catches
/// hangs. The heaviest case, `ints/big_int_near_128_bits` under `--viz`,
/// takes about 33 s in the release build on an idle 2-core machine (0.15 s
/// plainly: the recorder's cost on big ints is a known gap) and went past
/// 60 s once with the corpus running beside it.
const TIMEOUT: Duration = Duration::from_secs(120);
/// How long to wait for output pipes to close after the child has exited.
const PIPE_GRACE: Duration = Duration::from_secs(5);
/// Diffs longer than this many lines are cut.
const MAX_DIFF_LINES: usize = 200;

fn main() {
    let args = Arguments::from_args();
    let root = repo_root();
    let cases_dir = root.join("tests").join("cases");
    let mut cases = Vec::new();
    if let Err(err) = collect_cases(&cases_dir, &mut cases) {
        eprintln!("cannot read {}: {err}", cases_dir.display());
        std::process::exit(2);
    }
    cases.sort();
    let other_bin = std::env::var_os("OURO_TEST_BIN").is_some_and(|b| !b.is_empty());
    let bin: OsString = match std::env::var_os("OURO_TEST_BIN") {
        // A bare name (`python3`) is looked up in PATH; a relative path is
        // taken relative to the repository root.
        Some(bin) if !bin.is_empty() => {
            let path = Path::new(&bin);
            if path.is_relative() && path.components().count() > 1 {
                root.join(path).into_os_string()
            } else {
                bin
            }
        }
        _ => OsString::from(env!("CARGO_BIN_EXE_ouro")),
    };

    let mut trials = Vec::with_capacity(cases.len() + 1);
    let count = cases.len();
    trials.push(Trial::test("corpus_size", move || {
        if count < MIN_CASES {
            return Err(format!(
                "only {count} cases in tests/cases, expected at least {MIN_CASES}"
            )
            .into());
        }
        Ok(())
    }));
    // ouro-only flags are not passed to another interpreter.
    let base_flags: &'static [&'static str] = if other_bin { &[] } else { &["--leak-check"] };
    for case in &cases {
        let name = slash_path(case.strip_prefix(&cases_dir).unwrap_or(case));
        let (root, bin, case) = (root.clone(), bin.clone(), case.clone());
        trials.push(Trial::test(name, move || {
            run_case(&root, &bin, &case, base_flags)
        }));
    }
    if !other_bin {
        // Observation never changes behaviour: traced, every case prints
        // what it prints untraced.
        for (i, case) in cases.iter().enumerate() {
            let name = slash_path(case.strip_prefix(&cases_dir).unwrap_or(case));
            for (mode, ext) in [("trace", "jsonl"), ("viz", "html")] {
                let name = name.clone();
                let (root, bin, case) = (root.clone(), bin.clone(), case.clone());
                trials.push(Trial::test(format!("{mode}/{name}"), move || {
                    let file = std::env::temp_dir()
                        .join(format!("ouro-case-{mode}-{}-{i}.{ext}", std::process::id()));
                    let path = file.display().to_string();
                    let flag = format!("--{mode}");
                    let r = run_case(&root, &bin, &case, &[&flag, &path]);
                    let written = fs::metadata(&file).map(|m| m.len()).unwrap_or(0);
                    let _ = fs::remove_file(&file);
                    r?;
                    if written == 0 {
                        return Err(format!("{name}: the {mode} output is empty").into());
                    }
                    Ok(())
                }));
            }
        }
        for case in cases {
            let name = slash_path(case.strip_prefix(&cases_dir).unwrap_or(&case));
            let skip = stress_skip(&case);
            let (root, bin) = (root.clone(), bin.clone());
            let trial = Trial::test(format!("gcstress/{name}"), move || {
                run_case(&root, &bin, &case, &["--leak-check", "-X", "gcstress"])
            });
            trials.push(trial.with_ignored_flag(skip));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}

/// The repository root: this crate lives in `<root>/crates/ouro-cli`.
fn repo_root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.join("..").join("..");
    root.canonicalize().unwrap_or(root)
}

/// Recursively collects every `*.py` file under `dir`.
fn collect_cases(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_cases(&path, out)?;
        } else if path.extension().is_some_and(|ext| ext == "py") {
            out.push(path);
        }
    }
    Ok(())
}

/// A relative path with `/` separators, as used in trial names and argv.
fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Whether a case opts out of the gcstress run (`# gcstress: skip: ...` on
/// one of its first five lines).
fn stress_skip(case: &Path) -> bool {
    fs::read_to_string(case).is_ok_and(|text| {
        text.lines()
            .take(5)
            .any(|l| l.starts_with("# gcstress: skip"))
    })
}

/// What a run produced, or what a case expects.
struct Outcome {
    stdout: String,
    stderr: String,
    status: String,
}

fn run_case(root: &Path, bin: &OsString, case: &Path, flags: &[&str]) -> Result<(), Failed> {
    let expected = read_expected(case)?;
    let rel = slash_path(case.strip_prefix(root).unwrap_or(case));
    let actual = run_program(root, bin, &rel, flags)?;

    let mut report = String::new();
    if expected.status != actual.status {
        report.push_str(&format!(
            "=== exit status differs: expected {}, got {} ===\n",
            expected.status, actual.status
        ));
    }
    compare("stdout", &expected.stdout, &actual.stdout, &mut report);
    compare("stderr", &expected.stderr, &actual.stderr, &mut report);
    if report.is_empty() {
        Ok(())
    } else {
        Err(format!("{rel}: output differs (- expected, + actual)\n{report}").into())
    }
}

fn read_expected(case: &Path) -> Result<Outcome, Failed> {
    let stdout_path = case.with_extension("stdout");
    let stdout = fs::read_to_string(&stdout_path).map_err(|err| {
        format!(
            "missing expected output {} ({err}); run `python3 tests/regen.py`",
            stdout_path.display()
        )
    })?;
    let optional = |ext: &str| -> Result<String, Failed> {
        let path = case.with_extension(ext);
        match fs::read_to_string(&path) {
            Ok(text) => Ok(text),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(String::new()),
            Err(err) => Err(format!("cannot read {}: {err}", path.display()).into()),
        }
    };
    let stderr = optional("stderr")?;
    let status = optional("status")?.trim().to_string();
    let status = if status.is_empty() {
        "0".to_string()
    } else {
        status
    };
    Ok(Outcome {
        stdout,
        stderr,
        status,
    })
}

/// Runs `bin flags... rel` in `root` with a timeout, capturing stdout and stderr.
fn run_program(root: &Path, bin: &OsString, rel: &str, flags: &[&str]) -> Result<Outcome, Failed> {
    let mut child = Command::new(bin)
        .args(flags)
        .arg(rel)
        .current_dir(root)
        .env("PYTHONHASHSEED", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| format!("cannot start {}: {err}", Path::new(bin).display()))?;

    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let status = wait_with_timeout(&mut child)?;
    // The pipes close when the child exits, unless a process it started
    // still holds them; do not wait for such a process forever.
    let stdout = stdout.recv_timeout(PIPE_GRACE).ok();
    let stderr = stderr.recv_timeout(PIPE_GRACE).ok();
    let text = |bytes: &Option<Vec<u8>>| {
        strip_root(
            &String::from_utf8_lossy(bytes.as_deref().unwrap_or(b"")),
            root,
        )
    };
    let Some(status) = status else {
        return Err(format!(
            "{rel}: timed out after {} s and was killed\n--- stdout (last lines) ---\n{}\n--- stderr (last lines) ---\n{}",
            TIMEOUT.as_secs(),
            tail(&text(&stdout)),
            tail(&text(&stderr)),
        )
        .into());
    };
    if stdout.is_none() || stderr.is_none() {
        return Err(format!(
            "{rel}: exited ({}) but its output pipes stayed open; \
             did it leave a child process running?",
            describe_status(status)
        )
        .into());
    }
    Ok(Outcome {
        stdout: text(&stdout),
        stderr: text(&stderr),
        status: describe_status(status),
    })
}

/// Removes the `<root>/` prefix of absolute paths, as `tests/regen.py` does.
fn strip_root(text: &str, root: &Path) -> String {
    let prefix = format!("{}/", root.display());
    text.replace(&prefix, "")
}

/// Reads a child's pipe to the end on a separate thread; the contents arrive
/// on the returned channel once the pipe closes.
fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            // A read error just truncates the output; the comparison shows it.
            let _ = pipe.read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    rx
}

/// Waits for the child; kills it and returns `None` after `TIMEOUT`.
fn wait_with_timeout(child: &mut Child) -> Result<Option<ExitStatus>, Failed> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        if let Some(status) = child
            .try_wait()
            .map_err(|err| format!("waiting for child: {err}"))?
        {
            return Ok(Some(status));
        }
        if start.elapsed() >= TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(None);
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

fn describe_status(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return code.to_string();
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("killed by signal {signal}");
        }
    }
    format!("{status}")
}

/// The last few lines of `text`, for timeout reports.
fn tail(text: &str) -> String {
    if text.is_empty() {
        return "(empty)".to_string();
    }
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(20);
    lines[start..].join("\n")
}

/// Appends a diff section for `stream` to `report` if the texts differ.
fn compare(stream: &str, expected: &str, actual: &str, report: &mut String) {
    if expected == actual {
        return;
    }
    let (expected, actual) = (&mask_addresses(expected), &mask_addresses(actual));
    if expected == actual {
        return;
    }
    report.push_str(&format!("=== {stream} differs ===\n"));
    report.push_str(&diff(expected, actual));
    if !expected.is_empty() && !actual.is_empty() && expected.trim_end() == actual.trim_end() {
        report.push_str("(only trailing whitespace / final newline differs)\n");
    }
}

/// Replaces the address in each default object repr (`<... at 0x7f3a...>`)
/// by `0x?`: addresses are the one thing the oracle rule lets differ.
fn mask_addresses(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(" at 0x") {
        let start = i + " at 0x".len();
        out.push_str(&rest[..start]);
        let digits = rest[start..]
            .find(|c: char| !c.is_ascii_hexdigit())
            .unwrap_or(rest.len() - start);
        if digits > 0 && rest[start + digits..].starts_with('>') {
            out.push('?');
        } else {
            out.push_str(&rest[start..start + digits]);
        }
        rest = &rest[start + digits..];
    }
    out.push_str(rest);
    out
}

/// A line-based diff: unchanged lines prefixed with ` `, removed (expected)
/// with `-`, added (actual) with `+`. Long runs of unchanged lines are
/// elided. Lines without a trailing newline are marked.
fn diff(expected: &str, actual: &str) -> String {
    let old = split_lines(expected);
    let new = split_lines(actual);
    let ops = lcs_diff(&old, &new);

    // Keep up to CONTEXT unchanged lines around each change.
    const CONTEXT: usize = 3;
    let changed: Vec<bool> = ops.iter().map(|op| !matches!(op, Op::Same(_))).collect();
    let mut keep = vec![false; ops.len()];
    for (i, &c) in changed.iter().enumerate() {
        if c {
            let lo = i.saturating_sub(CONTEXT);
            let hi = (i + CONTEXT + 1).min(ops.len());
            keep[lo..hi].iter_mut().for_each(|k| *k = true);
        }
    }

    let mut out = String::new();
    let mut lines = 0;
    let mut skipped = 0;
    for (op, keep) in ops.iter().zip(keep) {
        if !keep {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            out.push_str(&format!("  ... ({skipped} unchanged lines)\n"));
            skipped = 0;
        }
        if lines == MAX_DIFF_LINES {
            out.push_str("  ... (diff truncated)\n");
            return out;
        }
        lines += 1;
        let (sign, line) = match op {
            Op::Same(line) => (' ', line),
            Op::Del(line) => ('-', line),
            Op::Add(line) => ('+', line),
        };
        out.push(sign);
        out.push(' ');
        match line.strip_suffix('\n') {
            Some(body) => {
                out.push_str(body);
                out.push('\n');
            }
            None => {
                out.push_str(line);
                out.push_str("\n\\ no newline at end\n");
            }
        }
    }
    if skipped > 0 {
        out.push_str(&format!("  ... ({skipped} unchanged lines)\n"));
    }
    if old.is_empty() {
        out.push_str("  (expected nothing)\n");
    }
    if new.is_empty() {
        out.push_str("  (got nothing)\n");
    }
    out
}

/// Splits into lines, each keeping its `\n` (the last one may lack it).
fn split_lines(text: &str) -> Vec<&str> {
    text.split_inclusive('\n').collect()
}

enum Op<'a> {
    Same(&'a str),
    Del(&'a str),
    Add(&'a str),
}

/// Longest-common-subsequence diff. Common prefix and suffix are stripped
/// first; if the middle is still too large for the quadratic table, it is
/// shown as all removed then all added.
fn lcs_diff<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Op<'a>> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];

    let mut ops: Vec<Op<'a>> = old[..prefix].iter().map(|l| Op::Same(l)).collect();
    if a.len().saturating_mul(b.len()) > 4_000_000 {
        ops.extend(a.iter().map(|l| Op::Del(l)));
        ops.extend(b.iter().map(|l| Op::Add(l)));
    } else {
        // table[i][j] = LCS length of a[i..] and b[j..].
        let width = b.len() + 1;
        let mut table = vec![0u32; (a.len() + 1) * width];
        for i in (0..a.len()).rev() {
            for j in (0..b.len()).rev() {
                table[i * width + j] = if a[i] == b[j] {
                    table[(i + 1) * width + j + 1] + 1
                } else {
                    table[(i + 1) * width + j].max(table[i * width + j + 1])
                };
            }
        }
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            if a[i] == b[j] {
                ops.push(Op::Same(a[i]));
                i += 1;
                j += 1;
            } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
                ops.push(Op::Del(a[i]));
                i += 1;
            } else {
                ops.push(Op::Add(b[j]));
                j += 1;
            }
        }
        ops.extend(a[i..].iter().map(|l| Op::Del(l)));
        ops.extend(b[j..].iter().map(|l| Op::Add(l)));
    }
    ops.extend(old[old.len() - suffix..].iter().map(|l| Op::Same(l)));
    ops
}
