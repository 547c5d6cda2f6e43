/**
 * Runs this package's nodes inside n8n-core's real execution engine (WorkflowExecute and the
 * declarative RoutingNode), with real HTTP through n8n's request helpers. Only the parts a
 * running n8n server provides around the engine (stored credentials, node type registry) are
 * stood in for here, the way n8n's own node test harness does.
 */
import { GlobalConfig } from '@n8n/config';
import { Container } from '@n8n/di';
import { DirectoryLoader, ExecuteContext, ExecutionLifecycleHooks, LoadOptionsContext, RoutingNode, WorkflowExecute } from 'n8n-core';
import type {
	IExecuteFunctions,
	ICredentialDataDecryptedObject,
	INodeCredentialTestResult,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	INodeTypes,
	IRun,
	IWorkflowExecuteAdditionalData,
	IVersionedNodeType,
} from 'n8n-workflow';
import { createRunExecutionData, ICredentialsHelper, Workflow } from 'n8n-workflow';

// n8n's logger (winston) writes every node error straight to stdout, past jest's console
// capture, so a green run would print every expected failure. Tests assert outcomes instead: the
// logger is made silent before n8n-core first asks the container for it.
Container.get(GlobalConfig).logging.level = 'silent';

export const PACKAGE = 'n8n-nodes-agent-suite';

export class TestNodeTypes implements INodeTypes {
	private readonly types = new Map<string, INodeType>();

	constructor(nodeTypes: INodeType[]) {
		for (const nodeType of nodeTypes) {
			// The loader n8n uses adds the declarative "Request Options" (timeout, batching, proxy).
			DirectoryLoader.applyDeclarativeNodeOptionParameters(nodeType);
			this.types.set(`${PACKAGE}.${nodeType.description.name}`, asServerRunsIt(nodeType));
		}
	}

	getByName(name: string): INodeType | IVersionedNodeType {
		return this.getByNameAndVersion(name);
	}

	getByNameAndVersion(name: string): INodeType {
		const type = this.types.get(name);
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getKnownTypes() {
		return {};
	}
}

/**
 * n8n's server gives a declarative node an `execute` that runs its RoutingNode with the
 * execution's context (and so its cancel signal); without it n8n-core would take a test-only
 * path that has no cancel signal.
 */
function asServerRunsIt(nodeType: INodeType): INodeType {
	const declarative = nodeType.description.requestDefaults !== undefined;
	if (!declarative || nodeType.execute || nodeType.poll || nodeType.trigger || nodeType.supplyData) return nodeType;
	nodeType.execute = async function (this: IExecuteFunctions) {
		const data = await new RoutingNode(this as never, nodeType).runNode();
		return data ?? [];
	};
	return nodeType;
}

/** Resolves credential expressions with n8n's own expression engine, as n8n's server does. */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
		private readonly nodeTypes: INodeTypes,
	) {
		super();
	}

	resolve(value: unknown, credentials: ICredentialDataDecryptedObject): unknown {
		if (typeof value !== 'string' || !value.startsWith('=')) return value;
		const workflow = new Workflow({
			nodes: [],
			connections: {},
			active: false,
			nodeTypes: this.nodeTypes,
		});
		return workflow.expression.getParameterValue(
			value,
			null,
			0,
			0,
			'',
			[],
			'internal',
			{ $credentials: credentials },
		);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const auth = this.credentialTypes[typeName]?.authenticate;
		if (typeof auth === 'function') return await auth(credentials, requestOptions);
		if (!auth) return requestOptions;
		const result = { ...requestOptions };
		for (const target of ['headers', 'qs', 'body'] as const) {
			const values = (auth.properties as Record<string, IDataObject | undefined>)[target];
			if (!values) continue;
			const resolved: IDataObject = {};
			for (const [key, value] of Object.entries(values)) {
				resolved[key] = this.resolve(value, credentials) as string;
			}
			result[target] = { ...((result[target] as IDataObject) ?? {}), ...resolved };
		}
		return result;
	}

	async preAuthentication(
		_h: IHttpRequestHelper,
		_c: ICredentialDataDecryptedObject,
		_t: string,
		_n: INode,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async runPreAuthentication(): Promise<ICredentialDataDecryptedObject | undefined> {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by the engine tests');
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: unknown,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.data[type];
		if (!data) throw new Error(`No test credentials for ${type}`);
		return data;
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string) {
		return this.credentialTypes[type]?.properties ?? [];
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}
}

