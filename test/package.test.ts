/**
 * Loads the built package the way n8n does (n8n-core's PackageDirectoryLoader reading the
 * package.json `n8n` block from dist/), so a node or credential listed there but missing, or
 * an icon that is not copied, fails here before a user sees it. Needs `npm run build` first;
 * `npm test` builds before it runs jest.
 */
import fs from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

const root = path.resolve(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('n8n loads every node and credential the package lists, with their icons', async () => {
	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();
	expect(Object.keys(loader.nodeTypes)).toHaveLength(pkg.n8n.nodes.length);
	expect(Object.keys(loader.credentialTypes)).toHaveLength(pkg.n8n.credentials.length);
	// The loader turns `file:` icons into icon URLs under icons/<package>/; each must exist.
	const entries = [...Object.values(loader.nodeTypes), ...Object.values(loader.credentialTypes)];
	for (const { type } of entries) {
		const description = ('description' in type ? type.description : type) as {
			iconUrl?: { light: string; dark: string };
		};
		expect(description.iconUrl).toEqual({ light: expect.any(String), dark: expect.any(String) });
		for (const url of [description.iconUrl!.light, description.iconUrl!.dark]) {
			const file = url.replace(`icons/${pkg.name}/`, '');
			expect(fs.existsSync(path.join(root, file))).toBe(true);
		}
	}
	expect(pkg.dependencies ?? {}).toEqual({});
	expect(pkg.keywords).toContain('n8n-community-node-package');
});

test('every example workflow imports into n8n 1.x and 2.x: ids n8n 1.x accepts, only node types of the package or n8n', () => {
	const nodeTypes = new Set(pkg.n8n.nodes.map((file: string) => path.basename(file, '.node.js')));
	const dir = path.join(root, 'examples');
	for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) {
		const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
		// n8n 1.x saves static data (where the webhook trigger keeps its endpoint and secret) only
		// for workflow ids of at most 16 characters; n8n 2.x allows 21.
		if (workflow.id !== undefined) expect({ file, idLength: String(workflow.id).length <= 16 }).toEqual({ file, idLength: true });
		for (const node of workflow.nodes as Array<{ type: string }>) {
			const [prefix, name] = node.type.split('.');
			const known = prefix === 'n8n-nodes-base' || (prefix === pkg.name && nodeTypes.has(name.charAt(0).toUpperCase() + name.slice(1)));
			expect({ file, type: node.type, known }).toEqual({ file, type: node.type, known: true });
		}
	}
});
