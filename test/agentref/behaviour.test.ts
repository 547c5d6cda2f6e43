/**
 * The shared behaviour every operation inherits, shown on AgentRef: paging, Limit, error
 * mapping, Continue On Fail, retries that never write twice, encoded path parameters and
 * input validation before any request.
 */
import type { IDataObject } from 'n8n-workflow';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRef } from '../../packages/agentref/nodes/AgentRef/AgentRef.node';
import { runListSearch, TestCredentialsHelper } from '../harness/engine';
import { MERCHANT_KEY, NO_SCOPE_KEY } from '../sim/agentref';
import { byId, useAgentRef } from './kit';

const kit = useAgentRef();

const seedPrograms = (count: number) => {
	kit.sim.state.programs = kit.sim.state.programs.filter((p) => !String(p.id).startsWith('bulk_'));
	for (let i = 0; i < count; i++) kit.sim.state.programs.push({ id: `bulk_${i}`, name: `Bulk ${i}`, status: 'paused' });
};
const listPaused = (extra: IDataObject) =>
	kit.run({ resource: 'program', operation: 'getAll', filters: { status: 'paused' }, ...extra });

describe('paging', () => {
	test('Return All follows cursors when the API hands them out', async () => {
		seedPrograms(250);
		kit.sim.cursors = true;
		try {
			const items = kit.json(await listPaused({ returnAll: true }));
			expect(items.map((i) => i.id)).toEqual(Array.from({ length: 250 }, (_, i) => `bulk_${i}`));
			const queries = kit.sim.log.map((r) => r.query);
			expect(queries).toHaveLength(3);
			expect(queries[0]).toEqual({ status: 'paused', page: '1', pageSize: '100' });
			expect(queries[1]).toEqual({ status: 'paused', limit: '100', cursor: expect.any(String) });
		} finally {
			kit.sim.cursors = false;
		}
	});

	test('Limit below a page asks for just that many, in one request', async () => {
		seedPrograms(250);
		const items = kit.json(await listPaused({ returnAll: false, limit: 30 }));
		expect(items).toHaveLength(30);
		expect(kit.sim.log.map((r) => r.query)).toEqual([{ status: 'paused', page: '1', pageSize: '30' }]);
	});

	test('Limit above a page stops as soon as it has enough', async () => {
		seedPrograms(250);
		const items = kit.json(await listPaused({ returnAll: false, limit: 150 }));
		expect(items.map((i) => i.id)).toEqual(Array.from({ length: 150 }, (_, i) => `bulk_${i}`));
		expect(kit.sim.log).toHaveLength(2);
	});

	test('an empty page ends Return All even if the API says hasMore', async () => {
		kit.sim.inject(
			{ kind: 'status', status: 200, body: { data: [], meta: { hasMore: true, page: 1, pageSize: 100, total: 5 } } },
			{ path: '/programs' },
		);
		expect(kit.json(await listPaused({ returnAll: true }))).toEqual([]);
		expect(kit.sim.log).toHaveLength(1);
	});

	test('a page served twice ends Return All instead of looping', async () => {
		const same = { status: 200, body: { data: [{ id: 'p1' }], meta: { hasMore: true, page: 1, pageSize: 100, total: 9 } } };
		kit.sim.inject({ kind: 'status', ...same }, { path: '/programs', times: 5 });
		expect(kit.json(await listPaused({ returnAll: true }))).toEqual([{ id: 'p1' }]);
		expect(kit.sim.log).toHaveLength(2);
	});
});

