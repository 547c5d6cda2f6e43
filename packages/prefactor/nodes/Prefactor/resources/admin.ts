import { field } from '../../shared/fields';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { action, crud, det, flat } from './fields';

const V1 = '/api/v1';

export const accountResource: ResourceSpec = {
	value: 'account',
	name: 'Account',
	description: 'The Prefactor account',
	operations: crud({ base: `${V1}/account`, noun: 'account', plural: 'accounts', idName: 'accountId', idLabel: 'Account', only: ['getAll', 'get', 'update'], updateFields: [det.string('name', 'Name', 'Name of the account')] }),
};

const TOKEN = `${V1}/api_token`;
export const apiTokenResource: ResourceSpec = {
	value: 'apiToken',
	simplified: ['id', 'agent_id', 'environment_id', 'token_scope', 'status', 'expires_at', 'last_used_at', 'inserted_at'],
	name: 'API Token',
	description: 'API tokens of the account (the secret is returned once, on create)',
	operations: [
		...crud({
			base: TOKEN,
			noun: 'API token',
			plural: 'API tokens',
			idName: 'apiTokenId',
			idLabel: 'API Token',
			only: ['getAll', 'get', 'create', 'delete'],
			listFilters: [flat.query('accountId', 'Account ID', 'Account whose tokens to list')],
			createFields: [
				field.options('tokenScope', 'Token Scope', 'What the token may reach', [{ name: 'Account', value: 'account' }, { name: 'Agent Deployment', value: 'agent_deployment' }], { required: true, wire: 'details.token_scope' }),
				det.string('accountId', 'Account ID', 'Account of the token'),
				det.string('agentId', 'Agent ID', 'Agent of a deployment token'),
				det.string('environmentId', 'Environment ID', 'Environment of a deployment token'),
				det.dateTime('expiresAt', 'Expires At', 'When the token stops working'),
			],
		}).map((op) =>
			op.value === 'create'
				? {
						...op,
						notice: 'The token secret is in this answer only: store it right away.',
						validate: (body: Record<string, unknown>) => {
							const d = (body.details ?? {}) as Record<string, unknown>;
							if (d.token_scope === 'agent_deployment' && (!d.agent_id || !d.environment_id)) return 'An agent deployment token needs both Agent ID and Environment ID';
							if (d.token_scope === 'account' && (d.agent_id || d.environment_id)) return 'An account token takes no Agent ID or Environment ID';
							return undefined;
						},
					}
				: op.value === 'delete'
					? { ...op, description: 'Delete a revoked API token permanently' }
					: op,
		),
		action('suspend', 'Suspend', 'API token', `${TOKEN}/{apiTokenId}/suspend`, 'apiTokenId', 'API Token', 'Pause a token (reversible)'),
		action('activate', 'Activate', 'API token', `${TOKEN}/{apiTokenId}/activate`, 'apiTokenId', 'API Token', 'Reactivate a suspended token'),
		action('revoke', 'Revoke', 'API token', `${TOKEN}/{apiTokenId}/revoke`, 'apiTokenId', 'API Token', 'Revoke a token for good'),
	],
};

export const adminUserResource: ResourceSpec = {
	value: 'adminUser',
	name: 'Admin User',
	description: 'People who can sign in to Prefactor',
	operations: crud({
		base: `${V1}/admin_user`,
		noun: 'admin user',
		plural: 'admin users',
		idName: 'adminUserId',
		idLabel: 'Admin User',
		only: ['getAll', 'get', 'update'],
		listFilters: [flat.query('accountId', 'Account ID', 'Account whose admin users to list')],
		updateFields: [det.string('name', 'Name', 'Name of the user'), det.string('jobTitle', 'Job Title', 'Job title of the user'), det.dateTime('profileCompletedAt', 'Profile Completed At', 'When the profile was completed')],
	}),
};

const INVITE = `${V1}/admin_user_invite`;
export const inviteResource: ResourceSpec = {
	value: 'adminUserInvite',
	name: 'Admin User Invite',
	description: 'Invitations to join the account',
	operations: [
		...crud({
			base: INVITE,
			noun: 'invite',
			plural: 'invites',
			idName: 'inviteId',
			idLabel: 'Invite',
			only: ['getAll', 'get', 'create'],
			listFilters: [flat.query('accountId', 'Account ID', 'Account whose invites to list')],
			createFields: [det.string('email', 'Email', 'Email of the person invited', { required: true, placeholder: 'e.g. name@email.com' }), det.string('accountId', 'Account ID', 'Account to invite to')],
		}),
		action('revoke', 'Revoke', 'invite', `${INVITE}/{inviteId}/revoke`, 'inviteId', 'Invite', 'Revoke a pending invite'),
	],
};

