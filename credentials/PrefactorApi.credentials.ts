import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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

	// The credential test is the nodes' `testedBy` function (nodes/shared/credentialTest.ts): it
	// passes only on the API's own JSON answer and never follows a redirect with the key.
}
