import { field } from '../../shared/fields';
import type { OperationSpec, ResourceSpec } from '../../shared/types';
import { programLocator, SOURCES } from './fields';

const applicationId = field.pathId('applicationId', 'Application ID', 'ID of the application');

const review = (value: string, verb: string): OperationSpec => ({
	value,
	name: verb,
	action: `${verb} application`,
	description: `${verb} a pending application to join a program`,
	method: 'POST',
	path: `/applications/{applicationId}/${value}`,
	idempotent: true,
	fields: [applicationId, field.string('note', 'Note', 'Note kept with the decision')],
});

export const applicationResource: ResourceSpec = {
	value: 'application',
	name: 'Application',
	description: 'Requests of affiliates to join a program',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many applications',
			description: 'List applications to join programs',
			method: 'GET',
			path: '/applications',
			list: 'paged',
			fields: [
				programLocator('query', 'programId', undefined, false),
				field.string('search', 'Search', 'Text to search for', { in: 'query' }),
				field.options('status', 'Status', 'Only applications with this status', ['pending', 'approved', 'declined', 'withdrawn', 'blocked'], { in: 'query' }),
				field.options('source', 'Source', 'Only applications that came this way', SOURCES, { in: 'query' }),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get application',
			description: 'Get an application',
			method: 'GET',
			path: '/applications/{applicationId}',
			fields: [applicationId],
		},
		review('approve', 'Approve'),
		review('decline', 'Decline'),
		review('block', 'Block'),
	],
};
