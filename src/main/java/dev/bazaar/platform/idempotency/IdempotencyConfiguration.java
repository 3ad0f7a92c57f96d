package dev.bazaar.platform.idempotency;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.platform.IdempotencyScope;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.RequiresIdempotencyKey;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The default idempotency scope, the purge of expired keys, and the check behind {@link RequiresIdempotencyKey}. */
@Configuration(proxyBeanMethods = false)
class IdempotencyConfiguration implements WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyConfiguration.class);
    private static final Pattern SHOP = Pattern.compile("^/api/v\\d+/shops/([^/]+)");

    private final Problems problems;

    IdempotencyConfiguration(Problems problems) {
        this.problems = problems;
    }

    /** Caller (authenticated principal, or the client address when anonymous) plus the shop named in the path. */
    @Bean
    @ConditionalOnMissingBean
    IdempotencyScope idempotencyScope() {
        return request -> {
            Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
            String caller = authentication != null && authentication.isAuthenticated()
                    && !(authentication instanceof AnonymousAuthenticationToken)
                    ? "principal:" + authentication.getName() : "anonymous:" + request.getRemoteAddr();
            Matcher shop = SHOP.matcher(request.getRequestURI());
            return shop.find() ? caller + "|shop:" + shop.group(1) : caller;
        };
    }

    @Bean
    Task<?> idempotencyPurgeTask(Jobs jobs, IdempotencyStore store) {
        return jobs.recurring("idempotency.purge", "0 */10 * * * *", () -> {
            int purged = store.purgeExpired();
            if (purged > 0) {
                log.info("Purged {} expired idempotency keys", purged);
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws Exception {
                if (handler instanceof HandlerMethod method
                        && (method.hasMethodAnnotation(RequiresIdempotencyKey.class)
                            || method.getBeanType().isAnnotationPresent(RequiresIdempotencyKey.class))
                        && request.getHeader(IdempotencyFilter.HEADER) == null) {
                    problems.write(request, response, PlatformErrorCode.IDEMPOTENCY_KEY_REQUIRED,
                            "This operation moves money and requires an Idempotency-Key header");
                    return false;
                }
                return true;
            }
        // After the shop-access checks (order 0): a caller who may not call the endpoint hears that, not about the header.
        }).order(Ordered.LOWEST_PRECEDENCE);
    }
}
