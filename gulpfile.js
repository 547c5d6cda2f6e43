// Copies the node and credential icons (and codex files) beside the compiled JavaScript,
// because tsc only emits .js files and n8n resolves `file:` icons relative to the node file.
const { src, dest, parallel } = require('gulp');

function copyIcons() {
	return src('icons/**/*.svg').pipe(dest('dist/icons'));
}

function copyCodex() {
	return src('nodes/**/*.node.json').pipe(dest('dist/nodes'));
}

exports['build:icons'] = parallel(copyIcons, copyCodex);
