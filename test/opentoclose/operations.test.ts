/**
 * Every Open To Close operation through n8n-core against the simulator: exact request
 * (method, path, query with the api_token, body) and the output compared with the simulator.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { openToCloseResources } from '../../packages/opentoclose/nodes/OpenToClose/resources';
import { OTC_TOKEN } from '../sim/opentoclose';
import type { OpenToCloseSim } from '../sim/opentoclose';
import { expectOperation } from '../harness/operations';
import type { OperationCase } from '../harness/operations';
import { useOpenToClose } from './kit';

const kit = useOpenToClose();

type Case = OperationCase<OpenToCloseSim>;

/** The five CRUD cases of one collection, checked against the simulator's store. */
function crudCases(resource: string, path: string, coll: string, idParam: string, parent: INodeParameters, create: [INodeParameters, IDataObject], update: [INodeParameters, IDataObject], ops = ['getAll', 'create', 'get', 'update', 'delete']): Record<string, Case> {
	const store = (sim: OpenToCloseSim) => sim.state.collections[coll];
	const all: Record<string, Case> = {
		getAll: { params: { ...parent, returnAll: true }, method: 'GET', path, query: { limit: '100', offset: '0' }, output: (items, sim) => expect(items).toEqual(store(sim)) },
		create: { params: { ...parent, ...create[0] }, method: 'POST', path, body: create[1], output: (items, sim) => expect(items).toEqual([store(sim)[store(sim).length - 1]]) },
		get: { params: { ...parent, [idParam]: '1' }, method: 'GET', path: `${path}/1`, output: (items, sim) => expect(items).toEqual([store(sim).find((r) => r.id === 1)]) },
		update: { params: { ...parent, [idParam]: '1', ...update[0] }, method: 'PUT', path: `${path}/1`, body: update[1], output: (items) => expect(items[0]).toMatchObject(update[1]) },
		delete: { params: { ...parent, [idParam]: '2' }, method: 'DELETE', path: `${path}/2`, output: (items, sim) => { expect(items).toEqual([{ deleted: true }]); expect(store(sim).find((r) => r.id === 2)).toBeUndefined(); } },
	};
	return Object.fromEntries(ops.map((op) => [`${resource}.${op}`, all[op]]));
}

const pid = { propertyId: '1' };

