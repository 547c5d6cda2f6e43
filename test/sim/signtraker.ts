/**
 * A stateful SignTraker simulator, faithful to ../shared/apis/signtraker.md: `ST-API` keys,
 * bare JSON arrays, OData $filter (eq, ne, contains with and/or; gt/ge/lt/le on date-times;
 * navigation paths such as Agent/Id), $orderby, $select, $top and
 * $skip, PascalCase records, `{Message}` 400 bodies and empty 404 bodies, merge-patch updates.
 */
import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

type Rec = Record<string, unknown>;

export const SIGNTRAKER_KEY = 'st_sim_key_123456';

export interface SignTrakerState {
	agents: Rec[];
	orders: Rec[];
	services: Rec[];
	changeOrders: Rec[];
	awards: Rec[];
	enterprises: Rec[];
	offices: Rec[];
	presets: Rec[];
}

export interface SignTrakerSim extends SimServer {
	state: SignTrakerState;
}

const bad = (message: string): SimResponse => ({ status: 400, body: { Message: message } });
const notFound = (): SimResponse => ({ status: 404 });
const ok = (body: unknown, status = 200): SimResponse => ({ status, body });
const INVALID_QUERY = 'The query specified in the URI is not valid. Could not parse the filter.';

function literal(text: string): unknown {
	if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'");
	if (text === 'true' || text === 'false') return text === 'true';
	if (text === 'null') return null;
	if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
	throw new Error(INVALID_QUERY);
}

/** The OData subset the node's tests and list searches use. */
function filterPredicate(expr: string): (r: Rec) => boolean {
	const ors = expr.split(/\s+or\s+/i).map((part) => part.split(/\s+and\s+/i).map((clause) => {
		const c = clause.trim();
		const contains = /^contains\((\w+),\s*('(?:[^']|'')*')\)$/i.exec(c);
		if (contains) {
			const [, fieldName, value] = contains;
			const needle = String(literal(value)).toLowerCase();
			return (r: Rec) => String(r[fieldName] ?? '').toLowerCase().includes(needle);
		}
		const cmp = /^([\w/]+)\s+(eq|ne|gt|ge|lt|le)\s+(.+)$/i.exec(c);
		if (!cmp) throw new Error(INVALID_QUERY);
		const [, fieldName, op, raw] = cmp;
		// Navigation paths such as Agent/Id; OData v4 date-time literals are unquoted ISO 8601.
		const read = (r: Rec) => fieldName.split('/').reduce<unknown>((v, k) => (v as Rec | undefined)?.[k], r);
		if (/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(raw.trim())) {
			const at = Date.parse(raw.trim());
			const compare = { eq: (t: number) => t === at, ne: (t: number) => t !== at, gt: (t: number) => t > at, ge: (t: number) => t >= at, lt: (t: number) => t < at, le: (t: number) => t <= at }[op.toLowerCase()]!;
			return (r: Rec) => read(r) !== undefined && compare(Date.parse(String(read(r))));
		}
		const value = literal(raw.trim());
		switch (op.toLowerCase()) {
			// `null` also matches a field the record leaves out, as a missing date on an order.
			case 'eq':
				return (r: Rec) => (value === null ? read(r) == null : read(r) === value);
			case 'ne':
				return (r: Rec) => (value === null ? read(r) != null : read(r) !== value);
			default:
				throw new Error(INVALID_QUERY);
		}
	}));
	return (r) => ors.some((ands) => ands.every((p) => p(r)));
}

export function odata(list: Rec[], q: Record<string, string>): SimResponse {
	try {
		let items = list;
		if (q.$filter) items = items.filter(filterPredicate(q.$filter));
		if (q.$orderby) {
			const keys = q.$orderby.split(',').map((k) => k.trim().split(/\s+/));
			items = [...items].sort((a, b) => {
				for (const [k, dir] of keys) {
					const av = a[k] as string | number;
					const bv = b[k] as string | number;
					if (av === bv) continue;
					return (av < bv ? -1 : 1) * (dir?.toLowerCase() === 'desc' ? -1 : 1);
				}
				return 0;
			});
		}
		const skip = Number(q.$skip ?? 0);
		const top = q.$top === undefined ? items.length : Number(q.$top);
		if (!Number.isInteger(skip) || !Number.isInteger(top) || skip < 0 || top < 0) throw new Error('The query specified in the URI is not valid. $top and $skip take whole numbers.');
		items = items.slice(skip, skip + top);
		if (q.$select) {
			const fields = q.$select.split(',');
			items = items.map((r) => Object.fromEntries(fields.map((f) => [f, r[f]])));
		}
		return ok(items);
	} catch (error) {
		return bad((error as Error).message);
	}
}

