/**
 * The per-service test kit: one simulator per test file, a fresh log and no faults per test,
 * and helpers to run an operation or a credential test through the real engine.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	IDataObject,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';

import { useSimulator } from './simulator';
import type { SimServer } from '../sim/server';
import type { RunResult } from './engine';
import { everythingProduced, runNode, runRequestCredentialTest } from './engine';

export interface ServiceKit<S extends SimServer> {
	sim: S;
	baseUrl: string;
	/** Run one operation; `parameters` are the node's UI values. */
	run(
		parameters: INodeParameters,
		options?: {
			items?: IDataObject[];
			continueOnFail?: boolean;
			credentials?: ICredentialDataDecryptedObject;
			onStart?: (cancel: () => void) => void;
		},
	): Promise<RunResult>;
	/** Run the credential's own test request the way n8n's credential tester does. */
	testCredential(credentials: ICredentialDataDecryptedObject): Promise<RunResult>;
	/** The output items' JSON. */
	json(result: RunResult): IDataObject[];
}

export function useServiceKit<S extends SimServer>(options: {
	createSim: () => S;
	nodeType: () => INodeType;
	credentialType: ICredentialType;
	credentials: (baseUrl: string) => ICredentialDataDecryptedObject;
}): ServiceKit<S> {
	const kit = {} as ServiceKit<S>;
	// Everything the node produced in this file, swept for secrets at the end.
	const produced: string[] = [];
	const secrets = new Set<string>();
	const remember = (credentials: ICredentialDataDecryptedObject) => {
		for (const [key, value] of Object.entries(credentials)) {
			if (/key|token|secret|password/i.test(key) && typeof value === 'string' && value.length >= 6) {
				secrets.add(value);
			}
		}
	};
	const record = (result: RunResult) => {
		produced.push(everythingProduced(result));
		return result;
	};
	kit.sim = options.createSim();
	const started = useSimulator(kit.sim);
	Object.defineProperty(kit, 'baseUrl', { get: () => started.baseUrl });
	afterAll(() => {
		const text = produced.join('\n');
		for (const secret of secrets) expect(text).not.toContain(secret);
	});
	const credentialName = options.credentialType.name;
	kit.run = async (parameters, runOptions = {}) => {
		const credentials = runOptions.credentials ?? options.credentials(kit.baseUrl);
		remember(credentials);
		return record(
			await runNode({
				nodeType: options.nodeType(),
				credentialTypes: [options.credentialType],
				credentials: { [credentialName]: credentials },
				parameters,
				items: runOptions.items,
				continueOnFail: runOptions.continueOnFail,
				onStart: runOptions.onStart,
			}),
		);
	};
	kit.testCredential = async (credentials) => {
		remember(credentials);
		const answer = await runRequestCredentialTest(options.credentialType, credentials);
		// What n8n shows of a credential test is its message; n8n's own request error stays inside.
		produced.push(answer.message, JSON.stringify(answer.run.items));
		return { items: answer.run.items, error: answer.status === 'OK' ? undefined : (new Error(answer.message) as RunResult['error']) };
	};
	kit.json = (result) => {
		if (result.error) throw result.error;
		return result.items.map((i) => i.json);
	};
	return kit;
}
