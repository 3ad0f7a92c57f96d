-- Tenancy: the database roles, shops and their data, plans and subscriptions, and the audit log; row-level security
-- on every tenant-owned table. Runs as the connecting user, who owns every table (see docs/TENANCY.md).

-- 1. Roles. The application works as ${application_role} (it owns nothing, so row-level security always applies to
-- it) and switches to ${system_role} for explicit cross-tenant work. Roles are cluster-wide: create them once, and
-- tolerate another database's migration creating them at the same moment.
do $$
begin
    if not exists (select 1 from pg_roles where rolname = '${application_role}') then
        begin
            create role ${application_role} nologin nosuperuser nobypassrls;
        exception when duplicate_object or unique_violation then null;
        end;
    end if;
    if not exists (select 1 from pg_roles where rolname = '${system_role}') then
        begin
            create role ${system_role} nologin nosuperuser nobypassrls;
        exception when duplicate_object or unique_violation then null;
        end;
    end if;
    -- The pool's SET ROLE needs membership; a superuser (embedded and test databases) may assume any role anyway.
    if not (select rolsuper from pg_roles where rolname = current_user) then
        if not pg_has_role(current_user, '${application_role}', 'MEMBER') then
            execute format('grant %I to %I', '${application_role}', current_user);
        end if;
        if not pg_has_role(current_user, '${system_role}', 'MEMBER') then
            execute format('grant %I to %I', '${system_role}', current_user);
        end if;
    end if;
end
$$;

grant usage on schema public to ${application_role}, ${system_role};
grant select, insert, update, delete on all tables in schema public to ${application_role}, ${system_role};
grant usage, select on all sequences in schema public to ${application_role}, ${system_role};
-- The API root reports the schema version; nothing else in the history is the application's business.
revoke insert, update, delete, truncate on flyway_schema_history from ${application_role}, ${system_role};
alter default privileges in schema public grant select, insert, update, delete on tables to ${application_role}, ${system_role};
alter default privileges in schema public grant usage, select on sequences to ${application_role}, ${system_role};

-- The tenant of the current transaction (TenantSessions sets it); null when none is set, which no row matches.
create function bazaar_current_tenant() returns uuid
    language sql stable parallel safe
    as $$ select nullif(current_setting('bazaar.tenant_id', true), '')::uuid $$;

-- 2. Plans: platform-level, not tenant-owned.
create table plans (
    id                uuid primary key,
    version           bigint                   not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    key               text                     not null check (key ~ '^[a-z][a-z0-9_-]{1,39}$'),
    name              text                     not null check (length(name) between 1 and 100),
    description       text                     check (length(description) <= 1000),
    -- Sustained API requests per second per credential per shop, and the burst above it.
    api_rate          integer                  not null check (api_rate between 1 and 100000),
    api_burst         integer                  not null check (api_burst >= api_rate and api_burst <= 1000000),
    staff_seats       integer                  not null check (staff_seats >= 1),
    products          integer                  not null check (products >= 0),
    storage_bytes     bigint                   not null check (storage_bytes >= 0),
    webhook_endpoints integer                  not null check (webhook_endpoints >= 0),
    api_keys          integer                  not null check (api_keys >= 0),
    features          text[]                   not null default '{}',
    -- Public plans are listed to everyone; others are assigned by administrators only.
    public            boolean                  not null default true,
    position          integer                  not null default 0,
    archived_at       timestamp with time zone
);
create unique index plans_key_key on plans (key);

insert into plans (id, version, created_at, updated_at, key, name, description, api_rate, api_burst, staff_seats,
                   products, storage_bytes, webhook_endpoints, api_keys, features, position)
values ('01930000-0000-7000-8000-000000000001', 0, now(), now(), 'free', 'Free', 'To try Bazaar out.',
        10, 50, 3, 100, 1073741824, 2, 2, '{}', 0),
       ('01930000-0000-7000-8000-000000000002', 0, now(), now(), 'basic', 'Basic', 'A growing shop.',
        25, 100, 10, 5000, 10737418240, 10, 10, '{custom_roles}', 1),
       ('01930000-0000-7000-8000-000000000003', 0, now(), now(), 'pro', 'Pro', 'A busy shop and its apps.',
        100, 400, 50, 100000, 107374182400, 50, 50, '{custom_roles,audit_log_export}', 2);

