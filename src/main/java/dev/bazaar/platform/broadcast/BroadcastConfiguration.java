package dev.bazaar.platform.broadcast;

import dev.bazaar.platform.Broadcasts;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/** {@link Broadcasts} over Redis when Bazaar has Redis ({@code bazaar.redis.url}), in process otherwise. */
@Configuration(proxyBeanMethods = false)
class BroadcastConfiguration {

    @Bean
    Broadcasts broadcasts(Environment environment, MeterRegistry meters, ObjectProvider<RedisConnectionFactory> connections,
                          ObjectProvider<StringRedisTemplate> redis) {
        LocalBroadcasts local = new LocalBroadcasts(meters);
        if (environment.getProperty("bazaar.redis.enabled", Boolean.class, false)) {
            return new RedisBroadcasts(local, connections.getObject(), redis.getObject());
        }
        return local;
    }
}
