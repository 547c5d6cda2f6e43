/**
 * A stateful Open To Close simulator, faithful to ../shared/apis/opentoclose.md: the
 * `api_token` query parameter, bare arrays paged by limit/offset (100 at most, 50 for
 * properties), property create only at `POST /properties/` (405 without the slash) with
 * tenant field IDs, property contacts without update or delete (405), `{message}` errors.
 */
import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

type Rec = Record<string, unknown>;

export const OTC_TOKEN = 'otc_sim_token_abcdef';

export const PROPERTY_FIELDS = [
	{
		group: {
			title: 'Contract',
			sections: [
				{
					section: {
						title: 'Basics',
						fields: [
							{ id: 926565, key: 'contract_title', title: 'Contract Title', type: 'text' },
							{ id: 926553, key: 'contract_client_type', title: 'Client Type', type: 'choice', options: [{ id: 797212, title: 'Buyer' }, { id: 797213, title: 'Seller' }, { id: 797214, title: 'Dual' }] },
							{ id: 926554, key: 'contract_status', title: 'Contract Status', type: 'choice', options: [{ id: 800001, title: 'Listing - Pre-MLS' }, { id: 800002, title: 'Listing- Active' }, { id: 800003, title: 'Under Contract' }, { id: 800004, title: 'Closed' }] },
						],
					},
				},
				{ section: { title: 'Money', fields: [{ id: 926570, key: 'purchase_amount', title: 'Purchase Amount', type: 'text' }] } },
			],
		},
	},
	{ group: { title: 'Property', sections: [{ section: { title: 'Address', fields: [{ id: 926580, key: 'property_city', title: 'City', type: 'text' }] } }] } },
];

export interface OpenToCloseState {
	collections: Record<string, Rec[]>;
	properties: Rec[];
	/** The tenant's field schema; PROPERTY_FIELDS unless a run adds fields (start-sims' demo tenant adds the address). */
	propertyFields?: typeof PROPERTY_FIELDS;
}

export interface OpenToCloseSim extends SimServer {
	state: OpenToCloseState;
}

const fail = (status: number, message: string, extra: Rec = {}): SimResponse => ({ status, body: { message, ...extra } });
const ok = (body: unknown, status = 200): SimResponse => ({ status, body });

export function seedOpenToClose(): OpenToCloseState {
	const people = (prefix: string, n: number) =>
		Array.from({ length: n }, (_, i) => ({ id: i + 1, first_name: prefix, last_name: `Person${i + 1}`, email: `${prefix.toLowerCase()}${i + 1}@example.com`, status: 'Active' }));
	return {
		collections: {
			agents: people('Agent', 3),
			contacts: people('Contact', 3),
			users: people('User', 2),
			teams: [{ id: 1, name: 'Perry Team', team_members: [{ id: 26392, first_name: 'Pat', last_name: 'Perry' }, { id: 26393, first_name: 'Sam', last_name: 'Lee' }] }, { id: 2, name: 'Empty Team', team_members: [] }],
			tags: [{ id: 1, name: 'Hot', category: 'lead', is_active: true }, { id: 2, name: 'Old', category: 'lead', is_active: false }],
			'properties/1/contacts': [{ id: 7484664, priority: '', property: { id: 1 }, contact: { id: 1 }, contact_role: [] }],
			'properties/1/documents': [{ id: 1, name: 'Contract.pdf', type: 'contract' }, { id: 2, name: 'Old.pdf', type: 'other' }],
			'properties/1/emails': [{ id: 1, subject: 'Hello', status: 'sent' }, { id: 2, subject: 'Draft', status: 'draft' }],
			'properties/1/notes': [{ id: 1, description: 'Called the buyer' }, { id: 2, description: 'Old note' }],
			'properties/1/tasks': [{ id: 1, title: 'Inspection', status: 'pending' }, { id: 2, title: 'Old task', status: 'completed' }],
		},
		properties: [{ id: 1, created: '2025-05-22 05:01:56', timezone: 'US/Mountain', field_values: [{ id: 1, key: 'contract_title', label: 'Contract Title', type: 'text', value: '12 Main St' }] }],
	};
}

