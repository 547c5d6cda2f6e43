/**
 * The gate and the transport's 429 handling on a fake clock: the real `sendRequest` of each
 * package, with n8n's HTTP helper replaced by a model API in this process that limits the rate
 * per sliding window. Minutes of traffic take milliseconds, so many random patterns run: limits
 * from 1 request/s up, 429s with Retry-After in seconds, as a date, or none, another client
 * taking part of the key, rate-limit headers or not, random latency. Invariant: no request fails.
 * Replay a red run with FC_SEED=<the printed seed>.
 */
import fc from 'fast-check';
import type { IHttpRequestOptions, INode } from 'n8n-workflow';

import { agentRefService } from '../../packages/agentref/nodes/AgentRef/service';
import { sendRequest as agentRefSend } from '../../packages/agentref/nodes/shared/transport';
import { openToCloseService } from '../../packages/opentoclose/nodes/OpenToClose/service';
import { sendRequest as openToCloseSend } from '../../packages/opentoclose/nodes/shared/transport';
import { prefactorService } from '../../packages/prefactor/nodes/Prefactor/service';
import { sendRequest as prefactorSend } from '../../packages/prefactor/nodes/shared/transport';
import { HostGate } from '../../nodes/shared/gate';
import { resetGates } from './gates';

const services = [
	{ name: 'Open To Close', service: openToCloseService, send: openToCloseSend },
	{ name: 'Prefactor', service: prefactorService, send: prefactorSend },
	{ name: 'AgentRef', service: agentRefService, send: agentRefSend },
];

