package dev.bazaar.inventory.domain;

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

/**
 * Inventory items: per variant, the low-stock threshold and whether the variant is low. Lock order, wherever both are
 * taken: a variant's levels first, then its item (so that level changes and threshold changes cannot deadlock).
 */
@Repository
public class ItemRepository {

    private final JdbcClient jdbc;

    ItemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ItemRow(UUID variantId, long version, @Nullable Long lowStockThreshold, boolean lowStock,
                          Instant updatedAt) {}

    /** A variant's on hand and reserved summed over active locations. */
    public record Totals(long onHand, long reserved) {
        public long available() {
            return onHand - reserved;
        }
    }

    /** An item with the variant's totals (what the API shows). */
    public record ItemTotals(ItemRow item, Totals totals) {}

    public Optional<ItemRow> find(UUID tenant, UUID variantId) {
        return jdbc.sql("select * from inventory_items where tenant_id = :tenant and variant_id = :variant")
                .param("tenant", tenant).param("variant", variantId).query(ItemRepository::row).optional();
    }

    /** The item, created without a threshold if missing, locked for the rest of the transaction. */
    public ItemRow lock(UUID tenant, UUID variantId, Instant at) {
        jdbc.sql("""
                        insert into inventory_items (tenant_id, variant_id, version, updated_at)
                        values (:tenant, :variant, 0, :at) on conflict do nothing""")
                .param("tenant", tenant).param("variant", variantId).param("at", Sql.ts(at)).update();
        return jdbc.sql("select * from inventory_items where tenant_id = :tenant and variant_id = :variant for update")
                .param("tenant", tenant).param("variant", variantId).query(ItemRepository::row).single();
    }

    /** The item if it has a threshold, locked: a change of the variant's levels is then watched. */
    public Optional<ItemRow> lockWatched(UUID tenant, UUID variantId) {
        return jdbc.sql("""
                        select * from inventory_items where tenant_id = :tenant and variant_id = :variant
                          and low_stock_threshold is not null for update""")
                .param("tenant", tenant).param("variant", variantId).query(ItemRepository::row).optional();
    }

    /** The variants with a threshold that have a level at the location, in variant order (the lock order). */
    public List<UUID> watchedAt(UUID tenant, UUID locationId) {
        return jdbc.sql("""
                        select i.variant_id from inventory_items i
                        where i.tenant_id = :tenant and i.low_stock_threshold is not null
                          and exists (select 1 from inventory_levels l where l.tenant_id = i.tenant_id
                                        and l.variant_id = i.variant_id and l.location_id = :location)
                        order by i.variant_id""")
                .param("tenant", tenant).param("location", locationId).query(UUID.class).list();
    }

    /** Sets the threshold and the state it gives, as a new version; call with the item locked. */
    public void update(UUID tenant, UUID variantId, @Nullable Long threshold, boolean lowStock, Instant at) {
        jdbc.sql("""
                        update inventory_items set low_stock_threshold = :threshold, low_stock = :low,
                                                   version = version + 1, updated_at = :at
                        where tenant_id = :tenant and variant_id = :variant""")
                .param("tenant", tenant).param("variant", variantId).param("threshold", threshold).param("low", lowStock)
                .param("at", Sql.ts(at)).update();
    }

    /**
     * Flips the state to {@code lowStock} if it is not that already: true for the one transaction that flipped it.
     * The version stays (the state follows the levels; it is not a change to the item someone made).
     */
    public boolean flip(UUID tenant, UUID variantId, boolean lowStock) {
        return jdbc.sql("""
                        update inventory_items set low_stock = :low
                        where tenant_id = :tenant and variant_id = :variant and low_stock_threshold is not null
                          and low_stock <> :low""")
                .param("tenant", tenant).param("variant", variantId).param("low", lowStock).update() == 1;
    }

    /** The variant's on hand and reserved summed over active locations (zero without levels). */
    public Totals totals(UUID tenant, UUID variantId) {
        return jdbc.sql("""
                        select coalesce(sum(l.on_hand), 0) as on_hand, coalesce(sum(l.reserved), 0) as reserved
                        from inventory_levels l
                        join stock_locations s on s.tenant_id = l.tenant_id and s.id = l.location_id
                        where l.tenant_id = :tenant and l.variant_id = :variant and s.active""")
                .param("tenant", tenant).param("variant", variantId)
                .query((rs, n) -> new Totals(rs.getLong("on_hand"), rs.getLong("reserved"))).single();
    }

    /** Items in variant order after {@code afterId}, with their totals; {@code lowStock} null for all with a threshold. */
    public List<ItemTotals> list(UUID tenant, @Nullable Boolean lowStock, @Nullable UUID afterId, int limit) {
        return jdbc.sql("""
                        select i.*, coalesce(t.on_hand, 0) as on_hand, coalesce(t.reserved, 0) as reserved
                        from inventory_items i
                        left join lateral (
                            select sum(l.on_hand) as on_hand, sum(l.reserved) as reserved from inventory_levels l
                            join stock_locations s on s.tenant_id = l.tenant_id and s.id = l.location_id
                            where l.tenant_id = i.tenant_id and l.variant_id = i.variant_id and s.active) t on true
                        where i.tenant_id = :tenant and i.low_stock_threshold is not null
                          and (cast(:low as boolean) is null or i.low_stock = :low)
                          and (cast(:after as uuid) is null or i.variant_id > :after)
                        order by i.variant_id limit :limit""")
                .param("tenant", tenant).param("low", lowStock).param("after", afterId).param("limit", limit)
                .query((rs, n) -> new ItemTotals(row(rs, n), new Totals(rs.getLong("on_hand"), rs.getLong("reserved")))).list();
    }

    static ItemRow row(ResultSet rs, int n) throws SQLException {
        return new ItemRow(rs.getObject("variant_id", UUID.class), rs.getLong("version"),
                rs.getObject("low_stock_threshold", Long.class), rs.getBoolean("low_stock"), Sql.instant(rs, "updated_at"));
    }
}
