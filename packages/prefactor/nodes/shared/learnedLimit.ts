// Copy made by `npm run sync` from nodes/shared/learnedLimit.ts: edit that file, not this one.
import type { RateLimitPolicy } from './service';
import { DEFAULT_RATE_LIMIT } from './service';

/**
 * What a request may do now under the learned limit: go (`limited` says whether it counts
 * against the limit), look again at once (the limit was just raised), wait `ms`, or wait for
 * the next answer (`ms` undefined).
 */
export type Admission = { go: true; limited: boolean } | { go: false; again: true } | { go: false; again: false; ms?: number };

/**
 * The rate limit a host's gate learned from the API's 429 answers: the requests the API
 * accepted during the Retry-After span before a 429 are how many it allows per span. While it
 * holds, a request starts only while fewer than that many are in flight or were answered within
 * the (slightly widened) span. Counting answers, not starts, keeps the bound true at the API
 * whatever the delays on the way: a request reaches the API after it starts and before its
 * answer comes back. A window rather than an even pace, because a rate limit counts per window,
 * so a full window's worth may leave together; and each 429 avoided saves a whole Retry-After,
 * which is rounded up to whole seconds.
 */
export class LearnedLimit {
	/**
	 * When the API's answers to accepted (not 429) requests arrived, the latest 1,000 to 2,000.
	 * A limit above that many per Retry-After span is learned too low, which only slows.
	 */
	private accepted: number[] = [];

	/**
	 * At most `count` requests per `windowMs`, until `until`. `learnedAt` is the 429 it was
	 * learned from; answers accepted later for requests started before it raise `count` up to
	 * `cap`. `steadySince` is when it was last learned or raised.
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
	private raiseAfter: number;

	/** Raises in a row without a 429. */
	private streak = 0;

	/** Requests in flight that started under the limit. */
	private limitedInFlight = 0;

	/** When answers arrived while the limit held, oldest first. */
	private answered: number[] = [];

	/** The service's constants (see RateLimitPolicy). */
	constructor(private readonly policy: RateLimitPolicy = DEFAULT_RATE_LIMIT) {
		this.raiseAfter = policy.raiseAfterWindows;
	}

	/** Whether a limit is in force at `now`. */
	private holds(now: number): boolean {
		return this.limit !== undefined && now < this.limit.until;
	}

	/** Whether a request may start at `now`; one that may and counts is taken as in flight. */
	admit(now: number): Admission {
		const limit = this.limit;
		if (!limit || now >= limit.until) return { go: true, limited: false };
		const answered = this.answered;
		let expired = 0;
		while (expired < answered.length && answered[expired] <= now - limit.windowMs) expired++;
		if (expired) answered.splice(0, expired);
		if (this.limitedInFlight + answered.length < limit.count) {
			this.limitedInFlight++;
			return { go: true, limited: true };
		}
		// Saturated: requests wait for room. After enough quiet windows, ask for a little more.
		if (this.raise(limit, now)) return { go: false, again: true };
		if (answered.length === 0) return { go: false, again: false };
		return { go: false, again: false, ms: Math.ceil(answered[0] + limit.windowMs - now) };
	}

	/** An answer arrived at `now` for a request that `limited` says counted against the limit. */
	answer(limited: boolean, now: number): void {
		if (limited) this.limitedInFlight--;
		if (this.holds(now)) this.answered.push(now);
	}

	/**
	 * The API answered with `status` at `at`, to a request let through at `since`. Only answers
	 * the API accepted count towards the limit learned at the next 429: a 429 was refused, and a
	 * 5xx may come from a proxy or an overloaded server that never counted the request, which
	 * would inflate the learned limit.
	 */
	record(at: number, status: number, since?: number): void {
		// `answer` has just counted this one against the window: a refused request did not use up
		// room at the API.
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
	 * Whether a 429 at `now` to a request let through at `since` answers a raise (a probe); if
	 * so, goes back to the count before it, which was being accepted.
	 */
	refusedRaise(since: number | undefined, now: number): boolean {
		const limit = this.limit;
		if (!limit || now >= limit.until || since === undefined) return false;
		const failed = limit.failedProbe;
		if (failed && since >= failed.from && since <= failed.to) return true;
		const probe = limit.probe;
		if (!probe || since < probe.at || now - probe.at > 2 * limit.windowMs) return false;
		// Raises wait longer after each one that fails.
		this.raiseAfter = Math.min(this.raiseAfter * 2, this.policy.maxRaiseAfterWindows);
		this.streak = 0;
		limit.count = probe.from;
		limit.failedProbe = { from: probe.at, to: now };
		limit.probe = undefined;
		limit.steadySince = now;
		return true;
	}

	/**
	 * Learns from a 429 at `now` asking to wait `ms`. `sameBurst`: it came while an earlier 429's
	 * pause still ran; with a limit in force such a 429 teaches nothing new.
	 */
	learn(ms: number, now: number, sameBurst: boolean): void {
		const learned = this.holds(now);
		if (learned && sameBurst) return;
		const span = Math.max(ms, 1000);
		const recent = this.accepted.filter((t) => t > now - span);
		let count = recent.length;
		// The limit in force when this 429 came, if any: it was a little too generous.
		const overshot = learned ? this.limit!.count : undefined;
		if (overshot !== undefined) count = Math.min(count, overshot - 1);
		// A 429 drawn by a raise: raise less often. Otherwise the API's other traffic changed.
		this.raiseAfter =
			overshot !== undefined && this.streak > 0
				? Math.min(this.raiseAfter * 2, this.policy.maxRaiseAfterWindows)
				: this.policy.raiseAfterWindows;
		this.streak = 0;
		// However few the API accepted (none, when another process on the key took them all), the
		// 429 says there is a limit: go at the smallest one, which raises and late answers lift.
		count = Math.max(count, this.policy.minLearnedLimit);
		this.limit = {
			count,
			windowMs: span * this.policy.windowMargin,
			until: now + ms + this.policy.learnedLimitMemoryMs,
			learnedAt: now,
			cap: overshot !== undefined ? Math.max(overshot - 1, this.policy.minLearnedLimit) : Number.POSITIVE_INFINITY,
			steadySince: now + ms,
		};
		// What the API accepted in the span still counts against its window.
		this.answered = recent.slice(-count);
	}

	/** Raises the saturated limit when it has been quiet long enough; says whether it did. */
	private raise(limit: NonNullable<LearnedLimit['limit']>, now: number): boolean {
		const quiet = now - limit.steadySince;
		if (limit.probe && quiet >= limit.windowMs) {
			// The last raise went a whole window without a 429: the API had room for it.
			limit.probe = undefined;
			this.raiseAfter = this.policy.raiseAfterWindows;
		}
		if (quiet < this.raiseAfter * limit.windowMs) return false;
		const step = Math.max(1, Math.floor(limit.count * this.policy.raiseStep * Math.min(1 + this.streak, this.policy.maxStepGrowth)));
		limit.probe = { from: limit.count, at: now };
		limit.count += step;
		limit.steadySince = now;
		limit.until = Math.max(limit.until, now + this.policy.learnedLimitMemoryMs);
		this.streak++;
		return true;
	}
}
