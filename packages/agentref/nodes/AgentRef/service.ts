import type { IDataObject } from 'n8n-workflow';

import type { Pager, ServiceConfig } from '../shared/service';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from '../shared/service';

interface PageMeta {
	hasMore?: boolean;
	nextCursor?: string | null;
	page?: number;
}

function envelope(body: unknown): { data?: unknown; meta?: PageMeta } {
	return typeof body === 'object' && body !== null ? (body as { data?: unknown; meta?: PageMeta }) : {};
}

/**
 * AgentRef pages with `page`/`pageSize` and answers `meta.hasMore`; when it also hands out a
 * `nextCursor`, the cursor is followed instead, which stays correct while records are added.
 */
const pagePager: Pager = {
	start(qs, pageSize) {
		qs.page = 1;
		qs.pageSize = pageSize;
	},
	records(body) {
		const data = envelope(body).data;
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	},
	advance(qs, body, _received, pageSize) {
		const meta = envelope(body).meta;
		if (!meta || meta.hasMore !== true) return false;
		if (meta.nextCursor) {
			if (qs.cursor === meta.nextCursor) return false;
			delete qs.page;
			delete qs.pageSize;
			qs.limit = pageSize;
			qs.cursor = meta.nextCursor;
			return true;
		}
		if (qs.cursor !== undefined) return false;
		qs.page = Number(qs.page ?? 1) + 1;
		return true;
	},
};

/** Lists that take `limit`/`offset` and answer a plain array: a short page is the last one. */
const offsetPager: Pager = {
	start(qs, pageSize) {
		qs.limit = pageSize;
		qs.offset = 0;
	},
	records(body) {
		const data = envelope(body).data;
		return Array.isArray(data) ? (data as IDataObject[]) : [];
	},
	advance(qs, _body, received, pageSize) {
		if (received < pageSize) return false;
		qs.offset = Number(qs.offset ?? 0) + received;
		return true;
	},
};

/** Lists that take only `limit` (one page, newest first): the request asks for what is wanted. */
const limitPager: Pager = {
	start(qs, pageSize) {
		qs.limit = pageSize;
	},
	records: offsetPager.records,
	advance: () => false,
};

export const agentRefService: ServiceConfig = {
	displayName: 'AgentRef',
	credentialType: 'agentRefApi',
	baseUrl: (credentials) => String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
	maxPageSize: 100,
	pagers: { default: pagePager, offset: offsetPager, limit: limitPager },
	docsUrl: 'https://www.agentref.co/docs',
	// AgentRef sends Retry-After with every 429 and X-RateLimit-Remaining/-Reset (§9): both are
	// followed; the wait without Retry-After is only for a proxy's 429 in front of it.
	retry: { ...DEFAULT_RETRY, rateLimit: { ...DEFAULT_RATE_LIMIT, waitWithoutRetryAfterMs: 1000 } },
	unwrap(body) {
		const { data } = envelope(body);
		return data === undefined ? body : data;
	},
	parseError(body) {
		const b = envelope(body) as { error?: { code?: string; message?: string; details?: unknown }; meta?: { requestId?: string } };
		return {
			message: b.error?.message,
			code: b.error?.code,
			requestId: b.meta?.requestId,
			details: b.error?.details && Object.keys(b.error.details as object).length ? b.error.details : undefined,
		};
	},
	authHint(status, info) {
		if (status === 401) {
			return 'Check the API key in the AgentRef credential: it must be a current key (ak_live_, ak_onb_ or ak_aff_)';
		}
		if (info.code === 'INSUFFICIENT_SCOPE') {
			return 'The API key lacks the scope this operation needs; create a key with that scope in AgentRef';
		}
		return 'Check the key type: merchant operations need a merchant key (ak_live_), the affiliate workspace (/me) and marketplace need an affiliate key (ak_aff_)';
	},
};
