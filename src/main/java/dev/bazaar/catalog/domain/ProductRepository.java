package dev.bazaar.catalog.domain;

import dev.bazaar.platform.persistence.Sql;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Products of the current tenant (every query names the tenant; row-level security backs it up). */
@Repository
public class ProductRepository {

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ProductRow(UUID id, long version, Instant createdAt, Instant updatedAt, String handle, String title,
                             String descriptionHtml, String status, @Nullable String vendor, @Nullable String productType,
                             List<String> tags, @Nullable String seoTitle, @Nullable String seoDescription,
                             List<String> optionNames, long priceMin, String currency) {

        public ProductRow {
            tags = List.copyOf(tags);
            optionNames = List.copyOf(optionNames);
        }
    }

    /** The list's sort orders (an allow-list: the SQL comes from here, never from the request). */
    public enum Sort {
        NEWEST("created_at desc, id desc", "(created_at, id) < (:cursor_time, :cursor_id)"),
        OLDEST("created_at, id", "(created_at, id) > (:cursor_time, :cursor_id)"),
        TITLE("lower(title), id", "(lower(title), id) > (lower(:cursor_text), :cursor_id)"),
        TITLE_DESC("lower(title) desc, id desc", "(lower(title), id) < (lower(:cursor_text), :cursor_id)"),
        PRICE("price_min, id", "(price_min, id) > (:cursor_number, :cursor_id)"),
        PRICE_DESC("price_min desc, id desc", "(price_min, id) < (:cursor_number, :cursor_id)");

        private final String orderBy;
        private final String after;

        Sort(String orderBy, String after) {
            this.orderBy = orderBy;
            this.after = after;
        }

        /** The value of {@code product} this order keys on, as the cursor stores it. */
        public String cursorValue(ProductRow product) {
            return switch (this) {
                case NEWEST, OLDEST -> Long.toString(Sql.micros(product.createdAt()));
                // The title itself: the database lower-cases both sides alike.
                case TITLE, TITLE_DESC -> product.title();
                case PRICE, PRICE_DESC -> Long.toString(product.priceMin());
            };
        }
    }

    /** What a list asks for; null fields do not filter. A cursor is the sort value and the id of the last row. */
    public record Filter(List<String> statuses, @Nullable String tag, @Nullable String vendor, @Nullable String productType,
                         @Nullable Long priceMin, @Nullable Long priceMax) {}

    public record Cursor(String value, UUID id) {}

    public void insert(UUID tenant, ProductRow product) {
        jdbc.sql("""
                        insert into products (tenant_id, id, version, created_at, updated_at, handle, title, description_html,
                                              status, vendor, product_type, tags, seo_title, seo_description, option_names,
                                              price_min, currency)
                        values (:tenant, :id, 0, :at, :at, :handle, :title, :description, :status, :vendor, :type, :tags,
                                :seoTitle, :seoDescription, :options, :priceMin, :currency)""")
                .param("tenant", tenant).param("id", product.id()).param("at", Sql.ts(product.createdAt()))
                .params(fields(product)).param("currency", product.currency())
                .update();
    }

    /** Writes the product's own fields if its version is still {@code expectedVersion}; bumps the version. */
    public boolean update(UUID tenant, ProductRow product, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update products set handle = :handle, title = :title, description_html = :description,
                                            status = :status, vendor = :vendor, product_type = :type, tags = :tags,
                                            seo_title = :seoTitle, seo_description = :seoDescription,
                                            option_names = :options, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", product.id()).param("version", expectedVersion)
                .param("at", Sql.ts(at)).params(fields(product))
                .update() == 1;
    }

