package dev.bazaar.identity.application;

import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.identity.domain.SecurityEventRepository;
import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.identity.domain.TotpRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Page;
import dev.bazaar.platform.PageRequest;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads of the signed-in account: its profile, sessions and security events. */
@Service
public class IdentityQueries {

    /** The caller's own account. */
    public record Profile(UUID id, String email, @Nullable String name, String locale, boolean emailVerified,
                          boolean mfaEnabled, int recoveryCodesLeft, Set<String> platformRoles, Instant createdAt, long version) {}

    /** A live session; {@code current} marks the one the request's access token belongs to. */
    public record SessionView(UUID id, boolean current, @Nullable String userAgent, @Nullable String ipAddress,
                              List<String> authenticationMethods, Instant createdAt, Instant lastUsedAt, Instant expiresAt) {}

    /** A stored security event. */
    public record EventView(UUID id, String type, Instant occurredAt, @Nullable String ipAddress, @Nullable String userAgent,
                            @Nullable UUID sessionId, @Nullable String requestId, JsonNode details) {}

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final SecurityEventRepository events;
    private final TotpRepository totp;
    private final JsonMapper json;
    private final Clock clock;

    IdentityQueries(AccountRepository accounts, SessionRepository sessions, SecurityEventRepository events, TotpRepository totp,
                    JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.events = events;
        this.totp = totp;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Profile profile(Actor actor) {
        Account account = accounts.findById(actor.accountId()).filter(Account::isActive)
                .orElseThrow(() -> ApplicationException.notFound("The account does not exist"));
        boolean mfa = totp.isEnabled(account.getId());
        return new Profile(account.getId(), account.getEmail(), account.getName(), account.getLocale(),
                account.getEmailVerifiedAt() != null, mfa, mfa ? totp.countUnusedRecoveryCodes(account.getId()) : 0,
                account.getPlatformRoles(), account.getCreatedAt(), account.getVersion());
    }

    @Transactional(readOnly = true)
    public Page<SessionView> sessions(Actor actor, PageRequest page) {
        List<SessionView> rows = sessions.listUsable(actor.accountId(), clock.instant(), page.afterId(), page.fetchSize()).stream()
                .map(s -> new SessionView(s.id(), s.id().equals(actor.sessionId()), s.userAgent(), s.ipAddress(),
                        AuthenticationService.METHODS_PASSWORD_OTP.equals(s.methods()) ? List.of("password", "otp") : List.of("password"),
                        s.createdAt(), s.lastUsedAt(), s.expiresAt()))
                .toList();
        return page.page(rows, s -> s.id().toString());
    }

    @Transactional(readOnly = true)
    public Page<EventView> securityEvents(Actor actor, PageRequest page) {
        List<EventView> rows = events.list(actor.accountId(), page.afterId(), page.fetchSize()).stream()
                .map(e -> new EventView(e.id(), e.type(), e.occurredAt(), e.ipAddress(), e.userAgent(), e.sessionId(),
                        e.requestId(), json.readTree(e.detailsJson())))
                .toList();
        return page.page(rows, e -> e.id().toString());
    }
}
