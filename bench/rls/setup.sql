-- A tenant-scoped read with and without row-level security, on the shape of a tenant-owned table.
drop table if exists m_rls, m_plain;
do $$ begin
  if not exists (select 1 from pg_roles where rolname = 'bazaar_app') then create role bazaar_app nologin; end if;
end $$;
create or replace function bazaar_current_tenant() returns uuid language sql stable parallel safe
    as $$ select nullif(current_setting('bazaar.tenant_id', true), '')::uuid $$;
create table m_plain (tenant_id uuid not null, id uuid not null, account_id uuid not null, role text not null,
                      created_at timestamptz not null default now(), primary key (tenant_id, id));
insert into m_plain select md5(t::text)::uuid, gen_random_uuid(), gen_random_uuid(), 'staff', now()
    from generate_series(1, 2000) t, generate_series(1, 100) r;
create table m_rls (like m_plain including all);
insert into m_rls select * from m_plain;
alter table m_rls enable row level security;
alter table m_rls force row level security;
create policy tenant_isolation on m_rls using (tenant_id = bazaar_current_tenant()) with check (tenant_id = bazaar_current_tenant());
grant select on m_rls, m_plain to bazaar_app;
analyze m_rls;
analyze m_plain;
