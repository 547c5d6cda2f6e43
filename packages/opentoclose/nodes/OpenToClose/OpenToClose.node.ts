import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/builder';
import { directOperations } from '../shared/direct';
import { listSearch } from './listSearch';
import { openToCloseResources } from './resources';
import { openToCloseService } from './service';

export class OpenToClose implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Open To Close',
		name: 'openToClose',
		icon: { light: 'file:../../icons/opentoclose.svg', dark: 'file:../../icons/opentoclose.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage Open To Close agents, contacts, properties and their records, teams and users',
		defaults: { name: 'Open To Close' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openToCloseApi', required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: buildProperties(openToCloseService, openToCloseResources),
	};

	// Runs each operation without n8n's per-item pass over every property (see direct.ts).
	customOperations = directOperations(this.description);

	methods = { listSearch };
}
