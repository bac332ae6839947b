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
 * Why one definition per field, even across resources: n8n's RoutingNode resolves the value of every
 * definition of a parameter's name, shown or not, twice per item (its parameter loop and its base-URL
 * check). A mapped expression defined four times is run eight times per item in n8n's expression
 * sandbox (about 0.7 ms each on n8n 2.x) before the node reads it once. So a field that every
 * operation of several resources shows is one definition, shown for those resources. Only there:
 * a definition shared more narrowly would need a condition on another operation's parameter, and such
 * a value left in a node's parameters (an imported workflow) would hide the field and stop the run.
 */
const resourcesOfShared = new WeakMap<INodeProperties, string[]>();

/** `field` as one definition shown for every operation of `resources` (each lists it in resourceFields). */
export function sharedField(field: INodeProperties, resources: string[]): INodeProperties {
	const show = { ...field.displayOptions?.show, resource: resources };
	const shared = { ...field, displayOptions: { ...field.displayOptions, show } };
	resourcesOfShared.set(shared, resources);
	return shared;
}

/** The node's properties with each field object once (a shared field stays where it first appears). */
export function oneDefinitionEach(properties: INodeProperties[]): INodeProperties[] {
	return properties.filter((property, index) => properties.indexOf(property) === index);
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
		const sharedBy = resourcesOfShared.get(property);
		if (sharedBy) {
			if (operations !== 'all' || !sharedBy.includes(resource)) {
				throw new Error(`${resource}: shared field "${property.name}" must be shown for all its operations`);
			}
			return property;
		}
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
		...placed.flatMap((field) => {
			const operations = fields.get(field)?.operations ?? [];
			const every = resourcesOfShared.has(field) && operations.length === modules.length;
			return forOperation(resource, every ? 'all' : [...operations].sort(), [field]);
		}),
	];
}
