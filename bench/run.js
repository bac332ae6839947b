#!/usr/bin/env node
'use strict';

/**
 * Benchmark of the Altegio node (issue #7): prints tables, writes docs/benchmarks.md. No
 * assertions: it measures. Run: `node bench/run.js` (npm run bench).
 *
 * - client getAll, Return All, over N clients: the node through a real n8n engine, against a raw
 *   undici loop (the floor) and n8n's HTTP Request node with its built-in pagination + Split Out,
 *   all three in the same engine and each in a fresh process (peak RSS per scenario).
 * - request counts: Return All = ceil(N / 200); Limit 30 = 1 request.
 * - createMany of 1,000 rows against 1,000 Create items.
 * - rate-limited mode: 5 req/s and 200 req/min, time scaled down, against the node's throttle.
 *
 * The sandbox (test/sandbox) runs on loopback in a process of its own, with no rate limit and a
 * fixed latency per request unless a scenario says otherwise.
 *
 * Environment:
 *   BENCH_SIZES=1000,10000,100000   client counts for getAll (0 skips)
 *   BENCH_LATENCIES=0,20            sandbox latency per request, ms
 *   BENCH_REPEAT=<n>                measured runs per getAll cell (default 3 up to 10,000 clients, 1 above);
 *                                   the median is shown
 *   BENCH_ENGINE=2.41.1             n8n whose engine runs the nodes: a version installed by test/e2e/install-n8n.sh
 *                                   (installed on first use, ~5 min), or `dev` for this project's n8n-core
 *                                   (no HTTP Request node)
 *   BENCH_EXPRESSION_ENGINE=vm|legacy   default: vm on n8n 2.x (as `n8n start`), legacy on 1.x
 *   BENCH_WRITE_ROWS=1000           rows for createMany / Create items (0 skips)
 *   BENCH_RATE=1                    0 skips the rate-limited runs; BENCH_RATE_SCALE=0.1 (1 s becomes 100 ms)
 *   BENCH_PROBE=1                   memory probe at the largest size (floor and node; `all` adds the HTTP
 *                                   Request node, ~1 min; 0 skips)
 *   BENCH_DOCS=docs/benchmarks.md   where the report goes; `-` writes none
 *   N8N_E2E_HOME                    the install cache of real n8n versions (default ~/.cache/n8n-e2e)
 */

const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { startSandbox, runScenario } = require('./lib/procs');
const report = require('./lib/report');

const ROOT = path.resolve(__dirname, '..');
const PARTNER = 'bench-partner-token';
const USER = 'bench-user-token';
const PAGE = 200;

const list = (value, fallback) =>
	value === undefined || value === '' ? fallback : value.split(',').map((v) => Number(v.trim()));
const SIZES = list(process.env.BENCH_SIZES, [1000, 10000, 100000]).filter((n) => n > 0);
const LATENCIES = list(process.env.BENCH_LATENCIES, [0, 20]);
const REPEAT = process.env.BENCH_REPEAT ? Number(process.env.BENCH_REPEAT) : null;
const ENGINE = process.env.BENCH_ENGINE || '2.41.1';
const WRITE_ROWS = process.env.BENCH_WRITE_ROWS === undefined ? 1000 : Number(process.env.BENCH_WRITE_ROWS);
const RATE = process.env.BENCH_RATE !== '0';
const RATE_SCALE = Number(process.env.BENCH_RATE_SCALE || 0.1);
const PROBE =
	process.env.BENCH_PROBE === undefined ? '1' : process.env.BENCH_PROBE === '0' ? null : process.env.BENCH_PROBE;
const PROBE_MS = 100;
const DOCS = process.env.BENCH_DOCS === undefined ? path.join(ROOT, 'docs', 'benchmarks.md') : process.env.BENCH_DOCS;

const log = (...args) => console.error('[bench]', ...args);

