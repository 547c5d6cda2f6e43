/**
 * Open To Close specifics: limit/offset paging (50 for properties), the token in the query and
 * never in outputs, HTML login pages, documented checks, delete warnings, and the fault suite.
 */
import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToClose } from '../../packages/opentoclose/nodes/OpenToClose/OpenToClose.node';
import { runListSearch } from '../harness/engine';
import { faultSuite } from '../harness/faults';
import { OTC_TOKEN } from '../sim/opentoclose';
import { useOpenToClose } from './kit';

const kit = useOpenToClose();

const seedContacts = (count: number) => {
	kit.sim.state.collections.contacts = Array.from({ length: count }, (_, i) => ({ id: i + 1, first_name: 'C', last_name: `N${i}` }));
};

describe('paging', () => {
	test('Return All pages by 100 and stops on the short page', async () => {
		seedContacts(230);
		const items = kit.json(await kit.run({ resource: 'contact', operation: 'getAll', returnAll: true }));
		expect(items.map((i) => i.id)).toEqual(Array.from({ length: 230 }, (_, i) => i + 1));
		expect(kit.sim.log.map((r) => [r.query.limit, r.query.offset])).toEqual([['100', '0'], ['100', '100'], ['100', '200']]);
	});

	test('an empty page ends paging on an exact multiple', async () => {
		seedContacts(100);
		expect(kit.json(await kit.run({ resource: 'contact', operation: 'getAll', returnAll: true }))).toHaveLength(100);
		expect(kit.sim.log).toHaveLength(2);
	});

	test('properties page by at most 50', async () => {
		kit.sim.state.properties = Array.from({ length: 120 }, (_, i) => ({ id: i + 1, created: 'x', timezone: 'UTC', field_values: [] }));
		const items = kit.json(await kit.run({ resource: 'property', operation: 'getAll', returnAll: true }));
		expect(items).toHaveLength(120);
		expect(kit.sim.log.map((r) => r.query.limit)).toEqual(['50', '50', '50']);
	});

	test('Limit asks for just that many, with the documented filters', async () => {
		kit.sim.state.collections.agents = Array.from({ length: 30 }, (_, i) => ({ id: i + 1, status: 'Active', team_id: 1 }));
		const items = kit.json(await kit.run({ resource: 'agent', operation: 'getAll', returnAll: false, limit: 2, filters: { status: 'Active', teamId: 1, sort: 'last_name' } }));
		expect(items).toHaveLength(2);
		expect(kit.sim.log[0].query).toEqual({ status: 'Active', team_id: '1', sort: 'last_name', limit: '2', offset: '0', api_token: OTC_TOKEN });
	});
});

