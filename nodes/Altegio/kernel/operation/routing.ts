/**
 * How every operation runs, and why through the pagination hook.
 *
 * The node is declarative: each operation declares its request (method, URL) and how to prepare it
 * (`prepare`) in its `routing`, and n8n's RoutingNode builds the request from the parameters. A declarative node has
 * exactly one place that may send a request more than once, RoutingNode's pagination hook
 * (`send.paginate` + `operations.pagination`). Altegio needs that everywhere: a shared throttle,
 * retries that are safe, pages, and read-then-write for updates (the API's PUT replaces the whole
 * client). So every operation, a single delete included, routes through `altegioOperation`, which
 * hands the request RoutingNode prepared to the operation's handler.
 *
 * The operation's `prepare` steps (preSend functions that read the parameters, check them and build
 * the query and body) run first, inside the same hook. A handler then receives an `OperationRequest`:
 * the method, URL, query and body they built, plus `settings`, everything else RoutingNode prepared for
 * this item (headers, timeout, proxy, Ignore SSL Issues). Handlers pass `settings` on with every request they send
 * through the transport, so Request Options apply to all of them. A handler returns the output
 * records; each becomes one item linked to the input item that produced it (n8n links items only
 * when the counts match). With Continue On Fail, a failure becomes one error item, linked too.
 */
import type {
	DeclarativeRestApiSettings,
	IBinaryKeyData,
	IDataObject,
	IExecutePaginationFunctions,
	IGetNodeParameterOptions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	INodeExecutionData,
	INodePropertyRouting,
	NodeApiError,
	PreSendAction,
} from 'n8n-workflow';

import type { RecordShape } from '../params';
import { ParameterError, asNodeError, shapeRecords, toId } from '../params';
import type { RequestSettings } from '../transport';
import { MAX_TIMER_MS, altegioRequest, asRecord } from '../transport';
import { onceIfRetried } from './retryGuard';

/** The request an operation's routing built (method, URL, query, body), after `prepare`. */
export interface OperationRequest {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	body: IDataObject | IDataObject[];
	settings?: RequestSettings;
}

/** Binary data a handler attaches to one of its output records (file downloads). */
export const binaryOf = new WeakMap<IDataObject, IBinaryKeyData>();

/** Sends the routed request (and any follow-ups) through the transport and returns output records. */
export type OperationHandler = (this: IExecutePaginationFunctions, request: OperationRequest) => Promise<IDataObject[]>;

/** `{{$parameter.name}}` in an operation's URL. */
const PARAMETER_IN_URL = /\{\{\s*\$parameter\.(\w+)\s*\}\}/g;

/**
 * The parameters an operation's URL is built from, when it uses nothing but `{{$parameter.name}}`.
 * Such a URL is filled in here from the values `prepare` already read and checked, instead of by
 * RoutingNode: on n8n 2.x every expression it resolves is a run in the expression sandbox, per
 * item, and a `$parameter` inside resolves that parameter's own expression once more.
 */
function urlParameters(url: string): string[] | undefined {
	if (!url.startsWith('=')) return undefined;
	if (url.replace(PARAMETER_IN_URL, '').includes('{{')) return undefined;
	return [...url.matchAll(PARAMETER_IN_URL)].map((match) => match[1]);
}

/**
 * This item's context with its parameter reads remembered: each parameter is resolved once per
 * item however often `prepare` and the handler read it (each read of an expression is a run in
 * n8n's expression sandbox). Callers must not change what they read.
 */
function readingOnce(ctx: IExecutePaginationFunctions): IExecutePaginationFunctions {
	const read = new Map<string, unknown>();
	const getNodeParameter = (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) => {
		const key = `${name}\n${options?.extractValue === true}\n${JSON.stringify(fallback) ?? ''}`;
		if (options && Object.keys(options).some((option) => option !== 'extractValue'))
			return ctx.getNodeParameter(name, fallback as never, options);
		if (!read.has(key)) read.set(key, ctx.getNodeParameter(name, fallback as never, options));
		return read.get(key);
	};
	return new Proxy(ctx, {
		get: (target, key) => {
			if (key === 'getNodeParameter') return getNodeParameter;
			const value = Reflect.get(target, key, target) as unknown;
			return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
		},
	});
}