describe('errors', () => {
	const errorCases: Array<[number, string, string]> = [
		[400, 'VALIDATION_ERROR', 'Invalid request. Please check your input'],
		[404, 'NOT_FOUND', 'Program not found'],
		[409, 'CONFLICT', 'Conflicts with existing data'],
		[422, 'VALIDATION_ERROR', 'Body fails validation'],
	];
	test.each(errorCases)('%d %s keeps the API message, code, request id and status', async (status, code, message) => {
		kit.sim.inject(
			{ kind: 'status', status, body: { error: { code, message, details: { fields: { name: 'required' } } }, meta: { requestId: `req_${status}` } } },
			{ path: '/programs/prog_1' },
		);
		const { error } = await kit.run({ resource: 'program', operation: 'update', programId: byId('prog_1'), updateFields: { name: 'x' } });
		expect(error?.name).toBe('NodeApiError');
		expect(error?.message).toBe(message);
		expect(error?.httpCode).toBe(String(status));
		expect(error?.description).toContain(`Code: ${code}`);
		expect(error?.description).toContain(`Request ID: req_${status}`);
		expect(error?.description).toContain('"name":"required"');
		expect(kit.sim.log).toHaveLength(1);
	});

	test('401 says to check the key', async () => {
		const { error } = await kit.run(
			{ resource: 'merchant', operation: 'get' },
			{ credentials: { apiKey: 'ak_live_revoked', baseUrl: kit.baseUrl } },
		);
		expect(error?.message).toBe('Invalid API key');
		expect(error?.description).toContain('Check the API key');
		expect(error?.description).toContain('Code: INVALID_AUTH');
	});

	test('403 INSUFFICIENT_SCOPE names the missing scope as the cause', async () => {
		const { error } = await kit.run(
			{ resource: 'merchant', operation: 'get' },
			{ credentials: { apiKey: NO_SCOPE_KEY, baseUrl: kit.baseUrl } },
		);
		expect(error?.httpCode).toBe('403');
		expect(error?.description).toContain('lacks the scope');
	});

	test('an HTML error page and a non-JSON success body become clear errors', async () => {
		kit.sim.inject({ kind: 'html', status: 502 }, { method: 'POST' });
		const html = await kit.run({ resource: 'onboarding', operation: 'complete' });
		expect(html.error?.message).toBe('AgentRef answered 502 Bad gateway');
		kit.sim.inject({ kind: 'malformed' }, { path: '/merchant' });
		const malformed = await kit.run({ resource: 'merchant', operation: 'get' });
		expect(malformed.error?.message).toBe('AgentRef answered 200 with a body that is not valid JSON');
	});

	test('an empty 204 answer outputs success instead of failing', async () => {
		kit.sim.inject({ kind: 'empty' }, { path: '/programs/prog_1/connect-stripe', method: 'DELETE' });
		const items = kit.json(await kit.run({ resource: 'program', operation: 'disconnectStripe', programId: byId('prog_1') }));
		expect(items).toEqual([{ success: true }]);
	});

	test('Continue On Fail outputs the error fields for the failed item and goes on', async () => {
		const result = await kit.run(
			{ resource: 'program', operation: 'get', programId: byId('={{ $json.id }}') },
			{ continueOnFail: true, items: [{ id: 'prog_1' }, { id: 'missing' }, { id: 'prog_2' }] },
		);
		const out = result.items.map((i) => i.json);
		expect(out[0]).toMatchObject({ id: 'prog_1' });
		expect(out[1]).toEqual({
			error: { message: 'Program not found: missing', httpStatus: 404, code: 'NOT_FOUND', requestId: expect.stringMatching(/^req_sim_/) },
		});
		expect(out[2]).toMatchObject({ id: 'prog_2' });
		expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});
});

describe('cost per item', () => {
	test('the base URL is read from the credential once per run, not once per item', async () => {
		const reads = jest.spyOn(TestCredentialsHelper.prototype, 'getDecrypted');
		try {
			const items = Array.from({ length: 20 }, () => ({ id: 'prog_1' }));
			const result = await kit.run({ resource: 'program', operation: 'get', programId: byId('={{ $json.id }}') }, { items });
			expect(result.items).toHaveLength(20);
			expect(kit.sim.log.map((r) => `${r.method} ${r.path}`)).toEqual(Array(20).fill('GET /programs/prog_1'));
			// n8n's HTTP helper reads the credential for each request to sign it; the rest is per run.
			expect(reads.mock.calls.length).toBeLessThanOrEqual(20 + 2);
		} finally {
			reads.mockRestore();
		}
	});
});

