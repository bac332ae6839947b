'use strict';

/**
 * The results of a run of checks and its output, for `npm run test:e2e` and `npm run test:queue`:
 * a timed log line, one line per result, and the closing line `<prefix>: N passed, M failed` that
 * .ci/run reads.
 */

function createTally(prefix) {
	const started = Date.now();
	const results = [];
	const seconds = () => ((Date.now() - started) / 1000).toFixed(1);

	function log(msg) {
		process.stdout.write(`[${prefix} ${seconds().padStart(6)}s] ${msg}\n`);
	}

	/** One result: `ok` or `FAIL`, its name and time, a note under it, a failure's stack indented. */
	function record(name, ok, { error, ms, note } = {}) {
		results.push({ name, ok });
		const took = ms !== undefined ? ` (${ms} ms)` : '';
		process.stdout.write(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${took}${note ? `\n       ${note}` : ''}\n`);
		if (!ok)
			process.stdout.write(`${String(error && error.stack ? error.stack : error).replace(/^/gm, '         ')}\n`);
	}

	/** Runs one check: a throw is its failure; what it returns is printed as its note. */
	async function check(name, fn) {
		const t0 = Date.now();
		try {
			const note = await fn();
			record(name, true, { ms: Date.now() - t0, note });
		} catch (error) {
			record(name, false, { error, ms: Date.now() - t0 });
		}
	}

	const failures = () => results.filter((r) => !r.ok).length;

	/** The closing line; the exit code is 1 when anything failed or nothing passed. */
	function summary() {
		const failed = failures();
		const passed = results.length - failed;
		log(`done in ${seconds()} s`);
		process.stdout.write(`${prefix}: ${passed} passed, ${failed} failed\n`);
		process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
	}

	return { log, record, check, failures, summary };
}

module.exports = { createTally };
