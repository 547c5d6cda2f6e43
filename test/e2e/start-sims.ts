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
import { createOpenAiSim } from '../sim/openai';
import { createOpenToCloseSim } from '../sim/opentoclose';
import { createPrefactorSim } from '../sim/prefactor';
import { createSignTrakerSim } from '../sim/signtraker';
import type { SimServer } from '../sim/server';

// E2E_PORT_OFFSET moves every port, so that two end-to-end runs on one machine do not collide.
const OFFSET = Number(process.env.E2E_PORT_OFFSET ?? 0);
const PORTS = { agentref: 41801 + OFFSET, prefactor: 41802 + OFFSET, signtraker: 41803 + OFFSET, opentoclose: 41804 + OFFSET, openai: 41805 + OFFSET };
const CONTROL_PORT = 41800 + OFFSET;

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

/**
 * The tests start every simulator from a small seed and add what each test needs; a person
 * trying the nodes in n8n (npm run start:n8n) should see data in a first Get Many of any
 * resource, so the simulators started here also hold a realistic history of sales and payouts.
 */
function seedDemoRecords(agentref: ReturnType<typeof createAgentRefSim>) {
	const state = agentref.state;
	const day = (n: number) => new Date(Date.UTC(2026, 9, 1 + n, 9 + (n % 8), 15)).toISOString();
	const statuses = ['approved', 'approved', 'pending', 'approved', 'refunded', 'pending'];
	for (let i = 1; i <= 24; i++) {
		const amount = [4900, 9900, 2900, 19900][i % 4];
		state.conversions.push({
			id: `conv_demo_${i}`,
			affiliateId: i % 3 === 0 ? 'aff_2' : 'aff_1',
			programId: 'prog_1',
			amount,
			commission: Math.round(amount * 0.2),
			status: statuses[i % statuses.length],
			method: i % 5 === 0 ? 'coupon' : 'cookie',
			stripeSessionId: `cs_demo_${i}`,
			createdAt: day(i),
		});
	}
	state.payouts.push(
		{ id: 'pay_demo_1', affiliateId: 'aff_1', programId: 'prog_1', amount: 12900, method: 'paypal', status: 'completed', createdAt: day(10), completedAt: day(11) },
		{ id: 'pay_demo_2', affiliateId: 'aff_2', programId: 'prog_1', amount: 5800, method: 'bank_transfer', status: 'pending', createdAt: day(20), completedAt: null },
	);
	state.coupons.push({ id: 'coup_demo_1', programId: 'prog_1', affiliateId: 'aff_1', code: 'JANE10', createdAt: day(2) });
}

async function main() {
	// openai: the chat model behind the Prefactor agent templates (n8n's AI Agent and OpenAI Chat Model).
	const sims = { agentref: createAgentRefSim(), prefactor: createPrefactorSim(), signtraker: createSignTrakerSim(), opentoclose: createOpenToCloseSim(), openai: createOpenAiSim() };
	seedDemoRecords(sims.agentref);
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
		};
		// Every simulator's request log (what n8n sent), for checks of the exact requests.
		for (const [name, sim] of Object.entries(sims)) {
			answers[`/${name}/log`] = sim.log.map(({ method, path, query, body, status }) => ({ method, path, query, body, status }));
		}
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
