/**
 * The Agent Run resource's fields. Its operations run in code (see record.ts and govern.ts), not
 * through the declarative routing the other resources use.
 */
import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

export const AGENT_RUN = 'agentRun';

export const agentRunResourceOption: INodePropertyOptions = {
	name: 'Agent Run',
	value: AGENT_RUN,
	description: "Trace and govern runs of n8n's own AI Agent",
};

const show = (operation: string[]) => ({ show: { resource: [AGENT_RUN], operation } });

const failOnTracingError: INodeProperties = {
	displayName: 'Fail on Tracing Error',
	name: 'failOnTracingError',
	type: 'boolean',
	default: false,
	description: 'Whether to fail the workflow when Prefactor cannot be reached; by default the item goes on with the tracing status in it',
};

const runOptions: INodeProperties[] = [
	{ displayName: 'Agent ID', name: 'agentId', type: 'string', default: '', description: 'Agent of the run (needed with an account token, not with an agent deployment token)' },
	{ displayName: 'Agent Version Identifier', name: 'agentVersionIdentifier', type: 'string', default: '1.0.0', description: 'Version label of the agent, e.g. 1.0.0' },
	{ displayName: 'Environment ID', name: 'environmentId', type: 'string', default: '', description: 'Environment of the run (needed with an account token)' },
	failOnTracingError,
	{
		displayName: 'Purpose',
		name: 'purpose',
		type: 'options',
		default: 'live',
		options: [
			{ name: 'Live', value: 'live' },
			{ name: 'Smoke Test', value: 'smoke_test' },
			{ name: 'Eval', value: 'eval' },
		],
		description: 'Why this run happens',
	},
	{ displayName: 'Started At', name: 'startedAt', type: 'dateTime', default: '', description: 'When the run started, if you keep it (n8n does not pass it on); default: when it is recorded' },
];

export const agentRunProperties: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [AGENT_RUN] } },
		options: [
			{ name: 'Check Tool Call', value: 'checkToolCall', action: 'Check tool call', description: "Record a tool call live and refuse it once Prefactor stopped the run (first step of a tool's sub-workflow)" },
			{ name: 'Record', value: 'record', action: 'Record agent run', description: "Record a finished AI Agent run from its output item: agent, model and tool spans, final answer" },
			{ name: 'Start', value: 'start', action: 'Start agent run', description: 'Open a run in Prefactor before the AI Agent works, so its tool calls can be checked live' },
		],
		default: 'record',
	},
	{
		displayName: "Turn on Return Intermediate Steps in the AI Agent's options: the tool calls come from there",
		name: 'stepsNotice',
		type: 'notice',
		default: '',
		displayOptions: show(['record']),
	},
	{ displayName: 'Agent Name', name: 'agentName', type: 'string', default: 'n8n AI Agent', description: 'Name of the agent version in Prefactor', displayOptions: show(['record', 'start']) },
	{ displayName: 'Prompt', name: 'prompt', type: 'string', default: '', description: "What the agent was asked, e.g. the Chat Trigger's chatInput field", displayOptions: show(['record', 'start']) },
	{ displayName: 'Agent Output', name: 'agentOutput', type: 'string', default: '={{ $json.output }}', description: "The AI Agent's final answer", displayOptions: show(['record']) },
	{ displayName: 'Intermediate Steps', name: 'intermediateSteps', type: 'json', default: '={{ $json.intermediateSteps }}', description: "The AI Agent's tool calls (its Return Intermediate Steps option)", displayOptions: show(['record']) },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['record']),
		options: ([
			...runOptions,
			{ displayName: 'Agent Instance ID', name: 'agentInstanceId', type: 'string', default: '', description: 'A run opened by Agent Run → Start (its prefactorRun.agentInstanceId field); empty: a new run is registered' },
			{ displayName: 'Agent Span ID', name: 'agentSpanId', type: 'string', default: '', description: 'The open agent span of that run (prefactorRun.agentSpanId); it is finished with the final answer' },
			{ displayName: 'Model Name', name: 'modelName', type: 'string', default: '', description: 'The chat model, shown on each model-call span (n8n does not pass it on)' },
			{ displayName: 'Send Spans in One Request', name: 'sendSpansInBulk', type: 'boolean', default: true, description: "Whether to send every model and tool span in one bulk request; off: one request per span" },
			{ displayName: 'Tools Recorded Live', name: 'toolsRecordedLive', type: 'string', default: '', placeholder: 'e.g. Refund_Order, Send_Email', description: 'Tools whose calls Check Tool Call already recorded, comma-separated: no span is added for them from the steps' },
		] as INodeProperties[]).sort((a, b) => a.displayName.localeCompare(b.displayName)),
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['start']),
		options: runOptions,
	},
	{ displayName: 'Agent Instance ID', name: 'agentInstanceId', type: 'string', default: '', required: true, description: "The run opened by Agent Run → Start (prefactorRun.agentInstanceId), passed to the tool's sub-workflow", displayOptions: show(['checkToolCall']) },
	{ displayName: 'Tool Name', name: 'toolName', type: 'string', default: '', required: true, description: 'Name of the tool being called', displayOptions: show(['checkToolCall']) },
	{ displayName: 'Tool Input', name: 'toolInput', type: 'json', default: '={{ $json }}', description: 'What the agent passed to the tool', displayOptions: show(['checkToolCall']) },
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: show(['checkToolCall']),
		options: [
			{ displayName: 'Parent Span ID', name: 'parentSpanId', type: 'string', default: '', description: 'The run’s agent span (prefactorRun.agentSpanId), so the tool span nests under it' },
			{ displayName: 'Refuse When Prefactor Is Unreachable', name: 'refuseWhenUnreachable', type: 'boolean', default: false, description: 'Whether to refuse the tool call when Prefactor cannot be asked; by default the tool runs' },
		],
	},
];
