'use strict';

/**
 * The example workflows (examples/*.json) in the e2e suite.
 *
 * Every example is imported exactly as shipped (proves the file imports into this n8n). To run
 * them, the suite imports a copy that is the example plus one added trigger, wired to the node
 * the example's own trigger feeds; nothing else changes, so the example's own Altegio nodes and
 * parameters are what runs:
 *   - a Schedule or Manual trigger gets a sibling Webhook (and is disabled in the copy: nobody
 *     waits until 02:00, and a schedule must not fire in the middle of a run);
 *   - the webhook example runs as is, through its own webhook;
 *   - the data-table mirror (example-mirror.js) is created through the public API once n8n runs;
 *   - the AI-agent example gets an MCP Server Trigger connected to the same Altegio tool nodes,
 *     so the tool variant (n8n-nodes-altegio.altegioTool) runs inside n8n without a language
 *     model: the MCP client below plays the model and calls the tools.
 */

const assert = require('node:assert/strict');
const { readExample, webhookNode, stableUuid, TOOL_TYPE, NODE_TYPE } = require('./lib/workflows');
const { McpClient } = require('./lib/mcp');
const { clientsOf, items, LOC, only } = require('./lib/caseKit');
const { mirrorExample } = require('./example-mirror');

const MCP_PATH = 'e2e-altegio-tools';

/** Nodes of an example that the given node feeds (main connections). */
function targetsOf(wf, nodeName) {
	const out = (wf.connections[nodeName] && wf.connections[nodeName].main) || [];
	return out.flat().map((c) => c.node);
}

/** The example plus a Webhook wired like its trigger. */
function withWebhook(example, id, webhookPath, triggerType, { responseData } = {}) {
	const wf = structuredClone(example);
	wf.id = id;
	wf.name = `${example.name} (e2e)`;
	const trigger = wf.nodes.find((n) => n.type === triggerType);
	assert.ok(trigger, `${example.name}: no ${triggerType} node`);
	// the copy's own trigger must not fire during a run (a schedule crossing 02:00)
	trigger.disabled = true;
	const hook = webhookNode('E2E webhook', webhookPath, [trigger.position[0], trigger.position[1] + 200], {
		responseData,
	});
	wf.nodes.push(hook);
	wf.connections[hook.name] = { main: [targetsOf(wf, trigger.name).map((node) => ({ node, type: 'main', index: 0 }))] };
	return wf;
}

/** The example plus an MCP Server Trigger that every Altegio tool node also feeds. */
function withMcpTrigger(example, id) {
	const wf = structuredClone(example);
	wf.id = id;
	wf.name = `${example.name} (e2e)`;
	const mcp = {
		id: stableUuid('node:e2e-mcp'),
		name: 'E2E MCP server',
		type: '@n8n/n8n-nodes-langchain.mcpTrigger',
		typeVersion: 2,
		position: [900, 40],
		webhookId: stableUuid('webhook:e2e-mcp'),
		parameters: { path: MCP_PATH },
	};
	wf.nodes.push(mcp);
	for (const node of wf.nodes.filter((n) => n.type === TOOL_TYPE)) {
		const conn = (wf.connections[node.name] = wf.connections[node.name] || {});
		conn.ai_tool = conn.ai_tool || [[]];
		conn.ai_tool[0].push({ node: mcp.name, type: 'ai_tool', index: 0 });
	}
	return wf;
}

/** The Altegio operations an example's nodes use (`resource.operation`). */
function operationsOf(example) {
	return example.nodes
		.filter((n) => n.type === NODE_TYPE || n.type === TOOL_TYPE)
		.map((n) => `${n.parameters.resource}.${n.parameters.operation}`);
}

/**
 * The body of a binary webhook answer. n8n 1.123 sends a Buffer held in memory as its JSON form
 * ({"type":"Buffer","data":[...]}) instead of the bytes; 2.x sends the bytes. A UTF-8 BOM is dropped.
 */
