/**
 * Every Prefactor operation through n8n-core against the simulator: exact request (method,
 * path, query, `details`-wrapped or flat body, body idempotency key, Bearer token) and output.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { prefactorResources } from '../../packages/prefactor/nodes/Prefactor/resources';
import { PREFACTOR_TOKEN } from '../sim/prefactor';
import type { PrefactorSim } from '../sim/prefactor';
import { expectOperation } from '../harness/operations';
import type { OperationCase } from '../harness/operations';
import { usePrefactor } from './kit';

const kit = usePrefactor();

type Case = OperationCase<PrefactorSim>;

const PAGE = { 'pagination[offset]': '0', 'pagination[page_size]': '100' };
const UUID = expect.stringMatching(/^[0-9a-f-]{36}$/);
const T = '2026-03-01T10:00:00.000Z';
const store = (name: string) => (sim: PrefactorSim) => sim.state[name];
const last = (name: string) => (items: IDataObject[], sim: PrefactorSim) => expect(items).toEqual([store(name)(sim)[store(name)(sim).length - 1]]);
const byId = (name: string, id: string) => (items: IDataObject[], sim: PrefactorSim) => expect(items).toEqual([store(name)(sim).find((r) => r.id === id)]);
const all = (name: string, filter: (r: Record<string, unknown>) => boolean = () => true) => (items: IDataObject[], sim: PrefactorSim) => expect(items).toEqual(store(name)(sim).filter(filter));

/** getAll / get / create / update / delete of one collection. */
function crud(resource: string, name: string, idParam: string, id: string, delId: string, c: { list?: [INodeParameters, Record<string, string>]; create?: [INodeParameters, IDataObject]; update?: [INodeParameters, IDataObject]; keyed?: boolean; only?: string[] }): Record<string, Case> {
	const base = `/${name}`;
	const key = c.keyed ? { idempotency_key: UUID } : {};
	const cases: Record<string, Case> = {
		getAll: { params: { returnAll: true, ...(c.list?.[0] ?? {}) }, method: 'GET', path: base, query: { ...(c.list?.[1] ?? {}), ...PAGE }, output: all(name, (r) => Object.entries(c.list?.[1] ?? {}).every(([k, v]) => r[k] === v)) },
		get: { params: { [idParam]: id }, method: 'GET', path: `${base}/${id}`, output: byId(name, id) },
		create: { params: c.create?.[0] ?? {}, method: 'POST', path: base, body: { ...(c.create?.[1] ?? {}), ...key }, output: last(name) },
		update: { params: { [idParam]: id, ...(c.update?.[0] ?? {}) }, method: 'PUT', path: `${base}/${id}`, body: c.update?.[1], output: byId(name, id) },
		delete: { params: { [idParam]: delId }, method: 'DELETE', path: `${base}/${delId}`, body: c.keyed ? { idempotency_key: UUID } : undefined, output: (items, sim) => { expect(items).toEqual([{ deleted: true }]); expect(sim.state[name].find((r) => r.id === delId)).toBeUndefined(); } },
	};
	return Object.fromEntries((c.only ?? Object.keys(cases)).map((op) => [`${resource}.${op}`, cases[op]]));
}

