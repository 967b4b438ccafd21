//! Integration tests of the `ouro` command line: `-c`, scripts, stdin,
//! error reporting and exit statuses, inputs that must never crash the
//! interpreter, and the interactive session under a pseudo-terminal.
//!
//! Where a behaviour is CPython's, the test runs `python3` (3.11, the
//! behavioural oracle) on the same input and compares. Every child process
//! is killed after [`TIMEOUT`], so a hang fails the test instead of the run.
//!
//! The REPL tests need a terminal: a small `python3` driver ([`PTY_DRIVER`])
//! forks `ouro` in a pty with `pty.fork()`, feeds it keystrokes and waits for
//! expected output with deadlines, and reports what it saw.

use std::fmt::Write as _;
use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

/// A child still running after this long is killed and the test fails.
const TIMEOUT: Duration = Duration::from_secs(20);
/// How long to wait for output pipes to close after the child has exited.
const PIPE_GRACE: Duration = Duration::from_secs(5);
/// The REPL driver enforces its own per-step deadlines; this bounds the
/// whole session in case the driver itself gets stuck.
const REPL_TIMEOUT: Duration = Duration::from_secs(60);
/// How long the REPL driver waits for each expected piece of output.
const REPL_STEP_SECS: u32 = 10;

/// Text in stderr that means the interpreter itself failed (a Rust panic,
/// a stack overflow, an allocation failure abort), not the Python program.
const CRASH_MARKERS: &[&str] = &[
    "panicked",
    "overflowed its stack",
    "internal error",
    "memory allocation of",
    "RUST_BACKTRACE",
];

// ---------------------------------------------------------------------------
// Running commands
// ---------------------------------------------------------------------------

/// What a finished (or killed) child produced.
#[derive(Debug)]
struct Output {
    stdout: String,
    stderr: String,
    /// `None` when the child timed out and was killed.
    status: Option<ExitStatus>,
}

impl Output {
    /// The exit code; panics (with the output) if the child was killed by
    /// a signal or timed out.
    fn code(&self) -> i32 {
        match self.status {
            Some(status) => match status.code() {
                Some(code) => code,
                None => panic!("child was killed: {}\n{}", describe(status), self.dump()),
            },
            None => panic!(
                "child timed out after {} s and was killed\n{}",
                TIMEOUT.as_secs(),
                self.dump()
            ),
        }
    }

    fn dump(&self) -> String {
        format!(
            "--- stdout ---\n{}\n--- stderr ---\n{}",
            tail(&self.stdout),
            tail(&self.stderr)
        )
    }
}

fn describe(status: ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("signal {signal}");
        }
    }
    format!("{status}")
}

/// The last lines of `text`: enough to see what went wrong in a failure
/// message without pages of a 1000-frame traceback.
fn tail(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let start = lines.len().saturating_sub(30);
    let mut out = String::new();
    if start > 0 {
        let _ = writeln!(out, "[... {start} lines ...]");
    }
    for line in &lines[start..] {
        let cut: String = line.chars().take(300).collect();
        let _ = writeln!(out, "{cut}");
    }
    out
}

/// Reads a pipe to its end on another thread.
fn reader<R: Read + Send + 'static>(pipe: Option<R>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut buf);
        }
        let _ = tx.send(buf);
    });
    rx
}

/// Waits for `child`, killing it after `limit`; `None` if it was killed.
fn wait_with_timeout(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) => {}
            Err(err) => panic!("waiting for child: {err}"),
        }
        if start.elapsed() >= limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    }
}

/// Runs `cmd` with `stdin` as its input (empty if `None`), capturing stdout
/// and stderr, killed after `limit`.
fn run_with(cmd: &mut Command, stdin: Option<&[u8]>, limit: Duration) -> Output {
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|err| panic!("cannot start {cmd:?}: {err}"));
    let input = stdin.unwrap_or_default().to_vec();
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // On a thread: a child that does not read its input must not block us.
    thread::spawn(move || {
        let _ = pipe.write_all(&input);
    });
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let status = wait_with_timeout(&mut child, limit);
    let text = |rx: mpsc::Receiver<Vec<u8>>| {
        String::from_utf8_lossy(&rx.recv_timeout(PIPE_GRACE).unwrap_or_default()).into_owned()
    };
    Output {
        stdout: text(stdout),
        stderr: text(stderr),
        status,
    }
}

fn ouro_bin() -> &'static str {
    env!("CARGO_BIN_EXE_ouro")
}

/// A command for `program` with an environment that does not change how
/// either interpreter behaves.
fn command(program: &str, args: &[&str], dir: Option<&Path>) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args);
    for var in [
        "PYTHONPATH",
        "PYTHONSTARTUP",
        "PYTHONSAFEPATH",
        "PYTHONINSPECT",
        "PYTHONWARNINGS",
        "PYTHONHOME",
    ] {
        cmd.env_remove(var);
    }
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    cmd
}

/// Runs `ouro args...` with `stdin` as input.
fn ouro(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    run_with(&mut command(ouro_bin(), args, dir), stdin, TIMEOUT)
}

