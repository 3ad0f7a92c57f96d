package dev.bazaar.identity.application;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Step-up for sensitive changes (two-factor settings, deactivation): the actor's session must have signed in with
 * its credentials within {@code bazaar.identity.tokens.reauthentication-window}; refreshing does not renew this.
 */
@Component
public class RecentSignIn {

    private final Duration window;
    private final SecurityEvents events;
    private final Clock clock;

    RecentSignIn(IdentityProperties properties, SecurityEvents events, Clock clock) {
        this.window = properties.tokens().reauthenticationWindow();
        this.events = events;
        this.clock = clock;
    }

    /** Throws 403 {@code reauthentication_required} unless the session signed in within the window. */
    public void require(Actor actor) {
        if (actor.authenticatedAt().plus(window).isBefore(clock.instant())) {
            events.recordFailure(SecurityEventType.REAUTHENTICATION_REQUIRED, actor.accountId(), Map.of());
            throw new ApplicationException(IdentityErrorCode.REAUTHENTICATION_REQUIRED,
                    "Sign in again (within the last " + window.toMinutes() + " minutes) to do this");
        }
    }
}
