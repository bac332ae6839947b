'use strict';

/**
 * Child processes for the e2e runner and the dev loop: every child is the leader of its own
 * process group (detached), so stopping it also stops what it started (n8n's task runner, npm's
 * children). Everything started here is tracked and stopped on exit, SIGINT and SIGTERM.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');

const running = new Set();

function killGroup(child, signal) {
	if (!child.pid) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

/** Synchronous last resort (process 'exit'): SIGKILL every group still running. */
function killAllNow() {
	for (const child of running) killGroup(child, 'SIGKILL');
	running.clear();
}

let hooked = false;
/** Stop children on exit and on SIGINT/SIGTERM; `onSignal` may do async cleanup first. */
function installExitHandlers(onSignal) {
	if (hooked) return;
	hooked = true;
	process.on('exit', killAllNow);
	for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
		process.on(sig, async () => {
			process.stderr.write(`\n${sig}: stopping everything this run started\n`);
			const hardStop = setTimeout(() => {
				killAllNow();
				process.exit(130);
			}, 15000);
			hardStop.unref();
			try {
				if (onSignal) await onSignal(sig);
			} finally {
				killAllNow();
				process.exit(130);
			}
		});
	}
}

/**
 * Start a long-running child in its own process group.
 * @returns {{child, exited: Promise<{code, signal}>, stop: (timeoutMs?) => Promise<void>}}
 */
function startProcess(cmd, args, { env, cwd, logFile } = {}) {
	const out = logFile ? fs.openSync(logFile, 'a') : 'ignore';
	const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['ignore', out, out] });
	if (logFile) fs.closeSync(out);
	running.add(child);
	const exited = new Promise((resolve) => {
		child.once('exit', (code, signal) => {
			running.delete(child);
			resolve({ code, signal });
		});
		child.once('error', (err) => {
			running.delete(child);
			resolve({ code: null, signal: null, error: err });
		});
	});
	let stopping = null;
	const stop = (timeoutMs = 10000) => {
		if (stopping) return stopping;
		if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
		stopping = (async () => {
			killGroup(child, 'SIGTERM');
			let handle;
			const timer = new Promise((r) => (handle = setTimeout(r, timeoutMs, 'timeout')));
			const outcome = await Promise.race([exited, timer]);
			clearTimeout(handle);
			if (outcome === 'timeout') {
				killGroup(child, 'SIGKILL');
				await exited;
			}
			// the group may still hold children (task runner) after the leader exited
			killGroup(child, 'SIGKILL');
		})();
		return stopping;
	};
	return { child, exited, stop };
}

/**
 * Run a command to completion with a timeout; resolves {code, stdout, stderr, ms}. Never rejects
 * on a non-zero exit (the caller decides); rejects on timeout after killing the group.
 */
function run(cmd, args, { env, cwd, timeoutMs = 120000, input, inherit = false } = {}) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const out = inherit ? 'inherit' : 'pipe';
		const child = spawn(cmd, args, {
			cwd,
			env,
			detached: true,
			stdio: [input === undefined ? 'ignore' : 'pipe', out, out],
		});
		running.add(child);
		let stdout = '';
		let stderr = '';
		if (!inherit) {
			child.stdout.on('data', (d) => (stdout += d));
			child.stderr.on('data', (d) => (stderr += d));
		}
		if (input !== undefined) child.stdin.end(input);
		const timer = setTimeout(() => {
			killGroup(child, 'SIGKILL');
			reject(new Error(`timed out after ${timeoutMs} ms: ${cmd} ${args.join(' ')}\n${tail(stdout + stderr)}`));
		}, timeoutMs);
		child.once('error', (err) => {
			clearTimeout(timer);
			running.delete(child);
			reject(err);
		});
		child.once('close', (code, signal) => {
			clearTimeout(timer);
			running.delete(child);
			resolve({ code, signal, stdout, stderr, ms: Date.now() - started });
		});
	});
}

function tail(text, lines = 30) {
	return String(text).trimEnd().split('\n').slice(-lines).join('\n');
}

/** `n` distinct free TCP ports on 127.0.0.1, all held open together while they are chosen. */
async function freePorts(n) {
	const servers = [];
	try {
		for (let i = 0; i < n; i++) {
			const s = net.createServer();
			await new Promise((resolve, reject) => {
				s.once('error', reject);
				s.listen(0, '127.0.0.1', resolve);
			});
			servers.push(s);
		}
		return servers.map((s) => s.address().port);
	} finally {
		await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
	}
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Poll `fn` until it returns a truthy value; throws with `what` after `timeoutMs`. */
async function waitFor(what, fn, { timeoutMs = 60000, intervalMs = 150, abortIf } = {}) {
	const deadline = Date.now() + timeoutMs;
	let lastError;
	for (;;) {
		if (abortIf) {
			const reason = abortIf();
			if (reason) throw new Error(`${what}: ${reason}`);
		}
		try {
			const v = await fn();
			if (v) return v;
		} catch (err) {
			lastError = err;
		}
		if (Date.now() > deadline) {
			throw new Error(
				`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`,
			);
		}
		await sleep(intervalMs);
	}
}

module.exports = { startProcess, run, freePorts, waitFor, sleep, tail, installExitHandlers, killAllNow };
