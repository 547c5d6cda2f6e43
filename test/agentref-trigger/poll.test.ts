/**
 * AgentRef Poll Trigger through n8n-core's PollContext against the simulator: a stream of
 * 1,000 conversions with failing polls, resets and n8n restarts in between must come out
 * exactly once each, in order; plus status changes, first activation, manual runs, idle cost.
 */
import type { IDataObject } from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRefPollTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefPollTrigger.node';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';
import { reportFigures } from '../harness/figures';

const sim = createAgentRefSim();
const started = useSimulator(sim, () => {
	sim.state.conversions = [];
	sim.state.payouts = [];
});

const environment = (event: string, staticData?: IDataObject) =>
	triggerEnvironment({
		nodeType: new AgentRefPollTrigger(),
		credentialTypes: [new AgentRefApi()],
		credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: started.baseUrl } },
		parameters: { event, programId: { __rl: true, mode: 'id', value: '' } },
		staticData,
	});

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));

test('1,000 conversions arrive with failures, resets and restarts between polls: each exactly once, in order', async () => {
	let env = environment('newConversion');
	expect(await env.poll()).toBeNull(); // first activation starts from now
	const start = Date.now() + 1000;
	const expected: string[] = [];
	const emitted: string[] = [];
	let failedPolls = 0;
	let restarts = 0;
	let t = start;
	for (let round = 0; round < 200; round++) {
		// Events appear over time; some share a timestamp, which the inclusive date filter must not duplicate.
		const batch = Math.min(1000 - expected.length, 1 + ((round * 37) % 60));
		for (let i = 0; i < batch; i++) {
			if ((expected.length + i) % 3 !== 0) t += 7;
			const id = `conv_${String(expected.length).padStart(4, '0')}`;
			sim.state.conversions.push({ id, status: 'pending', amount: 1000, commission: 200, createdAt: new Date(t).toISOString(), programId: 'prog_1' });
			expected.push(id);
		}
		if (round % 9 === 4) sim.inject({ kind: 'status', status: 503 }, { path: '/conversions', times: 10 }); // the poll fails
		if (round % 5 === 2) sim.inject({ kind: 'reset' }, { path: '/conversions' }); // recovered by a retry
		if (round % 11 === 6) {
			// n8n restarts: the workflow's static data is all that survives.
			env = environment('newConversion', { 'node:Node': JSON.parse(JSON.stringify(env.staticData())) });
			restarts++;
		}
		try {
			emitted.push(...ids(await env.poll()));
		} catch {
			failedPolls++;
		}
		sim.clearFaults();
		if (expected.length === 1000 && emitted.length >= 1000) break;
	}
	emitted.push(...ids(await env.poll()));
	const duplicates = emitted.length - new Set(emitted).size;
	const lost = expected.filter((id) => !emitted.includes(id)).length;
	expect(failedPolls).toBeGreaterThan(0);
	expect(restarts).toBeGreaterThan(0);
	expect(lost).toBe(0);
	expect(duplicates).toBe(0);
	expect(emitted).toEqual(expected);
}, 120_000);

test('an idle poll costs one request, and the first activation does not flood', async () => {
	sim.state.conversions = [{ id: 'old_1', status: 'approved', createdAt: '2026-01-01T00:00:00.000Z' }];
	const env = environment('newConversion');
	expect(await env.poll()).toBeNull();
	sim.resetLog();
	expect(await env.poll()).toBeNull();
	expect(sim.log).toHaveLength(1);
	expect(sim.log[0].query).toMatchObject({ startDate: String(env.staticData().watermark), offset: '0', limit: '100' });
});

test('a manual run shows the most recent record and leaves the state alone', async () => {
	const recent = new Date(Date.now() - 3600_000);
	sim.state.payouts = [
		{ id: 'pay_a', status: 'pending', createdAt: new Date(recent.getTime() - 1000).toISOString() },
		{ id: 'pay_b', status: 'pending', createdAt: recent.toISOString() },
	];
	const env = environment('newPayout');
	expect(ids(await env.poll('manual'))).toEqual(['pay_b']);
	expect(env.staticData()).toEqual({});
});

