import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, withOutput } from '../../kernel/operation';
import { fetchDateCursorPages, wantFromParameters } from '../../kernel/paging';
import {
	ParameterError,
	buildRequest,
	checkIds,
	clientIdField,
	returnAllAndLimit,
	toDateParts,
	toId,
	toNumber,
	toPhoneDigits,
} from '../../kernel/params';
import { historyOutput, historyShape } from '../../model/historyOutput';

/** The visit search's own outcome numbering (not the client search's 1–4). */
const ATTENDANCE = [
	{ name: 'Arrived', value: 1 },
	{ name: 'Confirmed', value: 2 },
	{ name: 'No-Show', value: -1 },
	{ name: 'Waiting', value: 0 },
];

const PAYMENT_STATUSES = [
	{ name: 'Not Paid', value: 'not_paid' },
	{ name: 'Overpaid', value: 'paid_over' },
	{ name: 'Paid in Full', value: 'paid_full' },
	{ name: 'Partly Paid', value: 'paid_not_full' },
];

/** What each output item is: an appointment (`data.records`) or a product sale (`data.goods_transactions`). */
const HISTORY_KIND = { visit: 'visit', goodsTransaction: 'goodsTransaction' } as const;

export const properties: INodeProperties[] = [
	{
		displayName: 'Search By',
		name: 'searchBy',
		type: 'options',
		default: 'clientId',
		options: [
			{ name: 'Client', value: 'clientId', description: 'Pick the client, or give its ID' },
			{ name: 'Client Phone', value: 'clientPhone', description: "The client's phone number" },
		],
	},
	{ ...clientIdField, displayOptions: { show: { searchBy: ['clientId'] } } },
	{
		displayName: 'Client Phone',
		name: 'clientPhone',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +13155550178',
		description: 'The phone of the client, with 9 to 15 digits; only the digits are sent',
		displayOptions: { show: { searchBy: ['clientPhone'] } },
	},
	...returnAllAndLimit(),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Attendance',
				name: 'attendance',
				type: 'options',
				default: 1,
				options: ATTENDANCE,
				description: 'Only appointments with this outcome (and the product sales that belong to them)',
			},
			{
				displayName: 'From',
				name: 'from',
				type: 'dateTime',
				default: '',
				description: 'Only history on or after this day (sent as YYYY-MM-DD)',
			},
			{
				displayName: 'Payment Statuses',
				name: 'paymentStatuses',
				type: 'multiOptions',
				default: [],
				options: PAYMENT_STATUSES,
				description: 'Only history with a service or product in one of these payment states',
			},
			{
				displayName: 'To',
				name: 'to',
				type: 'dateTime',
				default: '',
				description: 'Only history on or before this day (sent as YYYY-MM-DD)',
			},
		],
	},
	...historyOutput,
];

const given = (value: unknown) => value !== undefined && value !== null && value !== '';

function day(value: unknown, parameter: string, label: string): string | null {
	return given(value) ? toDateParts(value, parameter, label).date : null;
}

function attendanceOf(value: unknown): number | null {
	if (!given(value)) return null;
	const number = toNumber(value, 'filters.attendance', 'Attendance');
	if (!ATTENDANCE.some((option) => option.value === number)) {
		throw new ParameterError(
			'filters.attendance',
			`Attendance (filters.attendance) must be -1 (no-show), 0 (waiting), 1 (arrived) or 2 (confirmed), got ` +
				`${String(value)}`,
		);
	}
	return number;
}

function paymentStatusesOf(value: unknown): string[] {
	if (!given(value)) return [];
	const list = Array.isArray(value)
		? value
		: String(value)
				.split(',')
				.map((s) => s.trim())
				.filter(Boolean);
	const allowed = PAYMENT_STATUSES.map((option) => option.value as string);
	for (const status of list) {
		if (typeof status !== 'string' || !allowed.includes(status)) {
			throw new ParameterError(
				'filters.paymentStatuses',
				`Payment Statuses (filters.paymentStatuses) may hold only ${allowed.join(', ')}, got ${JSON.stringify(status)}`,
			);
		}
	}
	return [...new Set(list as string[])];
}

