import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { PollEvent } from '../shared/pollEngine';
import { runPoll } from '../shared/pollEngine';
import { recordId } from '../shared/pollState';
import { listSearch } from './listSearch';
import { signTrakerService } from './service';

type EventKind = 'orderPlaced' | 'orderStatusChanged';

/** Status changes are looked for among orders created in this window (and at most MEMORY_KEPT of them). */
const STATUS_WINDOW_DAYS = 90;

/**
 * Signage orders through OData: `$orderby=Created desc,Id desc` lists the newest first and
 * `Created ge <watermark>` leaves out what was already handled, so an idle poll is one request.
 * Orders carry no modification time, so status changes are found by comparing the orders of
 * the last 90 days with the statuses remembered.
 */
export function signTrakerEvent(event: EventKind, agentId: string, toStatus: string): PollEvent {
	const clauses = (since: string | undefined) => [
		...(since ? [`Created ge ${since}`] : []),
		...(agentId ? [`Agent/Id eq ${Number(agentId)}`] : []),
	];
	const qs = (since: string | undefined): IDataObject => {
		const filter = clauses(since).join(' and ');
		return { ...(filter ? { $filter: filter } : {}), $orderby: 'Created desc,Id desc' };
	};
	const base = {
		service: signTrakerService,
		offsetParam: '$skip',
		id: (r: IDataObject) => recordId(r.Id),
		position: (r: IDataObject) => (typeof r.Created === 'string' ? r.Created : undefined),
		newestFirst: true,
	};
	if (event === 'orderPlaced') {
		return { ...base, kind: 'new', seed: 'newest', list: (since) => ({ url: '/api/orders', qs: qs(since === undefined ? undefined : new Date(since).toISOString()) }) };
	}
	return {
		...base,
		kind: 'changes',
		fingerprint: (r) => String(r.Status),
		accept: toStatus ? (r) => String(r.Status).toLowerCase() === toStatus.toLowerCase() : undefined,
		list: () => ({ url: '/api/orders', qs: qs(new Date(Date.now() - STATUS_WINDOW_DAYS * 864e5).toISOString()) }),
	};
}

export class SignTrakerTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SignTraker Trigger',
		name: 'signTrakerTrigger',
		icon: { light: 'file:../../icons/signtraker.svg', dark: 'file:../../icons/signtraker.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node panel merges this trigger into the SignTraker entry and shows this description there.
		description: 'Manage SignTraker agents, sign orders, service and change orders, and credits',
		defaults: { name: 'SignTraker Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'signTrakerApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'orderPlaced',
				description: 'What starts the workflow',
				options: [
					{ name: 'Order Placed', value: 'orderPlaced', description: 'A new signage order was created' },
					{ name: 'Order Status Changed', value: 'orderStatusChanged', description: 'A signage order created in the last 90 days changed status' },
				],
			},
			{
				displayName: 'Agent',
				name: 'agentId',
				type: 'resourceLocator',
				default: { mode: 'list', value: '' },
				description: 'Only orders of this agent; leave empty for every agent',
				modes: [
					{ displayName: 'From List', name: 'list', type: 'list', typeOptions: { searchListMethod: 'searchAgents', searchable: true } },
					{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'e.g. 42', validation: [{ type: 'regex', properties: { regex: '^\\d*$', errorMessage: 'An agent ID is a number' } }] },
				],
			},
			{
				displayName: 'To Status',
				name: 'toStatus',
				type: 'string',
				default: '',
				placeholder: 'e.g. Installed',
				description: 'Only changes to this status (as SignTraker names it); leave empty for every change',
				displayOptions: { show: { event: ['orderStatusChanged'] } },
			},
		],
	};

	methods = { listSearch: { searchAgents: listSearch.searchAgents } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventKind;
		const agentId = String(this.getNodeParameter('agentId', '', { extractValue: true }) ?? '').trim();
		const toStatus = event === 'orderStatusChanged' ? String(this.getNodeParameter('toStatus', '')).trim() : '';
		return await runPoll(this, signTrakerEvent(event, agentId, toStatus), JSON.stringify([event, agentId]));
	}
}
