import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';

export const billingResource: ResourceSpec = {
	value: 'billing',
	name: 'Billing',
	description: 'The merchant AgentRef subscription',
	operations: [
		{
			value: 'get',
			name: 'Get Status',
			action: 'Get billing status',
			description: 'Current tier and monthly revenue',
			method: 'GET',
			path: '/billing',
		},
		{
			value: 'getTiers',
			name: 'Get Tiers',
			action: 'Get billing tiers',
			description: 'The tiers that can be booked',
			method: 'GET',
			path: '/billing/tiers',
		},
		{
			value: 'subscribe',
			name: 'Subscribe',
			action: 'Subscribe to billing tier',
			description: 'Change the subscription tier',
			method: 'POST',
			path: '/billing/subscribe',
			idempotent: true,
			fields: [field.options('tier', 'Tier', 'The tier to subscribe to', ['starter', 'growth', 'pro'], { required: true })],
		},
	],
};
