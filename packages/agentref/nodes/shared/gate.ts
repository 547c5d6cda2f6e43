import { sleep } from 'n8n-workflow';

/** How long a learned limit holds after the Retry-After span, unless another 429 renews it. */
const LIMIT_MEMORY_MS = 60_000;
/** The learned window is this much wider than the span the API counted in, for clock jitter. */
const WINDOW_MARGIN = 1.01;
/**
 * Quiet windows (saturated, without a 429) before a learned limit is raised. Another n8n process
 * on the same API key (a queue-mode worker) takes part of the limit while it runs and none once
 * it is done: only raising the limit again finds that share. A raise that draws a 429 goes back
 * to the count before it and the wait doubles, up to the maximum, until a raise holds for a
 * whole window: alone on a key, the gate soon stops sending probes that cannot succeed.
 */
const RAISE_AFTER_WINDOWS = 2;
const MAX_RAISE_AFTER_WINDOWS = 8;
/** A raise adds this share of the limit (at least one request)... */
const RAISE_STEP = 0.1;
/** ...times one more for each raise in a row without a 429, up to this many times. */
const MAX_STEP_GROWTH = 4;
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

	/**
	 * The learned limit: at most `count` requests per `windowMs`, until `until`. `learnedAt` is
	 * the 429 it was learned from; answers accepted later for requests started before it raise
	 * `count` up to `cap`. `steadySince` is when it was last learned or raised.
	 */
	private limit?: {
		count: number;
		windowMs: number;
		until: number;
		learnedAt: number;
		cap: number;
		steadySince: number;
		/** The last raise, until it holds for a window: the count before it, and when. */
		probe?: { from: number; at: number };
		/** Requests let through between `from` and `to` belonged to a raise that drew a 429. */
		failedProbe?: { from: number; to: number };
	};

	/** Quiet windows the next raise waits for. */
	private raiseAfter = RAISE_AFTER_WINDOWS;

	/** Raises in a row without a 429. */
	private streak = 0;

	/** Requests in flight that started under the learned limit. */
	private limitedInFlight = 0;

	/** When answers arrived while the limit held, oldest first. */
	private answered: number[] = [];

	/** Requests waiting for an answer to free room under the limit. */
	private readonly roomWaiters: Array<() => void> = [];

	/** Requests let through that still hold a slot, oldest first. */
	private readonly holders = new Set<GateTicket>();

	/** Requests presumed hung, whose slot went to another request. */
	private stalled = 0;

	/** Whether a loop is watching the oldest request for a stall. */
	private watching = false;

	constructor(
		private readonly maxConcurrent: number,
		private readonly stalledAfterMs = STALLED_AFTER_MS,
	) {}

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
					if (queued >= 0) this.waiting.splice(queued, 1);
					else this.handOn();
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
				const limit = this.limit;
				if (!limit || now >= limit.until) {
					granted = true;
					return this.letThrough(false);
				}
				const answered = this.answered;
				let expired = 0;
				while (expired < answered.length && answered[expired] <= now - limit.windowMs) expired++;
				if (expired) answered.splice(0, expired);
				if (this.limitedInFlight + answered.length < limit.count) {
					this.limitedInFlight++;
					granted = true;
					return this.letThrough(true);
				}
				// Saturated: requests wait for room. After enough quiet windows, ask for a little more.
				if (this.raise(limit, now)) continue;
				if (answered.length === 0) {
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
				} else {
					await unlessAborted(sleep(Math.ceil(answered[0] + limit.windowMs - now)), signal, cancelled);
				}
			}
		} finally {
			if (!granted) this.handOn();
		}
	}

	/** Raises the saturated limit when it has been quiet long enough; says whether it did. */
	private raise(limit: NonNullable<HostGate['limit']>, now: number): boolean {
		const quiet = now - limit.steadySince;
		if (limit.probe && quiet >= limit.windowMs) {
			// The last raise went a whole window without a 429: the API had room for it.
			limit.probe = undefined;
			this.raiseAfter = RAISE_AFTER_WINDOWS;
		}
		if (quiet < this.raiseAfter * limit.windowMs) return false;
		const step = Math.max(1, Math.floor(limit.count * RAISE_STEP * Math.min(1 + this.streak, MAX_STEP_GROWTH)));
		limit.probe = { from: limit.count, at: now };
		limit.count += step;
		limit.steadySince = now;
		limit.until = Math.max(limit.until, now + LIMIT_MEMORY_MS);
		this.streak++;
		return true;
	}

	private letThrough(limited: boolean): GateTicket {
		const ticket: GateTicket = { limited, since: Date.now(), stalled: false };
		this.holders.add(ticket);
		if (this.waiting.length) void this.watchStalls();
		return ticket;
	}

	/** The request's answer (or failure) has arrived. */
	release(ticket: GateTicket): void {
		if (ticket.limited) this.limitedInFlight--;
		if (this.limit && Date.now() < this.limit.until) this.answered.push(Date.now());
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
					await sleep(due);
					continue;
				}
				this.holders.delete(oldest);
				oldest.stalled = true;
				this.stalled++;
				this.handOn();
			}
		} finally {
			this.watching = false;
		}
	}

	/** Passes a slot to the next waiter, or frees it. */
	private handOn(): void {
		const next = this.waiting.shift();
		// The slot passes straight to the next waiter, so `active` stays the same.
		if (next) next();
		else this.active--;
	}

	/**
	 * The API answered with `status` at `at`. Only answers the API accepted count towards the
	 * limit learned at the next 429: a 429 was refused, and a 5xx may come from a proxy or an
	 * overloaded server that never counted the request, which would inflate the learned limit.
	 * `since` is when the request was let through (its ticket's `since`).
	 */
	record(at: number, status = 200, since?: number): void {
		// `release` has just counted this answer against the learned window: a refused request
		// did not use up room at the API.
		if (status === 429 && this.limit && this.answered.length) this.answered.pop();
		if (status === 429 || status >= 500) return;
		this.accepted.push(at);
		// Accepted, yet started before the 429 the limit was learned from: it belongs to the span
		// that 429 closed, so the limit was learned one too low.
		const limit = this.limit;
		const lateInBurst = limit && since !== undefined && since <= limit.learnedAt && at < limit.learnedAt + limit.windowMs;
		if (lateInBurst && limit.count < limit.cap) limit.count++;
		if (this.accepted.length > 2000) this.accepted.splice(0, this.accepted.length - 1000);
	}

	/**
	 * The API answered 429 asking to wait `ms` to a request let through at `since`: holds new
	 * requests for that long plus a small margin (Retry-After is rounded to whole seconds and the
	 * API's clock is not ours, and a request that lands a moment too early costs a whole second
	 * more), and learns the limit. Returns whether it holds them; it does not when the 429 only
	 * answers a raise of the learned limit (a probe), which goes back to the count before it:
	 * that count was being accepted, so only the refused request waits, on its own.
	 */
	pause(ms: number, since?: number): boolean {
		const now = Date.now();
		const learned = this.limit !== undefined && now < this.limit.until;
		if (learned && since !== undefined && this.probeFailed(this.limit!, since, now)) return false;
		// The other requests of a burst that ran into the limit answer 429 during the pause
		// their first one started: they may lengthen the pause but teach nothing new.
		const sameBurst = now < this.pausedUntil;
		const margin = Math.max(50, Math.round(ms * 0.05));
		this.pausedUntil = Math.max(this.pausedUntil, now + ms + margin);
		if (learned && sameBurst) return true;
		const span = Math.max(ms, 1000);
		const recent = this.accepted.filter((t) => t > now - span);
		let count = recent.length;
		// The limit in force when this 429 came, if any: it was a little too generous.
		const overshot = learned ? this.limit!.count : undefined;
		if (overshot !== undefined) count = Math.min(count, overshot - 1);
		// A 429 drawn by a raise: raise less often. Otherwise the API's other traffic changed.
		this.raiseAfter =
			overshot !== undefined && this.streak > 0
				? Math.min(this.raiseAfter * 2, MAX_RAISE_AFTER_WINDOWS)
				: RAISE_AFTER_WINDOWS;
		this.streak = 0;
		if (count >= 2) {
			this.limit = {
				count,
				windowMs: span * WINDOW_MARGIN,
				until: now + ms + LIMIT_MEMORY_MS,
				learnedAt: now,
				cap: overshot !== undefined ? overshot - 1 : Number.POSITIVE_INFINITY,
				steadySince: now + ms,
			};
			// What the API accepted in the span still counts against its window.
			this.answered = recent.slice(-count);
		}
		return true;
	}

	/** Whether a 429 to a request let through at `since` answers a raise; if so, undoes the raise. */
	private probeFailed(limit: NonNullable<HostGate['limit']>, since: number, now: number): boolean {
		const failed = limit.failedProbe;
		if (failed && since >= failed.from && since <= failed.to) return true;
		const probe = limit.probe;
		if (!probe || since < probe.at || now - probe.at > 2 * limit.windowMs) return false;
		// Raises wait longer after each one that fails.
		this.raiseAfter = Math.min(this.raiseAfter * 2, MAX_RAISE_AFTER_WINDOWS);
		this.streak = 0;
		limit.count = probe.from;
		limit.failedProbe = { from: probe.at, to: now };
		limit.probe = undefined;
		limit.steadySince = now;
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
