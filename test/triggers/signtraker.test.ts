/**
 * SignTraker Trigger through n8n-core's PollContext against the simulator: order placed and
 * order status changed, each as a stream of 1,000 events with failed polls and restarts, the
 * OData request an idle poll makes, the first activation, filters and the manual run.
 */
import type { IDataObject } from 'n8n-workflow';

import { SignTrakerApi } from '../../packages/signtraker/credentials/SignTrakerApi.credentials';
import { SignTrakerTrigger } from '../../packages/signtraker/nodes/SignTraker/SignTrakerTrigger.node';
import { expectClean, streamThroughPolls } from '../harness/pollStream';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createSignTrakerSim, SIGNTRAKER_KEY } from '../sim/signtraker';

const sim = createSignTrakerSim();
const started = useSimulator(sim, () => {
	sim.state.orders = [];
});

const environment = (event: string, extra: IDataObject = {}, staticData?: IDataObject) =>
	triggerEnvironment({
		nodeType: new SignTrakerTrigger(),
		credentialTypes: [new SignTrakerApi()],
		credentials: { signTrakerApi: { apiKey: SIGNTRAKER_KEY, subdomain: '', baseUrl: started.baseUrl } },
		parameters: { event, agentId: { __rl: true, mode: 'id', value: '' }, ...extra },
		staticData,
	});

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.Id));
const order = (id: number, created: number, extra: IDataObject = {}) => ({ Id: id, OrderNumber: 5000 + id, Status: 'Draft', Created: new Date(created).toISOString(), Agent: { Id: 1, Name: 'Jane' }, ...extra });
const listing = (req: { path: string; query: Record<string, string> }) => ({ listing: req.path === '/api/orders', later: Number(req.query.$skip ?? 0) > 0 });

test('order placed: 1,000 orders with failed polls and restarts come out once each, in order', async () => {
	sim.state.orders = [order(1, Date.now() - 86400_000)];
	let t = Date.now() + 1000;
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('orderPlaced', {}, staticData),
		add: (i) => {
			if (i % 3 !== 0) t += 7; // some orders share a timestamp: the inclusive filter must not repeat them
			sim.state.orders.push(order(100 + i, t));
			return String(100 + i);
		},
		listing,
	});
	expectClean('SignTraker order placed', result);
}, 180_000);

test('order status changed: 1,000 status changes with failed polls and restarts come out once each, in order', async () => {
	const start = Date.now() - 30 * 86400_000;
	sim.state.orders = Array.from({ length: 1000 }, (_, i) => order(100 + i, start + i * 60_000));
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('orderStatusChanged', {}, staticData),
		add: (i) => {
			sim.state.orders[i].Status = 'Installed';
			return String(100 + i);
		},
		listing,
	});
	expectClean('SignTraker order status changed', result);
}, 180_000);

test('an idle poll is one OData request: newest first, past the watermark, with the agent filter', async () => {
	const created = Date.now() - 3600_000;
	sim.state.orders = [order(1, created - 1000, { Agent: { Id: 2 } }), order(2, created)];
	const env = environment('orderPlaced', { agentId: { __rl: true, mode: 'id', value: '1' } });
	expect(await env.poll()).toBeNull();
	expect(env.staticData()).toMatchObject({ watermark: new Date(created).toISOString(), idsAtWatermark: ['2'] });
	sim.resetLog();
	expect(await env.poll()).toBeNull();
	expect(sim.log).toHaveLength(1);
	expect(sim.log[0].query).toEqual({ $filter: `Created ge ${new Date(created).toISOString()} and Agent/Id eq 1`, $orderby: 'Created desc,Id desc', $top: '100', $skip: '0' });
	sim.state.orders.push(order(3, created + 5000, { Agent: { Id: 2 } }), order(4, created + 6000));
	expect(ids(await env.poll())).toEqual(['4']);

	const status = environment('orderStatusChanged');
	await status.poll();
	sim.resetLog();
	expect(await status.poll()).toBeNull();
	expect(sim.log).toHaveLength(1);
	expect(sim.log[0].query.$filter).toMatch(/^Created ge \d{4}-/);
});

test("the first activation starts from SignTraker's newest order, not n8n's clock", async () => {
	// The API's clock is 2 s behind: its newest order is stamped before n8n's "now".
	sim.clockOffsetMs = -2000;
	sim.state.orders = [order(1, sim.now().getTime() - 500)];
	const env = environment('orderPlaced');
	expect(await env.poll()).toBeNull();
	sim.state.orders.push(order(2, sim.now().getTime()));
	expect(ids(await env.poll())).toEqual(['2']);
});

test('orders placed through the API are seen, status changes can be narrowed to one status, and a manual run shows the newest order', async () => {
	const env = environment('orderPlaced');
	expect(await env.poll()).toBeNull();
	const changes = environment('orderStatusChanged', { toStatus: 'installed' });
	expect(await changes.poll()).toBeNull();
	sim.state.orders.push(order(7, Date.now() - 1000));
	sim.state.orders.push(order(8, Date.now() - 500));
	expect(ids(await env.poll())).toEqual(['7', '8']);
	expect(await changes.poll()).toBeNull(); // first sightings are only remembered
	sim.state.orders[0].Status = 'Designing';
	sim.state.orders[1].Status = 'Installed';
	expect(ids(await changes.poll())).toEqual(['8']);
	expect(await changes.poll()).toBeNull();

	const manual = environment('orderPlaced');
	expect(ids(await manual.poll('manual'))).toEqual(['8']);
	expect(manual.staticData()).toEqual({});
});

describe('issue 22', () => {
	test('8. an order dated 2999 is emitted once and does not hold back the orders after it', async () => {
		sim.state.orders = [order(1, Date.now() - 60_000)];
		const env = environment('orderPlaced');
		expect(await env.poll()).toBeNull();
		sim.state.orders.push(order(2, Date.parse('2999-01-01T00:00:00.000Z')));
		expect(ids(await env.poll())).toEqual(['2']);
		expect(new Date(String(env.staticData().watermark)).getTime()).toBeLessThanOrEqual(Date.now());
		sim.state.orders.push(order(3, Date.now()));
		expect(ids(await env.poll())).toEqual(['3']);
		expect(await env.poll()).toBeNull();
	});

	test('8. an order dated 2999 already there at activation is never emitted, and does not hold back the orders after it', async () => {
		sim.state.orders = [order(1, Date.now() - 60_000), order(2, Date.parse('2999-01-01T00:00:00.000Z'))];
		const env = environment('orderPlaced');
		expect(await env.poll()).toBeNull();
		sim.state.orders.push(order(3, Date.now()));
		expect(ids(await env.poll())).toEqual(['3']);
		expect(await env.poll()).toBeNull();
	});
});
