/**
 * scripts/release.mjs in a checkout whose path has a space in it (a user's "My Projects"
 * folder): it finds its packages, bumps, commits and tags. The script is copied into a fresh
 * git repository under a temporary folder, so the real repository's tags are never touched.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const SCRIPT = path.join(__dirname, '..', '..', 'scripts', 'release.mjs');

let checkout: string;
let parent: string;

// A repository of its own, with git's identity and settings fixed so the user's config plays no part.
const gitEnv = () => ({
	...process.env,
	GIT_CONFIG_NOSYSTEM: '1',
	GIT_CONFIG_GLOBAL: path.join(parent, 'gitconfig'),
	GIT_AUTHOR_NAME: 'Release Test',
	GIT_AUTHOR_EMAIL: 'release@test.invalid',
	GIT_COMMITTER_NAME: 'Release Test',
	GIT_COMMITTER_EMAIL: 'release@test.invalid',
});
const git = (...args: string[]) => execFileSync('git', args, { cwd: checkout, env: gitEnv(), encoding: 'utf8' }).trim();

beforeAll(() => {
	parent = fs.mkdtempSync(path.join(os.tmpdir(), 'release test '));
	fs.writeFileSync(path.join(parent, 'gitconfig'), '');
	checkout = path.join(parent, 'my checkout');
	fs.mkdirSync(path.join(checkout, 'scripts'), { recursive: true });
	fs.copyFileSync(SCRIPT, path.join(checkout, 'scripts', 'release.mjs'));
	const pkg = path.join(checkout, 'packages', 'demo');
	fs.mkdirSync(pkg, { recursive: true });
	fs.writeFileSync(path.join(pkg, 'package.json'), `${JSON.stringify({ name: 'n8n-nodes-demo', version: '0.2.0' }, null, 2)}\n`);
	fs.writeFileSync(path.join(pkg, 'CHANGELOG.md'), '# Changelog of n8n-nodes-demo\n\n## 0.2.0\n\n- First release.\n');
	git('init', '-q');
	git('add', '.');
	git('commit', '-q', '-m', 'init');
});

afterAll(() => {
	fs.rmSync(parent, { recursive: true, force: true });
});

test('a release in a checkout whose path has spaces bumps, commits and tags the package', () => {
	expect(checkout).toContain(' ');
	const out = execFileSync(process.execPath, [path.join(checkout, 'scripts', 'release.mjs'), 'demo', 'patch', 'Fixed a thing.'], {
		cwd: checkout,
		env: gitEnv(),
		encoding: 'utf8',
	});
	expect(out).toContain('Tagged n8n-nodes-demo@0.2.1');
	expect(JSON.parse(fs.readFileSync(path.join(checkout, 'packages', 'demo', 'package.json'), 'utf8')).version).toBe('0.2.1');
	expect(fs.readFileSync(path.join(checkout, 'packages', 'demo', 'CHANGELOG.md'), 'utf8')).toBe(
		'# Changelog of n8n-nodes-demo\n\n## 0.2.1\n\n- Fixed a thing.\n\n## 0.2.0\n\n- First release.\n',
	);
	expect(git('tag', '--list')).toBe('n8n-nodes-demo@0.2.1');
	expect(git('log', '-1', '--format=%s')).toBe('n8n-nodes-demo 0.2.1');
	expect(git('status', '--porcelain')).toBe('');
});

test('the lines under "## Unreleased" become the new version\'s entry', () => {
	const changelog = path.join(checkout, 'packages', 'demo', 'CHANGELOG.md');
	const before = fs.readFileSync(changelog, 'utf8').replace('\n\n## 0.2.1', '\n\n## Unreleased\n\n- Masked a secret.\n- Fixed another.\n\n## 0.2.1');
	fs.writeFileSync(changelog, before);
	git('commit', '-q', '-am', 'changelog');
	execFileSync(process.execPath, [path.join(checkout, 'scripts', 'release.mjs'), 'demo', 'minor'], { cwd: checkout, env: gitEnv(), encoding: 'utf8' });
	expect(fs.readFileSync(changelog, 'utf8')).toBe(before.replace('## Unreleased', '## 0.3.0'));
	expect(git('tag', '--list', 'n8n-nodes-demo@0.3.0')).toBe('n8n-nodes-demo@0.3.0');
});
