#!/usr/bin/env node
'use strict';

/**
 * `npm run test:queue` — the package on n8n's distributed engine (issue #17).
 *
 * Redis and PostgreSQL from Debian's packages (installed when missing) as loopback processes on
 * free ports with their own data folders; n8n 2.41.1 (install cache of the e2e suite) as one main
 * process and two workers (`EXECUTIONS_MODE=queue`), all with one user folder whose `.n8n/nodes`
 * holds the packed package, as a queue-mode user installs it; the sandbox in this process with its
 * rate limit on (5/s, 200/min, real time). Then:
 *   - the Altegio Trigger: polls run on main only; each new client starts exactly one execution,
 *     run by a worker; its cursor lives in the workflow's static data;
 *   - the Altegio Webhook Trigger (webhook.js): main receives the events, workers run the executions;
 *   - 4 executions of 100 Client > Create items each, started together: no item fails, nothing is
 *     sent twice, no 429 surfaces, the aggregate rate against the limit, the 429s seen and retried,
 *     and which worker ran each execution.
 * Prints one closing line `queue: N passed, M failed` (read by .ci/run).
 *
 * Environment:
 *   QUEUE_WRITE_DOCS=1   write the "Queue mode" section of docs/benchmarks.md (npm run bench:queue)
 *   QUEUE_KEEP=1         keep the temp folder (logs, data); kept anyway when something failed
 *   QUEUE_TGZ=<file>     use this tarball (no build, no pack); QUEUE_SKIP_BUILD=1 packs the current dist/
 *   N8N_E2E_HOME         the install cache of real n8n versions (default ~/.cache/n8n-e2e)
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureInstalled, ROOT } = require('../e2e/lib/n8n');
const { run, freePorts, installExitHandlers, waitFor, sleep } = require('../e2e/lib/proc');
const { buildAndPack } = require('../e2e/lib/pack');
const { createTally } = require('../e2e/lib/tally');
const W = require('../e2e/lib/workflows');
const { SECRETS } = require('../e2e/lib/caseKit');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox'));
const { ensurePackages, startRedis, startPostgres } = require('./services');
const { QueueProcess, queueEnv, canUnshare } = require('./cluster');
const Q = require('./workflows');
const webhookTrigger = require('./webhook');
const { loadFigures, section, writeSection } = require('./figures');

const VERSION = '2.41.1';
const LIMIT = { perSecond: 5, perMinute: 200 };
const EXECUTIONS = 4;
const ITEMS = 100;
const TRIGGER_CLIENTS = 3;
const DB = { user: 'n8n', password: 'n8n-queue-pass', database: 'n8n' };

const stops = [];
let folder = null;

const tally = createTally('queue');
const { log, check } = tally;

function assert(ok, message) {
	if (!ok) throw new Error(message);
}

/** Stop what was started, in reverse order: workers, main, sandbox, PostgreSQL, Redis. */
async function stopAll() {
	while (stops.length) {
		const { name, stop } = stops.pop();
		const t0 = Date.now();
		await stop().catch((err) => log(`stopping ${name} failed: ${err.message}`));
		log(`stopped ${name} (${Date.now() - t0} ms)`);
	}
}

/** A production webhook call; n8n may answer 404 for a moment after the activation (queue mode registers it late). */
async function webhook(main, webhookPath, body, timeoutMs) {
	const deadline = Date.now() + 30000;
	for (;;) {
		const res = await main.webhook(webhookPath, body, { timeoutMs });
		if (res.status !== 404 || Date.now() > deadline) return res;
		await sleep(500);
	}
}

async function executionsOf(main, workflowId, includeData = false) {
	const res = await main.api('GET', `/executions?workflowId=${workflowId}&limit=250&includeData=${includeData}`);
	assert(res.status === 200, `GET /api/v1/executions answered ${res.status}: ${res.text.slice(0, 300)}`);
	return res.json.data;
}

