/** Prefactor: the security suite, and payloads that must be JSON objects. */
import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import type { SecurityTargets } from '../harness/security';
import { securitySuite, WRONG } from '../harness/security';
import { usePrefactor } from '../prefactor/kit';
import { PREFACTOR_TOKEN } from '../sim/prefactor';
import { secretSuite } from './secretSuite';

const kit = usePrefactor();

const raise = { resource: 'alert', operation: 'raise', agentInstanceId: 'inst_done', name: 'latency', severity: 'error' };

const targets: SecurityTargets = {
	displayName: 'Prefactor',
	secret: PREFACTOR_TOKEN,
	credentials: (baseUrl) => ({ apiToken: PREFACTOR_TOKEN, baseUrl }),
	where: 'Base URL',
	read: { params: { resource: 'agent', operation: 'get', agentId: 'agent_1' }, path: '/agent/agent_1' },
	write: { params: { resource: 'person', operation: 'create', email: 'once@example.com', name: 'Once' }, method: 'POST', path: '/person' },
	credentialPath: '/ping',
	foreignJson: { ok: true },
	wrongTypes: [
		['an object as the instance ID', { resource: 'agentInstance', operation: 'get', agentInstanceId: WRONG.object }, 'Agent Instance ID'],
		['a list as the instance ID', { resource: 'agentInstance', operation: 'get', agentInstanceId: WRONG.list }, 'Agent Instance ID'],
		['a one-entry list as the instance ID (refused on purpose)', { resource: 'agentInstance', operation: 'get', agentInstanceId: WRONG.oneEntry }, 'Agent Instance ID'],
		['null as the instance ID', { resource: 'agentInstance', operation: 'get', agentInstanceId: WRONG.null }, 'Agent Instance ID'],
		['a boolean as the instance ID', { resource: 'agentInstance', operation: 'get', agentInstanceId: WRONG.boolean }, 'Agent Instance ID'],
		['"abc" in a number field', { resource: 'utility', operation: 'generateIds', count: 'abc' }, 'Count'],
		['an object in a text field', { resource: 'person', operation: 'create', email: WRONG.object, name: 'Once' }, 'Email'],
		['42 as the alert Payload', { ...raise, payload: '42' }, 'Payload'],
		['a list as the alert Payload', { ...raise, payload: '[1, 2]' }, 'Payload'],
		['null as the alert Payload', { ...raise, payload: 'null' }, 'Payload'],
		['a number from an expression as the span Payload', { resource: 'agentSpan', operation: 'create', agentInstanceId: 'inst_1', schemaName: 'agent:llm', status: 'active', payload: '={{ 42 }}' }, 'Payload'],
	],
};

securitySuite(kit, targets);
secretSuite(kit, targets, new PrefactorApi());


test('Prefactor: a quality payload may be null (it removes the payload), but not a number', async () => {
	const quality = { resource: 'agentInstance', operation: 'recordQuality', agentInstanceId: 'inst_1', name: 'accuracy' };
	const number = await kit.run({ ...quality, payload: '7' });
	expect(number.error?.message).toBe('Payload: must be a JSON object (or null), not the number 7');
	expect(kit.sim.log).toEqual([]);
	await kit.run({ ...quality, payload: 'null' });
	expect(kit.sim.log.map((r) => (r.body as { details?: { payload?: unknown } }).details?.payload ?? (r.body as { payload?: unknown }).payload)).toEqual([null]);
});