function mergePatch(target: Rec, patch: Rec) {
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete target[key];
		else if (typeof value === 'object' && !Array.isArray(value) && typeof target[key] === 'object' && target[key] !== null) {
			mergePatch(target[key] as Rec, value as Rec);
		} else target[key] = value;
	}
}

export function seedSignTraker(): SignTrakerState {
	const agents: Rec[] = Array.from({ length: 12 }, (_, i) => ({
		Id: i + 1,
		UserName: `agent${i + 1}`,
		Email: `agent${i + 1}@example.com`,
		FirstName: ['Jane', 'John', 'Ann'][i % 3],
		LastName: `Smith${String(i + 1).padStart(2, '0')}`,
		IsInactive: false,
		IsManager: i === 0,
		Office: { Id: 10, Name: 'Main Office' },
		PaymentMode: 'Terms',
		Address: { City: 'Austin', State: 'TX' },
		SyncedFromNationalAccount: i === 11,
	}));
	const order = (id: number): Rec => ({ Id: id, OrderNumber: 5000 + id, Status: 'Installed', Agent: { Id: 1, Name: 'Jane Smith01' }, JobSite: { City: 'Austin' } });
	return {
		agents,
		orders: [order(100), order(101)],
		services: [{ Id: 200, OrderNumber: 6000, Status: 'Draft', ServiceType: { Id: 1, Name: 'Repair' } }],
		changeOrders: [{ Id: 300, OrderNumber: 7000, Status: 'Designing' }],
		awards: [{ Id: 400, Name: 'Welcome', TotalAmount: 50, RemainingAmount: 50, AwardedTo: { Id: 1, Name: 'Jane Smith01' }, Restrictions: ['Printing'] }],
		enterprises: [{ Id: 1, Name: 'Perry Group' }, { Id: 2, Name: 'Other Group' }],
		offices: [{ Id: 10, Name: 'Main Office', EnterpriseId: 1 }, { Id: 11, Name: 'North Office', EnterpriseId: 1 }, { Id: 12, Name: 'Elsewhere', EnterpriseId: 2 }],
		presets: [{ Id: 20, Name: 'Standard Post' }, { Id: 21, Name: 'Removal' }],
	};
}

