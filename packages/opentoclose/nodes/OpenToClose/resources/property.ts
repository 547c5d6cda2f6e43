import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { field } from '../../shared/fields';
import { sendRequest } from '../../shared/transport';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { openToCloseService } from '../service';
import { BETA, crud, extraJson, PERMANENT_DELETE, texts } from './crud';

interface PropertyField {
	id: number;
	key: string;
	title?: string;
	type?: string;
	options?: Array<{ id: number; title: string }>;
	group?: string;
	section?: string;
}

/** The tenant's field schema (`/propertyFields` groups → sections → fields) as one flat list. */
export function flattenPropertyFields(body: unknown): PropertyField[] {
	const groups = Array.isArray(body) ? body : [];
	return groups.flatMap((g: IDataObject) => {
		const group = (g.group ?? g) as IDataObject;
		return ((group.sections ?? []) as IDataObject[]).flatMap((s) => {
			const section = (s.section ?? s) as IDataObject;
			return ((section.fields ?? []) as PropertyField[]).map((f) => ({ ...f, group: group.title as string, section: section.title as string }));
		});
	});
}

const normalise = (text: string) => text.toLowerCase().replace(/[\s-]+/g, ' ').trim();
const REQUIRED_KEYS = ['contract_title', 'contract_client_type', 'contract_status'];

/**
 * Property create takes tenant-specific field IDs. This looks them up by key in
 * /propertyFields (and choice options by title) so users work with names, not IDs.
 */
async function buildPropertyBody(ctx: IExecuteSingleFunctions, request: IHttpRequestOptions) {
	const node = ctx.getNode();
	const itemIndex = ctx.getItemIndex();
	const input = { ...((request.body as IDataObject) ?? {}) };
	const teamMemberId = input.team_member_id;
	const timeZoneId = input.time_zone_id ?? 1;
	const asText = input.choices_as_text === true;
	delete input.team_member_id;
	delete input.time_zone_id;
	delete input.choices_as_text;
	const { body } = await sendRequest(
		ctx,
		openToCloseService,
		{ baseURL: request.baseURL, url: '/propertyFields', method: 'GET' },
		{ retryable: true, itemIndex },
	);
	const schema = new Map(flattenPropertyFields(body).map((f) => [f.key, f]));
	const fields: IDataObject[] = [];
	for (const [key, value] of Object.entries(input)) {
		if (value === undefined || value === '') continue;
		const def = schema.get(key);
		if (!def) {
			throw new NodeOperationError(node, `Property field "${key}" does not exist in this Open To Close account`, {
				itemIndex,
				description: 'Use Property → Get Fields to see the field keys of your account.',
			});
		}
		if (def.type === 'choice') {
			const option = (def.options ?? []).find((o) => normalise(o.title) === normalise(String(value)) || String(o.id) === String(value));
			if (!option) {
				throw new NodeOperationError(node, `"${String(value)}" is not an option of ${def.title ?? key}`, {
					itemIndex,
					description: `Options: ${(def.options ?? []).map((o) => o.title).join(', ')}`,
				});
			}
			fields.push({ id: def.id, value: asText ? option.title : option.id });
		} else {
			fields.push({ id: def.id, value: String(value) });
		}
	}
	const missing = REQUIRED_KEYS.filter((k) => !fields.some((f) => f.id === schema.get(k)?.id));
	if (missing.length) {
		throw new NodeOperationError(node, `Missing required property fields: ${missing.join(', ')}`, { itemIndex });
	}
	request.body = { team_member_id: teamMemberId, time_zone_id: timeZoneId, fields };
}

