-- Catalog transfers: product imports (CSV) and exports (CSV or JSONL) as durable jobs. The files themselves live here
-- too, in chunks, so that any instance can run the job and neither an upload nor a job holds a whole file in memory.

create table product_transfers (
    tenant_id          uuid                     not null references shops (id) on delete cascade,
    id                 uuid                     not null,
    kind               text                     not null check (kind in ('import', 'export')),
    format             text                     not null check (format in ('csv', 'jsonl')),
    -- import: queued → validating → validated (a dry run stops here) → running → succeeded | failed;
    -- export: queued → running → succeeded | failed.
    status             text                     not null check (status in ('queued', 'validating', 'validated', 'running',
                                                                           'succeeded', 'failed')),
    -- An import that was asked to write once validated (dry_run false) goes on by itself when it has no errors.
    dry_run            boolean                  not null,
    file_name          text                     check (length(file_name) <= 255),
    file_bytes         bigint                   not null default 0 check (file_bytes >= 0),
    -- Progress: data rows (imports) or products (exports); total is null until known.
    progress_done      integer                  not null default 0 check (progress_done >= 0),
    progress_total     integer                  check (progress_total >= 0),
    products_created   integer                  not null default 0 check (products_created >= 0),
    products_updated   integer                  not null default 0 check (products_updated >= 0),
    products_unchanged integer                  not null default 0 check (products_unchanged >= 0),
    rows_failed        integer                  not null default 0 check (rows_failed >= 0),
    error_count        integer                  not null default 0 check (error_count >= 0),
    -- The write run's checkpoint: the data rows committed so far (with the batch that wrote them); a retry resumes here.
    checkpoint_row     integer                  not null default 0 check (checkpoint_row >= 0),
    -- Failed attempts of the current step; after the job's last one the transfer is failed.
    attempts           integer                  not null default 0 check (attempts >= 0),
    failure            text                     check (length(failure) <= 1000),
    created_by         uuid,
    created_at         timestamp with time zone not null,
    updated_at         timestamp with time zone not null,
    finished_at        timestamp with time zone,
    primary key (tenant_id, id)
);
create index product_transfers_list_idx on product_transfers (tenant_id, kind, id desc);

-- The uploaded CSV of an import, or the result of an export, in order.
create table product_transfer_chunks (
    tenant_id   uuid    not null,
    transfer_id uuid    not null,
    seq         integer not null check (seq >= 0),
    data        bytea   not null check (length(data) <= 1048576),
    primary key (tenant_id, transfer_id, seq),
    foreign key (tenant_id, transfer_id) references product_transfers (tenant_id, id) on delete cascade
);

-- Per-row errors of an import, in file order (bounded: the first 1,000 are kept, error_count counts them all).
create table product_import_errors (
    tenant_id   uuid    not null,
    transfer_id uuid    not null,
    seq         integer not null check (seq >= 0),
    row_number  integer not null check (row_number >= 0),
    column_name text    check (length(column_name) <= 100),
    code        text    not null check (length(code) <= 100),
    message     text    not null check (length(message) <= 1000),
    primary key (tenant_id, transfer_id, seq),
    foreign key (tenant_id, transfer_id) references product_transfers (tenant_id, id) on delete cascade
);

select bazaar_isolate_tenant_table('product_transfers');
select bazaar_isolate_tenant_table('product_transfer_chunks');
select bazaar_isolate_tenant_table('product_import_errors');
