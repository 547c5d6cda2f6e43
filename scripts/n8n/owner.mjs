// npm run start:n8n: once n8n answers, creates the local owner account (first run only), so that
// a newcomer signs in with the printed login instead of filling in the setup form.
import { N8nRest, OWNER, restSettings } from '../../test/e2e/n8n-server.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:5678';
const deadline = Date.now() + 180_000;
let settings;
while (!settings) {
	settings = await restSettings(url);
	if (!settings) {
		if (Date.now() > deadline) process.exit(0); // n8n's own log says why it did not start
		await new Promise((r) => setTimeout(r, 1000));
	}
}
if (settings.userManagement?.showSetupOnFirstLoad) await new N8nRest(url).setupOwner();
console.log(`\nn8n is ready: open ${url} and sign in as ${OWNER.email} / ${OWNER.password} (a local, throwaway login).\n`);
