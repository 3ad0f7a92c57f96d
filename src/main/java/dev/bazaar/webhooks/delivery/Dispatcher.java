package dev.bazaar.webhooks.delivery;

import com.github.kagkarlsson.scheduler.Scheduler;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.SecretBox;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.webhooks.EventType;
import dev.bazaar.webhooks.RecordedEvent;
import dev.bazaar.webhooks.WebhookEndpointDisabled;
import dev.bazaar.webhooks.outbox.OutboxListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns recorded events into deliveries and deliveries into attempts (docs/WEBHOOKS.md).
 *
 * <p>Fan-out runs in the transaction that records the events: one delivery per enabled endpoint whose filters match,
 * and one durable attempt job per delivery, so that exactly the committed events are delivered; after the commit the
 * job scheduler is woken at once instead of at its next poll.
 *
 * <p>An attempt job (payload: delivery id and the number of the attempt it makes) is short: in one transaction it
 * checks that the delivery still waits for that attempt and schedules a fallback copy of itself one lease later (the
 * durable proof that the attempt must happen, should this process die mid-flight); after the commit it hands the HTTP
 * request to a virtual thread, holding one of the endpoint's few in-flight permits, and returns its scheduler thread.
 * The request's outcome is recorded in a new transaction that also schedules the next attempt. A job that finds its
 * attempt already recorded (a fallback, a duplicate) does nothing; one that finds the endpoint's permits taken
 * reschedules itself a moment later without counting an attempt, so that a slow endpoint only delays itself.
 */
@Component
class Dispatcher implements OutboxListener, DisposableBean {

    static final JobDefinition<AttemptJob> ATTEMPT = JobDefinition.of("webhooks.attempt", AttemptJob.class)
            .withRetries(20, Duration.ofSeconds(5), Duration.ofMinutes(10));

    /** The attempt job's payload: make attempt number {@code attempt} of this delivery. */
    record AttemptJob(UUID deliveryId, int attempt) {}

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final Duration BUSY_RETRY = Duration.ofMillis(500);

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final TenantScope tenantScope;
    private final SecretBox secrets;
    private final WebhookSender sender;
    private final WebhooksProperties properties;
    private final ApplicationEventPublisher publisher;
    private final ObjectProvider<Scheduler> scheduler;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Map<UUID, Semaphore> inFlight = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final Timer latency;
    private volatile ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor();
    private volatile long generation;

    Dispatcher(JdbcClient jdbc, Jobs jobs, TenantScope tenantScope, SecretBox secrets, WebhookSender sender,
               WebhooksProperties properties, ApplicationEventPublisher publisher, ObjectProvider<Scheduler> scheduler,
               PlatformTransactionManager transactionManager, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.tenantScope = tenantScope;
        this.secrets = secrets;
        this.sender = sender;
        this.properties = properties;
        this.publisher = publisher;
        this.scheduler = scheduler;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.meters = meters;
        this.latency = Timer.builder("bazaar.webhooks.attempt.latency").description("Time from sending a webhook to its answer")
                .publishPercentileHistogram().register(meters);
    }

    // --- fan-out ----------------------------------------------------------------------------------------------------

    @Override
    public void recorded(List<RecordedEvent> events) {
        boolean any = false;
        for (RecordedEvent event : events) {
            if (event.type() == EventType.PING) {
                continue;
            }
            any |= tenantScope.call(event.tenantId(), () -> fanOut(event));
        }
        if (any) {
            wakeSchedulerAfterCommit();
        }
    }

