-- Product search: full text with weights (title > tags, vendor and type > description), prefix matching, and typo
-- tolerance through trigrams of the title. Accents do not matter ("creme" finds "Crème"). The search columns are kept
-- by a trigger, because unaccent is not immutable and so cannot be used in a generated column or an index expression.
create extension if not exists pg_trgm;
create extension if not exists unaccent;

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

-- Not led by tenant_id, unlike every other index of a tenant table: inside a GIN index the tenant is one huge posting
-- list intersected on every search (measured 5 ms against 0.2 ms for 10,000 products); the tenant condition (and row-
-- level security) is checked on the few rows the search finds.
create index products_search_idx on products using gin (search_vector);
create index products_search_title_idx on products using gin (search_title gin_trgm_ops);
create index products_vendor_idx on products (tenant_id, vendor);
create index products_type_idx on products (tenant_id, product_type);
create index products_tags_idx on products using gin (tags);
-- Staff lists over several statuses, newest first.
create index products_created_idx on products (tenant_id, created_at desc, id desc);

-- Row-level security evaluates its policy before any condition whose functions are not LEAKPROOF, so the planner may
-- not use an index for such a condition: searches under RLS would read every product of the shop (measured: 50 ms
-- instead of 4 ms for 10,000 products). The full-text match and the trigram similarity operators cannot leak row
-- data (they raise no errors on their inputs), so they are marked LEAKPROOF, which only a superuser may do. A
-- migration run by another owner leaves them as they are and says so; a superuser can run these statements once.
do $$
begin
    if (select rolsuper from pg_roles where rolname = current_user) then
        alter function pg_catalog.ts_match_vq(tsvector, tsquery) leakproof;
        alter function word_similarity_op(text, text) leakproof;
        alter function word_similarity_commutator_op(text, text) leakproof;
    else
        raise notice 'Not a superuser: product search under row-level security cannot use its indexes until a '
                     'superuser marks ts_match_vq, word_similarity_op and word_similarity_commutator_op LEAKPROOF '
                     '(see docs/CATALOG.md)';
    end if;
end
$$;
