package dev.bazaar.identity.application;

import dev.bazaar.identity.IdentityErrorCode;
import dev.bazaar.identity.crypto.Totp;
import dev.bazaar.identity.domain.Account;
import dev.bazaar.identity.domain.AccountRepository;
import dev.bazaar.identity.domain.TotpRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.security.Actor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * TOTP two-factor authentication: enrolment (start, confirm with a first code), recovery codes, turning it off. Every
 * change needs a recent sign-in (a stolen access token alone cannot take over or remove the second factor), and the
 * codes presented to turn it off count towards the login throttle.
 */
@Service
public class MfaService {

    /** What an authenticator app needs; shown once. */
    public record Enrolment(String secret, String otpauthUri) {}

    private final AccountRepository accounts;
    private final TotpRepository totp;
    private final SecondFactor secondFactor;
    private final SecurityEvents events;
    private final IdentityMails mails;
    private final RecentSignIn recentSignIn;
    private final LoginThrottle throttle;
    private final Clock clock;

    MfaService(AccountRepository accounts, TotpRepository totp, SecondFactor secondFactor, SecurityEvents events,
               IdentityMails mails, RecentSignIn recentSignIn, LoginThrottle throttle, Clock clock) {
        this.recentSignIn = recentSignIn;
        this.throttle = throttle;
        this.accounts = accounts;
        this.totp = totp;
        this.secondFactor = secondFactor;
        this.events = events;
        this.mails = mails;
        this.clock = clock;
    }

    /** Starts (or restarts) enrolment with a new secret; 409 {@code mfa_already_enabled} if it is on. */
    @Transactional
    public Enrolment startEnrolment(Actor actor) {
        recentSignIn.require(actor);
        Account account = active(actor);
        byte[] secret = Totp.newSecret();
        if (!totp.startEnrolment(account.getId(), secret, clock.instant())) {
            throw new ApplicationException(IdentityErrorCode.MFA_ALREADY_ENABLED,
                    "Two-factor authentication is already on; turn it off first to enrol another authenticator");
        }
        events.record(SecurityEventType.MFA_ENROLMENT_STARTED, account.getId(), actor.sessionId(), Map.of());
        return new Enrolment(Totp.base32(secret), Totp.uri("Bazaar", account.getEmail(), secret));
    }

    /** Confirms enrolment with a first code; returns the recovery codes, which are shown only this once. */
    @Transactional
    public List<String> confirmEnrolment(Actor actor, String otp) {
        recentSignIn.require(actor);
        Account account = active(actor);
        TotpRepository.Credential credential = totp.find(account.getId())
                .orElseThrow(() -> new ApplicationException(IdentityErrorCode.MFA_ENROLMENT_NOT_STARTED,
                        "Start enrolment first (POST /api/v1/me/mfa/totp)"));
        if (credential.confirmed()) {
            throw new ApplicationException(IdentityErrorCode.MFA_ALREADY_ENABLED, "Two-factor authentication is already on");
        }
        Instant now = clock.instant();
        OptionalLong step = Totp.match(credential.secret(), otp.strip(), now);
        if (step.isEmpty() || !totp.acceptStep(account.getId(), step.getAsLong(), true, now)) {
            events.recordFailure(SecurityEventType.MFA_ENROLMENT_FAILED, account.getId(), Map.of());
            throw new ApplicationException(IdentityErrorCode.INVALID_OTP,
                    "The code does not match; check the time on your device and enter the current code");
        }
        List<String> codes = secondFactor.newRecoveryCodes(account.getId());
        events.record(SecurityEventType.MFA_ENABLED, account.getId(), actor.sessionId(), Map.of());
        mails.twoFactorChanged(account.getEmail(), account.getLocale(), true);
        return codes;
    }

    /** Turns two-factor off; needs a fresh TOTP code or a recovery code. */
    @Transactional
    public void disable(Actor actor, String otp) {
        recentSignIn.require(actor);
        Account account = active(actor);
        if (!secondFactor.isEnabled(account.getId())) {
            throw new ApplicationException(IdentityErrorCode.MFA_NOT_ENABLED, "Two-factor authentication is not on");
        }
        String address = ClientInfo.current().addressOrLocal();
        LoginThrottle.Attempt attempt = throttle.begin(account.getEmail(), address, account.getId());
        if (secondFactor.verify(account.getId(), otp).isEmpty()) {
            events.recordFailure(SecurityEventType.MFA_CHALLENGE_FAILED, account.getId(), Map.of("during", "disable"));
            throw new ApplicationException(IdentityErrorCode.INVALID_OTP, "The code is not correct or was already used");
        }
        throttle.succeeded(attempt, account.getId(), address);
        totp.delete(account.getId());
        events.record(SecurityEventType.MFA_DISABLED, account.getId(), actor.sessionId(), Map.of());
        mails.twoFactorChanged(account.getEmail(), account.getLocale(), false);
    }

    private Account active(Actor actor) {
        return accounts.findById(actor.accountId()).filter(Account::isActive)
                .orElseThrow(() -> ApplicationException.notFound("The account does not exist"));
    }
}
