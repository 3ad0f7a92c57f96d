package dev.bazaar.ordering;

import dev.bazaar.ordering.domain.ShippingRates;
import dev.bazaar.ordering.domain.ShippingRates.Area;
import dev.bazaar.ordering.domain.ShippingRates.Kind;
import dev.bazaar.ordering.domain.ShippingZoneRepository;
import dev.bazaar.ordering.domain.ShippingZoneRepository.RateRow;
import dev.bazaar.ordering.domain.ShippingZoneRepository.ZoneRow;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.Money;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import dev.bazaar.tenancy.ShopQueries;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A shop's shipping zones: named sets of countries and regions, each country or region in at most one zone, with the
 * rates offered there. Rates are part of the zone: a write that sends {@code rates} replaces them all (with new ids).
 */
@Service
public class ShippingZoneService {

    /** At most this many zones per shop, and rates and countries per zone. */
    public static final int MAX_ZONES = 200;
    public static final int MAX_RATES = 50;
    public static final int MAX_COUNTRIES = 250;

    private final ShippingZoneRepository zones;
    private final ShopQueries shops;
    private final AuditLog audit;
    private final Clock clock;

    ShippingZoneService(ShippingZoneRepository zones, ShopQueries shops, AuditLog audit, Clock clock) {
        this.zones = zones;
        this.shops = shops;
        this.audit = audit;
        this.clock = clock;
    }

    /** A country of a zone: all of it when {@code regions} is empty, else only those ISO 3166-2 regions. */
    public record CountrySpec(@Nullable String code, @Nullable List<String> regions) {}

    /**
     * A rate: {@code kind} flat, weight (bounds in grams) or subtotal (bounds in minor units); it covers
     * {@code min <= value < max}; free when the subtotal reaches {@code freeAbove}. {@code id}, on update only, names
     * one of the zone's rates that this one replaces in place (keeping its id, so that carts keep it chosen); without
     * it the rate is new.
     */
    public record RateSpec(@Nullable UUID id, @Nullable String name, @Nullable String kind, @Nullable Money price,
                           @Nullable Long min, @Nullable Long max, @Nullable Money freeAbove) {}

    /** Absent (null) fields stay as they are on update. */
    public record ZoneSpec(@Nullable String name, @Nullable List<CountrySpec> countries, @Nullable List<RateSpec> rates) {}

    public record CountryView(String code, List<String> regions) {}

    public record RateView(UUID id, String name, String kind, Money price, @Nullable Long min, @Nullable Long max,
                           @Nullable Money freeAbove) {}

    public record ZoneView(UUID id, String name, List<CountryView> countries, List<RateView> rates, Instant createdAt,
                           Instant updatedAt, @JsonIgnore long version) {}

    @Transactional(readOnly = true)
    public List<ZoneView> list() {
        UUID tenant = TenantContext.requireTenantId();
        return views(tenant, zones.list(tenant, MAX_ZONES));
    }

    @Transactional(readOnly = true)
    public ZoneView get(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        return views(tenant, List.of(zones.find(tenant, id).orElseThrow(ShippingZoneService::notFound))).getFirst();
    }

    /** The zones as the pure rate selection reads them, for checkout. */
    @Transactional(readOnly = true)
    public List<ShippingRates.Zone> rules() {
        return list().stream().map(zone -> new ShippingRates.Zone(zone.id(), zone.name(),
                zone.countries().stream().flatMap(country -> country.regions().isEmpty()
                        ? java.util.stream.Stream.of(new Area(country.code(), null))
                        : country.regions().stream().map(region -> new Area(country.code(), region))).toList(),
                zone.rates().stream().map(rate -> new ShippingRates.Rate(rate.id(), rate.name(),
                        Kind.valueOf(rate.kind().toUpperCase(Locale.ROOT)), rate.price().amount(),
                        rate.min() == null ? 0 : rate.min(), rate.max(),
                        rate.freeAbove() == null ? null : rate.freeAbove().amount())).toList())).toList();
    }