-- 3. Shops: each row is a tenant; its id is the tenant id every tenant-owned row carries.
create table shops (
    id               uuid primary key,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    handle           text                     not null check (handle ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
    name             text                     not null check (length(name) between 1 and 200),
    currency         char(3)                  not null check (currency ~ '^[A-Z]{3}$'),
    timezone         text                     not null check (length(timezone) between 1 and 64),
    locale           text                     not null check (length(locale) between 2 and 35),
    status           text                     not null check (status in ('active', 'suspended', 'deleted')),
    status_reason    text                     check (length(status_reason) <= 500),
    suspended_at     timestamp with time zone,
    deleted_at       timestamp with time zone,
    created_by       uuid                     not null,
    check ((status = 'suspended') = (suspended_at is not null)),
    check ((status = 'deleted') = (deleted_at is not null))
);
-- Handles stay taken while a deleted shop waits for its purge, so old links never reach a newcomer's shop.
create unique index shops_handle_key on shops (handle);
create index shops_deleted_at_idx on shops (deleted_at) where deleted_at is not null;

-- 4. Custom roles (the built-in owner, admin, staff and viewer live in code).
create table shop_roles (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    id          uuid                     not null,
    version     bigint                   not null,
    created_at  timestamp with time zone not null,
    updated_at  timestamp with time zone not null,
    key         text                     not null check (key ~ '^[a-z][a-z0-9_-]{1,39}$'
                                                     and key not in ('owner', 'admin', 'staff', 'viewer')),
    name        text                     not null check (length(name) between 1 and 100),
    description text                     check (length(description) <= 500),
    permissions text[]                   not null check (cardinality(permissions) between 1 and 100),
    primary key (tenant_id, id),
    unique (tenant_id, key)
);

-- 5. Memberships: an account's place in a shop, with exactly one of a built-in or a custom role.
create table memberships (
    tenant_id      uuid                     not null references shops (id) on delete cascade,
    id             uuid                     not null,
    version        bigint                   not null,
    created_at     timestamp with time zone not null,
    updated_at     timestamp with time zone not null,
    account_id     uuid                     not null,
    builtin_role   text                     check (builtin_role in ('owner', 'admin', 'staff', 'viewer')),
    custom_role_id uuid,
    primary key (tenant_id, id),
    unique (tenant_id, account_id),
    foreign key (tenant_id, custom_role_id) references shop_roles (tenant_id, id),
    check ((builtin_role is null) <> (custom_role_id is null))
);
-- An account's own shops: the one lookup that starts from the account rather than the shop.
create index memberships_account_idx on memberships (account_id, tenant_id);
create index memberships_custom_role_idx on memberships (tenant_id, custom_role_id) where custom_role_id is not null;

-- 6. Invitations: a single-use, expiring link mailed to an address.
create table invitations (
    tenant_id      uuid                     not null references shops (id) on delete cascade,
    id             uuid                     not null,
    created_at     timestamp with time zone not null,
    email          text                     not null check (length(email) between 3 and 320),
    builtin_role   text                     check (builtin_role in ('owner', 'admin', 'staff', 'viewer')),
    custom_role_id uuid,
    -- SHA-256 of the token's secret part; the token itself is only in the mail.
    token_hash     bytea                    not null check (length(token_hash) = 32),
    invited_by     uuid                     not null,
    expires_at     timestamp with time zone not null,
    accepted_at    timestamp with time zone,
    accepted_by    uuid,
    revoked_at     timestamp with time zone,
    primary key (tenant_id, id),
    unique (tenant_id, token_hash),
    foreign key (tenant_id, custom_role_id) references shop_roles (tenant_id, id) on delete cascade,
    check ((builtin_role is null) <> (custom_role_id is null)),
    check (accepted_at is null or revoked_at is null)
);
-- At most one open invitation per address and shop.
create unique index invitations_pending_email_key on invitations (tenant_id, email)
    where accepted_at is null and revoked_at is null;

-- 7. API keys for server-to-server apps: stored as SHA-256 of the secret, shown once.
create table api_keys (
    tenant_id    uuid                     not null references shops (id) on delete cascade,
    id           uuid                     not null,
    created_at   timestamp with time zone not null,
    name         text                     not null check (length(name) between 1 and 100),
    -- The first characters of the key, to recognise it in lists and logs.
    prefix       text                     not null check (length(prefix) between 8 and 24),
    secret_hash  bytea                    not null check (length(secret_hash) = 32),
    scopes       text[]                   not null check (cardinality(scopes) between 1 and 100),
    created_by   uuid                     not null,
    expires_at   timestamp with time zone,
    last_used_at timestamp with time zone,
    revoked_at   timestamp with time zone,
    primary key (tenant_id, id),
    unique (tenant_id, secret_hash)
);

-- 8. Subscriptions: one per shop.
create table subscriptions (
    tenant_id            uuid                     not null primary key references shops (id) on delete cascade,
    version              bigint                   not null,
    created_at           timestamp with time zone not null,
    updated_at           timestamp with time zone not null,
    plan_id              uuid                     not null references plans (id),
    status               text                     not null check (status in ('trialing', 'active', 'past_due', 'canceled')),
    current_period_start timestamp with time zone not null,
    current_period_end   timestamp with time zone not null check (current_period_end > current_period_start),
    trial_ends_at        timestamp with time zone,
    canceled_at          timestamp with time zone
);
create index subscriptions_plan_idx on subscriptions (plan_id);

-- 9. The audit log: append-only for the application (no update or delete privilege below); rows go with their shop's
-- purge (the cascade runs as the table owner).
create table audit_events (
    tenant_id   uuid                     not null references shops (id) on delete cascade,
    id          uuid                     not null,
    occurred_at timestamp with time zone not null,
    actor_type  text                     not null check (actor_type in ('account', 'api_key', 'system')),
    actor_id    uuid,
    action      text                     not null check (action ~ '^[a-z][a-z0-9_.]{2,99}$'),
    target_type text                     not null check (length(target_type) between 1 and 50),
    target_id   text                     check (length(target_id) <= 100),
    changes     jsonb                    not null default '{}',
    request_id  text                     check (length(request_id) <= 200),
    ip          text                     check (length(ip) <= 64),
    primary key (tenant_id, id)
);
create index audit_events_action_idx on audit_events (tenant_id, action, id desc);
create index audit_events_target_idx on audit_events (tenant_id, target_type, target_id, id desc);
revoke update, delete, truncate on audit_events from ${application_role}, ${system_role};

-- 10. Row-level security: every tenant-owned table admits only the current tenant's rows, for reads and writes, to
-- every role including the owner (FORCE); the system role additionally sees every row, and only it.
do $$
declare
    tenant_table text;
begin
    foreach tenant_table in array array['shop_roles', 'memberships', 'invitations', 'api_keys', 'subscriptions',
                                         'audit_events'] loop
        execute format('alter table %I enable row level security', tenant_table);
        execute format('alter table %I force row level security', tenant_table);
        execute format('create policy tenant_isolation on %I using (tenant_id = bazaar_current_tenant()) '
                           || 'with check (tenant_id = bazaar_current_tenant())', tenant_table);
        execute format('create policy system_access on %I to %I using (true) with check (true)', tenant_table,
                       '${system_role}');
    end loop;
end
$$;

-- The shops table is the tenants themselves: the key is id.
alter table shops enable row level security;
alter table shops force row level security;
create policy tenant_isolation on shops using (id = bazaar_current_tenant()) with check (id = bazaar_current_tenant());
create policy system_access on shops to ${system_role} using (true) with check (true);
