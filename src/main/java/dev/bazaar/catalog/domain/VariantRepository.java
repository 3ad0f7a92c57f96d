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

/** Variants of the current tenant's products. */
@Repository
public class VariantRepository {

    private final JdbcClient jdbc;

    VariantRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** What names a variant for people: its product (id, title), option values and SKU. */
    public record VariantName(UUID productId, String productTitle, List<String> optionValues, @Nullable String sku) {}

    public Optional<VariantName> name(UUID tenant, UUID variantId) {
        return jdbc.sql("""
                        select v.product_id, p.title, v.option_values, v.sku from product_variants v
                        join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
                        where v.tenant_id = :tenant and v.id = :id""")
                .param("tenant", tenant).param("id", variantId)
                .query((rs, n) -> new VariantName(rs.getObject(1, UUID.class), rs.getString(2),
                        List.of((String[]) rs.getArray(3).getArray()), rs.getString(4)))
                .optional();
    }

    public record VariantRow(UUID id, UUID productId, Instant createdAt, Instant updatedAt, List<String> optionValues,
                             @Nullable String sku, @Nullable String barcode, long priceAmount, @Nullable Long compareAtAmount,
                             String currency, @Nullable Integer weightGrams, boolean trackInventory, int position) {

        public VariantRow {
            optionValues = List.copyOf(optionValues);
        }
    }

    public void insert(UUID tenant, VariantRow variant) {
        jdbc.sql("""
                        insert into product_variants (tenant_id, id, product_id, created_at, updated_at, option_values, sku,
                                                      barcode, price_amount, compare_at_amount, currency, weight_grams,
                                                      track_inventory, position)
                        values (:tenant, :id, :product, :at, :at, :options, :sku, :barcode, :price, :compareAt, :currency,
                                :weight, :track, :position)""")
                .param("tenant", tenant).param("id", variant.id()).param("product", variant.productId())
                .param("at", Sql.ts(variant.createdAt())).param("options", variant.optionValues().toArray(String[]::new))
                .param("sku", variant.sku()).param("barcode", variant.barcode()).param("price", variant.priceAmount())
                .param("compareAt", variant.compareAtAmount()).param("currency", variant.currency())
                .param("weight", variant.weightGrams()).param("track", variant.trackInventory())
                .param("position", variant.position())
                .update();
    }

    public void update(UUID tenant, VariantRow variant, Instant at) {
        jdbc.sql("""
                        update product_variants set option_values = :options, sku = :sku, barcode = :barcode,
                               price_amount = :price, compare_at_amount = :compareAt, weight_grams = :weight,
                               track_inventory = :track, position = :position, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", variant.id()).param("options", variant.optionValues().toArray(String[]::new))
                .param("sku", variant.sku()).param("barcode", variant.barcode()).param("price", variant.priceAmount())
                .param("compareAt", variant.compareAtAmount()).param("weight", variant.weightGrams())
                .param("track", variant.trackInventory()).param("position", variant.position()).param("at", Sql.ts(at))
                .update();
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from product_variants where tenant_id = :tenant and id = :id").param("tenant", tenant).param("id", id)
                .update();
    }

    public Optional<VariantRow> find(UUID tenant, UUID productId, UUID id) {
        return jdbc.sql("select * from product_variants where tenant_id = :tenant and product_id = :product and id = :id")
                .param("tenant", tenant).param("product", productId).param("id", id).query(VariantRepository::row).optional();
    }

    /** The variants of these products, in each product's order: one query for a whole page. */
    public List<VariantRow> listFor(UUID tenant, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from product_variants where tenant_id = :tenant and product_id = any(:products) "
                        + "order by product_id, position, id")
                .param("tenant", tenant).param("products", productIds.toArray(UUID[]::new))
                .query(VariantRepository::row).list();
    }

    /** What a cart needs of a variant: names, price, weight, whether its product is active, its manual collections. */
    public record PurchaseRow(UUID variantId, UUID productId, String productTitle, List<String> optionValues,
                              @Nullable String sku, long priceAmount, String currency, int weightGrams,
                              boolean trackInventory, boolean active, List<UUID> collectionIds) {}

    public java.util.Map<UUID, PurchaseRow> purchasable(UUID tenant, Collection<UUID> ids) {
        java.util.Map<UUID, PurchaseRow> found = new java.util.HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        jdbc.sql("""
                        select v.id, v.product_id, p.title, v.option_values, v.sku, v.price_amount, v.currency,
                               coalesce(v.weight_grams, 0) as weight_grams, v.track_inventory, p.status = 'active' as active,
                               array(select cp.collection_id from collection_products cp
                                     where cp.tenant_id = v.tenant_id and cp.product_id = v.product_id) as collections
                        from product_variants v join products p on p.tenant_id = v.tenant_id and p.id = v.product_id
                        where v.tenant_id = :tenant and v.id = any(:ids)""")
                .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new))
                .query(rs -> {
                    UUID id = rs.getObject("id", UUID.class);
                    found.put(id, new PurchaseRow(id, rs.getObject("product_id", UUID.class), rs.getString("title"),
                            List.of((String[]) rs.getArray("option_values").getArray()), rs.getString("sku"),
                            rs.getLong("price_amount"), rs.getString("currency"), rs.getInt("weight_grams"),
                            rs.getBoolean("track_inventory"), rs.getBoolean("active"),
                            List.of((UUID[]) rs.getArray("collections").getArray())));
                });
        return found;
    }

    /** The variants among {@code ids} that exist, with whether each tracks inventory. */
    public java.util.Map<UUID, Boolean> tracking(UUID tenant, Collection<UUID> ids) {
        java.util.Map<UUID, Boolean> tracking = new java.util.HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("select id, track_inventory from product_variants where tenant_id = :tenant and id = any(:ids)")
                    .param("tenant", tenant).param("ids", ids.toArray(UUID[]::new))
                    .query(rs -> {
                        tracking.put(rs.getObject("id", UUID.class), rs.getBoolean("track_inventory"));
                    });
        }
        return tracking;
    }

    /** The products of these variants (those that exist). */
    public List<UUID> productIds(UUID tenant, Collection<UUID> variantIds) {
        if (variantIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select distinct product_id from product_variants where tenant_id = :tenant and id = any(:ids)")
                .param("tenant", tenant).param("ids", variantIds.toArray(UUID[]::new)).query(UUID.class).list();
    }

    public int count(UUID tenant, UUID productId) {
        return jdbc.sql("select count(*) from product_variants where tenant_id = :tenant and product_id = :product")
                .param("tenant", tenant).param("product", productId).query(Integer.class).single();
    }

    static VariantRow row(ResultSet rs, int n) throws SQLException {
        long compareAt = rs.getLong("compare_at_amount");
        Long compareAtAmount = rs.wasNull() ? null : compareAt;
        int weight = rs.getInt("weight_grams");
        Integer weightGrams = rs.wasNull() ? null : weight;
        return new VariantRow(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"),
                ProductRepository.strings(rs.getArray("option_values")), rs.getString("sku"), rs.getString("barcode"),
                rs.getLong("price_amount"), compareAtAmount, rs.getString("currency"), weightGrams,
                rs.getBoolean("track_inventory"), rs.getInt("position"));
    }
}