export interface RunOptions {
	nodeType: INodeType;
	parameters: INodeParameters;
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	credentialTypes?: ICredentialType[];
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Static data to start from (a trigger's state, carried across an n8n restart). */
	staticData?: IDataObject;
	/** Called once the execution started, with what n8n's Stop button does to it. */
	onStart?: (cancel: () => void) => void;
	/** The node's version, for nodes other than this package's (the benchmark's HTTP Request node). */
	typeVersion?: number;
	/** The node's Settings → Retry On Fail (`retryOnFail`, `maxTries`, `waitBetweenTries`). */
	nodeSettings?: Pick<INode, 'retryOnFail' | 'maxTries' | 'waitBetweenTries'>;
	/**
	 * The execution's id. n8n's server gives every execution one (manual runs too); each run here
	 * gets a new one unless a test sets it, or `null` for none (n8n-core run without a server).
	 */
	executionId?: string | null;
}

let executions = 0;

export interface RunResult {
	items: INodeExecutionData[];
	error?: Error & { description?: string; httpCode?: string; context?: IDataObject };
	run?: IRun;
}

/** A one-node workflow with what n8n's server would put around it. */
export function buildEnvironment(options: RunOptions) {
	const nodeTypes = new TestNodeTypes([options.nodeType]);
	const typeName = `${PACKAGE}.${options.nodeType.description.name}`;
	const credentialTypes = Object.fromEntries(
		(options.credentialTypes ?? []).map((type) => [type.name, type]),
	);
	const credentialsDetails = Object.fromEntries(
		(options.nodeType.description.credentials ?? []).map((c) => [c.name, { id: '1', name: c.name }]),
	);
	const node: INode = {
		id: 'node-under-test',
		name: 'Node',
		type: typeName,
		typeVersion: options.typeVersion ?? 1,
		position: [0, 0],
		parameters: options.parameters,
		credentials: credentialsDetails,
		webhookId: 'webhook-under-test',
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
		...(options.nodeSettings ?? {}),
	};
	const workflow = new Workflow({
		id: 'engine-test',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes,
		staticData: options.staticData,
	});
	const hooks = new ExecutionLifecycleHooks('manual', 'engine-test-execution', {
		id: 'engine-test',
		name: 'engine test',
		active: false,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	let finished!: (run: IRun) => void;
	const done = new Promise<IRun>((resolve) => (finished = resolve));
	hooks.addHandler('workflowExecuteAfter', (run) => finished(run));
	const executionId = options.executionId === undefined ? `engine-test-${process.pid}-${++executions}` : (options.executionId ?? undefined);
	const additionalData = {
		hooks,
		executionId,
		credentialsHelper: new TestCredentialsHelper(credentialTypes, options.credentials ?? {}, nodeTypes),
		executeWorkflow: async () => {
			throw new Error('not used');
		},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		userId: 'engine-test-user',
		setExecutionStatus: () => {},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => {},
		startRunnerTask: async () => {
			throw new Error('not used');
		},
	} as unknown as IWorkflowExecuteAdditionalData;

	return { node, workflow, hooks, done, additionalData };
}

/** Executes one node of this package in a one-node workflow and returns its output items. */
export async function runNode(options: RunOptions): Promise<RunResult> {
	const { node, workflow, done, additionalData } = buildEnvironment(options);
	const items = (options.items ?? [{}]).map((json) => ({ json }));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const execute = new WorkflowExecute(additionalData, 'manual', runExecutionData);
	try {
		const running = execute.processRunExecutionData(workflow);
		options.onStart?.(() => running.cancel());
		// A cancelled execution's promise never settles; its end is reported through the hooks.
		await Promise.race([running, done]);
	} catch (error) {
		// n8n refuses to start a workflow whose nodes have issues (a required field left empty).
		return { items: [], error: error as RunResult['error'], run: undefined };
	}
	const run = await done;
	const taskData = run.data.resultData.runData.Node?.[0];
	const output = taskData?.data?.main?.[0] ?? [];
	const error = (taskData?.error ?? run.data.resultData.error) as RunResult['error'];
	return { items: output, error, run };
}

/** Calls one of the node's list search methods (resource locator "From List") through n8n-core. */
export async function runListSearch(options: RunOptions, method: string, filter?: string) {
	const { node, workflow, additionalData } = buildEnvironment(options);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const search = options.nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No list search ${method}`);
	return await search.call(context, filter);
}

/**
 * Runs a credential's `test` the way n8n's credentials tester does (n8n 2.x,
 * CredentialsTester.runRequestTest): the request through the declarative routing of a stand-in
 * node, then its rules: on an HTTP error the `responseCode` rule for the status (else the status
 * text), on a network error its code, on success the first `responseSuccessBody` rule whose key
 * has that value in the first output item.
 */
export async function runRequestCredentialTest(
	credentialType: ICredentialType,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult & { run: RunResult }> {
	const { request, rules = [] } = credentialType.test!;
	const tester: INodeType = {
		description: {
			displayName: 'Credential Test',
			name: 'credentialTest',
			group: ['transform'],
			version: 1,
			description: 'Runs a credential test request',
			defaults: { name: 'Credential Test' },
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', default: '', routing: { request } }],
		},
	};
	const { workflow, node, additionalData } = buildEnvironment({ nodeType: tester, credentialTypes: [credentialType], credentials: { [credentialType.name]: data }, parameters: {} });
	const inputData = { main: [[{ json: {} }]] };
	const context = new ExecuteContext(workflow, node, additionalData, 'internal', createRunExecutionData(), 0, [], inputData, { node, data: {}, source: null }, []);
	const routingNode = new RoutingNode(context, tester, { id: '1', name: 'Test', type: credentialType.name, data });
	const allRules = rules as Array<{ type: string; properties: { value: unknown; message: string; key?: string } }>;
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = (await routingNode.runNode()) as INodeExecutionData[][];
	} catch (caught) {
		const error = caught as Error & { cause?: { response?: { status?: number; statusText?: string }; code?: string } };
		const run: RunResult = { items: [], error };
		if (error.cause?.response) {
			const status = error.cause.response.status;
			const rule = allRules.find((r) => r.type === 'responseCode' && r.properties.value === status);
			return { status: 'Error', message: rule?.properties.message ?? error.cause.response.statusText ?? `Received HTTP status code: ${String(status)}`, run };
		}
		return { status: 'Error', message: error.cause?.code ?? error.message, run };
	}
	const items = response?.[0] ?? [];
	const run: RunResult = { items };
	for (const rule of allRules) {
		if (rule.type !== 'responseSuccessBody') continue;
		// n8n reads the first item's json; with no item at all its tester fails with a TypeError.
		if (items.length === 0) return { status: 'Error', message: "Cannot read properties of undefined (reading 'json')", run };
		if (lodashGet(items[0].json, rule.properties.key!) === rule.properties.value) return { status: 'Error', message: rule.properties.message, run };
	}
	return { status: 'OK', message: 'Connection successful!', run };
}

/** lodash's `get` for dotted keys, which also reads properties of strings (as n8n's tester does). */
function lodashGet(value: unknown, key: string): unknown {
	let current: unknown = value;
	for (const part of key.split('.')) {
		if (current === undefined || current === null) return undefined;
		current = (current as Record<string, unknown>)[part];
	}
	return current;
}

/**
 * Every text a run leaves behind for a user or a log: output items, the error's message,
 * description, stack and every field of it (context, cause, ...), and the saved execution.
 */
export function everythingProduced(result: RunResult): string {
	const seen = new WeakSet<object>();
	const safe = (value: unknown) =>
		JSON.stringify(value, (_key, v: unknown) => {
			if (typeof v === 'object' && v !== null) {
				if (seen.has(v)) return undefined;
				seen.add(v);
			}
			return v;
		}) ?? '';
	const { error } = result;
	const errorFields = error ? Object.fromEntries(Object.getOwnPropertyNames(error).map((k) => [k, (error as unknown as Record<string, unknown>)[k]])) : {};
	return [
		safe(result.items),
		String(error?.message ?? ''),
		String(error?.description ?? ''),
		String(error?.stack ?? ''),
		safe(errorFields),
		safe(result.run?.data),
	].join('\n');
}
