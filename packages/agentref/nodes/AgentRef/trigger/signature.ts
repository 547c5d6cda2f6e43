import { createHmac, timingSafeEqual } from 'crypto';

/** Deliveries older or newer than this are refused, so a captured one cannot be replayed later. */
export const TOLERANCE_SECONDS = 300;

export interface SignedDelivery {
	id?: string;
	timestamp?: string;
	signature?: string;
	rawBody: Buffer | string;
}

/**
 * The shortest key accepted, in bytes: AgentRef's (Svix's) secrets have 24 or more. A value that
 * decodes to less, such as the text "undefined" or "null", is no secret: anyone could sign with it.
 */
export const MIN_KEY_BYTES = 16;

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The HMAC key of a signing secret (`whsec_` then base64), or undefined when the value is no
 * usable secret: not text, empty, not base64, or shorter than MIN_KEY_BYTES.
 */
export function signingKey(secret: unknown): Buffer | undefined {
	if (typeof secret !== 'string') return undefined;
	const encoded = secret.replace(/^whsec_/, '');
	if (!BASE64.test(encoded)) return undefined;
	const key = Buffer.from(encoded, 'base64');
	return key.length >= MIN_KEY_BYTES ? key : undefined;
}

/** What is wrong with a value that is no signing secret, without showing the value. */
export function describeNonSecret(value: unknown): string {
	if (value === undefined) return 'it is missing';
	if (value === null) return 'it is null';
	if (typeof value !== 'string') return `it is ${Array.isArray(value) ? 'a list' : `a ${typeof value}`}, not text`;
	if (value === '') return 'it is empty';
	return `it is not a base64 secret of at least ${MIN_KEY_BYTES} bytes`;
}

/**
 * Checks a Svix-style signature: HMAC-SHA256 over `id.timestamp.rawBody` with the secret after
 * `whsec_` (base64-decoded), compared in constant time against every `v1,` signature in the
 * header (several during a secret rotation). Returns the reason a delivery is refused, or
 * undefined when it is genuine; a `secret` that is no usable secret refuses every delivery.
 */
export function verifySignature(secret: unknown, delivery: SignedDelivery, nowSeconds: number): string | undefined {
	// Never verify against a stored value that is no secret (an older version stored "undefined").
	const key = signingKey(secret);
	if (!key) return 'no signing secret stored: deactivate and activate the workflow again';
	const { id, timestamp, signature } = delivery;
	if (!id || !timestamp || !signature) return 'missing svix-id, svix-timestamp or svix-signature header';
	if (!/^\d+$/.test(timestamp)) return 'invalid svix-timestamp';
	if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'svix-timestamp outside the 5 minute tolerance';
	const body = Buffer.isBuffer(delivery.rawBody) ? delivery.rawBody : Buffer.from(delivery.rawBody, 'utf8');
	const expected = createHmac('sha256', key)
		.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`, 'utf8'), body]))
		.digest();
	for (const entry of signature.split(' ')) {
		const [version, value] = entry.split(',', 2);
		if (version !== 'v1' || !value) continue;
		const given = Buffer.from(value, 'base64');
		if (given.length === expected.length && timingSafeEqual(given, expected)) return undefined;
	}
	return 'signature does not match';
}
