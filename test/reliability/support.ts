/** Shared pieces of the reliability suites. */
import { DirectoryLoader } from 'n8n-core';
import type { IDataObject, INodeExecutionData, INodeType } from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { NODE_TYPE, runNode, type RunOptions, type RunResult } from '../engine/harness';
import type { Sandbox } from '../engine/setup';

/**
 * The node as n8n's loader prepares a declarative node: it adds the "Request Options" collection
 * (batching, proxy, timeout), which is where a user sets the timeout that RoutingNode hands on.
 */
export function loadedAltegio(): INodeType {
	const node = new Altegio();
	node.description = { ...node.description, properties: [...node.description.properties] };
	DirectoryLoader.applyDeclarativeNodeOptionParameters(node);
	return node;
}

const loaded = loadedAltegio();

/** runNode with the loaded node type (same type name, so saved-workflow parameters are unchanged). */
export async function run(options: RunOptions): Promise<RunResult> {
	return await runNode({ ...options, extraTypes: { ...options.extraTypes, [NODE_TYPE]: loaded } });
}

/** The error text of an output item (Continue On Fail), or undefined for a normal item. */
export function itemError(item: INodeExecutionData): string | undefined {
	const message = item.error?.message ?? (item.json as IDataObject).error;
	return message === undefined ? undefined : String(message);
}

/** Waits until the sandbox has answered (or dropped) every request it received, e.g. a delayed one. */
export async function settle(sandbox: Sandbox, timeoutMs = 10_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (sandbox.requests.some((r) => (r as { respondedAt?: number | null }).respondedAt == null)) {
		if (Date.now() > deadline) throw new Error('the sandbox still holds a request');
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

/** Requests as a short readable list: `POST /clients/101 201, ...`. */
export function requestLine(sandbox: Sandbox, describe?: (r: Sandbox['requests'][number]) => string): string {
	return sandbox.requests
		.map((r) => (describe ? describe(r) : `${r.method} ${r.path}`) + ` → ${r.status === null ? 'dropped' : r.status}`)
		.join(', ');
}

/** Shortens a message for a table cell. */
export function short(text: string | undefined, max = 160): string {
	if (text === undefined) return '';
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Circular-safe text of anything, Error properties (message, stack, cause, …) included. */
export function deepText(value: unknown): string {
	const seen = new WeakSet<object>();
	const walk = (v: unknown, depth: number): unknown => {
		if (v === null || typeof v !== 'object')
			return typeof v === 'function' ? `[function ${(v as { name?: string }).name}]` : v;
		if (seen.has(v) || depth > 12) return '[seen]';
		seen.add(v);
		if (Buffer.isBuffer(v)) return v.toString('utf8');
		if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
		const out: Record<string, unknown> = {};
		const keys = new Set([...Object.getOwnPropertyNames(v), ...Object.keys(v)]);
		if (v instanceof Error) for (const k of ['message', 'stack', 'cause', 'description']) keys.add(k);
		for (const key of keys) {
			try {
				out[key] = walk((v as Record<string, unknown>)[key], depth + 1);
			} catch {
				out[key] = '[unreadable]';
			}
		}
		return out;
	};
	return JSON.stringify(walk(value, 0)) ?? '';
}
