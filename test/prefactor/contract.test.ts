/**
 * Pieces of the Prefactor contract the node once missed (issue #13, part 3): Agent → Find takes
 * an Environment ID, and span create carries its idempotency key where either SDK puts it, so a
 * retried create is stored once whichever place the server reads. Exact requests asserted.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { usePrefactor } from './kit';

const kit = usePrefactor();

describe('Agent → Find', () => {
	const seeded = ['run_env1_a', 'run_env1_b', 'run_env2_a'];
	beforeAll(() => {
		kit.sim.state.agent_instance.push(
			{ type: 'agent_instance', id: seeded[0], agent_id: 'agent_1', environment_id: 'env_1', status: 'complete' },
			{ type: 'agent_instance', id: seeded[1], agent_id: 'agent_1', environment_id: 'env_1', status: 'active' },
			{ type: 'agent_instance', id: seeded[2], agent_id: 'agent_1', environment_id: 'env_2', status: 'active' },
		);
	});
	afterAll(() => {
		kit.sim.state.agent_instance = kit.sim.state.agent_instance.filter((i) => !seeded.includes(String(i.id)));
	});
	const find = (filters: IDataObject) => kit.run({ resource: 'agent', operation: 'show', filters: { agentId: 'agent_1', includeCounts: true, ...filters } });

	test('Environment ID is sent as environment_id and scopes the counts', async () => {
		const [scoped] = kit.json(await find({ environmentId: 'env_2' }));
		expect(kit.sim.requests('GET', '/agent/show')[0].query).toEqual({ agent_id: 'agent_1', environment_id: 'env_2', include_counts: 'true' });
		expect(scoped.counts).toEqual({ instances: 1 });
	});

	test('without it, the counts cover every environment', async () => {
		const [all] = kit.json(await find({}));
		expect(kit.sim.requests('GET', '/agent/show')[0].query).toEqual({ agent_id: 'agent_1', include_counts: 'true' });
		expect((all.counts as IDataObject).instances).toBeGreaterThan(1);
	});
});

describe.each(['top', 'details'] as const)('Agent Span → Create, server reading the key at the %s level', (place) => {
	beforeEach(() => {
		kit.sim.spanKeyIn = place;
	});
	afterAll(() => {
		kit.sim.spanKeyIn = 'top';
	});
	const create = (options: INodeParameters = {}) =>
		kit.run({
			resource: 'agentSpan',
			operation: 'create',
			agentInstanceId: 'inst_done',
			schemaName: 'agent:llm',
			status: 'active',
			payload: '{"prompt": "retry me"}',
			options,
		});

	test('a create whose answer is lost is retried with the same key and stored once', async () => {
		const before = kit.sim.state.agent_spans.length;
		kit.sim.inject({ kind: 'dropAfterCommit' }, { method: 'POST', path: '/agent_spans' });
		const [span] = kit.json(await create());
		const attempts = kit.sim.requests('POST', '/agent_spans').map((r) => r.body as IDataObject);
		expect(attempts).toHaveLength(2);
		const key = attempts[0].idempotency_key;
		expect(typeof key).toBe('string');
		for (const body of attempts) {
			expect(body.idempotency_key).toBe(key);
			expect((body.details as IDataObject).idempotency_key).toBe(key);
		}
		expect(kit.sim.state.agent_spans).toHaveLength(before + 1);
		expect(span.id).toBe(kit.sim.state.agent_spans[before].id);
	});

	test('a given key goes in both places as given', async () => {
		await create({ idempotencyKey: 'span-key-0001' });
		const [body] = kit.sim.requests('POST', '/agent_spans').map((r) => r.body as IDataObject);
		expect(body).toEqual({
			details: { agent_instance_id: 'inst_done', schema_name: 'agent:llm', status: 'active', payload: { prompt: 'retry me' }, idempotency_key: 'span-key-0001' },
			idempotency_key: 'span-key-0001',
		});
	});
});
