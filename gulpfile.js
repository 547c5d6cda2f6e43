// Workspace tasks. `gulp sync:shared` (npm run sync) copies the shared helpers from their one
// source, nodes/shared/, into each package that uses them, and removes copies a package no
// longer needs. Each copy starts with a line naming its source (scripts/shared-files.js,
// copyText). test/packages/shared-copies.test.ts fails while any copy differs.
const fs = require('node:fs');
const path = require('node:path');
const { Transform } = require('node:stream');
const { src, dest, parallel } = require('gulp');

const { sharedDir, packagesDir, packageNames, sharedFilesFor, copyText } = require('./scripts/shared-files');

/** Puts the "copy made by npm run sync" line above each file's text. */
function withHeader() {
	return new Transform({
		objectMode: true,
		transform(file, _encoding, done) {
			if (file.isBuffer()) file.contents = copyText(file.relative, file.contents);
			done(null, file);
		},
	});
}

function syncPackage(pkg) {
	const task = () => {
		const files = sharedFilesFor(pkg);
		const copyDir = path.join(packagesDir, pkg, 'nodes', 'shared');
		for (const stale of fs.existsSync(copyDir) ? fs.readdirSync(copyDir, { recursive: true }) : []) {
			const full = path.join(copyDir, stale);
			if (fs.statSync(full).isFile() && !files.includes(stale)) fs.rmSync(full);
		}
		return src(files.map((f) => path.join(sharedDir, f)), { base: sharedDir }).pipe(withHeader()).pipe(dest(copyDir));
	};
	task.displayName = `sync:shared:${pkg}`;
	return task;
}

exports['sync:shared'] = parallel(...packageNames().map(syncPackage));
