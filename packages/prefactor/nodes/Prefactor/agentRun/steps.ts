/**
 * Reads what n8n's AI Agent hands to the next node (`output` and, with Return Intermediate Steps
 * on, `intermediateSteps`) and turns it into the spans of one run: the model calls and tool calls
 * in the order they happened. Nothing here talks to Prefactor.
 *
 * What the item holds (n8n 2.41, checked): per tool call `action.tool`, `action.toolInput`,
 * `action.toolCallId`, `action.log` (the model's text, or "Calling <tool> with input: ..."),
 * `action.messageLog` (the model message that asked for the call) and `observation`, a JSON string
 * of the tool's output items, or of `{"error": ...}` / `[{"error": ...}]` when the tool threw.
 * No timing and no token usage: those stay in the saved execution only.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Obj = Record<string, unknown>;

export interface ToolCall {
	/** Position among the run's tool calls, from 0. */
	index: number;
	tool: string;
	toolCallId: string | null;
	input: Json;
	/** The tool's output as n8n passed it back to the model (parsed when it is JSON). */
	output: Json;
	/** The tool's error message when it threw; the run itself went on. */
	error: string | null;
}

export interface ModelCall {
	index: number;
	/** What the model was given that was new: the prompt, or the tool results it asked for. */
	input: Json;
	/** What it answered: the text and the tool calls it asked for, or the final answer. */
	content: string;
	toolCalls: Array<{ id: string | null; name: string; args: Json }>;
	final: boolean;
}

export interface AgentRunPlan {
	output: string;
	toolCalls: ToolCall[];
	modelCalls: ModelCall[];
}

/** A problem with the item, naming the field it comes from. */
export class StepProblem extends Error {
	constructor(
		readonly field: string,
		problem: string,
	) {
		super(problem);
	}
}

const isObj = (value: unknown): value is Obj => typeof value === 'object' && value !== null && !Array.isArray(value);

function toJson(value: unknown): Json {
	if (value === undefined) return null;
	try {
		return JSON.parse(JSON.stringify(value)) as Json;
	} catch {
		return String(value);
	}
}

/** The observation as the tool gave it: parsed JSON when it is JSON, else the text. */
function readObservation(observation: unknown): { output: Json; error: string | null } {
	let parsed: unknown = observation;
	if (typeof observation === 'string') {
		try {
			parsed = JSON.parse(observation);
		} catch {
			return { output: observation, error: null };
		}
	}
	// A tool that threw: `{"error": "..."}` or every output item an `{"error": "..."}`.
	const errorOf = (value: unknown) => (isObj(value) && typeof value.error === 'string' ? value.error : undefined);
	const single = errorOf(parsed);
	if (single !== undefined) return { output: toJson(parsed), error: single };
	if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((entry) => errorOf(entry) !== undefined)) {
		return { output: toJson(parsed), error: parsed.map(errorOf).join('; ') };
	}
	return { output: toJson(parsed), error: null };
}

function parseOrUndefined(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return undefined;
	}
}

/** The ids of every tool call the model asked for in the message that asked for this one. */
function siblingsOf(action: Obj): string[] {
	const messages = Array.isArray(action.messageLog) ? action.messageLog : [];
	const message = messages.find(isObj) as Obj | undefined;
	const calls = message && (Array.isArray(message.tool_calls) ? message.tool_calls : isObj(message.kwargs) && Array.isArray(message.kwargs.tool_calls) ? message.kwargs.tool_calls : []);
	return (calls ?? []).filter(isObj).map((c) => String(c.id ?? ''));
}

/**
 * The run's spans from the agent's output item. Consecutive tool calls share one model call when
 * the model message n8n kept lists them together; otherwise each tool call had its own (n8n 2.41
 * rebuilds one message per tool call, so parallel calls in one answer show as separate model
 * calls: an upper bound, said in the README).
 */
export function planAgentRun(output: unknown, steps: unknown, prompt: string): AgentRunPlan {
	if (output === undefined || output === null) {
		throw new StepProblem('Output', "is missing: map the AI Agent's output, e.g. {{ $json.output }}");
	}
	const text = typeof output === 'string' ? output : JSON.stringify(output);
	if (steps === undefined || steps === null || steps === '') {
		throw new StepProblem('Intermediate Steps', "are missing: turn on Return Intermediate Steps in the AI Agent's options and map {{ $json.intermediateSteps }}");
	}
	const list = typeof steps === 'string' ? parseOrUndefined(steps) : steps;
	if (list === undefined) throw new StepProblem('Intermediate Steps', 'must be the list of steps, not text');
	if (!Array.isArray(list)) throw new StepProblem('Intermediate Steps', `must be a list of steps, not ${typeof list}`);

	const toolCalls: ToolCall[] = list.map((step, index) => {
		const where = `step ${index + 1}`;
		if (!isObj(step) || !isObj(step.action)) throw new StepProblem('Intermediate Steps', `${where} has no "action" object`);
		const action = step.action;
		if (typeof action.tool !== 'string' || !action.tool) throw new StepProblem('Intermediate Steps', `${where} has no "action.tool" name`);
		if (!('observation' in step)) throw new StepProblem('Intermediate Steps', `${where} (${action.tool}) has no "observation"`);
		const { output: result, error } = readObservation(step.observation);
		return {
			index,
			tool: action.tool,
			toolCallId: typeof action.toolCallId === 'string' ? action.toolCallId : null,
			input: toJson(action.toolInput),
			output: result,
			error,
		};
	});

	const modelCalls: ModelCall[] = [];
	let previousInput: Json = prompt;
	for (let i = 0; i < toolCalls.length; ) {
		const action = (list[i] as Obj).action as Obj;
		const siblings = siblingsOf(action);
		let end = i + 1;
		while (end < toolCalls.length && toolCalls[end].toolCallId && siblings.includes(String(toolCalls[end].toolCallId))) end++;
		const batch = toolCalls.slice(i, end);
		modelCalls.push({
			index: modelCalls.length,
			input: previousInput,
			content: typeof action.log === 'string' ? action.log : '',
			toolCalls: batch.map((call) => ({ id: call.toolCallId, name: call.tool, args: call.input })),
			final: false,
		});
		previousInput = batch.map((call) => ({ tool: call.tool, tool_call_id: call.toolCallId, output: call.error === null ? call.output : { error: call.error } }));
		i = end;
	}
	modelCalls.push({ index: modelCalls.length, input: previousInput, content: text, toolCalls: [], final: true });
	return { output: text, toolCalls, modelCalls };
}
