import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { sendRequest } from '../shared/transport';
import { listSearch } from './listSearch';
import { agentRefService } from './service';
import { PROGRAM_FILTER } from './trigger/events';
import type { Dated, PollState } from './trigger/pollState';
import { advance, instant, newSince, statusChanges } from './trigger/pollState';

type EventKind = 'newConversion' | 'conversionStatusChanged' | 'newPayout' | 'payoutStatusChanged' | 'newAffiliate' | 'newApplication';

const SOURCES: Record<EventKind, { url: string; qs: IDataObject; dateFilter: boolean }> = {
	newConversion: { url: '/conversions', qs: {}, dateFilter: true },
	conversionStatusChanged: { url: '/conversions', qs: {}, dateFilter: true },
	newPayout: { url: '/payouts', qs: {}, dateFilter: true },
	payoutStatusChanged: { url: '/payouts', qs: {}, dateFilter: true },
	newAffiliate: { url: '/affiliates', qs: { sortBy: 'createdAt', sortOrder: 'desc' }, dateFilter: false },
	newApplication: { url: '/applications', qs: { status: 'pending' }, dateFilter: false },
};

/** Status changes are looked for among records created in this window, and remembered up to this many. */
const STATUS_WINDOW_DAYS = 90;
const STATUSES_KEPT = 5000;
const SEEN_KEPT = 5000;

async function fetchAll(ctx: IPollFunctions, url: string, qs: IDataObject, stopBefore?: string): Promise<Dated[]> {
	const credentials = await ctx.getCredentials(agentRefService.credentialType);
	const pager = agentRefService.pagers.default;
	const query: IDataObject = { ...qs };
	pager.start(query, agentRefService.maxPageSize);
	const records: Dated[] = [];
	for (let guard = 0; guard < 1000; guard++) {
		const { body } = await sendRequest(
			ctx,
			agentRefService,
			{ baseURL: agentRefService.baseUrl(credentials), url, method: 'GET', qs: { ...query } },
			{ retryable: true, itemIndex: 0 },
		);
		const page = pager.records(body) as Dated[];
		records.push(...page);
		// Newest-first lists can stop once they reach what was already seen.
		if (stopBefore && page.some((r) => instant(r.createdAt) < instant(stopBefore))) break;
		if (!page.length || !pager.advance(query, body, page.length, agentRefService.maxPageSize)) break;
	}
	return records;
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
				displayName: 'Event',
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
		const source = SOURCES[event];
		const qs: IDataObject = { ...source.qs, ...(programId ? { programId } : {}) };
		const state = this.getWorkflowStaticData('node') as PollState;
		const emit = (records: IDataObject[]) => (records.length ? [this.helpers.returnJsonArray(records)] : null);

		// The editor's test run shows the most recent record without touching the state.
		if (this.getMode() === 'manual') {
			const records = await fetchAll(this, source.url, { ...qs, ...(source.dateFilter ? { startDate: new Date(Date.now() - STATUS_WINDOW_DAYS * 864e5).toISOString() } : {}) });
			const newest = [...records].sort((a, b) => instant(b.createdAt) - instant(a.createdAt))[0];
			return newest ? emit([newest]) : null;
		}

		const now = new Date().toISOString();
		if (event === 'conversionStatusChanged' || event === 'payoutStatusChanged') {
			const since = new Date(Date.now() - STATUS_WINDOW_DAYS * 864e5).toISOString();
			const records = await fetchAll(this, source.url, { ...qs, startDate: since });
			const { changed, statuses } = statusChanges(records, state, STATUSES_KEPT);
			state.statuses = statuses;
			return emit(changed);
		}
		if (event === 'newApplication') {
			const records = await fetchAll(this, source.url, qs);
			const seen = new Set(state.seenIds ?? []);
			const first = state.seenIds === undefined;
			const fresh = records.filter((r) => !seen.has(r.id));
			state.seenIds = [...(state.seenIds ?? []), ...fresh.map((r) => r.id)].slice(-SEEN_KEPT);
			return first ? null : emit(fresh);
		}

		// First activation starts from now: no flood of history.
		if (!state.watermark) {
			state.watermark = now;
			state.idsAtWatermark = [];
			return null;
		}
		const records = await fetchAll(
			this,
			source.url,
			source.dateFilter ? { ...qs, startDate: state.watermark } : qs,
			source.dateFilter ? undefined : state.watermark,
		);
		const fresh = newSince(records, state);
		// State moves only after every page arrived: a failed poll is simply repeated next time.
		Object.assign(state, advance(state, fresh));
		return emit(fresh);
	}
}
