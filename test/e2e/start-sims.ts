/**
 * Starts every service simulator on fixed loopback ports for a real n8n to call, and prints
 * their base URLs as JSON. Stops on SIGINT/SIGTERM.
 *
 * A control port (41800) lets the end-to-end driver read what n8n did to the AgentRef
 * simulator: the webhook endpoints it registered (with their signing secrets, so that the
 * driver can sign deliveries the way AgentRef would) and the request log.
 */
import http from 'node:http';

import { createAgentRefSim } from '../sim/agentref';
import { createOpenToCloseSim } from '../sim/opentoclose';
import { createPrefactorSim } from '../sim/prefactor';
import { createSignTrakerSim } from '../sim/signtraker';
import type { SimServer } from '../sim/server';

const PORTS = { agentref: 41801, prefactor: 41802, signtraker: 41803, opentoclose: 41804 };
const CONTROL_PORT = 41800;

async function listen(sim: SimServer, port: number) {
	// Fixed ports so that credentials can be created before the simulators start.
	const original = http.Server.prototype.listen;
	const patched = function (this: http.Server, ...args: unknown[]) {
		if (args[0] === 0) args[0] = port;
		return (original as (...a: unknown[]) => http.Server).apply(this, args);
	};
	http.Server.prototype.listen = patched as typeof original;
	try {
		return await sim.start();
	} finally {
		http.Server.prototype.listen = original;
	}
}

async function main() {
	const sims = { agentref: createAgentRefSim(), prefactor: createPrefactorSim(), signtraker: createSignTrakerSim(), opentoclose: createOpenToCloseSim() };
	const urls: Record<string, string> = {};
	for (const [name, sim] of Object.entries(sims)) urls[name] = await listen(sim, PORTS[name as keyof typeof PORTS]);
	const control = http.createServer(async (req, res) => {
		// POST /<service>/inject with `{ fault, match }`: the security checks make a simulator
		// redirect or echo secrets (see test/e2e/security-checks.mjs).
		const inject = /^\/(\w+)\/inject$/.exec(req.url ?? '');
		if (req.method === 'POST' && inject && inject[1] in sims) {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const { fault, match } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			sims[inject[1] as keyof typeof sims].inject(fault, match);
			res.writeHead(200, { 'Content-Type': 'application/json' });
			res.end('{"injected": true}');
			return;
		}
		const state = sims.agentref.state;
		const answers: Record<string, unknown> = {
			'/agentref/webhooks': state.webhooks.map((w) => ({ ...w, signingSecret: state.secrets[String(w.id)] })),
			'/agentref/log': sims.agentref.log.map(({ method, path, status }) => ({ method, path, status })),
		};
		const answer = answers[req.url ?? ''];
		res.writeHead(answer ? 200 : 404, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(answer ?? { error: 'unknown control path' }));
	});
	await new Promise<void>((resolve) => control.listen(CONTROL_PORT, '127.0.0.1', resolve));
	console.log(JSON.stringify(urls));
	const stop = async () => {
		control.close();
		for (const sim of Object.values(sims)) await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
