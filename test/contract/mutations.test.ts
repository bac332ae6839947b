/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The eight mutations an earlier contract check let through (issue 22), each now reported; and what
 * reality is known to send beside the description (observed.ts), accepted and said so.
 */
import type { IDataObject } from 'n8n-workflow';

import { newSandbox } from '../engine/harness';
import { checkExchanges, requestProblems, responseProblems, type Exchange } from './contract';
import { driveEveryOperation } from './drive';
import { READING_EXEMPTIONS } from './observed';

process.env.N8N_LOG_LEVEL ??= 'warn';
const sandbox = newSandbox({ login: 'owner@example.com', password: 'pw-Secret-1' });
let log: Exchange[] = [];
beforeAll(async () => {
	await sandbox.start(0);
	sandbox.seedClients(101, 1, { birth_date: '1990-05-17' });
	log = structuredClone(await driveEveryOperation(sandbox));
	sandbox.clearRequests();
});
afterAll(async () => sandbox.stop());

const find = (method: string, path: RegExp, where: (x: Exchange) => boolean = () => true) => {
	const x = log.find((e) => e.method === method && path.test(e.path) && where(e));
	if (!x) throw new Error(`no ${method} ${String(path)} in the run`);
	return structuredClone(x);
};
const search = () => find('POST', /^\/company\/\d+\/clients\/search$/, (x) => !!(x.body as IDataObject)?.filters);
const filters = (x: Exchange) => (x.body as { filters: IDataObject[] }).filters;
const requestSays = (x: Exchange) => requestProblems(x).join('\n');
const answerSays = (x: Exchange) => responseProblems(x).join('\n');

describe('each mutation the earlier check missed is reported', () => {
	test('1. search filter values as strings', () => {
		const x = search();
		filters(x).push({ type: 'importance', state: { value: ['1', '3'] } });
		expect(requestSays(x)).toMatch(/filters\[\d+\] \(importance\) state \/value\/0 must be number/);
	});

	test('2. a misspelled filter type', () => {
		const x = search();
		filters(x).push({ type: 'quick_serch', state: { value: 'Smith' } });
		expect(requestSays(x)).toMatch(/"quick_serch" is not a filter type the description shows/);
	});

	test('3. birthday dates as DD.MM.YYYY', () => {
		const x = search();
		filters(x).push({ type: 'birthday', state: { from: '01.01.1990', to: '31.12.1999' } });
		expect(requestSays(x)).toMatch(/\(birthday\) state \/from must match pattern/);
	});

	test('4. changed_after with a trailing Z', () => {
		const x = find('GET', /^\/clients\/\d+$/);
		x.query = { ...x.query, changed_after: '2026-01-31T10:00:00Z' };
		expect(requestSays(x)).toMatch(
			/changed_after "2026-01-31T10:00:00Z" is not YYYY-MM-DDTHH:MM:SS \(no offset, no Z\)/,
		);
	});

	test('5. an unknown key in bulk rows', () => {
		const x = find('POST', /^\/clients\/\d+\/bulk$/);
		(x.body as IDataObject[])[0].loyalty_tier = 'gold';
		expect(requestSays(x)).toMatch(/must NOT have additional properties \(loyalty_tier\)/);
	});

	test('6. last_change_date without its offset', () => {
		const x = find('GET', /^\/client\/\d+\/\d+$/);
		const data = (x.response as { data: IDataObject }).data;
		data.last_change_date = String(data.last_change_date).slice(0, 19);
		expect(answerSays(x)).toMatch(/\/data\/last_change_date must match pattern/);
	});

	test('7. comment meta without count', () => {
		const x = find('GET', /\/comments$/);
		(x.response as { meta: IDataObject }).meta = {};
		expect(answerSays(x)).toMatch(/\/meta must have required property 'count'/);
	});

	test('8. a history answer without meta.dateCursor', () => {
		const x = find('POST', /\/clients\/visits\/search$/);
		(x.response as { meta: unknown }).meta = [];
		expect(answerSays(x)).toMatch(/\/meta must be object/);
		(x.response as { meta: unknown }).meta = {};
		expect(answerSays(x)).toMatch(/\/meta must have required property 'dateCursor'/);
	});

	test('and the search dates without their time (the last day would be dropped)', () => {
		const x = search();
		filters(x).push({ type: 'record', state: { created: { from: '2026-01-01', to: '2026-01-31' } } });
		expect(requestSays(x)).toMatch(/\(record\) state \/created\/from must match pattern/);
	});
});

describe('what reality sends beside the description is accepted, and said so', () => {
	test('the deprecated list rows as an integration recorded them', () => {
		const x = find('GET', /^\/clients\/\d+$/);
		(x.response as { data: IDataObject[] }).data = [
			{
				...['id', 'name', 'surname', 'patronymic', 'display_name', 'email', 'card', 'comment'].reduce(
					(row, key) => ({ ...row, [key]: key === 'id' ? 50000001 : '' }),
					{},
				),
				name: 'Client A',
				phone: '+70000000001',
				discount: 0,
				sex_id: 2,
				sex: 'Female',
				sms_check: 0,
				sms_bot: 0,
				sms_not: 0,
				importance_id: 0,
				importance: 'No priority level',
				last_change_date: '2021-05-08T21:39:24+0400',
				birth_date: '1900-05-04',
				visits: 0,
				spent: 0,
				paid: 0,
				balance: 0,
				categories: [],
				custom_fields: {},
			},
		];
		expect(answerSays(x)).toBe('');
		// Not anything at all: the recorded row without its sex_id is neither shape.
		delete (x.response as { data: IDataObject[] }).data[0].sex_id;
		expect(answerSays(x)).not.toBe('');
	});

	test("the SDK's {errors, meta} body for 401 and 404, and success: false at HTTP 200", () => {
		const x = find('GET', /^\/client\/\d+\/\d+$/);
		x.status = 404;
		x.response = { errors: { code: 404, message: 'Client not found' }, meta: { message: 'Client not found' } };
		expect(answerSays(x)).toBe('');
		x.status = 422;
		expect(answerSays(x)).toMatch(/not the error envelope/);
		x.status = 200;
		x.response = { success: false, data: null, meta: { message: 'An error has occurred.' } };
		expect(answerSays(x)).toBe('');
	});

	test('each reading exemption names its reason; faults keep the request checked', () => {
		for (const exemption of READING_EXEMPTIONS) expect(exemption.reason.length).toBeGreaterThan(20);
		const x = find('GET', /^\/client\/\d+\/\d+$/);
		x.fault = 'html';
		x.response = '<html>';
		x.headers.accept = 'application/json';
		expect(checkExchanges([x]).problems.join('\n')).toMatch(/Accept must be/);
		expect(checkExchanges([x]).problems.join('\n')).not.toMatch(/not a JSON object/);
	});
});
