-- Tickets that open a shop's real-time stream (docs/STREAM.md): short-lived and single use, bound to the shop, the
-- account or API key that asked for one and the permissions it held then. Only a SHA-256 of the ticket is stored; a
-- ticket is used up by deleting its row, and expired rows of a shop are deleted whenever the shop issues a new one.

create table stream_tickets (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    token_hash  bytea                    not null check (length(token_hash) = 32),
    account_id  uuid,
    api_key_id  uuid,
    permissions text[]                   not null,
    expires_at  timestamp with time zone not null,
    created_at  timestamp with time zone not null default now(),
    primary key (tenant_id, token_hash),
    check ((account_id is null) <> (api_key_id is null))
);
create index stream_tickets_expiry_idx on stream_tickets (tenant_id, expires_at);

select bazaar_isolate_tenant_table('stream_tickets');
