/**
 * Governing a run while it happens. Agent Run → Start opens the run in Prefactor before the AI
 * Agent works (register, start, an open agent span: three requests); Agent Run → Check Tool Call,
 * at the start of a tool's sub-workflow, records the tool call live (one request) and tells the
 * sub-workflow whether to go on: once Prefactor answers `control.terminate` (the run was stopped
 * in Prefactor), this call and every later one of the run are refused with Prefactor's reason,
 * and the tool does nothing.
 */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError, errorToJson, fieldError } from '../../shared/errors';
import { scrubError } from '../../shared/scrub';
import { controlOf, detailsOf, statusOf, traceClient } from './client';
import { cleanPayload } from './payload';
import type { RunOptions } from './record';
import { registerBody, startedAtOf } from './record';
import { SPAN } from './schema';
import type { Json } from './steps';

const INSTANCE = '/api/v1/agent_instance';
const SPANS = '/api/v1/agent_spans';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '');

async function startItem(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = ctx.getNode();
	const options = ctx.getNodeParameter('options', itemIndex, {}) as RunOptions;
	const prompt = ctx.getNodeParameter('prompt', itemIndex, '') as Json;
	const name = text(ctx.getNodeParameter('agentName', itemIndex, '')) || node.name;
	const client = await traceClient(ctx, itemIndex);
	const startedAt = startedAtOf(ctx, options, itemIndex, client.recordedAt);
	const run: IDataObject = { status: 'started', agentInstanceId: null, agentSpanId: null };
	try {
		const instanceId = String(detailsOf(await client.post(`${INSTANCE}/register`, registerBody(name, options), 'register')).id);
		run.agentInstanceId = instanceId;
		await client.post(`${INSTANCE}/${encodeURIComponent(instanceId)}/start`, { timestamp: startedAt }, 'start');
		const workflow = ctx.getWorkflow();
		const payload = cleanPayload({ input: prompt, workflow_id: workflow.id ?? '', execution_id: ctx.getExecutionId() ?? '', node: node.name }, client.scrub) as IDataObject;
		const key = client.key('agent');
		const answer = await client.post(SPANS, { details: { agent_instance_id: instanceId, schema_name: SPAN.agent, status: 'active', payload, started_at: startedAt, idempotency_key: key } }, 'agent');
		run.agentSpanId = String(detailsOf(answer).id);
	} catch (caught) {
		const error = scrubError(caught, client.scrub);
		if (run.agentInstanceId) {
			try {
				await client.post(`${INSTANCE}/${encodeURIComponent(String(run.agentInstanceId))}/finish`, { status: 'failed', timestamp: client.recordedAt }, 'finish-failed');
			} catch {
				// Unreachable: the error below says so.
			}
		}
		if (options.failOnTracingError) throw asNodeError(node, error, itemIndex);
		// The agent still runs; Check Tool Call lets tools through without a run to check against.
		Object.assign(run, { status: 'failed', agentInstanceId: null, agentSpanId: null, error: errorToJson(error).error });
	}
	run.requests = client.requests;
	return run;
}

interface CheckOptions {
	parentSpanId?: string;
	refuseWhenUnreachable?: boolean;
}

async function checkItem(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const node = ctx.getNode();
	const instanceId = text(ctx.getNodeParameter('agentInstanceId', itemIndex, ''));
	const toolName = text(ctx.getNodeParameter('toolName', itemIndex, ''));
	if (!toolName) throw fieldError(node, 'Tool Name', 'a value is required', itemIndex);
	const toolInput = ctx.getNodeParameter('toolInput', itemIndex, '') as Json;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as CheckOptions;
	const result: IDataObject = { allowed: true, reason: null, toolName, agentInstanceId: instanceId || null, spanId: null };
	const refuse = (reason: string) => Object.assign(result, { allowed: false, reason, message: `Refused by Prefactor: ${reason}` });
	if (!instanceId) {
		// Agent Run → Start could not open the run (Prefactor down): nothing to check against.
		if (options.refuseWhenUnreachable) refuse('the run is not registered in Prefactor');
		return result;
	}
	const client = await traceClient(ctx, itemIndex, toolName);
	const path = `${INSTANCE}/${encodeURIComponent(instanceId)}`;
	try {
		const payload = cleanPayload({ tool_name: toolName, tool_call_id: null, input: toolInput }, client.scrub) as IDataObject;
		const parent = text(options.parentSpanId);
		const key = client.key('tool');
		const answer = await client.post(SPANS, { details: { agent_instance_id: instanceId, schema_name: SPAN.tool, status: 'active', payload, ...(parent ? { parent_span_id: parent } : {}), started_at: client.recordedAt, idempotency_key: key } }, 'tool');
		result.spanId = String(detailsOf(answer).id);
		const control = controlOf(answer);
		if (control.terminate) {
			refuse(control.reason ?? 'the run was terminated in Prefactor');
			// The span records that the call was refused; it ran nothing.
			try {
				await client.post(`${SPANS}/${encodeURIComponent(String(result.spanId))}/finish`, { status: 'failed', result_payload: { refused: result.reason }, timestamp: client.recordedAt }, 'tool-refused');
			} catch {
				// The refusal stands whether or not the span could be closed.
			}
		}
	} catch (caught) {
		const error = scrubError(caught, client.scrub);
		// A stopped run may refuse new spans outright: its status says whether it was terminated.
		const status = statusOf(error);
		if (status !== undefined && status < 500 && status !== 429) {
			try {
				const instance = detailsOf(await client.get(path));
				if (instance.status === 'terminated') {
					refuse(typeof instance.termination_reason === 'string' ? instance.termination_reason : 'the run was terminated in Prefactor');
					result.requests = client.requests;
					return result;
				}
			} catch {
				// Fall through to the error of the span request.
			}
		}
		if (options.refuseWhenUnreachable) refuse(`Prefactor could not be asked (${errorToJson(error).error && String((errorToJson(error).error as IDataObject).message)})`);
		result.error = errorToJson(error).error;
	}
	result.requests = client.requests;
	return result;
}

function perItem(work: (ctx: IExecuteFunctions, itemIndex: number) => Promise<IDataObject>, key: string | undefined) {
	return async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const out: INodeExecutionData[] = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				const value = await work(this, itemIndex);
				out.push({ json: key ? { ...items[itemIndex].json, [key]: value } : value, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (!this.continueOnFail()) throw asNodeError(this.getNode(), error, itemIndex);
				out.push({ json: { ...items[itemIndex].json, ...errorToJson(error) }, pairedItem: { item: itemIndex } });
			}
		}
		return [out];
	};
}

/** The input item passes through (the AI Agent reads its chat input) with `prefactorRun` added. */
export const startAgentRuns = perItem(startItem, 'prefactorRun');
/** One item per tool call: `allowed`, Prefactor's `reason` and the text for the model. */
export const checkToolCalls = perItem(checkItem, undefined);
