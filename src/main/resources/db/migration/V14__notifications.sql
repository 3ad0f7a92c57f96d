-- Notifications (docs/NOTIFICATIONS.md): the in-app feed of each account in each shop, and what each account chose
-- per notification type and channel. A row is written in the transaction of its cause (low stock, an endpoint
-- disabled, a transfer finished), so a committed cause always has its notification. account_id names an identity
-- account (another module: no foreign key). Read rows are purged after bazaar.notifications.read-retention, every row
-- after bazaar.notifications.retention.

create table notifications (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    id         uuid                     not null,
    account_id uuid                     not null,
    type       text                     not null check (type ~ '^[a-z_]+(\.[a-z_]+)+$' and length(type) <= 100),
    title      text                     not null check (length(title) between 1 and 300),
    summary    text                     not null check (length(summary) <= 2000),
    -- Ids and values of what it is about (variant_id, endpoint_id, transfer_id...), for clients to link to.
    data       jsonb                    not null default '{}' check (jsonb_typeof(data) = 'object'),
    read_at    timestamp with time zone,
    created_at timestamp with time zone not null,
    primary key (tenant_id, id)
);
-- The feed, newest first (ids are UUIDv7, so id order is creation order), and its unread part.
create index notifications_feed_idx on notifications (tenant_id, account_id, id desc);
create index notifications_unread_idx on notifications (tenant_id, account_id, id desc) where read_at is null;
-- The purge walks this index across tenants.
create index notifications_created_idx on notifications (created_at);

-- Only choices that differ from a type's defaults need a row; a missing row means the type's default.
create table notification_preferences (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    account_id uuid                     not null,
    type       text                     not null check (length(type) <= 100),
    channel    text                     not null check (channel in ('in_app', 'email')),
    enabled    boolean                  not null,
    updated_at timestamp with time zone not null,
    primary key (tenant_id, account_id, type, channel)
);

select bazaar_isolate_tenant_table('notifications');
select bazaar_isolate_tenant_table('notification_preferences');
