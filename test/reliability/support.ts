/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/** Shared pieces of the reliability suites. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { runNode, sandboxSuite } from '../engine/harness';
import type { Sandbox } from '../engine/harness';
import { reliabilityTable } from './collector';

/** The suites' name for runNode (the harness loads the node as n8n's CLI does, Request Options included). */
export const run = runNode;

/** The location the reliability suites work at. */
export const LOCATION = 101;

/**
 * The set-up of a reliability suite: its table for docs/reliability.md (collector.ts) and one
 * sandbox for the file (the engine tests' sandboxSuite: reset before each test, `run` bound to
 * `resource` at LOCATION).
 */
export function reliabilitySuite(
	table: { id: string; title: string; intro: string },
	resource = '',
	sandboxOptions: IDataObject = {},
) {
	return {
		...sandboxSuite(resource, LOCATION, sandboxOptions),
		table: reliabilityTable(table.id, table.title, table.intro),
	};
}

/** The error text of an output item (Continue On Fail), or undefined for a normal item. */
export function itemError(item: INodeExecutionData): string | undefined {
	const message = item.error?.message ?? (item.json as IDataObject).error;
	return message === undefined ? undefined : String(message);
}

/** Waits until the sandbox has answered (or dropped) every request it received, e.g. a delayed one. */
export async function settle(sandbox: Sandbox, timeoutMs = 30_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (sandbox.requests.some((r) => r.respondedAt == null)) {
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
