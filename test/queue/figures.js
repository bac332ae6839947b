'use strict';

/** Figures of the load run (from the sandbox's request log) and the "Queue mode" section of docs/benchmarks.md. */

const fs = require('node:fs');

const START = '<!-- queue-mode:start (written by npm run bench:queue) -->';
const END = '<!-- queue-mode:end -->';

/** Most entries in any window of `ms` (a window is [t, t + ms)); `times` sorted. */
function busiest(times, ms) {
	let best = 0;
	for (let i = 0, j = 0; i < times.length; i++) {
		while (times[i] - times[j] >= ms) j++;
		best = Math.max(best, i - j + 1);
	}
	return best;
}

/** The shortest span from the first to the last of `count` requests that sliding windows allow. */
function fastestSpan(count, perSecond, perMinute) {
	const t = [];
	for (let k = 0; k < count; k++) {
		t.push(
			Math.max(
				k ? t[k - 1] : 0,
				k >= perSecond ? t[k - perSecond] + 1000 : 0,
				k >= perMinute ? t[k - perMinute] + 60000 : 0,
			),
		);
	}
	return count ? t[count - 1] - t[0] : 0;
}

/**
 * The load run as the sandbox saw it: `creates` are its log entries for the Create requests.
 * @param {Array<{status: number|null, perfAt: number, body: any}>} creates
 */
function loadFigures(creates, { perSecond, perMinute }) {
	const accepted = creates.filter((r) => r.status !== 429 && r.status !== null);
	const refused = creates.filter((r) => r.status === 429);
	const times = accepted.map((r) => r.perfAt).sort((a, b) => a - b);
	const span = times.length > 1 ? times[times.length - 1] - times[0] : 0;
	const acceptedPhones = new Set(accepted.map((r) => String(r.body && r.body.phone)));
	// A 429 was retried when the same row (its phone) was accepted after it.
	const retried = refused.filter((r) =>
		accepted.some((a) => a.perfAt > r.perfAt && String(a.body && a.body.phone) === String(r.body && r.body.phone)),
	).length;
	const fastest = fastestSpan(times.length, perSecond, perMinute);
	const sustained = Math.min(perSecond, perMinute / 60);
	const rate = span > 0 ? ((times.length - 1) / span) * 1000 : 0;
	return {
		requests: creates.length,
		/** 429 answers per 100 Create requests sent (the issue 26 target: under 5). */
		per100: creates.length ? (100 * refused.length) / creates.length : 0,
		accepted: accepted.length,
		distinctPhones: acceptedPhones.size,
		refused: refused.length,
		/** When each 429 came, in seconds from the first Create (where the processes met the limit). */
		refusedAtS: refused.map((r) => Math.round((r.perfAt - creates[0].perfAt) / 100) / 10),
		retried,
		spanS: span / 1000,
		fastestS: fastest / 1000,
		ratePerSecond: rate,
		ratePerMinute: rate * 60,
		/** Against the fastest schedule the windows allow for as many requests (bursts of 5/s included). */
		ofFastest: span > 0 ? fastest / span : 0,
		/** Against the sustained limit (the per-minute one binds beyond a minute). */
		ofSustained: rate / sustained,
		busiestSecond: busiest(times, 1000),
		busiestMinute: busiest(times, 60000),
	};
}

const f2 = (n) => n.toFixed(2);
const pct = (n) => `${(n * 100).toFixed(1)} %`;

/** The markdown section, between markers so that it can be replaced in place. */
function section(run) {
	const { load, workers, itemsPerExecution, executions, limit, trigger, machine, versions } = run;
	const ran = load.executions.map((e) => `${e.id} on ${e.worker}`).join(', ');
	const intro = [
		`Measured by \`npm run bench:queue\` (test/queue/run.js) on ${machine}: n8n ${versions.n8n} in queue mode,`,
		`one main process and ${workers} workers (\`EXECUTIONS_MODE=queue\`, PostgreSQL ${versions.postgres} as`,
		`n8n's database, Redis ${versions.redis} as the queue), all loading the package from one shared`,
		'`.n8n/nodes`. The sandbox enforced',
		`${limit.perSecond} requests per second and ${limit.perMinute} per minute in real time (sliding windows over`,
		'accepted requests, 429 beyond them, no Retry-After), and the credential asked for the same limits.',
		`${executions} executions of ${itemsPerExecution} Client > Create items each (distinct phones) were started`,
		"together through a webhook, so each worker's throttle met the other worker's requests at the same",
		'IP. See [queue mode](queue-mode.md) for what is shared and what is per process.',
	].join(' ');
	return [
		START,
		'## Queue mode',
		'',
		intro,
		'',
		'| figure | value |',
		'| --- | --- |',
		`| executions and the worker that ran each | ${ran} |`,
		`| wall time, the ${executions} webhook calls started together until all answered | ${f2(load.wallS)} s |`,
		`| Create requests accepted / distinct phones created | ${load.accepted} / ${load.distinctPhones} |`,
		`| 429 answers the sandbox sent / then retried and accepted | ${load.refused} / ${load.retried} |`,
		`| 429s per 100 Create requests (target under 5) | ${load.per100.toFixed(1)} |`,
		`| items with an error (429 or other) | ${load.itemErrors} |`,
		`| first to last accepted create | ${f2(load.spanS)} s (the windows allow ${f2(load.fastestS)} s at best) |`,
		`| achieved rate | ${f2(load.ratePerSecond)}/s = ${load.ratePerMinute.toFixed(1)}/min |`,
		`| against the sustained limit (${limit.perMinute}/min; target at least 90 %) | ${pct(load.ofSustained)} |`,
		`| against the fastest schedule (${limit.perSecond}/s bursts, then the minute window) | ${pct(load.ofFastest)} |`,
		`| busiest second / minute at the sandbox | ${load.busiestSecond} / ${load.busiestMinute} |`,
		`| Altegio Trigger polls logged by main / by the workers | ${trigger.mainPolls} / ${trigger.workerPolls} |`,
		`| Altegio Trigger: new clients / executions | ${trigger.clients} / ${trigger.executions}, ` +
			`run by ${trigger.ranOn} |`,
		'',
		[
			"Without a shared store each worker learns its share from the 429s: a 429 cuts the process's",
			'allowance to what Altegio took from it in the last second (at least half of it, at most three',
			'quarters; the last minute when the minute is full), takes the minute to be shared alike, spaces its',
			'requests evenly at that share, holds it for 5 s and then halves the gap to the limits every 20 s',
			'(`nodes/Altegio/kernel/budget/throttle.ts`). The 429s above',
			'are the price of that learning: the node waited each one out and sent the row again, so no item',
			'failed and no client was created twice. The same run fluctuates by a few 429s and percent from run',
			'to run (real time on a shared machine).',
		].join(' '),
		END,
	].join('\n');
}

/** Put the section into the file, replacing an earlier one; appended at the end the first time. */
function writeSection(file, text) {
	const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmarks\n';
	const start = current.indexOf(START);
	const end = current.indexOf(END);
	const next =
		start >= 0 && end > start
			? current.slice(0, start) + text + current.slice(end + END.length)
			: `${current.trimEnd()}\n\n${text}\n`;
	fs.writeFileSync(file, next);
}

module.exports = { loadFigures, section, writeSection, busiest, fastestSpan, START, END };