export function createOpenToCloseSim(): OpenToCloseSim {
	const sim = new SimServer(
		'/v1',
		() => fail(404, 'Not found'),
		(req) => (req.query.api_token === OTC_TOKEN ? undefined : fail(401, 'Invalid API token')),
	) as OpenToCloseSim;
	sim.state = seedOpenToClose();
	let seq = 5000;
	const body = (req: SimRequest) => (req.body ?? {}) as Rec;
	// One collator for every sort: localeCompare with options builds one per comparison (slow on thousands of records).
	const numeric = new Intl.Collator('en', { numeric: true });
	const page = (list: Rec[], req: SimRequest, max = 100) => {
		const limit = Number(req.query.limit ?? 20);
		const offset = Number(req.query.offset ?? 0);
		if (!Number.isInteger(limit) || limit < 1 || limit > max) return fail(400, `limit must be between 1 and ${max}`);
		let filtered = list.filter((r) => Object.entries(req.query).every(([k, v]) => ['limit', 'offset', 'api_token', 'sort', 'search', 'sort_by', 'sort_dir'].includes(k) || String(r[k]) === v));
		// sort_by/sort_dir as reported for contacts by a third party (numbers compare as numbers).
		const by = req.query.sort_by;
		if (by) {
			const dir = req.query.sort_dir === 'desc' ? -1 : 1;
			filtered = [...filtered].sort((a, b) => (numeric.compare(String(a[by]), String(b[by])) || 0) * dir);
		}
		return ok(filtered.slice(offset, offset + limit));
	};
	const key = (req: SimRequest, resource: string) => (req.params.pid ? `properties/${req.params.pid}/${resource}` : resource);
	const coll = (name: string) => (sim.state.collections[name] ??= []);

	const crudRoutes = (base: string, resource: string, opts: { noWrite?: boolean; required?: string } = {}) => {
		sim.route('GET', base, (req) => page(coll(key(req, resource)), req));
		sim.route('POST', base, (req) => {
			const b = body(req);
			if (opts.required && !b[opts.required]) return fail(400, 'Invalid request', { errors: { [opts.required]: ['This field is required.'] } });
			if ('name' in b && resource === 'contacts') return fail(400, 'Unknown field: name');
			const rec = { id: ++seq, ...b };
			coll(key(req, resource)).push(rec);
			return ok(rec, 201);
		});
		sim.route('GET', `${base}/:id`, (req) => {
			const rec = coll(key(req, resource)).find((r) => String(r.id) === req.params.id);
			return rec ? ok(rec) : fail(404, 'Not found');
		});
		for (const method of ['PUT', 'DELETE']) {
			sim.route(method, `${base}/:id`, (req) => {
				if (opts.noWrite) return { status: 405, body: { message: 'Method not allowed' }, headers: { allow: 'GET, POST' } };
				const list = coll(key(req, resource));
				const i = list.findIndex((r) => String(r.id) === req.params.id);
				if (i < 0) return fail(404, 'Not found');
				if (method === 'DELETE') {
					list.splice(i, 1);
					return { status: 204 };
				}
				return ok(Object.assign(list[i], body(req)));
			});
		}
	};
	crudRoutes('/agents', 'agents');
	crudRoutes('/contacts', 'contacts');
	crudRoutes('/users', 'users', { required: 'email' });
	crudRoutes('/teams', 'teams', { required: 'name' });
	crudRoutes('/tags', 'tags', { required: 'name' });
	crudRoutes('/properties/:pid/contacts', 'contacts', { noWrite: true, required: 'contact_id' });
	crudRoutes('/properties/:pid/documents', 'documents', { required: 'name' });
	crudRoutes('/properties/:pid/emails', 'emails');
	crudRoutes('/properties/:pid/notes', 'notes', { required: 'description' });
	crudRoutes('/properties/:pid/tasks', 'tasks', { required: 'title' });

	sim.route('GET', '/propertyFields', () => ok(sim.state.propertyFields ?? PROPERTY_FIELDS));
	// `status` filters on the contract status field (the list summaries leave the field values out).
	const statusOf = (p: Rec) => (p.field_values as Rec[] | undefined)?.find((f) => f.key === 'contract_status')?.value;
	sim.route('GET', '/properties', (req) => {
		const { status, ...query } = req.query;
		const list = sim.state.properties.filter((p) => status === undefined || statusOf(p) === status);
		return page(list.map(({ field_values: _f, ...summary }) => summary), { ...req, query }, 50);
	});
	sim.route('POST', '/properties', (req) => {
		if (req.path !== '/properties/') return { status: 405, body: { message: 'Method not allowed' }, headers: { allow: 'GET, PATCH' } };
		const b = body(req);
		const fields = b.fields as Array<{ id: number; value: unknown }> | undefined;
		if (!b.team_member_id || !Array.isArray(fields)) return fail(400, 'team_member_id and fields are required');
		const known = (sim.state.propertyFields ?? PROPERTY_FIELDS).flatMap((g) => g.group.sections.flatMap((s) => s.section.fields));
		const values = fields.map((f) => {
			const def = known.find((k) => k.id === f.id);
			if (!def) throw new Error(`unknown field ${f.id}`);
			return { id: ++seq, key: def.key, label: def.title, type: def.type, value: f.value };
		});
		const property = { id: ++seq, created: 1749039487, team_member_id: b.team_member_id, time_zone_id: b.time_zone_id, field_values: values };
		sim.state.properties.push(property);
		return ok({ id: property.id, created: property.created }, 201);
	});
	sim.route('GET', '/properties/:id', (req) => {
		const p = sim.state.properties.find((r) => String(r.id) === req.params.id);
		return p ? ok(p) : fail(404, 'Not found');
	});
	sim.route('PUT', '/properties/:id', (req) => {
		const p = sim.state.properties.find((r) => String(r.id) === req.params.id);
		if (!p) return fail(404, 'Not found');
		return ok(Object.assign(p, body(req)));
	});
	sim.route('DELETE', '/properties/:id', (req) => {
		const i = sim.state.properties.findIndex((r) => String(r.id) === req.params.id);
		if (i < 0) return fail(404, 'Not found');
		sim.state.properties.splice(i, 1);
		return { status: 204 };
	});
	return sim;
}
