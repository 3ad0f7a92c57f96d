package dev.bazaar.identity.application;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.crypto.AccessTokens;
import dev.bazaar.identity.crypto.PasswordHasher;
import dev.bazaar.identity.crypto.PasswordPolicy;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.identity.domain.OneTimeTokenRepository;
import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Secret;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token grants: password (then, with two-factor on, {@code mfa_otp}), refresh-token rotation with reuse detection,
 * and revocation. Password hashing runs outside any transaction (it takes tens of milliseconds and must not hold a
 * database connection); the state change that follows re-reads the account under a row lock and goes ahead only if
 * it is still active with the very hash that was verified, so a sign-in racing a password reset or deactivation
 * cannot create a session afterwards.
 */
@Service
public class AuthenticationService {

    /** A sign-in's result: a short-lived access token and the session's current refresh token. */
    public record TokenPair(String accessToken, long expiresIn, String refreshToken, UUID sessionId) {}

    static final String METHODS_PASSWORD = "password";
    static final String METHODS_PASSWORD_OTP = "password_otp";
    static final int MFA_MAX_ATTEMPTS = 5;
    /** Live sessions per account; a sign-in beyond this ends the oldest. */
    static final int MAX_SESSIONS = 100;

    private final AccountRepository accounts;
    private final SessionRepository sessions;
    private final OneTimeTokenRepository oneTimeTokens;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final SecondFactor secondFactor;
    private final SecurityEvents events;
    private final AccessTokens accessTokens;
    private final IdentityProperties.Tokens lifetimes;
    private final TransactionTemplate transaction;
    private final JsonMapper json;
    private final Clock clock;

    AuthenticationService(AccountRepository accounts, SessionRepository sessions, OneTimeTokenRepository oneTimeTokens,
                          PasswordHasher hasher, LoginThrottle throttle, SecondFactor secondFactor, SecurityEvents events,
                          AccessTokens accessTokens, IdentityProperties properties, TransactionTemplate transaction,
                          JsonMapper json, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.oneTimeTokens = oneTimeTokens;
        this.hasher = hasher;
        this.throttle = throttle;
        this.secondFactor = secondFactor;
        this.events = events;
        this.accessTokens = accessTokens;
        this.lifetimes = properties.tokens();
        this.transaction = transaction;
        this.json = json;
        this.clock = clock;
    }

    /**
     * {@code grant_type=password}. Unknown address, wrong password, and a registration not verified yet all answer 401
     * {@code invalid_credentials} after the same Argon2 work; with two-factor on, 401 {@code mfa_required} carries an
     * {@code mfa_token} for the {@code mfa_otp} grant.
     */
    public TokenPair passwordGrant(String rawEmail, String rawPassword) {
        String email = Emails.normalise(rawEmail);
        String password = PasswordPolicy.normalise(rawPassword);
        String address = ClientInfo.current().addressOrLocal();
        Account account = accounts.findByEmail(email).orElse(null);
        UUID activeId = account != null && account.isActive() ? account.getId() : null;
        LoginThrottle.Attempt attempt = throttle.begin(email, address, activeId);

        String verifiedHash = activeId != null ? account.getPasswordHash() : null;
        boolean matches;
        if (verifiedHash != null) {
            matches = hasher.verify(password, verifiedHash);
        } else if (account != null && account.getStatus() == Account.Status.PENDING) {
            // Same work as for an active account; a pending registration never signs in, whatever the password.
            oneTimeTokens.newestLivePayload(account.getId(), OneTimeTokenRepository.Purpose.EMAIL_VERIFICATION, clock.instant())
                    .map(payload -> PendingRegistration.parse(json, payload).passwordHash())
                    .ifPresentOrElse(hash -> hasher.verify(password, hash), () -> hasher.burn(password));
            matches = false;
        } else {
            hasher.burn(password);
            matches = false;
        }
        if (!matches) {
            events.recordFailure(SecurityEventType.LOGIN_FAILED, activeId,
                    Map.of("reason", activeId != null ? "wrong_password" : "unknown_or_unusable_account"));
            throw invalidCredentials();
        }
        String newHash = hasher.needsRehash(verifiedHash) ? hasher.hash(password) : null;
        if (secondFactor.isEnabled(activeId)) {
            String mfaToken = SecureTokens.generate(SecureTokens.MFA_PREFIX);
            Boolean issued = transaction.execute(status -> {
                if (lockUnchanged(activeId, verifiedHash) == null) {
                    return false;
                }
                Instant now = clock.instant();
                oneTimeTokens.insert(SecureTokens.digest(mfaToken), OneTimeTokenRepository.Purpose.MFA_CHALLENGE, activeId,
                        null, now, now.plus(lifetimes.mfaChallengeTtl()));
                return true;
            });
            if (!Boolean.TRUE.equals(issued)) {
                throw invalidCredentials();
            }
            throw new ApplicationException(IdentityErrorCode.MFA_REQUIRED,
                    "Send a code from your authenticator app (or a recovery code) with grant_type=mfa_otp and this mfa_token",
                    List.of(), Map.of("mfa_token", new Secret(mfaToken), "mfa_token_expires_in", lifetimes.mfaChallengeTtl().toSeconds()));
        }
        TokenPair pair = transaction.execute(status -> {
            Account locked = lockUnchanged(activeId, verifiedHash);
            if (locked == null) {
                return null;
            }
            if (newHash != null) {
                locked.changePassword(newHash);
            }
            return startSession(activeId, METHODS_PASSWORD, Map.of("method", "password"));
        });
        if (pair == null) {
            throw invalidCredentials();
        }
        throttle.succeeded(attempt, activeId, address);
        return pair;
    }

