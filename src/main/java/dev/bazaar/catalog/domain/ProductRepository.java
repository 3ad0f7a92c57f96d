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
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Products of the current tenant (every query names the tenant; row-level security backs it up). */
@Repository
public class ProductRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ProductRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public record ProductRow(UUID id, long version, Instant createdAt, Instant updatedAt, String handle, String title,
                             String descriptionHtml, String status, @Nullable String vendor, @Nullable String productType,
                             List<String> tags, @Nullable String seoTitle, @Nullable String seoDescription,
                             List<String> optionNames, long priceMin, String currency, Map<String, Object> attributes,
                             @Nullable UUID categoryId, boolean inStock) {

        public ProductRow {
            tags = List.copyOf(tags);
            optionNames = List.copyOf(optionNames);
            attributes = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(attributes));
        }
    }

    /** A search's relevance: full-text rank plus the title's similarity to what was typed. */
    private static final String SEARCH_SCORE = "ts_rank_cd(search_vector, to_tsquery('simple', unaccent(:tsquery))) "
            + "+ word_similarity(lower(unaccent(:query)), search_title)";

    /** The list's sort orders (an allow-list: the SQL comes from here, never from the request). */
    public enum Sort {
        NEWEST("created_at desc, id desc", "(created_at, id) < (:cursor_time, :cursor_id)"),
        OLDEST("created_at, id", "(created_at, id) > (:cursor_time, :cursor_id)"),
        TITLE("lower(title), id", "(lower(title), id) > (lower(:cursor_text), :cursor_id)"),
        TITLE_DESC("lower(title) desc, id desc", "(lower(title), id) < (lower(:cursor_text), :cursor_id)"),
        PRICE("price_min, id", "(price_min, id) > (:cursor_number, :cursor_id)"),
        PRICE_DESC("price_min desc, id desc", "(price_min, id) < (:cursor_number, :cursor_id)"),
        /** Relevance to the search (full-text rank plus title similarity); paginated by position, not keyset. */
        BEST_MATCH(SEARCH_SCORE + " desc, id", ""),
        /** A manual collection's own order; paginated by position. */
        MANUAL("(select cp.position from collection_products cp where cp.tenant_id = products.tenant_id "
                + "and cp.collection_id = :collection and cp.product_id = products.id), id", "");

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
                case BEST_MATCH, MANUAL -> throw new IllegalStateException(this + " pages by position");
            };
        }

        /** Whether pages go by position ("@40") rather than by keyset. */
        public boolean byPosition() {
            return this == BEST_MATCH || this == MANUAL;
        }
    }

    /**
     * What a list asks for; null fields do not filter. {@code tsquery} is the search as prefix terms ("org:* & tee:*"),
     * {@code query} the search as typed (for the typo-tolerant title match); both or neither.
     */
    public record Filter(List<String> statuses, @Nullable String tag, @Nullable String vendor, @Nullable String productType,
                         @Nullable Long priceMin, @Nullable Long priceMax, @Nullable String tsquery, @Nullable String query,
                         @Nullable UUID category, @Nullable CollectionFilter collection, List<AttributeFilter> attributes,
                         @Nullable Boolean inStock) {

        public Filter {
            attributes = List.copyOf(attributes);
        }
    }

    /** Products of a collection: the listed ones of a manual collection, or those matching an automatic one's rules. */
    public record CollectionFilter(UUID id, boolean manual, boolean matchAll, List<CollectionRepository.Rule> rules) {}

    /**
     * An attribute condition: the value is any of {@code values} (JSON scalars: strings, numbers, booleans), or,
     * for a number attribute, within {@code [min, max]} (either may be open).
     */
    public record AttributeFilter(String handle, List<Object> values, java.math.@Nullable BigDecimal min,
                                  java.math.@Nullable BigDecimal max) {}

    /** One value of a facet with how many products of the filtered set have it. */
    public record FacetValue(String value, long count) {}

    /** Price buckets of the price facet, in minor units: [0, 1000), [1000, 2500), … [50000, ∞). */
    public static final List<Long> PRICE_BUCKETS = List.of(0L, 1_000L, 2_500L, 5_000L, 10_000L, 25_000L, 50_000L);

    public record Cursor(String value, UUID id) {}

    public void insert(UUID tenant, ProductRow product) {
        jdbc.sql("""
                        insert into products (tenant_id, id, version, created_at, updated_at, handle, title, description_html,
                                              status, vendor, product_type, tags, seo_title, seo_description, option_names,
                                              price_min, currency, attributes, category_id, in_stock)
                        values (:tenant, :id, 0, :at, :at, :handle, :title, :description, :status, :vendor, :type, :tags,
                                :seoTitle, :seoDescription, :options, :priceMin, :currency, cast(:attributes as jsonb),
                                :category, :inStock)""")
                .param("tenant", tenant).param("id", product.id()).param("at", Sql.ts(product.createdAt()))
                .params(fields(product)).param("currency", product.currency()).param("inStock", product.inStock())
                .update();
    }

    /** Writes the product's own fields if its version is still {@code expectedVersion}; bumps the version. */
    public boolean update(UUID tenant, ProductRow product, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update products set handle = :handle, title = :title, description_html = :description,
                                            status = :status, vendor = :vendor, product_type = :type, tags = :tags,
                                            seo_title = :seoTitle, seo_description = :seoDescription,
                                            option_names = :options, attributes = cast(:attributes as jsonb),
                                            category_id = :category, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", product.id()).param("version", expectedVersion)
                .param("at", Sql.ts(at)).params(fields(product))
                .update() == 1;
    }

    private Map<String, Object> fields(ProductRow product) {
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
        fields.put("attributes", json.writeValueAsString(product.attributes()));
        fields.put("category", product.categoryId());
        return fields;
    }

    /** Sets the in-stock flag; true if it changed. The caller holds the product's row lock ({@link #lockForStock}). */
    public boolean setInStock(UUID tenant, UUID id, boolean inStock) {
        return jdbc.sql("update products set in_stock = :inStock where tenant_id = :tenant and id = :id and in_stock <> :inStock")
                .param("tenant", tenant).param("id", id).param("inStock", inStock).update() == 1;
    }

    /**
     * Locks the products (in id order, so that concurrent callers cannot deadlock) before their stock is read: whoever
     * recomputes the in-stock flag next waits for this transaction and then sees its stock.
     */
    public List<UUID> lockForStock(UUID tenant, java.util.Collection<UUID> ids) {
        return jdbc.sql("select id from products where tenant_id = :tenant and id = any(:ids) order by id for no key update")
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new)).query(UUID.class).list();
    }

    /** Removes an attribute from every product that has it (a new version for each). */
    public int removeAttribute(UUID tenant, String handle, Instant at) {
        return jdbc.sql("""
                        update products set attributes = attributes - cast(:handle as text), version = version + 1,
                                            updated_at = :at
                        where tenant_id = :tenant and attributes -> cast(:handle as text) is not null""")
                .param("tenant", tenant).param("handle", handle).param("at", Sql.ts(at)).update();
    }

    /**
     * After a change to its variants: a new version (so the product's ETag changes) and the lowest price again; false
     * if the version was not {@code expectedVersion}.
     */
    public boolean touch(UUID tenant, UUID id, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update products set version = version + 1, updated_at = :at,
                               price_min = coalesce((select min(v.price_amount) from product_variants v
                                                     where v.tenant_id = :tenant and v.product_id = :id), 0)
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).param("at", Sql.ts(at))
                .update() == 1;
    }

    public boolean delete(UUID tenant, UUID id, long expectedVersion) {
        return jdbc.sql("delete from products where tenant_id = :tenant and id = :id and version = :version")
                .param("tenant", tenant).param("id", id).param("version", expectedVersion).update() == 1;
    }

    public Optional<ProductRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from products where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(this::row).optional();
    }

    public Optional<ProductRow> findByHandle(UUID tenant, String handle) {
        return jdbc.sql("select * from products where tenant_id = :tenant and handle = :handle")
                .param("tenant", tenant).param("handle", handle).query(this::row).optional();
    }

    /** Handles equal to {@code base} or {@code base-<n>}: to find a free one. */
    public List<String> handlesLike(UUID tenant, String base) {
        return TenantHandles.like(jdbc, "products", tenant, base);
    }

    /** How many of {@code ids} are products of the tenant. */
    public int countExisting(UUID tenant, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("select count(*) from products where tenant_id = :tenant and id = any(:ids)")
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new)).query(Integer.class).single();
    }

    /** The tenant's products, from the count a trigger keeps (no scan). */
    public int count(UUID tenant) {
        return jdbc.sql("select coalesce((select products from catalog_counts where tenant_id = :tenant), 0)")
                .param("tenant", tenant).query(Integer.class).single();
    }

    /** Serialises product creation within a tenant, so that the plan's product limit holds under concurrency. */
    public void lockCreation(UUID tenant) {
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended(:key, 0))").param("key", "catalog.products:" + tenant)
                .query().singleRow();
    }

    public List<ProductRow> list(UUID tenant, Filter filter, Sort sort, @Nullable Cursor after, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select * from products where ").append(where(tenant, filter, params));
        if (after != null && !sort.byPosition()) {
            sql.append(" and ").append(sort.after);
            params.put("cursor_id", after.id());
            switch (sort) {
                case NEWEST, OLDEST -> params.put("cursor_time", Sql.fromMicros(Long.parseLong(after.value())));
                case TITLE, TITLE_DESC -> params.put("cursor_text", after.value());
                case PRICE, PRICE_DESC -> params.put("cursor_number", Long.parseLong(after.value()));
                case BEST_MATCH, MANUAL -> { }
            }
        }
        sql.append(" order by ").append(sort.orderBy).append(" limit :limit offset :offset");
        params.put("limit", limit);
        params.put("offset", offset);
        return jdbc.sql(sql.toString()).params(params).query(this::row).list();
    }

    /**
     * Counts per value of each requested facet ({@code vendor}, {@code product_type}, {@code tag}: the 50 most
     * frequent; {@code price}: per bucket of the lowest price, empty buckets left out; {@code category}: per category
     * handle the products are in; {@code attribute.<handle>}: per value of that attribute, the 50 most frequent) over
     * the filtered set, in one query that filters once.
     */
    public Map<String, List<FacetValue>> facets(UUID tenant, Filter filter, java.util.Collection<String> names) {
        return matches(tenant, filter, names, 0, 0).facets();
    }

    /** The facets of a search and one page of its best matches (ids in order), from one pass over the matches. */
    public record Matches(Map<String, List<FacetValue>> facets, List<UUID> page) {}

    /**
     * {@link #facets} and, when {@code limit} is above 0, the ids of the best matches {@code offset + 1} to
     * {@code offset + limit} of the search ({@link Sort#BEST_MATCH}): a search with facets then finds its matches once,
     * not once for the page and once for the facets.
     */
    public Matches matches(UUID tenant, Filter filter, java.util.Collection<String> names, long offset, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        String where = where(tenant, filter, params);
        boolean page = limit > 0 && filter.tsquery() != null && filter.query() != null;
        params.put("bounds", PRICE_BUCKETS.subList(1, PRICE_BUCKETS.size()).toArray(Long[]::new));
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            parts.add(switch (name) {
                case "vendor" -> "(select 'vendor' as facet, vendor as value, count(*) as count from matched "
                        + "where vendor is not null group by vendor order by 3 desc, 2 limit 50)";
                case "product_type" -> "(select 'product_type', product_type, count(*) from matched "
                        + "where product_type is not null group by product_type order by 3 desc, 2 limit 50)";
                case "tag" -> "(select 'tag', tag, count(*) from matched, unnest(tags) as tag group by tag order by 3 desc, 2 limit 50)";
                case "price" -> "(select 'price', cast(width_bucket(price_min, cast(:bounds as bigint[])) as text), count(*) "
                        + "from matched group by 2 order by 2)";
                case "category" -> "(select 'category', c.handle, count(*) from matched join categories c "
                        + "on c.tenant_id = :tenant and c.id = matched.category_id group by c.handle order by 3 desc, 2 limit 50)";
                default -> {
                    if (!name.startsWith("attribute.")) {
                        throw new IllegalArgumentException(name);
                    }
                    String key = "facet" + parts.size();
                    params.put(key, name.substring("attribute.".length()));
                    yield "(select cast(:" + key + "_name as text), a.value, count(*) from matched, "
                            + "jsonb_each_text(matched.attributes) as a (key, value) where a.key = :" + key
                            + " group by a.value order by 3 desc, 2 limit 50)";
                }
            });
            if (name.startsWith("attribute.")) {
                params.put("facet" + (parts.size() - 1) + "_name", name);
            }
        }
        if (page) {
            parts.add("(select '#page', cast(id as text), ordinal from (select id, row_number() over (order by score desc, id) "
                    + "as ordinal from matched) ranked where ordinal > :pageOffset and ordinal <= :pageOffset + :pageLimit)");
            params.put("pageOffset", offset);
            params.put("pageLimit", limit);
        }
        Map<String, List<FacetValue>> facets = new LinkedHashMap<>();
        names.forEach(name -> facets.put(name, new ArrayList<>()));
        Map<Long, UUID> ranked = new java.util.TreeMap<>();
        if (parts.isEmpty()) {
            return new Matches(facets, List.of());
        }
        jdbc.sql("with matched as materialized (select id, vendor, product_type, tags, price_min, category_id, attributes"
                        + (page ? ", " + SEARCH_SCORE + " as score" : "")
                        + " from products where " + where
                        + ") " + String.join(" union all ", parts))
                .params(params)
                .query(rs -> {
                    String facet = rs.getString(1);
                    if (facet.equals("#page")) {
                        ranked.put(rs.getLong(3), UUID.fromString(rs.getString(2)));
                        return;
                    }
                    String value = facet.equals("price") ? priceLabel(Integer.parseInt(rs.getString(2))) : rs.getString(2);
                    facets.get(facet).add(new FacetValue(value, rs.getLong(3)));
                });
        return new Matches(facets, List.copyOf(ranked.values()));
    }

    /** These products, in the order of {@code ids} (those that exist). */
    public List<ProductRow> findAll(UUID tenant, List<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<UUID, ProductRow> found = new java.util.HashMap<>();
        jdbc.sql("select * from products where tenant_id = :tenant and id = any(:ids)")
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new)).query(this::row).list()
                .forEach(row -> found.put(row.id(), row));
        return ids.stream().map(found::get).filter(java.util.Objects::nonNull).toList();
    }

    private static String priceLabel(int bucket) {
        long from = PRICE_BUCKETS.get(bucket);
        return bucket + 1 < PRICE_BUCKETS.size() ? from + "-" + PRICE_BUCKETS.get(bucket + 1) : from + "-";
    }

    /** The filter as SQL over {@code products} (constant text; every value a bound parameter). */
    private String where(UUID tenant, Filter filter, Map<String, Object> params) {
        // One status (the storefront's) as an equality, so that the (tenant_id, status, created_at) index gives the order.
        StringBuilder sql = new StringBuilder(filter.statuses().size() == 1 ? "tenant_id = :tenant and status = :status"
                : "tenant_id = :tenant and status = any(:statuses)");
        params.put("tenant", tenant);
        params.put("status", filter.statuses().getFirst());
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
        if (filter.category() != null) {
            // The category and everything below it.
            sql.append(" and category_id in (with recursive below as (select id from categories where tenant_id = :tenant "
                    + "and id = :category union all select c.id from categories c join below on c.tenant_id = :tenant "
                    + "and c.parent_id = below.id) select id from below)");
            params.put("category", filter.category());
        }
        if (filter.collection() != null) {
            sql.append(" and ").append(collection(filter.collection(), params));
        }
        for (AttributeFilter attribute : filter.attributes()) {
            sql.append(" and ").append(attribute(attribute, params));
        }
        if (filter.inStock() != null) {
            sql.append(" and in_stock = :inStock");
            params.put("inStock", filter.inStock());
        }
        if (filter.tsquery() != null && filter.query() != null) {
            // Words by prefix, or a title close enough to what was typed (typos).
            sql.append(" and (search_vector @@ to_tsquery('simple', unaccent(:tsquery)) "
                    + "or lower(unaccent(:query)) <% search_title)");
            params.put("tsquery", filter.tsquery());
            params.put("query", filter.query());
        }
        return sql.toString();
    }

    private static String collection(CollectionFilter collection, Map<String, Object> params) {
        params.put("collection", collection.id());
        if (collection.manual()) {
            return "exists (select 1 from collection_products cp where cp.tenant_id = products.tenant_id "
                    + "and cp.collection_id = :collection and cp.product_id = products.id)";
        }
        if (collection.rules().isEmpty()) {
            return "false";
        }
        List<String> conditions = new ArrayList<>();
        for (CollectionRepository.Rule rule : collection.rules()) {
            String key = "rule" + conditions.size();
            conditions.add(rule(rule, key, params));
        }
        return "(" + String.join(collection.matchAll() ? " and " : " or ", conditions) + ")";
    }

    /** One rule as SQL; the rule was validated when saved, the value is always a bound parameter. */
    private static String rule(CollectionRepository.Rule rule, String key, Map<String, Object> params) {
        String column = switch (rule.field()) {
            case "vendor" -> "vendor";
            case "product_type" -> "product_type";
            case "title" -> "title";
            case "attribute" -> {
                params.put(key + "_attribute", rule.attribute());
                yield "attributes ->> cast(:" + key + "_attribute as text)";
            }
            default -> null;
        };
        if (rule.field().equals("tag")) {
            params.put(key, rule.value().toLowerCase(java.util.Locale.ROOT));
            String has = "tags @> array[cast(:" + key + " as text)]";
            return rule.relation().equals("not_equals") ? "not " + has : has;
        }
        if (rule.field().equals("price")) {
            params.put(key, Long.parseLong(rule.value()));
            String op = switch (rule.relation()) {
                case "greater_than" -> ">";
                case "less_than" -> "<";
                default -> "=";
            };
            return "exists (select 1 from product_variants v where v.tenant_id = products.tenant_id "
                    + "and v.product_id = products.id and v.price_amount " + op + " :" + key + ")";
        }
        if (column == null) {
            throw new IllegalArgumentException(rule.field());
        }
        if (rule.relation().equals("greater_than") || rule.relation().equals("less_than")) {
            params.put(key, new java.math.BigDecimal(rule.value()));
            String number = rule.field().equals("attribute")
                    ? "(case when jsonb_typeof(attributes -> cast(:" + key + "_attribute as text)) = 'number' then cast("
                    + column + " as numeric) end)" : "null";
            return number + (rule.relation().equals("greater_than") ? " > :" : " < :") + key;
        }
        params.put(key, rule.value().toLowerCase(java.util.Locale.ROOT));
        return switch (rule.relation()) {
            case "not_equals" -> "lower(" + column + ") is distinct from :" + key;
            case "contains" -> "strpos(lower(" + column + "), :" + key + ") > 0";
            case "starts_with" -> "starts_with(lower(" + column + "), :" + key + ")";
            default -> "lower(" + column + ") = :" + key;
        };
    }

    private String attribute(AttributeFilter attribute, Map<String, Object> params) {
        String key = "attr" + params.size();
        params.put(key, attribute.handle());
        List<String> any = new ArrayList<>();
        for (Object value : attribute.values()) {
            String name = key + "_" + any.size();
            // Containment uses the GIN index on attributes.
            params.put(name, json.writeValueAsString(Map.of(attribute.handle(), value)));
            any.add("attributes @> cast(:" + name + " as jsonb)");
        }
        if (attribute.min() != null || attribute.max() != null) {
            String number = "(case when jsonb_typeof(attributes -> cast(:" + key + " as text)) = 'number' "
                    + "then cast(attributes ->> cast(:" + key + " as text) as numeric) end)";
            List<String> range = new ArrayList<>();
            if (attribute.min() != null) {
                range.add(number + " >= :" + key + "_min");
                params.put(key + "_min", attribute.min());
            }
            if (attribute.max() != null) {
                range.add(number + " <= :" + key + "_max");
                params.put(key + "_max", attribute.max());
            }
            any.add("(" + String.join(" and ", range) + ")");
        }
        return "(" + String.join(" or ", any) + ")";
    }

    ProductRow row(ResultSet rs, int n) throws SQLException {
        return new ProductRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("handle"), rs.getString("title"), rs.getString("description_html"),
                rs.getString("status"), rs.getString("vendor"), rs.getString("product_type"), strings(rs.getArray("tags")),
                rs.getString("seo_title"), rs.getString("seo_description"), strings(rs.getArray("option_names")),
                rs.getLong("price_min"), rs.getString("currency"),
                json.readValue(rs.getString("attributes"), new TypeReference<Map<String, Object>>() {}),
                rs.getObject("category_id", UUID.class), rs.getBoolean("in_stock"));
    }

    static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : new ArrayList<>(Arrays.asList((String[]) array.getArray()));
    }
}