const cases: Record<string, Case> = {
	...crud('agent', 'agent', 'agentId', 'agent_1', 'agent_x', { keyed: true, list: [{ filters: { teamId: 'team_1' } }, { team_id: 'team_1' }], create: [{ name: 'Triage Bot', additionalFields: { externalIdentifier: 'triage', teamId: 'team_1' } }, { details: { name: 'Triage Bot', external_identifier: 'triage', team_id: 'team_1' } }], update: [{ updateFields: { description: 'Answers tickets' } }, { details: { description: 'Answers tickets' }, idempotency_key: UUID }] }),
	'agent.show': {
		params: { filters: { externalIdentifier: 'support-bot', environmentId: 'env_1', includeCounts: true } },
		method: 'GET', path: '/agent/show', query: { external_identifier: 'support-bot', environment_id: 'env_1', include_counts: 'true' },
		output: (items, sim) => expect(items).toEqual([{ ...store('agent')(sim).find((r) => r.id === 'agent_1'), counts: { instances: store('agent_instance')(sim).filter((i) => i.agent_id === 'agent_1' && i.environment_id === 'env_1').length } }]),
	},
	'agent.retire': { params: { agentId: 'agent_1' }, method: 'POST', path: '/agent/agent_1/retire', body: { idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ id: 'agent_1', status: 'retired' }) },
	'agent.reinstate': { params: { agentId: 'agent_1' }, method: 'POST', path: '/agent/agent_1/reinstate', body: { idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ id: 'agent_1', status: 'active' }) },

	'agentInstance.getAll': { params: { agentId: 'agent_1', returnAll: true }, method: 'GET', path: '/agent_instance', query: { agent_id: 'agent_1', ...PAGE }, output: all('agent_instance', (r) => r.agent_id === 'agent_1') },
	'agentInstance.get': { params: { agentInstanceId: 'inst_done' }, method: 'GET', path: '/agent_instance/inst_done', output: byId('agent_instance', 'inst_done') },
	'agentInstance.show': { params: { filters: { agentInstanceId: 'inst_done', includeCosts: true } }, method: 'GET', path: '/agent_instance/show', query: { agent_instance_id: 'inst_done', include_costs: 'true' }, output: byId('agent_instance', 'inst_done') },
	'agentInstance.register': {
		params: { agentVersionName: 'Support Bot', agentVersionIdentifier: '1.2.0', schemaVersionIdentifier: 'v2', additionalFields: { agentId: 'agent_1', environmentId: 'env_1', spanTypeSchemas: '[{"name": "agent:llm", "params_schema": {"type": "object"}}]', purpose: 'eval' } },
		method: 'POST', path: '/agent_instance/register',
		body: { agent_version: { name: 'Support Bot', external_identifier: '1.2.0' }, agent_schema_version: { external_identifier: 'v2', span_type_schemas: [{ name: 'agent:llm', params_schema: { type: 'object' } }] }, agent_id: 'agent_1', environment_id: 'env_1', purpose: 'eval', idempotency_key: UUID },
		output: (items, sim) => { last('agent_instance')(items, sim); expect(items[0]).toMatchObject({ status: 'pending', purpose: 'eval' }); },
	},
	'agentInstance.start': { params: { agentInstanceId: 'inst_new', timestamp: T }, method: 'POST', path: '/agent_instance/inst_new/start', body: { timestamp: T, idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ id: 'inst_new', status: 'active', started_at: T }) },
	'agentInstance.recordQuality': { params: { agentInstanceId: 'inst_new', name: 'helpfulness', payload: '{"score": 4}' }, method: 'POST', path: '/agent_instance/inst_new/record_quality', body: { name: 'helpfulness', payload: { score: 4 }, idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ quality_payloads: { helpfulness: { score: 4 } } }) },
	'agentInstance.terminate': { params: { agentInstanceId: 'inst_new', reason: 'Runaway cost', timestamp: T }, method: 'POST', path: '/agent_instance/inst_new/terminate', body: { reason: 'Runaway cost', timestamp: T, idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ status: 'terminated', termination_reason: 'Runaway cost' }) },
	'agentInstance.finish': { params: { agentInstanceId: 'inst_new2', status: 'failed', timestamp: T }, method: 'POST', path: '/agent_instance/inst_new2/finish', body: { status: 'failed', timestamp: T, idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ status: 'failed', finished_at: T }) },
	'agentInstance.getAgentContext': { params: { agentInstanceId: 'inst_done' }, method: 'GET', path: '/agent_instance/inst_done/agent_context', output: (items) => expect(items[0]).toMatchObject({ agent_context: { span_count: 1, body: { format: 'agent_context_v1' } } }) },

	'agentSpan.getAll': { params: { returnAll: true, filters: { agentInstanceId: 'inst_done', includeSummaries: true } }, method: 'GET', path: '/agent_spans', query: { agent_instance_id: 'inst_done', include_summaries: 'true', ...PAGE }, output: all('agent_spans', (r) => r.agent_instance_id === 'inst_done') },
	'agentSpan.get': { params: { agentSpanId: 'span_1', filters: { redacted: true } }, method: 'GET', path: '/agent_spans/span_1', query: { redacted: 'true' }, output: (items) => expect(items[0]).toMatchObject({ id: 'span_1', payload: { redacted: true } }) },
	'agentSpan.create': {
		params: { agentInstanceId: 'inst_done', schemaName: 'agent:llm', status: 'active', payload: '{"prompt": "hi"}', additionalFields: { startedAt: T } },
		method: 'POST', path: '/agent_spans', body: { details: { agent_instance_id: 'inst_done', schema_name: 'agent:llm', status: 'active', payload: { prompt: 'hi' }, started_at: T, idempotency_key: UUID }, idempotency_key: UUID },
		output: (items, sim) => { expect(items[0]).toMatchObject({ ...sim.state.agent_spans[sim.state.agent_spans.length - 1], control: { terminate: false } }); },
	},
	'agentSpan.finish': { params: { agentSpanId: 'span_open', status: 'complete', timestamp: T, additionalFields: { resultPayload: '{"text": "world"}' } }, method: 'POST', path: '/agent_spans/span_open/finish', body: { status: 'complete', timestamp: T, result_payload: { text: 'world' }, idempotency_key: UUID }, output: (items) => expect(items[0]).toMatchObject({ id: 'span_open', status: 'complete', result_payload: { text: 'world' } }) },
	'agentSpan.discardSensitive': { params: { agentSpanId: 'span_1' }, method: 'POST', path: '/agent_spans/span_1/discard_sensitive', body: {}, output: (items) => expect(items[0]).toMatchObject({ id: 'span_1', payload: {} }) },
	'agentSpan.createTestSpans': { params: { agentInstanceId: 'inst_done', additionalFields: { count: 2 } }, method: 'POST', path: '/agent_spans/create_test_spans', body: { agent_instance_id: 'inst_done', count: 2 }, output: (items) => expect((items[0].ids as string[]).length).toBe(2) },

	...crud('agentVersion', 'agent_version', 'agentVersionId', 'ver_1', '', { only: ['getAll', 'get', 'create'], list: [{ agentId: 'agent_1' }, { agent_id: 'agent_1' }], create: [{ agentId: 'agent_1', externalIdentifier: '2.0.0', additionalFields: { runtimeEnvironment: '{"runtime": "python@3.12"}' } }, { details: { agent_id: 'agent_1', external_identifier: '2.0.0', runtime_environment: { runtime: 'python@3.12' } } }] }),
	...crud('agentSchemaVersion', 'agent_schema_version', 'agentSchemaVersionId', 'sv_1', '', { only: ['getAll', 'get', 'create'], list: [{ agentId: 'agent_1' }, { agent_id: 'agent_1' }], create: [{ agentId: 'agent_1', externalIdentifier: 'v2', additionalFields: { spanTypeSchemas: '[{"name": "tool:call", "params_schema": {}}]' } }, { details: { agent_id: 'agent_1', external_identifier: 'v2', span_type_schemas: [{ name: 'tool:call', params_schema: {} }] } }] }),
	...crud('agentDeployment', 'agent_deployment', 'agentDeploymentId', 'dep_1', 'dep_2', { list: [{ agentId: 'agent_1' }, { agent_id: 'agent_1' }], create: [{ agentId: 'agent_1', environmentId: 'env_3' }, { details: { agent_id: 'agent_1', environment_id: 'env_3' } }], update: [{ updateFields: { details: '{"current_version_id": null}' } }, { details: { current_version_id: null } }] }),
	...crud('environment', 'environment', 'environmentId', 'env_1', 'env_2', { list: [{ accountId: 'acc_1' }, { account_id: 'acc_1' }], create: [{ accountId: 'acc_1', name: 'qa' }, { details: { account_id: 'acc_1', name: 'qa' } }], update: [{ updateFields: { name: 'prod' } }, { details: { name: 'prod' } }] }),
	'environment.show': { params: { filters: { externalIdentifier: 'prod' } }, method: 'GET', path: '/environment/show', query: { external_identifier: 'prod' }, output: byId('environment', 'env_1') },
	'alert.getAll': { params: { returnAll: true, filters: { status: 'raised', activeFrom: T } }, method: 'GET', path: '/alerts', query: { status: 'raised', 'active_during[start_at]': T, ...PAGE }, output: all('alerts', (r) => r.status === 'raised') },
	'alert.get': { params: { alertId: 'al_1' }, method: 'GET', path: '/alerts/al_1', output: byId('alerts', 'al_1') },
	'alert.count': { params: { filters: { severity: 'warning' } }, method: 'GET', path: '/alerts/count', query: { severity: 'warning' }, output: (items) => expect(items).toEqual([{ count: 1 }]) },
	'alert.raise': { params: { agentInstanceId: 'inst_done', name: 'latency', severity: 'error', payload: '{"p95": 9000}' }, method: 'POST', path: '/alerts/raise', body: { agent_instance_id: 'inst_done', name: 'latency', severity: 'error', payload: { p95: 9000 } }, output: (items) => expect(items[0]).toMatchObject({ name: 'latency', status: 'raised' }) },
	'alert.clear': { params: { agentInstanceId: 'inst_done', name: 'cost' }, method: 'POST', path: '/alerts/clear', body: { agent_instance_id: 'inst_done', name: 'cost' }, output: (items) => expect(items[0]).toMatchObject({ id: 'al_1', status: 'cleared' }) },
	...crud('account', 'account', 'accountId', 'acc_1', '', { only: ['getAll', 'get', 'update'], update: [{ updateFields: { name: 'Acme Inc' } }, { details: { name: 'Acme Inc' } }] }),
	...crud('apiToken', 'api_token', 'apiTokenId', 'tok_1', 'tok_2', { only: ['getAll', 'get', 'delete'], list: [{ filters: { accountId: 'acc_1' } }, { account_id: 'acc_1' }] }),
	'apiToken.create': {
		params: { tokenScope: 'agent_deployment', additionalFields: { agentId: 'agent_1', environmentId: 'env_1' } },
		method: 'POST', path: '/api_token', body: { details: { token_scope: 'agent_deployment', agent_id: 'agent_1', environment_id: 'env_1' } },
		// The secret comes once, beside the record.
		output: (items, sim) => { const rec = sim.state.api_token[sim.state.api_token.length - 1]; expect(items).toEqual([{ ...rec, token: `pf_secret_${String(rec.id)}` }]); },
	},
	'apiToken.suspend': { params: { apiTokenId: 'tok_1' }, method: 'POST', path: '/api_token/tok_1/suspend', body: {}, output: (items) => expect(items[0]).toMatchObject({ status: 'suspended' }) },
	'apiToken.activate': { params: { apiTokenId: 'tok_1' }, method: 'POST', path: '/api_token/tok_1/activate', body: {}, output: (items) => expect(items[0]).toMatchObject({ status: 'active' }) },
	'apiToken.revoke': { params: { apiTokenId: 'tok_1' }, method: 'POST', path: '/api_token/tok_1/revoke', body: {}, output: (items) => expect(items[0]).toMatchObject({ status: 'revoked' }) },
	...crud('adminUser', 'admin_user', 'adminUserId', 'adm_1', '', { only: ['getAll', 'get', 'update'], update: [{ updateFields: { jobTitle: 'CTO' } }, { details: { job_title: 'CTO' } }] }),
	...crud('adminUserInvite', 'admin_user_invite', 'inviteId', 'inv_1', '', { only: ['getAll', 'get', 'create'], create: [{ email: 'x@example.com' }, { details: { email: 'x@example.com' } }] }),
	'adminUserInvite.revoke': { params: { inviteId: 'inv_1' }, method: 'POST', path: '/admin_user_invite/inv_1/revoke', body: {}, output: (items) => expect(items[0]).toMatchObject({ status: 'revoked' }) },
	...crud('person', 'person', 'personId', 'per_1', 'per_2', { list: [{ filters: { teamId: 'team_1' } }, { team_id: 'team_1' }], create: [{ email: 'r@example.com', name: 'Rae', additionalFields: { teamIds: 'team_1, team_2' } }, { details: { email: 'r@example.com', name: 'Rae', team_ids: ['team_1', 'team_2'] } }], update: [{ updateFields: { title: 'Lead' } }, { details: { title: 'Lead' } }] }),
	...crud('team', 'team', 'teamId', 'team_1', 'team_2', { create: [{ name: 'Risk' }, { details: { name: 'Risk' } }], update: [{ updateFields: { name: 'Platform Eng' } }, { details: { name: 'Platform Eng' } }] }),
	...crud('riskProfile', 'risk_profile', 'riskProfileId', 'rp_1', 'rp_2', { create: [{ name: 'Strict', ruleset: '{"thresholds": {"medium": 5, "high": 10, "critical": 15}}' }, { details: { name: 'Strict', ruleset: { thresholds: { medium: 5, high: 10, critical: 15 } } } }], update: [{ updateFields: { description: 'For finance agents' } }, { details: { description: 'For finance agents' } }] }),
	'riskProfile.getTemplate': { params: { templateName: 'Standard' }, method: 'GET', path: '/risk_profile/template', query: { template_name: 'Standard' }, output: (items) => expect(items[0]).toMatchObject({ ruleset: { name: 'Standard' } }) },
	...crud('accountIntegration', 'account_integration', 'integrationId', 'int_1', 'int_2', { create: [{ integrationType: 'slack', status: 'active', config: '{"_version": 1, "webhook_url": "https://hooks.slack.com/x", "enabled_events": ["alert_raised"]}' }, { details: { integration_type: 'slack', status: 'active', config: { _version: 1, webhook_url: 'https://hooks.slack.com/x', enabled_events: ['alert_raised'] } } }], update: [{ updateFields: { status: 'paused' } }, { details: { status: 'paused' } }] }),
	'accountIntegration.test': { params: { integrationId: 'int_1' }, method: 'POST', path: '/account_integration/int_1/test', output: (items) => expect(items).toEqual([{ delivered: true }]) },
	'utility.ping': { params: {}, method: 'GET', path: '/ping', output: (items) => expect(items).toEqual([{ token_type: 'api' }]) },
	'utility.generateIds': { params: { count: 3 }, method: 'POST', path: '/pfid/generate', body: { count: 3 }, output: (items) => expect((items[0].pfids as string[]).length).toBe(3) },
	'utility.bulk': { params: { items: '[{"_type": "agents/list", "idempotency_key": "list-agents-001"}]' }, method: 'POST', path: '/bulk', body: { items: [{ _type: 'agents/list', idempotency_key: 'list-agents-001' }] }, output: (items, sim) => expect(items[0]).toEqual({ outputs: { 'list-agents-001': { status: 'success', summaries: sim.state.agent } } }) },
};