/// Runs `python3 args...` with `stdin` as input.
fn python3(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    run_with(&mut command("python3", args, dir), stdin, TIMEOUT)
}

/// Runs the same arguments under ouro and python3 and checks that stdout,
/// stderr and the exit status agree exactly.
fn assert_same_as_python(args: &[&str], stdin: Option<&[u8]>, dir: Option<&Path>) -> Output {
    let ours = ouro(args, stdin, dir);
    let theirs = python3(args, stdin, dir);
    assert_eq!(
        (
            theirs.code(),
            theirs.stdout.as_str(),
            theirs.stderr.as_str()
        ),
        (ours.code(), ours.stdout.as_str(), ours.stderr.as_str()),
        "ouro {args:?} differs from python3 (left: python3, right: ouro)"
    );
    ours
}

/// The child ended by itself with an exit status (no signal, no timeout)
/// and stderr holds none of the interpreter-failure markers.
fn assert_no_crash(out: &Output, what: &str) {
    let code = out.code();
    for marker in CRASH_MARKERS {
        assert!(
            !out.stderr.contains(marker),
            "{what}: stderr contains {marker:?} (status {code})\n{}",
            out.dump()
        );
    }
}

/// A directory under the system temp dir, removed on drop.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("ouro-cli-test-{}-{n}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("create temp dir");
        // The canonical path, so ouro and python3 agree with what we expect
        // even if the temp dir is reached through a symlink.
        TempDir(path.canonicalize().expect("canonicalize temp dir"))
    }

    fn path(&self) -> &Path {
        &self.0
    }

    fn write(&self, name: &str, contents: &str) -> PathBuf {
        let path = self.0.join(name);
        fs::write(&path, contents).expect("write temp file");
        path
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

// ---------------------------------------------------------------------------
// -c
// ---------------------------------------------------------------------------

#[test]
fn dash_c_prints_to_stdout() {
    let out = ouro(&["-c", "print('hello'); print(6 * 7)"], None, None);
    assert_eq!(out.code(), 0, "{}", out.dump());
    assert_eq!(out.stdout, "hello\n42\n");
    assert_eq!(out.stderr, "");
}

/// An internal error (a Rust panic) ends the process as a fatal error does:
/// everything the program printed is written (release builds abort on a
/// panic, so nothing unwinds to drop the VM's buffer), then the error, and
/// the status is 1, not a signal.
#[test]
fn internal_panic_keeps_output_and_exits_1() {
    let program = "for i in range(300): print(i, 'x' * 60)\nprint('last')";
    let out = ouro(&["-X", "internal-panic", "-c", program], None, None);
    assert_eq!(out.code(), 1, "{}", out.dump());
    let mut expected: String = (0..300)
        .map(|i| format!("{i} {}\n", "x".repeat(60)))
        .collect();
    expected.push_str("last\n");
    assert!(expected.len() > 8192, "the output must outgrow the buffer");
    assert_eq!(out.stdout, expected);
    assert!(
        out.stderr.starts_with("ouro: internal error: ")
            && out.stderr.contains("-X internal-panic asked for a panic"),
        "{}",
        out.dump()
    );
}

#[test]
fn dash_c_sys_argv_matches_python() {
    let out = assert_same_as_python(&["-c", "import sys; print(sys.argv)", "a", "b"], None, None);
    assert_eq!(out.stdout, "['-c', 'a', 'b']\n");
}

#[test]
fn dash_c_options_after_code_go_to_sys_argv() {
    // Everything after the -c code belongs to the program, even options.
    let out = assert_same_as_python(
        &["-c", "import sys; print(sys.argv)", "-c", "--max-heap", "-"],
        None,
        None,
    );
    assert_eq!(out.stdout, "['-c', '-c', '--max-heap', '-']\n");
}

// ---------------------------------------------------------------------------
// Scripts
// ---------------------------------------------------------------------------

const SCRIPT_INFO: &str = "import sys
print(sys.argv)
print(__name__)
print(__file__)
print(sys.path[0])
";

#[test]
fn script_argv_name_and_file_match_python() {
    let dir = TempDir::new("script");
    dir.write("script.py", SCRIPT_INFO);
    let out = assert_same_as_python(&["script.py", "arg1", "arg2"], None, Some(dir.path()));
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "['script.py', 'arg1', 'arg2']");
    assert_eq!(lines[1], "__main__");
    // CPython 3.11 makes __main__.__file__ absolute.
    let expected_file = dir.path().join("script.py");
    assert_eq!(lines[2], expected_file.display().to_string());
    assert_eq!(lines[3], dir.path().display().to_string());
}

#[test]
fn script_in_subdirectory_matches_python() {
    // A relative path with `..` is joined to the working directory, not
    // normalised, as CPython does; sys.path[0] is the real directory.
    let dir = TempDir::new("subdir");
    fs::create_dir(dir.path().join("sub")).unwrap();
    dir.write("script.py", SCRIPT_INFO);
    assert_same_as_python(&["sub/../script.py", "x"], None, Some(dir.path()));
    assert_same_as_python(&["./script.py"], None, Some(dir.path()));
}