    private boolean fanOut(RecordedEvent event) {
        String filters = WebhookEndpointService.textArray(List.of("*", event.type().group() + ".*", event.type().eventName()));
        List<UUID> endpoints = jdbc.sql("""
                        select id from webhook_endpoints where tenant_id = :tenant and enabled
                        and events && cast(:filters as text[])""")
                .param("tenant", event.tenantId()).param("filters", filters).query(UUID.class).list();
        for (UUID endpoint : endpoints) {
            UUID delivery = Ids.newId();
            jdbc.sql("""
                            insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, next_attempt_at)
                            values (:tenant, :id, :endpoint, :event, 'pending', now())
                            on conflict (tenant_id, endpoint_id, event_id) do nothing""")
                    .param("tenant", event.tenantId()).param("id", delivery).param("endpoint", endpoint)
                    .param("event", event.id()).update();
            jobs.enqueue(ATTEMPT, new AttemptJob(delivery, 1));
        }
        return !endpoints.isEmpty();
    }

    /**
     * Creates or re-arms the delivery of the event to the endpoint (pending, a fresh retry schedule, first attempt
     * now) in the current transaction; returns its id. The {@code webhook-id} stays the event's id.
     */
    UUID arm(UUID endpointId, UUID eventId, boolean retries) {
        UUID tenant = TenantContext.requireTenantId();
        record Armed(UUID id, int attemptCount) {}
        Armed armed = jdbc.sql("""
                        insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, retries, next_attempt_at)
                        values (:tenant, :id, :endpoint, :event, 'pending', :retries, now())
                        on conflict (tenant_id, endpoint_id, event_id) do update set status = 'pending', armed_attempts = 0,
                            retries = excluded.retries, next_attempt_at = now(), updated_at = now()
                        returning id, attempt_count""")
                .param("tenant", tenant).param("id", Ids.newId()).param("endpoint", endpointId).param("event", eventId)
                .param("retries", retries)
                .query((rs, n) -> new Armed(rs.getObject("id", UUID.class), rs.getInt("attempt_count"))).single();
        jobs.enqueue(ATTEMPT, new AttemptJob(armed.id(), armed.attemptCount() + 1));
        wakeSchedulerAfterCommit();
        return armed.id();
    }

