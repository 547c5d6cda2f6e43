/**
 * Open To Close Trigger through n8n-core's PollContext against the simulator: properties,
 * contacts and tasks created and properties entering a status, as streams of 1,000 events with
 * failed polls and restarts; the requests an idle poll makes; a list that ignores the sort.
 */
import type { IDataObject } from 'n8n-workflow';

import { OpenToCloseApi } from '../../packages/opentoclose/credentials/OpenToCloseApi.credentials';
import { OpenToCloseTrigger } from '../../packages/opentoclose/nodes/OpenToClose/OpenToCloseTrigger.node';
import { expectClean, streamThroughPolls } from '../harness/pollStream';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createOpenToCloseSim, OTC_TOKEN } from '../sim/opentoclose';
import { reportFigures } from '../harness/figures';

const sim = createOpenToCloseSim();
const started = useSimulator(sim, () => {
	sim.state.properties = [{ id: 1, created: '2025-05-22 05:01:56', team_member_id: 26392, field_values: [{ id: 1, key: 'contract_status', value: 'Listing- Active' }] }];
	sim.state.collections.contacts = [{ id: 1, first_name: 'Old', last_name: 'Contact' }];
	sim.state.collections['properties/1/tasks'] = [{ id: 1, title: 'Inspection', status: 'pending' }];
});

const environment = (event: string, extra: IDataObject = {}, staticData?: IDataObject) =>
	triggerEnvironment({
		nodeType: new OpenToCloseTrigger(),
		credentialTypes: [new OpenToCloseApi()],
		credentials: { openToCloseApi: { apiToken: OTC_TOKEN, baseUrl: started.baseUrl } },
		parameters: { event, status: '', propertyId: '', teamMemberId: '', ...extra },
		staticData,
	});

const ids = (items: Array<{ json: IDataObject }> | null) => (items ?? []).map((i) => String(i.json.id));
const listing = (path: string) => (req: { path: string; query: Record<string, string> }) => ({ listing: req.path === path, later: Number(req.query.offset ?? 0) > 0 });
const property = (id: number, status = 'Listing- Active', teamMemberId = 26392) => ({ id, created: '2026-11-29 10:00:00', team_member_id: teamMemberId, field_values: [{ id: id * 10, key: 'contract_status', value: status }] });

test('property created: 1,000 properties with failed polls and restarts come out once each, in order', async () => {
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('propertyCreated', {}, staticData),
		add: (i) => {
			sim.state.properties.push(property(1000 + i));
			return String(1000 + i);
		},
		listing: listing('/properties'),
	});
	expectClean('Open To Close property created', result);
}, 180_000);

test('property status changed: 1,000 properties entering the status come out once each, in order', async () => {
	sim.state.properties.push(...Array.from({ length: 1000 }, (_, i) => property(1000 + i)));
	const result = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('propertyStatusChanged', { status: 'Under Contract' }, staticData),
		add: (i) => {
			(sim.state.properties[1 + i].field_values as IDataObject[])[0].value = 'Under Contract';
			return String(1000 + i);
		},
		listing: listing('/properties'),
	});
	expectClean('Open To Close property status changed', result);
}, 180_000);

test('contact created and task created: 1,000 each with failed polls and restarts', async () => {
	const contacts = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('contactCreated', {}, staticData),
		add: (i) => {
			sim.state.collections.contacts.push({ id: 100 + i, first_name: 'New', last_name: `Contact${i}` });
			return String(100 + i);
		},
		listing: listing('/contacts'),
	});
	expectClean('Open To Close contact created', contacts);
	const tasks = await streamThroughPolls({
		sim,
		environment: (staticData) => environment('taskCreated', { propertyId: '1' }, staticData),
		add: (i) => {
			sim.state.collections['properties/1/tasks'].push({ id: 100 + i, title: `Task ${i}`, status: 'pending' });
			return String(100 + i);
		},
		listing: listing('/properties/1/tasks'),
	});
	expectClean('Open To Close task created', tasks);
}, 300_000);

test('an idle poll is one request per event, newest id first', async () => {
	const cost: Record<string, number> = {};
	const events: Array<[string, IDataObject]> = [['propertyCreated', {}], ['propertyStatusChanged', { status: 'Listing- Active' }], ['contactCreated', {}], ['taskCreated', { propertyId: '1' }]];
	for (const [event, extra] of events) {
		const env = environment(event, extra);
		expect(await env.poll()).toBeNull();
		sim.resetLog();
		expect(await env.poll()).toBeNull();
		cost[event] = sim.log.length;
		expect(sim.log[0].query).toMatchObject({ sort_by: 'id', sort_dir: 'desc', offset: '0' });
	}
	reportFigures(`Open To Close idle poll requests: ${JSON.stringify(cost)}`);
	expect(cost).toEqual({ propertyCreated: 1, propertyStatusChanged: 1, contactCreated: 1, taskCreated: 1 });
});

