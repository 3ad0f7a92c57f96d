package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.platform.security.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A shop's API keys, stored as SHA-256 of their secret. */
@Repository
public class ApiKeyRepository {

    private static final String ACTIVE = "revoked_at is null and (expires_at is null or expires_at > :now)";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ApiKeyRow(UUID id, String name, String prefix, Set<Permission> scopes, UUID createdBy, Instant createdAt,
                            @Nullable Instant expiresAt, @Nullable Instant lastUsedAt, @Nullable Instant revokedAt) {}

    public void insert(UUID tenant, ApiKeyRow key, byte[] secretHash) {
        jdbc.sql("""
                        insert into api_keys (tenant_id, id, created_at, name, prefix, secret_hash, scopes, created_by, expires_at)
                        values (:tenant, :id, :at, :name, :prefix, :hash, :scopes, :by, :expires)""")
                .param("tenant", tenant).param("id", key.id()).param("at", Sql.ts(key.createdAt())).param("name", key.name())
                .param("prefix", key.prefix()).param("hash", secretHash).param("scopes", Permissions.codes(key.scopes()))
                .param("by", key.createdBy()).param("expires", Sql.ts(key.expiresAt()))
                .update();
    }

    /** A usable key with the role its creator holds now. */
    public record ActiveKey(ApiKeyRow key, RoleRef creatorRole) {}

    /**
     * The usable key with this secret in a shop that is not deleted, whose creator is still a member (a key dies with
     * its creator's membership), with the creator's current role.
     */
    public Optional<ActiveKey> findActive(UUID tenant, byte[] secretHash, Instant now) {
        return jdbc.sql("""
                        select k.*, m.builtin_role, m.custom_role_id, r.key as custom_key, r.permissions as custom_permissions
                        from api_keys k
                        join shops s on s.id = k.tenant_id
                        join memberships m on m.tenant_id = k.tenant_id and m.account_id = k.created_by
                        left join shop_roles r on r.tenant_id = m.tenant_id and r.id = m.custom_role_id
                        where k.tenant_id = :tenant and k.secret_hash = :hash and s.status <> 'deleted'
                          and k.revoked_at is null and (k.expires_at is null or k.expires_at > :now)""")
                .param("tenant", tenant).param("hash", secretHash).param("now", Sql.ts(now))
                .query((rs, n) -> new ActiveKey(row(rs, n), RoleRef.read(rs))).optional();
    }

    /** Revokes every active key the account created; returns them (for the audit log). */
    public List<ApiKeyRow> revokeCreatedBy(UUID tenant, UUID accountId, Instant at) {
        return jdbc.sql("update api_keys set revoked_at = :at where tenant_id = :tenant and created_by = :account "
                        + "and revoked_at is null returning *")
                .param("tenant", tenant).param("account", accountId).param("at", Sql.ts(at))
                .query(ApiKeyRepository::row).list();
    }

    public Optional<ApiKeyRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from api_keys where tenant_id = :tenant and id = :id").param("tenant", tenant).param("id", id)
                .query(ApiKeyRepository::row).optional();
    }

    public List<ApiKeyRow> list(UUID tenant, @Nullable UUID afterId, int limit) {
        return jdbc.sql("select * from api_keys where tenant_id = :tenant and revoked_at is null "
                        + "and (cast(:after as uuid) is null or id > :after) order by id limit :limit")
                .param("tenant", tenant).param("after", afterId).param("limit", limit)
                .query(ApiKeyRepository::row).list();
    }

    public int countActive(UUID tenant, Instant now) {
        return jdbc.sql("select count(*) from api_keys where tenant_id = :tenant and " + ACTIVE)
                .param("tenant", tenant).param("now", Sql.ts(now)).query(Integer.class).single();
    }

    public boolean revoke(UUID tenant, UUID id, Instant at) {
        return jdbc.sql("update api_keys set revoked_at = :at where tenant_id = :tenant and id = :id and revoked_at is null")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at)).update() == 1;
    }

    /** How stale {@code last_used_at} may get: authentication writes at most once per this per key. */
    public static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** Records use; the condition keeps concurrent requests from writing more than once per interval. */
    public void touch(UUID tenant, UUID id, Instant at) {
        jdbc.sql("update api_keys set last_used_at = :at where tenant_id = :tenant and id = :id "
                        + "and (last_used_at is null or last_used_at < :stale)")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at)).param("stale", Sql.ts(at.minus(TOUCH_INTERVAL)))
                .update();
    }

    static ApiKeyRow row(ResultSet rs, int n) throws SQLException {
        return new ApiKeyRow(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("prefix"),
                Permissions.fromArray(rs.getArray("scopes")), rs.getObject("created_by", UUID.class),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"), Sql.instant(rs, "last_used_at"),
                Sql.instant(rs, "revoked_at"));
    }
}
