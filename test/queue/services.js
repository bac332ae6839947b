'use strict';

/**
 * Redis and PostgreSQL for the queue-mode suite: Debian's packages (installed when missing), run
 * as plain loopback processes on ports chosen here, with their own data folders, stopped by PID.
 * Nothing of the machine's own services is used or touched (apt may have set up a default cluster
 * on 5432 or a Redis on 6379: other ports, other data folders).
 */

const fs = require('node:fs');
const path = require('node:path');
const { run, startProcess, waitFor, sleep, tail } = require('../e2e/lib/proc');

const APT_ENV = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };

function commandExists(cmd) {
	return (process.env.PATH || '')
		.split(':')
		.concat(['/usr/sbin', '/usr/bin'])
		.some((dir) => dir && fs.existsSync(path.join(dir, cmd)));
}

/** The newest installed PostgreSQL server's bin folder (Debian keeps one per major version). */
function postgresBin() {
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return null;
	const versions = fs
		.readdirSync(root)
		.filter((v) => fs.existsSync(path.join(root, v, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return versions.length ? path.join(root, versions[0], 'bin') : null;
}

/** apt-get update once, then install what is missing (as root; CI has the Debian mirror). */
async function ensurePackages(log) {
	const missing = [];
	if (!commandExists('redis-server') || !commandExists('redis-cli')) missing.push('redis-server');
	if (!postgresBin() || !commandExists('psql')) missing.push('postgresql');
	if (!missing.length) return { installed: [], ms: 0 };
	const started = Date.now();
	log(`installing ${missing.join(', ')} from Debian (apt-get update, then apt-get install)`);
	const update = await run('apt-get', ['update'], { env: APT_ENV, timeoutMs: 300000 });
	if (update.code !== 0) throw new Error(`apt-get update failed:\n${tail(update.stdout + update.stderr)}`);
	const install = await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], {
		env: APT_ENV,
		timeoutMs: 600000,
	});
	if (install.code !== 0) throw new Error(`apt-get install failed:\n${tail(install.stdout + install.stderr)}`);
	if (!postgresBin() || !commandExists('redis-server')) throw new Error('installed, but the binaries are not there');
	return { installed: missing, ms: Date.now() - started };
}

/** Whether a PID is a live process (a zombie or a missing /proc entry counts as gone). */
function alive(pid) {
	try {
		const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		return !/^\d+ \(.*\) Z/.test(stat);
	} catch {
		return false;
	}
}

async function waitGone(pid, timeoutMs) {
	const deadline = Date.now() + timeoutMs;
	while (alive(pid) && Date.now() < deadline) await sleep(50);
	return !alive(pid);
}

/** Redis on 127.0.0.1:port, no persistence, its own folder; a child of this process (its PID). */
async function startRedis(dir, port) {
	fs.mkdirSync(dir, { recursive: true });
	const proc = startProcess(
		'redis-server',
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--dir',
			dir,
			'--save',
			'',
			'--appendonly',
			'no',
			'--daemonize',
			'no',
			'--logfile',
			path.join(dir, 'redis.log'),
		],
		{ logFile: path.join(dir, 'stdout.log') },
	);
	await waitFor(
		`redis on port ${port}`,
		async () => {
			const r = await run('redis-cli', ['-p', String(port), 'ping'], { timeoutMs: 5000 });
			return r.stdout.includes('PONG');
		},
		{ timeoutMs: 20000, intervalMs: 50, abortIf: () => proc.child.exitCode !== null && 'redis-server exited' },
	);
	return { pid: proc.child.pid, stop: () => proc.stop(5000) };
}

/**
 * PostgreSQL on 127.0.0.1:port with its own cluster in `dir` (initdb as the postgres user: it
 * refuses to run as root), a role and a database for n8n. pg_ctl daemonizes the server, so it is
 * stopped by the PID in postmaster.pid (SIGINT: fast shutdown), and killed at exit if still there.
 */
async function startPostgres(dir, port, { user, password, database }) {
	const bin = postgresBin();
	fs.mkdirSync(dir, { recursive: true });
	// The postgres user must reach the folder: every parent needs o+x.
	for (let d = dir; d !== path.dirname(d); d = path.dirname(d)) {
		const mode = fs.statSync(d).mode;
		if ((mode & 0o001) === 0) fs.chmodSync(d, mode | 0o011);
	}
	await run('chown', ['postgres:postgres', dir]);
	fs.chmodSync(dir, 0o700);
	const data = path.join(dir, 'data');
	const asPostgres = (cmd, args, timeoutMs = 60000) =>
		run('runuser', ['-u', 'postgres', '--', cmd, ...args], { timeoutMs });
	const initdb = await asPostgres(path.join(bin, 'initdb'), [
		'-D',
		data,
		'-U',
		'postgres',
		'-E',
		'UTF8',
		'--locale=C.UTF-8',
		'--auth-local=trust',
		'--auth-host=scram-sha-256',
	]);
	if (initdb.code !== 0) throw new Error(`initdb failed:\n${tail(initdb.stdout + initdb.stderr)}`);
	const options = [
		`-p ${port}`,
		'-c listen_addresses=127.0.0.1',
		`-c unix_socket_directories=${dir}`,
		'-c fsync=off',
		'-c synchronous_commit=off',
		'-c full_page_writes=off',
	].join(' ');
	const start = await asPostgres(path.join(bin, 'pg_ctl'), [
		'-D',
		data,
		'-l',
		path.join(dir, 'postgres.log'),
		'-w',
		'-t',
		'60',
		'start',
		'-o',
		options,
	]);
	if (start.code !== 0) throw new Error(`pg_ctl start failed:\n${tail(start.stdout + start.stderr)}`);
	const pid = Number(fs.readFileSync(path.join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
	const killAtExit = () => {
		if (alive(pid)) process.kill(pid, 'SIGQUIT');
	};
	process.on('exit', killAtExit);
	const sql = [`CREATE ROLE ${user} LOGIN PASSWORD '${password}'`, `CREATE DATABASE ${database} OWNER ${user}`].flatMap(
		(c) => ['-c', c],
	);
	// psql as the superuser over the socket, stopping at the first failed statement
	const psql = (...args) =>
		asPostgres('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-v', 'ON_ERROR_STOP=1', ...args]);
	const created = await psql(...sql);
	if (created.code !== 0)
		throw new Error(`creating the n8n role and database failed:\n${tail(created.stdout + created.stderr)}`);
	return {
		pid,
		/** One SQL statement as the superuser over the socket; rows as arrays of strings. */
		async query(statement) {
			const r = await psql('-d', database, '-At', '-F', '\t', '-c', statement);
			if (r.code !== 0) throw new Error(`psql: ${tail(r.stderr)}`);
			return r.stdout
				.split('\n')
				.filter(Boolean)
				.map((line) => line.split('\t'));
		},
		async stop() {
			if (alive(pid)) process.kill(pid, 'SIGINT');
			if (!(await waitGone(pid, 15000)) && alive(pid)) process.kill(pid, 'SIGKILL');
			process.removeListener('exit', killAtExit);
		},
	};
}

module.exports = { ensurePackages, startRedis, startPostgres, alive };
