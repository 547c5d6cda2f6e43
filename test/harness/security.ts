/**
 * The security suite every service runs through the real engine against its simulator: no
 * redirect carries the credential anywhere (a second loopback server on another port stands
 * in for the other host), no secret an API echoes reaches an error or an output, values of the
 * wrong type are refused before any request, Continue On Fail has one error shape, and the
 * credential test passes only on the API's own JSON answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import type { SimServer } from '../sim/server';
import { everythingProduced } from './engine';
import type { ServiceKit } from './kit';

/** A server on another port that records whatever reaches it (and answers 200 JSON). */
export function useCatcher() {
	const catcher = { url: '', log: [] as Array<{ url: string; headers: http.IncomingHttpHeaders }> };
	let server: http.Server;
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			catcher.log.push({ url: req.url ?? '', headers: req.headers });
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end('{"data": {"stolen": true}}');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		catcher.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	beforeEach(() => {
		catcher.log.length = 0;
	});
	return catcher;
}

/** The fields a Continue On Fail error may have (README, "Errors"). */
export const ERROR_OUTPUT_KEYS = ['message', 'description', 'httpStatus', 'code', 'requestId', 'field', 'idempotencyKey', 'details'];

export interface SecurityTargets {
	displayName: string;
	/** The credential's secret, as the simulator accepts it. */
	secret: string;
	credentials: (baseUrl: string) => ICredentialDataDecryptedObject;
	/** The credential fields a failed test asks to check. */
	where: string;
	/** A GET that succeeds against the seeded simulator, and its path at the simulator. */
	read: { params: INodeParameters; path: string };
	/** A write that is never retried, so every error status answers once. */
	write: { params: INodeParameters; method: string; path: string };
	/** The credential test's request path at the simulator. */
	credentialPath: string;
	/** Values of the wrong type: the parameters and the field the error must name. */
	wrongTypes: Array<[label: string, params: INodeParameters, field: string]>;
	/** An answer to the credential test that is JSON but not this API's. */
	foreignJson: unknown;
}

const STATUSES = [400, 401, 403, 404, 409, 422, 429, 500, 502, 503];
const REDIRECTS = [301, 302, 303, 307, 308];

