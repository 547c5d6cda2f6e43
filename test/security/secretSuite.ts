/**
 * Secrets stay secret, for each service through the real engine: an API error body echoing the
 * secret at any depth (saved execution, Continue On Fail `details`), a redirect naming the secret
 * in its Location host in any letter case, and a credential test answered with any error status
 * whose status text echoes the request. Properties run with fast-check; a failure prints its seed.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import fc from 'fast-check';
import type { ICredentialDataDecryptedObject, ICredentialType, IDataObject } from 'n8n-workflow';

import { everythingProduced } from '../harness/engine';
import type { RunResult } from '../harness/engine';
import type { ServiceKit } from '../harness/kit';
import type { SecurityTargets } from '../harness/security';
import type { SimServer } from '../sim/server';
import { seeded } from './seeded';

const REDIRECTS = [301, 302, 303, 307, 308];

/** The same text with each letter's case picked at random. */
const caseVariant = (text: string) =>
	fc.array(fc.boolean(), { minLength: text.length, maxLength: text.length }).map((upper) => [...text].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(''));

/** Nested `depth` levels deep, alternately in objects and lists, with the echo at `position` of the innermost list. */
function nest(leaf: unknown, depth: number, position = 0): unknown {
	let value = leaf;
	for (let i = 0; i < depth; i++) {
		value = i % 2 ? [...Array.from({ length: position }, (_, n) => `entry ${n}`), value] : { field: 'amount', problem: value };
	}
	return value;
}

/** An error body that puts `nested` everywhere one of the four APIs reads its details from. */
const deepErrorBody = (nested: unknown) => ({
	message: 'The request is invalid',
	code: 'INVALID',
	error: { code: 'INVALID', message: 'The request is invalid', details: { fields: nested } },
	errors: [nested],
	field_errors: { amount: nested },
	ModelState: { amount: nested },
});

/** A server that answers every request with `status`, its status text and body echoing the request. */
function useStatusTextEcho() {
	const echo = { url: '', status: 500, requests: 0 };
	let server: http.Server;
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			echo.requests++;
			const text = `Echo ${req.method ?? ''} ${req.url ?? ''} Authorization ${String(req.headers.authorization ?? '')}`.replace(/[^\x20-\x7e]/g, '');
			res.writeHead(echo.status, text, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: text }));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		echo.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise<void>((resolve) => server.close(() => resolve()));
	});
	return echo;
}

