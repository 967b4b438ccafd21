#!/usr/bin/env python3
"""Compare ouro against python3 on the programs in bench/.

    python3 bench/run.py [--ouro PATH] [--python PATH] [--runs N] [--min] [--cpu] [PROGRAM ...]

Builds nothing: build ouro first (`cargo build --release -p ouro-cli`).
The python3 command is resolved to the binary it runs (`sys.executable`),
so a launcher such as a pyenv shim is not timed.
For each program (default: every bench/*.py except this script) it runs
python3 and ouro alternately N times, checks that every run exits with
status 0 and prints the same stdout as python3's first run, and reports the
median wall time, the ratio ouro/python3, and the peak RSS (max over runs,
the child's VmHWM from /proc, polled every 2 ms while it runs); `--min` reports
the fastest run instead of the median, `--cpu` the child's user + system CPU
time instead of wall time. The last line gives the geometric means
of the ratios over the programs whose outputs matched.

Exit status: 0 if every program matched, 1 if any output differed or any
run failed.
"""

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)


def programs(names):
    if not names:
        return sorted(
            f for f in os.listdir(BENCH)
            if f.endswith(".py") and f != os.path.basename(__file__))
    out = []
    for name in names:
        base = os.path.basename(name)
        if not base.endswith(".py"):
            base += ".py"
        if not os.path.isfile(os.path.join(BENCH, base)):
            sys.exit("no such benchmark: bench/" + base)
        out.append(base)
    return out


def resolve_python(cmd):
    """The interpreter binary behind `cmd`.

    A launcher such as pyenv's `python3` shim is a shell script that costs
    tens of milliseconds of CPU before CPython starts; timing through it would
    flatter ouro. Ask the interpreter for `sys.executable` and run that."""
    try:
        out = subprocess.run(
            [cmd, "-c", "import sys; print(sys.executable)"],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=60, check=True)
    except (OSError, subprocess.SubprocessError):
        return cmd
    path = out.stdout.decode(errors="replace").strip()
    return path if path and os.path.isfile(path) else cmd


