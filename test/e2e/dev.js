#!/usr/bin/env node
'use strict';

/**
 * `npm run dev` — a real n8n 2.x with this package, ready to click through.
 *
 * Builds and packs the package, installs it into a persistent n8n user folder (.e2e/dev) the way
 * a community install does, starts the Altegio sandbox with demo data, imports a credential that
 * points at it and the example workflows, starts n8n, creates the owner account on the first run
 * and prints the URL and the login. Ctrl+C stops n8n and the sandbox. Run it again after a code
 * change: the package is rebuilt and reinstalled, your workflows stay.
 *
 * Environment:
 *   ALTEGIO_PARTNER_TOKEN      use the real Altegio API instead of the sandbox (no sandbox starts), with
 *   ALTEGIO_USER_TOKEN         ... a user token, or
 *   ALTEGIO_LOGIN, ALTEGIO_PASSWORD   ... a login and password
 *   ALTEGIO_BASE_URL           default https://api.alteg.io/api/v1 (https://api.yclients.com/api/v1 for YCLIENTS)
 *   DEV_N8N_PORT=5678  DEV_SANDBOX_PORT=5680  DEV_HOST=127.0.0.1 (0.0.0.0 to open it from another machine)
 *   DEV_RESET=1                start from an empty n8n (deletes .e2e/dev)
 *   DEV_SKIP_BUILD=1           reinstall the current dist/ without building
 *   DEV_N8N_VERSION            another pinned 2.x version
 */

const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const { N8n, LINES, OWNER, ensureInstalled, ROOT } = require('./lib/n8n');
const { run, freePorts, installExitHandlers, tail } = require('./lib/proc');
const W = require('./lib/workflows');
const { webhookWorkflow } = require('./webhook');

const DEV_DIR = path.join(ROOT, '.e2e', 'dev');
const STATE_FILE = path.join(DEV_DIR, 'dev-state.json');

function say(msg) {
	process.stdout.write(`[dev] ${msg}\n`);
}

