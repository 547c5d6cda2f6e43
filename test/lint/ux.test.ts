/**
 * n8n's UX guidelines on every built node description (found automatically, as in the lint
 * test): actions in sentence case without articles, placeholders that start with "e.g.",
 * resource locators that open on "From List", and an Output option whose Simplified keeps at
 * most 10 fields. How the output looks (Delete, Simplified, Selected Fields) is asserted through
 * the engine in test/agentref/output.test.ts and the operation tests.
 */
import { readdirSync } from 'fs';
import { join } from 'path';
import type { INodeProperties, INodePropertyOptions, INodeTypeDescription } from 'n8n-workflow';

const ROOT = join(__dirname, '..', '..');
const SKIP = new Set(['node_modules', 'dist', '.cache', '.git', 'test', 'scripts', 'examples']);

function nodeFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		if (entry.isDirectory()) return SKIP.has(entry.name) ? [] : nodeFiles(join(dir, entry.name));
		return entry.name.endsWith('.node.ts') ? [join(dir, entry.name)] : [];
	});
}

const descriptions: INodeTypeDescription[] = nodeFiles(ROOT).flatMap((file) =>
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	Object.values(require(file) as Record<string, unknown>)
		// Only node classes: a node file may also export helpers (a trigger's event builders).
		.filter((exported): exported is new () => { description: INodeTypeDescription } => typeof exported === 'function' && /^class\b/.test(Function.prototype.toString.call(exported)))
		.map((NodeClass) => new NodeClass().description)
		.filter(Boolean),
);

/** Every property, with those inside collections and fixed collections. */
function allProperties(properties: unknown[]): INodeProperties[] {
	return properties.flatMap((entry) => {
		const property = entry as INodeProperties & { values?: unknown[] };
		const nested = [...((property.options as unknown[]) ?? []), ...(property.values ?? [])].filter(
			(option) => typeof option === 'object' && option !== null && 'displayName' in option,
		);
		return [property, ...allProperties(nested)];
	});
}

const each = descriptions.map((d) => [d.displayName, d] as const);

test('the checks below see every node and the Output options they carry', () => {
	expect(descriptions.length).toBeGreaterThanOrEqual(6);
	const outputs = descriptions.flatMap((d) => allProperties(d.properties).filter((p) => p.name === 'output'));
	expect(outputs.length).toBeGreaterThan(10);
});

describe.each(each)('%s', (_name, description) => {
	const properties = allProperties(description.properties);

	test('actions are sentence case without articles', () => {
		const actions = properties
			.filter((p) => p.name === 'operation')
			.flatMap((p) => (p.options as INodePropertyOptions[]).map((o) => o.action ?? ''));
		const wrong = actions.filter((action) => /\b(a|an|the)\b/i.test(action) || /^\S+ [A-Z][a-z]/.test(action));
		expect(wrong).toEqual([]);
	});

	test('placeholders start with "e.g." (collections keep n8n\'s "Add Field")', () => {
		const placeholders = properties
			.flatMap((p) => [
				...(p.type === 'collection' || p.type === 'fixedCollection' ? [] : [p.placeholder]),
				...((p.modes ?? []).map((m) => m.placeholder)),
			])
			.filter((text): text is string => typeof text === 'string');
		expect(placeholders.filter((text) => !text.startsWith('e.g. '))).toEqual([]);
	});

	test('resource locators with a list open on From List', () => {
		const locators = properties.filter((p) => p.type === 'resourceLocator' && p.modes?.some((m) => m.name === 'list'));
		expect(locators.filter((p) => (p.default as { mode?: string }).mode !== 'list').map((p) => p.name)).toEqual([]);
	});

	test('Output options: Simplified / Raw / Selected Fields, Simplified keeping at most 10 fields', () => {
		for (const output of properties.filter((p) => p.name === 'output' && p.type === 'options')) {
			expect((output.options as INodePropertyOptions[]).map((o) => o.name)).toEqual(['Simplified', 'Raw', 'Selected Fields']);
			const kept = Number(/the (\d+) main fields/.exec(String((output.options as INodePropertyOptions[])[0].description))?.[1]);
			expect(kept).toBeGreaterThan(0);
			expect(kept).toBeLessThanOrEqual(10);
		}
	});
});