const personFields = (required: boolean): FieldSpec[] => [
	det.string('email', 'Email', 'Email of the person', { required }),
	det.string('name', 'Name', 'Name of the person', { required }),
	det.list('teamIds', 'Team IDs', 'Comma-separated IDs of the person’s teams'),
	det.string('title', 'Title', 'Job title'),
	...(required ? [det.string('id', 'ID', 'A custom PFID')] : []),
];

export const personResource: ResourceSpec = {
	value: 'person',
	name: 'Person',
	description: 'People who own agents',
	operations: crud({ base: `${V1}/person`, noun: 'person', plural: 'people', idName: 'personId', idLabel: 'Person', listFilters: [flat.query('teamId', 'Team ID', 'Only people in this team')], createFields: personFields(true), updateFields: personFields(false) }),
};

export const teamResource: ResourceSpec = {
	value: 'team',
	name: 'Team',
	description: 'Teams of people and agents',
	operations: crud({ base: `${V1}/team`, noun: 'team', plural: 'teams', idName: 'teamId', idLabel: 'Team', createFields: [det.string('name', 'Name', 'Name of the team', { required: true }), det.string('id', 'ID', 'A custom PFID')], updateFields: [det.string('name', 'Name', 'Name of the team')] }),
};

const ruleset = (required: boolean) => det.json('ruleset', 'Ruleset', 'Ruleset JSON: {"action_multipliers": {...}, "category_weights": {...}, "thresholds": {"medium", "high", "critical"}} (Get Template gives a start)', { required });

export const riskProfileResource: ResourceSpec = {
	value: 'riskProfile',
	name: 'Risk Profile',
	description: 'How risky data and actions are weighted',
	operations: [
		...crud({
			base: `${V1}/risk_profile`,
			noun: 'risk profile',
			plural: 'risk profiles',
			idName: 'riskProfileId',
			idLabel: 'Risk Profile',
			createFields: [det.string('name', 'Name', 'Name of the profile', { required: true }), ruleset(true), det.string('description', 'Description', 'Description of the profile'), det.string('id', 'ID', 'A custom PFID')],
			updateFields: [det.string('name', 'Name', 'Name of the profile'), det.string('description', 'Description', 'Description of the profile'), ruleset(false)],
		}),
		{ value: 'getTemplate', name: 'Get Template', action: 'Get risk profile template', description: 'A ready-made ruleset to start from', method: 'GET', path: `${V1}/risk_profile/template`, fields: [flat.query('templateName', 'Template Name', 'Name of the template, e.g. Standard', { required: true, default: 'Standard' })] },
	],
};

const SEVERITY = ['critical', 'error', 'warning', 'info'].map((v) => ({ name: v[0].toUpperCase() + v.slice(1), value: v }));
const ALERTS = `${V1}/alerts`;
export const alertResource: ResourceSpec = {
	value: 'alert',
	simplified: ['id', 'agent_id', 'agent_instance_id', 'environment_id', 'name', 'title', 'severity', 'status', 'raised_at', 'cleared_at'],
	name: 'Alert',
	description: 'Alerts raised on runs',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many alerts',
			description: 'List alerts',
			method: 'GET',
			path: ALERTS,
			list: 'paged',
			fields: [
				flat.query('agentInstanceId', 'Agent Instance ID', 'Only alerts of this run'),
				flat.query('agentId', 'Agent ID', 'Only alerts of this agent'),
				flat.query('environmentId', 'Environment ID', 'Only alerts in this environment'),
				field.options('status', 'Status', 'Only raised or cleared alerts', [{ name: 'Raised', value: 'raised' }, { name: 'Cleared', value: 'cleared' }], { in: 'query' }),
				field.options('severity', 'Severity', 'Only alerts of this severity', SEVERITY, { in: 'query' }),
				flat.query('name', 'Name', 'Only alerts with this name'),
				field.dateTime('activeFrom', 'Active From', 'Only alerts active after this time', { wire: 'active_during[start_at]' }),
				field.dateTime('activeUntil', 'Active Until', 'Only alerts active before this time', { wire: 'active_during[finish_at]' }),
				flat.query('sorting', 'Sorting', 'Field to sort by; prefix - for descending'),
			],
		},
		{ value: 'get', name: 'Get', action: 'Get alert', description: 'Get an alert with its payload', method: 'GET', path: `${ALERTS}/{alertId}`, fields: [field.pathId('alertId', 'Alert ID', 'ID (PFID) of the alert')] },
		{ value: 'count', name: 'Count', action: 'Count alerts', description: 'Count alerts by status and severity', method: 'GET', path: `${ALERTS}/count`, fields: [field.options('status', 'Status', 'Only raised or cleared alerts', [{ name: 'Raised', value: 'raised' }, { name: 'Cleared', value: 'cleared' }], { in: 'query' }), field.options('severity', 'Severity', 'Only alerts of this severity', SEVERITY, { in: 'query' })] },
		{
			value: 'raise',
			name: 'Raise',
			action: 'Raise alert',
			description: 'Raise an alert on a run (identified by run and name)',
			method: 'POST',
			path: `${ALERTS}/raise`,
			fields: [flat.string('agentInstanceId', 'Agent Instance ID', 'Run the alert is about', { required: true }), flat.string('name', 'Name', 'Name of the alert', { required: true }), field.options('severity', 'Severity', 'How serious it is', SEVERITY, { required: true }), field.json('payload', 'Payload', 'Details of the alert as a JSON object', { required: true, jsonObject: true }), field.dateTime('raisedAt', 'Raised At', 'When it was raised', { in: 'body', wire: 'raised_at' })],
		},
		{
			value: 'clear',
			name: 'Clear',
			action: 'Clear alert',
			description: 'Clear an alert on a run',
			method: 'POST',
			path: `${ALERTS}/clear`,
			fields: [flat.string('agentInstanceId', 'Agent Instance ID', 'Run the alert is about', { required: true }), flat.string('name', 'Name', 'Name of the alert', { required: true }), field.json('payload', 'Payload', 'Details as a JSON object', { jsonObject: true }), field.options('severity', 'Severity', 'Severity when cleared', SEVERITY), field.dateTime('clearedAt', 'Cleared At', 'When it was cleared', { in: 'body', wire: 'cleared_at' })],
		},
	],
};

