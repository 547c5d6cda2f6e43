#!/usr/bin/env bash
# npm run lint: `n8n-node lint` (strict mode, the template eslint config) from each package's own
# folder, exactly as a package author runs it, then the same rules on the shared helpers' source.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
status=0
for dir in "$root"/packages/*/; do
	name="$(basename "$dir")"
	if out="$(cd "$dir" && n8n-node lint 2>&1)"; then
		echo "PASS n8n-node lint (strict) packages/$name"
	else
		echo "FAIL n8n-node lint (strict) packages/$name"
		echo "$out"
		status=1
	fi
done
if (cd "$root" && eslint nodes); then echo "PASS eslint nodes/shared (the helpers' source)"; else status=1; fi
exit $status
