// End-to-end check of the real-estate template (templates/real-estate-listing-signs.json) in a
// real n8n against the simulators: properties change status in Open To Close through
// `npm run sim:event` (the one-step try a user runs), the template's poll triggers see it, and
// SignTraker's request log must show exactly the sign orders and removal requests a real-estate
// team expects: one order per listing (address, listing agent, preset), none for a second
// listing status of the same property, one removal request on close or withdrawal.
//
// Called from run-e2e.mjs once n8n runs and the owner is signed in:
//   await realEstateChecks({ rest, check, controlUrl })
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

import { settle } from './n8n-server.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const TEMPLATE = path.join(root, 'templates/real-estate-listing-signs.json');
// Shipped, each trigger polls every minute at its own second; here every 20 seconds, 5 seconds
// apart (n8n 2.x fails polls of one workflow that start together), so that the check takes
// seconds instead of minutes. Nothing else changes.
const every20Seconds = (k) => ({ item: [0, 20, 40].map((s) => ({ mode: 'custom', cronExpression: `${s + 5 * k} * * * * *` })) });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** `npm run sim:event -- opentoclose property.status <id> <status>`, as a user runs it. */
export function simEvent(controlUrl, ...args) {
	const offset = Number(new URL(controlUrl).port) - 41800;
	const out = execFileSync(process.execPath, [path.join(root, 'scripts/sim-event.mjs'), '--json', ...args], { env: { ...process.env, E2E_PORT_OFFSET: String(offset) }, encoding: 'utf8' });
	return JSON.parse(out);
}

/**
 * A GET on the simulators' control port. The control server closes idle keep-alive connections
 * after 5 s; a request that meets one closing (Node 20's fetch reports "other side closed") is
 * sent again.
 */
export async function controlGet(controlUrl, what) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await (await fetch(`${controlUrl}/${what}`)).json();
		} catch (error) {
			if (attempt === 3) throw error;
			await sleep(200);
		}
	}
}

/** The seeded Open To Close properties (start-sims' real-estate team) and the SignTraker agent of each one's listing agent. */
const HOMES = {
	101: { StreetNumber: '1208', StreetName: 'Maple Avenue', Zip: '78704', AgentId: 201 },
	102: { StreetNumber: '77', StreetName: 'Lakeshore Drive', Zip: '78746', AgentId: 202 },
	103: { StreetNumber: '4410', StreetName: 'Duval Street', Zip: '78751', AgentId: 201 },
};
const expectedOrder = (id) => {
	const { AgentId, ...site } = HOMES[id];
	const reference = `otc-property-${id}`;
	return { AgentId, PresetId: 20, ...site, City: 'Austin', State: 'TX', ExternalID: reference, Notes: `Listing sign for Open To Close property ${id} (${reference})` };
};
const sortKeys = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));

