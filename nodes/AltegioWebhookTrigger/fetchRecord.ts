import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { altegioRequest } from '../Altegio/kernel/transport';

/**
 * What Altegio says about the client now: its record, that it does not have it (HTTP 404), or the
 * error that kept it from saying (the transport's, with Altegio's text and no secret).
 */
export type Reading = { record: IDataObject } | { gone: true } | { failed: NodeApiError | NodeOperationError };

/** Each try ends after this long, so that a slow API does not hold the answer to Altegio for long. */
const TRY_DEADLINE_MS = 5_000;

const isPlainObject = (value: unknown): value is IDataObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Reads the client through the package's transport (throttle, retries, redaction), with the node's
 * optional credential. Any failure other than a 404 is handed back to be thrown.
 */
export async function fetchClient(ctx: IWebhookFunctions, locationId: number, clientId: number): Promise<Reading> {
	try {
		const { data } = await altegioRequest(ctx, {
			method: 'GET',
			url: `/client/${locationId}/${clientId}`,
			settings: { timeout: TRY_DEADLINE_MS },
		});
		if (isPlainObject(data)) return { record: data };
		return { failed: new NodeOperationError(ctx.getNode(), 'Fetch Record: Altegio answered without a client record') };
	} catch (error) {
		if (error instanceof NodeApiError && error.httpCode === '404') return { gone: true };
		if (error instanceof NodeApiError || error instanceof NodeOperationError) return { failed: error };
		return { failed: new NodeOperationError(ctx.getNode(), error as Error) };
	}
}
