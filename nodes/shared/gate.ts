import { sleep } from 'n8n-workflow';

/** How long a learned limit holds after the Retry-After span, unless another 429 renews it. */
const LIMIT_MEMORY_MS = 60_000;
/** The learned window is this much wider than the span the API counted in, for clock jitter. */
const WINDOW_MARGIN = 1.01;

/**
 * Traffic control per API host, shared by all items and executions in this n8n process.
 * n8n's declarative routing starts every item's request at once; without a gate, 1,000 items
 * would open 1,000 connections and trip the API's rate limit. The gate bounds requests in
 * flight and, when the API answers 429, holds every waiting request until Retry-After has
 * passed instead of letting each one hammer the API on its own. It also learns the limit: the
 * requests the API accepted during the Retry-After span before a 429 are how many it allows per
 * span. From then on a request starts only while fewer than that many are in flight or were
 * answered within the (slightly widened) span. Counting answers, not starts, keeps the bound
 * true at the API whatever the delays on the way: a request reaches the API after it starts
 * and before its answer comes back. A window rather than an even pace, because a rate limit
 * counts per window, so a full window's worth may leave together; and each 429 avoided saves a
 * whole Retry-After, which is rounded up to whole seconds.
 */
export class HostGate {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	/**
	 * When the API's answers to accepted (not 429) requests arrived, the latest 1,000 to 2,000.
	 * A limit above that many per Retry-After span is learned too low, which only slows.
	 */
	private accepted: number[] = [];

	/** The learned limit: at most `count` requests per `windowMs`, until `until`. */
	private limit?: { count: number; windowMs: number; until: number };

	/** Requests in flight that started under the learned limit. */
	private limitedInFlight = 0;

	/** When answers arrived while the limit held, oldest first. */
	private answered: number[] = [];

	/** Requests waiting for an answer to free room under the limit. */
	private readonly roomWaiters: Array<() => void> = [];

	constructor(private readonly maxConcurrent: number) {}

	/**
	 * Waits for a slot, a pause and room under the learned limit. Returns whether the request
	 * counts against the limit, to be handed back to `release`.
	 */
	async acquire(): Promise<boolean> {
		if (this.active >= this.maxConcurrent) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		for (;;) {
			// Checked again after every wait: a 429 may have paused everyone meanwhile.
			const paused = this.pausedUntil - Date.now();
			if (paused > 0) {
				await sleep(paused);
				continue;
			}
			const now = Date.now();
			const limit = this.limit;
			if (!limit || now >= limit.until) return false;
			const answered = this.answered;
			let expired = 0;
			while (expired < answered.length && answered[expired] <= now - limit.windowMs) expired++;
			if (expired) answered.splice(0, expired);
			if (this.limitedInFlight + answered.length < limit.count) {
				this.limitedInFlight++;
				return true;
			}
			if (answered.length === 0) {
				await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
			} else {
				await sleep(Math.ceil(answered[0] + limit.windowMs - now));
			}
		}
	}

	/** The request's answer (or failure) has arrived. */
	release(limited = false): void {
		if (limited) this.limitedInFlight--;
		if (this.limit && Date.now() < this.limit.until) this.answered.push(Date.now());
		// Woken even when the limit has just lapsed, so that nobody waits for room forever.
		for (const wake of this.roomWaiters.splice(0)) wake();
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
	 * request that lands a moment too early costs a whole second more), and learns the limit.
	 */
	pause(ms: number): void {
		const now = Date.now();
		const learned = this.limit !== undefined && now < this.limit.until;
		// The other requests of a burst that ran into the limit answer 429 during the pause
		// their first one started: they may lengthen the pause but teach nothing new.
		const sameBurst = now < this.pausedUntil;
		const margin = Math.max(50, Math.round(ms * 0.05));
		this.pausedUntil = Math.max(this.pausedUntil, now + ms + margin);
		if (learned && sameBurst) return;
		const span = Math.max(ms, 1000);
		const recent = this.accepted.filter((t) => t > now - span);
		let count = recent.length;
		// A 429 under a learned limit means it was a little too generous.
		if (learned) count = Math.min(count, this.limit!.count - 1);
		if (count >= 2) {
			this.limit = { count, windowMs: span * WINDOW_MARGIN, until: now + ms + LIMIT_MEMORY_MS };
			// What the API accepted in the span still counts against its window.
			this.answered = recent.slice(-count);
		}
	}
}

const gates = new Map<string, HostGate>();

/**
 * The gate of one API host and one credential: an API counts its rate limit per account, so two
 * accounts in one n8n must not share a learned limit or pause each other. `credential` is a
 * one-way tag of the credential's secret (see credentialTag), never the secret itself.
 */
export function gateFor(baseUrl: string, maxConcurrent: number, credential = ''): HostGate {
	let host: string;
	try {
		host = new URL(baseUrl).host;
	} catch {
		host = baseUrl;
	}
	const key = `${host}|${credential}`;
	let gate = gates.get(key);
	if (!gate) {
		gate = new HostGate(maxConcurrent);
		gates.set(key, gate);
	}
	return gate;
}

/** Forgets every host's pauses and learned limits: tests start each case from a quiet API. */
export function resetGates(): void {
	gates.clear();
}
