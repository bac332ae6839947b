'use strict';

/**
 * Jobs of the benchmark: what one workflow run does, by `build`. A job runner returns
 * `{ items, error }` (the last node's output items). `warm` selects a small variant of the same
 * work, run once before a measured run.
 *
 *   undici      the floor: the client search with a raw undici loop, pages parsed and rows kept
 *   altegio     Client > Get Many (job.want: { returnAll } or { limit })
 *   http        the HTTP Request node's pagination + Split Out, the same searches
 *   createMany  Client > Create Many, job.rows rows in one item
 *   create      Client > Create, job.rows items;  httpCreate: the same POSTs with the HTTP Request node
 *   get         Client > Get, one item per ID in job.ids;  httpGet: the same GETs with the HTTP Request node
 *   getTypedIn  the same N Gets of the first ID typed in (no expression); httpGetTypedIn: the HTTP Request node's
 *   op          the Altegio node with job.parameters and job.input
 * A job may name its credential (job.userToken, job.credentialId) and limits (job.limits).
 */

const path = require('node:path');

const W = require('./workflows');

/** The floor: the same requests with undici, pages parsed, rows kept (as any node's output must be). */
async function undiciLoop(spec, want) {
	const undici = require(path.join(spec.projectDir, 'node_modules', 'undici'));
	const url = `${spec.url}/company/${W.LOCATION}/clients/search`;
	const body = W.searchBody(spec);
	const size = want.returnAll ? W.PAGE : want.limit;
	const rows = [];
	for (let page = 1; ; page++) {
		const res = await undici.request(url, {
			method: 'POST',
			headers: { authorization: W.authOf(spec), accept: W.ACCEPT, 'content-type': 'application/json' },
			body: JSON.stringify({ ...body, page, page_size: size }),
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

/** The workflow of an Altegio job: its parameters and input items. */
function altegioWork(job, warm) {
	switch (job.build) {
		case 'altegio':
			return { parameters: W.getAllParameters(warm ? { limit: 30 } : job.want) };
		case 'createMany':
			return {
				parameters: {
					resource: 'client',
					operation: 'createMany',
					locationId: W.byId(W.WRITE_LOCATION),
					rowsFrom: 'json',
					clients: JSON.stringify(W.createRows(warm ? 2 : job.rows, warm ? 9_000_000 : 0)),
				},
			};
		case 'create':
			return { parameters: W.createParameters(), input: W.createRows(warm ? 2 : job.rows, warm ? 9_100_000 : 0) };
		case 'get':
		case 'getTypedIn':
			return {
				parameters: W.getParameters(job.build === 'get' ? undefined : job.ids[0]),
				input: (warm ? job.ids.slice(0, 2) : job.ids).map((id) => ({ id })),
			};
		case 'op':
			return { parameters: job.parameters, input: job.input };
		default:
			return null;
	}
}

/** Builds the run function of a job. */
function jobRunner(engine, spec, job, warm) {
	if (job.build === 'undici') return () => undiciLoop(spec, warm ? { limit: 30 } : job.want);
	const work = altegioWork(job, warm);
	if (work) {
		const node = W.altegioNode(work.parameters, { credentialId: job.credentialId });
		const credentials = W.credentialValues(spec, job.limits, job.userToken);
		return () => engine.runWorkflow({ nodes: [node], input: work.input, credentials });
	}
	if (!engine.hasHttpRequest) throw new Error('this engine has no n8n-nodes-base');
	switch (job.build) {
		case 'http':
			return () => engine.runWorkflow(W.httpSearchWorkflow(engine, spec, warm ? { limit: 30 } : job.want));
		case 'httpCreate': {
			const input = W.createRows(warm ? 2 : job.rows, warm ? 9_200_000 : 0);
			return () => engine.runWorkflow({ nodes: [W.httpCreateNode(engine, spec)], input });
		}
		case 'httpGet':
		case 'httpGetTypedIn': {
			const input = (warm ? job.ids.slice(0, 2) : job.ids).map((id) => ({ id }));
			const node = W.httpGetNode(engine, spec, job.build === 'httpGet' ? undefined : job.ids[0]);
			return () => engine.runWorkflow({ nodes: [node], input });
		}
		default:
			throw new Error(`unknown job ${job.build}`);
	}
}

/** Output items of a write that report no stored client (the HTTP node shows the API's envelope). */
function failedItems(job, items) {
	const ok = {
		createMany: (json) => json && json.success !== false && json.id !== undefined,
		create: (json) => json && json.success !== false && json.id !== undefined,
		get: (json) => json && json.id !== undefined,
		httpCreate: (json) => json && json.success && json.data && json.data.id,
		httpGet: (json) => json && json.success && json.data && json.data.id,
	};
	ok.getTypedIn = ok.get;
	ok.httpGetTypedIn = ok.httpGet;
	const check = ok[job.build];
	return check ? items.filter((item) => !check(item.json || item)).length : undefined;
}

module.exports = { jobRunner, failedItems };
