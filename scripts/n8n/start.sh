#!/usr/bin/env bash
# npm run start:n8n: a real n8n 2.x on http://127.0.0.1:5678 with this package installed from
# its packed tarball, the four API simulators running beside it, and credentials for them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
npm run setup
bash scripts/n8n/install.sh
bash scripts/node24.sh npm run --silent build
bash scripts/node24.sh tsc -p tsconfig.e2e.json
home="$root/.cache/n8n-home"
nodes="$home/.n8n/nodes"
mkdir -p "$nodes"
tarball="$(npm pack --silent --pack-destination "$root/.cache" | tail -1)"
[ -f "$nodes/package.json" ] || echo '{"name":"installed-nodes","private":true}' > "$nodes/package.json"
(cd "$nodes" && npm install "$root/.cache/$tarball" --ignore-scripts --legacy-peer-deps --no-audit --no-fund --loglevel=error)
export N8N_USER_FOLDER="$home" N8N_LISTEN_ADDRESS=127.0.0.1 N8N_DIAGNOSTICS_ENABLED=false N8N_PERSONALIZATION_ENABLED=false N8N_RUNNERS_ENABLED=false
n8n="$root/.cache/n8n/node_modules/.bin/n8n"
bash scripts/node24.sh node .cache/e2e-build/e2e/start-sims.js &
sims=$!
trap 'kill $sims 2>/dev/null || true' EXIT INT TERM
bash scripts/node24.sh "$n8n" import:credentials --input="$root/test/e2e/credentials.json" >/dev/null
bash scripts/node24.sh "$n8n" import:workflow --separate --input="$root/examples" >/dev/null
echo
echo "n8n is starting on http://127.0.0.1:5678; the login follows once it is ready."
echo "Credentials for the simulators are ready: AgentRef, Prefactor, SignTraker and Open To Close simulator."
echo "Example workflows are imported. Ctrl+C stops n8n and the simulators."
bash scripts/node24.sh node scripts/n8n/owner.mjs http://127.0.0.1:5678 &
bash scripts/node24.sh "$n8n" start