function fileText(res) {
	let text = res.text;
	if (res.json && res.json.type === 'Buffer' && Array.isArray(res.json.data))
		text = Buffer.from(res.json.data).toString('utf8');
	return text.replace(/^\uFEFF/, '');
}

function parseCsv(text) {
	// enough for counting rows: quoted fields may hold commas and doubled quotes, not new lines
	return text
		.trim()
		.split(/\r?\n/)
		.map((line) => {
			const cells = [];
			let cur = '';
			let quoted = false;
			for (let i = 0; i < line.length; i++) {
				const ch = line[i];
				if (quoted) {
					if (ch === '"' && line[i + 1] === '"') {
						cur += '"';
						i++;
					} else if (ch === '"') quoted = false;
					else cur += ch;
				} else if (ch === '"') quoted = true;
				else if (ch === ',') {
					cells.push(cur);
					cur = '';
				} else cur += ch;
			}
			cells.push(cur);
			return cells;
		});
}

/**
 * Example cases: {name, file, needs, copy(example) → the runnable copy (null: run as shipped), run(t)}.
 * `t` = {n8n, sb, line, available, track(fn)}; track runs fn and sets t.calls to the sandbox
 * requests made meanwhile.
 */
const exampleCases = [
	{
		name: 'example: nightly export of changed clients',
		file: 'nightly-export-changed-clients.json',
		needs: ['client.getAllLegacy'],
		copy: (ex) =>
			withWebhook(ex, 'e2eExNightly001', 'e2e-example-nightly', 'n8n-nodes-base.scheduleTrigger', {
				responseData: 'firstEntryBinary',
			}),
		async run(t) {
			const since = Date.now() - 86400000;
			const res = await t.track(() => t.n8n.webhook('e2e-example-nightly', {}));
			assert.equal(res.status, 200, `HTTP ${res.status}: ${res.text.slice(0, 300)}`);
			const rows = parseCsv(fileText(res));
			const header = rows[0];
			assert.ok(header.includes('id') && header.includes('last_change_date'), `CSV header: ${header.join(',')}`);
			const ids = rows.slice(1).map((r) => Number(r[header.indexOf('id')]));
			// clients created or changed in the last 24 hours: the demo's recent changes plus what earlier cases wrote
			const expected = clientsOf(t.sb, LOC)
				.filter((c) => c.last_change_at >= since)
				.map((c) => c.id)
				.sort((a, b) => a - b);
			assert.ok(expected.length > 0, 'the sandbox has recently changed clients');
			assert.deepEqual(
				[...ids].sort((a, b) => a - b),
				expected,
			);
			const list = only(t.calls, 'GET', new RegExp(`^/clients/${LOC}$`));
			assert.equal(list.length, 1);
			assert.ok(list[0].query.changed_after, 'changed_after is sent');
			assert.equal(list[0].query.count, '200', 'Return All asks 200 per page');
		},
	},
	{
		name: 'example: add a comment from a webhook',
		file: 'add-comment-from-webhook.json',
		needs: ['comment.create'],
		copy: null, // runs as shipped, through its own webhook
		async run(t) {
			const text = `Called back, rebooked for Friday (e2e ${t.line})`;
			const res = await t.track(() => t.n8n.webhook('altegio-client-comment', { clientId: 1, text }));
			// the example's webhook answers with the first item's JSON: the created comment
			assert.equal(res.status, 200, `HTTP ${res.status}: ${res.text.slice(0, 300)}`);
			assert.equal(res.json.text, text);
			assert.ok(Number.isInteger(res.json.id), `comment id: ${res.text.slice(0, 200)}`);
			assert.ok(
				t.sb.state.comments.some((c) => c.clientId === 1 && c.text === text),
				'the comment is stored in the sandbox',
			);
			const posts = only(t.calls, 'POST', new RegExp(`^/clients/${LOC}/clients/1/comments$`));
			assert.equal(posts.length, 1);
			assert.deepEqual(posts[0].body, { text });
		},
	},
	{
		name: 'example: visit history of one client',
		file: 'client-visit-history.json',
		needs: ['history.getAll'],
		copy: (ex) => withWebhook(ex, 'e2eExHistory001', 'e2e-example-history', 'n8n-nodes-base.manualTrigger'),
		async run(t) {
			const res = await t.track(() => t.n8n.webhook('e2e-example-history', {}));
			const out = items({ res });
			const records = t.sb.state.records.filter((r) => r.locationId === LOC && r.clientId === 1).length;
			const goods = t.sb.state.goodsTransactions.filter((g) => g.locationId === LOC && g.clientId === 1).length;
			assert.equal(out.length, records + goods, `${records} appointments + ${goods} sales`);
			const dates = out.map((o) => String(o.date));
			assert.deepEqual(dates, [...dates].sort().reverse(), 'newest first');
			const pages = only(t.calls, 'POST', new RegExp(`^/company/${LOC}/clients/visits/search$`));
			assert.ok(pages.length >= 3, `Return All followed the date cursor (${pages.length} pages)`);
		},
	},
	{
		name: 'example: AI agent tools (altegioTool via MCP)',
		file: 'ai-agent-client-lookup.json',
		needs: ['client.getAll', 'client.get'], // the history tool is called when history.getAll exists
		copy: (ex) => withMcpTrigger(ex, 'e2eExAgentMcp01'),
		async run(t) {
			const mcp = new McpClient(`${t.n8n.url}/mcp/${MCP_PATH}`);
			try {
				await mcp.initialize();
				const tools = await mcp.listTools();
				const names = tools.map((x) => x.name).sort();
				for (const n of ['Find_clients', 'Get_client', 'Visit_history'])
					assert.ok(names.includes(n), `tool ${n} listed: ${names.join(', ')}`);
				const find = tools.find((x) => x.name === 'Find_clients');
				assert.ok(
					find.inputSchema && find.inputSchema.properties && find.inputSchema.properties.query,
					`$fromAI('query') is in the schema: ${JSON.stringify(find.inputSchema)}`,
				);

				const found = await t.track(() => mcp.callTool('Find_clients', { query: 'Martin' }));
				const text = (found.content || []).map((c) => c.text || '').join('\n');
				assert.ok(!found.isError, `Find_clients failed: ${text.slice(0, 300)}`);
				const martins = clientsOf(t.sb, LOC).filter((c) => `${c.name} ${c.surname}`.includes('Martin'));
				for (const c of martins)
					assert.ok(
						text.includes(`"id":${c.id}`) || text.includes(`"id": ${c.id}`),
						`client ${c.id} in the tool answer: ${text.slice(0, 300)}`,
					);
				const search = only(t.calls, 'POST', new RegExp(`^/company/${LOC}/clients/search$`));
				assert.equal(search.length, 1, 'the tool searched once');
				assert.deepEqual(search[0].body.filters, [{ type: 'quick_search', state: { value: 'Martin' } }]);

				const got = await t.track(() => mcp.callTool('Get_client', { clientId: martins[0].id }));
				const gotText = (got.content || []).map((c) => c.text || '').join('\n');
				assert.ok(!got.isError, `Get_client failed: ${gotText.slice(0, 300)}`);
				assert.ok(gotText.includes(martins[0].surname), `Get_client answer: ${gotText.slice(0, 300)}`);
				assert.deepEqual(
					t.calls.map((c) => `${c.method} ${c.path}`),
					[`GET /client/${LOC}/${martins[0].id}`],
				);

				if (t.available.has('history.getAll')) {
					const hist = await t.track(() => mcp.callTool('Visit_history', { clientId: 1 }));
					const histText = (hist.content || []).map((c) => c.text || '').join('\n');
					assert.ok(!hist.isError, `Visit_history failed: ${histText.slice(0, 300)}`);
					assert.ok(only(t.calls, 'POST', new RegExp(`^/company/${LOC}/clients/visits/search$`)).length >= 1);
				}
			} finally {
				await mcp.close();
			}
		},
	},
	mirrorExample,
];

module.exports = { exampleCases, operationsOf, readExample, withWebhook, withMcpTrigger, MCP_PATH };
