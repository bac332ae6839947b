import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { altegioRequest } from '../kernel/transport';
import { toId } from '../kernel/params';
import { objectRows, readable, usableId } from '../listSearch/readable';

/**
 * The lists behind the Tag Names or IDs and custom field Key pickers. Both belong to a location,
 * so both need the Location first. When a list cannot be loaded the error says what failed and
 * how to go on: n8n shows it in the dropdown, and an expression still takes IDs or keys by hand.
 */

function chosenLocation(ctx: ILoadOptionsFunctions, what: string): string {
	try {
		return toId(ctx.getCurrentNodeParameter('locationId', { extractValue: true }), 'locationId', 'Location');
	} catch {
		throw new NodeOperationError(ctx.getNode(), `Choose a location first: the ${what} belong to a location`);
	}
}

async function loadList(ctx: ILoadOptionsFunctions, url: string, what: string, manual: string): Promise<IDataObject[]> {
	try {
		const { data } = await altegioRequest(ctx, { method: 'GET', url });
		return objectRows(data);
	} catch (caught) {
		const reason = (caught as Error)?.message ?? String(caught);
		throw new NodeOperationError(ctx.getNode(), `Could not load the ${what} (GET ${url}): ${reason}`, {
			description: `Use an expression to enter ${manual} by hand.`,
		});
	}
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

const isTrue = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';

/**
 * The location's client tags, by title. The official description marks GET /labels deprecated in
 * favour of a JSON:API v2 list; the v1 list is still documented and shares the credential's base
 * URL and answer envelope (docs/altegio-api.md, "Tags and custom fields").
 */
export async function getClientTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const location = chosenLocation(this, 'tags');
	const rows = await loadList(this, `/labels/${location}/client`, "location's client tags", 'tag IDs');
	const options: INodePropertyOptions[] = [];
	for (const tag of rows) {
		const id = usableId(tag.id);
		if (id === undefined || isTrue(tag.deleted)) continue;
		options.push({ name: readable(tag.title) ?? `Tag ${id}`, value: id, description: `ID ${id}` });
	}
	return options.sort(byName);
}

/** The location's client custom fields, by title; the value is the field's API key (its code). */
export async function getClientCustomFields(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const location = chosenLocation(this, 'custom fields');
	const rows = await loadList(this, `/custom_fields/client/${location}`, "location's client custom fields", 'keys');
	const options: INodePropertyOptions[] = [];
	for (const row of rows) {
		// Each item wraps its definition in `custom_field`; take a bare definition as it is.
		const field = ('custom_field' in row ? row.custom_field : row) as IDataObject | null;
		if (!field || typeof field !== 'object') continue;
		// A numeric code is a key like any other.
		const code = usableId(field.code);
		if (code === undefined) continue;
		const title = readable(field.title) ?? code;
		const kind = field.type && typeof field.type === 'object' ? (field.type as IDataObject) : {};
		const type = readable(kind.title) ?? readable(kind.code);
		options.push({
			name: title,
			value: code,
			description: `Code: ${code}${type ? ` (${String(type)})` : ''}`,
		});
	}
	return options.sort(byName);
}
