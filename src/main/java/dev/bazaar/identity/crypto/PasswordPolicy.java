package dev.bazaar.identity.crypto;

import dev.bazaar.platform.ApplicationException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The password rules of NIST SP 800-63B / OWASP ASVS: Unicode NFKC normalisation, 8 to 128 characters (code points),
 * no composition rules, and refusal of the 30,000 most common passwords and of passwords made of the account's own
 * address or the product's name. Refusals are 400 {@code validation_failed} on the given field.
 */
@Component
public class PasswordPolicy {

    public static final int MIN_LENGTH = 8;
    public static final int MAX_LENGTH = 128;
    static final String LIST = "identity/common-passwords.txt";

    private final Set<String> common;

    public PasswordPolicy() {
        this.common = load();
    }

    /** The form a password is hashed and compared in: NFKC, so that the same text typed differently matches. */
    public static String normalise(String password) {
        return Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /** Checks a new password (already normalised); {@code field} names it in the error, {@code email} is the owner's. */
    public void check(String field, String password, @Nullable String email) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw ApplicationException.invalidField(field, "password_too_short", "must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw ApplicationException.invalidField(field, "password_too_long", "must be at most " + MAX_LENGTH + " characters");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (common.contains(folded)) {
            throw ApplicationException.invalidField(field, "password_too_common",
                    "is one of the most commonly used passwords; choose another");
        }
        if (folded.contains("bazaar") && folded.length() < 16 || email != null && isAboutTheAddress(folded, email)) {
            throw ApplicationException.invalidField(field, "password_too_guessable",
                    "must not be made of your address or the name of this service");
        }
    }

    boolean isCommon(String password) {
        return common.contains(normalise(password).toLowerCase(Locale.ROOT));
    }

    int size() {
        return common.size();
    }

    private static boolean isAboutTheAddress(String folded, String email) {
        String address = email.toLowerCase(Locale.ROOT);
        int at = address.indexOf('@');
        String local = at > 0 ? address.substring(0, at) : address;
        return folded.equals(address) || local.length() >= 4 && folded.contains(local) && folded.length() < local.length() + 6;
    }

    private static Set<String> load() {
        InputStream stream = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST);
        if (stream == null) {
            throw new IllegalStateException("The common-password list " + LIST + " is missing from the class path");
        }
        Set<String> words = new HashSet<>(40_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    words.add(normalise(line).toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
