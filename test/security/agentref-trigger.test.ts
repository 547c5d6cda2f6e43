/**
 * AgentRef Trigger: only the signed raw bytes count; a signed delivery that is not a JSON event
 * object gets 400 and starts nothing; a valid one gets a small JSON acknowledgement. Its API
 * calls follow no redirect and mask what the API echoes.
 */
import { createHmac } from 'node:crypto';

import { Webhook } from 'svix';

import { AgentRefApi } from '../../packages/agentref/credentials/AgentRefApi.credentials';
import { AgentRefTrigger } from '../../packages/agentref/nodes/AgentRef/AgentRefTrigger.node';
import { useCatcher } from '../harness/security';
import type { Delivery } from '../harness/trigger';
import { useSimulator } from '../harness/simulator';
import { triggerEnvironment } from '../harness/trigger';
import { createAgentRefSim, MERCHANT_KEY, ok } from '../sim/agentref';

const sim = createAgentRefSim();
const started = useSimulator(sim);
const catcher = useCatcher();

const environment = () =>
	triggerEnvironment({
		nodeType: new AgentRefTrigger(),
		credentialTypes: [new AgentRefApi()],
		credentials: { agentRefApi: { apiKey: MERCHANT_KEY, baseUrl: started.baseUrl } },
		parameters: { events: ['conversion.created'], programId: { __rl: true, mode: 'id', value: '' }, options: {} },
	});

/** Signs bytes the way AgentRef (Svix) does; the svix package signs only text, so binary is signed here. */
function signed(secret: string, id: string, raw: string | Buffer, body?: unknown): Delivery {
	const at = new Date();
	const timestamp = String(Math.floor(at.getTime() / 1000));
	const signature =
		typeof raw === 'string'
			? new Webhook(secret).sign(id, at, raw)
			: `v1,${createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
					.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), raw]))
					.digest('base64')}`;
	return { headers: { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': signature }, rawBody: raw, ...(body === undefined ? {} : { body }) };
}

const event = (id: string) => JSON.stringify({ id, type: 'conversion.created', createdAt: '2026-11-24T10:00:00Z', programId: 'prog_1', environment: 'production', data: { id: 'conv_1' } });

describe('deliveries', () => {
	// What n8n's body parser makes of each: XML and forms become objects that look like an event.
	test.each([
		['plain text', 'hello there', 'hello there'],
		['binary bytes', Buffer.from([0x00, 0xff, 0x10, 0x80, 0x7b]), {}],
		['an empty body', '', {}],
		['XML', '<event><type>conversion.created</type><id>evt_x</id></event>', { event: { type: ['conversion.created'], id: ['evt_x'] } }],
		['a form', 'type=conversion.created&id=evt_f', { type: 'conversion.created', id: 'evt_f' }],
		['a JSON array', '[{"type": "conversion.created"}]', [{ type: 'conversion.created' }]],
		['a JSON object without a type', '{"id": "evt_n", "data": {}}', { id: 'evt_n', data: {} }],
		['a JSON string', '"conversion.created"', 'conversion.created'],
	])('a correctly signed delivery of %s gets 400 and starts nothing', async (_label, raw, parsed) => {
		const env = environment();
		await env.hook('create');
		const secret = String(env.staticData().signingSecret);
		const answer = await env.deliver(signed(secret, `msg_${String(_label).replace(/\W/g, '_')}`, raw, parsed));
		expect(answer.status).toBe(400);
		expect(answer.body).toEqual({ error: 'Invalid webhook delivery: the body is not a JSON event object' });
		expect(answer.items).toEqual([]);
		await env.hook('delete');
	});

	test('n8n\'s parsed body is never used: a signed text body with an event-shaped parsed body is refused', async () => {
		const env = environment();
		await env.hook('create');
		const secret = String(env.staticData().signingSecret);
		const answer = await env.deliver(signed(secret, 'msg_swap', 'not json', JSON.parse(event('msg_swap'))));
		expect(answer.status).toBe(400);
		expect(answer.items).toEqual([]);
		await env.hook('delete');
	});

	test('a valid delivery is acknowledged with a small JSON body and starts the workflow', async () => {
		const env = environment();
		await env.hook('create');
		const secret = String(env.staticData().signingSecret);
		const answer = await env.deliver(signed(secret, 'msg_ack', event('msg_ack')));
		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({ received: true });
		expect(answer.items.map((i) => i.json.id)).toEqual(['msg_ack']);
		await env.hook('delete');
	});
});

describe('the trigger\'s API calls', () => {
	test('activation answered with a redirect fails clearly and never sends the key on', async () => {
		sim.inject({ kind: 'status', status: 307, headers: { location: `${catcher.url}/api/v1/webhooks` } }, { method: 'POST', path: '/webhooks' });
		const env = environment();
		await expect(env.hook('create')).rejects.toThrow(`AgentRef answered 307 with a redirect to ${catcher.url}, which is not followed`);
		expect(catcher.log).toEqual([]);
	});

	test('an activation error that echoes the key is masked', async () => {
		sim.inject({ kind: 'echo', status: 400, format: 'json' }, { method: 'POST', path: '/webhooks' });
		const env = environment();
		const error = (await env.hook('create').catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toContain('Authorization: Bearer ***');
		expect(JSON.stringify([error.message, error.description, error.stack, { ...error }])).not.toContain(MERCHANT_KEY);
	});

	test('an activation whose answer has a secret too short to use fails without showing it, and stores nothing', async () => {
		// Too short to be a key, but still the start of one: it must not reach the error either.
		const partial = `whsec_${Buffer.from('short-secret').toString('base64')}`;
		sim.state.webhooks.push({ id: 'wh_partial', url: 'http://localhost:5678/webhook/webhook-under-test/webhook', subscribedEvents: ['conversion.created'] });
		sim.inject({ kind: 'status', ...ok({ endpoint: { id: 'wh_partial' }, signingSecret: partial }, 201) } as never, { method: 'POST', path: '/webhooks' });
		const env = environment();
		const error = (await env.hook('create').catch((e: unknown) => e)) as Error & { description?: string };
		expect(error.message).toBe("AgentRef's answer to creating the webhook endpoint has no usable signing secret (it is not a base64 secret of at least 16 bytes), so deliveries could not be verified: the workflow was not activated");
		expect(JSON.stringify([error.message, error.description, error.stack, { ...error }])).not.toContain(partial.slice(6));
		expect(env.staticData()).toEqual({});
	});
});
