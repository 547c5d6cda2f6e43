/**
 * The shared helpers have one source, nodes/shared/. Each package carries a committed copy of the
 * helpers it uses (n8n-node build compiles only what is inside the package folder, and n8n's
 * scanner lints the committed sources beside each package.json). Each copy is one header line
 * naming its source, then the source unchanged. After changing a helper, run `npm run sync`; this
 * test fails while any copy differs, is missing, or is no longer needed, and while .gitattributes
 * does not mark the copies as generated (so reviews and code search show the one source).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageNames, sharedFilesFor, sharedDir, packagesDir, root, copyText } = require('../../scripts/shared-files.js');

describe.each(packageNames() as string[])('packages/%s/nodes/shared', (pkg) => {
	const copyDir = path.join(packagesDir, pkg, 'nodes', 'shared');

	test('holds exactly the shared helpers the package imports, each its source under a line naming it', () => {
		const needed: string[] = sharedFilesFor(pkg);
		expect(needed.length).toBeGreaterThan(0);
		const present = fs.readdirSync(copyDir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(copyDir, f)).isFile()).sort();
		expect({ pkg, files: present }).toEqual({ pkg, files: needed });
		for (const file of needed) {
			const copy = fs.readFileSync(path.join(copyDir, file));
			const firstLine = copy.toString('utf8').split('\n', 1)[0];
			const same = copy.equals(copyText(file, fs.readFileSync(path.join(sharedDir, file))));
			expect({ file: `packages/${pkg}/nodes/shared/${file}`, firstLine, sameAsSource: same }).toEqual({
				file: `packages/${pkg}/nodes/shared/${file}`,
				firstLine: expect.stringMatching(new RegExp(`^// Copy made by \`npm run sync\` from nodes/shared/${file.replace(/[.]/g, '\\.')}: edit that file`)),
				sameAsSource: true,
			});
		}
	});

	test('every copy is marked generated in .gitattributes, the source is not', () => {
		const copies = sharedFilesFor(pkg).map((file: string) => `packages/${pkg}/nodes/shared/${file}`);
		const sources = sharedFilesFor(pkg).map((file: string) => `nodes/shared/${file}`);
		const generated = (files: string[]) =>
			execFileSync('git', ['check-attr', 'linguist-generated', '--', ...files], { cwd: root, encoding: 'utf8' })
				.trim()
				.split('\n')
				.filter((line) => line.endsWith(': linguist-generated: true'))
				.map((line) => line.split(': ')[0]);
		expect(generated(copies)).toEqual(copies);
		expect(generated(sources)).toEqual([]);
	});
});
