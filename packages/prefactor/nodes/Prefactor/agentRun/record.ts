/**
 * Agent Run → Record: one finished run of n8n's AI Agent (its output item) becomes one agent
 * instance in Prefactor with an agent span, a model-call span per model answer and a tool span per
 * tool call, and is finished complete. Five requests whatever the number of tool calls:
 * register, start, the agent span, one bulk request with every model and tool span (they all
 * hang under the agent span, whose ID Prefactor gives back), finish.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorToJson, fieldError } from '../../shared/errors';
import { scrubError } from '../../shared/scrub';
import type { TraceClient } from './client';
import { controlOf, detailsOf, statusOf, traceClient } from './client';
import { cleanPayload } from './payload';
import { AGENT_SCHEMA_VERSION, SPAN } from './schema';
import type { AgentRunPlan, Json } from './steps';
import { planAgentRun, StepProblem } from './steps';

export interface RunOptions {
	agentVersionIdentifier?: string;
	agentId?: string;
	environmentId?: string;
	purpose?: string;
	modelName?: string;
	startedAt?: string;
	agentInstanceId?: string;
	agentSpanId?: string;
	/** Comma-separated tool names whose spans Check Tool Call recorded live. */
	toolsRecordedLive?: string;
	sendSpansInBulk?: boolean;
	failOnTracingError?: boolean;
}

const INSTANCE = '/api/v1/agent_instance';
const SPANS = '/api/v1/agent_spans';

/** `{{ $json.x }}` of a missing field gives undefined, a number or an object: only text is an ID. */
const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

export function registerBody(name: string, options: RunOptions): IDataObject {
	return {
		agent_version: { name, external_identifier: text(options.agentVersionIdentifier) || '1.0.0' },
		agent_schema_version: AGENT_SCHEMA_VERSION as unknown as IDataObject,
		...(text(options.agentId) ? { agent_id: text(options.agentId) } : {}),
		...(text(options.environmentId) ? { environment_id: text(options.environmentId) } : {}),
		...(options.purpose ? { purpose: options.purpose } : {}),
	};
}

/** A date option as ISO 8601, refused with the field's name when it is not a date. */
export function startedAtOf(ctx: IExecuteFunctions, options: RunOptions, itemIndex: number, fallback: string): string {
	if (options.startedAt === undefined || options.startedAt === '') return fallback;
	const date = new Date(options.startedAt);
	if (Number.isNaN(date.getTime())) throw fieldError(ctx.getNode(), 'Started At', `"${String(options.startedAt)}" is not a date`, itemIndex);
	return date.toISOString();
}

interface SpanDraft {
	role: string;
	details: IDataObject;
}

/** The model and tool spans in the order they happened, under the agent span. */
function childSpans(plan: AgentRunPlan, client: TraceClient, instanceId: string, parentId: string, options: RunOptions): SpanDraft[] {
	const clean = (value: Json) => cleanPayload(value, client.scrub) as IDataObject;
	const base = { agent_instance_id: instanceId, parent_span_id: parentId, started_at: client.recordedAt, finished_at: client.recordedAt };
	const model = (turn: number): SpanDraft => {
		const call = plan.modelCalls[turn];
		return {
			role: `llm-${turn}`,
			details: {
				...base,
				schema_name: SPAN.llm,
				status: 'complete',
				payload: clean({ turn: turn + 1, ...(text(options.modelName) ? { model: text(options.modelName) } : {}), input: call.input }),
				result_payload: clean({ content: call.content, tool_calls: call.toolCalls as unknown as Json }),
			},
		};
	};
	const live = new Set(String(options.toolsRecordedLive ?? '').split(',').map((name) => name.trim()).filter(Boolean));
	const spans: SpanDraft[] = [];
	let toolIndex = 0;
	for (const call of plan.modelCalls) {
		spans.push(model(call.index));
		for (let n = 0; n < call.toolCalls.length; n++, toolIndex++) {
			const tool = plan.toolCalls[toolIndex];
			if (live.has(tool.tool)) continue;
			spans.push({
				role: `tool-${tool.index}`,
				details: {
					...base,
					schema_name: SPAN.tool,
					status: tool.error === null ? 'complete' : 'failed',
					payload: clean({ tool_name: tool.tool, tool_call_id: tool.toolCallId, input: tool.input }),
					result_payload: clean(tool.error === null ? { output: tool.output } : { output: tool.output, error: tool.error }),
				},
			});
		}
	}
	return spans;
}

/** Span create: the key at the top level and inside `details` (the SDKs disagree on where). */
async function createSpan(client: TraceClient, span: SpanDraft): Promise<IDataObject> {
	const key = client.key(span.role);
	return await client.post(SPANS, { details: { ...span.details, idempotency_key: key } }, span.role);
}

/** One bulk request with every span; any item Prefactor did not store fails the trace. */
async function createSpansInBulk(client: TraceClient, spans: SpanDraft[]): Promise<IDataObject[]> {
	if (spans.length === 0) return [];
	const items = spans.map((span) => ({ _type: 'agent_spans/create', idempotency_key: client.key(span.role), details: span.details }));
	// No key on the request itself: each item carries its own, which is what Prefactor replays.
	const answer = await client.post('/api/v1/bulk', { items });
	const outputs = (answer.outputs ?? {}) as Record<string, IDataObject>;
	return items.map((item, i) => {
		const output = outputs[item.idempotency_key];
		if (output?.status !== 'success') {
			const why = output ? `${String(output.code ?? 'error')}: ${String(output.message ?? '')}` : 'not processed';
			throw new Error(`Prefactor did not store span ${i + 1} of ${items.length} (${spans[i].role}): ${why}`);
		}
		return output;
	});
}

