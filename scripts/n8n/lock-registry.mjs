// Gives every package of a committed n8n lock the address of its file on the registry this
// machine's npm uses (`npm config get registry`), so that `npm ci` fetches only the packages'
// files, not the ~1,800 manifests it reads to find them. The committed lock names no registry:
// the addresses depend on where the installing machine gets its packages from.
// Usage: node lock-registry.mjs <package-lock.json> <registry URL>
//        node lock-registry.mjs <package-lock.json> --strip   (a new lock, before it is committed)
import fs from 'node:fs';

const [file, registryArg] = process.argv.slice(2);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
if (registryArg === '--strip') {
	for (const entry of Object.values(lock.packages)) delete entry.resolved;
	fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
	process.exit(0);
}
const registry = registryArg.endsWith('/') ? registryArg : `${registryArg}/`;
let added = 0;
for (const [where, entry] of Object.entries(lock.packages)) {
	if (!where || entry.link || entry.resolved || !entry.version) continue;
	// An aliased dependency (`npm:real@x`) is installed under its alias but fetched as `name`.
	const name = entry.name ?? where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length);
	entry.resolved = `${registry}${name}/-/${name.slice(name.lastIndexOf('/') + 1)}-${entry.version}.tgz`;
	added++;
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`  the lock's ${added} packages fetched straight from ${new URL(registry).host}`);
