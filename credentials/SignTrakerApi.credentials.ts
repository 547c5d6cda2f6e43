import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export class SignTrakerApi implements ICredentialType {
	name = 'signTrakerApi';

	displayName = 'SignTraker API';

	icon: Icon = { light: 'file:../icons/signtraker.svg', dark: 'file:../icons/signtraker.dark.svg' };

	documentationUrl = 'https://github.com/theperrygroup/signtraker';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'Your SignTraker API key, shown under My Profile in SignTraker (if it is missing, API access is not enabled for your account)',
		},
		{
			displayName: 'Subdomain',
			name: 'subdomain',
			type: 'string',
			default: '',
			placeholder: 'e.g. theperrygroup',
			description:
				'Your company part of the SignTraker address: theperrygroup for https://theperrygroup.signtraker.com. One DNS label: letters, digits and dashes only.',
		},
		{
			displayName: 'Base URL Override',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://theperrygroup.signtraker.com',
			description:
				'Only for testing: a full base URL without /api, used instead of the subdomain. Must use HTTPS; plain HTTP is accepted only for localhost.',
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				Authorization: '=ST-API {{$credentials.apiKey}}',
			},
		},
	};

	// The credential test is the nodes' `testedBy` function (nodes/shared/credentialTest.ts): it
	// passes only on the API's own JSON answer and never follows a redirect with the key.
}
