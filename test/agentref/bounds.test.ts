/**
 * The bounds every operation keeps, shown on AgentRef through n8n's real engine: idempotency
 * keys the API receives exactly, one retry bound, Retry-After read strictly, Limit checked,
 * Return All not cut short by look-alike pages, a timeout on every request, and a cancelled
 * execution that sends nothing more.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { agentRefService } from '../../packages/agentref/nodes/AgentRef/service';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

const createPayout = (key: string): INodeParameters => ({
	resource: 'payout',
	operation: 'create',
	affiliateId: byId('aff_1'),
	programId: byId('prog_1'),
	method: 'paypal',
	options: { idempotencyKey: key },
});
const getMerchant = { resource: 'merchant', operation: 'get' };
const rateLimited = (retryAfter: string) => ({
	kind: 'status' as const,
	status: 429,
	headers: { 'retry-after': retryAfter },
	body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } },
});
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** Presses Stop `delayMs` after `ready()` first holds. */
const cancelWhen = (ready: () => boolean, delayMs = 0) => (cancel: () => void) => {
	const check = () => (ready() ? setTimeout(cancel, delayMs) : setTimeout(check, 5));
	check();
};

describe('idempotency keys', () => {
	test('two keys that differ only outside Latin-1 are refused by name instead of collapsing into one write', async () => {
		const before = kit.sim.state.payouts.length;
		const result = await kit.run(createPayout('={{ $json.key }}'), {
			items: [{ key: 'payout-✓' }, { key: 'payout-✗' }, { key: 'заказ' }],
			continueOnFail: true,
		});
		const errors = result.items.map((i) => (i.json.error as IDataObject | undefined)?.message);
		expect(errors).toEqual([
			expect.stringMatching(/^Idempotency Key: use printable ASCII only/),
			expect.stringMatching(/^Idempotency Key: use printable ASCII only/),
			expect.stringMatching(/^Idempotency Key: use printable ASCII only/),
		]);
		expect(kit.sim.requests('POST', '/payouts')).toHaveLength(0);
		expect(kit.sim.state.payouts.length).toBe(before);
	});

	test('a key that an expression gives as a number is sent as that number, not replaced by a generated one', async () => {
		kit.json(await kit.run(createPayout('={{ 20260101 }}')));
		expect(kit.sim.requests('POST', '/payouts').map((r) => r.headers['idempotency-key'])).toEqual(['20260101']);
	});

	test('a printable ASCII key is sent exactly as given (trimmed), and a lost response is replayed with it', async () => {
		const before = kit.sim.state.payouts.length;
		kit.sim.inject({ kind: 'dropAfterCommit' }, { method: 'POST', path: '/payouts' });
		const items = kit.json(await kit.run(createPayout('  payout_aff_1_2026-01 #2  ')));
		expect(items).toHaveLength(1);
		const keys = kit.sim.requests('POST', '/payouts').map((r) => r.headers['idempotency-key']);
		expect(keys).toEqual(['payout_aff_1_2026-01 #2', 'payout_aff_1_2026-01 #2']);
		expect(kit.sim.state.payouts.length).toBe(before + 1);
	});
});

