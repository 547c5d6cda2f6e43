// Copy made by `npm run sync` from nodes/shared/gate.ts: edit that file, not this one.
import { sleep } from 'n8n-workflow';

import { LearnedLimit } from './learnedLimit';
import type { AnnouncedQuota } from './rateLimitHeaders';
import type { RateLimitPolicy, RetryPolicy } from './service';
import { DEFAULT_RATE_LIMIT, DEFAULT_RETRY } from './service';

/**
 * A request unanswered this long is presumed hung and gives its slot to the next waiting
 * request (it still counts against a learned limit): hung requests must not hold every slot
 * of a host until their timeout. At most `maxConcurrent` requests are set aside like this, so
 * no more than twice that many are ever in flight.
 */
const STALLED_AFTER_MS = 10_000;

/** One request's place in the gate, from `acquire` to `release`. */
export interface GateTicket {
	/** Counts against the learned limit. */
	readonly limited: boolean;
	/** When it was let through. */
	readonly since: number;
	/** Presumed hung: its slot went to another request. */
	stalled: boolean;
}

/**
 * Traffic control per API host, shared by all items and executions in this n8n process.
 * n8n's declarative routing starts every item's request at once; without a gate, 1,000 items
 * would open 1,000 connections and trip the API's rate limit. The gate bounds requests in
 * flight and, when the API answers 429, holds every waiting request until Retry-After has
 * passed instead of letting each one hammer the API on its own. It also learns the limit from
 * those 429s (see LearnedLimit) and lets requests through only while there is room under it.
 */
export class HostGate {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	/** The rate limit learned from the API's 429 answers. */
	private readonly limit: LearnedLimit;

	/**
	 * What the API's rate-limit headers last announced: requests this process may still start
	 * (those left less those already on their way then, less those started since), until when.
	 */
	private quota?: {
		left: number;
		until: number;
		/** Sent once the reset passed with none left: the others wait for what its answer announces. */
		asking?: GateTicket;
	};

	/** Requests waiting for an answer to free room under the limit. */
	private readonly roomWaiters: Array<() => void> = [];

	/** Requests let through that still hold a slot, oldest first. */
	private readonly holders = new Set<GateTicket>();

	/** Requests presumed hung, whose slot went to another request. */
	private stalled = 0;

	/** Whether a loop is watching the oldest request for a stall. */
	private watching = false;

	/** Ends the watch's current wait once nobody waits for a slot any more. */
	private watchWait?: AbortController;

	constructor(
		private readonly maxConcurrent: number,
		private readonly stalledAfterMs = STALLED_AFTER_MS,
		private readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT,
		/** The longest wait for an announced reset, as for a Retry-After (see RetryPolicy). */
		private readonly maxWaitMs = DEFAULT_RETRY.maxRetryAfterMs,
	) {
		this.limit = new LearnedLimit(policy);
	}

