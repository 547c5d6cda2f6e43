import { field } from '../../shared/fields';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { programLocator } from './fields';

export const WEBHOOK_EVENTS = [
	'affiliate.approved',
	'affiliate.blocked',
	'affiliate.joined',
	'affiliate.unblocked',
	'conversion.created',
	'conversion.refunded',
	'flag.resolved',
	'payout.completed',
	'payout.created',
	'payout.failed',
	'payout.processing',
	'program.created',
	'program.updated',
];

const events = (required: boolean): FieldSpec => ({
	...field.multiOptions('subscribedEvents', 'Events', 'Events sent to the endpoint', []),
	options: WEBHOOK_EVENTS.map((e) => ({ name: e, value: e })),
	required,
});

const webhookId = field.pathId('webhookId', 'Webhook ID', 'ID of the webhook endpoint');

const schemaVersion = field.options('schemaVersion', 'Schema Version', 'Payload schema version', [{ name: '2', value: 2 }]);

export const webhookResource: ResourceSpec = {
	value: 'webhook',
	simplified: ['id', 'name', 'url', 'status', 'programId', 'subscribedEvents', 'schemaVersion', 'createdAt', 'updatedAt', 'disabledAt'],
	name: 'Webhook',
	description: 'Endpoints that receive AgentRef events',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many webhooks',
			description: 'List webhook endpoints',
			method: 'GET',
			path: '/webhooks',
			list: 'array',
			fields: [programLocator('query', 'programId', undefined, false)],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create webhook',
			description: 'Register an endpoint; the signing secret is returned only now',
			method: 'POST',
			path: '/webhooks',
			notice: 'The signing secret appears only in this answer: store it where the receiver can read it.',
			fields: [
				field.string('name', 'Name', 'Name of the endpoint', { required: true }),
				field.string('url', 'URL', 'HTTPS URL that receives the events', { required: true }),
				events(true),
				programLocator('body', 'programId', undefined, false),
				schemaVersion,
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get webhook',
			description: 'Get a webhook endpoint',
			method: 'GET',
			path: '/webhooks/{webhookId}',
			fields: [webhookId],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update webhook',
			description: 'Change a webhook endpoint',
			method: 'PATCH',
			path: '/webhooks/{webhookId}',
			fields: [
				webhookId,
				field.string('name', 'Name', 'Name of the endpoint'),
				field.string('url', 'URL', 'HTTPS URL that receives the events'),
				events(false),
				programLocator('body', 'programId', undefined, false),
				// The API removes a program scope only on an explicit null.
				field.boolean('removeProgramScope', 'Remove Program Scope', 'Whether to remove the program scope, so the endpoint receives the events of every program', {
					wire: 'programId',
					clears: true,
				}),
				schemaVersion,
			],
		},
		{
			value: 'delete',
			name: 'Delete',
			action: 'Delete webhook',
			description: 'Delete a webhook endpoint permanently',
			method: 'DELETE',
			path: '/webhooks/{webhookId}',
			fields: [webhookId],
		},
		{
			value: 'rotateSecret',
			name: 'Rotate Secret',
			action: 'Rotate signing secret of webhook',
			description: 'Issue a new signing secret; the old one stops working',
			method: 'POST',
			path: '/webhooks/{webhookId}/rotate-secret',
			fields: [webhookId],
		},
	],
};
