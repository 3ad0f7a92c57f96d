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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The token grants: password (then, with two-factor on, {@code mfa_otp}), refresh-token rotation with reuse detection,
 * and revocation. Password hashing runs outside any transaction (it takes tens of milliseconds and must not hold a
 * database connection); each state change runs in its own short transaction.
 */
@Service
public class AuthenticationService {

    /** A sign-in's result: a short-lived access token and the session's current refresh token. */
    public record TokenPair(String accessToken, long expiresIn, String refreshToken, UUID sessionId) {}

    static final String METHODS_PASSWORD = "password";
    static final String METHODS_PASSWORD_OTP = "password_otp";
    static final int MFA_MAX_ATTEMPTS = 5;
    private static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(90);

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
    private final Clock clock;

    AuthenticationService(AccountRepository accounts, SessionRepository sessions, OneTimeTokenRepository oneTimeTokens,
                          PasswordHasher hasher, LoginThrottle throttle, SecondFactor secondFactor, SecurityEvents events,
                          AccessTokens accessTokens, IdentityProperties properties, TransactionTemplate transaction, Clock clock) {
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
        this.clock = clock;
    }

    /**
     * {@code grant_type=password}. Unknown address, wrong password and a pending account with another password all
     * answer 401 {@code invalid_credentials} after the same Argon2 work; a pending account with its registration
     * password answers 403 {@code email_not_verified}; with two-factor on, 401 {@code mfa_required} carries an
     * {@code mfa_token} for the {@code mfa_otp} grant.
     */
    public TokenPair passwordGrant(String rawEmail, String rawPassword) {
        String email = Emails.normalise(rawEmail);
        String password = PasswordPolicy.normalise(rawPassword);
        ClientInfo client = ClientInfo.current();
        String address = client.addressOrLocal();
        Optional<Account> found = accounts.findByEmail(email);
        Optional<Account> active = found.filter(Account::isActive);
        throttle.check(email, address, active.isPresent() && client.ipAddress() != null
                && sessions.hasSignedInFrom(active.get().getId(), client.ipAddress(), clock.instant().minus(KNOWN_ADDRESS_MEMORY)));

        boolean matches;
        Account account = found.orElse(null);
        if (account != null && account.isActive() && account.getPasswordHash() != null) {
            matches = hasher.verify(password, account.getPasswordHash());
        } else if (account != null && account.getStatus() == Account.Status.PENDING) {
            Optional<String> pending = oneTimeTokens.newestLivePayload(account.getId(),
                    OneTimeTokenRepository.Purpose.EMAIL_VERIFICATION, clock.instant());
            if (pending.isPresent()) {
                matches = hasher.verify(password, pending.get());
            } else {
                hasher.burn(password);
                matches = false;
            }
        } else {
            hasher.burn(password);
            matches = false;
        }
        if (!matches) {
            throttle.recordFailure(email, address);
            events.record(SecurityEventType.LOGIN_FAILED, account != null && account.isActive() ? account.getId() : null, null,
                    Map.of("reason", account != null && account.isActive() ? "wrong_password" : "unknown_or_unusable_account"));
            throw invalidCredentials();
        }
        if (!account.isActive()) {
            throw new ApplicationException(IdentityErrorCode.EMAIL_NOT_VERIFIED,
                    "Confirm your email address with the link we mailed you, then sign in");
        }
        UUID accountId = account.getId();
        if (secondFactor.isEnabled(accountId)) {
            String mfaToken = SecureTokens.generate(SecureTokens.MFA_PREFIX);
            Instant now = clock.instant();
            transaction.executeWithoutResult(status -> oneTimeTokens.insert(SecureTokens.digest(mfaToken),
                    OneTimeTokenRepository.Purpose.MFA_CHALLENGE, accountId, null, now, now.plus(lifetimes.mfaChallengeTtl())));
            throw new ApplicationException(IdentityErrorCode.MFA_REQUIRED,
                    "Send a code from your authenticator app (or a recovery code) with grant_type=mfa_otp and this mfa_token",
                    List.of(), Map.of("mfa_token", mfaToken, "mfa_token_expires_in", lifetimes.mfaChallengeTtl().toSeconds()));
        }
        throttle.recordSuccess(email, address);
        boolean rehash = hasher.needsRehash(account.getPasswordHash());
        String newHash = rehash ? hasher.hash(password) : null;
        return transaction.execute(status -> {
            if (newHash != null) {
                accounts.findById(accountId).ifPresent(a -> a.changePassword(newHash));
            }
            return startSession(accountId, METHODS_PASSWORD, Map.of("method", "password"));
        });
    }

    /** {@code grant_type=mfa_otp}: the {@code mfa_token} of the password step plus a TOTP or recovery code. */
    public TokenPair mfaGrant(String mfaToken, String otp) {
        if (!SecureTokens.hasShape(mfaToken, SecureTokens.MFA_PREFIX)) {
            throw invalidGrant();
        }
        byte[] digest = SecureTokens.digest(mfaToken);
        UUID accountId = oneTimeTokens.findLive(digest, OneTimeTokenRepository.Purpose.MFA_CHALLENGE, clock.instant())
                .orElseThrow(AuthenticationService::invalidGrant);
        Account account = accounts.findById(accountId).filter(Account::isActive).orElseThrow(AuthenticationService::invalidGrant);
        ClientInfo client = ClientInfo.current();
        String address = client.addressOrLocal();
        throttle.check(account.getEmail(), address, client.ipAddress() != null
                && sessions.hasSignedInFrom(accountId, client.ipAddress(), clock.instant().minus(KNOWN_ADDRESS_MEMORY)));

        Optional<SecondFactor.Kind> kind = secondFactor.verify(accountId, otp);
        if (kind.isEmpty()) {
            oneTimeTokens.recordFailedAttempt(digest, MFA_MAX_ATTEMPTS, clock.instant());
            throttle.recordFailure(account.getEmail(), address);
            events.record(SecurityEventType.MFA_CHALLENGE_FAILED, accountId);
            throw new ApplicationException(IdentityErrorCode.INVALID_OTP,
                    "The code is not correct or was already used; try the next code of your authenticator app");
        }
        TokenPair pair = transaction.execute(status -> {
            if (oneTimeTokens.use(digest, OneTimeTokenRepository.Purpose.MFA_CHALLENGE, clock.instant()).isEmpty()) {
                return null;
            }
            if (kind.get() == SecondFactor.Kind.RECOVERY_CODE) {
                events.record(SecurityEventType.RECOVERY_CODE_USED, accountId);
            }
            return startSession(accountId, METHODS_PASSWORD_OTP,
                    Map.of("method", kind.get() == SecondFactor.Kind.TOTP ? "password_totp" : "password_recovery_code"));
        });
        if (pair == null) {
            throw invalidGrant();
        }
        throttle.recordSuccess(account.getEmail(), address);
        return pair;
    }

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
                    UUID owner = sessions.find(reused.sessionId()).map(SessionRepository.Session::accountId).orElse(null);
                    events.record(SecurityEventType.REFRESH_TOKEN_REUSED, owner, reused.sessionId(),
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
            throw invalidGrant();
        }
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
                UUID owner = sessions.find(token.sessionId()).map(SessionRepository.Session::accountId).orElse(null);
                events.record(SecurityEventType.LOGOUT, owner, token.sessionId(), Map.of());
            }
        }));
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