describe('documented rules', () => {
	test('a contact needs one of email, phone, first or last name: refused before any request', async () => {
		const { error } = await kit.run({ resource: 'contact', operation: 'create', additionalFields: { city: 'Austin' } });
		expect(error?.message).toBe('Set at least one of these fields: email, phone, first_name, last_name');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('field errors from the API are shown', async () => {
		const { error } = await kit.run({ resource: 'propertyNote', operation: 'create', propertyId: '1', description: '={{ "" }}' });
		expect(error?.message).toBe('Description: a value is required');
		kit.sim.inject({ kind: 'status', status: 400, body: { message: 'Invalid request', errors: { description: ['This field is required.'] } } }, { method: 'POST' });
		const api = await kit.run({ resource: 'propertyNote', operation: 'create', propertyId: '1', description: 'x' });
		expect(api.error?.message).toBe('Invalid request');
		expect(api.error?.description).toContain('"description":["This field is required."]');
	});

	test('an unknown property field key or choice is named before the create', async () => {
		const badKey = await kit.run({ resource: 'property', operation: 'create', teamMemberId: { __rl: true, mode: 'id', value: '26392' }, title: 'T', clientType: 'Buyer', status: 'Closed', additionalFields: { extraFields: '{"no_such_field": 1}' } });
		expect(badKey.error?.message).toBe('Property field "no_such_field" does not exist in this Open To Close account');
		const badChoice = await kit.run({ resource: 'property', operation: 'create', teamMemberId: { __rl: true, mode: 'id', value: '26392' }, title: 'T', clientType: 'Landlord', status: 'Closed' });
		expect(badChoice.error?.message).toBe('"Landlord" is not an option of Client Type');
		expect(badChoice.error?.description).toContain('Buyer, Seller, Dual');
		expect(kit.sim.requests('POST')).toHaveLength(0);
	});

	test('choices can be sent as their title text', async () => {
		await kit.run({ resource: 'property', operation: 'create', teamMemberId: { __rl: true, mode: 'id', value: '26392' }, title: 'T', clientType: 'Buyer', status: 'Closed', additionalFields: { choicesAsText: true } });
		expect((kit.sim.requests('POST')[0].body as { fields: unknown[] }).fields).toEqual([{ id: 926565, value: 'T' }, { id: 926553, value: 'Buyer' }, { id: 926554, value: 'Closed' }]);
	});

	test('delete operations warn that deleting is permanent and suggest Inactive', () => {
		const notices = new OpenToClose().description.properties.filter((p) => p.type === 'notice').map((p) => p.displayName);
		expect(notices).toContain('Deleting is permanent and cannot be undone. To keep the history, update the record and set its status to Inactive instead.');
	});

	test('operations never seen working live say so', () => {
		const agentOps = new OpenToClose().description.properties.find((p) => p.name === 'operation' && p.displayOptions?.show?.resource?.[0] === 'agent');
		const create = agentOps?.options?.find((o) => 'value' in o && o.value === 'create') as { description: string };
		expect(create.description).toContain('beta: not verified against the live API');
	});
});

describe('credential', () => {
	test('the token goes in the query, is never in outputs, and the credential test checks it', async () => {
		const good = await kit.testCredential({ apiToken: OTC_TOKEN, baseUrl: kit.baseUrl });
		expect(good.error).toBeUndefined();
		// The field schema: every account has one, so the test never meets an empty list.
		expect(kit.sim.log[0]).toMatchObject({ method: 'GET', path: '/propertyFields', query: { api_token: OTC_TOKEN } });
		const bad = await kit.testCredential({ apiToken: 'wrong_token_123', baseUrl: kit.baseUrl });
		expect(bad.error).toBeDefined();
	});

	test('a 200 HTML login page is an error that says to check the token', async () => {
		kit.sim.inject({ kind: 'status', status: 200, raw: '<html><body>Login</body></html>', headers: { 'content-type': 'text/html' } }, { path: '/agents' });
		const { error } = await kit.run({ resource: 'agent', operation: 'getAll', returnAll: false, limit: 5 });
		expect(error?.message).toBe("Open To Close answered 200 with an HTML page instead of JSON: check the credential's token and base URL");
	});

	test('team members are listed for the property create picker', async () => {
		const { results } = await runListSearch(
			{ nodeType: new OpenToClose(), credentialTypes: [new OpenToCloseApi()], credentials: { openToCloseApi: { apiToken: OTC_TOKEN, baseUrl: kit.baseUrl } }, parameters: { resource: 'property', operation: 'create' } },
			'searchTeamMembers',
		);
		expect(results).toEqual([{ name: 'Pat Perry (Perry Team)', value: '26392' }, { name: 'Sam Lee (Perry Team)', value: '26393' }]);
	});
});

faultSuite(kit, {
	displayName: 'Open To Close',
	read: { params: { resource: 'contact', operation: 'get', contactId: '1' }, path: '/contacts/1' },
	write: { params: { resource: 'propertyNote', operation: 'create', propertyId: '1', description: 'once only' }, method: 'POST', path: '/properties/1/notes' },
	pathParam: { params: (id) => ({ resource: 'contact', operation: 'get', contactId: id }), prefix: '/contacts/' },
});
