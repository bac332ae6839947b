/** The largest pages the client lists take: the client search's and the deprecated list's. */

/** The search's largest page per the official description (a server that caps lower is detected). */
export const SEARCH_MAX_PAGE_SIZE = 200;

/** Largest `count` of the deprecated list: not in the docs; 300 per one source audit, 200 per another. */
export const LEGACY_MAX_PAGE_SIZE = 300;

/**
 * The `count` Get Many (Full Records) asks for: 200, which both sources allow. A server that caps
 * lower is detected on the first page (see fetchPages); one that rejects 300 would fail every read.
 */
export const LEGACY_PAGE_SIZE = 200;
