#!/usr/bin/env bash
# npm test, the whole suite: build each package with n8n-node, lint each with n8n-node lint
# (strict), type-check, the scanner's offline legs and the tarball file lists, the GitHub
# workflow files, then the engine tests under Node 24.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
run() { bash scripts/node24.sh "$@"; }
start=$(date +%s)
echo "== build"; run npm run --silent build
echo "== lint"; run npm run --silent lint
echo "== typecheck"; run npm run --silent typecheck
echo "== community package scanner (offline legs) and tarball file lists"; run node scripts/scan.mjs
echo "== GitHub workflow files"; run node scripts/check-workflows.mjs
echo "== tests"; run jest --ci "$@"
echo "Suite wall time: $(( $(date +%s) - start )) s"
