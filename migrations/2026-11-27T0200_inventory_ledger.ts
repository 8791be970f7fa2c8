import { sql, type Kysely } from 'kysely';

// The inventory ledger: quantities per (item, shop), the append-only adjustments that make them,
// the documents that caused the adjustments, and the alerts raised when a quantity crosses zero.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create table inventory_levels (
      account_id bigint not null,
      item_id bigint not null,
      shop_id bigint not null,
      quantity_on_hand integer not null,
      updated_at timestamptz(3) not null default now(),
      primary key (account_id, item_id, shop_id),
      foreign key (account_id, item_id) references items (account_id, id) on delete cascade,
      foreign key (account_id, shop_id) references shops (account_id, id) on delete cascade
    );
    -- The negative inventory report reads only these rows: its cost follows the number of
    -- negative rows, not the size of the catalogue.
    create index inventory_levels_negative_idx
      on inventory_levels (account_id, quantity_on_hand, item_id, shop_id)
      where quantity_on_hand < 0;

    -- One row per account: the last ledger number handed out. Each writing transaction takes this
    -- row's lock after the inventory rows (fixed lock order) and numbers its adjustments from it,
    -- so a higher adjustment id always commits later: the ledger and the alert stream can be paged
    -- by id and no row ever appears behind a page a reader has already seen.
    create table inventory_ledger_heads (
      account_id bigint primary key references accounts (id) on delete cascade,
      last_adjustment_id bigint not null default 0
    );
    insert into inventory_ledger_heads (account_id) select id from accounts;

    create table sales (
      account_id bigint not null,
      id bigint generated always as identity,
      shop_id bigint not null,
      employee_id bigint,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id),
      foreign key (account_id, shop_id) references shops (account_id, id)
    );
    create table sale_lines (
      account_id bigint not null,
      sale_id bigint not null,
      line_number integer not null,
      item_id bigint not null,
      quantity integer not null check (quantity > 0),
      primary key (account_id, sale_id, line_number),
      foreign key (account_id, sale_id) references sales (account_id, id) on delete cascade,
      foreign key (account_id, item_id) references items (account_id, id)
    );

    create table transfers (
      account_id bigint not null,
      id bigint generated always as identity,
      from_shop_id bigint not null,
      to_shop_id bigint not null,
      status text not null check (status in ('SENT', 'RECEIVED')),
      employee_id bigint,
      sent_at timestamptz(3) not null default now(),
      received_at timestamptz(3),
      primary key (account_id, id),
      check (from_shop_id <> to_shop_id),
      foreign key (account_id, from_shop_id) references shops (account_id, id),
      foreign key (account_id, to_shop_id) references shops (account_id, id)
    );
    -- In-transit quantities: transfers still SENT, by receiving shop.
    create index transfers_in_transit_idx on transfers (account_id, to_shop_id) where status = 'SENT';
    create table transfer_lines (
      account_id bigint not null,
      transfer_id bigint not null,
      line_number integer not null,
      item_id bigint not null,
      quantity integer not null check (quantity > 0),
      primary key (account_id, transfer_id, line_number),
      foreign key (account_id, transfer_id) references transfers (account_id, id) on delete cascade,
      foreign key (account_id, item_id) references items (account_id, id)
    );

    create table vendor_returns (
      account_id bigint not null,
      id bigint generated always as identity,
      shop_id bigint not null,
      vendor text not null,
      employee_id bigint,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id),
      foreign key (account_id, shop_id) references shops (account_id, id)
    );
    create table vendor_return_lines (
      account_id bigint not null,
      vendor_return_id bigint not null,
      line_number integer not null,
      item_id bigint not null,
      quantity integer not null check (quantity > 0),
      primary key (account_id, vendor_return_id, line_number),
      foreign key (account_id, vendor_return_id) references vendor_returns (account_id, id) on delete cascade,
      foreign key (account_id, item_id) references items (account_id, id)
    );

    create table inventory_counts (
      account_id bigint not null,
      id bigint generated always as identity,
      shop_id bigint not null,
      name text not null,
      status text not null check (status in ('OPEN', 'RECONCILED')),
      employee_id bigint,
      created_at timestamptz(3) not null default now(),
      reconciled_at timestamptz(3),
      primary key (account_id, id),
      foreign key (account_id, shop_id) references shops (account_id, id)
    );
    create table inventory_count_lines (
      account_id bigint not null,
      count_id bigint not null,
      item_id bigint not null,
      counted_quantity integer not null check (counted_quantity >= 0),
      updated_at timestamptz(3) not null default now(),
      primary key (account_id, count_id, item_id),
      foreign key (account_id, count_id) references inventory_counts (account_id, id) on delete cascade,
      foreign key (account_id, item_id) references items (account_id, id)
    );

    -- The ledger. id is the account's ledger number (see inventory_ledger_heads): commit order.
    create table inventory_adjustments (
      account_id bigint not null,
      id bigint not null,
      item_id bigint not null,
      shop_id bigint not null,
      quantity_change integer not null check (quantity_change <> 0),
      quantity_before integer not null,
      quantity_after integer not null,
      reason text not null check (reason in
        ('SALE', 'TRANSFER_OUT', 'TRANSFER_IN', 'VENDOR_RETURN', 'INVENTORY_COUNT', 'RECEIVING', 'MANUAL')),
      source_type text check (source_type in ('SALE', 'TRANSFER', 'VENDOR_RETURN', 'INVENTORY_COUNT')),
      source_id bigint,
      employee_id bigint,
      note text,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, id),
      check (quantity_after = quantity_before + quantity_change),
      check ((source_type is null) = (source_id is null)),
      foreign key (account_id, item_id) references items (account_id, id),
      foreign key (account_id, shop_id) references shops (account_id, id)
    );
    -- One (item, shop)'s history, newest first: finds where the current negative episode began.
    create index inventory_adjustments_item_shop_idx on inventory_adjustments (account_id, item_id, shop_id, id);
    create index inventory_adjustments_source_idx on inventory_adjustments (account_id, source_type, source_id)
      where source_id is not null;

    -- One alert per crossing from zero or more to below zero; keyed by the adjustment that crossed,
    -- so its cursor is that adjustment's ledger number and follows commit order.
    create table negative_inventory_alerts (
      account_id bigint not null,
      adjustment_id bigint not null,
      item_id bigint not null,
      shop_id bigint not null,
      quantity_before integer not null check (quantity_before >= 0),
      quantity_after integer not null check (quantity_after < 0),
      reason text not null,
      occurred_at timestamptz(3) not null default now(),
      primary key (account_id, adjustment_id),
      foreign key (account_id, adjustment_id) references inventory_adjustments (account_id, id)
    );
    create index negative_inventory_alerts_shop_idx on negative_inventory_alerts (account_id, shop_id, adjustment_id);

    -- Exactly-once writes: a key is scoped to the account and the mutation field.
    create table idempotency_keys (
      account_id bigint not null references accounts (id) on delete cascade,
      operation text not null,
      key text not null,
      request_hash text not null,
      response jsonb not null,
      created_at timestamptz(3) not null default now(),
      primary key (account_id, operation, key)
    );
    create index idempotency_keys_created_idx on idempotency_keys (created_at);
  `.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    drop table idempotency_keys;
    drop table negative_inventory_alerts;
    drop table inventory_adjustments;
    drop table inventory_count_lines;
    drop table inventory_counts;
    drop table vendor_return_lines;
    drop table vendor_returns;
    drop table transfer_lines;
    drop table transfers;
    drop table sale_lines;
    drop table sales;
    drop table inventory_ledger_heads;
    drop table inventory_levels;
  `.execute(db);
}
