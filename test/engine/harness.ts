/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The one set-up of every engine test file: `sandboxSuite` starts one sandbox for the file, resets
 * it before each test and binds `run` to a resource and location, with credentials pointing at it.
 * Everything a test needs to run the node (execute.ts), the trigger (triggerHarness.ts) and the
 * credential test (credential-tester.ts) is exported from here too, so a test imports one module.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { TestCredentialsHelper, byId, credentialData, runNode, startNode } from './execute';
import type { RunOptions, RunResult } from './execute';
import { checkExchanges, type Exchange } from '../contract/contract';
import { forgetEditReadings } from '../../nodes/Altegio/model/client';

export * from './execute';
export { activateTrigger, fetchTestEvent, TRIGGER_TYPE } from './triggerHarness';
export type { ActiveTrigger, PollOutcome } from './triggerHarness';
export { testCredential } from './credential-tester';

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
		response?: unknown;
		at: number;
		/** When the sandbox answered (null while it holds the request or after it dropped it). */
		respondedAt?: number | null;
		fault?: string;
		rateLimited?: boolean;
	}>;
	state: any;
	clock: any;
	start(port?: number): Promise<{ url: string; port: number }>;
	stop(): Promise<void>;
	reset(): void;
	/** Makes the current data the state that reset() returns to. */
	snapshot(): void;
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

/**
 * A sandbox whose every exchange is held to Altegio's official description (test/contract): after
 * each test, what the node sent and what the sandbox answered since the last check must keep the
 * contract, or the test fails. reset() and clearRequests() hand the log to the check before they
 * empty it. Faults and rate-limit refusals a test asks for, and requests a test sends by hand with
 * the `x-contract-skip` header, are left out (contract.ts, isChecked).
 */
export function newSandbox(options: IDataObject = {}): Sandbox {
	const sandbox: Sandbox = createSandbox({ partnerToken: PARTNER, userToken: USER, ...options });
	const { reset, clearRequests } = sandbox;
	sandbox.reset = () => {
		contractLog.push(...sandbox.requests);
		reset.call(sandbox);
	};
	sandbox.clearRequests = () => {
		contractLog.push(...sandbox.requests);
		clearRequests.call(sandbox);
	};
	sandboxes.push(sandbox);
	return sandbox;
}

const sandboxes: Sandbox[] = [];
const contractLog: Exchange[] = [];
const contractChecked = new WeakSet<object>();

afterEach(() => {
	const fresh = [...contractLog, ...sandboxes.flatMap((s) => s.requests)].filter((x) => !contractChecked.has(x));
	contractLog.length = 0;
	for (const x of fresh) contractChecked.add(x);
	const { problems } = checkExchanges(fresh as Exchange[]);
	if (problems.length) throw new Error(`Altegio contract broken:\n${[...new Set(problems)].join('\n')}`);
});

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

/** Credential values that sign in with login and password (no user token): the sandbox's own by default. */
export function passwordLogin(password = 'secret-password', values: IDataObject = {}): IDataObject {
	return { authMethod: 'password', userToken: '', login: 'owner@example.com', password, ...values };
}

/**
 * `parameters` with full records as Output and, for Create Many, rows from JSON: what the readings
 * tests compare. Rows From only for Create Many, as a saved workflow holds it (Name and Phone hide under it).
 */
export function fullRecords(parameters: IDataObject): IDataObject {
	return { output: 'raw', ...(parameters.operation === 'createMany' ? { rowsFrom: 'json' } : {}), ...parameters };
}

/**
 * The parameters of an operation on one client, `name` as the catalog names it (`client.update`,
 * `comment.create`), the IDs as a saved workflow holds them, `extra` on top.
 */
export function onClient(name: string, clientId: unknown, extra: IDataObject = {}, location = 101) {
	const [resource, operation] = name.split('.');
	return {
		resource,
		operation,
		locationId: byId(String(location)),
		clientId: byId(String(clientId)),
		...extra,
	} as INodeParameters;
}

/** What every Delete operation gives: `{ deleted: true }`, after one DELETE to `path` answered `status`. */
export function expectDeleted({ items, error }: RunResult, sandbox: Sandbox, path: string, status: number) {
	expect(error).toBeUndefined();
	expect(items.map((i) => i.json)).toEqual([{ deleted: true }]);
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0]).toMatchObject({ method: 'DELETE', path, status });
}

