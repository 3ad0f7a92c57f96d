package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.domain.Discounts.Cart;
import dev.bazaar.ordering.domain.Discounts.Definition;
import dev.bazaar.ordering.domain.Discounts.Kind;
import dev.bazaar.ordering.domain.Discounts.Line;
import dev.bazaar.ordering.domain.Discounts.Refusal;
import dev.bazaar.ordering.domain.Discounts.Result;
import dev.bazaar.ordering.domain.Discounts.Targets;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class DiscountsTest {

    private static final Instant START = Instant.parse("2026-06-01T00:00:00Z");
    private static final Instant END = Instant.parse("2026-07-01T00:00:00Z");
    private final UUID shirt = UUID.randomUUID();
    private final UUID mug = UUID.randomUUID();
    private final UUID summer = UUID.randomUUID();

    private static Definition percentage(String percent, Targets targets, Set<UUID> ids) {
        return new Definition(Kind.PERCENTAGE, new BigDecimal(percent), 0, null, targets, ids, START, END, null, 0, true);
    }

    private static Definition fixed(long amount, Targets targets, Set<UUID> ids) {
        return new Definition(Kind.FIXED_AMOUNT, null, amount, null, targets, ids, START, END, null, 0, true);
    }

    private static Definition with(Definition d, @Nullable Long minimum, @Nullable Long limit, long used, boolean active) {
        return new Definition(d.kind(), d.percentage(), d.amount(), minimum, d.targets(), d.targetIds(), d.startsAt(),
                d.endsAt(), limit, used, active);
    }

    private Cart cart(Instant now, long shipping, long... amounts) {
        List<Line> lines = new ArrayList<>();
        long subtotal = 0;
        for (int i = 0; i < amounts.length; i++) {
            lines.add(i % 2 == 0 ? new Line(shirt, Set.of(summer), amounts[i]) : new Line(mug, Set.of(), amounts[i]));
            subtotal += amounts[i];
        }
        return new Cart(lines, subtotal, shipping, now);
    }

    @Test
    void percentageIsRoundedHalfEvenPerTargetedLine() {
        Instant now = START.plusSeconds(60);
        // 1 % of 250 is 2.5 -> 2, of 150 is 1.5 -> 2.
        assertThat(Discounts.evaluate(percentage("1", Targets.ALL, Set.of()), cart(now, 0, 250, 150)).amount()).isEqualTo(4);
        // Only the shirt lines (even positions) are targeted.
        assertThat(Discounts.evaluate(percentage("10", Targets.PRODUCTS, Set.of(shirt)), cart(now, 0, 1000, 5000, 333))
                .amount()).isEqualTo(100 + 33);
        assertThat(Discounts.evaluate(percentage("50", Targets.COLLECTIONS, Set.of(summer)), cart(now, 0, 999, 5000))
                .amount()).isEqualTo(500);
        assertThat(Discounts.evaluate(percentage("100", Targets.ALL, Set.of()), cart(now, 0, 1, 2, 3)).amount()).isEqualTo(6);
    }

    @Test
    void fixedAmountIsCappedAtTheTargetedSubtotalAndFreeShippingIsTheShipping() {
        Instant now = START;
        assertThat(Discounts.evaluate(fixed(500, Targets.ALL, Set.of()), cart(now, 0, 2000)).amount()).isEqualTo(500);
        assertThat(Discounts.evaluate(fixed(5000, Targets.PRODUCTS, Set.of(shirt)), cart(now, 0, 300, 9000)).amount())
                .isEqualTo(300);
        Definition free = new Definition(Kind.FREE_SHIPPING, null, 0, null, Targets.ALL, Set.of(), START, null, null, 0, true);
        assertThat(Discounts.evaluate(free, cart(now, 799, 100)).amount()).isEqualTo(799);
    }

    @Test
    void neverMoreThanTheTargetedAmountNorNegative() {
        Random random = new Random(7);
        for (int i = 0; i < 5000; i++) {
            long[] amounts = new long[1 + random.nextInt(6)];
            for (int j = 0; j < amounts.length; j++) {
                amounts[j] = random.nextInt(4) == 0 ? 0 : random.nextLong(1_000_000_000L);
            }
            Cart cart = cart(START.plusSeconds(random.nextLong(1000)), random.nextLong(10_000), amounts);
            long targetedShirts = 0;
            for (int j = 0; j < amounts.length; j += 2) {
                targetedShirts += amounts[j];
            }
            String percent = BigDecimal.valueOf(1 + random.nextInt(1_000_000), 4).toPlainString();
            Targets targets = random.nextBoolean() ? Targets.PRODUCTS : Targets.COLLECTIONS;
            Set<UUID> ids = targets == Targets.PRODUCTS ? Set.of(shirt) : Set.of(summer);
            for (Definition discount : List.of(percentage(percent, targets, ids),
                    fixed(1 + random.nextLong(2_000_000_000L), targets, ids))) {
                Result result = Discounts.evaluate(discount, cart);
                assertThat(result.applies()).isTrue();
                assertThat(result.amount()).as("%s on %s", discount, cart).isBetween(0L, targetedShirts);
            }
            Result all = Discounts.evaluate(percentage(percent, Targets.ALL, Set.of()), cart);
            assertThat(all.amount()).isBetween(0L, cart.subtotal());
        }
    }

    @Test
    void theWindowIncludesItsStartAndExcludesItsEnd() {
        Definition discount = percentage("10", Targets.ALL, Set.of());
        for (Duration offset : List.of(Duration.ofNanos(1), Duration.ofSeconds(1), Duration.ofDays(1))) {
            assertThat(Discounts.evaluate(discount, cart(START.minus(offset), 0, 1000)).refusal()).isEqualTo(Refusal.NOT_STARTED);
            assertThat(Discounts.evaluate(discount, cart(START.plus(offset), 0, 1000)).applies()).isTrue();
            assertThat(Discounts.evaluate(discount, cart(END.minus(offset), 0, 1000)).applies()).isTrue();
            assertThat(Discounts.evaluate(discount, cart(END.plus(offset), 0, 1000)).refusal()).isEqualTo(Refusal.ENDED);
        }
        assertThat(Discounts.evaluate(discount, cart(START, 0, 1000)).applies()).isTrue();
        assertThat(Discounts.evaluate(discount, cart(END, 0, 1000)).refusal()).isEqualTo(Refusal.ENDED);
        Definition open = new Definition(Kind.PERCENTAGE, BigDecimal.TEN, 0, null, Targets.ALL, Set.of(), START, null, null, 0, true);
        assertThat(Discounts.evaluate(open, cart(END.plus(Duration.ofDays(3650)), 0, 1000)).applies()).isTrue();
    }

    @Test
    void theMinimumSubtotalIsReachedAtItsValue() {
        Definition discount = with(percentage("10", Targets.ALL, Set.of()), 5000L, null, 0, true);
        for (long subtotal = 4990; subtotal <= 5010; subtotal++) {
            Result result = Discounts.evaluate(discount, cart(START, 0, subtotal));
            assertThat(result.applies()).as("subtotal %d", subtotal).isEqualTo(subtotal >= 5000);
            if (!result.applies()) {
                assertThat(result.refusal()).isEqualTo(Refusal.BELOW_MINIMUM);
                assertThat(result.amount()).isZero();
            }
        }
    }

    @Test
    void exhaustedDisabledOrUntargetedDiscountsDoNotApply() {
        Definition base = percentage("10", Targets.ALL, Set.of());
        for (long used = 0; used <= 5; used++) {
            Result result = Discounts.evaluate(with(base, null, 3L, used, true), cart(START, 0, 1000));
            assertThat(result.applies()).as("used %d of 3", used).isEqualTo(used < 3);
            if (used >= 3) {
                assertThat(result.refusal()).isEqualTo(Refusal.USAGE_EXHAUSTED);
            }
        }
        assertThat(Discounts.evaluate(with(base, null, null, 0, false), cart(START, 0, 1000)).refusal())
                .isEqualTo(Refusal.DISABLED);
        assertThat(Discounts.evaluate(percentage("10", Targets.PRODUCTS, Set.of(UUID.randomUUID())), cart(START, 0, 1000, 2000))
                .refusal()).isEqualTo(Refusal.NO_TARGETED_LINES);
        assertThat(Discounts.evaluate(base, cart(START, 0)).refusal()).isEqualTo(Refusal.NO_TARGETED_LINES);
    }
}
