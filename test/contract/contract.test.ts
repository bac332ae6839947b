/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The contract check itself: every operation the package uses, driven once through the real n8n
 * engine against the sandbox, keeps Altegio's official description (request and answer), and the
 * check reports a request or an answer that breaks it. The engine tests run the same check after
 * each of their tests (test/engine/harness.ts).
 */
import type { IDataObject } from 'n8n-workflow';

import { sandboxSuite } from '../engine/harness';
import { driveEveryOperation } from './drive';
import description from './altegio-v1-clients.json';
import { OPERATIONS, checkExchanges, requestProblems, responseProblems, type Exchange } from './contract';

/** The operations the package sends; the tag list and custom-field definitions it does not use. */
const USED = [
	'authorize_user',
	'get_location_list',
	'deprecated_get_client_list',
	'create_client',
	'get_client_list',
	'get_client',
	'update_client',
	'delete_client',
	'bulk_create_clients',
	'list_client_comments',
	'create_client_comment',
	'delete_client_comment',
	'get_client_file_list',
	'delete_client_file',
	'search_client_visits',
	// The search's Staff, Service and Service Category pickers (restated from the operations' pages).
	'get_team_member_list',
	'get_service_list',
	'get_service_category_list',
];
// n8n's logger reads its level once, when first built (here by the runs before the trigger's).
process.env.N8N_LOG_LEVEL ??= 'warn';

const { sandbox } = sandboxSuite('', 101, { login: 'owner@example.com', password: 'pw-Secret-1' });

test('every operation the package uses keeps the contract, as the node sends it and the sandbox answers', async () => {
	const log = await driveEveryOperation(sandbox);
	const report = checkExchanges(log);
	expect(report.problems).toEqual([]);
	expect([...report.operations].sort()).toEqual([...USED].sort());
	// Nothing was left out of this run: no faults, nothing sent by hand.
	expect(report.checked).toBe(log.length);
});

describe('the check reports a broken contract', () => {
	/** A real exchange of the run above, then changed one way. */
	let log: Exchange[] = [];
	beforeAll(async () => {
		sandbox.reset();
		log = structuredClone(await driveEveryOperation(sandbox));
		sandbox.clearRequests();
	});
	const find = (method: string, path: RegExp) => {
		const x = log.find((e) => e.method === method && path.test(e.path));
		if (!x) throw new Error(`no ${method} ${String(path)} in the run`);
		return structuredClone(x);
	};
	const search = () => find('POST', /^\/company\/\d+\/clients\/search$/);
	const history = () => find('POST', /\/clients\/visits\/search$/);
	const getClient = () => find('GET', /^\/client\/\d+\/\d+$/);

	test('the unchanged exchanges pass', () => {
		for (const x of [search(), history(), getClient()]) {
			expect(requestProblems(x)).toEqual([]);
			expect(responseProblems(x)).toEqual([]);
		}
	});

	test('search page_size over the maximum of 200', () => {
		const x = search();
		(x.body as IDataObject).page_size = 500;
		expect(requestProblems(x).join('\n')).toMatch(/page_size must be <= 200/);
	});

	test('a visit-history body without one of its six required keys', () => {
		const x = history();
		delete (x.body as IDataObject).attendance;
		expect(requestProblems(x).join('\n')).toMatch(/must have required property 'attendance'/);
	});

	test('a wrong Accept, a missing user token, a body without Content-Type', () => {
		const x = search();
		x.headers.accept = 'application/json';
		x.headers.authorization = String(x.headers.authorization).split(',')[0];
		delete x.headers['content-type'];
		const problems = requestProblems(x).join('\n');
		expect(problems).toMatch(/Accept must be application\/vnd\.api\.v2\+json/);
		expect(problems).toMatch(/Authorization is not of the form BearerPartnerUser/);
		expect(problems).toMatch(/Content-Type must be application\/json/);
	});

	test('an unknown query parameter, a non-numeric path id, an unknown key on create', () => {
		const list = find('GET', /^\/clients\/\d+$/);
		list.query = { ...list.query, sort: 'name', changed_after: '31.01.2026 10:00' };
		expect(requestProblems(list).join('\n')).toMatch(/query sort is not a parameter/);
		expect(requestProblems(list).join('\n')).toMatch(/changed_after "31.01.2026 10:00" is not YYYY-MM-DDTHH:MM:SS/);
		const get = getClient();
		get.path = get.path.replace(/\d+$/, 'abc');
		expect(requestProblems(get).join('\n')).toMatch(/path id "abc" is not a number/);
		const create = find('POST', /^\/clients\/\d+$/);
		(create.body as IDataObject).sex_id = 1;
		expect(requestProblems(create).join('\n')).toMatch(/must NOT have additional properties/);
	});

	test('an answer of the wrong shape, a wrong success status, a body on a 204', () => {
		const get = getClient();
		const answer = get.response as { data: IDataObject };
		delete answer.data.last_change_date;
		answer.data.visits = 'many';
		const problems = responseProblems(get).join('\n');
		expect(problems).toMatch(/must have required property 'last_change_date'/);
		expect(problems).toMatch(/\/data\/visits must be number/);

		const removed = find('DELETE', /\/comments\/\d+$/);
		removed.status = 200;
		removed.response = { success: true, data: null, meta: [] };
		expect(responseProblems(removed).join('\n')).toMatch(/success status is 204/);
		removed.status = 204;
		expect(responseProblems(removed).join('\n')).toMatch(/a 204 carries no body/);

		const fileGone = find('DELETE', /\/clients\/files\/\d+\/\d+$/);
		fileGone.response = { success: true, data: null, meta: {} };
		expect(responseProblems(fileGone).join('\n')).toMatch(/must have required property 'message'/);
	});
});

test('under a non-default sandbox reading the answer is checked too, less only what the reading explains', () => {
	const x: Exchange = {
		method: 'POST',
		path: '/company/101/clients/visits/search',
		query: {},
		headers: { accept: 'application/vnd.api.v2+json', authorization: 'Bearer p, User u' },
		body: null,
		status: 200,
		response: { success: true, data: 'not a history', meta: [] },
		readings: { historyCursor: 'absent' },
	};
	const problems = checkExchanges([x]).problems.join('\n');
	expect(problems).toMatch(/the body is missing/);
	expect(problems).toMatch(/\/data must be object/);
	// The reading explains the missing cursor, and only that.
	expect(problems).not.toMatch(/\/meta/);
	expect(checkExchanges([{ ...x, readings: undefined }]).problems.join('\n')).toMatch(/\/meta must be object/);
	expect(checkExchanges([{ ...x, readings: { searchPageSize: 'clamp100' } }]).problems.join('\n')).toMatch(/\/meta/);
});

test('the committed description is facts only: no prose, no examples', () => {
	// Keywords only: the names under `properties` are the API's field names (a location has a `description`).
	const keys = new Set<string>();
	const walk = (node: unknown, fieldNames = false) => {
		if (Array.isArray(node)) node.forEach((n) => walk(n));
		else if (node && typeof node === 'object')
			for (const [key, value] of Object.entries(node)) {
				if (!fieldNames) keys.add(key);
				walk(value, key === 'properties' && !fieldNames);
			}
	};
	walk(description.operations);
	for (const prose of ['description', 'summary', 'example', 'examples']) expect(keys.has(prose)).toBe(false);
	expect(OPERATIONS.map((o) => o.operationId)).toEqual(expect.arrayContaining(USED));
});
