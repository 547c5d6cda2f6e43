/**
 * AgentRef Trigger: the webhook lifecycle against the simulator, and deliveries signed by an
 * independent Svix implementation (the `svix` package) accepted, forged ones refused.
 */
import { createHmac } from 'node:crypto';

import fc from 'fast-check';
import { Webhook } from 'svix';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRefTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefTrigger.node';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createAgentRefSim, MERCHANT_KEY, ok } from '../sim/agentref';
import { seeded } from '../security/seeded';

const sim = createAgentRefSim();
const started = useSimulator(sim);

const HOOK_URL = 'http://localhost:5678/webhook/webhook-under-test/webhook';

const environment = (parameters: Record<string, unknown> = {}) =>
	triggerEnvironment({
		nodeType: new AgentRefTrigger(),
		credentialTypes: [new AgentRefApi()],
		credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: started.baseUrl } },
		parameters: { events: ['conversion.created', 'payout.completed'], programId: { __rl: true, mode: 'id', value: 'prog_1' }, options: {}, ...parameters },
	});

const event = (id: string, type = 'conversion.created') =>
	JSON.stringify({ id, type, schemaVersion: 2, createdAt: '2026-11-24T10:00:00Z', merchantId: 'merch_1', programId: 'prog_1', environment: 'production', data: { id: 'conv_1', amount: 10000, commission: 2000 } });

function signed(secret: string, id: string, body: string, at = new Date()) {
	const signature = new Webhook(secret).sign(id, at, body);
	return { headers: { 'svix-id': id, 'svix-timestamp': String(Math.floor(at.getTime() / 1000)), 'svix-signature': signature }, rawBody: body };
}