describe('retry bounds', () => {
	test('a persistent 429 is retried 3 times in all, like any other failure', async () => {
		kit.sim.inject(rateLimited('0'), { path: '/merchant', times: 20 });
		const { error } = await kit.run(getMerchant);
		expect(error?.message).toBe('Slow down');
		expect(error?.httpCode).toBe('429');
		expect(kit.sim.requests(undefined, '/merchant')).toHaveLength(4);
	});

	test('429s and 5xx answers share the one bound', async () => {
		kit.sim.inject({ kind: 'status', status: 503 }, { path: '/merchant' });
		kit.sim.inject(rateLimited('0'), { path: '/merchant' });
		kit.sim.inject({ kind: 'status', status: 500 }, { path: '/merchant' });
		kit.sim.inject(rateLimited('0'), { path: '/merchant', times: 5 });
		const { error } = await kit.run(getMerchant);
		expect(error?.httpCode).toBe('429');
		expect(kit.sim.requests(undefined, '/merchant').map((r) => r.status)).toEqual([503, 429, 500, 429]);
	});

	test.each(['-1', '-120', '1, 2', 'soon'])(
		'an unreadable Retry-After (%s) counts as absent: the usual backoff, not "retry now"',
		async (retryAfter) => {
			kit.sim.inject(rateLimited(retryAfter), { path: '/merchant' });
			const items = kit.json(await kit.run(getMerchant));
			expect(items[0]).toMatchObject({ id: 'merch_1' });
			const [first, second] = kit.sim.requests(undefined, '/merchant');
			expect(second.at - first.at).toBeGreaterThanOrEqual(450);
		},
	);
});

describe('Limit', () => {
	test.each([
		['"abc"', '={{ "abc" }}'],
		['0', '={{ 0 }}'],
		['-5', '={{ -5 }}'],
		['2.5', '={{ 2.5 }}'],
	])('a Limit of %s is refused by name before any request', async (shown, limit) => {
		const { error } = await kit.run({ resource: 'program', operation: 'getAll', returnAll: false, limit });
		expect(error?.message).toBe(`Limit: must be a whole number of at least 1, not ${shown}`);
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a Limit given as a numeric string is used as the number', async () => {
		const items = kit.json(await kit.run({ resource: 'program', operation: 'getAll', returnAll: false, limit: '={{ "1" }}' }));
		expect(items).toHaveLength(1);
		expect(kit.sim.log.map((r) => r.query.pageSize)).toEqual(['1']);
	});
});

describe('repeated-page guard', () => {
	const pageOf = (ids: string[], hasMore: boolean, page: number) => ({
		kind: 'status' as const,
		status: 200,
		body: { data: ids.map((id) => ({ id })), meta: { hasMore, page, pageSize: 3, total: 7 } },
	});

	test('two different pages that agree on length, first and last record do not end Return All', async () => {
		kit.sim.inject(pageOf(['p_a', 'p_b', 'p_c'], true, 1), { path: '/programs' });
		kit.sim.inject(pageOf(['p_a', 'p_x', 'p_c'], true, 2), { path: '/programs' });
		kit.sim.inject(pageOf(['p_d'], false, 3), { path: '/programs' });
		const items = kit.json(await kit.run({ resource: 'program', operation: 'getAll', returnAll: true }));
		expect(items.map((i) => i.id)).toEqual(['p_a', 'p_b', 'p_c', 'p_a', 'p_x', 'p_c', 'p_d']);
		expect(kit.sim.log).toHaveLength(3);
	});

	test('a page that comes back with the same records still ends Return All', async () => {
		kit.sim.inject(pageOf(['p_a', 'p_b', 'p_c'], true, 1), { path: '/programs' });
		kit.sim.inject(pageOf(['p_a', 'p_b', 'p_c'], true, 1), { path: '/programs', times: 5 });
		const items = kit.json(await kit.run({ resource: 'program', operation: 'getAll', returnAll: true }));
		expect(items.map((i) => i.id)).toEqual(['p_a', 'p_b', 'p_c']);
		expect(kit.sim.log).toHaveLength(2);
	});
});

