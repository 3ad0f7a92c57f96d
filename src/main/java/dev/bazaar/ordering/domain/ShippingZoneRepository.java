package dev.bazaar.ordering.domain;

import dev.bazaar.ordering.domain.ShippingRates.Area;
import dev.bazaar.ordering.domain.ShippingRates.Kind;
import dev.bazaar.platform.persistence.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The current tenant's shipping zones, the countries and regions they cover, and their rates. */
@Repository
public class ShippingZoneRepository {

    private final JdbcClient jdbc;

    ShippingZoneRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public record ZoneRow(UUID id, long version, Instant createdAt, Instant updatedAt, String name) {}

    public record AreaRow(UUID zoneId, Area area) {}

    public record RateRow(UUID id, UUID zoneId, int position, String name, Kind kind, long price, String currency,
                          long min, @Nullable Long max, @Nullable Long freeAbove) {}

    public void insert(UUID tenant, ZoneRow zone) {
        jdbc.sql("""
                        insert into shipping_zones (tenant_id, id, version, created_at, updated_at, name)
                        values (:tenant, :id, 0, :at, :at, :name)""")
                .param("tenant", tenant).param("id", zone.id()).param("at", Sql.ts(zone.createdAt()))
                .param("name", zone.name()).update();
    }

    public boolean update(UUID tenant, UUID id, String name, long expectedVersion, Instant at) {
        return jdbc.sql("""
                        update shipping_zones set name = :name, version = version + 1, updated_at = :at
                        where tenant_id = :tenant and id = :id and version = :version""")
                .param("tenant", tenant).param("id", id).param("name", name).param("version", expectedVersion)
                .param("at", Sql.ts(at)).update() == 1;
    }

    public Optional<ZoneRow> find(UUID tenant, UUID id) {
        return jdbc.sql("select * from shipping_zones where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).query(ShippingZoneRepository::zone).optional();
    }

    public Optional<ZoneRow> lock(UUID tenant, UUID id) {
        return jdbc.sql("select * from shipping_zones where tenant_id = :tenant and id = :id for update")
                .param("tenant", tenant).param("id", id).query(ShippingZoneRepository::zone).optional();
    }

    public List<ZoneRow> list(UUID tenant, int limit) {
        return jdbc.sql("select * from shipping_zones where tenant_id = :tenant order by name, id limit :limit")
                .param("tenant", tenant).param("limit", limit).query(ShippingZoneRepository::zone).list();
    }

    public void delete(UUID tenant, UUID id) {
        jdbc.sql("delete from shipping_zones where tenant_id = :tenant and id = :id")
                .param("tenant", tenant).param("id", id).update();
    }

    /** The areas of the given zones, in one query. */
    public List<AreaRow> areas(UUID tenant, Collection<UUID> zones) {
        if (zones.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                        select zone_id, country, region from shipping_zone_areas
                        where tenant_id = :tenant and zone_id in (:zones) order by country, region""")
                .param("tenant", tenant).param("zones", zones)
                .query((rs, n) -> new AreaRow(rs.getObject("zone_id", UUID.class), new Area(rs.getString("country"),
                        rs.getString("region").isEmpty() ? null : rs.getString("region"))))
                .list();
    }

    /** Which of {@code areas} another zone than {@code zone} already covers. */
    public List<Area> takenElsewhere(UUID tenant, UUID zone, Collection<Area> areas) {
        if (areas.isEmpty()) {
            return List.of();
        }
        List<String> keys = areas.stream().map(area -> area.country() + "/" + (area.region() == null ? "" : area.region()))
                .toList();
        return jdbc.sql("""
                        select country, region from shipping_zone_areas
                        where tenant_id = :tenant and zone_id <> :zone and country || '/' || region in (:keys)
                        order by country, region""")
                .param("tenant", tenant).param("zone", zone).param("keys", keys)
                .query((rs, n) -> new Area(rs.getString("country"),
                        rs.getString("region").isEmpty() ? null : rs.getString("region")))
                .list();
    }

    public void replaceAreas(UUID tenant, UUID zone, List<Area> areas) {
        jdbc.sql("delete from shipping_zone_areas where tenant_id = :tenant and zone_id = :zone")
                .param("tenant", tenant).param("zone", zone).update();
        for (Area area : areas) {
            jdbc.sql("insert into shipping_zone_areas (tenant_id, zone_id, country, region) values (:tenant, :zone, :country, :region)")
                    .param("tenant", tenant).param("zone", zone).param("country", area.country())
                    .param("region", area.region() == null ? "" : area.region()).update();
        }
    }

    /** The rates of the given zones, in one query, in their order within each zone. */
    public List<RateRow> rates(UUID tenant, Collection<UUID> zones) {
        if (zones.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select * from shipping_rates where tenant_id = :tenant and zone_id in (:zones) order by zone_id, position")
                .param("tenant", tenant).param("zones", zones).query(ShippingZoneRepository::rate).list();
    }

    public void replaceRates(UUID tenant, UUID zone, List<RateRow> rates) {
        jdbc.sql("delete from shipping_rates where tenant_id = :tenant and zone_id = :zone")
                .param("tenant", tenant).param("zone", zone).update();
        for (RateRow rate : rates) {
            jdbc.sql("""
                            insert into shipping_rates (tenant_id, id, zone_id, position, name, kind, price_amount, currency,
                                                        min_value, max_value, free_above)
                            values (:tenant, :id, :zone, :position, :name, :kind, :price, :currency, :min, :max, :free)""")
                    .param("tenant", tenant).param("id", rate.id()).param("zone", zone).param("position", rate.position())
                    .param("name", rate.name()).param("kind", rate.kind().name().toLowerCase(Locale.ROOT))
                    .param("price", rate.price()).param("currency", rate.currency()).param("min", rate.min())
                    .param("max", rate.max()).param("free", rate.freeAbove()).update();
        }
    }

    static ZoneRow zone(ResultSet rs, int n) throws SQLException {
        return new ZoneRow(rs.getObject("id", UUID.class), rs.getLong("version"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"), rs.getString("name"));
    }

    static RateRow rate(ResultSet rs, int n) throws SQLException {
        return new RateRow(rs.getObject("id", UUID.class), rs.getObject("zone_id", UUID.class), rs.getInt("position"),
                rs.getString("name"), Kind.valueOf(rs.getString("kind").toUpperCase(Locale.ROOT)),
                rs.getLong("price_amount"), rs.getString("currency"), rs.getLong("min_value"),
                rs.getObject("max_value", Long.class), rs.getObject("free_above", Long.class));
    }
}
