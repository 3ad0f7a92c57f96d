-- Webhook endpoints and their deliveries (docs/WEBHOOKS.md), and the key that encrypts secrets at rest when none is
-- configured (development and single-node defaults only; prod requires bazaar.secrets.encryption-key).

create table secret_encryption_keys (
    kid        text primary key,
    key        bytea                    not null check (length(key) = 32),
    created_at timestamp with time zone not null default now()
);

create table webhook_endpoints (
    tenant_id           uuid                     not null references shops (id) on delete cascade,
    id                  uuid                     not null,
    version             bigint                   not null default 0,
    url                 text                     not null check (length(url) between 1 and 2048),
    description         text                     check (length(description) <= 500),
    events              text[]                   not null check (cardinality(events) between 1 and 100),
    enabled             boolean                  not null default true,
    -- Why Bazaar disabled it (staff disabling it leaves this empty).
    disabled_reason     text                     check (disabled_reason in ('gone', 'failing')),
    disabled_at         timestamp with time zone,
    -- Signing secrets, encrypted (platform SecretBox); the previous one keeps signing until it expires.
    secret              text                     not null,
    previous_secret     text,
    previous_expires_at timestamp with time zone,
    -- Since when every attempt has failed (null after a success).
    failing_since       timestamp with time zone,
    created_at          timestamp with time zone not null default now(),
    updated_at          timestamp with time zone not null default now(),
    primary key (tenant_id, id),
    check ((previous_secret is null) = (previous_expires_at is null))
);

create table webhook_deliveries (
    tenant_id       uuid                     not null references shops (id) on delete cascade,
    id              uuid                     not null,
    endpoint_id     uuid                     not null,
    event_id        uuid                     not null,
    status          text                     not null check (status in ('pending', 'succeeded', 'failed')),
    -- Attempts recorded so far; an attempt job names the attempt it makes, so a repeated job does nothing.
    attempt_count   integer                  not null default 0 check (attempt_count >= 0),
    -- Attempts made so far in the current arming (a redelivery or replay re-arms with a fresh schedule).
    armed_attempts  integer                  not null default 0 check (armed_attempts >= 0),
    -- Whether a failure is retried (a ping is attempted once).
    retries         boolean                  not null default true,
    next_attempt_at timestamp with time zone,
    last_attempt_at timestamp with time zone,
    last_status     integer,
    last_error      text,
    -- Set while an attempt is in flight (claimed, not yet recorded): until when the claim holds. A claim that expires
    -- unrecorded (its process died) is taken over by the attempt's fallback job or the endpoint's next sender.
    claimed_until   timestamp with time zone,
    -- Names the current claim: only its holder records the attempt's outcome (a claim taken over after its lease
    -- expired cannot be recorded by the slow original too).
    claim_token     uuid,
    -- Claims of the current attempt that expired unrecorded; after three the attempt counts as failed (abandoned).
    lost_claims     integer                  not null default 0 check (lost_claims >= 0),
    -- Re-armed (redeliver, replay) while an attempt was in flight: that attempt's success does not end the delivery.
    rearmed         boolean                  not null default false,
    created_at      timestamp with time zone not null default now(),
    updated_at      timestamp with time zone not null default now(),
    primary key (tenant_id, id),
    unique (tenant_id, endpoint_id, event_id),
    foreign key (tenant_id, endpoint_id) references webhook_endpoints (tenant_id, id) on delete cascade,
    foreign key (tenant_id, event_id) references events (tenant_id, id) on delete cascade
);
create index webhook_deliveries_endpoint_idx on webhook_deliveries (tenant_id, endpoint_id, id desc);
create index webhook_deliveries_event_idx on webhook_deliveries (tenant_id, event_id);
-- An endpoint's sender takes its next due delivery from here when it finishes one.
create index webhook_deliveries_pending_idx on webhook_deliveries (tenant_id, endpoint_id, next_attempt_at)
    where status = 'pending';
-- The queue-age gauge reads the oldest due delivery across tenants.
create index webhook_deliveries_due_idx on webhook_deliveries (next_attempt_at) where status = 'pending';

create table webhook_attempts (
    tenant_id     uuid                     not null references shops (id) on delete cascade,
    delivery_id   uuid                     not null,
    attempt       integer                  not null check (attempt > 0),
    attempted_at  timestamp with time zone not null,
    status_code   integer,
    -- timeout, connection_refused, connection_reset, forbidden_address, dns, tls, io (when there is no status code).
    error         text,
    latency_ms    integer                  not null check (latency_ms >= 0),
    response_body text                     check (length(response_body) <= 1024),
    primary key (tenant_id, delivery_id, attempt),
    foreign key (tenant_id, delivery_id) references webhook_deliveries (tenant_id, id) on delete cascade,
    check ((status_code is null) <> (error is null))
);

select bazaar_isolate_tenant_table('webhook_endpoints');
select bazaar_isolate_tenant_table('webhook_deliveries');
select bazaar_isolate_tenant_table('webhook_attempts');
