'use strict';

/**
 * One benchmark scenario in a fresh process (so peak RSS belongs to it alone), started by
 * bench/run.js with the engine's own Node. The spec comes as JSON in argv[2]; the result goes
 * back over IPC. Each scenario is run once to warm up (one page), then measured.
 *
 * Contenders for "client getAll, Return All":
 *   undici   a raw undici loop: same request bodies, pages parsed and kept (the floor)
 *   altegio  this package's node, client > Get Many, Return All, through the real n8n engine
 *   http     n8n's HTTP Request node with its built-in pagination + a Split Out node on `data`,
 *            through the same engine (what users build today)
 * Writes: createMany (one item, `rows` rows), create (`rows` items), httpCreate (the HTTP Request
 * node, `rows` items). Rate-limited: throttledGetAll and create with the credential's limits.
 */

const path = require('node:path');
const { performance, PerformanceObserver, constants } = require('node:perf_hooks');

const { loadEngine } = require('./lib/engine');

const ACCEPT = 'application/vnd.api.v2+json';
const LOCATION = 101;
const PAGE = 200;
/** The fields the node asks the search for by default; the other contenders ask for the same. */
const SEARCH_FIELDS = [
	'id',
	'name',
	'phone',
	'email',
	'discount',
	'first_visit_date',
	'last_visit_date',
	'sold_amount',
	'visits_count',
];
const SEARCH_BODY = { fields: SEARCH_FIELDS, order_by: 'id', order_by_direction: 'ASC', operation: 'AND', filters: [] };

const spec = JSON.parse(process.argv[2]);
const auth = `Bearer ${spec.partnerToken}, User ${spec.userToken}`;

/** Credential limits far above anything the sandbox can serve: no throttling unless asked. */
function credentials(extra = {}) {
	return {
		baseUrl: spec.url,
		partnerToken: spec.partnerToken,
		userToken: spec.userToken,
		maxRequestsPerSecond: 1_000_000,
		maxRequestsPerMinute: 1_000_000_000,
		...extra,
	};
}

function altegioNode(parameters) {
	return {
		id: 'altegio',
		name: 'Altegio',
		type: 'n8n-nodes-altegio.altegio',
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } },
	};
}

const locationId = { __rl: true, mode: 'id', value: String(LOCATION) };

function getAllParameters(want) {
	return want.returnAll
		? { resource: 'client', operation: 'getAll', locationId, returnAll: true }
		: { resource: 'client', operation: 'getAll', locationId, returnAll: false, limit: want.limit };
}

/** HTTP Request (built-in pagination, "Update a Parameter in Each Request") + Split Out. */
function httpWorkflow(engine, want) {
	const http = {
		id: 'http',
		name: 'HTTP Request',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: engine.httpRequestVersion,
		position: [0, 0],
		parameters: {
			method: 'POST',
			url: `${spec.url}/company/${LOCATION}/clients/search`,
			authentication: 'none',
			sendHeaders: true,
			specifyHeaders: 'keypair',
			headerParameters: {
				parameters: [
					{ name: 'authorization', value: auth },
					{ name: 'accept', value: ACCEPT },
				],
			},
			sendBody: true,
			contentType: 'json',
			specifyBody: 'json',
			jsonBody: JSON.stringify({ ...SEARCH_BODY, page: 1, page_size: want.returnAll ? PAGE : want.limit }),
			options: want.returnAll
				? {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: { parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount + 1 }}' }] },
								paginationCompleteWhen: 'other',
								completeExpression: `={{ $response.body.data.length < ${PAGE} }}`,
								limitPagesFetched: false,
								requestInterval: spec.requestIntervalMs || 0,
							},
						},
					}
				: {},
		},
	};
	const split = {
		id: 'split',
		name: 'Split Out',
		type: 'n8n-nodes-base.splitOut',
		typeVersion: 1,
		position: [200, 0],
		parameters: { fieldToSplitOut: 'data', include: 'noOtherFields', options: {} },
	};
	return {
		nodes: [http, split],
		connections: { 'HTTP Request': { main: [[{ node: 'Split Out', type: 'main', index: 0 }]] } },
	};
}

