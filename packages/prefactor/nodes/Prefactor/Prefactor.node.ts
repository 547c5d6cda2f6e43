import type { INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { buildProperties } from '../shared/builder';
import { directOperations } from '../shared/direct';
import { prefactorResources } from './resources';
import { prefactorService } from './service';

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
		properties: buildProperties(prefactorService, prefactorResources),
	};

	// Runs each operation without n8n's per-item pass over every property (see direct.ts).
	customOperations = directOperations(this.description);
}
