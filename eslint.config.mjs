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
		// As in n8n's community starter: credentials link to the service's own docs by full URL.
		rules: {
			...classic.credentials.rules,
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module' },
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...classic.nodes.rules,
			// These two want the string 'main'; n8n's newer community rules (node-connection-type-literal)
			// want NodeConnectionTypes.Main, which is what current n8n nodes use. The newer rule wins.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	...[communityNodes.configs.recommended].flat().map((config) => ({
		...config,
		files: config.files ?? ['nodes/**/*.ts', 'credentials/**/*.ts'],
		languageOptions: { parser: tsParser, sourceType: 'module', ...(config.languageOptions ?? {}) },
	})),
];
