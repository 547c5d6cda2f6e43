// Copy made by `npm run sync` from nodes/shared/credentialTest.ts: edit that file, not this one.
import type {
	IAuthenticateRuleResponseCode,
	IAuthenticateRuleResponseSuccessBody,
	ICredentialTestRequest,
} from 'n8n-workflow';

/**
 * The credential test request's options: a redirect is never followed, since n8n would send the
 * key along to wherever it points; the 3xx then fails the test with the rule below.
 */
export const NO_REDIRECTS = { disableFollowRedirect: true, json: true } as const;

const REDIRECTS = [301, 302, 303, 307, 308];

/**
 * Every status an answer can carry that n8n's request treats as an error: 3xx (no redirect is
 * followed), 4xx, 5xx, and the 600-999 that HTTP does not define but a server can still send.
 * A status without a rule makes n8n show the answer's status text, which the server chooses
 * freely: one that echoes the request would show the key or its `api_token=`.
 */
const ERROR_STATUSES = Array.from({ length: 700 }, (_, i) => 300 + i);

export interface CredentialTestRules {
	/** The API's name, e.g. "AgentRef". */
	service: string;
	/** "API key", "API token". */
	secretName: string;
	/** What a 403 means for this API. */
	forbiddenHint: string;
	/** The credential fields that decide where requests go, e.g. "Base URL". */
	where: string;
	/**
	 * A key every answer of the API's test endpoint has (in its first record, for a list): a 200
	 * without it is someone else's JSON, such as a parking page's.
	 */
	answerKey: string;
}

/** What a failed credential test says for each status, instead of the answer's own status text. */
function statusMessage(r: CredentialTestRules, status: number): string {
	const check = `check the credential's ${r.where}`;
	if (status === 401) return `The ${r.secretName} was refused (HTTP 401): check that it is complete, not revoked, and meant for this ${r.where}`;
	if (status === 403) return `The ${r.secretName} is valid but not allowed here (HTTP 403): ${r.forbiddenHint}`;
	if (REDIRECTS.includes(status)) {
		return `The address answered with a redirect (HTTP ${status}), which is not followed so that the ${r.secretName} stays with its base URL: ${check}`;
	}
	if (status === 404 || status === 405 || status === 410) return `Nothing answers the test request at this address (HTTP ${status}): ${check}`;
	if (status === 429) return `The ${r.service} API asks to slow down (HTTP 429): wait a minute, then test again`;
	if (status < 500 && status >= 400) return `The address refused the test request (HTTP ${status}): ${check} and the ${r.secretName}`;
	if (status < 600 && status >= 500) return `The address answered with a server error (HTTP ${status}): ${r.service} may be down, so test again later, and ${check}`;
	return `The address answered HTTP ${status}, which is not an answer of the ${r.service} API: ${check}`;
}

/**
 * The rules that make n8n's credential test say what to check instead of a bare status text,
 * and fail unless the answer is the API's own JSON: n8n calls a test successful on any 2xx,
 * including an HTML login or parking page at a wrong base URL. n8n compares a body value with
 * `===`: a body that is text (not JSON) has a `constructor.name` of `String`; the API's answer
 * always has `answerKey`.
 */
export function credentialTestRules(r: CredentialTestRules): NonNullable<ICredentialTestRequest['rules']> {
	const codes = ERROR_STATUSES.map(
		(status): IAuthenticateRuleResponseCode => ({ type: 'responseCode', properties: { value: status, message: statusMessage(r, status) } }),
	);
	const bodies: IAuthenticateRuleResponseSuccessBody[] = [
		{
			type: 'responseSuccessBody',
			properties: {
				key: 'constructor.name',
				value: 'String',
				message: `The address answered with a page that is not JSON (a login or parking page?), not the ${r.service} API: check the credential's ${r.where}`,
			},
		},
		{
			type: 'responseSuccessBody',
			properties: {
				key: r.answerKey,
				value: undefined,
				message: `The address answered with JSON that is not the ${r.service} API's answer: check the credential's ${r.where}`,
			},
		},
	];
	// n8n's type wants one kind of rule per array; its tester reads a mixed one rule by rule.
	return [...codes, ...bodies] as unknown as NonNullable<ICredentialTestRequest['rules']>;
}
