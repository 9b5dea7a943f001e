#!/usr/bin/env bash
# Quick start, command 1: the portal with the local Confluent emulator.
# Brings Node 24 and Yarn 4 if needed, installs dependencies when they
# changed, then runs `yarn start` (emulator on :8090, backend on :7007,
# frontend on http://localhost:3000).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/toolchain.sh"
setup_toolchain
install_dependencies
cd "$ROOT"
log "Starting the portal on http://localhost:3000 (Ctrl-C stops it)…"
exec yarn start
