/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The Altegio Webhook Trigger behind a loopback HTTP server, called the way n8n's webhook service
 * calls a webhook node: n8n-core's WebhookContext over the workflow, the node and additionalData
 * holding the request (JSON body parsed, headers), then `webhook()`. Its answer goes back as n8n
 * does it for `responseMode: 'onReceived'`: `webhookResponse` with HTTP 200; `workflowData` is
 * what n8n would start an execution with (kept in `started`); a thrown error is what n8n records
 * as a failed execution (kept in `failed`, answered 500). Activation runs the node's
 * webhookMethods through n8n-core's HookContext, as n8n does when a workflow is activated.
 * The lines the node logs through n8n's Logger are kept in `logs`.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import { HookContext, WebhookContext } from 'n8n-core';
import type { IDataObject, INode, INodeParameters, IWebhookData, IWebhookFunctions } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import * as core from 'n8n-core';
import * as workflowModule from 'n8n-workflow';

import { AltegioApi } from '../../../credentials/AltegioApi.credentials';
import { AltegioWebhookTrigger } from '../../../nodes/AltegioWebhookTrigger/AltegioWebhookTrigger.node';
import { useRetryPolicy } from '../../../nodes/Altegio/kernel/transport';
import { byId, sandboxSuite } from '../harness';
import type { TestCredentialsHelper } from '../harness';

const { createDriver } = require('../driver');

export const WEBHOOK_TYPE = 'n8n-nodes-altegio.altegioWebhookTrigger';
const NAME = 'Altegio Webhook Trigger';
const driver = createDriver({ core, workflow: workflowModule, credentialType: new AltegioApi() });
const nodeType = driver.loadNodeType(new AltegioWebhookTrigger()) as AltegioWebhookTrigger;

export interface LogLine {
	level: string;
	message: string;
	meta?: unknown;
}

/**
 * Everything n8n's Logger receives while a test runs (the node logs through it): the Logger in n8n's
 * container is replaced by one that keeps the lines (its methods cannot be spied on: read-only).
 */
export function captureLogs(lines: LogLine[] = []): LogLine[] {
	const keep = (level: string) => (message: string, meta?: unknown) => {
		lines.push({ level, message, meta });
	};
	const logger: any = { error: keep('error'), warn: keep('warn'), info: keep('info'), debug: keep('debug') };
	logger.scoped = () => logger;
	Container.set(Logger, logger);
	return lines;
}

let counter = 0;

export interface Receiver {
	/** The trigger's URL (POST). */
	url: string;
	/** Item JSON of each execution n8n would start, in order. */
	started: IDataObject[][];
	/** Errors `webhook()` threw (n8n records a failed execution for each). */
	failed: Error[];
	activate(): Promise<void>;
	close(): Promise<void>;
}

/**
 * A receiver for one trigger node. `workflowId` and `nodeId` name the receiver (de-duplication is
 * per workflow and node); each call makes a fresh pair unless given.
 */
export interface ReceiverOptions {
	parameters: INodeParameters;
	credentials?: TestCredentialsHelper;
	withCredential?: boolean;
	workflowId?: string;
	nodeId?: string;
	mode?: 'webhook' | 'manual';
}

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
	counter++;
	const node: INode = {
		id: options.nodeId ?? `webhook-node-${counter}`,
		name: NAME,
		type: WEBHOOK_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: options.parameters,
		webhookId: `hook-${counter}`,
		...(options.withCredential !== false && options.credentials
			? { credentials: { altegioApi: { id: 'cred-1', name: 'Altegio account' } } }
			: {}),
	};
	const workflow = new Workflow({
		id: options.workflowId ?? `wf-webhook-${counter}`,
		nodes: [node],
		connections: {},
		nodeTypes: driver.nodeTypesOf({ [WEBHOOK_TYPE]: nodeType }),
		active: true,
		settings: {},
	});
	const description = nodeType.description.webhooks![0];
	const webhookData = (additionalData: object) =>
		({
			httpMethod: 'POST',
			node: NAME,
			path: `${node.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
		}) as unknown as IWebhookData;
	const started: IDataObject[][] = [];
	const failed: Error[] = [];
	const mode = options.mode ?? 'webhook';

	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', async () => {
			const raw = Buffer.concat(chunks).toString('utf8');
			let body: unknown = raw;
			if (/json/.test(String(req.headers['content-type']))) {
				try {
					body = raw === '' ? {} : JSON.parse(raw);
				} catch {
					res.writeHead(400).end('{"message":"bad JSON"}');
					return;
				}
			}
			const additionalData = driver.additionalData(options.credentials) as any;
			additionalData.httpRequest = { body, headers: req.headers, params: {}, query: {}, method: 'POST' };
			const context = new WebhookContext(workflow, node, additionalData, mode, webhookData(additionalData), [], null);
			try {
				const result = await nodeType.webhook.call(context as unknown as IWebhookFunctions);
				if (result.workflowData) started.push(result.workflowData[0].map((item) => item.json));
				// n8n: a started execution is answered with the description's responseData, else webhookResponse
				const answer = result.workflowData ? description.responseData : result.webhookResponse;
				res.writeHead(200);
				res.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
			} catch (error) {
				failed.push(error as Error);
				res.writeHead(500, { 'content-type': 'application/json' });
				res.end('{"message":"Error in workflow"}');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/${node.webhookId}/webhook`,
		started,
		failed,
		async activate() {
			const additionalData = driver.additionalData(options.credentials);
			const hook = new HookContext(workflow, node, additionalData, 'trigger', 'activate', webhookData(additionalData));
			const methods = nodeType.webhookMethods.default;
			if (!(await methods.checkExists.call(hook))) await methods.create.call(hook);
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}

export const ALL_EVENTS = ['clientCreated', 'clientUpdated', 'clientDeleted'];

/**
 * The set-up of every webhook trigger test file: sandboxSuite (one sandbox at `location`, reset
 * before each test) plus the lines logged during each test (`logs`, emptied before each) and
 * `receiver()`, a trigger for all events at `location` with credentials for the sandbox, closed
 * after the test. `fastRetries`: retries of Fetch Record wait 5 ms instead of seconds.
 */
export function receiverSuite(location = 101, { fastRetries = false } = {}) {
	const suite = sandboxSuite('', location);
	const receivers: Receiver[] = [];
	const logs: LogLine[] = [];
	if (fastRetries) {
		beforeAll(() => useRetryPolicy({ backoffBaseMs: 5 }));
		afterAll(() => useRetryPolicy());
	}
	beforeEach(() => {
		logs.length = 0;
		captureLogs(logs);
	});
	afterEach(async () => {
		for (const r of receivers.splice(0)) await r.close();
	});
	async function receiver(parameters: IDataObject = {}, extra: Partial<ReceiverOptions> = {}) {
		const r = await startReceiver({
			parameters: { locationId: byId(String(location)), events: ALL_EVENTS, ...parameters } as INodeParameters,
			credentials: suite.credentials(),
			...extra,
		});
		receivers.push(r);
		return r;
	}
	return { ...suite, logs, receiver };
}
