/**
 * Starts every service simulator on fixed loopback ports for a real n8n to call, and prints
 * their base URLs as JSON. Stops on SIGINT/SIGTERM.
 */
import http from 'node:http';

import { createAgentRefSim } from '../sim/agentref';
import { createOpenToCloseSim } from '../sim/opentoclose';
import { createPrefactorSim } from '../sim/prefactor';
import { createSignTrakerSim } from '../sim/signtraker';
import type { SimServer } from '../sim/server';

const PORTS = { agentref: 41801, prefactor: 41802, signtraker: 41803, opentoclose: 41804 };

async function listen(sim: SimServer, port: number) {
	// Fixed ports so that credentials can be created before the simulators start.
	const original = http.Server.prototype.listen;
	const patched = function (this: http.Server, ...args: unknown[]) {
		if (args[0] === 0) args[0] = port;
		return (original as (...a: unknown[]) => http.Server).apply(this, args);
	};
	http.Server.prototype.listen = patched as typeof original;
	try {
		return await sim.start();
	} finally {
		http.Server.prototype.listen = original;
	}
}

async function main() {
	const sims = { agentref: createAgentRefSim(), prefactor: createPrefactorSim(), signtraker: createSignTrakerSim(), opentoclose: createOpenToCloseSim() };
	const urls: Record<string, string> = {};
	for (const [name, sim] of Object.entries(sims)) urls[name] = await listen(sim, PORTS[name as keyof typeof PORTS]);
	console.log(JSON.stringify(urls));
	const stop = async () => {
		for (const sim of Object.values(sims)) await sim.stop();
		process.exit(0);
	};
	process.on('SIGINT', stop);
	process.on('SIGTERM', stop);
}

void main();
