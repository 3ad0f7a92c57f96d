package dev.bazaar.webhooks.delivery;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.FieldViolation;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.SecretBox;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.tenancy.ShopQueries;
import dev.bazaar.webhooks.EventType;
import dev.bazaar.webhooks.RecordedEvent;
import dev.bazaar.webhooks.WebhooksErrorCode;
import dev.bazaar.webhooks.delivery.WebhookQueries.DeliveryDetails;
import dev.bazaar.webhooks.delivery.WebhookQueries.EndpointDetails;
import dev.bazaar.webhooks.outbox.EventRecorder;
import dev.bazaar.webhooks.outbox.EventsProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writes of the current shop's webhook endpoints: create (the secret is shown once), change, delete (with its
 * deliveries), rotate the secret, and the deliveries staff ask for: a test ping, a redelivery, a replay of a window.
 */
@Service
public class WebhookEndpointService {

    /** The widest window one replay may cover. */
    public static final Duration MAX_REPLAY_WINDOW = Duration.ofDays(7);
    /** The most events one replay may enqueue per endpoint. */
    public static final int MAX_REPLAY_EVENTS = 10_000;

    public record CreateEndpoint(String url, @Nullable String description, List<String> events, @Nullable Boolean enabled) {}

    public record UpdateEndpoint(@Nullable String url, @Nullable String description, @Nullable List<String> events,
                                 @Nullable Boolean enabled) {}

    private final JdbcClient jdbc;
    private final WebhookQueries queries;
    private final SecretBox secrets;
    private final ShopQueries shops;
    private final TargetGuard guard;
    private final WebhooksProperties properties;
    private final EventsProperties events;
    private final EventRecorder recorder;
    private final Dispatcher dispatcher;
    private final JsonMapper json;
    private final Clock clock;
    private final TransactionTemplate transactions;