    /**
     * {@code grant_type=mfa_otp}: the {@code mfa_token} of the password step plus a TOTP or recovery code. An mfa_token
     * allows {@value #MFA_MAX_ATTEMPTS} wrong codes; its checks run under a row lock, so parallel guesses count too.
     */
    public TokenPair mfaGrant(String mfaToken, String otp) {
        if (!SecureTokens.hasShape(mfaToken, SecureTokens.MFA_PREFIX)) {
            throw invalidGrant();
        }
        byte[] digest = SecureTokens.digest(mfaToken);
        UUID accountId = oneTimeTokens.findLive(digest, OneTimeTokenRepository.Purpose.MFA_CHALLENGE, clock.instant())
                .orElseThrow(AuthenticationService::invalidGrant);
        Account account = accounts.findById(accountId).filter(Account::isActive).orElseThrow(AuthenticationService::invalidGrant);
        String address = ClientInfo.current().addressOrLocal();
        LoginThrottle.Attempt attempt = throttle.begin(account.getEmail(), address, accountId);

        MfaOutcome outcome = transaction.execute(status -> {
            Instant now = clock.instant();
            if (accounts.lockById(accountId).filter(Account::isActive).isEmpty()
                    || oneTimeTokens.lockLive(digest, OneTimeTokenRepository.Purpose.MFA_CHALLENGE, now, MFA_MAX_ATTEMPTS).isEmpty()) {
                return new MfaOutcome(null, false);
            }
            Optional<SecondFactor.Kind> kind = secondFactor.verify(accountId, otp);
            if (kind.isEmpty()) {
                oneTimeTokens.recordFailedAttempt(digest, MFA_MAX_ATTEMPTS, now);
                events.record(SecurityEventType.MFA_CHALLENGE_FAILED, accountId, null, Map.of());
                return new MfaOutcome(null, true);
            }
            oneTimeTokens.use(digest, OneTimeTokenRepository.Purpose.MFA_CHALLENGE, now);
            if (kind.get() == SecondFactor.Kind.RECOVERY_CODE) {
                events.record(SecurityEventType.RECOVERY_CODE_USED, accountId, null,
                        Map.of("recovery_codes_left", secondFactor.recoveryCodesLeft(accountId)));
            }
            return new MfaOutcome(startSession(accountId, METHODS_PASSWORD_OTP,
                    Map.of("method", kind.get() == SecondFactor.Kind.TOTP ? "password_totp" : "password_recovery_code")), false);
        });
        if (outcome == null || outcome.pair() == null) {
            if (outcome != null && outcome.wrongCode()) {
                throw new ApplicationException(IdentityErrorCode.INVALID_OTP,
                        "The code is not correct or was already used; try the next code of your authenticator app");
            }
            throw invalidGrant();
        }
        throttle.succeeded(attempt, accountId, address);
        return outcome.pair();
    }

    private record MfaOutcome(@Nullable TokenPair pair, boolean wrongCode) {}

