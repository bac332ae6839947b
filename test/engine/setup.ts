/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/** Shared set-up for engine tests: one sandbox per test file, credentials pointing at it. */
import type { IDataObject } from 'n8n-workflow';

import { TestCredentialsHelper, credentialData } from './harness';

const { createSandbox } = require('../sandbox');

export const PARTNER = 'partner-token-Xq7';
export const USER = 'user-token-Zk9';

export interface Sandbox {
	url: string;
	requests: Array<{
		method: string;
		path: string;
		query: IDataObject;
		headers: IDataObject;
		body: any;
		status: number;
		at: number;
		/** When the sandbox answered (null while it holds the request or after it dropped it). */
		respondedAt?: number | null;
		fault?: string;
	}>;
	state: any;
	clock: any;
	start(port?: number): Promise<{ url: string; port: number }>;
	stop(): Promise<void>;
	reset(): void;
	clearRequests(): void;
	seedClients(locationId: number, n: number, overrides?: IDataObject | ((index: number) => IDataObject)): IDataObject[];
	getClient(locationId: number, clientId: unknown): any;
	addClient(locationId: number, client: IDataObject): IDataObject;
	addComment(locationId: number, clientId: number, comment: IDataObject): IDataObject;
	addFile(locationId: number, clientId: number, file: IDataObject): IDataObject;
	addVisit(locationId: number, clientId: number, visit: IDataObject): IDataObject;
	addGoodsTransaction(locationId: number, clientId: number, tx: IDataObject): IDataObject;
	addFault(fault: IDataObject): void;
	options: IDataObject;
}

export function newSandbox(options: IDataObject = {}): Sandbox {
	return createSandbox({ partnerToken: PARTNER, userToken: USER, ...options });
}

/** Credentials for the sandbox; limits high by default so tests that do not measure them run fast. */
export function credentials(sandbox: Sandbox, values: IDataObject = {}) {
	return new TestCredentialsHelper(
		credentialData({
			baseUrl: sandbox.url,
			partnerToken: PARTNER,
			userToken: USER,
			maxRequestsPerSecond: 1000,
			maxRequestsPerMinute: 100000,
			...values,
		}),
	);
}
