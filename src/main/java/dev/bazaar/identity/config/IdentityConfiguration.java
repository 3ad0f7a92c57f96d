package dev.bazaar.identity.config;

import com.github.kagkarlsson.scheduler.task.Task;
import dev.bazaar.identity.application.AccountService;
import dev.bazaar.identity.application.IdentityPurge;
import dev.bazaar.platform.ClientAddress;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.ProductionCheck;
import dev.bazaar.platform.RateLimitPolicy;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Identity's stricter per-address rate limits on the sensitive endpoints (on top of the platform's anonymous limit),
 * its {@code prod} requirement of configured signing keys, and the daily purge of expired identity data.
 */
@Configuration(proxyBeanMethods = false)
class IdentityConfiguration {

    @Bean
    RateLimitPolicy identityTokenRateLimit(IdentityProperties properties) {
        IdentityProperties.RateLimits limits = properties.rateLimits();
        return request -> post(request, "/api/v1/auth/token", "/api/v1/auth/revoke")
                ? Optional.of(new RateLimitPolicy.Rule("auth-token", ClientAddress.bucket(request.getRemoteAddr()), limits.tokenCapacity(), limits.tokenPeriod()).failingClosed())
                : Optional.empty();
    }

    @Bean
    RateLimitPolicy identityRegistrationRateLimit(IdentityProperties properties) {
        IdentityProperties.RateLimits limits = properties.rateLimits();
        return request -> post(request, "/api/v1/accounts")
                ? Optional.of(new RateLimitPolicy.Rule("registration", ClientAddress.bucket(request.getRemoteAddr()), limits.registrationCapacity(),
                        limits.registrationPeriod()).failingClosed())
                : Optional.empty();
    }

    @Bean
    RateLimitPolicy identityPasswordResetRateLimit(IdentityProperties properties) {
        IdentityProperties.RateLimits limits = properties.rateLimits();
        return request -> post(request, "/api/v1/auth/password-reset", "/api/v1/auth/password-reset/confirm")
                ? Optional.of(new RateLimitPolicy.Rule("password-reset", ClientAddress.bucket(request.getRemoteAddr()), limits.passwordResetCapacity(),
                        limits.passwordResetPeriod()).failingClosed())
                : Optional.empty();
    }

    @Bean
    RateLimitPolicy identityEmailVerificationRateLimit(IdentityProperties properties) {
        IdentityProperties.RateLimits limits = properties.rateLimits();
        return request -> post(request, "/api/v1/accounts/email-verification")
                ? Optional.of(new RateLimitPolicy.Rule("email-verification", ClientAddress.bucket(request.getRemoteAddr()),
                        limits.emailVerificationCapacity(), limits.emailVerificationPeriod()).failingClosed())
                : Optional.empty();
    }

    @Bean
    ProductionCheck identityProductionCheck(IdentityProperties properties) {
        return () -> properties.jwt().signingKeys() == null || properties.jwt().signingKeys().isBlank()
                ? List.of("bazaar.identity.jwt.signing-keys is not set (BAZAAR_IDENTITY_JWT_SIGNING_KEYS; create one with "
                        + "bin/bazaar generate-signing-key), so access tokens would be signed with a key kept in the database")
                : List.of();
    }

    @Bean
    Task<?> identityPasswordResetTask(Jobs jobs, AccountService accounts) {
        return jobs.handler(AccountService.PASSWORD_RESET_JOB, accounts::sendPasswordReset);
    }

    /** Daily: expired one-time tokens, ended sessions after 30 days, idle throttle rows, events after a year, stale registrations. */
    @Bean
    Task<?> identityPurgeTask(Jobs jobs, IdentityPurge purge) {
        return jobs.recurring("identity.purge", "0 17 3 * * *", purge::run);
    }

    private static boolean post(HttpServletRequest request, String... paths) {
        if (!"POST".equals(request.getMethod())) {
            return false;
        }
        String uri = request.getRequestURI();
        for (String path : paths) {
            if (uri.equals(path)) {
                return true;
            }
        }
        return false;
    }
}