    /**
     * {@code grant_type=refresh_token}: rotates the token (it never works again) and returns a new pair. Presenting an
     * already-rotated token revokes its whole session and is recorded as {@code refresh_token_reused}; of two
     * concurrent refreshes with one token exactly one succeeds, and the other counts as reuse.
     */
    public TokenPair refreshGrant(String refreshToken) {
        if (!SecureTokens.hasShape(refreshToken, SecureTokens.REFRESH_PREFIX)) {
            throw invalidGrant();
        }
        byte[] digest = SecureTokens.digest(refreshToken);
        TokenPair pair = transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<UUID> sessionId = sessions.markUsed(digest, now);
            if (sessionId.isEmpty()) {
                sessions.findRefreshToken(digest).filter(token -> token.usedAt() != null).ifPresent(reused -> {
                    boolean revoked = sessions.revoke(reused.sessionId(), "refresh_token_reuse", now);
                    events.record(SecurityEventType.REFRESH_TOKEN_REUSED, reused.accountId(), reused.sessionId(),
                            Map.of("session_revoked", revoked));
                });
                return null;
            }
            Optional<SessionRepository.Session> session = sessions.lock(sessionId.get()).filter(s -> s.isUsable(now));
            if (session.isEmpty() || accounts.findById(session.get().accountId()).filter(Account::isActive).isEmpty()) {
                return null;
            }
            SessionRepository.Session live = session.get();
            ClientInfo client = ClientInfo.current();
            sessions.touch(live.id(), now, now.plus(lifetimes.refreshIdleTtl()), client.userAgent(), client.ipAddress());
            return issue(live.accountId(), live.id(), live.authenticatedAt(), live.methods(), now);
        });
        if (pair == null) {
            events.log(SecurityEventType.TOKEN_REFRESH_FAILED, null, null);
            throw invalidGrant();
        }
        events.log(SecurityEventType.TOKEN_REFRESHED, null, pair.sessionId());
        return pair;
    }

    /** Ends the session the refresh token belongs to (RFC 7009: unknown tokens are not an error). */
    public void revoke(String refreshToken) {
        if (!SecureTokens.hasShape(refreshToken, SecureTokens.REFRESH_PREFIX)) {
            return;
        }
        byte[] digest = SecureTokens.digest(refreshToken);
        transaction.executeWithoutResult(status -> sessions.findRefreshToken(digest).ifPresent(token -> {
            if (sessions.revoke(token.sessionId(), "logout", clock.instant())) {
                events.record(SecurityEventType.LOGOUT, token.accountId(), token.sessionId(), Map.of());
            }
        }));
    }

    /** The account row, locked, if it is still active with exactly the verified hash; null otherwise. */
    private @Nullable Account lockUnchanged(UUID accountId, String verifiedHash) {
        return accounts.lockById(accountId)
                .filter(a -> a.isActive() && Objects.equals(a.getPasswordHash(), verifiedHash))
                .orElse(null);
    }

    /** Opens a session for a fresh sign-in; call inside a transaction. */
    TokenPair startSession(UUID accountId, String methods, Map<String, ?> details) {
        Instant now = clock.instant();
        UUID sessionId = Ids.newId();
        Instant expires = now.plus(lifetimes.refreshAbsoluteTtl());
        Instant idle = now.plus(lifetimes.refreshIdleTtl());
        ClientInfo client = ClientInfo.current();
        sessions.insert(new SessionRepository.Session(sessionId, accountId, now, now, methods, now,
                idle.isBefore(expires) ? idle : expires, expires, client.userAgent(), client.ipAddress(), null, null));
        sessions.revokeBeyondNewest(accountId, MAX_SESSIONS, "session_limit", now);
        events.record(SecurityEventType.LOGIN_SUCCEEDED, accountId, sessionId, details);
        return issue(accountId, sessionId, now, methods, now);
    }

    private TokenPair issue(UUID accountId, UUID sessionId, Instant authenticatedAt, String methods, Instant now) {
        String refresh = SecureTokens.generate(SecureTokens.REFRESH_PREFIX);
        sessions.insertRefreshToken(SecureTokens.digest(refresh), sessionId, now);
        List<String> amr = METHODS_PASSWORD_OTP.equals(methods) ? List.of("pwd", "otp") : List.of("pwd");
        AccessTokens.Issued access = accessTokens.issue(accountId, sessionId, authenticatedAt, amr);
        return new TokenPair(access.token(), access.lifetime().toSeconds(), refresh, sessionId);
    }

    static ApplicationException invalidCredentials() {
        return new ApplicationException(IdentityErrorCode.INVALID_CREDENTIALS, "The email address or the password is not correct");
    }

    static ApplicationException invalidGrant() {
        return new ApplicationException(IdentityErrorCode.INVALID_GRANT,
                "The token is not valid, has expired, was already used or its session was signed out; sign in again");
    }
}
