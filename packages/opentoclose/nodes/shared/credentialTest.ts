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

/**
 * The rules that make n8n's credential test say what to check instead of a bare status text,
 * and fail unless the answer is the API's own JSON: n8n calls a test successful on any 2xx,
 * including an HTML login or parking page at a wrong base URL. n8n compares a body value with
 * `===`: a body that is text (not JSON) has a `constructor.name` of `String`; the API's answer
 * always has `answerKey`.
 */
export function credentialTestRules(r: CredentialTestRules): NonNullable<ICredentialTestRequest['rules']> {
	const codes: IAuthenticateRuleResponseCode[] = [
		{ type: 'responseCode', properties: { value: 401, message: `The ${r.secretName} was refused (HTTP 401): check that it is complete, not revoked, and meant for this ${r.where}` } },
		{ type: 'responseCode', properties: { value: 403, message: `The ${r.secretName} is valid but not allowed here (HTTP 403): ${r.forbiddenHint}` } },
		...REDIRECTS.map((status): IAuthenticateRuleResponseCode => ({
			type: 'responseCode',
			properties: {
				value: status,
				message: `The address answered with a redirect (HTTP ${status}), which is not followed so that the ${r.secretName} stays with its base URL: check the credential's ${r.where}`,
			},
		})),
	];
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
