package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Memberships of accounts in shops, each with exactly one role. */
@Repository
public class MembershipRepository {

    private static final String SELECT = "select m.id, m.version, m.account_id, m.builtin_role, m.custom_role_id, "
            + "r.key as custom_key, r.permissions as custom_permissions, m.created_at, m.updated_at from memberships m "
            + "left join shop_roles r on r.tenant_id = m.tenant_id and r.id = m.custom_role_id ";

    private final JdbcClient jdbc;

    MembershipRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record MemberRow(UUID id, long version, UUID accountId, RoleRef role, Instant createdAt, Instant updatedAt) {}

    public void insert(UUID tenant, UUID id, UUID accountId, RoleRef role, Instant at) {
        jdbc.sql("""
                        insert into memberships (tenant_id, id, version, created_at, updated_at, account_id, builtin_role, custom_role_id)
                        values (:tenant, :id, 0, :at, :at, :account, :builtin, :custom)""")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at)).param("account", accountId)
                .param("builtin", role.builtIn() == null ? null : role.builtIn().key()).param("custom", role.customId())
                .update();
    }

    public Optional<MemberRow> find(UUID tenant, UUID id) {
        return jdbc.sql(SELECT + "where m.tenant_id = :tenant and m.id = :id").param("tenant", tenant).param("id", id)
                .query(MembershipRepository::row).optional();
    }

    public Optional<MemberRow> findByAccount(UUID tenant, UUID accountId) {
        return jdbc.sql(SELECT + "where m.tenant_id = :tenant and m.account_id = :account").param("tenant", tenant)
                .param("account", accountId).query(MembershipRepository::row).optional();
    }

    public List<MemberRow> list(UUID tenant, @Nullable UUID afterId, int limit) {
        return jdbc.sql(SELECT + "where m.tenant_id = :tenant and (cast(:after as uuid) is null or m.id > :after) order by m.id limit :limit")
                .param("tenant", tenant).param("after", afterId).param("limit", limit)
                .query(MembershipRepository::row).list();
    }

    /**
     * The accounts whose built-in role is one of {@code builtInRoles} or whose custom role holds {@code permission}
     * (when not null), by account id, at most {@code limit}.
     */
    public List<UUID> accountsHolding(UUID tenant, List<String> builtInRoles, @Nullable String permission, int limit) {
        return jdbc.sql("""
                        select m.account_id from memberships m
                        left join shop_roles r on r.tenant_id = m.tenant_id and r.id = m.custom_role_id
                        where m.tenant_id = :tenant
                          and (m.builtin_role = any(:roles) or (cast(:permission as text) is not null and :permission = any(r.permissions)))
                        order by m.account_id limit :limit""")
                .param("tenant", tenant).param("roles", builtInRoles.toArray(String[]::new)).param("permission", permission)
                .param("limit", limit).query(UUID.class).list();
    }

    public boolean updateRole(UUID tenant, UUID id, RoleRef role, Instant at) {
        return jdbc.sql("""
                        update memberships set builtin_role = :builtin, custom_role_id = :custom, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at))
                .param("builtin", role.builtIn() == null ? null : role.builtIn().key()).param("custom", role.customId())
                .update() == 1;
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from memberships where tenant_id = :tenant and id = :id").param("tenant", tenant).param("id", id).update();
    }

    /** The shops an account is a member of (system scope). */
    public List<UUID> tenantsOf(UUID accountId) {
        return jdbc.sql("select tenant_id from memberships where account_id = :account order by tenant_id")
                .param("account", accountId).query(UUID.class).list();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from memberships where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    public int countOwners(UUID tenant) {
        return jdbc.sql("select count(*) from memberships where tenant_id = :tenant and builtin_role = 'owner'")
                .param("tenant", tenant).query(Integer.class).single();
    }

    public int countWithRole(UUID tenant, UUID customRoleId) {
        return jdbc.sql("select count(*) from memberships where tenant_id = :tenant and custom_role_id = :role")
                .param("tenant", tenant).param("role", customRoleId).query(Integer.class).single();
    }

    static MemberRow row(ResultSet rs, int n) throws SQLException {
        RoleRef role = RoleRef.read(rs);
        return new MemberRow(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getObject("account_id", UUID.class),
                role, Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
