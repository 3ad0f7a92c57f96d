package dev.bazaar.platform.ratelimit;

import dev.bazaar.platform.RateLimitPolicy;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.DisposableBean;

/**
 * Buckets shared by every instance through Redis (compare-and-swap, so concurrent instances never over-grant). The
 * connection is opened on first use, so that Redis being down never stops start-up; a lost connection is re-established
 * in the background, and commands fail fast meanwhile.
 */
class RedisBuckets implements Buckets, DisposableBean {

    private final RedisClient client;
    private volatile @Nullable StatefulRedisConnection<String, byte[]> connection;
    private volatile @Nullable ProxyManager<String> proxyManager;

    RedisBuckets(String redisUrl) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(2));
        this.client = RedisClient.create(uri);
        // While the connection is down (and reconnecting in the background), commands fail at once instead of
        // queueing until the timeout: an outage must not add seconds to every request.
        this.client.setOptions(ClientOptions.builder()
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    @Override
    public ConsumptionProbe tryConsume(RateLimitPolicy.Rule rule) {
        BucketConfiguration configuration = RateLimiter.configuration(rule);
        return proxyManager().builder().build(RateLimitConfiguration.bucketKey(rule), () -> configuration)
                .tryConsumeAndReturnRemaining(1);
    }

    private ProxyManager<String> proxyManager() {
        ProxyManager<String> current = proxyManager;
        if (current == null) {
            synchronized (this) {
                current = proxyManager;
                if (current == null) {
                    StatefulRedisConnection<String, byte[]> opened =
                            client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
                    connection = opened;
                    current = Bucket4jLettuce.casBasedBuilder(opened)
                            .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                            .build();
                    proxyManager = current;
                }
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        StatefulRedisConnection<String, byte[]> open = connection;
        if (open != null) {
            open.close();
        }
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
