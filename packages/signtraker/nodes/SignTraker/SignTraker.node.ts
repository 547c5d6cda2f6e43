import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/builder';
import { directOperations } from '../shared/direct';
import { listSearch } from './listSearch';
import { signTrakerResources } from './resources';
import { signTrakerService } from './service';

export class SignTraker implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignTraker',
		name: 'signTraker',
		icon: { light: 'file:../../icons/signtraker.svg', dark: 'file:../../icons/signtraker.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Manage SignTraker agents, sign orders, service and change orders, and credits',
		defaults: { name: 'SignTraker' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signTrakerApi', required: true }],
		requestDefaults: {
			headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		},
		properties: buildProperties(signTrakerService, signTrakerResources),
	};

	// Runs each operation without n8n's per-item pass over every property (see direct.ts).
	customOperations = directOperations(this.description);

	methods = { listSearch };
}