const allOperations = prefactorResources.flatMap((r) => r.operations.map((o) => `${r.value}.${o.value}`));

test('the table covers every one of the 87 operations', () => {
	expect(allOperations).toHaveLength(87);
	expect(Object.keys(cases).sort()).toEqual([...allOperations].sort());
});

test.each(Object.keys(cases))('%s sends the exact request and outputs the records', async (key) => {
	const c = cases[key];
	const fixture = (name: string, rec: IDataObject) => {
		const list = kit.sim.state[name];
		const i = list.findIndex((r) => r.id === rec.id);
		if (i >= 0) list.splice(i, 1);
		list.push(rec);
	};
	fixture('agent_instance', { id: 'inst_new', agent_id: 'agent_1', status: 'pending', quality_payloads: {} });
	fixture('agent_instance', { id: 'inst_new2', agent_id: 'agent_2', status: 'active' });
	fixture('agent_spans', { id: 'span_open', agent_instance_id: 'inst_x', status: 'active' });
	fixture('agent', { id: 'agent_x', name: 'Temp' });
	if (key === 'agentInstance.recordQuality' || key === 'agentInstance.terminate') (kit.sim.state.agent_instance.find((i) => i.id === 'inst_new') as IDataObject).status = 'active';
	await expectOperation(kit, key, c, (req) => expect(req.headers.authorization).toBe(`Bearer ${PREFACTOR_TOKEN}`));
});
