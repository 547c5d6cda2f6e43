import type { OperationSpec, ResourceSpec } from '../../shared/types';
import { programId, programLocator } from './fields';

const programBody = (required: boolean) => [
	{ displayName: 'Name', name: 'name', type: 'string' as const, default: '', in: 'body' as const, required, description: 'Name of the program' },
	{
		displayName: 'Commission Type',
		name: 'commissionType',
		type: 'options' as const,
		in: 'body' as const,
		required,
		default: 'one_time',
		description: 'How commissions are paid',
		options: [
			{ name: 'One Time', value: 'one_time' },
			{ name: 'Recurring', value: 'recurring' },
			{ name: 'Recurring Limited', value: 'recurring_limited' },
		],
	},
	{ displayName: 'Commission Percent', name: 'commissionPercent', type: 'number' as const, in: 'body' as const, required, default: 20, description: 'Commission as a percentage of the sale (20 means 20 %)' },
];

const operations: OperationSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many programs',
		description: 'List programs',
		method: 'GET',
		path: '/programs',
		list: 'paged',
		fields: [
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				in: 'query',
				default: 'active',
				description: 'Only programs with this status',
				options: [
					{ name: 'Active', value: 'active' },
					{ name: 'Archived', value: 'archived' },
					{ name: 'Paused', value: 'paused' },
				],
			},
		],
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get a program',
		description: 'Get a program with its readiness',
		method: 'GET',
		path: '/programs/{programId}',
		fields: [programLocator()],
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create a program',
		description: 'Create a program',
		method: 'POST',
		path: '/programs',
		idempotent: true,
		fields: [...programBody(true)],
	},
];
void programId;

export const programResource: ResourceSpec = {
	value: 'program',
	name: 'Program',
	description: 'Affiliate programs of the merchant',
	operations,
};
