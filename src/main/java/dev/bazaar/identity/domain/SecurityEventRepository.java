package dev.bazaar.identity.domain;

import static dev.bazaar.identity.domain.Rows.requiredInstant;
import static dev.bazaar.identity.domain.Rows.ts;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored security audit trail. */
@Repository
public class SecurityEventRepository {

    public record Event(UUID id, @Nullable UUID accountId, String type, @Nullable String ipAddress,
                        @Nullable String userAgent, @Nullable String requestId, @Nullable UUID sessionId,
                        String detailsJson, Instant occurredAt) {}

    private final JdbcClient jdbc;

    SecurityEventRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Event event) {
        jdbc.sql("""
                insert into security_events (id, account_id, type, ip_address, user_agent, request_id, session_id, details, occurred_at)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""")
                .params(event.id(), event.accountId(), event.type(), event.ipAddress(), event.userAgent(), event.requestId(),
                        event.sessionId(), event.detailsJson(), ts(event.occurredAt()))
                .update();
    }

    /** The account's events, newest first, keyset-paginated by id. */
    public List<Event> list(UUID accountId, @Nullable UUID before, int limit) {
        return jdbc.sql("""
                select * from security_events
                where account_id = :account and (cast(:before as uuid) is null or id < cast(:before as uuid))
                order by id desc limit :limit""")
                .param("account", accountId).param("before", before).param("limit", limit)
                .query((rs, n) -> new Event(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                        rs.getString("type"), rs.getString("ip_address"), rs.getString("user_agent"),
                        rs.getString("request_id"), rs.getObject("session_id", UUID.class), rs.getString("details"),
                        requiredInstant(rs, "occurred_at")))
                .list();
    }

    /** Removes the personal data (address, user agent) from an account's events, keeping what happened and when. */
    public int scrub(UUID accountId) {
        return jdbc.sql("update security_events set ip_address = null, user_agent = null where account_id = ?")
                .param(accountId).update();
    }

    public int purgeBefore(Instant cutoff) {
        return jdbc.sql("delete from security_events where occurred_at < ?").param(ts(cutoff)).update();
    }
}
