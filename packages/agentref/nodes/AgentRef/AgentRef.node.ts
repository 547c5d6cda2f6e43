import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/builder';
import { directOperations } from '../shared/direct';
import { agentRefResources } from './resources';
import { agentRefService } from './service';
import { listSearch } from './listSearch';

export class AgentRef implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AgentRef',
		name: 'agentRef',
		icon: { light: 'file:../../icons/agentref.svg', dark: 'file:../../icons/agentref.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description:
			'Manage AgentRef affiliate programs, affiliates, conversions, payouts and the affiliate workspace',
		defaults: { name: 'AgentRef' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agentRefApi', required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: buildProperties(agentRefService, agentRefResources),
	};

	// Runs each operation without n8n's per-item pass over every property (see direct.ts).
	customOperations = directOperations(this.description);

	methods = { listSearch };
}
