// Copy made by `npm run sync` from nodes/shared/transport.ts: edit that file, not this one.
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	ILoadOptionsFunctions,
	IPollFunctions,
	IHookFunctions,
	INode,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { isAllowedBaseUrl } from './baseUrl';
import { gateFor, unlessAborted } from './gate';
import { httpError, redirectError, transportError } from './errors';
import { parseRateLimitHeaders, parseRetryAfter } from './rateLimitHeaders';
import { credentialSecrets, credentialTag, makeScrubber, scrubError } from './scrub';
import type { Scrubber } from './scrub';
import type { ServiceConfig } from './service';

type RequestContext = Pick<
	IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions,
	'helpers' | 'getNode' | 'getCredentials'
> & {
	/** Aborts when n8n cancels the execution (not every context has one). */
	getExecutionCancelSignal?: () => AbortSignal | undefined;
};

/** Failures that mean the request may have reached the API and may still be running there. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

/** The credential of the request, read only when it is needed (an error, a missing gate key). */
async function readCredentials(ctx: RequestContext, service: ServiceConfig) {
	try {
		return await (ctx.getCredentials as (type: string) => Promise<ICredentialDataDecryptedObject>)(service.credentialType);
	} catch {
		return undefined;
	}
}

/** Masks the credential's secrets in whatever an error is built from. */
export async function scrubberFor(ctx: RequestContext, service: ServiceConfig): Promise<Scrubber> {
	return makeScrubber(credentialSecrets(await readCredentials(ctx, service)));
}

/** Throws `error` scrubbed of the credential's secrets, so no log or output can show them. */
export async function scrubbed(ctx: RequestContext, service: ServiceConfig, error: unknown): Promise<never> {
	throw scrubError(error, await scrubberFor(ctx, service));
}

/** Redirects are never followed: n8n would send the credential on to wherever they point. */
function isRedirect(status: number): boolean {
	return status >= 300 && status < 400 && status !== 304;
}

const TRANSIENT_NETWORK_CODES = new Set([
	'ECONNRESET',
	'ECONNREFUSED',
	'ECONNABORTED',
	'ETIMEDOUT',
	'EPIPE',
	'EAI_AGAIN',
	'ENETUNREACH',
	'EHOSTUNREACH',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export interface SendOptions {
	/** May this request be sent again after a failure? Only reads and keyed POSTs may. */
	retryable: boolean;
	itemIndex: number;
	/** Shown in errors so a user can retry by hand with the same key. */
	idempotencyKey?: string;
	/** Advice added to the API's error (a rule the operation is subject to). */
	hint?: string;
	/**
	 * Tells apart the credentials that share one host, so that each has its own rate-limit gate
	 * (see credentialTag). Read from the credential when not given.
	 */
	gateKey?: string;
}

function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

function networkCode(error: unknown): string | undefined {
	const e = error as { code?: string; cause?: { code?: string }; message?: string };
	const code = e?.code ?? e?.cause?.code;
	if (code) return code;
	if (/timeout/i.test(e?.message ?? '')) return 'ETIMEDOUT';
	if (/socket hang up/i.test(e?.message ?? '')) return 'ECONNRESET';
	return undefined;
}

function describeNetworkFailure(code: string | undefined, error: unknown, timeoutMs: number): string {
	if (code !== undefined && TIMEOUT_CODES.has(code)) {
		return `The API did not answer within ${timeoutMs / 1000} s (change the timeout in the node's Settings → Request Options → Timeout)`;
	}
	if (code === 'ECONNRESET' || code === 'EPIPE') return 'The connection was closed before the API answered';
	if (code === 'ECONNREFUSED') return 'The API refused the connection';
	const message = (error as Error)?.message ?? String(error);
	return `The request failed: ${message.replace(/Bearer\s+\S+/gi, 'Bearer ***')}`;
}

/** A host that does not exist or does not answer is a wrong address, not a passing failure. */
function describeUnreachable(code: string | undefined, service: ServiceConfig, baseUrl: unknown): string | undefined {
	let url: URL;
	try {
		url = new URL(String(baseUrl));
	} catch {
		return undefined;
	}
	const check = `check the address in the ${service.displayName} credential`;
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return `The host ${url.host} was not found (${code}): ${check}`;
	if (code === 'ECONNREFUSED') return `Nothing answered at ${url.origin} (${code}): ${check}`;
	return undefined;
}

/** Parses a JSON body that arrived as text; undefined means it was not JSON. */
function parseBody(body: unknown): { ok: boolean; value: unknown } {
	if (body === undefined || body === null || body === '') return { ok: true, value: undefined };
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false, value: body };
	}
}

export function assertBaseUrl(node: INode, service: ServiceConfig, baseUrl: unknown, itemIndex = 0) {
	const problem = service.checkBaseUrl?.(String(baseUrl ?? ''));
	if (problem) throw transportError(node, service, problem, itemIndex);
	if (!isAllowedBaseUrl(baseUrl)) {
		throw transportError(
			node,
			service,
			`The ${service.displayName} credential's Base URL must start with https:// (plain http:// is accepted only for localhost)`,
			itemIndex,
		);
	}
}

/**
 * Sends one request through n8n's authenticated HTTP helper, retrying what is safe to retry:
 * 429 (after Retry-After), 5xx and network failures, with a bounded exponential backoff; all of
 * them share one bound of `maxRetries` retries. A timeout is retried only for a read: a write
 * that timed out may still be running at the API. Every request has a timeout (the caller's, or
 * the service's default instead of the HTTP client's 5 minutes). Once n8n cancels the execution,
 * nothing more is sent, whether the request waits in the gate or in a backoff.
 * Returns the parsed body and headers of a 2xx answer; anything else becomes a NodeApiError.
 */
