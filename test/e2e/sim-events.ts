/**
 * Events the running simulators make happen on request (`npm run sim:event`, through the control
 * port of start-sims): what a user of the real service would do in its app, so that a workflow
 * waiting in n8n gets something to start from.
 *
 * - AgentRef sends webhooks: the event's record changes in the simulator, then a delivery signed
 *   the way AgentRef signs (Svix scheme, with the secret it issued to that endpoint) goes to every
 *   registered endpoint subscribed to the event type. The record is also what the AgentRef Poll
 *   Trigger sees on its next poll.
 * - Prefactor, SignTraker and Open To Close are polled: a new record is created through the
 *   simulator's own API (its ids and clock, as the app would), or a record's status changes where
 *   the API has no such call (an order installed, a property listed).
 */
import type { AgentRefSim } from '../sim/agentref';
import type { OpenToCloseSim } from '../sim/opentoclose';
import { OTC_TOKEN, PROPERTY_FIELDS } from '../sim/opentoclose';
import type { PrefactorSim } from '../sim/prefactor';
import { PREFACTOR_TOKEN } from '../sim/prefactor';
import type { SignTrakerSim } from '../sim/signtraker';
import { SIGNTRAKER_KEY } from '../sim/signtraker';

type Rec = Record<string, unknown>;
export interface Sims {
	agentref: AgentRefSim;
	prefactor: PrefactorSim;
	signtraker: SignTrakerSim;
	opentoclose: OpenToCloseSim;
}
export interface Emitted {
	/** One line saying what happened, for the person who ran the command. */
	message: string;
	record?: unknown;
	deliveries?: Array<{ url: string; status: number | string }>;
}
type Emitter = (args: string[]) => Promise<Emitted>;

/** What each simulator can make happen, with the arguments it takes (all optional). */
export const EVENT_HELP: Record<keyof Sims, Record<string, string>> = {
	agentref: {
		'conversion.created': 'a sale attributed to Jane Doe (also a New Conversion for the poll trigger)',
		'conversion.refunded': 'the newest conversion refunded',
		'payout.created': 'a payout to Jane Doe (also a New Payout for the poll trigger)',
		'payout.processing': 'the newest payout processing',
		'payout.completed': 'the newest payout completed',
		'payout.failed': 'the newest payout failed',
		'affiliate.joined': 'a new affiliate joins Test Program',
		'affiliate.approved': 'the newest affiliate approved',
		'affiliate.blocked': 'the newest affiliate blocked',
		'affiliate.unblocked': 'the newest affiliate unblocked',
		'program.created': 'a new program',
		'program.updated': 'Test Program renamed',
		'flag.resolved': 'the open fraud flag dismissed',
	},
	prefactor: {
		'alert.raised': 'an alert raised on a finished agent run [name] [severity]',
		'instance.finished': 'an agent run registered, started and finished [status: failed]',
	},
	signtraker: {
		'order.placed': 'a sign order placed for agent 1 [street name]',
		'order.status': 'an order changes status [order id: newest] [status: Installed]',
	},
	opentoclose: {
		'property.created': 'a listing added (1500 Barton Springs Rd, Pat Perry) [status: Listing - Pre-MLS]',
		'property.status': 'a property moves to a contract status [property id: newest] [status: Listing- Active]',
		'contact.created': 'a contact added [last name]',
		'task.created': 'a task added to a property [property id: 1] [title]',
	},
};

