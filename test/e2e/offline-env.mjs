// n8n's settings for a machine without the internet, from their one place (scripts/n8n/offline.env,
// also read by npm run start:n8n): no lookups of n8n's own hosts, no deprecation notices for
// defaults stated there.
import fs from 'node:fs';
import path from 'node:path';

const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'scripts', 'n8n', 'offline.env');

/** The settings as environment variables for n8n of the given line (1 or 2). */
export function offlineEnv(line = 2) {
	const env = Object.fromEntries(
		fs
			.readFileSync(file, 'utf8')
			.split('\n')
			.filter((l) => /^[A-Z0-9_]+=/.test(l))
			.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
	);
	// n8n 1.x has no mcp-registry module, and refuses to start with an unknown one disabled.
	if (line === 1) delete env.N8N_DISABLED_MODULES;
	return env;
}
