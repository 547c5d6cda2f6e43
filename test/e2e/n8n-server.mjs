// A real `n8n start` for the end-to-end run, and a small client for its internal REST API
// (the one the editor uses), signed in as the instance owner.
import { spawn } from 'node:child_process';
import fs from 'node:fs';

export const OWNER = { email: 'e2e@example.com', firstName: 'End', lastName: 'ToEnd', password: 'E2e-Owner-Passw0rd' };

/**
 * n8n's public settings once every REST route is up, else undefined. While n8n migrates its
 * database it answers every path, this one included, with a 200 plain-text "n8n is starting up",
 * and it registers the settings route only after every other controller (the owner setup among
 * them): a bare 200 is not enough, the answer must be the settings' JSON.
 */
export async function restSettings(url) {
	try {
		const response = await fetch(`${url}/rest/settings`);
		if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) return (await response.json()).data;
	} catch {
		// not listening yet
	}
	return undefined;
}

/**
 * Waits for work n8n does in the background (registering a webhook, saving an execution):
 * resolves as soon as `ready()` holds, or after `timeoutMs` (generous, for slow CI machines),
 * with whether it held. The caller's check then says what was missing.
 */
export async function settle(ready, timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await ready()) return true;
		if (Date.now() > deadline) return false;
		await new Promise((r) => setTimeout(r, 250));
	}
}

/** Starts n8n, resolves once its REST API is up (see restSettings); output goes to `logFile`. */
export async function startN8n({ bin, env, cwd, port, logFile, timeoutMs = 180_000 }) {
	const log = fs.openSync(logFile, 'w');
	const child = spawn(bin, ['start'], { env: { ...env, N8N_PORT: String(port) }, cwd, stdio: ['ignore', log, log], detached: true });
	const url = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`n8n exited with ${child.exitCode}: ${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
		if (await restSettings(url)) break;
		if (Date.now() > deadline) throw new Error(`n8n did not answer /rest/settings within ${timeoutMs / 1000} s`);
		await new Promise((r) => setTimeout(r, 500));
	}
	const stop = async () => {
		if (child.exitCode !== null) return;
		process.kill(-child.pid, 'SIGTERM');
		await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 15_000))]);
		if (child.exitCode === null) process.kill(-child.pid, 'SIGKILL');
	};
	return { url, stop, log: () => fs.readFileSync(logFile, 'utf8') };
}

/** The editor's REST API, as the owner. n8n ties its auth cookie to a browser id header. */
export class N8nRest {
	constructor(url) {
		this.url = url;
		this.cookie = '';
		this.browserId = 'e2e-driver';
	}

	/** `path` below /rest, or an absolute one such as /types/nodes.json (which also needs the cookie). */
	async call(method, path, body) {
		const full = path.startsWith('/types/') ? path : `/rest${path}`;
		const response = await fetch(`${this.url}${full}`, {
			method,
			headers: { 'Content-Type': 'application/json', 'browser-id': this.browserId, ...(this.cookie ? { Cookie: this.cookie } : {}) },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const cookie = response.headers.getSetCookie().find((c) => c.startsWith('n8n-auth='));
		if (cookie) this.cookie = cookie.split(';')[0];
		const text = await response.text();
		let json;
		try {
			json = JSON.parse(text);
		} catch {
			json = text;
		}
		if (!response.ok) throw new Error(`${method} ${full} answered ${response.status}: ${text.slice(0, 500)}`);
		return Array.isArray(json) ? json : (json?.data ?? json);
	}

	setupOwner() {
		return this.call('POST', '/owner/setup', OWNER);
	}

	/** A new workflow holding only a Manual Trigger; resolves to its id. */
	async createWorkflowWithTrigger(name) {
		const trigger = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} };
		return (await this.call('POST', '/workflows', { name, active: false, nodes: [trigger], connections: {}, settings: {} })).id;
	}
}
