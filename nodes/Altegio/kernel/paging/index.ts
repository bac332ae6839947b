/** Reading lists: numbered pages (fetchPages) and the visit history's date cursor. */
export * from './dateCursor';
export * from './pagination';
