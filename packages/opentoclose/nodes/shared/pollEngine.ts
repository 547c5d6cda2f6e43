// Copy made by `npm run sync` from nodes/shared/pollEngine.ts: edit that file, not this one.
import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import type { ListedEvent } from './pollListing';
import { clockBound, readListing } from './pollListing';
import type { PollState, Position } from './pollState';
import { byPosition, compareKeys, order, RecentMemory } from './pollState';

export { MAX_PAGES } from './pollListing';

/** Records a status-change trigger remembers; beyond it the least recently listed is forgotten. */
export const MEMORY_KEPT = 5000;

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
export interface PollEvent extends ListedEvent {
	kind: 'new' | 'changes';
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
	/** Records a `changes` event remembers (MEMORY_KEPT unless a test scales it down). */
	memoryKept?: number;
}

const oldestFirst = (event: PollEvent) => byPosition<IDataObject>(event.position, event.id);

const idOf = (event: PollEvent, record: IDataObject) => event.id(record)!;

function accepted(event: PollEvent, records: IDataObject[]) {
	return event.accept ? records.filter((r) => event.accept!(r)) : records;
}

/**
 * Moves the watermark to the newest of `records` that is not past the API's clock, and
 * remembers the ones past it (`ahead`) so they are not emitted again while they stay above the
 * watermark. `records` are oldest first.
 */
function advance(event: PollEvent, state: PollState, records: IDataObject[], serverNow: number | undefined) {
	const mark = order(state.watermark);
	const ahead = new Map<string, Position>(state.ahead ?? []);
	let newest: Position | undefined;
	for (const record of records) {
		const position = event.position(record);
		const at = order(position);
		if (at === -Infinity) continue;
		if (at > clockBound(position, serverNow)) ahead.set(idOf(event, record), position!);
		else if (at >= mark && (newest === undefined || at >= order(newest))) newest = position;
	}
	if (newest !== undefined) {
		const at = order(newest);
		const carried = at === mark ? (state.idsAtWatermark ?? []) : [];
		const here = records.filter((r) => order(event.position(r)) === at).map((r) => idOf(event, r));
		state.watermark = newest;
		state.idsAtWatermark = [...new Set([...carried, ...here])];
	}
	// Once the watermark passed a record, the watermark alone keeps it out.
	const kept = [...ahead].filter(([, position]) => order(position) >= order(state.watermark));
	if (kept.length) state.ahead = kept;
	else delete state.ahead;
}

async function seedNew(ctx: IPollFunctions, event: PollEvent, state: PollState): Promise<void> {
	if (event.seed === 'serverTime') {
		// The API's clock, then what it already lists at or past that second (a `Date` header has
		// whole seconds): those records are from before activation too.
		const first = await readListing(ctx, event, undefined, { mode: 'firstPage' });
		const now = first.serverNow ?? Date.now();
		state.watermark = new Date(now).toISOString();
		state.idsAtWatermark = [];
		const { records, serverNow } = await readListing(ctx, event, state.watermark, { mode: 'all' });
		advance(event, state, records.filter((r) => order(event.position(r)) >= now).sort(oldestFirst(event)), serverNow ?? now);
		return;
	}
	// The newest record the API lists, read until the list's order is established: a list that
	// ignores the sort is read whole, so that nothing from before activation is replayed later.
	const { records, serverNow, unsorted } = await readListing(ctx, event, undefined, { mode: 'seed' });
	if (unsorted) state.unsorted = true;
	advance(event, state, records.sort(oldestFirst(event)), serverNow);
}

async function pollNew(ctx: IPollFunctions, event: PollEvent, state: PollState): Promise<IDataObject[]> {
	if (!state.seeded && state.watermark === undefined) {
		await seedNew(ctx, event, state);
		state.seeded = true;
		return [];
	}
	const mark = order(state.watermark);
	const atMark = new Set(state.idsAtWatermark ?? []);
	const ahead = new Set((state.ahead ?? []).map(([id]) => id));
	const { records, serverNow, unsorted } = await readListing(ctx, event, state.watermark, { mode: 'watermark', stopAt: mark, unsorted: state.unsorted });
	const fresh = records
		.filter((r) => {
			const at = order(event.position(r));
			const id = idOf(event, r);
			return at > -Infinity && !ahead.has(id) && (at > mark || (at === mark && !atMark.has(id)));
		})
		.sort(oldestFirst(event));
	// The state moves only now that every page arrived: a failed poll is simply repeated.
	if (unsorted) state.unsorted = true;
	advance(event, state, fresh, serverNow);
	state.seeded = true;
	return accepted(event, fresh);
}

async function pollChanges(ctx: IPollFunctions, event: PollEvent, state: PollState, log: (message: string) => void): Promise<IDataObject[]> {
	const { records } = await readListing(ctx, event, undefined, { mode: 'all' });
	// Legacy AgentRef layouts: an object of statuses, or a list of ids already seen.
	const saved = state.memory ?? (state.statuses ? Object.entries(state.statuses) : state.seenIds?.map((id): [string, string] => [id, 'seen']));
	const first = saved === undefined;
	const kept = event.memoryKept ?? MEMORY_KEPT;
	const memory = new RecentMemory(saved, kept);
	// Oldest first, so that among records listed together the oldest counts as least recently seen.
	const listed = records.sort(oldestFirst(event));
	// Overflow: more records listed at once than the memory holds. The oldest are let go for good
	// (the floor only rises), rather than forgotten and reported again as new on every poll.
	// Compared as the engine orders records (position, then id), so records without a position
	// (ordered by id alone) follow the same policy.
	const atOrBelowFloor = (record: IDataObject) =>
		state.floor !== undefined && compareKeys(event.position(record), idOf(event, record), state.floor[0] ?? undefined, state.floor[1]) <= 0;
	if (listed.length > kept) {
		const dropped = listed[listed.length - kept - 1];
		if (!atOrBelowFloor(dropped)) {
			state.floor = [event.position(dropped) ?? null, idOf(event, dropped)];
			log(`${listed.length} records listed, more than the ${kept} a trigger remembers: records up to ${idOf(event, dropped)} are no longer watched`);
		}
	}
	const changed: IDataObject[] = [];
	for (const record of listed) {
		const id = idOf(event, record);
		if (atOrBelowFloor(record)) {
			memory.forget(id);
			continue;
		}
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
		const { records } = await readListing(ctx, event, undefined, { mode: event.newestFirst ? 'firstPage' : 'all' });
		const latest = accepted(event, records).sort(oldestFirst(event));
		return emit(latest.slice(-1));
	}
	const state = ctx.getWorkflowStaticData('node') as PollState;
	// A trigger whose event or filters changed starts afresh rather than comparing unrelated records.
	if (state.scope !== undefined && state.scope !== scope) {
		for (const key of Object.keys(state)) delete state[key];
	}
	const working: PollState = JSON.parse(JSON.stringify(state)) as PollState;
	const log = (message: string) => ctx.logger.warn(`${ctx.getNode().name}: ${message}`);
	const records = event.kind === 'new' ? await pollNew(ctx, event, working) : await pollChanges(ctx, event, working, log);
	working.scope = scope;
	// Written back only when it changed: n8n saves the workflow's static data after every poll that changed it.
	if (JSON.stringify(working) !== JSON.stringify(state)) {
		for (const key of Object.keys(state)) delete state[key];
		Object.assign(state, working);
	}
	return emit(records);
}
