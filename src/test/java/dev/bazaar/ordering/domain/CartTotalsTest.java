package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.domain.CartTotals.Line;
import dev.bazaar.ordering.domain.CartTotals.Totals;
import dev.bazaar.ordering.domain.Discounts.Definition;
import dev.bazaar.ordering.domain.Discounts.Kind;
import dev.bazaar.ordering.domain.Discounts.Targets;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CartTotalsTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final BigDecimal VAT = new BigDecimal("19");
    private final UUID shirt = UUID.randomUUID();
    private final UUID mug = UUID.randomUUID();

    private static Definition fixed(long amount, Targets targets, Set<UUID> ids) {
        return new Definition(Kind.FIXED_AMOUNT, null, amount, null, targets, ids, NOW.minusSeconds(60), null, null, 0, true);
    }

    private static Definition percentage(String percent) {
        return new Definition(Kind.PERCENTAGE, new BigDecimal(percent), 0, null, Targets.ALL, Set.of(), NOW.minusSeconds(60),
                null, null, 0, true);
    }

    @Test
    void addsTaxPerLineOnTheDiscountedAmountWhenPricesExcludeIt() {
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 1000, 3), new Line(mug, Set.of(), 2500, 1)), VAT,
                false, false, 490, percentage("10"), NOW);
        assertThat(totals.subtotal()).isEqualTo(5500);
        assertThat(totals.lineDiscounts()).isEqualTo(550);
        assertThat(totals.lines()).extracting(CartTotals.LineTotals::tax).containsExactly(513L, 428L);
        assertThat(totals.tax()).isEqualTo(941);
        assertThat(totals.total()).isEqualTo(5500 - 550 + 490 + 941);
    }

    @Test
    void keepsTheTotalAndShowsTheTaxInsideWhenPricesIncludeIt() {
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 1000, 3)), VAT, true, false, 490, null, NOW);
        assertThat(totals.tax()).isEqualTo(479);
        assertThat(totals.total()).isEqualTo(3490);
        assertThat(totals.discount()).isNull();
    }

    @Test
    void freeShippingComesOffShippingNotLines() {
        Definition free = new Definition(Kind.FREE_SHIPPING, null, 0, null, Targets.ALL, Set.of(), NOW.minusSeconds(1), null,
                null, 0, true);
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 1000, 1)), VAT, false, false, 490, free, NOW);
        assertThat(totals.shippingDiscount()).isEqualTo(490);
        assertThat(totals.shipping()).isZero();
        assertThat(totals.lineDiscounts()).isZero();
        assertThat(totals.discountTotal()).isEqualTo(490);
        assertThat(totals.total()).isEqualTo(1000 + 190);
    }

    @Test
    void taxesShippingOnceAtTheDestinationsRateWhenTheShopTaxesIt() {
        List<Line> lines = List.of(new Line(shirt, Set.of(), 1000, 1));
        Totals added = CartTotals.compute(lines, VAT, false, true, 490, null, NOW);
        // 490 x 19 % = 93.1 -> 93, added like the line's 190.
        assertThat(added.shippingTax()).isEqualTo(93);
        assertThat(added.tax()).isEqualTo(190 + 93);
        assertThat(added.total()).isEqualTo(1000 + 490 + 283);
        assertThat(added.lines()).extracting(CartTotals.LineTotals::tax).containsExactly(190L);

        Totals inside = CartTotals.compute(lines, VAT, true, true, 490, null, NOW);
        // 490 x 100 / 119 = 411.76 -> 412 net, so 78 of the 490 is tax; the total does not move.
        assertThat(inside.shippingTax()).isEqualTo(78);
        assertThat(inside.tax()).isEqualTo(160 + 78);
        assertThat(inside.total()).isEqualTo(1490);

        assertThat(CartTotals.compute(lines, VAT, false, false, 490, null, NOW).shippingTax()).as("off").isZero();
    }

    @Test
    void roundsShippingTaxHalfToEven() {
        List<Line> lines = List.of(new Line(shirt, Set.of(), 100, 1));
        BigDecimal one = BigDecimal.ONE;
        assertThat(CartTotals.compute(lines, one, false, true, 250, null, NOW).shippingTax()).as("2.5 -> 2").isEqualTo(2);
        assertThat(CartTotals.compute(lines, one, false, true, 150, null, NOW).shippingTax()).as("1.5 -> 2").isEqualTo(2);
    }

    @Test
    void freeShippingLeavesNoShippingTax() {
        Definition free = new Definition(Kind.FREE_SHIPPING, null, 0, null, Targets.ALL, Set.of(), NOW.minusSeconds(1), null,
                null, 0, true);
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 1000, 1)), VAT, false, true, 490, free, NOW);
        assertThat(totals.shipping()).isZero();
        assertThat(totals.shippingTax()).isZero();
        assertThat(totals.total()).isEqualTo(1190);
    }

    @Test
    void aFixedAmountSplitsOverTargetedLinesByLargestRemainder() {
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 100, 1), new Line(mug, Set.of(), 100, 1),
                new Line(UUID.randomUUID(), Set.of(), 100, 1)), BigDecimal.ZERO, false, false, 0,
                fixed(100, Targets.ALL, Set.of()), NOW);
        assertThat(totals.lines()).extracting(CartTotals.LineTotals::discount).containsExactly(34L, 33L, 33L);
        Totals targeted = CartTotals.compute(List.of(new Line(shirt, Set.of(), 300, 1), new Line(mug, Set.of(), 700, 1)),
                BigDecimal.ZERO, false, false, 0, fixed(5000, Targets.PRODUCTS, Set.of(mug)), NOW);
        assertThat(targeted.lines()).extracting(CartTotals.LineTotals::discount).as("capped at the targeted line")
                .containsExactly(0L, 700L);
    }

    @Test
    void aRefusedDiscountTakesNothing() {
        Definition minimum = new Definition(Kind.PERCENTAGE, new BigDecimal("50"), 0, 10_000L, Targets.ALL, Set.of(),
                NOW.minusSeconds(1), null, null, 0, true);
        Totals totals = CartTotals.compute(List.of(new Line(shirt, Set.of(), 1000, 1)), VAT, false, false, 0, minimum, NOW);
        assertThat(totals.discount().applies()).isFalse();
        assertThat(totals.discountTotal()).isZero();
        assertThat(totals.total()).isEqualTo(1190);
    }

    @Test
    void partsAlwaysAddUpForRandomCarts() {
        Random random = new Random(7);
        for (int run = 0; run < 5_000; run++) {
            List<Line> lines = new ArrayList<>();
            int count = 1 + random.nextInt(8);
            for (int i = 0; i < count; i++) {
                lines.add(new Line(UUID.randomUUID(), Set.of(), random.nextInt(100_000), 1 + random.nextInt(20)));
            }
            Definition discount = random.nextBoolean() ? fixed(random.nextInt(500_000), Targets.ALL, Set.of())
                    : percentage(random.nextInt(99) + 1 + "." + random.nextInt(10_000));
            boolean inclusive = random.nextBoolean();
            BigDecimal rate = new BigDecimal(random.nextInt(30) + "." + random.nextInt(100));
            long shipping = random.nextInt(2_000);
            boolean taxShipping = random.nextBoolean();
            Totals totals = CartTotals.compute(lines, rate, inclusive, taxShipping, shipping, discount, NOW);
            long discounts = 0;
            long taxes = 0;
            long lineTotals = 0;
            for (int i = 0; i < lines.size(); i++) {
                CartTotals.LineTotals line = totals.lines().get(i);
                assertThat(line.discount()).isBetween(0L, line.subtotal());
                discounts += line.discount();
                taxes += line.tax();
                lineTotals += line.total();
            }
            assertThat(discounts).isEqualTo(totals.lineDiscounts()).isEqualTo(totals.discount().amount());
            assertThat(taxes + totals.shippingTax()).isEqualTo(totals.tax());
            assertThat(totals.shippingTax()).isEqualTo(taxShipping
                    ? Taxes.line(shipping, rate, inclusive).tax() : 0);
            assertThat(totals.total()).as("the lines' totals plus shipping (and its tax when added)")
                    .isEqualTo(lineTotals + shipping + (inclusive ? 0 : totals.shippingTax()));
        }
    }
}
