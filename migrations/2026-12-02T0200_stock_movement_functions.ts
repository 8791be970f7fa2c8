import { sql, type Kysely } from 'kysely';

// Each document that moves stock is one SQL function call: one round trip, one transaction (a
// statement outside BEGIN commits on its own), with every rule of the write in one place.
//
// Domain failures are raised with SQLSTATEs of our own, so the whole statement rolls back
// (nothing is written, the idempotency claim included) and the server maps them to the API's typed
// errors (src/inventory/movement-errors.ts):
//   NI404  not found       DETAIL {"argument": "shopId" | "fromShopId" | "toShopId" | "itemId" | "lines", "index"?: n}
//   NI409  insufficient    DETAIL [{"itemId", "shopId", "requested", "available"}, ...]
//   NI412  idempotency key used for another request
//   NI422  validation      DETAIL {"field", "message"}
// Numeric overflow of a quantity stays PostgreSQL's 22003.
//
// Functions return the mutation's answer as JSON (ids as strings, times as ISO 8601 with
// milliseconds): the same JSON is stored with an idempotency key, so a retry replays it exactly.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function iso8601(at timestamptz) returns text language sql immutable parallel safe
      as $$ select to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') $$;

    -- Writes that leave a quantity below zero hold this shared; turning negative inventory off
    -- holds it exclusively while it checks that nothing is below zero. An advisory lock, not a
    -- lock on the setting's row: shared row locks taken by many writers at once turn into
    -- MultiXacts, advisory locks stay in memory.
    create function negative_inventory_setting_lock_key(account bigint) returns bigint
      language sql immutable parallel safe
      as $$ select hashtextextended('negative_inventory_setting', account) $$;

    create function stock_require_shop(p_account bigint, p_shop bigint, p_argument text) returns void
    language plpgsql as $$
    begin
      if p_shop is null or not exists (select 1 from shops where account_id = p_account and id = p_shop) then
        raise exception 'shop not found' using errcode = 'NI404', detail = jsonb_build_object('argument', p_argument)::text;
      end if;
    end $$;

    -- The first line (0-based) whose item is missing or another account's, in line order.
    create function stock_require_items(p_account bigint, p_item_ids bigint[]) returns void
    language plpgsql as $$
    declare
      v_missing bigint;
    begin
      select line.position - 1 into v_missing
      from unnest(p_item_ids) with ordinality as line(item_id, position)
      where line.item_id is null
        or not exists (select 1 from items where items.account_id = p_account and items.id = line.item_id)
      order by line.position
      limit 1;
      if v_missing is not null then
        raise exception 'item not found'
          using errcode = 'NI404', detail = jsonb_build_object('argument', 'lines', 'index', v_missing)::text;
      end if;
    end $$;

    -- Exactly-once writes. The key row is inserted first: a concurrent request with the same key
    -- blocks on it until the first commits (and then replays its answer) or rolls back (and then
    -- goes ahead itself). Returns the earlier answer, or null when this call claimed the key.
    create function idempotency_claim(p_account bigint, p_operation text, p_key text, p_request_hash text) returns jsonb
    language plpgsql as $$
    declare
      v_earlier idempotency_keys;
    begin
      if p_key is null then
        return null;
      end if;
      insert into idempotency_keys (account_id, operation, key, request_hash, response)
      values (p_account, p_operation, p_key, p_request_hash, '{}')
      on conflict do nothing;
      if found then
        return null;
      end if;
      select * into v_earlier from idempotency_keys
      where account_id = p_account and operation = p_operation and key = p_key;
      if v_earlier.request_hash <> p_request_hash then
        raise exception 'idempotency key reused' using errcode = 'NI412';
      end if;
      return v_earlier.response;
    end $$;

    create function idempotency_store(p_account bigint, p_operation text, p_key text, p_response jsonb) returns void
    language sql as $$
      update idempotency_keys set response = p_response
      where p_key is not null and account_id = p_account and operation = p_operation and key = p_key
    $$;

    create type inventory_movement as (
      item_id bigint, shop_id bigint, quantity_change integer, quantity_after integer, updated_at timestamptz
    );

    -- The only way quantities change. Adds each change to its (item, shop) quantity on hand and
    -- writes the ledger, the alerts for quantities that cross below zero, and a NOTIFY for them.
    --
    -- Lock order, always: inventory rows by (item, shop) (the upsert takes them in the order of
    -- its sorted SELECT, creating missing ones: a missing row means 0), then, only when a
    -- quantity ends below zero, the negative-inventory setting's lock, shared. Two writers over
    -- the same items can wait for each other but never deadlock, and the addition happens on the
    -- locked row, so no update is lost. With negative inventory off (p_allow_negative false), a
    -- change that would leave a quantity below zero raises NI409 listing every such line.
    --
    -- The ledger's order comes from the writing transaction's id (the xid column's default),
    -- read by src/inventory/ledger-order.ts; NOTIFY is delivered at commit, never on rollback.
    create function inventory_apply_movements(
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

    -- recordSale: the sale and its lines leave the shop (SALE), all or none.
    create function record_sale(
      p_account bigint, p_employee bigint, p_allow_negative boolean, p_shop bigint,
      p_item_ids bigint[], p_quantities integer[], p_idempotency_key text, p_request_hash text
    ) returns jsonb
    language plpgsql as $$
    declare
      v_result jsonb;
      v_sale sales;
      v_moved jsonb;
    begin
      v_result := idempotency_claim(p_account, 'recordSale', p_idempotency_key, p_request_hash);
      if v_result is not null then
        return v_result;
      end if;
      perform stock_require_shop(p_account, p_shop, 'shopId');
      perform stock_require_items(p_account, p_item_ids);

      insert into sales (account_id, shop_id, employee_id) values (p_account, p_shop, p_employee) returning * into v_sale;
      insert into sale_lines (account_id, sale_id, line_number, item_id, quantity)
      select p_account, v_sale.id, line.position - 1, line.item_id, line.quantity
      from unnest(p_item_ids, p_quantities) with ordinality as line(item_id, quantity, position);

      v_moved := inventory_apply_movements(p_account, 'SALE', 'SALE', v_sale.id, p_employee, null, p_allow_negative,
        p_item_ids, array_fill(p_shop, array[cardinality(p_item_ids)]),
        array(select -line.quantity from unnest(p_quantities) with ordinality as line(quantity, position) order by line.position));

      v_result := jsonb_build_object(
        'sale', jsonb_build_object('accountId', v_sale.account_id::text, 'id', v_sale.id::text,
          'shopId', v_sale.shop_id::text, 'employeeId', v_sale.employee_id::text, 'createdAt', iso8601(v_sale.created_at)),
        'levels', v_moved -> 'levels',
        'alertIds', v_moved -> 'alertIds');
      perform idempotency_store(p_account, 'recordSale', p_idempotency_key, v_result);
      return v_result;
    end $$;

    -- sendTransfer: the lines leave the sending shop now (TRANSFER_OUT) and are in transit.
    create function send_transfer(
      p_account bigint, p_employee bigint, p_allow_negative boolean, p_from_shop bigint, p_to_shop bigint,
      p_item_ids bigint[], p_quantities integer[], p_idempotency_key text, p_request_hash text
    ) returns jsonb
    language plpgsql as $$
    declare
      v_result jsonb;
      v_transfer_id bigint;
      v_moved jsonb;
    begin
      v_result := idempotency_claim(p_account, 'sendTransfer', p_idempotency_key, p_request_hash);
      if v_result is not null then
        return v_result;
      end if;
      perform stock_require_shop(p_account, p_from_shop, 'fromShopId');
      perform stock_require_shop(p_account, p_to_shop, 'toShopId');
      if p_from_shop = p_to_shop then
        raise exception 'same shop' using errcode = 'NI422',
          detail = jsonb_build_object('field', 'toShopId', 'message', 'A transfer goes to another shop.')::text;
      end if;
      perform stock_require_items(p_account, p_item_ids);

      insert into transfers (account_id, from_shop_id, to_shop_id, status, employee_id)
      values (p_account, p_from_shop, p_to_shop, 'SENT', p_employee)
      returning id into v_transfer_id;
      insert into transfer_lines (account_id, transfer_id, line_number, item_id, quantity)
      select p_account, v_transfer_id, line.position - 1, line.item_id, line.quantity
      from unnest(p_item_ids, p_quantities) with ordinality as line(item_id, quantity, position);

      v_moved := inventory_apply_movements(p_account, 'TRANSFER_OUT', 'TRANSFER', v_transfer_id, p_employee, null,
        p_allow_negative, p_item_ids, array_fill(p_from_shop, array[cardinality(p_item_ids)]),
        array(select -line.quantity from unnest(p_quantities) with ordinality as line(quantity, position) order by line.position));

      v_result := jsonb_build_object('transferId', v_transfer_id::text, 'levels', v_moved -> 'levels',
        'alertIds', v_moved -> 'alertIds');
      perform idempotency_store(p_account, 'sendTransfer', p_idempotency_key, v_result);
      return v_result;
    end $$;

    -- returnToVendor: the lines leave the shop back to the vendor (VENDOR_RETURN).
    create function return_to_vendor(
      p_account bigint, p_employee bigint, p_allow_negative boolean, p_shop bigint, p_vendor text,
      p_item_ids bigint[], p_quantities integer[], p_idempotency_key text, p_request_hash text
    ) returns jsonb
    language plpgsql as $$
    declare
      v_result jsonb;
      v_return_id bigint;
      v_moved jsonb;
    begin
      v_result := idempotency_claim(p_account, 'vendorReturn', p_idempotency_key, p_request_hash);
      if v_result is not null then
        return v_result;
      end if;
      perform stock_require_shop(p_account, p_shop, 'shopId');
      perform stock_require_items(p_account, p_item_ids);

      insert into vendor_returns (account_id, shop_id, vendor, employee_id)
      values (p_account, p_shop, p_vendor, p_employee)
      returning id into v_return_id;
      insert into vendor_return_lines (account_id, vendor_return_id, line_number, item_id, quantity)
      select p_account, v_return_id, line.position - 1, line.item_id, line.quantity
      from unnest(p_item_ids, p_quantities) with ordinality as line(item_id, quantity, position);

      v_moved := inventory_apply_movements(p_account, 'VENDOR_RETURN', 'VENDOR_RETURN', v_return_id, p_employee, null,
        p_allow_negative, p_item_ids, array_fill(p_shop, array[cardinality(p_item_ids)]),
        array(select -line.quantity from unnest(p_quantities) with ordinality as line(quantity, position) order by line.position));

      v_result := jsonb_build_object('vendorReturnId', v_return_id::text, 'levels', v_moved -> 'levels',
        'alertIds', v_moved -> 'alertIds');
      perform idempotency_store(p_account, 'vendorReturn', p_idempotency_key, v_result);
      return v_result;
    end $$;

    -- receiveStock: stock arriving at a shop (RECEIVING). Never refused: it is how negatives recover.
    create function receive_stock(
      p_account bigint, p_employee bigint, p_shop bigint,
      p_item_ids bigint[], p_quantities integer[], p_idempotency_key text, p_request_hash text
    ) returns jsonb
    language plpgsql as $$
    declare
      v_result jsonb;
      v_moved jsonb;
    begin
      v_result := idempotency_claim(p_account, 'receiveStock', p_idempotency_key, p_request_hash);
      if v_result is not null then
        return v_result;
      end if;
      perform stock_require_shop(p_account, p_shop, 'shopId');
      perform stock_require_items(p_account, p_item_ids);

      v_moved := inventory_apply_movements(p_account, 'RECEIVING', null, null, p_employee, null, true,
        p_item_ids, array_fill(p_shop, array[cardinality(p_item_ids)]), p_quantities);

      v_result := jsonb_build_object('levels', v_moved -> 'levels', 'adjustmentIds', v_moved -> 'adjustmentIds');
      perform idempotency_store(p_account, 'receiveStock', p_idempotency_key, v_result);
      return v_result;
    end $$;

    -- adjustInventory: a manual correction (MANUAL); taking stock out is held to the session's setting.
    create function adjust_inventory(
      p_account bigint, p_employee bigint, p_allow_negative boolean, p_shop bigint, p_item bigint,
      p_quantity_change integer, p_note text, p_idempotency_key text, p_request_hash text
    ) returns jsonb
    language plpgsql as $$
    declare
      v_result jsonb;
      v_moved jsonb;
    begin
      v_result := idempotency_claim(p_account, 'adjustInventory', p_idempotency_key, p_request_hash);
      if v_result is not null then
        return v_result;
      end if;
      perform stock_require_shop(p_account, p_shop, 'shopId');
      if p_item is null or not exists (select 1 from items where account_id = p_account and id = p_item) then
        raise exception 'item not found' using errcode = 'NI404', detail = jsonb_build_object('argument', 'itemId')::text;
      end if;

      v_moved := inventory_apply_movements(p_account, 'MANUAL', null, null, p_employee, p_note, p_allow_negative,
        array[p_item], array[p_shop], array[p_quantity_change]);
      if jsonb_array_length(v_moved -> 'adjustmentIds') <> 1 then
        raise exception 'a manual adjustment of % wrote no ledger row', p_quantity_change;
      end if;

      v_result := jsonb_build_object('level', v_moved -> 'levels' -> 0, 'adjustmentId', v_moved -> 'adjustmentIds' -> 0,
        'alertIds', v_moved -> 'alertIds');
      perform idempotency_store(p_account, 'adjustInventory', p_idempotency_key, v_result);
      return v_result;
    end $$;
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop function adjust_inventory, receive_stock, return_to_vendor, send_transfer, record_sale,
      inventory_apply_movements, idempotency_store, idempotency_claim, stock_require_items, stock_require_shop,
      negative_inventory_setting_lock_key, iso8601;
    drop type inventory_movement;
  `.execute(db);
}
