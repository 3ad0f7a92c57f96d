package dev.bazaar.webhooks.delivery;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.Secret;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.persistence.Sql;
import dev.bazaar.webhooks.WebhooksErrorCode;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Reads of the current shop's webhook endpoints and their deliveries; never their secrets. */
@Service
public class WebhookQueries {

    /** How many of a delivery's latest attempts a listing shows. */
    public static final int ATTEMPTS_SHOWN = 20;

    /** An endpoint as staff see it; {@code secret} is present only in the answer to create and rotate-secret. */
    public record EndpointDetails(UUID id, String url, @Nullable String description, List<String> events, boolean enabled,
                                  @Nullable String disabledReason, @Nullable Instant disabledAt, @Nullable Instant failingSince,
                                  @Nullable Instant previousSecretExpiresAt, Instant createdAt, Instant updatedAt,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Secret secret,
                                  @com.fasterxml.jackson.annotation.JsonIgnore long version) {

        EndpointDetails withSecret(String plain) {
            return new EndpointDetails(id, url, description, events, enabled, disabledReason, disabledAt, failingSince,
                    previousSecretExpiresAt, createdAt, updatedAt, new Secret(plain), version);
        }
    }

    /** One attempt: its time, the status code or the error kind, the latency and the start of the response body. */
    public record AttemptDetails(int attempt, Instant attemptedAt, @Nullable Integer statusCode, @Nullable String error,
                                 long latencyMs, @Nullable String responseBody) {}

    /** A delivery of one event to one endpoint; {@code id} of the event is the {@code webhook-id} of every attempt. */
    public record DeliveryDetails(UUID id, UUID endpointId, UUID eventId, String eventType, String status, int attemptCount,
                                  @Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt,
                                  @Nullable Integer lastStatusCode, @Nullable String lastError, Instant createdAt,
                                  List<AttemptDetails> attempts) {}

    static final RowMapper<EndpointDetails> ENDPOINT = (rs, n) -> new EndpointDetails(rs.getObject("id", UUID.class),
            rs.getString("url"), rs.getString("description"), strings(rs.getArray("events")), rs.getBoolean("enabled"),
            rs.getString("disabled_reason"), Sql.instant(rs, "disabled_at"), Sql.instant(rs, "failing_since"),
            Sql.instant(rs, "previous_expires_at"), rs.getTimestamp("created_at").toInstant(),
            rs.getTimestamp("updated_at").toInstant(), null,
            rs.getLong("version"));

    /** An endpoint's deliveries with their event's type; callers add conditions and the order. */
    private static final String DELIVERIES = """
            select d.*, e.type from webhook_deliveries d
            join events e on e.tenant_id = d.tenant_id and e.id = d.event_id
            where d.tenant_id = :tenant and d.endpoint_id = :endpoint""";

