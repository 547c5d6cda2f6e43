import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { credentialTestBaseUrl } from '../nodes/shared/baseUrl';
import { credentialTestRules, NO_REDIRECTS } from '../nodes/shared/credentialTest';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: credentialTestBaseUrl('baseUrl'),
			url: '/propertyFields',
			...NO_REDIRECTS,
		},
		rules: credentialTestRules({
			service: 'Open To Close',
			secretName: 'API token',
			forbiddenHint: 'ask an Open To Close admin to enable API access for this token',
			where: 'Base URL',
			answerKey: 'group',
		}),
	};
}
