import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { downloadTargetFields, KINDS } from './marketingResource';
import { myProgramLocator, period } from './fields';

const program = myProgramLocator();
const programInPath = myProgramLocator('path', 'programId', undefined);
const linkId = field.pathId('linkId', 'Link ID', 'ID of the referral link');

export const myAccountResource: ResourceSpec = {
	value: 'myAccount',
	name: 'My Account',
	description: 'Who the key belongs to and the affiliate totals',
	operations: [
		{ value: 'getIdentity', name: 'Get Identity', action: 'Get identity of API key', description: 'Key type, scopes and owner of the API key (any key)', method: 'GET', path: '/me' },
		{ value: 'getOverview', name: 'Get Overview', action: 'Get affiliate overview', description: 'Earnings (in cents) and per-program stats', method: 'GET', path: '/me/overview' },
		{ value: 'getEarnings', name: 'Get Earnings', action: 'Get affiliate earnings', description: 'Total earnings in cents', method: 'GET', path: '/me/earnings' },
		{
			value: 'getProgramEarnings',
			name: 'Get Program Earnings',
			action: 'Get earnings in program',
			description: 'Earning records (in cents) in one program',
			method: 'GET',
			path: '/me/earnings/{programId}',
			list: 'paged',
			fields: [programInPath, period()],
		},
		{
			value: 'getClicks',
			name: 'Get Clicks',
			action: 'Get clicks in program',
			description: 'Click totals of the affiliate links in one program',
			method: 'GET',
			path: '/me/clicks',
			fields: [program, field.dateTime('startDate', 'Start Date', 'Count clicks from this time'), field.dateTime('endDate', 'End Date', 'Count clicks until this time')],
		},
	],
};

export const myProgramResource: ResourceSpec = {
	value: 'myProgram',
	simplified: ['programId', 'programName', 'commissionType', 'commissionPercent', 'code', 'isApproved', 'isBlocked', 'totalClicks', 'totalConversions', 'totalCommission'],
	name: 'My Program',
	description: 'Programs the affiliate belongs to',
	operations: [
		{ value: 'getAll', name: 'Get Many', action: 'Get many of my programs', description: 'List the programs of the affiliate', method: 'GET', path: '/me/programs', list: 'array' },
		{ value: 'get', name: 'Get', action: 'Get one of my programs', description: 'Terms, allowed landing pages and totals of one program', method: 'GET', path: '/me/programs/{programId}', fields: [programInPath] },
	],
};

export const myPayoutResource: ResourceSpec = {
	value: 'myPayout',
	name: 'My Payout',
	description: 'Payouts received by the affiliate',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many of my payouts',
			description: 'List payouts of the affiliate (amounts in cents)',
			method: 'GET',
			path: '/me/payouts',
			list: 'paged',
			fields: [{ ...myProgramLocator(), required: false }],
		},
	],
};

export const myLinkResource: ResourceSpec = {
	value: 'myLink',
	name: 'My Link',
	description: 'Referral links of the affiliate',
	operations: [
		{ value: 'getAll', name: 'Get Many', action: 'Get many of my links', description: 'List referral links in a program', method: 'GET', path: '/me/links', list: 'array', fields: [program] },
		{
			value: 'create',
			name: 'Create',
			action: 'Create referral link',
			description: 'Create a referral link in a program',
			method: 'POST',
			path: '/me/links',
			idempotent: true,
			fields: [
				program,
				field.string('name', 'Name', 'Name of the link', { required: true }),
				field.string('destinationPath', 'Destination Path', 'Relative path on the program site such as /pricing; must be an allowed landing page', { wire: 'destination_path' }),
				field.string('customSlug', 'Custom Slug', '3–32 lowercase letters, digits or dashes', { wire: 'custom_slug' }),
			],
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update referral link',
			description: 'Rename, retarget or pause a referral link',
			method: 'PATCH',
			path: '/me/links/{linkId}',
			fields: [
				linkId,
				program,
				field.string('name', 'Name', 'Name of the link'),
				field.string('targetUrl', 'Target URL', 'Full URL the link sends visitors to'),
				field.boolean('isActive', 'Is Active', 'Whether the link works', { default: true }),
			],
		},
		{ value: 'delete', name: 'Delete', action: 'Delete referral link', description: 'Delete a referral link permanently', method: 'DELETE', path: '/me/links/{linkId}', fields: [linkId, program] },
	],
};

const PAYOUT_INFO_FIELDS: Array<[string, string, string]> = [
	['paypalEmail', 'PayPal Email', 'PayPal address for PayPal payouts'],
	['bankAccountHolder', 'Bank Account Holder', 'Name on the bank account'],
	['bankIban', 'Bank IBAN', 'IBAN of the bank account (answers show it masked)'],
	['bankBic', 'Bank BIC', 'BIC of the bank'],
	['firstName', 'First Name', 'First name of the payee'],
	['lastName', 'Last Name', 'Last name of the payee'],
	['addressLine1', 'Address Line 1', 'First address line'],
	['addressLine2', 'Address Line 2', 'Second address line'],
	['city', 'City', 'City'],
	['state', 'State', 'State or region'],
	['postalCode', 'Postal Code', 'Postal code'],
	['vatId', 'VAT ID', 'VAT identification number'],
];

