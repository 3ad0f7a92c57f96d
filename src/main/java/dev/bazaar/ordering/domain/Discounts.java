package dev.bazaar.ordering.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Whether a discount applies to a cart, and by how much, in integer minor units; pure (no database, no clock).
 * <ul>
 * <li>It applies when active, {@code startsAt <= now < endsAt} (no end: open), the cart's subtotal reaches the minimum
 * subtotal, usage is left ({@code timesUsed < usageLimit}) and at least one line is targeted.</li>
 * <li>Percentage: per targeted line, {@code round(amount * percentage / 100)} half-even, summed.</li>
 * <li>Fixed amount: the amount, capped at the targeted lines' subtotal.</li>
 * <li>Free shipping: the cart's shipping amount.</li>
 * </ul>
 * The per-customer limit needs the customer's redemptions and is checked at redemption, not here.
 */
public final class Discounts {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Discounts() {}

    public enum Kind { PERCENTAGE, FIXED_AMOUNT, FREE_SHIPPING }

    public enum Targets { ALL, PRODUCTS, COLLECTIONS }

    /** Why a discount does not apply. */
    public enum Refusal { DISABLED, NOT_STARTED, ENDED, BELOW_MINIMUM, USAGE_EXHAUSTED, NO_TARGETED_LINES }

    /**
     * A definition as the calculation reads it: {@code percentage} for percentage (0 to 100), {@code amount} (minor
     * units) for fixed amount; {@code targetIds} product or collection ids as {@code targets} says.
     */
    public record Definition(Kind kind, @Nullable BigDecimal percentage, long amount, @Nullable Long minimumSubtotal,
                             Targets targets, Set<UUID> targetIds, Instant startsAt, @Nullable Instant endsAt,
                             @Nullable Long usageLimit, long timesUsed, boolean active) {}

    /** A cart line: its product, the collections the product is in, and the line's amount (unit price x quantity). */
    public record Line(UUID productId, Set<UUID> collectionIds, long amount) {}

    public record Cart(List<Line> lines, long subtotal, long shipping, Instant now) {}

    /** {@code amount} is 0 when it does not apply, and then {@code refusal} says why. */
    public record Result(boolean applies, @Nullable Refusal refusal, long amount) {
        static Result refused(Refusal refusal) {
            return new Result(false, refusal, 0);
        }
    }

    public static Result evaluate(Definition discount, Cart cart) {
        if (!discount.active()) {
            return Result.refused(Refusal.DISABLED);
        }
        if (cart.now().isBefore(discount.startsAt())) {
            return Result.refused(Refusal.NOT_STARTED);
        }
        if (discount.endsAt() != null && !cart.now().isBefore(discount.endsAt())) {
            return Result.refused(Refusal.ENDED);
        }
        if (discount.usageLimit() != null && discount.timesUsed() >= discount.usageLimit()) {
            return Result.refused(Refusal.USAGE_EXHAUSTED);
        }
        if (discount.minimumSubtotal() != null && cart.subtotal() < discount.minimumSubtotal()) {
            return Result.refused(Refusal.BELOW_MINIMUM);
        }
        List<Line> targeted = cart.lines().stream().filter(line -> targets(discount, line)).toList();
        if (targeted.isEmpty()) {
            return Result.refused(Refusal.NO_TARGETED_LINES);
        }
        long amount = switch (discount.kind()) {
            case PERCENTAGE -> {
                BigDecimal percentage = requirePercentage(discount.percentage());
                long sum = 0;
                for (Line line : targeted) {
                    sum = Math.addExact(sum, BigDecimal.valueOf(requireAmount(line.amount())).multiply(percentage)
                            .divide(HUNDRED, 0, RoundingMode.HALF_EVEN).longValueExact());
                }
                yield sum;
            }
            case FIXED_AMOUNT -> Math.min(requireAmount(discount.amount()), targetedSubtotal(targeted));
            case FREE_SHIPPING -> requireAmount(cart.shipping());
        };
        return new Result(true, null, amount);
    }

    /**
     * How an applying line discount ({@link #evaluate}'s amount) splits over the cart's lines, in their order: a
     * percentage exactly as evaluated per targeted line; a fixed amount in proportion to the targeted lines' amounts,
     * the units left by rounding down going to the largest remainders (then the earlier line); free shipping and
     * a refused discount take nothing from lines. The parts add up to the amount, and no part exceeds its line.
     */
    public static long[] allocate(Definition discount, Cart cart, Result result) {
        long[] parts = new long[cart.lines().size()];
        if (!result.applies() || discount.kind() == Kind.FREE_SHIPPING) {
            return parts;
        }
        List<Line> lines = cart.lines();
        if (discount.kind() == Kind.PERCENTAGE) {
            BigDecimal percentage = requirePercentage(discount.percentage());
            for (int i = 0; i < lines.size(); i++) {
                if (targets(discount, lines.get(i))) {
                    parts[i] = BigDecimal.valueOf(lines.get(i).amount()).multiply(percentage)
                            .divide(HUNDRED, 0, RoundingMode.HALF_EVEN).longValueExact();
                }
            }
            return parts;
        }
        long base = targetedSubtotal(lines.stream().filter(line -> targets(discount, line)).toList());
        if (base == 0) {
            return parts;
        }
        BigDecimal total = BigDecimal.valueOf(result.amount());
        BigDecimal[] remainders = new BigDecimal[lines.size()];
        long given = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (!targets(discount, lines.get(i))) {
                remainders[i] = BigDecimal.valueOf(-1);
                continue;
            }
            BigDecimal[] split = total.multiply(BigDecimal.valueOf(lines.get(i).amount()))
                    .divideAndRemainder(BigDecimal.valueOf(base));
            parts[i] = split[0].longValueExact();
            remainders[i] = split[1];
            given += parts[i];
        }
        for (long left = result.amount() - given; left > 0; left--) {
            int best = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (parts[i] < lines.get(i).amount() && (best < 0 || remainders[i].compareTo(remainders[best]) > 0)) {
                    best = i;
                }
            }
            parts[best]++;
            remainders[best] = BigDecimal.valueOf(-1);
        }
        return parts;
    }

    /** Whether {@code percentage} is a valid discount percentage: above 0, at most 100, at most 4 fraction digits. */
    public static boolean isValidPercentage(BigDecimal percentage) {
        return percentage.signum() > 0 && percentage.compareTo(HUNDRED) <= 0 && percentage.stripTrailingZeros().scale() <= 4;
    }

    private static boolean targets(Definition discount, Line line) {
        return switch (discount.targets()) {
            case ALL -> true;
            case PRODUCTS -> discount.targetIds().contains(line.productId());
            case COLLECTIONS -> line.collectionIds().stream().anyMatch(discount.targetIds()::contains);
        };
    }

    private static long targetedSubtotal(List<Line> lines) {
        long sum = 0;
        for (Line line : lines) {
            sum = Math.addExact(sum, requireAmount(line.amount()));
        }
        return sum;
    }

    private static BigDecimal requirePercentage(@Nullable BigDecimal percentage) {
        if (percentage == null || !isValidPercentage(percentage)) {
            throw new IllegalArgumentException("a discount percentage is above 0 and at most 100, with at most 4 fraction digits");
        }
        return percentage;
    }

    private static long requireAmount(long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("an amount is not negative");
        }
        return amount;
    }
}
