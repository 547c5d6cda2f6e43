import { makeCredentialTest } from '../shared/credentialTest';
import { agentRefService } from './service';

/** `GET /me`, which every key type may call, answers `{ data: {...}, meta }`. */
export const agentRefCredentialTest = makeCredentialTest(agentRefService, {
	path: '/me',
	authenticate: (data) => ({ headers: { Authorization: `Bearer ${String(data.apiKey ?? '')}` } }),
	isApiAnswer: (body) =>
		typeof body === 'object' && body !== null && typeof (body as { data?: unknown }).data === 'object' && (body as { data?: unknown }).data !== null,
	secretName: 'API key',
	forbiddenHint: 'use a key with the scopes the workflow needs (merchant keys for the merchant side, affiliate keys for /me)',
	where: 'Base URL',
});
