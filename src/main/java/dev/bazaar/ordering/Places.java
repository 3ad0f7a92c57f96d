package dev.bazaar.ordering;

import dev.bazaar.platform.ApplicationException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Country and region codes from requests: ISO 3166-1 alpha-2 countries (checked against the JDK's list) and ISO 3166-2
 * regions of that country (checked by shape only, {@code US-CA}: the JDK has no list of subdivisions), upper-cased.
 */
final class Places {

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
    private static final Pattern REGION = Pattern.compile("[A-Z]{2}-[A-Z0-9]{1,3}");

    private Places() {}

    static String country(String field, @Nullable String code) {
        String country = code == null ? "" : code.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(country)) {
            throw ApplicationException.invalidField(field, "unknown_country", "must be an ISO 3166-1 alpha-2 country code");
        }
        return country;
    }

    static @Nullable String region(String field, String country, @Nullable String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String region = code.strip().toUpperCase(Locale.ROOT);
        if (!REGION.matcher(region).matches() || !region.startsWith(country + "-")) {
            throw ApplicationException.invalidField(field, "unknown_region",
                    "must be an ISO 3166-2 code of " + country + " such as " + country + "-01");
        }
        return region;
    }
}
