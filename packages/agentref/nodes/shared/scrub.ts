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
 * Replaces every secret (and any `api_token=` value) with `***` in a string, or in every string
 * (and key) of a JSON value. Whatever an API echoes (the request URL, its headers, a body) goes
 * through this before it becomes part of an error, an output item or a log line.
 */
export function makeScrubber(secrets: string[]): Scrubber {
	const text = (value: string): string => {
		let out = value.replace(API_TOKEN_PARAM, `$1${MASK}`);
		for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
		return out;
	};
	const walk = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
		if (typeof value === 'string') return text(value);
		if (value === null || typeof value !== 'object' || depth > 20) return value;
		if (Buffer.isBuffer(value)) return text(value.toString('utf8'));
		if (seen.has(value)) return undefined;
		seen.add(value);
		if (Array.isArray(value)) return value.map((entry) => walk(entry, depth + 1, seen));
		const out: IDataObject = {};
		for (const [key, entry] of Object.entries(value)) out[text(key)] = walk(entry, depth + 1, seen) as IDataObject;
		return out;
	};
	return <T>(value: T): T => walk(value, 0, new WeakSet()) as T;
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
