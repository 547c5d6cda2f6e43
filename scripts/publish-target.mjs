// In the publish workflow: which package to publish, from the tag `<package>@<version>` or the
// manual run's input. Refuses a tag whose version is not the package's, and a package whose
// repository is not the one building it (npm would refuse the provenance statement anyway, later
// and less clearly). Writes `folder` and `version` to the step's outputs.
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const { INPUT_PACKAGE, REF_NAME, EVENT, GITHUB_OUTPUT, GITHUB_REPOSITORY } = process.env;
const [name, version] = EVENT === 'workflow_dispatch' ? [INPUT_PACKAGE, undefined] : (REF_NAME ?? '').split('@');
const folder = fs
	.readdirSync(path.join(root, 'packages'))
	.find((f) => JSON.parse(fs.readFileSync(path.join(root, 'packages', f, 'package.json'), 'utf8')).name === name);
const fail = (message) => {
	console.error(message);
	process.exit(1);
};
if (!folder) fail(`No package named ${name} in packages/`);
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'packages', folder, 'package.json'), 'utf8'));
if (version !== undefined && version !== pkg.version) fail(`Tag ${REF_NAME} does not match ${pkg.name} ${pkg.version} in packages/${folder}/package.json`);
const repo = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '').replace('https://github.com/', '');
if (GITHUB_REPOSITORY && repo !== GITHUB_REPOSITORY) fail(`packages/${folder}/package.json names repository ${repo}, but this is ${GITHUB_REPOSITORY}: npm refuses provenance for another repository`);
console.log(`Publishing ${pkg.name} ${pkg.version} from packages/${folder}`);
if (GITHUB_OUTPUT) fs.appendFileSync(GITHUB_OUTPUT, `folder=${folder}\nversion=${pkg.version}\n`);
