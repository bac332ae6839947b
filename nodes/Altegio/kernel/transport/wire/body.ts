/**
 * Reading an answer's body ourselves (requests ask n8n for a stream): the try's deadline covers the
 * body too, and a size cap stops a huge answer before it fills the memory of n8n.
 */

/**
 * Largest answer accepted. The biggest legitimate answer is a page of 200 clients with all their
 * fields (well under 1 MB); 64 MB leaves ample room and stays far from what would hurt n8n.
 */
export const MAX_ANSWER_BYTES = 64 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
	constructor(readonly limit: number) {
		super(
			`Altegio's answer was larger than ${Math.round(limit / 1024 / 1024)} MB, the most this node accepts; ` +
				'nothing was read from it. Check the Base URL, or ask for fewer records (Limit)',
		);
		this.name = 'AnswerTooLargeError';
	}
}

interface Stream {
	on(event: string, listener: (...args: unknown[]) => void): unknown;
	destroy(error?: Error): unknown;
}

function isStream(value: unknown): value is Stream {
	return (
		!!value &&
		typeof (value as Stream).on === 'function' &&
		typeof (value as Stream).destroy === 'function' &&
		typeof (value as { pipe?: unknown }).pipe === 'function'
	);
}

/** The body as a Buffer (a stream is read to its end), or as it came when it is not a stream. */
export async function readBody(
	body: unknown,
	signal: AbortSignal | undefined,
	limit: number = MAX_ANSWER_BYTES,
	declaredLength?: unknown,
): Promise<unknown> {
	if (!isStream(body)) return body;
	const stream = body;
	if (Number(declaredLength) > limit) {
		stream.destroy();
		throw new AnswerTooLargeError(limit);
	}
	return await new Promise<Buffer>((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		let settled = false;
		const finish = (error?: Error) => {
			if (settled) return;
			settled = true;
			signal?.removeEventListener('abort', onAbort);
			if (error) {
				stream.destroy();
				reject(error);
			} else resolve(Buffer.concat(chunks));
		};
		const onAbort = () => finish(coded('aborted', 'ERR_CANCELED'));
		if (signal?.aborted) return onAbort();
		signal?.addEventListener('abort', onAbort);
		stream.on('data', (chunk: unknown) => {
			const piece = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			size += piece.length;
			if (size > limit) return finish(new AnswerTooLargeError(limit));
			chunks.push(piece);
		});
		stream.on('end', () => finish());
		stream.on('error', (error: unknown) => finish(error instanceof Error ? error : new Error(String(error))));
		// A close without an end: the connection dropped mid-body (ignored once settled; the error, with
		// its stack, is made only then: every answer's stream closes).
		stream.on('close', () => settled || finish(coded('closed', 'ECONNRESET')));
	});
}

function coded(message: string, code: string): Error {
	return Object.assign(new Error(message), { code });
}

/** A body read as text or bytes, parsed as JSON (undefined when it is not JSON). */
export function asJson(body: unknown): unknown {
	if (Buffer.isBuffer(body)) body = body.toString('utf8');
	if (typeof body !== 'string') return body;
	if (body.trim() === '') return undefined;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}
