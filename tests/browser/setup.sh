#!/bin/sh
# Prepares the browser tests: Debian's chromium and the pinned playwright-core.
# Idempotent: run it as often as you like. Playwright never downloads a
# browser here (we use playwright-core with executablePath /usr/bin/chromium).
set -eu

here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -ne 0 ]; then
        echo "setup.sh: /usr/bin/chromium is missing; run this script as root to install it" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update
    apt-get install -y chromium
fi

cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "setup.sh: ready ($(/usr/bin/chromium --version 2>/dev/null || echo chromium))"