#[test]
fn script_given_by_absolute_path_matches_python() {
    let dir = TempDir::new("abs");
    let script = dir.write("script.py", SCRIPT_INFO);
    let script = script.to_str().unwrap();
    let out = assert_same_as_python(&[script, "arg"], None, None);
    assert!(out.stdout.starts_with(&format!("['{script}', 'arg']\n")));
}

#[test]
fn script_uncaught_exception_traceback_matches_python() {
    let dir = TempDir::new("tb");
    dir.write(
        "boom.py",
        "def inner():\n    return {}['k']\n\ndef outer():\n    inner()\n\nprint('before')\nouter()\n",
    );
    let out = assert_same_as_python(&["boom.py"], None, Some(dir.path()));
    assert_eq!(out.code(), 1);
    assert!(out.stderr.ends_with("KeyError: 'k'\n"), "{}", out.dump());
}

#[test]
fn script_syntax_error_matches_python() {
    let dir = TempDir::new("syntax");
    dir.write("bad.py", "print('never')\nx = = 1\n");
    let out = assert_same_as_python(&["bad.py"], None, Some(dir.path()));
    assert_eq!(out.code(), 1);
    assert_eq!(out.stdout, "");
}

#[test]
fn missing_script_reports_errno_2_and_exits_2() {
    let dir = TempDir::new("missing");
    let ours = ouro(&["no_such_script.py"], None, Some(dir.path()));
    let theirs = python3(&["no_such_script.py"], None, Some(dir.path()));
    let full = dir.path().join("no_such_script.py");
    let expected_rest = format!(
        ": can't open file '{}': [Errno 2] No such file or directory\n",
        full.display()
    );
    // python3 names itself by its own path; ouro says `ouro`.
    assert!(
        theirs.stderr.ends_with(&expected_rest),
        "python3 said {:?}",
        theirs.stderr
    );
    assert_eq!(theirs.code(), 2);
    assert_eq!(ours.stderr, format!("ouro{expected_rest}"));
    assert_eq!(ours.stdout, "");
    assert_eq!(ours.code(), 2);
}

// ---------------------------------------------------------------------------
// stdin
// ---------------------------------------------------------------------------

#[test]
fn piped_stdin_is_run_as_a_program() {
    let out = assert_same_as_python(&[], Some(b"print(1+1)\n"), None);
    assert_eq!(out.stdout, "2\n");
}

#[test]
fn dash_reads_program_from_stdin() {
    let out = assert_same_as_python(&["-"], Some(b"print(1+1)\n"), None);
    assert_eq!(out.stdout, "2\n");
}

#[test]
fn stdin_sys_argv_matches_python() {
    let program: &[u8] = b"import sys; print(sys.argv)\n";
    let out = assert_same_as_python(&[], Some(program), None);
    assert_eq!(out.stdout, "['']\n");
    let out = assert_same_as_python(&["-"], Some(program), None);
    assert_eq!(out.stdout, "['-']\n");
    let out = assert_same_as_python(&["-", "a", "b"], Some(program), None);
    assert_eq!(out.stdout, "['-', 'a', 'b']\n");
}

#[test]
fn stdin_uncaught_exception_traceback_matches_python() {
    let out = assert_same_as_python(&[], Some(b"print('x')\n1/0\n"), None);
    assert_eq!(out.code(), 1);
    assert!(out.stderr.contains("File \"<stdin>\", line 2, in <module>"));
}

// ---------------------------------------------------------------------------
// Errors and exit statuses
// ---------------------------------------------------------------------------

#[test]
fn dash_c_uncaught_name_error_matches_python() {
    let out = assert_same_as_python(&["-c", "print('before'); zz"], None, None);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stdout, "before\n");
    assert_eq!(
        out.stderr,
        "Traceback (most recent call last):\n  \
         File \"<string>\", line 1, in <module>\n\
         NameError: name 'zz' is not defined\n"
    );
}

#[test]
fn dash_c_syntax_error_matches_python() {
    let out = assert_same_as_python(&["-c", "x = = 1"], None, None);
    assert_eq!(out.code(), 1);
    assert!(out.stderr.ends_with("SyntaxError: invalid syntax\n"));
    // More cases where ouro and python3 agree on message and caret.
    for code in ["(1", "x = 1 +", "a b", "'abc", "if 1:\npass"] {
        assert_same_as_python(&["-c", code], None, None);
    }
}

#[test]
fn sys_exit_with_int_sets_status() {
    let out = assert_same_as_python(&["-c", "import sys; sys.exit(3)"], None, None);
    assert_eq!(out.code(), 3);
    assert_eq!(out.stderr, "");
}

#[test]
fn sys_exit_with_message_prints_it_and_exits_1() {
    let out = assert_same_as_python(&["-c", "import sys; sys.exit('msg')"], None, None);
    assert_eq!(out.code(), 1);
    assert_eq!(out.stderr, "msg\n");
}

