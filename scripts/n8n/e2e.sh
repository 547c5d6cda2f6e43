#!/usr/bin/env bash
# npm run test:e2e: the packed package in a fresh, real n8n 2.x (under Node 24), running the
# example workflows, the server checks and the editor check. With the argument `1`
# (npm run test:e2e:n8n1): the same in the newest n8n 1.x under the machine's own Node 20.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
line="${1:-2}"
bash scripts/n8n/install.sh "$line"
bash scripts/chromium.sh
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.e2e.json
if [ "$line" = 1 ]; then
	node test/e2e/run-e2e.mjs --n8n1
else
	bash scripts/node24.sh node test/e2e/run-e2e.mjs
fi