    private static Map<String, Object> fields(ProductRow product) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("handle", product.handle());
        fields.put("title", product.title());
        fields.put("description", product.descriptionHtml());
        fields.put("status", product.status());
        fields.put("vendor", product.vendor());
        fields.put("type", product.productType());
        fields.put("tags", product.tags().toArray(String[]::new));
        fields.put("seoTitle", product.seoTitle());
        fields.put("seoDescription", product.seoDescription());
        fields.put("options", product.optionNames().toArray(String[]::new));
        fields.put("priceMin", product.priceMin());
        return fields;
    }

    /**
     * After a change to its variants or media: a new version (so the product's ETag changes) and the lowest price
     * again; false if the version was not {@code expectedVersion} (null: any).
     */
    public boolean touch(UUID tenant, UUID id, @Nullable Long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update products set version = version + 1, updated_at = :at,
                               price_min = coalesce((select min(v.price_amount) from product_variants v
                                                     where v.tenant_id = :tenant and v.product_id = :id), 0)
                        where tenant_id = :tenant and id = :id and (cast(:version as bigint) is null or version = :version)""")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).param("at", Sql.ts(at))
                .update() == 1;
    }

    public boolean delete(UUID tenant, UUID id, long expectedVersion) {
        return jdbc.sql("delete from products where tenant_id = :tenant and id = :id and version = :version")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).update() == 1;
    }

    public Optional<ProductRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from products where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(ProductRepository::row).optional();
    }

    public Optional<ProductRow> findByHandle(UUID tenant, String handle) {
        return jdbc.sql("select * from products where tenant_id = :tenant and handle = :handle")
                .param("tenant", tenant).param("handle", handle).query(ProductRepository::row).optional();
    }

    /** Handles equal to {@code base} or {@code base-<n>}: to find a free one. */
    public List<String> handlesLike(UUID tenant, String base) {
        return jdbc.sql("select handle from products where tenant_id = :tenant and (handle = :base or handle like :prefix) "
                        + "limit 1000")
                .param("tenant", tenant).param("base", base).param("prefix", base.replace("_", "\\_") + "-%")
                .query(String.class).list();
    }

    public int count(UUID tenant) {
        return jdbc.sql("select count(*) from products where tenant_id = :tenant").param("tenant", tenant)
                .query(Integer.class).single();
    }

    /** Serialises product creation within a tenant, so that the plan's product limit holds under concurrency. */
    public void lockCreation(UUID tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "catalog.products:" + tenant)
                .query().singleRow();
    }

    public List<ProductRow> list(UUID tenant, Filter filter, Sort sort, @Nullable Cursor after, int limit) {
        StringBuilder sql = new StringBuilder("select * from products where tenant_id = :tenant and status = any(:statuses)");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant);
        params.put("statuses", filter.statuses().toArray(String[]::new));
        if (filter.tag() != null) {
            sql.append(" and tags @> array[cast(:tag as text)]");
            params.put("tag", filter.tag());
        }
        if (filter.vendor() != null) {
            sql.append(" and vendor = :vendor");
            params.put("vendor", filter.vendor());
        }
        if (filter.productType() != null) {
            sql.append(" and product_type = :type");
            params.put("type", filter.productType());
        }
        if (filter.priceMin() != null || filter.priceMax() != null) {
            // Any variant in the range, not only the cheapest.
            sql.append(" and exists (select 1 from product_variants v where v.tenant_id = products.tenant_id "
                    + "and v.product_id = products.id");
            if (filter.priceMin() != null) {
                sql.append(" and v.price_amount >= :priceMin");
                params.put("priceMin", filter.priceMin());
            }
            if (filter.priceMax() != null) {
                sql.append(" and v.price_amount <= :priceMax");
                params.put("priceMax", filter.priceMax());
            }
            sql.append(")");
        }
        if (after != null) {
            sql.append(" and ").append(sort.after);
            params.put("cursor_id", after.id());
            switch (sort) {
                case NEWEST, OLDEST -> params.put("cursor_time", Sql.fromMicros(Long.parseLong(after.value())));
                case TITLE, TITLE_DESC -> params.put("cursor_text", after.value());
                case PRICE, PRICE_DESC -> params.put("cursor_number", Long.parseLong(after.value()));
            }
        }
        sql.append(" order by ").append(sort.orderBy).append(" limit :limit");
        params.put("limit", limit);
        return jdbc.sql(sql.toString()).params(params).query(ProductRepository::row).list();
    }

    static ProductRow row(ResultSet rs, int n) throws SQLException {
        return new ProductRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("handle"), rs.getString("title"), rs.getString("description_html"),
                rs.getString("status"), rs.getString("vendor"), rs.getString("product_type"), strings(rs.getArray("tags")),
                rs.getString("seo_title"), rs.getString("seo_description"), strings(rs.getArray("option_names")),
                rs.getLong("price_min"), rs.getString("currency"));
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
