package dev.bazaar.ordering.domain;

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

/** Carts and their lines. */
@Repository
public class CartRepository {

    private final JdbcClient jdbc;

    CartRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** {@code shippingAddress} as JSON. */
    public record CartRow(UUID id, long version, Instant createdAt, Instant updatedAt, byte[] tokenHash,
                          @Nullable UUID customerId, String status, @Nullable UUID mergedInto, String currency,
                          @Nullable String email, @Nullable String shippingAddress, @Nullable UUID shippingRateId,
                          @Nullable String discountCode) {}

    public record LineRow(UUID variantId, UUID productId, Instant addedAt, long quantity, long unitPrice,
                          String productTitle, String variantTitle, @Nullable String sku, int weightGrams) {}

    public void insert(UUID tenant, CartRow cart) {
        jdbc.sql("""
                        insert into carts (tenant_id, id, version, created_at, updated_at, token_hash, customer_id, status,
                                           currency, email)
                        values (:tenant, :id, 0, :at, :at, :token, :customer, 'active', :currency, :email)""")
                .param("tenant", tenant).param("id", cart.id()).param("at", Sql.ts(cart.createdAt()))
                .param("token", cart.tokenHash()).param("customer", cart.customerId()).param("currency", cart.currency())
                .param("email", cart.email()).update();
    }

    public Optional<CartRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from carts where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(CartRepository::row).optional();
    }

    public Optional<CartRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from carts where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(CartRepository::row).optional();
    }

    public Optional<CartRow> activeOf(UUID tenant, UUID customerId) {
        return jdbc.sql("select * from carts where tenant_id = :tenant and customer_id = :customer and status = 'active'")
                .param("tenant", tenant).param("customer", customerId).query(CartRepository::row).optional();
    }

    /** Saves the cart's own fields and bumps its version. */
    public void update(UUID tenant, CartRow cart, Instant at) {
        jdbc.sql("""
                        update carts set customer_id = :customer, status = :status, merged_into = :merged, email = :email,
                                         shipping_address = cast(:address as jsonb), shipping_rate_id = :rate,
                                         discount_code = :code, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id""")
                .param("tenant", tenant).param("id", cart.id()).param("customer", cart.customerId())
                .param("status", cart.status()).param("merged", cart.mergedInto()).param("email", cart.email())
                .param("address", cart.shippingAddress()).param("rate", cart.shippingRateId())
                .param("code", cart.discountCode()).param("at", Sql.ts(at)).update();
    }

    public void touch(UUID tenant, UUID id, Instant at) {
        jdbc.sql("update carts set version = version + 1, updated_at = :at where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("at", Sql.ts(at)).update();
    }

    /** Lines in the order they were added. */
    public List<LineRow> lines(UUID tenant, UUID cartId) {
        return jdbc.sql("select * from cart_lines where tenant_id = :tenant and cart_id = :cart order by added_at, variant_id")
                .param("tenant", tenant).param("cart", cartId).query(CartRepository::line).list();
    }

    /** Inserts the line, or replaces the quantity and snapshot of the variant's line (keeping when it was added). */
    public void upsertLine(UUID tenant, UUID cartId, LineRow line) {
        jdbc.sql("""
                        insert into cart_lines (tenant_id, cart_id, variant_id, product_id, added_at, quantity, unit_price,
                                                product_title, variant_title, sku, weight_grams)
                        values (:tenant, :cart, :variant, :product, :at, :quantity, :price, :title, :variantTitle, :sku,
                                :weight)
                        on conflict (tenant_id, cart_id, variant_id) do update
                            set quantity = excluded.quantity, unit_price = excluded.unit_price,
                                product_id = excluded.product_id, product_title = excluded.product_title,
                                variant_title = excluded.variant_title, sku = excluded.sku,
                                weight_grams = excluded.weight_grams""")
                .param("tenant", tenant).param("cart", cartId).param("variant", line.variantId())
                .param("product", line.productId()).param("at", Sql.ts(line.addedAt())).param("quantity", line.quantity())
                .param("price", line.unitPrice()).param("title", line.productTitle()).param("variantTitle", line.variantTitle())
                .param("sku", line.sku()).param("weight", line.weightGrams()).update();
    }

    public boolean deleteLine(UUID tenant, UUID cartId, UUID variantId) {
        return jdbc.sql("delete from cart_lines where tenant_id = :tenant and cart_id = :cart and variant_id = :variant")
                .param("tenant", tenant).param("cart", cartId).param("variant", variantId).update() == 1;
    }

    static CartRow row(ResultSet rs, int n) throws SQLException {
        return new CartRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getBytes("token_hash"), rs.getObject("customer_id", UUID.class),
                rs.getString("status"), rs.getObject("merged_into", UUID.class), rs.getString("currency"),
                rs.getString("email"), rs.getString("shipping_address"), rs.getObject("shipping_rate_id", UUID.class),
                rs.getString("discount_code"));
    }

    static LineRow line(ResultSet rs, int n) throws SQLException {
        return new LineRow(rs.getObject("variant_id", UUID.class), rs.getObject("product_id", UUID.class),
                Sql.instant(rs, "added_at"), rs.getLong("quantity"), rs.getLong("unit_price"), rs.getString("product_title"),
                rs.getString("variant_title"), rs.getString("sku"), rs.getInt("weight_grams"));
    }
}
