/**
 * What goes into a span payload: cut to the size Prefactor's SDKs send and with no secret in it.
 */
import type { Scrubber } from '../../shared/scrub';
import { MASK } from '../../shared/scrub';
import type { Json } from './steps';

/** Prefactor's TypeScript SDK cuts every string of a payload at 10,000 characters by default. */
export const MAX_STRING = 10_000;
export const TRUNCATED = '... [truncated]';

/**
 * Secrets a tool or a prompt may carry that are not this node's credential: bearer tokens and
 * the key shapes of the model providers an n8n agent most often calls.
 */
const KNOWN_SECRETS = [/(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}/g, /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{16,}/g, /\bpf_[A-Za-z0-9_]{12,}/g];

function maskKnown(text: string): string {
	let out = text;
	for (const pattern of KNOWN_SECRETS) out = out.replace(pattern, (match, prefix?: string) => (typeof prefix === 'string' && match.startsWith(prefix) ? `${prefix}${MASK}` : MASK));
	return out;
}

/** Every string masked (the credential's secrets, known key shapes), then cut to MAX_STRING. */
export function cleanPayload(value: Json, scrub: Scrubber): Json {
	const walk = (entry: Json): Json => {
		if (typeof entry === 'string') {
			const masked = maskKnown(scrub(entry));
			return masked.length > MAX_STRING ? `${masked.slice(0, MAX_STRING)}${TRUNCATED}` : masked;
		}
		if (Array.isArray(entry)) return entry.map(walk);
		if (entry !== null && typeof entry === 'object') {
			const out: { [key: string]: Json } = {};
			for (const [key, inner] of Object.entries(entry)) out[maskKnown(scrub(key))] = walk(inner);
			return out;
		}
		return entry;
	};
	return walk(value);
}