export function secretSuite<S extends SimServer>(kit: ServiceKit<S>, t: SecurityTargets, credentialType: ICredentialType) {
	/** The credential with its secret replaced (the simulator's faults answer before it checks a key). */
	const withSecret = (secret: string, baseUrl = kit.baseUrl): ICredentialDataDecryptedObject =>
		Object.fromEntries(Object.entries(t.credentials(baseUrl)).map(([key, value]) => [key, value === t.secret ? secret : value]));
	/** Nothing a run produced holds the secret, in any letter case or percent-encoded. */
	const noSecretIn = (text: string, secret = t.secret) => {
		expect(text.toLowerCase()).not.toContain(secret.toLowerCase());
		expect(text.toLowerCase()).not.toContain(encodeURIComponent(secret).toLowerCase());
	};
	const errorOf = (result: RunResult) => (result.error as unknown as IDataObject | undefined) ?? (result.items[0]?.json.error as IDataObject | undefined);

	describe(`${t.displayName}: an error body echoing the secret at any depth keeps none of it`, () => {
		test.each([22, 64, 65, 300, 1_000].flatMap((depth) => [false, true].map((continueOnFail) => [depth, continueOnFail] as const)))(
			'%d levels deep, Continue On Fail %s',
			async (depth, continueOnFail) => {
				kit.sim.inject({ kind: 'status', status: 422, body: deepErrorBody(nest(`echo of ${t.secret}`, depth)) }, { path: t.read.path });
				const result = await kit.run(t.read.params, { continueOnFail });
				const error = errorOf(result);
				expect(error?.message).toBeDefined();
				expect(String(continueOnFail ? error?.httpStatus : error?.httpCode)).toBe('422');
				noSecretIn(everythingProduced(result));
			},
		);

		test('property: any case variant of the secret, at any depth and position, in any of the error fields', async () => {
			await seeded(
				fc.asyncProperty(
					caseVariant(t.secret),
					fc.integer({ min: 0, max: 150 }),
					fc.integer({ min: 0, max: 3 }),
					fc.string({ maxLength: 6 }),
					fc.boolean(),
					async (variant, depth, position, around, continueOnFail) => {
						kit.sim.inject({ kind: 'status', status: 400, body: deepErrorBody(nest(`${around}${variant}${around}`, depth, position)) }, { path: t.read.path });
						const result = await kit.run(t.read.params, { continueOnFail });
						expect(errorOf(result)?.message).toBeDefined();
						noSecretIn(everythingProduced(result));
					},
				),
				{ numRuns: 25 },
			);
		});
	});

	describe(`${t.displayName}: a redirect naming the secret in its Location host, in any letter case`, () => {
		const mixed = [...t.secret].map((c, i) => (i % 2 ? c.toUpperCase() : c.toLowerCase())).join('');

		test.each(REDIRECTS)('%d to a host that is a mixed-case key: the error names the host masked', async (status) => {
			kit.sim.inject({ kind: 'status', status, headers: { location: `http://${mixed}.redirect.invalid:81/next` } }, { path: t.read.path });
			const result = await kit.run(t.read.params, { credentials: withSecret(mixed) });
			expect(result.error?.message).toBe(`${t.displayName} answered ${status} with a redirect to http://***.redirect.invalid:81, which is not followed`);
			noSecretIn(everythingProduced(result), mixed);
		});

		test('property: any case variant of any key, in the Location host, never shows in what a run produces', async () => {
			await seeded(
				fc.asyncProperty(
					fc.stringMatching(/^[A-Za-z0-9_-]{6,30}$/).map((random) => `sk_${random}`).chain((secret) => fc.tuple(fc.constant(secret), caseVariant(secret))),
					fc.constantFrom(...REDIRECTS),
					fc.boolean(),
					async ([secret, variant], status, continueOnFail) => {
						kit.sim.inject({ kind: 'status', status, headers: { location: `https://pre-${variant}.redirect.invalid/x?y=1` } }, { path: t.read.path });
						const result = await kit.run(t.read.params, { credentials: withSecret(secret), continueOnFail });
						expect(errorOf(result)?.message).toMatch(/with a redirect to https:\/\/pre-\*\*\*\.redirect\.invalid, which is not followed$/);
						noSecretIn(everythingProduced(result), secret);
					},
				),
				{ numRuns: 25 },
			);
		});
	});

	describe(`${t.displayName}: the credential test shows no status text, for every status`, () => {
		const echo = useStatusTextEcho();
		const echoCredentials = () => t.credentials(`${echo.url}${new URL(kit.baseUrl).pathname.replace(/\/+$/, '')}`);

		test('every status n8n treats as an error (300-999) has its own message', () => {
			const rules = (credentialType.test?.rules ?? []) as Array<{ type: string; properties: { value?: unknown; message: string } }>;
			const codes = rules.filter((r) => r.type === 'responseCode');
			for (let status = 300; status <= 999; status++) {
				const own = codes.filter((r) => r.properties.value === status);
				expect(own.map((r) => r.properties.message.includes(`(HTTP ${status})`) || r.properties.message.includes(`HTTP ${status},`))).toEqual([true]);
			}
		});

		// One status of each class, and the edges of each.
		test.each([300, 304, 305, 306, 399, 400, 401, 402, 403, 404, 405, 418, 422, 429, 451, 499, 500, 501, 502, 503, 504, 599, 600, 799, 999])(
			'answered %d with a status text that echoes the request: says what to check, shows none of it',
			async (status) => {
				echo.status = status;
				const { error } = await kit.testCredential(echoCredentials());
				expect(echo.requests).toBeGreaterThan(0);
				expect(error?.message).toContain(`HTTP ${status}`);
				expect(error?.message).not.toContain('Echo');
				noSecretIn(String(error?.message));
			},
		);

		test('property: any error status with an echoing status text', async () => {
			await seeded(
				fc.asyncProperty(fc.integer({ min: 300, max: 999 }), async (status) => {
					echo.status = status;
					const { error } = await kit.testCredential(echoCredentials());
					expect(error?.message).toContain(`HTTP ${status}`);
					noSecretIn(String(error?.message));
				}),
				{ numRuns: 30 },
			);
		});
	});
}
