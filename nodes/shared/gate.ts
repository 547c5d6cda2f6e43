import { sleep } from 'n8n-workflow';

/** How long a learned pace holds after the Retry-After span, unless another 429 renews it. */
const PACE_MEMORY_MS = 60_000;
/** Requests are spaced this much wider than the rate the API was seen to allow. */
const PACE_MARGIN = 1.03;

/**
 * Traffic control per API host, shared by all items and executions in this n8n process.
 * n8n's declarative routing starts every item's request at once; without a gate, 1,000 items
 * would open 1,000 connections and trip the API's rate limit. The gate bounds requests in
 * flight and, when the API answers 429, holds every waiting request until Retry-After has
 * passed instead of letting each one hammer the API on its own. It also learns the pace: the
 * requests the API accepted during the Retry-After span before a 429 are the rate it allows, so
 * the following requests are spaced just under it and stop running into the limit (each 429
 * costs a whole Retry-After, since that is rounded up to whole seconds).
 */
export class HostGate {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	/**
	 * When the API's answers to accepted (not 429) requests arrived, the latest 1,000 to 2,000:
	 * closer to when the API counted them than our start times, which run ahead when n8n is
	 * busy. A limit above that many per Retry-After span is learned too low, which only slows.
	 */
	private accepted: number[] = [];

	private paceMs = 0;

	private paceUntil = 0;

	private nextSlot = 0;

	constructor(private readonly maxConcurrent: number) {}

	/** Waits for a slot, a pause and the pace. */
	async acquire(): Promise<void> {
		if (this.active >= this.maxConcurrent) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(wait);
		}
		const now = Date.now();
		if (this.paceMs > 0 && now < this.paceUntil) {
			const slot = Math.max(now, this.nextSlot);
			this.nextSlot = slot + this.paceMs;
			if (slot > now) await sleep(Math.ceil(slot - now));
		}
	}

	release(): void {
		const next = this.waiting.shift();
		// The slot passes straight to the next waiter, so `active` stays the same.
		if (next) next();
		else this.active--;
	}

	/** The API accepted a request; its answer arrived at `at`. */
	record(at: number): void {
		this.accepted.push(at);
		if (this.accepted.length > 2000) this.accepted.splice(0, this.accepted.length - 1000);
	}

	/**
	 * The API answered 429 asking to wait `ms`: holds new requests for that long plus a small
	 * margin (Retry-After is rounded to whole seconds and the API's clock is not ours, and a
	 * request that lands a moment too early costs a whole second more), and learns the pace.
	 */
	pause(ms: number): void {
		const now = Date.now();
		const margin = Math.max(50, Math.round(ms * 0.05));
		this.pausedUntil = Math.max(this.pausedUntil, now + ms + margin);
		const span = Math.max(ms, 1000);
		const allowed = this.accepted.filter((t) => t > now - span).length;
		if (allowed >= 2) {
			// Fractional: rounding 20.6 ms up to 21 would give away 2% of the allowed rate.
			this.paceMs = (span / allowed) * PACE_MARGIN;
			this.paceUntil = now + ms + PACE_MEMORY_MS;
		}
	}
}

const gates = new Map<string, HostGate>();

export function gateFor(baseUrl: string, maxConcurrent: number): HostGate {
	let host: string;
	try {
		host = new URL(baseUrl).host;
	} catch {
		host = baseUrl;
	}
	let gate = gates.get(host);
	if (!gate) {
		gate = new HostGate(maxConcurrent);
		gates.set(host, gate);
	}
	return gate;
}

/** Forgets every host's pauses and pace: tests start each case from a quiet API. */
export function resetGates(): void {
	gates.clear();
}
