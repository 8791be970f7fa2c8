import { sql, type Kysely } from 'kysely';

// The ledger's order moves from a per-account counter row to transaction ids.
//
// Before: every writer of an account took the account's inventory_ledger_heads row, numbered its
// adjustments from it and held it until commit, so ids followed commit order. That capped an
// account at one commit at a time.
//
// Now: each adjustment records the id of the transaction that wrote it (xid8, which never wraps
// within a cluster) and takes its id from one identity shared by all accounts. Readers order by
// (epoch, xid, id) and only return rows whose transaction is older than the oldest transaction
// still running (the snapshot's xmin, read in the same statement): such a transaction has
// finished, so no row can appear later below that horizon. See src/inventory/ledger-order.ts.
//
// The epoch guards against a database restored into another cluster, whose transaction ids start
// over: `npm run migrate` (and every server start) opens a new epoch when the highest stored xid
// is not below the current one, so rows written after the restore sort after every older row.
//
// Hot parent rows lose their foreign keys: every sale used to KEY SHARE-lock its shop and its
// items (and the idempotency key its account), which under concurrency turns into MultiXact
// churn on a handful of rows. The write functions check those rows in the statement instead
// (migrations/2026-12-02T0200_stock_movement_functions.ts). Ledger rows are written by one
// function only (inventory_apply_movements), in the statement that changes their level row, which
// keeps its own foreign keys to the item and the shop; a key from each ledger row to its level
// would cost a row-lock record in the WAL per line of every sale, for nothing that function
// doesn't already guarantee.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table ledger_epochs (
      epoch integer primary key,
      started_at timestamptz(3) not null default now()
    );
    insert into ledger_epochs (epoch) values (0);

    create function ledger_epoch() returns integer language sql stable parallel safe
      as $$ select max(epoch) from ledger_epochs $$;

    -- The horizon of one statement: every row of an earlier epoch, and of this epoch every row
    -- whose transaction is older than the oldest one still running in this database. That is the
    -- snapshot's xmin, except that transactions which pg_stat_activity positively shows running in
    -- ANOTHER database are passed over: they can't have written our rows, and without this a bulk
    -- load in another database on the same server would hold our readers back. A running
    -- transaction it can't place (it just ended, or its backend's row is hidden from this role)
    -- counts as ours: the horizon only ever errs towards waiting.
    -- STABLE, so it runs in the calling statement's snapshot: the horizon is that statement's own.
    create function ledger_horizon(out epoch integer, out xid xid8) language plpgsql stable as $$
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

    -- Renumber the per-account ids into one sequence, in (account, old id) order, so an account's
    -- rows keep their order. Going through negative ids keeps the primary key unique throughout.
    alter table negative_inventory_alerts drop constraint negative_inventory_alerts_account_id_adjustment_id_fkey;
    create table ledger_renumbering as
      select account_id, id as old_id, row_number() over (order by account_id, id) as new_id
      from inventory_adjustments;
    create unique index on ledger_renumbering (account_id, old_id);

    update inventory_adjustments adjustment set id = -renumbered.new_id
      from ledger_renumbering renumbered
      where renumbered.account_id = adjustment.account_id and renumbered.old_id = adjustment.id;
    update inventory_adjustments set id = -id;
    update negative_inventory_alerts alert set adjustment_id = -renumbered.new_id
      from ledger_renumbering renumbered
      where renumbered.account_id = alert.account_id and renumbered.old_id = alert.adjustment_id;
    update negative_inventory_alerts set adjustment_id = -adjustment_id;

    -- Stored answers of idempotent writes name adjustments and alerts by id: a retry after the
    -- upgrade must replay the ids as they are now.
    create function pg_temp.renumbered(account bigint, ids jsonb) returns jsonb language sql as $$
      select coalesce(jsonb_agg(to_jsonb(coalesce(renumbered.new_id::text, old.id #>> '{}')) order by old.position), '[]'::jsonb)
      from jsonb_array_elements(ids) with ordinality as old(id, position)
      left join ledger_renumbering renumbered
        on renumbered.account_id = account and renumbered.old_id::text = old.id #>> '{}'
    $$;
    update idempotency_keys set response = response
      || case when response ? 'alertIds'
           then jsonb_build_object('alertIds', pg_temp.renumbered(account_id, response -> 'alertIds')) else '{}' end
      || case when response ? 'adjustmentIds'
           then jsonb_build_object('adjustmentIds', pg_temp.renumbered(account_id, response -> 'adjustmentIds')) else '{}' end
      || case when response ? 'adjustmentId'
           then jsonb_build_object('adjustmentId', pg_temp.renumbered(account_id, jsonb_build_array(response -> 'adjustmentId')) -> 0)
           else '{}' end
    where response ?| array['alertIds', 'adjustmentIds', 'adjustmentId'];
    drop table ledger_renumbering;

    alter table inventory_adjustments alter column id add generated always as identity;
    select setval(pg_get_serial_sequence('inventory_adjustments', 'id'),
      coalesce((select max(id) from inventory_adjustments), 0) + 1, false);

    -- Rows written before this migration all take this migration's own transaction id: they
    -- committed before it, and keep their order among themselves by id.
    alter table inventory_adjustments
      add column epoch integer not null default 0,
      add column xid xid8 not null default pg_current_xact_id();
    alter table inventory_adjustments alter column epoch set default ledger_epoch();

    alter table negative_inventory_alerts add column epoch integer, add column xid xid8;
    update negative_inventory_alerts alert set epoch = adjustment.epoch, xid = adjustment.xid
      from inventory_adjustments adjustment
      where adjustment.account_id = alert.account_id and adjustment.id = alert.adjustment_id;
    alter table negative_inventory_alerts alter column epoch set not null, alter column xid set not null;
    alter table negative_inventory_alerts add foreign key (account_id, adjustment_id)
      references inventory_adjustments (account_id, id);

    -- Readers page in (epoch, xid, id) order: the whole ledger, one shop's, the rows below zero.
    drop index inventory_adjustments_shop_idx;
    drop index inventory_adjustments_negative_idx;
    create index inventory_adjustments_order_idx on inventory_adjustments (account_id, epoch, xid, id);
    create index inventory_adjustments_shop_idx on inventory_adjustments (account_id, shop_id, epoch, xid, id);
    create index inventory_adjustments_negative_idx on inventory_adjustments (account_id, epoch, xid, id)
      where quantity_after < 0;
    drop index negative_inventory_alerts_shop_idx;
    create index negative_inventory_alerts_order_idx on negative_inventory_alerts (account_id, epoch, xid, adjustment_id);
    create index negative_inventory_alerts_shop_idx
      on negative_inventory_alerts (account_id, shop_id, epoch, xid, adjustment_id);

    -- Foreign keys off the hot parent rows (see the top of this file).
    alter table inventory_adjustments
      drop constraint inventory_adjustments_account_id_item_id_fkey,
      drop constraint inventory_adjustments_account_id_shop_id_fkey;
    alter table sales drop constraint sales_account_id_shop_id_fkey;
    alter table sale_lines drop constraint sale_lines_account_id_item_id_fkey;
    alter table transfers
      drop constraint transfers_account_id_from_shop_id_fkey,
      drop constraint transfers_account_id_to_shop_id_fkey;
    alter table transfer_lines drop constraint transfer_lines_account_id_item_id_fkey;
    alter table vendor_returns drop constraint vendor_returns_account_id_shop_id_fkey;
    alter table vendor_return_lines drop constraint vendor_return_lines_account_id_item_id_fkey;
    alter table idempotency_keys drop constraint idempotency_keys_account_id_fkey;

    drop table inventory_ledger_heads;
  `.execute(db);
}

export function down(): Promise<void> {
  // Going back would need per-account numbering again and would break every cursor handed out
  // since; restore from a backup instead.
  return Promise.reject(new Error('2026-12-02T0100_ledger_ordered_by_transaction cannot be undone'));
}
