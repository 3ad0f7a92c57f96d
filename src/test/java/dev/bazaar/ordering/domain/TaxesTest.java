package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.bazaar.ordering.domain.Taxes.LineTax;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TaxesTest {

    private static final List<BigDecimal> RATES = List.of(new BigDecimal("0"), new BigDecimal("5.5000"),
            new BigDecimal("7"), new BigDecimal("19.0000"), new BigDecimal("20"), new BigDecimal("8.875"),
            new BigDecimal("0.0001"), new BigDecimal("33.3333"), new BigDecimal("100"));

    @Test
    void inclusiveNetPlusTaxIsTheGrossExactlyForManyValues() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            long gross = i < 10_000 ? i : random.nextLong(0, 1_000_000_000_000L);
            for (BigDecimal rate : RATES) {
                LineTax line = Taxes.inclusive(gross, rate);
                assertThat(line.net() + line.tax()).isEqualTo(gross);
                assertThat(line.tax()).isBetween(0L, gross);
                // net is the half-even rounding of the exact quotient: within half a minor unit of it.
                BigDecimal exact = BigDecimal.valueOf(gross).multiply(BigDecimal.valueOf(100))
                        .divide(BigDecimal.valueOf(100).add(rate), 20, RoundingMode.HALF_EVEN);
                assertThat(exact.subtract(BigDecimal.valueOf(line.net())).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
            }
        }
    }

    @Test
    void exclusiveTaxIsTheHalfEvenRoundingOfNetTimesRate() {
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 20_000; i++) {
            long net = i < 10_000 ? i : random.nextLong(0, 1_000_000_000_000L);
            for (BigDecimal rate : RATES) {
                LineTax line = Taxes.exclusive(net, rate);
                BigDecimal exact = BigDecimal.valueOf(net).multiply(rate).movePointLeft(2);
                assertThat(line.tax()).isEqualTo(exact.setScale(0, RoundingMode.HALF_EVEN).longValueExact());
                assertThat(exact.subtract(BigDecimal.valueOf(line.tax())).abs()).isLessThanOrEqualTo(new BigDecimal("0.5"));
                assertThat(line.gross()).isEqualTo(net + line.tax());
            }
        }
    }

    @Test
    void roundsHalvesToEven() {
        // 50 × 1 % = 0.5 → 0; 150 × 1 % = 1.5 → 2; 250 × 1 % = 2.5 → 2.
        assertThat(Taxes.exclusive(50, BigDecimal.ONE).tax()).isZero();
        assertThat(Taxes.exclusive(150, BigDecimal.ONE).tax()).isEqualTo(2);
        assertThat(Taxes.exclusive(250, BigDecimal.ONE).tax()).isEqualTo(2);
        // Inclusive at 100 %: net = gross / 2; 1 → 0.5 → 0, 3 → 1.5 → 2, 5 → 2.5 → 2.
        assertThat(Taxes.inclusive(1, new BigDecimal("100")).net()).isZero();
        assertThat(Taxes.inclusive(3, new BigDecimal("100")).net()).isEqualTo(2);
        assertThat(Taxes.inclusive(5, new BigDecimal("100")).net()).isEqualTo(2);
    }

    @Test
    void worksTheDocumentedExample() {
        // docs/ORDERING.md: 19 % on 10.00 EUR.
        assertThat(Taxes.inclusive(1000, new BigDecimal("19.0000"))).isEqualTo(new LineTax(840, 160, 1000));
        assertThat(Taxes.exclusive(1000, new BigDecimal("19.0000"))).isEqualTo(new LineTax(1000, 190, 1190));
        // 3 × 3.33 = 9.99 at 7 %: one rounding on the line (0.6993 → 70 cents), not per unit (3 × 23 = 69).
        assertThat(Taxes.exclusive(999, new BigDecimal("7")).tax()).isEqualTo(70);
    }

    @Test
    void zeroRateGivesZeroTax() {
        for (long amount = 0; amount < 100_000; amount += 7) {
            assertThat(Taxes.inclusive(amount, BigDecimal.ZERO)).isEqualTo(new LineTax(amount, 0, amount));
            assertThat(Taxes.exclusive(amount, BigDecimal.ZERO)).isEqualTo(new LineTax(amount, 0, amount));
        }
    }

    @Test
    void hugeAmountsDoNotOverflow() {
        LineTax inclusive = Taxes.inclusive(Long.MAX_VALUE, new BigDecimal("19"));
        assertThat(inclusive.net() + inclusive.tax()).isEqualTo(Long.MAX_VALUE);
        assertThat(inclusive.tax()).isPositive();
        LineTax exclusive = Taxes.exclusive(Long.MAX_VALUE / 2, new BigDecimal("100"));
        assertThat(exclusive.gross()).isEqualTo(Long.MAX_VALUE / 2 * 2);
        assertThatThrownBy(() -> Taxes.exclusive(Long.MAX_VALUE, new BigDecimal("1")))
                .isInstanceOf(ArithmeticException.class);
        assertThat(Taxes.exclusive(Long.MAX_VALUE, BigDecimal.ZERO).gross()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void refusesBadRatesAndNegativeAmounts() {
        for (String rate : List.of("-1", "100.0001", "19.00001", "1000")) {
            assertThat(Taxes.isValidRate(new BigDecimal(rate))).as(rate).isFalse();
            assertThatThrownBy(() -> Taxes.exclusive(100, new BigDecimal(rate))).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(Taxes.isValidRate(new BigDecimal("19.000000"))).isTrue();
        assertThatThrownBy(() -> Taxes.inclusive(-1, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
    }
}
