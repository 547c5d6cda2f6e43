import { makeCredentialTest } from '../shared/credentialTest';
import { prefactorService } from './service';

/** `GET /api/v1/ping` answers the `{status, details}` envelope. */
export const prefactorCredentialTest = makeCredentialTest(prefactorService, {
	path: '/api/v1/ping',
	authenticate: (data) => ({ headers: { Authorization: `Bearer ${String(data.apiToken ?? '')}` } }),
	isApiAnswer: (body) =>
		typeof body === 'object' && body !== null && !Array.isArray(body) && typeof (body as { details?: unknown }).details === 'object',
	secretName: 'API token',
	forbiddenHint: 'the token has no access to this account or environment',
	where: 'Base URL',
});
