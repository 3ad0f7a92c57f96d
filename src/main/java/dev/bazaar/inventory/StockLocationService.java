package dev.bazaar.inventory;

import dev.bazaar.inventory.domain.ItemRepository;
import dev.bazaar.inventory.domain.LocationRepository;
import dev.bazaar.inventory.domain.LocationRepository.LocationRow;
import dev.bazaar.inventory.domain.StockRepository;
import dev.bazaar.platform.ApplicationException;
import dev.bazaar.platform.AuditLog;
import dev.bazaar.platform.Ids;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.TenantContext;
import dev.bazaar.platform.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** A shop's stock locations (warehouses, stores): names unique in the shop, a priority for reservations, an address. */
@Service
public class StockLocationService {

    private final LocationRepository locations;
    private final StockRepository stock;
    private final ItemRepository items;
    private final LowStockWatch lowStock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    StockLocationService(LocationRepository locations, StockRepository stock, ItemRepository items, LowStockWatch lowStock,
                         AuditLog audit, ApplicationEventPublisher events, Clock clock) {
        this.locations = locations;
        this.stock = stock;
        this.items = items;
        this.lowStock = lowStock;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
    }

    /** Where a location is; every field optional, {@code country} an ISO 3166-1 alpha-2 code. */
    public record Address(@Nullable String line1, @Nullable String line2, @Nullable String city, @Nullable String region,
                          @Nullable String postalCode, @Nullable String country) {}

    public record LocationView(UUID id, String name, int priority, boolean active, Address address, Instant createdAt,
                               Instant updatedAt, @com.fasterxml.jackson.annotation.JsonIgnore long version) {}

    /** Absent (null) fields stay as they are on update. */
    public record LocationSpec(@Nullable String name, @Nullable Integer priority, @Nullable Boolean active,
                               @Nullable Address address) {}

    @Transactional(readOnly = true)
    public List<LocationView> list() {
        return locations.list(TenantContext.requireTenantId()).stream().map(StockLocationService::view).toList();
    }

    @Transactional(readOnly = true)
    public LocationView get(UUID id) {
        return locations.find(TenantContext.requireTenantId(), id).map(StockLocationService::view)
                .orElseThrow(StockLocationService::notFound);
    }

    @Transactional
    public LocationView create(LocationSpec spec) {
        UUID tenant = TenantContext.requireTenantId();
        if (spec.name() == null) {
            throw ApplicationException.invalidField("name", "required", "is required");
        }
        Instant now = clock.instant();
        LocationRow location = new LocationRow(Ids.newId(), 0, now, now, Text.line("name", spec.name(), 120),
                priority(spec.priority() == null ? 0 : spec.priority()), spec.active() == null || spec.active(),
                address(spec.address()));
        try {
            locations.insert(tenant, location);
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        audit.record("stock_location.created", "stock_location", location.id(), Map.of(), fields(location));
        return get(location.id());
    }

    @Transactional
    public LocationView update(UUID id, LocationSpec spec, @Nullable Long expectedVersion) {
        UUID tenant = TenantContext.requireTenantId();
        LocationRow before = locations.find(tenant, id).orElseThrow(StockLocationService::notFound);
        LocationRow after = new LocationRow(id, before.version(), before.createdAt(), before.updatedAt(),
                spec.name() != null ? Text.line("name", spec.name(), 120) : before.name(),
                spec.priority() != null ? priority(spec.priority()) : before.priority(),
                spec.active() != null ? spec.active() : before.active(),
                spec.address() != null ? address(spec.address()) : before.address());
        Instant now = clock.instant();
        try {
            if (!locations.update(tenant, after, expectedVersion != null ? expectedVersion : before.version(), now)) {
                throw new ApplicationException(PlatformErrorCode.PRECONDITION_FAILED, "The location was changed since you read it");
            }
        } catch (DuplicateKeyException e) {
            throw taken();
        }
        if (before.active() != after.active()) {
            // Its stock stops or starts counting as available: the thresholds of the variants it holds are watched.
            for (UUID variant : items.watchedAt(tenant, id)) {
                lowStock.check(tenant, variant, now);
            }
            events.publishEvent(new InventoryEvent.LocationActivityChanged(tenant, id, after.active(),
                    stock.variantsAt(tenant, id), now));
        }
        audit.record("stock_location.updated", "stock_location", id, fields(before), fields(after));
        return get(id);
    }

    /** Only a location that holds and reserves nothing can go (with its empty levels); its ledger stays. */
    @Transactional
    public void delete(UUID id) {
        UUID tenant = TenantContext.requireTenantId();
        LocationRow location = locations.lock(tenant, id).orElseThrow(StockLocationService::notFound);
        if (stock.holdsStock(tenant, id)) {
            throw new ApplicationException(InventoryErrorCode.LOCATION_IN_USE,
                    "The location holds or has reserved stock; move it or adjust it to zero first");
        }
        locations.delete(tenant, id);
        audit.record("stock_location.deleted", "stock_location", id, fields(location), Map.of());
    }

    static ApplicationException notFound() {
        return new ApplicationException(InventoryErrorCode.LOCATION_NOT_FOUND, "No such stock location in this shop");
    }

    private static ApplicationException taken() {
        return new ApplicationException(InventoryErrorCode.LOCATION_TAKEN, "Another stock location has this name");
    }

    private static int priority(int priority) {
        if (priority < 0 || priority > 1_000_000) {
            throw ApplicationException.invalidField("priority", "out_of_range", "must be 0 to 1,000,000");
        }
        return priority;
    }

    private static Address address(@Nullable Address address) {
        if (address == null) {
            return new Address(null, null, null, null, null, null);
        }
        String country = address.country() == null || address.country().isBlank() ? null
                : address.country().strip().toUpperCase(Locale.ROOT);
        if (country != null && !List.of(Locale.getISOCountries()).contains(country)) {
            throw ApplicationException.invalidField("address.country", "unknown_country", "must be an ISO 3166-1 alpha-2 code");
        }
        return new Address(optional("address.line1", address.line1(), 200), optional("address.line2", address.line2(), 200),
                optional("address.city", address.city(), 100), optional("address.region", address.region(), 100),
                optional("address.postal_code", address.postalCode(), 20), country);
    }

    private static @Nullable String optional(String field, @Nullable String value, int max) {
        return value == null || value.isBlank() ? null : Text.line(field, value, max);
    }

    private static Map<String, Object> fields(LocationRow location) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", location.name());
        fields.put("priority", location.priority());
        fields.put("active", location.active());
        return fields;
    }

    private static LocationView view(LocationRow row) {
        return new LocationView(row.id(), row.name(), row.priority(), row.active(), row.address(), row.createdAt(),
                row.updatedAt(), row.version());
    }
}
