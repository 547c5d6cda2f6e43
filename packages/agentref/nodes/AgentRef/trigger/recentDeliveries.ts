import { SEEN_IDS_KEPT } from './events';

/**
 * Delivery ids this n8n process has accepted, per trigger endpoint.
 *
 * The webhook trigger also keeps them in the workflow's static data, but n8n does not save
 * static data changed inside `webhook()` when that call starts an execution (the run wraps the
 * same object again and its "changed" mark is lost). A retry of a delivery whose answer was lost
 * comes seconds later, to the same process, so a bounded in-memory list catches it; the static
 * data list still covers whatever n8n does save.
 */
const byEndpoint = new Map<string, string[]>();

export const recentDeliveries = {
	has(endpoint: string, id: string): boolean {
		return byEndpoint.get(endpoint)?.includes(id) ?? false;
	},

	remember(endpoint: string, id: string): void {
		const ids = byEndpoint.get(endpoint) ?? [];
		ids.push(id);
		if (ids.length > SEEN_IDS_KEPT) ids.splice(0, ids.length - SEEN_IDS_KEPT);
		byEndpoint.set(endpoint, ids);
	},

	forget(endpoint: string): void {
		byEndpoint.delete(endpoint);
	},
};
