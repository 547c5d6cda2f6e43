/**
 * Every SignTraker operation through n8n-core against the simulator: exact request and output.
 */
import type { IDataObject } from 'n8n-workflow';

import { signTrakerResources } from '../../packages/signtraker/nodes/SignTraker/resources';
import { SIGNTRAKER_KEY } from '../sim/signtraker';
import type { SignTrakerSim } from '../sim/signtraker';
import { expectOperation } from '../harness/operations';
import type { OperationCase } from '../harness/operations';
import { byId, useSignTraker } from './kit';

const kit = useSignTraker();

type Case = OperationCase<SignTrakerSim> & { contentType?: string };

const sameAs = (pick: (sim: SignTrakerSim) => unknown[]) => (items: IDataObject[], sim: SignTrakerSim) => expect(items).toEqual(pick(sim));
const one = (expected: IDataObject) => (items: IDataObject[]) => {
	expect(items).toHaveLength(1);
	expect(items[0]).toMatchObject(expected);
};
const page = (extra: Record<string, string> = {}) => ({ ...extra, $top: '100', $skip: '0', $orderby: extra.$orderby ?? 'Id' });

const cases: Record<string, Case> = {
	'agent.getAll': {
		params: { returnAll: true, filters: { filter: "FirstName eq 'Jane'", orderBy: 'LastName desc', select: ['Id', 'LastName'] } },
		method: 'GET', path: '/api/agents', query: page({ $filter: "FirstName eq 'Jane'", $orderby: 'LastName desc', $select: 'Id,LastName' }),
		output: sameAs((sim) => sim.state.agents.filter((a) => a.FirstName === 'Jane').sort((a, b) => (String(a.LastName) < String(b.LastName) ? 1 : -1)).map((a) => ({ Id: a.Id, LastName: a.LastName }))),
	},
	'agent.get': { params: { agentId: byId(2) }, method: 'GET', path: '/api/agents/2', output: sameAs((sim) => [sim.state.agents[1]]) },
	'agent.create': {
		params: { userName: 'new.agent', email: 'new@example.com', firstName: 'New', lastName: 'Agent', officeId: byId(10), cellularPhone: '555-0100', paymentMode: 'Prepay', additionalFields: { city: 'Austin', state: 'TX', ccEmail: 'a@x.com;b@x.com' } },
		method: 'POST', path: '/api/agents',
		body: { EmailConfirmed: false, IsInactive: false, IsLocked: false, InvitationSent: false, ReceiveMarketingEmails: false, TermsAccepted: true, EnableSubscription: false, IsManager: false, UserName: 'new.agent', Email: 'new@example.com', FirstName: 'New', LastName: 'Agent', Office: { Id: 10 }, CellularPhone: '555-0100', PaymentMode: 'Prepay', Address: { City: 'Austin', State: 'TX' }, CcEmail: 'a@x.com;b@x.com' },
		output: (items, sim) => expect(items).toEqual([sim.state.agents[sim.state.agents.length - 1]]),
	},
	'agent.update': {
		params: { agentId: byId(3), updateFields: { cellularPhone: '555-0199', city: 'Dallas', mergePatch: '{"Notes": null, "BrokerId": "B-7"}' } },
		method: 'PATCH', path: '/api/agents/3', contentType: 'application/merge-patch+json',
		body: { CellularPhone: '555-0199', Address: { City: 'Dallas' }, Notes: null, BrokerId: 'B-7' },
		output: one({ Id: 3, CellularPhone: '555-0199', Address: { City: 'Dallas', State: 'TX' }, BrokerId: 'B-7' }),
	},
	'agent.activate': { params: { agentId: byId(4) }, method: 'POST', path: '/api/agents/activate', query: { id: '4' }, output: (items, sim) => { expect(items).toEqual([{ success: true }]); expect(sim.state.agents[3].IsInactive).toBe(false); } },
	'agent.deactivate': { params: { agentId: byId(5) }, method: 'POST', path: '/api/agents/deactivate', query: { id: '5' }, output: (items, sim) => { expect(items).toEqual([{ success: true }]); expect(sim.state.agents[4].IsInactive).toBe(true); } },
	'order.getAll': { params: { returnAll: false, limit: 1 }, method: 'GET', path: '/api/orders', query: { $top: '1', $skip: '0', $orderby: 'Id' }, output: sameAs((sim) => sim.state.orders.slice(0, 1)) },
	'order.get': { params: { orderId: '101' }, method: 'GET', path: '/api/orders/101', output: sameAs((sim) => [sim.state.orders[1]]) },
	'order.create': {
		params: { agentId: byId(1), presetId: byId(20), additionalFields: { streetNumber: '12', streetName: 'Main St', city: 'Austin', externalId: 'EXT-1', dueDate: '2026-12-01T00:00:00Z' } },
		method: 'POST', path: '/api/orders',
		body: { AgentId: 1, PresetId: 20, StreetNumber: '12', StreetName: 'Main St', City: 'Austin', ExternalID: 'EXT-1', DueDate: '2026-12-01T00:00:00.000Z' },
		output: (items, sim) => expect(items).toEqual([{ Status: 'Success', Message: 'Order created', RequestId: expect.any(Number), OrderId: sim.state.orders[sim.state.orders.length - 1].Id }]),
	},
	'order.requestRemoval': { params: { orderId: '100' }, method: 'POST', path: '/api/orders/100/requestremoval', body: {}, output: one({ DueDate: '2026-12-31T00:00:00.000Z' }) },
	'serviceOrder.getAll': { params: { returnAll: true }, method: 'GET', path: '/api/services', query: page(), output: sameAs((sim) => sim.state.services) },
	'serviceOrder.get': { params: { serviceId: '200' }, method: 'GET', path: '/api/services/200', output: one({ Id: 200, Status: 'Draft' }) },
	'serviceOrder.create': {
		params: { installId: 100, presetId: byId(21), overridePriceLimit: false, additionalFields: { notes: 'Fix the post' } },
		method: 'POST', path: '/api/services', body: { InstallId: 100, PresetId: 21, OverridePriceLimit: false, Notes: 'Fix the post' },
		output: (items, sim) => expect(items).toEqual([sim.state.services[sim.state.services.length - 1]]),
	},
	'changeOrder.getAll': { params: { returnAll: true }, method: 'GET', path: '/api/changeorders', query: page(), output: sameAs((sim) => sim.state.changeOrders) },
	'changeOrder.get': { params: { changeOrderId: '300' }, method: 'GET', path: '/api/changeorders/300', output: one({ Id: 300 }) },
	'changeOrder.create': { params: { installId: 101, presetId: byId(20), overridePriceLimit: true }, method: 'POST', path: '/api/changeorders', body: { InstallId: 101, PresetId: 20, OverridePriceLimit: true }, output: (items, sim) => expect(items).toEqual([sim.state.changeOrders[sim.state.changeOrders.length - 1]]) },
	'creditAward.getAll': { params: { returnAll: true, filters: { awardedTo: byId(1) } }, method: 'GET', path: '/api/credits/awards', query: page({ awardedTo: '1' }), output: sameAs((sim) => sim.state.awards.filter((a) => (a.AwardedTo as IDataObject)?.Id === 1)) },
	'creditAward.create': {
		params: { name: 'Spring', totalAmount: 100, additionalFields: { restrictions: ['Printing'], awardedToId: byId(2) } },
		method: 'POST', path: '/api/credits/awards', body: { Name: 'Spring', TotalAmount: 100, Restrictions: ['Printing'], AwardedTo: { Id: 2 } },
		output: one({ Name: 'Spring', TotalAmount: 100, RemainingAmount: 100 }),
	},
	'office.getAll': { params: { returnAll: true, filters: { enterpriseId: 1 } }, method: 'GET', path: '/api/offices', query: page({ enterpriseId: '1' }), output: sameAs(() => [{ Id: 10, Name: 'Main Office' }, { Id: 11, Name: 'North Office' }]) },
	'enterprise.getAll': { params: { returnAll: true }, method: 'GET', path: '/api/enterprises', query: page(), output: sameAs((sim) => sim.state.enterprises) },
	'orderPreset.getAll': { params: { returnAll: true }, method: 'GET', path: '/api/orderpresets', query: page(), output: sameAs((sim) => sim.state.presets) },
};

const allOperations = signTrakerResources.flatMap((r) => r.operations.map((o) => `${r.value}.${o.value}`));

test('the table covers every one of the 21 operations', () => {
	expect(allOperations).toHaveLength(21);
	expect(Object.keys(cases).sort()).toEqual([...allOperations].sort());
});

test.each(allOperations)('%s sends the exact request and outputs the records', async (key) => {
	const c = cases[key];
	await expectOperation(kit, key, c, (req) => {
		expect(req.headers.authorization).toBe(`ST-API ${SIGNTRAKER_KEY}`);
		if (c.body !== undefined) expect(req.headers['content-type']).toBe(c.contentType ?? 'application/json');
	});
});
