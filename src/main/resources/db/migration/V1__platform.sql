-- Platform tables: the durable job queue (db-scheduler), dead jobs, idempotency records and the captured dev mailbox.

create table scheduled_tasks (
    task_name            text                     not null,
    task_instance        text                     not null,
    task_data            bytea,
    execution_time       timestamp with time zone not null,
    picked               boolean                  not null,
    picked_by            text,
    last_success         timestamp with time zone,
    last_failure         timestamp with time zone,
    consecutive_failures integer,
    last_heartbeat       timestamp with time zone,
    version              bigint                   not null,
    priority             smallint,
    primary key (task_name, task_instance)
);
create index scheduled_tasks_execution_time_idx on scheduled_tasks (execution_time);
create index scheduled_tasks_last_heartbeat_idx on scheduled_tasks (last_heartbeat);
create index scheduled_tasks_priority_execution_time_idx on scheduled_tasks (priority desc, execution_time asc);

-- A job that failed its last allowed attempt: kept for inspection and manual retry, never silently dropped.
create table dead_jobs (
    id            uuid primary key,
    task_name     text                     not null,
    task_instance text                     not null,
    task_data     bytea,
    attempts      integer                  not null check (attempts > 0),
    last_error    text                     not null,
    died_at       timestamp with time zone not null default now()
);
create index dead_jobs_died_at_idx on dead_jobs (died_at desc);

create table idempotency_keys (
    scope            text                     not null,
    idempotency_key  text                     not null check (length(idempotency_key) between 1 and 255),
    fingerprint      text                     not null,
    status           text                     not null check (status in ('running', 'completed')),
    locked_until     timestamp with time zone,
    response_status  integer,
    response_headers text,
    response_body    bytea,
    created_at       timestamp with time zone not null default now(),
    expires_at       timestamp with time zone not null,
    primary key (scope, idempotency_key),
    check (status = 'running' or response_status is not null)
);
create index idempotency_keys_expires_at_idx on idempotency_keys (expires_at);

create table captured_mail (
    id         uuid primary key,
    recipient  text                     not null,
    subject    text                     not null,
    text_body  text                     not null,
    html_body  text,
    sent_at    timestamp with time zone not null default now()
);
create index captured_mail_sent_at_idx on captured_mail (sent_at desc);