/**
 * Routing for one operation: its request; `prepare`, the steps that check this item's parameters and
 * build the query and body before any request (in order; the first failure stops the item); and the
 * handler that sends it (default: one request).
 */
export function altegioOperation(config: {
	method: IHttpRequestMethods;
	url: string;
	prepare?: PreSendAction[];
	handler?: OperationHandler;
}): INodePropertyRouting {
	const handler = config.handler ?? sendOnce();
	const fromParameters = urlParameters(config.url);
	return {
		request: fromParameters ? { method: config.method } : { method: config.method, url: config.url },
		send: { paginate: true },
		operations: {
			async pagination(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) {
				const item = this.getItemIndex();
				const ctx = readingOnce(this);
				try {
					// Prepared here rather than as RoutingNode's preSend, so that a failing check becomes an
					// error item linked to its input item, like any other failure.
					let options = requestData.options as IHttpRequestOptions;
					for (const step of config.prepare ?? []) options = await step.call(ctx, options);
					// The transport sets the base URL itself, from the credential.
					const { method, url, qs, body, baseURL, ...settings } = options;
					void baseURL;
					// RoutingNode fills in 300 s when Request Options > Timeout is empty: the transport's own
					// default deadline applies then (see deadline.ts).
					const requestOptions = ctx.getNodeParameter('requestOptions', {}) as IDataObject;
					if (!requestOptions.timeout) delete settings.timeout;
					else checkTimeout(requestOptions.timeout);
					const filled = fromParameters
						? config.url
								.slice(1)
								.replace(PARAMETER_IN_URL, (_, name: string) =>
									String(ctx.getNodeParameter(name, undefined, { extractValue: true })),
								)
						: undefined;
					const request: OperationRequest = {
						method: (method ?? config.method) as IHttpRequestMethods,
						url: String(url ?? filled ?? ''),
						qs: (qs ?? {}) as IDataObject,
						body: (body ?? {}) as IDataObject,
						settings,
					};
					const records = await onceIfRetried(ctx, request, async () => await handler.call(ctx, request));
					return records.map((json): INodeExecutionData => {
						const binary = binaryOf.get(json);
						return binary ? { json, binary, pairedItem: { item } } : { json, pairedItem: { item } };
					});
				} catch (caught) {
					const error = asNodeError(this.getNode(), item, caught);
					if (!this.continueOnFail()) throw error;
					const message = (error as Error)?.message ?? String(error);
					return [{ json: { error: message }, error: error as NodeApiError, pairedItem: { item } }];
				}
			},
		},
	};
}

/** Node's timers fire at once beyond MAX_TIMER_MS: every try would abort, a stored write look failed. */
function checkTimeout(timeout: unknown) {
	const ms = Number(timeout);
	if (!Number.isFinite(ms) || ms < 0 || ms > MAX_TIMER_MS) {
		throw new ParameterError(
			'requestOptions.timeout',
			`Timeout (Request Options) must be between 1 and ${MAX_TIMER_MS.toLocaleString('en-US')} ms ` +
				`(about 24.8 days), got ${String(timeout)}`,
		);
	}
}

/** One request; the output is the unwrapped `data` (mapped), or `{ deleted: true }` for deletes. */
export function sendOnce(map: (data: IDataObject) => IDataObject = (data) => data): OperationHandler {
	return async function (request) {
		const { data } = await altegioRequest(this, request);
		if (request.method === 'DELETE') return [{ deleted: true }];
		if (Array.isArray(data)) return (data as IDataObject[]).map(map);
		return [map(asRecord(data))];
	};
}

/** A validated ID parameter (resource locators resolved), for handlers that build further URLs. */
export function idParameter(ctx: IExecutePaginationFunctions, name: string, label: string): string {
	return toId(ctx.getNodeParameter(name, undefined, { extractValue: true }), name, label);
}

/** A handler whose records are shaped by the item's Output parameter (see kernel/params/output.ts). */
export function withOutput(handler: OperationHandler, shape: RecordShape): OperationHandler {
	return async function (request) {
		return shapeRecords(this, await handler.call(this, request), shape);
	};
}
