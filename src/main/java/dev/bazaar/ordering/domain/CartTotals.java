package dev.bazaar.ordering.domain;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A cart's totals in integer minor units; pure. The rule, in this order:
 * <ol>
 * <li>Each line's subtotal is unit price × quantity; the cart's subtotal is their sum.</li>
 * <li>The discount is evaluated on that subtotal and the shipping price ({@link Discounts#evaluate}); a line discount is
 * split over the lines ({@link Discounts#allocate}), free shipping comes off shipping.</li>
 * <li>Each line's tax is computed once on its discounted amount at the destination's rate, rounded half-even
 * ({@link Taxes#line}). When the shop taxes shipping, the shipping amount (after a free-shipping discount) is taxed
 * the same way, once, at the same rate and in the same mode (inside the price or added); otherwise it is not taxed.
 * The tax total is the sum of the lines' taxes and the shipping tax.</li>
 * <li>Tax-inclusive prices: total = subtotal − discounts + shipping (the tax is inside). Exclusive: the tax is added.</li>
 * </ol>
 */
public final class CartTotals {

    private CartTotals() {}

    public record Line(UUID productId, Set<UUID> collectionIds, long unitPrice, long quantity) {}

    /** One line's figures: {@code total} is what the line costs after its discount (tax included when it is added). */
    public record LineTotals(long subtotal, long discount, long tax, long total) {}

    /**
     * {@code discountAmount} is what the discount takes in all (lines plus shipping); {@code discount} the evaluation
     * (null when the cart has no discount); {@code tax} the lines' taxes plus {@code shippingTax} (0 when shipping is
     * not taxed).
     */
    public record Totals(List<LineTotals> lines, long subtotal, long lineDiscounts, long shippingDiscount,
                         long shipping, long shippingTax, long tax, long total, Discounts.@Nullable Result discount) {

        public long discountTotal() {
            return lineDiscounts + shippingDiscount;
        }
    }

    /**
     * {@code shippingPrice} before any free-shipping discount; {@code taxRate} a percentage (0 when none applies);
     * {@code taxShipping} whether shipping is taxed at it.
     */
    public static Totals compute(List<Line> lines, BigDecimal taxRate, boolean pricesIncludeTax, boolean taxShipping,
                                 long shippingPrice, Discounts.@Nullable Definition discount, Instant now) {
        List<Discounts.Line> discountLines = new ArrayList<>(lines.size());
        long subtotal = 0;
        for (Line line : lines) {
            long amount = Math.multiplyExact(line.unitPrice(), line.quantity());
            discountLines.add(new Discounts.Line(line.productId(), line.collectionIds(), amount));
            subtotal = Math.addExact(subtotal, amount);
        }
        Discounts.Cart cart = new Discounts.Cart(discountLines, subtotal, shippingPrice, now);
        Discounts.Result result = discount == null ? null : Discounts.evaluate(discount, cart);
        long[] parts = discount == null ? new long[lines.size()] : Discounts.allocate(discount, cart, result);
        long shippingDiscount = result != null && result.applies() && discount.kind() == Discounts.Kind.FREE_SHIPPING
                ? result.amount() : 0;
        List<LineTotals> totals = new ArrayList<>(lines.size());
        long lineDiscounts = 0;
        long tax = 0;
        for (int i = 0; i < lines.size(); i++) {
            long amount = discountLines.get(i).amount();
            long taxable = amount - parts[i];
            Taxes.LineTax lineTax = Taxes.line(taxable, taxRate, pricesIncludeTax);
            totals.add(new LineTotals(amount, parts[i], lineTax.tax(), lineTax.gross()));
            lineDiscounts = Math.addExact(lineDiscounts, parts[i]);
            tax = Math.addExact(tax, lineTax.tax());
        }
        long shipping = shippingPrice - shippingDiscount;
        long shippingTax = taxShipping ? Taxes.line(shipping, taxRate, pricesIncludeTax).tax() : 0;
        tax = Math.addExact(tax, shippingTax);
        long total = Math.addExact(Math.addExact(subtotal - lineDiscounts, shipping), pricesIncludeTax ? 0 : tax);
        return new Totals(List.copyOf(totals), subtotal, lineDiscounts, shippingDiscount, shipping, shippingTax, tax, total,
                result);
    }
}
