#!/usr/bin/env bash
# npm run test:e2e: the packed package in a fresh, real n8n 2.x, running the example workflows.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
bash scripts/n8n/install.sh
bash scripts/chromium.sh
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.e2e.json
bash scripts/node24.sh node test/e2e/run-e2e.mjs
