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
 * - `ahead`: `[id, position]` of records listed with a time past the API's clock (its `Date`
 *   header) that were emitted (or were there at activation): the watermark never moves past the
 *   API's clock, so these stay listed past it and are remembered until the watermark passes them.
 * - `floor`: for status-change events, set once more records were listed at once than the memory
 *   holds: `[position, id]` of the newest record let go (position null when records have none);
 *   records at or before it, in the engine's oldest-first order, are ignored from then on.
 * - `unsorted`: the list was seen out of newest-first order once; it is read whole from then on.
 * - `seeded`: the first activation happened (the watermark may stay empty when the list was).
 * - `scope`: the event and filters the state belongs to; a changed trigger starts afresh.
 * - `statuses`, `seenIds`: the AgentRef Poll Trigger's earlier layout, read once and replaced.
 */
export interface PollState extends IDataObject {
	watermark?: string | number;
	idsAtWatermark?: string[];
	memory?: Array<[string, string]>;
	ahead?: Array<[string, Position]>;
	floor?: [Position | null, string];
	unsorted?: boolean;
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

/**
 * A record's id as text, or undefined when it has none a trigger could tell it apart by (absent,
 * null, empty, or not a string or number).
 */
export function recordId(value: unknown): string | undefined {
	if (typeof value === 'number' && Number.isFinite(value)) return String(value);
	if (typeof value === 'string' && value.trim() !== '') return value;
	return undefined;
}

/** Oldest first; records at one position by id (numerically when ids are numbers). */
export function byPosition<T>(position: (r: T) => Position | undefined, id: (r: T) => string | undefined) {
	return (a: T, b: T) => compareKeys(position(a), id(a), position(b), id(b));
}

/** The order of byPosition on a record's position and id. */
export function compareKeys(positionA: Position | undefined, idA: string | undefined, positionB: Position | undefined, idB: string | undefined): number {
	const a = order(positionA);
	const b = order(positionB);
	return (a === b ? 0 : a < b ? -1 : 1) || String(idA).localeCompare(String(idB), 'en', { numeric: true });
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

	forget(id: string): void {
		this.entries.delete(id);
	}

	/** Forgets the least recently seen records beyond the capacity. */
	toJSON(): Array<[string, string]> {
		const all = [...this.entries];
		return all.slice(Math.max(0, all.length - this.capacity));
	}
}