const cases: Record<string, Case> = {
	...crudCases('agent', '/agents', 'agents', 'agentId', {}, [{ additionalFields: { firstName: 'Ada', lastName: 'Agent', email: 'ada@example.com', teamId: 1 } }, { first_name: 'Ada', last_name: 'Agent', email: 'ada@example.com', team_id: 1 }], [{ updateFields: { status: 'Inactive' } }, { status: 'Inactive' }]),
	...crudCases('contact', '/contacts', 'contacts', 'contactId', {}, [{ additionalFields: { firstName: 'John', lastName: 'Smith', phone: '15550101', contactRoleId: 3 } }, { first_name: 'John', last_name: 'Smith', phone: '15550101', contact_role_id: 3 }], [{ updateFields: { email: 'john@example.com' } }, { email: 'john@example.com' }]),
	...crudCases('user', '/users', 'users', 'userId', {}, [{ email: 'new.user@example.com', additionalFields: { role: 'agent' } }, { email: 'new.user@example.com', role: 'agent' }], [{ updateFields: { status: 'Inactive' } }, { status: 'Inactive' }]),
	...crudCases('team', '/teams', 'teams', 'teamId', {}, [{ name: 'New Team', additionalFields: { members: '7, 8' } }, { name: 'New Team', members: ['7', '8'] }], [{ updateFields: { description: 'Renamed' } }, { description: 'Renamed' }]),
	...crudCases('tag', '/tags', 'tags', 'tagId', {}, [{ name: 'Cold', additionalFields: { color: '#00f', isActive: false } }, { name: 'Cold', color: '#00f', is_active: false }], [{ updateFields: { category: 'lead' } }, { category: 'lead' }]),
	...crudCases('propertyContact', '/properties/1/contacts', 'properties/1/contacts', 'associationId', pid, [{ contactId: 6011149 }, { contact_id: 6011149 }], [{}, {}], ['getAll', 'create']),
	'propertyContact.get': { params: { ...pid, associationId: '7484664' }, method: 'GET', path: '/properties/1/contacts/7484664', output: (items) => expect(items[0]).toMatchObject({ id: 7484664, contact_role: [] }) },
	...crudCases('propertyDocument', '/properties/1/documents', 'properties/1/documents', 'documentId', pid, [{ name: 'Inspection.pdf', additionalFields: { type: 'inspection', url: 'https://files.example.com/i.pdf', fileSize: 1024 } }, { name: 'Inspection.pdf', type: 'inspection', url: 'https://files.example.com/i.pdf', file_size: 1024 }], [{ updateFields: { description: 'Signed' } }, { description: 'Signed' }]),
	...crudCases('propertyEmail', '/properties/1/emails', 'properties/1/emails', 'emailId', pid, [{ additionalFields: { subject: 'Offer', recipient: 'buyer@example.com', recipients: 'a@x.com,b@x.com' } }, { subject: 'Offer', recipient: 'buyer@example.com', recipients: ['a@x.com', 'b@x.com'] }], [{ updateFields: { status: 'draft' } }, { status: 'draft' }]),
	...crudCases('propertyNote', '/properties/1/notes', 'properties/1/notes', 'noteId', pid, [{ description: 'Buyer called', additionalFields: { pinned: true, extraFields: '{"custom_flag": 1}' } }, { description: 'Buyer called', pinned: true, custom_flag: 1 }], [{ updateFields: { private: true } }, { private: true }]),
	...crudCases('propertyTask', '/properties/1/tasks', 'properties/1/tasks', 'taskId', pid, [{ title: 'Appraisal', additionalFields: { dueDate: '2026-12-01', assigneeId: 9, isCompleted: false } }, { title: 'Appraisal', due_date: '2026-12-01', assignee_id: 9, is_completed: false }], [{ updateFields: { status: 'completed' } }, { status: 'completed' }]),
	'property.getAll': { params: { returnAll: true }, method: 'GET', path: '/properties', query: { limit: '50', offset: '0' }, output: (items, sim) => expect(items.map((i) => i.id)).toEqual(sim.state.properties.map((p) => p.id)) },
	'property.get': { params: { propertyId: '1' }, method: 'GET', path: '/properties/1', output: (items, sim) => expect(items).toEqual([sim.state.properties[0]]) },
	'property.update': { params: { propertyId: '1', body: '{"fields": [{"id": 926565, "value": "New title"}]}' }, method: 'PUT', path: '/properties/1', body: { fields: [{ id: 926565, value: 'New title' }] }, output: (items) => expect(items[0]).toMatchObject({ id: 1, fields: [{ id: 926565, value: 'New title' }] }) },
	'property.delete': { params: { propertyId: '1' }, method: 'DELETE', path: '/properties/1', output: (items, sim) => { expect(items).toEqual([{ deleted: true }]); expect(sim.state.properties.find((p) => p.id === 1)).toBeUndefined(); } },
	'property.getFields': { params: {}, method: 'GET', path: '/propertyFields', output: (items) => { expect(items).toHaveLength(5); expect(items[1]).toMatchObject({ id: 926553, key: 'contract_client_type', group: 'Contract', section: 'Basics' }); } },
};

// Property create makes two requests (the field schema, then the create); checked on its own.
const allOperations = openToCloseResources.flatMap((r) => r.operations.map((o) => `${r.value}.${o.value}`));

test('the table covers every one of the 54 operations', () => {
	expect(allOperations).toHaveLength(54);
	expect([...Object.keys(cases), 'property.create'].sort()).toEqual([...allOperations].sort());
});

test.each(Object.keys(cases))('%s sends the exact request and outputs the records', async (key) => {
	await expectOperation(kit, key, cases[key], (req) => expect(req.headers.authorization).toBeUndefined(), { api_token: OTC_TOKEN });
});

test('property.create looks up field IDs, then posts to /properties/ with the team member', async () => {
	const result = await kit.run({
		resource: 'property',
		operation: 'create',
		teamMemberId: { __rl: true, mode: 'id', value: '26393' },
		title: '12 Main St',
		clientType: 'seller',
		status: 'listing-active',
		additionalFields: { extraFields: '{"purchase_amount": 450000}' },
	});
	if (result.error) throw result.error;
	expect(kit.sim.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /propertyFields', 'POST /properties/']);
	expect(kit.sim.log[1].body).toEqual({
		team_member_id: 26393,
		time_zone_id: 1,
		fields: [
			{ id: 926565, value: '12 Main St' },
			{ id: 926553, value: 797213 },
			{ id: 926554, value: 800002 },
			{ id: 926570, value: '450000' },
		],
	});
	const created = kit.sim.state.properties[kit.sim.state.properties.length - 1];
	expect(result.items.map((i) => i.json)).toEqual([{ id: created.id, created: 1749039487 }]);
});
