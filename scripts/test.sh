#!/usr/bin/env bash
# Quick start, command 2: every check and every test, from a bare machine.
# Lint, type-check, all jest tests of all packages, then the browser tests
# (Playwright in Debian's Chromium) against a freshly started portal and
# emulator, including a boot of the backend on PostgreSQL and Redis with the
# production configuration. Ends with one line: `N passed, N failed`.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
setup_toolchain
install_dependencies
cd "$ROOT"

ensure_chromium() {
  local bin="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [[ -x $bin ]] && return 0
  if command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    log "Installing Debian's chromium for the browser tests…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null 2>&1; }
  fi
  [[ -x $bin ]] || { log "No Chromium at $bin and it could not be installed (set CHROMIUM_PATH)."; return 1; }
}

ensure_postgres() {
  # The scaffolder, emulator and production tests use a real PostgreSQL.
  if ! (echo > /dev/tcp/127.0.0.1/5432) 2>/dev/null && command -v pg_ctlcluster >/dev/null; then
    log "Starting the local PostgreSQL…"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
  fi
}

ensure_redis() {
  # The replica tests and the production configuration share a Redis cache.
  (echo > /dev/tcp/127.0.0.1/6379) 2>/dev/null && return 0
  if ! command -v redis-server >/dev/null && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    log "Installing Debian's redis-server for the replica tests…"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1 ||
      { apt-get update -q >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q redis-server >/dev/null 2>&1; }
  fi
  command -v redis-server >/dev/null || { log "No redis-server and it could not be installed."; return 1; }
  log "Starting a local Redis (nothing kept on disk)…"
  mkdir -p /tmp/redis-ci
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /tmp/redis-ci --logfile /tmp/redis-ci/redis.log || true
}

rm -rf .reports && mkdir -p .reports
failed_checks=0
# step NAME [--report] CMD…: runs a check. Lint and tsc failures count as one
# failure each; a test runner's failures are counted from its report instead.
step() {
  local name=$1; shift
  local counted=1
  [[ $1 == --report ]] && { counted=0; shift; }
  log "── $name: $*"
  local start=$SECONDS
  if "$@"; then
    log "── $name passed in $((SECONDS - start)) s"
  else
    log "── $name FAILED after $((SECONDS - start)) s"
    failed_checks=$((failed_checks + counted))
  fi
}

ensure_postgres
ensure_redis || failed_checks=$((failed_checks + 1))
step lint yarn lint
step tsc yarn tsc
# CI=true: jest runs once instead of watching.
step unit --report env CI=true yarn test --json --outputFile="$ROOT/.reports/jest.json"
if ensure_chromium; then
  step e2e --report yarn test:e2e
else
  failed_checks=$((failed_checks + 1))
fi

node scripts/lib/summarize-tests.js .reports/jest.json .reports/e2e.json "$failed_checks"
