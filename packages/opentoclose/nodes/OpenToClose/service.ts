import type { IDataObject } from 'n8n-workflow';

import type { Pager, ServiceConfig } from '../shared/service';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from '../shared/service';

/** The API sends bare JSON; a `{data: ...}` wrapper is accepted too, as the official SDK does. */
function unwrap(body: unknown): unknown {
	if (body && typeof body === 'object' && !Array.isArray(body) && 'data' in body && !('id' in body)) {
		return (body as IDataObject).data;
	}
	return body;
}

/** limit/offset paging over bare arrays with no total: a short page is the last one. */
const offsetPager: Pager = {
	start(qs, pageSize) {
		qs.limit = pageSize;
		qs.offset = 0;
	},
	records(body) {
		const list = unwrap(body);
		return Array.isArray(list) ? (list as IDataObject[]) : [];
	},
	advance(qs, _body, received, pageSize) {
		if (received < pageSize) return false;
		qs.offset = Number(qs.offset) + pageSize;
		return true;
	},
};

export const openToCloseService: ServiceConfig = {
	displayName: 'Open To Close',
	credentialType: 'openToCloseApi',
	baseUrl: (credentials) => String(credentials.baseUrl ?? '').replace(/\/+$/, ''),
	maxPageSize: 100,
	pagers: { default: offsetPager },
	docsUrl: 'https://intercom.help/open-to-close/en/articles/api-tokens',
	// About 1 request per second, Retry-After only sometimes; its hub advises waiting 1 s after a
	// 429. A learned limit of one per second is the smallest there is.
	retry: { ...DEFAULT_RETRY, rateLimit: { ...DEFAULT_RATE_LIMIT, waitWithoutRetryAfterMs: 1000, minLearnedLimit: 1 } },
	unwrap,
	parseError(body) {
		const b = (body && typeof body === 'object' ? body : {}) as IDataObject;
		return {
			message: typeof b.message === 'string' ? b.message : typeof b.error === 'string' ? b.error : undefined,
			code: typeof b.code === 'string' ? b.code : undefined,
			details: b.errors ?? b.field_errors ?? undefined,
		};
	},
	authHint: (status) =>
		status === 401
			? 'Check the API token in the Open To Close credential (Settings → Apps & APIs → API Tokens)'
			: 'The token is valid but may not reach this record or operation; check its permissions in Open To Close',
};
