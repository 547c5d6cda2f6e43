// Copy made by `npm run sync` from nodes/shared/pollState.ts: edit that file, not this one.
import type { IDataObject } from 'n8n-workflow';

/**
 * What a poll trigger remembers between polls (n8n keeps it in the workflow's static data, so
 * it survives restarts). Everything here is plain JSON.
 *
 * - `watermark`: the position (a creation time as ISO text, or a numeric record id) of the
 *   newest record already handled; `idsAtWatermark`: the ids handled at exactly that position
 *   (date filters are inclusive and several records can share one instant).
 * - `memory`: for status-change events, `[id, fingerprint]` pairs, least recently seen first.
 *   An array rather than an object: object keys that look like integers (SignTraker and Open To
 *   Close ids) are iterated in numeric order, not insertion order, which would break the
 *   eviction order.
 * - `seeded`: the first activation happened (the watermark may stay empty when the list was).
 * - `scope`: the event and filters the state belongs to; a changed trigger starts afresh.
 * - `statuses`, `seenIds`: the AgentRef Poll Trigger's earlier layout, read once and replaced.
 */
export interface PollState extends IDataObject {
	watermark?: string | number;
	idsAtWatermark?: string[];
	memory?: Array<[string, string]>;
	seeded?: boolean;
	scope?: string;
	statuses?: Record<string, string>;
	seenIds?: string[];
}

/** A record's position in time or sequence, comparable across records of one event. */
export type Position = string | number;

/** ISO times compared as instants (`…00Z` and `…00.000Z` are the same moment); ids as numbers. */
export function order(position: Position | undefined | null): number {
	if (position === undefined || position === null || position === '') return -Infinity;
	if (typeof position === 'number') return position;
	const time = new Date(position).getTime();
	return Number.isNaN(time) ? -Infinity : time;
}

/** Oldest first; records at one position by id (numerically when ids are numbers). */
export function byPosition<T>(position: (r: T) => Position | undefined, id: (r: T) => string) {
	return (a: T, b: T) => order(position(a)) - order(position(b)) || id(a).localeCompare(id(b), 'en', { numeric: true });
}

/**
 * Bounded memory of the last fingerprint (a status, a raise time...) seen per record. When it
 * is full, the record seen least recently is forgotten, never one that was just listed.
 */
export class RecentMemory {
	private readonly entries: Map<string, string>;

	constructor(
		saved: Array<[string, string]> | undefined,
		private readonly capacity: number,
	) {
		this.entries = new Map(saved ?? []);
	}

	get(id: string): string | undefined {
		return this.entries.get(id);
	}

	/** Records a sighting: the record becomes the most recently seen. */
	touch(id: string, fingerprint: string): void {
		this.entries.delete(id);
		this.entries.set(id, fingerprint);
	}

	/** Forgets the least recently seen records beyond the capacity. */
	toJSON(): Array<[string, string]> {
		const all = [...this.entries];
		return all.slice(Math.max(0, all.length - this.capacity));
	}
}
