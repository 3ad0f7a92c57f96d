package dev.bazaar.platform.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.bazaar.platform.RateLimitPolicy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** In-process buckets for a single instance; idle buckets are forgotten after an hour. */
class LocalBuckets implements Buckets {

    private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
            .maximumSize(200_000)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    @Override
    public ConsumptionProbe tryConsume(RateLimitPolicy.Rule rule) {
        Bucket bucket = buckets.get(RateLimitConfiguration.bucketKey(rule),
                key -> Bucket.builder().addLimit(RateLimiter.configuration(rule).getBandwidths()[0]).build());
        return bucket.tryConsumeAndReturnRemaining(1);
    }
}