test('status changes are detected against the last known status', async () => {
	const created = new Date(Date.now() - 86400_000).toISOString();
	sim.state.payouts = [
		{ id: 'pay_1', status: 'processing', createdAt: created },
		{ id: 'pay_2', status: 'processing', createdAt: created },
	];
	const env = environment('payoutStatusChanged');
	expect(await env.poll()).toBeNull();
	sim.state.payouts[0].status = 'completed';
	const changed = await env.poll();
	expect(changed?.map((i) => i.json)).toEqual([expect.objectContaining({ id: 'pay_1', status: 'completed' })]);
	expect(await env.poll()).toBeNull();
});

test('new applications and new affiliates', async () => {
	const apps = environment('newApplication');
	expect(await apps.poll()).toBeNull();
	sim.state.applications.push({ id: 'app_new', status: 'pending', programId: 'prog_1' });
	expect(ids(await apps.poll())).toEqual(['app_new']);
	expect(await apps.poll()).toBeNull();

	const affiliates = environment('newAffiliate');
	expect(await affiliates.poll()).toBeNull();
	sim.state.affiliates.push({ id: 'aff_new', programId: 'prog_1', name: 'Newbie', createdAt: new Date(Date.now() + 5000).toISOString() });
	expect(ids(await affiliates.poll())).toEqual(['aff_new']);
	expect(sim.log[sim.log.length - 1].query).toMatchObject({ sortBy: 'createdAt', sortOrder: 'desc' });
	expect(await affiliates.poll()).toBeNull();
});

describe('edges (issue #17)', () => {
	test('more records than the status memory holds: the least recently seen is forgotten, so the newest refund is still emitted', async () => {
		// 5,001 conversions listed newest first: one more than the memory keeps.
		const now = Date.now();
		sim.state.conversions = Array.from({ length: 5001 }, (_, i) => ({
			id: `conv_${String(i).padStart(4, '0')}`,
			status: 'approved',
			createdAt: new Date(now - (i + 1) * 60_000).toISOString(),
		}));
		const env = environment('conversionStatusChanged');
		expect(await env.poll()).toBeNull();
		const remembered = env.staticData().memory as Array<[string, string]>;
		expect(remembered).toHaveLength(5000);
		expect(remembered.map(([id]) => id)).not.toContain('conv_5000'); // the oldest went
		sim.state.conversions[0].status = 'refunded';
		expect(ids(await env.poll())).toEqual(['conv_0000']);
	}, 60_000);

	test('an API that ignores the offset and keeps answering the same full page costs three requests and emits each record once', async () => {
		sim.state.applications = [];
		const env = environment('newApplication');
		expect(await env.poll()).toBeNull();
		const loop = Array.from({ length: 100 }, (_, i) => ({ id: `app_loop_${String(i).padStart(3, '0')}`, status: 'pending', programId: 'prog_1' }));
		const same = { data: loop, meta: { page: 1, pageSize: 100, hasMore: true } };
		sim.inject({ kind: 'status', status: 200, body: same }, { path: '/applications', times: 1500 });
		sim.resetLog();
		expect(ids(await env.poll())).toEqual(loop.map((a) => a.id));
		expect(sim.requests('GET', '/applications')).toHaveLength(3);
		expect(env.staticData().memory).toEqual(loop.map((a) => [a.id, 'seen']));
	});

	test('a record shifted across a page boundary between two page requests is emitted once', async () => {
		sim.state.applications = [];
		const env = environment('newApplication');
		expect(await env.poll()).toBeNull();
		sim.state.applications = Array.from({ length: 150 }, (_, i) => ({ id: `app_${String(149 - i).padStart(3, '0')}`, status: 'pending', programId: 'prog_1' }));
		// Between page 1 and page 2 a new application arrives at the top and pushes app_050 onto page 2.
		let requests = 0;
		sim.beforeHandle = (req) => {
			if (req.path === '/applications' && ++requests === 2) sim.state.applications.unshift({ id: 'app_150', status: 'pending', programId: 'prog_1' });
		};
		const first = ids(await env.poll());
		expect(first).toHaveLength(150);
		expect(new Set(first).size).toBe(150);
		expect(ids(await env.poll())).toEqual(['app_150']);
		expect(await env.poll()).toBeNull();
	});

	test('status changes listed twice in one poll are emitted once', async () => {
		const now = Date.now();
		sim.state.conversions = Array.from({ length: 150 }, (_, i) => ({ id: `conv_${String(i).padStart(3, '0')}`, status: 'pending', createdAt: new Date(now - (150 - i) * 60_000).toISOString() }));
		const env = environment('conversionStatusChanged');
		expect(await env.poll()).toBeNull();
		for (const c of sim.state.conversions) c.status = 'approved';
		let requests = 0;
		sim.beforeHandle = (req) => {
			if (req.path === '/conversions' && ++requests === 2) sim.state.conversions.unshift({ id: 'conv_new', status: 'pending', createdAt: new Date(now - 200 * 60_000).toISOString() });
		};
		const changed = ids(await env.poll());
		expect(changed).toHaveLength(150);
		expect(new Set(changed).size).toBe(150);
	});

	test("the first activation starts from the API's clock, not n8n's: a conversion stamped just after it is emitted", async () => {
		sim.clockOffsetMs = -2000; // the API's clock is 2 s behind n8n's
		const env = environment('newConversion');
		expect(await env.poll()).toBeNull();
		sim.state.conversions.push({ id: 'conv_after', status: 'pending', createdAt: new Date(sim.now().getTime() + 1000).toISOString() });
		expect(ids(await env.poll())).toEqual(['conv_after']);
		expect(await env.poll()).toBeNull();
	});

	test('the first activation of a newest-first list starts at its newest record', async () => {
		const env = environment('newAffiliate');
		const before = sim.state.affiliates.length;
		expect(await env.poll()).toBeNull();
		expect(sim.requests('GET', '/affiliates')).toHaveLength(1);
		// An affiliate stamped in the past (the API's clock behind) but created after activation.
		const newest = [...sim.state.affiliates].sort((a, b) => String(b.createdAt ?? '').localeCompare(String(a.createdAt ?? '')))[0];
		sim.state.affiliates.push({ id: 'aff_late', programId: 'prog_1', name: 'Late', createdAt: new Date(new Date(String(newest?.createdAt ?? 0)).getTime() + 1).toISOString() });
		expect(ids(await env.poll())).toEqual(['aff_late']);
		sim.state.affiliates.length = before;
	});
});

