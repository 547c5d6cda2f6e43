/**
 * Agent Run (Record, Start, Check Tool Call) through n8n-core's real engine against the
 * Prefactor simulator, with AI Agent output items shaped as n8n 2.41 hands them on: the exact
 * requests, the span tree read back from the simulator, payloads, statuses, terminate, Retry On
 * Fail recording once, tracing that never fails the run unless asked, bad input naming the field.
 */
import { randomUUID } from 'node:crypto';

import fc from 'fast-check';
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { createRunExecutionData } from 'n8n-workflow';
import { WorkflowExecute } from 'n8n-core';

import { PrefactorApi } from '../../packages/prefactor/credentials/PrefactorApi.credentials';
import { Prefactor } from '../../packages/prefactor/nodes/Prefactor/Prefactor.node';
import { MAX_STRING, TRUNCATED } from '../../packages/prefactor/nodes/Prefactor/agentRun/payload';
import { planAgentRun } from '../../packages/prefactor/nodes/Prefactor/agentRun/steps';
import { buildEnvironment, everythingProduced } from '../harness/engine';
import type { RunResult } from '../harness/engine';
import { useSimulator } from '../harness/simulator';
import { createPrefactorSim, PREFACTOR_TOKEN } from '../sim/prefactor';
import type { SpanNode } from '../sim/prefactor';

const sim = createPrefactorSim();
const started = useSimulator(sim);
const produced: string[] = [];
afterAll(() => expect(produced.join('\n')).not.toContain(PREFACTOR_TOKEN));

interface Run extends RunResult {
	json: IDataObject[];
}

/** One Prefactor node in a workflow of its own, each run with an execution ID of its own. */
async function run(parameters: INodeParameters, items: IDataObject[], node: { retryOnFail?: boolean; maxTries?: number; continueOnFail?: boolean } = {}): Promise<Run> {
	const env = buildEnvironment({
		nodeType: new Prefactor(),
		parameters,
		credentialTypes: [new PrefactorApi()],
		credentials: { prefactorApi: { apiToken: PREFACTOR_TOKEN, baseUrl: started.baseUrl } },
		continueOnFail: node.continueOnFail,
	});
	Object.assign(env.node, node.retryOnFail ? { retryOnFail: true, maxTries: node.maxTries ?? 3, waitBetweenTries: 0 } : {});
	(env.additionalData as unknown as IDataObject).executionId = randomUUID();
	const data = createRunExecutionData({ executionData: { nodeExecutionStack: [{ node: env.node, data: { main: [items.map((json) => ({ json }))] }, source: null }] } });
	await new WorkflowExecute(env.additionalData, 'manual', data).processRunExecutionData(env.workflow);
	const result = await env.done;
	const task = result.data.resultData.runData.Node?.[0];
	const out: Run = { items: task?.data?.main?.[0] ?? [], error: (task?.error ?? result.data.resultData.error) as Run['error'], run: result, json: [] };
	out.json = out.items.map((i) => i.json);
	produced.push(everythingProduced(out));
	return out;
}

/** A tool call as the AI Agent reports it (one rebuilt model message per call, as n8n 2.41 does). */
const step = (tool: string, input: IDataObject, observation: unknown, id = `call_${tool}_${randomUUID().slice(0, 6)}`, siblings?: string[]) => ({
	action: {
		tool,
		toolInput: input,
		toolCallId: id,
		log: `Calling ${tool} with input: ${JSON.stringify(input)}`,
		messageLog: [{ lc: 1, type: 'constructor', id: ['langchain_core', 'messages', 'AIMessage'], kwargs: { content: '', tool_calls: (siblings ?? [id]).map((sid) => ({ id: sid, name: tool, args: input })) } }],
		type: 'tool_call',
	},
	observation: typeof observation === 'string' ? observation : JSON.stringify(observation),
});

const agentItem = (steps: unknown[], output = 'The answer is 42.') => ({ output, intermediateSteps: steps });
const RECORD = { resource: 'agentRun', operation: 'record', agentName: 'Support Agent', prompt: 'What is 6 times 7?', agentOutput: '={{ $json.output }}', intermediateSteps: '={{ $json.intermediateSteps }}' };

