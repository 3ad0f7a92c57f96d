package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.ClientAddress;
import dev.bazaar.platform.RateLimitPolicy;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Picks the bucket store (Redis when configured) and declares the default anonymous-per-client-address policy. */
@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

    static final String KEY_PREFIX = "bazaar:rl:";

    static String bucketKey(RateLimitPolicy.Rule rule) {
        return KEY_PREFIX + rule.name() + ":" + rule.key();
    }

    @Bean
    Buckets rateLimitBuckets(Environment environment) {
        String redisUrl = environment.getProperty("spring.data.redis.url");
        return redisUrl != null && !redisUrl.isBlank() ? new RedisBuckets(redisUrl) : new LocalBuckets();
    }

    /** The name of the anonymous per-address rule. */
    static final String ANONYMOUS = "anonymous";

    /** Anonymous traffic is limited per client address ({@code bazaar.rate-limit.anonymous}). */
    @Bean
    RateLimitPolicy anonymousRateLimitPolicy(BazaarProperties properties) {
        BazaarProperties.Limit limit = properties.rateLimit().anonymous();
        return request -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            boolean anonymous = authentication == null || authentication instanceof AnonymousAuthenticationToken
                    || !authentication.isAuthenticated();
            return anonymous
                    ? Optional.of(new RateLimitPolicy.Rule(ANONYMOUS, ClientAddress.bucket(request.getRemoteAddr()), limit.capacity(), limit.period()))
                    : Optional.empty();
        };
    }
}
