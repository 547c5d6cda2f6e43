// The workspace root lints the one source of the shared helpers (nodes/shared/) with exactly the
// config `n8n-node lint` runs in each package (n8n's two rule sets, typescript-eslint and
// import-x). Each package folder keeps the unedited two-line template that strict mode demands
// and is linted from its own folder by `n8n-node lint` (scripts/lint.sh).
import { config } from '@n8n/node-cli/eslint';

export default [
	{ ignores: ['packages/**', 'test/**', 'scripts/**', '.cache/**', 'artifacts/**', 'coverage/**', '**/*.js', '**/*.mjs', 'package.json'] },
	...config,
];