const posts = () => sim.requests().filter((r) => r.method === 'POST').map((r) => r.path.replace(/\/agent_instance\/[^/]+\//, '/agent_instance/:id/').replace(/\/agent_spans\/[^/]+\/finish/, '/agent_spans/:id/finish'));
const flat = (nodes: SpanNode[]): IDataObject[] => nodes.flatMap((n) => [n.span as IDataObject, ...flat(n.children)]);
const instances = () => sim.state.agent_instance.filter((i) => !['inst_done'].includes(String(i.id)));
const lastInstance = () => instances()[instances().length - 1];
const keyShape = /^n8n-[0-9a-f]{40}-[a-z0-9-]+$/;

describe('Agent Run → Record', () => {
	test('a run with a good and a failing tool call: five requests, the span tree, payloads and statuses', async () => {
		const steps = [step('Calculator', { input: '6*7' }, [{ response: '42' }]), step('Code_Tool', { query: 'x' }, [{ error: 'Cannot read properties of undefined' }])];
		const before = instances().length;
		const result = await run(RECORD, [agentItem(steps)]);
		expect(result.error).toBeUndefined();
		expect(posts()).toEqual(['/agent_instance/register', '/agent_instance/:id/start', '/agent_spans', '/bulk', '/agent_instance/:id/finish']);
		expect(sim.requests().every((r) => r.headers.authorization === `Bearer ${PREFACTOR_TOKEN}`)).toBe(true);
		expect(instances()).toHaveLength(before + 1);
		const instance = lastInstance();
		expect(instance.status).toBe('complete');

		const register = sim.requests('POST', '/agent_instance/register')[0].body as IDataObject;
		expect(register).toMatchObject({ agent_version: { name: 'Support Agent', external_identifier: '1.0.0' }, agent_schema_version: { external_identifier: 'n8n-langchain-1' } });
		const types = ((register.agent_schema_version as IDataObject).span_type_schemas as IDataObject[]).map((t) => t.name);
		expect(types).toEqual(['langchain:agent', 'langchain:llm', 'langchain:tool']);
		const keys = sim.requests().flatMap((r) => [(r.body as IDataObject)?.idempotency_key, ...(((r.body as IDataObject)?.items as IDataObject[]) ?? []).map((i) => i.idempotency_key)]).filter(Boolean) as string[];
		expect(keys.every((k) => keyShape.test(k) && k.length <= 64)).toBe(true);
		expect(new Set(keys).size).toBe(keys.length);

		const tree = sim.spanTree(String(instance.id));
		expect(tree).toHaveLength(1);
		expect(tree[0].span).toMatchObject({ schema_name: 'langchain:agent', status: 'complete', payload: { input: 'What is 6 times 7?', node: 'Node' }, result_payload: { output: 'The answer is 42.' } });
		const children = tree[0].children.map((c) => c.span);
		expect(children.map((s) => `${String(s.schema_name)}:${String(s.status)}`)).toEqual(['langchain:llm:complete', 'langchain:tool:complete', 'langchain:llm:complete', 'langchain:tool:failed', 'langchain:llm:complete']);
		expect(children[0]).toMatchObject({ payload: { turn: 1, input: 'What is 6 times 7?' }, result_payload: { tool_calls: [{ name: 'Calculator', args: { input: '6*7' } }] } });
		expect(children[1]).toMatchObject({ payload: { tool_name: 'Calculator', input: { input: '6*7' } }, result_payload: { output: [{ response: '42' }] } });
		expect(children[2]).toMatchObject({ payload: { turn: 2, input: [{ tool: 'Calculator', output: [{ response: '42' }] }] } });
		expect(children[3]).toMatchObject({ payload: { tool_name: 'Code_Tool' }, result_payload: { error: 'Cannot read properties of undefined' } });
		expect(children[4]).toMatchObject({ payload: { turn: 3 }, result_payload: { content: 'The answer is 42.', tool_calls: [] } });
		expect(children.every((s) => s.parent_span_id === tree[0].span.id)).toBe(true);

		expect(result.json[0]).toMatchObject({ output: 'The answer is 42.', prefactorTrace: { status: 'recorded', agentInstanceId: instance.id, agentSpanId: tree[0].span.id, spans: 6, requests: 5, terminated: false } });
	});

	test('tool calls the model asked for in one answer share one model-call span', async () => {
		const ids = ['call_a', 'call_b'];
		const steps = [step('Calculator', { input: '1+1' }, [{ response: '2' }], 'call_a', ids), step('Calculator', { input: '2+2' }, [{ response: '4' }], 'call_b', ids)];
		await run(RECORD, [agentItem(steps)]);
		const children = sim.spanTree(String(lastInstance().id))[0].children.map((c) => c.span);
		expect(children.map((s) => s.schema_name)).toEqual(['langchain:llm', 'langchain:tool', 'langchain:tool', 'langchain:llm']);
		expect((children[0].result_payload as IDataObject).tool_calls).toEqual([{ id: 'call_a', name: 'Calculator', args: { input: '1+1' } }, { id: 'call_b', name: 'Calculator', args: { input: '2+2' } }]);
	});

	test('one request per span when bulk is off, with the same tree', async () => {
		await run({ ...RECORD, options: { sendSpansInBulk: false, modelName: 'gpt-4o-mini' } }, [agentItem([step('Calculator', { input: '6*7' }, [{ response: '42' }])])]);
		expect(posts()).toEqual(['/agent_instance/register', '/agent_instance/:id/start', '/agent_spans', '/agent_spans', '/agent_spans', '/agent_spans', '/agent_instance/:id/finish']);
		const children = sim.spanTree(String(lastInstance().id))[0].children.map((c) => c.span);
		expect(children.map((s) => s.schema_name)).toEqual(['langchain:llm', 'langchain:tool', 'langchain:llm']);
		expect(children[0].payload).toMatchObject({ model: 'gpt-4o-mini' });
	});

	test('a huge tool output is cut where Prefactor’s SDKs cut it; the token and a provider key are masked', async () => {
		const huge = 'y'.repeat(50_000);
		const secretInput = { note: `use ${PREFACTOR_TOKEN} and sk-proj-abcdefghijklmnopqrstuvwx` };
		await run(RECORD, [agentItem([step('Code_Tool', secretInput, [{ text: huge }])])]);
		const tool = flat(sim.spanTree(String(lastInstance().id))).find((s) => s.schema_name === 'langchain:tool')!;
		const text = ((tool.result_payload as IDataObject).output as IDataObject[])[0].text as string;
		expect(text).toBe(`${'y'.repeat(MAX_STRING)}${TRUNCATED}`);
		expect(JSON.stringify(sim.log.map((r) => r.rawBody))).not.toContain(PREFACTOR_TOKEN);
		expect(JSON.stringify(sim.log.map((r) => r.rawBody))).not.toContain('sk-proj-abcdefghijklmnopqrstuvwx');
		expect((tool.payload as IDataObject).input).toEqual({ note: 'use *** and ***' });
		// The token was in this test's own input item, which the node passes on as it came.
		produced.pop();
	});

	test.each([
		['no steps (Return Intermediate Steps off)', { output: 'x' }, 'Intermediate Steps'],
		['steps that are not a list', { output: 'x', intermediateSteps: { a: 1 } }, 'Intermediate Steps'],
		['a step without a tool name', { output: 'x', intermediateSteps: [{ action: { toolInput: {} }, observation: '""' }] }, 'Intermediate Steps: step 1 has no "action.tool" name'],
		['a step without an observation', { output: 'x', intermediateSteps: [{ action: { tool: 'Calculator' } }] }, 'Intermediate Steps: step 1 (Calculator) has no "observation"'],
		['no output', { intermediateSteps: [] }, 'Output'],
	])('bad input, %s: an error naming the field, before any request', async (_name, item, message) => {
		const result = await run(RECORD, [item]);
		expect(result.error?.message).toContain(message);
		expect(sim.log).toHaveLength(0);
	});

	test('Prefactor down: the agent item goes on with the tracing status; nothing fails', async () => {
		sim.inject({ kind: 'status', status: 503, body: { status: 'error', code: 'unexpected', message: 'Service unavailable' } }, { path: '/agent_instance/register', times: 4 });
		const result = await run(RECORD, [agentItem([])]);
		expect(result.error).toBeUndefined();
		expect(result.json[0]).toMatchObject({ output: 'The answer is 42.', prefactorTrace: { status: 'failed', agentInstanceId: null, error: { message: 'Service unavailable', httpStatus: 503 } } });
		expect(sim.requests('POST', '/agent_instance/register')).toHaveLength(4);
	});

	test('Prefactor down with Fail on Tracing Error: the node fails with Prefactor’s message', async () => {
		sim.inject({ kind: 'status', status: 503, body: { status: 'error', code: 'unexpected', message: 'Service unavailable' } }, { path: '/agent_instance/register', times: 4 });
		const result = await run({ ...RECORD, options: { failOnTracingError: true } }, [agentItem([])]);
		expect(result.error?.message).toBe('Service unavailable');
	});

	test('a failure midway (the spans refused) finishes the run as failed', async () => {
		sim.inject({ kind: 'status', status: 500, body: { status: 'error', code: 'unexpected', message: 'boom' } }, { path: '/bulk', times: 4 });
		const result = await run(RECORD, [agentItem([step('Calculator', { input: '1' }, [{ response: '1' }])])]);
		expect(lastInstance().status).toBe('failed');
		expect(posts().slice(-1)).toEqual(['/agent_instance/:id/finish']);
		expect(sim.requests('POST').slice(-1)[0].body).toMatchObject({ status: 'failed' });
		expect(result.json[0].prefactorTrace).toMatchObject({ status: 'failed', agentInstanceId: lastInstance().id, error: { message: 'boom' } });
	});

	test('Retry On Fail: the retried node records the run once (same keys, same bodies, replayed)', async () => {
		// The first attempt's finish fails past the transport's own retries; n8n then runs the node again.
		sim.inject({ kind: 'status', status: 503, body: { status: 'error', code: 'unexpected', message: 'finish unavailable' } }, { path: /\/finish$/, times: 4 });
		const before = instances().length;
		const spansBefore = sim.state.agent_spans.length;
		const result = await run({ ...RECORD, options: { failOnTracingError: true } }, [agentItem([step('Calculator', { input: '6*7' }, [{ response: '42' }])])], { retryOnFail: true, maxTries: 2 });
		expect(result.error).toBeUndefined();
		expect(sim.requests('POST', '/agent_instance/register')).toHaveLength(2);
		expect(instances()).toHaveLength(before + 1);
		expect(lastInstance().status).toBe('complete');
		// agent + model + tool + model, stored once although sent twice.
		expect(sim.state.agent_spans.length - spansBefore).toBe(4);
		expect(result.json[0].prefactorTrace).toMatchObject({ status: 'recorded', agentInstanceId: lastInstance().id });
	});

	test('each item is its own run', async () => {
		const before = instances().length;
		const result = await run(RECORD, [agentItem([], 'one'), agentItem([], 'two')]);
		expect(instances()).toHaveLength(before + 2);
		expect(result.json.map((j) => (j.prefactorTrace as IDataObject).status)).toEqual(['recorded', 'recorded']);
	});
});

describe('Agent Run → Start and Check Tool Call (governance)', () => {
	const START = { resource: 'agentRun', operation: 'start', agentName: 'Governed Agent', prompt: '={{ $json.chatInput }}' };
	const check = (instanceId: string, agentSpanId: string, toolName: string) => run({ resource: 'agentRun', operation: 'checkToolCall', agentInstanceId: instanceId, toolName, toolInput: '={{ $json }}', options: { parentSpanId: agentSpanId } }, [{ query: `${toolName} input` }]);

	test('Start opens the run: register, start, an open agent span; the chat item passes through', async () => {
		const result = await run(START, [{ chatInput: 'Refund order 7', sessionId: 's1' }]);
		expect(posts()).toEqual(['/agent_instance/register', '/agent_instance/:id/start', '/agent_spans']);
		const runInfo = result.json[0].prefactorRun as IDataObject;
		expect(result.json[0]).toMatchObject({ chatInput: 'Refund order 7', sessionId: 's1', prefactorRun: { status: 'started', requests: 3 } });
		expect(sim.spanTree(String(runInfo.agentInstanceId))[0].span).toMatchObject({ id: runInfo.agentSpanId, schema_name: 'langchain:agent', status: 'active', payload: { input: 'Refund order 7' } });
	});

	test('terminate: the tool call Prefactor stops and every later one are refused with its reason; Record reports it', async () => {
		const startRun = (await run(START, [{ chatInput: 'Refund every order' }])).json[0].prefactorRun as IDataObject;
		const instanceId = String(startRun.agentInstanceId);
		const agentSpanId = String(startRun.agentSpanId);
		sim.terminateWhen = (span) => ((span.payload as IDataObject)?.tool_name === 'Refund_Order' ? 'Refunds above limit: stopped by risk policy' : undefined);

		const first = (await check(instanceId, agentSpanId, 'Lookup_Order')).json[0];
		expect(first).toMatchObject({ allowed: true, reason: null, toolName: 'Lookup_Order', requests: 1 });
		const second = (await check(instanceId, agentSpanId, 'Refund_Order')).json[0];
		expect(second).toMatchObject({ allowed: false, reason: 'Refunds above limit: stopped by risk policy', message: 'Refused by Prefactor: Refunds above limit: stopped by risk policy' });
		const third = (await check(instanceId, agentSpanId, 'Lookup_Order')).json[0];
		expect(third).toMatchObject({ allowed: false, reason: 'Refunds above limit: stopped by risk policy' });

		const tools = sim.spanTree(instanceId)[0].children.map((c) => c.span);
		expect(tools.map((s) => `${String((s.payload as IDataObject).tool_name)}:${String(s.status)}`)).toEqual(['Lookup_Order:active', 'Refund_Order:failed', 'Lookup_Order:failed']);
		expect(tools[1].result_payload).toEqual({ refused: 'Refunds above limit: stopped by risk policy' });

		sim.resetLog();
		const recorded = await run({ ...RECORD, options: { agentInstanceId: instanceId, agentSpanId, toolsRecordedLive: 'Lookup_Order, Refund_Order' } }, [agentItem([step('Lookup_Order', {}, '"ok"'), step('Calculator', { input: '2*3' }, [{ response: '6' }]), step('Refund_Order', {}, '"Refused by Prefactor: Refunds above limit: stopped by risk policy"')], 'I could not refund.')]);
		expect(posts()).toEqual(['/agent_spans/:id/finish', '/bulk', '/agent_instance/:id/finish']);
		expect(recorded.json[0].prefactorTrace).toMatchObject({ status: 'recorded', terminated: true, terminationReason: 'Refunds above limit: stopped by risk policy' });
		expect(sim.state.agent_instance.find((i) => i.id === instanceId)).toMatchObject({ status: 'terminated' });
		// The governed tools' spans were recorded live; Record adds the model calls and the ungoverned Calculator.
		const added = sim.spanTree(instanceId)[0].children.slice(3).map((c) => `${String(c.span.schema_name)}${(c.span.payload as IDataObject).tool_name ? `:${String((c.span.payload as IDataObject).tool_name)}` : ''}`);
		expect(added).toEqual(['langchain:llm', 'langchain:llm', 'langchain:tool:Calculator', 'langchain:llm', 'langchain:llm']);
	});

	test('a run Prefactor refuses spans for: its terminated status still refuses the call', async () => {
		const startRun = (await run(START, [{ chatInput: 'x' }])).json[0].prefactorRun as IDataObject;
		const instance = sim.state.agent_instance.find((i) => i.id === startRun.agentInstanceId)!;
		Object.assign(instance, { status: 'terminated', termination_reason: 'Operator stop' });
		sim.inject({ kind: 'status', status: 409, body: { status: 'error', code: 'invalid_action', message: 'Instance is terminated' } }, { path: '/agent_spans' });
		const result = (await check(String(startRun.agentInstanceId), String(startRun.agentSpanId), 'Lookup_Order')).json[0];
		expect(result).toMatchObject({ allowed: false, reason: 'Operator stop' });
	});

	test('Prefactor down: the tool runs by default, and is refused when asked to', async () => {
		sim.inject({ kind: 'status', status: 503, body: { status: 'error', code: 'unexpected', message: 'down' } }, { path: '/agent_spans', times: 8 });
		const open = (await run({ resource: 'agentRun', operation: 'checkToolCall', agentInstanceId: 'inst_done', toolName: 'Lookup_Order' }, [{}])).json[0];
		expect(open).toMatchObject({ allowed: true, error: { message: 'down' } });
		const closed = (await run({ resource: 'agentRun', operation: 'checkToolCall', agentInstanceId: 'inst_done', toolName: 'Lookup_Order', options: { refuseWhenUnreachable: true } }, [{}])).json[0];
		expect(closed).toMatchObject({ allowed: false });
	});

	test('Check Tool Call without a tool name: an error naming the field', async () => {
		const result = await run({ resource: 'agentRun', operation: 'checkToolCall', agentInstanceId: 'inst_done', toolName: '={{ $json.tool }}' }, [{}]);
		expect(result.error?.message).toContain('Tool Name');
		expect(sim.log).toHaveLength(0);
	});
});

describe('the span plan (model-based)', () => {
	const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
	test('every tool call becomes one tool span, failed exactly when the tool threw; model calls = answers + 1', () => {
		const call = fc.record({ tool: fc.constantFrom('Calculator', 'Code_Tool', 'Search'), fails: fc.boolean(), batch: fc.integer({ min: 1, max: 3 }) });
		try {
			fc.assert(
				fc.property(fc.array(call, { maxLength: 8 }), (calls) => {
					const steps: unknown[] = [];
					let answers = 0;
					for (const [n, c] of calls.entries()) {
						const ids = Array.from({ length: c.batch }, (_, i) => `c${n}_${i}`);
						answers++;
						for (const id of ids) steps.push(step(c.tool, { n }, c.fails ? [{ error: `failed ${id}` }] : [{ ok: id }], id, ids));
					}
					const plan = planAgentRun('done', steps, 'prompt');
					expect(plan.toolCalls).toHaveLength(steps.length);
					expect(plan.modelCalls).toHaveLength(answers + 1);
					expect(plan.modelCalls.flatMap((m) => m.toolCalls.map((t) => t.id))).toEqual(plan.toolCalls.map((t) => t.toolCallId));
					const expectedFailures = calls.flatMap((c) => Array.from({ length: c.batch }, () => c.fails));
					expect(plan.toolCalls.map((t) => t.error !== null)).toEqual(expectedFailures);
				}),
				{ seed, numRuns: 200 },
			);
		} catch (error) {
			console.error(`span plan property failed with FC_SEED=${seed}`);
			throw error;
		}
	});
});

describe('Record through the engine (model-based)', () => {
	const seed = Number(process.env.FC_SEED ?? Math.floor(Math.random() * 2 ** 31));
	test('any run: five requests, one agent span, the model and tool spans in order under it, failed exactly where a tool threw', async () => {
		const call = fc.record({ tool: fc.constantFrom('Calculator', 'Code_Tool'), fails: fc.boolean(), batch: fc.integer({ min: 1, max: 2 }) });
		try {
			await fc.assert(
				fc.asyncProperty(fc.array(call, { maxLength: 4 }), async (calls) => {
					sim.resetLog();
					const steps: unknown[] = [];
					const expected: string[] = [];
					for (const [n, c] of calls.entries()) {
						const ids = Array.from({ length: c.batch }, (_, i) => `c${n}_${i}`);
						expected.push('llm:complete');
						for (const sid of ids) {
							steps.push(step(c.tool, { n }, c.fails ? [{ error: `failed ${sid}` }] : [{ ok: sid }], sid, ids));
							expected.push(c.fails ? 'tool:failed' : 'tool:complete');
						}
					}
					expected.push('llm:complete');
					const result = await run(RECORD, [agentItem(steps)]);
					expect(result.json[0].prefactorTrace).toMatchObject({ status: 'recorded', requests: 5, spans: expected.length + 1 });
					const tree = sim.spanTree(String((result.json[0].prefactorTrace as IDataObject).agentInstanceId));
					expect(tree).toHaveLength(1);
					expect(tree[0].children.map((c) => `${String(c.span.schema_name).split(':')[1]}:${String(c.span.status)}`)).toEqual(expected);
					expect(tree[0].children.every((c) => c.children.length === 0)).toBe(true);
				}),
				{ seed, numRuns: 10 },
			);
		} catch (error) {
			console.error(`engine property failed with FC_SEED=${seed}`);
			throw error;
		}
	});
});
