#!/usr/bin/env bash
# npm run build: `n8n-node build` (clean, plain tsc, copy icons) in each package folder, as n8n's
# own tool builds a community package. The output is printed only when a build fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
for dir in "$root"/packages/*/; do
	name="$(basename "$dir")"
	if ! out="$(cd "$dir" && CI=true n8n-node build 2>&1)"; then
		echo "FAIL n8n-node build packages/$name"
		echo "$out"
		exit 1
	fi
	echo "built packages/$name ($(find "$dir/dist" -type f | wc -l) files)"
done
