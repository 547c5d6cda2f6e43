import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestFunctions,
	IDataObject,
	INodeCredentialTestResult,
} from 'n8n-workflow';

import { isAllowedBaseUrl } from './baseUrl';
import { credentialSecrets, makeScrubber } from './scrub';
import type { ServiceConfig } from './service';

/** How one service's credential is tested: one cheap GET every valid key may call. */
export interface CredentialCheck {
	path: string;
	qs?: IDataObject;
	/** Puts the secret where the API expects it (as the credential's `authenticate` does). */
	authenticate(data: ICredentialDataDecryptedObject): { headers?: Record<string, string>; qs?: IDataObject };
	/** Whether a parsed 2xx body is this API's own answer (not a parking page's JSON). */
	isApiAnswer(body: unknown): boolean;
	/** "API key", "API token". */
	secretName: string;
	/** What a 403 means for this API. */
	forbiddenHint: string;
	/** The credential fields that decide where requests go, e.g. "Base URL". */
	where: string;
}

const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME']);
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);
const TEST_TIMEOUT_MS = 20_000;

const fail = (message: string): INodeCredentialTestResult => ({ status: 'Error', message });

function headerValue(headers: unknown, name: string): string | undefined {
	const value = (headers as IDataObject | undefined)?.[name];
	if (Array.isArray(value)) return String(value[0]);
	return value === undefined || value === null ? undefined : String(value);
}

/**
 * A credential test that passes only on the API's own JSON answer, never follows a redirect
 * (the key would travel along), and says what to check when it fails. n8n's declarative
 * `test.request` cannot do this: it follows redirects and calls any 200, even an HTML login or
 * parking page, a success. Used by each node of a service as its `testedBy` function.
 */
export function makeCredentialTest(service: ServiceConfig, check: CredentialCheck): ICredentialTestFunction {
	return async function (
		this: ICredentialTestFunctions,
		credential: ICredentialsDecrypted,
	): Promise<INodeCredentialTestResult> {
		const data = credential.data ?? {};
		const scrub = makeScrubber(credentialSecrets(data));
		const baseUrl = service.baseUrl(data);
		const problem = service.checkBaseUrl?.(baseUrl);
		if (problem) return fail(problem);
		if (!isAllowedBaseUrl(baseUrl)) {
			return fail(`The ${check.where} must start with https:// (plain http:// is accepted only for localhost)`);
		}
		const origin = new URL(baseUrl).origin;
		const auth = check.authenticate(data);
		let response: { statusCode: number; headers?: IDataObject; body?: unknown };
		try {
			// A credential test's context offers only this helper (ICredentialTestFunctions), and it
			// sends exactly the headers given: nothing is re-added on a redirect, none is followed.
			// eslint-disable-next-line @n8n/community-nodes/no-deprecated-workflow-functions
			response = (await this.helpers.request({
				method: 'GET',
				uri: `${baseUrl}${check.path}`,
				qs: { ...(check.qs ?? {}), ...(auth.qs ?? {}) },
				headers: { Accept: 'application/json', ...(auth.headers ?? {}) },
				json: false,
				simple: false,
				resolveWithFullResponse: true,
				followRedirect: false,
				followAllRedirects: false,
				timeout: TEST_TIMEOUT_MS,
			})) as typeof response;
		} catch (error) {
			const e = error as { code?: string; cause?: { code?: string }; message?: string };
			const code = e.code ?? e.cause?.code;
			const host = new URL(baseUrl).host;
			if (code && NOT_FOUND_CODES.has(code)) {
				return fail(`The host ${host} was not found (${code}): check the credential's ${check.where}`);
			}
			if (code && REFUSED_CODES.has(code)) {
				return fail(`Nothing answered at ${origin} (${code}): check the credential's ${check.where}`);
			}
			if ((code && TIMEOUT_CODES.has(code)) || /timeout/i.test(e.message ?? '')) {
				return fail(`${origin} did not answer within ${TEST_TIMEOUT_MS / 1000} seconds: check the credential's ${check.where}`);
			}
			return fail(scrub(`Could not reach ${origin} (${e.message ?? String(error)}): check the credential's ${check.where}`));
		}

		const status = Number(response.statusCode);
		if (status >= 300 && status < 400) {
			let target = 'an unknown location';
			const location = headerValue(response.headers, 'location');
			try {
				if (location) target = new URL(location, `${baseUrl}/`).origin;
			} catch {
				target = 'an invalid location';
			}
			return fail(
				`${origin} answered ${status} with a redirect to ${target}, which is not followed so that the ${check.secretName} stays with its base URL: check the credential's ${check.where}`,
			);
		}
		const text = Buffer.isBuffer(response.body) ? response.body.toString('utf8') : String(response.body ?? '');
		let body: unknown;
		let json = true;
		try {
			body = JSON.parse(text);
		} catch {
			json = false;
		}
		if (status === 401) {
			return fail(`The ${check.secretName} was refused (HTTP 401): check that it is complete, not revoked, and meant for this ${check.where}`);
		}
		if (status === 403) {
			return fail(`The ${check.secretName} is valid but not allowed here (HTTP 403): ${check.forbiddenHint}`);
		}
		if (!json) {
			const what = /^\s*</.test(text) ? 'an HTML page' : text.trim() ? 'a body that is not JSON' : 'an empty body';
			return fail(
				`${origin} answered ${status} with ${what}, not the ${service.displayName} API's JSON: check the credential's ${check.where}`,
			);
		}
		if (status >= 400) {
			let message: string | undefined;
			try {
				message = service.parseError(body, (response.headers ?? {}) as IDataObject).message;
			} catch {
				message = undefined;
			}
			return fail(scrub(`${service.displayName} answered ${status}${message ? `: ${message}` : ''}; check the credential's ${check.where} and ${check.secretName}`));
		}
		if (!check.isApiAnswer(body)) {
			return fail(
				`${origin} answered ${status} with JSON that is not the ${service.displayName} API's answer: check the credential's ${check.where}`,
			);
		}
		return { status: 'OK', message: 'Connection successful' };
	};
}
