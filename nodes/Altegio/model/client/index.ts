/**
 * The client record: reading it (clientRecord), its fields as the node names them (clientFields) and
 * as the API's body (clientBody), merging an edit into the stored record (clientMerge, clientEdit),
 * phone matching, the bulk answer, the search body, Output (output) and page sizes. Logic the
 * client operations share; no operation lives here.
 */
export * from './bulkAnswer';
export * from './clientBody';
export * from './clientEdit';
export * from './clientFields';
export * from './clientMerge';
export * from './clientRecord';
export { forgetEditReadings } from './editReading';
export * from './output';
export * from './pageSizes';
export * from './phoneMatch';
export * from './searchBody';
