'use strict';

/** What a benchmark run needs first: the package compiled as it is now, and an n8n engine. */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** Compiles the package as it is now into a temporary folder (dist/ is left alone). */
function buildPackage(root) {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'altegio-bench-build-'));
	const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
	const args = [
		'-p',
		path.join(root, 'tsconfig.json'),
		'--outDir',
		out,
		'--declaration',
		'false',
		'--sourceMap',
		'false',
	];
	const res = spawnSync(process.execPath, [tsc, ...args], { cwd: root, encoding: 'utf8' });
	if (res.status !== 0) throw new Error(`tsc failed:\n${res.stdout}${res.stderr}`);
	return out;
}

/** The engine: a real n8n from the e2e install cache (installed on demand), or the dev copies. */
function resolveEngine(root, version, log) {
	if (version === 'dev') return { engineDir: root, nodeBin: process.execPath, label: 'project dev dependencies' };
	const home = process.env.N8N_E2E_HOME || path.join(os.homedir(), '.cache', 'n8n-e2e');
	const dir = path.join(home, `n8n-${version}`);
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		log(
			`n8n ${version} is not installed: running test/e2e/install-n8n.sh ${version} (about 5 minutes on a cold cache)`,
		);
		const res = spawnSync('bash', [path.join(root, 'test', 'e2e', 'install-n8n.sh'), version], {
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (res.status !== 0)
			throw new Error(
				`install-n8n.sh ${version} failed; use BENCH_ENGINE=dev to run without it (no HTTP Request comparison)`,
			);
	}
	const nodeBin = fs.readFileSync(path.join(dir, 'node-path'), 'utf8').trim();
	return { engineDir: dir, nodeBin, label: `n8n ${version} install (${dir.replace(os.homedir(), '~')})` };
}

module.exports = { buildPackage, resolveEngine };
