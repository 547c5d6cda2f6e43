// Runs an `npm install` and says what it is doing while it works, from the first second: npm
// itself prints nothing until it is done (minutes for n8n). Usage: node npm-progress.mjs <dir> npm
// install ... ; <dir> is the folder whose node_modules fills up. npm runs with --loglevel=http,
// whose lines (one per registry request) are counted, not shown; errors are shown as npm prints them.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const [dir, command, ...args] = process.argv.slice(2);
const started = Date.now();
const counts = { manifests: 0, tarballs: 0 };
const other = [];

/** Bytes received by this machine's network interfaces (loopback excluded), from /proc/net/dev. */
function received() {
	try {
		return fs
			.readFileSync('/proc/net/dev', 'utf8')
			.split('\n')
			.slice(2)
			.map((line) => line.trim().split(/[:\s]+/))
			.filter((f) => f[0] && f[0] !== 'lo')
			.reduce((sum, f) => sum + Number(f[1]), 0);
	} catch {
		return undefined;
	}
}

/** Packages unpacked so far: folders with a package.json directly under node_modules (scopes opened). */
function unpacked() {
	const modules = path.join(dir, 'node_modules');
	let n = 0;
	for (const entry of fs.existsSync(modules) ? fs.readdirSync(modules) : []) {
		if (entry.startsWith('@')) {
			for (const scoped of fs.readdirSync(path.join(modules, entry))) if (fs.existsSync(path.join(modules, entry, scoped, 'package.json'))) n++;
		} else if (fs.existsSync(path.join(modules, entry, 'package.json'))) n++;
	}
	return n;
}

const atStart = received();
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;
function report() {
	const seconds = Math.round((Date.now() - started) / 1000);
	const net = atStart === undefined ? '' : `, ${mb(received() - atStart)} received`;
	const phase = counts.tarballs > 0 ? 'downloading and unpacking' : counts.manifests > 0 ? 'resolving the dependency tree' : 'reading the lock, preparing';
	console.log(`  ${String(seconds).padStart(4)} s  npm: ${phase}: ${counts.manifests} package manifests and ${counts.tarballs} package files fetched${net}; ${unpacked()} packages in node_modules`);
}

const child = spawn(command, [...args, '--loglevel=http'], { stdio: ['ignore', 'inherit', 'pipe'] });
let rest = '';
child.stderr.setEncoding('utf8');
child.stderr.on('data', (chunk) => {
	const lines = (rest + chunk).split('\n');
	rest = lines.pop();
	for (const line of lines) {
		const fetch = /^npm http fetch \w+ \d+ (\S+)/.exec(line);
		if (fetch) counts[/\/-\/[^/]+\.tgz$/.test(fetch[1]) ? 'tarballs' : 'manifests']++;
		else if (!/^npm http /.test(line) && line.trim()) other.push(line);
	}
});
report();
const timer = setInterval(report, 10_000);
child.on('exit', (code, signal) => {
	clearInterval(timer);
	report();
	// npm's warnings and errors, as it printed them (at --loglevel=http it also prints its notices).
	const shown = other.filter((line) => /^npm (error|ERR!)/.test(line) || code !== 0);
	if (shown.length) console.error(shown.join('\n'));
	process.exit(code ?? (signal ? 1 : 0));
});