    private void wakeSchedulerAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            wakeScheduler();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                wakeScheduler();
            }
        });
    }

    private void wakeScheduler() {
        Scheduler current = scheduler.getIfAvailable();
        if (current != null) {
            current.triggerCheckForDueExecutions();
        }
    }

    // --- attempts ---------------------------------------------------------------------------------------------------

    /** What an attempt sends, read in the claiming transaction. */
    private record Claim(UUID tenantId, UUID deliveryId, UUID endpointId, int attempt, String url, List<String> secrets,
                         String eventId, String body) {}

    /** The attempt job's handler; runs in the delivery's tenant scope. Idempotent. */
    void attempt(AttemptJob job) {
        UUID tenant = TenantContext.requireTenantId();
        Optional<UUID> endpoint = transactions.execute(status -> jdbc
                .sql("select endpoint_id from webhook_deliveries where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", job.deliveryId()).query(UUID.class).optional());
        if (endpoint == null || endpoint.isEmpty()) {
            return;
        }
        Semaphore permits = inFlight.computeIfAbsent(endpoint.get(), id -> new Semaphore(properties.maxInFlightPerEndpoint()));
        if (!permits.tryAcquire()) {
            // The endpoint is busy with other attempts: come back shortly, without counting an attempt.
            transactions.executeWithoutResult(status -> jobs.enqueue(ATTEMPT, job, clock.instant().plus(jittered(BUSY_RETRY))));
            return;
        }
        boolean handedOff = false;
        try {
            Claim claim = transactions.execute(status -> claim(tenant, job));
            if (claim != null) {
                long claimedIn = generation;
                sending.execute(() -> {
                    try {
                        WebhookSender.Result result = send(claim);
                        if (claimedIn != generation) {
                            return;
                        }
                        tenantScope.run(claim.tenantId(), () -> transactions.executeWithoutResult(status -> record(claim, result)));
                    } catch (RuntimeException e) {
                        log.warn("Recording webhook attempt {} of delivery {} failed; its fallback will repeat it",
                                claim.attempt(), claim.deliveryId(), e);
                    } finally {
                        permits.release();
                    }
                });
                handedOff = true;
            }
        } finally {
            if (!handedOff) {
                permits.release();
            }
        }
    }

    private record Row(String status, int attempts, UUID endpoint, String url, boolean enabled, String secret,
                       @Nullable String previous, @Nullable Instant previousExpires, UUID eventId, String body) {}

    private @Nullable Claim claim(UUID tenant, AttemptJob job) {
        Row row = jdbc.sql("""
                        select d.status, d.attempt_count, d.endpoint_id, e.url, e.enabled, e.secret, e.previous_secret,
                               e.previous_expires_at, ev.id as event_id, ev.body
                        from webhook_deliveries d
                        join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
                        join events ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                        where d.tenant_id = :tenant and d.id = :id for update of d""")
                .param("tenant", tenant).param("id", job.deliveryId())
                .query((rs, n) -> new Row(rs.getString("status"), rs.getInt("attempt_count"),
                        rs.getObject("endpoint_id", UUID.class), rs.getString("url"), rs.getBoolean("enabled"),
                        rs.getString("secret"), rs.getString("previous_secret"),
                        WebhookQueries.instant(rs, "previous_expires_at"), rs.getObject("event_id", UUID.class),
                        rs.getString("body")))
                .optional().orElse(null);
        if (row == null || !row.status().equals("pending") || row.attempts() + 1 != job.attempt()) {
            return null;
        }
        if (!row.enabled()) {
            jdbc.sql("""
                            update webhook_deliveries set status = 'failed', next_attempt_at = null,
                                last_error = 'endpoint_disabled', updated_at = now() where tenant_id = :tenant and id = :id""")
                    .param("tenant", tenant).param("id", job.deliveryId()).update();
            count("skipped");
            return null;
        }
        List<String> signing = new ArrayList<>();
        signing.add(secrets.open(row.secret()));
        if (row.previous() != null && row.previousExpires() != null && row.previousExpires().isAfter(clock.instant())) {
            signing.add(secrets.open(row.previous()));
        }
        // Should this process die before the outcome is recorded, this copy makes the same attempt again.
        jobs.enqueue(ATTEMPT, job, clock.instant().plus(properties.attemptLease()));
        return new Claim(tenant, job.deliveryId(), row.endpoint(), job.attempt(), row.url(), List.copyOf(signing),
                row.eventId().toString(), row.body());
    }

    private WebhookSender.Result send(Claim claim) {
        long timestamp = clock.instant().getEpochSecond();
        String signature = Signatures.header(claim.secrets(), claim.eventId(), timestamp, claim.body());
        WebhookSender.Result result = sender.send(claim.url(), claim.eventId(), timestamp, signature, claim.body());
        latency.record(result.latencyMillis(), TimeUnit.MILLISECONDS);
        return result;
    }

    private void record(Claim claim, WebhookSender.Result result) {
        Instant now = clock.instant();
        boolean gone = result.statusCode() != null && result.statusCode() == 410;
        var recorded = jdbc.sql("""
                        update webhook_deliveries set attempt_count = :attempt, armed_attempts = armed_attempts + 1,
                            last_attempt_at = :now, last_status = :code, last_error = :error, updated_at = now()
                        where tenant_id = :tenant and id = :id and attempt_count = :attempt - 1 and status = 'pending'
                        returning armed_attempts, retries""")
                .param("attempt", claim.attempt()).param("now", Timestamp.from(now)).param("code", result.statusCode())
                .param("error", result.error()).param("tenant", claim.tenantId()).param("id", claim.deliveryId())
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getBoolean(2) ? 1 : 0}).optional();
        if (recorded.isEmpty()) {
            return;
        }
        jdbc.sql("""
                        insert into webhook_attempts (tenant_id, delivery_id, attempt, attempted_at, status_code, error,
                            latency_ms, response_body)
                        values (:tenant, :delivery, :attempt, :at, :code, :error, :latency, :body)
                        on conflict do nothing""")
                .param("tenant", claim.tenantId()).param("delivery", claim.deliveryId()).param("attempt", claim.attempt())
                .param("at", Timestamp.from(now.minusMillis(result.latencyMillis()))).param("code", result.statusCode())
                .param("error", result.error() == null && result.statusCode() == null ? "io" : result.error())
                .param("latency", (int) Math.min(Integer.MAX_VALUE, result.latencyMillis()))
                .param("body", result.responseBody() != null ? result.responseBody() : result.message())
                .update();
        int armedAttempts = recorded.get()[0];
        boolean retries = recorded.get()[1] == 1;
        if (result.succeeded()) {
            setStatus(claim, "succeeded", null);
            jdbc.sql("""
                            update webhook_endpoints set failing_since = null where tenant_id = :tenant and id = :id
                            and failing_since is not null""")
                    .param("tenant", claim.tenantId()).param("id", claim.endpointId()).update();
            count("succeeded");
            return;
        }
        if (gone) {
            setStatus(claim, "failed", null);
            disable(claim, "gone", now);
            count("gone");
            return;
        }
        List<Duration> delays = properties.retryDelays();
        if (retries && armedAttempts <= delays.size()) {
            Instant next = now.plus(jittered(delays.get(armedAttempts - 1)));
            setStatus(claim, "pending", next);
            jobs.enqueue(ATTEMPT, new AttemptJob(claim.deliveryId(), claim.attempt() + 1), next);
            count("retrying");
        } else {
            setStatus(claim, "failed", null);
            count("failed");
        }
        Instant failingSince = jdbc.sql("""
                        update webhook_endpoints set failing_since = coalesce(failing_since, :now)
                        where tenant_id = :tenant and id = :id returning failing_since""")
                .param("now", Timestamp.from(now)).param("tenant", claim.tenantId()).param("id", claim.endpointId())
                .query(Timestamp.class).optional().map(Timestamp::toInstant).orElse(now);
        if (failingSince.plus(properties.disableAfter()).isBefore(now)) {
            disable(claim, "failing", now);
        }
    }

    private void setStatus(Claim claim, String status, @Nullable Instant next) {
        jdbc.sql("update webhook_deliveries set status = :status, next_attempt_at = :next where tenant_id = :tenant and id = :id")
                .param("status", status).param("next", next == null ? null : Timestamp.from(next))
                .param("tenant", claim.tenantId()).param("id", claim.deliveryId()).update();
    }

    private void disable(Claim claim, String reason, Instant now) {
        int disabled = jdbc.sql("""
                        update webhook_endpoints set enabled = false, disabled_reason = :reason, disabled_at = :now,
                            version = version + 1, updated_at = now()
                        where tenant_id = :tenant and id = :id and enabled""")
                .param("reason", reason).param("now", Timestamp.from(now)).param("tenant", claim.tenantId())
                .param("id", claim.endpointId()).update();
        if (disabled == 1) {
            log.warn("Webhook endpoint {} disabled ({})", claim.endpointId(), reason);
            publisher.publishEvent(new WebhookEndpointDisabled(claim.tenantId(), claim.endpointId(), claim.url(), reason, now));
        }
    }

    private void count(String outcome) {
        Counter.builder("bazaar.webhooks.deliveries").description("Webhook attempts by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    private static Duration jittered(Duration delay) {
        double factor = 0.8 + ThreadLocalRandom.current().nextDouble() * 0.4;
        return Duration.ofMillis(Math.max(1, Math.round(delay.toMillis() * factor)));
    }

    /**
     * Abandons every attempt in flight as if this process had died (their outcomes are not recorded; their fallbacks
     * repeat them). For tests of the outbox's durability.
     */
    void abandonInFlight() {
        generation++;
        ExecutorService abandoned = sending;
        sending = Executors.newVirtualThreadPerTaskExecutor();
        abandoned.shutdownNow();
    }

    @Override
    public void destroy() {
        sending.shutdown();
    }
}
