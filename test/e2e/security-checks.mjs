// Security checks in a real n8n (issue #12, points 1, 2 and 6), self-contained: given the n8n
// URL, a signed-in REST client (N8nRest) and the run's `check(name, ok, detail)`, it drives the
// simulators started by start-sims.ts (control port 41800 plus E2E_PORT_OFFSET) and a second loopback
// server of its own that stands in for "another host". Call it while `n8n start` runs, after the
// webhook trigger checks (it activates the AgentRef Trigger workflow again and deactivates it).
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';

import { settle } from './n8n-server.mjs';

let CONTROL = 'http://127.0.0.1:41800';
const CRED = {
	agentRefApi: { id: 'e2eAgentRefCred', name: 'AgentRef simulator', secret: 'ak_live_sim_merchant' },
	openToCloseApi: { id: 'e2eOpenToCloseCred', name: 'Open To Close simulator', secret: 'otc_sim_token_abcdef' },
};

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function inject(service, fault, match) {
	const response = await fetch(`${CONTROL}/${service}/inject`, { method: 'POST', body: JSON.stringify({ fault, match }) });
	if (!response.ok) throw new Error(`the simulators' control port refused the fault (${response.status}): is start-sims.ts up to date?`);
}

/** "Another host": a loopback server on its own port that records every request reaching it. */
async function startCatcher() {
	const log = [];
	const server = http.createServer((req, res) => {
		log.push({ url: req.url, headers: req.headers });
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end('{"data": {"stolen": true}}');
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}`;
	return { url, log, stop: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }) };
}

/**
 * A workflow "Webhook → one node of the package" activated in n8n: each call of its production
 * webhook runs the node for real and answers with the node's first output item.
 */
async function webhookWorkflow(rest, n8nUrl, name, node) {
	const path = `security-${randomUUID()}`;
	const webhook = { id: 'hook', name: 'Webhook', type: 'n8n-nodes-base.webhook', typeVersion: 2, position: [0, 0], webhookId: randomUUID(), parameters: { httpMethod: 'POST', path, responseMode: 'lastNode', options: {} } };
	const target = { id: 'target', name: 'Target', typeVersion: 1, position: [220, 0], ...node };
	const created = await rest.call('POST', '/workflows', { name, active: false, nodes: [webhook, target], connections: { Webhook: { main: [[{ node: 'Target', type: 'main', index: 0 }]] } }, settings: {} });
	const { versionId } = await rest.call('GET', `/workflows/${created.id}`);
	await rest.call('POST', `/workflows/${created.id}/activate`, { versionId });
	const call = async () => {
		// The production webhook may take a moment to be registered after activation.
		let answer;
		await settle(async () => {
			const response = await fetch(`${n8nUrl}/webhook/${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
			answer = { status: response.status, text: await response.text() };
			return response.status !== 404;
		});
		return answer;
	};
	const executions = async () => (await rest.call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: created.id }))}`)).results ?? [];
	const stop = () => rest.call('POST', `/workflows/${created.id}/deactivate`, {}).catch(() => undefined);
	return { id: created.id, call, executions, stop };
}

function agentRefNode(parameters, continueOnFail) {
	return {
		type: 'n8n-nodes-agentref.agentRef',
		parameters,
		credentials: { agentRefApi: { id: CRED.agentRefApi.id, name: CRED.agentRefApi.name } },
		...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

/** Point 1: no redirect carries a credential to another host (node run and credential test). */
async function redirectChecks({ rest, n8nUrl, check, credentials, line = 2 }) {
	const catcher = await startCatcher();
	try {
		await inject('agentref', { kind: 'status', status: 302, headers: { location: `${catcher.url}/api/v1/me?x=1` } }, { path: '/me' });
		const agentRef = credentials.find((c) => c.type === 'agentRefApi');
		const tested = await rest.call('POST', '/credentials/test', { credentials: agentRef });
		check(
			`security: a credential test answered 302 to another port fails${line === 1 ? '' : ' naming the redirect'}, and that server never sees the key`,
			// n8n 1.x answers a failed credential test with its own generic message, not the node's rules.
			tested.status === 'Error' && (line === 1 || tested.message.includes('redirect (HTTP 302), which is not followed')) && catcher.log.length === 0,
			`${tested.status}: ${tested.message}; ${catcher.log.length} request(s) reached the other port`,
		);

		const flow = await webhookWorkflow(rest, n8nUrl, 'Security: redirect', agentRefNode({ resource: 'merchant', operation: 'get' }, true));
		try {
			await inject('agentref', { kind: 'status', status: 307, headers: { location: `${catcher.url}/api/v1/merchant` } }, { path: '/merchant' });
			const answer = await flow.call();
			let error;
			try {
				error = JSON.parse(answer.text).error;
			} catch {
				error = undefined;
			}
			check(
				'security: a node run answered 307 to another port outputs a clear error, and that server never sees the key',
				answer.status === 200 && error?.message === `AgentRef answered 307 with a redirect to ${catcher.url}, which is not followed` && error?.httpStatus === 307 && catcher.log.length === 0,
				`${answer.status} ${answer.text.slice(0, 300)}; ${catcher.log.length} request(s) reached the other port`,
			);
		} finally {
			await flow.stop();
		}
	} finally {
		await catcher.stop();
	}
}

/** Point 2: what an API echoes (URL with api_token, Authorization header) is masked everywhere. */
async function echoChecks({ rest, n8nUrl, check }) {
	// Open To Close: the token travels in the query; the API echoes the URL in its JSON error.
	const otc = await webhookWorkflow(rest, n8nUrl, 'Security: echoed token', {
		type: 'n8n-nodes-opentoclose.openToClose',
		parameters: { resource: 'contact', operation: 'get', contactId: '1' },
		credentials: { openToCloseApi: { id: CRED.openToCloseApi.id, name: CRED.openToCloseApi.name } },
		onError: 'continueRegularOutput',
	});
	try {
		await inject('opentoclose', { kind: 'echo', status: 404, format: 'json' }, { path: '/contacts/1' });
		const answer = await otc.call();
		check(
			'security: an Open To Close error echoing the URL outputs api_token=*** under Continue On Fail, never the token',
			answer.text.includes('api_token=***') && !answer.text.includes(CRED.openToCloseApi.secret),
			answer.text.slice(0, 300),
		);
	} finally {
		await otc.stop();
	}

	// AgentRef: the API echoes the Authorization header in a text error; the run fails and is saved.
	const ar = await webhookWorkflow(rest, n8nUrl, 'Security: echoed key', agentRefNode({ resource: 'merchant', operation: 'get' }, false));
	try {
		await inject('agentref', { kind: 'echo', status: 401, format: 'text' }, { path: '/merchant' });
		const answer = await ar.call();
		await settle(async () => (await ar.executions()).length > 0);
		const runs = await ar.executions();
		const saved = runs[0] ? JSON.stringify(await rest.call('GET', `/executions/${runs[0].id}`)) : '';
		check(
			'security: an AgentRef error echoing the Authorization header is saved with Bearer *** and nowhere with the key',
			runs.length === 1 && saved.includes('Bearer ***') && !saved.includes(CRED.agentRefApi.secret) && !answer.text.includes(CRED.agentRefApi.secret),
			`${runs.length} execution(s); the saved execution ${saved.includes('Bearer ***') ? 'shows Bearer ***' : 'lacks Bearer ***'}${saved.includes(CRED.agentRefApi.secret) ? ' and CONTAINS THE KEY' : ''}`,
		);
	} finally {
		await ar.stop();
	}
}

/** Signs bytes the way AgentRef (Svix) does. */
function sign(secret, id, body) {
	const timestamp = String(Math.floor(Date.now() / 1000));
	const signature = createHmac('sha256', Buffer.from(secret.replace(/^whsec_/, ''), 'base64'))
		.update(Buffer.concat([Buffer.from(`${id}.${timestamp}.`), Buffer.from(body)]))
		.digest('base64');
	return { 'svix-id': id, 'svix-timestamp': timestamp, 'svix-signature': `v1,${signature}` };
}

/** Point 6: signed deliveries that are not JSON events get 400 and start nothing; a valid one gets JSON. */
async function triggerChecks({ rest, n8nUrl, check }) {
	const workflowId = 'e2eArWebhook';
	const control = async (what) => (await fetch(`${CONTROL}/agentref/${what}`)).json();
	const { versionId } = await rest.call('GET', `/workflows/${workflowId}`);
	await rest.call('POST', `/workflows/${workflowId}/activate`, { versionId });
	await settle(async () => (await control('webhooks')).length > 0);
	const [endpoint] = await control('webhooks');
	const executions = async () => (await rest.call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? [];
	try {
		if (!endpoint) throw new Error('the AgentRef Trigger registered no endpoint at the simulator');
		const hookUrl = `${n8nUrl}/webhook/e2e-agentref-conversions/webhook`;
		const before = (await executions()).length;
		const deliver = async (contentType, body, id) => {
			const response = await fetch(hookUrl, { method: 'POST', headers: { 'Content-Type': contentType, ...sign(endpoint.signingSecret, id, body) }, body });
			return `${response.status} ${(await response.text()).slice(0, 120)}`;
		};
		const refused = [
			await deliver('text/plain', 'hello there', 'msg_sec_text'),
			await deliver('application/xml', '<event><type>conversion.created</type><id>evt_x</id></event>', 'msg_sec_xml'),
			await deliver('application/x-www-form-urlencoded', 'type=conversion.created&id=evt_f', 'msg_sec_form'),
			await deliver('application/json', '', 'msg_sec_empty'),
		];
		const event = { id: 'evt_sec_1', type: 'conversion.created', createdAt: new Date().toISOString(), programId: 'prog_1', environment: 'production', schemaVersion: 2, data: { conversionId: 'conv_sec_1' } };
		const accepted = await deliver('application/json', JSON.stringify(event), 'msg_sec_ok');
		await settle(async () => (await executions()).length !== before);
		await sleep(1500);
		const after = (await executions()).length;
		check(
			'security: signed text, XML, form and empty deliveries get 400 and start nothing; a valid one gets {"received":true} and starts one execution',
			refused.every((r) => r.startsWith('400 ')) && accepted === '200 {"received":true}' && after - before === 1,
			`${refused.join(' | ')} | ${accepted} | ${after - before} new execution(s)`,
		);
	} finally {
		await rest.call('POST', `/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
		await settle(async () => (await control('webhooks')).length === 0);
	}
}

/**
 * Runs the three groups; each records its own result through `check`, and an exception inside
 * one is recorded as that group's failure so the others still run.
 * `credentials` are the e2e credentials as imported (test/e2e/credentials.json).
 */
export async function securityChecks({ rest, n8nUrl, controlUrl, check, credentials, line = 2 }) {
	if (controlUrl) CONTROL = controlUrl;
	for (const [name, run] of [['redirects', redirectChecks], ['echoed secrets', echoChecks], ['AgentRef Trigger answers', triggerChecks]]) {
		try {
			await run({ rest, n8nUrl, check, credentials, line });
		} catch (error) {
			check(`security: ${name}`, false, error.message);
		}
	}
}
