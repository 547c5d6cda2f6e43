import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';

export const onboardingResource: ResourceSpec = {
	value: 'onboarding',
	name: 'Onboarding',
	description: 'First-time merchant setup',
	operations: [
		{
			value: 'createMerchant',
			name: 'Create Merchant',
			action: 'Create merchant profile',
			description: 'Set the company name during onboarding',
			method: 'POST',
			path: '/onboarding/merchant',
			fields: [field.string('companyName', 'Company Name', 'Name of the company', { required: true })],
		},
		{
			value: 'complete',
			name: 'Complete',
			action: 'Complete onboarding',
			description: 'Finish onboarding (needs a full merchant key, not an onboarding key)',
			method: 'POST',
			path: '/onboarding/complete',
		},
	],
};
