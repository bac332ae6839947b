#!/usr/bin/env node
/**
 * Runs `n8n-node lint` (n8n's own lint, strict mode, default config) as n8n's reviewers do, and
 * passes its output and exit code on. When it fails on test files, it says how to fix that:
 * n8n's default config holds every .ts file to the rules for shipped code, so a test that uses
 * node built-ins, `process`, timers or n8n-core opens with the line below (the project's own lint,
 * eslint.project.config.mjs, ignores it). Its own advice to disable cloud support does not apply.
 */
const { spawnSync } = require('node:child_process');
const path = require('node:path');

const TEST_HEADER =
	'/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */';

const root = path.resolve(__dirname, '..');
const bin = path.join(root, 'node_modules', '.bin', 'n8n-node');
const result = spawnSync(bin, ['lint'], { cwd: root, encoding: 'utf8' });
if (result.error) throw result.error;
process.stdout.write(result.stdout ?? '');
process.stderr.write(result.stderr ?? '');

if (result.status !== 0) {
	// eslint's stylish output names each file on a line of its own, as an absolute path.
	// Without the colour codes n8n-node lint forces on.
	const plain = `${result.stdout}\n${result.stderr}`.replace(/\x1b\[[0-9;]*m/g, '');
	const testFiles = plain
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line.startsWith(path.join(root, 'test') + path.sep))
		.map((file) => path.relative(root, file));
	if (testFiles.length > 0) {
		console.error(
			`\nlint:n8n: test files fail n8n's default config. Make this the first line of each:\n${TEST_HEADER}\n` +
				testFiles.map((file) => `  ${file}`).join('\n'),
		);
	}
}
process.exit(result.status ?? 1);