export async function realEstateChecks({ rest, check, controlUrl }) {
	const control = (what) => controlGet(controlUrl, what);
	const template = JSON.parse(fs.readFileSync(TEMPLATE, 'utf8'));
	let k = 0;
	const nodes = template.nodes.map((n) => (n.type.endsWith('.openToCloseTrigger') ? { ...n, parameters: { ...n.parameters, pollTimes: every20Seconds(k++) } } : n));
	const created = await rest.call('POST', '/workflows', { name: template.name, nodes, connections: template.connections, settings: template.settings, active: false });
	const workflowId = created.id;
	const triggers = nodes.filter((n) => n.type.endsWith('.openToCloseTrigger')).length;
	const requests = async () => (await control('signtraker/log')).filter((r) => r.method === 'POST' && r.path.startsWith('/api/orders'));
	const before = (await requests()).length;
	const sent = async () => (await requests()).slice(before);
	const executions = async () => (await rest.call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? [];
	try {
		const { versionId } = await rest.call('GET', `/workflows/${workflowId}`);
		await rest.call('POST', `/workflows/${workflowId}/activate`, { versionId });
		// The first poll of each trigger records which properties are in its status; changes made
		// before it would rightly not be events.
		const seeded = await settle(async () => (JSON.stringify((await rest.call('GET', `/workflows/${workflowId}`)).staticData ?? '').match(/seeded/g) ?? []).length >= triggers, 60_000);

		// Listed: 101 and 103 go Active, 102 Pre-MLS (a "coming soon" sign).
		const listed = [simEvent(controlUrl, 'opentoclose', 'property.status', '101', 'Listing- Active'), simEvent(controlUrl, 'opentoclose', 'property.status', '102', 'Listing - Pre-MLS'), simEvent(controlUrl, 'opentoclose', 'property.status', '103', 'Listing- Active')];
		await settle(async () => (await sent()).filter((r) => r.path === '/api/orders').length >= 3, 60_000);
		const orders = (await sent()).filter((r) => r.path === '/api/orders');
		const wanted = [101, 102, 103].map(expectedOrder);
		const byRef = (r) => String(r.body?.ExternalID);
		check(
			'real-estate template: a property reaching a listing status (npm run sim:event) orders one sign at its address for its listing agent with the preset',
			seeded && listed.every((e) => /is now/.test(e.message)) && orders.length === 3 && orders.every((r) => r.status === 200) && wanted.every((w) => orders.some((r) => sortKeys(r.body) === sortKeys(w))),
			orders.length === 3 ? orders.map((r) => `${byRef(r)}: agent ${r.body.AgentId}, ${r.body.StreetNumber} ${r.body.StreetName} ${r.body.Zip}, preset ${r.body.PresetId}`).join('; ') : `seeded ${seeded}, ${JSON.stringify(orders.map((r) => r.body))}`,
		);
		const orderIds = Object.fromEntries((await control('signtraker/orders')).filter((o) => /otc-property-\d+/.test(String(o.Notes))).map((o) => [String(o.Notes).match(/otc-property-(\d+)/)[1], o.Id]));

		// 101 closes, 103 is withdrawn, 102 reaches its second listing status (Pre-MLS → Active).
		simEvent(controlUrl, 'opentoclose', 'property.status', '101', 'Closed');
		simEvent(controlUrl, 'opentoclose', 'property.status', '102', 'Listing- Active');
		simEvent(controlUrl, 'opentoclose', 'property.status', '103', 'Listing - Withdrawn-Cancelled');
		const removalsOf = async () => (await sent()).filter((r) => r.path.endsWith('/requestremoval'));
		await settle(async () => (await removalsOf()).length >= 2, 60_000);
		// Two more polls of every trigger: nothing more may come (no second order for 102, no second removal).
		await sleep(41_000);
		const all = await sent();
		const removals = all.filter((r) => r.path.endsWith('/requestremoval'));
		const wantRemovals = [[101, 'Closed', '1208 Maple Avenue'], [103, 'Listing - Withdrawn-Cancelled', '4410 Duval Street']].map(([id, status, address]) => ({
			path: `/api/orders/${orderIds[id]}/requestremoval`,
			notes: `Open To Close property ${id} (${address}) is ${status}: please remove the sign (otc-property-${id})`,
		}));
		check(
			'real-estate template: close or withdrawal requests the removal of that property\'s sign, once',
			removals.length === 2 && wantRemovals.every((w) => removals.some((r) => r.path === w.path && r.body?.Notes === w.notes && r.status === 200)),
			removals.map((r) => `${r.path} "${r.body?.Notes}"`).join('; ') || 'no removal request',
		);
		const ordersAfter = all.filter((r) => r.path === '/api/orders');
		check('real-estate template: a property reaching a second listing status (Pre-MLS, then Active) gets no second sign', ordersAfter.length === 3, `${ordersAfter.length} orders in all`);
		const runs = await executions();
		check('real-estate template: every execution succeeded', runs.length >= 4 && runs.every((r) => r.status === 'success'), `${runs.length} executions: ${[...new Set(runs.map((r) => r.status))].join(', ')}`);
	} finally {
		await rest.call('POST', `/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
	}
}