	/**
	 * Waits for a slot, a pause and room under the learned limit. Returns the request's ticket,
	 * to be handed back to `release`. When `signal` aborts (n8n
	 * cancelled the execution) it stops waiting, gives back what it held and throws
	 * `cancelled()` (a `GateCancelled` unless given), so a cancelled workflow sends nothing more.
	 */
	async acquire(signal?: AbortSignal, cancelled: () => Error = () => new GateCancelled()): Promise<GateTicket> {
		if (this.active >= this.maxConcurrent) {
			let wake!: () => void;
			const slot = new Promise<void>((resolve) => {
				wake = resolve;
				this.waiting.push(resolve);
			});
			void this.watchStalls();
			let woken = false;
			try {
				await unlessAborted(slot, signal, cancelled);
				woken = true;
			} finally {
				if (!woken) {
					const queued = this.waiting.indexOf(wake);
					// Still queued: leave the queue. Otherwise the slot was already handed over: pass it on.
					if (queued >= 0) {
						this.waiting.splice(queued, 1);
						this.endWatchIfIdle();
					} else this.handOn();
				}
			}
		} else {
			this.active++;
		}
		let granted = false;
		try {
			for (;;) {
				if (signal?.aborted) throw cancelled();
				// Checked again after every wait: a 429 may have paused everyone meanwhile.
				const paused = this.pausedUntil - Date.now();
				if (paused > 0) {
					await unlessAborted(sleep(paused), signal, cancelled);
					continue;
				}
				const now = Date.now();
				if (this.quota && this.quota.left > 0 && now >= this.quota.until) this.quota = undefined;
				const quota = this.quota;
				if (quota && quota.left <= 0) {
					if (now < quota.until) {
						// The API has announced no room left: wait for its count to reset, not for a 429.
						await unlessAborted(sleep(quota.until - now), signal, cancelled);
						continue;
					}
					// Reset: how much room there is now (one slot of a sliding window, or a whole new
					// window) only the next answer says, so one request asks and the others wait for it.
					if (quota.asking) {
						await this.waitForRoom(signal, cancelled);
						continue;
					}
				}
				const admission = this.limit.admit(now);
				if (admission.go) {
					granted = true;
					const ticket = this.letThrough(admission.limited);
					if (quota && quota.left <= 0) quota.asking = ticket;
					else if (quota) quota.left--;
					return ticket;
				}
				if (admission.again) continue;
				if (admission.ms === undefined) {
					// No answer inside the window yet: room comes with the next one.
					await this.waitForRoom(signal, cancelled);
				} else {
					await unlessAborted(sleep(admission.ms), signal, cancelled);
				}
			}
		} finally {
			if (!granted) this.handOn();
		}
	}

	/** Until the next answer arrives (every answer may bring room). */
	private async waitForRoom(signal: AbortSignal | undefined, cancelled: () => Error): Promise<void> {
		let wake!: () => void;
		const room = new Promise<void>((resolve) => {
			wake = resolve;
			this.roomWaiters.push(resolve);
		});
		try {
			await unlessAborted(room, signal, cancelled);
		} finally {
			const waiting = this.roomWaiters.indexOf(wake);
			if (waiting >= 0) this.roomWaiters.splice(waiting, 1);
		}
	}

	private letThrough(limited: boolean): GateTicket {
		const ticket: GateTicket = { limited, since: Date.now(), stalled: false };
		this.holders.add(ticket);
		if (this.waiting.length) void this.watchStalls();
		return ticket;
	}

	/** The request's answer (or failure) has arrived. */
	release(ticket: GateTicket): void {
		this.limit.answer(ticket.limited, Date.now());
		// The request sent to ask after a reset is answered: what `record` is told next (if the
		// answer announces anything) holds; without it, nothing announced holds any more.
		if (this.quota?.asking === ticket) this.quota = undefined;
		// Woken even when the limit has just lapsed, so that nobody waits for room forever.
		for (const wake of this.roomWaiters.splice(0)) wake();
		if (ticket.stalled) {
			// Its slot was passed on long ago; one fewer set aside lets the watch go on.
			this.stalled--;
			void this.watchStalls();
		} else {
			this.holders.delete(ticket);
			this.handOn();
		}
	}

	/**
	 * While requests wait for a slot, sets aside the oldest request in flight once it has been
	 * unanswered for `stalledAfterMs`, handing its slot to the next waiting request.
	 */
	private async watchStalls(): Promise<void> {
		if (this.watching) return;
		this.watching = true;
		try {
			while (this.waiting.length > 0 && this.stalled < this.maxConcurrent) {
				const oldest = this.holders.values().next().value as GateTicket | undefined;
				// The slots are held by requests still waiting for a pause or room: none is hung.
				if (!oldest) return;
				const due = oldest.since + this.stalledAfterMs - Date.now();
				if (due > 0) {
					// Cut short when the queue empties: an idle gate keeps no timer that would hold a
					// finished process open for up to `stalledAfterMs`. (n8n 1.x's sleep has no
					// signal and simply runs out.)
					this.watchWait = new AbortController();
					await sleep(due, this.watchWait.signal).catch(() => undefined);
					continue;
				}
				this.holders.delete(oldest);
				oldest.stalled = true;
				this.stalled++;
				this.handOn();
			}
		} finally {
			this.watching = false;
			this.watchWait = undefined;
		}
	}

