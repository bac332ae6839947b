import type { IDataObject, INodeProperties } from 'n8n-workflow';

import { returnAllAndLimit } from '../../shared/descriptions';
import { fetchPages, wantFromParameters } from '../../shared/pagination';
import type { OperationHandler } from '../../shared/routing';
import { ParameterError, labelsOf, toDateParts, toNumber, buildRequest } from '../../shared/validation';
import { toClientOutput } from './clientRecord';

const showOnlyForClientGetAllLegacy = { operation: ['getAllLegacy'], resource: ['client'] };

/** Largest `count` of the deprecated list: not in the docs; 300 per one source audit, 200 per another. */
export const LEGACY_MAX_PAGE_SIZE = 300;

/**
 * The `count` Get Many (Full Records) asks for: 200, which both sources allow. A server that caps
 * lower is detected on the first page (see fetchPages); one that rejects 300 would fail every read.
 */
export const LEGACY_PAGE_SIZE = 200;

export const clientGetAllLegacyDescription: INodeProperties[] = [
	{
		displayName:
			'This uses the deprecated list endpoint: slower filters, but full records with tags and custom fields, and Changed After for syncs',
		name: 'legacyNotice',
		type: 'notice',
		default: '',
		displayOptions: { show: showOnlyForClientGetAllLegacy },
	},
	...returnAllAndLimit(showOnlyForClientGetAllLegacy),
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		displayOptions: { show: showOnlyForClientGetAllLegacy },
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
				description: 'Only clients created or changed since then',
			},
			{
				displayName: 'Changed Before',
				name: 'changedBefore',
				type: 'dateTime',
				default: '',
				description: 'Only clients created or changed before then',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
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
				default: 0,
				description: 'Paid amount at most. Give Paid Min too: Altegio reads a missing bound as 0.',
			},
			{
				displayName: 'Paid Min',
				name: 'paidMin',
				type: 'number',
				default: 0,
				description:
					'Paid amount at least. Give Paid Max too: Altegio reads a missing bound as 0, and drops the filter silently when nothing matches.',
			},
			{
				displayName: 'Phone',
				name: 'phone',
				type: 'string',
				default: '',
				description: 'Part of the phone number',
			},
		],
	},
];

const filterLabel = labelsOf(
	clientGetAllLegacyDescription.find((p) => p.name === 'filters')?.options as INodeProperties[],
);

/** Altegio reads `changed_after` as a local date-time like 2026-01-31T10:00:00 (an offset is kept if given). */
function dateTime(value: unknown, parameter: string): string {
	const parts = toDateParts(value, parameter, filterLabel(parameter.replace(/^filters\./, '')));
	return parts.zone ? `${parts.dateTime}${parts.zone}` : parts.dateTime;
}

export function legacyQuery(filters: IDataObject): IDataObject {
	const qs: IDataObject = {};
	for (const key of ['fullname', 'phone', 'email', 'card'] as const) {
		const value = filters[key];
		if (value !== undefined && String(value).trim() !== '') qs[key] = String(value).trim();
	}
	if (filters.changedAfter) qs.changed_after = dateTime(filters.changedAfter, 'filters.changedAfter');
	if (filters.changedBefore) qs.changed_before = dateTime(filters.changedBefore, 'filters.changedBefore');
	const hasMin = filters.paidMin !== undefined && filters.paidMin !== '';
	const hasMax = filters.paidMax !== undefined && filters.paidMax !== '';
	if (hasMin !== hasMax) {
		const missing = hasMin ? 'filters.paidMax' : 'filters.paidMin';
		throw new ParameterError(
			missing,
			`Give both Paid Min and Paid Max (${missing} is missing): Altegio reads a missing bound as 0 and can return the unfiltered list`,
		);
	}
	if (hasMin && hasMax) {
		qs.paid_min = toNumber(filters.paidMin, 'filters.paidMin', 'Paid Min');
		qs.paid_max = toNumber(filters.paidMax, 'filters.paidMax', 'Paid Max');
	}
	return qs;
}

export const buildLegacyQuery = buildRequest((param, request) => {
	request.qs = { ...(request.qs ?? {}), ...legacyQuery((param('filters') ?? {}) as IDataObject) };
});

export const listClientsLegacy: OperationHandler = async function (request) {
	const records = await fetchPages(
		this,
		request,
		{ in: 'qs', pageParam: 'page', sizeParam: 'count', maxPageSize: LEGACY_PAGE_SIZE, noun: 'clients' },
		wantFromParameters(this),
	);
	return records.map(toClientOutput);
};
