#!/usr/bin/env bash
# Installs n8n 2.x into .cache/n8n under the project's Node 24 (cached between runs, not
# committed). Install scripts stay off (a Kafka client's native build fails here and n8n does
# not need it); sqlite3 and isolated-vm are rebuilt, as ../shared/runtime.md records.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
dir="$root/.cache/n8n"
version="2.41.1"
if [ -x "$dir/node_modules/.bin/n8n" ] && [ -f "$dir/.installed-$version" ]; then exit 0; fi
mkdir -p "$dir"
echo '{"name":"n8n-local","private":true}' > "$dir/package.json"
cd "$dir"
echo "Installing n8n@$version into .cache/n8n (a few minutes, once) ..."
bash "$root/scripts/node24.sh" npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version"
bash "$root/scripts/node24.sh" npm rebuild sqlite3 isolated-vm --loglevel=error
touch "$dir/.installed-$version"
