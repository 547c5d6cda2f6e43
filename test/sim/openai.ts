/**
 * An OpenAI-compatible chat model that follows a script, for n8n's OpenAI Chat Model node with
 * its credential's Base URL pointed here: the Responses API (`POST /v1/responses`, which the node
 * calls by default in n8n 2.41), Chat Completions (`POST /v1/chat/completions`) and
 * `GET /v1/models` (the credential test). Plain JSON answers, no streaming.
 *
 * A script is a list of turns: tool calls (several in one turn are parallel calls), then a final
 * answer. The turn to answer is found from the conversation itself: the number of tool results
 * it already holds. Without a script the model calls every offered tool once, in order, with
 * "6*7" for each text argument, then answers with what the tools returned.
 * `POST /v1/__script` sets the script for the requests that follow (tests and the e2e only).
 */
import type { SimRequest, SimResponse } from './server';
import { SimServer } from './server';

type Rec = Record<string, unknown>;

export const OPENAI_KEY = 'sk-sim-openai-key-0123456789abcdef';

export interface ScriptTurn {
	/** `arguments` as given, or built from the tool's schema with `fill` for every text argument. */
	calls?: Array<{ name: string; arguments?: Rec; fill?: string }>;
	text?: string;
}

export interface OpenAiSim extends SimServer {
	script?: ScriptTurn[];
	/** Every tool result the model was given, in order (what the agent's tools answered). */
	toolResults: Array<{ callId: string; output: string }>;
}

const fail = (status: number, message: string): SimResponse => ({ status, body: { error: { message, type: 'invalid_request_error', code: null } } });
let counter = 0;
const id = (prefix: string) => `${prefix}_${(++counter).toString(36).padStart(8, '0')}`;

interface Tool {
	name: string;
	parameters: Rec;
}

/** `fill` ("6*7") for every string argument the tool's schema asks for (numbers 42, booleans true). */
function argumentsFor(tool: Tool | undefined, fill = '6*7'): Rec {
	const properties = ((tool?.parameters?.properties ?? {}) as Record<string, Rec>) ?? {};
	const args: Rec = {};
	for (const [name, schema] of Object.entries(properties)) {
		args[name] = schema.type === 'number' || schema.type === 'integer' ? 42 : schema.type === 'boolean' ? true : fill;
	}
	return args;
}

function defaultScript(tools: Tool[]): ScriptTurn[] {
	return [...tools.map((tool) => ({ calls: [{ name: tool.name, arguments: argumentsFor(tool) }] })), { text: '' }];
}

/** The turn that answers a conversation holding `results` tool results. */
function turnFor(script: ScriptTurn[], results: number): ScriptTurn {
	let seen = 0;
	for (const turn of script) {
		if (!turn.calls?.length) return turn;
		if (seen === results) return turn;
		seen += turn.calls.length;
	}
	return script[script.length - 1] ?? { text: '' };
}

const callArguments = (call: { name: string; arguments?: Rec; fill?: string }, tools: Tool[]) => call.arguments ?? argumentsFor(tools.find((t) => t.name === call.name), call.fill);

const finalText = (turn: ScriptTurn, outputs: string[]) => turn.text || `Done. The tools answered: ${outputs.join(' | ') || 'nothing'}`;

export function createOpenAiSim(): OpenAiSim {
	const sim = new SimServer(
		'/v1',
		() => fail(404, 'Not found'),
		(req) => (req.path === '/__script' || req.headers.authorization === `Bearer ${OPENAI_KEY}` ? undefined : fail(401, 'Incorrect API key provided')),
	) as OpenAiSim;
	sim.toolResults = [];
	const body = (req: SimRequest) => (req.body ?? {}) as Rec;
	const usage = (text: string) => ({ input: 20 + text.length, output: 10 });

	sim.route('GET', '/models', () => ({ status: 200, body: { object: 'list', data: [{ id: 'gpt-4o-mini', object: 'model', created: 1_700_000_000, owned_by: 'sim' }] } }));
	sim.route('POST', '/__script', (req) => {
		sim.script = Array.isArray(body(req).script) ? (body(req).script as ScriptTurn[]) : undefined;
		return { status: 200, body: { script: sim.script ?? null } };
	});

	sim.route('POST', '/responses', (req) => {
		const b = body(req);
		const input = Array.isArray(b.input) ? (b.input as Rec[]) : [{ role: 'user', content: String(b.input ?? '') }];
		const tools = ((b.tools as Rec[] | undefined) ?? []).filter((t) => t.type === 'function').map((t) => ({ name: String(t.name), parameters: (t.parameters ?? {}) as Rec }));
		const results = input.filter((item) => item.type === 'function_call_output');
		for (const r of results) if (!sim.toolResults.some((t) => t.callId === r.call_id)) sim.toolResults.push({ callId: String(r.call_id), output: String(r.output) });
		const turn = turnFor(sim.script ?? defaultScript(tools), results.length);
		const output = turn.calls?.length
			? turn.calls.map((call) => ({ type: 'function_call', id: id('fc'), call_id: id('call'), name: call.name, arguments: JSON.stringify(callArguments(call, tools)), status: 'completed' }))
			: [{ type: 'message', id: id('msg'), role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: finalText(turn, results.map((r) => String(r.output))), annotations: [] }] }];
		const tokens = usage(JSON.stringify(input));
		return {
			status: 200,
			body: {
				id: id('resp'),
				object: 'response',
				created_at: Math.floor(Date.now() / 1000),
				status: 'completed',
				error: null,
				incomplete_details: null,
				model: b.model ?? 'gpt-4o-mini',
				output,
				parallel_tool_calls: true,
				tool_choice: 'auto',
				tools: b.tools ?? [],
				text: { format: { type: 'text' } },
				usage: { input_tokens: tokens.input, input_tokens_details: { cached_tokens: 0 }, output_tokens: tokens.output, output_tokens_details: { reasoning_tokens: 0 }, total_tokens: tokens.input + tokens.output },
			},
		};
	});

	sim.route('POST', '/chat/completions', (req) => {
		const b = body(req);
		const messages = (b.messages as Rec[] | undefined) ?? [];
		const tools = ((b.tools as Rec[] | undefined) ?? []).map((t) => t.function as Rec).filter(Boolean).map((f) => ({ name: String(f.name), parameters: (f.parameters ?? {}) as Rec }));
		const results = messages.filter((m) => m.role === 'tool');
		for (const r of results) if (!sim.toolResults.some((t) => t.callId === r.tool_call_id)) sim.toolResults.push({ callId: String(r.tool_call_id), output: String(r.content) });
		const turn = turnFor(sim.script ?? defaultScript(tools), results.length);
		const message = turn.calls?.length
			? { role: 'assistant', content: null, tool_calls: turn.calls.map((call) => ({ id: id('call'), type: 'function', function: { name: call.name, arguments: JSON.stringify(callArguments(call, tools)) } })) }
			: { role: 'assistant', content: finalText(turn, results.map((r) => String(r.content))) };
		const tokens = usage(JSON.stringify(messages));
		return {
			status: 200,
			body: {
				id: id('chatcmpl'),
				object: 'chat.completion',
				created: Math.floor(Date.now() / 1000),
				model: b.model ?? 'gpt-4o-mini',
				choices: [{ index: 0, message, finish_reason: turn.calls?.length ? 'tool_calls' : 'stop', logprobs: null }],
				usage: { prompt_tokens: tokens.input, completion_tokens: tokens.output, total_tokens: tokens.input + tokens.output },
			},
		};
	});
	return sim;
}
