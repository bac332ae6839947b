'use strict';

/**
 * One real n8n (a pinned version from the machine-local install cache) with its own user folder:
 * package install as a community package, CLI import/activation, `n8n start`, owner setup, REST.
 * Facts behind the choices (versions, Node, activation, readiness): test/e2e/README.md.
 */

const fs = require('node:fs');
const path = require('node:path');
const { run, startProcess, waitFor, tail } = require('./proc');
const { httpAnswer } = require('../../sandbox/util');

const ROOT = path.resolve(__dirname, '..', '..', '..');
const INSTALL_SCRIPT = path.join(ROOT, 'test', 'e2e', 'install-n8n.sh');

/** The pinned lines. `E2E_N8N_2` / `E2E_N8N_1` override a version (it must be installable here). */
const LINES = {
	2: { version: process.env.E2E_N8N_2 || '2.41.1' },
	1: { version: process.env.E2E_N8N_1 || '1.123.81' },
};

const ENCRYPTION_KEY = 'n8n-nodes-altegio-e2e-fixed-key';
const OWNER = {
	email: 'owner@example.com',
	firstName: 'Demo',
	lastName: 'Owner',
	password: 'AltegioDemo1',
};

/**
 * Install (or find) a pinned n8n. The script is idempotent (a `.complete` stamp) and has its own
 * timeouts; this only bounds the whole call. Returns {dir, nodeBin, n8nBin}.
 */
async function ensureInstalled(version, log = () => {}) {
	const home = process.env.N8N_E2E_HOME || path.join(require('node:os').homedir(), '.cache', 'n8n-e2e');
	const dir = path.join(home, `n8n-${version}`);
	if (!fs.existsSync(path.join(dir, '.complete'))) {
		log(
			`n8n ${version} is not installed yet: running test/e2e/install-n8n.sh ${version} (about 5 minutes on a cold ` +
				`cache)`,
		);
		// its progress goes straight to this terminal
		const res = await run('bash', [INSTALL_SCRIPT, version], { timeoutMs: 30 * 60 * 1000, inherit: true });
		if (res.code !== 0) throw new Error(`install-n8n.sh ${version} failed (exit ${res.code}); see its output above`);
	}
	const nodeBin = fs.readFileSync(path.join(dir, 'node-path'), 'utf8').trim();
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (!fs.existsSync(nodeBin) || !fs.existsSync(n8nBin))
		throw new Error(`broken n8n install in ${dir}: remove it and run again`);
	return { dir, nodeBin, n8nBin };
}

/** One JSON request to n8n; the body parsed when it is JSON (n8n answers HTML on some errors). */
async function sendJson(url, method, headers, body, timeoutMs) {
	const res = await fetch(url, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
		signal: AbortSignal.timeout(timeoutMs),
	});
	return httpAnswer(res.status, res.headers, await res.text());
}

class N8n {
	/**
	 * @param {object} o
	 * @param {string} o.version
	 * @param {{nodeBin: string, n8nBin: string}} o.install
	 * @param {string} o.userFolder fresh folder: n8n keeps everything in <userFolder>/.n8n
	 * @param {number} o.port
	 * @param {number} o.brokerPort task runner broker (2.x always starts one)
	 * @param {Record<string,string>} [o.extraEnv]
	 */
	constructor({ version, install, userFolder, port, brokerPort, extraEnv = {} }) {
		this.version = version;
		this.major = Number(version.split('.')[0]);
		this.install = install;
		this.userFolder = userFolder;
		this.port = port;
		this.brokerPort = brokerPort;
		this.url = `http://127.0.0.1:${port}`;
		this.logFile = path.join(userFolder, 'n8n.log');
		this.cookie = null;
		this.apiKey = null;
		this.proc = null;
		const tmp = path.join(userFolder, 'tmp');
		fs.mkdirSync(tmp, { recursive: true });
		this.env = {
			PATH: `${path.dirname(install.nodeBin)}:${process.env.PATH}`,
			HOME: process.env.HOME,
			LANG: process.env.LANG || 'C.UTF-8',
			TZ: process.env.TZ || 'UTC',
			TMPDIR: tmp,
			N8N_USER_FOLDER: userFolder,
			N8N_ENCRYPTION_KEY: ENCRYPTION_KEY,
			DB_TYPE: 'sqlite',
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_EDITOR_BASE_URL: this.url,
			WEBHOOK_URL: `${this.url}/`,
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			N8N_SECURE_COOKIE: 'false',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
			N8N_COMMUNITY_PACKAGES_ALLOW_TOOL_USAGE: 'true',
			N8N_LOG_LEVEL: 'info',
			// 1.x on Node 20 has no isolated-vm build: the legacy expression engine is the one that runs
			...(this.major < 2 ? { N8N_EXPRESSION_ENGINE: 'legacy' } : {}),
			...extraEnv,
		};
	}

