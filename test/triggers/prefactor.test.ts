/**
 * Prefactor Trigger through n8n-core's PollContext against the simulator: alerts raised (again
 * after a clear, too) and agent runs finishing as failed, each as a stream of 1,000 events with
 * failed polls and restarts; the requests an idle poll makes; filters; the manual run.
 */
import type { IDataObject } from 'n8n-workflow';

import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { PrefactorTrigger } from '../../packages/prefactor/nodes/Prefactor/PrefactorTrigger.node';
import { expectClean, streamThroughPolls } from '../harness/pollStream';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';

const sim = createPrefactorSim();
const started = useSimulator(sim, () => {
	sim.state.alerts = [];
	sim.state.agent_instance = [];
});

const environment = (event: string, extra: IDataObject = {}, staticData?: IDataObject) =>
	triggerEnvironment({
		nodeType: new PrefactorTrigger(),
		credentialTypes: [new PrefactorApi()],
		credentials: { prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl: started.baseUrl } },
		parameters: { event, agentId: 'agent_1', statuses: ['failed'], filters: {}, ...extra },
		staticData,
	});

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));
const iso = (ms: number) => new Date(ms).toISOString();
const pid = (n: number) => `01${String(n).padStart(30, '0')}`;
const listing = (path: string) => (req: { path: string; query: Record<string, string> }) => ({ listing: req.path === path, later: Number(req.query['pagination[offset]'] ?? 0) > 0 });

test('alert raised: 1,000 alerts raised with failed polls and restarts come out once each, in order', async () => {
	const start = Date.now() - 3600_000;
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('alertRaised', {}, staticData),
		add: (i) => {
			sim.state.alerts.push({ type: 'alert', id: pid(i), agent_id: 'agent_1', agent_instance_id: 'inst_1', name: `rule_${i}`, severity: 'warning', status: 'raised', raised_at: iso(start + i * 1000), version: 1 });
			return pid(i);
		},
		listing: listing('/alerts'),
	});
	expectClean('Prefactor alert raised', result);
}, 180_000);

test('agent instance finished: 1,000 failed runs among complete and running ones come out once each, in order', async () => {
	let t = Date.now() - 3600_000;
	let n = 0;
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('instanceFinished', {}, staticData),
		add: (i) => {
			// Around each failed run: one that completed (not an event) and one still running (no finish time yet).
			if (i % 4 !== 0) t += 5;
			sim.state.agent_instance.push({ type: 'agent_instance', id: pid(++n), agent_id: 'agent_1', status: 'complete', finished_at: iso(t) });
			sim.state.agent_instance.push({ type: 'agent_instance', id: pid(++n), agent_id: 'agent_1', status: 'active', finished_at: null });
			const id = pid(++n);
			sim.state.agent_instance.push({ type: 'agent_instance', id, agent_id: 'agent_1', status: 'failed', finished_at: iso(t) });
			return id;
		},
		listing: listing('/agent_instance'),
	});
	expectClean('Prefactor agent instance finished', result);
}, 180_000);

test('an idle poll is one request: instances newest finished first, alerts by status with the filters', async () => {
	sim.state.agent_instance = [{ type: 'agent_instance', id: pid(1), agent_id: 'agent_1', status: 'failed', finished_at: iso(Date.now() - 60_000) }];
	const runs = environment('instanceFinished');
	expect(await runs.poll()).toBeNull();
	sim.resetLog();
	expect(await runs.poll()).toBeNull();
	expect(sim.log).toHaveLength(1);
	expect(sim.log[0].query).toEqual({ agent_id: 'agent_1', sorting: '-finished_at', 'pagination[offset]': '0', 'pagination[page_size]': '100' });

	const alerts = environment('alertRaised', { filters: { agentId: 'agent_1', environmentId: 'env_1', severity: 'critical' } });
	expect(await alerts.poll()).toBeNull();
	sim.resetLog();
	expect(await alerts.poll()).toBeNull();
	expect(sim.log).toHaveLength(1);
	expect(sim.log[0].query).toMatchObject({ status: 'raised', agent_id: 'agent_1', environment_id: 'env_1', severity: 'critical' });
});

