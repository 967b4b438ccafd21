#!/usr/bin/env bash
# Runs the deterministic object-heap workout (tests/heap_valgrind.rs) under
# valgrind's memcheck. Exits non-zero on any memcheck error or leak
# (definite, indirect or possible), or if the workout's own checks fail.
#
# What memcheck can see: invalid accesses outside the allocator's arenas
# (payload buffers of the system allocator, large blocks), use of
# uninitialised memory, bad frees, leaks. What it cannot see: a use after
# free *inside* an arena (pool blocks are plain mapped memory to it); the
# live-count and block-count checks of the workout cover leaks there.
#
# Usage: crates/ouro-heap/tests/valgrind.sh
# (.ci/run looks for crates/ouro-heap/valgrind.sh: move or link it there.)
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v valgrind >/dev/null; then
    echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
    exit 2
fi

exe=$(cargo test -p ouro-heap --test heap_valgrind --no-run --message-format=json \
    | grep -o '"executable":"[^"]*heap_valgrind[^"]*"' | tail -n 1 | cut -d '"' -f 4)
if [[ ! -x "$exe" ]]; then
    echo "valgrind.sh: could not build the heap_valgrind test" >&2
    exit 2
fi

exec valgrind \
    --tool=memcheck \
    --error-exitcode=1 \
    --leak-check=full \
    --show-leak-kinds=definite,indirect,possible \
    --errors-for-leak-kinds=definite,indirect,possible \
    "$exe"