/** Compiles the package as it is now into a temporary folder (dist/ is left alone). */
function buildPackage() {
	const out = fs.mkdtempSync(path.join(os.tmpdir(), 'altegio-bench-build-'));
	const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
	const res = spawnSync(
		process.execPath,
		[tsc, '-p', path.join(ROOT, 'tsconfig.json'), '--outDir', out, '--declaration', 'false', '--sourceMap', 'false'],
		{
			cwd: ROOT,
			encoding: 'utf8',
		},
	);
	if (res.status !== 0) throw new Error(`tsc failed:\n${res.stdout}${res.stderr}`);
	return out;
}

/** The engine: a real n8n from the e2e install cache (installed on demand), or the dev copies. */
function resolveEngine() {
	if (ENGINE === 'dev') return { engineDir: ROOT, nodeBin: process.execPath, label: 'project dev dependencies' };
	const home = process.env.N8N_E2E_HOME || path.join(os.homedir(), '.cache', 'n8n-e2e');
	const dir = path.join(home, `n8n-${ENGINE}`);
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		log(`n8n ${ENGINE} is not installed: running test/e2e/install-n8n.sh ${ENGINE} (about 5 minutes on a cold cache)`);
		const res = spawnSync('bash', [path.join(ROOT, 'test', 'e2e', 'install-n8n.sh'), ENGINE], {
			stdio: ['ignore', 'inherit', 'inherit'],
		});
		if (res.status !== 0)
			throw new Error(
				`install-n8n.sh ${ENGINE} failed; use BENCH_ENGINE=dev to run without it (no HTTP Request comparison)`,
			);
	}
	const nodeBin = fs.readFileSync(path.join(dir, 'node-path'), 'utf8').trim();
	return { engineDir: dir, nodeBin, label: `n8n ${ENGINE} install (${dir.replace(os.homedir(), '~')})` };
}

