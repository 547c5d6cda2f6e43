import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { affiliateLocator, CENTS, dateRange, period, programLocator } from './fields';

export const conversionResource: ResourceSpec = {
	value: 'conversion',
	name: 'Conversion',
	description: 'Sales attributed to affiliates',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many conversions',
			description: 'List conversions (amount and commission in cents)',
			method: 'GET',
			path: '/conversions',
			list: 'paged',
			notice: CENTS,
			fields: [
				programLocator('query', 'programId', undefined, false),
				affiliateLocator('query', 'affiliateId', undefined, false),
				field.options('status', 'Status', 'Only conversions with this status', ['pending', 'approved', 'partially_refunded', 'rejected', 'refunded'], { in: 'query' }),
				...dateRange(),
			],
		},
		{
			value: 'getStats',
			name: 'Get Stats',
			action: 'Get conversion stats',
			description: 'Totals of conversions, revenue and commissions (in cents)',
			method: 'GET',
			path: '/conversions/stats',
			fields: [programLocator('query', 'programId', undefined, false), period()],
		},
		{
			value: 'getRecent',
			name: 'Get Recent',
			action: 'Get recent conversions',
			description: 'The latest conversions, newest first',
			method: 'GET',
			path: '/conversions/recent',
			// One page of at most 20 (the API's cap): Limit asks for that many, Return All for 20.
			list: 'paged',
			pager: 'limit',
			maxPageSize: 20,
		},
	],
};