export interface Trace extends IDataObject {
	status: 'recorded' | 'failed';
	agentInstanceId: string | null;
	agentSpanId: string | null;
	spans: number;
	requests: number;
	terminated: boolean;
	terminationReason: string | null;
}

/** Finishes the instance; 409 means it had already ended (terminated in Prefactor, or finished). */
async function finishInstance(client: TraceClient, instanceId: string, status: 'complete' | 'failed', trace: Trace) {
	try {
		await client.post(`${INSTANCE}/${encodeURIComponent(instanceId)}/finish`, { status, timestamp: client.recordedAt }, `finish-${status}`);
	} catch (error) {
		if (statusOf(error) !== 409) throw asNodeError(client.node, error, client.itemIndex);
		const instance = detailsOf(await client.get(`${INSTANCE}/${encodeURIComponent(instanceId)}`));
		if (instance.status === 'terminated') {
			trace.terminated = true;
			trace.terminationReason = trace.terminationReason ?? (typeof instance.termination_reason === 'string' ? instance.termination_reason : null);
		}
	}
}

async function recordItem(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as RunOptions;
	const prompt = ctx.getNodeParameter('prompt', itemIndex, '') as unknown;
	let plan: AgentRunPlan;
	try {
		plan = planAgentRun(ctx.getNodeParameter('agentOutput', itemIndex, undefined), ctx.getNodeParameter('intermediateSteps', itemIndex, undefined), typeof prompt === 'string' ? prompt : JSON.stringify(prompt ?? ''));
	} catch (error) {
		if (error instanceof StepProblem) throw fieldError(node, error.field, error.message, itemIndex);
		throw asNodeError(node, error, itemIndex);
	}
	const name = text(ctx.getNodeParameter('agentName', itemIndex, '')) || node.name;
	const client = await traceClient(ctx, itemIndex);
	const startedAt = startedAtOf(ctx, options, itemIndex, client.recordedAt);
	const trace: Trace = { status: 'recorded', agentInstanceId: null, agentSpanId: null, spans: 0, requests: 0, terminated: false, terminationReason: null };
	const clean = (value: Json) => cleanPayload(value, client.scrub) as IDataObject;
	const workflow = ctx.getWorkflow();
	let finished = false;
	try {
		let instanceId = text(options.agentInstanceId);
		let agentSpanId = instanceId ? text(options.agentSpanId) : '';
		if (!instanceId) {
			instanceId = String(detailsOf(await client.post(`${INSTANCE}/register`, registerBody(name, options), 'register')).id);
			trace.agentInstanceId = instanceId;
			await client.post(`${INSTANCE}/${encodeURIComponent(instanceId)}/start`, { timestamp: startedAt }, 'start');
		}
		trace.agentInstanceId = instanceId;
		const agentResult = clean({ output: plan.output });
		const noteControl = (answer: IDataObject) => {
			const control = controlOf(answer);
			if (control.terminate) {
				trace.terminated = true;
				trace.terminationReason = trace.terminationReason ?? control.reason;
			}
		};
		if (agentSpanId) {
			// The run's agent span was opened by Agent Run → Start: it ends with the final answer.
			try {
				noteControl(await client.post(`${SPANS}/${encodeURIComponent(agentSpanId)}/finish`, { status: 'complete', result_payload: agentResult, timestamp: client.recordedAt }, 'agent-finish'));
			} catch (error) {
				if (statusOf(error) !== 409) throw asNodeError(node, error, itemIndex);
			}
		} else {
			const answer = await createSpan(client, {
				role: 'agent',
				details: {
					agent_instance_id: instanceId,
					schema_name: SPAN.agent,
					status: 'complete',
					payload: clean({ input: prompt as Json, workflow_id: workflow.id ?? '', execution_id: ctx.getExecutionId() ?? '', node: node.name }),
					result_payload: agentResult,
					started_at: startedAt,
					finished_at: client.recordedAt,
				},
			});
			noteControl(answer);
			agentSpanId = String(detailsOf(answer).id);
		}
		trace.agentSpanId = agentSpanId;
		const spans = childSpans(plan, client, instanceId, agentSpanId, options);
		if (options.sendSpansInBulk === false) for (const span of spans) noteControl(await createSpan(client, span));
		else await createSpansInBulk(client, spans);
		trace.spans = spans.length + 1;
		await finishInstance(client, instanceId, 'complete', trace);
		finished = true;
	} catch (caught) {
		const error = scrubError(caught, client.scrub) as Error;
		// A run left active would stay open in Prefactor forever: it ends as failed (unless n8n is
		// about to retry the node, whose same keys then complete this very run).
		const retried = options.failOnTracingError && client.willBeRetried;
		if (trace.agentInstanceId && !finished && !retried) {
			try {
				await finishInstance(client, trace.agentInstanceId, 'failed', trace);
			} catch {
				// Prefactor is unreachable: the error below says so.
			}
		}
		if (options.failOnTracingError) throw asNodeError(ctx.getNode(), error, itemIndex);
		trace.status = 'failed';
		trace.error = errorToJson(error).error as IDataObject;
	}
	trace.requests = client.requests;
	return trace;
}

/** Each item: the agent's item as it came, with `prefactorTrace` saying what was recorded. */
export async function recordAgentRuns(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const prefactorTrace = await recordItem(this, itemIndex);
			out.push({ json: { ...items[itemIndex].json, prefactorTrace }, pairedItem: { item: itemIndex } });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
			out.push({ json: { ...items[itemIndex].json, ...errorToJson(error) }, pairedItem: { item: itemIndex } });
		}
	}
	return [out];
}
