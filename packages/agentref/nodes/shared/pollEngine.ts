// Copy made by `npm run sync` from nodes/shared/pollEngine.ts: edit that file, not this one.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { repeatedPage } from './executor';
import type { PollState, Position } from './pollState';
import { byPosition, order, RecentMemory } from './pollState';
import type { ServiceConfig } from './service';
import { sendRequest } from './transport';

/** Records a status-change trigger remembers; beyond it the least recently listed is forgotten. */
export const MEMORY_KEPT = 5000;

/** Pages one poll may read before it gives up (a listing that never ends). */
export const MAX_PAGES = 1000;

/**
 * One event of one service, as the shared poll engine needs it. The service supplies only
 * this: how to list records (newest first where the API can), and a record's id, position and
 * fingerprint.
 *
 * Two kinds of event:
 * - `new`: records past a watermark (creation time or a growing id). With `newestFirst` the
 *   engine stops paging at the first page that reaches the watermark, so an idle poll costs one
 *   request; without it, `list` must narrow the listing to the watermark itself (a date filter).
 * - `changes`: every listed record's fingerprint is compared with the one remembered; a
 *   differing fingerprint is an event, and with `emitNew` so is a record not seen before.
 */
export interface PollEvent {
	service: ServiceConfig;
	kind: 'new' | 'changes';
	/** The request for the first page; `since` is the watermark for `new` events (absent at first). */
	list(since: Position | undefined): { url: string; qs: IDataObject };
	/** Which of the service's pagers pages this list, and its page size (default the service's). */
	pager?: string;
	pageSize?: number;
	/** The list comes newest first (checked on every page: an API ignoring the sort costs a full read, not events). */
	newestFirst?: boolean;
	id(record: IDataObject): string;
	/** Where the record sits in time or sequence; undefined when it has none yet (e.g. not finished). */
	position(record: IDataObject): Position | undefined;
	/** For `changes`: what a change is measured on (a status, a raise time ...). */
	fingerprint?(record: IDataObject): string;
	emitNew?: boolean;
	/** Emit only records passing this check (filters the API cannot apply); others still move the state. */
	accept?(record: IDataObject): boolean;
	/**
	 * How the first activation finds "now" on the API's own clock: from the newest record listed
	 * (`newest`, for newest-first lists) or from the answer's `Date` header (`serverTime`, for
	 * lists narrowed by a date filter). n8n's clock is never used: the two may disagree.
	 */
	seed?: 'newest' | 'serverTime';
}

interface Listing {
	records: IDataObject[];
	/** The `Date` header of the first answer. */
	serverDate?: string;
}

/**
 * Reads a listing page by page with the service's pager. Stops at the end, at a repeated page
 * (the executor's guard), at the page limit, or, for a newest-first list, at the first page
 * reaching `stopAt`. Records listed twice (shifted across a page boundary between two page
 * requests) are kept once.
 */
async function list(ctx: IPollFunctions, event: PollEvent, since: Position | undefined, opts: { stopAt?: number; firstPageOnly?: boolean }): Promise<Listing> {
	const { service } = event;
	const credentials = await ctx.getCredentials(service.credentialType);
	const baseURL = service.baseUrl(credentials);
	const pager = service.pagers[event.pager ?? 'default'];
	const pageSize = event.pageSize ?? service.maxPageSize;
	const { url, qs } = event.list(since);
	const query: IDataObject = { ...qs };
	pager.start(query, pageSize);
	const byId = new Map<string, IDataObject>();
	const seenPages = new Set<string>();
	let serverDate: string | undefined;
	let sorted = event.newestFirst === true;
	let previous = Infinity;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const { body, headers } = await sendRequest(ctx, service, { baseURL, url, method: 'GET', qs: { ...query } }, { retryable: true, itemIndex: 0 });
		if (pages === 0 && typeof headers.date === 'string') serverDate = headers.date;
		const page = pager.records(body);
		if (page.length === 0 || repeatedPage(seenPages, page)) break;
		let reached = false;
		for (const record of page) {
			byId.set(event.id(record), record);
			const at = order(event.position(record));
			if (at === -Infinity) continue;
			// A list that is not newest first after all is read to its end instead.
			if (at > previous) sorted = false;
			previous = at;
			if (opts.stopAt !== undefined && at < opts.stopAt) reached = true;
		}
		if (opts.firstPageOnly || (sorted && reached)) break;
		if (!pager.advance(query, body, page.length, pageSize)) break;
	}
	return { records: [...byId.values()], serverDate };
}

