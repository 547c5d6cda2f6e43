import { makeCredentialTest } from '../shared/credentialTest';
import { openToCloseService } from './service';

/** `GET /agents?limit=1` answers a JSON array (or one wrapped in `data`). */
export const openToCloseCredentialTest = makeCredentialTest(openToCloseService, {
	path: '/agents',
	qs: { limit: 1 },
	// The API takes the token only as the api_token query parameter.
	authenticate: (data) => ({ qs: { api_token: String(data.apiToken ?? '') } }),
	isApiAnswer: (body) => Array.isArray(openToCloseService.unwrap(body)),
	secretName: 'API token',
	forbiddenHint: 'ask an Open To Close admin to enable API access for this token',
	where: 'Base URL',
});
