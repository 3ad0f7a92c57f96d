-- Inventory items: what inventory keeps about a variant beyond its levels. For now its low-stock threshold and
-- whether the variant is currently at or below it, so that `inventory.low_stock` is published once per crossing: the
-- transaction that flips low_stock (a conditional update, under the row's lock) is the one that publishes.

create table inventory_items (
    tenant_id           uuid                     not null references shops (id) on delete cascade,
    -- A catalog variant, referenced by id only (modules do not share tables).
    variant_id          uuid                     not null,
    version             bigint                   not null default 0,
    updated_at          timestamp with time zone not null,
    -- Null: no threshold, never low.
    low_stock_threshold bigint                   check (low_stock_threshold between 0 and 1000000000),
    -- Total available at active locations <= low_stock_threshold, as of the last change of the variant's levels.
    low_stock           boolean                  not null default false,
    constraint inventory_items_low_needs_threshold check (low_stock_threshold is not null or not low_stock),
    primary key (tenant_id, variant_id)
);
-- The list of low variants (GET inventory-items?low_stock=true) walks this partial index in variant order.
create index inventory_items_low_stock_idx on inventory_items (tenant_id, variant_id) where low_stock;

select bazaar_isolate_tenant_table('inventory_items');
