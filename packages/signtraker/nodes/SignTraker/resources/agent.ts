import { field } from '../../shared/fields';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { NAMED_REF_FIELDS, odataFields } from './odata';
import { agentLocator, officeLocator, pc } from './fields';

const PAYMENT_MODES = ['Terms', 'Prepay', 'MonthlyCC', 'ACH', 'Transfer'];
export const AGENT_FIELDS = [
	'Id', 'UserName', 'Email', 'EmailConfirmed', 'FirstName', 'LastName', 'IsInactive', 'IsLocked', 'CcEmail',
	'InvitationSent', 'Office', 'Manager', 'Address', 'OfficePhone', 'CellularPhone', 'PaymentMode',
	'BasicInstallPrice', 'BrokerId', 'DefaultPostType', 'Notes', 'ReceiveMarketingEmails', 'TermsAccepted',
	'EnableSubscription', 'SubscriptionPrice', 'IsManager', 'ManagerData',
];
void NAMED_REF_FIELDS;

/** Fields an agent has on create and on update (update leaves out the manager role). */
function agentFields(forCreate: boolean): FieldSpec[] {
	const required = forCreate;
	return [
		pc.string('userName', 'User Name', 'Login name of the agent', { required }),
		pc.string('email', 'Email', 'Email address of the agent', { required, placeholder: 'e.g. name@email.com' }),
		pc.string('firstName', 'First Name', 'First name of the agent', { required }),
		pc.string('lastName', 'Last Name', 'Last name of the agent', { required }),
		officeLocator('body', 'officeId', 'Office.Id', required),
		pc.string('cellularPhone', 'Cellular Phone', 'Mobile phone number', { required }),
		field.options('paymentMode', 'Payment Mode', 'How the agent pays for orders', PAYMENT_MODES.map((v) => ({ name: v, value: v })), { required, wire: 'PaymentMode' }),
		pc.string('ccEmail', 'CC Email', 'Extra addresses copied on notifications, separated by semicolons'),
		pc.string('officePhone', 'Office Phone', 'Office phone number'),
		pc.string('brokerId', 'Broker ID', 'Broker identifier'),
		pc.string('notes', 'Notes', 'Notes about the agent'),
		pc.number('basicInstallPrice', 'Basic Install Price', 'Price of a basic install for this agent'),
		pc.number('subscriptionPrice', 'Subscription Price', 'Price of the subscription'),
		field.number('managerId', 'Manager ID', 'ID of the agent manager', { wire: 'Manager.Id' }),
		field.number('defaultPostTypeId', 'Default Post Type ID', 'ID of the default post type', { wire: 'DefaultPostType.Id' }),
		field.string('street', 'Street', 'Street of the address', { wire: 'Address.Street' }),
		field.string('street2', 'Street 2', 'Second address line', { wire: 'Address.Street2' }),
		field.string('city', 'City', 'City', { wire: 'Address.City' }),
		field.string('state', 'State', 'Two-letter state or province code', { wire: 'Address.State' }),
		field.string('zip', 'Zip', 'Postal code', { wire: 'Address.Zip' }),
		field.options('countryCode', 'Country Code', 'Country of the address', ['US', 'CA', 'AU'].map((v) => ({ name: v, value: v })), { wire: 'Address.CountryCode' }),
		pc.boolean('emailConfirmed', 'Email Confirmed', 'Whether the email address is confirmed'),
		pc.boolean('isInactive', 'Is Inactive', 'Whether the agent is inactive (Activate and Deactivate change it too)'),
		pc.boolean('isLocked', 'Is Locked', 'Whether the account is locked'),
		pc.boolean('invitationSent', 'Invitation Sent', 'Whether the invitation was sent'),
		pc.boolean('receiveMarketingEmails', 'Receive Marketing Emails', 'Whether the agent gets marketing emails'),
		pc.boolean('termsAccepted', 'Terms Accepted', 'Whether the agent accepted the terms', { default: forCreate }),
		pc.boolean('enableSubscription', 'Enable Subscription', 'Whether the subscription is on'),
		...(forCreate
			? [
					pc.boolean('isManager', 'Is Manager', 'Whether the agent is a manager (cannot be changed later)'),
					field.json('managerData', 'Manager Data', 'Manager settings: DiscountLevel (Standard, Bronze, Silver, Gold), EnableRebills, InitialRentalDuration, RebillInterval, RebillWarningLeadTime, IsPayer, DisableStaffBillingEmails, CcStaff, CcDelegates, IsVirtual', { wire: 'ManagerData' }),
				]
			: [
					field.json('mergePatch', 'Merge Patch JSON', 'More changes as a JSON Merge Patch object with PascalCase keys; null clears a field, e.g. {"Notes": null}', { spread: true }),
				]),
	];
}

const MANAGER_RULE = 'An update cannot turn an agent into a manager or back: leave IsManager and ManagerData out.';

export const agentResource: ResourceSpec = {
	value: 'agent',
	simplified: ['Id', 'UserName', 'Email', 'FirstName', 'LastName', 'IsInactive', 'Office', 'CellularPhone', 'PaymentMode', 'IsManager'],
	name: 'Agent',
	description: 'Real-estate agents who order signs',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many agents',
			description: 'List agents, with OData filtering, sorting and field selection',
			method: 'GET',
			path: '/api/agents',
			list: 'paged',
			fields: [field.string('email', 'Email', 'Only the agent with exactly this email address', { in: 'query' }), ...odataFields(AGENT_FIELDS)],
		},
		{ value: 'get', name: 'Get', action: 'Get agent', description: 'Get an agent', method: 'GET', path: '/api/agents/{agentId}', fields: [agentLocator()] },
		{
			value: 'create',
			name: 'Create',
			action: 'Create agent',
			description: 'Create an agent',
			method: 'POST',
			path: '/api/agents',
			fields: agentFields(true),
			// The API's own examples send every flag explicitly.
			bodyDefaults: {
				EmailConfirmed: false,
				IsInactive: false,
				IsLocked: false,
				InvitationSent: false,
				ReceiveMarketingEmails: false,
				TermsAccepted: true,
				EnableSubscription: false,
				IsManager: false,
			},
		},
		{
			value: 'update',
			name: 'Update',
			action: 'Update agent',
			description: 'Change an agent with a JSON Merge Patch (fields left out stay as they are)',
			method: 'PATCH',
			path: '/api/agents/{agentId}',
			contentType: 'application/merge-patch+json',
			notice: 'Agents synced from a National Account cannot be updated, and an update cannot make an agent a manager or back.',
			fields: [agentLocator(), ...agentFields(false)],
			validate: (body) => ('IsManager' in body || 'ManagerData' in body ? MANAGER_RULE : undefined),
			errorHint: 'SignTraker refuses updates of agents synced from a National Account and changes of the manager role',
		},
		{
			value: 'activate',
			name: 'Activate',
			action: 'Activate agent',
			description: 'Make an inactive agent active again',
			method: 'POST',
			path: '/api/agents/activate',
			fields: [agentLocator('query', 'agentId', 'id')],
		},
		{
			value: 'deactivate',
			name: 'Deactivate',
			action: 'Deactivate agent',
			description: 'Make an agent inactive',
			method: 'POST',
			path: '/api/agents/deactivate',
			fields: [agentLocator('query', 'agentId', 'id')],
		},
	],
};
