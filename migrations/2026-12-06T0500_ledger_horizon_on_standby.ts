import { sql, type Kysely } from 'kysely';

// The ledger's horizon (src/inventory/ledger-order.ts) on a streaming replica (READ_DATABASE_URL).
//
// A standby's snapshot is the primary's transactions as replayed, and its xmin is right: the
// oldest transaction the replayed WAL shows still running. But a standby keeps those running
// transactions in the snapshot's subtransaction array, and pg_current_snapshot() copies only the
// top-level one, so pg_snapshot_xip() is empty there: the horizon fell back to xmax, past
// transactions still running, and a reader paging the ledger on the replica could skip a row that
// committed later below its cursor (a test paging under concurrent writers caught it). On a
// standby the horizon is the snapshot's xmin. (Telling other databases' transactions apart, as the
// primary does through pg_stat_activity, isn't possible there: it lists no primary backends. The
// horizon only errs towards waiting.)

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function ledger_horizon(out epoch integer, out xid xid8) language plpgsql stable as $$
    declare
      v_snapshot pg_snapshot := pg_current_snapshot();
    begin
      epoch := ledger_epoch();
      if pg_is_in_recovery() then
        xid := pg_snapshot_xmin(v_snapshot);
        return;
      end if;
      xid := pg_snapshot_xmax(v_snapshot);
      if pg_snapshot_xmin(v_snapshot) < xid then
        select coalesce(min(running.transaction_id), pg_snapshot_xmax(v_snapshot)) into xid
        from pg_snapshot_xip(v_snapshot) as running(transaction_id)
        where not exists (
          select 1 from pg_stat_activity other
          where other.backend_xid::text = (running.transaction_id::text::numeric % 4294967296)::text
            and other.datid <> (select oid from pg_database where datname = current_database()));
      end if;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function ledger_horizon(out epoch integer, out xid xid8) language plpgsql stable as $$
    declare
      v_snapshot pg_snapshot := pg_current_snapshot();
    begin
      epoch := ledger_epoch();
      xid := pg_snapshot_xmax(v_snapshot);
      if pg_snapshot_xmin(v_snapshot) < xid then
        select coalesce(min(running.transaction_id), pg_snapshot_xmax(v_snapshot)) into xid
        from pg_snapshot_xip(v_snapshot) as running(transaction_id)
        where not exists (
          select 1 from pg_stat_activity other
          where other.backend_xid::text = (running.transaction_id::text::numeric % 4294967296)::text
            and other.datid <> (select oid from pg_database where datname = current_database()));
      end if;
    end $$;
  `.execute(db);
}
