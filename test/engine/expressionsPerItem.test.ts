/**
 * Work per item. RoutingNode resolves, for every item, each expression in `requestDefaults` and in
 * the operation's routing, some of them twice; on n8n 2.x each is a run in the expression sandbox,
 * the largest cost of one request per item (docs/benchmarks.md). The node therefore has none there:
 * the Base URL comes from the credential in the transport, and URLs like `/client/{location}/{client}`
 * are filled in by the routing hook from the IDs its checks read. What is left is resolving the
 * user's own expressions, which any node must do.
 */
import type { INodeParameters } from 'n8n-workflow';
import { RoutingNode } from 'n8n-core';
import { Expression } from 'n8n-workflow';

import { byId, sandboxSuite } from './harness';

const LOCATION = 101;
const { sandbox, run } = sandboxSuite('client', LOCATION);

/** Every expression n8n resolved while `work` ran, with how often. */
async function resolvedDuring(work: () => Promise<unknown>): Promise<Map<string, number>> {
	const seen = new Map<string, number>();
	const original = Expression.prototype.resolveSimpleParameterValue;
	const spy = jest.spyOn(Expression.prototype, 'resolveSimpleParameterValue').mockImplementation(function (
		this: Expression,
		...args: Parameters<Expression['resolveSimpleParameterValue']>
	) {
		const text = String(args[0]);
		if (text.startsWith('=')) seen.set(text, (seen.get(text) ?? 0) + 1);
		return original.apply(this, args);
	});
	try {
		await work();
	} finally {
		spy.mockRestore();
	}
	return seen;
}

const ofTheNode = (seen: Map<string, number>) =>
	[...seen.keys()].filter((text) => /\$credentials|\$parameter/.test(text));

test('Get on 3 items: the right clients, and no expression of the node itself resolved per item', async () => {
	const clients = sandbox.seedClients(LOCATION, 3);
	let items: Array<{ json: { id?: unknown } }> = [];
	const seen = await resolvedDuring(async () => {
		const result = await run({ operation: 'get', clientId: byId('={{ $json.id }}') } as INodeParameters, {
			input: clients.map((client) => ({ id: client.id })),
		});
		expect(result.error).toBeUndefined();
		items = result.items;
	});
	expect(items.map((item) => item.json.id)).toEqual(clients.map((client) => client.id));
	expect(sandbox.requests.map((r) => r.path)).toEqual(clients.map((c) => `/client/${LOCATION}/${c.id}`));
	expect(ofTheNode(seen)).toEqual([]);
	expect(seen.get('={{ $json.id }}')).toBeGreaterThan(0);
});

test("Create on 2 items: bodies from the items, URL from the location, none of the node's expressions", async () => {
	const seen = await resolvedDuring(async () => {
		const { error } = await run(
			{ operation: 'create', name: '={{ $json.name }}', phone: '={{ $json.phone }}', additionalFields: {} },
			{
				input: [
					{ name: 'Ann', phone: '+13155550101' },
					{ name: 'Bob', phone: '+13155550102' },
				],
			},
		);
		expect(error).toBeUndefined();
	});
	const posts = sandbox.requests.filter((r) => r.method === 'POST');
	expect(posts.map((r) => [r.path, (r.body as { name?: string }).name])).toEqual([
		[`/clients/${LOCATION}`, 'Ann'],
		[`/clients/${LOCATION}`, 'Bob'],
	]);
	expect(ofTheNode(seen)).toEqual([]);
});

test('an ID from an expression that is no number stops the item before any request, naming it', async () => {
	const { error } = await run({ operation: 'get', clientId: byId('={{ $json.id }}') } as INodeParameters, {
		input: [{ id: '12/../34' }],
	});
	expect(error?.message).toMatch(/Client \(clientId\) must be a positive whole number/);
	expect(sandbox.requests).toHaveLength(0);
});

/**
 * RoutingNode resolves a parameter's expression once per definition of its name in each of its passes
 * over the properties (one, or two where it also checks the base URL), shown or not; the node then
 * reads it once. So each mapped field must have as few definitions as n8n's display rules allow.
 */
const routingPasses = 'resolveBaseUrl' in RoutingNode.prototype ? 2 : 1;

test.each([
	// clientId: Client's, the card's of Comment and File, Visit History's. Name and Phone: Create's (and
	// Create or Update's), Create Many's. Fewer would need conditions on another operation's parameter.
	['get', { clientId: byId('={{ $json.id }}') }, '={{ $json.id }}', 3],
	['create', { name: '={{ $json.name }}', phone: '={{ $json.phone }}', additionalFields: {} }, '={{ $json.phone }}', 2],
	['upsert', { name: '={{ $json.name }}', phone: '={{ $json.phone }}', additionalFields: {} }, '={{ $json.phone }}', 2],
])(
	'%s: a mapped field is resolved by RoutingNode once per definition and pass, by the node once',
	async (operation, parameters, expression, definitions) => {
		const clients = sandbox.seedClients(LOCATION, 3);
		const input = clients.map((client, index) => ({
			id: client.id,
			name: `Kim${index}`,
			phone: `+1315555020${index}`,
		}));
		const seen = await resolvedDuring(async () => {
			const { error } = await run({ operation, ...parameters } as INodeParameters, { input });
			expect(error).toBeUndefined();
		});
		expect(seen.get(expression)).toBe(input.length * (definitions * routingPasses + 1));
	},
);

test("another operation's parameter left in a node (imported workflow) hides none of Create's fields", async () => {
	const { error, items } = await run({
		operation: 'create',
		name: 'Ann',
		phone: '+13155550301',
		additionalFields: {},
		rowsFrom: 'json',
		searchBy: 'clientPhone',
		output: 'raw',
	} as INodeParameters);
	expect(error).toBeUndefined();
	expect(items[0].json).toMatchObject({ name: 'Ann' });
});
