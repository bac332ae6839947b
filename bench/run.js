#!/usr/bin/env node
'use strict';

/**
 * Benchmark of the Altegio node: prints tables and writes docs/benchmarks.md. No assertions: it
 * measures. Run: `npm run bench` (about 10 minutes on 2 cores). The sections, in bench/sections/:
 *
 *   getAll      Client Get Many, Return All, against the floor and the HTTP Request node (issue #7)
 *   perItem     Create and Get, one request per item, against the HTTP Request node (issue 26)
 *   writes      Create Many against one Create per item
 *   requests    requests per operation against the API's minimum (issue 26)
 *   rate        the node's throttle under the API's limits, time scaled down
 *   shared      two credentials with different limits, bulk runs beside an interactive request (issue 26)
 *   webhook     the webhook trigger, when bench/webhook.js exists
 *
 * The sandbox (test/sandbox) runs on loopback in a process of its own; each measured run is a
 * fresh process running workflows through a real n8n engine (bench/scenario.js).
 *
 * Environment:
 *   BENCH_SECTIONS=getAll,perItem   only these sections (docs/benchmarks.md is then left alone
 *                                   unless BENCH_DOCS is set)
 *   BENCH_SIZES=1000,10000,100000   client counts for getAll (0 skips)
 *   BENCH_LATENCIES=0,20            sandbox latency per request, ms
 *   BENCH_REPEAT=<n>                measured runs per cell (default 3; 1 for getAll above 10,000 clients);
 *                                   the median is shown
 *   BENCH_PER_ITEM=1000             items for perItem (0 skips)
 *   BENCH_CPU_PROF=<folder>         perItem writes a V8 CPU profile of each measured process there
 *   BENCH_ENGINE=2.41.1             n8n whose engine runs the nodes: a version installed by test/e2e/install-n8n.sh
 *                                   (installed on first use, ~5 min), or `dev` for this project's n8n-core
 *                                   (no HTTP Request node)
 *   BENCH_EXPRESSION_ENGINE=vm|legacy   default: vm on n8n 2.x (as `n8n start`), legacy on 1.x
 *   BENCH_WRITE_ROWS=1000           rows for Create Many (0 skips)
 *   BENCH_RATE_SCALE=0.1            time scale of the rate-limited runs (1 s becomes 100 ms)
 *   BENCH_PROBE=1                   memory probe at the largest size (floor and node; `all` adds the HTTP
 *                                   Request node, ~1 min; 0 skips)
 *   BENCH_DOCS=docs/benchmarks.md   where the report goes; `-` writes none
 *   N8N_E2E_HOME                    the install cache of real n8n versions (default ~/.cache/n8n-e2e)
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { runScenario } = require('./lib/procs');
const { buildPackage, resolveEngine } = require('./lib/setup');
const page = require('./lib/page');
const { currentRecord } = require('./lib/record');
const report = require('./lib/report');

const ROOT = path.resolve(__dirname, '..');
const env = process.env;
const list = (value, fallback) =>
	value === undefined || value === '' ? fallback : value.split(',').map((v) => Number(v.trim()));
const options = {
	sizes: list(env.BENCH_SIZES, [1000, 10000, 100000]).filter((n) => n > 0),
	latencies: list(env.BENCH_LATENCIES, [0, 20]),
	repeat: env.BENCH_REPEAT ? Number(env.BENCH_REPEAT) : null,
	perItem: env.BENCH_PER_ITEM === undefined ? 1000 : Number(env.BENCH_PER_ITEM),
	cpuProf: env.BENCH_CPU_PROF || null,
	engine: env.BENCH_ENGINE || '2.41.1',
	writeRows: env.BENCH_WRITE_ROWS === undefined ? 1000 : Number(env.BENCH_WRITE_ROWS),
	rateScale: Number(env.BENCH_RATE_SCALE || 0.1),
	probe: env.BENCH_PROBE === undefined ? '1' : env.BENCH_PROBE === '0' ? null : env.BENCH_PROBE,
};
const SECTIONS = ['getAll', 'perItem', 'writes', 'requests', 'rate', 'shared', 'webhook'];
const chosen = env.BENCH_SECTIONS ? env.BENCH_SECTIONS.split(',').map((s) => s.trim()) : SECTIONS;
const DOCS =
	env.BENCH_DOCS !== undefined ? env.BENCH_DOCS : env.BENCH_SECTIONS ? '-' : path.join(ROOT, 'docs', 'benchmarks.md');

const log = (...args) => console.error('[bench]', ...args);

/** The section modules to run (the webhook one only once bench/webhook.js exists). */
function sections() {
	const out = [];
	for (const name of chosen) {
		if (!SECTIONS.includes(name)) throw new Error(`unknown section ${name} (BENCH_SECTIONS): ${SECTIONS.join(', ')}`);
		// null: a section with nothing to measure here (the webhook one without bench/webhook.js)
		const section = require(path.join(__dirname, 'sections', `${name}.js`));
		if (section) out.push(section);
	}
	return out;
}

