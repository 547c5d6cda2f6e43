/**
 * The fault-injection suite every service runs: each fault ends either in the right result
 * after retries or in a clear NodeApiError, never hangs, never crashes the node, and never
 * sends a non-idempotent write twice.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { SimServer } from '../sim/server';
import type { ServiceKit } from './kit';

export interface FaultTargets<S extends SimServer> {
	displayName: string;
	/** A read (GET) that succeeds against the seeded simulator; `list` when it returns records. */
	read: { params: INodeParameters; path: string; list?: boolean };
	/** A write that must never be retried (no idempotency key). */
	write: { params: INodeParameters; method: string; path: string };
	/** A write made safe by an idempotency key, if the API has them: records it created. */
	keyedWrite?: { params: INodeParameters; path: string; created: (sim: S) => number };
	/** An operation with one path parameter, and the path prefix before it. */
	pathParam: { params: (id: string) => INodeParameters; prefix: string; suffix?: string };
}

export function faultSuite<S extends SimServer>(kit: ServiceKit<S>, t: FaultTargets<S>) {
	const readOnce = async (extra: INodeParameters = {}) => await kit.run({ ...t.read.params, ...extra });
	const at = { path: t.read.path };

	describe(`${t.displayName} fault injection`, () => {
		test.each([
			['429 with Retry-After', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }],
			['429 without Retry-After', { kind: 'status', status: 429 }],
			['500', { kind: 'status', status: 500 }],
			['502 HTML page', { kind: 'html', status: 502 }],
			['503', { kind: 'status', status: 503 }],
			['connection reset', { kind: 'reset' }],
		] as const)('a read recovers from %s', async (_label, fault) => {
			kit.sim.inject(fault, at);
			const result = await readOnce();
			expect(result.error).toBeUndefined();
			expect(result.items.length).toBeGreaterThan(0);
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(2);
		});

		test('a read recovers from a timeout', async () => {
			kit.sim.inject({ kind: 'delay', ms: 1500 }, at);
			const result = await readOnce({ requestOptions: { timeout: 400 } });
			expect(result.error).toBeUndefined();
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(2);
		});

		test('a huge answer (5 MB in one record) is read whole', async () => {
			kit.sim.inject({ kind: 'huge', bytes: 5_000_000 }, at);
			const result = await readOnce();
			expect(result.error).toBeUndefined();
			const padded = result.items.filter((i) => typeof i.json.padding === 'string');
			expect(padded).toHaveLength(1);
			expect((padded[0].json.padding as string).length).toBe(5_000_000);
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(1);
		});

		test('a persistent non-JSON error body ends in a NodeApiError with its text, after bounded retries', async () => {
			kit.sim.inject({ kind: 'status', status: 500, raw: 'database on fire', headers: { 'content-type': 'text/plain' } }, { ...at, times: 10 });
			const { error } = await readOnce();
			expect(error?.name).toBe('NodeApiError');
			expect(error?.message).toBe('database on fire');
			expect(error?.httpCode).toBe('500');
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(4);
		});

		test('a persistent 429 ends after the same 3 retries as any other failure', async () => {
			kit.sim.inject({ kind: 'status', status: 429, headers: { 'retry-after': '0' } }, { ...at, times: 20 });
			const { error } = await readOnce();
			expect(error?.httpCode).toBe('429');
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(4);
		});

		test('a persistent HTML error page ends in a clear NodeApiError', async () => {
			kit.sim.inject({ kind: 'html', status: 503 }, { ...at, times: 10 });
			const { error } = await readOnce();
			expect(error?.message).toBe(`${t.displayName} answered 503 Service unavailable`);
		});

		test('a 2xx body that is not JSON ends in a clear NodeApiError', async () => {
			kit.sim.inject({ kind: 'malformed' }, at);
			const { error } = await readOnce();
			expect(error?.message).toBe(`${t.displayName} answered 200 with a body that is not valid JSON`);
		});

		test('an empty 204 where JSON was expected outputs success (or no records for a list)', async () => {
			kit.sim.inject({ kind: 'empty' }, at);
			const result = await readOnce();
			expect(result.error).toBeUndefined();
			expect(result.items.map((i) => i.json)).toEqual(t.read.list ? [] : [{ success: true }]);
		});

		test.each([
			['503', { kind: 'status', status: 503 }],
			['connection reset', { kind: 'reset' }],
			['429 with Retry-After', { kind: 'status', status: 429, headers: { 'retry-after': '1' } }],
		] as const)('a write is never retried after %s', async (_label, fault) => {
			kit.sim.inject(fault, { method: t.write.method, path: t.write.path, times: 5 });
			const { error } = await kit.run(t.write.params);
			expect(error?.name).toBe('NodeApiError');
			expect(kit.sim.requests(t.write.method, t.write.path)).toHaveLength(1);
		});

		if (t.keyedWrite) {
			const keyed = t.keyedWrite;
			test('a keyed write whose response is lost is retried with the same key and creates once', async () => {
				const before = keyed.created(kit.sim);
				kit.sim.inject({ kind: 'dropAfterCommit' }, { method: 'POST', path: keyed.path });
				const result = await kit.run(keyed.params);
				expect(result.error).toBeUndefined();
				const posts = kit.sim.requests('POST', keyed.path);
				expect(posts).toHaveLength(2);
				expect(posts[1].rawBody).toBe(posts[0].rawBody);
				expect(JSON.stringify(posts[1].headers['idempotency-key'] ?? null)).toBe(
					JSON.stringify(posts[0].headers['idempotency-key'] ?? null),
				);
				expect(keyed.created(kit.sim)).toBe(before + 1);
			});
		}

		if (t.keyedWrite) {
			const keyed = t.keyedWrite;
			test('an idempotency key outside printable ASCII is refused by name before any request', async () => {
				const options = { ...((keyed.params.options as INodeParameters | undefined) ?? {}), idempotencyKey: 'ключ-✓' };
				const { error } = await kit.run({ ...keyed.params, options });
				expect(error?.message).toMatch(/^Idempotency Key: use printable ASCII only/);
				expect(kit.sim.log).toHaveLength(0);
			});
		}

		test.each([
			['a/b', 'a%2Fb'],
			['../admin', '..%2Fadmin'],
			['x?y=1', 'x%3Fy%3D1'],
			['x#frag', 'x%23frag'],
			['100%', '100%25'],
			['with space', 'with%20space'],
			['ünï✓', '%C3%BCn%C3%AF%E2%9C%93'],
		])('the path parameter %s reaches only the intended endpoint', async (id, encoded) => {
			await kit.run(t.pathParam.params(id));
			expect(kit.sim.log.map((r) => r.path)).toEqual([`${t.pathParam.prefix}${encoded}${t.pathParam.suffix ?? ''}`]);
		});
	});
}
