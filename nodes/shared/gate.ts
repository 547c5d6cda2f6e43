import { sleep } from 'n8n-workflow';

/**
 * Traffic control per API host, shared by all items and executions in this n8n process.
 * n8n's declarative routing starts every item's request at once; without a gate, 1,000 items
 * would open 1,000 connections and trip the API's rate limit. The gate bounds requests in
 * flight and, when the API answers 429, holds every waiting request until Retry-After has
 * passed instead of letting each one hammer the API on its own.
 */
export class HostGate {
	private active = 0;

	private readonly waiting: Array<() => void> = [];

	private pausedUntil = 0;

	constructor(private readonly maxConcurrent: number) {}

	async acquire(): Promise<void> {
		if (this.active >= this.maxConcurrent) {
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		} else {
			this.active++;
		}
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await sleep(wait);
		}
	}

	release(): void {
		const next = this.waiting.shift();
		// The slot passes straight to the next waiter, so `active` stays the same.
		if (next) next();
		else this.active--;
	}

	/**
	 * Holds new requests for `ms` plus a small margin: Retry-After is rounded to whole seconds
	 * and the API's clock is not ours, and a request that lands a moment too early costs a
	 * whole second more.
	 */
	pause(ms: number): void {
		const margin = Math.max(50, Math.round(ms * 0.05));
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms + margin);
	}
}

const gates = new Map<string, HostGate>();

export function gateFor(baseUrl: string, maxConcurrent: number): HostGate {
	let host: string;
	try {
		host = new URL(baseUrl).host;
	} catch {
		host = baseUrl;
	}
	let gate = gates.get(host);
	if (!gate) {
		gate = new HostGate(maxConcurrent);
		gates.set(host, gate);
	}
	return gate;
}
