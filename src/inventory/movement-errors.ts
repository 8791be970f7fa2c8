import {
  IdempotencyConflictError,
  InsufficientInventoryError,
  NotFoundError,
  ValidationError,
  type Shortage,
} from '../errors/domain-errors.js';

// The stock-movement functions (migrations/2026-12-02T0200_stock_movement_functions.ts) refuse a
// write by raising an SQLSTATE of our own, with what the API needs to say in DETAIL. The whole
// statement rolls back with it; this turns the error into the domain error the schema answers.

/** The IDs as the client gave them, by the argument names the functions report. */
export interface GivenIds {
  shopId?: string;
  fromShopId?: string;
  toShopId?: string;
  itemId?: string;
  /** Each line's item ID, in line order. */
  lines?: readonly string[];
}

const numericOutOfRange = '22003';

export function asDomainError(error: unknown, given: GivenIds): unknown {
  const { code, detail } = (error ?? {}) as { code?: string; detail?: string };
  switch (code) {
    case 'NI404': {
      const { argument, index } = JSON.parse(detail ?? '{}') as { argument: keyof GivenIds; index?: number };
      if (argument === 'lines') return new NotFoundError(given.lines?.[index ?? 0] ?? '', 'Item');
      if (argument === 'itemId') return new NotFoundError(given.itemId ?? '', 'Item');
      return new NotFoundError(given[argument] ?? '', 'Shop');
    }
    case 'NI409':
      return new InsufficientInventoryError(JSON.parse(detail ?? '[]') as Shortage[]);
    case 'NI412':
      return new IdempotencyConflictError();
    case 'NI422': {
      const { field, message } = JSON.parse(detail ?? '{}') as { field: string; message: string };
      return new ValidationError(message, field);
    }
    case numericOutOfRange:
      return new ValidationError('The quantity on hand would be larger than the largest quantity this API can hold.', 'lines');
    default:
      return error;
  }
}

/** Runs one stock-movement statement, turning its refusals into domain errors. */
export async function runMovement<Result>(statement: Promise<Result>, given: GivenIds): Promise<Result> {
  try {
    return await statement;
  } catch (error) {
    throw asDomainError(error, given);
  }
}
