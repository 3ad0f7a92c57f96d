package dev.bazaar.catalog.application;

import dev.bazaar.platform.ApplicationException;
import java.math.BigDecimal;

/**
 * Numbers of number attributes, in filters and in collection rules: at most 20 digits before the point and 10 after,
 * so that no value a client sends can cost more than a few bytes to store, compare or print ({@code 1e300000000} is
 * refused, not expanded).
 */
final class CatalogNumbers {

    static final int MAX_INTEGER_DIGITS = 20;
    static final int MAX_FRACTION_DIGITS = 10;

    private CatalogNumbers() {}

    /** The number in its shortest form; 400 {@code invalid_number} on {@code field} for anything else. */
    static BigDecimal parse(String field, String text) {
        BigDecimal number;
        try {
            number = new BigDecimal(text.strip()).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw invalid(field);
        }
        if (number.precision() - number.scale() > MAX_INTEGER_DIGITS || number.scale() > MAX_FRACTION_DIGITS) {
            throw invalid(field);
        }
        return number;
    }

    /** As stored in JSON: a whole number without a fraction, else the decimal. */
    static Object json(BigDecimal number) {
        return number.scale() <= 0 ? number.toBigIntegerExact() : number;
    }

    private static ApplicationException invalid(String field) {
        return ApplicationException.invalidField(field, "invalid_number", "must be a number with at most "
                + MAX_INTEGER_DIGITS + " digits before the point and " + MAX_FRACTION_DIGITS + " after");
    }
}
