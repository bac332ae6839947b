/** The faults the matrix crosses with each operation (sandbox fault injection, test/sandbox/README.md). */
import type { IDataObject } from 'n8n-workflow';

export interface FaultCase {
	id: string;
	/** What the fault is, for the table. */
	label: string;
	/** The sandbox fault, without where it strikes (each suite adds method/path/match/skip). */
	fault: IDataObject;
	/** How many answers the fault spoils. */
	times: number;
	/** The request timeout the node runs with (Request Options > Timeout), ms. */
	timeout: number;
	/** 429: refused, not processed; safe to send again, for writes too. */
	rateLimited?: boolean;
	/** Whether a write has been stored by the server when the client sees the fault. */
	processed: boolean;
	/** Text a write's error must contain (besides the "may or may not have been saved" warning). */
	writeError: RegExp;
	/** Whether the write's error must warn that the change may have been saved. */
	uncertain: boolean;
}

const TIMEOUT = 10_000;

export const FAULTS: FaultCase[] = [
	{
		id: '429-retry-after',
		label: '429 burst: 2 in a row, with Retry-After: 1',
		fault: { kind: '429', retryAfter: 1, message: 'Too many requests' },
		times: 2,
		timeout: TIMEOUT,
		rateLimited: true,
		processed: false,
		writeError: /./,
		uncertain: false,
	},
	{
		id: '429',
		label: '429 burst: 3 in a row, no Retry-After',
		fault: { kind: '429', message: 'Too many requests' },
		times: 3,
		timeout: TIMEOUT,
		rateLimited: true,
		processed: false,
		writeError: /./,
		uncertain: false,
	},
	...[500, 502, 503, 504].map(
		(status): FaultCase => ({
			id: String(status),
			label: `HTTP ${status} (Altegio error envelope)`,
			fault: { kind: 'status', status, message: `Upstream trouble ${status}` },
			times: 1,
			timeout: TIMEOUT,
			processed: false,
			writeError: new RegExp(`Upstream trouble ${status}.*\\[HTTP ${status}\\]`),
			uncertain: true,
		}),
	),
	{
		id: 'reset',
		label: 'connection reset before the server handled the request',
		fault: { kind: 'reset' },
		times: 1,
		timeout: TIMEOUT,
		processed: false,
		writeError: /Could not reach Altegio: the connection was closed before the answer arrived/,
		uncertain: true,
	},
	{
		id: 'reset-after',
		label: 'connection reset after the server handled the request',
		fault: { kind: 'reset', when: 'after' },
		times: 1,
		timeout: TIMEOUT,
		processed: true,
		writeError: /Could not reach Altegio: the connection was closed before the answer arrived/,
		uncertain: true,
	},
	{
		id: 'timeout',
		label: 'answer slower than the timeout (server waits 0.8 s; node timeout 0.3 s)',
		fault: { kind: 'delay', delayMs: 800 },
		times: 1,
		timeout: 300,
		processed: true,
		writeError: /Could not reach Altegio: no answer within the timeout/,
		uncertain: true,
	},
	{
		id: 'truncated',
		label: 'truncated JSON body (HTTP 200, half the answer)',
		fault: { kind: 'truncated', when: 'after' },
		times: 1,
		timeout: TIMEOUT,
		processed: true,
		writeError: /with a body that is not valid JSON/,
		uncertain: true,
	},
	{
		id: 'html',
		label: 'HTML error page from a proxy (HTTP 502, text/html)',
		fault: { kind: 'html', status: 502 },
		times: 1,
		timeout: TIMEOUT,
		processed: false,
		writeError: /Altegio answered HTTP 502.*\[HTTP 502\]/,
		uncertain: true,
	},
	{
		id: 'success-false',
		label: 'HTTP 200 with success: false',
		fault: { kind: 'successFalse', message: 'An error has occurred.' },
		times: 1,
		timeout: TIMEOUT,
		processed: false,
		writeError: /An error has occurred\. \[HTTP 200\]/,
		uncertain: false,
	},
	{
		id: 'empty-204',
		label: 'empty HTTP 204 instead of the answer',
		fault: { kind: 'empty204', when: 'after' },
		times: 1,
		timeout: TIMEOUT,
		processed: true,
		writeError: /HTTP 204 with an empty body/,
		uncertain: true,
	},
];

export const MAYBE_SAVED = /may or may not have been saved: check in Altegio before sending it again/;

/** The fault as the sandbox takes it, aimed at some requests. */
export function aimed(fault: FaultCase, where: IDataObject): IDataObject {
	return { ...fault.fault, times: fault.times, ...where };
}

/** The fault as a table's input says it: `fault × 2 on page 2; timeout 300 ms` (`where` after the count). */
export function faultInput(fault: FaultCase, where = ''): string {
	return `fault × ${fault.times}${where}${fault.timeout < TIMEOUT ? `; timeout ${fault.timeout} ms` : ''}`;
}
