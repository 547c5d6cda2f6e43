import type { IDataObject } from 'n8n-workflow';

/**
 * What the poll trigger remembers between polls (n8n keeps it in the workflow's static data):
 * the newest creation time already emitted, the IDs emitted at that very time (the API's date
 * filter is inclusive), and the last known status of recent records for status changes.
 */
export interface PollState extends IDataObject {
	watermark?: string;
	idsAtWatermark?: string[];
	statuses?: Record<string, string>;
	seenIds?: string[];
}

export interface Dated extends IDataObject {
	id: string;
	createdAt: string;
	status?: string;
}

/** ISO times compared as instants: `…00Z` and `…00.000Z` are the same moment. */
export const instant = (iso: string | undefined) => (iso ? new Date(iso).getTime() : -Infinity);

/** The records newer than the watermark (or at it but not yet emitted), oldest first. */
export function newSince(records: Dated[], state: PollState): Dated[] {
	const at = new Set(state.idsAtWatermark ?? []);
	const mark = instant(state.watermark);
	const unique = new Map(records.map((r) => [r.id, r]));
	return [...unique.values()]
		.filter((r) => instant(r.createdAt) > mark || (instant(r.createdAt) === mark && !at.has(r.id)))
		.sort((a, b) => instant(a.createdAt) - instant(b.createdAt) || a.id.localeCompare(b.id));
}

/** The state after emitting `emitted`; unchanged when nothing was new. */
export function advance(state: PollState, emitted: Dated[]): PollState {
	if (!emitted.length) return state;
	const mark = emitted[emitted.length - 1].createdAt;
	const carried = instant(mark) === instant(state.watermark) ? state.idsAtWatermark ?? [] : [];
	const atMark = emitted.filter((r) => instant(r.createdAt) === instant(mark)).map((r) => r.id);
	return { ...state, watermark: mark, idsAtWatermark: [...carried, ...atMark] };
}

/** Records whose status differs from the last one seen; the first sighting only records it. */
export function statusChanges(records: Dated[], state: PollState, keep: number): { changed: Dated[]; statuses: Record<string, string> } {
	const before = state.statuses ?? {};
	const changed = records.filter((r) => before[r.id] !== undefined && before[r.id] !== r.status);
	const statuses: Record<string, string> = { ...before };
	for (const r of records) statuses[r.id] = String(r.status);
	// Bounded: keep the most recently seen records only.
	const ids = Object.keys(statuses);
	for (const id of ids.slice(0, Math.max(0, ids.length - keep))) delete statuses[id];
	return { changed, statuses };
}
