'use strict';

/**
 * n8n 2.x in queue mode: one main process and workers sharing one user folder (so one
 * `.n8n/nodes` with the package), PostgreSQL as the database, Redis as the queue. Built on the
 * e2e suite's N8n (env, CLI import, owner, public API); what differs per process is here.
 */

const fs = require('node:fs');
const path = require('node:path');
const { N8n } = require('../e2e/lib/n8n');
const { run, startProcess, waitFor } = require('../e2e/lib/proc');

/** Whether this machine lets us give a worker its own host name (`unshare --uts`, needs root). */
async function canUnshare() {
	try {
		const r = await run('unshare', ['--uts', '--', 'sh', '-c', 'hostname q-probe && hostname'], { timeoutMs: 5000 });
		return r.code === 0 && r.stdout.trim() === 'q-probe';
	} catch {
		return false;
	}
}

/**
 * One process of the cluster. `role` is 'main' (`n8n start`) or 'worker' (`n8n worker`); each has
 * its own log file in `logDir`. A worker's `port` is its health-check port (`/healthz/readiness`).
 */
class QueueProcess extends N8n {
	constructor({ name, role, logDir, hostname, args = [], ...options }) {
		super(options);
		this.name = name;
		this.role = role;
		this.hostname = hostname;
		this.args = args;
		this.logFile = path.join(logDir, `${name}.log`);
	}

	async start({ timeoutMs = 180000 } = {}) {
		fs.writeFileSync(this.logFile, '');
		const n8nArgs = [this.install.n8nBin, this.role === 'worker' ? 'worker' : 'start', ...this.args];
		// With its own UTS namespace a worker reports `worker-<hostname>` as its id in main's log.
		const [cmd, args] = this.hostname
			? [
					'unshare',
					['--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', this.hostname, this.install.nodeBin, ...n8nArgs],
				]
			: [this.install.nodeBin, n8nArgs];
		this.proc = startProcess(cmd, args, { env: this.env, cwd: this.userFolder, logFile: this.logFile });
		let exited = null;
		this.proc.exited.then((r) => (exited = r));
		await waitFor(
			`n8n ${this.name} readiness on ${this.url}`,
			async () => (await fetch(`${this.url}/healthz/readiness`)).status === 200,
			{
				timeoutMs,
				intervalMs: 250,
				abortIf: () => exited && `n8n ${this.name} exited early (code ${exited.code}):\n${this.logTail()}`,
			},
		);
	}

	/** Execution ids this worker started (its log: "Worker started execution N (job N)"). */
	startedExecutions() {
		return [...this.log().matchAll(/Worker started execution (\d+)/g)].map((m) => m[1]);
	}
}

/**
 * Env shared by every process (and the import CLI): the same encryption key, database and Redis.
 * @param {{pgPort: number, redisPort: number, db: {user, password, database}}} o
 */
function queueEnv({ pgPort, redisPort, db }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(pgPort),
		DB_POSTGRESDB_DATABASE: db.database,
		DB_POSTGRESDB_USER: db.user,
		DB_POSTGRESDB_PASSWORD: db.password,
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_LOG_FORMAT: 'json',
		N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
	};
}

module.exports = { QueueProcess, queueEnv, canUnshare };
