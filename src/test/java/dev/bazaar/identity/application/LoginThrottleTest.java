package dev.bazaar.identity.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.identity.TestIdentityProperties;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    final LoginThrottle throttle = new LoginThrottle(null, TestIdentityProperties.defaults(null), null, null, Clock.systemUTC());

    @Test
    void locksDoubleFromThirtySecondsUpToFifteenMinutes() {
        assertThat(throttle.lockFor(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(throttle.lockFor(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.lockFor(3)).isEqualTo(Duration.ofMinutes(2));
        assertThat(throttle.lockFor(5)).isEqualTo(Duration.ofMinutes(8));
        assertThat(throttle.lockFor(6)).isEqualTo(Duration.ofMinutes(15));
        assertThat(throttle.lockFor(1000)).isEqualTo(Duration.ofMinutes(15));
    }
}
