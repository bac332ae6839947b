import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IExecutePaginationFunctions,
	IHttpRequestMethods,
	INodeExecutionData,
	INodePropertyRouting,
	PreSendAction,
} from 'n8n-workflow';

import { altegioRequest } from './transport';
import { asNodeError, toId } from './validation';

/** The request an operation's routing built (method, URL, query, body), after preSend. */
export interface OperationRequest {
	method: IHttpRequestMethods;
	url: string;
	qs: IDataObject;
	body: IDataObject | IDataObject[];
	timeout?: number;
}

/** Sends the routed request (and any follow-ups) through the transport and returns output records. */
export type OperationHandler = (this: IExecutePaginationFunctions, request: OperationRequest) => Promise<IDataObject[]>;

/**
 * Routing for one operation. The request is declared as usual; `send.paginate` hands it to
 * `handler` through RoutingNode's pagination hook, the one place where a declarative node may
 * send a request again (throttle, retry) or several (pages, read-then-write).
 */
export function altegioOperation(config: {
	method: IHttpRequestMethods;
	url: string;
	checks?: PreSendAction[];
	handler?: OperationHandler;
}): INodePropertyRouting {
	const handler = config.handler ?? sendOnce();
	return {
		request: { method: config.method, url: config.url },
		send: { paginate: true, preSend: config.checks ?? [] },
		operations: {
			async pagination(this: IExecutePaginationFunctions, requestData: DeclarativeRestApiSettings.ResultOptions) {
				const { options } = requestData;
				const request: OperationRequest = {
					method: (options.method ?? config.method) as IHttpRequestMethods,
					url: String(options.url ?? ''),
					qs: (options.qs ?? {}) as IDataObject,
					body: (options.body ?? {}) as IDataObject,
					timeout: options.timeout,
				};
				try {
					const records = await handler.call(this, request);
					return records.map((json): INodeExecutionData => ({ json }));
				} catch (error) {
					throw asNodeError(this.getNode(), this.getItemIndex(), error);
				}
			},
		},
	};
}

/** One request; the output is the unwrapped `data` (mapped), or `{ deleted: true }` for deletes. */
export function sendOnce(map: (data: IDataObject) => IDataObject = (data) => data): OperationHandler {
	return async function (request) {
		const { data } = await altegioRequest(this, request);
		if (request.method === 'DELETE') return [{ deleted: true }];
		if (Array.isArray(data)) return (data as IDataObject[]).map(map);
		return [map((data ?? {}) as IDataObject)];
	};
}

/** A validated ID parameter (resource locators resolved), for handlers that build further URLs. */
export function idParameter(ctx: IExecutePaginationFunctions, name: string, label: string): string {
	return toId(ctx.getNodeParameter(name, undefined, { extractValue: true }), name, label);
}