test('requests per idle poll, per event (documented in docs/agentref-triggers.md)', async () => {
	sim.state.conversions = [{ id: 'c1', status: 'approved', createdAt: new Date(Date.now() - 86400_000).toISOString() }];
	sim.state.payouts = [{ id: 'p1', status: 'completed', createdAt: new Date(Date.now() - 86400_000).toISOString() }];
	sim.state.applications = [{ id: 'app_1', status: 'pending', programId: 'prog_1' }];
	const cost: Record<string, number> = {};
	for (const event of ['newConversion', 'conversionStatusChanged', 'newPayout', 'payoutStatusChanged', 'newAffiliate', 'newApplication']) {
		const env = environment(event);
		await env.poll();
		sim.resetLog();
		// n8n saves the static data after a poll that changed it, as the flag says (and then clears it).
		const data = env.workflow.staticData as IDataObject & { __dataChanged?: boolean };
		data.__dataChanged = false;
		expect(await env.poll()).toBeNull();
		cost[event] = sim.log.length;
		expect(data.__dataChanged).toBe(false); // an idle poll leaves nothing to save
	}
	reportFigures(`AgentRef idle poll requests: ${JSON.stringify(cost)}`);
	expect(cost).toEqual({ newConversion: 1, conversionStatusChanged: 1, newPayout: 1, payoutStatusChanged: 1, newAffiliate: 1, newApplication: 1 });
});

