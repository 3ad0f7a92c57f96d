-- How many products each shop has, kept by a trigger on products: the plan's product limit is checked on every
-- create, and counting the rows each time made large imports quadratic (9.6 ms per create at 18,000 products).
-- Creates are serialised per shop already (an advisory lock), so the one row per shop is no new contention.
create table catalog_counts (
    tenant_id uuid   primary key references shops (id) on delete cascade,
    products  bigint not null default 0 check (products >= 0)
);

insert into catalog_counts (tenant_id, products)
select tenant_id, count(*) from products group by tenant_id;

create function catalog_count_products() returns trigger
    language plpgsql
    as $$
begin
    if tg_op = 'INSERT' then
        insert into catalog_counts (tenant_id, products) values (new.tenant_id, 1)
        on conflict (tenant_id) do update set products = catalog_counts.products + 1;
        return new;
    end if;
    -- A shop being purged may already have lost its row (cascade order): then there is nothing to count down.
    update catalog_counts set products = products - 1 where tenant_id = old.tenant_id;
    return old;
end
$$;

create trigger products_count
    after insert or delete on products
    for each row execute function catalog_count_products();

select bazaar_isolate_tenant_table('catalog_counts');
