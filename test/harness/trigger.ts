/**
 * Drives trigger nodes through n8n-core's own contexts: HookContext for the webhook lifecycle
 * (checkExists, create, delete), WebhookContext for deliveries, PollContext for polling, all in
 * one workflow so static data carries from one call to the next as it does in n8n.
 */
import { HookContext, PollContext, WebhookContext } from 'n8n-core';
import type { IDataObject, IHookFunctions, INodeExecutionData, IWebhookData, IWebhookResponseData } from 'n8n-workflow';

import type { RunOptions } from './engine';
import { buildEnvironment } from './engine';

export interface Delivery {
	headers: Record<string, string>;
	rawBody: string | Buffer;
	/** What n8n's body parser made of it (XML and forms become objects); JSON by default. */
	body?: unknown;
}

export function triggerEnvironment(options: RunOptions) {
	const env = buildEnvironment(options);
	const { workflow, node, additionalData } = env;
	const webhookData = {
		httpMethod: 'POST',
		node: node.name,
		path: 'webhook',
		webhookDescription: options.nodeType.description.webhooks?.[0],
		workflowId: workflow.id,
		workflowExecuteAdditionalData: additionalData,
		isTest: false,
	} as unknown as IWebhookData;

	return {
		...env,
		staticData: () => workflow.getStaticData('node', node) as IDataObject,
		/** One webhook lifecycle method, as n8n calls it on activation and deactivation. */
		async hook(method: 'checkExists' | 'create' | 'delete') {
			const context = new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData);
			const fn = options.nodeType.webhookMethods!.default![method] as (this: IHookFunctions) => Promise<boolean>;
			return await fn.call(context);
		},
		/** A delivery to the production webhook: the status answered and the items that would start a run. */
		async deliver(delivery: Delivery) {
			const answer: { status?: number; body?: unknown } = {};
			const res = {
				status(code: number) {
					answer.status = code;
					return res;
				},
				json(body: unknown) {
					answer.body = body;
					return res;
				},
				send(body: unknown) {
					answer.body = body;
					return res;
				},
				end() {
					return res;
				},
			};
			let body: unknown = delivery.body;
			if (!('body' in delivery)) {
				try {
					body = JSON.parse(delivery.rawBody.toString());
				} catch {
					body = {};
				}
			}
			const data = { ...additionalData, httpRequest: { headers: delivery.headers, body, rawBody: Buffer.from(delivery.rawBody), query: {}, params: {} }, httpResponse: res } as never;
			const context = new WebhookContext(workflow, node, data, 'webhook', webhookData, [], null);
			const result = (await options.nodeType.webhook!.call(context)) as IWebhookResponseData;
			return { status: answer.status ?? 200, body: answer.body, items: (result.workflowData?.[0] ?? []) as INodeExecutionData[] };
		},
		/** One poll, in trigger mode or in the editor's manual mode. */
		async poll(mode: 'trigger' | 'manual' = 'trigger') {
			const context = new PollContext(workflow, node, additionalData, mode, 'activate');
			const result = await options.nodeType.poll!.call(context);
			return (result?.[0] ?? null) as INodeExecutionData[] | null;
		},
	};
}
