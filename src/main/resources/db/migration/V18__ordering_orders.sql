-- Ordering: customers and their addresses, carts, orders with their lines, timeline, fulfillments and refunds, the
-- per-shop order number, and discount redemptions. Money is bigint minor units of the row's currency throughout.

create table customers (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    id         uuid                     not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    -- Lower-cased; one customer per email in a shop (a guest who later signs in with a verified account is linked).
    email      text                     not null check (length(email) between 3 and 254 and email = lower(email)),
    -- The identity account (another module: referenced by id), null for a guest known only by email.
    account_id uuid,
    first_name text check (length(first_name) <= 100),
    last_name  text check (length(last_name) <= 100),
    primary key (tenant_id, id),
    unique (tenant_id, email)
);
create unique index customers_account_idx on customers (tenant_id, account_id) where account_id is not null;

create table customer_addresses (
    tenant_id   uuid                     not null,
    id          uuid                     not null,
    customer_id uuid                     not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    -- The address as a JSON object (name, company, line1, line2, city, region, postal_code, country, phone), checked
    -- by the application; the country is also a column for queries.
    address     jsonb                    not null check (jsonb_typeof(address) = 'object'),
    is_default  boolean                  not null default false,
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete cascade
);
create index customer_addresses_customer_idx on customer_addresses (tenant_id, customer_id, created_at);
create unique index customer_addresses_default_idx on customer_addresses (tenant_id, customer_id) where is_default;

create table carts (
    tenant_id        uuid                     not null references shops (id) on delete cascade,
    id               uuid                     not null,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    -- SHA-256 of the cart token that anonymous callers present; the token itself is shown once, at creation.
    token_hash       bytea                    not null check (length(token_hash) = 32),
    customer_id      uuid,
    status           text                     not null check (status in ('active', 'merged', 'completed')),
    merged_into      uuid,
    currency         text                     not null check (currency ~ '^[A-Z]{3}$'),
    email            text check (length(email) between 3 and 254),
    shipping_address jsonb check (jsonb_typeof(shipping_address) = 'object'),
    shipping_rate_id uuid,
    discount_code    text check (length(discount_code) <= 40),
    constraint carts_merged_has_target check ((status = 'merged') = (merged_into is not null)),
    primary key (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id) on delete set null (customer_id)
);
-- A signed-in customer has at most one active cart per shop.
create unique index carts_customer_active_idx on carts (tenant_id, customer_id) where status = 'active' and customer_id is not null;
create index carts_updated_idx on carts (tenant_id, updated_at) where status = 'active';

-- A line per variant; the price and names are the catalog's at the line's last change (refreshed on every change).
create table cart_lines (
    tenant_id     uuid                     not null,
    cart_id       uuid                     not null,
    variant_id    uuid                     not null,
    product_id    uuid                     not null,
    added_at      timestamp with time zone not null,
    quantity      bigint                   not null check (quantity between 1 and 10000),
    unit_price    bigint                   not null check (unit_price >= 0),
    product_title text                     not null,
    variant_title text                     not null,
    sku           text,
    weight_grams  integer                  not null default 0 check (weight_grams >= 0),
    primary key (tenant_id, cart_id, variant_id),
    foreign key (tenant_id, cart_id) references carts (tenant_id, id) on delete cascade
);

-- The last order number given in each shop; numbers start at 1001.
create table order_numbers (
    tenant_id   uuid   not null primary key references shops (id) on delete cascade,
    last_number bigint not null check (last_number >= 1000)
);

create table orders (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    id                 uuid                     not null,
    version            bigint                   not null,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    number             bigint                   not null check (number > 1000),
    -- One order per cart, whatever retries or concurrent checkouts do.
    cart_id            uuid                     not null,
    customer_id        uuid                     not null,
    email              text                     not null,
    status             text                     not null check (status in ('pending_payment', 'paid', 'partially_fulfilled',
                                                                            'fulfilled', 'canceled')),
    payment_status     text                     not null check (payment_status in ('pending', 'requires_action', 'authorized',
                                                                                    'paid', 'partially_refunded', 'refunded',
                                                                                    'failed', 'voided')),
    currency           text                     not null check (currency ~ '^[A-Z]{3}$'),
    prices_include_tax boolean                  not null,
    subtotal           bigint                   not null check (subtotal >= 0),
    discount_total     bigint                   not null check (discount_total >= 0),
    shipping_total     bigint                   not null check (shipping_total >= 0),
    tax_total          bigint                   not null check (tax_total >= 0),
    total              bigint                   not null check (total >= 0),
    captured_amount    bigint                   not null default 0 check (captured_amount between 0 and total),
    refunded_amount    bigint                   not null default 0 check (refunded_amount between 0 and captured_amount),
    shipping_address   jsonb                    not null check (jsonb_typeof(shipping_address) = 'object'),
    shipping_rate_id   uuid,
    shipping_rate_name text                     not null,
    discount_id        uuid,
    discount_code      text,
    reservation_id     uuid                     not null,
    payment_expires_at timestamp with time zone not null,
    paid_at            timestamp with time zone,
    canceled_at        timestamp with time zone,
    cancel_reason      text check (length(cancel_reason) <= 500),
    note               text check (length(note) <= 5000),
    constraint orders_canceled_at check ((status = 'canceled') = (canceled_at is not null)),
    primary key (tenant_id, id),
    unique (tenant_id, number),
    unique (tenant_id, cart_id),
    foreign key (tenant_id, cart_id) references carts (tenant_id, id),
    foreign key (tenant_id, customer_id) references customers (tenant_id, id)
);
create index orders_created_idx on orders (tenant_id, created_at desc, id desc);
create index orders_customer_idx on orders (tenant_id, customer_id, created_at desc);
create index orders_status_idx on orders (tenant_id, status, created_at desc);
create index orders_email_idx on orders (tenant_id, email);
-- The expiry job looks across shops for unpaid orders past their payment window: deliberately not led by tenant_id.
create index orders_payment_due_idx on orders (payment_expires_at) where status = 'pending_payment';

