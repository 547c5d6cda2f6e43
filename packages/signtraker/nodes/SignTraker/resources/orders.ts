import { field } from '../../shared/fields';
import type { FieldSpec, OperationSpec, ResourceSpec } from '../../shared/types';
import { NAMED_REF_FIELDS, odataFields, ORDER_FIELDS } from './odata';
import { agentLocator, idPath, pc, presetLocator } from './fields';

const SIGNAGE_ORDER_FIELDS = [
	...ORDER_FIELDS, 'DateInstalled', 'RemovalRequestDate', 'RemovalDueDate', 'IsRemovalDueDateDefinitive',
	'RemovalDate', 'RebillInterval', 'NextRebillDate', 'PostType',
];
const SERVICE_ORDER_FIELDS = [...ORDER_FIELDS, 'ServiceType', 'CompletionDate'];
const NATIONAL = 'Only National Accounts can create these: they need an order preset.';

const getAll = (path: string, noun: string, selectable: string[], extra: FieldSpec[] = []): OperationSpec => ({
	value: 'getAll',
	name: 'Get Many',
	action: `Get many ${noun}s`,
	description: `List ${noun}s, with OData filtering, sorting and field selection`,
	method: 'GET',
	path,
	list: 'paged',
	fields: [...extra, ...odataFields(selectable)],
});

const getOne = (path: string, noun: string, idName: string, idLabel: string): OperationSpec => ({
	value: 'get',
	name: 'Get',
	action: `Get ${noun}`,
	description: `Get a ${noun}`,
	method: 'GET',
	path: `${path}/{${idName}}`,
	fields: [idPath(idName, idLabel)],
});

/** Service orders and change orders are created from an existing install and a preset. */
const presetCreateFields = (): FieldSpec[] => [
	pc.number('installId', 'Install ID', 'ID of the existing signage install (order) the work is for', { required: true, default: 0 }),
	presetLocator(),
	pc.boolean('overridePriceLimit', 'Override Price Limit', 'Whether to accept a price above the limit', { required: true }),
	pc.string('notes', 'Notes', 'Notes for the order'),
	pc.dateTime('dueDate', 'Due Date', 'When the work is due'),
];

export const orderResource: ResourceSpec = {
	value: 'order',
	simplified: ['Id', 'OrderNumber', 'Status', 'Created', 'DueDate', 'JobSite', 'Agent', 'DateInstalled', 'RemovalDate', 'PostType'],
	name: 'Order',
	description: 'Signage orders (sign installs)',
	operations: [
		getAll('/api/orders', 'signage order', SIGNAGE_ORDER_FIELDS),
		getOne('/api/orders', 'signage order', 'orderId', 'Order ID'),
		{
			value: 'create',
			name: 'Create',
			action: 'Create signage order',
			description: 'Order a sign install from a preset',
			method: 'POST',
			path: '/api/orders',
			notice: NATIONAL,
			fields: [
				agentLocator('body', 'agentId', 'AgentId'),
				presetLocator(),
				...['streetNumber', 'streetName', 'city', 'state', 'zip', 'apartment', 'directions', 'listingNumber', 'notes'].map((name) =>
					pc.string(name, name.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()), `The ${name.replace(/([A-Z])/g, ' $1').toLowerCase()} of the job site or order`),
				),
				field.string('externalId', 'External ID', 'Your own reference for the order', { wire: 'ExternalID' }),
				pc.dateTime('dueDate', 'Due Date', 'When the install is due'),
			],
		},
		{
			value: 'requestRemoval',
			name: 'Request Removal',
			action: 'Request removal of sign',
			description: 'Ask for the sign of an order to be removed',
			method: 'POST',
			path: '/api/orders/{orderId}/requestremoval',
			sendEmptyBody: true,
			fields: [idPath('orderId', 'Order ID'), pc.dateTime('dueDate', 'Due Date', 'When the removal is due'), pc.string('notes', 'Notes', 'Notes for the removal')],
		},
	],
};

export const serviceOrderResource: ResourceSpec = {
	value: 'serviceOrder',
	simplified: ['Id', 'OrderNumber', 'Status', 'ServiceType', 'Created', 'DueDate', 'CompletionDate', 'JobSite', 'Agent'],
	name: 'Service Order',
	description: 'Service work on an existing install',
	operations: [
		getAll('/api/services', 'service order', SERVICE_ORDER_FIELDS),
		getOne('/api/services', 'service order', 'serviceId', 'Service Order ID'),
		{
			value: 'create',
			name: 'Create',
			action: 'Create service order',
			description: 'Order service work on an install (the answer is a list of created service orders)',
			method: 'POST',
			path: '/api/services',
			fields: presetCreateFields(),
		},
	],
};

export const changeOrderResource: ResourceSpec = {
	value: 'changeOrder',
	simplified: ['Id', 'OrderNumber', 'Status', 'ServiceType', 'Created', 'DueDate', 'CompletionDate', 'JobSite', 'Agent'],
	name: 'Change Order',
	description: 'Changes to an existing install',
	operations: [
		getAll('/api/changeorders', 'change order', SERVICE_ORDER_FIELDS),
		getOne('/api/changeorders', 'change order', 'changeOrderId', 'Change Order ID'),
		{
			value: 'create',
			name: 'Create',
			action: 'Create change order',
			description: 'Order a change to an install',
			method: 'POST',
			path: '/api/changeorders',
			notice: NATIONAL,
			fields: presetCreateFields(),
		},
	],
};

const AWARD_FIELDS = ['Id', 'Name', 'AwardedBy', 'AwardedDate', 'AwardedTo', 'ExpirationDate', 'TotalAmount', 'RemainingAmount', 'Restrictions'];

export const creditAwardResource: ResourceSpec = {
	value: 'creditAward',
	name: 'Credit Award',
	description: 'Credits awarded to agents',
	operations: [
		getAll('/api/credits/awards', 'credit award', AWARD_FIELDS, [agentLocator('query', 'awardedTo', 'awardedTo', false)]),
		{
			value: 'create',
			name: 'Create',
			action: 'Create credit award',
			description: 'Award credit to an agent',
			method: 'POST',
			path: '/api/credits/awards',
			fields: [
				pc.string('name', 'Name', 'Name of the award', { required: true }),
				pc.number('totalAmount', 'Total Amount', 'Amount of credit awarded', { required: true }),
				{ ...agentLocator('body', 'awardedToId', 'AwardedTo.Id', false), displayName: 'Awarded To', description: 'The agent who receives the credit (sent as the agent ID under AwardedTo; the API documents no other form)' },
				pc.dateTime('expirationDate', 'Expiration Date', 'When the credit expires'),
				{ ...field.multiOptions('restrictions', 'Restrictions', 'What the credit may be spent on', []), wire: 'Restrictions', options: [{ name: 'Printing', value: 'Printing' }] },
			],
		},
	],
};

const reference = (value: string, name: string, path: string, description: string, extra: FieldSpec[] = []): ResourceSpec => ({
	value,
	name,
	description,
	operations: [getAll(path, name.toLowerCase(), NAMED_REF_FIELDS, extra)],
});

export const enterpriseResource = reference('enterprise', 'Enterprise', '/api/enterprises', 'Enterprises of the account');
export const officeResource = reference('office', 'Office', '/api/offices', 'Offices, optionally of one enterprise', [
	field.number('enterpriseId', 'Enterprise ID', 'Only offices of this enterprise', { in: 'query' }),
]);
export const orderPresetResource = reference('orderPreset', 'Order Preset', '/api/orderpresets', 'Presets that orders are created from');