describe('retries', () => {
	test('a GET waits for Retry-After on 429, then succeeds', async () => {
		kit.sim.inject({ kind: 'status', status: 429, headers: { 'retry-after': '1' }, body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } } }, { path: '/merchant' });
		const started = Date.now();
		const items = kit.json(await kit.run({ resource: 'merchant', operation: 'get' }));
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
		expect(items[0]).toMatchObject({ id: 'merch_1' });
		expect(kit.sim.log).toHaveLength(2);
	});

	test('a non-JSON error body keeps its text as the message', async () => {
		kit.sim.inject({ kind: 'status', status: 400, raw: 'upstream said no', headers: { 'content-type': 'text/plain' } }, { method: 'POST' });
		const { error } = await kit.run({ resource: 'onboarding', operation: 'complete' });
		expect(error?.message).toBe('upstream said no');
		expect(error?.httpCode).toBe('400');
	});

	test('a huge list answer is read whole', async () => {
		const big = Array.from({ length: 100 }, (_, i) => ({ id: `big_${i}`, blob: 'x'.repeat(50_000) }));
		kit.sim.inject({ kind: 'status', status: 200, body: { data: big, meta: { hasMore: false, page: 1, pageSize: 100, total: 100 } } }, { path: '/programs' });
		const items = kit.json(await listPaused({ returnAll: true }));
		expect(items).toHaveLength(100);
		expect(items[99]).toEqual({ id: 'big_99', blob: 'x'.repeat(50_000) });
	});

	test('a GET gives up after the bounded number of retries with the API message', async () => {
		kit.sim.inject({ kind: 'status', status: 500, body: { error: { code: 'INTERNAL_ERROR', message: 'Boom' }, meta: { requestId: 'req_500' } } }, { path: '/merchant', times: 10 });
		const { error } = await kit.run({ resource: 'merchant', operation: 'get' });
		expect(error?.message).toBe('Boom');
		expect(kit.sim.log).toHaveLength(4);
	});

	test('many items against a rate-limited API all succeed: one burst of 429s, then kept under the limit', async () => {
		kit.sim.limitRate(50);
		const items = Array.from({ length: 150 }, () => ({ id: 'prog_1' }));
		const result = await kit.run({ resource: 'program', operation: 'get', programId: byId('={{ $json.id }}') }, { items });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(150);
		expect(result.items.every((i) => i.json.id === 'prog_1')).toBe(true);
		const throttled = kit.sim.log.length - 150;
		// The gate holds everyone after the first 429 and learns the limit from it, so only the
		// requests already in flight then are refused, and none after.
		expect(throttled).toBeGreaterThan(0);
		expect(throttled).toBeLessThanOrEqual(8);
		const last429 = Math.max(...kit.sim.log.filter((r) => r.status === 429).map((r) => r.at));
		expect(kit.sim.log.filter((r) => r.at > last429 && r.status === 200).length).toBeGreaterThanOrEqual(100 - 8);
	});

	test('a Retry-After beyond the bound is not waited for', async () => {
		kit.sim.inject({ kind: 'status', status: 429, headers: { 'retry-after': '3600' }, body: { error: { code: 'RATE_LIMITED', message: 'Slow down' } } }, { path: '/merchant' });
		const { error } = await kit.run({ resource: 'merchant', operation: 'get' });
		expect(error?.message).toBe('Slow down');
		expect(kit.sim.log).toHaveLength(1);
	});

	test.each([
		['POST without idempotency', { resource: 'program', operation: 'connectStripe', programId: byId('prog_1'), method: 'oauth_url' }, 'POST'],
		['PATCH', { resource: 'merchant', operation: 'update', updateFields: { companyName: 'X' } }, 'PATCH'],
		['PUT', { resource: 'merchant', operation: 'updateNotifications', updateFields: { weeklyDigest: true } }, 'PUT'],
		['DELETE', { resource: 'webhook', operation: 'delete', webhookId: 'wh_none' }, 'DELETE'],
	])('a %s is never retried', async (_label, params, method) => {
		kit.sim.inject({ kind: 'status', status: 503, body: { error: { code: 'UNAVAILABLE', message: 'Try later' } } }, { method, times: 5 });
		const { error } = await kit.run(params);
		expect(error?.message).toBe('Try later');
		expect(kit.sim.log).toHaveLength(1);
	});

	test('each item gets its own generated key, and a failed write shows it for a manual retry', async () => {
		kit.sim.inject({ kind: 'status', status: 409, body: { error: { code: 'IDEMPOTENCY_KEY_REUSED', message: 'Key reused' } } }, { method: 'POST' });
		const result = await kit.run(
			{ resource: 'billing', operation: 'subscribe', tier: 'starter' },
			{ continueOnFail: true, items: [{}, {}] },
		);
		const keys = kit.sim.log.map((r) => r.headers['idempotency-key']);
		expect(new Set(keys).size).toBe(2);
		const failed = result.items.map((i) => i.json).find((j) => j.error) as { error: IDataObject };
		expect(keys).toContain(failed.error.idempotencyKey);
	});
});

