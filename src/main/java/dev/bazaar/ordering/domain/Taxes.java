package dev.bazaar.ordering.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Tax on one line, in integer minor units, rounded half-even once per line (never per unit, never on the order total).
 * The rate is a percentage with at most 4 fraction digits ({@code 19.0000} is 19 %), from 0 to 100.
 * <ul>
 * <li>Prices include tax: {@code net = round(gross / (1 + rate))}, {@code tax = gross - net}, so that
 * {@code net + tax == gross} exactly.</li>
 * <li>Prices exclude tax: {@code tax = round(net * rate)}, {@code gross = net + tax}.</li>
 * </ul>
 * Everything is computed with {@link BigDecimal}; a result that does not fit a {@code long} throws
 * {@link ArithmeticException} rather than wrapping.
 */
public final class Taxes {

    public static final BigDecimal MAX_RATE = BigDecimal.valueOf(100);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Taxes() {}

    /** A line's amounts: {@code net + tax == gross}. */
    public record LineTax(long net, long tax, long gross) {}

    /** Splits a tax-inclusive line amount into net and tax. */
    public static LineTax inclusive(long gross, BigDecimal ratePercent) {
        requireAmount(gross);
        BigDecimal rate = requireRate(ratePercent);
        long net = BigDecimal.valueOf(gross).multiply(HUNDRED).divide(HUNDRED.add(rate), 0, RoundingMode.HALF_EVEN)
                .longValueExact();
        return new LineTax(net, gross - net, gross);
    }

    /** Adds tax to a tax-exclusive line amount. */
    public static LineTax exclusive(long net, BigDecimal ratePercent) {
        requireAmount(net);
        BigDecimal rate = requireRate(ratePercent);
        long tax = BigDecimal.valueOf(net).multiply(rate).divide(HUNDRED, 0, RoundingMode.HALF_EVEN).longValueExact();
        return new LineTax(net, tax, Math.addExact(net, tax));
    }

    /** The tax on a line whose amount is {@code amount}, in the shop's mode. */
    public static LineTax line(long amount, BigDecimal ratePercent, boolean pricesIncludeTax) {
        return pricesIncludeTax ? inclusive(amount, ratePercent) : exclusive(amount, ratePercent);
    }

    /** Whether {@code rate} is a valid percentage: 0 to 100 with at most 4 fraction digits. */
    public static boolean isValidRate(BigDecimal rate) {
        return rate.signum() >= 0 && rate.compareTo(MAX_RATE) <= 0 && rate.stripTrailingZeros().scale() <= 4;
    }

    private static BigDecimal requireRate(BigDecimal rate) {
        if (!isValidRate(rate)) {
            throw new IllegalArgumentException("a tax rate is a percentage from 0 to 100 with at most 4 fraction digits");
        }
        return rate;
    }

    private static void requireAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("a line amount is not negative");
        }
    }
}
