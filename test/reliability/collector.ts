/* eslint-disable -- n8n-node lint holds every .ts file to shipped-code rules; tests: eslint.project.config.mjs */
/**
 * Records what each reliability case tried and observed, for docs/reliability.md. A case is a jest
 * test whose body returns the "Observed" text once its assertions have passed; a failed assertion
 * records the row as failed (and the test fails as usual). Rows are written only when asked
 * (RELIABILITY_REPORT=1, which `npm run docs` sets), so `npm test` changes no file, and only when
 * every declared case ran, so a run filtered with `-t` leaves the page as it was.
 */
const { recordSuite } = require('./report');

export interface CaseRow {
	/** Sub-table within the suite's section. */
	section: string;
	case: string;
	input: string;
	expected: string;
}

interface Recorded extends CaseRow {
	observed: string;
	ok: boolean;
	order: number;
}

export function reliabilityTable(id: string, title: string, intro: string) {
	const rows: Recorded[] = [];
	const notes: string[] = [];
	let declared = 0;
	const file = `test/reliability/${require('node:path').basename(expect.getState().testPath ?? `${id}.test.ts`)}`;

	/** Declares one case: a jest test that records its row. */
	function check(row: CaseRow, body: () => Promise<string> | string, timeout?: number) {
		const order = declared++;
		test(
			`${row.section ? `${row.section}: ` : ''}${row.case}`,
			async () => {
				try {
					const observed = await body();
					rows.push({ ...row, observed, ok: true, order });
				} catch (error) {
					const message = String((error as Error)?.message ?? error)
						.split('\n')
						.filter(Boolean)
						.slice(0, 3)
						.join(' ');
					rows.push({ ...row, observed: `FAILED: ${message.slice(0, 300)}`, ok: false, order });
					throw error;
				}
			},
			timeout,
		);
	}

	/** A line under the suite's tables (measurements, explanations), recorded with the rows. */
	function note(text: string) {
		notes.push(text);
	}

	afterAll(() => {
		if (process.env.RELIABILITY_REPORT !== '1') return;
		if (rows.length < declared) {
			process.stdout.write(
				`reliability: ${id} ran ${rows.length} of ${declared} cases; docs/reliability.md left as it was\n`,
			);
			return;
		}
		recordSuite({
			id,
			title,
			intro,
			file,
			rows: rows
				.sort((a, b) => a.order - b.order)
				.map((row) => ({
					section: row.section,
					case: row.case,
					input: row.input,
					expected: row.expected,
					observed: row.observed,
					ok: row.ok,
				})),
			notes,
		});
	});

	return { check, note };
}