describe('timeouts', () => {
	test('without a Request Options timeout a hung read ends at the default timeout, retried 3 times', async () => {
		const policy = agentRefService.retry;
		// The default (60 s) shortened for the test; the path that applies it is the same.
		agentRefService.retry = { ...policy, timeoutMs: 300 };
		try {
			kit.sim.inject({ kind: 'delay', ms: 2000 }, { path: '/merchant', times: 10 });
			const { error } = await kit.run(getMerchant);
			expect(error?.message).toBe(
				"The API did not answer within 0.3 s (change the timeout in the node's Settings → Request Options → Timeout)",
			);
			expect(kit.sim.requests(undefined, '/merchant')).toHaveLength(4);
		} finally {
			agentRefService.retry = policy;
		}
	});

	test('a keyed write that timed out is not sent again: it may still be running at the API', async () => {
		kit.sim.inject({ kind: 'delay', ms: 1500 }, { method: 'POST', path: '/payouts', times: 5 });
		const { error } = await kit.run({ ...createPayout('payout-timeout-1'), requestOptions: { timeout: 300 } });
		expect(error?.message).toMatch(/^The API did not answer within 0\.3 s/);
		expect(kit.sim.requests('POST', '/payouts')).toHaveLength(1);
	});

	test('requests hung well within their timeout give their gate slots to other requests to the host', async () => {
		kit.sim.inject({ kind: 'delay', ms: 12_000 }, { path: '/merchant', times: 8 });
		// Eight reads hang inside the default 60 s timeout and fill every slot of the host's gate.
		let stopHung!: () => void;
		const hung = kit.run(getMerchant, { items: Array.from({ length: 8 }, () => ({})), onStart: (cancel) => (stopHung = cancel) });
		while (kit.sim.log.length < 8) await pause(5);
		const other = kit.json(await kit.run({ resource: 'program', operation: 'get', programId: byId('prog_1') }));
		expect(other[0]).toMatchObject({ id: 'prog_1' });
		// The hung reads are still unanswered when the other one is done.
		expect(kit.sim.requests(undefined, '/merchant').every((r) => r.status === undefined)).toBe(true);
		stopHung();
		await hung;
	}, 30_000);

	test('a hung API ends every item in a timeout error while other requests to the same host go on', async () => {
		kit.sim.inject({ kind: 'delay', ms: 2500 }, { path: '/merchant', times: 100 });
		// Eight hung items fill every slot of the host's gate.
		const hung = kit.run({ ...getMerchant, requestOptions: { timeout: 300 } }, { items: Array.from({ length: 8 }, () => ({})), continueOnFail: true });
		await pause(100);
		const other = kit.json(await kit.run({ resource: 'program', operation: 'get', programId: byId('prog_1') }));
		const stillHung = kit.sim.requests(undefined, '/merchant').length < 32;
		const hungResult = await hung;

		expect(other[0]).toMatchObject({ id: 'prog_1' });
		expect(stillHung).toBe(true);
		expect(hungResult.items.map((i) => (i.json.error as IDataObject).message)).toEqual(
			Array(8).fill("The API did not answer within 0.3 s (change the timeout in the node's Settings → Request Options → Timeout)"),
		);
		expect(kit.sim.requests(undefined, '/merchant')).toHaveLength(32);
	}, 20_000);
});

describe('cancellation', () => {
	test('items waiting in the gate are not sent once the execution is cancelled', async () => {
		kit.sim.inject({ kind: 'delay', ms: 1000 }, { path: '/merchant', times: 20 });
		await kit.run(getMerchant, {
			items: Array.from({ length: 12 }, () => ({})),
			onStart: cancelWhen(() => kit.sim.log.length >= 8, 50),
		});
		await pause(1500);
		expect(kit.sim.log).toHaveLength(8);
	});

	test('a read waiting in a backoff is not sent again once the execution is cancelled', async () => {
		kit.sim.inject({ kind: 'status', status: 503 }, { path: '/merchant' });
		await kit.run(getMerchant, { onStart: cancelWhen(() => kit.sim.log.length >= 1, 150) });
		await pause(1000);
		expect(kit.sim.log).toHaveLength(1);
	});

	test('a read held by a 429 pause is not sent again once the execution is cancelled', async () => {
		kit.sim.inject(rateLimited('1'), { path: '/merchant' });
		await kit.run(getMerchant, { onStart: cancelWhen(() => kit.sim.log.length >= 1, 150) });
		await pause(1500);
		expect(kit.sim.log).toHaveLength(1);
	});
});
