-- Payments of orders, their refunds, the shops' gateway settings, de-duplicated inbound gateway webhooks, and the
-- built-in test gateway's "remote" state (docs/PAYMENTS.md). Orders belong to the ordering module: order_id is an
-- opaque reference without a foreign key.

create table payments (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    id                 uuid                     not null,
    order_id           uuid                     not null,
    gateway            text                     not null check (gateway in ('test', 'stripe')),
    status             text                     not null check (status in ('pending', 'processing', 'requires_action',
                                                    'authorized', 'succeeded', 'failed', 'canceled')),
    capture_method     text                     not null check (capture_method in ('automatic', 'manual')),
    payment_method     text                     not null check (length(payment_method) between 1 and 255),
    amount             bigint                   not null check (amount > 0),
    currency           text                     not null check (currency ~ '^[A-Z]{3}$'),
    captured_amount    bigint                   not null default 0,
    refunded_amount    bigint                   not null default 0,
    customer_email     text                     check (length(customer_email) <= 320),
    description        text                     not null check (length(description) <= 1000),
    -- The gateway's id of the payment (a Stripe PaymentIntent id), once known.
    provider_reference text                     check (length(provider_reference) <= 255),
    -- What the customer must do next (requires_action): redirect_to_url with a URL, or use_stripe_sdk with a client secret.
    next_action_type   text                     check (length(next_action_type) <= 64),
    next_action_url    text                     check (length(next_action_url) <= 2048),
    next_action_secret text                     check (length(next_action_secret) <= 255),
    failure_code       text                     check (length(failure_code) <= 100),
    failure_message    text                     check (length(failure_message) <= 1000),
    -- Gateway calls made for it (creation and retries with the same idempotency key).
    attempts           integer                  not null default 0 check (attempts >= 0),
    -- Set while a process() holds it: until when the claim holds (a crashed holder's claim expires).
    claimed_until      timestamp with time zone,
    created_at         timestamp with time zone not null default now(),
    updated_at         timestamp with time zone not null default now(),
    version            bigint                   not null default 0,
    primary key (tenant_id, id),
    check (captured_amount >= 0 and captured_amount <= amount),
    check (refunded_amount >= 0 and refunded_amount <= captured_amount)
);
create index payments_order_idx on payments (tenant_id, order_id, created_at);
create index payments_provider_idx on payments (tenant_id, gateway, provider_reference);
-- Reconciliation scans every shop for payments left pending or processing.
create index payments_unresolved_idx on payments (updated_at) where status in ('pending', 'processing');

create table payment_refunds (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    id                 uuid                     not null,
    payment_id         uuid                     not null,
    amount             bigint                   not null check (amount > 0),
    status             text                     not null check (status in ('pending', 'succeeded', 'failed')),
    reason             text                     check (length(reason) <= 500),
    provider_reference text                     check (length(provider_reference) <= 255),
    failure_code       text                     check (length(failure_code) <= 100),
    attempts           integer                  not null default 0 check (attempts >= 0),
    claimed_until      timestamp with time zone,
    created_at         timestamp with time zone not null default now(),
    updated_at         timestamp with time zone not null default now(),
    primary key (tenant_id, id),
    foreign key (tenant_id, payment_id) references payments (tenant_id, id) on delete cascade
);
create index payment_refunds_payment_idx on payment_refunds (tenant_id, payment_id, created_at);
create index payment_refunds_unresolved_idx on payment_refunds (updated_at) where status = 'pending';

create table payment_gateway_settings (
    tenant_id      uuid                     not null references shops (id) on delete cascade,
    gateway        text                     not null check (gateway in ('test', 'stripe')),
    -- Sealed with the platform SecretBox; never returned.
    secret_key     text,
    webhook_secret text,
    secret_key_last4 text                   check (length(secret_key_last4) <= 4),
    mode           text                     check (mode in ('test', 'live')),
    capture_method text                     not null default 'automatic' check (capture_method in ('automatic', 'manual')),
    created_at     timestamp with time zone not null default now(),
    updated_at     timestamp with time zone not null default now(),
    version        bigint                   not null default 0,
    primary key (tenant_id, gateway)
);

create table payment_webhook_events (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    provider    text                     not null,
    event_id    text                     not null check (length(event_id) between 1 and 255),
    type        text                     not null check (length(type) <= 255),
    received_at timestamp with time zone not null default now(),
    primary key (tenant_id, provider, event_id)
);

-- The test gateway's side: each operation under its idempotency key, with its first outcome (replayed to a repeat,
-- as Stripe does) and how often it was asked.
create table payment_test_gateway_operations (
    tenant_id       uuid                     not null references shops (id) on delete cascade,
    idempotency_key text                     not null check (length(idempotency_key) <= 255),
    operation       text                     not null check (operation in ('create', 'capture', 'cancel', 'refund')),
    payment_id      uuid                     not null,
    outcome         text                     not null check (outcome in ('succeeded', 'authorized', 'requires_action',
                                                 'failed', 'canceled')),
    failure_code    text,
    amount          bigint                   not null default 0,
    calls           integer                  not null default 1 check (calls > 0),
    created_at      timestamp with time zone not null default now(),
    updated_at      timestamp with time zone not null default now(),
    primary key (tenant_id, idempotency_key)
);

select bazaar_isolate_tenant_table('payments');
select bazaar_isolate_tenant_table('payment_refunds');
select bazaar_isolate_tenant_table('payment_gateway_settings');
select bazaar_isolate_tenant_table('payment_webhook_events');
select bazaar_isolate_tenant_table('payment_test_gateway_operations');
