package dev.bazaar.identity.application;

import dev.bazaar.identity.AccountDeactivated;
import dev.bazaar.identity.AccountId;
import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.identity.crypto.PasswordHasher;
import dev.bazaar.identity.crypto.PasswordPolicy;
import dev.bazaar.identity.crypto.SecureTokens;
import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.identity.domain.OneTimeTokenRepository;
import dev.bazaar.identity.domain.OneTimeTokenRepository.Purpose;
import dev.bazaar.identity.domain.SecurityEventRepository;
import dev.bazaar.identity.domain.SessionRepository;
import dev.bazaar.identity.domain.TotpRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.ETags;
import dev.bazaar.platform.JobDefinition;
import dev.bazaar.platform.Jobs;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Account life cycle: registration and email verification, password reset and change, profile, deactivation, and
 * operator-created accounts. Registration and reset answer the same whether or not the address has an account, and
 * spend the same Argon2 work either way. Passwords are hashed outside transactions.
 */
@Service
public class AccountService {

    /** At most this many reset mails per account and hour; further requests are answered the same but send nothing. */
    static final int MAX_RESET_MAILS_PER_HOUR = 3;

    private final AccountRepository accounts;
    private final OneTimeTokenRepository oneTimeTokens;
    private final SessionRepository sessions;
    private final TotpRepository totp;
    private final SecurityEventRepository eventStore;
    private final PasswordHasher hasher;
    private final PasswordPolicy policy;
    private final LoginThrottle throttle;
    private final SecurityEvents events;
    private final IdentityMails mails;
    private final IdentityProperties.Tokens lifetimes;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher publisher;
    private final RecentSignIn recentSignIn;
    private final Jobs jobs;
    private final JsonMapper json;
    private final Clock clock;

    /** A reset request, handled in a job so that the request takes the same time whether or not the address is known. */
    public record PasswordResetRequested(String email, @Nullable String ipAddress, @Nullable String userAgent) {}

    public static final JobDefinition<PasswordResetRequested> PASSWORD_RESET_JOB =
            JobDefinition.of("identity.password-reset-requested", PasswordResetRequested.class).withoutPayloadWhenDead();

