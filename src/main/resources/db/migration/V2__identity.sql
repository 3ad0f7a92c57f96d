-- Identity: accounts, credentials, sessions (refresh-token families), one-time tokens, throttling, audit, signing keys.
-- None of these tables is tenant-owned: accounts exist across shops (memberships come with tenancy).

create table accounts (
    id                uuid primary key,
    version           bigint                   not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    -- Normalised (NFKC, trimmed, lower-case); deactivated accounts get a unique placeholder so the address is free again.
    email             text                     not null check (length(email) between 3 and 320),
    name              text                     check (length(name) <= 200),
    locale            text                     not null check (length(locale) between 2 and 35),
    -- Argon2id in PHC string form; null until the address is verified (the pending password lives with its
    -- verification token) and after deactivation.
    password_hash     text,
    status            text                     not null check (status in ('pending', 'active', 'deactivated')),
    email_verified_at timestamp with time zone,
    platform_roles    text[]                   not null default '{}',
    deactivated_at    timestamp with time zone,
    check (status <> 'active' or (password_hash is not null and email_verified_at is not null)),
    check (status <> 'deactivated' or (password_hash is null and deactivated_at is not null))
);
create unique index accounts_email_key on accounts (email);

-- A session is one refresh-token family: created by a sign-in, extended by each refresh, ended by revocation or expiry.
create table auth_sessions (
    id               uuid primary key,
    account_id       uuid                     not null references accounts (id) on delete cascade,
    created_at       timestamp with time zone not null,
    authenticated_at timestamp with time zone not null,
    methods          text                     not null check (methods in ('password', 'password_otp')),
    last_used_at     timestamp with time zone not null,
    idle_expires_at  timestamp with time zone not null,
    expires_at       timestamp with time zone not null,
    user_agent       text                     check (length(user_agent) <= 512),
    ip_address       text                     check (length(ip_address) <= 64),
    revoked_at       timestamp with time zone,
    revoked_reason   text,
    check (idle_expires_at <= expires_at),
    check ((revoked_at is null) = (revoked_reason is null))
);
create index auth_sessions_account_idx on auth_sessions (account_id, id desc);
create index auth_sessions_expires_at_idx on auth_sessions (expires_at);

-- Refresh tokens are stored only as SHA-256 digests; used_at marks a token that was rotated and must never work again.
create table refresh_tokens (
    token_hash bytea                    primary key check (length(token_hash) = 32),
    session_id uuid                     not null references auth_sessions (id) on delete cascade,
    issued_at  timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index refresh_tokens_session_idx on refresh_tokens (session_id);

-- Single-use tokens sent by mail (verification, reset) or handed out between sign-in steps (mfa_challenge).
create table one_time_tokens (
    token_hash      bytea                    primary key check (length(token_hash) = 32),
    purpose         text                     not null check (purpose in ('email_verification', 'password_reset', 'mfa_challenge')),
    account_id      uuid                     not null references accounts (id) on delete cascade,
    -- email_verification: JSON with the Argon2id hash, name and locale of that registration, which verification applies.
    payload         text,
    created_at      timestamp with time zone not null,
    expires_at      timestamp with time zone not null,
    used_at         timestamp with time zone,
    failed_attempts integer                  not null default 0 check (failed_attempts >= 0),
    check (expires_at > created_at)
);
create index one_time_tokens_account_idx on one_time_tokens (account_id, purpose, created_at desc);
create index one_time_tokens_expires_at_idx on one_time_tokens (expires_at);

create table totp_credentials (
    account_id     uuid                     primary key references accounts (id) on delete cascade,
    secret         bytea                    not null check (length(secret) >= 20),
    created_at     timestamp with time zone not null,
    confirmed_at   timestamp with time zone,
    -- The last accepted 30-second time step: a code is accepted once, and never one older than the last.
    last_used_step bigint                   not null default 0
);

create table recovery_codes (
    id         uuid primary key,
    account_id uuid                     not null references accounts (id) on delete cascade,
    code_hash  bytea                    not null check (length(code_hash) = 32),
    created_at timestamp with time zone not null,
    used_at    timestamp with time zone
);
create index recovery_codes_account_idx on recovery_codes (account_id);
create unique index recovery_codes_hash_key on recovery_codes (account_id, code_hash);

-- Sign-in attempts per key (hashed account + client address, account, client address) not yet followed by a success,
-- with an escalating lock. Every attempt is counted before the password is checked, so parallel guesses cannot slip in.
create table login_throttle (
    throttle_key    text                     primary key,
    attempts        integer                  not null check (attempts >= 0),
    last_attempt_at timestamp with time zone not null,
    locked_until    timestamp with time zone
);
create index login_throttle_last_attempt_idx on login_throttle (last_attempt_at);

-- Networks (IPv4 /24, IPv6 /64) an account signed in from or reset its password from: exempt from the account-wide lock.
create table known_networks (
    account_id   uuid                     not null references accounts (id) on delete cascade,
    network      text                     not null check (length(network) <= 64),
    last_seen_at timestamp with time zone not null,
    primary key (account_id, network)
);
create index known_networks_last_seen_idx on known_networks (last_seen_at);

create table security_events (
    id          uuid primary key,
    account_id  uuid                     references accounts (id) on delete cascade,
    type        text                     not null,
    ip_address  text                     check (length(ip_address) <= 64),
    user_agent  text                     check (length(user_agent) <= 512),
    request_id  text                     check (length(request_id) <= 128),
    session_id  uuid,
    details     jsonb                    not null default '{}',
    occurred_at timestamp with time zone not null
);
create index security_events_account_idx on security_events (account_id, id desc);
create index security_events_occurred_at_idx on security_events (occurred_at);

-- Access-token signing keys generated when none are configured (development and single-node defaults only).
create table signing_keys (
    kid        text primary key,
    algorithm  text                     not null check (algorithm = 'ES256'),
    jwk        text                     not null,
    created_at timestamp with time zone not null,
    retired_at timestamp with time zone
);
