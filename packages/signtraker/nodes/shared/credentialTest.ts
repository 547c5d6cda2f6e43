import type { ICredentialTestRequest } from 'n8n-workflow';

/**
 * What n8n shows when a credential test is refused: by default only the HTTP status text
 * ("Unauthorized"), which does not say what to fix.
 */
export function authFailureRules(secretName: string, forbiddenHint: string): NonNullable<ICredentialTestRequest['rules']> {
	return [
		{ type: 'responseCode', properties: { value: 401, message: `The ${secretName} was refused (HTTP 401): check that it is complete, not revoked, and meant for this base URL` } },
		{ type: 'responseCode', properties: { value: 403, message: `The ${secretName} is valid but not allowed here (HTTP 403): ${forbiddenHint}` } },
	];
}