export function securitySuite<S extends SimServer>(kit: ServiceKit<S>, t: SecurityTargets) {
	const catcher = useCatcher();
	const noSecretIn = (text: string) => {
		expect(text).not.toContain(t.secret);
		expect(text).not.toContain(encodeURIComponent(t.secret));
	};

	describe(`${t.displayName}: no redirect is followed with the credential`, () => {
		test.each(REDIRECTS)('a read answered %d to another port: that server never sees the key', async (status) => {
			kit.sim.inject(
				{ kind: 'status', status, headers: { location: `${catcher.url}/steal?api_token=${t.secret}&x=1` } },
				{ path: t.read.path },
			);
			const result = await kit.run(t.read.params);
			expect(result.error?.message).toBe(`${t.displayName} answered ${status} with a redirect to ${catcher.url}, which is not followed`);
			expect(result.error?.description).toContain('Base URL');
			expect(catcher.log).toEqual([]);
			expect(kit.sim.requests(undefined, t.read.path)).toHaveLength(1);
			noSecretIn(everythingProduced(result));
		});

		test('a write answered 307 is not sent on, and a same-origin redirect is not followed either', async () => {
			kit.sim.inject({ kind: 'status', status: 307, headers: { location: `${catcher.url}/v1/elsewhere` } }, { method: t.write.method, path: t.write.path });
			const write = await kit.run(t.write.params);
			expect(write.error?.message).toContain(`answered 307 with a redirect to ${catcher.url}`);
			kit.sim.inject({ kind: 'status', status: 302, headers: { location: `${kit.baseUrl}/somewhere-else` } }, { path: t.read.path });
			const same = await kit.run(t.read.params);
			expect(same.error?.message).toContain(`answered 302 with a redirect to ${new URL(kit.baseUrl).origin}`);
			expect(catcher.log).toEqual([]);
			expect(kit.sim.log.map((r) => r.path)).toEqual([t.write.path, t.read.path]);
		});

		test.each(REDIRECTS)('the credential test answered %d does not follow it and says what to check', async (status) => {
			kit.sim.inject({ kind: 'status', status, headers: { location: `${catcher.url}/login?next=1` } }, { path: t.credentialPath });
			const { error } = await kit.testCredential(t.credentials(kit.baseUrl));
			expect(error?.message).toContain(`answered with a redirect (HTTP ${status}), which is not followed`);
			expect(error?.message).toContain(`check the credential's ${t.where}`);
			expect(catcher.log).toEqual([]);
		});
	});

	describe(`${t.displayName}: an API that echoes the secret never puts it in an error or output`, () => {
		test.each(STATUSES.flatMap((status) => (['json', 'text', 'html'] as const).map((format) => [status, format] as const)))(
			'%d answered as %s, echoing the URL and the Authorization header',
			async (status, format) => {
				kit.sim.inject({ kind: 'echo', status, format }, { method: t.write.method, path: t.write.path });
				const result = await kit.run(t.write.params);
				expect(result.error?.httpCode).toBe(String(status));
				noSecretIn(everythingProduced(result));
				// The API's words are kept, with the secret masked (an HTML page's markup is no message).
				if (format !== 'html') expect(result.error?.message).toContain('***');
				expect(kit.sim.requests(t.write.method, t.write.path)).toHaveLength(1);
			},
		);

		test.each(['json', 'text'] as const)('under Continue On Fail, a %s echo outputs the error masked', async (format) => {
			kit.sim.inject({ kind: 'echo', status: 404, format }, { path: t.read.path });
			const result = await kit.run(t.read.params, { continueOnFail: true });
			const error = result.items[0]?.json.error as IDataObject;
			expect(error.message).toContain('***');
			expect(error.httpStatus).toBe(404);
			noSecretIn(everythingProduced(result));
		});

		test('a 2xx body that is not JSON and echoes the secret: masked before it is cut to 200 characters', async () => {
			kit.sim.inject({ kind: 'echo', status: 200, format: 'text' }, { path: t.read.path });
			const result = await kit.run(t.read.params);
			expect(result.error?.message).toBe(`${t.displayName} answered 200 with a body that is not valid JSON`);
			const produced = everythingProduced(result);
			// The body's start is kept in the error's fields for diagnosis, masked.
			expect(produced).toMatch(/No route for GET [^"]*\*\*\*/);
			noSecretIn(produced);
		});

		test.each([400, 401, 404, 500])('the credential test answered %d with an echo shows none of it', async (status) => {
			// Twice: n8n sends a request answered 401 once more, after its pre-authentication step.
			kit.sim.inject({ kind: 'echo', status, format: 'json' }, { path: t.credentialPath, times: 2 });
			const { error } = await kit.testCredential(t.credentials(kit.baseUrl));
			expect(error?.message).toBeDefined();
			noSecretIn(String(error?.message));
		});
	});

	describe(`${t.displayName}: values of the wrong type are refused before any request`, () => {
		test.each(t.wrongTypes)('%s', async (_label, params, field) => {
			const result = await kit.run(params);
			expect(result.error?.message).toMatch(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
			expect(kit.sim.log).toEqual([]);
		});
	});

	describe(`${t.displayName}: one error shape under Continue On Fail`, () => {
		test('an input error and an API error have the same fields', async () => {
			const [label, params, field] = t.wrongTypes[0];
			void label;
			const input = (await kit.run(params, { continueOnFail: true })).items[0]?.json.error as IDataObject;
			expect(input).toEqual({ message: expect.stringMatching(new RegExp(`^${field.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `)), description: expect.stringContaining(field), field });
			kit.sim.inject({ kind: 'status', status: 404, body: { message: 'Gone', error: { code: 'NOT_FOUND', message: 'Gone' } } }, { path: t.read.path });
			const api = (await kit.run(t.read.params, { continueOnFail: true })).items[0]?.json.error as IDataObject;
			expect(api).toMatchObject({ message: 'Gone', httpStatus: 404 });
			for (const error of [input, api]) {
				expect(typeof error.message).toBe('string');
				expect(Object.keys(error).filter((k) => !ERROR_OUTPUT_KEYS.includes(k))).toEqual([]);
			}
		});
	});

	describe(`${t.displayName}: the credential test passes only on the API's own answer`, () => {
		test.each([
			['an HTML page (a login or parking page)', '<html><body>Sign in</body></html>', 'text/html'],
			['plain text', 'Welcome to nginx', 'text/plain'],
		])('a 200 answer that is %s fails, saying what to check', async (_label, raw, type) => {
			kit.sim.inject({ kind: 'status', status: 200, raw, headers: { 'content-type': type } }, { path: t.credentialPath });
			const { error } = await kit.testCredential(t.credentials(kit.baseUrl));
			expect(error?.message).toBe(`The address answered with a page that is not JSON (a login or parking page?), not the ${t.displayName} API: check the credential's ${t.where}`);
		});

		test('a 200 JSON answer that is not the API\'s fails', async () => {
			kit.sim.inject({ kind: 'status', status: 200, body: t.foreignJson }, { path: t.credentialPath });
			const { error } = await kit.testCredential(t.credentials(kit.baseUrl));
			expect(error?.message).toContain(`with JSON that is not the ${t.displayName} API's answer`);
		});

		test('a host that does not exist, or where nothing answers, fails the test; a node run names what to check', async () => {
			// n8n's credential tester shows only the network code for these; the node's own runs say more.
			const missing = await kit.testCredential(t.credentials('https://no-such-host.invalid'));
			expect(missing.error?.message).toMatch(/^(ENOTFOUND|EAI_AGAIN|EAI_NONAME)$/);
			const closed = await kit.testCredential(t.credentials(`http://127.0.0.1:9${new URL(kit.baseUrl).pathname}`));
			expect(closed.error?.message).toBe('ECONNREFUSED');
			const run = await kit.run(t.write.params, { credentials: t.credentials('https://no-such-host.invalid') });
			expect(run.error?.message).toMatch(new RegExp(`^The host no-such-host\\.invalid was not found \\((ENOTFOUND|EAI_AGAIN|EAI_NONAME)\\): check the address in the ${t.displayName} credential$`));
			const refused = await kit.run(t.write.params, { credentials: t.credentials(`http://127.0.0.1:9${new URL(kit.baseUrl).pathname}`) });
			expect(refused.error?.message).toBe(`Nothing answered at http://127.0.0.1:9 (ECONNREFUSED): check the address in the ${t.displayName} credential`);
		});

		test('the right credential passes', async () => {
			const { error } = await kit.testCredential(t.credentials(kit.baseUrl));
			expect(error).toBeUndefined();
			expect(kit.sim.log.map((r) => r.path)).toEqual([t.credentialPath]);
		});
	});
}

/** The expressions that resolve to each wrong type, as a user's expression might. */
export const WRONG = {
	object: '={{ { "id": 1 } }}',
	list: '={{ [1, 2] }}',
	oneEntry: '={{ ["x1"] }}',
	null: '={{ null }}',
	boolean: '={{ true }}',
};
