import { field } from '../../shared/fields';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { crud, extraJson, texts } from './crud';

const q = { in: 'query' as const };

const agentFields = (): FieldSpec[] => [
	...texts([
		['first_name', 'First Name', 'First name'],
		['last_name', 'Last Name', 'Last name'],
		['name', 'Name', 'Full name'],
		['email', 'Email', 'Email address'],
		['phone', 'Phone', 'Phone number'],
		['license_number', 'License Number', 'Real-estate license number'],
		['status', 'Status', 'Status, e.g. Active or Inactive (set Inactive instead of deleting)'],
		['brokerage', 'Brokerage', 'Brokerage name'],
	]),
	field.number('teamId', 'Team ID', 'Team of the agent', { wire: 'team_id' }),
	extraJson('agent'),
];

export const agentResource: ResourceSpec = {
	value: 'agent',
	name: 'Agent',
	description: 'Agents of the brokerage',
	operations: crud({
		path: '/agents',
		singular: 'agent',
		plural: 'agents',
		idName: 'agentId',
		verified: ['getAll'],
		oneOf: ['email', 'phone', 'name', 'first_name', 'last_name'],
		listFilters: [
			field.string('status', 'Status', 'Only agents with this status, e.g. Active', q),
			field.number('teamId', 'Team ID', 'Only agents of this team', { ...q, wire: 'team_id' }),
			field.string('sort', 'Sort', 'Sort order, e.g. last_name or -created', q),
			field.string('search', 'Search', 'Text to search for', q),
		],
		createFields: agentFields(),
		updateFields: agentFields(),
	}),
};

const contactFields = (): FieldSpec[] => [
	...texts([
		['first_name', 'First Name', 'First name (the API has no single name field)'],
		['middle_name', 'Middle Name', 'Middle name'],
		['last_name', 'Last Name', 'Last name'],
		['nick_name', 'Nick Name', 'Nickname'],
		['email', 'Email', 'Email address'],
		['office_email', 'Office Email', 'Office email address'],
		['phone', 'Phone', 'Phone number'],
		['cell_phone', 'Cell Phone', 'Mobile phone number'],
		['address', 'Address', 'Street address'],
		['city', 'City', 'City'],
		['state', 'State', 'State'],
		['zip', 'Zip', 'Postal code'],
		['country', 'Country', 'Country'],
	]),
	field.number('contactRoleId', 'Contact Role ID', 'Role of the contact', { wire: 'contact_role_id' }),
	extraJson('contact'),
];

export const contactResource: ResourceSpec = {
	value: 'contact',
	name: 'Contact',
	description: 'People involved in transactions',
	operations: crud({
		path: '/contacts',
		singular: 'contact',
		plural: 'contacts',
		idName: 'contactId',
		verified: ['getAll', 'create'],
		oneOf: ['email', 'phone', 'first_name', 'last_name'],
		listFilters: [
			...texts([
				['email', 'Email', 'Only contacts with this email'],
				['first_name', 'First Name', 'Only contacts with this first name'],
				['last_name', 'Last Name', 'Only contacts with this last name'],
				['sort_by', 'Sort By', 'Field to sort by, e.g. last_name'],
			], q),
			field.options('sortDir', 'Sort Direction', 'Sort direction', [{ name: 'Ascending', value: 'asc' }, { name: 'Descending', value: 'desc' }], { ...q, wire: 'sort_dir' }),
		],
		createFields: contactFields(),
		updateFields: contactFields(),
	}),
};

const userFields = (required: boolean): FieldSpec[] => [
	field.string('email', 'Email', 'Email address of the user', { required }),
	...texts([
		['first_name', 'First Name', 'First name'],
		['last_name', 'Last Name', 'Last name'],
		['name', 'Name', 'Full name'],
		['phone', 'Phone', 'Phone number'],
		['role', 'Role', 'Role, e.g. admin, agent or user'],
		['status', 'Status', 'Status, e.g. Active or Inactive (set Inactive instead of deleting)'],
	]),
];

export const userResource: ResourceSpec = {
	value: 'user',
	name: 'User',
	description: 'Users of the Open To Close account',
	operations: crud({ path: '/users', singular: 'user', plural: 'users', idName: 'userId', verified: ['getAll'], createFields: userFields(true), updateFields: userFields(false) }),
};

const teamFields = (required: boolean): FieldSpec[] => [
	field.string('name', 'Name', 'Name of the team', { required }),
	field.string('description', 'Description', 'Description of the team'),
	field.string('status', 'Status', 'Status of the team'),
	field.string('members', 'Member User IDs', 'Comma-separated user IDs of the members', { list: true }),
];

export const teamResource: ResourceSpec = {
	value: 'team',
	name: 'Team',
	description: 'Teams and their members',
	operations: crud({ path: '/teams', singular: 'team', plural: 'teams', idName: 'teamId', verified: ['getAll'], createFields: teamFields(true), updateFields: teamFields(false) }),
};

const tagFields = (required: boolean): FieldSpec[] => [
	field.string('name', 'Name', 'Name of the tag', { required }),
	{ ...field.string('color', 'Color', 'Color of the tag'), type: 'color' },
	field.string('description', 'Description', 'Description of the tag'),
	field.string('category', 'Category', 'Category of the tag'),
	field.boolean('isActive', 'Is Active', 'Whether the tag is active', { wire: 'is_active', default: true }),
	field.number('sortOrder', 'Sort Order', 'Position among tags', { wire: 'sort_order' }),
];

export const tagResource: ResourceSpec = {
	value: 'tag',
	name: 'Tag',
	description: 'Tags for records',
	operations: crud({
		path: '/tags',
		singular: 'tag',
		plural: 'tags',
		idName: 'tagId',
		verified: ['getAll'],
		listFilters: [field.string('category', 'Category', 'Only tags of this category', q), field.boolean('isActive', 'Is Active', 'Whether to list active tags (on) or inactive ones (off)', { ...q, wire: 'is_active' })],
		createFields: tagFields(true),
		updateFields: tagFields(false),
	}),
};
