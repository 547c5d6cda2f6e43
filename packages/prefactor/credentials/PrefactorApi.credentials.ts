import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { credentialTestBaseUrl } from '../nodes/shared/baseUrl';
import { credentialTestRules, NO_REDIRECTS } from '../nodes/shared/credentialTest';

export class PrefactorApi implements ICredentialType {
	name = 'prefactorApi';

	displayName = 'Prefactor API';

	icon: Icon = { light: 'file:../icons/prefactor.svg', dark: 'file:../icons/prefactor.dark.svg' };

	documentationUrl = 'https://docs.prefactor.ai';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'An account token (Account → API tokens) or an agent deployment token (the agent’s Deployments tab). The secret is shown once when created.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://app.prefactorai.com',
			description:
				'The Prefactor origin, without /api/v1 (a trailing /api/v1 is ignored). Must use HTTPS; plain HTTP is accepted only for localhost.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=Bearer {{$credentials.apiToken}}',
			},
		},
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: credentialTestBaseUrl('baseUrl', '/api/v1'),
			url: '/api/v1/ping',
			...NO_REDIRECTS,
		},
		rules: credentialTestRules({
			service: 'Prefactor',
			secretName: 'API token',
			forbiddenHint: 'the token has no access to this account or environment',
			where: 'Base URL',
			answerKey: 'status',
		}),
	};
}
