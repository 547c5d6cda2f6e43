/**
 * n8n's lint rules only see source code, and the builder produces this package's node
 * properties at run time, so linting the repository never checks the display names,
 * descriptions, options and actions a user actually reads. This test expands every node's
 * built description (found automatically: every `*.node.ts`) into a literal `*.node.ts` in a
 * temporary copy of its package, and lints that with the project's own eslint config (both n8n
 * rule sets) through eslint's Node API.
 */
import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, copyFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { basename, dirname, join, relative } from 'path';

import { agentRefService } from '../../packages/agentref/nodes/AgentRef/service';
import { buildProperties } from '../../nodes/shared/builder';
import { field } from '../../nodes/shared/fields';
import type { ResourceSpec } from '../../nodes/shared/types';

const ROOT = join(__dirname, '..', '..');

/**
 * Rules switched off for the generated files, each with its written reason. None today: the
 * generated class carries the description in full and stand-ins for its methods, and no rule
 * about method bodies reports anything on them.
 */
const OFF: Record<string, string> = {};

/**
 * Single findings accepted on one parameter, each with its written reason (the rule stays on
 * everywhere else): matched by rule, generated file and the source lines ending at the finding.
 */
const ACCEPTED: Array<{ rule: string; file: RegExp; source: RegExp; reason: string }> = [
	{
		rule: 'n8n-nodes-base/node-param-type-options-password-missing',
		file: /Prefactor\.node\.ts$/,
		source: /name: 'apiTokenId',\s+type: 'string',$/,
		reason:
			"The parameter is `apiTokenId`, the ID of an API token (a PFID), not the token: masking it would hide which token a workflow suspends or revokes. The rule matches on 'token' in the name; renaming would break saved workflows.",
	},
	{
		rule: 'n8n-nodes-base/node-param-placeholder-miscased-id',
		file: /OpenToClose\.node\.ts$/,
		source: /placeholder: 'e\.g\. \{"fields": \[\{"id": 926565/,
		reason: 'The example JSON shows the API\'s own lowercase key "id"; writing "ID" there would teach a body the API rejects.',
	},
];

const SKIP_DIRS = new Set(['node_modules', 'dist', '.cache', '.git', 'test', 'scripts', 'examples']);

function nodeFiles(dir: string): string[] {
	const found: string[] = [];
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (!SKIP_DIRS.has(entry.name) && !entry.isSymbolicLink()) found.push(...nodeFiles(join(dir, entry.name)));
		} else if (entry.name.endsWith('.node.ts')) {
			found.push(join(dir, entry.name));
		}
	}
	return found;
}