/** IDs of one record of each kind (location, client, comment, file), as test/catalog.js names them. */
export interface RecordIds {
	location: number;
	client: number;
	comment: number;
	file: number;
	[id: string]: number;
}

/** Seeds one client with one comment and one file at `location`; the request log is cleared after. */
export function seedOneOfEach(sandbox: Sandbox, location = 101): RecordIds {
	// With a birth date: an update sends the record back, and Altegio's PUT wants a string there.
	const [client] = sandbox.seedClients(location, 1, { birth_date: '1990-05-17' });
	const clientId = client.id as number;
	const ids = {
		location,
		client: clientId,
		comment: sandbox.addComment(location, clientId, { text: 'Seen' }).id as number,
		file: sandbox.addFile(location, clientId, { name: 'scan.pdf' }).id as number,
	};
	sandbox.clearRequests();
	return ids;
}

/**
 * The set-up of every engine test file: one sandbox (created with `options`), started and stopped
 * with the file (or the describe block it is called in) and reset before each test, readings
 * (and what the node learned of the host's edit, model/client/editReading.ts) included; `run`
 * executes the node for `resource` at `location` with credentials pointing at it.
 */
export function sandboxSuite(resource = '', location = 101, options: IDataObject = {}) {
	const sandbox = newSandbox(options);
	const readings = structuredClone(sandbox.options.readings) as IDataObject;
	beforeAll(async () => {
		await sandbox.start(0);
	});
	afterAll(async () => sandbox.stop());
	beforeEach(() => {
		sandbox.reset();
		Object.assign(sandbox.options.readings as IDataObject, structuredClone(readings));
		// What the node learned of how a host's edit treats money (per process) starts afresh too.
		forgetEditReadings();
	});
	const runOptions = (parameters: IDataObject, extra: Omit<RunOptions, 'parameters'>): RunOptions => ({
		parameters: { resource, locationId: byId(String(location)), ...parameters } as INodeParameters,
		credentials: credentials(sandbox),
		...extra,
	});
	const run = (parameters: IDataObject, extra: Omit<RunOptions, 'parameters'> = {}) =>
		runNode(runOptions(parameters, extra));
	/** As `run`, but returns at once: the test can press Stop while the node runs (startNode). */
	const start = (parameters: IDataObject, extra: Omit<RunOptions, 'parameters'> = {}) =>
		startNode(runOptions(parameters, extra));
	/** The requests logged to paths matching `path` (and of `method`, when given). */
	const requestsTo = (path: RegExp, method?: string) =>
		sandbox.requests.filter((r) => path.test(r.path) && (!method || r.method === method));
	/** The clients stored at a location. */
	const clientsIn = (at = location) => sandbox.state.clients.filter((c: IDataObject) => c.locationId === at);
	return {
		sandbox,
		run,
		start,
		requestsTo,
		clientsIn,
		credentials: (values: IDataObject = {}) => credentials(sandbox, values),
	};
}

/**
 * sandboxSuite for a resource that belongs to one client (comments, files): a fresh client before
 * each test, `run` bound to it, `clientId()` its ID.
 */
export function clientSuite(resource: string, client: IDataObject = { name: 'Emma', phone: '13155550123' }) {
	const suite = sandboxSuite(resource);
	let id = 0;
	beforeEach(() => {
		id = suite.sandbox.addClient(101, client).id as number;
		suite.sandbox.clearRequests();
	});
	const run = (parameters: IDataObject, extra: Omit<RunOptions, 'parameters'> = {}) =>
		suite.run({ clientId: byId(String(id)), ...parameters }, extra);
	return { ...suite, run, clientId: () => id };
}

/**
 * A file storage on another origin for the suite (a second loopback server, reached as `localhost`
 * while the sandbox is `127.0.0.1`): started before the file's tests, closed after; `seen` holds the
 * requests it received in the current test. `url` is set once it listens.
 */
export function otherOrigin(handle: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
	const origin = { url: '', seen: [] as Array<{ path: string; headers: http.IncomingHttpHeaders }> };
	let server: http.Server;
	beforeAll(async () => {
		server = http.createServer((req, res) => {
			origin.seen.push({ path: req.url ?? '', headers: req.headers });
			handle(req, res);
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin.url = `http://localhost:${(server.address() as AddressInfo).port}`;
	});
	afterAll(async () => {
		server.closeAllConnections();
		await new Promise((resolve) => server.close(resolve));
	});
	beforeEach(() => {
		origin.seen.length = 0;
	});
	return origin;
}
