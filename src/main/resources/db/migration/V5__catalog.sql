-- Catalog: products with their variants and media, tenant-owned and isolated by row-level security like every tenant
-- table (see V3). Prices are integer minor units with the currency beside them.

create table products (
    tenant_id        uuid                     not null references shops (id) on delete cascade,
    id               uuid                     not null,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    handle           text                     not null check (handle ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(handle) <= 120),
    title            text                     not null check (length(title) between 1 and 255),
    -- Sanitised HTML (an allow-list of tags and attributes), safe to render as is.
    description_html text                     not null default '' check (length(description_html) <= 100000),
    status           text                     not null check (status in ('draft', 'active', 'archived')),
    vendor           text                     check (length(vendor) between 1 and 120),
    product_type     text                     check (length(product_type) between 1 and 120),
    tags             text[]                   not null default '{}' check (cardinality(tags) <= 250),
    seo_title        text                     check (length(seo_title) <= 120),
    seo_description  text                     check (length(seo_description) <= 320),
    -- The option names (up to 3, e.g. size and colour); each variant has one value per name, in this order.
    option_names     text[]                   not null default '{}' check (cardinality(option_names) <= 3),
    -- The lowest variant price, kept by every variant write, for sorting and filtering by price.
    price_min        bigint                   not null check (price_min >= 0),
    currency         text                     not null check (currency ~ '^[A-Z]{3}$'),
    primary key (tenant_id, id),
    unique (tenant_id, handle)
);
create index products_list_idx on products (tenant_id, status, created_at desc, id desc);
create index products_price_idx on products (tenant_id, price_min, id);
create index products_title_idx on products (tenant_id, lower(title), id);

create table product_variants (
    tenant_id         uuid                     not null,
    id                uuid                     not null,
    product_id        uuid                     not null,
    created_at        timestamp with time zone not null,
    updated_at        timestamp with time zone not null,
    -- One value per option name of the product, in its order.
    option_values     text[]                   not null default '{}' check (cardinality(option_values) <= 3),
    sku               text                     check (length(sku) between 1 and 100),
    barcode           text                     check (length(barcode) between 1 and 100),
    price_amount      bigint                   not null check (price_amount >= 0),
    compare_at_amount bigint                   check (compare_at_amount >= 0),
    currency          text                     not null check (currency ~ '^[A-Z]{3}$'),
    weight_grams      integer                  check (weight_grams >= 0),
    track_inventory   boolean                  not null default true,
    position          integer                  not null check (position >= 0),
    primary key (tenant_id, id),
    foreign key (tenant_id, product_id) references products (tenant_id, id) on delete cascade,
    unique (tenant_id, product_id, option_values)
);
create unique index product_variants_sku_key on product_variants (tenant_id, sku) where sku is not null;
create index product_variants_product_idx on product_variants (tenant_id, product_id, position);

-- Images by URL for now; the files module adds uploads later without changing this contract.
create table product_media (
    tenant_id  uuid                     not null,
    id         uuid                     not null,
    product_id uuid                     not null,
    variant_id uuid,
    created_at timestamp with time zone not null,
    url        text                     not null check (url ~ '^https?://' and length(url) <= 2000),
    alt        text                     check (length(alt) <= 500),
    position   integer                  not null check (position >= 0),
    primary key (tenant_id, id),
    foreign key (tenant_id, product_id) references products (tenant_id, id) on delete cascade,
    foreign key (tenant_id, variant_id) references product_variants (tenant_id, id) on delete cascade
);
create index product_media_product_idx on product_media (tenant_id, product_id, position);

-- Isolation of a tenant-owned table, as V3 set it up for tenancy's tables; later migrations call this too.
create function bazaar_isolate_tenant_table(tenant_table regclass) returns void
    language plpgsql
    as $$
begin
    execute format('alter table %s enable row level security', tenant_table);
    execute format('alter table %s force row level security', tenant_table);
    execute format('create policy tenant_isolation on %s using (tenant_id = bazaar_current_tenant()) '
                       || 'with check (tenant_id = bazaar_current_tenant())', tenant_table);
    execute format('create policy system_access on %s to %I using (true) with check (true)', tenant_table,
                   '${system_role}');
end
$$;
revoke execute on function bazaar_isolate_tenant_table(regclass) from public;

select bazaar_isolate_tenant_table('products');
select bazaar_isolate_tenant_table('product_variants');
select bazaar_isolate_tenant_table('product_media');