create table order_lines (
    tenant_id          uuid          not null,
    order_id           uuid          not null,
    id                 uuid          not null,
    position           integer       not null check (position >= 0),
    variant_id         uuid          not null,
    product_id         uuid          not null,
    product_title      text          not null,
    variant_title      text          not null,
    sku                text,
    quantity           bigint        not null check (quantity > 0),
    unit_price         bigint        not null check (unit_price >= 0),
    subtotal           bigint        not null check (subtotal >= 0),
    discount           bigint        not null check (discount between 0 and subtotal),
    tax                bigint        not null check (tax >= 0),
    tax_rate           numeric(7, 4) not null,
    total              bigint        not null check (total >= 0),
    fulfilled_quantity bigint        not null default 0 check (fulfilled_quantity between 0 and quantity),
    refunded_quantity  bigint        not null default 0 check (refunded_quantity between 0 and quantity),
    primary key (tenant_id, id),
    unique (tenant_id, order_id, position),
    foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade
);

-- The timeline: every change of an order, with who, what and when. Append-only for the application.
create table order_events (
    tenant_id  uuid                     not null,
    id         uuid                     not null,
    order_id   uuid                     not null,
    at         timestamp with time zone not null,
    kind       text                     not null check (length(kind) between 1 and 60),
    actor_type text                     not null,
    actor_id   uuid,
    message    text                     not null check (length(message) <= 5000),
    data       jsonb                    not null default '{}' check (jsonb_typeof(data) = 'object'),
    primary key (tenant_id, id),
    foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade
);
create index order_events_order_idx on order_events (tenant_id, order_id, id);
revoke update, delete, truncate on order_events from ${application_role}, ${system_role};

create table fulfillments (
    tenant_id        uuid                     not null,
    id               uuid                     not null,
    order_id         uuid                     not null,
    created_at       timestamp with time zone not null,
    tracking_number  text check (length(tracking_number) between 1 and 100),
    tracking_company text check (length(tracking_company) between 1 and 100),
    tracking_url     text check (tracking_url ~ '^https?://' and length(tracking_url) <= 2000),
    primary key (tenant_id, id),
    foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade
);
create index fulfillments_order_idx on fulfillments (tenant_id, order_id, created_at);

create table fulfillment_lines (
    tenant_id      uuid   not null,
    fulfillment_id uuid   not null,
    order_line_id  uuid   not null,
    quantity       bigint not null check (quantity > 0),
    primary key (tenant_id, fulfillment_id, order_line_id),
    foreign key (tenant_id, fulfillment_id) references fulfillments (tenant_id, id) on delete cascade,
    foreign key (tenant_id, order_line_id) references order_lines (tenant_id, id) on delete cascade
);

-- An order's refunds as ordering sees them: the lines (and units) refunded, whether they go back to stock; the money
-- moves in the payments module, under the refund's id.
create table order_refunds (
    tenant_id  uuid                     not null,
    id         uuid                     not null,
    order_id   uuid                     not null,
    created_at timestamp with time zone not null,
    amount     bigint                   not null check (amount > 0),
    status     text                     not null check (status in ('pending', 'succeeded', 'failed')),
    restock    boolean                  not null,
    lines      jsonb                    not null default '[]' check (jsonb_typeof(lines) = 'array'),
    reason     text check (length(reason) <= 500),
    primary key (tenant_id, id),
    foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade
);
create index order_refunds_order_idx on order_refunds (tenant_id, order_id, created_at);

-- One row per order that used a discount: the per-customer limit counts these under the discount's row lock.
create table discount_redemptions (
    tenant_id   uuid                     not null,
    discount_id uuid                     not null,
    order_id    uuid                     not null,
    email       text                     not null,
    created_at  timestamp with time zone not null,
    primary key (tenant_id, discount_id, order_id),
    foreign key (tenant_id, discount_id) references discounts (tenant_id, id) on delete cascade,
    -- Checked at commit: checkout redeems the discount (under its row lock) before it writes the order.
    foreign key (tenant_id, order_id) references orders (tenant_id, id) on delete cascade deferrable initially deferred
);
create index discount_redemptions_email_idx on discount_redemptions (tenant_id, discount_id, email);

-- Inventory: stock that comes back from a canceled or refunded order.
alter table inventory_movements drop constraint inventory_movements_kind_check;
alter table inventory_movements add constraint inventory_movements_kind_check
    check (kind in ('adjusted', 'set', 'reserved', 'released', 'committed', 'expired', 'restocked'));

select bazaar_isolate_tenant_table('customers');
select bazaar_isolate_tenant_table('customer_addresses');
select bazaar_isolate_tenant_table('carts');
select bazaar_isolate_tenant_table('cart_lines');
select bazaar_isolate_tenant_table('order_numbers');
select bazaar_isolate_tenant_table('orders');
select bazaar_isolate_tenant_table('order_lines');
select bazaar_isolate_tenant_table('order_events');
select bazaar_isolate_tenant_table('fulfillments');
select bazaar_isolate_tenant_table('fulfillment_lines');
select bazaar_isolate_tenant_table('order_refunds');
select bazaar_isolate_tenant_table('discount_redemptions');
