import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { credentialTestBaseUrl } from '../nodes/shared/baseUrl';
import { credentialTestRules, NO_REDIRECTS } from '../nodes/shared/credentialTest';

export class AgentRefApi implements ICredentialType {
	name = 'agentRefApi';

	displayName = 'AgentRef API';

	icon: Icon = { light: 'file:../icons/agentref.svg', dark: 'file:../icons/agentref.dark.svg' };

	documentationUrl = 'https://www.agentref.co/docs';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A merchant key (ak_live_…) for programs, affiliates, conversions and payouts, or an affiliate key (ak_aff_…) for the affiliate workspace and marketplace',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://www.agentref.co/api/v1',
			description:
				'The API root including /api/v1. Must use HTTPS; plain HTTP is accepted only for localhost.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiKey}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: credentialTestBaseUrl('baseUrl'),
			url: '/me',
			...NO_REDIRECTS,
		},
		rules: credentialTestRules({
			service: 'AgentRef',
			secretName: 'API key',
			forbiddenHint: 'use a key with the scopes the workflow needs (merchant keys for the merchant side, affiliate keys for /me)',
			where: 'Base URL',
			answerKey: 'data',
		}),
	};
}