    WebhookEndpointService(JdbcClient jdbc, WebhookQueries queries, SecretBox secrets, ShopQueries shops, TargetGuard guard,
                           WebhooksProperties properties, EventsProperties events,
                           EventRecorder recorder, Dispatcher dispatcher, JsonMapper json, Clock clock,
                           PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.jdbc = jdbc;
        this.queries = queries;
        this.secrets = secrets;
        this.shops = shops;
        this.guard = guard;
        this.properties = properties;
        this.events = events;
        this.recorder = recorder;
        this.dispatcher = dispatcher;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Creates an endpoint; the answer carries its signing secret, which no later read shows. The URL's host is
     * resolved before the transaction begins, so that a slow name server never holds a database connection.
     */
    public EndpointDetails create(CreateEndpoint command) {
        checkUrl(command.url());
        return Objects.requireNonNull(transactions.execute(status -> insert(command)));
    }

    private EndpointDetails insert(CreateEndpoint command) {
        UUID tenant = TenantContext.requireTenantId();
        List<String> filters = filters(command.events());
        // One creation at a time per shop, so that two concurrent ones cannot both pass the plan's limit.
        jdbc.sql("select pg_advisory_xact_lock(hashtextextended('webhook_endpoints:' || cast(:tenant as text), 0))")
                .param("tenant", tenant).query(Object.class).single();
        int limit = shops.limits().webhookEndpoints();
        long count = jdbc.sql("select count(*) from webhook_endpoints where tenant_id = :tenant").param("tenant", tenant)
                .query(Long.class).single();
        if (count >= limit) {
            throw new ApplicationException(WebhooksErrorCode.ENDPOINT_LIMIT, "The shop's plan allows " + limit
                    + " webhook endpoints; delete one or choose a bigger plan", List.of(), Map.of("limit", limit));
        }
        UUID id = Ids.newId();
        String secret = Signatures.newSecret();
        jdbc.sql("""
                        insert into webhook_endpoints (tenant_id, id, url, description, events, enabled, secret)
                        values (:tenant, :id, :url, :description, cast(:events as text[]), :enabled, :secret)""")
                .param("tenant", tenant).param("id", id).param("url", command.url())
                .param("description", blankToNull(command.description())).param("events", textArray(filters))
                .param("enabled", command.enabled() == null || command.enabled()).param("secret", secrets.seal(secret))
                .update();
        return queries.getEndpoint(id.toString()).withSecret(secret);
    }

    /**
     * Changes what is given (JSON merge); re-enabling clears why Bazaar disabled it and its failure streak. 412 on a
     * stale {@code If-Match}.
     */
    public EndpointDetails update(String reference, UpdateEndpoint command, @Nullable Long expectedVersion) {
        if (command.url() != null) {
            checkUrl(command.url());
        }
        return Objects.requireNonNull(transactions.execute(status -> change(reference, command, expectedVersion)));
    }

    private EndpointDetails change(String reference, UpdateEndpoint command, @Nullable Long expectedVersion) {
        EndpointDetails current = queries.getEndpoint(reference);
        requireVersion(current, expectedVersion);
        List<String> filters = command.events() == null ? current.events() : filters(command.events());
        boolean enabled = command.enabled() == null ? current.enabled() : command.enabled();
        String description = command.description() == null ? current.description() : blankToNull(command.description());
        boolean reenabled = enabled && !current.enabled();
        int updated = jdbc.sql("""
                        update webhook_endpoints set url = :url, description = :description, events = cast(:events as text[]),
                            enabled = :enabled, version = version + 1, updated_at = now(),
                            disabled_reason = case when :enabled then null else disabled_reason end,
                            disabled_at = case when :enabled then null else coalesce(disabled_at, now()) end,
                            failing_since = case when :reenabled then null else failing_since end
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("url", command.url() == null ? current.url() : command.url()).param("description", description)
                .param("events", textArray(filters)).param("enabled", enabled).param("reenabled", reenabled)
                .param("tenant", TenantContext.requireTenantId()).param("id", current.id()).param("version", current.version())
                .update();
        if (updated == 0) {
            throw staleVersion();
        }
        if (!enabled && current.enabled()) {
            dispatcher.failPending(TenantContext.requireTenantId(), current.id());
        }
        return queries.getEndpoint(current.id().toString());
    }

    /** Deletes the endpoint and its deliveries and attempts. 412 on a stale {@code If-Match}. */
    @Transactional
    public void delete(String reference, @Nullable Long expectedVersion) {
        EndpointDetails current = queries.getEndpoint(reference);
        requireVersion(current, expectedVersion);
        jdbc.sql("delete from webhook_endpoints where tenant_id = :tenant and id = :id")
                .param("tenant", TenantContext.requireTenantId()).param("id", current.id()).update();
    }

    /**
     * A new signing secret, returned once; the one it replaces keeps signing beside it for
     * {@code bazaar.webhooks.secret-rotation-overlap} (a secret older than that is dropped).
     */
    @Transactional
    public EndpointDetails rotateSecret(String reference) {
        EndpointDetails current = queries.getEndpoint(reference);
        String secret = Signatures.newSecret();
        boolean overlap = !properties.secretRotationOverlap().isZero();
        jdbc.sql("""
                        update webhook_endpoints set previous_secret = case when :overlap then secret end,
                            previous_expires_at = case when :overlap then cast(:expires as timestamptz) end,
                            secret = :secret, version = version + 1, updated_at = now()
                        where tenant_id = :tenant and id = :id""")
                .param("overlap", overlap).param("expires", Timestamp.from(clock.instant().plus(properties.secretRotationOverlap())))
                .param("secret", secrets.seal(secret)).param("tenant", TenantContext.requireTenantId()).param("id", current.id())
                .update();
        return queries.getEndpoint(current.id().toString()).withSecret(secret);
    }

    /** Sends a {@code ping} event to this endpoint only, once (no retries); returns its delivery. */
    @Transactional
    public DeliveryDetails test(String reference) {
        EndpointDetails endpoint = requireEnabled(queries.getEndpoint(reference));
        ObjectNode data = json.createObjectNode();
        data.put("endpoint_id", endpoint.id().toString());
        RecordedEvent ping = recorder.recordNow(TenantContext.requireTenantId(), EventType.PING, endpoint.id(), data);
        UUID delivery = dispatcher.arm(endpoint.id(), ping.id(), false);
        return queries.getDelivery(endpoint.id(), delivery);
    }

    /** Re-arms one delivery with a fresh retry schedule, its first attempt now; the {@code webhook-id} stays the same. */
    @Transactional
    public DeliveryDetails redeliver(String reference, String deliveryReference) {
        EndpointDetails endpoint = requireEnabled(queries.getEndpoint(reference));
        UUID deliveryId = Ids.parse(deliveryReference).orElseThrow(() -> new ApplicationException(
                WebhooksErrorCode.DELIVERY_NOT_FOUND, "This endpoint has no delivery with this id"));
        DeliveryDetails delivery = queries.getDelivery(endpoint.id(), deliveryId);
        dispatcher.arm(endpoint.id(), delivery.eventId(), true);
        return queries.getDelivery(endpoint.id(), deliveryId);
    }

    /**
     * Enqueues every event in [{@code from}, {@code to}) that the endpoint subscribes to (at most 7 days, within the
     * events' retention, at most {@value #MAX_REPLAY_EVENTS} events); an event already delivered there is re-armed
     * under the same {@code webhook-id}. Returns how many were enqueued.
     */
    @Transactional
    public int replay(String reference, Instant from, Instant to) {
        EndpointDetails endpoint = requireEnabled(queries.getEndpoint(reference));
        Instant now = clock.instant();
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_REPLAY_WINDOW) > 0) {
            throw new ApplicationException(WebhooksErrorCode.REPLAY_WINDOW_INVALID,
                    "`from` must be before `to`, at most 7 days apart");
        }
        if (from.isBefore(now.minus(events.retention()))) {
            throw new ApplicationException(WebhooksErrorCode.REPLAY_WINDOW_INVALID,
                    "Events are kept for " + events.retention().toDays() + " days; `from` is older than that");
        }
        List<String> types = java.util.Arrays.stream(EventType.values())
                .filter(type -> endpoint.events().stream().anyMatch(type::matches)).map(EventType::eventName).toList();
        List<UUID> matching = jdbc.sql("""
                        select id from events where tenant_id = :tenant and occurred_at >= :from and occurred_at < :to
                        and type = any(:types) order by seq limit :limit""")
                .param("tenant", TenantContext.requireTenantId()).param("from", java.sql.Timestamp.from(from))
                .param("to", java.sql.Timestamp.from(to)).param("types", types.toArray(String[]::new))
                .param("limit", MAX_REPLAY_EVENTS + 1).query(UUID.class).list();
        if (matching.size() > MAX_REPLAY_EVENTS) {
            throw new ApplicationException(WebhooksErrorCode.REPLAY_WINDOW_INVALID, "The window holds more than "
                    + MAX_REPLAY_EVENTS + " events for this endpoint; replay a shorter one");
        }
        dispatcher.armAll(endpoint.id(), matching, true);
        return matching.size();
    }

    private EndpointDetails requireEnabled(EndpointDetails endpoint) {
        if (!endpoint.enabled()) {
            throw new ApplicationException(WebhooksErrorCode.ENDPOINT_DISABLED, "The endpoint is disabled"
                    + (endpoint.disabledReason() == null ? "" : " (" + endpoint.disabledReason() + ")")
                    + "; enable it first (PATCH with \"enabled\": true)");
        }
        return endpoint;
    }

    private void checkUrl(String url) {
        Optional<String> problem = guard.checkUrl(url);
        if (problem.isEmpty()) {
            problem = resolvedProblem(url);
        }
        problem.ifPresent(reason -> {
            throw new ApplicationException(WebhooksErrorCode.URL_FORBIDDEN, "The URL " + reason,
                    List.of(new FieldViolation("url", "forbidden", reason)), Map.of());
        });
    }

    /**
     * A host that resolves to a forbidden address now is refused now; one that does not resolve is accepted (it is
     * checked again at every attempt).
     */
    private Optional<String> resolvedProblem(String url) {
        try {
            String host = java.net.URI.create(url).getHost();
            guard.resolveWithin(host, properties.connectTimeout());
            return Optional.empty();
        } catch (TargetGuard.ForbiddenTargetException e) {
            return Optional.of("resolves to an address webhooks may not reach (" + e.getMessage() + ")");
        } catch (java.net.UnknownHostException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static List<String> filters(List<String> requested) {
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!EventType.isValidFilter(requested.get(i))) {
                violations.add(new FieldViolation("events[" + i + "]", "unknown_event",
                        "is not an event name, a group with .* (like product.*), or *"));
            }
        }
        if (requested.isEmpty()) {
            violations.add(new FieldViolation("events", "required", "must name at least one event"));
        }
        if (!violations.isEmpty()) {
            throw new ApplicationException(dev.bazaar.platform.PlatformErrorCode.VALIDATION_FAILED,
                    violations.size() + " event filters are not valid", violations, Map.of());
        }
        return List.copyOf(new LinkedHashSet<>(requested));
    }

    static String textArray(List<String> values) {
        // Filters are validated ([a-z_.*] only), so they need no quoting inside the array literal.
        return "{" + String.join(",", values) + "}";
    }

    private static @Nullable String blankToNull(@Nullable String text) {
        return text == null || text.isBlank() ? null : text;
    }

    private static void requireVersion(EndpointDetails endpoint, @Nullable Long expected) {
        if (expected != null && expected != endpoint.version()) {
            throw staleVersion();
        }
    }

    private static ApplicationException staleVersion() {
        return new ApplicationException(dev.bazaar.platform.PlatformErrorCode.PRECONDITION_FAILED,
                "The endpoint has changed since you read it (If-Match does not match its ETag); read it again");
    }

    static String etag(EndpointDetails endpoint) {
        return ETags.of(endpoint.version());
    }
}