#[test]
fn bare_raise_system_exit_exits_0() {
    let out = assert_same_as_python(&["-c", "print('a'); raise SystemExit"], None, None);
    assert_eq!(out.code(), 0);
    assert_eq!(out.stdout, "a\n");
    let out = assert_same_as_python(&["-c", "raise SystemExit(None)"], None, None);
    assert_eq!(out.code(), 0);
}

// ---------------------------------------------------------------------------
// Recursion
// ---------------------------------------------------------------------------

#[test]
fn unbounded_recursion_raises_catchable_recursion_error() {
    let code =
        "def f():\n    return f()\ntry:\n    f()\nexcept RecursionError:\n    print('caught')\n";
    let out = assert_same_as_python(&["-c", code], None, None);
    assert_no_crash(&out, "caught recursion");
    assert_eq!(out.stdout, "caught\n");
}

#[test]
fn uncaught_recursion_error_exits_1_with_traceback() {
    let code = "def f():\n    return f()\nf()\n";
    let out = ouro(&["-c", code], None, None);
    assert_no_crash(&out, "uncaught recursion");
    assert_eq!(out.code(), 1, "{}", out.dump());
    assert!(out
        .stderr
        .starts_with("Traceback (most recent call last):\n"));
    assert!(
        out.stderr
            .ends_with("RecursionError: maximum recursion depth exceeded\n"),
        "{}",
        out.dump()
    );
    // The whole report, repeated-line summary included, is CPython's.
    assert_same_as_python(&["-c", code], None, None);
}

#[test]
fn recursion_through_repr_is_caught() {
    // Native re-entry (`repr` calling `__repr__`) is bounded too.
    let code = "class A:\n    def __repr__(self):\n        return repr(self)\n\
                try:\n    repr(A())\nexcept RecursionError:\n    print('caught')\n";
    let out = assert_same_as_python(&["-c", code], None, None);
    assert_no_crash(&out, "repr recursion");
    assert_eq!(out.stdout, "caught\n");
}

// ---------------------------------------------------------------------------
// Hostile inputs: a Python error or a clean result, never a crash
// ---------------------------------------------------------------------------

#[test]
fn deeply_nested_list_is_freed_without_crash() {
    let code = "a = []\nfor i in range(1000000):\n    a = [a]\ndel a\nprint('ok')\n";
    let out = ouro(&["-c", code], None, None);
    assert_no_crash(&out, "nested list dealloc");
    assert_eq!(
        (out.code(), out.stdout.as_str()),
        (0, "ok\n"),
        "{}",
        out.dump()
    );
}

#[test]
fn repr_of_very_deep_list_raises_recursion_error_like_python() {
    let code = "a = []\nfor i in range(100000):\n    a = [a]\nrepr(a)\n";
    let out = assert_same_as_python(&["-c", code], None, None);
    assert_no_crash(&out, "deep repr");
    assert_eq!(out.code(), 1);
    assert!(out.stderr.ends_with(
        "RecursionError: maximum recursion depth exceeded while getting the repr of an object\n"
    ));
}

fn nested_parens(depth: usize) -> String {
    format!(
        "x = {}1{}\nprint(x)\n",
        "(".repeat(depth),
        ")".repeat(depth)
    )
}

#[test]
fn nested_parentheses_at_python_limit_work() {
    // CPython's parser accepts 200 levels of nesting.
    let out = assert_same_as_python(&["-c", &nested_parens(200)], None, None);
    assert_eq!(out.stdout, "1\n");
}

#[test]
fn deeply_nested_parentheses_do_not_crash() {
    // ouro need not reject deep nesting, but whatever it does must be a
    // clean result: the right answer, or a SyntaxError / RecursionError.
    let dir = TempDir::new("parens");
    for depth in [5_000, 100_000] {
        dir.write("deep.py", &nested_parens(depth));
        let out = ouro(&["deep.py"], None, Some(dir.path()));
        assert_no_crash(&out, &format!("{depth} nested parentheses"));
        let clean = match out.code() {
            0 => out.stdout == "1\n",
            1 => out.stderr.contains("SyntaxError") || out.stderr.contains("RecursionError"),
            _ => false,
        };
        assert!(clean, "{depth} nested parentheses:\n{}", out.dump());
    }
}

#[test]

fn deeply_nested_parentheses_are_a_syntax_error_like_python() {
    let dir = TempDir::new("parens-py");
    dir.write("deep.py", &nested_parens(5_000));
    let out = ouro(&["deep.py"], None, Some(dir.path()));
    assert_no_crash(&out, "5000 nested parentheses");
    assert_eq!(out.code(), 1, "{}", out.dump());
    assert!(
        out.stderr
            .ends_with("SyntaxError: too many nested parentheses\n"),
        "{}",
        out.dump()
    );
}

fn sum_chain(terms: usize) -> String {
    format!("x = {}\nprint(x)\n", vec!["1"; terms].join("+"))
}

