/**
 * AgentRef Trigger: the webhook lifecycle against the simulator, and deliveries signed by an
 * independent Svix implementation (the `svix` package) accepted, forged ones refused.
 */
import { Webhook } from 'svix';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRefTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefTrigger.node';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createAgentRefSim, MERCHANT_KEY } from '../sim/agentref';

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
