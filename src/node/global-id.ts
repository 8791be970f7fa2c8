import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';

/** Our row ids are bigint identities, carried as decimal strings. */
const rowId = /^[1-9]\d{0,17}$/;

/**
 * The row id inside a global ID, or null when the ID does not decode, names another type, or
 * holds something that is not one of our ids. Callers turn null into NotFoundError (the
 * contract: an ID that can't be decoded is "not found", carrying the ID as given).
 */
export function decodeId(globalId: string, typename: string): string | null {
  const decoded = tryDecode(globalId);
  return decoded?.typename === typename ? decoded.id : null;
}

export function tryDecode(globalId: string): { typename: string; id: string } | null {
  try {
    const { typename, id } = decodeGlobalID(globalId);
    return rowId.test(id) ? { typename, id } : null;
  } catch {
    return null;
  }
}

export function encodeId(typename: string, id: string): string {
  return encodeGlobalID(typename, id);
}