#[test]
fn long_addition_chain_matches_python() {
    // python3 compiles a 1000-term chain; ouro must give the same answer.
    let dir = TempDir::new("chain");
    dir.write("chain.py", &sum_chain(1_000));
    let out = assert_same_as_python(&["chain.py"], None, Some(dir.path()));
    assert_eq!(out.stdout, "1000\n");
}

#[test]
fn very_long_addition_chain_does_not_crash() {
    // 100000 terms: python3 3.11 stops with "RecursionError: maximum
    // recursion depth exceeded during compilation" (status 1); ouro may
    // compute the sum instead, but must not crash.
    let dir = TempDir::new("chain-long");
    dir.write("chain.py", &sum_chain(100_000));
    let out = ouro(&["chain.py"], None, Some(dir.path()));
    assert_no_crash(&out, "100000-term chain");
    let clean = match out.code() {
        0 => out.stdout == "100000\n",
        1 => out.stdout.is_empty() && out.stderr.contains("RecursionError"),
        _ => false,
    };
    assert!(clean, "100000-term chain:\n{}", out.dump());
}

#[test]
fn empty_and_comment_only_files_do_nothing() {
    let dir = TempDir::new("empty");
    dir.write("empty.py", "");
    dir.write(
        "comments.py",
        "# just a comment\n\n   # another, indented\n",
    );
    dir.write("no_newline.py", "# no newline at the end");
    for file in ["empty.py", "comments.py", "no_newline.py"] {
        let out = assert_same_as_python(&[file], None, Some(dir.path()));
        assert_eq!(
            (out.code(), out.stdout.as_str(), out.stderr.as_str()),
            (0, "", "")
        );
    }
    let out = assert_same_as_python(&["-c", ""], None, None);
    assert_eq!(out.code(), 0);
}

#[test]
fn max_heap_cap_raises_memory_error() {
    let code = "try:\n    x = [0] * 10**9\nexcept MemoryError:\n    print('MemoryError')\n";
    let out = ouro(&["--max-heap", "32M", "-c", code], None, None);
    assert_no_crash(&out, "--max-heap 32M");
    assert_eq!(
        (out.code(), out.stdout.as_str()),
        (0, "MemoryError\n"),
        "{}",
        out.dump()
    );
}

#[test]
fn huge_list_without_cap_raises_memory_error_like_python() {
    let out = assert_same_as_python(&["-c", "x = [0] * 10**12"], None, None);
    assert_no_crash(&out, "[0] * 10**12");
    assert_eq!(out.code(), 1);
    assert!(out.stderr.ends_with("MemoryError\n"), "{}", out.dump());
    let code = "try:\n    x = [0] * 10**12\nexcept MemoryError:\n    print('caught')\n";
    let out = assert_same_as_python(&["-c", code], None, None);
    assert_eq!(out.stdout, "caught\n");
}

// ---------------------------------------------------------------------------
// The interactive session, under a pseudo-terminal
// ---------------------------------------------------------------------------

/// Forks the program given as argv[1] in a pty and plays the steps in
/// argv[2:]: `send:TEXT` writes TEXT to the terminal; `expect:TEXT` reads
/// until TEXT appears after the previous match (deadline: OURO_STEP_SECS)
/// and reports the output from the previous match to the end of this one.
/// After the steps it waits for the child to exit, killing it at the
/// deadline. Output, one record a line, payloads hex-encoded:
/// `SEG <hex>` per expect, `ERROR <hex>` if an expect timed out,
/// `STATUS exit N | signal N | killed`, `TRANSCRIPT <hex>`.
const PTY_DRIVER: &str = r#"
import fcntl, os, pty, select, signal, struct, sys, termios, time

program = sys.argv[1]
steps = sys.argv[2:]
step_secs = float(os.environ.get("OURO_STEP_SECS", "10"))

pid, fd = pty.fork()
if pid == 0:
    try:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    except OSError:
        pass
    try:
        os.execv(program, [program])
    finally:
        os._exit(127)

buf = b""
eof = False

def pump(deadline):
    """Reads what is available until the deadline or end of output."""
    global buf, eof
    while not eof:
        left = deadline - time.monotonic()
        if left <= 0:
            return
        ready, _, _ = select.select([fd], [], [], min(left, 0.1))
        if ready:
            try:
                data = os.read(fd, 65536)
            except OSError:
                data = b""
            if not data:
                eof = True
                return
            buf += data
            return

def out(tag, payload):
    sys.stdout.write(tag + " " + payload.hex() + "\n")

cursor = 0
error = None
for step in steps:
    kind, _, text = step.partition(":")
    data = text.encode()
    if kind == "send":
        os.write(fd, data)
    elif kind == "expect":
        deadline = time.monotonic() + step_secs
        while True:
            at = buf.find(data, cursor)
            if at >= 0:
                end = at + len(data)
                out("SEG", buf[cursor:end])
                cursor = end
                break
            if eof or time.monotonic() >= deadline:
                error = "expected %r; %s" % (text, "output ended" if eof else "timed out")
                break
            pump(deadline)
        if error:
            break
    else:
        error = "bad step %r" % step
        break