    AccountService(AccountRepository accounts, OneTimeTokenRepository oneTimeTokens, SessionRepository sessions,
                   TotpRepository totp, SecurityEventRepository eventStore, PasswordHasher hasher, PasswordPolicy policy,
                   LoginThrottle throttle, SecurityEvents events, IdentityMails mails, IdentityProperties properties,
                   TransactionTemplate transaction, ApplicationEventPublisher publisher, RecentSignIn recentSignIn,
                   Jobs jobs, JsonMapper json, Clock clock) {
        this.recentSignIn = recentSignIn;
        this.jobs = jobs;
        this.json = json;
        this.accounts = accounts;
        this.oneTimeTokens = oneTimeTokens;
        this.sessions = sessions;
        this.totp = totp;
        this.eventStore = eventStore;
        this.hasher = hasher;
        this.policy = policy;
        this.throttle = throttle;
        this.events = events;
        this.mails = mails;
        this.lifetimes = properties.tokens();
        this.transaction = transaction;
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Registers an address, always with the same outcome for the caller. New address: a pending account and a
     * verification mail. Pending address: another verification mail, whose link activates the password of this
     * registration. Active account: a "you already have an account" mail, and nothing changes.
     */
    public void register(String rawEmail, String rawPassword, @Nullable String name, @Nullable String locale) {
        String email = Emails.normaliseValid("email", rawEmail);
        String password = PasswordPolicy.normalise(rawPassword);
        policy.check("password", password, email);
        String language = locale != null ? locale : "en";
        PendingRegistration registration = new PendingRegistration(hasher.hash(password), name, language);
        try {
            transaction.executeWithoutResult(status -> registerHashed(email, registration));
        } catch (DataIntegrityViolationException raced) {
            // A concurrent registration of the same new address won the insert; this one is then a repeat.
            transaction.executeWithoutResult(status -> registerHashed(email, registration));
        }
    }

    private void registerHashed(String email, PendingRegistration registration) {
        Optional<Account> existing = accounts.lockByEmail(email);
        Instant now = clock.instant();
        if (existing.isPresent() && existing.get().isActive()) {
            mails.alreadyRegistered(email, existing.get().getLocale());
            events.record(SecurityEventType.REGISTRATION_FOR_EXISTING_ACCOUNT, existing.get().getId());
            return;
        }
        Account account = existing.orElseGet(() -> accounts.saveAndFlush(
                Account.pending(email, registration.name(), registration.locale())));
        String token = SecureTokens.generate(SecureTokens.MAIL_TOKEN_PREFIX);
        oneTimeTokens.insert(SecureTokens.digest(token), Purpose.EMAIL_VERIFICATION, account.getId(), registration.toJson(json),
                now, now.plus(lifetimes.emailVerificationTtl()));
        mails.verification(email, registration.locale(), token, lifetimes.emailVerificationTtl());
        events.record(SecurityEventType.ACCOUNT_REGISTERED, account.getId());
    }

    /** Uses a verification token: the account becomes active with the password of the registration that sent it. */
    public AccountId verifyEmail(String token) {
        if (!SecureTokens.hasShape(token, SecureTokens.MAIL_TOKEN_PREFIX)) {
            throw tokenRejected(SecurityEventType.EMAIL_VERIFICATION_FAILED);
        }
        AccountId verified = transaction.execute(status -> {
            Instant now = clock.instant();
            Optional<OneTimeTokenRepository.Used> used = oneTimeTokens.use(SecureTokens.digest(token), Purpose.EMAIL_VERIFICATION, now);
            if (used.isEmpty() || used.get().payload() == null) {
                return null;
            }
            Account account = accounts.lockById(used.get().accountId()).orElse(null);
            if (account == null || account.getStatus() != Account.Status.PENDING) {
                return null;
            }
            PendingRegistration registration = PendingRegistration.parse(json, used.get().payload());
            account.activate(registration.passwordHash(), now);
            account.rename(registration.name());
            account.changeLocale(registration.locale());
            oneTimeTokens.invalidateAll(account.getId(), Purpose.EMAIL_VERIFICATION, now);
            events.record(SecurityEventType.EMAIL_VERIFIED, account.getId());
            return new AccountId(account.getId());
        });
        if (verified == null) {
            throw tokenRejected(SecurityEventType.EMAIL_VERIFICATION_FAILED);
        }
        return verified;
    }

    /**
     * Schedules the reset: the caller learns nothing, and the request costs the same (one job row) whether or not the
     * address has an account. The job mails a link if it has one, pending or active.
     */
    public void requestPasswordReset(String rawEmail) {
        ClientInfo client = ClientInfo.current();
        transaction.executeWithoutResult(status -> jobs.enqueue(PASSWORD_RESET_JOB,
                new PasswordResetRequested(Emails.normalise(rawEmail), client.ipAddress(), client.userAgent())));
    }

    /** The reset job: mails a link (at most three an hour per account) if the address has a pending or active account. */
    public void sendPasswordReset(PasswordResetRequested request) {
        String email = request.email();
        ClientInfo client = new ClientInfo(request.ipAddress(), request.userAgent());
        transaction.executeWithoutResult(status -> {
            Optional<Account> account = accounts.lockByEmail(email).filter(a -> a.getStatus() != Account.Status.DEACTIVATED);
            if (account.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            UUID id = account.get().getId();
            if (oneTimeTokens.countCreatedSince(id, Purpose.PASSWORD_RESET, now.minus(Duration.ofHours(1))) >= MAX_RESET_MAILS_PER_HOUR) {
                events.record(SecurityEventType.PASSWORD_RESET_REQUESTED, id, null, Map.of("mail_sent", false), client);
                return;
            }
            oneTimeTokens.invalidateAll(id, Purpose.PASSWORD_RESET, now);
            String token = SecureTokens.generate(SecureTokens.MAIL_TOKEN_PREFIX);
            oneTimeTokens.insert(SecureTokens.digest(token), Purpose.PASSWORD_RESET, id, null, now, now.plus(lifetimes.passwordResetTtl()));
            mails.passwordReset(email, account.get().getLocale(), token, lifetimes.passwordResetTtl());
            events.record(SecurityEventType.PASSWORD_RESET_REQUESTED, id, null, Map.of("mail_sent", true), client);
        });
    }

    /**
     * Uses a reset token: sets the password, verifies the address (the mail reached its owner), signs out every
     * session and clears the account's sign-in throttle.
     */
    public void confirmPasswordReset(String token, String rawPassword) {
        if (!SecureTokens.hasShape(token, SecureTokens.MAIL_TOKEN_PREFIX)) {
            throw tokenRejected(SecurityEventType.PASSWORD_RESET_FAILED);
        }
        byte[] digest = SecureTokens.digest(token);
        UUID accountId = oneTimeTokens.findLive(digest, Purpose.PASSWORD_RESET, clock.instant())
                .orElseThrow(() -> tokenRejected(SecurityEventType.PASSWORD_RESET_FAILED));
        Account owner = accounts.findById(accountId).orElseThrow(() -> tokenRejected(SecurityEventType.PASSWORD_RESET_FAILED));
        String password = PasswordPolicy.normalise(rawPassword);
        policy.check("new_password", password, owner.getEmail());
        String hash = hasher.hash(password);
        Boolean done = transaction.execute(status -> {
            Instant now = clock.instant();
            if (oneTimeTokens.use(digest, Purpose.PASSWORD_RESET, now).isEmpty()) {
                return false;
            }
            Account account = accounts.lockById(accountId).orElse(null);
            if (account == null || account.getStatus() == Account.Status.DEACTIVATED) {
                return false;
            }
            account.activate(hash, now);
            oneTimeTokens.invalidateAll(accountId, Purpose.PASSWORD_RESET, now);
            oneTimeTokens.invalidateAll(accountId, Purpose.EMAIL_VERIFICATION, now);
            oneTimeTokens.invalidateAll(accountId, Purpose.MFA_CHALLENGE, now);
            List<UUID> revoked = sessions.revokeAll(accountId, null, "password_reset", now);
            events.record(SecurityEventType.PASSWORD_RESET, accountId, null, Map.of("sessions_revoked", revoked.size()));
            mails.passwordChanged(account.getEmail(), account.getLocale());
            return true;
        });
        if (!Boolean.TRUE.equals(done)) {
            throw tokenRejected(SecurityEventType.PASSWORD_RESET_FAILED);
        }
        throttle.clearAccount(owner.getEmail(), accountId, ClientInfo.current().addressOrLocal());
    }

    /**
     * Changes the password of the signed-in account after checking the current one (a failure counts towards the
     * sign-in throttle). Every other session is signed out; the current one stays.
     */
    public void changePassword(Actor actor, String currentPassword, String newPassword) {
        Account account = accounts.findById(actor.accountId()).filter(Account::isActive)
                .orElseThrow(() -> new ApplicationException(PlatformErrorCode.UNAUTHENTICATED, "Sign in again"));
        String address = ClientInfo.current().addressOrLocal();
        LoginThrottle.Attempt attempt = throttle.begin(account.getEmail(), address, account.getId());
        String current = PasswordPolicy.normalise(currentPassword);
        String verifiedHash = account.getPasswordHash();
        if (verifiedHash == null || !hasher.verify(current, verifiedHash)) {
            events.recordFailure(SecurityEventType.PASSWORD_CHANGE_FAILED, account.getId(), Map.of());
            throw ApplicationException.invalidField("current_password", "incorrect", "is not your current password");
        }
        throttle.succeeded(attempt, account.getId(), address);
        String password = PasswordPolicy.normalise(newPassword);
        policy.check("new_password", password, account.getEmail());
        String hash = hasher.hash(password);
        Boolean changed = transaction.execute(status -> {
            Instant now = clock.instant();
            Account locked = accounts.lockById(account.getId())
                    .filter(a -> a.isActive() && verifiedHash.equals(a.getPasswordHash())).orElse(null);
            if (locked == null) {
                return false;
            }
            locked.changePassword(hash);
            List<UUID> revoked = sessions.revokeAll(locked.getId(), actor.sessionId(), "password_changed", now);
            oneTimeTokens.invalidateAll(locked.getId(), Purpose.PASSWORD_RESET, now);
            oneTimeTokens.invalidateAll(locked.getId(), Purpose.MFA_CHALLENGE, now);
            events.record(SecurityEventType.PASSWORD_CHANGED, locked.getId(), actor.sessionId(), Map.of("sessions_revoked", revoked.size()));
            mails.passwordChanged(locked.getEmail(), locked.getLocale());
            return true;
        });
        if (!Boolean.TRUE.equals(changed)) {
            throw new ApplicationException(PlatformErrorCode.CONFLICT,
                    "The password was changed by another request at the same time; sign in again and retry");
        }
    }

    /** Updates name and/or locale (null leaves a field alone; {@code clearName} removes the name). */
    public void updateProfile(Actor actor, @Nullable String ifMatch, boolean nameGiven, @Nullable String name, @Nullable String locale) {
        transaction.executeWithoutResult(status -> {
            Account account = accounts.lockById(actor.accountId()).filter(Account::isActive)
                    .orElseThrow(() -> ApplicationException.notFound("The account does not exist"));
            ETags.requireMatch(ifMatch, account.getVersion());
            if (nameGiven) {
                account.rename(name);
            }
            if (locale != null) {
                account.changeLocale(locale);
            }
            events.record(SecurityEventType.PROFILE_UPDATED, account.getId(), actor.sessionId(), Map.of());
        });
    }

    /**
     * Deactivates and anonymises the signed-in account: needs a sign-in within the re-authentication window. Every
     * session is revoked at once (so its access tokens stop working), credentials and personal data are removed,
     * and {@link AccountDeactivated} is published.
     */
    public void deactivate(Actor actor) {
        recentSignIn.require(actor);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Account account = accounts.lockById(actor.accountId()).filter(Account::isActive)
                    .orElseThrow(() -> ApplicationException.notFound("The account does not exist"));
            account.deactivate(now);
            sessions.revokeAll(account.getId(), null, "account_deactivated", now);
            totp.delete(account.getId());
            oneTimeTokens.deleteAll(account.getId());
            events.record(SecurityEventType.ACCOUNT_DEACTIVATED, account.getId());
            eventStore.scrub(account.getId());
            publisher.publishEvent(new AccountDeactivated(new AccountId(account.getId())));
        });
    }

