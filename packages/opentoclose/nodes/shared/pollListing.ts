// Copy made by `npm run sync` from nodes/shared/pollListing.ts: edit that file, not this one.
import type { IDataObject, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Position } from './pollState';
import { order } from './pollState';
import { parseHttpDate } from './rateLimitHeaders';
import type { ServiceConfig } from './service';
import { sendRequest } from './transport';

/** Requests one poll may make before it gives up (a listing that never ends or never settles). */
export const MAX_PAGES = 1000;

/** What the poll engine needs to read one event's listing (a part of the engine's PollEvent). */
export interface ListedEvent {
	service: ServiceConfig;
	list(since: Position | undefined): { url: string; qs: IDataObject };
	pager?: string;
	pageSize?: number;
	/**
	 * The query parameter that holds the offset of the first record, for offset-paged lists:
	 * pages are then requested overlapping by one record, so that a record deleted between two
	 * page requests (which shifts the next page up) cannot hide the record at the boundary.
	 */
	offsetParam?: string;
	newestFirst?: boolean;
	/** The record's id, or undefined when it has none (the engine refuses such a record). */
	id(record: IDataObject): string | undefined;
	position(record: IDataObject): Position | undefined;
}

export interface Listing {
	records: IDataObject[];
	/** The API's clock (ms) by the latest `Date` header answered, or undefined when it sent none. */
	serverNow?: number;
	/** The records were seen out of newest-first order. */
	unsorted: boolean;
}

export interface ListingOptions {
	/**
	 * - `all`: every page.
	 * - `watermark`: a newest-first list stops at the first page reaching `stopAt`.
	 * - `seed`: a newest-first list stops once its order held across a page boundary (two pages)
	 *   and a record older than the newest one not past the API's clock was read (so every record
	 *   sharing that position, which becomes the watermark, was too); a list seen out of order is read to its end, so the first activation knows its
	 *   true newest whatever order the API answers in.
	 * - `firstPage`: only the first page.
	 */
	mode: 'all' | 'watermark' | 'seed' | 'firstPage';
	stopAt?: number;
	/** The list was seen out of order before: never trust its order. */
	unsorted?: boolean;
}

/**
 * The newest position a watermark may take: the API's clock for times (a record stamped past
 * it, such as one dated 2999, must not hold back every record after it), no bound for ids.
 */
export function clockBound(position: Position | undefined, serverNow: number | undefined): number {
	return typeof position === 'string' && serverNow !== undefined ? serverNow : Infinity;
}

/** The instant of an HTTP `Date` header (any of HTTP's three date forms, GMT), or undefined when it is unreadable. */
export function fromHttpDate(value: unknown): number | undefined {
	return typeof value === 'string' ? parseHttpDate(value.trim()) : undefined;
}

/**
 * Checks a page's entries. An entry that is not an object, or a record without an id, cannot be
 * emitted once and only once (ids are how records are told apart), so the poll stops with an
 * error that names it instead of losing it; the state does not move, so nothing is lost.
 */
function checked(ctx: IPollFunctions, event: ListedEvent, page: unknown[], where: string): IDataObject[] {
	page.forEach((entry, index) => {
		const at = `entry ${index + 1} of the page at ${where}`;
		if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
			const what = entry === null ? 'null' : Array.isArray(entry) ? 'a list' : typeof entry;
			throw new NodeOperationError(ctx.getNode(), `${event.service.displayName} listed an entry that is not a record (${what}) as ${at}`, {
				description: 'Nothing was emitted and nothing is marked as seen: the next poll tries again and emits every record once the API lists this entry properly.',
			});
		}
		if (event.id(entry as IDataObject) === undefined) {
			throw new NodeOperationError(ctx.getNode(), `${event.service.displayName} listed a record without an ID as ${at}`, {
				description: 'Without an ID the trigger cannot tell this record from others, so it would lose or repeat records. Nothing was emitted and nothing is marked as seen: the next poll tries again.',
			});
		}
	});
	return page as IDataObject[];
}

