/**
 * Sending: one Altegio request within the budget, under a deadline, retried where the retry table
 * (retryPolicy.ts) says so, its answer judged (answer.ts) and unwrapped. Every request goes through
 * `altegioRequest`.
 */
export * from './wire';
export { CREDENTIAL_TYPE, altegioBaseUrl } from '../session';
export type { AltegioContext } from '../session';
export type { AltegioResponse } from './answer';
export { RETRY_POLICY, decide, useRetryPolicy } from './retryPolicy';
export type { Happening } from './answer';
export type { RetryPolicy, RetryRule } from './retryPolicy';
export { altegioRequest, isRead } from './transport';
export { DEFAULT_MAX_FILE_BYTES, DownloadError, downloadFile } from './download';
export type { Download } from './download';
export type { AltegioRequest, RequestSettings } from './transport';
