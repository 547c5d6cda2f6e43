// The processes of an n8n queue-mode deployment, each started the way an operator would start
// it, and a small Postgres client (psql) for counting what n8n wrote.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';

const pause = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits until `ready()` holds, checking every `every` ms; fails with `what` after `timeoutMs`. */
export async function until(ready, what, { timeoutMs = 120_000, every = 200 } = {}) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await ready();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
		await pause(every);
	}
}

async function answers(url) {
	try {
		return (await fetch(url)).status === 200;
	} catch {
		return false;
	}
}

/**
 * One n8n process (`start`, `worker` or `webhook`) in its own process group, its output appended
 * to `logFile` (a restart keeps the earlier lines). Ready when `isReady(logText)` holds.
 */
export class N8nProcess {
	constructor({ name, bin, command, args = [], env, cwd, logFile, isReady }) {
		Object.assign(this, {
			name,
			bin,
			command,
			args,
			env,
			cwd,
			logFile,
			isReady,
		});
		this.child = undefined;
		this.starts = 0;
	}

	log() {
		return fs.existsSync(this.logFile) ? fs.readFileSync(this.logFile, 'utf8') : '';
	}

	async start(timeoutMs = 180_000) {
		const log = fs.openSync(this.logFile, 'a');
		const offset = this.log().length;
		this.child = spawn(this.bin, [this.command, ...this.args], {
			env: this.env,
			cwd: this.cwd,
			stdio: ['ignore', log, log],
			detached: true,
		});
		this.starts++;
		// For scripts/n8n/queue.sh's backstop, should this driver itself be killed.
		fs.writeFileSync(this.logFile.replace(/\.log$/, '.pid'), String(this.child.pid));
		const child = this.child;
		await until(
			async () => {
				if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}: ${this.log().slice(-2000)}`);
				return this.isReady(this.log().slice(offset));
			},
			`${this.name} to be ready`,
			{ timeoutMs, every: 250 },
		);
	}

	async stop() {
		const child = this.child;
		if (!child || child.exitCode !== null || child.signalCode !== null) return;
		const exited = new Promise((r) => child.once('exit', r));
		process.kill(-child.pid, 'SIGTERM');
		await Promise.race([exited, pause(30_000)]);
		if (child.exitCode === null && child.signalCode === null) {
			process.kill(-child.pid, 'SIGKILL');
			await exited;
		}
	}

	async restart() {
		await this.stop();
		await this.start();
	}
}

export const readiness = {
	main: (text) => text.includes('Editor is now accessible'),
	worker: (port) => () => answers(`http://127.0.0.1:${port}/healthz/readiness`),
	// /healthz answers before the webhook process has loaded its expression engine and database pool.
	webhook: (text) => text.includes('Webhook listener waiting for requests'),
};

/** psql against the test's database: rows of tab-separated text. */
export function sql(db, query) {
	const out = execFileSync('psql', ['-h', '127.0.0.1', '-p', String(db.port), '-U', db.user, '-d', db.database, '-At', '-F', '\t', '-c', query], {
		encoding: 'utf8',
		maxBuffer: 512 * 1024 * 1024,
		env: { ...process.env, PGPASSWORD: db.password },
	});
	return out
		.split('\n')
		.filter((l) => l.length > 0)
		.map((l) => l.split('\t'));
}
