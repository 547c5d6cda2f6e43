import { field } from '../../shared/fields';
import type { FieldSpec, OperationSpec, ResourceSpec } from '../../shared/types';
import { CENTS, programLocator, SOURCES } from './fields';

const COMMISSION_TYPES = ['one_time', 'recurring', 'recurring_limited'];
const MARKETPLACE_STATUS = ['private', 'draft', 'public'];

/** Fields shared by create (name, commission type and percent required) and update (all optional). */
function programFields(forCreate: boolean): FieldSpec[] {
	const required = forCreate;
	return [
		field.string('name', 'Name', 'Name of the program', { required }),
		field.options('commissionType', 'Commission Type', 'How commissions are paid', COMMISSION_TYPES, { required }),
		field.number('commissionPercent', 'Commission Percent', 'Commission as a percentage of the sale (20 means 20 %)', { required, default: 20 }),
		field.string('website', 'Website', 'Website of the product'),
		field.number('cookieDuration', 'Cookie Duration', 'Attribution window in days', { default: 30 }),
		field.number('payoutThreshold', 'Payout Threshold', `Minimum balance before an affiliate is paid, in cents. ${CENTS}`, { default: 5000 }),
		field.boolean('autoApproveAffiliates', 'Auto Approve Affiliates', 'Whether new affiliates are approved without review'),
		field.string('description', 'Description', 'Description shown to affiliates'),
		field.string('landingPageUrl', 'Landing Page URL', 'Where referral links send visitors'),
		field.number('commissionLimitMonths', 'Commission Limit Months', 'Months of recurring commission, for the Recurring Limited type', { default: 12 }),
		field.string('portalSlug', 'Portal Slug', 'Slug of the affiliate portal'),
		field.string('currency', 'Currency', 'ISO currency code such as USD or EUR'),
		field.options('marketplaceStatus', 'Marketplace Status', 'Visibility in the AgentRef marketplace', MARKETPLACE_STATUS),
		field.options('applicationAccess', 'Application Access', 'Who may apply to join', ['open', 'invite_only']),
		field.string('marketplaceCategory', 'Marketplace Category', 'Category in the marketplace'),
		field.string('marketplaceDescription', 'Marketplace Description', 'Description in the marketplace'),
		field.string('marketplaceLogoUrl', 'Marketplace Logo URL', 'Logo shown in the marketplace'),
		...(forCreate ? [] : [field.options('status', 'Status', 'Status of the program', ['active', 'paused', 'archived'])]),
	];
}

const operations: OperationSpec[] = [
	{
		value: 'getAll',
		name: 'Get Many',
		action: 'Get many programs',
		description: 'List the merchant programs',
		method: 'GET',
		path: '/programs',
		list: 'paged',
		fields: [field.options('status', 'Status', 'Only programs with this status', ['active', 'paused', 'archived'], { in: 'query' })],
	},
	{
		value: 'get',
		name: 'Get',
		action: 'Get program',
		description: 'Get a program with its readiness',
		method: 'GET',
		path: '/programs/{programId}',
		fields: [programLocator()],
	},
	{
		value: 'create',
		name: 'Create',
		action: 'Create program',
		description: 'Create an affiliate program',
		method: 'POST',
		path: '/programs',
		idempotent: true,
		notice: CENTS,
		fields: programFields(true),
	},
	{
		value: 'update',
		name: 'Update',
		action: 'Update program',
		description: 'Change fields of a program',
		method: 'PATCH',
		path: '/programs/{programId}',
		fields: [programLocator(), ...programFields(false)],
	},
	{
		value: 'delete',
		name: 'Archive',
		action: 'Archive program',
		description: 'Archive a program (DELETE): affiliates can no longer earn in it',
		method: 'DELETE',
		path: '/programs/{programId}',
		notice: 'Archiving stops the program for all its affiliates.',
		fields: [programLocator()],
	},
	{
		value: 'getStats',
		name: 'Get Stats',
		action: 'Get program stats',
		description: 'Revenue, conversions and commissions of a program (amounts in cents)',
		method: 'GET',
		path: '/programs/{programId}/stats',
		fields: [programLocator(), field.string('period', 'Period', 'Time window such as 7d, 30d, 90d or all', { in: 'query' })],
	},
	{
		value: 'getAffiliates',
		name: 'Get Affiliates',
		action: 'Get affiliates of program',
		description: 'List the affiliates of one program',
		method: 'GET',
		path: '/programs/{programId}/affiliates',
		list: 'paged',
		fields: [
			programLocator(),
			field.boolean('includeBlocked', 'Include Blocked', 'Whether to include blocked affiliates', { in: 'query' }),
			field.options('source', 'Source', 'Only affiliates who joined this way', SOURCES, { in: 'query' }),
		],
	},
	{
		value: 'updateMarketplace',
		name: 'Update Marketplace Listing',
		action: 'Update marketplace listing of program',
		description: 'Change how the program appears in the marketplace',
		method: 'PATCH',
		path: '/programs/{programId}/marketplace',
		fields: [
			programLocator(),
			field.options('status', 'Status', 'Visibility in the marketplace', MARKETPLACE_STATUS),
			field.string('category', 'Category', 'Marketplace category'),
			field.string('description', 'Description', 'Marketplace description'),
			field.string('logoUrl', 'Logo URL', 'Marketplace logo'),
		],
	},
	{
		value: 'connectStripe',
		name: 'Connect Stripe',
		action: 'Start connecting stripe to program',
		description: 'Get the Stripe OAuth URL that connects the program to Stripe',
		method: 'POST',
		path: '/programs/{programId}/connect-stripe',
		fields: [programLocator(), field.options('method', 'Method', 'How to connect', [{ name: 'OAuth URL', value: 'oauth_url' }], { required: true })],
	},
	{
		value: 'disconnectStripe',
		name: 'Disconnect Stripe',
		action: 'Disconnect stripe from program',
		description: 'Remove the Stripe connection of a program',
		method: 'DELETE',
		path: '/programs/{programId}/connect-stripe',
		fields: [programLocator()],
	},
	{
		value: 'getTrackingStatus',
		name: 'Get Tracking Status',
		action: 'Get tracking status of program',
		description: 'Whether the tracking script is installed and working',
		method: 'GET',
		path: '/programs/{programId}/tracking/status',
		fields: [programLocator()],
	},
];

export const programResource: ResourceSpec = {
	value: 'program',
	simplified: ['id', 'name', 'status', 'slug', 'website', 'commissionType', 'commissionPercent', 'cookieDuration', 'payoutThreshold', 'currency'],
	name: 'Program',
	description: 'Affiliate programs of the merchant',
	operations,
};
