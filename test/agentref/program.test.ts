import { MERCHANT_KEY } from '../sim/agentref';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

test('Program › Get sends GET /programs/{id} with the bearer key and outputs the record', async () => {
	const result = await kit.run({ resource: 'program', operation: 'get', programId: byId('prog_1') });
	expect(kit.json(result)).toEqual([expect.objectContaining({ id: 'prog_1', name: 'Test Program', readiness: 'ready' })]);
	const [req] = kit.sim.log;
	expect(req).toMatchObject({ method: 'GET', path: '/programs/prog_1', query: {}, rawBody: '' });
	expect(req.headers.authorization).toBe(`Bearer ${MERCHANT_KEY}`);
});

test('Program › Create posts the body with an idempotency key', async () => {
	const result = await kit.run({
		resource: 'program',
		operation: 'create',
		name: 'New Program',
		commissionType: 'one_time',
		commissionPercent: 15,
		options: { idempotencyKey: 'idem-1' },
	});
	const [req] = kit.sim.log;
	expect(req.method).toBe('POST');
	expect(req.body).toEqual({ name: 'New Program', commissionType: 'one_time', commissionPercent: 15 });
	expect(req.headers['idempotency-key']).toBe('idem-1');
	expect(kit.json(result)[0]).toMatchObject({ name: 'New Program', status: 'active' });
});

test('Program › Get Many with Return All pages at 100', async () => {
	for (let i = 0; i < 250; i++) kit.sim.state.programs.push({ id: `bulk_${i}`, name: `Bulk ${i}`, status: 'paused' });
	const result = await kit.run({ resource: 'program', operation: 'getAll', returnAll: true, filters: { status: 'paused' } });
	expect(kit.json(result)).toHaveLength(250);
	expect(kit.sim.log.map((r) => r.query)).toEqual([
		{ status: 'paused', page: '1', pageSize: '100' },
		{ status: 'paused', page: '2', pageSize: '100' },
		{ status: 'paused', page: '3', pageSize: '100' },
	]);
});

test('Program › Get with an unknown id maps the API error', async () => {
	const result = await kit.run({ resource: 'program', operation: 'get', programId: byId('../billing') });
	expect(kit.sim.log[0].path).toBe('/programs/..%2Fbilling');
	expect(result.error?.message).toBe('Program not found: ../billing');
	expect(result.error?.description).toContain('Code: NOT_FOUND');
});

test('credential test passes with a good key and fails with a bad one', async () => {
	const good = await kit.testCredential({ apiKey: MERCHANT_KEY, baseUrl: kit.baseUrl });
	expect(good.error).toBeUndefined();
	expect(kit.sim.log[0]).toMatchObject({ method: 'GET', path: '/me' });
	const bad = await kit.testCredential({ apiKey: 'ak_live_wrong', baseUrl: kit.baseUrl });
	expect(bad.error).toBeDefined();
});
