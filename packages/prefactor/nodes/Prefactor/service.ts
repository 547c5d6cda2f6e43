import type { IDataObject } from 'n8n-workflow';

import type { Pager, ServiceConfig } from '../shared/service';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from '../shared/service';

type Envelope = IDataObject & { status?: string; details?: IDataObject; summaries?: IDataObject[]; pagination?: IDataObject | null };

const env = (body: unknown): Envelope => (body && typeof body === 'object' && !Array.isArray(body) ? (body as Envelope) : {});

/**
 * Prefactor answers `{status, details}` for records, `{status, summaries, pagination}` for
 * lists and a few named payloads (token, agent_context, count, ruleset, pfids, delivered,
 * outputs). The record itself is what a workflow wants; extras stay beside it.
 */
export function unwrapPrefactor(body: unknown): unknown {
	const b = env(body);
	if (Array.isArray(b.summaries)) return b.summaries;
	const { status: _status, details, ...rest } = b;
	void _status;
	if (details && typeof details === 'object') return { ...details, ...rest };
	return Object.keys(rest).length ? rest : body;
}

/** `pagination[offset]`/`pagination[page_size]`, following `next_page_offset` until null. */
const offsetPager: Pager = {
	start(qs, pageSize) {
		qs['pagination[offset]'] = 0;
		qs['pagination[page_size]'] = pageSize;
	},
	records(body) {
		const list = env(body).summaries;
		return Array.isArray(list) ? list : [];
	},
	advance(qs, body, received, pageSize) {
		const pagination = env(body).pagination;
		const next = pagination ? pagination.next_page_offset : undefined;
		if (pagination && next === null) return false;
		const offset = typeof next === 'number' ? next : Number(qs['pagination[offset]']) + received;
		if (next === undefined && received < pageSize) return false;
		if (offset <= Number(qs['pagination[offset]'])) return false;
		qs['pagination[offset]'] = offset;
		return true;
	},
};

export const prefactorService: ServiceConfig = {
	displayName: 'Prefactor',
	credentialType: 'prefactorApi',
	baseUrl: (credentials) => String(credentials.baseUrl ?? '').replace(/\/+$/, '').replace(/\/api\/v1$/, ''),
	maxPageSize: 100,
	pagers: { default: offsetPager },
	docsUrl: 'https://docs.prefactor.ai',
	// The API measured slow under parallel load: keep Return All and many items gentle.
	// No published limit and no Retry-After; its dashboard keeps about 6 requests in flight, and
	// its SDKs back off from 1 s after a 429.
	retry: { ...DEFAULT_RETRY, maxConcurrent: 6, rateLimit: { ...DEFAULT_RATE_LIMIT, waitWithoutRetryAfterMs: 1000 } },
	unwrap: unwrapPrefactor,
	parseError(body) {
		const b = env(body);
		return {
			message: typeof b.message === 'string' ? b.message : typeof b.error === 'string' ? b.error : undefined,
			code: typeof b.code === 'string' ? b.code : undefined,
			details: b.errors ?? undefined,
		};
	},
	authHint: (status) =>
		status === 401
			? 'Check the API token in the Prefactor credential; it may be revoked, suspended or expired'
			: 'The token cannot do this: an agent deployment token only reaches its own agent and environment; use an account token for administration',
	// Idempotency keys travel in the JSON body, next to `details`.
	applyIdempotencyKey(options, key) {
		options.body = { ...((options.body as IDataObject) ?? {}), idempotency_key: key };
	},
};
