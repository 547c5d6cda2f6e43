// npm run start:n8n: once n8n answers, creates the local owner account (first run only), so that
// a newcomer signs in with the printed login instead of filling in the setup form.
import { N8nRest, OWNER, restSettings, settle } from '../../test/e2e/n8n-server.mjs';

const url = process.argv[2] ?? 'http://127.0.0.1:5678';
let settings;
await settle(async () => (settings = await restSettings(url)) !== undefined, 180_000);
// Not up in 3 minutes: n8n's own log says why.
if (!settings) process.exit(0);
if (settings.userManagement?.showSetupOnFirstLoad) await new N8nRest(url).setupOwner();
console.log(`\nn8n is ready: open ${url} and sign in as ${OWNER.email} / ${OWNER.password} (a local, throwaway login).\n`);
