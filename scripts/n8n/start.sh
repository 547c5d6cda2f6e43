#!/usr/bin/env bash
# npm run start:n8n: a real n8n 2.x on http://127.0.0.1:5678 with the four packages installed from
# their packed tarballs (as a user installs them), the four API simulators running beside it,
# credentials for them and every package's example workflows.
# n8n's user folder is outside the repository (N8N_AGENT_SUITE_HOME, default
# ~/.cache/n8n-agent-suite/home), as a user's ~/.n8n is: inside it, the installed packages would
# resolve the repository's own development copy of n8n-workflow.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
step() { echo "[start:n8n $(date +%H:%M:%S)] $*"; }
step "1/6 Node 24 and the dev dependencies"
npm run --silent setup
step "2/6 n8n 2.x (the first time only: several minutes, progress below)"
bash scripts/n8n/install.sh
step "3/6 building the four packages and the simulators"
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.e2e.json
home="${N8N_AGENT_SUITE_HOME:-$HOME/.cache/n8n-agent-suite/home}"
nodes="$home/.n8n/nodes"
step "4/6 installing the packed packages into $nodes"
mkdir -p "$nodes"
[ -f "$nodes/package.json" ] || echo '{"name":"installed-nodes","private":true}' > "$nodes/package.json"
tarballs=()
for dir in packages/*/; do
	tarballs+=("$root/.cache/$(cd "$dir" && npm pack --silent --pack-destination "$root/.cache" | tail -1)")
done
(cd "$nodes" && npm install "${tarballs[@]}" --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error)
export N8N_USER_FOLDER="$home" N8N_LISTEN_ADDRESS=127.0.0.1
# Quiet, offline-friendly n8n: no lookups of n8n's own hosts (telemetry, version checks,
# templates, the community node catalog, the MCP registry), which fail without the internet and
# fill the log with stack traces, and no deprecation notices for defaults; the same settings as
# the end-to-end run, in one file.
set -a
. "$root/scripts/n8n/offline.env"
set +a
n8n="$root/.cache/n8n/node_modules/.bin/n8n"
step "5/6 the four API simulators on 127.0.0.1:41801-41804"
bash scripts/node24.sh node .cache/e2e-build/e2e/start-sims.js >/dev/null &
sims=$!
trap 'kill $sims 2>/dev/null || true' EXIT INT TERM
step "6/6 credentials and example workflows"
bash scripts/node24.sh "$n8n" import:credentials --input="$root/test/e2e/credentials.json" >/dev/null
for dir in packages/*/examples; do bash scripts/node24.sh "$n8n" import:workflow --separate --input="$root/$dir" >/dev/null; done
bash scripts/node24.sh "$n8n" import:workflow --separate --input="$root/templates" >/dev/null
echo
echo "n8n is starting on http://127.0.0.1:5678; the login follows once it is ready."
echo "Credentials for the simulators are ready: AgentRef, Prefactor, SignTraker, Open To Close and OpenAI simulator (a scripted chat model on 41805)."
echo "Example workflows and the real-estate template (templates/) are imported. Ctrl+C stops n8n and the simulators."
echo "Examples that wait for an event: in a second terminal, npm run sim:event -- agentref conversion.created"
echo "  (npm run sim:event lists every event; npm run mcp:try -- agentref tries an MCP server example)."
bash scripts/node24.sh node scripts/n8n/owner.mjs http://127.0.0.1:5678 &
bash scripts/node24.sh "$n8n" start
