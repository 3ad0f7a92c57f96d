package dev.bazaar.platform.security;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.PlatformErrorCode;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The {@link Actor} of the request the current thread is serving, as established by the security filter chain. */
public final class CurrentActor {

    /** What a 401 for a missing credential tells the caller to do. */
    public static final String SIGN_IN_HINT = "Sign in and send the access token as 'Authorization: Bearer <token>'";

    private CurrentActor() {}

    /** The authenticated actor, or empty for an anonymous request. */
    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication instanceof ActorAuthentication actor ? Optional.of(actor.getPrincipal()) : Optional.empty();
    }

    /** The authenticated actor; throws 401 {@code unauthenticated} for an anonymous request. */
    /** Who acts, as audit records and ledgers name it: {@code account}, {@code api_key}, or {@code system} (no caller). */
    public static String type() {
        return find().map(actor -> actor.isApiKey() ? "api_key" : "account").orElse("system");
    }

    public static Actor require() {
        return find().orElseThrow(() -> new ApplicationException(PlatformErrorCode.UNAUTHENTICATED, SIGN_IN_HINT));
    }
}