const teamMember: FieldSpec = {
	displayName: 'Team Member',
	name: 'teamMemberId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	in: 'body',
	wire: 'team_member_id',
	cast: 'number',
	description: 'Who owns the transaction: a member of one of your teams',
	modes: [
		{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchTeamMembers', searchable: true } },
		{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 26392' },
	],
};

const propertyId = field.pathId('propertyId', 'Property ID', 'Numeric ID of the property (transaction)');

export const propertyResource: ResourceSpec = {
	value: 'property',
	name: 'Property',
	description: 'Transactions, made of the account’s own property fields',
	operations: [
		...crud({
			path: '/properties',
			singular: 'property',
			plural: 'properties',
			idName: 'propertyId',
			verified: ['getAll', 'get'],
			only: ['getAll', 'get', 'delete'],
			listFilters: [field.string('status', 'Status', 'Only properties with this status', { in: 'query' })],
		}).map((op) => (op.value === 'getAll' ? { ...op, maxPageSize: 50 } : op)),
		{
			value: 'create',
			name: 'Create',
			action: 'Create property',
			description: 'Create a transaction; field keys and choice titles are looked up in the account’s property fields',
			method: 'POST',
			path: '/properties/',
			fields: [
				teamMember,
				field.string('title', 'Title', 'Title of the transaction (contract_title)', { required: true, wire: 'contract_title' }),
				field.string('clientType', 'Client Type', 'Client type option, e.g. Buyer, Seller or Dual (contract_client_type)', { required: true, wire: 'contract_client_type', default: 'Buyer' }),
				field.string('status', 'Status', 'Status option, e.g. Under Contract (contract_status)', { required: true, wire: 'contract_status' }),
				field.number('timeZoneId', 'Time Zone ID', 'Time zone of the transaction', { wire: 'time_zone_id', default: 1 }),
				field.boolean('choicesAsText', 'Send Choices As Text', 'Whether to send choice values as their option title instead of the option ID', { wire: 'choices_as_text' }),
				{ ...extraJson('property'), displayName: 'Fields JSON', description: 'More property fields as {"field_key": value}, e.g. {"purchase_amount": 450000, "property_city": "Austin"}' },
			],
			prepare: buildPropertyBody,
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update property',
			description: `Send fields of a property as given (PUT)${BETA}`,
			method: 'PUT',
			path: '/properties/{propertyId}',
			fields: [propertyId, field.json('body', 'Body JSON', 'The update body as JSON: a list of fields, each with its field ID and new value', { required: true, spread: true, placeholder: 'e.g. {"fields": [{"id": 926565, "value": "New title"}]}' })],
		},
		{
			value: 'getFields',
			name: 'Get Fields',
			action: 'Get property fields',
			description: 'The account’s property fields with their keys, types and options, one item per field',
			method: 'GET',
			path: '/propertyFields',
			transform: flattenPropertyFields,
		},
	],
};
void PERMANENT_DELETE;

const parent = [propertyId];

export const propertyContactResource: ResourceSpec = {
	value: 'propertyContact',
	name: 'Property Contact',
	description: 'Contacts linked to a property',
	operations: crud({
		path: '/properties/{propertyId}/contacts',
		singular: 'property contact',
		plural: 'property contacts',
		parent,
		idName: 'associationId',
		verified: ['getAll', 'create', 'get'],
		only: ['getAll', 'create', 'get'],
		createFields: [field.number('contactId', 'Contact ID', 'The contact to link (the API takes no role or priority here)', { required: true, wire: 'contact_id', default: 0 })],
	}).map((op) => (op.value === 'get' ? { ...op, description: 'Get a link by its association ID (not the contact ID)' } : op)),
};

export const propertyDocumentResource: ResourceSpec = {
	value: 'propertyDocument',
	name: 'Property Document',
	description: 'Documents of a property (links, no file upload)',
	operations: crud({
		path: '/properties/{propertyId}/documents',
		singular: 'property document',
		plural: 'property documents',
		parent,
		idName: 'documentId',
		verified: [],
		listFilters: [field.string('type', 'Type', 'Only documents of this type', { in: 'query' })],
		createFields: [field.string('name', 'Name', 'Name of the document', { required: true }), ...texts([['type', 'Type', 'Type, e.g. contract, invoice or inspection'], ['url', 'URL', 'Link to the document (http or https)'], ['description', 'Description', 'Description']]), field.number('fileSize', 'File Size', 'Size in bytes', { wire: 'file_size' })],
		updateFields: [field.string('name', 'Name', 'Name of the document'), ...texts([['type', 'Type', 'Type of the document'], ['url', 'URL', 'Link to the document'], ['description', 'Description', 'Description']])],
	}),
};

const emailText = texts([
	['subject', 'Subject', 'Subject of the email'],
	['body', 'Body', 'Text of the email'],
	['status', 'Status', 'Status, e.g. sent, draft or failed'],
	['priority', 'Priority', 'Priority of the email'],
]);

export const propertyEmailResource: ResourceSpec = {
	value: 'propertyEmail',
	name: 'Property Email',
	description: 'Emails logged on a property',
	operations: crud({
		path: '/properties/{propertyId}/emails',
		singular: 'property email',
		plural: 'property emails',
		parent,
		idName: 'emailId',
		verified: [],
		oneOf: ['subject', 'body', 'recipient', 'sender', 'status', 'priority', 'recipients'],
		listFilters: [field.string('status', 'Status', 'Only emails with this status', { in: 'query' })],
		createFields: [...emailText, ...texts([['recipient', 'Recipient', 'Email address of the recipient'], ['sender', 'Sender', 'Email address of the sender']]), field.string('recipients', 'Recipients', 'Comma-separated email addresses', { list: true })],
		updateFields: emailText,
	}),
};

const noteFields = (required: boolean): FieldSpec[] => [
	field.string('description', 'Description', 'Text of the note', { required }),
	field.boolean('global', 'Global', 'Whether the note is global'),
	field.boolean('pinned', 'Pinned', 'Whether the note is pinned'),
	field.boolean('private', 'Private', 'Whether the note is private'),
	field.boolean('personal', 'Personal', 'Whether the note is personal'),
	field.string('priority', 'Priority', 'Priority of the note'),
	field.dateTime('priorityDate', 'Priority Date', 'Date the priority refers to', { in: 'body', wire: 'priority_date' }),
	extraJson('note'),
];

export const propertyNoteResource: ResourceSpec = {
	value: 'propertyNote',
	name: 'Property Note',
	description: 'Notes on a property (each create adds a new note)',
	operations: crud({ path: '/properties/{propertyId}/notes', singular: 'property note', plural: 'property notes', parent, idName: 'noteId', verified: ['getAll', 'create', 'get'], createFields: noteFields(true), updateFields: noteFields(false) }),
};

const taskFields = (required: boolean): FieldSpec[] => [
	field.string('title', 'Title', 'Title of the task', { required }),
	...texts([['description', 'Description', 'Description'], ['status', 'Status', 'Status, e.g. pending, in_progress or completed'], ['priority', 'Priority', 'Priority'], ['assignee', 'Assignee', 'Who does the task'], ['due_date', 'Due Date', 'Due date such as 2024-01-15']]),
	field.number('assigneeId', 'Assignee ID', 'User who does the task', { wire: 'assignee_id' }),
	field.boolean('isCompleted', 'Is Completed', 'Whether the task is done', { wire: 'is_completed' }),
];

export const propertyTaskResource: ResourceSpec = {
	value: 'propertyTask',
	name: 'Property Task',
	description: 'Tasks of a property',
	operations: crud({
		path: '/properties/{propertyId}/tasks',
		singular: 'property task',
		plural: 'property tasks',
		parent,
		idName: 'taskId',
		verified: ['getAll', 'get'],
		listFilters: [field.string('status', 'Status', 'Only tasks with this status', { in: 'query' }), field.string('priority', 'Priority', 'Only tasks with this priority', { in: 'query' })],
		createFields: taskFields(true),
		updateFields: taskFields(false).filter((f) => !['assigneeId', 'isCompleted'].includes(f.name)),
	}),
};
