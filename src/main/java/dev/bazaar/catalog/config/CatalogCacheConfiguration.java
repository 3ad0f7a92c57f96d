package dev.bazaar.catalog.config;

import dev.bazaar.catalog.application.CatalogCache;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.core.StringRedisTemplate;

/** The storefront cache: in Redis when Bazaar has Redis, in process otherwise. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogCacheConfiguration.CatalogCacheProperties.class)
class CatalogCacheConfiguration {

    /** {@code bazaar.catalog.cache.*}: on by default; entries live at most {@code ttl}; {@code max-entries} in process. */
    @ConfigurationProperties("bazaar.catalog.cache")
    record CatalogCacheProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration ttl,
                                  @DefaultValue("10000") long maxEntries) {}

    @Bean
    CatalogCache catalogCache(CatalogCacheProperties properties, Environment environment,
                              ObjectProvider<StringRedisTemplate> redis, MeterRegistry meters) {
        if (environment.getProperty("bazaar.redis.enabled", Boolean.class, false)) {
            return CatalogCache.redis(redis.getObject(), meters, properties.enabled(), properties.ttl());
        }
        return CatalogCache.local(meters, properties.enabled(), properties.ttl(), properties.maxEntries());
    }
}
