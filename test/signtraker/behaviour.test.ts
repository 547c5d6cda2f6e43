/**
 * SignTraker specifics: OData paging with $top/$skip, the API's rules as clear errors,
 * the subdomain that can never point the key elsewhere, and the fault-injection suite.
 */
import { SignTrakerApi } from '../../credentials/SignTrakerApi.credentials';
import { signTrakerService } from '../../nodes/SignTraker/service';
import { SignTraker } from '../../nodes/SignTraker/SignTraker.node';
import { runListSearch } from '../harness/engine';
import { faultSuite } from '../harness/faults';
import { SIGNTRAKER_KEY } from '../sim/signtraker';
import { byId, useSignTraker } from './kit';

const kit = useSignTraker();

const seedAgents = (count: number) => {
	kit.sim.state.agents = kit.sim.state.agents.filter((a) => Number(a.Id) < 1000);
	for (let i = 0; i < count; i++) kit.sim.state.agents.push({ Id: 1000 + i, FirstName: 'Bulk', LastName: `B${i}`, Email: `b${i}@x.com` });
};

describe('OData paging', () => {
	test('Return All pages with $top/$skip at 100 and stops on the short page', async () => {
		seedAgents(250);
		const items = kit.json(await kit.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { filter: "FirstName eq 'Bulk'" } }));
		expect(items.map((i) => i.Id)).toEqual(Array.from({ length: 250 }, (_, i) => 1000 + i));
		expect(kit.sim.log.map((r) => [r.query.$top, r.query.$skip])).toEqual([['100', '0'], ['100', '100'], ['100', '200']]);
	});

	test('an exact multiple of the page size costs one extra, empty page', async () => {
		seedAgents(200);
		const items = kit.json(await kit.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { filter: "FirstName eq 'Bulk'" } }));
		expect(items).toHaveLength(200);
		expect(kit.sim.log).toHaveLength(3);
	});

	test('Limit asks for just that many', async () => {
		seedAgents(250);
		const items = kit.json(await kit.run({ resource: 'agent', operation: 'getAll', returnAll: false, limit: 7, filters: { filter: "FirstName eq 'Bulk'" } }));
		expect(items).toHaveLength(7);
		expect(kit.sim.log.map((r) => r.query.$top)).toEqual(['7']);
	});

	test('the exact-email lookup sends email, not an OData filter', async () => {
		const items = kit.json(await kit.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { email: 'agent3@example.com' } }));
		expect(items).toEqual([expect.objectContaining({ Id: 3 })]);
		expect(kit.sim.log[0].query).toMatchObject({ email: 'agent3@example.com' });
	});

	test('a malformed filter gets the API message', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'getAll', returnAll: true, filters: { filter: 'LastName is Smith' } });
		expect(error?.message).toBe('The query specified in the URI is not valid. Could not parse the filter.');
		expect(error?.httpCode).toBe('400');
	});
});

describe('documented rules', () => {
	test('an update may not make an agent a manager: refused before any request', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'update', agentId: byId(2), updateFields: { mergePatch: '{"IsManager": true}' } });
		expect(error?.message).toContain('cannot turn an agent into a manager');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a National Account agent: the API message plus the rule', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'update', agentId: byId(12), updateFields: { notes: 'x' } });
		expect(error?.message).toBe('Agents synced from a National Account cannot be updated.');
		expect(error?.description).toContain('National Account');
		expect(kit.sim.log).toHaveLength(1);
	});

	test('a 404 with an empty body still says what happened', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'get', agentId: byId(999) });
		expect(error?.message).toBe('SignTraker answered 404 Not found');
		expect(error?.httpCode).toBe('404');
	});

	test('create with missing fields shows every field error', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'create', userName: 'u', email: 'e@x.com', firstName: 'F', lastName: 'L', officeId: byId(10), cellularPhone: '={{ "" }}', paymentMode: 'Terms' });
		expect(error?.message).toBe('Cellular Phone: a value is required');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('invalid merge-patch JSON is named before any request', async () => {
		const { error } = await kit.run({ resource: 'agent', operation: 'update', agentId: byId(2), updateFields: { mergePatch: '{"Notes": ' } });
		expect(error?.message).toBe('Merge Patch JSON: is not valid JSON');
		expect(kit.sim.log).toHaveLength(0);
	});
});

describe('credential', () => {
	test.each(['evil.com/x', 'a.b', 'under_score', '-dash', ''])('subdomain "%s" is refused before any request', async (subdomain) => {
		const { error } = await kit.run({ resource: 'agent', operation: 'get', agentId: byId(1) }, { credentials: { apiKey: SIGNTRAKER_KEY, subdomain, baseUrl: '' } });
		expect(error?.message).toContain('one DNS label');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a valid subdomain builds the tenant host, for the node and for the credential test', async () => {
		expect(signTrakerService.baseUrl({ apiKey: SIGNTRAKER_KEY, subdomain: 'theperrygroup', baseUrl: '' })).toBe('https://theperrygroup.signtraker.com');
		const credentialTest = new SignTrakerApi().test.request.baseURL as string;
		expect(credentialTest).toContain("'https://' + $credentials.subdomain + '.signtraker.com'");
	});

	test('the credential test passes with the key and fails without it', async () => {
		const good = await kit.testCredential({ apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl: kit.baseUrl });
		expect(good.error).toBeUndefined();
		expect(kit.sim.log[0]).toMatchObject({ method: 'GET', path: '/api/enterprises', query: { $top: '1' } });
		const bad = await kit.testCredential({ apiKey: 'wrong-key-000', subdomain: '', baseUrl: kit.baseUrl });
		expect(bad.error).toBeDefined();
	});

	test('agents are searched with OData for the resource locator', async () => {
		const { results } = await runListSearch(
			{ nodeType: new SignTraker(), credentialTypes: [new SignTrakerApi()], credentials: { signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl: kit.baseUrl } }, parameters: { resource: 'agent', operation: 'get' } },
			'searchAgents',
			"smith03",
		);
		expect(results).toEqual([{ name: 'Ann Smith03', value: '3' }]);
		expect(kit.sim.log[0].query.$filter).toBe("contains(LastName,'smith03') or contains(FirstName,'smith03') or contains(Email,'smith03')");
	});
});

faultSuite(kit, {
	displayName: 'SignTraker',
	read: { params: { resource: 'enterprise', operation: 'getAll', returnAll: false, limit: 5 }, path: '/api/enterprises', list: true },
	write: { params: { resource: 'order', operation: 'create', agentId: byId(1), presetId: byId(20) }, method: 'POST', path: '/api/orders' },
	pathParam: { params: (id) => ({ resource: 'order', operation: 'get', orderId: id }), prefix: '/api/orders/' },
});
