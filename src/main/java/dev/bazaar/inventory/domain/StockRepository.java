package dev.bazaar.inventory.domain;

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
 * Stock levels and their ledger. Every change of a level is one conditional {@code UPDATE} (never read, compute, write)
 * and one appended movement, in the same transaction; the table's checks refuse a negative on-hand or more reserved
 * than on hand.
 */
@Repository
public class StockRepository {

    private final JdbcClient jdbc;

    StockRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record LevelRow(UUID variantId, UUID locationId, long onHand, long reserved, Instant updatedAt) {
        public long available() {
            return onHand - reserved;
        }
    }

    public record MovementRow(UUID id, Instant createdAt, UUID variantId, UUID locationId, String kind, long onHandDelta,
                              long reservedDelta, @Nullable String reason, @Nullable UUID reservationId, String actorType,
                              @Nullable UUID actorId) {}

    /** The level, created empty if missing, locked for the rest of the transaction. */
    public LevelRow lock(UUID tenant, UUID variantId, UUID locationId, Instant at) {
        jdbc.sql("""
                        insert into inventory_levels (tenant_id, variant_id, location_id, on_hand, reserved, updated_at)
                        values (:tenant, :variant, :location, 0, 0, :at) on conflict do nothing""")
                .param("tenant", tenant).param("variant", variantId).param("location", locationId).param("at", Sql.ts(at))
                .update();
        return jdbc.sql("select * from inventory_levels where tenant_id = :tenant and variant_id = :variant "
                        + "and location_id = :location for update")
                .param("tenant", tenant).param("variant", variantId).param("location", locationId)
                .query(StockRepository::level).single();
    }

    /**
     * Adds the deltas if the result stays valid (on hand not negative, reserved within on hand); returns the level
     * after, or empty when the condition refused it.
     */
    public Optional<LevelRow> change(UUID tenant, UUID variantId, UUID locationId, long onHandDelta, long reservedDelta,
                                     Instant at) {
        return jdbc.sql("""
                        update inventory_levels set on_hand = on_hand + :onHand, reserved = reserved + :reserved,
                                                    updated_at = :at
                        where tenant_id = :tenant and variant_id = :variant and location_id = :location
                          and on_hand + :onHand >= 0 and reserved + :reserved >= 0
                          and reserved + :reserved <= on_hand + :onHand
                        returning *""")
                .param("tenant", tenant).param("variant", variantId).param("location", locationId)
                .param("onHand", onHandDelta).param("reserved", reservedDelta).param("at", Sql.ts(at))
                .query(StockRepository::level).optional();
    }

    /** The levels of a variant at active locations, highest priority first, locked: where a reservation takes from. */
    public List<LevelRow> lockForReservation(UUID tenant, UUID variantId) {
        return jdbc.sql("""
                        select l.* from inventory_levels l
                        join stock_locations s on s.tenant_id = l.tenant_id and s.id = l.location_id
                        where l.tenant_id = :tenant and l.variant_id = :variant and s.active
                        order by s.priority desc, s.id
                        for update of l""")
                .param("tenant", tenant).param("variant", variantId).query(StockRepository::level).list();
    }

    public void record(UUID tenant, MovementRow movement) {
        jdbc.sql("""
                        insert into inventory_movements (tenant_id, id, created_at, variant_id, location_id, kind,
                                                         on_hand_delta, reserved_delta, reason, reservation_id,
                                                         actor_type, actor_id)
                        values (:tenant, :id, :at, :variant, :location, :kind, :onHand, :reserved, :reason, :reservation,
                                :actorType, :actorId)""")
                .param("tenant", tenant).param("id", movement.id()).param("at", Sql.ts(movement.createdAt()))
                .param("variant", movement.variantId()).param("location", movement.locationId()).param("kind", movement.kind())
                .param("onHand", movement.onHandDelta()).param("reserved", movement.reservedDelta())
                .param("reason", movement.reason()).param("reservation", movement.reservationId())
                .param("actorType", movement.actorType()).param("actorId", movement.actorId())
                .update();
    }

