/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * The "add an operation" recipe (README, Layout) is checked: every operation of the compiled node
 * has each step done. A row in test/catalog.js; a sandbox route for each request the row sends; an
 * entry of Altegio's official description (test/contract) for each of them; its engine test file;
 * an e2e case (its own in test/e2e/cases/<resource>.js, or the one generated from its catalog row); a row in the
 * README's operations table. Leave a step out and this names the operation and the step.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodePropertyOptions } from 'n8n-workflow';

import { Altegio } from '../../nodes/Altegio/Altegio.node';
import { findOperation } from '../contract/contract';

const catalog = require('../catalog');
const { matchRoute } = require('../sandbox/server');
const { cases } = require('../e2e/cases');

/** One record of each kind, for filling the catalog's path patterns. */
const IDS = { location: 101, client: 7, comment: 8, file: 9 };

/** Every operation of the compiled node: `resource.operation` and the name shown in the editor. */
const operations = new Altegio().description.properties
	.filter((p) => p.name === 'operation')
	.flatMap((p) =>
		((p.displayOptions?.show?.resource ?? []) as string[]).flatMap((resource) =>
			(p.options as INodePropertyOptions[]).map((o) => ({
				resource,
				name: `${resource}.${String(o.value)}`,
				label: o.name,
			})),
		),
	);

/** The README's operations table: resource title → the operations its row lists. */
function readmeOperations(): Map<string, string[]> {
	const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
	const table = readme.slice(readme.indexOf('| Resource | Operations |'));
	const rows = new Map<string, string[]>();
	for (const line of table.split('\n').slice(2)) {
		if (!line.startsWith('|')) break;
		const [resource, list] = line
			.split('|')
			.slice(1, 3)
			.map((cell) => cell.trim());
		// Commas inside parentheses belong to an operation's remark, not to the list.
		rows.set(
			resource.toLowerCase(),
			list.split(/,\s*(?![^(]*\))/).map((entry) => entry.trim()),
		);
	}
	return rows;
}

/** The README's title of a resource. */
const README_TITLE: Record<string, string> = { history: 'visit history' };

test('the node offers operations (the recipe checks below see them)', () => {
	expect(operations.length).toBeGreaterThanOrEqual(14);
});

describe.each(operations.map((op) => [op.name, op] as const))('%s', (name, op) => {
	const row = catalog.OPERATIONS.find((r: { name: string }) => r.name === name);

	test('has a row in test/catalog.js', () => {
		expect(row).toBeDefined();
	});

	test('each request of its row has a sandbox route and an entry in the official description', () => {
		const missing: string[] = [];
		for (const request of row?.requests ?? []) {
			const path = catalog.pathOf(request.path, IDS);
			if (!matchRoute(request.method, path)) missing.push(`sandbox route for ${request.method} ${request.path}`);
			if (!findOperation(request.method, path)) missing.push(`contract entry for ${request.method} ${request.path}`);
		}
		expect(missing).toEqual([]);
	});

	test('has its engine test file, test/engine/<resource>/<operation>.test.ts', () => {
		const [resource, operation] = name.split('.');
		expect(existsSync(join(__dirname, '..', 'engine', resource, `${operation}.test.ts`))).toBe(true);
	});

	test('has an e2e case (its own, or the one generated from its catalog row)', () => {
		expect(
			cases.filter((c: { needs: string[] }) => c.needs.includes(name)).map((c: { name: string }) => c.name),
		).not.toEqual([]);
	});

	test("is listed in the README's operations table", () => {
		const listed = readmeOperations().get(README_TITLE[op.resource] ?? op.resource) ?? [];
		// "Get Many (Full Records)" is listed as "Get Many (Full Records: the deprecated list ...)".
		const stem = op.label.replace(/\)$/, '');
		expect(
			listed.filter((entry) => entry === op.label || entry.startsWith(`${stem} (`) || entry.startsWith(`${stem}:`)),
		).not.toEqual([]);
	});
});
