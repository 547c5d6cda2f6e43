// npm run mcp:try -- <agentref|prefactor|signtraker|opentoclose>: tries a package's example MCP
// server workflow in the n8n of `npm run start:n8n`, as an AI client would: publishes the workflow
// if it is not yet (signed in with start:n8n's local login), connects to its MCP endpoint, lists
// the tools and calls one of them against the simulator. N8N_URL points it at another n8n.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { N8nRest, OWNER, settle } from '../test/e2e/n8n-server.mjs';

/** Each example: its workflow, MCP path and the call to make (reads where the tools allow one). */
export const EXAMPLES = {
	agentref: { workflowId: 'e2eArMcpTools', path: 'agentref-tools', tool: 'Find_Affiliates', args: { search: 'jane' } },
	prefactor: { workflowId: 'e2ePfMcpTools', path: 'prefactor-tools', tool: 'Register_Agent_Run', args: { agentName: 'invoice agent', version: '1.2.0', schemaVersion: 'v1.0.0' } },
	signtraker: { workflowId: 'e2eStMcpTools', path: 'signtraker-tools', tool: 'Find_Agent_By_Email', args: { email: 'agent2@example.com' } },
	opentoclose: { workflowId: 'e2eOtcMcpTools', path: 'opentoclose-tools', tool: 'Search_Contacts', args: { lastName: 'Person2' } },
};

const n8nUrl = (process.env.N8N_URL ?? 'http://127.0.0.1:5678').replace(/\/$/, '');
const service = process.argv[2];
const example = EXAMPLES[service];
if (!example) {
	console.error(`Usage: npm run mcp:try -- <${Object.keys(EXAMPLES).join('|')}>`);
	process.exit(1);
}
const endpoint = `${n8nUrl}/mcp/${example.path}`;

async function connect() {
	const client = new Client({ name: 'npm-run-mcp-try', version: '1.0.0' });
	try {
		await client.connect(new StreamableHTTPClientTransport(new URL(endpoint)));
		return client;
	} catch {
		return undefined;
	}
}

/** The MCP endpoint exists only while the workflow is published: publish it as start:n8n's owner. */
async function publish() {
	const rest = new N8nRest(n8nUrl);
	try {
		await rest.call('POST', '/login', { emailOrLdapLoginId: OWNER.email, email: OWNER.email, password: OWNER.password });
		const workflow = await rest.call('GET', `/workflows/${example.workflowId}`);
		console.log(`Publishing "${workflow.name}" (its MCP endpoint exists only while it is published)…`);
		await rest.call('POST', `/workflows/${example.workflowId}/activate`, { versionId: workflow.versionId });
		return true;
	} catch (error) {
		console.error(`Could not publish the workflow for you (${error.message.slice(0, 160)}).`);
		console.error(`Open it in n8n (${n8nUrl}/workflow/${example.workflowId}), publish it (Activate in n8n 1.x), then run this again.`);
		return false;
	}
}

let client = await connect();
if (!client) {
	if (!(await publish())) process.exit(1);
	let connected;
	// n8n registers the endpoint in the background after publishing.
	await settle(async () => (connected = await connect()) !== undefined, 30_000);
	client = connected;
}
if (!client) {
	console.error(`Nothing answers MCP at ${endpoint}: is n8n running (npm run start:n8n) and the workflow published?`);
	process.exit(1);
}
try {
	console.log(`Connected to ${endpoint}\n`);
	const { tools } = await client.listTools();
	console.log(`${tools.length} tools:`);
	for (const t of tools) console.log(`  ${t.name}(${Object.keys(t.inputSchema?.properties ?? {}).join(', ')}): ${t.description}`);
	console.log(`\nCalling ${example.tool} ${JSON.stringify(example.args)}…`);
	const result = await client.callTool({ name: example.tool, arguments: example.args });
	const text = (result.content ?? []).map((c) => c.text ?? '').join('\n');
	console.log(`${result.isError ? 'Tool error' : 'Result'}: ${text.length > 1200 ? `${text.slice(0, 1200)}…` : text}`);
	console.log(`\nAny MCP client can use these tools; for example, in a client's JSON config:\n${JSON.stringify({ mcpServers: { [`${service}-n8n`]: { url: endpoint } } }, null, 2)}`);
	process.exitCode = result.isError ? 1 : 0;
} finally {
	await client.close().catch(() => undefined);
}
