-- Ordering's discount definitions: codes (entered at checkout) and automatic discounts (code null). Redemption, which
-- counts times_used and per-customer use under concurrency, comes with checkout.

create table discounts (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    id                 uuid                     not null,
    version            bigint                   not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    -- Null for an automatic discount; stored as given, unique per shop case-insensitively.
    code               text check (code ~ '^[A-Za-z0-9_-]{3,40}$'),
    name               text                     not null check (length(name) between 1 and 120),
    kind               text                     not null check (kind in ('percentage', 'fixed_amount', 'free_shipping')),
    -- The discount's value: a percentage (19.0000 is 19 %) for percentage, minor units of currency for fixed_amount.
    percentage         numeric(7, 4) check (percentage > 0 and percentage <= 100),
    amount             bigint check (amount > 0),
    currency           text                     not null check (currency ~ '^[A-Z]{3}$'),
    minimum_subtotal   bigint check (minimum_subtotal >= 0),
    targets            text                     not null check (targets in ('all', 'products', 'collections')),
    target_ids         uuid[]                   not null default '{}',
    starts_at          timestamp with time zone not null,
    ends_at            timestamp with time zone,
    usage_limit        bigint check (usage_limit > 0),
    per_customer_limit bigint check (per_customer_limit > 0),
    times_used         bigint                   not null default 0 check (times_used >= 0),
    status             text                     not null check (status in ('active', 'disabled')),
    constraint discounts_value_fits_kind check (
        (kind = 'percentage' and percentage is not null and amount is null)
        or (kind = 'fixed_amount' and amount is not null and percentage is null)
        or (kind = 'free_shipping' and amount is null and percentage is null)),
    constraint discounts_targets_listed check ((targets = 'all') = (cardinality(target_ids) = 0)),
    constraint discounts_window check (ends_at is null or ends_at > starts_at),
    constraint discounts_usage_within_limit check (usage_limit is null or times_used <= usage_limit),
    primary key (tenant_id, id)
);
create unique index discounts_code_idx on discounts (tenant_id, lower(code)) where code is not null;

select bazaar_isolate_tenant_table('discounts');