/** Which worker ran each execution id (its log), asserting exactly one did. */
function workerOf(workers, id) {
	const ran = workers.filter((w) => w.startedExecutions().includes(String(id))).map((w) => w.name);
	assert(ran.length === 1, `execution ${id} was started by ${ran.length ? ran.join(' and ') : 'no worker'}`);
	return ran[0];
}

function noSecrets(text, where) {
	for (const [k, v] of Object.entries(SECRETS)) {
		if (k !== 'login' && String(text).includes(v)) throw new Error(`the ${k} appears in ${where}`);
	}
}

async function main() {
	installExitHandlers(async (signal) => {
		await stopAll();
		tally.record(`interrupted by ${signal}`, false, { error: 'the run was stopped before it finished' });
		tally.summary();
	});
	folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-queue-'));
	// PostgreSQL runs as its own user and must reach its folder inside this one.
	fs.chmodSync(folder, 0o755);
	const logDir = path.join(folder, 'logs');
	fs.mkdirSync(logDir);
	const report = { workers: 2, itemsPerExecution: ITEMS, executions: EXECUTIONS, limit: LIMIT };
	// Real time on shared cores: the load when the run started goes into the report.
	const loadAtStart = os.loadavg()[0];

	// ---- set-up: anything failing here is one failed check and the end of the run
	let sb;
	let mainProc;
	let workers;
	let pg;
	await check('set-up: Redis, PostgreSQL, n8n main + 2 workers with the package, sandbox', async () => {
		const apt = await ensurePackages(log);
		if (apt.installed.length) log(`installed ${apt.installed.join(', ')} in ${(apt.ms / 1000).toFixed(1)} s`);
		const install = await ensureInstalled(VERSION, log);
		const tgz = await buildAndPack(folder, {
			tgz: process.env.QUEUE_TGZ,
			skipBuild: process.env.QUEUE_SKIP_BUILD === '1',
			log,
		});
		log(`package: ${path.basename(tgz)}`);

		const [redisPort, pgPort, mainPort, mainBroker, b1, b2, h1, h2] = await freePorts(8);
		const redis = await startRedis(path.join(folder, 'redis'), redisPort);
		stops.push({ name: `redis (pid ${redis.pid})`, stop: redis.stop });
		pg = await startPostgres(path.join(folder, 'pg'), pgPort, DB);
		stops.push({ name: `postgresql (pid ${pg.pid})`, stop: pg.stop });
		log(`redis pid ${redis.pid} on ${redisPort}, postgresql pid ${pg.pid} on ${pgPort}`);

		sb = createSandbox({ ...SECRETS, seed: { demo: true }, rateLimit: { ...LIMIT } });
		const { url: baseUrl } = await sb.start(0);
		stops.push({ name: 'sandbox', stop: () => sb.stop() });
		log(`sandbox ${baseUrl}, rate limit ${LIMIT.perSecond}/s and ${LIMIT.perMinute}/min`);

		const userFolder = path.join(folder, 'n8n');
		fs.mkdirSync(userFolder);
		const common = { version: VERSION, install, userFolder, logDir };
		const env = queueEnv({ pgPort, redisPort, db: DB });
		const unshare = await canUnshare();
		mainProc = new QueueProcess({
			...common,
			name: 'main',
			role: 'main',
			port: mainPort,
			brokerPort: mainBroker,
			// debug: main logs each poll ("Poll trigger initiated")
			extraEnv: { ...env, N8N_LOG_LEVEL: 'debug', OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true' },
		});
		workers = [
			['w1', b1, h1],
			['w2', b2, h2],
		].map(
			([name, broker, health]) =>
				new QueueProcess({
					...common,
					name,
					role: 'worker',
					port: health,
					brokerPort: broker,
					hostname: unshare ? `n8n-${name}` : undefined,
					// Two executions at a time each: four started together go two to each worker.
					args: ['--concurrency=2'],
					extraEnv: {
						...env,
						QUEUE_HEALTH_CHECK_ACTIVE: 'true',
						QUEUE_HEALTH_CHECK_PORT: String(health),
						N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
						N8N_EVENTBUS_LOGWRITER_LOGBASENAME: `n8nEventLog-${name}`,
					},
				}),
		);

		// One `.n8n/nodes` for all three processes: each loads community nodes from its user folder at boot.
		await mainProc.installPackage(tgz);
		log(`package installed into ${mainProc.nodesDir} (shared by main, w1 and w2)`);
		await mainProc.importCredentials(
			W.credentialsFor(
				{ baseUrl, partnerToken: SECRETS.partnerToken, userToken: SECRETS.userToken },
				{ perSecond: LIMIT.perSecond, perMinute: LIMIT.perMinute },
			),
		);
		await mainProc.importWorkflows([Q.createWorkflow(), Q.triggerWorkflow(), webhookTrigger.workflow()]);
		log('credentials and workflows imported into PostgreSQL');

		// Stopped in reverse: the workers first (together), then main.
		stops.push({ name: 'n8n main', stop: () => mainProc.stop() });
		stops.push({ name: 'n8n w1 and w2', stop: () => Promise.all(workers.map((w) => w.stop())) });
		await Promise.all([mainProc.start(), ...workers.map((w) => w.start())]);
		await mainProc.waitActivated();
		await mainProc.setupOwner();
		// Activated on the running cluster, as from the editor: main registers the webhook and starts the polls.
		for (const id of [Q.CREATE_WORKFLOW, Q.TRIGGER_WORKFLOW]) {
			const res = await mainProc.api('POST', `/workflows/${id}/activate`);
			assert(res.status === 200, `activating ${id} answered ${res.status}: ${res.text.slice(0, 300)}`);
		}
		const pids = [mainProc, ...workers].map((p) => `${p.name} pid ${p.proc.child.pid}`).join(', ');
		log(`n8n up: ${pids}${unshare ? ' (workers with their own host names)' : ''}`);
		const versions = await Promise.all([
			run('redis-server', ['--version']).then((r) => (/v=(\S+)/.exec(r.stdout) || [])[1] || '?'),
			pg.query('show server_version').then((r) => r[0][0].split(' ')[0]),
		]);
		report.versions = { n8n: VERSION, redis: versions[0], postgres: versions[1] };
		const cores = os.cpus().length;
		const memory = `${Math.round(os.totalmem() / 2 ** 30)} GB`;
		report.machine = `${cores} cores, ${memory}, load average ${loadAtStart.toFixed(1)} at the start`;
	});
	if (tally.failures()) return;

	await triggerChecks({ sb, mainProc, workers, report });
	await webhookTrigger.webhookChecks({
		check,
		assert,
		sb,
		mainProc,
		workers,
		report,
		executionsOf,
		workerOf,
		noSecrets,
	});
	await loadChecks({ sb, mainProc, workers, report });

	await check('logs: no secret and no error about the package in any process', async () => {
		for (const p of [mainProc, ...workers]) {
			const text = p.log();
			noSecrets(text, `${p.name}'s log`);
			const bad = text
				.split('\n')
				.filter((l) => /altegio/i.test(l) && /error|failed|cannot|unknown|unrecognized/i.test(l));
			assert(bad.length === 0, `${p.name}: ${bad.slice(0, 5).join('\n')}`);
		}
	});

	if (process.env.QUEUE_WRITE_DOCS === '1' && !tally.failures()) {
		const file = path.join(ROOT, 'docs', 'benchmarks.md');
		writeSection(file, section(report));
		log(`wrote the "Queue mode" section of ${path.relative(ROOT, file)}`);
	}
}

/** The Altegio Trigger in queue mode. */
async function triggerChecks({ sb, mainProc, workers, report }) {
	const isPoll = (r) =>
		r.method === 'GET' && r.path === `/clients/${Q.TRIGGER_LOC}` && r.query && r.query.changed_after !== undefined;
	const added = [];
	const byClient = new Map();
	await check('trigger: each new client starts exactly one execution, run by a worker', async () => {
		await waitFor('the trigger baseline poll', () => sb.requests.some(isPoll), { timeoutMs: 60000 });
		for (let k = 1; k <= TRIGGER_CLIENTS; k++) {
			const client = sb.addClient(Q.TRIGGER_LOC, { name: `Queue${k}`, surname: 'Trigger', phone: `4420794600${k}0` });
			added.push(client);
			await waitFor(
				`an execution holding client ${client.id}`,
				async () => {
					const list = await executionsOf(mainProc, Q.TRIGGER_WORKFLOW, true);
					const found = list.find((e) => Q.triggerItems(e).some((c) => c.id === client.id));
					if (found) byClient.set(client.id, found.id);
					return found;
				},
				{ timeoutMs: 40000, intervalMs: 500 },
			);
		}
		// Two more polls: nothing emitted twice.
		const polled = sb.requests.filter(isPoll).length;
		await waitFor('two more polls', () => sb.requests.filter(isPoll).length >= polled + 2, { timeoutMs: 20000 });
		await sleep(1500);
		const list = (await executionsOf(mainProc, Q.TRIGGER_WORKFLOW, true)).filter((e) => e.mode === 'trigger');
		noSecrets(JSON.stringify(list), 'the trigger executions');
		const emitted = list.map((e) => Q.triggerItems(e).map((c) => c.id));
		assert(
			list.length === TRIGGER_CLIENTS,
			`${TRIGGER_CLIENTS} clients, ${list.length} executions: ${JSON.stringify(emitted)}`,
		);
		for (const client of added) {
			const holding = list.filter((e) => Q.triggerItems(e).some((c) => c.id === client.id));
			assert(holding.length === 1, `client ${client.id} is in ${holding.length} executions`);
			const items = Q.triggerItems(holding[0]);
			assert(
				items.length === 1 && items[0].name === client.name,
				`execution ${holding[0].id}: ${JSON.stringify(items)}`,
			);
			assert(holding[0].status === 'success', `execution ${holding[0].id} is ${holding[0].status}`);
		}
		const ran = list.map((e) => `${e.id} on ${workerOf(workers, e.id)}`);
		report.trigger = {
			clients: TRIGGER_CLIENTS,
			executions: list.length,
			ranOn: [...new Set(list.map((e) => workerOf(workers, e.id)))].sort().join(' and '),
		};
		return `clients ${added.map((c) => c.id).join(', ')} → executions ${ran.join('; ')}`;
	});

	await check('trigger: polls run on the main process only', async () => {
		const mainPolls = (mainProc.log().match(/Poll trigger initiated/g) || []).length;
		const workerPolls = workers.map((w) => (w.log().match(/Poll trigger initiated/g) || []).length);
		const sandboxPolls = sb.requests.filter(isPoll).length;
		assert(mainPolls >= 3, `main logged ${mainPolls} polls`);
		assert(
			workerPolls.every((n) => n === 0),
			`the workers logged polls: ${workerPolls.join(', ')}`,
		);
		// Every poll the sandbox saw was one main started (a poll may send more than one request, never fewer).
		assert(sandboxPolls <= mainPolls + 1, `${sandboxPolls} polls at the sandbox, ${mainPolls} started by main`);
		Object.assign(report.trigger || {}, { mainPolls, workerPolls: workerPolls.reduce((a, b) => a + b, 0) });
		return `main ${mainPolls} polls, workers ${workerPolls.join(' and ')}; the sandbox saw ${sandboxPolls}`;
	});

	await check("trigger: its cursor lives in the workflow's static data", async () => {
		const res = await mainProc.api('GET', `/workflows/${Q.TRIGGER_WORKFLOW}`);
		assert(res.status === 200, `GET /api/v1/workflows answered ${res.status}`);
		const state = res.json.staticData && res.json.staticData[`node:${Q.TRIGGER_NODE}`];
		assert(state && typeof state === 'object', `static data: ${JSON.stringify(res.json.staticData)}`);
		const last = added[added.length - 1];
		assert(
			JSON.stringify(state).includes(String(last.id)),
			`the cursor does not name client ${last.id}: ${JSON.stringify(state)}`,
		);
		return JSON.stringify(state);
	});

	await check('trigger: deactivated through the public API before the load', async () => {
		const res = await mainProc.api('POST', `/workflows/${Q.TRIGGER_WORKFLOW}/deactivate`);
		assert(res.status === 200, `deactivate answered ${res.status}: ${res.text.slice(0, 200)}`);
	});
}

/** 4 executions × 100 Client > Create items, started together, against the sandbox's 5/s and 200/min. */
async function loadChecks({ sb, mainProc, workers, report }) {
	// Let the last poll's request leave the sandbox's windows: the creates start from a clean slate.
	await sleep(2000);
	const from = sb.requests.length;
	const phone = (e, i) => `+44 20 ${e} ${String(i).padStart(6, '0')}`;
	const bodies = Array.from({ length: EXECUTIONS }, (_, e) => ({
		rows: Array.from({ length: ITEMS }, (_, i) => ({ name: `Q${e}-${i}`, phone: phone(e + 1, i) })),
	}));
	const t0 = Date.now();
	log(`starting ${EXECUTIONS} executions of ${ITEMS} creates at once`);
	const answers = await Promise.all(bodies.map((body) => webhook(mainProc, Q.CREATE_PATH, body, 15 * 60000)));
	const wallS = (Date.now() - t0) / 1000;
	log(`all ${EXECUTIONS} executions answered after ${wallS.toFixed(1)} s`);
	const creates = sb.requests.slice(from).filter((r) => r.method === 'POST' && r.path === `/clients/${Q.CREATE_LOC}`);
	const load = loadFigures(creates, LIMIT);
	const errors = answers.map((a) => (Array.isArray(a.json) ? a.json.filter((i) => i && i.error !== undefined) : []));
	load.surfaced = errors.flat().filter((i) => /429|rate limit/i.test(JSON.stringify(i))).length;
	report.load = load;
	load.wallS = wallS;
	load.itemErrors = errors.flat().length;
	const pct = (n) => `${(n * 100).toFixed(1)} %`;
	log(
		`sandbox: ${load.requests} create requests, ${load.accepted} accepted, ${load.refused} answered 429 ` +
			`(${load.per100.toFixed(1)} per 100)`,
	);
	log(
		`  ${load.retried} of the 429s retried and accepted; ${load.itemErrors} item errors, ${load.surfaced} of them 429s`,
	);
	if (load.refused) log(`  429s at (s from the first create): ${load.refusedAtS.join(' ')}`);
	log(`  ${load.spanS.toFixed(1)} s first to last accepted (the windows allow ${load.fastestS.toFixed(1)} s at best)`);
	const rate = `${load.ratePerSecond.toFixed(2)}/s`;
	log(`  ${rate}: ${pct(load.ofSustained)} of ${LIMIT.perMinute}/min, ${pct(load.ofFastest)} of the fastest schedule`);
	log(
		`  busiest: second ${load.busiestSecond} minute ${load.busiestMinute} ` +
			`(limits ${LIMIT.perSecond}/${LIMIT.perMinute})`,
	);

	await check(`load: all ${EXECUTIONS * ITEMS} items created, no item error, 0 surfaced 429s`, async () => {
		answers.forEach((a, e) => {
			assert(a.status === 200, `execution ${e + 1}: webhook answered ${a.status}: ${a.text.slice(0, 300)}`);
			assert(Array.isArray(a.json) && a.json.length === ITEMS, `execution ${e + 1}: ${a.text.slice(0, 300)}`);
			noSecrets(a.text, `execution ${e + 1}'s answer`);
		});
		const failed = errors.flat();
		assert(failed.length === 0, `${failed.length} items failed, e.g. ${JSON.stringify(failed.slice(0, 3))}`);
		const ids = answers.flatMap((a) => a.json.map((i) => i.id));
		assert(
			ids.every((id) => Number.isInteger(id)),
			'every item holds the created client id',
		);
		assert(new Set(ids).size === EXECUTIONS * ITEMS, `${new Set(ids).size} distinct client ids`);
		return `${ids.length} clients, ${failed.length} item errors, ${load.surfaced} surfaced 429s`;
	});

	await check('load: nothing sent twice (one accepted create and one client per phone)', async () => {
		assert(load.accepted === EXECUTIONS * ITEMS, `${load.accepted} creates accepted for ${EXECUTIONS * ITEMS} rows`);
		assert(load.distinctPhones === EXECUTIONS * ITEMS, `${load.distinctPhones} distinct phones among the accepted`);
		const digits = new Map();
		for (const c of sb.state.clients.filter((c) => c.locationId === Q.CREATE_LOC))
			digits.set(c.phone, (digits.get(c.phone) || 0) + 1);
		const body = bodies.flatMap((b) => b.rows.map((r) => r.phone.replace(/\D/g, '')));
		const wrong = body.filter((d) => digits.get(d) !== 1);
		assert(wrong.length === 0, `${wrong.length} phones without exactly one client, e.g. ${wrong.slice(0, 3)}`);
	});

	await check('load: every 429 the sandbox sent was waited out and retried', async () => {
		assert(load.retried === load.refused, `${load.refused} answered 429, ${load.retried} of them retried and accepted`);
		return `${load.refused} × 429, all retried`;
	});

	await check('load: aggregate rate at least 80 % of the limit', async () => {
		assert(load.busiestSecond <= LIMIT.perSecond && load.busiestMinute <= LIMIT.perMinute, 'over the windows');
		assert(load.ofSustained >= 0.8, `${(load.ofSustained * 100).toFixed(1)} % of ${LIMIT.perMinute}/min`);
		const sustained = `${(load.ofSustained * 100).toFixed(1)} % of the sustained ${LIMIT.perMinute}/min`;
		return `${sustained}; ${(load.ofFastest * 100).toFixed(1)} % of the fastest schedule`;
	});

	// The issue 26 target, reported rather than asserted: real time on a shared machine moves it by
	// a few per 100 from run to run (the throttle's unit tests hold the rule in virtual time).
	await check('load: 429s per 100 requests and share of the limit (target: under 5 at 90 % or more)', async () => {
		const share = `${(load.ofSustained * 100).toFixed(1)} % of ${LIMIT.perMinute}/min`;
		const met = load.per100 < 5 && load.ofSustained >= 0.9 ? 'target met' : 'target not met';
		return `${load.per100.toFixed(1)} per 100 at ${share}: ${met}`;
	});

	await check('load: executions spread over both workers', async () => {
		const list = (await executionsOf(mainProc, Q.CREATE_WORKFLOW)).sort((a, b) => Number(a.id) - Number(b.id));
		assert(list.length === EXECUTIONS, `${list.length} executions of the create workflow`);
		const ran = list.map((e) => ({ id: e.id, status: e.status, worker: workerOf(workers, e.id) }));
		for (const e of ran) assert(e.status === 'success', `execution ${e.id} is ${e.status}`);
		for (const w of workers)
			assert(
				ran.some((e) => e.worker === w.name),
				`${w.name} ran none: ${JSON.stringify(ran)}`,
			);
		// The answers come back in request order; executions are numbered in the order main enqueued them.
		report.load.executions = ran.map((e) => ({ id: e.id, worker: e.worker, items: ITEMS, errors: 0 }));
		const ids = mainProc.log().match(/"workerId":"[^"]+"/g) || [];
		const where = ran.map((e) => `${e.id} on ${e.worker}`).join(', ');
		return `${where}; worker ids in main's log: ${[...new Set(ids)].join(' ')}`;
	});
}

main()
	.catch((error) => tally.record('runner', false, { error }))
	.finally(async () => {
		await stopAll();
		const failed = tally.failures() > 0;
		if (folder) {
			if (failed || process.env.QUEUE_KEEP === '1') log(`kept ${folder} (logs/, the data folders)`);
			else fs.rmSync(folder, { recursive: true, force: true });
		}
		tally.summary();
	});
