/**
 * Prefactor specifics: a run's lifecycle end to end, nested inputs validated before sending,
 * the error envelope with every field error, body idempotency keys, paging by
 * next_page_offset, and the fault-injection suite.
 */

import { faultSuite } from '../harness/faults';
import { PREFACTOR_TOKEN } from '../sim/prefactor';
import { usePrefactor } from './kit';

const kit = usePrefactor();

const register = { resource: 'agentInstance', operation: 'register', agentVersionName: 'Support Bot', agentVersionIdentifier: '1.0.0', schemaVersionIdentifier: 'v1' };

test('a run: register, start, finish as failed', async () => {
	const [instance] = kit.json(await kit.run(register));
	expect(instance.status).toBe('pending');
	const [started] = kit.json(await kit.run({ resource: 'agentInstance', operation: 'start', agentInstanceId: instance.id as string, timestamp: '={{ $now.toISO() }}' }));
	expect(started.status).toBe('active');
	const [finished] = kit.json(await kit.run({ resource: 'agentInstance', operation: 'finish', agentInstanceId: instance.id as string, status: 'failed', timestamp: '={{ $now.toISO() }}' }));
	expect(finished).toMatchObject({ id: instance.id, status: 'failed' });
	expect(Date.parse(String(finished.finished_at))).toBeGreaterThan(Date.now() - 60_000);
	const again = await kit.run({ resource: 'agentInstance', operation: 'finish', agentInstanceId: instance.id as string, status: 'complete', timestamp: '={{ $now.toISO() }}' });
	expect(again.error?.httpCode).toBe('409');
	expect(again.error?.message).toBe('Instance already finished');
	expect(again.error?.description).toContain('already finished');
});

test('span type schemas are checked before sending', async () => {
	const notArray = await kit.run({ ...register, additionalFields: { spanTypeSchemas: '{"name": "x"}' } });
	expect(notArray.error?.message).toBe('Span Type Schemas: must be a JSON array');
	const noParams = await kit.run({ ...register, additionalFields: { spanTypeSchemas: '[{"name": "agent:llm"}]' } });
	expect(noParams.error?.message).toBe('Span Type Schemas: item 1 ("agent:llm") needs a "params_schema" object');
	const badJson = await kit.run({ ...register, additionalFields: { spanTypeSchemas: '[{"name": ' } });
	expect(badJson.error?.message).toBe('Span Type Schemas: is not valid JSON');
	expect(kit.sim.log).toHaveLength(0);
});

test('validation errors show every field error', async () => {
	kit.sim.inject({ kind: 'status', status: 422, body: { status: 'error', code: 'validation_errors', message: 'Validation failed', errors: { agent_id: ['Required field'], name: ['too long'] } } }, { method: 'POST' });
	const { error } = await kit.run({ resource: 'agent', operation: 'create', name: 'x' });
	expect(error?.message).toBe('Validation failed');
	expect(error?.description).toContain('Code: validation_errors');
	expect(error?.description).toContain('"agent_id":["Required field"]');
	expect(error?.description).toContain('"name":["too long"]');
});

test('an API token created shows its secret once, and the deployment scope is checked first', async () => {
	const bad = await kit.run({ resource: 'apiToken', operation: 'create', tokenScope: 'agent_deployment' });
	expect(bad.error?.message).toBe('An agent deployment token needs both Agent ID and Environment ID');
	expect(kit.sim.log).toHaveLength(0);
});

test('Return All follows next_page_offset', async () => {
	kit.sim.state.team = Array.from({ length: 230 }, (_, i) => ({ id: `team_${i}`, name: `T${i}` }));
	const items = kit.json(await kit.run({ resource: 'team', operation: 'getAll', returnAll: true }));
	expect(items).toHaveLength(230);
	expect(kit.sim.log.map((r) => r.query['pagination[offset]'])).toEqual(['0', '100', '200']);
});

test('a base URL given with /api/v1 is trimmed, and the credential test pings', async () => {
	// The simulator's base URL ends in /api/v1, as users often paste it.
	expect(kit.baseUrl).toMatch(/\/api\/v1$/);
	const ok = await kit.testCredential({ apiToken: PREFACTOR_TOKEN, baseUrl: `${kit.baseUrl}/` });
	expect(ok.error).toBeUndefined();
	expect(kit.sim.log[0]).toMatchObject({ method: 'GET', path: '/ping' });
	const items = kit.json(await kit.run({ resource: 'utility', operation: 'ping' }, { credentials: { apiToken: PREFACTOR_TOKEN, baseUrl: kit.baseUrl } }));
	expect(items).toEqual([{ token_type: 'api' }]);
	const bad = await kit.testCredential({ apiToken: 'pf_wrong_token', baseUrl: kit.baseUrl });
	expect(bad.error).toBeDefined();
});

test('bulk items are checked for keys and types before sending', async () => {
	const { error } = await kit.run({ resource: 'utility', operation: 'bulk', items: '[{"_type": "agents/list", "idempotency_key": "short"}]' });
	expect(error?.message).toBe('Items: every item needs an idempotency_key of 8 to 64 characters');
	expect(kit.sim.log).toHaveLength(0);
});

faultSuite(kit, {
	displayName: 'Prefactor',
	read: { params: { resource: 'agent', operation: 'get', agentId: 'agent_1' }, path: '/agent/agent_1' },
	write: { params: { resource: 'person', operation: 'create', email: 'once@example.com', name: 'Once' }, method: 'POST', path: '/person' },
	keyedWrite: {
		params: { ...register, additionalFields: { agentId: 'agent_1' } },
		path: '/agent_instance/register',
		created: (sim) => sim.state.agent_instance.filter((i) => i.agent_id === 'agent_1').length,
	},
	pathParam: { params: (id) => ({ resource: 'agentInstance', operation: 'get', agentInstanceId: id }), prefix: '/agent_instance/' },
});