export const myPayoutInfoResource: ResourceSpec = {
	value: 'myPayoutInfo',
	simplified: ['payoutMethod', 'paypalEmail', 'bankAccountHolder', 'bankIban', 'bankBic', 'firstName', 'lastName', 'city', 'postalCode', 'vatId'],
	name: 'My Payout Info',
	description: 'How the affiliate is paid',
	operations: [
		{ value: 'get', name: 'Get', action: 'Get my payout info', description: 'Get the payout details (IBAN masked)', method: 'GET', path: '/me/payout-info' },
		{
			value: 'update',
			name: 'Update',
			action: 'Update my payout info',
			description: 'Change the payout details',
			method: 'PATCH',
			path: '/me/payout-info',
			fields: [
				field.options('payoutMethod', 'Payout Method', 'How to be paid', [
					{ name: 'Bank Transfer', value: 'bank_transfer' },
					{ name: 'PayPal', value: 'paypal' },
				]),
				...PAYOUT_INFO_FIELDS.map(([name, displayName, description]) => field.string(name, displayName, description)),
			],
		},
	],
};

export const myMarketingResourceResource: ResourceSpec = {
	value: 'myMarketingResource',
	name: 'My Marketing Resource',
	description: 'Marketing material of the affiliate programs',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many marketing resources of program',
			description: 'List the marketing material of a program',
			method: 'GET',
			path: '/me/programs/{programId}/marketing-resources',
			// Plain arrays paged with limit/offset: Return All follows them to a short page.
			list: 'paged',
			pager: 'offset',
			fields: [programInPath, field.options('kind', 'Kind', 'Only resources of this kind', KINDS, { in: 'query' }), field.string('search', 'Search', 'Text to search for', { in: 'query' })],
		},
		{
			value: 'get',
			name: 'Get',
			action: 'Get marketing resource',
			description: 'Get one marketing resource',
			method: 'GET',
			path: '/me/marketing-resources/{resourceId}',
			fields: [field.pathId('resourceId', 'Resource ID', 'ID of the marketing resource'), program],
		},
		{
			value: 'getDownloadUrl',
			name: 'Get Download URL',
			action: 'Get download URL for marketing resource',
			description: 'Get a short-lived URL to download a file or bundle',
			method: 'POST',
			path: '/me/marketing-resources/download-url',
			fields: [myProgramLocator('body'), ...downloadTargetFields()],
		},
		{
			value: 'renderSocialPost',
			name: 'Render Social Post',
			action: 'Render social post',
			description: 'The post text with the affiliate link filled in and the disclosure',
			method: 'POST',
			path: '/me/marketing-resources/social-posts/{resourceId}/render',
			fields: [
				field.pathId('resourceId', 'Resource ID', 'ID of the social post'),
				myProgramLocator('body'),
				field.string('affiliateLinkId', 'Affiliate Link ID', 'Link to put in the post (default: the main link)', { wire: 'affiliate_link_id' }),
			],
		},
	],
};

export const marketplaceResource: ResourceSpec = {
	value: 'marketplace',
	simplified: ['id', 'name', 'description', 'website', 'marketplaceCategory', 'commissionType', 'commissionPercent', 'cookieDuration', 'payoutThreshold', 'currency'],
	name: 'Marketplace',
	description: 'Programs open to new affiliates',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many marketplace programs',
			description: 'Browse programs in the marketplace',
			method: 'GET',
			path: '/marketplace/programs',
			list: 'paged',
			fields: [
				field.string('category', 'Category', 'Only programs in this category', { in: 'query' }),
				field.number('minCommission', 'Min Commission', 'Minimum commission percent', { in: 'query' }),
				field.number('minEpc', 'Min EPC', 'Minimum earnings per click', { in: 'query' }),
				field.options('sort', 'Sort', 'Order of the programs', [
					{ name: 'Commission', value: 'commission' },
					{ name: 'Conversion Rate', value: 'conversionRate' },
					{ name: 'EPC', value: 'epc' },
					{ name: 'Newest', value: 'newest' },
				], { in: 'query' }),
			],
		},
		{
			value: 'apply',
			name: 'Apply',
			action: 'Apply to marketplace program',
			description: 'Apply to join a program',
			method: 'POST',
			path: '/marketplace/apply/{programId}',
			fields: [field.pathId('programId', 'Program ID', 'ID of the marketplace program'), field.string('message', 'Message', 'Message to the merchant')],
		},
	],
};