/** The search body. Altegio requires every key (null when unused), and `payment_statuses` as a list. */
function historyBody(param: (name: string) => unknown): IDataObject {
	const searchBy = param('searchBy') ?? 'clientId';
	if (searchBy !== 'clientId' && searchBy !== 'clientPhone') {
		throw new ParameterError(
			'searchBy',
			`Search By (searchBy) must be clientId or clientPhone, got ${String(searchBy)}`,
		);
	}
	const filters = (param('filters') ?? {}) as IDataObject;
	const from = day(filters.from, 'filters.from', 'From');
	const to = day(filters.to, 'filters.to', 'To');
	if (from !== null && to !== null && from > to) {
		throw new ParameterError('filters.from', `From (filters.from) ${from} is after To (filters.to) ${to}`);
	}
	return {
		client_id: searchBy === 'clientId' ? Number(toId(param('clientId'), 'clientId', 'Client')) : null,
		client_phone:
			searchBy === 'clientPhone' ? toPhoneDigits(param('clientPhone'), 'clientPhone', 'Client Phone') : null,
		from,
		to,
		payment_statuses: paymentStatusesOf(filters.paymentStatuses),
		attendance: attendanceOf(filters.attendance),
	};
}

const buildHistoryBody = buildRequest((param, request) => {
	request.body = historyBody(param);
});

function rows(value: unknown): IDataObject[] {
	return Array.isArray(value) ? (value as IDataObject[]).filter((row) => row && typeof row === 'object') : [];
}

/** `kind` first, then the API's fields unchanged. */
function labelled(kind: string, row: IDataObject): IDataObject {
	const out: IDataObject = { kind };
	for (const [key, value] of Object.entries(row)) if (key !== 'kind') out[key] = value;
	return out;
}

/** 'YYYY-MM-DD HH:MM:SS' or ISO: compared as local date-time text (one location, one time zone). */
const dateKey = (item: IDataObject) =>
	String(item.date ?? '')
		.replace('T', ' ')
		.slice(0, 19);

/**
 * One page as output items: appointments and product sales merged newest first by `date`; equal
 * dates keep the API's order, appointments before sales (the sort is stable). Items outside the
 * requested From/To are dropped, a guard in case a page reaches past the period asked for (the
 * paginator already clips the cursor's windows to From).
 */
function historyItems(data: unknown, window: { from: string | null; to: string | null }): IDataObject[] {
	const page = (data && typeof data === 'object' ? data : {}) as IDataObject;
	const items = [
		...rows(page.records).map((row) => labelled(HISTORY_KIND.visit, row)),
		...rows(page.goods_transactions).map((row) => labelled(HISTORY_KIND.goodsTransaction, row)),
	].filter((item) => {
		const date = dateKey(item).slice(0, 10);
		return (window.from === null || date >= window.from) && (window.to === null || date <= window.to);
	});
	return items.sort((a, b) => {
		const [x, y] = [dateKey(a), dateKey(b)];
		return x < y ? 1 : x > y ? -1 : 0;
	});
}

const searchHistory: OperationHandler = async function (request) {
	const body = request.body as IDataObject;
	const window = { from: (body.from ?? null) as string | null, to: (body.to ?? null) as string | null };
	return await fetchDateCursorPages(
		this,
		{ method: request.method, url: request.url, body, settings: request.settings },
		wantFromParameters(this),
		(data) => historyItems(data, window),
	);
};

export const option: INodePropertyOptions = {
	name: 'Get Many',
	value: 'getAll',
	action: 'Get many visit history entries',
	description: "A client's appointments and product purchases, newest first; each item says which it is (kind)",
	routing: altegioOperation({
		method: 'POST',
		url: '=/company/{{$parameter.locationId}}/clients/visits/search',
		prepare: [checkIds(['locationId', 'Location']), buildHistoryBody],
		handler: withOutput(searchHistory, historyShape),
	}),
};
