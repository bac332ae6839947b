/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The harness loads declarative nodes as n8n's CLI does (RoutingNode over the real ExecuteContext),
 * so each item's context carries the execution's cancel signal and a test can press Stop.
 */
import type { IExecuteSingleFunctions, IHttpRequestOptions, INodeType } from 'n8n-workflow';

import { byId, NODE_TYPE, startNode, credentials, sandboxSuite } from './harness';

const { sandbox } = sandboxSuite();

/** Resolves when `signal` aborts. */
const aborted = (signal: AbortSignal) =>
	new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

describe('Stop', () => {
	test('the item context has the cancel signal, and Stop aborts it', async () => {
		let seen: AbortSignal | undefined;
		let reached: () => void = () => {};
		const nodeReached = new Promise<void>((resolve) => (reached = resolve));
		// A declarative node whose request waits in preSend until the execution is stopped.
		const waiting: INodeType = {
			description: {
				displayName: 'Waits',
				name: 'waits',
				group: ['transform'],
				version: 1,
				description: '',
				defaults: { name: 'Waits' },
				inputs: ['main'],
				outputs: ['main'],
				requestDefaults: { baseURL: sandbox.url },
				properties: [
					{
						displayName: 'Operation',
						name: 'operation',
						type: 'hidden',
						default: 'wait',
						routing: {
							request: { method: 'GET', url: '/never' },
							send: {
								preSend: [
									async function (this: IExecuteSingleFunctions): Promise<IHttpRequestOptions> {
										seen = this.getExecutionCancelSignal();
										reached();
										if (seen) await aborted(seen);
										throw new Error('stopped before sending');
									},
								],
							},
						},
					},
				],
			},
		} as INodeType;
		const started = startNode({
			parameters: {},
			credentials: credentials(sandbox),
			extraTypes: { [NODE_TYPE]: waiting },
		});
		await nodeReached;
		expect(seen).toBeDefined();
		expect(seen!.aborted).toBe(false);
		started.stop();
		const { error } = await started.result;
		expect(seen!.aborted).toBe(true);
		expect(error?.message).toBe('stopped before sending');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Stop during an Altegio request ends the execution as canceled', async () => {
		sandbox.seedClients(101, 3);
		sandbox.addFault({ path: '/company/101/clients/search', kind: 'delay', delayMs: 10_000 });
		const started = startNode({
			parameters: { resource: 'client', operation: 'getAll', locationId: byId('101'), returnAll: true },
			credentials: credentials(sandbox),
		});
		while (sandbox.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
		started.stop();
		const { run } = await started.result;
		expect(run.status).toBe('canceled');
		// The request was given up when Stop was pressed, not answered ten seconds later.
		expect(sandbox.requests[0].respondedAt ?? null).toBeNull();
	});
});