/**
 * Reads an event's listing page by page with the service's pager. Records listed twice (moved
 * across a page boundary between two page requests) are kept once. With `offsetParam`, pages
 * overlap by one record and each later page must contain a record already read; when it does
 * not (records before it were deleted meanwhile, shifting it up), the read steps back rather
 * than skip the records that moved past the boundary.
 */
export async function readListing(ctx: IPollFunctions, event: ListedEvent, since: Position | undefined, opts: ListingOptions): Promise<Listing> {
	const { service } = event;
	const credentials = await ctx.getCredentials(service.credentialType);
	const baseURL = service.baseUrl(credentials);
	const pager = service.pagers[event.pager ?? 'default'];
	const pageSize = event.pageSize ?? service.maxPageSize;
	const { url, qs } = event.list(since);
	const query: IDataObject = { ...qs };
	pager.start(query, pageSize);
	const overlap = event.offsetParam !== undefined && pageSize > 1 ? event.offsetParam : undefined;
	const byId = new Map<string, IDataObject>();
	let serverNow: number | undefined;
	let sorted = event.newestFirst === true && !opts.unsorted;
	let unsorted = false;
	let pages = 0;
	let steppedBack = false;
	let firstPage: string | undefined;
	let repeats = 0;
	let previous = Infinity;
	// For `seed`: the newest position not past the API's clock, and whether one below it was read.
	let settled = -Infinity;
	let belowSettled = false;
	for (let requests = 0; ; requests++) {
		if (requests >= MAX_PAGES) {
			throw new NodeOperationError(ctx.getNode(), `${service.displayName}: the list at ${url} did not end within ${MAX_PAGES} requests`, {
				description: 'Nothing was emitted and nothing is marked as seen; the next poll tries again.',
			});
		}
		const offset = overlap ? Number(query[overlap] ?? 0) : 0;
		const { body, headers } = await sendRequest(ctx, service, { baseURL, url, method: 'GET', qs: { ...query } }, { retryable: true, itemIndex: 0 });
		const date = fromHttpDate(headers.date);
		if (date !== undefined) serverNow = Math.max(serverNow ?? date, date);
		const page = checked(ctx, event, pager.records(body), overlap ? `${overlap}=${offset} of ${url}` : `${url} (page ${pages + 1})`);
		// A later page sharing no record with what was read may have been shifted past records: step back.
		if (overlap && pages > 0 && offset > 0 && !page.some((r) => byId.has(event.id(r)!))) {
			query[overlap] = Math.max(0, offset - (pageSize - 1));
			steppedBack = true;
			previous = Infinity;
			continue;
		}
		if (page.length === 0) break;
		// An API ignoring the offset answers its first page again and again. (Records added at the
		// top between two requests shift later pages onto ones already read, which is no reason to
		// stop: a page equal to an earlier one is not enough, and once could be a coincidence.)
		const signature = page.map((r) => event.id(r)).join('\u0000');
		firstPage ??= signature;
		repeats = pages > 0 && !steppedBack && signature === firstPage ? repeats + 1 : 0;
		if (repeats >= 2) break;
		steppedBack = false;
		pages++;
		let reached = false;
		for (const record of page) {
			const id = event.id(record)!;
			const at = order(event.position(record));
			const known = byId.has(id);
			byId.set(id, record);
			if (at === -Infinity) continue;
			// Records read before (an overlap, or moved down by a newer one) only anchor the order.
			if (!known && at > previous) {
				sorted = false;
				unsorted = true;
			}
			previous = at;
			if (at < settled) belowSettled = true;
			else if (at <= clockBound(event.position(record), serverNow)) settled = at;
			if (!known && opts.stopAt !== undefined && at < opts.stopAt) reached = true;
		}
		if (opts.mode === 'firstPage') break;
		if (opts.mode === 'watermark' && sorted && reached) break;
		if (opts.mode === 'seed' && sorted && pages >= 2 && belowSettled) break;
		if (!pager.advance(query, body, page.length, pageSize)) break;
		if (overlap) query[overlap] = Math.max(0, Number(query[overlap]) - 1);
	}
	return { records: [...byId.values()], serverNow, unsorted };
}
