import type { ColumnType, Generated } from 'kysely';

export interface SessionsTable {
  account_id: string;
  id: Generated<string>;
  employee_id: string;
  /** SHA-256 of the bearer token; the token itself is never stored. */
  token_hash: Buffer;
  /** The account's setting when this session signed in; it holds until sign-out. */
  negative_inventory_enabled: boolean;
  created_at: ColumnType<Date, never, never>;
  expires_at: Date;
}

export interface ApiKeysTable {
  account_id: string;
  id: Generated<string>;
  name: string;
  token_hash: Buffer;
  created_at: ColumnType<Date, never, never>;
  last_used_at: Date | null;
  revoked_at: Date | null;
}
