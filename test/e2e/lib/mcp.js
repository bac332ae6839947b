'use strict';

/**
 * A minimal MCP client (Streamable HTTP transport, JSON-RPC 2.0) for n8n's MCP Server Trigger
 * (typeVersion 2: POST /mcp/<path>). It lets the suite run the node's AI-tool variant
 * (`n8n-nodes-altegio.altegioTool`) inside a real n8n without a language model: the MCP trigger
 * lists the connected tools and executes them with the arguments given here.
 */

function parseBody(text, contentType) {
	if (/text\/event-stream/.test(contentType || '')) {
		const messages = [];
		for (const block of text.split(/\r?\n\r?\n/)) {
			const data = block
				.split(/\r?\n/)
				.filter((l) => l.startsWith('data:'))
				.map((l) => l.slice(5).trimStart())
				.join('\n');
			if (data) messages.push(JSON.parse(data));
		}
		return messages;
	}
	return text.trim() ? [JSON.parse(text)] : [];
}

class McpClient {
	constructor(url, { timeoutMs = 30000 } = {}) {
		this.url = url;
		this.timeoutMs = timeoutMs;
		this.sessionId = null;
		this.nextId = 1;
	}

	async post(message) {
		const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
		if (this.sessionId) headers['mcp-session-id'] = this.sessionId;
		const res = await fetch(this.url, {
			method: 'POST',
			headers,
			body: JSON.stringify(message),
			signal: AbortSignal.timeout(this.timeoutMs),
		});
		const sid = res.headers.get('mcp-session-id');
		if (sid) this.sessionId = sid;
		const text = await res.text();
		if (res.status >= 400) throw new Error(`MCP ${message.method} answered HTTP ${res.status}: ${text.slice(0, 300)}`);
		return parseBody(text, res.headers.get('content-type'));
	}

	async call(method, params) {
		const id = this.nextId++;
		const messages = await this.post({ jsonrpc: '2.0', id, method, params });
		const reply = messages.find((m) => m.id === id);
		if (!reply)
			throw new Error(`MCP ${method}: no reply with id ${id} (got ${JSON.stringify(messages).slice(0, 300)})`);
		if (reply.error) throw new Error(`MCP ${method} error ${reply.error.code}: ${reply.error.message}`);
		return reply.result;
	}

	async initialize() {
		const result = await this.call('initialize', {
			protocolVersion: '2025-03-26',
			capabilities: {},
			clientInfo: { name: 'n8n-nodes-altegio-e2e', version: '1.0.0' },
		});
		await this.post({ jsonrpc: '2.0', method: 'notifications/initialized' });
		return result;
	}

	async listTools() {
		return (await this.call('tools/list', {})).tools;
	}

	async callTool(name, args) {
		return this.call('tools/call', { name, arguments: args });
	}

	async close() {
		if (!this.sessionId) return;
		try {
			await fetch(this.url, {
				method: 'DELETE',
				headers: { 'mcp-session-id': this.sessionId },
				signal: AbortSignal.timeout(5000),
			});
		} catch {
			// the server goes away with n8n anyway
		}
	}
}

module.exports = { McpClient };
