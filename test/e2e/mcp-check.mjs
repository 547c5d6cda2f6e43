// AI agents through n8n's MCP Server Trigger: each package's example MCP workflow is published,
// the official MCP TypeScript client connects to its endpoint, lists the tools (name, a
// description that says what it does, a parameter schema), calls every tool as a model would,
// and the simulator's request log shows the exact request each call made. A wrong argument comes
// back as a tool error naming the field, and the server keeps serving.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { settle } from './n8n-server.mjs';

/** What a model would do with each package's tools, and what the API must then receive (paths as the
 * simulator logs them, below its base path such as /api/v1). */
const PLANS = {
	agentref: {
		workflowId: 'e2eArMcpTools',
		path: 'agentref-tools',
		sim: 'agentref',
		calls: [
			{ tool: 'Find_Affiliates', args: { search: 'jane' }, request: { method: 'GET', path: '/affiliates', query: { search: 'jane' } }, answer: /aff_1/ },
			{ tool: 'Recent_Conversions', args: { count: 5 }, request: { method: 'GET', path: '/conversions/recent', query: { limit: '5' } } },
			{ tool: 'Create_Payout', args: { affiliateId: 'aff_1', programId: 'prog_1', method: 'paypal', notes: 'Bank ref 42' }, request: { method: 'POST', path: '/payouts', body: { affiliateId: 'aff_1', programId: 'prog_1', method: 'paypal', notes: 'Bank ref 42' } }, answer: /pay_/ },
			{ tool: 'Resolve_Flag', args: { flagId: 'flag_1', outcome: 'dismissed', note: 'Same household, not fraud' }, request: { method: 'POST', path: '/flags/flag_1/resolve', body: { status: 'dismissed', note: 'Same household, not fraud' } }, answer: /dismissed/ },
		],
		// A model passing a number where the schema says string: refused before any request.
		wrongType: { tool: 'Create_Payout', args: { affiliateId: 42, programId: 'prog_1', method: 'paypal', notes: 'x' }, field: 'affiliateId' },
		// A value the node itself refuses, with the field's name, before any request.
		wrongValue: { tool: 'Resolve_Flag', args: { flagId: '..', outcome: 'dismissed', note: 'x' }, field: 'Flag ID' },
	},
	prefactor: {
		workflowId: 'e2ePfMcpTools',
		path: 'prefactor-tools',
		sim: 'prefactor',
		calls: [
			{ tool: 'Register_Agent_Run', args: { agentName: 'invoice agent', version: '1.2.0', schemaVersion: 'v1.0.0' }, request: { method: 'POST', path: '/agent_instance/register', body: { agent_version: { name: 'invoice agent', external_identifier: '1.2.0' }, agent_schema_version: { external_identifier: 'v1.0.0' } } }, answer: /"id"/, keep: 'runId' },
			{ tool: 'Start_Agent_Run', args: { runId: '$runId' }, request: { method: 'POST', path: '/agent_instance/$runId/start' }, answer: /"id"/ },
			{ tool: 'Record_Span', args: { runId: '$runId', spanType: 'agent:llm', payload: { prompt: 'Summarise invoice 42' } }, request: { method: 'POST', path: '/agent_spans', body: { details: { agent_instance_id: '$runId', schema_name: 'agent:llm', status: 'complete', payload: { prompt: 'Summarise invoice 42' } } } }, answer: /"id"/ },
			{ tool: 'Finish_Agent_Run', args: { runId: '$runId', outcome: 'complete' }, request: { method: 'POST', path: '/agent_instance/$runId/finish', body: { status: 'complete' } }, answer: /complete/ },
		],
		wrongType: { tool: 'Start_Agent_Run', args: { runId: 7 }, field: 'runId' },
		wrongValue: { tool: 'Finish_Agent_Run', args: { runId: '..', outcome: 'complete' }, field: 'Agent Instance ID' },
	},
	signtraker: {
		workflowId: 'e2eStMcpTools',
		path: 'signtraker-tools',
		sim: 'signtraker',
		calls: [
			{ tool: 'Find_Agent_By_Email', args: { email: 'agent2@example.com' }, request: { method: 'GET', path: '/api/agents' }, answer: /agent2@example\.com/ },
			{ tool: 'Create_Sign_Order', args: { agentId: '2', presetId: '20', streetNumber: '12', streetName: 'Main St', city: 'Austin' }, request: { method: 'POST', path: '/api/orders', body: { AgentId: 2, PresetId: 20, StreetNumber: '12', StreetName: 'Main St', City: 'Austin' } }, answer: /Order created/ },
			{ tool: 'Request_Sign_Removal', args: { orderId: '100', notes: 'The property sold' }, request: { method: 'POST', path: '/api/orders/100/requestremoval' }, answer: /DueDate/ },
		],
		wrongType: { tool: 'Find_Agent_By_Email', args: { email: ['a@example.com'] }, field: 'email' },
		wrongValue: { tool: 'Request_Sign_Removal', args: { orderId: '..', notes: 'x' }, field: 'Order ID' },
	},
	opentoclose: {
		workflowId: 'e2eOtcMcpTools',
		path: 'opentoclose-tools',
		sim: 'opentoclose',
		calls: [
			{ tool: 'Search_Contacts', args: { lastName: 'Person2' }, request: { method: 'GET', path: '/contacts' }, answer: /Person2/ },
			{ tool: 'Create_Property', args: { teamMemberId: '26392', title: '12 Main St', clientType: 'Buyer', status: 'Under Contract' }, request: { method: 'POST', path: '/properties/', body: { team_member_id: 26392 } }, answer: /"id"/ },
			{ tool: 'Add_Task', args: { propertyId: '1', title: 'Order the inspection', dueDate: '2026-12-31' }, request: { method: 'POST', path: '/properties/1/tasks' }, answer: /Order the inspection/ },
		],
		wrongType: { tool: 'Add_Task', args: { propertyId: '1', title: 5, dueDate: '2026-12-31' }, field: 'title' },
		wrongValue: { tool: 'Add_Task', args: { propertyId: '..', title: 'x', dueDate: '2026-12-31' }, field: 'Property ID' },
	},
};

