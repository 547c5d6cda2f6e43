import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { PollEvent } from '../shared/pollEngine';
import { runPoll } from '../shared/pollEngine';
import { recordId } from '../shared/pollState';
import { listSearch } from './listSearch';
import { agentRefService } from './service';
import { PROGRAM_FILTER } from './trigger/events';

type EventKind = 'newConversion' | 'conversionStatusChanged' | 'newPayout' | 'payoutStatusChanged' | 'newAffiliate' | 'newApplication';

/** Status changes are looked for among records created in this window (and at most MEMORY_KEPT of them). */
const STATUS_WINDOW_DAYS = 90;

const windowStart = () => new Date(Date.now() - STATUS_WINDOW_DAYS * 864e5).toISOString();

/**
 * How each event maps onto AgentRef's lists. Conversions and payouts have a date filter
 * (`startDate`, inclusive) but no documented sort, so a poll reads what is past the watermark
 * and the first activation takes the API's clock; affiliates sort newest first; pending
 * applications have neither, so they are compared with the ones already seen.
 */
function agentRefEvent(event: EventKind, programId: string): PollEvent {
	const filter: IDataObject = programId ? { programId } : {};
	// Offset paging (which every AgentRef list accepts) lets the engine overlap pages and notice a shifted one.
	const base = {
		service: agentRefService,
		pager: 'offset',
		offsetParam: 'offset',
		id: (r: IDataObject) => recordId(r.id),
		position: (r: IDataObject) => (typeof r.createdAt === 'string' ? r.createdAt : undefined),
	};
	switch (event) {
		case 'newConversion':
		case 'newPayout':
			return {
				...base,
				kind: 'new',
				seed: 'serverTime',
				list: (since) => ({ url: event === 'newConversion' ? '/conversions' : '/payouts', qs: { ...filter, startDate: since ?? windowStart() } }),
			};
		case 'conversionStatusChanged':
		case 'payoutStatusChanged':
			return {
				...base,
				kind: 'changes',
				fingerprint: (r) => String(r.status),
				list: () => ({ url: event === 'conversionStatusChanged' ? '/conversions' : '/payouts', qs: { ...filter, startDate: windowStart() } }),
			};
		case 'newAffiliate':
			return {
				...base,
				kind: 'new',
				newestFirst: true,
				seed: 'newest',
				list: () => ({ url: '/affiliates', qs: { ...filter, sortBy: 'createdAt', sortOrder: 'desc' } }),
			};
		case 'newApplication':
			return { ...base, kind: 'changes', emitNew: true, list: () => ({ url: '/applications', qs: { ...filter, status: 'pending' } }) };
	}
}

export class AgentRefPollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AgentRef Poll Trigger',
		name: 'agentRefPollTrigger',
		icon: { light: 'file:../../icons/agentref.svg', dark: 'file:../../icons/agentref.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow on new AgentRef conversions, payouts, affiliates or applications, by polling (no public URL needed)',
		defaults: { name: 'AgentRef Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agentRefApi', required: true }],
		properties: [
			{
				// Not "Event": n8n's node panel would list each value as an entry of an app named
				// "AgentRef Poll" among the actions; so it is one trigger, beside AgentRef's.
				displayName: 'Watch For',
				name: 'event',
				type: 'options',
				default: 'newConversion',
				description: 'What starts the workflow',
				options: [
					{ name: 'Conversion Status Changed', value: 'conversionStatusChanged', description: 'A recent conversion was approved, rejected or refunded' },
					{ name: 'New Affiliate', value: 'newAffiliate', description: 'An affiliate joined' },
					{ name: 'New Application', value: 'newApplication', description: 'A new pending application to join a program' },
					{ name: 'New Conversion', value: 'newConversion', description: 'A sale was attributed to an affiliate' },
					{ name: 'New Payout', value: 'newPayout', description: 'A payout was recorded' },
					{ name: 'Payout Status Changed', value: 'payoutStatusChanged', description: 'A recent payout completed or failed' },
				],
			},
			PROGRAM_FILTER,
		],
	};

	methods = { listSearch: { searchPrograms: listSearch.searchPrograms } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventKind;
		const programId = this.getNodeParameter('programId', '', { extractValue: true }) as string;
		return await runPoll(this, agentRefEvent(event, programId), JSON.stringify([event, programId]));
	}
}
