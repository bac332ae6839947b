/** How every operation runs: its routing (altegioOperation) and the Retry On Fail guard for writes. */
export * from './retryGuard';
export * from './routing';
export * from './itemBatch';
