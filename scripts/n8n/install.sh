#!/usr/bin/env bash
# Installs n8n into .cache (cached between runs, not committed): by default the 2.x line under
# the project's Node 24 into .cache/n8n; with the argument `1`, the 1.x line under the machine's
# own Node 20 into .cache/n8n1 (the compatibility run). The versions are the one setting in
# scripts/n8n/versions.json. Install scripts stay off (a Kafka client's native build fails here
# and n8n does not need it); sqlite3 and isolated-vm are rebuilt, as ../shared/runtime.md records.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
setting() { node -p "require('$root/scripts/n8n/versions.json')['$1']"; }
if [ "${1:-2}" = 1 ]; then
	dir="$root/.cache/n8n1"
	version="$(setting n8n1)"
	run=()
	# n8n 1.x takes xlsx as a tarball from cdn.sheetjs.com, which is not the npm registry (and not
	# reachable from CI); the registry's last xlsx stands in (only the spreadsheet nodes use it).
	manifest='{"name":"n8n-local","private":true,"overrides":{"xlsx":"0.18.5"}}'
	# isolated-vm 6 does not compile against Node 20's headers; n8n 1.x loads it only on demand.
	rebuild=(sqlite3)
else
	dir="$root/.cache/n8n"
	version="$(setting n8n)"
	run=(bash "$root/scripts/node24.sh")
	manifest="{\"name\":\"n8n-local\",\"private\":true,\"dependencies\":{\"n8n\":\"$version\"}}"
	rebuild=(sqlite3 isolated-vm)
	# The tree the end-to-end runs tested, resolved once: npm ci then fetches only the packages'
	# files, not the ~1,800 package manifests (about 680 MB, and minutes, of a plain install).
	lock="$root/scripts/n8n/n8n-$version.lock.json"
fi
if [ -x "$dir/node_modules/.bin/n8n" ] && [ -f "$dir/.installed-$version" ]; then exit 0; fi
mkdir -p "$dir"
echo "$manifest" > "$dir/package.json"
cd "$dir"
echo "Installing n8n@$version into ${dir#"$root"/}, once (the README's first run says how long it took and how much disk it takes)."
# npm prints nothing until it is done: npm-progress.mjs says what it is doing every 10 s.
if [ -n "${lock:-}" ] && [ -f "$lock" ]; then
	cp "$lock" "$dir/package-lock.json"
	"${run[@]}" node "$root/scripts/n8n/lock-registry.mjs" "$dir/package-lock.json" "$("${run[@]}" npm config get registry)"
	"${run[@]}" node "$root/scripts/n8n/npm-progress.mjs" "$dir" npm ci --ignore-scripts --no-audit --no-fund
else
	"${run[@]}" node "$root/scripts/n8n/npm-progress.mjs" "$dir" npm install --ignore-scripts --no-audit --no-fund --save-exact "n8n@$version"
	# A new 2.x version: keep its tree for the next installs once the end-to-end run passes on it.
	[ -z "${lock:-}" ] || echo "  (no ${lock#"$root"/}: after npm run test:e2e passes, copy $dir/package-lock.json there and strip its registry addresses: node scripts/n8n/lock-registry.mjs ${lock#"$root"/} --strip)"
fi
echo "  rebuilding the native modules n8n needs here: ${rebuild[*]}"
"${run[@]}" npm rebuild "${rebuild[@]}" --loglevel=error
if [ "${1:-2}" != 1 ]; then
	# n8n's own n8n-core and n8n-workflow must be the ones the tests run against (package.json).
	for lib in n8n-core n8n-workflow; do
		want="$(setting "$lib")"
		got="$(node -p "require('$dir/node_modules/$lib/package.json').version")"
		if [ "$got" != "$want" ]; then
			echo "n8n@$version brought $lib $got, but scripts/n8n/versions.json (and package.json) say $want: update both" >&2
			exit 1
		fi
	done
fi
if [ "${1:-2}" != 1 ]; then
	# Source maps only serve debugging n8n itself: about 62,000 files, 0.5 GB. n8n 2.x runs without
	# them (the end-to-end run, editor included, passes on such an install).
	before="$(du -sm node_modules | cut -f1)"
	find node_modules -type f -name '*.map' -delete
	echo "  removed n8n's source maps: node_modules ${before} MB -> $(du -sm node_modules | cut -f1) MB"
fi
touch "$dir/.installed-$version"
