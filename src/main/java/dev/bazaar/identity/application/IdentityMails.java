package dev.bazaar.identity.application;

import dev.bazaar.identity.config.IdentityProperties;
import dev.bazaar.platform.BazaarProperties;
import dev.bazaar.platform.MailMessage;
import dev.bazaar.platform.Mailer;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Identity's mails, sent durably through the platform {@link Mailer} in the caller's transaction. */
@Component
public class IdentityMails {

    private final Mailer mailer;
    private final String verificationLink;
    private final String resetLink;
    private final String signInLink;

    IdentityMails(Mailer mailer, IdentityProperties properties, BazaarProperties platform) {
        this.mailer = mailer;
        String base = platform.publicUrl().toString().replaceAll("/$", "");
        this.verificationLink = properties.links().emailVerification() != null ? properties.links().emailVerification()
                : base + "/account/verify-email#token={token}";
        this.resetLink = properties.links().passwordReset() != null ? properties.links().passwordReset()
                : base + "/account/reset-password#token={token}";
        this.signInLink = base + "/account/sign-in";
    }

    public void verification(String to, String locale, String token, Duration validFor) {
        send(to, locale, "Confirm your email address", "identity-verify-email",
                Map.of("link", verificationLink.replace("{token}", token), "token", token, "hours", Math.max(1, validFor.toHours())));
    }

    public void alreadyRegistered(String to, String locale) {
        send(to, locale, "You already have an account", "identity-already-registered",
                Map.of("signInLink", signInLink, "resetLink", resetPage()));
    }

    public void passwordReset(String to, String locale, String token, Duration validFor) {
        send(to, locale, "Reset your password", "identity-password-reset",
                Map.of("link", resetLink.replace("{token}", token), "token", token, "minutes", validFor.toMinutes()));
    }

    public void passwordChanged(String to, String locale) {
        send(to, locale, "Your password was changed", "identity-password-changed", Map.of("resetLink", resetPage()));
    }

    /** The reset page itself, without a token: where the owner asks for a reset link. */
    private String resetPage() {
        return resetLink.replace("#token={token}", "").replace("{token}", "");
    }

    public void twoFactorChanged(String to, String locale, boolean enabled) {
        send(to, locale, enabled ? "Two-factor authentication is on" : "Two-factor authentication was turned off",
                "identity-two-factor-changed", Map.of("enabled", enabled));
    }

    private void send(String to, String locale, String subject, String template, Map<String, Object> model) {
        mailer.send(new MailMessage(to, subject, template, model, Locale.forLanguageTag(locale)));
    }
}
