// n8n's own lint rules for community node packages: the classic eslint-plugin-n8n-nodes-base
// sets (package.json, credentials, nodes) and the newer @n8n/eslint-plugin-community-nodes.
import tsParser from '@typescript-eslint/parser';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import communityNodes from '@n8n/eslint-plugin-community-nodes';

const { configs: classic } = n8nNodesBase;

export default [
	{ ignores: ['dist/**', 'node_modules/**', 'test/**', 'scripts/**', '.cache/**', '*.js', '*.mjs'] },
	{
		files: ['package.json'],
		languageOptions: { parser: (await import('jsonc-eslint-parser')).default ?? undefined },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: classic.community.rules,
	},
	{
		files: ['credentials/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: classic.credentials.rules,
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: classic.nodes.rules,
	},
	...[communityNodes.configs.recommended].flat().map((config) => ({
		...config,
		files: config.files ?? ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module', ...(config.languageOptions ?? {}) },
	})),
];
