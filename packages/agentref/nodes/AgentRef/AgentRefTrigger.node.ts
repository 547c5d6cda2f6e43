import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { sendRequest } from '../shared/transport';
import { listSearch } from './listSearch';
import { agentRefService } from './service';
import { EVENT_OPTIONS, PROGRAM_FILTER, sameEvents, SEEN_IDS_KEPT } from './trigger/events';
import { recentDeliveries } from './trigger/recentDeliveries';
import { describeNonSecret, signingKey, verifySignature } from './trigger/signature';

interface HookState extends IDataObject {
	endpointId?: string;
	/** Whatever static data holds: checked with signingKey() before every use. */
	signingSecret?: IDataObject[string];
	seenIds?: string[];
}

async function api(ctx: IHookFunctions, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: IDataObject) {
	const credentials = await ctx.getCredentials(agentRefService.credentialType);
	const { body: answer } = await sendRequest(
		ctx,
		agentRefService,
		{ baseURL: agentRefService.baseUrl(credentials), url, method, body, headers: { 'Content-Type': 'application/json' } },
		{ retryable: method === 'GET', itemIndex: 0 },
	);
	return agentRefService.unwrap(answer) as IDataObject & IDataObject[];
}

/** The event in a delivery's raw body: a JSON object with a string `type`, or undefined. */
function parseEvent(rawBody: Buffer | string | undefined): IDataObject | undefined {
	if (rawBody === undefined || rawBody.length === 0) return undefined;
	let value: unknown;
	try {
		value = JSON.parse(Buffer.isBuffer(rawBody) ? rawBody.toString('utf8') : rawBody);
	} catch {
		return undefined;
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
	return typeof (value as IDataObject).type === 'string' ? (value as IDataObject) : undefined;
}

/**
 * Why activation stops when a create or rotate-secret answer has no usable signing secret:
 * deliveries could not be told from forgeries (the value itself is never shown).
 */
function noUsableSecret(ctx: IHookFunctions, value: unknown, action: string): NodeOperationError {
	return new NodeOperationError(
		ctx.getNode(),
		`AgentRef's answer to ${action} has no usable signing secret (${describeNonSecret(value)}), so deliveries could not be verified: the workflow was not activated`,
		{ description: 'Activate the workflow again. If this keeps happening, check the AgentRef credential\'s Base URL (is it the AgentRef API?) or contact AgentRef support.' },
	);
}

/** Delivery ids belong to one endpoint of one trigger node of one workflow. */
const deliveryKey = (ctx: IHookFunctions | IWebhookFunctions, endpointId: string) =>
	`${ctx.getWorkflow().id ?? ''}|${ctx.getNode().id}|${endpointId}`;

function subscription(ctx: IHookFunctions) {
	const events = ctx.getNodeParameter('events', []) as string[];
	const programId = (ctx.getNodeParameter('programId', '', { extractValue: true }) as string) || null;
	return { events, programId };
}

export class AgentRefTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'AgentRef Trigger',
		name: 'agentRefTrigger',
		icon: { light: 'file:../../icons/agentref.svg', dark: 'file:../../icons/agentref.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		// n8n's node panel merges this trigger into the AgentRef entry and shows this description there.
		description: 'Manage AgentRef affiliate programs, affiliates, conversions, payouts and the affiliate workspace',
		defaults: { name: 'AgentRef Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'agentRefApi', required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				default: ['conversion.created'],
				options: EVENT_OPTIONS,
				description: 'The events that start the workflow',
			},
			PROGRAM_FILTER,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Output Data Only',
						name: 'dataOnly',
						type: 'boolean',
						default: false,
						description: 'Whether to output only the event data instead of the envelope (ID, type, createdAt, programId, environment and data)',
					},
				],
			},
		],
	};

	methods = { listSearch: { searchPrograms: listSearch.searchPrograms } };

	webhookMethods = {
		default: {
			/** Finds this workflow's endpoint by URL, and brings its events and program up to date. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const url = this.getNodeWebhookUrl('default');
				const endpoints = (await api(this, 'GET', '/webhooks')) ?? [];
				const endpoint = (Array.isArray(endpoints) ? endpoints : []).find((e) => e.url === url);
				if (!endpoint) {
					delete state.endpointId;
					delete state.signingSecret;
					return false;
				}
				const { events, programId } = subscription(this);
				state.endpointId = String(endpoint.id);
				const id = encodeURIComponent(state.endpointId);
				if (!sameEvents(endpoint.subscribedEvents as string[], events) || (endpoint.programId ?? null) !== programId) {
					await api(this, 'PATCH', `/webhooks/${id}`, { subscribedEvents: events, programId, schemaVersion: 2 });
				}
				// A secret is only ever returned by create or rotate: without one, deliveries cannot be
				// verified. A stored value that is no secret (an older version stored "undefined") is replaced.
				if (!signingKey(state.signingSecret)) {
					delete state.signingSecret;
					const rotated = await api(this, 'POST', `/webhooks/${id}/rotate-secret`);
					if (!signingKey(rotated?.signingSecret)) throw noUsableSecret(this, rotated?.signingSecret, 'rotating the webhook secret');
					state.signingSecret = rotated.signingSecret;
				}
				return true;
			},

			async create(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				const { events, programId } = subscription(this);
				const created = await api(this, 'POST', '/webhooks', {
					name: `n8n: ${this.getWorkflow().name ?? this.getWorkflow().id ?? 'workflow'}`.slice(0, 100),
					url: this.getNodeWebhookUrl('default'),
					subscribedEvents: events,
					...(programId ? { programId } : {}),
					schemaVersion: 2,
				});
				const endpointId = (created?.endpoint as IDataObject | undefined)?.id;
				if (typeof endpointId !== 'string' && typeof endpointId !== 'number') {
					// Nothing to store: the next activation finds an endpoint made anyway by its URL.
					throw new NodeOperationError(this.getNode(), 'AgentRef\'s answer to creating the webhook endpoint has no endpoint ID: the workflow was not activated');
				}
				state.endpointId = String(endpointId);
				if (!signingKey(created.signingSecret)) {
					// An endpoint whose deliveries can never be verified is removed again (n8n may not call delete).
					await api(this, 'DELETE', `/webhooks/${encodeURIComponent(state.endpointId)}`).then(
						() => delete state.endpointId,
						// Kept in the state: deactivation, or the next activation's checkExists, deals with it.
						(error: Error) => this.logger.warn(`AgentRef Trigger: the endpoint without a signing secret could not be deleted: ${error.message}`),
					);
					throw noUsableSecret(this, created.signingSecret, 'creating the webhook endpoint');
				}
				state.signingSecret = created.signingSecret;
				return true;
			},

			async delete(this: IHookFunctions): Promise<boolean> {
				const state = this.getWorkflowStaticData('node') as HookState;
				if (state.endpointId) {
					try {
						await api(this, 'DELETE', `/webhooks/${encodeURIComponent(state.endpointId)}`);
					} catch (error) {
						// Already gone is what we wanted; anything else keeps the state for another try.
						if ((error as { httpCode?: string }).httpCode !== '404') return false;
					}
				}
				if (state.endpointId) recentDeliveries.forget(deliveryKey(this, state.endpointId));
				delete state.endpointId;
				delete state.signingSecret;
				delete state.seenIds;
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const state = this.getWorkflowStaticData('node') as HookState;
		const req = this.getRequestObject() as unknown as { headers: IDataObject; rawBody?: Buffer };
		const res = this.getResponseObject();
		const header = (name: string) => (req.headers[name] as string | undefined) ?? undefined;
		const id = header('svix-id');
		const problem = verifySignature(
			state.signingSecret,
			{ id, timestamp: header('svix-timestamp'), signature: header('svix-signature'), rawBody: req.rawBody ?? '' },
			Math.floor(Date.now() / 1000),
		);
		if (problem) {
			res.status(401).json({ error: `Invalid webhook delivery: ${problem}` });
			return { noWebhookResponse: true };
		}
		// Only the signed bytes count: n8n's own parsing would turn XML or a form into an object.
		const event = parseEvent(req.rawBody);
		if (!event) {
			// 400, not 500: AgentRef should not retry a delivery that can never be read.
			res.status(400).json({ error: 'Invalid webhook delivery: the body is not a JSON event object' });
			return { noWebhookResponse: true };
		}
		const seen = (state.seenIds ??= []);
		const key = deliveryKey(this, String(state.endpointId));
		const events = this.getNodeParameter('events', []) as string[];
		if (seen.includes(String(id)) || recentDeliveries.has(key, String(id)) || !events.includes(String(event.type))) {
			// Acknowledged so AgentRef stops retrying, but the workflow does not start again.
			res.status(200).json({ received: true });
			return { noWebhookResponse: true };
		}
		recentDeliveries.remember(key, String(id));
		seen.push(String(id));
		if (seen.length > SEEN_IDS_KEPT) seen.splice(0, seen.length - SEEN_IDS_KEPT);
		const dataOnly = (this.getNodeParameter('options.dataOnly', false) as boolean) === true;
		const { id: eventId, type, createdAt, programId, environment, merchantId, schemaVersion, data } = event;
		const json = dataOnly
			? ((data ?? {}) as IDataObject)
			: // deliveryId (svix-id) is what a replay repeats: the key for n8n's Remove Duplicates node.
				{ id: eventId, type, createdAt, programId: programId ?? null, environment, merchantId, schemaVersion, data, deliveryId: id };
		// A small acknowledgement; n8n's default reply would be the text "firstEntryJson".
		res.status(200).json({ received: true });
		return { workflowData: [[{ json }]], noWebhookResponse: true };
	}
}
