// Runs n8n's community package scanner offline: the same lint legs it runs on a published
// package (the sources, and the packed tarball's compiled .js and package.json). The scanner's
// registry download and provenance check need the network and are not run here.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const scannerPath = path.join(path.dirname(require.resolve('@n8n/scan-community-package/package.json')), 'scanner/scanner.mjs');
const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(scannerPath);

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-'));
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
const unpacked = path.join(work, 'package');
fs.mkdirSync(unpacked);
execFileSync('tar', ['-xzf', path.join(work, tarball), '-C', unpacked, '--strip-components=1']);

const source = await analyzePackage(root, SOURCE_FILE_PATTERNS);
const dist = await analyzePackage(unpacked, ['**/*.js', 'package.json']);
for (const [leg, result] of [['source', source], [`tarball ${tarball}`, dist]]) {
	console.log(`${result.passed ? 'PASS' : 'FAIL'} scanner (${leg})${result.message ? `: ${result.message}` : ''}`);
	if (result.details) console.log(result.details);
}
fs.rmSync(work, { recursive: true, force: true });
process.exit(source.passed && dist.passed ? 0 : 1);
