package dev.bazaar.catalog.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The current tenant's category tree. Positions among siblings are 0..n-1; a move closes the gap it leaves and opens
 * the one it fills (the unique position constraint is checked at commit, so shifting is safe). Tree writes take the
 * tenant's tree lock first ({@link #lockTree}), so concurrent moves cannot build a cycle or collide on positions.
 */
@Repository
public class CategoryRepository {

    /** A shop has at most this many categories, nested at most {@link #MAX_DEPTH} deep. */
    public static final int MAX_CATEGORIES = 5_000;
    public static final int MAX_DEPTH = 10;

    private final JdbcClient jdbc;

    CategoryRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record CategoryRow(UUID id, long version, Instant createdAt, Instant updatedAt, @Nullable UUID parentId,
                              String handle, String name, String descriptionHtml, int position) {}

    public void lockTree(UUID tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "catalog.categories:" + tenant)
                .query().singleRow();
    }

    public void insert(UUID tenant, CategoryRow row) {
        jdbc.sql("""
                        insert into categories (tenant_id, id, version, created_at, updated_at, parent_id, handle, name,
                                                description_html, position)
                        values (:tenant, :id, 0, :at, :at, :parent, :handle, :name, :description, :position)""")
                .param("tenant", tenant).param("id", row.id()).param("at", Sql.ts(row.createdAt()))
                .param("parent", row.parentId()).param("handle", row.handle()).param("name", row.name())
                .param("description", row.descriptionHtml()).param("position", row.position())
                .update();
    }

    /** Writes every field, if the version is still {@code expectedVersion}; bumps the version. */
    public boolean update(UUID tenant, CategoryRow row, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update categories set parent_id = :parent, handle = :handle, name = :name,
                                              description_html = :description, position = :position,
                                              version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", row.id()).param("version", expectedVersion).param("at", Sql.ts(at))
                .param("parent", row.parentId()).param("handle", row.handle()).param("name", row.name())
                .param("description", row.descriptionHtml()).param("position", row.position())
                .update() == 1;
    }

    /**
     * Moves the siblings under {@code parent} at or after {@code from}, other than {@code moving}, by {@code delta}
     * (+1 opens a gap, -1 closes one).
     */
    public void shift(UUID tenant, @Nullable UUID parent, int from, int delta, UUID moving) {
        // A new version too: a sibling's position is part of what its ETag stands for.
        jdbc.sql("""
                        update categories set position = position + :delta, version = version + 1
                        where tenant_id = :tenant and parent_id is not distinct from :parent and position >= :from
                          and id <> :moving""")
                .param("tenant", tenant).param("parent", parent).param("from", from).param("delta", delta)
                .param("moving", moving).update();
    }

    public int countChildren(UUID tenant, @Nullable UUID parent) {
        return jdbc.sql("select count(*) from categories where tenant_id = :tenant and parent_id is not distinct from :parent")
                .param("tenant", tenant).param("parent", parent).query(Integer.class).single();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from categories where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    public boolean delete(UUID tenant, UUID id, long expectedVersion) {
        return jdbc.sql("delete from categories where tenant_id = :tenant and id = :id and version = :version")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).update() == 1;
    }

    public Optional<CategoryRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from categories where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(CategoryRepository::row).optional();
    }

    public Optional<CategoryRow> findByHandle(UUID tenant, String handle) {
        return jdbc.sql("select * from categories where tenant_id = :tenant and handle = :handle")
                .param("tenant", tenant).param("handle", handle).query(CategoryRepository::row).optional();
    }

    /** The whole tree in display order (parents before children, siblings by position); bounded by MAX_CATEGORIES. */
    public List<CategoryRow> all(UUID tenant) {
        return jdbc.sql("select * from categories where tenant_id = :tenant order by parent_id nulls first, position limit "
                        + MAX_CATEGORIES)
                .param("tenant", tenant).query(CategoryRepository::row).list();
    }

    /** The categories directly below {@code parent}, by position. */
    public List<CategoryRow> children(UUID tenant, UUID parent) {
        return jdbc.sql("select * from categories where tenant_id = :tenant and parent_id = :parent order by position limit "
                        + MAX_CATEGORIES)
                .param("tenant", tenant).param("parent", parent).query(CategoryRepository::row).list();
    }

    /**
     * The given categories and all their ancestors, in one query (for category paths of a page of products; at most
     * MAX_DEPTH levels each).
     */
    public List<CategoryRow> withAncestors(UUID tenant, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        with recursive up as (
                            select * from categories where tenant_id = :tenant and id = any(:ids)
                            union
                            select c.* from categories c join up on c.tenant_id = up.tenant_id and c.id = up.parent_id
                        )
                        select * from up""")
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new)).query(CategoryRepository::row).list();
    }

    /** The ids from the root down to {@code id} (inclusive). */
    public List<UUID> path(UUID tenant, UUID id) {
        return jdbc.sql("""
                        with recursive up as (
                            select id, parent_id, 0 as depth from categories where tenant_id = :tenant and id = :id
                            union all
                            select c.id, c.parent_id, up.depth + 1 from categories c
                            join up on c.tenant_id = :tenant and c.id = up.parent_id
                            where up.depth < 100
                        )
                        select id from up order by depth desc""")
                .param("tenant", tenant).param("id", id).query(UUID.class).list();
    }

    /** How many levels lie below {@code id} (0 for a leaf). */
    public int height(UUID tenant, UUID id) {
        return jdbc.sql("""
                        with recursive down as (
                            select id, 0 as depth from categories where tenant_id = :tenant and id = :id
                            union all
                            select c.id, down.depth + 1 from categories c
                            join down on c.tenant_id = :tenant and c.parent_id = down.id
                            where down.depth < 100
                        )
                        select max(depth) from down""")
                .param("tenant", tenant).param("id", id).query(Integer.class).single();
    }

    public List<String> handlesLike(UUID tenant, String base) {
        return TenantHandles.like(jdbc, "categories", tenant, base);
    }

    static CategoryRow row(ResultSet rs, int n) throws SQLException {
        return new CategoryRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getObject("parent_id", UUID.class), rs.getString("handle"),
                rs.getString("name"), rs.getString("description_html"), rs.getInt("position"));
    }
}
