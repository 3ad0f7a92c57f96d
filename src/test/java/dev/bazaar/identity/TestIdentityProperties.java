package dev.bazaar.identity;

import dev.bazaar.identity.config.IdentityProperties;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Identity's defaults as a value, for tests without Spring. */
public final class TestIdentityProperties {

    private TestIdentityProperties() {}

    public static IdentityProperties defaults(@Nullable String signingKeys) {
        return new IdentityProperties(
                new IdentityProperties.Tokens(Duration.ofMinutes(10), Duration.ofDays(14), Duration.ofDays(60), Duration.ofHours(24),
                        Duration.ofMinutes(30), Duration.ofMinutes(5), Duration.ofMinutes(10)),
                new IdentityProperties.Jwt(signingKeys, null, "bazaar"),
                new IdentityProperties.Password(32768, 3, 1, 2),
                new IdentityProperties.Links(null, null),
                new IdentityProperties.LoginThrottle(5, 20, 100, Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(24)),
                new IdentityProperties.RateLimits(30, Duration.ofMinutes(1), 10, Duration.ofHours(1), 10, Duration.ofHours(1), 30, Duration.ofHours(1)),
                false);
    }
}
