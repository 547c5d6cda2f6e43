// The editor in Debian's Chromium (headless): every node of the package is found in the node
// panel, added to a workflow and opened, and a screenshot of its parameters is saved.
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER } from './n8n-server.mjs';

export const CHROMIUM = '/usr/bin/chromium';

// As the node panel names them: in the trigger panel n8n drops the word "Trigger".
const ACTION_NODES = ['AgentRef', 'Prefactor', 'SignTraker', 'Open To Close'];
const TRIGGER_NODES = ['AgentRef', 'AgentRef Poll', 'Prefactor', 'SignTraker', 'Open To Close'];

/**
 * `newWorkflowWithTrigger()`: creates a workflow that starts with a trigger and resolves to its
 * id, so that the node panel offers action nodes; one per node, so that no check sees another's
 * node. Returns one { name, ok, detail } per check.
 */
export async function editorCheck({ url, artifacts, newWorkflowWithTrigger }) {
	fs.mkdirSync(artifacts, { recursive: true });
	const browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	const results = [];
	const listed = { action: new Set(), trigger: new Set() };
	try {
		const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
		const signIn = await context.newPage();
		await signIn.goto(`${url}/signin`);
		await signIn.fill('input[name="emailOrLdapLoginId"]', OWNER.email);
		await signIn.fill('input[name="password"]', OWNER.password);
		await signIn.click('[data-test-id="form-submit-button"]');
		await signIn.waitForURL((u) => !u.pathname.includes('signin'), { timeout: 60_000 });
		await signIn.close();

		/** Opens the node panel in a fresh page, searches, and returns the page and the names it lists. */
		const search = async (kind, term) => {
			const page = await context.newPage();
			if (kind === 'trigger') {
				await page.goto(`${url}/workflow/new`);
				await page.locator('[data-test-id="canvas-add-button"]').click({ timeout: 90_000 });
			} else {
				await page.goto(`${url}/workflow/${await newWorkflowWithTrigger()}`);
				await page.locator('[data-test-id="node-creator-plus-button"]').click({ timeout: 90_000 });
			}
			await page.locator('[data-test-id="node-creator-search-bar"]').waitFor({ state: 'visible' });
			await page.keyboard.type(term);
			const names = page.locator('[data-test-id="node-creator-item-name"]');
			await names.first().waitFor({ state: 'visible', timeout: 15_000 });
			await page.waitForTimeout(500); // the list settles after the last keystroke
			for (const name of await names.allTextContents()) listed[kind].add(name.trim());
			return page;
		};

		// A UI that is still settling can swallow a click; each node gets a second, fresh try.
		const open = async (kind, name, attempt = 1) => {
			const file = path.join(artifacts, `${kind}-${name.toLowerCase().replace(/\W+/g, '-')}.png`);
			const label = `editor: ${kind} node "${name}" added from the node panel and its parameters open`;
			let page;
			let failure;
			try {
				page = await search(kind, name);
				await page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^\\s*${name}\\s*$`) }).first().click();
				// A node with several operations or events lists them first (under category headers);
				// picking the first one adds the node. A node without them opens at once.
				const ndv = page.locator('[data-test-id="node-parameters"]');
				const firstAction = page.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]').first();
				await ndv.or(firstAction).first().waitFor({ state: 'visible', timeout: 15_000 });
				if (!(await ndv.isVisible())) await firstAction.click();
				await page.locator('[data-test-id="node-parameters"]').waitFor({ state: 'visible', timeout: 30_000 });
				const parameters = await page.locator('[data-test-id="node-parameters"] [data-test-id="parameter-item"]').count();
				const issues = await page.locator('[data-test-id="ndv"] [data-test-id="node-issues"]').count();
				await page.screenshot({ path: file });
				if (parameters === 0) throw new Error('the parameters panel opened empty');
				results.push({ name: label, ok: true, detail: `${parameters} parameters shown, ${issues} issue markers, ${path.relative(process.cwd(), file)}${attempt > 1 ? ' (second try)' : ''}` });
			} catch (error) {
				if (page) await page.screenshot({ path: file }).catch(() => undefined);
				failure = String(error.message).split('\n')[0];
			} finally {
				await page?.close();
			}
			if (failure && attempt === 1) return open(kind, name, 2);
			if (failure) results.push({ name: label, ok: false, detail: `${failure} (after two tries)` });
		};

		for (const name of ACTION_NODES) await open('action', name);
		for (const name of TRIGGER_NODES) await open('trigger', name);
		const missing = [...ACTION_NODES.filter((n) => !listed.action.has(n)), ...TRIGGER_NODES.filter((n) => !listed.trigger.has(n)).map((n) => `${n} (trigger)`)];
		results.push({ name: 'editor: the node panel lists every node of the package', ok: missing.length === 0, detail: missing.length ? `missing: ${missing.join(', ')}` : `${ACTION_NODES.length} action and ${TRIGGER_NODES.length} trigger nodes` });
	} finally {
		await browser.close();
	}
	return results;
}
