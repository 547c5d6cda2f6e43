import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class OpenToCloseApi implements ICredentialType {
	name = 'openToCloseApi';

	displayName = 'Open To Close API';

	icon: Icon = { light: 'file:../icons/opentoclose.svg', dark: 'file:../icons/opentoclose.dark.svg' };

	documentationUrl = 'https://intercom.help/open-to-close/en/articles/api-tokens';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Create it in Open To Close under Settings → Apps & APIs → API Tokens; it is shown only once',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.opentoclose.com/v1',
			description: 'The API root including /v1. Must use HTTPS; plain HTTP is accepted only for localhost.',
		},
	];

	// Open To Close takes the token as the api_token query parameter on every request; it
	// refuses an Authorization header.
	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			qs: {
				api_token: '={{$credentials.apiToken}}',
			},
		},
	};

	// The credential test is the nodes' `testedBy` function (nodes/shared/credentialTest.ts): it
	// passes only on the API's own JSON answer and never follows a redirect with the key.
}
