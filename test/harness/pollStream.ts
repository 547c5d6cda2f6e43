/**
 * The stream test every poll trigger runs: events appear between polls, some polls fail (on
 * their first request or partway through their pages), connections reset, and n8n restarts
 * with only the workflow's static data. Every event must come out exactly once, in order.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { LoggedRequest, SimServer } from '../sim/server';
import { reportFigures } from './figures';

interface PollEnv {
	poll(mode?: 'trigger' | 'manual'): Promise<INodeExecutionData[] | null>;
	staticData(): IDataObject;
}

export interface StreamOptions {
	sim: SimServer;
	/** A trigger environment, optionally starting from saved static data (a restart; keyed as n8n keeps it). */
	environment(staticData?: IDataObject): PollEnv;
	/** Makes event number `index` happen in the simulator and returns the id it must be emitted with. */
	add(index: number): string;
	/** The requests of one poll's listing; `later` is true for the pages after the first. */
	listing(req: LoggedRequest): { listing: boolean; later: boolean };
	total?: number;
}

export interface StreamResult {
	expected: string[];
	emitted: string[];
	lost: number;
	duplicated: number;
	failedPolls: number;
	restarts: number;
	polls: number;
}

const ids = (items: INodeExecutionData[] | null) => (items ?? []).map((i) => String(i.json.id ?? i.json.Id));

export async function streamThroughPolls(options: StreamOptions): Promise<StreamResult> {
	const { sim } = options;
	const total = options.total ?? 1000;
	let env = options.environment();
	expect(await env.poll()).toBeNull(); // the first activation starts from now
	const expected: string[] = [];
	const emitted: string[] = [];
	let failedPolls = 0;
	let restarts = 0;
	let polls = 1;
	for (let round = 0; round < 400 && (expected.length < total || emitted.length < total); round++) {
		const batch = Math.min(total - expected.length, 1 + ((round * 37) % 60));
		for (let i = 0; i < batch; i++) expected.push(options.add(expected.length));
		sim.beforeHandle = undefined;
		if (round === 4) {
			// The API fails this poll for longer than the retries last (5xx on every attempt).
			sim.inject({ kind: 'status', status: 503, body: { message: 'unavailable' } }, { method: 'GET', times: 4 });
		} else if (round % 9 === 4) {
			// The API refuses the poll's first request (not retried: a quick failure).
			sim.inject({ kind: 'status', status: 400, body: { message: 'refused' } }, { method: 'GET' });
		} else if (round % 9 === 7) {
			// A later page of the listing is refused: what the first pages held must come again.
			let armed = true;
			sim.beforeHandle = (req) => {
				const { listing, later } = options.listing(req);
				if (armed && listing && later) {
					armed = false;
					sim.inject({ kind: 'status', status: 400, body: { message: 'refused' } });
				}
			};
			if (round % 2 === 0) sim.inject({ kind: 'status', status: 400, body: { message: 'refused' } }, { method: 'GET' });
		}
		if (round % 5 === 2) sim.inject({ kind: 'reset' }, { method: 'GET' }); // recovered by a retry
		if (round % 11 === 6) {
			// n8n restarts: the workflow's static data is all that survives.
			env = options.environment({ 'node:Node': JSON.parse(JSON.stringify(env.staticData())) as IDataObject });
			restarts++;
		}
		polls++;
		try {
			emitted.push(...ids(await env.poll()));
		} catch {
			failedPolls++;
		}
		sim.clearFaults();
		sim.beforeHandle = undefined;
	}
	emitted.push(...ids(await env.poll()));
	polls++;
	const duplicated = emitted.length - new Set(emitted).size;
	const seen = new Set(emitted);
	const lost = expected.filter((id) => !seen.has(id)).length;
	return { expected, emitted, lost, duplicated, failedPolls, restarts, polls };
}

/** Asserts the stream's figures and prints them for the closing note. */
export function expectClean(name: string, r: StreamResult) {
	reportFigures(`${name} stream: ${r.expected.length} events, ${r.emitted.length} emitted, lost ${r.lost}, duplicated ${r.duplicated}, failed polls ${r.failedPolls}, restarts ${r.restarts}, polls ${r.polls}`);
	expect(r.failedPolls).toBeGreaterThan(0);
	expect(r.restarts).toBeGreaterThan(0);
	expect(r.lost).toBe(0);
	expect(r.duplicated).toBe(0);
	expect(r.emitted).toEqual(r.expected);
}
