import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { affiliateLocator, programLocator, SOURCES } from './fields';

export const affiliateResource: ResourceSpec = {
	value: 'affiliate',
	name: 'Affiliate',
	description: 'Approved affiliates of the merchant programs',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many affiliates',
			description: 'List affiliates (earnings in cents)',
			method: 'GET',
			path: '/affiliates',
			list: 'paged',
			fields: [
				programLocator('query', 'programId', undefined, false),
				field.boolean('includeBlocked', 'Include Blocked', 'Whether to include blocked affiliates', { in: 'query' }),
				field.string('search', 'Search', 'Text to search for in name, email or code', { in: 'query' }),
				field.options('sortBy', 'Sort By', 'Field to sort by', [
					{ name: 'Created At', value: 'createdAt' },
					{ name: 'Name', value: 'name' },
					{ name: 'Total Clicks', value: 'totalClicks' },
					{ name: 'Total Revenue', value: 'totalRevenue' },
				], { in: 'query' }),
				field.options('sortOrder', 'Sort Order', 'Sort direction', [
					{ name: 'Ascending', value: 'asc' },
					{ name: 'Descending', value: 'desc' },
				], { in: 'query' }),
				field.options('status', 'Status', 'Only affiliates with this status', ['approved', 'blocked'], { in: 'query' }),
				field.options('source', 'Source', 'Only affiliates who joined this way', SOURCES, { in: 'query' }),
			],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get affiliate',
			description: 'Get an affiliate',
			method: 'GET',
			path: '/affiliates/{affiliateId}',
			fields: [
				affiliateLocator(),
				field.options('include', 'Include', 'Extra detail to include', [{ name: 'Stats', value: 'stats' }], { in: 'query', group: 'options' }),
			],
		},
		{
			value: 'block',
			name: 'Block',
			action: 'Block affiliate',
			description: 'Block an affiliate from earning',
			method: 'POST',
			path: '/affiliates/{affiliateId}/block',
			idempotent: true,
			fields: [affiliateLocator(), field.string('reason', 'Reason', 'Why the affiliate is blocked')],
		},
		{
			value: 'unblock',
			name: 'Unblock',
			action: 'Unblock affiliate',
			description: 'Let a blocked affiliate earn again',
			method: 'POST',
			path: '/affiliates/{affiliateId}/unblock',
			idempotent: true,
			fields: [affiliateLocator()],
		},
	],
};
