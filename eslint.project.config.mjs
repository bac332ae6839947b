import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

// The project's own lint (`npm run lint` runs `eslint -c eslint.project.config.mjs --no-inline-config`):
// the verification scanner's rule set for what ships (package.json, nodes/, credentials/), and a
// relaxed set for the tests, which may import n8n-core, undici and node built-ins.
// eslint.config.mjs stays n8n's default, byte for byte, as `n8n-node lint` requires in strict mode; it
// holds every .ts file to the shipped-code rules, so a test .ts file that uses what shipped code may not
// (node built-ins, process, timers, n8n-core, `any`) opens with an eslint-disable comment for it.
// --no-inline-config makes this config ignore every such comment, as n8n's scanner does.
const shipped = ['nodes/**/*.ts', 'credentials/**/*.ts'];

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.e2e/**'] },
	{
		files: ['**/*.ts', '**/*.js', '**/*.mjs', 'package.json'],
		languageOptions: {
			parser: tseslint.parser,
			parserOptions: { sourceType: 'module', extraFileExtensions: ['.json'] },
		},
	},
	{
		files: [...shipped, 'package.json'],
		...n8nCommunityNodes.configs.recommended,
		rules: { ...n8nCommunityNodes.configs.recommended.rules },
	},
	{
		files: ['package.json'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: { ...n8nNodesBase.configs.community.rules },
	},
	{
		files: ['credentials/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// The URL is Altegio's page on getting the partner token: a full http(s) URL as required for community packages.
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		plugins: { 'n8n-nodes-base': n8nNodesBase },
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// Superseded by @n8n/community-nodes/node-connection-type-literal (NodeConnectionTypes.Main).
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	...tseslint.configs.recommended.map((config) => ({ ...config, files: [...shipped, 'test/**/*.ts'] })),
	{
		files: shipped,
		rules: { 'no-console': 'error' },
	},
	{
		// No line over 120 columns, tabs counted as 2 (prettier wraps code but cannot break strings).
		// Two picker descriptions are exempt: n8n's lint accepts that text only as one string literal.
		files: ['nodes/**/*.ts', 'credentials/**/*.ts', 'test/**/*.ts', 'test/**/*.js', 'bench/**/*.js', 'scripts/**/*.js'],
		rules: {
			'max-len': [
				'error',
				{ code: 120, tabWidth: 2, ignoreUrls: true, ignorePattern: "^\\s*'Choose from the list, or specify" },
			],
		},
	},
	{
		files: ['test/**/*.ts', 'test/**/*.js', '*.js'],
		rules: {
			'@typescript-eslint/no-require-imports': 'off',
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-non-null-assertion': 'off',
		},
	},
);
