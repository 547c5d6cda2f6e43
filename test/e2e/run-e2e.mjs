// End-to-end: the packed package installed into a fresh, real n8n 2.x the way a user would,
// its example workflows executed headless by n8n against the simulators, outputs asserted.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const n8n = path.join(root, '.cache/n8n/node_modules/.bin/n8n');
const started = Date.now();
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-'));
const home = path.join(work, 'home');
const env = {
	...process.env,
	N8N_USER_FOLDER: home,
	N8N_DIAGNOSTICS_ENABLED: 'false',
	N8N_PERSONALIZATION_ENABLED: 'false',
	N8N_RUNNERS_ENABLED: 'false',
	N8N_LISTEN_ADDRESS: '127.0.0.1',
};
const results = [];
const check = (name, ok, detail = '') => {
	results.push({ name, ok });
	console.log(`${ok ? 'PASS' : 'FAIL'} ${name}${detail ? ` — ${detail}` : ''}`);
};
const run = (args, opts = {}) => execFileSync(n8n, args, { env, cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts });

// 1. The package as a user gets it: npm pack, then npm install into n8n's nodes folder.
const tarball = execFileSync('npm', ['pack', '--silent', '--pack-destination', work], { cwd: root, encoding: 'utf8' }).trim().split('\n').pop();
fs.mkdirSync(path.join(home, '.n8n', 'nodes'), { recursive: true });
fs.writeFileSync(path.join(home, '.n8n', 'nodes', 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true }));
execFileSync('npm', ['install', path.join(work, tarball), '--ignore-scripts', '--legacy-peer-deps', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: path.join(home, '.n8n', 'nodes'), stdio: 'inherit' });

// 2. The simulators on their fixed ports.
const sims = spawn(process.execPath, [path.join(root, '.cache/e2e-build/e2e/start-sims.js')], { stdio: ['ignore', 'pipe', 'inherit'] });
await new Promise((resolve) => sims.stdout.once('data', resolve));

try {
	run(['import:credentials', `--input=${path.join(root, 'test/e2e/credentials.json')}`]);
	run(['import:workflow', '--separate', `--input=${path.join(root, 'examples')}`]);
	const execute = (id) => {
		const out = run(['execute', `--id=${id}`, '--rawOutput']);
		// n8n prints a few log lines before the pretty-printed result, which starts with a lone '{'.
		const start = out.search(/^\{$/m);
		if (start < 0) throw new Error(`no JSON in n8n output: ${out.slice(-1500)}`);
		const json = JSON.parse(out.slice(start));
		return { status: json.status, runData: json.data.resultData.runData, error: json.data.resultData.error };
	};
	const items = (runData, node) => (runData[node]?.[0]?.data?.main?.[0] ?? []).map((i) => i.json);

	const list = execute('e2eAgentRefList');
	const programs = items(list.runData, 'Get Many Programs');
	check('list with Return All', list.status === 'success' && programs.map((p) => p.id).join() === 'prog_1,prog_2,prog_3', `${programs.length} programs`);

	const createGet = execute('e2eAgentRefCreateGet');
	const got = items(createGet.runData, 'Get Program')[0] ?? {};
	check('create then get', createGet.status === 'success' && got.name === 'E2E Program' && got.currency === 'EUR' && got.readiness === 'ready', JSON.stringify({ id: got.id, name: got.name }));

	const cof = execute('e2eAgentRefContinue');
	const failed = items(cof.runData, 'Get Missing Program')[0] ?? {};
	check('API error handled with continue-on-fail', cof.status === 'success' && failed.error?.message === 'Program not found: no_such_program' && failed.error?.httpStatus === 404, JSON.stringify(failed.error));

	const all = execute('e2eAllServices');
	const ping = items(all.runData, 'Prefactor Ping')[0] ?? {};
	const enterprises = items(all.runData, 'SignTraker Enterprises');
	const teams = items(all.runData, 'Open To Close Teams');
	check('every node type loaded; Prefactor, SignTraker and Open To Close answer in real n8n', all.status === 'success' && ping.token_type === 'api' && enterprises.length === 2 && teams.length === 2, `${enterprises.length} enterprises, ${teams.length} teams`);
} catch (error) {
	check('n8n CLI run', false, String(error.stderr ?? error.message).slice(0, 2000));
} finally {
	sims.kill('SIGTERM');
	fs.rmSync(work, { recursive: true, force: true });
}
const failedCount = results.filter((r) => !r.ok).length;
console.log(`e2e wall time: ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${results.length - failedCount} passed, ${failedCount} failed`);
process.exit(failedCount ? 1 : 0);
