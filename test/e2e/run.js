#!/usr/bin/env node
'use strict';

/**
 * `npm run test:e2e` — the package in a real n8n, both lines, one after the other.
 *
 * Build, `npm pack`, then per n8n line (2.x on Node 24, 1.x on the system Node 20):
 * fresh user folder → community install of the tarball into <folder>/.n8n/nodes → sandbox
 * (in-process, so its request log can be asserted on) → CLI import of two credentials and the
 * workflows → CLI activation → `n8n start` → owner setup → the polling trigger's checks (trigger.js;
 * then its workflow is deactivated) → the cases over webhooks (and MCP for the AI-tool variant) →
 * stop everything. Prints one line `e2e: N passed, M failed` at the end.
 *
 * Environment:
 *   E2E_LINES=2,1        which lines, in order (default both: 2 then 1)
 *   E2E_ONLY=<regex>     run only the cases whose name matches ('trigger' selects the trigger checks)
 *   E2E_SKIP_BUILD=1     use the current dist/ (still packs it)
 *   E2E_TGZ=<file>       use this tarball (no build, no pack)
 *   E2E_KEEP=1           keep the temp folders (kept anyway for a line that failed)
 *   E2E_N8N_2, E2E_N8N_1 other pinned versions; N8N_E2E_HOME the install cache
 */

const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8n, LINES, ensureInstalled, ROOT } = require('./lib/n8n');
const { run, freePorts, installExitHandlers, tail } = require('./lib/proc');
const { buildAndPack: packPackage } = require('./lib/pack');
const { createTally } = require('./lib/tally');
const W = require('./lib/workflows');
const { OPERATIONS } = require('../catalog');
const { cases: baseCases, prepareSandbox } = require('./cases');
const { readingCases } = require('./cases/readings');
const { SECRETS } = require('./lib/caseKit');
const { budgetCredentials } = require('./budget');
const { defaultReadings } = require(path.join(ROOT, 'test', 'sandbox', 'readings'));

const cases = [...baseCases, ...readingCases];
const { exampleCases, operationsOf } = require('./examples');
const trigger = require('./trigger');
const webhook = require('./webhook');
const { credentialChecks, WRONG } = require('./credential');
const { pickerChecks } = require('./pickers');
const stop = require('./stop');
const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox'));

const cleanups = new Set();
const tally = createTally('e2e');
const { log } = tally;

/** A result of the line `line` ('-' for none). */
const record = (line, name, ok, error) => tally.record(`[n8n ${line}] ${name}`, ok, { error });
/** One check of the line `line`, timed and recorded. */
const check = (line, name, fn) =>
	tally.check(`[n8n ${line}] ${name}`, async () => {
		await fn();
	});

const buildAndPack = (outDir) =>
	packPackage(outDir, { tgz: process.env.E2E_TGZ, skipBuild: process.env.E2E_SKIP_BUILD === '1', log });

/**
 * What the installed package offers: {ops: Set('resource.operation'), problems: [...]}, read from
 * the installed copy's node description (n8n-workflow resolved from the project).
 */
async function describeInstalled(nodesDir) {
	const pkgDir = path.join(nodesDir, 'node_modules', W.PACKAGE);
	const script = `
		const pkg = require(${JSON.stringify(path.join(pkgDir, 'package.json'))});
		const out = { nodes: [], ops: [], problems: [] };
		for (const rel of pkg.n8n.nodes) {
			const mod = require(require('path').join(${JSON.stringify(pkgDir)}, rel));
			for (const Cls of Object.values(mod)) {
				const d = new Cls().description;
				out.nodes.push({ name: d.name, tool: Boolean(d.usableAsTool) });
				for (const p of d.properties) {
					if (Array.isArray(p.options) && p.options.length === 0 && p.type === 'options')
						out.problems.push(d.name + ': property "' + p.name + '" (' + JSON.stringify(p.displayOptions || {}) +
							') has options: [] — n8n crashes on it while loading (injectCustomApiCallOptions reads ' +
							'options[length-1].name)');
					if (p.name === 'operation' && p.displayOptions && p.displayOptions.show && p.displayOptions.show.resource)
						for (const r of p.displayOptions.show.resource)
							for (const o of p.options || []) out.ops.push(r + '.' + o.value);
				}
			}
		}
		process.stdout.write(JSON.stringify(out));`;
	const res = await run(process.execPath, ['-e', script], {
		env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') },
		timeoutMs: 30000,
	});
	if (res.code !== 0) throw new Error(`cannot load the installed node:\n${tail(res.stderr)}`);
	const out = JSON.parse(res.stdout);
	return { ops: new Set(out.ops), problems: out.problems, nodes: out.nodes };
}

