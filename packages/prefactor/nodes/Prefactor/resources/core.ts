import type { IDataObject } from 'n8n-workflow';

import { field } from '../../shared/fields';
import type { FieldSpec, ResourceSpec } from '../../shared/types';
import { action, crud, det, flat, idPath, sorting, timestamp } from './fields';

const AGENT = '/api/v1/agent';
const INSTANCE = '/api/v1/agent_instance';
const SPAN = '/api/v1/agent_spans';
const q = { in: 'query' as const };

const agentDetails = (forCreate: boolean): FieldSpec[] => [
	det.string('name', 'Name', 'Name of the agent', { required: forCreate }),
	det.string('description', 'Description', 'What the agent does'),
	...(forCreate
		? [det.string('externalIdentifier', 'External Identifier', 'Your own unique ID for the agent; it cannot be changed later'), det.string('id', 'ID', 'A custom PFID in your account partition (see Utility → Generate IDs)')]
		: []),
	det.string('ownerPersonId', 'Owner Person ID', 'Person who owns the agent'),
	det.string('riskProfileId', 'Risk Profile ID', 'Risk profile applied to the agent'),
	det.string('teamId', 'Team ID', 'Team the agent belongs to'),
];

const STATUS_FINISH = [
	{ name: 'Complete', value: 'complete' },
	{ name: 'Failed', value: 'failed' },
	{ name: 'Cancelled', value: 'cancelled', description: 'Only from pending' },
];

export const agentResource: ResourceSpec = {
	value: 'agent',
	simplified: ['id', 'name', 'description', 'external_identifier', 'status', 'owner_person_id', 'team_id', 'last_activity_span_at', 'inserted_at', 'updated_at'],
	name: 'Agent',
	description: 'Agents under governance',
	operations: [
		...crud({
			base: AGENT,
			noun: 'agent',
			plural: 'agents',
			idName: 'agentId',
			idLabel: 'Agent',
			keyed: true,
			listFilters: [flat.query('riskProfileId', 'Risk Profile ID', 'Only agents with this risk profile'), flat.query('teamId', 'Team ID', 'Only agents of this team'), flat.query('ownerPersonId', 'Owner Person ID', 'Only agents owned by this person')],
			createFields: agentDetails(true),
			updateFields: agentDetails(false),
		}).map((op) => (op.value === 'get' ? { ...op, fields: [...op.fields!, flat.query('environmentId', 'Environment ID', 'Scope counts and risk to one environment'), flat.bool('includeCounts', 'Include Counts', 'Whether to add instance counts'), flat.bool('includeRiskRollup', 'Include Risk Rollup', 'Whether to add the risk rollup')] } : op.value === 'update' || op.value === 'delete' ? { ...op, idempotent: true } : op)),
		{
			value: 'show',
			name: 'Find',
			action: 'Find agent by ID or external identifier',
			description: 'Look an agent up by its ID or its external identifier',
			method: 'GET',
			path: `${AGENT}/show`,
			fields: [flat.query('agentId', 'Agent ID', 'ID of the agent (or give the external identifier)'), flat.query('externalIdentifier', 'External Identifier', 'Your own ID of the agent'), flat.query('environmentId', 'Environment ID', 'Scope the counts and the risk roll-up to one environment'), flat.bool('includeCounts', 'Include Counts', 'Whether to add instance counts'), flat.bool('includeRiskRollup', 'Include Risk Rollup', 'Whether to add the risk rollup')],
		},
		action('retire', 'Retire', 'agent', `${AGENT}/{agentId}/retire`, 'agentId', 'Agent', 'Retire an agent: it stops taking new runs', { idempotent: true }),
		action('reinstate', 'Reinstate', 'agent', `${AGENT}/{agentId}/reinstate`, 'agentId', 'Agent', 'Bring a retired agent back', { idempotent: true }),
	],
};

