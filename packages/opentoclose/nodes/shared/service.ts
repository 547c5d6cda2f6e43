// Copy made by `npm run sync` from nodes/shared/service.ts: edit that file, not this one.
import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions } from 'n8n-workflow';

/** What an API's error body says, in the API's own words. */
export interface ApiErrorInfo {
	message?: string;
	code?: string;
	requestId?: string;
	/** Field-level errors or other details the API returned. */
	details?: unknown;
}

/**
 * Follows one API's paging. `start` prepares the first request, `advance` the next one
 * (returning false when the last page was reached).
 */
export interface Pager {
	start(qs: IDataObject, pageSize: number): void;
	records(body: unknown): IDataObject[];
	advance(qs: IDataObject, body: unknown, received: number, pageSize: number): boolean;
}

export interface RetryPolicy {
	/** Attempts after the first one, whatever failed (429, 5xx, a reset or a timeout). */
	maxRetries: number;
	/** Backoff before retry n is baseDelayMs * 2^n (n from 0). */
	baseDelayMs: number;
	/** A Retry-After longer than this is not waited for; the error is returned instead. */
	maxRetryAfterMs: number;
	/**
	 * Per attempt, when the node's Request Options set no timeout: n8n's HTTP client would
	 * otherwise wait 5 minutes for an API that hangs (and that again on every retry).
	 */
	timeoutMs: number;
	/** Requests in flight per API host at once (see gate.ts). */
	maxConcurrent: number;
}

/** Everything the shared executor needs to know about one service. */
export interface ServiceConfig {
	displayName: string;
	credentialType: string;
	/** The API root from the credential (the node's requestDefaults use the same rule). */
	baseUrl(credentials: ICredentialDataDecryptedObject): string;
	maxPageSize: number;
	pagers: Record<string, Pager>;
	/** Strip the success envelope: return the record(s) the user cares about. */
	unwrap(body: unknown): unknown;
	/** Read the API's error envelope. */
	parseError(body: unknown, headers: IDataObject): ApiErrorInfo;
	/** Extra advice for 401/403 answers (which key, which scope). */
	authHint?(status: number, info: ApiErrorInfo): string | undefined;
	/** Put an idempotency key where this API expects it. */
	applyIdempotencyKey?(options: IHttpRequestOptions, key: string): void;
	retry: RetryPolicy;
	docsUrl: string;
	/** A service-specific reason the resolved base URL is unusable (e.g. a bad subdomain). */
	checkBaseUrl?(baseUrl: string): string | undefined;
}

export const DEFAULT_RETRY: RetryPolicy = {
	maxRetries: 3,
	baseDelayMs: 500,
	maxRetryAfterMs: 120_000,
	timeoutMs: 60_000,
	maxConcurrent: 8,
};
