// Copy made by `npm run sync` from nodes/shared/rateLimitHeaders.ts: edit that file, not this one.
/**
 * Reading an API's rate-limit headers: Retry-After, and X-RateLimit-Remaining / -Reset.
 * No imports, so that a test can run it in a process of its own with another time zone.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The three HTTP-date forms RFC 9110 lets a Retry-After take (IMF-fixdate, RFC 850, asctime),
 * read field by field as GMT, which all three are: `Date.parse` would read the asctime form (it
 * names no zone) in the machine's time zone, and almost anything else as some date (`-1` or `1, 2`
 * would become a date long past, that is "retry now").
 */
const HTTP_DATES = [
	/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?<day>\d{2}) (?<month>[A-Z][a-z]{2}) (?<year>\d{4}) (?<time>\d{2}:\d{2}:\d{2}) GMT$/,
	/^(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day, (?<day>\d{2})-(?<month>[A-Z][a-z]{2})-(?<year>\d{2}) (?<time>\d{2}:\d{2}:\d{2}) GMT$/,
	/^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?<month>[A-Z][a-z]{2}) (?<day>[ \d]\d) (?<time>\d{2}:\d{2}:\d{2}) (?<year>\d{4})$/,
];

/** An HTTP date as milliseconds since the epoch, or undefined when `text` is not one. */
export function parseHttpDate(text: string, now = Date.now()): number | undefined {
	for (const form of HTTP_DATES) {
		const fields = form.exec(text)?.groups;
		if (!fields) continue;
		const month = MONTHS.indexOf(fields.month);
		const [hours, minutes, seconds] = fields.time.split(':').map(Number);
		let year = Number(fields.year);
		if (fields.year.length === 2) {
			// RFC 9110: a two-digit year more than 50 years ahead is the latest past year with those digits.
			const century = Math.floor(new Date(now).getUTCFullYear() / 100) * 100;
			year += century;
			if (year > new Date(now).getUTCFullYear() + 50) year -= 100;
		}
		const day = Number(fields.day);
		if (month < 0 || day < 1 || day > 31 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
		return Date.UTC(year, month, day, hours, minutes, seconds);
	}
	return undefined;
}

/**
 * Seconds or an HTTP date, as RFC 9110 allows, as milliseconds to wait; undefined when absent or
 * unreadable (a negative number, a list, garbage), so that such a header counts as absent, never
 * as "wait 0".
 */
export function parseRetryAfter(value: unknown, now = Date.now()): number | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	const text = String(Array.isArray(value) ? value[0] : value).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text)) * 1000;
	const date = parseHttpDate(text, now);
	return date === undefined ? undefined : Math.max(0, date - now);
}

/** What an answer's rate-limit headers announce: requests left, and when that count resets. */
export interface AnnouncedQuota {
	remaining: number;
	/** Milliseconds from `now` until the count resets. */
	resetMs: number;
}

function header(headers: Record<string, unknown>, ...names: string[]): string | undefined {
	for (const name of names) {
		const value = headers[name];
		if (value !== undefined && value !== null && value !== '') return String(Array.isArray(value) ? value[0] : value).trim();
	}
	return undefined;
}

/**
 * `X-RateLimit-Remaining` with `X-RateLimit-Reset` (or the IETF draft's `RateLimit-Remaining` and
 * `RateLimit-Reset`), when an answer carries both readably. The reset is read as seconds from now,
 * or as a time since the epoch in seconds or milliseconds when it is that large (APIs differ).
 */
export function parseRateLimitHeaders(headers: Record<string, unknown>, now = Date.now()): AnnouncedQuota | undefined {
	const remainingText = header(headers, 'x-ratelimit-remaining', 'ratelimit-remaining');
	const resetText = header(headers, 'x-ratelimit-reset', 'ratelimit-reset');
	if (remainingText === undefined || resetText === undefined) return undefined;
	if (!/^\d+$/.test(remainingText) || !/^\d+(\.\d+)?$/.test(resetText)) return undefined;
	const reset = Number(resetText);
	let resetMs: number;
	if (reset > 1e12) resetMs = reset - now;
	else if (reset > 1e9) resetMs = reset * 1000 - now;
	else resetMs = reset * 1000;
	// A reset long past or far ahead is a clock or format this reading does not understand.
	if (resetMs < -60_000 || resetMs > 3_600_000) return undefined;
	return { remaining: Number(remainingText), resetMs: Math.max(0, resetMs) };
}
