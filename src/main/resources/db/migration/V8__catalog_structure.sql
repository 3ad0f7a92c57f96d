-- The catalog's structure: typed attributes a shop defines for its products, a category tree, and collections (a
-- hand-ordered list of products, or rules over product fields evaluated when read). Also the products' in-stock flag,
-- kept by the catalog from inventory's level events, so that listing by availability needs no join into inventory.

create table product_attributes (
    tenant_id  uuid                     not null references shops (id) on delete cascade,
    id         uuid                     not null,
    created_at timestamp with time zone not null,
    updated_at timestamp with time zone not null,
    -- The key in products.attributes and in filters (attr.<handle>=...).
    handle     text                     not null check (handle ~ '^[a-z0-9]+([_-][a-z0-9]+)*$' and length(handle) <= 60),
    name       text                     not null check (length(name) between 1 and 120),
    type       text                     not null check (type in ('text', 'number', 'boolean', 'choice')),
    -- The allowed values of a choice attribute, in display order.
    choices    text[]                   not null default '{}' check (cardinality(choices) <= 200),
    -- Whether storefronts may filter and facet by it.
    filterable boolean                  not null default true,
    position   integer                  not null check (position >= 0),
    primary key (tenant_id, id),
    unique (tenant_id, handle)
);

create table categories (
    tenant_id        uuid                     not null references shops (id) on delete cascade,
    id               uuid                     not null,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    parent_id        uuid                     check (parent_id <> id),
    handle           text                     not null check (handle ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(handle) <= 120),
    name             text                     not null check (length(name) between 1 and 255),
    description_html text                     not null default '' check (length(description_html) <= 100000),
    -- Order among its siblings: 0, 1, 2, ... without gaps (kept by every move, checked at commit).
    position         integer                  not null check (position >= 0),
    primary key (tenant_id, id),
    unique (tenant_id, handle),
    -- A category with children cannot be deleted (the service says so first).
    foreign key (tenant_id, parent_id) references categories (tenant_id, id),
    constraint categories_position_key unique nulls not distinct (tenant_id, parent_id, position)
        deferrable initially deferred
);

alter table products add column attributes jsonb not null default '{}' check (jsonb_typeof(attributes) = 'object');
alter table products add column category_id uuid;
alter table products add foreign key (tenant_id, category_id) references categories (tenant_id, id)
    on delete set null (category_id);
-- True when any variant can be sold: it does not track inventory, or stock is available somewhere.
alter table products add column in_stock boolean not null default false;
update products p set in_stock = exists (
    select 1 from product_variants v
    where v.tenant_id = p.tenant_id and v.product_id = p.id
      and (not v.track_inventory
           or (select coalesce(sum(l.on_hand - l.reserved), 0) from inventory_levels l
               join stock_locations s on s.tenant_id = l.tenant_id and s.id = l.location_id and s.active
               where l.tenant_id = v.tenant_id and l.variant_id = v.id) > 0));
create index products_category_idx on products (tenant_id, category_id);
-- Not led by tenant_id, like the search indexes of V7 (a tenant key inside a GIN index is one huge posting list).
create index products_attributes_idx on products using gin (attributes jsonb_path_ops);

create table collections (
    tenant_id        uuid                     not null references shops (id) on delete cascade,
    id               uuid                     not null,
    version          bigint                   not null,
    created_at       timestamp with time zone not null,
    updated_at       timestamp with time zone not null,
    handle           text                     not null check (handle ~ '^[a-z0-9]+(-[a-z0-9]+)*$' and length(handle) <= 120),
    title            text                     not null check (length(title) between 1 and 255),
    description_html text                     not null default '' check (length(description_html) <= 100000),
    kind             text                     not null check (kind in ('manual', 'automatic')),
    -- Automatic collections: whether a product must match all rules or any of them, and the rules
    -- ([{"field", "relation", "value", "attribute"?}], validated by the service).
    match            text                     not null default 'all' check (match in ('all', 'any')),
    rules            jsonb                    not null default '[]' check (jsonb_typeof(rules) = 'array'),
    check (kind = 'automatic' or rules = '[]'),
    primary key (tenant_id, id),
    unique (tenant_id, handle)
);

-- The ordered products of a manual collection.
create table collection_products (
    tenant_id     uuid    not null,
    collection_id uuid    not null,
    product_id    uuid    not null,
    position      integer not null check (position >= 0),
    primary key (tenant_id, collection_id, product_id),
    unique (tenant_id, collection_id, position),
    foreign key (tenant_id, collection_id) references collections (tenant_id, id) on delete cascade,
    foreign key (tenant_id, product_id) references products (tenant_id, id) on delete cascade
);
create index collection_products_product_idx on collection_products (tenant_id, product_id);

select bazaar_isolate_tenant_table('product_attributes');
select bazaar_isolate_tenant_table('categories');
select bazaar_isolate_tenant_table('collections');
select bazaar_isolate_tenant_table('collection_products');