def run_once(cmd, program, timeout, cpu=False):
    """Run `cmd bench/program`; return (seconds, peak_rss_kib, status, stdout, stderr).

    Seconds are wall-clock time, or with `cpu` the child's user + system
    CPU time (from wait4), which other load on the machine disturbs less."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [cmd, os.path.join("bench", program)],
            cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err)
        deadline = start + timeout
        hwm = 0
        while True:
            hwm = max(hwm, peak_rss_kib(proc.pid))
            pid, wstatus, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid != 0:
                break
            if time.perf_counter() > deadline:
                proc.kill()
                pid, wstatus, usage = os.wait4(proc.pid, 0)
                wstatus = None
                break
            time.sleep(0.002)
        elapsed = time.perf_counter() - start
        proc.returncode = 0  # reaped by wait4; keep Popen from waiting again
        out.seek(0)
        err.seek(0)
        stdout = out.read()
        stderr = err.read()
    if wstatus is None:
        status = "timeout"
    else:
        status = os.waitstatus_to_exitcode(wstatus)
    # The child's own high-water mark, polled while it ran. ru_maxrss is no
    # good here: Linux carries the parent's (this script's) peak across the
    # fork and exec, so every child seemed to use at least as much as we do.
    peak = hwm if hwm else usage.ru_maxrss
    if cpu:
        elapsed = usage.ru_utime + usage.ru_stime
    return elapsed, peak, status, stdout, stderr


def peak_rss_kib(pid):
    """VmHWM of a running process in KiB (0 if it cannot be read)."""
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def short_diff(expected, actual, limit=10):
    exp = expected.decode(errors="replace").splitlines()
    act = actual.decode(errors="replace").splitlines()
    lines = []
    for i in range(max(len(exp), len(act))):
        e = exp[i] if i < len(exp) else "<missing>"
        a = act[i] if i < len(act) else "<missing>"
        if e != a:
            lines.append("    line %d: python3 %r" % (i + 1, e))
            lines.append("    line %d: ouro    %r" % (i + 1, a))
            if len(lines) >= 2 * limit:
                lines.append("    ...")
                break
    return "\n".join(lines)


def geomean(values):
    values = [v for v in values if v > 0]
    if not values:
        return float("nan")
    return math.exp(sum(math.log(v) for v in values) / len(values))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ouro", default=os.path.join(ROOT, "target", "release", "ouro"),
                        help="ouro binary (default: target/release/ouro)")
    parser.add_argument("--python", default="python3", help="CPython to compare with")
    parser.add_argument("--runs", type=int, default=5, help="runs per program and interpreter")
    parser.add_argument("--min", action="store_true",
                        help="report the fastest run instead of the median (for loaded machines)")
    parser.add_argument("--cpu", action="store_true",
                        help="time user + system CPU time instead of wall-clock time")
    parser.add_argument("--timeout", type=float, default=300.0,
                        help="seconds before a run is killed")
    parser.add_argument("programs", nargs="*", help="benchmark names (default: all)")
    args = parser.parse_args()

    ouro = args.ouro
    if os.sep in ouro and not os.path.isabs(ouro):
        ouro = os.path.abspath(ouro)
    if os.sep in ouro and not os.path.exists(ouro):
        sys.exit("ouro binary not found: %s (build it: cargo build --release -p ouro-cli)" % ouro)

    python = resolve_python(args.python)
    print("python3: %s" % python, file=sys.stderr)
    interpreters = [("python3", python), ("ouro", ouro)]
    rows = []
    ok = True
    for program in programs(args.programs):
        times = {"python3": [], "ouro": []}
        rss = {"python3": [], "ouro": []}
        reference = None
        problems = []
        for i in range(args.runs):
            for label, cmd in interpreters:
                elapsed, peak, status, stdout, stderr = run_once(
                    cmd, program, args.timeout, args.cpu)
                times[label].append(elapsed)
                rss[label].append(peak)
                print("  %-16s %-7s run %d: %.3f s, %.1f MiB, exit %s"
                      % (program, label, i + 1, elapsed, peak / 1024.0, status),
                      file=sys.stderr)
                if status != 0:
                    tail = stderr.decode(errors="replace").strip().splitlines()[-3:]
                    problems.append("%s run %d exited with %s%s" % (
                        label, i + 1, status,
                        "".join("\n    " + line for line in tail)))
                    continue
                if reference is None:
                    if label == "python3":
                        reference = stdout
                    continue
                if stdout != reference:
                    problems.append("%s run %d printed different output:\n%s"
                                    % (label, i + 1, short_diff(reference, stdout)))
        if problems:
            ok = False
            print("\n!!! MISMATCH in %s !!!" % program)
            # Report each distinct problem once.
            seen = []
            for p in problems:
                if p not in seen:
                    seen.append(p)
                    print("  " + p)
            print()
        pick = min if args.min else statistics.median
        py_t = pick(times["python3"])
        ou_t = pick(times["ouro"])
        py_m = max(rss["python3"]) / 1024.0
        ou_m = max(rss["ouro"]) / 1024.0
        rows.append((program, py_t, ou_t, ou_t / py_t, py_m, ou_m,
                     ou_m / py_m if py_m else float("nan"), not problems))

    header = ("program", "python3 s", "ouro s", "ouro/py", "py MiB", "ouro MiB", "RSS ratio", "")
    fmt = "%-18s %10s %10s %8s %9s %9s %9s  %s"
    print(fmt % header)
    for program, py_t, ou_t, ratio, py_m, ou_m, mratio, matched in rows:
        print(fmt % (program, "%.3f" % py_t, "%.3f" % ou_t, "%.2f" % ratio,
                     "%.1f" % py_m, "%.1f" % ou_m, "%.2f" % mratio,
                     "" if matched else "MISMATCH"))
    good = [r for r in rows if r[7]]
    print(fmt % ("geometric mean", "", "", "%.2f" % geomean([r[3] for r in good]),
                 "", "", "%.2f" % geomean([r[6] for r in good]),
                 "" if len(good) == len(rows) else
                 "(over %d of %d programs; mismatches excluded)" % (len(good), len(rows))))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
