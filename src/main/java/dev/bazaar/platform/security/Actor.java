package dev.bazaar.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is making the current request: the account, its platform roles (e.g. {@code platform_admin}), how it proved who
 * it is, the session (refresh-token family) its credential belongs to, and when that session's primary authentication
 * happened (for operations that need a recent sign-in).
 */
public record Actor(UUID accountId, Set<String> platformRoles, AuthenticationMethod method, @Nullable UUID sessionId,
                    Instant authenticatedAt) {

    /** The platform role that operates the whole installation. */
    public static final String PLATFORM_ADMIN = "platform_admin";

    public Actor {
        platformRoles = Set.copyOf(platformRoles);
    }

    public boolean hasPlatformRole(String role) {
        return platformRoles.contains(role);
    }

    /** How the actor authenticated. */
    public enum AuthenticationMethod {
        /** An access token from a password sign-in. */
        PASSWORD,
        /** An access token from a password plus second-factor (TOTP or recovery code) sign-in. */
        PASSWORD_AND_OTP
    }
}
