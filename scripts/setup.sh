#!/usr/bin/env bash
# Sets up a fresh clone: system packages the app and its tests use (Chromium
# for web mode, export and end-to-end tests; poppler, qpdf and Ghostscript as
# independent PDF readers in tests), then the npm packages, then the build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
command -v gs >/dev/null 2>&1 || need_apt+=(ghostscript)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need_apt[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "setup: please install these Debian packages first: ${need_apt[*]}" >&2
    exit 1
  fi
fi

# Electron fetches its binary from the internet on install. Where that is not
# reachable the app runs in web mode instead (npm start says so), so the
# download is left to `npm start`, which tries it once.
export ELECTRON_SKIP_BINARY_DOWNLOAD=1
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