async function call(url: string, method: string, body: unknown, headers: Record<string, string>): Promise<Rec> {
	const response = await fetch(url, { method, headers: { 'Content-Type': 'application/json', ...headers }, body: body === undefined ? undefined : JSON.stringify(body) });
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${url.replace(/api_token=[^&]+/, 'api_token=…')} answered ${response.status}: ${text.slice(0, 200)}`);
	return text ? (JSON.parse(text) as Rec) : {};
}

const newest = (list: Rec[], key = 'createdAt') => [...list].sort((a, b) => String(b[key] ?? '').localeCompare(String(a[key] ?? '')))[0];

function agentRef(sim: AgentRefSim): Record<string, Emitter> {
	const s = sim.state;
	let seq = 0;
	const id = (prefix: string) => `${prefix}_evt_${Date.now().toString(36)}${++seq}`;
	const at = () => sim.now().toISOString();
	/** The record behind the event, and the program it belongs to (absent for merchant-wide events). */
	const change: Record<string, () => Rec> = {
		'conversion.created': () => {
			const c = { id: id('conv'), affiliateId: 'aff_1', programId: 'prog_1', amount: 4900, commission: 980, status: 'pending', method: 'cookie', stripeSessionId: id('cs'), createdAt: at() };
			s.conversions.push(c);
			return c;
		},
		'conversion.refunded': () => Object.assign(newest(s.conversions) ?? change['conversion.created'](), { status: 'refunded' }),
		'payout.created': () => {
			const p = { id: id('pay'), affiliateId: 'aff_1', programId: 'prog_1', amount: 6000, method: 'paypal', status: 'pending', createdAt: at(), completedAt: null };
			s.payouts.push(p);
			return p;
		},
		'affiliate.joined': () => {
			const a = { id: id('aff'), userId: id('user'), programId: 'prog_1', name: 'Alex Example', code: `alex${seq}`, status: 'pending', totalClicks: 0, totalConversions: 0, totalEarnings: 0, createdAt: at() };
			s.affiliates.push(a);
			return a;
		},
		'program.created': () => {
			const p = { ...s.programs[0], id: id('prog'), name: 'New Program', slug: id('program'), createdAt: at(), updatedAt: at() };
			s.programs.push(p);
			return p;
		},
		'program.updated': () => ({ ...Object.assign(s.programs[0], { name: 'Test Program (renamed)', updatedAt: at() }), programId: s.programs[0].id, updatedFields: ['name'] }),
		'flag.resolved': () => Object.assign(s.flags[0], { status: 'dismissed', note: 'Resolved from npm run sim:event', resolvedAt: at() }),
	};
	for (const status of ['processing', 'completed', 'failed']) {
		change[`payout.${status}`] = () => Object.assign(newest(s.payouts) ?? change['payout.created'](), { status, completedAt: status === 'completed' ? at() : null });
	}
	for (const [event, status] of [['approved', 'approved'], ['blocked', 'blocked'], ['unblocked', 'approved']]) {
		change[`affiliate.${event}`] = () => Object.assign(newest(s.affiliates), { status });
	}
	return Object.fromEntries(
		Object.entries(change).map(([type, make]) => [
			type,
			async () => {
				const data = make();
				const programId = (data.programId as string | undefined) ?? (type.startsWith('program.') ? String(data.id) : undefined);
				const messageId = id('msg');
				const body = JSON.stringify({ id: messageId, type, createdAt: at(), merchantId: 'merch_1', ...(programId ? { programId } : {}), environment: 'production', schemaVersion: 2, data });
				const endpoints = s.webhooks.filter((w) => w.status === 'active' && (w.subscribedEvents as string[]).includes(type) && (!w.programId || w.programId === programId));
				const deliveries = await Promise.all(
					endpoints.map(async (w) => {
						const timestamp = Math.floor(Date.now() / 1000);
						const signature = sim.sign(s.secrets[String(w.id)], messageId, timestamp, body);
						try {
							const response = await fetch(String(w.url), {
								method: 'POST',
								headers: { 'Content-Type': 'application/json', 'svix-id': messageId, 'svix-timestamp': String(timestamp), 'svix-signature': signature },
								body,
								signal: AbortSignal.timeout(30_000),
							});
							return { url: String(w.url), status: response.status };
						} catch (error) {
							return { url: String(w.url), status: (error as Error).message };
						}
					}),
				);
				const where = deliveries.length
					? `delivered to ${deliveries.map((d) => `${d.url} (${d.status})`).join(', ')}`
					: `no webhook endpoint is registered for ${type}: open the workflow with the AgentRef Trigger in n8n and click "Execute workflow" (or publish it), then run this again`;
				return { message: `AgentRef ${type} ${String(data.id)}: ${where}`, record: data, deliveries };
			},
		]),
	);
}

function prefactor(sim: PrefactorSim): Record<string, Emitter> {
	const auth = { Authorization: `Bearer ${PREFACTOR_TOKEN}` };
	const api = (path: string, body: unknown) => call(`${sim.baseUrl}${path}`, 'POST', body, auth);
	return {
		'alert.raised': async ([name = `cost_spike_${Date.now().toString(36)}`, severity = 'warning']) => {
			const alert = await api('/alerts/raise', { agent_instance_id: 'inst_done', name, severity, payload: { from: 'npm run sim:event' } });
			return { message: `Prefactor alert ${name} raised (${severity}) on run inst_done`, record: alert.details ?? alert };
		},
		'instance.finished': async ([status = 'failed']) => {
			const registered = await api('/agent_instance/register', { agent_version: { name: 'invoice agent', external_identifier: '1.2.0' }, agent_schema_version: { external_identifier: 'v1.0.0' } });
			const run = ((registered.details ?? registered) as Rec).id as string;
			await api(`/agent_instance/${run}/start`, { timestamp: new Date().toISOString() });
			const finished = await api(`/agent_instance/${run}/finish`, { status, timestamp: new Date().toISOString() });
			return { message: `Prefactor agent run ${run} finished as ${status}`, record: finished.details ?? finished };
		},
	};
}

function signTraker(sim: SignTrakerSim): Record<string, Emitter> {
	return {
		'order.placed': async ([street = 'Congress Ave']) => {
			const created = await call(`${sim.baseUrl}/api/orders`, 'POST', { AgentId: 1, PresetId: 20, StreetNumber: '501', StreetName: street, City: 'Austin', State: 'TX', Zip: '78701', Notes: 'Placed by npm run sim:event' }, { Authorization: `ST-API ${SIGNTRAKER_KEY}` });
			return { message: `SignTraker order ${String(created.OrderId)} placed for agent 1 at 501 ${street}`, record: created };
		},
		'order.status': async ([orderId, status = 'Installed']) => {
			const order = orderId ? sim.state.orders.find((o) => String(o.Id) === orderId) : newest(sim.state.orders, 'Created');
			if (!order) throw new Error(`SignTraker has no order ${orderId}`);
			Object.assign(order, { Status: status, ...(status === 'Installed' ? { DateInstalled: sim.now().toISOString() } : {}) });
			return { message: `SignTraker order ${String(order.Id)} is now ${status}`, record: order };
		},
	};
}

/** A property's field value by key, as GET /properties/{id} lists them. */
export const fieldValue = (property: Rec, key: string) => (property.field_values as Rec[] | undefined)?.find((f) => f.key === key)?.value;

function openToClose(sim: OpenToCloseSim): Record<string, Emitter> {
	const api = (path: string, body: unknown) => call(`${sim.baseUrl}${path}?api_token=${OTC_TOKEN}`, 'POST', body, {});
	const fields = () => (sim.state.propertyFields ?? PROPERTY_FIELDS).flatMap((g) => g.group.sections.flatMap((s) => s.section.fields));
	const fieldId = (key: string) => fields().find((f) => f.key === key)?.id;
	return {
		'property.created': async ([status = 'Listing - Pre-MLS']) => {
			const values: Rec = { contract_title: '1500 Barton Springs Rd', contract_client_type: 'Seller', contract_status: status, property_address: '1500 Barton Springs Rd', property_city: 'Austin', property_state: 'TX', property_zip: '78704' };
			const known = Object.entries(values).filter(([key]) => fieldId(key) !== undefined);
			const created = await api('/properties/', { team_member_id: 26392, time_zone_id: 1, fields: known.map(([key, value]) => ({ id: fieldId(key), value })) });
			return { message: `Open To Close property ${String(created.id)} (1500 Barton Springs Rd) created in ${status}`, record: created };
		},
		'property.status': async ([propertyId, status = 'Listing- Active']) => {
			const property = propertyId ? sim.state.properties.find((p) => String(p.id) === propertyId) : [...sim.state.properties].sort((a, b) => Number(b.id) - Number(a.id))[0];
			if (!property) throw new Error(`Open To Close has no property ${propertyId}`);
			const values = (property.field_values ??= []) as Rec[];
			const entry = values.find((f) => f.key === 'contract_status');
			// Read back as the option's title, as the live API shows choice values.
			if (entry) entry.value = status;
			else values.push({ id: Number(property.id) * 100 + 1, key: 'contract_status', label: 'Contract Status', type: 'choice', value: status });
			return { message: `Open To Close property ${String(property.id)} (${String(fieldValue(property, 'property_address') ?? fieldValue(property, 'contract_title'))}) is now ${status}`, record: property };
		},
		'contact.created': async ([lastName = `Buyer${Date.now().toString(36)}`]) => {
			const created = await api('/contacts', { first_name: 'Robin', last_name: lastName, email: `robin.${lastName.toLowerCase()}@example.com` });
			return { message: `Open To Close contact ${String(created.id)} (Robin ${lastName}) created`, record: created };
		},
		'task.created': async ([propertyId = '1', title = 'Order the sign']) => {
			const created = await api(`/properties/${propertyId}/tasks`, { title, status: 'pending' });
			return { message: `Open To Close task ${String(created.id)} (${title}) added to property ${propertyId}`, record: created };
		},
	};
}

export function emitters(sims: Sims): Record<keyof Sims, Record<string, Emitter>> {
	return { agentref: agentRef(sims.agentref), prefactor: prefactor(sims.prefactor), signtraker: signTraker(sims.signtraker), opentoclose: openToClose(sims.opentoclose) };
}
