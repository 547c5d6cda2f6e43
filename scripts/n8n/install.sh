#!/usr/bin/env bash
# Installs n8n into .cache (cached between runs, not committed): by default the 2.x line under
# the project's Node 24 into .cache/n8n; with the argument `1`, the newest 1.x line under the
# machine's own Node 20 into .cache/n8n1 (the compatibility run). Install scripts stay off (a
# Kafka client's native build fails here and n8n does not need it); sqlite3 and isolated-vm are
# rebuilt, as ../shared/runtime.md records.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
if [ "${1:-2}" = 1 ]; then
	dir="$root/.cache/n8n1"
	version="1.123.81"
	run=()
	# n8n 1.x takes xlsx as a tarball from cdn.sheetjs.com, which is not the npm registry (and not
	# reachable from CI); the registry's last xlsx stands in (only the spreadsheet nodes use it).
	manifest='{"name":"n8n-local","private":true,"overrides":{"xlsx":"0.18.5"}}'
	# isolated-vm 6 does not compile against Node 20's headers; n8n 1.x loads it only on demand.
	rebuild=(sqlite3)
else
	dir="$root/.cache/n8n"
	version="2.41.1"
	run=(bash "$root/scripts/node24.sh")
	manifest='{"name":"n8n-local","private":true}'
	rebuild=(sqlite3 isolated-vm)
fi
if [ -x "$dir/node_modules/.bin/n8n" ] && [ -f "$dir/.installed-$version" ]; then exit 0; fi
mkdir -p "$dir"
echo "$manifest" > "$dir/package.json"
cd "$dir"
echo "Installing n8n@$version into ${dir#"$root"/} (a few minutes, once) ..."
# npm prints nothing until it is done: show how far it has come every 15 s.
(
	started=$(date +%s)
	while sleep 15; do
		size=$(du -sm "$dir/node_modules" 2>/dev/null | cut -f1 || true)
		echo "  ... $(( $(date +%s) - started )) s, ${size:-0} MB of n8n's modules so far (about 2,900 MB in all)"
	done
) &
progress=$!
trap 'kill $progress 2>/dev/null || true' EXIT
"${run[@]}" npm install --ignore-scripts --no-audit --no-fund --loglevel=error "n8n@$version"
kill $progress 2>/dev/null || true
"${run[@]}" npm rebuild "${rebuild[@]}" --loglevel=error
touch "$dir/.installed-$version"