test('state saved by the earlier version of the trigger carries over; a changed program starts afresh', async () => {
	const created = new Date(Date.now() - 86400_000).toISOString();
	sim.state.payouts = [{ id: 'pay_1', status: 'completed', createdAt: created }, { id: 'pay_2', status: 'processing', createdAt: created }];
	// The earlier layout: statuses as an object, with no scope.
	const legacy = environment('payoutStatusChanged', { 'node:Node': { statuses: { pay_1: 'processing', pay_2: 'processing' } } });
	expect(ids(await legacy.poll())).toEqual(['pay_1']);
	expect(legacy.staticData()).toMatchObject({ memory: [['pay_1', 'completed'], ['pay_2', 'processing']] });
	expect(legacy.staticData().statuses).toBeUndefined();

	sim.state.applications = [{ id: 'app_1', status: 'pending', programId: 'prog_1' }, { id: 'app_2', status: 'pending', programId: 'prog_1' }];
	const apps = environment('newApplication', { 'node:Node': { seenIds: ['app_1'] } });
	expect(ids(await apps.poll())).toEqual(['app_2']);

	// Same workflow, another program: the saved state belongs to the old one and is dropped.
	const other = triggerEnvironment({
		nodeType: new AgentRefPollTrigger(),
		credentialTypes: [new AgentRefApi()],
		credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: started.baseUrl } },
		parameters: { event: 'newApplication', programId: { __rl: true, mode: 'id', value: 'prog_1' } },
		staticData: { 'node:Node': JSON.parse(JSON.stringify(apps.staticData())) as IDataObject },
	});
	expect(await other.poll()).toBeNull(); // a first activation for this program
	expect(other.staticData().scope).toBe(JSON.stringify(['newApplication', 'prog_1']));
});

describe('issue 22', () => {
	test('8. a conversion dated 2999 is emitted once and does not hold back the ones after it', async () => {
		const env = environment('newConversion');
		expect(await env.poll()).toBeNull();
		sim.state.conversions.push({ id: 'conv_future', status: 'pending', createdAt: '2999-01-01T00:00:00.000Z' });
		expect(ids(await env.poll())).toEqual(['conv_future']);
		expect(new Date(String(env.staticData().watermark)).getTime()).toBeLessThanOrEqual(Date.now());
		sim.state.conversions.push({ id: 'conv_next', status: 'pending', createdAt: new Date().toISOString() });
		expect(ids(await env.poll())).toEqual(['conv_next']);
		expect(await env.poll()).toBeNull();
	});

	test('8. an affiliate dated 2999 is emitted once and does not hold back the ones after it', async () => {
		const env = environment('newAffiliate');
		expect(await env.poll()).toBeNull();
		sim.state.affiliates.push({ id: 'aff_future', programId: 'prog_1', name: 'Future', createdAt: '2999-01-01T00:00:00.000Z' });
		expect(ids(await env.poll())).toEqual(['aff_future']);
		sim.state.affiliates.push({ id: 'aff_next', programId: 'prog_1', name: 'Next', createdAt: new Date().toISOString() });
		expect(ids(await env.poll())).toEqual(['aff_next']);
		expect(await env.poll()).toBeNull();
	});

	test('6. more pending applications than the trigger remembers (applications have no date): none is reported twice, a new one once', async () => {
		sim.state.applications = Array.from({ length: 5100 }, (_, i) => ({ id: `app_${String(i).padStart(5, '0')}`, status: 'pending', programId: 'prog_1' }));
		const env = environment('newApplication');
		expect(await env.poll()).toBeNull();
		expect(await env.poll()).toBeNull();
		sim.state.applications.push({ id: 'app_99999', status: 'pending', programId: 'prog_1' });
		expect(ids(await env.poll())).toEqual(['app_99999']);
		expect(await env.poll()).toBeNull();
	}, 120_000);

	test('9. a null entry in a list stops the poll with an error naming it; nothing is lost', async () => {
		sim.state.applications = [];
		const env = environment('newApplication');
		expect(await env.poll()).toBeNull();
		sim.state.applications.push({ id: 'app_a', status: 'pending', programId: 'prog_1' });
		const body = { data: [null, { id: 'app_a', status: 'pending' }], meta: { page: 1, pageSize: 100, hasMore: false } };
		sim.inject({ kind: 'status', status: 200, body }, { path: '/applications' });
		await expect(env.poll()).rejects.toThrow('AgentRef listed an entry that is not a record (null) as entry 1 of the page at offset=0 of /applications');
		sim.inject({ kind: 'status', status: 200, body: { ...body, data: [{ status: 'pending' }, { status: 'pending' }] } }, { path: '/applications' });
		await expect(env.poll()).rejects.toThrow('AgentRef listed a record without an ID as entry 1');
		expect(ids(await env.poll())).toEqual(['app_a']);
	});
});
