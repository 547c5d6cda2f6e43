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
	/** What the host's gate does about 429s and rate-limit headers. */
	rateLimit: RateLimitPolicy;
}

/**
 * The one 429 policy, set per service (its `retry.rateLimit`): every request to the host waits
 * out a 429, and the gate learns from it how many requests the API accepts per span (see
 * gate.ts and learnedLimit.ts, and "Retries and timeouts" in docs/how-the-nodes-behave.md).
 */
export interface RateLimitPolicy {
	/**
	 * What a 429 without a (readable) Retry-After waits, the whole host with it, and the span its
	 * limit is learned over: such an API says nothing, so the wait is what its documentation or
	 * its own SDKs advise.
	 */
	waitWithoutRetryAfterMs: number;
	/** The smallest learned limit, in requests per span (1: one request per second at most). */
	minLearnedLimit: number;
	/** How long a learned limit holds after the span, unless another 429 renews it. */
	learnedLimitMemoryMs: number;
	/** The learned window is this much wider than the span the API counted in, for clock jitter. */
	windowMargin: number;
	/**
	 * Quiet windows (saturated, without a 429) before a learned limit is raised: only raising finds
	 * the share of a key that another process (a queue-mode worker) left. A raise that draws a 429
	 * goes back to the count before it and the wait doubles, up to the maximum.
	 */
	raiseAfterWindows: number;
	maxRaiseAfterWindows: number;
	/** A raise adds this share of the limit (at least one request)... */
	raiseStep: number;
	/** ...times one more for each raise in a row without a 429, up to this many times. */
	maxStepGrowth: number;
	/**
	 * Pace by X-RateLimit-Remaining and -Reset when the API sends them: no request starts while the
	 * API has announced none left (less those already on their way) until the count resets. The
	 * API's count covers every process on the key, so several share it without talking.
	 */
	followRateLimitHeaders: boolean;
}

export const DEFAULT_RATE_LIMIT: RateLimitPolicy = {
	waitWithoutRetryAfterMs: 1000,
	minLearnedLimit: 1,
	learnedLimitMemoryMs: 60_000,
	windowMargin: 1.01,
	raiseAfterWindows: 2,
	maxRaiseAfterWindows: 8,
	raiseStep: 0.1,
	maxStepGrowth: 4,
	followRateLimitHeaders: true,
};

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
	rateLimit: DEFAULT_RATE_LIMIT,
};
