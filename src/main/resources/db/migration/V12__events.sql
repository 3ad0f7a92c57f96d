-- The outbox of external events (docs/EVENTS.md): one row per event, written in the transaction of the change that
-- caused it, so an event exists exactly when its change committed. The body is the frozen JSON that every webhook
-- delivery and live-stream message of the event sends, byte for byte (text, not jsonb, so it is never re-serialised).
-- Rows are kept for the replay window (bazaar.events.retention) and then purged.

create table events (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    id          uuid                     not null,
    -- The order events were recorded in, for the live stream's resume and replay; not a commit order.
    seq         bigint                   generated always as identity,
    type        text                     not null check (type ~ '^[a-z_]+(\.[a-z_]+)?$'),
    version     integer                  not null check (version > 0),
    -- The resource the event is about (product, member, variant...), when it has one.
    subject_id  uuid,
    occurred_at timestamp with time zone not null,
    recorded_at timestamp with time zone not null default now(),
    body        text                     not null check (length(body) <= 1048576),
    primary key (tenant_id, id)
);
create unique index events_seq_idx on events (tenant_id, seq);
create index events_occurred_idx on events (tenant_id, occurred_at);
-- The purge of expired events walks this index across tenants.
create index events_recorded_idx on events (recorded_at);

select bazaar_isolate_tenant_table('events');