function upwards(from: string, name: string): string {
	for (let dir = from; ; dir = dirname(dir)) {
		if (existsSync(join(dir, name))) return dir;
		if (dir === ROOT || dir === dirname(dir)) return ROOT;
	}
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const CONNECTION_TYPES: Record<string, string> = { main: 'NodeConnectionTypes.Main' };

const quote = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;

/** A JavaScript value as literal TypeScript source, the way a hand-written node would hold it. */
function literal(value: unknown, indent: string, key = ''): string {
	const inner = `${indent}\t`;
	if (typeof value === 'function') return 'async () => undefined';
	if (value === undefined) return 'undefined';
	if (value === null || typeof value !== 'object') {
		if (typeof value === 'string') {
			// n8n's connection-type rule wants the constant, as the real source has it.
			if ((key === 'inputs' || key === 'outputs') && CONNECTION_TYPES[value]) return CONNECTION_TYPES[value];
			return quote(value);
		}
		return JSON.stringify(value);
	}
	if (Array.isArray(value)) {
		if (value.length === 0) return '[]';
		return `[\n${value.map((entry) => `${inner}${literal(entry, inner, key)},`).join('\n')}\n${indent}]`;
	}
	const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
	if (entries.length === 0) return '{}';
	return `{\n${entries
		.map(([k, v]) => `${inner}${IDENTIFIER.test(k) ? k : quote(k)}: ${literal(v, inner, k)},`)
		.join('\n')}\n${indent}}`;
}

/** One node class as a literal source file: its description in full, its methods as stand-ins. */
function nodeSource(className: string, instance: Record<string, unknown>): string {
	const members: string[] = [`\tdescription: INodeTypeDescription = ${literal(instance.description, '\t')};`];
	for (const [name, value] of Object.entries(instance)) {
		if (name !== 'description') members.push(`\t${name} = ${literal(value, '\t')};`);
	}
	const proto = Object.getPrototypeOf(instance) as Record<string, unknown>;
	for (const name of Object.getOwnPropertyNames(proto)) {
		if (name !== 'constructor' && typeof proto[name] === 'function') {
			members.push(`\tasync ${name}(): Promise<null> {\n\t\treturn null;\n\t}`);
		}
	}
	return [
		`import type { INodeType, INodeTypeDescription } from 'n8n-workflow';`,
		`import { NodeConnectionTypes } from 'n8n-workflow';`,
		'',
		`export class ${className} implements INodeType {`,
		members.join('\n\n'),
		'}',
		'',
	].join('\n');
}

interface Finding {
	file: string;
	line: number;
	rule: string;
	message: string;
	source: string;
	context: string;
}

/** A temporary copy of one package: its package.json, icons and credentials, no sources. */
function stage(tmp: string, packageRoot: string): string {
	const target = join(tmp, relative(ROOT, packageRoot));
	// The template config's import rules resolve 'n8n-workflow' from the staged files upwards.
	if (!existsSync(join(tmp, 'node_modules'))) symlinkSync(join(ROOT, 'node_modules'), join(tmp, 'node_modules'));
	if (!existsSync(join(target, 'package.json'))) {
		mkdirSync(target, { recursive: true });
		copyFileSync(join(packageRoot, 'package.json'), join(target, 'package.json'));
		// Icons and credentials are referenced by the descriptions and checked by the rules.
		for (const dir of ['icons', 'credentials']) {
			if (existsSync(join(packageRoot, dir))) symlinkSync(join(packageRoot, dir), join(target, dir));
		}
	}
	return target;
}

/** Lints generated files of one package with that package's eslint config. */
function lint(tmp: string, packageRoot: string, files: string[]): Finding[] {
	const config = join(upwards(packageRoot, 'eslint.config.mjs'), 'eslint.config.mjs');
	const run = spawnSync(process.execPath, [join(__dirname, 'run-eslint.mjs')], {
		cwd: ROOT,
		// jest sets NODE_ENV=test, which makes n8n's rules treat every file as "Test.node.ts".
		env: { ...process.env, NODE_ENV: 'production' },
		input: JSON.stringify({ cwd: join(tmp, relative(ROOT, packageRoot)), config, files, off: Object.keys(OFF) }),
		encoding: 'utf8',
		maxBuffer: 64 * 1024 * 1024,
	});
	if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
	return JSON.parse(run.stdout) as Finding[];
}

describe('n8n lint rules on the built node descriptions', () => {
	const tmp = mkdtempSync(join(tmpdir(), 'agent-suite-lint-'));
	afterAll(() => process.env.LINT_REPORT || rmSync(tmp, { recursive: true, force: true }));

	test('every generated description passes both n8n rule sets with 0 findings', () => {
		const files = nodeFiles(ROOT);
		expect(files.length).toBeGreaterThan(0);
		const packages = new Map<string, string[]>();
		let classes = 0;
		for (const file of files) {
			const packageRoot = upwards(dirname(file), 'package.json');
			const target = stage(tmp, packageRoot);
			if (!packages.has(packageRoot)) packages.set(packageRoot, []);
			// eslint-disable-next-line @typescript-eslint/no-require-imports
			const module = require(file) as Record<string, unknown>;
			for (const [className, exported] of Object.entries(module)) {
				// Only node classes: a node file may also export helpers (a trigger's event builders).
				if (typeof exported !== 'function' || !/^class\b/.test(Function.prototype.toString.call(exported))) continue;
				const instance = new (exported as new () => Record<string, unknown>)();
				if (!instance.description) continue;
				classes++;
				const out = join(target, relative(packageRoot, dirname(file)), `${className}.node.ts`);
				mkdirSync(dirname(out), { recursive: true });
				writeFileSync(out, nodeSource(className, instance));
				const codex = file.replace(/\.ts$/, '.json');
				if (existsSync(codex) && basename(codex, '.node.json') === className) {
					copyFileSync(codex, out.replace(/\.ts$/, '.json'));
				}
				packages.get(packageRoot)!.push(out);
			}
		}
		expect(classes).toBeGreaterThanOrEqual(files.length);

		const findings = [...packages].flatMap(([packageRoot, generated]) => lint(tmp, packageRoot, generated));
		const accepted = (f: Finding) =>
			ACCEPTED.some((a) => a.rule === f.rule && a.file.test(f.file) && a.source.test(f.context ?? ''));
		const report = findings.filter((f) => !accepted(f)).map((f) => `${relative(tmp, f.file)}:${f.line} ${f.rule}: ${f.message}\n    ${f.source}`);
		// LINT_REPORT=<file> keeps the findings for working through them.
		if (process.env.LINT_REPORT) writeFileSync(process.env.LINT_REPORT, JSON.stringify(findings, null, 1));
		expect(report).toEqual([]);
	});

	test('the same pipeline reports what both rule sets catch in a builder-made node', () => {
		// A node built by the builder with faults the builder does not fix: if a finding here went
		// missing, the test above could pass without linting anything.
		const resource: ResourceSpec = {
			value: 'thing',
			name: 'Thing',
			operations: [
				{
					value: 'get',
					name: 'Get',
					action: 'Get A Thing',
					description: 'Get a thing',
					method: 'GET',
					path: '/things/{thingId}',
					fields: [
						field.pathId('thingId', 'Thing id', 'The thing'),
						field.boolean('verbose', 'Verbose', 'Adds detail', { in: 'query' }),
						field.options('mood', 'Mood', 'How it feels', [{ name: '🚀 Launch', value: 'launch' }, { name: 'Calm', value: 'calm' }], { in: 'query' }),
					],
				},
			],
		};
		const probe = {
			description: {
				displayName: 'Probe',
				name: 'probe',
				icon: { light: 'file:../../icons/agentref.svg', dark: 'file:../../icons/agentref.dark.svg' },
				group: ['transform'],
				version: 1,
				subtitle: '={{$parameter["operation"]}}',
				description: 'Checks the lint pipeline',
				defaults: { name: 'Probe' },
				usableAsTool: true,
				inputs: ['main'],
				outputs: ['main'],
				credentials: [{ name: 'agentRefApi', required: true }],
				properties: buildProperties(agentRefService, [resource]),
			},
		};
		const target = stage(tmp, ROOT);
		const out = join(target, 'nodes', 'Probe', 'Probe.node.ts');
		mkdirSync(dirname(out), { recursive: true });
		writeFileSync(out, nodeSource('Probe', probe));
		const rules = lint(tmp, ROOT, [out]).map((f) => f.rule);
		expect(rules).toEqual(
			expect.arrayContaining([
				'n8n-nodes-base/node-param-operation-option-action-miscased',
				'n8n-nodes-base/node-param-display-name-miscased-id',
				'n8n-nodes-base/node-param-description-boolean-without-whether',
				'@n8n/community-nodes/no-emoji-in-options',
			]),
		);
	});
});
