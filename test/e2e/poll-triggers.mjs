// End-to-end check of the polling triggers in a real n8n: each trigger is activated in its own
// workflow polling every 10 seconds, records are created through the simulators' own APIs, and
// the executions n8n started are counted: every record exactly once, nothing before activation.
//
// Called from run-e2e.mjs once n8n runs and the owner is signed in:
//   await pollTriggerChecks({ rest, check, controlUrl })
// `rest` is the N8nRest client, `check(name, ok, detail)` records a result, and `controlUrl` the
// simulators' control port (41800 plus E2E_PORT_OFFSET); each simulator listens on the next ports.

const PACKAGES = { prefactorTrigger: 'n8n-nodes-prefactor', signTrakerTrigger: 'n8n-nodes-signtraker', openToCloseTrigger: 'n8n-nodes-opentoclose' };
const simsBeside = (controlUrl) => {
	const control = new URL(controlUrl);
	const at = (n, path) => `http://${control.hostname}:${Number(control.port) + n}${path}`;
	return { prefactor: at(2, '/api/v1'), signtraker: at(3, ''), opentoclose: at(4, '/v1') };
};
// n8n refuses polling more often than once a minute per expression, but takes several: one
// fixed second each, six a minute.
const EVERY_10_SECONDS = { item: [0, 10, 20, 30, 40, 50].map((s) => ({ mode: 'custom', cronExpression: `${s} * * * * *` })) };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function post(url, body, headers) {
	const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
	if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
	return response.json();
}

/** The triggers under test: workflow parameters, and how to make one event happen (its marker must show in the run). */
function triggers(sims) {
	return [
		{
			name: 'SignTraker Trigger (order placed)',
			type: 'signTrakerTrigger',
			credential: { signTrakerApi: { id: 'e2eSignTrakerCred', name: 'SignTraker simulator' } },
			parameters: { event: 'orderPlaced', agentId: { __rl: true, mode: 'id', value: '' } },
			create: (marker) => post(`${sims.signtraker}/api/orders`, { AgentId: 1, PresetId: 20, StreetName: 'Main', Notes: marker }, { Authorization: 'ST-API st_sim_key_123456' }),
		},
		{
			name: 'Prefactor Trigger (alert raised)',
			type: 'prefactorTrigger',
			credential: { prefactorApi: { id: 'e2ePrefactorCred', name: 'Prefactor simulator' } },
			parameters: { event: 'alertRaised', filters: {} },
			create: (marker) => post(`${sims.prefactor}/alerts/raise`, { agent_instance_id: 'inst_done', name: marker, severity: 'warning', payload: {} }, { Authorization: 'Bearer pf_sim_token_0123456789' }),
		},
		{
			name: 'Open To Close Trigger (contact created)',
			type: 'openToCloseTrigger',
			credential: { openToCloseApi: { id: 'e2eOpenToCloseCred', name: 'Open To Close simulator' } },
			parameters: { event: 'contactCreated' },
			create: (marker) => post(`${sims.opentoclose}/contacts?api_token=otc_sim_token_abcdef`, { first_name: marker, last_name: 'E2E' }),
		},
	];
}

export async function pollTriggerChecks({ rest, check, controlUrl = 'http://127.0.0.1:41800' }) {
	const list = triggers(simsBeside(controlUrl));
	const executions = async (workflowId) => (await rest.call('GET', `/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`)).results ?? [];
	const workflows = [];
	for (const [i, t] of list.entries()) {
		const node = { id: `poll${i}`, name: t.name, type: `${PACKAGES[t.type]}.${t.type}`, typeVersion: 1, position: [0, 0], parameters: { pollTimes: EVERY_10_SECONDS, ...t.parameters }, credentials: t.credential };
		const created = await rest.call('POST', '/workflows', { name: `E2E ${t.name}`, active: false, nodes: [node], connections: {}, settings: {} });
		const { versionId } = await rest.call('GET', `/workflows/${created.id}`);
		// Activation runs the first poll, which starts from the API's newest record.
		const activated = await rest.call('POST', `/workflows/${created.id}/activate`, { versionId });
		workflows.push({ ...t, id: created.id, activated: activated?.active !== false });
	}
	// n8n may finish an activation (and its first poll, which sets the starting point) after the
	// REST call returned: records made before that poll are rightly not events. Wait until every
	// trigger's state is saved (or 20 s at most, well past any activation seen here).
	const seeded = async (w) => JSON.stringify((await rest.call('GET', `/workflows/${w.id}`))?.staticData ?? '').includes('seeded');
	for (let waited = 0; waited < 20_000; waited += 1000) {
		if ((await Promise.all(workflows.map(seeded))).every(Boolean)) break;
		await sleep(1000);
	}
	const markers = new Map(workflows.map((w, i) => [w.id, [`e2e_poll_${i}_a`, `e2e_poll_${i}_b`]]));
	// Two records per trigger, the second a few seconds later (often caught by a later poll).
	for (const w of workflows) await w.create(markers.get(w.id)[0]);
	await sleep(4000);
	for (const w of workflows) await w.create(markers.get(w.id)[1]);

	const seen = async (w) => {
		const runs = await executions(w.id);
		const data = [];
		for (const run of runs) data.push(String((await rest.call('GET', `/executions/${run.id}`))?.data ?? ''));
		return { runs, data };
	};
	const deadline = Date.now() + 45_000;
	for (;;) {
		const all = await Promise.all(workflows.map(seen));
		const done = all.every(({ data }, i) => markers.get(workflows[i].id).every((m) => data.some((d) => d.includes(m))));
		if (done || Date.now() > deadline) break;
		await sleep(2000);
	}
	// Two more polls: nothing may come twice.
	await sleep(21_000);
	for (const w of workflows) {
		const { runs, data } = await seen(w);
		const counts = markers.get(w.id).map((m) => data.filter((d) => d.includes(m)).length);
		const ok = w.activated && counts.every((c) => c === 1) && runs.length >= 1 && runs.length <= 2 && runs.every((r) => r.status === 'success');
		check(`${w.name}: activated polling every 10 s, 2 records created in the simulator give ${counts.join('+')} emitted in ${runs.length} execution(s), none twice`, ok, JSON.stringify({ executions: runs.map((r) => r.status), counts }));
		await rest.call('POST', `/workflows/${w.id}/deactivate`, {});
	}
}
