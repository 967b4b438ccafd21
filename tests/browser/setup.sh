#!/bin/sh
# Prepares the browser tests: Debian's chromium and the pinned playwright-core.
# Idempotent: run it as often as you like. Playwright never downloads a
# browser here (we use playwright-core with executablePath /usr/bin/chromium).
set -eu

here=$(cd "$(dirname "$0")" && pwd)

if [ ! -x /usr/bin/chromium ]; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=
    elif command -v sudo >/dev/null 2>&1; then
        SUDO=sudo
    else
        echo "setup.sh: /usr/bin/chromium is missing; run this script as root (or with sudo available) to install it" >&2
        exit 1
    fi
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi

cd "$here"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
echo "setup.sh: ready ($(/usr/bin/chromium --version 2>/dev/null || echo chromium))"
