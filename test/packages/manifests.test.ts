/**
 * Each published package, as n8n and npm see it: n8n-core's PackageDirectoryLoader reads the
 * package.json `n8n` block from dist/ (so a listed node that is missing, or an icon that is not
 * copied, fails here), and the manifest carries what n8n's verification asks for. Needs
 * `npm run build` first; `npm test` builds before it runs jest.
 */
import fs from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';

const root = path.resolve(__dirname, '../..');
const workspace = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const read = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8'));

/** Package folder → the node type names (without prefix) and credential type names it must ship. */
const expected: Record<string, { nodes: string[]; credentials: string[] }> = {
	agentref: { nodes: ['agentRef', 'agentRefPollTrigger', 'agentRefTrigger'], credentials: ['agentRefApi'] },
	opentoclose: { nodes: ['openToClose', 'openToCloseTrigger'], credentials: ['openToCloseApi'] },
	prefactor: { nodes: ['prefactor', 'prefactorTrigger'], credentials: ['prefactorApi'] },
	signtraker: { nodes: ['signTraker', 'signTrakerTrigger'], credentials: ['signTrakerApi'] },
};

test('the workspace holds exactly the four service packages', () => {
	const folders = fs.readdirSync(path.join(root, 'packages')).filter((f) => fs.existsSync(path.join(root, 'packages', f, 'package.json')));
	expect(folders.sort()).toEqual(Object.keys(expected).sort());
	expect(workspace.private).toBe(true);
	expect(workspace.workspaces).toEqual(['packages/*']);
});

describe.each(Object.keys(expected))('package %s', (folder) => {
	const dir = path.join(root, 'packages', folder);
	const pkg = read(path.join(dir, 'package.json'));

	test('n8n loads exactly its own nodes and credentials, with their icons', async () => {
		const loader = new PackageDirectoryLoader(dir);
		await loader.loadAll();
		const want = expected[folder];
		expect(Object.keys(loader.nodeTypes).sort()).toEqual(want.nodes);
		expect(Object.keys(loader.credentialTypes).sort()).toEqual(want.credentials);
		// The loader turns `file:` icons into icon URLs under icons/<package>/; each must exist.
		const entries = [...Object.values(loader.nodeTypes), ...Object.values(loader.credentialTypes)];
		for (const { type } of entries) {
			const description = ('description' in type ? type.description : type) as { iconUrl?: { light: string; dark: string } };
			expect(description.iconUrl).toEqual({ light: expect.any(String), dark: expect.any(String) });
			for (const url of [description.iconUrl!.light, description.iconUrl!.dark]) {
				expect(fs.existsSync(path.join(dir, url.replace(`icons/${pkg.name}/`, '')))).toBe(true);
			}
		}
	});

	test('manifest: name, MIT, strict n8n block, this repository, no runtime dependencies, no main', () => {
		expect(pkg.name).toBe(`n8n-nodes-${folder}`);
		expect(pkg.license).toBe('MIT');
		expect(pkg.keywords).toContain('n8n-community-node-package');
		expect(pkg.n8n).toMatchObject({ n8nNodesApiVersion: 1, strict: true });
		// npm refuses a provenance publish whose repository is not the one that built it.
		expect(pkg.repository).toEqual({ type: 'git', url: workspace.repository.url, directory: `packages/${folder}` });
		expect(pkg.author).toEqual(workspace.author);
		expect(pkg.homepage).toContain(`/packages/${folder}`);
		expect(pkg.dependencies ?? {}).toEqual({});
		expect(pkg.main).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
		expect(pkg.files).toEqual(['dist', 'CHANGELOG.md']);
		expect(pkg.engines.node).toBeDefined();
		expect(pkg.version).toMatch(/^\d+\.\d+\.\d+$/);
	});

	test('README, LICENSE.md (MIT), a CHANGELOG entry for the current version, the template eslint config', () => {
		expect(fs.readFileSync(path.join(dir, 'LICENSE.md'), 'utf8')).toMatch(/^MIT License/m);
		const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
		for (const heading of ['## Installation', '## Credentials', '## Operations', '## Example workflows', '## Compatibility', '## Version history']) {
			expect({ folder, heading, present: readme.includes(heading) }).toEqual({ folder, heading, present: true });
		}
		expect(fs.readFileSync(path.join(dir, 'CHANGELOG.md'), 'utf8')).toContain(`## ${pkg.version}`);
		const template = fs.readFileSync(path.join(root, 'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs'), 'utf8');
		expect(fs.readFileSync(path.join(dir, 'eslint.config.mjs'), 'utf8').replace(/\s+/g, ' ').trim()).toBe(template.replace(/\s+/g, ' ').trim());
	});

	test('codex files name this package; its code imports nothing of another package', () => {
		const nodesDir = path.join(dir, 'nodes');
		const files = fs.readdirSync(nodesDir, { recursive: true }).map(String);
		for (const codex of files.filter((f) => f.endsWith('.node.json'))) {
			const json = read(path.join(nodesDir, codex));
			expect(json.node).toBe(`${pkg.name}.${json.node.split('.')[1]}`);
		}
		for (const file of files.filter((f) => f.endsWith('.ts'))) {
			const text = fs.readFileSync(path.join(nodesDir, file), 'utf8');
			expect({ file, escapes: /from '(\.\.\/){3,}/.test(text) }).toEqual({ file, escapes: false });
		}
	});

	test('every example workflow imports into n8n 1.x and 2.x: short ids, only node types of this package or n8n', () => {
		const exampleDir = path.join(dir, 'examples');
		const files = fs.readdirSync(exampleDir).filter((f) => f.endsWith('.json'));
		expect(files.length).toBeGreaterThan(0);
		for (const file of files) {
			const workflow = read(path.join(exampleDir, file));
			// n8n 1.x saves static data (where the webhook trigger keeps its endpoint and secret) only
			// for workflow ids of at most 16 characters; n8n 2.x allows 21.
			expect({ file, id: typeof workflow.id === 'string' && workflow.id.length <= 16 }).toEqual({ file, id: true });
			for (const node of workflow.nodes as Array<{ type: string }>) {
				const [prefix, name] = node.type.split('.');
				const known = prefix === 'n8n-nodes-base' || prefix === '@n8n/n8n-nodes-langchain' || (prefix === pkg.name && expected[folder].nodes.includes(name.replace(/Tool$/, '')));
				expect({ file, type: node.type, known }).toEqual({ file, type: node.type, known: true });
			}
		}
	});
});
