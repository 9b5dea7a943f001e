#!/usr/bin/env bash
# Sourced by scripts/start.sh and scripts/test.sh. Brings Node 22/24 and Yarn 4
# when the machine lacks them, then installs dependencies when the lockfile or
# a package manifest changed. Everything it brings lives in the ignored .tools/.
#
# Traps this avoids (measured on Node-20-only machines):
# - Backstage needs Node 22 or 24; we fetch Node 24 from the npm registry
#   (node-<os>-<arch>) rather than from nodejs.org, which may be unreachable.
# - Native addons (better-sqlite3) must build against that Node's headers, so
#   npm_config_nodedir points at it; the machine's npm config may point at
#   Node 20's headers instead.
# - Yarn is the pinned @yarnpkg/cli-dist from the registry; no corepack and no
#   committed .yarn/releases. Its registry comes from `npm config get registry`.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TOOLS="$ROOT/.tools"
YARN_VERSION="$(sed -n 's/.*"packageManager": *"yarn@\([^"]*\)".*/\1/p' "$ROOT/package.json")"

log() { printf '\033[1;36m[setup]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }

command -v npm >/dev/null || die "npm is required (it ships with any Node.js)."

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

ensure_tools_installed() {
  # $1: npm package spec to have in .tools; installs all pins in one npm call.
  mkdir -p "$TOOLS"
  local os arch
  os="$(node -p process.platform)"; arch="$(node -p process.arch)"
  cat >"$TOOLS/package.json" <<JSON
{ "private": true, "dependencies": {
  "@yarnpkg/cli-dist": "$YARN_VERSION"$( [[ ${NEED_NODE:-0} == 1 ]] && printf ',\n  "node-%s-%s": "24"' "$os" "$arch" ) } }
JSON
  if ! cmp -s "$TOOLS/package.json" "$TOOLS/.installed" 2>/dev/null; then
    log "Fetching the toolchain into .tools/ (Yarn $YARN_VERSION$( [[ ${NEED_NODE:-0} == 1 ]] && echo ', Node 24'))"
    (cd "$TOOLS" && npm install --no-audit --no-fund --no-package-lock --loglevel=error >/dev/null) \
      || die "Could not install the toolchain from the npm registry."
    cp "$TOOLS/package.json" "$TOOLS/.installed"
  fi
}

setup_toolchain() {
  NEED_NODE=0
  local sys_node
  sys_node="$(command -v node || true)"
  if [[ -z $sys_node || $(node_major "$sys_node") -lt 22 ]]; then NEED_NODE=1; fi
  ensure_tools_installed

  if [[ $NEED_NODE == 1 ]]; then
    local nodedir
    nodedir="$(ls -d "$TOOLS"/node_modules/node-*-*/ 2>/dev/null | head -n1)"
    nodedir="${nodedir%/}"
    [[ -x $nodedir/bin/node ]] || die "Node 24 did not install into .tools/."
    export PATH="$nodedir/bin:$PATH"
    export npm_config_nodedir="$nodedir"
  else
    local prefix
    prefix="$(cd "$(dirname "$sys_node")/.." && pwd)"
    if [[ -f $prefix/include/node/node.h ]]; then export npm_config_nodedir="$prefix"; fi
  fi

  mkdir -p "$TOOLS/bin"
  cat >"$TOOLS/bin/yarn" <<SH
#!/bin/sh
exec node "$TOOLS/node_modules/@yarnpkg/cli-dist/bin/yarn.js" "\$@"
SH
  chmod +x "$TOOLS/bin/yarn"
  export PATH="$TOOLS/bin:$PATH"

  YARN_NPM_REGISTRY_SERVER="$(npm config get registry 2>/dev/null)"
  export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"
  export YARN_ENABLE_TELEMETRY=0 YARN_ENABLE_PROGRESS_BARS=0 YARN_IGNORE_PATH=1
  log "Node $(node -v), Yarn $(yarn --version)"
}

manifest_checksum() {
  (cd "$ROOT" && cat yarn.lock package.json packages/*/package.json plugins/*/package.json 2>/dev/null; node -v) \
    | node -e 'let d="";process.stdin.on("data",c=>d+=c).on("end",()=>console.log(require("crypto").createHash("sha256").update(d).digest("hex")))'
}

install_dependencies() {
  # Reinstall only when yarn.lock, a package.json or the Node version changed.
  local stamp="$ROOT/node_modules/.install-stamp"
  if [[ -f $stamp && $(cat "$stamp") == "$(manifest_checksum)" ]]; then
    log "Dependencies are up to date."
    return
  fi
  log "Installing dependencies (yarn install)…"
  local flags=()
  [[ -n ${CI:-} ]] && flags+=(--immutable)
  (cd "$ROOT" && yarn install "${flags[@]}") || die "yarn install failed."
  manifest_checksum >"$stamp"
}
