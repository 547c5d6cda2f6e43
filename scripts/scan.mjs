// For each package: what n8n's community package scanner can check offline, run the way the
// scanner runs it, plus a check of the tarball's file list.
// - Its source leg: the scanner's own analyzePackage() over the committed package.json, nodes/**
//   and credentials/** beside the package's package.json (the folder the scanner would find in
//   the repository at the attested commit).
// - Its tarball leg: analyzePackage() over the packed tarball's **/*.js and package.json.
// - The file list: only dist/ (compiled code, codex, icons), package.json, README.md,
//   LICENSE.md and CHANGELOG.md; nothing of another service, no TypeScript, tests or maps.
// Not run (they need the npm registry's copy of a published package and GitHub): the download,
// the provenance check and the source download. The scanner exits 0 even when a scan fails, so
// this reads its results instead.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const scannerPath = path.join(path.dirname(require.resolve('@n8n/scan-community-package/package.json')), 'scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const services = { agentref: 'AgentRef', opentoclose: 'OpenToClose', prefactor: 'Prefactor', signtraker: 'SignTraker' };
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
let failed = 0;
const report = (ok, what, detail = '') => {
	if (!ok) failed++;
	console.log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
};

for (const [folder, service] of Object.entries(services)) {
	const dir = path.join(root, 'packages', folder);
	const pack = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }))[0];
	const unpacked = path.join(work, folder);
	fs.mkdirSync(unpacked);
	execFileSync('tar', ['-xzf', path.join(work, pack.filename), '-C', unpacked, '--strip-components=1']);

	const source = await analyzePackage(dir, SOURCE_FILE_PATTERNS);
	report(source.passed, `scanner source leg ${pack.name}`, [source.message, source.details].filter(Boolean).join('\n'));
	const dist = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
	report(dist.passed, `scanner tarball leg ${pack.filename}`, [dist.message, dist.details].filter(Boolean).join('\n'));

	const files = pack.files.map((f) => f.path);
	const others = Object.values(services).filter((s) => s !== service);
	const unexpected = files.filter(
		(f) =>
			!['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'].includes(f) &&
			!/^dist\/(nodes|credentials|icons)\/.+\.(js|json|svg)$/.test(f),
	);
	const foreign = files.filter((f) => others.some((s) => f.includes(`/${s}`) || f.toLowerCase().includes(`/${s.toLowerCase()}.`)));
	const essentials = ['package.json', 'README.md', 'LICENSE.md', 'CHANGELOG.md'].filter((f) => !files.includes(f));
	report(
		unexpected.length === 0 && foreign.length === 0 && essentials.length === 0,
		`tarball file list ${pack.filename}`,
		`${pack.entryCount} files, ${(pack.size / 1024).toFixed(1)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(1)} KiB unpacked` +
			[
				unexpected.length ? `; unexpected: ${unexpected.join(', ')}` : '',
				foreign.length ? `; another service's files: ${foreign.join(', ')}` : '',
				essentials.length ? `; missing: ${essentials.join(', ')}` : '',
			].join(''),
	);
}
fs.rmSync(work, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
