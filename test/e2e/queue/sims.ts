/**
 * The simulators for the queue-mode run, on fixed ports (41861–41864), with a control port (41860) the driver uses to read and steer the AgentRef simulator: its webhook
 * endpoints (with signing secrets, to sign deliveries as AgentRef would), new conversions for the
 * poll trigger, a per-key rate limit, and counts of the requests it answered.
 */
import http from 'node:http';

import { createAgentRefSim } from '../../sim/agentref';
import { createOpenToCloseSim } from '../../sim/opentoclose';
import { createPrefactorSim } from '../../sim/prefactor';
import { createSignTrakerSim } from '../../sim/signtraker';
import type { SimServer } from '../../sim/server';

// Not the end-to-end run's ports (41800–41804): both may run on one machine at once.
const BASE = Number(process.env.QUEUE_SIM_PORT_BASE ?? 41860);
const PORTS = {
	agentref: BASE + 1,
	prefactor: BASE + 2,
	signtraker: BASE + 3,
	opentoclose: BASE + 4,
};
const CONTROL_PORT = BASE;

async function listen(sim: SimServer, port: number) {
	// Fixed ports so that the imported credentials can point at them.
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
	const sims = {
		agentref: createAgentRefSim(),
		prefactor: createPrefactorSim(),
		signtraker: createSignTrakerSim(),
		opentoclose: createOpenToCloseSim(),
	};
	const agentref = sims.agentref;
	for (const [name, sim] of Object.entries(sims)) await listen(sim, PORTS[name as keyof typeof PORTS]);
	let conversionSeq = 0;
	const control = http.createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		const q = Object.fromEntries(url.searchParams);
		const state = agentref.state;
		let answer: unknown;
		if (url.pathname === '/agentref/webhooks')
			answer = state.webhooks.map((w) => ({
				...w,
				signingSecret: state.secrets[String(w.id)],
			}));
		else if (url.pathname === '/agentref/conversions') {
			// New conversions for the poll trigger; several share one creation time, as records
			// written in the same millisecond do.
			const count = Number(q.count ?? 0);
			const added: string[] = [];
			for (let i = 0; i < count; i++) {
				const id = `conv_q_${++conversionSeq}`;
				const createdAt = new Date(Date.now() + Math.floor(i / 4)).toISOString();
				state.conversions.push({
					id,
					programId: 'prog_1',
					affiliateId: 'aff_1',
					status: 'pending',
					amount: 1000,
					currency: 'USD',
					createdAt,
				});
				added.push(id);
			}
			answer = { added: added.length, total: state.conversions.length };
		} else if (url.pathname === '/agentref/rate') {
			// Per API key, as the real API counts.
			agentref.limitRate(Number(q.perSecond) || undefined, (headers) => String(headers.authorization ?? ''));
			answer = { perSecond: Number(q.perSecond) || null };
		} else if (url.pathname === '/agentref/count') {
			// Requests to one path since a moment: how many were accepted and how many got 429.
			const since = Number(q.since ?? 0);
			const hits = agentref.log.filter((r) => r.at >= since && r.method === (q.method ?? 'GET') && r.path === q.path);
			const accepted = hits.filter((r) => r.status !== 429);
			answer = {
				accepted: accepted.length,
				tooMany: hits.length - accepted.length,
				first: accepted.length ? Math.min(...accepted.map((r) => r.at)) : null,
				last: accepted.length ? Math.max(...accepted.map((r) => r.at)) : null,
			};
		} else if (url.pathname === '/agentref/reset-log') {
			for (const sim of Object.values(sims)) sim.resetLog();
			answer = { ok: true };
		}
		res.writeHead(answer ? 200 : 404, { 'Content-Type': 'application/json' });
		res.end(JSON.stringify(answer ?? { error: 'unknown control path' }));
	});
	await new Promise<void>((resolve) => control.listen(CONTROL_PORT, '127.0.0.1', resolve));
	console.log('ready');
	const stop = async () => {
		control.close();
		for (const sim of Object.values(sims)) await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
