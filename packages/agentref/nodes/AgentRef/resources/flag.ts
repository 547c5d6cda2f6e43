import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { affiliateLocator } from './fields';

export const flagResource: ResourceSpec = {
	value: 'flag',
	name: 'Flag',
	description: 'Fraud and review flags on affiliates',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many flags',
			description: 'List fraud flags',
			method: 'GET',
			path: '/flags',
			list: 'paged',
			fields: [
				field.options('status', 'Status', 'Only flags with this status', ['open', 'reviewed', 'dismissed', 'confirmed'], { in: 'query' }),
				field.options('type', 'Type', 'Only flags of this type', ['suspicious_activity', 'self_referral', 'high_click_frequency', 'conversion_anomaly', 'manual_review'], { in: 'query' }),
				affiliateLocator('query', 'affiliateId', undefined, false),
			],
		},
		{
			value: 'getStats',
			name: 'Get Stats',
			action: 'Get flag stats',
			description: 'Counts of flags by status',
			method: 'GET',
			path: '/flags/stats',
		},
		{
			value: 'resolve',
			name: 'Resolve',
			action: 'Resolve flag',
			description: 'Resolve a flag, optionally blocking the affiliate',
			method: 'POST',
			path: '/flags/{flagId}/resolve',
			idempotent: true,
			fields: [
				field.pathId('flagId', 'Flag ID', 'ID of the flag'),
				field.options('status', 'Status', 'The outcome of the review', ['reviewed', 'dismissed', 'confirmed'], { required: true }),
				field.string('note', 'Note', 'Note kept with the decision'),
				field.boolean('blockAffiliate', 'Block Affiliate', 'Whether to block the affiliate as well'),
			],
		},
	],
};
