package dev.bazaar.tenancy.domain;

import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.security.Permission;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** A shop's custom roles (the built-in ones are {@link BuiltInRole}). */
@Repository
public class RoleRepository {

    private final JdbcClient jdbc;

    RoleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record RoleRow(UUID id, long version, String key, String name, @Nullable String description,
                          Set<Permission> permissions, Instant createdAt, Instant updatedAt) {

        public RoleRef ref() {
            return new RoleRef(key, null, id, permissions);
        }
    }

    public void insert(UUID tenant, RoleRow role) {
        jdbc.sql("""
                        insert into shop_roles (tenant_id, id, version, created_at, updated_at, key, name, description, permissions)
                        values (:tenant, :id, 0, :at, :at, :key, :name, :description, :permissions)""")
                .param("tenant", tenant).param("id", role.id()).param("at", Sql.ts(role.createdAt()))
                .param("key", role.key()).param("name", role.name()).param("description", role.description())
                .param("permissions", Permissions.codes(role.permissions()))
                .update();
    }

    /** By key, or by id when the reference is a UUID. */
    public Optional<RoleRow> find(UUID tenant, String reference) {
        UUID id = Ids.parse(reference).orElse(null);
        return jdbc.sql("select * from shop_roles where tenant_id = :tenant and " + (id != null ? "id = :id" : "key = :key"))
                .param("tenant", tenant).param("id", id).param("key", reference)
                .query(RoleRepository::row).optional();
    }

    public List<RoleRow> list(UUID tenant) {
        return jdbc.sql("select * from shop_roles where tenant_id = :tenant order by key limit 200").param("tenant", tenant)
                .query(RoleRepository::row).list();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from shop_roles where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    public boolean update(UUID tenant, UUID id, long version, String name, @Nullable String description,
                          Set<Permission> permissions, Instant at) {
        return jdbc.sql("""
                        update shop_roles set name = :name, description = :description, permissions = :permissions,
                                              version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", id).param("version", version).param("name", name)
                .param("description", description).param("permissions", Permissions.codes(permissions))
                .param("at", Sql.ts(at))
                .update() == 1;
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from shop_roles where tenant_id = :tenant and id = :id").param("tenant", tenant).param("id", id).update();
    }

    static RoleRow row(ResultSet rs, int n) throws SQLException {
        return new RoleRow(rs.getObject("id", UUID.class), rs.getLong("version"), rs.getString("key"), rs.getString("name"),
                rs.getString("description"), Permissions.fromArray(rs.getArray("permissions")),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