const median = (values) => {
	const v = values.filter((x) => typeof x === 'number' && !Number.isNaN(x)).sort((a, b) => a - b);
	if (!v.length) return null;
	return v.length % 2 ? v[(v.length - 1) / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
};

/** Median of every numeric field over repeated runs; a failed run wins (it is reported). */
function combine(runs) {
	const failed = runs.find((r) => !r.ok);
	if (failed) return failed;
	const out = { ...runs[0], runs: runs.length };
	for (const key of ['wallMs', 'maxRssMB', 'rssGrowthMB', 'retainedMB', 'requests', 'loadMs'])
		out[key] = median(runs.map((r) => r[key]));
	out.requestsAll = runs.map((r) => r.requests);
	return out;
}

async function main() {
	const started = Date.now();
	// Other work on the machine skews wall times: the report shows the load.
	const loadAtStart = os
		.loadavg()
		.map((x) => x.toFixed(2))
		.join(' ');
	log('compiling the package (tsc)');
	const packageDir = buildPackage();
	try {
		await measure(started, loadAtStart, packageDir);
	} finally {
		fs.rmSync(packageDir, { recursive: true, force: true });
	}
}

async function measure(started, loadAtStart, packageDir) {
	const engine = resolveEngine();
	const hasHttp = ENGINE !== 'dev';
	const major = ENGINE === 'dev' ? 2 : Number(ENGINE.split('.')[0]);
	// As `n8n start` does: 2.x evaluates expressions in isolated-vm, 1.x on Node 20 (and the dev
	// copies, which predate it) in the legacy engine.
	const expressionEngine = process.env.BENCH_EXPRESSION_ENGINE || (ENGINE !== 'dev' && major >= 2 ? 'vm' : 'legacy');
	log(`engine: ${engine.label}, Node ${engine.nodeBin}, expressions: ${expressionEngine}`);

	const common = {
		partnerToken: PARTNER,
		userToken: USER,
		engineDir: engine.engineDir,
		packageDir,
		projectDir: ROOT,
		expressionEngine,
	};
	let versions = null;
	const note = (r) => {
		if (r.ok && r.versions && !versions)
			versions = {
				...r.versions,
				node: r.node,
				expressionEngine: r.expressionEngine,
				httpRequestVersion: r.httpRequestVersion,
			};
	};

	// ------------------------------------------------------------ getAll
	const getAll = [];
	const counts = [];
	for (const n of SIZES) {
		log(`sandbox with ${n.toLocaleString('en-US')} clients`);
		const sb = await startSandbox({ partnerToken: PARTNER, userToken: USER, clients: n });
		try {
			for (const latencyMs of LATENCIES) {
				await sb.call('configure', { latencyMs });
				const repeat = REPEAT || (n <= 10000 ? 3 : 1);
				const kinds = ['undici', 'altegio', ...(hasHttp ? ['http'] : [])];
				const runs = Object.fromEntries(kinds.map((k) => [k, []]));
				// Rounds of all contenders in turn, so that a burst of other load on the machine hits
				// them alike; a contender that failed is not run again.
				for (let i = 0; i < repeat; i++) {
					for (const kind of kinds) {
						if (runs[kind].some((r) => !r.ok)) continue;
						// The floor loads the engine too, so every process starts from the same footprint.
						const spec = { ...common, kind, url: sb.url, want: { returnAll: true }, loadEngine: true };
						const r = await runScenario(spec, engine.nodeBin, () => sb.call('clear'));
						const stats = await sb.call('stats');
						r.requests = stats.count;
						if (r.ok && r.items !== n) {
							r.ok = false;
							r.error = `returned ${r.items} items, expected ${n}`;
						}
						runs[kind].push(r);
						note(r);
						log(
							`  N=${n} ${latencyMs} ms ${kind} #${i + 1}: ` +
								(r.ok
									? `${Math.round(r.wallMs)} ms, ${stats.count} requests, ${r.items} items, peak RSS ${r.maxRssMB} MB`
									: `FAILED ${report.firstLine(r.error)}`),
						);
					}
				}
				const byKind = Object.fromEntries(kinds.map((k) => [k, combine(runs[k])]));
				getAll.push({ n, latencyMs, byKind });
				const a = byKind.altegio;
				counts.push({
					label: `Return All, N=${n.toLocaleString('en-US')}, ${latencyMs} ms`,
					expected: Math.ceil(n / PAGE),
					requests: a.requests,
					items: a.items,
					ok: a.ok && (a.requestsAll || [a.requests]).every((c) => c === Math.ceil(n / PAGE)),
				});
			}
			if (n === SIZES[0]) {
				await sb.call('configure', { latencyMs: 0 });
				for (const kind of ['altegio', ...(hasHttp ? ['http'] : [])]) {
					const r = await runScenario(
						{ ...common, kind, url: sb.url, want: { returnAll: false, limit: 30 } },
						engine.nodeBin,
						() => sb.call('clear'),
					);
					const stats = await sb.call('stats');
					log(
						`  limit 30 ${kind}: ` +
							`${r.ok ? `${stats.count} requests, ${r.items} items` : `FAILED ${report.firstLine(r.error)}`}`,
					);
					counts.push({
						label:
							`${kind === 'altegio' ? 'Altegio node' : 'HTTP Request node (no pagination)'}, Limit 30, ` +
							`N=${n.toLocaleString('en-US')}`,
						expected: 1,
						requests: stats.count,
						items: r.items,
						ok: r.ok && stats.count === 1 && r.items === Math.min(30, n),
					});
				}
			}
		} finally {
			await sb.stop();
		}
	}

	// ------------------------------------------------------------ memory probe
	// Live data at task boundaries (a full GC every PROBE_MS), at the largest size, no latency.
	const probes = [];
	if (PROBE && SIZES.length) {
		const n = Math.max(...SIZES);
		log(`memory probe: ${n.toLocaleString('en-US')} clients, full GC every ${PROBE_MS} ms`);
		const sb = await startSandbox({ partnerToken: PARTNER, userToken: USER, clients: n });
		try {
			for (const kind of ['undici', 'altegio', ...(PROBE === 'all' && hasHttp ? ['http'] : [])]) {
				const r = await runScenario(
					{ ...common, kind, url: sb.url, want: { returnAll: true }, loadEngine: true, probeMs: PROBE_MS },
					engine.nodeBin,
					() => sb.call('clear'),
				);
				log(
					`  ${kind}: ` +
						`${r.ok ? `live max ${r.liveMaxMB} MB, output ${r.retainedMB} MB` : `FAILED ${report.firstLine(r.error)}`}`,
				);
				probes.push({ ...r, n });
			}
		} finally {
			await sb.stop();
		}
	}

	// ------------------------------------------------------------ writes
	const writes = [];
	if (WRITE_ROWS > 0) {
		log(`writes: ${WRITE_ROWS} rows`);
		const sb = await startSandbox({ partnerToken: PARTNER, userToken: USER, clients: 0, snapshot: true });
		try {
			for (const latencyMs of LATENCIES) {
				await sb.call('configure', { latencyMs });
				const kinds = [
					['createMany', `Altegio Create Many (1 item, ${WRITE_ROWS} rows)`],
					['create', `Altegio Create (${WRITE_ROWS} items)`],
					...(hasHttp ? [['httpCreate', `HTTP Request POST (${WRITE_ROWS} items)`]] : []),
				];
				for (const [kind, label] of kinds) {
					const r = await runScenario({ ...common, kind, url: sb.url, rows: WRITE_ROWS }, engine.nodeBin, () =>
						sb.call('reset'),
					);
					const stats = await sb.call('stats');
					note(r);
					log(
						`  ${latencyMs} ms ${kind}: ` +
							(r.ok
								? `${Math.round(r.wallMs)} ms, ${stats.count} requests, ${r.failedItems} failed rows`
								: `FAILED ${report.firstLine(r.error)}`),
					);
					writes.push({ ...r, label, latencyMs, rows: WRITE_ROWS, requests: stats.count, byRoute: stats.byRoute });
					await sb.call('reset');
				}
			}
		} finally {
			await sb.stop();
		}
	}

	// ------------------------------------------------------------ rate-limited
	const rates = [];
	if (RATE) {
		const limits = { maxRequestsPerSecond: 5, maxRequestsPerMinute: 200 };
		const secondMs = 1000 * RATE_SCALE;
		const minuteMs = 60000 * RATE_SCALE;
		const runs = [
			{
				label: 'Altegio Get Many, Return All, 60,000 clients (300 pages in a row)',
				kind: 'throttledGetAll',
				clients: 60000,
				want: { returnAll: true },
			},
			{ label: 'Altegio Create, 600 items (n8n starts them at once)', kind: 'create', clients: 0, rows: 600 },
			// What users do today: the HTTP Request node paced by its Request Interval (1 s / 5).
			...(hasHttp
				? [
						{
							label: 'HTTP Request pagination, Request Interval 1 s / 5, 60,000 clients',
							kind: 'http',
							clients: 60000,
							want: { returnAll: true },
							requestIntervalMs: 200 * RATE_SCALE,
						},
					]
				: []),
		];
		for (const run of runs) {
			log(`rate-limited: ${run.label} (windows × ${RATE_SCALE})`);
			const sb = await startSandbox({ partnerToken: PARTNER, userToken: USER, clients: run.clients });
			try {
				await sb.call('configure', {
					latencyMs: 0,
					rateLimit: { perSecond: 5, perMinute: 200, windowScale: RATE_SCALE },
				});
				const spec = {
					...common,
					kind: run.kind,
					url: sb.url,
					want: run.want,
					rows: run.rows,
					throttled: true,
					limits,
					noWarmup: true,
					requestIntervalMs: run.requestIntervalMs,
					throttleScale: run.kind === 'http' ? undefined : RATE_SCALE,
				};
				const r = await runScenario(spec, engine.nodeBin, () => sb.call('clear'));
				const stats = await sb.call('stats');
				const expectedItems = run.want ? run.clients : run.rows;
				if (r.ok && r.items !== expectedItems) {
					r.ok = false;
					const expected = expectedItems.toLocaleString('en-US');
					r.error = `no error, but ${r.items.toLocaleString('en-US')} of ${expected} items`;
				}
				if (r.ok && r.failedItems) {
					r.ok = false;
					r.error = `${r.failedItems} of ${expectedItems} items failed`;
				}
				const elapsedMs = stats.lastAt - stats.firstAt;
				const ideal = report.idealElapsedMs(stats.accepted, 5, 200, secondMs, minuteMs);
				const rate = {
					...r,
					label: run.label,
					scale: RATE_SCALE,
					requests: stats.count,
					accepted: stats.accepted,
					rejected: stats.byStatus[429] || 0,
					elapsedMs,
					achievedRps: elapsedMs > 0 ? ((stats.accepted - 1) * 1000) / elapsedMs : null,
					idealRps: ideal > 0 ? ((stats.accepted - 1) * 1000) / ideal : null,
					efficiency: elapsedMs > 0 ? ideal / elapsedMs : null,
				};
				log(
					`  ${stats.accepted} accepted, ${rate.rejected} refused (429), ${Math.round(elapsedMs)} ms, ` +
						`${report.fmt(rate.achievedRps)} req/s (best ` +
						`${report.fmt(rate.idealRps)})${r.ok ? '' : `; FAILED ${report.firstLine(r.error)}`}`,
				);
				rates.push(rate);
			} finally {
				await sb.stop();
			}
		}
	}

	const durationS = (Date.now() - started) / 1000;
	const machine = {
		...machineInfo(engine, versions, expressionEngine),
		loadAtStart,
		date: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
	};
	const text = render({ getAll, counts, probes, writes, rates, machine, durationS, markdown: false });
	console.log(text);
	if (DOCS && DOCS !== '-') {
		fs.mkdirSync(path.dirname(DOCS), { recursive: true });
		// The "Queue mode" section comes from another run (npm run bench:queue): keep it.
		const old = fs.existsSync(DOCS) ? fs.readFileSync(DOCS, 'utf8') : '';
		const queue = /<!-- queue-mode:start[\s\S]*<!-- queue-mode:end -->/.exec(old);
		const page = render({ getAll, counts, probes, writes, rates, machine, durationS, markdown: true });
		fs.writeFileSync(DOCS, queue ? `${page.trimEnd()}\n\n${queue[0]}\n` : page);
		log(`wrote ${path.relative(ROOT, DOCS)}`);
	}
}

function machineInfo(engine, versions, expressionEngine) {
	const cpus = os.cpus();
	let commit = 'unknown';
	try {
		commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
		const dirty = execFileSync('git', ['status', '--porcelain', '--', 'nodes', 'credentials'], {
			cwd: ROOT,
			encoding: 'utf8',
		}).trim();
		if (dirty) commit += ' + uncommitted changes in nodes/ or credentials/';
	} catch {
		// not a git checkout
	}
	return {
		cpu: cpus[0] ? cpus[0].model.trim() : 'unknown',
		cores: cpus.length,
		ramGiB: Math.round(os.totalmem() / 1024 ** 3),
		os: `${os.type()} ${os.release()}`,
		sandboxNode: process.version,
		engineNode: versions ? versions.node : null,
		engine: engine.label,
		versions,
		expressionEngine: versions ? versions.expressionEngine : expressionEngine,
		commit,
		date: new Date(Date.now()).toISOString().replace(/\.\d+Z$/, 'Z'),
		load: os
			.loadavg()
			.map((x) => x.toFixed(2))
			.join(' '),
		env: [
			'BENCH_SIZES',
			'BENCH_LATENCIES',
			'BENCH_REPEAT',
			'BENCH_ENGINE',
			'BENCH_EXPRESSION_ENGINE',
			'BENCH_WRITE_ROWS',
			'BENCH_RATE',
			'BENCH_RATE_SCALE',
		]
			.filter((k) => process.env[k] !== undefined)
			.map((k) => `${k}=${process.env[k]}`),
	};
}

/** Verdicts on the targets of issue #7, computed from the measurements. */
function verdicts({ getAll, counts, probes }) {
	const out = [];
	out.push({
		target: 'Request counts exactly at the minimum (Return All = ceil(N/200), Limit 30 = 1)',
		met: counts.length > 0 && counts.every((c) => c.ok),
		detail: counts.map((c) => `${c.label}: ${c.requests}/${c.expected}`).join('; '),
	});
	const at20 = getAll
		.filter((g) => g.latencyMs === 20 && g.byKind.altegio.ok && g.byKind.undici.ok)
		.sort((a, b) => a.n - b.n);
	if (at20.length) {
		// Per page: the cost of one more page, i.e. the slope of wall time over pages between the two
		// largest sizes (the fixed cost of starting a workflow run drops out); whole runs for context.
		const pages = (g) => Math.ceil(g.n / PAGE);
		let slope = null;
		if (at20.length >= 2) {
			const [a, b] = at20.slice(-2);
			const per = (kind) => (b.byKind[kind].wallMs - a.byKind[kind].wallMs) / (pages(b) - pages(a));
			slope = {
				from: a.n,
				to: b.n,
				altegio: per('altegio'),
				undici: per('undici'),
				http: b.byKind.http && b.byKind.http.ok && a.byKind.http && a.byKind.http.ok ? per('http') : null,
			};
		}
		const whole = at20
			.map(
				(g) =>
					`N=${g.n.toLocaleString('en-US')}: whole run ` +
					`${report.fmt(g.byKind.altegio.wallMs / g.byKind.undici.wallMs, 2)}×`,
			)
			.join('; ');
		out.push({
			target: 'Node time per page within 1.5× the raw undici loop at 20 ms latency',
			met: slope ? slope.altegio / slope.undici <= 1.5 : null,
			detail: slope
				? `one more page (slope from N=${slope.from.toLocaleString('en-US')} to ` +
					`${slope.to.toLocaleString('en-US')}): node ${report.fmt(slope.altegio, 2)} ms, ` +
					`floor ${report.fmt(slope.undici, 2)} ms, ${report.fmt(slope.altegio / slope.undici, 2)}×` +
					`${slope.http === null ? '' : `; HTTP Request node ${report.fmt(slope.http, 2)} ms`}. ${whole}`
				: `${whole} (one size only: no per-page slope)`,
		});
	}
	const both = getAll.filter((g) => g.byKind.http);
	if (both.length) {
		const cells = both.map((g) => ({
			n: g.n,
			latencyMs: g.latencyMs,
			ok: g.byKind.altegio.ok,
			ratio: g.byKind.altegio.ok && g.byKind.http.ok ? g.byKind.altegio.wallMs / g.byKind.http.wallMs : null,
		}));
		out.push({
			target: "Not slower than the HTTP Request node's pagination at any N",
			met: cells.every((c) => c.ok && c.ratio !== null && c.ratio <= 1),
			detail: cells
				.map(
					(c) =>
						`N=${c.n.toLocaleString('en-US')} ${c.latencyMs} ms: ` +
						(c.ratio === null ? (c.ok ? 'HTTP node failed' : 'Altegio node failed') : `${report.fmt(c.ratio, 2)}×`),
				)
				.join('; '),
		});
	}
	// Memory. Linear: per-client output heap and peak RSS growth at the two largest sizes (small
	// sizes are noise). In flight: the probe's live data at task boundaries against the output.
	const ok = getAll.filter((g) => g.byKind.altegio.ok && g.byKind.undici.ok);
	const largest = [...new Set(ok.map((g) => g.n))].sort((a, b) => a - b).slice(-2);
	if (largest.length) {
		const cell = (n) => ok.filter((g) => g.n === n).map((g) => g.byKind);
		const perK = (n, kind, key) => median(cell(n).map((k) => (k[kind][key] * 1000) / n));
		const big = largest[largest.length - 1];
		const ratio = (key) => (largest.length === 2 ? perK(big, 'altegio', key) / perK(largest[0], 'altegio', key) : null);
		const heapRatio = ratio('retainedMB');
		const rssRatio = ratio('rssGrowthMB');
		out.push({
			target: 'Memory growth linear in N',
			met: heapRatio === null ? null : heapRatio <= 1.25 && rssRatio <= 1.5,
			detail: largest
				.map(
					(n) =>
						`N=${n.toLocaleString('en-US')}: output ${report.fmt(perK(n, 'altegio', 'retainedMB'), 2)} MB and peak ` +
						`RSS growth ${report.fmt(perK(n, 'altegio', 'rssGrowthMB'), 2)} MB per 1,000 clients`,
				)
				.join('; '),
		});
		const probe = (kind) => probes.find((p) => p.kind === kind && p.ok);
		const node = probe('altegio');
		const floor = probe('undici');
		const rss =
			`Peak RSS growth is ` +
			`${report.fmt(perK(big, 'altegio', 'rssGrowthMB') / perK(big, 'undici', 'rssGrowthMB'), 1)}× the floor's at ` +
			`N=${big.toLocaleString('en-US')} (major GCs in the measured runs: ${cell(big)
				.map((k) => k.altegio.majorGcs)
				.join(', ')}), so RSS counts mostly garbage not yet collected.`;
		out.push({
			target:
				'No more than one copy of the data in flight per page (live data at any task boundary at most the final ' +
				'output)',
			met: node ? node.liveMaxMB <= node.retainedMB * 1.1 : null,
			detail: node
				? `probe at N=${node.n.toLocaleString('en-US')}: live at most ${report.fmt(node.liveMaxMB, 1)} MB against ` +
					`${report.fmt(node.retainedMB, 1)} MB of output (floor: ` +
					`${floor ? `${report.fmt(floor.liveMaxMB, 1)} / ${report.fmt(floor.retainedMB, 1)} MB` : '–'}). ${rss}`
				: `no memory probe (BENCH_PROBE=0). ${rss}`,
		});
	}
	return out;
}

function render({ getAll, counts, probes, writes, rates, machine, durationS, markdown }) {
	const table = markdown ? report.markdownTable : report.textTable;
	const h = (title) => (markdown ? `## ${title}` : `== ${title}`);
	const parts = [];
	const v = machine.versions || {};
	if (markdown) {
		parts.push('# Benchmarks');
		parts.push('');
		parts.push(
			'Generated by `npm run bench` (bench/run.js); do not edit by hand. Numbers, not assertions: the test suites ' +
				'check behaviour, this file records speed and memory.',
		);
		parts.push('');
	}
	parts.push(h('Machine and versions'));
	parts.push('');
	const facts = [
		['CPU', `${machine.cpu}, ${machine.cores} cores`],
		['RAM', `${machine.ramGiB} GiB`],
		['OS', machine.os],
		['Node (engine and nodes)', machine.engineNode || '–'],
		['Node (sandbox, orchestrator)', machine.sandboxNode],
		['n8n engine', machine.engine],
		[
			'n8n-core / n8n-workflow / n8n-nodes-base',
			`${v['n8n-core'] || '–'} / ${v['n8n-workflow'] || '–'} / ${v['n8n-nodes-base'] || '–'}`,
		],
		['HTTP Request node version', v.httpRequestVersion ? String(v.httpRequestVersion) : '–'],
		['Expression engine', machine.expressionEngine],
		['Package', `this repository at ${machine.commit}`],
		[
			'Run',
			`started ${machine.date}, took ${Math.round(durationS)} s` +
				`${machine.env.length ? `, ${machine.env.join(' ')}` : ''}`,
		],
		['Load average at start / end (1, 5, 15 min)', `${machine.loadAtStart} / ${machine.load}`],
	];
	parts.push(
		markdown ? report.markdownTable([['', ''], ...facts]) : facts.map(([k, val]) => `${k}: ${val}`).join('\n'),
	);
	parts.push('');
	parts.push(h('Client Get Many, Return All'));
	parts.push('');
	if (markdown) {
		parts.push(
			'Each cell is a fresh process running one workflow through the engine named above (`WorkflowExecute` → ' +
				'`RoutingNode` for the Altegio node) against the sandbox over loopback, after a one-page warm-up. The ' +
				'sandbox answers pages of 200 with the fields the node asks for by default; all three contenders send the ' +
				'same search body. `ms/page` is wall time divided by requests. `peak RSS` is the process maximum; `RSS ' +
				'growth` is peak RSS minus RSS just before the measured run; `output heap` is the heap still in use ' +
				'after the run with the output items held (after a full GC). The floor keeps the parsed rows in an ' +
				'array, as any node must keep its output. The HTTP Request node uses "Update a Parameter in Each ' +
				'Request" (`page` = `{{ $pageCount + 1 }}` in the body), completes on `{{ ' +
				'$response.body.data.length < 200 }}` (so it needs one request more when N is a multiple of ' +
				'200), and a Split Out node turns `data` into items. The Altegio credential has limits far ' +
				'above what the sandbox serves, so its throttle never waits. Repeated cells show the median.',
		);
		parts.push('');
	}
	parts.push(table(report.getAllRows(getAll), [true, true, false, true, true, true, true, true, true, true, true]));
	parts.push('');
	if (probes.length) {
		parts.push(h('Memory probe'));
		parts.push('');
		if (markdown) {
			parts.push(
				`One more run per contender at the largest size, no latency, with a full garbage collection every ` +
					`${PROBE_MS} ms between tasks: \`live max\` is the most heap that survived one of them (live data at a ` +
					`task boundary, garbage excluded), \`output\` what is left after the run with the items held. Live data ` +
					`inside one synchronous step (e.g. mapping all records at the end) is not seen. These runs are slowed ` +
					`by the collections; their times are not benchmarks.`,
			);
			parts.push('');
		}
		const rows = [['N', 'contender', 'live max MB', 'output MB', 'peak RSS MB']];
		for (const p of probes)
			rows.push([
				report.int(p.n),
				report.CONTENDER[p.kind],
				p.ok ? report.fmt(p.liveMaxMB, 1) : 'FAILED',
				p.ok ? report.fmt(p.retainedMB, 1) : report.firstLine(p.error),
				p.ok ? report.fmt(p.maxRssMB, 0) : '',
			]);
		parts.push(table(rows, [true, false, true, true, true]));
		parts.push('');
	}
	parts.push(h('Request counts'));
	parts.push('');
	parts.push(table(report.countRows(counts), [false, true, true, true, false]));
	parts.push('');
	if (writes.length) {
		parts.push(h('Bulk create against one Create per item'));
		parts.push('');
		if (markdown) {
			parts.push(
				'Create Many sends the JSON array of one input item in bulk requests (`POST /clients/{location}/bulk`, ' +
					'chunks of 50 rows); Create runs once per input item (n8n starts all items of a declarative node at once) ' +
					'with `={{ $json.name }}` and `={{ $json.phone }}`. For scale, the HTTP Request node sends the same ' +
					'1,000 creates (`POST /clients/{location}`, body parameters from the same expressions). No rate limit.',
			);
			parts.push('');
		}
		parts.push(table(report.writeRows(writes), [true, false, true, true, true, true, true, true]));
		parts.push('');
	}
	if (rates.length) {
		parts.push(h('Rate-limited mode'));
		parts.push('');
		if (markdown) {
			parts.push(
				`The sandbox refuses with 429 what goes over 5 requests per second or 200 per minute (sliding windows), ` +
					`with every window scaled by ${rates[0].scale} (1 s lasts ${Math.round(1000 * rates[0].scale)} ms); the ` +
					`credential asks for the same limits and the node's throttle is scaled alike ` +
					`(\`throttleTiming.scale\`). "Best possible" is the schedule of a perfect client under the same ` +
					`windows for the requests that were accepted; "in real time" multiplies by the scale. For ` +
					`comparison, the HTTP Request node paginates with its Request Interval set to one fifth of the ` +
					`(scaled) second, the usual way to respect 5 requests per second; it has no notion of the ` +
					`minute window. Its run counts as failed when it returns fewer clients than exist, even ` +
					`without an error.`,
			);
			parts.push('');
		}
		parts.push(table(report.rateRows(rates), [false, false, true, true, true, true, true, true, true]));
		parts.push('');
	}
	parts.push(h('Targets (issue #7)'));
	parts.push('');
	const vs = verdicts({ getAll, counts, probes });
	const rows = [
		['target', 'met', 'measured'],
		...vs.map((x) => [x.target, x.met === null ? 'n/a' : x.met ? 'yes' : 'NO', x.detail]),
	];
	parts.push(
		markdown
			? report.markdownTable(rows)
			: vs
					.map((x) => `${x.met === null ? 'n/a' : x.met ? 'MET    ' : 'NOT MET'}  ${x.target}\n         ${x.detail}`)
					.join('\n'),
	);
	parts.push('');
	return parts.join('\n');
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