export const instanceResource: ResourceSpec = {
	value: 'agentInstance',
	simplified: ['id', 'agent_id', 'agent_version_id', 'environment_id', 'status', 'purpose', 'started_at', 'finished_at', 'termination_reason', 'raised_alert_count'],
	name: 'Agent Instance',
	description: 'Runs of an agent: register, start, finish, record quality, terminate',
	operations: [
		{ value: 'getAll', name: 'Get Many', action: 'Get many agent instances', description: 'List the runs of an agent', method: 'GET', path: INSTANCE, list: 'paged', fields: [flat.query('agentId', 'Agent ID', 'Agent whose runs to list', { required: true }), flat.query('agentVersionId', 'Agent Version ID', 'Only runs of this version'), sorting()] },
		{ value: 'get', name: 'Get', action: 'Get agent instance', description: 'Get a run, with its status and termination reason', method: 'GET', path: `${INSTANCE}/{agentInstanceId}`, fields: [idPath('agentInstanceId', 'Agent Instance')] },
		{
			value: 'show',
			name: 'Find',
			action: 'Find agent instance',
			description: 'Look a run up by ID or external identifier, with costs, risk and alerts',
			method: 'GET',
			path: `${INSTANCE}/show`,
			fields: [flat.query('agentInstanceId', 'Agent Instance ID', 'ID of the run (or give the external identifier)'), flat.query('externalIdentifier', 'External Identifier', 'External identifier of the run'), flat.bool('includeCounts', 'Include Counts', 'Whether to add span counts'), flat.bool('includeCosts', 'Include Costs', 'Whether to add the cost breakdown'), flat.bool('includeRiskScore', 'Include Risk Score', 'Whether to add the risk score'), flat.bool('includeAlertCount', 'Include Alert Count', 'Whether to add the raised alert count')],
		},
		{
			value: 'register',
			name: 'Register',
			action: 'Register agent instance',
			description: 'Register a new run (pending); agent and schema versions are found or created from their identifiers',
			method: 'POST',
			path: `${INSTANCE}/register`,
			idempotent: true,
			fields: [
				field.string('agentVersionName', 'Agent Version Name', 'Name of the agent version', { required: true, wire: 'agent_version.name' }),
				field.string('agentVersionIdentifier', 'Agent Version Identifier', 'Version label of the agent, e.g. 1.0.0', { required: true, wire: 'agent_version.external_identifier', default: '1.0.0' }),
				field.string('schemaVersionIdentifier', 'Schema Version Identifier', 'Version label of the span schemas, e.g. v1.0.0 or a content hash', { required: true, wire: 'agent_schema_version.external_identifier', default: 'v1.0.0' }),
				field.string('agentId', 'Agent ID', 'Agent of the run (needed with an account token, not with a deployment token)', { wire: 'agent_id' }),
				field.string('environmentId', 'Environment ID', 'Environment of the run (needed with an account token)', { wire: 'environment_id' }),
				field.string('agentVersionDescription', 'Agent Version Description', 'Description of the agent version', { wire: 'agent_version.description' }),
				field.json('spanTypeSchemas', 'Span Type Schemas', 'Array of span types: [{"name": "agent:llm", "params_schema": {...}, "result_schema": {...}, "title", "description", "template", "data_risk"}]', { wire: 'agent_schema_version.span_type_schemas', default: '[]' }),
				field.json('qualitySchemas', 'Quality Schemas', 'Array of named quality schemas: [{"name", "schema", "title", "description"}]', { wire: 'agent_schema_version.quality_schemas', default: '[]' }),
				field.json('agentSchemaVersion', 'Agent Schema Version JSON', 'The whole agent_schema_version object as JSON; replaces the schema fields above', { wire: 'agent_schema_version' }),
				field.string('id', 'ID', 'A custom PFID for the run', { wire: 'id' }),
				field.boolean('updateCurrentVersion', 'Update Current Version', 'Whether to move the deployment to this version', { wire: 'update_current_version', default: true }),
				field.options('purpose', 'Purpose', 'Why this run happens', [{ name: 'Live', value: 'live' }, { name: 'Smoke Test', value: 'smoke_test' }, { name: 'Eval', value: 'eval' }]),
			],
			validate: validateSchemaVersion,
		},
		{ ...action('start', 'Start', 'agent instance', `${INSTANCE}/{agentInstanceId}/start`, 'agentInstanceId', 'Agent Instance', 'Mark a pending run as active', { idempotent: true }), fields: [idPath('agentInstanceId', 'Agent Instance'), timestamp()] },
		{
			...action('finish', 'Finish', 'agent instance', `${INSTANCE}/{agentInstanceId}/finish`, 'agentInstanceId', 'Agent Instance', 'End a run as complete, failed or cancelled', { idempotent: true }),
			fields: [idPath('agentInstanceId', 'Agent Instance'), field.options('status', 'Status', 'How the run ended', STATUS_FINISH, { required: true }), timestamp()],
			errorHint: 'A 409 means the run had already finished',
		},
		{
			...action('recordQuality', 'Record Quality', 'agent instance', `${INSTANCE}/{agentInstanceId}/record_quality`, 'agentInstanceId', 'Agent Instance', 'Store a quality payload under one of the schema’s quality names', { idempotent: true, action: 'Record quality for agent instance' }),
			fields: [idPath('agentInstanceId', 'Agent Instance'), field.string('name', 'Name', 'Quality schema name', { required: true }), field.json('payload', 'Payload', 'The quality payload object; null removes it', { required: true, jsonObject: 'orNull' })],
		},
		{
			...action('terminate', 'Terminate', 'agent instance', `${INSTANCE}/{agentInstanceId}/terminate`, 'agentInstanceId', 'Agent Instance', 'Stop an active run; the agent learns it on its next span call', { idempotent: true }),
			fields: [idPath('agentInstanceId', 'Agent Instance'), field.string('reason', 'Reason', 'Why the run is stopped', { required: true }), timestamp()],
		},
		{ value: 'getAgentContext', name: 'Get Agent Context', action: 'Get agent context of run', description: 'Export a whole run with its spans, for debugging', method: 'GET', path: `${INSTANCE}/{agentInstanceId}/agent_context`, fields: [idPath('agentInstanceId', 'Agent Instance')] },
	],
};

