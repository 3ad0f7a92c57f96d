package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.platform.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Shops. Row-level security limits every query to the current tenant, or opens all of them in the system scope. */
@Repository
public class ShopRepository {

    /** What a handle looks like: 3-40 lower-case letters, digits and hyphens, a letter or digit at both ends. */
    public static final Pattern HANDLE = Pattern.compile("[a-z0-9][a-z0-9-]{1,38}[a-z0-9]");

    private static final String COLUMNS = "s.id, s.version, s.created_at, s.updated_at, s.handle, s.name, s.currency, "
            + "s.timezone, s.locale, s.status, s.status_reason, s.suspended_at, s.deleted_at, s.created_by";

    private final JdbcClient jdbc;

    ShopRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ShopRow(UUID id, long version, Instant createdAt, Instant updatedAt, String handle, String name,
                          String currency, String timezone, String locale, String status, @Nullable String statusReason,
                          @Nullable Instant suspendedAt, @Nullable Instant deletedAt, UUID createdBy) {}

    /** A shop with the caller's role key in it (null when not a member). */
    public record ShopWithRole(ShopRow shop, @Nullable String role) {}

    public void insert(ShopRow shop) {
        jdbc.sql("""
                        insert into shops (id, version, created_at, updated_at, handle, name, currency, timezone, locale,
                                           status, created_by)
                        values (:id, 0, :at, :at, :handle, :name, :currency, :timezone, :locale, 'active', :createdBy)""")
                .param("id", shop.id()).param("at", Sql.ts(shop.createdAt())).param("handle", shop.handle())
                .param("name", shop.name()).param("currency", shop.currency()).param("timezone", shop.timezone())
                .param("locale", shop.locale()).param("createdBy", shop.createdBy())
                .update();
    }

    public boolean handleExists(String handle) {
        return jdbc.sql("select exists (select 1 from shops where handle = :handle)").param("handle", handle)
                .query(Boolean.class).single();
    }

    public Optional<ShopRow> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from shops s where s.id = :id").param("id", id).query(ShopRepository::row).optional();
    }

    /** By id (when the reference is one) or handle. */
    public Optional<ShopRow> findByReference(String reference) {
        return Ids.parse(reference).map(this::find).orElseGet(() ->
                jdbc.sql("select " + COLUMNS + " from shops s where s.handle = :handle").param("handle", reference)
                        .query(ShopRepository::row).optional());
    }

    public Optional<ShopRow> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from shops s where s.id = :id for update").param("id", id)
                .query(ShopRepository::row).optional();
    }

    /** Optimistic update of the settings; false if the version moved on. */
    public boolean updateSettings(UUID id, long version, String name, String currency, String timezone, String locale, Instant at) {
        return jdbc.sql("""
                        update shops set name = :name, currency = :currency, timezone = :timezone, locale = :locale,
                                         version = version + 1, updated_at = :at
                        where id = :id and version = :version""")
                .param("id", id).param("version", version).param("name", name).param("currency", currency)
                .param("timezone", timezone).param("locale", locale).param("at", Sql.ts(at))
                .update() == 1;
    }

    public void setStatus(UUID id, String status, @Nullable String reason, Instant at) {
        jdbc.sql("""
                        update shops set status = :status, status_reason = :reason,
                                         suspended_at = case when :status = 'suspended' then cast(:at as timestamptz) end,
                                         deleted_at = case when :status = 'deleted' then cast(:at as timestamptz) end,
                                         version = version + 1, updated_at = :at
                        where id = :id""")
                .param("id", id).param("status", status).param("reason", reason).param("at", Sql.ts(at))
                .update();
    }

    /** The account's shops with its role, by id (system scope: this crosses tenants). */
    public List<ShopWithRole> listForAccount(UUID accountId, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + ", coalesce(m.builtin_role, r.key) as role from memberships m "
                        + "join shops s on s.id = m.tenant_id "
                        + "left join shop_roles r on r.tenant_id = m.tenant_id and r.id = m.custom_role_id "
                        + "where m.account_id = :account and s.status <> 'deleted' and (cast(:after as uuid) is null or s.id > :after) "
                        + "order by s.id limit :limit")
                .param("account", accountId).param("after", afterId).param("limit", limit)
                .query((rs, n) -> new ShopWithRole(row(rs, n), rs.getString("role"))).list();
    }

    /** Every shop, for administrators (system scope). */
    public List<ShopRow> listAll(@Nullable String status, @Nullable String query, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select " + COLUMNS + " from shops s where (cast(:status as text) is null or s.status = :status) "
                        + "and (cast(:q as text) is null or s.handle like :q || '%' or s.name ilike '%' || :q || '%') "
                        + "and (cast(:after as uuid) is null or s.id > :after) order by s.id limit :limit")
                .param("status", status).param("q", query).param("after", afterId).param("limit", limit)
                .query(ShopRepository::row).list();
    }

    /** Shops the account owns (system scope). */
    public int countOwnedBy(UUID accountId) {
        return jdbc.sql("select count(*) from memberships m join shops s on s.id = m.tenant_id "
                        + "where m.account_id = :account and m.builtin_role = 'owner' and s.status <> 'deleted'")
                .param("account", accountId).query(Integer.class).single();
    }

    /** Deleted shops whose grace period is over (system scope). */
    public List<UUID> purgeable(Instant deletedBefore, int limit) {
        return jdbc.sql("select id from shops where status = 'deleted' and deleted_at < :before order by deleted_at limit :limit")
                .param("before", Sql.ts(deletedBefore)).param("limit", limit).query(UUID.class).list();
    }

    /** Deletes the shop and, through the foreign keys, every row that belongs to it. */
    public boolean purge(UUID id) {
        return jdbc.sql("delete from shops where id = :id and status = 'deleted'").param("id", id).update() == 1;
    }

    static ShopRow row(ResultSet rs, int n) throws SQLException {
        return new ShopRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("handle"), rs.getString("name"), rs.getString("currency"),
                rs.getString("timezone"), rs.getString("locale"), rs.getString("status"), rs.getString("status_reason"),
                Sql.instant(rs, "suspended_at"), Sql.instant(rs, "deleted_at"), rs.getObject("created_by", UUID.class));
    }
}
