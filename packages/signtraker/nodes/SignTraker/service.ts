import type { IDataObject } from 'n8n-workflow';

import type { Pager, ServiceConfig } from '../shared/service';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from '../shared/service';
import { INVALID_SUBDOMAIN_HOST, SUBDOMAIN } from './baseUrl';

/**
 * OData paging: `$top` is the page size, `$skip` the offset. Lists are bare arrays with no
 * count, so a short page is the last one. A stable `$orderby` keeps pages from overlapping.
 */
const odataPager: Pager = {
	start(qs, pageSize) {
		qs.$top = pageSize;
		qs.$skip = 0;
		qs.$orderby ??= 'Id';
	},
	records(body) {
		return Array.isArray(body) ? (body as IDataObject[]) : [];
	},
	advance(qs, _body, received, pageSize) {
		if (received < pageSize) return false;
		qs.$skip = Number(qs.$skip) + pageSize;
		return true;
	},
};

const MESSAGE_KEYS = ['message', 'error', 'detail', 'title', 'Message', 'Error', 'Detail', 'Title'];

/** The API's own words from whatever error body it sent (PascalCase `Message` seen live). */
function findMessage(value: unknown, depth = 0): string[] {
	if (depth > 6 || value === null || value === undefined) return [];
	if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
	if (Array.isArray(value)) return [...new Set(value.flatMap((v) => findMessage(v, depth + 1)))];
	if (typeof value === 'object') {
		const obj = value as IDataObject;
		for (const key of MESSAGE_KEYS) {
			const found = findMessage(obj[key], depth + 1);
			if (found.length) return found;
		}
		return [...new Set(Object.values(obj).flatMap((v) => findMessage(v, depth + 1)))];
	}
	return depth === 0 ? [String(value)] : [];
}

export const signTrakerService: ServiceConfig = {
	displayName: 'SignTraker',
	credentialType: 'signTrakerApi',
	baseUrl: (credentials) =>
		credentials.baseUrl
			? String(credentials.baseUrl).replace(/\/+$/, '')
			: SUBDOMAIN.test(String(credentials.subdomain ?? ''))
				? `https://${String(credentials.subdomain)}.signtraker.com`
				: INVALID_SUBDOMAIN_HOST,
	checkBaseUrl: (baseUrl) =>
		baseUrl.startsWith(INVALID_SUBDOMAIN_HOST)
			? 'The SignTraker credential needs a Subdomain that is one DNS label (letters, digits, dashes), e.g. theperrygroup'
			: undefined,
	// The API documents no maximum $top; 100 keeps each answer small and is a decision of this node.
	maxPageSize: 100,
	pagers: { default: odataPager },
	docsUrl: 'https://github.com/theperrygroup/signtraker',
	// Rate limits undocumented, as is any Retry-After: the defaults (1 s after a 429 without one).
	retry: { ...DEFAULT_RETRY, rateLimit: { ...DEFAULT_RATE_LIMIT, waitWithoutRetryAfterMs: 1000 } },
	unwrap: (body) => body,
	parseError(body) {
		const messages = findMessage(body);
		const modelState = (body as IDataObject | undefined)?.ModelState;
		return {
			message: messages.length ? messages.join('; ') : undefined,
			details: modelState ?? undefined,
		};
	},
	authHint: () => 'Check the API key (My Profile in SignTraker) and that API access is enabled for the account',
};