status = None
if error is None:
    deadline = time.monotonic() + step_secs
    while status is None and time.monotonic() < deadline:
        done, raw = os.waitpid(pid, os.WNOHANG)
        if done:
            status = raw
        else:
            pump(min(deadline, time.monotonic() + 0.05))
if status is None:
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    sys.stdout.write("STATUS killed\n")
elif os.WIFEXITED(status):
    sys.stdout.write("STATUS exit %d\n" % os.WEXITSTATUS(status))
else:
    sys.stdout.write("STATUS signal %d\n" % os.WTERMSIG(status))
# Whatever is still buffered in the terminal.
while not eof:
    pump(time.monotonic() + 0.2)
    if not select.select([fd], [], [], 0)[0]:
        break
if error is not None:
    out("ERROR", error.encode())
out("TRANSCRIPT", buf)
"#;

enum Step<'a> {
    /// Type this text into the terminal.
    Input(&'a str),
    /// Wait until this text appears in the output.
    Expect(&'a str),
}
use Step::{Expect, Input};

/// What a REPL session showed.
struct Session {
    /// For each `Expect`, the output from the previous match through this one.
    segments: Vec<String>,
    /// `exit N`, `signal N` or `killed`.
    status: String,
    transcript: String,
}

impl Session {
    /// The output lines produced between typing a line and the next prompt,
    /// from a segment that starts right after a prompt and ends with one:
    /// the first line is the echoed input and the last is the new prompt.
    fn echoed(&self, index: usize) -> Vec<String> {
        let lines = screen_lines(&self.segments[index]);
        assert!(
            lines.len() >= 2,
            "segment {index} is not input + prompt: {lines:?}\n{}",
            self.transcript
        );
        lines[1..lines.len() - 1].to_vec()
    }
}

fn unhex(hex: &str) -> String {
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).expect("hex from the driver"))
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// Terminal output as plain lines: escape sequences and carriage returns
/// removed (the line editor redraws the prompt with `\r` and cursor moves).
fn screen_lines(raw: &str) -> Vec<String> {
    let mut text = String::new();
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\x1b' => {
                if chars.peek() == Some(&'[') {
                    chars.next();
                    // Parameters and intermediates, then one final byte.
                    for c in chars.by_ref() {
                        if ('\x40'..='\x7e').contains(&c) {
                            break;
                        }
                    }
                } else {
                    chars.next();
                }
            }
            '\r' => {}
            c => text.push(c),
        }
    }
    text.split('\n').map(str::to_string).collect()
}

/// Plays `steps` against `ouro` (no arguments) in a pty with HOME set to a
/// fresh temp dir, which is returned for inspection. Panics with the
/// transcript if an expected text does not show up in time.
fn repl(steps: &[Step]) -> (Session, TempDir) {
    let home = TempDir::new("home");
    let mut cmd = command("python3", &["-c", PTY_DRIVER, ouro_bin()], None);
    for step in steps {
        match step {
            Input(text) => cmd.arg(format!("send:{text}")),
            Expect(text) => cmd.arg(format!("expect:{text}")),
        };
    }
    cmd.env("HOME", home.path())
        .env("TERM", "xterm")
        .env("OURO_STEP_SECS", REPL_STEP_SECS.to_string())
        .env_remove("RUST_BACKTRACE");
    let out = run_with(&mut cmd, None, REPL_TIMEOUT);
    let code = out.code();
    assert!(
        code == 0 && out.stderr.is_empty(),
        "pty driver failed\n{}",
        out.dump()
    );
    let mut segments = Vec::new();
    let mut status = None;
    let mut error = None;
    let mut transcript = String::new();
    for line in out.stdout.lines() {
        let (tag, rest) = line.split_once(' ').unwrap_or((line, ""));
        match tag {
            "SEG" => segments.push(unhex(rest)),
            "ERROR" => error = Some(unhex(rest)),
            "TRANSCRIPT" => transcript = unhex(rest),
            "STATUS" => status = Some(rest.to_string()),
            _ => panic!("unexpected driver output {line:?}"),
        }
    }
    if let Some(error) = error {
        panic!("REPL session: {error}\n--- transcript ---\n{transcript:?}");
    }
    let session = Session {
        segments,
        status: status.expect("driver reports a status"),
        transcript,
    };
    (session, home)
}

/// Asserts the session ended by itself with status `code`.
fn assert_exit(session: &Session, code: i32) {
    assert_eq!(
        session.status,
        format!("exit {code}"),
        "--- transcript ---\n{:?}",
        session.transcript
    );
    for marker in CRASH_MARKERS {
        assert!(
            !session.transcript.contains(marker),
            "transcript contains {marker:?}:\n{:?}",
            session.transcript
        );
    }
}

#[test]
fn repl_shows_prompt_and_exits_0_on_ctrl_d() {
    let (session, _home) = repl(&[Expect(">>> "), Input("\x04")]);
    assert_exit(&session, 0);
    assert!(session.segments[0].contains("ouro "), "banner missing");
}