    @Transactional
    public ZoneView create(ZoneSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        if (spec.name() == null) {
            throw ApplicationException.invalidField("name", "required", "is required");
        }
        String name = Text.line("name", spec.name(), 120);
        List<Area> areas = areas(spec.countries() == null ? List.of() : spec.countries());
        UUID id = Ids.newId();
        List<RateRow> rates = rates(id, spec.rates() == null ? List.of() : spec.rates(), Set.of());
        if (zones.list(tenant, MAX_ZONES).size() >= MAX_ZONES) {
            throw ApplicationException.invalidField("name", "too_many", "a shop has at most " + MAX_ZONES + " shipping zones");
        }
        Instant now = clock.instant();
        zones.insert(tenant, new ZoneRow(id, 0, now, now, name));
        writeAreas(tenant, id, areas);
        zones.replaceRates(tenant, id, rates);
        audit.record("shipping_zone.created", "shipping_zone", id, Map.of(), Map.of("name", name));
        return get(id);
    }

    @Transactional
    public ZoneView update(UUID id, ZoneSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ZoneRow before = zones.lock(tenant, id).orElseThrow(ShippingZoneService::notFound);
        String name = spec.name() != null ? Text.line("name", spec.name(), 120) : before.name();
        List<Area> areas = spec.countries() != null ? areas(spec.countries()) : null;
        List<RateRow> rates = spec.rates() == null ? null : rates(id, spec.rates(),
                zones.rates(tenant, List.of(id)).stream().map(RateRow::id).collect(Collectors.toSet()));
        if (!zones.update(tenant, id, name, expectedVersion != null ? expectedVersion : before.version(), clock.instant())) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The zone was changed since you read it");
        }
        if (areas != null) {
            writeAreas(tenant, id, areas);
        }
        if (rates != null) {
            zones.replaceRates(tenant, id, rates);
        }
        audit.record("shipping_zone.updated", "shipping_zone", id, Map.of("name", before.name()), Map.of("name", name));
        return get(id);
    }

    @Transactional
    public void delete(UUID id, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        ZoneRow zone = zones.lock(tenant, id).orElseThrow(ShippingZoneService::notFound);
        if (expectedVersion != null && expectedVersion != zone.version()) {
            throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The zone was changed since you read it");
        }
        zones.delete(tenant, id);
        audit.record("shipping_zone.deleted", "shipping_zone", id, Map.of("name", zone.name()), Map.of());
    }

    private void writeAreas(UUID tenant, UUID zone, List<Area> areas) {
        List<Area> taken = zones.takenElsewhere(tenant, zone, areas);
        if (!taken.isEmpty()) {
            throw taken(taken);
        }
        try {
            zones.replaceAreas(tenant, zone, areas);
        } catch (DuplicateKeyException e) {
            // Another zone took one of them concurrently.
            throw taken(List.of());
        }
    }

    private static ApplicationException taken(List<Area> areas) {
        List<String> codes = areas.stream().map(area -> area.region() != null ? area.region() : area.country()).toList();
        return new ApplicationException(OrderingErrorCode.SHIPPING_AREA_TAKEN,
                "A country or region belongs to at most one zone of a shop; remove it from the other zone first",
                List.of(), codes.isEmpty() ? Map.of() : Map.of("taken", codes));
    }

    private static List<Area> areas(List<CountrySpec> countries) {
        if (countries.size() > MAX_COUNTRIES) {
            throw ApplicationException.invalidField("countries", "too_many", "at most " + MAX_COUNTRIES + " countries");
        }
        List<Area> areas = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < countries.size(); i++) {
            CountrySpec spec = countries.get(i);
            String field = "countries[" + i + "]";
            String country = Places.country(field + ".code", spec.code());
            if (!seen.add(country)) {
                throw ApplicationException.invalidField(field + ".code", "duplicate", "lists " + country + " twice");
            }
            List<String> regions = spec.regions() == null ? List.of() : spec.regions();
            if (regions.size() > 100) {
                throw ApplicationException.invalidField(field + ".regions", "too_many", "at most 100 regions");
            }
            if (regions.isEmpty()) {
                areas.add(new Area(country, null));
            }
            Set<String> seenRegions = new HashSet<>();
            for (int j = 0; j < regions.size(); j++) {
                String region = Places.region(field + ".regions[" + j + "]", country, regions.get(j));
                if (region == null || !seenRegions.add(region)) {
                    throw ApplicationException.invalidField(field + ".regions[" + j + "]", "duplicate", "is blank or listed twice");
                }
                areas.add(new Area(country, region));
            }
        }
        return areas;
    }

    /** {@code current}: the ids of the zone's rates, which a spec's {@code id} may name (none for a new zone). */
    private List<RateRow> rates(UUID zone, List<RateSpec> specs, Set<UUID> current) {
        if (specs.size() > MAX_RATES) {
            throw ApplicationException.invalidField("rates", "too_many", "at most " + MAX_RATES + " rates");
        }
        String currency = shops.current().currency();
        List<RateRow> rates = new ArrayList<>();
        Set<UUID> kept = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            RateSpec spec = specs.get(i);
            String field = "rates[" + i + "]";
            if (spec.id() != null && !current.contains(spec.id())) {
                throw ApplicationException.invalidField(field + ".id", "unknown_rate", current.isEmpty()
                        ? "a new zone's rates get new ids" : "is not one of this zone's rates");
            }
            if (spec.id() != null && !kept.add(spec.id())) {
                throw ApplicationException.invalidField(field + ".id", "duplicate", "names a rate listed before");
            }
            if (spec.name() == null) {
                throw ApplicationException.invalidField(field + ".name", "required", "is required");
            }
            String name = Text.line(field + ".name", spec.name(), 120);
            Kind kind = kind(field + ".kind", spec.kind());
            if (spec.price() == null) {
                throw ApplicationException.invalidField(field + ".price", "required", "is required");
            }
            Money price = Money.price(field + ".price", spec.price().amount(), spec.price().currency(), currency);
            long min = spec.min() == null ? 0 : spec.min();
            if (kind == Kind.FLAT && (spec.min() != null || spec.max() != null)) {
                throw ApplicationException.invalidField(field + ".min", "not_allowed", "a flat rate has no bounds");
            }
            if (min < 0) {
                throw ApplicationException.invalidField(field + ".min", "must_not_be_negative", "must be 0 or more");
            }
            if (spec.max() != null && spec.max() <= min) {
                throw ApplicationException.invalidField(field + ".max", "must_exceed_min", "must be greater than min");
            }
            Long freeAbove = spec.freeAbove() == null ? null : Money.price(field + ".free_above", spec.freeAbove().amount(),
                    spec.freeAbove().currency(), currency).amount();
            rates.add(new RateRow(spec.id() != null ? spec.id() : Ids.newId(), zone, i, name, kind, price.amount(), currency, min, spec.max(), freeAbove));
        }
        return rates;
    }

    private static Kind kind(String field, @Nullable String kind) {
        if (kind == null) {
            throw ApplicationException.invalidField(field, "required", "is required");
        }
        return switch (kind) {
            case "flat" -> Kind.FLAT;
            case "weight" -> Kind.WEIGHT;
            case "subtotal" -> Kind.SUBTOTAL;
            default -> throw ApplicationException.invalidField(field, "unknown_kind", "must be flat, weight or subtotal");
        };
    }

    private List<ZoneView> views(UUID tenant, List<ZoneRow> rows) {
        List<UUID> ids = rows.stream().map(ZoneRow::id).toList();
        Map<UUID, List<Area>> areas = zones.areas(tenant, ids).stream().collect(Collectors.groupingBy(
                ShippingZoneRepository.AreaRow::zoneId, Collectors.mapping(ShippingZoneRepository.AreaRow::area, Collectors.toList())));
        Map<UUID, List<RateRow>> rates = zones.rates(tenant, ids).stream().collect(Collectors.groupingBy(RateRow::zoneId));
        return rows.stream().map(row -> new ZoneView(row.id(), row.name(), countries(areas.getOrDefault(row.id(), List.of())),
                rates.getOrDefault(row.id(), List.of()).stream().map(ShippingZoneService::rate).toList(), row.createdAt(),
                row.updatedAt(), row.version())).toList();
    }

    private static List<CountryView> countries(List<Area> areas) {
        Map<String, List<String>> byCountry = new LinkedHashMap<>();
        for (Area area : areas) {
            List<String> regions = byCountry.computeIfAbsent(area.country(), c -> new ArrayList<>());
            if (area.region() != null) {
                regions.add(area.region());
            }
        }
        return byCountry.entrySet().stream().map(e -> new CountryView(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    private static RateView rate(RateRow row) {
        boolean bounded = row.kind() != Kind.FLAT;
        return new RateView(row.id(), row.name(), row.kind().name().toLowerCase(Locale.ROOT),
                new Money(row.price(), row.currency()), bounded ? row.min() : null, bounded ? row.max() : null,
                row.freeAbove() == null ? null : new Money(row.freeAbove(), row.currency()));
    }

    static ApplicationException notFound() {
        return new ApplicationException(OrderingErrorCode.SHIPPING_ZONE_NOT_FOUND, "No such shipping zone in this shop");
    }
}
