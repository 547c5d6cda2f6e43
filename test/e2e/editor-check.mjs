// The editor in Debian's Chromium (headless): every node of the package is found in the node
// panel, added to a workflow and opened, and a screenshot of its parameters is saved.
import fs from 'node:fs';
import path from 'node:path';

import { chromium } from 'playwright-core';

import { OWNER } from './n8n-server.mjs';

export const CHROMIUM = '/usr/bin/chromium';

// As the node panel names them: a service's entry (its action node, with its trigger's events
// merged in) and AgentRef's poll trigger, a trigger entry of its own.
const ACTION_NODES = ['AgentRef', 'Prefactor', 'SignTraker', 'Open To Close'];
const TRIGGER_NODES = ['AgentRef', 'AgentRef Poll Trigger', 'Prefactor', 'SignTraker', 'Open To Close'];
// Each service's entry and the nodes behind it (type names without the package prefix).
const SERVICES = [
	{ entry: 'AgentRef', action: 'agentRef', trigger: 'agentRefTrigger', ownTriggers: ['AgentRef Poll Trigger'] },
	{ entry: 'Prefactor', action: 'prefactor', trigger: 'prefactorTrigger', ownTriggers: [] },
	{ entry: 'SignTraker', action: 'signTraker', trigger: 'signTrakerTrigger', ownTriggers: [] },
	{ entry: 'Open To Close', action: 'openToClose', trigger: 'openToCloseTrigger', ownTriggers: [] },
];

/**
 * `newWorkflowWithTrigger()`: creates a workflow that starts with a trigger and resolves to its
 * id, so that the node panel offers action nodes; one per node, so that no check sees another's
 * node. Returns one { name, ok, detail } per check.
 */
export async function editorCheck({ url, artifacts, newWorkflowWithTrigger, line = 2 }) {
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
				// picking the first one adds the node. A community node without them (AgentRef Poll
				// Trigger) shows its details with an "Add to workflow" button; others open at once.
				const ndv = page.locator('[data-test-id="node-parameters"]');
				const firstAction = page.locator('[data-test-id="item-iterator-item"][data-keyboard-nav-type="action"]').first();
				const addToWorkflow = page.getByRole('button', { name: 'Add to workflow' });
				await ndv.or(firstAction).or(addToWorkflow).first().waitFor({ state: 'visible', timeout: 15_000 });
				if (await addToWorkflow.isVisible()) await addToWorkflow.click();
				else if (!(await ndv.isVisible())) await firstAction.click();
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

		// What the panel shows for each service, as n8n shows its own (Stripe, GitHub): one entry with
		// the action node's description, listing its actions and its triggers; in the trigger
		// panel the triggers come first; a trigger of its own (AgentRef's poll trigger) is one
		// trigger entry, not an app with actions.
		const types = await (await context.request.get(`${url}/types/nodes.json`)).json();
		const type = (name) => types.find((t) => t.name.endsWith(`.${name}`));
		for (const service of SERVICES) {
			const action = type(service.action);
			const trigger = type(service.trigger);
			const events = (trigger?.properties.find((p) => ['event', 'events'].includes(p.displayName.toLowerCase()))?.options ?? []).length;
			for (const kind of ['action', 'trigger']) {
				const label = `editor: ${kind} panel, search "${service.entry}": one entry with the action node's description, its actions and its ${events} trigger events${service.ownTriggers.length ? `; ${service.ownTriggers.join(', ')} as a trigger` : ''}`;
				let page;
				try {
					page = await search(kind, service.entry);
					const entries = await page.evaluate(() =>
						[...document.querySelectorAll('[data-test-id="node-creator-action-item"], [data-test-id="node-creator-node-item"]')].map((item) => ({
							name: item.querySelector('[data-test-id="node-creator-item-name"]')?.textContent.trim(),
							description: item.querySelector('[data-test-id="node-creator-item-description"]')?.textContent.trim() ?? '',
							withActions: item.getAttribute('data-test-id') === 'node-creator-action-item',
						})),
					);
					const ours = entries.filter((e) => e.name?.startsWith(service.entry));
					const entry = ours.find((e) => e.name === service.entry);
					const own = service.ownTriggers.map((name) => ours.find((e) => e.name === name));
					await page.locator('[data-test-id="node-creator-item-name"]', { hasText: new RegExp(`^\\s*${service.entry}\\s*$`) }).first().click();
					const categories = page.locator('[data-test-id="node-creator-category-item"]');
					await categories.first().waitFor({ state: 'visible', timeout: 15_000 });
					const headers = (await categories.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
					const expectedFirst = kind === 'action' ? /^Actions \(\d+\)$/ : new RegExp(`^Triggers \\(${events}\\)$`);
					const problems = [
						entry ? '' : `no "${service.entry}" entry`,
						// n8n 1.x's search results show no description under an entry (the element is absent
						// there), so only 2.x can be held to the action node's description.
						entry && entry.description !== action?.description && !(line === 1 && entry.description === '') ? `its description reads "${entry.description}"` : '',
						entry && !entry.withActions ? 'it lists no actions' : '',
						...own.map((e, i) => (!e ? `no "${service.ownTriggers[i]}" entry` : e.withActions ? `"${e.name}" is shown as an app with actions` : '')),
						ours.length === 1 + own.length ? '' : `other entries: ${ours.map((e) => e.name).join(', ')}`,
						headers.length === 2 && expectedFirst.test(headers[0]) && headers.some((h) => h === `Triggers (${events})`) && headers.some((h) => /^Actions \(\d+\)$/.test(h)) ? '' : `sections: ${headers.join(', ')}`,
					].filter(Boolean);
					await page.screenshot({ path: path.join(artifacts, `panel-${kind}-${service.entry.toLowerCase().replace(/\W+/g, '-')}.png`) });
					results.push({ name: label, ok: problems.length === 0, detail: problems.length ? problems.join('; ') : `${entry.description ? `"${entry.description}"` : '(n8n 1.x shows no description in search results)'}; ${headers.join(', ')}` });
				} catch (error) {
					results.push({ name: label, ok: false, detail: String(error.message).split('\n')[0] });
				} finally {
					await page?.close();
				}
			}
		}

		for (const name of ACTION_NODES) await open('action', name);
		for (const name of TRIGGER_NODES) await open('trigger', name);
		const missing = [...ACTION_NODES.filter((n) => !listed.action.has(n)), ...TRIGGER_NODES.filter((n) => !listed.trigger.has(n)).map((n) => `${n} (trigger)`)];
		results.push({ name: 'editor: the node panel lists every node of the package', ok: missing.length === 0, detail: missing.length ? `missing: ${missing.join(', ')}` : `${ACTION_NODES.length} action and ${TRIGGER_NODES.length} trigger nodes` });
	} finally {
		await browser.close();
	}
	return results;
}
