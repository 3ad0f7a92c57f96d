package dev.bazaar.ordering.domain;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Which shipping rates a shop offers for a destination and a cart. The zone that lists the destination's region wins;
 * otherwise the zone that lists its whole country; otherwise nothing is offered. Within the zone, a flat rate always
 * applies, a weight or subtotal rate when {@code min <= value < max} (an absent max has no upper bound), and a rate's
 * price is 0 when the subtotal is at or above its {@code free_above} threshold.
 */
public final class ShippingRates {

    private ShippingRates() {}

    public enum Kind { FLAT, WEIGHT, SUBTOTAL }

    /** A country (ISO 3166-1 alpha-2) or one of its regions (ISO 3166-2); {@code region} null for the whole country. */
    public record Area(String country, @Nullable String region) {}

    public record Rate(UUID id, String name, Kind kind, long price, long min, @Nullable Long max,
                       @Nullable Long freeAbove) {

        boolean covers(long subtotal, long weight) {
            long value = switch (kind) {
                case FLAT -> 0;
                case WEIGHT -> weight;
                case SUBTOTAL -> subtotal;
            };
            return kind == Kind.FLAT || value >= min && (max == null || value < max);
        }

        long priceFor(long subtotal) {
            return freeAbove != null && subtotal >= freeAbove ? 0 : price;
        }
    }

    public record Zone(UUID id, String name, List<Area> areas, List<Rate> rates) {}

    /** One rate on offer: its price after any free-shipping threshold. */
    public record Offer(UUID zoneId, UUID rateId, String name, long price) {}

    /** The zone for a destination: its region's zone first, else its country's. */
    public static Optional<Zone> zoneFor(List<Zone> zones, String country, @Nullable String region) {
        if (region != null) {
            Optional<Zone> regional = zones.stream()
                    .filter(zone -> zone.areas().contains(new Area(country, region))).findFirst();
            if (regional.isPresent()) {
                return regional;
            }
        }
        return zones.stream().filter(zone -> zone.areas().contains(new Area(country, null))).findFirst();
    }

    /** The rates offered, cheapest first (then by name); subtotal in minor units, weight in grams. */
    public static List<Offer> offered(List<Zone> zones, String country, @Nullable String region, long subtotal,
                                      long weight) {
        return zoneFor(zones, country, region).map(zone -> zone.rates().stream()
                        .filter(rate -> rate.covers(subtotal, weight))
                        .map(rate -> new Offer(zone.id(), rate.id(), rate.name(), rate.priceFor(subtotal)))
                        .sorted(Comparator.comparingLong(Offer::price).thenComparing(Offer::name))
                        .toList())
                .orElse(List.of());
    }
}
