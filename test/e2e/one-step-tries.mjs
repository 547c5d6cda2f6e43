// End-to-end check of the one-step tries the examples' sticky notes give: `npm run sim:event --
// agentref conversion.created` makes the AgentRef simulator deliver a signed event to the
// published webhook example, which then runs; `npm run mcp:try -- <service>` publishes an MCP
// server example, lists its tools and calls one. Both are run as the user runs them (the scripts
// themselves, in a child process).
//
// Called from run-e2e.mjs once n8n runs and the owner is signed in:
//   await oneStepTries({ rest, check, controlUrl, n8nUrl, line })
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

import { settle } from './n8n-server.mjs';
import { controlGet, simEvent } from './real-estate.mjs';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');
const run = promisify(execFile);

export async function oneStepTries({ rest, check, controlUrl, n8nUrl, line }) {
	const executions = async (workflowId) => (await rest.call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? [];
	const webhooks = () => controlGet(controlUrl, 'agentref/webhooks');

	// The webhook example, published, then one command.
	const workflowId = 'e2eArWebhook';
	const before = (await executions(workflowId)).length;
	const { versionId } = await rest.call('GET', `/workflows/${workflowId}`);
	await rest.call('POST', `/workflows/${workflowId}/activate`, { versionId });
	try {
		// The endpoint and its secret are saved in the background after activation.
		await settle(async () => {
			const [endpoint] = await webhooks();
			return !!endpoint && JSON.stringify((await rest.call('GET', `/workflows/${workflowId}`)).staticData ?? {}).includes(String(endpoint.id));
		});
		const event = simEvent(controlUrl, 'agentref', 'conversion.created');
		const conversion = String(event.record?.id);
		await settle(async () => (await executions(workflowId)).length > before);
		await settle(async () => (await executions(workflowId)).every((r) => r.status !== 'running' && r.status !== 'new'), 10_000);
		const runs = (await executions(workflowId)).slice(0, -before || undefined);
		const data = runs[0] ? String((await rest.call('GET', `/executions/${runs[0].id}`))?.data ?? '') : '';
		check(
			'one-step try: `npm run sim:event -- agentref conversion.created` delivers a signed event to the published webhook example, which runs once with it',
			event.deliveries?.length === 1 && event.deliveries[0].status === 200 && runs.length === 1 && runs[0].status === 'success' && data.includes(conversion) && data.includes('Conversion Received'),
			`${event.message}; ${runs.length} execution(s) ${runs.map((r) => r.status).join(',')}`,
		);
	} finally {
		await rest.call('POST', `/workflows/${workflowId}/deactivate`, {}).catch(() => undefined);
	}

	// n8n 1.x has no MCP Server Trigger of the version the examples use.
	if (line !== 2) return;
	const WORKFLOWS = { agentref: 'e2eArMcpTools', prefactor: 'e2ePfMcpTools', signtraker: 'e2eStMcpTools', opentoclose: 'e2eOtcMcpTools' };
	for (const [service, id] of Object.entries(WORKFLOWS)) {
		let out = '';
		let failed = '';
		try {
			out = (await run(process.execPath, [path.join(root, 'scripts/mcp-try.mjs'), service], { env: { ...process.env, N8N_URL: n8nUrl }, timeout: 120_000 })).stdout;
		} catch (error) {
			out = String(error.stdout ?? '');
			failed = String(error.stderr ?? error.message);
		}
		const tools = /^(\d+) tools:/m.exec(out)?.[1];
		check(
			`one-step try: \`npm run mcp:try -- ${service}\` publishes the MCP example, lists its tools and calls one against the simulator`,
			!failed && Number(tools) >= 3 && /^Result: /m.test(out) && out.includes('"mcpServers"'),
			failed ? failed.slice(0, 300) : `${tools} tools; ${(/^Result: (.*)$/m.exec(out)?.[1] ?? '').slice(0, 100)}`,
		);
		await rest.call('POST', `/workflows/${id}/deactivate`, {}).catch(() => undefined);
	}
}
