import type { IDataObject, IHookFunctions, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ParameterError, toId } from '../Altegio/kernel/params';
import { CREDENTIAL_TYPE } from '../Altegio/kernel/transport';
import { toClientOutput } from '../Altegio/model/client';
import type { Delivery } from './delivery';
import { bodyBytes, readDelivery } from './delivery';
import { fetchClient } from './fetchRecord';
import { deliveryKey, forget, seenBefore } from './recentDeliveries';

/**
 * What every POST gets back, event or not: HTTP 200 with this text, so a sender probing the URL
 * learns nothing, and Altegio (which does not retry) never sees a failure for a body it sent. It is
 * also the webhook's `responseData`: without one, n8n answers a started execution with the text
 * "firstEntryJson" (1.123 and 2.41 alike), and an ignored one with this.
 */
export const ANSWER = 'OK';

/** The client as the node outputs it: the one place where a record is read for the output. */
function clientOutput(record: IDataObject): IDataObject {
	return toClientOutput(record);
}

interface Settings {
	locationId: number;
	events: string[];
	fetchRecord: boolean;
}

/** The node's parameters, checked: an error names the parameter (at activation and on each call). */
export function readSettings(ctx: IWebhookFunctions | IHookFunctions): Settings {
	const node = ctx.getNode();
	const fail = (message: string) => new NodeOperationError(node, message);
	let locationId: string;
	try {
		locationId = toId(ctx.getNodeParameter('locationId', undefined, { extractValue: true }), 'locationId', 'Location');
	} catch (error) {
		throw fail(error instanceof ParameterError ? error.message : String(error));
	}
	const events = ctx.getNodeParameter('events', []) as unknown;
	if (!Array.isArray(events) || events.length === 0) throw fail('Events (events): choose at least one event');
	const options = ctx.getNodeParameter('options', {}) as IDataObject;
	const fetchRecord = options.fetchRecord === true;
	if (fetchRecord && !node.credentials?.[CREDENTIAL_TYPE]) {
		throw fail('Fetch Record (options.fetchRecord) needs an Altegio API credential: choose one, or turn it off');
	}
	return { locationId: Number(locationId), events: events.map(String), fetchRecord };
}

function ignore(ctx: IWebhookFunctions, reason: string, level: 'info' | 'warn' = 'warn'): IWebhookResponseData {
	const node = ctx.getNode();
	ctx.logger[level](`Altegio Webhook Trigger "${node.name}": delivery ignored, ${reason}`, {
		workflowId: ctx.getWorkflow().id,
		nodeName: node.name,
	});
	return { webhookResponse: ANSWER };
}

/**
 * One POST: checked, de-duplicated, optionally confirmed by reading the client, then one item.
 * Anything that is not a fresh client event of the chosen location starts nothing.
 */
export async function receive(this: IWebhookFunctions): Promise<IWebhookResponseData> {
	const settings = readSettings(this);
	const body = this.getBodyData() as unknown;
	const reading = readDelivery(body, settings.locationId, bodyBytes(this.getHeaderData() as IDataObject, body));
	if ('ignored' in reading) return ignore(this, reading.ignored);
	const delivery: Delivery = reading.delivery;
	if (!settings.events.includes(delivery.event)) return ignore(this, `${delivery.event} is not selected`, 'info');
	const receiver = [String(this.getWorkflow().id), this.getNode().id, this.getMode()];
	const key = deliveryKey(receiver, [settings.locationId, delivery.clientId, delivery.event, delivery.data]);
	if (seenBefore(key)) return ignore(this, `the same ${delivery.event} was delivered again`, 'info');
	const json: IDataObject = {
		event: delivery.event,
		locationId: settings.locationId,
		clientId: delivery.clientId,
		receivedAt: new Date().toISOString(),
	};
	if (!settings.fetchRecord) {
		if (delivery.data) json.client = clientOutput(delivery.data);
		return { webhookResponse: ANSWER, workflowData: [[{ json }]] };
	}
	const now = await fetchClient(this, settings.locationId, delivery.clientId);
	if ('failed' in now) {
		// Thrown: n8n records a failed execution. A re-delivery may find Altegio answering again.
		forget(key);
		throw now.failed;
	}
	if (delivery.event === 'clientDeleted') {
		// Confirmed only by Altegio's 404; the payload's record is not passed on (it is not trusted).
		if (!('gone' in now)) return ignore(this, 'Fetch Record: Altegio still has the client, not deleted');
	} else {
		if ('gone' in now) return ignore(this, `Fetch Record: Altegio does not have the client (${delivery.event})`);
		json.client = clientOutput(now.record);
	}
	return { webhookResponse: ANSWER, workflowData: [[{ json }]] };
}