/** Span type schemas need a name and a params schema each (the API's own rule). */
function validateSchemaVersion(body: Record<string, unknown>): string | undefined {
	const schema = body.agent_schema_version as Record<string, unknown> | undefined;
	const types = schema?.span_type_schemas;
	if (types !== undefined && !Array.isArray(types)) return 'Span Type Schemas: must be a JSON array';
	for (const [i, t] of ((types as Array<Record<string, unknown>>) ?? []).entries()) {
		if (typeof t?.name !== 'string' || !t.name) return `Span Type Schemas: item ${i + 1} needs a "name"`;
		if (typeof t.params_schema !== 'object' || t.params_schema === null) return `Span Type Schemas: item ${i + 1} ("${t.name}") needs a "params_schema" object`;
	}
	if (schema && schema.span_schemas !== undefined && types !== undefined && (types as unknown[]).length) return 'Send span_schemas or span_type_schemas, not both';
	return undefined;
}

const spanStatus = ['active', 'pending', 'complete', 'failed', 'cancelled'].map((v) => ({ name: v[0].toUpperCase() + v.slice(1), value: v }));

export const spanResource: ResourceSpec = {
	value: 'agentSpan',
	simplified: ['id', 'agent_instance_id', 'parent_span_id', 'schema_name', 'status', 'purpose', 'summary', 'started_at', 'finished_at', 'risk_level'],
	name: 'Agent Span',
	description: 'Steps of a run (LLM calls, tool calls ...)',
	operations: [
		{
			value: 'getAll',
			name: 'Get Many',
			action: 'Get many spans',
			description: 'List spans of a run in a time window, or of an agent',
			method: 'GET',
			path: SPAN,
			list: 'paged',
			fields: [flat.query('agentInstanceId', 'Agent Instance ID', 'Run whose spans to list'), field.dateTime('startTime', 'Start Time', 'Window start', { wire: 'start_time' }), field.dateTime('endTime', 'End Time', 'Window end', { wire: 'end_time' }), flat.query('agentId', 'Agent ID', 'Agent whose spans to list'), flat.bool('includeSummaries', 'Include Summaries', 'Whether to render summaries (slower)'), flat.bool('includeRiskLevel', 'Include Risk Level', 'Whether to add risk levels'), sorting()],
		},
		{ value: 'get', name: 'Get', action: 'Get span', description: 'Get a span', method: 'GET', path: `${SPAN}/{agentSpanId}`, fields: [idPath('agentSpanId', 'Agent Span'), flat.bool('redacted', 'Redacted', 'Whether to hide sensitive content')] },
		{
			value: 'create',
			name: 'Create',
			action: 'Create span',
			description: 'Record a step of a run (active, or complete/failed in one shot)',
			method: 'POST',
			path: SPAN,
			idempotent: true,
			// The SDKs disagree on where span create's key goes (Python: inside `details`; TypeScript:
			// top level). The same key goes in both, so whichever the server reads, a retry is
			// replayed instead of stored twice (see the README).
			prepare: async (_ctx, request) => {
				const body = request.body as IDataObject;
				if (body?.idempotency_key) body.details = { ...((body.details as IDataObject) ?? {}), idempotency_key: body.idempotency_key };
			},
			fields: [
				det.string('agentInstanceId', 'Agent Instance ID', 'Run the span belongs to', { required: true }),
				det.string('schemaName', 'Schema Name', 'Span type from the run’s schema version, e.g. agent:llm', { required: true }),
				field.options('status', 'Status', 'Status of the span', spanStatus, { required: true, wire: 'details.status' }),
				det.json('payload', 'Payload', 'Params or inputs of the step as a JSON object', { required: true, jsonObject: true }),
				det.json('resultPayload', 'Result Payload', 'Result of the step (only with a finished status)'),
				det.string('id', 'ID', 'A custom PFID for the span'),
				det.string('parentSpanId', 'Parent Span ID', 'Span this one is nested in'),
				det.dateTime('startedAt', 'Started At', 'When the step started (default now)'),
				det.dateTime('finishedAt', 'Finished At', 'When the step finished'),
				det.boolean('sensitiveEncoding', 'Sensitive Encoding', 'Whether the server should encode sensitive content'),
			],
		},
		{
			...action('finish', 'Finish', 'span', `${SPAN}/{agentSpanId}/finish`, 'agentSpanId', 'Agent Span', 'End a span with its result', { idempotent: true }),
			fields: [idPath('agentSpanId', 'Agent Span'), field.options('status', 'Status', 'How the step ended', STATUS_FINISH, { required: true }), field.json('resultPayload', 'Result Payload', 'Result of the step', { wire: 'result_payload' }), timestamp(), field.boolean('sensitiveEncoding', 'Sensitive Encoding', 'Whether the server should encode sensitive content', { wire: 'sensitive_encoding' })],
			errorHint: 'A 409 invalid_action means the span had already finished',
		},
		action('discardSensitive', 'Discard Sensitive', 'span', `${SPAN}/{agentSpanId}/discard_sensitive`, 'agentSpanId', 'Agent Span', 'Strip sensitive content from a stored span', { action: 'Discard sensitive content of span' }),
		{
			value: 'createTestSpans',
			name: 'Create Test Spans',
			action: 'Create test spans',
			description: 'Generate sample spans in a run',
			method: 'POST',
			path: `${SPAN}/create_test_spans`,
			fields: [flat.string('agentInstanceId', 'Agent Instance ID', 'Run to fill', { required: true }), field.number('count', 'Count', 'How many spans', { wire: 'count', default: 5 }), flat.string('parentSpanId', 'Parent Span ID', 'Span to nest them in')],
		},
	],
};

