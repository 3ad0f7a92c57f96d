package dev.bazaar.platform;

import java.util.Currency;
import java.util.Locale;

/**
 * An amount of money: integer minor units (cents) and an ISO 4217 currency code, as the API renders it
 * ({@code {"amount": 1999, "currency": "EUR"}}). Never floating point.
 */
public record Money(long amount, String currency) {

    /** The amount as people read it in {@code locale}, with the currency's own decimals: {@code €12.34}, {@code 12,34 €}. */
    public String display(Locale locale) {
        Currency code = Currency.getInstance(currency);
        java.text.NumberFormat format = java.text.NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(code);
        int digits = Math.max(code.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(java.math.BigDecimal.valueOf(amount, digits));
    }

    /**
     * Validates a price from a request: a known currency equal to {@code expectedCurrency} (the shop's) and an amount
     * that is not negative; 400 naming {@code field} otherwise.
     */
    public static Money price(String field, long amount, String currency, String expectedCurrency) {
        String code = currency.strip().toUpperCase(Locale.ROOT);
        try {
            Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw ApplicationException.invalidField(field + ".currency", "unknown_currency", "is not an ISO 4217 currency code");
        }
        if (!code.equals(expectedCurrency)) {
            throw ApplicationException.invalidField(field + ".currency", "currency_mismatch",
                    "must be the shop's currency, " + expectedCurrency);
        }
        if (amount < 0) {
            throw ApplicationException.invalidField(field + ".amount", "must_not_be_negative", "must be 0 or more");
        }
        return new Money(amount, code);
    }
}
