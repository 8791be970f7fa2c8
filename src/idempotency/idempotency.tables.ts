import type { ColumnType, JSONColumnType } from 'kysely';

export interface IdempotencyKeysTable {
  account_id: string;
  operation: string;
  key: string;
  request_hash: string;
  response: JSONColumnType<object>;
  created_at: ColumnType<Date, never, never>;
}
