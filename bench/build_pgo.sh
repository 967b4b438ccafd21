#!/usr/bin/env bash
# Builds ouro with profile-guided optimisation, the way CPython's optimised
# builds are made (`./configure --enable-optimizations` trains on CPython's
# own test suite): an instrumented build runs every case program in
# tests/cases (never the benchmarks, so the timings are not of the training
# programs), the profile is merged, and a second build uses it.
#
#     bench/build_pgo.sh            # -> target/pgo/release/ouro
#     python3 bench/run.py --ouro target/pgo/release/ouro
#
# Needs `llvm-profdata` of the compiler's own LLVM: the `llvm-tools` rustup
# component, installed here if missing. Takes two release builds (a few
# minutes on two cores).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

host=$(rustc -vV | sed -n 's/^host: //p')
profdata="$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata"
if [[ ! -x $profdata ]]; then
    rustup component add llvm-tools
fi

out=$root/target/pgo
data=$out/profiles
rm -rf "$data"
mkdir -p "$data"

echo "==> instrumented build" >&2
RUSTFLAGS="-Cprofile-generate=$data" CARGO_TARGET_DIR=$out/instrumented \
    cargo build --release -p ouro-cli

echo "==> training on tests/cases" >&2
trained=0
while IFS= read -r case; do
    # As the case runner runs them: from the repository root, no stdin.
    timeout 60 "$out/instrumented/release/ouro" "$case" >/dev/null 2>&1 </dev/null || true
    trained=$((trained + 1))
done < <(find tests/cases -name '*.py' | sort)
echo "    $trained programs" >&2

"$profdata" merge -o "$out/ouro.profdata" "$data"

echo "==> optimised build" >&2
RUSTFLAGS="-Cprofile-use=$out/ouro.profdata" CARGO_TARGET_DIR=$out \
    cargo build --release -p ouro-cli
echo "$out/release/ouro" >&2
