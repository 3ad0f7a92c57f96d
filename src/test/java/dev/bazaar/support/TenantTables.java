package dev.bazaar.support;

/** The tenant-owned tables: every table of the schema with a {@code tenant_id} column, whichever module added it. */
public final class TenantTables {

    /** Their names, in order. */
    public static final String SQL = "select c.relname from pg_class c join pg_attribute a on a.attrelid = c.oid "
            + "where c.relkind = 'r' and c.relnamespace = 'public'::regnamespace and a.attname = 'tenant_id' order by 1";

    private TenantTables() {}
}
