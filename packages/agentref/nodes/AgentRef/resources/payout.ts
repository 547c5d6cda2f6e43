import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { affiliateLocator, CENTS, dateRange, period, programLocator } from './fields';

export const payoutResource: ResourceSpec = {
	value: 'payout',
	name: 'Payout',
	description: 'Records of payments to affiliates',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many payouts',
			description: 'List payouts (amounts in cents)',
			method: 'GET',
			path: '/payouts',
			list: 'paged',
			fields: [
				programLocator('query', 'programId', undefined, false),
				affiliateLocator('query', 'affiliateId', undefined, false),
				field.options('status', 'Status', 'Only payouts with this status', ['pending', 'processing', 'completed', 'failed'], { in: 'query' }),
				...dateRange(),
			],
		},
		{
			value: 'getPending',
			name: 'Get Pending',
			action: 'Get affiliates ready for payout',
			description: 'Affiliates with a pending balance (in cents) and whether they meet the threshold',
			method: 'GET',
			path: '/payouts/pending',
			list: 'paged',
			fields: [programLocator('query', 'programId', undefined, false)],
		},
		{
			value: 'getStats',
			name: 'Get Stats',
			action: 'Get payout stats',
			description: 'Totals paid and pending (in cents)',
			method: 'GET',
			path: '/payouts/stats',
			fields: [programLocator('query', 'programId', undefined, false), period()],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create payout',
			description: 'Record a payout to an affiliate (AgentRef does not move the money itself)',
			method: 'POST',
			path: '/payouts',
			idempotent: true,
			notice: CENTS,
			fields: [
				affiliateLocator('body'),
				programLocator('body'),
				field.options('method', 'Method', 'How the affiliate was paid', [
					{ name: 'Bank Transfer', value: 'bank_transfer' },
					{ name: 'PayPal', value: 'paypal' },
				], { required: true }),
				field.string('notes', 'Notes', 'Notes kept with the payout'),
			],
		},
	],
};