/** The floor: the same requests with undici, pages parsed, rows kept (as any node's output must be). */
async function undiciLoop(want) {
	const undici = require(path.join(spec.projectDir, 'node_modules', 'undici'));
	const url = `${spec.url}/company/${LOCATION}/clients/search`;
	const size = want.returnAll ? PAGE : want.limit;
	const rows = [];
	for (let page = 1; ; page++) {
		const res = await undici.request(url, {
			method: 'POST',
			headers: { authorization: auth, accept: ACCEPT, 'content-type': 'application/json' },
			body: JSON.stringify({ ...SEARCH_BODY, page, page_size: size }),
		});
		const json = await res.body.json();
		if (res.statusCode !== 200 || !json.success)
			throw new Error(`HTTP ${res.statusCode}: ${JSON.stringify(json).slice(0, 200)}`);
		for (const row of json.data) rows.push(row);
		const total = Number(json.meta && json.meta.total_count);
		if (
			json.data.length < size ||
			(page - 1) * size + json.data.length >= total ||
			rows.length >= (want.returnAll ? Infinity : want.limit)
		)
			break;
	}
	return { items: rows };
}

function createRows(n, offset) {
	const rows = [];
	for (let i = 0; i < n; i++)
		rows.push({ name: `Bench${i}`, surname: 'Client', phone: `+1646${String(offset + i).padStart(7, '0')}` });
	return rows;
}

/** Builds the run function of a scenario; `warm` selects the one-page warm-up variant. */
function runner(engine, warm) {
	const want = warm ? { returnAll: false, limit: 30 } : spec.want;
	switch (spec.kind) {
		case 'undici':
			return () => undiciLoop(want);
		case 'altegio':
			return () => engine.runWorkflow({ nodes: [altegioNode(getAllParameters(want))], credentials: credentials() });
		case 'http':
			return () => engine.runWorkflow({ ...httpWorkflow(engine, want), credentials: credentials() });
		case 'createMany': {
			const rows = createRows(warm ? 2 : spec.rows, warm ? 9_000_000 : 0);
			return () =>
				engine.runWorkflow({
					nodes: [
						altegioNode({
							resource: 'client',
							operation: 'createMany',
							locationId: { ...locationId, value: '102' },
							clients: JSON.stringify(rows),
						}),
					],
					credentials: credentials(),
				});
		}
		case 'create': {
			const rows = createRows(warm ? 2 : spec.rows, warm ? 9_100_000 : 0);
			return () =>
				engine.runWorkflow({
					nodes: [
						altegioNode({
							resource: 'client',
							operation: 'create',
							locationId: { ...locationId, value: '102' },
							name: '={{ $json.name }}',
							phone: '={{ $json.phone }}',
							additionalFields: {},
						}),
					],
					input: rows,
					credentials: credentials(spec.throttled ? spec.limits : {}),
				});
		}
		case 'httpCreate': {
			// The same 1,000 creates with n8n's HTTP Request node: one request per item.
			const rows = createRows(warm ? 2 : spec.rows, warm ? 9_200_000 : 0);
			const node = {
				id: 'http',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: engine.httpRequestVersion,
				position: [0, 0],
				parameters: {
					method: 'POST',
					url: `${spec.url}/clients/102`,
					authentication: 'none',
					sendHeaders: true,
					specifyHeaders: 'keypair',
					headerParameters: {
						parameters: [
							{ name: 'authorization', value: auth },
							{ name: 'accept', value: ACCEPT },
						],
					},
					sendBody: true,
					contentType: 'json',
					specifyBody: 'keypair',
					bodyParameters: {
						parameters: [
							{ name: 'name', value: '={{ $json.name }}' },
							{ name: 'phone', value: '={{ $json.phone }}' },
						],
					},
					options: {},
				},
			};
			return () => engine.runWorkflow({ nodes: [node], input: rows });
		}
		case 'throttledGetAll':
			return () =>
				engine.runWorkflow({
					nodes: [altegioNode(getAllParameters(want))],
					credentials: credentials(spec.limits),
				});
		default:
			throw new Error(`unknown scenario kind ${spec.kind}`);
	}
}

