// n8n's own AI Agent, traced and governed by Prefactor, in a real n8n: the Prefactor package's agent
// templates (Chat Trigger → AI Agent with the OpenAI Chat Model and tools → Prefactor) are
// published, chatted with through the Chat Trigger's webhook, and the exact requests the
// Prefactor simulator received are asserted: register, start, the agent span, the model and tool
// spans (with their parent), payloads, statuses, finish; a tool that threw as a failed span; a
// retried node recording once; a terminate answer refusing the tool call and every later one.
// The chat model is the OpenAI simulator, following a script set per chat.
import fs from 'node:fs';
import path from 'node:path';

import { settle } from './n8n-server.mjs';

const TOKEN = 'pf_sim_token_0123456789';

export async function agentTracingChecks({ rest, n8nUrl, controlUrl, check, line }) {
	if (line !== 2) {
		// The templates use the AI Agent 3.1 and the Chat Trigger's webhook mode of n8n 2.x (n8n 1.123
		// knows the AI Agent up to 3.0), and sub-workflow tools that must be published, a 2.x notion.
		console.log('SKIP agent tracing checks on n8n 1.x: the agent templates need the AI Agent 3.1 of n8n 2.x');
		return [];
	}
	const offset = Number(new URL(controlUrl).port) - 41800;
	const prefactorApi = `http://127.0.0.1:${41802 + offset}/api/v1`;
	const openAi = `http://127.0.0.1:${41805 + offset}/v1`;
	const pf = async (method, path, body) => (await fetch(`${prefactorApi}${path}`, { method, headers: { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' }, body: body && JSON.stringify(body) })).json();
	const script = (turns) => fetch(`${openAi}/__script`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ script: turns }) });
	const log = async (service) => (await fetch(`${controlUrl}/${service}/log`)).json();
	const publish = async (id) => {
		const { versionId } = await rest.call('GET', `/workflows/${id}`);
		await rest.call('POST', `/workflows/${id}/activate`, { versionId });
	};
	const chat = async (path, chatInput) => {
		let answer;
		// The chat endpoint registers shortly after activation.
		await settle(async () => {
			const response = await fetch(`${n8nUrl}/webhook/${path}/chat`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ action: 'sendMessage', sessionId: `e2e-${path}`, chatInput }) });
			answer = { status: response.status, text: await response.text() };
			return response.status !== 404;
		});
		try {
			answer.json = JSON.parse(answer.text);
		} catch {
			answer.json = {};
		}
		return answer;
	};
	const since = async (service) => (await log(service)).length;
	const spansOf = async (instanceId) => (await pf('GET', `/agent_spans?agent_instance_id=${instanceId}&pagination[page_size]=100`)).summaries ?? [];
	const savedLogs = [];

	// 1. The traced template: Calculator, Word Count, Word Count on nothing (it throws), the answer.
	await publish('e2ePfAgentTrace');
	await script([
		{ calls: [{ name: 'Calculator', fill: '6*7' }] },
		{ calls: [{ name: 'Word_Count', fill: 'Prefactor traces n8n agents' }] },
		{ calls: [{ name: 'Word_Count', fill: '   ' }] },
		{ text: 'Six times seven is 42, and the text has 4 words.' },
	]);
	let mark = await since('prefactor');
	const question = 'What is 6 times 7, and how many words are in "Prefactor traces n8n agents"?';
	const traced = await chat('prefactor-agent-trace', question);
	const requests = (await log('prefactor')).slice(mark);
	savedLogs.push({ run: 'traced', requests });
	const writes = requests.filter((r) => r.method === 'POST');
	const shape = writes.map((r) => r.path.replace(/\/agent_instance\/[^/]+\//, '/agent_instance/:id/'));
	check('traced agent: five Prefactor requests (register, start, agent span, one bulk with every span, finish)', shape.join() === '/agent_instance/register,/agent_instance/:id/start,/agent_spans,/bulk,/agent_instance/:id/finish' && writes.every((r) => r.status === 200), shape.join(' '));
	const register = writes[0]?.body ?? {};
	const types = (register.agent_schema_version?.span_type_schemas ?? []).map((t) => t.name).join();
	check('register: agent version and the schema with the langchain span types', register.agent_version?.name === 'n8n chat agent' && register.agent_schema_version?.external_identifier === 'n8n-langchain-1' && types === 'langchain:agent,langchain:llm,langchain:tool', JSON.stringify({ version: register.agent_version, types }));
	const instanceId = writes[1]?.path.split('/')[2];
	const agentSpan = writes[2]?.body?.details ?? {};
	check('agent span: the chat input, the final answer, complete', agentSpan.schema_name === 'langchain:agent' && agentSpan.status === 'complete' && agentSpan.payload?.input === question && agentSpan.result_payload?.output === 'Six times seven is 42, and the text has 4 words.', JSON.stringify({ input: agentSpan.payload?.input, output: agentSpan.result_payload?.output }));
	const items = writes[3]?.body?.items ?? [];
	const kinds = items.map((i) => `${i.details.schema_name.split(':')[1]}:${i.details.status}`).join();
	check('bulk: model and tool spans in order; the tool that threw is a failed span with its error', kinds === 'llm:complete,tool:complete,llm:complete,tool:complete,llm:complete,tool:failed,llm:complete' && items[5]?.details.result_payload?.error?.includes('There is no text to count') && items[1]?.details.payload?.tool_name === 'Calculator' && JSON.stringify(items[1]?.details.result_payload).includes('42') && items[3]?.details.payload?.tool_name === 'Word_Count', `${kinds}; failed: ${JSON.stringify(items[5]?.details.result_payload)}`);
	const spans = await spansOf(instanceId);
	const root = spans.find((s) => !s.parent_span_id);
	check('the span tree in Prefactor: one agent span, the seven others under it', spans.length === 8 && root?.schema_name === 'langchain:agent' && spans.filter((s) => s !== root).every((s) => s.parent_span_id === root.id), `${spans.length} spans`);
	const instance = (await pf('GET', `/agent_instance/${instanceId}`)).details ?? {};
	check('the run is finished complete; the chat gets the answer and prefactorTrace', writes[4]?.body?.status === 'complete' && instance.status === 'complete' && traced.status === 200 && traced.text.includes('Six times seven is 42') && traced.text.includes('"recorded"'), `${instance.status}; chat ${traced.status} ${traced.text.slice(0, 160)}`);
	const keys = [...writes.map((r) => r.body?.idempotency_key), ...items.map((i) => i.idempotency_key)].filter(Boolean);
	check('every write has its own idempotency key derived from the run (n8n-<hash>-<role>, at most 64 characters)', keys.length === writes.length - 1 + items.length && new Set(keys).size === keys.length && keys.every((k) => /^n8n-[0-9a-f]{40}-[a-z0-9-]+$/.test(k) && k.length <= 64), `${keys.length} keys`);

	// 2. The same template with Retry On Fail: the spans fail past the transport's retries once.
	const template = await rest.call('GET', '/workflows/e2ePfAgentTrace');
	const retryNodes = template.nodes.map((n) => (n.name === 'Trace in Prefactor' ? { ...n, retryOnFail: true, maxTries: 2, waitBetweenTries: 10, parameters: { ...n.parameters, options: { ...n.parameters.options, failOnTracingError: true } } } : n.type.endsWith('chatTrigger') ? { ...n, webhookId: 'prefactor-agent-retry' } : n));
	const retryWorkflow = await rest.call('POST', '/workflows', { name: 'Prefactor agent trace, retried', nodes: retryNodes, connections: template.connections, settings: template.settings });
	await publish(retryWorkflow.id);
	await script([{ calls: [{ name: 'Calculator', fill: '2+2' }] }, { text: 'Four.' }]);
	await fetch(`${controlUrl}/prefactor/inject`, { method: 'POST', body: JSON.stringify({ fault: { kind: 'status', status: 503, body: { status: 'error', code: 'unexpected', message: 'Service unavailable' } }, match: { path: '/bulk', times: 4 } }) });
	const before = ((await pf('GET', '/agent_instance?agent_id=agent_1&pagination[page_size]=100')).summaries ?? []).length;
	mark = await since('prefactor');
	const retried = await chat('prefactor-agent-retry', 'What is 2 plus 2?');
	const retryLog = (await log('prefactor')).slice(mark).filter((r) => r.method === 'POST');
	const after = ((await pf('GET', '/agent_instance?agent_id=agent_1&pagination[page_size]=100')).summaries ?? []).length;
	const registers = retryLog.filter((r) => r.path === '/agent_instance/register');
	const retriedId = retryLog.find((r) => /\/start$/.test(r.path))?.path.split('/')[2];
	const retriedSpans = retriedId ? await spansOf(retriedId) : [];
	check(
		'Retry On Fail: the retried Prefactor node sends the same keys again and the run is recorded once',
		registers.length === 2 && registers[0].body.idempotency_key === registers[1].body.idempotency_key && after - before === 1 && retriedSpans.length === 4 && retried.text.includes('Four.'),
		`${registers.length} registers, ${after - before} new run(s), ${retriedSpans.length} spans, ${retryLog.filter((r) => r.path === '/bulk').map((r) => r.status).join('/')} bulk answers`,
	);

	// 3. Governed: three refunds; Prefactor stops the run at the second, so the second and third are refused.
	await publish('e2ePfGovTool');
	await publish('e2ePfAgentGov');
	const reason = 'Refunds above the daily limit: stopped by risk policy';
	await pf('POST', '/__terminate_when', { toolName: 'Refund_Order', nth: 2, reason });
	await script([{ calls: [{ name: 'Refund_Order', arguments: { order: 'A-1' } }] }, { calls: [{ name: 'Refund_Order', arguments: { order: 'B-2' } }] }, { calls: [{ name: 'Refund_Order', arguments: { order: 'C-3' } }] }, { calls: [{ name: 'Calculator', fill: '3*5' }] }, { text: 'I refunded A-1; the other refunds were stopped.' }]);
	mark = await since('prefactor');
	const openAiMark = await since('openai');
	const governed = await chat('prefactor-agent-governed', 'Refund orders A-1, B-2 and C-3');
	await pf('POST', '/__terminate_when', {});
	const govLog = (await log('prefactor')).slice(mark).filter((r) => r.method === 'POST');
	savedLogs.push({ run: 'governed', requests: govLog });
	const toolCreates = govLog.filter((r) => r.path === '/agent_spans' && r.body?.details?.schema_name === 'langchain:tool');
	const finishes = govLog.filter((r) => /^\/agent_spans\/[^/]+\/finish$/.test(r.path));
	const completedTools = finishes.filter((r) => r.body?.status === 'complete' && String(r.body?.result_payload?.output ?? '').startsWith('Refunded'));
	const refusedTools = finishes.filter((r) => r.body?.result_payload?.refused === reason);
	const observations = (await log('openai')).slice(openAiMark).filter((r) => r.path === '/responses').pop()?.body?.input?.filter((i) => i.type === 'function_call_output').map((i) => String(i.output)) ?? [];
	check(
		'governed: each Refund Order call is checked live; after Prefactor terminates the run, the call and every later one are refused with its reason and refund nothing',
		toolCreates.map((r) => r.body.details.payload?.input?.order).join() === 'A-1,B-2,C-3' && completedTools.length === 1 && refusedTools.length === 2 && observations.filter((o) => o.includes('Refunded order A-1')).length === 1 && observations.filter((o) => o.includes(`Refused by Prefactor: ${reason}`)).length === 2,
		`${toolCreates.length} checks, ${completedTools.length} refund(s) done, ${refusedTools.length} refused; observations: ${observations.map((o) => o.slice(0, 60)).join(' | ')}`,
	);
	const govInstance = govLog.find((r) => /\/start$/.test(r.path))?.path.split('/')[2];
	const govRun = (await pf('GET', `/agent_instance/${govInstance}`)).details ?? {};
	check(
		"governed: the workflow sees Prefactor's reason (Record's prefactorTrace) and the run stays terminated",
		govRun.status === 'terminated' && governed.text.includes('"terminated":true') && governed.text.includes(reason),
		`${govRun.status}; chat ${governed.status} ${governed.text.slice(0, 200)}`,
	);
	const govSpans = await spansOf(govInstance);
	const govRoot = govSpans.find((s) => !s.parent_span_id);
	check('governed: live tool spans, model spans and the Calculator span all nest under the agent span', govRoot?.schema_name === 'langchain:agent' && govSpans.filter((s) => s !== govRoot).every((s) => s.parent_span_id === govRoot.id) && govSpans.some((s) => s.payload?.tool_name === 'Calculator'), `${govSpans.length} spans`);
	// The request log of the runs, for the record (artifacts/ is not committed).
	const artifacts = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', 'artifacts');
	fs.mkdirSync(artifacts, { recursive: true });
	fs.writeFileSync(path.join(artifacts, 'prefactor-agent-tracing-log.json'), JSON.stringify(savedLogs, null, 2));
	return savedLogs;
}
