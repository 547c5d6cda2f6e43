// npm run sim:event -- <service> <event> [arguments]: makes the simulators started by
// `npm run start:n8n` (or the end-to-end run) emit a real event, so that a workflow waiting in
// n8n gets one: AgentRef sends a signed webhook delivery to every endpoint registered for the
// event; Prefactor, SignTraker and Open To Close get the new record (or status change) their
// poll trigger sees on its next poll. Without arguments it lists the events.
// The simulators' control port is 41800 (plus E2E_PORT_OFFSET, as the end-to-end run sets it).
const control = `http://127.0.0.1:${41800 + Number(process.env.E2E_PORT_OFFSET ?? 0)}`;
const [service, event, ...args] = process.argv.slice(2).filter((a) => a !== '--json');
const json = process.argv.includes('--json');

async function request(path, body) {
	try {
		const response = await fetch(`${control}${path}`, body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : undefined);
		return { status: response.status, answer: await response.json() };
	} catch {
		console.error(`The simulators are not running (nothing answers on ${control}). Start them with: npm run start:n8n`);
		process.exit(2);
	}
}

function usage(events) {
	console.log('Usage: npm run sim:event -- <service> <event> [arguments]\n');
	for (const [name, list] of Object.entries(events)) {
		for (const [e, what] of Object.entries(list)) console.log(`  npm run sim:event -- ${`${name} ${e}`.padEnd(30)} ${what}`);
	}
	console.log('\nArguments in [brackets] are optional, in that order.');
}

if (!service || !event) {
	usage((await request('/events')).answer);
	process.exit(service ? 1 : 0);
}
const { status, answer } = await request(`/${encodeURIComponent(service)}/emit`, { event, args });
if (json) console.log(JSON.stringify(answer));
else if (status === 200) console.log(answer.message);
else if (answer.events) {
	console.error(`${service} ${event}: no such event.\n`);
	usage(answer.events);
} else console.error(`${service} ${event}: ${answer.error}`);
// A delivery that n8n did not accept (no endpoint answers, or not 2xx) is a failure too.
const refused = (answer.deliveries ?? []).filter((d) => !(typeof d.status === 'number' && d.status < 300));
process.exit(status === 200 && refused.length === 0 ? 0 : 1);
