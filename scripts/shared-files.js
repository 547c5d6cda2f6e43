// Which shared helpers each package carries. The one source of truth is nodes/shared/ at the
// workspace root; every package gets a committed copy of the helpers its own code imports
// (followed through the helpers' imports of each other), because `n8n-node build` is a plain
// tsc that can only compile what sits inside the package folder, and n8n's scanner lints the
// committed sources beside each package.json.
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const sharedDir = path.join(root, 'nodes', 'shared');
const packagesDir = path.join(root, 'packages');

const IMPORT = /(?:from|import|require\()\s*['"]([^'"]+)['"]/g;

function imports(file) {
	const text = fs.readFileSync(file, 'utf8');
	return [...text.matchAll(IMPORT)].map((m) => m[1]).filter((spec) => spec.startsWith('.'));
}

function tsFiles(dir) {
	if (!fs.existsSync(dir)) return [];
	return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return tsFiles(full);
		return entry.name.endsWith('.ts') ? [full] : [];
	});
}

function resolveTs(fromFile, spec) {
	const base = path.resolve(path.dirname(fromFile), spec);
	for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
	return undefined;
}

/** The package folders under packages/. */
function packageNames() {
	return fs.readdirSync(packagesDir).filter((name) => fs.existsSync(path.join(packagesDir, name, 'package.json'))).sort();
}

/** Names (relative to nodes/shared) of the shared helpers one package needs. */
function sharedFilesFor(pkg) {
	const pkgDir = path.join(packagesDir, pkg);
	const copyDir = path.join(pkgDir, 'nodes', 'shared');
	const own = [...tsFiles(path.join(pkgDir, 'nodes')), ...tsFiles(path.join(pkgDir, 'credentials'))].filter(
		(file) => !file.startsWith(copyDir + path.sep),
	);
	const needed = new Set();
	const queue = [];
	const visit = (from, spec) => {
		const target = resolveTs(from, spec);
		const inCopy = target && target.startsWith(copyDir + path.sep);
		// A package file names its copy; map it to the source so the walk follows the source.
		const source = inCopy ? path.join(sharedDir, path.relative(copyDir, target)) : undefined;
		const missing = !target && path.resolve(path.dirname(from), spec).startsWith(copyDir + path.sep);
		const rel = source
			? path.relative(sharedDir, source)
			: missing
				? `${path.relative(copyDir, path.resolve(path.dirname(from), spec))}.ts`
				: undefined;
		if (rel && !needed.has(rel)) {
			needed.add(rel);
			queue.push(path.join(sharedDir, rel));
		}
	};
	for (const file of own) for (const spec of imports(file)) visit(file, spec);
	while (queue.length) {
		const file = queue.pop();
		if (!fs.existsSync(file)) throw new Error(`${path.relative(root, file)} is imported but does not exist in nodes/shared`);
		for (const spec of imports(file)) {
			const target = resolveTs(file, spec);
			if (!target || !target.startsWith(sharedDir + path.sep)) throw new Error(`${path.relative(root, file)} imports ${spec}, outside nodes/shared`);
			const rel = path.relative(sharedDir, target);
			if (!needed.has(rel)) {
				needed.add(rel);
				queue.push(target);
			}
		}
	}
	return [...needed].sort();
}

/**
 * The first line of every committed copy: says it is generated and where its one source is, so a
 * reader (or a review) edits the source and not one of four copies.
 */
function copyHeader(rel) {
	return `// Copy made by \`npm run sync\` from nodes/shared/${rel.split(path.sep).join('/')}: edit that file, not this one.\n`;
}

/** A committed copy's whole text: the header, then the source unchanged. */
function copyText(rel, source) {
	return Buffer.concat([Buffer.from(copyHeader(rel)), Buffer.isBuffer(source) ? source : Buffer.from(source)]);
}

module.exports = { root, sharedDir, packagesDir, packageNames, sharedFilesFor, tsFiles, copyHeader, copyText };
