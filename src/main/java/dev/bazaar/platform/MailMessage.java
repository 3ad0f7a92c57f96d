package dev.bazaar.platform;

import java.util.Locale;
import java.util.Map;

/**
 * A mail to send: recipient, subject, and the template ({@code templates/mail/<template>.txt}, plus an optional
 * {@code .html}) rendered with {@code model}. The model should hold plain values, not entities.
 */
public record MailMessage(String to, String subject, String template, Map<String, Object> model, Locale locale) {

    public MailMessage(String to, String subject, String template, Map<String, Object> model) {
        this(to, subject, template, model, Locale.ENGLISH);
    }
}
