package dev.bazaar.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * One rate-limit rule family: given a request, the bucket it draws from (if the policy applies to it). Every applicable
 * policy must have a token left for the request to pass; modules add policies per sensitive flow as beans (the
 * per-credential, per-shop plan limits are applied by the platform once the shop is resolved).
 */
@FunctionalInterface
public interface RateLimitPolicy {

    Optional<Rule> resolve(HttpServletRequest request);

    /**
     * True for a policy whose rule, where it applies, stands in for the platform's anonymous per-address limit
     * ({@code bazaar.rate-limit.anonymous}): for example a payment provider's webhooks, which arrive for every shop
     * from a few shared addresses and would otherwise share one address's budget. False by default.
     */
    default boolean replacesAnonymousLimit() {
        return false;
    }

    /**
     * A bucket: {@code name} is shown in the {@code RateLimit-Policy} header, {@code key} identifies whose bucket it is
     * (for example a client address or credential id). It holds up to {@code capacity} tokens and gains
     * {@code refillTokens} per {@code period}: all at once at the end of each period (a fixed window) or, when
     * {@code greedy}, continuously (a token bucket with a sustained rate and a burst). When the bucket store (Redis) is
     * unreachable a rule lets requests through, unless it {@code failsClosed} (sign-in and other credential flows).
     */
    record Rule(String name, String key, long capacity, long refillTokens, Duration period, boolean greedy,
                boolean failsClosed) {

        /** {@code capacity} requests per {@code period}, in fixed windows; fails open. */
        public Rule(String name, String key, long capacity, Duration period) {
            this(name, key, capacity, capacity, period, false, false);
        }

        /** A token bucket: {@code perSecond} sustained, up to {@code burst} at once; fails open. */
        public static Rule tokenBucket(String name, String key, long burst, long perSecond) {
            return new Rule(name, key, burst, perSecond, Duration.ofSeconds(1), true, false);
        }

        /** The same rule, refusing requests (503) while the bucket store is unreachable. */
        public Rule failingClosed() {
            return new Rule(name, key, capacity, refillTokens, period, greedy, true);
        }

        /** The window advertised in {@code RateLimit-Policy}: how long an empty bucket takes to fill again. */
        public Duration window() {
            return greedy ? Duration.ofSeconds(Math.max(1, Math.ceilDiv(capacity, refillTokens) * period.toSeconds()))
                    : period;
        }
    }
}