	get nodesDir() {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	/** Install the packed tarball exactly as a community install does. */
	async installPackage(tgz) {
		fs.mkdirSync(this.nodesDir, { recursive: true });
		const res = await run(
			'npm',
			[
				'install',
				'--prefix',
				this.nodesDir,
				'--legacy-peer-deps',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				'--prefer-offline',
				tgz,
			],
			{ timeoutMs: 180000, env: { ...process.env, npm_config_update_notifier: 'false' } },
		);
		if (res.code !== 0)
			throw new Error(
				`npm install of ${path.basename(tgz)} into ${this.nodesDir} failed:\n${tail(res.stdout + res.stderr)}`,
			);
		return res;
	}

	/** One n8n CLI command (boots n8n: 2-5 s). Throws on a non-zero exit or on "Error" output. */
	async cli(args, { timeoutMs = 120000, okIf } = {}) {
		const res = await run(this.install.nodeBin, [this.install.n8nBin, ...args], {
			env: this.env,
			timeoutMs,
			cwd: this.userFolder,
		});
		const text = `${res.stdout}\n${res.stderr}`;
		const failed =
			res.code !== 0 || /An error occurred|GOT ERROR|Error (importing|updating)|Failed to publish/i.test(text);
		if (failed && !(okIf && okIf(res))) throw new Error(`n8n ${args[0]} failed (exit ${res.code}):\n${tail(text)}`);
		return res;
	}

	async importCredentials(credentials) {
		const file = path.join(this.userFolder, 'import-credentials.json');
		fs.writeFileSync(file, JSON.stringify(credentials, null, 2));
		return this.cli(['import:credentials', `--input=${file}`]);
	}

	async importWorkflows(workflows) {
		const dir = path.join(this.userFolder, 'import-workflows');
		fs.rmSync(dir, { recursive: true, force: true });
		fs.mkdirSync(dir, { recursive: true });
		workflows.forEach((wf, i) =>
			fs.writeFileSync(path.join(dir, `${String(i).padStart(2, '0')}-${wf.id}.json`), JSON.stringify(wf, null, 2)),
		);
		return this.cli(['import:workflow', '--separate', `--input=${dir}`]);
	}

	/** Activate an imported workflow before `start` (1.x: update:workflow; 2.x: publish:workflow). */
	async activate(id) {
		if (this.major >= 2) return this.cli(['publish:workflow', `--id=${id}`]);
		return this.cli(['update:workflow', `--id=${id}`, '--active=true']);
	}

	/** `n8n start` in the background; resolves once /healthz/readiness answers 200. */
	async start({ timeoutMs = 90000 } = {}) {
		fs.writeFileSync(this.logFile, '');
		this.proc = startProcess(this.install.nodeBin, [this.install.n8nBin, 'start'], {
			env: this.env,
			cwd: this.userFolder,
			logFile: this.logFile,
		});
		let exited = null;
		this.proc.exited.then((r) => (exited = r));
		await waitFor(
			`n8n ${this.version} readiness on ${this.url}`,
			async () => (await fetch(`${this.url}/healthz/readiness`)).status === 200,
			{ timeoutMs, abortIf: () => exited && `n8n exited early (code ${exited.code}):\n${this.logTail()}` },
		);
	}

	/** Wait until n8n finished activating workflows (webhooks registered). */
	async waitActivated({ timeoutMs = 60000 } = {}) {
		await waitFor(
			`n8n ${this.version} to finish activating workflows`,
			() => /Editor is now accessible via/.test(this.log()),
			{
				timeoutMs,
				abortIf: () => this.proc && this.proc.child.exitCode !== null && `n8n exited:\n${this.logTail()}`,
			},
		);
	}

	log() {
		try {
			return fs.readFileSync(this.logFile, 'utf8');
		} catch {
			return '';
		}
	}

	logTail(lines = 40) {
		return tail(this.log(), lines);
	}

	async stop() {
		if (this.proc) await this.proc.stop(15000);
		this.proc = null;
	}

	/** Create the owner account (fresh instance) and keep its session cookie. */
	async setupOwner(owner = OWNER) {
		const res = await this.request('POST', '/rest/owner/setup', owner, { auth: false });
		if (res.status !== 200) throw new Error(`owner setup answered ${res.status}: ${res.text.slice(0, 300)}`);
		this.takeCookie(res);
		return owner;
	}

	takeCookie(res) {
		const set = res.headers.getSetCookie ? res.headers.getSetCookie() : [res.headers.get('set-cookie')];
		const auth = set
			.filter(Boolean)
			.map((c) => c.split(';')[0])
			.find((c) => c.startsWith('n8n-auth='));
		if (!auth) throw new Error('n8n did not set the n8n-auth cookie');
		this.cookie = auth;
	}

	/** REST call to n8n itself (cookie auth after setupOwner/login). */
	async request(method, urlPath, body, { auth = true, timeoutMs = 30000 } = {}) {
		const headers = { 'browser-id': 'n8n-nodes-altegio-e2e', accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		if (auth && this.cookie) headers.cookie = this.cookie;
		return await sendJson(this.url + urlPath, method, headers, body, timeoutMs);
	}

	/**
	 * Create an API key for the public API (`/api/v1`, header X-N8N-API-KEY) with every scope the
	 * owner may grant; kept on `this.apiKey`. Needs the owner session (setupOwner).
	 */
	async createApiKey(label = 'e2e') {
		if (this.apiKey) return this.apiKey;
		const scopes = await this.request('GET', '/rest/api-keys/scopes');
		if (scopes.status !== 200)
			throw new Error(`GET /rest/api-keys/scopes answered ${scopes.status}: ${scopes.text.slice(0, 300)}`);
		const res = await this.request('POST', '/rest/api-keys', { label, scopes: scopes.json.data, expiresAt: null });
		const raw = res.json && res.json.data && res.json.data.rawApiKey;
		if (res.status !== 200 || !raw)
			throw new Error(`POST /rest/api-keys answered ${res.status}: ${res.text.slice(0, 300)}`);
		this.apiKey = raw;
		return raw;
	}

	/** Public API call (`/api/v1<urlPath>`) with the key from createApiKey. */
	async api(method, urlPath, body, { timeoutMs = 30000 } = {}) {
		if (!this.apiKey) await this.createApiKey();
		const headers = { 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' };
		if (body !== undefined) headers['content-type'] = 'application/json';
		return await sendJson(`${this.url}/api/v1${urlPath}`, method, headers, body, timeoutMs);
	}

	/**
	 * Start a manual run from a trigger, as the editor's "Test step"/"Fetch Test Event" does
	 * (`POST /rest/workflows/{id}/run`, owner session). The body differs per line:
	 * - 2.x: `ManualRunDto` { triggerToStartFrom: {name} }; n8n reads the workflow from its DB.
	 * - 1.x: the editor sends the whole workflow: { workflowData, triggerToStartFrom: {name} }.
	 * Resolves the execution id (a trigger without webhooks never answers "waitingForWebhook").
	 */
	async runManually(workflowId, triggerName) {
		let body = { triggerToStartFrom: { name: triggerName } };
		if (this.major < 2) {
			const wf = await this.request('GET', `/rest/workflows/${workflowId}`);
			if (wf.status !== 200)
				throw new Error(`GET /rest/workflows/${workflowId} answered ${wf.status}: ${wf.text.slice(0, 300)}`);
			body = { workflowData: wf.json.data, ...body };
		}
		const res = await this.request('POST', `/rest/workflows/${workflowId}/run`, body);
		const data = res.json && res.json.data;
		if (res.status !== 200 || !data || !data.executionId) {
			throw new Error(`POST /rest/workflows/${workflowId}/run answered ${res.status}: ${res.text.slice(0, 500)}`);
		}
		return String(data.executionId);
	}

	/** POST to a production webhook; the body is the last node's items (responseMode lastNode). */
	async webhook(webhookPath, body = {}, { timeoutMs = 60000 } = {}) {
		const headers = { 'content-type': 'application/json' };
		return await sendJson(`${this.url}/webhook/${webhookPath}`, 'POST', headers, body, timeoutMs);
	}
}

module.exports = { N8n, LINES, OWNER, ENCRYPTION_KEY, ensureInstalled, ROOT };
