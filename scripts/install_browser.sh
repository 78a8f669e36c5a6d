#!/usr/bin/env bash
# Install Debian's Chromium for the browser tests (idempotent).
# Playwright drives it via executable_path=/usr/bin/chromium; we never run
# `playwright install` (no browser downloads are possible here).
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
    echo "chromium already installed: $(command -v chromium)"
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "install_browser.sh: need root to apt-get install chromium (run as root)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium fonts-dejavu-core
echo "chromium installed: $(command -v chromium)"