export function createSignTrakerSim(): SignTrakerSim {
	const sim = new SimServer(
		'',
		() => notFound(),
		(req) => (req.headers.authorization === `ST-API ${SIGNTRAKER_KEY}` ? undefined : { status: 401, body: { Message: 'Authorization has been denied for this request.' } }),
	) as SignTrakerSim;
	sim.state = seedSignTraker();
	const s = () => sim.state;
	let seq = 1000;
	const body = (req: SimRequest) => (req.body ?? {}) as Rec;
	const byId = (list: () => Rec[]) => (req: SimRequest) => {
		const found = list().find((r) => String(r.Id) === req.params.id);
		return found ? ok(found) : notFound();
	};
	const withQuery = (list: Rec[], req: SimRequest, extras: Record<string, string>) =>
		list.filter((r) => Object.entries(extras).every(([q, f]) => req.query[q] === undefined || String(f.split('.').reduce<unknown>((v, k) => (v as Rec)?.[k], r)) === req.query[q]));

	sim.route('GET', '/api/agents', (req) => odata(withQuery(s().agents, req, { email: 'Email' }), req.query));
	sim.route('GET', '/api/agents/:id', byId(() => s().agents));
	sim.route('POST', '/api/agents', (req) => {
		const b = body(req);
		const missing = ['UserName', 'Email', 'FirstName', 'LastName', 'CellularPhone', 'PaymentMode'].filter((k) => !b[k]);
		if (!(b.Office as Rec)?.Id) missing.push('Office');
		if (missing.length) return { status: 400, body: { Message: 'The request is invalid.', ModelState: Object.fromEntries(missing.map((k) => [`agent.${k}`, [`The ${k} field is required.`]])) } };
		const agent = { ...b, Id: ++seq };
		s().agents.push(agent);
		return ok(agent);
	});
	sim.route('PATCH', '/api/agents/:id', (req) => {
		const agent = s().agents.find((a) => String(a.Id) === req.params.id);
		if (!agent) return notFound();
		if (req.headers['content-type'] !== 'application/merge-patch+json') return { status: 415, body: { Message: 'Unsupported media type' } };
		if (agent.SyncedFromNationalAccount) return bad('Agents synced from a National Account cannot be updated.');
		const b = body(req);
		if ('IsManager' in b || 'ManagerData' in b) return bad('An agent cannot be converted to or from a manager.');
		mergePatch(agent, b);
		return ok(agent);
	});
	for (const [action, inactive] of [['activate', false], ['deactivate', true]] as const) {
		sim.route('POST', `/api/agents/${action}`, (req) => {
			if (req.rawBody) return bad('No body expected');
			const agent = s().agents.find((a) => String(a.Id) === req.query.id);
			if (!agent) return notFound();
			agent.IsInactive = inactive;
			return { status: 200 };
		});
	}

	sim.route('GET', '/api/orders', (req) => odata(s().orders, req.query));
	sim.route('GET', '/api/orders/:id', byId(() => s().orders));
	sim.route('POST', '/api/orders', (req) => {
		const b = body(req);
		if (!b.AgentId || !b.PresetId) return bad('AgentId and PresetId are required.');
		if (!s().presets.some((p) => p.Id === b.PresetId)) return bad('Unknown preset.');
		const order = { Id: ++seq, OrderNumber: 5000 + seq, Status: 'Draft', Created: sim.now().toISOString(), Agent: { Id: b.AgentId }, JobSite: { StreetNumber: b.StreetNumber, StreetName: b.StreetName, StreetLine2: b.Apartment, City: b.City, State: b.State, Zip: b.Zip, Directions: b.Directions, ListingNumber: b.ListingNumber }, Notes: b.Notes };
		s().orders.push(order);
		return ok({ Status: 'Success', Message: 'Order created', RequestId: seq, OrderId: order.Id });
	});
	sim.route('POST', '/api/orders/:id/requestremoval', (req) => {
		const order = s().orders.find((o) => String(o.Id) === req.params.id);
		if (!order) return notFound();
		if (req.rawBody === '') return bad('A JSON body is required.');
		const due = (body(req).DueDate as string) ?? '2026-12-31T00:00:00.000Z';
		Object.assign(order, { RemovalRequestDate: new Date().toISOString(), RemovalDueDate: due });
		return ok({ DueDate: due });
	});

	const presetCreate = (list: () => Rec[], asList: boolean) => (req: SimRequest) => {
		const b = body(req);
		if (!b.InstallId || !b.PresetId || typeof b.OverridePriceLimit !== 'boolean') return bad('InstallId, PresetId and OverridePriceLimit are required.');
		if (!s().orders.some((o) => o.Id === b.InstallId)) return bad('Unknown install.');
		const rec = { Id: ++seq, OrderNumber: 6000 + seq, Status: 'Draft', Notes: b.Notes ?? null, InstallId: b.InstallId };
		list().push(rec);
		return ok(asList ? [rec] : rec);
	};
	sim.route('GET', '/api/services', (req) => odata(s().services, req.query));
	sim.route('GET', '/api/services/:id', byId(() => s().services));
	sim.route('POST', '/api/services', presetCreate(() => s().services, true));
	sim.route('GET', '/api/changeorders', (req) => odata(s().changeOrders, req.query));
	sim.route('GET', '/api/changeorders/:id', byId(() => s().changeOrders));
	sim.route('POST', '/api/changeorders', presetCreate(() => s().changeOrders, false));

	sim.route('GET', '/api/credits/awards', (req) => odata(withQuery(s().awards, req, { awardedTo: 'AwardedTo.Id' }), req.query));
	sim.route('POST', '/api/credits/awards', (req) => {
		const b = body(req);
		if (!b.Name || typeof b.TotalAmount !== 'number') return bad('Name and TotalAmount are required.');
		const award = { Id: ++seq, ...b, RemainingAmount: b.TotalAmount };
		s().awards.push(award);
		return ok(award);
	});
	sim.route('GET', '/api/enterprises', (req) => odata(s().enterprises, req.query));
	sim.route('GET', '/api/offices', (req) => odata(withQuery(s().offices, req, { enterpriseId: 'EnterpriseId' }).map(({ Id, Name }) => ({ Id, Name })), req.query));
	sim.route('GET', '/api/orderpresets', (req) => odata(s().presets, req.query));
	return sim;
}
