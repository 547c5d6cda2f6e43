/**
 * Requests of one traced agent run: every write carries an idempotency key derived from where it
 * comes from (workflow, execution, node, run index, item) and what it records, so a node that n8n
 * retries (Retry On Fail) sends the same keys and the same bodies, and Prefactor records it once.
 */
import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import { originDigest } from '../../shared/idempotency';
import { credentialSecrets, makeScrubber } from '../../shared/scrub';
import type { Scrubber } from '../../shared/scrub';
import { sendRequest } from '../../shared/transport';
import { prefactorService } from '../service';

/**
 * When an item was first recorded, by its key base. The bodies of a retry must match the first
 * attempt's (Prefactor answers a key reused with another body with 409), and they carry times:
 * n8n retries a node within the same process, so the first attempt's time is still here. Bounded,
 * oldest out first.
 */
const firstSeen = new Map<string, string>();
const FIRST_SEEN_LIMIT = 5000;

function rememberTime(base: string, now: () => Date): string {
	const known = firstSeen.get(base);
	if (known) return known;
	const time = now().toISOString();
	firstSeen.set(base, time);
	if (firstSeen.size > FIRST_SEEN_LIMIT) firstSeen.delete(firstSeen.keys().next().value as string);
	return time;
}

/** Attempts seen per key base: n8n's Retry On Fail calls the node again with the same one. */
const attempts = new Map<string, number>();

export interface TraceClient {
	readonly node: INode;
	readonly itemIndex: number;
	/** ISO time of this item's first attempt. */
	readonly recordedAt: string;
	/**
	 * Whether n8n will run the node again if this attempt throws (Retry On Fail with tries left):
	 * then a half-recorded run stays open for the retry to complete instead of ending as failed.
	 */
	readonly willBeRetried: boolean;
	/** Masks the credential's secrets. */
	readonly scrub: Scrubber;
	/** Requests sent so far (retries of one request count once). */
	requests: number;
	key(role: string): string;
	post(path: string, body: IDataObject, role?: string): Promise<IDataObject>;
	get(path: string): Promise<IDataObject>;
}

export async function traceClient(ctx: IExecuteFunctions, itemIndex: number, scope = ''): Promise<TraceClient> {
	const credentials = await ctx.getCredentials(prefactorService.credentialType, itemIndex);
	const baseURL = prefactorService.baseUrl(credentials);
	// The shared derivation of every key (instance, workflow, execution, node, run, item), plus the
	// scope of what this client records; 40 hex characters leave room for the role within 64.
	const base = originDigest(ctx, itemIndex, `prefactor-trace:${scope}`).toString('hex').slice(0, 40);
	const send = async (method: 'GET' | 'POST', url: string, body?: IDataObject, key?: string) => {
		client.requests++;
		const { body: answer } = await sendRequest(
			ctx,
			prefactorService,
			{ method, url, baseURL, ...(body ? { body } : {}) },
			// Every write is keyed, so every request may be retried.
			{ retryable: true, itemIndex, idempotencyKey: key },
		);
		return (answer && typeof answer === 'object' ? answer : {}) as IDataObject;
	};
	const attempt = (attempts.get(base) ?? 0) + 1;
	attempts.set(base, attempt);
	if (attempts.size > FIRST_SEEN_LIMIT) attempts.delete(attempts.keys().next().value as string);
	const node = ctx.getNode();
	// n8n allows 2 to 5 tries, 3 when not set.
	const tries = Math.min(5, Math.max(2, Number(node.maxTries ?? 3)));
	const client: TraceClient = {
		node,
		itemIndex,
		recordedAt: rememberTime(base, () => new Date()),
		willBeRetried: node.retryOnFail === true && attempt < tries,
		scrub: makeScrubber(credentialSecrets(credentials)),
		requests: 0,
		key: (role) => `n8n-${base}-${role}`,
		post: async (path, body, role) => {
			const key = role ? client.key(role) : undefined;
			return await send('POST', path, key ? { ...body, idempotency_key: key } : body, key);
		},
		get: async (path) => await send('GET', path),
	};
	return client;
}

/** The record inside Prefactor's `{status, details}` answer. */
export const detailsOf = (answer: IDataObject): IDataObject => ((answer.details ?? {}) as IDataObject) ?? {};

/** Prefactor's stop signal, piggy-backed on span answers (only an object with terminate true counts). */
export function controlOf(answer: IDataObject): { terminate: boolean; reason: string | null } {
	const control = answer.control;
	if (typeof control !== 'object' || control === null || Array.isArray(control)) return { terminate: false, reason: null };
	const { terminate, reason } = control as IDataObject;
	return { terminate: terminate === true, reason: typeof reason === 'string' ? reason : null };
}

/** The HTTP status of a failed request, when the API answered. */
export const statusOf = (error: unknown): number | undefined => {
	const fields = (error as { apiFields?: { httpStatus?: number | null } })?.apiFields;
	return typeof fields?.httpStatus === 'number' ? fields.httpStatus : undefined;
};
