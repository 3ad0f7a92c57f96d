package dev.bazaar.platform.config;

import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Configuration;

/** Spring's cache abstraction: Redis when configured, Caffeine otherwise ({@code spring.cache.type} is derived). */
@Configuration(proxyBeanMethods = false)
@EnableCaching
class CacheConfiguration {}
