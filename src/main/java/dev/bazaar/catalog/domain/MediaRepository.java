package dev.bazaar.catalog.domain;

import dev.bazaar.platform.persistence.Sql;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The ordered media slots of the current tenant's products (images by URL). */
@Repository
public class MediaRepository {

    private final JdbcClient jdbc;

    MediaRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record MediaRow(UUID id, UUID productId, @Nullable UUID variantId, String url, @Nullable String alt, int position) {}

    /** Replaces the product's media with {@code media}, in that order. */
    public void replace(UUID tenant, UUID productId, List<MediaRow> media, Instant at) {
        jdbc.sql("delete from product_media where tenant_id = :tenant and product_id = :product")
                .param("tenant", tenant).param("product", productId).update();
        for (MediaRow slot : media) {
            jdbc.sql("""
                            insert into product_media (tenant_id, id, product_id, variant_id, created_at, url, alt, position)
                            values (:tenant, :id, :product, :variant, :at, :url, :alt, :position)""")
                    .param("tenant", tenant).param("id", slot.id()).param("product", productId)
                    .param("variant", slot.variantId()).param("at", Sql.ts(at)).param("url", slot.url())
                    .param("alt", slot.alt()).param("position", slot.position())
                    .update();
        }
    }

    public List<MediaRow> listFor(UUID tenant, Collection<UUID> productIds) {
        if (productIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from product_media where tenant_id = :tenant and product_id = any(:products) "
                        + "order by product_id, position")
                .param("tenant", tenant).param("products", productIds.toArray(UUID[]::new))
                .query((rs, n) -> new MediaRow(rs.getObject("id", UUID.class), rs.getObject("product_id", UUID.class),
                        rs.getObject("variant_id", UUID.class), rs.getString("url"), rs.getString("alt"), rs.getInt("position")))
                .list();
    }
}
