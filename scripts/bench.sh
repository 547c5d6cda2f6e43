#!/usr/bin/env bash
# npm run bench: build, compile the benchmark with the simulators, run it under Node 24.
# The comparisons need n8n's HTTP Request node: scripts/n8n/install.sh caches n8n (with
# n8n-nodes-base) at the tested version in .cache/n8n once, as the end-to-end run does.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
out="${BENCH_OUT:-.cache/bench}"
bash scripts/n8n/install.sh
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.bench.json --outDir "$out"
bash scripts/node24.sh node "$out/scripts/bench.js"
