package dev.bazaar.ordering;

import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.Text;
import org.jspecify.annotations.Nullable;

/**
 * A postal address as carts, orders and customers' address books hold it: {@code country} ISO 3166-1 alpha-2,
 * {@code region} ISO 3166-2 of that country ({@code US-CA}) when the country has regions that matter for shipping or tax.
 */
public record Address(String name, @Nullable String company, String line1, @Nullable String line2, String city,
                      @Nullable String region, String postalCode, String country, @Nullable String phone) {

    /** The address with its fields checked (400 naming the field) and normalised: trimmed, codes upper-cased. */
    static Address checked(String field, @Nullable Address address) {
        if (address == null) {
            throw ApplicationException.invalidField(field, "required", "is required");
        }
        String country = Places.country(field + ".country", address.country());
        return new Address(required(field + ".name", address.name(), 200), optional(field + ".company", address.company(), 200),
                required(field + ".line1", address.line1(), 200), optional(field + ".line2", address.line2(), 200),
                required(field + ".city", address.city(), 100), Places.region(field + ".region", country, address.region()),
                required(field + ".postal_code", address.postalCode(), 20), country,
                optional(field + ".phone", address.phone(), 40));
    }

    private static String required(String field, @Nullable String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApplicationException.invalidField(field, "required", "is required");
        }
        return Text.line(field, value.strip(), max);
    }

    private static @Nullable String optional(String field, @Nullable String value, int max) {
        return value == null || value.isBlank() ? null : Text.line(field, value.strip(), max);
    }
}