test('a list that ignores the sort is read whole instead of missing records', async () => {
	sim.state.collections.contacts.push({ id: 5, first_name: 'Newest', last_name: 'Before' });
	const env = environment('contactCreated');
	expect(await env.poll()).toBeNull();
	expect(env.staticData().watermark).toBe(5);
	sim.state.collections.contacts.push(...Array.from({ length: 150 }, (_, i) => ({ id: 10 + i, first_name: 'N', last_name: String(i) })));
	// The API answers oldest first whatever the query asks.
	const original = sim.state.collections.contacts;
	sim.beforeHandle = (req) => {
		if (req.path === '/contacts') req.query.sort_dir = 'asc';
	};
	const got = ids(await env.poll());
	sim.state.collections.contacts = original;
	expect(got).toEqual(Array.from({ length: 150 }, (_, i) => String(10 + i)));
});

test('properties can be narrowed to one team member; the status and the property are required', async () => {
	const env = environment('propertyCreated', { teamMemberId: '26393' });
	expect(await env.poll()).toBeNull();
	sim.state.properties.push(property(50, 'Listing- Active', 26392), property(51, 'Listing- Active', 26393));
	expect(ids(await env.poll())).toEqual(['51']);
	expect(ids(await environment('propertyCreated').poll('manual'))).toEqual(['51']);
	await expect(environment('propertyStatusChanged').poll()).rejects.toThrow('Status: a value is required');
	await expect(environment('taskCreated').poll()).rejects.toThrow('Property ID: a value is required');
});

describe('issue 22', () => {
	test('5. a list that ignores the sort from the start: the first activation finds its true newest, nothing from before is replayed', async () => {
		sim.state.collections.contacts = Array.from({ length: 150 }, (_, i) => ({ id: 1 + i, first_name: 'Old', last_name: String(i) }));
		// The API answers oldest first whatever the query asks.
		sim.beforeHandle = (req) => {
			if (req.path === '/contacts') req.query.sort_dir = 'asc';
		};
		const env = environment('contactCreated');
		expect(await env.poll()).toBeNull();
		expect(env.staticData().watermark).toBe(150);
		expect(await env.poll()).toBeNull();
		sim.state.collections.contacts.push({ id: 151, first_name: 'New', last_name: 'One' });
		expect(ids(await env.poll())).toEqual(['151']);
		expect(await env.poll()).toBeNull();
	});

	test('6. more properties in the status than the trigger remembers: none is reported twice, a new one once', async () => {
		sim.state.properties.push(...Array.from({ length: 5100 }, (_, i) => property(1000 + i, 'Under Contract')));
		const env = environment('propertyStatusChanged', { status: 'Under Contract' });
		expect(await env.poll()).toBeNull();
		expect(await env.poll()).toBeNull();
		sim.state.properties.push(property(9000, 'Under Contract'));
		expect(ids(await env.poll())).toEqual(['9000']);
		expect(await env.poll()).toBeNull();
		expect((env.staticData().memory as unknown[]).length).toBeLessThanOrEqual(5000);
	}, 120_000);

	test('7. a record deleted between two page requests of one poll does not hide the record at the page boundary', async () => {
		const env = environment('contactCreated');
		expect(await env.poll()).toBeNull();
		sim.state.collections.contacts.push(...Array.from({ length: 150 }, (_, i) => ({ id: 10 + i, first_name: 'N', last_name: String(i) })));
		// Newest first: page 1 holds 159..60. Once it is answered, 100 (on page 1) is deleted, so
		// everything below it moves up one place and 59 would slip from page 2 onto page 1.
		let listed = 0;
		sim.beforeHandle = (req) => {
			if (req.path === '/contacts' && ++listed === 2) sim.state.collections.contacts = sim.state.collections.contacts.filter((c) => c.id !== 100);
		};
		const got = ids(await env.poll());
		expect(got).toContain('59');
		expect(got).toEqual(Array.from({ length: 150 }, (_, i) => String(10 + i)));
		expect(await env.poll()).toBeNull();
	});

	test('9. a null entry or records without an ID stop the poll with an error naming them; nothing is lost', async () => {
		const env = environment('contactCreated');
		expect(await env.poll()).toBeNull();
		sim.state.collections.contacts.push({ id: 20, first_name: 'A', last_name: 'A' }, { id: 21, first_name: 'B', last_name: 'B' });
		sim.inject({ kind: 'status', status: 200, body: [{ id: 21, first_name: 'B' }, null, { id: 20, first_name: 'A' }] }, { path: '/contacts' });
		await expect(env.poll()).rejects.toThrow('Open To Close listed an entry that is not a record (null) as entry 2 of the page at offset=0 of /contacts');
		sim.inject({ kind: 'status', status: 200, body: [{ first_name: 'C' }, { id: null, first_name: 'D' }, { id: 21 }, { id: 20 }] }, { path: '/contacts' });
		await expect(env.poll()).rejects.toThrow('Open To Close listed a record without an ID as entry 1 of the page at offset=0 of /contacts');
		// Once the API lists them properly, every record comes out once.
		expect(ids(await env.poll())).toEqual(['20', '21']);
		expect(await env.poll()).toBeNull();
	});
});
