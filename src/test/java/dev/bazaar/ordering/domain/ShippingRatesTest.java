package dev.bazaar.ordering.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bazaar.ordering.domain.ShippingRates.Area;
import dev.bazaar.ordering.domain.ShippingRates.Kind;
import dev.bazaar.ordering.domain.ShippingRates.Offer;
import dev.bazaar.ordering.domain.ShippingRates.Rate;
import dev.bazaar.ordering.domain.ShippingRates.Zone;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ShippingRatesTest {

    private final Rate usFlat = new Rate(UUID.randomUUID(), "Standard", Kind.FLAT, 900, 0, null, 5000L);
    private final Rate usHeavy = new Rate(UUID.randomUUID(), "Heavy", Kind.WEIGHT, 2500, 5000, null, null);
    private final Rate usLight = new Rate(UUID.randomUUID(), "Light", Kind.WEIGHT, 500, 0, 5000L, null);
    private final Rate caSmall = new Rate(UUID.randomUUID(), "Small order", Kind.SUBTOTAL, 1200, 0, 2000L, null);
    private final Rate caLarge = new Rate(UUID.randomUUID(), "Large order", Kind.SUBTOTAL, 700, 2000, null, 10_000L);
    private final Zone us = new Zone(UUID.randomUUID(), "US", List.of(new Area("US", null)), List.of(usFlat, usHeavy, usLight));
    private final Zone california = new Zone(UUID.randomUUID(), "California",
            List.of(new Area("US", "US-CA"), new Area("US", "US-OR")), List.of(caSmall, caLarge));
    private final List<Zone> zones = List.of(us, california);

    @Test
    void theRegionsZoneWinsOverTheCountrys() {
        assertThat(ShippingRates.zoneFor(zones, "US", "US-CA")).contains(california);
        assertThat(ShippingRates.zoneFor(zones, "US", "US-NY")).contains(us);
        assertThat(ShippingRates.zoneFor(zones, "US", null)).contains(us);
        assertThat(ShippingRates.zoneFor(zones, "DE", null)).isEmpty();
        assertThat(ShippingRates.zoneFor(List.of(california), "US", "US-NY")).isEmpty();
    }

    @Test
    void offersTheRatesWhoseBoundsHoldTheValueWithMinInclusiveAndMaxExclusive() {
        assertThat(names(ShippingRates.offered(zones, "US", null, 1000, 4999))).containsExactly("Light", "Standard");
        assertThat(names(ShippingRates.offered(zones, "US", null, 1000, 5000))).containsExactly("Standard", "Heavy");
        assertThat(names(ShippingRates.offered(zones, "US", "US-CA", 1999, 0))).containsExactly("Small order");
        assertThat(names(ShippingRates.offered(zones, "US", "US-CA", 2000, 0))).containsExactly("Large order");
        assertThat(ShippingRates.offered(zones, "FR", null, 2000, 0)).isEmpty();
    }

    @Test
    void isFreeAtAndAboveTheThreshold() {
        assertThat(price(ShippingRates.offered(zones, "US", null, 4999, 100), "Standard")).isEqualTo(900);
        assertThat(price(ShippingRates.offered(zones, "US", null, 5000, 100), "Standard")).isZero();
        assertThat(price(ShippingRates.offered(zones, "US", "US-OR", 9999, 0), "Large order")).isEqualTo(700);
        assertThat(price(ShippingRates.offered(zones, "US", "US-OR", 10_000, 0), "Large order")).isZero();
    }

    @Test
    void everyOfferCoversItsValueOverManyValues() {
        for (long value = 0; value < 20_000; value += 13) {
            for (Offer offer : ShippingRates.offered(zones, "US", null, value, value)) {
                Rate rate = List.of(usFlat, usHeavy, usLight).stream().filter(r -> r.id().equals(offer.rateId())).findFirst().orElseThrow();
                assertThat(rate.kind() == Kind.FLAT || value >= rate.min() && (rate.max() == null || value < rate.max())).isTrue();
                assertThat(offer.price()).isEqualTo(rate.freeAbove() != null && value >= rate.freeAbove() ? 0 : rate.price());
            }
            // The two weight rates partition the weights: exactly one applies, plus the flat one.
            assertThat(ShippingRates.offered(zones, "US", null, value, value)).hasSize(2);
        }
    }

    private static List<String> names(List<Offer> offers) {
        return offers.stream().map(Offer::name).toList();
    }

    private static long price(List<Offer> offers, String name) {
        return offers.stream().filter(offer -> offer.name().equals(name)).findFirst().orElseThrow().price();
    }
}
