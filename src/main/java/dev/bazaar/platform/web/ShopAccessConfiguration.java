package dev.bazaar.platform.web;

import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.TenantScope;
import dev.bazaar.platform.ratelimit.RateLimiter;
import dev.bazaar.platform.security.ShopDirectory;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Registers the {@link ShopAccessInterceptor} and refuses to start if any shop-scoped handler does not declare who may
 * call it: an endpoint that forgot its declaration must not open up by default.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class ShopAccessConfiguration implements WebMvcConfigurer {

    private final ObjectProvider<ShopDirectory> directory;
    private final TenantScope tenantScope;
    private final RateLimiter rateLimiter;
    private final BazaarProperties properties;

    ShopAccessConfiguration(ObjectProvider<ShopDirectory> directory, TenantScope tenantScope, RateLimiter rateLimiter,
                            BazaarProperties properties) {
        this.directory = directory;
        this.tenantScope = tenantScope;
        this.rateLimiter = rateLimiter;
        this.properties = properties;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        ShopDirectory shops = directory.getIfAvailable(() -> (reference, actor) -> Optional.empty());
        registry.addInterceptor(new ShopAccessInterceptor(shops, tenantScope, rateLimiter, properties))
                .addPathPatterns("/api/v1/shops/*", "/api/v1/shops/*/**");
    }

    @Bean
    ApplicationListener<ContextRefreshedEvent> shopScopedHandlersAreDeclared() {
        return event -> {
            List<String> undeclared = event.getApplicationContext().getBeansOfType(RequestMappingHandlerMapping.class)
                    .values().stream()
                    .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream())
                    .filter(entry -> isShopScoped(entry.getKey()))
                    .filter(entry -> ShopAccessInterceptor.Declaration.of(entry.getValue()).isEmpty())
                    .map(entry -> entry.getValue().toString())
                    .toList();
            if (!undeclared.isEmpty()) {
                throw new IllegalStateException("Shop-scoped handlers must declare exactly one of @RequiresPermission, "
                        + "@AnyShopMember or @PublicShopAccess: " + undeclared);
            }
            // The interceptor finds the shop by the variable's name; another name would skip every check.
            List<String> misnamed = event.getApplicationContext().getBeansOfType(RequestMappingHandlerMapping.class)
                    .values().stream()
                    .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream())
                    .flatMap(info -> info.getPatternValues().stream())
                    .filter(pattern -> pattern.startsWith("/api/v1/shops/{") && !isShopScoped(pattern))
                    .toList();
            if (!misnamed.isEmpty()) {
                throw new IllegalStateException("Shop-scoped paths must call the shop variable {shop}: " + misnamed);
            }
        };
    }

    static boolean isShopScoped(RequestMappingInfo info) {
        return info.getPatternValues().stream().anyMatch(ShopAccessConfiguration::isShopScoped);
    }

    private static boolean isShopScoped(String pattern) {
        return pattern.equals("/api/v1/shops/{shop}") || pattern.startsWith("/api/v1/shops/{shop}/");
    }
}
