/**
 * The span types an n8n agent run is recorded with. The names follow Prefactor's own LangChain
 * integration (`langchain:agent`, `langchain:llm`, `langchain:tool`), since n8n's AI Agent is a
 * LangChain agent; the schema version is sent with every register, and Prefactor finds or
 * creates it from its identifier, so there is no separate set-up step.
 */
export const SPAN = { agent: 'langchain:agent', llm: 'langchain:llm', tool: 'langchain:tool' } as const;

/** Change it whenever the span types below change: Prefactor keys a schema by this label. */
export const SCHEMA_IDENTIFIER = 'n8n-langchain-1';

const object = (properties: Record<string, unknown>) => ({ type: 'object', properties, additionalProperties: true });
const any = {};

export const SPAN_TYPE_SCHEMAS = [
	{
		name: SPAN.agent,
		title: 'Agent Run',
		description: "One run of n8n's AI Agent for one item",
		template: '{{input}}',
		params_schema: object({ input: any, workflow_id: { type: 'string' }, execution_id: { type: 'string' }, node: { type: 'string' } }),
		result_schema: object({ output: any }),
	},
	{
		name: SPAN.llm,
		title: 'Model Call',
		description: 'A call of the chat model, with what was new to it and what it answered',
		template: 'Model call {{turn}}',
		params_schema: object({ turn: { type: 'integer' }, model: { type: 'string' }, input: any }),
		result_schema: object({ content: { type: 'string' }, tool_calls: { type: 'array' } }),
	},
	{
		name: SPAN.tool,
		title: 'Tool Call',
		description: 'A tool the agent called, with its input and output (or error)',
		template: '{{tool_name}}',
		params_schema: object({ tool_name: { type: 'string' }, tool_call_id: { type: ['string', 'null'] }, input: any }),
		result_schema: object({ output: any, error: { type: 'string' } }),
	},
];

export const AGENT_SCHEMA_VERSION = { external_identifier: SCHEMA_IDENTIFIER, span_type_schemas: SPAN_TYPE_SCHEMAS };