async function runLine(major, tgz) {
	const { version } = LINES[major];
	const lineStart = Date.now();
	const label = version;
	const failedBefore = tally.failures();
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), `n8n-e2e-${major}-`));
	let sb = null;
	let n8n = null;
	const cleanup = async (interrupted) => {
		if (n8n) await n8n.stop().catch(() => {});
		if (sb) await sb.stop().catch(() => {});
		if (interrupted && process.env.E2E_KEEP !== '1') fs.rmSync(folder, { recursive: true, force: true });
	};
	cleanups.add(cleanup);
	try {
		log(`--- n8n ${version} (line ${major}.x) in ${folder}`);
		const install = await ensureInstalled(version, log);

		sb = createSandbox({ ...SECRETS, seed: { demo: true } });
		prepareSandbox(sb);
		const { url: baseUrl } = await sb.start(0);
		const [port, brokerPort] = await freePorts(2);
		n8n = new N8n({ version, install, userFolder: folder, port, brokerPort });
		log(`sandbox ${baseUrl}, n8n port ${port}, runner broker ${brokerPort}`);

		await n8n.installPackage(tgz);
		const installed = await describeInstalled(n8n.nodesDir);
		if (installed.problems.length)
			throw new Error(`the built node would not load in n8n:\n${installed.problems.join('\n')}`);
		const available = installed.ops;
		log(`package installed into ${n8n.nodesDir}; operations: ${[...available].join(', ')}`);

		await n8n.importCredentials([
			...W.credentialsFor({
				baseUrl,
				partnerToken: SECRETS.partnerToken,
				userToken: SECRETS.userToken,
				login: SECRETS.login,
				password: SECRETS.password,
			}),
			stop.stopCredential({ baseUrl, partnerToken: SECRETS.partnerToken, userToken: SECRETS.userToken }),
			...budgetCredentials({ baseUrl, partnerToken: SECRETS.partnerToken, userToken: SECRETS.userToken }),
		]);
		log('credentials imported (user token + login/password)');

		// ---- workflows
		const only = process.env.E2E_ONLY ? new RegExp(process.env.E2E_ONLY, 'i') : null;
		const wanted = (c) => !only || only.test(c.name);
		const runnable = (needs) => needs.every((n) => available.has(n));
		const skipped = [];
		const active = cases.filter((c) => wanted(c) && (runnable(c.needs) || (skipped.push(c.name), false)));
		const workflows = [];
		const toActivate = [];
		if (active.length) {
			const wf = W.casesWorkflow('e2eCases0000001', 'E2E cases', active);
			workflows.push(wf);
			toActivate.push(wf.id);
		}
		// the polling trigger: its own workflow, checked first and then deactivated (trigger.js)
		const hasTrigger = installed.nodes.some((n) => `${W.PACKAGE}.${n.name}` === W.TRIGGER_TYPE);
		// all or nothing (they build on each other): selected by E2E_ONLY=trigger
		const triggerChecks = wanted({ name: 'trigger' }) ? trigger.triggerChecks : [];
		if (triggerChecks.length && !hasTrigger) skipped.push('trigger (no altegioTrigger in this build)');
		const runTrigger = triggerChecks.length > 0 && hasTrigger;
		if (runTrigger) {
			const wf = trigger.triggerWorkflow();
			workflows.push(wf);
			toActivate.push(wf.id);
		}
		// the webhook trigger: its own workflows, posted to at their production URLs (webhook.js)
		const hasWebhook = installed.nodes.some((n) => `${W.PACKAGE}.${n.name}` === webhook.WEBHOOK_TYPE);
		const webhookChecks = hasWebhook ? webhook.webhookChecks.filter(() => wanted({ name: 'webhook trigger' })) : [];
		if (!hasWebhook) skipped.push('webhook trigger (no altegioWebhookTrigger in this build)');
		if (webhookChecks.length) {
			for (const wf of webhook.webhookWorkflows()) {
				workflows.push(wf);
				toActivate.push(wf.id);
			}
		}
		// Stop during a 40-item Create (stop.js): run manually, not activated
		const runStop = wanted({ name: 'stop' }) && available.has('client.create');
		if (runStop) workflows.push(stop.stopWorkflow());
		const examples = [];
		for (const ex of exampleCases) {
			const original = W.readExample(ex.file);
			workflows.push(original); // every example is imported exactly as shipped
			if (!wanted(ex)) continue;
			if (!runnable(ex.needs)) {
				skipped.push(ex.name);
				continue;
			}
			// created through the public API once n8n runs (it needs a data table first)
			if (ex.dynamic) {
				examples.push(ex);
				continue;
			}
			const copy = ex.copy ? ex.copy(original) : null;
			if (copy) workflows.push(copy);
			toActivate.push(copy ? copy.id : original.id);
			examples.push(ex);
		}
		await n8n.importWorkflows(workflows);
		log(`imported ${workflows.length} workflows`);
		for (const id of toActivate) await n8n.activate(id);
		log(`activated ${toActivate.join(', ')} (${major >= 2 ? 'publish:workflow' : 'update:workflow --active=true'})`);

		await n8n.start();
		await n8n.waitActivated();
		await n8n.setupOwner();
		log(`n8n is up at ${n8n.url} (${((Date.now() - lineStart) / 1000).toFixed(1)} s into the line)`);

		// ---- the node types the running n8n lists
		await check(label, 'node type and tool variant listed by n8n', async () => {
			const nodes = await n8n.request('GET', '/types/nodes.json');
			if (nodes.status !== 200) throw new Error(`/types/nodes.json answered ${nodes.status}`);
			const byName = new Map(nodes.json.map((d) => [d.name, d]));
			// the action node and its tool variant, plus every other node the package declares
			const expected = new Set([W.NODE_TYPE, W.TOOL_TYPE]);
			for (const n of installed.nodes) {
				expected.add(`${W.PACKAGE}.${n.name}`);
				if (n.tool) expected.add(`${W.PACKAGE}.${n.name}Tool`);
			}
			if (hasTrigger) expected.add(W.TRIGGER_TYPE);
			if (hasWebhook) expected.add(webhook.WEBHOOK_TYPE);
			for (const type of expected) if (!byName.has(type)) throw new Error(`${type} is not listed`);
			if (hasTrigger) {
				const trig = byName.get(W.TRIGGER_TYPE);
				if (trig.polling !== true)
					throw new Error(`${W.TRIGGER_TYPE} is not a polling node: ${JSON.stringify(trig).slice(0, 300)}`);
				if (!(trig.credentials || []).some((c) => c.name === W.CREDENTIAL_TYPE))
					throw new Error(`${W.TRIGGER_TYPE} does not take ${W.CREDENTIAL_TYPE}`);
				if (!(trig.properties || []).some((p) => p.name === 'pollTimes'))
					throw new Error(`n8n did not add pollTimes to ${W.TRIGGER_TYPE}`);
			}
			if (hasWebhook) {
				const hook = byName.get(webhook.WEBHOOK_TYPE);
				const declared = JSON.stringify(hook.webhooks || []);
				if (!declared.includes('"path":"webhook"') || !declared.includes('"httpMethod":"POST"'))
					throw new Error(`${webhook.WEBHOOK_TYPE} does not declare POST webhook: ${declared}`);
			}
			const tool = byName.get(W.TOOL_TYPE);
			if (!JSON.stringify(tool.outputs).includes('ai_tool'))
				throw new Error(`the tool variant has outputs ${JSON.stringify(tool.outputs)}`);
			const creds = await n8n.request('GET', '/types/credentials.json');
			if (!creds.json.some((c) => c.name === W.CREDENTIAL_TYPE))
				throw new Error(`credential ${W.CREDENTIAL_TYPE} is not listed`);
		});

		// ---- the polling trigger (before the cases: its polls must not land in their request windows)
		const triggerT = { n8n, sb, line: label, state: {}, noSecrets };
		const webhookT = { n8n, sb, line: label, state: {}, noSecrets };
		if (runTrigger) {
			for (const c of triggerChecks) await check(label, c.name, () => c.run(triggerT));
			await check(label, 'trigger: deactivated through the public API', () => trigger.deactivate(triggerT));
		}
		// sandbox requests made inside a case or an example (anything else is background traffic)
		const attributed = new Set();

		/** A check whose sandbox requests are its own (attributed), whether it passes or not. */
		const ownCheck = (c, t) =>
			check(label, c.name, async () => {
				const from = sb.requests.length;
				try {
					await c.run(t);
				} finally {
					for (const r of sb.requests.slice(from)) attributed.add(r);
				}
			});

		// ---- the webhook trigger (events posted to its production URLs)
		for (const c of webhookChecks) await ownCheck(c, webhookT);
		// ---- the credential test (n8n's POST /rest/credentials/test → the nodes' testedBy function)
		for (const c of credentialChecks.filter(wanted)) await ownCheck(c, { n8n, sb, line: label, noSecrets });
		// ---- the pickers (n8n's POST /rest/dynamic-node-parameters/options → the node's loadOptions)
		for (const c of pickerChecks.filter(wanted)) await ownCheck(c, { n8n, sb, line: label, noSecrets });

		// ---- cases
		for (const c of active) {
			await check(label, c.name, async () => {
				const t = { sb, line: label, state: undefined };
				if (c.setup) t.state = await c.setup(t);
				const body = c.body ? c.body(t) : {};
				const from = sb.requests.length;
				// A case's readings (cases/readings.js) hold for its call only.
				if (c.readings) Object.assign(sb.options.readings, c.readings);
				try {
					t.res = await n8n.webhook(c.path, body);
				} finally {
					if (c.readings) Object.assign(sb.options.readings, defaultReadings());
				}
				t.calls = sb.requests.slice(from);
				for (const r of t.calls) attributed.add(r);
				noSecrets(t.res.text);
				await c.check(t);
			});
		}

		// ---- examples
		for (const ex of examples) {
			await check(label, ex.name, async () => {
				const t = { sb, n8n, line: label, available, calls: [] };
				t.track = async (fn) => {
					const from = sb.requests.length;
					const out = await fn();
					t.calls = sb.requests.slice(from);
					for (const r of t.calls) attributed.add(r);
					noSecrets(JSON.stringify(out && out.text !== undefined ? out.text : out));
					return out;
				};
				await ex.run(t);
			});
		}

		if (runStop) {
			await check(label, 'stop: no write after Stop beyond those in flight (40-item Create at 5/s)', () =>
				stop.stopCheck({ n8n, sb, attributed, log }),
			);
		}

		if (!only) {
			await check(label, 'every operation of the build has an e2e case', async () => {
				const covered = new Set([
					...active.flatMap((c) => c.needs),
					...examples.flatMap((ex) => operationsOf(W.readExample(ex.file))),
				]);
				// The build's operations and the catalog's (test/catalog.js): each needs a case.
				const listed = new Set([...available, ...OPERATIONS.map((op) => op.name)]);
				const missing = [...listed].filter((op) => !covered.has(op));
				if (missing.length) throw new Error(`no case runs ${missing.join(', ')}: add one to test/e2e/cases/`);
			});
		}

		if (runTrigger)
			await check(label, 'trigger: no poll after the deactivation', () => trigger.assertStopped(triggerT, attributed));

		await check(label, 'n8n log has no errors about the package', async () => {
			const bad = n8n
				.log()
				.split('\n')
				.filter(
					(l) =>
						/altegio/i.test(l) &&
						/error|failed|cannot|unknown/i.test(l) &&
						!/Workflow (execution|has) (failed|issues)/i.test(l),
				);
			if (bad.length) throw new Error(bad.slice(0, 10).join('\n'));
			noSecrets(n8n.log());
			for (const [k, v] of Object.entries(WRONG))
				if (n8n.log().includes(v)) throw new Error(`the wrong ${k} typed in a credential test leaked into the log`);
		});

		if (skipped.length) log(`skipped (operation not in this build): ${skipped.join('; ')}`);
	} catch (err) {
		record(label, 'setup', false, err);
		if (n8n && n8n.proc) process.stdout.write(`--- n8n log (tail)\n${n8n.logTail(40)}\n`);
	} finally {
		await cleanup();
		cleanups.delete(cleanup);
		const failed = tally.failures() > failedBefore;
		if (failed || process.env.E2E_KEEP === '1') log(`kept ${folder} (n8n.log, the imported files)`);
		else fs.rmSync(folder, { recursive: true, force: true });
		log(`line ${major}.x (n8n ${version}) took ${((Date.now() - lineStart) / 1000).toFixed(1)} s`);
	}
}

function noSecrets(text) {
	for (const [k, v] of Object.entries(SECRETS)) {
		if (k === 'login') continue;
		if (String(text).includes(v)) throw new Error(`the ${k} leaked into an output or log`);
	}
}

async function main() {
	installExitHandlers(async (signal) => {
		for (const c of cleanups) await c(true);
		record('-', `interrupted by ${signal}`, false, 'the run was stopped before it finished');
		tally.summary();
	});
	const lines = (process.env.E2E_LINES || '2,1')
		.split(',')
		.map((s) => s.trim().replace(/\.x$/, ''))
		.filter(Boolean);
	for (const l of lines) if (!LINES[l]) throw new Error(`E2E_LINES: unknown line ${l} (use 2 and/or 1)`);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-pack-'));
	const dropPackDir = async () => fs.rmSync(packDir, { recursive: true, force: true });
	cleanups.add(dropPackDir);
	try {
		let tgz;
		try {
			tgz = await buildAndPack(packDir);
			log(`package: ${tgz}`);
		} catch (err) {
			record('-', 'build and pack', false, err);
			return;
		}
		for (const l of lines) await runLine(l, tgz);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

main()
	.catch((err) => record('-', 'runner', false, err))
	.finally(tally.summary);
