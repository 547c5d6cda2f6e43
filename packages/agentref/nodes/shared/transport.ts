import type {
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
import { httpError, transportError } from './errors';
import type { ServiceConfig } from './service';

type RequestContext = Pick<
	IExecuteSingleFunctions | ILoadOptionsFunctions | IPollFunctions | IHookFunctions,
	'helpers' | 'getNode'
> & {
	/** Aborts when n8n cancels the execution (not every context has one). */
	getExecutionCancelSignal?: () => AbortSignal | undefined;
};

/** Failures that mean the request may have reached the API and may still be running there. */
const TIMEOUT_CODES = new Set(['ECONNABORTED', 'ETIMEDOUT', 'ERR_SOCKET_CONNECTION_TIMEOUT']);

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
}

function isRetryableStatus(status: number): boolean {
	return status === 429 || status >= 500;
}

/**
 * The three HTTP-date forms RFC 9110 lets a Retry-After take (IMF-fixdate, RFC 850, asctime).
 * Checked before `Date.parse`, which reads almost anything as a date: `-1` or `1, 2` would
 * otherwise become a date long past, that is "retry now".
 */
const HTTP_DATE = new RegExp(
	[
		/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.source,
		/^[A-Z][a-z]+day, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.source,
		/^[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4}$/.source,
	].join('|'),
);

/**
 * Seconds or an HTTP date, as RFC 9110 allows; undefined when absent or unreadable (a negative
 * number, a list, garbage), so that such a header counts as absent, never as "wait 0".
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text)) * 1000;
	if (!HTTP_DATE.test(text)) return undefined;
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
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
	const { maxRetries, baseDelayMs, maxRetryAfterMs, maxConcurrent, timeoutMs } = service.retry;
	const gate = gateFor(String(request.baseURL), maxConcurrent);
	const timeout = request.timeout ?? timeoutMs;
	const isRead = (request.method ?? 'GET') === 'GET';
	const signal = ctx.getExecutionCancelSignal?.();
	const cancelled = () =>
		transportError(node, service, 'The execution was cancelled; no further request was sent', opts.itemIndex, extra);
	const wait = async (ms: number) => await unlessAborted(sleep(ms), signal, cancelled);

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
			gate.record(Date.now(), status);
			const headers = (response.headers ?? {}) as IDataObject;
			const parsed = parseBody(response.body);
			if (status < 400) {
				if (!parsed.ok) {
					// Some APIs answer a bad token or a wrong URL with a 200 HTML login page.
					const html = /^\s*</.test(String(parsed.value));
					throw transportError(
						node,
						service,
						html
							? `${service.displayName} answered ${status} with an HTML page instead of JSON: check the credential's token and base URL`
							: `${service.displayName} answered ${status} with a body that is not valid JSON`,
						opts.itemIndex,
						{ ...extra, body: String(parsed.value).slice(0, 200) },
						status,
					);
				}
				return { body: parsed.value, headers, statusCode: status };
			}
			const retryAfter = parseRetryAfter(headers['retry-after']);
			const honoured = retryAfter !== undefined && retryAfter <= maxRetryAfterMs;
			// Every request to the host waits, whether or not this one may be retried.
			if (status === 429 && honoured) gate.pause(retryAfter);
			if (canRetry && isRetryableStatus(status) && (retryAfter === undefined || honoured)) {
				// After a 429 the gate's pause is the wait; otherwise Retry-After or the backoff.
				if (status !== 429 || !honoured) await wait(retryAfter ?? baseDelayMs * 2 ** attempt);
				continue;
			}
			throw httpError(node, service, status, parsed.value, headers, opts.itemIndex, extra);
		}

		if (signal?.aborted) throw cancelled();
		const code = networkCode(failure);
		const transient = code !== undefined && TRANSIENT_NETWORK_CODES.has(code);
		if (canRetry && transient && (isRead || !TIMEOUT_CODES.has(code))) {
			await wait(baseDelayMs * 2 ** attempt);
			continue;
		}
		throw transportError(
			node,
			service,
			describeNetworkFailure(code, failure, timeout),
			opts.itemIndex,
			{ ...extra, ...(code ? { networkCode: code } : {}) },
		);
	}
}
