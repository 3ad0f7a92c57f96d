package dev.bazaar.identity.application;

import dev.bazaar.identity.crypto.AccessTokens;
import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.platform.security.Actor;
import dev.bazaar.platform.security.BearerTokenAuthenticator;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Access tokens as bearer credentials: a cryptographically valid token (see {@link AccessTokens}) is accepted only
 * while its session is neither revoked nor expired and its account is active, checked on every request with one
 * primary-key lookup. Revoking a session (sign-out, reuse detection, password change or reset, deactivation) therefore
 * ends its access tokens at once rather than when they expire.
 */
@Component
class AccessTokenAuthenticator implements BearerTokenAuthenticator {

    private final AccessTokens accessTokens;
    private final SessionRepository sessions;
    private final Clock clock;

    AccessTokenAuthenticator(AccessTokens accessTokens, SessionRepository sessions, Clock clock) {
        this.accessTokens = accessTokens;
        this.sessions = sessions;
        this.clock = clock;
    }

    @Override
    public Optional<Actor> authenticate(String token) {
        return accessTokens.verify(token).flatMap(claims -> sessions.accessCheck(claims.sessionId(), claims.accountId())
                .filter(check -> "active".equals(check.accountStatus()) && check.revokedAt() == null
                        && check.expiresAt().isAfter(clock.instant()))
                .map(check -> new Actor(claims.accountId(), check.platformRoles(),
                        AuthenticationService.METHODS_PASSWORD_OTP.equals(check.methods()) ? Actor.AuthenticationMethod.PASSWORD_AND_OTP
                                : Actor.AuthenticationMethod.PASSWORD,
                        claims.sessionId(), check.authenticatedAt())));
    }
}
