package dev.bazaar.platform;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Optional;

/**
 * One rate-limit rule family: given a request, the bucket it draws from (if the policy applies to it). Every applicable
 * policy must have a token left for the request to pass; later modules add policies per credential, shop plan and
 * sensitive flow as beans.
 */
@FunctionalInterface
public interface RateLimitPolicy {

    Optional<Rule> resolve(HttpServletRequest request);

    /**
     * A bucket: {@code name} is shown in the {@code RateLimit-Policy} header, {@code key} identifies whose bucket it is
     * (for example a client address or credential id), and {@code capacity} requests are allowed per {@code period}.
     */
    record Rule(String name, String key, long capacity, Duration period) {}
}
