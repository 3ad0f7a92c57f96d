package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.RateLimitPolicy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.springframework.stereotype.Component;

/**
 * Takes tokens from buckets and renders the outcome: the IETF draft headers for the tightest bucket
 * ({@code RateLimit-Policy: "anonymous";q=300;w=60}, {@code RateLimit: "anonymous";r=299;t=60}), and a refusal as 429
 * with {@code Retry-After}. If the bucket store is unreachable, a rule that fails open lets the request through (logged
 * as a warning and counted in {@code bazaar.ratelimit.store.errors}): an outage of Redis must not take the API down. A
 * rule that fails closed refuses with 503 instead. During an outage the warning is logged once per ten seconds, the
 * metric counts every failed check.
 */
@Component
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
    /** During an outage every request fails the check; one warning per interval, the rest at debug level. */
    private static final Duration WARNING_INTERVAL = Duration.ofSeconds(10);

    private final Buckets buckets;
    private final Counter refused;
    private final Counter storeErrors;
    private final AtomicLong lastStoreWarning = new AtomicLong(System.nanoTime() - WARNING_INTERVAL.toNanos());

    RateLimiter(Buckets buckets, MeterRegistry registry) {
        this.buckets = buckets;
        this.refused = Counter.builder("bazaar.ratelimit.refused").description("Requests refused with 429").register(registry);
        this.storeErrors = Counter.builder("bazaar.ratelimit.store.errors")
                .description("Rate-limit checks that failed because the bucket store was unreachable").register(registry);
    }

    /**
     * Takes one token from each rule's bucket, in order, stopping at the first refusal; writes the headers of the
     * tightest bucket and throws 429 {@code rate_limited} (or 503 for a fail-closed rule without a store).
     */
    public void consume(List<RateLimitPolicy.Rule> rules, HttpServletRequest request, HttpServletResponse response) {
        Verdict tightest = null;
        for (RateLimitPolicy.Rule rule : rules) {
            Optional<ConsumptionProbe> probe = tryConsume(rule);
            if (probe.isEmpty()) {
                continue;
            }
            Verdict verdict = new Verdict(rule, probe.get());
            if (!verdict.probe().isConsumed()) {
                tightest = verdict;
                break;
            }
            if (tightest == null || verdict.probe().getRemainingTokens() < tightest.probe().getRemainingTokens()) {
                tightest = verdict;
            }
        }
        if (tightest == null) {
            return;
        }
        RateLimitPolicy.Rule rule = tightest.rule();
        response.setHeader("RateLimit-Policy", "\"%s\";q=%d;w=%d".formatted(rule.name(), rule.capacity(), rule.window().toSeconds()));
        response.setHeader("RateLimit", "\"%s\";r=%d;t=%d".formatted(rule.name(),
                Math.max(0, tightest.probe().getRemainingTokens()), seconds(tightest.probe().getNanosToWaitForReset())));
        if (!tightest.probe().isConsumed()) {
            refused.increment();
            log.atInfo().addKeyValue("event.action", "rate_limited").addKeyValue("bazaar.rate_limit", rule.name())
                    .addKeyValue("source.ip", request.getRemoteAddr()).addKeyValue("url.path", request.getRequestURI())
                    .log("Rate limit '{}' refused {} {} from {}", rule.name(), request.getMethod(),
                            request.getRequestURI(), request.getRemoteAddr());
            throw new ApplicationException(PlatformErrorCode.RATE_LIMITED,
                    "Rate limit '" + rule.name() + "' exceeded; retry after the time in Retry-After", List.of(), Map.of(),
                    Map.of("Retry-After", Long.toString(seconds(tightest.probe().getNanosToWaitForRefill()))));
        }
    }

    private Optional<ConsumptionProbe> tryConsume(RateLimitPolicy.Rule rule) {
        try {
            return Optional.of(buckets.tryConsume(rule));
        } catch (RuntimeException e) {
            storeErrors.increment();
            Level level = warnNow() ? Level.WARN : Level.DEBUG;
            if (rule.failsClosed()) {
                log.atLevel(level).log("Rate-limit store unavailable; refusing '{}' requests, which fail closed: {}",
                        rule.name(), e.getMessage());
                throw new ApplicationException(PlatformErrorCode.SERVICE_UNAVAILABLE,
                        "This operation is briefly unavailable; retry after the time in Retry-After", List.of(), Map.of(),
                        Map.of("Retry-After", "5"));
            }
            log.atLevel(level).log("Rate-limit store unavailable; letting '{}' requests through: {}", rule.name(), e.getMessage());
            return Optional.empty();
        }
    }

    private boolean warnNow() {
        long now = System.nanoTime();
        long last = lastStoreWarning.get();
        return now - last >= WARNING_INTERVAL.toNanos() && lastStoreWarning.compareAndSet(last, now);
    }

    static BucketConfiguration configuration(RateLimitPolicy.Rule rule) {
        return BucketConfiguration.builder()
                .addLimit(limit -> rule.greedy()
                        ? limit.capacity(rule.capacity()).refillGreedy(rule.refillTokens(), rule.period())
                        : limit.capacity(rule.capacity()).refillIntervally(rule.refillTokens(), rule.period()))
                .build();
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private record Verdict(RateLimitPolicy.Rule rule, ConsumptionProbe probe) {}
}