describe('lifecycle', () => {
	test('activation registers the endpoint once, keeps the secret, and deactivation deletes it', async () => {
		const env = environment();
		expect(await env.hook('checkExists')).toBe(false);
		expect(await env.hook('create')).toBe(true);
		const post = sim.requests('POST', '/webhooks')[0];
		expect(post.body).toEqual({ name: 'n8n: engine-test', url: HOOK_URL, subscribedEvents: ['conversion.created', 'payout.completed'], programId: 'prog_1', schemaVersion: 2 });
		const state = env.staticData();
		const endpoint = sim.state.webhooks.find((w) => w.url === HOOK_URL)!;
		expect(state).toEqual({ endpointId: endpoint.id, signingSecret: sim.state.secrets[String(endpoint.id)] });

		// A second activation finds it instead of making another.
		sim.resetLog();
		expect(await env.hook('checkExists')).toBe(true);
		expect(sim.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /webhooks']);
		expect(sim.state.webhooks.filter((w) => w.url === HOOK_URL)).toHaveLength(1);

		expect(await env.hook('delete')).toBe(true);
		expect(sim.requests('DELETE')[0].path).toBe(`/webhooks/${String(endpoint.id)}`);
		expect(sim.state.webhooks.find((w) => w.url === HOOK_URL)).toBeUndefined();
		expect(env.staticData()).toEqual({});
	});

	test('changed events update the subscription; a missing secret is rotated, never guessed', async () => {
		const first = environment();
		await first.hook('create');
		const changed = environment({ events: ['payout.failed'], programId: { __rl: true, mode: 'id', value: '' } });
		sim.resetLog();
		expect(await changed.hook('checkExists')).toBe(true);
		const id = String(sim.state.webhooks.find((w) => w.url === HOOK_URL)!.id);
		expect(sim.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /webhooks', `PATCH /webhooks/${id}`, `POST /webhooks/${id}/rotate-secret`]);
		expect(sim.log[1].body).toEqual({ subscribedEvents: ['payout.failed'], programId: null, schemaVersion: 2 });
		expect(changed.staticData().signingSecret).toBe(sim.state.secrets[id]);
		await changed.hook('delete');
	});
});

describe('deliveries', () => {
	const activated = async () => {
		const env = environment();
		await env.hook('create');
		return { env, secret: String(env.staticData().signingSecret) };
	};

	test('a delivery signed by the svix package starts the workflow with the envelope', async () => {
		const { env, secret } = await activated();
		const result = await env.deliver(signed(secret, 'msg_ok', event('msg_ok')));
		expect(result.items.map((i) => i.json)).toEqual([{ id: 'msg_ok', type: 'conversion.created', createdAt: '2026-11-24T10:00:00Z', programId: 'prog_1', environment: 'production', merchantId: 'merch_1', schemaVersion: 2, data: { id: 'conv_1', amount: 10000, commission: 2000 }, deliveryId: 'msg_ok' }]);
		await env.hook('delete');
	});

	test('Output Data Only gives the event data alone', async () => {
		const env = environment({ options: { dataOnly: true } });
		await env.hook('create');
		const secret = String(env.staticData().signingSecret);
		const result = await env.deliver(signed(secret, 'msg_data', event('msg_data')));
		expect(result.items.map((i) => i.json)).toEqual([{ id: 'conv_1', amount: 10000, commission: 2000 }]);
		await env.hook('delete');
	});

	test('several signatures (secret rotation) are accepted when one matches', async () => {
		const { env, secret } = await activated();
		const delivery = signed(secret, 'msg_rot', event('msg_rot'));
		delivery.headers['svix-signature'] = `v1,${Buffer.from('old-signature').toString('base64')} ${delivery.headers['svix-signature']}`;
		expect((await env.deliver(delivery)).items).toHaveLength(1);
		await env.hook('delete');
	});

	test.each([
		['a tampered body', (s: string) => ({ ...signed(s, 'msg_t', event('msg_t')), rawBody: event('msg_t').replace('10000', '99999') })],
		['the wrong secret', () => signed(`whsec_${Buffer.from('another-secret-entirely!').toString('base64')}`, 'msg_w', event('msg_w'))],
		['a stale timestamp', (s: string) => signed(s, 'msg_s', event('msg_s'), new Date(Date.now() - 6 * 60 * 1000))],
		['a future timestamp', (s: string) => signed(s, 'msg_f', event('msg_f'), new Date(Date.now() + 6 * 60 * 1000))],
		['a missing header', (s: string) => { const d = signed(s, 'msg_m', event('msg_m')); delete (d.headers as Record<string, string>)['svix-signature']; return d; }],
	])('%s is refused with 401 and starts nothing', async (_label, make) => {
		const { env, secret } = await activated();
		const result = await env.deliver(make(secret));
		expect(result.status).toBe(401);
		expect(result.items).toHaveLength(0);
		expect(JSON.stringify(result.body)).not.toContain(secret);
		await env.hook('delete');
	});

	test('a replayed delivery is acknowledged but starts the workflow only once', async () => {
		const { env, secret } = await activated();
		const delivery = signed(secret, 'msg_dup', event('msg_dup'));
		expect((await env.deliver(delivery)).items).toHaveLength(1);
		const again = await env.deliver(delivery);
		expect(again.status).toBe(200);
		expect(again.items).toHaveLength(0);
		await env.hook('delete');
	});

	test('a replay is still caught when n8n did not save the delivery id into static data', async () => {
		// Real n8n drops static-data changes made by webhook() when the call starts a run.
		const { env, secret } = await activated();
		const delivery = signed(secret, 'msg_unsaved', event('msg_unsaved'));
		expect((await env.deliver(delivery)).items).toHaveLength(1);
		const state = env.staticData();
		state.seenIds = [];
		const again = await env.deliver(delivery);
		expect(again.status).toBe(200);
		expect(again.items).toHaveLength(0);
		await env.hook('delete');
	});

	test('an event the trigger did not ask for is acknowledged and ignored', async () => {
		const { env, secret } = await activated();
		const result = await env.deliver(signed(secret, 'msg_other', event('msg_other', 'program.updated')));
		expect(result.status).toBe(200);
		expect(result.items).toHaveLength(0);
		await env.hook('delete');
	});

	test('the signing secret never reaches an output', async () => {
		const { env, secret } = await activated();
		const result = await env.deliver(signed(secret, 'msg_sec', event('msg_sec')));
		expect(JSON.stringify(result.items)).not.toContain(secret.replace('whsec_', ''));
		await env.hook('delete');
	});
});

describe('an answer without a usable signing secret never makes a secret', () => {
	/** What AgentRef could answer instead of a secret; each one's text is public, so anyone could sign with it. */
	const NOT_SECRETS: Array<[string, unknown]> = [
		['missing', undefined],
		['null', null],
		['empty', ''],
		['a number', 12345],
		['an object', { value: 'whsec_x' }],
		['too short to be a key', 'whsec_MTIz'],
		['not base64', 'whsec_not base64 at all!'],
	];
	/** Anyone can sign with the text a value turns into; the svix package signs only with base64 secrets. */
	const forged = (value: unknown, id: string) => {
		// What an older version stored (String(value)); an object without a prototype has no such text.
		let text: string;
		try {
			text = String(value);
		} catch {
			text = JSON.stringify(value);
		}
		const at = new Date();
		const timestamp = String(Math.floor(at.getTime() / 1000));
		const key = Buffer.from(text.replace(/^whsec_/, ''), 'base64');
		const signature = `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${event(id)}`).digest('base64')}`;
		return { headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature }, rawBody: event(id) };
	};
	/** An endpoint the simulator really holds, answered with `signingSecret` in place of its secret. */
	const answerCreateWith = (signingSecret: unknown) => {
		const endpoint = { id: `wh_nosecret_${sim.state.webhooks.length}`, url: HOOK_URL, subscribedEvents: ['conversion.created', 'payout.completed'], programId: 'prog_1', schemaVersion: 2 };
		sim.state.webhooks.push(endpoint);
		const data = signingSecret === undefined ? { endpoint } : { endpoint, signingSecret };
		sim.inject({ kind: 'status', ...ok(data, 201) } as never, { method: 'POST', path: '/webhooks', times: 1 });
		return endpoint.id;
	};

	test.each(NOT_SECRETS)('create answered with a secret that is %s: activation fails, the endpoint is removed, a forged delivery is refused', async (_label, value) => {
		const env = environment();
		const id = answerCreateWith(value);
		await expect(env.hook('create')).rejects.toThrow(/^AgentRef's answer to creating the webhook endpoint has no usable signing secret \(it is [^)]+\), so deliveries could not be verified: the workflow was not activated$/);
		expect(env.staticData()).toEqual({});
		expect(sim.requests('DELETE').map((r) => r.path)).toEqual([`/webhooks/${id}`]);
		expect(sim.state.webhooks.find((w) => w.id === id)).toBeUndefined();
		const result = await env.deliver(forged(value, 'msg_forged'));
		expect(result.status).toBe(401);
		expect(result.items).toEqual([]);
	});

	test.each(NOT_SECRETS)('rotation answered with a secret that is %s: activation fails and nothing is stored', async (_label, value) => {
		const env = environment();
		await env.hook('create');
		delete env.staticData().signingSecret;
		const id = String(env.staticData().endpointId);
		sim.inject({ kind: 'status', ...ok({ endpoint: { id }, ...(value === undefined ? {} : { signingSecret: value }) }) } as never, { method: 'POST', path: `/webhooks/${id}/rotate-secret`, times: 1 });
		await expect(env.hook('checkExists')).rejects.toThrow(/^AgentRef's answer to rotating the webhook secret has no usable signing secret/);
		expect(env.staticData().signingSecret).toBeUndefined();
		const result = await env.deliver(forged(value, 'msg_forged_rot'));
		expect(result.status).toBe(401);
		expect(result.items).toEqual([]);
		await env.hook('delete');
	});

	test.each([
		['the text "undefined" (what an older version stored)', 'undefined'],
		['the text "null"', 'null'],
		['a number', 12345],
		['an empty text', ''],
		['a list', ['whsec_x']],
	])('a stored value that is %s verifies no delivery, and the next activation rotates it', async (_label, stored) => {
		const env = environment();
		await env.hook('create');
		env.staticData().signingSecret = stored as never;
		const result = await env.deliver(forged(stored, 'msg_stored'));
		expect(result).toEqual({ status: 401, body: { error: 'Invalid webhook delivery: no signing secret stored: deactivate and activate the workflow again' }, items: [] });
		sim.resetLog();
		expect(await env.hook('checkExists')).toBe(true);
		const id = String(env.staticData().endpointId);
		expect(sim.log.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /webhooks', `POST /webhooks/${id}/rotate-secret`]);
		expect(env.staticData().signingSecret).toBe(sim.state.secrets[id]);
		await env.hook('delete');
	});

	test('property: whatever create answers in place of a secret, activation succeeds only with a real one, and only a delivery signed with it starts the workflow', async () => {
		const notSecret = fc.oneof(
			fc.constantFrom(undefined, null, '', 'undefined', 'null', 'whsec_', 'whsec_MTIz'),
			fc.integer(),
			fc.boolean(),
			fc.string({ maxLength: 20 }),
			fc.uint8Array({ maxLength: 15 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`),
			fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
		);
		const realSecret = fc.uint8Array({ minLength: 16, maxLength: 40 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
		let n = 0;
		await seeded(
			fc.asyncProperty(fc.oneof(notSecret, realSecret), async (value) => {
				sim.resetLog();
				const env = environment();
				answerCreateWith(value);
				const real = typeof value === 'string' && /^whsec_/.test(value) && Buffer.from(value.slice(6), 'base64').length >= 16;
				const activation = await env.hook('create').then(() => 'activated', (e: Error) => e.message);
				const id = `msg_prop_${++n}`;
				const result = await env.deliver(forged(value, id));
				await env.hook('delete');
				if (real) {
					expect(activation).toBe('activated');
					expect(result.items.map((i) => i.json.deliveryId)).toEqual([id]);
				} else {
					expect(activation).toMatch(/has no usable signing secret/);
					expect(result.items).toEqual([]);
					expect(result.status).toBe(401);
				}
			}),
			{ numRuns: 40 },
		);
	});
});
