import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { toId } from '../kernel/params';
import { altegioRequest, asRows } from '../kernel/transport';

/**
 * The Staff, Service and Service Category pickers of the client search, from Altegio's v1 lists of
 * the location (GET /staff/{location}, /services/{location}, /company/{location}/service_categories).
 * When a list cannot be loaded the error says how to go on: an expression still takes IDs.
 */

function chosenLocation(ctx: ILoadOptionsFunctions, what: string): string {
	try {
		return toId(ctx.getCurrentNodeParameter('locationId', { extractValue: true }), 'locationId', 'Location');
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Choose a location first: the ${what} belong to a location`);
	}
}

async function load(ctx: ILoadOptionsFunctions, what: string, url: (location: string) => string) {
	const location = chosenLocation(ctx, what);
	try {
		const { data } = await altegioRequest(ctx, { method: 'GET', url: url(location) });
		return asRows(data);
	} catch (caught) {
		const reason = (caught as Error)?.message ?? String(caught);
		throw new NodeOperationError(ctx.getNode(), `Could not load the location's ${what}: ${reason}`, {
			description: 'Use an expression to enter IDs by hand.',
		});
	}
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
const isOn = (value: unknown) => value === 1 || value === true || value === '1';

function options(rows: IDataObject[], label: (row: IDataObject) => string, note?: (row: IDataObject) => string) {
	return rows
		.filter((row) => /^\d+$/.test(String(row.id ?? '')))
		.map((row) => {
			const extra = note?.(row);
			return {
				name: label(row) || `ID ${String(row.id)}`,
				value: String(row.id),
				description: `ID ${String(row.id)}${extra ? `, ${extra}` : ''}`,
			};
		})
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** Staff members; those who left or were removed stay listed (their past clients still count), marked. */
export async function getStaff(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await load(this, 'staff', (l) => `/staff/${l}`);
	return options(
		rows,
		(row) => text(row.name),
		(row) =>
			[text(row.specialization), isOn(row.fired) ? 'no longer works here' : '', isOn(row.status) ? 'removed' : '']
				.filter(Boolean)
				.join(', '),
	);
}

export async function getServices(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await load(this, 'services', (l) => `/services/${l}`);
	return options(rows, (row) => text(row.title) || text(row.booking_title));
}

export async function getServiceCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const rows = await load(this, 'service categories', (l) => `/company/${l}/service_categories`);
	return options(rows, (row) => text(row.title));
}
