#!/usr/bin/env bash
# Sets up a fresh clone: system packages the app and its tests use (Chromium
# for web mode, export and end-to-end tests; poppler, qpdf and Ghostscript as
# independent PDF readers in tests; PostgreSQL, whose binaries the desk tests
# use to start their own servers), then the npm packages, then the build.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v pdftotext >/dev/null 2>&1 || need_apt+=(poppler-utils)
command -v qpdf >/dev/null 2>&1 || need_apt+=(qpdf)
command -v gs >/dev/null 2>&1 || need_apt+=(ghostscript)
need_pg=0
compgen -G '/usr/lib/postgresql/*/bin/pg_ctl' >/dev/null || { need_apt+=(postgresql); need_pg=1; }
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${need_apt[*]}"
    # PostgreSQL: no default cluster and no system service; the desk tests
    # initdb and pg_ctl their own servers in temporary folders.
    own_policy=0
    if [ "$need_pg" = 1 ]; then
      mkdir -p /etc/postgresql-common
      [ -e /etc/postgresql-common/createcluster.conf ] || echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
    fi
    if [ "$need_pg" = 1 ] && [ ! -e /usr/sbin/policy-rc.d ]; then
      printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && own_policy=1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    if [ "$own_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi
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
