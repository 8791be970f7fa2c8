import type { OptionalModuleName } from '../accounts/accounts.tables.js';
import type { NegativeRow } from '../reports/reports.service.js';

/**
 * Expected failures. Services throw these; the errors plugin turns each into the typed union
 * member of the same name (see errors.schema.ts), or, for the refusals at the end of this file
 * (no union member: reads and sign-in limits), src/server/errors.ts turns them into GraphQL errors
 * with an extensions.code. Anything else thrown is unexpected and stays masked by yoga. A service
 * throws one inside its transaction, so nothing it wrote is kept. Services never build GraphQL
 * errors themselves.
 */
export class DomainError extends Error {}

export class ValidationError extends DomainError {
  override name = 'ValidationError';
  constructor(
    message: string,
    /** The input path at fault, e.g. `lines.2.quantity`. */
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  constructor(
    /** The ID as the client gave it. */
    readonly id: string,
    what = 'Object',
  ) {
    super(`${what} ${id} was not found.`);
  }
}

export interface Shortage {
  itemId: string;
  shopId: string;
  requested: number;
  available: number;
}

export class InsufficientInventoryError extends DomainError {
  override name = 'InsufficientInventoryError';
  constructor(readonly shortages: Shortage[]) {
    super(
      `Negative inventory is off for this session and ${shortages.length} line${shortages.length === 1 ? '' : 's'} would go below zero.`,
    );
  }
}

export class NegativeInventoryOutstandingError extends DomainError {
  override name = 'NegativeInventoryOutstandingError';
  constructor(
    readonly negativeItemCount: number,
    /** The first rows of the negative inventory report (at most maxBlockers): what keeps the module on. */
    readonly blockers: readonly NegativeRow[] = [],
  ) {
    super(
      `Negative inventory can't be turned off while ${negativeItemCount} item${negativeItemCount === 1 ? ' is' : 's are'} below zero: correct ${negativeItemCount === 1 ? 'it' : 'them'} first.`,
    );
  }
}

export class ModuleLockedError extends DomainError {
  override name = 'ModuleLockedError';
  constructor(readonly module: OptionalModuleName) {
    super(`${module} is always on for this account and can't be turned off.`);
  }
}

export class IdempotencyConflictError extends DomainError {
  override name = 'IdempotencyConflictError';
  constructor() {
    super('This idempotency key was already used for a different request.');
  }
}

export class InvalidCredentialsError extends DomainError {
  override name = 'InvalidCredentialsError';
  constructor() {
    super('The e-mail or password is not correct.');
  }
}

export class InventoryCountClosedError extends DomainError {
  override name = 'InventoryCountClosedError';
  constructor() {
    super('This inventory count is already reconciled.');
  }
}

/**
 * An argument the API can't act on where there is no error union to answer with (a read's page
 * size, cursor, search text or filter ID; a CSV route's query): BAD_USER_INPUT, HTTP 400 on the CSV
 * routes.
 */
export class BadUserInputError extends DomainError {
  override name = 'BadUserInputError';
  constructor(
    message: string,
    /** The argument at fault, when the message alone doesn't say. */
    readonly argument: string | null = null,
    /** The ID as the client gave it, for a filter ID that is not one of the account's objects. */
    readonly id: string | null = null,
  ) {
    super(message);
  }
}

/** Too many failed sign-ins, or wrong operator tokens, in the window: RATE_LIMITED, HTTP 429 on the CSV routes. */
export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  constructor(
    message: string,
    /** When the window lets the next attempt through. */
    readonly retryAfterSeconds: number,
  ) {
    super(message);
  }
}