/** The instant of an HTTP `Date` header as ISO text, or undefined when it is unreadable. */
function fromHttpDate(value: string | undefined): string | undefined {
	if (!value || !/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(value.trim())) return undefined;
	const time = Date.parse(value);
	return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

const oldestFirst = (event: PollEvent) => byPosition<IDataObject>(event.position, event.id);

function accepted(event: PollEvent, records: IDataObject[]) {
	return event.accept ? records.filter((r) => event.accept!(r)) : records;
}

async function pollNew(ctx: IPollFunctions, event: PollEvent, state: PollState): Promise<IDataObject[]> {
	if (!state.seeded && state.watermark === undefined) {
		// First activation: start from the newest record the API has (or its clock), so nothing
		// from before floods the workflow and nothing created after activation is skipped.
		if (event.seed === 'serverTime') {
			const { serverDate } = await list(ctx, event, undefined, { firstPageOnly: true });
			state.watermark = fromHttpDate(serverDate) ?? new Date().toISOString();
			state.idsAtWatermark = [];
		} else {
			const { records } = await list(ctx, event, undefined, { firstPageOnly: true });
			const dated = records.filter((r) => order(event.position(r)) > -Infinity).sort(oldestFirst(event));
			const newest = dated[dated.length - 1];
			if (newest) {
				state.watermark = event.position(newest);
				state.idsAtWatermark = dated.filter((r) => order(event.position(r)) === order(state.watermark)).map(event.id);
			}
		}
		state.seeded = true;
		return [];
	}
	const mark = order(state.watermark);
	const atMark = new Set(state.idsAtWatermark ?? []);
	const { records } = await list(ctx, event, state.watermark, { stopAt: mark });
	const fresh = records
		.filter((r) => {
			const at = order(event.position(r));
			return at > -Infinity && (at > mark || (at === mark && !atMark.has(event.id(r))));
		})
		.sort(oldestFirst(event));
	// The state moves only now that every page arrived: a failed poll is simply repeated.
	if (fresh.length) {
		const newest = event.position(fresh[fresh.length - 1])!;
		const carried = order(newest) === mark ? [...atMark] : [];
		state.watermark = newest;
		state.idsAtWatermark = [...carried, ...fresh.filter((r) => order(event.position(r)) === order(newest)).map(event.id)];
	}
	state.seeded = true;
	return accepted(event, fresh);
}

async function pollChanges(ctx: IPollFunctions, event: PollEvent, state: PollState): Promise<IDataObject[]> {
	const { records } = await list(ctx, event, undefined, {});
	// Legacy AgentRef layouts: an object of statuses, or a list of ids already seen.
	const saved = state.memory ?? (state.statuses ? Object.entries(state.statuses) : state.seenIds?.map((id): [string, string] => [id, 'seen']));
	const first = saved === undefined;
	const memory = new RecentMemory(saved, MEMORY_KEPT);
	const changed: IDataObject[] = [];
	// Oldest first, so that among records listed together the oldest counts as least recently seen.
	for (const record of records.sort(oldestFirst(event))) {
		const id = event.id(record);
		const fingerprint = event.fingerprint ? event.fingerprint(record) : 'seen';
		const before = memory.get(id);
		if (before === undefined ? event.emitNew && !first : before !== fingerprint) changed.push(record);
		memory.touch(id, fingerprint);
	}
	state.memory = memory.toJSON();
	delete state.statuses;
	delete state.seenIds;
	state.seeded = true;
	return first ? [] : accepted(event, changed);
}

/**
 * One poll of a trigger: in the editor's manual mode, the latest matching record (state left
 * alone); otherwise the events since the last complete poll, oldest first, each once.
 */
export async function runPoll(ctx: IPollFunctions, event: PollEvent, scope: string): Promise<INodeExecutionData[][] | null> {
	const emit = (records: IDataObject[]) => (records.length ? [ctx.helpers.returnJsonArray(records)] : null);
	if (ctx.getMode() === 'manual') {
		const { records } = await list(ctx, event, undefined, { firstPageOnly: event.newestFirst });
		const latest = accepted(event, records).sort(oldestFirst(event));
		return emit(latest.slice(-1));
	}
	const state = ctx.getWorkflowStaticData('node') as PollState;
	// A trigger whose event or filters changed starts afresh rather than comparing unrelated records.
	if (state.scope !== undefined && state.scope !== scope) {
		for (const key of Object.keys(state)) delete state[key];
	}
	const working: PollState = JSON.parse(JSON.stringify(state)) as PollState;
	const records = event.kind === 'new' ? await pollNew(ctx, event, working) : await pollChanges(ctx, event, working);
	working.scope = scope;
	// Written back only when it changed: n8n saves the workflow's static data after every poll that changed it.
	if (JSON.stringify(working) !== JSON.stringify(state)) {
		for (const key of Object.keys(state)) delete state[key];
		Object.assign(state, working);
	}
	return emit(records);
}
