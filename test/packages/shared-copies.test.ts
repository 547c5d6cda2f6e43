/**
 * The shared helpers have one source, nodes/shared/. Each package carries a committed copy of the
 * helpers it uses (n8n-node build compiles only what is inside the package folder, and n8n's
 * scanner lints the committed sources beside each package.json). After changing a helper, run
 * `npm run sync`; this test fails while any copy differs, is missing, or is no longer needed.
 */
import fs from 'node:fs';
import path from 'node:path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageNames, sharedFilesFor, sharedDir, packagesDir } = require('../../scripts/shared-files.js');

describe.each(packageNames() as string[])('packages/%s/nodes/shared', (pkg) => {
	const copyDir = path.join(packagesDir, pkg, 'nodes', 'shared');

	test('holds exactly the shared helpers the package imports, each identical to nodes/shared/', () => {
		const needed: string[] = sharedFilesFor(pkg);
		expect(needed.length).toBeGreaterThan(0);
		const present = fs.readdirSync(copyDir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(copyDir, f)).isFile()).sort();
		expect({ pkg, files: present }).toEqual({ pkg, files: needed });
		for (const file of needed) {
			const same = fs.readFileSync(path.join(copyDir, file)).equals(fs.readFileSync(path.join(sharedDir, file)));
			expect({ file: `packages/${pkg}/nodes/shared/${file}`, sameAsSource: same }).toEqual({ file: `packages/${pkg}/nodes/shared/${file}`, sameAsSource: true });
		}
	});
});