const INTEGRATION = `${V1}/account_integration`;
export const integrationResource: ResourceSpec = {
	value: 'accountIntegration',
	name: 'Account Integration',
	description: 'Notification integrations such as Slack',
	operations: [
		...crud({
			base: INTEGRATION,
			noun: 'integration',
			plural: 'integrations',
			idName: 'integrationId',
			idLabel: 'Integration',
			createFields: [
				field.options('integrationType', 'Integration Type', 'Kind of integration', [{ name: 'Slack', value: 'slack' }], { required: true, wire: 'details.integration_type' }),
				field.options('status', 'Status', 'Whether it sends notifications', [{ name: 'Active', value: 'active' }, { name: 'Paused', value: 'paused' }], { required: true, wire: 'details.status' }),
				det.json('config', 'Config', 'Slack: {"_version": 1, "webhook_url": "https://hooks.slack.com/...", "enabled_events": ["agent_created", "alert_raised"]}', { required: true }),
			],
			updateFields: [field.options('status', 'Status', 'Whether it sends notifications', [{ name: 'Active', value: 'active' }, { name: 'Paused', value: 'paused' }], { wire: 'details.status' }), det.json('config', 'Config', 'New configuration')],
		}),
		action('test', 'Test', 'integration', `${INTEGRATION}/{integrationId}/test`, 'integrationId', 'Integration', 'Send a test notification', { sendEmptyBody: false }),
	],
};

export const utilityResource: ResourceSpec = {
	value: 'utility',
	name: 'Utility',
	description: 'Token check, ID generation and bulk requests',
	operations: [
		{ value: 'ping', name: 'Ping', action: 'Check API token', description: 'Check the token and see its type', method: 'GET', path: `${V1}/ping` },
		{ value: 'generateIds', name: 'Generate IDs', action: 'Generate record identifiers', description: 'Get valid IDs in your account partition for custom record IDs', method: 'POST', path: `${V1}/pfid/generate`, fields: [field.number('count', 'Count', 'How many IDs', { required: true, default: 1, typeOptions: { minValue: 1 } }), flat.string('accountId', 'Account ID', 'Account whose partition to use')] },
		{
			value: 'bulk',
			name: 'Bulk',
			action: 'Run bulk request',
			description: 'Run several operations in order; processing stops at the first error',
			method: 'POST',
			path: `${V1}/bulk`,
			fields: [field.json('items', 'Items', 'Array of operations: [{"_type": "agents/list", "idempotency_key": "list-agents-001"}, ...]; every item needs a unique idempotency_key of 8–64 characters', { required: true, default: '[]', wire: 'items' })],
			validate: (body) => {
				const items = body.items;
				if (!Array.isArray(items) || items.length === 0) return 'Items: must be a JSON array with at least one operation';
				const keys = items.map((i) => (i as Record<string, unknown>)?.idempotency_key);
				if (keys.some((k) => typeof k !== 'string' || k.length < 8 || k.length > 64)) return 'Items: every item needs an idempotency_key of 8 to 64 characters';
				if (new Set(keys).size !== keys.length) return 'Items: idempotency keys must be unique';
				if (items.some((i) => typeof (i as Record<string, unknown>)?._type !== 'string')) return 'Items: every item needs a "_type" such as agents/list';
				return undefined;
			},
		},
	],
};
