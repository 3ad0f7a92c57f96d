package dev.bazaar.catalog.application;

import dev.bazaar.platform.ApplicationException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.Locale;
import java.util.regex.Pattern;

/** Product handles: lower-case slugs, unique per shop, made from the title when none is given ("Café Crème" → "cafe-creme"). */
final class Handles {

    static final int MAX_LENGTH = 100;
    private static final Pattern VALID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^a-z0-9]+");

    private Handles() {}

    /** A handle the client chose: 400 unless it is a slug. */
    static String require(String handle) {
        String candidate = handle.strip();
        if (candidate.length() > MAX_LENGTH || !VALID.matcher(candidate).matches()) {
            throw ApplicationException.invalidField("handle", "invalid_handle",
                    "must be lower-case letters and digits separated by single hyphens, at most " + MAX_LENGTH + " characters");
        }
        return candidate;
    }

    /** The slug of a title; "product" when nothing of it is left. */
    static String slug(String title) {
        String ascii = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFKD)).replaceAll("");
        String slug = SEPARATORS.matcher(ascii.toLowerCase(Locale.ROOT)).replaceAll("-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH - 6) {
            slug = slug.substring(0, MAX_LENGTH - 6).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "product" : slug;
    }

    /**
     * The handle the client chose ({@link #require}), or, when none, the slug of {@code name} made free of the handles
     * {@code takenLike} returns for it (those equal to it or extending it with {@code -n}).
     */
    static String chosenOrFree(@org.jspecify.annotations.Nullable String chosen, String name,
                               java.util.function.Function<String, Collection<String>> takenLike) {
        if (chosen != null) {
            return require(chosen);
        }
        String base = slug(name);
        return free(base, takenLike.apply(base));
    }

    /** {@code base}, or {@code base-2}, {@code base-3}, … whichever {@code taken} does not hold. */
    static String free(String base, Collection<String> taken) {
        if (!taken.contains(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
