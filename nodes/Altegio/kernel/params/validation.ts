import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INode,
	INodeProperties,
	PreSendAction,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { STOPPED, isStopped } from '../transport/wire';

/**
 * Checks that run in preSend, i.e. before any request: a bad value never reaches a URL or a body,
 * and the error names the parameter.
 */

export class ParameterError extends Error {
	constructor(
		readonly parameter: string,
		message: string,
	) {
		super(message);
	}
}

/** The display names of a collection's fields by name, for messages like "Birth Date (additionalFields.birthDate)". */
export function labelsOf(fields: INodeProperties[]): (name: string) => string {
	const labels = new Map(fields.map((field) => [field.name, field.displayName]));
	return (name) => labels.get(name) ?? name;
}

/** "Client (clientId)", or just the parameter when it has no other label. */
function named(label: string, parameter: string): string {
	return label === parameter ? parameter : `${label} (${parameter})`;
}

function show(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/**
 * An Altegio ID: 1 to 15 digits (a number from an expression is fine). Returned unchanged, because
 * the routing puts the parameter itself into the URL: what passes here is exactly what is sent.
 */
export function toId(value: unknown, parameter: string, label = parameter): string {
	if (value && typeof value === 'object' && '__rl' in (value as IDataObject)) {
		value = (value as IDataObject).value;
	}
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new ParameterError(parameter, `${named(label, parameter)} is required`);
	}
	const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
	if (typeof text !== 'string' || !/^\d{1,15}$/.test(text) || /^0+$/.test(text)) {
		throw new ParameterError(
			parameter,
			`${named(label, parameter)} must be a positive whole number of digits only, got ${show(value)}`,
		);
	}
	return text;
}

export function toRequiredText(value: unknown, parameter: string, label = parameter): string {
	if (typeof value === 'number') return String(value);
	if (value !== null && value !== undefined && typeof value !== 'string') {
		throw new ParameterError(parameter, `${named(label, parameter)} must be text, got ${show(value)}`);
	}
	if (typeof value !== 'string' || value.trim() === '') {
		throw new ParameterError(parameter, `${named(label, parameter)} is required and cannot be empty`);
	}
	return value;
}

/** Digits of a phone; the API wants 9 to 15 of them, and a phone with letters is a typo. */
export function toPhoneDigits(value: unknown, parameter: string, label = parameter): string {
	const text = toRequiredText(value, parameter, label);
	if (!/^[\d\s+\-().]+$/.test(text)) {
		throw new ParameterError(
			parameter,
			`${named(label, parameter)} may contain only digits, spaces and + - ( ) ., got ${show(value)}`,
		);
	}
	const digits = text.replace(/\D/g, '');
	if (digits.length < 9 || digits.length > 15) {
		throw new ParameterError(parameter, `${named(label, parameter)} must have 9 to 15 digits, got ${digits.length}`);
	}
	return digits;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** A date or date-time as n8n's picker or an expression gives it, checked for real calendar values. */
export function toDateParts(value: unknown, parameter: string, label = parameter) {
	let text: string | undefined;
	if (value instanceof Date) text = Number.isNaN(value.getTime()) ? undefined : value.toISOString();
	else if (typeof value === 'string') text = value.trim();
	else if (value && typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		text = String((value as { toISO: () => string }).toISO());
	}
	const match = text ? ISO_DATE.exec(text) : null;
	if (!match) {
		throw new ParameterError(
			parameter,
			`${named(label, parameter)} must be a date like 2026-01-31 or 2026-01-31T10:00:00, got ${show(value)}`,
		);
	}
	const [, y, m, d, hh = '00', mm = '00', ss = '00', zone] = match;
	const offset = zone && zone !== 'Z' ? /^[+-](\d{2}):?(\d{2})$/.exec(zone) : null;
	if (offset && (+offset[1] > 14 || +offset[2] > 59)) {
		throw new ParameterError(
			parameter,
			`${named(label, parameter)} has an impossible time zone offset: ${show(value)}`,
		);
	}
	const date = new Date(Date.UTC(+y, +m - 1, +d, +hh, +mm, +ss));
	if (
		date.getUTCFullYear() !== +y ||
		date.getUTCMonth() !== +m - 1 ||
		date.getUTCDate() !== +d ||
		+hh > 23 ||
		+mm > 59 ||
		+ss > 59
	) {
		throw new ParameterError(parameter, `${named(label, parameter)} is not a real date: ${show(value)}`);
	}
	return { date: `${y}-${m}-${d}`, dateTime: `${y}-${m}-${d}T${hh}:${mm}:${ss}`, zone };
}

/** JSON given as text or already parsed by an expression. */
export function toJson(value: unknown, parameter: string, label = parameter): unknown {
	if (typeof value !== 'string') return value;
	let problem: string | undefined;
	let parsed: unknown;
	try {
		parsed = JSON.parse(value);
	} catch (error) {
		problem = (error as Error).message;
	}
	if (problem !== undefined)
		throw new ParameterError(parameter, `${named(label, parameter)} is not valid JSON: ${problem}`);
	return parsed;
}

/** A plain decimal number as text: `Number()` would also take "0x10", "0b11" and "Infinity". */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

export function toNumber(value: unknown, parameter: string, label = parameter): number {
	const number = typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new ParameterError(parameter, `${named(label, parameter)} must be a number, got ${show(value)}`);
	}
	return number;
}

/** Turns a ParameterError into the n8n error for this item (other errors pass through). */
export function asNodeError(node: INode, itemIndex: number, error: unknown): unknown {
	if (error instanceof ParameterError) {
		return new NodeOperationError(node, error.message, {
			itemIndex,
			description: `Fix the parameter "${error.parameter}". Nothing was sent to Altegio.`,
		});
	}
	if (isStopped(error)) {
		// Not a failure: a warning without a stack in n8n's log, and nothing else to report.
		return new NodeOperationError(node, STOPPED, { itemIndex, level: 'warning' });
	}
	return error;
}

/** What a request builder may need besides the parameters: the workflow's time zone, for instants. */
export interface BuildContext {
	timeZone: () => string;
}

/**
 * A preSend that builds the request from this item's parameters: `build` reads them, checks each
 * and may set the body or query. A failure stops the item before any request, naming the parameter.
 */
export function buildRequest(
	build: (param: (name: string) => unknown, request: IHttpRequestOptions, context: BuildContext) => void,
): PreSendAction {
	return async function (this: IExecuteSingleFunctions, requestOptions: IHttpRequestOptions) {
		try {
			build((name) => this.getNodeParameter(name, undefined, { extractValue: true }), requestOptions, {
				timeZone: () => this.getTimezone(),
			});
		} catch (error) {
			throw asNodeError(this.getNode(), this.getItemIndex(), error);
		}
		return requestOptions;
	};
}

/** The IDs every operation of a resource puts into its URL. */
export function checkIds(...parameters: Array<[name: string, label: string]>): PreSendAction {
	return buildRequest((param) => {
		for (const [name, label] of parameters) toId(param(name), name, label);
	});
}
