-- Ordering's shop settings for checkout: shipping zones (countries and regions) with their rates, tax rates by country
-- and region, and whether the shop's prices include tax.

create table shipping_zones (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    id         uuid                     not null,
    version    bigint                   not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    name       text                     not null check (length(name) between 1 and 120),
    primary key (tenant_id, id)
);

-- A country (region '' for all of it) or one of its regions belongs to at most one zone of a shop.
create table shipping_zone_areas (
    tenant_id uuid not null,
    zone_id   uuid not null,
    country   text not null check (country ~ '^[A-Z]{2}$'),
    region    text not null default '' check (region = '' or region ~ ('^' || country || '-[A-Z0-9]{1,3}$')),
    primary key (tenant_id, country, region),
    foreign key (tenant_id, zone_id) references shipping_zones (tenant_id, id) on delete cascade
);
create index shipping_zone_areas_zone_idx on shipping_zone_areas (tenant_id, zone_id);

create table shipping_rates (
    tenant_id        uuid   not null,
    id               uuid   not null,
    zone_id          uuid   not null,
    position         integer not null check (position >= 0),
    name             text   not null check (length(name) between 1 and 120),
    kind             text   not null check (kind in ('flat', 'weight', 'subtotal')),
    price_amount     bigint not null check (price_amount >= 0),
    currency         text   not null check (currency ~ '^[A-Z]{3}$'),
    -- Grams for weight rates, minor units for subtotal rates; a rate covers min <= value < max (no max: no bound).
    min_value        bigint not null default 0 check (min_value >= 0),
    max_value        bigint check (max_value > min_value),
    free_above       bigint check (free_above >= 0),
    constraint shipping_rates_flat_unbounded check (kind <> 'flat' or (min_value = 0 and max_value is null)),
    primary key (tenant_id, id),
    unique (tenant_id, zone_id, position),
    foreign key (tenant_id, zone_id) references shipping_zones (tenant_id, id) on delete cascade
);

create table tax_rates (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    id         uuid                     not null,
    version    bigint                   not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    name       text                     not null check (length(name) between 1 and 120),
    country    text                     not null check (country ~ '^[A-Z]{2}$'),
    region     text                     not null default '' check (region = '' or region ~ ('^' || country || '-[A-Z0-9]{1,3}$')),
    -- A percentage: 19.0000 is 19 %.
    rate       numeric(7, 4)            not null check (rate between 0 and 100),
    primary key (tenant_id, id),
    unique (tenant_id, country, region)
);

-- One row per shop once changed; a shop without one has prices that exclude tax.
create table checkout_settings (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    version            bigint                   not null,
    updated_at         timestamp with time zone not null,
    prices_include_tax boolean                  not null,
    primary key (tenant_id)
);

select bazaar_isolate_tenant_table('shipping_zones');
select bazaar_isolate_tenant_table('shipping_zone_areas');
select bazaar_isolate_tenant_table('shipping_rates');
select bazaar_isolate_tenant_table('tax_rates');
select bazaar_isolate_tenant_table('checkout_settings');
