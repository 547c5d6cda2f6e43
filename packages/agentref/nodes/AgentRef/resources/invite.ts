import { field } from '../../shared/fields';
import type { ResourceSpec } from '../../shared/types';
import { programLocator } from './fields';

export const inviteResource: ResourceSpec = {
	value: 'invite',
	name: 'Invite',
	description: 'Invite links to join a program',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many invites',
			description: 'List the invites of a program',
			method: 'GET',
			path: '/programs/{programId}/invites',
			list: 'array',
			fields: [programLocator()],
		},
		{
			value: 'create',
			name: 'Create',
			action: 'Create invite',
			description: 'Create an invite link for a program',
			method: 'POST',
			path: '/programs/{programId}/invites',
			idempotent: true,
			fields: [
				programLocator(),
				field.string('email', 'Email', 'Email of the person invited', { placeholder: 'e.g. name@email.com' }),
				field.string('name', 'Name', 'Internal label of the invite (up to 100 characters)'),
				field.boolean('isPublic', 'Is Public', 'Whether anyone with the link may use it'),
				field.number('usageLimit', 'Usage Limit', 'How many times the invite may be used (1–1000)', { default: 1, typeOptions: { minValue: 1, maxValue: 1000 } }),
				field.number('expiresInDays', 'Expires In Days', 'Days until the invite expires (1–365)', { default: 30, typeOptions: { minValue: 1, maxValue: 365 } }),
				field.string('trackingCode', 'Tracking Code', 'Referral code to give the new affiliate (3–50 letters, digits, - or _)'),
				field.boolean('skipOnboarding', 'Skip Onboarding', 'Whether the invited affiliate skips onboarding'),
			],
		},
		{
			value: 'getByToken',
			name: 'Get by Token',
			action: 'Get invite by token',
			description: 'Look up an invite by its token',
			method: 'GET',
			path: '/invites/{token}',
			fields: [field.pathId('token', 'Token', 'Token of the invite (whoever holds it can claim the invite)', { typeOptions: { password: true } })],
		},
		{
			value: 'claim',
			name: 'Claim',
			action: 'Claim invite',
			description: 'Claim an invite token and join its program',
			method: 'POST',
			path: '/invites/{token}/claim',
			fields: [field.pathId('token', 'Token', 'Token of the invite (whoever holds it can claim the invite)', { typeOptions: { password: true } })],
		},
	],
};
