'use strict';

/**
 * One benchmark scenario in a fresh process (so peak RSS belongs to it alone), started by
 * bench/run.js with the engine's own Node. The spec comes as JSON in argv[2]; the result goes
 * back over IPC. Between phases the scenario asks the parent to go on (the parent clears or reads
 * the sandbox's request log then).
 *
 * spec.kind:
 *   measure     one job (spec.job), run once to warm up (small), then measured: time and memory
 *   sequence    several jobs (spec.jobs) one after the other, no warm-up: what each sent
 *   polls       spec.polls scheduled polls of one active Altegio Trigger
 *   concurrent  several jobs at once (spec.jobs, each with its own start offset and credential)
 * A job's `build` (see jobs.js) is a workflow: the Altegio node, the HTTP Request node, or the floor
 * (a raw undici loop).
 */

const { performance, PerformanceObserver, constants } = require('node:perf_hooks');

const { loadEngine } = require('./lib/engine');
const { jobRunner, failedItems } = require('./lib/jobs');
const { credentialValues } = require('./lib/workflows');

const spec = JSON.parse(process.argv[2]);
const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

/** Tells the parent a phase is done and waits for its go. */
function ask(phase) {
	return new Promise((resolve) => {
		const onMessage = (m) => {
			if (m && m.go === phase) {
				process.off('message', onMessage);
				resolve();
			}
		};
		process.on('message', onMessage);
		process.send({ phase });
	});
}

/** The node's limiter windows, scaled like the sandbox's (an export meant for tests). */
function scaleThrottle(engine, scale) {
	const candidates = ['nodes/Altegio/kernel/budget/throttle.js', 'nodes/Altegio/kernel/budget/index.js'];
	for (const file of candidates) {
		let mod;
		try {
			mod = engine.packageModule(file);
		} catch {
			continue;
		}
		if (mod.throttleTiming) {
			mod.throttleTiming.scale = scale;
			return;
		}
	}
	throw new Error(`no throttleTiming export in ${candidates.join(' or ')}: cannot scale the rate-limited runs`);
}

async function measure(engine) {
	const job = spec.job;
	if (!spec.noWarmup) {
		const warm = await jobRunner(engine, spec, job, true)();
		if (warm.error) throw warm.error;
	}
	const run = jobRunner(engine, spec, job, false);
	await ask('warmed');

	global.gc && global.gc();
	const heapBefore = process.memoryUsage().heapUsed;
	const rssBefore = process.memoryUsage().rss;
	// Live heap: what is left right after each major (mark-compact) GC during the run. Its maximum
	// is a lower bound of the peak of live data (garbage excluded, unlike RSS).
	let liveMax = null;
	let majorGcs = 0;
	const observer = new PerformanceObserver((list) => {
		for (const entry of list.getEntries()) {
			const kind = entry.detail ? entry.detail.kind : entry.kind;
			if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
				majorGcs++;
				liveMax = Math.max(liveMax ?? 0, process.memoryUsage().heapUsed);
			}
		}
	});
	observer.observe({ entryTypes: ['gc'] });
	// Memory probe (spec.probeMs): a full GC every probeMs between tasks, so the maximum of what
	// survives is the peak of live data at task boundaries. Slows the run: its time is not reported.
	const probe = spec.probeMs
		? setInterval(() => {
				global.gc();
				liveMax = Math.max(liveMax ?? 0, process.memoryUsage().heapUsed);
			}, spec.probeMs)
		: null;
	const expressions = spec.countExpressions ? engine.countExpressions() : null;
	const t0 = performance.now();
	const result = await run();
	const wallMs = performance.now() - t0;
	const maxRss = process.resourceUsage().maxRSS * 1024;
	observer.disconnect();
	if (probe) clearInterval(probe);
	if (result.error) throw result.error;
	global.gc && global.gc();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	const items = result.items;
	const out = {
		wallMs,
		items: items.length,
		failedItems: failedItems(job, items),
		expressions: expressions ? expressions() : undefined,
		maxRssMB: mb(maxRss),
		rssBeforeMB: mb(rssBefore),
		rssGrowthMB: mb(maxRss - rssBefore),
		retainedMB: mb(retained),
		liveMaxMB: liveMax === null ? null : mb(liveMax - heapBefore),
		// the probe's own GCs are counted too
		majorGcs,
	};
	// keep the output alive until measured
	if (items.length < 0) console.log(items);
	return out;
}

