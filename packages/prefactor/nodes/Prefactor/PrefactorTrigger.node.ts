import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError, NodeConnectionTypes } from 'n8n-workflow';

import type { PollEvent } from '../shared/pollEngine';
import { runPoll } from '../shared/pollEngine';
import { recordId } from '../shared/pollState';
import { prefactorService } from './service';

type EventKind = 'alertRaised' | 'instanceFinished';

export interface PrefactorTriggerOptions {
	agentId: string;
	environmentId: string;
	severity: string;
	statuses: string[];
}

/**
 * Alerts: the raised ones are listed (`status=raised`) and each is remembered with its raise
 * time, so an alert raised again after being cleared is a new event; an idle poll costs one
 * request per 100 open alerts. Agent instances: listed by `sorting=-finished_at`, newest first,
 * and read only down to the watermark, so an idle poll is one request; the run's final status
 * (failed by default) is checked here, because the list has no status filter.
 */
export function prefactorEvent(event: EventKind, o: PrefactorTriggerOptions): PollEvent {
	const id = (r: IDataObject) => recordId(r.id);
	const offsetParam = 'pagination[offset]';
	if (event === 'alertRaised') {
		const qs: IDataObject = { status: 'raised', sorting: '-id' };
		if (o.agentId) qs.agent_id = o.agentId;
		if (o.environmentId) qs.environment_id = o.environmentId;
		if (o.severity) qs.severity = o.severity;
		return {
			service: prefactorService,
			kind: 'changes',
			emitNew: true,
			offsetParam,
			id,
			position: (r) => (r.raised_at as string | undefined) ?? (r.inserted_at as string | undefined),
			fingerprint: (r) => String(r.raised_at ?? r.version ?? ''),
			list: () => ({ url: '/api/v1/alerts', qs }),
		};
	}
	const qs: IDataObject = { agent_id: o.agentId, sorting: '-finished_at' };
	return {
		service: prefactorService,
		kind: 'new',
		newestFirst: true,
		seed: 'newest',
		offsetParam,
		id,
		position: (r) => (typeof r.finished_at === 'string' && r.finished_at ? r.finished_at : undefined),
		accept: (r) => (o.statuses.length ? o.statuses.includes(String(r.status)) : true) && (!o.environmentId || r.environment_id === o.environmentId),
		list: () => ({ url: '/api/v1/agent_instance', qs }),
	};
}

export class PrefactorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Prefactor Trigger',
		name: 'prefactorTrigger',
		icon: { light: 'file:../../icons/prefactor.svg', dark: 'file:../../icons/prefactor.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node panel merges this trigger into the Prefactor entry and shows this description there.
		description: 'Report AI agent runs to Prefactor and govern agents, spans, alerts and risk',
		defaults: { name: 'Prefactor Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'prefactorApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'alertRaised',
				description: 'What starts the workflow',
				options: [
					{ name: 'Agent Instance Finished', value: 'instanceFinished', description: 'A run of the agent ended (by default only failed runs)' },
					{ name: 'Alert Raised', value: 'alertRaised', description: 'An alert was raised, or raised again after it was cleared' },
				],
			},
			{
				displayName: 'Agent ID',
				name: 'agentId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 01J9Z6Q8M3T5V7X9A1C3E5G7K9',
				description: 'The agent whose runs are watched (Prefactor lists instances per agent)',
				displayOptions: { show: { event: ['instanceFinished'] } },
			},
			{
				displayName: 'Final Statuses',
				name: 'statuses',
				type: 'multiOptions',
				default: ['failed'],
				description: 'Only runs that ended with one of these statuses; none selected means every finished run',
				options: [
					{ name: 'Cancelled', value: 'cancelled' },
					{ name: 'Complete', value: 'complete' },
					{ name: 'Failed', value: 'failed' },
					{ name: 'Terminated', value: 'terminated' },
				],
				displayOptions: { show: { event: ['instanceFinished'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					{
						displayName: 'Agent ID',
						name: 'agentId',
						type: 'string',
						default: '',
						description: 'Only alerts of this agent',
						displayOptions: { show: { '/event': ['alertRaised'] } },
					},
					{ displayName: 'Environment ID', name: 'environmentId', type: 'string', default: '', description: 'Only this environment (for example production)' },
					{
						displayName: 'Severity',
						name: 'severity',
						type: 'options',
						default: 'critical',
						description: 'Only alerts of this severity',
						options: [
							{ name: 'Critical', value: 'critical' },
							{ name: 'Error', value: 'error' },
							{ name: 'Info', value: 'info' },
							{ name: 'Warning', value: 'warning' },
						],
						displayOptions: { show: { '/event': ['alertRaised'] } },
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventKind;
		const filters = this.getNodeParameter('filters', {}) as IDataObject;
		const instance = event === 'instanceFinished';
		const options: PrefactorTriggerOptions = {
			agentId: String((instance ? this.getNodeParameter('agentId', '') : filters.agentId) ?? '').trim(),
			environmentId: String(filters.environmentId ?? '').trim(),
			severity: instance ? '' : String(filters.severity ?? ''),
			statuses: instance ? (this.getNodeParameter('statuses', []) as string[]) : [],
		};
		if (instance && !options.agentId) {
			throw new NodeOperationError(this.getNode(), 'Agent ID: a value is required (Prefactor lists agent instances per agent)');
		}
		return await runPoll(this, prefactorEvent(event, options), JSON.stringify([event, options.agentId, options.environmentId, options.severity]));
	}
}
