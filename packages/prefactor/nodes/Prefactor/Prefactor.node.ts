import type { INodeProperties, INodePropertyOptions, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/builder';
import { directOperations } from '../shared/direct';
import { checkToolCalls, startAgentRuns } from './agentRun/govern';
import { AGENT_RUN, agentRunProperties, agentRunResourceOption } from './agentRun/properties';
import { recordAgentRuns } from './agentRun/record';
import { prefactorResources } from './resources';
import { prefactorService } from './service';

/** The generated resources plus Agent Run, whose operations are code rather than routing. */
function properties(): INodeProperties[] {
	const generated = buildProperties(prefactorService, prefactorResources);
	const [resource, ...rest] = generated;
	const options = [...(resource.options as INodePropertyOptions[]), agentRunResourceOption].sort((a, b) => a.name.localeCompare(b.name));
	return [{ ...resource, options }, ...rest, ...agentRunProperties];
}

export class Prefactor implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Prefactor',
		name: 'prefactor',
		icon: { light: 'file:../../icons/prefactor.svg', dark: 'file:../../icons/prefactor.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Report AI agent runs to Prefactor and govern agents, spans, alerts and risk',
		defaults: { name: 'Prefactor' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'prefactorApi', required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: properties(),
	};

	// Runs each operation without n8n's per-item pass over every property (see direct.ts); Agent
	// Run's operations are code of their own.
	customOperations = {
		...directOperations(this.description),
		[AGENT_RUN]: { record: recordAgentRuns, start: startAgentRuns, checkToolCall: checkToolCalls },
	};
}