describe('input safety', () => {
	// n8n's RoutingNode reports errors raised while a declarative request is prepared as
	// NodeApiError; the message is this package's own and names the field.
	test.each(['..', '.', '  '])('the id "%s" is refused before any request', async (id) => {
		const { error } = await kit.run({ resource: 'program', operation: 'get', programId: byId(id) });
		expect(error?.message).toMatch(/^Program: (a value is required|"\.\.?" is not a valid ID)$/);
		expect(kit.sim.log).toHaveLength(0);
	});

	test('an empty required field is named before any request', async () => {
		const empty = await kit.run({ resource: 'onboarding', operation: 'createMerchant', companyName: '' });
		expect(empty.error?.message).toContain('Parameter "Company Name" is required');
		// An expression that resolves to nothing passes n8n's own check; the executor catches it.
		const resolvedEmpty = await kit.run({ resource: 'onboarding', operation: 'createMerchant', companyName: '={{ "" }}' });
		expect(resolvedEmpty.error?.message).toBe('Company Name: a value is required');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a date that is not a date is named before any request', async () => {
		const { error } = await kit.run({
			resource: 'coupon',
			operation: 'create',
			programId: byId('prog_1'),
			affiliateId: byId('aff_1'),
			code: 'X',
			additionalFields: { expiresAt: 'next tuesday-ish' },
		});
		expect(error?.message).toBe('Expires At: "next tuesday-ish" is not a date');
		expect(kit.sim.log).toHaveLength(0);
	});

	test('a plain-HTTP base URL that is not loopback never receives the key', async () => {
		const { error } = await kit.run(
			{ resource: 'merchant', operation: 'get' },
			{ credentials: { apiKey: MERCHANT_KEY, baseUrl: 'http://api.example.com/api/v1' } },
		);
		expect(error?.message).toContain('must start with https://');
		const test = await kit.testCredential({ apiKey: MERCHANT_KEY, baseUrl: 'http://api.example.com/api/v1' });
		expect(test.error).toBeDefined();
		expect(JSON.stringify(test.error)).not.toContain('api.example.com');
	});

	test('the API key appears in no output, error message or description', async () => {
		const results = [
			await kit.run({ resource: 'program', operation: 'get', programId: byId('missing') }),
			await kit.run({ resource: 'program', operation: 'get', programId: byId('missing') }, { continueOnFail: true }),
			await kit.run({ resource: 'merchant', operation: 'get' }, { credentials: { apiKey: 'ak_live_secret_wrong', baseUrl: kit.baseUrl } }),
		];
		for (const r of results) {
			const text = JSON.stringify([r.items, r.error?.message, r.error?.description, r.error?.context]);
			expect(text).not.toContain(MERCHANT_KEY);
			expect(text).not.toContain('ak_live_secret_wrong');
		}
	});
});

describe('resource locators', () => {
	const search = async (method: string, filter?: string) =>
		await runListSearch(
			{
				nodeType: new AgentRef(),
				credentialTypes: [new AgentRefApi()],
				credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: kit.baseUrl } },
				parameters: { resource: 'program', operation: 'get' },
			},
			method,
			filter,
		);

	test('programs are listed by name and filtered', async () => {
		const { results } = await search('searchPrograms', 'test');
		expect(results).toEqual([{ name: 'Test Program', value: 'prog_1' }]);
		expect(kit.sim.log[0]).toMatchObject({ method: 'GET', path: '/programs', query: { pageSize: '100' } });
	});

	test('affiliates are searched by the API', async () => {
		const { results } = await search('searchAffiliates', 'jane');
		expect(results).toEqual([{ name: 'Jane Doe', value: 'aff_1' }]);
		expect(kit.sim.log[0].query).toEqual({ pageSize: '100', search: 'jane' });
	});
});