function num(name, dflt) {
	const v = process.env[name];
	if (v === undefined || v === '') return dflt;
	const n = Number(v);
	if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name} must be a port number`);
	return n;
}

async function portFree(port, host) {
	const net = require('node:net');
	return new Promise((resolve) => {
		const s = net.createServer();
		s.once('error', () => resolve(false));
		s.listen(port, host, () => s.close(() => resolve(true)));
	});
}

function readState() {
	try {
		return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
	} catch {
		return { examples: {} };
	}
}

async function buildAndPack() {
	if (process.env.DEV_SKIP_BUILD !== '1') {
		say('building the package (npm run build)');
		const b = await run('npm', ['run', 'build'], { cwd: ROOT, timeoutMs: 300000 });
		if (b.code !== 0) throw new Error(`npm run build failed:\n${tail(b.stdout + b.stderr)}`);
	}
	const out = path.join(DEV_DIR, 'pack');
	fs.rmSync(out, { recursive: true, force: true });
	fs.mkdirSync(out, { recursive: true });
	const p = await run('npm', ['pack', '--json', '--pack-destination', out], { cwd: ROOT, timeoutMs: 120000 });
	if (p.code !== 0) throw new Error(`npm pack failed:\n${tail(p.stdout + p.stderr)}`);
	return path.join(out, JSON.parse(p.stdout.slice(p.stdout.indexOf('[')))[0].filename);
}

/** Where the credential points: the real API when ALTEGIO_PARTNER_TOKEN is set, else the sandbox. */
function realApi() {
	const e = process.env;
	if (!e.ALTEGIO_PARTNER_TOKEN) return null;
	const api = {
		baseUrl: (e.ALTEGIO_BASE_URL || 'https://api.alteg.io/api/v1').replace(/\/+$/, ''),
		partnerToken: e.ALTEGIO_PARTNER_TOKEN,
		userToken: e.ALTEGIO_USER_TOKEN || undefined,
		login: e.ALTEGIO_LOGIN || undefined,
		password: e.ALTEGIO_PASSWORD || undefined,
	};
	if (!api.userToken && !(api.login && api.password)) {
		throw new Error('ALTEGIO_PARTNER_TOKEN is set: also set ALTEGIO_USER_TOKEN, or ALTEGIO_LOGIN and ALTEGIO_PASSWORD');
	}
	return api;
}

async function main() {
	let sb = null;
	let n8n = null;
	const stopAll = async () => {
		if (n8n) await n8n.stop().catch(() => {});
		if (sb) await sb.stop().catch(() => {});
	};
	let stopping = false;
	installExitHandlers(async () => {
		stopping = true;
		await stopAll();
		process.stdout.write('[dev] stopped n8n and the sandbox\n');
	});

	const version = process.env.DEV_N8N_VERSION || LINES[2].version;
	const host = process.env.DEV_HOST || '127.0.0.1';
	const n8nPort = num('DEV_N8N_PORT', 5678);
	const sandboxPort = num('DEV_SANDBOX_PORT', 5680);
	const api = realApi();

	if (process.env.DEV_RESET === '1') {
		say(`DEV_RESET=1: deleting ${DEV_DIR}`);
		fs.rmSync(DEV_DIR, { recursive: true, force: true });
	}
	fs.mkdirSync(DEV_DIR, { recursive: true });
	if (!(await portFree(n8nPort, host))) throw new Error(`port ${n8nPort} is in use (another n8n?): set DEV_N8N_PORT`);
	if (!api && !(await portFree(sandboxPort, '127.0.0.1')))
		throw new Error(`port ${sandboxPort} is in use: set DEV_SANDBOX_PORT`);

	const install = await ensureInstalled(version, say);
	const tgz = await buildAndPack();

	// ---- the API the credential points at
	let credentials;
	let apiLine;
	if (api) {
		// one credential, under the id the examples use, with whichever user authentication was given
		const [cred] = W.credentialsFor(
			api.userToken ? { ...api, login: undefined, password: undefined } : { ...api, userToken: undefined },
			{
				perSecond: 5,
				perMinute: 200,
			},
		);
		credentials = [{ ...cred, id: W.CREDENTIALS.token.id, name: 'Altegio account' }];
		apiLine = `real Altegio API at ${api.baseUrl} (${api.userToken ? 'user token' : 'login and password'})`;
	} else {
		const { createSandbox } = require(path.join(ROOT, 'test', 'sandbox'));
		sb = createSandbox({ seed: { demo: true } });
		const { url } = await sb.start(sandboxPort, '127.0.0.1');
		const o = sb.options;
		credentials = W.credentialsFor(
			{ baseUrl: url, partnerToken: o.partnerToken, userToken: o.userToken, login: o.login, password: o.password },
			{ perSecond: 5, perMinute: 200 },
		);
		apiLine = `sandbox at ${url} (in memory: fresh demo data on every npm run dev)`;
	}

	const [brokerPort] = await freePorts(1);
	const editorUrl = `http://${host === '0.0.0.0' ? 'localhost' : host}:${n8nPort}`;
	n8n = new N8n({
		version,
		install,
		userFolder: DEV_DIR,
		port: n8nPort,
		brokerPort,
		extraEnv: {
			N8N_LISTEN_ADDRESS: host,
			N8N_HOST: 'localhost',
			N8N_EDITOR_BASE_URL: editorUrl,
			WEBHOOK_URL: `${editorUrl}/`,
		},
	});
	n8n.url = `http://127.0.0.1:${n8nPort}`;

	say(`installing ${path.basename(tgz)} into ${path.relative(ROOT, n8n.nodesDir)} (as a community package)`);
	await n8n.installPackage(tgz);

	say('importing the credentials');
	await n8n.importCredentials(credentials);

	// examples: imported when new or changed in the repo; a workflow you only edited in n8n stays
	const state = readState();
	const changed = [];
	for (const file of W.listExamples()) {
		const text = fs.readFileSync(path.join(W.EXAMPLES_DIR, file), 'utf8');
		const hash = crypto.createHash('sha1').update(text).digest('hex');
		if (state.examples[file] !== hash) changed.push({ file, hash, wf: JSON.parse(text) });
	}
	if (changed.length) {
		say(`importing ${changed.length} example workflow(s): ${changed.map((c) => c.file).join(', ')}`);
		await n8n.importWorkflows(changed.map((c) => c.wf));
		for (const c of changed) state.examples[c.file] = c.hash;
		fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	}

	// with the sandbox: an active Altegio Webhook Trigger to post sample events to (npm run sandbox:event)
	const demo = { id: 'devAltegioHook01', hook: W.stableUuid('webhook:dev-altegio-events') };
	if (sb && !state.webhookDemo) {
		say('importing and activating "Altegio: webhook trigger demo" (post events to it with npm run sandbox:event)');
		await n8n.importWorkflows([webhookWorkflow(demo, 'Altegio: webhook trigger demo', { fetchRecord: true })]);
		await n8n.activate(demo.id);
		state.webhookDemo = true;
		fs.writeFileSync(STATE_FILE, JSON.stringify(state, null, 2));
	}

	say(`starting n8n ${version} (log: ${path.relative(ROOT, n8n.logFile)})`);
	await n8n.start({ timeoutMs: 120000 });
	const settings = await n8n.request('GET', '/rest/settings', undefined, { auth: false });
	const needsOwner =
		settings.json &&
		settings.json.data &&
		settings.json.data.userManagement &&
		settings.json.data.userManagement.showSetupOnFirstLoad;
	if (needsOwner) {
		await n8n.setupOwner(OWNER);
		say('created the owner account');
	}

	const lines = [
		'',
		`n8n ${version} is running with ${W.PACKAGE} from this checkout.`,
		'',
		`  Open         ${editorUrl}`,
		`  Login        ${OWNER.email} / ${OWNER.password}${needsOwner ? '' : '   (unless you changed it)'}`,
		`  Credential   "${credentials[0].name}" -> ${apiLine}`,
		'  Workflows    the examples (Overview): open "Altegio: visit history of one client" and click Execute workflow',
	];
	if (sb) {
		const count = (id) => sb.state.clients.filter((c) => c.locationId === id).length;
		const hookUrl = `${editorUrl}/webhook/${demo.hook}/webhook`;
		lines.push(
			'  Webhook      "Altegio: webhook trigger demo" is active: post a sample client event to it (then see',
			'               its Executions):',
			`               npm run sandbox:event -- ${hookUrl} --sandbox ${sb.url} --status create`,
			'               (--status update|delete --client <id> for the others; delete removes the client)',
		);
		lines.push(
			`  Locations    ${sb.state.locations
				.map((l) => `${l.id} ${l.title}${l.manageable ? ` (${count(l.id)} clients)` : ' (403: not yours)'}`)
				.join('; ')}`,
		);
	} else {
		lines.push(
			'  Note         the examples use location 101 (the sandbox): pick your location in each Altegio node (From List)',
		);
	}
	lines.push(
		'',
		'After a code change: Ctrl+C, then npm run dev again (your workflows stay; DEV_RESET=1 starts over).',
		'Ctrl+C stops n8n and the sandbox.',
		'',
	);
	process.stdout.write(lines.join('\n'));

	const result = await n8n.proc.exited;
	if (stopping) return; // Ctrl+C: the signal handler finishes
	n8n.proc = null;
	say(`n8n exited (code ${result.code}); last log lines:\n${n8n.logTail(20)}`);
	await stopAll();
	process.exit(1);
}

main().catch((err) => {
	process.stderr.write(`[dev] ${err && err.message ? err.message : err}\n`);
	process.exit(1);
});