const text = (result) => (result.content ?? []).map((c) => c.text ?? '').join('\n');
const substitute = (value, vars) =>
	typeof value === 'string' ? value.replace(/\$(\w+)/g, (m, k) => vars[k] ?? m) : Array.isArray(value) ? value : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, vars)])) : value;
/** Whether `actual` holds everything in `expected` (objects compared key by key, the rest exactly). */
const holds = (actual, expected) =>
	expected && typeof expected === 'object' && !Array.isArray(expected)
		? !!actual && typeof actual === 'object' && Object.entries(expected).every(([k, v]) => holds(actual[k], v))
		: JSON.stringify(actual) === JSON.stringify(expected);
/** Does the logged request hold at least what is expected (query and body keys)? */
const matches = (logged, want) =>
	logged.method === want.method &&
	logged.path === want.path &&
	Object.entries(want.query ?? {}).every(([k, v]) => String(logged.query?.[k]) === v) &&
	(want.body === undefined || holds(logged.body, want.body));

export async function mcpChecks({ rest, n8nUrl, controlUrl, check }) {
	const log = async (sim) => (await fetch(`${controlUrl}/${sim}/log`)).json();
	const summary = [];
	for (const [pkg, plan] of Object.entries(PLANS)) {
		const { versionId } = await rest.call('GET', `/workflows/${plan.workflowId}`);
		await rest.call('POST', `/workflows/${plan.workflowId}/activate`, { versionId });
		const client = new Client({ name: 'e2e-model', version: '1.0.0' });
		try {
			// The endpoint is registered in the background after activation.
			let refused;
			const connect = async () => {
				try {
					await client.connect(new StreamableHTTPClientTransport(new URL(`${n8nUrl}/mcp/${plan.path}`)));
					return true;
				} catch (error) {
					refused = error;
					return false;
				}
			};
			if (!(await settle(connect))) throw refused;
			const { tools } = await client.listTools();
			const wanted = [...new Set(plan.calls.map((c) => c.tool))].sort();
			const described = tools.every((t) => t.name && (t.description ?? '').length >= 40 && t.inputSchema?.type === 'object' && Object.keys(t.inputSchema.properties ?? {}).length > 0);
			check(
				`MCP ${pkg}: the tools are listed, each with a name, a description saying what it does and a parameter schema`,
				JSON.stringify(tools.map((t) => t.name).sort()) === JSON.stringify(wanted) && described,
				tools.map((t) => `${t.name}(${Object.keys(t.inputSchema?.properties ?? {}).join(', ')})`).join('; '),
			);

			const vars = {};
			for (const call of plan.calls) {
				const before = (await log(plan.sim)).length;
				const result = await client.callTool({ name: call.tool, arguments: substitute(call.args, vars) });
				const answer = text(result);
				if (call.keep) vars[call.keep] = JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)).id ?? (JSON.parse(answer)[0]?.id);
				const sent = (await log(plan.sim)).slice(before);
				const want = substitute(call.request, vars);
				// One request of the call's kind; reads it needs first (Open To Close's field list) may precede it.
				const made = sent.filter((r) => r.method === want.method && r.path === want.path);
				const ok = !result.isError && made.length === 1 && matches(made[0], want) && sent.every((r) => r.status < 400) && (!call.answer || call.answer.test(answer));
				check(`MCP ${pkg}: ${call.tool} sends ${want.method} ${want.path} and returns the API's answer`, ok, ok ? answer.slice(0, 120).replace(/\s+/g, ' ') : `isError=${result.isError} sent=${JSON.stringify(sent).slice(0, 300)} answer=${answer.slice(0, 300)}`);
				summary.push(`${pkg}.${call.tool}`);
			}

			for (const [kind, bad] of [['a wrong argument type', plan.wrongType], ['a value the node refuses', plan.wrongValue]]) {
				const before = (await log(plan.sim)).length;
				let result;
				try {
					result = await client.callTool({ name: bad.tool, arguments: bad.args });
				} catch (error) {
					result = { isError: true, content: [{ text: String(error.message) }] };
				}
				const sent = (await log(plan.sim)).slice(before);
				const message = text(result);
				check(`MCP ${pkg}: ${kind} comes back as a tool error naming the field (${bad.field}), with no request`, result.isError === true && message.includes(bad.field) && sent.length === 0, message.slice(0, 200).replace(/\s+/g, ' '));
			}
			const again = await client.callTool({ name: plan.calls[0].tool, arguments: substitute(plan.calls[0].args, vars) });
			check(`MCP ${pkg}: the server keeps serving after the errors`, !again.isError, text(again).slice(0, 80));
		} catch (error) {
			check(`MCP ${pkg}`, false, error.stack ?? String(error));
		} finally {
			await client.close().catch(() => undefined);
			await rest.call('POST', `/workflows/${plan.workflowId}/deactivate`, {}).catch(() => undefined);
		}
	}
	return summary;
}
