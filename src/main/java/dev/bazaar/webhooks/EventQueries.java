package dev.bazaar.webhooks;

import dev.bazaar.platform.TenantContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop's recorded events (the live stream's resume). */
@Service
public class EventQueries {

    private static final RowMapper<RecordedEvent> ROW = (rs, n) -> new RecordedEvent(rs.getObject("tenant_id", UUID.class),
            rs.getObject("id", UUID.class), rs.getLong("seq"),
            EventType.fromName(rs.getString("type")).orElseThrow(), rs.getTimestamp("occurred_at").toInstant(),
            rs.getString("body"));

    private final JdbcClient jdbc;

    EventQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The event with this id, if it is still kept. */
    @Transactional(readOnly = true)
    public Optional<RecordedEvent> find(UUID id) {
        return jdbc.sql("select * from events where tenant_id = :tenant and id = :id")
                .param("tenant", TenantContext.requireTenantId()).param("id", id).query(ROW).optional();
    }

    /** Up to {@code limit} events recorded after position {@code afterSeq}, in recording order. */
    @Transactional(readOnly = true)
    public List<RecordedEvent> after(long afterSeq, int limit) {
        return jdbc.sql("select * from events where tenant_id = :tenant and seq > :seq order by seq limit :limit")
                .param("tenant", TenantContext.requireTenantId()).param("seq", afterSeq).param("limit", limit)
                .query(ROW).list();
    }

    /** {@link #after(long, int)} of these types only (what a subscriber may see), filtered by the database. */
    @Transactional(readOnly = true)
    public List<RecordedEvent> after(long afterSeq, Collection<EventType> types, int limit) {
        return jdbc.sql("""
                        select * from events where tenant_id = :tenant and seq > :seq and type = any(:types)
                        order by seq limit :limit""")
                .param("tenant", TenantContext.requireTenantId()).param("seq", afterSeq).param("types", names(types))
                .param("limit", limit).query(ROW).list();
    }

    /** Up to {@code limit} events of these types recorded in [{@code from}, {@code to}), in recording order. */
    @Transactional(readOnly = true)
    public List<RecordedEvent> recordedBetween(Instant from, Instant to, Collection<EventType> types, int limit) {
        return jdbc.sql("""
                        select * from events where tenant_id = :tenant and recorded_at >= :from and recorded_at < :to
                        and type = any(:types) order by seq limit :limit""")
                .param("tenant", TenantContext.requireTenantId()).param("from", Timestamp.from(from))
                .param("to", Timestamp.from(to)).param("types", names(types)).param("limit", limit).query(ROW).list();
    }

    private static String[] names(Collection<EventType> types) {
        return types.stream().map(EventType::eventName).toArray(String[]::new);
    }

}
