import { sql, type Kysely } from 'kysely';

// Negative episodes end where they end. An episode begins with an alert (an item at a shop going
// from zero or more to below zero) and ends when that item at that shop is back at zero or more.
// Its end is recorded on the alert, by the write that ends it and in its transaction, so
// NegativeInventoryAlert.resolvedAt and the breakdown of episodes read it instead of working it out
// from the ledger on every read.
//
// Existing alerts are backfilled from the ledger: the end of an episode is the first adjustment of
// the same (item, shop) after the alert's that left it at zero or more. "After" is by id: a pair's
// adjustments are written under its level row's lock and take their ids from one identity while
// holding it, so within a pair id order is the order the quantities changed in (the ledger's
// (epoch, xid, id) order is the order of the writing transactions, which may differ for a writer
// that waited for the lock).
//
// inventory_apply_movements (migrations/2026-12-02T0200_stock_movement_functions.ts) is replaced
// with the same signature and behaviour, plus the update of the alert whose episode a movement
// ends, in the same statement.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table negative_inventory_alerts
      add column resolved_at timestamptz(3),
      add column resolved_by_adjustment_id bigint,
      add check ((resolved_at is null) = (resolved_by_adjustment_id is null)),
      add check (resolved_at >= occurred_at),
      add foreign key (account_id, resolved_by_adjustment_id) references inventory_adjustments (account_id, id);

    with ending as (
      select alert.account_id, alert.adjustment_id, greatest(next.created_at, alert.occurred_at) as resolved_at,
        next.id as resolved_by_adjustment_id
      from negative_inventory_alerts alert
      cross join lateral (
        select adjustment.id, adjustment.created_at
        from inventory_adjustments adjustment
        where adjustment.account_id = alert.account_id and adjustment.item_id = alert.item_id
          and adjustment.shop_id = alert.shop_id and adjustment.id > alert.adjustment_id
          and adjustment.quantity_after >= 0
        order by adjustment.id
        limit 1
      ) next
    )
    update negative_inventory_alerts alert
    set resolved_at = ending.resolved_at, resolved_by_adjustment_id = ending.resolved_by_adjustment_id
    from ending
    where alert.account_id = ending.account_id and alert.adjustment_id = ending.adjustment_id;

    -- The open episode of a pair, which a write bringing it back to zero or more ends.
    create index negative_inventory_alerts_open_idx on negative_inventory_alerts (account_id, item_id, shop_id)
      where resolved_at is null;
    -- Episodes that began in a window (the breakdown).
    create index negative_inventory_alerts_occurred_idx on negative_inventory_alerts (account_id, occurred_at);

    -- As in 2026-12-02T0200_stock_movement_functions.ts (its comment holds: the rules, the lock
    -- order, NOTIFY), and it also ends the episode of every pair it brings from below zero to zero
    -- or more (the resolution CTE). No NOTIFY for an end: alerts are announced when raised, and
    -- readers of resolvedAt read the row.
    create or replace function inventory_apply_movements(
      p_account bigint, p_reason text, p_source_type text, p_source_id bigint, p_employee bigint, p_note text,
      p_allow_negative boolean, p_item_ids bigint[], p_shop_ids bigint[], p_changes integer[]
    ) returns jsonb
    language plpgsql as $$
    declare
      v_moved inventory_movement[];
      v_shortages jsonb;
      v_adjustment_ids bigint[];
      v_alert_ids bigint[];
    begin
      with movement as (
        select change.item_id, change.shop_id, sum(change.quantity_change)::integer as quantity_change
        from unnest(p_item_ids, p_shop_ids, p_changes) as change(item_id, shop_id, quantity_change)
        group by change.item_id, change.shop_id
        having sum(change.quantity_change) <> 0
      ),
      level as (
        insert into inventory_levels as level (account_id, item_id, shop_id, quantity_on_hand, updated_at)
        select p_account, movement.item_id, movement.shop_id, movement.quantity_change, now()
        from movement
        order by movement.item_id, movement.shop_id
        on conflict (account_id, item_id, shop_id) do update
          set quantity_on_hand = level.quantity_on_hand + excluded.quantity_on_hand, updated_at = excluded.updated_at
        returning level.item_id, level.shop_id, level.quantity_on_hand, level.updated_at
      )
      select coalesce(array_agg(
          row(level.item_id, level.shop_id, movement.quantity_change, level.quantity_on_hand, level.updated_at)::inventory_movement
          order by level.item_id, level.shop_id), '{}')
      into v_moved
      from level join movement on movement.item_id = level.item_id and movement.shop_id = level.shop_id;

      if cardinality(v_moved) = 0 then
        return jsonb_build_object('levels', '[]'::jsonb, 'adjustmentIds', '[]'::jsonb, 'alertIds', '[]'::jsonb);
      end if;

      if exists (select 1 from unnest(v_moved) moved where moved.quantity_change < 0 and moved.quantity_after < 0) then
        if not p_allow_negative then
          select jsonb_agg(jsonb_build_object(
              'itemId', moved.item_id::text, 'shopId', moved.shop_id::text,
              'requested', -moved.quantity_change, 'available', moved.quantity_after - moved.quantity_change)
            order by moved.item_id, moved.shop_id)
          into v_shortages
          from unnest(v_moved) moved
          where moved.quantity_change < 0 and moved.quantity_after < 0;
          raise exception 'insufficient inventory' using errcode = 'NI409', detail = v_shortages::text;
        end if;
        perform pg_advisory_xact_lock_shared(negative_inventory_setting_lock_key(p_account));
      end if;

      with adjustment as (
        insert into inventory_adjustments (account_id, item_id, shop_id, quantity_change, quantity_before,
          quantity_after, reason, source_type, source_id, employee_id, note, created_at)
        select p_account, moved.item_id, moved.shop_id, moved.quantity_change, moved.quantity_after - moved.quantity_change,
          moved.quantity_after, p_reason, p_source_type, p_source_id, p_employee, p_note, moved.updated_at
        from unnest(v_moved) moved
        order by moved.item_id, moved.shop_id
        returning *
      ),
      alert as (
        insert into negative_inventory_alerts (account_id, adjustment_id, epoch, xid, item_id, shop_id, quantity_before,
          quantity_after, reason, occurred_at)
        select account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        from adjustment
        where quantity_before >= 0 and quantity_after < 0
        returning adjustment_id
      ),
      -- The episode of a pair that this write brings back to zero or more ends here. Only pairs
      -- whose level row this statement holds locked (see the lock order above), and a pair's
      -- alert rows are written only under that lock, so this takes no lock out of order. A pair
      -- moves once per call, so it never both begins and ends an episode here. Never before the
      -- episode began: created_at is the writing transaction's start, which may precede the
      -- alert's when this transaction waited for the pair's lock behind the one that raised it.
      resolution as (
        update negative_inventory_alerts open_alert
        set resolved_at = greatest(adjustment.created_at, open_alert.occurred_at), resolved_by_adjustment_id = adjustment.id
        from adjustment
        where adjustment.quantity_before < 0 and adjustment.quantity_after >= 0
          and open_alert.account_id = adjustment.account_id and open_alert.item_id = adjustment.item_id
          and open_alert.shop_id = adjustment.shop_id and open_alert.resolved_at is null
      )
      select array(select id from adjustment order by id), array(select adjustment_id from alert order by adjustment_id)
      into v_adjustment_ids, v_alert_ids;

      -- Payload: account, epoch, writing transaction; listeners read the rows (src/alerts/alerts.feed.ts).
      if cardinality(v_alert_ids) > 0 then
        perform pg_notify('negative_inventory_alerts', p_account || ':' || ledger_epoch() || ':' || pg_current_xact_id());
      end if;

      return jsonb_build_object(
        'levels', (
          select jsonb_agg(jsonb_build_object(
              'itemId', moved.item_id::text, 'shopId', moved.shop_id::text,
              'quantityOnHand', moved.quantity_after, 'updatedAt', iso8601(moved.updated_at))
            order by moved.item_id, moved.shop_id)
          from unnest(v_moved) moved),
        'adjustmentIds', to_jsonb(v_adjustment_ids::text[]),
        'alertIds', to_jsonb(v_alert_ids::text[]));
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function inventory_apply_movements(
      p_account bigint, p_reason text, p_source_type text, p_source_id bigint, p_employee bigint, p_note text,
      p_allow_negative boolean, p_item_ids bigint[], p_shop_ids bigint[], p_changes integer[]
    ) returns jsonb
    language plpgsql as $$
    declare
      v_moved inventory_movement[];
      v_shortages jsonb;
      v_adjustment_ids bigint[];
      v_alert_ids bigint[];
    begin
      with movement as (
        select change.item_id, change.shop_id, sum(change.quantity_change)::integer as quantity_change
        from unnest(p_item_ids, p_shop_ids, p_changes) as change(item_id, shop_id, quantity_change)
        group by change.item_id, change.shop_id
        having sum(change.quantity_change) <> 0
      ),
      level as (
        insert into inventory_levels as level (account_id, item_id, shop_id, quantity_on_hand, updated_at)
        select p_account, movement.item_id, movement.shop_id, movement.quantity_change, now()
        from movement
        order by movement.item_id, movement.shop_id
        on conflict (account_id, item_id, shop_id) do update
          set quantity_on_hand = level.quantity_on_hand + excluded.quantity_on_hand, updated_at = excluded.updated_at
        returning level.item_id, level.shop_id, level.quantity_on_hand, level.updated_at
      )
      select coalesce(array_agg(
          row(level.item_id, level.shop_id, movement.quantity_change, level.quantity_on_hand, level.updated_at)::inventory_movement
          order by level.item_id, level.shop_id), '{}')
      into v_moved
      from level join movement on movement.item_id = level.item_id and movement.shop_id = level.shop_id;

      if cardinality(v_moved) = 0 then
        return jsonb_build_object('levels', '[]'::jsonb, 'adjustmentIds', '[]'::jsonb, 'alertIds', '[]'::jsonb);
      end if;

      if exists (select 1 from unnest(v_moved) moved where moved.quantity_change < 0 and moved.quantity_after < 0) then
        if not p_allow_negative then
          select jsonb_agg(jsonb_build_object(
              'itemId', moved.item_id::text, 'shopId', moved.shop_id::text,
              'requested', -moved.quantity_change, 'available', moved.quantity_after - moved.quantity_change)
            order by moved.item_id, moved.shop_id)
          into v_shortages
          from unnest(v_moved) moved
          where moved.quantity_change < 0 and moved.quantity_after < 0;
          raise exception 'insufficient inventory' using errcode = 'NI409', detail = v_shortages::text;
        end if;
        perform pg_advisory_xact_lock_shared(negative_inventory_setting_lock_key(p_account));
      end if;

      with adjustment as (
        insert into inventory_adjustments (account_id, item_id, shop_id, quantity_change, quantity_before,
          quantity_after, reason, source_type, source_id, employee_id, note, created_at)
        select p_account, moved.item_id, moved.shop_id, moved.quantity_change, moved.quantity_after - moved.quantity_change,
          moved.quantity_after, p_reason, p_source_type, p_source_id, p_employee, p_note, moved.updated_at
        from unnest(v_moved) moved
        order by moved.item_id, moved.shop_id
        returning *
      ),
      alert as (
        insert into negative_inventory_alerts (account_id, adjustment_id, epoch, xid, item_id, shop_id, quantity_before,
          quantity_after, reason, occurred_at)
        select account_id, id, epoch, xid, item_id, shop_id, quantity_before, quantity_after, reason, created_at
        from adjustment
        where quantity_before >= 0 and quantity_after < 0
        returning adjustment_id
      )
      select array(select id from adjustment order by id), array(select adjustment_id from alert order by adjustment_id)
      into v_adjustment_ids, v_alert_ids;

      -- Payload: account, epoch, writing transaction; listeners read the rows (src/alerts/alerts.feed.ts).
      if cardinality(v_alert_ids) > 0 then
        perform pg_notify('negative_inventory_alerts', p_account || ':' || ledger_epoch() || ':' || pg_current_xact_id());
      end if;

      return jsonb_build_object(
        'levels', (
          select jsonb_agg(jsonb_build_object(
              'itemId', moved.item_id::text, 'shopId', moved.shop_id::text,
              'quantityOnHand', moved.quantity_after, 'updatedAt', iso8601(moved.updated_at))
            order by moved.item_id, moved.shop_id)
          from unnest(v_moved) moved),
        'adjustmentIds', to_jsonb(v_adjustment_ids::text[]),
        'alertIds', to_jsonb(v_alert_ids::text[]));
    end $$;

    drop index negative_inventory_alerts_occurred_idx, negative_inventory_alerts_open_idx;
    alter table negative_inventory_alerts drop column resolved_by_adjustment_id, drop column resolved_at;
  `.execute(db);
}
