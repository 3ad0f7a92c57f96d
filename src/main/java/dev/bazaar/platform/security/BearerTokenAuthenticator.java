package dev.bazaar.platform.security;

import java.util.Optional;

/**
 * A port that turns one kind of bearer credential into an {@link Actor}. Every bean of this type is asked in turn; a
 * request whose {@code Authorization: Bearer} credential no authenticator accepts is refused with 401
 * {@code invalid_token}. Implementations must not throw for a malformed, foreign or invalid credential: they answer
 * empty. Infrastructure failures (database down) may propagate and become a 5xx.
 */
@FunctionalInterface
public interface BearerTokenAuthenticator {

    /** The actor the credential stands for, or empty if it is not a valid credential of this authenticator's kind. */
    Optional<Actor> authenticate(String token);
}
