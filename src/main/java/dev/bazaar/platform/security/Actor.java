package dev.bazaar.platform.security;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Who is making the current request. For a person: the account ({@link #id}), its platform roles (e.g.
 * {@code platform_admin}), how it proved who it is, the session (refresh-token family) its credential belongs to, and
 * when that session's primary authentication happened (for operations that need a recent sign-in). For a
 * server-to-server app: the API key ({@link #id}), the one shop it belongs to ({@link #tenantId}) and its scopes.
 */
public record Actor(UUID id, Set<String> platformRoles, AuthenticationMethod method, @Nullable UUID sessionId,
                    Instant authenticatedAt, @Nullable UUID tenantId, Set<Permission> scopes) {

    /** The platform role that operates the whole installation. */
    public static final String PLATFORM_ADMIN = "platform_admin";

    public Actor {
        platformRoles = Set.copyOf(platformRoles);
        scopes = Set.copyOf(scopes);
        if ((method == AuthenticationMethod.API_KEY) != (tenantId != null)) {
            throw new IllegalArgumentException("an API key actor, and only one, belongs to a shop");
        }
    }

    /** A person signed in with an access token. */
    public Actor(UUID accountId, Set<String> platformRoles, AuthenticationMethod method, @Nullable UUID sessionId,
                 Instant authenticatedAt) {
        this(accountId, platformRoles, method, sessionId, authenticatedAt, null, Set.of());
    }

    /** A shop's API key with its scopes; it never has platform roles. */
    public static Actor apiKey(UUID keyId, UUID tenantId, Set<Permission> scopes, Instant createdAt) {
        return new Actor(keyId, Set.of(), AuthenticationMethod.API_KEY, null, createdAt, tenantId, scopes);
    }

    public boolean isApiKey() {
        return method == AuthenticationMethod.API_KEY;
    }

    /** The account of a person; throws for an API key, which acts for its shop and not for an account. */
    public UUID accountId() {
        if (isApiKey()) {
            throw new IllegalStateException("an API key is not an account");
        }
        return id;
    }

    public boolean hasPlatformRole(String role) {
        return platformRoles.contains(role);
    }

    /** How the actor authenticated. */
    public enum AuthenticationMethod {
        /** An access token from a password sign-in. */
        PASSWORD,
        /** An access token from a password plus second-factor (TOTP or recovery code) sign-in. */
        PASSWORD_AND_OTP,
        /** A shop's API key ({@code bz_live_…}). */
        API_KEY
    }
}
