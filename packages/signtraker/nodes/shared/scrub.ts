// Copy made by `npm run sync` from nodes/shared/scrub.ts: edit that file, not this one.
import { createHash } from 'crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** Credential fields whose values are secrets (API keys, tokens, passwords). */
const SECRET_FIELD = /key|token|secret|password/i;

/** An `api_token=` parameter in any URL an API echoes back, encoded or not, whatever its value. */
const API_TOKEN_PARAM = /(api_token(?:=|%3D))[^&;,\s"'<>#]*/gi;

export const MASK = '***';

/** The secret values of a credential, longest first so that no secret is left half-masked. */
export function credentialSecrets(credentials: ICredentialDataDecryptedObject | undefined): string[] {
	const secrets = new Set<string>();
	for (const [key, value] of Object.entries(credentials ?? {})) {
		if (!SECRET_FIELD.test(key) || typeof value !== 'string' || value.trim().length < 4) continue;
		const secret = value.trim();
		// An API may echo the value as it travelled: in a query string it is percent-encoded.
		for (const form of [value, secret, encodeURIComponent(secret), encodeURIComponent(secret).replace(/%20/g, '+')]) {
			secrets.add(form);
		}
	}
	return [...secrets].sort((a, b) => b.length - a.length);
}

/**
 * A stable, one-way tag of a credential's secrets: two credentials share it only when their
 * secrets are the same, and the secret cannot be read back from it.
 */
export function credentialTag(credentials: ICredentialDataDecryptedObject | undefined): string {
	const secrets = Object.entries(credentials ?? {})
		.filter(([key, value]) => SECRET_FIELD.test(key) && typeof value === 'string')
		.map(([key, value]) => `${key}=${String(value)}`)
		.sort();
	return createHash('sha256').update(secrets.join('\n')).digest('hex').slice(0, 16);
}

export type Scrubber = <T>(value: T) => T;

/**
 * How deep a scrubbed value is kept. What lies deeper is replaced by a marker, not copied:
 * no API error needs it, and n8n's own recursive code (saving the execution, showing the error)
 * would overflow its stack on a body nested thousands of levels deep.
 */
export const MAX_DEPTH = 64;
export const TOO_DEEP = `[nested more than ${MAX_DEPTH} levels deep: left out]`;
export const CIRCULAR = '[circular reference: left out]';

/** Regular-expression text for a literal, valid with the `u` flag (which refuses escapes like `\-`). */
const literal = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

interface Frame {
	source: object;
	target: unknown[] | IDataObject;
	keys: string[] | undefined;
	length: number;
	index: number;
	depth: number;
}

/**
 * Replaces every secret (and any `api_token=` value) with `***` in a string, or in every string
 * (and key) of a JSON value. Whatever an API echoes (the request URL, its headers, a body) goes
 * through this before it becomes part of an error, an output item or a log line.
 *
 * Secrets are matched in any letter case: URL parsing lower-cases a host (a redirect's Location
 * naming the key as a subdomain), and a case variant of a key gives it away as well as the key.
 * The walk is a loop, not a recursion, so no nesting overflows the stack; each object is copied
 * once (a repeated one is shared, a cycle is cut).
 */
export function makeScrubber(secrets: string[]): Scrubber {
	const pattern = secrets.length ? new RegExp(secrets.map(literal).join('|'), 'giu') : undefined;
	const text = (value: string): string => {
		const out = value.replace(API_TOKEN_PARAM, `$1${MASK}`);
		if (!pattern) return out;
		// Every match, overlapping ones too (two secrets sharing letters), masked as one stretch:
		// masking one match at a time could leave the end of the other readable.
		const stretches: Array<[number, number]> = [];
		pattern.lastIndex = 0;
		for (let match = pattern.exec(out); match; match = pattern.exec(out)) {
			const end = match.index + match[0].length;
			const last = stretches[stretches.length - 1];
			if (last && match.index < last[1]) last[1] = Math.max(last[1], end);
			else stretches.push([match.index, end]);
			pattern.lastIndex = match.index + 1;
		}
		let masked = '';
		let from = 0;
		for (const [start, end] of stretches) {
			masked += `${out.slice(from, start)}${MASK}`;
			from = end;
		}
		return masked + out.slice(from);
	};
	return <T>(root: T): T => {
		const copies = new Map<object, unknown>();
		const open = new Set<object>();
		const stack: Frame[] = [];
		const visit = (value: unknown, depth: number): unknown => {
			if (typeof value === 'string') return text(value);
			if (value === null || typeof value !== 'object') return value;
			if (Buffer.isBuffer(value)) return text(value.toString('utf8'));
			if (open.has(value)) return CIRCULAR;
			if (copies.has(value)) return copies.get(value);
			if (depth >= MAX_DEPTH) return TOO_DEEP;
			const list = Array.isArray(value);
			const target = list ? [] : {};
			const keys = list ? undefined : Object.keys(value);
			copies.set(value, target);
			open.add(value);
			stack.push({ source: value, target, keys, length: keys ? keys.length : (value as unknown[]).length, index: 0, depth });
			return target;
		};
		const result = visit(root, 0);
		while (stack.length) {
			const frame = stack[stack.length - 1];
			if (frame.index >= frame.length) {
				open.delete(frame.source);
				stack.pop();
				continue;
			}
			const i = frame.index++;
			if (frame.keys === undefined) {
				(frame.target as unknown[])[i] = visit((frame.source as unknown[])[i], frame.depth + 1);
			} else {
				const key = frame.keys[i];
				// defineProperty: an own "__proto__" key (JSON.parse makes those) stays a plain key.
				Object.defineProperty(frame.target, text(key), {
					value: visit((frame.source as IDataObject)[key], frame.depth + 1),
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
		}
		return result as T;
	};
}

/** Error properties n8n shows, stores or logs; each is scrubbed in place. */
const ERROR_TEXT_FIELDS = ['message', 'description', 'stack', 'httpCode'] as const;
const ERROR_VALUE_FIELDS = ['context', 'cause', 'messages', 'errorResponse', 'apiFields', 'extra', 'tags'] as const;

/**
 * Scrubs an error that is about to be thrown: its message, description and stack, and every
 * field n8n copies into the editor, the saved execution and its log (context, cause, ...).
 * A cause that is itself an error (an HTTP client's) is replaced by its scrubbed message,
 * since it may hold the request with its Authorization header.
 */
export function scrubError<E>(error: E, scrub: Scrubber): E {
	if (typeof error !== 'object' || error === null) return scrub(error);
	const target = error as unknown as Record<string, unknown>;
	for (const key of ERROR_TEXT_FIELDS) {
		if (typeof target[key] === 'string') target[key] = scrub(target[key]);
	}
	for (const key of ERROR_VALUE_FIELDS) {
		const value = target[key];
		if (value === undefined || value === null) continue;
		if (value instanceof Error) {
			const code = (value as unknown as { code?: unknown }).code;
			target[key] = { message: scrub(value.message), ...(typeof code === 'string' ? { code } : {}) };
		} else {
			target[key] = scrub(value);
		}
	}
	return error;
}
