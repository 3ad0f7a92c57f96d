package dev.bazaar.webhooks.delivery;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.kagkarlsson.scheduler.Scheduler;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.SecretBox;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.persistence.Sql;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
    /** How long a due delivery may wait unclaimed before the sweep gives its endpoint a new sender. */
    static final Duration SWEEP_AFTER = Duration.ofSeconds(30);
    private static final int MAX_LOST_CLAIMS = 3;

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
    /** Per endpoint; weakly held, so that the entry of an idle endpoint (nobody holding a permit) goes. */
    private final LoadingCache<UUID, Lane> lanes;
    private volatile boolean stopping;
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
        this.lanes = Caffeine.newBuilder().weakValues().build(id -> new Lane(properties.maxInFlightPerEndpoint()));
        this.latency = Timer.builder("bazaar.webhooks.attempt.latency").description("Time from sending a webhook to its answer")
                .publishPercentileHistogram().register(meters);
    }

    // --- fan-out ----------------------------------------------------------------------------------------------------

    @Override
    public void recorded(List<RecordedEvent> events) {
        boolean any = false;
        Map<UUID, List<RecordedEvent>> byTenant = new LinkedHashMap<>();
        for (RecordedEvent event : events) {
            if (event.type() != EventType.PING) {
                byTenant.computeIfAbsent(event.tenantId(), tenant -> new ArrayList<>()).add(event);
            }
        }
        for (Map.Entry<UUID, List<RecordedEvent>> tenant : byTenant.entrySet()) {
            any |= tenantScope.call(tenant.getKey(), () -> fanOut(tenant.getKey(), tenant.getValue()));
        }
        if (any) {
            wakeSchedulerAfterCommit();
        }
    }

    private record Subscribed(UUID id, List<String> filters) {}

    /** One read of the shop's enabled endpoints for all of the transaction's events, then a delivery per match. */
    private boolean fanOut(UUID tenant, List<RecordedEvent> events) {
        List<Subscribed> endpoints = jdbc.sql("select id, events from webhook_endpoints where tenant_id = :tenant and enabled")
                .param("tenant", tenant)
                .query((rs, n) -> new Subscribed(rs.getObject("id", UUID.class),
                        WebhookQueries.strings(rs.getArray("events"))))
                .list();
        boolean any = false;
        for (RecordedEvent event : events) {
            for (Subscribed endpoint : endpoints) {
                if (endpoint.filters().stream().noneMatch(event.type()::matches)) {
                    continue;
                }
                UUID delivery = Ids.newId();
                int inserted = jdbc.sql("""
                                insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, next_attempt_at)
                                values (:tenant, :id, :endpoint, :event, 'pending', now())
                                on conflict (tenant_id, endpoint_id, event_id) do nothing""")
                        .param("tenant", tenant).param("id", delivery).param("endpoint", endpoint.id())
                        .param("event", event.id()).update();
                if (inserted == 1) {
                    jobs.enqueue(ATTEMPT, new AttemptJob(delivery, 1));
                    any = true;
                }
            }
        }
        return any;
    }

    /**
     * Creates or re-arms the delivery of the event to the endpoint (pending, a fresh retry schedule, first attempt
     * now) in the current transaction; returns its id. The {@code webhook-id} stays the event's id.
     */
    UUID arm(UUID endpointId, UUID eventId, boolean retries) {
        return armAll(endpointId, List.of(eventId), retries).getFirst();
    }

    /** {@link #arm} for many events of one endpoint, with one statement; returns the deliveries' ids. */
    List<UUID> armAll(UUID endpointId, List<UUID> eventIds, boolean retries) {
        UUID tenant = TenantContext.requireTenantId();
        record Armed(UUID id, int attemptCount, boolean inFlight) {}
        List<Armed> armed = new ArrayList<>();
        for (int from = 0; from < eventIds.size(); from += 1000) {
            List<UUID> chunk = eventIds.subList(from, Math.min(eventIds.size(), from + 1000));
            armed.addAll(jdbc.sql("""
                            insert into webhook_deliveries (tenant_id, id, endpoint_id, event_id, status, retries, next_attempt_at)
                            select :tenant, gen_random_uuid(), :endpoint, event, 'pending', :retries, now()
                            from unnest(cast(:events as uuid[])) as event
                            on conflict (tenant_id, endpoint_id, event_id) do update set status = 'pending', armed_attempts = 0,
                                retries = excluded.retries, next_attempt_at = now(), updated_at = now(),
                                rearmed = coalesce(webhook_deliveries.claimed_until > now(), false)
                            returning id, attempt_count, rearmed as in_flight""")
                    .param("tenant", tenant).param("endpoint", endpointId).param("retries", retries)
                    .param("events", chunk.toArray(UUID[]::new))
                    .query((rs, n) -> new Armed(rs.getObject("id", UUID.class), rs.getInt("attempt_count"),
                            rs.getBoolean("in_flight")))
                    .list());
        }
        for (Armed delivery : armed) {
            // An attempt in flight records attempt_count + 1 when it ends: the re-armed one is the attempt after it.
            jobs.enqueue(ATTEMPT, new AttemptJob(delivery.id(), delivery.attemptCount() + (delivery.inFlight() ? 2 : 1)));
        }
        wakeSchedulerAfterCommit();
        return armed.stream().map(Armed::id).toList();
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

    /** What an attempt sends, read in the claiming transaction; {@code token} names this claim of the delivery. */
    private record Claim(UUID tenantId, UUID deliveryId, UUID endpointId, int attempt, UUID token, String url,
                         List<String> secrets, String eventId, String body) {}

    /** A delivery as an attempt job first sees it, before it takes a permit. */
    private record Due(UUID endpointId, String status, int attemptCount) {}

    /**
     * One endpoint's senders on this instance: its permits, and a count of the attempt jobs that found them all taken
     * and left their delivery to the senders (a sender that lets go of its permit looks again when it changed).
     */
    static final class Lane {
        final Semaphore permits;
        final AtomicLong leftToSenders = new AtomicLong();

        Lane(int permits) {
            this.permits = new Semaphore(permits);
        }
    }

    /** The attempt job's handler; runs in the delivery's tenant scope. Idempotent. */
    void attempt(AttemptJob job) {
        if (stopping) {
            return; // the sweep gives the delivery a sender on a running instance
        }
        UUID tenant = TenantContext.requireTenantId();
        Optional<Due> due = transactions.execute(status -> jdbc
                .sql("select endpoint_id, status, attempt_count from webhook_deliveries where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", job.deliveryId())
                .query((rs, n) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getInt(3))).optional());
        if (due == null || due.isEmpty() || !due.get().status().equals("pending") || due.get().attemptCount() + 1 != job.attempt()) {
            // Gone, finished, or this attempt is already recorded (a fallback that the endpoint's sender got to
            // first): nothing to do, and no permit taken.
            return;
        }
        UUID endpoint = due.get().endpointId();
        Lane lane = lanes.get(endpoint);
        if (!lane.permits.tryAcquire()) {
            // The endpoint's senders are all busy: each takes the endpoint's due deliveries one after another and
            // looks again after letting go of its permit, so this one is theirs. No retry job: a deep backlog never
            // floods the job queue. Should a sender die, the sweep starts a new one.
            lane.leftToSenders.incrementAndGet();
            count("queued");
            return;
        }
        long seen = lane.leftToSenders.get();
        Claim claim = null;
        try {
            claim = transactions.execute(status -> claim(tenant, job.deliveryId(), job.attempt()));
        } finally {
            if (claim == null) {
                claim = releaseAndLook(lane, seen, tenant, endpoint);
            }
        }
        if (claim != null) {
            Claim first = claim;
            sending.execute(() -> sendAll(first, lane));
        }
    }

    /**
     * Sends the claimed attempt, then, holding the endpoint's permit, the endpoint's next due deliveries one after
     * another, so that a backlog drains at the receiver's pace without a job per wait. Lets go of the permit at the
     * end, and looks once more for deliveries left to it meanwhile.
     */
    private void sendAll(Claim first, Lane lane) {
        long claimedIn = generation;
        Claim claim = first;
        while (claim != null) {
            long seen = lane.leftToSenders.get();
            boolean failed = false;
            try {
                while (claim != null) {
                    Claim current = claim;
                    WebhookSender.Result result = send(current);
                    if (claimedIn != generation) {
                        return; // abandoned (stopped or a test): the claim expires and its fallback repeats it
                    }
                    tenantScope.run(current.tenantId(), () -> transactions.executeWithoutResult(status -> record(current, result)));
                    seen = lane.leftToSenders.get();
                    claim = stopping ? null : nextOf(current.tenantId(), current.endpointId());
                }
            } catch (RuntimeException e) {
                failed = true;
                log.warn("Sending webhooks of endpoint {} stopped; the fallbacks and the sweep repeat what was not recorded",
                        first.endpointId(), e);
            } finally {
                if (claimedIn != generation || failed) {
                    lane.permits.release();
                    claim = null;
                } else {
                    claim = releaseAndLook(lane, seen, first.tenantId(), first.endpointId());
                }
            }
        }
    }

    /**
     * Lets go of the permit. If an attempt job left a delivery to the senders since {@code seen} (it found the permit
     * taken while we held it), takes a permit back and returns the endpoint's next due delivery, claimed; null when
     * there is none (the permit then let go again) or the permit went to someone else (who looks in turn).
     */
    private @Nullable Claim releaseAndLook(Lane lane, long seen, UUID tenant, UUID endpoint) {
        long last = seen;
        while (true) {
            lane.permits.release();
            if (stopping || lane.leftToSenders.get() == last || !lane.permits.tryAcquire()) {
                return null;
            }
            last = lane.leftToSenders.get();
            Claim claim = null;
            try {
                claim = nextOf(tenant, endpoint);
            } catch (RuntimeException e) {
                log.warn("Looking for more webhooks of endpoint {} failed; the sweep will", endpoint, e);
                lane.permits.release();
                return null;
            }
            if (claim != null) {
                return claim;
            }
        }
    }

    private @Nullable Claim nextOf(UUID tenant, UUID endpoint) {
        return tenantScope.call(tenant, () -> transactions.execute(status -> next(tenant, endpoint)));
    }

    /** The endpoint's next due, unclaimed delivery that can be claimed, claimed; null when there is none. */
    private @Nullable Claim next(UUID tenant, UUID endpoint) {
        record Next(UUID id, int attemptCount) {}
        for (int tried = 0; tried < 100; tried++) {
            Optional<Next> next = jdbc.sql("""
                            select id, attempt_count from webhook_deliveries
                            where tenant_id = :tenant and endpoint_id = :endpoint and status = 'pending'
                            and next_attempt_at <= :now and (claimed_until is null or claimed_until < :now)
                            order by next_attempt_at limit 1 for update skip locked""")
                    .param("tenant", tenant).param("endpoint", endpoint).param("now", Timestamp.from(clock.instant()))
                    .query((rs, n) -> new Next(rs.getObject(1, UUID.class), rs.getInt(2))).optional();
            if (next.isEmpty()) {
                return null;
            }
            Claim claim = claim(tenant, next.get().id(), next.get().attemptCount() + 1);
            if (claim != null) {
                return claim;
            }
            // That one was failed (abandoned, endpoint disabled) instead: try the next.
        }
        return null;
    }

    /**
     * The safety net of the senders: an endpoint whose oldest due delivery has waited unclaimed for longer than
     * {@link #SWEEP_AFTER} (its sender died between two deliveries, or its attempt job found the endpoint busy just
     * as an instance went down) gets an attempt job for it, which starts a sender that drains the rest. At most one job
     * per endpoint per sweep, the longest-waiting first, across shops (the system scope); safe on several instances at
     * once (a duplicate job finds its attempt claimed or recorded).
     */
    void sweep() {
        record Stalled(UUID tenantId, UUID deliveryId, int attemptCount) {}
        List<Stalled> stalled = tenantScope.system("find webhook deliveries of every shop that nobody is sending",
                () -> transactions.execute(status -> jdbc.sql("""
                                select tenant_id, id, attempt_count from (
                                    select distinct on (tenant_id, endpoint_id) tenant_id, id, attempt_count, next_attempt_at
                                    from webhook_deliveries
                                    where status = 'pending' and next_attempt_at < :before
                                    and (claimed_until is null or claimed_until < :now)
                                    order by tenant_id, endpoint_id, next_attempt_at) oldest
                                order by next_attempt_at limit 1000""")
                        .param("before", Timestamp.from(clock.instant().minus(SWEEP_AFTER)))
                        .param("now", Timestamp.from(clock.instant()))
                        .query((rs, n) -> new Stalled(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3)))
                        .list()));
        for (Stalled delivery : stalled) {
            tenantScope.run(delivery.tenantId(), () -> transactions.executeWithoutResult(status ->
                    jobs.enqueue(ATTEMPT, new AttemptJob(delivery.deliveryId(), delivery.attemptCount() + 1))));
        }
        if (!stalled.isEmpty()) {
            log.debug("Webhook sweep: {} endpoints have due deliveries waiting for 30 s or more; each got an attempt job",
                    stalled.size());
            wakeScheduler();
        }
    }

    private record Row(String status, int attempts, UUID endpoint, String url, boolean enabled, String secret,
                       @Nullable String previous, @Nullable Instant previousExpires, UUID eventId, String body,
                       @Nullable Instant claimedUntil, int lostClaims) {}

    private @Nullable Claim claim(UUID tenant, UUID deliveryId, int attempt) {
        Row row = jdbc.sql("""
                        select d.status, d.attempt_count, d.endpoint_id, e.url, e.enabled, e.secret, e.previous_secret,
                               e.previous_expires_at, ev.id as event_id, ev.body, d.claimed_until, d.lost_claims
                        from webhook_deliveries d
                        join webhook_endpoints e on e.tenant_id = d.tenant_id and e.id = d.endpoint_id
                        join events ev on ev.tenant_id = d.tenant_id and ev.id = d.event_id
                        where d.tenant_id = :tenant and d.id = :id for update of d""")
                .param("tenant", tenant).param("id", deliveryId)
                .query((rs, n) -> new Row(rs.getString("status"), rs.getInt("attempt_count"),
                        rs.getObject("endpoint_id", UUID.class), rs.getString("url"), rs.getBoolean("enabled"),
                        rs.getString("secret"), rs.getString("previous_secret"),
                        Sql.instant(rs, "previous_expires_at"), rs.getObject("event_id", UUID.class),
                        rs.getString("body"), Sql.instant(rs, "claimed_until"), rs.getInt("lost_claims")))
                .optional().orElse(null);
        if (row == null || !row.status().equals("pending") || row.attempts() + 1 != attempt) {
            return null;
        }
        Instant now = clock.instant();
        if (row.claimedUntil() != null && row.claimedUntil().isAfter(now)) {
            return null; // in flight elsewhere
        }
        if (!row.enabled()) {
            jdbc.sql("""
                            update webhook_deliveries set status = 'failed', next_attempt_at = null, claimed_until = null,
                                last_error = 'endpoint_disabled', updated_at = now() where tenant_id = :tenant and id = :id""")
                    .param("tenant", tenant).param("id", deliveryId).update();
            count("skipped");
            return null;
        }
        int lostClaims = row.lostClaims() + (row.claimedUntil() != null ? 1 : 0);
        if (lostClaims >= MAX_LOST_CLAIMS) {
            // Three claims of this attempt ended without their outcome being recorded: stop repeating it for ever.
            log.error("Webhook delivery {}: attempt {} was claimed {} times without an outcome; marked failed",
                    deliveryId, attempt, lostClaims);
            jdbc.sql("""
                            update webhook_deliveries set status = 'failed', next_attempt_at = null, claimed_until = null,
                                last_error = 'abandoned', updated_at = now() where tenant_id = :tenant and id = :id""")
                    .param("tenant", tenant).param("id", deliveryId).update();
            count("abandoned");
            return null;
        }
        UUID token = UUID.randomUUID();
        jdbc.sql("""
                        update webhook_deliveries set claimed_until = :until, claim_token = :token, lost_claims = :lost
                        where tenant_id = :tenant and id = :id""")
                .param("until", Timestamp.from(now.plus(properties.attemptLease()))).param("token", token)
                .param("lost", lostClaims).param("tenant", tenant).param("id", deliveryId).update();
        List<String> signing = new ArrayList<>();
        signing.add(secrets.open(row.secret()));
        if (row.previous() != null && row.previousExpires() != null && row.previousExpires().isAfter(now)) {
            signing.add(secrets.open(row.previous()));
        }
        // Should this process die before the outcome is recorded, this copy makes the same attempt again.
        jobs.enqueue(ATTEMPT, new AttemptJob(deliveryId, attempt), now.plus(properties.attemptLease()).plusSeconds(1));
        return new Claim(tenant, deliveryId, row.endpoint(), attempt, token, row.url(), List.copyOf(signing),
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
                            last_attempt_at = :now, last_status = :code, last_error = :error, updated_at = now(),
                            claimed_until = null, claim_token = null, lost_claims = 0
                        where tenant_id = :tenant and id = :id and attempt_count = :attempt - 1 and status = 'pending'
                        and claim_token = :token
                        returning armed_attempts, retries, rearmed""")
                .param("attempt", claim.attempt()).param("now", Timestamp.from(now)).param("code", result.statusCode())
                .param("error", result.error()).param("tenant", claim.tenantId()).param("id", claim.deliveryId())
                .param("token", claim.token())
                .query((rs, n) -> new int[] {rs.getInt(1), rs.getBoolean(2) ? 1 : 0, rs.getBoolean(3) ? 1 : 0}).optional();
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
        boolean rearmed = recorded.get()[2] == 1;
        if (result.succeeded()) {
            jdbc.sql("""
                            update webhook_endpoints set failing_since = null where tenant_id = :tenant and id = :id
                            and failing_since is not null""")
                    .param("tenant", claim.tenantId()).param("id", claim.endpointId()).update();
            count("succeeded");
            if (rearmed) {
                // Redelivered while this attempt was in flight: the re-armed attempt (already enqueued) goes out too,
                // with a fresh retry schedule.
                jdbc.sql("update webhook_deliveries set armed_attempts = 0 where tenant_id = :tenant and id = :id")
                        .param("tenant", claim.tenantId()).param("id", claim.deliveryId()).update();
                setStatus(claim, "pending", now);
            } else {
                setStatus(claim, "succeeded", null);
            }
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
        jdbc.sql("""
                        update webhook_deliveries set status = :status, next_attempt_at = :next, rearmed = false
                        where tenant_id = :tenant and id = :id""")
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
            failPending(claim.tenantId(), claim.endpointId());
            log.warn("Webhook endpoint {} disabled ({})", claim.endpointId(), reason);
            publisher.publishEvent(new WebhookEndpointDisabled(claim.tenantId(), claim.endpointId(), claim.url(), reason, now));
        }
    }

    private void count(String outcome) {
        Counter.builder("bazaar.webhooks.deliveries").description("Webhook attempts by outcome")
                .tag("outcome", outcome).register(meters).increment();
    }

    /** Up to 20 % later, never earlier: the documented schedule is the shortest one (it must span 24 h). */
    private static Duration jittered(Duration delay) {
        double factor = 1.0 + ThreadLocalRandom.current().nextDouble() * 0.2;
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

    /** A disabled endpoint's pending deliveries stop at once (a replay or redelivery after re-enabling re-arms them). */
    void failPending(UUID tenant, UUID endpoint) {
        jdbc.sql("""
                        update webhook_deliveries set status = 'failed', next_attempt_at = null, last_error = 'endpoint_disabled',
                            updated_at = now() where tenant_id = :tenant and endpoint_id = :endpoint and status = 'pending'""")
                .param("tenant", tenant).param("endpoint", endpoint).update();
    }

    /**
     * Stops claiming, then waits for the attempts in flight to finish and be recorded (at most the hard limit of one
     * attempt and a little), before the HTTP client is closed; what is still running then is abandoned unrecorded, to
     * be repeated by its fallback, rather than recorded as a failure the receiver did not cause.
     */
    @Override
    public void destroy() {
        stopping = true;
        sending.shutdown();
        try {
            Duration wait = properties.connectTimeout().plus(properties.responseTimeout()).plusSeconds(2);
            if (!sending.awaitTermination(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                generation++;
                sending.shutdownNow();
            }
        } catch (InterruptedException e) {
            generation++;
            sending.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
