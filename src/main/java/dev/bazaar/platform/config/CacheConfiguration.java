package dev.bazaar.platform.config;

import io.lettuce.core.ClientOptions;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Spring's cache abstraction: Redis when configured, Caffeine otherwise ({@code spring.cache.type} is derived). */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfiguration {

    /**
     * While Redis is unreachable (and Lettuce reconnects in the background), commands fail at once instead of waiting
     * for the timeout: callers that can do without Redis (the catalog cache) then add no latency during an outage.
     */
    @Bean
    LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
        return options -> options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
    }
}
