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
 * Checks a Svix-style signature: HMAC-SHA256 over `id.timestamp.rawBody` with the secret after
 * `whsec_` (base64-decoded), compared in constant time against every `v1,` signature in the
 * header (several during a secret rotation). Returns the reason a delivery is refused, or
 * undefined when it is genuine.
 */
export function verifySignature(secret: string, delivery: SignedDelivery, nowSeconds: number): string | undefined {
	const { id, timestamp, signature } = delivery;
	if (!id || !timestamp || !signature) return 'missing svix-id, svix-timestamp or svix-signature header';
	if (!/^\d+$/.test(timestamp)) return 'invalid svix-timestamp';
	if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS) return 'svix-timestamp outside the 5 minute tolerance';
	const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
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
