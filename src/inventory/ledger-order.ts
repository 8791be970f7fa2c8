import { sql, type Expression, type RawBuilder, type SqlBool } from 'kysely';
import type { DB } from '../db/database.js';
import { cursorCodec } from '../schema/pagination.js';

// The ledger's order, and why a reader paging through it never misses a row nor sees one twice.
//
// Every adjustment (and the alert it raises) records the id of the transaction that wrote it
// (`xid`, an xid8: 64 bits, never wrapping within a cluster) and takes `id` from one identity.
// Readers order by (epoch, xid, id) and return only rows whose transaction is older than the
// horizon: pg_snapshot_xmin(pg_current_snapshot()), the oldest transaction still running when the
// reading statement took its snapshot, evaluated IN THAT SAME STATEMENT (ledger_horizon()).
//
// The argument. A transaction older than the horizon has finished: it committed (and its rows are
// in the statement's snapshot) or it rolled back (and it has none). So the set of rows below a
// horizon never changes after a reader has seen it. A page hands out cursors only for rows below
// the horizon it was read under; any row that becomes visible later belongs to a transaction at
// or above that horizon, so it sorts after every cursor already handed out. Readers continuing
// from a cursor therefore see every row once, in the same order, whatever commits meanwhile.
// Within one transaction, rows are ordered by id (handed out in the order they were written).
//
// The price: a write transaction left open anywhere on the database server holds the horizon
// back, which delays (never loses) what readers see. The server's own writes are single
// statements or short transactions, the pool bounds statements and idle transactions
// (DATABASE_STATEMENT_TIMEOUT_MS, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS), and the horizon's lag
// is watched (src/inventory/horizon-monitor.ts).
//
// Epochs. A database restored from a dump into another cluster keeps its stored xids, but the new
// cluster's transaction ids start over, lower. `migrateToLatest` then opens a new epoch
// (raiseLedgerEpochIfRestored), and the epoch leads the key, so new rows still sort after old
// cursors. On PGlite, one connection runs one transaction at a time: the horizon is simply every
// committed transaction.

/** A place in the ledger's order: a row's (epoch, xid, id), or a horizon with id 0. */
export interface LedgerPosition {
  epoch: number;
  /** An xid8 as a decimal string. */
  xid: string;
  /** A bigint as a decimal string. */
  id: string;
}

const maxUint64 = 2n ** 64n - 1n;

/**
 * Cursors of ledger rows (adjustments, and the alerts they raise): the row's position, opaque (the
 * contract keeps cursors opaque). An epoch below 0 or an xid past 64 bits is no position at all.
 */
export const ledgerCursor = cursorCodec(['int', 'string', 'id'], {
  toValues: (position: LedgerPosition) => [position.epoch, position.xid, position.id],
  fromValues: ([epoch, xid, id]) => (epoch >= 0 && /^\d{1,20}$/.test(xid) && BigInt(xid) <= maxUint64 ? { epoch, xid, id } : null),
});

/** An opaque cursor for a row at `position`. */
export function encodeLedgerCursor(position: LedgerPosition): string {
  return ledgerCursor.encode(position);
}

/** The position in a cursor this API handed out, or null without one; anything else is BAD_USER_INPUT. */
export function decodeLedgerCursor(cursor: string | null | undefined, argument: 'after' | 'before' = 'after'): LedgerPosition | null {
  return cursor === null || cursor === undefined ? null : ledgerCursor.decode(cursor, argument);
}

export function positionOf(row: { epoch: number; xid: string; id: string }): LedgerPosition {
  return { epoch: row.epoch, xid: row.xid, id: row.id };
}

/** Compares two positions in ledger order. */
export function comparePositions(a: LedgerPosition, b: LedgerPosition): number {
  if (a.epoch !== b.epoch) return a.epoch < b.epoch ? -1 : 1;
  const byXid = BigInt(a.xid) - BigInt(b.xid);
  if (byXid !== 0n) return byXid < 0n ? -1 : 1;
  const byId = BigInt(a.id) - BigInt(b.id);
  return byId === 0n ? 0 : byId < 0n ? -1 : 1;
}

/** The columns a table keeps its ledger order in. */
export interface OrderColumns {
  epoch: Expression<number>;
  xid: Expression<string>;
  id: Expression<string>;
}

/** Rows whose transaction finished before this statement's snapshot (see the argument above). */
export function belowHorizon(columns: OrderColumns): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${columns.epoch}, ${columns.xid}) < (select epoch, xid from ledger_horizon())`;
}

/** Rows after (or before) a position in ledger order. */
export function beyondPosition(columns: OrderColumns, direction: '>' | '<', position: LedgerPosition): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${columns.epoch}, ${columns.xid}, ${columns.id}) ${sql.raw(direction)} (${position.epoch}::integer, ${position.xid}::xid8, ${position.id}::bigint)`;
}

/** The horizon now, as a position before every row at or above it: where a live-only stream starts. */
export async function currentHorizon(db: DB): Promise<LedgerPosition> {
  const { rows } = await sql<{ epoch: number; xid: string }>`select epoch, xid::text as xid from ledger_horizon()`.execute(db);
  const [horizon] = rows;
  if (!horizon) throw new Error('ledger_horizon() returned no row');
  return { epoch: horizon.epoch, xid: horizon.xid, id: '0' };
}

/**
 * After a restore into another cluster, the highest xid stored in the current epoch is not below
 * the current transaction id: open a new epoch so that new rows sort after every stored one.
 * Runs in migrateToLatest, before the server takes writes. Returns the epoch in force.
 */
export async function raiseLedgerEpochIfRestored(db: DB): Promise<number> {
  // The highest xid per account is one index probe each (inventory_adjustments_order_idx).
  const { rows } = await sql<{ epoch: number }>`
    with current_epoch as (select ledger_epoch() as epoch),
    highest as (
      select max(last.xid) as xid
      from accounts
      cross join current_epoch
      cross join lateral (
        select adjustment.xid from inventory_adjustments adjustment
        where adjustment.account_id = accounts.id and adjustment.epoch = current_epoch.epoch
        order by adjustment.xid desc limit 1
      ) last
    ),
    raised as (
      insert into ledger_epochs (epoch)
      select current_epoch.epoch + 1 from current_epoch, highest
      where highest.xid >= pg_current_xact_id()
      on conflict do nothing
      returning epoch
    )
    select coalesce((select epoch from raised), (select epoch from current_epoch)) as epoch
  `.execute(db);
  return rows[0]!.epoch;
}