#[test]
fn repl_echoes_expression_values_but_not_none() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("x = 10\r"),
        Expect(">>> "), // 1
        Input("id(x) == id(x)\r"),
        Expect(">>> "), // 2
        Input("1 + 2\r"),
        Expect(">>> "), // 3
        Input("def g():\r"),
        Expect("... "),
        Input("    pass\r"),
        Expect("... "),
        Input("\r"),
        Expect(">>> "), // 6
        Input("g()\r"),
        Expect(">>> "), // 7
        Input("print('hi')\r"),
        Expect(">>> "), // 8
        Input("'a' + 'b'\r"),
        Expect(">>> "), // 9
        Input("x\r"),
        Expect(">>> "), // 10
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    let none: Vec<String> = Vec::new();
    assert_eq!(session.echoed(1), none, "an assignment echoes nothing");
    assert_eq!(session.echoed(2), ["True"]);
    assert_eq!(session.echoed(3), ["3"]);
    assert_eq!(session.echoed(7), none, "None is not echoed");
    assert_eq!(session.echoed(8), ["hi"], "print's None is not echoed");
    assert_eq!(session.echoed(9), ["'ab'"], "the repr is echoed");
    assert_eq!(session.echoed(10), ["10"]);
}

#[test]
fn repl_one_line_compound_statement_waits_for_blank_line() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("def g(): return 5\r"),
        Expect("... "), // 1
        Input("\r"),
        Expect(">>> "),
        Input("if g() == 5: print('five')\r"),
        Expect("... "),
        Input("\r"),
        Expect(">>> "), // 4
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    assert!(
        !session.segments[1].contains(">>> "),
        "{:?}",
        session.segments[1]
    );
    let lines = screen_lines(&session.segments[4]);
    assert!(lines.iter().any(|l| l == "five"), "{lines:?}");
}

#[test]
fn repl_multiline_block_uses_continuation_prompt() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("def f():\r"),
        Expect("... "), // 1
        Input("    return 42\r"),
        Expect("... "), // 2
        Input("\r"),
        Expect(">>> "), // 3
        Input("f()\r"),
        Expect(">>> "), // 4
        Input("for i in range(3):\r"),
        Expect("... "),
        Input("    print(i * 10)\r"),
        Expect("... "),
        Input("\r"),
        Expect(">>> "), // 7
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    // No `>>> ` between the lines of the block.
    for index in [1, 2] {
        assert!(
            !session.segments[index].contains(">>> "),
            "segment {index}: {:?}",
            session.segments[index]
        );
    }
    assert_eq!(session.echoed(4), ["42"]);
    assert_eq!(session.echoed(7), ["0", "10", "20"]);
}

#[test]
fn repl_error_prints_traceback_and_session_continues() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("x = 5\r"),
        Expect(">>> "),
        Input("1/0\r"),
        Expect(">>> "), // 2
        Input("undefined_name\r"),
        Expect(">>> "), // 3
        Input("x = = 1\r"),
        Expect(">>> "), // 4
        Input("x * 2\r"),
        Expect(">>> "), // 5
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    assert_eq!(
        session.echoed(2),
        [
            "Traceback (most recent call last):",
            "  File \"<stdin>\", line 1, in <module>",
            "ZeroDivisionError: division by zero",
        ]
    );
    assert_eq!(
        session.echoed(3),
        [
            "Traceback (most recent call last):",
            "  File \"<stdin>\", line 1, in <module>",
            "NameError: name 'undefined_name' is not defined",
        ]
    );
    assert_eq!(
        session.echoed(4),
        [
            "  File \"<stdin>\", line 1",
            "    x = = 1",
            "        ^",
            "SyntaxError: invalid syntax",
        ]
    );
    assert_eq!(session.echoed(5), ["10"], "state survives errors");
}

#[test]
fn repl_ctrl_c_discards_input_and_shows_fresh_prompt() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("x = 7\r"),
        Expect(">>> "),
        // Half a line, then Ctrl-C: it must not be kept.
        Input("garbage"),
        Expect("garbage"),
        Input("\x03"),
        Expect("KeyboardInterrupt"),
        Expect(">>> "),
        Input("x\r"),
        Expect(">>> "), // 5
        // Ctrl-C inside a block returns to the primary prompt.
        Input("if x:\r"),
        Expect("... "),
        Input("\x03"),
        Expect("KeyboardInterrupt"),
        Expect(">>> "), // 8
        Input("x + 1\r"),
        Expect(">>> "), // 9
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    assert_eq!(session.echoed(5), ["7"]);
    assert!(
        !session.segments[8].contains("... "),
        "Ctrl-C in a block must give a fresh `>>> ` prompt: {:?}",
        session.segments[8]
    );
    assert_eq!(session.echoed(9), ["8"]);
}

#[test]
fn repl_ctrl_d_exits_0_after_an_error_and_saves_history_in_home() {
    let (session, home) = repl(&[
        Expect(">>> "),
        Input("marker_value = 1\r"),
        Expect(">>> "),
        Input("raise ValueError('boom')\r"),
        Expect("ValueError: boom"),
        Expect(">>> "),
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    let history = fs::read_to_string(home.path().join(".ouro_history"))
        .expect("history file written under $HOME");
    assert!(history.contains("marker_value = 1"), "{history:?}");
}

#[test]
fn repl_system_exit_ends_session_with_its_status() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("import sys\r"),
        Expect(">>> "),
        Input("sys.exit(4)\r"),
    ]);
    assert_exit(&session, 4);
}