    /**
     * Creates an active, verified account (or finds the existing active one) and grants it a platform role: the
     * {@code create-admin} command and the demo data. Returns whether the account was created.
     */
    public boolean createOrGrant(String rawEmail, @Nullable String name, @Nullable String rawPassword, @Nullable String role) {
        String email = Emails.normaliseValid("email", rawEmail);
        Optional<Account> existing = accounts.findByEmail(email);
        if (existing.isPresent() && existing.get().getStatus() == Account.Status.PENDING) {
            throw ApplicationException.invalidField("email", "pending", "has a registration waiting for verification");
        }
        String hash = null;
        if (existing.isEmpty()) {
            if (rawPassword == null) {
                throw ApplicationException.invalidField("password", "required", "is required for a new account");
            }
            String password = PasswordPolicy.normalise(rawPassword);
            policy.check("password", password, email);
            hash = hasher.hash(password);
        }
        String newHash = hash;
        Boolean created = transaction.execute(status -> {
            Instant now = clock.instant();
            Account account = accounts.lockByEmail(email).orElse(null);
            boolean isNew = account == null;
            if (isNew) {
                account = accounts.saveAndFlush(Account.active(email, name, "en", newHash, now));
            }
            if (role != null && !account.getPlatformRoles().contains(role)) {
                account.grantPlatformRole(role);
                events.record(SecurityEventType.PLATFORM_ROLE_GRANTED, account.getId(), null, Map.of("role", role));
            }
            return isNew;
        });
        return Boolean.TRUE.equals(created);
    }

    /** Records the refusal of a mailed token and returns the 400 to throw. */
    private ApplicationException tokenRejected(SecurityEventType type) {
        events.recordFailure(type, null, Map.of());
        return new ApplicationException(IdentityErrorCode.TOKEN_INVALID,
                "The link is invalid, has expired or was already used; ask for a new one");
    }
}