export const versionResource: ResourceSpec = {
	value: 'agentVersion',
	simplified: ['id', 'agent_id', 'agent_schema_version_id', 'external_identifier', 'runtime_environment', 'inserted_at', 'updated_at'],
	name: 'Agent Version',
	description: 'Versions of an agent (normally created by Register)',
	operations: crud({
		base: '/api/v1/agent_version',
		noun: 'agent version',
		plural: 'agent versions',
		idName: 'agentVersionId',
		idLabel: 'Agent Version',
		only: ['getAll', 'get', 'create'],
		listFilters: [flat.query('agentId', 'Agent ID', 'Agent whose versions to list', { required: true })],
		createFields: [det.string('agentId', 'Agent ID', 'Agent of the version', { required: true }), det.string('externalIdentifier', 'External Identifier', 'Version label, e.g. 1.2.0', { required: true }), det.string('agentSchemaVersionId', 'Agent Schema Version ID', 'Schema version of this agent version'), det.string('id', 'ID', 'A custom PFID'), det.json('runtimeEnvironment', 'Runtime Environment', 'Where the version runs, as a JSON object', { placeholder: 'e.g. {"agent_sdk": ["pkg@1.0.0"], "runtime": "python@3.12", "os": "linux"}' })],
	}),
};

export const schemaVersionResource: ResourceSpec = {
	value: 'agentSchemaVersion',
	simplified: ['id', 'agent_id', 'external_identifier', 'span_schemas_count', 'inserted_at', 'updated_at'],
	name: 'Agent Schema Version',
	description: 'Span and quality schemas of an agent',
	operations: crud({
		base: '/api/v1/agent_schema_version',
		noun: 'agent schema version',
		plural: 'agent schema versions',
		idName: 'agentSchemaVersionId',
		idLabel: 'Agent Schema Version',
		only: ['getAll', 'get', 'create'],
		listFilters: [flat.query('agentId', 'Agent ID', 'Agent whose schema versions to list', { required: true })],
		createFields: [det.string('agentId', 'Agent ID', 'Agent of the schema version', { required: true }), det.string('externalIdentifier', 'External Identifier', 'Version label of the schemas', { required: true }), det.string('id', 'ID', 'A custom PFID'), det.json('spanTypeSchemas', 'Span Type Schemas', 'Array of span types with name and params_schema', { default: '[]' }), det.json('spanSchemas', 'Span Schemas', 'Flat alternative: map of span name to params JSON Schema'), det.json('spanResultSchemas', 'Span Result Schemas', 'With Span Schemas: map of span name to result JSON Schema')],
	}).map((op) => (op.value === 'create' ? { ...op, validate: (body) => validateSchemaVersion({ agent_schema_version: body.details }) } : op)),
};

