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

/** Reservations of stock and their lines (which location each unit came from). */
@Repository
public class ReservationRepository {

    private final JdbcClient jdbc;

    ReservationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ReservationRow(UUID id, Instant createdAt, Instant expiresAt, String status, @Nullable String reference,
                                 @Nullable Instant finishedAt) {}

    /** {@code locationId} is null for a variant that does not track inventory. */
    public record LineRow(UUID variantId, @Nullable UUID locationId, long quantity) {}

    /** A due reservation, found across tenants by the expiry job (system scope). */
    public record Due(UUID tenantId, UUID id) {}

    public void insert(UUID tenant, ReservationRow reservation) {
        jdbc.sql("""
                        insert into inventory_reservations (tenant_id, id, created_at, expires_at, status, reference)
                        values (:tenant, :id, :at, :expires, 'active', :reference)""")
                .param("tenant", tenant).param("id", reservation.id()).param("at", Sql.ts(reservation.createdAt()))
                .param("expires", Sql.ts(reservation.expiresAt())).param("reference", reservation.reference())
                .update();
    }

    public void insertLine(UUID tenant, UUID reservationId, LineRow line) {
        jdbc.sql("""
                        insert into inventory_reservation_lines (tenant_id, id, reservation_id, variant_id, location_id, quantity)
                        values (:tenant, :id, :reservation, :variant, :location, :quantity)""")
                .param("tenant", tenant).param("id", dev.bazaar.platform.Ids.newId()).param("reservation", reservationId)
                .param("variant", line.variantId()).param("location", line.locationId()).param("quantity", line.quantity())
                .update();
    }

    public Optional<ReservationRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from inventory_reservations where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(ReservationRepository::row).optional();
    }

    public Optional<ReservationRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from inventory_reservations where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(ReservationRepository::row).optional();
    }

    public List<LineRow> lines(UUID tenant, UUID reservationId) {
        return jdbc.sql("select * from inventory_reservation_lines where tenant_id = :tenant and reservation_id = :reservation "
                        + "order by variant_id, location_id")
                .param("tenant", tenant).param("reservation", reservationId)
                .query((rs, n) -> new LineRow(rs.getObject("variant_id", UUID.class), rs.getObject("location_id", UUID.class),
                        rs.getLong("quantity")))
                .list();
    }

    /** Units of the reservation put back on hand so far, by variant and location. */
    public java.util.Map<LineKey, Long> restocked(UUID tenant, UUID reservationId) {
        java.util.Map<LineKey, Long> restocked = new java.util.HashMap<>();
        jdbc.sql("select variant_id, location_id, sum(on_hand_delta) from inventory_movements where tenant_id = :tenant "
                        + "and reservation_id = :reservation and kind = 'restocked' group by variant_id, location_id")
                .param("tenant", tenant).param("reservation", reservationId)
                .query(rs -> {
                    restocked.put(new LineKey(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), rs.getLong(3));
                });
        return restocked;
    }

    public record LineKey(UUID variantId, UUID locationId) {}

    public void finish(UUID tenant, UUID id, String status, Instant at) {
        jdbc.sql("update inventory_reservations set status = :status, finished_at = :at where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).param("status", status).param("at", Sql.ts(at)).update();
    }

    /** Active reservations past their expiry, in every tenant (system scope). */
    public List<Due> due(Instant now, int limit) {
        return jdbc.sql("select tenant_id, id from inventory_reservations where status = 'active' and expires_at <= :now "
                        + "order by expires_at limit :limit")
                .param("now", Sql.ts(now)).param("limit", limit)
                .query((rs, n) -> new Due(rs.getObject("tenant_id", UUID.class), rs.getObject("id", UUID.class))).list();
    }

    static ReservationRow row(ResultSet rs, int n) throws SQLException {
        return new ReservationRow(rs.getObject("id", UUID.class), Sql.instant(rs, "created_at"), Sql.instant(rs, "expires_at"),
                rs.getString("status"), rs.getString("reference"), Sql.instant(rs, "finished_at"));
    }
}