#[test]
fn repl_prompt_not_shown_when_stdin_is_not_a_terminal() {
    // With stdin a pipe, ouro runs it as a program: no banner, no prompt.
    let out = ouro(&[], Some(b"1 + 2\nprint('done')\n"), None);
    assert_eq!(out.code(), 0);
    assert_eq!(out.stdout, "done\n", "expression values are not echoed");
    assert!(!out.stderr.contains(">>> "), "{}", out.dump());
}

#[test]
fn repl_ouro_show_draws_the_seed_session() {
    let (session, _home) = repl(&[
        Expect(">>> "),
        Input("x = 10\r"),
        Expect(">>> "), // 1
        Input("y = x\r"),
        Expect(">>> "), // 2
        Input("import ouro\r"),
        Expect(">>> "), // 3
        Input("ouro.show()\r"),
        Expect(">>> "), // 4
        Input("x = 11\r"),
        Expect(">>> "), // 5
        Input("ouro.show()\r"),
        Expect(">>> "), // 6
        Input("\x04"),
    ]);
    assert_exit(&session, 0);
    let shared = session.echoed(4).join("\n");
    // One object, two names.
    assert!(shared.contains("  x -> #1"), "{shared}");
    assert!(shared.contains("  y -> #1"), "{shared}");
    assert!(shared.contains("int 10"), "{shared}");
    let split = session.echoed(6).join("\n");
    let x_line = split.lines().find(|l| l.starts_with("  x -> ")).unwrap();
    let y_line = split.lines().find(|l| l.starts_with("  y -> ")).unwrap();
    assert_ne!(
        x_line[7..],
        y_line[7..],
        "x and y now name two objects:\n{split}"
    );
    assert!(
        split.contains("int 11") && split.contains("int 10"),
        "{split}"
    );
}

#[test]
fn trace_file_records_the_seed_with_locations() {
    let dir = TempDir::new("trace");
    let path = dir.path().join("seed.jsonl");
    let seed = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/seed.py");
    let path_s = path.display().to_string();
    let seed_s = seed.display().to_string();
    let out = ouro(&["--trace", &path_s, &seed_s], None, None);
    assert_eq!(out.code(), 0, "{}", out.stderr);
    let text = fs::read_to_string(&path).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("{\"ev\":\"start\""));
    assert!(lines.last().unwrap().starts_with("{\"ev\":\"exit\""));
    // func's frame is pushed (from line 14).
    assert!(text.contains("\"ev\":\"frame_push\",\"func\":\"func\",\"depth\":2"));
    assert!(text.contains("\"type\":\"list\""));
    for l in &lines {
        assert!(
            l.starts_with('{') && l.ends_with('}'),
            "not one object per line: {l}"
        );
    }
}

#[test]
fn unwritable_observation_files_are_clear_errors() {
    for flag in ["--trace", "--heap-dot", "--heap-json", "--viz"] {
        let out = ouro(
            &[flag, "/nonexistent-dir/out", "-c", "print(1)"],
            None,
            None,
        );
        let err = &out.stderr;
        assert_eq!(out.code(), 1, "{flag}: {err}");
        assert!(err.starts_with("ouro: "), "{flag}: {err}");
        assert!(!err.contains("panicked"), "{flag}: {err}");
    }
}

/// The free-list lines that end `sys._debugmallocstats()`, without the
/// block sizes (ouro's include the collector link CPython's leave out; see
/// COMPATIBILITY.md): "count free name".
fn free_list_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.contains(" free ") && l.contains(" bytes each "))
        .map(|l| l.trim().split(" * ").next().unwrap_or("").to_string())
        .collect()
}

#[test]
fn debugmallocstats_free_lists_match_python() {
    // A full collection empties the free lists; then five 2-tuples and
    // five lists (three made in the comprehension, and the two outer
    // ones) die onto them, and a dict.
    let script = "import gc, sys\n\
                  gc.collect()\n\
                  t = [(i, i) for i in range(5)]\n\
                  l = [[] for i in range(3)]\n\
                  d = {'a': 1}\n\
                  del t, l, d\n\
                  sys._debugmallocstats()\n";
    let ours = ouro(&["-c", script], None, None);
    assert_eq!(ours.code(), 0, "{}", ours.dump());
    let lines = free_list_lines(&ours.stderr);
    assert_eq!(lines.len(), 23, "{}", ours.dump());
    assert_eq!(lines[0], "1 free PyDictObjects");
    assert_eq!(lines[2], "5 free PyListObjects");
    assert_eq!(lines[4], "5 free 2-sized PyTupleObjects");
    let theirs = python3(&["-c", script], None, None);
    assert_eq!(free_list_lines(&theirs.stderr), lines, "{}", theirs.dump());
}
