/**
 * One simulator for a test file that drives a node or trigger directly: started before the
 * file's tests and stopped after them. Before each test the host gates, the request log, injected
 * faults, the request hook and the clock offset are reset, and `seed` lays out the records the
 * test starts from, so no test depends on what the one before it left behind.
 */
import { resetGates } from './gates';
import type { SimServer } from '../sim/server';

export function useSimulator(sim: SimServer, seed: () => void = () => undefined): { readonly baseUrl: string } {
	const started = { baseUrl: '' };
	beforeAll(async () => {
		started.baseUrl = await sim.start();
	});
	afterAll(async () => sim.stop());
	beforeEach(() => {
		resetGates();
		sim.resetLog();
		sim.clearFaults();
		sim.beforeHandle = undefined;
		sim.clockOffsetMs = 0;
		seed();
	});
	return started;
}
