// npm run release -- <package folder> <patch|minor|major|x.y.z> ["what changed"]
// Bumps one package's version, opens its CHANGELOG entry (or names its Unreleased section), commits and tags `<name>@<version>`
// (a plain `v<version>` tag would collide between the four packages). Pushing the tag
// (`git push origin <tag>`) starts .github/workflows/publish.yml, which publishes with provenance.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// fileURLToPath, not URL.pathname: the pathname keeps a space as %20 (and a Windows drive as /C:).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [folder, bump, note] = process.argv.slice(2);
const usage = 'usage: npm run release -- <agentref|prefactor|signtraker|opentoclose> <patch|minor|major|x.y.z> ["what changed"]';
if (!folder || !bump) throw new Error(usage);
const dir = path.join(root, 'packages', folder);
const manifest = path.join(dir, 'package.json');
if (!fs.existsSync(manifest)) throw new Error(`No package in packages/${folder}. ${usage}`);
const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
if (git('status', '--porcelain')) throw new Error('The work tree has uncommitted changes: commit or stash them first.');

const pkg = JSON.parse(fs.readFileSync(manifest, 'utf8'));
const [major, minor, patch] = pkg.version.split('.').map(Number);
const next = /^\d+\.\d+\.\d+$/.test(bump)
	? bump
	: { major: `${major + 1}.0.0`, minor: `${major}.${minor + 1}.0`, patch: `${major}.${minor}.${patch + 1}` }[bump];
if (!next) throw new Error(usage);
const tag = `${pkg.name}@${next}`;
if (git('tag', '--list', tag)) throw new Error(`Tag ${tag} exists already.`);

pkg.version = next;
fs.writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
const changelog = path.join(dir, 'CHANGELOG.md');
const text = fs.readFileSync(changelog, 'utf8');
const [title, ...rest] = text.split('\n\n');
// The lines gathered under "## Unreleased" become this version's entry.
if (rest[0]?.trim() === '## Unreleased') {
	rest[0] = `## ${next}`;
	if (note) rest[1] = rest[1]?.startsWith('- ') ? `- ${note}\n${rest[1]}` : `- ${note}`;
	fs.writeFileSync(changelog, [title, ...rest].join('\n\n'));
} else {
	fs.writeFileSync(changelog, [title, `## ${next}\n\n- ${note ?? 'See the commits since the last release.'}`, ...rest].join('\n\n'));
}
git('add', manifest, changelog);
git('commit', '-m', `${pkg.name} ${next}`);
git('tag', '-a', tag, '-m', `${pkg.name} ${next}`);
console.log(`Tagged ${tag}. Push it to publish: git push origin HEAD ${tag}`);
