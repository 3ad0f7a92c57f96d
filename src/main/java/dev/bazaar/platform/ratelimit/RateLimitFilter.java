package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.RateLimitPolicy;
import dev.bazaar.platform.web.Problems;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies every {@link RateLimitPolicy} to {@code /api/**}: a request passes only if each applicable bucket has a token.
 * Responses carry the IETF draft headers for the tightest bucket ({@code RateLimit-Policy: "anonymous";q=300;w=60},
 * {@code RateLimit: "anonymous";r=299;t=60}); a refusal is 429 problem details with {@code Retry-After}. If the bucket
 * store is unreachable the request is let through and the failure logged and counted: an outage of Redis must not
 * take the API down.
 */
@Component
@Order(-10)
class RateLimitFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

    private final boolean enabled;
    private final List<RateLimitPolicy> policies;
    private final Buckets buckets;
    private final Problems problems;
    private final Counter refused;
    private final Counter storeErrors;

    RateLimitFilter(BazaarProperties properties, List<RateLimitPolicy> policies, Buckets buckets, Problems problems,
                    MeterRegistry registry) {
        this.enabled = properties.rateLimit().enabled();
        this.policies = policies;
        this.buckets = buckets;
        this.problems = problems;
        this.refused = Counter.builder("bazaar.ratelimit.refused").description("Requests refused with 429").register(registry);
        this.storeErrors = Counter.builder("bazaar.ratelimit.store.errors")
                .description("Rate-limit checks skipped because the bucket store failed").register(registry);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Verdict tightest = null;
        for (RateLimitPolicy policy : policies) {
            var rule = policy.resolve(request);
            if (rule.isEmpty()) {
                continue;
            }
            ConsumptionProbe probe;
            try {
                probe = buckets.tryConsume(rule.get());
            } catch (RuntimeException e) {
                storeErrors.increment();
                log.warn("Rate-limit store unavailable; letting the request through: {}", e.getMessage());
                continue;
            }
            Verdict verdict = new Verdict(rule.get(), probe);
            if (!probe.isConsumed()) {
                tightest = verdict;
                break;
            }
            if (tightest == null || probe.getRemainingTokens() < tightest.probe().getRemainingTokens()) {
                tightest = verdict;
            }
        }
        if (tightest != null) {
            writeHeaders(response, tightest);
            if (!tightest.probe().isConsumed()) {
                refused.increment();
                log.atInfo().addKeyValue("event.action", "rate_limited").addKeyValue("bazaar.rate_limit", tightest.rule().name())
                        .addKeyValue("source.ip", request.getRemoteAddr()).addKeyValue("url.path", request.getRequestURI())
                        .log("Rate limit '{}' refused {} {} from {}", tightest.rule().name(), request.getMethod(),
                                request.getRequestURI(), request.getRemoteAddr());
                response.setHeader("Retry-After", Long.toString(seconds(tightest.probe().getNanosToWaitForRefill())));
                problems.write(request, response, PlatformErrorCode.RATE_LIMITED,
                        "Rate limit '" + tightest.rule().name() + "' exceeded; retry after the time in Retry-After");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static void writeHeaders(HttpServletResponse response, Verdict verdict) {
        RateLimitPolicy.Rule rule = verdict.rule();
        response.setHeader("RateLimit-Policy", "\"%s\";q=%d;w=%d".formatted(rule.name(), rule.capacity(), rule.period().toSeconds()));
        response.setHeader("RateLimit", "\"%s\";r=%d;t=%d".formatted(rule.name(),
                Math.max(0, verdict.probe().getRemainingTokens()), seconds(verdict.probe().getNanosToWaitForReset())));
    }

    private static long seconds(long nanos) {
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    private record Verdict(RateLimitPolicy.Rule rule, ConsumptionProbe probe) {}

}
