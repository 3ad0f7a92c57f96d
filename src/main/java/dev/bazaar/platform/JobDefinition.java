package dev.bazaar.platform;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A kind of durable one-off job: its unique name, the payload type (serialised as JSON, so keep it a small record of
 * ids and values), and its retry policy: up to {@code maxAttempts} runs with exponential backoff from
 * {@code firstRetryDelay}, doubling up to {@code maxRetryDelay}, with jitter. After the last failed attempt the job is
 * dead: kept in {@code dead_jobs}, logged and counted, never silently dropped. Handlers must be idempotent: a job can
 * run more than once (at-least-once delivery).
 */
public record JobDefinition<T>(String name, Class<T> payloadType, int maxAttempts, Duration firstRetryDelay,
                               Duration maxRetryDelay, boolean keepPayloadWhenDead) {

    public JobDefinition {
        if (!name.matches("[a-z][a-z0-9._-]{0,99}")) {
            throw new IllegalArgumentException("job name must be lower-case and short: " + name);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Eight attempts over roughly an hour: 30 s, 1 min, 2 min, 4 min, 8 min, 16 min, 30 min. */
    public static <T> JobDefinition<T> of(String name, Class<T> payloadType) {
        return new JobDefinition<>(name, payloadType, 8, Duration.ofSeconds(30), Duration.ofMinutes(30), true);
    }

    public JobDefinition<T> withRetries(int maxAttempts, Duration firstRetryDelay, Duration maxRetryDelay) {
        return new JobDefinition<>(name, payloadType, maxAttempts, firstRetryDelay, maxRetryDelay, keepPayloadWhenDead);
    }

    /** For payloads that may hold secrets (mails with one-time links): a dead job is recorded without its payload. */
    public JobDefinition<T> withoutPayloadWhenDead() {
        return new JobDefinition<>(name, payloadType, maxAttempts, firstRetryDelay, maxRetryDelay, false);
    }

    /** Delay before the next attempt after {@code failedAttempts} failures: exponential, capped, with ±25 % jitter. */
    public Duration retryDelay(int failedAttempts) {
        long base = firstRetryDelay.toMillis();
        int exponent = Math.min(Math.max(failedAttempts - 1, 0), 30);
        long delay = Math.min(maxRetryDelay.toMillis(), base * (1L << exponent));
        double jitter = 0.75 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis(Math.max(1, Math.round(delay * jitter)));
    }
}
