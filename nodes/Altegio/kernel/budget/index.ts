/** The request budget of an account (throttle) and the queue that keeps writes to one record in turn. */
export * from './budget';
export * from './throttle';
export * from './writeLocks';
