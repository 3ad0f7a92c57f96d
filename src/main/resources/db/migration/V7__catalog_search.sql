-- Product search: full text with weights (title > tags, vendor and type > description), prefix matching, and typo
-- tolerance through trigrams of the title. Accents do not matter ("creme" finds "Crème"). The search columns are kept
-- by a trigger, because unaccent is not immutable and so cannot be used in a generated column or an index expression.
create extension if not exists pg_trgm;
create extension if not exists unaccent;
-- GIN indexes that lead with tenant_id, like every index of a tenant table.
create extension if not exists btree_gin;

alter table products add column search_vector tsvector;
alter table products add column search_title text;

create function products_search_columns() returns trigger
    language plpgsql
    as $$
begin
    new.search_title := lower(unaccent(new.title));
    new.search_vector :=
            setweight(to_tsvector('simple', unaccent(new.title)), 'A')
            || setweight(to_tsvector('simple', unaccent(array_to_string(new.tags, ' ')
                                                       || ' ' || coalesce(new.vendor, '')
                                                       || ' ' || coalesce(new.product_type, ''))), 'B')
            || setweight(to_tsvector('simple', unaccent(regexp_replace(new.description_html, '<[^>]*>', ' ', 'g'))), 'C');
    return new;
end
$$;

create trigger products_search_columns
    before insert or update of title, tags, vendor, product_type, description_html on products
    for each row execute function products_search_columns();

update products set title = title;
alter table products alter column search_vector set not null;
alter table products alter column search_title set not null;

create index products_search_idx on products using gin (tenant_id, search_vector);
create index products_search_title_idx on products using gin (tenant_id, search_title gin_trgm_ops);
create index products_vendor_idx on products (tenant_id, vendor);
create index products_type_idx on products (tenant_id, product_type);
create index products_tags_idx on products using gin (tenant_id, tags);
