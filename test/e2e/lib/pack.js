'use strict';

/** The package as a user gets it: `npm run build`, then `npm pack` (shared by the e2e and queue suites). */

const fs = require('node:fs');
const path = require('node:path');
const { run, tail } = require('./proc');

const ROOT = path.resolve(__dirname, '..', '..', '..');

/**
 * Build and pack into `outDir`; returns the tarball's path.
 * @param {{tgz?: string, skipBuild?: boolean, log?: (msg: string) => void}} [o] `tgz`: use this
 *   tarball (no build, no pack); `skipBuild`: pack the current dist/.
 */
async function buildAndPack(outDir, { tgz, skipBuild = false, log = () => {} } = {}) {
	if (tgz) {
		const file = path.resolve(tgz);
		if (!fs.existsSync(file)) throw new Error(`no such tarball ${file}`);
		return file;
	}
	if (!skipBuild) {
		log('npm run build');
		const b = await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 300000 });
		if (b.code !== 0) throw new Error(`npm run build failed:\n${tail(b.stdout + b.stderr)}`);
	}
	log('npm pack');
	const p = await run('npm', ['pack', '--json', '--pack-destination', outDir], { cwd: ROOT, timeoutMs: 120000 });
	if (p.code !== 0) throw new Error(`npm pack failed:\n${tail(p.stdout + p.stderr)}`);
	const info = JSON.parse(p.stdout.slice(p.stdout.indexOf('[')));
	return path.join(outDir, info[0].filename);
}

module.exports = { buildAndPack };