/** Whether an output item of a write reports a stored client (the HTTP node shows the API's envelope). */
function created(json) {
	if (spec.kind === 'httpCreate') return Boolean(json && json.success && json.data && json.data.id);
	return Boolean(json && json.success !== false && json.id !== undefined);
}

const mb = (bytes) => Math.round((bytes / 1048576) * 10) / 10;

async function main() {
	const started = performance.now();
	const engine =
		spec.kind === 'undici' && !spec.loadEngine
			? null
			: await loadEngine({
					engineDir: spec.engineDir,
					packageDir: spec.packageDir,
					expressionEngine: spec.expressionEngine,
				});
	if (spec.throttleScale !== undefined) {
		// The node's limiter windows, scaled like the sandbox's (an export meant for tests).
		const { throttleTiming } = engine.packageModule('nodes/Altegio/kernel/budget/throttle.js');
		if (!throttleTiming)
			throw new Error('kernel/budget/throttle.ts exports no throttleTiming: cannot scale the rate-limited run');
		throttleTiming.scale = spec.throttleScale;
	}
	const loadMs = performance.now() - started;
	if (spec.kind === 'http' && !engine.hasHttpRequest) throw new Error('this engine has no n8n-nodes-base');

	if (!spec.noWarmup) {
		const warm = await runner(engine, true)();
		if (warm.error) throw warm.error;
	}
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
	const t0 = performance.now();
	const result = await runner(engine, false)();
	const wallMs = performance.now() - t0;
	const maxRss = process.resourceUsage().maxRSS * 1024;
	observer.disconnect();
	if (probe) clearInterval(probe);
	if (result.error) throw result.error;
	global.gc && global.gc();
	const retained = process.memoryUsage().heapUsed - heapBefore;
	const items = result.items;
	const out = {
		ok: true,
		kind: spec.kind,
		wallMs,
		loadMs,
		items: items.length,
		firstItem: items.length ? items[0].json || items[0] : null,
		failedItems: ['createMany', 'create', 'httpCreate'].includes(spec.kind)
			? items.filter((i) => !created(i.json)).length
			: undefined,
		maxRssMB: mb(maxRss),
		rssBeforeMB: mb(rssBefore),
		rssGrowthMB: mb(maxRss - rssBefore),
		retainedMB: mb(retained),
		liveMaxMB: liveMax === null ? null : mb(liveMax - heapBefore),
		// the probe's own GCs are counted too
		majorGcs,
		versions: engine ? engine.versions : null,
		expressionEngine: engine ? engine.expressionEngine : null,
		httpRequestVersion: engine ? engine.httpRequestVersion : null,
		node: process.version,
	};
	// keep the output alive until measured
	if (items.length < 0) console.log(items);
	if (engine) await engine.shutdown();
	await new Promise((resolve) => process.send(out, resolve));
}

/** Tells the parent a phase is done and waits for its go (it clears the sandbox's request log). */
function ask(phase) {
	return new Promise((resolve) => {
		process.once('message', (m) => {
			if (m && m.go === phase) resolve();
		});
		process.send({ phase });
	});
}

// n8n-core 1.x keeps a handle open after a run: exit explicitly once the result is delivered.
main().then(
	() => process.exit(0),
	(error) => {
		process.send(
			{ ok: false, kind: spec.kind, error: String((error && (error.stack || error.message)) || error) },
			() => process.exit(1),
		);
	},
);
