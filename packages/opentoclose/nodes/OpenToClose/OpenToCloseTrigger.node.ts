import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError, NodeConnectionTypes } from 'n8n-workflow';

import type { PollEvent } from '../shared/pollEngine';
import { runPoll } from '../shared/pollEngine';
import { recordId } from '../shared/pollState';
import { openToCloseService } from './service';

type EventKind = 'propertyCreated' | 'propertyStatusChanged' | 'contactCreated' | 'taskCreated';

/** Open To Close answers at most 50 properties per request, 100 of anything else. */
const PROPERTY_PAGE = 50;

/**
 * Open To Close ids grow with every record, and its lists sort by `sort_by=id&sort_dir=desc`,
 * so "created" events list newest first and stop at the newest id already handled (one request
 * when idle). If a list ignores the sort, the engine notices the order and reads it whole
 * instead of missing records. Property statuses live in the property's fields, which the list
 * leaves out; the list's `status` filter shows which properties are in a status now, and a
 * property appearing there is the event.
 */
export function openToCloseEvent(event: EventKind, o: { status: string; propertyId: string; teamMemberId: string }): PollEvent {
	const newest: IDataObject = { sort_by: 'id', sort_dir: 'desc' };
	const base = {
		service: openToCloseService,
		offsetParam: 'offset',
		id: (r: IDataObject) => recordId(r.id),
		position: (r: IDataObject) => (recordId(r.id) !== undefined && Number.isFinite(Number(r.id)) ? Number(r.id) : undefined),
	};
	const byMember = o.teamMemberId ? (r: IDataObject) => String(r.team_member_id ?? '') === o.teamMemberId : undefined;
	switch (event) {
		case 'propertyCreated':
			return { ...base, kind: 'new', newestFirst: true, seed: 'newest', pageSize: PROPERTY_PAGE, accept: byMember, list: () => ({ url: '/properties', qs: { ...newest } }) };
		case 'propertyStatusChanged':
			return {
				...base,
				kind: 'changes',
				emitNew: true,
				pageSize: PROPERTY_PAGE,
				accept: byMember,
				list: () => ({ url: '/properties', qs: { ...newest, status: o.status } }),
			};
		case 'contactCreated':
			return { ...base, kind: 'new', newestFirst: true, seed: 'newest', list: () => ({ url: '/contacts', qs: { ...newest } }) };
		case 'taskCreated':
			return { ...base, kind: 'new', newestFirst: true, seed: 'newest', list: () => ({ url: `/properties/${encodeURIComponent(o.propertyId)}/tasks`, qs: { ...newest } }) };
	}
}

export class OpenToCloseTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Open To Close Trigger',
		name: 'openToCloseTrigger',
		icon: { light: 'file:../../icons/opentoclose.svg', dark: 'file:../../icons/opentoclose.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		// n8n's node panel merges this trigger into the Open To Close entry and shows this description there.
		description: 'Manage Open To Close agents, contacts, properties and their records, teams and users',
		defaults: { name: 'Open To Close Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'openToCloseApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				default: 'propertyCreated',
				description: 'What starts the workflow',
				options: [
					{ name: 'Contact Created', value: 'contactCreated', description: 'A contact was added' },
					{ name: 'Property Created', value: 'propertyCreated', description: 'A property (transaction) was added' },
					{ name: 'Property Status Changed', value: 'propertyStatusChanged', description: 'A property moved into the chosen contract status' },
					{ name: 'Task Created', value: 'taskCreated', description: 'A task was added to a property' },
				],
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. Under Contract',
				description: 'The contract status to watch, exactly as Open To Close names it',
				displayOptions: { show: { event: ['propertyStatusChanged'] } },
			},
			{
				displayName: 'Property ID',
				name: 'propertyId',
				type: 'string',
				default: '',
				required: true,
				placeholder: 'e.g. 985708',
				description: 'The property whose tasks are watched',
				displayOptions: { show: { event: ['taskCreated'] } },
			},
			{
				displayName: 'Team Member ID',
				name: 'teamMemberId',
				type: 'string',
				default: '',
				placeholder: 'e.g. 26392',
				description: 'Only properties of this team member (agent); leave empty for every property',
				displayOptions: { show: { event: ['propertyCreated', 'propertyStatusChanged'] } },
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const event = this.getNodeParameter('event') as EventKind;
		const read = (name: string, shown: EventKind[]) => (shown.includes(event) ? String(this.getNodeParameter(name, '') ?? '').trim() : '');
		const options = {
			status: read('status', ['propertyStatusChanged']),
			propertyId: read('propertyId', ['taskCreated']),
			teamMemberId: read('teamMemberId', ['propertyCreated', 'propertyStatusChanged']),
		};
		if (event === 'propertyStatusChanged' && !options.status) throw new NodeOperationError(this.getNode(), 'Status: a value is required');
		if (event === 'taskCreated' && !options.propertyId) throw new NodeOperationError(this.getNode(), 'Property ID: a value is required');
		return await runPoll(this, openToCloseEvent(event, options), JSON.stringify([event, options.status, options.propertyId]));
	}
}
