// Checks the GitHub workflow files with action-validator (GitHub's workflow schema, from the npm
// registry), then what publishing needs: the publish workflow may mint an OIDC token (npm
// provenance) and publishes through n8n-node release, which sets NPM_CONFIG_PROVENANCE in CI.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, '.github', 'workflows');
let failed = 0;
const report = (ok, what, detail = '') => {
	if (!ok) failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
};
for (const file of fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) {
	try {
		execFileSync('action-validator', [path.join(dir, file)], { encoding: 'utf8', stdio: 'pipe' });
		report(true, `action-validator .github/workflows/${file}`);
	} catch (error) {
		report(false, `action-validator .github/workflows/${file}`, `${error.stdout ?? ''}${error.stderr ?? ''}`);
	}
}
const publish = fs.readFileSync(path.join(dir, 'publish.yml'), 'utf8');
report(/id-token:\s*write/.test(publish), 'publish.yml may mint the OIDC token npm provenance needs (id-token: write)');
report(/n8n-node release/.test(publish), 'publish.yml publishes through n8n-node release (lint, build, npm publish with provenance)');
report(/'n8n-nodes-\*@\*'/.test(publish), 'publish.yml runs on per-package tags <package>@<version>');
const ci = fs.readFileSync(path.join(dir, 'ci.yml'), 'utf8');
report(/run: npm test\b/.test(ci), 'ci.yml runs the README test command (npm test)');
process.exit(failed ? 1 : 0);
