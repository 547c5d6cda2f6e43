import { createHash, randomUUID } from 'crypto';
import type { IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

/**
 * The idempotency key a write is sent with when the user gave none.
 *
 * Why derived, not random: n8n's Retry On Fail runs the whole node again (same execution, same
 * run index, same items). With a fresh random key per try, an item the API had already accepted
 * on the first try would be written a second time. Derived from where the item is (n8n instance,
 * workflow, execution, node, run, item) and what it sends (method, path, query, body), the same
 * item of the same node in the same execution sends the same key on every try, and the API
 * replays its first answer instead of writing twice.
 *
 * What it deliberately does not survive: a retry of a failed execution from n8n's executions list
 * is a new execution with a new id, so it sends new keys (see docs/how-the-nodes-behave.md). The
 * instance id is part of it so that two n8n instances sharing an API key, with the same imported
 * workflow and the same execution number, do not collide.
 *
 * Without an execution id (n8n-core run outside n8n's server, as in some embeddings), a random
 * nonce is drawn once per node run and kept with that run's execute data, which Retry On Fail
 * reuses; only with neither is the key random per item.
 */

/** One random value per node run, for runs without an execution id. */
const runNonces = new WeakMap<object, string>();

function nonceFor(ctx: Pick<IExecuteSingleFunctions, 'getExecuteData'>): string {
	const run = ctx.getExecuteData?.() as object | undefined;
	if (!run) return randomUUID();
	let nonce = runNonces.get(run);
	if (!nonce) runNonces.set(run, (nonce = randomUUID()));
	return nonce;
}

/** A value n8n may not offer in every context (n8n 1.x, tool calls); absent rather than failing. */
function optional<T>(read: () => T): T | undefined {
	try {
		return read();
	} catch {
		return undefined;
	}
}

/** JSON with object keys sorted, so the same body always hashes the same. */
function stable(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(stable).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as Record<string, unknown>)
			.filter(([, v]) => v !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stable(v)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'undefined';
}

/** The parts of the request that make it this item's write (the base URL is the credential's). */
export function requestFingerprint(request: Pick<IHttpRequestOptions, 'method' | 'url' | 'qs' | 'body'>): string {
	return stable([request.method ?? 'GET', request.url, request.qs ?? {}, request.body ?? null]);
}

/** The n8n contexts a key is derived in: a declarative operation's item, or a node's whole run. */
type OriginContext = Pick<IExecuteSingleFunctions, 'getNode' | 'getExecutionId' | 'getInstanceId' | 'getWorkflow' | 'getExecuteData'>;

/**
 * SHA-256 of where item `itemIndex` of this node run comes from (n8n instance, workflow,
 * execution, node, run, item) and of `what` it writes: the same on every try of Retry On Fail.
 * The one derivation behind every key the nodes make up (operations' keys, Prefactor's traces).
 */
export function originDigest(ctx: OriginContext, itemIndex: number, what: unknown): Buffer {
	const node = ctx.getNode();
	const executionId = optional(() => ctx.getExecutionId());
	const runIndex = (ctx as unknown as { runIndex?: unknown }).runIndex;
	const parts = [
		'n8n-idempotency-v1',
		optional(() => ctx.getInstanceId()) ?? '',
		optional(() => ctx.getWorkflow().id) ?? '',
		executionId ? `execution:${executionId}` : `run:${nonceFor(ctx)}`,
		node.id || node.name,
		typeof runIndex === 'number' ? runIndex : 0,
		itemIndex,
		what,
	];
	return createHash('sha256').update(stable(parts)).digest();
}

/**
 * The key for item `ctx.getItemIndex()` of this node run sending `request`: a UUID (version 8,
 * from SHA-256) that APIs asking for "a UUID" accept, printable ASCII and 36 characters
 * (Prefactor takes at most 64).
 */
export function derivedIdempotencyKey(ctx: IExecuteSingleFunctions, request: Pick<IHttpRequestOptions, 'method' | 'url' | 'qs' | 'body'>): string {
	const hash = originDigest(ctx, ctx.getItemIndex(), requestFingerprint(request));
	// RFC 9562 version 8 (custom) with the RFC variant bits.
	hash[6] = (hash[6] & 0x0f) | 0x80;
	hash[8] = (hash[8] & 0x3f) | 0x80;
	const hex = hash.subarray(0, 16).toString('hex');
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
