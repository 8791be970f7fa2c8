import { BadUserInputError } from '../errors/domain-errors.js';

/**
 * The longest `search` text accepted (items, the negative inventory report and its CSV export).
 * An item's SKU is at most 64 characters and its name 200, so a longer text can match nothing; it
 * would only make the database scan with a longer pattern.
 */
export const maxSearchLength = 200;

/** A `search` argument trimmed, or null when blank; BAD_USER_INPUT when it can't be searched for. */
export function searchText(search: string | null | undefined, argument = 'search'): string | null {
  const text = search?.trim() ?? '';
  if (text.length > maxSearchLength) throw badSearch(argument, `${argument} is at most ${maxSearchLength} characters.`);
  // PostgreSQL text can't hold NUL: the query would fail rather than match nothing.
  if (text.includes('\u0000')) throw badSearch(argument, `${argument} may not contain NUL characters.`);
  return text || null;
}

function badSearch(argument: string, message: string): BadUserInputError {
  return new BadUserInputError(message, argument);
}
