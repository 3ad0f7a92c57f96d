package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.RateLimitPolicy;
import dev.bazaar.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies every {@link RateLimitPolicy} to {@code /api/**} through the {@link RateLimiter}: a request passes only if
 * each applicable bucket has a token, except that the anonymous per-address limit is left out where an applicable
 * policy {@linkplain RateLimitPolicy#replacesAnonymousLimit() replaces it}. (The per-shop plan limits are applied
 * after the shop is resolved.)
 */
@Component
@Order(-10)
class RateLimitFilter extends OncePerRequestFilter {

    private final boolean enabled;
    private final List<RateLimitPolicy> policies;
    private final RateLimiter limiter;
    private final Problems problems;

    RateLimitFilter(BazaarProperties properties, List<RateLimitPolicy> policies, RateLimiter limiter, Problems problems) {
        this.enabled = properties.rateLimit().enabled();
        this.policies = policies;
        this.limiter = limiter;
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !enabled || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<RateLimitPolicy.Rule> rules = new ArrayList<>();
        boolean anonymousReplaced = false;
        for (RateLimitPolicy policy : policies) {
            RateLimitPolicy.Rule rule = policy.resolve(request).orElse(null);
            if (rule != null) {
                rules.add(rule);
                anonymousReplaced |= policy.replacesAnonymousLimit();
            }
        }
        if (anonymousReplaced) {
            rules.removeIf(rule -> rule.name().equals(RateLimitConfiguration.ANONYMOUS));
        }
        try {
            limiter.consume(rules, request, response);
        } catch (ApplicationException refused) {
            refused.headers().forEach(response::setHeader);
            problems.write(request, response, refused.errorCode(), refused.getMessage());
            return;
        }
        chain.doFilter(request, response);
    }
}
