import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { CENTS } from './fields';

const notification = (name: string, displayName: string, what: string) =>
	field.boolean(name, displayName, `Whether to email the merchant ${what}`);

export const merchantResource: ResourceSpec = {
	value: 'merchant',
	simplified: ['id', 'companyName', 'billingTier', 'billingRequirementStatus', 'paymentStatus', 'timezone', 'defaultCookieDuration', 'defaultPayoutThreshold', 'onboardingCompleted', 'updatedAt'],
	name: 'Merchant',
	description: 'The merchant profile and notification settings',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get merchant profile', description: 'Get the merchant profile', method: 'GET', path: '/merchant' },
		{
			value: 'update',
			name: 'Update',
			action: 'Update merchant profile',
			description: 'Change the merchant profile',
			method: 'PATCH',
			path: '/merchant',
			fields: [
				field.string('companyName', 'Company Name', 'Name of the company'),
				field.string('logoUrl', 'Logo URL', 'URL of the company logo'),
				field.string('timezone', 'Timezone', 'IANA timezone such as Europe/Berlin'),
				field.number('defaultCookieDuration', 'Default Cookie Duration', 'Attribution window in days for new programs', { default: 30 }),
				field.number('defaultPayoutThreshold', 'Default Payout Threshold', `Payout threshold for new programs, in cents. ${CENTS}`, { default: 5000 }),
				field.boolean('trackingRequiresConsent', 'Tracking Requires Consent', 'Whether tracking waits for cookie consent'),
				field.string('trackingParamAliases', 'Tracking Param Aliases', 'Comma-separated URL parameters that carry a referral code, e.g. ref, partner', { list: true }),
			],
		},
		{
			value: 'getNotifications',
			name: 'Get Notification Settings',
			action: 'Get notification settings',
			description: 'Which emails the merchant receives',
			method: 'GET',
			path: '/merchant/notifications',
		},
		{
			value: 'updateNotifications',
			name: 'Update Notification Settings',
			action: 'Update notification settings',
			description: 'Choose which emails the merchant receives (PUT; only the fields given are sent)',
			method: 'PUT',
			path: '/merchant/notifications',
			fields: [
				notification('newAffiliate', 'New Affiliate', 'when an affiliate joins'),
				notification('newConversion', 'New Conversion', 'on each conversion'),
				notification('commissionApproved', 'Commission Approved', 'when a commission is approved'),
				notification('payoutProcessed', 'Payout Processed', 'when a payout is processed'),
				notification('weeklyDigest', 'Weekly Digest', 'a weekly digest'),
			],
		},
	],
};
