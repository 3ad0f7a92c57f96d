-- Inventory: stock locations, stock levels per variant and location, an append-only movement ledger from which the
-- levels can be recomputed, and reservations for checkout. Stock can never be oversold: the database refuses a level
-- whose reservations exceed what is on hand, whatever the application does.

create table stock_locations (
    tenant_id     uuid                     not null references shops (id) on delete cascade,
    id            uuid                     not null,
    version       bigint                   not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    name          text                     not null check (length(name) between 1 and 120),
    -- Reservations take stock from the highest priority first.
    priority      integer                  not null default 0 check (priority between 0 and 1000000),
    active        boolean                  not null default true,
    address_line1 text                     check (length(address_line1) <= 200),
    address_line2 text                     check (length(address_line2) <= 200),
    city          text                     check (length(city) <= 100),
    region        text                     check (length(region) <= 100),
    postal_code   text                     check (length(postal_code) <= 20),
    country       text                     check (country ~ '^[A-Z]{2}$'),
    primary key (tenant_id, id),
    unique (tenant_id, name)
);

-- Variants belong to the catalog module: referenced by id, not by a foreign key (modules do not share tables).
create table inventory_levels (
    tenant_id   uuid                     not null,
    variant_id  uuid                     not null,
    location_id uuid                     not null,
    on_hand     bigint                   not null default 0 check (on_hand >= 0),
    reserved    bigint                   not null default 0 check (reserved >= 0),
    updated_at  timestamp with time zone not null,
    -- available = on_hand - reserved never goes below zero.
    constraint inventory_levels_available_check check (reserved <= on_hand),
    primary key (tenant_id, variant_id, location_id),
    foreign key (tenant_id, location_id) references stock_locations (tenant_id, id) on delete cascade
);
create index inventory_levels_location_idx on inventory_levels (tenant_id, location_id, variant_id);

create table inventory_reservations (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    id          uuid                     not null,
    created_at  timestamp with time zone not null,
    expires_at  timestamp with time zone not null,
    status      text                     not null check (status in ('active', 'committed', 'released', 'expired')),
    reference   text                     check (length(reference) <= 200),
    finished_at timestamp with time zone,
    primary key (tenant_id, id)
);
-- The expiry job looks across tenants for due reservations: a reverse lookup, deliberately not led by tenant_id.
create index inventory_reservations_due_idx on inventory_reservations (expires_at) where status = 'active';

create table inventory_reservation_lines (
    tenant_id      uuid   not null,
    id             uuid   not null,
    reservation_id uuid   not null,
    variant_id     uuid   not null,
    -- Null for a variant that does not track inventory: reserved without taking stock.
    location_id    uuid,
    quantity       bigint not null check (quantity > 0),
    primary key (tenant_id, id),
    foreign key (tenant_id, reservation_id) references inventory_reservations (tenant_id, id) on delete cascade
);
create index inventory_reservation_lines_idx on inventory_reservation_lines (tenant_id, reservation_id);

-- The ledger: every change of a level, with who, why and when. Append-only for the application.
create table inventory_movements (
    tenant_id      uuid                     not null references shops (id) on delete cascade,
    id             uuid                     not null,
    created_at     timestamp with time zone not null,
    variant_id     uuid                     not null,
    location_id    uuid                     not null,
    kind           text                     not null check (kind in ('adjusted', 'set', 'reserved', 'released',
                                                                      'committed', 'expired')),
    on_hand_delta  bigint                   not null,
    reserved_delta bigint                   not null,
    reason         text                     check (length(reason) <= 500),
    reservation_id uuid,
    actor_type     text                     not null,
    actor_id       uuid,
    primary key (tenant_id, id)
);
create index inventory_movements_level_idx on inventory_movements (tenant_id, variant_id, location_id, id);
revoke update, delete, truncate on inventory_movements from ${application_role}, ${system_role};

select bazaar_isolate_tenant_table('stock_locations');
select bazaar_isolate_tenant_table('inventory_levels');
select bazaar_isolate_tenant_table('inventory_reservations');
select bazaar_isolate_tenant_table('inventory_reservation_lines');
select bazaar_isolate_tenant_table('inventory_movements');
