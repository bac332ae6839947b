import type { RecordShape } from '../kernel/params';
import { nameOf, outputParameters, titlesOf } from '../kernel/params';

/**
 * Output for visit history: appointments (`kind: visit`) and product sales (`kind: goodsTransaction`).
 * Simplified gives the staff member and location by name, services and products by title.
 */
export const historyShape: RecordShape = {
	simplified: ['kind', 'id', 'date', 'attendance', 'visit_id', 'record_id', 'staff', 'services', 'goods', 'comment'],
	flatten: { staff: nameOf, services: titlesOf, goods: titlesOf, company: nameOf },
	fields: [
		'date',
		'comment',
		'visit_id',
		'record_id',
		'attendance',
		'services',
		'goods',
		'staff',
		'company',
		'tips',
		'comer',
	],
	always: ['kind', 'id'],
};

export const historyOutput = outputParameters(
	historyShape,
	'Date, outcome, staff member, services or products by title, and comment',
);
