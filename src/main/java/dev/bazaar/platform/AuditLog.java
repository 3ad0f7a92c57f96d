package dev.bazaar.platform;

import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.CurrentActor;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shop's audit log: every state-changing action by staff or API keys, written in the same transaction as the
 * change (so that it exists exactly when the change does), with the actor, the action, the target, the changed fields
 * before and after (secrets masked), the request id, the client address and the time. Append-only: the application's
 * database roles may insert and read these rows but never update or delete them.
 */
@Component
public class AuditLog {

    private static final String MASK = "[redacted]";
    private static final Set<String> SECRET_WORDS = Set.of("secret", "token", "password", "hash", "otp", "code");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    AuditLog(JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** A recorded event. {@code changes}: field → {@code {"before": …, "after": …}}. */
    public record AuditEvent(UUID id, Instant occurredAt, String actorType, @Nullable UUID actorId, String action,
                             String targetType, @Nullable String targetId, Map<String, Object> changes,
                             @Nullable String requestId, @Nullable String ip) {}

    /** Filters of {@link #list}; null means any. */
    public record Filter(@Nullable String action, @Nullable String targetType, @Nullable String targetId,
                         @Nullable UUID actorId, @Nullable Instant occurredAfter, @Nullable Instant occurredBefore) {}

    /** Records an action without field changes (a revocation, a deletion). */
    public void record(String action, String targetType, @Nullable Object targetId) {
        record(action, targetType, targetId, Map.of(), Map.of());
    }

    /**
     * Records an action on a target in the current tenant, with the fields that differ between {@code before} and
     * {@code after} (a creation has an empty {@code before}). Must run inside the transaction of the change.
     */
    public void record(String action, String targetType, @Nullable Object targetId, Map<String, ?> before,
                       Map<String, ?> after) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("audit events are written in the transaction of the change they describe");
        }
        UUID tenant = TenantContext.requireTenantId();
        Actor actor = CurrentActor.find().orElse(null);
        String actorType = CurrentActor.type();
        jdbc.sql("""
                        insert into audit_events (tenant_id, id, occurred_at, actor_type, actor_id, action, target_type,
                                                  target_id, changes, request_id, ip)
                        values (:tenant, :id, :at, :actorType, :actorId, :action, :targetType, :targetId,
                                cast(:changes as jsonb), :requestId, :ip)""")
                .param("tenant", tenant)
                .param("id", Ids.newId())
                .param("at", Timestamp.from(clock.instant()))
                .param("actorType", actorType)
                .param("actorId", actor == null ? null : actor.id())
                .param("action", action)
                .param("targetType", targetType)
                .param("targetId", targetId == null ? null : targetId.toString())
                .param("changes", json.writeValueAsString(changes(before, after)))
                .param("requestId", RequestContext.requestId())
                .param("ip", clientAddress())
                .update();
    }

    /** The current tenant's events, newest first; call inside a (read-only) transaction of a {@code *Queries}. */
    public Page<AuditEvent> list(Filter filter, PageRequest page) {
        UUID tenant = TenantContext.requireTenantId();
        StringBuilder sql = new StringBuilder("select * from audit_events where tenant_id = :tenant");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("tenant", tenant);
        condition(sql, params, "action = :action", "action", filter.action());
        condition(sql, params, "target_type = :targetType", "targetType", filter.targetType());
        condition(sql, params, "target_id = :targetId", "targetId", filter.targetId());
        condition(sql, params, "actor_id = :actorId", "actorId", filter.actorId());
        condition(sql, params, "occurred_at > :after", "after", filter.occurredAfter() == null ? null : Timestamp.from(filter.occurredAfter()));
        condition(sql, params, "occurred_at < :before", "before", filter.occurredBefore() == null ? null : Timestamp.from(filter.occurredBefore()));
        condition(sql, params, "id < :cursor", "cursor", page.afterId());
        sql.append(" order by id desc limit ").append(page.fetchSize());
        List<AuditEvent> rows = jdbc.sql(sql.toString()).params(params).query((rs, n) -> new AuditEvent(
                rs.getObject("id", UUID.class), rs.getTimestamp("occurred_at").toInstant(), rs.getString("actor_type"),
                rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getString("target_type"),
                rs.getString("target_id"), json.readValue(rs.getString("changes"), new TypeReference<Map<String, Object>>() {}),
                rs.getString("request_id"), rs.getString("ip"))).list();
        return page.page(rows, event -> event.id().toString());
    }

    private static void condition(StringBuilder sql, Map<String, Object> params, String clause, String name, @Nullable Object value) {
        if (value != null) {
            sql.append(" and ").append(clause);
            params.put(name, value);
        }
    }

    /** The fields whose values differ, secrets masked on both sides. */
    static Map<String, Object> changes(Map<String, ?> before, Map<String, ?> after) {
        List<String> fields = new ArrayList<>(after.keySet());
        before.keySet().stream().filter(field -> !after.containsKey(field)).forEach(fields::add);
        Map<String, Object> changes = new LinkedHashMap<>();
        for (String field : fields) {
            Object old = before.get(field);
            Object now = after.get(field);
            if (Objects.equals(old, now)) {
                continue;
            }
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("before", isSecret(field) && old != null ? MASK : old);
            change.put("after", isSecret(field) && now != null ? MASK : now);
            changes.put(field, change);
        }
        return changes;
    }

    private static boolean isSecret(String field) {
        String lower = field.toLowerCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(lower::contains);
    }

    private static @Nullable String clientAddress() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest().getRemoteAddr() : null;
    }
}