test('an alert raised again after it was cleared is a new event; runs finished through the API are seen', async () => {
	const instance = { type: 'agent_instance', id: 'inst_live', agent_id: 'agent_1', environment_id: 'env_1', status: 'active', started_at: iso(Date.now() - 5000), finished_at: null };
	sim.state.agent_instance.push(instance);
	const alerts = environment('alertRaised');
	const runs = environment('instanceFinished', { statuses: [] });
	expect(await alerts.poll()).toBeNull();
	expect(await runs.poll()).toBeNull();

	const headers = { authorization: `Bearer ${PREFACTOR_TOKEN}`, 'content-type': 'application/json' };
	const send = async (path: string, body: IDataObject) => (await fetch(`${started.baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) })).json();
	await send('/alerts/raise', { agent_instance_id: 'inst_live', name: 'cost', severity: 'warning', payload: {} });
	const first = await alerts.poll();
	expect(first?.map((i) => i.json)).toEqual([expect.objectContaining({ name: 'cost', status: 'raised', agent_id: 'agent_1' })]);
	expect(await alerts.poll()).toBeNull();
	await send('/alerts/clear', { agent_instance_id: 'inst_live', name: 'cost' });
	expect(await alerts.poll()).toBeNull();
	await new Promise((r) => setTimeout(r, 5));
	await send('/alerts/raise', { agent_instance_id: 'inst_live', name: 'cost', severity: 'error', payload: {} });
	expect(ids(await alerts.poll())).toEqual(ids(first));

	await send('/agent_instance/inst_live/finish', { status: 'complete' });
	expect(ids(await runs.poll())).toEqual(['inst_live']);
	expect(ids(await environment('instanceFinished', { statuses: [] }).poll('manual'))).toEqual(['inst_live']);
	expect(await environment('instanceFinished').poll('manual')).toBeNull(); // no failed run yet
});

test('the agent is required for agent instance events', async () => {
	await expect(environment('instanceFinished', { agentId: ' ' }).poll()).rejects.toThrow('Agent ID: a value is required');
});

describe('issue 22', () => {
	test('6. more alerts raised than the trigger remembers: none is reported twice, a new one once', async () => {
		const start = Date.now() - 86400_000;
		const alert = (i: number, raisedAt: number) => ({ type: 'alert', id: pid(i), agent_id: 'agent_1', agent_instance_id: 'inst_1', name: `rule_${i}`, severity: 'warning', status: 'raised', raised_at: iso(raisedAt), version: 1 });
		sim.state.alerts = Array.from({ length: 5100 }, (_, i) => alert(i, start + i * 1000));
		const env = environment('alertRaised');
		expect(await env.poll()).toBeNull();
		expect(await env.poll()).toBeNull();
		expect(await env.poll()).toBeNull();
		sim.state.alerts.push(alert(6000, Date.now()));
		expect(ids(await env.poll())).toEqual([pid(6000)]);
		expect(await env.poll()).toBeNull();
	}, 120_000);

	test('8. a run finished in 2999 is emitted once and does not hold back the runs after it', async () => {
		const runs = environment('instanceFinished', { statuses: [] });
		expect(await runs.poll()).toBeNull();
		sim.state.agent_instance.push({ type: 'agent_instance', id: pid(1), agent_id: 'agent_1', status: 'failed', finished_at: '2999-01-01T00:00:00.000Z' });
		expect(ids(await runs.poll())).toEqual([pid(1)]);
		expect(new Date(String(runs.staticData().watermark ?? 0)).getTime()).toBeLessThanOrEqual(Date.now());
		sim.state.agent_instance.push({ type: 'agent_instance', id: pid(2), agent_id: 'agent_1', status: 'failed', finished_at: iso(Date.now()) });
		expect(ids(await runs.poll())).toEqual([pid(2)]);
		expect(await runs.poll()).toBeNull();
	});
});
