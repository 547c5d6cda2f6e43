import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

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

	// The credential test is the nodes' `testedBy` function (nodes/shared/credentialTest.ts): it
	// passes only on the API's own JSON answer and never follows a redirect with the key.
}
