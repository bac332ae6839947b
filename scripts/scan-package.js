#!/usr/bin/env node
/**
 * Runs the lint of n8n's verification scanner (@n8n/scan-community-package, `analyzePackage`) on
 * this package before it is published, on both things the scanner lints:
 * - the source, as the provenance attestation points at it: package.json and
 *   {nodes,credentials}/**\/*.{js,ts,json} (the scanner's SOURCE_FILE_PATTERNS);
 * - the tarball npm would publish (`npm pack`, unpacked): its compiled **\/*.js and package.json.
 * The scanner's provenance check and its downloads from npm and GitHub are not run: they need a
 * published version. Builds first when dist/ is missing or older than a source file. Prints the
 * findings and exits 1 on any.
 */
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL } = require('node:url');

const root = path.resolve(__dirname, '..');

function run(command, args, options = {}) {
	const result = spawnSync(command, args, { cwd: root, encoding: 'utf8', ...options });
	if (result.status !== 0) {
		throw new Error(`${command} ${args.join(' ')} failed (${result.status}):\n${result.stderr || result.stdout}`);
	}
	return result.stdout;
}

/** The newest modification time of any file under `dir` (0 when there is none). */
function newestMtime(dir) {
	if (!fs.existsSync(dir)) return 0;
	let newest = 0;
	for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
		if (entry.isFile()) {
			newest = Math.max(newest, fs.statSync(path.join(entry.parentPath ?? entry.path, entry.name)).mtimeMs);
		}
	}
	return newest;
}

function buildIfStale() {
	const dist = newestMtime(path.join(root, 'dist'));
	const sources = Math.max(newestMtime(path.join(root, 'nodes')), newestMtime(path.join(root, 'credentials')));
	if (dist > 0 && dist >= sources) return;
	console.log(dist === 0 ? 'scan: dist/ is missing, building' : 'scan: dist/ is older than the sources, building');
	run('npm', ['run', 'build'], { stdio: 'inherit' });
}

/** `npm pack` into `dir` and unpack it there; returns the unpacked folder. */
function packAndUnpack(dir) {
	const [packed] = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', dir]));
	const unpacked = path.join(dir, 'package');
	run('tar', ['-xzf', path.join(dir, packed.filename), '-C', dir]);
	return { unpacked, files: packed.files.length, name: `${packed.name}@${packed.version}` };
}

async function main() {
	buildIfStale();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'scan-package-'));
	// The scanner makes a temp folder when it loads: keep it inside ours, so it goes with it.
	process.env.TMPDIR = work;
	try {
		const scannerPath = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs');
		const { analyzePackage, SOURCE_FILE_PATTERNS } = await import(pathToFileURL(scannerPath).href);
		const { unpacked, files, name } = packAndUnpack(work);
		const legs = [
			{ label: 'source (package.json, nodes/, credentials/)', dir: root, patterns: SOURCE_FILE_PATTERNS },
			{ label: `tarball ${name} (${files} files)`, dir: unpacked, patterns: ['**/*.js', 'package.json'] },
		];
		let failed = 0;
		for (const leg of legs) {
			const result = await analyzePackage(leg.dir, leg.patterns);
			console.log(`scan: ${leg.label}: ${result.passed ? 'clean' : result.message}`);
			if (result.details) console.log(result.details);
			if (!result.passed) failed++;
		}
		console.log(`scan: ${legs.length - failed} passed, ${failed} failed`);
		return failed === 0 ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`scan: ${error.message}`);
		process.exit(2);
	},
);
