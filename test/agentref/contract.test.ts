/**
 * Pieces of the AgentRef contract the node once missed (issue #13, part 3): the marketing-resource
 * lists page with `limit`/`offset`, Get Recent asks for what it wants, and a webhook's program
 * scope can be removed with `programId: null`. Each test asserts the exact requests.
 */
import { AFFILIATE_KEY } from '../sim/agentref';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

const BULK = 'bulk_res_';
const seedResources = (count: number) => {
	kit.sim.state.resources = kit.sim.state.resources.filter((r) => !String(r.id).startsWith(BULK));
	for (let i = 0; i < count; i++) {
		kit.sim.state.resources.push({ id: `${BULK}${i}`, programId: 'prog_1', kind: 'links', title: `Link ${i}`, status: 'published' });
	}
};
const unseed = () => seedResources(0);
const prog1Count = () => kit.sim.state.resources.filter((r) => r.programId === 'prog_1').length;

describe.each([
	['marketingResource', '/programs/prog_1/marketing-resources', undefined],
	['myMarketingResource', '/me/programs/prog_1/marketing-resources', AFFILIATE_KEY],
])('%s → Get Many pages with limit/offset', (resource, path, key) => {
	const run = (extra: Record<string, unknown>) =>
		kit.run(
			{ resource, operation: 'getAll', programId: byId('prog_1'), ...extra },
			key ? { credentials: { apiKey: key, baseUrl: kit.baseUrl } } : undefined,
		);
	afterEach(unseed);

	test('Return All follows the pages to a short one', async () => {
		seedResources(230);
		const total = prog1Count();
		const items = kit.json(await run({ returnAll: true }));
		expect(items).toHaveLength(total);
		expect(new Set(items.map((i) => i.id)).size).toBe(total);
		expect(kit.sim.requests('GET', path).map((r) => r.query)).toEqual([
			{ limit: '100', offset: '0' },
			{ limit: '100', offset: '100' },
			{ limit: '100', offset: '200' },
		]);
	});

	test('Limit sends limit and stops there', async () => {
		seedResources(230);
		const items = kit.json(await run({ returnAll: false, limit: 30 }));
		expect(items).toHaveLength(30);
		expect(kit.sim.requests('GET', path).map((r) => r.query)).toEqual([{ limit: '30', offset: '0' }]);
	});

	test('a list shorter than a page costs one request', async () => {
		const items = kit.json(await run({ returnAll: true }));
		expect(items).toHaveLength(prog1Count());
		expect(kit.sim.log).toHaveLength(1);
	});
});

describe('Conversion → Get Recent', () => {
	test('Limit is sent as limit', async () => {
		await kit.run({ resource: 'conversion', operation: 'getRecent', limit: 3 });
		expect(kit.sim.requests('GET', '/conversions/recent').map((r) => r.query)).toEqual([{ limit: '3' }]);
	});

	test('Return All asks for the most the API gives (20), once', async () => {
		await kit.run({ resource: 'conversion', operation: 'getRecent', returnAll: true });
		expect(kit.sim.requests('GET', '/conversions/recent').map((r) => r.query)).toEqual([{ limit: '20' }]);
	});
});

describe('Webhook → Update: removing the program scope', () => {
	const scoped = () => {
		kit.sim.state.webhooks = [
			{ id: 'wh_scoped', name: 'Scoped', url: 'https://example.com/hook', status: 'active', programId: 'prog_1', schemaVersion: 2, subscribedEvents: ['conversion.created'] },
		];
	};
	afterEach(() => {
		kit.sim.state.webhooks = [];
	});

	test('Remove Program Scope sends programId: null, and the endpoint loses its scope', async () => {
		scoped();
		const [item] = kit.json(
			await kit.run({ resource: 'webhook', operation: 'update', webhookId: 'wh_scoped', updateFields: { removeProgramScope: true } }),
		);
		const [request] = kit.sim.requests('PATCH', '/webhooks/wh_scoped');
		expect(request.body).toEqual({ programId: null });
		expect(item.programId).toBeNull();
		expect(kit.sim.state.webhooks[0].programId).toBeNull();
	});

	test('left off, the scope is not touched', async () => {
		scoped();
		await kit.run({ resource: 'webhook', operation: 'update', webhookId: 'wh_scoped', updateFields: { name: 'Renamed', removeProgramScope: false } });
		expect(kit.sim.requests('PATCH', '/webhooks/wh_scoped')[0].body).toEqual({ name: 'Renamed' });
		expect(kit.sim.state.webhooks[0].programId).toBe('prog_1');
	});

	test('a Program and Remove Program Scope together are refused before any request', async () => {
		scoped();
		const result = await kit.run({
			resource: 'webhook',
			operation: 'update',
			webhookId: 'wh_scoped',
			updateFields: { programId: byId('prog_2'), removeProgramScope: true },
		});
		expect(result.error?.message).toMatch(/Remove Program Scope/);
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a Program added but left empty is refused with its name, and the scope is not touched', async () => {
		scoped();
		for (const programId of [byId(''), byId('  '), { __rl: true, mode: 'list', value: '' }]) {
			const result = await kit.run({ resource: 'webhook', operation: 'update', webhookId: 'wh_scoped', updateFields: { name: 'Renamed', programId } });
			expect(result.error?.message).toBe('Program: is empty: pick one from the list, enter an ID, or remove the field');
		}
		expect(kit.sim.log).toHaveLength(0);
		expect(kit.sim.state.webhooks[0]).toMatchObject({ name: 'Scoped', programId: 'prog_1' });
	});
});
