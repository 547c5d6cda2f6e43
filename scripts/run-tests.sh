#!/usr/bin/env bash
# The whole test suite: build, n8n's lint rules, type check, then the engine tests under Node 24.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run() { bash scripts/node24.sh "$@"; }
start=$(date +%s)
echo "== build"; run npm run --silent build
echo "== lint"; run npm run --silent lint
echo "== typecheck"; run npm run --silent typecheck
echo "== community package scanner (offline legs)"; run node scripts/scan.mjs
echo "== tests"; run jest --ci "$@"
echo "Suite wall time: $(( $(date +%s) - start )) s"
