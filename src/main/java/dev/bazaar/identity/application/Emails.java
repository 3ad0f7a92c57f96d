package dev.bazaar.identity.application;

import java.text.Normalizer;
import java.util.Locale;

/** The one normalisation of email addresses: NFKC, trimmed, lower-case. Stored and compared only in this form. */
public final class Emails {

    private Emails() {}

    public static String normalise(String email) {
        return Normalizer.normalize(email, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
