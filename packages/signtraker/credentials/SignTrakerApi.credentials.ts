import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { signTrakerBaseUrlExpression } from '../nodes/SignTraker/baseUrl';
import { credentialTestRules, NO_REDIRECTS } from '../nodes/shared/credentialTest';

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

	test: ICredentialTestRequest = {
		request: {
			baseURL: signTrakerBaseUrlExpression,
			url: '/api/enterprises',
			qs: { $top: 1 },
			...NO_REDIRECTS,
		},
		rules: credentialTestRules({
			service: 'SignTraker',
			secretName: 'API key',
			forbiddenHint: 'check that the key belongs to this subdomain',
			where: 'Subdomain (or Base URL Override)',
			answerKey: 'Id',
		}),
	};
}
