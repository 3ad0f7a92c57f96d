package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.support.IntegrationTest;
import dev.bazaar.support.RedisAvailable;
import dev.bazaar.support.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.cache.CacheManager;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** With BAZAAR_REDIS_URL: readiness checks Redis, rate-limit buckets and the cache live in Redis. */
@IntegrationTest(properties = "bazaar.redis.url=${BAZAAR_TEST_REDIS_URL:redis://127.0.0.1:6379}")
class RedisIT {

    @BeforeAll
    static void redisIsThere() {
        RedisAvailable.url();
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    StringRedisTemplate redis;

    @Autowired
    CacheManager cacheManager;

    @Test
    void readinessIncludesRedis() {
        assertThat(environment.getProperty("management.endpoint.health.group.readiness.include")).contains("redis");
        assertThat(new TestHttp(port).get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitBucketsAreKeptInRedis() {
        new TestHttp(port).get("/api/v1");
        assertThat(redis.hasKey("bazaar:rl:anonymous:127.0.0.1")).isTrue();
    }

    @Test
    void cacheIsBackedByRedis() {
        assertThat(cacheManager.getClass().getSimpleName()).isEqualTo("RedisCacheManager");
    }
}