export async function sendRequest(
	ctx: RequestContext,
	service: ServiceConfig,
	request: IHttpRequestOptions,
	opts: SendOptions,
): Promise<{ body: unknown; headers: IDataObject; statusCode: number }> {
	const node = ctx.getNode();
	assertBaseUrl(node, service, request.baseURL, opts.itemIndex);
	const extra: IDataObject = opts.idempotencyKey ? { idempotencyKey: opts.idempotencyKey } : {};
	if (opts.hint) extra.hint = opts.hint;
	const { maxRetries, baseDelayMs, maxRetryAfterMs, timeoutMs, rateLimit } = service.retry;
	const gateKey = opts.gateKey ?? credentialTag(await readCredentials(ctx, service));
	const gate = gateFor(String(request.baseURL), service.retry, gateKey);
	const timeout = request.timeout ?? timeoutMs;
	const isRead = (request.method ?? 'GET') === 'GET';
	const signal = ctx.getExecutionCancelSignal?.();
	const cancelled = () =>
		transportError(node, service, 'The execution was cancelled; no further request was sent', opts.itemIndex, extra);
	const wait = async (ms: number) => await unlessAborted(sleep(ms), signal, cancelled);
	let scrub: Scrubber | undefined;
	// Everything an error is built from passes through this first: an API may echo the key.
	const clean = async <T>(value: T): Promise<T> => (scrub ??= await scrubberFor(ctx, service))(value);
	const fail = async (error: Error): Promise<never> => {
		throw scrubError(error, (scrub ??= await scrubberFor(ctx, service)));
	};

	for (let attempt = 0; ; attempt++) {
		let response: IN8nHttpFullResponse | undefined;
		let failure: unknown;
		const ticket = await gate.acquire(signal, cancelled);
		try {
			response = (await ctx.helpers.httpRequestWithAuthentication.call(
				ctx as IExecuteSingleFunctions,
				service.credentialType,
				{
					...request,
					timeout,
					json: true,
					returnFullResponse: true,
					ignoreHttpStatusErrors: true,
					// A redirect would carry the credential to another host (n8n re-adds it).
					disableFollowRedirect: true,
				},
			)) as IN8nHttpFullResponse;
		} catch (error) {
			failure = error;
		} finally {
			gate.release(ticket);
		}

		// One bound for every cause (429s included), as documented.
		const canRetry = opts.retryable && attempt < maxRetries;
		if (response) {
			const status = response.statusCode;
			const headers = (response.headers ?? {}) as IDataObject;
			const answeredAt = Date.now();
			gate.record(answeredAt, status, ticket.since, parseRateLimitHeaders(headers, answeredAt));
			if (isRedirect(status)) {
				return await fail(redirectError(node, service, status, request, headers, opts.itemIndex, extra));
			}
			const parsed = parseBody(response.body);
			if (status < 400) {
				if (!parsed.ok) {
					// Some APIs answer a bad token or a wrong URL with a 200 HTML login page.
					const html = /^\s*</.test(String(parsed.value));
					// Masked before it is cut: a cut could leave part of a secret unmasked.
					const body = (await clean(String(parsed.value))).slice(0, 200);
					return await fail(
						transportError(
							node,
							service,
							html
								? `${service.displayName} answered ${status} with an HTML page instead of JSON: check the credential's token and base URL`
								: `${service.displayName} answered ${status} with a body that is not valid JSON`,
							opts.itemIndex,
							{ ...extra, body },
							status,
						),
					);
				}
				return { body: parsed.value, headers, statusCode: status };
			}
			const retryAfter = parseRetryAfter(headers['retry-after']);
			const honoured = retryAfter === undefined || retryAfter <= maxRetryAfterMs;
			// A 429 says the same with or without Retry-After: without one, the service's policy
			// says how long to wait (and so the span the gate learns the limit over).
			const limitWait = status === 429 ? (retryAfter ?? rateLimit.waitWithoutRetryAfterMs) : undefined;
			// Every request to the host waits, whether or not this one may be retried (unless the
			// 429 only answered the gate's probe for more room: then this request waits alone).
			const heldAll = limitWait !== undefined && honoured && gate.pause(limitWait, ticket.since);
			if (canRetry && isRetryableStatus(status) && honoured) {
				// After a 429 the gate's pause is the wait; otherwise Retry-After or the backoff.
				if (!heldAll) await wait(limitWait ?? retryAfter ?? baseDelayMs * 2 ** attempt);
				continue;
			}
			return await fail(
				httpError(node, service, status, await clean(parsed.value), await clean(headers), opts.itemIndex, extra),
			);
		}

		if (signal?.aborted) throw cancelled();
		const code = networkCode(failure);
		const transient = code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
		if (canRetry && transient && (isRead || !TIMEOUT_CODES.has(code))) {
			await wait(baseDelayMs * 2 ** attempt);
			continue;
		}
		return await fail(
			transportError(
				node,
				service,
				await clean(describeUnreachable(code, service, request.baseURL) ?? describeNetworkFailure(code, failure, timeout)),
				opts.itemIndex,
				{ ...extra, ...(code ? { networkCode: code } : {}) },
			),
		);
	}
}
