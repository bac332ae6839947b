/**
 * What one request and its answer are made of: deadlines and Stop, reading the body, the envelope,
 * the base URL and redirects, redaction, errors. The low floor of the transport: the budget, the
 * session and the parameter checks build on it, so it imports nothing else of the kernel.
 */
export * from './baseUrl';
export * from './body';
export * from './deadline';
export * from './envelope';
export * from './errors';
export * from './redact';
