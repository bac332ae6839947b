import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { OperationHandler } from '../../kernel/operation';
import { altegioOperation, withOutput } from '../../kernel/operation';
import { fetchPages, wantFromParameters } from '../../kernel/paging';
import { ParameterError, buildRequest, labelsOf, returnAllAndLimit, toDateParts, toNumber } from '../../kernel/params';
import { LEGACY_PAGE_SIZE, clientRecordOutput, clientRecordShape, toClientOutput } from '../../model/client';
import { location } from './shared';

export const properties: INodeProperties[] = [
	{
		displayName:
			'Every field of each client, tags and custom fields included, and Changed After for syncs. For ' +
			'searching by visits, tags, staff or services use Get Many.',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
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
				displayName: 'Card',
				name: 'card',
				type: 'string',
				default: '',
				description: 'Part of the loyalty card number',
			},
			{
				displayName: 'Changed After',
				name: 'changedAfter',
				type: 'dateTime',
				default: '',
				description:
					"Only clients created or changed since then (inclusive), in the location's time zone. Set the workflow's " +
					'time zone (Workflow Settings) to the same one.',
			},
			{
				displayName: 'Changed Before',
				name: 'changedBefore',
				type: 'dateTime',
				default: '',
				description:
					'Only clients created or changed up to then (inclusive). Sent and read like Changed After: a plain date ' +
					"and time in the location's time zone.",
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. name@example.com',
				default: '',
				description: 'Part of the email',
			},
			{
				displayName: 'Full Name',
				name: 'fullname',
				type: 'string',
				default: '',
				description: 'Part of the name',
			},
			{
				displayName: 'Paid Max',
				name: 'paidMax',
				type: 'number',
				default: '',
				description: 'Paid amount at most. Give Paid Min too: Altegio reads a missing bound as 0.',
			},
			{
				displayName: 'Paid Min',
				name: 'paidMin',
				type: 'number',
				default: '',
				description:
					'Paid amount at least. Give Paid Max too: Altegio reads a missing bound as 0, and drops the filter ' +
					'silently when nothing matches.',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				placeholder: 'e.g. +13155550178',
				description: 'The phone number or part of it',
			},
		],
	},
	...clientRecordOutput,
];

const filterLabel = labelsOf(properties.find((p) => p.name === 'filters')?.options as INodeProperties[]);

/** `2026-01-31T10:00:00`: the wall-clock time of instant `ms` in `zone`, or undefined for an unknown zone. */
function wallClockIn(ms: number, zone: string): string | undefined {
	try {
		const parts = new Intl.DateTimeFormat('en-US', {
			timeZone: zone,
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit',
			second: '2-digit',
		}).formatToParts(new Date(ms));
		const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
		return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}:${get('second')}`;
	} catch {
		return undefined;
	}
}

/**
 * `changed_after`/`changed_before` in the documented form, `2026-01-31T10:00:00`: no offset, no Z
 * (what Altegio does with one is not documented). A plain value is sent as written; a value that
 * carries a time zone names an instant, sent as the wall-clock time of the workflow's time zone.
 */
function dateTime(value: unknown, parameter: string, workflowZone: string): string {
	const parts = toDateParts(value, parameter, filterLabel(parameter.replace(/^filters\./, '')));
	if (!parts.zone) return parts.dateTime;
	const instant = Date.parse(
		`${parts.dateTime}${parts.zone.length === 5 ? `${parts.zone.slice(0, 3)}:${parts.zone.slice(3)}` : parts.zone}`,
	);
	return (Number.isFinite(instant) && wallClockIn(instant, workflowZone)) || parts.dateTime;
}

function legacyQuery(filters: IDataObject, workflowZone = 'UTC'): IDataObject {
	const qs: IDataObject = {};
	for (const key of ['fullname', 'phone', 'email', 'card'] as const) {
		const value = filters[key];
		if (value !== undefined && String(value).trim() !== '') qs[key] = String(value).trim();
	}
	if (filters.changedAfter) qs.changed_after = dateTime(filters.changedAfter, 'filters.changedAfter', workflowZone);
	if (filters.changedBefore) qs.changed_before = dateTime(filters.changedBefore, 'filters.changedBefore', workflowZone);
	const hasMin = filters.paidMin !== undefined && filters.paidMin !== '';
	const hasMax = filters.paidMax !== undefined && filters.paidMax !== '';
	if (hasMin !== hasMax) {
		const missing = hasMin ? 'filters.paidMax' : 'filters.paidMin';
		throw new ParameterError(
			missing,
			`Give both Paid Min and Paid Max (${missing} is missing): Altegio reads a missing bound as 0 and can return ` +
				`the unfiltered list`,
		);
	}
	if (hasMin && hasMax) {
		qs.paid_min = toNumber(filters.paidMin, 'filters.paidMin', 'Paid Min');
		qs.paid_max = toNumber(filters.paidMax, 'filters.paidMax', 'Paid Max');
	}
	return qs;
}

const buildLegacyQuery = buildRequest((param, request, context) => {
	const filters = (param('filters') ?? {}) as IDataObject;
	request.qs = { ...(request.qs ?? {}), ...legacyQuery(filters, context.timeZone()) };
});

const listClientsLegacy: OperationHandler = async function (request) {
	const records = await fetchPages(
		this,
		request,
		{ in: 'qs', pageParam: 'page', sizeParam: 'count', maxPageSize: LEGACY_PAGE_SIZE, noun: 'clients' },
		wantFromParameters(this),
	);
	return records.map(toClientOutput);
};

export const option: INodePropertyOptions = {
	name: 'Get Many Full Records',
	value: 'getAllLegacy',
	action: 'Get many full client records',
	description: 'List clients with every field (tags, custom fields), filtered by name, phone, email or change date',
	routing: altegioOperation({
		method: 'GET',
		url: '=/clients/{{$parameter.locationId}}',
		prepare: [location, buildLegacyQuery],
		handler: withOutput(listClientsLegacy, clientRecordShape),
	}),
};
