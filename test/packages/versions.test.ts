/**
 * The n8n versions are one setting, scripts/n8n/versions.json: install.sh installs them (and so
 * the end-to-end, queue, start:n8n and bench runs get them), and package.json pins n8n-core and
 * n8n-workflow, which npm cannot read from a file, to the versions n8n itself depends on. This test
 * fails while a copy of a version elsewhere disagrees with the setting.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const versions = JSON.parse(read('scripts/n8n/versions.json')) as Record<string, string>;

test('package.json and its lock pin n8n-core and n8n-workflow to the versions n8n depends on', () => {
	const pkg = JSON.parse(read('package.json'));
	const lock = JSON.parse(read('package-lock.json'));
	const pinned = (lib: string) => ({ lib, packageJson: pkg.devDependencies[lib], lock: lock.packages[`node_modules/${lib}`].version });
	for (const lib of ['n8n-core', 'n8n-workflow']) expect(pinned(lib)).toEqual({ lib, packageJson: versions[lib], lock: versions[lib] });
});

test('the n8n 2.x install takes the locked tree of the version versions.json names', () => {
	const lock = JSON.parse(read(`scripts/n8n/n8n-${versions.n8n}.lock.json`));
	expect({ root: lock.packages[''].dependencies, n8n: lock.packages['node_modules/n8n'].version, core: lock.packages['node_modules/n8n-core'].version, workflow: lock.packages['node_modules/n8n-workflow'].version }).toEqual({
		root: { n8n: versions.n8n },
		n8n: versions.n8n,
		core: versions['n8n-core'],
		workflow: versions['n8n-workflow'],
	});
	// One lock only: an older version's lock left behind would be dead weight (about 1 MB).
	expect(fs.readdirSync(path.join(root, 'scripts/n8n')).filter((f) => f.endsWith('.lock.json'))).toEqual([`n8n-${versions.n8n}.lock.json`]);
});

test('no script or end-to-end file names an n8n version itself', () => {
	const dirs = ['scripts', 'scripts/n8n', 'test/e2e', 'test/e2e/queue', '.github/workflows'];
	const files = dirs.flatMap((dir) =>
		fs
			.readdirSync(path.join(root, dir))
			.filter((f) => /\.(sh|mjs|js|ts|ya?ml)$/.test(f))
			.map((f) => `${dir}/${f}`),
	);
	expect(files.length).toBeGreaterThan(10);
	const naming = files.filter((file) => [versions.n8n, versions.n8n1].some((v) => read(file).includes(v)));
	expect(naming).toEqual([]);
});

test('the README names the versions the runs test', () => {
	const readme = read('README.md');
	expect({ n8n: readme.includes(`n8n ${versions.n8n}`), n8n1: readme.includes(versions.n8n1) }).toEqual({ n8n: true, n8n1: true });
});

test('the committed n8n lock names no registry: install.sh adds the addresses of the registry in use', () => {
	const lock = JSON.parse(read(`scripts/n8n/n8n-${versions.n8n}.lock.json`));
	const addressed = Object.entries(lock.packages as Record<string, { resolved?: string }>).filter(([, entry]) => entry.resolved);
	expect(addressed).toEqual([]);
});
