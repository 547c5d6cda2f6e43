/**
 * The workflow templates beside the packages (templates/*.json), held to the examples' rules
 * (test/packages/manifests.test.ts): they import into n8n 1.x and 2.x (short ids), use only node
 * types that n8n or these packages ship, with credentials of the node's own package; every
 * connection ends at a node of the workflow; a sticky note says how to use it, and the README of
 * each package it uses links to it. Their behaviour is checked end to end (test/e2e/real-estate.mjs).
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const dir = path.join(root, 'templates');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json'));

/** Package name → the node type names and credential type names its sources declare. */
const shipped = Object.fromEntries(
	fs.readdirSync(path.join(root, 'packages')).map((folder) => {
		const pkgDir = path.join(root, 'packages', folder);
		const names = (sub: string, suffix: string) =>
			fs
				.readdirSync(path.join(pkgDir, sub), { recursive: true })
				.map(String)
				.filter((f) => f.endsWith(suffix))
				.flatMap((f) => [...fs.readFileSync(path.join(pkgDir, sub, f), 'utf8').matchAll(/^\t{1,2}name(?:: | = )'(\w+)'/gm)].map((m) => m[1]));
		const pkg = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
		return [pkg.name as string, { folder, nodes: names('nodes', '.node.ts'), credentials: names('credentials', '.credentials.ts') }];
	}),
);

interface Node {
	name: string;
	type: string;
	credentials?: Record<string, unknown>;
	parameters: Record<string, unknown>;
}

test('there is at least one template', () => {
	expect(files.length).toBeGreaterThan(0);
});

describe.each(files)('template %s', (file) => {
	const workflow = JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')) as { id: string; nodes: Node[]; connections: Record<string, { main: Array<Array<{ node: string }>> }> };
	// The packages whose nodes it uses.
	const used = new Set(workflow.nodes.map((n) => n.type.split('.')[0]).filter((prefix) => prefix in shipped));

	test('imports into n8n 1.x and 2.x: an id of at most 16 characters, only node types of n8n or these packages, credentials of the node’s own package', () => {
		expect(workflow.id.length).toBeLessThanOrEqual(16);
		for (const node of workflow.nodes) {
			const [prefix, name] = node.type.split('.');
			if (prefix === 'n8n-nodes-base') continue;
			const pkg = shipped[prefix];
			expect({ type: node.type, known: !!pkg && pkg.nodes.includes(name) }).toEqual({ type: node.type, known: true });
			for (const credential of Object.keys(node.credentials ?? {})) expect({ node: node.name, credential, own: pkg.credentials.includes(credential) }).toEqual({ node: node.name, credential, own: true });
		}
	});

	test('every connection joins two nodes of the workflow; names are unique', () => {
		const names = workflow.nodes.map((n) => n.name);
		expect(new Set(names).size).toBe(names.length);
		for (const [from, { main }] of Object.entries(workflow.connections)) {
			expect(names).toContain(from);
			for (const target of main.flat()) expect(names).toContain(target.node);
		}
	});

	test('a sticky note says how to set it up and try it; each package it uses links to it from its README', () => {
		const note = workflow.nodes.find((n) => n.type === 'n8n-nodes-base.stickyNote');
		expect(String(note?.parameters.content)).toMatch(/Set up[\s\S]*Try it[\s\S]*npm run sim:event/);
		expect(used.size).toBeGreaterThan(0);
		for (const prefix of used) {
			const readme = fs.readFileSync(path.join(root, 'packages', shipped[prefix].folder, 'README.md'), 'utf8');
			expect({ prefix, links: readme.includes(`templates/${file}`) }).toEqual({ prefix, links: true });
		}
		expect(fs.readFileSync(path.join(dir, 'README.md'), 'utf8')).toContain(file);
	});
});
