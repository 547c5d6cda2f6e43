import { makeCredentialTest } from '../shared/credentialTest';
import { signTrakerService } from './service';

/** `GET /api/enterprises?$top=1` answers a bare JSON array. */
export const signTrakerCredentialTest = makeCredentialTest(signTrakerService, {
	path: '/api/enterprises',
	qs: { $top: 1 },
	authenticate: (data) => ({ headers: { Authorization: `ST-API ${String(data.apiKey ?? '')}` } }),
	isApiAnswer: (body) => Array.isArray(body),
	secretName: 'API key',
	forbiddenHint: 'check that the key belongs to this subdomain',
	where: 'Subdomain (or Base URL Override)',
});