async function main() {
	const started = Date.now();
	// Other work on the machine skews wall times: the report shows the load.
	const loadAtStart = os.loadavg().map((x) => x.toFixed(2));
	const record = currentRecord(ROOT);
	log('compiling the package (tsc)');
	const packageDir = buildPackage(ROOT);
	try {
		const engine = resolveEngine(ROOT, options.engine, log);
		const ctx = context(engine, packageDir);
		const results = [];
		for (const section of sections()) {
			log(`section ${section.name}`);
			results.push({ section, data: await section.run(ctx) });
		}
		const machine = {
			...page.machineInfo(engine, ctx.versions(), ctx.expressionEngine),
			record,
			loadAtStart: loadAtStart.join(' '),
			date: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
			durationS: (Date.now() - started) / 1000,
		};
		console.log(page.render({ results, machine, markdown: false }));
		if (DOCS && DOCS !== '-') {
			page.write(DOCS, page.render({ results, machine, markdown: true }));
			log(`wrote ${path.relative(ROOT, DOCS)}`);
		}
	} finally {
		fs.rmSync(packageDir, { recursive: true, force: true });
	}
}

/** What every section gets: the options, the engine, and a way to run a scenario. */
function context(engine, packageDir) {
	const hasHttp = options.engine !== 'dev';
	const major = options.engine === 'dev' ? 2 : Number(options.engine.split('.')[0]);
	// As `n8n start` does: 2.x evaluates expressions in isolated-vm, 1.x on Node 20 (and the dev
	// copies, which predate it) in the legacy engine.
	const expressionEngine = env.BENCH_EXPRESSION_ENGINE || (options.engine !== 'dev' && major >= 2 ? 'vm' : 'legacy');
	log(`engine: ${engine.label}, Node ${engine.nodeBin}, expressions: ${expressionEngine}`);
	const tokens = { partnerToken: 'bench-partner-token', userToken: 'bench-user-token' };
	const common = { ...tokens, engineDir: engine.engineDir, packageDir, projectDir: ROOT, expressionEngine };
	let versions = null;
	const note = (r) => {
		if (r.ok && r.versions && !versions)
			versions = {
				...r.versions,
				node: r.node,
				expressionEngine: r.expressionEngine,
				httpRequestVersion: r.httpRequestVersion,
			};
		return r;
	};
	return {
		options,
		log,
		tokens,
		hasHttp,
		expressionEngine,
		versions: () => versions,
		/** Any scenario; `onPhase(phase)` runs at each of its phases. */
		scenario: async (spec, onPhase) => note(await runScenario({ ...common, ...spec }, engine.nodeBin, onPhase)),
		/** One measured job: the sandbox's log is cleared after the warm-up, its counts added to the result. */
		async measure(spec, sb) {
			const r = note(
				await runScenario({ ...common, kind: 'measure', ...spec }, engine.nodeBin, () => sb.call('clear')),
			);
			const stats = await sb.call('stats');
			return { ...r, requests: stats.count, byRoute: stats.byRoute, byStatus: stats.byStatus, stats };
		},
		summary: (r) =>
			r.ok
				? `${Math.round(r.wallMs)} ms, ${r.requests} requests, ${r.items} items` +
					`${r.maxRssMB ? `, peak RSS ${r.maxRssMB} MB` : ''}`
				: `FAILED ${report.firstLine(r.error)}`,
	};
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