    private static final RowMapper<DeliveryRow> DELIVERY = (rs, n) -> new DeliveryRow(rs.getObject("id", UUID.class),
            rs.getObject("event_id", UUID.class), rs.getString("type"), rs.getString("status"), rs.getInt("attempt_count"),
            Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "last_attempt_at"), (Integer) rs.getObject("last_status"),
            rs.getString("last_error"), rs.getTimestamp("created_at").toInstant());

    private final JdbcClient jdbc;

    WebhookQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The endpoint; 404 {@code webhook_endpoint_not_found} when the shop has none with this id. */
    @Transactional(readOnly = true)
    public EndpointDetails getEndpoint(String reference) {
        UUID id = Ids.parse(reference).orElseThrow(WebhookQueries::endpointNotFound);
        return jdbc.sql("select * from webhook_endpoints where tenant_id = :tenant and id = :id")
                .param("tenant", TenantContext.requireTenantId()).param("id", id).query(ENDPOINT).optional()
                .orElseThrow(WebhookQueries::endpointNotFound);
    }

    /** The shop's endpoints, newest first. */
    @Transactional(readOnly = true)
    public Page<EndpointDetails> listEndpoints(PageRequest page) {
        UUID after = page.afterId();
        List<EndpointDetails> rows = jdbc.sql("""
                        select * from webhook_endpoints where tenant_id = :tenant and (cast(:after as uuid) is null or id < :after)
                        order by id desc limit :limit""")
                .param("tenant", TenantContext.requireTenantId()).param("after", after).param("limit", page.fetchSize())
                .query(ENDPOINT).list();
        return page.page(rows, row -> row.id().toString());
    }

    /** The endpoint's deliveries, newest first, each with its latest attempts (two queries per page). */
    @Transactional(readOnly = true)
    public Page<DeliveryDetails> listDeliveries(String endpoint, @Nullable String status, PageRequest page) {
        UUID endpointId = getEndpoint(endpoint).id();
        UUID tenant = TenantContext.requireTenantId();
        if (status != null && !List.of("pending", "succeeded", "failed").contains(status)) {
            throw ApplicationException.invalidField("status", "unknown_value", "must be pending, succeeded or failed");
        }
        List<DeliveryRow> rows = jdbc.sql(DELIVERIES + """
                          and (cast(:status as text) is null or d.status = :status)
                          and (cast(:after as uuid) is null or d.id < :after)
                        order by d.id desc limit :limit""")
                .param("tenant", tenant).param("endpoint", endpointId).param("status", status)
                .param("after", page.afterId()).param("limit", page.fetchSize())
                .query(DELIVERY).list();
        List<DeliveryDetails> details = details(tenant, endpointId, rows);
        return page.page(details, row -> row.id().toString());
    }

    /** One delivery of the endpoint; 404 {@code webhook_delivery_not_found} otherwise. */
    @Transactional(readOnly = true)
    public DeliveryDetails getDelivery(UUID endpointId, UUID deliveryId) {
        UUID tenant = TenantContext.requireTenantId();
        List<DeliveryRow> row = jdbc.sql(DELIVERIES + " and d.id = :id")
                .param("tenant", tenant).param("endpoint", endpointId).param("id", deliveryId).query(DELIVERY).list();
        if (row.isEmpty()) {
            throw new ApplicationException(WebhooksErrorCode.DELIVERY_NOT_FOUND, "This endpoint has no delivery with this id");
        }
        return details(tenant, endpointId, row).getFirst();
    }

    /** The deliveries with their latest attempts (one query for all of them). */
    private List<DeliveryDetails> details(UUID tenant, UUID endpointId, List<DeliveryRow> rows) {
        Map<UUID, List<AttemptDetails>> attempts = attempts(tenant, rows.stream().map(DeliveryRow::id).toList());
        return rows.stream().map(row -> new DeliveryDetails(row.id(), endpointId, row.eventId(), row.type(), row.status(),
                row.attemptCount(), row.status().equals("pending") ? row.nextAttemptAt() : null, row.lastAttemptAt(),
                row.lastStatus(), row.lastError(), row.createdAt(), attempts.getOrDefault(row.id(), List.of()))).toList();
    }

    private Map<UUID, List<AttemptDetails>> attempts(UUID tenant, List<UUID> deliveries) {
        Map<UUID, List<AttemptDetails>> byDelivery = new LinkedHashMap<>();
        if (deliveries.isEmpty()) {
            return byDelivery;
        }
        jdbc.sql("""
                        select * from (
                            select a.*, row_number() over (partition by delivery_id order by attempt desc) as recent
                            from webhook_attempts a where tenant_id = :tenant and delivery_id = any(:ids)) latest
                        where recent <= :shown order by delivery_id, attempt""")
                .param("tenant", tenant).param("ids", deliveries.toArray(UUID[]::new)).param("shown", ATTEMPTS_SHOWN)
                .query((ResultSet rs) -> {
                    byDelivery.computeIfAbsent(rs.getObject("delivery_id", UUID.class), id -> new java.util.ArrayList<>())
                            .add(new AttemptDetails(rs.getInt("attempt"), rs.getTimestamp("attempted_at").toInstant(),
                                    (Integer) rs.getObject("status_code"), rs.getString("error"), rs.getLong("latency_ms"),
                                    rs.getString("response_body")));
                });
        return byDelivery;
    }

    private record DeliveryRow(UUID id, UUID eventId, String type, String status, int attemptCount,
                               @Nullable Instant nextAttemptAt, @Nullable Instant lastAttemptAt, @Nullable Integer lastStatus,
                               @Nullable String lastError, Instant createdAt) {}

    static ApplicationException endpointNotFound() {
        return new ApplicationException(WebhooksErrorCode.ENDPOINT_NOT_FOUND, "The shop has no webhook endpoint with this id");
    }

    static List<String> strings(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }
}
