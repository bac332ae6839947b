'use strict';

/** Child processes of the benchmark: the sandbox server and one process per measured scenario. */

const { fork } = require('node:child_process');
const path = require('node:path');

const BENCH_DIR = path.resolve(__dirname, '..');

/** Starts bench/sandbox-process.js; resolves to a handle with `url` and `call(cmd, extra)`. */
function startSandbox(options, nodeBin = process.execPath) {
	const child = fork(path.join(BENCH_DIR, 'sandbox-process.js'), [JSON.stringify(options)], {
		execPath: nodeBin,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// 100,000 clients and their request log fit easily; the default old space is enough too.
		execArgv: [],
	});
	let seq = 0;
	const pending = new Map();
	return new Promise((resolve, reject) => {
		child.once('exit', (code) => reject(new Error(`sandbox exited early (code ${code})`)));
		child.on('message', (m) => {
			if (m.ready) {
				child.removeAllListeners('exit');
				resolve({
					url: m.url,
					seedMs: m.seedMs,
					ids: m.ids,
					phones: m.phones,
					rssMB: m.rssMB,
					pid: child.pid,
					call(cmd, extra = {}) {
						const id = ++seq;
						return new Promise((res, rej) => {
							pending.set(id, { res, rej });
							child.send({ cmd, id, ...extra });
						});
					},
					async stop() {
						await this.call('stop').catch(() => {});
						if (child.exitCode === null) child.kill('SIGTERM');
					},
				});
				return;
			}
			const p = pending.get(m.reply);
			if (!p) return;
			pending.delete(m.reply);
			if (m.error) p.rej(new Error(m.error));
			else p.res(m.stats ?? null);
		});
	});
}

/**
 * Runs bench/scenario.js with `spec` under `nodeBin`. `onPhase(phase)` runs whenever the scenario
 * reaches a phase (e.g. 'warmed': the caller clears the sandbox's log there); the scenario goes on
 * once it resolves. Resolves to the scenario's result.
 */
function runScenario(spec, nodeBin, onPhase, timeoutMs = 15 * 60 * 1000) {
	const child = fork(path.join(BENCH_DIR, 'scenario.js'), [JSON.stringify(spec)], {
		execPath: nodeBin,
		execArgv: ['--expose-gc', ...(spec.execArgv || [])],
		cwd: spec.cwd,
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		// 'silent' would skip n8n's level set-up and make every debug call format its call site; n8n's
		// default is 'info', where debug calls are no-ops (as here).
		env: { ...process.env, N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn' },
	});
	return new Promise((resolve) => {
		let result = null;
		const timer = setTimeout(() => {
			result = { ok: false, kind: spec.kind, error: `timed out after ${timeoutMs / 1000} s` };
			child.kill('SIGKILL');
		}, timeoutMs);
		child.on('message', async (m) => {
			if (m.phase) {
				if (onPhase) await onPhase(m.phase);
				child.send({ go: m.phase });
				return;
			}
			result = m;
		});
		child.on('exit', (code, signal) => {
			clearTimeout(timer);
			resolve(
				result || {
					ok: false,
					kind: spec.kind,
					error: `scenario process exited (code ${code}, signal ${signal}) without a result`,
				},
			);
		});
	});
}

module.exports = { startSandbox, runScenario, BENCH_DIR };
