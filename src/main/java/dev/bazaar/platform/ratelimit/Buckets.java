package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.RateLimitPolicy;
import io.github.bucket4j.ConsumptionProbe;

/** Where buckets live. */
interface Buckets {

    /** Takes one token from the rule's bucket. */
    ConsumptionProbe tryConsume(RateLimitPolicy.Rule rule);
}
