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
import { createOpenToCloseSim, PROPERTY_FIELDS } from '../sim/opentoclose';
import { createPrefactorSim } from '../sim/prefactor';
import { createSignTrakerSim } from '../sim/signtraker';
import type { SimServer } from '../sim/server';
import { EVENT_HELP, emitters } from './sim-events';

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

/**
 * A real-estate team that uses both Open To Close and SignTraker (the listing-signs template in
 * templates/): property addresses in Open To Close's field schema (the fields the API notes name),
 * a withdrawn status, team members with the email they also have as SignTraker agents, and three
 * properties under contract that can be listed with `npm run sim:event`.
 */
function seedRealEstateTeam(opentoclose: ReturnType<typeof createOpenToCloseSim>, signtraker: ReturnType<typeof createSignTrakerSim>) {
	const fields = structuredClone(PROPERTY_FIELDS);
	const status = fields[0].group.sections[0].section.fields.find((f) => f.key === 'contract_status')!;
	status.options!.push({ id: 800005, title: 'Listing - Withdrawn-Cancelled' });
	fields[1].group.sections[0].section.fields.unshift({ id: 926579, key: 'property_address', title: 'Address', type: 'text' });
	fields[1].group.sections[0].section.fields.push({ id: 926581, key: 'property_state', title: 'State', type: 'text' }, { id: 926582, key: 'property_zip', title: 'Zip', type: 'text' });
	opentoclose.state.propertyFields = fields;
	const team = opentoclose.state.collections.teams[0].team_members as Array<Record<string, unknown>>;
	const people = [
		{ first: 'Pat', last: 'Perry', email: 'pat.perry@perryteam.example' },
		{ first: 'Sam', last: 'Lee', email: 'sam.lee@perryteam.example' },
	];
	team.forEach((member, i) => Object.assign(member, { email: people[i].email }));
	people.forEach((p, i) =>
		signtraker.state.agents.push({ Id: 201 + i, UserName: p.email, Email: p.email, FirstName: p.first, LastName: p.last, IsInactive: false, IsManager: false, Office: { Id: 10, Name: 'Main Office' }, PaymentMode: 'Terms', Address: { City: 'Austin', State: 'TX' } }),
	);
	const homes = [
		[101, '1208 Maple Avenue', '78704', 26392],
		[102, '77 Lakeshore Drive', '78746', 26393],
		[103, '4410 Duval Street', '78751', 26392],
	] as const;
	for (const [id, address, zip, member] of homes) {
		const value = (key: string, v: string, n: number) => ({ id: id * 100 + n, key, label: key, type: 'text', value: v });
		opentoclose.state.properties.push({
			id,
			created: '2026-11-20 09:00:00',
			timezone: 'US/Central',
			team_member_id: member,
			field_values: [value('contract_title', address, 1), { ...value('contract_client_type', 'Seller', 2), type: 'choice' }, { ...value('contract_status', 'Under Contract', 3), type: 'choice' }, value('property_address', address, 4), value('property_city', 'Austin', 5), value('property_state', 'TX', 6), value('property_zip', zip, 7)],
		});
	}
}

async function main() {
	// openai: the chat model behind the Prefactor agent templates (n8n's AI Agent and OpenAI Chat Model).
	const sims = { agentref: createAgentRefSim(), prefactor: createPrefactorSim(), signtraker: createSignTrakerSim(), opentoclose: createOpenToCloseSim(), openai: createOpenAiSim() };
	seedDemoRecords(sims.agentref);
	seedRealEstateTeam(sims.opentoclose, sims.signtraker);
	const urls: Record<string, string> = {};
	for (const [name, sim] of Object.entries(sims)) urls[name] = await listen(sim, PORTS[name as keyof typeof PORTS]);
	const emit = emitters(sims);
	const control = http.createServer(async (req, res) => {
		// POST /<service>/emit with `{ event, args }`: npm run sim:event (scripts/sim-event.mjs).
		const emitting = /^\/(\w+)\/emit$/.exec(req.url ?? '');
		if (req.method === 'POST' && emitting) {
			const chunks: Buffer[] = [];
			for await (const chunk of req) chunks.push(chunk as Buffer);
			const { event, args = [] } = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
			const run = emit[emitting[1] as keyof typeof emit]?.[event];
			const answer = run ? await run(args).catch((error: Error) => ({ error: error.message })) : { error: `unknown event`, events: EVENT_HELP };
			res.writeHead('error' in answer ? 400 : 200, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify(answer));
			return;
		}
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
			'/events': EVENT_HELP,
			// Where the real-estate check reads the orders and properties as they are now.
			'/signtraker/orders': sims.signtraker.state.orders,
			'/opentoclose/properties': sims.opentoclose.state.properties,
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
