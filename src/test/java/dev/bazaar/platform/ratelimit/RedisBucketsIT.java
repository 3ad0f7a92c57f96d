package dev.bazaar.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.platform.RateLimitPolicy;
import dev.bazaar.support.RedisAvailable;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Two instances sharing Redis draw from one bucket: together they never grant more than the capacity. */
class RedisBucketsIT {

    @Test
    void instancesSharingRedisShareTheBucket() throws Exception {
        String url = RedisAvailable.url();
        RedisBuckets first = new RedisBuckets(url);
        RedisBuckets second = new RedisBuckets(url);
        try {
            RateLimitPolicy.Rule rule = new RateLimitPolicy.Rule("test", UUID.randomUUID().toString(), 5, Duration.ofMinutes(1));
            int granted = 0;
            for (int i = 0; i < 10; i++) {
                RedisBuckets instance = i % 2 == 0 ? first : second;
                if (instance.tryConsume(rule).isConsumed()) {
                    granted++;
                }
            }
            assertThat(granted).isEqualTo(5);
        } finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void unreachableRedisFailsTheCallInsteadOfHanging() throws Exception {
        RedisBuckets nowhere = new RedisBuckets("redis://127.0.0.1:1");
        try {
            RateLimitPolicy.Rule rule = new RateLimitPolicy.Rule("test", "x", 5, Duration.ofMinutes(1));
            long start = System.nanoTime();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> nowhere.tryConsume(rule)).isInstanceOf(RuntimeException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
        } finally {
            nowhere.destroy();
        }
    }
}
