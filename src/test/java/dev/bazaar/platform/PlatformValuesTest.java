package dev.bazaar.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PlatformValuesTest {

    @Test
    void idsAreVersion7AndTimeOrdered() {
        UUID first = Ids.newId();
        UUID later = null;
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            later = Ids.newId();
            seen.add(later);
        }
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(seen).hasSize(10_000);
        assertThat(later.getMostSignificantBits() >>> 16).isGreaterThanOrEqualTo(first.getMostSignificantBits() >>> 16);
        assertThat(first.getMostSignificantBits() >>> 16).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));
    }

    @Test
    void jobNamesAndAttemptsAreValidated() {
        assertThatThrownBy(() -> JobDefinition.of("Bad Name", String.class)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JobDefinition.of("ok", String.class).withRetries(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void retryDelayNeverExceedsTheCapPlusJitter() {
        JobDefinition<String> job = JobDefinition.of("ok", String.class);
        for (int attempt = 1; attempt < 100; attempt++) {
            assertThat(job.retryDelay(attempt)).isLessThanOrEqualTo(Duration.ofMinutes(30).multipliedBy(5).dividedBy(4));
            assertThat(job.retryDelay(attempt)).isPositive();
        }
    }

    @Test
    void everyPlatformStatusMapsToAStableCode() {
        assertThat(PlatformErrorCode.forStatus(404)).isEqualTo(PlatformErrorCode.NOT_FOUND);
        assertThat(PlatformErrorCode.forStatus(503)).isEqualTo(PlatformErrorCode.SERVICE_UNAVAILABLE);
        assertThat(PlatformErrorCode.forStatus(599)).isEqualTo(PlatformErrorCode.INTERNAL_ERROR);
        assertThat(PlatformErrorCode.forStatus(418)).isEqualTo(PlatformErrorCode.BAD_REQUEST);
        assertThat(PlatformErrorCode.values()).extracting(PlatformErrorCode::code).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[a-z_]+"));
    }

    @Test
    void entityTagsCarryTheVersionWithOrWithoutAQualifier() {
        assertThat(ETags.of(12)).isEqualTo("\"12\"");
        assertThat(ETags.of(12, "3f9a")).isEqualTo("\"12-3f9a\"");
        assertThat(ETags.versionOf(ETags.of(12, "3f9a"))).isEqualTo(12L);
        assertThat(ETags.versionOf("W/\"7\"")).isEqualTo(7L);
        assertThat(ETags.versionOf("*")).isNull();
        assertThat(ETags.versionOf(null)).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ETags.versionOf("\"abc\""))
                .isInstanceOf(ApplicationException.class);
    }

    @Test
    void pricesAreInTheShopsCurrencyAndNotNegative() {
        assertThat(Money.price("price", 1999, "eur", "EUR")).isEqualTo(new Money(1999, "EUR"));
        for (Runnable bad : java.util.List.<Runnable>of(() -> Money.price("price", 1, "USD", "EUR"),
                () -> Money.price("price", 1, "XYZ", "EUR"), () -> Money.price("price", -1, "EUR", "EUR"))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(bad::run).isInstanceOf(ApplicationException.class);
        }
    }

    @Test
    void moneyIsShownWithTheCurrencysDecimalsInTheReadersLocale() {
        assertThat(new Money(123456, "EUR").display(java.util.Locale.ENGLISH)).isEqualTo("€1,234.56");
        assertThat(new Money(123456, "EUR").display(java.util.Locale.GERMANY)).isEqualTo("1.234,56\u00a0€");
        assertThat(new Money(1500, "JPY").display(java.util.Locale.US)).isEqualTo("¥1,500");
        assertThat(new Money(5, "USD").display(java.util.Locale.US)).isEqualTo("$0.05");
        assertThat(new Money(1234, "BHD").display(java.util.Locale.US)).isEqualTo("BHD1.234");
    }
}