const node: INode = { id: 'n', name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

type RetryAfter = { seconds: number; asDate: boolean } | undefined;

interface ModelApi {
	perSecond: number;
	/** Retry-After of the n-th 429: pattern[n % length]. */
	pattern: RetryAfter[];
	/** X-RateLimit headers, the reset to the millisecond or in whole seconds. */
	headers: false | 'ms' | 'whole seconds';
	/** Requests per second another client on the same key sends (it never backs off). */
	other: number;
	latencyMs: [number, number];
}

/** A fake context whose HTTP helper is the model API: a sliding one-second window per key. */
function modelContext(api: ModelApi, random: () => number) {
	const window: number[] = [];
	let refused = 0;
	let nextOther = Date.now();
	const counted = (now: number) => {
		// The other client's requests up to now take their places in the window.
		while (api.other > 0 && nextOther <= now) {
			if (window.filter((t) => nextOther - t < 1000).length < api.perSecond) window.push(nextOther);
			nextOther += 1000 / api.other;
		}
		while (window.length && now - window[0] >= 1000) window.shift();
	};
	const stats = { accepted: 0, refused: 0 };
	const ctx = {
		getNode: () => node,
		getCredentials: async () => ({}),
		helpers: {
			httpRequestWithAuthentication: async (_type: string, _options: IHttpRequestOptions) => {
				const [low, high] = api.latencyMs;
				const half = () => (low + random() * (high - low)) / 2;
				await new Promise((resolve) => setTimeout(resolve, half()));
				const now = Date.now();
				counted(now);
				const limitHeaders = (): Record<string, string> =>
					api.headers
						? {
								'x-ratelimit-limit': String(api.perSecond),
								'x-ratelimit-remaining': String(Math.max(0, api.perSecond - window.length)),
								'x-ratelimit-reset':
									api.headers === 'ms'
										? (((window[0] ?? now) + 1000 - now) / 1000).toFixed(3)
										: String(Math.max(1, Math.ceil(((window[0] ?? now) + 1000 - now) / 1000))),
							}
						: {};
				let answer;
				if (window.length >= api.perSecond) {
					const retryAfter = api.pattern[refused++ % api.pattern.length];
					stats.refused++;
					const value = retryAfter && (retryAfter.asDate ? new Date(now + retryAfter.seconds * 1000).toUTCString() : String(retryAfter.seconds));
					answer = { statusCode: 429, headers: { ...limitHeaders(), ...(value ? { 'retry-after': value } : {}) }, body: '{"message":"Too many requests"}' };
				} else {
					window.push(now);
					stats.accepted++;
					answer = { statusCode: 200, headers: limitHeaders(), body: '{"id":1}' };
				}
				await new Promise((resolve) => setTimeout(resolve, half()));
				return answer;
			},
		},
	};
	return { ctx, stats };
}

/** Runs `promise` to its end on the fake clock; fails if it takes over `limitMs` of fake time. */
async function settle<T>(promise: Promise<T>, limitMs: number): Promise<T> {
	let done = false;
	const tracked = promise.finally(() => (done = true));
	const start = Date.now();
	while (!done) {
		if (Date.now() - start > limitMs) throw new Error(`not done after ${limitMs} ms of fake time`);
		if (jest.getTimerCount() === 0) {
			// Let pending promise callbacks run; still nothing scheduled and not done means stuck.
			await jest.advanceTimersByTimeAsync(0);
			if (!done && jest.getTimerCount() === 0) throw new Error('stuck: nothing scheduled and not done');
			continue;
		}
		await jest.advanceTimersToNextTimerAsync();
	}
	return await tracked;
}

describe('on a fake clock', () => {
	beforeEach(() => {
		jest.useFakeTimers({ now: Date.UTC(2026, 11, 7, 12) });
		resetGates();
	});
	afterEach(() => jest.useRealTimers());

	test('random limits, 429 patterns and another client on the key: no request fails', async () => {
		const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
		const retryAfter = fc.option(fc.record({ seconds: fc.integer({ min: 0, max: 3 }), asDate: fc.boolean() }), { nil: undefined });
		const scenario = fc.record({
			target: fc.constantFrom(...services),
			perSecond: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 5, max: 100 })),
			pattern: fc.array(retryAfter, { minLength: 1, maxLength: 6 }),
			headers: fc.constantFrom<ModelApi['headers']>(false, 'ms', 'whole seconds'),
			otherShare: fc.constantFrom(0, 0, 0.25, 0.5),
			latencyMs: fc.constantFrom<[number, number]>([2, 10], [20, 80], [100, 400]),
			seconds: fc.integer({ min: 2, max: 20 }),
			randomSeed: fc.integer(),
		});
		let last = '';
		try {
			await fc.assert(
				fc.asyncProperty(scenario, async ({ target, perSecond, pattern, headers, otherShare, latencyMs, seconds, randomSeed }) => {
					resetGates();
					let state = randomSeed >>> 0 || 1;
					const random = () => ((state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32);
					// Another client takes a share of the limit, but always leaves at least one a second.
					const other = Math.min(Math.floor(perSecond * otherShare), perSecond - 1);
					const { ctx, stats } = modelContext({ perSecond, pattern, headers, other, latencyMs }, random);
					const count = Math.max(2, (perSecond - other) * seconds);
					last = `${target.name}, ${perSecond}/s (${other}/s by another client), ${count} requests, latency ${latencyMs.join('-')} ms, ${headers ? `with headers (${headers})` : 'without headers'}, Retry-After ${JSON.stringify(pattern)}`;
					const results = await settle(
						Promise.all(
							Array.from({ length: count }, async (_, itemIndex) => {
								try {
									await target.send(ctx as never, target.service, { method: 'GET', baseURL: 'https://api.example.test', url: '/x' }, { retryable: true, itemIndex, gateKey: 'k' });
									return 'ok';
								} catch (error) {
									return (error as Error).message;
								}
							}),
						),
						30 * 60_000,
					);
					expect(results.filter((r) => r !== 'ok')).toEqual([]);
					// Each request reached the API and was accepted once.
					expect(stats.accepted).toBe(count);
				}),
				{ seed, numRuns: Number(process.env.FC_RUNS ?? 60), endOnFailure: true },
			);
		} catch (error) {
			console.error(`gate on a fake clock failed: replay with FC_SEED=${seed}\nlast scenario: ${last}`);
			throw error;
		}
	}, 120_000);

	test('announced rate-limit headers hold requests until the count resets, without a 429', async () => {
		const gate = new HostGate(8);
		// An answer says 3 left until 800 ms from now, while one other request is still on its way.
		const inFlight = await gate.acquire();
		gate.record(Date.now(), 200, undefined, { remaining: 3, resetMs: 800 });
		const t0 = Date.now();
		const started: number[] = [];
		const all = Promise.all(
			Array.from({ length: 5 }, async () => {
				const ticket = await gate.acquire();
				const at = Date.now() - t0;
				started.push(at);
				// The first request after the reset is answered 100 ms later, announcing room again.
				if (at === 800) await new Promise((resolve) => setTimeout(resolve, 100));
				gate.release(ticket);
				if (at === 800) gate.record(Date.now(), 200, ticket.since, { remaining: 5, resetMs: 1000 });
			}),
		);
		await jest.advanceTimersByTimeAsync(1000);
		await all;
		gate.release(inFlight);
		// Two go at once (3 left, less the one on its way); at the reset one asks how much room
		// there is, and the others wait for its answer.
		expect(started).toEqual([0, 0, 800, 900, 900]);
	});

	test('a learned limit of one request per second spaces requests a window apart', async () => {
		const gate = new HostGate(8);
		gate.record(Date.now(), 200);
		gate.pause(1000);
		const t0 = Date.now();
		const started: number[] = [];
		const all = Promise.all(
			Array.from({ length: 3 }, async () => {
				const ticket = await gate.acquire();
				started.push(Date.now() - t0);
				gate.release(ticket);
			}),
		);
		await jest.advanceTimersByTimeAsync(5000);
		await all;
		// The pause (1 s and 50 ms), then one per 1.01 s window counted from each answer.
		expect(started).toEqual([1050, 2060, 3070]);
	});
});
