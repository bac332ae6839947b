import type { IDisplayOptions, INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * What every `actions/<resource>/<op>.operation.ts` exports: its option in the Operation selector
 * (name, value, action, description, routing) and its fields. The fields carry no resource or
 * operation condition: the resource's index applies those here, once.
 */
export interface OperationModule {
	option: INodePropertyOptions;
	properties: INodeProperties[];
}

/** The resource's Operation selector: one option per module, in the order listed. */
export function operationSelector(
	resource: string,
	modules: OperationModule[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: modules.map((module) => module.option),
		default: defaultOperation,
	};
}

/**
 * `properties` shown only for `operations` of `resource` (every operation of it: 'all'). A field's
 * own conditions on other parameters (Limit only without Return All) are kept.
 */
export function forOperation(
	resource: string,
	operations: string[] | 'all',
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => {
		const show = { ...property.displayOptions?.show };
		if ('resource' in show || 'operation' in show) {
			throw new Error(`${resource}: field "${property.name}" sets its own resource or operation condition`);
		}
		const where: IDisplayOptions['show'] =
			operations === 'all' ? { resource: [resource] } : { operation: operations, resource: [resource] };
		return { ...property, displayOptions: { ...property.displayOptions, show: { ...where, ...show } } };
	});
}

/**
 * The resource's fields: `common` ones for every operation, then each module's. A field object that
 * several modules list is one field shown for all of them, placed so that every operation still sees
 * its fields in its module's order (saved workflows and the editor keep the order they had).
 */
export function resourceFields(
	resource: string,
	modules: OperationModule[],
	common: INodeProperties[] = [],
): INodeProperties[] {
	const fields = new Map<INodeProperties, { operations: string[]; after: Set<INodeProperties> }>();
	for (const { option, properties } of modules) {
		properties.forEach((property, index) => {
			const field = fields.get(property) ?? { operations: [], after: new Set() };
			fields.set(property, field);
			field.operations.push(String(option.value));
			if (index > 0) field.after.add(properties[index - 1]);
		});
	}
	// Each field after every field that precedes it in some module; otherwise in the order first listed.
	const placed: INodeProperties[] = [];
	while (placed.length < fields.size) {
		const next = [...fields].find(
			([field, { after }]) => !placed.includes(field) && [...after].every((before) => placed.includes(before)),
		);
		if (!next) throw new Error(`${resource}: two operations list shared fields in opposite orders`);
		placed.push(next[0]);
	}
	return [
		...forOperation(resource, 'all', common),
		...placed.flatMap((field) => forOperation(resource, [...(fields.get(field)?.operations ?? [])].sort(), [field])),
	];
}