/** Jobs one after the other; the parent reads the sandbox's log after each. */
async function sequence(engine) {
	const results = [];
	for (let i = 0; i < spec.jobs.length; i++) {
		const run = jobRunner(engine, spec, spec.jobs[i], false);
		await ask(`before:${i}`);
		const r = await run();
		results.push({ items: r.items.length, error: r.error ? String(r.error.message || r.error) : null });
		await ask(`after:${i}`);
	}
	return { jobs: results };
}

/** Scheduled polls of one active trigger; the parent may change the data between them. */
async function polls(engine) {
	const poll = engine.activeTrigger({ parameters: spec.parameters, credentials: credentialValues(spec) });
	const results = [];
	for (let i = 0; i < spec.polls; i++) {
		await ask(`before:${i}`);
		const items = await poll();
		results.push({ items: items.length });
		await ask(`after:${i}`);
	}
	return { polls: results };
}

/**
 * How long each request waited in the package's budget (HostBudget.acquire), by credential key and
 * line: tells a wait in the budget's queue from one spent elsewhere (a busy event loop).
 */
function traceBudget(engine) {
	const { HostBudget } = engine.packageModule('nodes/Altegio/kernel/budget/budget.js');
	const original = HostBudget.prototype.acquire;
	const waits = [];
	HostBudget.prototype.acquire = function (key, line, ...rest) {
		const t = performance.now();
		const p = original.call(this, key, line, ...rest);
		p.then(() => waits.push({ key, line, at: t, ms: performance.now() - t })).catch(() => {});
		return p;
	};
	return waits;
}

/** Jobs started together (each after its own offset), e.g. bulk runs beside an interactive request. */
async function concurrent(engine) {
	// Each interactive job alone first, twice: warms the engine, and gives its time alone.
	const alone = [];
	for (const job of spec.jobs) {
		if (!job.interactive) {
			alone.push(null);
			continue;
		}
		let ms = null;
		for (let i = 0; i < 2; i++) {
			const t = performance.now();
			const r = await jobRunner(engine, spec, job, false)();
			if (r.error) throw r.error;
			ms = performance.now() - t;
		}
		alone.push(ms);
	}
	await ask('warmed');
	const waits = spec.traceBudget ? traceBudget(engine) : null;
	const t0 = performance.now();
	const results = await Promise.all(
		spec.jobs.map(async (job) => {
			const run = jobRunner(engine, spec, job, false);
			await new Promise((resolve) => setTimeout(resolve, job.startAfterMs || 0));
			const started = performance.now() - t0;
			const r = await run();
			const ended = performance.now() - t0;
			return {
				label: job.label,
				startedMs: started,
				wallMs: ended - started,
				items: r.items.length,
				failedItems: failedItems(job, r.items),
				error: r.error ? String(r.error.message || r.error) : null,
			};
		}),
	);
	const jobs = results.map((r, i) => ({ ...r, aloneMs: alone[i] }));
	return { jobs, waits: waits && waits.map((w) => ({ ...w, at: w.at - t0 })) };
}

async function main() {
	const started = performance.now();
	const needsEngine = !(spec.kind === 'measure' && spec.job.build === 'undici' && !spec.loadEngine);
	const engine = needsEngine
		? await loadEngine({
				engineDir: spec.engineDir,
				packageDir: spec.packageDir,
				expressionEngine: spec.expressionEngine,
			})
		: null;
	if (spec.throttleScale !== undefined) scaleThrottle(engine, spec.throttleScale);
	const loadMs = performance.now() - started;
	const work = { measure, sequence, polls, concurrent }[spec.kind];
	if (!work) throw new Error(`unknown scenario kind ${spec.kind}`);
	const result = await work(engine);
	const out = {
		ok: true,
		build: spec.job && spec.job.build,
		loadMs,
		...result,
		versions: engine ? engine.versions : null,
		expressionEngine: engine ? engine.expressionEngine : null,
		httpRequestVersion: engine ? engine.httpRequestVersion : null,
		node: process.version,
	};
	if (engine) await engine.shutdown();
	await new Promise((resolve) => process.send(out, resolve));
}

// n8n-core 1.x keeps a handle open after a run: exit explicitly once the result is delivered.
main().then(
	() => process.exit(0),
	(error) => {
		process.send(
			{
				ok: false,
				build: spec.job && spec.job.build,
				error: String((error && (error.stack || error.message)) || error),
			},
			() => process.exit(1),
		);
	},
);
