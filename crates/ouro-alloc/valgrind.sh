#!/usr/bin/env bash
# Runs the deterministic heap churn (tests/heap_churn.rs) under valgrind's
# memcheck. Exits non-zero on any memcheck error or leak (definite, indirect
# or possible), or if the churn itself fails.
#
# What memcheck can see here: invalid reads/writes outside our mappings and
# allocations, use of uninitialised memory (e.g. a free-list link read before
# it was written), bad frees, and leaked large blocks or arenas. What it
# cannot see: misuse *inside* an arena (it treats mmapped arenas as plain
# memory), which the model and invariant checks of the test suite cover.
#
# Usage: crates/ouro-alloc/valgrind.sh   (HEAP_CHURN_SCALE=N scales the work;
# the default, 4, takes a few seconds)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v valgrind >/dev/null; then
    echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
    exit 2
fi

# Build the test binary (dev profile: debug assertions on) and find it.
exe=$(cargo test -p ouro-alloc --test heap_churn --no-run --message-format=json \
    | grep -o '"executable":"[^"]*heap_churn[^"]*"' | tail -n 1 | cut -d '"' -f 4)
if [[ ! -x "$exe" ]]; then
    echo "valgrind.sh: could not build the heap_churn test" >&2
    exit 2
fi

exec valgrind \
    --tool=memcheck \
    --error-exitcode=1 \
    --leak-check=full \
    --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$exe"