export const deploymentResource: ResourceSpec = {
	value: 'agentDeployment',
	name: 'Agent Deployment',
	description: 'An agent in an environment, pinned to a version',
	operations: crud({
		base: '/api/v1/agent_deployment',
		noun: 'agent deployment',
		plural: 'agent deployments',
		idName: 'agentDeploymentId',
		idLabel: 'Agent Deployment',
		listFilters: [flat.query('agentId', 'Agent ID', 'Agent whose deployments to list', { required: true })],
		createFields: [det.string('agentId', 'Agent ID', 'Agent to deploy', { required: true }), det.string('environmentId', 'Environment ID', 'Environment to deploy into', { required: true }), det.string('id', 'ID', 'A custom PFID'), det.string('currentVersionId', 'Current Version ID', 'Version to pin')],
		updateFields: [det.string('currentVersionId', 'Current Version ID', 'Version to pin (use Update Fields JSON with null to clear)'), det.json('details', 'Update Fields JSON', 'The whole details object, e.g. {"current_version_id": null}', { wire: 'details' })],
	}),
};

export const environmentResource: ResourceSpec = {
	value: 'environment',
	name: 'Environment',
	description: 'Environments such as production or staging',
	operations: [
		...crud({
			base: '/api/v1/environment',
			noun: 'environment',
			plural: 'environments',
			idName: 'environmentId',
			idLabel: 'Environment',
			listFilters: [flat.query('accountId', 'Account ID', 'Account whose environments to list', { required: true })],
			createFields: [det.string('accountId', 'Account ID', 'Account of the environment', { required: true }), det.string('name', 'Name', 'Name of the environment', { required: true }), det.string('id', 'ID', 'A custom PFID')],
			updateFields: [det.string('name', 'Name', 'Name of the environment')],
		}),
		{ value: 'show', name: 'Find', action: 'Find environment', description: 'Look an environment up by ID or external identifier', method: 'GET', path: '/api/v1/environment/show', fields: [flat.query('environmentId', 'Environment ID', 'ID of the environment'), flat.query('externalIdentifier', 'External Identifier', 'External identifier of the environment')] },
	],
};
void q;