	private endWatchIfIdle(): void {
		if (this.waiting.length === 0) this.watchWait?.abort();
	}

	/** Passes a slot to the next waiter, or frees it. */
	private handOn(): void {
		const next = this.waiting.shift();
		// The slot passes straight to the next waiter, so `active` stays the same.
		if (next) next();
		else this.active--;
		this.endWatchIfIdle();
	}

	/**
	 * The API answered with `status` at `at` to a request let through at `since` (its ticket's
	 * `since`): teaches the learned limit what the API accepts.
	 */
	record(at: number, status = 200, since?: number, quota?: AnnouncedQuota): void {
		this.limit.record(at, status, since);
		if (quota && this.policy.followRateLimitHeaders && quota.resetMs <= this.maxWaitMs) {
			// Requests still on their way may reach the API after this answer was counted.
			this.quota = { left: quota.remaining - this.holders.size, until: at + quota.resetMs };
		}
	}

	/**
	 * The API answered 429 asking to wait `ms` to a request let through at `since`: holds new
	 * requests for that long plus a small margin (Retry-After is rounded to whole seconds and the
	 * API's clock is not ours, and a request that lands a moment too early costs a whole second
	 * more), and learns the limit. Returns whether it holds them; it does not when the 429 only
	 * answers a raise of the learned limit, which goes back to the count before it: that count
	 * was being accepted, so only the refused request waits, on its own.
	 */
	pause(ms: number, since?: number): boolean {
		const now = Date.now();
		if (this.limit.refusedRaise(since, now)) return false;
		// The other requests of a burst that ran into the limit answer 429 during the pause
		// their first one started: they may lengthen the pause but teach nothing new.
		const sameBurst = now < this.pausedUntil;
		const margin = Math.max(50, Math.round(ms * 0.05));
		this.pausedUntil = Math.max(this.pausedUntil, now + ms + margin);
		this.limit.learn(ms, now, sameBurst);
		return true;
	}
}

/** The execution was cancelled while the request waited in the gate. */
export class GateCancelled extends Error {
	constructor() {
		super('The execution was cancelled before the request was sent');
	}
}

/** Waits for `promise`, or throws `cancelled()` as soon as `signal` aborts. */
export async function unlessAborted<T>(
	promise: Promise<T>,
	signal?: AbortSignal,
	cancelled: () => Error = () => new GateCancelled(),
): Promise<T> {
	if (!signal) return await promise;
	if (signal.aborted) throw cancelled();
	let onAbort!: () => void;
	const aborted = new Promise<never>((_resolve, reject) => {
		onAbort = () => reject(cancelled());
		signal.addEventListener('abort', onAbort, { once: true });
	});
	try {
		return await Promise.race([promise, aborted]);
	} finally {
		signal.removeEventListener('abort', onAbort);
	}
}

const gates = new Map<string, HostGate>();

/**
 * The gate of one API host and one credential: an API counts its rate limit per account, so two
 * accounts in one n8n must not share a learned limit or pause each other. `credential` is a
 * one-way tag of the credential's secret (see credentialTag), never the secret itself.
 */
export function gateFor(baseUrl: string, policy: RetryPolicy, credential = ''): HostGate {
	let host: string;
	try {
		host = new URL(baseUrl).host;
	} catch {
		host = baseUrl;
	}
	const key = `${host}|${credential}`;
	let gate = gates.get(key);
	if (!gate) {
		gate = new HostGate(policy.maxConcurrent, STALLED_AFTER_MS, policy.rateLimit, policy.maxRetryAfterMs);
		gates.set(key, gate);
	}
	return gate;
}

/** Forgets every host's pauses and learned limits: tests start each case from a quiet API. */
export function resetGates(): void {
	gates.clear();
}