    public List<LevelRow> levels(UUID tenant, @Nullable UUID variantId, @Nullable UUID locationId,
                                 @Nullable String afterKey, int limit) {
        return jdbc.sql("""
                        select * from inventory_levels where tenant_id = :tenant
                          and (cast(:variant as uuid) is null or variant_id = :variant)
                          and (cast(:location as uuid) is null or location_id = :location)
                          and (cast(:after as text) is null or variant_id::text || '/' || location_id::text > :after)
                        order by variant_id::text || '/' || location_id::text limit :limit""")
                .param("tenant", tenant).param("variant", variantId).param("location", locationId).param("after", afterKey)
                .param("limit", limit).query(StockRepository::level).list();
    }

    /** Available stock per variant across active locations (variants without levels are absent). */
    public java.util.Map<UUID, Long> available(UUID tenant, Collection<UUID> variantIds) {
        java.util.Map<UUID, Long> available = new java.util.HashMap<>();
        if (variantIds.isEmpty()) {
            return available;
        }
        jdbc.sql("""
                        select l.variant_id, sum(l.on_hand - l.reserved) as available from inventory_levels l
                        join stock_locations s on s.tenant_id = l.tenant_id and s.id = l.location_id
                        where l.tenant_id = :tenant and l.variant_id = any(:variants) and s.active
                        group by l.variant_id""")
                .param("tenant", tenant).param("variants", variantIds.toArray(UUID[]::new))
                .query(rs -> {
                    available.put(rs.getObject("variant_id", UUID.class), rs.getLong("available"));
                });
        return available;
    }

    /** The variants with a level at the location (held or reserved stock, or none left). */
    public List<UUID> variantsAt(UUID tenant, UUID locationId) {
        return jdbc.sql("select variant_id from inventory_levels where tenant_id = :tenant and location_id = :location "
                        + "order by variant_id")
                .param("tenant", tenant).param("location", locationId).query(UUID.class).list();
    }

    public List<MovementRow> movements(UUID tenant, @Nullable UUID variantId, @Nullable UUID locationId,
                                       @Nullable UUID afterId, int limit) {
        return jdbc.sql("""
                        select * from inventory_movements where tenant_id = :tenant
                          and (cast(:variant as uuid) is null or variant_id = :variant)
                          and (cast(:location as uuid) is null or location_id = :location)
                          and (cast(:after as uuid) is null or id < :after)
                        order by id desc limit :limit""")
                .param("tenant", tenant).param("variant", variantId).param("location", locationId).param("after", afterId)
                .param("limit", limit)
                .query((rs, n) -> new MovementRow(rs.getObject("id", UUID.class), Sql.instant(rs, "created_at"),
                        rs.getObject("variant_id", UUID.class), rs.getObject("location_id", UUID.class), rs.getString("kind"),
                        rs.getLong("on_hand_delta"), rs.getLong("reserved_delta"), rs.getString("reason"),
                        rs.getObject("reservation_id", UUID.class), rs.getString("actor_type"), rs.getObject("actor_id", UUID.class)))
                .list();
    }

    /** Whether any level at the location holds or reserves stock. */
    public boolean holdsStock(UUID tenant, UUID locationId) {
        return jdbc.sql("select exists (select 1 from inventory_levels where tenant_id = :tenant and location_id = :location "
                        + "and (on_hand > 0 or reserved > 0))")
                .param("tenant", tenant).param("location", locationId).query(Boolean.class).single();
    }

    static LevelRow level(ResultSet rs, int n) throws SQLException {
        return new LevelRow(rs.getObject("variant_id", UUID.class), rs.getObject("location_id", UUID.class),
                rs.getLong("on_hand"), rs.getLong("reserved"), Sql.instant(rs, "updated_at"));
    }
}
