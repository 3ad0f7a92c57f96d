package dev.bazaar.catalog.domain;

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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The current tenant's collections and the ordered products of the manual ones. */
@Repository
public class CollectionRepository {

    public static final int MAX_COLLECTIONS = 1_000;
    public static final int MAX_PRODUCTS = 5_000;

    private final JdbcClient jdbc;
    private final JsonMapper json;

    CollectionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * One rule of an automatic collection: {@code field} ({@code tag}, {@code vendor}, {@code product_type},
     * {@code title}, {@code price}, {@code attribute}), {@code relation} ({@code equals}, {@code not_equals},
     * {@code contains}, {@code starts_with}, {@code greater_than}, {@code less_than}), the value as text, and for
     * {@code attribute} the attribute's handle.
     */
    public record Rule(String field, String relation, String value, @Nullable String attribute) {}

    public record CollectionRow(UUID id, long version, Instant createdAt, Instant updatedAt, String handle, String title,
                                String descriptionHtml, String kind, String match, List<Rule> rules) {

        public CollectionRow {
            rules = List.copyOf(rules);
        }
    }

    public void insert(UUID tenant, CollectionRow row) {
        jdbc.sql("""
                        insert into collections (tenant_id, id, version, created_at, updated_at, handle, title,
                                                 description_html, kind, match, rules)
                        values (:tenant, :id, 0, :at, :at, :handle, :title, :description, :kind, :match,
                                cast(:rules as jsonb))""")
                .param("tenant", tenant).param("id", row.id()).param("at", Sql.ts(row.createdAt()))
                .param("handle", row.handle()).param("title", row.title()).param("description", row.descriptionHtml())
                .param("kind", row.kind()).param("match", row.match()).param("rules", json.writeValueAsString(row.rules()))
                .update();
    }

    public boolean update(UUID tenant, CollectionRow row, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update collections set handle = :handle, title = :title, description_html = :description,
                                               match = :match, rules = cast(:rules as jsonb), version = version + 1,
                                               updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", row.id()).param("version", expectedVersion).param("at", Sql.ts(at))
                .param("handle", row.handle()).param("title", row.title()).param("description", row.descriptionHtml())
                .param("match", row.match()).param("rules", json.writeValueAsString(row.rules()))
                .update() == 1;
    }

    public boolean delete(UUID tenant, UUID id, long expectedVersion) {
        return jdbc.sql("delete from collections where tenant_id = :tenant and id = :id and version = :version")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).update() == 1;
    }

    public Optional<CollectionRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from collections where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(this::row).optional();
    }

    public Optional<CollectionRow> findByHandle(UUID tenant, String handle) {
        return jdbc.sql("select * from collections where tenant_id = :tenant and handle = :handle")
                .param("tenant", tenant).param("handle", handle).query(this::row).optional();
    }

    public List<CollectionRow> list(UUID tenant, @Nullable String afterHandle, int limit) {
        return jdbc.sql("""
                        select * from collections where tenant_id = :tenant
                          and (cast(:after as text) is null or handle > :after)
                        order by handle limit :limit""")
                .param("tenant", tenant).param("after", afterHandle).param("limit", limit).query(this::row).list();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from collections where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    /** Replaces the manual collection's products with {@code productIds}, in that order. */
    public void replaceProducts(UUID tenant, UUID collection, List<UUID> productIds) {
        jdbc.sql("delete from collection_products where tenant_id = :tenant and collection_id = :collection")
                .param("tenant", tenant).param("collection", collection).update();
        if (productIds.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into collection_products (tenant_id, collection_id, product_id, position)
                        select :tenant, :collection, product_id, cast(position - 1 as integer)
                        from unnest(cast(:products as uuid[])) with ordinality as given (product_id, position)""")
                .param("tenant", tenant).param("collection", collection).param("products", productIds.toArray(UUID[]::new))
                .update();
    }

    public List<UUID> productIds(UUID tenant, UUID collection) {
        return jdbc.sql("""
                        select product_id from collection_products where tenant_id = :tenant and collection_id = :collection
                        order by position""" + " limit " + MAX_PRODUCTS)
                .param("tenant", tenant).param("collection", collection).query(UUID.class).list();
    }

    /** The collection's products that are active (what the public may know of), in order. */
    public List<UUID> activeProductIds(UUID tenant, UUID collection) {
        return jdbc.sql("""
                        select cp.product_id from collection_products cp
                        join products p on p.tenant_id = cp.tenant_id and p.id = cp.product_id and p.status = 'active'
                        where cp.tenant_id = :tenant and cp.collection_id = :collection
                        order by cp.position""" + " limit " + MAX_PRODUCTS)
                .param("tenant", tenant).param("collection", collection).query(UUID.class).list();
    }

    public List<String> handlesLike(UUID tenant, String base) {
        return TenantHandles.like(jdbc, "collections", tenant, base);
    }

    private CollectionRow row(ResultSet rs, int n) throws SQLException {
        return new CollectionRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("handle"), rs.getString("title"),
                rs.getString("description_html"), rs.getString("kind"), rs.getString("match"),
                json.readValue(rs.getString("rules"), new TypeReference<List<Rule>>() {}));
    }
}
