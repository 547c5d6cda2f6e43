/**
 * The OpenAI-compatible simulator behind the agent templates: both APIs n8n's OpenAI Chat Model
 * calls, the script followed turn by turn from the tool results in the conversation, and the key.
 */
import { createOpenAiSim, OPENAI_KEY } from '../sim/openai';
import { useSimulator } from '../harness/simulator';

const sim = createOpenAiSim();
const started = useSimulator(sim);
afterEach(() => (sim.script = undefined));

const post = async (path: string, body: unknown, key = OPENAI_KEY) => {
	const response = await fetch(`${started.baseUrl}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
	return { status: response.status, body: (await response.json()) as Record<string, any> };
};
const calculator = { type: 'function', name: 'Calculator', description: 'math', parameters: { type: 'object', properties: { input: { type: 'string' } } }, strict: false };
const wordCount = { ...calculator, name: 'Word_Count' };

test('models answers the credential test; a wrong key is refused', async () => {
	const ok = await fetch(`${started.baseUrl}/models`, { headers: { Authorization: `Bearer ${OPENAI_KEY}` } });
	expect(((await ok.json()) as { data: Array<{ id: string }> }).data[0].id).toBe('gpt-4o-mini');
	expect((await post('/responses', { input: 'hi' }, 'sk-wrong')).status).toBe(401);
});

test('Responses API without a script: each offered tool once, in order, then an answer with their results', async () => {
	const first = await post('/responses', { model: 'gpt-4o-mini', input: [{ role: 'user', content: 'go' }], tools: [calculator, wordCount] });
	expect(first.body.output).toEqual([expect.objectContaining({ type: 'function_call', name: 'Calculator', arguments: '{"input":"6*7"}' })]);
	const callId = first.body.output[0].call_id;
	const second = await post('/responses', { input: [{ role: 'user', content: 'go' }, first.body.output[0], { type: 'function_call_output', call_id: callId, output: '42' }], tools: [calculator, wordCount] });
	expect(second.body.output[0]).toMatchObject({ type: 'function_call', name: 'Word_Count' });
	const third = await post('/responses', { input: [{ type: 'function_call_output', call_id: callId, output: '42' }, { type: 'function_call_output', call_id: 'b', output: '1 words' }], tools: [calculator, wordCount] });
	expect(third.body.output[0]).toMatchObject({ type: 'message', content: [{ type: 'output_text', text: 'Done. The tools answered: 42 | 1 words' }] });
	expect(third.body.usage.total_tokens).toBeGreaterThan(0);
	expect(sim.toolResults.map((r) => r.output)).toEqual(['42', '1 words']);
});

test('Chat Completions follows a script: parallel calls in one turn, fill for text arguments, the scripted answer', async () => {
	await post('/__script', { script: [{ calls: [{ name: 'Calculator', fill: '1+1' }, { name: 'Calculator', arguments: { input: '2+2' } }] }, { text: 'Two and four.' }] }, '');
	const tools = [{ type: 'function', function: { name: 'Calculator', parameters: calculator.parameters } }];
	const first = await post('/chat/completions', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'add' }], tools });
	expect(first.body.choices[0]).toMatchObject({ finish_reason: 'tool_calls', message: { tool_calls: [{ function: { name: 'Calculator', arguments: '{"input":"1+1"}' } }, { function: { name: 'Calculator', arguments: '{"input":"2+2"}' } }] } });
	const calls = first.body.choices[0].message.tool_calls as Array<{ id: string }>;
	const second = await post('/chat/completions', { messages: [{ role: 'user', content: 'add' }, first.body.choices[0].message, ...calls.map((c, i) => ({ role: 'tool', tool_call_id: c.id, content: String(2 * (i + 1)) }))], tools });
	expect(second.body.choices[0]).toMatchObject({ finish_reason: 'stop', message: { role: 'assistant', content: 'Two and four.' } });
});
