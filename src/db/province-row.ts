/**
 * da06 follows one province per database, in the one Province row; every read and write of it names the row
 * through this constant rather than a literal id.
 */
export const PROVINCE_ROW = { id: 1 } as const;
