package dev.bazaar.identity.application;

import dev.bazaar.platform.ApplicationException;
import java.text.Normalizer;
import java.util.Locale;

/** The one normalisation of email addresses: NFKC, trimmed, lower-case. Stored and compared only in this form. */
public final class Emails {

    static final int MAX_LENGTH = 320;

    private Emails() {}

    public static String normalise(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Normalises and checks the result again (normalisation can turn look-alike characters into a second {@code @} or
     * lengthen the text): one {@code @} between a non-empty local part and a dotted domain, no spaces or control
     * characters, at most {@value #MAX_LENGTH} characters. Otherwise 400 on {@code field}.
     */
    public static String normaliseValid(String field, String email) {
        String normalised = normalise(email);
        int at = normalised.indexOf('@');
        boolean valid = normalised.length() >= 3 && normalised.length() <= MAX_LENGTH && at > 0
                && at == normalised.lastIndexOf('@') && normalised.indexOf('.', at) > at + 1 && !normalised.endsWith(".")
                && normalised.codePoints().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
        if (!valid) {
            throw ApplicationException.invalidField(field, "invalid_email", "must be a well-formed email address");
        }
        return normalised;
    }
}
